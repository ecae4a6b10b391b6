/* exc_svc: SVCall and PendSV (Arm DDI0403E B1.5.2, B1.5.6-B1.5.8).
 *
 * The SVC handler finds the caller's frame from EXC_RETURN bit 2, reads the SVC number from the
 * instruction before the stacked return address, takes its arguments from the stacked r0-r3 (and a
 * fifth one from the caller's stack above the frame, past the alignment word when stacked xPSR bit 9
 * says there is one), and returns results by writing the stacked r0/r1. It is called from Thread
 * mode on the main and the process stack, privileged and unprivileged, and from a PendSV handler.
 * PendSV is pended from Thread mode, from the SVC handler (runs after it, before Thread mode
 * resumes), and cleared again with PENDSVCLR. */
#include "exc.h"
#include "sh.h"

typedef uint32_t svcfn(uint32_t a, uint32_t b, uint32_t c, uint32_t d);
extern svcfn svc_0, svc_2, svc_3, svc_4, svc_6, svc_66, svc_255;
uint64_t svc_1(uint32_t a, uint32_t b);
void svc_7(uint32_t a);
uint32_t svc_5(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
uint32_t svc5_odd(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e);
uint32_t run_on_psp(uint32_t (*fn)(uint32_t), uint32_t arg, uint32_t *psp_top, uint32_t control);
void svc_entry(void);

static char trace[256];
static volatile unsigned ntrace;
static void tput(const char *s)
{
    while (*s && ntrace + 2 < sizeof trace)
        trace[ntrace++] = *s++;
    trace[ntrace++] = ' ';
}
static void show_trace(const char *name)
{
    out_str(name);
    out_str(": ");
    for (unsigned i = 0; i < ntrace; i++)
        out_char(trace[i]);
    out_nl();
    ntrace = 0;
}

/* What the last SVC saw. */
static volatile uint32_t last_num, last_excret, last_control, last_ipsr, last_align;

static uint32_t slen(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

static void redirected(uint32_t x);

void svc_c(uint32_t *frame, uint32_t exc_return, uint32_t control);
void svc_c(uint32_t *frame, uint32_t exc_return, uint32_t control)
{
    uint32_t num = ((const uint8_t *)frame[6])[-2]; /* SVC encoding T1: 0xDF, imm8 (A7.7.175) */
    uint32_t align = (frame[7] >> 9) & 1;
    last_num = num;
    last_excret = exc_return;
    last_control = control;
    last_ipsr = get_ipsr();
    last_align = align;
    tput("svc+");
    switch (num) {
    case 0: /* add */
        frame[0] = frame[0] + frame[1];
        break;
    case 1: /* 64-bit product in r0:r1 */
    {
        uint64_t p = (uint64_t)frame[0] * frame[1];
        frame[0] = (uint32_t)p;
        frame[1] = (uint32_t)(p >> 32);
        break;
    }
    case 2: /* string length of a caller's pointer */
        frame[0] = slen((const char *)frame[0]);
        break;
    case 3: /* pend PendSV, which runs when this handler returns */
        SCB_ICSR = ICSR_PENDSVSET;
        barrier();
        tput("pended");
        break;
    case 4: /* pend PendSV and clear it again */
        SCB_ICSR = ICSR_PENDSVSET;
        SCB_ICSR = ICSR_PENDSVCLR;
        barrier();
        break;
    case 5: /* five arguments: the fifth is on the caller's stack above the frame */
        frame[0] = frame[0] + 2 * frame[1] + 3 * frame[2] + 4 * frame[3] + 5 * frame[8 + align];
        break;
    case 6: /* return the caller's stacked xPSR with the flags and the alignment bit */
        frame[0] = frame[7];
        break;
    case 7: /* divert the caller: run redirected(r0) first, which returns to after the SVC */
        frame[5] = frame[6] | 1u;
        frame[6] = (uint32_t)redirected & ~1u;
        break;
    case 255: /* back to privileged */
        set_control(get_control() & ~1u);
        break;
    default:
        frame[0] = 0xEEEE0000u | num;
        break;
    }
    tput("svc-");
}

static volatile uint32_t redirected_arg;
static void redirected(uint32_t x)
{
    redirected_arg = x;
    tput("redirected");
}

static volatile int pendsv_calls_svc;
static volatile uint32_t pendsv_svc_result;
static void pendsv_handler(void)
{
    tput("pendsv+");
    if (pendsv_calls_svc)
        pendsv_svc_result = svc_0(40, 2, 0, 0);
    tput("pendsv-");
}

static void unexpected(void)
{
    out_str("unexpected exception ");
    out_udec(get_ipsr());
    out_nl();
    sh_exit(4);
}

EXC_VECTOR_TABLE(vectors) = {
    [0 ... 15 + EXC_N_IRQ] = unexpected,
    [EXC_SVCALL] = svc_entry,
    [EXC_PENDSV] = pendsv_handler,
};

static void show_last(void)
{
    out_str("  svc #");
    out_udec(last_num);
    out_str(" ipsr=");
    out_udec(last_ipsr);
    out_str(" exc_return=");
    out_hex(last_excret);
    out_str(" control=");
    out_udec(last_control);
    out_str(" align=");
    out_udec(last_align);
    out_nl();
}

static uint32_t psp_stack[256] __attribute__((aligned(8)));
static volatile uint32_t in_thread_control, in_thread_sum;

static volatile uint32_t psp_excret, psp_control;
static uint32_t on_psp(uint32_t arg)
{
    in_thread_control = get_control();
    in_thread_sum = svc_5(arg, 1, 2, 3, 4);
    uint32_t r = svc_0(arg, 0x1000, 0, 0);
    psp_excret = last_excret;
    psp_control = last_control;
    return r;
}

int main(void)
{
    out_str("exc_svc: SVCall and PendSV\n");
    exc_install(vectors);
    SCB_SHPR8(EXC_SVCALL) = 0x80;
    SCB_SHPR8(EXC_PENDSV) = 0xF0;

    out_kv("svc #0 add(1234, 4321)", svc_0(1234, 4321, 0, 0));
    show_last();
    {
        uint64_t p = svc_1(0x12345678u, 0x9ABCDEF0u);
        out_str("svc #1 mul r1:r0=");
        out_hex((uint32_t)(p >> 32));
        out_char(':');
        out_hex((uint32_t)p);
        out_nl();
    }
    out_kv("svc #2 strlen(\"supervisor call\")", svc_2((uint32_t)"supervisor call", 0, 0, 0));
    out_kv("svc #66 (unknown)", svc_66(0, 0, 0, 0));
    show_last();
    out_kv("svc #5 (1,2,3,4,5) even sp", svc_5(1, 2, 3, 4, 5));
    show_last();
    out_kv("svc #5 (1,2,3,4,5) odd sp", svc5_odd(1, 2, 3, 4, 5));
    show_last();
    {
        uint32_t x;
        /* stacked xPSR: flags N and C set by the CMP just before the SVC */
        __asm__ volatile("movs r0, #1\n\t"
                         "cmp r0, #2\n\t"
                         "svc #6\n\t"
                         "mov %0, r0"
                         : "=r"(x)
                         :
                         : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
        out_kv("svc #6 stacked xpsr after cmp 1,2", x);
    }
    redirected_arg = 0;
    svc_7(0x77);
    tput("thread");
    out_kv("svc #7 diverts to redirected(), which saw", redirected_arg);
    show_trace("trace");

    /* PendSV */
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    show_trace("PENDSVSET from thread");
    svc_3(0, 0, 0, 0);
    tput("thread");
    show_trace("svc pends PendSV (0xf0 below svc 0x80)");
    svc_4(0, 0, 0, 0);
    tput("thread");
    show_trace("svc pends and clears PendSV");
    out_kv("icsr pendsvset", SCB_ICSR & ICSR_PENDSVSET);
    SCB_SHPR8(EXC_PENDSV) = 0x40;
    svc_3(0, 0, 0, 0);
    tput("thread");
    show_trace("svc pends PendSV (0x40 above svc 0x80)");

    /* SVC from a handler (PendSV 0xf0 below SVCall 0x40): EXC_RETURN to Handler mode */
    SCB_SHPR8(EXC_PENDSV) = 0xF0;
    SCB_SHPR8(EXC_SVCALL) = 0x40;
    pendsv_calls_svc = 1;
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    pendsv_calls_svc = 0;
    show_trace("svc from pendsv");
    out_kv("  result", pendsv_svc_result);
    show_last();

    /* Thread mode on the process stack, privileged then unprivileged */
    uint32_t *top = psp_stack + 256;
    uint32_t r = run_on_psp(on_psp, 7, top, 2);
    out_kv("psp privileged: svc #0 add(7, 0x1000)", r);
    out_kv("  svc #5 (7,1,2,3,4)", in_thread_sum);
    out_kv("  control in thread", in_thread_control);
    out_kv("  exc_return in svc", psp_excret);
    out_kv("  control in svc", psp_control);
    r = run_on_psp(on_psp, 9, top, 3);
    out_kv("psp unprivileged: svc #0 add(9, 0x1000)", r);
    out_kv("  svc #5 (9,1,2,3,4)", in_thread_sum);
    out_kv("  control in thread", in_thread_control);
    out_kv("  exc_return in svc", psp_excret);
    out_kv("  control in svc", psp_control);
    out_kv("control at end", get_control());
    show_trace("trace");
    out_str("done\n");
    return 0;
}

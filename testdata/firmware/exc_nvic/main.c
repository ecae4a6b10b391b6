/* exc_nvic: NVIC priorities, preemption and masking (Arm DDI0403E B1.5.4-B1.5.6, B3.4).
 *
 * Six external interrupts, A-F = IRQ 24-29, share one handler that appends "X+" on entry and "X-"
 * on exit to a trace and in between runs the action the current scenario gave that IRQ (pend
 * others through STIR, read ICSR/IABR, change masks). Every interrupt is pended by software with a
 * DSB+ISB after it, so what runs when is fixed by the architecture, not by timing: nesting and
 * preemption across priority groups only, tail-chained pending interrupts in priority order (lower
 * exception number first on equal priority), PRIMASK/FAULTMASK/BASEPRI/BASEPRI_MAX masking,
 * ISPR/ICPR/ISER/ICER/IABR/IPR, and ICSR VECTACTIVE/VECTPENDING/RETTOBASE/PENDSVSET/PENDSTSET.
 *
 * Not printed because QEMU 7.2 (which produces expected.txt) differs from the Arm ARM or the Arm ARM
 * leaves it open: ICSR.RETTOBASE in Thread mode (UNKNOWN; QEMU reads 1), VECTPENDING while BASEPRI
 * or FAULTMASK masks the pending exception (QEMU ignores both masks there), ISRPENDING when only a
 * disabled interrupt is pending (QEMU reads 0), and IPR/SHPR read-back of the low four priority
 * bits (QEMU implements 8 bits, the STM32F769 4). */
#include "exc.h"
#include "sh.h"

#define IRQ_A 24
#define NIRQ 6
#define BIT(x) (1u << (IRQ_A + (x)))

static char trace[512];
static volatile unsigned ntrace;
static void (*volatile action[NIRQ])(void);
static void (*volatile pendsv_action)(void);

static void tput(char a, char b)
{
    if (ntrace + 3 < sizeof trace) {
        trace[ntrace++] = a;
        trace[ntrace++] = b;
        trace[ntrace++] = ' ';
    }
}

static void irq_handler(void)
{
    unsigned n = get_ipsr() - EXC_IRQ0 - IRQ_A;
    tput((char)('A' + n), '+');
    if (action[n])
        action[n]();
    tput((char)('A' + n), '-');
}

static void pendsv_handler(void)
{
    tput('P', '+');
    if (pendsv_action)
        pendsv_action();
    tput('P', '-');
}

static void systick_handler(void)
{
    tput('S', '+');
    tput('S', '-');
}

static volatile uint32_t nmi_faultmask;
static void nmi_handler(void)
{
    tput('N', '+');
    nmi_faultmask = get_faultmask();
    tput('N', '-');
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
    [EXC_NMI] = nmi_handler,
    [EXC_PENDSV] = pendsv_handler,
    [EXC_SYSTICK] = systick_handler,
    [EXC_IRQ0 + IRQ_A ... EXC_IRQ0 + IRQ_A + NIRQ - 1] = irq_handler,
};

static void pend(unsigned x) { stir(IRQ_A + x); }

static void prio(unsigned x, uint8_t p) { NVIC_IPR8(IRQ_A + x) = p; }

static void set_prigroup(unsigned g)
{
    SCB_AIRCR = AIRCR_VECTKEY | AIRCR_PRIGROUP(g);
    barrier();
}

static void reset_actions(void)
{
    for (unsigned i = 0; i < NIRQ; i++)
        action[i] = 0;
    pendsv_action = 0;
    ntrace = 0;
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

/* ICSR fields, printed by name (RETTOBASE only when in Handler mode) */
static void show_icsr(const char *name, uint32_t v, int handler)
{
    out_str("  ");
    out_str(name);
    out_str(": vectactive=");
    out_udec(ICSR_VECTACTIVE(v));
    out_str(" vectpending=");
    out_udec(ICSR_VECTPENDING(v));
    if (handler) {
        out_str(" rettobase=");
        out_udec((v & ICSR_RETTOBASE) != 0);
    }
    if (v & ICSR_PENDSVSET)
        out_str(" pendsvset");
    if (v & ICSR_PENDSTSET)
        out_str(" pendstset");
    out_nl();
}

/* Bits of IRQ A-F in an NVIC bit register, as letters. */
static void show_bits(const char *name, uint32_t v)
{
    out_str("  ");
    out_str(name);
    out_str("=");
    int any = 0;
    for (unsigned i = 0; i < NIRQ; i++) {
        if (v & BIT(i)) {
            out_char((char)('A' + i));
            any = 1;
        }
    }
    if (v & ~(0x3Fu << IRQ_A))
        out_str("+other");
    if (!any)
        out_str("-");
    out_nl();
}

/* Scenario 1: nesting (PRIGROUP 0). */
static volatile uint32_t s1_icsr_b, s1_icsr_c, s1_iabr_c, s1_ipsr_c, s1_icsr_d, s1_iabr_d;
static void s1_a(void) { pend(1); }
static void s1_b(void)
{
    pend(3); /* D: lower priority than A, stays pending */
    s1_icsr_b = SCB_ICSR;
    pend(2); /* C: preempts B */
}
static void s1_c(void)
{
    s1_icsr_c = SCB_ICSR;
    s1_iabr_c = NVIC_IABR(0);
    s1_ipsr_c = get_ipsr();
}
static void s1_d(void)
{
    s1_icsr_d = SCB_ICSR;
    s1_iabr_d = NVIC_IABR(0);
}

/* Scenario 2: priority groups. */
static void s2_a(void)
{
    pend(2); /* same group, lower subpriority: waits */
    pend(1); /* same group, higher subpriority: still waits */
    pend(4); /* higher group: preempts */
}
static void s2b_a(void) { pend(1); }

/* Scenario 3: PRIMASK releases several pending interrupts at once. */
static void s3_a(void) { pend(5); }

/* Scenario 6: FAULTMASK set inside a handler, cleared by its exception return. */
static void s6_a(void)
{
    __asm__ volatile("cpsid f" ::: "memory");
    pend(1); /* B has a higher priority but FAULTMASK holds it */
    tput('f', (char)('0' + get_faultmask()));
}

/* Scenario 7: a handler pends its own interrupt again. */
static volatile uint32_t s7_count, s7_ispr, s7_iabr;
static void s7_a(void)
{
    if (s7_count++ == 0) {
        pend(0);
        s7_ispr = NVIC_ISPR(0);
        s7_iabr = NVIC_IABR(0);
    }
}

/* Scenario 8: PendSV below an IRQ. */
static void s8_p(void) { pend(0); }

int main(void)
{
    out_str("exc_nvic: priorities, preemption, masking\n");
    exc_install(vectors);
    for (unsigned i = 0; i < NIRQ; i++) {
        NVIC_ICPR(0) = BIT(i);
        irq_enable(IRQ_A + i);
    }
    show_bits("iser", NVIC_ISER(0));

    /* IPR: byte writes, word read; word write, byte reads */
    prio(0, 0x10);
    prio(1, 0x20);
    prio(2, 0x30);
    prio(3, 0x40);
    out_kv("ipr[24..27] word", REG32(0xE000E400u + IRQ_A));
    REG32(0xE000E400u + IRQ_A) = 0x40C08020u;
    out_str("ipr bytes");
    for (unsigned i = 0; i < 4; i++) {
        out_char(' ');
        out_hexn(NVIC_IPR8(IRQ_A + i), 2);
    }
    out_nl();
    SCB_SHPR8(EXC_PENDSV) = 0xE0;
    SCB_SHPR8(EXC_SYSTICK) = 0x30;
    out_kv("shpr3", REG32(0xE000ED20u));

    /* 1: A (0xc0) pends B (0x80), which pends D (0xe0) and C (0x40). */
    set_prigroup(0);
    reset_actions();
    prio(0, 0xC0);
    prio(1, 0x80);
    prio(2, 0x40);
    prio(3, 0xE0);
    action[0] = s1_a;
    action[1] = s1_b;
    action[2] = s1_c;
    action[3] = s1_d;
    pend(0);
    show_trace("nesting");
    show_icsr("icsr in B", s1_icsr_b, 1);
    show_icsr("icsr in C", s1_icsr_c, 1);
    show_bits("iabr in C", s1_iabr_c);
    out_str("  ipsr in C=");
    out_udec(s1_ipsr_c);
    out_nl();
    show_icsr("icsr in D", s1_icsr_d, 1);
    show_bits("iabr in D", s1_iabr_d);
    show_icsr("icsr in thread", SCB_ICSR, 0);
    show_bits("iabr in thread", NVIC_IABR(0));

    /* 2: PRIGROUP 5: group = bits 7:6, subpriority = bits 5:0. A 0x90, B 0x80, C 0xb0 share
     * group 2; E 0x40 is group 1. */
    set_prigroup(5);
    reset_actions();
    prio(0, 0x90);
    prio(1, 0x80);
    prio(2, 0xB0);
    prio(4, 0x40);
    action[0] = s2_a;
    pend(0);
    show_trace("prigroup 5");
    /* PRIGROUP 7: no group bits, nothing preempts; PRIGROUP 3: all four bits are group bits. */
    reset_actions();
    prio(0, 0xC0);
    prio(1, 0x00);
    action[0] = s2b_a;
    set_prigroup(7);
    pend(0);
    show_trace("prigroup 7, A 0xc0 pends B 0x00");
    /* PRIGROUP 4: group = bits 7:5 (0xb0 and 0xa0 are both group 0xa0); PRIGROUP 3: bits 7:4 */
    set_prigroup(4);
    prio(0, 0xB0);
    prio(1, 0xA0);
    pend(0);
    show_trace("prigroup 4, A 0xb0 pends B 0xa0");
    set_prigroup(3);
    pend(0);
    show_trace("prigroup 3, A 0xb0 pends B 0xa0");
    set_prigroup(4);
    prio(1, 0x80);
    pend(0);
    show_trace("prigroup 4, A 0xb0 pends B 0x80");

    /* 3: with PRIMASK set, pend E, B, D, A, C; clearing PRIMASK runs them by priority (B and D
     * share one, B has the lower number); A pends F, which fits between A and B. */
    set_prigroup(0);
    reset_actions();
    prio(0, 0x60);
    prio(1, 0xA0);
    prio(2, 0x20);
    prio(3, 0xA0);
    prio(4, 0xE0);
    prio(5, 0x80);
    action[0] = s3_a;
    __asm__ volatile("cpsid i" ::: "memory");
    pend(4);
    pend(1);
    pend(3);
    pend(0);
    pend(2);
    show_trace("pended under primask");
    show_bits("ispr", NVIC_ISPR(0));
    show_icsr("icsr", SCB_ICSR, 0);
    __asm__ volatile("cpsie i" ::: "memory");
    __asm__ volatile("isb" ::: "memory");
    show_trace("primask cleared");

    /* 4: BASEPRI masks priorities numerically >= its value; BASEPRI_MAX only raises. */
    reset_actions();
    prio(0, 0x40);
    prio(1, 0x80);
    prio(2, 0xC0);
    set_basepri(0x80);
    pend(0);
    pend(1);
    pend(2);
    show_trace("basepri 0x80, pend A 0x40 B 0x80 C 0xc0");
    show_bits("ispr", NVIC_ISPR(0));
    set_basepri_max(0xA0);
    out_kv("  basepri after basepri_max 0xa0", get_basepri());
    set_basepri_max(0x60);
    out_kv("  basepri after basepri_max 0x60", get_basepri());
    set_basepri_max(0);
    out_kv("  basepri after basepri_max 0", get_basepri());
    set_basepri(0xA0);
    show_trace("basepri 0xa0");
    set_basepri(0);
    show_trace("basepri 0");
    /* BASEPRI compares group priorities: with PRIGROUP 5, BASEPRI 0xb0 acts as 0x80. */
    set_prigroup(5);
    prio(0, 0x70);
    prio(1, 0x80);
    set_basepri(0xB0);
    pend(1);
    pend(0);
    show_trace("prigroup 5, basepri 0xb0, pend B 0x80 A 0x70");
    set_basepri(0);
    show_trace("basepri 0");
    set_prigroup(0);

    /* 5: PRIMASK holds IRQs, PendSV and SysTick; they run by priority when it is cleared. */
    reset_actions();
    prio(0, 0x80);
    SCB_SHPR8(EXC_PENDSV) = 0x40;
    SCB_SHPR8(EXC_SYSTICK) = 0x20;
    __asm__ volatile("cpsid i" ::: "memory");
    pend(0);
    SCB_ICSR = ICSR_PENDSVSET;
    SCB_ICSR = ICSR_PENDSTSET;
    barrier();
    show_icsr("icsr with A, PendSV, SysTick pending", SCB_ICSR, 0);
    SCB_ICSR = ICSR_PENDSTCLR;
    barrier();
    show_icsr("icsr after PENDSTCLR", SCB_ICSR, 0);
    SCB_ICSR = ICSR_PENDSTSET;
    barrier();
    __asm__ volatile("cpsie i\n\tisb" ::: "memory");
    show_trace("primask: A 0x80, PendSV 0x40, SysTick 0x20");

    /* 6: FAULTMASK */
    reset_actions();
    __asm__ volatile("cpsid f" ::: "memory");
    pend(0);
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    show_trace("faultmask set, pend A and PendSV");
    __asm__ volatile("cpsie f\n\tisb" ::: "memory");
    show_trace("faultmask cleared");
    prio(1, 0x40);
    action[0] = s6_a;
    pend(0);
    show_trace("A sets faultmask and pends B 0x40");
    out_kv("  faultmask in thread", get_faultmask());
    /* NMI preempts PRIMASK and FAULTMASK; returning from NMI leaves FAULTMASK set */
    __asm__ volatile("cpsid i\n\tcpsid f" ::: "memory");
    SCB_ICSR = ICSR_NMIPENDSET;
    barrier();
    show_trace("nmi under primask+faultmask");
    out_kv("  faultmask in nmi", nmi_faultmask);
    out_kv("  faultmask after nmi", get_faultmask());
    __asm__ volatile("cpsie f\n\tcpsie i\n\tisb" ::: "memory");

    /* 7: enable, pending and active bits */
    reset_actions();
    irq_disable(IRQ_A);
    NVIC_ISPR(0) = BIT(0);
    barrier();
    show_trace("A disabled, set pending through ISPR");
    show_bits("ispr", NVIC_ISPR(0));
    show_bits("iser", NVIC_ISER(0));
    show_bits("icer", NVIC_ICER(0));
    NVIC_ICPR(0) = BIT(0);
    barrier();
    show_bits("ispr after ICPR", NVIC_ISPR(0));
    NVIC_ISPR(0) = BIT(0);
    irq_enable(IRQ_A);
    barrier();
    show_trace("A enabled while pending");
    action[0] = s7_a;
    pend(0);
    show_trace("A pends itself once");
    show_bits("ispr in A", s7_ispr);
    show_bits("iabr in A", s7_iabr);

    /* 8: PendSV at the lowest priority pends an IRQ, which preempts it. */
    reset_actions();
    SCB_SHPR8(EXC_PENDSV) = 0xF0;
    prio(0, 0x10);
    pendsv_action = s8_p;
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    show_trace("PendSV 0xf0 pends A 0x10");

    show_bits("ispr at end", NVIC_ISPR(0));
    show_bits("iabr at end", NVIC_IABR(0));
    out_str("done\n");
    return 0;
}

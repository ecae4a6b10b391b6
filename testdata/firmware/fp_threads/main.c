/* fp_threads: floating-point state across exceptions and context switches (Arm DDI0403E B1.5.7
 * "Floating-point context", B1.5.6 exception entry/return with the extended frame, B3.2.22-B3.2.24
 * FPCCR/FPCAR/FPDSCR).
 *
 * main and two unprivileged worker threads on their own process stacks take turns (SysTick on the
 * processor clock pends PendSV, whose handler in fp.S also saves and restores S16-S31 of contexts
 * whose exception frame is an extended one). Each worker runs fp_work: all 32 S registers live
 * (single- and double-precision divide, square root, multiply, add, fused multiply-add) under its
 * own FPSCR rounding mode, pending IRQ A through STIR every 1024 rounds. IRQ A runs its own FP work
 * in the middle of which it pends the higher-priority IRQ B, which does FP work too (nesting: B's
 * first FP instruction lazily saves A's registers). The SysTick handler also does an FP division
 * whenever it happens to fire, so lazy preservation is triggered at arbitrary points.
 *
 * Before the threads start, main runs the same two works itself with SysTick off: the workers'
 * results must equal those references bit for bit, every IRQ A and IRQ B result must equal the
 * first one, and every SysTick quotient must be the round-towards-zero one that FPDSCR selects.
 * The handlers record, on their first entry from each context, what the architecture makes
 * visible: EXC_RETURN (bit 4 = 0: extended frame), CONTROL.FPCA, FPCCR (LSPACT set on entry,
 * clear after the first FP instruction), FPCAR (the S0 slot of the frame), FPSCR's mode bits in the
 * handler (from FPDSCR), and the S0-S15/FPSCR words the lazy preservation wrote into the frame.
 * Nothing printed depends on when SysTick fires. */
#include <stdint.h>
#include <string.h>

/* exc.h switches the rest of a file to general registers only: keep that to its own functions. */
#pragma GCC push_options
#include "exc.h"
#pragma GCC pop_options
#include "sh.h"

#define IRQ_NUM_A 24
#define IRQ_NUM_B 25
#define FPCCR REG32(0xE000EF34u)
#define FPCAR REG32(0xE000EF38u)
#define FPDSCR REG32(0xE000EF3Cu)
#define FPDSCR_VALUE 0x00C00000u /* RMode = RZ */
#define CCR_USERSETMPEND_BIT (1u << 1)

void PendSV_switch(void);
void SVC_yield(void);
void IRQ_A(void);
void IRQ_B(void);
void check_a(void);
void check_b(void);

struct work {
    union {
        uint32_t w[32];
        struct {
            float s[16];
            double d[8];
        } v;
    } init;
    uint32_t iters, stir_mask, irq, fpscr;
    uint32_t out[33];
} __attribute__((aligned(8)));

struct snap {
    uint32_t done, exc_return, control, fpccr, fpcar, frame;
    uint32_t fpscr_mode, control_after, fpccr_after;
    uint32_t frame_regs[17];
};

/* Shared with fp.S */
uint32_t ctx[3][2];
uint32_t cur;
uint32_t slices[3];
struct snap snapA[3], snapB[1];

#define INIT(s0, s1, s2, s3, s4, s5, s6, s7, acc, d8, d15)                                          \
    {                                                                                              \
        .v = {                                                                                     \
            .s = {s0, s1, s2, s3, s4, s5, s6, s7, 1000.0f, 1.0001f, 1.0f, 2.0f, 0x1.000002p0f, 1.0f, \
                  0.1f, acc},                                                                      \
            .d = {d8, 3.3, 1e-3, 0.0, 0x1.0000000001p0, 1.0, 0.1, d15},                             \
        }                                                                                          \
    }

/* Workers 1 and 2 (and main's reference runs of the same): S0-S7 and D8 are constants chosen to show
 * any leak (NaN payloads, subnormals), the rest accumulate. Round towards plus infinity for worker 1;
 * round towards minus infinity with flush-to-zero and default NaN for worker 2. */
struct work w[3] = {
    [1] = {.init = INIT(__builtin_nansf("0x12345"), __builtin_nanf("0xbeef"), 0x1p-140f, -0x1p-126f, -1.5f,
                        3.14159265f, 0x1.fffffep127f, -0.0f, 7.0f, __builtin_nans("0xc0ffee"), -1e300),
           .iters = 8192, .stir_mask = 1023, .irq = IRQ_NUM_A, .fpscr = 0x00400000},
    [2] = {.init = INIT(-__builtin_nanf("0x3"), __builtin_nansf("0x7abcd"), -0x1p-149f, 0x1p-127f, 65504.0f,
                        -2.5f, 0x1p-126f, 123456.789f, -3.0f, -__builtin_nan("0x5"), 0x1p-1030),
           .iters = 8192, .stir_mask = 1023, .irq = IRQ_NUM_A, .fpscr = 0x03800000},
};

/* IRQ A's work pends IRQ B once, 32 rounds before its end; B pends nothing. Both run with the
 * FPSCR they are given (the mode FPDSCR selects, written explicitly so that the result does not
 * depend on the cumulative flags of whatever was interrupted). */
struct work workA = {.init = INIT(0x1p-149f, -__builtin_nansf("0x1"), 2.0f, -0.0f, 1e-45f, 0.5f, 0x1.8p-130f,
                                  42.0f, 0.25f, 0x1p-1074, 1e100),
                     .iters = 64, .stir_mask = 31, .irq = IRQ_NUM_B, .fpscr = FPDSCR_VALUE};
struct work workB = {.init = INIT(__builtin_nanf("0x2aaaa"), 0x1p-148f, -7.0f, 1.0f, 0.0f, -0x1p-149f, 1e38f,
                                  -1e38f, 100.0f, -0x1p-1060, 0x1p+1000),
                     .iters = 50, .stir_mask = 0, .irq = 0, .fpscr = FPDSCR_VALUE};

static uint32_t ref[3][33], firstA[33], firstB[33];
static volatile uint32_t countA, countB, badA, badB;
static volatile uint32_t ticks, tick_bad_q, tick_bad_mode;
static volatile uint32_t done[3], first_slice[3];
static volatile float tick_num = 1.0f, tick_den = 3.0f;

void check_a(void)
{
    if (countA++ == 0)
        memcpy(firstA, workA.out, sizeof firstA);
    else if (memcmp(firstA, workA.out, sizeof firstA) != 0)
        badA++;
}

void check_b(void)
{
    if (countB++ == 0)
        memcpy(firstB, workB.out, sizeof firstB);
    else if (memcmp(firstB, workB.out, sizeof firstB) != 0)
        badB++;
}

/* SysTick: an FP division at whatever point the tick arrives; its FPSCR mode comes from FPDSCR. */
static void systick_handler(void)
{
    uint32_t fpscr, q;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(fpscr));
    float x = tick_num / tick_den;
    memcpy(&q, &x, 4);
    ticks++;
    if (q != 0x3eaaaaaau) /* 1/3 rounded towards zero (towards nearest would end in ...ab) */
        tick_bad_q++;
    if ((fpscr & 0x07C00000u) != FPDSCR_VALUE)
        tick_bad_mode++;
    SCB_ICSR = ICSR_PENDSVSET;
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
    [EXC_SVCALL] = SVC_yield,
    [EXC_PENDSV] = PendSV_switch,
    [EXC_SYSTICK] = systick_handler,
    [EXC_IRQ0 + IRQ_NUM_A] = IRQ_A,
    [EXC_IRQ0 + IRQ_NUM_B] = IRQ_B,
};

void fp_work(struct work *wk);

static void yield(void) { __asm__ volatile("svc #0" ::: "memory"); }

static void worker_exit(void)
{
    uint32_t id = cur;
    done[id] = slices[id] - first_slice[id] + 1;
    for (;;)
        yield();
}

static void worker(uint32_t id)
{
    first_slice[id] = slices[id];
    fp_work(&w[id]);
}

static void make_thread(uint32_t id, uint32_t *stack_top)
{
    uint32_t *sp = stack_top - 16;
    for (unsigned i = 0; i < 8; i++)
        sp[i] = 0x04040404u * (i + 4); /* r4-r11 */
    sp[8] = id;                      /* r0 */
    sp[9] = sp[10] = sp[11] = sp[12] = 0;
    sp[13] = (uint32_t)worker_exit;  /* lr */
    sp[14] = (uint32_t)worker & ~1u; /* pc */
    sp[15] = 1u << 24;               /* xPSR: T */
    ctx[id][0] = (uint32_t)sp;
    ctx[id][1] = 0xFFFFFFFDu; /* Thread mode, process stack, standard frame: no FP used yet */
}

static uint32_t stack1[512] __attribute__((aligned(8)));
static uint32_t stack2[512] __attribute__((aligned(8)));

__attribute__((noinline)) static uint32_t control_now(void) { return get_control(); }

static void print_words(const char *label, const uint32_t *v, unsigned n)
{
    out_str(label);
    for (unsigned i = 0; i < n; i++) {
        if (i % 8 == 0 && i > 0)
            out_str("\n   ");
        out_char(' ');
        out_hex(v[i]);
    }
    out_nl();
}

static const char *yes(int b) { return b ? "yes" : "no"; }

static void print_snap(const char *what, const struct snap *s)
{
    out_str(what);
    if (!s->done) {
        out_str(": never entered\n");
        return;
    }
    out_str(": EXC_RETURN=");
    out_hex(s->exc_return);
    out_str(" CONTROL=");
    out_hexn(s->control, 1);
    out_str("->");
    out_hexn(s->control_after, 1);
    out_str(" FPCCR=");
    out_hex(s->fpccr);
    out_str("->");
    out_hex(s->fpccr_after);
    out_nl();
    out_str("  FPCAR=frame+0x20: ");
    out_str(yes(s->fpcar == s->frame + 0x20));
    out_str(" handler FPSCR mode=");
    out_hex(s->fpscr_mode);
    out_nl();
    print_words("  lazily saved S0-S15, FPSCR:", s->frame_regs, 17);
}

int main(void)
{
    uint32_t control0 = control_now();
    out_str("fp_threads: FP state across PendSV switches and nested interrupts\n");
    out_kv("CONTROL at start", control0);
    out_kv("FPCCR at reset", FPCCR);
    exc_install(vectors);
    FPDSCR = FPDSCR_VALUE;
    out_kv("FPDSCR", FPDSCR);
    SCB_CCR |= CCR_USERSETMPEND_BIT; /* the unprivileged workers pend IRQ A through STIR */
    SCB_SHPR8(EXC_SVCALL) = 0x60;
    SCB_SHPR8(EXC_SYSTICK) = 0x60;
    SCB_SHPR8(EXC_PENDSV) = 0xE0;
    NVIC_IPR8(IRQ_NUM_A) = 0x40;
    NVIC_IPR8(IRQ_NUM_B) = 0x20;
    irq_enable(IRQ_NUM_A);
    irq_enable(IRQ_NUM_B);

    /* References: the two works run by main, no SysTick. */
    for (uint32_t id = 1; id <= 2; id++) {
        fp_work(&w[id]);
        memcpy(ref[id], w[id].out, sizeof ref[id]);
        memset(w[id].out, 0, sizeof w[id].out);
    }
    out_kv("CONTROL after FP use", control_now());
    uint32_t refA = countA;

    make_thread(1, stack1 + 512);
    make_thread(2, stack2 + 512);
    cur = 0;
    SYST_RVR = 399;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
    while (!(done[1] && done[2]))
        yield();
    SYST_CSR = 0;
    SCB_ICSR = ICSR_PENDSTCLR | ICSR_PENDSVCLR;

    for (uint32_t id = 1; id <= 2; id++) {
        out_str("worker ");
        out_udec(id);
        out_str(" FPSCR ");
        out_hex(w[id].fpscr);
        print_words(" reference S0-S31, FPSCR:\n   ", ref[id], 33);
        out_str("  worker result equals reference: ");
        out_str(yes(memcmp(ref[id], w[id].out, sizeof ref[id]) == 0));
        out_str(", more than one slice: ");
        out_str(yes(done[id] > 1));
        out_nl();
    }
    out_str("IRQ A: ");
    out_udec(countA);
    out_str(" runs (");
    out_udec(refA);
    out_str(" during the references), all results equal: ");
    out_str(yes(badA == 0));
    print_words("\n  S0-S31, FPSCR:", firstA, 33);
    out_str("IRQ B: ");
    out_udec(countB);
    out_str(" runs, all results equal: ");
    out_str(yes(badB == 0));
    print_words("\n  S0-S31, FPSCR:", firstB, 33);
    print_snap("IRQ A from main", &snapA[0]);
    print_snap("IRQ A from worker 1", &snapA[1]);
    print_snap("IRQ A from worker 2", &snapA[2]);
    print_snap("IRQ B from IRQ A", &snapB[0]);
    out_str("SysTick ran FP code: ");
    out_str(yes(ticks > 0));
    out_str(", quotients round towards zero: ");
    out_str(yes(tick_bad_q == 0));
    out_str(", handler FPSCR mode from FPDSCR: ");
    out_str(yes(tick_bad_mode == 0));
    out_nl();
    out_kv("CONTROL in main", control_now());
    out_str("done\n");
    return 0;
}

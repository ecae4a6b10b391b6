/* exc_threads: a round-robin switcher in PendSV (Arm DDI0403E B1.5.2, B1.4.4 CONTROL, B3.3 SysTick).
 *
 * main and two unprivileged worker threads on their own process stacks take turns: SysTick (processor
 * clock) pends PendSV, whose handler (switch.S) saves r4-r11 of the interrupted context, picks the
 * next one and returns into it with its EXC_RETURN. main only yields (svc #0) until both workers are
 * done. The workers compute fixed results and increment a shared counter with LDREX/STREX, which
 * must not lose an update when a switch falls between the two (exception entry and return clear the
 * local monitor, A3.4.4). The output has only those results and timing-independent facts (each
 * worker ran in more than one time slice, on the process stack, unprivileged), never tick counts:
 * QEMU advances SysTick by virtual time (-icount: one instruction per ns, 25 MHz clock = a count per
 * 40 instructions), m7emu by cycles. */
#include "exc.h"
#include "sh.h"

void PendSV_switch(void);
void SVC_yield(void);

/* Shared with switch.S */
uint32_t ctx[3][2];   /* saved SP, EXC_RETURN */
uint32_t cur;         /* running context */
uint32_t slices[3];   /* times each context was switched in */

static uint32_t stack1[256] __attribute__((aligned(8)));
static uint32_t stack2[256] __attribute__((aligned(8)));

static volatile uint32_t done[3], result[3], control_seen[3], on_own_stack[3], first_slice[3];
static volatile uint32_t shared;
static volatile uint32_t ticks;

static void systick_handler(void)
{
    ticks++;
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
};

static void yield(void) { __asm__ volatile("svc #0" ::: "memory"); }

static void atomic_inc(volatile uint32_t *p)
{
    uint32_t v, fail;
    do {
        __asm__ volatile("ldrex %0, [%2]\n\t"
                         "adds %0, %0, #1\n\t"
                         "strex %1, %0, [%2]"
                         : "=&r"(v), "=&r"(fail)
                         : "r"(p)
                         : "cc", "memory");
    } while (fail);
}

/* CONTROL (nPRIV, SPSEL) and whether SP is inside the worker's own stack. (MRS of PSP reads zero
 * when unprivileged, B5.2.2, so the stack is recognized by address.) */
static void note_mode(uint32_t id)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    const uint32_t *base = id == 1 ? stack1 : stack2;
    first_slice[id] = slices[id];
    control_seen[id] = get_control();
    on_own_stack[id] = sp > (uint32_t)base && sp <= (uint32_t)(base + 256);
}

/* Worker 1: count the primes below 3000 and sum them (trial division), one shared increment each. */
static void worker1(uint32_t id)
{
    note_mode(id);
    uint32_t count = 0, sum = 0;
    for (uint32_t n = 2; n < 3000; n++) {
        uint32_t d = 2;
        while (d * d <= n && n % d != 0)
            d++;
        if (d * d > n) {
            count++;
            sum += n;
            atomic_inc(&shared);
        }
    }
    result[id] = count ^ (sum << 12);
}

/* Worker 2: a 32-bit xorshift generator folded 4000 times, one shared increment per step. */
static void worker2(uint32_t id)
{
    note_mode(id);
    uint32_t x = 2463534242u, acc = 0;
    for (uint32_t i = 0; i < 4000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        acc = (acc << 3 | acc >> 29) + x;
        atomic_inc(&shared);
    }
    result[id] = acc;
}

/* Where a worker returns to: mark it done and give the processor away for good. */
static void worker_exit(void)
{
    uint32_t id = cur;
    done[id] = slices[id] - first_slice[id] + 1; /* the number of slices the work took */
    for (;;)
        yield();
}

static void make_thread(uint32_t id, void (*fn)(uint32_t), uint32_t *stack_top)
{
    uint32_t *sp = stack_top - 16;
    for (unsigned i = 0; i < 8; i++)
        sp[i] = 0x04040404u * (i + 4); /* r4-r11 */
    sp[8] = id;                      /* r0: argument */
    sp[9] = sp[10] = sp[11] = sp[12] = 0;
    sp[13] = (uint32_t)worker_exit;  /* lr */
    sp[14] = (uint32_t)fn & ~1u;     /* pc */
    sp[15] = 1u << 24;               /* xPSR: T */
    ctx[id][0] = (uint32_t)sp;
    ctx[id][1] = 0xFFFFFFFDu;        /* Thread mode, process stack */
}

int main(void)
{
    out_str("exc_threads: round robin in PendSV on the process stack\n");
    exc_install(vectors);
    SCB_SHPR8(EXC_SVCALL) = 0x80;
    SCB_SHPR8(EXC_SYSTICK) = 0x80;
    SCB_SHPR8(EXC_PENDSV) = 0xF0;
    make_thread(1, worker1, stack1 + 256);
    make_thread(2, worker2, stack2 + 256);
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
        out_str(": result=");
        out_hex(result[id]);
        out_str(" control=");
        out_udec(control_seen[id]);
        out_str(" on its stack=");
        out_str(on_own_stack[id] ? "yes" : "no");
        out_str(" more than one slice=");
        out_str(done[id] > 1 ? "yes" : "no");
        out_nl();
    }
    out_kv("shared counter", shared);
    out_kv("control in main", get_control());
    out_str("done\n");
    return 0;
}

/* exc_sleep: WFI, WFE, SEV, the event register, SEVONPEND and SLEEPONEXIT (Arm DDI0403E B1.5.18,
 * B1.5.19), in the patterns Embassy firmware uses: an executor that runs `poll(); wfe` and interrupt
 * handlers that wake it with SEV (or just by returning: every exception return sets the event
 * register).
 *
 * Every wait is a loop that re-checks its condition, as real firmware does, because the architecture
 * lets WFE and WFI return early (QEMU 7.2, which produces expected.txt, treats WFE as a no-op and
 * ignores SLEEPONEXIT; m7emu really sleeps and skips to the next SysTick event). So the output
 * shows what happened, never how often a loop ran; on an emulator that misses a wake-up the program
 * deadlocks instead. SysTick runs on the processor clock (CLKSOURCE = 1; QEMU's mps2-an500 also has
 * a 1 MHz reference clock, the STM32F769 HCLK/8, so that choice would make the tick rates differ).
 *
 * Not checked because QEMU cannot show it: that with SLEEPONEXIT the Thread-mode loop below runs
 * only once (QEMU returns to it after every tick), and that WFE really waits. */
#include "exc.h"
#include "sh.h"

#define IRQ_A 24
#define IRQ_B 25

static volatile uint32_t ticks, stop_at, irq_a_count, irq_b_count, flag_a, systick_pends_a;
static volatile uint32_t sleeponexit_until;

static void systick_handler(void)
{
    uint32_t t = ++ticks;
    if (systick_pends_a && t % 3 == 0)
        NVIC_STIR = IRQ_A; /* lower priority: runs when this handler returns (tail-chained) */
    if (sleeponexit_until && t >= sleeponexit_until) {
        SCB_SCR &= ~SCR_SLEEPONEXIT;
        sleeponexit_until = 0;
    }
    if (stop_at && t >= stop_at) {
        SYST_CSR = 0; /* stop, and drop a tick that may have come during this handler */
        SCB_ICSR = ICSR_PENDSTCLR;
    }
    __asm__ volatile("sev");
}

static void irq_a_handler(void)
{
    irq_a_count++;
    flag_a = 1;
    __asm__ volatile("sev"); /* the Embassy thread pender */
}

static void irq_b_handler(void) { irq_b_count++; }

static void svc_handler(void) {}

static void unexpected(void)
{
    out_str("unexpected exception ");
    out_udec(get_ipsr());
    out_nl();
    sh_exit(4);
}

EXC_VECTOR_TABLE(vectors) = {
    [0 ... 15 + EXC_N_IRQ] = unexpected,
    [EXC_SVCALL] = svc_handler,
    [EXC_SYSTICK] = systick_handler,
    [EXC_IRQ0 + IRQ_A] = irq_a_handler,
    [EXC_IRQ0 + IRQ_B] = irq_b_handler,
};

static void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
/* Leave the event register clear: SEV sets it, the WFE consumes it without sleeping. */
static void clear_event(void) { __asm__ volatile("sev\n\twfe" ::: "memory"); }

static void systick_start(uint32_t reload, uint32_t stop)
{
    ticks = 0;
    stop_at = stop;
    SYST_RVR = reload;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
}

static void systick_stop(void)
{
    SYST_CSR = 0;
    SCB_ICSR = ICSR_PENDSTCLR;
    barrier();
}

/* The executor: two tasks polled in turn, then WFE. Each task logs its own steps. */
struct task {
    const char *name;
    uint32_t state;
    char log[96];
    unsigned n;
};
static void tlog(struct task *t, const char *s, uint32_t v)
{
    while (*s && t->n + 4 < sizeof t->log)
        t->log[t->n++] = *s++;
    if (t->n + 4 < sizeof t->log) {
        t->log[t->n++] = (char)('0' + v / 10 % 10);
        t->log[t->n++] = (char)('0' + v % 10);
        t->log[t->n++] = ' ';
    }
}

/* Task 1 waits for SysTick: it wakes at tick 2, 4, 6 and 8 (a timer-driven async fn). */
static int poll_timer_task(struct task *t)
{
    while (t->state < 4 && ticks >= 2 * (t->state + 1)) {
        t->state++;
        tlog(t, "tick>=", 2 * t->state);
    }
    return t->state == 4;
}

/* Task 2 waits three times for a flag that IRQ A sets (A is pended through STIR by SysTick). */
static int poll_irq_task(struct task *t)
{
    if (t->state < 3 && flag_a) {
        flag_a = 0;
        t->state++;
        tlog(t, "irq#", t->state);
    }
    return t->state == 3;
}

int main(void)
{
    out_str("exc_sleep: wfi, wfe, sev, sevonpend, sleeponexit\n");
    exc_install(vectors);
    SCB_SHPR8(EXC_SYSTICK) = 0x40;
    NVIC_IPR8(IRQ_A) = 0x80;
    NVIC_IPR8(IRQ_B) = 0x80;
    irq_enable(IRQ_A);

    /* 1. The event register: SEV sets it, WFE clears it without sleeping, and every exception
     *    return sets it (an emulator that forgets either deadlocks here). */
    clear_event();
    __asm__ volatile("sev");
    wfe();
    out_str("sev then wfe: fell through\n");
    clear_event();
    __asm__ volatile("svc #0");
    wfe();
    out_str("svc return then wfe: fell through\n");
    clear_event();
    stir(IRQ_A);
    wfe();
    out_kv("irq return then wfe: fell through, irq a ran", irq_a_count);
    flag_a = 0;

    /* 2. The Embassy race: the interrupt arrives between poll() and WFE; its return leaves the
     *    event register set, so the WFE after the poll does not sleep and the next poll sees it. */
    {
        uint32_t polls_before_flag = 0;
        int pended = 0;
        clear_event();
        for (;;) {
            if (flag_a)
                break;
            polls_before_flag++;
            if (!pended) {
                pended = 1;
                stir(IRQ_A); /* "interrupt" right after the poll */
            }
            wfe();
        }
        flag_a = 0;
        out_kv("race: flag seen after polls", polls_before_flag);
    }

    /* 3. The executor, woken by SysTick (SEV in its handler) and by IRQ A (pended by SysTick every
     *    third tick, sets a flag and runs SEV). */
    {
        static struct task t1 = {.name = "timer task"}, t2 = {.name = "irq task"};
        systick_pends_a = 1;
        irq_a_count = 0;
        systick_start(249, 0);
        for (;;) {
            int d1 = poll_timer_task(&t1);
            int d2 = poll_irq_task(&t2);
            if (d1 && d2)
                break;
            wfe();
        }
        systick_stop();
        systick_pends_a = 0;
        uint32_t t = ticks;
        for (unsigned k = 0; k < 2; k++) {
            struct task *tk = k ? &t2 : &t1;
            out_str(tk->name);
            out_str(": ");
            for (unsigned i = 0; i < tk->n; i++)
                out_char(tk->log[i]);
            out_nl();
        }
        out_str("executor done: ticks>=9 ");
        out_str(t >= 9 ? "yes" : "no");
        out_str(", irq a ran ticks/3 times ");
        out_str(irq_a_count == t / 3 ? "yes" : "no");
        out_nl();
    }

    /* 4. SEVONPEND: a disabled interrupt becoming pending sets the event register. */
    SCB_SCR = SCR_SEVONPEND;
    irq_disable(IRQ_B);
    clear_event();
    NVIC_ISPR(0) = 1u << IRQ_B;
    barrier();
    wfe();
    out_kv("sevonpend: disabled irq b pended, wfe fell through, b ran", irq_b_count);
    out_kv("  b pending", (NVIC_ISPR(0) >> IRQ_B) & 1);
    NVIC_ICPR(0) = 1u << IRQ_B;
    /* ... and SysTick, masked by BASEPRI, becoming pending while the core waits in WFE. */
    ticks = 0;
    set_basepri(0x20);
    clear_event();
    systick_start(249, 1);
    while (!(SCB_ICSR & ICSR_PENDSTSET))
        wfe();
    SYST_CSR = 0; /* stop counting (the pending state stays): exactly one tick to take */
    out_kv("sevonpend: woke with systick pending, handler runs", ticks);
    set_basepri(0);
    out_kv("  after basepri 0, handler runs", ticks);
    systick_stop();
    SCB_SCR = 0;

    /* 5. WFI with PRIMASK set wakes when SysTick becomes pending, without taking it. */
    ticks = 0;
    __asm__ volatile("cpsid i" ::: "memory");
    systick_start(249, 1);
    while (!(SCB_ICSR & ICSR_PENDSTSET))
        wfi();
    SYST_CSR = 0;
    out_kv("wfi under primask: woke with systick pending, handler runs", ticks);
    __asm__ volatile("cpsie i\n\tisb" ::: "memory");
    out_kv("  after cpsie, handler runs", ticks);
    systick_stop();
    /* WFI with an interrupt already pending and enabled (masked by PRIMASK) does not sleep */
    __asm__ volatile("cpsid i" ::: "memory");
    irq_a_count = 0;
    stir(IRQ_A);
    wfi();
    out_kv("wfi with irq a pending under primask: fell through, a ran", irq_a_count);
    __asm__ volatile("cpsie i\n\tisb" ::: "memory");
    out_kv("  after cpsie, a ran", irq_a_count);
    flag_a = 0;

    /* 6. SLEEPONEXIT: after each tick the core goes back to sleep instead of returning here; the
     *    fifth tick clears SLEEPONEXIT and stops SysTick. */
    sleeponexit_until = 5;
    SCB_SCR = SCR_SLEEPONEXIT;
    barrier();
    systick_start(249, 5);
    while (ticks < 5)
        wfi();
    out_kv("sleeponexit: back in thread after ticks", ticks);
    out_kv("  scr", SCB_SCR);
    systick_stop();

    out_str("done\n");
    return 0;
}

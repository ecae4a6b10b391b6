/* exti: ExtiInput on B1 (PA0, active high, §11) with the wait_for_rising_edge /
 * wait_for_falling_edge flow of §6 on EXTI line 0 (IRQ 6): in a critical section
 * EXTICR1 line 0 = port A, RTSR/FTSR, PR cleared (w1c), IMR set; the task sleeps (WFE)
 * until IMR reads 0; the ISR reads PR, masks the lines in IMR, clears PR and wakes the
 * executor (SEV). The task reads now() (1 MHz ticks) after each edge. The test presses
 * B1 at known times: rise-to-rise tick differences equal the press-time differences
 * in microseconds, rise-to-fall the hold times (the latency edge -> now() is the same
 * code path each time). Runs at 16 MHz (Config::default). */
#include "embassy.h"

#define PRESSES 4

void exti0_irq(void) { exti_irq_wake(); }

static void wait_edge(int rising)
{
    cs_enter();
    SYSCFG_EXTICR(0) = (SYSCFG_EXTICR(0) & ~0xFu) | PORT_A; /* line 0 = PA0 */
    if (rising) {
        EXTI_RTSR |= 1u;
        EXTI_FTSR &= ~1u;
    } else {
        EXTI_RTSR &= ~1u;
        EXTI_FTSR |= 1u;
    }
    EXTI_PR = 1u;
    EXTI_IMR |= 1u;
    cs_exit();
    while (EXTI_IMR & 1u) /* Ready when the IMR bit reads 0 */
        wfe();
}

int main(void)
{
    embassy_init(CLK_HSI16, TIM12, 1);
    /* Input::new(PA0, Pull::None): PUPDR, OTYPER, MODER = 00 (§5) */
    cs_enter();
    GPIO_PUPDR(PORT_A) &= ~3u;
    GPIO_OTYPER(PORT_A) &= ~1u;
    GPIO_MODER(PORT_A) &= ~3u;
    cs_exit();
    con_str("exti: waiting for B1\n");
    uint64_t first = 0, prev = 0;
    for (int k = 1; k <= PRESSES; k++) {
        wait_edge(1);
        uint64_t rise = td_now();
        wait_edge(0);
        uint64_t fall = td_now();
        if (k == 1)
            first = prev = rise;
        con_str("press ");
        con_udec((uint64_t)k);
        con_str(": rise +");
        con_udec(rise - first);
        con_str(" (after previous +");
        con_udec(rise - prev);
        con_str("), held ");
        con_udec(fall - rise);
        con_str(" ticks, PA0=");
        con_udec(GPIO_IDR(PORT_A) & 1u);
        con_str("\n");
        prev = rise;
    }
    con_flush();
    return 0;
}

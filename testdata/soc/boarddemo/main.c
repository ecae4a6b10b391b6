/* boarddemo: the firmware `m7emu run` runs when no ELF is given. Embassy-style init at
 * 216 MHz (§3: HSE 25 MHz, PLL, over-drive, flash latency 7; TIM12 time driver at 1 MHz,
 * §4), a banner on the console USART1 (the ST-LINK virtual COM port, §11), LD1 (red,
 * PJ13) and LD2 (green, PJ5) lit in turn every 250 ms for 2 s, then a wait of up to 2 s
 * for the user button B1 (PA0, EXTI0 rising edge, §6) raced against a time-driver alarm,
 * as `select(button.wait_for_rising_edge(), Timer::after(2 s))` does. Exits 0. */
#include "embassy.h"

void exti0_irq(void) { exti_irq_wake(); }

static void ms(uint64_t ticks)
{
    con_udec(ticks / 1000);
    con_str(" ms");
}

int main(void)
{
    embassy_init(CLK_PLL216, TIM12, 1);
    gpio_output(PORT_J, 13); /* LD1, red */
    gpio_output(PORT_J, 5);  /* LD2, green */
    con_str("m7emu demo: STM32F769I-DISCO, Embassy-style init at 216 MHz\n");
    con_str("  console: USART1 (ST-LINK virtual COM port), time driver: TIM12 at 1 MHz\n");
    con_str("  LEDs: LD1 red (PJ13), LD2 green (PJ5); see them with m7emu run --gpio-log\n\n");

    uint64_t start = td_now(), due = start;
    for (int k = 0; k < 8; k++) {
        due += 250000; /* Ticker::every(250 ms) */
        td_wait_until(0, due);
        gpio_toggle(PORT_J, k % 2 == 0 ? 13 : 5);
        if (k > 0)
            gpio_toggle(PORT_J, k % 2 == 0 ? 5 : 13);
        con_str("  t=");
        ms(due - start);
        con_str(k % 2 == 0 ? "  LD1 on,  LD2 off\n" : "  LD1 off, LD2 on\n");
    }
    gpio_toggle(PORT_J, 5); /* all dark */

    con_str("\nwaiting 2 s for the user button B1 (try: m7emu run --press B1@3s)\n");
    /* ExtiInput::wait_for_rising_edge on PA0 (§6), raced against an alarm. */
    cs_enter();
    GPIO_MODER(PORT_A) &= ~3u; /* PA0 input, no pull: the board's pull-down holds it low */
    GPIO_PUPDR(PORT_A) &= ~3u;
    SYSCFG_EXTICR(0) = (SYSCFG_EXTICR(0) & ~0xFu) | PORT_A;
    EXTI_RTSR |= 1u;
    EXTI_FTSR &= ~1u;
    EXTI_PR = 1u;
    EXTI_IMR |= 1u;
    cs_exit();
    uint64_t wait = td_now(), deadline = wait + 2000000;
    int armed = td_arm(0, deadline);
    while ((EXTI_IMR & 1u) && armed && !td_take(0))
        wfe();
    if (!(EXTI_IMR & 1u)) {
        con_str("B1 pressed after ");
        ms(td_now() - wait);
        con_str("\n");
    } else {
        EXTI_IMR &= ~1u;
        con_str("no press\n");
    }
    con_str("demo: done\n");
    con_flush();
    return 0;
}

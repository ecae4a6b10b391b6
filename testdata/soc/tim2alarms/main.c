/* tim2alarms: the embassy-stm32 0.1.0 time driver (§12: TIM2, IRQ 28, the same gp16
 * logic of §4 through the 16-bit view of the 32-bit timer) with three alarms on CC2,
 * CC3 and CC4, at 16 MHz (Config::default, PSC 15). Three periodic schedules share the
 * timer: alarm 0 every 250 ms, alarm 1 every 330 ms, alarm 2 every 470 ms, all from a
 * base tick B = (now / 65536 + 1) × 65536 + 5000 (70536), until 5 s (20, 15 and 10 alarms). No two alarms
 * fall on the same tick before 8.25 s (lcm(250, 330) ms), and no alarm tick is within
 * 64 ticks after a half-period tick (a multiple of 32768: the nearest is 72 after),
 * so no alarm matches while another ISR runs (the test checks both). Each alarm toggles its pin first thing in the ISR (instrumentation): PJ13,
 * PJ5, PJ4. */
#include "embassy.h"

static const uint32_t period[3] = {250000, 330000, 470000};
static const int pins[3] = {13, 5, 4};
#define SPAN 5000000u

int main(void)
{
    embassy_init(CLK_HSI16, TIM2, 3);
    for (int n = 0; n < 3; n++)
        td_alarm_pin(n, PORT_J, pins[n]);
    con_str("tim2alarms: three alarms on TIM2 CC2-CC4\n");
    con_flush();
    uint64_t now = td_now();
    uint64_t base = ((now >> 16) + 1) * 65536 + 5000;
    uint64_t due[3];
    uint32_t count[3] = {0, 0, 0};
    int active = 3;
    for (int n = 0; n < 3; n++) {
        due[n] = base + period[n];
        td_arm(n, due[n]);
    }
    while (active > 0) {
        for (int n = 0; n < 3; n++) {
            if (!td_take(n))
                continue;
            count[n]++;
            due[n] += period[n];
            if (due[n] - base > SPAN) {
                active--;
                continue;
            }
            if (!td_arm(n, due[n])) {
                con_str("alarm in the past\n");
                con_flush();
                return 1;
            }
        }
        if (active > 0)
            wfe();
    }
    for (int n = 0; n < 3; n++) {
        con_str("alarm ");
        con_udec((uint64_t)n);
        con_str(" (CC");
        con_udec((uint64_t)n + 2);
        con_str("): ");
        con_udec(count[n]);
        con_str(" times\n");
    }
    /* At 16 MHz a tick is 16 cycles: the ISR's entry now() is a few ticks after the
     * match (the GPIO log gives the exact times); it must never be early. */
    con_str(td_early_count == 0 && td_max_late < 100 ? "no alarm early or late\n" : "ALARM TIMING WRONG\n");
    con_flush();
    return 0;
}

/* timedrv10m: the TIM12 time driver (§4: init, half-period/overflow ISR with the period
 * counter, one alarm on CC2) at 216 MHz (init216's clocks, TIMCLK1 108 MHz, PSC 107),
 * running 10 simulated minutes of alarms at irregular intervals.
 *
 * Schedule (the test recomputes it): the first alarm is at T0 = (now / 65536 + 1) × 65536
 * + 1000 (66536: the banner takes about 3 ms). Then, with x(0) = 1 and x(k+1) =
 * x(k) × 1664525 + 1013904223 mod 2^32, the next timestamp is ts + 1000 + (x >> 8) mod
 * 600000; every 64th alarm is instead moved to the next multiple of 65536 at least
 * 1000 ticks later (low 16 bits 0: CCR2 = 0 must match at the update event, Renode
 * #1007); a timestamp whose ts mod 32768 is 1..32 is moved 32 ticks later, so that no
 * alarm falls while the half-period ISR (ticks that are multiples of 32768) runs.
 * Alarms are set until ts - T0 >= 600 000 000 (600 s).
 *
 * Each alarm toggles LD1 (PJ13) first thing in the ISR (instrumentation), so the GPIO
 * log shows every alarm at a fixed latency after its compare match. Printed at the end:
 * the number of alarms, how many had CCR2 = 0, the span (last ts - T0), the lateness
 * (ISR now() - ts, maximum over all alarms) and early alarms (must be 0). */
#include "embassy.h"

int main(void)
{
    embassy_init(CLK_PLL216, TIM12, 1);
    td_alarm_pin(0, PORT_J, 13);
    con_str("timedrv10m: 10 minutes of alarms\n");
    con_flush();
    uint64_t now = td_now();
    uint64_t t0 = ((now >> 16) + 1) * 65536 + 1000;
    uint64_t ts = t0;
    uint32_t x = 1, n = 0, ccr0 = 0;
    uint64_t last_seen = 0;
    for (;;) {
        last_seen = td_wait_until(0, ts);
        td_note(0);
        n++;
        if ((ts & 0xFFFF) == 0)
            ccr0++;
        if (ts - t0 >= 600000000u)
            break;
        x = x * 1664525u + 1013904223u;
        uint64_t next = ts + 1000 + (x >> 8) % 600000u;
        if (n % 64 == 0)
            next = ((ts + 1000 + 65535) >> 16) << 16;
        uint32_t ph = (uint32_t)next & 32767u;
        if (ph >= 1 && ph <= 32)
            next += 32;
        ts = next;
    }
    con_str("alarms ");
    con_udec(n);
    con_str(", with CCR2 = 0: ");
    con_udec(ccr0);
    con_str("\nspan ");
    con_udec(ts - t0);
    con_str(" ticks, last alarm seen at +");
    con_udec(last_seen - t0);
    con_str("\nmax lateness ");
    con_udec(td_max_late);
    con_str(" ticks, early ");
    con_udec(td_early_count);
    con_str(", fired ");
    con_udec(td_fired_count);
    con_str("\n");
    con_flush();
    return 0;
}

/* The blink task of Embassy's examples (`Ticker::every(500 ms)` + `led.toggle()`), on
 * LD1 = PJ13 (§11), with the time driver's alarm (§4.4) and the thread executor's
 * poll(); WFE loop (§2.3). The Ticker's deadlines are absolute: the k-th toggle is
 * due at start + k × 500 000 ticks (500 ms at 1 MHz), whatever the printing costs.
 * `between(k)` runs after toggle k (NULL: nothing). */
#include "embassy.h"

void blink(const char *name, int toggles, void (*between)(int k))
{
    gpio_output(PORT_J, 13); /* Output::new(PJ13, Level::Low, Speed::Low) */
    con_str(name);
    con_str(": init done, blinking LD1 (PJ13) every 500 ms\n");
    uint64_t start = td_now();
    uint64_t due = start;
    uint64_t worst = 0;
    for (int k = 1; k <= toggles; k++) {
        due += 500000;
        uint64_t seen = td_wait_until(0, due);
        gpio_toggle(PORT_J, 13);
        td_note(0);
        uint64_t now = td_now();
        if (seen < due || now < seen) {
            con_str("alarm fired early\n");
            con_flush();
            sh_exit(1);
        }
        if (seen - due > worst)
            worst = seen - due;
        con_str("toggle ");
        con_udec((uint64_t)k);
        con_str(" due +");
        con_udec(due - start);
        con_str("\n");
        if (between)
            between(k);
    }
    /* The ISR reads now() some cycles after the compare match: at 16 MHz a tick is
     * only 16 cycles, so the lateness seen by the ISR is a few ticks; it must stay
     * well under 1 ms. */
    if (worst >= 1000) {
        con_str("alarm late\n");
        con_flush();
        sh_exit(1);
    }
    con_str("done\n");
    con_flush();
}

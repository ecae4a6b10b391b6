// Package wwdg models the STM32F7 system window watchdog, WWDG (RM0410 §24), at
// 0x4000_2C00: WWDG_CR, WWDG_CFR and WWDG_SR.
//
// Behaviour (RM0410 §24.3–§24.4):
//   - The 7-bit down-counter WWDG_CR.T[6:0] is free-running: it counts down on
//     PCLK1 / 4096 / 2^WDGTB whether or not the watchdog is enabled, wrapping 0x00 → 0x7F.
//   - WWDG_CR.WDGA is set by software and cleared only by a reset. While it is set:
//     the counter passing from 0x40 to 0x3F (T6 clearing) resets the system; a write to
//     WWDG_CR (a refresh) while the counter is above the window WWDG_CFR.W[6:0] resets
//     the system; a write that clears T6 resets at once (§24.3.2, §24.3.4).
//   - WWDG_SR.EWIF is set when the counter reaches 0x40 (§24.4.3) and cleared by
//     writing 0. With WWDG_CFR.EWI set (which only a reset clears), the early-wakeup
//     interrupt line (IRQ 0, RM0410 §10.2 Table 46) is high while EWIF is set.
//   - Resets go through Config.OnReset (the board's system reset, RCC_CSR.WWDGRSTF).
//
// Time: Config.APBDivider gives CPU cycles per PCLK1 cycle (HCLK is the CPU clock; the
// APB1 prescaler is an integer), so one counter step lasts 4096·2^WDGTB·APBDivider
// cycles exactly. The counter is computed from the current cycle on each access; the
// only scheduled events are the steps into 0x40 (EWIF) and into 0x3F (reset). A change
// of WDGTB or of the clock re-anchors the counter at its current value (the step in
// progress restarts).
//
// Not modelled: the debug freeze (DBGMCU_APB1_FZ.DBG_WWDG_STOP); RCC clock gating (the
// counter counts whether or not RCC_APB1ENR.WWDGEN is set).
package wwdg

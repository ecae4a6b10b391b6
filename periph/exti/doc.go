// Package exti models the STM32F76xxx extended interrupts and events controller
// (RM0410 §11) at 0x4001_3C00: EXTI_IMR, EXTI_EMR, EXTI_RTSR, EXTI_FTSR, EXTI_SWIER and
// EXTI_PR, for NumLines = 25 lines.
//
// Inputs: the board calls Input(line, level) with the level of each line's source —
// for lines 0–15 the IDR level of the pin SYSCFG_EXTICR routes to the line, for lines
// 16–24 the PVD, RTC, USB, Ethernet, LPTIM1 and MDIOS signals. EXTI keeps the last
// level of every line and detects edges itself.
//
// Behaviour (RM0410 §11, functional description and register descriptions):
//   - A rising edge with RTSR set, or a falling edge with FTSR set (both: either edge),
//     triggers the line. So does writing 1 to a SWIER bit that reads 0.
//   - A trigger sets the PR bit when the line is unmasked in IMR, and generates an event
//     (Config.OnEvent) when it is unmasked in EMR. A masked trigger leaves PR alone.
//   - PR is rc_w1: writing 1 clears the bit and the line's SWIER bit.
//   - Outputs (Config.IRQ, see OutEXTI0 …): each output is high while any of its lines
//     has both PR and IMR set, and is driven only on change, level-style; the NVIC
//     pends the vector while it is high.
//
// Embassy's ExtiInput::wait_for_rising_edge (stm32f769-embassy.md §6) writes EXTICR,
// sets RTSR, clears PR, sets IMR; the edge sets PR and raises EXTI0 (IRQ 6) for PA0;
// its ISR clears IMR and writes PR back, which releases the vector.
//
// Not modelled: the edge detectors' synchronisation delay (the pending bit is set at
// the instant of the edge); wakeup from Stop mode; the two-APB-cycle write delay.
// Deviation: writing 0 to SWIER is ignored (RM0410 says SWIER bits clear through PR).
package exti

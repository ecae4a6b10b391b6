// Package systick models the Armv7-M system timer, SysTick (Arm DDI0403E B3.3), at
// 0xE000_E010 in the system control space: SYST_CSR, SYST_RVR, SYST_CVR and SYST_CALIB.
//
// Behaviour (B3.3 and its register descriptions, B3.3.3–B3.3.6):
//   - The counter is 24 bits wide and counts down on each tick of the selected clock
//     while SYST_CSR.ENABLE is 1. A tick with the counter at 0 reloads it from
//     SYST_RVR; a tick that takes it from 1 to 0 sets SYST_CSR.COUNTFLAG and, with
//     SYST_CSR.TICKINT set, makes the SysTick exception (15) pending. So with RELOAD = N
//     the exception period is N+1 ticks, and RELOAD = 0 leaves the counter at 0 with no
//     further events ("disables the counter on the next wrap").
//   - Enabling with SYST_CVR = 0 loads RELOAD at the next tick (no COUNTFLAG for that
//     reload: it is not a 1→0 transition).
//   - Reading SYST_CSR returns COUNTFLAG and clears it. Writing SYST_CVR (any value)
//     clears the counter to 0 and clears COUNTFLAG; it does not pend the exception.
//   - SYST_RVR writes take effect at the next reload; the running count is unchanged.
//   - SYST_CSR.CLKSOURCE = 1 selects the processor clock (one tick per CPU cycle);
//     0 selects the IMPLEMENTATION DEFINED reference clock. On the STM32F76xxx the
//     reference is HCLK/8 ("The RCC feeds the external clock of the Cortex System Timer
//     (SysTick) with the AHB clock (HCLK) divided by 8. The SysTick can work either with
//     this clock or with the Cortex clock (HCLK)", RM0410 §5.2; PM0253, "System timer,
//     SysTick"). The Cortex clock is HCLK itself, so on the F7 the reference ticks once every 8 CPU
//     cycles whatever the AHB prescaler: Config.RefDivider returns 8 there. QEMU's
//     mps2-an500 has a 1 MHz reference clock beside a 25 MHz CPU (RefDivider 25). When
//     the device has no reference clock (RefDivider nil or 0), CLKSOURCE reads as one and
//     SYST_CALIB.NOREF is set (B3.3.3, B3.3.6).
//
// Time: the counter is never stepped. The device keeps an anchor (cycle, value) and
// computes the count from the current CPU cycle (Config.Now) in O(1); the only
// scheduled event is the next 1→0 transition while TICKINT is set, which pends the
// exception through Config.IRQ and reschedules itself. The reference clock is a
// free-running divider: its ticks fall on cycles e + k·D, where D is the divider and e
// the cycle of the last Reset or ClockChanged call, so a clock change re-derives the
// schedule exactly from the moment of the change.
//
// Reset values: SYST_CSR 0 (PM0253, SysTick control and status register); SYST_RVR
// and SYST_CVR are UNKNOWN in the architecture and reset to 0 here.
//
// SYST_CALIB (B3.3.6) is Config.Calib. STM32F7: TENMS = 18750 with SKEW = 1, i.e.
// 0x4000_493E (CalibSTM32F7): ST documents "The SysTick calibration value is fixed to
// 18750, which gives a reference time base of 1 ms with the SysTick clock set to 18.75
// MHz (HCLK/8, with HCLK set to 150 MHz)" in the NVIC chapter of its F4/F7 reference
// manuals (RM0090 §12.1.2, RM0385 "SysTick calibration value register"; RM0410 is
// expected to carry the same paragraph, not checked against its text here). SKEW = 1
// (TENMS inexact) is what third parties report reading on ST F4/F7 silicon
// (0x4000_493E). Not modelled: the value is fixed and does not follow the real HCLK.
//
// Not modelled: SysTick halting in Debug state (no halting debug); the unprivileged-
// access BusFault, which the CPU raises for the whole PPB before the device is reached.
package systick

// Package tim models the STM32F76xxx timers (RM0410 §26 TIM1/TIM8, §27 TIM2–TIM5,
// §28 TIM9–TIM14, §29 TIM6/TIM7) with one configurable device: Instances lists each
// timer's base, clock bus, width, channels and IRQ numbers, and New(Config) builds it.
//
// Modelled (RM0410 §27.3.1–§27.3.3, §27.4):
//   - Time base: CNT counts CK_CNT = TIMxCLK/(PSC+1) up (or down with CR1.DIR) from
//     the timer clock, while CEN = 1 and the shadow ARR is non-zero ("the counter is
//     blocked while the auto-reload value is null"). Up: ARR → 0 is the overflow;
//     down: 0 → ARR is the underflow. A counter above ARR runs to its maximum and wraps
//     to 0 without an update event (Deviation: assumed, not checked on silicon).
//     TIM2/TIM5 are 32 bits wide; PSC is 16 bits on all.
//   - Update event (UEV) at over/underflow unless CR1.UDIS: PSC, ARR (ARPE = 1) and
//     CCRx (OCxPE = 1) preloads load, UIF is set, OPM clears CEN. TIM1/8: the UEV only
//     comes when the repetition counter (RCR) has run out.
//   - EGR.UG: re-initialises counter and prescaler counter; unless UDIS it is an
//     update event (shadows load) that sets UIF only with URS = 0. CCxG/TG/COMG/BG
//     set their flags. Deviation: UG does not clear CEN in one-pulse mode (the
//     manual's "stops at the next update event" is applied to over/underflow only).
//   - Output compare: CCxIF is set when the counter becomes CCRx, for every channel in
//     output mode (CCxS = 00) whatever CCxE and OCxM, including CCRx = 0 at the
//     overflow (Renode issue 1007). Input capture is not modelled (no inputs).
//   - SR is rc_w0. Interrupts: each source (update, CC, trigger/COM, break) drives its
//     own level-sensitive line with (SR & DIER) of its flags; Config.IRQ gets the OR.
//   - Not modelled (registers read back what was written, no behaviour): CR1.CMS (centre-aligned modes count as
//     edge-aligned) and CKD, CR2, SMCR (no slave modes, so the counter always runs
//     from the internal clock), CCER, BDTR, DCR, DMAR (no DMA burst), OR, CCMR3,
//     CCR5/CCR6. Not modelled: DMA requests, input capture and CCxOF, PWM/output pin
//     levels, BDTR write-once LOCK, CR1.UIFREMAP/UIFCPY (the SVD lists neither), the
//     one-cycle CNT_EN delay after CEN.
//   - Writable bits of every register are the union of the SVD's fields for that
//     timer (TestMasksMatchSVD), except that CNT/ARR/CCRx of TIM3/TIM4 are 16 bits
//     (RM0410 §27.1; the SVD copies TIM2's 32-bit fields).
//
// Time: the counter is never stepped. The state is kept at an anchor tick and
// computed from the cycle count; the only event scheduled is the next boundary (the
// overflow or the earliest compare match), and every register write reschedules.
// The timer clock is Config.Clock (Hz) and the scheduler's cycles run at
// Config.CoreClock; tick k of the timer clock falls on the first cycle c with
// (c − epoch)·f_tim/f_core ≥ k, exactly, for any ratio. ClockChanged keeps the
// count exact and restarts the tick phase at the moment of the change.
//
// Reset values are those of the SVD (all 0, including ARR; later ST manuals give
// ARR = 0xFFFF/0xFFFF_FFFF, not checked against RM0410 here).
package tim

// Package nvic models the Armv7-M Nested Vectored Interrupt Controller together with
// the System Control Block registers that sit beside it in the System Control Space
// (Arm DDI0403E.e B3.2 "System Control Space", B3.4 "Nested Vectored Interrupt
// Controller"): the pending, active and enable state of every exception, their
// priorities and priority grouping, the fault status registers, and the identification
// and cache-maintenance registers of the Cortex-M7 (Arm DDI0489F, DUI0646C).
//
// The core sees the NVIC through cpu.ExceptionController (which *NVIC implements): it
// asks for the most urgent pending exception, activates and deactivates exceptions on
// entry and return, pends SVCall and faults, and records fault status. The most urgent
// pending exception and the priority of the active ones are cached and recomputed only
// after a change; every change is announced through Config.OnChange so the core can
// re-check between instructions without polling.
//
// Register offsets in Read and Write are relative to the SCS base 0xE000_E000. The NVIC
// owns 0x000–0x00F (ICTR, ACTLR), 0x100–0xCFF (NVIC arrays), 0xD00–0xD8F (SCB), and
// 0xF00–0xFFF (STIR, the FP context registers, MVFR0–2, cache maintenance, the
// Cortex-M7 TCM/AHBP/cache control registers); see Owns. SysTick (0x010–0x0FF), the MPU
// (0xD90–0xDBB) and CoreDebug (0xDF0–0xDFF) live in other packages. Unknown offsets
// inside the owned ranges read as zero and ignore writes.
//
// External interrupt lines (irq.Line from Line) are level sensitive as in B3.4.1: a
// rising level makes the interrupt pending, and an interrupt whose line is still high
// when its handler returns becomes pending again.
//
// Not modelled: the Security Extension, the debug-state-only parts of AIRCR
// (VECTRESET), DFSR (reads 0), the AFSR (reads 0), and ICSR.ISRPREEMPT (reads 0). The
// Cortex-M7 ITCMCR/DTCMCR/AHBPCR/CACR/AHBSCR/ABFSR registers latch writes without
// effect.
package nvic

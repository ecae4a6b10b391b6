package exti

// Placement (RM0410 §2.2.2; stm32f769-embassy.md §10.1).
const (
	Base = 0x4001_3C00
	Size = 0x400
)

// NumLines is the number of EXTI lines on the STM32F76xxx: 0–15 from the GPIO pins
// through SYSCFG_EXTICR, and 16 PVD, 17 RTC alarm, 18 USB OTG FS wakeup, 19 Ethernet
// wakeup, 20 USB OTG HS wakeup, 21 RTC tamper/timestamp, 22 RTC wakeup, 23 LPTIM1,
// 24 MDIO slave (RM0410 §11, EXTI line connections; ST's stm32f7xx HAL EXTI_LINE_23/24,
// line 24 on devices with EXTI_IMR_IM24, which the F76x/F77x have with their MDIOS).
// The ST SVD lists only MR0–MR22.
const NumLines = 25

// Register offsets (RM0410 §11, EXTI registers and register map).
const (
	regIMR   = 0x00 // EXTI_IMR: interrupt mask register (1 = not masked)
	regEMR   = 0x04 // EXTI_EMR: event mask register (1 = not masked)
	regRTSR  = 0x08 // EXTI_RTSR: rising trigger selection register
	regFTSR  = 0x0C // EXTI_FTSR: falling trigger selection register
	regSWIER = 0x10 // EXTI_SWIER: software interrupt event register
	regPR    = 0x14 // EXTI_PR: pending register (rc_w1)
)

// lineMask covers the implemented lines in every register; other bits are reserved.
const lineMask = 1<<NumLines - 1

// Outputs: one irq.Line per NVIC vector EXTI drives (stm32f769xx.h IRQn_Type).
// EXTI0–4 have a vector each, lines 5–9 and 10–15 share one, and lines 16–24 each
// have their own vector (shared with their peripheral where noted).
const (
	OutEXTI0       = iota // line 0 → IRQ 6
	OutEXTI1              // line 1 → IRQ 7
	OutEXTI2              // line 2 → IRQ 8
	OutEXTI3              // line 3 → IRQ 9
	OutEXTI4              // line 4 → IRQ 10
	OutEXTI9_5            // lines 5–9 → IRQ 23
	OutEXTI15_10          // lines 10–15 → IRQ 40
	OutPVD                // line 16 → IRQ 1 (PVD)
	OutRTCAlarm           // line 17 → IRQ 41 (RTC_Alarm)
	OutOTGFSWakeup        // line 18 → IRQ 42 (OTG_FS_WKUP)
	OutETHWakeup          // line 19 → IRQ 62 (ETH_WKUP)
	OutOTGHSWakeup        // line 20 → IRQ 76 (OTG_HS_WKUP)
	OutTampStamp          // line 21 → IRQ 2 (TAMP_STAMP)
	OutRTCWakeup          // line 22 → IRQ 3 (RTC_WKUP)
	OutLPTIM1             // line 23 → IRQ 93 (LPTIM1, shared with the timer)
	OutMDIOS              // line 24 → IRQ 109 (MDIOS, shared with the MDIO slave)
	NumOutputs
)

// OutputIRQ gives the NVIC interrupt number of each output (ST stm32f769xx.h).
var OutputIRQ = [NumOutputs]int{6, 7, 8, 9, 10, 23, 40, 1, 41, 42, 62, 76, 2, 3, 93, 109}

// OutputOf returns the output a line drives, or -1 for a line out of range.
func OutputOf(line int) int {
	switch {
	case line < 0 || line >= NumLines:
		return -1
	case line <= 4:
		return OutEXTI0 + line
	case line <= 9:
		return OutEXTI9_5
	case line <= 15:
		return OutEXTI15_10
	}
	return OutPVD + line - 16
}

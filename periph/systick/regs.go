package systick

// Placement in the system control space (Arm DDI0403E B3.3, SysTick register summary).
const (
	Base = 0xE000_E010 // SYST_CSR
	Size = 0x10        // SYST_CSR .. SYST_CALIB
)

// Register offsets relative to Base.
const (
	regCSR   = 0x0 // SYST_CSR: SysTick Control and Status Register, B3.3.3
	regRVR   = 0x4 // SYST_RVR: SysTick Reload Value Register, B3.3.4
	regCVR   = 0x8 // SYST_CVR: SysTick Current Value Register, B3.3.5
	regCALIB = 0xC // SYST_CALIB: SysTick Calibration value Register, B3.3.6
)

// SYST_CSR fields (B3.3.3).
const (
	csrENABLE    = 1 << 0  // counter enable
	csrTICKINT   = 1 << 1  // count to 0 makes SysTick pending
	csrCLKSOURCE = 1 << 2  // 1 = processor clock, 0 = reference clock
	csrCOUNTFLAG = 1 << 16 // counted to 0 since last read (read-to-clear)
	csrWritable  = csrENABLE | csrTICKINT | csrCLKSOURCE
)

// SYST_RVR / SYST_CVR fields (B3.3.4, B3.3.5).
const (
	rvrRELOAD  = 0x00FF_FFFF // RELOAD[23:0]
	cvrCURRENT = 0x00FF_FFFF // CURRENT[23:0]
)

// SYST_CALIB fields (B3.3.6).
const (
	calibNOREF = 1 << 31     // no reference clock
	calibSKEW  = 1 << 30     // TENMS inexact
	calibTENMS = 0x00FF_FFFF // reload value for 10 ms
)

// Calibration values for the machines m7emu models.
const (
	// CalibSTM32F7: TENMS = 18750 (0x493E) with SKEW set; see the package comment.
	CalibSTM32F7 = calibSKEW | 18750
	// CalibMPS2: QEMU's mps2 boards run the reference clock at 1 MHz (hw/arm/mps2.c
	// REFCLK_FRQ) and report ticks-per-10-ms − 1 = 9999, exact, so SKEW is clear
	// (hw/timer/armv7m_systick.c).
	CalibMPS2 = 9999
)

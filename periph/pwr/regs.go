package pwr

// Placement (RM0410 §2.2.2 memory map; ST stm32f769xx.h PWR_BASE).
const (
	Base = 0x4000_7000
	Size = 0x400
)

// Register offsets relative to Base (RM0410 §4.4.1–§4.4.4, register map §4.4.5).
const (
	regCR1  = 0x00 // PWR_CR1: power control register, §4.4.1
	regCSR1 = 0x04 // PWR_CSR1: power control/status register, §4.4.2
	regCR2  = 0x08 // PWR_CR2: power control register 2, §4.4.3
	regCSR2 = 0x0C // PWR_CSR2: power control/status register 2, §4.4.4
	nRegs   = 4
)

// PWR_CR1 fields (§4.4.1).
const (
	cr1LPDS     = 1 << 0  // low-power deepsleep
	cr1PDDS     = 1 << 1  // power-down deepsleep
	cr1CSBF     = 1 << 3  // clear standby flag (write 1; reads 0)
	cr1PVDE     = 1 << 4  // PVD enable
	cr1PLS      = 7 << 5  // PVD level
	cr1DBP      = 1 << 8  // disable backup domain write protection
	cr1FPDS     = 1 << 9  // flash power-down in Stop mode
	cr1LPUDS    = 1 << 10 // low-power regulator in deepsleep under-drive
	cr1MRUDS    = 1 << 11 // main regulator in deepsleep under-drive
	cr1ADCDC1   = 1 << 13
	cr1VOS      = 3 << 14 // regulator voltage scaling output selection
	cr1ODEN     = 1 << 16 // over-drive enable
	cr1ODSWEN   = 1 << 17 // over-drive switching enabled
	cr1UDEN     = 3 << 18 // under-drive enable in stop mode
	cr1VOSShift = 14
	cr1Writable = cr1LPDS | cr1PDDS | cr1PVDE | cr1PLS | cr1DBP | cr1FPDS | cr1LPUDS |
		cr1MRUDS | cr1ADCDC1 | cr1VOS | cr1ODEN | cr1ODSWEN | cr1UDEN
)

// PWR_CSR1 fields (§4.4.2).
const (
	csr1WUIF     = 1 << 0  // wakeup internal flag
	csr1SBF      = 1 << 1  // standby flag
	csr1PVDO     = 1 << 2  // PVD output
	csr1BRR      = 1 << 3  // backup regulator ready
	csr1EIWUP    = 1 << 8  // enable internal wakeup
	csr1BRE      = 1 << 9  // backup regulator enable
	csr1VOSRDY   = 1 << 14 // regulator voltage scaling output selection ready
	csr1ODRDY    = 1 << 16 // over-drive mode ready
	csr1ODSWRDY  = 1 << 17 // over-drive mode switching ready
	csr1UDRDY    = 3 << 18 // under-drive ready (rc_w1)
	csr1Writable = csr1EIWUP | csr1BRE
)

// PWR_CR2 / PWR_CSR2 fields (§4.4.3, §4.4.4): wakeup pins 1–6.
const (
	cr2CWUPF  = 0x3F      // clear wakeup pin flags (write 1; read 0)
	cr2WUPP   = 0x3F << 8 // wakeup pin polarity
	csr2WUPF  = 0x3F      // wakeup pin flags
	csr2EWUP  = 0x3F << 8 // enable wakeup pins
	resetCR1  = 0x0000_C000
	resetCSR1 = 0
	resetCR2  = 0
	resetCSR2 = 0
)

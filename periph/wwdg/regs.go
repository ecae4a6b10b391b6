package wwdg

// Placement (RM0410 §2.2.2 memory map; §24.4.4 register map).
const (
	Base = 0x4000_2C00
	Size = 0x400
	// IRQ is the WWDG early-wakeup interrupt (RM0410 §10.2 Table 46).
	IRQ = 0
)

// Register offsets relative to Base (RM0410 §24.4).
const (
	regCR  = 0x0 // WWDG_CR: control register, §24.4.1
	regCFR = 0x4 // WWDG_CFR: configuration register, §24.4.2
	regSR  = 0x8 // WWDG_SR: status register, §24.4.3
)

// Fields.
const (
	crT        = 0x7F   // T[6:0] counter, §24.4.1
	crT6       = 1 << 6 // T6
	crWDGA     = 1 << 7 // activation
	cfrW       = 0x7F   // W[6:0] window, §24.4.2
	cfrWDGTB   = 3 << 7 // WDGTB[1:0] timer base
	cfrWDGTBs  = 7
	cfrEWI     = 1 << 9 // early wakeup interrupt enable
	srEWIF     = 1 << 0 // early wakeup interrupt flag, §24.4.3
	resetCR    = 0x7F
	resetCFR   = 0x7F
	stepCycles = 4096 // PCLK1 cycles per counter step at WDGTB = 0 (§24.3.5)
)

package gpio

// Placement: GPIOA at 0x4002_0000, each later port 0x400 above the previous one
// (RM0410 §2.2.2 memory map; stm32f769-embassy.md §10.1). Port index n: A = 0 … K = 10.
const (
	BaseA    = 0x4002_0000
	Stride   = 0x400
	Size     = 0x400
	NumPorts = 11 // GPIOA … GPIOK
	NumPins  = 16
)

// Register offsets relative to the port base (RM0410 §6.4.1–6.4.10, register map §6.4.11).
const (
	regMODER   = 0x00 // GPIOx_MODER: port mode register, §6.4.1
	regOTYPER  = 0x04 // GPIOx_OTYPER: port output type register, §6.4.2
	regOSPEEDR = 0x08 // GPIOx_OSPEEDR: port output speed register, §6.4.3
	regPUPDR   = 0x0C // GPIOx_PUPDR: port pull-up/pull-down register, §6.4.4
	regIDR     = 0x10 // GPIOx_IDR: port input data register (read-only), §6.4.5
	regODR     = 0x14 // GPIOx_ODR: port output data register, §6.4.6
	regBSRR    = 0x18 // GPIOx_BSRR: port bit set/reset register (write-only), §6.4.7
	regLCKR    = 0x1C // GPIOx_LCKR: port configuration lock register, §6.4.8
	regAFRL    = 0x20 // GPIOx_AFRL: alternate function low register (pins 0–7), §6.4.9
	regAFRH    = 0x24 // GPIOx_AFRH: alternate function high register (pins 8–15), §6.4.10
	regEnd     = 0x28
)

// Field layout.
const (
	pins16    = 0xFFFF  // one bit per pin: OTYPER, IDR, ODR, LCKR[15:0]
	lckrLCKK  = 1 << 16 // LCKR.LCKK: lock key (§6.4.8)
	bsrrBRsh  = 16      // BSRR.BRy at bit 16+y, BSRR.BSy at bit y (§6.4.7)
	afBits    = 4       // AFRy: 4 bits per pin (§6.4.9, §6.4.10)
	modeBits  = 2       // MODERy, OSPEEDRy, PUPDRy: 2 bits per pin
	modeField = 3
)

// Mode is a pin's MODERy value (RM0410 §6.4.1).
type Mode uint8

// MODERy encodings.
const (
	ModeInput  Mode = 0 // 00: input (reset state)
	ModeOutput Mode = 1 // 01: general purpose output
	ModeAlt    Mode = 2 // 10: alternate function
	ModeAnalog Mode = 3 // 11: analog
)

func (m Mode) String() string {
	switch m {
	case ModeInput:
		return "input"
	case ModeOutput:
		return "output"
	case ModeAlt:
		return "alternate"
	}
	return "analog"
}

// Pull is a pin's PUPDRy value (RM0410 §6.4.4).
type Pull uint8

// PUPDRy encodings.
const (
	PullNone     Pull = 0 // 00: no pull-up, no pull-down
	PullUp       Pull = 1 // 01: pull-up
	PullDown     Pull = 2 // 10: pull-down
	PullReserved Pull = 3 // 11: reserved; treated as no pull here
)

// Reset values (RM0410 §6.4.1, §6.4.3, §6.4.4; checked against the ST SVD in the
// tests). Ports A and B differ from the others because the debug pins come out of
// reset in their JTAG/SWD alternate function: PA13 SWDIO, PA14 SWCLK, PA15 JTDI,
// PB3 SWO/JTDO, PB4 NJTRST.
const (
	resetMODERA   = 0xA800_0000 // PA15, PA14, PA13 alternate
	resetPUPDRA   = 0x6400_0000 // PA15 pull-up, PA14 pull-down, PA13 pull-up
	resetMODERB   = 0x0000_0280 // PB4, PB3 alternate
	resetOSPEEDRB = 0x0000_00C0 // PB3 very high speed
	resetPUPDRB   = 0x0000_0100 // PB4 pull-up
)

// ResetValues returns MODER, OSPEEDR and PUPDR after reset for port index n (A = 0).
// Every other register resets to 0.
func ResetValues(port int) (moder, ospeedr, pupdr uint32) {
	switch port {
	case 0:
		return resetMODERA, 0, resetPUPDRA
	case 1:
		return resetMODERB, resetOSPEEDRB, resetPUPDRB
	}
	return 0, 0, 0
}

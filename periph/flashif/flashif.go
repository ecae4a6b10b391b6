// Package flashif models the STM32F76xxx embedded-flash interface registers (RM0410
// §3.7, "FLASH registers") as far as the core's timing needs them: FLASH_ACR.LATENCY
// sets the flash wait states the CPU pays. PRFTEN and ARTEN are recorded (read back)
// but do not change timing yet.
//
// Not modelled yet (issue 5 and later): programming and erase (KEYR unlock sequence,
// CR.PG/SER/MER/STRT, SR flags), option-byte programming; those registers latch
// writes and read back their reset values from the ST SVD.
package flashif

import "m7emu/bus"

// Register offsets (RM0410 §3.7.1–3.7.8).
const (
	regACR     = 0x00 // FLASH_ACR: access control register
	regKEYR    = 0x04 // FLASH_KEYR: key register
	regOPTKEYR = 0x08 // FLASH_OPTKEYR: option key register
	regSR      = 0x0C // FLASH_SR: status register
	regCR      = 0x10 // FLASH_CR: control register
	regOPTCR   = 0x14 // FLASH_OPTCR: option control register
	regOPTCR1  = 0x18 // FLASH_OPTCR1: option control register 1
	regOPTCR2  = 0x1C // FLASH_OPTCR2: option control register 2 (PCROPi)
	Size       = 0x400
)

// FLASH_ACR fields (RM0410 §3.7.1).
const (
	acrLATENCY = 0xF << 0 // LATENCY[3:0]: wait states
	acrPRFTEN  = 1 << 8   // prefetch enable
	acrARTEN   = 1 << 9   // ART accelerator enable
	acrARTRST  = 1 << 11  // ART accelerator reset
	acrMask    = acrLATENCY | acrPRFTEN | acrARTEN | acrARTRST
)

// Reset values (ST STM32F769 SVD; OPTCR1 holds the factory option bytes BOOT_ADD0 =
// 0x0080, BOOT_ADD1 = 0x0040, RM0410 §3.4.1 Table 8).
const (
	resetCR     = 0x8000_0000 // LOCK
	resetOPTCR  = 0x0FFF_AAED
	resetOPTCR1 = 0x0040_0080
)

// Config gives the interface its one dependency: a way to set the flash wait states.
type Config struct {
	SetWaitStates func(n int)
}

// Flash is the flash interface register block.
type Flash struct {
	cfg  Config
	regs [8]uint32
}

// New returns the interface in its reset state.
func New(cfg Config) *Flash {
	f := &Flash{cfg: cfg}
	f.Reset()
	return f
}

// Reset restores the reset values (and 0 wait states).
func (f *Flash) Reset() {
	f.regs = [8]uint32{}
	f.regs[regCR/4] = resetCR
	f.regs[regOPTCR/4] = resetOPTCR
	f.regs[regOPTCR1/4] = resetOPTCR1
	f.setLatency(0)
}

// Latency returns FLASH_ACR.LATENCY.
func (f *Flash) Latency() int { return int(f.regs[regACR/4] & acrLATENCY) }

func (f *Flash) setLatency(n int) {
	if f.cfg.SetWaitStates != nil {
		f.cfg.SetWaitStates(n)
	}
}

// Read implements bus.Device. Registers are 32 bits wide; byte and halfword reads
// return the addressed part.
func (f *Flash) Read(off uint32, w bus.Width) (uint32, error) {
	if off >= 0x20 {
		return 0, nil // reserved: reads as zero
	}
	return f.regs[off/4] >> (8 * (off & 3)), nil
}

// Write implements bus.Device.
func (f *Flash) Write(off uint32, w bus.Width, v uint32) error {
	if off >= 0x20 {
		return nil
	}
	if off&3 != 0 || w != 4 {
		// Sub-word writes are merged into the register (the interface accepts them).
		cur := f.regs[off/4]
		sh := 8 * (off & 3)
		mask := uint32(0xFF)
		if w == 2 {
			mask = 0xFFFF
		}
		v = cur&^(mask<<sh) | (v&mask)<<sh
		off &^= 3
	}
	switch off {
	case regACR:
		v &= acrMask &^ acrARTRST // ARTRST is write-only in effect: the reset completes at once
		f.regs[0] = v
		f.setLatency(int(v & acrLATENCY))
	default:
		f.regs[off/4] = v
	}
	return nil
}

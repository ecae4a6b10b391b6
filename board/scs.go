package board

import "m7emu/bus"

// System control space (B3.2, 0xE000_E000–0xE000_EFFF). Until the exception-model
// issue brings the NVIC, SCB, SysTick and DWT, the SCS is a plain register file:
// writes are latched, reads return the latched value, and the identification
// registers read their reset values. That is enough for start-up code that enables the
// FPU through CPACR or reads CPUID.
// Not modelled: every side effect of these registers (B3.2.3 onwards).

const (
	scsBase   = 0xE000_E000
	scsSize   = 0x1000
	offCPUID  = 0xD00 // CPUID, B3.2.3
	offVTOR   = 0xD08 // VTOR, B3.2.5
	offCCR    = 0xD14 // CCR, B3.2.8
	offCPACR  = 0xD88 // CPACR, B3.2.20
	cpuidM7r1 = 0x411F_C270
	// CCR reset on the Cortex-M7: STKALIGN (bit 9) set (DDI0489 §4.1 Table 4-2).
	ccrReset = 1 << 9
)

type scs struct {
	regs [scsSize / 4]uint32
}

func newSCS(vtor uint32) *scs {
	s := &scs{}
	s.regs[offCPUID/4] = cpuidM7r1
	s.regs[offVTOR/4] = vtor
	s.regs[offCCR/4] = ccrReset
	return s
}

func (s *scs) Read(off uint32, w bus.Width) (uint32, error) {
	v := s.regs[off/4] >> (8 * (off & 3))
	return v, nil
}

func (s *scs) Write(off uint32, w bus.Width, v uint32) error {
	if off&^3 == offCPUID {
		return nil // read-only
	}
	i, sh := off/4, 8*(off&3)
	var mask uint32 = 0xFFFFFFFF
	switch w {
	case 1:
		mask = 0xFF
	case 2:
		mask = 0xFFFF
	}
	s.regs[i] = s.regs[i]&^(mask<<sh) | (v&mask)<<sh
	return nil
}

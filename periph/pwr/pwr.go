// Package pwr models the STM32F76xxx power controller registers (RM0410 §4.4) at
// 0x4000_7000: PWR_CR1, PWR_CSR1, PWR_CR2 and PWR_CSR2.
//
// Behaviour:
//   - The ready bits follow their enables at once, both ways: CSR1.ODRDY follows
//     CR1.ODEN, CSR1.ODSWRDY follows CR1.ODSWEN, CSR1.BRR follows CSR1.BRE (RM0410
//     gives settling times that firmware only polls for; none are modelled).
//   - ODSWEN can be set only while ODRDY is 1 and is cleared by hardware when ODEN is
//     cleared (§4.4.1 ODSWEN). The §4.4.1 condition that ODEN be set only while HSI or
//     HSE drives SYSCLK is not checked.
//   - CR1.VOS can be changed only while the main PLL is off (§4.4.1 VOS: "These bits can
//     be modified only when the PLL is OFF"); CSR1.VOSRDY reads 1 while the PLL is
//     ready (the selected scale takes effect only with the PLL on), through
//     Config.PLLReady. Without Config.PLLReady, VOS is always writable and VOSRDY 0.
//   - CR1.DBP reads back as written; BackupWritable reports it to the board, which
//     passes it to the RCC (BDCR write protection) and to the RTC and backup SRAM.
//   - CR1.CSBF writes clear CSR1.SBF; CR2.CWUPFx writes clear CSR2.WUPFx; CSR1.UDRDY is
//     cleared by writing 1. CSBF and CWUPFx read as 0.
//   - Not modelled: low-power modes (LPDS, PDDS, FPDS, under-drive are recorded only),
//     the PVD (PVDO reads 0), wakeup pins (the flags never set), standby (SBF never
//     sets).
//
// Reset values are the ST SVD's: CR1 = 0x0000_C000 (VOS = scale 1), others 0.
package pwr

import "m7emu/bus"

// Config gives the PWR block its dependencies; all optional.
type Config struct {
	// PLLReady reports RCC_CR.PLLRDY (VOS write gating and CSR1.VOSRDY).
	PLLReady func() bool
	// OnChange is called after any write that changes CR1 (the board may recompute
	// timing that depends on the voltage scale or over-drive).
	OnChange func()
}

// PWR is the power controller register block.
type PWR struct {
	cfg  Config
	regs [nRegs]uint32
}

// New returns the PWR block in its reset state.
func New(cfg Config) *PWR {
	p := &PWR{cfg: cfg}
	p.Reset()
	return p
}

// Reset restores the reset values.
func (p *PWR) Reset() {
	p.regs = [nRegs]uint32{resetCR1, resetCSR1, resetCR2, resetCSR2}
}

// BackupWritable reports PWR_CR1.DBP: writes to the backup domain (RCC_BDCR, RTC,
// backup registers and SRAM) are allowed.
func (p *PWR) BackupWritable() bool { return p.regs[regCR1/4]&cr1DBP != 0 }

// VOS returns PWR_CR1.VOS (1: scale 3, 2: scale 2, 3: scale 1).
func (p *PWR) VOS() int { return int(p.regs[regCR1/4]&cr1VOS) >> cr1VOSShift }

// OverDrive reports whether over-drive is active (CSR1.ODSWRDY).
func (p *PWR) OverDrive() bool { return p.regs[regCR1/4]&cr1ODSWEN != 0 }

func (p *PWR) pllReady() bool { return p.cfg.PLLReady != nil && p.cfg.PLLReady() }

// csr1 computes PWR_CSR1 from the stored bits and the enables.
func (p *PWR) csr1() uint32 {
	v := p.regs[regCSR1/4]
	cr1 := p.regs[regCR1/4]
	if cr1&cr1ODEN != 0 {
		v |= csr1ODRDY
	}
	if cr1&cr1ODSWEN != 0 {
		v |= csr1ODSWRDY
	}
	if v&csr1BRE != 0 {
		v |= csr1BRR
	}
	if p.pllReady() {
		v |= csr1VOSRDY
	}
	return v
}

// Read implements bus.Device (offsets relative to Base). Byte and halfword reads
// return the addressed part; reserved offsets read as zero.
func (p *PWR) Read(off uint32, w bus.Width) (uint32, error) {
	if off >= nRegs*4 {
		return 0, nil
	}
	v := p.regs[off/4]
	if off&^3 == regCSR1 {
		v = p.csr1()
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. Narrow writes are merged into the register (the
// write-1-to-clear bits of the merged-in bytes are taken as 0).
func (p *PWR) Write(off uint32, w bus.Width, v uint32) error {
	if off >= nRegs*4 {
		return nil
	}
	reg := off &^ 3
	if off&3 != 0 || w != 4 {
		cur := p.regs[reg/4]
		if reg == regCSR1 {
			cur &= csr1Writable
		}
		sh := 8 * (off & 3)
		mask := uint32(0xFF)
		if w == 2 {
			mask = 0xFFFF
		}
		v = cur&^(mask<<sh) | (v&mask)<<sh
	}
	switch reg {
	case regCR1:
		old := p.regs[0]
		if v&cr1CSBF != 0 {
			p.regs[regCSR1/4] &^= csr1SBF
		}
		nv := v & cr1Writable
		if p.pllReady() {
			nv = nv&^cr1VOS | old&cr1VOS
		}
		if nv&cr1ODEN == 0 {
			nv &^= cr1ODSWEN // cleared by hardware with ODEN
		} else if old&cr1ODEN == 0 {
			nv &^= cr1ODSWEN // ODSWEN needs ODRDY, which only this write sets
		}
		p.regs[0] = nv
		if nv != old && p.cfg.OnChange != nil {
			p.cfg.OnChange()
		}
	case regCSR1:
		c := &p.regs[regCSR1/4]
		*c = *c&^csr1Writable | v&csr1Writable
		*c &^= v & csr1UDRDY
	case regCR2:
		p.regs[regCSR2/4] &^= v & cr2CWUPF
		p.regs[regCR2/4] = v & cr2WUPP
	case regCSR2:
		c := &p.regs[regCSR2/4]
		*c = *c&^csr2EWUP | v&csr2EWUP
	}
	return nil
}

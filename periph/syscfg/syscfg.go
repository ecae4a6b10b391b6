package syscfg

import "m7emu/bus"

// Config gives SYSCFG its board facts.
type Config struct {
	// MemBoot is what SYSCFG_MEMRMP.MEM_BOOT reads: true when the chip booted from
	// BOOT_ADD1 (BOOT pin high). The F769I-DISCO boots from BOOT_ADD0 (false).
	MemBoot bool
	// OnRouteChange, when set, is called after an EXTICR write changes the port routed
	// to a line (line 0–15, new port index). The board may use it to re-evaluate the
	// level the EXTI line sees.
	OnRouteChange func(line, port int)
}

// SYSCFG is the system configuration controller register block.
type SYSCFG struct {
	cfg    Config
	memrmp uint32
	pmc    uint32
	exticr [4]uint32
	cmpcr  uint32
	cbr    uint32
}

// New returns SYSCFG in its reset state.
func New(cfg Config) *SYSCFG {
	s := &SYSCFG{cfg: cfg}
	s.Reset()
	return s
}

// Reset restores the reset values (all registers 0 apart from MEM_BOOT; RM0410 §7.2).
// OnRouteChange is not called.
func (s *SYSCFG) Reset() {
	s.memrmp, s.pmc, s.cmpcr, s.cbr = 0, 0, 0, 0
	s.exticr = [4]uint32{}
}

// Port returns the port index routed to EXTI line 0–15 (EXTICR field; A = 0), or -1
// for another line.
func (s *SYSCFG) Port(line int) int {
	if line < 0 || line > 15 {
		return -1
	}
	return int(s.exticr[line/4] >> (4 * (line % 4)) & exticrField)
}

// Line returns the EXTI line that pin of port (A = 0 … K = 10) reaches: line = pin,
// when EXTICR selects that port for it (RM0410 §11, external interrupt/event GPIO
// mapping figure). ok is false when another port owns the line or the arguments are
// out of range.
func (s *SYSCFG) Line(port, pin int) (line int, ok bool) {
	if port < 0 || port > maxPort || pin < 0 || pin > 15 || s.Port(pin) != port {
		return 0, false
	}
	return pin, true
}

// MemRemap returns SYSCFG_MEMRMP (SWP_FB and SWP_FMC are recorded, not applied).
func (s *SYSCFG) MemRemap() uint32 { return s.readMEMRMP() }

// PMC returns SYSCFG_PMC (recorded; MII_RMII_SEL is for a future Ethernet model).
func (s *SYSCFG) PMC() uint32 { return s.pmc }

func (s *SYSCFG) readMEMRMP() uint32 {
	v := s.memrmp
	if s.cfg.MemBoot {
		v |= memrmpMEMBOOT
	}
	return v
}

// Read implements bus.Device; byte, halfword and word reads return the addressed bytes.
// Reserved offsets read 0.
func (s *SYSCFG) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch reg := off &^ 3; reg {
	case regMEMRMP:
		v = s.readMEMRMP()
	case regPMC:
		v = s.pmc
	case regEXTICR1, regEXTICR2, regEXTICR3, regEXTICR4:
		v = s.exticr[(reg-regEXTICR1)/4]
	case regCBR:
		v = s.cbr
	case regCMPCR:
		v = s.cmpcr
		// Deviation: READY follows CMP_PD at once; silicon needs the cell to settle
		// (RM0410 §7.2.8), a delay not documented as a number.
		if v&cmpcrCMPPD != 0 {
			v |= cmpcrREADY
		}
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. Read-only and reserved bits are ignored.
func (s *SYSCFG) Write(off uint32, w bus.Width, v uint32) error {
	switch reg := off &^ 3; reg {
	case regMEMRMP:
		s.memrmp = bus.Merge(s.memrmp, off, w, v) & memrmpWritable
	case regPMC:
		s.pmc = bus.Merge(s.pmc, off, w, v) & pmcWritable
	case regEXTICR1, regEXTICR2, regEXTICR3, regEXTICR4:
		i := (reg - regEXTICR1) / 4
		old := s.exticr[i]
		s.exticr[i] = bus.Merge(old, off, w, v) & exticrWritable
		if s.cfg.OnRouteChange != nil {
			for k := range 4 {
				sh := 4 * k
				if (old^s.exticr[i])>>sh&exticrField != 0 {
					s.cfg.OnRouteChange(int(i)*4+k, int(s.exticr[i]>>sh&exticrField))
				}
			}
		}
	case regCBR:
		// Set-only: "can be cleared only by a system reset" (RM0410 §7.2.7).
		s.cbr |= bus.Merge(0, off, w, v) & (cbrCLL | cbrPVDL)
	case regCMPCR:
		s.cmpcr = bus.Merge(s.cmpcr, off, w, v) & cmpcrCMPPD
	}
	return nil
}

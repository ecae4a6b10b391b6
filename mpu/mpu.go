package mpu

import "m7emu/bus"

// Config sets the implementation options.
type Config struct {
	// Regions is MPU_TYPE.DREGION, 1..16. 0 means 16.
	Regions int
}

// region is one region's registers and their decoded form.
type region struct {
	rbar, rasr uint32 // as read back (rbar: ADDR only)

	on      bool
	base    uint32 // ADDR masked to the region size
	sizeLog uint   // log2(region size), 5..32
	srd     uint8  // effective subregion-disable bits (0 below 256 bytes)
	ap      uint8
	xn      bool
}

func (r *region) decode() {
	r.on = r.rasr&rasrENABLE != 0
	r.sizeLog = uint((r.rasr&rasrSIZE)>>1) + 1
	if r.sizeLog < minSizeLog2 {
		r.sizeLog = minSizeLog2 // SIZE < 4 is UNPREDICTABLE (B3.5.9)
	}
	r.base = r.rbar
	if r.sizeLog < 32 {
		r.base &^= 1<<r.sizeLog - 1
	} else {
		r.base = 0
	}
	r.srd = 0
	if r.sizeLog >= 8 { // subregions exist for regions of 256 bytes and more
		r.srd = uint8(r.rasr >> rasrSRDShift)
	}
	r.ap = uint8(r.rasr>>rasrAPShift) & 7
	r.xn = r.rasr&rasrXN != 0
}

// match reports whether the region is enabled and covers a (subregions included).
func (r *region) match(a uint32) bool {
	if !r.on || uint64(a)>>r.sizeLog != uint64(r.base)>>r.sizeLog {
		return false
	}
	if r.srd == 0 {
		return true
	}
	sub := (a >> (r.sizeLog - 3)) & 7
	return r.srd&(1<<sub) == 0
}

// MPU is the memory protection unit.
type MPU struct {
	n       int
	ctrl    uint32
	rnr     uint32
	enabled bool // ctrl & ENABLE, for the core's one-branch test
	regions [maxRegions]region
}

// New returns an MPU in its reset state.
func New(cfg Config) *MPU {
	n := cfg.Regions
	if n <= 0 || n > maxRegions {
		n = maxRegions
	}
	m := &MPU{n: n}
	m.Reset()
	return m
}

// Reset disables the MPU and every region (B3.5.6, B3.5.9: CTRL and RASR.ENABLE reset
// to 0; the other fields are UNKNOWN and reset to 0 here).
func (m *MPU) Reset() {
	m.ctrl, m.rnr, m.enabled = 0, 0, false
	for i := range m.regions {
		m.regions[i] = region{}
		m.regions[i].decode()
	}
}

// Enabled reports MPU_CTRL.ENABLE. While it is false the only check left is the
// default map's execute-never rule (DefaultXN), which the core applies to fetches.
func (m *MPU) Enabled() bool { return m.enabled }

// Check reports whether an access of size bytes at addr is permitted (B3.5). write
// and exec give the access kind (exec: instruction fetch), privileged whether it is
// made with privilege (false for LDRT/STRT and unprivileged Thread mode), negPri
// whether the current execution priority is below 0 (HardFault, NMI, FAULTMASK); with
// MPU_CTRL.HFNMIENA = 0 such accesses use the default map. A false result is a
// MemManage fault (DACCVIOL, or IACCVIOL for exec).
func (m *MPU) Check(addr, size uint32, write, exec, privileged, negPri bool) bool {
	_, ok := m.CheckAt(addr, size, write, exec, privileged, negPri)
	return ok
}

// CheckAt is Check that also returns the first failing address (for MMFAR).
func (m *MPU) CheckAt(addr, size uint32, write, exec, privileged, negPri bool) (uint32, bool) {
	if size == 0 {
		size = 1
	}
	end := uint64(addr) + uint64(size) - 1
	for a := uint64(addr); a <= end; a = (a | 31) + 1 {
		if !m.allowed(uint32(a), write, exec, privileged, negPri) {
			return uint32(a), false
		}
	}
	return 0, true
}

// allowed is ValidateAddress() + CheckPermission() for one address.
func (m *MPU) allowed(a uint32, write, exec, priv, negPri bool) bool {
	ap, xn := uint8(apRW), DefaultXN(a) // DefaultPermissions()
	useDefault := a>>20 == 0xE00 || !m.enabled || (negPri && m.ctrl&ctrlHFNMIENA == 0)
	if !useDefault {
		hit := priv && m.ctrl&ctrlPRIVDEFENA != 0
		for i := m.n - 1; i >= 0; i-- {
			if r := &m.regions[i]; r.match(a) {
				ap, xn, hit = r.ap, r.xn, true
				break
			}
		}
		if !hit {
			return false // background fault
		}
		if a >= 0xE000_0000 {
			xn = true // the System region is always execute-never
		}
	}
	if exec {
		if xn {
			return false
		}
		write = false
	}
	switch ap {
	case apPrivRW:
		return priv
	case apPrivRWUR:
		return priv || !write
	case apRW:
		return true
	case apPrivRO:
		return priv && !write
	case apRO, apRO7:
		return !write
	}
	return false // apNone, apRes
}

// DefaultXN reports whether the default memory map marks addr execute-never: the
// Peripheral, Device and System regions (B3.1 Table B3-1). Instruction fetches there
// are MemManage faults (IACCVIOL) whether or not the MPU is enabled.
func DefaultXN(addr uint32) bool {
	switch addr >> 29 {
	case 2, 5, 6, 7: // 0x4000_0000, 0xA000_0000, 0xC000_0000, 0xE000_0000
		return true
	}
	return false
}

// Read implements bus.Device for offsets 0x00–0x2B relative to Base.
func (m *MPU) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch reg := off &^ 3; reg {
	case regTYPE:
		v = uint32(m.n) << typeDREGIONShift
	case regCTRL:
		v = m.ctrl
	case regRNR:
		v = m.rnr
	case regRBAR, regRBAR_A1, regRBAR_A2, regRBAR_A3:
		if r := m.cur(); r != nil {
			v = r.rbar
		}
		v |= m.rnr & rbarREGION
	case regRASR, regRASR_A1, regRASR_A2, regRASR_A3:
		if r := m.cur(); r != nil {
			v = r.rasr
		}
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. Byte and halfword writes are merged into the register
// (RASR is commonly written by halfwords).
func (m *MPU) Write(off uint32, w bus.Width, v uint32) error {
	reg := off &^ 3
	if off&3 != 0 || w != 4 {
		cur, _ := m.Read(reg, 4)
		if reg == regRBAR || reg == regRBAR_A1 || reg == regRBAR_A2 || reg == regRBAR_A3 {
			cur &^= rbarREGION // a read returns RNR there, not a stored field
		}
		sh := 8 * (off & 3)
		mask := uint32(0xFF)
		if w == 2 {
			mask = 0xFFFF
		}
		v = cur&^(mask<<sh) | (v&mask)<<sh
	}
	switch reg {
	case regCTRL:
		m.ctrl = v & ctrlWritable
		m.enabled = m.ctrl&ctrlENABLE != 0
	case regRNR:
		m.rnr = v & rnrREGION
	case regRBAR, regRBAR_A1, regRBAR_A2, regRBAR_A3:
		if v&rbarVALID != 0 {
			if int(v&rbarREGION) >= m.n {
				return nil // UNPREDICTABLE: ignored
			}
			m.rnr = v & rbarREGION
		}
		if r := m.cur(); r != nil {
			r.rbar = v & rbarADDR
			r.decode()
		}
	case regRASR, regRASR_A1, regRASR_A2, regRASR_A3:
		if r := m.cur(); r != nil {
			r.rasr = v & rasrWritable
			r.decode()
		}
	}
	return nil // MPU_TYPE is read-only
}

// cur returns the region MPU_RNR selects, or nil if it is out of range.
func (m *MPU) cur() *region {
	if int(m.rnr) >= m.n {
		return nil
	}
	return &m.regions[m.rnr]
}

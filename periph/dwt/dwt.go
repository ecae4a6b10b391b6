package dwt

import (
	"m7emu/bus"
	"m7emu/irq"
)

// Counters is the core's running totals since reset, as the DWT needs them. The CPU
// fills it on demand (it is read only when a DWT or DHCSR register is accessed or the
// DWT configuration changes).
type Counters struct {
	Cycles       uint64 // all CPU cycles, sleep and exception overhead included
	Instructions uint64 // instructions executed (retired)
	SleepCycles  uint64 // cycles spent asleep (WFI/WFE/SLEEPONEXIT)
	ExcCycles    uint64 // exception entry, exit and tail-chain overhead cycles
	LSUCycles    uint64 // load/store cycles beyond the first of each load/store
	Folded       uint64 // folded (zero-cycle) instructions; 0 on m7emu's core
	PC           uint32 // address of the last executed instruction, for DWT_PCSR
}

// cpi returns the cycles CPICNT counts: every cycle that is not the first cycle of an
// instruction and not counted by EXCCNT, SLEEPCNT or LSUCNT (so that instructions =
// cycles − CPI − EXC − SLEEP − LSU + FOLD).
func (c Counters) cpi() uint64 {
	return c.Cycles - c.Instructions - c.ExcCycles - c.SleepCycles - c.LSUCycles + c.Folded
}

// Config gives the unit its dependencies.
type Config struct {
	// Counters returns the core's totals. Nil: all counters read as frozen.
	Counters func() Counters
	// ITM receives stimulus-port writes: port 0..31 and the 1, 2 or 4 bytes written
	// (little-endian). The slice is only valid during the call. Nil: writes are dropped.
	ITM func(port int, data []byte)
	// Monitor is pulsed when software sets DEMCR.MON_PEND while DEMCR.MON_EN is set (the
	// board turns it into SetPending(12), DebugMonitor). Nil: ignored.
	Monitor irq.Line
	// DebuggerAttached makes DHCSR.C_DEBUGEN read as one (as under probe-rs).
	DebuggerAttached bool
	// LockedAtReset sets the CoreSight software lock of the DWT and ITM at reset.
	LockedAtReset bool
}

// lazy is a counter computed from a running total: it read val when the total was base
// and grows with the total while on.
type lazy struct {
	val  uint64
	base uint64
	on   bool
}

func (l *lazy) get(total uint64) uint64 {
	if l.on && total >= l.base {
		return l.val + (total - l.base)
	}
	return l.val
}

func (l *lazy) set(total, v uint64, on bool) { l.val, l.base, l.on = v, total, on }

// The five 8-bit profiling counters, in register order from CPICNT.
const (
	cntCPI = iota
	cntEXC
	cntSLEEP
	cntLSU
	cntFOLD
	numCnt
)

var cntEnable = [numCnt]uint32{ctrlCPIEVTENA, ctrlEXCEVTENA, ctrlSLEEPEVTENA, ctrlLSUEVTENA, ctrlFOLDEVTENA}

func (c Counters) total(i int) uint64 {
	switch i {
	case cntCPI:
		return c.cpi()
	case cntEXC:
		return c.ExcCycles
	case cntSLEEP:
		return c.SleepCycles
	case cntLSU:
		return c.LSUCycles
	}
	return c.Folded
}

// Unit is the DWT, the ITM and the CoreDebug registers.
type Unit struct {
	cfg Config

	// CoreDebug
	dhcsr      uint32 // C_* control bits
	dcrdr      uint32
	demcr      uint32
	retireBase uint64 // Instructions at the last DHCSR read (S_RETIRE_ST)
	resetRead  bool   // DHCSR read since reset (S_RESET_ST)

	// DWT
	ctrl      uint32
	cyc       lazy
	cnt       [numCnt]lazy
	comp      [numComp]uint32
	mask      [numComp]uint32
	function  [numComp]uint32
	dwtLocked bool

	// ITM
	ter, tpr, tcr uint32
	itmLocked     bool
	stim          [4]byte // buffer handed to Config.ITM
}

// New returns the unit in its reset state.
func New(cfg Config) *Unit {
	u := &Unit{cfg: cfg}
	u.Reset()
	return u
}

// Reset is a power-on reset of the debug and trace blocks: every register returns to
// its reset value and the counters restart from 0 at the current totals. Armv7-M
// resets the debug logic only on a power-on reset, not on a local reset such as
// AIRCR.SYSRESETREQ (see the DEMCR and AIRCR descriptions, DDI0403E C1.6.5 and
// B3.2.6). A board that keeps the core's totals across a local reset may skip this
// call; one that restarts them from zero must call it.
func (u *Unit) Reset() {
	c := u.counters()
	u.dhcsr, u.dcrdr, u.demcr = 0, 0, 0
	if u.cfg.DebuggerAttached {
		u.dhcsr = dhcsrC_DEBUGEN
	}
	u.retireBase, u.resetRead = c.Instructions, false
	u.ctrl = ctrlReset
	u.cyc.set(c.Cycles, 0, false)
	for i := range u.cnt {
		u.cnt[i].set(c.total(i), 0, false)
	}
	u.comp, u.mask, u.function = [numComp]uint32{}, [numComp]uint32{}, [numComp]uint32{}
	u.dwtLocked = u.cfg.LockedAtReset
	u.ter, u.tpr, u.tcr = 0, 0, 0
	u.itmLocked = u.cfg.LockedAtReset
}

// DEMCR returns the DEMCR value (vector-catch and monitor bits, TRCENA).
func (u *Unit) DEMCR() uint32 { return u.demcr }

// TraceEnabled reports DEMCR.TRCENA.
func (u *Unit) TraceEnabled() bool { return u.demcr&demcrTRCENA != 0 }

// StimulusPrivileged reports whether ITM_TPR restricts stimulus port n to privileged
// software (C1.7: one PRIVMASK bit per eight ports). Unprivileged writes to such a
// port are ignored; to the others they are allowed, an exception to the PPB's
// privileged-only rule that the CPU applies.
func (u *Unit) StimulusPrivileged(port int) bool {
	return port >= 0 && port < numStim && u.tpr&(1<<(port/8)) != 0
}

// CycleCount returns DWT_CYCCNT without going through the bus.
func (u *Unit) CycleCount() uint32 { return uint32(u.cyc.get(u.counters().Cycles)) }

// ITM returns the ITM register block (offsets relative to ITMBase).
func (u *Unit) ITM() bus.Device { return itmDev{u} }

// DWT returns the DWT register block (offsets relative to DWTBase).
func (u *Unit) DWT() bus.Device { return dwtDev{u} }

// Debug returns the CoreDebug registers (offsets relative to DebugBase).
func (u *Unit) Debug() bus.Device { return debugDev{u} }

func (u *Unit) counters() Counters {
	if u.cfg.Counters == nil {
		return Counters{}
	}
	return u.cfg.Counters()
}

// regate recomputes which counters run after a DEMCR or DWT_CTRL change; counters that
// stop freeze at their current value, counters whose EVTENA goes from 0 to 1 restart
// from 0.
func (u *Unit) regate(oldCtrl uint32) {
	c := u.counters()
	trc := u.demcr&demcrTRCENA != 0
	u.cyc.set(c.Cycles, u.cyc.get(c.Cycles), trc && u.ctrl&ctrlCYCCNTENA != 0)
	for i := range u.cnt {
		t := c.total(i)
		v := u.cnt[i].get(t)
		en := cntEnable[i]
		if oldCtrl&en == 0 && u.ctrl&en != 0 {
			v = 0
		}
		u.cnt[i].set(t, v, trc && u.ctrl&en != 0)
	}
}

// idReg returns the value of a CoreSight identification register at reg, if it is one.
func idReg(id *[12]uint32, reg uint32) (uint32, bool) {
	switch {
	case reg >= regPID4 && reg < regPID0:
		return id[4+(reg-regPID4)/4], true
	case reg >= regPID0 && reg < regCID0:
		return id[(reg-regPID0)/4], true
	case reg >= regCID0 && reg <= regCID0+0xC:
		return id[8+(reg-regCID0)/4], true
	}
	return 0, false
}

func lsr(locked bool) uint32 {
	if locked {
		return lsrSLI | lsrSLK
	}
	return lsrSLI
}

// --- CoreDebug ---

type debugDev struct{ u *Unit }

func (d debugDev) Read(off uint32, w bus.Width) (uint32, error) {
	u := d.u
	var v uint32
	switch off &^ 3 {
	case regDHCSR:
		v = u.dhcsr | dhcsrS_REGRDY
		if n := u.counters().Instructions; n != u.retireBase {
			v |= dhcsrS_RETIRE_ST
			u.retireBase = n
		}
		if !u.resetRead {
			v |= dhcsrS_RESET_ST
			u.resetRead = true
		}
	case regDCRDR:
		v = u.dcrdr
	case regDEMCR:
		v = u.demcr
	}
	return bus.Narrow(v, off, w), nil // DCRSR is write-only: reads as 0
}

func (d debugDev) Write(off uint32, w bus.Width, v uint32) error {
	u := d.u
	switch off &^ 3 {
	case regDHCSR:
		// Writes need DBGKEY in bits [31:16], so only word writes can count (C1.6.2).
		// Without a debugger the C_* bits cannot be set by software.
		if w == 4 && off&3 == 0 && v&0xFFFF_0000 == dhcsrDBGKEY && u.cfg.DebuggerAttached {
			// Not modelled: halting, stepping, interrupt masking.
			u.dhcsr = dhcsrC_DEBUGEN | v&dhcsrCWritable
		}
	case regDCRSR:
		// Transfers happen only in Debug state, which this core never enters.
	case regDCRDR:
		u.dcrdr = bus.Merge(u.dcrdr, off, w, v)
	case regDEMCR:
		old := u.demcr
		u.demcr = bus.Merge(u.demcr, off, w, v) & demcrWritable
		if (old^u.demcr)&demcrTRCENA != 0 {
			u.regate(u.ctrl)
		}
		if old&demcrMON_PEND == 0 && u.demcr&(demcrMON_PEND|demcrMON_EN) == demcrMON_PEND|demcrMON_EN && u.cfg.Monitor != nil {
			irq.Pulse(u.cfg.Monitor)
		}
	}
	return nil
}

// --- DWT ---

type dwtDev struct{ u *Unit }

func (d dwtDev) Read(off uint32, w bus.Width) (uint32, error) {
	u := d.u
	reg := off &^ 3
	var v uint32
	switch {
	case reg == regCTRL:
		v = u.ctrl
	case reg == regCYCCNT:
		v = uint32(u.cyc.get(u.counters().Cycles))
	case reg >= regCPICNT && reg <= regFOLDCNT:
		i := int(reg-regCPICNT) / 4
		v = uint32(u.cnt[i].get(u.counters().total(i))) & 0xFF
	case reg == regPCSR:
		v = u.counters().PC
	case reg >= regCOMP0 && reg < regCOMP0+16*numComp:
		n := (reg - regCOMP0) / 16
		switch (reg - regCOMP0) % 16 {
		case 0:
			v = u.comp[n]
		case 4:
			v = u.mask[n]
		case 8:
			v = u.function[n]
			if n == 1 {
				v |= functionLNK1ENA
			}
		}
	case reg == regLSR:
		v = lsr(u.dwtLocked)
	default:
		v, _ = idReg(&idDWT, reg)
	}
	return bus.Narrow(v, off, w), nil
}

func (d dwtDev) Write(off uint32, w bus.Width, v uint32) error {
	u := d.u
	reg := off &^ 3
	if reg == regLAR {
		u.dwtLocked = bus.Merge(0, off, w, v) != larKey
		return nil
	}
	if u.dwtLocked {
		return nil
	}
	switch {
	case reg == regCTRL:
		old := u.ctrl
		u.ctrl = ctrlReset | bus.Merge(u.ctrl, off, w, v)&ctrlWritable
		u.regate(old)
	case reg == regCYCCNT:
		c := u.counters().Cycles
		u.cyc.set(c, uint64(bus.Merge(uint32(u.cyc.get(c)), off, w, v)), u.cyc.on)
	case reg >= regCPICNT && reg <= regFOLDCNT:
		i := int(reg-regCPICNT) / 4
		t := u.counters().total(i)
		u.cnt[i].set(t, uint64(bus.Merge(uint32(u.cnt[i].get(t)), off, w, v)&0xFF), u.cnt[i].on)
	case reg >= regCOMP0 && reg < regCOMP0+16*numComp:
		n := (reg - regCOMP0) / 16
		switch (reg - regCOMP0) % 16 {
		case 0:
			u.comp[n] = bus.Merge(u.comp[n], off, w, v)
		case 4:
			u.mask[n] = bus.Merge(u.mask[n], off, w, v) & maskMASK
		case 8:
			u.function[n] = bus.Merge(u.function[n], off, w, v) & functionWritable
		}
	}
	return nil // PCSR, LSR and the ID registers are read-only
}

// --- ITM ---

type itmDev struct{ u *Unit }

func (d itmDev) Read(off uint32, w bus.Width) (uint32, error) {
	u := d.u
	reg := off &^ 3
	var v uint32
	switch {
	case reg < 4*numStim:
		v = stimFIFOREADY // the FIFO never fills: output is immediate
	case reg == regTER:
		v = u.ter
	case reg == regTPR:
		v = u.tpr
	case reg == regTCR:
		v = u.tcr
	case reg == regLSR:
		v = lsr(u.itmLocked)
	default:
		v, _ = idReg(&idITM, reg)
	}
	return bus.Narrow(v, off, w), nil
}

func (d itmDev) Write(off uint32, w bus.Width, v uint32) error {
	u := d.u
	reg := off &^ 3
	switch {
	case reg < 4*numStim:
		port := int(reg / 4)
		if u.demcr&demcrTRCENA == 0 || u.tcr&tcrITMENA == 0 || u.ter&(1<<port) == 0 || u.cfg.ITM == nil {
			return nil
		}
		n := int(w)
		if n != 1 && n != 2 {
			n = 4
		}
		for i := 0; i < n; i++ {
			u.stim[i] = byte(v >> (8 * i))
		}
		u.cfg.ITM(port, u.stim[:n])
		return nil
	case reg == regLAR:
		u.itmLocked = bus.Merge(0, off, w, v) != larKey
		return nil
	}
	if u.itmLocked {
		return nil
	}
	switch reg {
	case regTER:
		u.ter = bus.Merge(u.ter, off, w, v)
	case regTPR:
		u.tpr = bus.Merge(u.tpr, off, w, v) & tprPRIVMASK
	case regTCR:
		u.tcr = bus.Merge(u.tcr, off, w, v) & tcrWritable
	}
	return nil
}

package systick

import (
	"m7emu/bus"
	"m7emu/irq"
	"m7emu/sched"
)

// Config gives SysTick its dependencies.
type Config struct {
	// Sched holds the wrap event. Required (New makes a private one if nil, which is
	// only useful in tests).
	Sched *sched.Scheduler
	// IRQ is pulsed on each 1→0 transition while TICKINT is set; the board turns it into
	// SetPending(15). Nil: the exception request goes nowhere.
	IRQ irq.Line
	// Now returns the current CPU cycle. Nil: Sched.Now. A board whose core runs ahead
	// of the scheduler between events must pass the core's cycle counter here, so that
	// register reads in the middle of a run see the exact count.
	Now func() sched.Cycle
	// RefDivider returns how many CPU cycles one reference-clock tick lasts (STM32F7: 8,
	// HCLK/8 with the core on HCLK). It is read at New, Reset and ClockChanged. Nil or 0:
	// the device has no reference clock (CLKSOURCE reads as one, CALIB.NOREF set).
	RefDivider func() uint64
	// Calib is the value SYST_CALIB reads (CalibSTM32F7, CalibMPS2, ...).
	Calib uint32
}

// SysTick is the system timer. Its state changes only through register accesses, the
// wrap event and ClockChanged.
type SysTick struct {
	cfg Config
	now func() sched.Cycle
	ev  *sched.Event

	csr uint32 // ENABLE | TICKINT | CLKSOURCE (COUNTFLAG is computed)
	rvr uint32 // RELOAD

	// The counter: after every tick at or before cycle anchor it held val. While
	// running, the value at cycle t follows from the number of ticks in (anchor, t].
	anchor sched.Cycle
	val    uint32
	// COUNTFLAG: flag latches 1→0 transitions up to flagFrom; transitions in
	// (flagFrom, t] are found lazily. Invariant: flagFrom >= anchor.
	flag     bool
	flagFrom sched.Cycle

	refDiv   uint64      // CPU cycles per reference tick, 0 = no reference clock
	refEpoch sched.Cycle // reference ticks fall on refEpoch + k·refDiv
}

// New returns SysTick in its reset state.
func New(cfg Config) *SysTick {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	s := &SysTick{cfg: cfg, now: cfg.Now}
	if s.now == nil {
		s.now = cfg.Sched.Now
	}
	s.ev = cfg.Sched.NewEvent("systick", s.wrap)
	s.Reset()
	return s
}

// Reset restores the reset state: counter disabled, RVR = CVR = 0, COUNTFLAG clear,
// CLKSOURCE = 0 (1 without a reference clock). The wrap event is cancelled.
func (s *SysTick) Reset() {
	s.cfg.Sched.Cancel(s.ev)
	s.refDiv = s.readRefDiv()
	s.csr = 0
	if s.refDiv == 0 {
		s.csr = csrCLKSOURCE
	}
	s.rvr, s.val, s.flag = 0, 0, false
	t := s.now()
	s.anchor, s.flagFrom, s.refEpoch = t, t, t
}

// ClockChanged re-reads Config.RefDivider and re-derives the schedule from now on: the
// count up to now is kept exactly, later reference ticks use the new divider (phase
// restarting at this cycle). Call it whenever the clock tree changes.
func (s *SysTick) ClockChanged() {
	t := s.now()
	s.sync(t)
	s.flushDue(t)
	s.refDiv = s.readRefDiv()
	if s.refDiv == 0 {
		s.csr |= csrCLKSOURCE
	}
	s.refEpoch = t
	s.schedule(t)
}

// Current returns SYST_CVR now, without side effects.
func (s *SysTick) Current() uint32 { return s.current(s.now()) }

// NextWrap returns the cycle of the next scheduled exception request (a 1→0
// transition with TICKINT set), if any.
func (s *SysTick) NextWrap() (sched.Cycle, bool) {
	return s.ev.At(), s.ev.Scheduled()
}

// Read implements bus.Device for offsets 0x0–0xF relative to Base. Registers are 32
// bits; narrower reads return the addressed bytes. Reading the byte holding COUNTFLAG
// clears it (B3.3.3).
func (s *SysTick) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regCSR:
		t := s.now()
		v = s.csr
		lo, hi := off&3, off&3+uint32(w)
		if lo <= 2 && hi > 2 { // the access covers bits [23:16]
			if s.countFlag(t) {
				v |= csrCOUNTFLAG
			}
			s.flag, s.flagFrom = false, max(t, s.anchor)
		} else if s.countFlag(t) {
			v |= csrCOUNTFLAG
		}
	case regRVR:
		v = s.rvr
	case regCVR:
		v = s.current(s.now())
	case regCALIB:
		v = s.calib()
	default:
		return 0, nil
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. Narrow writes are merged into the register.
func (s *SysTick) Write(off uint32, w bus.Width, v uint32) error {
	reg := off &^ 3
	if reg > regCALIB {
		return nil
	}
	t := s.now()
	if off&3 != 0 || w != 4 {
		var cur uint32
		switch reg {
		case regCSR:
			cur = s.csr
		case regRVR:
			cur = s.rvr
		}
		sh := 8 * (off & 3)
		mask := uint32(0xFF)
		if w == 2 {
			mask = 0xFFFF
		}
		v = cur&^(mask<<sh) | (v&mask)<<sh
	}
	switch reg {
	case regCSR:
		s.sync(t)
		s.flushDue(t)
		s.csr = v & csrWritable
		if s.refDiv == 0 {
			s.csr |= csrCLKSOURCE // RAO/WI without a reference clock (B3.3.3)
		}
		s.schedule(t)
	case regRVR:
		s.sync(t)
		s.flushDue(t)
		s.rvr = v & rvrRELOAD
		s.schedule(t)
	case regCVR:
		// "A write of any value clears the field to 0, and also clears the COUNTFLAG
		// bit" (B3.3.5); the exception is not pended.
		s.sync(t)
		s.flushDue(t)
		s.val, s.flag = 0, false
		s.schedule(t)
	}
	return nil // SYST_CALIB is read-only
}

func (s *SysTick) readRefDiv() uint64 {
	if s.cfg.RefDivider == nil {
		return 0
	}
	return s.cfg.RefDivider()
}

func (s *SysTick) calib() uint32 {
	c := s.cfg.Calib
	if s.refDiv == 0 {
		c |= calibNOREF
	}
	return c
}

func (s *SysTick) pend() {
	if s.cfg.IRQ != nil {
		irq.Pulse(s.cfg.IRQ)
	}
}

// divider and epoch describe the selected clock: ticks fall on epoch + k·divider.
func (s *SysTick) divider() uint64 {
	if s.csr&csrCLKSOURCE != 0 {
		return 1
	}
	return s.refDiv
}

func (s *SysTick) epoch() sched.Cycle {
	if s.csr&csrCLKSOURCE != 0 {
		return 0
	}
	return s.refEpoch
}

func (s *SysTick) running() bool { return s.csr&csrENABLE != 0 && s.divider() != 0 }

// ticks returns the number of clock ticks in (a, t].
func (s *SysTick) ticks(a, t sched.Cycle) uint64 {
	if t <= a {
		return 0
	}
	d, e := s.divider(), s.epoch()
	if t <= e {
		return 0
	}
	if a < e {
		a = e
	}
	return (t-e)/d - (a-e)/d
}

// tickCycle returns the cycle of the k-th tick (k >= 1) after the anchor.
func (s *SysTick) tickCycle(k uint64) sched.Cycle {
	d, e := s.divider(), s.epoch()
	a := max(s.anchor, e)
	return e + ((a-e)/d+k)*d
}

// valueAt returns the counter after n ticks from the anchor.
func (s *SysTick) valueAt(n uint64) uint32 {
	v := uint64(s.val)
	if n < v {
		return uint32(v - n)
	}
	if s.rvr == 0 {
		return 0
	}
	p := uint64(s.rvr) + 1
	m := (n - v) % p
	return uint32((p - m) % p)
}

// firstZeroAfter returns the index (counted from the anchor) of the first tick after
// tick n that takes the counter from 1 to 0.
func (s *SysTick) firstZeroAfter(n uint64) (uint64, bool) {
	v := uint64(s.val)
	if v > 0 && n < v {
		return v, true
	}
	if s.rvr == 0 {
		return 0, false
	}
	p := uint64(s.rvr) + 1
	if v > 0 {
		return v + ((n-v)/p+1)*p, true
	}
	return (n/p + 1) * p, true
}

func (s *SysTick) current(t sched.Cycle) uint32 {
	if !s.running() {
		return s.val
	}
	return s.valueAt(s.ticks(s.anchor, t))
}

// countFlag reports COUNTFLAG at cycle t without clearing it.
func (s *SysTick) countFlag(t sched.Cycle) bool {
	if s.flag {
		return true
	}
	if !s.running() {
		return false
	}
	z, ok := s.firstZeroAfter(s.ticks(s.anchor, s.flagFrom))
	return ok && z <= s.ticks(s.anchor, t)
}

// sync moves the anchor to t, latching any 1→0 transition into COUNTFLAG.
func (s *SysTick) sync(t sched.Cycle) {
	if s.running() {
		if s.countFlag(t) {
			s.flag = true
		}
		s.val = s.valueAt(s.ticks(s.anchor, t))
	}
	s.anchor, s.flagFrom = t, t
}

// flushDue delivers a wrap that is due (at or before t) but whose event has not fired
// yet, and unschedules the event; the caller reschedules from the new state.
func (s *SysTick) flushDue(t sched.Cycle) {
	if !s.ev.Scheduled() {
		return
	}
	due := s.ev.At() <= t
	s.cfg.Sched.Cancel(s.ev)
	if due {
		s.pend()
	}
}

// schedule arms the wrap event for the first 1→0 transition after t, if TICKINT is set.
func (s *SysTick) schedule(t sched.Cycle) {
	if !s.running() || s.csr&csrTICKINT == 0 {
		return
	}
	if k, ok := s.firstZeroAfter(s.ticks(s.anchor, t)); ok {
		s.cfg.Sched.At(s.ev, s.tickCycle(k))
	}
}

// wrap is the event: a 1→0 transition with TICKINT set.
func (s *SysTick) wrap(sched.Cycle) {
	at := s.ev.At() // the transition's exact cycle, even if the event fires late
	s.pend()
	s.schedule(at)
}

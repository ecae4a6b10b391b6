package wwdg

import (
	"m7emu/bus"
	"m7emu/irq"
	"m7emu/sched"
)

// Config gives the WWDG its dependencies.
type Config struct {
	// Sched holds the counter events. Nil: a private scheduler (tests only).
	Sched *sched.Scheduler
	// Now returns the current CPU cycle. Nil: Sched.Now.
	Now func() sched.Cycle
	// APBDivider returns CPU cycles per PCLK1 cycle (the APB1 prescaler); read at New,
	// Reset and ClockChanged. Nil or 0: 1.
	APBDivider func() uint64
	// IRQ is the early-wakeup interrupt line (level: EWIF && EWI). Nil: nowhere.
	IRQ irq.Line
	// OnReset is called when the watchdog asks for a system reset. Nil: nothing.
	OnReset func()
}

// WWDG is the window watchdog.
type WWDG struct {
	cfg Config
	now func() sched.Cycle
	ev  *sched.Event

	wdga bool
	cfr  uint32
	ewif bool
	line bool

	apb     uint64
	anchor  sched.Cycle // the counter held val at anchor and steps every period() cycles after
	val     uint32
	latched uint64 // EWIF is latched for the steps in (0, latched] after anchor
	resets  int
}

// New returns the WWDG in its reset state.
func New(cfg Config) *WWDG {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	d := &WWDG{cfg: cfg, now: cfg.Now}
	if d.now == nil {
		d.now = cfg.Sched.Now
	}
	d.ev = cfg.Sched.NewEvent("wwdg", d.event)
	d.Reset()
	return d
}

// Reset returns the registers to their reset values (the counter restarts at 0x7F).
func (d *WWDG) Reset() {
	d.wdga, d.cfr, d.ewif = false, resetCFR, false
	d.readAPB()
	d.anchor, d.val, d.latched = d.now(), resetCR, 0
	d.line = false
	if d.cfg.IRQ != nil {
		d.cfg.IRQ.Set(false)
	}
	d.schedule()
}

func (d *WWDG) readAPB() {
	d.apb = 1
	if d.cfg.APBDivider != nil {
		if v := d.cfg.APBDivider(); v != 0 {
			d.apb = v
		}
	}
}

func (d *WWDG) period() uint64 {
	return stepCycles << ((d.cfr & cfrWDGTB) >> cfrWDGTBs) * d.apb
}

// steps is the number of counter steps in (anchor, t].
func (d *WWDG) steps(t sched.Cycle) uint64 {
	if t <= d.anchor {
		return 0
	}
	return (t - d.anchor) / d.period()
}

// counter is T[6:0] at cycle t.
func (d *WWDG) counter(t sched.Cycle) uint32 {
	return (d.val - uint32(d.steps(t)%128)) & crT
}

// Counter is the current counter value (for debuggers and tests).
func (d *WWDG) Counter() uint32 { return d.counter(d.now()) }

// Resets is the number of resets the watchdog has asked for.
func (d *WWDG) Resets() int { return d.resets }

// latch sets EWIF if the counter stepped into 0x40 since the last latch (RM0410
// §24.4.3: EWIF is set whether or not EWI is enabled), without an event.
func (d *WWDG) latch() {
	n := d.steps(d.now())
	if n <= d.latched {
		return
	}
	k0 := uint64((d.val - 0x40) & crT) // steps from the anchor to the first 0x40 (0: 128)
	if k0 == 0 {
		k0 = 128
	}
	// first k >= latched+1 with k ≡ k0 (mod 128)
	from := d.latched + 1
	k := k0
	if k < from {
		k += (from - k + 127) / 128 * 128
	}
	if k <= n {
		d.ewif = true
		d.update()
	}
	d.latched = n
}

// rebase makes the counter's value at now the anchor (the step in progress restarts).
func (d *WWDG) rebase(val uint32) {
	d.latch()
	d.val, d.anchor, d.latched = val, d.now(), 0
}

// schedule arms the event at the next step that matters: into 0x3F while WDGA is set
// (reset), into 0x40 while EWI is set and EWIF clear (interrupt). Otherwise the
// counter runs with nothing scheduled.
func (d *WWDG) schedule() {
	d.cfg.Sched.Cancel(d.ev)
	now := d.now()
	n := d.steps(now)
	cur := d.counter(now)
	next := uint64(0)
	if d.cfr&cfrEWI != 0 && !d.ewif {
		if next = uint64((cur - 0x40) & crT); next == 0 {
			next = 128
		}
	}
	if d.wdga {
		to3F := uint64((cur - 0x3F) & crT)
		if to3F == 0 {
			to3F = 128
		}
		if next == 0 || to3F < next {
			next = to3F
		}
	}
	if next == 0 {
		return
	}
	at := d.anchor + (n+next)*d.period()
	if s := d.cfg.Sched.Now(); at < s {
		at = s
	}
	d.cfg.Sched.At(d.ev, at)
}

func (d *WWDG) event(sched.Cycle) {
	d.latch()
	if d.wdga && d.Counter() == 0x3F {
		d.fire()
	}
	d.schedule()
}

func (d *WWDG) fire() {
	d.resets++
	if d.cfg.OnReset != nil {
		d.cfg.OnReset()
	}
}

// update drives the interrupt line.
func (d *WWDG) update() {
	l := d.ewif && d.cfr&cfrEWI != 0
	if l != d.line {
		d.line = l
		if d.cfg.IRQ != nil {
			d.cfg.IRQ.Set(l)
		}
	}
}

// ClockChanged re-reads the APB divider; the counter keeps its value.
func (d *WWDG) ClockChanged() {
	d.rebase(d.Counter())
	d.readAPB()
	d.schedule()
}

// Read implements bus.Device.
func (d *WWDG) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regCR:
		v = d.Counter()
		if d.wdga {
			v |= crWDGA
		}
	case regCFR:
		v = d.cfr
	case regSR:
		d.latch()
		if d.ewif {
			v = srEWIF
		}
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device.
func (d *WWDG) Write(off uint32, w bus.Width, v uint32) error {
	switch off &^ 3 {
	case regCR:
		cur, _ := d.Read(regCR, 4)
		v = bus.Merge(cur, off, w, v)
		if d.wdga && d.Counter() > d.cfr&cfrW {
			d.fire() // refresh outside the window (§24.3.4)
			return nil
		}
		d.wdga = d.wdga || v&crWDGA != 0
		d.rebase(v & crT)
		if d.wdga && v&crT6 == 0 {
			d.fire() // T6 cleared by software: immediate reset (§24.3.2)
			return nil
		}
		d.schedule()
	case regCFR:
		v = bus.Merge(d.cfr, off, w, v)
		d.rebase(d.Counter())
		ewi := d.cfr & cfrEWI // EWI: set by software, cleared only by reset
		d.cfr = v&(cfrW|cfrWDGTB) | ewi | v&cfrEWI
		d.update()
		d.schedule()
	case regSR:
		cur, _ := d.Read(regSR, 4)
		v = bus.Merge(cur, off, w, v)
		if v&srEWIF == 0 { // rc_w0
			d.ewif = false
			d.update()
		}
	}
	return nil
}

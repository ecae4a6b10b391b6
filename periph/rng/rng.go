package rng

import (
	"m7emu/bus"
	"m7emu/irq"
	"m7emu/sched"
)

// Config gives the RNG its dependencies.
type Config struct {
	// Sched holds the data-ready event (only scheduled while IE is set). Nil: a
	// private scheduler, only useful in tests.
	Sched *sched.Scheduler
	// Now returns the current CPU cycle. Nil: Sched.Now.
	Now func() sched.Cycle
	// IRQ carries the interrupt level (IE && (DRDY || CEIS || SEIS)). Nil: nowhere.
	IRQ irq.Line
	// CPUHz and RNGHz return the core and RNG (PLL48CLK) clock frequencies. If either
	// is nil or returns 0 the RNG clock is taken to equal the core clock.
	CPUHz, RNGHz func() uint64
	// Seed selects the value stream; 0 means DefaultSeed.
	Seed uint64
}

// RNG is the random number generator.
type RNG struct {
	cfg Config
	now func() sched.Cycle
	ev  *sched.Event

	cr, sr uint32 // sr holds CEIS/SEIS only; DRDY is computed
	n      uint64 // values consumed so far
	// While RNGEN is set, the next value is ready at readyAt; its 40-period wait
	// started at waitFrom with wait cycles per value.
	waitFrom, readyAt sched.Cycle
	wait              uint64
	level             bool
}

// New returns the RNG in its reset state.
func New(cfg Config) *RNG {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	if cfg.Seed == 0 {
		cfg.Seed = DefaultSeed
	}
	r := &RNG{cfg: cfg, now: cfg.Now}
	if r.now == nil {
		r.now = cfg.Sched.Now
	}
	r.ev = cfg.Sched.NewEvent("rng", func(sched.Cycle) { r.update() })
	r.Reset()
	return r
}

// Reset restores the reset state (all registers zero) and restarts the value stream
// from its first value.
func (r *RNG) Reset() {
	r.cfg.Sched.Cancel(r.ev)
	r.cr, r.sr, r.n = 0, 0, 0
	r.wait = r.cyclesPerValue()
	r.update()
}

// cyclesPerValue is 40 RNG-clock periods in CPU cycles, rounded up.
func (r *RNG) cyclesPerValue() uint64 {
	var cpu, rng uint64
	if r.cfg.CPUHz != nil && r.cfg.RNGHz != nil {
		cpu, rng = r.cfg.CPUHz(), r.cfg.RNGHz()
	}
	if cpu == 0 || rng == 0 {
		return Periods
	}
	return (Periods*cpu + rng - 1) / rng
}

// ClockChanged re-reads the clock frequencies. A wait in progress keeps the RNG
// periods it has completed; the rest take the new duration.
func (r *RNG) ClockChanged() {
	t := r.now()
	old := r.wait
	r.wait = r.cyclesPerValue()
	if r.cr&crRNGEN != 0 && t < r.readyAt && old > 0 {
		done := (t - r.waitFrom) * Periods / old // whole RNG periods completed
		left := (Periods - done) * r.wait / Periods
		if left == 0 {
			left = 1
		}
		r.readyAt = t + left
		// Where a full wait at the new rate would have started, so a later change
		// again sees the periods completed (clamped at cycle 0).
		r.waitFrom = 0
		if r.readyAt >= r.wait {
			r.waitFrom = r.readyAt - r.wait
		}
	}
	r.update()
}

// startWait begins the 40-period wait for the next value at cycle t.
func (r *RNG) startWait(t sched.Cycle) {
	r.waitFrom, r.readyAt = t, t+r.wait
}

func (r *RNG) ready(t sched.Cycle) bool {
	return r.cr&crRNGEN != 0 && t >= r.readyAt
}

// update recomputes the interrupt level and the data-ready event.
func (r *RNG) update() {
	t := r.now()
	r.cfg.Sched.Cancel(r.ev)
	lvl := false
	if r.cr&crIE != 0 {
		lvl = r.ready(t) || r.sr&(srCEIS|srSEIS) != 0
		if !lvl && r.cr&crRNGEN != 0 {
			r.cfg.Sched.At(r.ev, r.readyAt)
		}
	}
	if lvl != r.level {
		r.level = lvl
		if r.cfg.IRQ != nil {
			r.cfg.IRQ.Set(lvl)
		}
	}
}

// value returns the i-th value of the stream (splitmix64 of the seed-offset counter,
// high half): a fixed function of Seed and i.
func (r *RNG) value(i uint64) uint32 {
	z := r.cfg.Seed + (i+1)*0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	z ^= z >> 31
	return uint32(z >> 32)
}

// Read implements bus.Device. Reading RNG_DR with DRDY set consumes the value and
// starts the wait for the next.
func (r *RNG) Read(off uint32, w bus.Width) (uint32, error) {
	t := r.now()
	var v uint32
	switch off &^ 3 {
	case regCR:
		v = r.cr
	case regSR:
		v = r.sr
		if r.ready(t) {
			v |= srDRDY
		}
	case regDR:
		if r.ready(t) {
			v = r.value(r.n)
			r.n++
			r.startWait(t)
			r.update()
		}
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. SR.CEIS and SEIS clear on writing 0; other SR bits
// and DR are read-only.
func (r *RNG) Write(off uint32, w bus.Width, v uint32) error {
	t := r.now()
	switch off &^ 3 {
	case regCR:
		cr := bus.Merge(r.cr, off, w, v) & crWritable
		if cr&crRNGEN != 0 && r.cr&crRNGEN == 0 {
			r.startWait(t)
		}
		r.cr = cr
	case regSR:
		r.sr &= bus.Merge(0xFFFFFFFF, off, w, v)
	default:
		return nil
	}
	r.update()
	return nil
}

// Values returns how many values software has read from RNG_DR since reset.
func (r *RNG) Values() uint64 { return r.n }

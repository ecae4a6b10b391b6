package iwdg

import (
	"math/bits"

	"m7emu/bus"
	"m7emu/sched"
)

// Config gives the IWDG its dependencies.
type Config struct {
	// Sched holds the expiry event. Nil: a private scheduler (tests only).
	Sched *sched.Scheduler
	// Now returns the current CPU cycle. Nil: Sched.Now.
	Now func() sched.Cycle
	// CPUHz returns the CPU cycle frequency; read at New, Reset and ClockChanged.
	// Nil or 0: the watchdog never counts.
	CPUHz func() uint64
	// LSIHz is the LSI frequency; 0 means LSIHz (32 kHz).
	LSIHz uint64
	// OnReset is called (from the scheduler) when the watchdog asks for a system reset:
	// counter reaching 0 or a refresh outside the window. Nil: nothing happens.
	OnReset func()
}

// IWDG is the independent watchdog.
type IWDG struct {
	cfg Config
	now func() sched.Cycle
	ev  *sched.Event

	pr, rlr, winr uint32
	access        bool // PR/RLR/WINR writable (0x5555 written)
	running       bool

	hz, lsi uint64
	epoch   sched.Cycle // LSI tick k (counted from tickBase) falls at epoch + ceil(k·hz/lsi)
	base    uint64      // LSI ticks before epoch
	// The counter held val at LSI tick anchor and decrements every div ticks after it.
	anchor uint64
	val    uint32
	div    uint64
	resets int
}

// New returns the IWDG in its reset state.
func New(cfg Config) *IWDG {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	if cfg.LSIHz == 0 {
		cfg.LSIHz = LSIHz
	}
	d := &IWDG{cfg: cfg, now: cfg.Now}
	if d.now == nil {
		d.now = cfg.Sched.Now
	}
	d.ev = cfg.Sched.NewEvent("iwdg", d.expire)
	d.Reset()
	return d
}

// Reset returns the registers to their reset values and stops the watchdog.
func (d *IWDG) Reset() {
	d.cfg.Sched.Cancel(d.ev)
	d.pr, d.rlr, d.winr = 0, resetRLR, resetWINR
	d.access, d.running = false, false
	d.lsi = d.cfg.LSIHz
	d.hz = 0
	if d.cfg.CPUHz != nil {
		d.hz = d.cfg.CPUHz()
	}
	d.epoch, d.base = d.now(), 0
	d.anchor, d.val, d.div = 0, resetRLR, 4
}

// Running reports whether the watchdog has been started.
func (d *IWDG) Running() bool { return d.running }

// ticks is the number of LSI ticks at cycle t (t >= epoch).
func (d *IWDG) ticks(t sched.Cycle) uint64 {
	if d.hz == 0 || t < d.epoch {
		return d.base
	}
	hi, lo := bits.Mul64(t-d.epoch, d.lsi)
	if hi >= d.hz {
		return ^uint64(0)
	}
	q, _ := bits.Div64(hi, lo, d.hz)
	return d.base + q
}

// cycleOf is the cycle of LSI tick n (n >= base), or false when it is out of range.
func (d *IWDG) cycleOf(n uint64) (sched.Cycle, bool) {
	if d.hz == 0 {
		return 0, false
	}
	k := n - d.base
	hi, lo := bits.Mul64(k, d.hz)
	lo, c := bits.Add64(lo, d.lsi-1, 0)
	hi += c
	if hi >= d.lsi {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, d.lsi)
	if d.epoch+q < d.epoch {
		return 0, false
	}
	return d.epoch + q, true
}

// counter is the down-counter's value at the current cycle.
func (d *IWDG) counter() uint32 {
	if !d.running {
		return d.val
	}
	el := (d.ticks(d.now()) - d.anchor) / d.div
	if el >= uint64(d.val) {
		return 0
	}
	return d.val - uint32(el)
}

// prescaler is the LSI divider for PR (RM0410 §23.4.2: /4 … /256, 6 and 7 both /256).
func prescaler(pr uint32) uint64 {
	if pr > 6 {
		pr = 6
	}
	return 4 << pr
}

// reload loads the counter from RLR and schedules the expiry.
func (d *IWDG) reload() {
	d.anchor = d.ticks(d.now())
	d.val = d.rlr
	d.div = prescaler(d.pr)
	d.schedule()
}

// schedule arms the expiry: the counter steps RLR → 0 in RLR prescaled periods and the
// reset follows one period later, so the timeout is (RL+1)·4·2^PR / f_LSI (RM0410
// §23.3 timeout table: 0.125 ms for RL = 0 and 512 ms for RL = 0xFFF at /4, 32 kHz).
func (d *IWDG) schedule() {
	d.cfg.Sched.Cancel(d.ev)
	if !d.running {
		return
	}
	if at, ok := d.cycleOf(d.anchor + (uint64(d.val)+1)*d.div); ok {
		if now := d.cfg.Sched.Now(); at < now {
			at = now
		}
		d.cfg.Sched.At(d.ev, at)
	}
}

func (d *IWDG) expire(sched.Cycle) { d.fire() }

func (d *IWDG) fire() {
	d.resets++
	if d.cfg.OnReset != nil {
		d.cfg.OnReset()
	}
}

// Resets is the number of resets the watchdog has asked for.
func (d *IWDG) Resets() int { return d.resets }

// ClockChanged re-reads the CPU frequency and re-derives the expiry from now.
func (d *IWDG) ClockChanged() {
	now := d.now()
	n := d.ticks(now)
	d.base, d.epoch = n, now
	if d.cfg.CPUHz != nil {
		d.hz = d.cfg.CPUHz()
	}
	d.schedule()
}

// Read implements bus.Device.
func (d *IWDG) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regKR:
		v = 0 // write-only
	case regPR:
		v = d.pr
	case regRLR:
		v = d.rlr
	case regSR:
		v = 0 // updates complete at once
	case regWINR:
		v = d.winr
	default:
		return 0, nil // reserved: reads as zero
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. Every field sits in the low half-word of its register:
// a write at the register's offset takes the low bits of v; writes to upper bytes are ignored.
func (d *IWDG) Write(off uint32, w bus.Width, v uint32) error {
	if off&3 != 0 {
		return nil // the keys and fields sit in the low half-word: writes to other bytes do nothing
	}
	switch off {
	case regKR:
		switch v & 0xFFFF {
		case KeyAccess:
			d.access = true
		case KeyStart:
			d.access = false
			if !d.running {
				d.running = true
				d.reload()
			}
		case KeyReload:
			d.access = false
			if d.running {
				if d.winr < d.rlr && d.counter() > d.winr {
					d.fire() // refresh outside the window (§23.3.4)
					return nil
				}
				d.reload()
			}
		default:
			d.access = false
		}
	case regPR:
		if d.access {
			d.pr = v & prPR
		}
	case regRLR:
		if d.access {
			d.rlr = v & rlrRL
		}
	case regWINR:
		if d.access {
			d.winr = v & winrWIN
			if d.running {
				// §23.3.4: writing WINR reloads the counter.
				d.reload()
			}
		}
	}
	return nil
}

// Counter is the current down-counter value (for debuggers and tests).
func (d *IWDG) Counter() uint32 { return d.counter() }

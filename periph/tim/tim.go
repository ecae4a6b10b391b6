package tim

import (
	"math/bits"

	"m7emu/bus"
	"m7emu/irq"
	"m7emu/sched"
)

// Config gives a timer its dependencies.
type Config struct {
	// Instance selects the register layout, width and channels (an entry of Instances).
	Instance Instance
	// Sched holds the timer's single event. Nil: a private scheduler (tests only).
	Sched *sched.Scheduler
	// Now returns the current CPU cycle. Nil: Sched.Now.
	Now func() sched.Cycle
	// Clock returns the timer clock TIMxCLK (CK_PSC) in Hz. Read at New, Reset and
	// ClockChanged. Nil or 0: the timer does not count.
	Clock func() uint64
	// CoreClock returns the frequency in Hz of the scheduler's cycles (the CPU clock).
	// Nil: the same as Clock (one timer-clock tick per cycle).
	CoreClock func() uint64
	// Interrupt outputs, one per source (RM0410 §26.3/§27.3): each is level-driven with
	// (SR & DIER) of its flags. Update: UIF; CC: CC1IF–CC4IF; TrgCom: TIF, COMIF;
	// Break: BIF. Nil lines are not driven.
	Update, CC, TrgCom, Break irq.Line
	// IRQ, when set, is driven with the OR of all sources (one-vector timers).
	IRQ irq.Line
}

// Timer is one STM32F7 timer.
type Timer struct {
	cfg  Config
	lay  *layout
	now  func() sched.Cycle
	ev   *sched.Event
	max  uint32 // counter mask: 0xFFFF or 0xFFFF_FFFF
	nch  int
	hasD bool // CR1.DIR exists

	cr1, cr2, smcr, dier, sr, ccer uint32
	ccmr                           [3]uint32
	psc, pscAct                    uint32 // preload and active prescaler
	arr, arrAct                    uint32 // preload and shadow auto-reload
	ccr, ccrAct                    [4]uint32
	rcr, rep                       uint32 // RCR and the repetition down-counter
	bdtr, dcr, dmar, or1, or2      uint32
	ccr5, ccr6                     uint32

	// Counter state at absolute timer-clock tick anchor: cnt and the prescaler
	// counter pc (0..pscAct).
	cnt, pc uint32
	anchor  uint64

	// Timer-clock ticks: tick index at cycle t is kbase + floor((t-epoch)·ft/fc).
	ft, fc uint64
	epoch  sched.Cycle
	kbase  uint64

	levels [5]bool // Update, CC, TrgCom, Break, IRQ
}

// New returns a timer in its reset state.
func New(cfg Config) *Timer {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	x := &Timer{cfg: cfg, lay: cfg.Instance.layout(), now: cfg.Now, nch: cfg.Instance.Channels}
	if x.now == nil {
		x.now = cfg.Sched.Now
	}
	if x.nch > 4 {
		x.nch = 4
	}
	x.max = 0xFFFF
	if cfg.Instance.Width == 32 {
		x.max = 0xFFFF_FFFF
	}
	x.hasD = x.lay.cr1&cr1DIR != 0
	x.ev = cfg.Sched.NewEvent(cfg.Instance.Name, x.fire)
	x.Reset()
	return x
}

// Instance returns the timer's description.
func (x *Timer) Instance() Instance { return x.cfg.Instance }

// Reset restores the reset state (every register 0, as in the SVD; the counter is
// stopped) and deasserts the interrupt lines.
func (x *Timer) Reset() {
	x.cfg.Sched.Cancel(x.ev)
	x.cr1, x.cr2, x.smcr, x.dier, x.sr, x.ccer = 0, 0, 0, 0, 0, 0
	x.ccmr = [3]uint32{}
	x.psc, x.pscAct, x.arr, x.arrAct = 0, 0, 0, 0
	x.ccr, x.ccrAct = [4]uint32{}, [4]uint32{}
	x.rcr, x.rep, x.bdtr, x.dcr, x.dmar, x.or1, x.or2, x.ccr5, x.ccr6 = 0, 0, 0, 0, 0, 0, 0, 0, 0
	x.cnt, x.pc = 0, 0
	x.ft, x.fc = x.readClocks()
	x.epoch, x.kbase, x.anchor = x.now(), 0, 0
	x.updateLines()
}

// ClockChanged re-reads the clocks. The count up to now is kept exactly; later
// timer-clock ticks follow the new frequency with their phase restarting now.
func (x *Timer) ClockChanged() {
	t := x.now()
	x.sync(t)
	x.kbase = x.ticksAt(t)
	x.anchor = x.kbase
	x.epoch = t
	x.ft, x.fc = x.readClocks()
	x.finish()
}

// Counter returns TIMx_CNT now.
func (x *Timer) Counter() uint32 {
	x.sync(x.now())
	x.finish()
	return x.cnt
}

// NextEvent returns the cycle of the scheduled event (next update or compare match).
func (x *Timer) NextEvent() (sched.Cycle, bool) { return x.ev.At(), x.ev.Scheduled() }

func (x *Timer) readClocks() (ft, fc uint64) {
	if x.cfg.Clock != nil {
		ft = x.cfg.Clock()
	}
	fc = ft
	if x.cfg.CoreClock != nil {
		fc = x.cfg.CoreClock()
	}
	return ft, fc
}

// ticksAt returns the absolute timer-clock tick index at cycle t.
func (x *Timer) ticksAt(t sched.Cycle) uint64 {
	if x.ft == 0 || x.fc == 0 || t <= x.epoch {
		return x.kbase
	}
	hi, lo := bits.Mul64(t-x.epoch, x.ft)
	if hi >= x.fc {
		return ^uint64(0)
	}
	q, _ := bits.Div64(hi, lo, x.fc)
	return x.kbase + q
}

// cycleOfTick returns the first cycle at which tick index k has been reached.
func (x *Timer) cycleOfTick(k uint64) (sched.Cycle, bool) {
	if x.ft == 0 || x.fc == 0 {
		return 0, false
	}
	n := k - x.kbase
	hi, lo := bits.Mul64(n, x.fc)
	if hi >= x.ft {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, x.ft)
	if r != 0 {
		q++
	}
	if q > ^uint64(0)-x.epoch {
		return 0, false
	}
	return x.epoch + q, true
}

func (x *Timer) running() bool {
	// "The counter is blocked while the auto-reload value is null" (RM0410 §27.4.12).
	return x.cr1&cr1CEN != 0 && x.ft != 0 && x.fc != 0 && x.arrAct != 0
}

func (x *Timer) down() bool { return x.hasD && x.cr1&cr1DIR != 0 }

// outputCh reports whether channel ch (0-based) compares: CCxS = 00 (output).
func (x *Timer) outputCh(ch int) bool {
	return (x.ccmr[ch/2]>>(8*(ch%2)))&ccmrCCS == 0
}

// ovTicks returns how many counter-clock ticks from now the next overflow/underflow is.
func (x *Timer) ovTicks() uint64 {
	if x.down() {
		return uint64(x.cnt) + 1
	}
	if x.cnt <= x.arrAct {
		return uint64(x.arrAct-x.cnt) + 1
	}
	// Above ARR the counter runs up to its maximum, wraps to 0 without an update
	// event, and overflows at ARR.
	return uint64(x.max-x.cnt) + 1 + uint64(x.arrAct) + 1
}

// valueAfter returns the counter after j < ovTicks() counter-clock ticks.
func (x *Timer) valueAfter(j uint64) uint32 {
	if x.down() {
		return x.cnt - uint32(j)
	}
	return (x.cnt + uint32(j)) & x.max
}

// nextBoundary returns the number of counter-clock ticks to the next overflow or
// compare match, and whether it is the overflow.
func (x *Timer) nextBoundary() (uint64, bool) {
	m := x.ovTicks()
	ov := true
	for ch := 0; ch < x.nch; ch++ {
		if !x.outputCh(ch) {
			continue
		}
		c := x.ccrAct[ch]
		var j uint64
		if x.down() {
			if c >= x.cnt {
				continue
			}
			j = uint64(x.cnt - c)
		} else {
			j = uint64((c - x.cnt) & x.max)
			if j == 0 {
				continue
			}
		}
		if j < m {
			m, ov = j, false
		}
	}
	return m, ov
}

// span returns the timer-clock ticks taken by m counter-clock ticks from the anchor.
func (x *Timer) span(m uint64) uint64 {
	p := uint64(x.pscAct) + 1
	return p - uint64(x.pc) + (m-1)*p
}

// sync brings the counter to cycle t, processing every overflow and compare match on
// the way in order.
func (x *Timer) sync(t sched.Cycle) {
	k := x.ticksAt(t)
	for x.running() {
		m, ov := x.nextBoundary()
		d := x.span(m)
		if k < x.anchor || k-x.anchor < d {
			break
		}
		x.anchor += d
		x.pc = 0
		if ov {
			x.overflow()
		} else {
			x.cnt = x.valueAfter(m)
			x.matchAt()
		}
	}
	if x.running() && k > x.anchor {
		n := k - x.anchor + uint64(x.pc)
		p := uint64(x.pscAct) + 1
		x.cnt = x.valueAfter(n / p)
		x.pc = uint32(n % p)
	}
	if k > x.anchor {
		x.anchor = k
	}
}

// matchAt sets CCxIF for every output channel whose active CCRx equals the counter.
func (x *Timer) matchAt() {
	for ch := 0; ch < x.nch; ch++ {
		if x.outputCh(ch) && x.ccrAct[ch] == x.cnt {
			x.sr |= srCC1IF << ch
		}
	}
}

// overflow handles the counter reaching ARR (up) or 0 (down) (RM0410 §26.3.2/§27.3.2).
func (x *Timer) overflow() {
	if x.down() {
		x.cnt = x.arrAct
	} else {
		x.cnt = 0
	}
	if x.cr1&cr1UDIS == 0 {
		if x.lay.rcr != 0 && x.rep > 0 {
			x.rep-- // repetition counter: no update event yet (RM0410 §26.3.3)
		} else {
			x.rep = x.rcr
			x.loadShadows()
			x.sr |= srUIF
			if x.down() {
				x.cnt = x.arrAct
			}
			if x.cr1&cr1OPM != 0 && x.lay.cr1&cr1OPM != 0 {
				x.cr1 &^= cr1CEN
			}
		}
	}
	x.matchAt()
}

// loadShadows is the update event's transfer of preload registers (RM0410 §27.3.1).
func (x *Timer) loadShadows() {
	x.pscAct = x.psc
	x.arrAct = x.arr
	for ch := 0; ch < x.nch; ch++ {
		x.ccrAct[ch] = x.ccr[ch]
	}
}

// applyDirect makes unbuffered registers take effect at once (ARPE = 0, OCxPE = 0).
func (x *Timer) applyDirect() {
	if x.cr1&cr1ARPE == 0 {
		x.arrAct = x.arr
	}
	for ch := 0; ch < x.nch; ch++ {
		if (x.ccmr[ch/2]>>(8*(ch%2)))&ccmrOCPE == 0 {
			x.ccrAct[ch] = x.ccr[ch]
		}
	}
}

// finish reschedules the event and drives the interrupt lines after a state change.
func (x *Timer) finish() {
	x.cfg.Sched.Cancel(x.ev)
	if x.running() {
		m, _ := x.nextBoundary()
		if at, ok := x.cycleOfTick(x.anchor + x.span(m)); ok {
			x.cfg.Sched.At(x.ev, at)
		}
	}
	x.updateLines()
}

func (x *Timer) fire(sched.Cycle) {
	x.sync(x.ev.At())
	x.finish()
}

func (x *Timer) updateLines() {
	a := x.sr & x.dier
	lv := [5]bool{a&srUIF != 0, a&srCCAll != 0, a&(srTIF|srCOMIF) != 0, a&srBIF != 0, a&0xFF != 0}
	ls := [5]irq.Line{x.cfg.Update, x.cfg.CC, x.cfg.TrgCom, x.cfg.Break, x.cfg.IRQ}
	for i := range lv {
		if lv[i] != x.levels[i] {
			x.levels[i] = lv[i]
			if ls[i] != nil {
				ls[i].Set(lv[i])
			}
		}
	}
}

// plain returns a pointer to a plainly recorded register and its writable mask.
func (x *Timer) plain(off uint32) (*uint32, uint32) {
	l := x.lay
	switch off {
	case regCR2:
		return &x.cr2, l.cr2
	case regSMCR:
		return &x.smcr, l.smcr
	case regCCER:
		return &x.ccer, l.ccer
	case regBDTR:
		return &x.bdtr, l.bdtr
	case regDCR:
		return &x.dcr, l.dcr
	case regDMAR:
		return &x.dmar, l.dmar
	case regOR1:
		return &x.or1, l.or1
	case regOR2:
		return &x.or2, l.or2
	case regCCMR3:
		return &x.ccmr[2], l.ccmr3
	case regCCR5:
		return &x.ccr5, l.ccr5
	case regCCR6:
		return &x.ccr6, l.ccr6
	}
	return nil, 0
}

// value returns a register's read value (no side effects; call sync first for CNT/SR).
func (x *Timer) value(reg uint32) uint32 {
	switch reg {
	case regCR1:
		return x.cr1
	case regDIER:
		return x.dier
	case regSR:
		return x.sr
	case regCCMR1:
		return x.ccmr[0]
	case regCCMR2:
		return x.ccmr[1]
	case regCNT:
		return x.cnt
	case regPSC:
		return x.psc
	case regARR:
		return x.arr
	case regRCR:
		return x.rcr
	case regCCR1, regCCR1 + 4, regCCR1 + 8, regCCR1 + 12:
		if ch := int(reg-regCCR1) / 4; ch < x.nch {
			return x.ccr[ch]
		}
		return 0
	}
	if p, m := x.plain(reg); p != nil && m != 0 {
		return *p
	}
	return 0 // EGR, absent and reserved registers
}

// Read implements bus.Device. Narrow reads return the addressed bytes.
func (x *Timer) Read(off uint32, w bus.Width) (uint32, error) {
	reg := off &^ 3
	if reg == regCNT || reg == regSR {
		x.sync(x.now())
		x.finish()
	}
	v := x.value(reg) >> (8 * (off & 3))
	switch w {
	case 1:
		v &= 0xFF
	case 2:
		v &= 0xFFFF
	}
	return v, nil
}

// Write implements bus.Device. Narrow writes merge into the register's current value
// (EGR merges with 0; SR's untouched bytes are written as read, so rc_w0 leaves them).
func (x *Timer) Write(off uint32, w bus.Width, v uint32) error {
	reg := off &^ 3
	if reg >= Size {
		return nil
	}
	t := x.now()
	x.sync(t)
	if off&3 != 0 || w != 4 {
		sh := 8 * (off & 3)
		mask := uint32(0xFF)
		if w == 2 {
			mask = 0xFFFF
		}
		v = x.value(reg)&^(mask<<sh) | (v&mask)<<sh
	}
	l := x.lay
	switch reg {
	case regCR1:
		x.cr1 = v & l.cr1
	case regDIER:
		x.dier = v & l.dier
	case regSR:
		x.sr &= v // rc_w0 (RM0410 §27.4.5)
	case regEGR:
		x.egr(v & l.egr)
	case regCCMR1:
		x.ccmr[0] = v & l.ccmr1
	case regCCMR2:
		x.ccmr[1] = v & l.ccmr2
	case regCNT:
		x.cnt = v & x.max
	case regPSC:
		x.psc = v & 0xFFFF // takes effect at the next update event
	case regARR:
		x.arr = v & x.max
	case regRCR:
		x.rcr = v & l.rcr
	case regCCR1, regCCR1 + 4, regCCR1 + 8, regCCR1 + 12:
		if ch := int(reg-regCCR1) / 4; ch < x.nch {
			x.ccr[ch] = v & x.max
		}
	default:
		if p, m := x.plain(reg); p != nil {
			*p = v & m
		}
	}
	x.applyDirect()
	x.finish()
	return nil
}

// egr handles TIMx_EGR (RM0410 §27.4.6).
func (x *Timer) egr(v uint32) {
	if v&egrUG != 0 {
		// UG re-initialises the counter and the prescaler counter. Unless UDIS is set
		// it is an update event: shadows load, the repetition counter reloads, and UIF
		// is set only with URS = 0.
		if x.cr1&cr1UDIS == 0 {
			x.rep = x.rcr
			x.loadShadows()
			if x.cr1&cr1URS == 0 {
				x.sr |= srUIF
			}
		}
		x.pc = 0
		if x.down() {
			x.cnt = x.arrAct
		} else {
			x.cnt = 0
		}
	}
	// CCxG, TG, COMG, BG set their flags (same bit positions in SR).
	x.sr |= v &^ egrUG & x.lay.sr
}

package tim

import (
	"testing"

	"m7emu/irq"
	"m7emu/sched"
)

// embassy replays Embassy's gp16 time driver (stm32f769-embassy.md §4) against a
// timer: init (§4.2), the ISR with the half-period scheme (§4.3) and alarms on
// CC2.. (§4.4). The ISR runs at the cycle the interrupt line rises (no latency), so
// every alarm must fire exactly at its tick and every half period exactly at
// period·2^15 ticks.
type embassy struct {
	t      *testing.T
	s      *sched.Scheduler
	x      *Timer
	line   bool
	cpt    uint64 // CPU cycles per 1 MHz tick
	period uint32
	alarms []alarm
	rng    uint64

	fired, zeroLow16, spurious int
}

type alarm struct {
	ch       uint32 // compare channel (2..4)
	ts       uint64 // armed timestamp (MaxUint64: none)
	deadline uint64 // the queue's next expiration
}

func newEmbassy(t *testing.T, name string, ft, fc uint64, chans []uint32) *embassy {
	in, _ := Lookup(name)
	d := &embassy{t: t, s: sched.New(), cpt: fc / 1_000_000, rng: 0x9E37_79B9_7F4A_7C15}
	d.x = New(Config{Instance: in, Sched: d.s,
		Clock: func() uint64 { return ft }, CoreClock: func() uint64 { return fc },
		IRQ: irq.Func(func(l bool) { d.line = l })})
	for _, ch := range chans {
		d.alarms = append(d.alarms, alarm{ch: ch, ts: ^uint64(0)})
	}
	return d
}

func (d *embassy) rd(off uint32) uint32 {
	v, _ := d.x.Read(off, 4)
	return v
}

func (d *embassy) wr(off, v uint32) { _ = d.x.Write(off, 4, v) }

func (d *embassy) modify(off, clear, set uint32) { d.wr(off, d.rd(off)&^clear|set) }

// init is §4.2 with PSC = f_tim/1 MHz − 1.
func (d *embassy) init(psc uint32) {
	d.modify(regCR1, cr1CEN, 0)
	d.wr(regCNT, 0)
	d.wr(regPSC, psc)
	d.wr(regARR, 0xFFFF)
	d.modify(regCR1, 0, cr1URS)
	d.wr(regEGR, egrUG)
	d.modify(regCR1, cr1URS, 0)
	if sr := d.rd(regSR); sr&srUIF != 0 {
		d.t.Fatalf("UG with URS=1 set UIF (SR %#x)", sr)
	}
	d.wr(regCCR1, 0x8000)
	d.wr(regDIER, srUIF|srCC1IF)
	d.modify(regCR1, 0, cr1CEN)
}

func (d *embassy) now() uint64 {
	p := d.period
	c := d.rd(regCNT) & 0xFFFF
	return uint64(p)<<15 + uint64(c^((p&1)<<15))
}

func (d *embassy) isr() {
	sr, dier := d.rd(regSR), d.rd(regDIER)
	d.wr(regSR, ^sr)
	if sr&srUIF != 0 {
		d.nextPeriod()
	}
	if sr&srCC1IF != 0 {
		d.nextPeriod()
	}
	for i := range d.alarms {
		b := uint32(1) << d.alarms[i].ch
		if sr&b != 0 && dier&b != 0 {
			d.trigger(i)
		}
	}
}

func (d *embassy) nextPeriod() {
	d.period++
	t := uint64(d.period) << 15
	if at := d.s.Now(); at != t*d.cpt {
		d.t.Fatalf("half period %d at cycle %d, want %d", d.period, at, t*d.cpt)
	}
	for _, a := range d.alarms {
		if a.ts < t+0xC000 {
			d.modify(regDIER, 0, 1<<a.ch)
		}
	}
}

func (d *embassy) setAlarm(i int, ts uint64) bool {
	a := &d.alarms[i]
	a.ts = ts
	t := d.now()
	if ts <= t {
		d.modify(regDIER, 1<<a.ch, 0)
		a.ts = ^uint64(0)
		return false
	}
	d.wr(regCCR1+4*(a.ch-1), uint32(ts&0xFFFF))
	if ts-t < 0xC000 {
		d.modify(regDIER, 0, 1<<a.ch)
	} else {
		d.modify(regDIER, 1<<a.ch, 0)
	}
	return true
}

// trigger is the alarm callback plus the queue's re-check: expired deadlines fire
// (and must be exactly on time), then the next one is armed.
func (d *embassy) trigger(i int) {
	a := &d.alarms[i]
	a.ts = ^uint64(0)
	now := d.now()
	if now < a.deadline {
		d.spurious++ // a stale CCxIF: the queue re-arms, as Embassy's does
	}
	for now >= a.deadline {
		if at := d.s.Now(); at != a.deadline*d.cpt {
			d.t.Fatalf("alarm %d (CC%d) deadline %d fired at cycle %d (tick %d.%d)",
				i, a.ch, a.deadline, at, at/d.cpt, at%d.cpt)
		}
		d.fired++
		if a.deadline&0xFFFF == 0 {
			d.zeroLow16++
		}
		a.deadline = d.nextDeadline(now)
	}
	for !d.setAlarm(i, a.deadline) {
		a.deadline = d.nextDeadline(d.now())
	}
}

func (d *embassy) nextDeadline(now uint64) uint64 {
	d.rng = d.rng*6364136223846793005 + 1442695040888963407
	r := d.rng >> 33
	switch r % 8 {
	case 0:
		return now + 1 + r%50
	case 1:
		return now + 1 + r%0xC000
	case 2:
		return now + 0xC000 + r%0x30000 // armed later by next_period
	case 3:
		return (now + 1 + r%0x20000 + 0xFFFF) &^ 0xFFFF // CCR = 0 (Renode #1007)
	case 4:
		return (now + 1 + 0x7FFF) &^ 0x7FFF // coincides with a half period
	case 5:
		return now + 0xC000
	}
	return now + 1 + r%5000
}

func (d *embassy) service() {
	for n := 0; d.line; n++ {
		if n > 8 {
			d.t.Fatalf("interrupt stuck at cycle %d (SR %#x)", d.s.Now(), d.rd(regSR))
		}
		d.isr()
	}
}

// run starts every alarm and runs until cycle end.
func (d *embassy) run(end sched.Cycle) {
	for i := range d.alarms {
		d.alarms[i].deadline = d.nextDeadline(d.now())
		if !d.setAlarm(i, d.alarms[i].deadline) {
			d.t.Fatal("first alarm in the past")
		}
		d.service()
	}
	d.until(end)
}

// until runs the ISR at every interrupt up to cycle end.
func (d *embassy) until(end sched.Cycle) {
	for {
		next, ok := d.s.Next()
		if !ok {
			d.t.Fatal("timer has no event scheduled")
		}
		if next > end {
			break
		}
		d.s.Advance(next)
		d.service()
	}
	d.s.Advance(end)
	d.service()
}

// Ten simulated minutes of Embassy's driver at 216 MHz (APB1 timer clock 108 MHz, PSC
// 107 for a 1 MHz tick): the current driver on TIM12 (§0, §4) with one alarm on CC2,
// and the driver on TIM5 (time-driver-tim5, §4.1: a 32-bit timer that the gp16 driver
// runs with ARR = 0xFFFF like the others) with three alarms on CC2–CC4.
func TestEmbassyTenMinutes(t *testing.T) {
	for _, tc := range []struct {
		timer string
		chans []uint32
	}{{"TIM12", []uint32{2}}, {"TIM5", []uint32{2, 3, 4}}} {
		t.Run(tc.timer, func(t *testing.T) {
			d := newEmbassy(t, tc.timer, 108_000_000, 216_000_000, tc.chans)
			d.init(107)
			const ticks = 600_000_000
			d.run(ticks * 216)
			if n := d.now(); n != ticks {
				t.Errorf("now() after 10 minutes = %d, want %d", n, ticks)
			}
			if d.period != ticks>>15 {
				t.Errorf("%d half periods, want %d", d.period, ticks>>15)
			}
			if d.fired < 10000 || d.zeroLow16 == 0 {
				t.Errorf("only %d alarms fired (%d with CCR = 0)", d.fired, d.zeroLow16)
			}
			t.Logf("%d alarms (%d at CCR=0), %d spurious CC interrupts", d.fired, d.zeroLow16, d.spurious)
		})
	}
}

// embassy-stm32 0.1.0 on TIM2 (§4.1, §12): three alarms on CC2–CC4, at the default
// 16 MHz (PSC 15), for one simulated minute.
func TestEmbassyTIM2ThreeAlarms(t *testing.T) {
	d := newEmbassy(t, "TIM2", 16_000_000, 16_000_000, []uint32{2, 3, 4})
	d.init(15)
	const ticks = 60_000_000
	d.run(ticks * 16)
	if n := d.now(); n != ticks {
		t.Errorf("now() = %d, want %d", n, ticks)
	}
	if d.fired < 3000 || d.zeroLow16 == 0 {
		t.Errorf("only %d alarms fired (%d with CCR = 0)", d.fired, d.zeroLow16)
	}
	t.Logf("%d alarms (%d at CCR=0), %d spurious", d.fired, d.zeroLow16, d.spurious)
}

// Without the CCR = 0 match the alarm would die: an alarm whose timestamp has low
// half-word 0, armed just before the wrap, fires at the wrap (Renode #1007).
func TestEmbassyAlarmAtWrap(t *testing.T) {
	d := newEmbassy(t, "TIM12", 16_000_000, 16_000_000, []uint32{2})
	d.init(15)
	d.until(0xFFF0 * 16)
	d.alarms[0].deadline = 0x10000
	if !d.setAlarm(0, 0x10000) {
		t.Fatal("alarm in the past")
	}
	if d.rd(regCCR1+4) != 0 || d.rd(regDIER)&(1<<2) == 0 {
		t.Fatal("CCR2/CC2IE not armed")
	}
	d.until(0x10000 * 16)
	if d.fired != 1 {
		t.Fatalf("alarm at the wrap fired %d times", d.fired)
	}
}

package systick

import (
	"fmt"
	"strings"
	"testing"

	"m7emu/irq"
	"m7emu/sched"
)

// rig is a SysTick on a real scheduler whose pends are recorded with their cycle.
type rig struct {
	s     *sched.Scheduler
	st    *SysTick
	div   uint64
	pends []sched.Cycle
}

func newRig(div uint64) *rig {
	r := &rig{s: sched.New(), div: div}
	r.st = New(Config{
		Sched:      r.s,
		IRQ:        irq.Func(func(level bool) { r.pendLevel(level) }),
		RefDivider: func() uint64 { return r.div },
		Calib:      CalibSTM32F7,
	})
	return r
}

func (r *rig) pendLevel(level bool) {
	if level {
		r.pends = append(r.pends, r.s.Now())
	}
}

func (r *rig) at(t sched.Cycle) *rig { r.s.Advance(t); return r }

func (r *rig) rd(t *testing.T, off uint32) uint32 {
	t.Helper()
	v, err := r.st.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (r *rig) wr(t *testing.T, off, v uint32) {
	t.Helper()
	if err := r.st.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

func TestResetValues(t *testing.T) {
	r := newRig(8)
	for _, c := range []struct{ off, want uint32 }{
		{regCSR, 0}, {regRVR, 0}, {regCVR, 0},
		{regCALIB, 0x4000_493E}, // TENMS 18750, SKEW (package comment)
	} {
		if v := r.rd(t, c.off); v != c.want {
			t.Errorf("offset %#x reads %#x, want %#x", c.off, v, c.want)
		}
	}
	// Without a reference clock CLKSOURCE reads as one and ignores writes, and CALIB
	// reports NOREF (B3.3.3, B3.3.6).
	nr := New(Config{Calib: CalibMPS2})
	if v, _ := nr.Read(regCSR, 4); v != csrCLKSOURCE {
		t.Errorf("no refclk: CSR %#x, want CLKSOURCE", v)
	}
	nr.Write(regCSR, 4, csrENABLE)
	if v, _ := nr.Read(regCSR, 4); v != csrCLKSOURCE|csrENABLE {
		t.Errorf("no refclk: CSR after writing ENABLE only: %#x", v)
	}
	if v, _ := nr.Read(regCALIB, 4); v != calibNOREF|9999 {
		t.Errorf("no refclk: CALIB %#x", v)
	}
}

// With the processor clock, RELOAD = N gives an N+1-cycle period; enabling with CVR = 0
// loads RELOAD at the first tick, which is not a 1→0 transition.
func TestCountingProcessorClock(t *testing.T) {
	r := newRig(8)
	r.wr(t, regRVR, 9)
	r.wr(t, regCVR, 1234) // any value clears to 0
	if v := r.rd(t, regCVR); v != 0 {
		t.Fatalf("CVR after write = %d, want 0", v)
	}
	r.at(100).wr(t, regCSR, csrENABLE|csrTICKINT|csrCLKSOURCE)
	want := map[sched.Cycle]uint32{100: 0, 101: 9, 102: 8, 109: 1, 110: 0, 111: 9, 120: 0, 121: 9}
	for c := sched.Cycle(100); c <= 121; c++ {
		r.at(c)
		if w, ok := want[c]; ok {
			if v := r.rd(t, regCVR); v != w {
				t.Errorf("cycle %d: CVR %d, want %d", c, v, w)
			}
		}
	}
	if got := fmt.Sprint(r.pends); got != "[110 120]" {
		t.Errorf("pends at %s, want [110 120]", got)
	}
	if at, ok := r.st.NextWrap(); !ok || at != 130 {
		t.Errorf("next wrap %d %v, want 130", at, ok)
	}
}

// The reference clock ticks every 8 CPU cycles (HCLK/8 on the STM32F7, RM0410 §5.2).
func TestCountingReferenceClock(t *testing.T) {
	r := newRig(8)
	r.wr(t, regRVR, 3)
	r.wr(t, regCSR, csrENABLE|csrTICKINT) // at cycle 0; ticks at 8, 16, ...
	for _, c := range []struct {
		at   sched.Cycle
		want uint32
	}{{7, 0}, {8, 3}, {15, 3}, {16, 2}, {24, 1}, {31, 1}, {32, 0}, {39, 0}, {40, 3}} {
		if v := r.at(c.at).rd(t, regCVR); v != c.want {
			t.Errorf("cycle %d: CVR %d, want %d", c.at, v, c.want)
		}
	}
	r.at(200)
	if got := fmt.Sprint(r.pends); got != "[32 64 96 128 160 192]" {
		t.Errorf("pends %s", got)
	}
}

func TestCountFlag(t *testing.T) {
	r := newRig(8)
	r.wr(t, regRVR, 4)
	r.wr(t, regCSR, csrENABLE|csrCLKSOURCE) // no TICKINT: nothing is scheduled
	if _, ok := r.st.NextWrap(); ok {
		t.Fatal("an event is scheduled without TICKINT")
	}
	if v := r.at(4).rd(t, regCSR); v&csrCOUNTFLAG != 0 {
		t.Fatalf("COUNTFLAG before the first 1→0: CSR %#x", v)
	}
	// Zero at cycle 5 (tick 1 reloads 4, ticks 2..5 count to 0). Read exactly then.
	r.at(5)
	if v := r.rd(t, regCVR); v != 0 {
		t.Fatalf("CVR at the wrap = %d", v)
	}
	if v := r.rd(t, regCSR); v != csrENABLE|csrCLKSOURCE|csrCOUNTFLAG {
		t.Fatalf("CSR at the wrap %#x", v)
	}
	if v := r.rd(t, regCSR); v&csrCOUNTFLAG != 0 {
		t.Fatal("COUNTFLAG not cleared by the read")
	}
	if v := r.at(6).rd(t, regCVR); v != 4 {
		t.Fatalf("CVR after the wrap = %d, want RELOAD", v)
	}
	// Many wraps later the flag is still just one bit, cleared by one read.
	r.at(1000)
	if v := r.rd(t, regCSR); v&csrCOUNTFLAG == 0 {
		t.Fatal("COUNTFLAG lost")
	}
	// A CVR write clears COUNTFLAG even when a wrap happened since the last read.
	r.at(2000).wr(t, regCVR, 0)
	if v := r.rd(t, regCSR); v&csrCOUNTFLAG != 0 {
		t.Fatal("COUNTFLAG survives a CVR write")
	}
	// A byte read of bits [7:0] does not clear it; a byte read of [23:16] does.
	r.at(2100)
	if v, _ := r.st.Read(regCSR, 1); v != csrENABLE|csrCLKSOURCE {
		t.Fatalf("byte 0 of CSR %#x", v)
	}
	if v, _ := r.st.Read(regCSR+2, 1); v != 1 {
		t.Fatalf("byte 2 of CSR %#x, want COUNTFLAG", v)
	}
	if v, _ := r.st.Read(regCSR+2, 1); v != 0 {
		t.Fatalf("byte 2 of CSR %#x after read, want 0", v)
	}
	if len(r.pends) != 0 {
		t.Fatalf("pends without TICKINT: %v", r.pends)
	}
}

func TestTickintThroughRecorder(t *testing.T) {
	s := sched.New()
	rec := &irq.Recorder{}
	st := New(Config{Sched: s, IRQ: rec, RefDivider: func() uint64 { return 8 }})
	st.Write(regRVR, 4, 1)
	st.Write(regCSR, 4, csrENABLE|csrTICKINT|csrCLKSOURCE) // zeros at 2, 4, 6, ...
	s.Advance(5)
	if got := fmt.Sprint(rec.Levels); got != "[true false true false]" {
		t.Fatalf("levels %s, want two pulses", got)
	}
	// Clearing TICKINT stops the requests; the count goes on (COUNTFLAG still sets).
	st.Write(regCSR, 4, csrENABLE|csrCLKSOURCE)
	s.Advance(100)
	if len(rec.Levels) != 4 {
		t.Fatalf("requests after TICKINT cleared: %v", rec.Levels)
	}
	if v, _ := st.Read(regCSR, 4); v&csrCOUNTFLAG == 0 {
		t.Fatal("COUNTFLAG not set while counting without TICKINT")
	}
}

// A wrap that is due but whose event has not fired yet (the core ran past it within
// one instruction) is still delivered when a register write reschedules.
func TestDueWrapDeliveredOnWrite(t *testing.T) {
	s := sched.New()
	var cpu sched.Cycle
	n := 0
	st := New(Config{Sched: s, Now: func() sched.Cycle { return cpu }, IRQ: irq.Func(func(l bool) {
		if l {
			n++
		}
	})})
	st.Write(regRVR, 4, 9)
	st.Write(regCSR, 4, csrENABLE|csrTICKINT|csrCLKSOURCE) // wrap at 10
	cpu = 10                                               // the core is at the wrap; the scheduler has not fired it
	st.Write(regCSR, 4, csrENABLE|csrCLKSOURCE)            // clears TICKINT
	if n != 1 {
		t.Fatalf("the due wrap was dropped (%d requests)", n)
	}
	s.Advance(100)
	if n != 1 {
		t.Fatalf("%d requests after TICKINT was cleared", n)
	}
}

func TestRVRZeroAndWritesWhileRunning(t *testing.T) {
	r := newRig(8)
	r.wr(t, regRVR, 0)
	r.wr(t, regCSR, csrENABLE|csrTICKINT|csrCLKSOURCE)
	if v := r.at(1000).rd(t, regCVR); v != 0 || len(r.pends) != 0 {
		t.Fatalf("RVR=0: CVR %d, pends %v", v, r.pends)
	}
	if v := r.rd(t, regCSR); v&csrCOUNTFLAG != 0 {
		t.Fatal("RVR=0: COUNTFLAG set by 0→0 reloads")
	}
	// New RELOAD: the counter at 0 loads it at the next tick.
	r.wr(t, regRVR, 20)
	if v := r.at(1001).rd(t, regCVR); v != 20 {
		t.Fatalf("CVR %d after RVR write, want 20", v)
	}
	// RVR write mid-count: the running count is unchanged, the next reload uses it.
	r.at(1006) // CVR 15
	r.wr(t, regRVR, 3)
	if v := r.rd(t, regCVR); v != 15 {
		t.Fatalf("CVR %d after mid-count RVR write, want 15", v)
	}
	if v := r.at(1021).rd(t, regCVR); v != 0 {
		t.Fatalf("CVR %d at 1021, want 0", v)
	}
	if v := r.at(1022).rd(t, regCVR); v != 3 {
		t.Fatalf("CVR %d at 1022, want new RELOAD 3", v)
	}
	// RVR = 0 while counting: counts down to 0 (one last request), then stays at 0.
	r.at(1023) // CVR 2
	r.wr(t, regRVR, 0)
	r.at(2000)
	if got := fmt.Sprint(r.pends); got != "[1021 1025]" {
		t.Fatalf("pends %s, want [1021 1025]", got)
	}
	if v := r.rd(t, regCVR); v != 0 {
		t.Fatalf("CVR %d, want 0", v)
	}
	// Disable freezes the count; enable resumes from the frozen value.
	r.wr(t, regRVR, 50)
	r.at(2010) // CVR: tick 2001 reloads 50, then 41 at 2010
	r.wr(t, regCSR, csrCLKSOURCE|csrTICKINT)
	if v := r.at(5000).rd(t, regCVR); v != 41 {
		t.Fatalf("disabled: CVR %d, want 41", v)
	}
	r.wr(t, regCSR, csrENABLE|csrTICKINT|csrCLKSOURCE)
	if v := r.at(5041).rd(t, regCVR); v != 0 {
		t.Fatalf("resumed: CVR %d at 5041, want 0", v)
	}
	if r.pends[len(r.pends)-1] != 5041 {
		t.Fatalf("last pend at %d, want 5041", r.pends[len(r.pends)-1])
	}
}

func TestClockSourceSwitchAndClockChange(t *testing.T) {
	r := newRig(8)
	r.wr(t, regRVR, 99)
	r.wr(t, regCSR, csrENABLE|csrTICKINT) // reference clock: ticks at 8k
	// Tick 1 (cycle 8) reloads 99; tick k holds 100-k; at cycle 400 (tick 50) CVR = 50.
	if v := r.at(400).rd(t, regCVR); v != 50 {
		t.Fatalf("CVR %d at 400, want 50", v)
	}
	r.wr(t, regCSR, csrENABLE|csrTICKINT|csrCLKSOURCE)
	if v := r.at(449).rd(t, regCVR); v != 1 {
		t.Fatalf("CVR %d at 449, want 1", v)
	}
	r.at(450)
	if fmt.Sprint(r.pends) != "[450]" {
		t.Fatalf("pends %v, want [450]", r.pends)
	}
	// Back to the reference clock, then the divider changes to 4 at cycle 600.
	r.wr(t, regCSR, csrENABLE|csrTICKINT)
	// From 450: CVR 0; ref ticks at 456, 464, ... (epoch 0): 456 reloads 99.
	// 600 is tick 19 (456 + 8·18): CVR = 100 - 19.
	if v := r.at(600).rd(t, regCVR); v != 81 {
		t.Fatalf("CVR %d at 600, want 81", v)
	}
	r.div = 4
	r.st.ClockChanged() // new phase from 600: ticks at 604, 608, ...
	if v := r.at(603).rd(t, regCVR); v != 81 {
		t.Fatalf("CVR %d at 603, want 81", v)
	}
	if v := r.at(604).rd(t, regCVR); v != 80 {
		t.Fatalf("CVR %d at 604, want 80", v)
	}
	r.at(604 + 4*80)
	if got := r.pends[len(r.pends)-1]; got != 604+4*80 {
		t.Fatalf("wrap at %d, want %d", got, 604+4*80)
	}
	// Losing the reference clock forces CLKSOURCE to the processor clock.
	r.div = 0
	r.st.ClockChanged()
	if v := r.rd(t, regCSR); v&csrCLKSOURCE == 0 {
		t.Fatalf("CSR %#x: CLKSOURCE not forced", v)
	}
	if v := r.rd(t, regCALIB); v&calibNOREF == 0 {
		t.Fatalf("CALIB %#x: NOREF not set", v)
	}
}

// The count stays exact over a million wraps, without stepping.
func TestMillionWraps(t *testing.T) {
	for _, c := range []struct {
		name   string
		csr    uint32
		rvr    uint32
		period sched.Cycle
	}{
		{"processor", csrENABLE | csrTICKINT | csrCLKSOURCE, 99, 100},
		{"reference", csrENABLE | csrTICKINT, 9, 80},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := sched.New()
			n := 0
			var last sched.Cycle
			st := New(Config{Sched: s, RefDivider: func() uint64 { return 8 }, IRQ: irq.Func(func(l bool) {
				if l {
					n++
					last = s.Now()
				}
			})})
			st.Write(regRVR, 4, c.rvr)
			st.Write(regCSR, 4, c.csr)
			end := 1_000_000 * c.period
			s.Advance(end)
			if n != 1_000_000 || last != end {
				t.Fatalf("%d wraps, last at %d; want 1000000 at %d", n, last, end)
			}
			if v, _ := st.Read(regCVR, 4); v != 0 {
				t.Fatalf("CVR %d at the last wrap", v)
			}
			s.Advance(end + c.period/sched.Cycle(c.rvr+1))
			if v, _ := st.Read(regCVR, 4); v != c.rvr {
				t.Fatalf("CVR %d one tick after, want %d", v, c.rvr)
			}
		})
	}
}

// model is a cycle-stepped SysTick written straight from B3.3: on each tick of the
// selected clock, 0 reloads RELOAD, anything else decrements and 1→0 sets COUNTFLAG
// and requests the exception. Register operations at a cycle follow that cycle's tick.
type model struct {
	csr, rvr, cvr uint32
	flag          bool
	div, epoch    uint64
	pends         []uint64
}

func (m *model) tick(c uint64) {
	if m.csr&csrENABLE == 0 {
		return
	}
	d, e := uint64(1), uint64(0)
	if m.csr&csrCLKSOURCE == 0 {
		d, e = m.div, m.epoch
	}
	if c <= e || (c-e)%d != 0 {
		return
	}
	if m.cvr == 0 {
		m.cvr = m.rvr
		return
	}
	m.cvr--
	if m.cvr == 0 {
		m.flag = true
		if m.csr&csrTICKINT != 0 {
			m.pends = append(m.pends, c)
		}
	}
}

// lcg is a tiny deterministic generator for the random scenarios.
type lcg uint64

func (g *lcg) next(n uint64) uint64 {
	*g = *g*6364136223846793005 + 1442695040888963407
	return uint64(*g>>33) % n
}

// runScenario drives the device and the model with the same random operations and
// returns a log of everything read, failing on the first disagreement.
func runScenario(t *testing.T, seed uint64) string {
	g := lcg(seed)
	r := newRig(1 + g.next(9))
	m := &model{div: r.div}
	var log strings.Builder
	var c uint64
	for i := 0; i < 400; i++ {
		next := c + g.next(60)
		for c < next {
			c++
			m.tick(c)
		}
		r.at(c)
		switch op := g.next(9); op {
		case 0, 1:
			v := uint32(g.next(8))
			m.csr = v & csrWritable
			r.wr(t, regCSR, v)
		case 2:
			v := uint32(g.next(12))
			if g.next(4) == 0 {
				v = 0
			}
			m.rvr = v
			r.wr(t, regRVR, v)
		case 3:
			m.cvr, m.flag = 0, false
			r.wr(t, regCVR, uint32(g.next(1<<24)))
		case 4, 5:
			want := m.csr
			if m.flag {
				want |= csrCOUNTFLAG
			}
			m.flag = false
			got := r.rd(t, regCSR)
			fmt.Fprintf(&log, "%d CSR %#x\n", c, got)
			if got != want {
				t.Fatalf("seed %d op %d cycle %d: CSR %#x, model %#x", seed, i, c, got, want)
			}
		case 6, 7:
			got := r.rd(t, regCVR)
			fmt.Fprintf(&log, "%d CVR %d\n", c, got)
			if got != m.cvr {
				t.Fatalf("seed %d op %d cycle %d: CVR %d, model %d", seed, i, c, got, m.cvr)
			}
		case 8:
			d := 1 + g.next(9)
			r.div, m.div, m.epoch = d, d, c
			r.st.ClockChanged()
		}
	}
	end := c + 500
	for c < end {
		c++
		m.tick(c)
	}
	r.at(end)
	if fmt.Sprint(r.pends) != fmt.Sprint(m.pends) {
		t.Fatalf("seed %d: requests\n device %v\n model  %v", seed, r.pends, m.pends)
	}
	fmt.Fprintf(&log, "pends %v\n", r.pends)
	return log.String()
}

func TestAgainstSteppedModel(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		runScenario(t, seed)
	}
}

func TestDeterminism(t *testing.T) {
	a, b := runScenario(t, 7), runScenario(t, 7)
	if a != b || a == "" {
		t.Fatal("two identical runs differ")
	}
}

func TestSubWordWritesMerge(t *testing.T) {
	r := newRig(8)
	r.wr(t, regRVR, 0x00AB_CDEF)
	if err := r.st.Write(regRVR+1, 1, 0x12); err != nil {
		t.Fatal(err)
	}
	if v := r.rd(t, regRVR); v != 0x00AB_12EF {
		t.Fatalf("RVR %#x after byte write", v)
	}
	if v, _ := r.st.Read(regRVR+2, 2); v != 0x00AB {
		t.Fatalf("halfword read %#x", v)
	}
	r.wr(t, regCALIB, 0) // read-only
	if v := r.rd(t, regCALIB); v != CalibSTM32F7 {
		t.Fatalf("CALIB written: %#x", v)
	}
}

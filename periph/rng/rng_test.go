package rng

import (
	"testing"

	"m7emu/internal/svd"
	"m7emu/irq"
	"m7emu/sched"
)

func rd(r *RNG, off uint32) uint32 { v, _ := r.Read(off, 4); return v }

// TestSVD checks base, interrupt, offsets and reset values against the ST SVD.
func TestSVD(t *testing.T) {
	p := svd.ForTest(t).Peripheral("RNG")
	if p == nil {
		t.Fatal("no RNG in SVD")
	}
	if p.Base != Base {
		t.Errorf("Base = %#x, SVD %#x", Base, p.Base)
	}
	if len(p.Interrupts) != 1 || p.Interrupts[0].Value != IRQ {
		t.Errorf("SVD interrupts %v, want HASH_RNG = %d", p.Interrupts, IRQ)
	}
	r := New(Config{})
	for _, x := range []struct {
		name string
		off  uint32
	}{{"CR", regCR}, {"SR", regSR}, {"DR", regDR}} {
		sr := p.Register(x.name)
		if sr == nil || sr.Offset != x.off {
			t.Errorf("SVD RNG_%s missing or not at %#x", x.name, x.off)
			continue
		}
		if got := rd(r, x.off); got != sr.Reset {
			t.Errorf("RNG_%s reset %#x, SVD %#x", x.name, got, sr.Reset)
		}
	}
	if m := p.Register("CR").FieldMask(); m != crWritable {
		t.Errorf("CR fields %#x, SVD %#x", crWritable, m)
	}
}

// TestTiming: a value is ready 40 RNG-clock periods after RNGEN and after each DR
// read (RM0410 §22.3.1).
func TestTiming(t *testing.T) {
	tests := []struct {
		name       string
		cpu, rngHz uint64
		wait       sched.Cycle
	}{
		{"RNG clock = core clock", 0, 0, 40},
		{"216 MHz core, 48 MHz PLL48CLK", 216e6, 48e6, 180}, // 40·4.5
		{"100 MHz core, 48 MHz", 100e6, 48e6, 84},           // ceil(83.33)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sched.New()
			cfg := Config{Sched: s}
			if tc.cpu != 0 {
				cfg.CPUHz = func() uint64 { return tc.cpu }
				cfg.RNGHz = func() uint64 { return tc.rngHz }
			}
			r := New(cfg)
			s.Advance(100)
			r.Write(regCR, 4, crRNGEN)
			s.Advance(100 + tc.wait - 1)
			if rd(r, regSR)&srDRDY != 0 {
				t.Fatal("DRDY one cycle early")
			}
			if rd(r, regDR) != 0 || r.Values() != 0 {
				t.Fatal("DR read before DRDY consumed a value")
			}
			s.Advance(100 + tc.wait)
			if rd(r, regSR)&srDRDY == 0 {
				t.Fatal("DRDY not set after 40 periods")
			}
			rd(r, regDR)
			if rd(r, regSR)&srDRDY != 0 || r.Values() != 1 {
				t.Fatal("DRDY still set after DR read")
			}
			s.Advance(100 + 2*tc.wait)
			if rd(r, regSR)&srDRDY == 0 {
				t.Fatal("second value not ready 40 periods after the read")
			}
			r.Write(regCR, 4, 0)
			if rd(r, regSR)&srDRDY != 0 {
				t.Fatal("DRDY set with RNGEN clear")
			}
		})
	}
}

// TestIRQ: the interrupt is IE && DRDY (RM0410 §22.3.3), raised by the scheduler.
func TestIRQ(t *testing.T) {
	s := sched.New()
	rec := &irq.Recorder{}
	r := New(Config{Sched: s, IRQ: rec})
	r.Write(regCR, 4, crRNGEN|crIE)
	if at, ok := s.Next(); !ok || at != 40 {
		t.Fatalf("next event %d,%v; want 40", at, ok)
	}
	s.Advance(39)
	if rec.Level() {
		t.Fatal("IRQ early")
	}
	s.Advance(40)
	if !rec.Level() {
		t.Fatal("IRQ not raised at DRDY")
	}
	rd(r, regDR)
	if rec.Level() {
		t.Fatal("IRQ still high after DR read")
	}
	r.Write(regCR, 4, crRNGEN)
	s.Advance(200)
	if rec.Level() {
		t.Fatal("IRQ with IE clear")
	}
	r.Write(regCR, 4, crRNGEN|crIE)
	if !rec.Level() {
		t.Fatal("IRQ not raised when IE set with DRDY pending")
	}
}

func stream(seed uint64, n int) []uint32 {
	s := sched.New()
	r := New(Config{Sched: s, Seed: seed})
	r.Write(regCR, 4, crRNGEN)
	var out []uint32
	for i := 0; i < n; i++ {
		s.Advance(s.Now() + 40)
		out = append(out, rd(r, regDR))
	}
	return out
}

// TestSeed: the stream is a function of the seed; 0 selects DefaultSeed.
func TestSeed(t *testing.T) {
	a, b, c := stream(1, 16), stream(1, 16), stream(2, 16)
	same := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs at %d", i)
		}
		if a[i] == c[i] {
			same++
		}
	}
	if same == len(a) {
		t.Error("seeds 1 and 2 give the same stream")
	}
	distinct := map[uint32]bool{}
	for _, v := range a {
		distinct[v] = true
	}
	if len(distinct) < 15 {
		t.Errorf("only %d distinct values in 16", len(distinct))
	}
	d, e := stream(0, 4), stream(DefaultSeed, 4)
	for i := range d {
		if d[i] != e[i] {
			t.Fatal("seed 0 is not DefaultSeed")
		}
	}
}

// TestClockChanged: a wait keeps its completed RNG periods across a clock change.
func TestClockChanged(t *testing.T) {
	s := sched.New()
	hz := uint64(48e6)
	r := New(Config{Sched: s, CPUHz: func() uint64 { return hz }, RNGHz: func() uint64 { return 48e6 }})
	r.Write(regCR, 4, crRNGEN) // 40 cycles per value
	s.Advance(20)              // 20 of 40 periods done
	hz = 96e6                  // core twice as fast: 80 cycles per value
	r.ClockChanged()
	s.Advance(59)
	if rd(r, regSR)&srDRDY != 0 {
		t.Fatal("ready early after clock change")
	}
	s.Advance(60) // 20 periods left × 2 cycles
	if rd(r, regSR)&srDRDY == 0 {
		t.Fatal("not ready 20 periods after clock change")
	}
}

// TestSR: CEIS/SEIS are write-0-to-clear, DRDY read-only.
func TestSR(t *testing.T) {
	r := New(Config{})
	r.sr = srCEIS | srSEIS
	r.Write(regSR, 4, ^uint32(srCEIS))
	if got := rd(r, regSR); got != srSEIS {
		t.Errorf("SR = %#x, want SEIS only", got)
	}
}

package wwdg

import (
	"testing"

	"m7emu/internal/svd"
	"m7emu/irq"
	"m7emu/sched"
)

type rig struct {
	s      *sched.Scheduler
	d      *WWDG
	line   *irq.Recorder
	resets []sched.Cycle
}

func newRig(apb uint64) *rig {
	r := &rig{s: sched.New(), line: &irq.Recorder{}}
	r.d = New(Config{Sched: r.s, APBDivider: func() uint64 { return apb }, IRQ: r.line,
		OnReset: func() { r.resets = append(r.resets, r.s.Now()) }})
	return r
}

func (r *rig) w(t *testing.T, off, v uint32) {
	t.Helper()
	if err := r.d.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

func (r *rig) rd(t *testing.T, off uint32) uint32 {
	t.Helper()
	v, err := r.d.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSVDResetValues: offsets and reset values against the ST SVD (RM0410 §24.4.4).
func TestSVDResetValues(t *testing.T) {
	per := svd.ForTest(t).Peripheral("WWDG")
	if per == nil {
		t.Fatal("SVD has no WWDG")
	}
	if per.Base != Base {
		t.Errorf("base: SVD 0x%08x, ours 0x%08x", per.Base, uint32(Base))
	}
	ours := map[string]uint32{"CR": regCR, "CFR": regCFR, "SR": regSR}
	if len(per.Registers) != len(ours) {
		t.Errorf("SVD has %d registers, we model %d", len(per.Registers), len(ours))
	}
	r := newRig(1)
	for _, reg := range per.Registers {
		off, ok := ours[reg.Name]
		if !ok {
			t.Errorf("WWDG_%s not modelled", reg.Name)
			continue
		}
		if reg.Offset != off {
			t.Errorf("WWDG_%s offset: SVD 0x%x, ours 0x%x", reg.Name, reg.Offset, off)
		}
		if got := r.rd(t, off); got != reg.Reset {
			t.Errorf("WWDG_%s reset: got 0x%08x, want 0x%08x", reg.Name, got, reg.Reset)
		}
	}
	var ewi bool
	for _, in := range per.Interrupts {
		if in.Name == "WWDG" && in.Value == IRQ {
			ewi = true
		}
	}
	if !ewi {
		t.Errorf("SVD interrupts %v: no WWDG at %d", per.Interrupts, IRQ)
	}
}

// TestTimeout: enabled and never refreshed, the WWDG resets after
// tPCLK1·4096·2^WDGTB·(T[5:0]+1) (RM0410 §24.3.5).
func TestTimeout(t *testing.T) {
	for _, tc := range []struct {
		apb     uint64
		wdgtb   uint32
		tVal    uint32
		periods uint64 // T[5:0]+1
	}{
		{1, 0, 0x7F, 64}, {2, 3, 0x7F, 64}, {4, 1, 0x45, 6}, {1, 2, 0x40, 1},
	} {
		r := newRig(tc.apb)
		r.s.Advance(777)
		r.w(t, regCFR, 0x7F|tc.wdgtb<<7)
		r.w(t, regCR, crWDGA|tc.tVal)
		want := sched.Cycle(777 + tc.periods*4096<<tc.wdgtb*tc.apb)
		r.s.Advance(want - 1)
		if len(r.resets) != 0 {
			t.Errorf("%+v: early reset at %d", tc, r.resets[0])
			continue
		}
		r.s.Advance(want)
		if len(r.resets) != 1 || r.resets[0] != want {
			t.Errorf("%+v: resets %v, want one at %d", tc, r.resets, want)
		}
	}
}

// TestWindow: a refresh while the counter is above W resets (RM0410 §24.3.4); one
// below it reloads the counter.
func TestWindow(t *testing.T) {
	r := newRig(1)
	r.w(t, regCFR, 0x50)
	r.w(t, regCR, crWDGA|0x7F)
	r.s.Advance(4096 * 0x20) // counter 0x5F > 0x50
	if c := r.d.Counter(); c != 0x5F {
		t.Fatalf("counter %#x, want 0x5F", c)
	}
	r.w(t, regCR, crWDGA|0x7F)
	if len(r.resets) != 1 {
		t.Fatalf("early refresh: %d resets, want 1", len(r.resets))
	}

	r = newRig(1)
	r.w(t, regCFR, 0x50)
	r.w(t, regCR, crWDGA|0x7F)
	for i := 1; i <= 20; i++ {
		r.s.Advance(sched.Cycle(i) * 4096 * 0x30) // counter 0x4F each time
		r.w(t, regCR, crWDGA|0x7F)
	}
	if len(r.resets) != 0 {
		t.Fatalf("in-window refreshes reset at %v", r.resets)
	}
}

// TestDisabled: with WDGA clear the counter runs and wraps but nothing resets; a
// write clearing T6 with WDGA set resets at once (RM0410 §24.3.2).
func TestDisabled(t *testing.T) {
	r := newRig(1)
	r.s.Advance(4096 * 200)
	if len(r.resets) != 0 {
		t.Fatal("disabled watchdog reset")
	}
	if c := r.d.Counter(); c != (0x7F-200)&0x7F {
		t.Fatalf("free-running counter %#x", c)
	}
	r.w(t, regCR, crWDGA|0x3F)
	if len(r.resets) != 1 {
		t.Fatalf("T6 clear: %d resets", len(r.resets))
	}
}

// TestEarlyWakeup: EWIF is set when the counter reaches 0x40 and the line follows
// EWIF && EWI; writing 0 to EWIF clears it (RM0410 §24.4.3).
func TestEarlyWakeup(t *testing.T) {
	r := newRig(1)
	r.w(t, regCFR, 0x7F|cfrEWI)
	r.w(t, regCR, crWDGA|0x50)
	r.s.Advance(4096*0x10 - 1)
	if r.rd(t, regSR) != 0 || r.line.Level() {
		t.Fatal("EWIF early")
	}
	r.s.Advance(4096 * 0x10)
	if r.rd(t, regSR) != srEWIF || !r.line.Level() {
		t.Fatalf("at 0x40: SR %#x line %v", r.rd(t, regSR), r.line.Level())
	}
	r.w(t, regCR, crWDGA|0x7F) // refresh in window (W = 0x7F)
	r.w(t, regSR, 0)
	if r.rd(t, regSR) != 0 || r.line.Level() {
		t.Fatal("EWIF not cleared")
	}
	// EWI cannot be cleared by software.
	r.w(t, regCFR, 0x7F)
	if r.rd(t, regCFR)&cfrEWI == 0 {
		t.Fatal("EWI cleared by software")
	}
	if len(r.resets) != 0 {
		t.Fatalf("resets %v", r.resets)
	}
}

// TestNoEventsWhenIdle: with WDGA and EWI clear nothing is scheduled (a sleeping
// core must still be able to deadlock), yet EWIF is latched when the counter passes
// 0x40 (RM0410 §24.4.3: set whether or not the interrupt is enabled).
func TestNoEventsWhenIdle(t *testing.T) {
	r := newRig(1)
	if _, ok := r.s.Next(); ok {
		t.Fatal("event scheduled after reset")
	}
	r.s.Advance(4096*0x3F - 1) // counter 0x41
	if r.rd(t, regSR) != 0 {
		t.Fatal("EWIF early")
	}
	r.s.Advance(4096 * 0x3F) // counter 0x40
	if r.rd(t, regSR) != srEWIF || r.line.Level() {
		t.Fatalf("SR %#x line %v, want EWIF with the line low", r.rd(t, regSR), r.line.Level())
	}
	if _, ok := r.s.Next(); ok {
		t.Fatal("event scheduled while idle")
	}
}

package iwdg

import (
	"testing"

	"m7emu/internal/svd"
	"m7emu/sched"
)

const cpuHz = 16_000_000 // HSI after reset (RM0410 §5.2.2): 500 CPU cycles per LSI tick

type rig struct {
	s      *sched.Scheduler
	d      *IWDG
	resets []sched.Cycle
}

func newRig(hz uint64) *rig {
	r := &rig{s: sched.New()}
	r.d = New(Config{Sched: r.s, CPUHz: func() uint64 { return hz },
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

// TestSVDResetValues: offsets and reset values against the ST SVD (RM0410 §23.4.6).
func TestSVDResetValues(t *testing.T) {
	per := svd.ForTest(t).Peripheral("IWDG")
	if per == nil {
		t.Fatal("SVD has no IWDG")
	}
	if per.Base != Base {
		t.Errorf("base: SVD 0x%08x, ours 0x%08x", per.Base, uint32(Base))
	}
	ours := map[string]uint32{"KR": regKR, "PR": regPR, "RLR": regRLR, "SR": regSR, "WINR": regWINR}
	if len(per.Registers) != len(ours) {
		t.Errorf("SVD has %d registers, we model %d", len(per.Registers), len(ours))
	}
	r := newRig(cpuHz)
	for _, reg := range per.Registers {
		off, ok := ours[reg.Name]
		if !ok {
			t.Errorf("IWDG_%s not modelled", reg.Name)
			continue
		}
		if reg.Offset != off {
			t.Errorf("IWDG_%s offset: SVD 0x%x, ours 0x%x", reg.Name, reg.Offset, off)
		}
		want := reg.Reset
		if reg.Name == "WINR" {
			want = 0xFFF // RM0410 §23.4.5 reset value 0x0000_0FFF; the SVD says 0
		}
		if got := r.rd(t, off); got != want {
			t.Errorf("IWDG_%s reset: got 0x%08x, want 0x%08x", reg.Name, got, want)
		}
	}
}

// TestTimeout: started and never refreshed, the IWDG resets after (RL+1)·4·2^PR LSI
// periods. Expected values from the RM0410 §23.3 min/max timeout table (32 kHz LSI): /4 RL=0xFFF
// 512 ms, /256 RL=0xFFF 32768 ms, /4 RL=0 0.125 ms, /32 RL=0xFFF 4096 ms.
func TestTimeout(t *testing.T) {
	for _, tc := range []struct {
		pr, rl uint32
		ms     float64
	}{
		{0, 0xFFF, 512}, {6, 0xFFF, 32768}, {7, 0xFFF, 32768}, {0, 0, 0.125}, {3, 0xFFF, 4096},
	} {
		r := newRig(cpuHz)
		r.s.Advance(1000) // start mid-run
		r.w(t, regKR, KeyAccess)
		r.w(t, regPR, tc.pr)
		r.w(t, regRLR, tc.rl)
		r.w(t, regKR, KeyStart)
		want := sched.Cycle(1000 + tc.ms*cpuHz/1000)
		r.s.Advance(want - 1)
		if len(r.resets) != 0 {
			t.Errorf("PR=%d RL=%#x: reset early at cycle %d", tc.pr, tc.rl, r.resets[0])
			continue
		}
		r.s.Advance(want)
		if len(r.resets) != 1 || r.resets[0] != want {
			t.Errorf("PR=%d RL=%#x: resets %v, want one at cycle %d", tc.pr, tc.rl, r.resets, want)
		}
	}
}

// TestFed: refreshed every 400 ms with a 512 ms timeout, the IWDG never resets; the
// counter restarts from RLR on each refresh (RM0410 §23.3.2).
func TestFed(t *testing.T) {
	r := newRig(cpuHz)
	r.w(t, regKR, KeyStart)
	step := sched.Cycle(cpuHz * 4 / 10)
	for i := 1; i <= 50; i++ {
		r.s.Advance(sched.Cycle(i) * step)
		r.w(t, regKR, KeyReload)
		if c := r.d.Counter(); c != 0xFFF {
			t.Fatalf("counter after refresh: %#x", c)
		}
	}
	if len(r.resets) != 0 {
		t.Fatalf("fed watchdog reset at %v", r.resets)
	}
	// 256 ms after the last refresh at /4: 256 ms · 8 kHz = 2048 counts down.
	r.s.Advance(50*step + cpuHz/1000*256)
	if c := r.d.Counter(); c != 0xFFF-2048 {
		t.Errorf("counter 256 ms after refresh: %#x, want %#x", c, 0xFFF-2048)
	}
	r.s.Advance(52 * step) // 800 ms after the last refresh
	if len(r.resets) != 1 {
		t.Errorf("unfed watchdog: %d resets, want 1", len(r.resets))
	}
}

// TestAccessKey: PR/RLR/WINR are write-protected until 0x5555 is written, and any
// other key protects them again (RM0410 §23.3.6).
func TestAccessKey(t *testing.T) {
	r := newRig(cpuHz)
	r.w(t, regPR, 5)
	r.w(t, regRLR, 0x123)
	if r.rd(t, regPR) != 0 || r.rd(t, regRLR) != 0xFFF {
		t.Fatal("locked registers were written")
	}
	r.w(t, regKR, KeyAccess)
	r.w(t, regPR, 5)
	r.w(t, regRLR, 0x123)
	if r.rd(t, regPR) != 5 || r.rd(t, regRLR) != 0x123 {
		t.Fatal("unlocked registers were not written")
	}
	r.w(t, regKR, 0x1234)
	r.w(t, regPR, 2)
	if r.rd(t, regPR) != 5 {
		t.Fatal("relocked PR was written")
	}
	if r.d.Running() {
		t.Fatal("running without the start key")
	}
}

// TestWindow: with WINR < RLR, a refresh while the counter is above WINR resets
// (RM0410 §23.3.4); one at or below it reloads.
func TestWindow(t *testing.T) {
	r := newRig(cpuHz)
	r.w(t, regKR, KeyAccess)
	r.w(t, regRLR, 1000)
	r.w(t, regWINR, 500)
	r.w(t, regKR, KeyStart)
	// /4 prescaler: one count per 4 LSI ticks = 2000 cycles at 16 MHz.
	r.s.Advance(2000 * 400) // counter 600 > 500
	r.w(t, regKR, KeyReload)
	if len(r.resets) != 1 {
		t.Fatalf("early refresh: %d resets, want 1", len(r.resets))
	}
	r = newRig(cpuHz)
	r.w(t, regKR, KeyAccess)
	r.w(t, regRLR, 1000)
	r.w(t, regWINR, 500)
	r.w(t, regKR, KeyStart)
	r.s.Advance(2000 * 600) // counter 400
	if c := r.d.Counter(); c != 400 {
		t.Fatalf("counter %d, want 400", c)
	}
	r.w(t, regKR, KeyReload)
	if len(r.resets) != 0 || r.d.Counter() != 1000 {
		t.Fatalf("in-window refresh: resets %v counter %d", r.resets, r.d.Counter())
	}
}

// TestClockChanged: the LSI is independent of the CPU clock: after the CPU goes from
// 16 to 216 MHz halfway through a 512 ms timeout, the reset comes 256 ms later in
// the new clock's cycles.
func TestClockChanged(t *testing.T) {
	hz := uint64(cpuHz)
	s := sched.New()
	var at []sched.Cycle
	d := New(Config{Sched: s, CPUHz: func() uint64 { return hz }, OnReset: func() { at = append(at, s.Now()) }})
	d.Write(regKR, 4, KeyStart)
	s.Advance(cpuHz / 1000 * 256)
	hz = 216_000_000
	d.ClockChanged()
	want := sched.Cycle(cpuHz/1000*256 + 216_000*256)
	s.Advance(want + 100_000)
	if len(at) != 1 || at[0] != want {
		t.Fatalf("resets %v, want one at %d", at, want)
	}
}

// TestResetStops: Reset (the board's system reset) stops the watchdog.
func TestResetStops(t *testing.T) {
	r := newRig(cpuHz)
	r.w(t, regKR, KeyStart)
	r.d.Reset()
	r.s.Advance(cpuHz * 100)
	if len(r.resets) != 0 || r.d.Running() {
		t.Fatal("watchdog survived Reset")
	}
}

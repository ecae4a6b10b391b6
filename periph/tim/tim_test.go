package tim

import (
	"fmt"
	"testing"

	"m7emu/irq"
	"m7emu/sched"
)

// rig is a timer on a real scheduler; rising edges of each interrupt line are recorded
// with their cycle.
type rig struct {
	s      *sched.Scheduler
	x      *Timer
	ft, fc uint64
	rises  map[string][]sched.Cycle
	level  map[string]bool
}

func newRig(t *testing.T, name string, ft, fc uint64) *rig {
	t.Helper()
	in, ok := Lookup(name)
	if !ok {
		t.Fatalf("no instance %s", name)
	}
	r := &rig{s: sched.New(), ft: ft, fc: fc, rises: map[string][]sched.Cycle{}, level: map[string]bool{}}
	line := func(n string) irq.Line {
		return irq.Func(func(l bool) {
			if l && !r.level[n] {
				r.rises[n] = append(r.rises[n], r.s.Now())
			}
			r.level[n] = l
		})
	}
	r.x = New(Config{Instance: in, Sched: r.s,
		Clock: func() uint64 { return r.ft }, CoreClock: func() uint64 { return r.fc },
		Update: line("up"), CC: line("cc"), TrgCom: line("trg"), Break: line("brk"), IRQ: line("irq")})
	return r
}

func (r *rig) at(c sched.Cycle) *rig { r.s.Advance(c); return r }

func (r *rig) rd(t *testing.T, off uint32) uint32 {
	t.Helper()
	v, err := r.x.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (r *rig) wr(t *testing.T, off, v uint32) {
	t.Helper()
	if err := r.x.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

// expect checks register reads at given cycles (advancing the scheduler).
func (r *rig) expect(t *testing.T, off uint32, cases [][2]uint64) {
	t.Helper()
	for _, c := range cases {
		if v := r.at(c[0]).rd(t, off); uint64(v) != c[1] {
			t.Errorf("cycle %d: reg %#x = %#x, want %#x", c[0], off, v, c[1])
		}
	}
}

// §27.3.2 upcounting: the counter counts 0..ARR at CK_PSC/(PSC+1); ARR→0 is the
// overflow that sets UIF (update interrupt at that cycle).
func TestUpCounting(t *testing.T) {
	r := newRig(t, "TIM3", 1, 1)
	r.wr(t, regPSC, 3)
	r.wr(t, regARR, 9)
	r.wr(t, regCR1, cr1URS)
	r.wr(t, regEGR, egrUG) // loads PSC; URS=1: no UIF
	r.wr(t, regCR1, 0)
	if sr := r.rd(t, regSR); sr != 0 {
		t.Fatalf("SR after UG with URS=1: %#x", sr)
	}
	r.wr(t, regDIER, srUIF)
	r.wr(t, regCR1, cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{3, 0}, {4, 1}, {7, 1}, {8, 2}, {36, 9}, {39, 9}, {40, 0}, {44, 1}})
	if got := fmt.Sprint(r.rises["up"], r.rises["irq"]); got != "[40] [40]" {
		t.Errorf("update interrupt at %s, want [40] [40]", got)
	}
	// CCR1–CCR4 reset to 0 in frozen output mode: they match as the counter wraps to 0.
	if sr := r.rd(t, regSR); sr != srUIF|srCCAll {
		t.Errorf("SR %#x, want UIF|CC1IF..CC4IF", sr)
	}
	r.at(50).wr(t, regSR, ^uint32(srUIF))
	if r.level["up"] || r.level["irq"] {
		t.Error("line still high after UIF cleared")
	}
	r.at(200) // the line stays high from 80 on: UIF is not cleared again
	if got := fmt.Sprint(r.rises["up"]); got != "[40 80]" {
		t.Errorf("update rises %s", got)
	}
}

// §27.3.1: PSC is preloaded; the new ratio applies from the next update event.
func TestPrescalerPreload(t *testing.T) {
	r := newRig(t, "TIM4", 1, 1)
	r.wr(t, regARR, 99)
	r.wr(t, regCR1, cr1CEN)
	r.at(10).wr(t, regPSC, 1)
	r.expect(t, regPSC, [][2]uint64{{11, 1}})
	r.expect(t, regCNT, [][2]uint64{{50, 50}, {99, 99}, {100, 0}, {101, 0}, {102, 1}, {104, 2}, {298, 99}, {300, 0}})
}

// §27.3.2 figures "update event when ARPE=0/1": without preload an ARR write applies at
// once; with ARPE the old ARR ends the period.
func TestARPE(t *testing.T) {
	for _, c := range []struct {
		arpe uint32
		want string
	}{{0, "[20 40 60 80 120 140]"}, {cr1ARPE, "[100 120 140]"}} {
		// SR is cleared at each listed cycle, so with ARPE=0 the update at 80 holds
		// the line until 100 and the one at 100 is not a new edge.
		r := newRig(t, "TIM2", 1, 1)
		r.wr(t, regARR, 99)
		r.wr(t, regDIER, srUIF)
		r.wr(t, regCR1, cr1CEN|c.arpe)
		r.at(10).wr(t, regARR, 19)
		for _, at := range []sched.Cycle{20, 40, 60, 100, 120, 140} {
			r.at(at).wr(t, regSR, 0)
		}
		if got := fmt.Sprint(r.rises["up"]); got != c.want {
			t.Errorf("ARPE=%d: updates at %s, want %s", c.arpe>>7, got, c.want)
		}
	}
}

// §27.4.1 URS/UDIS and §27.4.6 UG.
func TestURSandUDIS(t *testing.T) {
	r := newRig(t, "TIM3", 1, 1)
	r.wr(t, regARR, 9)
	r.wr(t, regPSC, 1)
	r.wr(t, regEGR, egrUG) // URS=0: UIF set, PSC loaded
	if sr := r.rd(t, regSR); sr != srUIF {
		t.Fatalf("UG with URS=0: SR %#x", sr)
	}
	r.wr(t, regSR, 0)
	r.wr(t, regCCMR1, 0x0101) // channels as inputs: only UIF matters here
	r.wr(t, regCCMR2, 0x0101)
	// UDIS=1: no update event, shadows stay; the counter still wraps.
	r.wr(t, regPSC, 0)
	r.wr(t, regCR1, cr1CEN|cr1UDIS)
	r.expect(t, regCNT, [][2]uint64{{2, 1}, {18, 9}, {20, 0}, {22, 1}})
	if sr := r.rd(t, regSR); sr != 0 {
		t.Errorf("UDIS: overflow set SR %#x", sr)
	}
	// UG with UDIS=1 re-initialises counter and prescaler but loads nothing.
	r.at(23).wr(t, regEGR, egrUG)
	r.expect(t, regCNT, [][2]uint64{{23, 0}, {24, 0}, {25, 1}})
	if sr := r.rd(t, regSR); sr != 0 {
		t.Errorf("UG with UDIS=1 set SR %#x", sr)
	}
	// UDIS=0, URS=1: overflow sets UIF (URS only filters UG), PSC 0 loaded there.
	r.wr(t, regCR1, cr1CEN|cr1URS) // at 25, cnt 1
	r.expect(t, regCNT, [][2]uint64{{41, 9}, {43, 0}, {44, 1}})
	if sr := r.rd(t, regSR); sr != srUIF {
		t.Errorf("overflow with URS=1: SR %#x", sr)
	}
}

// §27.4.5 SR is rc_w0; §27.4.6 EGR is write-only and CCxG sets CCxIF.
func TestSRrcw0(t *testing.T) {
	r := newRig(t, "TIM2", 1, 1)
	r.wr(t, regEGR, 0xFFFF_FFFF)
	want := uint32(0x5F) // UIF, CC1IF–CC4IF, TIF
	if sr := r.rd(t, regSR); sr != want {
		t.Fatalf("SR after EGR all ones %#x, want %#x", sr, want)
	}
	if v := r.rd(t, regEGR); v != 0 {
		t.Errorf("EGR reads %#x", v)
	}
	r.wr(t, regSR, ^uint32(srUIF|srCC1IF<<1)) // clear UIF and CC2IF only
	if sr := r.rd(t, regSR); sr != want&^(srUIF|srCC1IF<<1) {
		t.Errorf("SR %#x after clearing UIF, CC2IF", sr)
	}
	r.wr(t, regSR, 0xFFFF_FFFF) // writing 1 leaves
	if sr := r.rd(t, regSR); sr != want&^(srUIF|srCC1IF<<1) {
		t.Errorf("writing ones changed SR to %#x", sr)
	}
	if err := r.x.Write(regSR+1, 1, 0); err != nil { // byte 1: nothing there to clear
		t.Fatal(err)
	}
	if err := r.x.Write(regSR, 1, ^uint32(srTIF)); err != nil {
		t.Fatal(err)
	}
	if sr := r.rd(t, regSR); sr != 0x1A { // CC1IF, CC3IF, CC4IF

		t.Errorf("byte write: SR %#x", sr)
	}
	// Embassy's ISR writes !sr: clears exactly what it read.
	sr := r.rd(t, regSR)
	r.wr(t, regSR, ^sr)
	if v := r.rd(t, regSR); v != 0 {
		t.Errorf("SR after !sr: %#x", v)
	}
}

// Renode issue 1007: CCRx = 0 matches when the counter wraps to 0 at the update, in
// the same cycle as UIF; UG does not count as a match.
func TestCCRZeroAtUpdate(t *testing.T) {
	r := newRig(t, "TIM12", 1, 1)
	r.wr(t, regARR, 0xFFFF)
	r.wr(t, regCCR1+4, 0) // CCR2 = 0
	r.wr(t, regEGR, egrUG)
	r.wr(t, regSR, 0)
	r.wr(t, regDIER, srCC1IF<<1)
	r.wr(t, regCR1, cr1CEN)
	r.at(65535)
	if sr := r.rd(t, regSR); sr != 0 {
		t.Fatalf("SR at 65535: %#x", sr)
	}
	r.at(65536)
	if sr := r.rd(t, regSR); sr != srUIF|srCC1IF|srCC1IF<<1 {
		// CCR1 is 0 as well (reset value): both compare channels match.
		t.Errorf("SR at the wrap %#x, want UIF|CC1IF|CC2IF", sr)
	}
	if got := fmt.Sprint(r.rises["cc"]); got != "[65536]" {
		t.Errorf("CC interrupt at %s", got)
	}
	// CCR = ARR matches on the way up, one tick before the wrap.
	r.wr(t, regSR, 0)
	r.wr(t, regCCR1, 0xFFFF)
	r.at(65536 + 65535)
	if sr := r.rd(t, regSR); sr != srCC1IF {
		t.Errorf("CCR1=ARR: SR %#x", sr)
	}
}

// §27.3 output compare mode: CCxIF on CNT == CCRx in frozen mode regardless of CCxE, for
// all four channels; input channels (CCxS != 0) do not compare.
func TestCompareChannels(t *testing.T) {
	r := newRig(t, "TIM5", 1, 1)
	r.wr(t, regARR, 999)
	for ch := uint32(0); ch < 4; ch++ {
		r.wr(t, regCCR1+4*ch, 100*(ch+1))
	}
	r.wr(t, regCCMR2, 1<<8) // CC4S = 01: input
	r.wr(t, regDIER, srCCAll)
	r.wr(t, regCR1, cr1CEN)
	for _, c := range []struct {
		at   sched.Cycle
		want uint32
	}{{99, 0}, {100, 2}, {199, 2}, {200, 6}, {300, 0xE}, {1000, 0xE | srUIF}} {
		if sr := r.at(c.at).rd(t, regSR); sr != c.want {
			t.Errorf("cycle %d: SR %#x, want %#x", c.at, sr, c.want)
		}
	}
	if got := fmt.Sprint(r.rises["cc"]); got != "[100]" {
		t.Errorf("CC line rises %s (level until cleared)", got)
	}
	// OCxPE preload: the new CCR1 applies at the update event.
	r.wr(t, regSR, 0)
	r.wr(t, regCCMR1, ccmrOCPE)
	r.wr(t, regCCR1, 500) // at 1000, cnt 0; active CCR1 stays 100
	if sr := r.at(1100).rd(t, regSR); sr != srCC1IF {
		t.Errorf("preloaded CCR1: SR %#x at 1100", sr)
	}
	r.wr(t, regSR, 0)
	if sr := r.at(1600).rd(t, regSR); sr&srCC1IF != 0 {
		t.Errorf("CCR1 preload applied early")
	}
	if sr := r.at(2500).rd(t, regSR); sr&srCC1IF == 0 {
		t.Errorf("CCR1=500 did not match after the update")
	}
}

// §27.3.2 downcounting: ARR..0, underflow reloads ARR and sets UIF; UG loads ARR.
func TestDownCounting(t *testing.T) {
	r := newRig(t, "TIM3", 1, 1)
	r.wr(t, regARR, 9)
	r.wr(t, regCCR1, 5)
	r.wr(t, regCCR1+4, 9) // CCR2 = ARR matches at the underflow
	r.wr(t, regCR1, cr1DIR)
	r.wr(t, regEGR, egrUG)
	r.wr(t, regSR, 0)
	if v := r.rd(t, regCNT); v != 9 {
		t.Fatalf("UG down: CNT %d", v)
	}
	r.wr(t, regCR1, cr1DIR|cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{3, 6}, {9, 0}, {10, 9}, {11, 8}})
	r2 := newRig(t, "TIM3", 1, 1)
	r2.wr(t, regCCMR2, 0x0101) // CC3, CC4 as inputs
	r2.wr(t, regARR, 9)
	r2.wr(t, regCCR1, 5)
	r2.wr(t, regCCR1+4, 9)
	r2.wr(t, regCR1, cr1DIR)
	r2.wr(t, regEGR, egrUG)
	r2.wr(t, regSR, 0)
	r2.wr(t, regCR1, cr1DIR|cr1CEN)
	for _, c := range []struct {
		at   sched.Cycle
		want uint32
	}{{3, 0}, {4, srCC1IF}, {9, srCC1IF}, {10, srCC1IF | srCC1IF<<1 | srUIF}} {
		if sr := r2.at(c.at).rd(t, regSR); sr != c.want {
			t.Errorf("down cycle %d: SR %#x want %#x", c.at, sr, c.want)
		}
	}
}

// §27.3 one-pulse mode (and §27.4.1 OPM): CEN is cleared at the update event and the counter stops.
func TestOnePulse(t *testing.T) {
	r := newRig(t, "TIM9", 1, 1)
	r.wr(t, regARR, 9)
	r.wr(t, regCR1, cr1OPM|cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{9, 9}, {10, 0}, {50, 0}})
	if v := r.rd(t, regCR1); v != cr1OPM {
		t.Errorf("CR1 %#x after the pulse", v)
	}
	if _, ok := r.x.NextEvent(); ok {
		t.Error("event still scheduled")
	}
	// TIM10 has no OPM bit (SVD): writing it is ignored and the counter runs on.
	r10 := newRig(t, "TIM10", 1, 1)
	r10.wr(t, regARR, 9)
	r10.wr(t, regCR1, cr1OPM|cr1CEN)
	r10.expect(t, regCNT, [][2]uint64{{15, 5}})
}

// §26.3.3 repetition counter: the update event comes every RCR+1 overflows.
func TestRepetitionCounter(t *testing.T) {
	r := newRig(t, "TIM1", 1, 1)
	r.wr(t, regARR, 9)
	r.wr(t, regRCR, 2)
	r.wr(t, regEGR, egrUG) // loads the repetition counter
	r.wr(t, regSR, 0)
	r.wr(t, regDIER, srUIF)
	r.wr(t, regCR1, cr1CEN)
	for _, at := range []sched.Cycle{30, 60, 90} {
		r.at(at).wr(t, regSR, 0)
	}
	if got := fmt.Sprint(r.rises["up"]); got != "[30 60 90]" {
		t.Errorf("updates at %s", got)
	}
}

// TIM1/8 have separate update / CC / trigger-COM / break vectors (RM0410 NVIC vector table, ST stm32f769xx.h).
func TestSeparateLines(t *testing.T) {
	r := newRig(t, "TIM8", 1, 1)
	r.wr(t, regDIER, 0xFF)
	for _, c := range []struct {
		egr  uint32
		line string
	}{{egrUG, "up"}, {1 << 3, "cc"}, {1 << 6, "trg"}, {1 << 5, "trg"}, {1 << 7, "brk"}} {
		r.rises = map[string][]sched.Cycle{}
		r.wr(t, regEGR, c.egr)
		for _, n := range []string{"up", "cc", "trg", "brk"} {
			if got, want := len(r.rises[n]), map[bool]int{true: 1}[n == c.line]; got != want {
				t.Errorf("EGR %#x: line %s rose %d times, want %d", c.egr, n, got, want)
			}
		}
		if len(r.rises["irq"]) != 1 {
			t.Errorf("EGR %#x: combined line rose %d times", c.egr, len(r.rises["irq"]))
		}
		r.wr(t, regSR, 0)
		if r.level["irq"] || r.level[c.line] {
			t.Errorf("EGR %#x: line high after SR cleared", c.egr)
		}
	}
}

// TIM2/TIM5 are 32 bits wide; the others mask CNT/ARR/CCR to 16 bits.
func TestWidths(t *testing.T) {
	r := newRig(t, "TIM2", 1, 1)
	r.wr(t, regARR, 0xFFFF_FFFF)
	r.wr(t, regCNT, 0xFFFF_FFF0)
	r.wr(t, regCR1, cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{15, 0xFFFF_FFFF}, {16, 0}, {0x10016, 0x10006}})
	if sr := r.rd(t, regSR); sr&srUIF == 0 {
		t.Error("32-bit overflow did not set UIF")
	}
	r12 := newRig(t, "TIM12", 1, 1)
	r12.wr(t, regARR, 0x1_2345)
	r12.wr(t, regCNT, 0xFFFF_FFFF)
	r12.wr(t, regCCR1, 0x7_0001)
	if v := [3]uint32{r12.rd(t, regARR), r12.rd(t, regCNT), r12.rd(t, regCCR1)}; v != [3]uint32{0x2345, 0xFFFF, 1} {
		t.Errorf("TIM12 16-bit masking: %#x", v)
	}
	// ARR = 0 blocks the counter (§27.4.12).
	r3 := newRig(t, "TIM3", 1, 1)
	r3.wr(t, regCR1, cr1CEN)
	r3.expect(t, regCNT, [][2]uint64{{100, 0}})
}

// A counter written above ARR runs to its maximum and wraps to 0 without an update,
// then overflows at ARR (package comment: assumption).
func TestAboveARR(t *testing.T) {
	r := newRig(t, "TIM3", 1, 1)
	r.wr(t, regARR, 9)
	r.wr(t, regCNT, 0xFFFE)
	r.wr(t, regCR1, cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{1, 0xFFFF}, {2, 0}, {11, 9}, {12, 0}})
	if sr := r.rd(t, regSR); sr != srUIF|srCCAll { // CCRx = 0 matched at both wraps
		t.Errorf("SR %#x", sr)
	}
}

// The timer clock may run at any ratio to the core clock: tick k of a 2 Hz timer
// clock on a 3 Hz core falls on cycle ceil(1.5·k).
func TestClockRatio(t *testing.T) {
	r := newRig(t, "TIM6", 2, 3)
	r.wr(t, regARR, 0xFFFF)
	r.wr(t, regCR1, cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{1, 0}, {2, 1}, {3, 2}, {4, 2}, {5, 3}, {6, 4}, {3000, 2000}})
}

// ClockChanged (Renode issue 1010): the count and the prescaler phase are kept, and
// later ticks and scheduled compare events follow the new clock at once.
func TestClockChanged(t *testing.T) {
	r := newRig(t, "TIM12", 16_000_000, 16_000_000)
	r.wr(t, regPSC, 15)
	r.wr(t, regARR, 0xFFFF)
	r.wr(t, regCR1, cr1URS)
	r.wr(t, regEGR, egrUG)
	r.wr(t, regCCR1, 1100)
	r.wr(t, regDIER, srCC1IF)
	r.wr(t, regCR1, cr1CEN)
	r.expect(t, regCNT, [][2]uint64{{16000, 1000}, {16008, 1000}})
	// 216 MHz core, 108 MHz timer clock: one timer tick per 2 cycles; 8 of 16
	// prescaler ticks have passed, so the next count comes 16 cycles later.
	r.ft, r.fc = 108_000_000, 216_000_000
	r.x.ClockChanged()
	r.expect(t, regCNT, [][2]uint64{{16023, 1000}, {16024, 1001}, {16024 + 32*50, 1051}})
	r.at(30000)
	if got := fmt.Sprint(r.rises["cc"]); got != fmt.Sprint([]sched.Cycle{16024 + 99*32}) {
		t.Errorf("CC1 at %s, want %d", got, 16024+99*32)
	}
	// Stopping the clock freezes the count.
	r.ft = 0
	r.x.ClockChanged()
	c := r.rd(t, regCNT)
	r.at(90000)
	if v := r.rd(t, regCNT); v != c {
		t.Errorf("clock off: CNT moved %d → %d", c, v)
	}
}

// Writing CNT while running moves the count; the compare schedule follows.
func TestWriteCNTReschedules(t *testing.T) {
	r := newRig(t, "TIM4", 1, 1)
	r.wr(t, regARR, 0xFFFF)
	r.wr(t, regCCR1, 500)
	r.wr(t, regDIER, srCC1IF)
	r.wr(t, regCR1, cr1CEN)
	r.at(100).wr(t, regCNT, 450)
	r.at(1000)
	if got := fmt.Sprint(r.rises["cc"]); got != "[150]" {
		t.Errorf("CC1 at %s, want [150]", got)
	}
}

func TestResetClearsState(t *testing.T) {
	r := newRig(t, "TIM2", 1, 1)
	r.wr(t, regARR, 5)
	r.wr(t, regDIER, srUIF)
	r.wr(t, regCR1, cr1CEN)
	r.at(6)
	if !r.level["irq"] {
		t.Fatal("no interrupt")
	}
	r.x.Reset()
	if r.level["irq"] || r.level["up"] {
		t.Error("Reset left the line high")
	}
	if _, ok := r.x.NextEvent(); ok {
		t.Error("Reset left an event")
	}
	for off := uint32(0); off < 0x64; off += 4 {
		if v := r.rd(t, off); v != 0 {
			t.Errorf("after Reset offset %#x = %#x", off, v)
		}
	}
}

func TestNarrowAccess(t *testing.T) {
	r := newRig(t, "TIM2", 1, 1)
	r.wr(t, regARR, 0x1234_5678)
	if err := r.x.Write(regARR+2, 2, 0xABCD); err != nil {
		t.Fatal(err)
	}
	if v := r.rd(t, regARR); v != 0xABCD_5678 {
		t.Errorf("ARR %#x", v)
	}
	if v, _ := r.x.Read(regARR+1, 1); v != 0x56 {
		t.Errorf("byte read %#x", v)
	}
}

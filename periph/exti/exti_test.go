package exti

import (
	"fmt"
	"strings"
	"testing"

	"m7emu/bus"
	"m7emu/internal/svd"
	"m7emu/irq"
)

type rig struct {
	e      *EXTI
	lines  [NumOutputs]*irq.Recorder
	events []int
}

func newRig() *rig {
	r := &rig{}
	var cfg Config
	for i := range r.lines {
		r.lines[i] = &irq.Recorder{}
		cfg.IRQ[i] = r.lines[i]
	}
	cfg.OnEvent = func(line int) { r.events = append(r.events, line) }
	r.e = New(cfg)
	return r
}

func rd(t *testing.T, d bus.Device, off uint32) uint32 {
	t.Helper()
	v, err := d.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wr(t *testing.T, d bus.Device, off, v uint32) {
	t.Helper()
	if err := d.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

// levels returns the recorded level changes of output n as a string like "1 0".
func (r *rig) levels(n int) string {
	var b []string
	for _, l := range r.lines[n].Levels {
		if l {
			b = append(b, "1")
		} else {
			b = append(b, "0")
		}
	}
	return strings.Join(b, " ")
}

// TestSVD: base, register offsets and reset values, and the interrupt numbers the SVD
// attaches to EXTI (RM0410 §11 register map; vector table RM0410 §10).
func TestSVD(t *testing.T) {
	dev := svd.ForTest(t)
	ours := map[string]uint32{"IMR": regIMR, "EMR": regEMR, "RTSR": regRTSR, "FTSR": regFTSR, "SWIER": regSWIER, "PR": regPR}
	outByName := map[string]int{
		"EXTI0": OutEXTI0, "EXTI1": OutEXTI1, "EXTI2": OutEXTI2, "EXTI3": OutEXTI3, "EXTI4": OutEXTI4,
		"EXTI9_5": OutEXTI9_5, "EXTI15_10": OutEXTI15_10, "PVD": OutPVD, "TAMP_STAMP": OutTampStamp,
	}
	e := New(Config{})
	seen := 0
	if p := dev.Peripheral("EXTI"); p != nil {
		if p.Base != Base {
			t.Errorf("base 0x%08x, SVD 0x%08x", uint32(Base), p.Base)
		}
		for _, r := range p.Registers {
			off, ok := ours[r.Name]
			if !ok {
				t.Errorf("SVD register %s not modelled", r.Name)
				continue
			}
			seen++
			if r.Offset != off {
				t.Errorf("%s offset: SVD 0x%x, ours 0x%x", r.Name, r.Offset, off)
			}
			if got, want := rd(t, e, off), r.Reset; got != want {
				t.Errorf("%s reset: SVD 0x%x, ours 0x%x", r.Name, want, got)
			}
		}
		for _, irqDesc := range p.Interrupts {
			n, ok := outByName[irqDesc.Name]
			if !ok {
				continue
			}
			delete(outByName, irqDesc.Name)
			if OutputIRQ[n] != irqDesc.Value {
				t.Errorf("%s: IRQ %d, SVD %d", irqDesc.Name, OutputIRQ[n], irqDesc.Value)
			}
		}
	}
	if seen != len(ours) {
		t.Errorf("matched %d registers, want %d", seen, len(ours))
	}
	if len(outByName) != 0 {
		t.Errorf("SVD lacks interrupts %v", outByName)
	}
}

// TestOutputOf: RM0410 §11 / stm32f769-embassy.md §6 — lines 0–4 have their own
// vector, 5–9 share EXTI9_5, 10–15 share EXTI15_10, 16+ one vector each.
func TestOutputOf(t *testing.T) {
	for _, c := range []struct{ line, out, irqn int }{
		{0, OutEXTI0, 6}, {4, OutEXTI4, 10}, {5, OutEXTI9_5, 23}, {9, OutEXTI9_5, 23},
		{10, OutEXTI15_10, 40}, {13, OutEXTI15_10, 40}, {15, OutEXTI15_10, 40},
		{16, OutPVD, 1}, {17, OutRTCAlarm, 41}, {22, OutRTCWakeup, 3}, {24, OutMDIOS, 109},
	} {
		o := OutputOf(c.line)
		if o != c.out || OutputIRQ[o] != c.irqn {
			t.Errorf("line %d: output %d (IRQ %d), want %d (IRQ %d)", c.line, o, OutputIRQ[o], c.out, c.irqn)
		}
	}
	if OutputOf(25) != -1 || OutputOf(-1) != -1 {
		t.Error("out-of-range lines must map to -1")
	}
}

// TestEmbassyWaitForRisingEdge replays stm32f769-embassy.md §6 at register level on
// line 0 (B1 on PA0): RTSR set, FTSR clear, PR cleared, IMR set; the press pends PR0
// and raises EXTI0; the ISR does IMR &= !bits, PR = bits, which lowers EXTI0 and lets
// the future see IMR0 = 0. The release (falling edge) does nothing.
func TestEmbassyWaitForRisingEdge(t *testing.T) {
	r := newRig()
	wr(t, r.e, regRTSR, rd(t, r.e, regRTSR)|1)
	wr(t, r.e, regFTSR, rd(t, r.e, regFTSR)&^1)
	wr(t, r.e, regPR, 1)
	wr(t, r.e, regIMR, rd(t, r.e, regIMR)|1)
	if r.e.Output(OutEXTI0) || len(r.lines[OutEXTI0].Levels) != 0 {
		t.Fatal("EXTI0 raised before the edge")
	}
	r.e.Input(0, true) // press
	if got := rd(t, r.e, regPR); got != 1 {
		t.Fatalf("PR after rising edge = 0x%x, want 1", got)
	}
	if r.levels(OutEXTI0) != "1" {
		t.Fatalf("EXTI0 levels %q, want \"1\"", r.levels(OutEXTI0))
	}
	// ISR
	bits := rd(t, r.e, regPR) & 0xFFFF
	wr(t, r.e, regIMR, rd(t, r.e, regIMR)&^bits)
	wr(t, r.e, regPR, bits)
	if got := rd(t, r.e, regPR); got != 0 {
		t.Errorf("PR after w1c = 0x%x", got)
	}
	if got := rd(t, r.e, regIMR); got&1 != 0 {
		t.Errorf("IMR0 still set: the future would not complete")
	}
	if r.levels(OutEXTI0) != "1 0" {
		t.Errorf("EXTI0 levels %q, want \"1 0\"", r.levels(OutEXTI0))
	}
	r.e.Input(0, false) // release: FTSR clear, IMR clear
	if rd(t, r.e, regPR) != 0 || r.levels(OutEXTI0) != "1 0" {
		t.Error("falling edge had an effect")
	}
	for n := range NumOutputs {
		if n != OutEXTI0 && len(r.lines[n].Levels) != 0 {
			t.Errorf("output %d touched", n)
		}
	}
}

// TestEdges: table of RTSR/FTSR/IMR/EMR combinations against an edge (RM0410 §11
// functional description, EXTI_RTSR, EXTI_FTSR, EXTI_IMR, EXTI_EMR).
func TestEdges(t *testing.T) {
	const line = 7
	const b = 1 << line
	for _, c := range []struct {
		desc                   string
		rtsr, ftsr, imr, emr   bool
		from, to               bool
		wantPR, wantIRQ, event bool
	}{
		{"rising selected", true, false, true, false, false, true, true, true, false},
		{"rising not selected", false, true, true, false, false, true, false, false, false},
		{"falling selected", false, true, true, false, true, false, true, true, false},
		{"both edges, falling", true, true, true, false, true, false, true, true, false},
		{"masked interrupt: no PR", true, false, false, false, false, true, false, false, false},
		{"event only", true, false, false, true, false, true, false, false, true},
		{"interrupt and event", true, false, true, true, false, true, true, true, true},
		{"no edge: same level", true, true, true, true, true, true, false, false, false},
	} {
		r := newRig()
		r.e.Input(line, c.from)
		set := func(off uint32, on bool) {
			if on {
				wr(t, r.e, off, b)
			}
		}
		set(regRTSR, c.rtsr)
		set(regFTSR, c.ftsr)
		set(regIMR, c.imr)
		set(regEMR, c.emr)
		r.e.Input(line, c.to)
		if got := rd(t, r.e, regPR)&b != 0; got != c.wantPR {
			t.Errorf("%s: PR7 = %v, want %v", c.desc, got, c.wantPR)
		}
		if got := r.e.Output(OutEXTI9_5); got != c.wantIRQ {
			t.Errorf("%s: EXTI9_5 = %v, want %v", c.desc, got, c.wantIRQ)
		}
		if got := len(r.events) == 1 && r.events[0] == line; got != c.event {
			t.Errorf("%s: events %v, want event %v", c.desc, r.events, c.event)
		}
	}
}

// TestEveryLine pends each line in turn through SWIER and checks which vector rises
// (stm32f769xx.h IRQn_Type: EXTI0–4 = 6–10, EXTI9_5 = 23, EXTI15_10 = 40, PVD = 1,
// RTC_Alarm = 41, OTG_FS_WKUP = 42, ETH_WKUP = 62, OTG_HS_WKUP = 76, TAMP_STAMP = 2,
// RTC_WKUP = 3, LPTIM1 = 93, MDIOS = 109).
func TestEveryLine(t *testing.T) {
	want := [NumLines]int{6, 7, 8, 9, 10, 23, 23, 23, 23, 23, 40, 40, 40, 40, 40, 40,
		1, 41, 42, 62, 76, 2, 3, 93, 109}
	for line := range NumLines {
		r := newRig()
		wr(t, r.e, regIMR, 1<<line)
		wr(t, r.e, regSWIER, 1<<line)
		var high []int
		for n := range NumOutputs {
			if r.e.Output(n) {
				high = append(high, OutputIRQ[n])
			}
		}
		if len(high) != 1 || high[0] != want[line] {
			t.Errorf("line %d raised IRQs %v, want [%d]", line, high, want[line])
		}
	}
}

// TestSharedVector: EXTI15_10 stays high until every pending unmasked line of the
// group is cleared; it is driven only on change.
func TestSharedVector(t *testing.T) {
	r := newRig()
	wr(t, r.e, regRTSR, 1<<10|1<<13)
	wr(t, r.e, regIMR, 1<<10|1<<13)
	r.e.Input(13, true)
	r.e.Input(10, true)
	wr(t, r.e, regPR, 1<<13)
	if !r.e.Output(OutEXTI15_10) {
		t.Error("EXTI15_10 dropped with line 10 still pending")
	}
	wr(t, r.e, regPR, 1<<10)
	if got := r.levels(OutEXTI15_10); got != "1 0" {
		t.Errorf("EXTI15_10 levels %q, want \"1 0\"", got)
	}
	// Re-enabling IMR with PR set raises the output again (PR & IMR).
	r.e.Input(13, false)
	r.e.Input(13, true)
	wr(t, r.e, regIMR, 0)
	wr(t, r.e, regIMR, 1<<13)
	if got := r.levels(OutEXTI15_10); got != "1 0 1 0 1" {
		t.Errorf("EXTI15_10 levels %q", got)
	}
}

// TestSWIER: RM0410 §11 EXTI_SWIER — writing 1 over 0 pends the line when IMR allows
// it and generates an event when EMR allows it; the bit clears through PR.
func TestSWIER(t *testing.T) {
	r := newRig()
	wr(t, r.e, regIMR, 1<<3)
	wr(t, r.e, regEMR, 1<<3|1<<5)
	wr(t, r.e, regSWIER, 1<<3|1<<5|1<<6)
	if got := rd(t, r.e, regPR); got != 1<<3 {
		t.Errorf("PR = 0x%x, want line 3 only (5, 6 masked)", got)
	}
	if fmt.Sprint(r.events) != "[3 5]" {
		t.Errorf("events %v, want [3 5]", r.events)
	}
	if got := rd(t, r.e, regSWIER); got != 1<<3|1<<5|1<<6 {
		t.Errorf("SWIER = 0x%x", got)
	}
	if r.levels(OutEXTI3) != "1" {
		t.Errorf("EXTI3 levels %q", r.levels(OutEXTI3))
	}
	wr(t, r.e, regSWIER, 1<<3) // already 1: no new trigger
	if len(r.events) != 2 {
		t.Errorf("rewriting a set SWIER bit triggered again: %v", r.events)
	}
	wr(t, r.e, regPR, 1<<3|1<<5)
	if got := rd(t, r.e, regSWIER); got != 1<<6 {
		t.Errorf("SWIER after PR w1c = 0x%x, want 0x40", got)
	}
	if got := rd(t, r.e, regPR); got != 0 {
		t.Errorf("PR = 0x%x", got)
	}
	wr(t, r.e, regSWIER, 1<<3) // 0 → 1 again: triggers
	if got := rd(t, r.e, regPR); got != 1<<3 || len(r.events) != 3 {
		t.Errorf("second SWIER: PR 0x%x, events %v", got, r.events)
	}
}

// TestReservedBitsAndWidths: only lines 0–24 exist; byte writes reach single bytes.
func TestReservedBitsAndWidths(t *testing.T) {
	r := newRig()
	wr(t, r.e, regIMR, 0xFFFF_FFFF)
	if got := rd(t, r.e, regIMR); got != lineMask {
		t.Errorf("IMR = 0x%08x, want 0x%08x", got, uint32(lineMask))
	}
	if err := r.e.Write(regRTSR+1, 1, 0x81); err != nil {
		t.Fatal(err)
	}
	if got := rd(t, r.e, regRTSR); got != 0x8100 {
		t.Errorf("RTSR = 0x%x", got)
	}
	if v, _ := r.e.Read(regIMR+3, 1); v != 1 {
		t.Errorf("IMR byte 3 = 0x%x, want 1 (line 24)", v)
	}
	r.e.Input(25, true)
	r.e.Input(-1, true)
	r.e.Input(24, true) // no RTSR: nothing
	if rd(t, r.e, regPR) != 0 {
		t.Error("PR set")
	}
	wr(t, r.e, regRTSR, 1<<24)
	r.e.Input(24, false)
	r.e.Input(24, true)
	if rd(t, r.e, regPR) != 1<<24 || !r.e.Output(OutMDIOS) {
		t.Error("line 24 did not pend")
	}
	r.e.Reset()
	if rd(t, r.e, regPR) != 0 || rd(t, r.e, regIMR) != 0 || r.e.Output(OutMDIOS) {
		t.Error("Reset left state")
	}
	if r.levels(OutMDIOS) != "1 0" {
		t.Errorf("MDIOS levels %q", r.levels(OutMDIOS))
	}
}

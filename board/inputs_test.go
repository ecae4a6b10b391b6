package board

import (
	"testing"
)

// EXTI registers (RM0410 §12.9: EXTI at 0x4001_3C00; IMR 0x00, RTSR 0x08, FTSR 0x0C,
// PR 0x14).
const (
	extiBase = 0x4001_3C00
	extiPRr  = extiBase + 0x14
	extiRT   = extiBase + 0x08
	extiFT   = extiBase + 0x0C
)

// runTo runs the board to cycle n (it must be sleeping, so time jumps between events).
func runTo(t *testing.T, b *Board, n uint64) {
	t.Helper()
	if r := b.Run(Limits{MaxCycles: n}); r.Outcome != CycleLimit || b.CPU.Cycles != n {
		t.Fatalf("run to cycle %d: %s at cycle %d", n, r.Msg, b.CPU.Cycles)
	}
}

// A press of B1 at 1.5 s raises PA0 (UM2033: active high) at exactly that simulated
// time, cycle 24 000 000 at 16 MHz (62.5 ns a cycle), and the release follows after the
// default 50 ms hold (800 000 cycles); a 200 ms hold releases 3 200 000 cycles after its
// press. The EXTI line 0 edge flags (RM0410 §12.3) see the press edge.
func TestPressTiming(t *testing.T) {
	b := newF769(t, Config{Presses: []Press{
		{Button: "B1", At: 1_500_000_000_000},
		{Button: "b1", At: 2_000_000_000_000, Hold: 200_000_000_000},
	}})
	loadSleeper(t, b)
	wr(t, b, extiBase, 1) // IMR: unmasked lines get pending bits
	wr(t, b, extiRT, 1)
	wr(t, b, extiFT, 1)
	pa := b.GPIO(0)
	steps := []struct {
		cycle uint64
		level bool
	}{
		{23_999_999, false}, {24_000_000, true}, {24_799_999, true}, {24_800_000, false},
		{31_999_999, false}, {32_000_000, true}, {35_199_999, true}, {35_200_000, false},
	}
	for _, s := range steps {
		runTo(t, b, s.cycle)
		if pa.Input(0) != s.level {
			t.Fatalf("cycle %d: PA0 = %v, want %v", s.cycle, pa.Input(0), s.level)
		}
		if pr := rd(t, b, extiPRr); s.cycle == 23_999_999 && pr != 0 || s.cycle == 24_000_000 && pr != 1 {
			t.Fatalf("cycle %d: EXTI_PR = %#x", s.cycle, pr)
		}
	}
	// A power-on reset replays the script from time 0.
	loadSleeper(t, b)
	runTo(t, b, 23_999_999)
	if pa.Input(0) {
		t.Fatal("B1 pressed early after reset")
	}
	runTo(t, b, 24_000_000)
	if !pa.Input(0) {
		t.Fatal("script not replayed after reset")
	}
}

// A press after the switch to 216 MHz stays at its simulated time: with the switch at
// cycle 1 600 000 (100 ms at 16 MHz), 1.5 s is 1 600 000 + 1.4 s × 216 MHz =
// 304 000 000 cycles.
func TestPressAcrossClockChange(t *testing.T) {
	b := newF769(t, Config{Presses: []Press{{Button: "B1", At: 1_500_000_000_000}}})
	loadSleeper(t, b)
	embassy216(t, b, 1_600_000)
	if b.Clock.Hz() != 216_000_000 {
		t.Fatalf("core clock %d Hz", b.Clock.Hz())
	}
	runTo(t, b, 303_999_999)
	if b.GPIO(0).Input(0) {
		t.Fatal("pressed early")
	}
	runTo(t, b, 304_000_000)
	if !b.GPIO(0).Input(0) || b.SimPicos() != 1_500_000_000_000 {
		t.Fatalf("at %s: PA0 = %v", FormatPicos(b.SimPicos()), b.GPIO(0).Input(0))
	}
}

// UART input at 100 ms (cycle 1 600 000) goes on USART1's RX line then: at 115200 baud
// from the 16 MHz kernel clock, BRR = 139 (RM0410 §34.5.4), a frame is 10 bits × 139 =
// 1390 cycles, so RXNE (§34.8.8) sets and RDR holds 'h' at cycle 1 601 390, not before.
func TestUARTInputTiming(t *testing.T) {
	b := newF769(t, Config{UARTInputs: []UARTInput{{Data: []byte("hi"), At: 100_000_000_000}}})
	loadSleeper(t, b)
	const usart1 = 0x4001_1000
	wr(t, b, usart1+0x0C, 139)    // BRR
	wr(t, b, usart1+0x00, 1|1<<2) // UE | RE
	u := b.USART("usart1")
	runTo(t, b, 1_599_999)
	if u.Pending() != 0 {
		t.Fatalf("input queued before 100 ms: %d", u.Pending())
	}
	runTo(t, b, 1_600_000)
	if u.Pending() != 2 {
		t.Fatalf("at 100 ms: %d bytes pending, want 2", u.Pending())
	}
	runTo(t, b, 1_601_389)
	if isr := rd(t, b, usart1+0x1C); isr&(1<<5) != 0 {
		t.Fatalf("RXNE set before the frame ended: ISR = %#x", isr)
	}
	runTo(t, b, 1_601_390)
	if isr := rd(t, b, usart1+0x1C); isr&(1<<5) == 0 {
		t.Fatalf("ISR = %#x at the end of the first frame", isr)
	}
	if got := rd(t, b, usart1+0x24); got != 'h' {
		t.Errorf("RDR = %#x, want 'h'", got)
	}
	if _, err := New(Config{Machine: "mps2-an500", UARTInputs: []UARTInput{{Data: []byte("x")}}}); err == nil {
		t.Error("UART input on a machine without a console accepted")
	}
}

// Scripted inputs fire in time order whatever the order given: "a" at 100 ms is on
// the wire first, "b" at 200 ms (cycle 3 200 000) after it.
func TestUARTInputOrder(t *testing.T) {
	b := newF769(t, Config{UARTInputs: []UARTInput{
		{Data: []byte("b"), At: 200_000_000_000},
		{Data: []byte("a"), At: 100_000_000_000},
	}})
	loadSleeper(t, b)
	const usart1 = 0x4001_1000
	wr(t, b, usart1+0x0C, 139)
	wr(t, b, usart1+0x00, 1|1<<2)
	u := b.USART("usart1")
	runTo(t, b, 1_600_000)
	if u.Pending() != 1 {
		t.Fatalf("at 100 ms: %d pending", u.Pending())
	}
	runTo(t, b, 3_199_999)
	if got := rd(t, b, usart1+0x24); got != 'a' || u.Pending() != 0 {
		t.Fatalf("before 200 ms: RDR = %#x, %d pending", got, u.Pending())
	}
	runTo(t, b, 3_200_000)
	if u.Pending() != 1 {
		t.Fatalf("at 200 ms: %d pending", u.Pending())
	}
}

// A system reset (AIRCR.SYSRESETREQ, Arm DDI0403E B3.2.6) keeps simulated time and the
// button held: B1 pressed at 1 s for 1 s stays pressed across a reset at 1.5 s and is
// released at 2 s (cycle 32 000 000), not replayed.
func TestPressAcrossSystemReset(t *testing.T) {
	b := newF769(t, Config{Presses: []Press{{Button: "B1", At: 1_000_000_000_000, Hold: 1_000_000_000_000}}})
	loadSleeper(t, b)
	runTo(t, b, 24_000_000)
	wr(t, b, gpioJ+gpioMODER, 1<<26)
	if err := b.systemReset(); err != nil { // what Run does for AIRCR.SYSRESETREQ
		t.Fatal(err)
	}
	if !b.GPIO(0).Input(0) {
		t.Fatal("B1 released by the system reset")
	}
	runTo(t, b, 31_999_999)
	if got := rd(t, b, gpioJ+gpioMODER); got != 0 {
		t.Fatalf("GPIOJ_MODER = %#x: the system reset did not happen", got)
	}
	if !b.GPIO(0).Input(0) {
		t.Fatal("B1 released by the system reset")
	}
	runTo(t, b, 32_000_000)
	if b.GPIO(0).Input(0) {
		t.Fatal("B1 not released at 2 s")
	}
	if r := b.Run(Limits{MaxCycles: 100_000_000}); r.Outcome != Deadlock {
		t.Fatalf("script replayed after a system reset: %s", r.Msg)
	}
}

package board

import (
	"strings"
	"testing"

	"m7emu/sched"
	"m7emu/trace"
)

// RCC clock gating (RM0410 §5.3.5–§5.3.14): a peripheral whose xxxENR bit is clear
// does not respond (reads 0, writes ignored, one warning); its xxxRSTR bit resets it;
// a timer's counter stands still while its clock is off.
func TestF769ClockGating(t *testing.T) {
	var warnings []string
	b, err := New(Config{Warn: func(m string) { warnings = append(warnings, m) }})
	if err != nil {
		t.Fatal(err)
	}
	loadSleeperNoClocks(t, b)
	const (
		usart1BRR   = 0x4001_100C
		rccAPB2RSTR = 0x4002_3824
		rccAPB1RSTR = 0x4002_3820
		tim2CR1     = 0x4000_0000
		tim2CNT     = 0x4000_0024
		tim2ARR     = 0x4000_002C
	)
	// §5.3.14: USART1EN = 0 after reset.
	wr(t, b, usart1BRR, 139)
	if v := rd(t, b, usart1BRR); v != 0 {
		t.Errorf("USART1_BRR with its clock off reads %#x, want 0", v)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "USART1 (0x40011000) accessed while its clock is off (RCC_APB2ENR.USART1EN = 0)") {
		t.Errorf("warnings %q", warnings)
	}
	wr(t, b, usart1BRR, 139) // warned once per peripheral
	if len(warnings) != 1 {
		t.Errorf("warned again: %q", warnings)
	}
	modify(t, b, rccAPB2ENR, 0, 1<<4)
	wr(t, b, usart1BRR, 139)
	if v := rd(t, b, usart1BRR); v != 139 {
		t.Errorf("USART1_BRR = %d with its clock on, want 139", v)
	}
	// §5.3.9: USART1RST resets the peripheral; writes are ignored while it is held.
	wr(t, b, rccAPB2RSTR, 1<<4)
	wr(t, b, usart1BRR, 77)
	wr(t, b, rccAPB2RSTR, 0)
	if v := rd(t, b, usart1BRR); v != 0 {
		t.Errorf("USART1_BRR = %d after USART1RST, want its reset value 0", v)
	}

	// TIM2 (APB1ENR bit 0): counting at 16 MHz, frozen with its clock off.
	modify(t, b, rccAPB1ENR, 0, 1)
	wr(t, b, tim2ARR, 0xFFFF_FFFF)
	wr(t, b, tim2CR1, 1) // CEN
	b.CPU.Cycles += 1000
	if v := rd(t, b, tim2CNT); v != 1000 {
		t.Fatalf("TIM2_CNT = %d after 1000 cycles at 16 MHz, want 1000", v)
	}
	modify(t, b, rccAPB1ENR, 1, 0)
	b.CPU.Cycles += 5000
	modify(t, b, rccAPB1ENR, 0, 1)
	if v := rd(t, b, tim2CNT); v != 1000 {
		t.Errorf("TIM2_CNT = %d after 5000 cycles with its clock off, want 1000 (frozen)", v)
	}
	b.CPU.Cycles += 10
	if v := rd(t, b, tim2CNT); v != 1010 {
		t.Errorf("TIM2_CNT = %d 10 cycles after the clock came back, want 1010", v)
	}
	wr(t, b, rccAPB1RSTR, 1)
	wr(t, b, rccAPB1RSTR, 0)
	if v := rd(t, b, tim2CR1); v != 0 {
		t.Errorf("TIM2_CR1 = %#x after TIM2RST, want 0", v)
	}

	// PWR (APB1ENR.PWREN, bit 28) off: ODEN is not written, ODRDY never comes.
	modify(t, b, rccAPB1ENR, 1<<28, 0)
	wr(t, b, pwrCR1, 1<<16)
	modify(t, b, rccAPB1ENR, 0, 1<<28)
	if v := rd(t, b, pwrCSR1); v&(1<<16) != 0 {
		t.Errorf("PWR_CSR1 = %#x: ODRDY set by a write made with PWREN = 0", v)
	}
}

// loadSleeperNoClocks is loadSleeper without enabling any peripheral clock.
func loadSleeperNoClocks(t *testing.T, b *Board) {
	t.Helper()
	prog := []byte{0x00, 0x00, 0x01, 0x20, 0x09, 0x00, 0x20, 0x00, 0x30, 0xBF, 0xFD, 0xE7}
	if err := b.Bus.Load(F769FlashAXIM, prog); err != nil {
		t.Fatal(err)
	}
	if err := b.Reset(); err != nil {
		t.Fatal(err)
	}
}

// The console USART1 warns once when its TX is not on the board's VCP pin PA9 AF7
// (UM2033; other valid pins: DS11532 Table 13), and still reaches the console.
func TestConsolePinWarning(t *testing.T) {
	const (
		gpioA, gpioB = 0x4002_0000, 0x4002_0400
		usart1       = 0x4001_1000
	)
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, b *Board)
		warn  string // "" = no warning
	}{
		{"PA9 AF7", func(t *testing.T, b *Board) {
			modify(t, b, gpioA+0x00, 3<<18, 2<<18) // MODER9 = AF
			modify(t, b, gpioA+0x24, 0xF<<4, 7<<4) // AFRH9 = AF7
		}, ""},
		{"PB6 AF7", func(t *testing.T, b *Board) {
			modify(t, b, gpioB+0x00, 3<<12, 2<<12)
			modify(t, b, gpioB+0x20, 0xF<<24, 7<<24)
		}, "USART1_TX is on PB6 (AF7), not on PA9 (AF7)"},
		{"PB14 AF4", func(t *testing.T, b *Board) {
			modify(t, b, gpioB+0x00, 3<<28, 2<<28)
			modify(t, b, gpioB+0x24, 0xF<<24, 4<<24)
		}, "USART1_TX is on PB14 (AF4), not on PA9 (AF7)"},
		{"no pin", func(t *testing.T, b *Board) {}, "USART1 transmits but no pin is set to USART1_TX"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var warnings []string
			out := &strings.Builder{}
			b := newF769(t, Config{Stdout: out, Warn: func(m string) { warnings = append(warnings, m) }})
			loadSleeper(t, b)
			tc.setup(t, b)
			wr(t, b, usart1+0x0C, 139)
			wr(t, b, usart1+0x00, 1|1<<3) // UE | TE
			wr(t, b, usart1+0x28, 'A')
			b.Run(Limits{MaxCycles: 20_000}) // ends in a deadlock once the byte is out: fine
			wr(t, b, usart1+0x28, 'B')
			b.Run(Limits{MaxCycles: 40_000})
			if out.String() != "AB" {
				t.Errorf("console %q, want AB", out.String())
			}
			switch {
			case tc.warn == "" && len(warnings) != 0:
				t.Errorf("warnings %q, want none", warnings)
			case tc.warn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tc.warn)):
				t.Errorf("warnings %q, want one containing %q", warnings, tc.warn)
			}
		})
	}
}

// AIRCR.SYSRESETREQ written while the core sleeps (by a debugger or, here, a scheduled
// host action) resets the system (RM0410 §5.1.2: a software reset; RCC_CSR.SFTRSTF),
// and the trace shows the sleep and the reset.
func TestSystemResetWhileAsleep(t *testing.T) {
	var buf strings.Builder
	tw := trace.NewWriter(&buf, nil)
	b := newF769(t, Config{Trace: tw})
	loadSleeper(t, b)
	ev := b.Sched.NewEvent("debugger writes AIRCR", func(sched.Cycle) {
		if err := b.Bus.Write(0xE000_ED0C, 4, 0x05FA_0004); err != nil { // VECTKEY | SYSRESETREQ
			t.Error(err)
		}
	})
	b.Sched.At(ev, 1000)
	b.Run(Limits{MaxCycles: 2000})
	tw.Close()
	if v := rd(t, b, 0x4002_3874); v&(1<<28) == 0 { // RCC_CSR.SFTRSTF
		t.Errorf("RCC_CSR = %#x: no software reset recorded", v)
	}
	want := "0 0.000000000 reset power-on\n"
	if got := buf.String(); !strings.Contains(got, want) || !strings.Contains(got, " sleep wfi\n") || !strings.Contains(got, "1000 0.000062500 reset software\n") {
		t.Errorf("trace:\n%s", got)
	}
}

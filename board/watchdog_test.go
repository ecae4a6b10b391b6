package board

import (
	"testing"

	"m7emu/periph/iwdg"
	"m7emu/periph/pwr"
	"m7emu/periph/rcc"
	"m7emu/periph/rtc"
	"m7emu/periph/wwdg"
)

const (
	rccCSR      = rcc.Base + 0x74 // RCC_CSR, RM0410 §5.3.21
	csrIWDGRSTF = 1 << 29
	csrWWDGRSTF = 1 << 30
	csrSFTRSTF  = 1 << 28
)

// startIWDG starts the IWDG with PR and RLR (RM0410 §23.3.2: 0x5555, PR, RLR, 0xCCCC)
// and returns the cycle of the start.
func startIWDG(t *testing.T, b *Board, pr, rlr uint32) uint64 {
	t.Helper()
	wr(t, b, iwdg.Base+0x0, 0x5555)
	wr(t, b, iwdg.Base+0x4, pr)
	wr(t, b, iwdg.Base+0x8, rlr)
	wr(t, b, iwdg.Base+0x0, 0xCCCC)
	return b.CPU.Cycles
}

// TestF769IWDGResets: started and never fed, the IWDG resets the board after
// (RL+1)·4·2^PR / 32 kHz (RM0410 §23.3 timeout table: 512 ms at /4, RL = 0xFFF), i.e.
// 8 192 000 cycles of the 16 MHz HSI reset clock; RCC_CSR records IWDGRSTF (§5.3.21)
// and the reset stops the watchdog.
func TestF769IWDGResets(t *testing.T) {
	b := newF769(t, Config{})
	loadSleeper(t, b)
	wr(t, b, rccCSR, 1<<24) // RMVF: clear the power-on flags
	start := startIWDG(t, b, 0, 0xFFF)
	want := start + 16_000_000*512/1000
	if r := b.Run(Limits{MaxCycles: want - 1}); r.Outcome != CycleLimit {
		t.Fatal(r.Msg)
	}
	if got := rd(t, b, rccCSR); got&csrIWDGRSTF != 0 || !b.IWDG.Running() {
		t.Fatalf("reset early: RCC_CSR %#x", got)
	}
	if r := b.Run(Limits{MaxCycles: want}); r.Outcome != CycleLimit {
		t.Fatal(r.Msg)
	}
	if got := rd(t, b, rccCSR); got&csrIWDGRSTF == 0 || got&csrSFTRSTF != 0 {
		t.Fatalf("RCC_CSR %#x after the timeout, want IWDGRSTF", got)
	}
	if b.IWDG.Running() {
		t.Fatal("IWDG still running after the system reset")
	}
}

// TestF769IWDGFed: refreshed every 400 ms (0xAAAA, §23.3.2), the board is never reset;
// with NoWatchdog an unfed IWDG does not reset it either.
func TestF769IWDGFed(t *testing.T) {
	b := newF769(t, Config{})
	loadSleeper(t, b)
	wr(t, b, rccCSR, 1<<24)
	start := startIWDG(t, b, 0, 0xFFF)
	for i := uint64(1); i <= 20; i++ {
		if r := b.Run(Limits{MaxCycles: start + i*6_400_000}); r.Outcome != CycleLimit {
			t.Fatal(r.Msg)
		}
		wr(t, b, iwdg.Base, 0xAAAA)
	}
	if got := rd(t, b, rccCSR); got&csrIWDGRSTF != 0 {
		t.Fatalf("fed IWDG reset the board: RCC_CSR %#x", got)
	}

	b = newF769(t, Config{NoWatchdog: true})
	loadSleeper(t, b)
	wr(t, b, rccCSR, 1<<24)
	start = startIWDG(t, b, 0, 0)
	// The expiry event is the only thing scheduled: once it has done nothing, the
	// sleeping core deadlocks.
	if r := b.Run(Limits{MaxCycles: start + 16_000_000}); r.Outcome != Deadlock || b.CPU.Cycles != start+2000 {
		t.Fatalf("%s at cycle %d", r.Msg, b.CPU.Cycles)
	}
	if got := rd(t, b, rccCSR); got&csrIWDGRSTF != 0 {
		t.Fatalf("NoWatchdog: RCC_CSR %#x", got)
	}
}

// TestF769WWDGWindow: a refresh above the window resets the board with WWDGRSTF
// (RM0410 §24.3.4); NoWatchdog drops the reset.
func TestF769WWDGWindow(t *testing.T) {
	for _, no := range []bool{false, true} {
		b := newF769(t, Config{NoWatchdog: no})
		loadSleeper(t, b)
		wr(t, b, rccCSR, 1<<24)
		wr(t, b, wwdg.Base+0x4, 0x50)      // CFR: W = 0x50
		wr(t, b, wwdg.Base+0x0, 0x80|0x7F) // CR: WDGA, T = 0x7F
		if r := b.Run(Limits{MaxCycles: b.CPU.Cycles + 4096*8}); r.Outcome != CycleLimit {
			t.Fatal(r.Msg)
		}
		wr(t, b, wwdg.Base+0x0, 0x80|0x7F) // refresh at T ≈ 0x77 > W
		got := rd(t, b, rccCSR)&csrWWDGRSTF != 0
		if got == no {
			t.Errorf("NoWatchdog %v: WWDGRSTF %v", no, got)
		}
	}
}

// TestF769RTC: with the backup domain unlocked (PWR_CR1.DBP, RM0410 §4.1.5) and the
// RTC on the 32.768 kHz LSE (RCC_BDCR LSEON, RTCSEL = 01, RTCEN, §5.3.20), the reset
// calendar (00:00:00, §29.6.1) reads 00:00:03 three simulated seconds later; the
// backup registers and the calendar survive an AIRCR.SYSRESETREQ system reset
// (Arm DDI0403E B3.2.6; RM0410 §29.3: the RTC is in the backup domain).
func TestF769RTC(t *testing.T) {
	b := newF769(t, Config{})
	loadSleeper(t, b)
	modify(t, b, pwr.Base+0x0, 0, 1<<8)          // PWR_CR1.DBP
	modify(t, b, rcc.Base+0x70, 0, 1|1<<8|1<<15) // RCC_BDCR: LSEON, RTCSEL = LSE, RTCEN
	wr(t, b, rtc.Base+0x50, 0xC0FFEE)            // RTC_BKP0R
	wr(t, b, rtc.Base+0x50+4*31, 0x31)           // RTC_BKP31R
	start := b.CPU.Cycles
	// The sleeping core has nothing to wake it (the RTC schedules no events): move
	// simulated time on directly, as the board's Now (the core's cycle counter) reads it.
	b.CPU.Cycles = start + 3*16_000_000 - 1
	if got := rd(t, b, rtc.Base); got != 0x02 {
		t.Fatalf("RTC_TR %#x just before 3 s, want 0x02", got)
	}
	wr(t, b, 0xE000_ED0C, 0x05FA_0004) // AIRCR: VECTKEY, SYSRESETREQ
	if r := b.Run(Limits{MaxCycles: start + 3*16_000_000}); r.Outcome != Deadlock {
		t.Fatal(r.Msg) // reset, reboot, then WFI with nothing scheduled
	}
	b.CPU.Cycles = start + 3*16_000_000
	if got := rd(t, b, rccCSR); got&csrSFTRSTF == 0 {
		t.Fatalf("no system reset: RCC_CSR %#x", got)
	}
	if got := rd(t, b, rtc.Base); got != 0x03 {
		t.Errorf("RTC_TR %#x at 3 s after the reset, want 0x03", got)
	}
	if a, z := rd(t, b, rtc.Base+0x50), rd(t, b, rtc.Base+0x50+4*31); a != 0xC0FFEE || z != 0x31 {
		t.Errorf("backup registers after SYSRESETREQ: %#x %#x", a, z)
	}
}

// RCC_BDCR.BDRST resets the backup domain: the RTC backup registers read 0 afterwards
// (RM0410 §5.3.21, §29.6.20), while a system reset keeps them.
func TestBackupDomainResetClearsBackupRegisters(t *testing.T) {
	b := newF769(t, Config{})
	const (
		pwrCR1  = 0x4000_7000
		rccBDCR = 0x4002_3870
		bkp0r   = 0x4000_2850
	)
	w := func(addr, v uint32) {
		t.Helper()
		if err := b.Bus.Write(addr, 4, v); err != nil {
			t.Fatal(err)
		}
	}
	w(pwrCR1, 1<<8) // DBP: backup domain writable
	w(bkp0r, 0xCAFEF00D)
	if v, _ := b.Bus.Read(bkp0r, 4); v != 0xCAFEF00D {
		t.Fatalf("BKP0R = %#x after write", v)
	}
	w(rccBDCR, 1<<16) // BDRST
	w(rccBDCR, 0)
	if v, _ := b.Bus.Read(bkp0r, 4); v != 0 {
		t.Fatalf("BKP0R = %#x after BDRST, want 0", v)
	}
}

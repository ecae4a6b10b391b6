package rtc

import (
	"testing"

	"m7emu/internal/svd"
	"m7emu/sched"
)

const (
	cpuHz = 16_000_000
	lseHz = 32_768 // RM0410 §5.2.4
)

func newRig() (*sched.Scheduler, *RTC) {
	s := sched.New()
	return s, New(Config{Sched: s, CPUHz: func() uint64 { return cpuHz }, Clock: func() uint64 { return lseHz }})
}

func rd(t *testing.T, d *RTC, off uint32) uint32 {
	t.Helper()
	v, err := d.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wr(t *testing.T, d *RTC, off, v uint32) {
	t.Helper()
	if err := d.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

// set unlocks (§29.3.8), enters initialization mode, loads TR and DR and leaves it
// (§29.3.9), as HAL_RTC_SetTime/SetDate do.
func set(t *testing.T, d *RTC, tr, dr uint32) {
	t.Helper()
	wr(t, d, regWPR, 0xCA)
	wr(t, d, regWPR, 0x53)
	wr(t, d, regISR, isrINIT)
	if rd(t, d, regISR)&isrINITF == 0 {
		t.Fatal("INITF not set")
	}
	wr(t, d, regTR, tr)
	wr(t, d, regDR, dr)
	wr(t, d, regISR, 0)
	wr(t, d, regWPR, 0xFF)
}

// TestSVDResetValues: offsets and reset values against the ST SVD (RM0410 §29.6.21).
func TestSVDResetValues(t *testing.T) {
	per := svd.ForTest(t).Peripheral("RTC")
	if per == nil {
		t.Fatal("SVD has no RTC")
	}
	if per.Base != Base {
		t.Errorf("base: SVD 0x%08x, ours 0x%08x", per.Base, uint32(Base))
	}
	_, d := newRig()
	for _, reg := range per.Registers {
		if reg.Offset >= regEnd {
			t.Errorf("RTC_%s at 0x%x beyond the model", reg.Name, reg.Offset)
			continue
		}
		want := reg.Reset
		switch reg.Offset {
		case regISR:
			want |= isrRSF // the model's shadow registers are always in sync
		case regSSR:
			want = 0xFF // the model reads the live sub-second counter: PREDIV_S at 0 ck_apre ticks
		}
		if got := rd(t, d, reg.Offset); got != want {
			t.Errorf("RTC_%s reset: got 0x%08x, want 0x%08x", reg.Name, got, want)
		}
	}
}

// TestWriteProtection: without the key sequence (§29.3.8) or outside initialization
// mode (§29.3.9) the calendar is not writable; backup registers always are.
func TestWriteProtection(t *testing.T) {
	_, d := newRig()
	wr(t, d, regISR, isrINIT)
	if rd(t, d, regISR)&isrINITF != 0 {
		t.Fatal("INIT set while locked")
	}
	wr(t, d, regWPR, 0xCA)
	wr(t, d, regWPR, 0x12) // wrong second key
	wr(t, d, regWPR, 0x53)
	wr(t, d, regISR, isrINIT)
	if rd(t, d, regISR)&isrINITF != 0 {
		t.Fatal("INIT set after a wrong key sequence")
	}
	wr(t, d, regWPR, 0xCA)
	wr(t, d, regWPR, 0x53)
	wr(t, d, regTR, 0x123456) // not in init mode
	if rd(t, d, regTR) != 0 {
		t.Fatal("TR written outside initialization mode")
	}
	wr(t, d, regBKP0R+4*31, 0xDEADBEEF)
	if d.Backup(31) != 0xDEADBEEF {
		t.Fatal("BKP31R not written")
	}
}

// TestTimeKeeping: with the reset prescalers (PREDIV_A 127, PREDIV_S 255) and a
// 32.768 kHz LSE the calendar ticks once a second (§29.3.1); TR/DR follow simulated
// time with carries into minutes, hours, days, months, years, leap days and weekdays.
func TestTimeKeeping(t *testing.T) {
	for _, tc := range []struct {
		name           string
		tr, dr         uint32 // set
		secs           uint64 // later
		wantTR, wantDR uint32
	}{
		{"reset calendar", 0, 0x2101, 3661, 0x010101, 0x2101},
		{"midnight", 0x235959, 0x24_0115 | 1<<13, 1, 0, 0x24_0116 | 2<<13}, // Mon 2024-01-15 → Tue
		{"leap day", 0x235959, 0x24_0228 | 3<<13, 1, 0, 0x24_0229 | 4<<13},
		{"not leap", 0x235959, 0x23_0228 | 2<<13, 1, 0, 0x23_0301 | 3<<13},
		{"new year", 0x235959, 0x99_1231 | 5<<13, 1, 0, 0x00_0101 | 6<<13},
		{"one week", 0x120000, 0x26_0101 | 4<<13, 7 * 86400, 0x120000, 0x26_0108 | 4<<13},
		{"leap year length", 0, 0x24_0101 | 1<<13, 366 * 86400, 0, 0x25_0101 | 3<<13},
	} {
		s, d := newRig()
		s.Advance(12345)
		set(t, d, tc.tr, tc.dr)
		start := s.Now()
		s.Advance(start + sched.Cycle(tc.secs)*cpuHz - 1)
		if tc.secs > 0 && rd(t, d, regTR) == tc.wantTR && rd(t, d, regDR) == tc.wantDR {
			t.Errorf("%s: reached early", tc.name)
		}
		s.Advance(start + sched.Cycle(tc.secs)*cpuHz)
		if tr, dr := rd(t, d, regTR), rd(t, d, regDR); tr != tc.wantTR || dr != tc.wantDR {
			t.Errorf("%s: TR %#x DR %#x, want %#x %#x", tc.name, tr, dr, tc.wantTR, tc.wantDR)
		}
	}
}

// TestSubSeconds: RTC_SSR counts PREDIV_S down on ck_apre = 32768/128 = 256 Hz
// (§29.6.10): a quarter second in, SSR = 255 − 64.
func TestSubSeconds(t *testing.T) {
	s, d := newRig()
	s.Advance(cpuHz / 4)
	if got := rd(t, d, regSSR); got != 255-64 {
		t.Errorf("SSR %d, want %d", got, 255-64)
	}
}

// TestBackupSurvivesReset: BKPxR and the calendar survive a system reset (Reset);
// BackupDomainReset clears them (RCC_BDCR.BDRST, §29.3).
func TestBackupSurvivesReset(t *testing.T) {
	s, d := newRig()
	for i := uint32(0); i < NumBackup; i++ {
		wr(t, d, regBKP0R+4*i, 0x1000+i)
	}
	s.Advance(10 * cpuHz)
	d.Reset()
	for i := 0; i < NumBackup; i++ {
		if d.Backup(i) != 0x1000+uint32(i) {
			t.Fatalf("BKP%dR = %#x after reset", i, d.Backup(i))
		}
	}
	if got := rd(t, d, regTR); got != 0x10 {
		t.Fatalf("TR %#x after reset, want 00:00:10", got)
	}
	d.BackupDomainReset()
	if d.Backup(0) != 0 || rd(t, d, regTR) != 0 {
		t.Fatal("BackupDomainReset kept state")
	}
}

// TestRebaseExact: re-deriving the calendar at arbitrary cycles (ClockChanged, system
// Reset) loses no RTCCLK fraction: SSR and TR match an RTC left alone.
func TestRebaseExact(t *testing.T) {
	s1, a := newRig()
	s2, b := newRig()
	for c := sched.Cycle(0); c < 3*cpuHz; c += 4099 {
		s1.Advance(c)
		s2.Advance(c)
		b.ClockChanged()
		if c%(4099*997) == 0 {
			b.Reset()
		}
	}
	for _, off := range []uint32{regTR, regSSR} {
		if x, y := rd(t, a, off), rd(t, b, off); x != y {
			t.Errorf("offset %#x: %#x undisturbed, %#x rebased", off, x, y)
		}
	}
}

package rtc

import (
	"math/bits"

	"m7emu/bus"
	"m7emu/sched"
)

// Config gives the RTC its dependencies.
type Config struct {
	// Sched supplies the current cycle when Now is nil. Nil: a private scheduler.
	Sched *sched.Scheduler
	// Now returns the current CPU cycle. Nil: Sched.Now.
	Now func() sched.Cycle
	// CPUHz returns the CPU cycle frequency; Clock the RTC clock (RCC RTCCLK, 0 when
	// not selected or not enabled). Both are read at New, Reset and ClockChanged. Nil or
	// 0: the calendar does not advance.
	CPUHz, Clock func() uint64
	// BackupWritable reports whether the backup domain accepts writes (PWR_CR1.DBP).
	// Nil: always.
	BackupWritable func() bool
}

// RTC is the real-time clock.
type RTC struct {
	cfg Config
	now func() sched.Cycle

	regs   [regEnd / 4]uint32 // storage: plain registers, TR/DR while stopped, BKPxR
	keyIdx int                // WPR key sequence progress: 2 = unlocked
	init   bool               // ISR.INIT

	hz, clk uint64
	// Running calendar: at cycle anchor the calendar read secs seconds and apre ck_apre
	// ticks into the second; wd is the weekday (1–7) at day 0 of secs.
	anchor sched.Cycle
	secs   uint64
	apre   uint64
	sub    uint64 // RTCCLK ticks into the ck_apre tick at anchor
	rem    uint64 // fraction of an RTCCLK tick done at anchor, in units of 1/hz
	wdBase uint32 // weekday of the day secs/86400 at anchor time, minus that day (mod 7)
}

// New returns the RTC in its backup-domain reset state.
func New(cfg Config) *RTC {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	d := &RTC{cfg: cfg, now: cfg.Now}
	if d.now == nil {
		d.now = cfg.Sched.Now
	}
	d.BackupDomainReset()
	return d
}

// BackupDomainReset (RCC_BDCR.BDRST, power-on) resets every RTC register, the backup
// registers included.
func (d *RTC) BackupDomainReset() {
	d.regs = [regEnd / 4]uint32{}
	d.regs[regISR/4] = resetISR
	d.regs[regPRER/4] = resetPRER
	d.regs[regWUTR/4] = resetWUTR
	d.keyIdx, d.init = 0, false
	d.readClocks()
	d.load(0, resetDR)
}

// Reset is a system reset: the RTC is in the backup domain and keeps running with its
// registers and backup registers; only the write protection is re-armed.
func (d *RTC) Reset() {
	d.keyIdx = 0
	d.ClockChanged()
}

func (d *RTC) readClocks() {
	old := d.hz
	d.hz, d.clk = 0, 0
	if d.cfg.CPUHz != nil {
		d.hz = d.cfg.CPUHz()
	}
	if d.cfg.Clock != nil {
		d.clk = d.cfg.Clock()
	}
	if old != 0 && d.hz != 0 && d.hz != old { // keep the tick fraction across a CPU clock change
		hi, lo := bits.Mul64(d.rem, d.hz)
		d.rem, _ = bits.Div64(hi%old, lo, old)
	} else if d.hz == 0 {
		d.rem = 0
	}
}

// ClockChanged re-reads the clocks; the calendar keeps its value and the fraction of
// the RTCCLK tick in progress.
func (d *RTC) ClockChanged() {
	d.rebase()
	d.readClocks()
}

// load starts the calendar from TR and DR at the current cycle.
func (d *RTC) load(tr, dr uint32) {
	d.anchor = d.now()
	d.secs = toSeconds(tr, dr)
	d.apre, d.sub, d.rem = 0, 0, 0
	wd := dr >> 13 & 7
	if wd == 0 {
		wd = 1 // WDU 000 is forbidden (§29.6.2)
	}
	day := uint32(d.secs / 86400 % 7)
	d.wdBase = (wd - 1 + 7 - day) % 7
}

func (d *RTC) prediv() (a, s uint64) {
	p := d.regs[regPRER/4]
	return uint64(p&prerA>>prerAShift) + 1, uint64(p&prerS) + 1
}

// at is the calendar at cycle t: seconds, ck_apre ticks into the second, RTCCLK
// ticks into the ck_apre tick and the fraction of the current RTCCLK tick (units of
// 1/hz).
func (d *RTC) at(t sched.Cycle) (secs, apre, sub, rem uint64) {
	if d.init || d.hz == 0 || d.clk == 0 || t <= d.anchor {
		return d.secs, d.apre, d.sub, d.rem
	}
	hi, lo := bits.Mul64(t-d.anchor, d.clk)
	var c uint64
	lo, c = bits.Add64(lo, d.rem, 0)
	hi += c
	if hi >= d.hz {
		return d.secs, d.apre, d.sub, d.rem // beyond 2^64 RTCCLK ticks: not reachable
	}
	ticks, r := bits.Div64(hi, lo, d.hz)
	a, s := d.prediv()
	n := d.sub + ticks
	m := d.apre + n/a
	return d.secs + m/s, m % s, n % a, r
}

// rebase makes the current calendar the anchor, exactly.
func (d *RTC) rebase() {
	now := d.now()
	d.secs, d.apre, d.sub, d.rem = d.at(now)
	d.anchor = now
}

// calendar returns TR, DR (with WDU) and SSR now.
func (d *RTC) calendar() (tr, dr, ssr uint32) {
	secs, apre, _, _ := d.at(d.now())
	tr, dr = fromSeconds(secs)
	wd := (uint32(secs/86400%7)+d.wdBase)%7 + 1
	_, s := d.prediv()
	return tr, dr | wd<<13, uint32(s - 1 - apre)
}

// Backup returns backup register n (0–31).
func (d *RTC) Backup(n int) uint32 {
	if n < 0 || n >= NumBackup {
		return 0
	}
	return d.regs[regBKP0R/4+n]
}

func (d *RTC) unlocked() bool { return d.keyIdx == 2 }

// Read implements bus.Device.
func (d *RTC) Read(off uint32, w bus.Width) (uint32, error) {
	r := off &^ 3
	if r >= regEnd {
		return 0, nil
	}
	var v uint32
	switch r {
	case regTR:
		v, _, _ = d.calendar()
	case regDR:
		_, v, _ = d.calendar()
	case regSSR:
		_, _, v = d.calendar()
	case regISR:
		v = d.regs[regISR/4] &^ (isrINITS | isrRSF | isrINITF | isrINIT)
		_, dr, _ := d.calendar()
		if dr>>16&0xFF != 0 {
			v |= isrINITS
		}
		if d.init {
			v |= isrINIT | isrINITF
		} else {
			v |= isrRSF
		}
	case regWPR:
		v = 0 // write-only
	default:
		v = d.regs[r/4]
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device.
func (d *RTC) Write(off uint32, w bus.Width, v uint32) error {
	r := off &^ 3
	if r >= regEnd || (d.cfg.BackupWritable != nil && !d.cfg.BackupWritable()) {
		return nil
	}
	cur, _ := d.Read(r, 4)
	v = bus.Merge(cur, off, w, v)
	switch {
	case r == regWPR:
		switch {
		case d.keyIdx == 0 && v&0xFF == wprKey1:
			d.keyIdx = 1
		case d.keyIdx == 1 && v&0xFF == wprKey2:
			d.keyIdx = 2
		default:
			d.keyIdx = 0
		}
	case r >= regBKP0R, r == regTAMPCR:
		d.regs[r/4] = v
	case r == regISR:
		// [13:8] flags: rc_w0, unprotected.
		isr := d.regs[regISR/4]
		isr &^= isrFlags &^ v
		d.regs[regISR/4] = isr
		if !d.unlocked() {
			return nil
		}
		switch in := v&isrINIT != 0; {
		case in && !d.init:
			d.rebase() // stop: TR/DR keep the current calendar until written
			tr, dr, _ := d.calendar()
			d.regs[regTR/4], d.regs[regDR/4] = tr, dr
			d.init = true
		case !in && d.init:
			d.init = false
			d.load(d.regs[regTR/4], d.regs[regDR/4])
		}
	case !d.unlocked():
		return nil
	case r == regTR, r == regDR, r == regPRER:
		if !d.init {
			return nil // only in initialization mode (§29.3.9)
		}
		switch r {
		case regTR:
			d.regs[regTR/4] = v & trMask
			d.load(d.regs[regTR/4], d.regs[regDR/4])
		case regDR:
			d.regs[regDR/4] = v & drMask
			d.load(d.regs[regTR/4], d.regs[regDR/4])
		case regPRER:
			d.regs[regPRER/4] = v & (prerA | prerS)
			d.apre, d.sub = 0, 0
		}
	case r == regSSR, r == regTSTR, r == regTSDR, r == regTSSSR:
		// read-only
	default:
		d.regs[r/4] = v
	}
	return nil
}

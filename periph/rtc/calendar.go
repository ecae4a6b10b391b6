package rtc

// The calendar in RTC_TR/RTC_DR BCD form ⇄ seconds since 00-01-01 00:00:00 (years
// 00–99; leap years are those divisible by 4, RM0410 §29.3.1 "leap year correction").

func bcd(v uint32) uint32   { return v/10<<4 | v%10 }
func unbcd(v uint32) uint32 { return v>>4*10 + v&0xF }

func leap(y uint32) bool { return y%4 == 0 }

func monthDays(y, m uint32) uint32 {
	switch m {
	case 2:
		if leap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// toSeconds converts TR and DR to seconds since year 00 (the weekday is separate).
// Out-of-range fields are clamped so that every register value gives a time.
func toSeconds(tr, dr uint32) uint64 {
	h := unbcd(tr >> 16 & 0x3F)
	mi := unbcd(tr >> 8 & 0x7F)
	s := unbcd(tr & 0x7F)
	y := unbcd(dr >> 16 & 0xFF)
	m := unbcd(dr >> 8 & 0x1F)
	d := unbcd(dr & 0x3F)
	y = min(y, 99)
	m = min(max(m, 1), 12)
	d = min(max(d, 1), monthDays(y, m))
	h, mi, s = min(h, 23), min(mi, 59), min(s, 59)
	days := uint64(0)
	for yy := uint32(0); yy < y; yy++ {
		days += 365
		if leap(yy) {
			days++
		}
	}
	for mm := uint32(1); mm < m; mm++ {
		days += uint64(monthDays(y, mm))
	}
	days += uint64(d - 1)
	return days*86400 + uint64(h)*3600 + uint64(mi)*60 + uint64(s)
}

// fromSeconds converts seconds since year 00 to TR and DR (without WDU); the year wraps
// after 99.
func fromSeconds(sec uint64) (tr, dr uint32) {
	days := sec / 86400
	sod := uint32(sec % 86400)
	const century = 36525 // days in years 00–99 (25 leap years)
	days %= century
	y := uint32(0)
	for {
		n := uint64(365)
		if leap(y) {
			n++
		}
		if days < n {
			break
		}
		days -= n
		y++
	}
	m := uint32(1)
	for days >= uint64(monthDays(y, m)) {
		days -= uint64(monthDays(y, m))
		m++
	}
	d := uint32(days) + 1
	tr = bcd(sod/3600)<<16 | bcd(sod/60%60)<<8 | bcd(sod%60)
	dr = bcd(y)<<16 | bcd(m)<<8 | bcd(d)
	return tr, dr
}

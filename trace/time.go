package trace

import (
	"fmt"
	"strconv"
)

// FormatTime renders a simulated time in picoseconds as the trace's TIME field:
// whole seconds in decimal, a '.', and exactly 9 decimals (nanoseconds). Sub-
// nanosecond picoseconds are truncated: FormatTime(500007812500) == "0.500007812".
func FormatTime(ps uint64) string {
	return string(appendTime(make([]byte, 0, 24), ps))
}

// appendTime appends FormatTime(ps) to dst without allocating (if dst has room).
func appendTime(dst []byte, ps uint64) []byte {
	ns := ps / 1000
	dst = strconv.AppendUint(dst, ns/1e9, 10)
	frac := ns % 1e9
	var buf [10]byte
	buf[0] = '.'
	for i := 9; i >= 1; i-- {
		buf[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(dst, buf[:]...)
}

// ParseTime parses a TIME field ("0.500007812": decimal seconds, '.', exactly 9
// decimal digits) into picoseconds (nanoseconds × 1000). It is the inverse of
// FormatTime on whole nanoseconds.
func ParseTime(s string) (uint64, error) {
	dot := len(s) - 10
	if dot < 1 || s[dot] != '.' {
		return 0, fmt.Errorf("bad time %s (want SECONDS.NNNNNNNNN, 9 decimals)", strconv.Quote(s))
	}
	sec, ok := parseDigits(s[:dot])
	frac, ok2 := parseDigits(s[dot+1:])
	if !ok || !ok2 {
		return 0, fmt.Errorf("bad time %s (want SECONDS.NNNNNNNNN, 9 decimals)", strconv.Quote(s))
	}
	// ps = (sec*1e9 + frac) * 1000 must fit in a uint64.
	const maxSec = (1<<64 - 1) / 1_000_000_000_000
	if sec > maxSec || (sec*1e9+frac) > (1<<64-1)/1000 {
		return 0, fmt.Errorf("time %s out of range", strconv.Quote(s))
	}
	return (sec*1e9 + frac) * 1000, nil
}

// parseDigits parses a non-empty string of ASCII decimal digits (no sign, no
// underscores) that fits in a uint64.
func parseDigits(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	return v, true
}

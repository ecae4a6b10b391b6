package main

import (
	"fmt"
	"strconv"
	"strings"

	"m7emu/board"
)

// Host controls of `m7emu run` (--press, --uart-input) and the simulated-time syntax
// they share with --timeout.

// simUnits are the units of simulated times (--timeout, --press, --uart-input), in
// picoseconds.
var simUnits = []struct {
	name string
	ps   uint64
}{
	{"ps", 1}, {"ns", 1_000}, {"us", 1_000_000}, {"µs", 1_000_000},
	{"ms", 1_000_000_000}, {"s", 1_000_000_000_000},
	{"m", 60_000_000_000_000}, {"h", 3_600_000_000_000_000},
}

// parseSimTime parses a simulated time into picoseconds, exactly (decimal arithmetic):
// one or more number+unit parts as Go durations are written (1.5s, 200ms, 100us, 1m30s),
// or 0, or a bare number of milliseconds (Wokwi's convention).
func parseSimTime(s string) (uint64, error) {
	isNum := func(r rune) bool { return r == '.' || (r >= '0' && r <= '9') }
	if s != "" && strings.TrimLeftFunc(s, isNum) == "" {
		return parseSimPart(s, s, 1_000_000_000) // bare number: ms
	}
	var total uint64
	for rest := s; ; {
		num := rest[:len(rest)-len(strings.TrimLeftFunc(rest, isNum))]
		rest = rest[len(num):]
		u := rest[:len(rest)-len(strings.TrimLeftFunc(rest, func(r rune) bool { return !isNum(r) }))]
		rest = rest[len(u):]
		unit := uint64(0)
		for _, x := range simUnits {
			if x.name == u {
				unit = x.ps
			}
		}
		if unit == 0 {
			return 0, fmt.Errorf("bad time %q: unknown unit %q (use h, m, s, ms, us, ns or ps)", s, u)
		}
		ps, err := parseSimPart(s, num, unit)
		if err != nil {
			return 0, err
		}
		if total > ^uint64(0)-ps {
			return 0, fmt.Errorf("time %q is out of range", s)
		}
		total += ps
		if rest == "" {
			return total, nil
		}
	}
}

// parseSimPart converts the decimal number num of the given unit to picoseconds (s is
// the whole input, for messages).
func parseSimPart(s, num string, unit uint64) (uint64, error) {
	whole, frac, _ := strings.Cut(num, ".")
	if whole == "" && frac == "" || strings.Contains(frac, ".") {
		return 0, fmt.Errorf("bad time %q: use e.g. 1.5s, 200ms, 100us", s)
	}
	w := uint64(0)
	if whole != "" {
		v, err := strconv.ParseUint(whole, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("bad time %q: use e.g. 1.5s, 200ms, 100us", s)
		}
		w = v
	}
	if w > ^uint64(0)/unit {
		return 0, fmt.Errorf("time %q is out of range", s)
	}
	ps := w * unit
	scale := unit
	for _, c := range frac {
		if scale /= 10; scale == 0 {
			if c != '0' {
				return 0, fmt.Errorf("time %q is finer than a picosecond", s)
			}
			continue
		}
		d := uint64(c-'0') * scale
		if ps > ^uint64(0)-d {
			return 0, fmt.Errorf("time %q is out of range", s)
		}
		ps += d
	}
	return ps, nil
}

// parsePress parses --press BUTTON@TIME[:HOLD] (hold default 50 ms; the button name
// is checked by the board).
func parsePress(s string) (board.Press, error) {
	name, when, ok := strings.Cut(s, "@")
	if !ok || name == "" {
		return board.Press{}, fmt.Errorf("invalid --press %q: use BUTTON@TIME or BUTTON@TIME:HOLD, e.g. B1@1.5s:200ms", s)
	}
	at, hold, hasHold := strings.Cut(when, ":")
	p := board.Press{Button: name}
	var err error
	if p.At, err = parseSimTime(at); err != nil {
		return board.Press{}, fmt.Errorf("invalid --press %q: %v", s, err)
	}
	if hasHold {
		if p.Hold, err = parseSimTime(hold); err != nil {
			return board.Press{}, fmt.Errorf("invalid --press %q: hold: %v", s, err)
		}
		if p.Hold == 0 {
			return board.Press{}, fmt.Errorf("invalid --press %q: the hold must be longer than 0", s)
		}
	}
	if p.Hold > ^uint64(0)-p.At || p.Hold == 0 && board.DefaultHold > ^uint64(0)-p.At {
		return board.Press{}, fmt.Errorf("invalid --press %q: time out of range", s)
	}
	return p, nil
}

// parseUARTInput parses --uart-input TEXT@TIME; TEXT may use \r \n \t \\ and \xNN.
// The last '@' separates the time, so TEXT may contain '@'.
func parseUARTInput(s string) (board.UARTInput, error) {
	i := strings.LastIndexByte(s, '@')
	if i < 0 {
		return board.UARTInput{}, fmt.Errorf("invalid --uart-input %q: use TEXT@TIME, e.g. 'help\\r'@100ms", s)
	}
	data, err := unescape(s[:i])
	if err != nil {
		return board.UARTInput{}, fmt.Errorf("invalid --uart-input %q: %v", s, err)
	}
	if len(data) == 0 {
		return board.UARTInput{}, fmt.Errorf("invalid --uart-input %q: no text", s)
	}
	at, err := parseSimTime(s[i+1:])
	if err != nil {
		return board.UARTInput{}, fmt.Errorf("invalid --uart-input %q: %v", s, err)
	}
	return board.UARTInput{Data: data, At: at}, nil
}

// unescape decodes \r \n \t \\ and \xNN (two hex digits).
func unescape(s string) ([]byte, error) {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 >= len(s) {
			return nil, fmt.Errorf("trailing backslash (write \\\\ for one)")
		}
		i++
		switch s[i] {
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case '\\':
			out = append(out, '\\')
		case 'x':
			if i+2 >= len(s) {
				return nil, fmt.Errorf(`\x needs two hex digits`)
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil || strings.ContainsAny(s[i+1:i+3], "+-_") {
				return nil, fmt.Errorf(`\x needs two hex digits, got %q`, s[i+1:i+3])
			}
			out = append(out, byte(v))
			i += 2
		default:
			return nil, fmt.Errorf(`unknown escape \%c (use \r \n \t \\ \xNN)`, s[i])
		}
	}
	return out, nil
}

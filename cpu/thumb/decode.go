package thumb

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// ErrUndefined is returned for encodings that are UNDEFINED in ARMv7E-M (or not yet
// decoded, such as the floating-point space before the FPU work).
var ErrUndefined = errors.New("undefined instruction")

// decodeFn turns a matching encoding into an Inst. raw is hw1 for 16-bit encodings and
// hw1<<16|hw2 for 32-bit ones. Returning false declines the encoding so that the next
// matching row is tried.
type decodeFn func(raw uint32) (Inst, bool)

// rule is one row of an encoding table.
type rule struct {
	name string // encoding ID as in the manual, e.g. "ADD_imm_T3"
	pat  string // 16 or 32 pattern characters: '0', '1' or '.', separators ' ' and '_' ignored
	dec  decodeFn

	mask, val uint32 // compiled from pat
	fixed     int    // number of fixed bits, for priority
}

func compile(rs []rule, width int) []rule {
	out := make([]rule, 0, len(rs))
	for _, r := range rs {
		p := strings.Map(func(c rune) rune {
			if c == ' ' || c == '_' {
				return -1
			}
			return c
		}, r.pat)
		if len(p) != width {
			panic(fmt.Sprintf("thumb: rule %s: pattern has %d bits, want %d", r.name, len(p), width))
		}
		for i := 0; i < width; i++ {
			bit := uint32(1) << (width - 1 - i)
			switch p[i] {
			case '0':
				r.mask |= bit
			case '1':
				r.mask |= bit
				r.val |= bit
			case '.':
			default:
				panic(fmt.Sprintf("thumb: rule %s: bad pattern character %q", r.name, p[i]))
			}
		}
		r.fixed = bits.OnesCount32(r.mask)
		out = append(out, r)
	}
	// More specific rows first; ties keep table order (stable), so row order in the
	// group tables is the documented tie-break.
	slices.SortStableFunc(out, func(a, b rule) int { return b.fixed - a.fixed })
	return out
}

// The group tables are concatenated here; each group file owns its slice.
var (
	rules16 = compile(slices.Concat(dpRules16, lsRules16, mulRules16, brRules16), 16)
	rules32 = compile(slices.Concat(dpRules32, lsRules32, mulRules32, brRules32, fpRules32), 32)

	// table16 maps each 16-bit encoding to its candidate rows (indices into rules16).
	table16 = build16()
	// buckets32 holds, for each value of hw1[12:4], the candidate rows for 32-bit encodings.
	buckets32 = build32()
)

func build16() [][]uint16 {
	// Candidates depend only on the top 8 bits for most rows, but to be exact and
	// simple we index by the full halfword lazily grouped by hw[15:6] (1024 buckets).
	t := make([][]uint16, 1024)
	for b := range 1024 {
		hi := uint32(b) << 6
		for i, r := range rules16 {
			if (hi^r.val)&r.mask&0xFFC0 == 0 {
				t[b] = append(t[b], uint16(i))
			}
		}
	}
	return t
}

func build32() [][]uint16 {
	t := make([][]uint16, 512)
	for b := range 512 {
		hi := uint32(b) << 20
		const m = 0x1FF << 20
		for i, r := range rules32 {
			if (hi^r.val)&r.mask&m == 0 {
				t[b] = append(t[b], uint16(i))
			}
		}
	}
	return t
}

// Decode decodes the instruction whose first halfword is hw1; hw2 is the following
// halfword (ignored for 16-bit encodings). It never panics. For an undefined encoding it
// returns an Inst with Op OpUNDEFINED, the right Size and Raw, and ErrUndefined.
func Decode(hw1, hw2 uint16) (Inst, error) {
	if Is32(hw1) {
		raw := uint32(hw1)<<16 | uint32(hw2)
		for _, i := range buckets32[(raw>>20)&0x1FF] {
			r := &rules32[i]
			if raw&r.mask == r.val {
				if in, ok := r.dec(raw); ok {
					in.Size = 4
					in.Raw = raw
					return in, nil
				}
			}
		}
		return Inst{Op: OpUNDEFINED, Size: 4, Raw: raw}, ErrUndefined
	}
	raw := uint32(hw1)
	for _, i := range table16[raw>>6] {
		r := &rules16[i]
		if raw&r.mask == r.val {
			if in, ok := r.dec(raw); ok {
				in.Size = 2
				in.Raw = raw
				return in, nil
			}
		}
	}
	return Inst{Op: OpUNDEFINED, Size: 2, Raw: raw}, ErrUndefined
}

// RuleName returns the name of the table row that decodes the encoding, or "" if none
// does. It is meant for tests and diagnostics.
func RuleName(hw1, hw2 uint16) string {
	if Is32(hw1) {
		raw := uint32(hw1)<<16 | uint32(hw2)
		for _, i := range buckets32[(raw>>20)&0x1FF] {
			r := &rules32[i]
			if raw&r.mask == r.val {
				if _, ok := r.dec(raw); ok {
					return r.name
				}
			}
		}
		return ""
	}
	raw := uint32(hw1)
	for _, i := range table16[raw>>6] {
		r := &rules16[i]
		if raw&r.mask == r.val {
			if _, ok := r.dec(raw); ok {
				return r.name
			}
		}
	}
	return ""
}

// Field extraction helpers shared by the group tables.

// bitsOf returns raw[hi:lo].
func bitsOf(raw uint32, hi, lo uint) uint32 { return (raw >> lo) & (1<<(hi-lo+1) - 1) }

// bit returns raw[n].
func bit(raw uint32, n uint) uint32 { return (raw >> n) & 1 }

// reg returns the 4-bit register field raw[lo+3:lo].
func reg(raw uint32, lo uint) uint8 { return uint8((raw >> lo) & 15) }

// reg3 returns the 3-bit register field raw[lo+2:lo].
func reg3(raw uint32, lo uint) uint8 { return uint8((raw >> lo) & 7) }

// signExtend sign-extends the low n bits of v.
func signExtend(v uint32, n uint) uint32 { return uint32(int32(v<<(32-n)) >> (32 - n)) }

// ThumbExpandImmC is the pseudocode ThumbExpandImm_C (A5.3.2) for the 12-bit field
// i:imm3:imm8. It returns the immediate, whether a rotation produced it (so the carry
// out is bit 31 of the result), and false if the encoding is UNPREDICTABLE
// (a replicated pattern with a zero byte).
func ThumbExpandImmC(imm12 uint32) (v uint32, rotated bool, ok bool) {
	if imm12>>10 == 0 {
		b := imm12 & 0xFF
		switch (imm12 >> 8) & 3 {
		case 0:
			return b, false, true
		case 1:
			return b<<16 | b, false, b != 0
		case 2:
			return b<<24 | b<<8, false, b != 0
		default:
			return b<<24 | b<<16 | b<<8 | b, false, b != 0
		}
	}
	unrot := 0x80 | imm12&0x7F
	return bits.RotateLeft32(unrot, -int(imm12>>7)), true, true
}

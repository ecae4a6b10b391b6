package vfp

import "math"

// Fast paths. Each fastX function handles only the case where Go's native
// IEEE arithmetic provably gives the Arm result:
//
//   - the rounding mode is round-to-nearest-even (Go's only mode);
//   - every operand is a normal number or a zero (no NaN, infinity, or
//     subnormal, so FPUnpack raises nothing and FZ/DN cannot matter);
//   - the result is a normal number of safe magnitude, or an exact zero
//     (so neither overflow nor underflow, nor output flushing, can occur).
//
// IXC, the only flag left, comes from an exactness test: the rounding error of
// a product or quotient is computed exactly with math.FMA, that of a sum with
// TwoSum. Single precision is computed in double precision: the product of two
// singles is exact in double, and for +, −, ×, ÷ and √ rounding first to double
// and then to single gives the correctly rounded single result (double has at
// least 2×24+2 bits, Figueroa 1995). In any other case ok is false and the
// caller uses the exact software path; tests compare the two on random inputs.

const (
	minNormal32 = 0x1p-126
	minNormal64 = 0x1p-1022
	// Below these magnitudes an FMA residual or a TwoSum error term could
	// itself underflow, so the exactness test would not be exact.
	safeLow64  = 0x1p-960
	safeHigh64 = 0x1p1000
	safeFMA64  = 0x1p-900
)

func plain32(a uint32) bool {
	e := a >> 23 & 0xff
	return e != 0xff && (e != 0 || a&0x7fffff == 0)
}

func plain64(a uint64) bool {
	e := a >> 52 & 0x7ff
	return e != 0x7ff && (e != 0 || a&(1<<52-1) == 0)
}

func fl64(a uint32) float64 { return float64(math.Float32frombits(a)) }

// twoSum returns s = RN(a+b) and the exact error a+b-s (Knuth).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

func ixc(inexact bool) Flags {
	if inexact {
		return FlagIXC
	}
	return 0
}

// finish32 rounds the double d, which is either the exact result or the result
// correctly rounded to double, to single precision. It refuses results that
// could be subnormal, overflow or be affected by double rounding.
func finish32(d float64, exactInDouble bool) (uint32, Flags, bool) {
	if d == 0 {
		if !exactInDouble {
			return 0, 0, false
		}
		return math.Float32bits(float32(d)), 0, true
	}
	if math.Abs(d) <= minNormal32 {
		return 0, 0, false
	}
	r := float32(d)
	if math.IsInf(float64(r), 0) {
		return 0, 0, false
	}
	return math.Float32bits(r), ixc(!exactInDouble || float64(r) != d), true
}

func add32Fast(a, b uint32, fpscr FPSCR, sub bool) (uint32, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain32(a) || !plain32(b) {
		return 0, 0, false
	}
	x, y := fl64(a), fl64(b)
	if sub {
		y = -y
	}
	s, e := twoSum(x, y)
	if e != 0 {
		// s is correctly rounded to double but not exact: refuse exact single
		// midpoints, where rounding twice could differ from rounding once.
		if isMidpoint32(s) {
			return 0, 0, false
		}
		return finish32(s, false)
	}
	return finish32(s, true)
}

// isMidpoint32 reports whether the double d lies exactly halfway between two
// adjacent single-precision numbers of normal range.
func isMidpoint32(d float64) bool {
	return math.Float64bits(d)&(1<<29-1) == 1<<28
}

func mul32Fast(a, b uint32, fpscr FPSCR) (uint32, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain32(a) || !plain32(b) {
		return 0, 0, false
	}
	return finish32(fl64(a)*fl64(b), true) // exact in double
}

func div32Fast(a, b uint32, fpscr FPSCR) (uint32, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain32(a) || !plain32(b) || b&0x7fffffff == 0 {
		return 0, 0, false
	}
	x, y := fl64(a), fl64(b)
	q := x / y
	r, fl, ok := finish32(q, true)
	if !ok || q == 0 {
		return r, fl, ok
	}
	// r × y is exact in double: the quotient is exact iff it gives x back.
	return r, ixc(float64(math.Float32frombits(r))*y != x), true
}

func sqrt32Fast(a uint32, fpscr FPSCR) (uint32, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain32(a) || a > 0x80000000 {
		return 0, 0, false
	}
	x := fl64(a)
	r := float32(math.Sqrt(x)) // sqrt(±0) = ±0
	rd := float64(r)
	return math.Float32bits(r), ixc(rd*rd != x), true
}

func mulAdd32Fast(c, a, b uint32, fpscr FPSCR) (uint32, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain32(a) || !plain32(b) || !plain32(c) {
		return 0, 0, false
	}
	p := fl64(a) * fl64(b) // exact
	s, e := twoSum(fl64(c), p)
	if e != 0 {
		if isMidpoint32(s) {
			return 0, 0, false
		}
		return finish32(s, false)
	}
	return finish32(s, true)
}

// finish64 checks a double result r of an operation whose exactness is known.
func finish64(r float64, inexact bool) (uint64, Flags, bool) {
	if r == 0 || math.IsInf(r, 0) || math.Abs(r) <= safeLow64 {
		return 0, 0, false
	}
	return math.Float64bits(r), ixc(inexact), true
}

func add64Fast(a, b uint64, fpscr FPSCR, sub bool) (uint64, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain64(a) || !plain64(b) {
		return 0, 0, false
	}
	x, y := math.Float64frombits(a), math.Float64frombits(b)
	if sub {
		y = -y
	}
	if math.Abs(x) >= safeHigh64 || math.Abs(y) >= safeHigh64 {
		return 0, 0, false
	}
	s, e := twoSum(x, y)
	if s == 0 {
		// x + (-x) (exact) or a sum of zeros: IEEE zero-sign rules for
		// round-to-nearest are the Arm ones.
		return math.Float64bits(s), 0, true
	}
	if math.Abs(s) <= minNormal64 {
		return 0, 0, false
	}
	return math.Float64bits(s), ixc(e != 0), true
}

func mul64Fast(a, b uint64, fpscr FPSCR) (uint64, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain64(a) || !plain64(b) {
		return 0, 0, false
	}
	x, y := math.Float64frombits(a), math.Float64frombits(b)
	if x == 0 || y == 0 {
		return math.Float64bits(x * y), 0, true
	}
	r := x * y
	return finish64(r, math.FMA(x, y, -r) != 0)
}

func div64Fast(a, b uint64, fpscr FPSCR) (uint64, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain64(a) || !plain64(b) {
		return 0, 0, false
	}
	x, y := math.Float64frombits(a), math.Float64frombits(b)
	if y == 0 {
		return 0, 0, false
	}
	if x == 0 {
		return math.Float64bits(x / y), 0, true
	}
	if math.Abs(x) <= safeLow64 {
		return 0, 0, false
	}
	q := x / y
	return finish64(q, math.FMA(q, y, -x) != 0)
}

func sqrt64Fast(a uint64, fpscr FPSCR) (uint64, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain64(a) || a > 1<<63 {
		return 0, 0, false
	}
	x := math.Float64frombits(a)
	if x == 0 {
		return a, 0, true
	}
	if x < 0x1p-900 {
		return 0, 0, false
	}
	r := math.Sqrt(x)
	return math.Float64bits(r), ixc(math.FMA(r, r, -x) != 0), true
}

func mulAdd64Fast(c, a, b uint64, fpscr FPSCR) (uint64, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain64(a) || !plain64(b) || !plain64(c) {
		return 0, 0, false
	}
	x, y, z := math.Float64frombits(a), math.Float64frombits(b), math.Float64frombits(c)
	if x == 0 || y == 0 || z == 0 || math.Abs(z) >= safeHigh64 {
		return 0, 0, false
	}
	ph := x * y
	if ap := math.Abs(ph); ap <= safeFMA64 || ap >= safeHigh64 {
		return 0, 0, false
	}
	r1 := math.FMA(x, y, z)
	if math.Abs(r1) <= safeFMA64 || math.IsInf(r1, 0) {
		return 0, 0, false
	}
	// ErrFma (Boldo and Muller, "Exact and approximated error of the FMA",
	// IEEE Trans. Computers 60(2), 2011): without underflow or overflow,
	// x×y + z − r1 = γ + α2 exactly, where every step below is exact.
	pl := math.FMA(x, y, -ph) // x×y = ph + pl
	a1, a2 := twoSum(z, pl)
	b1, b2 := twoSum(ph, a1)
	gamma := (b1 - r1) + b2
	return math.Float64bits(r1), ixc(gamma+a2 != 0), true
}

func roundInt64Fast(a uint64, mode RoundingMode) (uint64, bool, bool) {
	if !plain64(a) {
		return 0, false, false
	}
	x := math.Float64frombits(a)
	var r float64
	switch mode {
	case RoundNearest:
		r = math.RoundToEven(x)
	case RoundPlusInf:
		r = math.Ceil(x)
	case RoundMinusInf:
		r = math.Floor(x)
	case RoundZero:
		r = math.Trunc(x)
	case RoundNearestAway:
		r = math.Round(x)
	default:
		return 0, false, false
	}
	// These functions keep the sign of the operand on zero results, as
	// FPRoundInt does.
	return math.Float64bits(r), r != x, true
}

func f64ToF32Fast(a uint64, fpscr FPSCR) (uint32, Flags, bool) {
	if fpscr.RMode() != RoundNearest || !plain64(a) {
		return 0, 0, false
	}
	x := math.Float64frombits(a)
	if x == 0 {
		return uint32(a >> 32), 0, true
	}
	if math.Abs(x) <= minNormal32 {
		return 0, 0, false
	}
	r := float32(x)
	if math.IsInf(float64(r), 0) {
		return 0, 0, false
	}
	return math.Float32bits(r), ixc(float64(r) != x), true
}

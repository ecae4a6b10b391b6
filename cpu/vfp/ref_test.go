package vfp

import (
	"math/big"
)

// A reference model for the tests: the Arm DDI0403E A2.5 pseudocode
// transliterated as literally as possible, with the pseudocode's unbounded
// "real" values held as exact big.Rat values. It shares nothing with soft.go
// except the FPSCR and Flags types, so agreement between the two is evidence
// that the 128-bit significand and sticky-bit shortcuts of soft.go are exact.

type refFmt struct{ N, E, F, minExp int }

func refFormat(N int) refFmt {
	switch N {
	case 16:
		return refFmt{16, 5, 10, -14}
	case 32:
		return refFmt{32, 8, 23, -126}
	}
	return refFmt{64, 11, 52, -1022}
}

func pow2(n int) *big.Rat {
	r := new(big.Rat)
	if n >= 0 {
		return r.SetInt(new(big.Int).Lsh(big.NewInt(1), uint(n)))
	}
	return r.SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), uint(-n)))
}

func ratInt(v int64) *big.Rat { return new(big.Rat).SetInt64(v) }

func ratMul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }
func ratAdd(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func ratSub(a, b *big.Rat) *big.Rat { return new(big.Rat).Sub(a, b) }

// refInf is the value the pseudocode gives infinities: 2^1000000. A smaller
// power is enough for every comparison and conversion here.
var refInf = pow2(100000)

type refType int

const (
	rZero refType = iota
	rNonzero
	rInf
	rQNaN
	rSNaN
)

type refState struct {
	fpscr FPSCR
	fl    Flags
}

func (s *refState) exc(f Flags) { s.fl |= f }

func field(x uint64, hi, lo int) uint64 { return x >> uint(lo) & (1<<uint(hi-lo+1) - 1) }

// FPUnpack.
func (s *refState) unpack(x uint64, N int) (refType, bool, *big.Rat) {
	f := refFormat(N)
	sign := field(x, N-1, N-1) == 1
	exp := field(x, N-2, f.F)
	frac := field(x, f.F-1, 0)
	var typ refType
	var value *big.Rat
	onesExp := uint64(1)<<uint(f.E) - 1
	switch {
	case exp == 0:
		if frac == 0 || (N != 16 && s.fpscr&(1<<24) != 0) {
			typ, value = rZero, new(big.Rat)
			if frac != 0 {
				s.exc(FlagIDC)
			}
		} else {
			typ = rNonzero
			value = ratMul(pow2(f.minExp), ratMul(new(big.Rat).SetInt(new(big.Int).SetUint64(frac)), pow2(-f.F)))
		}
	case exp == onesExp && !(N == 16 && s.fpscr&(1<<26) != 0):
		if frac == 0 {
			typ, value = rInf, refInf
		} else {
			if field(frac, f.F-1, f.F-1) == 1 {
				typ = rQNaN
			} else {
				typ = rSNaN
			}
			value = new(big.Rat)
		}
	default:
		typ = rNonzero
		m := ratAdd(ratInt(1), ratMul(new(big.Rat).SetInt(new(big.Int).SetUint64(frac)), pow2(-f.F)))
		value = ratMul(pow2(int(exp)-(1<<uint(f.E-1)-1)), m)
	}
	if sign {
		value = new(big.Rat).Neg(value)
	}
	return typ, sign, value
}

func refZero(sign bool, N int) uint64 {
	if sign {
		return 1 << uint(N-1)
	}
	return 0
}

func refInfinity(sign bool, N int) uint64 {
	f := refFormat(N)
	return refZero(sign, N) | (1<<uint(f.E)-1)<<uint(f.F)
}

func refMaxNormal(sign bool, N int) uint64 {
	f := refFormat(N)
	return refZero(sign, N) | (1<<uint(f.E)-2)<<uint(f.F) | (1<<uint(f.F) - 1)
}

func refDefaultNaN(N int) uint64 {
	f := refFormat(N)
	return (1<<uint(f.E)-1)<<uint(f.F) | 1<<uint(f.F-1)
}

// FPProcessNaN.
func (s *refState) processNaN(t refType, op uint64, N int) uint64 {
	f := refFormat(N)
	result := op
	if t == rSNaN {
		result |= 1 << uint(f.F-1)
		s.exc(FlagIOC)
	}
	if s.fpscr&(1<<25) != 0 {
		result = refDefaultNaN(N)
	}
	return result
}

// FPProcessNaNs3 (FPProcessNaNs is the two-operand case).
func (s *refState) processNaNs(ts []refType, ops []uint64, N int) (bool, uint64) {
	for i := range ts {
		if ts[i] == rSNaN {
			return true, s.processNaN(ts[i], ops[i], N)
		}
	}
	for i := range ts {
		if ts[i] == rQNaN {
			return true, s.processNaN(ts[i], ops[i], N)
		}
	}
	return false, 0
}

func floorRat(x *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(x.Num(), x.Denom(), new(big.Int)) // Euclidean: floor for positive denominators
	_ = m
	return q
}

var half = big.NewRat(1, 2)

// FPRound, with the rounding mode taken from fpscr<23:22>.
func (s *refState) round(value *big.Rat, N int) uint64 {
	f := refFormat(N)
	fpscr := s.fpscr
	sign := value.Sign() < 0
	mantissa := new(big.Rat).Abs(value)
	// exponent such that 1.0 <= mantissa < 2.0
	exponent := mantissa.Num().BitLen() - mantissa.Denom().BitLen()
	mantissa = ratMul(mantissa, pow2(-exponent))
	for mantissa.Cmp(ratInt(1)) < 0 {
		mantissa = ratMul(mantissa, ratInt(2))
		exponent--
	}
	for mantissa.Cmp(ratInt(2)) >= 0 {
		mantissa = ratMul(mantissa, big.NewRat(1, 2))
		exponent++
	}
	if fpscr&(1<<24) != 0 && N != 16 && exponent < f.minExp {
		s.exc(FlagUFC)
		return refZero(sign, N)
	}
	biasedExp := exponent - f.minExp + 1
	if biasedExp < 0 {
		biasedExp = 0
	}
	if biasedExp == 0 {
		mantissa = ratMul(mantissa, pow2(-(f.minExp - exponent)))
	}
	scaled := ratMul(mantissa, pow2(f.F))
	intMant := floorRat(scaled)
	errv := ratSub(scaled, new(big.Rat).SetInt(intMant))
	if biasedExp == 0 && errv.Sign() != 0 {
		s.exc(FlagUFC)
	}
	var roundUp, overflowToInf bool
	switch fpscr >> 22 & 3 {
	case 0:
		roundUp = errv.Cmp(half) > 0 || (errv.Cmp(half) == 0 && intMant.Bit(0) == 1)
		overflowToInf = true
	case 1:
		roundUp = errv.Sign() != 0 && !sign
		overflowToInf = !sign
	case 2:
		roundUp = errv.Sign() != 0 && sign
		overflowToInf = sign
	case 3:
		roundUp, overflowToInf = false, false
	}
	if roundUp {
		intMant.Add(intMant, big.NewInt(1))
		if intMant.Cmp(new(big.Int).Lsh(big.NewInt(1), uint(f.F))) == 0 {
			biasedExp = 1
		}
		if intMant.Cmp(new(big.Int).Lsh(big.NewInt(1), uint(f.F+1))) == 0 {
			biasedExp++
			intMant.Rsh(intMant, 1)
		}
	}
	var result uint64
	fracBits := intMant.Uint64() & (1<<uint(f.F) - 1)
	if N != 16 || fpscr&(1<<26) == 0 {
		if biasedExp >= 1<<uint(f.E)-1 {
			if overflowToInf {
				result = refInfinity(sign, N)
			} else {
				result = refMaxNormal(sign, N)
			}
			s.exc(FlagOFC)
			errv = ratInt(1)
		} else {
			result = refZero(sign, N) | uint64(biasedExp)<<uint(f.F) | fracBits
		}
	} else {
		if biasedExp >= 1<<uint(f.E) {
			result = refZero(sign, N) | (1<<uint(N-1) - 1)
			s.exc(FlagIOC)
			errv = new(big.Rat)
		} else {
			result = refZero(sign, N) | uint64(biasedExp)<<uint(f.F) | fracBits
		}
	}
	if errv.Sign() != 0 {
		s.exc(FlagIXC)
	}
	return result
}

func (s *refState) rmodeIsMinusInf() bool { return s.fpscr>>22&3 == 2 }

// FPAdd / FPSub.
func refAdd(op1, op2 uint64, N int, fpscr FPSCR, sub bool) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t1, s1, v1 := s.unpack(op1, N)
	t2, s2, v2 := s.unpack(op2, N)
	done, result := s.processNaNs([]refType{t1, t2}, []uint64{op1, op2}, N)
	if done {
		return result, s.fl
	}
	inf1, inf2 := t1 == rInf, t2 == rInf
	zero1, zero2 := t1 == rZero, t2 == rZero
	if sub {
		switch {
		case inf1 && inf2 && s1 == s2:
			s.exc(FlagIOC)
			return refDefaultNaN(N), s.fl
		case (inf1 && !s1) || (inf2 && s2):
			return refInfinity(false, N), s.fl
		case (inf1 && s1) || (inf2 && !s2):
			return refInfinity(true, N), s.fl
		case zero1 && zero2 && s1 == !s2:
			return refZero(s1, N), s.fl
		}
	} else {
		switch {
		case inf1 && inf2 && s1 == !s2:
			s.exc(FlagIOC)
			return refDefaultNaN(N), s.fl
		case (inf1 && !s1) || (inf2 && !s2):
			return refInfinity(false, N), s.fl
		case (inf1 && s1) || (inf2 && s2):
			return refInfinity(true, N), s.fl
		case zero1 && zero2 && s1 == s2:
			return refZero(s1, N), s.fl
		}
	}
	var rv *big.Rat
	if sub {
		rv = ratSub(v1, v2)
	} else {
		rv = ratAdd(v1, v2)
	}
	if rv.Sign() == 0 {
		return refZero(s.rmodeIsMinusInf(), N), s.fl
	}
	return s.round(rv, N), s.fl
}

// FPMul.
func refMul(op1, op2 uint64, N int, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t1, s1, v1 := s.unpack(op1, N)
	t2, s2, v2 := s.unpack(op2, N)
	done, result := s.processNaNs([]refType{t1, t2}, []uint64{op1, op2}, N)
	if done {
		return result, s.fl
	}
	inf1, inf2 := t1 == rInf, t2 == rInf
	zero1, zero2 := t1 == rZero, t2 == rZero
	switch {
	case (inf1 && zero2) || (zero1 && inf2):
		s.exc(FlagIOC)
		return refDefaultNaN(N), s.fl
	case inf1 || inf2:
		return refInfinity(s1 != s2, N), s.fl
	case zero1 || zero2:
		return refZero(s1 != s2, N), s.fl
	}
	return s.round(ratMul(v1, v2), N), s.fl
}

// FPDiv.
func refDiv(op1, op2 uint64, N int, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t1, s1, v1 := s.unpack(op1, N)
	t2, s2, v2 := s.unpack(op2, N)
	done, result := s.processNaNs([]refType{t1, t2}, []uint64{op1, op2}, N)
	if done {
		return result, s.fl
	}
	inf1, inf2 := t1 == rInf, t2 == rInf
	zero1, zero2 := t1 == rZero, t2 == rZero
	switch {
	case (inf1 && inf2) || (zero1 && zero2):
		s.exc(FlagIOC)
		return refDefaultNaN(N), s.fl
	case inf1 || zero2:
		if !inf1 {
			s.exc(FlagDZC)
		}
		return refInfinity(s1 != s2, N), s.fl
	case zero1 || inf2:
		return refZero(s1 != s2, N), s.fl
	}
	return s.round(new(big.Rat).Quo(v1, v2), N), s.fl
}

// FPMulAdd.
func refMulAdd(addend, op1, op2 uint64, N int, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	tA, sA, vA := s.unpack(addend, N)
	t1, s1, v1 := s.unpack(op1, N)
	t2, s2, v2 := s.unpack(op2, N)
	inf1, inf2 := t1 == rInf, t2 == rInf
	zero1, zero2 := t1 == rZero, t2 == rZero
	done, result := s.processNaNs([]refType{tA, t1, t2}, []uint64{addend, op1, op2}, N)
	if tA == rQNaN && ((inf1 && zero2) || (zero1 && inf2)) {
		result = refDefaultNaN(N)
		s.exc(FlagIOC)
	}
	if done {
		return result, s.fl
	}
	infA, zeroA := tA == rInf, tA == rZero
	signP := s1 != s2
	infP, zeroP := inf1 || inf2, zero1 || zero2
	switch {
	case (inf1 && zero2) || (zero1 && inf2) || (infA && infP && sA != signP):
		s.exc(FlagIOC)
		return refDefaultNaN(N), s.fl
	case (infA && !sA) || (infP && !signP):
		return refInfinity(false, N), s.fl
	case (infA && sA) || (infP && signP):
		return refInfinity(true, N), s.fl
	case zeroA && zeroP && sA == signP:
		return refZero(sA, N), s.fl
	}
	rv := ratAdd(vA, ratMul(v1, v2))
	if rv.Sign() == 0 {
		return refZero(s.rmodeIsMinusInf(), N), s.fl
	}
	return s.round(rv, N), s.fl
}

// FPSqrt. The square root of a dyadic rational is either dyadic (and then
// found exactly) or irrational; an irrational root lies at a distance of at
// least about 2^-110 (relative) from every rounding boundary of a 53-bit
// format, so a 600-bit approximation rounds identically.
func refSqrt(op uint64, N int, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t, sign, v := s.unpack(op, N)
	switch {
	case t == rQNaN || t == rSNaN:
		return s.processNaN(t, op, N), s.fl
	case t == rZero:
		return refZero(sign, N), s.fl
	case t == rInf && !sign:
		return refInfinity(false, N), s.fl
	case sign:
		s.exc(FlagIOC)
		return refDefaultNaN(N), s.fl
	}
	bf := new(big.Float).SetPrec(600).SetRat(v)
	root := new(big.Float).SetPrec(600).Sqrt(bf)
	r, _ := root.Rat(nil)
	if ratMul(r, r).Cmp(v) != 0 {
		// Make sure the approximation is not itself dyadic-exact at a
		// boundary: nudge by far less than the distance to any boundary.
		r = ratAdd(r, pow2(-(700 - r.Num().BitLen() + r.Denom().BitLen())))
	}
	return s.round(r, N), s.fl
}

// FPRoundInt.
func refRoundInt(op uint64, N int, mode RoundingMode, exact bool, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t, sign, v := s.unpack(op, N)
	switch t {
	case rQNaN, rSNaN:
		return s.processNaN(t, op, N), s.fl
	case rInf:
		return refInfinity(sign, N), s.fl
	case rZero:
		return refZero(sign, N), s.fl
	}
	intResult := floorRat(v)
	errv := ratSub(v, new(big.Rat).SetInt(intResult))
	var roundUp bool
	switch mode {
	case RoundNearest:
		roundUp = errv.Cmp(half) > 0 || (errv.Cmp(half) == 0 && intResult.Bit(0) == 1)
	case RoundNearestAway:
		roundUp = errv.Cmp(half) > 0 || (errv.Cmp(half) == 0 && intResult.Sign() >= 0)
	case RoundPlusInf:
		roundUp = errv.Sign() != 0
	case RoundMinusInf:
		roundUp = false
	case RoundZero:
		roundUp = errv.Sign() != 0 && intResult.Sign() < 0
	}
	if roundUp {
		intResult.Add(intResult, big.NewInt(1))
	}
	var result uint64
	if intResult.Sign() == 0 {
		result = refZero(sign, N)
	} else {
		result = s.round(new(big.Rat).SetInt(intResult), N)
	}
	if errv.Sign() != 0 && exact {
		s.exc(FlagIXC)
	}
	return result, s.fl
}

// FPToFixed with M = size, result extended to 32 bits.
func refToFixed(op uint64, N, size, fbits int, unsigned bool, mode RoundingMode, fpscr FPSCR) (uint32, Flags) {
	s := &refState{fpscr: fpscr}
	t, _, v := s.unpack(op, N)
	if t == rQNaN || t == rSNaN {
		s.exc(FlagIOC)
	}
	v = ratMul(v, pow2(fbits))
	intResult := floorRat(v)
	errv := ratSub(v, new(big.Rat).SetInt(intResult))
	var roundUp bool
	switch mode {
	case RoundNearest:
		roundUp = errv.Cmp(half) > 0 || (errv.Cmp(half) == 0 && intResult.Bit(0) == 1)
	case RoundNearestAway:
		roundUp = errv.Cmp(half) > 0 || (errv.Cmp(half) == 0 && intResult.Sign() >= 0)
	case RoundPlusInf:
		roundUp = errv.Sign() != 0
	case RoundMinusInf:
		roundUp = false
	case RoundZero:
		roundUp = errv.Sign() != 0 && intResult.Sign() < 0
	}
	if roundUp {
		intResult.Add(intResult, big.NewInt(1))
	}
	// SatQ.
	var lo, hi *big.Int
	if unsigned {
		lo, hi = big.NewInt(0), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(size)), big.NewInt(1))
	} else {
		lo = new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), uint(size-1)))
		hi = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(size-1)), big.NewInt(1))
	}
	overflow := false
	if intResult.Cmp(lo) < 0 {
		intResult, overflow = lo, true
	} else if intResult.Cmp(hi) > 0 {
		intResult, overflow = hi, true
	}
	if overflow {
		s.exc(FlagIOC)
	} else if errv.Sign() != 0 {
		s.exc(FlagIXC)
	}
	return uint32(intResult.Int64()), s.fl
}

// FixedToFP on the low size bits of v.
func refFromFixed(v uint32, N, size, fbits int, unsigned bool, mode RoundingMode, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr&^(3<<22) | FPSCR(mode&3)<<22}
	raw := int64(v) & (1<<uint(size) - 1)
	if !unsigned && raw>>(uint(size)-1) == 1 {
		raw -= 1 << uint(size)
	}
	real := ratMul(ratInt(raw), pow2(-fbits))
	if real.Sign() == 0 {
		return refZero(false, N), s.fl
	}
	return s.round(real, N), s.fl
}

// FPSingleToDouble, FPDoubleToSingle, FPHalfToSingle, FPSingleToHalf,
// FPHalfToDouble, FPDoubleToHalf.
func refConvert(op uint64, from, to int, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t, sign, v := s.unpack(op, from)
	ff, tf := refFormat(from), refFormat(to)
	ahp := fpscr&(1<<26) != 0
	switch t {
	case rQNaN, rSNaN:
		var result uint64
		switch {
		case to == 16 && ahp:
			result = refZero(sign, 16)
			s.exc(FlagIOC)
		case fpscr&(1<<25) != 0:
			result = refDefaultNaN(to)
		default:
			// sign : Ones(E) : '1' : payload, truncated or zero-extended.
			payload := field(op, ff.F-2, 0)
			if tf.F > ff.F {
				payload <<= uint(tf.F - ff.F)
			} else {
				payload >>= uint(ff.F - tf.F)
			}
			result = refInfinity(sign, to) | 1<<uint(tf.F-1) | payload
		}
		if t == rSNaN {
			s.exc(FlagIOC)
		}
		return result, s.fl
	case rInf:
		if to == 16 && ahp {
			s.exc(FlagIOC)
			return refZero(sign, 16) | 0x7fff, s.fl
		}
		return refInfinity(sign, to), s.fl
	case rZero:
		return refZero(sign, to), s.fl
	}
	return s.round(v, to), s.fl
}

// FPCompare.
func refCompare(op1, op2 uint64, N int, quietNaNExc bool, fpscr FPSCR) (uint32, Flags) {
	s := &refState{fpscr: fpscr}
	t1, _, v1 := s.unpack(op1, N)
	t2, _, v2 := s.unpack(op2, N)
	nan := func(t refType) bool { return t == rQNaN || t == rSNaN }
	if nan(t1) || nan(t2) {
		if t1 == rSNaN || t2 == rSNaN || quietNaNExc {
			s.exc(FlagIOC)
		}
		return 0b0011, s.fl
	}
	switch v1.Cmp(v2) {
	case 0:
		return 0b0110, s.fl
	case -1:
		return 0b1000, s.fl
	}
	return 0b0010, s.fl
}

// FPMaxNum / FPMinNum, then FPMax / FPMin.
func refMinMaxNum(op1, op2 uint64, N int, max bool, fpscr FPSCR) (uint64, Flags) {
	s := &refState{fpscr: fpscr}
	t1, _, _ := s.unpack(op1, N)
	t2, _, _ := s.unpack(op2, N)
	if t1 == rQNaN && t2 != rQNaN {
		op1 = refInfinity(max, N)
	} else if t1 != rQNaN && t2 == rQNaN {
		op2 = refInfinity(max, N)
	}
	t1, s1, v1 := s.unpack(op1, N)
	t2, s2, v2 := s.unpack(op2, N)
	done, result := s.processNaNs([]refType{t1, t2}, []uint64{op1, op2}, N)
	if done {
		return result, s.fl
	}
	var t refType
	var sign bool
	var v *big.Rat
	c := v1.Cmp(v2)
	if (max && c > 0) || (!max && c < 0) {
		t, sign, v = t1, s1, v1
	} else {
		t, sign, v = t2, s2, v2
	}
	switch t {
	case rInf:
		return refInfinity(sign, N), s.fl
	case rZero:
		if max {
			return refZero(s1 && s2, N), s.fl
		}
		return refZero(s1 || s2, N), s.fl
	}
	return s.round(v, N), s.fl
}

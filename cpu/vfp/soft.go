package vfp

import "math/bits"

// This file is the exact software path. It follows the Arm DDI0403E A2.5
// pseudocode literally, with one representation change: the pseudocode's
// unbounded "real" values are held as (sign, m, e) meaning (-1)^sign × m × 2^e
// with m a 128-bit integer. Results of +, ×, fused multiply-add are exact in
// that form; quotients and square roots carry at least 64 significant bits plus
// a sticky ("jam") bit in the least significant position, which is enough for
// FPRound to see the same integer mantissa and the same rounding error class
// (zero, below half, exactly half, above half) as with the exact real value,
// because FPRound never keeps more than 53 bits.

// format describes one IEEE binary interchange format.
type format struct {
	n        int    // total width: 16, 32 or 64
	e        int    // exponent bits
	f        int    // fraction bits
	minExp   int    // exponent of the smallest normal (1 - bias)
	bias     int    // exponent bias
	expOnes  uint64 // all-ones exponent field, unshifted
	signBit  uint64 // 1 << (n-1)
	fracMask uint64 // (1 << f) - 1
	quiet    uint64 // most significant fraction bit: the quiet bit of a NaN
	defNaN   uint64 // FPDefaultNaN
}

func newFormat(n, e, f int) format {
	bias := 1<<(e-1) - 1
	return format{
		n: n, e: e, f: f, minExp: 1 - bias, bias: bias,
		expOnes:  1<<e - 1,
		signBit:  1 << (n - 1),
		fracMask: 1<<f - 1,
		quiet:    1 << (f - 1),
		defNaN:   (1<<e-1)<<f | 1<<(f-1),
	}
}

var (
	f16 = newFormat(16, 5, 10)
	f32 = newFormat(32, 8, 23)
	f64 = newFormat(64, 11, 52)
)

// fpType is the classification returned by FPUnpack.
type fpType uint8

const (
	typeNonzero fpType = iota
	typeZero
	typeInfinity
	typeQNaN
	typeSNaN
)

// unpacked is the result of FPUnpack: for typeNonzero the value is
// (-1)^sign × mant × 2^exp; mant is 0 for zeros (including flushed denormals).
type unpacked struct {
	typ  fpType
	sign bool
	mant uint64
	exp  int
}

func (u unpacked) isNaN() bool { return u.typ == typeQNaN || u.typ == typeSNaN }

// unpack is FPUnpack (Arm DDI0403E A2.5 pseudocode). Single and double denormals are
// flushed to zero with IDC when FPSCR.FZ is set; half-precision inputs are
// never flushed, and with FPSCR.AHP the all-ones exponent encodes normal
// numbers instead of infinities and NaNs.
func (f *format) unpack(x uint64, fpscr FPSCR, fl *Flags) unpacked {
	u := unpacked{sign: x&f.signBit != 0}
	exp := int(x>>f.f) & int(f.expOnes)
	frac := x & f.fracMask
	switch {
	case exp == 0:
		switch {
		case frac == 0:
			u.typ = typeZero
		case f.n != 16 && fpscr.FZ():
			u.typ = typeZero
			*fl |= FlagIDC
		default:
			u.mant, u.exp = frac, f.minExp-f.f
		}
	case exp == int(f.expOnes) && !(f.n == 16 && fpscr.AHP()):
		switch {
		case frac == 0:
			u.typ = typeInfinity
		case frac&f.quiet != 0:
			u.typ = typeQNaN
		default:
			u.typ = typeSNaN
		}
	default:
		u.mant, u.exp = frac|1<<f.f, exp-f.bias-f.f
	}
	return u
}

func (f *format) zero(sign bool) uint64 {
	if sign {
		return f.signBit
	}
	return 0
}

func (f *format) infinity(sign bool) uint64 { return f.zero(sign) | f.expOnes<<f.f }

func (f *format) maxNormal(sign bool) uint64 {
	return f.zero(sign) | (f.expOnes-1)<<f.f | f.fracMask
}

// processNaN is FPProcessNaN: quiet a signalling NaN (raising IOC), then
// replace the result by the default NaN when FPSCR.DN is set.
func (f *format) processNaN(u unpacked, x uint64, fpscr FPSCR, fl *Flags) uint64 {
	if u.typ == typeSNaN {
		x |= f.quiet
		*fl |= FlagIOC
	}
	if fpscr.DN() {
		return f.defNaN
	}
	return x
}

// processNaNs is FPProcessNaNs and FPProcessNaNs3: the first signalling NaN in
// operand order wins, then the first quiet NaN.
func (f *format) processNaNs(us []unpacked, xs []uint64, fpscr FPSCR, fl *Flags) (uint64, bool) {
	for i, u := range us {
		if u.typ == typeSNaN {
			return f.processNaN(u, xs[i], fpscr, fl), true
		}
	}
	for i, u := range us {
		if u.typ == typeQNaN {
			return f.processNaN(u, xs[i], fpscr, fl), true
		}
	}
	return 0, false
}

// roundUp reports whether the magnitude truncated to an integer must be
// incremented, given the discarded part: half is its most significant bit
// (error >= 0.5), rest whether anything below is nonzero. This is the case
// analysis shared by FPRound, FPRoundInt and FPToFixed, written on magnitudes:
// towards +inf increments positive values, towards -inf negative ones.
func roundUp(mode RoundingMode, sign, odd, half, rest bool) bool {
	switch mode {
	case RoundNearest:
		return half && (rest || odd)
	case RoundPlusInf:
		return !sign && (half || rest)
	case RoundMinusInf:
		return sign && (half || rest)
	case RoundNearestAway:
		return half
	}
	return false // RoundZero
}

// shiftRight returns floor(m / 2^s) as a 64-bit value (ok false if it does
// not fit) together with the discarded half bit and sticky rest.
func shiftRight(hi, lo uint64, s int) (q uint64, ok, half, rest bool) {
	switch {
	case s <= 0:
		if hi != 0 || (s < 0 && bits.Len64(lo)-s > 64) {
			return 0, false, false, false
		}
		return lo << uint(-s), true, false, false
	case s < 64:
		q = lo>>uint(s) | hi<<uint(64-s)
		half = lo>>uint(s-1)&1 != 0
		rest = lo&(1<<uint(s-1)-1) != 0
		return q, hi>>uint(s) == 0, half, rest
	case s == 64:
		return hi, true, lo>>63 != 0, lo<<1 != 0
	case s < 128:
		t := s - 64
		q = hi >> uint(t)
		half = hi>>uint(t-1)&1 != 0
		rest = hi&(1<<uint(t-1)-1) != 0 || lo != 0
		return q, true, half, rest
	case s == 128:
		return 0, true, hi>>63 != 0, hi<<1 != 0 || lo != 0
	}
	return 0, true, false, hi != 0 || lo != 0
}

// round is FPRound (Arm DDI0403E A2.5 pseudocode): the nonzero value
// (-1)^sign × (hi:lo) × 2^e is rounded to format f in rounding mode mode, with
// FZ and AHP taken from fpscr. Underflow is detected before rounding and only
// signalled when the result is inexact; flushing an output to zero (FZ, not for
// half precision) sets UFC and nothing else.
func (f *format) round(sign bool, hi, lo uint64, e int, mode RoundingMode, fpscr FPSCR, fl *Flags) uint64 {
	top := bits.Len64(lo) - 1
	if hi != 0 {
		top = 64 + bits.Len64(hi) - 1
	}
	exponent := e + top // value in [2^exponent, 2^(exponent+1))
	if fpscr.FZ() && f.n != 16 && exponent < f.minExp {
		*fl |= FlagUFC
		return f.zero(sign)
	}
	biased, scale := exponent-f.minExp+1, exponent
	if biased <= 0 {
		biased, scale = 0, f.minExp
	}
	// int_mant = RoundDown(value × 2^(f - scale)).
	intMant, _, half, rest := shiftRight(hi, lo, scale-f.f-e)
	inexact := half || rest
	if biased == 0 && inexact {
		*fl |= FlagUFC
	}
	overflowToInf := true
	switch mode {
	case RoundPlusInf:
		overflowToInf = !sign
	case RoundMinusInf:
		overflowToInf = sign
	case RoundZero:
		overflowToInf = false
	}
	if roundUp(mode, sign, intMant&1 != 0, half, rest) {
		intMant++
		if intMant == 1<<f.f { // rounded up from denormal to normal
			biased = 1
		}
		if intMant == 1<<(f.f+1) { // rounded up to the next exponent
			biased++
			intMant >>= 1
		}
	}
	var result uint64
	if f.n != 16 || !fpscr.AHP() {
		if biased >= int(f.expOnes) {
			if overflowToInf {
				result = f.infinity(sign)
			} else {
				result = f.maxNormal(sign)
			}
			*fl |= FlagOFC
			inexact = true
		} else {
			result = f.zero(sign) | uint64(biased)<<f.f | intMant&f.fracMask
		}
	} else { // alternative half precision: no infinities, saturate with IOC
		if biased >= 1<<f.e {
			result = f.zero(sign) | (f.signBit - 1)
			*fl |= FlagIOC
			inexact = false
		} else {
			result = f.zero(sign) | uint64(biased)<<f.f | intMant&f.fracMask
		}
	}
	if inexact {
		*fl |= FlagIXC
	}
	return result
}

// --- 128-bit helpers ---

func len128(hi, lo uint64) int {
	if hi != 0 {
		return 64 + bits.Len64(hi)
	}
	return bits.Len64(lo)
}

func shl128(hi, lo uint64, s int) (uint64, uint64) {
	switch {
	case s == 0:
		return hi, lo
	case s < 64:
		return hi<<uint(s) | lo>>uint(64-s), lo << uint(s)
	case s < 128:
		return lo << uint(s-64), 0
	}
	return 0, 0
}

// shrJam128 shifts right by s, ORing every discarded bit into bit 0.
func shrJam128(hi, lo uint64, s int) (uint64, uint64) {
	var jam uint64
	switch {
	case s == 0:
		return hi, lo
	case s < 64:
		if lo<<uint(64-s) != 0 {
			jam = 1
		}
		return hi >> uint(s), (lo>>uint(s) | hi<<uint(64-s)) | jam
	case s < 128:
		if lo != 0 || (s > 64 && hi<<uint(128-s) != 0) {
			jam = 1
		}
		return 0, hi>>uint(s-64) | jam
	}
	if hi != 0 || lo != 0 {
		jam = 1
	}
	return 0, jam
}

// exact is a finite nonzero-or-zero value (-1)^sign × (hi:lo) × 2^e.
type exact struct {
	sign   bool
	hi, lo uint64
	e      int
}

func (x exact) isZero() bool { return x.hi == 0 && x.lo == 0 }

// normalize126 shifts the significand so its leading one is bit 126.
func (x exact) normalize126() exact {
	s := 127 - len128(x.hi, x.lo)
	x.hi, x.lo = shl128(x.hi, x.lo, s)
	x.e -= s
	return x
}

// addExact returns a + b. The result is exact, except that when the exponents
// differ by enough for the smaller operand to lose bits, those bits are jammed
// into bit 0 of a 127-bit significand, far below any rounding position.
func addExact(a, b exact) exact {
	if a.isZero() {
		return b
	}
	if b.isZero() {
		return a
	}
	a, b = a.normalize126(), b.normalize126()
	if a.e < b.e || (a.e == b.e && (a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo))) {
		a, b = b, a
	}
	b.hi, b.lo = shrJam128(b.hi, b.lo, a.e-b.e)
	r := exact{sign: a.sign, e: a.e}
	var c uint64
	if a.sign == b.sign {
		r.lo, c = bits.Add64(a.lo, b.lo, 0)
		r.hi, _ = bits.Add64(a.hi, b.hi, c)
	} else {
		r.lo, c = bits.Sub64(a.lo, b.lo, 0)
		r.hi, _ = bits.Sub64(a.hi, b.hi, c)
	}
	return r
}

func mulExact(a, b unpacked) exact {
	hi, lo := bits.Mul64(a.mant, b.mant)
	return exact{sign: a.sign != b.sign, hi: hi, lo: lo, e: a.exp + b.exp}
}

func (u unpacked) exact() exact { return exact{sign: u.sign, lo: u.mant, e: u.exp} }

// --- operations ---

// add is FPAdd, or FPSub when sub is set (Arm DDI0403E A2.5 pseudocode).
func (f *format) add(a, b uint64, sub bool, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	ua, ub := f.unpack(a, fpscr, &fl), f.unpack(b, fpscr, &fl)
	if r, done := f.processNaNs([]unpacked{ua, ub}, []uint64{a, b}, fpscr, &fl); done {
		return r, fl
	}
	signB := ub.sign != sub
	inf1, inf2 := ua.typ == typeInfinity, ub.typ == typeInfinity
	zero1, zero2 := ua.typ == typeZero, ub.typ == typeZero
	switch {
	case inf1 && inf2 && ua.sign != signB:
		fl |= FlagIOC
		return f.defNaN, fl
	case (inf1 && !ua.sign) || (inf2 && !signB):
		return f.infinity(false), fl
	case inf1 || inf2:
		return f.infinity(true), fl
	case zero1 && zero2 && ua.sign == signB:
		return f.zero(ua.sign), fl
	}
	ub.sign = signB
	return f.roundExact(addExact(ua.exact(), ub.exact()), fpscr, &fl), fl
}

// roundExact rounds an exact sum, giving an exact zero the sign the rounding
// mode dictates (-0 only when rounding towards -infinity).
func (f *format) roundExact(r exact, fpscr FPSCR, fl *Flags) uint64 {
	if r.isZero() {
		return f.zero(fpscr.RMode() == RoundMinusInf)
	}
	return f.round(r.sign, r.hi, r.lo, r.e, fpscr.RMode(), fpscr, fl)
}

// mul is FPMul.
func (f *format) mul(a, b uint64, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	ua, ub := f.unpack(a, fpscr, &fl), f.unpack(b, fpscr, &fl)
	if r, done := f.processNaNs([]unpacked{ua, ub}, []uint64{a, b}, fpscr, &fl); done {
		return r, fl
	}
	inf1, inf2 := ua.typ == typeInfinity, ub.typ == typeInfinity
	zero1, zero2 := ua.typ == typeZero, ub.typ == typeZero
	sign := ua.sign != ub.sign
	switch {
	case (inf1 && zero2) || (zero1 && inf2):
		fl |= FlagIOC
		return f.defNaN, fl
	case inf1 || inf2:
		return f.infinity(sign), fl
	case zero1 || zero2:
		return f.zero(sign), fl
	}
	p := mulExact(ua, ub)
	return f.round(p.sign, p.hi, p.lo, p.e, fpscr.RMode(), fpscr, &fl), fl
}

// mulAdd is FPMulAdd: addend + a × b with one rounding.
func (f *format) mulAdd(c, a, b uint64, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	uc, ua, ub := f.unpack(c, fpscr, &fl), f.unpack(a, fpscr, &fl), f.unpack(b, fpscr, &fl)
	inf1, inf2 := ua.typ == typeInfinity, ub.typ == typeInfinity
	zero1, zero2 := ua.typ == typeZero, ub.typ == typeZero
	r, done := f.processNaNs([]unpacked{uc, ua, ub}, []uint64{c, a, b}, fpscr, &fl)
	// A quiet-NaN addend does not hide the invalid 0 × ∞ product.
	if uc.typ == typeQNaN && ((inf1 && zero2) || (zero1 && inf2)) {
		fl |= FlagIOC
		return f.defNaN, fl
	}
	if done {
		return r, fl
	}
	infA, zeroA := uc.typ == typeInfinity, uc.typ == typeZero
	signP := ua.sign != ub.sign
	infP, zeroP := inf1 || inf2, zero1 || zero2
	switch {
	case (inf1 && zero2) || (zero1 && inf2) || (infA && infP && uc.sign != signP):
		fl |= FlagIOC
		return f.defNaN, fl
	case (infA && !uc.sign) || (infP && !signP):
		return f.infinity(false), fl
	case infA || infP:
		return f.infinity(true), fl
	case zeroA && zeroP && uc.sign == signP:
		return f.zero(uc.sign), fl
	}
	p := exact{sign: signP}
	if !zeroP {
		p = mulExact(ua, ub)
	}
	return f.roundExact(addExact(uc.exact(), p), fpscr, &fl), fl
}

// div is FPDiv.
func (f *format) div(a, b uint64, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	ua, ub := f.unpack(a, fpscr, &fl), f.unpack(b, fpscr, &fl)
	if r, done := f.processNaNs([]unpacked{ua, ub}, []uint64{a, b}, fpscr, &fl); done {
		return r, fl
	}
	inf1, inf2 := ua.typ == typeInfinity, ub.typ == typeInfinity
	zero1, zero2 := ua.typ == typeZero, ub.typ == typeZero
	sign := ua.sign != ub.sign
	switch {
	case (inf1 && inf2) || (zero1 && zero2):
		fl |= FlagIOC
		return f.defNaN, fl
	case inf1 || zero2:
		if !inf1 {
			fl |= FlagDZC
		}
		return f.infinity(sign), fl
	case zero1 || inf2:
		return f.zero(sign), fl
	}
	// Normalise both significands to bit 63; the 64-bit quotient of
	// (ma × 2^k) / mb then has its leading one at bit 63.
	sa, sb := 64-bits.Len64(ua.mant), 64-bits.Len64(ub.mant)
	ma, mb := ua.mant<<uint(sa), ub.mant<<uint(sb)
	e := (ua.exp - sa) - (ub.exp - sb)
	var q, rem uint64
	if ma < mb {
		q, rem = bits.Div64(ma, 0, mb) // (ma × 2^64) / mb
		e -= 64
	} else {
		q, rem = bits.Div64(ma>>1, ma<<63, mb) // (ma × 2^63) / mb
		e -= 63
	}
	hi, lo := q>>63, q<<1
	if rem != 0 {
		lo |= 1 // sticky
	}
	return f.round(sign, hi, lo, e-1, fpscr.RMode(), fpscr, &fl), fl
}

// sqrt is FPSqrt.
func (f *format) sqrt(a uint64, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	u := f.unpack(a, fpscr, &fl)
	switch {
	case u.isNaN():
		return f.processNaN(u, a, fpscr, &fl), fl
	case u.typ == typeZero:
		return f.zero(u.sign), fl
	case u.typ == typeInfinity && !u.sign:
		return f.infinity(false), fl
	case u.sign:
		fl |= FlagIOC
		return f.defNaN, fl
	}
	// value = m × 2^e with e even; scale m by an even power of two to 127 or
	// 128 bits so that its integer square root has 64 bits.
	m, e := u.mant, u.exp
	if e&1 != 0 {
		m <<= 1
		e--
	}
	s := (128 - bits.Len64(m)) &^ 1
	hi, lo := shl128(0, m, s)
	r, exactRoot := isqrt128(hi, lo)
	rh, rl := r>>63, r<<1
	if !exactRoot {
		rl |= 1 // sticky
	}
	return f.round(false, rh, rl, (e-s)/2-1, fpscr.RMode(), fpscr, &fl), fl
}

// isqrt128 returns floor(sqrt(hi:lo)) and whether the root is exact. It is the
// classic digit-by-digit method, two bits of the radicand per step.
func isqrt128(hi, lo uint64) (uint64, bool) {
	var root uint64
	var remHi, remLo uint64 // remainder, < 2^66 in practice but kept 128-bit
	for i := 0; i < 64; i++ {
		// bring down the next two bits of the radicand
		remHi = remHi<<2 | remLo>>62
		remLo = remLo<<2 | hi>>62
		hi = hi<<2 | lo>>62
		lo <<= 2
		// trial = 4 × root + 1
		tHi := root >> 62
		tLo := root<<2 | 1
		root <<= 1
		if remHi > tHi || (remHi == tHi && remLo >= tLo) {
			var b uint64
			remLo, b = bits.Sub64(remLo, tLo, 0)
			remHi, _ = bits.Sub64(remHi, tHi, b)
			root |= 1
		}
	}
	return root, remHi == 0 && remLo == 0
}

// compare is FPCompare.
func compare(a, b uint64, f *format, signalling bool, fpscr FPSCR) (uint32, Flags) {
	var fl Flags
	ua, ub := f.unpack(a, fpscr, &fl), f.unpack(b, fpscr, &fl)
	if ua.isNaN() || ub.isNaN() {
		if ua.typ == typeSNaN || ub.typ == typeSNaN || signalling {
			fl |= FlagIOC
		}
		return NZCVUnordered, fl
	}
	ka, kb := f.orderKey(a, ua), f.orderKey(b, ub)
	switch {
	case ka == kb:
		return NZCVEqual, fl
	case ka < kb:
		return NZCVLess, fl
	}
	return NZCVGreater, fl
}

// orderKey maps a non-NaN value to an integer ordered like its real value
// (zeros, including flushed denormals, map to 0).
func (f *format) orderKey(x uint64, u unpacked) int64 {
	if u.typ == typeZero {
		return 0
	}
	k := int64(x &^ f.signBit)
	if u.sign {
		return -k
	}
	return k
}

// minMaxNum is FPMaxNum/FPMinNum (FPv5): a single quiet NaN operand is
// replaced by the infinity that loses, then FPMax/FPMin apply.
func minMaxNum(a, b uint64, f *format, max bool, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	ua, ub := f.unpack(a, fpscr, &fl), f.unpack(b, fpscr, &fl)
	loser := f.infinity(max) // -inf for max, +inf for min
	if ua.typ == typeQNaN && ub.typ != typeQNaN {
		a, ua = loser, unpacked{typ: typeInfinity, sign: max}
	} else if ua.typ != typeQNaN && ub.typ == typeQNaN {
		b, ub = loser, unpacked{typ: typeInfinity, sign: max}
	}
	// FPMax / FPMin.
	if r, done := f.processNaNs([]unpacked{ua, ub}, []uint64{a, b}, fpscr, &fl); done {
		return r, fl
	}
	ka, kb := f.orderKey(a, ua), f.orderKey(b, ub)
	x, u := b, ub
	if (max && ka > kb) || (!max && ka < kb) {
		x, u = a, ua
	}
	switch u.typ {
	case typeInfinity:
		return f.infinity(u.sign), fl
	case typeZero:
		// Use the most positive (max) or most negative (min) sign.
		if max {
			return f.zero(ua.sign && ub.sign), fl
		}
		return f.zero(ua.sign || ub.sign), fl
	}
	// FPRound of a representable value returns its own encoding without flags.
	return x, fl
}

// roundInt is FPRoundInt.
func (f *format) roundInt(a uint64, mode RoundingMode, exactFlag bool, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	u := f.unpack(a, fpscr, &fl)
	switch u.typ {
	case typeQNaN, typeSNaN:
		return f.processNaN(u, a, fpscr, &fl), fl
	case typeInfinity:
		return f.infinity(u.sign), fl
	case typeZero:
		return f.zero(u.sign), fl
	}
	if u.exp >= 0 {
		return a, fl // already integral
	}
	q, _, half, rest := shiftRight(0, u.mant, -u.exp)
	if roundUp(mode, u.sign, q&1 != 0, half, rest) {
		q++
	}
	var r uint64
	if q == 0 {
		r = f.zero(u.sign)
	} else {
		var dummy Flags // the integral value is representable: FPRound is exact
		r = f.round(u.sign, 0, q, 0, RoundNearest, fpscr, &dummy)
	}
	if exactFlag && (half || rest) {
		fl |= FlagIXC
	}
	return r, fl
}

// toFixed is FPToFixed: a size-bit (16 or 32) integer with fbits fraction
// bits, saturated, returned sign- or zero-extended to 32 bits.
func toFixed(a uint64, f *format, size, fbits int, unsigned bool, mode RoundingMode, fpscr FPSCR) (uint32, Flags) {
	var fl Flags
	if size <= 0 || size > 32 {
		size = 32
	}
	u := f.unpack(a, fpscr, &fl)
	var (
		mag                   uint64
		fits, half, rest, neg bool
	)
	neg = u.sign
	switch u.typ {
	case typeQNaN, typeSNaN:
		// NaNs convert to 0 with Invalid Operation.
		fl |= FlagIOC
		return 0, fl
	case typeInfinity:
		fits = false
	case typeZero:
		fits = true
	default:
		mag, fits, half, rest = shiftRight(0, u.mant, -(u.exp + fbits))
		if fits && roundUp(mode, neg, mag&1 != 0, half, rest) {
			mag++
			fits = mag != 0
		}
	}
	// SatQ to the destination range.
	var lo, hi uint64 // allowed magnitude for negative, positive values
	if unsigned {
		lo, hi = 0, 1<<uint(size)-1
	} else {
		lo, hi = 1<<uint(size-1), 1<<uint(size-1)-1
	}
	var v int64
	switch {
	case !fits || (neg && mag > lo) || (!neg && mag > hi):
		fl |= FlagIOC
		if neg {
			v = -int64(lo)
		} else {
			v = int64(hi)
		}
	default:
		v = int64(mag)
		if neg {
			v = -v
		}
		if half || rest {
			fl |= FlagIXC
		}
	}
	return uint32(v), fl
}

// fromFixed is FixedToFP on the low size bits of v.
func fromFixed(v uint32, f *format, size, fbits int, unsigned bool, mode RoundingMode, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	if size <= 0 || size > 32 {
		size = 32
	}
	x := int64(v & uint32(1<<uint(size)-1))
	if !unsigned && x>>(size-1) != 0 {
		x -= 1 << uint(size)
	}
	if x == 0 {
		return f.zero(false), fl
	}
	sign := x < 0
	if sign {
		x = -x
	}
	return f.round(sign, 0, uint64(x), -fbits, mode, fpscr, &fl), fl
}

// convert is FPConvert between any two of half, single and double precision
// (FPSingleToDouble, FPDoubleToSingle, FPHalfToSingle, FPSingleToHalf, …).
func convert(a uint64, from, to *format, fpscr FPSCR) (uint64, Flags) {
	var fl Flags
	u := from.unpack(a, fpscr, &fl)
	ahpOut := to.n == 16 && fpscr.AHP()
	switch u.typ {
	case typeQNaN, typeSNaN:
		var r uint64
		switch {
		case ahpOut: // no NaNs in the alternative format
			r = to.zero(u.sign)
			fl |= FlagIOC
		case fpscr.DN():
			r = to.defNaN
		default:
			// sign : ones : '1' : the top payload bits (shifted to the new width).
			payload := a & (from.quiet - 1)
			if to.f > from.f {
				payload <<= uint(to.f - from.f)
			} else {
				payload >>= uint(from.f - to.f)
			}
			r = to.infinity(u.sign) | to.quiet | payload
		}
		if u.typ == typeSNaN {
			fl |= FlagIOC
		}
		return r, fl
	case typeInfinity:
		if ahpOut {
			fl |= FlagIOC
			return to.zero(u.sign) | (to.signBit - 1), fl
		}
		return to.infinity(u.sign), fl
	case typeZero:
		return to.zero(u.sign), fl
	}
	return to.round(u.sign, 0, u.mant, u.exp, fpscr.RMode(), fpscr, &fl), fl
}

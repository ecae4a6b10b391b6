// Package vfp is bit-exact Arm floating-point arithmetic for the Cortex-M7
// FPv5-D16 unit: single and double precision, and conversions to and from
// half precision (IEEE and the Arm alternative format).
//
// Every operation follows the pseudocode of Arm DDI0403E (ARMv7-M ARM) §A2.5
// — FPUnpack, FPRound, FPProcessNaN(s), FPDefaultNaN, FPProcessException —
// and reports the cumulative exception bits it raises (IOC, DZC, OFC, UFC,
// IXC, IDC) as a Flags value; the caller ORs them into FPSCR. Floating-point
// exception traps do not exist on M-profile, so no operation ever traps.
//
// Values are passed and returned as raw bit patterns (uint32 for single,
// uint64 for double, uint16 for half precision): the functions never go
// through Go float types at the API, so NaN payloads survive.
//
// Implementation: each operation has an exact software path (integer
// significands of up to 128 bits with a sticky bit, see soft.go) that
// implements FPRound literally, and most have a fast path (fast.go) for the
// common case — FPSCR rounding mode round-to-nearest, operands normal or zero —
// that uses Go's native float32/float64 arithmetic plus an exactness check
// (FMA residuals / TwoSum) to derive IXC, and falls back to the exact path
// whenever the result could be subnormal, overflow, or is a NaN. The two paths
// are compared by randomized tests; building with the tag "vfpslow" disables
// every fast path.
package vfp

// FPSCR is the value of the floating-point status and control register
// (Arm DDI0403E, FPSCR register description). Only the control bits (AHP, DN, FZ, RMode)
// are read by this package.
type FPSCR uint32

// FPSCR control bits.
const (
	BitFZ  FPSCR = 1 << 24 // flush-to-zero
	BitDN  FPSCR = 1 << 25 // default NaN
	BitAHP FPSCR = 1 << 26 // alternative half-precision format

	RModeShift       = 22
	RModeMask  FPSCR = 3 << RModeShift // rounding mode field, bits 23:22
)

// Flags is the set of cumulative exception bits raised by one operation, at
// the same bit positions as in FPSCR.
type Flags uint32

// Cumulative exception flags.
const (
	FlagIOC Flags = 1 << 0 // invalid operation
	FlagDZC Flags = 1 << 1 // division by zero
	FlagOFC Flags = 1 << 2 // overflow
	FlagUFC Flags = 1 << 3 // underflow
	FlagIXC Flags = 1 << 4 // inexact
	FlagIDC Flags = 1 << 7 // input denormal (flushed to zero by FZ)

	// FlagsMask covers all cumulative flags.
	FlagsMask = FlagIOC | FlagDZC | FlagOFC | FlagUFC | FlagIXC | FlagIDC
)

// RoundingMode selects how a result is rounded. Values 0–3 are the encodings of
// FPSCR.RMode; RoundNearestAway (ties away from zero) is only reachable through
// VRINTA and VCVTA.
type RoundingMode uint8

// Rounding modes.
const (
	RoundNearest     RoundingMode = 0 // RN: to nearest, ties to even
	RoundPlusInf     RoundingMode = 1 // RP: towards +infinity
	RoundMinusInf    RoundingMode = 2 // RM: towards -infinity
	RoundZero        RoundingMode = 3 // RZ: towards zero
	RoundNearestAway RoundingMode = 4 // to nearest, ties away from zero (VRINTA, VCVTA)
)

// RMode returns the rounding mode selected by FPSCR.RMode.
func (f FPSCR) RMode() RoundingMode { return RoundingMode(f & RModeMask >> RModeShift) }

// FZ reports whether flush-to-zero mode is enabled.
func (f FPSCR) FZ() bool { return f&BitFZ != 0 }

// DN reports whether default-NaN mode is enabled.
func (f FPSCR) DN() bool { return f&BitDN != 0 }

// AHP reports whether the alternative half-precision format is selected.
func (f FPSCR) AHP() bool { return f&BitAHP != 0 }

// WithRMode returns f with its rounding mode field replaced by m (m must be 0–3).
func (f FPSCR) WithRMode(m RoundingMode) FPSCR {
	return f&^RModeMask | FPSCR(m&3)<<RModeShift
}

// Default NaNs (FPDefaultNaN, Arm DDI0403E A2.5 pseudocode): positive, quiet, zero payload.
const (
	DefaultNaN16 uint16 = 0x7e00
	DefaultNaN32 uint32 = 0x7fc00000
	DefaultNaN64 uint64 = 0x7ff8000000000000
)

// Compare result bits returned by Compare32/Compare64 (in FPSCR order N, Z, C, V
// at bits 3:0; shift left by 28 to place them in FPSCR.NZCV).
const (
	NZCVLess      uint32 = 0b1000 // op1 < op2
	NZCVEqual     uint32 = 0b0110 // op1 == op2
	NZCVGreater   uint32 = 0b0010 // op1 > op2
	NZCVUnordered uint32 = 0b0011 // at least one NaN
)

// Add32 returns a + b (FPAdd, single precision).
func Add32(a, b uint32, fpscr FPSCR) (uint32, Flags) { return add32(a, b, fpscr, false) }

// Add64 returns a + b (FPAdd, double precision).
func Add64(a, b uint64, fpscr FPSCR) (uint64, Flags) { return add64(a, b, fpscr, false) }

// Sub32 returns a - b (FPSub, single precision). NaN operands keep their
// sign: FPSub is not FPAdd of a negated operand.
func Sub32(a, b uint32, fpscr FPSCR) (uint32, Flags) { return add32(a, b, fpscr, true) }

// Sub64 returns a - b (FPSub, double precision).
func Sub64(a, b uint64, fpscr FPSCR) (uint64, Flags) { return add64(a, b, fpscr, true) }

// Mul32 returns a × b (FPMul, single precision). VNMUL is Neg32(Mul32(a, b)).
func Mul32(a, b uint32, fpscr FPSCR) (uint32, Flags) { return mul32(a, b, fpscr) }

// Mul64 returns a × b (FPMul, double precision).
func Mul64(a, b uint64, fpscr FPSCR) (uint64, Flags) { return mul64(a, b, fpscr) }

// Div32 returns a ÷ b (FPDiv, single precision).
func Div32(a, b uint32, fpscr FPSCR) (uint32, Flags) { return div32(a, b, fpscr) }

// Div64 returns a ÷ b (FPDiv, double precision).
func Div64(a, b uint64, fpscr FPSCR) (uint64, Flags) { return div64(a, b, fpscr) }

// Sqrt32 returns the square root of a (FPSqrt, single precision).
func Sqrt32(a uint32, fpscr FPSCR) (uint32, Flags) { return sqrt32(a, fpscr) }

// Sqrt64 returns the square root of a (FPSqrt, double precision).
func Sqrt64(a uint64, fpscr FPSCR) (uint64, Flags) { return sqrt64(a, fpscr) }

// MulAdd32 returns addend + a × b with a single rounding (FPMulAdd, single
// precision), including the Arm rules that a quiet-NaN addend with 0 × ∞
// gives the default NaN and IOC, and that NaN priority is addend, a, b.
// VFMA is MulAdd32(d, n, m); VFMS is MulAdd32(d, Neg32(n), m);
// VFNMA is MulAdd32(Neg32(d), Neg32(n), m); VFNMS is MulAdd32(Neg32(d), n, m)
// (Arm DDI0403E A7.7, the VFMA/VFMS and VFNMA/VFNMS pseudocode).
func MulAdd32(addend, a, b uint32, fpscr FPSCR) (uint32, Flags) { return mulAdd32(addend, a, b, fpscr) }

// MulAdd64 is MulAdd32 in double precision.
func MulAdd64(addend, a, b uint64, fpscr FPSCR) (uint64, Flags) { return mulAdd64(addend, a, b, fpscr) }

// Compare32 compares a with b (FPCompare, single precision) and returns the
// NZCV bits (NZCVLess, NZCVEqual, NZCVGreater or NZCVUnordered). A signalling
// NaN operand raises IOC; a quiet NaN raises IOC only when signalling is true
// (VCMPE). VCMP with #0 compares with +0.
func Compare32(a, b uint32, signalling bool, fpscr FPSCR) (nzcv uint32, f Flags) {
	return compare(widen32(a), widen32(b), &f32, signalling, fpscr)
}

// Compare64 is Compare32 in double precision.
func Compare64(a, b uint64, signalling bool, fpscr FPSCR) (nzcv uint32, f Flags) {
	return compare(a, b, &f64, signalling, fpscr)
}

// RoundInt32 rounds a to an integral value in single-precision format
// (FPRoundInt): VRINTA/N/P/M pass their fixed mode, VRINTZ RoundZero,
// VRINTR and VRINTX fpscr.RMode(). When exact is true (VRINTX) an inexact
// result raises IXC; otherwise only IOC (signalling NaN) and IDC can be raised.
func RoundInt32(a uint32, rmode RoundingMode, exact bool, fpscr FPSCR) (uint32, Flags) {
	return roundInt32(a, rmode, exact, fpscr)
}

// RoundInt64 is RoundInt32 in double precision.
func RoundInt64(a uint64, rmode RoundingMode, exact bool, fpscr FPSCR) (uint64, Flags) {
	return roundInt64(a, rmode, exact, fpscr)
}

// ToInt32 converts the single-precision value a to a size-bit (16 or 32)
// integer with fbits fraction bits (FPToFixed; fbits 0 for VCVT to integer),
// signed unless unsigned is set, rounding with rmode (VCVT: RoundZero;
// VCVTR: fpscr.RMode(); VCVTA/N/P/M: their mode). Out-of-range values and
// NaNs saturate (NaN → 0) and raise IOC; otherwise an inexact result raises
// IXC. The size-bit result is returned sign- or zero-extended to 32 bits.
func ToInt32(a uint32, size, fbits int, unsigned bool, rmode RoundingMode, fpscr FPSCR) (uint32, Flags) {
	return toFixed(widen32(a), &f32, size, fbits, unsigned, rmode, fpscr)
}

// ToInt64 is ToInt32 for a double-precision value a.
func ToInt64(a uint64, size, fbits int, unsigned bool, rmode RoundingMode, fpscr FPSCR) (uint32, Flags) {
	return toFixed(a, &f64, size, fbits, unsigned, rmode, fpscr)
}

// FromInt32 converts the low size bits (16 or 32) of v, a signed (or, with
// unsigned, unsigned) integer with fbits fraction bits, to single precision
// (FixedToFP), rounding with rmode (VCVT from integer: fpscr.RMode(); VCVT
// from fixed-point: RoundNearest).
func FromInt32(v uint32, size, fbits int, unsigned bool, rmode RoundingMode, fpscr FPSCR) (uint32, Flags) {
	r, f := fromFixed(v, &f32, size, fbits, unsigned, rmode, fpscr)
	return uint32(r), f
}

// FromInt64 is FromInt32 with a double-precision result.
func FromInt64(v uint32, size, fbits int, unsigned bool, rmode RoundingMode, fpscr FPSCR) (uint64, Flags) {
	return fromFixed(v, &f64, size, fbits, unsigned, rmode, fpscr)
}

// F32ToF64 converts single to double precision (FPSingleToDouble).
func F32ToF64(a uint32, fpscr FPSCR) (uint64, Flags) { return f32ToF64(a, fpscr) }

// F64ToF32 converts double to single precision (FPDoubleToSingle), rounding
// with fpscr.RMode().
func F64ToF32(a uint64, fpscr FPSCR) (uint32, Flags) { return f64ToF32(a, fpscr) }

// HalfToF32 converts a half-precision value (IEEE, or the alternative format
// when fpscr.AHP()) to single precision (FPHalfToSingle). The conversion is
// exact; FZ does not apply to half-precision inputs.
func HalfToF32(h uint16, fpscr FPSCR) (uint32, Flags) {
	r, f := convert(uint64(h), &f16, &f32, fpscr)
	return uint32(r), f
}

// HalfToF64 converts a half-precision value to double precision (FPHalfToDouble).
func HalfToF64(h uint16, fpscr FPSCR) (uint64, Flags) { return convert(uint64(h), &f16, &f64, fpscr) }

// F32ToHalf converts single to half precision (FPSingleToHalf), rounding with
// fpscr.RMode(). With fpscr.AHP(), NaNs give ±0 and infinities and values
// too large give ±max (0x7fff) with IOC.
func F32ToHalf(a uint32, fpscr FPSCR) (uint16, Flags) {
	r, f := convert(widen32(a), &f32, &f16, fpscr)
	return uint16(r), f
}

// F64ToHalf converts double to half precision (FPDoubleToHalf).
func F64ToHalf(a uint64, fpscr FPSCR) (uint16, Flags) {
	r, f := convert(a, &f64, &f16, fpscr)
	return uint16(r), f
}

// MaxNum32 returns the IEEE 754-2008 maxNum of a and b (FPMaxNum, VMAXNM): a
// single quiet NaN operand is ignored; signalling NaNs propagate (quieted,
// IOC); max(+0, -0) is +0.
func MaxNum32(a, b uint32, fpscr FPSCR) (uint32, Flags) {
	r, f := minMaxNum(widen32(a), widen32(b), &f32, true, fpscr)
	return uint32(r), f
}

// MaxNum64 is MaxNum32 in double precision.
func MaxNum64(a, b uint64, fpscr FPSCR) (uint64, Flags) { return minMaxNum(a, b, &f64, true, fpscr) }

// MinNum32 returns the IEEE 754-2008 minNum of a and b (FPMinNum, VMINNM);
// min(+0, -0) is -0.
func MinNum32(a, b uint32, fpscr FPSCR) (uint32, Flags) {
	r, f := minMaxNum(widen32(a), widen32(b), &f32, false, fpscr)
	return uint32(r), f
}

// MinNum64 is MinNum32 in double precision.
func MinNum64(a, b uint64, fpscr FPSCR) (uint64, Flags) { return minMaxNum(a, b, &f64, false, fpscr) }

// Abs32 clears the sign bit (FPAbs, VABS); it never raises flags, even for NaNs.
func Abs32(a uint32) uint32 { return a &^ (1 << 31) }

// Abs64 clears the sign bit (FPAbs).
func Abs64(a uint64) uint64 { return a &^ (1 << 63) }

// Neg32 flips the sign bit (FPNeg, VNEG); it never raises flags, even for NaNs.
func Neg32(a uint32) uint32 { return a ^ (1 << 31) }

// Neg64 flips the sign bit (FPNeg).
func Neg64(a uint64) uint64 { return a ^ (1 << 63) }

// ExpandImm32 returns the single-precision constant encoded by the 8-bit
// immediate of VMOV (immediate) (the VFPExpandImm pseudocode function, Arm DDI0403E).
func ExpandImm32(imm8 uint8) uint32 {
	i := uint32(imm8)
	sign := i >> 7
	b6 := (i >> 6) & 1
	// exp = NOT(b6) : Replicate(b6, 5) : imm8<5:4>; frac = imm8<3:0> : Zeros(19).
	exp := (b6^1)<<7 | (b6*0x1f)<<2 | (i>>4)&3
	return sign<<31 | exp<<23 | (i&0xf)<<19
}

// ExpandImm64 is ExpandImm32 for double precision.
func ExpandImm64(imm8 uint8) uint64 {
	i := uint64(imm8)
	sign := i >> 7
	b6 := (i >> 6) & 1
	// exp = NOT(b6) : Replicate(b6, 8) : imm8<5:4>; frac = imm8<3:0> : Zeros(48).
	exp := (b6^1)<<10 | (b6*0xff)<<2 | (i>>4)&3
	return sign<<63 | exp<<52 | (i&0xf)<<48
}

func widen32(a uint32) uint64 { return uint64(a) }

package cpu

import (
	"math"
	"testing"

	"m7emu/cpu/thumb"
)

// Execute tests of the floating-point instructions. Encodings come from
// arm-none-eabi-as -mcpu=cortex-m7 -mfpu=fpv5-d16 (binutils 2.40; the source line is in
// each case's comment). Expected values are worked out from IEEE 754 and the Arm
// pseudocode (DDI0403E A2.5, A7.7): exact results are written as Go constants, inexact
// ones as their rounded bit patterns with the reasoning. The bit-exact corner cases of
// every operation are covered by package vfp's tests and the QEMU goldens; these tests
// check the wiring: operands, precision, destination, the FPSCR modes passed in and the
// flags ORed back, the composition of the multiply-accumulates, and memory accesses.

// FPSCR bits used below (A2.5.3).
const (
	fIOC = 1 << 0
	fDZC = 1 << 1
	fOFC = 1 << 2
	fIXC = 1 << 4
	fIDC = 1 << 7
	fFZ  = 1 << 24
	fDN  = 1 << 25
	fAHP = 1 << 26
	fRP  = 1 << 22 // RMode = 01: toward +inf
	fRM  = 2 << 22 // RMode = 10: toward -inf
	fRZ  = 3 << 22 // RMode = 11: toward zero
)

func f32(x float32) uint32 { return math.Float32bits(x) }
func f64(x float64) uint64 { return math.Float64bits(x) }

type fpCase struct {
	name  string
	code  []uint16 // one instruction (and any literal data after it)
	setup func(c *CPU)
	want  func(t *testing.T, c *CPU)
}

// wantS/wantD/wantFPSCR build checks.
func wantS(n int, v uint32) func(t *testing.T, c *CPU) {
	return func(t *testing.T, c *CPU) {
		t.Helper()
		if c.S[n] != v {
			t.Errorf("S%d = %#08x, want %#08x", n, c.S[n], v)
		}
	}
}

func wantD(n uint8, v uint64) func(t *testing.T, c *CPU) {
	return func(t *testing.T, c *CPU) {
		t.Helper()
		if c.D(n) != v {
			t.Errorf("D%d = %#016x, want %#016x", n, c.D(n), v)
		}
	}
}

func wantFPSCR(v uint32) func(t *testing.T, c *CPU) {
	return func(t *testing.T, c *CPU) {
		t.Helper()
		if c.FPSCR != v {
			t.Errorf("FPSCR = %#08x, want %#08x", c.FPSCR, v)
		}
	}
}

func all(fs ...func(t *testing.T, c *CPU)) func(t *testing.T, c *CPU) {
	return func(t *testing.T, c *CPU) {
		t.Helper()
		for _, f := range fs {
			f(t, c)
		}
	}
}

// sWithFPSCR sets S registers (index, value pairs) and FPSCR.
func sWithFPSCR(fpscr uint32, kv ...uint32) func(c *CPU) {
	return func(c *CPU) {
		for i := 0; i+1 < len(kv); i += 2 {
			c.S[kv[i]] = kv[i+1]
		}
		c.FPSCR = fpscr
	}
}

func runFPCases(t *testing.T, cases []fpCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			if tc.setup != nil {
				tc.setup(c)
			}
			stepN(t, c, 1)
			if c.CONTROL&controlFPCA == 0 {
				t.Error("CONTROL.FPCA not set by an FP instruction")
			}
			tc.want(t, c)
		})
	}
}

func TestExecFPArith(t *testing.T) {
	var (
		vaddS  = thumb32(0xEE300A81) // vadd.f32 s0, s1, s2
		vaddD  = thumb32(0xEE310B02) // vadd.f64 d0, d1, d2
		vsubS  = thumb32(0xEE721A62) // vsub.f32 s3, s4, s5
		vsubD  = thumb32(0xEE343B45) // vsub.f64 d3, d4, d5
		vmulS  = thumb32(0xEE200A81) // vmul.f32 s0, s1, s2
		vmulD  = thumb32(0xEE210B02) // vmul.f64 d0, d1, d2
		vnmulS = thumb32(0xEE200AC1) // vnmul.f32 s0, s1, s2
		vnmulD = thumb32(0xEE210B42) // vnmul.f64 d0, d1, d2
		vdivS  = thumb32(0xEE800A81) // vdiv.f32 s0, s1, s2
		vdivD  = thumb32(0xEE810B02) // vdiv.f64 d0, d1, d2
		vsqrtS = thumb32(0xEEB10AE0) // vsqrt.f32 s0, s1
		vsqrtD = thumb32(0xEEB10BC1) // vsqrt.f64 d0, d1
		vabsS  = thumb32(0xEEB00AE0) // vabs.f32 s0, s1
		vabsD  = thumb32(0xEEB00BC1) // vabs.f64 d0, d1
		vnegS  = thumb32(0xEEB10A60) // vneg.f32 s0, s1
		vnegD  = thumb32(0xEEB10B41) // vneg.f64 d0, d1
	)
	d12 := func(fpscr uint32, a, b uint64) func(c *CPU) { // D1 = a, D2 = b
		return func(c *CPU) { c.SetD(1, a); c.SetD(2, b); c.FPSCR = fpscr }
	}
	runFPCases(t, []fpCase{
		{"VADD_T1/exact", vaddS, sWithFPSCR(0, 1, f32(1.5), 2, f32(2.25)), all(wantS(0, f32(3.75)), wantFPSCR(0))},
		// 1 + 2^-30 is not representable: rounds to 1.0, inexact.
		{"VADD_T1/inexact", vaddS, sWithFPSCR(0, 1, f32(1), 2, 0x30800000), all(wantS(0, f32(1)), wantFPSCR(fIXC))},
		// 1 + 1.5*2^-24 lies above the midpoint of 1 and 1+2^-23: RN and RP give
		// 1+2^-23, RM and RZ give 1.
		{"VADD_T1/RN", vaddS, sWithFPSCR(0, 1, f32(1), 2, 0x33C00000), wantS(0, 0x3F800001)},
		{"VADD_T1/RP", vaddS, sWithFPSCR(fRP, 1, f32(1), 2, 0x33C00000), all(wantS(0, 0x3F800001), wantFPSCR(fRP|fIXC))},
		{"VADD_T1/RM", vaddS, sWithFPSCR(fRM, 1, f32(1), 2, 0x33C00000), wantS(0, f32(1))},
		{"VADD_T1/RZ", vaddS, sWithFPSCR(fRZ, 1, f32(1), 2, 0x33C00000), wantS(0, f32(1))},
		// The cumulative flags already set stay set.
		{"VADD_T1/flags_cumulative", vaddS, sWithFPSCR(fDZC|0x6000_0000, 1, f32(1), 2, 0x30800000),
			wantFPSCR(fDZC | fIXC | 0x6000_0000)},
		// NaN propagation: a quiet NaN keeps its payload, DN gives the default NaN; a
		// signalling NaN is quietened with IOC.
		{"VADD_T1/qNaN", vaddS, sWithFPSCR(0, 1, 0x7FC00123, 2, f32(1)), all(wantS(0, 0x7FC00123), wantFPSCR(0))},
		{"VADD_T1/qNaN_DN", vaddS, sWithFPSCR(fDN, 1, 0x7FC00123, 2, f32(1)), all(wantS(0, 0x7FC00000), wantFPSCR(fDN))},
		{"VADD_T1/sNaN", vaddS, sWithFPSCR(0, 1, f32(1), 2, 0x7F800001), all(wantS(0, 0x7FC00001), wantFPSCR(fIOC))},
		// FZ: a subnormal input is flushed to zero (IDC) and the sum is exact.
		{"VADD_T1/FZ_input", vaddS, sWithFPSCR(fFZ, 1, 0x00000001, 2, f32(1)), all(wantS(0, f32(1)), wantFPSCR(fFZ|fIDC))},
		{"VADD_T1/no_FZ", vaddS, sWithFPSCR(0, 1, 0x00000001, 2, f32(1)), all(wantS(0, f32(1)), wantFPSCR(fIXC))},
		{"VADD_T2/exact", vaddD, d12(0, f64(1.5), f64(2.25)), all(wantD(0, f64(3.75)), wantFPSCR(0))},
		{"VADD_T2/inexact", vaddD, d12(0, f64(1), f64(0x1p-60)), all(wantD(0, f64(1)), wantFPSCR(fIXC))},
		{"VSUB_T1", vsubS, sWithFPSCR(0, 4, f32(3.75), 5, f32(1.5)), all(wantS(3, f32(2.25)), wantFPSCR(0))},
		{"VSUB_T2", vsubD, func(c *CPU) { c.SetD(4, f64(3.75)); c.SetD(5, f64(1.5)) }, wantD(3, f64(2.25))},
		{"VMUL_T1", vmulS, sWithFPSCR(0, 1, f32(1.5), 2, f32(2.25)), all(wantS(0, f32(3.375)), wantFPSCR(0))},
		// 2^100 * 2^100 overflows: +inf with OFC and IXC; toward zero: the largest normal.
		{"VMUL_T1/overflow", vmulS, sWithFPSCR(0, 1, 0x71800000, 2, 0x71800000), all(wantS(0, 0x7F800000), wantFPSCR(fOFC|fIXC))},
		{"VMUL_T1/overflow_RZ", vmulS, sWithFPSCR(fRZ, 1, 0x71800000, 2, 0x71800000), all(wantS(0, 0x7F7FFFFF), wantFPSCR(fRZ|fOFC|fIXC))},
		{"VMUL_T2", vmulD, d12(0, f64(1.5), f64(2.25)), wantD(0, f64(3.375))},
		{"VNMUL_T1", vnmulS, sWithFPSCR(0, 1, f32(1.5), 2, f32(2.25)), wantS(0, f32(-3.375))},
		{"VNMUL_T2", vnmulD, d12(0, f64(1.5), f64(2.25)), wantD(0, f64(-3.375))},
		// 1/3 in single precision: 0x3EAAAAAB (0.333333343), inexact.
		{"VDIV_T1/inexact", vdivS, sWithFPSCR(0, 1, f32(1), 2, f32(3)), all(wantS(0, 0x3EAAAAAB), wantFPSCR(fIXC))},
		{"VDIV_T1/by_zero", vdivS, sWithFPSCR(0, 1, f32(1), 2, 0), all(wantS(0, 0x7F800000), wantFPSCR(fDZC))},
		{"VDIV_T1/0_by_0", vdivS, sWithFPSCR(0, 1, 0, 2, 0), all(wantS(0, 0x7FC00000), wantFPSCR(fIOC))},
		{"VDIV_T2", vdivD, d12(0, f64(1), f64(3)), all(wantD(0, 0x3FD5555555555555), wantFPSCR(fIXC))},
		{"VSQRT_T1", vsqrtS, sWithFPSCR(0, 1, f32(2.25)), all(wantS(0, f32(1.5)), wantFPSCR(0))},
		{"VSQRT_T1/negative", vsqrtS, sWithFPSCR(0, 1, f32(-1)), all(wantS(0, 0x7FC00000), wantFPSCR(fIOC))},
		{"VSQRT_T2", vsqrtD, func(c *CPU) { c.SetD(1, f64(2.25)) }, wantD(0, f64(1.5))},
		// VABS/VNEG only touch the sign bit, even of NaNs, and raise nothing.
		{"VABS_T1/NaN", vabsS, sWithFPSCR(0, 1, 0xFF800001), all(wantS(0, 0x7F800001), wantFPSCR(0))},
		{"VABS_T2", vabsD, func(c *CPU) { c.SetD(1, f64(-2.5)) }, wantD(0, f64(2.5))},
		{"VNEG_T1", vnegS, sWithFPSCR(0, 1, f32(2.5)), wantS(0, f32(-2.5))},
		{"VNEG_T2/NaN", vnegD, func(c *CPU) { c.SetD(1, 0x7FF0000000000001) }, all(wantD(0, 0xFFF0000000000001), wantFPSCR(0))},
	})
}

// TestExecFPMulAcc: VMLA/VMLS/VNMLA/VNMLS round twice (FPMul then FPAdd, A7.7), the
// fused VFMA/VFMS/VFNMA/VFNMS once. With Sd = 1, Sn = 2, Sm = 3 every form is exact.
func TestExecFPMulAcc(t *testing.T) {
	type form struct {
		name   string
		s, d   uint32 // encodings: .f32 s0, s1, s2 and .f64 d0, d1, d2
		result float64
	}
	forms := []form{
		{"VMLA", 0xEE000A81, 0xEE010B02, 1 + 6},
		{"VMLS", 0xEE000AC1, 0xEE010B42, 1 - 6},
		{"VNMLA", 0xEE100AC1, 0xEE110B42, -1 - 6},
		{"VNMLS", 0xEE100A81, 0xEE110B02, -1 + 6},
		{"VFMA", 0xEEA00A81, 0xEEA10B02, 1 + 6},
		{"VFMS", 0xEEA00AC1, 0xEEA10B42, 1 - 6},
		{"VFNMA", 0xEE900AC1, 0xEE910B42, -1 - 6},
		{"VFNMS", 0xEE900A81, 0xEE910B02, -1 + 6},
	}
	var cases []fpCase
	for _, f := range forms {
		cases = append(cases,
			fpCase{f.name + "/F32", thumb32(f.s), sWithFPSCR(0, 0, f32(1), 1, f32(2), 2, f32(3)),
				all(wantS(0, f32(float32(f.result))), wantFPSCR(0))},
			fpCase{f.name + "/F64", thumb32(f.d), func(c *CPU) { c.SetD(0, f64(1)); c.SetD(1, f64(2)); c.SetD(2, f64(3)) },
				all(wantD(0, f64(f.result)), wantFPSCR(0))})
	}
	// (1+2^-12)^2 = 1 + 2^-11 + 2^-24: the product rounds (tie to even) to 1+2^-11, so
	// VMLA with Sd = -(1+2^-11) gives +0 with IXC, while VFMA keeps the exact 2^-24.
	n, d := uint32(0x3F800800), uint32(0xBF801000)
	cases = append(cases,
		fpCase{"VMLA/two_roundings", thumb32(0xEE000A81), sWithFPSCR(0, 0, d, 1, n, 2, n), all(wantS(0, 0), wantFPSCR(fIXC))},
		fpCase{"VFMA/one_rounding", thumb32(0xEEA00A81), sWithFPSCR(0, 0, d, 1, n, 2, n), all(wantS(0, 0x33800000), wantFPSCR(0))},
		// A quiet NaN accumulator propagates with the sign the pseudocode gives it:
		// VMLA adds Sd as is, VNMLA adds FPNeg(Sd).
		fpCase{"VMLA/NaN_acc", thumb32(0xEE000A81), sWithFPSCR(0, 0, 0x7FC00005, 1, f32(2), 2, f32(3)), wantS(0, 0x7FC00005)},
		fpCase{"VNMLA/NaN_acc", thumb32(0xEE100AC1), sWithFPSCR(0, 0, 0x7FC00005, 1, f32(2), 2, f32(3)), wantS(0, 0xFFC00005)},
		// Each step of a non-fused form raises its own flags: VMLS with Sd = +inf and a
		// product that overflows to +inf (OFC, IXC) adds +inf and -inf: the default NaN
		// and IOC.
		fpCase{"VMLS/inf_minus_inf", thumb32(0xEE000AC1), sWithFPSCR(0, 0, 0x7F800000, 1, 0x71800000, 2, 0x71800000),
			all(wantS(0, 0x7FC00000), wantFPSCR(fIOC|fOFC|fIXC))},
	)
	runFPCases(t, cases)
}

func TestExecFPCompare(t *testing.T) {
	var (
		vcmpS   = thumb32(0xEEB40A60) // vcmp.f32 s0, s1
		vcmpD   = thumb32(0xEEB40B41) // vcmp.f64 d0, d1
		vcmpeS  = thumb32(0xEEB40AE0) // vcmpe.f32 s0, s1
		vcmpeD  = thumb32(0xEEB40BC1) // vcmpe.f64 d0, d1
		vcmpS0  = thumb32(0xEEB50A40) // vcmp.f32 s0, #0.0
		vcmpD0  = thumb32(0xEEB50B40) // vcmp.f64 d0, #0.0
		vmrsNZ  = thumb32(0xEEF1FA10) // vmrs APSR_nzcv, fpscr
		vmrsR0  = thumb32(0xEEF10A10) // vmrs r0, fpscr
		vmsrR0  = thumb32(0xEEE10A10) // vmsr fpscr, r0
		qNaN    = uint32(0x7FC00000)
		sNaN    = uint32(0x7F800001)
		nzcvLT  = uint32(0x8000_0000)
		nzcvEQ  = uint32(0x6000_0000)
		nzcvGT  = uint32(0x2000_0000)
		nzcvUN  = uint32(0x3000_0000)
		dd      = func(a, b float64) func(c *CPU) { return func(c *CPU) { c.SetD(0, f64(a)); c.SetD(1, f64(b)) } }
		setNZCV = func(v uint32) func(c *CPU) { return func(c *CPU) { c.FPSCR = v } }
	)
	runFPCases(t, []fpCase{
		{"VCMP_T1/less", vcmpS, sWithFPSCR(0, 0, f32(1), 1, f32(2)), wantFPSCR(nzcvLT)},
		{"VCMP_T1/equal", vcmpS, sWithFPSCR(nzcvLT, 0, f32(2), 1, f32(2)), wantFPSCR(nzcvEQ)},
		{"VCMP_T1/greater", vcmpS, sWithFPSCR(0, 0, f32(3), 1, f32(2)), wantFPSCR(nzcvGT)},
		{"VCMP_T1/qNaN_quiet", vcmpS, sWithFPSCR(0, 0, qNaN, 1, f32(2)), wantFPSCR(nzcvUN)},
		{"VCMP_T1/sNaN_IOC", vcmpS, sWithFPSCR(0, 0, f32(1), 1, sNaN), wantFPSCR(nzcvUN | fIOC)},
		{"VCMPE_T1/qNaN_IOC", vcmpeS, sWithFPSCR(0, 0, qNaN, 1, f32(2)), wantFPSCR(nzcvUN | fIOC)},
		{"VCMPE_T1/ordered", vcmpeS, sWithFPSCR(0, 0, f32(-1), 1, f32(2)), wantFPSCR(nzcvLT)},
		{"VCMP_T2/zero_minus_zero", vcmpS0, sWithFPSCR(0, 0, 0x8000_0000, 1, f32(5)), wantFPSCR(nzcvEQ)},
		{"VCMP_T2/F64_zero", vcmpD0, dd(-1, 7), wantFPSCR(nzcvLT)},
		{"VCMP_T1/F64", vcmpD, dd(2, 1), wantFPSCR(nzcvGT)},
		{"VCMPE_T1/F64_qNaN", vcmpeD, func(c *CPU) { c.SetD(0, 0x7FF8000000000000); c.SetD(1, f64(1)) }, wantFPSCR(nzcvUN | fIOC)},
		{"VMRS/APSR_nzcv", vmrsNZ, setNZCV(0x6000_0010), func(t *testing.T, c *CPU) {
			if c.N || !c.Z || !c.C || c.V {
				t.Errorf("APSR %#x, want Z and C", c.APSR())
			}
		}},
		{"VMRS/FPSCR", vmrsR0, setNZCV(0x8300_0091), func(t *testing.T, c *CPU) {
			if c.R[0] != 0x8300_0091 {
				t.Errorf("R0 = %#x", c.R[0])
			}
		}},
		// Reserved bits (Len, Stride, QC, trap enables) read as zero: FPSCR implements
		// NZCV, AHP, DN, FZ, RMode and the six cumulative flags (A2.5.3).
		{"VMSR/mask", vmsrR0, func(c *CPU) { c.R[0] = 0xFFFF_FFFF }, wantFPSCR(0xF7C0_009F)},
	})
}

func TestExecFPConvert(t *testing.T) {
	cvt := func(raw uint32) []uint16 { return thumb32(raw) }
	s1 := func(fpscr, v uint32) func(c *CPU) { return sWithFPSCR(fpscr, 1, v) }
	d1 := func(v uint64) func(c *CPU) { return func(c *CPU) { c.SetD(1, v) } }
	d0 := func(v uint64) func(c *CPU) { return func(c *CPU) { c.SetD(0, v) } }
	i32 := func(v int32) uint32 { return uint32(v) }
	runFPCases(t, []fpCase{
		// single <-> double (vcvt.f64.f32 d0, s2 / vcvt.f32.f64 s0, d1)
		{"VCVT_ds/F32ToF64", cvt(0xEEB70AC1), sWithFPSCR(0, 2, f32(1.5)), all(wantD(0, f64(1.5)), wantFPSCR(0))},
		// A signalling NaN is quietened, its payload moved to the top of the fraction.
		{"VCVT_ds/F32ToF64_sNaN", cvt(0xEEB70AC1), sWithFPSCR(0, 2, 0x7F800001), all(wantD(0, 0x7FF8000020000000), wantFPSCR(fIOC))},
		{"VCVT_ds/F64ToF32_inexact", cvt(0xEEB70BC1), d1(f64(1 + 0x1p-30)), all(wantS(0, f32(1)), wantFPSCR(fIXC))},
		// float -> integer: VCVT rounds toward zero, VCVTR with FPSCR.RMode.
		{"VCVT_fi/F32ToS32_RZ", cvt(0xEEBD0AE0), s1(0, f32(-1.5)), all(wantS(0, i32(-1)), wantFPSCR(fIXC))},
		{"VCVT_fi/F32ToS32_saturate", cvt(0xEEBD0AE0), s1(0, f32(3e9)), all(wantS(0, 0x7FFFFFFF), wantFPSCR(fIOC))},
		{"VCVT_fi/F32ToS32_NaN", cvt(0xEEBD0AE0), s1(0, 0x7FC00000), all(wantS(0, 0), wantFPSCR(fIOC))},
		{"VCVT_fi/F32ToU32_negative", cvt(0xEEBC0AE0), s1(0, f32(-1)), all(wantS(0, 0), wantFPSCR(fIOC))},
		// -0.5 rounds toward zero to 0, which is in range for unsigned: inexact only.
		{"VCVT_fi/F32ToU32_minus_half", cvt(0xEEBC0AE0), s1(0, f32(-0.5)), all(wantS(0, 0), wantFPSCR(fIXC))},
		{"VCVTR/F32ToS32_RN", cvt(0xEEBD0A60), s1(0, f32(-1.5)), wantS(0, i32(-2))},
		{"VCVTR/F32ToS32_RP", cvt(0xEEBD0A60), s1(fRP, f32(-1.5)), wantS(0, i32(-1))},
		{"VCVT_fi/F64ToS32", cvt(0xEEBD0BC1), d1(f64(-2.75)), all(wantS(0, i32(-2)), wantFPSCR(fIXC))},
		{"VCVT_fi/F64ToU32", cvt(0xEEBC0BC1), d1(f64(4294967295)), all(wantS(0, 0xFFFFFFFF), wantFPSCR(0))},
		// integer -> float rounds with FPSCR.RMode.
		{"VCVT_if/S32ToF32", cvt(0xEEB80AE0), s1(0, i32(-3)), all(wantS(0, f32(-3)), wantFPSCR(0))},
		{"VCVT_if/U32ToF32_RN", cvt(0xEEB80A60), s1(0, 0xFFFFFFFF), all(wantS(0, 0x4F800000), wantFPSCR(fIXC))},
		{"VCVT_if/U32ToF32_RZ", cvt(0xEEB80A60), s1(fRZ, 0xFFFFFFFF), all(wantS(0, 0x4F7FFFFF), wantFPSCR(fRZ|fIXC))},
		{"VCVT_if/S32ToF64", cvt(0xEEB80BC1), sWithFPSCR(0, 2, 0x80000000), wantD(0, f64(-2147483648))},
		{"VCVT_if/U32ToF64", cvt(0xEEB80B41), sWithFPSCR(0, 2, 0x80000000), wantD(0, f64(2147483648))},
		// fixed point: vcvt.s16.f32 s0, s0, #8: 1.5 * 2^8 = 384, -1.5 -> -384 sign-extended.
		{"VCVT_fx/F32ToS16", cvt(0xEEBE0A44), sWithFPSCR(0, 0, f32(-1.5)), all(wantS(0, 0xFFFFFE80), wantFPSCR(0))},
		// vcvt.u32.f32 s0, s0, #16: 2.5 * 2^16 = 0x28000.
		{"VCVT_fx/F32ToU32", cvt(0xEEBF0AC8), sWithFPSCR(0, 0, f32(2.5)), wantS(0, 0x28000)},
		// vcvt.f32.s16 s0, s0, #8: only the low 16 bits count (0xFE80 = -384 -> -1.5).
		{"VCVT_fx/S16ToF32", cvt(0xEEBA0A44), sWithFPSCR(0, 0, 0x1234FE80), wantS(0, f32(-1.5))},
		{"VCVT_fx/U32ToF32", cvt(0xEEBB0AC8), sWithFPSCR(0, 0, 0x28000), wantS(0, f32(2.5))},
		// vcvt.s32.f64 d0, d0, #4: -2.5 * 16 = -40, sign-extended to 64 bits.
		{"VCVT_fx/F64ToS32", cvt(0xEEBE0BCE), d0(f64(-2.5)), wantD(0, 0xFFFFFFFFFFFFFFD8)},
		{"VCVT_fx/S32ToF64", cvt(0xEEBA0BCE), d0(0x12345678FFFFFFD8), wantD(0, f64(-2.5))},
		// vcvt.s16.f64 d0, d0, #1: 3.0 * 2 = 6; vcvt.f64.u16 d0, d0, #1 reads D0<15:0>.
		{"VCVT_fx/F64ToS16", cvt(0xEEBE0B67), d0(f64(3)), wantD(0, 6)},
		{"VCVT_fx/U16ToF64", cvt(0xEEBB0B67), d0(0xFFFFFFFFFFFF0006), wantD(0, f64(3))},
		// VCVTA/N/P/M (fixed rounding modes): 2.5 and -1.5.
		{"VCVTA/2.5", cvt(0xFEBC0AE0), s1(0, f32(2.5)), all(wantS(0, 3), wantFPSCR(fIXC))},
		{"VCVTN/2.5", cvt(0xFEBD0AE0), s1(0, f32(2.5)), wantS(0, 2)},
		{"VCVTP/2.5", cvt(0xFEBE0AE0), s1(fRM, f32(2.5)), wantS(0, 3)},
		{"VCVTM/2.5", cvt(0xFEBF0AE0), s1(fRP, f32(2.5)), wantS(0, 2)},
		{"VCVTA/-1.5", cvt(0xFEBC0AE0), s1(0, f32(-1.5)), wantS(0, i32(-2))},
		{"VCVTN/-1.5", cvt(0xFEBD0AE0), s1(0, f32(-1.5)), wantS(0, i32(-2))},
		{"VCVTP/-1.5", cvt(0xFEBE0AE0), s1(0, f32(-1.5)), wantS(0, i32(-1))},
		{"VCVTM/-1.5", cvt(0xFEBF0AE0), s1(0, f32(-1.5)), wantS(0, i32(-2))},
		{"VCVTM/U32_F64", cvt(0xFEBF0B41), d1(f64(2.5)), wantS(0, 2)},
		// half precision (vcvtb/vcvtt): 0x3E00 = 1.5, 0x3C00 = 1.0, 0xC000 = -2.0.
		{"VCVTB/F16ToF32", cvt(0xEEB20A60), s1(0, 0x3C003E00), all(wantS(0, f32(1.5)), wantFPSCR(0))},
		{"VCVTT/F16ToF32", cvt(0xEEB20AE0), s1(0, 0x3C003E00), wantS(0, f32(1))},
		// 0x7C00 is +inf in IEEE half precision, 65536 in the alternative format.
		{"VCVTB/F16ToF32_IEEE_inf", cvt(0xEEB20A60), s1(0, 0x7C00), wantS(0, 0x7F800000)},
		{"VCVTB/F16ToF32_AHP", cvt(0xEEB20A60), s1(fAHP, 0x7C00), wantS(0, f32(65536))},
		{"VCVTB/F32ToF16", cvt(0xEEB30A60), sWithFPSCR(0, 0, 0xAAAA5555, 1, f32(1.5)), all(wantS(0, 0xAAAA3E00), wantFPSCR(0))},
		{"VCVTT/F32ToF16", cvt(0xEEB30AE0), sWithFPSCR(0, 0, 0xAAAA5555, 1, f32(1.5)), wantS(0, 0x3E005555)},
		// The alternative format has no infinity: +inf gives 0x7FFF with IOC.
		{"VCVTB/F32ToF16_AHP_inf", cvt(0xEEB30A60), sWithFPSCR(fAHP, 0, 0, 1, 0x7F800000), all(wantS(0, 0x7FFF), wantFPSCR(fAHP|fIOC))},
		{"VCVTB/F16ToF64", cvt(0xEEB20B41), sWithFPSCR(0, 2, 0xFFFFC000), wantD(0, f64(-2))},
		{"VCVTT/F64ToF16", cvt(0xEEB30BC1), func(c *CPU) { c.S[0] = 0x1234; c.SetD(1, f64(0.5)) }, wantS(0, 0x38001234)},
	})
}

func TestExecFPRoundSelect(t *testing.T) {
	s1 := func(fpscr, v uint32) func(c *CPU) { return sWithFPSCR(fpscr, 1, v) }
	flags := func(n, z, cf, v bool) func(c *CPU) {
		return func(c *CPU) {
			c.N, c.Z, c.C, c.V = n, z, cf, v
			c.S[1], c.S[2] = 0x1111, 0x2222
		}
	}
	flagsD := func(n, z, cf, v bool) func(c *CPU) {
		return func(c *CPU) {
			c.N, c.Z, c.C, c.V = n, z, cf, v
			c.SetD(1, 0x1111_0000_1111)
			c.SetD(2, 0x2222_0000_2222)
		}
	}
	runFPCases(t, []fpCase{
		// vrint{a,n,p,m,z,r,x}.f32 s0, s1 on 2.5; only VRINTX signals inexact.
		{"VRINTA", thumb32(0xFEB80A60), s1(0, f32(2.5)), all(wantS(0, f32(3)), wantFPSCR(0))},
		{"VRINTN", thumb32(0xFEB90A60), s1(0, f32(2.5)), wantS(0, f32(2))},
		{"VRINTP", thumb32(0xFEBA0A60), s1(0, f32(2.5)), wantS(0, f32(3))},
		{"VRINTM", thumb32(0xFEBB0A60), s1(0, f32(2.5)), wantS(0, f32(2))},
		{"VRINTZ", thumb32(0xEEB60AE0), s1(fRP, f32(2.5)), all(wantS(0, f32(2)), wantFPSCR(fRP))},
		{"VRINTZ/minus_half", thumb32(0xEEB60AE0), s1(0, f32(-0.5)), wantS(0, 0x8000_0000)},
		{"VRINTR/RN", thumb32(0xEEB60A60), s1(0, f32(2.5)), all(wantS(0, f32(2)), wantFPSCR(0))},
		{"VRINTR/RP", thumb32(0xEEB60A60), s1(fRP, f32(2.5)), wantS(0, f32(3))},
		{"VRINTX", thumb32(0xEEB70A60), s1(0, f32(2.5)), all(wantS(0, f32(2)), wantFPSCR(fIXC))},
		{"VRINTM/F64", thumb32(0xFEBB0B41), func(c *CPU) { c.SetD(1, f64(-0.5)) }, wantD(0, f64(-1))},
		// vseleq.f32 s0, s1, s2 / vselge.f64 d0, d1, d2 / vselgt.f32 / vselvs.f32
		{"VSEL/EQ_taken", thumb32(0xFE000A81), flags(false, true, false, false), wantS(0, 0x1111)},
		{"VSEL/EQ_not", thumb32(0xFE000A81), flags(false, false, false, false), wantS(0, 0x2222)},
		{"VSEL/GE_F64_taken", thumb32(0xFE210B02), flagsD(true, false, false, true), wantD(0, 0x1111_0000_1111)},
		{"VSEL/GE_F64_not", thumb32(0xFE210B02), flagsD(true, false, false, false), wantD(0, 0x2222_0000_2222)},
		{"VSEL/GT_not", thumb32(0xFE300A81), flags(false, true, false, false), wantS(0, 0x2222)},
		{"VSEL/GT_taken", thumb32(0xFE300A81), flags(false, false, false, false), wantS(0, 0x1111)},
		{"VSEL/VS_taken", thumb32(0xFE100A81), flags(false, false, false, true), wantS(0, 0x1111)},
		// vmaxnm.f32 s0, s1, s2 / vminnm.f64 d0, d1, d2: a quiet NaN loses to a number,
		// max(+0, -0) = +0, min(+0, -0) = -0.
		{"VMAXNM/qNaN", thumb32(0xFE800A81), sWithFPSCR(0, 1, 0x7FC00000, 2, f32(1)), all(wantS(0, f32(1)), wantFPSCR(0))},
		{"VMAXNM/zeros", thumb32(0xFE800A81), sWithFPSCR(0, 1, 0x8000_0000, 2, 0), wantS(0, 0)},
		{"VMAXNM/sNaN", thumb32(0xFE800A81), sWithFPSCR(0, 1, f32(1), 2, 0x7F800001), all(wantS(0, 0x7FC00001), wantFPSCR(fIOC))},
		{"VMINNM/F64_zeros", thumb32(0xFE810B42), func(c *CPU) { c.SetD(1, 0); c.SetD(2, 1<<63) }, wantD(0, 1<<63)},
	})
}

func TestExecFPMove(t *testing.T) {
	coreCheck := func(kv ...uint32) func(t *testing.T, c *CPU) {
		return func(t *testing.T, c *CPU) {
			for i := 0; i+1 < len(kv); i += 2 {
				if c.R[kv[i]] != kv[i+1] {
					t.Errorf("R%d = %#x, want %#x", kv[i], c.R[kv[i]], kv[i+1])
				}
			}
		}
	}
	runFPCases(t, []fpCase{
		// vmov.f32 s0, #1.0 / vmov.f64 d0, #-2.5 (VFPExpandImm)
		{"VMOV_imm/F32", thumb32(0xEEB70A00), nil, wantS(0, f32(1))},
		{"VMOV_imm/F64", thumb32(0xEEB80B04), nil, wantD(0, f64(-2.5))},
		// vmov.f32 s0, s1 moves a signalling NaN unchanged, no flags.
		{"VMOV_reg/F32_sNaN", thumb32(0xEEB00A60), sWithFPSCR(0, 1, 0x7F800001), all(wantS(0, 0x7F800001), wantFPSCR(0))},
		{"VMOV_reg/F64", thumb32(0xEEB00B41), func(c *CPU) { c.SetD(1, 0x0123456789ABCDEF) }, wantD(0, 0x0123456789ABCDEF)},
		{"VMOV_reg/D15", thumb32(0xEEB0FB40), func(c *CPU) { c.SetD(0, 0x0123456789ABCDEF) },
			all(wantD(15, 0x0123456789ABCDEF), wantS(30, 0x89ABCDEF), wantS(31, 0x01234567))},
		{"VMOV_core_s/to_S", thumb32(0xEE002A90), func(c *CPU) { c.R[2] = 0xCAFE }, wantS(1, 0xCAFE)},
		{"VMOV_core_s/S31", thumb32(0xEE0F0A90), func(c *CPU) { c.R[0] = 0xBEEF }, wantS(31, 0xBEEF)},
		{"VMOV_core_s/to_core", thumb32(0xEE103A90), sWithFPSCR(0, 1, 0xF00D), coreCheck(3, 0xF00D)},
		// vmov s2, s3, r4, r5 / vmov r4, r5, s2, s3
		{"VMOV_2core_2s/to_S", thumb32(0xEC454A11), func(c *CPU) { c.R[4], c.R[5] = 4, 5 }, all(wantS(2, 4), wantS(3, 5))},
		{"VMOV_2core_2s/to_core", thumb32(0xEC554A11), sWithFPSCR(0, 2, 22, 3, 33), coreCheck(4, 22, 5, 33)},
		// vmov d1, r6, r7 (r6 the low word) / vmov r6, r7, d1
		{"VMOV_2core_d/to_D", thumb32(0xEC476B11), func(c *CPU) { c.R[6], c.R[7] = 0x89ABCDEF, 0x01234567 },
			wantD(1, 0x0123456789ABCDEF)},
		{"VMOV_2core_d/to_core", thumb32(0xEC576B11), func(c *CPU) { c.SetD(1, 0x0123456789ABCDEF) },
			coreCheck(6, 0x89ABCDEF, 7, 0x01234567)},
		// vmov.32 d2[1], r8 / vmov.32 r9, d2[1] / vmov.32 d2[0], r8
		{"VMOV_scalar/to_high", thumb32(0xEE228B10), func(c *CPU) { c.R[8] = 0x88; c.SetD(2, 0x1111_2222) },
			wantD(2, 0x88_1111_2222)},
		{"VMOV_scalar/to_low", thumb32(0xEE028B10), func(c *CPU) { c.R[8] = 0x88; c.SetD(2, 0x7777_0000_2222) },
			wantD(2, 0x7777_0000_0088)},
		{"VMOV_scalar/to_core", thumb32(0xEE329B10), func(c *CPU) { c.SetD(2, 0x4444_0000_5555) }, coreCheck(9, 0x4444)},
	})
}

func TestExecFPLoadStore(t *testing.T) {
	const base = testRAMBase + 0x100
	mem := func(c *CPU, a uint32) uint32 {
		v, err := c.Bus().Read(a, 4)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	setMem := func(c *CPU, a uint32, vs ...uint32) {
		for i, v := range vs {
			if err := c.Bus().Write(a+4*uint32(i), 4, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	wantMem := func(a uint32, vs ...uint32) func(t *testing.T, c *CPU) {
		return func(t *testing.T, c *CPU) {
			t.Helper()
			for i, v := range vs {
				if got := mem(c, a+4*uint32(i)); got != v {
					t.Errorf("mem[%#x] = %#x, want %#x", a+4*uint32(i), got, v)
				}
			}
		}
	}
	wantR := func(n int, v uint32) func(t *testing.T, c *CPU) {
		return func(t *testing.T, c *CPU) {
			t.Helper()
			if c.R[n] != v {
				t.Errorf("R%d = %#x, want %#x", n, c.R[n], v)
			}
		}
	}
	r0 := func(v uint32, memAt uint32, vs ...uint32) func(c *CPU) {
		return func(c *CPU) {
			c.R[0] = v
			for i := range c.S {
				c.S[i] = 0x100 + uint32(i)
			}
			setMem(c, memAt, vs...)
		}
	}
	runFPCases(t, []fpCase{
		{"VLDR/S", thumb32(0xED900A01), r0(base, base+4, 0x11223344), wantS(0, 0x11223344)}, // vldr s0, [r0, #4]
		// vldr d1, [r0, #-8]: the low word at the lower address.
		{"VLDR/D", thumb32(0xED101B02), r0(base, base-8, 0x89ABCDEF, 0x01234567), wantD(1, 0x0123456789ABCDEF)},
		// vldr s2, [pc, #8] at 0x100: Align(PC, 4) = 0x104, literal at 0x10C.
		{"VLDR/literal", prog(thumb32(0xED9F1A02), []uint16{0, 0, 0, 0, 0x5678, 0x1234}), nil, wantS(2, 0x12345678)},
		{"VSTR/S", thumb32(0xED800A01), r0(base, base), wantMem(base+4, 0x100)}, // vstr s0, [r0, #4]
		{"VSTR/D", thumb32(0xED001B02), r0(base, base), wantMem(base-8, 0x102, 0x103)},
		// vldmia r0!, {s0-s3}
		{"VLDM/S_wback", thumb32(0xECB00A04), r0(base, base, 1, 2, 3, 4),
			all(wantS(0, 1), wantS(3, 4), wantS(4, 0x104), wantR(0, base+16))},
		// vldmia r0, {d0-d2}
		{"VLDM/D", thumb32(0xEC900B06), r0(base, base, 1, 2, 3, 4, 5, 6),
			all(wantD(0, 2<<32|1), wantD(2, 6<<32|5), wantS(6, 0x106), wantR(0, base))},
		// vldmdb r0!, {s4-s5}
		{"VLDMDB/S", thumb32(0xED302A02), r0(base, base-8, 7, 8), all(wantS(4, 7), wantS(5, 8), wantR(0, base-8))},
		// vstmia r0!, {s0-s3}
		{"VSTM/S_wback", thumb32(0xECA00A04), r0(base, base), all(wantMem(base, 0x100, 0x101, 0x102, 0x103), wantR(0, base+16))},
		// vstmdb r0!, {d0-d1}
		{"VSTMDB/D", thumb32(0xED200B04), r0(base, base), all(wantMem(base-16, 0x100, 0x101, 0x102, 0x103), wantR(0, base-16))},
		// vstmia r0, {d4}
		{"VSTM/D_no_wback", thumb32(0xEC804B02), r0(base, base), all(wantMem(base, 0x108, 0x109), wantR(0, base))},
		// vpush {s16-s17}; vpop {s16-s17}; vpush {d8-d9}
		{"VPUSH/S", thumb32(0xED2D8A02), r0(0, 0), all(wantMem(testRAMBase+testRAMSize-8, 0x110, 0x111), wantR(13, testRAMBase+testRAMSize-8))},
		{"VPOP/S", thumb32(0xECBD8A02), func(c *CPU) {
			c.R[13] = base
			setMem(c, base, 0xAA, 0xBB)
		}, all(wantS(16, 0xAA), wantS(17, 0xBB), wantR(13, base+8))},
		{"VPUSH/D", thumb32(0xED2D8B04), r0(0, 0), all(wantMem(testRAMBase+testRAMSize-16, 0x110, 0x111, 0x112, 0x113),
			wantR(13, testRAMBase+testRAMSize-16))},
		{"VPOP/D", thumb32(0xECBD8B04), func(c *CPU) {
			c.R[13] = base
			setMem(c, base, 1, 2, 3, 4)
		}, all(wantD(8, 2<<32|1), wantD(9, 4<<32|3), wantR(13, base+16))},
	})
}

// TestExecFPMemFaults: FP loads and stores need word alignment whatever
// CCR.UNALIGN_TRP says (A3.2.1); a fault leaves the registers and the base unchanged.
func TestExecFPMemFaults(t *testing.T) {
	cases := []struct {
		name string
		code []uint16
		r0   uint32
		kind FaultKind
	}{
		{"VLDR_unaligned", thumb32(0xED900A01), testRAMBase + 2, FaultUnaligned},
		{"VSTR_D_unaligned", thumb32(0xED001B02), testRAMBase + 0x101, FaultUnaligned},
		{"VLDM_unaligned", thumb32(0xECB00A04), testRAMBase + 2, FaultUnaligned},
		// vldmia r0!, {s0-s3} from 8 bytes below the end of RAM: the third word faults.
		{"VLDM_bus_fault", thumb32(0xECB00A04), testRAMBase + testRAMSize - 8, FaultPreciseBus},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			c.R[0] = tc.r0
			for i := range c.S {
				c.S[i] = 0x100 + uint32(i)
			}
			s := c.Step()
			if s == nil || s.Reason != StopFault || s.Fault.Kind != tc.kind {
				t.Fatalf("stop %+v, want fault %v", s, tc.kind)
			}
			if c.R[0] != tc.r0 || c.S[0] != 0x100 || c.S[1] != 0x101 || c.R[15] != 0x100 {
				t.Fatalf("state changed: R0 %#x S0 %#x S1 %#x PC %#x", c.R[0], c.S[0], c.S[1], c.R[15])
			}
		})
	}
}

// TestFPTimingBase: the FP issue costs of timing.go (cortex-m7-timing.md §1.6) and the
// data-dependent double-precision parts.
func TestFPTimingBase(t *testing.T) {
	cases := []struct {
		name  string
		raw   uint32
		setup func(c *CPU)
		want  uint64
	}{
		{"VADD.F32", 0xEE300A81, nil, 1},
		{"VMLA.F32", 0xEE000A81, nil, 3},
		{"VFMA.F64", 0xEEA10B02, nil, 8},
		{"VDIV.F32", 0xEE800A81, nil, 16},
		{"VSQRT.F32", 0xEEB10AE0, nil, 14},
		{"VSQRT.F64", 0xEEB10BC1, nil, 30},
		{"VDIV.F64", 0xEE810B02, func(c *CPU) { c.SetD(1, f64(1)); c.SetD(2, f64(3)) }, 30},
		{"VDIV.F64_zero", 0xEE810B02, func(c *CPU) { c.SetD(1, 0); c.SetD(2, f64(3)) }, 2},
		{"VMUL.F64", 0xEE210B02, func(c *CPU) { c.SetD(1, f64(1.5)); c.SetD(2, f64(3)) }, 5},
		{"VMUL.F64_zero", 0xEE210B02, func(c *CPU) { c.SetD(2, f64(3)) }, 4},
		{"VADD.F64_same_exp", 0xEE310B02, func(c *CPU) { c.SetD(1, f64(1.5)); c.SetD(2, f64(1.25)) }, 1},
		{"VADD.F64_diff_exp", 0xEE310B02, func(c *CPU) { c.SetD(1, f64(1.5)); c.SetD(2, f64(3)) }, 2},
		{"VADD.F64_zero", 0xEE310B02, func(c *CPU) { c.SetD(1, f64(1.5)) }, 3},
		{"VLDR.32", 0xED900A01, func(c *CPU) { c.R[0] = testRAMBase }, 2},
		{"VLDR.64", 0xED101B02, func(c *CPU) { c.R[0] = testRAMBase + 8 }, 3},
		{"VLDM.64x3", 0xEC900B06, func(c *CPU) { c.R[0] = testRAMBase }, 7},
		{"VPUSH.32x2", 0xED2D8A02, nil, 3},
		{"VMOV_2core_d", 0xEC476B11, nil, 2},
		{"VMRS", 0xEEF10A10, nil, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, thumb32(tc.raw)...)
			if tc.setup != nil {
				tc.setup(c)
			}
			stepN(t, c, 1)
			if c.Cycles != tc.want {
				t.Fatalf("%d cycles, want %d", c.Cycles, tc.want)
			}
		})
	}
	in, err := thumb.Decode(0xEC90, 0x0B06) // vldmia r0, {d0-d2}
	if err != nil {
		t.Fatal(err)
	}
	if got := FunctionalTiming().Base(&in); got != 1 {
		t.Fatalf("functional timing: VLDM costs %d", got)
	}
	if got := DefaultTiming().lsuBase(&in); got != 6 {
		t.Fatalf("VLDM LSU cycles %d, want 6", got)
	}
}

// FuzzFPExecute runs sequences of arbitrary floating-point-space encodings (hw1 in
// 0xEC00–0xEFFF or 0xFC00–0xFFFF, hw2[11:9] = 101: CP10/CP11) with arbitrary core and
// FP register values: the core must never panic, and a stop must carry a reason.
func FuzzFPExecute(f *testing.F) {
	f.Add([]byte{0x30, 0xee, 0x81, 0x0a, 0x9f, 0xed, 0x02, 0x1a}, uint32(0x20000100), uint32(0x3fc00000))
	f.Add([]byte{0xbd, 0xec, 0x04, 0x8b, 0x2d, 0xed, 0x20, 0x0b}, uint32(0x2000fff0), uint32(0x7f800001))
	f.Fuzz(func(t *testing.T, code []byte, a, b uint32) {
		if len(code) > 256 {
			code = code[:256]
		}
		var hws []uint16
		for i := 0; i+4 <= len(code); i += 4 {
			hw1 := uint16(code[i]) | uint16(code[i+1])<<8
			hw2 := uint16(code[i+2]) | uint16(code[i+3])<<8
			hw1 = 0xEC00 | hw1&0x03FF | hw1&0x1000 // 111x 11xx xxxx xxxx
			hw2 = hw2&^0x0E00 | 0x0A00             // coprocessor 10 or 11
			hws = append(hws, hw1, hw2)
		}
		c := newTestCPU(t, hws...)
		for i := 0; i < 13; i++ {
			c.R[i] = a + uint32(i)*b
		}
		for i := range c.S {
			c.S[i] = b ^ uint32(i)*a
		}
		c.FPSCR = a & fpscrMask
		for i := 0; i < len(hws); i++ {
			s := c.Step()
			if s != nil {
				if s.Reason == StopNone || (s.Reason == StopFault && s.Fault == nil) {
					t.Fatalf("stop without a reason: %+v", s)
				}
				return
			}
		}
	})
}

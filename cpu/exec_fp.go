package cpu

import (
	"m7emu/cpu/thumb"
	"m7emu/cpu/vfp"
)

// Floating-point instructions (FPv5-D16): Arm DDI0403E.e A7.7 (VABS … VSTR) and the
// FPv5/ARMv8 additions (VSEL, VMAXNM/VMINNM, VCVTA/N/P/M, VRINT*). Operand conventions
// are documented at the top of cpu/thumb/fp.go; the arithmetic is package vfp.
//
// Rules shared by all of them:
//   - Every execute function starts with fpCheck (fpregs.go: ExecuteFPCheck): NOCP
//     UsageFault when CPACR denies CP10, the lazy save of a preempted FP context, and
//     the creation of a new FP context (CONTROL.FPCA, FPSCR modes from FPDSCR). Inside
//     an IT block a failed condition skips the instruction before any of this, as in
//     the pseudocode (ExecuteFPCheck follows ConditionPassed).
//   - Arithmetic reads FPSCR's modes (RMode, FZ, DN, AHP) and ORs the cumulative
//     exception flags the vfp operation reports into FPSCR. Multiply-accumulate forms
//     that are not fused (VMLA, VMLS, VNMLA, VNMLS) are the two pseudocode steps, each
//     rounding and each raising its own flags.
//   - VABS, VNEG, VMOV and the loads and stores never raise floating-point flags
//     (they move bits, NaNs included).
//   - Loads and stores are MemA: a word-unaligned address is an UNALIGNED UsageFault
//     whatever CCR.UNALIGN_TRP says (A3.2.1). All the words of a load are read before
//     any register is written, and the base is written back last, so a fault leaves the
//     registers unchanged; a store that faults part-way leaves the words already stored.
//     D registers are two words, the low word at the lower address (VLDR pseudocode,
//     little-endian).
//   - Encodings naming D16–D31 and the UNPREDICTABLE register choices that cpu/thumb
//     marks FlagExecUndefined never reach these functions. Register indices are still
//     masked so nothing here can index out of range.
//
// UNPREDICTABLE choices: a core register write to the PC (VMOV to core registers) is a
// branch (BranchWritePC, as QEMU's store_reg); a write to SP clears bits [1:0]; VMOV with
// Sm = S31 in the two-register form wraps to S0 for the second register.

func registerFP(t *[thumb.NumOps]execFn) {
	t[thumb.OpVADD] = execVADD
	t[thumb.OpVSUB] = execVSUB
	t[thumb.OpVMUL] = execVMUL
	t[thumb.OpVNMUL] = execVNMUL
	t[thumb.OpVDIV] = execVDIV
	t[thumb.OpVSQRT] = execVSQRT
	t[thumb.OpVABS] = execVABS
	t[thumb.OpVNEG] = execVNEG
	t[thumb.OpVMLA] = execVMLA
	t[thumb.OpVMLS] = execVMLS
	t[thumb.OpVNMLA] = execVNMLA
	t[thumb.OpVNMLS] = execVNMLS
	t[thumb.OpVFMA] = execVFMA
	t[thumb.OpVFMS] = execVFMS
	t[thumb.OpVFNMA] = execVFNMA
	t[thumb.OpVFNMS] = execVFNMS
	t[thumb.OpVCMP] = execVCMP
	t[thumb.OpVCMPE] = execVCMP
	t[thumb.OpVCVT] = execVCVT
	t[thumb.OpVCVTR] = execVCVT
	t[thumb.OpVCVTA] = execVCVT
	t[thumb.OpVCVTN] = execVCVT
	t[thumb.OpVCVTP] = execVCVT
	t[thumb.OpVCVTM] = execVCVT
	t[thumb.OpVCVTB] = execVCVTBT
	t[thumb.OpVCVTT] = execVCVTBT
	t[thumb.OpVRINTA] = execVRINT
	t[thumb.OpVRINTN] = execVRINT
	t[thumb.OpVRINTP] = execVRINT
	t[thumb.OpVRINTM] = execVRINT
	t[thumb.OpVRINTX] = execVRINT
	t[thumb.OpVRINTZ] = execVRINT
	t[thumb.OpVRINTR] = execVRINT
	t[thumb.OpVSEL] = execVSEL
	t[thumb.OpVMAXNM] = execVMAXNM
	t[thumb.OpVMINNM] = execVMINNM
	t[thumb.OpVMOV] = execVMOV
	t[thumb.OpVLDR] = execVLDR
	t[thumb.OpVSTR] = execVSTR
	t[thumb.OpVLDM] = execVLDM
	t[thumb.OpVPOP] = execVLDM // VPOP = VLDM SP! (Rn = 13, FlagWBack)
	t[thumb.OpVLDMDB] = execVLDMDB
	t[thumb.OpVSTM] = execVSTM
	t[thumb.OpVSTMDB] = execVSTMDB
	t[thumb.OpVPUSH] = execVSTMDB // VPUSH = VSTMDB SP! (Rn = 13, FlagWBack)
	t[thumb.OpVMRS] = execVMRS
	t[thumb.OpVMSR] = execVMSR
}

// fpscrFlags are FPSCR's cumulative exception bits (IOC DZC OFC UFC IXC IDC).
const fpscrFlags = uint32(vfp.FlagsMask)

// Register access in the operand's precision (register numbers masked: see above).
func (c *CPU) sreg(n uint8) uint32       { return c.S[n&31] }
func (c *CPU) setSreg(n uint8, v uint32) { c.S[n&31] = v }

// fpMode returns FPSCR for vfp; fpRaise ORs the flags an operation raised into FPSCR.
func (c *CPU) fpMode() vfp.FPSCR   { return vfp.FPSCR(c.FPSCR) }
func (c *CPU) fpRaise(f vfp.Flags) { c.FPSCR |= uint32(f) & fpscrFlags }

func isF64(in *thumb.Inst) bool { return in.Flags&thumb.FlagF64 != 0 }

// fpBinary performs Rd = op(Rn, Rm) in the instruction's precision.
func fpBinary(c *CPU, in *thumb.Inst,
	f32 func(a, b uint32, s vfp.FPSCR) (uint32, vfp.Flags),
	f64 func(a, b uint64, s vfp.FPSCR) (uint64, vfp.Flags)) {
	if !c.fpCheck(in) {
		return
	}
	if isF64(in) {
		r, f := f64(c.D(in.Rn), c.D(in.Rm), c.fpMode())
		c.SetD(in.Rd, r)
		c.fpRaise(f)
		return
	}
	r, f := f32(c.sreg(in.Rn), c.sreg(in.Rm), c.fpMode())
	c.setSreg(in.Rd, r)
	c.fpRaise(f)
}

// execVADD: VADD, FPAdd.
func execVADD(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagF64 != 0 && !c.timing.zero {
		c.extra += c.timing.fpAdd64Extra(c.D(in.Rn), c.D(in.Rm))
	}
	fpBinary(c, in, vfp.Add32, vfp.Add64)
}

// execVSUB: VSUB, FPSub.
func execVSUB(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagF64 != 0 && !c.timing.zero {
		c.extra += c.timing.fpAdd64Extra(c.D(in.Rn), c.D(in.Rm))
	}
	fpBinary(c, in, vfp.Sub32, vfp.Sub64)
}

// execVMUL: VMUL, FPMul.
func execVMUL(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagF64 != 0 && !c.timing.zero {
		c.extra += c.timing.fpMul64Extra(c.D(in.Rn), c.D(in.Rm))
	}
	fpBinary(c, in, vfp.Mul32, vfp.Mul64)
}

// execVDIV: VDIV, FPDiv.
func execVDIV(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagF64 != 0 && !c.timing.zero {
		c.extra += c.timing.fpDiv64Extra(c.D(in.Rn), c.D(in.Rm))
	}
	fpBinary(c, in, vfp.Div32, vfp.Div64)
}

// execVMAXNM, execVMINNM: VMAXNM/VMINNM (FPv5; FPMaxNum/FPMinNum).
func execVMAXNM(c *CPU, in *thumb.Inst) { fpBinary(c, in, vfp.MaxNum32, vfp.MaxNum64) }
func execVMINNM(c *CPU, in *thumb.Inst) { fpBinary(c, in, vfp.MinNum32, vfp.MinNum64) }

// execVSQRT: VSQRT, FPSqrt of Rm.
func execVSQRT(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	if isF64(in) {
		r, f := vfp.Sqrt64(c.D(in.Rm), c.fpMode())
		c.SetD(in.Rd, r)
		c.fpRaise(f)
		return
	}
	r, f := vfp.Sqrt32(c.sreg(in.Rm), c.fpMode())
	c.setSreg(in.Rd, r)
	c.fpRaise(f)
}

// execVABS: VABS: clear the sign bit, no flags.
func execVABS(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	if isF64(in) {
		c.SetD(in.Rd, vfp.Abs64(c.D(in.Rm)))
		return
	}
	c.setSreg(in.Rd, vfp.Abs32(c.sreg(in.Rm)))
}

// execVNEG: VNEG: flip the sign bit, no flags.
func execVNEG(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	if isF64(in) {
		c.SetD(in.Rd, vfp.Neg64(c.D(in.Rm)))
		return
	}
	c.setSreg(in.Rd, vfp.Neg32(c.sreg(in.Rm)))
}

// Non-fused multiply-accumulate (A7.7 VMLA/VMLS and VNMLA/VNMLS/VNMUL):
//
//	product = FPMul(Vn, Vm)
//	VMLA:  Vd = FPAdd(Vd, product)
//	VMLS:  Vd = FPAdd(Vd, FPNeg(product))
//	VNMLA: Vd = FPAdd(FPNeg(Vd), FPNeg(product))
//	VNMLS: Vd = FPAdd(FPNeg(Vd), product)
//	VNMUL: Vd = FPNeg(product)
//
// Each step rounds and raises its own flags; FPNeg flips the sign even of a NaN, so a
// NaN product or accumulator propagates with the sign the pseudocode gives it.
const (
	mlaNegProduct = 1 << iota
	mlaNegAcc
	mlaNoAcc
)

func fpMulAcc(c *CPU, in *thumb.Inst, kind int) {
	if !c.fpCheck(in) {
		return
	}
	s := c.fpMode()
	if isF64(in) {
		p, f := vfp.Mul64(c.D(in.Rn), c.D(in.Rm), s)
		if kind&mlaNegProduct != 0 {
			p = vfp.Neg64(p)
		}
		if kind&mlaNoAcc == 0 {
			acc := c.D(in.Rd)
			if kind&mlaNegAcc != 0 {
				acc = vfp.Neg64(acc)
			}
			var f2 vfp.Flags
			p, f2 = vfp.Add64(acc, p, s)
			f |= f2
		}
		c.SetD(in.Rd, p)
		c.fpRaise(f)
		return
	}
	p, f := vfp.Mul32(c.sreg(in.Rn), c.sreg(in.Rm), s)
	if kind&mlaNegProduct != 0 {
		p = vfp.Neg32(p)
	}
	if kind&mlaNoAcc == 0 {
		acc := c.sreg(in.Rd)
		if kind&mlaNegAcc != 0 {
			acc = vfp.Neg32(acc)
		}
		var f2 vfp.Flags
		p, f2 = vfp.Add32(acc, p, s)
		f |= f2
	}
	c.setSreg(in.Rd, p)
	c.fpRaise(f)
}

func execVMLA(c *CPU, in *thumb.Inst)  { fpMulAcc(c, in, 0) }
func execVMLS(c *CPU, in *thumb.Inst)  { fpMulAcc(c, in, mlaNegProduct) }
func execVNMLA(c *CPU, in *thumb.Inst) { fpMulAcc(c, in, mlaNegAcc|mlaNegProduct) }
func execVNMLS(c *CPU, in *thumb.Inst) { fpMulAcc(c, in, mlaNegAcc) }
func execVNMUL(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagF64 != 0 && !c.timing.zero {
		c.extra += c.timing.fpMul64Extra(c.D(in.Rn), c.D(in.Rm))
	}
	fpMulAcc(c, in, mlaNoAcc|mlaNegProduct)
}

// Fused multiply-add (A7.7 VFMA/VFMS and VFNMA/VFNMS), one rounding:
//
//	VFMA:  Vd = FPMulAdd(Vd, Vn, Vm)
//	VFMS:  Vd = FPMulAdd(Vd, FPNeg(Vn), Vm)
//	VFNMA: Vd = FPMulAdd(FPNeg(Vd), FPNeg(Vn), Vm)
//	VFNMS: Vd = FPMulAdd(FPNeg(Vd), Vn, Vm)
func fpFused(c *CPU, in *thumb.Inst, negN, negD bool) {
	if !c.fpCheck(in) {
		return
	}
	if isF64(in) {
		n, d := c.D(in.Rn), c.D(in.Rd)
		if negN {
			n = vfp.Neg64(n)
		}
		if negD {
			d = vfp.Neg64(d)
		}
		r, f := vfp.MulAdd64(d, n, c.D(in.Rm), c.fpMode())
		c.SetD(in.Rd, r)
		c.fpRaise(f)
		return
	}
	n, d := c.sreg(in.Rn), c.sreg(in.Rd)
	if negN {
		n = vfp.Neg32(n)
	}
	if negD {
		d = vfp.Neg32(d)
	}
	r, f := vfp.MulAdd32(d, n, c.sreg(in.Rm), c.fpMode())
	c.setSreg(in.Rd, r)
	c.fpRaise(f)
}

func execVFMA(c *CPU, in *thumb.Inst)  { fpFused(c, in, false, false) }
func execVFMS(c *CPU, in *thumb.Inst)  { fpFused(c, in, true, false) }
func execVFNMA(c *CPU, in *thumb.Inst) { fpFused(c, in, true, true) }
func execVFNMS(c *CPU, in *thumb.Inst) { fpFused(c, in, false, true) }

// execVCMP: VCMP/VCMPE: FPSCR.NZCV = FPCompare(Vd, Vm or +0); VCMPE also
// signals on quiet NaNs.
func execVCMP(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	signalling := in.Op == thumb.OpVCMPE
	var nzcv uint32
	var f vfp.Flags
	if isF64(in) {
		var m uint64
		if in.Flags&thumb.FlagImm == 0 {
			m = c.D(in.Rm)
		}
		nzcv, f = vfp.Compare64(c.D(in.Rd), m, signalling, c.fpMode())
	} else {
		var m uint32
		if in.Flags&thumb.FlagImm == 0 {
			m = c.sreg(in.Rm)
		}
		nzcv, f = vfp.Compare32(c.sreg(in.Rd), m, signalling, c.fpMode())
	}
	c.FPSCR = c.FPSCR&^fpscrNZCV | nzcv<<28
	c.fpRaise(f)
}

// cvtRMode is the rounding mode of a float-to-integer conversion: VCVT rounds toward
// zero, VCVTR with FPSCR.RMode, VCVTA/N/P/M with their own mode (ARMv8-M VCVTA …).
func cvtRMode(c *CPU, op thumb.Op) vfp.RoundingMode {
	switch op {
	case thumb.OpVCVTR:
		return c.fpMode().RMode()
	case thumb.OpVCVTA:
		return vfp.RoundNearestAway
	case thumb.OpVCVTN:
		return vfp.RoundNearest
	case thumb.OpVCVTP:
		return vfp.RoundPlusInf
	case thumb.OpVCVTM:
		return vfp.RoundMinusInf
	}
	return vfp.RoundZero
}

// extend64 widens a 16/32-bit fixed-point or integer result held in 32 bits (already
// sign- or zero-extended to 32) to 64 bits (the F64 fixed-point forms write all of Dd).
func extend64(v uint32, unsigned bool) uint64 {
	if unsigned {
		return uint64(v)
	}
	return uint64(int64(int32(v)))
}

// execVCVT: VCVT/VCVTR between floating-point and integer, between floating-point and
// fixed-point, between single and double precision (A7.7), and VCVTA/N/P/M (FPv5).
// Float to integer saturates (IOC); integer to float rounds with FPSCR.RMode;
// fixed-point conversions round toward zero (to fixed) or to nearest (from fixed).
func execVCVT(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	s := c.fpMode()
	d, m := in.Rd, in.Rm
	fb := int(in.Imm)
	var f vfp.Flags
	switch in.Aux {
	case thumb.CvtF32ToF64:
		var r uint64
		r, f = vfp.F32ToF64(c.sreg(m), s)
		c.SetD(d, r)
	case thumb.CvtF64ToF32:
		var r uint32
		r, f = vfp.F64ToF32(c.D(m), s)
		c.setSreg(d, r)
	case thumb.CvtF32ToS32, thumb.CvtF32ToU32:
		var r uint32
		r, f = vfp.ToInt32(c.sreg(m), 32, 0, in.Aux == thumb.CvtF32ToU32, cvtRMode(c, in.Op), s)
		c.setSreg(d, r)
	case thumb.CvtF64ToS32, thumb.CvtF64ToU32:
		var r uint32
		r, f = vfp.ToInt64(c.D(m), 32, 0, in.Aux == thumb.CvtF64ToU32, cvtRMode(c, in.Op), s)
		c.setSreg(d, r)
	case thumb.CvtS32ToF32, thumb.CvtU32ToF32:
		var r uint32
		r, f = vfp.FromInt32(c.sreg(m), 32, 0, in.Aux == thumb.CvtU32ToF32, s.RMode(), s)
		c.setSreg(d, r)
	case thumb.CvtS32ToF64, thumb.CvtU32ToF64:
		var r uint64
		r, f = vfp.FromInt64(c.sreg(m), 32, 0, in.Aux == thumb.CvtU32ToF64, s.RMode(), s)
		c.SetD(d, r)
	case thumb.CvtF32ToFxS16, thumb.CvtF32ToFxU16, thumb.CvtF32ToFxS32, thumb.CvtF32ToFxU32:
		size, unsigned := fxShape(in.Aux - thumb.CvtF32ToFxS16)
		var r uint32
		r, f = vfp.ToInt32(c.sreg(d), size, fb, unsigned, vfp.RoundZero, s)
		c.setSreg(d, r)
	case thumb.CvtF64ToFxS16, thumb.CvtF64ToFxU16, thumb.CvtF64ToFxS32, thumb.CvtF64ToFxU32:
		size, unsigned := fxShape(in.Aux - thumb.CvtF64ToFxS16)
		var r uint32
		r, f = vfp.ToInt64(c.D(d), size, fb, unsigned, vfp.RoundZero, s)
		c.SetD(d, extend64(r, unsigned))
	case thumb.CvtFxS16ToF32, thumb.CvtFxU16ToF32, thumb.CvtFxS32ToF32, thumb.CvtFxU32ToF32:
		size, unsigned := fxShape(in.Aux - thumb.CvtFxS16ToF32)
		var r uint32
		r, f = vfp.FromInt32(c.sreg(d), size, fb, unsigned, vfp.RoundNearest, s)
		c.setSreg(d, r)
	case thumb.CvtFxS16ToF64, thumb.CvtFxU16ToF64, thumb.CvtFxS32ToF64, thumb.CvtFxU32ToF64:
		size, unsigned := fxShape(in.Aux - thumb.CvtFxS16ToF64)
		var r uint64
		r, f = vfp.FromInt64(uint32(c.D(d)), size, fb, unsigned, vfp.RoundNearest, s)
		c.SetD(d, r)
	default:
		// Not a VCVT sub-form (cannot come from the decoder).
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	c.fpRaise(f)
}

// fxShape maps the offset of a fixed-point Cvt constant within its group of four (S16,
// U16, S32, U32 in that order, cpu/thumb/fp.go) to its size and signedness.
func fxShape(k uint32) (size int, unsigned bool) {
	size = 16
	if k >= 2 {
		size = 32
	}
	return size, k&1 != 0
}

// execVCVTBT: VCVTB/VCVTT (FPv5 adds the double-precision forms): half
// precision in the bottom (VCVTB) or top (VCVTT) half of an S register, IEEE or the
// alternative format by FPSCR.AHP.
func execVCVTBT(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	s := c.fpMode()
	shift := uint32(0)
	if in.Op == thumb.OpVCVTT {
		shift = 16
	}
	var f vfp.Flags
	switch in.Aux {
	case thumb.CvtF16ToF32:
		var r uint32
		r, f = vfp.HalfToF32(uint16(c.sreg(in.Rm)>>shift), s)
		c.setSreg(in.Rd, r)
	case thumb.CvtF16ToF64:
		var r uint64
		r, f = vfp.HalfToF64(uint16(c.sreg(in.Rm)>>shift), s)
		c.SetD(in.Rd, r)
	case thumb.CvtF32ToF16, thumb.CvtF64ToF16:
		var h uint16
		if in.Aux == thumb.CvtF32ToF16 {
			h, f = vfp.F32ToHalf(c.sreg(in.Rm), s)
		} else {
			h, f = vfp.F64ToHalf(c.D(in.Rm), s)
		}
		old := c.sreg(in.Rd)
		c.setSreg(in.Rd, old&^(0xFFFF<<shift)|uint32(h)<<shift)
	default:
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	c.fpRaise(f)
}

// execVRINT: VRINTA/N/P/M (fixed modes), VRINTZ (toward zero), VRINTR (FPSCR.RMode)
// and VRINTX (FPSCR.RMode, inexact signalled): FPRoundInt of Vm into Vd (FPv5).
func execVRINT(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	s := c.fpMode()
	var rm vfp.RoundingMode
	exact := false
	switch in.Op {
	case thumb.OpVRINTA:
		rm = vfp.RoundNearestAway
	case thumb.OpVRINTN:
		rm = vfp.RoundNearest
	case thumb.OpVRINTP:
		rm = vfp.RoundPlusInf
	case thumb.OpVRINTM:
		rm = vfp.RoundMinusInf
	case thumb.OpVRINTZ:
		rm = vfp.RoundZero
	case thumb.OpVRINTX:
		rm, exact = s.RMode(), true
	default: // VRINTR
		rm = s.RMode()
	}
	if isF64(in) {
		r, f := vfp.RoundInt64(c.D(in.Rm), rm, exact, s)
		c.SetD(in.Rd, r)
		c.fpRaise(f)
		return
	}
	r, f := vfp.RoundInt32(c.sreg(in.Rm), rm, exact, s)
	c.setSreg(in.Rd, r)
	c.fpRaise(f)
}

// execVSEL: VSEL<cond> (FPv5): Vd = ConditionPassed(cond) ? Vn : Vm, on the APSR flags.
func execVSEL(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	pass := c.ConditionPassed(uint8(in.Cond))
	if isF64(in) {
		v := c.D(in.Rm)
		if pass {
			v = c.D(in.Rn)
		}
		c.SetD(in.Rd, v)
		return
	}
	v := c.sreg(in.Rm)
	if pass {
		v = c.sreg(in.Rn)
	}
	c.setSreg(in.Rd, v)
}

// fpWriteCore writes a core register from an FP transfer (VMOV, VMRS): the PC is a
// branch, SP keeps bits [1:0] clear (UNPREDICTABLE choices, as QEMU).
func fpWriteCore(c *CPU, r uint8, v uint32) {
	switch r &= 15; r {
	case 15:
		c.BranchWritePC(v)
	case 13:
		c.R[13] = v &^ 3
	default:
		c.R[r] = v
	}
}

// execVMOV: every VMOV form: immediate, register, core register
// to/from a single, two core registers to/from two singles or a double, and a core
// register to/from half of a double (scalar).
func execVMOV(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	switch in.Aux {
	case thumb.VMovImm:
		if isF64(in) {
			c.SetD(in.Rd, uint64(in.Imm)<<32)
		} else {
			c.setSreg(in.Rd, in.Imm)
		}
	case thumb.VMovReg:
		if isF64(in) {
			c.SetD(in.Rd, c.D(in.Rm))
		} else {
			c.setSreg(in.Rd, c.sreg(in.Rm))
		}
	case thumb.VMovCoreToS:
		c.setSreg(in.Rn, c.R[in.Rd&15])
	case thumb.VMovSToCore:
		fpWriteCore(c, in.Rd, c.sreg(in.Rn))
	case thumb.VMovCoreToS2:
		c.setSreg(in.Rm, c.R[in.Rd&15])
		c.setSreg(in.Rm+1, c.R[in.Ra&15])
	case thumb.VMovS2ToCore:
		lo, hi := c.sreg(in.Rm), c.sreg(in.Rm+1)
		fpWriteCore(c, in.Rd, lo)
		fpWriteCore(c, in.Ra, hi)
	case thumb.VMovCoreToD:
		c.SetD(in.Rm, uint64(c.R[in.Ra&15])<<32|uint64(c.R[in.Rd&15]))
	case thumb.VMovDToCore:
		v := c.D(in.Rm)
		fpWriteCore(c, in.Rd, uint32(v))
		fpWriteCore(c, in.Ra, uint32(v>>32))
	case thumb.VMovCoreToScalar:
		c.S[(2*in.Rn+uint8(in.Imm&1))&31] = c.R[in.Rd&15]
	case thumb.VMovScalarToCore:
		fpWriteCore(c, in.Rd, c.S[(2*in.Rn+uint8(in.Imm&1))&31])
	default:
		c.setFault(FaultUndefInstr, 0, nil, in)
	}
}

// fpAddress is the address of VLDR/VSTR: Rn (Align(PC,4) for the literal form) ± Imm.
func fpAddress(c *CPU, in *thumb.Inst) uint32 {
	base := c.R[in.Rn&15]
	if in.Rn == 15 {
		base &^= 3
	}
	if in.Flags&thumb.FlagAdd != 0 {
		return base + in.Imm
	}
	return base - in.Imm
}

// execVLDR: VLDR: one single, or a double as two words (low word first).
func execVLDR(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	a := fpAddress(c, in)
	if !c.checkAlign(a, 4, in) {
		return
	}
	lo, ok := c.Read32(a)
	if !ok {
		return
	}
	if !isF64(in) {
		c.setSreg(in.Rd, lo)
		return
	}
	hi, ok := c.Read32(a + 4)
	if !ok {
		return
	}
	c.SetD(in.Rd, uint64(hi)<<32|uint64(lo))
}

// execVSTR: VSTR.
func execVSTR(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	a := fpAddress(c, in)
	if !c.checkAlign(a, 4, in) {
		return
	}
	if !isF64(in) {
		c.Write32(a, c.sreg(in.Rd))
		return
	}
	v := c.D(in.Rd)
	if c.Write32(a, uint32(v)) {
		c.Write32(a+4, uint32(v>>32))
	}
}

// fpListWords is the number of words VLDM/VSTM transfer: Aux registers, two words
// each for doubles, clipped to the register file (larger lists are UNPREDICTABLE and
// decoded FlagExecUndefined).
func fpListWords(in *thumb.Inst) uint32 {
	first, n, limit := uint32(in.Rd), in.Aux, uint32(32)
	if isF64(in) {
		limit = 16
	}
	if first >= limit {
		return 0
	}
	if n > limit-first {
		n = limit - first
	}
	if isF64(in) {
		return 2 * n
	}
	return n
}

// fpFirstWord is the index in S of the first register of a VLDM/VSTM list.
func fpFirstWord(in *thumb.Inst) uint32 {
	if isF64(in) {
		return 2 * uint32(in.Rd&15)
	}
	return uint32(in.Rd & 31)
}

// fpLoadMultiple reads the list from consecutive words at address, then writes the
// registers and the base (wbValue with FlagWBack).
func fpLoadMultiple(c *CPU, in *thumb.Inst, address, wbValue uint32) {
	if !c.checkAlign(address, 4, in) {
		return
	}
	n := fpListWords(in)
	var vals [32]uint32
	for i := uint32(0); i < n; i++ {
		v, ok := c.Read32(address + 4*i)
		if !ok {
			return
		}
		vals[i] = v
	}
	copy(c.S[fpFirstWord(in):], vals[:n])
	if in.Flags&thumb.FlagWBack != 0 {
		lsSetReg(c, in.Rn&15, wbValue)
	}
}

// fpStoreMultiple writes the list to consecutive words at address, then the base.
func fpStoreMultiple(c *CPU, in *thumb.Inst, address, wbValue uint32) {
	if !c.checkAlign(address, 4, in) {
		return
	}
	n, first := fpListWords(in), fpFirstWord(in)
	for i := uint32(0); i < n; i++ {
		if !c.Write32(address+4*i, c.S[(first+i)&31]) {
			return
		}
	}
	if in.Flags&thumb.FlagWBack != 0 {
		lsSetReg(c, in.Rn&15, wbValue)
	}
}

// execVLDM: VLDM (increment after) and VPOP.
func execVLDM(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	base := c.R[in.Rn&15]
	fpLoadMultiple(c, in, base, base+in.Imm)
}

// execVLDMDB: VLDMDB (decrement before, always with writeback).
func execVLDMDB(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	start := c.R[in.Rn&15] - in.Imm
	fpLoadMultiple(c, in, start, start)
}

// execVSTM: VSTM (increment after).
func execVSTM(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	base := c.R[in.Rn&15]
	fpStoreMultiple(c, in, base, base+in.Imm)
}

// execVSTMDB: VSTMDB (decrement before) and VPUSH.
func execVSTMDB(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	start := c.R[in.Rn&15] - in.Imm
	fpStoreMultiple(c, in, start, start)
}

// execVMRS: VMRS: Rt = FPSCR, or (Rt = 15) APSR.NZCV = FPSCR.NZCV. The
// other system registers (FPSID, MVFR0–2, FPEXC) are UNDEFINED on ARMv7-M and decode
// FlagExecUndefined; should they reach here, they read as the Cortex-M7 values.
func execVMRS(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	var v uint32
	switch in.Aux {
	case thumb.FPRegFPSCR:
		v = c.FPSCR
	case thumb.FPRegMVFR0:
		v = mvfr0
	case thumb.FPRegMVFR1:
		v = mvfr1
	case thumb.FPRegMVFR2:
		v = mvfr2
	default:
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	if in.Rd == 15 {
		c.N, c.Z, c.C, c.V = v>>31&1 != 0, v>>30&1 != 0, v>>29&1 != 0, v>>28&1 != 0
		return
	}
	fpWriteCore(c, in.Rd, v)
}

// Media and VFP Feature Registers of the Cortex-M7 with FPv5-D16 (B4.6; the same
// values the SCB shows at 0xE000EF40).
const (
	mvfr0 = 0x1011_0221
	mvfr1 = 0x1200_0011
	mvfr2 = 0x0000_0040
)

// execVMSR: VMSR: FPSCR = Rt (reserved bits dropped).
func execVMSR(c *CPU, in *thumb.Inst) {
	if !c.fpCheck(in) {
		return
	}
	if in.Aux != thumb.FPRegFPSCR {
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	c.SetFPSCR(c.R[in.Rd&15])
}

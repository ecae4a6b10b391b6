package cpu

import (
	"math/bits"

	"m7emu/cpu/thumb"
)

// Execution of the "mul" group: multiplies and divides, the DSP multiplies, saturation,
// the parallel add/subtract family, pack/extend and bit manipulation. Each function
// follows the Operation pseudocode of its Arm DDI0403E.e A7.7 section (cited at the
// function); operand fields are as documented in cpu/thumb/mul.go.
//
// UNPREDICTABLE register choices (Inst.FlagUnpredictable) execute as QEMU 7.2 does,
// since QEMU is our oracle: SP and PC are read like any register (PC reads as the
// instruction address + 4), a result written to PC is a branch to it with bit 0
// ignored, and a result written to SP has bits [1:0] cleared (see mulWrite).

func registerMul(t *[thumb.NumOps]execFn) {
	t[thumb.OpMUL] = execMUL
	t[thumb.OpMLA] = execMLA
	t[thumb.OpMLS] = execMLS
	t[thumb.OpUMULL] = execUMULL
	t[thumb.OpSMULL] = execSMULL
	t[thumb.OpUMLAL] = execUMLAL
	t[thumb.OpSMLAL] = execSMLAL
	t[thumb.OpUMAAL] = execUMAAL
	t[thumb.OpSDIV] = execSDIV
	t[thumb.OpUDIV] = execUDIV
	t[thumb.OpSMULxy] = execSMULxy
	t[thumb.OpSMLAxy] = execSMLAxy
	t[thumb.OpSMULWy] = execSMULWy
	t[thumb.OpSMLAWy] = execSMLAWy
	t[thumb.OpSMLALxy] = execSMLALxy
	t[thumb.OpSMMUL] = execSMMUL
	t[thumb.OpSMMLA] = execSMMLA
	t[thumb.OpSMMLS] = execSMMLS
	t[thumb.OpSMUAD] = execSMUAD
	t[thumb.OpSMUSD] = execSMUSD
	t[thumb.OpSMLAD] = execSMLAD
	t[thumb.OpSMLSD] = execSMLSD
	t[thumb.OpSMLALD] = execSMLALD
	t[thumb.OpSMLSLD] = execSMLSLD
	t[thumb.OpSSAT] = execSSAT
	t[thumb.OpUSAT] = execUSAT
	t[thumb.OpSSAT16] = execSSAT16
	t[thumb.OpUSAT16] = execUSAT16
	t[thumb.OpQADD] = execQADD
	t[thumb.OpQSUB] = execQSUB
	t[thumb.OpQDADD] = execQDADD
	t[thumb.OpQDSUB] = execQDSUB

	registerParallel(t)

	t[thumb.OpSEL] = execSEL
	t[thumb.OpUSAD8] = execUSAD8
	t[thumb.OpUSADA8] = execUSADA8
	t[thumb.OpPKHBT] = execPKH
	t[thumb.OpPKHTB] = execPKH
	t[thumb.OpSXTB] = execSXTB
	t[thumb.OpSXTH] = execSXTH
	t[thumb.OpUXTB] = execUXTB
	t[thumb.OpUXTH] = execUXTH
	t[thumb.OpSXTB16] = execSXTB16
	t[thumb.OpUXTB16] = execUXTB16
	t[thumb.OpSXTAB] = execSXTAB
	t[thumb.OpSXTAH] = execSXTAH
	t[thumb.OpUXTAB] = execUXTAB
	t[thumb.OpUXTAH] = execUXTAH
	t[thumb.OpSXTAB16] = execSXTAB16
	t[thumb.OpUXTAB16] = execUXTAB16
	t[thumb.OpBFC] = execBFC
	t[thumb.OpBFI] = execBFI
	t[thumb.OpSBFX] = execSBFX
	t[thumb.OpUBFX] = execUBFX
	t[thumb.OpCLZ] = execCLZ
	t[thumb.OpRBIT] = execRBIT
	t[thumb.OpREV] = execREV
	t[thumb.OpREV16] = execREV16
	t[thumb.OpREVSH] = execREVSH
}

// mulWrite writes a result register. Rd = SP or PC is UNPREDICTABLE for every instruction
// of the group; we do what QEMU's store_reg does: PC is a branch with bit 0 cleared
// (BranchWritePC), and SP has bits [1:0] cleared (the M-profile SP is word aligned).
func (c *CPU) mulWrite(d uint8, v uint32) {
	if d == 13 || d == 15 {
		c.mulWriteSPPC(d, v)
		return
	}
	c.R[d&15] = v
}

func (c *CPU) mulWriteSPPC(d uint8, v uint32) {
	if d == 15 {
		c.BranchWritePC(v)
		return
	}
	c.R[13] = v &^ 3
}

// mulWrite64 writes a 64-bit result to RdHi:RdLo. RdHi == RdLo is UNPREDICTABLE; like
// QEMU we write RdLo first, so RdHi wins.
func (c *CPU) mulWrite64(lo, hi uint8, v uint64) {
	c.mulWrite(lo, uint32(v))
	c.mulWrite(hi, uint32(v>>32))
}

// divByZeroTraps reports whether an integer divide by zero takes a UsageFault
// (CCR.DIV_0_TRP, Arm DDI0403E B3.2.8; 0 at reset, and without an SCB).
func (c *CPU) divByZeroTraps() bool { return c.ccr&ccrDIV0TRP != 0 }

// Operand helpers: the signed halves of a register.

func mulSLo(v uint32) int32 { return int32(int16(v)) }
func mulSHi(v uint32) int32 { return int32(v) >> 16 }

// ---- Multiply and divide ----

// A7.7 MUL: R[d] = (R[n]*R[m])<31:0>; MULS (16-bit, outside IT) sets N and Z, leaves C and V.
func execMUL(c *CPU, in *thumb.Inst) {
	r := c.R[in.Rn] * c.R[in.Rm]
	c.mulWrite(in.Rd, r)
	if c.SetsFlags(in) {
		c.setNZ(r)
	}
}

// A7.7 MLA.
func execMLA(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, c.R[in.Rn]*c.R[in.Rm]+c.R[in.Ra]) }

// A7.7 MLS.
func execMLS(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, c.R[in.Ra]-c.R[in.Rn]*c.R[in.Rm]) }

// A7.7 UMULL.
func execUMULL(c *CPU, in *thumb.Inst) {
	c.mulWrite64(in.Rd, in.Ra, uint64(c.R[in.Rn])*uint64(c.R[in.Rm]))
}

// A7.7 SMULL.
func execSMULL(c *CPU, in *thumb.Inst) {
	c.mulWrite64(in.Rd, in.Ra, uint64(int64(int32(c.R[in.Rn]))*int64(int32(c.R[in.Rm]))))
}

// mulAcc64 reads RdHi:RdLo.
func (c *CPU) mulAcc64(in *thumb.Inst) uint64 { return uint64(c.R[in.Ra])<<32 | uint64(c.R[in.Rd]) }

// A7.7 UMLAL.
func execUMLAL(c *CPU, in *thumb.Inst) {
	c.mulWrite64(in.Rd, in.Ra, uint64(c.R[in.Rn])*uint64(c.R[in.Rm])+c.mulAcc64(in))
}

// A7.7 SMLAL (the 64-bit sum wraps; no flags).
func execSMLAL(c *CPU, in *thumb.Inst) {
	p := int64(int32(c.R[in.Rn])) * int64(int32(c.R[in.Rm]))
	c.mulWrite64(in.Rd, in.Ra, uint64(p)+c.mulAcc64(in))
}

// A7.7 UMAAL: RdHi:RdLo = R[n]*R[m] + R[dHi] + R[dLo] (cannot overflow 64 bits).
func execUMAAL(c *CPU, in *thumb.Inst) {
	r := uint64(c.R[in.Rn])*uint64(c.R[in.Rm]) + uint64(c.R[in.Ra]) + uint64(c.R[in.Rd])
	c.mulWrite64(in.Rd, in.Ra, r)
}

// A7.7 SDIV: RoundTowardsZero(SInt(R[n]) / SInt(R[m])). Divide by zero gives 0 unless
// CCR.DIV_0_TRP is set; 0x80000000 / -1 gives 0x80000000 (Go's int32 division wraps the
// same way).
func execSDIV(c *CPU, in *thumb.Inst) {
	n, m := int32(c.R[in.Rn]), int32(c.R[in.Rm])
	var q int32
	if m == 0 {
		if c.divByZeroTraps() {
			c.setFault(FaultDivByZero, 0, nil, in)
			return
		}
	} else {
		q = n / m
	}
	c.mulWrite(in.Rd, uint32(q))
	// The early-termination cost depends on the magnitude of the quotient.
	mag := uint32(q)
	if q < 0 {
		mag = -mag
	}
	c.extra += c.timing.divCycles(mag)
}

// A7.7 UDIV.
func execUDIV(c *CPU, in *thumb.Inst) {
	n, m := c.R[in.Rn], c.R[in.Rm]
	var q uint32
	if m == 0 {
		if c.divByZeroTraps() {
			c.setFault(FaultDivByZero, 0, nil, in)
			return
		}
	} else {
		q = n / m
	}
	c.mulWrite(in.Rd, q)
	c.extra += c.timing.divCycles(q)
}

// ---- Signed multiplies (DSP) ----

// mulHalves returns the halfword operands of SMUL<x><y>/SMLA<x><y>/SMLAL<x><y>, chosen by
// FlagNHigh and FlagMHigh.
func mulHalves(c *CPU, in *thumb.Inst) (int32, int32) {
	n, m := c.R[in.Rn], c.R[in.Rm]
	op1, op2 := mulSLo(n), mulSLo(m)
	if in.Flags&thumb.FlagNHigh != 0 {
		op1 = mulSHi(n)
	}
	if in.Flags&thumb.FlagMHigh != 0 {
		op2 = mulSHi(m)
	}
	return op1, op2
}

// A7.7 SMUL<x><y>: a 16x16 product always fits in 32 bits.
func execSMULxy(c *CPU, in *thumb.Inst) {
	a, b := mulHalves(c, in)
	c.mulWrite(in.Rd, uint32(a*b))
}

// A7.7 SMLA<x><y>: Q is set if the 32-bit accumulation overflows.
func execSMLAxy(c *CPU, in *thumb.Inst) {
	a, b := mulHalves(c, in)
	r := int64(a*b) + int64(int32(c.R[in.Ra]))
	if r != int64(int32(r)) {
		c.Q = true
	}
	c.mulWrite(in.Rd, uint32(r))
}

// A7.7 SMLAL<x><y>: 64-bit accumulate, no Q.
func execSMLALxy(c *CPU, in *thumb.Inst) {
	a, b := mulHalves(c, in)
	c.mulWrite64(in.Rd, in.Ra, uint64(int64(a*b))+c.mulAcc64(in))
}

// mulWHalf is the halfword operand of SMULW<y>/SMLAW<y>.
func mulWHalf(c *CPU, in *thumb.Inst) int64 {
	m := c.R[in.Rm]
	if in.Flags&thumb.FlagMHigh != 0 {
		return int64(mulSHi(m))
	}
	return int64(mulSLo(m))
}

// A7.7 SMULW<y>: R[d] = (SInt(R[n]) * half)<47:16>.
func execSMULWy(c *CPU, in *thumb.Inst) {
	p := int64(int32(c.R[in.Rn])) * mulWHalf(c, in)
	c.mulWrite(in.Rd, uint32(p>>16))
}

// A7.7 SMLAW<y>: result = SInt(R[n])*half + (SInt(R[a]) << 16); R[d] = result<47:16>;
// Q if (result >> 16) does not fit in 32 bits.
func execSMLAWy(c *CPU, in *thumb.Inst) {
	r := int64(int32(c.R[in.Rn]))*mulWHalf(c, in) + int64(int32(c.R[in.Ra]))<<16
	r >>= 16
	if r != int64(int32(r)) {
		c.Q = true
	}
	c.mulWrite(in.Rd, uint32(r))
}

// mulSMMUL computes the most-significant-word multiplies (A7.7 SMMUL, SMMLA, SMMLS):
// ((acc << 32) ± R[n]*R[m] [+ 0x80000000 if rounding]) <63:32>, modulo 2^64.
func mulSMMUL(c *CPU, in *thumb.Inst, acc uint64, sub bool) uint32 {
	p := uint64(int64(int32(c.R[in.Rn])) * int64(int32(c.R[in.Rm])))
	r := acc + p
	if sub {
		r = acc - p
	}
	if in.Flags&thumb.FlagRound != 0 {
		r += 0x80000000
	}
	return uint32(r >> 32)
}

// A7.7 SMMUL{R}.
func execSMMUL(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, mulSMMUL(c, in, 0, false)) }

// A7.7 SMMLA{R}.
func execSMMLA(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, mulSMMUL(c, in, uint64(c.R[in.Ra])<<32, false))
}

// A7.7 SMMLS{R}.
func execSMMLS(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, mulSMMUL(c, in, uint64(c.R[in.Ra])<<32, true))
}

// mulDual returns the two products of the dual multiplies (A7.7 SMUAD …): bottom×bottom
// and top×top, with the halves of R[m] swapped when FlagX is set.
func mulDual(c *CPU, in *thumb.Inst) (int64, int64) {
	n, m := c.R[in.Rn], c.R[in.Rm]
	if in.Flags&thumb.FlagX != 0 {
		m = bits.RotateLeft32(m, 16)
	}
	return int64(mulSLo(n) * mulSLo(m)), int64(mulSHi(n)) * int64(mulSHi(m))
}

// A7.7 SMUAD{X}: Q if the sum overflows 32 bits (only 0x8000*0x8000 twice can).
func execSMUAD(c *CPU, in *thumb.Inst) {
	p1, p2 := mulDual(c, in)
	r := p1 + p2
	if r != int64(int32(r)) {
		c.Q = true
	}
	c.mulWrite(in.Rd, uint32(r))
}

// A7.7 SMUSD{X}: the difference cannot overflow; Q is unchanged.
func execSMUSD(c *CPU, in *thumb.Inst) {
	p1, p2 := mulDual(c, in)
	c.mulWrite(in.Rd, uint32(p1-p2))
}

// A7.7 SMLAD{X}.
func execSMLAD(c *CPU, in *thumb.Inst) {
	p1, p2 := mulDual(c, in)
	r := p1 + p2 + int64(int32(c.R[in.Ra]))
	if r != int64(int32(r)) {
		c.Q = true
	}
	c.mulWrite(in.Rd, uint32(r))
}

// A7.7 SMLSD{X}.
func execSMLSD(c *CPU, in *thumb.Inst) {
	p1, p2 := mulDual(c, in)
	r := p1 - p2 + int64(int32(c.R[in.Ra]))
	if r != int64(int32(r)) {
		c.Q = true
	}
	c.mulWrite(in.Rd, uint32(r))
}

// A7.7 SMLALD{X}: 64-bit accumulate, wraps, no Q.
func execSMLALD(c *CPU, in *thumb.Inst) {
	p1, p2 := mulDual(c, in)
	c.mulWrite64(in.Rd, in.Ra, uint64(p1+p2)+c.mulAcc64(in))
}

// A7.7 SMLSLD{X}.
func execSMLSLD(c *CPU, in *thumb.Inst) {
	p1, p2 := mulDual(c, in)
	c.mulWrite64(in.Rd, in.Ra, uint64(p1-p2)+c.mulAcc64(in))
}

// ---- Saturation ----

// mulSatOperand is Shift(R[n], shift_t, shift_n, C) for SSAT/USAT: LSL #0–31 or ASR #1–31.
func mulSatOperand(c *CPU, in *thumb.Inst) int64 {
	v := c.R[in.Rn]
	if in.Shift == thumb.ShiftASR {
		return int64(int32(v) >> in.ShiftN)
	}
	return int64(int32(v << in.ShiftN))
}

// A7.7 SSAT.
func execSSAT(c *CPU, in *thumb.Inst) {
	r, sat := SignedSatQ(mulSatOperand(c, in), uint(in.Aux))
	if sat {
		c.Q = true
	}
	c.mulWrite(in.Rd, r)
}

// A7.7 USAT.
func execUSAT(c *CPU, in *thumb.Inst) {
	r, sat := UnsignedSatQ(mulSatOperand(c, in), uint(in.Aux))
	if sat {
		c.Q = true
	}
	c.mulWrite(in.Rd, r)
}

// A7.7 SSAT16: each half saturated to Aux bits (1–16; up to 32 for the
// UNPREDICTABLE hw2[4] = 1 encodings, which then never saturate), Q if either saturates.
func execSSAT16(c *CPU, in *thumb.Inst) {
	n := c.R[in.Rn]
	lo, s1 := SignedSatQ(int64(mulSLo(n)), uint(in.Aux))
	hi, s2 := SignedSatQ(int64(mulSHi(n)), uint(in.Aux))
	if s1 || s2 {
		c.Q = true
	}
	c.mulWrite(in.Rd, lo&0xFFFF|hi<<16)
}

// A7.7 USAT16.
func execUSAT16(c *CPU, in *thumb.Inst) {
	n := c.R[in.Rn]
	lo, s1 := UnsignedSatQ(int64(mulSLo(n)), uint(in.Aux))
	hi, s2 := UnsignedSatQ(int64(mulSHi(n)), uint(in.Aux))
	if s1 || s2 {
		c.Q = true
	}
	c.mulWrite(in.Rd, lo&0xFFFF|hi<<16)
}

// mulQSat32 is SignedSatQ(x, 32) with Q set on saturation.
func (c *CPU) mulQSat32(x int64) uint32 {
	r, sat := SignedSatQ(x, 32)
	if sat {
		c.Q = true
	}
	return r
}

// A7.7 QADD: SignedSat(R[m] + R[n], 32).
func execQADD(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, c.mulQSat32(int64(int32(c.R[in.Rm]))+int64(int32(c.R[in.Rn]))))
}

// A7.7 QSUB: SignedSat(R[m] - R[n], 32).
func execQSUB(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, c.mulQSat32(int64(int32(c.R[in.Rm]))-int64(int32(c.R[in.Rn]))))
}

// A7.7 QDADD: SignedSat(R[m] + SignedSat(2*R[n], 32), 32); Q if either saturates.
func execQDADD(c *CPU, in *thumb.Inst) {
	d := int32(c.mulQSat32(2 * int64(int32(c.R[in.Rn]))))
	c.mulWrite(in.Rd, c.mulQSat32(int64(int32(c.R[in.Rm]))+int64(d)))
}

// A7.7 QDSUB: SignedSat(R[m] - SignedSat(2*R[n], 32), 32).
func execQDSUB(c *CPU, in *thumb.Inst) {
	d := int32(c.mulQSat32(2 * int64(int32(c.R[in.Rn]))))
	c.mulWrite(in.Rd, c.mulQSat32(int64(int32(c.R[in.Rm]))-int64(d)))
}

// ---- SEL, USAD8, pack ----

// A7.7 SEL: byte i from R[n] if GE[i], else from R[m].
func execSEL(c *CPU, in *thumb.Inst) {
	var mask uint32
	for i := uint(0); i < 4; i++ {
		if c.GE>>i&1 != 0 {
			mask |= 0xFF << (8 * i)
		}
	}
	c.mulWrite(in.Rd, c.R[in.Rn]&mask|c.R[in.Rm]&^mask)
}

// mulUSAD8 is the sum of the absolute differences of the four byte pairs.
func mulUSAD8(n, m uint32) uint32 {
	var s uint32
	for i := uint(0); i < 32; i += 8 {
		a, b := n>>i&0xFF, m>>i&0xFF
		if a >= b {
			s += a - b
		} else {
			s += b - a
		}
	}
	return s
}

// A7.7 USAD8.
func execUSAD8(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, mulUSAD8(c.R[in.Rn], c.R[in.Rm])) }

// A7.7 USADA8.
func execUSADA8(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, mulUSAD8(c.R[in.Rn], c.R[in.Rm])+c.R[in.Ra])
}

// A7.7 PKHBT, PKHTB: operand2 = R[m] shifted (LSL #0–31, or ASR #1–32 for tbform);
// PKHBT takes the bottom half from R[n] and the top from operand2, PKHTB the reverse.
func execPKH(c *CPU, in *thumb.Inst) {
	n, m := c.R[in.Rn], c.R[in.Rm]
	if in.Shift == thumb.ShiftASR { // PKHTB
		op2 := uint32(int32(m) >> in.ShiftN) // Go: a shift by 32 fills with the sign
		c.mulWrite(in.Rd, n&0xFFFF0000|op2&0xFFFF)
		return
	}
	op2 := m << in.ShiftN
	c.mulWrite(in.Rd, op2&0xFFFF0000|n&0xFFFF)
}

// ---- Extend (A7.7): rotated = ROR(R[m], rotation) ----

func mulRotated(c *CPU, in *thumb.Inst) uint32 {
	return bits.RotateLeft32(c.R[in.Rm], -int(in.ShiftN))
}

// A7.7 SXTB.
func execSXTB(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, uint32(int32(int8(mulRotated(c, in))))) }

// A7.7 SXTH.
func execSXTH(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, uint32(int32(int16(mulRotated(c, in))))) }

// A7.7 UXTB.
func execUXTB(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, mulRotated(c, in)&0xFF) }

// A7.7 UXTH.
func execUXTH(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, mulRotated(c, in)&0xFFFF) }

// mulSXTB16 sign-extends bytes 0 and 2 of v into the two halves.
func mulSXTB16(v uint32) uint32 {
	return uint32(int32(int8(v)))&0xFFFF | uint32(int32(int8(v>>16)))<<16
}

// A7.7 SXTB16.
func execSXTB16(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, mulSXTB16(mulRotated(c, in))) }

// A7.7 UXTB16.
func execUXTB16(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, mulRotated(c, in)&0x00FF00FF) }

// A7.7 SXTAB.
func execSXTAB(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, c.R[in.Rn]+uint32(int32(int8(mulRotated(c, in)))))
}

// A7.7 SXTAH.
func execSXTAH(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, c.R[in.Rn]+uint32(int32(int16(mulRotated(c, in)))))
}

// A7.7 UXTAB.
func execUXTAB(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, c.R[in.Rn]+mulRotated(c, in)&0xFF) }

// A7.7 UXTAH.
func execUXTAH(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, c.R[in.Rn]+mulRotated(c, in)&0xFFFF) }

// mulAdd16x2 adds the halves of a and b separately (carries do not cross bit 16).
func mulAdd16x2(a, b uint32) uint32 {
	return (a+b)&0xFFFF | (a&0xFFFF0000+b&0xFFFF0000)&0xFFFF0000
}

// A7.7 SXTAB16.
func execSXTAB16(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, mulAdd16x2(c.R[in.Rn], mulSXTB16(mulRotated(c, in))))
}

// A7.7 UXTAB16.
func execUXTAB16(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, mulAdd16x2(c.R[in.Rn], mulRotated(c, in)&0x00FF00FF))
}

// ---- Bit field and bit operations ----

// mulBitfieldUndef handles the UNPREDICTABLE field encodings (SBFX/UBFX lsb+width > 32,
// BFI/BFC msb < lsb): QEMU treats them as UNDEFINED, and so do we.
func mulBitfieldUndef(c *CPU, in *thumb.Inst, bad bool) bool {
	if bad {
		c.setFault(FaultUndefInstr, 0, nil, in)
	}
	return bad
}

// mulFieldMask is ones in bits [lsb+width-1:lsb] (width 1–32).
func mulFieldMask(lsb, width uint32) uint32 { return (uint32(1)<<width - 1) << lsb }

// A7.7 BFC.
func execBFC(c *CPU, in *thumb.Inst) {
	if mulBitfieldUndef(c, in, in.Aux-1 >= 32) { // width 0 or "negative": msb < lsb
		return
	}
	c.mulWrite(in.Rd, c.R[in.Rd]&^mulFieldMask(in.Imm, in.Aux))
}

// A7.7 BFI: R[d]<msb:lsb> = R[n]<width-1:0>.
func execBFI(c *CPU, in *thumb.Inst) {
	if mulBitfieldUndef(c, in, in.Aux-1 >= 32) {
		return
	}
	mask := mulFieldMask(in.Imm, in.Aux)
	c.mulWrite(in.Rd, c.R[in.Rd]&^mask|c.R[in.Rn]<<in.Imm&mask)
}

// A7.7 SBFX.
func execSBFX(c *CPU, in *thumb.Inst) {
	if mulBitfieldUndef(c, in, in.Imm+in.Aux > 32) {
		return
	}
	// Move the field to the top, then shift it back down arithmetically.
	c.mulWrite(in.Rd, uint32(int32(c.R[in.Rn]<<(32-in.Imm-in.Aux))>>(32-in.Aux)))
}

// A7.7 UBFX.
func execUBFX(c *CPU, in *thumb.Inst) {
	if mulBitfieldUndef(c, in, in.Imm+in.Aux > 32) {
		return
	}
	c.mulWrite(in.Rd, c.R[in.Rn]>>in.Imm&(uint32(1)<<in.Aux-1))
}

// A7.7 CLZ (operand: Rm from hw2, like QEMU, when the two copies differ).
func execCLZ(c *CPU, in *thumb.Inst) {
	c.mulWrite(in.Rd, uint32(bits.LeadingZeros32(c.R[in.Rm])))
}

// A7.7 RBIT.
func execRBIT(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, bits.Reverse32(c.R[in.Rm])) }

// A7.7 REV.
func execREV(c *CPU, in *thumb.Inst) { c.mulWrite(in.Rd, bits.ReverseBytes32(c.R[in.Rm])) }

// A7.7 REV16: the bytes of each halfword swapped.
func execREV16(c *CPU, in *thumb.Inst) {
	m := c.R[in.Rm]
	c.mulWrite(in.Rd, m>>8&0x00FF00FF|m<<8&0xFF00FF00)
}

// A7.7 REVSH: R[d] = SignExtend(R[m]<7:0>:R[m]<15:8>).
func execREVSH(c *CPU, in *thumb.Inst) {
	m := c.R[in.Rm]
	c.mulWrite(in.Rd, uint32(int32(int16(uint16(m<<8|m>>8&0xFF)))))
}

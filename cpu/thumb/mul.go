package thumb

import (
	"fmt"
	"slices"
)

// The "mul" group: multiply and divide, the DSP multiplies, saturation, the parallel
// (SIMD) add/subtract family, pack/extend and the bit-manipulation instructions.
//
// Encodings: Arm DDI0403E.e A5.2.2 (MULS), A5.2.5 (16-bit extend and reverse), A5.3.3
// (saturate and bitfield rows of "data processing (plain binary immediate)"), A5.3.11
// (PKHBT/PKHTB in "data processing (shifted register)"), A5.3.12 (extend rows of "data
// processing (register)"), A5.3.13/A5.3.14 (parallel signed/unsigned add and subtract),
// A5.3.15 (miscellaneous operations), A5.3.16 (multiply, multiply accumulate and absolute
// difference) and A5.3.17 (long multiply, long multiply accumulate and divide).
//
// Field use (see Inst):
//   - three-register ops: Rd, Rn, Rm; accumulating ops add Ra (Ra is the accumulator).
//   - long multiplies (UMULL … SMLSLD): Rd = RdLo, Ra = RdHi, Rn, Rm.
//   - QADD/QSUB/QDADD/QDSUB compute from Rm and Rn as in the pseudocode (printed Rd, Rm, Rn).
//   - CLZ/RBIT/REV/REV16/REVSH: Rd, Rm; Rn holds the copy of Rm encoded in hw1 (the two must
//     be equal, otherwise FlagUnpredictable; execution uses Rm, like QEMU, and objdump prints Rn).
//   - SSAT/USAT: Aux = the saturation width (saturate_to), Shift/ShiftN = LSL #0–31 or ASR #1–31.
//     SSAT16/USAT16: Aux = saturate_to.
//   - PKHBT: Shift = LSL, ShiftN 0–31. PKHTB: Shift = ASR, ShiftN 1–32, and FlagX (tbform).
//   - extends: Rd, Rm (and Rn for the accumulating forms); Shift = ROR, ShiftN = 0, 8, 16, 24.
//   - BFC/BFI/SBFX/UBFX: Imm = lsb, Aux = width. For BFC/BFI Aux is msb-lsb+1 computed
//     modulo 2^32, so an UNPREDICTABLE msb < lsb shows up as Aux = 0 or a huge value
//     (objdump prints it the same way).
//   - halves: FlagNHigh/FlagMHigh (SMUL<x><y>, SMLA<x><y>, SMLAL<x><y>; SMULW<y>/SMLAW<y> use
//     FlagMHigh only); FlagX for the exchanging dual multiplies; FlagRound for SMMULR/SMMLAR/SMMLSR.
//
// UNPREDICTABLE choices (all following QEMU 7.2, our oracle):
//   - "should be" bits ((0)/(1) in the diagrams) are fixed in the patterns, so an encoding
//     with a wrong one is UNDEFINED, as in QEMU's t32.decode; the exception is SSAT16/USAT16
//     hw2[4], which QEMU (and objdump) decode as a fifth sat_imm bit: we do too and flag it.
//   - SP or PC as an operand, RdHi == RdLo and Rn != Rm in CLZ/REV…: decoded with
//     FlagUnpredictable and executed as QEMU does (see cpu/exec_mul.go).
//   - SBFX/UBFX with lsb+width > 32 and BFI/BFC with msb < lsb: decoded with
//     FlagUnpredictable (so the disassembly matches objdump) and executed as UNDEFINED,
//     which is QEMU's choice.

var mulRules16 = []rule{
	// A5.2.2: MULS <Rdm>, <Rn>, <Rdm> (T1); setflags = !InITBlock().
	{name: "MUL_T1", pat: "010000 1101 ... ...", dec: mulDecMULT1},
	// A5.2.5: SXTH/SXTB/UXTH/UXTB <Rd>, <Rm> (T1); REV/REV16/REVSH <Rd>, <Rm> (T1).
	{name: "SXTH_T1", pat: "1011 0010 00 ... ...", dec: mulDec16(OpSXTH)},
	{name: "SXTB_T1", pat: "1011 0010 01 ... ...", dec: mulDec16(OpSXTB)},
	{name: "UXTH_T1", pat: "1011 0010 10 ... ...", dec: mulDec16(OpUXTH)},
	{name: "UXTB_T1", pat: "1011 0010 11 ... ...", dec: mulDec16(OpUXTB)},
	{name: "REV_T1", pat: "1011 1010 00 ... ...", dec: mulDec16(OpREV)},
	{name: "REV16_T1", pat: "1011 1010 01 ... ...", dec: mulDec16(OpREV16)},
	{name: "REVSH_T1", pat: "1011 1010 11 ... ...", dec: mulDec16(OpREVSH)},
}

var mulRules32 = slices.Concat(mulSatBitRules, mulPackExtendRules, mulParallelRules(), mulMiscRules, mulMultiplyRules, mulLongRules)

// A5.3.3 data processing (plain binary immediate): hw1 = 11110 (0) 11 op(5) Rn, hw2[15] = 0.
var mulSatBitRules = []rule{
	// SSAT T1: 11110 (0) 11 00 sh 0 Rn | 0 imm3 Rd imm2 (0) sat_imm.
	{name: "SSAT_T1", pat: "11110 0 11 00 . 0 ....  0 ... .... .. 0 .....", dec: mulDecSat(OpSSAT, 1)},
	// SSAT16 T1: sh = 1 with imm3:imm2 = 0. hw2[5:4] are (0)(0); hw2[4] is taken as a fifth
	// sat_imm bit (flagged), as QEMU and objdump do.
	{name: "SSAT16_T1", pat: "11110 0 11 001 0 ....  0 000 .... 00 0 .....", dec: mulDecSat16(OpSSAT16, 1)},
	{name: "USAT_T1", pat: "11110 0 11 10 . 0 ....  0 ... .... .. 0 .....", dec: mulDecSat(OpUSAT, 0)},
	{name: "USAT16_T1", pat: "11110 0 11 101 0 ....  0 000 .... 00 0 .....", dec: mulDecSat16(OpUSAT16, 0)},
	{name: "SBFX_T1", pat: "11110 0 11 010 0 ....  0 ... .... .. 0 .....", dec: mulDecBFX(OpSBFX)},
	{name: "UBFX_T1", pat: "11110 0 11 110 0 ....  0 ... .... .. 0 .....", dec: mulDecBFX(OpUBFX)},
	// BFI T1 with Rn = 1111 is BFC T1 (the more specific row wins).
	{name: "BFI_T1", pat: "11110 0 11 011 0 ....  0 ... .... .. 0 .....", dec: mulDecBFI(OpBFI)},
	{name: "BFC_T1", pat: "11110 0 11 011 0 1111  0 ... .... .. 0 .....", dec: mulDecBFI(OpBFC)},
}

var mulPackExtendRules = []rule{
	// A5.3.11 op = 0110, S = 0: PKHBT/PKHTB T1: 11101 01 0110 0 Rn | (0) imm3 Rd imm2 tb T Rm,
	// T = 1 is UNDEFINED.
	{name: "PKHBT_T1", pat: "11101 01 0110 0 ....  0 ... .... .. 0 0 ....", dec: mulDecPKH(OpPKHBT)},
	{name: "PKHTB_T1", pat: "11101 01 0110 0 ....  0 ... .... .. 1 0 ....", dec: mulDecPKH(OpPKHTB)},
	// A5.3.12 extends: 11111 010 0 op(3) Rn | 1111 Rd 1 (0) rotate Rm; Rn = 1111 selects the
	// non-accumulating form (SXTAH with Rn = 1111 is SXTH T2, and so on).
	{name: "SXTAH_T1", pat: "11111 010 0 000 ....  1111 .... 1 0 .. ....", dec: mulDecExtend(OpSXTAH)},
	{name: "SXTH_T2", pat: "11111 010 0 000 1111  1111 .... 1 0 .. ....", dec: mulDecExtend(OpSXTH)},
	{name: "UXTAH_T1", pat: "11111 010 0 001 ....  1111 .... 1 0 .. ....", dec: mulDecExtend(OpUXTAH)},
	{name: "UXTH_T2", pat: "11111 010 0 001 1111  1111 .... 1 0 .. ....", dec: mulDecExtend(OpUXTH)},
	{name: "SXTAB16_T1", pat: "11111 010 0 010 ....  1111 .... 1 0 .. ....", dec: mulDecExtend(OpSXTAB16)},
	{name: "SXTB16_T1", pat: "11111 010 0 010 1111  1111 .... 1 0 .. ....", dec: mulDecExtend(OpSXTB16)},
	{name: "UXTAB16_T1", pat: "11111 010 0 011 ....  1111 .... 1 0 .. ....", dec: mulDecExtend(OpUXTAB16)},
	{name: "UXTB16_T1", pat: "11111 010 0 011 1111  1111 .... 1 0 .. ....", dec: mulDecExtend(OpUXTB16)},
	{name: "SXTAB_T1", pat: "11111 010 0 100 ....  1111 .... 1 0 .. ....", dec: mulDecExtend(OpSXTAB)},
	{name: "SXTB_T2", pat: "11111 010 0 100 1111  1111 .... 1 0 .. ....", dec: mulDecExtend(OpSXTB)},
	{name: "UXTAB_T1", pat: "11111 010 0 101 ....  1111 .... 1 0 .. ....", dec: mulDecExtend(OpUXTAB)},
	{name: "UXTB_T2", pat: "11111 010 0 101 1111  1111 .... 1 0 .. ....", dec: mulDecExtend(OpUXTB)},
}

// mulParallelRules builds the 36 rows of A5.3.13 (signed) and A5.3.14 (unsigned):
// 11111 010 1 op1(3) Rn | 1111 Rd 0 U op2(2) Rm, with op2 = 00 (modulo), 01 (saturating),
// 10 (halving).
func mulParallelRules() []rule {
	type kind struct {
		op1  string
		name string
	}
	kinds := []kind{{"001", "ADD16"}, {"010", "ASX"}, {"110", "SAX"}, {"101", "SUB16"}, {"000", "ADD8"}, {"100", "SUB8"}}
	variants := []struct {
		u, op2 string
		prefix string
	}{{"0", "00", "S"}, {"0", "01", "Q"}, {"0", "10", "SH"}, {"1", "00", "U"}, {"1", "01", "UQ"}, {"1", "10", "UH"}}
	ops := map[string]Op{
		"SADD16": OpSADD16, "SASX": OpSASX, "SSAX": OpSSAX, "SSUB16": OpSSUB16, "SADD8": OpSADD8, "SSUB8": OpSSUB8,
		"QADD16": OpQADD16, "QASX": OpQASX, "QSAX": OpQSAX, "QSUB16": OpQSUB16, "QADD8": OpQADD8, "QSUB8": OpQSUB8,
		"SHADD16": OpSHADD16, "SHASX": OpSHASX, "SHSAX": OpSHSAX, "SHSUB16": OpSHSUB16, "SHADD8": OpSHADD8, "SHSUB8": OpSHSUB8,
		"UADD16": OpUADD16, "UASX": OpUASX, "USAX": OpUSAX, "USUB16": OpUSUB16, "UADD8": OpUADD8, "USUB8": OpUSUB8,
		"UQADD16": OpUQADD16, "UQASX": OpUQASX, "UQSAX": OpUQSAX, "UQSUB16": OpUQSUB16, "UQADD8": OpUQADD8, "UQSUB8": OpUQSUB8,
		"UHADD16": OpUHADD16, "UHASX": OpUHASX, "UHSAX": OpUHSAX, "UHSUB16": OpUHSUB16, "UHADD8": OpUHADD8, "UHSUB8": OpUHSUB8,
	}
	var rs []rule
	for _, v := range variants {
		for _, k := range kinds {
			name := v.prefix + k.name
			rs = append(rs, rule{
				name: name + "_T1",
				pat:  "11111 010 1 " + k.op1 + " ....  1111 .... 0 " + v.u + v.op2 + " ....",
				dec:  mulDecRRR(ops[name]),
			})
		}
	}
	return rs
}

// A5.3.15 miscellaneous operations: 11111 010 10 op1 Rn | 1111 Rd 10 op2 Rm.
var mulMiscRules = []rule{
	{name: "QADD_T1", pat: "11111 010 1000 ....  1111 .... 1000 ....", dec: mulDecRRR(OpQADD)},
	{name: "QDADD_T1", pat: "11111 010 1000 ....  1111 .... 1001 ....", dec: mulDecRRR(OpQDADD)},
	{name: "QSUB_T1", pat: "11111 010 1000 ....  1111 .... 1010 ....", dec: mulDecRRR(OpQSUB)},
	{name: "QDSUB_T1", pat: "11111 010 1000 ....  1111 .... 1011 ....", dec: mulDecRRR(OpQDSUB)},
	{name: "REV_T2", pat: "11111 010 1001 ....  1111 .... 1000 ....", dec: mulDecRmTwice(OpREV)},
	{name: "REV16_T2", pat: "11111 010 1001 ....  1111 .... 1001 ....", dec: mulDecRmTwice(OpREV16)},
	{name: "RBIT_T1", pat: "11111 010 1001 ....  1111 .... 1010 ....", dec: mulDecRmTwice(OpRBIT)},
	{name: "REVSH_T2", pat: "11111 010 1001 ....  1111 .... 1011 ....", dec: mulDecRmTwice(OpREVSH)},
	{name: "SEL_T1", pat: "11111 010 1010 ....  1111 .... 1000 ....", dec: mulDecRRR(OpSEL)},
	{name: "CLZ_T1", pat: "11111 010 1011 ....  1111 .... 1000 ....", dec: mulDecRmTwice(OpCLZ)},
}

// A5.3.16 multiply, multiply accumulate and absolute difference:
// 11111 0110 op1(3) Rn | Ra Rd 00 op2(2) Rm. Ra = 1111 selects the non-accumulating form
// (the more specific row).
var mulMultiplyRules = []rule{
	{name: "MUL_T2", pat: "11111 0110 000 ....  1111 .... 0000 ....", dec: mulDec3(OpMUL, 0)},
	{name: "MLA_T1", pat: "11111 0110 000 ....  .... .... 0000 ....", dec: mulDec4(OpMLA, 0, false)},
	{name: "MLS_T1", pat: "11111 0110 000 ....  .... .... 0001 ....", dec: mulDec4(OpMLS, 0, true)},
	{name: "SMULxy_T1", pat: "11111 0110 001 ....  1111 .... 00 .. ....", dec: mulDec3(OpSMULxy, FlagNHigh|FlagMHigh)},
	{name: "SMLAxy_T1", pat: "11111 0110 001 ....  .... .... 00 .. ....", dec: mulDec4(OpSMLAxy, FlagNHigh|FlagMHigh, false)},
	{name: "SMUAD_T1", pat: "11111 0110 010 ....  1111 .... 000 . ....", dec: mulDec3(OpSMUAD, FlagX)},
	{name: "SMLAD_T1", pat: "11111 0110 010 ....  .... .... 000 . ....", dec: mulDec4(OpSMLAD, FlagX, false)},
	{name: "SMULWy_T1", pat: "11111 0110 011 ....  1111 .... 000 . ....", dec: mulDec3(OpSMULWy, FlagMHigh)},
	{name: "SMLAWy_T1", pat: "11111 0110 011 ....  .... .... 000 . ....", dec: mulDec4(OpSMLAWy, FlagMHigh, false)},
	{name: "SMUSD_T1", pat: "11111 0110 100 ....  1111 .... 000 . ....", dec: mulDec3(OpSMUSD, FlagX)},
	{name: "SMLSD_T1", pat: "11111 0110 100 ....  .... .... 000 . ....", dec: mulDec4(OpSMLSD, FlagX, false)},
	{name: "SMMUL_T1", pat: "11111 0110 101 ....  1111 .... 000 . ....", dec: mulDec3(OpSMMUL, FlagRound)},
	{name: "SMMLA_T1", pat: "11111 0110 101 ....  .... .... 000 . ....", dec: mulDec4(OpSMMLA, FlagRound, false)},
	{name: "SMMLS_T1", pat: "11111 0110 110 ....  .... .... 000 . ....", dec: mulDec4(OpSMMLS, FlagRound, true)},
	{name: "USAD8_T1", pat: "11111 0110 111 ....  1111 .... 0000 ....", dec: mulDec3(OpUSAD8, 0)},
	{name: "USADA8_T1", pat: "11111 0110 111 ....  .... .... 0000 ....", dec: mulDec4(OpUSADA8, 0, false)},
}

// A5.3.17 long multiply, long multiply accumulate and divide:
// 11111 0111 op1(3) Rn | RdLo RdHi op2(4) Rm.
var mulLongRules = []rule{
	{name: "SMULL_T1", pat: "11111 0111 000 ....  .... .... 0000 ....", dec: mulDecLong(OpSMULL, 0)},
	{name: "SDIV_T1", pat: "11111 0111 001 ....  1111 .... 1111 ....", dec: mulDecDiv(OpSDIV)},
	{name: "UMULL_T1", pat: "11111 0111 010 ....  .... .... 0000 ....", dec: mulDecLong(OpUMULL, 0)},
	{name: "UDIV_T1", pat: "11111 0111 011 ....  1111 .... 1111 ....", dec: mulDecDiv(OpUDIV)},
	{name: "SMLAL_T1", pat: "11111 0111 100 ....  .... .... 0000 ....", dec: mulDecLong(OpSMLAL, 0)},
	{name: "SMLALxy_T1", pat: "11111 0111 100 ....  .... .... 10 .. ....", dec: mulDecLong(OpSMLALxy, FlagNHigh|FlagMHigh)},
	{name: "SMLALD_T1", pat: "11111 0111 100 ....  .... .... 110 . ....", dec: mulDecLong(OpSMLALD, FlagX)},
	{name: "SMLSLD_T1", pat: "11111 0111 101 ....  .... .... 110 . ....", dec: mulDecLong(OpSMLSLD, FlagX)},
	{name: "UMLAL_T1", pat: "11111 0111 110 ....  .... .... 0000 ....", dec: mulDecLong(OpUMLAL, 0)},
	{name: "UMAAL_T1", pat: "11111 0111 110 ....  .... .... 0110 ....", dec: mulDecLong(OpUMAAL, 0)},
}

// mulBadReg reports whether r is SP or PC, the registers most of this group's operands
// must not be (BadReg() in the pseudocode's "d IN {13,15}" checks).
func mulBadReg(r uint8) bool { return r == 13 || r == 15 }

func mulUnpredIf(cond bool) Flags {
	if cond {
		return FlagUnpredictable
	}
	return 0
}

// mulHalfFlags turns the N and M bits hw2[5:4] (or just M = hw2[4]) into flags, keeping
// only those the row allows.
func mulHalfFlags(raw uint32, allowed Flags) Flags {
	var f Flags
	if bit(raw, 5) != 0 {
		f |= FlagNHigh
	}
	if bit(raw, 4) != 0 {
		f |= FlagMHigh
	}
	switch allowed {
	case FlagNHigh | FlagMHigh:
		return f
	case FlagMHigh:
		return f & FlagMHigh
	case FlagX, FlagRound:
		// The M (X) and R bits are hw2[4].
		if f&FlagMHigh != 0 {
			return allowed
		}
	}
	return 0
}

func mulDecMULT1(raw uint32) (Inst, bool) {
	rdm := reg3(raw, 0)
	return Inst{Op: OpMUL, Rd: rdm, Rn: reg3(raw, 3), Rm: rdm, Flags: FlagSOutIT}, true
}

func mulDec16(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		rm := reg3(raw, 3)
		in := Inst{Op: op, Rd: reg3(raw, 0), Rn: rm, Rm: rm}
		if op != OpREV && op != OpREV16 && op != OpREVSH {
			in.Shift = ShiftROR // extends: rotation 0
		}
		return in, true
	}
}

// mulDecSat decodes SSAT/USAT T1; base is added to sat_imm (SSAT saturates to sat_imm+1 bits).
func mulDecSat(op Op, base uint32) decodeFn {
	return func(raw uint32) (Inst, bool) {
		imm := bitsOf(raw, 14, 12)<<2 | bitsOf(raw, 7, 6)
		sh := bit(raw, 21)
		if sh == 1 && imm == 0 {
			return Inst{}, false // SSAT16/USAT16 (their rows are more specific; kept for safety)
		}
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Aux: bitsOf(raw, 4, 0) + base, ShiftN: uint8(imm)}
		if sh == 1 {
			in.Shift = ShiftASR
		}
		in.Flags = mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn))
		return in, true
	}
}

func mulDecSat16(op Op, base uint32) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Aux: bitsOf(raw, 4, 0) + base}
		in.Flags = mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || bit(raw, 4) != 0)
		return in, true
	}
}

func mulDecBFX(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		lsb := bitsOf(raw, 14, 12)<<2 | bitsOf(raw, 7, 6)
		width := bitsOf(raw, 4, 0) + 1
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Imm: lsb, Aux: width}
		in.Flags = mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || lsb+width > 32)
		return in, true
	}
}

func mulDecBFI(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		lsb := bitsOf(raw, 14, 12)<<2 | bitsOf(raw, 7, 6)
		msb := bitsOf(raw, 4, 0)
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Imm: lsb, Aux: msb + 1 - lsb}
		in.Flags = mulUnpredIf(mulBadReg(in.Rd) || in.Rn == 13 || msb < lsb)
		return in, true
	}
}

func mulDecPKH(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0)}
		in.Shift, in.ShiftN = DecodeImmShift(bit(raw, 5)<<1, bitsOf(raw, 14, 12)<<2|bitsOf(raw, 7, 6))
		if op == OpPKHTB {
			in.Flags |= FlagX
		}
		in.Flags |= mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || mulBadReg(in.Rm))
		return in, true
	}
}

func mulDecExtend(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0), Shift: ShiftROR, ShiftN: uint8(bitsOf(raw, 5, 4) * 8)}
		switch op {
		case OpSXTB, OpSXTH, OpUXTB, OpUXTH:
			in.Flags = FlagWide // a 16-bit form exists: objdump prints .w
		}
		in.Flags |= mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rm) || in.Rn == 13)
		return in, true
	}
}

func mulDecRRR(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0)}
		in.Flags = mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || mulBadReg(in.Rm))
		return in, true
	}
}

// mulDecRmTwice decodes CLZ/RBIT/REV… T2, whose Rm is encoded in both halfwords.
func mulDecRmTwice(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0)}
		if op != OpRBIT && op != OpCLZ {
			in.Flags = FlagWide
		}
		in.Flags |= mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rm) || in.Rn != in.Rm)
		return in, true
	}
}

// mulDec3 decodes the non-accumulating multiplies (Ra = 1111); halves lists the flags
// the op takes from hw2[5:4].
func mulDec3(op Op, halves Flags) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0), Ra: 15}
		if op == OpMUL {
			in.Flags = FlagWide // MULS T1 exists: objdump prints mul.w
		}
		in.Flags |= mulHalfFlags(raw, halves)
		in.Flags |= mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || mulBadReg(in.Rm))
		return in, true
	}
}

// mulDec4 decodes the accumulating multiplies. aMayBePC says Ra = 1111 is an
// UNPREDICTABLE operand rather than another instruction (MLS, SMMLS).
func mulDec4(op Op, halves Flags, aMayBePC bool) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0), Ra: reg(raw, 12)}
		in.Flags = mulHalfFlags(raw, halves)
		in.Flags |= mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || mulBadReg(in.Rm) || in.Ra == 13 || (aMayBePC && in.Ra == 15))
		return in, true
	}
}

func mulDecLong(op Op, halves Flags) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 12), Ra: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0)}
		in.Flags = mulHalfFlags(raw, halves)
		in.Flags |= mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Ra) || mulBadReg(in.Rn) || mulBadReg(in.Rm) || in.Rd == in.Ra)
		return in, true
	}
}

func mulDecDiv(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 8), Rn: reg(raw, 16), Rm: reg(raw, 0)}
		in.Flags = mulUnpredIf(mulBadReg(in.Rd) || mulBadReg(in.Rn) || mulBadReg(in.Rm))
		return in, true
	}
}

// mulHalfName is "b" or "t" for a bottom or top half.
func mulHalfName(top bool) string {
	if top {
		return "t"
	}
	return "b"
}

// fmtMul renders the group's instructions as objdump (binutils 2.40) does.
func fmtMul(in *Inst, ctx *Context) (string, bool) {
	r := RegName
	mn := func(base string) string { return in.Mnemonic(ctx, base, false) }
	x := func(base string) string {
		if in.Flags&FlagX != 0 {
			return base + "x"
		}
		return base
	}
	round := func(base string) string {
		if in.Flags&FlagRound != 0 {
			return base + "r"
		}
		return base
	}
	nm := mulHalfName(in.Flags&FlagNHigh != 0) + mulHalfName(in.Flags&FlagMHigh != 0)
	rot := func() string {
		if in.ShiftN != 0 {
			return fmt.Sprintf(", ror #%d", in.ShiftN)
		}
		return ""
	}
	rrr := func(base string) string { return mn(base) + "\t" + r(in.Rd) + ", " + r(in.Rn) + ", " + r(in.Rm) }
	rrrr := func(base string) string { return rrr(base) + ", " + r(in.Ra) }
	long := func(base string) string {
		return mn(base) + "\t" + r(in.Rd) + ", " + r(in.Ra) + ", " + r(in.Rn) + ", " + r(in.Rm)
	}

	switch in.Op {
	case OpMUL:
		if in.Size == 2 {
			return in.Mnemonic(ctx, "mul", in.SetsFlags(ctx.IT)) + "\t" + r(in.Rd) + ", " + r(in.Rn), true
		}
		return rrr("mul"), true
	case OpMLA:
		return rrrr("mla"), true
	case OpMLS:
		return rrrr("mls"), true
	case OpUMULL, OpSMULL, OpUMLAL, OpSMLAL, OpUMAAL:
		return long(in.Op.String()), true
	case OpSMLALxy:
		return long("smlal" + nm), true
	case OpSMLALD:
		return long(x("smlald")), true
	case OpSMLSLD:
		return long(x("smlsld")), true
	case OpSDIV, OpUDIV, OpUSAD8, OpSEL:
		return rrr(in.Op.String()), true
	case OpUSADA8:
		return rrrr("usada8"), true
	case OpSMULxy:
		return rrr("smul" + nm), true
	case OpSMLAxy:
		return rrrr("smla" + nm), true
	case OpSMULWy:
		return rrr("smulw" + mulHalfName(in.Flags&FlagMHigh != 0)), true
	case OpSMLAWy:
		return rrrr("smlaw" + mulHalfName(in.Flags&FlagMHigh != 0)), true
	case OpSMMUL:
		return rrr(round("smmul")), true
	case OpSMMLA:
		return rrrr(round("smmla")), true
	case OpSMMLS:
		return rrrr(round("smmls")), true
	case OpSMUAD:
		return rrr(x("smuad")), true
	case OpSMUSD:
		return rrr(x("smusd")), true
	case OpSMLAD:
		return rrrr(x("smlad")), true
	case OpSMLSD:
		return rrrr(x("smlsd")), true
	case OpSSAT, OpUSAT:
		s := fmt.Sprintf("%s\t%s, #%d, %s", mn(in.Op.String()), r(in.Rd), in.Aux, r(in.Rn))
		if in.Shift == ShiftASR {
			s += fmt.Sprintf(", asr #%d", in.ShiftN)
		} else if in.ShiftN != 0 {
			s += fmt.Sprintf(", lsl #%d", in.ShiftN)
		}
		return s, true
	case OpSSAT16, OpUSAT16:
		return fmt.Sprintf("%s\t%s, #%d, %s", mn(in.Op.String()), r(in.Rd), in.Aux, r(in.Rn)), true
	case OpQADD, OpQSUB, OpQDADD, OpQDSUB:
		return mn(in.Op.String()) + "\t" + r(in.Rd) + ", " + r(in.Rm) + ", " + r(in.Rn), true
	case OpSADD16, OpSASX, OpSSAX, OpSSUB16, OpSADD8, OpSSUB8,
		OpQADD16, OpQASX, OpQSAX, OpQSUB16, OpQADD8, OpQSUB8,
		OpSHADD16, OpSHASX, OpSHSAX, OpSHSUB16, OpSHADD8, OpSHSUB8,
		OpUADD16, OpUASX, OpUSAX, OpUSUB16, OpUADD8, OpUSUB8,
		OpUQADD16, OpUQASX, OpUQSAX, OpUQSUB16, OpUQADD8, OpUQSUB8,
		OpUHADD16, OpUHASX, OpUHSAX, OpUHSUB16, OpUHADD8, OpUHSUB8:
		return rrr(in.Op.String()), true
	case OpPKHBT, OpPKHTB:
		s := rrr(in.Op.String())
		if in.Shift == ShiftASR {
			s += fmt.Sprintf(", asr #%d", in.ShiftN)
		} else if in.ShiftN != 0 {
			s += fmt.Sprintf(", lsl #%d", in.ShiftN)
		}
		return s, true
	case OpSXTB, OpSXTH, OpUXTB, OpUXTH, OpSXTB16, OpUXTB16:
		return mn(in.Op.String()) + "\t" + r(in.Rd) + ", " + r(in.Rm) + rot(), true
	case OpSXTAB, OpSXTAH, OpUXTAB, OpUXTAH, OpSXTAB16, OpUXTAB16:
		return rrr(in.Op.String()) + rot(), true
	case OpBFC:
		return fmt.Sprintf("%s\t%s, #%d, #%d", mn("bfc"), r(in.Rd), in.Imm, in.Aux), true
	case OpBFI, OpSBFX, OpUBFX:
		return fmt.Sprintf("%s\t%s, %s, #%d, #%d", mn(in.Op.String()), r(in.Rd), r(in.Rn), in.Imm, in.Aux), true
	case OpCLZ, OpRBIT, OpREV, OpREV16, OpREVSH:
		// objdump prints the copy of Rm held in hw1 (Rn); they differ only when UNPREDICTABLE.
		return mn(in.Op.String()) + "\t" + r(in.Rd) + ", " + r(in.Rn), true
	}
	return "", false
}

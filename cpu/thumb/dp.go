package thumb

import "strconv"

// The "dp" group: data processing. ADC ADD ADR AND ASR BIC CMN CMP EOR LSL LSR MOV
// MOVT MVN ORN ORR ROR RRX RSB SBC SUB TEQ TST in every Thumb encoding of ARMv7-M.
//
// Encodings: Arm DDI0403E.e A5.2.1 (shift, add, subtract, move, compare), A5.2.2 (data
// processing), A5.2.3 (ADD/CMP/MOV with high registers), the A5.2 rows "generate
// PC-/SP-relative address" (ADR T1, ADD (SP plus immediate) T1), A5.2.5 (ADD/SUB SP,
// #imm7); 32-bit A5.3.1 (data processing, modified immediate), A5.3.3 (plain binary
// immediate: ADDW, SUBW, ADR T2/T3, MOVW, MOVT), A5.3.11 (data processing, shifted
// register) and A5.3.12 (LSL/LSR/ASR/ROR register).
//
// objdump (binutils 2.40) prints the 32-bit LSL/LSR/ASR/ROR (immediate) and RRX forms as
// MOV with a shifted register ("mov.w r0, r1, lsl #2"), the 16-bit ones as "lsls r0,
// r1, #2"; RSBS Rd, Rn, #0 as "negs Rd, Rn"; MOV r8, r8 as "nop" with a comment.
//
// Field use (see Inst):
//   - ADD ADC SUB SBC RSB AND BIC ORR ORN EOR: Rd, Rn, and either Imm (FlagImm) or Rm
//     shifted by Shift/ShiftN (ShiftN 0 means no shift; RRX has ShiftN 1).
//   - TST TEQ CMP CMN: Rn and Imm or shifted Rm; FlagS is always set; Rd is 0.
//   - MOV MVN: Rd and Imm or Rm (Rn is 0). MOV (register) never has a shift: the
//     shifted forms are the LSL/LSR/ASR/ROR/RRX (immediate) instructions below.
//   - LSL LSR ASR ROR RRX (immediate): Rd, Rm, Shift/ShiftN = the shift (ShiftN >= 1).
//     LSL LSR ASR ROR (register): FlagRegShift, Rd, Rm = the value, Ra = the register
//     holding the amount (the manual's Rm; its Rn is our Rm), Shift = the type.
//   - ADR: Rd, Imm = imm32 (not negated), FlagAdd set when the offset is added.
//   - MOVT: Rd, Imm = imm16.
//   - ADD/SUB with SP or PC operands use Rn = 13/15 like the general forms.
//   - FlagImmCarry is set only for the logical ops (AND BIC ORR ORN EOR TST TEQ MOV MVN)
//     whose modified immediate came from a rotation.
//   - FlagAlt marks the alternative printed form: the two-operand 16-bit forms
//     (ADDS Rdn,#imm8; ADD Rdn,Rm; ADD SP,#imm) and the plain 12/16-bit immediate forms
//     ADDW/SUBW/MOVW.
//   - FlagWide: 32-bit forms that objdump prints with ".w" (all but ORN, TEQ, RSB, ADDW,
//     SUBW, MOVW, MOVT and ADR T2/T3).
//
// UNPREDICTABLE encodings (register choices the manual marks UNPREDICTABLE, and
// ThumbExpandImm patterns with a zero byte) are decoded with FlagUnpredictable, as QEMU
// (our oracle) decodes them: a replicated-byte immediate with a zero byte is 0, reads of
// the PC give the instruction address + 4, a write to the PC is a branch (ALUWritePC)
// and a write to SP clears bits 1:0. "Should be zero" bit 15 of the A5.3.11 forms and the
// fixed bits of A5.3.12 are part of the patterns, so other values are UNDEFINED (as in
// QEMU's t32.decode and objdump).

var dpRules16 = []rule{
	// A5.2.1 Shift (immediate), add, subtract, move, and compare.
	{name: "MOV_reg_T2", pat: "000 00 00000 ... ...", dec: decMOVregT2},
	{name: "LSL_imm_T1", pat: "000 00 ..... ... ...", dec: shiftImm16(OpLSL, 0)},
	{name: "LSR_imm_T1", pat: "000 01 ..... ... ...", dec: shiftImm16(OpLSR, 1)},
	{name: "ASR_imm_T1", pat: "000 10 ..... ... ...", dec: shiftImm16(OpASR, 2)},
	{name: "ADD_reg_T1", pat: "0001100 ... ... ...", dec: addSubReg16(OpADD)},
	{name: "SUB_reg_T1", pat: "0001101 ... ... ...", dec: addSubReg16(OpSUB)},
	{name: "ADD_imm_T1", pat: "0001110 ... ... ...", dec: addSubImm3(OpADD)},
	{name: "SUB_imm_T1", pat: "0001111 ... ... ...", dec: addSubImm3(OpSUB)},
	{name: "MOV_imm_T1", pat: "00100 ... ........", dec: decMOVimmT1},
	{name: "CMP_imm_T1", pat: "00101 ... ........", dec: decCMPimmT1},
	{name: "ADD_imm_T2", pat: "00110 ... ........", dec: addSubImm8(OpADD)},
	{name: "SUB_imm_T2", pat: "00111 ... ........", dec: addSubImm8(OpSUB)},

	// A5.2.2 Data processing (two low registers).
	{name: "AND_reg_T1", pat: "010000 0000 ... ...", dec: dp2Reg16(OpAND)},
	{name: "EOR_reg_T1", pat: "010000 0001 ... ...", dec: dp2Reg16(OpEOR)},
	{name: "LSL_reg_T1", pat: "010000 0010 ... ...", dec: shiftReg16(OpLSL, ShiftLSL)},
	{name: "LSR_reg_T1", pat: "010000 0011 ... ...", dec: shiftReg16(OpLSR, ShiftLSR)},
	{name: "ASR_reg_T1", pat: "010000 0100 ... ...", dec: shiftReg16(OpASR, ShiftASR)},
	{name: "ADC_reg_T1", pat: "010000 0101 ... ...", dec: dp2Reg16(OpADC)},
	{name: "SBC_reg_T1", pat: "010000 0110 ... ...", dec: dp2Reg16(OpSBC)},
	{name: "ROR_reg_T1", pat: "010000 0111 ... ...", dec: shiftReg16(OpROR, ShiftROR)},
	{name: "TST_reg_T1", pat: "010000 1000 ... ...", dec: cmpReg16(OpTST)},
	{name: "RSB_imm_T1", pat: "010000 1001 ... ...", dec: decRSBimmT1},
	{name: "CMP_reg_T1", pat: "010000 1010 ... ...", dec: cmpReg16(OpCMP)},
	{name: "CMN_reg_T1", pat: "010000 1011 ... ...", dec: cmpReg16(OpCMN)},
	{name: "ORR_reg_T1", pat: "010000 1100 ... ...", dec: dp2Reg16(OpORR)},
	{name: "BIC_reg_T1", pat: "010000 1110 ... ...", dec: dp2Reg16(OpBIC)},
	{name: "MVN_reg_T1", pat: "010000 1111 ... ...", dec: decMVNregT1},

	// A5.2.3 Special data instructions (BX/BLX belong to the br group).
	{name: "ADD_SP_reg_T1", pat: "01000100 . 1101 ...", dec: decADDSPregT1},
	{name: "ADD_SP_reg_T2", pat: "01000100 1 .... 101", dec: decADDSPregT2},
	{name: "ADD_reg_T2", pat: "01000100 . .... ...", dec: decADDregT2},
	{name: "CMP_reg_T2", pat: "01000101 . .... ...", dec: decCMPregT2},
	{name: "MOV_reg_T1", pat: "01000110 . .... ...", dec: decMOVregT1},

	// A5.2 generate PC-/SP-relative address; A5.2.5 adjust SP.
	{name: "ADR_T1", pat: "10100 ... ........", dec: decADRT1},
	{name: "ADD_SP_imm_T1", pat: "10101 ... ........", dec: decADDSPimmT1},
	{name: "ADD_SP_imm_T2", pat: "1011 0000 0 .......", dec: spImm7(OpADD)},
	{name: "SUB_SP_imm_T1", pat: "1011 0000 1 .......", dec: spImm7(OpSUB)},
}

var dpRules32 = []rule{
	// A5.3.1 Data processing (modified immediate).
	{name: "TST_imm_T1", pat: "11110 . 0 0000 1 .... 0 ... 1111 ........", dec: cmpModImm(OpTST, true)},
	{name: "AND_imm_T1", pat: "11110 . 0 0000 . .... 0 ... .... ........", dec: modImm(OpAND, true, FlagWide, unpRdSPcRn)},
	{name: "BIC_imm_T1", pat: "11110 . 0 0001 . .... 0 ... .... ........", dec: modImm(OpBIC, true, FlagWide, unpAllSPPC)},
	{name: "MOV_imm_T2", pat: "11110 . 0 0010 . 1111 0 ... .... ........", dec: movModImm(OpMOV)},
	{name: "ORR_imm_T1", pat: "11110 . 0 0010 . .... 0 ... .... ........", dec: modImm(OpORR, true, FlagWide, unpOrr)},
	{name: "MVN_imm_T1", pat: "11110 . 0 0011 . 1111 0 ... .... ........", dec: movModImm(OpMVN)},
	{name: "ORN_imm_T1", pat: "11110 . 0 0011 . .... 0 ... .... ........", dec: modImm(OpORN, true, 0, unpOrr)},
	{name: "TEQ_imm_T1", pat: "11110 . 0 0100 1 .... 0 ... 1111 ........", dec: cmpModImm(OpTEQ, true)},
	{name: "EOR_imm_T1", pat: "11110 . 0 0100 . .... 0 ... .... ........", dec: modImm(OpEOR, true, FlagWide, unpRdSPcRn)},
	{name: "CMN_imm_T1", pat: "11110 . 0 1000 1 .... 0 ... 1111 ........", dec: cmpModImm(OpCMN, false)},
	{name: "ADD_SP_imm_T3", pat: "11110 . 0 1000 . 1101 0 ... .... ........", dec: modImm(OpADD, false, FlagWide, unpSPForm)},
	{name: "ADD_imm_T3", pat: "11110 . 0 1000 . .... 0 ... .... ........", dec: modImm(OpADD, false, FlagWide, unpAddSub)},
	{name: "ADC_imm_T1", pat: "11110 . 0 1010 . .... 0 ... .... ........", dec: modImm(OpADC, false, FlagWide, unpAllSPPC)},
	{name: "SBC_imm_T1", pat: "11110 . 0 1011 . .... 0 ... .... ........", dec: modImm(OpSBC, false, FlagWide, unpAllSPPC)},
	{name: "CMP_imm_T2", pat: "11110 . 0 1101 1 .... 0 ... 1111 ........", dec: cmpModImm(OpCMP, false)},
	{name: "SUB_SP_imm_T2", pat: "11110 . 0 1101 . 1101 0 ... .... ........", dec: modImm(OpSUB, false, FlagWide, unpSPForm)},
	{name: "SUB_imm_T3", pat: "11110 . 0 1101 . .... 0 ... .... ........", dec: modImm(OpSUB, false, FlagWide, unpAddSub)},
	{name: "RSB_imm_T2", pat: "11110 . 0 1110 . .... 0 ... .... ........", dec: modImm(OpRSB, false, 0, unpAllSPPC)},

	// A5.3.3 Data processing (plain binary immediate); the saturate and bitfield rows
	// belong to the mul group.
	{name: "ADR_T3", pat: "11110 . 1 0000 0 1111 0 ... .... ........", dec: adr32(true)},
	{name: "ADD_SP_imm_T4", pat: "11110 . 1 0000 0 1101 0 ... .... ........", dec: imm12(OpADD)},
	{name: "ADD_imm_T4", pat: "11110 . 1 0000 0 .... 0 ... .... ........", dec: imm12(OpADD)},
	{name: "MOV_imm_T3", pat: "11110 . 1 0010 0 .... 0 ... .... ........", dec: imm16(OpMOV)},
	{name: "ADR_T2", pat: "11110 . 1 0101 0 1111 0 ... .... ........", dec: adr32(false)},
	{name: "SUB_SP_imm_T3", pat: "11110 . 1 0101 0 1101 0 ... .... ........", dec: imm12(OpSUB)},
	{name: "SUB_imm_T4", pat: "11110 . 1 0101 0 .... 0 ... .... ........", dec: imm12(OpSUB)},
	{name: "MOVT_T1", pat: "11110 . 1 0110 0 .... 0 ... .... ........", dec: imm16(OpMOVT)},

	// A5.3.11 Data processing (shifted register); PKHBT/PKHTB belong to the mul group.
	{name: "TST_reg_T2", pat: "1110101 0000 1 .... 0 ... 1111 .... ....", dec: cmpShReg(OpTST)},
	{name: "AND_reg_T2", pat: "1110101 0000 . .... 0 ... .... .... ....", dec: shReg(OpAND, FlagWide, unpRdSPcRn)},
	{name: "BIC_reg_T2", pat: "1110101 0001 . .... 0 ... .... .... ....", dec: shReg(OpBIC, FlagWide, unpAllSPPC)},
	{name: "MOV_reg_T3", pat: "1110101 0010 . 1111 0 000 .... 0000 ....", dec: decMOVregT3},
	{name: "RRX_T1", pat: "1110101 0010 . 1111 0 000 .... 0011 ....", dec: shiftImm32(OpRRX)},
	{name: "LSL_imm_T2", pat: "1110101 0010 . 1111 0 ... .... ..00 ....", dec: shiftImm32(OpLSL)},
	{name: "LSR_imm_T2", pat: "1110101 0010 . 1111 0 ... .... ..01 ....", dec: shiftImm32(OpLSR)},
	{name: "ASR_imm_T2", pat: "1110101 0010 . 1111 0 ... .... ..10 ....", dec: shiftImm32(OpASR)},
	{name: "ROR_imm_T1", pat: "1110101 0010 . 1111 0 ... .... ..11 ....", dec: shiftImm32(OpROR)},
	{name: "ORR_reg_T2", pat: "1110101 0010 . .... 0 ... .... .... ....", dec: shReg(OpORR, FlagWide, unpOrr)},
	{name: "MVN_reg_T2", pat: "1110101 0011 . 1111 0 ... .... .... ....", dec: decMVNregT2},
	{name: "ORN_reg_T1", pat: "1110101 0011 . .... 0 ... .... .... ....", dec: shReg(OpORN, 0, unpOrr)},
	{name: "TEQ_reg_T1", pat: "1110101 0100 1 .... 0 ... 1111 .... ....", dec: cmpShReg(OpTEQ)},
	{name: "EOR_reg_T2", pat: "1110101 0100 . .... 0 ... .... .... ....", dec: shReg(OpEOR, FlagWide, unpRdSPcRn)},
	{name: "CMN_reg_T2", pat: "1110101 1000 1 .... 0 ... 1111 .... ....", dec: cmpShReg(OpCMN)},
	{name: "ADD_SP_reg_T3", pat: "1110101 1000 . 1101 0 ... .... .... ....", dec: shReg(OpADD, FlagWide, unpSPReg)},
	{name: "ADD_reg_T3", pat: "1110101 1000 . .... 0 ... .... .... ....", dec: shReg(OpADD, FlagWide, unpAddSub)},
	{name: "ADC_reg_T2", pat: "1110101 1010 . .... 0 ... .... .... ....", dec: shReg(OpADC, FlagWide, unpAllSPPC)},
	{name: "SBC_reg_T2", pat: "1110101 1011 . .... 0 ... .... .... ....", dec: shReg(OpSBC, FlagWide, unpAllSPPC)},
	{name: "CMP_reg_T3", pat: "1110101 1101 1 .... 0 ... 1111 .... ....", dec: cmpShReg(OpCMP)},
	{name: "SUB_SP_reg_T1", pat: "1110101 1101 . 1101 0 ... .... .... ....", dec: shReg(OpSUB, FlagWide, unpSPReg)},
	{name: "SUB_reg_T2", pat: "1110101 1101 . .... 0 ... .... .... ....", dec: shReg(OpSUB, FlagWide, unpAddSub)},
	{name: "RSB_reg_T1", pat: "1110101 1110 . .... 0 ... .... .... ....", dec: shReg(OpRSB, 0, unpAllSPPC)},

	// A5.3.12 Data processing (register): register-controlled shifts; the extend and
	// parallel rows belong to the mul group.
	{name: "LSL_reg_T2", pat: "11111010 0 00 . .... 1111 .... 0000 ....", dec: shiftReg32(OpLSL, ShiftLSL)},
	{name: "LSR_reg_T2", pat: "11111010 0 01 . .... 1111 .... 0000 ....", dec: shiftReg32(OpLSR, ShiftLSR)},
	{name: "ASR_reg_T2", pat: "11111010 0 10 . .... 1111 .... 0000 ....", dec: shiftReg32(OpASR, ShiftASR)},
	{name: "ROR_reg_T2", pat: "11111010 0 11 . .... 1111 .... 0000 ....", dec: shiftReg32(OpROR, ShiftROR)},
}

// unp returns FlagUnpredictable when c holds.
func unp(c bool) Flags {
	if c {
		return FlagUnpredictable
	}
	return 0
}

func spOrPC(r uint8) bool { return r == 13 || r == 15 }

// UNPREDICTABLE register conditions of the 32-bit rows (DDI0403E A7.7), as functions
// of d, n, m (m is 0 for immediate forms) and the S bit.
type unpFn func(d, n, m uint8, s bool) bool

// AND, EOR: d == 13 || (d == 15 && S == 0) || n IN {13,15} (|| m IN {13,15}).
func unpRdSPcRn(d, n, m uint8, s bool) bool {
	return d == 13 || (d == 15 && !s) || spOrPC(n) || spOrPC(m)
}

// BIC, ADC, SBC, RSB: d, n (and m) IN {13,15}.
func unpAllSPPC(d, n, m uint8, s bool) bool { return spOrPC(d) || spOrPC(n) || spOrPC(m) }

// ORR, ORN: d IN {13,15} || n == 13 (|| m IN {13,15}).
func unpOrr(d, n, m uint8, s bool) bool { return spOrPC(d) || n == 13 || spOrPC(m) }

// ADD, SUB (immediate T3, register): d == 13 || (d == 15 && S == 0) || n == 15 (|| m IN {13,15}).
func unpAddSub(d, n, m uint8, s bool) bool {
	return d == 13 || (d == 15 && !s) || n == 15 || spOrPC(m)
}

// ADD/SUB (SP plus/minus immediate) T3/T2: d == 15 && S == 0.
func unpSPForm(d, n, m uint8, s bool) bool { return d == 15 && !s }

// ADD/SUB (SP plus/minus register) T3/T1: (d == 15 && S == 0) || m IN {13,15}; the
// shift restriction for d == 13 is checked by the caller.
func unpSPReg(d, n, m uint8, s bool) bool { return (d == 15 && !s) || spOrPC(m) }

// --- 16-bit decoders -------------------------------------------------------------

func decMOVregT2(raw uint32) (Inst, bool) {
	// MOVS Rd, Rm: setflags is TRUE and the encoding is UNPREDICTABLE inside an IT
	// block; QEMU treats it as LSL #0 there (no flags), so it is FlagSOutIT like LSLS.
	return Inst{Op: OpMOV, Rd: reg3(raw, 0), Rm: reg3(raw, 3), Flags: FlagSOutIT}, true
}

func shiftImm16(op Op, typ uint32) decodeFn {
	return func(raw uint32) (Inst, bool) {
		imm5 := bitsOf(raw, 10, 6)
		if op == OpLSL && imm5 == 0 {
			return Inst{}, false // MOV (register) T2
		}
		st, n := DecodeImmShift(typ, imm5)
		return Inst{Op: op, Rd: reg3(raw, 0), Rm: reg3(raw, 3), Shift: st, ShiftN: n, Flags: FlagSOutIT}, true
	}
}

func addSubReg16(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: reg3(raw, 0), Rn: reg3(raw, 3), Rm: reg3(raw, 6), Flags: FlagSOutIT}, true
	}
}

func addSubImm3(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: reg3(raw, 0), Rn: reg3(raw, 3), Imm: bitsOf(raw, 8, 6), Flags: FlagImm | FlagSOutIT}, true
	}
}

func addSubImm8(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		r := reg3(raw, 8)
		return Inst{Op: op, Rd: r, Rn: r, Imm: bitsOf(raw, 7, 0), Flags: FlagImm | FlagSOutIT | FlagAlt}, true
	}
}

func decMOVimmT1(raw uint32) (Inst, bool) {
	return Inst{Op: OpMOV, Rd: reg3(raw, 8), Imm: bitsOf(raw, 7, 0), Flags: FlagImm | FlagSOutIT}, true
}

func decCMPimmT1(raw uint32) (Inst, bool) {
	return Inst{Op: OpCMP, Rn: reg3(raw, 8), Imm: bitsOf(raw, 7, 0), Flags: FlagImm | FlagS}, true
}

// dp2Reg16 is the A5.2.2 form <op>S Rdn, Rm.
func dp2Reg16(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		r := reg3(raw, 0)
		return Inst{Op: op, Rd: r, Rn: r, Rm: reg3(raw, 3), Flags: FlagSOutIT}, true
	}
}

// shiftReg16 is <shift>S Rdn, Rm: the value is Rdn (our Rm), the amount Rm (our Ra).
func shiftReg16(op Op, st ShiftType) decodeFn {
	return func(raw uint32) (Inst, bool) {
		r := reg3(raw, 0)
		return Inst{Op: op, Rd: r, Rm: r, Ra: reg3(raw, 3), Shift: st, Flags: FlagSOutIT | FlagRegShift}, true
	}
}

func cmpReg16(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rn: reg3(raw, 0), Rm: reg3(raw, 3), Flags: FlagS}, true
	}
}

func decRSBimmT1(raw uint32) (Inst, bool) {
	// RSBS Rd, Rn, #0 (printed "negs Rd, Rn").
	return Inst{Op: OpRSB, Rd: reg3(raw, 0), Rn: reg3(raw, 3), Flags: FlagImm | FlagSOutIT}, true
}

func decMVNregT1(raw uint32) (Inst, bool) {
	return Inst{Op: OpMVN, Rd: reg3(raw, 0), Rm: reg3(raw, 3), Flags: FlagSOutIT}, true
}

// dn returns the DN:Rdn register of the A5.2.3 encodings.
func dn(raw uint32) uint8 { return uint8(bit(raw, 7)<<3) | reg3(raw, 0) }

func decADDSPregT1(raw uint32) (Inst, bool) {
	// ADD Rdm, SP, Rdm. d == 15 inside an IT block but not last is UNPREDICTABLE
	// (a run-time condition; it executes as written).
	d := dn(raw)
	return Inst{Op: OpADD, Rd: d, Rn: 13, Rm: d, Flags: FlagAlt}, true
}

func decADDSPregT2(raw uint32) (Inst, bool) {
	// ADD SP, Rm (Rm == SP is encoding T1).
	m := reg(raw, 3)
	if m == 13 {
		return Inst{}, false
	}
	return Inst{Op: OpADD, Rd: 13, Rn: 13, Rm: m, Flags: FlagAlt}, true
}

func decADDregT2(raw uint32) (Inst, bool) {
	d, m := dn(raw), reg(raw, 3)
	if d == 13 || m == 13 {
		return Inst{}, false // ADD (SP plus register)
	}
	return Inst{Op: OpADD, Rd: d, Rn: d, Rm: m, Flags: FlagAlt | unp(d == 15 && m == 15)}, true
}

func decCMPregT2(raw uint32) (Inst, bool) {
	n, m := dn(raw), reg(raw, 3)
	return Inst{Op: OpCMP, Rn: n, Rm: m, Flags: FlagS | unp((n < 8 && m < 8) || n == 15 || m == 15)}, true
}

func decMOVregT1(raw uint32) (Inst, bool) {
	// MOV Rd, Rm; d == 15 is ALUWritePC (UNPREDICTABLE inside an IT block unless last).
	return Inst{Op: OpMOV, Rd: dn(raw), Rm: reg(raw, 3)}, true
}

func decADRT1(raw uint32) (Inst, bool) {
	return Inst{Op: OpADR, Rd: reg3(raw, 8), Rn: 15, Imm: bitsOf(raw, 7, 0) << 2, Flags: FlagImm | FlagAdd}, true
}

func decADDSPimmT1(raw uint32) (Inst, bool) {
	return Inst{Op: OpADD, Rd: reg3(raw, 8), Rn: 13, Imm: bitsOf(raw, 7, 0) << 2, Flags: FlagImm}, true
}

func spImm7(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: 13, Rn: 13, Imm: bitsOf(raw, 6, 0) << 2, Flags: FlagImm | FlagAlt}, true
	}
}

// --- 32-bit decoders -------------------------------------------------------------

// expandImm decodes the i:imm3:imm8 field of A5.3.1 with ThumbExpandImm_C.
func expandImm(raw uint32, logical bool) (uint32, Flags) {
	imm12 := bit(raw, 26)<<11 | bitsOf(raw, 14, 12)<<8 | bitsOf(raw, 7, 0)
	v, rot, ok := ThumbExpandImmC(imm12)
	var f Flags
	if !ok {
		// QEMU's t32_expandimm_imm yields 0 for a replicated zero byte.
		v, f = 0, FlagUnpredictable
	}
	if rot && logical {
		f |= FlagImmCarry
	}
	return v, f
}

func sBit(raw uint32) (bool, Flags) {
	if bit(raw, 20) != 0 {
		return true, FlagS
	}
	return false, 0
}

// modImm is <op>{S}.W Rd, Rn, #const.
func modImm(op Op, logical bool, wide Flags, u unpFn) decodeFn {
	return func(raw uint32) (Inst, bool) {
		imm, f := expandImm(raw, logical)
		s, sf := sBit(raw)
		d, n := reg(raw, 8), reg(raw, 16)
		return Inst{Op: op, Rd: d, Rn: n, Imm: imm, Flags: FlagImm | wide | sf | f | unp(u(d, n, 0, s))}, true
	}
}

// cmpModImm is TST/TEQ/CMN/CMP Rn, #const (Rd == 1111, S == 1).
func cmpModImm(op Op, logical bool) decodeFn {
	return func(raw uint32) (Inst, bool) {
		imm, f := expandImm(raw, logical)
		n := reg(raw, 16)
		var u bool
		if op == OpCMN || op == OpCMP {
			u = n == 15
		} else {
			u = spOrPC(n)
		}
		w := FlagWide
		if op == OpTEQ {
			w = 0
		}
		return Inst{Op: op, Rn: n, Imm: imm, Flags: FlagImm | FlagS | w | f | unp(u)}, true
	}
}

// movModImm is MOV{S}.W / MVN{S} Rd, #const (Rn == 1111).
func movModImm(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		imm, f := expandImm(raw, true)
		_, sf := sBit(raw)
		d := reg(raw, 8)
		return Inst{Op: op, Rd: d, Imm: imm, Flags: FlagImm | FlagWide | sf | f | unp(spOrPC(d))}, true
	}
}

// imm12 is ADDW/SUBW Rd, Rn, #imm12 (ADD imm T4, SUB imm T4, ADD/SUB SP imm T4/T3).
func imm12(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		d, n := reg(raw, 8), reg(raw, 16)
		u := d == 15 || (d == 13 && n != 13)
		imm := bit(raw, 26)<<11 | bitsOf(raw, 14, 12)<<8 | bitsOf(raw, 7, 0)
		return Inst{Op: op, Rd: d, Rn: n, Imm: imm, Flags: FlagImm | FlagAlt | unp(u)}, true
	}
}

// adr32 is ADR T3 (add) and T2 (subtract), printed addw/subw Rd, pc, #imm12.
func adr32(add bool) decodeFn {
	return func(raw uint32) (Inst, bool) {
		d := reg(raw, 8)
		imm := bit(raw, 26)<<11 | bitsOf(raw, 14, 12)<<8 | bitsOf(raw, 7, 0)
		f := FlagImm | unp(spOrPC(d))
		if add {
			f |= FlagAdd
		}
		return Inst{Op: OpADR, Rd: d, Rn: 15, Imm: imm, Flags: f}, true
	}
}

// imm16 is MOVW (MOV imm T3) and MOVT: Rd, #imm16.
func imm16(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		d := reg(raw, 8)
		imm := bitsOf(raw, 19, 16)<<12 | bit(raw, 26)<<11 | bitsOf(raw, 14, 12)<<8 | bitsOf(raw, 7, 0)
		f := FlagImm | unp(spOrPC(d))
		if op == OpMOV {
			f |= FlagAlt
		}
		return Inst{Op: op, Rd: d, Imm: imm, Flags: f}, true
	}
}

// immShift decodes imm3:imm2 and type of the A5.3.11 forms.
func immShift(raw uint32) (ShiftType, uint8) {
	return DecodeImmShift(bitsOf(raw, 5, 4), bitsOf(raw, 14, 12)<<2|bitsOf(raw, 7, 6))
}

// shReg is <op>{S}.W Rd, Rn, Rm{, shift}.
func shReg(op Op, wide Flags, u unpFn) decodeFn {
	return func(raw uint32) (Inst, bool) {
		s, sf := sBit(raw)
		d, n, m := reg(raw, 8), reg(raw, 16), reg(raw, 0)
		st, sn := immShift(raw)
		bad := u(d, n, m, s)
		if n == 13 && d == 13 && (st != ShiftLSL || sn > 3) {
			bad = true // ADD/SUB (SP plus/minus register): d == 13 allows LSL #0-3 only
		}
		return Inst{Op: op, Rd: d, Rn: n, Rm: m, Shift: st, ShiftN: sn, Flags: wide | sf | unp(bad)}, true
	}
}

// cmpShReg is TST/TEQ/CMN/CMP Rn, Rm{, shift} (Rd == 1111, S == 1).
func cmpShReg(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n, m := reg(raw, 16), reg(raw, 0)
		st, sn := immShift(raw)
		var u bool
		if op == OpCMN || op == OpCMP {
			u = n == 15 || spOrPC(m)
		} else {
			u = spOrPC(n) || spOrPC(m)
		}
		w := FlagWide
		if op == OpTEQ {
			w = 0
		}
		return Inst{Op: op, Rn: n, Rm: m, Shift: st, ShiftN: sn, Flags: FlagS | w | unp(u)}, true
	}
}

func decMOVregT3(raw uint32) (Inst, bool) {
	s, sf := sBit(raw)
	d, m := reg(raw, 8), reg(raw, 0)
	var u bool
	if s {
		u = spOrPC(d) || spOrPC(m)
	} else {
		u = d == 15 || m == 15 || (d == 13 && m == 13)
	}
	return Inst{Op: OpMOV, Rd: d, Rm: m, Flags: FlagWide | sf | unp(u)}, true
}

func decMVNregT2(raw uint32) (Inst, bool) {
	_, sf := sBit(raw)
	d, m := reg(raw, 8), reg(raw, 0)
	st, sn := immShift(raw)
	return Inst{Op: OpMVN, Rd: d, Rm: m, Shift: st, ShiftN: sn, Flags: FlagWide | sf | unp(spOrPC(d) || spOrPC(m))}, true
}

// shiftImm32 is LSL/LSR/ASR/ROR (immediate) and RRX: MOV{S}.W Rd, Rm, <shift>.
func shiftImm32(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		st, sn := immShift(raw)
		if op == OpLSL && sn == 0 || op == OpROR && st != ShiftROR {
			return Inst{}, false // imm5 == 0: MOV (register) T3 or RRX
		}
		_, sf := sBit(raw)
		d, m := reg(raw, 8), reg(raw, 0)
		return Inst{Op: op, Rd: d, Rm: m, Shift: st, ShiftN: sn, Flags: FlagWide | sf | unp(spOrPC(d) || spOrPC(m))}, true
	}
}

// shiftReg32 is <shift>{S}.W Rd, Rn, Rm: the value (the manual's Rn) goes to Rm and
// the amount register (the manual's Rm) to Ra.
func shiftReg32(op Op, st ShiftType) decodeFn {
	return func(raw uint32) (Inst, bool) {
		_, sf := sBit(raw)
		d, v, a := reg(raw, 8), reg(raw, 16), reg(raw, 0)
		return Inst{Op: op, Rd: d, Rm: v, Ra: a, Shift: st, Flags: FlagWide | FlagRegShift | sf | unp(spOrPC(d) || spOrPC(v) || spOrPC(a))}, true
	}
}

// --- disassembly -----------------------------------------------------------------

// dpImm renders an immediate operand as objdump does: decimal, with the value in hex
// as a comment when it is above 32.
func dpImm(v uint32) string {
	s := "#" + strconv.FormatUint(uint64(v), 10)
	if v > 32 {
		s += "\t@ 0x" + strconv.FormatUint(uint64(v), 16)
	}
	return s
}

// shiftSuffix renders ", <shift> #n" for a shifted register operand ("" for none).
func shiftSuffix(st ShiftType, n uint8) string {
	switch {
	case st == ShiftRRX:
		return ", rrx"
	case n == 0:
		return ""
	}
	return ", " + st.String() + " #" + strconv.Itoa(int(n))
}

// op2Str renders the flexible second operand.
func op2Str(in *Inst) string {
	if in.Flags&FlagImm != 0 {
		return dpImm(in.Imm)
	}
	return RegName(in.Rm) + shiftSuffix(in.Shift, in.ShiftN)
}

func fmtDP(in *Inst, ctx *Context) (string, bool) {
	base := in.Op.String()
	setFlags := in.SetsFlags(ctx.IT)
	narrow := in.Size == 2
	switch in.Op {
	case OpADD, OpSUB, OpADC, OpSBC, OpRSB, OpAND, OpBIC, OpORR, OpORN, OpEOR:
		switch {
		case narrow && in.Op == OpRSB:
			return in.Mnemonic(ctx, "neg", setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Rn), true
		case narrow && in.Flags&FlagAlt != 0:
			// Two-operand forms: ADDS Rdn, #imm8; ADD Rdn, Rm; ADD SP, #imm7; and
			// ADD Rdm, SP (SP plus register T1, printed with SP second).
			second := op2Str(in)
			if in.Flags&FlagImm == 0 && in.Rn != in.Rd {
				second = RegName(in.Rn)
			}
			return in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + second, true
		case narrow && in.Flags&FlagImm == 0 && (in.Op != OpADD && in.Op != OpSUB):
			// A5.2.2 <op>S Rdn, Rm.
			return in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Rm), true
		case !narrow && in.Flags&FlagAlt != 0:
			base += "w" // ADDW, SUBW
		}
		return in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Rn) + ", " + op2Str(in), true

	case OpTST, OpTEQ, OpCMP, OpCMN:
		return in.Mnemonic(ctx, base, false) + "\t" + RegName(in.Rn) + ", " + op2Str(in), true

	case OpMOV, OpMVN:
		if narrow && in.Op == OpMOV && in.Rd == 8 && in.Rm == 8 && in.Flags&FlagImm == 0 {
			return in.Mnemonic(ctx, "nop", false) + "\t\t\t@ (mov r8, r8)", true
		}
		if in.Flags&FlagAlt != 0 {
			base += "w" // MOVW
		}
		return in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + op2Str(in), true

	case OpLSL, OpLSR, OpASR, OpROR, OpRRX:
		if in.Flags&FlagRegShift != 0 {
			if narrow {
				return in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Ra), true
			}
			s := in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Rm) + ", " + RegName(in.Ra)
			// objdump flags the PC as UNPREDICTABLE in LSL/LSR/ASR (register), not in ROR.
			if in.Op != OpROR && (in.Rd == 15 || in.Rm == 15 || in.Ra == 15) {
				s += "\t@ <UNPREDICTABLE>"
			}
			return s, true
		}
		if narrow {
			return in.Mnemonic(ctx, base, setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Rm) + ", #" + strconv.Itoa(int(in.ShiftN)), true
		}
		// objdump prints the 32-bit forms as MOV (register) with a shift.
		return in.Mnemonic(ctx, "mov", setFlags) + "\t" + RegName(in.Rd) + ", " + RegName(in.Rm) + shiftSuffix(in.Shift, in.ShiftN), true

	case OpADR:
		if narrow {
			target := (ctx.PC+4)&^3 + in.Imm
			return in.Mnemonic(ctx, "add", false) + "\t" + RegName(in.Rd) + ", pc, #" + strconv.FormatUint(uint64(in.Imm), 10) +
				"\t@ (adr " + RegName(in.Rd) + ", " + ctx.Target(target) + ")", true
		}
		base = "subw"
		if in.Flags&FlagAdd != 0 {
			base = "addw"
		}
		return in.Mnemonic(ctx, base, false) + "\t" + RegName(in.Rd) + ", pc, " + dpImm(in.Imm), true

	case OpMOVT:
		return in.Mnemonic(ctx, base, false) + "\t" + RegName(in.Rd) + ", " + dpImm(in.Imm), true
	}
	return "", false
}

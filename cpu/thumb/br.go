package thumb

import (
	"fmt"
	"strings"
)

// Branches, control and system instructions: Arm DDI0403E A5.2.3 (BX, BLX register),
// A5.2.5 (miscellaneous 16-bit: CBZ/CBNZ, CPS, BKPT, IT, hints), A5.2.6 (B T1, UDF T1,
// SVC), A5.2.7 (B T2) and A5.3.4 (branches and miscellaneous control: B T3/T4, BL, MSR,
// MRS, hints, barriers, UDF T2).
//
// Field use:
//   - B: Imm is the sign-extended byte offset from the instruction address + 4; Cond is
//     the branch condition for T1/T3 and CondNone for T2/T4 (FlagNarrow for T1/T2,
//     FlagWide for T3/T4).
//   - BL: Imm as for B.
//   - BX, BLX: Rm.
//   - CBZ, CBNZ: Rn, Imm (zero-extended byte offset from the address + 4).
//   - IT: Cond = firstcond, Aux = mask (never 0).
//   - MRS: Rd, Aux = SYSm. MSR: Rn, Aux = SYSm | mask<<8 (mask = encoding bits 11:10:
//     bit 1 writes NZCVQ, bit 0 writes GE).
//   - CPS: Imm = the A:I:F bits (bit 2 is the A-profile A bit, UNPREDICTABLE here),
//     Aux = 1 for CPSID, 0 for CPSIE.
//   - DMB, DSB, ISB: Imm = the 4-bit option.
//   - NOP: Imm = the hint number (0 for NOP itself; other values are unallocated hints
//     that execute as NOP, printed with objdump's names for them). DBG: Imm = option.
//   - BKPT, SVC, UDF: Imm = the immediate.
//
// UNPREDICTABLE encodings that objdump still disassembles as the instruction are decoded
// with FlagUnpredictable; their behaviour (chosen to match QEMU, see exec_br.go) is
// documented at each decode function.

var brRules16 = []rule{
	{name: "BX_T1", pat: "0100 0111 0... ....", dec: decBX},
	{name: "BLX_reg_T1", pat: "0100 0111 1... ....", dec: decBLX},
	{name: "CBZ_CBNZ_T1", pat: "1011 .0.1 .... ....", dec: decCBZ},
	{name: "CPS_T1", pat: "1011 0110 011. ....", dec: decCPS},
	{name: "BKPT_T1", pat: "1011 1110 .... ....", dec: decImm8(OpBKPT)},
	{name: "IT_T1", pat: "1011 1111 .... ....", dec: decIT},
	{name: "NOP_T1", pat: "1011 1111 0000 0000", dec: decHint16},
	{name: "YIELD_T1", pat: "1011 1111 0001 0000", dec: decHint16},
	{name: "WFE_T1", pat: "1011 1111 0010 0000", dec: decHint16},
	{name: "WFI_T1", pat: "1011 1111 0011 0000", dec: decHint16},
	{name: "SEV_T1", pat: "1011 1111 0100 0000", dec: decHint16},
	{name: "hint_T1", pat: "1011 1111 .... 0000", dec: decHint16}, // unallocated hints: NOP
	{name: "UDF_T1", pat: "1101 1110 .... ....", dec: decImm8(OpUDF)},
	{name: "SVC_T1", pat: "1101 1111 .... ....", dec: decImm8(OpSVC)},
	{name: "B_T1", pat: "1101 .... .... ....", dec: decBT1},
	{name: "B_T2", pat: "1110 0... .... ....", dec: decBT2},
}

var brRules32 = []rule{
	{name: "B_T3", pat: "11110 . .... ...... 10.0 . ...........", dec: decBT3},
	{name: "B_T4", pat: "11110 . .......... 10.1 . ...........", dec: decBT4},
	{name: "BL_T1", pat: "11110 . .......... 11.1 . ...........", dec: decBL},
	{name: "MSR_reg_T1", pat: "1111 0011 100. .... 1000 .... .... ....", dec: decMSR},
	{name: "MRS_T1", pat: "1111 0011 111. .... 1000 .... .... ....", dec: decMRS},
	{name: "NOP_T2", pat: "1111 0011 1010 1111 1000 0000 0000 0000", dec: decHint32},
	{name: "YIELD_T2", pat: "1111 0011 1010 1111 1000 0000 0000 0001", dec: decHint32},
	{name: "WFE_T2", pat: "1111 0011 1010 1111 1000 0000 0000 0010", dec: decHint32},
	{name: "WFI_T2", pat: "1111 0011 1010 1111 1000 0000 0000 0011", dec: decHint32},
	{name: "SEV_T2", pat: "1111 0011 1010 1111 1000 0000 0000 0100", dec: decHint32},
	{name: "DBG_T1", pat: "1111 0011 1010 1111 1000 0000 1111 ....", dec: decHint32},
	{name: "hint_T2", pat: "1111 0011 1010 1111 1000 0000 .... ....", dec: decHint32}, // unallocated hints: NOP
	{name: "DSB_T1", pat: "1111 0011 1011 1111 1000 1111 0100 ....", dec: decBarrier(OpDSB)},
	{name: "DMB_T1", pat: "1111 0011 1011 1111 1000 1111 0101 ....", dec: decBarrier(OpDMB)},
	{name: "ISB_T1", pat: "1111 0011 1011 1111 1000 1111 0110 ....", dec: decBarrier(OpISB)},
	{name: "UDF_T2", pat: "1111 0111 1111 .... 1010 .... .... ....", dec: decUDF32},
}

// decBX decodes BX (A7.7.20). Bits 2:0 are (0)(0)(0): 0b100 is the ARMv8-M BXNS, which
// is UNDEFINED here; other non-zero values are UNPREDICTABLE — objdump prints them as
// BX and QEMU raises UNDEFINED, which is what the execute function does.
func decBX(raw uint32) (Inst, bool) {
	low := raw & 7
	if low == 0b100 {
		return Inst{}, false
	}
	in := Inst{Op: OpBX, Rm: reg(raw, 3)}
	if low != 0 {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

// decBLX decodes BLX (register) (A7.7.19). Non-zero bits 2:0 are UNDEFINED (objdump and
// QEMU agree). BLX PC is UNPREDICTABLE: it executes as written (a branch to an even
// address, which faults with INVSTATE), like QEMU.
func decBLX(raw uint32) (Inst, bool) {
	if raw&7 != 0 {
		return Inst{}, false
	}
	in := Inst{Op: OpBLX, Rm: reg(raw, 3), Flags: FlagLink}
	if in.Rm == 15 {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

// decCBZ decodes CBZ and CBNZ (A7.7.21): imm32 = ZeroExtend(i:imm5:'0').
func decCBZ(raw uint32) (Inst, bool) {
	op := OpCBZ
	if bit(raw, 11) != 0 {
		op = OpCBNZ
	}
	return Inst{Op: op, Rn: reg3(raw, 0), Imm: bit(raw, 9)<<6 | bitsOf(raw, 7, 3)<<1}, true
}

// decCPS decodes CPS (B5.2.1): 1011 0110 011 im (0)(0) I F. Bit 3 set is UNDEFINED
// (objdump and QEMU). Bit 2 (the A-profile A bit) set is UNPREDICTABLE: objdump prints
// "cpsie a", QEMU raises UNDEFINED (as the execute function does). I = F = 0 is
// UNPREDICTABLE and executes as a no-op (QEMU).
func decCPS(raw uint32) (Inst, bool) {
	if bit(raw, 3) != 0 {
		return Inst{}, false
	}
	in := Inst{Op: OpCPS, Imm: raw & 7, Aux: bit(raw, 4)}
	if raw&4 != 0 || raw&3 == 0 {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

func decImm8(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) { return Inst{Op: op, Imm: raw & 0xFF}, true }
}

// decIT decodes IT (A7.7.38). firstcond 1111, and AL with a mask holding an "else"
// slot, are UNPREDICTABLE; like QEMU they execute and the 1111 conditions pass always.
func decIT(raw uint32) (Inst, bool) {
	mask := raw & 0xF
	if mask == 0 {
		return Inst{}, false // hints
	}
	in := Inst{Op: OpIT, Cond: Cond(bitsOf(raw, 7, 4)), Aux: mask}
	if in.Cond == CondNone || (in.Cond == CondAL && itHasElse(in.Cond, mask)) {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

// itHasElse reports whether an IT mask has an "else" slot.
func itHasElse(first Cond, mask uint32) bool {
	n := itLen(mask)
	for i := 1; i < n; i++ {
		if (mask>>(4-i))&1 != uint32(first)&1 {
			return true
		}
	}
	return false
}

// itLen is the number of instructions an IT mask covers.
func itLen(mask uint32) int {
	switch {
	case mask&1 != 0:
		return 4
	case mask&2 != 0:
		return 3
	case mask&4 != 0:
		return 2
	}
	return 1
}

// hintOps maps hint numbers 0–4 (A5.2.5, A5.3.4) to their ops.
var hintOps = [5]Op{OpNOP, OpYIELD, OpWFE, OpWFI, OpSEV}

// decHint16 decodes the 16-bit hints (IT with mask 0000): opA = bits 7:4.
func decHint16(raw uint32) (Inst, bool) {
	h := bitsOf(raw, 7, 4)
	if h < 5 {
		return Inst{Op: hintOps[h]}, true
	}
	return Inst{Op: OpNOP, Imm: h}, true
}

// decHint32 decodes the 32-bit hints NOP.W … SEV.W, DBG and the unallocated hints
// (which execute as NOP).
func decHint32(raw uint32) (Inst, bool) {
	h := raw & 0xFF
	switch {
	case h < 5:
		return Inst{Op: hintOps[h], Flags: FlagWide}, true
	case h>>4 == 0xF:
		return Inst{Op: OpDBG, Imm: h & 0xF}, true
	}
	in := Inst{Op: OpNOP, Imm: h}
	if _, named := hintNames[h]; !named || h == 5 {
		in.Flags |= FlagWide
	}
	return in, true
}

func decBarrier(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) { return Inst{Op: op, Imm: raw & 0xF}, true }
}

// decUDF32 decodes UDF T2: imm32 = ZeroExtend(imm4:imm12).
func decUDF32(raw uint32) (Inst, bool) {
	return Inst{Op: OpUDF, Imm: bitsOf(raw, 19, 16)<<12 | raw&0xFFF}, true
}

// decBT1 decodes B T1 (conditional, 16-bit): imm32 = SignExtend(imm8:'0', 9).
func decBT1(raw uint32) (Inst, bool) {
	c := Cond(bitsOf(raw, 11, 8))
	if c >= CondAL {
		return Inst{}, false // UDF, SVC
	}
	return Inst{Op: OpB, Cond: c, Imm: signExtend((raw&0xFF)<<1, 9), Flags: FlagNarrow}, true
}

// decBT2 decodes B T2: imm32 = SignExtend(imm11:'0', 12).
func decBT2(raw uint32) (Inst, bool) {
	return Inst{Op: OpB, Cond: CondNone, Imm: signExtend((raw&0x7FF)<<1, 12), Flags: FlagNarrow}, true
}

// decBT3 decodes B T3 (conditional, 32-bit): imm32 = SignExtend(S:J2:J1:imm6:imm11:'0', 21).
// cond = 111x is the miscellaneous control space (declined).
func decBT3(raw uint32) (Inst, bool) {
	c := Cond(bitsOf(raw, 25, 22))
	if c >= CondAL {
		return Inst{}, false
	}
	imm := bit(raw, 26)<<20 | bit(raw, 11)<<19 | bit(raw, 13)<<18 | bitsOf(raw, 21, 16)<<12 | (raw&0x7FF)<<1
	return Inst{Op: OpB, Cond: c, Imm: signExtend(imm, 21), Flags: FlagWide}, true
}

// branch24 is the offset of B T4 and BL: I1 = NOT(J1 EOR S), I2 = NOT(J2 EOR S),
// imm32 = SignExtend(S:I1:I2:imm10:imm11:'0', 25).
func branch24(raw uint32) uint32 {
	s := bit(raw, 26)
	i1 := ^(bit(raw, 13) ^ s) & 1
	i2 := ^(bit(raw, 11) ^ s) & 1
	imm := s<<24 | i1<<23 | i2<<22 | bitsOf(raw, 25, 16)<<12 | (raw&0x7FF)<<1
	return signExtend(imm, 25)
}

func decBT4(raw uint32) (Inst, bool) {
	return Inst{Op: OpB, Cond: CondNone, Imm: branch24(raw), Flags: FlagWide}, true
}

func decBL(raw uint32) (Inst, bool) {
	return Inst{Op: OpBL, Cond: CondNone, Imm: branch24(raw), Flags: FlagLink}, true
}

// validSYSm reports whether SYSm names a special register of ARMv7-M (B5.1.1).
func validSYSm(s uint32) bool {
	return s <= 3 || (s >= 5 && s <= 9) || (s >= 16 && s <= 20)
}

// decMSR decodes MSR (register) (B5.2.3):
// 11110 0 1110 0 (0) Rn | 10 (0) 0 mask (0)(0) SYSm.
// SYSm<5> set is the A-profile banked-register form: UNDEFINED (QEMU; objdump prints
// banked register names). Everything else objdump disassembles as MSR; the UNPREDICTABLE
// cases are flagged: R (bit 20) or bits 9:8 set (QEMU: UNDEFINED), Rn = SP/PC, a reserved
// SYSm (QEMU: write ignored), mask = 00, or a mask other than 10 for a non-APSR register.
func decMSR(raw uint32) (Inst, bool) {
	sysm := raw & 0xFF
	if sysm&0x20 != 0 {
		return Inst{}, false
	}
	mask := bitsOf(raw, 11, 10)
	in := Inst{Op: OpMSR, Rn: reg(raw, 16), Aux: sysm | mask<<8}
	if bit(raw, 20) != 0 || raw&0x300 != 0 || in.Rn == 13 || in.Rn == 15 || !validSYSm(sysm) ||
		mask == 0 || (mask != 0b10 && sysm > 3) {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

// decMRS decodes MRS (B5.2.2): 11110 0 1111 1 (0) (1)(1)(1)(1) | 10 (0) 0 Rd SYSm.
// SYSm<5> set is the banked-register form: UNDEFINED. Wrong should-be bits in hw1
// (objdump still prints MRS) are UNPREDICTABLE and UNDEFINED in QEMU; Rd = SP/PC and
// reserved SYSm values (QEMU reads 0) are UNPREDICTABLE too.
func decMRS(raw uint32) (Inst, bool) {
	sysm := raw & 0xFF
	if sysm&0x20 != 0 {
		return Inst{}, false
	}
	in := Inst{Op: OpMRS, Rd: reg(raw, 8), Aux: sysm}
	if bitsOf(raw, 20, 16) != 0b01111 || in.Rd == 13 || in.Rd == 15 || !validSYSm(sysm) {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

// ---- disassembly ----

// itCondNames are the condition suffixes objdump prints inside IT blocks, where AL is
// spelled out and 0b1111 (UNPREDICTABLE) prints as "<und>".
var itCondNames = [16]string{"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "<und>"}

// hintNames are objdump's names for hint numbers that ARMv7-M executes as NOP
// (ARMv8 SEVL, ESB, CSDB and the ARMv8.1-M PACBTI hints).
var hintNames = map[uint32]string{
	5:    "sevl",
	0x0D: "pacbti\tr12, lr, sp",
	0x0F: "bti",
	0x10: "esb",
	0x14: "csdb",
	0x1D: "pac\tr12, lr, sp",
	0x2D: "aut\tr12, lr, sp",
}

// barrierOpts are objdump's names for DMB/DSB options (A7.7 DMB, DSB; the ARMv8 names for
// the reserved values, which execute as SY on ARMv7-M).
var barrierOpts = [16]string{"#0", "oshld", "oshst", "osh", "#4", "nshld", "unst", "un", "#8", "ishld", "ishst", "ish", "#12", "ld", "st", "sy"}

// sysRegNames are objdump's names for SYSm values (B5.1.1; the ARMv8-M stack limit and
// Non-secure aliases are printed too).
var sysRegNames = map[uint32]string{
	1: "IAPSR", 2: "EAPSR", 3: "PSR", 5: "IPSR", 6: "EPSR", 7: "IEPSR", 8: "MSP", 9: "PSP",
	10: "MSPLIM", 11: "PSPLIM", 16: "PRIMASK", 17: "BASEPRI", 18: "BASEPRI_MAX", 19: "FAULTMASK", 20: "CONTROL",
	0x88: "MSP_NS", 0x89: "PSP_NS", 0x8A: "MSPLIM_NS", 0x8B: "PSPLIM_NS", 0x90: "PRIMASK_NS",
	0x91: "BASEPRI_NS", 0x93: "FAULTMASK_NS", 0x94: "CONTROL_NS", 0x98: "SP_NS",
}

func sysRegName(sysm uint32) string {
	if s, ok := sysRegNames[sysm]; ok {
		return s
	}
	return "<unknown>"
}

// decComment is objdump's trailing "\t@ 0x.." after a decimal immediate in a 32-bit
// when the value is outside -16..32.
func decComment(v uint32) string {
	if int32(v) > 32 || int32(v) < -16 {
		return fmt.Sprintf("\t@ 0x%x", v)
	}
	return ""
}

func fmtBr(in *Inst, ctx *Context) (string, bool) {
	switch in.Op {
	case OpB:
		base := "b"
		if in.Cond < CondAL {
			base += in.Cond.String()
			c := *ctx
			c.IT = 0 // a conditional branch in an IT block is UNPREDICTABLE; objdump prints its own condition
			ctx = &c
		}
		return in.Mnemonic(ctx, base, false) + "\t" + ctx.Target(ctx.PC+4+in.Imm), true
	case OpBL:
		return in.Mnemonic(ctx, "bl", false) + "\t" + ctx.Target(ctx.PC+4+in.Imm), true
	case OpBX, OpBLX:
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + RegName(in.Rm), true
	case OpCBZ, OpCBNZ:
		return in.Op.String() + "\t" + RegName(in.Rn) + ", " + ctx.Target(ctx.PC+4+in.Imm), true
	case OpIT:
		var b strings.Builder
		b.WriteString("it")
		n := itLen(in.Aux)
		for i := 1; i < n; i++ {
			if (in.Aux>>(4-i))&1 == uint32(in.Cond)&1 {
				b.WriteByte('t')
			} else {
				b.WriteByte('e')
			}
		}
		return b.String() + "\t" + itCondNames[in.Cond], true
	case OpMRS:
		name := sysRegName(in.Aux)
		if in.Aux == 0 {
			switch hw1 := in.Raw >> 16; hw1 & 0x1F {
			case 0x0F:
				name = "CPSR"
			case 0x1F:
				name = "SPSR"
			default:
				name = fmt.Sprintf("(UNDEF: %d)", hw1&0xF|(hw1>>4&1)<<6) // objdump's R:'0':Rn
			}
		}
		return in.Mnemonic(ctx, "mrs", false) + "\t" + RegName(in.Rd) + ", " + name, true
	case OpMSR:
		sysm := in.Aux & 0xFF
		name := sysRegName(sysm)
		if sysm == 0 {
			name = "CPSR_"
			if in.Raw&(1<<20) != 0 {
				name = "SPSR_"
			}
			for i, f := range "fsxc" {
				if in.Raw&(1<<(11-i)) != 0 {
					name += string(f)
				}
			}
		}
		return in.Mnemonic(ctx, "msr", false) + "\t" + name + ", " + RegName(in.Rn), true
	case OpCPS:
		s := "cpsie"
		if in.Aux != 0 {
			s = "cpsid"
		}
		var fl string
		for i, f := range "aif" {
			if in.Imm&(4>>i) != 0 {
				fl += string(f)
			}
		}
		return s + "\t" + fl, true // no IT condition: objdump flags CPS in an IT block as unpredictable
	case OpDMB, OpDSB, OpISB:
		opt := in.Imm & 0xF
		if in.Op == OpDSB {
			switch opt {
			case 0:
				return "ssbb", true
			case 4:
				return "pssbb", true
			case 12:
				return in.Mnemonic(ctx, "dfb", false), true
			}
		}
		name := barrierOpts[opt]
		if in.Op == OpISB && opt != 15 {
			name = fmt.Sprintf("#%d", opt)
		}
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + name, true
	case OpNOP, OpYIELD, OpWFE, OpWFI, OpSEV:
		if in.Op != OpNOP || in.Imm == 0 {
			return in.Mnemonic(ctx, in.Op.String(), false), true
		}
		if s, ok := hintNames[in.Imm]; ok && (in.Size == 4 || in.Imm == 5) {
			if in.Imm == 5 {
				return in.Mnemonic(ctx, s, false), true // sevl takes the IT condition and .w
			}
			return s, true
		}
		s := in.Mnemonic(ctx, "nop", false) + fmt.Sprintf("\t{%d}", in.Imm)
		if in.Size == 4 {
			s += decComment(in.Imm)
		}
		return s, true
	case OpDBG:
		return in.Mnemonic(ctx, "dbg", false) + fmt.Sprintf("\t#%d", in.Imm), true
	case OpBKPT:
		return fmt.Sprintf("bkpt\t0x%04x", in.Imm), true // BKPT is unconditional
	case OpSVC:
		return in.Mnemonic(ctx, "svc", false) + fmt.Sprintf("\t%d", in.Imm) + decComment(in.Imm), true
	case OpUDF:
		if in.Size == 4 {
			return in.Mnemonic(ctx, "udf", false) + fmt.Sprintf(".w\t#%d", in.Imm) + decComment(in.Imm), true
		}
		return in.Mnemonic(ctx, "udf", false) + fmt.Sprintf("\t#%d", in.Imm) + decComment(in.Imm), true
	}
	return "", false
}

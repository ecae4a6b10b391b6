package thumb

import (
	"math/bits"
	"strconv"
	"strings"
)

// Loads and stores (Arm DDI0403E.e):
//
//   - 16-bit: A5.2.4 load/store single data item, LDR (literal) T1, A5.2.5 PUSH/POP,
//     STM/LDM T1 (A7.7.40, A7.7.156).
//   - 32-bit: A5.3.5 load/store multiple, A5.3.6 load/store dual, exclusive and table
//     branch, A5.3.7 load word, A5.3.8 load halfword and memory hints, A5.3.9 load byte
//     and memory hints, A5.3.10 store single data item; CLREX (A7.7.23, in A5.3.4).
//
// Field use (see Inst):
//
//   - Single loads/stores (LDR…STRH, LDRT…STRHT): Rd = Rt, Rn = base (15 for the
//     literal forms, whose base is Align(PC,4)), Imm = the byte offset magnitude with
//     FlagImm, or Rm shifted left by ShiftN (Shift = LSL) without it. FlagIndex,
//     FlagAdd and FlagWBack are P, U and W; the offset forms have P=1 U=1 W=0 (T4's
//     negative offset: P=1 U=0 W=0).
//   - LDRD/STRD: Rd = Rt, Ra = Rt2, Rn, Imm, FlagImm and P/U/W as above.
//   - LDREX*/STREX*: Rd = Rt, Rn, Imm (LDREX/STREX only), Ra = the STREX status register.
//   - LDM/LDMDB/STM/STMDB/PUSH/POP: Rn (13 for PUSH/POP), List, FlagWBack.
//   - TBB/TBH: Rn, Rm.
//   - PLD/PLI: like a load with Rd = 15. Aux selects how objdump prints the hint:
//     hintPLD ("pld"/"pli"), hintPLDW (an unallocated hint in the LDRH space, printed
//     "pldw") or hintLDRSH (an unallocated hint in the LDRSH space, printed as
//     "ldrsh.w pc, …"); all execute as no-ops (A5.3.8: "treat as NOP"). The byte and
//     halfword loads into the PC that are not hints (writeback and unprivileged forms,
//     UNPREDICTABLE) keep their load Op and execute as loads, but print as objdump's
//     pld/pli/pldw (pcLoadHint).
//
// UNPREDICTABLE and objdump-only encodings: every encoding objdump disassembles as a
// load/store decodes as that instruction (same Op and fields as its well-defined
// neighbours), so that the disassembly is objdump's. Where the manual says
// UNPREDICTABLE the Inst has FlagUnpredictable; where the manual says UNDEFINED (stores
// with Rn = PC, register offsets with hw2[7:6] != 00, which objdump ignores) it does
// not. Those that this core executes as UNDEFINED, because QEMU (our oracle) UNDEFs them
// or as a documented deviation from QEMU, also have FlagExecUndefined (the CPU binds
// them to the UNDEFINED execute function):
//
//   - empty register lists (LDM/STM/PUSH/POP, 16- and 32-bit): QEMU UNDEFs;
//   - LDM/STM T2, LDMDB/STMDB with Rn = PC, or with writeback and Rn in the list:
//     QEMU UNDEFs;
//   - LDREX*/STREX* register rules (Rt/Rd in {SP, PC}, Rn = PC, Rd = Rn or Rd = Rt):
//     QEMU UNDEFs;
//   - LDRD with Rt or Rt2 = PC, LDRD/STRD with Rn = PC and writeback, STRD with
//     Rn = PC: QEMU executes them (a loaded PC branches, the PC-relative forms use
//     Align(PC,4) and write the PC back); this core UNDEFs them (deviation, kept from
//     the first implementation: no compiler emits them);
//   - stores with Rn = PC and register offsets with hw2[7:6] != 00 (UNDEFINED in the
//     manual, and in QEMU).
//
// The other UNPREDICTABLE register choices execute the natural way (documented in
// cpu/exec_ls.go). Encodings objdump prints as an instruction of another architecture
// stay UNDEFINED: the CLRM space (LDM T2 with Rn = PC, W = 0, hw2[13] = 0: ARMv8.1-M),
// the TT space (STREX with Rt = PC and hw2[5:0] = 0: ARMv8-M) and LDREXD/STREXD
// (A5.3.6 op3 = 0111: ARMv7-A/R only; QEMU 7.2 executes them on its Cortex-M7).

// execUndef marks an UNPREDICTABLE encoding that disassembles as the instruction but
// executes as UNDEFINED.
const execUndef = FlagUnpredictable | FlagExecUndefined

// Hint kinds for OpPLD (kept in Aux).
const (
	hintPLD   = 0
	hintPLDW  = 1
	hintLDRSH = 2
)

var lsRules16 = []rule{
	// A5.2.4: 0101 opB Rm Rn Rt: register offset.
	{name: "STR_reg_T1", pat: "0101 000 ... ... ...", dec: ls16Reg(OpSTR)},
	{name: "STRH_reg_T1", pat: "0101 001 ... ... ...", dec: ls16Reg(OpSTRH)},
	{name: "STRB_reg_T1", pat: "0101 010 ... ... ...", dec: ls16Reg(OpSTRB)},
	{name: "LDRSB_reg_T1", pat: "0101 011 ... ... ...", dec: ls16Reg(OpLDRSB)},
	{name: "LDR_reg_T1", pat: "0101 100 ... ... ...", dec: ls16Reg(OpLDR)},
	{name: "LDRH_reg_T1", pat: "0101 101 ... ... ...", dec: ls16Reg(OpLDRH)},
	{name: "LDRB_reg_T1", pat: "0101 110 ... ... ...", dec: ls16Reg(OpLDRB)},
	{name: "LDRSH_reg_T1", pat: "0101 111 ... ... ...", dec: ls16Reg(OpLDRSH)},
	// imm5 offsets, scaled by the access size.
	{name: "STR_imm_T1", pat: "0110 0 ..... ... ...", dec: ls16Imm(OpSTR, 2)},
	{name: "LDR_imm_T1", pat: "0110 1 ..... ... ...", dec: ls16Imm(OpLDR, 2)},
	{name: "STRB_imm_T1", pat: "0111 0 ..... ... ...", dec: ls16Imm(OpSTRB, 0)},
	{name: "LDRB_imm_T1", pat: "0111 1 ..... ... ...", dec: ls16Imm(OpLDRB, 0)},
	{name: "STRH_imm_T1", pat: "1000 0 ..... ... ...", dec: ls16Imm(OpSTRH, 1)},
	{name: "LDRH_imm_T1", pat: "1000 1 ..... ... ...", dec: ls16Imm(OpLDRH, 1)},
	// SP-relative and literal: imm8*4.
	{name: "STR_imm_T2", pat: "1001 0 ... ........", dec: ls16SP(OpSTR)},
	{name: "LDR_imm_T2", pat: "1001 1 ... ........", dec: ls16SP(OpLDR)},
	{name: "LDR_lit_T1", pat: "0100 1 ... ........", dec: decLDRLitT1},
	// A5.2.5 misc: PUSH/POP; A7.7.x LDM/STM T1.
	{name: "PUSH_T1", pat: "1011 010 . ........", dec: decPushPopT1(OpPUSH, 14)},
	{name: "POP_T1", pat: "1011 110 . ........", dec: decPushPopT1(OpPOP, 15)},
	{name: "STM_T1", pat: "1100 0 ... ........", dec: decLdmStmT1(OpSTM)},
	{name: "LDM_T1", pat: "1100 1 ... ........", dec: decLdmStmT1(OpLDM)},
}

var lsRules32 = []rule{
	// A5.3.5 load/store multiple: 1110100 op 0 W L Rn | list.
	{name: "STM_T2", pat: "1110 1000 10.0 .... ................", dec: decLdmStmT2(OpSTM, FlagWide)},
	{name: "LDM_T2", pat: "1110 1000 10.1 .... ................", dec: decLdmStmT2(OpLDM, FlagWide)},
	{name: "POP_T2", pat: "1110 1000 1011 1101 ................", dec: decLdmStmT2(OpPOP, FlagWide)},
	{name: "STMDB_T1", pat: "1110 1001 00.0 .... ................", dec: decLdmStmT2(OpSTMDB, 0)},
	{name: "PUSH_T2", pat: "1110 1001 0010 1101 ................", dec: decLdmStmT2(OpPUSH, 0)},
	{name: "LDMDB_T1", pat: "1110 1001 00.1 .... ................", dec: decLdmStmT2(OpLDMDB, 0)},

	// A5.3.6 load/store dual, exclusive, table branch.
	{name: "STREX_T1", pat: "1110 1000 0100 .... .... .... ........", dec: decSTREX},
	{name: "LDREX_T1", pat: "1110 1000 0101 .... .... 1111 ........", dec: decLDREX},
	{name: "STREXB_T1", pat: "1110 1000 1100 .... .... 1111 0100 ....", dec: decSTREXBH(OpSTREXB)},
	{name: "STREXH_T1", pat: "1110 1000 1100 .... .... 1111 0101 ....", dec: decSTREXBH(OpSTREXH)},
	{name: "LDREXB_T1", pat: "1110 1000 1101 .... .... 1111 0100 1111", dec: decLDREXBH(OpLDREXB)},
	{name: "LDREXH_T1", pat: "1110 1000 1101 .... .... 1111 0101 1111", dec: decLDREXBH(OpLDREXH)},
	{name: "TBB_T1", pat: "1110 1000 1101 .... 1111 0000 0000 ....", dec: decTB(OpTBB)},
	{name: "TBH_T1", pat: "1110 1000 1101 .... 1111 0000 0001 ....", dec: decTB(OpTBH)},
	{name: "STRD_imm_T1", pat: "1110 100. .1.0 .... ................", dec: decLdrdStrd(OpSTRD)},
	{name: "LDRD_imm_T1", pat: "1110 100. .1.1 .... ................", dec: decLdrdStrd(OpLDRD)},
	{name: "LDRD_lit_T1", pat: "1110 100. .1.1 1111 ................", dec: decLdrdStrd(OpLDRD)},

	// CLREX (A7.7.23), in the miscellaneous control space of A5.3.4.
	{name: "CLREX_T1", pat: "1111 0011 1011 1111 1000 1111 0010 1111", dec: decCLREX},

	// A5.3.10 store single data item: 11111 000 op1 0 Rn.
	{name: "STRB_imm_T2", pat: "1111 1000 1000 .... ................", dec: ls32Imm12(OpSTRB)},
	{name: "STRB_imm_T3", pat: "1111 1000 0000 .... .... 1... ........", dec: ls32Imm8(OpSTRB)},
	{name: "STRBT_T1", pat: "1111 1000 0000 .... .... 1110 ........", dec: ls32Unpriv(OpSTRBT)},
	{name: "STRB_reg_T2", pat: "1111 1000 0000 .... .... 0000 00.. ....", dec: ls32Reg(OpSTRB)},
	{name: "STRH_imm_T2", pat: "1111 1000 1010 .... ................", dec: ls32Imm12(OpSTRH)},
	{name: "STRH_imm_T3", pat: "1111 1000 0010 .... .... 1... ........", dec: ls32Imm8(OpSTRH)},
	{name: "STRHT_T1", pat: "1111 1000 0010 .... .... 1110 ........", dec: ls32Unpriv(OpSTRHT)},
	{name: "STRH_reg_T2", pat: "1111 1000 0010 .... .... 0000 00.. ....", dec: ls32Reg(OpSTRH)},
	{name: "STR_imm_T3", pat: "1111 1000 1100 .... ................", dec: ls32Imm12(OpSTR)},
	{name: "STR_imm_T4", pat: "1111 1000 0100 .... .... 1... ........", dec: ls32Imm8(OpSTR)},
	{name: "PUSH_T3", pat: "1111 1000 0100 1101 .... 1101 00000100", dec: ls32Imm8(OpSTR)},
	{name: "STRT_T1", pat: "1111 1000 0100 .... .... 1110 ........", dec: ls32Unpriv(OpSTRT)},
	{name: "STR_reg_T2", pat: "1111 1000 0100 .... .... 0000 00.. ....", dec: ls32Reg(OpSTR)},
	// UNDEFINED in ARMv7-M but disassembled by objdump (see the package comment):
	// stores with Rn = PC, which objdump prints as PC-relative stores with U = bit 23
	// and imm12 = hw2[11:0] whatever the op2 bits, and the register offset forms with
	// hw2[7:6] != 00 (objdump ignores those bits; loads too, below).
	{name: "STRB_Rn15_UNDEF", pat: "1111 1000 .000 1111 ................", dec: ls32StorePC(OpSTRB)},
	{name: "STRH_Rn15_UNDEF", pat: "1111 1000 .010 1111 ................", dec: ls32StorePC(OpSTRH)},
	{name: "STR_Rn15_UNDEF", pat: "1111 1000 .100 1111 ................", dec: ls32StorePC(OpSTR)},
	{name: "STRB_reg_op2_UNDEF", pat: "1111 1000 0000 .... .... 0000 .... ....", dec: ls32RegOp2(OpSTRB)},
	{name: "STRH_reg_op2_UNDEF", pat: "1111 1000 0010 .... .... 0000 .... ....", dec: ls32RegOp2(OpSTRH)},
	{name: "STR_reg_op2_UNDEF", pat: "1111 1000 0100 .... .... 0000 .... ....", dec: ls32RegOp2(OpSTR)},
	{name: "LDRB_reg_op2_UNDEF", pat: "1111 1000 0001 .... .... 0000 .... ....", dec: ls32RegOp2(OpLDRB)},
	{name: "LDRSB_reg_op2_UNDEF", pat: "1111 1001 0001 .... .... 0000 .... ....", dec: ls32RegOp2(OpLDRSB)},
	{name: "LDRH_reg_op2_UNDEF", pat: "1111 1000 0011 .... .... 0000 .... ....", dec: ls32RegOp2(OpLDRH)},
	{name: "LDRSH_reg_op2_UNDEF", pat: "1111 1001 0011 .... .... 0000 .... ....", dec: ls32RegOp2(OpLDRSH)},
	{name: "LDR_reg_op2_UNDEF", pat: "1111 1000 0101 .... .... 0000 .... ....", dec: ls32RegOp2(OpLDR)},

	// A5.3.9 load byte, memory hints: 11111 00 S Y 00 1 Rn.
	{name: "LDRB_imm_T2", pat: "1111 1000 1001 .... ................", dec: ls32Imm12(OpLDRB)},
	{name: "LDRB_imm_T3", pat: "1111 1000 0001 .... .... 1... ........", dec: ls32Imm8(OpLDRB)},
	{name: "LDRBT_T1", pat: "1111 1000 0001 .... .... 1110 ........", dec: ls32Unpriv(OpLDRBT)},
	{name: "LDRB_reg_T2", pat: "1111 1000 0001 .... .... 0000 00.. ....", dec: ls32Reg(OpLDRB)},
	{name: "LDRB_lit_T1", pat: "1111 1000 .001 1111 ................", dec: ls32Lit(OpLDRB)},
	{name: "PLD_imm_T1", pat: "1111 1000 1001 .... 1111 ............", dec: ls32Imm12(OpPLD)},
	{name: "PLD_imm_T2", pat: "1111 1000 0001 .... 1111 1100 ........", dec: ls32Imm8(OpPLD)},
	{name: "PLD_lit_T1", pat: "1111 1000 .001 1111 1111 ............", dec: ls32Lit(OpPLD)},
	{name: "PLD_reg_T1", pat: "1111 1000 0001 .... 1111 0000 00.. ....", dec: ls32Reg(OpPLD)},
	{name: "LDRSB_imm_T1", pat: "1111 1001 1001 .... ................", dec: ls32Imm12(OpLDRSB)},
	{name: "LDRSB_imm_T2", pat: "1111 1001 0001 .... .... 1... ........", dec: ls32Imm8(OpLDRSB)},
	{name: "LDRSBT_T1", pat: "1111 1001 0001 .... .... 1110 ........", dec: ls32Unpriv(OpLDRSBT)},
	{name: "LDRSB_reg_T2", pat: "1111 1001 0001 .... .... 0000 00.. ....", dec: ls32Reg(OpLDRSB)},
	{name: "LDRSB_lit_T1", pat: "1111 1001 .001 1111 ................", dec: ls32Lit(OpLDRSB)},
	{name: "PLI_imm_T1", pat: "1111 1001 1001 .... 1111 ............", dec: ls32Imm12(OpPLI)},
	{name: "PLI_imm_T2", pat: "1111 1001 0001 .... 1111 1100 ........", dec: ls32Imm8(OpPLI)},
	{name: "PLI_lit_T3", pat: "1111 1001 .001 1111 1111 ............", dec: ls32Lit(OpPLI)},
	{name: "PLI_reg_T1", pat: "1111 1001 0001 .... 1111 0000 00.. ....", dec: ls32Reg(OpPLI)},

	// A5.3.8 load halfword, memory hints. Rt = PC in the non-writeback forms is an
	// unallocated memory hint (treated as NOP): the rows return OpPLD for it.
	{name: "LDRH_imm_T2", pat: "1111 1000 1011 .... ................", dec: ls32Imm12(OpLDRH)},
	{name: "LDRH_imm_T3", pat: "1111 1000 0011 .... .... 1... ........", dec: ls32Imm8(OpLDRH)},
	{name: "LDRHT_T1", pat: "1111 1000 0011 .... .... 1110 ........", dec: ls32Unpriv(OpLDRHT)},
	{name: "LDRH_reg_T2", pat: "1111 1000 0011 .... .... 0000 00.. ....", dec: ls32Reg(OpLDRH)},
	{name: "LDRH_lit_T1", pat: "1111 1000 .011 1111 ................", dec: ls32Lit(OpLDRH)},
	{name: "LDRSH_imm_T1", pat: "1111 1001 1011 .... ................", dec: ls32Imm12(OpLDRSH)},
	{name: "LDRSH_imm_T2", pat: "1111 1001 0011 .... .... 1... ........", dec: ls32Imm8(OpLDRSH)},
	{name: "LDRSHT_T1", pat: "1111 1001 0011 .... .... 1110 ........", dec: ls32Unpriv(OpLDRSHT)},
	{name: "LDRSH_reg_T2", pat: "1111 1001 0011 .... .... 0000 00.. ....", dec: ls32Reg(OpLDRSH)},
	{name: "LDRSH_lit_T1", pat: "1111 1001 .011 1111 ................", dec: ls32Lit(OpLDRSH)},

	// A5.3.7 load word.
	{name: "LDR_imm_T3", pat: "1111 1000 1101 .... ................", dec: ls32Imm12(OpLDR)},
	{name: "LDR_imm_T4", pat: "1111 1000 0101 .... .... 1... ........", dec: ls32Imm8(OpLDR)},
	{name: "POP_T3", pat: "1111 1000 0101 1101 .... 1011 00000100", dec: ls32Imm8(OpLDR)},
	{name: "LDRT_T1", pat: "1111 1000 0101 .... .... 1110 ........", dec: ls32Unpriv(OpLDRT)},
	{name: "LDR_reg_T2", pat: "1111 1000 0101 .... .... 0000 00.. ....", dec: ls32Reg(OpLDR)},
	{name: "LDR_lit_T2", pat: "1111 1000 .101 1111 ................", dec: ls32Lit(OpLDR)},
}

// 16-bit decoders.

func ls16Reg(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: reg3(raw, 0), Rn: reg3(raw, 3), Rm: reg3(raw, 6), Shift: ShiftLSL,
			Flags: FlagIndex | FlagAdd}, true
	}
}

func ls16Imm(op Op, scale uint) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: reg3(raw, 0), Rn: reg3(raw, 3), Imm: bitsOf(raw, 10, 6) << scale,
			Flags: FlagImm | FlagIndex | FlagAdd}, true
	}
}

func ls16SP(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: reg3(raw, 8), Rn: 13, Imm: bitsOf(raw, 7, 0) << 2,
			Flags: FlagImm | FlagIndex | FlagAdd}, true
	}
}

func decLDRLitT1(raw uint32) (Inst, bool) {
	return Inst{Op: OpLDR, Rd: reg3(raw, 8), Rn: 15, Imm: bitsOf(raw, 7, 0) << 2,
		Flags: FlagImm | FlagIndex | FlagAdd}, true
}

// decPushPopT1: bit 8 adds LR (PUSH) or PC (POP) to the list. An empty list is
// UNPREDICTABLE: objdump prints "push {}", QEMU UNDEFs (execUndef).
func decPushPopT1(op Op, extra uint) decodeFn {
	return func(raw uint32) (Inst, bool) {
		list := uint16(bitsOf(raw, 7, 0)) | uint16(bit(raw, 8))<<extra
		in := Inst{Op: op, Rn: 13, List: list, Flags: FlagWBack}
		if list == 0 {
			in.Flags |= execUndef
		}
		return in, true
	}
}

// decLdmStmT1: STM T1 always writes back; LDM T1 writes back only when Rn is not in
// the list. STM T1 with Rn in the list but not its lowest register stores an UNKNOWN
// value (A7.7.156): FlagUnpredictable, the original Rn is stored. An empty list is
// UNPREDICTABLE: objdump prints "ldmia r0!, {}", QEMU UNDEFs (execUndef).
func decLdmStmT1(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n := reg3(raw, 8)
		list := uint16(bitsOf(raw, 7, 0))
		in := Inst{Op: op, Rn: n, List: list}
		if list == 0 {
			in.Flags |= execUndef
		}
		inList := list&(1<<n) != 0
		if op == OpSTM {
			in.Flags |= FlagWBack
			if inList && bits.TrailingZeros16(list) != int(n) {
				in.Flags |= FlagUnpredictable
			}
		} else if !inList {
			in.Flags |= FlagWBack
		}
		return in, true
	}
}

// 32-bit decoders.

// decLdmStmT2 covers STM T2, LDM T2, STMDB T1, LDMDB T1 and PUSH/POP T2 (A7.7.40,
// A7.7.41, A7.7.156, A7.7.157, A7.7.99, A7.7.101).
func decLdmStmT2(op Op, f Flags) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n := reg(raw, 16)
		list := uint16(raw)
		wback := bit(raw, 21) != 0
		load := bit(raw, 20) != 0
		if op == OpLDM && n == 15 && !wback && list&(1<<13) == 0 {
			return Inst{}, false // ARMv8.1-M CLRM space (objdump prints clrm): UNDEFINED
		}
		in := Inst{Op: op, Rn: n, List: list, Flags: f}
		if wback {
			in.Flags |= FlagWBack
		}
		// Rn = PC, an empty list, or writeback with Rn in the list: UNPREDICTABLE;
		// QEMU UNDEFs these.
		if n == 15 || list == 0 || (wback && list&(1<<n) != 0) {
			in.Flags |= execUndef
		}
		// A single register, SP in the list, PC in a store list, or both PC and LR in
		// a load list: UNPREDICTABLE, executed as written.
		if bits.OnesCount16(list) < 2 || list&(1<<13) != 0 || (!load && list&(1<<15) != 0) ||
			(load && list&0xC000 == 0xC000) {
			in.Flags |= FlagUnpredictable
		}
		return in, true
	}
}

// The exclusives' UNPREDICTABLE register choices (A7.7.52–54, A7.7.167–169: Rd or Rt
// in {SP, PC}, Rn = PC, Rd = Rn or Rd = Rt) are UNDEFINED in QEMU: execUndef.

func decSTREX(raw uint32) (Inst, bool) {
	d, t, n := reg(raw, 8), reg(raw, 12), reg(raw, 16)
	if raw&0xF03F == 0xF000 {
		return Inst{}, false // ARMv8-M TT space (objdump prints tt*): UNDEFINED
	}
	in := Inst{Op: OpSTREX, Rd: t, Rn: n, Ra: d, Imm: bitsOf(raw, 7, 0) << 2, Flags: FlagImm}
	if badReg(d) || badReg(t) || n == 15 || d == n || d == t {
		in.Flags |= execUndef
	}
	return in, true
}

func decLDREX(raw uint32) (Inst, bool) {
	t, n := reg(raw, 12), reg(raw, 16)
	in := Inst{Op: OpLDREX, Rd: t, Rn: n, Imm: bitsOf(raw, 7, 0) << 2, Flags: FlagImm}
	if badReg(t) || n == 15 {
		in.Flags |= execUndef
	}
	return in, true
}

func decSTREXBH(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		d, t, n := reg(raw, 0), reg(raw, 12), reg(raw, 16)
		in := Inst{Op: op, Rd: t, Rn: n, Ra: d}
		if badReg(d) || badReg(t) || n == 15 || d == n || d == t {
			in.Flags |= execUndef
		}
		return in, true
	}
}

func decLDREXBH(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		t, n := reg(raw, 12), reg(raw, 16)
		in := Inst{Op: op, Rd: t, Rn: n}
		if badReg(t) || n == 15 {
			in.Flags |= execUndef
		}
		return in, true
	}
}

// decTB: TBB/TBH (A7.7.182). Rn = SP or Rm in {SP, PC} is UNPREDICTABLE and executes
// as written.
func decTB(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rn: reg(raw, 16), Rm: reg(raw, 0)}
		if in.Rn == 13 || badReg(in.Rm) {
			in.Flags |= FlagUnpredictable
		}
		return in, true
	}
}

// decLdrdStrd: LDRD (immediate/literal) and STRD (immediate), A7.7.50, A7.7.51, A7.7.163.
func decLdrdStrd(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		p, u, w := bit(raw, 24), bit(raw, 23), bit(raw, 21)
		if p == 0 && w == 0 {
			return Inst{}, false // load/store exclusive and table branch space
		}
		t, t2, n := reg(raw, 12), reg(raw, 8), reg(raw, 16)
		in := Inst{Op: op, Rd: t, Ra: t2, Rn: n, Imm: bitsOf(raw, 7, 0) << 2, Flags: FlagImm | pFlags(p, u, w)}
		if badReg(t) || badReg(t2) || (w == 1 && (n == t || n == t2)) || (op == OpLDRD && t == t2) {
			in.Flags |= FlagUnpredictable
		}
		// A PC base with writeback, STRD with a PC base, and LDRD loading the PC:
		// UNPREDICTABLE, and UNDEFINED here. Deviation from QEMU, which executes them
		// (the literal forms with writeback write Align(PC,4)±imm to the PC, STRD
		// stores PC-relative, LDRD into the PC branches).
		if (n == 15 && (op == OpSTRD || w == 1)) || (op == OpLDRD && (t == 15 || t2 == 15)) {
			in.Flags |= execUndef
		}
		return in, true
	}
}

func decCLREX(raw uint32) (Inst, bool) { return Inst{Op: OpCLREX}, true }

// ls32Imm12: the 12-bit positive offset forms (LDR T3, STR T3, LDRB/LDRH/STRB/STRH T2,
// LDRSB/LDRSH T1, PLD/PLI T1).
func ls32Imm12(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n, t := reg(raw, 16), reg(raw, 12)
		if n == 15 {
			return Inst{}, false // literal (loads) or UNDEFINED (stores)
		}
		in := Inst{Op: op, Rd: t, Rn: n, Imm: bitsOf(raw, 11, 0), Flags: FlagImm | FlagIndex | FlagAdd | FlagWide}
		return fixSingle(in, false)
	}
}

// ls32Imm8: the 8-bit offset forms with P/U/W (T4 of LDR/STR, T3 of LDRB/LDRH/STRB/STRH,
// T2 of LDRSB/LDRSH/PLD/PLI) and PUSH/POP T3, which are STR/LDR with [SP, #-4]! and [SP], #4.
func ls32Imm8(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n, t := reg(raw, 16), reg(raw, 12)
		p, u, w := bit(raw, 10), bit(raw, 9), bit(raw, 8)
		if n == 15 || (p == 0 && w == 0) || (p == 1 && u == 1 && w == 0) {
			return Inst{}, false // literal, UNDEFINED, or the unprivileged form
		}
		in := Inst{Op: op, Rd: t, Rn: n, Imm: bitsOf(raw, 7, 0), Flags: FlagImm | FlagWide | pFlags(p, u, w)}
		return fixSingle(in, w == 1)
	}
}

// ls32Unpriv: LDRT, LDRBT, LDRHT, LDRSBT, LDRSHT, STRT, STRBT, STRHT (offset
// addressing, imm8). Rt in {SP, PC} is UNPREDICTABLE and executes as written.
func ls32Unpriv(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n, t := reg(raw, 16), reg(raw, 12)
		if n == 15 {
			return Inst{}, false
		}
		in := Inst{Op: op, Rd: t, Rn: n, Imm: bitsOf(raw, 7, 0), Flags: FlagImm | FlagIndex | FlagAdd}
		if badReg(t) {
			in.Flags |= FlagUnpredictable
		}
		return in, true
	}
}

// ls32Reg: register offset [Rn, Rm, LSL #imm2].
func ls32Reg(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		n, t := reg(raw, 16), reg(raw, 12)
		if n == 15 {
			return Inst{}, false
		}
		in := Inst{Op: op, Rd: t, Rn: n, Rm: reg(raw, 0), Shift: ShiftLSL, ShiftN: uint8(bitsOf(raw, 5, 4)),
			Flags: FlagIndex | FlagAdd | FlagWide}
		if badReg(in.Rm) {
			in.Flags |= FlagUnpredictable
		}
		return fixSingle(in, false)
	}
}

// ls32RegOp2: a register offset form with hw2[7:6] != 00, UNDEFINED (A5.3.7–A5.3.10
// allow only op2 = 000000; QEMU UNDEFs too) but printed by objdump like the op2 = 000000
// form: decoded as that form with FlagExecUndefined. Rt = PC in the byte/halfword load
// spaces gives the hint (printed pld/pli/pldw) as for op2 = 000000.
func ls32RegOp2(op Op) decodeFn {
	dec, pcDec := ls32Reg(op), ls32Reg(op)
	switch op {
	case OpLDRB:
		pcDec = ls32Reg(OpPLD)
	case OpLDRSB:
		pcDec = ls32Reg(OpPLI)
	}
	return func(raw uint32) (Inst, bool) {
		if bitsOf(raw, 7, 6) == 0 {
			return Inst{}, false // the op2 = 000000 rows
		}
		d := dec
		if reg(raw, 12) == 15 {
			d = pcDec
		}
		in, ok := d(raw)
		in.Flags |= FlagExecUndefined
		return in, ok
	}
}

// ls32StorePC: a store with Rn = PC, UNDEFINED (A7.7.158–A7.7.166: "if Rn == '1111'
// then UNDEFINED"; QEMU UNDEFs too), which objdump prints as a PC-relative store like a
// literal load (U = bit 23, imm12): decoded so, with FlagExecUndefined.
func ls32StorePC(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		return Inst{Op: op, Rd: reg(raw, 12), Rn: 15, Imm: bitsOf(raw, 11, 0),
			Flags: FlagImm | FlagIndex | FlagWide | FlagExecUndefined | pFlags(1, bit(raw, 23), 0)}, true
	}
}

// ls32Lit: PC-relative loads and hints, U in bit 23.
func ls32Lit(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 12), Rn: 15, Imm: bitsOf(raw, 11, 0),
			Flags: FlagImm | FlagIndex | FlagWide | pFlags(1, bit(raw, 23), 0)}
		return fixSingle(in, false)
	}
}

// fixSingle applies the register rules shared by the 32-bit single loads and stores:
// hints for Rt = PC in the byte/halfword load spaces (PLD/PLI rows are more specific
// and come first, so OpLDRB/OpLDRSB never see a non-writeback Rt = PC here), and
// FlagUnpredictable for the UNPREDICTABLE register choices that still execute.
func fixSingle(in Inst, wback bool) (Inst, bool) {
	t := in.Rd
	switch in.Op {
	case OpPLD, OpPLI:
		in.Flags &^= FlagWide
		return in, true
	case OpLDRH, OpLDRSH:
		if t == 15 && !wback {
			// A5.3.8 unallocated memory hints: NOP. A register offset with Rm in
			// {SP, PC} keeps FlagUnpredictable, as for PLD (register).
			in.Aux = hintPLDW
			if in.Op == OpLDRSH {
				in.Aux = hintLDRSH
			}
			in.Op = OpPLD
			in.Flags &^= FlagWide
			return in, true
		}
		if badReg(t) {
			in.Flags |= FlagUnpredictable
		}
	case OpLDRB, OpLDRSB, OpSTRB, OpSTRH:
		if badReg(t) {
			in.Flags |= FlagUnpredictable
		}
	case OpSTR:
		if t == 15 {
			in.Flags |= FlagUnpredictable
		}
	}
	if wback && in.Rn == t {
		in.Flags |= FlagUnpredictable
	}
	return in, true
}

func pFlags(p, u, w uint32) Flags {
	var f Flags
	if p != 0 {
		f |= FlagIndex
	}
	if u != 0 {
		f |= FlagAdd
	}
	if w != 0 {
		f |= FlagWBack
	}
	return f
}

// badReg is the pseudocode BadReg(): SP or PC.
func badReg(r uint8) bool { return r == 13 || r == 15 }

// Disassembly.

func fmtLS(in *Inst, ctx *Context) (string, bool) {
	switch in.Op {
	case OpLDR, OpLDRB, OpLDRH, OpLDRSB, OpLDRSH, OpSTR, OpSTRB, OpSTRH,
		OpLDRT, OpLDRBT, OpLDRHT, OpLDRSBT, OpLDRSHT, OpSTRT, OpSTRBT, OpSTRHT:
		if m, ok := litUnprivQuirk(in, ctx); ok {
			return m + "\t" + RegName(in.Rd) + ", " + lsAddr(in, ctx), true
		}
		if m, ok := pcLoadHint(in, ctx); ok {
			return m + "\t" + lsAddr(in, ctx), true
		}
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + RegName(in.Rd) + ", " + lsAddr(in, ctx), true
	case OpPLD, OpPLI:
		switch in.Aux {
		case hintPLDW:
			return in.Mnemonic(ctx, "pldw", false) + "\t" + lsAddr(in, ctx), true
		case hintLDRSH:
			if m, ok := litUnprivQuirk(in, ctx); ok {
				return m + "\tpc, " + lsAddr(in, ctx), true
			}
			return in.Mnemonic(ctx, "ldrsh", false) + ".w\tpc, " + lsAddr(in, ctx), true
		}
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + lsAddr(in, ctx), true
	case OpLDRD, OpSTRD:
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + RegName(in.Rd) + ", " + RegName(in.Ra) + ", " +
			dualAddr(in, ctx), true
	case OpLDREX, OpLDREXB, OpLDREXH:
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + RegName(in.Rd) + ", " + exAddr(in), true
	case OpSTREX, OpSTREXB, OpSTREXH:
		return in.Mnemonic(ctx, in.Op.String(), false) + "\t" + RegName(in.Ra) + ", " + RegName(in.Rd) + ", " +
			exAddr(in), true
	case OpCLREX:
		return in.Mnemonic(ctx, "clrex", false), true
	case OpTBB:
		return in.Mnemonic(ctx, "tbb", false) + "\t[" + RegName(in.Rn) + ", " + RegName(in.Rm) + "]", true
	case OpTBH:
		return in.Mnemonic(ctx, "tbh", false) + "\t[" + RegName(in.Rn) + ", " + RegName(in.Rm) + ", lsl #1]", true
	case OpLDM, OpSTM, OpLDMDB, OpSTMDB, OpPUSH, OpPOP:
		return fmtMultiple(in, ctx), true
	}
	return "", false
}

// litUnprivQuirk reproduces an objdump quirk: a literal load with U = 0 whose imm12
// has bits [11:8] = 1110 looks like the unprivileged form's "1110" marker, and objdump
// prints the unprivileged mnemonic without ".w" ("ldrbt r0, [pc, #-3602]"), although
// the instruction is the literal load (A5.3.7–A5.3.9; Rn = PC is never unprivileged).
func litUnprivQuirk(in *Inst, ctx *Context) (string, bool) {
	if in.Size != 4 || in.Rn != 15 || in.Flags&FlagAdd != 0 || in.Imm>>8 != 0xE {
		return "", false
	}
	var base string
	switch in.Op {
	case OpLDR:
		base = "ldrt"
	case OpLDRB:
		base = "ldrbt"
	case OpLDRH:
		base = "ldrht"
	case OpLDRSB:
		base = "ldrsbt"
	case OpLDRSH:
		base = "ldrsht"
	case OpSTR:
		base = "strt"
	case OpSTRB:
		base = "strbt"
	case OpSTRH:
		base = "strht"
	case OpPLD:
		if in.Aux != hintLDRSH {
			return "", false
		}
		base = "ldrsht"
	default:
		return "", false
	}
	narrow := *in
	narrow.Flags &^= FlagWide
	return narrow.Mnemonic(ctx, base, false), true
}

// pcLoadHint reproduces objdump's spelling of the byte/halfword loads into the PC that
// are not hints in ARMv7-M: the writeback forms (LDRB/LDRSB/LDRH T3/T2 with Rt = PC,
// UNPREDICTABLE) and the unprivileged forms (LDRBT/LDRSBT/LDRHT with Rt = PC,
// UNPREDICTABLE) print as the hint of their space, "pld"/"pli"/"pldw", with the load's
// addressing ("pld [r2, #174]!", "pldw [r8], #147", "pli [r0, #9]"). They keep the load's
// Op, so they execute as the load they are (see cpu/exec_ls.go). LDRSH/LDRSHT keep
// their own name, as objdump prints them.
func pcLoadHint(in *Inst, ctx *Context) (string, bool) {
	if in.Rd != 15 || in.Size != 4 {
		return "", false
	}
	var base string
	switch in.Op {
	case OpLDRB, OpLDRBT:
		base = "pld"
	case OpLDRSB, OpLDRSBT:
		base = "pli"
	case OpLDRH, OpLDRHT:
		base = "pldw"
	default:
		return "", false
	}
	narrow := *in
	narrow.Flags &^= FlagWide
	return narrow.Mnemonic(ctx, base, false), true
}

// fmtMultiple: objdump prints LDM/STM as ldmia/stmia (".w" for the 32-bit IA forms),
// PUSH/POP T1 as push/pop, POP T2 as "ldmia.w sp!, …" and PUSH T2 as "stmdb sp!, …".
func fmtMultiple(in *Inst, ctx *Context) string {
	var base string
	switch in.Op {
	case OpLDM:
		base = "ldmia"
	case OpSTM:
		base = "stmia"
	case OpLDMDB:
		base = "ldmdb"
	case OpSTMDB:
		base = "stmdb"
	case OpPUSH:
		if in.Size == 2 {
			return in.Mnemonic(ctx, "push", false) + "\t" + RegList(in.List)
		}
		base = "stmdb"
	case OpPOP:
		if in.Size == 2 {
			return in.Mnemonic(ctx, "pop", false) + "\t" + RegList(in.List)
		}
		base = "ldmia"
	}
	s := in.Mnemonic(ctx, base, false) + "\t" + RegName(in.Rn)
	if in.Flags&FlagWBack != 0 {
		s += "!"
	}
	return s + ", " + RegList(in.List)
}

// immComment is objdump's "\t@ 0x…" after an immediate offset larger than 32.
func immComment(v uint32) string {
	if v > 32 {
		return "\t@ 0x" + strconv.FormatUint(uint64(v), 16)
	}
	return ""
}

func signedImm(add bool, v uint32) string {
	if add {
		return "#" + strconv.FormatUint(uint64(v), 10)
	}
	return "#-" + strconv.FormatUint(uint64(v), 10)
}

// litTarget is the address of a PC-relative access: Align(PC,4) ± imm.
func litTarget(in *Inst, ctx *Context) uint32 {
	base := (ctx.PC + 4) &^ 3
	if in.Flags&FlagAdd != 0 {
		return base + in.Imm
	}
	return base - in.Imm
}

// lsAddr renders the addressing of a single load/store or hint as objdump does.
func lsAddr(in *Inst, ctx *Context) string {
	rn := RegName(in.Rn)
	add := in.Flags&FlagAdd != 0
	if in.Size == 2 {
		switch {
		case in.Rn == 15:
			return "[pc, #" + strconv.FormatUint(uint64(in.Imm), 10) + "]\t@ (" + ctx.Target(litTarget(in, ctx)) + ")"
		case in.Flags&FlagImm != 0:
			return "[" + rn + ", #" + strconv.FormatUint(uint64(in.Imm), 10) + "]" + immComment(in.Imm)
		}
		return "[" + rn + ", " + RegName(in.Rm) + "]"
	}
	if in.Rn == 15 {
		s := "[pc]"
		if in.Imm != 0 {
			s = "[pc, " + signedImm(add, in.Imm) + "]"
		}
		return s + "\t@ " + ctx.Target(litTarget(in, ctx))
	}
	if in.Flags&FlagImm == 0 {
		s := "[" + rn + ", " + RegName(in.Rm)
		if in.ShiftN != 0 {
			s += ", lsl #" + strconv.Itoa(int(in.ShiftN))
		}
		return s + "]"
	}
	index, wback := in.Flags&FlagIndex != 0, in.Flags&FlagWBack != 0
	switch {
	case isUnpriv(in.Op):
		if in.Imm == 0 {
			return "[" + rn + "]"
		}
		return "[" + rn + ", #" + strconv.FormatUint(uint64(in.Imm), 10) + "]"
	case !index: // post-indexed; objdump prints "#0" whatever U is
		if in.Imm == 0 {
			return "[" + rn + "], #0"
		}
		return "[" + rn + "], " + signedImm(add, in.Imm)
	case wback: // pre-indexed
		if in.Imm == 0 {
			return "[" + rn + "]!"
		}
		return "[" + rn + ", " + signedImm(add, in.Imm) + "]!"
	case add: // 12-bit offset
		if in.Imm == 0 {
			return "[" + rn + "]"
		}
		return "[" + rn + ", #" + strconv.FormatUint(uint64(in.Imm), 10) + "]" + immComment(in.Imm)
	}
	// negative 8-bit offset
	if in.Imm == 0 {
		return "[" + rn + "]"
	}
	return "[" + rn + ", #-" + strconv.FormatUint(uint64(in.Imm), 10) + "]"
}

func isUnpriv(op Op) bool {
	switch op {
	case OpLDRT, OpLDRBT, OpLDRHT, OpLDRSBT, OpLDRSHT, OpSTRT, OpSTRBT, OpSTRHT:
		return true
	}
	return false
}

// dualAddr renders LDRD/STRD addressing. objdump quirks reproduced: a zero positive
// offset prints "[rn]" even with writeback (and, for the literal form, without the
// target comment); a zero negative offset prints "#-0".
func dualAddr(in *Inst, ctx *Context) string {
	rn := RegName(in.Rn)
	add := in.Flags&FlagAdd != 0
	var b strings.Builder
	switch {
	case in.Flags&FlagIndex == 0:
		b.WriteString("[" + rn + "], " + signedImm(add, in.Imm))
		if in.Rn == 15 { // UNPREDICTABLE; objdump still names Align(PC,4)±imm
			b.WriteString("\t@ " + ctx.Target(litTarget(in, ctx)))
		}
	case add && in.Imm == 0:
		return "[" + rn + "]"
	default:
		b.WriteString("[" + rn + ", " + signedImm(add, in.Imm) + "]")
		if in.Flags&FlagWBack != 0 {
			b.WriteByte('!')
		}
		if in.Rn == 15 {
			b.WriteString("\t@ " + ctx.Target(litTarget(in, ctx)))
		}
	}
	b.WriteString(immComment(in.Imm))
	return b.String()
}

// exAddr renders LDREX/STREX addressing: "[rn]" or "[rn, #imm]".
func exAddr(in *Inst) string {
	if in.Imm == 0 {
		return "[" + RegName(in.Rn) + "]"
	}
	return "[" + RegName(in.Rn) + ", #" + strconv.FormatUint(uint64(in.Imm), 10) + "]" + immComment(in.Imm)
}

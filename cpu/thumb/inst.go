package thumb

// Cond is an instruction condition (Arm DDI0403E A7.3, Table A7-1).
type Cond uint8

// Conditions.
const (
	CondEQ Cond = iota
	CondNE
	CondCS
	CondCC
	CondMI
	CondPL
	CondVS
	CondVC
	CondHI
	CondLS
	CondGE
	CondLT
	CondGT
	CondLE
	CondAL
	CondNone // 0b1111: "always" for unconditional encodings
)

var condNames = [16]string{"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""}

// String returns the condition suffix as objdump prints it ("" for AL).
func (c Cond) String() string { return condNames[c&15] }

// ShiftType is the SRType of the pseudocode (A7.4.2).
type ShiftType uint8

// Shift types.
const (
	ShiftLSL ShiftType = iota
	ShiftLSR
	ShiftASR
	ShiftROR
	ShiftRRX
)

var shiftNames = [5]string{"lsl", "lsr", "asr", "ror", "rrx"}

// String returns the shift mnemonic.
func (s ShiftType) String() string {
	if int(s) < len(shiftNames) {
		return shiftNames[s]
	}
	return "shift?"
}

// DecodeImmShift is the pseudocode DecodeImmShift (A7.4.2): it turns the 2-bit type
// and 5-bit amount fields into a shift type and amount.
func DecodeImmShift(typ, imm5 uint32) (ShiftType, uint8) {
	switch typ & 3 {
	case 0:
		return ShiftLSL, uint8(imm5)
	case 1:
		if imm5 == 0 {
			return ShiftLSR, 32
		}
		return ShiftLSR, uint8(imm5)
	case 2:
		if imm5 == 0 {
			return ShiftASR, 32
		}
		return ShiftASR, uint8(imm5)
	default:
		if imm5 == 0 {
			return ShiftRRX, 1
		}
		return ShiftROR, uint8(imm5)
	}
}

// Flags qualify an Inst. Their meaning for each Op is documented at the decode rows.
type Flags uint32

// Inst flags.
const (
	// FlagS: the instruction sets the condition flags (the S suffix).
	FlagS Flags = 1 << iota
	// FlagSOutIT: a 16-bit encoding that sets flags only outside an IT block
	// (setflags = !InITBlock(), e.g. ADDS T1). Mutually exclusive with FlagS.
	FlagSOutIT
	// FlagImm: the second operand is Imm (otherwise it is Rm, shifted by Shift/ShiftN).
	FlagImm
	// FlagRegShift: shift amount comes from register Rs (kept in Ra), e.g. LSL (register).
	FlagRegShift
	// FlagImmCarry: the immediate came from ThumbExpandImm_C with a rotation, so the
	// carry out is bit 31 of Imm; without it, a flag-setting logical op keeps C.
	FlagImmCarry
	// FlagIndex, FlagAdd, FlagWBack: the P, U and W bits of load/store addressing.
	FlagIndex
	FlagAdd
	FlagWBack
	// FlagWide: a 32-bit encoding objdump prints with ".w" (because a 16-bit form exists).
	FlagWide
	// FlagNarrow: a 16-bit encoding objdump prints with ".n".
	FlagNarrow
	// FlagNHigh, FlagMHigh: top halves selected (SMUL<x><y>, SMLA<x><y>, SMLAW<y> …).
	FlagNHigh
	FlagMHigh
	// FlagX: exchange halves of the second operand (SMUADX, SMLALDX …); for PKH the tb form.
	FlagX
	// FlagRound: rounding variant (SMMULR, SMMLAR, SMMLSR).
	FlagRound
	// FlagUnpredictable: the encoding is UNPREDICTABLE in the manual; it executes with
	// the behaviour documented at its decode row.
	FlagUnpredictable
	// FlagLink: branch with link (for forms sharing an Op).
	FlagLink
	// FlagAlt: an alternative printed form chosen at decode (the 2-operand 16-bit
	// forms, ADDW/SUBW/MOVW …), used by the disassembler.
	FlagAlt
	// FlagExecUndefined: an encoding that disassembles as the instruction (as
	// objdump prints it) but executes as an undefined instruction: UNPREDICTABLE
	// encodings where that is our documented choice (following QEMU), and encodings
	// the manual calls UNDEFINED that objdump still prints. The CPU binds such encodings to the
	// UNDEFINED execute function when it decodes them, so the check costs nothing
	// per instruction.
	FlagExecUndefined
	// FlagF64: a floating-point operation on double-precision registers (the sz bit);
	// see fp.go for the mixed-precision forms (VCVT).
	FlagF64
)

// Inst is one decoded instruction. Register numbers are 0–15. Field use per Op:
//
//   - Rd: destination (Rt for loads/stores, RdLo for long multiplies).
//   - Rn: first operand / base register.
//   - Rm: second register operand / index register.
//   - Ra: accumulator, RdHi, Rt2 (LDRD/STRD), Rs (register shifts), status register Rd of STREX.
//   - Imm: immediate (already expanded: ThumbExpandImm, sign-extended branch offsets, byte offsets).
//   - Aux: a second immediate (bitfield lsb/width, saturate position, SYSm …).
//   - List: register list of LDM/STM/PUSH/POP.
//   - Cond: the condition of B<c> (T1/T3) and the firstcond of IT; Aux holds IT's mask.
type Inst struct {
	Op     Op
	Size   uint8 // 2 or 4 bytes
	Cond   Cond
	Rd     uint8
	Rn     uint8
	Rm     uint8
	Ra     uint8
	Shift  ShiftType
	ShiftN uint8
	List   uint16
	Flags  Flags
	Imm    uint32
	Aux    uint32
	Raw    uint32 // the encoding: hw1 for 16-bit, hw1<<16|hw2 for 32-bit
}

// Has reports whether all flags in f are set.
func (in *Inst) Has(f Flags) bool { return in.Flags&f == f }

// Is32 reports whether hw1 is the first halfword of a 32-bit encoding (A5.1).
func Is32(hw1 uint16) bool { return hw1>>11 >= 0b11101 }

package cpu

import (
	"math/bits"

	"m7emu/cpu/thumb"
)

// Data processing: ADC ADD ADR AND ASR BIC CMN CMP EOR LSL LSR MOV MOVT MVN ORN ORR
// ROR RRX RSB SBC SUB TEQ TST (Arm DDI0403E.e A7.7; operand layout in cpu/thumb/dp.go).
//
// One execute function per Op serves every encoding; the only run-time choices are
// immediate or register operand (FlagImm), shifted or not (ShiftN), setflags
// (FlagS/FlagSOutIT) and, for the shifts, immediate or register amount. Flags follow
// the pseudocode: the arithmetic ops use AddWithCarry, the logical ops take C from
// the shifter (Shift_C) or from ThumbExpandImm_C (FlagImmCarry; without it C is
// kept) and never change V.
//
// Destination writes (writeDP): a write to the PC is ALUWritePC (ADD PC, Rm and
// MOV PC, Rm; in the 32-bit encodings Rd = PC is UNPREDICTABLE and executes the same
// way, like QEMU), a write to SP clears bits 1:0 (B1.4.1; QEMU does the same). The
// UNPREDICTABLE flag-setting forms with Rd = PC (e.g. ORRS.W PC, …) set the flags and
// branch; QEMU treats MOVS PC as an A-profile exception return, which M-profile cores
// do not have.

func registerDP(t *[thumb.NumOps]execFn) {
	t[thumb.OpADC] = execADC
	t[thumb.OpADD] = execADD
	t[thumb.OpADR] = execADR
	t[thumb.OpAND] = execAND
	t[thumb.OpASR] = execASR
	t[thumb.OpBIC] = execBIC
	t[thumb.OpCMN] = execCMN
	t[thumb.OpCMP] = execCMP
	t[thumb.OpEOR] = execEOR
	t[thumb.OpLSL] = execLSL
	t[thumb.OpLSR] = execLSR
	t[thumb.OpMOV] = execMOV
	t[thumb.OpMOVT] = execMOVT
	t[thumb.OpMVN] = execMVN
	t[thumb.OpORN] = execORN
	t[thumb.OpORR] = execORR
	t[thumb.OpROR] = execROR
	t[thumb.OpRRX] = execRRX
	t[thumb.OpRSB] = execRSB
	t[thumb.OpSBC] = execSBC
	t[thumb.OpSUB] = execSUB
	t[thumb.OpTEQ] = execTEQ
	t[thumb.OpTST] = execTST
}

// writeDP writes a data-processing result to Rd (small enough to be inlined; SP,
// LR and PC take the slow path).
func (c *CPU) writeDP(d uint8, v uint32) {
	if d < 13 {
		c.R[d] = v
		return
	}
	c.writeDPHigh(d, v)
}

func (c *CPU) writeDPHigh(d uint8, v uint32) {
	switch d {
	case 13:
		c.R[13] = v &^ 3
	case 14:
		c.R[14] = v
	default:
		c.ALUWritePC(v)
	}
}

// op2 is the second operand of an arithmetic op (no shifter carry needed).
func (c *CPU) op2(in *thumb.Inst) uint32 {
	if in.Flags&thumb.FlagImm != 0 {
		return in.Imm
	}
	if in.ShiftN == 0 {
		return c.R[in.Rm&15]
	}
	r, _ := c.shifted(in)
	return r
}

// op2C is the second operand of a logical op and the shifter carry out.
func (c *CPU) op2C(in *thumb.Inst) (uint32, bool) {
	if in.Flags&thumb.FlagImm != 0 {
		if in.Flags&thumb.FlagImmCarry != 0 {
			return in.Imm, in.Imm>>31 != 0
		}
		return in.Imm, c.C
	}
	if in.ShiftN == 0 {
		return c.R[in.Rm&15], c.C
	}
	return c.shifted(in)
}

// shifted is Shift_C of Rm by the instruction's immediate shift (kept out of line so
// that op2 and op2C stay small enough to be inlined).
func (c *CPU) shifted(in *thumb.Inst) (uint32, bool) {
	return Shift_C(c.R[in.Rm&15], uint8(in.Shift), uint32(in.ShiftN), c.C)
}

// setNZCV sets all four flags.
func (c *CPU) setNZCV(r uint32, carry, overflow bool) {
	c.N = int32(r) < 0
	c.Z = r == 0
	c.C = carry
	c.V = overflow
}

// addFlags sets the flags of r = x + y (AddWithCarry(x, y, '0')).
func (c *CPU) addFlags(x, y, r uint32) {
	c.setNZCV(r, r < x, (^(x^y)&(x^r))>>31 != 0)
}

// subFlags sets the flags of r = x - y (AddWithCarry(x, NOT(y), '1')).
func (c *CPU) subFlags(x, y, r uint32) {
	c.setNZCV(r, x >= y, ((x^y)&(x^r))>>31 != 0)
}

// --- arithmetic ---------------------------------------------------------------

func execADD(c *CPU, in *thumb.Inst) {
	x := c.R[in.Rn&15]
	y := c.op2(in)
	r := x + y
	if c.SetsFlags(in) {
		c.addFlags(x, y, r)
	}
	c.writeDP(in.Rd, r)
}

func execSUB(c *CPU, in *thumb.Inst) {
	x := c.R[in.Rn&15]
	y := c.op2(in)
	r := x - y
	if c.SetsFlags(in) {
		c.subFlags(x, y, r)
	}
	c.writeDP(in.Rd, r)
}

func execRSB(c *CPU, in *thumb.Inst) {
	x := c.R[in.Rn&15]
	y := c.op2(in)
	r := y - x
	if c.SetsFlags(in) {
		c.subFlags(y, x, r)
	}
	c.writeDP(in.Rd, r)
}

func execADC(c *CPU, in *thumb.Inst) {
	r, carry, overflow := AddWithCarry(c.R[in.Rn&15], c.op2(in), c.C)
	if c.SetsFlags(in) {
		c.setNZCV(r, carry, overflow)
	}
	c.writeDP(in.Rd, r)
}

func execSBC(c *CPU, in *thumb.Inst) {
	r, carry, overflow := AddWithCarry(c.R[in.Rn&15], ^c.op2(in), c.C)
	if c.SetsFlags(in) {
		c.setNZCV(r, carry, overflow)
	}
	c.writeDP(in.Rd, r)
}

func execCMP(c *CPU, in *thumb.Inst) {
	x := c.R[in.Rn&15]
	y := c.op2(in)
	c.subFlags(x, y, x-y)
}

func execCMN(c *CPU, in *thumb.Inst) {
	x := c.R[in.Rn&15]
	y := c.op2(in)
	c.addFlags(x, y, x+y)
}

// execADR: Rd = Align(PC, 4) +/- imm32.
func execADR(c *CPU, in *thumb.Inst) {
	base := c.R[15] &^ 3
	if in.Flags&thumb.FlagAdd != 0 {
		c.writeDP(in.Rd, base+in.Imm)
	} else {
		c.writeDP(in.Rd, base-in.Imm)
	}
}

// --- logical --------------------------------------------------------------------

// logical finishes a logical op: N, Z and C (from the shifter) when setting flags.
func (c *CPU) logical(in *thumb.Inst, r uint32, carry bool) {
	c.N = int32(r) < 0
	c.Z = r == 0
	c.C = carry
	c.writeDP(in.Rd, r)
}

func execAND(c *CPU, in *thumb.Inst) {
	if !c.SetsFlags(in) {
		c.writeDP(in.Rd, c.R[in.Rn&15]&c.op2(in))
		return
	}
	y, carry := c.op2C(in)
	c.logical(in, c.R[in.Rn&15]&y, carry)
}

func execBIC(c *CPU, in *thumb.Inst) {
	if !c.SetsFlags(in) {
		c.writeDP(in.Rd, c.R[in.Rn&15]&^c.op2(in))
		return
	}
	y, carry := c.op2C(in)
	c.logical(in, c.R[in.Rn&15]&^y, carry)
}

func execORR(c *CPU, in *thumb.Inst) {
	if !c.SetsFlags(in) {
		c.writeDP(in.Rd, c.R[in.Rn&15]|c.op2(in))
		return
	}
	y, carry := c.op2C(in)
	c.logical(in, c.R[in.Rn&15]|y, carry)
}

func execORN(c *CPU, in *thumb.Inst) {
	if !c.SetsFlags(in) {
		c.writeDP(in.Rd, c.R[in.Rn&15]|^c.op2(in))
		return
	}
	y, carry := c.op2C(in)
	c.logical(in, c.R[in.Rn&15]|^y, carry)
}

func execEOR(c *CPU, in *thumb.Inst) {
	if !c.SetsFlags(in) {
		c.writeDP(in.Rd, c.R[in.Rn&15]^c.op2(in))
		return
	}
	y, carry := c.op2C(in)
	c.logical(in, c.R[in.Rn&15]^y, carry)
}

func execMVN(c *CPU, in *thumb.Inst) {
	if !c.SetsFlags(in) {
		c.writeDP(in.Rd, ^c.op2(in))
		return
	}
	y, carry := c.op2C(in)
	c.logical(in, ^y, carry)
}

// execMOV: MOV (immediate) and MOV (register) without shift (the shifted forms are
// the LSL … RRX ops). A register move keeps C.
func execMOV(c *CPU, in *thumb.Inst) {
	var r uint32
	if in.Flags&thumb.FlagImm != 0 {
		r = in.Imm
		if c.SetsFlags(in) {
			c.N, c.Z = int32(r) < 0, r == 0
			if in.Flags&thumb.FlagImmCarry != 0 {
				c.C = r>>31 != 0
			}
		}
	} else {
		r = c.R[in.Rm&15]
		if c.SetsFlags(in) {
			c.N, c.Z = int32(r) < 0, r == 0
		}
	}
	c.writeDP(in.Rd, r)
}

// execMOVT: Rd<31:16> = imm16, Rd<15:0> kept.
func execMOVT(c *CPU, in *thumb.Inst) {
	d := in.Rd & 15
	c.writeDP(d, in.Imm<<16|c.R[d]&0xFFFF)
}

func execTST(c *CPU, in *thumb.Inst) {
	y, carry := c.op2C(in)
	r := c.R[in.Rn&15] & y
	c.N, c.Z, c.C = int32(r) < 0, r == 0, carry
}

func execTEQ(c *CPU, in *thumb.Inst) {
	y, carry := c.op2C(in)
	r := c.R[in.Rn&15] ^ y
	c.N, c.Z, c.C = int32(r) < 0, r == 0, carry
}

// --- shifts -----------------------------------------------------------------------

// shiftAmount is the amount of a shift op: ShiftN for the immediate forms, the bottom
// byte of R[Ra] for the register forms.
func (c *CPU) shiftAmount(in *thumb.Inst) uint32 {
	if in.Flags&thumb.FlagRegShift != 0 {
		return c.R[in.Ra&15] & 0xFF
	}
	return uint32(in.ShiftN)
}

// shiftDone writes a shift result and, when setting flags, N, Z and C.
func (c *CPU) shiftDone(in *thumb.Inst, r uint32, carry bool) {
	if c.SetsFlags(in) {
		c.N, c.Z, c.C = int32(r) < 0, r == 0, carry
	}
	c.writeDP(in.Rd, r)
}

func execLSL(c *CPU, in *thumb.Inst) {
	v, n := c.R[in.Rm&15], c.shiftAmount(in)
	switch {
	case n == 0:
		c.shiftDone(in, v, c.C)
	case n < 32:
		c.shiftDone(in, v<<n, v>>(32-n)&1 != 0)
	case n == 32:
		c.shiftDone(in, 0, v&1 != 0)
	default:
		c.shiftDone(in, 0, false)
	}
}

func execLSR(c *CPU, in *thumb.Inst) {
	v, n := c.R[in.Rm&15], c.shiftAmount(in)
	switch {
	case n == 0:
		c.shiftDone(in, v, c.C)
	case n < 32:
		c.shiftDone(in, v>>n, v>>(n-1)&1 != 0)
	case n == 32:
		c.shiftDone(in, 0, v>>31 != 0)
	default:
		c.shiftDone(in, 0, false)
	}
}

func execASR(c *CPU, in *thumb.Inst) {
	v, n := c.R[in.Rm&15], c.shiftAmount(in)
	switch {
	case n == 0:
		c.shiftDone(in, v, c.C)
	case n < 32:
		c.shiftDone(in, uint32(int32(v)>>n), v>>(n-1)&1 != 0)
	default:
		r := uint32(int32(v) >> 31)
		c.shiftDone(in, r, r != 0)
	}
}

func execROR(c *CPU, in *thumb.Inst) {
	v, n := c.R[in.Rm&15], c.shiftAmount(in)
	if n == 0 {
		c.shiftDone(in, v, c.C)
		return
	}
	r := bits.RotateLeft32(v, -int(n&31))
	c.shiftDone(in, r, r>>31 != 0)
}

func execRRX(c *CPU, in *thumb.Inst) {
	v := c.R[in.Rm&15]
	r := v >> 1
	if c.C {
		r |= 1 << 31
	}
	c.shiftDone(in, r, v&1 != 0)
}

package cpu

import "m7emu/cpu/thumb"

// Writes to the PC (A2.3.1). During execution R[15] reads as the instruction's
// address + 4; a write changes c.next.

// BranchWritePC is the pseudocode BranchWritePC: branch to addr with bit 0 cleared.
func (c *CPU) BranchWritePC(addr uint32) {
	c.next = addr &^ 1
	c.extra += c.timing.refill(c, c.next)
}

// BXWritePC is the pseudocode BXWritePC: bit 0 selects the instruction set. A value
// with bit 0 clear is a branch to ARM state, which the M profile does not have: the
// next instruction faults with INVSTATE. In Handler mode a value in 0xFxxxxxxx is an
// EXC_RETURN (B1.5.8): the exception return happens when the instruction completes.
func (c *CPU) BXWritePC(addr uint32) {
	if c.IPSR != 0 && addr>>28 == 0xF {
		if c.exc == nil {
			c.setFault(FaultInvPC, addr, errNoExceptionModel, nil)
			return
		}
		c.next = addr
		c.excReturn = addr
		c.retPending = true
		c.attn = true
		return
	}
	if addr&1 == 0 {
		// B1.4.7: EPSR.T is cleared; the fault is taken on the next instruction. We
		// report it at the branch target, which is the PC the fault would stack.
		c.next = addr
		c.extra += c.timing.refill(c, addr)
		c.setInvState(true)
		return
	}
	c.next = addr &^ 1
	c.extra += c.timing.refill(c, c.next)
}

// LoadWritePC is the pseudocode LoadWritePC (= BXWritePC on ARMv7-M).
func (c *CPU) LoadWritePC(addr uint32) { c.BXWritePC(addr) }

// ALUWritePC is the pseudocode ALUWritePC (= BranchWritePC on ARMv7-M).
func (c *CPU) ALUWritePC(addr uint32) { c.BranchWritePC(addr) }

// refillWait is the wait-state cost of refilling the pipeline from addr's region.
func (c *CPU) refillWait(addr uint32) uint32 {
	if cc := c.cur; cc != nil && addr-cc.base < cc.size {
		return uint32(cc.r.WaitStates)
	}
	if r := c.bus.Find(addr); r != nil {
		return uint32(r.WaitStates)
	}
	return 0
}

// InITBlock reports whether the current instruction is inside an IT block.
func (c *CPU) InITBlock() bool { return c.inIT }

// LastInITBlock reports whether the current instruction is the last of an IT block
// (the IT state has already been advanced past it).
func (c *CPU) LastInITBlock() bool { return c.inIT && c.IT == 0 }

// SetsFlags resolves FlagS/FlagSOutIT for the current instruction.
func (c *CPU) SetsFlags(in *thumb.Inst) bool {
	return in.Flags&thumb.FlagS != 0 || (in.Flags&thumb.FlagSOutIT != 0 && !c.inIT)
}

// CurrentPC returns the address of the instruction being executed.
func (c *CPU) CurrentPC() uint32 { return c.pc }

// Privileged reports whether the current execution is privileged (B1.3.1).
func (c *CPU) Privileged() bool { return c.IPSR != 0 || c.CONTROL&1 == 0 }

type errString string

func (e errString) Error() string { return string(e) }

const errNoExceptionModel = errString("exception return needs the exception model (no NVIC)")

package cpu

import "m7emu/cpu/thumb"

// Execution of branches, control and system instructions (Arm DDI0403E A7.7 B, BL,
// BLX, BX, CBNZ/CBZ, IT, hints, barriers, BKPT, SVC, UDF; B5.2 CPS, MRS, MSR).
//
// UNPREDICTABLE encodings the decoder keeps (FlagUnpredictable) behave like QEMU:
//   - BX with bits 2:0 non-zero, BLX (register) never (the decoder rejects it): UNDEFINED.
//   - B<c> (T1/T3) inside an IT block: UNDEFINED.
//   - CPS with the A bit: UNDEFINED; CPS with neither I nor F: no effect.
//   - MSR with R (hw1 bit 4) or hw2 bits 9:8 set, MRS with hw1[4:0] != 01111: UNDEFINED.
//   - MSR to a reserved SYSm: ignored; MRS of a reserved SYSm: reads 0.
//   - IT with firstcond 1111 or AL with an "else" slot: executes; 1111 conditions pass.
//
// MSR CONTROL writes CONTROL.FPCA too (the Cortex-M7 has the FP extension).
func registerBr(t *[thumb.NumOps]execFn) {
	t[thumb.OpB] = execB
	t[thumb.OpBL] = execBL
	t[thumb.OpBX] = execBX
	t[thumb.OpBLX] = execBLX
	t[thumb.OpCBZ] = execCBZ
	t[thumb.OpCBNZ] = execCBNZ
	t[thumb.OpIT] = execIT
	t[thumb.OpMRS] = execMRS
	t[thumb.OpMSR] = execMSR
	t[thumb.OpCPS] = execCPS
	t[thumb.OpDMB] = execNop // single core, in-order memory: barriers have no effect
	t[thumb.OpDSB] = execNop
	t[thumb.OpISB] = execNop // the decoded-instruction cache is invalidated by writes already
	t[thumb.OpNOP] = execNop
	t[thumb.OpYIELD] = execNop
	t[thumb.OpDBG] = execNop // A7.7 DBG: a hint to the debug system; no debug system here
	t[thumb.OpWFE] = execWFE
	t[thumb.OpWFI] = execWFI
	t[thumb.OpSEV] = execSEV
	t[thumb.OpBKPT] = execBKPT
	t[thumb.OpSVC] = execSVC
	t[thumb.OpUDF] = execUDF
}

func execNop(c *CPU, in *thumb.Inst) {}

// execB: B (A7.7.12). T1/T3 carry their own condition (and must not be in an IT block);
// T2/T4 have CondNone and are conditional only through IT.
func execB(c *CPU, in *thumb.Inst) {
	if in.Cond < thumb.CondAL {
		if c.inIT {
			c.setFault(FaultUndefInstr, 0, nil, in)
			return
		}
		if !c.ConditionPassed(uint8(in.Cond)) {
			return
		}
	}
	c.BranchWritePC(c.R[15] + in.Imm)
}

// execBL: BL (A7.7.18): LR = address of the next instruction, Thumb bit set.
func execBL(c *CPU, in *thumb.Inst) {
	c.R[14] = c.next | 1
	c.BranchWritePC(c.R[15] + in.Imm)
}

// execBX: BX (A7.7.20).
func execBX(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagUnpredictable != 0 {
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	c.BXWritePC(c.R[in.Rm])
}

// execBLX: BLX (register) (A7.7.19): target read before LR is written (BLX LR works).
func execBLX(c *CPU, in *thumb.Inst) {
	target := c.R[in.Rm]
	c.R[14] = c.next | 1
	c.BXWritePC(target)
}

// execCBZ / execCBNZ: A7.7.21. Not permitted in an IT block (UNPREDICTABLE); like QEMU
// they execute there, under the IT condition applied by the step loop.
func execCBZ(c *CPU, in *thumb.Inst) {
	if c.R[in.Rn] == 0 {
		c.BranchWritePC(c.R[15] + in.Imm)
	}
}

func execCBNZ(c *CPU, in *thumb.Inst) {
	if c.R[in.Rn] != 0 {
		c.BranchWritePC(c.R[15] + in.Imm)
	}
}

// execIT: IT (A7.7.38): ITSTATE = firstcond:mask. The step loop does not advance the
// IT state past an IT instruction, so this sets the state of the next instruction.
func execIT(c *CPU, in *thumb.Inst) {
	c.IT = thumb.ITState(uint8(in.Cond)<<4 | uint8(in.Aux&0xF))
}

// executionPriorityNegative reports whether ExecutionPriority() <= -1 (B1.5.4): NMI or
// HardFault active, or FAULTMASK set. Without a controller the active set is not known;
// IPSR stands in for it.
func (c *CPU) executionPriorityNegative() bool {
	if c.exc != nil {
		return c.FAULTMASK || c.exc.IsActive(ExcNMI) || c.exc.IsActive(ExcHardFault)
	}
	return c.FAULTMASK || c.IPSR == 2 || c.IPSR == 3
}

// execMRS: MRS (B5.2.2). Unprivileged reads of the stack pointers and mask registers
// return 0 (as QEMU); xPSR views and CONTROL are readable at any privilege.
func execMRS(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagUnpredictable != 0 && (in.Raw>>16)&0x1F != 0b01111 {
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	sysm := in.Aux & 0xFF
	var v uint32
	switch {
	case sysm < 8: // xPSR views: bit 0 includes IPSR, bit 2 excludes APSR; EPSR reads as 0
		if sysm&1 != 0 {
			v |= uint32(c.IPSR) & 0x1FF
		}
		if sysm&4 == 0 {
			v |= c.APSR()
		}
	case sysm == 20: // CONTROL
		v = uint32(c.CONTROL)
	case !c.Privileged():
		v = 0
	case sysm == 8:
		v = c.SPMain()
	case sysm == 9:
		v = c.SPProcess()
	case sysm == 16:
		v = brBit(c.PRIMASK)
	case sysm == 17, sysm == 18:
		v = uint32(c.BASEPRI)
	case sysm == 19:
		v = brBit(c.FAULTMASK)
	}
	c.R[in.Rd] = v
}

// execMSR: MSR (B5.2.3). Unprivileged writes to anything but the APSR are ignored.
func execMSR(c *CPU, in *thumb.Inst) {
	if in.Flags&thumb.FlagUnpredictable != 0 && in.Raw&(1<<20|0x300) != 0 {
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	v := c.R[in.Rn]
	sysm := in.Aux & 0xFF
	mask := in.Aux >> 8 & 3
	if sysm < 8 {
		if sysm&4 == 0 { // the view includes the APSR
			if mask&2 != 0 { // N Z C V Q
				c.N, c.Z, c.C, c.V, c.Q = v>>31&1 != 0, v>>30&1 != 0, v>>29&1 != 0, v>>28&1 != 0, v>>27&1 != 0
			}
			if mask&1 != 0 { // GE[3:0] (DSP extension)
				c.GE = uint8(v>>16) & 15
			}
		}
		return // IPSR and EPSR are read-only
	}
	if !c.Privileged() {
		return
	}
	if sysm >= 16 && sysm <= 19 {
		c.attn = true // the execution priority may have dropped: re-check pending exceptions
	}
	switch sysm {
	case 8:
		c.SetSPMain(v)
	case 9:
		c.SetSPProcess(v)
	case 16:
		c.PRIMASK = v&1 != 0
	case 17: // only the implemented priority bits exist (B1.4.3)
		c.BASEPRI = uint8(v) & c.prioMask
	case 18: // BASEPRI_MAX: only raises the masking (lowers the priority value)
		if b := uint8(v) & c.prioMask; b != 0 && (b < c.BASEPRI || c.BASEPRI == 0) {
			c.BASEPRI = b
		}
	case 19: // FAULTMASK cannot be set at execution priority -1 or higher (NMI, HardFault)
		if v&1 == 0 {
			c.FAULTMASK = false
		} else if !c.executionPriorityNegative() {
			c.FAULTMASK = true
		}
	case 20: // CONTROL: nPRIV, SPSEL (ignored in Handler mode by SetCONTROL), FPCA
		c.SetCONTROL(uint8(v & 7))
	}
}

// execCPS: CPS (B5.2.1), privileged only; CPSID f has no effect at priority -1 or higher.
func execCPS(c *CPU, in *thumb.Inst) {
	if in.Imm&4 != 0 { // the A-profile A bit
		c.setFault(FaultUndefInstr, 0, nil, in)
		return
	}
	if !c.Privileged() {
		return
	}
	c.attn = true // CPSIE may let a pending exception in
	disable := in.Aux != 0
	if in.Imm&2 != 0 {
		c.PRIMASK = disable
	}
	if in.Imm&1 != 0 {
		if !disable {
			c.FAULTMASK = false
		} else if !c.executionPriorityNegative() {
			c.FAULTMASK = true
		}
	}
}

// execWFE: WFE (A7.7 WFE, B1.5.18): a set event register is cleared and execution
// continues; otherwise the core sleeps until a WFE wake-up event (CanWake). The event
// that wakes it is not consumed: the next WFE clears it and falls through.
func execWFE(c *CPU, in *thumb.Inst) {
	if c.EventReg {
		c.EventReg = false
		return
	}
	c.sleep = sleepWFE
	c.Sleep("WFE")
}

// execWFI: WFI (A7.7 WFI, B1.5.19): sleep until an exception would preempt if PRIMASK
// were clear (CanWake).
func execWFI(c *CPU, in *thumb.Inst) {
	c.sleep = sleepWFI
	c.Sleep("WFI")
}

// execSEV: SEV (A7.7 SEV) signals an event to all processors, including this one
// (B1.5.18): on a single core it sets the local event register.
func execSEV(c *CPU, in *thumb.Inst) { c.EventReg = true }

// execBKPT: BKPT (A7.7.17). The owner's hook (semihosting, debugger) may handle it;
// otherwise the core stops at the BKPT.
func execBKPT(c *CPU, in *thumb.Inst) {
	imm := uint8(in.Imm)
	if h := c.hooks.BKPT; h != nil && h(imm) {
		return
	}
	c.stopBreakpoint(imm)
}

// stopBreakpoint stops the run at the current instruction (the BKPT is not stepped
// over, as a debug halt would leave it).
func (c *CPU) stopBreakpoint(imm uint8) {
	if c.stop == nil {
		c.next = c.pc
		c.stop = &Stop{Reason: StopBreakpoint, PC: c.pc, Imm: imm}
	}
}

// execSVC: SVC (A7.7.175) makes SVCall pending; it is taken after the SVC completes,
// with the next instruction as its return address (the handler finds the immediate in
// the SVC instruction before the stacked PC). Where SVCall cannot preempt (its priority
// is not above the execution priority, e.g. with PRIMASK set or in a handler of equal or
// higher priority) it escalates to HardFault (B1.5.14). Without a controller the run
// stops as unsupported.
func execSVC(c *CPU, in *thumb.Inst) {
	if c.exc == nil {
		c.Unsupported("SVC needs the exception model")
		return
	}
	f := &Fault{Kind: FaultSVC, PC: c.pc, Inst: *in}
	if c.pendSync(ExcSVCall, f) && f.Escalated {
		c.snapshotFault(f)
	}
	c.attn = true
}

// execUDF: UDF (A7.7 UDF): permanently undefined.
func execUDF(c *CPU, in *thumb.Inst) { c.setFault(FaultUndefInstr, 0, nil, in) }

func brBit(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

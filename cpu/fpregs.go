package cpu

import "m7emu/cpu/thumb"

// The floating-point extension's state (FPv5-D16, Arm DDI0403E A2.5, B1.4.6, B1.5.7):
// the register file S0–S31 (D0–D15 are pairs: D[n] = S[2n+1]:S[2n]), FPSCR, and the
// checks every floating-point instruction makes before it executes (ExecuteFPCheck:
// CPACR access, lazy state preservation, creation of a new FP context).
//
// The FP context registers FPCCR, FPCAR and FPDSCR live in the SCB (package nvic); the
// core reads and updates them through ExceptionController. Without a controller the
// core behaves as if FPCCR held its reset value (ASPEN = LSPEN = 1, nothing pending)
// and FPDSCR were 0: no exception can happen, so no lazy state either.

// fpState is embedded in CPU.
type fpState struct {
	// S is the extension register file; D registers are pairs (D, SetD).
	S [32]uint32
	// FPSCR is the Floating-point Status and Control Register (A2.5.3); only the
	// implemented bits (fpscrMask) are ever set.
	FPSCR uint32

	// entryFPCCR/entryFPCAR are FPCCR and FPCAR before the entry in progress updated
	// them (restored if the entry is abandoned; see finishEntry).
	entryFPCCR, entryFPCAR uint32
	entryFPSaved           bool
}

// FPSCR fields (A2.5.3). FPv5 on ARMv7-M implements N Z C V, AHP, DN, FZ, RMode and the
// cumulative exception flags; Len/Stride, QC and the trap enables are not implemented
// (reserved, RAZ/WI).
const (
	fpscrMask    = 0xF7C0_009F
	fpscrNZCV    = 0xF000_0000
	fpscrModes   = 0x07C0_0000 // AHP, DN, FZ, RMode: the bits FPDSCR supplies (B3.2.25)
	fpscrRModeLo = 22
)

// FPCCR bits (B3.2.23), CONTROL.FPCA (B1.4.4) and the lazy-preservation fault status
// bits (B3.2.15: MMFSR.MLSPERR, BFSR.LSPERR).
const (
	fpccrLSPACT = 1 << 0
	fpccrUSER   = 1 << 1
	fpccrTHREAD = 1 << 3
	fpccrHFRDY  = 1 << 4
	fpccrMMRDY  = 1 << 5
	fpccrBFRDY  = 1 << 6
	fpccrMONRDY = 1 << 8
	fpccrLSPEN  = 1 << 30
	fpccrASPEN  = 1 << 31
	// fpccrReset is FPCCR's reset value, assumed when no controller is wired.
	fpccrReset = fpccrASPEN | fpccrLSPEN

	controlFPCA = 1 << 2

	cfsrMLSPERR = 1 << 5
	cfsrLSPERR  = 1 << 13
)

// Extended exception frame (B1.5.7, Figure B1-4): the basic 8 words, S0–S15 at +0x20,
// FPSCR at +0x60 and a reserved word at +0x64; 0x68 bytes, always 8-byte aligned.
const (
	basicFrameSize    = 0x20
	extendedFrameSize = 0x68
	fpFrameFPSCR      = 0x40 // FPSCR's offset from the start of the FP area (FPCAR)
)

// resetFP sets the FP state to its reset values: FPSCR 0 (its reset value is UNKNOWN in
// the architecture; 0 as QEMU), the registers 0 (UNKNOWN).
func (c *CPU) resetFP() {
	c.fpState = fpState{}
}

// D returns double-precision register D[n] (n 0–15).
func (c *CPU) D(n uint8) uint64 {
	n &= 15
	return uint64(c.S[2*n+1])<<32 | uint64(c.S[2*n])
}

// SetD writes double-precision register D[n] (n 0–15).
func (c *CPU) SetD(n uint8, v uint64) {
	n &= 15
	c.S[2*n] = uint32(v)
	c.S[2*n+1] = uint32(v >> 32)
}

// SetFPSCR writes FPSCR (VMSR, exception return): reserved bits are dropped.
func (c *CPU) SetFPSCR(v uint32) { c.FPSCR = v & fpscrMask }

// fpccr returns FPCCR (its reset value without a controller).
func (c *CPU) fpccr() uint32 {
	if c.exc == nil {
		return fpccrReset
	}
	return c.exc.FPCCR()
}

// fpCheck is ExecuteFPCheck (B1.5 pseudocode, DDI0403E): every floating-point
// instruction calls it first and returns at once if it reports false.
//
//  1. CheckVFPEnabled: CPACR must grant the current privilege CP10 access, else a NOCP
//     UsageFault.
//  2. PreserveFPState: if FPCCR.LSPACT is set (an exception entry reserved space for the
//     FP context of the interrupted code but did not write it), S0–S15 and FPSCR are
//     written to the frame at FPCAR now, before this instruction changes them, and
//     LSPACT is cleared. The cost is charged to this instruction (timing.go).
//  3. With FPCCR.ASPEN set and CONTROL.FPCA clear a new FP context starts: FPSCR's
//     AHP/DN/FZ/RMode are loaded from FPDSCR and FPCA is set. The architecture copies
//     FPSCR<26:22> only, keeping NZCV and the cumulative flags; QEMU copies the whole
//     FPDSCR (clearing them). We follow the architecture.
func (c *CPU) fpCheck(in *thumb.Inst) bool {
	if !c.FPAccessible() {
		c.setFault(FaultNoCP, 0, nil, in)
		return false
	}
	if c.exc == nil {
		c.CONTROL |= controlFPCA // ASPEN is set at reset; FPDSCR is 0
		return true
	}
	fpccr := c.exc.FPCCR()
	if fpccr&fpccrLSPACT != 0 && !c.preserveFP(fpccr) {
		return false
	}
	if fpccr&fpccrASPEN != 0 && c.CONTROL&controlFPCA == 0 {
		c.FPSCR = c.FPSCR&^fpscrModes | c.exc.FPDSCR()&fpscrModes
		c.CONTROL |= controlFPCA
	}
	return true
}

// preserveFP is PreserveFPState (B1.5.7): the lazy save of S0–S15 and FPSCR into the
// space an exception entry reserved at FPCAR, with the privilege (FPCCR.USER) and the
// priority (HFRDY clear: negative, for MPU_CTRL.HFNMIENA) of the context that owned
// them. It reports false when the instruction must not execute because a fault of the
// save is taken now.
//
// A failed write is MemManage MLSPERR (MPU) or BusFault LSPERR (bus); it is pended
// as the FPCCR ready bits recorded at entry allow (escalated to HardFault when the
// fault's ready bit is clear or it is disabled). If the pended exception can preempt
// the current execution it is taken before this instruction executes and LSPACT stays
// set; otherwise it stays pending, LSPACT is cleared and the instruction executes (as
// QEMU does). The remaining words are not written after a failure.
func (c *CPU) preserveFP(fpccr uint32) bool {
	base := c.exc.FPCAR() &^ 7
	priv := fpccr&fpccrUSER == 0
	negPri := fpccr&fpccrHFRDY == 0
	for i := uint32(0); i < 17; i++ {
		v := c.FPSCR
		if i < 16 {
			v = c.S[i]
		}
		a := base + 4*i
		if c.mpuOn && !c.mpu.Check(a, 4, true, false, priv, negPri) {
			return c.lazyFault(FaultLazyFPAccess, a, fpccr)
		}
		if c.bus.Write(a, 4, v) != nil {
			return c.lazyFault(FaultLazyFPBus, a, fpccr)
		}
	}
	c.exc.SetFPCCR(c.exc.FPCCR() &^ fpccrLSPACT)
	c.extra += c.timing.lazyFPSave(c.regionWS(base))
	return true
}

// lazyFault records and pends a fault of the lazy FP save (see preserveFP).
func (c *CPU) lazyFault(kind FaultKind, addr, fpccr uint32) bool {
	f := &Fault{Kind: kind, PC: c.pc, Addr: addr}
	exc, bits, rdy := ExcMemManage, uint32(cfsrMLSPERR), fpccr&fpccrMMRDY != 0
	if kind == FaultLazyFPBus {
		exc, bits, rdy = ExcBusFault, cfsrLSPERR, fpccr&fpccrBFRDY != 0
	}
	c.exc.RecordFault(bits, 0)
	if !rdy || !c.exc.Enabled(exc) {
		exc = ExcHardFault
		c.exc.RecordHardFault(hfsrFORCED)
		f.Escalated = true
	}
	c.exc.SetPending(exc)
	f.Exception = exc
	c.snapshotFault(f)
	if c.pendingPreempts(false) {
		c.fault = f // already recorded and pended: raise only enters it
		return false
	}
	c.exc.SetFPCCR(c.exc.FPCCR() &^ fpccrLSPACT)
	return true
}

// updateFPCCR is UpdateFPCCR (B1.5.6): on an exception entry with lazy preservation
// enabled, record where the FP context goes (FPCAR = the FP area of the frame) and who
// owned it: LSPACT, USER (unprivileged), THREAD, and the ready bits saying which faults
// the owner's execution priority would have allowed to preempt.
func (c *CPU) updateFPCCR(frame uint32) {
	fpccr := c.exc.FPCCR()
	c.entryFPCCR, c.entryFPCAR, c.entryFPSaved = fpccr, c.exc.FPCAR(), true
	v := fpccr&^(fpccrUSER|fpccrTHREAD|fpccrHFRDY|fpccrMMRDY|fpccrBFRDY|fpccrMONRDY) | fpccrLSPACT
	if !c.Privileged() {
		v |= fpccrUSER
	}
	if c.IPSR == 0 {
		v |= fpccrTHREAD
	}
	ep := c.executionPriority(false)
	if ep > -1 {
		v |= fpccrHFRDY
	}
	if c.exc.Enabled(ExcMemManage) && ep > c.exc.Priority(ExcMemManage) {
		v |= fpccrMMRDY
	}
	if c.exc.Enabled(ExcBusFault) && ep > c.exc.Priority(ExcBusFault) {
		v |= fpccrBFRDY
	}
	if c.exc.Enabled(ExcDebugMonitor) && ep > c.exc.Priority(ExcDebugMonitor) {
		v |= fpccrMONRDY
	}
	c.exc.SetFPCAR(frame + basicFrameSize)
	c.exc.SetFPCCR(v)
}

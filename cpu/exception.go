package cpu

import "m7emu/bus"

// The exception model (Arm DDI0403E B1.5): entry with stacking (B1.5.6), return
// (B1.5.8), tail-chaining and late arrival, priorities (B1.5.4), faults as exceptions
// with escalation to HardFault and lockup (B1.5.14–B1.5.15), and the sleep states
// (B1.5.17–B1.5.19).
//
// The NVIC and SCB registers live outside the core (package nvic); the core sees them
// through ExceptionController. Without a controller (Config.Exceptions nil) the core
// keeps the behaviour of a bare instruction-set model: a fault stops the run
// (StopFault), SVC stops as unsupported, and nothing wakes a sleeping core.
//
// Between instructions the step loop tests a single flag, attn. It is set whenever the
// answer to "should the core do something other than execute the next instruction?"
// may have changed: the controller's state changed (ExceptionsChanged), a mask register
// was written (MSR, CPS), a device register was written, an exception was entered or
// returned from, EPSR.T is clear, or the MPU is on (every fetch is then checked).

// ExceptionController is the NVIC and SCB as the core sees them (implemented by
// *nvic.NVIC). Priorities are group priorities after AIRCR.PRIGROUP; lower is more
// urgent; Reset -3, NMI -2, HardFault -1; 256 means "none".
type ExceptionController interface {
	// Pending returns the most urgent pending and enabled exception and its group
	// priority, ok=false if none.
	Pending() (exc, prio int, ok bool)
	// ActivePriority is the group priority of the most urgent active exception, or 256.
	ActivePriority() int
	// ActiveCount is the number of active exceptions.
	ActiveCount() int
	Activate(exc int)   // pending -> active, on entry
	Deactivate(exc int) // active -> inactive, on return
	IsActive(exc int) bool
	SetPending(exc int)
	// Enabled reports whether exc is enabled (SHCSR for the configurable faults).
	Enabled(exc int) bool
	// Priority is the group priority of exc.
	Priority(exc int) int
	// GroupPriority applies the implemented bits and PRIGROUP to a raw 8-bit priority
	// (BASEPRI).
	GroupPriority(raw uint8) int
	// PriorityMask is the implemented bits of a priority byte (0xF0 with 4 bits).
	PriorityMask() uint8
	VTOR() uint32
	CCR() uint32
	SCR() uint32
	CPACR() uint32
	// RecordFault ORs bits into CFSR; with MMARVALID/BFARVALID among them addr is
	// written to MMFAR/BFAR.
	RecordFault(cfsrBits, addr uint32)
	// RecordHardFault ORs bits into HFSR (VECTTBL, FORCED).
	RecordHardFault(hfsrBits uint32)
	// FaultStatus returns CFSR, HFSR, MMFAR and BFAR.
	FaultStatus() (cfsr, hfsr, mmfar, bfar uint32)
	// FPCCR, FPCAR and FPDSCR are the FP context registers (B3.2.23–B3.2.25);
	// SetFPCCR and SetFPCAR let the core record the lazy-preservation state.
	FPCCR() uint32
	FPCAR() uint32
	FPDSCR() uint32
	SetFPCCR(v uint32)
	SetFPCAR(v uint32)
}

// MemoryProtection is the MPU as the core sees it (implemented by *mpu.MPU). The core
// asks Enabled after every device write (a write to MPU_CTRL) and calls Check only
// while it is true.
type MemoryProtection interface {
	Enabled() bool
	// Check reports whether an access of size bytes at addr is permitted (B3.5):
	// write or read, instruction fetch (exec), at the given privilege, and whether
	// the execution priority is negative (HardFault, NMI, FAULTMASK: MPU_CTRL.HFNMIENA).
	Check(addr, size uint32, write, exec, privileged, negativePriority bool) bool
}

// Exception numbers (B1.5.2).
const (
	ExcReset        = 1
	ExcNMI          = 2
	ExcHardFault    = 3
	ExcMemManage    = 4
	ExcBusFault     = 5
	ExcUsageFault   = 6
	ExcSVCall       = 11
	ExcDebugMonitor = 12
	ExcPendSV       = 14
	ExcSysTick      = 15
	ExcFirstIRQ     = 16
)

// Fault status bits (B3.2.15 CFSR, B3.2.16 HFSR) and the CCR/SCR/CPACR fields the
// core reads (B3.2.7, B3.2.8, B3.2.20).
const (
	cfsrIACCVIOL   = 1 << 0
	cfsrDACCVIOL   = 1 << 1
	cfsrMUNSTKERR  = 1 << 3
	cfsrMSTKERR    = 1 << 4
	cfsrMMARVALID  = 1 << 7
	cfsrIBUSERR    = 1 << 8
	cfsrPRECISERR  = 1 << 9
	cfsrUNSTKERR   = 1 << 11
	cfsrSTKERR     = 1 << 12
	cfsrBFARVALID  = 1 << 15
	cfsrUNDEFINSTR = 1 << 16
	cfsrINVSTATE   = 1 << 17
	cfsrINVPC      = 1 << 18
	cfsrNOCP       = 1 << 19
	cfsrUNALIGNED  = 1 << 24
	cfsrDIVBYZERO  = 1 << 25

	hfsrVECTTBL = 1 << 1
	hfsrFORCED  = 1 << 30

	ccrNONBASETHRDENA = 1 << 0
	ccrUSERSETMPEND   = 1 << 1
	ccrUNALIGNTRP     = 1 << 3
	ccrDIV0TRP        = 1 << 4
	ccrSTKALIGN       = 1 << 9

	scrSLEEPONEXIT = 1 << 1
	scrSEVONPEND   = 1 << 4
)

// sleepKind says why the core is asleep.
type sleepKind uint8

const (
	awake       sleepKind = iota
	sleepWFI              // WFI: wake on an exception that would preempt if PRIMASK were 0
	sleepWFE              // WFE: wake on the event register or a preempting exception
	sleepOnExit           // SCR.SLEEPONEXIT: returned to Thread mode from the last handler
)

// ExceptionsChanged tells the core that the controller's state changed (something
// became pending, a priority, an enable or a register changed). The core re-checks
// before its next instruction. Wire nvic.Config.OnChange to it.
func (c *CPU) ExceptionsChanged() { c.attn = true }

// SignalEvent sets the event register (B1.5.18): an SEV from elsewhere, or an exception
// becoming pending while SCR.SEVONPEND is set. Wire nvic.Config.OnEvent to it.
func (c *CPU) SignalEvent() { c.EventReg = true }

// RequestReset stops the core after the current instruction with StopReset, so its
// owner can reset the system between instructions (AIRCR.SYSRESETREQ).
func (c *CPU) RequestReset() {
	// A sleeping core has a sleep stop recorded; the reset replaces it (a debugger or
	// a device may ask for the reset while the core sleeps).
	if c.stop == nil || c.stop.Reason == StopSleep {
		c.stop = &Stop{Reason: StopReset, PC: c.pc, Msg: "system reset requested (AIRCR.SYSRESETREQ)"}
	}
}

// CanWake reports whether a sleeping core has a reason to wake (B1.5.18, B1.5.19): for
// WFE the event register or a pending exception that would preempt; for WFI and
// sleep-on-exit a pending exception that would preempt if PRIMASK were clear (with
// PRIMASK set the core wakes without taking it). Without a controller nothing can wake
// the core. A core that is not asleep can always run.
func (c *CPU) CanWake() bool {
	switch c.sleep {
	case awake:
		return true
	case sleepWFE:
		if c.EventReg {
			return true
		}
		return c.exc != nil && c.pendingPreempts(false)
	}
	return c.exc != nil && c.pendingPreempts(true)
}

// Asleep reports whether the core is in a sleep state (WFI, WFE or sleep-on-exit).
func (c *CPU) Asleep() bool { return c.sleep != awake }

// executionPriority is ExecutionPriority() (B1.5.4): the most urgent active exception,
// boosted by BASEPRI, PRIMASK and FAULTMASK.
func (c *CPU) executionPriority(ignorePRIMASK bool) int {
	p := c.exc.ActivePriority()
	if c.BASEPRI != 0 {
		if b := c.exc.GroupPriority(c.BASEPRI); b < p {
			p = b
		}
	}
	if c.PRIMASK && !ignorePRIMASK && p > 0 {
		p = 0
	}
	if c.FAULTMASK && p > -1 {
		p = -1
	}
	return p
}

// pendingPreempts reports whether the most urgent pending exception can preempt the
// current execution priority.
func (c *CPU) pendingPreempts(ignorePRIMASK bool) bool {
	_, prio, ok := c.exc.Pending()
	return ok && prio < c.executionPriority(ignorePRIMASK)
}

// refresh re-reads the controller state the core caches (after attn).
func (c *CPU) refresh() {
	c.ccr = c.exc.CCR()
	c.prioMask = c.exc.PriorityMask()
	c.mpuOn = c.mpu != nil && c.mpu.Enabled()
	c.memSlow = c.ccr&ccrUNALIGNTRP != 0 || c.mpuOn
}

// service does the work that replaces an instruction when attn is set: finishing an
// exception return or entry, leaving sleep-on-exit, or taking a pending exception. It
// reports whether it did something (then no instruction runs in this step).
func (c *CPU) service() bool {
	switch {
	case c.retPending:
		c.retPending = false
		c.exceptionReturn(c.excReturn)
		return true
	case c.entering:
		c.finishEntry()
		return true
	case c.sleep == sleepOnExit:
		c.sleep = awake
		if c.pendingPreempts(false) {
			c.tailChain(c.excReturn)
		} else {
			c.unstack(c.excReturn)
		}
		return true
	}
	c.sleep = awake
	if c.pendingPreempts(false) {
		c.beginEntry(c.R[15])
		return true
	}
	return false
}

// pendSync makes a synchronous exception (a fault, SVCall) pending, escalating it to
// HardFault when it is disabled or cannot preempt the current execution priority
// (B1.5.14: HFSR.FORCED). If HardFault cannot preempt either (the core is in the NMI
// or HardFault handler, or FAULTMASK is set) the core locks up (B1.5.15); pendSync
// then returns false.
func (c *CPU) pendSync(exc int, f *Fault) bool {
	ep := c.executionPriority(false)
	if c.exc.Enabled(exc) && c.exc.Priority(exc) < ep {
		c.exc.SetPending(exc)
		if f != nil {
			f.Exception = exc
		}
		return true
	}
	if ep <= -1 {
		c.lockup(f)
		return false
	}
	c.exc.RecordHardFault(hfsrFORCED)
	c.exc.SetPending(ExcHardFault)
	if f != nil {
		f.Exception, f.Escalated = ExcHardFault, true
	}
	return true
}

// takeFault records a fault of the current instruction (or of exception entry/return) in
// the status registers and pends its exception. It returns false on lockup.
func (c *CPU) takeFault(f *Fault) bool {
	if f.Kind == FaultLazyFPBus || f.Kind == FaultLazyFPAccess {
		return true // recorded and pended by lazyFault (fpregs.go)
	}
	exc, bits, addr := c.classify(f)
	c.exc.RecordFault(bits, addr)
	ok := c.pendSync(exc, f)
	c.snapshotFault(f)
	return ok
}

// snapshotFault keeps f (with the status registers after it) for LastFault.
func (c *CPU) snapshotFault(f *Fault) {
	if c.exc != nil {
		f.CFSR, f.HFSR, f.MMFAR, f.BFAR = c.exc.FaultStatus()
	}
	c.lastFault = *f
	c.hasFault = true
}

// classify maps a fault to its exception, CFSR bits and fault address (B3.2.15). An
// undefined coprocessor-space encoding is NOCP when the coprocessor is absent or CPACR
// denies access (B3.2.20; coprocessor space is hw1 = 111x 110x or 111x 1110, A5.3.18;
// only CP10/CP11, the FPU, exist on the Cortex-M7).
func (c *CPU) classify(f *Fault) (exc int, bits, addr uint32) {
	if f.Kind == FaultUndefInstr && f.Inst.Size == 4 && c.coprocessorDenied(f.Inst.Raw) {
		f.Kind = FaultNoCP
	}
	if int(f.Kind) < len(faultStatus) {
		if st := faultStatus[f.Kind]; st.exc != 0 {
			if st.addr {
				addr = f.Addr
			}
			return st.exc, st.bits, addr
		}
	}
	return ExcHardFault, 0, 0
}

// faultStatus is, per fault kind, the exception it is taken as, its CFSR bits and
// whether MMFAR/BFAR records its address (B3.2.15). Kinds not listed are HardFaults.
var faultStatus = [...]struct {
	exc  int
	bits uint32
	addr bool
}{
	FaultUndefInstr:    {ExcUsageFault, cfsrUNDEFINSTR, false},
	FaultInvState:      {ExcUsageFault, cfsrINVSTATE, false},
	FaultInvPC:         {ExcUsageFault, cfsrINVPC, false},
	FaultUnaligned:     {ExcUsageFault, cfsrUNALIGNED, false},
	FaultDivByZero:     {ExcUsageFault, cfsrDIVBYZERO, false},
	FaultNoCP:          {ExcUsageFault, cfsrNOCP, false},
	FaultPreciseBus:    {ExcBusFault, cfsrPRECISERR | cfsrBFARVALID, true},
	FaultInstrBus:      {ExcBusFault, cfsrIBUSERR, false},
	FaultStackBus:      {ExcBusFault, cfsrSTKERR, false},
	FaultUnstackBus:    {ExcBusFault, cfsrUNSTKERR, false},
	FaultDataAccess:    {ExcMemManage, cfsrDACCVIOL | cfsrMMARVALID, true},
	FaultInstrAccess:   {ExcMemManage, cfsrIACCVIOL, false},
	FaultStackAccess:   {ExcMemManage, cfsrMSTKERR, false},
	FaultUnstackAccess: {ExcMemManage, cfsrMUNSTKERR, false},
	// The lazy FP save faults are pended by lazyFault, by the FPCCR ready bits.
	FaultLazyFPBus:    {ExcBusFault, cfsrLSPERR, false},
	FaultLazyFPAccess: {ExcMemManage, cfsrMLSPERR, false},
}

// coprocessorDenied reports whether a 32-bit coprocessor-space encoding (raw =
// hw1<<16|hw2) must take a NOCP UsageFault: its coprocessor (hw2[11:8]) is not CP10 or
// CP11, or CPACR.CP10 denies the current privilege (CP11 follows CP10; B3.2.20 says
// other settings are UNPREDICTABLE).
func (c *CPU) coprocessorDenied(raw uint32) bool {
	hw1 := raw >> 16
	if hw1&0xEE00 != 0xEC00 && hw1&0xEF00 != 0xEE00 {
		return false
	}
	if cp := raw >> 8 & 0xF; cp != 10 && cp != 11 {
		return true
	}
	return !c.FPAccessible()
}

// FPAccessible reports whether CPACR lets the current privilege use the FPU (CP10):
// 0b01 privileged only, 0b11 full access (B3.2.20). The FP extension checks it before
// executing a floating-point instruction (NOCP otherwise).
func (c *CPU) FPAccessible() bool {
	if c.exc == nil {
		return true
	}
	return c.cpacrAllows(c.Privileged())
}

// cpacrAllows reports whether CPACR.CP10 grants FP access at the given privilege.
func (c *CPU) cpacrAllows(priv bool) bool {
	switch c.exc.CPACR() >> 20 & 3 {
	case 1:
		return priv
	case 3:
		return true
	}
	return false
}

// lockup stops the core in the Lockup state (B1.5.15): a fault it could not take.
func (c *CPU) lockup(f *Fault) {
	if f == nil {
		f = &Fault{Kind: FaultForced, PC: c.pc}
	}
	f.Lockup = true
	f.Exception = 0
	c.snapshotFault(f)
	lf := c.lastFault
	c.locked = true
	c.stop = &Stop{Reason: StopLockup, PC: f.PC, Fault: &lf, Msg: "lockup: " + f.Error()}
}

// Locked reports whether the core is in the Lockup state.
func (c *CPU) Locked() bool { return c.locked }

// beginEntry starts exception entry (B1.5.6 ExceptionEntry): charge the entry cost and
// push the 8-word frame on the current stack with returnAddress as the stacked PC. The
// handler is chosen in finishEntry, before the next instruction, so an exception that
// becomes more urgent meanwhile (an interrupt that arrives during the entry cycles, or a
// fault while stacking) is taken instead: late arrival.
func (c *CPU) beginEntry(returnAddress uint32) {
	c.entering = true
	c.attn = true
	c.entrySP = c.R[13]
	cost := c.timing.excEntry(c.regionWS(c.R[13]-4), c.regionWS(c.exc.VTOR()))
	c.Cycles += uint64(cost)
	c.ExcCycles += uint64(cost)
	c.pushStack(returnAddress)
}

// pushStack is PushStack (B1.5.6): an 8-word frame (R0–R3, R12, LR, return address,
// xPSR) 8-byte aligned when CCR.STKALIGN is set, with the realignment recorded in bit 9
// of the stacked xPSR. A fault while stacking pends BusFault STKERR or MemManage
// MSTKERR as a derived exception (it may then be taken instead, by late arrival).
//
// With CONTROL.FPCA set (the interrupted code has an FP context) the frame is the
// extended one (B1.5.7): 0x68 bytes, always 8-byte aligned, S0–S15 at +0x20, FPSCR at
// +0x60, a reserved word at +0x64; EXC_RETURN bit 4 is then clear (excReturnFor). With
// FPCCR.LSPEN set the FP area is only reserved: UpdateFPCCR records it in FPCAR and sets
// LSPACT, and the handler's first FP instruction writes it (preserveFP). With LSPEN
// clear S0–S15 and FPSCR are written now (NOCP UsageFault if CPACR denies the current
// privilege, as CheckVFPEnabled in the pseudocode) and, as QEMU does, then zeroed
// (their values are UNKNOWN to the handler).
func (c *CPU) pushStack(returnAddress uint32) {
	c.entryFPSaved = false
	fpca := c.CONTROL&controlFPCA != 0
	frameSize := uint32(basicFrameSize)
	forceAlign := c.ccr&ccrSTKALIGN != 0
	if fpca {
		frameSize, forceAlign = extendedFrameSize, true
	}
	sp := c.R[13] // the active stack: PSP in Thread mode with SPSEL set, else MSP
	xpsr := c.XPSR()
	frame := sp - frameSize
	if forceAlign {
		if sp&4 != 0 {
			xpsr |= 1 << 9
		}
		frame &^= 4
	}
	c.R[13] = frame
	words := [8]uint32{c.R[0], c.R[1], c.R[2], c.R[3], c.R[12], c.R[14], returnAddress, xpsr}
	priv := c.Privileged()
	for i, w := range words {
		if !c.stackWord(frame+4*uint32(i), w, priv, returnAddress) {
			if fpca && c.fpccr()&fpccrLSPEN != 0 {
				c.updateFPCCR(frame)
			}
			return
		}
	}
	if !fpca {
		return
	}
	if c.exc.FPCCR()&fpccrLSPEN != 0 {
		c.updateFPCCR(frame)
		return
	}
	if !c.FPAccessible() {
		c.takeFault(&Fault{Kind: FaultNoCP, PC: returnAddress})
		return
	}
	cost := c.timing.fpContext(c.regionWS(frame))
	c.Cycles += uint64(cost)
	c.ExcCycles += uint64(cost)
	for i := uint32(0); i < 17; i++ {
		v := c.FPSCR
		if i < 16 {
			v = c.S[i]
		}
		if !c.stackWord(frame+basicFrameSize+4*i, v, priv, returnAddress) {
			return
		}
	}
	for i := 0; i < 16; i++ {
		c.S[i] = 0
	}
	c.FPSCR = 0
}

// stackWord writes one word of an exception frame; a failure is taken as a derived
// STKERR/MSTKERR fault and reported false.
func (c *CPU) stackWord(a, w uint32, priv bool, returnAddress uint32) bool {
	if k, ok := c.stackAccess(a, true, priv, w); !ok {
		f := &Fault{Kind: FaultStackBus, PC: returnAddress, Addr: a}
		if k {
			f.Kind = FaultStackAccess
		}
		c.takeFault(f)
		return false
	}
	return true
}

// stackAccess writes (or reads) one stacked word through the MPU and the bus. On
// failure mpuFault says whether the MPU refused it.
func (c *CPU) stackAccess(addr uint32, write, priv bool, v uint32) (mpuFault, ok bool) {
	if c.mpuOn && !c.mpu.Check(addr, 4, write, false, priv, c.executionPriority(false) < 0) {
		return true, false
	}
	if write {
		return false, c.bus.Write(addr, 4, v) == nil
	}
	return false, true
}

// excReturnFor is the EXC_RETURN value for the mode being left (B1.5.6): Handler
// 0xFFFFFFF1, Thread on MSP 0xFFFFFFF9, Thread on PSP 0xFFFFFFFD; bit 4 is
// NOT(CONTROL.FPCA) (0xE1/0xE9/0xED with an extended frame).
func (c *CPU) excReturnFor() uint32 {
	r := uint32(0xFFFF_FFF9)
	if c.IPSR != 0 {
		r = 0xFFFF_FFF1
	} else if c.CONTROL&2 != 0 {
		r = 0xFFFF_FFFD
	}
	if c.CONTROL&controlFPCA != 0 {
		r &^= 0x10
	}
	return r
}

// finishEntry completes an entry begun by beginEntry: the most urgent pending
// exception that can preempt is taken (late arrival), LR = EXC_RETURN.
func (c *CPU) finishEntry() {
	c.entering = false
	if c.stop != nil && c.stop.Reason == StopLockup {
		return
	}
	if !c.pendingPreempts(false) {
		// Nothing left to take (cannot happen unless the pending state was withdrawn
		// during entry): abandon the frame (and the lazy FP reservation in it).
		c.R[13] = c.entrySP
		if c.entryFPSaved {
			c.exc.SetFPCCR(c.entryFPCCR)
			c.exc.SetFPCAR(c.entryFPCAR)
		}
		return
	}
	c.takeVector(c.excReturnFor())
}

// tailChain takes the most urgent pending exception on exception return without
// unstacking (B1.5.8 note; the frame of the returning exception is reused and LR keeps
// its EXC_RETURN).
func (c *CPU) tailChain(excReturn uint32) {
	cost := c.timing.excTailChain(c.regionWS(c.exc.VTOR()))
	c.Cycles += uint64(cost)
	c.ExcCycles += uint64(cost)
	c.takeVector(excReturn)
}

// takeVector reads the handler address of the most urgent pending exception and enters
// it (ExceptionTaken). A bus error on the vector read is a HardFault with HFSR.VECTTBL;
// if the exception being taken is itself HardFault or NMI, or HardFault cannot preempt,
// the core locks up.
func (c *CPU) takeVector(lr uint32) {
	for tries := 0; ; tries++ {
		exc, prio, ok := c.exc.Pending()
		if !ok {
			return
		}
		addr := c.exc.VTOR() + 4*uint32(exc)
		vec, err := c.bus.Read(addr, 4)
		if err == nil {
			c.exceptionTaken(exc, vec, lr)
			return
		}
		f := &Fault{Kind: FaultVectorTable, PC: c.R[15], Addr: addr, Cause: err}
		c.exc.RecordHardFault(hfsrVECTTBL)
		if prio <= -1 || c.executionPriority(false) <= -1 || tries > 0 {
			c.lockup(f)
			return
		}
		f.Exception = ExcHardFault
		c.exc.SetPending(ExcHardFault)
		c.snapshotFault(f)
	}
}

// exceptionTaken is ExceptionTaken (B1.5.6): Handler mode on the main stack, IPSR =
// exc, EPSR.T from bit 0 of the vector (clear: the first handler instruction takes an
// INVSTATE UsageFault), IT state cleared, CONTROL.FPCA cleared, the exception active,
// the local monitor cleared.
func (c *CPU) exceptionTaken(exc int, vector, lr uint32) {
	c.R[14] = lr
	if c.usingPSP() {
		c.PSP = c.R[13]
		c.R[13] = c.MSP
	}
	c.IPSR = uint16(exc)
	c.CONTROL &^= 2 | 4 // SPSEL = 0 (Main stack), FPCA = 0
	c.IT = 0
	c.setInvState(vector&1 == 0)
	c.R[15] = vector &^ 1
	c.pc = c.R[15]
	c.exc.Activate(exc)
	c.ClearExclusiveLocal()
	c.attn = true
	if h := c.hooks.Exception; h != nil {
		h(exc, true)
	}
}

// exceptionReturn is ExceptionReturn (B1.5.8), started by an EXC_RETURN value written
// to the PC in Handler mode. Checks that fail (an unknown EXC_RETURN, a return from an
// exception that is not active, a return to Thread mode with other exceptions active
// unless CCR.NONBASETHRDENA) take an INVPC UsageFault on the returning exception's
// frame. If an exception can preempt after the deactivation it is tail-chained;
// returning to Thread mode from the last handler with SCR.SLEEPONEXIT sleeps instead of
// unstacking.
func (c *CPU) exceptionReturn(excReturn uint32) {
	returning := int(c.IPSR)
	nested := c.exc.ActiveCount()
	valid := excReturn&0x0FFF_FFE0 == 0x0FFF_FFE0 // bits 27:5 all ones; bit 4 clear: extended frame
	toThread := excReturn&0xF == 0x9 || excReturn&0xF == 0xD
	switch {
	case !c.exc.IsActive(returning),
		!valid || (excReturn&0xF != 0x1 && !toThread),
		toThread && nested != 1 && c.ccr&ccrNONBASETHRDENA == 0:
		c.deactivate(returning)
		c.invPC(excReturn)
		return
	}
	c.deactivate(returning)
	if c.pendingPreempts(false) {
		c.tailChain(excReturn)
		return
	}
	if toThread && nested == 1 && c.exc.SCR()&scrSLEEPONEXIT != 0 {
		// B1.5.19: sleep instead of unstacking; a wake-up tail-chains into the
		// waking exception, anything else completes the return (service).
		c.excReturn = excReturn
		c.sleep = sleepOnExit
		if c.stop == nil {
			c.stop = &Stop{Reason: StopSleep, PC: c.pc, Msg: "sleep-on-exit"}
		}
		return
	}
	c.unstack(excReturn)
}

// deactivate is DeActivate (B1.5.8): the exception is no longer active and FAULTMASK is
// cleared unless returning from NMI.
func (c *CPU) deactivate(exc int) {
	c.exc.Deactivate(exc)
	if exc != ExcNMI {
		c.FAULTMASK = false
	}
	if h := c.hooks.Exception; h != nil {
		h(exc, false)
	}
}

// invPC takes an INVPC UsageFault for a failed exception return: no unstacking, LR keeps
// the EXC_RETURN value and the fault is taken like a tail-chained exception.
func (c *CPU) invPC(excReturn uint32) {
	f := &Fault{Kind: FaultInvPC, PC: c.pc, Addr: excReturn}
	if !c.takeFault(f) {
		return
	}
	c.tailChain(excReturn)
}

// unstack is the PopStack half of ExceptionReturn (B1.5.8): restore R0–R3, R12, LR, PC
// and xPSR from the frame, undo the alignment padding (xPSR bit 9), switch mode and
// stack. A fault while unstacking (BusFault UNSTKERR, MemManage MUNSTKERR) leaves the
// registers unchanged and is taken on the same frame. A stacked IPSR that does not
// match the mode returned to is an INVPC UsageFault.
//
// EXC_RETURN bit 4 clear means an extended frame (B1.5.7): if FPCCR.LSPACT is still set
// the handler never used the FPU, the FP registers still hold the returned-to context
// and LSPACT is just cleared; otherwise S0–S15 and FPSCR are read back from the frame
// (NOCP UsageFault on the same frame if CPACR denies the returned-to privilege, as
// QEMU checks). CONTROL.FPCA becomes NOT(EXC_RETURN<4>).
func (c *CPU) unstack(excReturn uint32) {
	cost := c.timing.excExit(c.regionWS(c.R[13]))
	c.Cycles += uint64(cost)
	c.ExcCycles += uint64(cost)
	toHandler := excReturn&0xF == 0x1
	toPSP := excReturn&0xF == 0xD
	extended := excReturn&0x10 == 0
	frame := c.R[13] // SP_main in Handler mode
	if toPSP {
		frame = c.PSP
	}
	// Privilege of the context returned to, for the MPU.
	priv := toHandler || c.CONTROL&1 == 0
	var w [8 + 17]uint32
	for i := 0; i < 8; i++ {
		if !c.unstackWord(frame+4*uint32(i), priv, &w[i], excReturn) {
			return
		}
	}
	psr := w[7]
	if ipsr := psr & 0x1FF; toHandler == (ipsr == 0) {
		c.invPC(excReturn)
		return
	}
	frameSize := uint32(basicFrameSize)
	restoreFP := false
	if extended {
		frameSize = extendedFrameSize
		if c.exc.FPCCR()&fpccrLSPACT == 0 {
			if !c.cpacrAllows(priv) {
				if c.takeFault(&Fault{Kind: FaultNoCP, PC: c.pc}) {
					c.tailChain(excReturn)
				}
				return
			}
			for i := 8; i < len(w); i++ {
				if !c.unstackWord(frame+4*uint32(i), priv, &w[i], excReturn) {
					return
				}
			}
			restoreFP = true
			cost := c.timing.fpContext(c.regionWS(frame))
			c.Cycles += uint64(cost)
			c.ExcCycles += uint64(cost)
		}
	}
	// Committed: nothing below can fault.
	if extended {
		if restoreFP {
			copy(c.S[:16], w[8:24])
			c.SetFPSCR(w[24])
		} else {
			c.exc.SetFPCCR(c.exc.FPCCR() &^ fpccrLSPACT) // the FP state is still valid
		}
		c.CONTROL |= controlFPCA
	} else {
		c.CONTROL &^= controlFPCA
	}
	sp := frame + frameSize
	if psr&(1<<9) != 0 && (c.ccr&ccrSTKALIGN != 0 || extended) {
		sp |= 4
	}
	c.MSP = c.R[13]
	if toPSP {
		c.PSP = sp
	} else {
		c.MSP = sp
	}
	c.IPSR = uint16(psr & 0x1FF)
	if toPSP {
		c.CONTROL |= 2
		c.R[13] = c.PSP
	} else {
		c.CONTROL &^= 2
		c.R[13] = c.MSP
	}
	c.R[0], c.R[1], c.R[2], c.R[3], c.R[12], c.R[14] = w[0], w[1], w[2], w[3], w[4], w[5]
	// A stacked PC with bit 0 set is UNPREDICTABLE; like QEMU the bit is ignored.
	c.R[15] = w[6] &^ 1
	c.pc = c.R[15]
	c.SetAPSR(psr)
	c.IT = itFromXPSR(psr)
	c.setInvState(psr&(1<<24) == 0)
	c.ClearExclusiveLocal()
	c.EventReg = true // B1.5.18: every exception return sets the event register
	c.attn = true
}

// unstackWord reads one word of the frame being unstacked into *v. A failure is taken
// (UNSTKERR/MUNSTKERR, tail-chained on the same frame) and reported false.
func (c *CPU) unstackWord(a uint32, priv bool, v *uint32, excReturn uint32) bool {
	mpuFault, ok := c.stackAccess(a, false, priv, 0)
	if ok {
		var err error
		*v, err = c.bus.Read(a, 4)
		ok = err == nil
	}
	if !ok {
		f := &Fault{Kind: FaultUnstackBus, PC: c.pc, Addr: a}
		if mpuFault {
			f.Kind = FaultUnstackAccess
		}
		if c.takeFault(f) {
			c.tailChain(excReturn)
		}
		return false
	}
	return true
}

// regionWS is the wait-state count of the memory at addr (0 if unmapped).
func (c *CPU) regionWS(addr uint32) int {
	if r := c.bus.Find(addr); r != nil && r.Kind != bus.KindDevice {
		return r.WaitStates
	}
	return 0
}

// defaultMapXN reports whether addr is in an Execute Never region of the default memory
// map (B3.1 Table B3-1): Peripheral 0x4000_0000–0x5FFF_FFFF, Device
// 0xA000_0000–0xDFFF_FFFF, System 0xE000_0000–0xFFFF_FFFF.
func defaultMapXN(addr uint32) bool {
	return addr>>29 == 2 || (addr >= 0xA000_0000 && addr < 0xE000_0000) || addr >= 0xE000_0000
}

// ppbUnprivilegedOK reports whether an unprivileged access to the Private Peripheral
// Bus (0xE000_0000–0xE00F_FFFF) is allowed: every other one is a precise BusFault
// (B3.1 Table B3-1 note, B3.2.1). Allowed: STIR writes when CCR.USERSETMPEND is set
// (B3.4.3), and the ITM stimulus ports (their ITM_TPR check is the ITM's).
func (c *CPU) ppbUnprivilegedOK(addr uint32, write bool) bool {
	if addr < 0xE000_0100 {
		return true
	}
	return write && addr&^3 == 0xE000_EF00 && c.ccr&ccrUSERSETMPEND != 0
}

// checkData performs the checks that only apply with CCR.UNALIGN_TRP or the MPU on
// (memSlow): the UNALIGNED UsageFault for halfword and word accesses (B3.2.8, A3.2.1)
// and the MPU permission check (MemManage DACCVIOL, MMFAR).
func (c *CPU) checkData(addr uint32, w bus.Width, write bool) bool {
	if w > 1 && addr&(uint32(w)-1) != 0 && c.ccr&ccrUNALIGNTRP != 0 {
		c.setFault(FaultUnaligned, addr, nil, nil)
		return false
	}
	if c.mpuOn && !c.mpu.Check(addr, uint32(w), write, false, c.Privileged() && !c.unpriv, c.executionPriority(false) < 0) {
		c.setFault(FaultDataAccess, addr, nil, nil)
		return false
	}
	return true
}

package cpu

import (
	"fmt"

	"m7emu/bus"
	"m7emu/cpu/thumb"
)

// StopReason says why Run returned.
type StopReason uint8

// Stop reasons.
const (
	StopNone        StopReason = iota
	StopHalt                   // a hook asked the core to stop (e.g. semihosting exit)
	StopBreakpoint             // BKPT with no handler for its immediate
	StopFault                  // a fault the core cannot take yet (exception model: later issue)
	StopSleep                  // WFI/WFE with nothing to wake it inside the core
	StopLimit                  // the cycle budget given to Run is used up
	StopUnsupported            // an instruction needs something not modelled yet
	StopLockup                 // a fault the core could not take: Lockup state (B1.5.15)
	StopReset                  // the firmware requested a system reset (AIRCR.SYSRESETREQ)
)

var stopNames = [...]string{"none", "halt", "breakpoint", "fault", "sleep", "limit", "unsupported", "lockup", "reset"}

func (s StopReason) String() string {
	if int(s) < len(stopNames) {
		return stopNames[s]
	}
	return "stop?"
}

// FaultKind classifies a fault (B1.5.1, B3.2.15 CFSR bits).
type FaultKind uint8

// Fault kinds.
const (
	FaultUndefInstr    FaultKind = iota // UsageFault UNDEFINSTR
	FaultInvState                       // UsageFault INVSTATE
	FaultInvPC                          // UsageFault INVPC
	FaultUnaligned                      // UsageFault UNALIGNED
	FaultDivByZero                      // UsageFault DIVBYZERO
	FaultNoCP                           // UsageFault NOCP
	FaultPreciseBus                     // BusFault PRECISERR (data access)
	FaultInstrBus                       // BusFault IBUSERR (instruction fetch)
	FaultStackBus                       // BusFault STKERR (exception entry stacking)
	FaultUnstackBus                     // BusFault UNSTKERR (exception return unstacking)
	FaultDataAccess                     // MemManage DACCVIOL (MPU or default map, data access)
	FaultInstrAccess                    // MemManage IACCVIOL (instruction fetch from an XN region)
	FaultStackAccess                    // MemManage MSTKERR
	FaultUnstackAccess                  // MemManage MUNSTKERR
	FaultVectorTable                    // HardFault VECTTBL (bus error reading a vector)
	FaultSVC                            // SVC executed where SVCall cannot be taken (HardFault FORCED)
	FaultForced                         // HardFault FORCED with no other cause recorded
	FaultLazyFPBus                      // BusFault LSPERR (lazy FP state preservation)
	FaultLazyFPAccess                   // MemManage MLSPERR (lazy FP state preservation)
)

var faultNames = [...]string{"UsageFault UNDEFINSTR (undefined instruction)", "UsageFault INVSTATE (invalid state: Thumb bit clear)",
	"UsageFault INVPC (invalid EXC_RETURN)", "UsageFault UNALIGNED (unaligned access)", "UsageFault DIVBYZERO (divide by zero)",
	"UsageFault NOCP (coprocessor access)", "BusFault PRECISERR (data bus error)", "BusFault IBUSERR (instruction fetch error)",
	"BusFault STKERR (bus error while stacking for an exception)", "BusFault UNSTKERR (bus error while unstacking on exception return)",
	"MemManage DACCVIOL (data access violation)", "MemManage IACCVIOL (instruction fetch from a non-executable region)",
	"MemManage MSTKERR (access violation while stacking)", "MemManage MUNSTKERR (access violation while unstacking)",
	"HardFault VECTTBL (bus error reading the vector table)", "HardFault FORCED (SVC where SVCall cannot be taken)",
	"HardFault FORCED", "BusFault LSPERR (bus error during lazy FP state preservation)",
	"MemManage MLSPERR (access violation during lazy FP state preservation)"}

func (k FaultKind) String() string {
	if int(k) < len(faultNames) {
		return faultNames[k]
	}
	return "fault?"
}

// Fault describes a fault raised by an instruction, by exception entry or return, or
// by a vector read.
type Fault struct {
	Kind  FaultKind
	PC    uint32 // address of the faulting instruction (for entry/return faults: the return address or the returning instruction)
	Addr  uint32 // faulting address (BusFault, MemManage, UNALIGNED, vector), or the EXC_RETURN value (INVPC)
	Inst  thumb.Inst
	Cause error // the bus error, if any

	// Set when the fault is taken through the exception model (a controller is wired):
	Exception int  // exception number it was delivered as (3 when escalated; 0 on lockup)
	Escalated bool // escalated to HardFault (HFSR.FORCED): its handler was disabled or could not preempt
	Lockup    bool // could not be taken at all: the core locked up
	// Fault status registers just after this fault was recorded.
	CFSR, HFSR, MMFAR, BFAR uint32
}

func (f *Fault) Error() string {
	s := fmt.Sprintf("%s at PC 0x%08x", f.Kind, f.PC)
	switch f.Kind {
	case FaultUndefInstr:
		if f.Inst.Size == 4 {
			s += fmt.Sprintf(" (halfwords %04x %04x)", f.Inst.Raw>>16, f.Inst.Raw&0xFFFF)
		} else {
			s += fmt.Sprintf(" (halfword %04x)", f.Inst.Raw)
		}
	case FaultPreciseBus, FaultUnaligned, FaultInstrBus, FaultStackBus, FaultUnstackBus,
		FaultDataAccess, FaultInstrAccess, FaultStackAccess, FaultUnstackAccess, FaultVectorTable,
		FaultLazyFPBus, FaultLazyFPAccess:
		s += fmt.Sprintf(", address 0x%08x", f.Addr)
	case FaultInvPC:
		s += fmt.Sprintf(", EXC_RETURN 0x%08x", f.Addr)
	}
	if f.Cause != nil {
		s += ": " + f.Cause.Error()
	}
	return s
}

// Stop records why the core stopped.
type Stop struct {
	Reason StopReason
	PC     uint32
	Imm    uint8  // BKPT immediate
	Fault  *Fault // for StopFault
	Msg    string
}

// Hooks are the core's calls out to its owner. Nil hooks are skipped.
type Hooks struct {
	// BKPT is called for BKPT #imm. Return true if the hook handled it (e.g.
	// semihosting, imm 0xAB); execution then continues after the BKPT unless the
	// hook called Halt. If it returns false the core stops with StopBreakpoint.
	BKPT func(imm uint8) bool
	// Exception is called when the core enters the handler of exception exc (entry,
	// with the PC at the handler's first instruction) and when it leaves it (return;
	// entry false). A hook may call Halt, e.g. to stop on HardFault entry.
	Exception func(exc int, entry bool)
}

// Config configures a CPU.
type Config struct {
	Bus   *bus.Bus
	Hooks Hooks
	// Timing selects the cycle model; nil means the default Cortex-M4-derived table
	// (timing.go). Functional runs pass a zero-cost model.
	Timing *Timing
	// Exceptions is the NVIC/SCB (exception.go). Without it faults stop the run.
	Exceptions ExceptionController
	// MPU is the memory protection unit, if any.
	MPU MemoryProtection
}

// CPU is one Cortex-M7 core.
type CPU struct {
	R          [16]uint32 // R[15] is the address of the next instruction between steps
	N, Z, C, V bool
	Q          bool
	GE         uint8 // APSR.GE[3:0]
	IT         thumb.ITState

	// Banked stack pointers: the inactive one lives here, the active one in R[13].
	MSP, PSP  uint32
	PRIMASK   bool
	FAULTMASK bool
	BASEPRI   uint8
	CONTROL   uint8 // nPRIV (bit 0), SPSEL (bit 1), FPCA (bit 2)
	IPSR      uint16
	EventReg  bool // the WFE event register (B1.5.18)

	limit   uint64 // Run's cycle limit (ShortenRun lowers it)
	Cycles  uint64 // cycles executed since reset
	Instret uint64 // instructions retired since reset
	// Cycle counters behind the DWT profiling counters (B3.4 / C1.8): cycles spent
	// asleep (WFI, WFE, sleep-on-exit, including time skipped through Idle), in
	// exception entry/exit/tail-chain overhead, and in loads and stores beyond their
	// first cycle (including data wait states). The rest of Cycles - Instret is CPI.
	SleepCycles uint64
	ExcCycles   uint64
	LSUCycles   uint64

	// local exclusive monitor (A3.4.1)
	exclValid bool
	exclAddr  uint32

	bus    *bus.Bus
	hooks  Hooks
	onInsn func(pc uint32, in *thumb.Inst) // RunTraced's callback (nil otherwise)
	timing *Timing
	exc    ExceptionController
	mpu    MemoryProtection

	// Exception model state (exception.go).
	attn       bool      // do something other than the next instruction first (see exception.go)
	entering   bool      // exception entry: frame pushed, handler not chosen yet
	entrySP    uint32    // SP before the frame of the entry in progress
	retPending bool      // an EXC_RETURN was written to the PC; return before the next instruction
	excReturn  uint32    // that EXC_RETURN (also kept during sleep-on-exit)
	sleep      sleepKind // why the core is asleep
	locked     bool      // Lockup state
	lastFault  Fault     // the most recent fault (LastFault)
	hasFault   bool
	// cached controller state, refreshed when attn is handled
	ccr      uint32
	prioMask uint8 // implemented BASEPRI bits
	mpuOn    bool  // MPU enabled: data accesses and fetches are checked
	memSlow  bool  // data accesses need checks (UNALIGN_TRP or MPU)
	unpriv   bool  // the current access is an unprivileged LDRT/STRT-type access

	// per-instruction execution context
	pc   uint32 // address of the current instruction
	next uint32 // address of the next instruction
	inIT bool   // the current instruction is in an IT block
	// invstate: EPSR.T is clear (a BX to an even address); the next instruction
	// faults with INVSTATE.
	invstate bool
	extra    uint32 // cycles added by the current instruction beyond its base cost
	fault    *Fault
	stop     *Stop

	// pre-decoded instruction cache: one per memory region code was fetched from
	caches map[*bus.Region]*codeCache
	cur    *codeCache // the cache of the region the PC was last in

	fpState // the FP extension: S0–S31, FPSCR (fpregs.go)
}

// New builds a CPU. Call Reset before running.
func New(cfg Config) *CPU {
	t := cfg.Timing
	if t == nil {
		t = DefaultTiming()
	}
	return &CPU{bus: cfg.Bus, hooks: cfg.Hooks, timing: t, exc: cfg.Exceptions, mpu: cfg.MPU,
		caches: make(map[*bus.Region]*codeCache), prioMask: 0xFF}
}

// Bus returns the bus the core is attached to.
func (c *CPU) Bus() *bus.Bus { return c.bus }

// Reset puts the core in its reset state (B1.5.5 TakeReset) with the vector table at
// vtor: SP_main from word 0, PC from word 1 (its bit 0 must be 1: Thumb state).
func (c *CPU) Reset(vtor uint32) error {
	sp, err := c.bus.Read(vtor, 4)
	if err != nil {
		return fmt.Errorf("cpu: reading initial SP at 0x%08x: %w", vtor, err)
	}
	pc, err := c.bus.Read(vtor+4, 4)
	if err != nil {
		return fmt.Errorf("cpu: reading reset vector at 0x%08x: %w", vtor+4, err)
	}
	c.R = [16]uint32{}
	c.R[13] = sp &^ 3
	c.R[14] = 0xFFFFFFFF
	c.R[15] = pc &^ 1
	c.MSP, c.PSP = sp&^3, 0
	c.N, c.Z, c.C, c.V, c.Q, c.GE, c.IT = false, false, false, false, false, 0, 0
	c.PRIMASK, c.FAULTMASK, c.BASEPRI, c.CONTROL, c.IPSR = false, false, 0, 0, 0
	c.EventReg = false
	c.resetFP()
	c.exclValid = false
	c.invstate = false
	c.Cycles, c.Instret = 0, 0
	c.SleepCycles, c.ExcCycles, c.LSUCycles = 0, 0, 0
	c.fault, c.stop = nil, nil
	c.entering, c.retPending, c.sleep, c.locked, c.hasFault = false, false, awake, false, false
	c.lastFault = Fault{}
	c.ccr, c.prioMask, c.mpuOn, c.memSlow, c.unpriv = 0, 0xFF, false, false, false
	if c.exc != nil {
		c.refresh()
	}
	// A reset vector with bit 0 clear leaves EPSR.T clear: the first instruction
	// faults with INVSTATE (B1.5.5).
	c.setInvState(pc&1 == 0)
	c.attn = true
	return nil
}

// PC returns the address of the next instruction to execute.
func (c *CPU) PC() uint32 { return c.R[15] }

// XPSR returns the combined program status register (B1.4.2).
func (c *CPU) XPSR() uint32 {
	v := c.APSR() | uint32(c.IPSR)
	it := uint32(c.IT)
	v |= (it & 3) << 25  // ICI/IT[1:0] -> bits 26:25
	v |= (it >> 2) << 10 // IT[7:2] -> bits 15:10
	if !c.invstate {
		v |= 1 << 24 // T bit
	}
	return v
}

// APSR returns N Z C V Q and GE[3:0] in their xPSR positions.
func (c *CPU) APSR() uint32 {
	var v uint32
	if c.N {
		v |= 1 << 31
	}
	if c.Z {
		v |= 1 << 30
	}
	if c.C {
		v |= 1 << 29
	}
	if c.V {
		v |= 1 << 28
	}
	if c.Q {
		v |= 1 << 27
	}
	return v | uint32(c.GE)<<16
}

// SetAPSR writes N Z C V Q and GE from an xPSR-format value.
func (c *CPU) SetAPSR(v uint32) {
	c.N, c.Z, c.C, c.V, c.Q = v>>31&1 != 0, v>>30&1 != 0, v>>29&1 != 0, v>>28&1 != 0, v>>27&1 != 0
	c.GE = uint8(v>>16) & 15
}

// Halt stops the core after the current instruction (called from hooks).
func (c *CPU) Halt(msg string) {
	if c.stop == nil {
		c.stop = &Stop{Reason: StopHalt, PC: c.pc, Msg: msg}
	}
}

// Stopped returns why the core stopped, or nil if it can run.
func (c *CPU) Stopped() *Stop { return c.stop }

// Resume clears a StopSleep or StopLimit so the core runs again. A core woken from
// sleep re-checks its pending exceptions first (for WFI with PRIMASK set it continues
// after the WFI without taking them; after sleep-on-exit it tail-chains or completes
// the return).
func (c *CPU) Resume() {
	if c.stop != nil && (c.stop.Reason == StopSleep || c.stop.Reason == StopLimit) {
		c.stop = nil
		c.attn = true
	}
}

// Run executes instructions until the cycle counter reaches limit or the core stops.
// It returns the stop (StopLimit when the budget ran out).
func (c *CPU) Run(limit uint64) *Stop {
	c.limit = limit
	for c.stop == nil && c.Cycles < limit {
		// Fast path: the next instruction is already decoded in the cache of the
		// region the PC is in, and nothing needs attention (attn: an exception to
		// check, enter or return from, a pending INVSTATE, the MPU, a shortened
		// run). Anything else goes through step.
		pc := c.R[15]
		if s := c.cached(pc); s != nil && !c.attn {
			c.execute(s, pc)
			continue
		}
		c.step()
		limit = c.limit // ShortenRun may have lowered it (it sets attn)
	}
	if c.stop == nil {
		c.stop = &Stop{Reason: StopLimit, PC: c.R[15]}
	}
	return c.stop
}

// RunTraced is Run with onInsn called before every instruction executes (including
// instructions an IT block skips), with the cycle counter at its start. It always
// takes the slow path, so it is for tracing, not speed.
func (c *CPU) RunTraced(limit uint64, onInsn func(pc uint32, in *thumb.Inst)) *Stop {
	c.onInsn = onInsn
	defer func() { c.onInsn = nil }()
	c.limit = limit
	for c.stop == nil && c.Cycles < limit {
		c.step()
		limit = c.limit
	}
	if c.stop == nil {
		c.stop = &Stop{Reason: StopLimit, PC: c.R[15]}
	}
	return c.stop
}

// Step executes one instruction, or performs one exception entry (stacking and
// vectoring) or return, or reports the stop that prevents it.
func (c *CPU) Step() *Stop {
	if c.stop == nil {
		c.step()
		if c.entering && c.stop == nil {
			c.step()
		}
	}
	return c.stop
}

func (c *CPU) step() {
	if c.attn {
		c.attn = c.invstate || c.mpuOn
		if c.exc == nil {
			c.sleep = awake // resumed
		} else {
			c.refresh()
			c.attn = c.attn || c.mpuOn
			if c.service() {
				return
			}
		}
	}
	pc := c.R[15]
	if c.invstate {
		c.pc = pc
		c.setFault(FaultInvState, pc, nil, nil)
		c.raise()
		return
	}
	if c.mpuOn && !c.mpu.Check(pc, 2, false, true, c.Privileged(), c.executionPriority(false) < 0) {
		c.pc = pc
		c.setFault(FaultInstrAccess, pc, nil, nil)
		c.raise()
		return
	}
	s := c.fetch(pc)
	if s == nil {
		return // fetch fault recorded
	}
	if c.onInsn != nil {
		c.onInsn(pc, &s.in)
	}
	c.execute(s, pc)
}

// execute runs one decoded instruction at pc: IT handling, the execute function,
// fault handling and cycle accounting.
func (c *CPU) execute(s *slot, pc uint32) {
	c.pc = pc
	c.next = pc + uint32(s.in.Size)
	c.R[15] = pc + 4
	c.extra = 0
	it := c.IT
	if it != 0 {
		// A7.3.3: advance ITSTATE, then execute if the condition passes. An IT
		// inside an IT block (UNPREDICTABLE) that executes sets a new state; one
		// that does not is skipped like any other instruction, as QEMU does. BKPT is
		// unconditional even inside an IT block (A7.7.17).
		c.inIT = true
		c.IT = it.Advance()
		if c.ConditionPassed(uint8(it.Cond())) || s.in.Op == thumb.OpBKPT {
			s.fn(c, &s.in)
		}
	} else {
		c.inIT = false
		s.fn(c, &s.in)
	}
	if c.fault != nil {
		c.IT = it // the fault is taken with the IT state of the faulting instruction
		c.R[15] = pc
		c.raise()
		return
	}
	c.R[15] = c.next
	c.Cycles += uint64(s.cyc + c.extra)
	c.LSUCycles += uint64(s.lsu)
	c.Instret++
}

// raise handles a fault recorded by the current instruction (or its fetch). With an
// exception controller the fault is taken as an exception whose stacked return address
// is the faulting instruction (B1.5.6); without one it stops the run.
func (c *CPU) raise() {
	f := c.fault
	c.fault = nil
	f.PC = c.pc
	c.retPending = false
	c.unpriv = false
	if c.exc == nil {
		c.lastFault, c.hasFault = *f, true
		c.stop = &Stop{Reason: StopFault, PC: c.pc, Fault: f}
		return
	}
	if c.takeFault(f) {
		c.beginEntry(c.pc)
	}
}

// setFault records a fault for the current instruction; the instruction must return
// without further architectural effects.
func (c *CPU) setFault(kind FaultKind, addr uint32, cause error, in *thumb.Inst) {
	if c.fault == nil {
		c.fault = &Fault{Kind: kind, PC: c.pc, Addr: addr, Cause: cause}
		if in != nil {
			c.fault.Inst = *in
		}
	}
}

// LastFault returns the most recent fault (with the fault status registers after it
// when a controller is wired), or nil if none occurred since reset.
func (c *CPU) LastFault() *Fault {
	if !c.hasFault {
		return nil
	}
	f := c.lastFault
	return &f
}

// setInvState sets or clears the pending INVSTATE condition (EPSR.T clear).
func (c *CPU) setInvState(v bool) {
	c.invstate = v
	if v {
		c.attn = true
	}
}

// itFromXPSR extracts ITSTATE from an xPSR value (IT[1:0] in bits 26:25, IT[7:2] in
// bits 15:10; B1.4.2).
func itFromXPSR(psr uint32) thumb.ITState {
	return thumb.ITState(psr>>25&3 | psr>>10&0x3F<<2)
}

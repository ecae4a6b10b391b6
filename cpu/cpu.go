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
)

var stopNames = [...]string{"none", "halt", "breakpoint", "fault", "sleep", "limit", "unsupported"}

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
	FaultUndefInstr FaultKind = iota // UsageFault UNDEFINSTR
	FaultInvState                    // UsageFault INVSTATE
	FaultInvPC                       // UsageFault INVPC
	FaultUnaligned                   // UsageFault UNALIGNED
	FaultDivByZero                   // UsageFault DIVBYZERO
	FaultNoCP                        // UsageFault NOCP
	FaultPreciseBus                  // BusFault PRECISERR (data access)
	FaultInstrBus                    // BusFault IBUSERR (instruction fetch)
)

var faultNames = [...]string{"UsageFault UNDEFINSTR (undefined instruction)", "UsageFault INVSTATE (invalid state: Thumb bit clear)",
	"UsageFault INVPC (invalid EXC_RETURN)", "UsageFault UNALIGNED (unaligned access)", "UsageFault DIVBYZERO (divide by zero)",
	"UsageFault NOCP (coprocessor access)", "BusFault PRECISERR (data bus error)", "BusFault IBUSERR (instruction fetch error)"}

func (k FaultKind) String() string {
	if int(k) < len(faultNames) {
		return faultNames[k]
	}
	return "fault?"
}

// Fault describes a fault raised by an instruction.
type Fault struct {
	Kind  FaultKind
	PC    uint32 // address of the faulting instruction
	Addr  uint32 // faulting data address (BusFault, UNALIGNED), if any
	Inst  thumb.Inst
	Cause error // the bus error, if any
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
	case FaultPreciseBus, FaultUnaligned, FaultInstrBus:
		s += fmt.Sprintf(", address 0x%08x", f.Addr)
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
}

// Config configures a CPU.
type Config struct {
	Bus   *bus.Bus
	Hooks Hooks
	// Timing selects the cycle model; nil means the default Cortex-M4-derived table
	// (timing.go). Functional runs pass a zero-cost model.
	Timing *Timing
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

	Cycles  uint64 // cycles executed since reset
	Instret uint64 // instructions retired since reset

	// local exclusive monitor (A3.4.1)
	exclValid bool
	exclAddr  uint32

	bus    *bus.Bus
	hooks  Hooks
	timing *Timing

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
}

// New builds a CPU. Call Reset before running.
func New(cfg Config) *CPU {
	t := cfg.Timing
	if t == nil {
		t = DefaultTiming()
	}
	return &CPU{bus: cfg.Bus, hooks: cfg.Hooks, timing: t, caches: make(map[*bus.Region]*codeCache)}
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
	c.exclValid = false
	c.invstate = false
	c.Cycles, c.Instret = 0, 0
	c.fault, c.stop = nil, nil
	// A reset vector with bit 0 clear leaves EPSR.T clear: the first instruction
	// faults with INVSTATE (B1.5.5).
	c.invstate = pc&1 == 0
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
	v |= 1 << 24         // T bit
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

// Resume clears a StopSleep or StopLimit so the core runs again.
func (c *CPU) Resume() {
	if c.stop != nil && (c.stop.Reason == StopSleep || c.stop.Reason == StopLimit) {
		c.stop = nil
	}
}

// Run executes instructions until the cycle counter reaches limit or the core stops.
// It returns the stop (StopLimit when the budget ran out).
func (c *CPU) Run(limit uint64) *Stop {
	for c.stop == nil && c.Cycles < limit {
		// Fast path: the next instruction is already decoded in the cache of the
		// region the PC is in. Anything else (a miss, another region, a pending
		// INVSTATE) goes through step.
		pc := c.R[15]
		if s := c.cached(pc); s != nil && !c.invstate {
			c.execute(s, pc)
			continue
		}
		c.step()
	}
	if c.stop == nil {
		c.stop = &Stop{Reason: StopLimit, PC: c.R[15]}
	}
	return c.stop
}

// Step executes one instruction (or reports the stop that prevents it).
func (c *CPU) Step() *Stop {
	if c.stop == nil {
		c.step()
	}
	return c.stop
}

func (c *CPU) step() {
	pc := c.R[15]
	if c.invstate {
		c.pc = pc
		c.setFault(FaultInvState, pc, nil, nil)
		c.raise()
		return
	}
	s := c.fetch(pc)
	if s == nil {
		return // fetch fault recorded
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
	if it := c.IT; it != 0 {
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
		c.R[15] = pc
		c.raise()
		return
	}
	c.R[15] = c.next
	c.Cycles += uint64(s.cyc + c.extra)
	c.Instret++
}

// raise handles a fault recorded by an instruction. Until the exception model lands
// every fault stops the run.
func (c *CPU) raise() {
	c.fault.PC = c.pc
	c.stop = &Stop{Reason: StopFault, PC: c.pc, Fault: c.fault}
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

// LastFault returns the fault that stopped the core, if any.
func (c *CPU) LastFault() *Fault { return c.fault }

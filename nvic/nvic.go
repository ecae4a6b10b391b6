package nvic

import "m7emu/irq"

// Exception numbers (Arm DDI0403E B1.5.2 Table B1-4).
const (
	Reset        = 1
	NMI          = 2
	HardFault    = 3
	MemManage    = 4
	BusFault     = 5
	UsageFault   = 6
	SVCall       = 11
	DebugMonitor = 12
	PendSV       = 14
	SysTick      = 15
	FirstIRQ     = 16 // external interrupt n is exception FirstIRQ+n
	// MaxIRQ is the architectural limit on external interrupts (B3.4.1: up to 496).
	MaxIRQ = 496
)

// NoException is the priority ActivePriority and Pending report when nothing is active
// or pending: one more than the lowest configurable priority (B1.5.4 ExecutionPriority
// starts from 256).
const NoException = 256

// Config configures an NVIC. The callbacks are the NVIC's only links to the core; nil
// callbacks are skipped.
type Config struct {
	// NumIRQ is the number of external interrupt lines (STM32F769: 110, RM0410 Table 46
	// and the ST SVD, whose highest <interrupt> value is 109).
	NumIRQ int
	// PrioBits is the number of implemented priority bits, 3..8 (STM32F769: 4, SVD
	// <nvicPrioBits>). The low 8-PrioBits bits of every priority field read as zero.
	PrioBits int
	// VTOR is the reset value of VTOR: the address the vector table is read from
	// (the boot address). Bits 6:0 are ignored.
	VTOR uint32
	// CPUID is the CPUID register value; 0 selects the Cortex-M7 r1p0 value
	// 0x411F_C270 of the STM32F76x/77x.
	CPUID uint32

	// OnChange is called after any change that can affect which exception the core
	// should take or how it executes (pending, active, enable, priority, PRIGROUP, and
	// every register write, including CCR, SCR and CPACR). Wire it to
	// (*cpu.CPU).ExceptionsChanged.
	OnChange func()
	// OnEvent is called when an exception enters the pending state while SCR.SEVONPEND
	// is set: a WFE wake-up event that sets the event register (B1.5.18). Wire it to
	// (*cpu.CPU).SignalEvent.
	OnEvent func()
	// OnSysReset is called when AIRCR is written with the key and SYSRESETREQ set. It
	// runs inside the store instruction: the owner should stop the core and reset the
	// system between instructions (for example with (*cpu.CPU).RequestReset).
	OnSysReset func()
	// CurrentException returns IPSR (the exception the core is handling, 0 in Thread
	// mode) for ICSR.VECTACTIVE and ICSR.RETTOBASE.
	CurrentException func() int
}

// NVIC is the interrupt controller and the SCB register file.
type NVIC struct {
	cfg      Config
	num      int   // number of exception numbers: FirstIRQ + NumIRQ
	prioMask uint8 // implemented priority bits

	prio    []uint8 // raw priority of each configurable exception (index: exception number)
	enabled []bool
	pending []bool
	active  []bool
	level   []bool // level of each external interrupt line

	prigroup uint32
	monitor  bool // DebugMonitor enabled (DEMCR.MON_EN)

	vtor, scr, ccr, cpacr, actlr, csselr uint32
	cfsr, hfsr, mmfar, bfar              uint32
	fpccr, fpcar, fpdscr                 uint32
	m7impl                               [7]uint32 // ITCMCR … ABFSR (0xF90–0xFA8)

	// cache, valid while !dirty
	dirty    bool
	vectPend int // most urgent pending enabled exception, 0 if none
	pendPrio int // its group priority
	actPrio  int // group priority of the most urgent active exception
	nActive  int
}

// New returns an NVIC in its reset state. NumIRQ is clamped to 0..496 and PrioBits to
// 3..8 (B3.4.1, B1.5.4: at least 3 bits are implemented).
func New(cfg Config) *NVIC {
	if cfg.NumIRQ < 0 {
		cfg.NumIRQ = 0
	}
	if cfg.NumIRQ > MaxIRQ {
		cfg.NumIRQ = MaxIRQ
	}
	if cfg.PrioBits < 3 {
		cfg.PrioBits = 3
	}
	if cfg.PrioBits > 8 {
		cfg.PrioBits = 8
	}
	if cfg.CPUID == 0 {
		cfg.CPUID = CPUIDCortexM7r1p0
	}
	num := FirstIRQ + cfg.NumIRQ
	n := &NVIC{
		cfg:      cfg,
		num:      num,
		prioMask: uint8(0xFF << (8 - cfg.PrioBits)),
		prio:     make([]uint8, num),
		enabled:  make([]bool, num),
		pending:  make([]bool, num),
		active:   make([]bool, num),
		level:    make([]bool, num),
	}
	n.reset()
	return n
}

// Reset puts every register and all exception state in the reset state (B1.5.5,
// B3.2) and announces the change. Interrupt line levels are kept (they belong to the
// peripherals).
func (n *NVIC) Reset() {
	n.reset()
	n.changed()
}

func (n *NVIC) reset() {
	for i := range n.prio {
		n.prio[i], n.enabled[i], n.pending[i], n.active[i] = 0, false, false, false
	}
	// NMI, HardFault, SVCall, PendSV and SysTick cannot be disabled; MemManage,
	// BusFault and UsageFault follow SHCSR (0 at reset), DebugMonitor follows
	// DEMCR.MON_EN, external interrupts follow ISER.
	for _, e := range []int{NMI, HardFault, SVCall, PendSV, SysTick} {
		n.enabled[e] = true
	}
	n.enabled[DebugMonitor] = n.monitor
	n.prigroup = 0
	n.vtor = n.cfg.VTOR & vtorMask
	n.scr = 0
	n.ccr = ccrReset
	n.cpacr = 0
	n.actlr = 0
	n.csselr = 0
	n.cfsr, n.hfsr, n.mmfar, n.bfar = 0, 0, 0, 0
	n.fpccr, n.fpcar, n.fpdscr = fpccrReset, 0, 0
	n.m7impl = [7]uint32{}
	n.dirty = true
}

// NumIRQ returns the number of external interrupt lines.
func (n *NVIC) NumIRQ() int { return n.cfg.NumIRQ }

// Line returns the request line of external interrupt irqn (exception 16+irqn). An
// out-of-range number gives a line that does nothing.
func (n *NVIC) Line(irqn int) irq.Line {
	if irqn < 0 || irqn >= n.cfg.NumIRQ {
		return irq.Func(func(bool) {})
	}
	return line{n, FirstIRQ + irqn}
}

// SystemLine returns a line that makes a system exception (NMI, PendSV, SysTick …)
// pending on each rising level, for sources outside the NVIC such as SysTick.
func (n *NVIC) SystemLine(exc int) irq.Line {
	if exc < NMI || exc >= FirstIRQ {
		return irq.Func(func(bool) {})
	}
	return line{n, exc}
}

type line struct {
	n   *NVIC
	exc int
}

func (l line) Set(level bool) { l.n.setLevel(l.exc, level) }

// setLevel latches a rising level as pending (B3.4.1: the pending state is set when the
// interrupt is asserted).
func (n *NVIC) setLevel(exc int, level bool) {
	if level == n.level[exc] {
		return
	}
	n.level[exc] = level
	if level {
		n.pend(exc)
	}
}

// SetMonitorEnabled enables or disables the DebugMonitor exception (DEMCR.MON_EN,
// C1.6.5); it is disabled at reset and inert while disabled.
func (n *NVIC) SetMonitorEnabled(on bool) {
	n.monitor = on
	n.enabled[DebugMonitor] = on
	n.touch()
}

// pend makes exc pending, announcing a new pending state (SEVONPEND) and the change.
func (n *NVIC) pend(exc int) {
	if exc <= Reset || exc >= n.num || n.pending[exc] {
		return
	}
	n.pending[exc] = true
	if n.scr&SCRSEVONPEND != 0 && n.cfg.OnEvent != nil {
		n.cfg.OnEvent()
	}
	n.touch()
}

func (n *NVIC) unpend(exc int) {
	if exc <= Reset || exc >= n.num || !n.pending[exc] {
		return
	}
	n.pending[exc] = false
	n.touch()
}

// touch invalidates the cache and tells the core.
func (n *NVIC) touch() {
	n.dirty = true
	n.changed()
}

func (n *NVIC) changed() {
	if n.cfg.OnChange != nil {
		n.cfg.OnChange()
	}
}

// rawPriority is the priority of exc before grouping: -3, -2, -1 for Reset, NMI and
// HardFault (B1.5.4), the programmed value otherwise.
func (n *NVIC) rawPriority(exc int) int {
	switch exc {
	case Reset:
		return -3
	case NMI:
		return -2
	case HardFault:
		return -1
	}
	return int(n.prio[exc])
}

// group applies PRIGROUP to a priority: the subpriority bits [PRIGROUP:0] are dropped
// (B1.5.4 ExecutionPriority: priority - (priority MOD (2 << PRIGROUP))).
func (n *NVIC) group(p int) int {
	if p < 0 {
		return p
	}
	return p &^ (2<<n.prigroup - 1)
}

// update recomputes the cached most urgent pending exception and the active priority.
// Pending exceptions are ordered by raw priority (group, then subpriority) and then by
// exception number (B1.5.4).
func (n *NVIC) update() {
	if !n.dirty {
		return
	}
	n.dirty = false
	best, bestExc := NoException, 0
	act, count := NoException, 0
	for e := Reset; e < n.num; e++ {
		if n.pending[e] && n.enabled[e] {
			if p := n.rawPriority(e); p < best {
				best, bestExc = p, e
			}
		}
		if n.active[e] {
			count++
			if p := n.rawPriority(e); p < act {
				act = p
			}
		}
	}
	n.vectPend, n.pendPrio = bestExc, n.group(best)
	n.actPrio, n.nActive = n.group(act), count
}

// The methods below are the core's view (cpu.ExceptionController).

// Pending returns the most urgent pending exception that is enabled and its group
// priority; ok is false if none is pending. Masks (PRIMASK, BASEPRI, FAULTMASK) are the
// core's business.
func (n *NVIC) Pending() (exc, prio int, ok bool) {
	n.update()
	return n.vectPend, n.pendPrio, n.vectPend != 0
}

// ActivePriority returns the group priority of the most urgent active exception, or
// NoException (256) when none is active.
func (n *NVIC) ActivePriority() int {
	n.update()
	return n.actPrio
}

// ActiveCount returns the number of active exceptions.
func (n *NVIC) ActiveCount() int {
	n.update()
	return n.nActive
}

// Activate moves exc from pending to active (exception entry, B1.5.6).
func (n *NVIC) Activate(exc int) {
	if exc <= Reset || exc >= n.num {
		return
	}
	n.pending[exc] = false
	n.active[exc] = true
	n.touch()
}

// Deactivate clears the active state of exc (exception return, B1.5.8 DeActivate). An
// external interrupt whose line is still asserted becomes pending again.
func (n *NVIC) Deactivate(exc int) {
	if exc <= Reset || exc >= n.num {
		return
	}
	n.active[exc] = false
	n.touch()
	if exc >= FirstIRQ && n.level[exc] {
		n.pend(exc)
	}
}

// IsActive reports whether exc is active.
func (n *NVIC) IsActive(exc int) bool { return exc > 0 && exc < n.num && n.active[exc] }

// IsPending reports whether exc is pending.
func (n *NVIC) IsPending(exc int) bool { return exc > 0 && exc < n.num && n.pending[exc] }

// SetPending makes exc pending (SVC, faults, software and peripheral requests).
func (n *NVIC) SetPending(exc int) { n.pend(exc) }

// ClearPending removes the pending state of exc.
func (n *NVIC) ClearPending(exc int) { n.unpend(exc) }

// Enabled reports whether exc can be taken when pending: always for NMI, HardFault,
// SVCall, PendSV and SysTick; SHCSR for MemManage, BusFault and UsageFault; DEMCR.MON_EN
// for DebugMonitor; ISER for external interrupts.
func (n *NVIC) Enabled(exc int) bool { return exc > 0 && exc < n.num && n.enabled[exc] }

// Priority returns the group priority of exc (negative for Reset, NMI and HardFault).
func (n *NVIC) Priority(exc int) int {
	if exc <= 0 || exc >= n.num {
		return NoException
	}
	return n.group(n.rawPriority(exc))
}

// GroupPriority returns the group priority of a raw 8-bit priority value such as
// BASEPRI, after dropping unimplemented bits and applying PRIGROUP.
func (n *NVIC) GroupPriority(raw uint8) int { return n.group(int(raw & n.prioMask)) }

// PriorityMask returns the implemented bits of an 8-bit priority field (0xF0 with 4
// bits); BASEPRI implements the same bits (B1.4.3).
func (n *NVIC) PriorityMask() uint8 { return n.prioMask }

// VTOR returns the vector table base.
func (n *NVIC) VTOR() uint32 { return n.vtor }

// CCR returns the Configuration and Control Register.
func (n *NVIC) CCR() uint32 { return n.ccr }

// SCR returns the System Control Register.
func (n *NVIC) SCR() uint32 { return n.scr }

// CPACR returns the Coprocessor Access Control Register.
func (n *NVIC) CPACR() uint32 { return n.cpacr }

// RecordFault ORs status bits into CFSR (B3.2.15). If the bits include MMARVALID,
// addr is written to MMFAR; if they include BFARVALID, to BFAR (B3.2.17, B3.2.18).
func (n *NVIC) RecordFault(cfsrBits, addr uint32) {
	n.cfsr |= cfsrBits
	if cfsrBits&CFSRMMARVALID != 0 {
		n.mmfar = addr
	}
	if cfsrBits&CFSRBFARVALID != 0 {
		n.bfar = addr
	}
}

// RecordHardFault ORs status bits into HFSR (B3.2.16: VECTTBL, FORCED).
func (n *NVIC) RecordHardFault(hfsrBits uint32) { n.hfsr |= hfsrBits & hfsrMask }

// FaultStatus returns CFSR, HFSR, MMFAR and BFAR (for fault reports).
func (n *NVIC) FaultStatus() (cfsr, hfsr, mmfar, bfar uint32) {
	return n.cfsr, n.hfsr, n.mmfar, n.bfar
}

// FPCCR, FPCAR and FPDSCR return the floating-point context registers (B3.2.23 …
// B3.2.25) for the FP extension.
func (n *NVIC) FPCCR() uint32  { return n.fpccr }
func (n *NVIC) FPCAR() uint32  { return n.fpcar }
func (n *NVIC) FPDSCR() uint32 { return n.fpdscr }

// SetFPCCR and SetFPCAR let the core update the lazy-stacking state on exception entry.
func (n *NVIC) SetFPCCR(v uint32) { n.fpccr = v & fpccrMask }
func (n *NVIC) SetFPCAR(v uint32) { n.fpcar = v & fpcarMask }

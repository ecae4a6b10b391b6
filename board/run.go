package board

import (
	"fmt"

	"m7emu/cpu"
	"m7emu/cpu/thumb"
	"m7emu/semihost"
)

// Limits bound a run. Zero values mean no limit.
type Limits struct {
	MaxCycles uint64 // stop when the cycle counter reaches this
	TimeoutPs uint64 // stop when simulated time reaches this many picoseconds
}

// Outcome says how a run ended.
type Outcome uint8

// Outcomes.
const (
	Exited      Outcome = iota // semihosting SYS_EXIT / SYS_EXIT_EXTENDED
	Breakpoint                 // BKPT other than semihosting
	Faulted                    // a fault (the exception model is a later issue)
	Timeout                    // simulated-time limit
	CycleLimit                 // cycle limit
	Deadlock                   // asleep with nothing that could wake the core
	Unsupported                // an instruction needs a part not modelled yet
	Halted                     // stopped by a hook without exit status
	Requested                  // stopped by RequestStop (e.g. an expectation was met)
)

var outcomeNames = [...]string{"exited", "breakpoint", "fault", "timeout", "cycle-limit", "deadlock", "unsupported", "halted", "requested"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "outcome?"
}

// Result describes the end of a run.
type Result struct {
	Outcome Outcome
	Exit    *semihost.Exit // for Exited
	Stop    *cpu.Stop      // the core's stop record
	Msg     string         // human-readable summary
}

// Run executes until the firmware exits, stops, or a limit is reached. Between
// scheduled events the core runs freely; while it sleeps, time jumps to the next
// event without stepping.
func (b *Board) Run(l Limits) Result {
	c := b.CPU
	for {
		deadline := ^uint64(0)
		if l.MaxCycles > 0 {
			deadline = l.MaxCycles
		}
		if l.TimeoutPs > 0 {
			now := b.Clock.Picos(c.Cycles)
			if now >= l.TimeoutPs {
				return b.result(Timeout, fmt.Sprintf("timeout: simulated time reached %s", FormatPicos(now)))
			}
			if d := c.Cycles + b.Clock.CyclesFor(l.TimeoutPs-now); d < deadline {
				deadline = d
			}
		}
		if next, ok := b.Sched.Next(); ok && next < deadline {
			deadline = next
		}
		stop := b.runCore(deadline)
		b.Sched.Advance(c.Cycles)
		if b.stopMsg != "" {
			return b.result(Requested, b.stopMsg)
		}
		switch stop.Reason {
		case cpu.StopLimit:
			c.Resume()
			if l.MaxCycles > 0 && c.Cycles >= l.MaxCycles {
				return b.result(CycleLimit, fmt.Sprintf("cycle limit reached: %d cycles", c.Cycles))
			}
		case cpu.StopSleep:
			b.traceSleep(stop.Msg)
			// The core wakes only when it has a reason (cpu.CanWake); until then time
			// jumps from one scheduled event to the next without stepping.
			if !c.CanWake() {
				next, ok := b.Sched.Next()
				if !ok {
					return b.result(Deadlock, fmt.Sprintf("deadlock: the core is asleep (%s at PC 0x%08x) and nothing is scheduled that could wake it", stop.Msg, stop.PC))
				}
				if next > deadline {
					next = deadline
				}
				if b.cfg.NoSleepSkip && next > c.Cycles+1 {
					next = c.Cycles + 1 // tick through the sleep one cycle at a time
				}
				if next > c.Cycles {
					c.Idle(next - c.Cycles)
				}
				b.Sched.Advance(c.Cycles)
				if b.stopMsg != "" {
					return b.result(Requested, b.stopMsg)
				}
				if l.MaxCycles > 0 && c.Cycles >= l.MaxCycles {
					return b.result(CycleLimit, fmt.Sprintf("cycle limit reached: %d cycles", c.Cycles))
				}
				if !c.CanWake() {
					continue // still asleep: the loop re-checks the limits and skips again
				}
			}
			b.traceWake()
			c.Resume()
		case cpu.StopHalt:
			if b.hardFault {
				return b.result(Faulted, b.hardFaultMsg())
			}
			if b.exit != nil {
				return b.result(Exited, b.exit.String())
			}
			return b.result(Halted, stop.Msg)
		case cpu.StopBreakpoint:
			return b.result(Breakpoint, fmt.Sprintf("breakpoint (bkpt 0x%02x) at PC 0x%08x%s", stop.Imm, stop.PC, b.where(stop.PC)))
		case cpu.StopFault:
			return b.result(Faulted, stop.Fault.Error()+b.where(stop.PC))
		case cpu.StopLockup:
			msg := "lockup"
			if f := c.LastFault(); f != nil {
				msg = "lockup: " + f.Error() + b.where(f.PC)
			}
			return b.result(Faulted, msg)
		case cpu.StopReset:
			if err := b.systemReset(); err != nil {
				return b.result(Halted, "system reset failed: "+err.Error())
			}
		case cpu.StopUnsupported:
			return b.result(Unsupported, fmt.Sprintf("%s (at PC 0x%08x%s)", stop.Msg, stop.PC, b.where(stop.PC)))
		default:
			return b.result(Halted, stop.Msg)
		}
	}
}

// hardFaultMsg describes the fault that led to the caught HardFault entry.
func (b *Board) hardFaultMsg() string {
	if f := b.CPU.LastFault(); f != nil {
		return "HardFault: " + f.Error() + b.where(f.PC)
	}
	return "HardFault (pended by software)"
}

func (b *Board) result(o Outcome, msg string) Result {
	b.traceEnd(o, msg)
	b.stopMsg = ""
	return Result{Outcome: o, Exit: b.exit, Stop: b.CPU.Stopped(), Msg: msg}
}

// where returns " in <symbol+0xoff>" for an address, if the image has a symbol for it.
func (b *Board) where(addr uint32) string {
	if s := b.Symbolize(addr); s != "" {
		return " in " + s
	}
	return ""
}

// Symbolize returns "name+0xoff" (or "name") for an address, or "".
func (b *Board) Symbolize(addr uint32) string {
	if b.Image == nil || b.Image.Symbols == nil {
		return ""
	}
	s, off, ok := b.Image.Symbols.Lookup(addr)
	if !ok {
		return ""
	}
	if off == 0 {
		return s.Name
	}
	return fmt.Sprintf("%s+0x%x", s.Name, off)
}

// SimPicos returns the simulated time now, in picoseconds.
func (b *Board) SimPicos() uint64 { return b.Clock.Picos(b.CPU.Cycles) }

// FormatPicos renders a simulated time in seconds with nanosecond resolution.
func FormatPicos(ps uint64) string {
	ns := ps / 1000
	return fmt.Sprintf("%d.%09ds", ns/1_000_000_000, ns%1_000_000_000)
}

// disasmContext is the disassembly context for an instruction of the loaded image.
func (b *Board) disasmContext(pc uint32) thumb.Context {
	return thumb.Context{PC: pc, Syms: b.Symbolize}
}

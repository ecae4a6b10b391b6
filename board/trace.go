package board

import (
	"io"
	"strconv"
	"strings"

	"m7emu/bus"
	"m7emu/cpu"
	"m7emu/cpu/thumb"
	"m7emu/periph/rcc"
	"m7emu/trace"
)

// This file is the board's side of golden traces (package trace, docs/trace-format.md):
// every observable event is stamped with the CPU cycle counter and the simulated time
// and handed to Config.Trace, in the order it happens.

// byteStrings[c] is the one-byte string c (UART bytes without an allocation each).
var byteStrings = func() (t [256]string) {
	for i := range t {
		t[i] = string([]byte{byte(i)})
	}
	return
}()

// traceOn reports whether a trace sink is attached.
func (b *Board) traceOn() bool { return b.cfg.Trace != nil }

// emit stamps e with the current cycle and simulated time and sends it to the sink
// (through one scratch Event: sinks must not keep the pointer, and an instruction
// trace then costs no allocation per event).
func (b *Board) emit(e trace.Event) {
	if b.cfg.Trace == nil {
		return
	}
	e.Cycle = b.CPU.Cycles
	e.Picos = b.Clock.Picos(e.Cycle)
	b.ev = e
	b.cfg.Trace.Emit(&b.ev)
}

// resetCause names a system reset by its RCC_CSR flag (RM0410 §5.3.21).
func resetCause(flags uint32) string {
	switch {
	case flags&rcc.FlagIWDG != 0:
		return "iwdg"
	case flags&rcc.FlagWWDG != 0:
		return "wwdg"
	case flags&rcc.FlagLPWR != 0:
		return "low-power"
	case flags&rcc.FlagSFT != 0:
		return "software"
	}
	return "system"
}

// traceSleep records the core going to sleep (once per sleep: a run loop that comes
// back to a still-sleeping core does not repeat it).
func (b *Board) traceSleep(how string) {
	if b.asleep {
		return
	}
	b.asleep = true
	switch how {
	case "WFI":
		how = "wfi"
	case "WFE":
		how = "wfe"
	}
	b.emit(trace.Event{Kind: trace.Sleep, Src: how})
}

// traceWake records the end of a sleep.
func (b *Board) traceWake() {
	if !b.asleep {
		return
	}
	b.asleep = false
	b.emit(trace.Event{Kind: trace.Wake})
}

// traceEnd records how a run ended: the firmware's exit, a fault, or another stop.
func (b *Board) traceEnd(o Outcome, msg string) {
	if !b.traceOn() {
		return
	}
	b.traceWake()
	switch o {
	case Exited:
		if b.exit != nil {
			b.emit(trace.Event{Kind: trace.Exit, Num: int64(b.exit.Status)})
			return
		}
	case Faulted:
		b.emit(trace.Event{Kind: trace.Fault, Text: msg})
		return
	}
	b.emit(trace.Event{Kind: trace.Stop, Src: o.String(), Text: msg})
}

// traceInsn is RunTraced's callback for Detail.Instructions.
func (b *Board) traceInsn(pc uint32, in *thumb.Inst) {
	// objdump's layout with its tabs as single spaces: "add r1, pc, #4 @ (adr r1, 8000010)".
	b.emit(trace.Event{Kind: trace.Insn, Addr: pc, Text: strings.ReplaceAll(in.Format(b.disasmContext(pc)), "\t", " ")})
}

// runCore runs the core to deadline, instruction by instruction when the trace asks
// for them.
func (b *Board) runCore(deadline uint64) *cpu.Stop {
	if b.traceOn() && b.cfg.TraceDetail.Instructions {
		return b.CPU.RunTraced(deadline, b.traceInsn)
	}
	return b.CPU.Run(deadline)
}

// traceWriter is an io.Writer that copies what it is given to w and to the trace as
// events of one kind and source (semihosting output).
type traceWriter struct {
	b    *Board
	w    io.Writer
	kind trace.Kind
	src  string
}

func (t traceWriter) Write(p []byte) (int, error) {
	if len(p) > 0 {
		t.b.emit(trace.Event{Kind: t.kind, Src: t.src, Text: string(p)})
	}
	return t.w.Write(p)
}

// writeTracer wraps a peripheral so that every register write is recorded (Detail.Writes).
type writeTracer struct {
	bus.Device
	b    *Board
	name string
	base uint32
}

func (d *writeTracer) Write(off uint32, w bus.Width, v uint32) error {
	d.b.emit(trace.Event{Kind: trace.Write, Addr: d.base + off, Size: uint8(w), Value: v,
		Src: d.name + "+0x" + strconv.FormatUint(uint64(off), 16)})
	return d.Device.Write(off, w, v)
}

// traceWrites wraps every peripheral-space device (0x4000_0000–0xDFFF_FFFF: the SoC's
// peripherals and the external memory controllers, not the core's private bus) for
// Detail.Writes.
func (b *Board) traceWrites() {
	if !b.traceOn() || !b.cfg.TraceDetail.Writes {
		return
	}
	for _, r := range b.Bus.Regions() {
		if r.Kind == bus.KindDevice && r.Base >= 0x4000_0000 && r.Base < 0xE000_0000 {
			r.Dev = &writeTracer{Device: r.Dev, b: b, name: strings.ToUpper(r.Name), base: r.Base}
		}
	}
}

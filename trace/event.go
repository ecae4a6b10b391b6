// Package trace is m7emu's golden trace: a canonical, versioned, line-oriented text
// record of what the board did and when (docs/trace-format.md). The board emits
// Events to a Sink; Writer renders them; Parse reads a trace back and Diff finds the
// first divergence between two traces.
package trace

// Version is the trace format version written in the header line ("m7emu-trace 1").
// Bump it when the meaning or syntax of a line changes, so old goldens are recognised.
const Version = 1

// Kind is the type of an event.
type Kind uint8

// Event kinds. The comment gives the line's kind word and its arguments.
const (
	Reset     Kind = iota + 1 // "reset CAUSE": Src = power-on, software, iwdg, wwdg, lockup, ...
	ExcEntry                  // "exc-entry N NAME": Num = exception number, Text = name
	ExcReturn                 // "exc-return N NAME"
	Sleep                     // "sleep HOW": Src = wfi, wfe, sleep-on-exit
	Wake                      // "wake"
	GPIO                      // "gpio PIN LEVEL": Src = pin name "PJ13", Num = 0 or 1
	UART                      // "uart PORT TEXT": Src = "usart1"; Text = bytes (one or more; the writer assembles lines)
	Semihost                  // "semihost STREAM TEXT": Src = stdout or stderr; Text = bytes (assembled into lines)
	DMA                       // "dma STREAM": Src = "dma2.s7" (reserved for the DMA issue)
	Fault                     // "fault TEXT": Text = the fault in words
	Exit                      // "exit STATUS": Num = the firmware's exit status (semihosting)
	Stop                      // "stop OUTCOME TEXT": the run ended without an exit: Src = timeout, cycle-limit, breakpoint, deadlock, ...
	Insn                      // "insn ADDR TEXT": optional detail: Addr = PC, Text = disassembly
	Write                     // "write ADDR SIZE VALUE WHERE": optional detail: peripheral register write; Src = "USART1+0x28"
	Button                    // "button NAME 0|1": a host input pressed (1) or released (0) a board button; Src = "B1"
	UARTIn                    // "uart-in PORT TEXT": host bytes queued for a USART's receiver; Src = "usart1", Text = the bytes
)

// Event is one observable event, stamped with the CPU cycle count and the simulated
// time (picoseconds since power-on) at which it happened. Which fields are used
// depends on Kind (see the constants).
type Event struct {
	Cycle uint64
	Picos uint64
	Kind  Kind
	Src   string
	Num   int64
	Addr  uint32
	Size  uint8
	Value uint32
	Text  string
}

// Sink receives events in the order they happen. The Event is only valid during the
// call: the board reuses it.
type Sink interface {
	Emit(e *Event)
}

// Detail selects the optional, off-by-default event kinds.
type Detail struct {
	Instructions bool // Insn: every executed instruction with its disassembly
	Writes       bool // Write: every write to a peripheral register
}

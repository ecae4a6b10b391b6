package trace

import "strconv"

var kindWords = [...]string{
	Reset:     "reset",
	ExcEntry:  "exc-entry",
	ExcReturn: "exc-return",
	Sleep:     "sleep",
	Wake:      "wake",
	GPIO:      "gpio",
	UART:      "uart",
	Semihost:  "semihost",
	DMA:       "dma",
	Fault:     "fault",
	Exit:      "exit",
	Stop:      "stop",
	Insn:      "insn",
	Write:     "write",
	Button:    "button",
	UARTIn:    "uart-in",
}

// String returns the kind's word as written in a trace line ("exc-entry"), the
// word Record.Kind holds after Parse; "kind(N)" for an unknown kind.
func (k Kind) String() string {
	if int(k) < len(kindWords) && kindWords[k] != "" {
		return kindWords[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

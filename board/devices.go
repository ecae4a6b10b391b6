package board

import (
	"fmt"
	"io"
	"strings"

	"m7emu/periph/gpio"
	"m7emu/trace"
)

// LEDSpec is a user LED on the board, driven by a GPIO output.
type LEDSpec struct {
	Name  string // "LD1"
	Color string // "red"
	Port  int    // GPIO port index (A = 0)
	Pin   int
}

// ButtonSpec is a user push-button on the board, driving a GPIO input.
type ButtonSpec struct {
	Name       string // "B1"
	Port       int    // GPIO port index (A = 0)
	Pin        int
	ActiveHigh bool // pressed drives the pin high
}

// Board-level parts of the STM32F769I-DISCO (UM2033; stm32f769-embassy.md §11): LD1
// red on PJ13 and LD2 green on PJ5, both lit when the pin drives high; B1, the blue
// user button, on PA0, pressed = high, held low by the board's pull-down resistor when
// released. UM2033 lists further LEDs (power, ST-LINK COM, USB) that firmware cannot
// drive as user LEDs; they are not modelled.
var (
	discoLEDs = []LEDSpec{
		{Name: "LD1", Color: "red", Port: 9, Pin: 13},
		{Name: "LD2", Color: "green", Port: 9, Pin: 5},
	}
	discoButtons = []ButtonSpec{
		{Name: "B1", Port: 0, Pin: 0, ActiveHigh: true},
	}
)

// LEDs returns the machine's user LEDs (none for machines without a board model).
func (b *Board) LEDs() []LEDSpec {
	if b.Machine.Name == "stm32f769i-disco" && b.GPIO(9) != nil {
		return discoLEDs
	}
	return nil
}

// Buttons returns the machine's user buttons.
func (b *Board) Buttons() []ButtonSpec {
	if b.Machine.Name == "stm32f769i-disco" && b.GPIO(0) != nil {
		return discoButtons
	}
	return nil
}

// LED reports whether the named user LED ("LD1", "ld2", or its colour "red") is lit:
// its pin is a push-pull general-purpose output driving high. An open-drain output
// that is released, an input or an alternate-function pin leaves it dark (timer PWM
// on the LED pins is not modelled). Unknown names report false.
func (b *Board) LED(name string) bool {
	for _, l := range b.LEDs() {
		if strings.EqualFold(l.Name, name) || strings.EqualFold(l.Color, name) {
			p := b.GPIO(l.Port)
			level, mode := p.Output(l.Pin)
			return mode == gpio.ModeOutput && level && !p.OpenDrain(l.Pin)
		}
	}
	return false
}

// button finds a button by name (case-insensitive).
func (b *Board) button(name string) (ButtonSpec, bool) {
	for _, s := range b.Buttons() {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return ButtonSpec{}, false
}

// SetButton presses or releases the named button now (for interactive front ends;
// scripted presses use Config.Presses).
func (b *Board) SetButton(name string, pressed bool) error {
	s, ok := b.button(name)
	if !ok {
		return fmt.Errorf("board %s has no button %q%s", b.Machine.Name, name, b.buttonList())
	}
	b.hostButton(s, pressed)
	return nil
}

// hostButton is a press or release by the host (a scripted press, a front end): the
// trace records it, then the button drives its pin.
func (b *Board) hostButton(s ButtonSpec, pressed bool) {
	if b.traceOn() {
		b.emit(trace.Event{Kind: trace.Button, Src: s.Name, Num: levelNum(pressed)})
	}
	b.driveButton(s, pressed)
}

func (b *Board) driveButton(s ButtonSpec, pressed bool) {
	b.GPIO(s.Port).SetInput(s.Pin, pressed == s.ActiveHigh, true)
}

func (b *Board) buttonList() string {
	var names []string
	for _, s := range b.Buttons() {
		names = append(names, s.Name)
	}
	if len(names) == 0 {
		return ""
	}
	return " (buttons: " + strings.Join(names, ", ") + ")"
}

// buildDevices attaches the board-level devices after the SoC is built: the buttons
// are released (driven to their idle level), Config.GPIOLog gets its pin watchers, and
// Config.Presses and Config.UARTInputs are checked and scheduled (see inputs.go).
func (b *Board) buildDevices() error {
	for _, s := range b.Buttons() {
		b.driveButton(s, false)
	}
	return b.buildInputs()
}

// pinOutput is every GPIO port's OnOutput: a pin entering general-purpose output mode,
// or its output bit changing while it is one. With Config.GPIOLog it writes one line
// "gpio 0.500000000 PJ13 1" (simulated seconds, 9 decimals, at the cycle of the write).
func (b *Board) pinOutput(p *gpio.Port, pin int, level bool) {
	if b.traceOn() {
		b.emit(trace.Event{Kind: trace.GPIO, Src: p.PinName(pin), Num: levelNum(level)})
	}
	if b.cfg.GPIOLog != nil {
		writePinLine(b.cfg.GPIOLog, b.SimPicos(), p.PinName(pin), level)
	}
}

// writePinLine writes "gpio S.NNNNNNNNN NAME L".
func writePinLine(w io.Writer, ps uint64, name string, level bool) {
	ns := ps / 1000
	l := 0
	if level {
		l = 1
	}
	fmt.Fprintf(w, "gpio %d.%09d %s %d\n", ns/1_000_000_000, ns%1_000_000_000, name, l)
}

// levelNum is a pin or button level as a trace event's number: 1 high/pressed, 0 not.
func levelNum(on bool) int64 {
	if on {
		return 1
	}
	return 0
}

// pinAF is a pin with one of its alternate functions (DS11532 Table 13).
type pinAF struct {
	Port, Pin, AF int
}

func (p pinAF) String() string {
	return fmt.Sprintf("P%c%d (AF%d)", 'A'+p.Port, p.Pin, p.AF)
}

// The STM32F769I-DISCO wires the ST-LINK virtual COM port to USART1 on PA9 (TX) and
// PA10 (RX), AF7 (UM2033 §6.10). USART1_TX can also be PB6 (AF7) or PB14 (AF4), and
// USART1_RX PB7 (AF7) or PB15 (AF4) (DS11532 Table 13): firmware that uses those still
// reaches the console here, with one warning, although on the board its bytes would
// not reach the ST-LINK.
var (
	usart1TXAt = []pinAF{{0, 9, 7}, {1, 6, 7}, {1, 14, 4}}
	vcpTX      = usart1TXAt[0]
)

// checkConsolePins is called when the console USART sends its first byte: it warns
// once when USART1's TX is not on the board's VCP pin.
func (b *Board) checkConsolePins() {
	if b.consolePinsChecked || b.Machine.Name != "stm32f769i-disco" || !strings.EqualFold(b.consoleName(), "usart1") {
		return
	}
	b.consolePinsChecked = true
	routed := func(p pinAF) bool {
		port := b.GPIO(p.Port)
		if port == nil {
			return false
		}
		_, mode := port.Output(p.Pin)
		return mode == gpio.ModeAlt && port.AltFunc(p.Pin) == p.AF
	}
	if routed(vcpTX) {
		return
	}
	for _, p := range usart1TXAt[1:] {
		if routed(p) {
			b.cfg.Warn(fmt.Sprintf("USART1_TX is on %s, not on %s where the board wires the ST-LINK virtual COM port (UM2033); m7emu still shows USART1's output as the console", p, vcpTX))
			return
		}
	}
	b.cfg.Warn(fmt.Sprintf("USART1 transmits but no pin is set to USART1_TX (the board's virtual COM port is %s); m7emu still shows its output as the console", vcpTX))
}

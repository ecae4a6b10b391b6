package board

import (
	"fmt"
	"io"
	"strings"

	"m7emu/periph/gpio"
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
	b.driveButton(s, pressed)
	return nil
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

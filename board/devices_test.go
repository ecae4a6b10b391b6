package board

import (
	"bytes"
	"testing"
)

// GPIO registers (RM0410 §6.4: GPIOJ at 0x4002_2400, §2.2.2; MODER 0x00, ODR 0x14, BSRR
// 0x18, OTYPER 0x04) and RCC_AHB1ENR (§5.3.10, GPIOJEN = bit 9).
const (
	gpioJ      = 0x4002_2400
	gpioMODER  = 0x00
	gpioOTYPER = 0x04
	gpioODR    = 0x14
	gpioBSRR   = 0x18
	rccAHB1ENR = 0x4002_3830
)

// Register writes to PJ13 at known cycles give one gpio-log line per output change,
// stamped with the simulated time of the write's cycle: at the 16 MHz reset clock
// (HSI, RM0410 §5.2) a cycle is 62.5 ns, so cycle 8 000 000 is 0.5 s and cycle
// 16 000 001 is 1.0000000625 s, shown truncated to the nanosecond. Entering output
// mode reports the ODR bit; writes that change nothing, and ODR changes on a pin in
// input mode (PJ5), write nothing. LD1 (PJ13, UM2033) follows the pin.
func TestGPIOLogAndLEDs(t *testing.T) {
	var log bytes.Buffer
	b := newF769(t, Config{GPIOLog: &log})
	loadSleeper(t, b)
	wr(t, b, rccAHB1ENR, 1<<9)
	b.CPU.Cycles = 8_000_000
	wr(t, b, gpioJ+gpioMODER, 1<<26) // PJ13 general-purpose output, ODR 0
	if b.LED("LD1") {
		t.Error("LD1 lit with PJ13 low")
	}
	b.CPU.Cycles = 16_000_000
	wr(t, b, gpioJ+gpioBSRR, 1<<13) // set PJ13
	if !b.LED("LD1") || !b.LED("red") || b.LED("LD2") {
		t.Errorf("LEDs: LD1 %v LD2 %v, want LD1 only", b.LED("LD1"), b.LED("LD2"))
	}
	wr(t, b, gpioJ+gpioBSRR, 1<<13) // no change
	wr(t, b, gpioJ+gpioODR, 1<<13|1<<5)
	b.CPU.Cycles = 16_000_001
	wr(t, b, gpioJ+gpioBSRR, 1<<(13+16)) // reset PJ13
	b.CPU.Cycles = 24_000_000
	modify(t, b, gpioJ+gpioMODER, 0, 1<<10) // PJ5 output with ODR 1: LD2 lit
	if !b.LED("LD2") || b.LED("LD1") {
		t.Errorf("LEDs: LD1 %v LD2 %v, want LD2 only", b.LED("LD1"), b.LED("LD2"))
	}
	wr(t, b, gpioJ+gpioOTYPER, 1<<5) // open drain, released: dark
	if b.LED("LD2") {
		t.Error("LD2 lit by a released open-drain output")
	}
	want := "gpio 0.500000000 PJ13 0\n" +
		"gpio 1.000000000 PJ13 1\n" +
		"gpio 1.000000062 PJ13 0\n" +
		"gpio 1.500000000 PJ5 1\n"
	if log.String() != want {
		t.Errorf("gpio log:\n%s\nwant:\n%s", log.String(), want)
	}
	// A board reset returns the pins to input mode without a line.
	log.Reset()
	loadSleeper(t, b)
	wr(t, b, gpioJ+gpioMODER, 1<<26)
	if log.String() != "gpio 0.000000000 PJ13 0\n" {
		t.Errorf("after reset: %q", log.String())
	}
}

// Without a board model (mps2-an500) there are no LEDs or buttons; unknown names fail.
func TestDevicesByMachine(t *testing.T) {
	b := newF769(t, Config{})
	if len(b.LEDs()) != 2 || len(b.Buttons()) != 1 {
		t.Errorf("DISCO: %d LEDs, %d buttons", len(b.LEDs()), len(b.Buttons()))
	}
	if err := b.SetButton("B2", true); err == nil {
		t.Error("unknown button accepted")
	}
	if err := b.SetButton("b1", true); err != nil || !b.GPIO(0).Input(0) {
		t.Errorf("B1 press: %v, PA0 = %v", err, b.GPIO(0).Input(0))
	}
	m := newF769(t, Config{Machine: "mps2-an500"})
	if m.LEDs() != nil || m.Buttons() != nil || m.LED("LD1") {
		t.Error("mps2-an500 has board devices")
	}
	if _, err := New(Config{Machine: "mps2-an500", Presses: []Press{{Button: "B1"}}}); err == nil {
		t.Error("press on a machine without buttons accepted")
	}
	if _, err := New(Config{Presses: []Press{{Button: "B7"}}}); err == nil {
		t.Error("press of an unknown button accepted")
	}
}

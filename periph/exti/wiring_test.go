package exti_test

import (
	"testing"

	"m7emu/irq"
	"m7emu/periph/exti"
	"m7emu/periph/gpio"
	"m7emu/periph/syscfg"
)

// chip wires GPIO ports A, C and J through SYSCFG to EXTI the way the board is
// expected to: every IDR change of a pin reaches EXTI when EXTICR routes it.
type chip struct {
	ports map[string]*gpio.Port
	sys   *syscfg.SYSCFG
	ext   *exti.EXTI
	irqs  [exti.NumOutputs]*irq.Recorder
}

func newChip() *chip {
	c := &chip{ports: map[string]*gpio.Port{}}
	var cfg exti.Config
	for i := range c.irqs {
		c.irqs[i] = &irq.Recorder{}
		cfg.IRQ[i] = c.irqs[i]
	}
	c.ext = exti.New(cfg)
	c.sys = syscfg.New(syscfg.Config{})
	for _, name := range []string{"GPIOA", "GPIOC", "GPIOJ"} {
		var p *gpio.Port
		p = gpio.New(gpio.Config{Name: name, OnInput: func(pin int, level bool) {
			if line, ok := c.sys.Line(p.Index(), pin); ok {
				c.ext.Input(line, level)
			}
		}})
		c.ports[name] = p
	}
	return c
}

// TestEmbassyExtiOnPA0: stm32f769-embassy.md §6 with B1 on PA0 (§11): the pin is an
// input (MODER 00), EXTICR1.EXTI0 = 0 (port A), RTSR0 = 1, PR = 1, IMR0 = 1. A press
// (PA0 driven high) raises EXTI0 (IRQ 6); the ISR's IMR/PR writes lower it. A press on
// PC0, not routed, does nothing; rerouting line 0 to port C makes it count.
func TestEmbassyExtiOnPA0(t *testing.T) {
	c := newChip()
	pa, pc := c.ports["GPIOA"], c.ports["GPIOC"]
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Input::new on PA0: PUPDR0 = 00, MODER0 = 00 (reset values already).
	v, _ := pa.Read(0x00, 4)
	must(pa.Write(0x00, 4, v&^3))
	// wait_for_rising_edge, in its critical section.
	must(c.sys.Write(0x08, 4, 0)) // EXTICR1.EXTI0 = port A
	must(c.ext.Write(0x08, 4, 1)) // RTSR
	must(c.ext.Write(0x0C, 4, 0)) // FTSR
	must(c.ext.Write(0x14, 4, 1)) // PR = 1 << 0
	must(c.ext.Write(0x00, 4, 1)) // IMR
	pc.SetInput(0, true, true)    // PC0 edge: line 0 belongs to port A
	if c.ext.Pending() != 0 || len(c.irqs[exti.OutEXTI0].Levels) != 0 {
		t.Fatal("PC0 edge reached line 0 while EXTICR selects port A")
	}
	pa.SetInput(0, true, true) // B1 pressed
	if c.ext.Pending() != 1 || !c.ext.Output(exti.OutEXTI0) {
		t.Fatalf("press: PR 0x%x, EXTI0 %v", c.ext.Pending(), c.ext.Output(exti.OutEXTI0))
	}
	if exti.OutputIRQ[exti.OutEXTI0] != 6 {
		t.Errorf("EXTI0 is IRQ %d, want 6", exti.OutputIRQ[exti.OutEXTI0])
	}
	// ISR: bits = PR & 0xFFFF; IMR &= !bits; PR = bits.
	pr, _ := c.ext.Read(0x14, 4)
	imr, _ := c.ext.Read(0x00, 4)
	must(c.ext.Write(0x00, 4, imr&^(pr&0xFFFF)))
	must(c.ext.Write(0x14, 4, pr&0xFFFF))
	if c.ext.Output(exti.OutEXTI0) || c.ext.Pending() != 0 {
		t.Fatal("ISR did not release EXTI0")
	}
	pa.SetInput(0, false, true) // release
	// Reroute line 0 to port C (EXTICR1.EXTI0 = 2) and wait again.
	must(c.sys.Write(0x08, 4, 2))
	must(c.ext.Write(0x14, 4, 1))
	must(c.ext.Write(0x00, 4, 1))
	pc.SetInput(0, false, true)
	pc.SetInput(0, true, true)
	if c.ext.Pending() != 1 {
		t.Errorf("PC0 edge after reroute: PR 0x%x", c.ext.Pending())
	}
	got := c.irqs[exti.OutEXTI0].Levels
	if len(got) != 3 || !got[0] || got[1] || !got[2] {
		t.Errorf("EXTI0 levels %v, want [true false true]", got)
	}
}

// TestPullUpButtonFalling: a pull-up input whose pin is pulled low externally gives a
// falling edge; with FTSR on line 13 and EXTICR4.EXTI13 = J, EXTI15_10 rises.
func TestPullUpButtonFalling(t *testing.T) {
	c := newChip()
	pj := c.ports["GPIOJ"]
	_ = pj.Write(0x0C, 4, 1<<26)   // PUPDR13 = pull-up: IDR13 = 1 (not routed yet)
	_ = c.sys.Write(0x14, 4, 9<<4) // EXTICR4.EXTI13 = PJ
	c.ext.Input(13, pj.Input(13))  // the board syncs the line level on reroute
	_ = c.ext.Write(0x0C, 4, 1<<13)
	_ = c.ext.Write(0x00, 4, 1<<13)
	pj.SetInput(13, false, true)
	if c.ext.Pending() != 1<<13 || !c.ext.Output(exti.OutEXTI15_10) {
		t.Errorf("PR 0x%x, EXTI15_10 %v", c.ext.Pending(), c.ext.Output(exti.OutEXTI15_10))
	}
}

package board

import (
	"fmt"

	"m7emu/bus"
	"m7emu/periph/rcc"
)

// Gate is a peripheral's clock-enable bit in RCC: bit Bit of the xxxENR register of
// bus Bus (rcc.AHB1 … rcc.APB2, RM0410 §5.3.10–§5.3.14). The matching xxxRSTR bit
// (§5.3.5–§5.3.9) has the same position on the STM32F7.
type Gate struct {
	Bus  int
	Bit  int
	Name string // the bit's name in RM0410, e.g. "USART1EN"
}

// busNames are the RCC bus indexes' names, for messages.
var busNames = [...]string{rcc.AHB1: "AHB1", rcc.AHB2: "AHB2", rcc.AHB3: "AHB3", rcc.APB1: "APB1", rcc.APB2: "APB2"}

// f769Gates are the clock-enable bits of the modelled peripherals (RM0410 §5.3.10
// AHB1ENR, §5.3.11 AHB2ENR, §5.3.13 APB1ENR, §5.3.14 APB2ENR). RCC, FLASH, EXTI,
// DBGMCU and the IWDG have none; the RTC's register interface is left ungated (its
// clock is RCC_BDCR.RTCEN's business, §5.3.20).
var f769Gates = map[string]Gate{
	"CRC": {rcc.AHB1, 12, "CRCEN"},
	"RNG": {rcc.AHB2, 6, "RNGEN"},

	"TIM2": {rcc.APB1, 0, "TIM2EN"}, "TIM3": {rcc.APB1, 1, "TIM3EN"}, "TIM4": {rcc.APB1, 2, "TIM4EN"},
	"TIM5": {rcc.APB1, 3, "TIM5EN"}, "TIM6": {rcc.APB1, 4, "TIM6EN"}, "TIM7": {rcc.APB1, 5, "TIM7EN"},
	"TIM12": {rcc.APB1, 6, "TIM12EN"}, "TIM13": {rcc.APB1, 7, "TIM13EN"}, "TIM14": {rcc.APB1, 8, "TIM14EN"},
	"WWDG":   {rcc.APB1, 11, "WWDGEN"},
	"USART2": {rcc.APB1, 17, "USART2EN"}, "USART3": {rcc.APB1, 18, "USART3EN"},
	"UART4": {rcc.APB1, 19, "UART4EN"}, "UART5": {rcc.APB1, 20, "UART5EN"},
	"PWR":   {rcc.APB1, 28, "PWREN"},
	"UART7": {rcc.APB1, 30, "UART7EN"}, "UART8": {rcc.APB1, 31, "UART8EN"},

	"TIM1": {rcc.APB2, 0, "TIM1EN"}, "TIM8": {rcc.APB2, 1, "TIM8EN"},
	"USART1": {rcc.APB2, 4, "USART1EN"}, "USART6": {rcc.APB2, 5, "USART6EN"},
	"SYSCFG": {rcc.APB2, 14, "SYSCFGEN"},
	"TIM9":   {rcc.APB2, 16, "TIM9EN"}, "TIM10": {rcc.APB2, 17, "TIM10EN"}, "TIM11": {rcc.APB2, 18, "TIM11EN"},
}

func init() {
	for n := 0; n < 11; n++ { // GPIOAEN … GPIOKEN: AHB1ENR bits 0–10
		name := "GPIO" + string(rune('A'+n))
		f769Gates[name] = Gate{rcc.AHB1, n, name + "EN"}
	}
}

// clockOn reports whether a gate's clock is enabled (true without an RCC).
func (b *Board) clockOn(g *Gate) bool {
	return g == nil || b.RCC == nil || b.RCC.Enabled(g.Bus, g.Bit)
}

// gated is a peripheral behind its RCC clock gate. With the clock off the register
// interface does not respond (RM0410 §5.3.10–§5.3.14: the clock must be enabled
// before the peripheral's registers are used): reads return 0 and writes are
// ignored, with one warning per peripheral. While its xxxRSTR bit holds it in reset,
// writes are ignored too.
type gated struct {
	bus.Device
	b      *Board
	name   string
	base   uint32
	gate   Gate
	warned bool
}

func (g *gated) usable(write bool) bool {
	r := g.b.RCC
	on := r.Enabled(g.gate.Bus, g.gate.Bit)
	if on && !(write && r.InReset(g.gate.Bus, g.gate.Bit)) {
		return true
	}
	if !g.warned {
		g.warned = true
		reg := busNames[g.gate.Bus] + "ENR"
		what := fmt.Sprintf("its clock is off (RCC_%s.%s = 0)", reg, g.gate.Name)
		if on {
			what = fmt.Sprintf("it is held in reset (RCC_%sRSTR.%sRST = 1)", busNames[g.gate.Bus], g.gate.Name[:len(g.gate.Name)-2])
		}
		g.b.cfg.Warn(fmt.Sprintf("%s (0x%08x) accessed while %s: reads return 0 and writes are ignored, as on silicon", g.name, g.base, what))
	}
	return false
}

func (g *gated) Read(off uint32, w bus.Width) (uint32, error) {
	if !g.b.RCC.Enabled(g.gate.Bus, g.gate.Bit) {
		g.usable(false)
		return 0, nil
	}
	return g.Device.Read(off, w)
}

func (g *gated) Write(off uint32, w bus.Width, v uint32) error {
	if !g.usable(true) {
		return nil
	}
	return g.Device.Write(off, w, v)
}

// peripheralReset is RCC's OnPeripheralReset: setting an xxxRSTR bit resets the
// peripherals behind that bit (RM0410 §5.3.5–§5.3.9).
func (b *Board) peripheralReset(busIdx, bit int) {
	for _, p := range b.periphs {
		if p.gate == nil || p.gate.Bus != busIdx || p.gate.Bit != bit {
			continue
		}
		if r, ok := p.dev.(interface{ Reset() }); ok {
			r.Reset()
		}
	}
}

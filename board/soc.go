package board

import (
	"fmt"
	"io"
	"strings"

	"m7emu/bus"
	"m7emu/irq"
	"m7emu/periph/exti"
	"m7emu/periph/gpio"
	"m7emu/periph/pwr"
	"m7emu/periph/rcc"
	"m7emu/periph/syscfg"
	"m7emu/periph/tim"
	"m7emu/periph/usart"
	"m7emu/trace"
)

// SoCPeriph is one row of a SoC's peripheral table, in the spirit of a Renode platform
// file: which model sits where, which NVIC inputs it drives and which clock domain its
// register interface belongs to. The board builds each row with narrow dependencies
// (its IRQ lines, the scheduler, its clock functions); no model sees the board.
type SoCPeriph struct {
	Name  string // "RCC", "GPIOA", "USART1", "TIM12", ...
	Model string // which package models it: "rcc", "pwr", "gpio", "syscfg", "exti", "usart", "tim"
	Base  uint32
	Size  uint32
	IRQs  []int  // NVIC interrupt numbers the peripheral drives (shared vectors repeat)
	Clock string // clock domain of the register interface: "AHB1", "APB1", "APB2"
	// Enable is the RCC clock-enable bit that gates the peripheral (gate.go); nil:
	// always clocked.
	Enable *Gate
}

// f769SoC is the STM32F769's peripheral table. Bases: RM0410 §2.2.2 memory map and ST
// stm32f769xx.h (each package's Base constant or Instances table, checked against
// the ST SVD by the packages' tests); IRQ numbers: RM0410 §10.2 Table 46.
func f769SoC() []SoCPeriph {
	t := []SoCPeriph{
		{Name: "RCC", Model: "rcc", Base: rcc.Base, Size: rcc.Size, IRQs: []int{5}, Clock: "AHB1"},
		{Name: "PWR", Model: "pwr", Base: pwr.Base, Size: pwr.Size, Clock: "APB1"},
	}
	for n := 0; n < gpio.NumPorts; n++ { // GPIOA … GPIOK
		t = append(t, SoCPeriph{Name: "GPIO" + string(rune('A'+n)), Model: "gpio",
			Base: gpio.BaseA + uint32(n)*gpio.Stride, Size: gpio.Size, Clock: "AHB1"})
	}
	t = append(t,
		SoCPeriph{Name: "SYSCFG", Model: "syscfg", Base: syscfg.Base, Size: syscfg.Size, Clock: "APB2"},
		// EXTI's outputs in exti.Out* order: EXTI0–4, EXTI9_5, EXTI15_10, PVD, ...
		SoCPeriph{Name: "EXTI", Model: "exti", Base: exti.Base, Size: exti.Size, IRQs: exti.OutputIRQ[:], Clock: "APB2"},
	)
	for _, u := range usart.Instances { // USART1–3, UART4/5, USART6, UART7/8
		t = append(t, SoCPeriph{Name: u.Name, Model: "usart", Base: u.Base, Size: usart.Size,
			IRQs: []int{u.IRQ}, Clock: fmt.Sprintf("APB%d", u.APB)})
	}
	for _, x := range tim.Instances { // TIM1–TIM14
		// IRQs per source: update, capture/compare, trigger/commutation, break
		// (tim.NoIRQ: none); shared vectors such as TIM1_BRK_TIM9 appear under both.
		t = append(t, SoCPeriph{Name: x.Name, Model: "tim", Base: x.Base, Size: tim.Size,
			IRQs: []int{x.IRQ.Update, x.IRQ.CC, x.IRQ.TrgCom, x.IRQ.Break}, Clock: x.Bus})
	}
	t = append(t, dbgCRCRNGRows()...) // CRC, RNG, DBGMCU: soc_dbgcrcrng.go
	t = append(t, watchdogRows()...)  // RTC, WWDG, IWDG (watchdog.go)
	for i := range t {
		if g, ok := f769Gates[t[i].Name]; ok {
			t[i].Enable = &g
		}
	}
	return t
}

// buildSoC builds and maps the peripherals of the machine's SoC table.
func (b *Board) buildSoC() error {
	if b.Machine.SoC == nil {
		return nil
	}
	for _, p := range b.Machine.SoC() {
		dev, err := b.newPeriph(p)
		if err != nil {
			return err
		}
		mapped := dev
		if p.Enable != nil && b.RCC != nil {
			mapped = &gated{Device: dev, b: b, name: p.Name, base: p.Base, gate: *p.Enable}
		}
		if err := b.Bus.Map(&bus.Region{Name: p.Name, Base: p.Base, Size: p.Size, Kind: bus.KindDevice, Dev: mapped}); err != nil {
			return err
		}
		b.periphs = append(b.periphs, socDev{name: p.Name, dev: dev, gate: p.Enable})
		switch dev.(type) {
		case *rcc.RCC: // reset separately: power-on and system resets differ
		default:
			if r, ok := dev.(interface{ Reset() }); ok {
				b.resetters = append(b.resetters, r)
			}
		}
		if c, ok := dev.(interface{ ClockChanged() }); ok {
			b.clocked = append(b.clocked, c)
		}
	}
	if b.console == nil {
		return fmt.Errorf("board %s: console %q is not a USART of this machine", b.Machine.Name, b.consoleName())
	}
	return b.mapUnmodelled() // unmodelled.go: plain registers for the rest of the SVD, after the modelled peripherals
}

// socDev is a built peripheral, by name.
type socDev struct {
	name string
	dev  bus.Device
	gate *Gate // RCC clock gate (nil: none)
}

// newPeriph builds one row of the SoC table.
func (b *Board) newPeriph(p SoCPeriph) (bus.Device, error) {
	if b.RCC == nil && (p.Model == "usart" || p.Model == "tim") {
		return nil, fmt.Errorf("board %s: %s needs the RCC row before it", b.Machine.Name, p.Name)
	}
	if dev, ok := b.newDbgCRCRNG(p); ok { // models dbgmcu, crc, rng: soc_dbgcrcrng.go
		return dev, nil
	}
	switch p.Model {
	case "rtc", "iwdg", "wwdg": // watchdog.go
		return b.newWatchdog(p)
	case "rcc":
		var line irq.Line
		if len(p.IRQs) > 0 {
			line = b.NVIC.Line(p.IRQs[0])
		}
		b.RCC = rcc.New(rcc.Config{
			BackupWritable: func() bool { return b.PWR == nil || b.PWR.BackupWritable() },
			IRQ:            line,
			OnClockChange:  b.clockChanged,
			// A clock switched on or off starts or freezes the peripherals behind it.
			OnEnableChange:    b.clockChanged,
			OnPeripheralReset: b.peripheralReset,
			// BDRST clears the backup domain: the RTC and its backup registers.
			OnBackupDomainReset: func() {
				if b.RTC != nil {
					b.RTC.BackupDomainReset()
				}
			},
		})
		return b.RCC, nil
	case "pwr":
		b.PWR = pwr.New(pwr.Config{PLLReady: func() bool { return b.RCC != nil && b.RCC.PLLReady() }})
		return b.PWR, nil
	case "gpio":
		var port *gpio.Port
		port = gpio.New(gpio.Config{Name: p.Name,
			OnInput:  func(pin int, level bool) { b.pinInput(port.Index(), pin, level) },
			OnOutput: func(pin int, level bool) { b.pinOutput(port, pin, level) }})
		if n := port.Index(); n >= 0 && n < len(b.gpio) {
			b.gpio[n] = port
		}
		return port, nil
	case "syscfg":
		b.SYSCFG = syscfg.New(syscfg.Config{OnRouteChange: func(line, port int) {
			if b.EXTI != nil && b.GPIO(port) != nil {
				b.EXTI.Input(line, b.GPIO(port).Input(line))
			}
		}})
		return b.SYSCFG, nil
	case "exti":
		var lines [exti.NumOutputs]irq.Line
		for i := range lines {
			if i < len(p.IRQs) {
				lines[i] = b.NVIC.Line(p.IRQs[i])
			}
		}
		b.EXTI = exti.New(exti.Config{IRQ: lines, OnEvent: func(int) { b.CPU.SignalEvent() }})
		b.syncEXTI()
		return b.EXTI, nil
	case "usart":
		for i, in := range usart.Instances {
			if in.Name != p.Name {
				continue
			}
			n := i + 1 // kernel clock mux index (RCC_DCKCFGR2 order)
			gate := p.Enable
			cfg := usart.Config{Name: p.Name, Sched: b.Sched, Now: b.now,
				Clock: func() uint64 {
					if !b.clockOn(gate) {
						return 0 // the peripheral clock is off: nothing moves
					}
					return b.RCC.USARTClock(n)
				}, CPUHz: b.RCC.HCLK}
			if len(p.IRQs) > 0 {
				cfg.IRQ = b.NVIC.Line(p.IRQs[0])
			}
			console := strings.EqualFold(p.Name, b.consoleName())
			var out io.Writer
			if console {
				out = b.cfg.Stdout
			}
			src := strings.ToLower(p.Name)
			if out != nil || b.traceOn() {
				cfg.OnTx = func(c byte) {
					if console {
						b.checkConsolePins()
					}
					if b.traceOn() {
						b.emit(trace.Event{Kind: trace.UART, Src: src, Text: byteStrings[c]})
					}
					if out != nil {
						out.Write([]byte{c})
					}
				}
			}
			u := usart.New(cfg)
			if console {
				b.console = u
			}
			return u, nil
		}
	case "tim":
		in, ok := tim.Lookup(p.Name)
		if !ok {
			break
		}
		apb := 1
		if in.Bus == "APB2" {
			apb = 2
		}
		gate := p.Enable
		cfg := tim.Config{Instance: in, Sched: b.Sched, Now: b.now,
			Clock: func() uint64 {
				if !b.clockOn(gate) {
					return 0 // the timer's clock is off: the counter stands still
				}
				return b.RCC.TimerClock(apb)
			}, CoreClock: b.RCC.HCLK}
		for i, l := range []*irq.Line{&cfg.Update, &cfg.CC, &cfg.TrgCom, &cfg.Break} {
			if i < len(p.IRQs) && p.IRQs[i] != tim.NoIRQ {
				*l = b.sharedLine(p.IRQs[i])
			}
		}
		return tim.New(cfg), nil
	}
	return nil, fmt.Errorf("board %s: peripheral %s: unknown model %q", b.Machine.Name, p.Name, p.Model)
}

// clockChanged follows an RCC clock-tree change at the cycle of the write: the core
// runs at HCLK (RM0410 §5.2), so the cycle-to-time clock changes frequency there, and
// every clocked peripheral re-derives its schedule.
func (b *Board) clockChanged() {
	if hz := b.RCC.HCLK(); hz != 0 && hz != b.Clock.Hz() {
		b.Clock.SetHz(b.CPU.Cycles, hz)
	}
	b.SysTick.ClockChanged() // reference HCLK/8: a fixed 8 cycles per tick, but keep it told
	for _, c := range b.clocked {
		c.ClockChanged()
	}
}

// GPIO returns GPIO port n (A = 0 … K = 10), or nil when the machine has none.
func (b *Board) GPIO(n int) *gpio.Port {
	if n < 0 || n >= len(b.gpio) {
		return nil
	}
	return b.gpio[n]
}

// pinInput routes a GPIO input change to its EXTI line when SYSCFG_EXTICR selects the
// port for it (RM0410 §11, external interrupt/event GPIO mapping).
func (b *Board) pinInput(port, pin int, level bool) {
	if b.SYSCFG == nil || b.EXTI == nil {
		return
	}
	if line, ok := b.SYSCFG.Line(port, pin); ok {
		b.EXTI.Input(line, level)
	}
}

// syncEXTI gives EXTI lines 0–15 the input levels of the pins routed to them (pulls
// included), without triggering: after reset no edge is selected.
func (b *Board) syncEXTI() {
	if b.SYSCFG == nil || b.EXTI == nil {
		return
	}
	for line := 0; line < 16; line++ {
		if p := b.GPIO(b.SYSCFG.Port(line)); p != nil {
			b.EXTI.Input(line, p.Input(line))
		}
	}
}

// now is the current CPU cycle, the time base of every peripheral.
func (b *Board) now() uint64 { return b.CPU.Cycles }

// consoleName is the USART of Config.Console, "usart1" (the ST-LINK virtual COM port
// of the STM32F769I-DISCO, UM2033) by default.
func (b *Board) consoleName() string {
	if b.cfg.Console == "" {
		return "usart1"
	}
	return b.cfg.Console
}

// ConsoleInput queues bytes for the console USART's receiver (host input); on a machine
// without one they are dropped.
func (b *Board) ConsoleInput(data []byte) {
	if b.console == nil {
		return
	}
	if b.traceOn() {
		src := strings.ToLower(b.consoleName())
		for rest := data; len(rest) > 0; {
			n := min(len(rest), trace.MaxLine)
			b.emit(trace.Event{Kind: trace.UARTIn, Src: src, Text: string(rest[:n])})
			rest = rest[n:]
		}
	}
	for _, c := range data {
		b.console.Receive(c)
	}
}

// USART returns the USART/UART with the given name ("USART1", "UART4"), or nil.
func (b *Board) USART(name string) *usart.USART {
	for _, p := range b.periphs {
		if u, ok := p.dev.(*usart.USART); ok && strings.EqualFold(p.name, name) {
			return u
		}
	}
	return nil
}

// sharedLine returns a new input of the OR gate in front of NVIC interrupt n: several
// sources may drive one vector (a timer's update and compare flags, or two timers as
// in TIM8_BRK_TIM12), and the vector sees the OR of their levels.
func (b *Board) sharedLine(n int) irq.Line {
	if b.irqOr == nil {
		b.irqOr = make(map[int]*irq.Or)
	}
	g := b.irqOr[n]
	if g == nil {
		g = irq.NewOr(b.NVIC.Line(n))
		b.irqOr[n] = g
	}
	return g.Input()
}

// Timer returns the timer with the given name ("TIM12"), or nil.
func (b *Board) Timer(name string) *tim.Timer {
	for _, p := range b.periphs {
		if x, ok := p.dev.(*tim.Timer); ok && strings.EqualFold(p.name, name) {
			return x
		}
	}
	return nil
}

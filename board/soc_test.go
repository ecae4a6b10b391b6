package board

import (
	"slices"
	"testing"

	"m7emu/internal/svd"
)

func newF769(t *testing.T, cfg Config) *Board {
	t.Helper()
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if b.RCC != nil {
		clocksOn(t, b)
	}
	return b
}

// rd and wr access the bus, failing the test on a bus error.
func rd(t *testing.T, b *Board, a uint32) uint32 {
	t.Helper()
	v, err := b.Bus.Read(a, 4)
	if err != nil {
		t.Fatalf("read %#x: %v", a, err)
	}
	return v
}

func wr(t *testing.T, b *Board, a, v uint32) {
	t.Helper()
	if err := b.Bus.Write(a, 4, v); err != nil {
		t.Fatalf("write %#x: %v", a, err)
	}
}

func modify(t *testing.T, b *Board, a, clr, set uint32) {
	t.Helper()
	wr(t, b, a, rd(t, b, a)&^clr|set)
}

// Register addresses (RM0410 §5.3 RCC, §4.4 PWR, §3.7 FLASH).
const (
	rccCR      = 0x4002_3800
	rccPLLCFGR = 0x4002_3804
	rccCFGR    = 0x4002_3808
	rccAPB1ENR = 0x4002_3840
	rccAPB2ENR = 0x4002_3844
	rccDCKCFG2 = 0x4002_3890
	pwrCR1     = 0x4000_7000
	pwrCSR1    = 0x4000_7004
	flashACR   = 0x4002_3C00
)

// embassy216 performs the register writes of Embassy's 216 MHz setup
// (stm32f769-embassy.md §3; HSE 25 MHz, PLLM 25, PLLN 432, PLLP /2, APB1 /4, APB2 /2),
// the final SYSCLK switch at cycle switchAt.
func embassy216(t *testing.T, b *Board, switchAt uint64) {
	t.Helper()
	modify(t, b, pwrCR1, 0, 3<<14|1<<16) // VOS scale 1, ODEN
	if rd(t, b, pwrCSR1)&(1<<16) == 0 {
		t.Fatal("ODRDY not set")
	}
	modify(t, b, pwrCR1, 0, 1<<17) // ODSWEN
	modify(t, b, rccCR, 0, 1<<16)  // HSEON
	if rd(t, b, rccCR)&(1<<17) == 0 {
		t.Fatal("HSERDY not set")
	}
	wr(t, b, rccPLLCFGR, 25|432<<6|0<<16|1<<22|9<<24|2<<28)
	modify(t, b, rccCR, 0, 1<<24) // PLLON
	if rd(t, b, rccCR)&(1<<25) == 0 {
		t.Fatal("PLLRDY not set")
	}
	modify(t, b, pwrCR1, 0, 1<<8) // DBP: backup domain writable (PWR -> RCC wiring)
	wr(t, b, flashACR, 7)
	b.CPU.Cycles = switchAt
	modify(t, b, rccCFGR, 3|0xF<<4|7<<10|7<<13, 2|5<<10|4<<13) // SW = PLL, PPRE1 /4, PPRE2 /2
}

// Embassy's 216 MHz init through the bus changes the core clock to HCLK = 216 MHz at
// the cycle of the SYSCLK switch, and simulated time stays exact across it: 1600
// cycles at 16 MHz are 100 µs, each further 216 cycles 1 µs (RM0410 §5.2).
func TestF769ClockChange(t *testing.T) {
	b := newF769(t, Config{})
	if b.RCC == nil || b.PWR == nil {
		t.Fatal("RCC/PWR not built")
	}
	if b.Clock.Hz() != 16_000_000 {
		t.Fatalf("reset clock %d Hz", b.Clock.Hz())
	}
	embassy216(t, b, 1600)
	if got := b.Clock.Hz(); got != 216_000_000 {
		t.Fatalf("clock after init %d Hz, want 216 MHz", got)
	}
	for _, c := range []struct{ cyc, ps uint64 }{
		{1600, 100_000_000}, {1600 + 216, 101_000_000}, {1600 + 216_000_000, 1_000_100_000_000},
	} {
		if got := b.Clock.Picos(c.cyc); got != c.ps {
			t.Errorf("time at cycle %d = %d ps, want %d", c.cyc, got, c.ps)
		}
	}
	if !b.PWR.BackupWritable() {
		t.Error("DBP not seen")
	}
	// A system reset returns SYSCLK to HSI (RM0410 §5.1.2) and time carries on.
	b.CPU.Cycles = 1600 + 216
	_ = b.systemReset() // no firmware: the vector fetch fails after the devices are reset
	if got := b.Clock.Hz(); got != 16_000_000 {
		t.Errorf("clock after system reset %d Hz", got)
	}
	if got := b.Clock.Picos(1600 + 216 + 16); got != 102_000_000 {
		t.Errorf("time 16 cycles after system reset %d ps, want 102 µs (16 cycles = 1 µs at 16 MHz)", got)
	}
}

// The mps2-an500 oracle machine has no STM32 SoC.
func TestMPS2HasNoSoC(t *testing.T) {
	b := newF769(t, Config{Machine: "mps2-an500"})
	if b.RCC != nil || len(b.periphs) != 0 {
		t.Error("mps2-an500 got SoC peripherals")
	}
}

// EXTI register addresses (RM0410 §11.9, §7.2.3) and NVIC_ISPR0 (Arm DDI0403E B3.4.6).
const (
	extiIMR, extiEMR, extiRTSR, extiPR = 0x4001_3C00, 0x4001_3C04, 0x4001_3C08, 0x4001_3C14
	syscfgEXTICR1                      = 0x4001_3808
	nvicISPR0                          = 0xE000_E200
)

// A rising edge on PA0 with EXTI0 unmasked and rising-edge triggered pends NVIC IRQ 6
// (EXTI0, RM0410 §10.2 Table 46); SYSCFG_EXTICR1 moves line 0 to PC0 (RM0410 §7.2.3),
// after which PA0 no longer reaches it; EMR gives the core an event (WFE wake-up).
func TestF769PinToEXTIToNVIC(t *testing.T) {
	b := newF769(t, Config{})
	pa, pc := b.GPIO(0), b.GPIO(2)
	if pa == nil || pc == nil || b.GPIO(10) == nil || b.GPIO(11) != nil {
		t.Fatal("GPIO ports A–K not all built")
	}
	wr(t, b, extiIMR, 1)
	wr(t, b, extiRTSR, 1)
	pa.SetInput(0, true, true)
	if got := rd(t, b, nvicISPR0); got != 1<<6 {
		t.Fatalf("ISPR0 = %#x after PA0 rose, want IRQ 6 pending", got)
	}
	if got := rd(t, b, extiPR); got != 1 {
		t.Errorf("EXTI_PR = %#x", got)
	}
	pa.SetInput(0, false, true)
	wr(t, b, extiPR, 1)            // w1c
	wr(t, b, nvicISPR0+0x80, 1<<6) // ICPR0
	wr(t, b, syscfgEXTICR1, 2)     // EXTI0 = PC0
	pa.SetInput(0, true, true)
	if got := rd(t, b, extiPR); got != 0 {
		t.Errorf("PA0 reached EXTI0 routed to port C: PR = %#x", got)
	}
	wr(t, b, extiEMR, 1)
	b.CPU.EventReg = false
	pc.SetInput(0, true, true)
	if got := rd(t, b, nvicISPR0); got != 1<<6 {
		t.Errorf("ISPR0 = %#x after PC0 rose", got)
	}
	if !b.CPU.EventReg {
		t.Error("EXTI event did not reach the core's event register")
	}
}

// stampWriter records each write with the scheduler's cycle.
type stampWriter struct {
	b     *Board
	data  []byte
	stamp []uint64
}

func (w *stampWriter) Write(p []byte) (int, error) {
	for _, c := range p {
		w.data = append(w.data, c)
		w.stamp = append(w.stamp, w.b.Sched.Now())
	}
	return len(p), nil
}

// loadSleeper gives the board a program that sleeps forever: vectors at the boot
// address (SP, reset = 0x0020_0009), then "wfi; b wfi" (Arm DDI0403E A7.7.258, A7.7.12).
func loadSleeper(t *testing.T, b *Board) {
	t.Helper()
	loadSleeperNoClocks(t, b)
	if b.RCC != nil {
		clocksOn(t, b)
	}
}

// clocksOn sets the RCC clock-enable bit of every gated peripheral (f769Gates), as
// firmware does before it uses them (RM0410 §5.3.10–§5.3.14).
func clocksOn(t *testing.T, b *Board) {
	t.Helper()
	enr := [5]uint32{0x4002_3830, 0x4002_3834, 0x4002_3838, 0x4002_3840, 0x4002_3844}
	var bits [5]uint32
	for _, g := range f769Gates {
		bits[g.Bus] |= 1 << g.Bit
	}
	for i, a := range enr {
		if bits[i] != 0 {
			modify(t, b, a, 0, bits[i])
		}
	}
}

// USART1 is the console: enabled at 115200 baud from its 16 MHz reset kernel clock
// (PCLK2, RM0410 §5.3.26), BRR = 139 (§34.5.4), a byte written to TDR at cycle 0 leaves
// after the idle frame TE sends first (§34.5.2): 2 frames × 10 bits × 139 cycles =
// cycle 2780, raw on Stdout. ConsoleInput reaches its receiver.
func TestF769ConsoleUSART(t *testing.T) {
	w := &stampWriter{}
	b := newF769(t, Config{Stdout: w})
	w.b = b
	loadSleeper(t, b)
	const usart1 = 0x4001_1000
	wr(t, b, usart1+0x0C, 139)         // BRR
	wr(t, b, usart1+0x00, 1|1<<2|1<<3) // UE | RE | TE
	wr(t, b, usart1+0x28, 'A')         // TDR
	if r := b.Run(Limits{MaxCycles: 2779}); r.Outcome != CycleLimit || len(w.data) != 0 {
		t.Fatalf("by cycle 2779: %v, output %q", r.Msg, w.data)
	}
	b.ConsoleInput([]byte("x"))
	if r := b.Run(Limits{MaxCycles: 5000}); r.Outcome != CycleLimit {
		t.Fatal(r.Msg)
	}
	if string(w.data) != "A" || w.stamp[0] != 2780 {
		t.Fatalf("output %q at %v, want \"A\" at cycle 2780", w.data, w.stamp)
	}
	if isr := rd(t, b, usart1+0x1C); isr&(1<<5) == 0 { // RXNE
		t.Fatalf("ISR = %#x: host byte not received", isr)
	}
	if got := rd(t, b, usart1+0x24); got != 'x' {
		t.Errorf("RDR = %#x, want 'x'", got)
	}
	if b.USART("uart8") == nil || b.USART("USART9") != nil {
		t.Error("USART lookup by name")
	}
	if _, err := New(Config{Console: "usart9"}); err == nil {
		t.Error("an unknown console was accepted")
	}
	if _, err := New(Config{Console: "UART7"}); err != nil {
		t.Error(err)
	}
}

// TIM12's update interrupt reaches NVIC IRQ 43 (TIM8_BRK_TIM12, RM0410 §10.2) at the
// exact cycle: CK_CNT = TIMxCLK/(PSC+1) = 1 MHz and ARR = 999 give an overflow every
// 1000 µs (RM0410 §28.3.1). At reset TIMCLK1 = HCLK = 16 MHz: 16000 cycles. After
// Embassy's 216 MHz setup TIMCLK1 = 2 × PCLK1 = 108 MHz (§5.2, the ×2 rule) and the
// core runs at 216 MHz: PSC = 107, and 1000 µs are 216000 cycles.
func TestF769TimerIRQ(t *testing.T) {
	for _, c := range []struct {
		name    string
		pll     bool
		psc     uint32
		overflo uint64
	}{
		{"16MHz", false, 15, 16_000},
		{"216MHz", true, 107, 216_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newF769(t, Config{})
			loadSleeper(t, b)
			if c.pll {
				embassy216(t, b, 0)
			}
			const tim12 = 0x4000_1800
			wr(t, b, tim12+0x28, c.psc) // PSC
			wr(t, b, tim12+0x2C, 999)   // ARR
			wr(t, b, tim12+0x14, 1)     // EGR.UG: load PSC (sets UIF, URS = 0)
			wr(t, b, tim12+0x10, 0)     // SR: clear UIF (rc_w0)
			wr(t, b, tim12+0x0C, 1)     // DIER.UIE
			wr(t, b, tim12+0x00, 1)     // CR1.CEN
			const isp1 = nvicISPR0 + 4  // ISPR1: IRQs 32–63
			if r := b.Run(Limits{MaxCycles: c.overflo - 1}); r.Outcome != CycleLimit {
				t.Fatal(r.Msg)
			}
			if got := rd(t, b, isp1); got != 0 {
				t.Fatalf("ISPR1 = %#x one cycle before the overflow", got)
			}
			if r := b.Run(Limits{MaxCycles: c.overflo}); r.Outcome != CycleLimit {
				t.Fatal(r.Msg)
			}
			if got := rd(t, b, isp1); got != 1<<(43-32) {
				t.Fatalf("ISPR1 = %#x at the overflow, want IRQ 43 pending", got)
			}
			// A board reset returns to HSI and leaves no stale peripheral events.
			if err := b.Reset(); err != nil {
				t.Fatal(err)
			}
			if hz := b.Clock.Hz(); hz != 16_000_000 {
				t.Errorf("clock after reset %d Hz", hz)
			}
			if at, ok := b.Sched.Next(); ok {
				t.Errorf("event still scheduled at cycle %d after reset", at)
			}
		})
	}
	b := newF769(t, Config{})
	for _, n := range []string{"TIM1", "TIM2", "TIM5", "TIM6", "TIM9", "TIM14"} {
		if b.Timer(n) == nil {
			t.Errorf("%s not built", n)
		}
	}
}

// Every row of the F769 SoC table has the ST SVD's base address for its name, and
// drives every interrupt the SVD lists for it (the SVD lists some, not all; RM0410
// §10.2 Table 46 is the full list).
func TestF769SoCTableMatchesSVD(t *testing.T) {
	dev := svd.ForTest(t)
	rows := f769SoC()
	if len(rows) != 2+11+2+8+14+3+len(dbgCRCRNGRows()) { // + CRC, RNG, DBGMCU
		t.Errorf("%d rows, want RCC, PWR, GPIOA–K, SYSCFG, EXTI, 8 USARTs, 14 timers, RTC, WWDG, IWDG and the CRC/RNG/DBGMCU rows", len(rows))
	}
	for _, r := range rows {
		p := dev.Peripheral(r.Name)
		if r.Name == "DBGMCU" {
			// The SVD calls it DBG and lists the FPU vector under it; base and
			// registers are checked in periph/dbgmcu.
			p = dev.Peripheral("DBG")
			if p != nil && p.Base != r.Base {
				t.Errorf("DBGMCU: base %#x, SVD DBG %#x", r.Base, p.Base)
			}
			continue
		}
		if p == nil {
			t.Errorf("%s: not in the SVD", r.Name)
			continue
		}
		if p.Base != r.Base {
			t.Errorf("%s: base %#x, SVD %#x", r.Name, r.Base, p.Base)
		}
		for _, in := range p.Interrupts {
			if !slices.Contains(r.IRQs, in.Value) {
				t.Errorf("%s: SVD interrupt %s (%d) not among %v", r.Name, in.Name, in.Value, r.IRQs)
			}
		}
	}
}

package rcc_test

import (
	"testing"

	"m7emu/periph/flashif"
	"m7emu/periph/pwr"
	"m7emu/periph/rcc"
)

// soc joins RCC, PWR and FLASH the way the board will, with offsets as in
// stm32f769-embassy.md §3 ("Register offsets used above").
type soc struct {
	t      *testing.T
	rcc    *rcc.RCC
	pwr    *pwr.PWR
	flash  *flashif.Flash
	ws     int
	clocks int
}

func newSoC(t *testing.T) *soc {
	s := &soc{t: t}
	s.pwr = pwr.New(pwr.Config{PLLReady: func() bool { return s.rcc.PLLReady() }})
	s.rcc = rcc.New(rcc.Config{BackupWritable: s.pwr.BackupWritable, OnClockChange: func() { s.clocks++ }})
	s.flash = flashif.New(flashif.Config{SetWaitStates: func(n int) { s.ws = n }})
	return s
}

func (s *soc) r(d string, off uint32) uint32 {
	s.t.Helper()
	var v uint32
	var err error
	switch d {
	case "RCC":
		v, err = s.rcc.Read(off, 4)
	case "PWR":
		v, err = s.pwr.Read(off, 4)
	case "FLASH":
		v, err = s.flash.Read(off, 4)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return v
}

func (s *soc) w(d string, off, v uint32) {
	s.t.Helper()
	var err error
	switch d {
	case "RCC":
		err = s.rcc.Write(off, 4, v)
	case "PWR":
		err = s.pwr.Write(off, 4, v)
	case "FLASH":
		err = s.flash.Write(off, 4, v)
	}
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *soc) modify(d string, off, clr, set uint32) { s.w(d, off, s.r(d, off)&^clr|set) }

// spin is one of Embassy's unbounded polling loops, bounded here: the model must
// satisfy it within a few reads.
func (s *soc) spin(what string, cond func() bool) {
	s.t.Helper()
	for i := 0; i < 10; i++ {
		if cond() {
			return
		}
	}
	s.t.Fatalf("spin on %s never ends", what)
}

func (s *soc) bitIs(d string, off, mask, want uint32) func() bool {
	return func() bool { return s.r(d, off)&mask == want }
}

// enableAndReset is embassy-stm32's pattern (stm32f769-embassy.md §3 step 2).
func (s *soc) enableAndReset(enr, rstr uint32, bit uint) {
	if s.r("RCC", enr)&(1<<bit) == 0 {
		s.modify("RCC", rstr, 0, 1<<bit)
	}
	s.modify("RCC", enr, 0, 1<<bit)
	_ = s.r("RCC", enr)
	s.modify("RCC", rstr, 1<<bit, 0)
}

// embassyInit replays embassy_stm32::init on F7 (stm32f769-embassy.md §3); pll selects
// the usual 216 MHz setup (HSE 25 MHz, PLLM 25, PLLN 432, PLLP /2, APB1 /4, APB2 /2).
func (s *soc) embassyInit(pll bool) {
	const (
		CR, PLLCFGR, CFGR, AHB1ENR, APB1ENR, APB2ENR = 0x00, 0x04, 0x08, 0x30, 0x40, 0x44
		APB1RSTR, APB2RSTR, BDCR, CSR                = 0x20, 0x24, 0x70, 0x74
		DCKCFGR1, DCKCFGR2                           = 0x8C, 0x90
		PWR_CR1, PWR_CSR1, ACR                       = 0x00, 0x04, 0x00
	)
	s.enableAndReset(APB2ENR, APB2RSTR, 14) // SYSCFG
	s.enableAndReset(APB1ENR, APB1RSTR, 28) // PWR
	for b := uint32(0); b <= 10; b++ {      // gpio::init
		s.modify("RCC", AHB1ENR, 0, 1<<b)
	}
	s.modify("RCC", AHB1ENR, 0, 1<<21|1<<22) // DMA1EN, DMA2EN

	// rcc::init (rcc/f247.rs)
	if pll {
		s.modify("PWR", PWR_CR1, 3<<14, 3<<14) // VOS = Scale1
	}
	s.modify("PWR", PWR_CR1, 0, 1<<16) // ODEN
	s.spin("ODRDY", s.bitIs("PWR", PWR_CSR1, 1<<16, 1<<16))
	s.modify("PWR", PWR_CR1, 0, 1<<17) // ODSWEN
	s.spin("ODSWRDY", s.bitIs("PWR", PWR_CSR1, 1<<17, 1<<17))

	s.modify("RCC", CR, 0, 1<<0) // HSION
	s.spin("HSIRDY", s.bitIs("RCC", CR, 1<<1, 1<<1))
	s.modify("RCC", CFGR, 3, 0) // SW = HSI
	s.spin("SWS==HSI", s.bitIs("RCC", CFGR, 3<<2, 0))

	if pll {
		s.modify("RCC", CR, 1<<18, 0) // HSEBYP off (crystal)
		s.modify("RCC", CR, 0, 1<<16) // HSEON
		s.spin("HSERDY", s.bitIs("RCC", CR, 1<<17, 1<<17))
	} else {
		s.modify("RCC", CR, 1<<16, 0) // HSE off, no polling
	}
	for _, on := range []uint32{24, 26, 28} { // PLL, PLLI2S, PLLSAI off, each polled
		s.modify("RCC", CR, 1<<on, 0)
		s.spin("xxRDY==0", s.bitIs("RCC", CR, 1<<(on+1), 0))
	}
	if pll {
		// PLLM 25, PLLN 432, PLLP /2 (00), PLLQ 9 (48 MHz), PLLR 2 (as at reset), HSE.
		s.w("RCC", PLLCFGR, 25|432<<6|0<<16|1<<22|9<<24|2<<28)
		s.modify("RCC", CR, 0, 1<<24)
		s.spin("PLLRDY", s.bitIs("RCC", CR, 1<<25, 1<<25))
	}

	s.modify("PWR", PWR_CR1, 0, 1<<8) // DBP, read back until set
	s.spin("DBP", s.bitIs("PWR", PWR_CR1, 1<<8, 1<<8))
	s.modify("RCC", CSR, 0, 1<<0) // LSION
	s.spin("LSIRDY", s.bitIs("RCC", CSR, 1<<1, 1<<1))
	bdcr := s.r("RCC", BDCR)
	if bdcr>>8&3 != 2 || bdcr&(1<<15) == 0 || bdcr&1 != 0 || bdcr&4 != 0 {
		s.modify("RCC", BDCR, 0, 1<<16) // BDRST pulse
		s.modify("RCC", BDCR, 1<<16, 0)
		if v := s.r("RCC", BDCR); v != 0 {
			s.t.Fatalf("BDCR after BDRST 0x%08x", v)
		}
		s.modify("RCC", BDCR, 0, 1<<15|2<<8) // RTCEN | RTCSEL = LSI
	}

	latency := uint32(0)
	if pll {
		latency = (216_000_000 - 1) / 30_000_000
	}
	s.w("FLASH", ACR, latency)
	s.spin("LATENCY", s.bitIs("FLASH", ACR, 0xF, latency))

	sw, ppre1, ppre2 := uint32(0), uint32(0), uint32(0)
	if pll {
		sw, ppre1, ppre2 = 2, 5, 4 // PLL, /4, /2
	}
	s.modify("RCC", CFGR, 3|0xF<<4|7<<10|7<<13, sw|ppre1<<10|ppre2<<13)
	s.spin("SWS==SW", s.bitIs("RCC", CFGR, 3<<2, sw<<2))
	if pll {
		s.modify("RCC", CR, 1<<0, 0) // HSI not wanted
	}
	s.w("RCC", DCKCFGR1, 0) // mux.init(): USART1SEL = PCLK2 …
	s.w("RCC", DCKCFGR2, 0)
}

// TestEmbassyInit runs the init sequence at 16 MHz and 216 MHz and checks the clock
// tree. Expected values: stm32f769-embassy.md §3 "Resulting clocks" (16 MHz
// everywhere; 216 MHz with pclk1_tim = 108 MHz, pclk2_tim = 216 MHz), and RM0410 §5.2
// arithmetic: PCLK1 = 216/4 = 54 MHz, PCLK2 = 216/2 = 108 MHz, PLLQ = 432/9 = 48 MHz;
// FLASH latency (HCLK−1)/30 MHz = 7.
func TestEmbassyInit(t *testing.T) {
	const M = 1_000_000
	cases := []struct {
		name                                  string
		pll                                   bool
		sys, hclk, p1, p2, tim1, tim2, usart1 uint64
		latency                               int
		overdrive, hsiOn                      bool
		cr                                    uint32
	}{
		{"default 16 MHz", false, 16 * M, 16 * M, 16 * M, 16 * M, 16 * M, 16 * M, 16 * M, 0, true, true,
			0x83}, // HSION|HSIRDY|HSITRIM=16
		{"216 MHz PLL", true, 216 * M, 216 * M, 54 * M, 108 * M, 108 * M, 216 * M, 108 * M, 7, true, false,
			0x0303_0080}, // HSEON|HSERDY|PLLON|PLLRDY, HSITRIM=16
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSoC(t)
			s.embassyInit(c.pll)
			r := s.rcc
			got := []uint64{r.SYSCLK(), r.HCLK(), r.PCLK1(), r.PCLK2(), r.TimerClock(1), r.TimerClock(2), r.USARTClock(1)}
			want := []uint64{c.sys, c.hclk, c.p1, c.p2, c.tim1, c.tim2, c.usart1}
			names := []string{"SYSCLK", "HCLK", "PCLK1", "PCLK2", "TIMCLK1", "TIMCLK2", "USART1"}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s = %d, want %d", names[i], got[i], want[i])
				}
			}
			if s.ws != c.latency || s.flash.Latency() != c.latency {
				t.Errorf("flash wait states %d, want %d", s.ws, c.latency)
			}
			if s.pwr.OverDrive() != c.overdrive {
				t.Errorf("over-drive %v", s.pwr.OverDrive())
			}
			if v := s.r("RCC", 0); v != c.cr {
				t.Errorf("RCC_CR 0x%08x, want 0x%08x", v, c.cr)
			}
			if r.RTCClock() != 32_000 {
				t.Errorf("RTC clock %d, want LSI 32 kHz", r.RTCClock())
			}
			if v := s.r("RCC", 0x70); v != 1<<15|2<<8 {
				t.Errorf("BDCR 0x%08x", v)
			}
			for _, b := range [][2]int{{rcc.APB2, 14}, {rcc.APB1, 28}, {rcc.AHB1, 0}, {rcc.AHB1, 10}, {rcc.AHB1, 22}} {
				if !r.Enabled(b[0], b[1]) || r.InReset(b[0], b[1]) {
					t.Errorf("bus %d bit %d: enabled %v in reset %v", b[0], b[1], r.Enabled(b[0], b[1]), r.InReset(b[0], b[1]))
				}
			}
			if c.pll && r.Freqs().PLLQ != 48*M {
				t.Errorf("PLLQ %d", r.Freqs().PLLQ)
			}
			if s.clocks == 0 {
				t.Error("OnClockChange never called")
			}
		})
	}
}

package rcc

// Freqs is the clock tree derived from the registers (RM0410 §5.2, Figure 13), in Hz.
// A clock that is off or wrongly configured is 0.
type Freqs struct {
	SYSCLK, HCLK, PCLK1, PCLK2 uint64
	TIMCLK1, TIMCLK2           uint64    // timer kernel clocks of the APB1 / APB2 timers
	PLLP, PLLQ, PLLR           uint64    // main PLL outputs (0 while PLLRDY = 0)
	PLL48                      uint64    // CK48M: PLLQ or PLLSAIP per DCKCFGR2.CK48MSEL
	USART                      [8]uint64 // USART1, USART2, USART3, UART4, UART5, USART6, UART7, UART8
	I2C                        [4]uint64 // I2C1..I2C4
	LPTIM1, RTC                uint64
	HSE, LSE, LSI, HSI         uint64 // oscillators, 0 while not ready
}

// Freqs returns the current clock tree.
func (r *RCC) Freqs() Freqs { return r.f }

// SYSCLK returns the system clock, which the Cortex-M7 core runs at (HCLK is its
// clock; SYSCLK is the source before the AHB prescaler).
func (r *RCC) SYSCLK() uint64 { return r.f.SYSCLK }

// HCLK returns the AHB clock (SYSCLK / HPRE), the clock of the core, memories and
// AHB peripherals.
func (r *RCC) HCLK() uint64 { return r.f.HCLK }

// PCLK1 returns the APB1 clock (HCLK / PPRE1).
func (r *RCC) PCLK1() uint64 { return r.f.PCLK1 }

// PCLK2 returns the APB2 clock (HCLK / PPRE2).
func (r *RCC) PCLK2() uint64 { return r.f.PCLK2 }

// TimerClock returns the clock of the timers on APB1 (apb = 1: TIM2–7, TIM12–14) or
// APB2 (apb = 2: TIM1, TIM8–11); 0 for any other apb.
func (r *RCC) TimerClock(apb int) uint64 {
	switch apb {
	case 1:
		return r.f.TIMCLK1
	case 2:
		return r.f.TIMCLK2
	}
	return 0
}

// USARTClock returns the kernel clock of USARTn/UARTn (n = 1..8) selected by
// DCKCFGR2; 0 for other n.
func (r *RCC) USARTClock(n int) uint64 {
	if n < 1 || n > 8 {
		return 0
	}
	return r.f.USART[n-1]
}

// I2CClock returns the kernel clock of I2Cn (n = 1..4) selected by DCKCFGR2.
func (r *RCC) I2CClock(n int) uint64 {
	if n < 1 || n > 4 {
		return 0
	}
	return r.f.I2C[n-1]
}

// LPTIM1Clock returns the LPTIM1 kernel clock selected by DCKCFGR2.LPTIM1SEL.
func (r *RCC) LPTIM1Clock() uint64 { return r.f.LPTIM1 }

// RTCClock returns the RTC clock (BDCR.RTCSEL, gated by RTCEN; HSE via CFGR.RTCPRE).
func (r *RCC) RTCClock() uint64 { return r.f.RTC }

// ahbDiv decodes HPRE (§5.3.3): 0xxx: 1, 1000: 2, 1001: 4, 1010: 8, 1011: 16,
// 1100: 64, 1101: 128, 1110: 256, 1111: 512.
func ahbDiv(hpre uint32) uint64 {
	if hpre < 8 {
		return 1
	}
	return [8]uint64{2, 4, 8, 16, 64, 128, 256, 512}[hpre-8]
}

// apbDiv decodes PPRE1/PPRE2 (§5.3.3): 0xx: 1, 100: 2, 101: 4, 110: 8, 111: 16.
func apbDiv(ppre uint32) uint64 {
	if ppre < 4 {
		return 1
	}
	return 2 << (ppre - 4)
}

// timerClock applies the timer-clock rule (RM0410 §5.2, and DCKCFGR1.TIMPRE §5.3.25):
// TIMPRE = 0: TIMxCLK = PCLKx if the APB prescaler is 1, else 2 × PCLKx;
// TIMPRE = 1: TIMxCLK = HCLK if the APB prescaler is 1, 2 or 4, else 4 × PCLKx.
func timerClock(timpre bool, div, pclk, hclk uint64) uint64 {
	if !timpre {
		if div == 1 {
			return pclk
		}
		return 2 * pclk
	}
	if div <= 4 {
		return hclk
	}
	return 4 * pclk
}

func (r *RCC) compute() Freqs {
	var f Freqs
	cr, pll, cfgr := r.regs[regCR/4], r.regs[regPLLCFGR/4], r.regs[regCFGR/4]
	bdcr, csr := r.regs[regBDCR/4], r.regs[regCSR/4]
	d1, d2 := r.regs[regDCKCFGR1/4], r.regs[regDCKCFGR2/4]

	if cr&crHSIRDY != 0 {
		f.HSI = HSIHz
	}
	if cr&crHSERDY != 0 {
		f.HSE = r.cfg.HSEHz
	}
	if bdcr&bdcrLSERDY != 0 {
		f.LSE = r.cfg.LSEHz
	}
	if csr&csrLSIRDY != 0 {
		f.LSI = LSIHz
	}

	// PLLs (§5.2 "PLL"; §5.3.2): f(VCO) = f(in) × N / M; P = VCO / {2,4,6,8};
	// Q = VCO / Q (2..15), R = VCO / R (2..7). M < 2 and N < 2 are wrong
	// configurations and give no clock here. PLLI2S and PLLSAI share M and the source.
	in := f.HSI
	if pll&pllcfgrSRC != 0 {
		in = f.HSE
	}
	m := uint64(pll & pllcfgrM)
	vco := func(n uint64) uint64 {
		if m < 2 || n < 2 {
			return 0
		}
		return in * n / m
	}
	div := func(v uint64, d uint64) uint64 {
		if d < 2 {
			return 0
		}
		return v / d
	}
	if cr&crPLLRDY != 0 {
		v := vco(uint64(pll&pllcfgrN) >> pllcfgrNShift)
		f.PLLP = v / (2 * (uint64(pll&pllcfgrP)>>pllcfgrPShift + 1))
		f.PLLQ = div(v, uint64(pll&pllcfgrQ)>>pllcfgrQShift)
		f.PLLR = div(v, uint64(pll&pllcfgrR)>>pllcfgrRShift)
	}
	var saiP uint64
	if cr&crPLLSAIRDY != 0 {
		s := r.regs[regPLLSAICFGR/4]
		v := vco(uint64(s>>plliNShift) & 0x1FF)
		saiP = v / (2 * (uint64(s>>plliPShift)&3 + 1))
	}
	f.PLL48 = f.PLLQ
	if d2&dck2CK48MSEL != 0 {
		f.PLL48 = saiP
	}

	switch r.sws {
	case srcHSI:
		f.SYSCLK = f.HSI
	case srcHSE:
		f.SYSCLK = f.HSE
	case srcPLL:
		f.SYSCLK = f.PLLP
	}
	f.HCLK = f.SYSCLK / ahbDiv((cfgr&cfgrHPRE)>>cfgrHPREShift)
	div1 := apbDiv((cfgr & cfgrPPRE1) >> cfgrPPRE1Sh)
	div2 := apbDiv((cfgr & cfgrPPRE2) >> cfgrPPRE2Sh)
	f.PCLK1 = f.HCLK / div1
	f.PCLK2 = f.HCLK / div2
	timpre := d1&dck1TIMPRE != 0
	f.TIMCLK1 = timerClock(timpre, div1, f.PCLK1, f.HCLK)
	f.TIMCLK2 = timerClock(timpre, div2, f.PCLK2, f.HCLK)

	// Kernel clocks (§5.3.26). USARTnSEL: 00 APB clock (PCLK2 for USART1 and USART6,
	// PCLK1 for the others), 01 SYSCLK, 10 HSI, 11 LSE.
	for i := range f.USART {
		apb := f.PCLK1
		if i == 0 || i == 5 {
			apb = f.PCLK2
		}
		f.USART[i] = [4]uint64{apb, f.SYSCLK, f.HSI, f.LSE}[(d2>>(dck2USARTShift+2*i))&3]
	}
	// I2CnSEL: 00 PCLK1, 01 SYSCLK, 10 HSI, 11 reserved.
	for i := range f.I2C {
		f.I2C[i] = [4]uint64{f.PCLK1, f.SYSCLK, f.HSI, 0}[(d2>>(dck2I2CShift+2*i))&3]
	}
	// LPTIM1SEL: 00 PCLK1, 01 LSI, 10 HSI, 11 LSE.
	f.LPTIM1 = [4]uint64{f.PCLK1, f.LSI, f.HSI, f.LSE}[(d2>>dck2LPTIM1Sh)&3]
	// RTC (§5.2 "RTC/AWU clock", §5.3.20): RTCSEL 00 none, 01 LSE, 10 LSI, 11 HSE /
	// RTCPRE (RTCPRE 0 and 1: no clock). Gated by RTCEN.
	if bdcr&bdcrRTCEN != 0 {
		rtcpre := uint64(cfgr&cfgrRTCPRE) >> cfgrRTCPRESh
		hseRTC := uint64(0)
		if rtcpre >= 2 {
			hseRTC = f.HSE / rtcpre
		}
		f.RTC = [4]uint64{0, f.LSE, f.LSI, hseRTC}[(bdcr&bdcrRTCSEL)>>bdcrRTCSELs]
	}
	return f
}

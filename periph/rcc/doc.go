// Package rcc models the STM32F76xxx reset and clock control block (RM0410 §5, registers
// §5.3) at 0x4002_3800, and derives the clock tree from its registers.
//
// Registers: CR, PLLCFGR, CFGR, CIR, AHB1/2/3RSTR, APB1/2RSTR, AHB1/2/3ENR, APB1/2ENR,
// the five LPENR registers, BDCR, CSR, SSCGR, PLLI2SCFGR, PLLSAICFGR, DCKCFGR1 and
// DCKCFGR2. Reserved offsets read as zero and ignore writes; reserved and read-only
// bits ignore writes.
//
// Behaviour:
//   - Oscillators and PLLs start and stop instantly: HSIRDY, HSERDY, PLLRDY, PLLI2SRDY,
//     PLLSAIRDY (CR), LSERDY (BDCR) and LSIRDY (CSR) follow their ON bits in the same
//     write, both ways. RM0410 gives start-up times (HSE, PLL lock) but firmware only
//     polls, so no latency is modelled; this is what stm32f769-embassy.md §3 allows.
//   - CFGR.SWS follows CFGR.SW as soon as the selected source is ready; while it is not
//     ready the previous source stays in use and the switch happens when it becomes
//     ready (§5.3.3). SW = 3 ("not allowed") never switches.
//   - The source in use cannot be stopped: HSION, HSEON, PLLON stay set while that
//     clock drives SYSCLK directly or (HSI/HSE through the PLL) indirectly (§5.3.1).
//     HSEBYP is writable only while HSEON = 0.
//   - CIR: a ready flag is set when its oscillator becomes ready with its xxxRDYIE set;
//     writing 1 to xxxRDYC clears it. Config.IRQ (RCC global interrupt) is high while
//     any ready flag is set. The clock security system is not modelled: CSSON is
//     recorded, CSSF never sets (the HSE never fails).
//   - Reset registers: each bit set by a write calls Config.OnPeripheralReset(bus,
//     bit); the bit reads back and InReset reports it until cleared. Enable registers:
//     Enabled(bus, bit). Gating is the board's business (it asks Enabled/InReset).
//   - BDCR: LSEON, LSEBYP, LSEDRV, RTCSEL and RTCEN are in the backup domain and ignore
//     writes while Config.BackupWritable (PWR_CR1.DBP) is false (§5.3.20 note). BDRST
//     set resets BDCR to 0 and holds it there until cleared (and calls
//     Config.OnBackupDomainReset on its rising edge). RTCSEL, once non-zero, can only
//     be changed by a backup domain reset.
//   - CSR: RMVF clears the reset flags (it does not read back). Reset is a power-on
//     reset (CSR = PORRSTF|PINRSTF|BORRSTF, BDCR cleared); SystemReset keeps BDCR and
//     the flags and adds the cause with PINRSTF.
//   - The PLL configuration registers are read live: changing PLLCFGR while the PLL
//     runs (which RM0410 forbids) changes the derived frequencies at once.
//   - SSCGR, MCO1/MCO2, I2SSRC, the LPENR registers and the SAI/DFSDM selections are
//     recorded only.
//
// Clock tree (§5.2, Figure 13): HSI 16 MHz, HSE Config.HSEHz (25 MHz on the
// STM32F769I-DISCO), LSI 32 kHz, LSE Config.LSEHz (32.768 kHz); PLL VCO = in × N / M
// with P, Q, R outputs (PLLI2S and PLLSAI share M and the source); SYSCLK from SWS;
// HCLK = SYSCLK / HPRE; PCLKx = HCLK / PPREx; timer clocks by the ×2 rule, or with
// DCKCFGR1.TIMPRE = 1 by the ×4 rule; the USART, I2C and LPTIM1 kernel clocks of
// DCKCFGR2; CK48M; the RTC clock. A stopped or misconfigured clock is 0. The tree is
// recomputed after every write, and Config.OnClockChange runs when any of it changed,
// so the board can rescale the CPU clock (sched.Clock.SetHz) and tell each
// peripheral (ClockChanged) at the exact cycle of the write.
//
// Reset values are the ST SVD's (checked by a test), with two exceptions documented
// in regs.go: DCKCFGR1 and DCKCFGR2 reset to 0 as RM0410 says. Register bits RM0410
// has and the SVD lacks (CR.PLLSAION/RDY, PLLCFGR.PLLR, BDCR.LSEDRV, some F76x
// enable bits) are included.
package rcc

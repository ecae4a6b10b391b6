// Package syscfg models the STM32F76xxx system configuration controller (RM0410 §7):
// SYSCFG_MEMRMP, SYSCFG_PMC, SYSCFG_EXTICR1–4, SYSCFG_CBR and SYSCFG_CMPCR, at 0x4001_3800.
//
// What it does:
//   - EXTICR1–4 choose, for each EXTI line 0–15, which port's pin of the same number
//     drives it (4 bits per line, A = 0 … K = 10; RM0410 §7.2.3–7.2.6). The board asks
//     Line(port, pin) on every GPIO input edge and forwards the edge to EXTI when ok.
//     Fields latch any 4-bit value; a value naming no port routes nothing.
//   - MEMRMP: MEM_BOOT is read-only and comes from Config.MemBoot; SWP_FB and SWP_FMC
//     read back what was written.
//     Not modelled: the flash bank swap and the FMC bank swap they request.
//   - PMC: the I2C fast-mode-plus bits, ADCxDC2 and MII_RMII_SEL read back.
//     Not modelled: their effects on pads, ADC and Ethernet.
//   - CMPCR: CMP_PD reads back; READY reads as CMP_PD (Deviation: at once).
//
// The ST SVD names MEMRMP "MEMRM" with a 3-bit MEM_MODE field and lists only the ADC
// and MII bits in PMC; the fields here follow RM0410 and ST's stm32f7xx CMSIS headers
// (MEM_BOOT bit 0, SWP_FB bit 8, SWP_FMC bits 11:10; I2C FMP bits 7:0). Offsets and
// reset values match the SVD (checked in the tests). The SVD marks CMPCR read-only;
// CMP_PD is writable (RM0410 §7.2.8, ST's HAL_EnableCompensationCell sets it).
//
//   - CBR (0x1C; in ST's F76x CMSIS headers but not in the SVD): CLL and PVDL are
//     set-only and clear at Reset. Not modelled: the TIM1/TIM8 break connection.
package syscfg

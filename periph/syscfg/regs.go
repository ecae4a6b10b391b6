package syscfg

// Placement (RM0410 §2.2.2; stm32f769-embassy.md §10.1).
const (
	Base = 0x4001_3800
	Size = 0x400
)

// Register offsets (RM0410 §7.2, SYSCFG registers; register map §7.2.9).
const (
	regMEMRMP  = 0x00 // SYSCFG_MEMRMP: memory remap register (the SVD calls it MEMRM)
	regPMC     = 0x04 // SYSCFG_PMC: peripheral mode configuration register
	regEXTICR1 = 0x08 // SYSCFG_EXTICR1: EXTI0–3 source port
	regEXTICR2 = 0x0C // SYSCFG_EXTICR2: EXTI4–7
	regEXTICR3 = 0x10 // SYSCFG_EXTICR3: EXTI8–11
	regEXTICR4 = 0x14 // SYSCFG_EXTICR4: EXTI12–15
	regCBR     = 0x1C // SYSCFG_CBR: class B register (not in the ST SVD)
	regCMPCR   = 0x20 // SYSCFG_CMPCR: compensation cell control register
)

// SYSCFG_MEMRMP fields (RM0410 §7.2.1; ST stm32f7xx CMSIS headers).
const (
	memrmpMEMBOOT  = 1 << 0  // MEM_BOOT (read-only): boot from BOOT_ADD1 when set
	memrmpSWPFB    = 1 << 8  // SWP_FB: flash bank swap (dual-bank devices)
	memrmpSWPFMC   = 3 << 10 // SWP_FMC[1:0]: FMC memory mapping swap
	memrmpWritable = memrmpSWPFB | memrmpSWPFMC
)

// SYSCFG_PMC fields (RM0410 §7.2.2; ST stm32f7xx CMSIS headers).
const (
	pmcI2CFMP   = 0xFF    // I2C1–4_FMP, PB6–PB9_FMP fast-mode-plus drive
	pmcADCxDC2  = 7 << 16 // ADC1DC2, ADC2DC2, ADC3DC2
	pmcMIIRMII  = 1 << 23 // MII_RMII_SEL: Ethernet PHY interface
	pmcWritable = pmcI2CFMP | pmcADCxDC2 | pmcMIIRMII
)

// SYSCFG_EXTICRn: four bits per line, the port index A = 0 … K = 10 (RM0410 §7.2.3–7.2.6).
const (
	exticrField    = 0xF
	exticrWritable = 0xFFFF
	maxPort        = 10 // PK
)

// SYSCFG_CBR fields (RM0410 §7.2.7; ST stm32f767xx/stm32f769xx.h SYSCFG_TypeDef has CBR
// at 0x1C). Both bits are set by software and cleared only by a system reset.
const (
	cbrCLL  = 1 << 0 // CLL: Cortex-M7 LOCKUP output connected to TIM1/8 break input
	cbrPVDL = 1 << 2 // PVDL: PVD connected to TIM1/8 break input
)

// SYSCFG_CMPCR fields (RM0410 §7.2.8).
const (
	cmpcrCMPPD = 1 << 0 // CMP_PD: compensation cell enabled when 1
	cmpcrREADY = 1 << 8 // READY (read-only)
)

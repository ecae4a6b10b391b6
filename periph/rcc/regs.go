package rcc

// Placement (RM0410 §2.2.2 memory map; ST stm32f769xx.h RCC_BASE).
const (
	Base = 0x4002_3800
	Size = 0x400
)

// Register offsets relative to Base (RM0410 §5.3.1–§5.3.28, register map at the end of §5.3).
const (
	regCR         = 0x00 // RCC_CR: clock control register, §5.3.1
	regPLLCFGR    = 0x04 // RCC_PLLCFGR: PLL configuration register, §5.3.2
	regCFGR       = 0x08 // RCC_CFGR: clock configuration register, §5.3.3
	regCIR        = 0x0C // RCC_CIR: clock interrupt register, §5.3.4
	regAHB1RSTR   = 0x10 // §5.3.5
	regAHB2RSTR   = 0x14 // §5.3.6
	regAHB3RSTR   = 0x18 // §5.3.7
	regAPB1RSTR   = 0x20 // §5.3.8
	regAPB2RSTR   = 0x24 // §5.3.9
	regAHB1ENR    = 0x30 // §5.3.10
	regAHB2ENR    = 0x34 // §5.3.11
	regAHB3ENR    = 0x38 // §5.3.12
	regAPB1ENR    = 0x40 // §5.3.13
	regAPB2ENR    = 0x44 // §5.3.14
	regAHB1LPENR  = 0x50 // §5.3.15
	regAHB2LPENR  = 0x54 // §5.3.16
	regAHB3LPENR  = 0x58 // §5.3.17
	regAPB1LPENR  = 0x60 // §5.3.18
	regAPB2LPENR  = 0x64 // §5.3.19
	regBDCR       = 0x70 // RCC_BDCR: backup domain control register, §5.3.20
	regCSR        = 0x74 // RCC_CSR: control/status register, §5.3.21
	regSSCGR      = 0x80 // RCC_SSCGR: spread spectrum clock generation register, §5.3.22
	regPLLI2SCFGR = 0x84 // §5.3.23
	regPLLSAICFGR = 0x88 // §5.3.24
	regDCKCFGR1   = 0x8C // RCC_DCKCFGR1: dedicated clocks configuration register 1, §5.3.25
	regDCKCFGR2   = 0x90 // RCC_DCKCFGR2: dedicated clocks configuration register 2, §5.3.26
	nRegs         = 0x94 / 4
)

// RCC_CR fields (§5.3.1).
const (
	crHSION     = 1 << 0
	crHSIRDY    = 1 << 1
	crHSITRIM   = 0x1F << 3
	crHSICAL    = 0xFF << 8
	crHSEON     = 1 << 16
	crHSERDY    = 1 << 17
	crHSEBYP    = 1 << 18
	crCSSON     = 1 << 19
	crPLLON     = 1 << 24
	crPLLRDY    = 1 << 25
	crPLLI2SON  = 1 << 26
	crPLLI2SRDY = 1 << 27
	crPLLSAION  = 1 << 28
	crPLLSAIRDY = 1 << 29
	// Bits software writes (the RDY bits and HSICAL are read-only).
	crWritable = crHSION | crHSITRIM | crHSEON | crHSEBYP | crCSSON | crPLLON | crPLLI2SON | crPLLSAION
)

// RCC_PLLCFGR fields (§5.3.2). PLLR exists on the STM32F76xxx/77xxx (DSI clock).
const (
	pllcfgrM      = 0x3F << 0
	pllcfgrN      = 0x1FF << 6
	pllcfgrP      = 0x3 << 16
	pllcfgrSRC    = 1 << 22
	pllcfgrQ      = 0xF << 24
	pllcfgrR      = 0x7 << 28
	pllcfgrMask   = pllcfgrM | pllcfgrN | pllcfgrP | pllcfgrSRC | pllcfgrQ | pllcfgrR
	pllcfgrNShift = 6
	pllcfgrPShift = 16
	pllcfgrQShift = 24
	pllcfgrRShift = 28
)

// RCC_CFGR fields (§5.3.3).
const (
	cfgrSW        = 0x3 << 0
	cfgrSWS       = 0x3 << 2
	cfgrHPRE      = 0xF << 4
	cfgrPPRE1     = 0x7 << 10
	cfgrPPRE2     = 0x7 << 13
	cfgrRTCPRE    = 0x1F << 16
	cfgrMCO1      = 0x3 << 21
	cfgrI2SSRC    = 1 << 23
	cfgrMCO1PRE   = 0x7 << 24
	cfgrMCO2PRE   = 0x7 << 27
	cfgrMCO2      = 0x3 << 30
	cfgrWritable  = 0xFFFF_FCF3 // all but SWS and the reserved bits 8–9
	cfgrSWSShift  = 2
	cfgrHPREShift = 4
	cfgrPPRE1Sh   = 10
	cfgrPPRE2Sh   = 13
	cfgrRTCPRESh  = 16
)

// System clock sources, CFGR.SW / SWS encodings (§5.3.3).
const (
	srcHSI = 0
	srcHSE = 1
	srcPLL = 2 // PLL_P
)

// RCC_CIR fields (§5.3.4). Flag i (bits 0–6) and enable i (bits 8–14) and clear i
// (bits 16–22) belong to the same oscillator; CSSF/CSSC are bit 7 and bit 23.
const (
	cirLSIRDY    = 0
	cirLSERDY    = 1
	cirHSIRDY    = 2
	cirHSERDY    = 3
	cirPLLRDY    = 4
	cirPLLI2SRDY = 5
	cirPLLSAIRDY = 6
	cirCSSF      = 1 << 7
	cirFlags     = 0x7F
	cirIEShift   = 8
	cirIE        = 0x7F << cirIEShift
	cirClrShift  = 16
	cirCSSC      = 1 << 23
)

// RCC_BDCR fields (§5.3.20). LSEDRV is in RM0410 but missing from the ST SVD.
const (
	bdcrLSEON   = 1 << 0
	bdcrLSERDY  = 1 << 1
	bdcrLSEBYP  = 1 << 2
	bdcrLSEDRV  = 0x3 << 3
	bdcrRTCSEL  = 0x3 << 8
	bdcrRTCEN   = 1 << 15
	bdcrBDRST   = 1 << 16
	bdcrRTCSELs = 8
	// The bits held in the backup domain, write-protected while PWR_CR1.DBP = 0.
	bdcrProtected = bdcrLSEON | bdcrLSEBYP | bdcrLSEDRV | bdcrRTCSEL | bdcrRTCEN
)

// RCC_CSR fields (§5.3.21).
const (
	csrLSION    = 1 << 0
	csrLSIRDY   = 1 << 1
	csrRMVF     = 1 << 24
	csrBORRSTF  = 1 << 25
	csrPINRSTF  = 1 << 26
	csrPORRSTF  = 1 << 27
	csrSFTRSTF  = 1 << 28
	csrIWDGRSTF = 1 << 29
	csrWWDGRSTF = 1 << 30
	csrLPWRRSTF = 1 << 31
	csrFlags    = 0xFE00_0000
)

// Reset flags for SystemReset (RCC_CSR bits, §5.3.21).
const (
	FlagBOR  = csrBORRSTF
	FlagPIN  = csrPINRSTF
	FlagPOR  = csrPORRSTF
	FlagSFT  = csrSFTRSTF
	FlagIWDG = csrIWDGRSTF
	FlagWWDG = csrWWDGRSTF
	FlagLPWR = csrLPWRRSTF
)

// RCC_PLLI2SCFGR / RCC_PLLSAICFGR fields (§5.3.23, §5.3.24): N at bits 6–14, P at
// 16–17 (PLLI2SP/PLLSAIP), Q at 24–27, R at 28–30.
const (
	plli2sMask  = 0x7F03_7FC0
	pllsaiMask  = 0x7F03_7FC0
	plliNShift  = 6
	plliPShift  = 16
	plliQShift  = 24
	plliRShift  = 28
	sscgrMask   = 0xCFFF_FFFF // MODPER, INCSTEP, SPREADSEL, SSCGEN (§5.3.22)
	dckcfgr1Msk = 0x07F3_1F1F // PLLI2SDIVQ, PLLSAIDIVQ, PLLSAIDIVR, SAI1SEL, SAI2SEL, TIMPRE, DFSDM1SEL, ADFSDM1SEL
	dckcfgr2Msk = 0x7FFF_FFFF // the kernel-clock selections, bits 0–30
)

// RCC_DCKCFGR1 / RCC_DCKCFGR2 fields (§5.3.25, §5.3.26).
const (
	dck1TIMPRE     = 1 << 24
	dck2I2CShift   = 16 // I2CnSEL at 16 + 2(n−1)
	dck2LPTIM1Sh   = 24
	dck2CK48MSEL   = 1 << 27
	dck2USARTShift = 0 // USART1SEL, USART2SEL, USART3SEL, UART4SEL, UART5SEL, USART6SEL, UART7SEL, UART8SEL at 2(n−1)
)

// Writable bits of the reset, enable and low-power enable registers: the ST SVD's
// fields, plus the STM32F76xxx bits RM0410 documents and the SVD lacks: AHB2 JPEG
// (bit 1), APB2 SDMMC2 (7), DSI (27), DFSDM1 (29), MDIO (30).
const (
	maskAHB1RSTR  = 0x22E0_17FF
	maskAHB2RSTR  = 0xF1 | 1<<1
	maskAHB3RSTR  = 0x3
	maskAPB1RSTR  = 0xFFFF_EBFF
	maskAPB2RSTR  = 0x04F7_7933 | apb2F76x
	maskAHB1ENR   = 0x7EF4_17FF
	maskAHB2ENR   = 0xF1 | 1<<1
	maskAHB3ENR   = 0x3
	maskAPB1ENR   = 0xFFFF_EFFF
	maskAPB2ENR   = 0x04F7_7F33 | apb2F76x
	maskAHB1LPENR = 0x7EEF_97FF
	maskAHB2LPENR = 0xF1 | 1<<1
	maskAHB3LPENR = 0x3
	maskAPB1LPENR = 0xFFFF_CBFF
	maskAPB2LPENR = 0x04F7_7F33 | apb2F76x
	apb2F76x      = 1<<7 | 1<<27 | 1<<29 | 1<<30
)

// Reset values (ST STM32F769 SVD, RM0410 §5.3). DCKCFGR1 and DCKCFGR2 reset to 0 in
// RM0410 (§5.3.25, §5.3.26); the SVD's 0x2000_3000 for them is a copy of the
// PLLSAICFGR value (it sets reserved bits 13 and 29 of DCKCFGR1, and would select LSE
// for UART7), so RM0410 is followed there.
const (
	resetCR         = crHSION | crHSIRDY | 16<<3 // HSITRIM = 16; HSICAL is Config.HSICal
	resetPLLCFGR    = 0x2400_3010                // M=16, N=192, P=/2, Q=4, R=2, HSI
	resetAHB1ENR    = 0x0010_0000                // DTCMRAMEN
	resetAHB1LPENR  = 0x7E67_91FF
	resetAHB2LPENR  = 0x0000_00F1
	resetAHB3LPENR  = 0x0000_0001
	resetAPB1LPENR  = 0x36FE_C9FF
	resetAPB2LPENR  = 0x0007_5F33
	resetCSR        = csrBORRSTF | csrPINRSTF | csrPORRSTF // power-on reset flags
	resetPLLI2SCFGR = 0x2000_3000
	resetPLLSAICFGR = 0x2000_3000
)

// Bus numbers for Enabled, InReset and Config.OnPeripheralReset.
const (
	AHB1 = 0
	AHB2 = 1
	AHB3 = 2
	APB1 = 3
	APB2 = 4
)

// Oscillator frequencies (RM0410 §5.2: HSI 16 MHz RC, LSI ~32 kHz RC; the DISCO board's
// HSE crystal is 25 MHz and its LSE crystal 32.768 kHz, UM2033).
const (
	HSIHz        = 16_000_000
	LSIHz        = 32_000
	DefaultHSEHz = 25_000_000
	DefaultLSEHz = 32_768
)

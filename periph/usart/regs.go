package usart

// Register offsets relative to the peripheral base (RM0410 §34.8, USART register map
// §34.8.12; ST SVD STM32F769 peripheral USART6 and its derivatives).
const (
	regCR1  = 0x00 // USART_CR1: control register 1, §34.8.1
	regCR2  = 0x04 // USART_CR2: control register 2, §34.8.2
	regCR3  = 0x08 // USART_CR3: control register 3, §34.8.3
	regBRR  = 0x0C // USART_BRR: baud rate register, §34.8.4
	regGTPR = 0x10 // USART_GTPR: guard time and prescaler register, §34.8.5
	regRTOR = 0x14 // USART_RTOR: receiver timeout register, §34.8.6
	regRQR  = 0x18 // USART_RQR: request register, §34.8.7 (write-only)
	regISR  = 0x1C // USART_ISR: interrupt and status register, §34.8.8 (read-only)
	regICR  = 0x20 // USART_ICR: interrupt flag clear register, §34.8.9 (write-only)
	regRDR  = 0x24 // USART_RDR: receive data register, §34.8.10 (read-only)
	regTDR  = 0x28 // USART_TDR: transmit data register, §34.8.11

	// Size is the address block of one USART (SVD addressBlock size 0x400).
	Size = 0x400
)

// USART_CR1 fields (§34.8.1).
const (
	cr1UE     = 1 << 0  // USART enable
	cr1RE     = 1 << 2  // receiver enable
	cr1TE     = 1 << 3  // transmitter enable
	cr1IDLEIE = 1 << 4  // IDLE interrupt enable
	cr1RXNEIE = 1 << 5  // RXNE (and ORE) interrupt enable
	cr1TCIE   = 1 << 6  // transmission complete interrupt enable
	cr1TXEIE  = 1 << 7  // TXE interrupt enable
	cr1PEIE   = 1 << 8  // parity error interrupt enable
	cr1PS     = 1 << 9  // parity selection: 0 even, 1 odd
	cr1PCE    = 1 << 10 // parity control enable
	cr1M0     = 1 << 12 // word length bit 0
	cr1OVER8  = 1 << 15 // oversampling by 8
	cr1RTOIE  = 1 << 26 // receiver timeout interrupt enable
	cr1M1     = 1 << 28 // word length bit 1

	// cr1Mask: bits 0–28 as listed in the SVD (UE … M1).
	cr1Mask = 0x1FFF_FFFF
	// cr1Locked: fields that "can only be written when the USART is disabled (UE=0)"
	// (§34.8.1: M1, OVER8, M0, PCE, PS; DEAT/DEDT).
	cr1Locked = cr1M1 | cr1OVER8 | cr1M0 | cr1PCE | cr1PS | 0x03FF_0000
)

// USART_CR2 fields (§34.8.2).
const (
	cr2STOPShift = 12      // STOP[1:0]: 00 1 bit, 01 0.5, 10 2, 11 1.5
	cr2STOP      = 3 << 12 //
	cr2RTOEN     = 1 << 23 // receiver timeout enable
	// cr2Mask: the SVD's fields (ADDM7 4, LBDL 5, LBDIE 6, LBCL 8, CPHA 9, CPOL 10,
	// CLKEN 11, STOP 12–13, LINEN 14, SWAP 15, RXINV 16, TXINV 17, TAINV 18,
	// MSBFIRST 19, ABREN 20, ABRMOD 21–22, RTOEN 23, ADD 24–31).
	cr2Mask = 0xFFFF_FF70
)

// USART_CR3 fields (§34.8.3).
const (
	cr3EIE    = 1 << 0  // error interrupt enable (FE, ORE, NF)
	cr3DMAR   = 1 << 6  // DMA enable receiver
	cr3DMAT   = 1 << 7  // DMA enable transmitter
	cr3OVRDIS = 1 << 12 // overrun disable
	// cr3Mask: the SVD's fields (EIE 0 … WUFIE 22; bit 16 reserved).
	cr3Mask = 0x007E_FFFF
)

// Other writable masks (§34.8.4–34.8.6, §34.8.11).
const (
	brrMask  = 0xFFFF      // BRR[15:0]
	gtprMask = 0xFFFF      // GT[15:8], PSC[7:0]
	rtorMask = 0xFFFF_FFFF // BLEN[31:24], RTO[23:0]
	rtoRTO   = 0x00FF_FFFF
	tdrMask  = 0x1FF // TDR[8:0]
)

// USART_RQR fields (§34.8.7).
const (
	rqrABRRQ = 1 << 0 // auto baud rate request (not modelled)
	rqrSBKRQ = 1 << 1 // send break request (not modelled)
	rqrMMRQ  = 1 << 2 // mute mode request (not modelled)
	rqrRXFRQ = 1 << 3 // receive data flush: clears RXNE
	rqrTXFRQ = 1 << 4 // transmit data flush: sets TXE
)

// USART_ISR fields (§34.8.8).
const (
	isrPE    = 1 << 0
	isrFE    = 1 << 1
	isrNF    = 1 << 2
	isrORE   = 1 << 3
	isrIDLE  = 1 << 4
	isrRXNE  = 1 << 5
	isrTC    = 1 << 6
	isrTXE   = 1 << 7
	isrRTOF  = 1 << 11
	isrBUSY  = 1 << 16
	isrTEACK = 1 << 21
	isrREACK = 1 << 22

	// resetISR: TXE and TC (SVD resetValue 0x00C0).
	resetISR = isrTXE | isrTC
)

// USART_ICR fields (§34.8.9): writing 1 clears the ISR flag at the same position.
const (
	icrPECF   = 1 << 0
	icrFECF   = 1 << 1
	icrNCF    = 1 << 2
	icrORECF  = 1 << 3
	icrIDLECF = 1 << 4
	icrTCCF   = 1 << 6
	icrRTOCF  = 1 << 11
	// icrModelled: the clear bits whose flags this model can set.
	icrModelled = icrPECF | icrFECF | icrNCF | icrORECF | icrIDLECF | icrTCCF | icrRTOCF
)

// Instance is one USART/UART of the STM32F769: its base, NVIC line and clock
// wiring, for the board's table.
type Instance struct {
	Name string
	Base uint32 // ST stm32f769xx.h, stm32f769-embassy.md §10.1, SVD baseAddress
	IRQ  int    // NVIC IRQ number (§10.2, SVD interrupt value)
	// APB is the bus the register interface sits on: 1 (PCLK1) or 2 (PCLK2).
	APB int
	// EnableBit is the RCC_APB1ENR / RCC_APB2ENR bit (and the same bit of RCC_APBxRSTR),
	// RM0410 §5.3.14, §5.3.15.
	EnableBit int
	// SelShift is the position of the two-bit kernel-clock mux in RCC_DCKCFGR2
	// (USARTxSEL / UARTxSEL: 00 APB clock, 01 SYSCLK, 10 HSI, 11 LSE), RM0410 §5.3.26.
	SelShift int
}

// Instances lists every USART and UART of the STM32F769 in RCC_DCKCFGR2 order.
var Instances = []Instance{
	{"USART1", 0x4001_1000, 37, 2, 4, 0},
	{"USART2", 0x4000_4400, 38, 1, 17, 2},
	{"USART3", 0x4000_4800, 39, 1, 18, 4},
	{"UART4", 0x4000_4C00, 52, 1, 19, 6},
	{"UART5", 0x4000_5000, 53, 1, 20, 8},
	{"USART6", 0x4001_1400, 71, 2, 5, 10},
	{"UART7", 0x4000_7800, 82, 1, 30, 12},
	{"UART8", 0x4000_7C00, 83, 1, 31, 14},
}

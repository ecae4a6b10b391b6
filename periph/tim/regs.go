package tim

// Register offsets relative to the timer's base (RM0410 §26.4 TIM1/TIM8 register map,
// §27.4 TIM2–TIM5, §28.4/§28.5 TIM9–TIM14, §29.4 TIM6/TIM7; ST SVD STM32F769).
const (
	regCR1   = 0x00 // TIMx_CR1 control register 1
	regCR2   = 0x04 // TIMx_CR2 control register 2 (recorded)
	regSMCR  = 0x08 // TIMx_SMCR slave mode control (recorded)
	regDIER  = 0x0C // TIMx_DIER DMA/interrupt enable
	regSR    = 0x10 // TIMx_SR status (rc_w0)
	regEGR   = 0x14 // TIMx_EGR event generation (write-only, reads 0)
	regCCMR1 = 0x18 // TIMx_CCMR1 capture/compare mode 1
	regCCMR2 = 0x1C // TIMx_CCMR2 capture/compare mode 2
	regCCER  = 0x20 // TIMx_CCER capture/compare enable (recorded)
	regCNT   = 0x24 // TIMx_CNT counter
	regPSC   = 0x28 // TIMx_PSC prescaler (preloaded)
	regARR   = 0x2C // TIMx_ARR auto-reload (preloaded when ARPE=1)
	regRCR   = 0x30 // TIMx_RCR repetition counter (TIM1/8)
	regCCR1  = 0x34 // TIMx_CCR1..CCR4 at 0x34..0x40
	regBDTR  = 0x44 // TIMx_BDTR break and dead-time (TIM1/8, recorded)
	regDCR   = 0x48 // TIMx_DCR DMA control (recorded)
	regDMAR  = 0x4C // TIMx_DMAR DMA burst address (recorded as a plain register)
	regOR1   = 0x50 // TIMx_OR / OR1 option register (recorded)
	regCCMR3 = 0x54 // TIM1/8_CCMR3 (recorded)
	regCCR5  = 0x58 // TIM1/8_CCR5 (recorded)
	regCCR6  = 0x5C // TIM1/8_CCR6 (recorded)
	regOR2   = 0x60 // OR2 as listed by the SVD for TIM2/TIM3 (recorded)
)

// TIMx_CR1 fields (RM0410 §26.4.1, §27.4.1).
const (
	cr1CEN  = 1 << 0 // counter enable
	cr1UDIS = 1 << 1 // update disable
	cr1URS  = 1 << 2 // update request source: 1 = only over/underflow sets UIF
	cr1OPM  = 1 << 3 // one-pulse mode: CEN cleared at the next update event
	cr1DIR  = 1 << 4 // 1 = down-counting
	cr1CMS  = 3 << 5 // centre-aligned mode (recorded, counts as edge-aligned)
	cr1ARPE = 1 << 7 // ARR preload enable
)

// TIMx_SR / TIMx_DIER / TIMx_EGR share bit positions for the events (RM0410 §27.4.4–§27.4.6).
const (
	srUIF   = 1 << 0 // update interrupt flag (DIER.UIE, EGR.UG)
	srCC1IF = 1 << 1 // CC1IF..CC4IF at bits 1..4 (DIER.CCxIE, EGR.CCxG)
	srCOMIF = 1 << 5 // COM (TIM1/8)
	srTIF   = 1 << 6 // trigger
	srBIF   = 1 << 7 // break (TIM1/8)
	srB2IF  = 1 << 8 // break 2 (TIM1/8)

	srCCAll = 0xF << 1 // CC1IF..CC4IF

	egrUG = 1 << 0
)

// TIMx_CCMRx per channel byte: CCxS[1:0] selects output (00) or input; OCxPE (bit 3)
// enables the CCRx preload (RM0410 §27.4.7).
const (
	ccmrCCS  = 3 << 0
	ccmrOCPE = 1 << 3
)

// layout lists which registers a timer kind has and their writable bits, the union of
// the SVD's fields (checked by TestMasksMatchSVD). A zero mask means the register is
// absent: it reads 0 and ignores writes.
type layout struct {
	cr1, cr2, smcr, dier, sr, egr, ccmr1, ccmr2, ccer uint32
	rcr, bdtr, dcr, dmar, or1, or2, ccmr3, ccr5, ccr6 uint32
}

var (
	// TIM1/TIM8 (RM0410 §26.4).
	layoutAdvanced = layout{cr1: 0x3FF, cr2: 0x7FFD, smcr: 0xFFF7, dier: 0x7FFF, sr: 0x1EFF, egr: 0xFF,
		ccmr1: 0xFFFF, ccmr2: 0xFFFF, ccer: 0x3FFF, rcr: 0xFF, bdtr: 0xFFFF, dcr: 0x1F1F, dmar: 0xFFFF,
		ccmr3: 0x0101_FCFC, ccr5: 0xE000_FFFF, ccr6: 0xFFFF}
	// TIM2 (RM0410 §27.4; OR1/OR2 as in the SVD).
	layoutTIM2 = layout{cr1: 0x3FF, cr2: 0xF8, smcr: 0xFFF7, dier: 0x5F5F, sr: 0x1E5F, egr: 0x5F,
		ccmr1: 0xFFFF, ccmr2: 0xFFFF, ccer: 0xBBBB, dcr: 0x1F1F, dmar: 0xFFFF, or1: 0xF, or2: 0x1_C000}
	// TIM3 (as TIM2; its SVD OR1 has only TI1_RMP).
	layoutTIM3 = layout{cr1: 0x3FF, cr2: 0xF8, smcr: 0xFFF7, dier: 0x5F5F, sr: 0x1E5F, egr: 0x5F,
		ccmr1: 0xFFFF, ccmr2: 0xFFFF, ccer: 0xBBBB, dcr: 0x1F1F, dmar: 0xFFFF, or1: 0x3, or2: 0x1_C000}
	// TIM4/TIM5 (RM0410 §27.4; the SVD lists no option register for them).
	layoutGP4 = layout{cr1: 0x3FF, cr2: 0xF8, smcr: 0xFFF7, dier: 0x5F5F, sr: 0x1E5F, egr: 0x5F,
		ccmr1: 0xFFFF, ccmr2: 0xFFFF, ccer: 0xBBBB, dcr: 0x1F1F, dmar: 0xFFFF}
	// TIM9/TIM12 (RM0410 §28.4).
	layoutGP2 = layout{cr1: 0x38F, smcr: 0xF7, dier: 0x47, sr: 0x647, egr: 0x47, ccmr1: 0x7F7F, ccer: 0xBB}
	// TIM10/11/13/14 (RM0410 §28.5; SMCR and OR as in the SVD; no OPM in CR1).
	layoutGP1 = layout{cr1: 0x387, smcr: 0x1_FFF7, dier: 0x3, sr: 0x203, egr: 0x3, ccmr1: 0xFF, ccer: 0xB, or1: 0x3}
	// TIM6/TIM7 (RM0410 §29.4).
	layoutBasic = layout{cr1: 0x8F, cr2: 0x70, dier: 0x101, sr: 0x1, egr: 0x1}
)

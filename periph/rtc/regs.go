package rtc

// Placement (RM0410 §2.2.2 memory map; §29.6.21 register map).
const (
	Base = 0x4000_2800
	Size = 0x400
)

// Register offsets relative to Base (RM0410 §29.6).
const (
	regTR       = 0x00 // RTC_TR time register, §29.6.1
	regDR       = 0x04 // RTC_DR date register, §29.6.2
	regCR       = 0x08 // RTC_CR control register, §29.6.3
	regISR      = 0x0C // RTC_ISR initialization and status register, §29.6.4
	regPRER     = 0x10 // RTC_PRER prescaler register, §29.6.5
	regWUTR     = 0x14 // RTC_WUTR wakeup timer register, §29.6.6
	regALRMAR   = 0x1C // RTC_ALRMAR, §29.6.7
	regALRMBR   = 0x20 // RTC_ALRMBR, §29.6.8
	regWPR      = 0x24 // RTC_WPR write protection register, §29.6.9
	regSSR      = 0x28 // RTC_SSR sub second register, §29.6.10
	regSHIFTR   = 0x2C // RTC_SHIFTR, §29.6.11
	regTSTR     = 0x30 // RTC_TSTR, §29.6.12
	regTSDR     = 0x34 // RTC_TSDR, §29.6.13
	regTSSSR    = 0x38 // RTC_TSSSR, §29.6.14
	regCALR     = 0x3C // RTC_CALR, §29.6.15
	regTAMPCR   = 0x40 // RTC_TAMPCR, §29.6.16
	regALRMASSR = 0x44 // RTC_ALRMASSR, §29.6.17
	regALRMBSSR = 0x48 // RTC_ALRMBSSR, §29.6.18
	regOR       = 0x4C // RTC_OR option register, §29.6.19
	regBKP0R    = 0x50 // RTC_BKP0R … RTC_BKP31R, §29.6.20
	NumBackup   = 32
	regEnd      = regBKP0R + 4*NumBackup
)

// RTC_ISR fields (§29.6.4).
const (
	isrINITS  = 1 << 4
	isrRSF    = 1 << 5
	isrINITF  = 1 << 6
	isrINIT   = 1 << 7
	isrFlags  = 0x3F00 // [13:8] ALRAF … TSOVF etc.: rc_w0, not write-protected
	resetISR  = 0x7    // ALRAWF | ALRBWF | WUTWF
	resetDR   = 0x2101 // Monday 1 January, year 00
	resetPRER = 0x007F_00FF
	resetWUTR = 0xFFFF
)

// Field masks.
const (
	trMask     = 0x007F_7F7F // PM, HT, HU, MNT, MNU, ST, SU
	drMask     = 0x00FF_FF3F // YT, YU, WDU, MT, MU, DT, DU
	prerS      = 0x7FFF      // PREDIV_S[14:0]
	prerA      = 0x7F << 16  // PREDIV_A[22:16]
	prerAShift = 16
)

// RTC_WPR keys (§29.3.8).
const (
	wprKey1 = 0xCA
	wprKey2 = 0x53
)

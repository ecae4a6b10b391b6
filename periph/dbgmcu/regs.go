package dbgmcu

// Base and size of the DBGMCU registers (RM0410 §40.16: 0xE004_2000, on the PPB).
const (
	Base = 0xE0042000
	Size = 0x400 // the SVD address block; offsets past APB2_FZ read as zero
)

// Register offsets (RM0410 §40.16).
const (
	regIDCODE = 0x0 // DBGMCU_IDCODE, read-only
	regCR     = 0x4 // DBGMCU_CR
	regAPB1FZ = 0x8 // DBGMCU_APB1_FZ
	regAPB2FZ = 0xC // DBGMCU_APB2_FZ
)

// DBGMCU_IDCODE (RM0410 §40.6.1 MCU device ID code, §40.16): REV_ID[31:16], DEV_ID[11:0].
// DEV_ID 0x451 is the STM32F76xxx/77xxx. REV_ID 0x1001 is revision "Z", the current
// production revision per errata sheet ES0334 (Table "Device variants": A = 0x1000,
// Z = 0x1001). The ST SVD's reset value (0x1000_6411) is that of another device and
// is not used.
const (
	DevID  = 0x451
	RevID  = 0x1001
	IDCODE = RevID<<16 | DevID
)

// Writable bits, from the fields RM0410 §40.16 defines (checked against the ST SVD).
const (
	CRDBGSLEEP     = 1 << 0
	CRDBGSTOP      = 1 << 1
	CRDBGSTANDBY   = 1 << 2
	CRTRACEIOEN    = 1 << 5 // TRACE_IOEN (SVD: TRACE_CLKINEN)
	CRTRACEMODEPos = 6      // TRACE_MODE[1:0]
	crWritable     = CRDBGSLEEP | CRDBGSTOP | CRDBGSTANDBY | CRTRACEIOEN | 3<<CRTRACEMODEPos

	// APB1_FZ: TIM2–7, TIM12–14, LPTIM1, RTC, WWDG, IWDG, CAN3 (bits 0–13),
	// I2C1–4 SMBus timeouts (21–24), CAN1, CAN2 (25, 26).
	apb1Writable = 0x3FFF | 0xF<<21 | 3<<25
	// APB2_FZ: TIM1, TIM8 (bits 0, 1), TIM9–11 (16–18).
	apb2Writable = 3 | 7<<16
)

package iwdg

// Placement (RM0410 §2.2.2 memory map; §23.4.6 register map).
const (
	Base = 0x4000_3000
	Size = 0x400
)

// Register offsets relative to Base (RM0410 §23.4).
const (
	regKR   = 0x00 // IWDG_KR: key register, §23.4.1
	regPR   = 0x04 // IWDG_PR: prescaler register, §23.4.2
	regRLR  = 0x08 // IWDG_RLR: reload register, §23.4.3
	regSR   = 0x0C // IWDG_SR: status register, §23.4.4
	regWINR = 0x10 // IWDG_WINR: window register, §23.4.5
)

// IWDG_KR keys (§23.4.1).
const (
	KeyStart  = 0xCCCC
	KeyReload = 0xAAAA
	KeyAccess = 0x5555
)

// Field masks.
const (
	prPR     = 0x7   // PR[2:0], §23.4.2
	rlrRL    = 0xFFF // RL[11:0], §23.4.3
	winrWIN  = 0xFFF // WIN[11:0], §23.4.5
	srPVU    = 1 << 0
	srRVU    = 1 << 1
	srWVU    = 1 << 2
	resetRLR = 0xFFF
	// resetWINR: RM0410 §23.4.5 gives 0x0000_0FFF (window disabled); the ST SVD says 0.
	resetWINR = 0xFFF
)

// LSIHz is the LSI RC frequency, RM0410 §5.2.5 (typical 32 kHz).
const LSIHz = 32_000

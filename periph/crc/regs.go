package crc

// Base and size of the CRC calculation unit (RM0410 §2.2.2: 0x4002_3000, AHB1).
const (
	Base = 0x40023000
	Size = 0x400
)

// Register offsets (RM0410 §14.4.7 register map).
const (
	regDR   = 0x00 // §14.4.1 CRC_DR
	regIDR  = 0x04 // §14.4.2 CRC_IDR
	regCR   = 0x08 // §14.4.3 CRC_CR
	regINIT = 0x10 // §14.4.4 CRC_INIT
	regPOL  = 0x14 // §14.4.5 CRC_POL
)

// CRC_CR fields (RM0410 §14.4.3).
const (
	crRESET       = 1 << 0 // reset the CRC calculation unit (DR := INIT); reads 0
	crPOLYSIZEPos = 3      // POLYSIZE[1:0]: 00 32-bit, 01 16-bit, 10 8-bit, 11 7-bit
	crPOLYSIZE    = 3 << crPOLYSIZEPos
	crREVINPos    = 5 // REV_IN[1:0]: 00 none, 01 by byte, 10 by half-word, 11 by word
	crREVIN       = 3 << crREVINPos
	crREVOUT      = 1 << 7 // bit-reversed output
	crWritable    = crPOLYSIZE | crREVIN | crREVOUT
)

// Reset values (RM0410 §14.4). The ST SVD gives 0 for CRC_INIT and CRC_POL; the
// reference manual gives 0xFFFF_FFFF and 0x04C1_1DB7, which is what silicon and
// the HAL rely on (the default configuration computes CRC-32/MPEG-2).
const (
	ResetDR   = 0xFFFFFFFF
	ResetINIT = 0xFFFFFFFF
	ResetPOL  = 0x04C11DB7
)

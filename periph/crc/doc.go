// Package crc models the STM32F7 CRC calculation unit (RM0410 §14).
//
// Writing CRC_DR feeds data: a word write feeds 32 bits, a half-word write 16 and a
// byte write 8, most significant bit first after the optional input bit reversal
// (CR.REV_IN). The polynomial (CRC_POL) and the CRC size (CR.POLYSIZE: 32, 16, 8 or
// 7 bits) are programmable; reading CRC_DR gives the CRC, bit-reversed over the CRC
// size when CR.REV_OUT is set. Setting CR.RESET loads CRC_DR from CRC_INIT. The
// result is available at once (silicon takes 1–4 AHB cycles per write and stalls the
// bus; the model does not add those stalls). CRC_IDR is an 8-bit scratch register
// that RESET does not touch.
package crc

package rng

// Base, size and interrupt of the RNG (RM0410 §2.2.2: 0x5006_0800 on AHB2;
// RM0410 §10.2 Table 46: position 80, HASH_RNG).
const (
	Base = 0x50060800
	Size = 0x400
	IRQ  = 80
)

// Register offsets (RM0410 §22.4.4 register map).
const (
	regCR = 0x0 // §22.4.1 RNG_CR
	regSR = 0x4 // §22.4.2 RNG_SR
	regDR = 0x8 // §22.4.3 RNG_DR
)

// RNG_CR fields (RM0410 §22.4.1).
const (
	crRNGEN    = 1 << 2
	crIE       = 1 << 3
	crWritable = crRNGEN | crIE
)

// RNG_SR fields (RM0410 §22.4.2).
const (
	srDRDY = 1 << 0 // data ready (read-only)
	srCECS = 1 << 1 // clock error current status (read-only)
	srSECS = 1 << 2 // seed error current status (read-only)
	srCEIS = 1 << 5 // clock error interrupt status (rc_w0)
	srSEIS = 1 << 6 // seed error interrupt status (rc_w0)
)

// Periods is the number of RNG-clock periods between two values (RM0410 §22.3.1).
const Periods = 40

// DefaultSeed is the seed used when Config.Seed is zero.
const DefaultSeed = 0x6D37656D75524E47 // "m7emuRNG"

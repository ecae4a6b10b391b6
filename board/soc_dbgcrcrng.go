package board

import (
	"m7emu/bus"
	"m7emu/periph/crc"
	"m7emu/periph/dbgmcu"
	"m7emu/periph/rng"
)

// DefaultSeed is the RNG seed used when Config.Seed is 0.
const DefaultSeed = rng.DefaultSeed

// newDbgCRCRNG builds the rows of models "dbgmcu", "crc" and "rng" (RM0410 §40.16,
// §14, §22). The RNG's clock is PLL48CLK (RM0410 §5.2); while that clock is 0 (PLL
// off) the RNG model falls back to the core clock: 40 CPU cycles per value.
func (b *Board) newDbgCRCRNG(p SoCPeriph) (bus.Device, bool) {
	switch p.Model {
	case "dbgmcu":
		return dbgmcu.New(), true
	case "crc":
		return crc.New(), true
	case "rng":
		cfg := rng.Config{Sched: b.Sched, Now: b.now, Seed: b.cfg.Seed}
		if b.RCC != nil {
			cfg.CPUHz = b.RCC.HCLK
			cfg.RNGHz = func() uint64 { return b.RCC.Freqs().PLL48 }
		}
		if len(p.IRQs) > 0 {
			cfg.IRQ = b.sharedLine(p.IRQs[0]) // HASH_RNG: shared with HASH (not modelled)
		}
		return rng.New(cfg), true
	}
	return nil, false
}

// RNG returns the random number generator, or nil on machines without one.
func (b *Board) RNG() *rng.RNG {
	for _, p := range b.periphs {
		if r, ok := p.dev.(*rng.RNG); ok {
			return r
		}
	}
	return nil
}

// dbgCRCRNGRows are the F769 SoC table rows of the CRC unit, the RNG and DBGMCU
// (bases: RM0410 §2.2.2 and §40.16, checked against the ST SVD by the packages'
// tests; RNG interrupt: RM0410 §10.2 Table 46, position 80 HASH_RNG).
func dbgCRCRNGRows() []SoCPeriph {
	return []SoCPeriph{
		{Name: "CRC", Model: "crc", Base: crc.Base, Size: crc.Size, Clock: "AHB1"},
		{Name: "RNG", Model: "rng", Base: rng.Base, Size: rng.Size, IRQs: []int{rng.IRQ}, Clock: "AHB2"},
		{Name: "DBGMCU", Model: "dbgmcu", Base: dbgmcu.Base, Size: dbgmcu.Size, Clock: "PPB"},
	}
}

package board

import (
	"testing"

	"m7emu/periph/crc"
	"m7emu/periph/dbgmcu"
	"m7emu/periph/rng"
)

// rngValues enables the RNG through the bus (RM0410 §22.3.1: RNG_CR.RNGEN) and reads
// n values from RNG_DR, letting 40 cycles pass before each (the RNG clock falls back
// to the core clock while PLL48CLK is off).
func rngValues(t *testing.T, seed uint64, n int) []uint32 {
	t.Helper()
	b := newF769(t, Config{Seed: seed})
	wr(t, b, rng.Base+0x0, 1<<2) // RNGEN
	var out []uint32
	for i := 0; i < n; i++ {
		if rd(t, b, rng.Base+0x4)&1 != 0 {
			t.Fatal("DRDY set before 40 RNG-clock periods")
		}
		b.CPU.Cycles += rng.Periods
		if rd(t, b, rng.Base+0x4)&1 == 0 {
			t.Fatal("DRDY clear after 40 RNG-clock periods")
		}
		out = append(out, rd(t, b, rng.Base+0x8))
	}
	return out
}

// TestF769RNGSeed: equal seeds give equal RNG_DR streams, different seeds differ.
func TestF769RNGSeed(t *testing.T) {
	a, b, c := rngValues(t, 7, 8), rngValues(t, 7, 8), rngValues(t, 8, 8)
	differ := false
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seed 7: run 1 value %d = %#x, run 2 %#x", i, a[i], b[i])
		}
		differ = differ || a[i] != c[i]
	}
	if !differ {
		t.Error("seeds 7 and 8 give the same values")
	}
}

// TestF769CRCAndDBGMCU: the models, not latches, answer at their bases.
func TestF769CRCAndDBGMCU(t *testing.T) {
	b := newF769(t, Config{})
	for _, c := range "123456789" {
		if err := b.Bus.Write(crc.Base, 1, uint32(c)); err != nil {
			t.Fatal(err)
		}
	}
	if got := rd(t, b, crc.Base); got != 0x0376E6E7 { // CRC-32/MPEG-2 check value
		t.Errorf("CRC_DR = %#x, want 0x0376e6e7", got)
	}
	if got := rd(t, b, dbgmcu.Base); got&0xFFF != 0x451 { // RM0410 §40.6.1 DEV_ID
		t.Errorf("DBGMCU_IDCODE = %#x, want DEV_ID 0x451", got)
	}
	wr(t, b, dbgmcu.Base+4, 7) // DBG_SLEEP | DBG_STOP | DBG_STANDBY, as Embassy writes
	if got := rd(t, b, dbgmcu.Base+4); got != 7 {
		t.Errorf("DBGMCU_CR = %#x, want 7", got)
	}
	if b.RNG() == nil {
		t.Error("no RNG built")
	}
}

package pwr

import (
	"testing"

	"m7emu/internal/svd"
)

func rd(t *testing.T, p *PWR, off uint32) uint32 {
	t.Helper()
	v, err := p.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wr(t *testing.T, p *PWR, off, v uint32) {
	t.Helper()
	if err := p.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

// TestSVDResetValues: base, offsets and reset values against the ST SVD (RM0410 §4.4.5).
func TestSVDResetValues(t *testing.T) {
	per := svd.ForTest(t).Peripheral("PWR")
	if per == nil {
		t.Fatal("SVD has no PWR")
	}
	ours := map[string]uint32{"CR1": regCR1, "CSR1": regCSR1, "CR2": regCR2, "CSR2": regCSR2}
	p := New(Config{})
	if per.Base != Base {
		t.Errorf("PWR base: SVD 0x%08x, ours 0x%08x", per.Base, uint32(Base))
	}
	if len(per.Registers) != len(ours) {
		t.Errorf("SVD has %d PWR registers, we model %d", len(per.Registers), len(ours))
	}
	for _, r := range per.Registers {
		off, ok := ours[r.Name]
		if !ok {
			t.Errorf("PWR_%s not modelled", r.Name)
			continue
		}
		if r.Offset != off {
			t.Errorf("PWR_%s offset: SVD 0x%x, ours 0x%x", r.Name, r.Offset, off)
		}
		if got, want := rd(t, p, off), r.Reset; got != want {
			t.Errorf("PWR_%s reset: got 0x%08x, want 0x%08x", r.Name, got, want)
		}
	}
}

// TestOverDrive: ODRDY follows ODEN, ODSWRDY follows ODSWEN, ODSWEN needs ODRDY and
// is cleared with ODEN (RM0410 §4.4.1, §4.4.2; the F7 over-drive sequence of
// stm32f769-embassy.md §3 step 6.2).
func TestOverDrive(t *testing.T) {
	p := New(Config{})
	wr(t, p, regCR1, rd(t, p, regCR1)|cr1ODSWEN) // without ODEN: refused
	if rd(t, p, regCR1)&cr1ODSWEN != 0 || rd(t, p, regCSR1)&csr1ODSWRDY != 0 {
		t.Fatal("ODSWEN accepted without ODRDY")
	}
	wr(t, p, regCR1, rd(t, p, regCR1)|cr1ODEN)
	if rd(t, p, regCSR1) != csr1ODRDY {
		t.Fatalf("CSR1 0x%08x after ODEN", rd(t, p, regCSR1))
	}
	wr(t, p, regCR1, rd(t, p, regCR1)|cr1ODSWEN)
	if rd(t, p, regCSR1) != csr1ODRDY|csr1ODSWRDY || !p.OverDrive() {
		t.Fatalf("CSR1 0x%08x after ODSWEN", rd(t, p, regCSR1))
	}
	wr(t, p, regCR1, rd(t, p, regCR1)&^cr1ODEN)
	if rd(t, p, regCR1)&(cr1ODEN|cr1ODSWEN) != 0 || rd(t, p, regCSR1) != 0 {
		t.Fatalf("CR1 0x%08x CSR1 0x%08x after clearing ODEN", rd(t, p, regCR1), rd(t, p, regCSR1))
	}
	// The ready bits are read-only.
	wr(t, p, regCSR1, csr1ODRDY|csr1ODSWRDY|csr1VOSRDY)
	if rd(t, p, regCSR1) != 0 {
		t.Fatal("CSR1 ready bits writable")
	}
}

// TestDBP: DBP reads back and drives BackupWritable (RM0410 §4.4.1).
func TestDBP(t *testing.T) {
	p := New(Config{})
	if p.BackupWritable() {
		t.Fatal("backup writable at reset")
	}
	wr(t, p, regCR1, rd(t, p, regCR1)|cr1DBP)
	if rd(t, p, regCR1) != 0xC000|cr1DBP || !p.BackupWritable() {
		t.Fatalf("CR1 0x%08x", rd(t, p, regCR1))
	}
	wr(t, p, regCR1, 0xC000)
	if p.BackupWritable() {
		t.Fatal("DBP did not clear")
	}
}

// TestVOS: VOS is writable only with the PLL off; VOSRDY follows PLL ready
// (RM0410 §4.4.1 VOS, §4.4.2 VOSRDY).
func TestVOS(t *testing.T) {
	pll := false
	changes := 0
	p := New(Config{PLLReady: func() bool { return pll }, OnChange: func() { changes++ }})
	if p.VOS() != 3 {
		t.Fatalf("VOS at reset %d, want 3 (scale 1)", p.VOS())
	}
	wr(t, p, regCR1, 1<<14) // scale 3
	if p.VOS() != 1 || changes != 1 {
		t.Fatalf("VOS %d, changes %d", p.VOS(), changes)
	}
	pll = true
	if rd(t, p, regCSR1)&csr1VOSRDY == 0 {
		t.Fatal("VOSRDY clear with PLL on")
	}
	wr(t, p, regCR1, 3<<14) // ignored with PLL on
	if p.VOS() != 1 || changes != 1 {
		t.Fatalf("VOS changed with PLL on: %d", p.VOS())
	}
}

// TestClearBits: CSBF and CWUPFx read as 0; BRR follows BRE; EWUP/WUPP are plain
// read/write (RM0410 §4.4.1–§4.4.4).
func TestClearBits(t *testing.T) {
	p := New(Config{})
	wr(t, p, regCR1, 0xC000|cr1CSBF)
	if rd(t, p, regCR1) != 0xC000 {
		t.Fatal("CSBF reads back")
	}
	wr(t, p, regCSR1, csr1BRE|csr1EIWUP)
	if rd(t, p, regCSR1) != csr1BRE|csr1BRR|csr1EIWUP {
		t.Fatalf("CSR1 0x%08x", rd(t, p, regCSR1))
	}
	wr(t, p, regCR2, 0x3F3F)
	wr(t, p, regCSR2, 0xFFFF)
	if rd(t, p, regCR2) != 0x3F00 || rd(t, p, regCSR2) != 0x3F00 {
		t.Fatalf("CR2 0x%08x CSR2 0x%08x", rd(t, p, regCR2), rd(t, p, regCSR2))
	}
	if v, _ := p.Read(regCR1+1, 1); v != 0xC0 {
		t.Fatalf("CR1 byte 1 = 0x%x", v)
	}
	if err := p.Write(regCR1+1, 1, 0xC1); err != nil { // DBP via a byte store
		t.Fatal(err)
	}
	if !p.BackupWritable() {
		t.Fatal("byte write of DBP lost")
	}
}

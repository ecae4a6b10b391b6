package latch

import (
	"testing"

	"m7emu/bus"
)

// A block shaped like the start of LTDC (ST STM32F769 SVD: SSCR 0x08 reset 0,
// BPCR 0x0C, ... GCR 0x18 reset 0x2220), plus a halfword and a byte register to
// exercise the narrow layouts the SVD format allows.
func testRegs() []Register {
	return []Register{
		{Name: "SSCR", Offset: 0x08, Size: 32, Reset: 0},
		{Name: "GCR", Offset: 0x18, Size: 32, Reset: 0x0000_2220},
		{Name: "H0", Offset: 0x20, Size: 16, Reset: 0xBEEF},
		{Name: "B3", Offset: 0x23, Size: 8, Reset: 0x5A},
		{Name: "GCR_ALIAS", Offset: 0x18, Size: 32, Reset: 0xFFFF_FFFF}, // same word: first listed wins
	}
}

func TestResetValues(t *testing.T) {
	l := New(Config{Name: "X", Base: 0x4001_6800, Regs: testRegs()})
	cases := []struct {
		off  uint32
		w    bus.Width
		want uint32
	}{
		{0x18, 4, 0x2220},
		{0x18, 2, 0x2220},
		{0x19, 1, 0x22},
		{0x1A, 2, 0},
		{0x08, 4, 0},
		{0x00, 4, 0},          // reserved offset inside the block
		{0x20, 4, 0x5A00BEEF}, // halfword at 0x20, byte at 0x23, byte 0x22 reserved
		{0x22, 2, 0x5A00},
		{0x1F, 2, 0xEF00}, // unaligned across a word boundary: byte 0x1F (0) and 0x20 (0xEF)
	}
	for _, c := range cases {
		got, err := l.Read(c.off, c.w)
		if err != nil || got != c.want {
			t.Errorf("Read(%#x, %d) = %#x, %v; want %#x", c.off, c.w, got, err, c.want)
		}
	}
}

func TestWritesLatch(t *testing.T) {
	l := New(Config{Name: "X", Base: 0x4001_6800, Regs: testRegs()})
	steps := []struct {
		off  uint32
		w    bus.Width
		v    uint32
		roff uint32
		want uint32
	}{
		{0x08, 4, 0x1234_5678, 0x08, 0x1234_5678},
		{0x09, 1, 0xAB, 0x08, 0x1234_AB78},       // byte write replaces one byte
		{0x0A, 2, 0xCDEF, 0x08, 0xCDEF_AB78},     // halfword write the upper half
		{0x00, 4, 0xFFFF_FFFF, 0x00, 0},          // reserved: ignored
		{0x20, 4, 0xFFFF_FFFF, 0x20, 0xFF00FFFF}, // byte 0x22 is no register's
		{0x1E, 4, 0x1122_3344, 0x20, 0xFF001122}, // unaligned, crosses into 0x20
	}
	for _, s := range steps {
		if err := l.Write(s.off, s.w, s.v); err != nil {
			t.Fatalf("Write(%#x): %v", s.off, err)
		}
		if got, _ := l.Read(s.roff, 4); got != s.want {
			t.Errorf("after Write(%#x, %d, %#x): Read(%#x) = %#x, want %#x", s.off, s.w, s.v, s.roff, got, s.want)
		}
	}
	l.Reset()
	if got, _ := l.Read(0x08, 4); got != 0 {
		t.Errorf("after Reset: SSCR = %#x, want 0", got)
	}
	if got, _ := l.Read(0x18, 4); got != 0x2220 {
		t.Errorf("after Reset: GCR = %#x, want 0x2220", got)
	}
}

func TestWarnOnce(t *testing.T) {
	var msgs []string
	l := New(Config{Name: "LTDC", Base: 0x4001_6800, Regs: testRegs(), Warn: func(m string) { msgs = append(msgs, m) }})
	if len(msgs) != 0 {
		t.Fatalf("warning before any access: %q", msgs)
	}
	l.Write(0x00, 4, 1) // a reserved offset counts as an access too
	l.Read(0x18, 4)
	l.Reset()
	l.Read(0x18, 1)
	want := "LTDC (0x40016800) is not modelled; accesses read/write plain registers"
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("warnings %q, want exactly [%q]", msgs, want)
	}
	if !l.Warned() {
		t.Error("Warned() = false after an access")
	}
}

func TestNilWarn(t *testing.T) {
	l := New(Config{Name: "X"}) // no registers, no Warn: must not crash
	if v, err := l.Read(0x3FC, 4); v != 0 || err != nil {
		t.Errorf("Read = %#x, %v", v, err)
	}
	if err := l.Write(0x3FC, 4, 1); err != nil {
		t.Error(err)
	}
}

package thumb

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkInvariants checks what must hold for any halfword pair: Decode and Format never
// panic, Size is 4 exactly when hw1 is a 32-bit prefix, Raw is the encoding, an error
// goes with OpUNDEFINED (and only with it), and Format returns a non-empty string.
func checkInvariants(hw1, hw2 uint16, it ITState, pc uint32) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v", r)
		}
	}()
	in, err := Decode(hw1, hw2)
	wantSize, wantRaw := uint8(2), uint32(hw1)
	if Is32(hw1) {
		wantSize, wantRaw = 4, uint32(hw1)<<16|uint32(hw2)
	}
	switch {
	case in.Size != wantSize:
		return fmt.Sprintf("Size %d, want %d", in.Size, wantSize)
	case in.Raw != wantRaw:
		return fmt.Sprintf("Raw %#x, want %#x", in.Raw, wantRaw)
	case in.Op >= NumOps:
		return fmt.Sprintf("Op %d out of range", in.Op)
	case (err != nil) != (in.Op == OpUNDEFINED):
		return fmt.Sprintf("Op %v with error %v", in.Op, err)
	}
	syms := func(a uint32) string { return fmt.Sprintf("sym+0x%x", a&0xFF) }
	if s := in.Format(Context{PC: pc, IT: it, Syms: syms}); s == "" {
		return fmt.Sprintf("%v formats as an empty string", in.Op)
	}
	if s := in.String(); s == "" {
		return fmt.Sprintf("%v String() is empty", in.Op)
	}
	return ""
}

// FuzzDecode checks the decoder invariants on arbitrary halfwords, IT states and PCs.
func FuzzDecode(f *testing.F) {
	for _, s := range [][2]uint16{{0, 0}, {0xBF08, 0}, {0x4770, 0}, {0xF3EF, 0x8014}, {0xF7FF, 0xFFFE},
		{0xE92D, 0x4FF0}, {0xFB00, 0xF000}, {0xEE00, 0x0A10}, {0xFFFF, 0xFFFF}, {0xE800, 0}} {
		f.Add(s[0], s[1], uint8(0), uint32(0x08000000))
	}
	f.Add(uint16(0x4408), uint16(0), uint8(0x1C), uint32(0xFFFFFFFE))
	f.Fuzz(func(t *testing.T, hw1, hw2 uint16, it uint8, pc uint32) {
		if msg := checkInvariants(hw1, hw2, ITState(it), pc&^1); msg != "" {
			t.Fatalf("%04x %04x (IT %02x): %s", hw1, hw2, it, msg)
		}
	})
}

// TestDecodeInvariants runs the invariants over every first halfword (with a varying
// second halfword and IT state) and over 300,000 random 32-bit encodings.
func TestDecodeInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	bad := 0
	check := func(hw1, hw2 uint16, it ITState) {
		if msg := checkInvariants(hw1, hw2, it, 0x08000000+2*uint32(hw1)); msg != "" {
			if bad++; bad <= 20 {
				t.Errorf("%04x %04x (IT %02x): %s", hw1, hw2, uint8(it), msg)
			}
		}
	}
	its := []ITState{0, 0x08, 0x1C, 0xE8, 0xF4}
	for v := 0; v < 0x10000; v++ {
		check(uint16(v), uint16(r.Uint32()), its[v%len(its)])
	}
	n := 300000
	if testing.Short() {
		n = 30000
	}
	for i := 0; i < n; i++ {
		check(uint16(0xE800+r.Uint32N(0x1800)), uint16(r.Uint32()), its[i%len(its)])
	}
	if bad > 0 {
		t.Errorf("%d encodings break the invariants", bad)
	}
}

// FuzzListing checks that Listing never panics on arbitrary bytes, data ranges and
// symbols, and that it always writes something for a non-empty section.
func FuzzListing(f *testing.F) {
	f.Add([]byte{0x00, 0xbf, 0x70, 0x47, 1, 2, 3, 4, 0, 0}, uint8(0x0c), uint8(3))
	f.Add([]byte{0xf0, 0xf7, 0x08, 0xbf}, uint8(0), uint8(1))
	f.Fuzz(func(t *testing.T, code []byte, dataMask, symAt uint8) {
		const base = 0x1000
		isData := func(a uint32) bool { return dataMask>>((a-base)&7)&1 != 0 }
		syms := NewSymbols([]Symbol{
			{Name: "s", Addr: base + uint32(symAt), Section: ".text", Object: symAt&1 != 0},
			{Name: "t", Addr: base + 2*uint32(symAt), Section: ".text", Func: true},
		}, ".text")
		var b strings.Builder
		if err := Listing(code, base, isData, syms, &b); err != nil {
			t.Fatal(err)
		}
		if len(code) > 0 && b.Len() == 0 {
			t.Fatal("empty listing")
		}
	})
}

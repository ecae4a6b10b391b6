package crc

import (
	"testing"

	"m7emu/bus"
	"m7emu/internal/svd"
)

const check = "123456789" // the check string of the CRC catalogue (reveng "check" values)

func wr(t *testing.T, c *CRC, off uint32, w bus.Width, v uint32) {
	t.Helper()
	if err := c.Write(off, w, v); err != nil {
		t.Fatal(err)
	}
}

func rd(t *testing.T, c *CRC, off uint32, w bus.Width) uint32 {
	t.Helper()
	v, err := c.Read(off, w)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCatalogue checks check values of the reveng CRC catalogue, fed byte by byte
// (RM0410 §14.3: 8-bit writes to CRC_DR feed 8 bits).
func TestCatalogue(t *testing.T) {
	tests := []struct {
		name      string
		polysize  uint32 // CR.POLYSIZE
		pol, init uint32
		revIn     uint32 // CR.REV_IN
		revOut    bool
		xorOut    uint32 // applied by software
		want      uint32
	}{
		{"CRC-32/MPEG-2 (reset config)", 0, ResetPOL, ResetINIT, 0, false, 0, 0x0376E6E7},
		{"CRC-32 (ISO-HDLC)", 0, 0x04C11DB7, 0xFFFFFFFF, 1, true, 0xFFFFFFFF, 0xCBF43926},
		{"CRC-32C", 0, 0x1EDC6F41, 0xFFFFFFFF, 1, true, 0xFFFFFFFF, 0xE3069283},
		{"CRC-16/IBM-3740 (CCITT-FALSE)", 1, 0x1021, 0xFFFF, 0, false, 0, 0x29B1},
		{"CRC-16/ARC", 1, 0x8005, 0, 1, true, 0, 0xBB3D},
		{"CRC-8/SMBUS", 2, 0x07, 0, 0, false, 0, 0xF4},
		{"CRC-7/MMC", 3, 0x09, 0, 0, false, 0, 0x75},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := New()
			wr(t, c, regPOL, 4, tc.pol)
			wr(t, c, regINIT, 4, tc.init)
			cr := tc.polysize<<crPOLYSIZEPos | tc.revIn<<crREVINPos | crRESET
			if tc.revOut {
				cr |= crREVOUT
			}
			wr(t, c, regCR, 4, cr)
			for i := 0; i < len(check); i++ {
				wr(t, c, regDR, 1, uint32(check[i]))
			}
			if got := rd(t, c, regDR, 4) ^ tc.xorOut; got != tc.want {
				t.Errorf("CRC = %#x, want %#x", got, tc.want)
			}
		})
	}
}

// TestWidths feeds the same bytes as words, half-words and bytes (RM0410 §14.3:
// the unit takes 32-, 16- or 8-bit input); words are written as a little-endian CPU
// stores them, so REV_IN by word reflects each byte and keeps their order.
func TestWidths(t *testing.T) {
	le := func(s string) uint32 {
		var v uint32
		for i := len(s) - 1; i >= 0; i-- {
			v = v<<8 | uint32(s[i])
		}
		return v
	}
	be := func(s string) uint32 {
		var v uint32
		for i := 0; i < len(s); i++ {
			v = v<<8 | uint32(s[i])
		}
		return v
	}
	// Default config, MSB first: a big-endian word equals its four bytes in order.
	c := New()
	wr(t, c, regDR, 4, be("1234"))
	wr(t, c, regDR, 2, be("56"))
	wr(t, c, regDR, 2, be("78"))
	wr(t, c, regDR, 1, '9')
	if got := rd(t, c, regDR, 4); got != 0x0376E6E7 {
		t.Errorf("MPEG-2 mixed widths = %#x, want 0x0376E6E7", got)
	}
	// Standard CRC-32 with REV_IN by word/half-word on little-endian data.
	for _, rev := range []uint32{3, 2} {
		c.Reset()
		wr(t, c, regCR, 4, rev<<crREVINPos|crREVOUT)
		if rev == 3 {
			wr(t, c, regDR, 4, le("1234"))
			wr(t, c, regDR, 4, le("5678"))
		} else {
			for _, s := range []string{"12", "34", "56", "78"} {
				wr(t, c, regDR, 2, le(s))
			}
		}
		wr(t, c, regDR, 1, '9')
		if got := rd(t, c, regDR, 4) ^ 0xFFFFFFFF; got != 0xCBF43926 {
			t.Errorf("REV_IN=%d: CRC-32 = %#x, want 0xCBF43926", rev, got)
		}
	}
}

// TestRegisters checks RESET, IDR and the writable CR bits (RM0410 §14.4.2, §14.4.3).
func TestRegisters(t *testing.T) {
	c := New()
	wr(t, c, regIDR, 4, 0x12345678)
	wr(t, c, regDR, 1, 0x00)
	wr(t, c, regCR, 4, 0xFFFFFFFF)
	if got := rd(t, c, regCR, 4); got != 0xF8 {
		t.Errorf("CR = %#x, want 0xF8 (RESET reads 0, bits 31:8 and 2:1 reserved)", got)
	}
	wr(t, c, regCR, 4, crRESET)
	if got := rd(t, c, regDR, 4); got != 0xFFFFFFFF {
		t.Errorf("DR after RESET = %#x, want INIT", got)
	}
	if got := rd(t, c, regIDR, 4); got != 0x78 {
		t.Errorf("IDR = %#x, want 0x78 (8 bits, kept by RESET)", got)
	}
	wr(t, c, regINIT, 4, 0xA5A5)
	wr(t, c, regCR, 4, 1<<crPOLYSIZEPos|crRESET)
	if got := rd(t, c, regDR, 4); got != 0xA5A5 {
		t.Errorf("16-bit DR after RESET = %#x, want 0xa5a5", got)
	}
	if got := rd(t, c, regDR+1, 1); got != 0xA5 {
		t.Errorf("byte read of DR+1 = %#x, want 0xa5", got)
	}
}

// TestSVDReset checks reset values against the ST SVD. CRC_INIT and CRC_POL are
// checked against RM0410 §14.4.4/§14.4.5 instead: the SVD lists 0 for both.
func TestSVDReset(t *testing.T) {
	p := svd.ForTest(t).Peripheral("CRC")
	if p == nil {
		t.Fatal("no CRC in SVD")
	}
	if p.Base != Base {
		t.Errorf("Base = %#x, SVD %#x", Base, p.Base)
	}
	c := New()
	for _, r := range []struct {
		name string
		off  uint32
	}{{"DR", regDR}, {"IDR", regIDR}, {"CR", regCR}, {"INIT", regINIT}, {"POL", regPOL}} {
		sr := p.Register(r.name)
		if sr == nil {
			t.Errorf("SVD has no CRC_%s", r.name)
			continue
		}
		if sr.Offset != r.off {
			t.Errorf("CRC_%s offset %#x, SVD %#x", r.name, r.off, sr.Offset)
		}
		want := sr.Reset
		switch r.name {
		case "INIT":
			want = 0xFFFFFFFF // RM0410 §14.4.4
		case "POL":
			want = 0x04C11DB7 // RM0410 §14.4.5
		}
		if got := rd(t, c, r.off, 4); got != want {
			t.Errorf("CRC_%s reset = %#x, want %#x", r.name, got, want)
		}
	}
}

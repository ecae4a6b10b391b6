package dbgmcu

import (
	"testing"

	"m7emu/internal/svd"
)

// TestSVD checks base, offsets, reset values and writable masks against the ST SVD
// (peripheral "DBG"); IDCODE is checked against RM0410/ES0334 instead (see regs.go).
func TestSVD(t *testing.T) {
	p := svd.ForTest(t).Peripheral("DBG")
	if p == nil {
		t.Fatal("no DBG in SVD")
	}
	if p.Base != Base {
		t.Errorf("Base = %#x, SVD %#x", Base, p.Base)
	}
	d := New()
	for _, r := range []struct {
		name     string
		off      uint32
		writable uint32
	}{
		{"DBGMCU_CR", regCR, crWritable},
		{"DBGMCU_APB1_FZ", regAPB1FZ, apb1Writable},
		{"DBGMCU_APB2_FZ", regAPB2FZ, apb2Writable},
	} {
		sr := p.Register(r.name)
		if sr == nil {
			t.Errorf("SVD has no %s", r.name)
			continue
		}
		if sr.Offset != r.off {
			t.Errorf("%s offset %#x, SVD %#x", r.name, r.off, sr.Offset)
		}
		if got, _ := d.Read(r.off, 4); got != sr.Reset {
			t.Errorf("%s reset %#x, SVD %#x", r.name, got, sr.Reset)
		}
		if m := sr.FieldMask(); m != r.writable {
			t.Errorf("%s writable %#x, SVD fields %#x", r.name, r.writable, m)
		}
		d.Write(r.off, 4, 0xFFFFFFFF)
		if got, _ := d.Read(r.off, 4); got != r.writable {
			t.Errorf("%s after writing ones = %#x, want %#x", r.name, got, r.writable)
		}
	}
	if sr := p.Register("DBGMCU_IDCODE"); sr == nil || sr.Offset != regIDCODE {
		t.Errorf("SVD DBGMCU_IDCODE missing or not at %#x", regIDCODE)
	}
}

// TestIDCODE: DEV_ID 0x451 (RM0410 §40.6.1), REV_ID 0x1001 (ES0334 revision Z); read-only.
func TestIDCODE(t *testing.T) {
	d := New()
	d.Write(regIDCODE, 4, 0)
	v, _ := d.Read(regIDCODE, 4)
	if v&0xFFF != 0x451 || v>>16 != 0x1001 || v&0xF000 != 0 {
		t.Errorf("IDCODE = %#x, want DEV_ID 0x451, REV_ID 0x1001", v)
	}
	if h, _ := d.Read(regIDCODE+2, 2); h != 0x1001 {
		t.Errorf("half-word read of REV_ID = %#x", h)
	}
	d.Write(regCR, 4, CRDBGSLEEP|CRDBGSTOP|CRDBGSTANDBY)
	d.PowerOnReset()
	if d.CR() != 0 {
		t.Errorf("CR after PowerOnReset = %#x", d.CR())
	}
}

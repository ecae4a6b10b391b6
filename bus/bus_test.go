package bus

import (
	"errors"
	"testing"
)

type regDev struct {
	last  uint32
	width Width
	fail  bool
}

func (d *regDev) Read(off uint32, w Width) (uint32, error) {
	if d.fail {
		return 0, errors.New("device refuses")
	}
	return off | uint32(w)<<24, nil
}

func (d *regDev) Write(off uint32, w Width, v uint32) error {
	d.last, d.width = v, w
	return nil
}

func newTestBus(t *testing.T) (*Bus, *Region, *regDev) {
	t.Helper()
	b := New()
	ram := &Region{Name: "ram", Base: 0x2000_0000, Size: 0x100, Kind: KindRAM, Mem: make([]byte, 0x100)}
	flash := &Region{Name: "flash", Base: 0x0800_0000, Size: 0x100, Kind: KindFlash, Mem: make([]byte, 0x100)}
	dev := &regDev{}
	for _, r := range []*Region{ram, flash, {Name: "dev", Base: 0x4000_0000, Size: 0x400, Kind: KindDevice, Dev: dev}} {
		if err := b.Map(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Alias("flash-alias", 0x0020_0000, flash); err != nil {
		t.Fatal(err)
	}
	return b, ram, dev
}

func TestMapRejectsBadRegions(t *testing.T) {
	b, _, _ := newTestBus(t)
	cases := []*Region{
		{Name: "overlap", Base: 0x2000_00F0, Size: 0x20, Kind: KindRAM, Mem: make([]byte, 0x20)},
		{Name: "empty", Base: 0x3000_0000, Size: 0, Kind: KindRAM},
		{Name: "wrap", Base: 0xFFFF_FF00, Size: 0x200, Kind: KindRAM, Mem: make([]byte, 0x200)},
		{Name: "short mem", Base: 0x3000_0000, Size: 0x100, Kind: KindRAM, Mem: make([]byte, 0x10)},
		{Name: "no device", Base: 0x5000_0000, Size: 0x100, Kind: KindDevice},
	}
	for _, r := range cases {
		if err := b.Map(r); err == nil {
			t.Errorf("%s: Map accepted it", r.Name)
		}
	}
}

func TestReadWriteWidthsAndUnaligned(t *testing.T) {
	b, _, _ := newTestBus(t)
	if err := b.Write(0x2000_0001, 4, 0x11223344); err != nil { // unaligned word
		t.Fatal(err)
	}
	for _, c := range []struct {
		addr uint32
		w    Width
		want uint32
	}{
		{0x2000_0001, 4, 0x11223344}, {0x2000_0001, 1, 0x44}, {0x2000_0002, 2, 0x2233}, {0x2000_0000, 4, 0x22334400},
	} {
		if v, err := b.Read(c.addr, c.w); err != nil || v != c.want {
			t.Errorf("Read(%#x, %d) = %#x, %v; want %#x", c.addr, c.w, v, err, c.want)
		}
	}
	// An access running off the end of a region faults on the missing byte.
	if _, err := b.Read(0x2000_00FE, 4); err == nil {
		t.Error("read across the end of RAM succeeded")
	}
}

func TestFaultsAndReadOnly(t *testing.T) {
	b, _, dev := newTestBus(t)
	var f *Fault
	if _, err := b.Read(0x1000_0000, 4); !errors.As(err, &f) || f.Addr != 0x1000_0000 || f.Write {
		t.Errorf("unmapped read: %v", err)
	}
	if err := b.Write(0x0800_0000, 4, 1); !errors.As(err, &f) || !f.Write {
		t.Errorf("flash write: %v", err)
	}
	if err := b.Write(0x4000_0010, 2, 0xBEEF); err != nil || dev.last != 0xBEEF || dev.width != 2 {
		t.Errorf("device write: %v last=%#x w=%d", err, dev.last, dev.width)
	}
	if v, err := b.Read(0x4000_0010, 1); err != nil || v != 0x0100_0010 {
		t.Errorf("device read got offset/width %#x, %v", v, err)
	}
	// WriteBytes/ReadBytes never touch devices (semihosting must not cause side effects).
	dev.last = 0
	if err := b.WriteBytes(0x4000_0000, []byte{1}); err == nil || dev.last != 0 {
		t.Errorf("WriteBytes reached a device: %v", err)
	}
	if err := b.ReadBytes(0x4000_0000, make([]byte, 1)); err == nil {
		t.Error("ReadBytes read a device")
	}
}

func TestAliasSharesBytesAndNotifies(t *testing.T) {
	b, _, _ := newTestBus(t)
	var notified []string
	for _, r := range b.Regions() {
		r := r
		if r.Kind == KindFlash {
			r.OnWrite = func(off, n uint32) { notified = append(notified, r.Name) }
		}
	}
	if err := b.Load(0x0800_0010, []byte{0xAA, 0xBB}); err != nil {
		t.Fatal(err)
	}
	if v, _ := b.Read(0x0020_0010, 2); v != 0xBBAA {
		t.Errorf("alias reads %#x", v)
	}
	if len(notified) != 2 {
		t.Errorf("notified %v, want both views", notified)
	}
	if err := b.Load(0x0800_00FF, []byte{1, 2}); err == nil {
		t.Error("Load across the end of flash succeeded")
	}
}

func TestNarrow(t *testing.T) {
	cases := []struct {
		v, off uint32
		w      Width
		want   uint32
	}{
		{0x11223344, 0, 4, 0x11223344},
		{0x11223344, 0, 1, 0x44},
		{0x11223344, 1, 1, 0x33},
		{0x11223344, 3, 1, 0x11},
		{0x11223344, 2, 2, 0x1122},
		{0x11223344, 0x102, 2, 0x1122}, // only off&3 matters
	}
	for _, c := range cases {
		if got := Narrow(c.v, c.off, c.w); got != c.want {
			t.Errorf("Narrow(%#x, %#x, %d) = %#x, want %#x", c.v, c.off, c.w, got, c.want)
		}
	}
}

func TestMerge(t *testing.T) {
	cases := []struct {
		cur, off uint32
		w        Width
		v, want  uint32
	}{
		{0x11223344, 0, 4, 0xAABBCCDD, 0xAABBCCDD},
		{0x11223344, 1, 1, 0xEE, 0x1122EE44},
		{0x11223344, 2, 2, 0xBEEF, 0xBEEF3344},
		{0x11223344, 3, 1, 0x1FF, 0xFF223344}, // only the addressed byte
	}
	for _, c := range cases {
		if got := Merge(c.cur, c.off, c.w, c.v); got != c.want {
			t.Errorf("Merge(%#x, %#x, %d, %#x) = %#x, want %#x", c.cur, c.off, c.w, c.v, got, c.want)
		}
	}
}

package board

import (
	"errors"
	"testing"

	"m7emu/bus"
	"m7emu/internal/svd"
	"m7emu/periph/latch"
)

const ltdcBase = 0x4001_6800 // RM0410 §2.2.2 Table 1

func newUnmodelledBoard(t *testing.T, machine string) (*Board, *[]string) {
	t.Helper()
	var warns []string
	b, err := New(Config{Machine: machine, Warn: func(m string) { warns = append(warns, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Reset(); err != nil {
		t.Fatal(err)
	}
	return b, &warns
}

// TestUnmodelledLTDC: LTDC is not modelled; its registers read the reset values
// (RM0410 §18.7: LTDC_GCR 0x0000_2220, LTDC_CDSR 0x0000_000F, LTDC_L1BFCR
// 0x0000_0607; every register as in ST's SVD), writes latch, reserved offsets in the
// block read 0, and the first access gives one warning naming the peripheral.
func TestUnmodelledLTDC(t *testing.T) {
	b, warns := newUnmodelledBoard(t, "stm32f769i-disco")
	if len(*warns) != 0 {
		t.Fatalf("warnings before any access: %q", *warns)
	}
	for _, c := range []struct {
		off, want uint32
	}{{0x18, 0x2220}, {0x48, 0xF}, {0xA0, 0x607}, {0x08, 0}, {0x00, 0}, {0x3FC, 0}} {
		v, err := b.Bus.Read(ltdcBase+c.off, 4)
		if err != nil || v != c.want {
			t.Errorf("LTDC+%#x = %#x, %v; want %#x", c.off, v, err, c.want)
		}
	}
	if path, err := svd.DefaultPath(); err == nil {
		if dev, err := svd.Load(path); err == nil {
			p := dev.Peripheral("LTDC")
			if p == nil || len(p.Registers) == 0 {
				t.Fatal("SVD has no LTDC registers")
			}
			for _, r := range p.Registers {
				if v, err := b.Bus.Read(ltdcBase+r.Offset, 4); err != nil || v != r.Reset {
					t.Errorf("LTDC %s (+%#x) = %#x, %v; SVD reset %#x", r.Name, r.Offset, v, err, r.Reset)
				}
			}
		} else if !errors.Is(err, svd.ErrRead) {
			t.Fatal(err)
		}
	}
	// Writes latch, including byte and halfword writes; a reserved offset ignores them.
	if err := b.Bus.Write(ltdcBase+0x08, 4, 0x0009_0001); err != nil { // LTDC_SSCR
		t.Fatal(err)
	}
	if err := b.Bus.Write(ltdcBase+0x19, 1, 0x00); err != nil { // GCR bits 15:8
		t.Fatal(err)
	}
	if err := b.Bus.Write(ltdcBase+0x00, 4, 0xFFFF_FFFF); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ off, want uint32 }{{0x08, 0x0009_0001}, {0x18, 0x20}, {0x00, 0}} {
		if v, err := b.Bus.Read(ltdcBase+c.off, 4); err != nil || v != c.want {
			t.Errorf("after writes: LTDC+%#x = %#x, %v; want %#x", c.off, v, err, c.want)
		}
	}
	want := "LTDC (0x40016800) is not modelled; accesses read/write plain registers"
	if len(*warns) != 1 || (*warns)[0] != want {
		t.Errorf("warnings %q, want exactly [%q]", *warns, want)
	}
	// A system reset restores the reset values and does not warn again.
	if err := b.Reset(); err != nil {
		t.Fatal(err)
	}
	if v, _ := b.Bus.Read(ltdcBase+0x18, 4); v != 0x2220 {
		t.Errorf("after reset: GCR = %#x, want 0x2220", v)
	}
	// Another unmodelled peripheral warns once with its own name (DSI, 0x4001_6C00).
	b.Bus.Read(0x4001_6C00, 4)
	b.Bus.Read(0x4001_6C04, 4)
	if len(*warns) != 2 || (*warns)[1] != "DSI (0x40016c00) is not modelled; accesses read/write plain registers" {
		t.Errorf("warnings %q", *warns)
	}
}

// TestReservedGapFaults: addresses no peripheral occupies stay unmapped, a precise
// BusFault: RM0410 §2.2.2 Table 1 lists 0x4001_6000–0x4001_67FF (between SAI2 and
// LTDC) and 0x4000_8000–0x4000_FFFF (after UART8) as reserved.
func TestReservedGapFaults(t *testing.T) {
	b, warns := newUnmodelledBoard(t, "stm32f769i-disco")
	for _, a := range []uint32{0x4001_6000, 0x4001_67FC, 0x4000_8000, 0x4000_FFFC} {
		_, err := b.Bus.Read(a, 4)
		var f *bus.Fault
		if !errors.As(err, &f) || f.Addr != a {
			t.Errorf("read %#x: %v, want a bus fault at that address", a, err)
		}
		if err := b.Bus.Write(a, 4, 1); !errors.As(err, &f) {
			t.Errorf("write %#x: %v, want a bus fault", a, err)
		}
	}
	if len(*warns) != 0 {
		t.Errorf("warnings for reserved space: %q", *warns)
	}
}

// TestModelledTakePrecedence: every SVD peripheral's base is mapped, the modelled
// ones (RCC, GPIOA, USART1, TIM12, the flash interface) by their own models, and no
// latch covers any byte of a modelled one.
func TestModelledTakePrecedence(t *testing.T) {
	b, _ := newUnmodelledBoard(t, "stm32f769i-disco")
	for _, p := range f769SVD {
		r := b.Bus.Find(p.Base)
		if r == nil {
			t.Errorf("%s at %#x is not mapped", p.Name, p.Base)
		}
	}
	for _, a := range []uint32{0x4002_3800, 0x4002_0000, 0x4001_1000, 0x4000_1800, 0x4002_3C00} {
		r := b.Bus.Find(a)
		if r == nil {
			t.Fatalf("%#x unmapped", a)
		}
		if _, ok := r.Dev.(*latch.Latch); ok {
			t.Errorf("%#x (%s) is a plain-register latch, want its model", a, r.Name)
		}
	}
	n := 0
	for _, r := range b.Bus.Regions() {
		if _, ok := r.Dev.(*latch.Latch); ok {
			n++
			if r.Name != r.Dev.(*latch.Latch).Name() {
				t.Errorf("region %s holds latch %s", r.Name, r.Dev.(*latch.Latch).Name())
			}
		}
	}
	if n == 0 || n >= len(f769SVD) {
		t.Errorf("%d latches for %d SVD peripherals", n, len(f769SVD))
	}
}

// TestMPS2HasNoLatches: the unmodelled-space filler is for the F769 only.
func TestMPS2HasNoLatches(t *testing.T) {
	b, _ := newUnmodelledBoard(t, "mps2-an500")
	for _, r := range b.Bus.Regions() {
		if _, ok := r.Dev.(*latch.Latch); ok {
			t.Errorf("mps2-an500 maps latch %s", r.Name)
		}
	}
}

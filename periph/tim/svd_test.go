package tim

import (
	"testing"

	"m7emu/internal/svd"
)

// Every instance's base matches the SVD, every register the SVD lists reads its reset
// value after Reset, and every interrupt the SVD lists for it is one of its IRQs.
func TestInstancesAgainstSVD(t *testing.T) {
	dev := svd.ForTest(t)
	for _, in := range Instances {
		p := dev.Peripheral(in.Name)
		if p == nil {
			t.Errorf("%s not in the SVD", in.Name)
			continue
		}
		if b := p.Base; b != in.Base {
			t.Errorf("%s base %#x, SVD %#x", in.Name, in.Base, b)
		}
		for _, i := range p.Interrupts {
			if i.Value != in.IRQ.Update && i.Value != in.IRQ.CC && i.Value != in.IRQ.TrgCom && i.Value != in.IRQ.Break {
				t.Errorf("%s: SVD interrupt %s (%d) not in %+v", in.Name, i.Name, i.Value, in.IRQ)
			}
		}
		x := New(Config{Instance: in})
		regs := p.Registers // derivedFrom resolved by svd.Load
		if len(regs) == 0 {
			t.Errorf("%s: no SVD registers", in.Name)
		}
		for _, r := range regs {
			off := r.Offset
			v, err := x.Read(off, 4)
			if err != nil {
				t.Fatal(err)
			}
			if want := r.Reset; v != want {
				t.Errorf("%s %s (%#x) resets to %#x, SVD %#x", in.Name, r.Name, off, v, want)
			}
		}
	}
}

// The writable bits of each modelled register are the union of the SVD's fields at
// that offset (CCMRx has output and input views). Exception: the SVD gives TIM3 and
// TIM4 the 32-bit CNT/ARR/CCRx fields of TIM2, but only TIM2 and TIM5 are 32 bits
// (RM0410 §27.1); for those registers the instance width is the expectation.
func TestMasksMatchSVD(t *testing.T) {
	dev := svd.ForTest(t)
	for _, in := range Instances {
		p := dev.Peripheral(in.Name)
		if p == nil {
			continue // reported by TestInstancesAgainstSVD
		}
		union := map[uint32]uint32{}
		names := map[uint32]string{}
		var offs []uint32
		for _, r := range p.Registers {
			off := r.Offset
			if _, seen := names[off]; !seen {
				offs = append(offs, off)
			}
			names[off] = r.Name
			for _, f := range r.Fields {
				union[off] |= f.Mask()
			}
		}
		x := New(Config{Instance: in})
		for _, off := range offs {
			var got uint32
			switch off {
			case regSR:
				got = x.lay.sr
			case regEGR:
				got = x.lay.egr
			default:
				if err := x.Write(off, 4, 0xFFFF_FFFF); err != nil {
					t.Fatal(err)
				}
				got, _ = x.Read(off, 4)
			}
			want := union[off]
			if in.Width == 16 && (off == regCNT || off == regARR || off >= regCCR1 && off <= regCCR1+12) && in.Kind == General4 {
				want &= 0xFFFF
			}
			if got != want {
				t.Errorf("%s %s (%#x): writable %#x, SVD fields %#x", in.Name, names[off], off, got, want)
			}
		}
	}
}

// Vector numbers of the shared and split timer vectors that the SVD does not list
// (ST stm32f769xx.h: TIM1_BRK_TIM9 24, TIM1_UP_TIM10 25, TIM1_TRG_COM_TIM11 26,
// TIM1_CC 27, TIM8_BRK_TIM12 43, TIM8_UP_TIM13 44, TIM8_TRG_COM_TIM14 45, TIM8_CC 46,
// TIM6_DAC 54, TIM7 55).
func TestSharedVectors(t *testing.T) {
	for _, c := range []struct {
		name string
		want IRQs
	}{
		{"TIM1", IRQs{Update: 25, CC: 27, TrgCom: 26, Break: 24}},
		{"TIM8", IRQs{Update: 44, CC: 46, TrgCom: 45, Break: 43}},
		{"TIM9", IRQs{24, 24, 24, NoIRQ}},
		{"TIM10", IRQs{25, 25, NoIRQ, NoIRQ}},
		{"TIM11", IRQs{26, 26, NoIRQ, NoIRQ}},
		{"TIM12", IRQs{43, 43, 43, NoIRQ}},
		{"TIM13", IRQs{44, 44, NoIRQ, NoIRQ}},
		{"TIM14", IRQs{45, 45, NoIRQ, NoIRQ}},
		{"TIM6", IRQs{54, NoIRQ, NoIRQ, NoIRQ}},
		{"TIM7", IRQs{55, NoIRQ, NoIRQ, NoIRQ}},
	} {
		in, ok := Lookup(c.name)
		if !ok || in.IRQ != c.want {
			t.Errorf("%s IRQs %+v, want %+v", c.name, in.IRQ, c.want)
		}
	}
	if len(Instances) != 14 {
		t.Errorf("%d instances, want 14 (TIM1–TIM14)", len(Instances))
	}
}

package usart

import (
	"testing"

	"m7emu/internal/svd"
)

var modelOffsets = map[string]uint32{
	"CR1": regCR1, "CR2": regCR2, "CR3": regCR3, "BRR": regBRR, "GTPR": regGTPR,
	"RTOR": regRTOR, "RQR": regRQR, "ISR": regISR, "ICR": regICR, "RDR": regRDR, "TDR": regTDR,
}

// TestSVDInstances checks every instance's base, IRQ, RCC enable bit and kernel-clock
// mux position against the SVD, and every register's offset and reset value.
func TestSVDInstances(t *testing.T) {
	dev := svd.ForTest(t)
	rcc := dev.Peripheral("RCC")
	if rcc == nil {
		t.Fatal("no RCC in SVD")
	}
	rccField := func(reg, field string) (int, bool) {
		for _, r := range rcc.Registers {
			if r.Name != reg && reg != "" {
				continue
			}
			for _, f := range r.Fields {
				if f.Name == field {
					return int(f.BitOffset), true
				}
			}
		}
		return 0, false
	}
	if len(Instances) != 8 {
		t.Errorf("%d instances, want 8 (USART1/2/3/6, UART4/5/7/8)", len(Instances))
	}
	for _, in := range Instances {
		p := dev.Peripheral(in.Name)
		if p == nil {
			t.Errorf("%s not in SVD", in.Name)
			continue
		}
		if b := p.Base; b != in.Base {
			t.Errorf("%s base %#x, SVD %#x", in.Name, in.Base, b)
		}
		if len(p.Interrupts) != 1 || p.Interrupts[0].Value != in.IRQ {
			t.Errorf("%s IRQ %d, SVD %v", in.Name, in.IRQ, p.Interrupts)
		}
		enr := "APB1ENR"
		if in.APB == 2 {
			enr = "APB2ENR"
		}
		bit, ok := rccField(enr, in.Name+"EN")
		if !ok {
			bit, ok = rccField(enr, in.Name+"ENR") // the SVD spells UART7/8 "UARTxENR"
		}
		if !ok || bit != in.EnableBit {
			t.Errorf("%s enable bit %d in %s, SVD %d (found %v)", in.Name, in.EnableBit, enr, bit, ok)
		}
		sel, ok := rccField("", in.Name+"SEL")
		if !ok || sel != in.SelShift {
			t.Errorf("%s SEL shift %d, SVD %d (found %v)", in.Name, in.SelShift, sel, ok)
		}

		regs := p.Registers // derivedFrom resolved by svd.Load
		if len(regs) != len(modelOffsets) {
			t.Errorf("%s: SVD has %d registers, model %d", in.Name, len(regs), len(modelOffsets))
		}
		u := New(Config{})
		for _, r := range regs {
			off, ok := modelOffsets[r.Name]
			if !ok {
				t.Errorf("%s: SVD register %s not modelled", in.Name, r.Name)
				continue
			}
			if o := r.Offset; o != off {
				t.Errorf("%s.%s offset %#x, SVD %#x", in.Name, r.Name, off, o)
			}
			got, err := u.Read(off, 4)
			if err != nil {
				t.Fatal(err)
			}
			if want := r.Reset; got != want {
				t.Errorf("%s.%s reset %#x, SVD %#x", in.Name, r.Name, got, want)
			}
		}
	}
}

// TestSVDWritableMasks: the read/write masks of CR1–CR3 are exactly the SVD's fields.
func TestSVDWritableMasks(t *testing.T) {
	usart1 := svd.ForTest(t).Peripheral("USART1")
	if usart1 == nil {
		t.Fatal("no USART1 in SVD")
	}
	masks := map[string]uint32{"CR1": cr1Mask, "CR2": cr2Mask, "CR3": cr3Mask, "BRR": brrMask,
		"GTPR": gtprMask, "RTOR": rtorMask, "TDR": tdrMask}
	fieldBits := map[string]map[string]uint32{
		"CR1": {"UE": cr1UE, "RE": cr1RE, "TE": cr1TE, "IDLEIE": cr1IDLEIE, "RXNEIE": cr1RXNEIE,
			"TCIE": cr1TCIE, "TXEIE": cr1TXEIE, "PEIE": cr1PEIE, "PS": cr1PS, "PCE": cr1PCE,
			"M0": cr1M0, "OVER8": cr1OVER8, "RTOIE": cr1RTOIE, "M1": cr1M1},
		"CR2": {"STOP": cr2STOP, "RTOEN": cr2RTOEN},
		"CR3": {"EIE": cr3EIE, "DMAR": cr3DMAR, "DMAT": cr3DMAT, "OVRDIS": cr3OVRDIS},
		"RQR": {"RXFRQ": rqrRXFRQ, "TXFRQ": rqrTXFRQ, "ABRRQ": rqrABRRQ, "SBKRQ": rqrSBKRQ, "MMRQ": rqrMMRQ},
		"ISR": {"PE": isrPE, "FE": isrFE, "NF": isrNF, "ORE": isrORE, "IDLE": isrIDLE, "RXNE": isrRXNE,
			"TC": isrTC, "TXE": isrTXE, "RTOF": isrRTOF, "BUSY": isrBUSY, "TEACK": isrTEACK, "REACK": isrREACK},
		"ICR": {"PECF": icrPECF, "FECF": icrFECF, "NCF": icrNCF, "ORECF": icrORECF,
			"IDLECF": icrIDLECF, "TCCF": icrTCCF, "RTOCF": icrRTOCF},
	}
	for _, r := range usart1.Registers {
		var all uint32
		byName := map[string]uint32{}
		for _, f := range r.Fields {
			bits := f.Mask()
			all |= bits
			byName[f.Name] = bits
		}
		if want, ok := masks[r.Name]; ok && all != want {
			t.Errorf("%s mask %#x, SVD fields %#x", r.Name, want, all)
		}
		for name, bit := range fieldBits[r.Name] {
			if byName[name] != bit {
				t.Errorf("%s.%s = %#x, SVD %#x", r.Name, name, bit, byName[name])
			}
		}
	}
}

package rcc

import (
	"strings"
	"testing"

	"m7emu/internal/svd"
)

type svdReg struct{ off, reset, fields uint32 }

// svdPeriph returns a peripheral's base and its registers by name (offset, reset
// value, union of its fields' bits).
func svdPeriph(t *testing.T, name string) (uint32, map[string]svdReg) {
	t.Helper()
	p := svd.ForTest(t).Peripheral(name)
	if p == nil {
		t.Fatalf("SVD has no peripheral %s", name)
	}
	out := map[string]svdReg{}
	for _, r := range p.Registers {
		out[r.Name] = svdReg{r.Offset, r.Reset, r.FieldMask()}
	}
	return p.Base, out
}

// modelled lists every register with its SVD name and our offset (RM0410 §5.3 register map).
var modelled = []struct {
	svd string
	off uint32
}{
	{"CR", regCR}, {"PLLCFGR", regPLLCFGR}, {"CFGR", regCFGR}, {"CIR", regCIR},
	{"AHB1RSTR", regAHB1RSTR}, {"AHB2RSTR", regAHB2RSTR}, {"AHB3RSTR", regAHB3RSTR},
	{"APB1RSTR", regAPB1RSTR}, {"APB2RSTR", regAPB2RSTR},
	{"AHB1ENR", regAHB1ENR}, {"AHB2ENR", regAHB2ENR}, {"AHB3ENR", regAHB3ENR},
	{"APB1ENR", regAPB1ENR}, {"APB2ENR", regAPB2ENR},
	{"AHB1LPENR", regAHB1LPENR}, {"AHB2LPENR", regAHB2LPENR}, {"AHB3LPENR", regAHB3LPENR},
	{"APB1LPENR", regAPB1LPENR}, {"APB2LPENR", regAPB2LPENR},
	{"BDCR", regBDCR}, {"CSR", regCSR}, {"SSCGR", regSSCGR},
	{"PLLI2SCFGR", regPLLI2SCFGR}, {"PLLSAICFGR", regPLLSAICFGR},
	{"DKCFGR1", regDCKCFGR1}, {"DKCFGR2", regDCKCFGR2},
}

// TestSVDResetValues checks base, offsets and reset values against the ST SVD. The
// DCKCFGRx reset values follow RM0410 §5.3.25/§5.3.26 (0), not the SVD (see regs.go).
func TestSVDResetValues(t *testing.T) {
	base, regs := svdPeriph(t, "RCC")
	if base != Base {
		t.Errorf("RCC base: SVD 0x%08x, ours 0x%08x", base, uint32(Base))
	}
	r := New(Config{})
	if len(regs) != len(modelled) {
		t.Errorf("SVD has %d RCC registers, we model %d", len(regs), len(modelled))
	}
	for _, m := range modelled {
		s, ok := regs[m.svd]
		if !ok {
			t.Errorf("SVD has no RCC_%s", m.svd)
			continue
		}
		if s.off != m.off {
			t.Errorf("RCC_%s offset: SVD 0x%x, ours 0x%x", m.svd, s.off, m.off)
		}
		want := s.reset
		if m.svd == "DKCFGR1" || m.svd == "DKCFGR2" {
			want = 0 // RM0410 §5.3.25, §5.3.26
		}
		got, _ := r.Read(m.off, 4)
		if got != want {
			t.Errorf("RCC_%s reset: got 0x%08x, want 0x%08x", m.svd, got, want)
		}
	}
}

// TestSVDWritableBits writes all ones to the reset, enable and low-power enable
// registers and checks that exactly the SVD's fields, plus the STM32F76xxx bits
// RM0410 §5.3.6/§5.3.9/§5.3.11/§5.3.14/§5.3.16/§5.3.19 adds (AHB2 JPEG 1; APB2
// SDMMC2 7, DSI 27, DFSDM1 29, MDIO 30), read back.
func TestSVDWritableBits(t *testing.T) {
	_, regs := svdPeriph(t, "RCC")
	extra := map[string]uint32{
		"AHB2RSTR": 1 << 1, "AHB2ENR": 1 << 1, "AHB2LPENR": 1 << 1,
		"APB2RSTR": apb2F76x, "APB2ENR": apb2F76x, "APB2LPENR": apb2F76x,
	}
	for _, m := range modelled {
		if !strings.Contains(m.svd, "RSTR") && !strings.Contains(m.svd, "ENR") {
			continue
		}
		r := New(Config{})
		r.Write(m.off, 4, 0xFFFF_FFFF)
		got, _ := r.Read(m.off, 4)
		want := regs[m.svd].fields | extra[m.svd]
		if got != want {
			t.Errorf("RCC_%s writable bits: got 0x%08x, want 0x%08x", m.svd, got, want)
		}
	}
}

package syscfg

import (
	"fmt"
	"strings"
	"testing"

	"m7emu/bus"
	"m7emu/internal/svd"
)

func rd(t *testing.T, d bus.Device, off uint32) uint32 {
	t.Helper()
	v, err := d.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wr(t *testing.T, d bus.Device, off, v uint32) {
	t.Helper()
	if err := d.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

// TestSVDResetValues: base, offsets and reset values against the ST SVD (RM0410 §7.2.9
// register map). The SVD spells MEMRMP "MEMRM".
func TestSVDResetValues(t *testing.T) {
	dev := svd.ForTest(t)
	s := New(Config{})
	ours := map[string]uint32{
		"MEMRM": regMEMRMP, "PMC": regPMC, "EXTICR1": regEXTICR1, "EXTICR2": regEXTICR2,
		"EXTICR3": regEXTICR3, "EXTICR4": regEXTICR4, "CMPCR": regCMPCR,
	}
	found := 0
	if p := dev.Peripheral("SYSCFG"); p != nil {
		if p.Base != Base {
			t.Errorf("base: SVD 0x%08x, ours 0x%08x", p.Base, uint32(Base))
		}
		for _, r := range p.Registers {
			off, ok := ours[r.Name]
			if !ok {
				t.Errorf("SVD register %s is not modelled", r.Name)
				continue
			}
			found++
			if r.Offset != off {
				t.Errorf("%s offset: SVD 0x%x, ours 0x%x", r.Name, r.Offset, off)
			}
			if got, want := rd(t, s, off), r.Reset; got != want {
				t.Errorf("%s reset: SVD 0x%08x, ours 0x%08x", r.Name, want, got)
			}
		}
	}
	if found != len(ours) {
		t.Errorf("matched %d SVD registers, want %d", found, len(ours))
	}
}

// TestEXTICRRouting: RM0410 §7.2.3–7.2.6 — EXTIx[3:0] in EXTICR(x/4+1) at bits
// 4·(x mod 4) selects the port; Line answers for that port only.
func TestEXTICRRouting(t *testing.T) {
	var routes []string
	s := New(Config{OnRouteChange: func(line, port int) { routes = append(routes, fmt.Sprintf("%d:%d", line, port)) }})
	// Reset: every line on port A.
	for pin := range 16 {
		if l, ok := s.Line(0, pin); !ok || l != pin {
			t.Errorf("reset: Line(A, %d) = %d, %v", pin, l, ok)
		}
	}
	// Embassy (stm32f769-embassy.md §6): EXTICR[line/4].field = port.
	for _, c := range []struct {
		port, pin int
		off       uint32
		want      uint32
	}{
		{9, 13, regEXTICR4, 0x0090}, // PJ13 → EXTI13: EXTICR4 bits 7:4
		{2, 13, regEXTICR4, 0x0020}, // PC13 (Nucleo button) replaces it
		{10, 3, regEXTICR1, 0xA000}, // PK3 → EXTI3: EXTICR1 bits 15:12
		{1, 6, regEXTICR2, 0x0100},  // PB6 → EXTI6: EXTICR2 bits 11:8
		{8, 8, regEXTICR3, 0x0008},  // PI8 → EXTI8: EXTICR3 bits 3:0
	} {
		line := c.pin
		reg := regEXTICR1 + uint32(line/4)*4
		sh := 4 * uint32(line%4)
		wr(t, s, reg, rd(t, s, reg)&^(0xF<<sh)|uint32(c.port)<<sh)
		if got := rd(t, s, c.off); got != c.want {
			t.Errorf("P%c%d: EXTICR at 0x%x = 0x%04x, want 0x%04x", 'A'+c.port, c.pin, c.off, got, c.want)
		}
		if l, ok := s.Line(c.port, c.pin); !ok || l != line {
			t.Errorf("Line(%d, %d) = %d, %v", c.port, c.pin, l, ok)
		}
		if _, ok := s.Line(0, c.pin); ok {
			t.Errorf("port A pin %d still routed after selecting port %d", c.pin, c.port)
		}
	}
	if got := strings.Join(routes, " "); got != "13:9 13:2 3:10 6:1 8:8" {
		t.Errorf("route changes %q", got)
	}
	for _, c := range [][2]int{{11, 0}, {-1, 0}, {0, 16}, {0, -1}} {
		if _, ok := s.Line(c[0], c[1]); ok {
			t.Errorf("Line(%d, %d) ok for out-of-range input", c[0], c[1])
		}
	}
	wr(t, s, regEXTICR1, 0xFFFF_FFFF) // upper half reserved
	if got := rd(t, s, regEXTICR1); got != 0xFFFF {
		t.Errorf("EXTICR1 = 0x%x", got)
	}
	s.Reset()
	if got := rd(t, s, regEXTICR4); got != 0 {
		t.Errorf("EXTICR4 after reset = 0x%x", got)
	}
}

// TestOtherRegisters: MEMRMP MEM_BOOT read-only (§7.2.1), PMC read-back (§7.2.2),
// CMPCR CMP_PD / READY (§7.2.8).
func TestOtherRegisters(t *testing.T) {
	for _, c := range []struct {
		desc   string
		boot   bool
		off, v uint32
		want   uint32
	}{
		{"MEMRMP: MEM_BOOT read-only, SWP_FB/SWP_FMC rw", false, regMEMRMP, 0xFFFF_FFFF, 0x0D00},
		{"MEMRMP with BOOT_ADD1 boot", true, regMEMRMP, 0x0400, 0x0401},
		{"PMC writable bits", false, regPMC, 0xFFFF_FFFF, 0x0087_00FF},
		{"CMPCR enable: READY follows", false, regCMPCR, 1, 0x101},
		{"CMPCR READY not writable", false, regCMPCR, 0x100, 0},
		{"reserved offset", false, 0x18, 0xFFFF_FFFF, 0},
		{"CBR: CLL and PVDL only", false, regCBR, 0xFFFF_FFFF, 0x5},
	} {
		s := New(Config{MemBoot: c.boot})
		wr(t, s, c.off, c.v)
		if got := rd(t, s, c.off); got != c.want {
			t.Errorf("%s: 0x%08x, want 0x%08x", c.desc, got, c.want)
		}
	}
	s := New(Config{})
	wr(t, s, regCBR, cbrPVDL)
	wr(t, s, regCBR, 0) // set-only
	if got := rd(t, s, regCBR); got != cbrPVDL {
		t.Errorf("CBR after writing 0 = 0x%x, want PVDL kept", got)
	}
	s.Reset()
	if got := rd(t, s, regCBR); got != 0 {
		t.Errorf("CBR after reset = 0x%x", got)
	}
	if err := s.Write(regEXTICR1+1, 1, 0x9A); err != nil {
		t.Fatal(err)
	}
	if got := rd(t, s, regEXTICR1); got != 0x9A00 {
		t.Errorf("byte write to EXTICR1+1: 0x%x", got)
	}
	if v, _ := s.Read(regEXTICR1+1, 1); v != 0x9A {
		t.Errorf("byte read 0x%x", v)
	}
}

package gpio

import (
	"fmt"
	"strings"
	"testing"

	"m7emu/bus"
	"m7emu/internal/svd"
)

type rig struct {
	p   *Port
	log []string
}

func newRig(name string) *rig {
	r := &rig{}
	r.p = New(Config{
		Name:     name,
		OnOutput: func(pin int, level bool) { r.log = append(r.log, fmt.Sprintf("out %d %v", pin, level)) },
		OnInput:  func(pin int, level bool) { r.log = append(r.log, fmt.Sprintf("in %d %v", pin, level)) },
	})
	return r
}

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

func (r *rig) take() string {
	s := strings.Join(r.log, "; ")
	r.log = nil
	return s
}

// svdRegs returns name → (offset, reset) for a peripheral, following derivedFrom,
// and its base address.
func svdRegs(t *testing.T, periph string) (uint32, map[string][2]uint32) {
	t.Helper()
	p := svd.ForTest(t).Peripheral(periph)
	if p == nil {
		t.Fatalf("SVD has no peripheral %s", periph)
	}
	out := map[string][2]uint32{}
	for _, r := range p.Registers {
		out[r.Name] = [2]uint32{r.Offset, r.Reset}
	}
	return p.Base, out
}

// TestSVDResetValues checks every modelled register's offset and reset value, and the
// port base addresses, against the ST SVD (RM0410 §6.4.11 register map).
func TestSVDResetValues(t *testing.T) {
	regs := []struct {
		name string
		off  uint32
	}{
		{"MODER", regMODER}, {"OTYPER", regOTYPER}, {"OSPEEDR", regOSPEEDR}, {"PUPDR", regPUPDR},
		{"IDR", regIDR}, {"ODR", regODR}, {"BSRR", regBSRR}, {"LCKR", regLCKR},
		{"AFRL", regAFRL}, {"AFRH", regAFRH},
	}
	for n := range NumPorts {
		name := fmt.Sprintf("GPIO%c", 'A'+n)
		base, svd := svdRegs(t, name)
		if want := uint32(BaseA + n*Stride); base != want {
			t.Errorf("%s base: SVD 0x%08x, ours 0x%08x", name, base, want)
		}
		p := New(Config{Name: name})
		for _, r := range regs {
			s, ok := svd[r.name]
			if !ok {
				t.Errorf("%s: SVD has no %s", name, r.name)
				continue
			}
			if s[0] != r.off {
				t.Errorf("%s_%s offset: SVD 0x%x, ours 0x%x", name, r.name, s[0], r.off)
			}
			// IDR's SVD reset value is 0; ours is computed from the pulls (PA13/PA15
			// and PB4 pull up out of reset), as RM0410 gives IDR as 0x0000 XXXX.
			if r.name == "IDR" {
				continue
			}
			if got := rd(t, p, r.off); got != s[1] {
				t.Errorf("%s_%s reset: SVD 0x%08x, ours 0x%08x", name, r.name, s[1], got)
			}
		}
	}
}

// TestIDRAfterReset: the reset pulls show in IDR (RM0410 §6.4.4 PUPDR reset values;
// §6.3.1: the debug pins are in AF mode with pull-up/pull-down after reset).
func TestIDRAfterReset(t *testing.T) {
	for _, c := range []struct {
		name string
		idr  uint32
	}{
		{"GPIOA", 1<<15 | 1<<13}, // PA15 up, PA14 down, PA13 up
		{"GPIOB", 1 << 4},        // PB4 up
		{"GPIOJ", 0},
	} {
		if got := rd(t, New(Config{Name: c.name}), regIDR); got != c.idr {
			t.Errorf("%s IDR after reset = 0x%04x, want 0x%04x", c.name, got, c.idr)
		}
	}
}

// TestBSRR: RM0410 §6.4.7 — BSy sets ODRy, BRy resets it, both set: BSy wins; bits not
// written are unchanged; BSRR reads 0. §6.4.6: ODR reads back.
func TestBSRR(t *testing.T) {
	r := newRig("GPIOJ")
	for _, c := range []struct {
		desc      string
		off       uint32
		w         bus.Width
		v, odrOut uint32
	}{
		{"ODR write", regODR, 4, 0x0000_00F0, 0x00F0},
		{"set 13", regBSRR, 4, 1 << 13, 0x20F0},
		{"reset 4 and 5", regBSRR, 4, 3 << (16 + 4), 0x20C0},
		{"set and reset pin 0: set wins", regBSRR, 4, 1 | 1<<16, 0x20C1},
		{"reset all", regBSRR, 4, 0xFFFF_0000, 0},
		{"halfword at BSRR+2 resets only", regBSRR, 4, 0x00FF, 0x00FF},
		{"", regBSRR + 2, 2, 0x000F, 0x00F0},
		{"byte at BSRR+1 sets pins 8-15", regBSRR + 1, 1, 0x81, 0x81F0},
		{"ODR upper half ignored", regODR, 4, 0xFFFF_1234, 0x1234},
	} {
		if err := r.p.Write(c.off, c.w, c.v); err != nil {
			t.Fatal(err)
		}
		if got := rd(t, r.p, regODR); got != c.odrOut {
			t.Errorf("%s: ODR = 0x%04x, want 0x%04x", c.desc, got, c.odrOut)
		}
		if got := rd(t, r.p, regBSRR); got != 0 {
			t.Errorf("%s: BSRR reads 0x%x, want 0 (write-only)", c.desc, got)
		}
	}
}

// TestEmbassyOutputFlow: stm32f769-embassy.md §5 Output::new — BSRR first, then PUPDR,
// OTYPER, OSPEEDR, MODER = 01; then set_high/set_low through BSRR. The LED (PJ13)
// output is reported when the pin becomes an output and at each change; IDR follows.
func TestEmbassyOutputFlow(t *testing.T) {
	r := newRig("GPIOJ")
	const pin = 13
	wr(t, r.p, regBSRR, 1<<(16+pin)) // initial level low
	if s := r.take(); s != "" {
		t.Errorf("BSRR on an input pin reported %q", s)
	}
	wr(t, r.p, regPUPDR, rd(t, r.p, regPUPDR)&^(3<<(2*pin)))
	wr(t, r.p, regOTYPER, rd(t, r.p, regOTYPER)&^(1<<pin))
	wr(t, r.p, regOSPEEDR, rd(t, r.p, regOSPEEDR)|3<<(2*pin))
	wr(t, r.p, regMODER, rd(t, r.p, regMODER)&^(3<<(2*pin))|1<<(2*pin))
	if s := r.take(); s != "out 13 false" {
		t.Errorf("entering output mode: %q", s)
	}
	wr(t, r.p, regBSRR, 1<<pin)
	if s := r.take(); s != "out 13 true; in 13 true" {
		t.Errorf("set_high: %q", s)
	}
	wr(t, r.p, regBSRR, 1<<pin) // no change, no report
	if s := r.take(); s != "" {
		t.Errorf("repeated set_high: %q", s)
	}
	wr(t, r.p, regBSRR, 1<<(16+pin))
	if s := r.take(); s != "out 13 false; in 13 false" {
		t.Errorf("set_low: %q", s)
	}
	if lvl, m := r.p.Output(pin); lvl || m != ModeOutput {
		t.Errorf("Output(13) = %v, %v", lvl, m)
	}
	if r.p.PinName(pin) != "PJ13" {
		t.Errorf("PinName = %q", r.p.PinName(pin))
	}
}

// TestIDRSources: IDR shows the external drive, else the pull, else the output (RM0410
// §6.3.9–6.3.12); analog pins read 0 (§6.3.12).
func TestIDRSources(t *testing.T) {
	const pin = 3
	for _, c := range []struct {
		desc             string
		mode             Mode
		od               bool
		pull             Pull
		odr              bool
		driven, extLevel bool
		want             bool
	}{
		{"input floating reads 0", ModeInput, false, PullNone, false, false, false, false},
		{"input pull-up", ModeInput, false, PullUp, false, false, false, true},
		{"input pull-down", ModeInput, false, PullDown, true, false, false, false},
		{"input driven high over pull-down", ModeInput, false, PullDown, false, true, true, true},
		{"input driven low over pull-up", ModeInput, false, PullUp, false, true, false, false},
		{"push-pull output high", ModeOutput, false, PullDown, true, false, false, true},
		{"push-pull output low beats pull-up", ModeOutput, false, PullUp, false, false, false, false},
		{"open-drain low", ModeOutput, true, PullUp, false, false, false, false},
		{"open-drain released, pull-down", ModeOutput, true, PullDown, true, false, false, false},
		{"open-drain released, pulled low externally", ModeOutput, true, PullUp, true, true, false, false},
		{"open-drain released, no pull", ModeOutput, true, PullNone, true, false, false, true},
		{"analog ignores drive", ModeAnalog, false, PullUp, false, true, true, false},
		{"alternate with pull-up", ModeAlt, false, PullUp, false, false, false, true},
	} {
		p := New(Config{Name: "GPIOC"})
		wr(t, p, regMODER, uint32(c.mode)<<(2*pin))
		wr(t, p, regPUPDR, uint32(c.pull)<<(2*pin))
		if c.od {
			wr(t, p, regOTYPER, 1<<pin)
		}
		if c.odr {
			wr(t, p, regODR, 1<<pin)
		}
		p.SetInput(pin, c.extLevel, c.driven)
		got := rd(t, p, regIDR)>>pin&1 != 0
		if got != c.want {
			t.Errorf("%s: IDR%d = %v, want %v", c.desc, pin, got, c.want)
		}
		if p.Input(pin) != got {
			t.Errorf("%s: Input disagrees with IDR", c.desc)
		}
	}
}

// TestButtonEdges: the board drives PA0 (B1, active high, UM2033) and each edge of the
// IDR bit reaches OnInput exactly once; releasing the drive falls back to the pull.
func TestButtonEdges(t *testing.T) {
	r := newRig("GPIOA")
	r.p.SetInput(0, true, true)
	r.p.SetInput(0, true, true)
	r.p.SetInput(0, false, true)
	if s := r.take(); s != "in 0 true; in 0 false" {
		t.Errorf("press/release: %q", s)
	}
	wr(t, r.p, regPUPDR, rd(t, r.p, regPUPDR)|1) // pull-up on PA0, still driven low
	if s := r.take(); s != "" {
		t.Errorf("pull under drive: %q", s)
	}
	r.p.SetInput(0, false, false) // released: the pull-up shows
	if s := r.take(); s != "in 0 true" {
		t.Errorf("release to pull-up: %q", s)
	}
}

// TestAltFunc: AFRL holds pins 0–7 and AFRH pins 8–15, 4 bits each (RM0410 §6.4.9,
// §6.4.10); USART1 on PA9/PA10 is AF7 (stm32f769-embassy.md §11).
func TestAltFunc(t *testing.T) {
	p := New(Config{Name: "GPIOA"})
	wr(t, p, regAFRH, 7<<4|7<<8)
	wr(t, p, regAFRL, 0xF<<28|1)
	for _, c := range []struct{ pin, af int }{{9, 7}, {10, 7}, {8, 0}, {7, 15}, {0, 1}, {16, 0}, {-1, 0}} {
		if got := p.AltFunc(c.pin); got != c.af {
			t.Errorf("AltFunc(%d) = %d, want %d", c.pin, got, c.af)
		}
	}
	// Embassy's AF setup is a read-modify-write of MODER to 10.
	wr(t, p, regMODER, rd(t, p, regMODER)&^(3<<18)|2<<18)
	if _, m := p.Output(9); m != ModeAlt {
		t.Errorf("PA9 mode %v, want alternate", m)
	}
}

// TestLock: RM0410 §6.4.8 — the key sequence locks LCKy pins' configuration until
// reset; ODR/BSRR stay usable; a wrong sequence does not lock.
func TestLock(t *testing.T) {
	const lck = 1<<5 | 1<<13
	t.Run("sequence locks", func(t *testing.T) {
		p := New(Config{Name: "GPIOJ"})
		wr(t, p, regMODER, 1<<10|1<<26) // PJ5, PJ13 outputs
		wr(t, p, regLCKR, lckrLCKK|lck)
		wr(t, p, regLCKR, lck)
		wr(t, p, regLCKR, lckrLCKK|lck)
		_ = rd(t, p, regLCKR)
		if got := rd(t, p, regLCKR); got != lckrLCKK|lck {
			t.Fatalf("LCKR = 0x%x, want 0x%x", got, lckrLCKK|lck)
		}
		wr(t, p, regMODER, 0xFFFF_FFFF)
		if got, want := rd(t, p, regMODER), uint32(0xFFFF_FFFF)&^(3<<10|3<<26)|1<<10|1<<26; got != want {
			t.Errorf("MODER after locked write = 0x%08x, want 0x%08x", got, want)
		}
		wr(t, p, regAFRH, 0xFFFF_FFFF)
		if got := rd(t, p, regAFRH); got != 0xFF0F_FFFF { // AF13 (bits 23:20) frozen at 0
			t.Errorf("AFRH = 0x%08x", got)
		}
		wr(t, p, regPUPDR, 0x5555_5555)
		wr(t, p, regOTYPER, 0xFFFF)
		wr(t, p, regOSPEEDR, 0xFFFF_FFFF)
		if got := rd(t, p, regOTYPER); got != 0xFFFF&^lck {
			t.Errorf("OTYPER = 0x%04x", got)
		}
		if got := rd(t, p, regPUPDR); got != 0x5555_5555&^(3<<10|3<<26) {
			t.Errorf("PUPDR = 0x%08x", got)
		}
		if got := rd(t, p, regOSPEEDR); got != 0xFFFF_FFFF&^(3<<10|3<<26) {
			t.Errorf("OSPEEDR = 0x%08x", got)
		}
		wr(t, p, regBSRR, 1<<13)
		if got := rd(t, p, regODR); got != 1<<13 {
			t.Errorf("ODR = 0x%04x: BSRR must work on locked pins", got)
		}
		wr(t, p, regLCKR, 0) // frozen
		if got := rd(t, p, regLCKR); got != lckrLCKK|lck {
			t.Errorf("LCKR changed after lock: 0x%x", got)
		}
		if !p.Locked(13) || p.Locked(0) {
			t.Errorf("Locked(13)=%v Locked(0)=%v", p.Locked(13), p.Locked(0))
		}
		p.Reset()
		if got := rd(t, p, regLCKR); got != 0 {
			t.Errorf("LCKR after reset = 0x%x", got)
		}
		wr(t, p, regMODER, 0xFFFF_FFFF)
		if got := rd(t, p, regMODER); got != 0xFFFF_FFFF {
			t.Errorf("MODER after reset and write = 0x%08x", got)
		}
	})
	for _, c := range []struct {
		desc string
		seq  []uint32
	}{
		{"LCK changes mid-sequence", []uint32{lckrLCKK | lck, lck, lckrLCKK | 1}},
		{"missing LCKK=0 step", []uint32{lckrLCKK | lck, lckrLCKK | lck}},
		{"wrong order", []uint32{lck, lckrLCKK | lck, lck}},
	} {
		t.Run(c.desc, func(t *testing.T) {
			p := New(Config{Name: "GPIOJ"})
			for _, v := range c.seq {
				wr(t, p, regLCKR, v)
			}
			if got := rd(t, p, regLCKR); got&lckrLCKK != 0 {
				t.Fatalf("LCKR = 0x%x: locked by a bad sequence", got)
			}
			wr(t, p, regMODER, 0xFFFF_FFFF)
			if got := rd(t, p, regMODER); got != 0xFFFF_FFFF {
				t.Errorf("MODER = 0x%08x: configuration frozen without the lock", got)
			}
		})
	}
	t.Run("narrow write aborts", func(t *testing.T) {
		p := New(Config{Name: "GPIOJ"})
		wr(t, p, regLCKR, lckrLCKK|lck)
		if err := p.Write(regLCKR, 2, lck); err != nil {
			t.Fatal(err)
		}
		wr(t, p, regLCKR, lckrLCKK|lck)
		if got := rd(t, p, regLCKR); got&lckrLCKK != 0 {
			t.Errorf("locked after a halfword step: 0x%x", got)
		}
	})
}

// TestNarrowAccess: byte and halfword accesses (RM0410 §6.4: "can be accessed by byte,
// half-word or word").
func TestNarrowAccess(t *testing.T) {
	p := New(Config{Name: "GPIOE"})
	wr(t, p, regMODER, 0x1234_5678)
	if err := p.Write(regMODER+1, 1, 0xAB); err != nil {
		t.Fatal(err)
	}
	if got := rd(t, p, regMODER); got != 0x1234_AB78 {
		t.Errorf("MODER = 0x%08x", got)
	}
	if v, _ := p.Read(regMODER+2, 2); v != 0x1234 {
		t.Errorf("halfword read = 0x%x", v)
	}
	if v, _ := p.Read(regMODER+3, 1); v != 0x12 {
		t.Errorf("byte read = 0x%x", v)
	}
	if v, _ := p.Read(0x3FC, 4); v != 0 {
		t.Errorf("reserved read = 0x%x", v)
	}
	wr(t, p, regIDR, 0xFFFF) // read-only
	if v := rd(t, p, regIDR); v != 0 {
		t.Errorf("IDR after write = 0x%x", v)
	}
}

// TestBadInput: out-of-range pins and unknown names never panic.
func TestBadInput(t *testing.T) {
	p := New(Config{Name: "bogus"})
	p.SetInput(16, true, true)
	p.SetInput(-1, true, true)
	_, _ = p.Output(99)
	_ = p.Pull(-3)
	if p.Index() != -1 || p.Input(40) || p.OpenDrain(16) || p.Speed(16) != 0 {
		t.Error("unexpected state for bad input")
	}
}

// TestLoopback: a board wire from PJ5 (output) to PJ6 (input) set from OnOutput; the
// nested SetInput is folded into the running update and PJ6's edge is reported once.
func TestLoopback(t *testing.T) {
	var p *Port
	var log []string
	p = New(Config{
		Name: "GPIOJ",
		OnOutput: func(pin int, level bool) {
			log = append(log, fmt.Sprintf("out %d %v", pin, level))
			if pin == 5 {
				p.SetInput(6, level, true)
			}
		},
		OnInput: func(pin int, level bool) { log = append(log, fmt.Sprintf("in %d %v", pin, level)) },
	})
	wr(t, p, regMODER, 1<<10) // PJ5 output, low
	wr(t, p, regBSRR, 1<<5)
	wr(t, p, regBSRR, 1<<21)
	want := "out 5 false; out 5 true; in 5 true; in 6 true; out 5 false; in 5 false; in 6 false"
	if got := strings.Join(log, "; "); got != want {
		t.Errorf("log\n got %q\nwant %q", got, want)
	}
	if p.Input(6) {
		t.Error("PJ6 high after PJ5 went low")
	}
}

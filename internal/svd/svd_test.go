package svd

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

const sample = `<?xml version="1.0"?>
<device>
  <name>TOY</name>
  <size>0x20</size><resetValue>0x0</resetValue><access>read-write</access>
  <peripherals>
    <peripheral>
      <name>A</name><baseAddress>0x40000000</baseAddress>
      <size>16</size>
      <interrupt><name>A_IRQ</name><value>7</value></interrupt>
      <registers>
        <register>
          <name>CR</name><addressOffset>0x4</addressOffset><resetValue>#101</resetValue>
          <fields>
            <field><name>EN</name><bitOffset>0</bitOffset><bitWidth>1</bitWidth></field>
            <field><name>MODE</name><lsb>4</lsb><msb>6</msb><access>read-only</access></field>
            <field><name>TOP</name><bitRange>[31:28]</bitRange></field>
          </fields>
        </register>
        <register>
          <name>SR</name><addressOffset>8</addressOffset><size>0x20</size><access>read-only</access>
        </register>
      </registers>
    </peripheral>
    <peripheral derivedFrom="A"><name>B</name><baseAddress>0x40000400</baseAddress></peripheral>
    <peripheral derivedFrom="B">
      <name>C</name><baseAddress>0x40000800</baseAddress>
      <interrupt><name>C_IRQ</name><value>9</value></interrupt>
    </peripheral>
  </peripherals>
</device>`

func TestParseSample(t *testing.T) {
	d, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "TOY" || len(d.Peripherals) != 3 {
		t.Fatalf("device %q with %d peripherals", d.Name, len(d.Peripherals))
	}
	a := d.Peripheral("A")
	if a == nil || a.Base != 0x4000_0000 || len(a.Interrupts) != 1 || a.Interrupts[0] != (Interrupt{"A_IRQ", 7}) {
		t.Fatalf("A = %+v", a)
	}
	cr := a.Register("CR")
	if cr == nil {
		t.Fatal("no A.CR")
	}
	// size from the peripheral, access from the device, reset as #binary.
	if cr.Offset != 4 || cr.Size != 16 || cr.Reset != 5 || cr.Access != "read-write" {
		t.Errorf("CR = %+v", *cr)
	}
	wantFields := []Field{{"EN", 0, 1, ""}, {"MODE", 4, 3, "read-only"}, {"TOP", 28, 4, ""}}
	if len(cr.Fields) != len(wantFields) {
		t.Fatalf("CR fields %+v", cr.Fields)
	}
	for i, f := range wantFields {
		if cr.Fields[i] != f {
			t.Errorf("field %d = %+v, want %+v", i, cr.Fields[i], f)
		}
	}
	if m := cr.FieldMask(); m != 0xF000_0071 {
		t.Errorf("CR field mask %#x", m)
	}
	if f, ok := cr.Field("MODE"); !ok || f.Mask() != 0x70 {
		t.Errorf("MODE %+v %v", f, ok)
	}
	if _, ok := cr.Field("NOPE"); ok {
		t.Error("found a field that does not exist")
	}
	sr := a.Register("SR")
	if sr == nil || sr.Offset != 8 || sr.Size != 32 || sr.Reset != 0 || sr.Access != "read-only" || len(sr.Fields) != 0 {
		t.Errorf("SR = %+v", sr)
	}
	if a.Register("NOPE") != nil || d.Peripheral("NOPE") != nil {
		t.Error("lookup of a missing name succeeded")
	}

	// B derives from A; C from B: registers follow the chain, base and interrupts do not.
	b, c := d.Peripheral("B"), d.Peripheral("C")
	if b.DerivedFrom != "A" || b.Base != 0x4000_0400 || len(b.Interrupts) != 0 || len(b.Registers) != 2 {
		t.Errorf("B = %+v", b)
	}
	if c.Base != 0x4000_0800 || len(c.Interrupts) != 1 || c.Interrupts[0].Value != 9 || len(c.Registers) != 2 {
		t.Errorf("C = %+v", c)
	}
	if c.Register("CR") == nil || c.Register("CR").Reset != 5 {
		t.Error("C did not inherit A.CR")
	}
	// The copies are independent.
	c.Registers[0].Fields[0].Name = "X"
	if a.Registers[0].Fields[0].Name != "EN" {
		t.Error("derived registers share storage with their source")
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ desc, xml string }{
		{"not XML", `<device><peripherals>`},
		{"bad base", `<device><peripherals><peripheral><name>A</name><baseAddress>0xZZ</baseAddress></peripheral></peripherals></device>`},
		{"base over 32 bits", `<device><peripherals><peripheral><name>A</name><baseAddress>0x100000000</baseAddress></peripheral></peripherals></device>`},
		{"duplicate", `<device><peripherals><peripheral><name>A</name><baseAddress>0</baseAddress></peripheral><peripheral><name>A</name><baseAddress>0</baseAddress></peripheral></peripherals></device>`},
		{"unknown derivedFrom", `<device><peripherals><peripheral derivedFrom="Q"><name>A</name><baseAddress>0</baseAddress></peripheral></peripherals></device>`},
		{"derivedFrom cycle", `<device><peripherals><peripheral derivedFrom="B"><name>A</name><baseAddress>0</baseAddress></peripheral><peripheral derivedFrom="A"><name>B</name><baseAddress>0</baseAddress></peripheral></peripherals></device>`},
		{"register without size", `<device><peripherals><peripheral><name>A</name><baseAddress>0</baseAddress><registers><register><name>R</name><addressOffset>0</addressOffset><resetValue>0</resetValue></register></registers></peripheral></peripherals></device>`},
		{"field past bit 31", `<device><size>32</size><resetValue>0</resetValue><peripherals><peripheral><name>A</name><baseAddress>0</baseAddress><registers><register><name>R</name><addressOffset>0</addressOffset><fields><field><name>F</name><bitOffset>30</bitOffset><bitWidth>4</bitWidth></field></fields></register></registers></peripheral></peripherals></device>`},
		{"field without position", `<device><size>32</size><resetValue>0</resetValue><peripherals><peripheral><name>A</name><baseAddress>0</baseAddress><registers><register><name>R</name><addressOffset>0</addressOffset><fields><field><name>F</name></field></fields></register></registers></peripheral></peripherals></device>`},
	} {
		if _, err := Parse([]byte(c.xml)); err == nil {
			t.Errorf("%s: no error", c.desc)
		}
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.svd"))
	if !errors.Is(err, ErrRead) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "STM32F769.svd" {
		t.Errorf("DefaultPath %q", p)
	}
	// This package sits two levels below the module root (internal/svd).
	wd, _ := os.Getwd()
	if want := filepath.Join(wd, "..", "..", "..", "shared", "svd", "STM32F769.svd"); filepath.Clean(want) != p {
		t.Errorf("DefaultPath %q, want %q", p, want)
	}
}

// TestST checks a few facts about the ST file against RM0410 and ST's stm32f769xx.h,
// independent of our models: RCC at 0x4002_3800 with RCC_CR resetting to 0x0000_0083
// (RM0410 §2.2.2 memory map, §5.3.1); GPIOC at 0x4002_0800 with no registers of its own
// (ST derives it from GPIOD), so MODER at offset 0 comes from GPIOD (RM0410 §6.4.1); USART2 at 0x4000_4400 with
// USART2_IRQn = 38 (stm32f769xx.h); USART_CR1.UE is bit 0 (RM0410 §34.8.1).
func TestST(t *testing.T) {
	d := ForTest(t)
	rcc := d.Peripheral("RCC")
	if rcc == nil || rcc.Base != 0x4002_3800 {
		t.Fatalf("RCC: %v", rcc != nil)
	}
	if cr := rcc.Register("CR"); cr == nil || cr.Offset != 0 || cr.Reset != 0x83 || cr.Size != 32 {
		t.Errorf("RCC_CR %+v", cr)
	}
	gc := d.Peripheral("GPIOC")
	if gc == nil || gc.Base != 0x4002_0800 || gc.DerivedFrom != "GPIOD" {
		t.Fatalf("GPIOC: %v", gc != nil)
	}
	if m := gc.Register("MODER"); m == nil || m.Offset != 0 {
		t.Errorf("GPIOC_MODER %+v", m)
	}
	u := d.Peripheral("USART2")
	if u == nil || u.Base != 0x4000_4400 || len(u.Interrupts) != 1 || u.Interrupts[0].Value != 38 {
		t.Fatalf("USART2: %v", u != nil)
	}
	cr1 := u.Register("CR1")
	if cr1 == nil {
		t.Fatal("no USART2_CR1")
	}
	if f, ok := cr1.Field("UE"); !ok || f.BitOffset != 0 || f.BitWidth != 1 {
		t.Errorf("USART_CR1.UE %+v %v", f, ok)
	}
	if ForTest(t) != d {
		t.Error("ForTest parsed the file twice")
	}
}

// TestNum: CMSIS-SVD scaledNonNegativeInteger is decimal unless prefixed 0x/0X or #
// (binary). ST's file has one unprefixed "00000010" (SPI I2SPR resetValue), which is
// therefore ten, not octal eight as strconv's base-0 rule would read it.
func TestNum(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint32
	}{{"0", 0}, {"00000010", 10}, {"0x1F", 31}, {"0X1f", 31}, {" 42 ", 42}, {"#1010", 10}, {"0xFFFFFFFF", 0xFFFF_FFFF}} {
		if got, err := num(c.in); err != nil || got != c.want {
			t.Errorf("num(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "0x", "#12", "4k", "-1", "0x1_0000_0000"} {
		if _, err := num(in); err == nil {
			t.Errorf("num(%q) accepted", in)
		}
	}
}

// TestDefaultPathWalksUp: from a subdirectory of a module, the path is beside the
// module root; with the file absent, Load reports ErrRead (which ForTest skips on).
func TestDefaultPathWalksUp(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(root), "shared", "svd", "STM32F769.svd"); p != want {
		t.Errorf("DefaultPath %q, want %q", p, want)
	}
	if _, err := Load(p); !errors.Is(err, ErrRead) {
		t.Errorf("Load(%q): %v, want ErrRead", p, err)
	}
}

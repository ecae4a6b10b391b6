package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"m7emu/internal/svd"
)

func loadSVD(t *testing.T) []byte {
	t.Helper()
	path, err := svd.DefaultPath()
	if err != nil {
		t.Skip(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("ST SVD not available: %v", err)
	}
	return data
}

// TestCommittedTableIsCurrent regenerates board/svdtable_gen.go and checks the
// committed file has exactly those bytes.
func TestCommittedTableIsCurrent(t *testing.T) {
	data := loadSVD(t)
	got, err := Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join("..", "..", "..", "board", "svdtable_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Errorf("board/svdtable_gen.go is stale: run go generate ./board (regenerated %d bytes, committed %d)", len(got), len(committed))
	}
	if !strings.HasPrefix(string(got), "// Code generated ") || !strings.Contains(string(got), " DO NOT EDIT.\n") {
		t.Error("missing the Code generated … DO NOT EDIT. header")
	}
}

// TestBlocksAndInheritance checks rows against the SVD text by hand: LTDC's block
// (<addressBlock> size 0x400) and GCR reset 0x00002220; TIM5 (derivedFrom TIM4, no
// block of its own) inherits TIM4's 0x400; DSI's block is 0x800; ADC2 (derived from
// ADC1) gets ADC1's 0x100.
func TestBlocksAndInheritance(t *testing.T) {
	data := loadSVD(t)
	sizes, err := blockSizes(data)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]uint32{"LTDC": 0x400, "TIM5": 0x400, "DSI": 0x800, "ADC2": 0x100, "GPIOK": 0x400} {
		if sizes[name] != want {
			t.Errorf("block size of %s = %#x, want %#x", name, sizes[name], want)
		}
	}
	src, err := Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{Name: "LTDC", Base: 0x40016800, Size: 0x400, Regs: []latch.Register{`,
		`{Name: "GCR", Offset: 0x018, Size: 32, Reset: 0x00002220},`,
		`{Name: "TIM5", Base: 0x40000C00, Size: 0x400, Regs: []latch.Register{`,
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("generated table lacks %s", want)
		}
	}
}

func TestErrors(t *testing.T) {
	const head = `<device><name>D</name><size>32</size><resetValue>0</resetValue><peripherals>`
	cases := map[string]string{
		"no block":      head + `<peripheral><name>A</name><baseAddress>0x40000000</baseAddress></peripheral></peripherals></device>`,
		"reg outside":   head + `<peripheral><name>A</name><baseAddress>0x40000000</baseAddress><addressBlock><offset>0</offset><size>0x4</size></addressBlock><registers><register><name>R</name><addressOffset>0x4</addressOffset></register></registers></peripheral></peripherals></device>`,
		"wraps":         head + `<peripheral><name>A</name><baseAddress>0xFFFFFF00</baseAddress><addressBlock><offset>0</offset><size>0x400</size></addressBlock></peripheral></peripherals></device>`,
		"derived cycle": head + `<peripheral derivedFrom="B"><name>A</name><baseAddress>0</baseAddress></peripheral><peripheral derivedFrom="A"><name>B</name><baseAddress>0x400</baseAddress></peripheral></peripherals></device>`,
		"not xml":       `<device`,
	}
	for name, text := range cases {
		if _, err := Generate([]byte(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	var pe *os.PathError
	if err := run(filepath.Join(t.TempDir(), "absent.svd"), ""); !errors.As(err, &pe) {
		t.Errorf("run on a missing file: %v", err)
	}
}

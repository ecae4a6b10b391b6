package cpu

import (
	"encoding/binary"
	"testing"

	"m7emu/bus"
)

// Test helpers shared by the execute tests of every group.

const (
	testCodeBase = 0x00000000 // code RAM (like mps2-an500)
	testRAMBase  = 0x20000000
	testRAMSize  = 0x10000
)

// newTestCPU builds a core on a bus with 64 KiB of code RAM at 0 (holding the given
// halfwords from address 0x100, after a vector table pointing at it) and 64 KiB of
// RAM at 0x20000000. The core is reset and about to execute the first halfword.
func newTestCPU(t testing.TB, code ...uint16) *CPU {
	t.Helper()
	b := bus.New()
	codeMem := make([]byte, 0x10000)
	if err := b.Map(&bus.Region{Name: "code", Base: testCodeBase, Size: 0x10000, Kind: bus.KindRAM, Mem: codeMem}); err != nil {
		t.Fatal(err)
	}
	if err := b.Map(&bus.Region{Name: "ram", Base: testRAMBase, Size: testRAMSize, Kind: bus.KindRAM, Mem: make([]byte, testRAMSize)}); err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint32(codeMem[0:], testRAMBase+testRAMSize) // initial SP
	binary.LittleEndian.PutUint32(codeMem[4:], 0x101)                   // reset vector
	for i, hw := range code {
		binary.LittleEndian.PutUint16(codeMem[0x100+2*i:], hw)
	}
	c := New(Config{Bus: b})
	if err := c.Reset(0); err != nil {
		t.Fatal(err)
	}
	return c
}

// stepN executes n instructions and fails the test if the core stops.
func stepN(t testing.TB, c *CPU, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if s := c.Step(); s != nil {
			t.Fatalf("core stopped after %d instructions: %v (%s) fault=%v", i, s.Reason, s.Msg, s.Fault)
		}
	}
}

// thumb32 splits a 32-bit encoding (hw1<<16|hw2) into its two halfwords.
func thumb32(raw uint32) []uint16 { return []uint16{uint16(raw >> 16), uint16(raw)} }

// prog concatenates halfword slices.
func prog(parts ...[]uint16) []uint16 {
	var out []uint16
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

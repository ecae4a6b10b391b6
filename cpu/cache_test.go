package cpu

import (
	"testing"

	"m7emu/bus"
)

// Self-modifying code: a store into code that was already executed (and so decoded
// into the cache) must be seen by the next execution of that address.
func TestCacheInvalidatedByStore(t *testing.T) {
	// 0x100: movs r0, #1        (2001)
	// 0x102: strh r2, [r1]      (800a)  r1 = 0x100, r2 = 0x2002 (movs r0, #2)
	// 0x104: b 0x100            (e7fc)
	c := newTestCPU(t, 0x2001, 0x800a, 0xe7fc)
	c.R[1], c.R[2] = 0x100, 0x2002
	stepN(t, c, 1)
	if c.R[0] != 1 {
		t.Fatalf("first pass r0=%d, want 1", c.R[0])
	}
	stepN(t, c, 3) // strh, b, then the patched instruction
	if c.R[0] != 2 {
		t.Fatalf("after patching, r0=%d, want 2 (stale decoded instruction executed)", c.R[0])
	}
}

// A 32-bit instruction whose second halfword is overwritten must be re-decoded too.
func TestCacheInvalidatesInstructionCoveringWrite(t *testing.T) {
	// 0x100: movw r0, #0x1234   f241 2034
	c := newTestCPU(t, 0xf241, 0x2034)
	stepN(t, c, 1)
	if c.R[0] != 0x1234 {
		t.Fatalf("r0=%#x", c.R[0])
	}
	// Patch hw2 (address 0x102) to make it movw r0, #0x1235.
	if err := c.Bus().Write(0x102, 2, 0x2035); err != nil {
		t.Fatal(err)
	}
	c.R[15] = 0x100
	stepN(t, c, 1)
	if c.R[0] != 0x1235 {
		t.Fatalf("after patching hw2, r0=%#x, want 0x1235", c.R[0])
	}
}

// Loading new bytes through one alias of a memory invalidates code decoded through
// the other alias (the F769's flash is seen at 0x0020_0000 and 0x0800_0000).
func TestCacheInvalidatedThroughAlias(t *testing.T) {
	b := bus.New()
	flash := &bus.Region{Name: "flash", Base: 0x08000000, Size: 0x1000, Kind: bus.KindFlash, Mem: make([]byte, 0x1000)}
	if err := b.Map(flash); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Alias("flash-itcm", 0x00200000, flash); err != nil {
		t.Fatal(err)
	}
	if err := b.Map(&bus.Region{Name: "ram", Base: 0x20000000, Size: 0x1000, Kind: bus.KindRAM, Mem: make([]byte, 0x1000)}); err != nil {
		t.Fatal(err)
	}
	prog := func(movs byte) []byte {
		return []byte{0x00, 0x10, 0x00, 0x20, 0x09, 0x00, 0x20, 0x00, movs, 0x20, 0xfe, 0xe7} // SP, reset=0x200009, movs r0,#imm; b .
	}
	if err := b.Load(0x08000000, prog(1)); err != nil {
		t.Fatal(err)
	}
	c := New(Config{Bus: b})
	if err := c.Reset(0x00200000); err != nil {
		t.Fatal(err)
	}
	stepN(t, c, 1)
	if c.R[0] != 1 {
		t.Fatalf("r0=%d", c.R[0])
	}
	if err := b.Load(0x08000000, prog(7)); err != nil { // reflash through the AXIM view
		t.Fatal(err)
	}
	if err := c.Reset(0x00200000); err != nil {
		t.Fatal(err)
	}
	stepN(t, c, 1)
	if c.R[0] != 7 {
		t.Fatalf("after reflashing through the alias, r0=%d, want 7", c.R[0])
	}
}

// An undefined encoding stops the core with a fault naming the PC and halfwords,
// never a panic.
func TestUndefinedStopsWithMessage(t *testing.T) {
	c := newTestCPU(t, 0xde00) // UDF #0
	s := c.Step()
	if s == nil || s.Reason != StopFault || s.Fault.Kind != FaultUndefInstr {
		t.Fatalf("stop = %+v", s)
	}
	if got, want := s.Fault.Error(), "UsageFault UNDEFINSTR (undefined instruction) at PC 0x00000100 (halfword de00)"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	if c.PC() != 0x100 {
		t.Fatalf("PC moved to %#x", c.PC())
	}
}

// BKPT executes even when its IT condition fails (A7.7.17).
func TestBKPTUnconditionalInIT(t *testing.T) {
	// 0x100: cmp r0, r0 (Z=1) 4280; 0x102: it ne bf18; 0x104: bkpt 0x05 be05
	c := newTestCPU(t, 0x4280, 0xbf18, 0xbe05)
	stepN(t, c, 2)
	s := c.Step()
	if s == nil || s.Reason != StopBreakpoint || s.PC != 0x104 {
		t.Fatalf("stop = %+v, want breakpoint at 0x104", s)
	}
}

// A skipped instruction still advances ITSTATE, so the block ends on time.
func TestITStateAdvancesOnSkipped(t *testing.T) {
	// cmp r0, r0; itt ne (bf1c); movne r1, #1 (2101); movne r2, #1 (2201); movs r3, #1 (2301)
	c := newTestCPU(t, 0x4280, 0xbf1c, 0x2101, 0x2201, 0x2301)
	stepN(t, c, 5)
	if c.R[1] != 0 || c.R[2] != 0 || c.R[3] != 1 || c.IT != 0 {
		t.Fatalf("r1=%d r2=%d r3=%d IT=%#x", c.R[1], c.R[2], c.R[3], c.IT)
	}
}

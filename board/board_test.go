package board

import (
	"testing"

	"m7emu/bus"
)

// FLASH_ACR.LATENCY sets the wait states of both views of the flash (RM0410 §3.3.2),
// and a board reset returns them to 0.
func TestFlashLatencyFeedsWaitStates(t *testing.T) {
	b, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Bus.Write(0x4002_3C00, 4, 7); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range b.Bus.Regions() {
		if r.Kind == bus.KindFlash {
			n++
			if r.WaitStates != 7 {
				t.Errorf("%s: %d wait states, want 7", r.Name, r.WaitStates)
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d flash views, want 2 (AXIM and ITCM)", n)
	}
	b.Reset() // no firmware: the vector read fails, but devices are reset first
	for _, r := range b.Bus.Regions() {
		if r.Kind == bus.KindFlash && r.WaitStates != 0 {
			t.Errorf("%s: %d wait states after reset", r.Name, r.WaitStates)
		}
	}
}

// The F769 memory map (RM0410 §2.2): the identification words read as documented,
// flash is the same memory at both addresses, and unmapped space faults.
func TestF769MemoryMap(t *testing.T) {
	b, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := b.Bus.Read(F769FlashSizeReg, 2); err != nil || v != 0x0800 {
		t.Errorf("FLASHSIZE = %#x, %v; want 0x0800 (2048 KiB)", v, err)
	}
	if err := b.Bus.Load(F769FlashAXIM+0x100, []byte{0xde, 0xc0, 0xad, 0x0b}); err != nil {
		t.Fatal(err)
	}
	if v, _ := b.Bus.Read(F769FlashITCM+0x100, 4); v != 0x0badc0de {
		t.Errorf("flash through ITCM alias reads %#x", v)
	}
	if err := b.Bus.Write(F769FlashAXIM, 4, 1); err == nil {
		t.Error("a plain store to flash succeeded")
	}
	for _, a := range []uint32{F769RAMBase, F769RAMBase + F769RAMSize - 4, F769ITCMRAMBase, F769BKPSRAMBase} {
		if err := b.Bus.Write(a, 4, 0x12345678); err != nil {
			t.Errorf("RAM at %#x: %v", a, err)
		}
	}
	for _, a := range []uint32{F769RAMBase + F769RAMSize, 0x0000_4000, 0x6000_0000, 0x1000_0000} {
		if _, err := b.Bus.Read(a, 4); err == nil {
			t.Errorf("read at unmapped %#x succeeded", a)
		}
	}
	if v, _ := b.Bus.Read(0xE000_ED00, 4); v != 0x411F_C270 {
		t.Errorf("CPUID = %#x", v)
	}
}

// The processor's debug blocks are wired: ITM stimulus writes reach Config.ITM once
// DEMCR.TRCENA, ITM_TCR.ITMENA and ITM_TER enable them (Arm DDI0403E C1.7), and
// DWT_CYCCNT counts the core's cycles (C1.8.8), sleep included.
func TestITMAndDWTWiring(t *testing.T) {
	var got []byte
	b, err := New(Config{ITM: func(port int, data []byte) {
		if port == 0 {
			got = append(got, data...)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	w := func(addr, v uint32) {
		t.Helper()
		if err := b.Bus.Write(addr, 4, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Bus.Write(0xE000_0000, 1, 'x'); err != nil { // tracing off: dropped
		t.Fatal(err)
	}
	w(0xE000_EDFC, 1<<24) // DEMCR.TRCENA
	w(0xE000_0E80, 1)     // ITM_TCR.ITMENA
	w(0xE000_0E00, 1)     // ITM_TER: port 0
	if err := b.Bus.Write(0xE000_0000, 1, 'A'); err != nil {
		t.Fatal(err)
	}
	if string(got) != "A" {
		t.Fatalf("ITM port 0 received %q, want \"A\"", got)
	}
	w(0xE000_1004, 0)          // DWT_CYCCNT = 0
	w(0xE000_1000, 0x40000001) // DWT_CTRL.CYCCNTENA
	b.CPU.Idle(1234)           // time passes (asleep)
	if v, _ := b.Bus.Read(0xE000_1004, 4); v != 1234 {
		t.Fatalf("CYCCNT = %d, want 1234", v)
	}
	if v, _ := b.Bus.Read(0xE000_E010+0xC, 4); v != 0x4000_493E { // SysTick CALIB (PM0253)
		t.Fatalf("SYST_CALIB = %#x", v)
	}
}

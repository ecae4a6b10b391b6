package cpu

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"m7emu/bus"
	"m7emu/nvic"
)

// Exception-model tests: a core wired to a real nvic.NVIC (mapped at the SCS, as the
// board does) running hand-assembled Thumb code. Encodings were checked with
// arm-none-eabi-as/objdump (binutils 2.40); sources are Arm DDI0403E section numbers.

// Thumb encodings used below.
const (
	tNOP      = 0xBF00
	tBXLR     = 0x4770 // bx lr
	tBself    = 0xE7FE // b .
	tUDF      = 0xDE00 // udf #0
	tWFI      = 0xBF30
	tWFE      = 0xBF20
	tSEV      = 0xBF40
	tCPSIDi   = 0xB672
	tCPSIEi   = 0xB662
	tCPSIDf   = 0xB671
	tCPSIEf   = 0xB661
	tSTRr1r0  = 0x6001 // str r1, [r0]
	tLDRr1r0  = 0x6801 // ldr r1, [r0]
	tBXr1     = 0x4708 // bx r1
	tPUSHr4lr = 0xB510
	tPOPr4pc  = 0xBD10
)

func tMOVS(rd, imm int) uint16 { return uint16(0x2000 | rd<<8 | imm) } // movs rd, #imm
func tSVC(imm int) uint16      { return uint16(0xDF00 | imm) }

var (
	tMSRbasepri    = []uint16{0xF380, 0x8811} // msr basepri, r0
	tMSRbasepriMax = []uint16{0xF380, 0x8812} // msr basepri_max, r0
	tMSRpsp        = []uint16{0xF380, 0x8809}
	tMRSpsp        = []uint16{0xF3EF, 0x8009}
	tSDIV          = []uint16{0xFB91, 0xF0F2} // sdiv r0, r1, r2
	tLDRD          = []uint16{0xE9D2, 0x0100} // ldrd r0, r1, [r2]
	tVMOV          = []uint16{0xEE00, 0x0A10} // vmov s0, r0 (CP10)
	tMCR15         = []uint16{0xEE07, 0x0F15} // mcr p15, 0, r0, c7, c5, 0
	tLDRW1         = []uint16{0xF8D1, 0x0001} // ldr.w r0, [r1, #1]
)

const (
	rigThread   = 0x0400      // thread code
	rigStackTop = 0x2000_8000 // initial MSP
	rigNumIRQ   = 32
	scsAddr     = 0xE000_E000
)

// handler address of exception e in the rig (0x1000 + 0x40*e).
func hAddr(e int) uint32 { return 0x1000 + 0x40*uint32(e) }

type excRig struct {
	t    *testing.T
	c    *CPU
	n    *nvic.NVIC
	code []byte
	ram  []byte
	log  []string
}

// newExcRig builds a core with 64 KiB of code RAM at 0 (vector table at 0, every
// handler a "b ." loop until a test puts code there), 64 KiB of RAM at 0x2000_0000,
// and the NVIC (32 interrupts, 4 priority bits) at the SCS. The core is reset and
// about to run the thread code at 0x400.
func newExcRig(t *testing.T, timing *Timing) *excRig {
	t.Helper()
	r := &excRig{t: t, code: make([]byte, 0x10000), ram: make([]byte, 0x10000)}
	b := bus.New()
	mustMap := func(reg *bus.Region) {
		if err := b.Map(reg); err != nil {
			t.Fatal(err)
		}
	}
	mustMap(&bus.Region{Name: "code", Base: 0, Size: 0x10000, Kind: bus.KindRAM, Mem: r.code})
	mustMap(&bus.Region{Name: "ram", Base: 0x2000_0000, Size: 0x10000, Kind: bus.KindRAM, Mem: r.ram})
	r.n = nvic.New(nvic.Config{NumIRQ: rigNumIRQ, PrioBits: 4, VTOR: 0,
		OnChange:         func() { r.c.ExceptionsChanged() },
		OnEvent:          func() { r.c.SignalEvent() },
		OnSysReset:       func() { r.c.RequestReset() },
		CurrentException: func() int { return int(r.c.IPSR) }})
	mustMap(&bus.Region{Name: "scs", Base: scsAddr, Size: 0x1000, Kind: bus.KindDevice, Dev: r.n})
	r.c = New(Config{Bus: b, Timing: timing, Exceptions: r.n, Hooks: Hooks{Exception: func(exc int, entry bool) {
		if entry {
			r.log = append(r.log, fmt.Sprintf("enter %d", exc))
		} else {
			r.log = append(r.log, fmt.Sprintf("exit %d", exc))
		}
	}}})
	r.w32(0, rigStackTop)
	r.w32(4, rigThread|1)
	for e := 2; e < 16+rigNumIRQ; e++ {
		r.vector(e, hAddr(e))
		r.put(hAddr(e), tBself)
	}
	r.put(rigThread, tBself)
	if err := r.c.Reset(0); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *excRig) w32(addr, v uint32) { binary.LittleEndian.PutUint32(r.code[addr:], v) }

// put writes halfwords of code at addr.
func (r *excRig) put(addr uint32, hws ...uint16) {
	for i, hw := range hws {
		binary.LittleEndian.PutUint16(r.code[addr+2*uint32(i):], hw)
	}
}

func (r *excRig) prog(addr uint32, parts ...[]uint16) { r.put(addr, prog(parts...)...) }

// vector points exception e at addr (Thumb).
func (r *excRig) vector(e int, addr uint32) { r.w32(4*uint32(e), addr|1) }

func (r *excRig) mem32(addr uint32) uint32 {
	v, err := r.c.Bus().Read(addr, 4)
	if err != nil {
		r.t.Fatalf("read %#x: %v", addr, err)
	}
	return v
}

// scs reads and writes SCS registers (offsets from 0xE000_E000) through the bus.
func (r *excRig) scs(off uint32) uint32 { return r.mem32(scsAddr + off) }
func (r *excRig) setSCS(off, v uint32) {
	if err := r.c.Bus().Write(scsAddr+off, 4, v); err != nil {
		r.t.Fatal(err)
	}
}

// irq configures external interrupt n: priority and enable.
func (r *excRig) irq(n int, prio uint8) {
	if err := r.c.Bus().Write(scsAddr+nvic.OffIPR+uint32(n), 1, uint32(prio)); err != nil {
		r.t.Fatal(err)
	}
	r.setSCS(nvic.OffISER+4*uint32(n/32), 1<<(n%32))
}

// step performs one step and fails on any stop.
func (r *excRig) step() {
	r.t.Helper()
	if s := r.c.Step(); s != nil {
		r.t.Fatalf("stopped: %v at %#x (%s) fault=%v", s.Reason, s.PC, s.Msg, s.Fault)
	}
}

// until steps (at least once) until the PC is pc with no exception entry or return in
// progress, failing after max steps or on a stop.
func (r *excRig) until(pc uint32, max int) {
	r.t.Helper()
	for i := 0; i < max; i++ {
		r.step()
		if r.c.R[15] == pc && !r.c.entering && !r.c.retPending {
			return
		}
	}
	r.t.Fatalf("PC never reached %#x (at %#x, IPSR %d)", pc, r.c.R[15], r.c.IPSR)
}

// untilStop steps until the core stops and returns the stop.
func (r *excRig) untilStop(max int) *Stop {
	r.t.Helper()
	for i := 0; i < max; i++ {
		if s := r.c.Step(); s != nil {
			return s
		}
	}
	r.t.Fatalf("no stop after %d steps (PC %#x)", max, r.c.R[15])
	return nil
}

func (r *excRig) wantLog(want ...string) {
	r.t.Helper()
	if got := strings.Join(r.log, ", "); got != strings.Join(want, ", ") {
		r.t.Fatalf("exception log:\n got  %s\n want %s", got, strings.Join(want, ", "))
	}
}

// TestEntryFrameAndReturn checks the 8-word frame (B1.5.6 PushStack), EXC_RETURN in
// LR, IPSR, and that the return (B1.5.8) restores everything, sets the event register
// and clears the local monitor.
func TestEntryFrameAndReturn(t *testing.T) {
	for _, misaligned := range []bool{false, true} {
		t.Run(fmt.Sprintf("sp_4_mod_8=%v", misaligned), func(t *testing.T) {
			r := newExcRig(t, FunctionalTiming())
			c := r.c
			r.put(rigThread, tNOP, tNOP, tBself)
			r.put(hAddr(16+5), tBXLR)
			r.irq(5, 0x80)
			sp := uint32(rigStackTop)
			if misaligned {
				sp -= 4
			}
			c.R[13] = sp
			c.R[0], c.R[1], c.R[2], c.R[3], c.R[12], c.R[14] = 0x10, 0x11, 0x12, 0x13, 0x1C, 0x0000_0EE1
			c.N, c.C, c.Q, c.GE = true, true, true, 0xA
			c.SetExclusiveMonitors(0x2000_0000)
			r.step() // nop at 0x400
			r.n.SetPending(16 + 5)
			r.step() // entry
			frame := (sp - 0x20) &^ 7
			if c.R[13] != frame {
				t.Fatalf("SP = %#x, want %#x", c.R[13], frame)
			}
			wantXPSR := uint32(1<<31 | 1<<29 | 1<<27 | 0xA<<16 | 1<<24) // thread: IPSR 0
			if misaligned {
				wantXPSR |= 1 << 9
			}
			want := []uint32{0x10, 0x11, 0x12, 0x13, 0x1C, 0x0EE1, rigThread + 2, wantXPSR}
			for i, w := range want {
				if got := r.mem32(frame + 4*uint32(i)); got != w {
					t.Errorf("frame word %d = %#x, want %#x", i, got, w)
				}
			}
			if c.R[14] != 0xFFFF_FFF9 || c.IPSR != 21 || c.R[15] != hAddr(21) || !r.n.IsActive(21) {
				t.Fatalf("LR %#x IPSR %d PC %#x active %v", c.R[14], c.IPSR, c.R[15], r.n.IsActive(21))
			}
			if c.exclValid {
				t.Fatal("local monitor not cleared on entry")
			}
			c.R[0], c.R[1], c.R[12], c.N, c.C, c.Q, c.GE = 0, 0, 0, false, false, false, 0
			c.EventReg = false
			c.SetExclusiveMonitors(0x2000_0000)
			r.until(rigThread+2, 10)
			if c.R[13] != sp || c.R[0] != 0x10 || c.R[1] != 0x11 || c.R[12] != 0x1C || c.R[14] != 0x0EE1 {
				t.Fatalf("after return: SP %#x R0 %#x R1 %#x R12 %#x LR %#x", c.R[13], c.R[0], c.R[1], c.R[12], c.R[14])
			}
			if !c.N || !c.C || !c.Q || c.GE != 0xA || c.IPSR != 0 {
				t.Fatalf("flags not restored: %#x", c.XPSR())
			}
			if !c.EventReg {
				t.Fatal("exception return did not set the event register (B1.5.18)")
			}
			if c.exclValid {
				t.Fatal("local monitor not cleared on return")
			}
			r.wantLog("enter 21", "exit 21")
		})
	}
}

// TestEntryFromPSPAndITBlock: from Thread mode on PSP the frame goes on the process
// stack and LR is 0xFFFFFFFD; an interrupt between two instructions of an IT block
// stacks the remaining IT state and restores it (B1.4.2, B1.5.6).
func TestEntryFromPSPAndITBlock(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	// ite eq; moveq r0,#1; movne r0,#2; b .
	r.put(rigThread, 0xBF0C, tMOVS(0, 1), tMOVS(0, 2), tBself)
	r.put(hAddr(17), tBXLR)
	r.irq(1, 0)
	c.SetSPProcess(0x2000_4000)
	c.SetCONTROL(2)
	c.Z = true
	r.step() // ite
	r.step() // moveq (executes)
	r.n.SetPending(17)
	r.step() // entry, before movne
	if c.R[14] != 0xFFFF_FFFD || c.PSP != 0x2000_4000-0x20 || c.R[13] != rigStackTop {
		t.Fatalf("LR %#x PSP %#x MSP %#x", c.R[14], c.PSP, c.R[13])
	}
	if c.IT != 0 {
		t.Fatal("IT state not cleared in the handler")
	}
	xpsr := r.mem32(0x2000_4000 - 4)
	if it := itFromXPSR(xpsr); it == 0 {
		t.Fatalf("stacked xPSR %#x has no IT state", xpsr)
	}
	r.until(rigThread+6, 10) // movne skipped (Z set), now at b .
	if c.R[0] != 1 || c.R[13] != 0x2000_4000 || c.CONTROL&2 == 0 {
		t.Fatalf("R0 %d SP %#x CONTROL %d", c.R[0], c.R[13], c.CONTROL)
	}
}

// excReturnCase runs a handler that returns with the given EXC_RETURN value.
func TestEXCRETURNVariants(t *testing.T) {
	cases := []struct {
		name    string
		value   uint32
		invalid bool
	}{
		{"thread MSP F9", 0xFFFF_FFF9, false},
		{"handler F1 from thread", 0xFFFF_FFF1, true}, // stacked IPSR 0 for a return to Handler mode
		{"thread PSP FD", 0xFFFF_FFFD, false},
		{"reserved F5", 0xFFFF_FFF5, true},
		{"reserved FF", 0xFFFF_FFFF, true},
		{"reserved F0", 0xFFFF_FFF0, true},
		{"bits 27:4 not all ones", 0xF000_0009, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newExcRig(t, FunctionalTiming())
			c := r.c
			r.setSCS(nvic.OffSHCSR, 1<<18) // UsageFault enabled
			// handler: r1 = value (literal), bx r1
			h := hAddr(17)
			r.put(h, 0x4900, tBXr1) // ldr r1, [pc, #0]; bx r1 -> literal at h+4
			r.w32(h+4, tc.value)
			r.put(hAddr(6), tBself)
			r.irq(1, 0)
			if tc.value == 0xFFFF_FFFD {
				// the frame is on PSP when entering from Thread mode with SPSEL = 1
				c.SetSPProcess(0x2000_4000)
				c.SetCONTROL(2)
			}
			r.n.SetPending(17)
			r.step()
			r.step() // ldr
			r.step() // bx r1: exception return requested
			r.step() // return (or INVPC)
			if !tc.invalid {
				if c.IPSR != 0 || c.R[15] != rigThread {
					t.Fatalf("did not return: IPSR %d PC %#x", c.IPSR, c.R[15])
				}
				return
			}
			r.step() // finish the INVPC entry if any
			if c.IPSR != 6 || c.R[15] != hAddr(6) {
				t.Fatalf("want UsageFault: IPSR %d PC %#x", c.IPSR, c.R[15])
			}
			if cfsr := r.scs(nvic.OffCFSR); cfsr != nvic.CFSRINVPC {
				t.Fatalf("CFSR = %#x, want INVPC", cfsr)
			}
			if c.R[14] != tc.value {
				t.Fatalf("LR = %#x, want the EXC_RETURN value %#x", c.R[14], tc.value)
			}
			if r.n.IsActive(17) {
				t.Fatal("returning exception still active")
			}
			if f := c.LastFault(); f == nil || f.Kind != FaultInvPC || f.Exception != 6 {
				t.Fatalf("LastFault = %+v", f)
			}
		})
	}
}

// TestReturnToThreadWithActiveExceptions: EXC_RETURN to Thread mode while another
// exception is active is INVPC unless CCR.NONBASETHRDENA (B1.5.8).
func TestReturnToThreadWithActiveExceptions(t *testing.T) {
	for _, nonbase := range []bool{false, true} {
		t.Run(fmt.Sprintf("NONBASETHRDENA=%v", nonbase), func(t *testing.T) {
			r := newExcRig(t, FunctionalTiming())
			c := r.c
			r.setSCS(nvic.OffSHCSR, 1<<18)
			if nonbase {
				r.setSCS(nvic.OffCCR, 1)
			}
			// IRQ 2 (prio 0x40) preempts IRQ 1 (0x80); IRQ 2's handler returns with F9.
			r.irq(1, 0x80)
			r.irq(2, 0x40)
			h2 := hAddr(18)
			r.put(h2, 0x4900, tBXr1)
			r.w32(h2+4, 0xFFFF_FFF9)
			r.n.SetPending(17)
			r.step()
			r.n.SetPending(18)
			r.step() // preempt
			if c.IPSR != 18 || c.R[14] != 0xFFFF_FFF1 {
				t.Fatalf("nested entry: IPSR %d LR %#x", c.IPSR, c.R[14])
			}
			// Rewrite IRQ 2's stacked frame so that a return to Thread mode would be
			// consistent (stacked IPSR 0).
			fr := c.R[13]
			r.ram[fr+0x1C-0x2000_0000] &^= 0xFF
			r.ram[fr+0x1D-0x2000_0000] &^= 0x01
			r.step()
			r.step()
			r.step()
			r.step()
			if nonbase {
				if c.IPSR != 0 || r.n.IsActive(18) || !r.n.IsActive(17) {
					t.Fatalf("NONBASETHRDENA: IPSR %d, active 18 %v, 17 %v", c.IPSR, r.n.IsActive(18), r.n.IsActive(17))
				}
				return
			}
			if c.IPSR != 6 || r.scs(nvic.OffCFSR) != nvic.CFSRINVPC {
				t.Fatalf("want INVPC UsageFault: IPSR %d CFSR %#x", c.IPSR, r.scs(nvic.OffCFSR))
			}
		})
	}
}

// TestReturnFromInactiveException: returning from an exception whose active bit was
// cleared (VECTCLRACTIVE) is INVPC (B1.5.8).
func TestReturnFromInactiveException(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.put(hAddr(17), tBXLR)
	r.irq(1, 0)
	r.n.SetPending(17)
	r.step()
	r.setSCS(nvic.OffAIRCR, 0x05FA_0002) // VECTCLRACTIVE
	r.step()                             // bx lr
	r.step()                             // INVPC: UsageFault disabled -> HardFault
	r.step()
	if c.IPSR != 3 || r.scs(nvic.OffHFSR) != nvic.HFSRFORCED || r.scs(nvic.OffCFSR) != nvic.CFSRINVPC {
		t.Fatalf("IPSR %d HFSR %#x CFSR %#x", c.IPSR, r.scs(nvic.OffHFSR), r.scs(nvic.OffCFSR))
	}
}

// TestTailChainAndTiming: two pending interrupts are taken back to back; the second is
// tail-chained (no unstack/restack: LR and SP unchanged) and the costs are entry 12,
// tail-chain 6, exit 10 (cortex-m7-timing.md §1.7).
func TestTailChainAndTiming(t *testing.T) {
	r := newExcRig(t, nil)
	c := r.c
	r.put(hAddr(17), tBXLR)
	r.put(hAddr(18), tBXLR)
	r.irq(1, 0x40)
	r.irq(2, 0x80)
	r.put(rigThread, tNOP, tBself)
	r.n.SetPending(18)
	r.n.SetPending(17)
	start := c.Cycles
	r.step() // entry to IRQ 1 (more urgent)
	if c.IPSR != 17 {
		t.Fatalf("IPSR %d, want 17", c.IPSR)
	}
	sp, lr := c.R[13], c.R[14]
	r.step() // bx lr
	r.step() // return -> tail-chain to IRQ 2
	if c.IPSR != 18 || c.R[13] != sp || c.R[14] != lr {
		t.Fatalf("tail chain: IPSR %d SP %#x (was %#x) LR %#x", c.IPSR, c.R[13], sp, lr)
	}
	r.until(rigThread, 10)
	r.wantLog("enter 17", "exit 17", "enter 18", "exit 18")
	// The two BX LR cost their base cycle (1) only: an exception return adds no
	// pipeline refill (the exit cost covers it).
	want := uint64(12 + 1 + 6 + 1 + 10)
	if got := c.Cycles - start; got != want {
		t.Fatalf("cycles = %d, want %d (entry 12 + tail-chain 6 + exit 10 + 2 BX)", got, want)
	}
	if c.ExcCycles != 28 {
		t.Fatalf("ExcCycles = %d, want 28", c.ExcCycles)
	}
}

// TestLateArrival: an interrupt that becomes pending while another's entry is in
// progress (here: after the stacking, before the vector fetch) and is more urgent is
// taken first; the original one follows by tail-chaining.
func TestLateArrival(t *testing.T) {
	r := newExcRig(t, nil)
	c := r.c
	r.put(hAddr(17), tBXLR)
	r.put(hAddr(18), tBXLR)
	r.irq(1, 0x80)
	r.irq(2, 0x20)
	r.n.SetPending(17)
	// Run with a one-cycle budget: the entry starts, its 12 cycles exhaust the budget.
	if s := c.Run(c.Cycles + 1); s.Reason != StopLimit || !c.entering {
		t.Fatalf("stop %v entering %v", s.Reason, c.entering)
	}
	r.n.SetPending(18) // arrives during the entry
	c.Resume()
	r.until(rigThread, 20)
	r.wantLog("enter 18", "exit 18", "enter 17", "exit 17")
}

// TestPreemptionAndGrouping: a more urgent group preempts a running handler (nested,
// LR = 0xFFFFFFF1); equal group priority does not, whatever the subpriority; PRIGROUP
// decides which bits are the group (B1.5.4).
func TestPreemptionAndGrouping(t *testing.T) {
	// IRQ 1 at 0xC0 is running when IRQ 2 at 0x80 arrives.
	for _, tc := range []struct {
		prigroup uint32
		preempt  bool
	}{
		{0, true},  // group = bits [7:1]: 0xC0 vs 0x80
		{5, true},  // group = bits [7:6]: 0xC0 vs 0x80 still differ
		{6, false}, // group = bit [7]: both 0x80, only the subpriority differs
		{7, false}, // no group bits: nothing preempts
	} {
		t.Run(fmt.Sprintf("PRIGROUP=%d", tc.prigroup), func(t *testing.T) {
			r := newExcRig(t, FunctionalTiming())
			c := r.c
			r.setSCS(nvic.OffAIRCR, 0x05FA_0000|tc.prigroup<<8)
			r.irq(1, 0xC0)
			r.irq(2, 0x80)
			r.put(hAddr(17), tNOP, tBXLR)
			r.put(hAddr(18), tBXLR)
			r.n.SetPending(17)
			r.step()
			r.n.SetPending(18)
			r.step()
			preempt := tc.preempt
			if preempt {
				if c.IPSR != 18 || c.R[14] != 0xFFFF_FFF1 {
					t.Fatalf("want preemption: IPSR %d LR %#x", c.IPSR, c.R[14])
				}
			} else if c.IPSR != 17 || c.R[15] != hAddr(17)+2 {
				t.Fatalf("want no preemption: IPSR %d PC %#x", c.IPSR, c.R[15])
			}
			r.until(rigThread, 20)
			if preempt {
				r.wantLog("enter 17", "enter 18", "exit 18", "exit 17")
			} else {
				r.wantLog("enter 17", "exit 17", "enter 18", "exit 18")
			}
		})
	}
}

// TestMasking: PRIMASK, BASEPRI, BASEPRI_MAX and FAULTMASK raise the execution priority
// (B1.5.4); lowering it lets the pending exception in before the next instruction.
func TestMasking(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.irq(1, 0x40)
	r.put(hAddr(17), tBXLR)
	r.put(hAddr(2), tBXLR) // NMI
	// thread: cpsid i; nop; cpsie i; nop; b .
	r.put(rigThread, tCPSIDi, tNOP, tCPSIEi, tNOP, tBself)
	r.step() // cpsid i
	r.n.SetPending(17)
	r.step() // nop: masked
	if c.IPSR != 0 || c.R[15] != rigThread+4 {
		t.Fatalf("PRIMASK did not mask: IPSR %d PC %#x", c.IPSR, c.R[15])
	}
	r.setSCS(nvic.OffICSR, 1<<31) // NMI is not masked by PRIMASK
	r.step()
	if c.IPSR != 2 {
		t.Fatalf("NMI masked by PRIMASK: IPSR %d", c.IPSR)
	}
	r.until(rigThread+4, 10)
	r.step() // cpsie i
	r.step() // the interrupt is taken before the next instruction
	if c.IPSR != 17 {
		t.Fatalf("CPSIE: IPSR %d PC %#x", c.IPSR, c.R[15])
	}
	r.until(rigThread+6, 10)

	// BASEPRI: an interrupt at 0x40 is masked by BASEPRI 0x40 (not strictly more
	// urgent), taken with BASEPRI 0x50; only implemented bits are kept (0x4F -> 0x40).
	r2 := newExcRig(t, FunctionalTiming())
	c = r2.c
	r2.irq(1, 0x40)
	r2.put(hAddr(17), tBXLR)
	r2.prog(rigThread, []uint16{tMOVS(0, 0x4F)}, tMSRbasepri, []uint16{tMOVS(0, 0x60)}, tMSRbasepriMax,
		[]uint16{tMOVS(0, 0x30)}, tMSRbasepriMax, []uint16{tMOVS(0, 0x50)}, tMSRbasepri, []uint16{tBself})
	r2.step()
	r2.step() // msr basepri, 0x4F
	if c.BASEPRI != 0x40 {
		t.Fatalf("BASEPRI = %#x, want 0x40 (4 implemented bits)", c.BASEPRI)
	}
	r2.n.SetPending(17)
	r2.step()
	r2.step() // basepri_max 0x60: ignored (would lower the masking)
	if c.BASEPRI != 0x40 || c.IPSR != 0 {
		t.Fatalf("BASEPRI_MAX 0x60: BASEPRI %#x IPSR %d", c.BASEPRI, c.IPSR)
	}
	r2.step()
	r2.step() // basepri_max 0x30: raises masking
	if c.BASEPRI != 0x30 || c.IPSR != 0 {
		t.Fatalf("BASEPRI_MAX 0x30: BASEPRI %#x", c.BASEPRI)
	}
	r2.step()
	r2.step() // basepri 0x50: IRQ at 0x40 now preempts
	r2.step()
	if c.IPSR != 17 {
		t.Fatalf("BASEPRI 0x50: IPSR %d", c.IPSR)
	}

	// FAULTMASK masks everything but NMI; it is cleared by the exception return.
	r3 := newExcRig(t, FunctionalTiming())
	c = r3.c
	r3.irq(1, 0x00)
	r3.put(hAddr(2), tCPSIDf, tBXLR) // NMI handler: CPSID f has no effect at priority -2
	r3.put(rigThread, tCPSIDf, tNOP, tBself)
	r3.step()
	if !c.FAULTMASK {
		t.Fatal("CPSID f")
	}
	r3.n.SetPending(17)
	r3.step()
	if c.IPSR != 0 {
		t.Fatal("FAULTMASK did not mask priority 0")
	}
	r3.setSCS(nvic.OffICSR, 1<<31)
	r3.step()
	if c.IPSR != 2 {
		t.Fatalf("NMI masked by FAULTMASK: IPSR %d", c.IPSR)
	}
	r3.step() // cpsid f inside NMI: ignored
	r3.step() // bx lr: returning from NMI does not clear FAULTMASK
	r3.step()
	if c.IPSR != 0 || !c.FAULTMASK {
		t.Fatalf("after NMI: IPSR %d FAULTMASK %v", c.IPSR, c.FAULTMASK)
	}
}

// TestFAULTMASKClearedOnReturn: DeActivate clears FAULTMASK unless returning from NMI.
func TestFAULTMASKClearedOnReturn(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.irq(1, 0)
	r.put(hAddr(17), tCPSIDf, tBXLR)
	r.n.SetPending(17)
	r.until(rigThread, 10)
	if c.FAULTMASK {
		t.Fatal("FAULTMASK survived the exception return")
	}
}

// TestSVC: SVC pends SVCall, taken after the instruction with the next instruction as
// stacked PC, so the handler finds the immediate at stacked PC - 2 and the arguments in
// the stacked R0-R3 (A7.7.175, B1.5.6).
func TestSVC(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.put(rigThread, tMOVS(0, 7), tMOVS(1, 9), tSVC(0x2A), tBself)
	// handler: ldr r0, [sp, #24] (stacked PC); ldrh r1, [r0, #-2] -> sub r0,#2; ldrh r1,[r0]
	r.put(hAddr(11), 0x9806, 0x3802, 0x8801, tBXLR) // ldr r0,[sp,#24]; subs r0,#2; ldrh r1,[r0]; bx lr
	r.step()
	r.step()
	r.step() // svc
	if c.IPSR != 0 || c.R[15] != rigThread+6 {
		t.Fatalf("SVC taken inside the instruction: IPSR %d", c.IPSR)
	}
	r.step() // entry
	if c.IPSR != 11 {
		t.Fatalf("IPSR %d, want 11", c.IPSR)
	}
	if r.mem32(c.R[13]) != 7 || r.mem32(c.R[13]+4) != 9 || r.mem32(c.R[13]+24) != rigThread+6 {
		t.Fatalf("stacked R0 %d R1 %d PC %#x", r.mem32(c.R[13]), r.mem32(c.R[13]+4), r.mem32(c.R[13]+24))
	}
	r.step()
	r.step()
	r.step()
	if c.R[1] != 0xDF2A {
		t.Fatalf("SVC instruction read by the handler = %#x", c.R[1])
	}
	r.until(rigThread+6, 10)

	// With PRIMASK set SVCall cannot be taken: HardFault FORCED (B1.5.14).
	r2 := newExcRig(t, FunctionalTiming())
	r2.put(rigThread, tCPSIDi, tSVC(1), tBself)
	r2.step()
	r2.step()
	r2.step()
	if r2.c.IPSR != 3 || r2.scs(nvic.OffHFSR) != nvic.HFSRFORCED {
		t.Fatalf("SVC with PRIMASK: IPSR %d HFSR %#x", r2.c.IPSR, r2.scs(nvic.OffHFSR))
	}
	if f := r2.c.LastFault(); f == nil || f.Kind != FaultSVC || !f.Escalated {
		t.Fatalf("LastFault = %+v", f)
	}
	// SVC in the HardFault handler: lockup.
	r2.put(hAddr(3), tSVC(2))
	if s := r2.untilStop(5); s.Reason != StopLockup || s.Fault.Kind != FaultSVC {
		t.Fatalf("SVC in HardFault: %v %v", s.Reason, s.Fault)
	}
}

// TestPendSVContextSwitch: a PendSV handler switches between two threads on the
// process stack by saving R4-R11 below the hardware frame and swapping PSP; the
// switched-to thread resumes with its own registers (the RTOS pattern).
func TestPendSVContextSwitch(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	const (
		stackA  = 0x2000_4000
		stackB  = 0x2000_6000
		saveA   = 0x2000_0100 // where the handler stores thread A's PSP
		threadB = 0x0800
	)
	// Thread B's initial frame on stack B: R0=0xB0, PC=threadB, xPSR=T.
	frameB := uint32(stackB - 0x20 - 0x20)                            // hardware frame with 8 callee-saved words below
	words := []uint32{0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, // R4-R11
		0xB0, 0xB1, 0xB2, 0xB3, 0xBC, 0xFFFF_FFFF, threadB, 1 << 24}
	for i, w := range words {
		binary.LittleEndian.PutUint32(r.ram[frameB-0x2000_0000+4*uint32(i):], w)
	}
	// PendSV at h: mrs r0, psp; stmdb r0!, {r4-r11}; ldr r1, [pc, #12]; str r0, [r1];
	// ldr r0, [pc, #12]; ldmia r0!, {r4-r11}; msr psp, r0; bx lr; literals at h+24.
	h := hAddr(14)
	r.prog(h, tMRSpsp, []uint16{0xE920, 0x0FF0}, []uint16{0x4903, 0x6008, 0x4803}, []uint16{0xE8B0, 0x0FF0},
		tMSRpsp, []uint16{tBXLR})
	r.w32(h+24, saveA)
	r.w32(h+28, frameB)
	r.put(threadB, tBself)
	// Thread A: on PSP, unprivileged is not needed; r4 = 0x4A; pend PendSV; b .
	c.SetSPProcess(stackA)
	c.SetCONTROL(2)
	c.R[4] = 0x4A
	r.put(rigThread, tNOP, tBself)
	r.step()
	r.setSCS(nvic.OffICSR, 1<<28) // PENDSVSET
	r.until(threadB, 30)
	if c.IPSR != 0 || c.CONTROL&2 == 0 || c.R[13] != stackB || c.R[0] != 0xB0 || c.R[4] != 0x44 || c.R[11] != 0xBB {
		t.Fatalf("thread B: IPSR %d CONTROL %d SP %#x R0 %#x R4 %#x R11 %#x", c.IPSR, c.CONTROL, c.R[13], c.R[0], c.R[4], c.R[11])
	}
	savedA := r.mem32(saveA)
	if savedA != stackA-0x20-0x20 || r.mem32(savedA) != 0x4A {
		t.Fatalf("thread A saved at %#x (R4 %#x)", savedA, r.mem32(savedA))
	}
	if r.mem32(savedA+0x20+24) != rigThread+2 {
		t.Fatalf("thread A stacked PC %#x", r.mem32(savedA+0x20+24))
	}
}

// TestFaults: each fault's CFSR bits, address register, exception, and escalation to
// HardFault FORCED when its handler is disabled (B3.2.15, B1.5.14). The stacked PC is
// the faulting instruction.
func TestFaults(t *testing.T) {
	cases := []struct {
		name    string
		setup   func(r *excRig)
		code    []uint16
		exc     int
		cfsr    uint32
		mmfar   uint32
		bfar    uint32
		faultPC uint32
	}{
		{name: "UNDEFINSTR", code: []uint16{tUDF}, exc: 6, cfsr: nvic.CFSRUNDEFINSTR},
		{name: "INVSTATE", setup: func(r *excRig) { r.c.R[1] = 0x0500 }, code: []uint16{tBXr1}, exc: 6,
			cfsr: nvic.CFSRINVSTATE, faultPC: 0x0500},
		{name: "UNALIGNED LDRD", setup: func(r *excRig) { r.c.R[2] = 0x2000_0002 }, code: tLDRD, exc: 6, cfsr: nvic.CFSRUNALIGNED},
		{name: "UNALIGNED with UNALIGN_TRP", setup: func(r *excRig) {
			r.setSCS(nvic.OffCCR, nvic.CCRUNALIGNTRP)
			r.c.R[1] = 0x2000_0000
		}, code: tLDRW1, exc: 6, cfsr: nvic.CFSRUNALIGNED},
		{name: "DIVBYZERO", setup: func(r *excRig) { r.setSCS(nvic.OffCCR, nvic.CCRDIV0TRP) }, code: tSDIV, exc: 6, cfsr: nvic.CFSRDIVBYZERO},
		{name: "NOCP CP10 denied", code: tVMOV, exc: 6, cfsr: nvic.CFSRNOCP},
		{name: "NOCP CP15 absent", setup: func(r *excRig) { r.setSCS(nvic.OffCPACR, 0xF<<20) }, code: tMCR15, exc: 6, cfsr: nvic.CFSRNOCP},
		{name: "UNDEFINSTR CP10 allowed (D16 on FPv5-D16)", setup: func(r *excRig) { r.setSCS(nvic.OffCPACR, 0xF<<20) },
			code: []uint16{0xEE70, 0x0B00}, exc: 6, cfsr: nvic.CFSRUNDEFINSTR}, // vadd.f64 d16, d0, d0
		{name: "PRECISERR", setup: func(r *excRig) { r.c.R[0] = 0x3000_0000 }, code: []uint16{tLDRr1r0}, exc: 5,
			cfsr: nvic.CFSRPRECISERR | nvic.CFSRBFARVALID, bfar: 0x3000_0000},
		{name: "IBUSERR", setup: func(r *excRig) { r.c.R[1] = 0x1000_0001 }, code: []uint16{tBXr1}, exc: 5,
			cfsr: nvic.CFSRIBUSERR, faultPC: 0x1000_0000},
		{name: "IACCVIOL execute never", setup: func(r *excRig) { r.c.R[1] = 0x4000_0001 }, code: []uint16{tBXr1}, exc: 4,
			cfsr: nvic.CFSRIACCVIOL, faultPC: 0x4000_0000},
		{name: "unprivileged SCS access", setup: func(r *excRig) {
			r.c.R[0] = scsAddr + nvic.OffVTOR
			r.c.SetCONTROL(1)
		}, code: []uint16{tLDRr1r0}, exc: 5, cfsr: nvic.CFSRPRECISERR | nvic.CFSRBFARVALID, bfar: scsAddr + nvic.OffVTOR},
	}
	for _, tc := range cases {
		for _, enabled := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/enabled=%v", tc.name, enabled), func(t *testing.T) {
				r := newExcRig(t, FunctionalTiming())
				c := r.c
				if enabled {
					r.setSCS(nvic.OffSHCSR, 7<<16)
				}
				if tc.setup != nil {
					tc.setup(r)
				}
				r.put(rigThread, tc.code...)
				faultPC := tc.faultPC
				if faultPC == 0 {
					faultPC = rigThread
				}
				r.step()
				if tc.faultPC != 0 && tc.faultPC != rigThread {
					r.step() // the fault is on the branch target
				}
				r.step() // vector
				want := tc.exc
				if !enabled {
					want = 3
				}
				if int(c.IPSR) != want || c.R[15] != hAddr(want) {
					t.Fatalf("IPSR %d PC %#x, want exception %d", c.IPSR, c.R[15], want)
				}
				if got := r.scs(nvic.OffCFSR); got != tc.cfsr {
					t.Errorf("CFSR = %#x, want %#x", got, tc.cfsr)
				}
				wantHFSR := uint32(0)
				if !enabled {
					wantHFSR = nvic.HFSRFORCED
				}
				if got := r.scs(nvic.OffHFSR); got != wantHFSR {
					t.Errorf("HFSR = %#x, want %#x", got, wantHFSR)
				}
				if tc.mmfar != 0 && r.scs(nvic.OffMMFAR) != tc.mmfar {
					t.Errorf("MMFAR = %#x", r.scs(nvic.OffMMFAR))
				}
				if tc.bfar != 0 && r.scs(nvic.OffBFAR) != tc.bfar {
					t.Errorf("BFAR = %#x, want %#x", r.scs(nvic.OffBFAR), tc.bfar)
				}
				if got := r.mem32(c.R[13] + 24); got != faultPC {
					t.Errorf("stacked PC = %#x, want the faulting instruction %#x", got, faultPC)
				}
				f := c.LastFault()
				if f == nil || f.Escalated == enabled || f.Exception != want || f.CFSR != tc.cfsr {
					t.Errorf("LastFault = %+v", f)
				}
			})
		}
	}
}

// TestINVSTATEStackedT: the frame of an INVSTATE fault has EPSR.T clear, so returning
// to it faults again unless the handler fixes it (B1.4.2, B1.5.6).
func TestINVSTATEStackedT(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.setSCS(nvic.OffSHCSR, 1<<18)
	c.R[1] = 0x0500
	r.put(rigThread, tBXr1)
	r.step()
	r.step()
	r.step()
	if xpsr := r.mem32(c.R[13] + 28); xpsr&(1<<24) != 0 {
		t.Fatalf("stacked xPSR %#x has T set", xpsr)
	}
}

// TestVectorWithoutThumbBit: a vector with bit 0 clear enters the handler with EPSR.T
// clear; its first instruction takes INVSTATE, which escalates (UsageFault disabled).
func TestVectorWithoutThumbBit(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	r.w32(4*17, hAddr(17)) // bit 0 clear
	r.irq(1, 0)
	r.n.SetPending(17)
	r.step()
	r.step() // INVSTATE at the handler's first instruction -> HardFault
	r.step()
	if r.c.IPSR != 3 || r.scs(nvic.OffCFSR) != nvic.CFSRINVSTATE {
		t.Fatalf("IPSR %d CFSR %#x", r.c.IPSR, r.scs(nvic.OffCFSR))
	}
}

// TestStackingFaults: a bus error while stacking is a derived BusFault STKERR taken
// instead of the original exception (which stays pending); one while unstacking is
// UNSTKERR taken on the same frame.
func TestStackingFaults(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.setSCS(nvic.OffSHCSR, 1<<17) // BusFault enabled
	r.irq(1, 0x80)
	c.R[13] = 0x3000_0100 // unmapped stack
	r.n.SetPending(17)
	r.step()
	if c.IPSR != 5 || r.scs(nvic.OffCFSR) != nvic.CFSRSTKERR || !r.n.IsPending(17) {
		t.Fatalf("STKERR: IPSR %d CFSR %#x IRQ pending %v", c.IPSR, r.scs(nvic.OffCFSR), r.n.IsPending(17))
	}
	if f := c.LastFault(); f == nil || f.Kind != FaultStackBus {
		t.Fatalf("LastFault %+v", f)
	}

	// UNSTKERR: the handler moves PSP to unmapped memory and returns to PSP.
	r2 := newExcRig(t, FunctionalTiming())
	c = r2.c
	r2.setSCS(nvic.OffSHCSR, 1<<17)
	r2.irq(1, 0x80)
	c.SetSPProcess(0x2000_4000)
	c.SetCONTROL(2)
	r2.put(hAddr(17), tMOVS(0, 0x30), 0x0600, tMSRpsp[0], tMSRpsp[1], tBXLR) // r0 = 0x30<<24; msr psp; bx lr
	r2.n.SetPending(17)
	r2.step()
	r2.step()
	r2.step() // lsls r0, r0, #24
	r2.step() // msr psp
	r2.step() // bx lr
	r2.step() // unstack fails -> BusFault tail-chained
	r2.step()
	if c.IPSR != 5 || r2.scs(nvic.OffCFSR) != nvic.CFSRUNSTKERR || c.R[14] != 0xFFFF_FFFD {
		t.Fatalf("UNSTKERR: IPSR %d CFSR %#x LR %#x", c.IPSR, r2.scs(nvic.OffCFSR), c.R[14])
	}
}

// TestLockup: a fault in the HardFault handler, a fault with FAULTMASK set, and a
// HardFault vector that cannot be read lock the core up (B1.5.15).
func TestLockup(t *testing.T) {
	t.Run("UDF in HardFault", func(t *testing.T) {
		r := newExcRig(t, FunctionalTiming())
		r.put(rigThread, tUDF)
		r.put(hAddr(3), tNOP, tUDF)
		s := r.untilStop(10)
		if s.Reason != StopLockup || s.Fault == nil || s.Fault.Kind != FaultUndefInstr || !s.Fault.Lockup || s.PC != hAddr(3)+2 {
			t.Fatalf("stop %v PC %#x fault %+v", s.Reason, s.PC, s.Fault)
		}
		if !r.c.Locked() {
			t.Fatal("not locked")
		}
		r.c.Resume()
		if s := r.c.Step(); s == nil || s.Reason != StopLockup {
			t.Fatal("a locked-up core ran again")
		}
		if s.Fault.CFSR != nvic.CFSRUNDEFINSTR || s.Fault.HFSR != nvic.HFSRFORCED {
			t.Fatalf("recorded CFSR %#x HFSR %#x", s.Fault.CFSR, s.Fault.HFSR)
		}
		if !strings.Contains(s.Msg, "lockup") {
			t.Fatalf("message %q", s.Msg)
		}
	})
	t.Run("FAULTMASK", func(t *testing.T) {
		r := newExcRig(t, FunctionalTiming())
		r.setSCS(nvic.OffSHCSR, 7<<16)
		r.put(rigThread, tCPSIDf, tUDF)
		if s := r.untilStop(5); s.Reason != StopLockup || s.PC != rigThread+2 {
			t.Fatalf("stop %v at %#x", s.Reason, s.PC)
		}
	})
	t.Run("HardFault vector unreadable", func(t *testing.T) {
		r := newExcRig(t, FunctionalTiming())
		r.put(rigThread, tUDF)
		r.setSCS(nvic.OffVTOR, 0x3000_0000)
		s := r.untilStop(5)
		if s.Reason != StopLockup || s.Fault.Kind != FaultVectorTable {
			t.Fatalf("stop %v fault %+v", s.Reason, s.Fault)
		}
	})
	t.Run("IRQ vector unreadable: HardFault VECTTBL", func(t *testing.T) {
		r := newExcRig(t, FunctionalTiming())
		r.irq(31, 0)
		r.setSCS(nvic.OffVTOR, 0x0000_FF80) // vectors 0..31 readable, 32+ past the end of code RAM
		// re-create the HardFault vector at the new table
		r.w32(0xFF80+4*3, hAddr(3)|1)
		r.n.SetPending(16 + 31)
		r.step()
		if r.c.IPSR != 3 || r.scs(nvic.OffHFSR) != 1<<1 {
			t.Fatalf("IPSR %d HFSR %#x", r.c.IPSR, r.scs(nvic.OffHFSR))
		}
	})
}

// TestWFIWake: WFI sleeps until an exception would preempt if PRIMASK were clear; with
// PRIMASK set the core wakes without taking it (B1.5.19, the cpsid; wfi; cpsie idiom).
func TestWFIWake(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.put(rigThread, tWFI, tNOP, tBself)
	r.put(hAddr(17), tBXLR)
	s := r.untilStop(3)
	if s.Reason != StopSleep || s.Msg != "WFI" || c.CanWake() {
		t.Fatalf("stop %v %q CanWake %v", s.Reason, s.Msg, c.CanWake())
	}
	r.n.SetPending(17) // disabled: no wake
	if c.CanWake() {
		t.Fatal("disabled interrupt wakes WFI")
	}
	r.irq(1, 0x40)
	if !c.CanWake() {
		t.Fatal("enabled interrupt does not wake WFI")
	}
	c.Resume()
	r.step()
	if c.IPSR != 17 || r.mem32(c.R[13]+24) != rigThread+2 {
		t.Fatalf("after wake: IPSR %d stacked PC %#x", c.IPSR, r.mem32(c.R[13]+24))
	}

	r2 := newExcRig(t, FunctionalTiming())
	c = r2.c
	r2.put(rigThread, tCPSIDi, tWFI, tCPSIEi, tNOP, tBself)
	r2.put(hAddr(17), tBXLR)
	r2.irq(1, 0x40)
	r2.step()
	if s := r2.untilStop(3); s.Reason != StopSleep {
		t.Fatal("WFI did not sleep")
	}
	r2.n.SetPending(17)
	if !c.CanWake() {
		t.Fatal("PRIMASK blocks the WFI wake-up")
	}
	c.Resume()
	r2.step() // not taken: cpsie executes
	if c.IPSR != 0 || c.R[15] != rigThread+6 {
		t.Fatalf("taken with PRIMASK set: IPSR %d PC %#x", c.IPSR, c.R[15])
	}
	r2.step() // now taken, before the nop
	if c.IPSR != 17 || r2.mem32(c.R[13]+24) != rigThread+6 {
		t.Fatalf("after CPSIE: IPSR %d", c.IPSR)
	}
	// BASEPRI still applies to the WFI wake-up condition.
	r3 := newExcRig(t, FunctionalTiming())
	r3.irq(1, 0x40)
	r3.prog(rigThread, []uint16{tMOVS(0, 0x40)}, tMSRbasepri, []uint16{tWFI, tBself})
	if s := r3.untilStop(5); s.Reason != StopSleep {
		t.Fatal("no sleep")
	}
	r3.n.SetPending(17)
	if r3.c.CanWake() {
		t.Fatal("BASEPRI-masked interrupt wakes WFI")
	}
}

// TestWFEWake: the event register (SEV, exception return, SEVONPEND) and preempting
// exceptions wake WFE (B1.5.18); a masked interrupt does not, unless SEVONPEND.
func TestWFEWake(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.put(rigThread, tSEV, tWFE, tWFE, tBself)
	r.step() // sev
	r.step() // wfe: event set -> cleared, no sleep
	if c.EventReg || c.R[15] != rigThread+4 {
		t.Fatalf("WFE with event: EventReg %v PC %#x", c.EventReg, c.R[15])
	}
	s := r.untilStop(2)
	if s.Reason != StopSleep || s.Msg != "WFE" || c.CanWake() {
		t.Fatalf("second WFE: %v %q CanWake %v", s.Reason, s.Msg, c.CanWake())
	}
	// An enabled interrupt masked by PRIMASK does not wake WFE ...
	c.PRIMASK = true
	r.irq(1, 0x40)
	r.n.SetPending(17)
	if c.CanWake() {
		t.Fatal("PRIMASK-masked interrupt wakes WFE")
	}
	// ... unless SEVONPEND: an interrupt entering the pending state sets the event.
	r.setSCS(nvic.OffSCR, nvic.SCRSEVONPEND)
	r.irq(2, 0x40)
	r.n.SetPending(18)
	if !c.EventReg || !c.CanWake() {
		t.Fatalf("SEVONPEND: EventReg %v CanWake %v", c.EventReg, c.CanWake())
	}
	c.Resume()
	r.step()
	if c.R[15] != rigThread+6 || c.IPSR != 0 {
		t.Fatalf("after SEVONPEND wake: PC %#x IPSR %d", c.R[15], c.IPSR)
	}

	// The Embassy pattern: WFE wakes for an interrupt, which is taken; its return
	// sets the event register, so the next WFE falls through once.
	r2 := newExcRig(t, FunctionalTiming())
	c = r2.c
	r2.put(rigThread, tWFE, tWFE, tWFE, tBself)
	r2.put(hAddr(17), tSEV, tBXLR)
	r2.irq(1, 0x40)
	if s := r2.untilStop(2); s.Reason != StopSleep {
		t.Fatal("no sleep")
	}
	r2.n.SetPending(17)
	if !c.CanWake() {
		t.Fatal("preempting interrupt does not wake WFE")
	}
	c.Resume()
	r2.until(rigThread+2, 10)
	if !c.EventReg {
		t.Fatal("event register clear after the handler returned")
	}
	r2.step() // second WFE falls through
	if s := r2.untilStop(2); s.Reason != StopSleep || s.PC != rigThread+6 {
		t.Fatalf("third WFE: %v at %#x", s.Reason, s.PC)
	}
}

// TestSleepOnExit: returning to Thread mode from the last handler with SLEEPONEXIT
// sleeps without unstacking; the next interrupt is tail-chained (B1.5.19).
func TestSleepOnExit(t *testing.T) {
	r := newExcRig(t, nil)
	c := r.c
	r.setSCS(nvic.OffSCR, nvic.SCRSLEEPONEXIT)
	r.put(hAddr(17), tBXLR)
	r.put(hAddr(18), tBXLR)
	r.irq(1, 0x40)
	r.irq(2, 0x40)
	r.n.SetPending(17)
	s := r.untilStop(10)
	if s.Reason != StopSleep || s.Msg != "sleep-on-exit" {
		t.Fatalf("stop %v %q", s.Reason, s.Msg)
	}
	if c.IPSR != 17 || r.n.IsActive(17) || c.R[13] != rigStackTop-0x20 {
		t.Fatalf("sleep-on-exit state: IPSR %d active %v SP %#x", c.IPSR, r.n.IsActive(17), c.R[13])
	}
	if c.CanWake() {
		t.Fatal("woke with nothing pending")
	}
	c.Idle(100)
	if c.SleepCycles != 100 {
		t.Fatalf("SleepCycles %d", c.SleepCycles)
	}
	r.n.SetPending(18)
	if !c.CanWake() {
		t.Fatal("pending interrupt does not wake sleep-on-exit")
	}
	exc := c.ExcCycles
	c.Resume()
	r.step()
	if c.IPSR != 18 || c.ExcCycles-exc != 6 {
		t.Fatalf("wake: IPSR %d, %d exception cycles (want a 6-cycle tail-chain)", c.IPSR, c.ExcCycles-exc)
	}
	if s := r.untilStop(5); s.Reason != StopSleep {
		t.Fatalf("second return: %v", s.Reason)
	}
	// Clearing SLEEPONEXIT and waking with PRIMASK set completes the return.
	r.setSCS(nvic.OffSCR, 0)
	c.PRIMASK = true
	r.n.SetPending(17)
	c.Resume()
	r.step()
	if c.IPSR != 0 || c.R[15] != rigThread || c.R[13] != rigStackTop {
		t.Fatalf("completed return: IPSR %d PC %#x SP %#x", c.IPSR, c.R[15], c.R[13])
	}
	r.wantLog("enter 17", "exit 17", "enter 18", "exit 18")
}

// TestUnprivileged: unprivileged STIR writes need CCR.USERSETMPEND (B3.4.3); MSR to
// mask registers is ignored (B5.2.3).
func TestUnprivileged(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	r.setSCS(nvic.OffSHCSR, 1<<17)
	r.setSCS(nvic.OffCCR, nvic.CCRUSERSETMPEND)
	r.irq(3, 0x40)
	r.put(hAddr(19), tBXLR)
	c.R[0], c.R[1] = scsAddr+nvic.OffSTIR, 3
	c.SetCONTROL(1)
	r.put(rigThread, tSTRr1r0, tNOP, tBself)
	r.step()
	r.step()
	if c.IPSR != 19 {
		t.Fatalf("unprivileged STIR with USERSETMPEND: IPSR %d", c.IPSR)
	}
	r.until(rigThread+2, 10)
	r.setSCS(nvic.OffCCR, 0)
	r.c.R[15] = rigThread
	r.step()
	r.step()
	if c.IPSR != 5 || r.scs(nvic.OffBFAR) != scsAddr+nvic.OffSTIR {
		t.Fatalf("unprivileged STIR without USERSETMPEND: IPSR %d BFAR %#x", c.IPSR, r.scs(nvic.OffBFAR))
	}
}

// TestSysResetRequest: AIRCR.SYSRESETREQ stops the core with StopReset after the store.
func TestSysResetRequest(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	c := r.c
	c.R[0] = scsAddr + nvic.OffAIRCR
	c.R[1] = 0x05FA_0004
	r.put(rigThread, tSTRr1r0, tBself)
	s := c.Step()
	if s == nil || s.Reason != StopReset {
		t.Fatalf("stop %v", s)
	}
}

// TestFunctionalTimingHasNoExceptionCost: the functional model charges nothing for
// entry and exit.
func TestFunctionalTimingHasNoExceptionCost(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	r.put(hAddr(17), tBXLR)
	r.irq(1, 0)
	r.n.SetPending(17)
	r.until(rigThread, 10)
	if r.c.Cycles != 1 || r.c.ExcCycles != 0 {
		t.Fatalf("cycles %d exc %d, want 1 and 0", r.c.Cycles, r.c.ExcCycles)
	}
}

// TestLSUCycles: loads and stores count their cycles beyond the first.
func TestLSUCycles(t *testing.T) {
	r := newExcRig(t, nil)
	c := r.c
	c.R[0] = 0x2000_0000
	r.put(rigThread, tLDRr1r0, tSTRr1r0, tPUSHr4lr, tNOP)
	for i := 0; i < 4; i++ {
		r.step()
	}
	// ldr 2 cycles (1 extra), str 1 (0), push {r4,lr} 1+2 (2 extra), nop 0.
	if c.LSUCycles != 3 {
		t.Fatalf("LSUCycles = %d, want 3", c.LSUCycles)
	}
}

// fakeMPU forbids data accesses to [lo, hi) for unprivileged code (and writes there
// for everyone), and instruction fetches from noExec.
type fakeMPU struct {
	on     bool
	lo, hi uint32
	noExec uint32
	calls  int
}

func (m *fakeMPU) Enabled() bool { return m.on }
func (m *fakeMPU) Check(addr, size uint32, write, exec, priv, negPri bool) bool {
	m.calls++
	if exec {
		return addr&^0xFF != m.noExec
	}
	if addr >= m.lo && addr < m.hi {
		return priv && !write
	}
	return true
}

// TestMPUFaults: with the MPU enabled, refused data accesses are MemManage DACCVIOL with
// MMFAR, refused fetches IACCVIOL, refused stacking MSTKERR; LDRT from privileged code
// is checked as unprivileged (A7.7.49). The MPU is asked only while enabled.
func TestMPUFaults(t *testing.T) {
	rig := func(t *testing.T, m *fakeMPU) *excRig {
		r := newExcRig(t, FunctionalTiming())
		r.c.mpu = m
		r.setSCS(nvic.OffSHCSR, 7<<16)
		return r
	}
	t.Run("disabled", func(t *testing.T) {
		m := &fakeMPU{lo: 0x2000_0000, hi: 0x2000_1000}
		r := rig(t, m)
		r.c.R[0] = 0x2000_0000
		r.put(rigThread, tSTRr1r0, tBself)
		r.step()
		if m.calls != 0 || r.c.IPSR != 0 {
			t.Fatalf("disabled MPU consulted %d times, IPSR %d", m.calls, r.c.IPSR)
		}
	})
	t.Run("DACCVIOL", func(t *testing.T) {
		m := &fakeMPU{on: true, lo: 0x2000_0000, hi: 0x2000_1000}
		r := rig(t, m)
		r.c.R[0] = 0x2000_0010
		r.put(rigThread, tSTRr1r0, tBself)
		r.step()
		r.step()
		if r.c.IPSR != 4 || r.scs(nvic.OffCFSR) != nvic.CFSRDACCVIOL|nvic.CFSRMMARVALID || r.scs(nvic.OffMMFAR) != 0x2000_0010 {
			t.Fatalf("IPSR %d CFSR %#x MMFAR %#x", r.c.IPSR, r.scs(nvic.OffCFSR), r.scs(nvic.OffMMFAR))
		}
	})
	t.Run("LDRT is unprivileged", func(t *testing.T) {
		m := &fakeMPU{on: true, lo: 0x2000_0000, hi: 0x2000_1000}
		r := rig(t, m)
		r.c.R[0] = 0x2000_0010
		r.put(rigThread, tLDRr1r0, 0xF850, 0x1E00, tBself) // ldr r1,[r0]; ldrt r1,[r0]
		r.step()
		if r.c.IPSR != 0 {
			t.Fatal("privileged LDR refused")
		}
		r.step()
		r.step()
		if r.c.IPSR != 4 || r.mem32(r.c.R[13]+24) != rigThread+2 {
			t.Fatalf("LDRT: IPSR %d stacked PC %#x", r.c.IPSR, r.mem32(r.c.R[13]+24))
		}
	})
	t.Run("IACCVIOL", func(t *testing.T) {
		m := &fakeMPU{on: true, noExec: 0x0500}
		r := rig(t, m)
		r.c.R[1] = 0x0501
		r.put(rigThread, tBXr1)
		r.put(0x0500, tNOP)
		r.step()
		r.step()
		r.step()
		if r.c.IPSR != 4 || r.scs(nvic.OffCFSR) != nvic.CFSRIACCVIOL || r.mem32(r.c.R[13]+24) != 0x0500 {
			t.Fatalf("IPSR %d CFSR %#x", r.c.IPSR, r.scs(nvic.OffCFSR))
		}
	})
	t.Run("MSTKERR", func(t *testing.T) {
		m := &fakeMPU{on: true, lo: 0x2000_7000, hi: 0x2000_8000}
		r := rig(t, m)
		r.irq(1, 0x80)
		r.n.SetPending(17)
		r.step()
		if r.c.IPSR != 4 || r.scs(nvic.OffCFSR) != nvic.CFSRMSTKERR || !r.n.IsPending(17) {
			t.Fatalf("IPSR %d CFSR %#x", r.c.IPSR, r.scs(nvic.OffCFSR))
		}
	})
}

// FuzzExceptions runs arbitrary code as thread code and as every handler, with the
// NVIC wired and random interrupts pended: whatever happens (faults, bad EXC_RETURN
// values, stack pointers anywhere, masks, sleep), the core must not panic, and its
// stops must carry a reason.
func FuzzExceptions(f *testing.F) {
	f.Add([]byte{0x70, 0x47, 0x00, 0xde, 0x2a, 0xdf, 0x30, 0xbf}, uint32(0x20001000), uint32(0xFFFFFFF9), uint8(3))
	f.Add([]byte{0x80, 0xf3, 0x09, 0x88, 0x70, 0x47}, uint32(0x30000000), uint32(0xFFFFFFFD), uint8(0xFF))
	f.Add([]byte{0x72, 0xb6, 0x20, 0xbf, 0x10, 0xbd}, uint32(0xE000E100), uint32(0xFFFFFFF1), uint8(1))
	f.Fuzz(func(t *testing.T, code []byte, a, b uint32, irqs uint8) {
		if len(code) > 256 {
			code = code[:256]
		}
		r := newExcRig(t, nil)
		for i := 0; i+1 < len(code); i += 2 {
			hw := uint16(code[i]) | uint16(code[i+1])<<8
			r.put(rigThread+uint32(i), hw)
			for e := 2; e < 16+rigNumIRQ; e++ {
				r.put(hAddr(e)+uint32(i%0x40), hw)
			}
		}
		r.setSCS(nvic.OffSHCSR, uint32(irqs&7)<<16)
		for i := 0; i < 8; i++ {
			if irqs&(1<<i) != 0 {
				r.irq(i, uint8(i)<<5)
				r.n.SetPending(16 + i)
			}
		}
		for i := 0; i < 13; i++ {
			r.c.R[i] = a + uint32(i)*b
		}
		r.c.R[14] = b
		for i := 0; i < 3000; i++ {
			s := r.c.Step()
			if s == nil {
				continue
			}
			switch s.Reason {
			case StopNone:
				t.Fatalf("stop without a reason: %+v", s)
			case StopLockup:
				if s.Fault == nil || !r.c.Locked() {
					t.Fatalf("lockup without a fault: %+v", s)
				}
				return
			case StopSleep:
				r.c.Resume()
				continue
			}
			return
		}
	})
}

// TestHookHaltsAtHandler: a Hooks.Exception that halts on HardFault entry stops the
// core with the PC at the handler's first instruction and the fault that escalated in
// LastFault (the board's vector catch).
func TestHookHaltsAtHandler(t *testing.T) {
	r := newExcRig(t, FunctionalTiming())
	r.c.hooks.Exception = func(exc int, entry bool) {
		if entry && exc == ExcHardFault {
			r.c.Halt("HardFault")
		}
	}
	r.put(rigThread, tNOP, tUDF)
	s := r.untilStop(5)
	if s.Reason != StopHalt || s.PC != hAddr(3) || r.c.R[15] != hAddr(3) {
		t.Fatalf("stop %v at %#x, PC %#x", s.Reason, s.PC, r.c.R[15])
	}
	f := r.c.LastFault()
	if f == nil || f.Kind != FaultUndefInstr || f.PC != rigThread+2 || !f.Escalated || f.HFSR != nvic.HFSRFORCED {
		t.Fatalf("LastFault %+v", f)
	}
	if got := f.Error(); got != "UsageFault UNDEFINSTR (undefined instruction) at PC 0x00000402 (halfword de00)" {
		t.Fatalf("Error() = %q", got)
	}
}

// TestNoControllerSleep: without a controller nothing can wake a sleeping core (the
// board then reports a deadlock), and an awake core can always run.
func TestNoControllerSleep(t *testing.T) {
	c := newTestCPU(t, tWFI)
	if !c.CanWake() || c.Asleep() {
		t.Fatal("awake core cannot run")
	}
	if s := c.Step(); s == nil || s.Reason != StopSleep {
		t.Fatalf("stop %v", s)
	}
	if c.CanWake() || !c.Asleep() {
		t.Fatal("sleeping core without a controller can wake")
	}
}

func TestNoControllerResume(t *testing.T) {
	c := newTestCPU(t, tWFI, tNOP)
	c.Step()
	c.Resume()
	if s := c.Step(); s != nil || c.Asleep() || c.PC() != 0x104 {
		t.Fatalf("after resume: stop %v asleep %v PC %#x", s, c.Asleep(), c.PC())
	}
}

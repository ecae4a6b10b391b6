package cpu

import (
	"fmt"
	"testing"

	"m7emu/nvic"
)

// FP context tests (Arm DDI0403E B1.5.6–B1.5.8 with the FP extension, B3.2.20 CPACR,
// B3.2.23–B3.2.25 FPCCR/FPCAR/FPDSCR): the extended frame, lazy state preservation,
// EXC_RETURN bit 4, CONTROL.FPCA and context switches between FP threads. They run on
// the exception rig of exception_test.go. Encodings were assembled with
// arm-none-eabi-as -mcpu=cortex-m7 -mfpu=fpv5-d16 (binutils 2.40).

var (
	fVMOVs0r0  = []uint16{0xEE00, 0x0A10} // vmov s0, r0
	fVMOVs0r1  = []uint16{0xEE00, 0x1A10} // vmov s0, r1
	fVMOVs0r2  = []uint16{0xEE00, 0x2A10} // vmov s0, r2
	fVMOVs1r1  = []uint16{0xEE00, 0x1A90} // vmov s1, r1
	fVMOVr3s0  = []uint16{0xEE10, 0x3A10} // vmov r3, s0
	fVMRSr3    = []uint16{0xEEF1, 0x3A10} // vmrs r3, fpscr
	fVADDd16   = []uint16{0xEE70, 0x0B00} // vadd.f64 d16, d0, d0 (UNDEFINED on FPv5-D16)
	fnMOVlrImm = []uint16{0xF06F, 0x0E16} // mvn lr, #0x16 -> lr = 0xFFFFFFE9
)

const (
	fpccrDefault = fpccrASPEN | fpccrLSPEN
	cpacrFull    = 0xF << 20
	sentinel     = 0xCCCC_CCCC
)

// newFPRig is the exception rig with CP10/CP11 fully accessible.
func newFPRig(t *testing.T, timing *Timing) *excRig {
	r := newExcRig(t, timing)
	r.setSCS(nvic.OffCPACR, cpacrFull)
	return r
}

// fillRAM writes v into every word of RAM in [lo, hi).
func (r *excRig) fillRAM(lo, hi, v uint32) {
	for a := lo; a < hi; a += 4 {
		if err := r.c.Bus().Write(a, 4, v); err != nil {
			r.t.Fatal(err)
		}
	}
}

// setFPRegs gives S0–S31 distinct values (0x1000+i) and FPSCR fpscr.
func setFPRegs(c *CPU, fpscr uint32) {
	for i := range c.S {
		c.S[i] = 0x1000 + uint32(i)
	}
	c.FPSCR = fpscr
}

// TestFPExtendedFrameNoLazy: with FPCCR.LSPEN clear an exception from a context with
// CONTROL.FPCA set pushes the 0x68-byte extended frame at once (S0–S15 at +0x20, FPSCR
// at +0x60), always 8-byte aligned with the padding recorded in xPSR bit 9; LR is
// 0xFFFFFFE9 and FPCA is clear in the handler. The return restores S0–S15 and FPSCR and
// sets FPCA again (B1.5.6 PushStack, B1.5.8 PopStack).
func TestFPExtendedFrameNoLazy(t *testing.T) {
	for _, misaligned := range []bool{false, true} {
		t.Run(fmt.Sprintf("sp_4_mod_8=%v", misaligned), func(t *testing.T) {
			r := newFPRig(t, FunctionalTiming())
			c := r.c
			r.setSCS(nvic.OffFPCCR, fpccrASPEN) // lazy preservation off
			r.setSCS(nvic.OffCCR, 0)            // STKALIGN clear: the extended frame aligns anyway
			r.prog(rigThread, fVMOVs0r0, []uint16{tNOP, tBself})
			r.put(hAddr(21), tBXLR)
			r.irq(5, 0x80)
			sp := uint32(rigStackTop - 8)
			if misaligned {
				sp -= 4
			}
			c.R[13] = sp
			setFPRegs(c, 0x8000_0010)
			c.R[0] = 0x1111_1111
			r.step() // vmov s0, r0
			if c.CONTROL&controlFPCA == 0 || c.S[0] != 0x1111_1111 {
				t.Fatalf("after vmov: CONTROL %#x S0 %#x", c.CONTROL, c.S[0])
			}
			r.n.SetPending(16 + 5)
			r.step() // entry
			frame := (sp - 0x68) &^ 7
			if c.R[13] != frame || c.R[14] != 0xFFFF_FFE9 || c.CONTROL&controlFPCA != 0 {
				t.Fatalf("SP %#x (want %#x) LR %#x CONTROL %#x", c.R[13], frame, c.R[14], c.CONTROL)
			}
			xpsr := r.mem32(frame + 0x1C)
			if (xpsr&(1<<9) != 0) != misaligned || r.mem32(frame+0x18) != rigThread+4 {
				t.Fatalf("stacked xPSR %#x PC %#x", xpsr, r.mem32(frame+0x18))
			}
			for i := uint32(0); i < 16; i++ {
				want := 0x1000 + i
				if i == 0 {
					want = 0x1111_1111
				}
				if got := r.mem32(frame + 0x20 + 4*i); got != want {
					t.Errorf("frame S%d = %#x, want %#x", i, got, want)
				}
			}
			if got := r.mem32(frame + 0x60); got != 0x8000_0010 {
				t.Errorf("frame FPSCR = %#x", got)
			}
			// As QEMU: S0–S15 and FPSCR are zeroed after an immediate save; S16–S31 kept.
			if c.S[0] != 0 || c.S[15] != 0 || c.FPSCR != 0 || c.S[16] != 0x1010 {
				t.Errorf("handler sees S0 %#x S15 %#x FPSCR %#x S16 %#x", c.S[0], c.S[15], c.FPSCR, c.S[16])
			}
			if r.scs(nvic.OffFPCCR)&fpccrLSPACT != 0 {
				t.Error("LSPACT set without lazy preservation")
			}
			for i := 0; i < 16; i++ {
				c.S[i] = 0xDEAD
			}
			r.until(rigThread+4, 10)
			if c.R[13] != sp || c.S[0] != 0x1111_1111 || c.S[7] != 0x1007 || c.FPSCR != 0x8000_0010 {
				t.Fatalf("after return: SP %#x S0 %#x S7 %#x FPSCR %#x", c.R[13], c.S[0], c.S[7], c.FPSCR)
			}
			if c.CONTROL&controlFPCA == 0 {
				t.Fatal("FPCA not set by the return with EXC_RETURN bit 4 clear")
			}
		})
	}
}

// TestFPLazyPreservation: with LSPEN set (the reset value) the entry only reserves the
// FP area: FPCCR.LSPACT, THREAD, USER and the ready bits record the owner, FPCAR the
// area (UpdateFPCCR). The area is written by the handler's first FP instruction, before
// it executes (PreserveFPState); that instruction also starts the handler's FP context
// (FPCA, FPSCR modes from FPDSCR). The return restores the thread's registers.
func TestFPLazyPreservation(t *testing.T) {
	r := newFPRig(t, FunctionalTiming())
	c := r.c
	r.prog(rigThread, fVMOVs0r0, []uint16{tNOP, tBself})
	h := hAddr(21)
	r.prog(h, []uint16{tNOP}, fVMOVs1r1, fVMRSr3, []uint16{tBXLR})
	r.irq(5, 0x80)
	sp := uint32(rigStackTop)
	r.fillRAM(sp-0x100, sp, sentinel)
	setFPRegs(c, 0x00C0_0010) // RMode RZ, IXC
	c.R[0], c.R[1] = 0x1111_1111, 0x2222_2222
	r.step() // vmov s0, r0: a new context with FPDSCR = 0: FPSCR keeps RZ only if FPDSCR says so
	if c.FPSCR != 0x10 {
		t.Fatalf("thread FPSCR %#x after its first FP instruction, want the modes of FPDSCR (0) and IXC kept", c.FPSCR)
	}
	c.FPSCR = 0x00C0_0010
	r.setSCS(nvic.OffFPDSCR, 1<<25) // DN for the handler's new context
	r.n.SetPending(16 + 5)
	r.step() // entry
	frame := sp - 0x68
	if c.R[13] != frame || c.R[14] != 0xFFFF_FFE9 {
		t.Fatalf("SP %#x LR %#x", c.R[13], c.R[14])
	}
	fpccr := r.scs(nvic.OffFPCCR)
	wantFPCCR := uint32(fpccrDefault | fpccrLSPACT | fpccrTHREAD | fpccrHFRDY) // privileged; faults disabled: no MMRDY/BFRDY
	if fpccr != wantFPCCR || r.scs(nvic.OffFPCAR) != frame+0x20 {
		t.Fatalf("FPCCR %#x (want %#x) FPCAR %#x (want %#x)", fpccr, wantFPCCR, r.scs(nvic.OffFPCAR), frame+0x20)
	}
	if r.mem32(frame+0x20) != sentinel || r.mem32(frame+0x60) != sentinel {
		t.Fatal("FP area written on entry with LSPEN set")
	}
	if c.S[0] != 0x1111_1111 || c.S[5] != 0x1005 {
		t.Fatal("registers changed by a lazy entry")
	}
	r.step() // nop: no FP instruction yet
	if r.mem32(frame+0x20) != sentinel {
		t.Fatal("FP area written before an FP instruction")
	}
	r.step() // vmov s1, r1: triggers the save, then executes
	for i := uint32(0); i < 16; i++ {
		want := 0x1000 + i
		if i == 0 {
			want = 0x1111_1111
		}
		if got := r.mem32(frame + 0x20 + 4*i); got != want {
			t.Errorf("frame S%d = %#x, want %#x (the value before the instruction)", i, got, want)
		}
	}
	if got := r.mem32(frame + 0x60); got != 0x00C0_0010 {
		t.Errorf("frame FPSCR = %#x", got)
	}
	if r.mem32(frame+0x64) != sentinel {
		t.Error("reserved word written")
	}
	if r.scs(nvic.OffFPCCR)&fpccrLSPACT != 0 || c.CONTROL&controlFPCA == 0 || c.S[1] != 0x2222_2222 {
		t.Fatalf("after the first FP instruction: FPCCR %#x CONTROL %#x S1 %#x", r.scs(nvic.OffFPCCR), c.CONTROL, c.S[1])
	}
	r.step() // vmrs r3, fpscr: the handler's new context has FPDSCR's modes
	if c.R[3] != 0x0200_0010 {
		t.Errorf("handler FPSCR = %#x, want DN from FPDSCR with the flags kept (FPSCR<26:22> only)", c.R[3])
	}
	c.FPSCR = 0
	r.until(rigThread+4, 10)
	if c.S[0] != 0x1111_1111 || c.S[1] != 0x1001 || c.FPSCR != 0x00C0_0010 || c.R[13] != sp {
		t.Fatalf("after return: S0 %#x S1 %#x FPSCR %#x SP %#x", c.S[0], c.S[1], c.FPSCR, c.R[13])
	}
	if c.CONTROL&controlFPCA == 0 || r.scs(nvic.OffFPCCR)&fpccrLSPACT != 0 {
		t.Fatalf("CONTROL %#x FPCCR %#x", c.CONTROL, r.scs(nvic.OffFPCCR))
	}
}

// TestFPReadyBits: UpdateFPCCR records USER for unprivileged Thread code and the
// MMRDY/BFRDY/HFRDY bits when those exceptions are enabled and could preempt the
// interrupted context (B3.2.23).
func TestFPReadyBits(t *testing.T) {
	cases := []struct {
		name  string
		setup func(r *excRig)
		want  uint32
	}{
		{"faults disabled", nil, fpccrTHREAD | fpccrHFRDY},
		{"MemManage and BusFault enabled", func(r *excRig) { r.setSCS(nvic.OffSHCSR, 3<<16) },
			fpccrTHREAD | fpccrHFRDY | fpccrMMRDY | fpccrBFRDY},
		{"unprivileged", func(r *excRig) { r.setSCS(nvic.OffSHCSR, 3<<16); r.c.SetCONTROL(1) },
			fpccrTHREAD | fpccrUSER | fpccrHFRDY | fpccrMMRDY | fpccrBFRDY},
		{"BusFault priority not above BASEPRI", func(r *excRig) {
			r.setSCS(nvic.OffSHCSR, 3<<16)
			r.setSCS(nvic.OffSHPR1, 0x60<<8) // BusFault 0x60, MemManage 0
			r.c.BASEPRI = 0x60
		}, fpccrTHREAD | fpccrHFRDY | fpccrMMRDY},
		{"FAULTMASK", func(r *excRig) { r.setSCS(nvic.OffSHCSR, 3<<16); r.c.FAULTMASK = true }, fpccrTHREAD},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newFPRig(t, FunctionalTiming())
			r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
			r.irq(5, 0x00)
			if tc.setup != nil {
				tc.setup(r)
			}
			r.step()
			r.n.SetPending(16 + 5)
			r.step()
			if r.c.FAULTMASK {
				// FAULTMASK masks the interrupt itself: take the entry with NMI instead.
				r.n.SetPending(ExcNMI)
				r.step()
			}
			want := fpccrDefault | fpccrLSPACT | tc.want
			if got := r.scs(nvic.OffFPCCR); got != want {
				t.Fatalf("FPCCR = %#x, want %#x", got, want)
			}
		})
	}
}

// TestFPNoSaveWithoutFPUse: a handler that executes no FP instruction leaves the
// reserved area unwritten; the return just clears LSPACT (the registers still hold the
// thread's state) and costs no FP restore. A thread that never used the FPU gets the
// basic frame and EXC_RETURN 0xFFFFFFF9.
func TestFPNoSaveWithoutFPUse(t *testing.T) {
	t.Run("FPCA set", func(t *testing.T) {
		r := newFPRig(t, DefaultTiming())
		c := r.c
		r.prog(rigThread, fVMOVs0r0, []uint16{tNOP, tBself})
		r.put(hAddr(21), tNOP, tBXLR)
		r.irq(5, 0x80)
		r.fillRAM(rigStackTop-0x100, rigStackTop, sentinel)
		setFPRegs(c, 0x10)
		r.step()
		r.n.SetPending(16 + 5)
		r.step()
		exc0 := c.ExcCycles
		r.until(rigThread+4, 10)
		frame := uint32(rigStackTop - 0x68)
		for a := frame + 0x20; a < frame+0x68; a += 4 {
			if r.mem32(a) != sentinel {
				t.Fatalf("FP area word at %#x written: %#x", a, r.mem32(a))
			}
		}
		if r.scs(nvic.OffFPCCR)&fpccrLSPACT != 0 || c.CONTROL&controlFPCA == 0 || c.S[3] != 0x1003 || c.FPSCR != 0x10 {
			t.Fatalf("FPCCR %#x CONTROL %#x S3 %#x FPSCR %#x", r.scs(nvic.OffFPCCR), c.CONTROL, c.S[3], c.FPSCR)
		}
		if got := c.ExcCycles - exc0; got != excExitCycles {
			t.Errorf("exit cost %d, want %d (no FP registers to restore)", got, excExitCycles)
		}
	})
	t.Run("FPCA clear", func(t *testing.T) {
		r := newFPRig(t, FunctionalTiming())
		c := r.c
		r.put(rigThread, tNOP, tBself)
		r.put(hAddr(21), tBXLR)
		r.irq(5, 0x80)
		r.step()
		r.n.SetPending(16 + 5)
		r.step()
		if c.R[13] != rigStackTop-0x20 || c.R[14] != 0xFFFF_FFF9 || r.scs(nvic.OffFPCCR) != fpccrDefault {
			t.Fatalf("SP %#x LR %#x FPCCR %#x", c.R[13], c.R[14], r.scs(nvic.OffFPCCR))
		}
		r.until(rigThread+2, 10)
		if c.CONTROL&controlFPCA != 0 || c.R[13] != rigStackTop {
			t.Fatalf("CONTROL %#x SP %#x", c.CONTROL, c.R[13])
		}
	})
	t.Run("ASPEN clear", func(t *testing.T) {
		r := newFPRig(t, FunctionalTiming())
		c := r.c
		r.setSCS(nvic.OffFPCCR, fpccrLSPEN)
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.put(hAddr(21), tBXLR)
		r.irq(5, 0x80)
		r.step()
		if c.CONTROL&controlFPCA != 0 {
			t.Fatal("FPCA set by an FP instruction with ASPEN clear")
		}
		r.n.SetPending(16 + 5)
		r.step()
		if c.R[14] != 0xFFFF_FFF9 {
			t.Fatalf("LR %#x", c.R[14])
		}
	})
}

// TestFPNested: lazy preservation across nested handlers. (a) The first handler does
// not use the FPU: the second is entered with FPCA clear (basic frame, LR 0xFFFFFFF1)
// and its first FP instruction saves the thread's registers into the first frame
// (FPCAR). (b) The first handler uses the FPU: the second gets an extended frame from
// Handler mode (LR 0xFFFFFFE1, FPCCR.THREAD clear) and saves the first handler's
// registers there.
func TestFPNested(t *testing.T) {
	t.Run("outer handler without FP", func(t *testing.T) {
		r := newFPRig(t, FunctionalTiming())
		c := r.c
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.put(hAddr(17), tNOP, tNOP, tBXLR)
		r.prog(hAddr(18), fVMOVs0r1, []uint16{tBXLR})
		r.irq(1, 0x80)
		r.irq(2, 0x40)
		c.R[0], c.R[1] = 0xA0A0, 0xB1B1
		r.step()
		r.n.SetPending(17)
		r.step()
		frame1 := c.R[13]
		r.step() // nop in IRQ1
		r.n.SetPending(18)
		r.step() // entry IRQ2
		if c.R[14] != 0xFFFF_FFF1 || c.R[13] != frame1-0x20 {
			t.Fatalf("IRQ2: LR %#x SP %#x (frame1 %#x)", c.R[14], c.R[13], frame1)
		}
		if r.scs(nvic.OffFPCAR) != frame1+0x20 || r.scs(nvic.OffFPCCR)&fpccrLSPACT == 0 {
			t.Fatal("the nested entry changed the pending lazy state")
		}
		r.step() // vmov s0, r1 in IRQ2: saves the thread's S0 into frame1
		if r.mem32(frame1+0x20) != 0xA0A0 || c.S[0] != 0xB1B1 {
			t.Fatalf("frame1 S0 %#x, S0 %#x", r.mem32(frame1+0x20), c.S[0])
		}
		r.until(rigThread+4, 20)
		if c.S[0] != 0xA0A0 || c.CONTROL&controlFPCA == 0 || c.R[13] != rigStackTop {
			t.Fatalf("thread: S0 %#x CONTROL %#x SP %#x", c.S[0], c.CONTROL, c.R[13])
		}
	})
	t.Run("outer handler with FP", func(t *testing.T) {
		r := newFPRig(t, FunctionalTiming())
		c := r.c
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.prog(hAddr(17), fVMOVs0r1, []uint16{tNOP}, fVMOVr3s0, []uint16{tBXLR})
		r.prog(hAddr(18), fVMOVs0r2, []uint16{tBXLR})
		r.irq(1, 0x80)
		r.irq(2, 0x40)
		c.R[0], c.R[1], c.R[2] = 0xA0A0, 0xB1B1, 0xC2C2
		r.step()
		r.n.SetPending(17)
		r.step()
		frame1 := c.R[13]
		r.step() // vmov s0, r1: thread state saved to frame1
		r.n.SetPending(18)
		r.step() // entry IRQ2 from IRQ1 (FPCA set)
		frame2 := c.R[13]
		if c.R[14] != 0xFFFF_FFE1 || frame2 != frame1-0x68 {
			t.Fatalf("IRQ2: LR %#x SP %#x (frame1 %#x)", c.R[14], frame2, frame1)
		}
		wantFPCCR := uint32(fpccrDefault | fpccrLSPACT | fpccrHFRDY)
		if r.scs(nvic.OffFPCCR) != wantFPCCR || r.scs(nvic.OffFPCAR) != frame2+0x20 {
			t.Fatalf("FPCCR %#x (want %#x) FPCAR %#x", r.scs(nvic.OffFPCCR), wantFPCCR, r.scs(nvic.OffFPCAR))
		}
		r.step() // vmov s0, r2: saves IRQ1's S0
		if r.mem32(frame2+0x20) != 0xB1B1 || r.mem32(frame1+0x20) != 0xA0A0 {
			t.Fatalf("frame2 S0 %#x frame1 S0 %#x", r.mem32(frame2+0x20), r.mem32(frame1+0x20))
		}
		r.until(hAddr(17)+6, 10) // back in IRQ1 at vmov r3, s0
		r.step()
		if c.R[3] != 0xB1B1 {
			t.Fatalf("IRQ1 sees S0 %#x after the nested handler", c.R[3])
		}
		r.until(rigThread+4, 10)
		if c.S[0] != 0xA0A0 || c.R[13] != rigStackTop {
			t.Fatalf("thread: S0 %#x SP %#x", c.S[0], c.R[13])
		}
	})
}

// TestFPContextSwitch: two threads on PSP, both using FP registers, switched by a
// PendSV handler in the style of an RTOS port (it saves S16–S31 with VSTMDB when
// EXC_RETURN bit 4 is clear, which triggers the lazy save of S0–S15 and FPSCR into the
// frame, and returns with the other thread's EXC_RETURN). Each thread must get its own
// S0, S16 and FPSCR back; a thread's first FP instruction after being started with
// EXC_RETURN 0xFFFFFFFD creates a new context with FPDSCR's modes.
func TestFPContextSwitch(t *testing.T) {
	r := newFPRig(t, DefaultTiming())
	c := r.c
	const (
		stackA  = 0x2000_4000
		stackB  = 0x2000_6000
		tcb     = 0x2000_0100 // saved SPs of threads 0 and 1, then the current index
		threadB = 0x0800
		pendSV  = 0x2000 // handler code
		icsr    = scsAddr + nvic.OffICSR
	)
	r.setSCS(nvic.OffFPDSCR, 1<<25) // DN for new contexts
	r.vector(ExcPendSV, pendSV)
	r.put(pendSV,
		0xF3EF, 0x8009, // mrs r0, psp
		0xF01E, 0x0F10, // tst.w lr, #16
		0xBF08,         // it eq
		0xED20, 0x8A10, // vstmdbeq r0!, {s16-s31}
		0xE920, 0x4FF0, // stmdb r0!, {r4-r11, lr}
		0xF240, 0x1300, // movw r3, #0x100
		0xF2C2, 0x0300, // movt r3, #0x2000
		0x6899,         // ldr r1, [r3, #8]
		0xF843, 0x0021, // str.w r0, [r3, r1, lsl #2]
		0xF081, 0x0101, // eor.w r1, r1, #1
		0x6099,         // str r1, [r3, #8]
		0xF853, 0x0021, // ldr.w r0, [r3, r1, lsl #2]
		0xE8B0, 0x4FF0, // ldmia.w r0!, {r4-r11, lr}
		0xF01E, 0x0F10, // tst.w lr, #16
		0xBF08,         // it eq
		0xECB0, 0x8A10, // vldmiaeq r0!, {s16-s31}
		0xF380, 0x8809, // msr psp, r0
		0x4770) // bx lr
	threadCode := func(withVMSR bool) []uint16 {
		code := []uint16{0xEE00, 0x4A10, 0xEE08, 0x5A10} // vmov s0, r4; vmov s16, r5
		if withVMSR {
			code = append(code, 0xEEE1, 0xAA10) // vmsr fpscr, r10
		}
		return append(code,
			0x603E,         // str r6, [r7]: ICSR.PENDSVSET
			0xEE10, 0x8A10, // vmov r8, s0
			0xEE18, 0x9A10, // vmov r9, s16
			0xEEF1, 0xBA10, // vmrs r11, fpscr
			tBself)
	}
	codeA, codeB := threadCode(true), threadCode(false)
	r.put(rigThread, codeA...)
	r.put(threadB, codeB...)
	endA, endB := rigThread+2*uint32(len(codeA)-1), threadB+2*uint32(len(codeB)-1)
	// Thread B's initial stack: r4–r11 and EXC_RETURN (software frame), then a basic
	// hardware frame starting it at threadB.
	frameB := uint32(stackB - 0x20 - 0x24)
	words := []uint32{0xB0B0, 0xB16B, 1 << 28, icsr, 0, 0, 0, 0, 0xFFFF_FFFD, // r4–r11, lr
		0, 0, 0, 0, 0, 0, threadB, 1 << 24}
	for i, w := range words {
		r.w32ram(frameB+4*uint32(i), w)
	}
	r.w32ram(tcb+4, frameB)
	r.w32ram(tcb+8, 0)
	// Thread A runs first, on PSP.
	c.SetSPProcess(stackA)
	c.SetCONTROL(2)
	c.R[4], c.R[5], c.R[6], c.R[7], c.R[10] = 0xA0A0, 0xA16A, 1<<28, icsr, 0x00C0_0000 // RZ
	// A requests the switch at once; B starts, sets its registers and switches back;
	// A then reads its own values.
	r.until(endA, 300)
	if c.R[8] != 0xA0A0 || c.R[9] != 0xA16A || c.R[11] != 0x00C0_0000 {
		t.Fatalf("thread A: r8 %#x r9 %#x FPSCR %#x", c.R[8], c.R[9], c.R[11])
	}
	if c.IPSR != 0 || c.CONTROL&(controlFPCA|2) != controlFPCA|2 || c.SPProcess() != stackA {
		t.Fatalf("thread A: IPSR %d CONTROL %#x PSP %#x", c.IPSR, c.CONTROL, c.SPProcess())
	}
	// B's S0 went to its frame by the lazy save PendSV's VSTMDB triggered: the saved
	// PSP points at the software frame (9 words) below S16–S31 (16 words) and the
	// hardware frame.
	savedB := r.mem32(tcb + 4)
	hwB := savedB + 0x24 + 0x40
	if r.mem32(hwB+0x18) != threadB+10 || r.mem32(hwB+0x20) != 0xB0B0 || r.mem32(hwB+0x60) != 1<<25 {
		t.Fatalf("thread B frame at %#x: PC %#x S0 %#x FPSCR %#x", hwB, r.mem32(hwB+0x18), r.mem32(hwB+0x20), r.mem32(hwB+0x60))
	}
	if r.mem32(savedB+0x24) != 0xB16B || r.mem32(savedB+0x20) != 0xFFFF_FFED {
		t.Fatalf("thread B S16 %#x EXC_RETURN %#x", r.mem32(savedB+0x24), r.mem32(savedB+0x20))
	}
	// To B: it resumes after its own PendSV request with its own registers; its FPSCR
	// is the new context's (FPDSCR's DN).
	r.setSCS(nvic.OffICSR, 1<<28)
	r.until(endB, 200)
	if c.R[8] != 0xB0B0 || c.R[9] != 0xB16B || c.R[11] != 1<<25 || c.S[0] != 0xB0B0 || c.S[16] != 0xB16B {
		t.Fatalf("thread B: r8 %#x r9 %#x FPSCR %#x S0 %#x S16 %#x", c.R[8], c.R[9], c.R[11], c.S[0], c.S[16])
	}
	if c.SPProcess() != stackB {
		t.Errorf("thread B PSP %#x, want %#x", c.SPProcess(), stackB)
	}
	// And back to A.
	r.setSCS(nvic.OffICSR, 1<<28)
	r.until(endA, 200)
	if c.S[0] != 0xA0A0 || c.S[16] != 0xA16A || c.FPSCR != 0x00C0_0000 || c.R[8] != 0xA0A0 || c.SPProcess() != stackA {
		t.Fatalf("thread A again: S0 %#x S16 %#x FPSCR %#x r8 %#x PSP %#x", c.S[0], c.S[16], c.FPSCR, c.R[8], c.SPProcess())
	}
}

// w32ram writes a word of RAM through the bus.
func (r *excRig) w32ram(addr, v uint32) {
	if err := r.c.Bus().Write(addr, 4, v); err != nil {
		r.t.Fatal(err)
	}
}

// TestFPNOCP: CPACR.CP10 gates every FP instruction (B3.2.20): 0b00 denies, 0b01 allows
// privileged code only, 0b11 everyone. A denied instruction takes a NOCP UsageFault
// before any FP state changes (no FPCA, no lazy save). An UNDEFINED FP encoding is
// UNDEFINSTR when access is allowed and NOCP when it is not.
func TestFPNOCP(t *testing.T) {
	cases := []struct {
		name   string
		cpacr  uint32
		unpriv bool
		code   []uint16
		cfsr   uint32 // 0: executes
	}{
		{"denied", 0, false, fVMOVs0r0, nvic.CFSRNOCP},
		{"privileged only, privileged", 0x5 << 20, false, fVMOVs0r0, 0},
		{"privileged only, unprivileged", 0x5 << 20, true, fVMOVs0r0, nvic.CFSRNOCP},
		{"full, unprivileged", cpacrFull, true, fVMOVs0r0, 0},
		{"VMRS denied", 0, false, fVMRSr3, nvic.CFSRNOCP},
		{"D16 allowed: UNDEFINSTR", cpacrFull, false, fVADDd16, nvic.CFSRUNDEFINSTR},
		{"D16 denied: NOCP", 0, false, fVADDd16, nvic.CFSRNOCP},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newExcRig(t, FunctionalTiming())
			c := r.c
			r.setSCS(nvic.OffSHCSR, 7<<16)
			r.setSCS(nvic.OffCPACR, tc.cpacr)
			if tc.unpriv {
				c.SetCONTROL(1)
			}
			r.prog(rigThread, tc.code, []uint16{tBself})
			c.R[0] = 0x1234
			r.step()
			if tc.cfsr == 0 {
				if c.IPSR != 0 || c.R[15] != rigThread+4 || c.CONTROL&controlFPCA == 0 {
					t.Fatalf("did not execute: IPSR %d PC %#x CONTROL %#x", c.IPSR, c.R[15], c.CONTROL)
				}
				return
			}
			r.step()
			if c.IPSR != ExcUsageFault || r.scs(nvic.OffCFSR) != tc.cfsr {
				t.Fatalf("IPSR %d CFSR %#x, want UsageFault %#x", c.IPSR, r.scs(nvic.OffCFSR), tc.cfsr)
			}
			if c.S[0] != 0 || c.R[14] != 0xFFFF_FFF9 {
				t.Fatalf("state changed: S0 %#x LR %#x (FPCA must stay clear)", c.S[0], c.R[14])
			}
			if got := r.mem32(c.R[13] + 24); got != rigThread {
				t.Fatalf("stacked PC %#x", got)
			}
		})
	}
}

// TestFPExcReturnExtended: EXC_RETURN 0xFFFFFFE9 is a valid return with an extended
// frame (B1.5.8): it reads S0–S15 and FPSCR from the 0x68-byte frame and sets FPCA; with
// CP10 denied the return is a NOCP UsageFault on the same frame.
func TestFPExcReturnExtended(t *testing.T) {
	for _, denied := range []bool{false, true} {
		t.Run(fmt.Sprintf("denied=%v", denied), func(t *testing.T) {
			r := newFPRig(t, FunctionalTiming())
			c := r.c
			r.setSCS(nvic.OffSHCSR, 7<<16)
			if denied {
				r.setSCS(nvic.OffCPACR, 0)
			}
			r.put(rigThread, tNOP, tBself)
			h := hAddr(17)
			r.prog(h, fnMOVlrImm, []uint16{tBXLR}) // lr = 0xFFFFFFE9; bx lr
			r.irq(1, 0x80)
			r.step()
			r.n.SetPending(17)
			r.step()
			frame := c.R[13] // a basic frame: the words above it stand in for S0–S15, FPSCR
			r.w32ram(frame+0x20, 0x5555)
			r.w32ram(frame+0x60, 0x0300_0000)
			r.step() // mvn
			r.step() // bx lr
			r.step() // return
			if denied {
				r.step()
				if c.IPSR != ExcUsageFault || r.scs(nvic.OffCFSR) != nvic.CFSRNOCP || c.R[14] != 0xFFFF_FFE9 {
					t.Fatalf("IPSR %d CFSR %#x LR %#x", c.IPSR, r.scs(nvic.OffCFSR), c.R[14])
				}
				return
			}
			if c.IPSR != 0 || c.R[15] != rigThread+2 || c.R[13] != frame+0x68 {
				t.Fatalf("IPSR %d PC %#x SP %#x (frame %#x)", c.IPSR, c.R[15], c.R[13], frame)
			}
			if c.S[0] != 0x5555 || c.FPSCR != 0x0300_0000 || c.CONTROL&controlFPCA == 0 {
				t.Fatalf("S0 %#x FPSCR %#x CONTROL %#x", c.S[0], c.FPSCR, c.CONTROL)
			}
		})
	}
}

// TestFPLazyFaults: a failed lazy save is BusFault LSPERR or MemManage MLSPERR (B3.2.15),
// pended as the FPCCR ready bits allow (escalated to HardFault FORCED when the ready bit
// is clear). When the fault can preempt, it is taken before the FP instruction executes
// (the stacked PC is that instruction, LSPACT stays set); otherwise the instruction
// executes, LSPACT is cleared and the fault waits.
func TestFPLazyFaults(t *testing.T) {
	setup := func(t *testing.T, shcsr uint32, irqPrio uint8) *excRig {
		r := newFPRig(t, FunctionalTiming())
		r.setSCS(nvic.OffSHCSR, shcsr)
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.prog(hAddr(17), fVMOVs0r1, []uint16{tBXLR})
		r.irq(1, irqPrio)
		r.c.R[0], r.c.R[1] = 0xA0A0, 0xB1B1
		r.step()
		r.n.SetPending(17)
		r.step()
		return r
	}
	t.Run("LSPERR taken", func(t *testing.T) {
		r := setup(t, 1<<17, 0x80)
		r.setSCS(nvic.OffFPCAR, 0x3000_0000) // unmapped
		r.step()                             // vmov s0, r1: the save fails
		r.step()                             // BusFault entry completes
		c := r.c
		if c.IPSR != ExcBusFault || r.scs(nvic.OffCFSR) != nvic.CFSRLSPERR || r.scs(nvic.OffHFSR) != 0 {
			t.Fatalf("IPSR %d CFSR %#x HFSR %#x", c.IPSR, r.scs(nvic.OffCFSR), r.scs(nvic.OffHFSR))
		}
		if got := r.mem32(c.R[13] + 24); got != hAddr(17) {
			t.Fatalf("stacked PC %#x, want the FP instruction %#x", got, hAddr(17))
		}
		if c.S[0] != 0xA0A0 || r.scs(nvic.OffFPCCR)&fpccrLSPACT == 0 {
			t.Fatalf("S0 %#x FPCCR %#x: the instruction must not have executed", c.S[0], r.scs(nvic.OffFPCCR))
		}
		if f := c.LastFault(); f == nil || f.Kind != FaultLazyFPBus || f.Addr != 0x3000_0000 {
			t.Fatalf("LastFault %+v", f)
		}
	})
	t.Run("LSPERR escalated", func(t *testing.T) {
		r := setup(t, 0, 0x80) // BusFault disabled: BFRDY clear
		r.setSCS(nvic.OffFPCAR, 0x3000_0000)
		r.step()
		r.step()
		if r.c.IPSR != ExcHardFault || r.scs(nvic.OffCFSR) != nvic.CFSRLSPERR || r.scs(nvic.OffHFSR) != nvic.HFSRFORCED {
			t.Fatalf("IPSR %d CFSR %#x HFSR %#x", r.c.IPSR, r.scs(nvic.OffCFSR), r.scs(nvic.OffHFSR))
		}
	})
	t.Run("LSPERR pended", func(t *testing.T) {
		// BusFault priority 0xC0: ready for the thread, but it cannot preempt the
		// handler (0x40): the instruction executes, the BusFault follows the return.
		r := newFPRig(t, FunctionalTiming())
		r.setSCS(nvic.OffSHCSR, 1<<17)
		r.setSCS(nvic.OffSHPR1, 0xC0<<8)
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.prog(hAddr(17), fVMOVs0r1, []uint16{tBXLR})
		r.irq(1, 0x40)
		c := r.c
		c.R[0], c.R[1] = 0xA0A0, 0xB1B1
		r.step()
		r.n.SetPending(17)
		r.step()
		if r.scs(nvic.OffFPCCR)&fpccrBFRDY == 0 {
			t.Fatal("BFRDY clear")
		}
		r.setSCS(nvic.OffFPCAR, 0x3000_0000)
		r.step()
		if c.IPSR != 17 || c.S[0] != 0xB1B1 || r.scs(nvic.OffFPCCR)&fpccrLSPACT != 0 || !r.n.IsPending(ExcBusFault) {
			t.Fatalf("IPSR %d S0 %#x FPCCR %#x BusFault pending %v", c.IPSR, c.S[0], r.scs(nvic.OffFPCCR), r.n.IsPending(ExcBusFault))
		}
		r.step() // bx lr
		r.step() // return: tail-chains into the BusFault
		if c.IPSR != ExcBusFault || r.scs(nvic.OffCFSR) != nvic.CFSRLSPERR {
			t.Fatalf("IPSR %d CFSR %#x", c.IPSR, r.scs(nvic.OffCFSR))
		}
	})
	t.Run("MLSPERR", func(t *testing.T) {
		r := setup(t, 1<<16, 0x80)
		frame := r.c.R[13]
		// The MPU refuses writes to the FP area (and the rest of that stack page).
		r.c.mpu = &fakeMPU{on: true, lo: frame + 0x20, hi: frame + 0x68}
		r.c.mpuOn, r.c.attn = true, true
		r.step()
		r.step()
		if r.c.IPSR != ExcMemManage || r.scs(nvic.OffCFSR) != nvic.CFSRMLSPERR {
			t.Fatalf("IPSR %d CFSR %#x", r.c.IPSR, r.scs(nvic.OffCFSR))
		}
	})
}

// TestFPTiming: the lazy save costs the first FP instruction of the handler
// fpContextCycles more (the Cortex-M4's +17, cortex-m7-timing.md §1.7); an immediate
// save (LSPEN clear) costs the entry as much, and a restore costs the return as much.
func TestFPTiming(t *testing.T) {
	t.Run("lazy", func(t *testing.T) {
		r := newFPRig(t, DefaultTiming())
		c := r.c
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.prog(hAddr(17), fVMOVs1r1, fVMOVs1r1, []uint16{tBXLR})
		r.irq(1, 0x80)
		r.step()
		r.n.SetPending(17)
		r.step() // entry
		if c.R[15] != hAddr(17) {
			t.Fatalf("PC %#x", c.R[15])
		}
		cy := c.Cycles
		r.step()
		first := c.Cycles - cy
		cy = c.Cycles
		r.step()
		second := c.Cycles - cy
		if first != second+fpContextCycles {
			t.Fatalf("first FP instruction %d cycles, second %d: want a difference of %d", first, second, fpContextCycles)
		}
		ex := c.ExcCycles
		r.until(rigThread+4, 10)
		if got := c.ExcCycles - ex; got != excExitCycles+fpContextCycles {
			t.Fatalf("exit %d cycles, want %d", got, excExitCycles+fpContextCycles)
		}
	})
	t.Run("immediate", func(t *testing.T) {
		r := newFPRig(t, DefaultTiming())
		c := r.c
		r.setSCS(nvic.OffFPCCR, fpccrASPEN)
		r.prog(rigThread, fVMOVs0r0, []uint16{tBself})
		r.put(hAddr(17), tBXLR)
		r.irq(1, 0x80)
		r.step()
		ex := c.ExcCycles
		r.n.SetPending(17)
		r.step()
		if got := c.ExcCycles - ex; got != excEntryCycles+fpContextCycles {
			t.Fatalf("entry %d cycles, want %d", got, excEntryCycles+fpContextCycles)
		}
	})
}

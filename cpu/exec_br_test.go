package cpu

import (
	"testing"

	"m7emu/cpu/thumb"
)

// Execute tests of the branch/control/system group. Code is placed at 0x100 by
// newTestCPU; R[15] reads as the instruction address + 4. Expected values are worked out
// from the Arm DDI0403E pseudocode (A7.7, B5.2) in the case names and comments.

// brCase is one execute test: code, a setup of the core, how many instructions to step
// and a check of the result.
type brCase struct {
	name  string
	code  []uint16
	setup func(c *CPU)
	steps int
	check func(t *testing.T, c *CPU)
}

func runBrCases(t *testing.T, cases []brCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			if tc.setup != nil {
				tc.setup(c)
			}
			stepN(t, c, tc.steps)
			tc.check(t, c)
		})
	}
}

func wantPC(t *testing.T, c *CPU, pc uint32) {
	t.Helper()
	if c.PC() != pc {
		t.Errorf("PC = %#x, want %#x", c.PC(), pc)
	}
}

func wantReg(t *testing.T, c *CPU, r int, v uint32) {
	t.Helper()
	if c.R[r] != v {
		t.Errorf("R%d = %#x, want %#x", r, c.R[r], v)
	}
}

// wantStop steps once and checks the stop reason and PC.
func wantStop(t *testing.T, c *CPU, reason StopReason, pc uint32) *Stop {
	t.Helper()
	s := c.Step()
	if s == nil {
		t.Fatalf("core did not stop; PC %#x", c.PC())
	}
	if s.Reason != reason || s.PC != pc {
		t.Fatalf("stop = %v at %#x (%s), want %v at %#x", s.Reason, s.PC, s.Msg, reason, pc)
	}
	return s
}

func wantUndef(t *testing.T, c *CPU, pc uint32) {
	t.Helper()
	s := wantStop(t, c, StopFault, pc)
	if s.Fault == nil || s.Fault.Kind != FaultUndefInstr {
		t.Fatalf("fault = %v, want UNDEFINSTR", s.Fault)
	}
}

func TestExecBrBranches(t *testing.T) {
	runBrCases(t, []brCase{
		// beq +4: imm8=2 -> 0x100+4+4 = 0x108.
		{"B_T1/taken", []uint16{0xD002}, func(c *CPU) { c.Z = true }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x108) }},
		{"B_T1/not_taken", []uint16{0xD002}, func(c *CPU) { c.Z = false }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		// bgt: Z=0 and N=V; N=1 V=1 passes.
		{"B_T1/gt_N_eq_V", []uint16{0xDC02}, func(c *CPU) { c.N, c.V = true, true }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x108) }},
		// imm8=0x80 -> -256: 0x104-0x100 = 0x4.
		{"B_T1/backward", []uint16{0xD180}, nil, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x4) }},
		// b.n . : imm11 = 0x7FE -> -4 -> 0x100.
		{"B_T2/self", []uint16{0xE7FE}, nil, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x100) }},
		// b.n +0x7FE*2: imm11 = 0x3FF -> +2046 -> 0x104+0x7FE = 0x902.
		{"B_T2/max_forward", []uint16{0xE3FF}, nil, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x902) }},
		// bne.w +0x1000: S=0 imm6=1 J1=J2=0 imm11=0 -> 0x1000 -> 0x1104.
		{"B_T3/taken", thumb32(0xF0418000), func(c *CPU) { c.Z = false }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x1104) }},
		{"B_T3/not_taken", thumb32(0xF0418000), func(c *CPU) { c.Z = true }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		// b.w: S=0 J1=J2=1 (I1=I2=0) imm10=1 imm11=2 -> 0x1000+4 = 0x1004 -> 0x1108.
		{"B_T4/forward", thumb32(0xF001B802), nil, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x1108) }},
		// bl: imm11=4 -> +8 -> 0x104+8 = 0x10C; LR = 0x104|1.
		{"BL_T1/link", thumb32(0xF000F804), nil, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x10C); wantReg(t, c, 14, 0x105) }},
		// bl -4: S=1, I1=I2=1, all ones but imm11 = 0x7FE -> -4 -> 0x100.
		{"BL_T1/backward", thumb32(0xF7FFFFFE), nil, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x100); wantReg(t, c, 14, 0x105) }},
		{"BX_T1/thumb", []uint16{0x4700}, func(c *CPU) { c.R[0] = 0x201 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x200) }},
		// blx r3: LR = 0x102|1, PC = r3 with bit 0 cleared.
		{"BLX_reg_T1/link", []uint16{0x4798}, func(c *CPU) { c.R[3] = 0x301 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x300); wantReg(t, c, 14, 0x103) }},
		// blx lr: the target is read before LR is overwritten.
		{"BLX_reg_T1/lr", []uint16{0x47F0}, func(c *CPU) { c.R[14] = 0x401 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x400); wantReg(t, c, 14, 0x103) }},
		// cbz r1, +8: i=0 imm5=4 -> 8 -> 0x10C.
		{"CBZ_CBNZ_T1/cbz_taken", []uint16{0xB121}, func(c *CPU) { c.R[1] = 0 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x10C) }},
		{"CBZ_CBNZ_T1/cbz_not_taken", []uint16{0xB121}, func(c *CPU) { c.R[1] = 5 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		// cbnz r7, +126 (i=1 imm5=31) -> 0x104+126 = 0x182.
		{"CBZ_CBNZ_T1/cbnz_max", []uint16{0xBBFF}, func(c *CPU) { c.R[7] = 1 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x182) }},
		{"CBZ_CBNZ_T1/cbnz_not_taken", []uint16{0xBBFF}, func(c *CPU) { c.R[7] = 0 }, 1,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		// it eq; b.n: the IT condition applies to B T2 (allowed as the last instruction).
		{"B_T2/in_IT_taken", []uint16{0xBF08, 0xE7FE}, func(c *CPU) { c.Z = true }, 2,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		{"B_T2/in_IT_skipped", []uint16{0xBF08, 0xE7FE}, func(c *CPU) { c.Z = false }, 2,
			func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
	})

	t.Run("BX_T1/even_target_INVSTATE", func(t *testing.T) {
		// A7.7.20 + B1.4.7: bit 0 clear leaves EPSR.T = 0; the next instruction faults.
		c := newTestCPU(t, 0x4700)
		c.R[0] = 0x200
		stepN(t, c, 1)
		s := wantStop(t, c, StopFault, 0x200)
		if s.Fault.Kind != FaultInvState {
			t.Fatalf("fault %v, want INVSTATE", s.Fault.Kind)
		}
	})
	t.Run("BX_T1/sbz_bits_UNDEFINED", func(t *testing.T) {
		c := newTestCPU(t, 0x4701) // bx r0 with bit 0 set: UNPREDICTABLE, UNDEFINED as QEMU
		c.R[0] = 0x201
		wantUndef(t, c, 0x100)
	})
	t.Run("B_T1/in_IT_UNDEFINED", func(t *testing.T) {
		c := newTestCPU(t, 0xBF08, 0xD0FE) // it eq; beq: UNDEFINED in an IT block (QEMU)
		c.Z = true
		stepN(t, c, 1)
		wantUndef(t, c, 0x102)
	})
	t.Run("B_T3/in_IT_skipped_no_fault", func(t *testing.T) {
		// The IT condition fails, so the (UNPREDICTABLE) B<c>.w is not executed at all.
		c := newTestCPU(t, prog([]uint16{0xBF08}, thumb32(0xF0418000), []uint16{0xBF00})...)
		c.Z = false
		stepN(t, c, 3)
		wantPC(t, c, 0x108)
	})
}

func TestExecBrIT(t *testing.T) {
	runBrCases(t, []brCase{
		// itte ne (firstcond 0001, mask 1010): ITSTATE = 0x1A after the IT.
		{"IT_T1/state", []uint16{0xBF1A}, nil, 1,
			func(t *testing.T, c *CPU) {
				if c.IT != 0x1A {
					t.Errorf("IT = %#x, want 0x1a", uint8(c.IT))
				}
			}},
		// itt eq; sev; wfe with Z=1: SEV sets the event, WFE consumes it (no sleep).
		{"IT_T1/then_then_pass", []uint16{0xBF04, 0xBF40, 0xBF20}, func(c *CPU) { c.Z = true }, 3,
			func(t *testing.T, c *CPU) {
				if c.EventReg || c.IT != 0 {
					t.Errorf("EventReg=%v IT=%#x, want false, 0", c.EventReg, uint8(c.IT))
				}
				wantPC(t, c, 0x106)
			}},
		// ite eq; sev; nop with Z=0: SEV (then) is skipped.
		{"IT_T1/then_fails", []uint16{0xBF0C, 0xBF40, 0xBF00}, func(c *CPU) { c.Z = false }, 3,
			func(t *testing.T, c *CPU) {
				if c.EventReg {
					t.Error("SEV executed although its IT condition failed")
				}
			}},
		// ite eq; nop; sev with Z=0: SEV (else, NE) runs.
		{"IT_T1/else_runs", []uint16{0xBF0C, 0xBF00, 0xBF40}, func(c *CPU) { c.Z = false }, 3,
			func(t *testing.T, c *CPU) {
				if !c.EventReg {
					t.Error("SEV in the else slot did not execute")
				}
			}},
		// it <1111>: UNPREDICTABLE; as QEMU the block executes always.
		{"IT_T1/firstcond_1111", []uint16{0xBFF8, 0xBF40}, nil, 2,
			func(t *testing.T, c *CPU) {
				if !c.EventReg {
					t.Error("SEV under firstcond 1111 did not execute")
				}
			}},
		// ite al: the else slot has condition 1111, which also executes (QEMU).
		{"IT_T1/AL_else", []uint16{0xBFEC, 0xBF00, 0xBF40}, nil, 3,
			func(t *testing.T, c *CPU) {
				if !c.EventReg {
					t.Error("SEV in the else slot of IT AL did not execute")
				}
			}},
	})
}

func TestExecBrHints(t *testing.T) {
	runBrCases(t, []brCase{
		{"NOP_T1", []uint16{0xBF00}, nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		{"YIELD_T1", []uint16{0xBF10}, nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		{"hint_T1/unallocated", []uint16{0xBF70}, nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x102) }},
		{"NOP_T2", thumb32(0xF3AF8000), nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		{"hint_T2/csdb", thumb32(0xF3AF8014), nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		{"DBG_T1", thumb32(0xF3AF80F5), nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		{"DMB_T1", thumb32(0xF3BF8F5F), nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		{"DSB_T1", thumb32(0xF3BF8F4F), nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		{"ISB_T1", thumb32(0xF3BF8F6F), nil, 1, func(t *testing.T, c *CPU) { wantPC(t, c, 0x104) }},
		{"SEV_T1", []uint16{0xBF40}, nil, 1, func(t *testing.T, c *CPU) {
			if !c.EventReg {
				t.Error("SEV did not set the event register")
			}
		}},
		{"SEV_T2", thumb32(0xF3AF8004), nil, 1, func(t *testing.T, c *CPU) {
			if !c.EventReg {
				t.Error("SEV.W did not set the event register")
			}
		}},
		// WFE with the event register set clears it and continues (B1.5.18).
		{"WFE_T1/event_set", []uint16{0xBF20}, func(c *CPU) { c.EventReg = true }, 1, func(t *testing.T, c *CPU) {
			if c.EventReg {
				t.Error("WFE did not clear the event register")
			}
			wantPC(t, c, 0x102)
		}},
	})
	for _, tc := range []struct {
		name string
		code []uint16
		msg  string
		next uint32
	}{
		{"WFI_T1", []uint16{0xBF30}, "WFI", 0x102},
		{"WFI_T2", thumb32(0xF3AF8003), "WFI", 0x104},
		{"WFE_T1/no_event", []uint16{0xBF20}, "WFE", 0x102},
		{"WFE_T2/no_event", thumb32(0xF3AF8002), "WFE", 0x104},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			s := wantStop(t, c, StopSleep, tc.next) // sleeps after the instruction
			if s.Msg != tc.msg {
				t.Errorf("sleep message %q, want %q", s.Msg, tc.msg)
			}
			wantPC(t, c, tc.next)
		})
	}
}

func TestExecBrSystem(t *testing.T) {
	t.Run("BKPT_T1/no_hook", func(t *testing.T) {
		c := newTestCPU(t, 0xBEAB)
		s := wantStop(t, c, StopBreakpoint, 0x100)
		if s.Imm != 0xAB {
			t.Errorf("Imm = %#x, want 0xab", s.Imm)
		}
		wantPC(t, c, 0x100) // halted at the BKPT
	})
	for _, handled := range []bool{true, false} {
		t.Run("BKPT_T1/hook_"+map[bool]string{true: "handles", false: "declines"}[handled], func(t *testing.T) {
			c := newTestCPU(t, 0xBE05, 0xBF00)
			var got []uint8
			c.hooks.BKPT = func(imm uint8) bool { got = append(got, imm); return handled }
			if handled {
				stepN(t, c, 1)
				wantPC(t, c, 0x102)
			} else {
				wantStop(t, c, StopBreakpoint, 0x100)
			}
			if len(got) != 1 || got[0] != 5 {
				t.Errorf("hook calls %v, want [5]", got)
			}
		})
	}
	t.Run("BKPT_T1/hook_halts", func(t *testing.T) {
		c := newTestCPU(t, 0xBEAB)
		c.hooks.BKPT = func(imm uint8) bool { c.Halt("exit"); return true }
		s := wantStop(t, c, StopHalt, 0x100)
		if s.Msg != "exit" {
			t.Errorf("msg %q", s.Msg)
		}
	})
	t.Run("SVC_T1/unsupported", func(t *testing.T) {
		c := newTestCPU(t, 0xDF01)
		wantStop(t, c, StopUnsupported, 0x100)
		wantPC(t, c, 0x100)
	})
	t.Run("UDF_T1", func(t *testing.T) { wantUndef(t, newTestCPU(t, 0xDE00), 0x100) })
	t.Run("UDF_T2", func(t *testing.T) { wantUndef(t, newTestCPU(t, thumb32(0xF7F0A000)...), 0x100) })
}

// Special-register encodings used below (B5.2.2, B5.2.3; Rd/Rn = r1 unless noted).
const (
	mrsR1APSR    = 0xF3EF8100
	mrsR1IPSR    = 0xF3EF8105
	mrsR1XPSR    = 0xF3EF8103
	mrsR1MSP     = 0xF3EF8108
	mrsR1PSP     = 0xF3EF8109
	mrsR1PRIMASK = 0xF3EF8110
	mrsR1BASEPRI = 0xF3EF8111
	mrsR1FAULTM  = 0xF3EF8113
	mrsR1CONTROL = 0xF3EF8114
	msrAPSRnzcvq = 0xF3818800 // msr APSR_nzcvq, r1
	msrAPSRg     = 0xF3818400 // msr APSR_g, r1
	msrMSP       = 0xF3818808
	msrPSP       = 0xF3818809
	msrPRIMASK   = 0xF3818810
	msrBASEPRI   = 0xF3818811
	msrBASEPRIMX = 0xF3818812
	msrFAULTMASK = 0xF3818813
	msrCONTROL   = 0xF3818814
)

func TestExecBrMRSMSR(t *testing.T) {
	runBrCases(t, []brCase{
		// APSR: N Z C V Q in bits 31:27, GE in 19:16.
		{"MRS_T1/APSR", thumb32(mrsR1APSR), func(c *CPU) { c.N, c.C, c.Q, c.GE = true, true, true, 0x5 }, 1,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0xA8050000) }},
		// IPSR view: the exception number only.
		{"MRS_T1/IPSR", thumb32(mrsR1IPSR), func(c *CPU) { c.IPSR = 0x2B; c.Z = true }, 1,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0x2B) }},
		// xPSR: APSR | IPSR; EPSR (T bit, IT) reads as zero.
		{"MRS_T1/XPSR", thumb32(mrsR1XPSR), func(c *CPU) { c.IPSR = 0x2B; c.Z = true }, 1,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0x4000002B) }},
		{"MRS_T1/reserved_SYSm_reads_0", thumb32(0xF3EF8104), func(c *CPU) { c.R[1] = 7; c.N = true }, 1,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0) }},
		{"MRS_T1/MSP_PSP", prog(thumb32(mrsR1MSP), thumb32(0xF3EF8209)), func(c *CPU) { c.PSP = 0x20001000 }, 2,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0x20010000); wantReg(t, c, 2, 0x20001000) }},
		// Unprivileged (CONTROL.nPRIV = 1, Thread mode): PRIMASK reads 0, CONTROL is readable.
		{"MRS_T1/unprivileged_mask_reads_0", prog(thumb32(mrsR1PRIMASK), thumb32(0xF3EF8214)),
			func(c *CPU) { c.PRIMASK = true; c.CONTROL = 1 }, 2,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0); wantReg(t, c, 2, 1) }},
		{"MRS_T1/BASEPRI_FAULTMASK", prog(thumb32(mrsR1BASEPRI), thumb32(0xF3EF8213)),
			func(c *CPU) { c.BASEPRI = 0x40; c.FAULTMASK = true }, 2,
			func(t *testing.T, c *CPU) { wantReg(t, c, 1, 0x40); wantReg(t, c, 2, 1) }},
		// APSR_nzcvq writes bits 31:27 only; GE keeps its value.
		{"MSR_reg_T1/APSR_nzcvq", thumb32(msrAPSRnzcvq), func(c *CPU) { c.R[1] = 0xF80F0000; c.GE = 2 }, 1,
			func(t *testing.T, c *CPU) {
				if !(c.N && c.Z && c.C && c.V && c.Q) || c.GE != 2 {
					t.Errorf("NZCVQ=%v%v%v%v%v GE=%x", c.N, c.Z, c.C, c.V, c.Q, c.GE)
				}
			}},
		// APSR_g writes GE only.
		{"MSR_reg_T1/APSR_g", thumb32(msrAPSRg), func(c *CPU) { c.R[1] = 0xF80F0000 }, 1,
			func(t *testing.T, c *CPU) {
				if c.N || c.Z || c.GE != 0xF {
					t.Errorf("N=%v Z=%v GE=%x, want false false f", c.N, c.Z, c.GE)
				}
			}},
		// Unprivileged code may write the APSR but not the masks.
		{"MSR_reg_T1/unprivileged", prog(thumb32(msrAPSRnzcvq), thumb32(msrPRIMASK), thumb32(msrMSP)),
			func(c *CPU) { c.CONTROL = 1; c.R[1] = 0x80000001 }, 3,
			func(t *testing.T, c *CPU) {
				if !c.N || c.PRIMASK || c.R[13] != 0x20010000 {
					t.Errorf("N=%v PRIMASK=%v SP=%#x", c.N, c.PRIMASK, c.R[13])
				}
			}},
		// MSR MSP: bits 1:0 forced to 0; in Thread mode with SPSEL=0 MSP is the active SP.
		{"MSR_reg_T1/MSP", thumb32(msrMSP), func(c *CPU) { c.R[1] = 0x20000FFF }, 1,
			func(t *testing.T, c *CPU) { wantReg(t, c, 13, 0x20000FFC) }},
		{"MSR_reg_T1/PSP_inactive", thumb32(msrPSP), func(c *CPU) { c.R[1] = 0x20000800 }, 1,
			func(t *testing.T, c *CPU) {
				if c.PSP != 0x20000800 || c.R[13] != 0x20010000 {
					t.Errorf("PSP=%#x SP=%#x", c.PSP, c.R[13])
				}
			}},
		// msr PSP; msr CONTROL (SPSEL=1): SP switches to PSP, MSP is banked.
		{"MSR_reg_T1/CONTROL_SPSEL", prog(thumb32(msrPSP), thumb32(0xF3828814)),
			func(c *CPU) { c.R[1] = 0x20000800; c.R[2] = 2 }, 2,
			func(t *testing.T, c *CPU) {
				if c.R[13] != 0x20000800 || c.MSP != 0x20010000 || c.CONTROL != 2 {
					t.Errorf("SP=%#x MSP=%#x CONTROL=%d", c.R[13], c.MSP, c.CONTROL)
				}
			}},
		// In Handler mode SPSEL writes are ignored; nPRIV and FPCA are written.
		{"MSR_reg_T1/CONTROL_handler", thumb32(msrCONTROL), func(c *CPU) { c.IPSR = 11; c.R[1] = 7 }, 1,
			func(t *testing.T, c *CPU) {
				if c.CONTROL != 5 {
					t.Errorf("CONTROL=%d, want 5 (nPRIV|FPCA)", c.CONTROL)
				}
			}},
		{"MSR_reg_T1/PRIMASK_BASEPRI", prog(thumb32(msrPRIMASK), thumb32(0xF3828811)),
			func(c *CPU) { c.R[1] = 3; c.R[2] = 0x1E0 }, 2,
			func(t *testing.T, c *CPU) {
				if !c.PRIMASK || c.BASEPRI != 0xE0 {
					t.Errorf("PRIMASK=%v BASEPRI=%#x, want true 0xe0", c.PRIMASK, c.BASEPRI)
				}
			}},
		// BASEPRI_MAX only raises masking: 0x80 > 0x40 ignored, 0x20 taken, 0 ignored.
		{"MSR_reg_T1/BASEPRI_MAX", prog(thumb32(msrBASEPRIMX), thumb32(0xF3828812), thumb32(0xF3838812)),
			func(c *CPU) { c.BASEPRI = 0x40; c.R[1] = 0x80; c.R[2] = 0x20; c.R[3] = 0 }, 3,
			func(t *testing.T, c *CPU) {
				if c.BASEPRI != 0x20 {
					t.Errorf("BASEPRI=%#x, want 0x20", c.BASEPRI)
				}
			}},
		{"MSR_reg_T1/BASEPRI_MAX_from_0", thumb32(msrBASEPRIMX), func(c *CPU) { c.R[1] = 0x80 }, 1,
			func(t *testing.T, c *CPU) {
				if c.BASEPRI != 0x80 {
					t.Errorf("BASEPRI=%#x, want 0x80", c.BASEPRI)
				}
			}},
		{"MSR_reg_T1/FAULTMASK_set_clear", prog(thumb32(msrFAULTMASK), thumb32(mrsR1FAULTM), thumb32(0xF3828813)),
			func(c *CPU) { c.R[1] = 1; c.R[2] = 0 }, 3,
			func(t *testing.T, c *CPU) {
				wantReg(t, c, 1, 1)
				if c.FAULTMASK {
					t.Error("FAULTMASK not cleared")
				}
			}},
		// In the HardFault handler (priority -1) FAULTMASK cannot be set.
		{"MSR_reg_T1/FAULTMASK_in_HardFault", thumb32(msrFAULTMASK), func(c *CPU) { c.IPSR = 3; c.R[1] = 1 }, 1,
			func(t *testing.T, c *CPU) {
				if c.FAULTMASK {
					t.Error("FAULTMASK set at priority -1")
				}
			}},
		{"MSR_reg_T1/reserved_SYSm_ignored", thumb32(0xF3818815), func(c *CPU) { c.R[1] = 0xFFFFFFFF }, 1,
			func(t *testing.T, c *CPU) {
				if c.CONTROL != 0 || c.PRIMASK || c.FAULTMASK || c.BASEPRI != 0 || c.N {
					t.Error("MSR to a reserved SYSm changed state")
				}
			}},
		{"MSR_reg_T1/IPSR_read_only", thumb32(0xF3818805), func(c *CPU) { c.R[1] = 0xF8000010 }, 1,
			func(t *testing.T, c *CPU) {
				if c.IPSR != 0 || c.N {
					t.Errorf("IPSR=%d N=%v", c.IPSR, c.N)
				}
			}},
	})
	for _, tc := range []struct {
		name string
		raw  uint32
	}{
		{"MSR_reg_T1/R_bit_UNDEFINED", 0xF3918800},
		{"MSR_reg_T1/bits98_UNDEFINED", 0xF3818900},
		{"MRS_T1/sbo_bits_UNDEFINED", 0xF3E08108},
	} {
		t.Run(tc.name, func(t *testing.T) { wantUndef(t, newTestCPU(t, thumb32(tc.raw)...), 0x100) })
	}
}

func TestExecBrCPS(t *testing.T) {
	runBrCases(t, []brCase{
		{"CPS_T1/cpsid_i", []uint16{0xB672}, nil, 1, func(t *testing.T, c *CPU) {
			if !c.PRIMASK {
				t.Error("PRIMASK not set")
			}
		}},
		{"CPS_T1/cpsie_i", []uint16{0xB662}, func(c *CPU) { c.PRIMASK = true }, 1, func(t *testing.T, c *CPU) {
			if c.PRIMASK {
				t.Error("PRIMASK not cleared")
			}
		}},
		{"CPS_T1/cpsid_if", []uint16{0xB673}, nil, 1, func(t *testing.T, c *CPU) {
			if !c.PRIMASK || !c.FAULTMASK {
				t.Error("PRIMASK/FAULTMASK not set")
			}
		}},
		{"CPS_T1/cpsie_f", []uint16{0xB661}, func(c *CPU) { c.FAULTMASK = true; c.PRIMASK = true }, 1, func(t *testing.T, c *CPU) {
			if c.FAULTMASK || !c.PRIMASK {
				t.Error("cpsie f must clear FAULTMASK only")
			}
		}},
		// cpsid f in the NMI handler (priority -2): FAULTMASK stays clear.
		{"CPS_T1/cpsid_f_in_NMI", []uint16{0xB671}, func(c *CPU) { c.IPSR = 2 }, 1, func(t *testing.T, c *CPU) {
			if c.FAULTMASK {
				t.Error("FAULTMASK set at negative priority")
			}
		}},
		// Unprivileged CPS has no effect.
		{"CPS_T1/unprivileged", []uint16{0xB672}, func(c *CPU) { c.CONTROL = 1 }, 1, func(t *testing.T, c *CPU) {
			if c.PRIMASK {
				t.Error("unprivileged CPS changed PRIMASK")
			}
		}},
		{"CPS_T1/no_flags_noop", []uint16{0xB670}, nil, 1, func(t *testing.T, c *CPU) {
			if c.PRIMASK || c.FAULTMASK {
				t.Error("CPSID with no flags changed state")
			}
		}},
	})
	t.Run("CPS_T1/A_bit_UNDEFINED", func(t *testing.T) { wantUndef(t, newTestCPU(t, 0xB674), 0x100) })
}

// TestExecBrTableComplete checks that every op of the group has an execute function.
func TestExecBrTableComplete(t *testing.T) {
	for _, op := range []thumb.Op{thumb.OpB, thumb.OpBL, thumb.OpBX, thumb.OpBLX, thumb.OpCBZ, thumb.OpCBNZ,
		thumb.OpIT, thumb.OpMRS, thumb.OpMSR, thumb.OpCPS, thumb.OpDMB, thumb.OpDSB, thumb.OpISB, thumb.OpNOP,
		thumb.OpYIELD, thumb.OpWFE, thumb.OpWFI, thumb.OpSEV, thumb.OpDBG, thumb.OpBKPT, thumb.OpSVC, thumb.OpUDF} {
		if execTable[op] == nil {
			t.Errorf("no execute function for %v", op)
		}
	}
}

// TestExecBrNoAlloc checks that the hot branch paths do not allocate.
func TestExecBrNoAlloc(t *testing.T) {
	c := newTestCPU(t, 0xE7FE) // b.n . : an endless loop
	c.Step()
	if n := testing.AllocsPerRun(1000, func() { c.Step() }); n != 0 {
		t.Errorf("b.n allocates %.1f times per step", n)
	}
}

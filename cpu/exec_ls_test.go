package cpu

import (
	"testing"

	"m7emu/bus"
	"m7emu/cpu/thumb"
)

// Execute tests of the load/store group. Expected values are worked out from the
// Arm DDI0403E.e A7.7 pseudocode (the reasoning is in the case names and comments).
// Code starts at 0x100, so R[15] reads as 0x104 for the first instruction.

type lsReg struct {
	r uint8
	v uint32
}

type lsMem struct {
	addr uint32
	w    bus.Width
	v    uint32
}

type lsExecCase struct {
	name    string // encoding ID / case
	code    []uint16
	regs    []lsReg // initial registers (after reset: SP = 0x20010000, LR = 0xFFFFFFFF)
	mem     []lsMem // initial memory
	steps   int     // instructions to run (default 1)
	want    []lsReg
	wantMem []lsMem
	pc      uint32 // expected PC afterwards; 0 means "after the code"

	fault     bool // the last step faults
	faultKind FaultKind
	faultAddr uint32
}

const (
	ramD   = testRAMBase + 0x100 // a data area in RAM
	noMem  = 0x40000000          // unmapped: accesses give a BusFault
	spTop  = testRAMBase + testRAMSize
	codeAt = 0x100
)

func runLSCase(t *testing.T, tc lsExecCase) *CPU {
	t.Helper()
	c := newTestCPU(t, tc.code...)
	for _, r := range tc.regs {
		c.R[r.r] = r.v
	}
	for _, m := range tc.mem {
		if err := c.Bus().Write(m.addr, m.w, m.v); err != nil {
			t.Fatal(err)
		}
	}
	steps := tc.steps
	if steps == 0 {
		steps = 1
	}
	if tc.fault {
		stepN(t, c, steps-1)
		s := c.Step()
		if s == nil || s.Reason != StopFault || s.Fault == nil {
			t.Fatalf("want a fault, got stop %+v", s)
		}
		if s.Fault.Kind != tc.faultKind || s.Fault.Addr != tc.faultAddr {
			t.Errorf("fault %v at address %#x, want %v at %#x", s.Fault.Kind, s.Fault.Addr, tc.faultKind, tc.faultAddr)
		}
	} else {
		stepN(t, c, steps)
	}
	for _, r := range tc.want {
		if c.R[r.r] != r.v {
			t.Errorf("R%d = %#x, want %#x", r.r, c.R[r.r], r.v)
		}
	}
	for _, m := range tc.wantMem {
		v, err := c.Bus().Read(m.addr, m.w)
		if err != nil {
			t.Fatal(err)
		}
		if v != m.v {
			t.Errorf("mem[%#x] (%d bytes) = %#x, want %#x", m.addr, m.w, v, m.v)
		}
	}
	wantPC := tc.pc
	if wantPC == 0 {
		wantPC = codeAt + 2*uint32(len(tc.code))
	}
	if c.PC() != wantPC {
		t.Errorf("PC = %#x, want %#x", c.PC(), wantPC)
	}
	return c
}

func TestExecLS(t *testing.T) {
	cases := []lsExecCase{
		// --- single loads, immediate offsets ---
		{name: "LDR_imm_T1/offset", code: []uint16{0x6848}, // ldr r0, [r1, #4]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 4, 4, 0x11223344}},
			want: []lsReg{{0, 0x11223344}, {1, ramD}}},
		{name: "LDR_imm_T1/unaligned_allowed", code: []uint16{0x6848}, // MemU: address ramD+5
			regs: []lsReg{{1, ramD + 1}}, mem: []lsMem{{ramD + 4, 4, 0x11223344}, {ramD + 8, 4, 0x55667788}},
			want: []lsReg{{0, 0x88112233}}},
		{name: "LDR_imm_T1/max_imm5*4", code: []uint16{0x6fcb}, // ldr r3, [r1, #124]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 124, 4, 0xCAFEF00D}},
			want: []lsReg{{3, 0xCAFEF00D}}},
		{name: "LDR_imm_T2/sp_relative", code: []uint16{0x9802}, // ldr r0, [sp, #8]
			regs: []lsReg{{13, ramD}}, mem: []lsMem{{ramD + 8, 4, 0xA5A5A5A5}},
			want: []lsReg{{0, 0xA5A5A5A5}, {13, ramD}}},
		{name: "STR_imm_T2/sp_relative", code: []uint16{0x9002}, // str r0, [sp, #8]
			regs:    []lsReg{{0, 0x12345678}, {13, ramD}},
			wantMem: []lsMem{{ramD + 8, 4, 0x12345678}}},
		{name: "LDRH_imm_T1/max_imm5*2", code: []uint16{0x8fcb}, // ldrh r3, [r1, #62]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 62, 4, 0xFFFF8123}},
			want: []lsReg{{3, 0x8123}}},
		{name: "LDRB_imm_T1/zero_extends", code: []uint16{0x7848}, // ldrb r0, [r1, #1]
			regs: []lsReg{{0, 0xFFFFFFFF}, {1, ramD}}, mem: []lsMem{{ramD, 4, 0x0000F100}},
			want: []lsReg{{0, 0xF1}}},
		{name: "LDR_imm_T3/offset", code: []uint16{0xf8d1, 0x0004}, // ldr.w r0, [r1, #4]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 4, 4, 0x01020304}},
			want: []lsReg{{0, 0x01020304}, {1, ramD}}},
		{name: "LDR_imm_T4/negative_offset", code: []uint16{0xf851, 0x0c04}, // ldr.w r0, [r1, #-4]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD - 4, 4, 0xDEADBEEF}},
			want: []lsReg{{0, 0xDEADBEEF}, {1, ramD}}},
		{name: "LDR_imm_T4/post_index_negative", code: []uint16{0xf851, 0x0904}, // ldr.w r0, [r1], #-4: load from Rn, then Rn -= 4
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD, 4, 0x600DF00D}},
			want: []lsReg{{0, 0x600DF00D}, {1, ramD - 4}}},
		{name: "LDR_imm_T4/pre_index_writeback", code: []uint16{0xf851, 0x0f04}, // ldr.w r0, [r1, #4]!
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 4, 4, 0x0BADCAFE}},
			want: []lsReg{{0, 0x0BADCAFE}, {1, ramD + 4}}},
		{name: "LDR_imm_T4/pre_index_max_imm8", code: []uint16{0xf851, 0x3fff}, // ldr.w r3, [r1, #255]! (unaligned)
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 252, 4, 0x44332211}, {ramD + 256, 4, 0x88776655}},
			want: []lsReg{{3, 0x77665544}, {1, ramD + 255}}},
		{name: "LDR_imm_T4/wback_n_eq_t_loaded_value_wins", code: []uint16{0xf851, 0x1b04}, // ldr.w r1, [r1], #4 (UNPREDICTABLE)
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD, 4, 0x00C0FFEE}},
			want: []lsReg{{1, 0x00C0FFEE}}},
		{name: "LDRB_imm_T3/negative_max", code: []uint16{0xf811, 0x3cff}, // ldrb.w r3, [r1, #-255]
			regs: []lsReg{{1, ramD + 0x100}}, mem: []lsMem{{ramD, 4, 0x0000CD00}},
			want: []lsReg{{3, 0xCD}}}, // address ramD+1
		{name: "STRB_imm_T2/max_imm12", code: []uint16{0xf881, 0x3fff}, // strb.w r3, [r1, #4095]
			regs: []lsReg{{1, ramD}, {3, 0x123456AB}}, mem: []lsMem{{ramD + 4092, 4, 0x11111111}},
			wantMem: []lsMem{{ramD + 4092, 4, 0xAB111111}}},

		// --- sign extension ---
		{name: "LDRSB_reg_T1/negative", code: []uint16{0x5688}, // ldrsb r0, [r1, r2]
			regs: []lsReg{{1, ramD}, {2, 3}}, mem: []lsMem{{ramD, 4, 0x80000000}},
			want: []lsReg{{0, 0xFFFFFF80}}},
		{name: "LDRSB_reg_T1/positive", code: []uint16{0x5688},
			regs: []lsReg{{1, ramD}, {2, 3}}, mem: []lsMem{{ramD, 4, 0x7F000000}},
			want: []lsReg{{0, 0x7F}}},
		{name: "LDRSH_reg_T1/negative", code: []uint16{0x5e88}, // ldrsh r0, [r1, r2]
			regs: []lsReg{{1, ramD}, {2, 2}}, mem: []lsMem{{ramD, 4, 0x80010000}},
			want: []lsReg{{0, 0xFFFF8001}}},
		{name: "LDRSB_imm_T2/negative_offset", code: []uint16{0xf911, 0x0c01}, // ldrsb.w r0, [r1, #-1]
			regs: []lsReg{{1, ramD + 1}}, mem: []lsMem{{ramD, 4, 0x000000FE}},
			want: []lsReg{{0, 0xFFFFFFFE}}},
		{name: "LDRSH_imm_T1/unaligned", code: []uint16{0xf9b1, 0x0002}, // ldrsh.w r0, [r1, #2] at an odd address
			regs: []lsReg{{1, ramD + 1}}, mem: []lsMem{{ramD, 4, 0x34000000}, {ramD + 4, 4, 0x000000F2}},
			want: []lsReg{{0, 0xFFFFF234}}},
		{name: "LDRH_reg_T2/lsl1", code: []uint16{0xf831, 0x3012}, // ldrh.w r3, [r1, r2, lsl #1]
			regs: []lsReg{{1, ramD}, {2, 3}}, mem: []lsMem{{ramD + 4, 4, 0xBEEF0000}},
			want: []lsReg{{3, 0xBEEF}}},

		// --- register offsets ---
		{name: "LDR_reg_T2/lsl2", code: []uint16{0xf851, 0x0022}, // ldr.w r0, [r1, r2, lsl #2]
			regs: []lsReg{{1, ramD}, {2, 3}}, mem: []lsMem{{ramD + 12, 4, 0x13579BDF}},
			want: []lsReg{{0, 0x13579BDF}}},
		{name: "STR_reg_T1/basic", code: []uint16{0x5088}, // str r0, [r1, r2]
			regs:    []lsReg{{0, 0xFEEDFACE}, {1, ramD}, {2, 8}},
			wantMem: []lsMem{{ramD + 8, 4, 0xFEEDFACE}}},

		// --- literal ---
		{name: "LDR_lit_T1/aligned_pc", code: []uint16{0x4801, 0x0000, 0x0000, 0x0000, 0x5678, 0x1234}, // ldr r0, [pc, #4] at 0x100: Align(0x104,4)+4 = 0x108
			want: []lsReg{{0, 0x12345678}}, pc: 0x102},
		{name: "LDR_lit_T1/unaligned_pc", code: []uint16{0x6811, 0x4801, 0x0000, 0x0000, 0x5678, 0x1234}, // second insn at 0x102: Align(0x106,4)+4 = 0x108
			regs: []lsReg{{2, ramD}}, steps: 2, want: []lsReg{{0, 0x12345678}}, pc: 0x104},
		{name: "LDR_lit_T2/negative_reads_itself", code: []uint16{0xf85f, 0x0004}, // ldr.w r0, [pc, #-4]: 0x104-4 = 0x100
			want: []lsReg{{0, 0x0004f85f}}},
		{name: "LDRB_lit_T1/odd_offset", code: []uint16{0xf89f, 0x0005, 0x0000, 0x0000, 0xAB00}, // ldrb.w r0, [pc, #5]: byte at 0x109
			want: []lsReg{{0, 0xAB}}, pc: 0x104},
		{name: "LDRD_lit_T1/positive", code: []uint16{0xe9df, 0x0102, 0, 0, 0, 0, 0x1111, 0x2222, 0x3333, 0x4444}, // Align(0x104,4)+8 = 0x10c
			want: []lsReg{{0, 0x22221111}, {1, 0x44443333}}, pc: 0x104},

		// --- stores ---
		{name: "STRB_imm_T1/only_one_byte", code: []uint16{0x7048}, // strb r0, [r1, #1]
			regs: []lsReg{{0, 0xAABBCCDD}, {1, ramD}}, mem: []lsMem{{ramD, 4, 0x11111111}},
			wantMem: []lsMem{{ramD, 4, 0x1111DD11}}},
		{name: "STRH_imm_T1/only_one_halfword", code: []uint16{0x8048}, // strh r0, [r1, #2]
			regs: []lsReg{{0, 0xAABBCCDD}, {1, ramD}}, mem: []lsMem{{ramD, 4, 0x11111111}},
			wantMem: []lsMem{{ramD, 4, 0xCCDD1111}}},
		{name: "STRH_imm_T3/post_index", code: []uint16{0xf821, 0x0b02}, // strh.w r0, [r1], #2
			regs: []lsReg{{0, 0x1234ABCD}, {1, ramD}},
			want: []lsReg{{1, ramD + 2}}, wantMem: []lsMem{{ramD, 2, 0xABCD}}},
		{name: "STR_imm_T3/pc_stores_address_plus_4", code: []uint16{0xf8c1, 0xf000}, // str.w pc, [r1] (UNPREDICTABLE)
			regs: []lsReg{{1, ramD}}, wantMem: []lsMem{{ramD, 4, 0x104}}},
		{name: "STR_imm_T4/wback_n_eq_t_stores_old_value", code: []uint16{0xf841, 0x1f04}, // str.w r1, [r1, #4]! (UNPREDICTABLE)
			regs: []lsReg{{1, ramD}}, want: []lsReg{{1, ramD + 4}}, wantMem: []lsMem{{ramD + 4, 4, ramD}}},
		{name: "PUSH_T3/str_pre_index", code: []uint16{0xf84d, 0x4d04}, // str.w r4, [sp, #-4]!
			regs: []lsReg{{4, 0x44444444}}, want: []lsReg{{13, spTop - 4}}, wantMem: []lsMem{{spTop - 4, 4, 0x44444444}}},
		{name: "POP_T3/ldr_post_index", code: []uint16{0xf85d, 0x4b04}, // ldr.w r4, [sp], #4
			regs: []lsReg{{13, ramD}}, mem: []lsMem{{ramD, 4, 0x77777777}},
			want: []lsReg{{4, 0x77777777}, {13, ramD + 4}}},

		// --- SP and PC as destinations ---
		{name: "LDR_imm_T3/sp_clears_bits_1_0", code: []uint16{0xf8d0, 0xd000}, // ldr.w sp, [r0]
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 0x20001237}},
			want: []lsReg{{13, 0x20001234}}},
		{name: "LDR_imm_T3/pc_interworking", code: []uint16{0xf8d0, 0xf000}, // ldr.w pc, [r0]: LoadWritePC(0x201)
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 0x201}}, pc: 0x200},
		{name: "LDR_imm_T3/pc_even_address_invstate", code: []uint16{0xf8d0, 0xf000}, // bit 0 clear: EPSR.T = 0, the next instruction faults
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 0x200}}, steps: 2,
			fault: true, faultKind: FaultInvState, faultAddr: 0x200, pc: 0x200},

		// --- unprivileged (act as privileged for now) ---
		{name: "LDRT_T1/offset", code: []uint16{0xf851, 0x0e04}, // ldrt r0, [r1, #4]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD + 4, 4, 0x99887766}},
			want: []lsReg{{0, 0x99887766}, {1, ramD}}},
		{name: "STRBT_T1/offset", code: []uint16{0xf801, 0x0e00}, // strbt r0, [r1]
			regs: []lsReg{{0, 0x1234}, {1, ramD}}, mem: []lsMem{{ramD, 4, 0xFFFFFFFF}},
			wantMem: []lsMem{{ramD, 4, 0xFFFFFF34}}},
		{name: "LDRSHT_T1/sign_extends", code: []uint16{0xf931, 0x0e02}, // ldrsht r0, [r1, #2]
			regs: []lsReg{{1, ramD}}, mem: []lsMem{{ramD, 4, 0x90000000}},
			want: []lsReg{{0, 0xFFFF9000}}},

		// --- bus faults leave registers unchanged ---
		{name: "LDR_imm_T1/bus_fault", code: []uint16{0x6808}, // ldr r0, [r1, #0]
			regs:  []lsReg{{0, 0x5A5A5A5A}, {1, noMem}},
			fault: true, faultKind: FaultPreciseBus, faultAddr: noMem,
			want: []lsReg{{0, 0x5A5A5A5A}, {1, noMem}}, pc: codeAt},
		{name: "LDR_imm_T4/bus_fault_no_writeback", code: []uint16{0xf851, 0x0b04}, // ldr.w r0, [r1], #4
			regs: []lsReg{{1, noMem}}, fault: true, faultKind: FaultPreciseBus, faultAddr: noMem,
			want: []lsReg{{1, noMem}}, pc: codeAt},
		{name: "STR_imm_T4/bus_fault_no_writeback", code: []uint16{0xf841, 0x0f04}, // str.w r0, [r1, #4]!
			regs: []lsReg{{1, noMem}}, fault: true, faultKind: FaultPreciseBus, faultAddr: noMem + 4,
			want: []lsReg{{1, noMem}}, pc: codeAt},

		// --- LDRD/STRD ---
		{name: "LDRD_imm_T1/offset", code: []uint16{0xe9d2, 0x0102}, // ldrd r0, r1, [r2, #8]
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD + 8, 4, 0xAAAA0001}, {ramD + 12, 4, 0xBBBB0002}},
			want: []lsReg{{0, 0xAAAA0001}, {1, 0xBBBB0002}, {2, ramD}}},
		{name: "LDRD_imm_T1/post_index_negative", code: []uint16{0xe872, 0x0102}, // ldrd r0, r1, [r2], #-8
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD, 4, 1}, {ramD + 4, 4, 2}},
			want: []lsReg{{0, 1}, {1, 2}, {2, ramD - 8}}},
		{name: "LDRD_imm_T1/pre_index_writeback", code: []uint16{0xe9f2, 0x0102}, // ldrd r0, r1, [r2, #8]!
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD + 8, 4, 3}, {ramD + 12, 4, 4}},
			want: []lsReg{{0, 3}, {1, 4}, {2, ramD + 8}}},
		{name: "LDRD_imm_T1/wback_overlap_writeback_wins", code: []uint16{0xe8f2, 0x2302}, // ldrd r2, r3, [r2], #8 (UNPREDICTABLE)
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD, 4, 5}, {ramD + 4, 4, 6}},
			want: []lsReg{{2, ramD + 8}, {3, 6}}},
		{name: "LDRD_imm_T1/unaligned_faults", code: []uint16{0xe9d2, 0x0102}, // MemA: address ramD+2+8
			regs:  []lsReg{{0, 7}, {1, 8}, {2, ramD + 2}},
			fault: true, faultKind: FaultUnaligned, faultAddr: ramD + 10,
			want: []lsReg{{0, 7}, {1, 8}, {2, ramD + 2}}, pc: codeAt},
		{name: "LDRD_imm_T1/second_word_bus_fault", code: []uint16{0xe9d2, 0x0100}, // ldrd r0, r1, [r2]: fault at r2+4
			regs: []lsReg{{0, 7}, {2, spTop - 4}}, mem: []lsMem{{spTop - 4, 4, 9}},
			fault: true, faultKind: FaultPreciseBus, faultAddr: spTop,
			want: []lsReg{{0, 7}}, pc: codeAt},
		{name: "STRD_imm_T1/offset", code: []uint16{0xe9c2, 0x0100}, // strd r0, r1, [r2]
			regs:    []lsReg{{0, 0x01010101}, {1, 0x02020202}, {2, ramD}},
			wantMem: []lsMem{{ramD, 4, 0x01010101}, {ramD + 4, 4, 0x02020202}}},
		{name: "STRD_imm_T1/pre_index_negative_writeback", code: []uint16{0xe962, 0x0102}, // strd r0, r1, [r2, #-8]!
			regs: []lsReg{{0, 0x0A}, {1, 0x0B}, {2, ramD}},
			want: []lsReg{{2, ramD - 8}}, wantMem: []lsMem{{ramD - 8, 4, 0x0A}, {ramD - 4, 4, 0x0B}}},
		{name: "STRD_imm_T1/unaligned_faults", code: []uint16{0xe9c2, 0x0100},
			regs: []lsReg{{0, 1}, {2, ramD + 4 + 2}}, mem: []lsMem{{ramD + 4, 4, 0xEEEEEEEE}},
			fault: true, faultKind: FaultUnaligned, faultAddr: ramD + 6,
			wantMem: []lsMem{{ramD + 4, 4, 0xEEEEEEEE}}, pc: codeAt},

		// --- LDM/STM ---
		{name: "LDM_T1/writeback", code: []uint16{0xc806}, // ldmia r0!, {r1, r2}
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 0x11}, {ramD + 4, 4, 0x22}},
			want: []lsReg{{0, ramD + 8}, {1, 0x11}, {2, 0x22}}},
		{name: "LDM_T1/rn_in_list_no_writeback", code: []uint16{0xc805}, // ldmia r0, {r0, r2}: R0 gets the loaded value
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 0x33}, {ramD + 4, 4, 0x44}},
			want: []lsReg{{0, 0x33}, {2, 0x44}}},
		{name: "STM_T1/writeback", code: []uint16{0xc006}, // stmia r0!, {r1, r2}
			regs: []lsReg{{0, ramD}, {1, 0x55}, {2, 0x66}},
			want: []lsReg{{0, ramD + 8}}, wantMem: []lsMem{{ramD, 4, 0x55}, {ramD + 4, 4, 0x66}}},
		{name: "STM_T1/rn_lowest_in_list_stores_original", code: []uint16{0xc003}, // stmia r0!, {r0, r1}
			regs: []lsReg{{0, ramD}, {1, 0x77}},
			want: []lsReg{{0, ramD + 8}}, wantMem: []lsMem{{ramD, 4, ramD}, {ramD + 4, 4, 0x77}}},
		{name: "LDM_T2/no_writeback", code: []uint16{0xe890, 0x0006}, // ldmia.w r0, {r1, r2}
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 1}, {ramD + 4, 4, 2}},
			want: []lsReg{{0, ramD}, {1, 1}, {2, 2}}},
		{name: "LDM_T2/writeback_with_lr", code: []uint16{0xe8b0, 0x4002}, // ldmia.w r0!, {r1, lr}
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 1}, {ramD + 4, 4, 0xEEEE}},
			want: []lsReg{{0, ramD + 8}, {1, 1}, {14, 0xEEEE}}},
		{name: "LDM_T2/pc_in_list_loadwritepc", code: []uint16{0xe890, 0x8002}, // ldmia.w r0, {r1, pc}
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD, 4, 1}, {ramD + 4, 4, 0x301}},
			want: []lsReg{{1, 1}}, pc: 0x300},
		{name: "STM_T2/no_writeback", code: []uint16{0xe880, 0x0006}, // stmia.w r0, {r1, r2}
			regs: []lsReg{{0, ramD}, {1, 8}, {2, 9}},
			want: []lsReg{{0, ramD}}, wantMem: []lsMem{{ramD, 4, 8}, {ramD + 4, 4, 9}}},
		{name: "STMDB_T1/writeback", code: []uint16{0xe920, 0x0006}, // stmdb r0!, {r1, r2}: lowest register at the lowest address
			regs: []lsReg{{0, ramD}, {1, 0xA1}, {2, 0xA2}},
			want: []lsReg{{0, ramD - 8}}, wantMem: []lsMem{{ramD - 8, 4, 0xA1}, {ramD - 4, 4, 0xA2}}},
		{name: "LDMDB_T1/no_writeback", code: []uint16{0xe910, 0x0006}, // ldmdb r0, {r1, r2}
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD - 8, 4, 0xB1}, {ramD - 4, 4, 0xB2}},
			want: []lsReg{{0, ramD}, {1, 0xB1}, {2, 0xB2}}},
		{name: "LDMDB_T1/writeback", code: []uint16{0xe930, 0x0006}, // ldmdb r0!, {r1, r2}
			regs: []lsReg{{0, ramD}}, mem: []lsMem{{ramD - 8, 4, 0xC1}, {ramD - 4, 4, 0xC2}},
			want: []lsReg{{0, ramD - 8}, {1, 0xC1}, {2, 0xC2}}},
		{name: "LDM_T1/unaligned_faults", code: []uint16{0xc806}, // LDM is MemA
			regs:  []lsReg{{0, ramD + 2}, {1, 0x5}},
			fault: true, faultKind: FaultUnaligned, faultAddr: ramD + 2,
			want: []lsReg{{0, ramD + 2}, {1, 5}}, pc: codeAt},
		{name: "LDM_T2/fault_midway_restartable", code: []uint16{0xe8b0, 0x0006}, // ldmia.w r0!, {r1, r2}: 2nd word unmapped
			regs: []lsReg{{0, spTop - 4}, {1, 0x5}, {2, 0x6}}, mem: []lsMem{{spTop - 4, 4, 0xFF}},
			fault: true, faultKind: FaultPreciseBus, faultAddr: spTop,
			want: []lsReg{{0, spTop - 4}, {1, 5}, {2, 6}}, pc: codeAt},
		{name: "STM_T1/fault_midway_base_unchanged", code: []uint16{0xc006}, // stmia r0!, {r1, r2}: 1st word written, 2nd faults
			regs:  []lsReg{{0, spTop - 4}, {1, 0x5}, {2, 0x6}},
			fault: true, faultKind: FaultPreciseBus, faultAddr: spTop,
			want: []lsReg{{0, spTop - 4}}, wantMem: []lsMem{{spTop - 4, 4, 5}}, pc: codeAt},

		// --- PUSH/POP ---
		{name: "PUSH_T1/r4_lr", code: []uint16{0xb510}, // push {r4, lr}
			regs: []lsReg{{4, 0x44}, {14, 0x1235}},
			want: []lsReg{{13, spTop - 8}}, wantMem: []lsMem{{spTop - 8, 4, 0x44}, {spTop - 4, 4, 0x1235}}},
		{name: "POP_T1/r4_pc", code: []uint16{0xbd10}, // pop {r4, pc}
			regs: []lsReg{{13, ramD}}, mem: []lsMem{{ramD, 4, 0x44}, {ramD + 4, 4, 0x235}},
			want: []lsReg{{4, 0x44}, {13, ramD + 8}}, pc: 0x234},
		{name: "PUSH_T2_POP_T2/round_trip", code: []uint16{0xe92d, 0x4ff0, 0xe8bd, 0x8ff0}, // stmdb sp!, {r4-r11, lr}; ldmia.w sp!, {r4-r11, pc}
			regs:  []lsReg{{4, 4}, {5, 5}, {6, 6}, {7, 7}, {8, 8}, {9, 9}, {10, 10}, {11, 11}, {14, 0x401}},
			steps: 2, want: []lsReg{{4, 4}, {7, 7}, {11, 11}, {13, spTop}},
			wantMem: []lsMem{{spTop - 36, 4, 4}, {spTop - 4, 4, 0x401}}, pc: 0x400},
		{name: "POP_T1/pc_even_invstate", code: []uint16{0xbd00}, // pop {pc} with bit 0 clear
			regs: []lsReg{{13, ramD}}, mem: []lsMem{{ramD, 4, 0x300}}, steps: 2,
			fault: true, faultKind: FaultInvState, faultAddr: 0x300, want: []lsReg{{13, ramD + 4}}, pc: 0x300},

		// --- exclusives ---
		{name: "LDREX_STREX/pass", code: []uint16{0xe851, 0x0f00, 0xe841, 0x3200}, // ldrex r0, [r1]; strex r2, r3, [r1]
			regs: []lsReg{{1, ramD}, {2, 0x99}, {3, 0xC0DE}}, mem: []lsMem{{ramD, 4, 0x1234}}, steps: 2,
			want: []lsReg{{0, 0x1234}, {2, 0}}, wantMem: []lsMem{{ramD, 4, 0xC0DE}}},
		{name: "STREX_T1/no_monitor_fails", code: []uint16{0xe841, 0x3200},
			regs: []lsReg{{1, ramD}, {2, 0x99}, {3, 0xC0DE}}, mem: []lsMem{{ramD, 4, 0x1234}},
			want: []lsReg{{2, 1}}, wantMem: []lsMem{{ramD, 4, 0x1234}}},
		{name: "LDREX_CLREX_STREX/fails", code: []uint16{0xe851, 0x0f00, 0xf3bf, 0x8f2f, 0xe841, 0x3200},
			regs: []lsReg{{1, ramD}, {3, 0xC0DE}}, mem: []lsMem{{ramD, 4, 0x1234}}, steps: 3,
			want: []lsReg{{2, 1}}, wantMem: []lsMem{{ramD, 4, 0x1234}}},
		{name: "LDREX_STREX/other_address_fails", code: []uint16{0xe851, 0x0f01, 0xe841, 0x3200}, // ldrex r0, [r1, #4]; strex r2, r3, [r1]
			regs: []lsReg{{1, ramD}, {3, 0xC0DE}}, mem: []lsMem{{ramD + 4, 4, 0x5678}}, steps: 2,
			want: []lsReg{{0, 0x5678}, {2, 1}}},
		{name: "STREX_T1/second_strex_fails", code: []uint16{0xe851, 0x0f00, 0xe841, 0x3200, 0xe841, 0x3200},
			regs: []lsReg{{1, ramD}, {3, 0xC0DE}}, steps: 3, want: []lsReg{{2, 1}}},
		{name: "LDREX_T1/unaligned_faults", code: []uint16{0xe851, 0x0f00},
			regs: []lsReg{{0, 3}, {1, ramD + 2}}, fault: true, faultKind: FaultUnaligned, faultAddr: ramD + 2,
			want: []lsReg{{0, 3}}, pc: codeAt},
		{name: "STREX_T1/unaligned_faults_without_monitor", code: []uint16{0xe841, 0x3200},
			regs: []lsReg{{1, ramD + 1}, {2, 0x99}}, fault: true, faultKind: FaultUnaligned, faultAddr: ramD + 1,
			want: []lsReg{{2, 0x99}}, pc: codeAt},
		{name: "LDREXB_STREXB/pass_odd_address", code: []uint16{0xe8d1, 0x0f4f, 0xe8c1, 0x3f42}, // ldrexb r0, [r1]; strexb r2, r3, [r1]
			regs: []lsReg{{1, ramD + 1}, {3, 0x1AB}}, mem: []lsMem{{ramD, 4, 0x00005500}}, steps: 2,
			want: []lsReg{{0, 0x55}, {2, 0}}, wantMem: []lsMem{{ramD, 4, 0x0000AB00}}},
		{name: "LDREXH_STREXH/pass", code: []uint16{0xe8d1, 0x0f5f, 0xe8c1, 0x3f52}, // ldrexh r0, [r1]; strexh r2, r3, [r1]
			regs: []lsReg{{1, ramD + 2}, {3, 0x1ABCD}}, mem: []lsMem{{ramD, 4, 0x87650000}}, steps: 2,
			want: []lsReg{{0, 0x8765}, {2, 0}}, wantMem: []lsMem{{ramD, 4, 0xABCD0000}}},
		{name: "LDREXH_T1/unaligned_faults", code: []uint16{0xe8d1, 0x0f5f},
			regs: []lsReg{{1, ramD + 1}}, fault: true, faultKind: FaultUnaligned, faultAddr: ramD + 1, pc: codeAt},

		// --- table branch ---
		{name: "TBB_T1/ram_table", code: []uint16{0xe8d0, 0xf001}, // tbb [r0, r1]: byte 3 at r0+2 -> PC = 0x104 + 6
			regs: []lsReg{{0, ramD}, {1, 2}}, mem: []lsMem{{ramD, 4, 0x00030000}}, pc: 0x10a},
		{name: "TBB_T1/pc_table", code: []uint16{0xe8df, 0xf001, 0x0201, 0x0403}, // tbb [pc, r1]: table at 0x104, entry 2 = 3
			regs: []lsReg{{1, 2}}, pc: 0x10a},
		{name: "TBH_T1/pc_table", code: []uint16{0xe8df, 0xf011, 0x0002, 0x0005}, // tbh [pc, r1, lsl #1]: entry 1 = 5 -> 0x104 + 10
			regs: []lsReg{{1, 1}}, pc: 0x10e},
		{name: "TBH_T1/max_entry", code: []uint16{0xe8d0, 0xf011}, // 0xFFFF -> 0x104 + 0x1FFFE
			regs: []lsReg{{0, ramD}, {1, 0}}, mem: []lsMem{{ramD, 2, 0xFFFF}}, pc: 0x104 + 0x1FFFE},
		{name: "TBB_T1/bus_fault", code: []uint16{0xe8d0, 0xf001},
			regs: []lsReg{{0, noMem}, {1, 1}}, fault: true, faultKind: FaultPreciseBus, faultAddr: noMem + 1, pc: codeAt},

		// --- hints: no access, no fault ---
		{name: "PLD_imm_T1/unmapped_no_fault", code: []uint16{0xf890, 0xf000}, regs: []lsReg{{0, noMem}}},
		{name: "PLI_lit_T3/no_effect", code: []uint16{0xf91f, 0xf004}},
		{name: "LDRH_imm_T2/unallocated_hint_is_nop", code: []uint16{0xf8b1, 0xf004}, // Rt = PC: A5.3.8 "treat as NOP"
			regs: []lsReg{{1, noMem}}},

		// --- byte/halfword loads into the PC that objdump prints as hints: UNPREDICTABLE
		// loads, executed as loads (LoadWritePC), as QEMU does ---
		{name: "LDRB_imm_T3/Rt=PC_post-indexed_loads_pc", code: []uint16{0xf812, 0xfb01}, // "pld [r2], #1" = ldrb pc, [r2], #1
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD, 1, 0x41}}, // LoadWritePC(0x41): PC = 0x40, r2 += 1
			want: []lsReg{{2, ramD + 1}}, pc: 0x40},
		{name: "LDRBT_T1/Rt=PC_loads_pc", code: []uint16{0xf812, 0xfe02}, // "pld [r2, #2]" = ldrbt pc, [r2, #2]
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD + 2, 1, 0x81}}, want: []lsReg{{2, ramD}}, pc: 0x80},
		{name: "LDRH_imm_T3/Rt=PC_pre-indexed_even_invstate", code: []uint16{0xf832, 0xff02}, // "pldw [r2, #2]!" = ldrh pc, [r2, #2]!
			regs: []lsReg{{2, ramD}}, mem: []lsMem{{ramD + 2, 2, 0x300}}, // bit 0 clear: EPSR.T = 0, the next instruction faults
			steps: 2, fault: true, faultKind: FaultInvState, faultAddr: 0x300, want: []lsReg{{2, ramD + 2}}, pc: 0x300},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runLSCase(t, tc) })
	}
}

// TestExecLSUndefined checks the UNPREDICTABLE and UNDEFINED encodings that decode
// with FlagExecUndefined (they disassemble as objdump prints them, see cpu/thumb/ls.go):
// each stops with an UNDEFINSTR UsageFault before any effect (registers, memory and PC
// unchanged), and inside an IT block whose condition fails it is skipped like any
// other instruction (A7.3.3; QEMU also tests the condition first).
func TestExecLSUndefined(t *testing.T) {
	cases := []struct {
		name string
		code []uint16
	}{
		{"PUSH_T1/empty_list", []uint16{0xb400}},
		{"POP_T1/empty_list", []uint16{0xbc00}},
		{"LDM_T1/empty_list", []uint16{0xc900}},                        // ldmia r1!, {}
		{"STM_T1/empty_list", []uint16{0xc100}},                        // stmia r1!, {}
		{"LDM_T2/empty_list", []uint16{0xe891, 0x0000}},                // ldmia.w r1, {}
		{"LDM_T2/wback_Rn_in_list", []uint16{0xe8b1, 0x0006}},          // ldmia.w r1!, {r1, r2}
		{"STM_T2/wback_Rn_in_list", []uint16{0xe8a1, 0x0006}},          // stmia.w r1!, {r1, r2}
		{"STMDB_T1/Rn=PC", []uint16{0xe90f, 0x0003}},                   // stmdb pc, {r0, r1}
		{"POP_T2/SP_in_list", []uint16{0xe8bd, 0x2003}},                // ldmia.w sp!, {r0, r1, sp}
		{"STREX_T1/d==t", []uint16{0xe841, 0x0000}},                    // strex r0, r0, [r1]
		{"LDREX_T1/Rt=PC", []uint16{0xe851, 0xff00}},                   // ldrex pc, [r1]
		{"STREXB_T1/d==n", []uint16{0xe8c1, 0x0f41}},                   // strexb r1, r0, [r1]
		{"LDRD_imm_T1/Rt=PC", []uint16{0xe9d1, 0xf000}},                // ldrd pc, r0, [r1]
		{"LDRD_lit_T1/W=1", []uint16{0xe9ff, 0x0101}},                  // ldrd r0, r1, [pc, #4]!
		{"STRD_imm_T1/Rn=PC", []uint16{0xe9cf, 0x0101}},                // strd r0, r1, [pc, #4]
		{"STR_imm_T3/Rn=PC_is_undefined", []uint16{0xf8cf, 0x0004}},    // str.w r0, [pc, #4]
		{"STRB_reg_T2/op2!=0_is_undefined", []uint16{0xf801, 0x00c2}},  // strb.w r0, [r1, r2] with hw2[7:6] = 11
		{"LDR_reg_T2/op2!=0_is_undefined", []uint16{0xf851, 0x0042}},   // ldr.w r0, [r1, r2] with hw2[7:6] = 01
		{"PLD_reg_T1/op2!=0_is_undefined", []uint16{0xf811, 0xf082}},   // pld [r1, r2] with hw2[7:6] = 10
		{"LDRSH_reg_T2/op2!=0_is_undefined", []uint16{0xf931, 0xf042}}, // ldrsh.w pc, [r1, r2] with hw2[7:6] = 01
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, err := thumb.Decode(tc.code[0], append(tc.code, 0)[1])
			if err != nil || !in.Has(thumb.FlagExecUndefined) {
				t.Fatalf("decoded %v (%q), flags %#x: want an instruction with FlagExecUndefined", err, in.String(), in.Flags)
			}
			c := newTestCPU(t, tc.code...)
			c.R[0], c.R[1], c.R[2] = 0x11111111, ramD, 4
			for a := uint32(0); a < 32; a += 4 {
				if err := c.Bus().Write(ramD-16+a, 4, 0xA5A50000+a); err != nil {
					t.Fatal(err)
				}
			}
			before := c.R
			s := c.Step()
			if s == nil || s.Reason != StopFault || s.Fault == nil || s.Fault.Kind != FaultUndefInstr {
				t.Fatalf("stop = %+v, want an UNDEFINSTR fault", s)
			}
			after := c.R
			after[15] = c.PC()
			before[15] = codeAt
			if after != before {
				t.Errorf("registers changed: %#x, want %#x", after, before)
			}
			for a := uint32(0); a < 32; a += 4 {
				if v, _ := c.Bus().Read(ramD-16+a, 4); v != 0xA5A50000+a {
					t.Errorf("mem[%#x] = %#x: memory changed", ramD-16+a, v)
				}
			}
		})
	}
	t.Run("IT_condition_failed_is_skipped", func(t *testing.T) {
		c := newTestCPU(t, 0xbf08, 0xe8b1, 0x0006) // it eq; ldmia.w r1!, {r1, r2} (Z = 0 after reset)
		c.R[1] = ramD
		stepN(t, c, 2)
		if c.PC() != codeAt+6 || c.R[1] != ramD {
			t.Errorf("PC = %#x, r1 = %#x: want the instruction skipped", c.PC(), c.R[1])
		}
	})
}

// TestExecLSCycles checks the data-dependent costs on top of the timing table: a load
// of the PC adds the pipeline refill P (LoadWritePC), TBB/TBH add P (BranchWritePC).
func TestExecLSCycles(t *testing.T) {
	p := DefaultTiming().BranchPenalty
	cases := []struct {
		name string
		code []uint16
		regs []lsReg
		mem  []lsMem
		want uint64
	}{
		{"LDM_T1/1+N", []uint16{0xc806}, []lsReg{{0, ramD}}, nil, 3},
		{"POP_T1/1+N+P", []uint16{0xbd10}, []lsReg{{13, ramD}}, []lsMem{{ramD + 4, 4, 0x201}}, 3 + uint64(p)},
		{"LDR_imm_T3/pc_2+P", []uint16{0xf8d0, 0xf000}, []lsReg{{0, ramD}}, []lsMem{{ramD, 4, 0x201}}, 2 + uint64(p)},
		{"LDR_imm_T1/2", []uint16{0x6808}, []lsReg{{1, ramD}}, nil, 2},
		{"TBB_T1/2+P", []uint16{0xe8d0, 0xf001}, []lsReg{{0, ramD}}, nil, 2 + uint64(p)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := runLSCasePrep(t, tc.code, tc.regs, tc.mem)
			stepN(t, c, 1)
			if c.Cycles != tc.want {
				t.Errorf("cycles = %d, want %d", c.Cycles, tc.want)
			}
		})
	}
}

func runLSCasePrep(t *testing.T, code []uint16, regs []lsReg, mem []lsMem) *CPU {
	t.Helper()
	c := newTestCPU(t, code...)
	for _, r := range regs {
		c.R[r.r] = r.v
	}
	for _, m := range mem {
		if err := c.Bus().Write(m.addr, m.w, m.v); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestExecLSNoAlloc checks that the load/store execute paths do not allocate.
func TestExecLSNoAlloc(t *testing.T) {
	code := []uint16{
		0x6808,         // ldr r0, [r1, #0]
		0x6048,         // str r0, [r1, #4]
		0xb510,         // push {r4, lr}
		0xbc30,         // pop {r4, r5}
		0xe9d1, 0x2300, // ldrd r2, r3, [r1]
		0xe8b1, 0x000c, // ldmia.w r1!, {r2, r3}
		0xe851, 0x0f00, // ldrex r0, [r1]
		0xe841, 0x0200, // strex r2, r0, [r1]
		0xf851, 0x0c08, // ldr.w r0, [r1, #-8]
	}
	c := newTestCPU(t, code...)
	run := func() {
		c.R[15] = codeAt
		c.R[1] = ramD
		c.R[13] = spTop
		for i := 0; i < 9; i++ {
			if c.Step() != nil {
				t.Fatal("core stopped")
			}
		}
	}
	run() // fill the decode cache
	if n := testing.AllocsPerRun(100, run); n != 0 {
		t.Errorf("%v allocations per run, want 0", n)
	}
}

// BenchmarkExecLS measures a load/store-heavy straight-line block.
func BenchmarkExecLS(b *testing.B) {
	code := []uint16{0x6808, 0x6048, 0xb510, 0xbc30, 0xe9d1, 0x2300, 0xf851, 0x0c04, 0x5888, 0x7848}
	c := newTestCPU(b, code...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.R[15] = codeAt
		c.R[1] = ramD
		c.R[2] = 4
		c.R[13] = spTop
		for j := 0; j < 8; j++ {
			c.Step()
		}
	}
}

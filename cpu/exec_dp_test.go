package cpu

import (
	"testing"

	"m7emu/cpu/thumb"
)

// regs is a register assignment (initial or expected) for the execute tests.
type regs map[uint8]uint32

// dpCase runs code from 0x100 for steps instructions (1 if zero) with the given
// registers and flags ("NZCV": an upper-case letter is a set flag, lower-case clear;
// letters left out are not set or not checked) and checks the result. it, if non-zero,
// is the IT state before the first instruction. pc, if non-zero, is the expected
// address of the next instruction. The expected values are worked out from the
// pseudocode of DDI0403E A7.7 (reasoning in the case names and comments).
type dpCase struct {
	name      string
	code      []uint16
	it        thumb.ITState
	regs      regs
	flags     string
	steps     int
	want      regs
	wantFlags string
	pc        uint32
}

const testSP = testRAMBase + testRAMSize // SP after reset

func h(v uint32) []uint16 { return []uint16{uint16(v)} } // one 16-bit instruction
func w(v uint32) []uint16 { return thumb32(v) }          // one 32-bit instruction

func itState(c thumb.Cond) thumb.ITState { return thumb.ITState(uint8(c)<<4 | 0b1000) }

func setFlags(c *CPU, s string) {
	for _, ch := range s {
		switch ch {
		case 'N', 'n':
			c.N = ch == 'N'
		case 'Z', 'z':
			c.Z = ch == 'Z'
		case 'C', 'c':
			c.C = ch == 'C'
		case 'V', 'v':
			c.V = ch == 'V'
		}
	}
}

func flagString(c *CPU, like string) string {
	out := []byte{}
	for _, ch := range like {
		var set bool
		switch ch {
		case 'N', 'n':
			set = c.N
		case 'Z', 'z':
			set = c.Z
		case 'C', 'c':
			set = c.C
		case 'V', 'v':
			set = c.V
		}
		if set {
			out = append(out, byte(ch)&^0x20)
		} else {
			out = append(out, byte(ch)|0x20)
		}
	}
	return string(out)
}

func runDPCases(t *testing.T, cases []dpCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			for r, v := range tc.regs {
				c.R[r] = v
			}
			setFlags(c, tc.flags)
			c.IT = tc.it
			steps := tc.steps
			if steps == 0 {
				steps = 1
			}
			stepN(t, c, steps)
			for r, v := range tc.want {
				if c.R[r] != v {
					t.Errorf("%s = %#x, want %#x", thumb.RegName(r), c.R[r], v)
				}
			}
			if got := flagString(c, tc.wantFlags); got != tc.wantFlags {
				t.Errorf("flags %s, want %s", got, tc.wantFlags)
			}
			if tc.pc != 0 && c.PC() != tc.pc {
				t.Errorf("next PC = %#x, want %#x", c.PC(), tc.pc)
			}
		})
	}
}

func TestExecDPArith(t *testing.T) {
	runDPCases(t, []dpCase{
		// ADD: AddWithCarry(x, y, 0).
		{name: "ADD_imm_T1/carry_out", code: h(0x1DC8), // adds r0, r1, #7
			regs: regs{1: 0xFFFFFFFA}, flags: "NZcV", want: regs{0: 1}, wantFlags: "nzCv"},
		{name: "ADD_imm_T1/in_IT_no_flags", code: h(0x1DC8), it: itState(thumb.CondEQ),
			regs: regs{1: 0xFFFFFFFA}, flags: "nZcV", want: regs{0: 1}, wantFlags: "nZcV"},
		{name: "ADD_imm_T2/signed_overflow", code: h(0x32FF), // adds r2, #255
			regs: regs{2: 0x7FFFFF01}, flags: "nzCv", want: regs{2: 0x80000000}, wantFlags: "NzcV"},
		{name: "ADD_reg_T1/zero_carry_overflow", code: h(0x1888), // adds r0, r1, r2
			regs: regs{1: 0x80000000, 2: 0x80000000}, want: regs{0: 0}, wantFlags: "nZCV"},
		{name: "ADD_reg_T2/high_reg_no_flags", code: h(0x4488), // add r8, r1
			regs: regs{8: 5, 1: 7}, flags: "NZCV", want: regs{8: 12}, wantFlags: "NZCV"},
		// PC reads as the instruction address + 4 = 0x104.
		{name: "ADD_reg_T2/pc_operand", code: h(0x4478), // add r0, pc
			regs: regs{0: 1}, want: regs{0: 0x105}},
		// ADD PC, Rm: ALUWritePC(0x104 + 0x11) clears bit 0.
		{name: "ADD_reg_T2/pc_destination_branches", code: h(0x448F), // add pc, r1
			regs: regs{1: 0x11}, pc: 0x114},
		{name: "ADD_SP_reg_T1/rd_plus_sp", code: h(0x446A), // add r2, sp
			regs: regs{2: 3}, want: regs{2: testSP + 3}},
		// SP bits 1:0 are forced to zero on a write (B1.4.1).
		{name: "ADD_SP_reg_T2/sp_bits_1_0_cleared", code: h(0x448D), // add sp, r1
			regs: regs{1: 0x13}, want: regs{13: testSP + 0x10}},
		{name: "ADD_SP_imm_T1/max_offset", code: h(0xABFF), // add r3, sp, #1020
			want: regs{3: testSP + 1020}},
		{name: "ADD_SP_imm_T2/max_offset", code: h(0xB07F), // add sp, #508
			want: regs{13: testSP + 508}},
		{name: "SUB_SP_imm_T1/push_space", code: h(0xB081), // sub sp, #4
			flags: "NZCV", want: regs{13: testSP - 4}, wantFlags: "NZCV"},
		// 0x80000000 + 0x80000000 (ThumbExpandImm 0x80 ror 8).
		{name: "ADD_imm_T3/carry_and_overflow", code: w(0xF1114000), // adds.w r0, r1, #0x80000000
			regs: regs{1: 0x80000000}, want: regs{0: 0}, wantFlags: "nZCV"},
		{name: "ADD_imm_T4/addw_4095", code: w(0xF60170FF), // addw r0, r1, #4095
			regs: regs{1: 1}, flags: "nzcv", want: regs{0: 4096}, wantFlags: "nzcv"},
		{name: "ADD_SP_imm_T3/unaligned_result_masked", code: w(0xF10D0D01), // add.w sp, sp, #1
			want: regs{13: testSP}},
		{name: "ADD_SP_imm_T4/addw_sp", code: w(0xF20D0D08), // addw sp, sp, #8
			want: regs{13: testSP + 8}},
		// r2 lsl #4 shifts out the only set bit: 1 + 0; C comes from the addition (0),
		// not from the shifter (which would be 1).
		{name: "ADD_reg_T3/shift_carry_ignored", code: w(0xEB111002), // adds.w r0, r1, r2, lsl #4
			regs: regs{1: 1, 2: 0x10000000}, flags: "C", want: regs{0: 1}, wantFlags: "nzcv"},
		// asr #32 of a negative value is 0xFFFFFFFF; 1 + 0xFFFFFFFF = 0 carry 1.
		{name: "ADD_reg_T3/asr_32", code: w(0xEB110022), // adds.w r0, r1, r2, asr #32
			regs: regs{1: 1, 2: 0x80000000}, want: regs{0: 0}, wantFlags: "nZCv"},
		{name: "ADD_SP_reg_T3/lsl_2", code: w(0xEB0D0081), // add.w r0, sp, r1, lsl #2
			regs: regs{1: 3}, want: regs{0: testSP + 12}},
		// Rd = PC in a 32-bit form is UNPREDICTABLE; like QEMU it branches.
		{name: "ADD_imm_T3/unpredictable_pc_destination", code: w(0xF1000F01), // add.w pc, r0, #1
			regs: regs{0: 0x200}, pc: 0x200},
		{name: "ADD_imm_T3/unpredictable_pc_source", code: w(0xF10F0001), // add.w r0, pc, #1
			want: regs{0: 0x105}},

		// SUB: AddWithCarry(x, NOT(y), 1); C is NOT borrow.
		{name: "SUB_imm_T1/borrow", code: h(0x1E48), // subs r0, r1, #1
			regs: regs{1: 0}, want: regs{0: 0xFFFFFFFF}, wantFlags: "Nzcv"},
		{name: "SUB_imm_T2/signed_overflow", code: h(0x3B01), // subs r3, #1
			regs: regs{3: 0x80000000}, want: regs{3: 0x7FFFFFFF}, wantFlags: "nzCV"},
		{name: "SUB_reg_T1/equal", code: h(0x1A88), // subs r0, r1, r2
			regs: regs{1: 5, 2: 5}, want: regs{0: 0}, wantFlags: "nZCv"},
		{name: "SUB_SP_imm_T2/sub_w_sp", code: w(0xF1AD0D10), // sub.w sp, sp, #16
			want: regs{13: testSP - 16}},
		{name: "SUB_imm_T4/subw_4095", code: w(0xF6A170FF), // subw r0, r1, #4095
			regs: regs{1: 0x1000}, want: regs{0: 1}},
		{name: "SUB_SP_imm_T3/subw_sp", code: w(0xF2AD0D08), // subw sp, sp, #8
			want: regs{13: testSP - 8}},
		// 0 - (2 lsr 1) = -1: borrow.
		{name: "SUB_reg_T2/lsr_1", code: w(0xEBB10052), // subs.w r0, r1, r2, lsr #1
			regs: regs{1: 0, 2: 2}, want: regs{0: 0xFFFFFFFF}, wantFlags: "Nzcv"},
		{name: "SUB_SP_reg_T1/sub_sp_register", code: w(0xEBAD0D01), // sub.w sp, sp, r1
			regs: regs{1: 16}, want: regs{13: testSP - 16}},

		// CMP/CMN: flags only.
		{name: "CMP_imm_T1/less", code: h(0x2805), // cmp r0, #5
			regs: regs{0: 3}, want: regs{0: 3}, wantFlags: "Nzcv"},
		{name: "CMP_reg_T1/signed_overflow", code: h(0x4288), // cmp r0, r1
			regs: regs{0: 0x80000000, 1: 1}, wantFlags: "nzCV"},
		{name: "CMP_reg_T2/high_equal", code: h(0x4588), // cmp r8, r1
			regs: regs{8: 77, 1: 77}, wantFlags: "nZCv"},
		// 0xFF00FF00 is ThumbExpandImm pattern 2 (XY00XY00).
		{name: "CMP_imm_T2/replicated_pattern", code: w(0xF1B02FFF), // cmp.w r0, #0xff00ff00
			regs: regs{0: 0xFF00FF00}, wantFlags: "nZCv"},
		{name: "CMP_reg_T3/lsl_1", code: w(0xEBB00F41), // cmp.w r0, r1, lsl #1
			regs: regs{0: 2, 1: 1}, wantFlags: "nZCv"},
		{name: "CMN_reg_T1/wraps_to_zero", code: h(0x42C8), // cmn r0, r1
			regs: regs{0: 0xFFFFFFFF, 1: 1}, wantFlags: "nZCv"},
		{name: "CMN_imm_T1/signed_overflow", code: w(0xF1100F01), // cmn.w r0, #1
			regs: regs{0: 0x7FFFFFFF}, wantFlags: "NzcV"},
		{name: "CMN_reg_T2/plain", code: w(0xEB100F01), // cmn.w r0, r1
			regs: regs{0: 1, 1: 2}, wantFlags: "nzcv"},

		// ADC/SBC use the carry in; RSB swaps the operands.
		{name: "ADC_reg_T1/carry_in", code: h(0x4148), // adcs r0, r1
			regs: regs{0: 0xFFFFFFFF, 1: 0}, flags: "C", want: regs{0: 0}, wantFlags: "nZCv"},
		{name: "ADC_imm_T1/no_flags", code: w(0xF1410001), // adc.w r0, r1, #1
			regs: regs{1: 1}, flags: "nzCv", want: regs{0: 3}, wantFlags: "nzCv"},
		{name: "ADC_reg_T2/overflow", code: w(0xEB510002), // adcs.w r0, r1, r2
			regs: regs{1: 0x7FFFFFFF, 2: 0}, flags: "C", want: regs{0: 0x80000000}, wantFlags: "NzcV"},
		// 5 - 5 - NOT(C=0) = -1.
		{name: "SBC_reg_T1/borrow_in", code: h(0x4188), // sbcs r0, r1
			regs: regs{0: 5, 1: 5}, flags: "c", want: regs{0: 0xFFFFFFFF}, wantFlags: "Nzcv"},
		{name: "SBC_imm_T1/no_borrow", code: w(0xF1710001), // sbcs.w r0, r1, #1
			regs: regs{1: 5}, flags: "C", want: regs{0: 4}, wantFlags: "nzCv"},
		{name: "SBC_reg_T2/no_flags", code: w(0xEB610002), // sbc.w r0, r1, r2
			regs: regs{1: 10, 2: 3}, flags: "c", want: regs{0: 6}, wantFlags: "c"},
		{name: "RSB_imm_T1/neg_one", code: h(0x4248), // negs r0, r1
			regs: regs{1: 1}, want: regs{0: 0xFFFFFFFF}, wantFlags: "Nzcv"},
		{name: "RSB_imm_T1/neg_zero_carry", code: h(0x4248),
			regs: regs{1: 0}, want: regs{0: 0}, wantFlags: "nZCv"},
		{name: "RSB_imm_T1/neg_min_overflow", code: h(0x4248),
			regs: regs{1: 0x80000000}, want: regs{0: 0x80000000}, wantFlags: "NzcV"},
		{name: "RSB_imm_T2/16_minus_4", code: w(0xF1D10010), // rsbs.w r0, r1, #16
			regs: regs{1: 4}, want: regs{0: 12}, wantFlags: "nzCv"},
		{name: "RSB_reg_T1/lsl_2", code: w(0xEBC10082), // rsb r0, r1, r2, lsl #2
			regs: regs{1: 1, 2: 1}, want: regs{0: 3}},

		// ADR: Align(PC, 4) +/- imm. At 0x102 the PC reads 0x106, aligned 0x104.
		{name: "ADR_T1/aligned_pc", code: prog(h(0x46C0), h(0xA001)), steps: 2, // nop; adr r0, #4
			want: regs{0: 0x108}},
		{name: "ADR_T2/subtract", code: w(0xF2AF0004), // subw r0, pc, #4
			want: regs{0: 0x100}},
		{name: "ADR_T3/add_unaligned_site", code: prog(h(0x46C0), w(0xF20F0004)), steps: 2, // nop; addw r0, pc, #4
			want: regs{0: 0x108}},
	})
}

func TestExecDPLogical(t *testing.T) {
	runDPCases(t, []dpCase{
		// Logical ops: N, Z from the result, C from the shifter, V unchanged.
		{name: "AND_reg_T1/keeps_C_and_V", code: h(0x4008), // ands r0, r1
			regs: regs{0: 0xF0F0F0F0, 1: 0x80808080}, flags: "nZCV", want: regs{0: 0x80808080}, wantFlags: "NzCV"},
		// #0x80000000 is a rotation (0x80 ror 8): C = bit 31 = 1.
		{name: "AND_imm_T1/rotated_imm_sets_C", code: w(0xF0114000), // ands.w r0, r1, #0x80000000
			regs: regs{1: 0x80000001}, flags: "czV", want: regs{0: 0x80000000}, wantFlags: "NzCV"},
		// #0xff is not rotated: C unchanged.
		{name: "AND_imm_T1/plain_imm_keeps_C", code: w(0xF01100FF), // ands.w r0, r1, #255
			regs: regs{1: 0x1F0}, flags: "C", want: regs{0: 0xF0}, wantFlags: "nzC"},
		{name: "AND_imm_T1/plain_imm_keeps_C_clear", code: w(0xF01100FF),
			regs: regs{1: 0x1F0}, flags: "c", want: regs{0: 0xF0}, wantFlags: "nzc"},
		// 3 lsr 1 = 1, carry out = bit 0 of 3 = 1.
		{name: "AND_reg_T2/lsr_carry", code: w(0xEA110052), // ands.w r0, r1, r2, lsr #1
			regs: regs{1: 1, 2: 3}, flags: "c", want: regs{0: 1}, wantFlags: "nzC"},
		// lsr #32: result 0, carry = bit 31.
		{name: "AND_reg_T2/lsr_32", code: w(0xEA110012), // ands.w r0, r1, r2, lsr #32
			regs: regs{1: 0xFFFFFFFF, 2: 0x80000000}, flags: "c", want: regs{0: 0}, wantFlags: "nZC"},
		// rrx: (C:r2) >> 1 = 0x80000001, carry = bit 0 of r2 = 0.
		{name: "AND_reg_T2/rrx", code: w(0xEA110032), // ands.w r0, r1, r2, rrx
			regs: regs{1: 0xFFFFFFFF, 2: 2}, flags: "C", want: regs{0: 0x80000001}, wantFlags: "Nzc"},
		// ror #8 of 0xff = 0xff000000, carry = bit 31 = 1.
		{name: "AND_reg_T2/ror_8", code: w(0xEA112032), // ands.w r0, r1, r2, ror #8
			regs: regs{1: 0xFFFFFFFF, 2: 0xFF}, flags: "c", want: regs{0: 0xFF000000}, wantFlags: "NzC"},
		{name: "AND_reg_T2/no_flags", code: w(0xEA010032), // and.w r0, r1, r2, rrx
			regs: regs{1: 0xFFFFFFFF, 2: 2}, flags: "C", want: regs{0: 0x80000001}, wantFlags: "C"},
		{name: "TST_reg_T1/zero", code: h(0x4208), // tst r0, r1
			regs: regs{0: 1, 1: 2}, flags: "NzCV", want: regs{0: 1}, wantFlags: "nZCV"},
		// #0x100 = 0x80 ror 31: rotated, C = bit 31 of 0x100 = 0.
		{name: "TST_imm_T1/rotated_clears_C", code: w(0xF4107F80), // tst.w r0, #256
			regs: regs{0: 0x100}, flags: "C", wantFlags: "nzc"},
		// 3 lsl #31 = 0x80000000, carry = bit 1 of 3 = 1.
		{name: "TST_reg_T2/lsl_31", code: w(0xEA107FC1), // tst.w r0, r1, lsl #31
			regs: regs{0: 0x80000000, 1: 3}, flags: "c", wantFlags: "NzC"},
		{name: "TEQ_reg_T1/equal", code: w(0xEA900F01), // teq r0, r1
			regs: regs{0: 5, 1: 5}, wantFlags: "nZ"},
		{name: "TEQ_imm_T1/rotated", code: w(0xF0904F00), // teq r0, #0x80000000
			regs: regs{0: 0}, flags: "c", wantFlags: "NzC"},
		{name: "BIC_reg_T1/clear_bits", code: h(0x4388), // bics r0, r1
			regs: regs{0: 0xFF, 1: 0x0F}, want: regs{0: 0xF0}, wantFlags: "nz"},
		{name: "BIC_imm_T1/no_flags", code: w(0xF02100FF), // bic.w r0, r1, #255
			regs: regs{1: 0x1FF}, want: regs{0: 0x100}},
		{name: "BIC_reg_T2/plain", code: w(0xEA210002), // bic.w r0, r1, r2
			regs: regs{1: 0xF, 2: 5}, want: regs{0: 0xA}},
		{name: "ORR_reg_T1/zero", code: h(0x4308), // orrs r0, r1
			regs: regs{0: 0, 1: 0}, flags: "N", want: regs{0: 0}, wantFlags: "nZ"},
		// 0x00ff00ff is ThumbExpandImm pattern 1 (00XY00XY).
		{name: "ORR_imm_T1/replicated_pattern", code: w(0xF04110FF), // orr.w r0, r1, #0x00ff00ff
			regs: regs{1: 0x0F000000}, want: regs{0: 0x0FFF00FF}},
		// 0x80000008 asr #4 = 0xf8000000, carry = bit 3 = 1.
		{name: "ORR_reg_T2/asr_carry", code: w(0xEA511022), // orrs.w r0, r1, r2, asr #4
			regs: regs{1: 0, 2: 0x80000008}, flags: "c", want: regs{0: 0xF8000000}, wantFlags: "NzC"},
		{name: "ORN_imm_T1/or_not", code: w(0xF06100FF), // orn r0, r1, #255
			regs: regs{1: 0}, want: regs{0: 0xFFFFFF00}},
		{name: "ORN_reg_T1/zero", code: w(0xEA710002), // orns r0, r1, r2
			regs: regs{1: 0, 2: 0xFFFFFFFF}, want: regs{0: 0}, wantFlags: "nZ"},
		{name: "EOR_reg_T1/xor", code: h(0x4048), // eors r0, r1
			regs: regs{0: 0xFF, 1: 0x0F}, want: regs{0: 0xF0}, wantFlags: "nz"},
		{name: "EOR_imm_T1/no_flags", code: w(0xF0810001), // eor.w r0, r1, #1
			regs: regs{1: 3}, flags: "Z", want: regs{0: 2}, wantFlags: "Z"},
		{name: "EOR_reg_T2/negative", code: w(0xEA910002), // eors.w r0, r1, r2
			regs: regs{1: 0x80000000, 2: 1}, want: regs{0: 0x80000001}, wantFlags: "Nz"},
		{name: "MVN_reg_T1/zero", code: h(0x43C8), // mvns r0, r1
			regs: regs{1: 0xFFFFFFFF}, want: regs{0: 0}, wantFlags: "nZ"},
		{name: "MVN_imm_T1/not_zero", code: w(0xF06F0000), // mvn.w r0, #0
			want: regs{0: 0xFFFFFFFF}},
		// NOT(0x80000000); the immediate is a rotation so C = bit 31 of 0x80000000 = 1.
		{name: "MVN_imm_T1/rotated_carry", code: w(0xF07F4000), // mvns.w r0, #0x80000000
			flags: "c", want: regs{0: 0x7FFFFFFF}, wantFlags: "nzC"},
		{name: "MVN_reg_T2/lsl_1", code: w(0xEA6F0041), // mvn.w r0, r1, lsl #1
			regs: regs{1: 1}, want: regs{0: 0xFFFFFFFD}},

		// MOV: immediate forms set C only from a rotated constant; register moves keep C.
		{name: "MOV_imm_T1/zero_keeps_C_V", code: h(0x2000), // movs r0, #0
			regs: regs{0: 9}, flags: "NzCV", want: regs{0: 0}, wantFlags: "nZCV"},
		{name: "MOV_imm_T1/in_IT_no_flags", code: h(0x2005), it: itState(thumb.CondEQ), // moveq r0, #5
			flags: "nZcv", want: regs{0: 5}, wantFlags: "nZcv"},
		{name: "MOV_imm_T2/rotated_sets_C", code: w(0xF05F4000), // movs.w r0, #0x80000000
			flags: "c", want: regs{0: 0x80000000}, wantFlags: "NzC"},
		{name: "MOV_imm_T2/plain_keeps_C", code: w(0xF05F0000), // movs.w r0, #0
			regs: regs{0: 3}, flags: "C", want: regs{0: 0}, wantFlags: "nZC"},
		{name: "MOV_imm_T3/movw_clears_top", code: w(0xF24F70FF), // movw r0, #0xf7ff
			regs: regs{0: 0xFFFFFFFF}, flags: "Z", want: regs{0: 0xF7FF}, wantFlags: "Z"},
		{name: "MOVT_T1/keeps_bottom", code: w(0xF2C12034), // movt r0, #0x1234
			regs: regs{0: 0xFFFF5678}, want: regs{0: 0x12345678}},
		{name: "MOV_reg_T1/high_no_flags", code: h(0x4688), // mov r8, r1
			regs: regs{1: 0x80000000}, flags: "nZ", want: regs{8: 0x80000000}, wantFlags: "nZ"},
		// MOV PC, Rm is ALUWritePC: bit 0 cleared, no interworking.
		{name: "MOV_reg_T1/pc_branch", code: h(0x468F), // mov pc, r1
			regs: regs{1: 0x201}, pc: 0x200},
		{name: "MOV_reg_T1/sp_masked", code: h(0x468D), // mov sp, r1
			regs: regs{1: 0x20000103}, want: regs{13: 0x20000100}},
		{name: "MOV_reg_T2/movs_keeps_C", code: h(0x0008), // movs r0, r1
			regs: regs{1: 0x80000000}, flags: "zCV", want: regs{0: 0x80000000}, wantFlags: "NzCV"},
		{name: "MOV_reg_T2/in_IT_no_flags", code: h(0x0008), it: itState(thumb.CondNE),
			regs: regs{1: 0}, flags: "Nz", want: regs{0: 0}, wantFlags: "Nz"},
		{name: "MOV_reg_T3/movs_w", code: w(0xEA5F0001), // movs.w r0, r1
			regs: regs{1: 0}, flags: "C", want: regs{0: 0}, wantFlags: "nZC"},
	})
}

func TestExecDPShift(t *testing.T) {
	runDPCases(t, []dpCase{
		{name: "LSL_imm_T1/carry_from_bit_31", code: h(0x0048), // lsls r0, r1, #1
			regs: regs{1: 0x80000001}, flags: "V", want: regs{0: 2}, wantFlags: "nzCV"},
		{name: "LSL_imm_T1/shift_31", code: h(0x07C8), // lsls r0, r1, #31
			regs: regs{1: 3}, want: regs{0: 0x80000000}, wantFlags: "NzC"},
		{name: "LSL_imm_T1/in_IT_no_flags", code: h(0x0048), it: itState(thumb.CondLE), // lslle
			regs: regs{1: 0x80000001}, flags: "Zc", want: regs{0: 2}, wantFlags: "Zc"},
		{name: "LSR_imm_T1/lsr_32", code: h(0x0808), // lsrs r0, r1, #32
			regs: regs{1: 0x80000000}, want: regs{0: 0}, wantFlags: "nZC"},
		{name: "LSR_imm_T1/lsr_1", code: h(0x0848), // lsrs r0, r1, #1
			regs: regs{1: 1}, want: regs{0: 0}, wantFlags: "nZC"},
		{name: "ASR_imm_T1/asr_32", code: h(0x1008), // asrs r0, r1, #32
			regs: regs{1: 0x80000000}, want: regs{0: 0xFFFFFFFF}, wantFlags: "NzC"},
		{name: "ASR_imm_T1/asr_4", code: h(0x1108), // asrs r0, r1, #4
			regs: regs{1: 0x80000018}, want: regs{0: 0xF8000001}, wantFlags: "NzC"},
		// Register shifts use the bottom byte of the amount register.
		{name: "LSL_reg_T1/by_32_carry_bit_0", code: h(0x4088), // lsls r0, r1
			regs: regs{0: 1, 1: 32}, want: regs{0: 0}, wantFlags: "nZC"},
		{name: "LSL_reg_T1/by_33", code: h(0x4088),
			regs: regs{0: 1, 1: 33}, flags: "C", want: regs{0: 0}, wantFlags: "nZc"},
		{name: "LSL_reg_T1/by_0x100_is_0_keeps_C", code: h(0x4088),
			regs: regs{0: 0x80000000, 1: 0x100}, flags: "Cz", want: regs{0: 0x80000000}, wantFlags: "NzC"},
		{name: "LSL_reg_T1/by_255", code: h(0x4088),
			regs: regs{0: 0xFFFFFFFF, 1: 0xFF}, flags: "C", want: regs{0: 0}, wantFlags: "nZc"},
		{name: "LSR_reg_T1/by_32", code: h(0x40C8), // lsrs r0, r1
			regs: regs{0: 0x80000000, 1: 32}, want: regs{0: 0}, wantFlags: "nZC"},
		{name: "LSR_reg_T1/by_31", code: h(0x40C8),
			regs: regs{0: 0x80000000, 1: 31}, flags: "C", want: regs{0: 1}, wantFlags: "nzc"},
		{name: "ASR_reg_T1/by_200_negative", code: h(0x4108), // asrs r0, r1
			regs: regs{0: 0x80000000, 1: 200}, want: regs{0: 0xFFFFFFFF}, wantFlags: "NzC"},
		{name: "ASR_reg_T1/by_40_positive", code: h(0x4108),
			regs: regs{0: 0x40000000, 1: 40}, flags: "C", want: regs{0: 0}, wantFlags: "nZc"},
		{name: "ROR_reg_T1/by_4", code: h(0x41C8), // rors r0, r1
			regs: regs{0: 0xF1, 1: 4}, flags: "C", want: regs{0: 0x1000000F}, wantFlags: "nzc"},
		// ROR by a non-zero multiple of 32 leaves the value; C = bit 31.
		{name: "ROR_reg_T1/by_32", code: h(0x41C8),
			regs: regs{0: 0x80000000, 1: 32}, flags: "c", want: regs{0: 0x80000000}, wantFlags: "NzC"},
		{name: "ROR_reg_T1/by_0_keeps_C", code: h(0x41C8),
			regs: regs{0: 0x80000000, 1: 0}, flags: "c", want: regs{0: 0x80000000}, wantFlags: "Nzc"},
		{name: "LSL_imm_T2/no_flags", code: w(0xEA4F0081), // lsl.w r0, r1, #2 (mov.w r0, r1, lsl #2)
			regs: regs{1: 0xC0000001}, flags: "c", want: regs{0: 4}, wantFlags: "c"},
		{name: "LSL_imm_T2/flags", code: w(0xEA5F0081), // lsls.w r0, r1, #2
			regs: regs{1: 0xC0000001}, flags: "c", want: regs{0: 4}, wantFlags: "nzC"},
		{name: "LSR_imm_T2/lsr_32", code: w(0xEA5F0011), // lsrs.w r0, r1, #32
			regs: regs{1: 0x80000000}, want: regs{0: 0}, wantFlags: "nZC"},
		{name: "ASR_imm_T2/asr_1", code: w(0xEA5F0061), // asrs.w r0, r1, #1
			regs: regs{1: 0x80000001}, want: regs{0: 0xC0000000}, wantFlags: "NzC"},
		{name: "ROR_imm_T1/ror_1", code: w(0xEA5F0071), // rors.w r0, r1, #1
			regs: regs{1: 1}, want: regs{0: 0x80000000}, wantFlags: "NzC"},
		// RRX: C:r1 shifted right by one; carry out = bit 0.
		{name: "RRX_T1/carry_in_and_out", code: w(0xEA5F0031), // rrxs r0, r1
			regs: regs{1: 2}, flags: "C", want: regs{0: 0x80000001}, wantFlags: "Nzc"},
		{name: "RRX_T1/no_flags", code: w(0xEA4F0031), // rrx r0, r1
			regs: regs{1: 3}, flags: "c", want: regs{0: 1}, wantFlags: "c"},
		{name: "LSL_reg_T2/bottom_byte", code: w(0xFA11F002), // lsls.w r0, r1, r2
			regs: regs{1: 0xFFFFFFFF, 2: 0x120}, want: regs{0: 0}, wantFlags: "nZC"},
		{name: "LSR_reg_T2/by_4", code: w(0xFA31F002), // lsrs.w r0, r1, r2
			regs: regs{1: 0x18, 2: 4}, want: regs{0: 1}, wantFlags: "nzC"},
		{name: "ASR_reg_T2/no_flags", code: w(0xFA41F002), // asr.w r0, r1, r2
			regs: regs{1: 0x80000000, 2: 31}, flags: "c", want: regs{0: 0xFFFFFFFF}, wantFlags: "c"},
		{name: "ROR_reg_T2/by_36_is_4", code: w(0xFA71F002), // rors.w r0, r1, r2
			regs: regs{1: 0xF, 2: 36}, want: regs{0: 0xF0000000}, wantFlags: "NzC"},
	})
}

// TestExecDPCondFail checks that a data-processing instruction whose IT condition
// fails changes nothing (the step loop skips it).
func TestExecDPCondFail(t *testing.T) {
	runDPCases(t, []dpCase{
		{name: "ADD_reg_T2/condition_failed", code: h(0x448F), it: itState(thumb.CondEQ), // addeq pc, r1
			regs: regs{1: 0x11}, flags: "z", pc: 0x102},
	})
}

// TestExecDPNoAlloc runs a loop of data-processing instructions (closed by
// MOV PC, r7) and checks that stepping does not allocate.
func TestExecDPNoAlloc(t *testing.T) {
	code := prog(
		h(0x1C40), w(0xF1100001), h(0x0048), w(0xEA410202), // adds r0,r0,#1; adds.w r0,r0,#1; lsls r0,r1,#1; orr.w r2,r1,r2
		h(0x4288), w(0xEBB10052), h(0x4623), h(0x46BF), // cmp r0,r1; subs.w r0,r1,r2,lsr #1; mov r3,r4; mov pc,r7
	)
	c := newTestCPU(t, code...)
	c.R[7] = 0x101
	stepN(t, c, 100)
	if n := testing.AllocsPerRun(1000, func() { c.Step() }); n != 0 {
		t.Errorf("%v allocations per step", n)
	}
	if c.Stopped() != nil {
		t.Fatalf("stopped: %v", c.Stopped())
	}
}

func BenchmarkExecDP(b *testing.B) {
	code := prog(
		h(0x1C40), w(0xF1100001), h(0x0048), w(0xEA410202),
		h(0x4288), w(0xEBB10052), h(0x4623), h(0x46BF),
	)
	c := newTestCPU(b, code...)
	c.R[7] = 0x101
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.step()
	}
	b.StopTimer()
	if c.Stopped() != nil {
		b.Fatal(c.Stopped())
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "MIPS")
}

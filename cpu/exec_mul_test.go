package cpu

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"m7emu/cpu/thumb"
)

// APSR bits in xPSR positions (Arm DDI0403E B1.4.2) for the expected values below.
const (
	apsrN = 1 << 31
	apsrZ = 1 << 30
	apsrC = 1 << 29
	apsrV = 1 << 28
	apsrQ = 1 << 27
)

func apsrGE(ge uint32) uint32 { return ge << 16 }

// Encoders for the tests: the base encodings are the listed instructions with all
// register fields zero (hw1<<16|hw2, from arm-none-eabi-as), the register choices are:
//
//	mr3:  Rd = r0, Rn = r1, Rm = r2 (Ra field left as in the base, 1111)
//	mr4:  Rd = r0, Rn = r1, Rm = r2, Ra = r3
//	ml:   RdLo = r0, RdHi = r1, Rn = r2, Rm = r3
func mr3(base uint32) []uint16 { return thumb32(base | 1<<16 | 2) }
func mr4(base uint32) []uint16 { return thumb32(base | 1<<16 | 3<<12 | 2) }
func ml(base uint32) []uint16  { return thumb32(base | 2<<16 | 1<<8 | 3) }

// imm5 places a 5-bit imm3:imm2 field (shift amount or lsb) in hw2[14:12] and hw2[7:6].
func imm5(v uint32) uint32 { return (v>>2)<<12 | (v&3)<<6 }

// sat encodes SSAT/USAT/SSAT16/USAT16 r0, #…, r1 with sat_imm, sh and the shift amount.
func sat(base, satImm, sh, shift uint32) []uint16 {
	return thumb32(base | 1<<16 | sh<<21 | imm5(shift) | satImm)
}

// bitfield encodes BFI/SBFX/UBFX r0, r1, … (field is msb or widthminus1) and BFC r0, ….
func bitfield(base, lsb, field uint32) []uint16 {
	if base == 0xF36F0000 { // BFC: Rn is 1111 in the base
		return thumb32(base | imm5(lsb) | field)
	}
	return thumb32(base | 1<<16 | imm5(lsb) | field)
}

// ext encodes an extend: non-accumulating forms (Rn = 1111 in the base) as "Rd = r0, Rm = r1",
// accumulating ones as "Rd = r0, Rn = r1, Rm = r2"; rot is the rotate field (0–3).
func ext(base, rot uint32) []uint16 {
	if base>>16&15 == 15 {
		return thumb32(base | rot<<4 | 1)
	}
	return thumb32(base | 1<<16 | rot<<4 | 2)
}

// pkh encodes PKHBT/PKHTB r0, r1, r2 with tb and the shift amount field.
func pkh(tb, shift uint32) []uint16 { return thumb32(0xEAC00000 | 1<<16 | tb<<5 | imm5(shift) | 2) }

// twice encodes CLZ/RBIT/REV… r0, r1 (Rm = r1 in both halfwords).
func twice(base uint32) []uint16 { return thumb32(base | 1<<16 | 1) }

// par encodes a parallel add/subtract r0, r1, r2 (A5.3.13/A5.3.14): op1 selects
// ADD8 000, ADD16 001, ASX 010, SUB8 100, SUB16 101, SAX 110; u the unsigned table;
// op2 modulo 00, saturating 01, halving 10.
func par(op1, u, op2 uint32) []uint16 {
	return mr3(0xFA80F000 | op1<<20 | u<<6 | op2<<4)
}

const (
	pADD8, pADD16, pASX, pSUB8, pSUB16, pSAX = 0b000, 0b001, 0b010, 0b100, 0b101, 0b110
)

// mulExecCase runs code (one instruction, or an IT then one instruction) with r0–r3
// and APSR set, and checks r0–r3 and APSR after it.
type mulExecCase struct {
	name     string
	code     []uint16
	in       [4]uint32
	apsr     uint32
	want     [4]uint32
	wantAPSR uint32
}

func runMulCases(t *testing.T, cases []mulExecCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			copy(c.R[:4], tc.in[:])
			c.SetAPSR(tc.apsr)
			steps := 1
			if tc.code[0]&0xFF00 == 0xBF00 && tc.code[0]&0xF != 0 {
				steps = 2 // IT, then the instruction
			}
			stepN(t, c, steps)
			var got [4]uint32
			copy(got[:], c.R[:4])
			if got != tc.want {
				t.Errorf("r0-r3 = %#08x, want %#08x", got, tc.want)
			}
			if g := c.APSR(); g != tc.wantAPSR {
				t.Errorf("APSR = %#08x, want %#08x", g, tc.wantAPSR)
			}
		})
	}
}

// TestExec_Multiply covers MUL, MLA, MLS, the long multiplies and the divides
// (Arm DDI0403E A7.7 MUL, MLA, MLS, UMULL, SMULL, UMLAL, SMLAL, UMAAL, SDIV, UDIV).
func TestExec_Multiply(t *testing.T) { runMulCases(t, mulCasesMultiply()) }

// mulCasesMultiply are the cases of TestExec_Multiply; TestExec_MulAgainstQEMU also runs them in QEMU.
func mulCasesMultiply() []mulExecCase {
	return []mulExecCase{
		// MULS r0, r1 (Rdm = r0, Rn = r1): 0x10000 * 0xFFFF8000 = 0xFFFF_8000_0000, low word
		// 0x80000000: N = 1, Z = 0; C and V keep their values.
		{"MUL_T1/N_set_CV_kept", []uint16{0x4348}, [4]uint32{0x10000, 0xFFFF8000}, apsrC | apsrV,
			[4]uint32{0x80000000, 0xFFFF8000}, apsrN | apsrC | apsrV},
		// 0x10000 * 0x10000 = 2^32: low word 0, Z = 1, the old N is cleared.
		{"MUL_T1/Z_set", []uint16{0x4348}, [4]uint32{0x10000, 0x10000}, apsrN,
			[4]uint32{0, 0x10000}, apsrZ},
		// Inside IT EQ the 16-bit MUL does not set flags (setflags = !InITBlock()).
		{"MUL_T1/in_IT_no_flags", []uint16{0xBF08, 0x4348}, [4]uint32{3, 5}, apsrZ,
			[4]uint32{15, 5}, apsrZ},
		{"MUL_T2/no_flags", mr3(0xFB00F000), [4]uint32{0, 0xFFFFFFFF, 2}, 0,
			[4]uint32{0xFFFFFFFE, 0xFFFFFFFF, 2}, 0},
		// 3*4 + (-16) = -4.
		{"MLA_T1", mr4(0xFB000000), [4]uint32{0, 3, 4, 0xFFFFFFF0}, apsrN,
			[4]uint32{0xFFFFFFFC, 3, 4, 0xFFFFFFF0}, apsrN},
		// 10 - 3*4 = -2.
		{"MLS_T1", mr4(0xFB000010), [4]uint32{0, 3, 4, 10}, 0,
			[4]uint32{0xFFFFFFFE, 3, 4, 10}, 0},
		// (2^32-1)^2 = 0xFFFFFFFE_00000001.
		{"UMULL_T1/max", ml(0xFBA00000), [4]uint32{7, 7, 0xFFFFFFFF, 0xFFFFFFFF}, 0,
			[4]uint32{1, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF}, 0},
		// -1 * -2^31 = +2^31 = 0x00000000_80000000.
		{"SMULL_T1/signs", ml(0xFB800000), [4]uint32{7, 7, 0xFFFFFFFF, 0x80000000}, 0,
			[4]uint32{0x80000000, 0, 0xFFFFFFFF, 0x80000000}, 0},
		// 0x00000001_FFFFFFFF + 1*1 = 0x00000002_00000000 (carry into RdHi).
		{"UMLAL_T1/carry", ml(0xFBE00000), [4]uint32{0xFFFFFFFF, 1, 1, 1}, 0,
			[4]uint32{0, 2, 1, 1}, 0},
		// 0 + (-2)*3 = -6 as 64 bits.
		{"SMLAL_T1/negative", ml(0xFBC00000), [4]uint32{0, 0, 0xFFFFFFFE, 3}, 0,
			[4]uint32{0xFFFFFFFA, 0xFFFFFFFF, 0xFFFFFFFE, 3}, 0},
		// 0x7FFFFFFF_FFFFFFFF + 1 wraps to 0x80000000_00000000; no flags change.
		{"SMLAL_T1/wraps_no_flags", ml(0xFBC00000), [4]uint32{0xFFFFFFFF, 0x7FFFFFFF, 1, 1}, 0,
			[4]uint32{0, 0x80000000, 1, 1}, 0},
		// (2^32-1)^2 + 2*(2^32-1) = 2^64-1: the largest UMAAL result.
		{"UMAAL_T1/max", ml(0xFBE00060), [4]uint32{0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, 0,
			[4]uint32{0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, 0},
		{"UMAAL_T1/small", ml(0xFBE00060), [4]uint32{5, 7, 2, 3}, 0,
			[4]uint32{18, 0, 2, 3}, 0},
		// SDIV rounds towards zero: 7 / -2 = -3, -7 / 2 = -3.
		{"SDIV_T1/round_to_zero", mr3(0xFB90F0F0), [4]uint32{0, 7, 0xFFFFFFFE}, 0,
			[4]uint32{0xFFFFFFFD, 7, 0xFFFFFFFE}, 0},
		{"SDIV_T1/negative_dividend", mr3(0xFB90F0F0), [4]uint32{0, 0xFFFFFFF9, 2}, 0,
			[4]uint32{0xFFFFFFFD, 0xFFFFFFF9, 2}, 0},
		// 0x80000000 / -1 overflows to 0x80000000 (A7.7 SDIV; no flag).
		{"SDIV_T1/INT_MIN_by_-1", mr3(0xFB90F0F0), [4]uint32{0, 0x80000000, 0xFFFFFFFF}, 0,
			[4]uint32{0x80000000, 0x80000000, 0xFFFFFFFF}, 0},
		// Divide by zero with CCR.DIV_0_TRP = 0 (reset) gives 0.
		{"SDIV_T1/by_zero", mr3(0xFB90F0F0), [4]uint32{5, 7, 0}, 0,
			[4]uint32{0, 7, 0}, 0},
		{"UDIV_T1", mr3(0xFBB0F0F0), [4]uint32{0, 0xFFFFFFFF, 2}, 0,
			[4]uint32{0x7FFFFFFF, 0xFFFFFFFF, 2}, 0},
		{"UDIV_T1/by_zero", mr3(0xFBB0F0F0), [4]uint32{5, 7, 0}, 0,
			[4]uint32{0, 7, 0}, 0},
	}
}

// TestExec_DivideCycles checks that the divides add the data-dependent cost of
// Timing.divCycles (base 2, one more per 4 significant quotient bits, timing.go).
func TestExec_DivideCycles(t *testing.T) {
	for _, tc := range []struct {
		name       string
		code       []uint16
		n, m       uint32
		wantCycles uint64
	}{
		{"UDIV_T1/quotient_0", mr3(0xFBB0F0F0), 0, 1, 2},
		{"UDIV_T1/quotient_32_bits", mr3(0xFBB0F0F0), 0xFFFFFFFF, 1, 2 + 8},
		{"UDIV_T1/quotient_4_bits", mr3(0xFBB0F0F0), 15, 1, 2 + 1},
		// SDIV counts the magnitude: -8 has 4 significant bits.
		{"SDIV_T1/quotient_-8", mr3(0xFB90F0F0), 0xFFFFFFF8, 1, 2 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCPU(t, tc.code...)
			c.R[1], c.R[2] = tc.n, tc.m
			stepN(t, c, 1)
			if c.Cycles != tc.wantCycles {
				t.Errorf("cycles = %d, want %d", c.Cycles, tc.wantCycles)
			}
		})
	}
}

// TestExec_DSPMultiply covers the halfword, word-by-halfword, most-significant-word and
// dual multiplies (A7.7 SMUL<x><y>, SMLA<x><y>, SMULW<y>, SMLAW<y>, SMLAL<x><y>, SMMUL,
// SMMLA, SMMLS, SMUAD, SMUSD, SMLAD, SMLSD, SMLALD, SMLSLD).
func TestExec_DSPMultiply(t *testing.T) { runMulCases(t, mulCasesDSP()) }

// mulCasesDSP are the cases of TestExec_DSPMultiply; TestExec_MulAgainstQEMU also runs them in QEMU.
func mulCasesDSP() []mulExecCase {
	return []mulExecCase{
		// SMULTB: top of r1 (0x8000 = -32768) * bottom of r2 (0xFFFF = -1) = 32768.
		{"SMULxy_T1/TB", mr3(0xFB10F020), [4]uint32{0, 0x80000005, 0x0003FFFF}, 0,
			[4]uint32{0x8000, 0x80000005, 0x0003FFFF}, 0},
		// SMULBB: -32768 * -32768 = 2^30 (the largest product).
		{"SMULxy_T1/BB_max", mr3(0xFB10F000), [4]uint32{0, 0x8000, 0x8000}, 0,
			[4]uint32{0x40000000, 0x8000, 0x8000}, 0},
		// SMULTT: -2 * 3 = -6.
		{"SMULxy_T1/TT", mr3(0xFB10F030), [4]uint32{0, 0xFFFE0000, 0x00030000}, 0,
			[4]uint32{0xFFFFFFFA, 0xFFFE0000, 0x00030000}, 0},
		// SMULBT: 0x7FFF * -0x8000 = -0x3FFF8000.
		{"SMULxy_T1/BT", mr3(0xFB10F010), [4]uint32{0, 0x7FFF, 0x80000000}, 0,
			[4]uint32{0xC0008000, 0x7FFF, 0x80000000}, 0},
		// SMLABB: 2^30 + 0x40000000 = 2^31 overflows: result 0x80000000, Q set.
		{"SMLAxy_T1/BB_overflow_Q", mr4(0xFB100000), [4]uint32{0, 0x8000, 0x8000, 0x40000000}, 0,
			[4]uint32{0x80000000, 0x8000, 0x8000, 0x40000000}, apsrQ},
		// SMLATT: 1*2 + 5 = 7; Q is sticky (stays set) and the other flags are kept.
		{"SMLAxy_T1/TT_Q_sticky", mr4(0xFB100030), [4]uint32{0, 0x00010000, 0x00020000, 5}, apsrQ | apsrZ | apsrGE(5),
			[4]uint32{7, 0x00010000, 0x00020000, 5}, apsrQ | apsrZ | apsrGE(5)},
		// SMULWB: -2^31 * 32767 = -(2^46 - 2^31); bits 47:16 = -(2^30 - 2^15) = 0xC0008000.
		{"SMULWy_T1/B", mr3(0xFB30F000), [4]uint32{0, 0x80000000, 0x00007FFF}, 0,
			[4]uint32{0xC0008000, 0x80000000, 0x00007FFF}, 0},
		// SMULWT: 1 * -1 = -1; bits 47:16 of -1 are all ones (the low bits are discarded,
		// not rounded).
		{"SMULWy_T1/T_floor", mr3(0xFB30F010), [4]uint32{0, 1, 0xFFFF0000}, 0,
			[4]uint32{0xFFFFFFFF, 1, 0xFFFF0000}, 0},
		// SMLAWB: 2^30*2 + (0x7FFFFFFF << 16) = 2^31 + 2^47 - 2^16; >> 16 = 0x80007FFF,
		// which does not fit in 32 signed bits: Q set.
		{"SMLAWy_T1/B_overflow_Q", mr4(0xFB300000), [4]uint32{0, 0x40000000, 2, 0x7FFFFFFF}, 0,
			[4]uint32{0x80007FFF, 0x40000000, 2, 0x7FFFFFFF}, apsrQ},
		// SMLAWB: (2^17*3 + 5<<16) >> 16 = 6 + 5.
		{"SMLAWy_T1/B", mr4(0xFB300000), [4]uint32{0, 0x00020000, 3, 5}, 0,
			[4]uint32{11, 0x00020000, 3, 5}, 0},
		// SMLALTB: top(r2) = -1 * bottom(r3) = 5 -> -5 added to 0:0.
		{"SMLALxy_T1/TB", ml(0xFBC000A0), [4]uint32{0, 0, 0xFFFF0000, 5}, 0,
			[4]uint32{0xFFFFFFFB, 0xFFFFFFFF, 0xFFFF0000, 5}, 0},
		// SMLALBB: 0x7FFFFFFF_FFFFFFFF + 2^30 wraps past the signed maximum: no Q.
		{"SMLALxy_T1/BB_no_Q", ml(0xFBC00080), [4]uint32{0xFFFFFFFF, 0x7FFFFFFF, 0x8000, 0x8000}, 0,
			[4]uint32{0x3FFFFFFF, 0x80000000, 0x8000, 0x8000}, 0},
		// SMMUL: 2^30 * 2^30 = 2^60: top word 0x10000000.
		{"SMMUL_T1", mr3(0xFB50F000), [4]uint32{0, 0x40000000, 0x40000000}, 0,
			[4]uint32{0x10000000, 0x40000000, 0x40000000}, 0},
		// 2^16 * 2^15 = 2^31: top word 0 without rounding, 1 with (+0x80000000).
		{"SMMUL_T1/truncates", mr3(0xFB50F000), [4]uint32{9, 0x00010000, 0x00008000}, 0,
			[4]uint32{0, 0x00010000, 0x00008000}, 0},
		{"SMMUL_T1/R_rounds", mr3(0xFB50F010), [4]uint32{9, 0x00010000, 0x00008000}, 0,
			[4]uint32{1, 0x00010000, 0x00008000}, 0},
		// -1 * 1 = -1: top word 0xFFFFFFFF; rounded: -1 + 2^31 -> top word 0.
		{"SMMUL_T1/negative", mr3(0xFB50F000), [4]uint32{9, 0xFFFFFFFF, 1}, 0,
			[4]uint32{0xFFFFFFFF, 0xFFFFFFFF, 1}, 0},
		{"SMMUL_T1/R_negative", mr3(0xFB50F010), [4]uint32{9, 0xFFFFFFFF, 1}, 0,
			[4]uint32{0, 0xFFFFFFFF, 1}, 0},
		// SMMLA: (1 << 32) + (-1) = 0xFFFFFFFF: top word 0; rounded: top word 1.
		{"SMMLA_T1", mr4(0xFB500000), [4]uint32{9, 0xFFFFFFFF, 1, 1}, 0,
			[4]uint32{0, 0xFFFFFFFF, 1, 1}, 0},
		{"SMMLA_T1/R", mr4(0xFB500010), [4]uint32{9, 0xFFFFFFFF, 1, 1}, 0,
			[4]uint32{1, 0xFFFFFFFF, 1, 1}, 0},
		// SMMLA: (0x7FFFFFFF << 32) + 2^30*2^30 exceeds 2^63; the pseudocode integer's
		// bits 63:32 are 0x7FFFFFFF + 0x10000000 = 0x8FFFFFFF.
		{"SMMLA_T1/beyond_int64", mr4(0xFB500000), [4]uint32{9, 0x40000000, 0x40000000, 0x7FFFFFFF}, 0,
			[4]uint32{0x8FFFFFFF, 0x40000000, 0x40000000, 0x7FFFFFFF}, 0},
		// SMMLS: (1 << 32) - 1*1 = 0xFFFFFFFF: top word 0; rounded: 1.
		{"SMMLS_T1", mr4(0xFB600000), [4]uint32{9, 1, 1, 1}, 0,
			[4]uint32{0, 1, 1, 1}, 0},
		{"SMMLS_T1/R", mr4(0xFB600010), [4]uint32{9, 1, 1, 1}, 0,
			[4]uint32{1, 1, 1, 1}, 0},
		// SMMLS: 0 - 1 = -1: top word 0xFFFFFFFF.
		{"SMMLS_T1/negative", mr4(0xFB600000), [4]uint32{9, 1, 1, 0}, 0,
			[4]uint32{0xFFFFFFFF, 1, 1, 0}, 0},
		// SMUAD: -32768*-32768 twice = 2^31 overflows: 0x80000000 and Q.
		{"SMUAD_T1/overflow_Q", mr3(0xFB20F000), [4]uint32{0, 0x80008000, 0x80008000}, 0,
			[4]uint32{0x80000000, 0x80008000, 0x80008000}, apsrQ},
		// SMUADX: r2 halves swapped to 0x00070005: 3*5 + 2*7 = 29.
		{"SMUAD_T1/X", mr3(0xFB20F010), [4]uint32{0, 0x00020003, 0x00050007}, 0,
			[4]uint32{29, 0x00020003, 0x00050007}, 0},
		// SMUSD: 3*7 - 2*5 = 11; SMUSDX: 3*5 - 2*7 = 1.
		{"SMUSD_T1", mr3(0xFB40F000), [4]uint32{0, 0x00020003, 0x00050007}, 0,
			[4]uint32{11, 0x00020003, 0x00050007}, 0},
		{"SMUSD_T1/X", mr3(0xFB40F010), [4]uint32{0, 0x00020003, 0x00050007}, 0,
			[4]uint32{1, 0x00020003, 0x00050007}, 0},
		// SMUSD: 2^30 - 2^30 = 0: no Q (the difference cannot overflow).
		{"SMUSD_T1/extremes_no_Q", mr3(0xFB40F000), [4]uint32{5, 0x80008000, 0x80008000}, 0,
			[4]uint32{0, 0x80008000, 0x80008000}, 0},
		// SMLAD: 21 + 10 + 100 = 131.
		{"SMLAD_T1", mr4(0xFB200000), [4]uint32{0, 0x00020003, 0x00050007, 100}, 0,
			[4]uint32{131, 0x00020003, 0x00050007, 100}, 0},
		// SMLAD: 2*0x3FFF0001 + 0x7FFFFFFF = 0xFFFE0001 > 2^31-1: Q.
		{"SMLAD_T1/overflow_Q", mr4(0xFB200000), [4]uint32{0, 0x7FFF7FFF, 0x7FFF7FFF, 0x7FFFFFFF}, 0,
			[4]uint32{0xFFFE0001, 0x7FFF7FFF, 0x7FFF7FFF, 0x7FFFFFFF}, apsrQ},
		// SMLSD: 21 - 10 + 100 = 111; SMLSDX: 15 - 14 + 100 = 101.
		{"SMLSD_T1", mr4(0xFB400000), [4]uint32{0, 0x00020003, 0x00050007, 100}, 0,
			[4]uint32{111, 0x00020003, 0x00050007, 100}, 0},
		{"SMLSD_T1/X", mr4(0xFB400010), [4]uint32{0, 0x00020003, 0x00050007, 100}, 0,
			[4]uint32{101, 0x00020003, 0x00050007, 100}, 0},
		// SMLSD: 0x7FFF*0x7FFF - (-0x8000*0x7FFF) + 0x10000000 = 0x8FFE8001: Q.
		{"SMLSD_T1/overflow_Q", mr4(0xFB400000), [4]uint32{0, 0x80007FFF, 0x7FFF7FFF, 0x10000000}, 0,
			[4]uint32{0x8FFE8001, 0x80007FFF, 0x7FFF7FFF, 0x10000000}, apsrQ},
		// SMLALD: 0x7FFFFFFF_FFFFFFFF + 1*1 + 1*1 wraps to 0x80000000_00000001, no Q.
		{"SMLALD_T1/wraps", ml(0xFBC000C0), [4]uint32{0xFFFFFFFF, 0x7FFFFFFF, 0x00010001, 0x00010001}, 0,
			[4]uint32{1, 0x80000000, 0x00010001, 0x00010001}, 0},
		// SMLALDX: 3*5 + 2*7 = 29.
		{"SMLALD_T1/X", ml(0xFBC000D0), [4]uint32{0, 0, 0x00020003, 0x00050007}, 0,
			[4]uint32{29, 0, 0x00020003, 0x00050007}, 0},
		// SMLSLD: 2*5 - 3*7 = -11 as 64 bits; SMLSLDX: 2*7 - 3*5 = -1.
		{"SMLSLD_T1/negative", ml(0xFBD000C0), [4]uint32{0, 0, 0x00030002, 0x00070005}, 0,
			[4]uint32{0xFFFFFFF5, 0xFFFFFFFF, 0x00030002, 0x00070005}, 0},
		{"SMLSLD_T1/X", ml(0xFBD000D0), [4]uint32{1, 0, 0x00030002, 0x00070005}, 0,
			[4]uint32{0, 0, 0x00030002, 0x00070005}, 0},
	}
}

// TestExec_Saturate covers SSAT, USAT, SSAT16, USAT16, QADD, QSUB, QDADD, QDSUB (A7.7).
func TestExec_Saturate(t *testing.T) { runMulCases(t, mulCasesSaturate()) }

// mulCasesSaturate are the cases of TestExec_Saturate; TestExec_MulAgainstQEMU also runs them in QEMU.
func mulCasesSaturate() []mulExecCase {
	const ssat, usat, ssat16, usat16 = 0xF3000000, 0xF3800000, 0xF3200000, 0xF3A00000
	return []mulExecCase{
		// SSAT r0, #8, r1 (sat_imm 7): 200 -> 127, -200 -> -128, both set Q; 100 fits.
		{"SSAT_T1/high", sat(ssat, 7, 0, 0), [4]uint32{0, 200}, 0, [4]uint32{127, 200}, apsrQ},
		{"SSAT_T1/low", sat(ssat, 7, 0, 0), [4]uint32{0, 0xFFFFFF38}, 0, [4]uint32{0xFFFFFF80, 0xFFFFFF38}, apsrQ},
		{"SSAT_T1/fits", sat(ssat, 7, 0, 0), [4]uint32{0, 100}, apsrN, [4]uint32{100, 100}, apsrN},
		// SSAT r0, #16, r1, lsl #4: 0x1000 << 4 = 0x10000 -> 0x7FFF.
		{"SSAT_T1/lsl", sat(ssat, 15, 0, 4), [4]uint32{0, 0x1000}, 0, [4]uint32{0x7FFF, 0x1000}, apsrQ},
		// SSAT r0, #1, r1, asr #31: 0x80000000 -> -1, which fits in 1 signed bit.
		{"SSAT_T1/asr31_to_1_bit", sat(ssat, 0, 1, 31), [4]uint32{0, 0x80000000}, 0, [4]uint32{0xFFFFFFFF, 0x80000000}, 0},
		// SSAT r0, #32, r1, lsl #1: the shift is 32-bit, 0xC0000000 << 1 = 0x80000000 fits.
		{"SSAT_T1/32_lsl_is_32bit", sat(ssat, 31, 0, 1), [4]uint32{0, 0xC0000000}, 0, [4]uint32{0x80000000, 0xC0000000}, 0},
		// USAT r0, #8, r1: 300 -> 255, -1 -> 0.
		{"USAT_T1/high", sat(usat, 8, 0, 0), [4]uint32{0, 300}, 0, [4]uint32{255, 300}, apsrQ},
		{"USAT_T1/negative", sat(usat, 8, 0, 0), [4]uint32{0, 0xFFFFFFFF}, 0, [4]uint32{0, 0xFFFFFFFF}, apsrQ},
		// USAT r0, #0: only 0 fits.
		{"USAT_T1/0_bits", sat(usat, 0, 0, 0), [4]uint32{9, 1}, 0, [4]uint32{0, 1}, apsrQ},
		// USAT r0, #31, r1, asr #1: 0x80000000 asr 1 = 0xC0000000 < 0 -> 0.
		{"USAT_T1/asr", sat(usat, 31, 1, 1), [4]uint32{9, 0x80000000}, 0, [4]uint32{0, 0x80000000}, apsrQ},
		{"USAT_T1/fits_Q_sticky", sat(usat, 16, 0, 0), [4]uint32{9, 0xFFFF}, apsrQ, [4]uint32{0xFFFF, 0xFFFF}, apsrQ},
		// SSAT16 r0, #8, r1: low 0xFF00 = -256 -> -128 (0xFF80); high 0x0100 = 256 -> 127.
		{"SSAT16_T1", sat(ssat16, 7, 0, 0), [4]uint32{0, 0x0100FF00}, 0, [4]uint32{0x007FFF80, 0x0100FF00}, apsrQ},
		{"SSAT16_T1/16_bits_no_Q", sat(ssat16, 15, 0, 0), [4]uint32{0, 0x80007FFF}, 0, [4]uint32{0x80007FFF, 0x80007FFF}, 0},
		// USAT16 r0, #8, r1: -256 -> 0, 256 -> 255.
		{"USAT16_T1", sat(usat16, 8, 0, 0), [4]uint32{0, 0x0100FF00}, 0, [4]uint32{0x00FF0000, 0x0100FF00}, apsrQ},
		// USAT16 r0, #15, r1: -32768 -> 0 (Q); 0x7FFF fits in 15 bits.
		{"USAT16_T1/15", sat(usat16, 15, 0, 0), [4]uint32{0, 0x7FFF8000}, 0, [4]uint32{0x7FFF0000, 0x7FFF8000}, apsrQ},
		// QADD r0, r2, r1 (mr3: Rn = r1, Rm = r2): R[m] + R[n].
		{"QADD_T1/saturates", mr3(0xFA80F080), [4]uint32{0, 1, 0x7FFFFFFF}, 0, [4]uint32{0x7FFFFFFF, 1, 0x7FFFFFFF}, apsrQ},
		{"QADD_T1/negative_saturates", mr3(0xFA80F080), [4]uint32{0, 0xFFFFFFFF, 0x80000000}, 0, [4]uint32{0x80000000, 0xFFFFFFFF, 0x80000000}, apsrQ},
		{"QADD_T1/fits", mr3(0xFA80F080), [4]uint32{0, 0xFFFFFFFD, 5}, 0, [4]uint32{2, 0xFFFFFFFD, 5}, 0},
		// QSUB: R[m] - R[n]: 0x80000000 - 1 saturates; 5 - 7 = -2.
		{"QSUB_T1/saturates", mr3(0xFA80F0A0), [4]uint32{0, 1, 0x80000000}, 0, [4]uint32{0x80000000, 1, 0x80000000}, apsrQ},
		{"QSUB_T1/fits", mr3(0xFA80F0A0), [4]uint32{0, 7, 5}, 0, [4]uint32{0xFFFFFFFE, 7, 5}, 0},
		// QDADD: 2*0x40000000 saturates to 0x7FFFFFFF (Q), then -1 + that = 0x7FFFFFFE.
		{"QDADD_T1/doubling_saturates", mr3(0xFA80F090), [4]uint32{0, 0x40000000, 0xFFFFFFFF}, 0, [4]uint32{0x7FFFFFFE, 0x40000000, 0xFFFFFFFF}, apsrQ},
		{"QDADD_T1/fits", mr3(0xFA80F090), [4]uint32{0, 0x20000000, 1}, 0, [4]uint32{0x40000001, 0x20000000, 1}, 0},
		// QDSUB: 2*-2^30 = -2^31 fits; 0 - (-2^31) = 2^31 saturates.
		{"QDSUB_T1/sub_saturates", mr3(0xFA80F0B0), [4]uint32{0, 0xC0000000, 0}, 0, [4]uint32{0x7FFFFFFF, 0xC0000000, 0}, apsrQ},
		{"QDSUB_T1/fits", mr3(0xFA80F0B0), [4]uint32{0, 3, 10}, 0, [4]uint32{4, 3, 10}, 0},
	}
}

// TestExec_Parallel covers the 36 parallel add/subtract instructions (A5.3.13, A5.3.14;
// A7.7 SADD16 … UHSUB8), with r0 = op(r1, r2). Modulo forms set GE (signed: result >= 0;
// unsigned sums: result >= 0x10000 or 0x100; unsigned differences: result >= 0); the
// saturating and halving forms leave GE (here preset to 0b1010) and Q alone.
func TestExec_Parallel(t *testing.T) { runMulCases(t, mulCasesParallel()) }

// mulCasesParallel are the cases of TestExec_Parallel; TestExec_MulAgainstQEMU also runs them in QEMU.
func mulCasesParallel() []mulExecCase {
	const ge = 0b1010 << 16
	c := func(name string, op1, u, op2 uint32, n, m, want, wantAPSR uint32) mulExecCase {
		return mulExecCase{name, par(op1, u, op2), [4]uint32{0x5A5A5A5A, n, m, 0x77}, ge,
			[4]uint32{want, n, m, 0x77}, wantAPSR}
	}
	return []mulExecCase{
		// SADD16: hi 0x7FFF+1 = 32768 >= 0, lo 1-1 = 0 >= 0.
		c("SADD16_T1/GE_set", pADD16, 0, 0, 0x7FFF0001, 0x0001FFFF, 0x80000000, apsrGE(0b1111)),
		// hi -32768-1 = -32769 (low bits 0x7FFF), lo 1-2 = -1: both negative.
		c("SADD16_T1/GE_clear", pADD16, 0, 0, 0x80000001, 0xFFFFFFFE, 0x7FFFFFFF, 0),
		// SASX: lo = 3 - 4 = -1, hi = 5 + 1 = 6.
		c("SASX_T1", pASX, 0, 0, 0x00050003, 0x00040001, 0x0006FFFF, apsrGE(0b1100)),
		// SSAX: lo = 3 + 4 = 7, hi = 0 - 1 = -1.
		c("SSAX_T1", pSAX, 0, 0, 0x00000003, 0x00040001, 0xFFFF0007, apsrGE(0b0011)),
		// SSUB16: lo = 2 - 1, hi = 1 - 2.
		c("SSUB16_T1", pSUB16, 0, 0, 0x00010002, 0x00020001, 0xFFFF0001, apsrGE(0b0011)),
		// SADD8: bytes 1+1=2, -1+1=0, -128-1=-129 (0x7F), 127+1=128 (0x80).
		c("SADD8_T1", pADD8, 0, 0, 0x7F80FF01, 0x01FF0101, 0x807F0002, apsrGE(0b1011)),
		// SSUB8: bytes -128-1=-129 (0x7F), 127+1=128 (0x80), 1-0=1, 0-1=-1.
		c("SSUB8_T1", pSUB8, 0, 0, 0x00017F80, 0x0100FF01, 0xFF01807F, apsrGE(0b0110)),
		c("QADD16_T1", pADD16, 0, 1, 0x7FFF8000, 0x0001FFFF, 0x7FFF8000, ge),
		// QASX: lo = -32768 - 1 -> 0x8000, hi = 0x7FFF + 1 -> 0x7FFF.
		c("QASX_T1", pASX, 0, 1, 0x7FFF8000, 0x00010001, 0x7FFF8000, ge),
		// QSAX: lo = 0x7FFF + 1 -> 0x7FFF, hi = -32768 - 1 -> 0x8000.
		c("QSAX_T1", pSAX, 0, 1, 0x80007FFF, 0x00010001, 0x80007FFF, ge),
		c("QSUB16_T1", pSUB16, 0, 1, 0x80000005, 0x00010007, 0x8000FFFE, ge),
		c("QADD8_T1", pADD8, 0, 1, 0x7F80FF01, 0x01FF0101, 0x7F800002, ge),
		c("QSUB8_T1", pSUB8, 0, 1, 0x00017F80, 0x0100FF01, 0xFF017F80, ge),
		// SHADD16: (0x7FFF+0x7FFF)>>1 = 0x7FFF, (-32768-32768)>>1 = -32768.
		c("SHADD16_T1", pADD16, 0, 2, 0x7FFF8000, 0x7FFF8000, 0x7FFF8000, ge),
		// halving keeps bits <16:1>: -1 >> 1 = -1 (0xFFFF), 3 >> 1 = 1.
		c("SHADD16_T1/floor", pADD16, 0, 2, 0x0003FFFF, 0, 0x0001FFFF, ge),
		c("SHASX_T1", pASX, 0, 2, 0x00050003, 0x00040001, 0x0003FFFF, ge),
		c("SHSAX_T1", pSAX, 0, 2, 0x00050003, 0x00040001, 0x00020003, ge),
		// SHSUB16: hi (-32768 - 32767) >> 1 = -32768, lo (0 - 1) >> 1 = -1.
		c("SHSUB16_T1", pSUB16, 0, 2, 0x80000000, 0x7FFF0001, 0x8000FFFF, ge),
		// SHADD8: 2>>1, 0, -129>>1 = -65 (0xBF), 128>>1 = 64.
		c("SHADD8_T1", pADD8, 0, 2, 0x7F80FF01, 0x01FF0101, 0x40BF0001, ge),
		// SHSUB8: -129>>1 = -65, 128>>1 = 64, 1>>1 = 0, -1>>1 = -1.
		c("SHSUB8_T1", pSUB8, 0, 2, 0x00017F80, 0x0100FF01, 0xFF0040BF, ge),
		// UADD16: hi 0xFFFF + 1 carries (GE 11), lo 1 + 1 does not.
		c("UADD16_T1", pADD16, 1, 0, 0xFFFF0001, 0x00010001, 0x00000002, apsrGE(0b1100)),
		// UASX: lo = 3 - 4 < 0 (GE 00), hi = 0xFFFF + 1 >= 0x10000 (GE 11).
		c("UASX_T1", pASX, 1, 0, 0xFFFF0003, 0x00040001, 0x0000FFFF, apsrGE(0b1100)),
		// USAX: lo = 0xFFFF + 1 >= 0x10000 (GE 11), hi = 5 - 6 < 0 (GE 00).
		c("USAX_T1", pSAX, 1, 0, 0x0005FFFF, 0x00010006, 0xFFFF0000, apsrGE(0b0011)),
		// USUB16: lo 2 - 2 = 0 >= 0 (GE 11), hi 1 - 2 < 0.
		c("USUB16_T1", pSUB16, 1, 0, 0x00010002, 0x00020002, 0xFFFF0000, apsrGE(0b0011)),
		// UADD8: 1+1 = 2 (no carry), 1+255, 128+128, 255+1 all carry.
		c("UADD8_T1", pADD8, 1, 0, 0xFF800101, 0x0180FF01, 0x00000002, apsrGE(0b1110)),
		// USUB8: 2-1, 1-2 (borrow), 255-254, 0-1 (borrow).
		c("USUB8_T1", pSUB8, 1, 0, 0x00FF0102, 0x01FE0201, 0xFF01FF01, apsrGE(0b0101)),
		c("UQADD16_T1", pADD16, 1, 1, 0xFFFF0001, 0x00010001, 0xFFFF0002, ge),
		c("UQASX_T1", pASX, 1, 1, 0xFFFF0003, 0x00040001, 0xFFFF0000, ge),
		c("UQSAX_T1", pSAX, 1, 1, 0x0005FFFF, 0x00010006, 0x0000FFFF, ge),
		c("UQSUB16_T1", pSUB16, 1, 1, 0x00010005, 0x00020003, 0x00000002, ge),
		c("UQADD8_T1", pADD8, 1, 1, 0xFF800101, 0x0180FF01, 0xFFFFFF02, ge),
		c("UQSUB8_T1", pSUB8, 1, 1, 0x00FF0102, 0x01FE0201, 0x00010001, ge),
		// UHADD16: (0xFFFF + 0xFFFF) >> 1 = 0xFFFF, (1 + 2) >> 1 = 1.
		c("UHADD16_T1", pADD16, 1, 2, 0xFFFF0001, 0xFFFF0002, 0xFFFF0001, ge),
		// UHASX: lo (3 - 4) >> 1 = -1 (0xFFFF), hi (0xFFFF + 1) >> 1 = 0x8000.
		c("UHASX_T1", pASX, 1, 2, 0xFFFF0003, 0x00040001, 0x8000FFFF, ge),
		c("UHSAX_T1", pSAX, 1, 2, 0x0005FFFF, 0x00010006, 0xFFFF8000, ge),
		// UHSUB16: hi (0 - 0xFFFF) >> 1 = -32768 (0x8000), lo (0 - 1) >> 1 = -1.
		c("UHSUB16_T1", pSUB16, 1, 2, 0x00000000, 0xFFFF0001, 0x8000FFFF, ge),
		c("UHADD8_T1", pADD8, 1, 2, 0xFF800101, 0x0180FF01, 0x80808001, ge),
		c("UHSUB8_T1", pSUB8, 1, 2, 0x00FF0102, 0x01FE0201, 0xFF00FF00, ge),
	}
}

// TestExec_SelPackExtend covers SEL, USAD8, USADA8, PKHBT, PKHTB and the extends (A7.7).
func TestExec_SelPackExtend(t *testing.T) { runMulCases(t, mulCasesSelPackExtend()) }

// mulCasesSelPackExtend are the cases of TestExec_SelPackExtend; TestExec_MulAgainstQEMU also runs them in QEMU.
func mulCasesSelPackExtend() []mulExecCase {
	return []mulExecCase{
		// GE = 0101: bytes 0 and 2 from r1, bytes 1 and 3 from r2.
		{"SEL_T1", mr3(0xFAA0F080), [4]uint32{0, 0x11223344, 0xAABBCCDD}, apsrGE(0b0101),
			[4]uint32{0xAA22CC44, 0x11223344, 0xAABBCCDD}, apsrGE(0b0101)},
		// |1-255| + |255-1| + |0-0| + |0x10-0x20| = 254 + 254 + 0 + 16 = 524.
		{"USAD8_T1", mr3(0xFB70F000), [4]uint32{0, 0x01FF0010, 0xFF010020}, 0,
			[4]uint32{524, 0x01FF0010, 0xFF010020}, 0},
		{"USADA8_T1/wraps", mr4(0xFB700000), [4]uint32{0, 0x01FF0010, 0xFF010020, 0xFFFFFFFF}, 0,
			[4]uint32{523, 0x01FF0010, 0xFF010020, 0xFFFFFFFF}, 0},
		// PKHBT r0, r1, r2, lsl #8: top half of 0x00AB0CD0 << 8 = 0xAB0CD000, bottom of r1.
		{"PKHBT_T1/lsl8", pkh(0, 8), [4]uint32{0, 0x11112222, 0x00AB0CD0}, 0,
			[4]uint32{0xAB0C2222, 0x11112222, 0x00AB0CD0}, 0},
		{"PKHBT_T1/no_shift", pkh(0, 0), [4]uint32{0, 0x11112222, 0x33334444}, 0,
			[4]uint32{0x33332222, 0x11112222, 0x33334444}, 0},
		// PKHTB r0, r1, r2, asr #4: 0x8000ABCD asr 4 = 0xF8000ABC; bottom 0x0ABC, top of r1.
		{"PKHTB_T1/asr4", pkh(1, 4), [4]uint32{0, 0x11112222, 0x8000ABCD}, 0,
			[4]uint32{0x11110ABC, 0x11112222, 0x8000ABCD}, 0},
		// PKHTB with imm 0 is ASR #32: all sign bits.
		{"PKHTB_T1/asr32", pkh(1, 0), [4]uint32{0, 0x11112222, 0x80000000}, 0,
			[4]uint32{0x1111FFFF, 0x11112222, 0x80000000}, 0},
		{"SXTB_T1", []uint16{0xB248}, [4]uint32{0, 0x00000080}, 0, [4]uint32{0xFFFFFF80, 0x80}, 0},
		{"SXTH_T1", []uint16{0xB208}, [4]uint32{0, 0x00018000}, 0, [4]uint32{0xFFFF8000, 0x00018000}, 0},
		{"UXTB_T1", []uint16{0xB2C8}, [4]uint32{0, 0x12345678}, 0, [4]uint32{0x78, 0x12345678}, 0},
		{"UXTH_T1", []uint16{0xB288}, [4]uint32{0, 0x12345678}, 0, [4]uint32{0x5678, 0x12345678}, 0},
		// SXTB.W r0, r1, ror #8: 0x00008000 ror 8 = 0x00000080.
		{"SXTB_T2/ror8", ext(0xFA4FF080, 1), [4]uint32{0, 0x00008000}, 0, [4]uint32{0xFFFFFF80, 0x00008000}, 0},
		// SXTH.W ror #16: 0x80000000 ror 16 = 0x00008000.
		{"SXTH_T2/ror16", ext(0xFA0FF080, 2), [4]uint32{0, 0x80000000}, 0, [4]uint32{0xFFFF8000, 0x80000000}, 0},
		// UXTB.W ror #24: 0x12345678 ror 24 = 0x34567812.
		{"UXTB_T2/ror24", ext(0xFA5FF080, 3), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x12, 0x12345678}, 0},
		// UXTH.W ror #8: 0x78123456.
		{"UXTH_T2/ror8", ext(0xFA1FF080, 1), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x3456, 0x12345678}, 0},
		{"SXTB16_T1", ext(0xFA2FF080, 0), [4]uint32{0, 0x00800080}, 0, [4]uint32{0xFF80FF80, 0x00800080}, 0},
		{"SXTB16_T1/ror8", ext(0xFA2FF080, 1), [4]uint32{0, 0x80008000}, 0, [4]uint32{0xFF80FF80, 0x80008000}, 0},
		{"UXTB16_T1", ext(0xFA3FF080, 0), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x00340078, 0x12345678}, 0},
		// 0x12345678 ror 24 = 0x34567812: bytes 0 and 2 are 0x12 and 0x56.
		{"UXTB16_T1/ror24", ext(0xFA3FF080, 3), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x00560012, 0x12345678}, 0},
		// SXTAB: 0x10 + SignExtend(0x80) = 0x10 - 0x80.
		{"SXTAB_T1", ext(0xFA40F080, 0), [4]uint32{0, 0x10, 0x80}, 0, [4]uint32{0xFFFFFF90, 0x10, 0x80}, 0},
		{"SXTAH_T1", ext(0xFA00F080, 0), [4]uint32{0, 0x10000, 0xFFFF}, 0, [4]uint32{0xFFFF, 0x10000, 0xFFFF}, 0},
		{"UXTAB_T1/wraps", ext(0xFA50F080, 0), [4]uint32{0, 0xFFFFFFFF, 0x101}, 0, [4]uint32{0, 0xFFFFFFFF, 0x101}, 0},
		// UXTAH ror #16: 1 + 0xABCD.
		{"UXTAH_T1/ror16", ext(0xFA10F080, 2), [4]uint32{0, 1, 0xABCD0000}, 0, [4]uint32{0xABCE, 1, 0xABCD0000}, 0},
		// SXTAB16: low 0xFFFF + 0x0001 = 0x0000 (no carry into the top), high 0x0001 + 0xFF80.
		{"SXTAB16_T1/halves_independent", ext(0xFA20F080, 0), [4]uint32{0, 0x0001FFFF, 0x00800001}, 0,
			[4]uint32{0xFF810000, 0x0001FFFF, 0x00800001}, 0},
		// UXTAB16: low 0x0001 + 0x00FF = 0x0100, high 0xFFFF + 0x00FF = 0x100FE -> 0x00FE.
		{"UXTAB16_T1", ext(0xFA30F080, 0), [4]uint32{0, 0xFFFF0001, 0x00FF00FF}, 0,
			[4]uint32{0x00FE0100, 0xFFFF0001, 0x00FF00FF}, 0},
	}
}

// TestExec_BitOps covers BFC, BFI, SBFX, UBFX, CLZ, RBIT, REV, REV16, REVSH (A7.7).
func TestExec_BitOps(t *testing.T) { runMulCases(t, mulCasesBitOps()) }

// mulCasesBitOps are the cases of TestExec_BitOps; TestExec_MulAgainstQEMU also runs them in QEMU.
func mulCasesBitOps() []mulExecCase {
	const bfc, bfi, sbfx, ubfx = 0xF36F0000, 0xF3600000, 0xF3400000, 0xF3C00000
	return []mulExecCase{
		// BFC r0, #4, #8 (msb 11).
		{"BFC_T1", bitfield(bfc, 4, 11), [4]uint32{0xFFFFFFFF}, 0, [4]uint32{0xFFFFF00F}, 0},
		{"BFC_T1/all", bitfield(bfc, 0, 31), [4]uint32{0xFFFFFFFF}, 0, [4]uint32{0}, 0},
		// BFI r0, r1, #8, #8 (msb 15).
		{"BFI_T1", bitfield(bfi, 8, 15), [4]uint32{0x11111111, 0x000000AB}, 0, [4]uint32{0x1111AB11, 0xAB}, 0},
		{"BFI_T1/bit31", bitfield(bfi, 31, 31), [4]uint32{0, 0xFFFFFFFF}, 0, [4]uint32{0x80000000, 0xFFFFFFFF}, 0},
		{"BFI_T1/whole_word", bitfield(bfi, 0, 31), [4]uint32{0x12345678, 0xDEADBEEF}, 0, [4]uint32{0xDEADBEEF, 0xDEADBEEF}, 0},
		// SBFX r0, r1, #4, #8 (widthminus1 7): bits 11:4 of 0xF80 = 0xF8 = -8.
		{"SBFX_T1", bitfield(sbfx, 4, 7), [4]uint32{0, 0xF80}, 0, [4]uint32{0xFFFFFFF8, 0xF80}, 0},
		{"SBFX_T1/whole_word", bitfield(sbfx, 0, 31), [4]uint32{0, 0x87654321}, 0, [4]uint32{0x87654321, 0x87654321}, 0},
		{"SBFX_T1/bit31", bitfield(sbfx, 31, 0), [4]uint32{0, 0x80000000}, 0, [4]uint32{0xFFFFFFFF, 0x80000000}, 0},
		{"UBFX_T1", bitfield(ubfx, 4, 7), [4]uint32{0, 0xF80}, 0, [4]uint32{0xF8, 0xF80}, 0},
		{"UBFX_T1/whole_word", bitfield(ubfx, 0, 31), [4]uint32{0, 0x87654321}, 0, [4]uint32{0x87654321, 0x87654321}, 0},
		{"UBFX_T1/bit31", bitfield(ubfx, 31, 0), [4]uint32{0, 0x80000000}, 0, [4]uint32{1, 0x80000000}, 0},
		{"CLZ_T1/zero", twice(0xFAB0F080), [4]uint32{0, 0}, 0, [4]uint32{32, 0}, 0},
		{"CLZ_T1/one", twice(0xFAB0F080), [4]uint32{0, 1}, 0, [4]uint32{31, 1}, 0},
		{"CLZ_T1/top", twice(0xFAB0F080), [4]uint32{9, 0x80000000}, 0, [4]uint32{0, 0x80000000}, 0},
		// RBIT 0x12345678: reversed bit string 0x1E6A2C48.
		{"RBIT_T1", twice(0xFA90F0A0), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x1E6A2C48, 0x12345678}, 0},
		{"REV_T1", []uint16{0xBA08}, [4]uint32{0, 0x12345678}, 0, [4]uint32{0x78563412, 0x12345678}, 0},
		{"REV_T2", twice(0xFA90F080), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x78563412, 0x12345678}, 0},
		{"REV16_T1", []uint16{0xBA48}, [4]uint32{0, 0x12345678}, 0, [4]uint32{0x34127856, 0x12345678}, 0},
		{"REV16_T2", twice(0xFA90F090), [4]uint32{0, 0x12345678}, 0, [4]uint32{0x34127856, 0x12345678}, 0},
		// REVSH: SignExtend(R[m]<7:0>:R[m]<15:8>) = SignExtend(0x8056).
		{"REVSH_T1", []uint16{0xBAC8}, [4]uint32{0, 0x12345680}, 0, [4]uint32{0xFFFF8056, 0x12345680}, 0},
		{"REVSH_T2", twice(0xFA90F0B0), [4]uint32{0, 0x00007F01}, 0, [4]uint32{0x0000017F, 0x00007F01}, 0},
	}
}

// TestExec_MulUnpredictable checks the behaviour chosen for UNPREDICTABLE encodings
// (QEMU's, see cpu/thumb/mul.go).
func TestExec_MulUnpredictable(t *testing.T) {
	t.Run("SBFX_T1/lsb+width>32_is_undefined", func(t *testing.T) {
		c := newTestCPU(t, bitfield(0xF3400000, 31, 1)...) // sbfx r0, r1, #31, #2
		c.R[0] = 7
		s := c.Step()
		if s == nil || s.Reason != StopFault || s.Fault.Kind != FaultUndefInstr {
			t.Fatalf("stop = %+v, want an UNDEFINSTR fault", s)
		}
		if c.R[0] != 7 || c.PC() != 0x100 {
			t.Errorf("r0 = %#x, pc = %#x: the instruction must have no effect", c.R[0], c.PC())
		}
	})
	t.Run("BFI_T1/msb<lsb_is_undefined", func(t *testing.T) {
		c := newTestCPU(t, bitfield(0xF3600000, 4, 0)...) // bfi r0, r1, #4, #-3
		s := c.Step()
		if s == nil || s.Reason != StopFault || s.Fault.Kind != FaultUndefInstr {
			t.Fatalf("stop = %+v, want an UNDEFINSTR fault", s)
		}
	})
	t.Run("MUL_T2/Rd=PC_branches", func(t *testing.T) {
		// mul.w pc, r1, r2: 1 * 0x201 = 0x201, a branch to 0x200 (bit 0 ignored).
		c := newTestCPU(t, thumb32(0xFB00F000|1<<16|15<<8|2)...)
		c.R[1], c.R[2] = 1, 0x201
		stepN(t, c, 1)
		if c.PC() != 0x200 {
			t.Errorf("pc = %#x, want 0x200", c.PC())
		}
	})
	t.Run("MUL_T2/Rd=SP_word_aligned", func(t *testing.T) {
		c := newTestCPU(t, thumb32(0xFB00F000|1<<16|13<<8|2)...)
		c.R[1], c.R[2] = 1, 0x20001003
		stepN(t, c, 1)
		if c.R[13] != 0x20001000 {
			t.Errorf("sp = %#x, want 0x20001000", c.R[13])
		}
	})
	t.Run("UMULL_T1/RdHi=RdLo_gets_high_word", func(t *testing.T) {
		c := newTestCPU(t, thumb32(0xFBA00000|2<<16|0<<12|0<<8|3)...) // umull r0, r0, r2, r3
		c.R[2], c.R[3] = 0x10000, 0x30000                             // 3 * 2^32
		stepN(t, c, 1)
		if c.R[0] != 3 {
			t.Errorf("r0 = %#x, want 3 (RdHi written last)", c.R[0])
		}
	})
	t.Run("CLZ_T1/Rn!=Rm_uses_hw2_Rm", func(t *testing.T) {
		c := newTestCPU(t, thumb32(0xFAB0F080|2<<16|1)...) // hw1 says r2, hw2 says r1
		c.R[1], c.R[2] = 1, 0
		stepN(t, c, 1)
		if c.R[0] != 31 {
			t.Errorf("r0 = %d, want 31 (CLZ of r1)", c.R[0])
		}
	})
}

// TestExec_MulRegistered checks that every op of the group has an execute function.
func TestExec_MulRegistered(t *testing.T) {
	for op := thumb.OpMUL; op <= thumb.OpREVSH; op++ {
		if execTable[op] == nil {
			t.Errorf("%v has no execute function", op)
		}
	}
}

// ---- Differential test against QEMU ----

// mulQEMUTemplates are the instructions run in QEMU and in m7emu on random inputs:
// r0–r3 hold the operands (d = r0, RdHi/Ra = r1, n = r2, m = r3) and every result lands in
// r0–r3. "{a|b}" lists alternatives and "{lo-hi}" ranges of immediates (see expandTemplate).
var mulQEMUTemplates = []string{
	"muls r0, r2, r0", "mul r0, r2, r3", "mla r0, r2, r3, r1", "mls r0, r2, r3, r1", "mla r2, r2, r2, r2",
	"umull r0, r1, r2, r3", "smull r0, r1, r2, r3", "umlal r0, r1, r2, r3", "smlal r0, r1, r2, r3",
	"umaal r0, r1, r2, r3", "umlal r2, r3, r2, r3", "sdiv r0, r2, r3", "udiv r0, r2, r3",
	"smul{bb|bt|tb|tt} r0, r2, r3", "smla{bb|bt|tb|tt} r0, r2, r3, r1", "smulw{b|t} r0, r2, r3",
	"smlaw{b|t} r0, r2, r3, r1", "smlal{bb|bt|tb|tt} r0, r1, r2, r3",
	"smmul{|r} r0, r2, r3", "smmla{|r} r0, r2, r3, r1", "smmls{|r} r0, r2, r3, r1",
	"smuad{|x} r0, r2, r3", "smusd{|x} r0, r2, r3", "smlad{|x} r0, r2, r3, r1", "smlsd{|x} r0, r2, r3, r1",
	"smlald{|x} r0, r1, r2, r3", "smlsld{|x} r0, r1, r2, r3",
	"ssat r0, #{1-32}, r2", "ssat r0, #{1-32}, r2, lsl #{1-31}", "ssat r0, #{1-32}, r2, asr #{1-31}",
	"usat r0, #{0-31}, r2", "usat r0, #{0-31}, r2, lsl #{1-31}", "usat r0, #{0-31}, r2, asr #{1-31}",
	"ssat16 r0, #{1-16}, r2", "usat16 r0, #{0-15}, r2",
	"q{add|sub|dadd|dsub} r0, r2, r3",
	"{s|q|sh|u|uq|uh}{add16|asx|sax|sub16|add8|sub8} r0, r2, r3",
	"sel r0, r2, r3", "usad8 r0, r2, r3", "usada8 r0, r2, r3, r1",
	"pkhbt r0, r2, r3", "pkhbt r0, r2, r3, lsl #{1-31}", "pkhtb r0, r2, r3, asr #{1-32}",
	"{sxtb|sxth|uxtb|uxth} r0, r3", "{sxtb|sxth|uxtb|uxth}.w r0, r3, ror #{8|16|24}",
	"{sxtb16|uxtb16} r0, r3{|, ror #8|, ror #16|, ror #24}",
	"{sxtab|sxtah|uxtab|uxtah|sxtab16|uxtab16} r0, r2, r3{|, ror #8|, ror #16|, ror #24}",
	"bfc r0, #{0-31}, #1", "bfc r0, #0, #{1-32}", "bfi r0, r2, #{0-31}, #1", "bfi r0, r2, #0, #{1-32}",
	"bfi r0, r2, #8, #{1-24}", "sbfx r0, r2, #{0-31}, #1", "sbfx r0, r2, #0, #{1-32}", "sbfx r0, r2, #4, #{1-28}",
	"ubfx r0, r2, #{0-31}, #1", "ubfx r0, r2, #0, #{1-32}", "ubfx r0, r2, #7, #{1-25}",
	"{clz|rbit|rev|rev16|revsh} r0, r3", "{rev|rev16|revsh}.w r0, r3",
}

// expandTemplate expands "{a|b}" alternatives and "{lo-hi}" ranges into all variants.
func expandTemplate(s string) []string {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return []string{s}
	}
	j := i + strings.IndexByte(s[i:], '}')
	var alts []string
	body := s[i+1 : j]
	if lo, hi, ok := strings.Cut(body, "-"); ok {
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		for v := a; v <= b; v++ {
			alts = append(alts, strconv.Itoa(v))
		}
	} else {
		alts = strings.Split(body, "|")
	}
	var out []string
	for _, a := range alts {
		out = append(out, expandTemplate(s[:i]+a+s[j+1:])...)
	}
	return out
}

// mulInterestingValues are operand values near the edges of the saturations and lanes.
var mulInterestingValues = []uint32{
	0, 1, 2, 0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001, 0x7FFF7FFF, 0x80008000,
	0x00007FFF, 0x00008000, 0xFFFF8000, 0x00010000, 0xFFFF0000, 0x0000FFFF, 0x7F7F7F7F, 0x80808080,
	0xFF00FF00, 0x00FF00FF, 0x01010101, 0x7F807F80, 0x40000000, 0xC0000000, 0x00000100, 0x12345678,
}

// negLanes negates each w-bit lane of v modulo 2^w.
func negLanes(v uint32, w uint) uint32 {
	var r uint32
	mask := uint32(1)<<w - 1
	for i := uint(0); i < 32; i += w {
		r |= (-(v >> i) & mask) << i
	}
	return r
}

type mulQEMUCase struct {
	asm  string
	in   [4]uint32
	apsr uint32
	// want, if set, is the hand-computed r0–r3 and APSR of a table case, checked
	// against QEMU too.
	want *[5]uint32
	name string
}

func mulRandomValue(rng *rand.Rand) uint32 {
	switch rng.IntN(4) {
	case 0:
		return mulInterestingValues[rng.IntN(len(mulInterestingValues))]
	case 1: // lanes taken from the interesting values
		var v uint32
		for i := 0; i < 4; i++ {
			v |= mulInterestingValues[rng.IntN(len(mulInterestingValues))] & (0xFF << (8 * i))
		}
		return v
	case 2: // small signed
		return uint32(rng.IntN(512) - 256)
	}
	return rng.Uint32()
}

// TestExec_MulAgainstQEMU runs every instruction form of the group on random inputs in
// QEMU (qemu-system-arm -M mps2-an500, a Cortex-M7) and in m7emu, and compares r0–r3 and
// the APSR (N Z C V Q GE) after each. QEMU is an independent implementation of the same
// pseudocode. Needs arm-none-eabi-as/ld and qemu-system-arm; skipped otherwise and with
// -short.
func TestExec_MulAgainstQEMU(t *testing.T) {
	if testing.Short() {
		t.Skip("runs QEMU; skipped with -short")
	}
	for _, tool := range []string{"arm-none-eabi-as", "arm-none-eabi-ld", "qemu-system-arm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: %v", tool, err)
		}
	}
	rng := rand.New(rand.NewPCG(0x4D554C, 0x515245))
	var cases []mulQEMUCase
	for _, tmpl := range mulQEMUTemplates {
		variants := expandTemplate(tmpl)
		n := len(variants) // immediate ranges: each value once
		if n <= 40 {
			n = max(48, 24*n) // op lists: every operand pattern below for each op
		}
		for i := 0; i < n; i++ {
			c := mulQEMUCase{asm: variants[i%len(variants)]}
			for r := range c.in {
				c.in[r] = mulRandomValue(rng)
			}
			// Equal or nearly equal operands reach the boundaries (a zero difference, a
			// lane sum of exactly 0x10000) that independent random values almost never do.
			switch i / len(variants) % 6 {
			case 0:
				c.in[3] = c.in[2]
			case 1: // each halfword negated: lane sums of 0x10000
				c.in[3] = negLanes(c.in[2], 16)
			case 2: // each byte negated: lane sums of 0x100
				c.in[3] = negLanes(c.in[2], 8)
			case 3: // complement: lane sums of all ones (0xFFFF, 0xFF)
				c.in[3] = ^c.in[2]
			case 4: // powers of two: products with exact halfway points for rounding
				c.in[2], c.in[3] = 1<<rng.IntN(32), 1<<rng.IntN(32)
			}
			if i/len(variants)/6%2 == 1 { // the exchanging forms pair opposite halves
				c.in[3] = bits.RotateLeft32(c.in[3], 16)
			}
			c.apsr = rng.Uint32() & 0xF80F0000
			cases = append(cases, c)
		}
	}

	// The hand-computed table cases (outside IT blocks), so that their expected values
	// are checked against QEMU as well as against m7emu.
	for _, tab := range [][]mulExecCase{mulCasesMultiply(), mulCasesDSP(), mulCasesSaturate(), mulCasesParallel(),
		mulCasesSelPackExtend(), mulCasesBitOps()} {
		for _, tc := range tab {
			if tc.code[0]&0xFF00 == 0xBF00 {
				continue
			}
			asm := fmt.Sprintf(".inst.n 0x%04x", tc.code[0])
			if len(tc.code) == 2 {
				asm = fmt.Sprintf(".inst.w 0x%04x%04x", tc.code[0], tc.code[1])
			}
			w := [5]uint32{tc.want[0], tc.want[1], tc.want[2], tc.want[3], tc.wantAPSR}
			cases = append(cases, mulQEMUCase{asm: asm, in: tc.in, apsr: tc.apsr, want: &w, name: tc.name})
		}
	}

	dir := t.TempDir()
	const bufBase, lineBuf = 0x20000000, 0x20180000
	var src bytes.Buffer
	src.WriteString(`.syntax unified
.cpu cortex-m7
.thumb
.text
.global _start
vectors:
	.word 0x20200000
	.word _start
.thumb_func
_start:
	movw r6, #:lower16:0x20000000
	movt r6, #:upper16:0x20000000
`)
	mov := func(r int, v uint32) {
		fmt.Fprintf(&src, "\tmovw r%d, #0x%x\n\tmovt r%d, #0x%x\n", r, v&0xFFFF, r, v>>16)
	}
	for i, c := range cases {
		for r, v := range c.in {
			mov(r, v)
		}
		mov(4, c.apsr)
		fmt.Fprintf(&src, "\tmsr APSR_nzcvqg, r4\nc%d:\n\t%s\n\tmrs r4, APSR\n\tstmia r6!, {r0-r4}\n", i, c.asm)
	}
	// Print the results, one line of five hex words per case, with SYS_WRITE0, then exit
	// with SYS_EXIT (ADP_Stopped_ApplicationExit).
	fmt.Fprintf(&src, `	movw r7, #:lower16:%#x
	movt r7, #:upper16:%#x
	movw r8, #%d
	movt r8, #%d
1:	movw r1, #:lower16:%#x
	movt r1, #:upper16:%#x
	movs r5, #5
2:	ldr r0, [r7], #4
	movs r2, #8
3:	ror r0, r0, #28
	and r3, r0, #15
	cmp r3, #10
	ite lo
	addlo r3, r3, #48
	addhs r3, r3, #87
	strb r3, [r1], #1
	subs r2, r2, #1
	bne 3b
	movs r3, #32
	strb r3, [r1], #1
	subs r5, r5, #1
	bne 2b
	movs r3, #10
	strb r3, [r1, #-1]
	movs r3, #0
	strb r3, [r1]
	movw r1, #:lower16:%#x
	movt r1, #:upper16:%#x
	movs r0, #4
	bkpt 0xab
	subs r8, r8, #1
	bne 1b
	movs r0, #0x18
	movw r1, #0x0026
	movt r1, #0x0002
	bkpt 0xab
4:	b 4b
`, bufBase, bufBase, len(cases)&0xFFFF, len(cases)>>16, lineBuf, lineBuf, lineBuf, lineBuf)
	asmPath, objPath, elfPath, outPath := filepath.Join(dir, "t.s"), filepath.Join(dir, "t.o"), filepath.Join(dir, "t.elf"), filepath.Join(dir, "out.txt")
	if err := os.WriteFile(asmPath, src.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if out, err := exec.CommandContext(ctx, name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
	}
	run("arm-none-eabi-as", "-mcpu=cortex-m7", "-mthumb", "-o", objPath, asmPath)
	run("arm-none-eabi-ld", "-Ttext=0", "-e", "_start", "-o", elfPath, objPath)
	run("qemu-system-arm", "-M", "mps2-an500", "-nographic", "-display", "none", "-monitor", "none", "-serial", "none",
		"-semihosting-config", "enable=on,target=native,chardev=sh0", "-chardev", "file,id=sh0,path="+outPath,
		"-kernel", elfPath)

	// The encodings come from the assembled ELF: symbol cN is the instruction of case N.
	f, err := elf.Open(elfPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text := f.Section(".text")
	code, err := text.Data()
	if err != nil {
		t.Fatal(err)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	addr := make([]uint64, len(cases))
	for _, s := range syms {
		if n, err := strconv.Atoi(strings.TrimPrefix(s.Name, "c")); err == nil && strings.HasPrefix(s.Name, "c") && n < len(cases) {
			addr[n] = s.Value
		}
	}

	out, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	c := newTestCPU(t)
	fails := 0
	i := 0
	for ; sc.Scan() && i < len(cases); i++ {
		var want [5]uint32
		fields := strings.Fields(sc.Text())
		if len(fields) != 5 {
			t.Fatalf("QEMU output line %d: %q", i, sc.Text())
		}
		for k, fld := range fields {
			v, err := strconv.ParseUint(fld, 16, 32)
			if err != nil {
				t.Fatalf("QEMU output line %d: %q", i, sc.Text())
			}
			want[k] = uint32(v)
		}
		cs := cases[i]
		off := addr[i] - text.Addr
		hw1 := binary.LittleEndian.Uint16(code[off:])
		prog := []uint16{hw1}
		if thumb.Is32(hw1) {
			prog = append(prog, binary.LittleEndian.Uint16(code[off+2:]))
		}
		// One core runs every case: the instruction is loaded at 0x100 (which drops its
		// pre-decoded slot) and executed with the case's registers and flags.
		var ib [4]byte
		copy(ib[:], code[off:off+uint64(2*len(prog))])
		if err := c.Bus().Load(0x100, ib[:]); err != nil {
			t.Fatal(err)
		}
		c.R[15], c.IT = 0x100, 0
		copy(c.R[:4], cs.in[:])
		c.SetAPSR(cs.apsr)
		stepN(t, c, 1)
		got := [5]uint32{c.R[0], c.R[1], c.R[2], c.R[3], c.APSR()}
		want[4] &= 0xF80F0000
		if cs.want != nil && *cs.want != want {
			fails++
			t.Errorf("table case %s: expected %#08x, QEMU gives %#08x", cs.name, *cs.want, want)
		}
		if got != want {
			fails++
			if fails <= 30 {
				t.Errorf("%s (%04x…) in %#08x apsr %#08x:\n got  %#08x\n qemu %#08x", cs.asm, prog, cs.in, cs.apsr, got, want)
			}
		}
	}
	if i != len(cases) {
		t.Fatalf("QEMU printed %d results, want %d", i, len(cases))
	}
	if fails > 0 {
		t.Fatalf("%d of %d cases differ from QEMU", fails, len(cases))
	}
	t.Logf("%d cases agree with QEMU", len(cases))
}

// TestExec_MulNoAlloc checks that the execute functions of the group do not allocate
// (they run on every instruction; see the performance notes in helpers/isa.md).
func TestExec_MulNoAlloc(t *testing.T) {
	c := newTestCPU(t)
	for _, tab := range [][]mulExecCase{mulCasesMultiply(), mulCasesDSP(), mulCasesSaturate(), mulCasesParallel(),
		mulCasesSelPackExtend(), mulCasesBitOps()} {
		for _, tc := range tab {
			code := tc.code
			if code[0]&0xFF00 == 0xBF00 {
				code = code[1:]
			}
			var hw2 uint16
			if len(code) > 1 {
				hw2 = code[1]
			}
			in, err := thumb.Decode(code[0], hw2)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			fn := execTable[in.Op]
			copy(c.R[:4], tc.in[:])
			if n := testing.AllocsPerRun(20, func() { fn(c, &in) }); n != 0 {
				t.Errorf("%s: %v allocations per execution", tc.name, n)
			}
		}
	}
}

// BenchmarkExecMul measures the execute functions alone on a mix of the group's ops.
func BenchmarkExecMul(b *testing.B) {
	c := newTestCPU(b)
	var ins []thumb.Inst
	for _, code := range [][]uint16{mr4(0xFB000000), ml(0xFBC00000), mr4(0xFB200000), par(pADD8, 1, 0),
		par(pSUB16, 0, 1), sat(0xF3000000, 15, 1, 3), ext(0xFA40F080, 1), bitfield(0xF3400000, 4, 7), mr3(0xFB90F0F0)} {
		var hw2 uint16
		if len(code) > 1 {
			hw2 = code[1]
		}
		in, err := thumb.Decode(code[0], hw2)
		if err != nil {
			b.Fatal(err)
		}
		ins = append(ins, in)
	}
	c.R[0], c.R[1], c.R[2], c.R[3] = 0x12345678, 0x9ABCDEF0, 0x0FEDCBA9, 0x7FFF8001
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := &ins[i%len(ins)]
		execTable[in.Op](c, in)
		c.R[2] |= 1 // keep the divisor non-zero
	}
}

package thumb

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// dpGoldenLine is one line of testdata/dp.txt (see gen_dp.go for the format).
type dpGoldenLine struct {
	lineNo   int
	hex      string
	hw1, hw2 uint16
	ctx      Context
	want     string
}

func condByName(s string) (Cond, bool) {
	for c := CondEQ; c < CondAL; c++ {
		if c.String() == s {
			return c, true
		}
	}
	return 0, false
}

// baseSyms names addresses as objdump does for the golden object, whose only
// symbol is "base" at address 0.
func baseSyms(addr uint32) string {
	if addr == 0 {
		return "base"
	}
	return fmt.Sprintf("base+0x%x", addr)
}

func readDPGolden(t *testing.T) []dpGoldenLine {
	t.Helper()
	f, err := os.Open("testdata/dp.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []dpGoldenLine
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		left, want, ok := strings.Cut(text, "|")
		if !ok {
			t.Fatalf("dp.txt:%d: no '|'", n)
		}
		fields := strings.Fields(left)
		l := dpGoldenLine{lineNo: n, hex: fields[0], want: want, ctx: Context{Syms: baseSyms}}
		v, err := strconv.ParseUint(fields[0], 16, 32)
		if err != nil || (len(fields[0]) != 4 && len(fields[0]) != 8) {
			t.Fatalf("dp.txt:%d: bad encoding %q", n, fields[0])
		}
		if len(fields[0]) == 8 {
			l.hw1, l.hw2 = uint16(v>>16), uint16(v)
		} else {
			l.hw1 = uint16(v)
		}
		for _, kv := range fields[1:] {
			k, val, _ := strings.Cut(kv, "=")
			switch k {
			case "it":
				c, ok := condByName(val)
				if !ok {
					t.Fatalf("dp.txt:%d: bad condition %q", n, val)
				}
				l.ctx.IT = ITState(uint8(c)<<4 | 0b1000) // a one-instruction block
			case "pc":
				pc, err := strconv.ParseUint(val, 16, 32)
				if err != nil {
					t.Fatalf("dp.txt:%d: bad pc %q", n, val)
				}
				l.ctx.PC = uint32(pc)
			default:
				t.Fatalf("dp.txt:%d: unknown field %q", n, kv)
			}
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func dpRuleNames() map[string]bool {
	m := map[string]bool{}
	for _, r := range dpRules16 {
		m[r.name] = true
	}
	for _, r := range dpRules32 {
		m[r.name] = true
	}
	return m
}

// TestDPGolden decodes every encoding of testdata/dp.txt (sampled from the manual's
// encoding diagrams and disassembled by GNU objdump, see gen_dp.go), checks that a dp
// row decodes it and that Format reproduces objdump's text.
func TestDPGolden(t *testing.T) {
	lines := readDPGolden(t)
	if len(lines) < 5000 {
		t.Fatalf("dp.txt has only %d lines", len(lines))
	}
	ours := dpRuleNames()
	bad := 0
	for _, l := range lines {
		in, err := Decode(l.hw1, l.hw2)
		name := RuleName(l.hw1, l.hw2)
		got := in.Format(l.ctx)
		if err != nil || !ours[name] || got != l.want {
			bad++
			if bad <= 30 {
				t.Errorf("dp.txt:%d %s: rule %q err %v: got %q, want %q", l.lineNo, l.hex, name, err, got, l.want)
			}
		}
	}
	if bad > 30 {
		t.Errorf("... %d mismatches in all", bad)
	}
}

// TestDPRowsReachable checks that every dp row decodes at least one golden encoding.
func TestDPRowsReachable(t *testing.T) {
	hit := map[string]int{}
	for _, l := range readDPGolden(t) {
		hit[RuleName(l.hw1, l.hw2)]++
	}
	for name := range dpRuleNames() {
		if hit[name] == 0 {
			t.Errorf("row %s decodes no golden encoding", name)
		}
	}
}

// TestDPDecodeFields checks the normalised fields of one encoding of each row shape.
// Expected values are worked out by hand from the encoding diagrams (DDI0403E A7.7).
func TestDPDecodeFields(t *testing.T) {
	type tc struct {
		name     string
		hw1, hw2 uint16
		want     Inst
	}
	const (
		I   = FlagImm
		S   = FlagS
		SIT = FlagSOutIT
		W   = FlagWide
		A   = FlagAlt
		C   = FlagImmCarry
		U   = FlagUnpredictable
		RS  = FlagRegShift
	)
	cases := []tc{
		// 16-bit
		{"MOV_reg_T2 movs r2,r5", 0x002A, 0, Inst{Op: OpMOV, Rd: 2, Rm: 5, Flags: SIT}},
		{"LSL_imm_T1 lsls r1,r2,#3", 0x00D1, 0, Inst{Op: OpLSL, Rd: 1, Rm: 2, Shift: ShiftLSL, ShiftN: 3, Flags: SIT}},
		{"LSR_imm_T1 imm5=0 is #32", 0x0811, 0, Inst{Op: OpLSR, Rd: 1, Rm: 2, Shift: ShiftLSR, ShiftN: 32, Flags: SIT}},
		{"ASR_imm_T1 asrs r0,r7,#1", 0x1078, 0, Inst{Op: OpASR, Rd: 0, Rm: 7, Shift: ShiftASR, ShiftN: 1, Flags: SIT}},
		{"ADD_reg_T1 adds r1,r2,r3", 0x18D1, 0, Inst{Op: OpADD, Rd: 1, Rn: 2, Rm: 3, Flags: SIT}},
		{"SUB_imm_T1 subs r1,r2,#7", 0x1FD1, 0, Inst{Op: OpSUB, Rd: 1, Rn: 2, Imm: 7, Flags: I | SIT}},
		{"ADD_imm_T2 adds r3,#255", 0x33FF, 0, Inst{Op: OpADD, Rd: 3, Rn: 3, Imm: 255, Flags: I | SIT | A}},
		{"CMP_imm_T1 cmp r6,#1", 0x2E01, 0, Inst{Op: OpCMP, Rn: 6, Imm: 1, Flags: I | S}},
		{"LSL_reg_T1 lsls r1,r2: value r1, amount r2", 0x4091, 0, Inst{Op: OpLSL, Rd: 1, Rm: 1, Ra: 2, Shift: ShiftLSL, Flags: SIT | RS}},
		{"RSB_imm_T1 negs r1,r2", 0x4251, 0, Inst{Op: OpRSB, Rd: 1, Rn: 2, Flags: I | SIT}},
		{"ADC_reg_T1 adcs r1,r2", 0x4151, 0, Inst{Op: OpADC, Rd: 1, Rn: 1, Rm: 2, Flags: SIT}},
		{"ADD_reg_T2 add r8,pc", 0x44F8, 0, Inst{Op: OpADD, Rd: 8, Rn: 8, Rm: 15, Flags: A}},
		{"ADD_reg_T2 add pc,pc UNPREDICTABLE", 0x44FF, 0, Inst{Op: OpADD, Rd: 15, Rn: 15, Rm: 15, Flags: A | U}},
		{"ADD_SP_reg_T1 add r2,sp", 0x446A, 0, Inst{Op: OpADD, Rd: 2, Rn: 13, Rm: 2, Flags: A}},
		{"ADD_SP_reg_T1 add sp,sp", 0x44ED, 0, Inst{Op: OpADD, Rd: 13, Rn: 13, Rm: 13, Flags: A}},
		{"ADD_SP_reg_T2 add sp,r9", 0x44CD, 0, Inst{Op: OpADD, Rd: 13, Rn: 13, Rm: 9, Flags: A}},
		{"CMP_reg_T2 both low UNPREDICTABLE", 0x4508, 0, Inst{Op: OpCMP, Rn: 0, Rm: 1, Flags: S | U}},
		{"CMP_reg_T2 cmp r8,r1", 0x4588, 0, Inst{Op: OpCMP, Rn: 8, Rm: 1, Flags: S}},
		{"MOV_reg_T1 mov pc,lr", 0x46F7, 0, Inst{Op: OpMOV, Rd: 15, Rm: 14}},
		{"ADR_T1 imm8<<2", 0xA2FF, 0, Inst{Op: OpADR, Rd: 2, Rn: 15, Imm: 1020, Flags: I | FlagAdd}},
		{"ADD_SP_imm_T1 add r5,sp,#1020", 0xADFF, 0, Inst{Op: OpADD, Rd: 5, Rn: 13, Imm: 1020, Flags: I}},
		{"ADD_SP_imm_T2 add sp,#508", 0xB07F, 0, Inst{Op: OpADD, Rd: 13, Rn: 13, Imm: 508, Flags: I | A}},
		{"SUB_SP_imm_T1 sub sp,#4", 0xB081, 0, Inst{Op: OpSUB, Rd: 13, Rn: 13, Imm: 4, Flags: I | A}},
		// 32-bit modified immediate. f44f5080: i=1 imm3=101 imm8=0x80 -> imm12 0xD80,
		// rotation 27 of 0x80 = 0x1000, so the carry flag comes from bit 31.
		{"MOV_imm_T2 rotated", 0xF44F, 0x5080, Inst{Op: OpMOV, Rd: 0, Imm: 0x1000, Flags: I | W | C}},
		{"MOV_imm_T2 movs 0x00ab00ab", 0xF05F, 0x11AB, Inst{Op: OpMOV, Rd: 1, Imm: 0x00AB00AB, Flags: I | W | S}},
		{"AND_imm_T1 zero byte pattern UNPREDICTABLE", 0xF011, 0x2200, Inst{Op: OpAND, Rd: 2, Rn: 1, Imm: 0, Flags: I | W | S | U}},
		{"ADD_imm_T3 0xff000000 no carry flag for ADD", 0xF101, 0x427F, Inst{Op: OpADD, Rd: 2, Rn: 1, Imm: 0xFF000000, Flags: I | W}},
		{"TST_imm_T1 rotation 15 of 0x80", 0xF013, 0x7F80, Inst{Op: OpTST, Rn: 3, Imm: 0x01000000, Flags: I | S | W | C}},
		{"TEQ_imm_T1 no .w", 0xF093, 0x0F01, Inst{Op: OpTEQ, Rn: 3, Imm: 1, Flags: I | S}},
		{"CMP_imm_T2", 0xF1B3, 0x0F01, Inst{Op: OpCMP, Rn: 3, Imm: 1, Flags: I | S | W}},
		{"ORN_imm_T1", 0xF062, 0x0301, Inst{Op: OpORN, Rd: 3, Rn: 2, Imm: 1, Flags: I}},
		{"MVN_imm_T1", 0xF06F, 0x0300, Inst{Op: OpMVN, Rd: 3, Imm: 0, Flags: I | W}},
		{"ADD_SP_imm_T3 add.w sp,sp,#4", 0xF10D, 0x0D04, Inst{Op: OpADD, Rd: 13, Rn: 13, Imm: 4, Flags: I | W}},
		{"ADD_imm_T3 pc source UNPREDICTABLE", 0xF10F, 0x0001, Inst{Op: OpADD, Rd: 0, Rn: 15, Imm: 1, Flags: I | W | U}},
		{"SUB_SP_imm_T2 subs r0,sp,#4", 0xF1BD, 0x0004, Inst{Op: OpSUB, Rd: 0, Rn: 13, Imm: 4, Flags: I | W | S}},
		{"RSB_imm_T2 no .w", 0xF1C1, 0x0200, Inst{Op: OpRSB, Rd: 2, Rn: 1, Imm: 0, Flags: I}},
		// 32-bit plain binary immediate
		{"ADD_imm_T4 addw r0,r1,#4095", 0xF601, 0x70FF, Inst{Op: OpADD, Rd: 0, Rn: 1, Imm: 4095, Flags: I | A}},
		{"ADD_SP_imm_T4 addw sp,sp,#4", 0xF20D, 0x0D04, Inst{Op: OpADD, Rd: 13, Rn: 13, Imm: 4, Flags: I | A}},
		{"ADD_imm_T4 addw sp,r1 UNPREDICTABLE", 0xF201, 0x0D04, Inst{Op: OpADD, Rd: 13, Rn: 1, Imm: 4, Flags: I | A | U}},
		{"SUB_imm_T4 subw r0,r1,#1", 0xF2A1, 0x0001, Inst{Op: OpSUB, Rd: 0, Rn: 1, Imm: 1, Flags: I | A}},
		{"ADR_T3", 0xF20F, 0x0304, Inst{Op: OpADR, Rd: 3, Rn: 15, Imm: 4, Flags: I | FlagAdd}},
		{"ADR_T2", 0xF2AF, 0x0304, Inst{Op: OpADR, Rd: 3, Rn: 15, Imm: 4, Flags: I}},
		{"MOV_imm_T3 movw r0,#0xf7ff", 0xF24F, 0x70FF, Inst{Op: OpMOV, Rd: 0, Imm: 0xF7FF, Flags: I | A}},
		{"MOVT_T1 movt r1,#0xffff", 0xF6CF, 0x71FF, Inst{Op: OpMOVT, Rd: 1, Imm: 0xFFFF, Flags: I}},
		// 32-bit shifted register
		{"AND_reg_T2 and.w r1,r2,r3,lsl #1", 0xEA02, 0x0143, Inst{Op: OpAND, Rd: 1, Rn: 2, Rm: 3, Shift: ShiftLSL, ShiftN: 1, Flags: W}},
		{"ADD_reg_T3 adds.w r1,r2,r3,asr #32", 0xEB12, 0x0123, Inst{Op: OpADD, Rd: 1, Rn: 2, Rm: 3, Shift: ShiftASR, ShiftN: 32, Flags: W | S}},
		{"SUB_reg_T2 ror #31", 0xEBA2, 0x71F3, Inst{Op: OpSUB, Rd: 1, Rn: 2, Rm: 3, Shift: ShiftROR, ShiftN: 31, Flags: W}},
		{"EOR_reg_T2 rrx", 0xEA82, 0x0133, Inst{Op: OpEOR, Rd: 1, Rn: 2, Rm: 3, Shift: ShiftRRX, ShiftN: 1, Flags: W}},
		{"CMP_reg_T3", 0xEBB2, 0x0F03, Inst{Op: OpCMP, Rn: 2, Rm: 3, Shift: ShiftLSL, Flags: S | W}},
		{"ADD_SP_reg_T3 lsl #3 ok", 0xEB0D, 0x0DC1, Inst{Op: OpADD, Rd: 13, Rn: 13, Rm: 1, Shift: ShiftLSL, ShiftN: 3, Flags: W}},
		{"ADD_SP_reg_T3 lsl #4 to SP UNPREDICTABLE", 0xEB0D, 0x1D01, Inst{Op: OpADD, Rd: 13, Rn: 13, Rm: 1, Shift: ShiftLSL, ShiftN: 4, Flags: W | U}},
		{"SUB_SP_reg_T1", 0xEBAD, 0x0D01, Inst{Op: OpSUB, Rd: 13, Rn: 13, Rm: 1, Flags: W}},
		{"MOV_reg_T3 mov.w r0,r1", 0xEA4F, 0x0001, Inst{Op: OpMOV, Rd: 0, Rm: 1, Flags: W}},
		{"MOV_reg_T3 mov.w sp,r1 allowed", 0xEA4F, 0x0D01, Inst{Op: OpMOV, Rd: 13, Rm: 1, Flags: W}},
		{"MOV_reg_T3 movs.w sp,r1 UNPREDICTABLE", 0xEA5F, 0x0D01, Inst{Op: OpMOV, Rd: 13, Rm: 1, Flags: W | S | U}},
		{"LSL_imm_T2", 0xEA4F, 0x0081, Inst{Op: OpLSL, Rd: 0, Rm: 1, Shift: ShiftLSL, ShiftN: 2, Flags: W}},
		{"LSR_imm_T2 imm5=0 is #32", 0xEA5F, 0x0011, Inst{Op: OpLSR, Rd: 0, Rm: 1, Shift: ShiftLSR, ShiftN: 32, Flags: W | S}},
		{"ROR_imm_T1", 0xEA4F, 0x70F1, Inst{Op: OpROR, Rd: 0, Rm: 1, Shift: ShiftROR, ShiftN: 31, Flags: W}},
		{"RRX_T1", 0xEA5F, 0x0031, Inst{Op: OpRRX, Rd: 0, Rm: 1, Shift: ShiftRRX, ShiftN: 1, Flags: W | S}},
		{"MVN_reg_T2", 0xEA6F, 0x0141, Inst{Op: OpMVN, Rd: 1, Rm: 1, Shift: ShiftLSL, ShiftN: 1, Flags: W}},
		{"ORN_reg_T1", 0xEA62, 0x0103, Inst{Op: OpORN, Rd: 1, Rn: 2, Rm: 3}},
		// 32-bit register-controlled shifts: value in Rm, amount in Ra.
		{"LSL_reg_T2 lsl.w r0,r1,r2", 0xFA01, 0xF002, Inst{Op: OpLSL, Rd: 0, Rm: 1, Ra: 2, Shift: ShiftLSL, Flags: W | RS}},
		{"ROR_reg_T2 rors.w r3,r4,r5", 0xFA74, 0xF305, Inst{Op: OpROR, Rd: 3, Rm: 4, Ra: 5, Shift: ShiftROR, Flags: W | RS | S}},
	}
	for _, c := range cases {
		in, err := Decode(c.hw1, c.hw2)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		want := c.want
		want.Size, want.Raw = 2, uint32(c.hw1)
		if Is32(c.hw1) {
			want.Size, want.Raw = 4, uint32(c.hw1)<<16|uint32(c.hw2)
		}
		if in != want {
			t.Errorf("%s:\n got %#v\nwant %#v", c.name, in, want)
		}
	}
}

// TestDPUndefined checks encodings next to the dp rows that must not decode as dp:
// unallocated opcodes, a set "should be zero" bit 15 in A5.3.11, and A5.3.12 shifts
// with hw2[15:12] != 1111 or hw2[7:4] != 0000 (all UNDEFINED in objdump and QEMU).
func TestDPUndefined(t *testing.T) {
	ours := dpRuleNames()
	for _, e := range []uint32{
		0xF0A00000, // A5.3.1 op 0101
		0xF0E00000, // op 0111
		0xF1200000, // op 1001
		0xF1800000, // op 1100
		0xF1E00000, // op 1111
		0xEA008000, // AND (register) with hw2[15] = 1
		0xEA0DAD13,
		0xFA01E002, // LSL (register) with hw2[15:12] = 1110
		0xFA01F012, // hw2[7:4] = 0001
		0xEAA00000, // A5.3.11 op 0101
	} {
		if name := RuleName(uint16(e>>16), uint16(e)); ours[name] {
			t.Errorf("%08x decodes as %s", e, name)
		}
	}
}

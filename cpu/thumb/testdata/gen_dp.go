//go:build ignore

// gen_dp regenerates dp.txt, the decode/disassembly golden of the data-processing
// group, from GNU binutils (arm-none-eabi-as and arm-none-eabi-objdump 2.40):
//
//	cd cpu/thumb/testdata && go run gen_dp.go
//
// It samples every data-processing encoding of ARMv7-M (Arm DDI0403E.e A5.2.1–A5.2.5,
// A5.3.1, A5.3.3, A5.3.11, A5.3.12) from the encoding diagrams listed below — written
// out independently of the decoder tables — assembles the samples with .inst
// directives after a label "base" at address 0, disassembles the object with
// objdump -d and records objdump's text. A sample of each row is repeated inside a
// one-instruction IT block (the IT halfword precedes it) to record the conditional
// spelling.
//
// Line format: "<hex>[ it=<cond>][ pc=<hex address>]|<objdump text>", where <hex> is
// 4 digits for a 16-bit encoding and 8 (hw1 then hw2) for a 32-bit one; pc= is given
// when the text depends on the address (ADR). Symbols print as <base+0x..>.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

type row struct {
	name string
	pat  string
}

// The rows, from the encoding diagrams of DDI0403E (bits: 0, 1, or . for a field bit).
var rows16 = []row{
	{"LSL_imm_T1 / MOV_reg_T2", "00000 ..... ... ..."},
	{"MOV_reg_T2", "00000 00000 ... ..."},
	{"LSR_imm_T1", "00001 ..... ... ..."},
	{"ASR_imm_T1", "00010 ..... ... ..."},
	{"ADD_reg_T1", "0001100 ... ... ..."},
	{"SUB_reg_T1", "0001101 ... ... ..."},
	{"ADD_imm_T1", "0001110 ... ... ..."},
	{"SUB_imm_T1", "0001111 ... ... ..."},
	{"MOV_imm_T1", "00100 ... ........"},
	{"CMP_imm_T1", "00101 ... ........"},
	{"ADD_imm_T2", "00110 ... ........"},
	{"SUB_imm_T2", "00111 ... ........"},
	{"AND_reg_T1", "010000 0000 ... ..."},
	{"EOR_reg_T1", "010000 0001 ... ..."},
	{"LSL_reg_T1", "010000 0010 ... ..."},
	{"LSR_reg_T1", "010000 0011 ... ..."},
	{"ASR_reg_T1", "010000 0100 ... ..."},
	{"ADC_reg_T1", "010000 0101 ... ..."},
	{"SBC_reg_T1", "010000 0110 ... ..."},
	{"ROR_reg_T1", "010000 0111 ... ..."},
	{"TST_reg_T1", "010000 1000 ... ..."},
	{"RSB_imm_T1", "010000 1001 ... ..."},
	{"CMP_reg_T1", "010000 1010 ... ..."},
	{"CMN_reg_T1", "010000 1011 ... ..."},
	{"ORR_reg_T1", "010000 1100 ... ..."},
	{"BIC_reg_T1", "010000 1110 ... ..."},
	{"MVN_reg_T1", "010000 1111 ... ..."},
	{"ADD_reg_T2 / ADD_SP_reg_T1 / ADD_SP_reg_T2", "01000100 . .... ..."},
	{"ADD_SP_reg_T1", "01000100 . 1101 ..."},
	{"ADD_SP_reg_T2", "01000100 1 .... 101"},
	{"CMP_reg_T2", "01000101 . .... ..."},
	{"MOV_reg_T1", "01000110 . .... ..."},
	{"ADR_T1", "10100 ... ........"},
	{"ADD_SP_imm_T1", "10101 ... ........"},
	{"ADD_SP_imm_T2", "10110000 0 ......."},
	{"SUB_SP_imm_T1", "10110000 1 ......."},
}

var rows32 = []row{
	// A5.3.1: 11110 i 0 op S Rn | 0 imm3 Rd imm8
	{"AND_imm_T1 / TST_imm_T1", "11110 . 0 0000 . .... 0 ... .... ........"},
	{"BIC_imm_T1", "11110 . 0 0001 . .... 0 ... .... ........"},
	{"ORR_imm_T1 / MOV_imm_T2", "11110 . 0 0010 . .... 0 ... .... ........"},
	{"MOV_imm_T2", "11110 . 0 0010 . 1111 0 ... .... ........"},
	{"ORN_imm_T1 / MVN_imm_T1", "11110 . 0 0011 . .... 0 ... .... ........"},
	{"MVN_imm_T1", "11110 . 0 0011 . 1111 0 ... .... ........"},
	{"EOR_imm_T1 / TEQ_imm_T1", "11110 . 0 0100 . .... 0 ... .... ........"},
	{"ADD_imm_T3 / ADD_SP_imm_T3 / CMN_imm_T1", "11110 . 0 1000 . .... 0 ... .... ........"},
	{"ADD_SP_imm_T3", "11110 . 0 1000 . 1101 0 ... .... ........"},
	{"ADC_imm_T1", "11110 . 0 1010 . .... 0 ... .... ........"},
	{"SBC_imm_T1", "11110 . 0 1011 . .... 0 ... .... ........"},
	{"SUB_imm_T3 / SUB_SP_imm_T2 / CMP_imm_T2", "11110 . 0 1101 . .... 0 ... .... ........"},
	{"SUB_SP_imm_T2", "11110 . 0 1101 . 1101 0 ... .... ........"},
	{"RSB_imm_T2", "11110 . 0 1110 . .... 0 ... .... ........"},
	{"TST_imm_T1", "11110 . 0 0000 1 .... 0 ... 1111 ........"},
	{"TEQ_imm_T1", "11110 . 0 0100 1 .... 0 ... 1111 ........"},
	{"CMN_imm_T1", "11110 . 0 1000 1 .... 0 ... 1111 ........"},
	{"CMP_imm_T2", "11110 . 0 1101 1 .... 0 ... 1111 ........"},
	// A5.3.3: 11110 i 1 op Rn | 0 imm3 Rd imm8
	{"ADD_imm_T4 / ADD_SP_imm_T4 / ADR_T3", "11110 . 1 0000 0 .... 0 ... .... ........"},
	{"ADD_SP_imm_T4", "11110 . 1 0000 0 1101 0 ... .... ........"},
	{"ADR_T3", "11110 . 1 0000 0 1111 0 ... .... ........"},
	{"MOV_imm_T3", "11110 . 1 0010 0 .... 0 ... .... ........"},
	{"SUB_imm_T4 / SUB_SP_imm_T3 / ADR_T2", "11110 . 1 0101 0 .... 0 ... .... ........"},
	{"SUB_SP_imm_T3", "11110 . 1 0101 0 1101 0 ... .... ........"},
	{"ADR_T2", "11110 . 1 0101 0 1111 0 ... .... ........"},
	{"MOVT_T1", "11110 . 1 0110 0 .... 0 ... .... ........"},
	// A5.3.11: 1110101 op S Rn | 0 imm3 Rd imm2 type Rm
	{"AND_reg_T2 / TST_reg_T2", "1110101 0000 . .... 0 ... .... .... ...."},
	{"BIC_reg_T2", "1110101 0001 . .... 0 ... .... .... ...."},
	{"ORR_reg_T2 / MOV/shifts", "1110101 0010 . .... 0 ... .... .... ...."},
	{"MOV_reg_T3 / LSL/LSR/ASR/ROR_imm / RRX", "1110101 0010 . 1111 0 ... .... .... ...."},
	{"MOV_reg_T3", "1110101 0010 . 1111 0 000 .... 0000 ...."},
	{"RRX_T1", "1110101 0010 . 1111 0 000 .... 0011 ...."},
	{"ORN_reg_T1 / MVN_reg_T2", "1110101 0011 . .... 0 ... .... .... ...."},
	{"MVN_reg_T2", "1110101 0011 . 1111 0 ... .... .... ...."},
	{"EOR_reg_T2 / TEQ_reg_T1", "1110101 0100 . .... 0 ... .... .... ...."},
	{"ADD_reg_T3 / ADD_SP_reg_T3 / CMN_reg_T2", "1110101 1000 . .... 0 ... .... .... ...."},
	{"ADD_SP_reg_T3", "1110101 1000 . 1101 0 ... .... .... ...."},
	{"ADC_reg_T2", "1110101 1010 . .... 0 ... .... .... ...."},
	{"SBC_reg_T2", "1110101 1011 . .... 0 ... .... .... ...."},
	{"SUB_reg_T2 / SUB_SP_reg_T1 / CMP_reg_T3", "1110101 1101 . .... 0 ... .... .... ...."},
	{"SUB_SP_reg_T1", "1110101 1101 . 1101 0 ... .... .... ...."},
	{"RSB_reg_T1", "1110101 1110 . .... 0 ... .... .... ...."},
	{"TST_reg_T2", "1110101 0000 1 .... 0 ... 1111 .... ...."},
	{"TEQ_reg_T1", "1110101 0100 1 .... 0 ... 1111 .... ...."},
	{"CMN_reg_T2", "1110101 1000 1 .... 0 ... 1111 .... ...."},
	{"CMP_reg_T3", "1110101 1101 1 .... 0 ... 1111 .... ...."},
	// A5.3.12: 11111010 0 type S Rn | 1111 Rd 0000 Rm
	{"LSL/LSR/ASR/ROR_reg_T2", "11111010 0 .. . .... 1111 .... 0000 ...."},
}

// Hand-picked encodings: immediate comment threshold, ThumbExpandImm cases, shift
// edge amounts, the nop spelling of MOV r8, r8 and the SP forms.
var extras = []string{
	"2020", "2021", "20ff", "46c0", "4687", "44ff", "45ff", "4500", "44ed", "4485", "4468", "b07f", "b0ff", "a8ff", "afff", "a0ff",
	"0000", "07ff", "0800", "1000", "17ff", "4240",
	"f2000020", "f2000021", "f6cf70ff", "f64f70ff", "f20f0000", "f2af0000", "f60f7fff", "f6af7fff",
	"f1000020", "f1000021", "f0100000", "f0110100", "f0112200", "f0113300", "f01133ff", "f0114300", "f0117f00", "f4107fff",
	"f04f0080", "f04f007f", "f45f5080", "f06f0000", "f1b03fff", "f1b07fff",
	"ea4f0001", "ea4f0031", "ea5f0030", "ea4f7031", "ea4f0011", "ea4f0021", "ea4f70d1", "ea4f70f1",
	"eb0d0d81", "eb0d0dc1", "ebad0d01", "ebad0d11", "ea4f0d0d", "ea4f0d01", "ea4f010d",
	"fa0ff00f", "fa6ff00f", "fa01f002", "fa11f002",
}

var conds = []string{"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"}

func compile(pat string) (mask, val uint32, width int) {
	p := strings.NewReplacer(" ", "", "_", "").Replace(pat)
	width = len(p)
	for i := 0; i < width; i++ {
		b := uint32(1) << (width - 1 - i)
		switch p[i] {
		case '0':
			mask |= b
		case '1':
			mask |= b
			val |= b
		}
	}
	return
}

// sample draws n encodings of a row (all of them if the row has at most 7 free bits).
// For 32-bit rows the Rn (19:16), Rd (11:8) and Rm (3:0) fields, when free, are often
// forced to SP or PC, and the immediate fields to 0 or all ones.
func sample(r *rand.Rand, pat string, n int) []uint32 {
	mask, val, width := compile(pat)
	full := uint32(1)<<width - 1
	if width == 32 {
		full = 0xFFFFFFFF
	}
	free := full &^ mask
	var out []uint32
	cnt := 0
	for b := free; b != 0; b &= b - 1 {
		cnt++
	}
	if cnt <= 7 {
		for v := uint32(0); ; v = (v - free) & free { // enumerate subsets of free
			out = append(out, val|v)
			if (v-free)&free == 0 {
				break
			}
		}
		return out
	}
	out = append(out, val, val|free)
	for len(out) < n {
		v := val | r.Uint32()&free
		if width == 32 {
			for _, lo := range []uint{16, 8, 0} {
				f := uint32(15) << lo
				if free&f == f {
					switch r.Intn(6) {
					case 0:
						v = v&^f | 13<<lo
					case 1:
						v = v&^f | 15<<lo
					}
				}
			}
			if r.Intn(5) == 0 { // small immediates / shift amounts
				v &^= free & 0x70C0
			}
		}
		out = append(out, v)
	}
	return out
}

type item struct {
	enc  uint32
	size int
	it   string // condition of the IT block around it, or ""
}

func hex(it item) string {
	if it.size == 2 {
		return fmt.Sprintf("%04x", it.enc)
	}
	return fmt.Sprintf("%08x", it.enc)
}

var okMnemonic = regexp.MustCompile(`^(adc|add|addw|and|asr|bic|cmn|cmp|eor|lsl|lsr|mov|movw|movt|mvn|neg|nop|orn|orr|ror|rsb|sbc|sub|subw|teq|tst)s?(eq|ne|cs|cc|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)?(\.w)?$`)

func main() {
	r := rand.New(rand.NewSource(20261127))
	var items []item
	add := func(rs []row, size, n int) {
		for _, rw := range rs {
			encs := sample(r, rw.pat, n)
			for _, e := range encs {
				items = append(items, item{enc: e, size: size})
			}
			for i := 0; i < 3; i++ {
				items = append(items, item{enc: encs[r.Intn(len(encs))], size: size, it: conds[r.Intn(len(conds))]})
			}
		}
	}
	add(rows16, 2, 64)
	add(rows32, 4, 160)
	for _, x := range extras {
		v, err := strconv.ParseUint(x, 16, 32)
		if err != nil {
			panic(err)
		}
		items = append(items, item{enc: uint32(v), size: len(x) / 2})
	}

	var src bytes.Buffer
	src.WriteString(".syntax unified\n.thumb\n.text\nbase:\n")
	for _, it := range items {
		if it.it != "" {
			c := 0
			for i, s := range conds {
				if s == it.it {
					c = i
				}
			}
			// IT<c> around a single instruction: firstcond = c, mask = 1000.
			fmt.Fprintf(&src, ".inst.n 0x%04x\n", 0xBF00|c<<4|8)
		}
		if it.size == 2 {
			fmt.Fprintf(&src, ".inst.n 0x%04x\n", it.enc)
		} else {
			fmt.Fprintf(&src, ".inst.w 0x%08x\n", it.enc)
		}
	}
	dir, err := os.MkdirTemp("", "gen_dp")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	s, o := filepath.Join(dir, "dp.s"), filepath.Join(dir, "dp.o")
	if err := os.WriteFile(s, src.Bytes(), 0o644); err != nil {
		panic(err)
	}
	run := func(name string, args ...string) []byte {
		cmd := exec.Command(name, args...)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			fmt.Fprintln(os.Stderr, name, err)
			os.Exit(1)
		}
		return out
	}
	run("arm-none-eabi-as", "-mcpu=cortex-m7", "-mthumb", s, "-o", o)
	dump := run("arm-none-eabi-objdump", "-d", o)
	version := strings.SplitN(string(run("arm-none-eabi-objdump", "--version")), "\n", 2)[0]

	// Parse "   addr:\thex hex \ttext".
	type line struct {
		addr uint32
		enc  uint32
		text string
	}
	var lines []line
	sc := bufio.NewScanner(bytes.NewReader(dump))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) < 3 || !strings.HasSuffix(parts[0], ":") {
			continue
		}
		a, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(parts[0], ":")), 16, 32)
		if err != nil {
			continue
		}
		e, err := strconv.ParseUint(strings.ReplaceAll(strings.TrimSpace(parts[1]), " ", ""), 16, 32)
		if err != nil {
			panic(sc.Text())
		}
		lines = append(lines, line{uint32(a), uint32(e), parts[2]})
	}

	var out bytes.Buffer
	fmt.Fprintf(&out, "# Data-processing decode/disassembly golden: <hex>[ it=<cond>][ pc=<addr>]|<objdump text>.\n")
	fmt.Fprintf(&out, "# Generated by gen_dp.go with %s; do not edit.\n", version)
	li := 0
	seen := map[string]bool{}
	for _, it := range items {
		if it.it != "" {
			li++ // the IT instruction
		}
		if li >= len(lines) {
			panic("objdump output too short")
		}
		l := lines[li]
		li++
		if l.enc != it.enc {
			panic(fmt.Sprintf("objdump line %x does not match item %s", l.enc, hex(it)))
		}
		mn := strings.SplitN(l.text, "\t", 2)[0]
		if !okMnemonic.MatchString(mn) {
			panic(fmt.Sprintf("%s: objdump says %q, not a data-processing instruction", hex(it), l.text))
		}
		key := hex(it)
		if it.it != "" {
			key += " it=" + it.it
		}
		if strings.Contains(l.text, "(adr ") {
			key += fmt.Sprintf(" pc=%x", l.addr)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		fmt.Fprintf(&out, "%s|%s\n", key, l.text)
	}
	if err := os.WriteFile("dp.txt", out.Bytes(), 0o644); err != nil {
		panic(err)
	}
	fmt.Printf("dp.txt: %d lines\n", len(seen))
}

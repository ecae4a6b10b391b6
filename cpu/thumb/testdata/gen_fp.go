//go:build ignore

// gen_fp writes fp.txt, the decoder/disassembler golden of the floating-point group
// (FPv5-D16: Arm DDI0403E.e A6 and the FPv5 unconditional rows), from GNU objdump
// (binutils 2.40). Run from the repository root:
//
//	go run ./cpu/thumb/testdata/gen_fp.go ./cpu/thumb/testdata/objdump_gen.go
//
// The encodings are laid out one after another from 0x08000000 (symbol "f"), so IT
// instructions in the list make objdump print the following instruction with its IT
// condition, exactly as in real code. Lines are "address|encoding|objdump text".
//
// Coverage:
//   - every encoding diagram (row) of the group with its operand bits all zero, all one
//     and filled at random (fillsPerRow times), plus fills with one of its fixed
//     ("should be" or class) bits flipped, and fills inside IT blocks (conditions EQ…LE
//     and AL);
//   - every imm8 of VMOV (immediate), single and double precision;
//   - the register-list edge cases of VLDM/VSTM/VPUSH/VPOP (empty, one register, S31/D15
//     last, past the end, FLDMX/FSTMX) and PC-relative VLDR/VSTR at both word alignments;
//   - randomSpace random encodings of the whole CP10/CP11 space (hw1 = 111x 110x or
//     111x 1110, hw2[11:9] = 101), where objdump also prints other architectures'
//     instructions (Advanced SIMD, FP16, ARMv8.1-M …) and generic coprocessor forms:
//     the test expects the decoder to report those UNDEFINED.
//
// The row patterns are written here from the manual independently of fp.go.
package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
)

const (
	fillsPerRow = 100
	randomSpace = 12000
)

// rows are the encoding diagrams (hw1 hw2, '.' = operand bit).
var rows = []string{
	// A6.4 three-register data processing
	"1110 1110 0.00 .... .... 101. .0.0 ....", // VMLA
	"1110 1110 0.00 .... .... 101. .1.0 ....", // VMLS
	"1110 1110 0.01 .... .... 101. .0.0 ....", // VNMLS
	"1110 1110 0.01 .... .... 101. .1.0 ....", // VNMLA
	"1110 1110 0.10 .... .... 101. .0.0 ....", // VMUL
	"1110 1110 0.10 .... .... 101. .1.0 ....", // VNMUL
	"1110 1110 0.11 .... .... 101. .0.0 ....", // VADD
	"1110 1110 0.11 .... .... 101. .1.0 ....", // VSUB
	"1110 1110 1.00 .... .... 101. .0.0 ....", // VDIV
	"1110 1110 1.01 .... .... 101. .0.0 ....", // VFNMS
	"1110 1110 1.01 .... .... 101. .1.0 ....", // VFNMA
	"1110 1110 1.10 .... .... 101. .0.0 ....", // VFMA
	"1110 1110 1.10 .... .... 101. .1.0 ....", // VFMS
	// other data processing
	"1110 1110 1.11 .... .... 101. 0000 ....", // VMOV (immediate)
	"1110 1110 1.11 0000 .... 101. 01.0 ....", // VMOV (register)
	"1110 1110 1.11 0000 .... 101. 11.0 ....", // VABS
	"1110 1110 1.11 0001 .... 101. 01.0 ....", // VNEG
	"1110 1110 1.11 0001 .... 101. 11.0 ....", // VSQRT
	"1110 1110 1.11 001. .... 101. .1.0 ....", // VCVTB, VCVTT
	"1110 1110 1.11 0100 .... 101. .1.0 ....", // VCMP, VCMPE
	"1110 1110 1.11 0101 .... 101. .1.0 ....", // VCMP, VCMPE with zero
	"1110 1110 1.11 0101 .... 101. .100 0000", // VCMP, VCMPE with zero, canonical
	"1110 1110 1.11 0110 .... 101. .1.0 ....", // VRINTR, VRINTZ
	"1110 1110 1.11 0111 .... 101. .1.0 ....", // VRINTX, VCVT (double/single)
	"1110 1110 1.11 1000 .... 101. .1.0 ....", // VCVT (integer to floating point)
	"1110 1110 1.11 110. .... 101. .1.0 ....", // VCVT, VCVTR (floating point to integer)
	"1110 1110 1.11 1.1. .... 101. .1.0 ....", // VCVT (fixed point)
	// FPv5 unconditional
	"1111 1110 0... .... .... 101. .0.0 ....", // VSEL
	"1111 1110 1.00 .... .... 101. .0.0 ....", // VMAXNM
	"1111 1110 1.00 .... .... 101. .1.0 ....", // VMINNM
	"1111 1110 1.11 10.. .... 101. 01.0 ....", // VRINTA/N/P/M
	"1111 1110 1.11 10.. .... 101. .1.0 ....", // VRINTA/N/P/M with hw2[7] free
	"1111 1110 1.11 11.. .... 101. .1.0 ....", // VCVTA/N/P/M
	// A6.5 extension register load/store
	"1110 1100 1..0 .... .... 101. .... ....", // VSTM
	"1110 1100 1..1 .... .... 101. .... ....", // VLDM
	"1110 1100 1.11 1101 .... 101. .... ....", // VPOP
	"1110 1101 0.10 .... .... 101. .... ....", // VSTMDB
	"1110 1101 0.11 .... .... 101. .... ....", // VLDMDB
	"1110 1101 0.10 1101 .... 101. .... ....", // VPUSH
	"1110 1101 ..00 .... .... 101. .... ....", // VSTR
	"1110 1101 ..01 .... .... 101. .... ....", // VLDR
	"1110 1101 ..01 1111 .... 101. .... ....", // VLDR (literal)
	// A6.7 64-bit transfers
	"1110 1100 010. .... .... 1010 00.1 ....", // VMOV two singles
	"1110 1100 010. .... .... 1011 00.1 ....", // VMOV double
	// A6.6 8, 16 and 32-bit transfers
	"1110 1110 000. .... .... 1010 .001 0000", // VMOV single
	"1110 1110 1110 .... .... 1010 0001 0000", // VMSR
	"1110 1110 1111 .... .... 1010 0001 0000", // VMRS
	"1110 1110 1111 0001 1111 1010 0001 0000", // VMRS APSR_nzcv
	"1110 1110 00.0 .... .... 1011 .001 0000", // VMOV core to scalar
	"1110 1110 00.1 .... .... 1011 .001 0000", // VMOV scalar to core
	"1110 1110 .0.. .... .... 1011 .001 ....", // VMOV scalar, should-be bits free
}

type pattern struct{ mask, val uint32 }

func compile(p string) pattern {
	p = strings.ReplaceAll(p, " ", "")
	if len(p) != 32 {
		panic(p)
	}
	var r pattern
	for i, c := range p {
		b := uint32(1) << (31 - i)
		switch c {
		case '0':
			r.mask |= b
		case '1':
			r.mask |= b
			r.val |= b
		}
	}
	return r
}

func main() {
	r := rand.New(rand.NewPCG(0xF9, 0x5D16))
	var encs []enc
	fill := func(p pattern) uint32 { return r.Uint32()&^p.mask | p.val }
	for _, row := range rows {
		p := compile(row)
		encs = append(encs, w32(p.val), w32(p.val|^p.mask))
		for range fillsPerRow {
			encs = append(encs, w32(fill(p)))
		}
		// one fixed bit flipped (not hw1[15:11], which make it a 16-bit or another 32-bit space;
		// hw1[12] flips between the conditional and the unconditional rows)
		var fixed []uint
		for b := uint(0); b < 32; b++ {
			if p.mask>>b&1 == 1 && (b < 27 || b == 28) {
				fixed = append(fixed, b)
			}
		}
		for range 12 {
			encs = append(encs, w32(fill(p)^1<<fixed[r.IntN(len(fixed))]))
		}
		// inside IT blocks: EQ…LE, then AL
		for range 6 {
			encs = append(encs, n16(0xBF08|uint32(r.IntN(14))<<4), w32(fill(p)))
		}
		encs = append(encs, n16(0xBFE8), w32(fill(p)))
	}
	// every VMOV immediate, single and double, with a few destinations
	for imm8 := uint32(0); imm8 < 256; imm8++ {
		for _, base := range []uint32{0xEEB00A00, 0xEEB00B00} {
			d := uint32(r.IntN(32))
			encs = append(encs, w32(base|imm8>>4<<16|imm8&15|(d>>1)<<12|(d&1)<<22))
		}
	}
	// register lists: imm8 edge values for every base form, with first registers at the
	// ends of the bank
	for _, hw1 := range []uint32{0xEC80, 0xECA0, 0xEC90, 0xECB0, 0xED20, 0xED30, 0xED2D, 0xECBD} {
		for _, sz := range []uint32{0xA00, 0xB00} {
			for _, imm8 := range []uint32{0, 1, 2, 3, 4, 31, 32, 33, 34, 35, 64, 255} {
				for _, vd := range []uint32{0, 8, 15} {
					for _, d := range []uint32{0, 1} {
						rn := uint32(r.IntN(15))
						if hw1&0xF != 0 {
							rn = 13
						}
						encs = append(encs, w32((hw1|rn|d<<6)<<16|vd<<12|sz|imm8))
					}
				}
			}
		}
	}
	// PC-relative VLDR/VSTR at both alignments
	for _, v := range []uint32{0xED9F0A00, 0xED1F0A00, 0xED9F0BFF, 0xED1F0BFF, 0xED8F0A01, 0xED0F0B02} {
		encs = append(encs, w32(v), n16(0xBF00), w32(v))
	}
	// random encodings of the CP10/CP11 space
	for range randomSpace {
		hw1 := uint32(0xEC00) | r.Uint32()&0x13FF // 111x 11xx xxxx xxxx
		if hw1&0x0300 == 0x0300 {
			hw1 &^= 0x0100 // 111x 1111 is Advanced SIMD data processing: not this space
		}
		hw2 := r.Uint32()&0xF1FF | 0x0A00
		encs = append(encs, w32(hw1<<16|hw2))
	}

	lines, err := objdump(encs)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var b strings.Builder
	b.WriteString("# Golden disassembly of the floating-point group: address|encoding|objdump text.\n")
	b.WriteString("# Generated by gen_fp.go with GNU objdump 2.40 (arm-none-eabi-objdump -d), Cortex-M7 ELF,\n")
	b.WriteString("# one symbol \"f\" at 0x08000000. Consecutive lines are consecutive instructions.\n")
	for _, l := range lines {
		b.WriteString(l.golden())
		b.WriteByte('\n')
	}
	if err := os.WriteFile("cpu/thumb/testdata/fp.txt", []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("fp.txt: %d lines\n", len(lines))
}

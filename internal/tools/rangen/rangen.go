// Package rangen generates the randomized differential-test corpus for m7emu's integer core
// (testdata/random): straight-line sequences of valid Thumb-2 encodings with random register
// values, flags and memory, wrapped in firmware for QEMU's mps2-an500 machine. QEMU's output is the
// golden; m7emu must produce the same bytes. testdata/random/README.md describes the corpus.
//
// Generation is a pure function of (Config.Seed, image index): every random choice comes from a
// PCG stream seeded with those two numbers, so the same seed gives byte-identical assembly, and the
// text of any sequence can be recovered with GenerateImage without re-running the tool.
package rangen

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
)

// Memory layout used by the firmware (mps2-an500: code RAM at 0x0, data RAM at 0x20000000).
const (
	BufAddr   = 0x20000100 // random data buffer every load/store of a sequence stays inside
	BufSize   = 256        // bytes
	StateAddr = 0x20000200 // driver variables
	RingAddr  = 0x20001000 // result records waiting to be written out
	RingLen   = 64         // records per SYS_WRITE
)

// Output record: one per sequence, RecordSize bytes, all fields little-endian uint32.
const (
	RecordSize = 64
	OffR0      = 0  // r0..r12 at OffR0 + 4*n
	OffLR      = 52 // r14
	OffAPSR    = 56 // MRS APSR: N Z C V Q in bits 31..27, GE[3:0] in bits 19..16, all else zero
	OffBufHash = 60 // BufferHash of the 256-byte buffer after the sequence
)

// Input record in the image (symbol seq_inputs), InputSize bytes per sequence.
const (
	InputSize    = 64
	InOffAPSR    = 56 // value written with MSR APSR_nzcvqg before the sequence
	InOffBufSeed = 60 // seed of BufferFill
)

// Config selects the corpus.
type Config struct {
	Seed         uint64 // master seed; image i uses PCG(Seed, i)
	Images       int
	SeqsPerImage int
}

// DefaultConfig is the committed corpus: 20 images × 5,000 sequences.
func DefaultConfig() Config {
	return Config{Seed: 0x6d37656d7572616e, Images: 20, SeqsPerImage: 5000}
}

// ImageName is the file stem of image i ("r00" … "r19").
func ImageName(i int) string { return fmt.Sprintf("r%02d", i) }

// Sequence is one generated test.
type Sequence struct {
	Index   int
	Regs    [14]uint32 // initial r0..r12, r14
	APSR    uint32     // initial APSR (NZCVQ, GE)
	BufSeed uint32     // initial buffer = BufferFill(BufSeed)
	Lines   []string   // assembly, one instruction or local label per line; the firmware appends "b.w seq_epilogue"
	Insns   int        // instructions in Lines
}

// Image is one firmware image's worth of sequences.
type Image struct {
	Index int
	Name  string
	Seed  uint64
	Seqs  []Sequence
	Stats []int // items generated per class, indexed like ClassNames()
}

// GenerateImage generates image idx of cfg.
func GenerateImage(cfg Config, idx int) *Image {
	im := &Image{Index: idx, Name: ImageName(idx), Seed: cfg.Seed, Stats: make([]int, len(classes))}
	g := &gen{r: newRNG(cfg.Seed, uint64(idx)), stats: im.Stats}
	im.Seqs = make([]Sequence, cfg.SeqsPerImage)
	for i := range im.Seqs {
		im.Seqs[i] = g.sequence(i)
	}
	return im
}

func regIndex(r int) int {
	if r == 14 {
		return 13
	}
	return r
}

func (g *gen) sequence(i int) Sequence {
	g.seq, g.labels, g.lines, g.insns, g.skips, g.mon = i, 0, nil, 0, nil, monitor{}
	g.known = [16]bool{}
	s := Sequence{Index: i}
	for _, r := range pool {
		s.Regs[regIndex(r)] = g.value()
	}
	// Base registers: in the buffer, or below it so that large positive offsets reach it.
	for _, r := range g.shuffled(pool)[:g.r.RangeIn(2, 4)] {
		var off int
		switch x := g.r.N(20); {
		case x < 14:
			off = g.r.N(BufSize)
		case x < 18:
			off = -g.r.RangeIn(1, 1024)
		default:
			off = -g.r.RangeIn(1025, 4095)
		}
		if g.r.N(4) != 0 {
			off &^= 3
		}
		s.Regs[regIndex(r)] = uint32(BufAddr + off)
	}
	if g.r.N(2) == 0 { // a small index register
		s.Regs[regIndex(pick(g.r, pool))] = uint32(g.r.N(64))
	}
	for _, r := range pool {
		g.known[r], g.val[r] = true, s.Regs[regIndex(r)]
	}
	s.APSR = g.r.U32()&0xf8000000 | g.r.U32()&0x000f0000
	s.BufSeed = g.r.U32() | 1

	target := g.r.RangeIn(4, 12)
	for g.insns < target {
		ci := g.pickClass(false)
		if classes[ci].fn(g) {
			g.stats[ci]++
			g.endItem()
		}
	}
	for _, sk := range g.skips {
		g.lines = append(g.lines, sk.label+":")
	}
	g.skips = nil
	s.Lines, s.Insns = g.lines, g.insns
	return s
}

// endItem counts down pending forward-branch targets and places the labels that are due.
func (g *gen) endItem() {
	keep := g.skips[:0]
	for _, s := range g.skips {
		s.items--
		if s.items <= 0 {
			g.lines = append(g.lines, s.label+":")
		} else {
			keep = append(keep, s)
		}
	}
	g.skips = keep
}

// Text renders a sequence for humans: its inputs, then its code.
func (s *Sequence) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "@ seq %d: %d instructions, APSR in 0x%08x, buffer seed 0x%08x\n", s.Index, s.Insns, s.APSR, s.BufSeed)
	for i, v := range s.Regs {
		r := i
		if i == 13 {
			r = 14
		}
		fmt.Fprintf(&b, "@   %-3s = 0x%08x\n", rn(r), v)
	}
	for _, l := range s.Lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// BufferFill returns the buffer contents the firmware writes before a sequence: BufSize/4
// little-endian words of the xorshift32 (13, 17, 5) stream started at seed, first output first.
func BufferFill(seed uint32) []byte {
	b := make([]byte, BufSize)
	x := seed
	for i := 0; i < BufSize; i += 4 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		binary.LittleEndian.PutUint32(b[i:], x)
	}
	return b
}

// BufferHash is the hash the firmware records: FNV-1a over little-endian 32-bit words,
// h = 0x811c9dc5; for each word w: h = (h ^ w) * 0x01000193.
func BufferHash(buf []byte) uint32 {
	h := uint32(0x811c9dc5)
	for i := 0; i+4 <= len(buf); i += 4 {
		h = (h ^ binary.LittleEndian.Uint32(buf[i:])) * 0x01000193
	}
	return h
}

// LinkerScript is the link.ld every image is linked with.
func LinkerScript() []byte {
	return []byte(`/* Generated by m7emu/internal/tools/rangen: QEMU mps2-an500 memory map. */
MEMORY
{
  CODE (rx)  : ORIGIN = 0x00000000, LENGTH = 4M
  RAM  (rwx) : ORIGIN = 0x20000000, LENGTH = 4M
}
ENTRY(reset)
SECTIONS
{
  .text :
  {
    KEEP(*(.vectors))
    *(.text.driver)
    *(.rodata*)
    *(.text.seq)
    *(.text*)
  } > CODE
  /DISCARD/ : { *(.comment) }
}
`)
}

// Asm renders the complete assembly source of the image.
func (im *Image) Asm() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "@ Generated by m7emu/internal/tools/rangen: image %s, seed 0x%x, %d sequences. Do not edit.\n",
		im.Name, im.Seed, len(im.Seqs))
	fmt.Fprintf(&b, driverAsm, BufAddr, BufSize, StateAddr, RingAddr, RingLen, len(im.Seqs))

	b.WriteString("\n\t.section .rodata.inputs,\"a\",%progbits\n\t.p2align 2\n\t.global seq_inputs\nseq_inputs:\n")
	for i := range im.Seqs {
		s := &im.Seqs[i]
		b.WriteString("\t.word ")
		for k, v := range s.Regs {
			fmt.Fprintf(&b, "0x%08x,", v)
			_ = k
		}
		fmt.Fprintf(&b, "0x%08x,0x%08x\n", s.APSR, s.BufSeed)
	}
	b.WriteString("\n\t.section .rodata.entries,\"a\",%progbits\n\t.p2align 2\n\t.global seq_entry\nseq_entry:\n")
	for i := range im.Seqs {
		fmt.Fprintf(&b, "\t.word .Ls%05d+1\n", i)
	}
	b.WriteString("\n\t.section .text.seq,\"ax\",%progbits\n\t.p2align 2\n\t.global seq_code\nseq_code:\n")
	for i := range im.Seqs {
		s := &im.Seqs[i]
		fmt.Fprintf(&b, ".Ls%05d:\n", i)
		for _, l := range s.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
		b.WriteString("\tb.w seq_epilogue\n")
	}
	// Literal loads reach up to 4095 bytes past the last sequence: keep that inside the image.
	b.WriteString("\t.global seq_code_end\nseq_code_end:\n\t.space 4096\n")
	return b.Bytes()
}

// driverAsm is the fixed part of every image. Format arguments: BufAddr, BufSize, StateAddr,
// RingAddr, RingLen, number of sequences.
const driverAsm = `	.syntax unified
	.thumb

	.equ BUF, 0x%08x
	.equ BUFSZ, %d
	.equ STATE, 0x%08x
	.equ RING, 0x%08x
	.equ RINGN, %d
	.equ NSEQ, %d

	@ driver variables at STATE
	.equ ST_IDX, 0      @ index of the next sequence
	.equ ST_COUNT, 4    @ records in the ring
	.equ ST_FD, 8       @ semihosting handle of ":tt" opened for writing
	.equ ST_WRITE, 16   @ SYS_WRITE block {fd, ptr, len}
	.equ ST_EXIT, 32    @ SYS_EXIT_EXTENDED block {reason, code}

	.section .vectors,"a",%%progbits
	.p2align 2
	.global vectors
vectors:
	.word BUF           @ initial MSP (the driver sets SP itself)
	.word reset
	.rept 14
	.word fault
	.endr

	.section .text.driver,"ax",%%progbits
	.p2align 2
	.global reset
	.thumb_func
	.type reset, %%function
reset:
	ldr r0, =BUF
	mov sp, r0
	ldr r7, =STATE
	movs r0, #0
	str r0, [r7, #ST_IDX]
	str r0, [r7, #ST_COUNT]
	ldr r1, =open_block
	movs r0, #0x01      @ SYS_OPEN ":tt", mode 4 ("w"): stdout
	bkpt 0xab
	adds r1, r0, #1
	bne 1f
	movs r4, #4         @ exit 4: SYS_OPEN failed
	b exit
1:	ldr r7, =STATE
	str r0, [r7, #ST_FD]

	@ Run sequence ST_IDX: fill the buffer, set SP = BUF, APSR and r0-r12, r14 from its input
	@ record, then enter it through POP {pc}. CLREX leaves the exclusive monitor Open.
	.global next_seq
next_seq:
	ldr r7, =STATE
	ldr r4, [r7, #ST_IDX]
	ldr r2, =NSEQ
	cmp r4, r2
	bhs finish
	ldr r5, =seq_inputs
	add r5, r5, r4, lsl #6
	ldr r0, [r5, #60]   @ buffer seed
	ldr r1, =BUF
	movs r2, #BUFSZ/4
2:	eor r0, r0, r0, lsl #13
	eor r0, r0, r0, lsr #17
	eor r0, r0, r0, lsl #5
	str r0, [r1], #4
	subs r2, #1
	bne 2b
	ldr r2, =seq_entry
	ldr r2, [r2, r4, lsl #2]
	ldr r1, =BUF
	mov sp, r1
	push {r2}
	ldr r0, [r5, #56]
	msr APSR_nzcvqg, r0
	clrex
	ldm r5, {r0-r12, lr}
	pop {pc}

	@ Every sequence ends with "b.w seq_epilogue". Record r0-r12, r14, APSR and the buffer hash.
	.global seq_epilogue
	.thumb_func
seq_epilogue:
	push {r0-r12, lr}   @ below BUF: SP is still BUF
	mrs r0, apsr
	ldr r1, =BUF
	ldr r2, =0x811c9dc5
	ldr r3, =0x01000193
	movs r4, #BUFSZ/4
3:	ldr r5, [r1], #4
	eors r2, r5
	mul r2, r2, r3
	subs r4, #1
	bne 3b
	ldr r7, =STATE
	ldr r6, [r7, #ST_COUNT]
	ldr r8, =RING
	add r8, r8, r6, lsl #6
	ldm sp!, {r1, r3, r4, r5, r9, r10, r11}     @ r0-r6
	stm r8!, {r1, r3, r4, r5, r9, r10, r11}
	ldm sp!, {r1, r3, r4, r5, r9, r10, r11}     @ r7-r12, r14
	stm r8!, {r1, r3, r4, r5, r9, r10, r11}
	stm r8!, {r0, r2}                           @ APSR, hash
	adds r6, #1
	str r6, [r7, #ST_COUNT]
	cmp r6, #RINGN
	bne 4f
	bl flush
4:	ldr r7, =STATE
	ldr r4, [r7, #ST_IDX]
	adds r4, #1
	str r4, [r7, #ST_IDX]
	b next_seq

finish:
	bl flush
	movs r4, #0
	b exit

	@ Write the records in the ring to the ":tt" handle with SYS_WRITE and empty the ring.
	.thumb_func
flush:
	ldr r7, =STATE
	ldr r2, [r7, #ST_COUNT]
	cbz r2, 5f
	lsls r2, r2, #6
	ldr r0, [r7, #ST_FD]
	ldr r1, =RING
	str r0, [r7, #ST_WRITE]
	str r1, [r7, #ST_WRITE+4]
	str r2, [r7, #ST_WRITE+8]
	add r1, r7, #ST_WRITE
	movs r0, #0x05      @ SYS_WRITE; returns the number of bytes not written
	bkpt 0xab
	cmp r0, #0
	beq 6f
	movs r4, #5         @ exit 5: SYS_WRITE failed
	b exit
6:	ldr r7, =STATE
	movs r0, #0
	str r0, [r7, #ST_COUNT]
5:	bx lr

	@ Any exception is a generator bug: write what was recorded, then exit 3.
	.global fault
	.thumb_func
	.type fault, %%function
fault:
	ldr r0, =BUF
	mov sp, r0
	bl flush
	movs r4, #3
	b exit

	@ SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, r4}
exit:
	ldr r1, =STATE+ST_EXIT
	ldr r0, =0x20026
	str r0, [r1]
	str r4, [r1, #4]
	movs r0, #0x20
	bkpt 0xab
	b .

	.ltorg
	.section .rodata.driver,"a",%%progbits
	.p2align 2
open_block:
	.word tt_name, 4, 3
tt_name:
	.asciz ":tt"
`

// Record is one decoded output record.
type Record struct {
	Regs    [14]uint32 // r0..r12, r14
	APSR    uint32
	BufHash uint32
}

// DecodeRecord decodes a RecordSize-byte output record.
func DecodeRecord(b []byte) Record {
	var r Record
	if len(b) < RecordSize {
		return r
	}
	for i := range r.Regs {
		r.Regs[i] = binary.LittleEndian.Uint32(b[OffR0+4*i:])
	}
	r.APSR = binary.LittleEndian.Uint32(b[OffAPSR:])
	r.BufHash = binary.LittleEndian.Uint32(b[OffBufHash:])
	return r
}

// Diff lists the fields in which got differs from want, one per line ("" if equal).
func (got Record) Diff(want Record) string {
	var b strings.Builder
	for i := range got.Regs {
		if got.Regs[i] != want.Regs[i] {
			r := i
			if i == 13 {
				r = 14
			}
			fmt.Fprintf(&b, "%s: got 0x%08x, want 0x%08x\n", rn(r), got.Regs[i], want.Regs[i])
		}
	}
	if got.APSR != want.APSR {
		fmt.Fprintf(&b, "APSR: got 0x%08x, want 0x%08x (NZCVQ %05b/%05b, GE %04b/%04b)\n", got.APSR, want.APSR,
			got.APSR>>27, want.APSR>>27, got.APSR>>16&0xf, want.APSR>>16&0xf)
	}
	if got.BufHash != want.BufHash {
		fmt.Fprintf(&b, "buffer hash: got 0x%08x, want 0x%08x\n", got.BufHash, want.BufHash)
	}
	return b.String()
}

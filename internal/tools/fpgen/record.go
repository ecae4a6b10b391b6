package fpgen

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
)

// Output record: one per case, RecordSize bytes, little-endian.
const (
	RecordSize = 12
	OffLo      = 0 // Vd after the instruction (S register: the whole value; D register: low word); 0 for VCMP
	OffHi      = 4 // D register: high word; otherwise 0
	OffFPSCR   = 8 // FPSCR read with VMRS right after the instruction
)

// The golden ends with one trailer of RecordSize bytes: TrailerMagic, the number of cases, and
// the input hash (Image.InputHash).
const TrailerMagic = 0x4e475046 // "FPGN"

// Record is one decoded output record.
type Record struct {
	Result uint64 // Vd: OffHi<<32 | OffLo
	FPSCR  uint32
}

// DecodeRecord decodes a RecordSize-byte record.
func DecodeRecord(b []byte) Record {
	if len(b) < RecordSize {
		return Record{}
	}
	return Record{
		Result: uint64(binary.LittleEndian.Uint32(b[OffHi:]))<<32 | uint64(binary.LittleEndian.Uint32(b[OffLo:])),
		FPSCR:  binary.LittleEndian.Uint32(b[OffFPSCR:]),
	}
}

// Trailer is the decoded last record of a golden.
type Trailer struct {
	Magic, Cases, Hash uint32
}

// DecodeTrailer decodes the trailer at the end of out (the last RecordSize bytes).
func DecodeTrailer(out []byte) (Trailer, bool) {
	if len(out) < RecordSize || len(out)%RecordSize != 0 {
		return Trailer{}, false
	}
	b := out[len(out)-RecordSize:]
	t := Trailer{binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[8:])}
	return t, t.Magic == TrailerMagic
}

// OutputSize is the size of a complete golden of im: its records and the trailer.
func (im *Image) OutputSize() int { return (im.NCases + 1) * RecordSize }

// Compare compares an image's output (got) with its golden (want) and returns the index of the
// first differing case with a report (the case, its inputs, both records decoded), or -1 and ""
// when they are equal. A difference in the trailer or the length is reported with index
// im.NCases.
func (im *Image) Compare(got, want []byte) (int, string) {
	for i := 0; i < im.NCases; i++ {
		off := i * RecordSize
		if off+RecordSize > len(got) || off+RecordSize > len(want) {
			return i, fmt.Sprintf("%s: output ends before case %d (got %d bytes, golden %d, want %d)", im.Name, i, len(got), len(want), im.OutputSize())
		}
		g, w := got[off:off+RecordSize], want[off:off+RecordSize]
		if string(g) != string(w) {
			c := im.Case(i)
			return i, c.Text() + c.Diff(DecodeRecord(g), DecodeRecord(w))
		}
	}
	if string(got) != string(want) {
		tg, _ := DecodeTrailer(got)
		tw, _ := DecodeTrailer(want)
		return im.NCases, fmt.Sprintf("%s: records agree but the trailer or length differs: got %d bytes %+v, golden %d bytes %+v",
			im.Name, len(got), tg, len(want), tw)
	}
	return -1, ""
}

// Diff describes how got differs from want ("" if equal), decoding the result in the precision
// of the case's destination.
func (c *Case) Diff(got, want Record) string {
	var b strings.Builder
	if got.Result != want.Result {
		fmt.Fprintf(&b, "result: got  %s\n        want %s\n", c.resultText(got.Result), c.resultText(want.Result))
	}
	if got.FPSCR != want.FPSCR {
		fmt.Fprintf(&b, "FPSCR:  got  %s\n        want %s\n", FPSCRText(got.FPSCR), FPSCRText(want.FPSCR))
	}
	return b.String()
}

// resultText formats Vd after the instruction in the destination's type.
func (c *Case) resultText(v uint64) string {
	f := c.Kernel.Form
	switch {
	case !f.Write:
		return fmt.Sprintf("0x%x (no destination)", v)
	case f.Cat == CatCvtToInt:
		return fmt.Sprintf("0x%08x (%s)", uint32(v), intText(uint32(v), f.Mnem[strings.IndexByte(f.Mnem, '.')+1] == 's'))
	case f.Cat == CatCvtToFix:
		return fmt.Sprintf("0x%x (fixed, %d fraction bits)", v, c.Kernel.FBits)
	case f.Cat == CatCvtToHalf:
		return fmt.Sprintf("0x%08x (%s in the %s half)", uint32(v), HalfText(halfOf(uint32(v), f.Mnem[4] == 't'), false), map[bool]string{false: "bottom", true: "top"}[f.Mnem[4] == 't'])
	case f.Dest() == RegD:
		return fmt.Sprintf("0x%016x (%s)", v, F64Text(v))
	}
	return fmt.Sprintf("0x%08x (%s)", uint32(v), F32Text(uint32(v)))
}

func halfOf(v uint32, top bool) uint32 {
	if top {
		return v >> 16
	}
	return v & 0xffff
}

func intText(v uint32, signed bool) string {
	if signed {
		return fmt.Sprintf("%d", int32(v))
	}
	return fmt.Sprintf("%d", v)
}

// Text describes the case: where it is, the instruction, FPSCR and APSR on entry and each operand
// register with its value decoded.
func (c *Case) Text() string {
	var b strings.Builder
	k := c.Kernel
	fmt.Fprintf(&b, "%s case %d: %s   (kernel %s", c.Image, c.Index, k.Insn(), k.Label())
	if c.Group >= 0 {
		fmt.Fprintf(&b, ", group %d: %s", c.Group, c.Note)
	}
	b.WriteString(")\n")
	fmt.Fprintf(&b, "  FPSCR in %s\n", FPSCRText(c.FPSCR))
	if k.Form.Sel || c.APSR != 0 {
		fmt.Fprintf(&b, "  APSR in  0x%08x (NZCV %04b)\n", c.APSR, c.APSR>>28)
	}
	ops := c.Operands()
	for s := 0; s < numSlots; s++ {
		if !k.Form.Reads(s) {
			continue
		}
		fmt.Fprintf(&b, "  %-4s %-3s = %s\n", slotNames[s], k.RegName(s), c.operandText(s, ops[s]))
	}
	return b.String()
}

func (c *Case) operandText(s int, v uint64) string {
	k := c.Kernel
	switch k.Form.Slot[s].Kind {
	case KindF32:
		return fmt.Sprintf("0x%08x (%s)", uint32(v), F32Text(uint32(v)))
	case KindF64:
		return fmt.Sprintf("0x%016x (%s)", v, F64Text(v))
	case KindI32:
		if k.Form.Fix == 16 {
			return fmt.Sprintf("0x%08x (low half 0x%04x)", uint32(v), uint16(v))
		}
		return fmt.Sprintf("0x%08x (%d / %d)", uint32(v), int32(v), uint32(v))
	case KindFixD:
		if k.Form.Fix == 16 {
			return fmt.Sprintf("0x%016x (low half 0x%04x)", v, uint16(v))
		}
		return fmt.Sprintf("0x%016x (low word %d / %d)", v, int32(v), uint32(v))
	case KindH16B:
		return fmt.Sprintf("0x%08x (bottom half %s)", uint32(v), HalfText(uint32(v)&0xffff, c.FPSCR&FPSCRAHP != 0))
	case KindH16T:
		return fmt.Sprintf("0x%08x (top half %s)", uint32(v), HalfText(uint32(v)>>16, c.FPSCR&FPSCRAHP != 0))
	}
	return fmt.Sprintf("0x%08x", uint32(v))
}

var rmodeNames = [4]string{"RN", "RP", "RM", "RZ"}

// FPSCRText decodes an FPSCR value: NZCV, AHP, DN, FZ, RMode and the cumulative flags.
func FPSCRText(v uint32) string {
	var b strings.Builder
	fmt.Fprintf(&b, "0x%08x (NZCV %04b %s", v, v>>28, rmodeNames[v>>RModeShift&3])
	for _, x := range []struct {
		bit  uint32
		name string
	}{{FPSCRAHP, "AHP"}, {FPSCRDN, "DN"}, {FPSCRFZ, "FZ"}} {
		if v&x.bit != 0 {
			b.WriteString(" " + x.name)
		}
	}
	b.WriteString(" flags:")
	any := false
	for _, x := range []struct {
		bit  uint32
		name string
	}{{FlagIOC, "IOC"}, {FlagDZC, "DZC"}, {FlagOFC, "OFC"}, {FlagUFC, "UFC"}, {FlagIXC, "IXC"}, {FlagIDC, "IDC"}} {
		if v&x.bit != 0 {
			b.WriteString(" " + x.name)
			any = true
		}
	}
	if !any {
		b.WriteString(" none")
	}
	if other := v &^ (0xf0000000 | FPSCRAHP | FPSCRDN | FPSCRFZ | 3<<RModeShift | FlagsMask); other != 0 {
		fmt.Fprintf(&b, " other bits 0x%x", other)
	}
	b.WriteString(")")
	return b.String()
}

// F32Text names a single-precision value: its decimal value, or zero/inf/NaN, with "subnormal"
// where it applies.
func F32Text(v uint32) string {
	exp, man := v>>23&0xff, v&0x7fffff
	sign := ""
	if v>>31 != 0 {
		sign = "-"
	}
	switch {
	case exp == 0xff && man == 0:
		return sign + "inf"
	case exp == 0xff && man&0x400000 != 0:
		return fmt.Sprintf("%sqNaN payload 0x%x", sign, man&0x3fffff)
	case exp == 0xff:
		return fmt.Sprintf("%ssNaN payload 0x%x", sign, man)
	case exp == 0 && man == 0:
		return sign + "0"
	}
	s := fmt.Sprintf("%.9g", math.Float32frombits(v))
	if exp == 0 {
		s += " subnormal"
	}
	return s
}

// F64Text is F32Text for double precision.
func F64Text(v uint64) string {
	exp, man := v>>52&0x7ff, v&mant52
	sign := ""
	if v>>63 != 0 {
		sign = "-"
	}
	switch {
	case exp == 0x7ff && man == 0:
		return sign + "inf"
	case exp == 0x7ff && man&(1<<51) != 0:
		return fmt.Sprintf("%sqNaN payload 0x%x", sign, man&(1<<51-1))
	case exp == 0x7ff:
		return fmt.Sprintf("%ssNaN payload 0x%x", sign, man)
	case exp == 0 && man == 0:
		return sign + "0"
	}
	s := fmt.Sprintf("%.17g", math.Float64frombits(v))
	if exp == 0 {
		s += " subnormal"
	}
	return s
}

// HalfText names a half-precision value, IEEE or (ahp) alternative format.
func HalfText(h uint32, ahp bool) string {
	h &= 0xffff
	exp, man := h>>10&0x1f, h&0x3ff
	sign := 1.0
	if h>>15 != 0 {
		sign = -1
	}
	if exp == 0x1f && !ahp {
		if man == 0 {
			return fmt.Sprintf("half %s", map[bool]string{false: "inf", true: "-inf"}[sign < 0])
		}
		return fmt.Sprintf("half %s 0x%x", map[bool]string{false: "sNaN", true: "qNaN"}[man&0x200 != 0], man)
	}
	var x float64
	if exp == 0 {
		x = math.Ldexp(float64(man), -24)
	} else {
		x = math.Ldexp(float64(man|0x400), int(exp)-25)
	}
	if ahp {
		return fmt.Sprintf("half %g (AHP)", sign*x)
	}
	return fmt.Sprintf("half %g", sign*x)
}

// RecordText formats a record of this case: the destination decoded in its type, and FPSCR.
func (c *Case) RecordText(r Record) string {
	if !c.Kernel.Form.Write {
		return "FPSCR " + FPSCRText(r.FPSCR)
	}
	return fmt.Sprintf("%s = %s\nFPSCR %s", c.Kernel.RegName(SlotD), c.resultText(r.Result), FPSCRText(r.FPSCR))
}

// ReadGolden reads a gzip'd golden output (testdata/fp/<name>.golden.gz).
func ReadGolden(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

package rangen

import (
	"fmt"
	"math/bits"
	"strings"
)

// pool is the set of general registers the random instructions use: r0–r12 and r14. SP (r13) appears
// only in the encodings that architecturally accept it (SP-relative add/sub/mov and SP-based
// loads/stores, always with SP = BufAddr and never written); PC only as the base of ADR and literal
// loads, and as the target of forward branches.
var pool = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14}

func rn(r int) string {
	switch r {
	case 13:
		return "sp"
	case 14:
		return "lr"
	}
	return fmt.Sprintf("r%d", r)
}

// monitor mirrors the local exclusive monitor so that every STREX has an architecturally defined
// outcome: it either runs with the monitor Open (fails, returns 1) or directly after an LDREX of the
// same address and size (succeeds, returns 0). A STREX to another address or size while the monitor
// is in Exclusive Access state is IMPLEMENTATION DEFINED and never generated (Arm DDI0403E A3.4).
type monitor struct {
	excl bool // an LDREX may have left the monitor in Exclusive Access state
}

type skip struct {
	label string
	items int // top-level items still to pass before the label
}

// gen holds the state of one sequence being generated.
type gen struct {
	r *rng

	known [16]bool
	val   [16]uint32

	lines []string
	insns int

	it    bool   // generating an instruction inside an IT block
	cond  string // its condition suffix
	last  bool   // it is the last instruction of the IT block
	skips []skip
	mon   monitor

	seq    int
	labels int
	stats  []int
}

// cnd reports whether the instruction being generated may or may not execute (inside an IT block
// or inside a region a forward branch may skip). Such instructions make every register they write
// unknown, and no set-up instruction may be inserted for them.
func (g *gen) cnd() bool { return g.it || len(g.skips) > 0 }

// c is the condition suffix of the instruction being generated.
func (g *gen) c() string {
	if g.it {
		return g.cond
	}
	return ""
}

// m builds a mnemonic: base, optional S, the IT condition, then the width qualifier.
func (g *gen) m(base string, s bool, width string) string {
	if s {
		base += "s"
	}
	return base + g.c() + width
}

// m16 builds the mnemonic of a 16-bit data-processing encoding whose flag setting depends on the
// IT state (Arm DDI0403E A6.2.1: flag-setting outside an IT block, not flag-setting inside one).
func (g *gen) m16(base string) string { return g.m(base, !g.it, ".n") }

func (g *gen) emit(format string, a ...any) {
	g.lines = append(g.lines, "\t"+fmt.Sprintf(format, a...))
	g.insns++
}

func (g *gen) clob(rs ...int) {
	for _, r := range rs {
		g.known[r] = false
	}
}

func (g *gen) set(r int, v uint32) {
	if g.cnd() {
		g.known[r] = false
		return
	}
	g.known[r] = true
	g.val[r] = v
}

func (g *gen) reg() int { return pool[g.r.N(len(pool))] }
func (g *gen) low() int { return g.r.N(8) }

// isPtr reports whether r is known to hold an address near the buffer (a usable base register).
func (g *gen) isPtr(r int) bool {
	return g.known[r] && g.val[r] >= BufAddr-4096 && g.val[r] < BufAddr+BufSize
}

// dst picks a destination register, mostly sparing known base registers so that fewer MOVW/MOVT
// set-ups are needed.
func (g *gen) dst() int {
	r := g.reg()
	for i := 0; i < 2 && g.isPtr(r) && g.r.N(4) != 0; i++ {
		r = g.reg()
	}
	return r
}

func (g *gen) dstLow() int {
	r := g.low()
	for i := 0; i < 2 && g.isPtr(r) && g.r.N(4) != 0; i++ {
		r = g.low()
	}
	return r
}

func (g *gen) regNot(ex ...int) int {
	for {
		r := g.reg()
		if !contains(ex, r) {
			return r
		}
	}
}

func contains(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func (g *gen) flag() bool { return g.r.N(2) == 0 }

// setup loads a constant with MOVW/MOVT. Only used outside conditional regions.
func (g *gen) setup(r int, v uint32) {
	g.emit("movw %s, #0x%x", rn(r), v&0xffff)
	g.emit("movt %s, #0x%x", rn(r), v>>16)
	g.set(r, v)
}

// ---- random values ----

var specials = []uint32{
	0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0x7fff, 0x8000, 0xffff,
	0x10000, 0xffff8000, 0xffff7fff, 0xff, 0x80, 0x7f, 0xffffff80, 0xffffff7f, 0x00ff00ff, 0xff00ff00,
	0x80008000, 0x7fff7fff, 0x7fff8000, 0x80007fff, 0x80808080, 0x7f7f7f7f, 0x7f807f80, 0x01010101,
	0xaaaaaaaa, 0x55555555, 0x0000001f, 0x00000020, 0x00000021, 0x000000ff, 0x00000100, 0xfffffff0,
}

// value returns a random register value with a bias towards boundary cases.
func (g *gen) value() uint32 {
	switch g.r.N(20) {
	case 0, 1, 2, 3:
		return pick(g.r, specials)
	case 4, 5:
		return uint32(g.r.RangeIn(-64, 64))
	case 6:
		return uint32(g.r.N(33))
	case 7, 8:
		var v uint32
		for i := 0; i < 4; i++ {
			v = v<<8 | uint32(pick(g.r, []byte{0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, byte(g.r.U32())}))
		}
		return v
	case 9:
		var v uint32
		for i := 0; i < 2; i++ {
			v = v<<16 | uint32(pick(g.r, []uint16{0, 1, 0x7fff, 0x8000, 0x8001, 0xffff, uint16(g.r.U32())}))
		}
		return v
	case 10:
		return uint32(int32(int16(g.r.U32())))
	}
	return g.r.U32()
}

// modImm returns a constant encodable as a Thumb modified immediate (ThumbExpandImm, Arm DDI0403E
// A5.3.2), spread over its five forms.
func (g *gen) modImm() uint32 {
	b := uint32(g.r.N(256))
	switch g.r.N(5) {
	case 0:
		return b
	case 1:
		return b | b<<16
	case 2:
		return b<<8 | b<<24
	case 3:
		return b * 0x01010101
	}
	return bits.RotateLeft32(0x80|uint32(g.r.N(128)), -g.r.RangeIn(8, 31))
}

var conds = []string{"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"}

func invert(c string) string {
	for i, x := range conds {
		if x == c {
			return conds[i^1]
		}
	}
	return c
}

func regList(rs []int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(rn(r))
	}
	b.WriteByte('}')
	return b.String()
}

// shiftOp returns a random immediate shift operand (DecodeImmShift, Arm DDI0403E A7.4.2).
func (g *gen) shiftOp() string {
	switch g.r.N(5) {
	case 0:
		return fmt.Sprintf("lsl #%d", g.r.RangeIn(1, 31))
	case 1:
		return fmt.Sprintf("lsr #%d", g.r.RangeIn(1, 32))
	case 2:
		return fmt.Sprintf("asr #%d", g.r.RangeIn(1, 32))
	case 3:
		return fmt.Sprintf("ror #%d", g.r.RangeIn(1, 31))
	}
	return "rrx"
}

// ---- addressing ----

// solve picks an offset off in [lo, hi] with off ≡ 0 (mod mult) such that the access
// [v+off, v+off+span) lies inside the data buffer and v+off ≡ rem (mod mod).
func (g *gen) solve(v uint32, lo, hi, mult, span, mod, rem int64) (int64, bool) {
	L := max(lo, BufAddr-int64(v))
	H := min(hi, BufAddr+BufSize-span-int64(v))
	if L > H {
		return 0, false
	}
	M := max(mult, mod)
	c := int64(-1)
	for x := int64(0); x < M; x++ {
		if x%mult == 0 && (int64(v)+x)%mod == rem {
			c = x
			break
		}
	}
	if c < 0 {
		return 0, false
	}
	first := L + ((c-L)%M+M)%M
	if first > H {
		return 0, false
	}
	return first + M*int64(g.r.N(int((H-first)/M+1))), true
}

// bufAddr picks a random address a in the buffer with room for span bytes and a ≡ rem (mod mod).
func (g *gen) bufAddr(span, mod, rem int64) int64 {
	n := (BufSize - span - rem) / mod
	return BufAddr + rem + mod*int64(g.r.N(int(n+1)))
}

// align returns the address congruence for a size-byte access: natural alignment, or, when
// misalignment is allowed (LDR/STR/LDRH/STRH and their variants, Arm DDI0403E A3.2.1), sometimes a
// deliberately unaligned address.
func (g *gen) align(size int, unalignedOK bool) (mod, rem int64) {
	if size == 1 {
		return 1, 0
	}
	if unalignedOK && g.r.Chance(1, 8) {
		return int64(size), int64(g.r.RangeIn(1, size-1))
	}
	return int64(size), 0
}

// base finds (or, outside conditional regions, sets up with MOVW/MOVT) a base register from cands
// and an offset so the access is inside the buffer. ok is false if nothing fits.
func (g *gen) base(cands []int, lo, hi, mult, span, mod, rem int64) (r int, off int64, ok bool) {
	order := g.shuffled(cands)
	for _, c := range order {
		if !g.known[c] {
			continue
		}
		if o, found := g.solve(g.val[c], lo, hi, mult, span, mod, rem); found {
			return c, o, true
		}
	}
	if g.cnd() || len(cands) == 0 {
		return 0, 0, false
	}
	r = order[0]
	a := g.bufAddr(span, mod, rem)
	off = lo + mult*int64(g.r.N(int((hi-lo)/mult+1)))
	g.setup(r, uint32(a-off))
	return r, off, true
}

func (g *gen) shuffled(s []int) []int {
	o := append([]int(nil), s...)
	for i := len(o) - 1; i > 0; i-- {
		j := g.r.N(i + 1)
		o[i], o[j] = o[j], o[i]
	}
	return o
}

func lowRegs() []int { return []int{0, 1, 2, 3, 4, 5, 6, 7} }

func without(s []int, ex ...int) []int {
	var o []int
	for _, v := range s {
		if !contains(ex, v) {
			o = append(o, v)
		}
	}
	return o
}

func offStr(off int64) string {
	if off < 0 {
		return fmt.Sprintf("#-%d", -off)
	}
	return fmt.Sprintf("#%d", off)
}

// wback records a base-register writeback.
func (g *gen) wback(r int, off int64) {
	if g.known[r] && !g.cnd() {
		g.val[r] += uint32(off)
		return
	}
	g.known[r] = false
}

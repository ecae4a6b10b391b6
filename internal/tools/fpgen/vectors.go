package fpgen

import (
	"fmt"
	"math"
)

// FPSCR fields (Arm DDI0403E A2.5.3).
const (
	FPSCRN     = 1 << 31
	FPSCRZ     = 1 << 30
	FPSCRC     = 1 << 29
	FPSCRV     = 1 << 28
	FPSCRAHP   = 1 << 26
	FPSCRDN    = 1 << 25
	FPSCRFZ    = 1 << 24
	RModeShift = 22
	FlagIOC    = 1 << 0
	FlagDZC    = 1 << 1
	FlagOFC    = 1 << 2
	FlagUFC    = 1 << 3
	FlagIXC    = 1 << 4
	FlagIDC    = 1 << 7
	FlagsMask  = 0x9f
)

// stdModes: RMode (fastest), FZ, DN: 16 FPSCR values, APSR 0.
func stdModes() [][2]uint32 {
	var m [][2]uint32
	for dn := uint32(0); dn < 2; dn++ {
		for fz := uint32(0); fz < 2; fz++ {
			for rm := uint32(0); rm < 4; rm++ {
				m = append(m, [2]uint32{rm<<RModeShift | fz<<24 | dn<<25, 0})
			}
		}
	}
	return m
}

// halfModes: stdModes without, then with FPSCR.AHP.
func halfModes() [][2]uint32 {
	m := stdModes()
	for _, x := range stdModes() {
		m = append(m, [2]uint32{x[0] | FPSCRAHP, 0})
	}
	return m
}

// selModes: every APSR.NZCV value, with FPSCR 0 and with FZ, DN and RMode = RZ.
func selModes() [][2]uint32 {
	var m [][2]uint32
	for _, fpscr := range []uint32{0, FPSCRFZ | FPSCRDN | 3<<RModeShift} {
		for nzcv := uint32(0); nzcv < 16; nzcv++ {
			m = append(m, [2]uint32{fpscr, nzcv << 28})
		}
	}
	return m
}

// fmt describes a binary floating-point format for building boundary values with math.Ldexp.
type ffmt struct {
	p      int // significand bits (24, 53)
	emin   int // exponent of the smallest normal
	emax   int
	single bool
}

var fmt32 = ffmt{24, -126, 127, true}
var fmt64 = ffmt{53, -1022, 1023, false}

func (f ffmt) max() float64 { return math.Ldexp(2-math.Ldexp(1, 1-f.p), f.emax) }

// bits returns the encoding of x, and false if x is not exactly representable.
func (f ffmt) bits(x float64) (uint64, bool) {
	if f.single {
		y := float32(x)
		if float64(y) != x && !math.IsNaN(x) {
			return 0, false
		}
		return uint64(math.Float32bits(y)), true
	}
	return math.Float64bits(x), true
}

func (f ffmt) list(xs ...float64) []uint64 {
	var out []uint64
	for _, x := range xs {
		if b, ok := f.bits(x); ok {
			out = append(out, b)
		}
	}
	return out
}

func (f ffmt) pairs(xs ...[2]float64) [][3]uint64 {
	var out [][3]uint64
	for _, x := range xs {
		a, ok1 := f.bits(x[0])
		b, ok2 := f.bits(x[1])
		if ok1 && ok2 {
			out = append(out, [3]uint64{0, a, b})
		}
	}
	return out
}

func (f ffmt) spec() []uint64 {
	if f.single {
		return widen(spec32)
	}
	return spec64
}

func widen(v []uint32) []uint64 {
	out := make([]uint64, len(v))
	for i, x := range v {
		out[i] = uint64(x)
	}
	return out
}

// core lists: the operands of the two-operand products (32 values each).
var core32 = []uint32{
	0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc12345, 0xffc00001, 0x7fa5a5a5, 0xff800abc,
	0x00000001, 0x807fffff, 0x00400000, 0x00800000, 0x80800001, 0x7f7fffff, 0xff7fffff, 0x7f000000,
	0x3f800000, 0xbf800000, 0x3fc00000, 0x40000000, 0x3f000000, 0xc0200000, 0x40400000, 0x3f800001,
	0x3f7fffff, 0x3eaaaaab, 0x4b800000, 0x33800000, 0x4b000001, 0x3effffff, 0x40490fdb, 0xc2f6e979,
}

var core64 = []uint64{
	0, 1 << 63, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000012345678, 0xfff8000000000001, 0x7ff456789abcdef0, 0xfff00000deadbeef,
	1, 0x800fffffffffffff, 0x0008000000000000, 0x0010000000000000, 0x8010000000000001, 0x7fefffffffffffff, 0xffefffffffffffff, 0x7fe0000000000000,
	b64(1), b64(-1), b64(1.5), b64(2), b64(0.5), b64(-2.5), b64(3), 0x3ff0000000000001,
	0x3fefffffffffffff, 0x3fd5555555555555, b64(ldexp(1, 53)), b64(ldexp(1, -53)), b64(ldexp(1, 52) + 1), 0x3fdfffffffffffff, 0x400921fb54442d18, b64(-123.456),
}

// tern lists: the operands of the three-operand products (10 values each).
var tern32 = []uint32{0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc12345, 0x7fa5a5a5, 0x00000001, 0x7f7fffff, 0x3f800000, 0xbfc00000}
var tern64 = []uint64{0, 1 << 63, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000012345678, 0x7ff456789abcdef0, 1, 0x7fefffffffffffff, b64(1), b64(-1.5)}

func (f ffmt) core() []uint64 {
	if f.single {
		return widen(core32)
	}
	return core64
}

func (f ffmt) tern() []uint64 {
	if f.single {
		return widen(tern32)
	}
	return tern64
}

// qnan/snan with a given payload tag, for NaN-priority tuples.
func (f ffmt) qnan(tag uint64) uint64 {
	if f.single {
		return 0x7fc00000 | tag
	}
	return 0x7ff8000000000000 | tag
}

func (f ffmt) snan(tag uint64) uint64 {
	if f.single {
		return 0x7f800000 | tag
	}
	return 0x7ff0000000000000 | tag
}

// addPairs: halfway and near-halfway sums, overflow at max, exact subnormal results, cancellation.
func (f ffmt) addPairs() [][3]uint64 {
	p, e := f.p, f.emin
	u := ldexp(1, 1-p) // ulp of 1
	mx := f.max()
	return f.pairs(
		[2]float64{1, ldexp(1, -p)}, [2]float64{1 + u, ldexp(1, -p)}, [2]float64{1, ldexp(1, -p) * (1 + u)},
		[2]float64{1, ldexp(1, -p-1)}, [2]float64{-1, -ldexp(1, -p)}, [2]float64{-1 - u, -ldexp(1, -p)},
		[2]float64{mx, ldexp(1, f.emax-p)}, [2]float64{mx, ldexp(1, f.emax-p) * (1 - u/2)}, [2]float64{mx, mx}, [2]float64{-mx, -mx},
		[2]float64{ldexp(1, e), -ldexp(1, e+1-p)}, [2]float64{ldexp(1, e) + ldexp(1, e+1-p), -ldexp(1, e)},
		[2]float64{ldexp(1, e) * 1.5, -ldexp(1, e)}, [2]float64{1, -(1 - ldexp(1, -p))},
		[2]float64{ldexp(1, p-1), 0.5}, [2]float64{ldexp(1, p-1) + 1, 0.5}, [2]float64{ldexp(1, p), 1}, [2]float64{ldexp(1, p), 3},
		[2]float64{1.5, -1.5}, [2]float64{0, math.Copysign(0, -1)}, [2]float64{math.Copysign(0, -1), math.Copysign(0, -1)},
		[2]float64{math.Inf(1), math.Inf(-1)}, [2]float64{math.Inf(1), math.Inf(1)},
	)
}

// mulPairs: halfway products, subnormal and tiny results (ties to zero, to the smallest normal),
// overflow.
func (f ffmt) mulPairs() [][3]uint64 {
	p, e := f.p, f.emin
	u := ldexp(1, 1-p)
	return f.pairs(
		[2]float64{1 + u, 1 + u}, [2]float64{1.5, 1 + u}, [2]float64{1 + u, 1 - u/2},
		[2]float64{ldexp(1, e), 0.5}, [2]float64{ldexp(1, e) * (1 + u), 0.5}, [2]float64{ldexp(1, e) * (2 - u), 0.5},
		[2]float64{ldexp(1, e) * (1 + 3*u), 0.25}, [2]float64{ldexp(1, e), ldexp(1, -p)}, [2]float64{ldexp(1, e), ldexp(1, -p) * (1 + u)},
		[2]float64{ldexp(1, e), ldexp(1, 1-p)}, [2]float64{ldexp(1, e) * 1.5, ldexp(1, -p)},
		[2]float64{ldexp(1, f.emax), 2}, [2]float64{f.max(), 1 + u}, [2]float64{-f.max(), 1 + u}, [2]float64{ldexp(1, f.emax/2+1), ldexp(1, f.emax/2+1)},
		[2]float64{math.Inf(1), 0}, [2]float64{0, math.Inf(-1)}, [2]float64{math.Copysign(0, -1), 3},
	)
}

// divPairs: inexact quotients, exact and halfway subnormal quotients, overflow, division by zero,
// invalid operations.
func (f ffmt) divPairs() [][3]uint64 {
	p, e := f.p, f.emin
	u := ldexp(1, 1-p)
	return f.pairs(
		[2]float64{1, 3}, [2]float64{2, 3}, [2]float64{-1, 3}, [2]float64{1, 1 + u}, [2]float64{9, 3}, [2]float64{1, 10},
		[2]float64{1, ldexp(1, e+1-p)}, [2]float64{f.max(), 0.5}, [2]float64{ldexp(1, e), 2}, [2]float64{ldexp(1, e) * (1 + u), 2},
		[2]float64{ldexp(1, e) * (2 - u), 2}, [2]float64{ldexp(1, e+1-p), 2}, [2]float64{ldexp(1, e+1-p) * 3, 2},
		[2]float64{1, 0}, [2]float64{-1, 0}, [2]float64{1, math.Copysign(0, -1)}, [2]float64{0, 0}, [2]float64{math.Inf(1), math.Inf(-1)},
		[2]float64{0, math.Inf(1)}, [2]float64{math.Inf(-1), 2},
	)
}

// unaryExtra: values for VSQRT and rounding to integral (exact squares, ties, values just inside the
// range where every value is integral).
func (f ffmt) unaryExtra() []uint64 {
	p := f.p
	u := ldexp(1, 1-p)
	return f.list(4, 9, 0.25, 2-u, 1+2*u, ldexp(1, f.emin+1-p)*4, 0.75, -0.75, 1.25, -1.25, 1.75, 3.5, -3.5, -0.25,
		ldexp(1, p-2)+0.5, ldexp(1, p-2)+1.5, -ldexp(1, p-2)-0.5, ldexp(1, p-1)-0.5, ldexp(1, p-1)-1.5,
		ldexp(1, 31)-0.5, -ldexp(1, 31)-0.5, ldexp(1, 32)-0.5, -0.5-ldexp(1, -p), 4294967295.5-1, 2147483646.5)
}

// fixExtra: values around the range limits of a fixed-point conversion with size bits and fbits
// fraction bits.
func (f ffmt) fixExtra(size, fbits int) []uint64 {
	lsb := ldexp(1, -fbits)
	x := ldexp(1, size-1-fbits) // 2^(size-1) LSBs: one past the signed maximum
	return f.list(x, x-lsb, x-lsb/2, -x, -x-lsb/2, -x-lsb, 2*x, 2*x-lsb, 2*x-lsb/2, lsb, lsb/2, 3*lsb/2, -lsb/2, -lsb, 5*lsb/2)
}

// fmaTriples: {addend, multiplicand, multiplicand} where fused and unfused results differ, the
// product overflows but the fused result does not, tiny products, signed zeros, and NaN priority
// (every pattern with two or three NaNs, payloads tagged by slot) and inf*0 with a quiet NaN.
func (f ffmt) fmaTriples() [][3]uint64 {
	p, e := f.p, f.emin
	u := ldexp(1, 1-p)
	h := p / 2
	a, b := 1+ldexp(1, -h), 1+ldexp(1, -(p-h))
	mx := f.max()
	nz := math.Copysign(0, -1)
	var out [][3]uint64
	for _, t := range [][3]float64{
		{-(1 + ldexp(1, -h) + ldexp(1, -(p-h))), a, b}, {1 + ldexp(1, -h) + ldexp(1, -(p-h)), -a, b},
		{1, ldexp(1, -p), 1}, {1, ldexp(1, -p), 1 + u}, {-mx, mx, 1 + u}, {mx, mx, 1 + u},
		{ldexp(1, e), -ldexp(1, e), 1 - ldexp(1, -p)}, {0, ldexp(1, e), ldexp(1, -p)}, {nz, 0, -1}, {0, 0, -1}, {nz, nz, 1},
		{math.Inf(1), math.Inf(1), -1}, {1, math.Inf(1), 0}, {ldexp(1, e), ldexp(1, e), 1.5},
	} {
		x, ok0 := f.bits(t[0])
		y, ok1 := f.bits(t[1])
		z, ok2 := f.bits(t[2])
		if ok0 && ok1 && ok2 {
			out = append(out, [3]uint64{x, y, z})
		}
	}
	one, _ := f.bits(1)
	inf, _ := f.bits(math.Inf(1))
	tags := [3]uint64{0xd, 0x2e, 0x3f} // payload per slot D, N, M
	for pat := 0; pat < 27; pat++ {
		var t [3]uint64
		nans := 0
		for s, q := 0, pat; s < 3; s, q = s+1, q/3 {
			switch q % 3 {
			case 0:
				t[s] = one
			case 1:
				t[s] = f.qnan(tags[s])
				nans++
			case 2:
				t[s] = f.snan(tags[s])
				nans++
			}
		}
		if nans >= 2 {
			out = append(out, t)
		}
	}
	ninf, _ := f.bits(math.Inf(-1))
	out = append(out, [3]uint64{f.qnan(tags[0]), inf, 0}, [3]uint64{f.qnan(tags[0]), 0, ninf},
		[3]uint64{f.snan(tags[0]), inf, 0}, [3]uint64{one, inf, 0})
	return out
}

func product2(a, b []uint64) [][3]uint64 {
	var out [][3]uint64
	for _, x := range a {
		for _, y := range b {
			out = append(out, [3]uint64{0, x, y})
		}
	}
	return out
}

// in tuples: put a value list into slot s.
func inSlot(s int, vs []uint64) [][3]uint64 {
	out := make([][3]uint64, len(vs))
	for i, v := range vs {
		out[i][s] = v
	}
	return out
}

func fmtOf(c RegClass) ffmt {
	if c == RegD {
		return fmt64
	}
	return fmt32
}

// vectorImage builds vector image i: v00 two-operand arithmetic and comparisons, v01 the
// multiply-accumulate forms, v02 everything else.
func vectorImage(cfg Config, idx int) *Image {
	im := &Image{Name: fmt.Sprintf("v%02d", idx), Kind: Vectors, Index: idx}
	r := newRNG(cfg.Seed, uint64(100+idx))
	kernel := func(f *Form, fbits int) *Kernel {
		k := &Kernel{Index: len(im.Kernels), Form: f, Reg: assignRegs(r, f, false), FBits: fbits}
		im.Kernels = append(im.Kernels, k)
		return k
	}
	group := func(k *Kernel, note string, tuples [][3]uint64, modes [][2]uint32) {
		if len(tuples) > 0 {
			im.Groups = append(im.Groups, &Group{Kernel: k, Note: note, Tuples: tuples, Modes: modes})
		}
	}
	want := func(c Category) bool {
		switch idx {
		case 0:
			return c == CatBinary || c == CatCompare
		case 1:
			return c == CatTernary
		}
		return c != CatBinary && c != CatCompare && c != CatTernary
	}
	for _, f := range forms {
		if !want(f.Cat) {
			continue
		}
		var ff ffmt
		switch {
		case f.Slot[SlotM].Kind == KindF32 || f.Slot[SlotD].Kind == KindF32:
			ff = fmt32
		case f.Slot[SlotM].Kind == KindF64 || f.Slot[SlotD].Kind == KindF64:
			ff = fmt64
		default:
			ff = fmtOf(f.Slot[SlotD].Class)
		}
		std := stdModes()
		switch f.Cat {
		case CatBinary:
			k := kernel(f, 0)
			group(k, "specials × specials", product2(ff.core(), ff.core()), std)
			var extra [][3]uint64
			switch f.Mnem[:4] {
			case "vadd", "vsub":
				extra = ff.addPairs()
			case "vmul", "vnmu":
				extra = ff.mulPairs()
			case "vdiv":
				extra = ff.divPairs()
			default: // vmaxnm, vminnm: NaN against numbers and NaNs, signed zeros
				extra = product2(ff.list(0, math.Copysign(0, -1), 1, math.Inf(-1)), []uint64{ff.qnan(0x2e), ff.snan(0x3f), 0})
				extra = append(extra, [3]uint64{0, ff.qnan(0x2e), ff.snan(0x3f)}, [3]uint64{0, ff.snan(0x2e), ff.qnan(0x3f)},
					[3]uint64{0, ff.qnan(0x2e), ff.qnan(0x3f)}, [3]uint64{0, ff.snan(0x2e), ff.snan(0x3f)})
			}
			group(k, "rounding and edge pairs", extra, std)
		case CatCompare:
			tuples := product2(ff.core(), ff.core())
			for i := range tuples {
				tuples[i][SlotD], tuples[i][SlotN] = tuples[i][SlotN], 0 // VCMP compares Vd with Vm
			}
			group(kernel(f, 0), "specials × specials (Vd, Vm)", tuples, std)
		case CatTernary:
			k := kernel(f, 0)
			t := ff.tern()
			var tuples [][3]uint64
			for _, d := range t {
				for _, n := range t {
					for _, m := range t {
						tuples = append(tuples, [3]uint64{d, n, m})
					}
				}
			}
			group(k, "specials³ (Vd, Vn, Vm)", tuples, std)
			group(k, "fused/unfused rounding, NaN priority (Vd, Vn, Vm)", ff.fmaTriples(), std)
		case CatUnary:
			group(kernel(f, 0), "specials and integral/rounding boundaries", inSlot(SlotM, append(ff.spec(), ff.unaryExtra()...)), std)
		case CatCompareZ:
			group(kernel(f, 0), "specials", inSlot(SlotD, ff.spec()), std)
		case CatSelect:
			a := ff.list(1, math.Copysign(0, -1), math.Inf(1))
			b := []uint64{ff.snan(0x3f), 2, ff.list(-3)[0]}
			group(kernel(f, 0), "pairs × APSR.NZCV", product2(a, b), selModes())
		case CatCvtFF, CatCvtToInt:
			group(kernel(f, 0), "specials and integral/rounding boundaries", inSlot(SlotM, append(ff.spec(), ff.unaryExtra()...)), std)
		case CatCvtFromInt:
			group(kernel(f, 0), "integers", inSlot(SlotM, widen(specI32)), std)
		case CatCvtToFix:
			for _, fb := range fbitsList(f.Fix) {
				group(kernel(f, fb), "specials and range limits", inSlot(SlotD, append(ff.spec(), ff.fixExtra(f.Fix, fb)...)), std)
			}
		case CatCvtFromFix:
			vs := widen(specI32)
			if f.Slot[SlotD].Class == RegD {
				for i := range vs {
					vs[i] |= uint64(^uint32(vs[i])^0x5a5a5a5a) << 32 // high word: junk the form ignores
				}
			}
			for _, fb := range fbitsList(f.Fix) {
				group(kernel(f, fb), "integers", inSlot(SlotD, vs), std)
			}
		case CatCvtFromHalf:
			var vs []uint64
			for _, h := range specH16 {
				if f.Slot[SlotM].Kind == KindH16B {
					vs = append(vs, uint64(0xa5a50000|h))
				} else {
					vs = append(vs, uint64(h<<16|0x5a5a))
				}
			}
			group(kernel(f, 0), "half-precision specials", inSlot(SlotM, vs), halfModes())
		case CatCvtToHalf:
			vs := inSlot(SlotM, append(ff.spec(), ff.unaryExtra()...))
			for i := range vs {
				vs[i][SlotD] = 0x5a5aa5a5 // the half of Vd that is not written must be kept
			}
			group(kernel(f, 0), "specials and half-precision boundaries", vs, halfModes())
		}
	}
	im.finishGroups()
	return im
}

func fbitsList(size int) []int {
	if size == 16 {
		return []int{0, 1, 8, 15, 16}
	}
	return []int{1, 16, 31, 32}
}

package fpgen

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
)

// Architectural checks of single records, computed independently of QEMU: Go's native IEEE
// arithmetic (round to nearest even, with subnormals), math.FMA, math/big and exact integer
// rounding, applied where they give the Arm result (Arm DDI0403E A2.5: FPAdd, FPMul, FPDiv,
// FPSqrt, FPMulAdd, FPCompare, FPToFixed, FixedToFP, FPRoundInt, FPMaxNum/FPMinNum, FPConvert,
// FPHalfToSingle; A7.7 for each instruction's negations). They tie the records to the cases that
// Image.Case describes, and find QEMU quirks. Inputs outside what a check models (other rounding
// modes, flushing) are left to the differential test.

type checkStats struct{ n map[string]int }

func (s *checkStats) hit(name string) {
	if s.n == nil {
		s.n = map[string]int{}
	}
	s.n[name]++
}

func (s *checkStats) String() string {
	var keys []string
	for k := range s.n {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %d, ", k, s.n[k])
	}
	return strings.TrimSuffix(b.String(), ", ")
}

// fval is an operand or result in either precision, as bits.
type fval struct {
	bits   uint64
	single bool
}

func (v fval) expMan() (uint64, uint64) {
	if v.single {
		return v.bits >> 23 & 0xff, v.bits & 0x7fffff
	}
	return v.bits >> 52 & 0x7ff, v.bits & mant52
}

func (v fval) isNaN() bool {
	e, m := v.expMan()
	if v.single {
		return e == 0xff && m != 0
	}
	return e == 0x7ff && m != 0
}

func (v fval) isSNaN() bool {
	_, m := v.expMan()
	q := uint64(1 << 51)
	if v.single {
		q = 1 << 22
	}
	return v.isNaN() && m&q == 0
}

func (v fval) isDenormal() bool {
	e, m := v.expMan()
	return e == 0 && m != 0
}

func (v fval) quiet() uint64 {
	if v.single {
		return v.bits | 1<<22
	}
	return v.bits | 1<<51
}

func (v fval) float() float64 {
	if v.single {
		return float64(math.Float32frombits(uint32(v.bits)))
	}
	return math.Float64frombits(v.bits)
}

func defaultNaN(single bool) uint64 {
	if single {
		return 0x7fc00000
	}
	return 0x7ff8000000000000
}

func signBit(single bool) uint64 {
	if single {
		return 1 << 31
	}
	return 1 << 63
}

func fromFloat(x float64, single bool) uint64 {
	if single {
		return uint64(math.Float32bits(float32(x)))
	}
	return math.Float64bits(x)
}

// flushed returns v with a denormal replaced by a zero of the same sign when FZ is set
// (FPUnpack), and whether that happened.
func flushed(v fval, fz bool) (fval, bool) {
	if fz && v.isDenormal() {
		return fval{v.bits & signBit(v.single), v.single}, true
	}
	return v, false
}

// processNaNs: Arm FPProcessNaNs/FPProcessNaNs3: the first signalling NaN, else the first quiet
// NaN, quietened; the default NaN when DN is set. ok is false when no operand is a NaN.
func processNaNs(dn bool, ops ...fval) (res uint64, ioc bool, ok bool) {
	pick := -1
	for i, o := range ops {
		if o.isSNaN() {
			pick = i
			break
		}
	}
	if pick < 0 {
		for i, o := range ops {
			if o.isNaN() {
				pick = i
				break
			}
		}
	}
	if pick < 0 {
		return 0, false, false
	}
	ioc = ops[pick].isSNaN()
	if dn {
		return defaultNaN(ops[pick].single), ioc, true
	}
	return ops[pick].quiet(), ioc, true
}

// checkCase returns "" if rec is consistent with the architecture for case c, else a description.
func checkCase(c *Case, rec Record, st *checkStats) string {
	f := c.Kernel.Form
	in, out := c.FPSCR, rec.FPSCR
	const mode = FPSCRAHP | FPSCRDN | FPSCRFZ | 3<<RModeShift
	if out&mode != in&mode {
		return "FPSCR mode bits changed\n"
	}
	if out&^(0xf0000000|mode|FlagsMask) != 0 {
		return fmt.Sprintf("FPSCR has reserved bits set: 0x%08x\n", out)
	}
	if out&in&FlagsMask != in&FlagsMask {
		return "a cumulative flag was cleared\n"
	}
	isCmp := f.Cat == CatCompare || f.Cat == CatCompareZ
	if !isCmp && out>>28 != in>>28 {
		return "FPSCR.NZCV changed by a non-compare instruction\n"
	}
	if f.Dest() != RegD && rec.Result>>32 != 0 {
		return "high word of a single-register result is not 0\n"
	}
	if !f.Write && rec.Result != 0 {
		return "a compare stored a result\n"
	}
	st.hit("fpscr")
	newFlags := out & FlagsMask &^ (in & FlagsMask)
	allNew := in&FlagsMask == 0 // flags were clear: the record shows exactly the op's flags
	ops := c.Operands()
	single := f.Slot[SlotM].Kind == KindF32 || f.Slot[SlotD].Kind == KindF32 || f.Slot[SlotN].Kind == KindF32
	fz, dn := in&FPSCRFZ != 0, in&FPSCRDN != 0
	rm := in >> RModeShift & 3
	rn := rm == 0
	op := func(s int) fval {
		return fval{ops[s], f.Slot[s].Kind == KindF32}
	}
	want := func(name string, w uint64, flags uint32, exact bool) string {
		st.hit(name)
		if rec.Result != w {
			return fmt.Sprintf("%s: result 0x%x, want 0x%x\n", name, rec.Result, w)
		}
		if exact && allNew && newFlags != flags {
			return fmt.Sprintf("%s: flags 0x%02x, want 0x%02x\n", name, newFlags, flags)
		}
		if !exact && flags&^newFlags != 0 {
			return fmt.Sprintf("%s: flags 0x%02x lack 0x%02x\n", name, newFlags, flags)
		}
		return ""
	}
	mnem := f.Mnem[:strings.IndexByte(f.Mnem, '.')]
	// FPUnpack flushes denormal operands when FZ is set and raises IDC, before NaN processing.
	var idc uint32
	if fz && (f.Slot[SlotM].Kind == KindF32 || f.Slot[SlotM].Kind == KindF64 || f.Slot[SlotD].Kind == KindF32 || f.Slot[SlotD].Kind == KindF64) {
		for s := 0; s < numSlots; s++ {
			if k := f.Slot[s].Kind; (k == KindF32 || k == KindF64) && op(s).isDenormal() {
				idc = FlagIDC
			}
		}
	}

	switch f.Cat {
	case CatSelect:
		nzcv := c.APSR >> 28
		n, z, v := nzcv&8 != 0, nzcv&4 != 0, nzcv&1 != 0
		var pass bool
		switch mnem {
		case "vseleq":
			pass = z
		case "vselge":
			pass = n == v
		case "vselgt":
			pass = !z && n == v
		case "vselvs":
			pass = v
		}
		w := ops[SlotM]
		if pass {
			w = ops[SlotN]
		}
		return want("vsel", w, 0, true)

	case CatUnary:
		a := op(SlotM)
		switch mnem {
		case "vabs":
			return want("vabs", a.bits&^signBit(single), 0, true)
		case "vneg":
			return want("vneg", a.bits^signBit(single), 0, true)
		case "vsqrt":
			if r, ioc, ok := processNaNs(dn, a); ok {
				return want("nan", r, b2f(ioc, FlagIOC)|idc, true)
			}
			if !rn || fz {
				return ""
			}
			x := a.float()
			if x < 0 {
				return want("vsqrt", defaultNaN(single), FlagIOC, true)
			}
			r := math.Sqrt(x) // correctly rounded to double; for single, rounding again is exact (53 ≥ 2·24+2)
			return want("vsqrt", fromFloat(r, single), 0, false)
		default: // vrint*
			if r, ioc, ok := processNaNs(dn, a); ok {
				return want("nan", r, b2f(ioc, FlagIOC)|idc, true)
			}
			a, flushedIn := flushed(a, fz)
			x := a.float()
			var r float64
			mode := map[string]uint32{"vrintn": 0, "vrintp": 1, "vrintm": 2, "vrintz": 3, "vrintr": rm, "vrintx": rm}[mnem]
			if mnem == "vrinta" {
				r = math.Round(x)
			} else {
				r = roundMode(x, mode)
			}
			var flags uint32
			if flushedIn {
				flags |= FlagIDC
			}
			if mnem == "vrintx" && r != x && !math.IsInf(x, 0) {
				flags |= FlagIXC
			}
			return want("vrint", fromFloat(r, single), flags, true)
		}

	case CatBinary:
		a, b := op(SlotN), op(SlotM)
		if mnem == "vmaxnm" || mnem == "vminnm" {
			// FPMaxNum/FPMinNum: a quiet NaN against a number yields the number.
			if a.isNaN() != b.isNaN() && !a.isSNaN() && !b.isSNaN() {
				if a.isNaN() {
					a = b
				} else {
					b = a
				}
			}
			if r, ioc, ok := processNaNs(dn, a, b); ok {
				return want("nan", r, b2f(ioc, FlagIOC)|idc, true)
			}
			if fz {
				return ""
			}
			x, y := a.float(), b.float()
			r := math.Max(x, y)
			if mnem == "vminnm" {
				r = math.Min(x, y)
			}
			return want("maxmin", fromFloat(r, single), 0, true)
		}
		if r, ioc, ok := processNaNs(dn, a, b); ok {
			if mnem == "vnmul" {
				r ^= signBit(single)
			}
			return want("nan", r, b2f(ioc, FlagIOC)|idc, true)
		}
		if !rn || fz {
			return ""
		}
		var r float64
		if single {
			x, y := float32(a.float()), float32(b.float())
			var z float32
			switch mnem {
			case "vadd":
				z = x + y
			case "vsub":
				z = x - y
			case "vmul":
				z = x * y
			case "vnmul":
				z = -(x * y)
			case "vdiv":
				z = x / y
			}
			r = float64(z)
		} else {
			x, y := a.float(), b.float()
			switch mnem {
			case "vadd":
				r = x + y
			case "vsub":
				r = x - y
			case "vmul":
				r = x * y
			case "vnmul":
				r = -(x * y)
			case "vdiv":
				r = x / y
			}
		}
		if math.IsNaN(r) {
			w := defaultNaN(single)
			if mnem == "vnmul" {
				w ^= signBit(single)
			}
			return want("invalid", w, FlagIOC, true)
		}
		var flags uint32
		if mnem == "vdiv" && b.float() == 0 && !math.IsInf(a.float(), 0) {
			flags = FlagDZC
		}
		return want("arith", fromFloat(r, single), flags, false)

	case CatTernary:
		d, n, m := op(SlotD), op(SlotN), op(SlotM)
		fused := strings.HasPrefix(mnem, "vf")
		if fused {
			// VFMA: d + n·m; VFMS: d + (−n)·m; VFNMA: (−d) + (−n)·m; VFNMS: (−d) + n·m (A7.7.247).
			// The negations are FPNeg, which flips the sign of NaNs too, before FPMulAdd.
			if mnem == "vfms" || mnem == "vfnma" {
				n.bits ^= signBit(single)
			}
			if mnem == "vfnma" || mnem == "vfnms" {
				d.bits ^= signBit(single)
			}
			if r, ioc, ok := processNaNs(dn, d, n, m); ok {
				// FPMulAdd: a quiet NaN addend with inf·0 is an invalid operation (default NaN).
				n0, _ := flushed(n, fz)
				m0, _ := flushed(m, fz)
				if d.isNaN() && !d.isSNaN() && isInfTimesZero(n0, m0) {
					return want("nan", defaultNaN(single), FlagIOC|idc, true)
				}
				return want("nan", r, b2f(ioc, FlagIOC)|idc, true)
			}
			if !rn || fz {
				return ""
			}
			var r uint64
			if single {
				x := fmaExact(n.float(), m.float(), d.float())
				if x == nil {
					return want("invalid", defaultNaN(true), FlagIOC, true)
				}
				if x.Sign() == 0 { // sign of an exact zero: not modelled here
					return ""
				}
				v, _ := x.Float32()
				r = uint64(math.Float32bits(v))
			} else {
				v := math.FMA(n.float(), m.float(), d.float())
				if math.IsNaN(v) {
					return want("invalid", defaultNaN(false), FlagIOC, true)
				}
				r = math.Float64bits(v)
			}
			return want("fma", r, 0, false)
		}
		// VMLA/VMLS/VNMLA/VNMLS: product = FPMul(n, m); VMLA d + p, VMLS d + (−p), VNMLA (−d) + (−p),
		// VNMLS (−d) + p (A7.7.250, A7.7.262).
		if !rn || fz || d.isNaN() || n.isNaN() || m.isNaN() {
			return ""
		}
		var r float64
		if single {
			p := float32(float32(n.float()) * float32(m.float()))
			x := float32(d.float())
			switch mnem {
			case "vmla":
				r = float64(x + p)
			case "vmls":
				r = float64(x + (-p))
			case "vnmla":
				r = float64(-x + (-p))
			case "vnmls":
				r = float64(-x + p)
			}
			if math.IsNaN(float64(p)) {
				r = math.NaN()
			}
		} else {
			p := n.float() * m.float()
			x := d.float()
			switch mnem {
			case "vmla":
				r = x + p
			case "vmls":
				r = x + (-p)
			case "vnmla":
				r = -x + (-p)
			case "vnmls":
				r = -x + p
			}
			if math.IsNaN(p) {
				r = math.NaN()
			}
		}
		if math.IsNaN(r) {
			w := defaultNaN(single)
			if n.float()*m.float() != n.float()*m.float() && (mnem == "vmls" || mnem == "vnmla") {
				w ^= signBit(single) // FPNeg of the default NaN the product became
			}
			st.hit("mla-invalid")
			if rec.Result&^signBit(single) != defaultNaN(single) || newFlags&FlagIOC == 0 {
				return fmt.Sprintf("mla-invalid: result 0x%x flags 0x%x, want a default NaN and IOC\n", rec.Result, newFlags)
			}
			return ""
		}
		return want("mla", fromFloat(r, single), 0, false)

	case CatCompare, CatCompareZ:
		a := op(SlotD)
		b := fval{0, single}
		if f.Cat == CatCompare {
			b = op(SlotM)
		}
		if a.isNaN() || b.isNaN() {
			ioc := a.isSNaN() || b.isSNaN() || mnem == "vcmpe"
			st.hit("cmp-nan")
			if out>>28 != 3 || (allNew && (newFlags&FlagIOC != 0) != ioc) {
				return fmt.Sprintf("compare with NaN: NZCV %04b flags 0x%x, want 0011, IOC %v\n", out>>28, newFlags, ioc)
			}
			return ""
		}
		a, fa := flushed(a, fz)
		b, fb := flushed(b, fz)
		x, y := a.float(), b.float()
		w := uint32(2) // C: greater
		switch {
		case x == y:
			w = 6
		case x < y:
			w = 8
		}
		st.hit("cmp")
		if out>>28 != w {
			return fmt.Sprintf("compare: NZCV %04b, want %04b\n", out>>28, w)
		}
		if allNew && newFlags != b2f(fa || fb, FlagIDC) {
			return fmt.Sprintf("compare: flags 0x%x\n", newFlags)
		}
		return ""

	case CatCvtFF:
		a := op(SlotM)
		if a.isNaN() {
			st.hit("cvt-nan")
			var w uint64
			switch {
			case dn:
				w = defaultNaN(!single)
			case single: // F32 → F64: payload moves to the top of the fraction
				w = a.bits>>31<<63 | 0x7ff8000000000000 | (a.bits&0x3fffff)<<29
			default:
				w = a.bits>>63<<31 | 0x7fc00000 | a.bits>>29&0x3fffff
			}
			return want("cvt-nan", w, b2f(a.isSNaN(), FlagIOC), true)
		}
		if fz {
			return ""
		}
		if single {
			return want("cvt-f64", math.Float64bits(a.float()), 0, true)
		}
		if !rn {
			return ""
		}
		return want("cvt-f32", uint64(math.Float32bits(float32(a.float()))), 0, false)

	case CatCvtToInt, CatCvtToFix:
		slot := SlotM
		if f.Cat == CatCvtToFix {
			slot = SlotD
		}
		a := op(slot)
		signed := f.Mnem[strings.IndexByte(f.Mnem, '.')+1] == 's'
		size, fbits := 32, 0
		if f.Cat == CatCvtToFix {
			size, fbits = f.Fix, c.Kernel.FBits
		}
		mode := uint32(3) // VCVT: round towards zero
		switch mnem {
		case "vcvtr":
			mode = rm
		case "vcvtn":
			mode = 0
		case "vcvtp":
			mode = 1
		case "vcvtm":
			mode = 2
		}
		var lo, hi float64
		if signed {
			lo, hi = -math.Ldexp(1, size-1), math.Ldexp(1, size-1)-1
		} else {
			lo, hi = 0, math.Ldexp(1, size)-1
		}
		var r float64
		var flags uint32
		if a.isNaN() {
			r, flags = 0, FlagIOC
		} else {
			a, fl := flushed(a, fz)
			x := math.Ldexp(a.float(), fbits)
			if mnem == "vcvta" {
				r = math.Round(x)
			} else {
				r = roundMode(x, mode)
			}
			switch {
			case r < lo:
				r, flags = lo, FlagIOC
			case r > hi:
				r, flags = hi, FlagIOC
			case r != x:
				flags = FlagIXC
			}
			if fl {
				flags |= FlagIDC
			}
		}
		v := uint64(int64(r))
		mask := uint64(math.MaxUint32)
		if f.Slot[SlotD].Class == RegD {
			mask = math.MaxUint64
		}
		if !signed {
			v = uint64(r)
		}
		return want("to-int", v&mask, flags, true)

	case CatCvtFromInt, CatCvtFromFix:
		slot := SlotM
		if f.Cat == CatCvtFromFix {
			slot = SlotD
		}
		raw := ops[slot]
		signed := f.Mnem[strings.LastIndexByte(f.Mnem, '.')+1] == 's'
		size, fbits := 32, 0
		if f.Cat == CatCvtFromFix {
			size, fbits = f.Fix, c.Kernel.FBits
		}
		var n float64
		if signed {
			n = float64(int64(raw<<(64-size)) >> (64 - size))
		} else {
			n = float64(raw << (64 - size) >> (64 - size))
		}
		x := math.Ldexp(n, -fbits) // exact in double
		outSingle := f.Dest() == RegS
		if !outSingle {
			return want("from-int", math.Float64bits(x), 0, true)
		}
		if !rn {
			return ""
		}
		y := float32(x)
		return want("from-int", uint64(math.Float32bits(y)), b2f(float64(y) != x, FlagIXC), true)

	case CatCvtFromHalf:
		a := uint32(ops[SlotM])
		if f.Slot[SlotM].Kind == KindH16T {
			a >>= 16
		}
		a &= 0xffff
		ahp := in&FPSCRAHP != 0
		outSingle := f.Dest() == RegS
		exp, man := a>>10&0x1f, uint64(a&0x3ff)
		if exp == 0x1f && !ahp && man != 0 {
			snan := man&0x200 == 0
			var w uint64
			switch {
			case dn:
				w = defaultNaN(outSingle)
			case outSingle:
				w = uint64(a>>15)<<31 | 0x7fc00000 | man<<13
			default:
				w = uint64(a>>15)<<63 | 0x7ff8000000000000 | man<<42
			}
			return want("half-nan", w, b2f(snan, FlagIOC), true)
		}
		var x float64
		switch {
		case exp == 0x1f && !ahp:
			x = math.Inf(1)
		case exp == 0:
			x = math.Ldexp(float64(man), -24)
		default:
			x = math.Ldexp(float64(man|0x400), int(exp)-25)
		}
		if a&0x8000 != 0 {
			x = -x
		}
		return want("from-half", fromFloat(x, outSingle), 0, true)

	case CatCvtToHalf:
		top := f.Mnem[4] == 't'
		keep := uint64(0xffff0000)
		if top {
			keep = 0xffff
		}
		st.hit("half-keep")
		if rec.Result&keep != ops[SlotD]&keep {
			return "the half of Vd that VCVTB/VCVTT does not write changed\n"
		}
		a := op(SlotM)
		if !rn || fz || in&FPSCRAHP != 0 || a.isNaN() {
			return ""
		}
		h := toHalfRN(a.float())
		got := rec.Result & 0xffff
		if top {
			got = rec.Result >> 16 & 0xffff
		}
		st.hit("to-half")
		if got != uint64(h) {
			return fmt.Sprintf("to-half: 0x%04x, want 0x%04x\n", got, h)
		}
		return ""
	}
	return ""
}

func b2f(b bool, flag uint32) uint32 {
	if b {
		return flag
	}
	return 0
}

func isInfTimesZero(a, b fval) bool {
	x, y := a.float(), b.float()
	return (math.IsInf(x, 0) && y == 0) || (x == 0 && math.IsInf(y, 0))
}

// roundMode rounds x to an integral value: 0 nearest even, 1 towards +inf, 2 towards -inf, 3 towards 0.
func roundMode(x float64, mode uint32) float64 {
	switch mode {
	case 0:
		return math.RoundToEven(x)
	case 1:
		return math.Ceil(x)
	case 2:
		return math.Floor(x)
	}
	return math.Trunc(x)
}

// fmaExact returns a·b + c exactly, or nil for an invalid operation (inf·0, inf − inf).
func fmaExact(a, b, c float64) *big.Float {
	if math.IsInf(a, 0) || math.IsInf(b, 0) || math.IsInf(c, 0) {
		p := a * b
		if math.IsNaN(p) || math.IsNaN(p+c) {
			return nil
		}
		return new(big.Float).SetInf(p+c < 0)
	}
	x := new(big.Float).SetPrec(2000).SetFloat64(a)
	x.Mul(x, new(big.Float).SetFloat64(b))
	return x.Add(x, new(big.Float).SetPrec(2000).SetFloat64(c))
}

// toHalfRN rounds x to IEEE half precision, round to nearest even, with subnormals and overflow to
// infinity.
func toHalfRN(x float64) uint16 {
	var sign uint16
	if math.Signbit(x) {
		sign, x = 0x8000, -x
	}
	if math.IsInf(x, 0) || x >= 65520 {
		return sign | 0x7c00
	}
	if x == 0 {
		return sign
	}
	_, e := math.Frexp(x) // x = f·2^e, 0.5 ≤ f < 1
	e--                   // x = 1.xxx·2^e
	if e < -14 {
		e = -14
	}
	q := math.Ldexp(1, e-10) // the spacing of halves at this exponent
	n := math.RoundToEven(x / q)
	v := n * q
	if v == 0 {
		return sign
	}
	_, e = math.Frexp(v)
	e--
	if e < -14 {
		return sign | uint16(math.Ldexp(v, 24)) // subnormal: v / 2^-24
	}
	m := uint16(math.Ldexp(v, 10-e)) - 0x400
	return sign | uint16(e+15)<<10 | m
}

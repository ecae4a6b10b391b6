package vfp

import "testing"

// Hand-worked cases. Each expected value was derived by hand from the
// Arm DDI0403E A2.5 pseudocode and the IEEE 754 encodings; the comments give
// the arithmetic. They do not come from running this package.

const (
	RN  = FPSCR(0)
	RP  = FPSCR(1 << 22)
	RM  = FPSCR(2 << 22)
	RZ  = FPSCR(3 << 22)
	FZ  = BitFZ
	DN  = BitDN
	AHP = BitAHP

	IOC = FlagIOC
	DZC = FlagDZC
	OFC = FlagOFC
	UFC = FlagUFC
	IXC = FlagIXC
	IDC = FlagIDC
)

type res struct {
	v uint64
	f Flags
}

func u16(r uint16, f Flags) res { return res{uint64(r), f} }
func u32(r uint32, f Flags) res { return res{uint64(r), f} }
func u64(r uint64, f Flags) res { return res{r, f} }

type tableT struct {
	t *testing.T
}

func (tt tableT) eq(name string, got res, want uint64, wf Flags) {
	tt.t.Helper()
	if got.v != want || got.f != wf {
		tt.t.Errorf("%s = %#x flags %#02x, want %#x flags %#02x", name, got.v, got.f, want, wf)
	}
}

func TestTableAdd32(t *testing.T) {
	c := tableT{t}
	// 1 + 2^-24 is exactly halfway between 1 and 1+2^-23 (0x3f800001).
	c.eq("1+2^-24 RN (tie, even)", u32(Add32(0x3f800000, 0x33800000, RN)), 0x3f800000, IXC)
	c.eq("1+2^-24 RP", u32(Add32(0x3f800000, 0x33800000, RP)), 0x3f800001, IXC)
	c.eq("1+2^-24 RM", u32(Add32(0x3f800000, 0x33800000, RM)), 0x3f800000, IXC)
	c.eq("1+2^-24 RZ", u32(Add32(0x3f800000, 0x33800000, RZ)), 0x3f800000, IXC)
	c.eq("-1-2^-24 RN", u32(Add32(0xbf800000, 0xb3800000, RN)), 0xbf800000, IXC)
	c.eq("-1-2^-24 RP", u32(Add32(0xbf800000, 0xb3800000, RP)), 0xbf800000, IXC)
	c.eq("-1-2^-24 RM", u32(Add32(0xbf800000, 0xb3800000, RM)), 0xbf800001, IXC)
	c.eq("-1-2^-24 RZ", u32(Add32(0xbf800000, 0xb3800000, RZ)), 0xbf800000, IXC)
	// (1+2^-23) + 2^-24: tie between odd 0x3f800001 and even 0x3f800002.
	c.eq("odd tie RN", u32(Add32(0x3f800001, 0x33800000, RN)), 0x3f800002, IXC)
	// 0x33800001 = 2^-24 + 2^-47: just above the tie.
	c.eq("above tie RN", u32(Add32(0x3f800000, 0x33800001, RN)), 0x3f800001, IXC)
	c.eq("above tie RZ", u32(Add32(0x3f800000, 0x33800001, RZ)), 0x3f800000, IXC)

	// Overflow: max + max = 2^129 - 2^105.
	for _, m := range []struct {
		s       FPSCR
		pos, ng uint32
	}{{RN, 0x7f800000, 0xff800000}, {RP, 0x7f800000, 0xff7fffff}, {RM, 0x7f7fffff, 0xff800000}, {RZ, 0x7f7fffff, 0xff7fffff}} {
		c.eq("max+max", u32(Add32(0x7f7fffff, 0x7f7fffff, m.s)), uint64(m.pos), OFC|IXC)
		c.eq("-max-max", u32(Add32(0xff7fffff, 0xff7fffff, m.s)), uint64(m.ng), OFC|IXC)
	}
	// max + 2^103 (half an ulp of max): the tie goes to the even neighbour
	// 2^128, which overflows; max + 2^102 stays at max except towards +inf.
	c.eq("max+half ulp RN", u32(Add32(0x7f7fffff, 0x73000000, RN)), 0x7f800000, OFC|IXC)
	c.eq("max+quarter ulp RN", u32(Add32(0x7f7fffff, 0x72800000, RN)), 0x7f7fffff, IXC)
	c.eq("max+quarter ulp RP", u32(Add32(0x7f7fffff, 0x72800000, RP)), 0x7f800000, OFC|IXC)

	// Exact zero results: +0 except when rounding towards -infinity.
	c.eq("1-1 RN", u32(Add32(0x3f800000, 0xbf800000, RN)), 0, 0)
	c.eq("1-1 RM", u32(Add32(0x3f800000, 0xbf800000, RM)), 0x80000000, 0)
	c.eq("1-1 sub RM", u32(Sub32(0x3f800000, 0x3f800000, RM)), 0x80000000, 0)
	c.eq("-0 + -0", u32(Add32(0x80000000, 0x80000000, RN)), 0x80000000, 0)
	c.eq("-0 + +0 RN", u32(Add32(0x80000000, 0, RN)), 0, 0)
	c.eq("-0 + +0 RM", u32(Add32(0x80000000, 0, RM)), 0x80000000, 0)
	c.eq("-0 - +0", u32(Sub32(0x80000000, 0, RN)), 0x80000000, 0)

	// Infinities.
	c.eq("inf + -inf", u32(Add32(0x7f800000, 0xff800000, RN)), 0x7fc00000, IOC)
	c.eq("inf - inf", u32(Sub32(0x7f800000, 0x7f800000, RN)), 0x7fc00000, IOC)
	c.eq("inf - -inf", u32(Sub32(0x7f800000, 0xff800000, RN)), 0x7f800000, 0)
	c.eq("-inf + 1", u32(Add32(0xff800000, 0x3f800000, RN)), 0xff800000, 0)

	// Subnormal results that are exact raise nothing (underflow needs inexactness).
	c.eq("denorm+denorm", u32(Add32(1, 1, RN)), 2, 0)
	c.eq("max denorm + min denorm", u32(Add32(0x007fffff, 1, RN)), 0x00800000, 0)
	c.eq("exact denormal difference", u32(Sub32(0x00800001, 0x00800000, RN)), 1, 0)

	// Flush-to-zero: inputs (IDC) and outputs (UFC only).
	c.eq("1 + denorm", u32(Add32(1, 0x3f800000, RN)), 0x3f800000, IXC)
	c.eq("1 + denorm FZ", u32(Add32(1, 0x3f800000, FZ)), 0x3f800000, IDC)
	c.eq("-denorm + -denorm FZ", u32(Add32(0x80000001, 0x80000001, FZ)), 0x80000000, IDC)
	c.eq("denorm + -denorm FZ RN", u32(Add32(1, 0x80000001, FZ)), 0, IDC)
	c.eq("denorm + -denorm FZ RM", u32(Add32(1, 0x80000001, FZ|RM)), 0x80000000, IDC)
	c.eq("denormal result FZ", u32(Sub32(0x00800001, 0x00800000, FZ)), 0, UFC)
	c.eq("-denormal result FZ", u32(Sub32(0x00800000, 0x00800001, FZ)), 0x80000000, UFC)

	// NaN propagation and priority.
	c.eq("qNaN + 1", u32(Add32(0x7fc12345, 0x3f800000, RN)), 0x7fc12345, 0)
	c.eq("1 + sNaN", u32(Add32(0x3f800000, 0x7f812345, RN)), 0x7fc12345, IOC)
	c.eq("qNaN + sNaN: sNaN wins", u32(Add32(0xffc00001, 0x7f800002, RN)), 0x7fc00002, IOC)
	c.eq("sNaN + sNaN: first", u32(Add32(0xff800001, 0x7f800002, RN)), 0xffc00001, IOC)
	c.eq("qNaN + qNaN: first", u32(Add32(0x7fc00005, 0xffc00006, RN)), 0x7fc00005, 0)
	c.eq("1 - qNaN keeps the NaN's sign", u32(Sub32(0x3f800000, 0xffc00005, RN)), 0xffc00005, 0)
	c.eq("qNaN DN", u32(Add32(0x7fc12345, 0x3f800000, DN)), 0x7fc00000, 0)
	c.eq("sNaN DN", u32(Add32(0x7f812345, 0, DN)), 0x7fc00000, IOC)
	c.eq("sNaN + denorm FZ", u32(Add32(0x7f800001, 1, FZ)), 0x7fc00001, IOC|IDC)
}

func TestTableMulDiv32(t *testing.T) {
	c := tableT{t}
	c.eq("0 * inf", u32(Mul32(0, 0x7f800000, RN)), 0x7fc00000, IOC)
	c.eq("-0 * -inf", u32(Mul32(0x80000000, 0xff800000, RN)), 0x7fc00000, IOC)
	c.eq("-inf * 1", u32(Mul32(0xff800000, 0x3f800000, RN)), 0xff800000, 0)
	c.eq("-0 * 1", u32(Mul32(0x80000000, 0x3f800000, RN)), 0x80000000, 0)

	// 2^-126 × 0.5 = 2^-127, an exact subnormal; FZ flushes it with UFC alone.
	c.eq("minnormal/2", u32(Mul32(0x00800000, 0x3f000000, RN)), 0x00400000, 0)
	c.eq("minnormal/2 FZ", u32(Mul32(0x00800000, 0x3f000000, FZ)), 0, UFC)
	// 2^-149 × 0.5 = 2^-150: halfway between 0 and the smallest subnormal.
	c.eq("2^-150 RN", u32(Mul32(1, 0x3f000000, RN)), 0, UFC|IXC)
	c.eq("2^-150 RP", u32(Mul32(1, 0x3f000000, RP)), 1, UFC|IXC)
	c.eq("2^-150 RM", u32(Mul32(1, 0x3f000000, RM)), 0, UFC|IXC)
	c.eq("2^-150 RZ", u32(Mul32(1, 0x3f000000, RZ)), 0, UFC|IXC)
	c.eq("-2^-150 RM", u32(Mul32(0x80000001, 0x3f000000, RM)), 0x80000001, UFC|IXC)
	c.eq("-2^-150 RN", u32(Mul32(0x80000001, 0x3f000000, RN)), 0x80000000, UFC|IXC)
	c.eq("0.75 × 2^-149", u32(Mul32(1, 0x3f400000, RN)), 1, UFC|IXC)
	// (1-2^-24) × 2^-126 = 2^-126 - 2^-150: tiny before rounding, rounds up to
	// the smallest normal. Arm detects underflow before rounding: UFC is set.
	c.eq("tiny rounds to min normal RN", u32(Mul32(0x3f7fffff, 0x00800000, RN)), 0x00800000, UFC|IXC)
	c.eq("tiny rounds to min normal RP", u32(Mul32(0x3f7fffff, 0x00800000, RP)), 0x00800000, UFC|IXC)
	c.eq("tiny RZ", u32(Mul32(0x3f7fffff, 0x00800000, RZ)), 0x007fffff, UFC|IXC)
	c.eq("tiny FZ flushes", u32(Mul32(0x3f7fffff, 0x00800000, FZ)), 0, UFC)
	// 2^127 × 2 = 2^128.
	c.eq("2^128 RN", u32(Mul32(0x7f000000, 0x40000000, RN)), 0x7f800000, OFC|IXC)
	c.eq("2^128 RZ", u32(Mul32(0x7f000000, 0x40000000, RZ)), 0x7f7fffff, OFC|IXC)
	c.eq("denorm × 2^23", u32(Mul32(1, 0x4b000000, RN)), 0x00800000, 0)
	c.eq("denorm × 2^23 FZ", u32(Mul32(1, 0x4b000000, FZ)), 0, IDC)

	c.eq("1/0", u32(Div32(0x3f800000, 0, RN)), 0x7f800000, DZC)
	c.eq("-1/0", u32(Div32(0xbf800000, 0, RN)), 0xff800000, DZC)
	c.eq("1/-0", u32(Div32(0x3f800000, 0x80000000, RN)), 0xff800000, DZC)
	c.eq("0/0", u32(Div32(0, 0, RN)), 0x7fc00000, IOC)
	c.eq("inf/inf", u32(Div32(0x7f800000, 0xff800000, RN)), 0x7fc00000, IOC)
	c.eq("inf/0 (no DZC)", u32(Div32(0x7f800000, 0, RN)), 0x7f800000, 0)
	c.eq("0/inf", u32(Div32(0, 0x7f800000, RN)), 0, 0)
	c.eq("-1/inf", u32(Div32(0xbf800000, 0x7f800000, RN)), 0x80000000, 0)
	// 1/3 = 1.0101…b × 2^-2: the 23 kept fraction bits are 0101…010, the rest
	// 1010… is above half.
	c.eq("1/3 RN", u32(Div32(0x3f800000, 0x40400000, RN)), 0x3eaaaaab, IXC)
	c.eq("1/3 RP", u32(Div32(0x3f800000, 0x40400000, RP)), 0x3eaaaaab, IXC)
	c.eq("1/3 RM", u32(Div32(0x3f800000, 0x40400000, RM)), 0x3eaaaaaa, IXC)
	c.eq("1/3 RZ", u32(Div32(0x3f800000, 0x40400000, RZ)), 0x3eaaaaaa, IXC)
	c.eq("-1/3 RM", u32(Div32(0xbf800000, 0x40400000, RM)), 0xbeaaaaab, IXC)
	c.eq("6/3", u32(Div32(0x40c00000, 0x40400000, RN)), 0x40000000, 0)
	c.eq("1/denorm FZ", u32(Div32(0x3f800000, 1, FZ)), 0x7f800000, DZC|IDC)
	c.eq("1/2^-149 overflows", u32(Div32(0x3f800000, 1, RN)), 0x7f800000, OFC|IXC)

	c.eq("sqrt 4", u32(Sqrt32(0x40800000, RN)), 0x40000000, 0)
	// sqrt(2) = 1.41421356…; 0x3fb504f3 = 1.41421353… is below it.
	c.eq("sqrt 2 RN", u32(Sqrt32(0x40000000, RN)), 0x3fb504f3, IXC)
	c.eq("sqrt 2 RP", u32(Sqrt32(0x40000000, RP)), 0x3fb504f4, IXC)
	c.eq("sqrt 2 RZ", u32(Sqrt32(0x40000000, RZ)), 0x3fb504f3, IXC)
	c.eq("sqrt -1", u32(Sqrt32(0xbf800000, RN)), 0x7fc00000, IOC)
	c.eq("sqrt -0", u32(Sqrt32(0x80000000, RN)), 0x80000000, 0)
	c.eq("sqrt inf", u32(Sqrt32(0x7f800000, RN)), 0x7f800000, 0)
	c.eq("sqrt -inf", u32(Sqrt32(0xff800000, RN)), 0x7fc00000, IOC)
	c.eq("sqrt sNaN", u32(Sqrt32(0xff800001, RN)), 0xffc00001, IOC)
	c.eq("sqrt -denorm FZ", u32(Sqrt32(0x80000001, FZ)), 0x80000000, IDC)
	c.eq("sqrt 2^-148", u32(Sqrt32(2, RN)), 0x1a800000, 0) // 2^-74
}

func TestTableMulAdd32(t *testing.T) {
	c := tableT{t}
	// (1+2^-12)^2 = 1 + 2^-11 + 2^-24. Rounded separately the product is a tie
	// that goes to the even 1+2^-11, and subtracting that gives 0; fused, the
	// result is exactly 2^-24.
	c.eq("mul alone", u32(Mul32(0x3f800800, 0x3f800800, RN)), 0x3f801000, IXC)
	c.eq("fused", u32(MulAdd32(0xbf801000, 0x3f800800, 0x3f800800, RN)), 0x33800000, 0)
	c.eq("qNaN + 0*inf", u32(MulAdd32(0x7fc00001, 0, 0x7f800000, RN)), 0x7fc00000, IOC)
	c.eq("qNaN + sNaN*1", u32(MulAdd32(0x7fc00001, 0x7f800002, 0x3f800000, RN)), 0x7fc00002, IOC)
	c.eq("qNaN + 1*2", u32(MulAdd32(0x7fc00001, 0x3f800000, 0x40000000, RN)), 0x7fc00001, 0)
	c.eq("1 + qNaN*qNaN", u32(MulAdd32(0x3f800000, 0x7fc00003, 0x7fc00004, RN)), 0x7fc00003, 0)
	c.eq("1 + qNaN*sNaN", u32(MulAdd32(0x3f800000, 0x7fc00003, 0x7f800004, RN)), 0x7fc00004, IOC)
	c.eq("inf + 0*inf", u32(MulAdd32(0x7f800000, 0, 0x7f800000, RN)), 0x7fc00000, IOC)
	c.eq("-inf + inf*1", u32(MulAdd32(0xff800000, 0x7f800000, 0x3f800000, RN)), 0x7fc00000, IOC)
	c.eq("inf + 1*2", u32(MulAdd32(0x7f800000, 0x3f800000, 0x40000000, RN)), 0x7f800000, 0)
	c.eq("-0 + 0*-1", u32(MulAdd32(0x80000000, 0, 0xbf800000, RN)), 0x80000000, 0)
	c.eq("+0 + 0*-1 RN", u32(MulAdd32(0, 0, 0xbf800000, RN)), 0, 0)
	c.eq("+0 + 0*-1 RM", u32(MulAdd32(0, 0, 0xbf800000, RM)), 0x80000000, 0)
	c.eq("1 + 1*-1 RM", u32(MulAdd32(0x3f800000, 0x3f800000, 0xbf800000, RM)), 0x80000000, 0)
	c.eq("max + max*1", u32(MulAdd32(0x7f7fffff, 0x7f7fffff, 0x3f800000, RN)), 0x7f800000, OFC|IXC)
	c.eq("0 + minnormal*0.5", u32(MulAdd32(0, 0x00800000, 0x3f000000, RN)), 0x00400000, 0)
	c.eq("0 + minnormal*0.5 FZ", u32(MulAdd32(0, 0x00800000, 0x3f000000, FZ)), 0, UFC)
}

func TestTableCompare(t *testing.T) {
	c := tableT{t}
	cmp := func(a, b uint32, sig bool, s FPSCR) res {
		n, f := Compare32(a, b, sig, s)
		return res{uint64(n), f}
	}
	c.eq("1 < 2", cmp(0x3f800000, 0x40000000, false, RN), 0b1000, 0)
	c.eq("2 > 1", cmp(0x40000000, 0x3f800000, false, RN), 0b0010, 0)
	c.eq("1 == 1", cmp(0x3f800000, 0x3f800000, false, RN), 0b0110, 0)
	c.eq("+0 == -0", cmp(0, 0x80000000, false, RN), 0b0110, 0)
	c.eq("qNaN VCMP", cmp(0x7fc00000, 0x3f800000, false, RN), 0b0011, 0)
	c.eq("qNaN VCMPE", cmp(0x3f800000, 0x7fc00000, true, RN), 0b0011, IOC)
	c.eq("sNaN VCMP", cmp(0x7f800001, 0x3f800000, false, RN), 0b0011, IOC)
	c.eq("inf > max", cmp(0x7f800000, 0x7f7fffff, false, RN), 0b0010, 0)
	c.eq("-inf < -max", cmp(0xff800000, 0xff7fffff, false, RN), 0b1000, 0)
	c.eq("-1 < -0.5", cmp(0xbf800000, 0xbf000000, false, RN), 0b1000, 0)
	c.eq("denorm > 0", cmp(1, 0, false, RN), 0b0010, 0)
	c.eq("denorm == 0 FZ", cmp(1, 0, false, FZ), 0b0110, IDC)
	c.eq("denorm == -denorm FZ", cmp(1, 0x80000002, true, FZ), 0b0110, IDC)
	n, f := Compare64(0x7ff8000000000000, 0, true, RN)
	c.eq("qNaN VCMPE.F64", res{uint64(n), f}, 0b0011, IOC)
	n, f = Compare64(0xbff0000000000000, 0x3ff0000000000000, false, RN)
	c.eq("-1 < 1 F64", res{uint64(n), f}, 0b1000, 0)
}

func TestTableRoundInt(t *testing.T) {
	c := tableT{t}
	type m = RoundingMode
	ri := func(a uint32, mode m, exact bool, s FPSCR) res { return u32(RoundInt32(a, mode, exact, s)) }
	// 2.5 and -2.5 in every mode.
	for _, x := range []struct {
		mode    m
		pos, ng uint32
	}{
		{RoundNearest, 0x40000000, 0xc0000000},
		{RoundNearestAway, 0x40400000, 0xc0400000},
		{RoundPlusInf, 0x40400000, 0xc0000000},
		{RoundMinusInf, 0x40000000, 0xc0400000},
		{RoundZero, 0x40000000, 0xc0000000},
	} {
		c.eq("2.5 exact", ri(0x40200000, x.mode, true, RN), uint64(x.pos), IXC)
		c.eq("2.5", ri(0x40200000, x.mode, false, RN), uint64(x.pos), 0)
		c.eq("-2.5 exact", ri(0xc0200000, x.mode, true, RN), uint64(x.ng), IXC)
	}
	c.eq("3.5 RN", ri(0x40600000, RoundNearest, true, RN), 0x40800000, IXC)
	c.eq("0.5 RN", ri(0x3f000000, RoundNearest, true, RN), 0, IXC)
	c.eq("0.5 RNA", ri(0x3f000000, RoundNearestAway, true, RN), 0x3f800000, IXC)
	c.eq("0.5 RP", ri(0x3f000000, RoundPlusInf, true, RN), 0x3f800000, IXC)
	c.eq("-0.5 RN keeps sign", ri(0xbf000000, RoundNearest, true, RN), 0x80000000, IXC)
	c.eq("-0.5 RP keeps sign", ri(0xbf000000, RoundPlusInf, true, RN), 0x80000000, IXC)
	c.eq("-0.5 RZ keeps sign", ri(0xbf000000, RoundZero, true, RN), 0x80000000, IXC)
	c.eq("-0.5 RM", ri(0xbf000000, RoundMinusInf, true, RN), 0xbf800000, IXC)
	c.eq("-0.5 RNA", ri(0xbf000000, RoundNearestAway, true, RN), 0xbf800000, IXC)
	// 8388607.5 = 2^23 - 0.5: tie between odd 8388607 and even 8388608.
	c.eq("2^23-0.5 RN", ri(0x4affffff, RoundNearest, true, RN), 0x4b000000, IXC)
	c.eq("2^23-0.5 RZ", ri(0x4affffff, RoundZero, true, RN), 0x4afffffe, IXC)
	c.eq("1 exact", ri(0x3f800000, RoundNearest, true, RN), 0x3f800000, 0)
	c.eq("2^30", ri(0x4e800000, RoundPlusInf, true, RN), 0x4e800000, 0)
	c.eq("sNaN", ri(0x7f800001, RoundZero, false, RN), 0x7fc00001, IOC)
	c.eq("qNaN DN", ri(0xffc00001, RoundZero, false, DN), 0x7fc00000, 0)
	c.eq("-inf", ri(0xff800000, RoundNearest, true, RN), 0xff800000, 0)
	c.eq("denorm RP", ri(1, RoundPlusInf, true, RN), 0x3f800000, IXC)
	c.eq("denorm RN", ri(1, RoundNearest, true, RN), 0, IXC)
	c.eq("-denorm RN", ri(0x80000001, RoundNearest, false, RN), 0x80000000, 0)
	c.eq("denorm RP FZ", ri(1, RoundPlusInf, true, FZ), 0, IDC)
	c.eq("2.5 F64 RN", u64(RoundInt64(0x4004000000000000, RoundNearest, true, RN)), 0x4000000000000000, IXC)
	c.eq("-2.5 F64 RM", u64(RoundInt64(0xc004000000000000, RoundMinusInf, false, RN)), 0xc008000000000000, 0)
}

func TestTableToInt(t *testing.T) {
	c := tableT{t}
	type m = RoundingMode
	ti := func(a uint32, size, fbits int, unsigned bool, mode m, s FPSCR) res {
		return u32(ToInt32(a, size, fbits, unsigned, mode, s))
	}
	for _, x := range []struct {
		mode    m
		pos, ng uint32
	}{
		{RoundZero, 2, 0xfffffffe},
		{RoundNearest, 2, 0xfffffffe},
		{RoundNearestAway, 3, 0xfffffffd},
		{RoundPlusInf, 3, 0xfffffffe},
		{RoundMinusInf, 2, 0xfffffffd},
	} {
		c.eq("2.5", ti(0x40200000, 32, 0, false, x.mode, RN), uint64(x.pos), IXC)
		c.eq("-2.5", ti(0xc0200000, 32, 0, false, x.mode, RN), uint64(x.ng), IXC)
	}
	c.eq("-1 unsigned", ti(0xbf800000, 32, 0, true, RoundZero, RN), 0, IOC)
	c.eq("-0.5 unsigned RZ", ti(0xbf000000, 32, 0, true, RoundZero, RN), 0, IXC)
	c.eq("-0.5 unsigned RN", ti(0xbf000000, 32, 0, true, RoundNearest, RN), 0, IXC)
	c.eq("-0.5 unsigned RM", ti(0xbf000000, 32, 0, true, RoundMinusInf, RN), 0, IOC)
	c.eq("-0.5 unsigned RNA", ti(0xbf000000, 32, 0, true, RoundNearestAway, RN), 0, IOC)
	c.eq("2^31 signed", ti(0x4f000000, 32, 0, false, RoundZero, RN), 0x7fffffff, IOC)
	c.eq("-2^31 signed", ti(0xcf000000, 32, 0, false, RoundZero, RN), 0x80000000, 0)
	c.eq("2^32 unsigned", ti(0x4f800000, 32, 0, true, RoundZero, RN), 0xffffffff, IOC)
	c.eq("2^32-256 unsigned", ti(0x4f7fffff, 32, 0, true, RoundZero, RN), 0xffffff00, 0)
	c.eq("qNaN", ti(0x7fc00000, 32, 0, false, RoundZero, RN), 0, IOC)
	c.eq("sNaN unsigned", ti(0xff800001, 32, 0, true, RoundZero, RN), 0, IOC)
	c.eq("+inf", ti(0x7f800000, 32, 0, false, RoundZero, RN), 0x7fffffff, IOC)
	c.eq("-inf", ti(0xff800000, 32, 0, false, RoundZero, RN), 0x80000000, IOC)
	c.eq("-inf unsigned", ti(0xff800000, 32, 0, true, RoundZero, RN), 0, IOC)
	c.eq("+inf unsigned", ti(0x7f800000, 32, 0, true, RoundZero, RN), 0xffffffff, IOC)
	// Fixed point: 1.5 × 2^8 = 384 = 0x180.
	c.eq("1.5 s16.8", ti(0x3fc00000, 16, 8, false, RoundZero, RN), 0x180, 0)
	c.eq("-1.5 s16.8 sign-extended", ti(0xbfc00000, 16, 8, false, RoundZero, RN), 0xfffffe80, 0)
	c.eq("200 s16.8 saturates", ti(0x43480000, 16, 8, false, RoundZero, RN), 0x7fff, IOC)
	c.eq("-200 s16.8 saturates", ti(0xc3480000, 16, 8, false, RoundZero, RN), 0xffff8000, IOC)
	c.eq("200 u16.8", ti(0x43480000, 16, 8, true, RoundZero, RN), 0xc800, 0)
	c.eq("-1 u16.8", ti(0xbf800000, 16, 8, true, RoundZero, RN), 0, IOC)
	// 0x3eaaaaab = 0xaaaaab × 2^-25; × 2^32 = 0xaaaaab × 2^7 = 0x55555580.
	c.eq("1/3 u32.32", ti(0x3eaaaaab, 32, 32, true, RoundZero, RN), 0x55555580, 0)
	c.eq("denorm", ti(1, 32, 0, false, RoundZero, RN), 0, IXC)
	c.eq("denorm RP", ti(1, 32, 0, false, RoundPlusInf, RN), 1, IXC)
	c.eq("denorm FZ", ti(1, 32, 0, false, RoundPlusInf, FZ), 0, IDC)

	t64 := func(a uint64, unsigned bool, mode m) res { return u32(ToInt64(a, 32, 0, unsigned, mode, RN)) }
	c.eq("2^31-1 F64", t64(0x41dfffffffc00000, false, RoundZero), 0x7fffffff, 0)
	c.eq("2^31-0.5 RZ", t64(0x41dfffffffe00000, false, RoundZero), 0x7fffffff, IXC)
	c.eq("2^31-0.5 RM", t64(0x41dfffffffe00000, false, RoundMinusInf), 0x7fffffff, IXC)
	c.eq("2^31-0.5 RN saturates", t64(0x41dfffffffe00000, false, RoundNearest), 0x7fffffff, IOC)
	c.eq("-2^31-0.5 RZ", t64(0xc1e0000000100000, false, RoundZero), 0x80000000, IXC)
	c.eq("-2^31-0.5 RM saturates", t64(0xc1e0000000100000, false, RoundMinusInf), 0x80000000, IOC)
	c.eq("2^32-1 unsigned F64", t64(0x41efffffffe00000, true, RoundZero), 0xffffffff, 0)
	c.eq("0.5 F64 RN", t64(0x3fe0000000000000, false, RoundNearest), 0, IXC)
	c.eq("0.5 F64 RNA", t64(0x3fe0000000000000, false, RoundNearestAway), 1, IXC)
}

func TestTableFromInt(t *testing.T) {
	c := tableT{t}
	fi := func(v uint32, size, fbits int, unsigned bool, s FPSCR) res {
		return u32(FromInt32(v, size, fbits, unsigned, s.RMode(), s))
	}
	// 2^31 - 1 lies between 0x4effffff (2^31 - 128) and 2^31.
	c.eq("INT_MAX RN", fi(0x7fffffff, 32, 0, false, RN), 0x4f000000, IXC)
	c.eq("INT_MAX RZ", fi(0x7fffffff, 32, 0, false, RZ), 0x4effffff, IXC)
	c.eq("INT_MAX RP", fi(0x7fffffff, 32, 0, false, RP), 0x4f000000, IXC)
	c.eq("INT_MAX RM", fi(0x7fffffff, 32, 0, false, RM), 0x4effffff, IXC)
	c.eq("UINT_MAX RN", fi(0xffffffff, 32, 0, true, RN), 0x4f800000, IXC)
	c.eq("UINT_MAX RZ", fi(0xffffffff, 32, 0, true, RZ), 0x4f7fffff, IXC)
	c.eq("-1", fi(0xffffffff, 32, 0, false, RN), 0xbf800000, 0)
	c.eq("0", fi(0, 32, 0, false, RM), 0, 0)
	c.eq("INT_MIN", fi(0x80000000, 32, 0, false, RN), 0xcf000000, 0)
	c.eq("2^31 unsigned", fi(0x80000000, 32, 0, true, RN), 0x4f000000, 0)
	// 2^24+1 and 2^24+3 are ties; the even neighbours are 2^24 and 2^24+4.
	c.eq("2^24+1", fi(0x01000001, 32, 0, false, RN), 0x4b800000, IXC)
	c.eq("2^24+3", fi(0x01000003, 32, 0, false, RN), 0x4b800002, IXC)
	c.eq("s16.8 0xff80 = -0.5", fi(0xff80, 16, 8, false, RN), 0xbf000000, 0)
	c.eq("u16.8 0xff80 = 255.5", fi(0xff80, 16, 8, true, RN), 0x437f8000, 0)
	c.eq("upper bits ignored", fi(0x1234ff80, 16, 8, false, RN), 0xbf000000, 0)
	c.eq("u32.32 1 = 2^-32", fi(1, 32, 32, true, RN), 0x2f800000, 0)
	c.eq("F64 INT_MAX", u64(FromInt64(0x7fffffff, 32, 0, false, RoundNearest, RN)), 0x41dfffffffc00000, 0)
	c.eq("F64 UINT_MAX", u64(FromInt64(0xffffffff, 32, 0, true, RoundZero, RN)), 0x41efffffffe00000, 0)
	c.eq("F64 INT_MIN", u64(FromInt64(0x80000000, 32, 0, false, RoundNearest, RN)), 0xc1e0000000000000, 0)
	c.eq("F64 2^-32", u64(FromInt64(1, 32, 32, true, RoundNearest, RN)), 0x3df0000000000000, 0)
}

func TestTableConvert(t *testing.T) {
	c := tableT{t}
	c.eq("1.0 ->F64", u64(F32ToF64(0x3f800000, RN)), 0x3ff0000000000000, 0)
	c.eq("inf ->F64", u64(F32ToF64(0xff800000, RN)), 0xfff0000000000000, 0)
	// The single fraction's bit 0 lands on double fraction bit 29.
	c.eq("sNaN ->F64", u64(F32ToF64(0x7f800001, RN)), 0x7ff8000020000000, IOC)
	c.eq("qNaN ->F64", u64(F32ToF64(0xffc00001, RN)), 0xfff8000020000000, 0)
	c.eq("qNaN ->F64 DN", u64(F32ToF64(0xffc00001, DN)), 0x7ff8000000000000, 0)
	c.eq("2^-149 ->F64", u64(F32ToF64(1, RN)), 0x36a0000000000000, 0) // exponent 1023-149 = 0x36a
	c.eq("denorm ->F64 FZ", u64(F32ToF64(1, FZ)), 0, IDC)
	c.eq("-denorm ->F64 FZ", u64(F32ToF64(0x80000001, FZ)), 0x8000000000000000, IDC)

	// 1 + 2^-24 (double fraction bit 28) is a tie in single precision.
	c.eq("1+2^-24 ->F32 RN", u32(F64ToF32(0x3ff0000010000000, RN)), 0x3f800000, IXC)
	c.eq("1+2^-24 ->F32 RP", u32(F64ToF32(0x3ff0000010000000, RP)), 0x3f800001, IXC)
	c.eq("2^200 RN", u32(F64ToF32(0x4c70000000000000, RN)), 0x7f800000, OFC|IXC)
	c.eq("2^200 RZ", u32(F64ToF32(0x4c70000000000000, RZ)), 0x7f7fffff, OFC|IXC)
	c.eq("2^200 RM", u32(F64ToF32(0x4c70000000000000, RM)), 0x7f7fffff, OFC|IXC)
	c.eq("-2^200 RM", u32(F64ToF32(0xcc70000000000000, RM)), 0xff800000, OFC|IXC)
	// (2 - 2^-24) × 2^127: max single plus half an ulp, a tie to 2^128.
	c.eq("max+half ulp ->F32", u32(F64ToF32(0x47effffff0000000, RN)), 0x7f800000, OFC|IXC)
	c.eq("2^-140 ->F32", u32(F64ToF32(0x3730000000000000, RN)), 0x00000200, 0)
	c.eq("2^-140 ->F32 FZ", u32(F64ToF32(0x3730000000000000, FZ)), 0, UFC)
	c.eq("2^-150 ->F32 RN", u32(F64ToF32(0x3690000000000000, RN)), 0, UFC|IXC)
	c.eq("2^-150 ->F32 RP", u32(F64ToF32(0x3690000000000000, RP)), 1, UFC|IXC)
	c.eq("1.5×2^-150 ->F32", u32(F64ToF32(0x3698000000000000, RN)), 1, UFC|IXC)
	// Double fraction bits 50:29 become the single payload.
	c.eq("sNaN ->F32", u32(F64ToF32(0x7ff0000020000001, RN)), 0x7fc00001, IOC)
	c.eq("qNaN low payload lost", u32(F64ToF32(0xfff8000000000001, RN)), 0xffc00000, 0)

	c.eq("h 1.0", u32(HalfToF32(0x3c00, RN)), 0x3f800000, 0)
	c.eq("h inf", u32(HalfToF32(0x7c00, RN)), 0x7f800000, 0)
	c.eq("h AHP 0x7c00 = 65536", u32(HalfToF32(0x7c00, AHP)), 0x47800000, 0)
	c.eq("h AHP 0x7fff = 131008", u32(HalfToF32(0x7fff, AHP)), 0x47ffe000, 0)
	c.eq("h -65504", u32(HalfToF32(0xfbff, RN)), 0xc77fe000, 0)
	c.eq("h 2^-24", u32(HalfToF32(0x0001, RN)), 0x33800000, 0)
	c.eq("h 2^-24 FZ not flushed", u32(HalfToF32(0x0001, FZ)), 0x33800000, 0)
	c.eq("h -0", u32(HalfToF32(0x8000, RN)), 0x80000000, 0)
	c.eq("h sNaN", u32(HalfToF32(0x7d00, RN)), 0x7fe00000, IOC) // frac bit 8 -> bit 21
	c.eq("h qNaN", u32(HalfToF32(0xfe01, RN)), 0xffc02000, 0)
	c.eq("h sNaN DN", u32(HalfToF32(0x7d00, DN)), 0x7fc00000, IOC)
	c.eq("h ->F64 1.0", u64(HalfToF64(0x3c00, RN)), 0x3ff0000000000000, 0)
	c.eq("h ->F64 qNaN", u64(HalfToF64(0x7e01, RN)), 0x7ff8040000000000, 0)

	c.eq("->h 1.0", u16(F32ToHalf(0x3f800000, RN)), 0x3c00, 0)
	// 65520 is halfway between 65504 (max half, odd fraction) and 65536.
	c.eq("->h 65520 RN", u16(F32ToHalf(0x477ff000, RN)), 0x7c00, OFC|IXC)
	c.eq("->h 65520 RP", u16(F32ToHalf(0x477ff000, RP)), 0x7c00, OFC|IXC)
	// Towards zero the rounded value 65504 is in range: no overflow (the
	// pseudocode tests the biased exponent after rounding).
	c.eq("->h 65520 RZ", u16(F32ToHalf(0x477ff000, RZ)), 0x7bff, IXC)
	c.eq("->h 65520 RM", u16(F32ToHalf(0x477ff000, RM)), 0x7bff, IXC)
	c.eq("->h 65519", u16(F32ToHalf(0x477fef00, RN)), 0x7bff, IXC)
	c.eq("->h AHP 65520 -> 65536", u16(F32ToHalf(0x477ff000, AHP)), 0x7c00, IXC)
	c.eq("->h AHP inf", u16(F32ToHalf(0x7f800000, AHP)), 0x7fff, IOC)
	c.eq("->h AHP -inf", u16(F32ToHalf(0xff800000, AHP)), 0xffff, IOC)
	c.eq("->h AHP 2^17", u16(F32ToHalf(0x48000000, AHP)), 0x7fff, IOC)
	c.eq("->h AHP 131008", u16(F32ToHalf(0x47ffe000, AHP)), 0x7fff, 0)
	c.eq("->h AHP 131040 tie", u16(F32ToHalf(0x47fff000, AHP)), 0x7fff, IOC)
	c.eq("->h AHP 131040 RZ", u16(F32ToHalf(0x47fff000, AHP|RZ)), 0x7fff, IXC)
	c.eq("->h AHP NaN", u16(F32ToHalf(0x7fc00000, AHP)), 0x0000, IOC)
	c.eq("->h AHP -NaN", u16(F32ToHalf(0xffc00000, AHP)), 0x8000, IOC)
	c.eq("->h qNaN", u16(F32ToHalf(0x7fc02000, RN)), 0x7e01, 0)
	c.eq("->h sNaN", u16(F32ToHalf(0x7f802000, RN)), 0x7e01, IOC)
	c.eq("->h qNaN DN", u16(F32ToHalf(0x7fc02000, DN)), 0x7e00, 0)
	c.eq("->h 2^-25 RN", u16(F32ToHalf(0x33000000, RN)), 0x0000, UFC|IXC)
	c.eq("->h 2^-25 RP", u16(F32ToHalf(0x33000000, RP)), 0x0001, UFC|IXC)
	c.eq("->h 2^-24", u16(F32ToHalf(0x33800000, RN)), 0x0001, 0)
	c.eq("->h 2^-24 FZ (half outputs never flushed)", u16(F32ToHalf(0x33800000, FZ)), 0x0001, 0)
	c.eq("->h 1.5×2^-24 tie", u16(F32ToHalf(0x33c00000, RN)), 0x0002, UFC|IXC)
	c.eq("->h (1-2^-12)×2^-14", u16(F32ToHalf(0x387ff000, RN)), 0x0400, UFC|IXC)
	c.eq("->h single denorm", u16(F32ToHalf(1, RN)), 0, UFC|IXC)
	c.eq("->h single denorm FZ", u16(F32ToHalf(1, FZ)), 0, IDC)
	c.eq("F64 1.5 ->h", u16(F64ToHalf(0x3ff8000000000000, RN)), 0x3e00, 0)
}

func TestTableMinMax(t *testing.T) {
	c := tableT{t}
	c.eq("max(1, qNaN)", u32(MaxNum32(0x3f800000, 0x7fc00001, RN)), 0x3f800000, 0)
	c.eq("max(qNaN, 1)", u32(MaxNum32(0x7fc00001, 0x3f800000, RN)), 0x3f800000, 0)
	c.eq("max(qNaN, qNaN)", u32(MaxNum32(0x7fc00001, 0xffc00002, RN)), 0x7fc00001, 0)
	c.eq("max(qNaN, qNaN) DN", u32(MaxNum32(0x7fc00001, 0xffc00002, DN)), 0x7fc00000, 0)
	c.eq("max(sNaN, 1)", u32(MaxNum32(0x7f800001, 0x3f800000, RN)), 0x7fc00001, IOC)
	c.eq("max(1, sNaN)", u32(MaxNum32(0x3f800000, 0xff800003, RN)), 0xffc00003, IOC)
	c.eq("max(qNaN, sNaN)", u32(MaxNum32(0x7fc00001, 0x7f800002, RN)), 0x7fc00002, IOC)
	c.eq("max(+0, -0)", u32(MaxNum32(0, 0x80000000, RN)), 0, 0)
	c.eq("max(-0, +0)", u32(MaxNum32(0x80000000, 0, RN)), 0, 0)
	c.eq("min(+0, -0)", u32(MinNum32(0, 0x80000000, RN)), 0x80000000, 0)
	c.eq("min(-0, +0)", u32(MinNum32(0x80000000, 0, RN)), 0x80000000, 0)
	c.eq("max(-inf, qNaN)", u32(MaxNum32(0xff800000, 0x7fc00000, RN)), 0xff800000, 0)
	c.eq("min(qNaN, +inf)", u32(MinNum32(0x7fc00000, 0x7f800000, RN)), 0x7f800000, 0)
	c.eq("max(-1, -2)", u32(MaxNum32(0xbf800000, 0xc0000000, RN)), 0xbf800000, 0)
	c.eq("min(-1, -2)", u32(MinNum32(0xbf800000, 0xc0000000, RN)), 0xc0000000, 0)
	c.eq("max(denorm, -0)", u32(MaxNum32(1, 0x80000000, RN)), 1, 0)
	c.eq("max(denorm, -0) FZ", u32(MaxNum32(1, 0x80000000, FZ)), 0, IDC)
	c.eq("min(-denorm, +0) FZ", u32(MinNum32(0x80000001, 0, FZ)), 0x80000000, IDC)
	c.eq("max F64", u64(MaxNum64(0x8000000000000000, 0, RN)), 0, 0)
	c.eq("min F64 qNaN", u64(MinNum64(0x7ff8000000000001, 0xbff0000000000000, RN)), 0xbff0000000000000, 0)
}

func TestTableDouble(t *testing.T) {
	c := tableT{t}
	const one = 0x3ff0000000000000
	c.eq("1+2^-53 RN", u64(Add64(one, 0x3ca0000000000000, RN)), one, IXC)
	c.eq("1+2^-53 RP", u64(Add64(one, 0x3ca0000000000000, RP)), one+1, IXC)
	c.eq("max+max RN", u64(Add64(0x7fefffffffffffff, 0x7fefffffffffffff, RN)), 0x7ff0000000000000, OFC|IXC)
	c.eq("max+max RZ", u64(Add64(0x7fefffffffffffff, 0x7fefffffffffffff, RZ)), 0x7fefffffffffffff, OFC|IXC)
	c.eq("tiny rounds to min normal", u64(Mul64(0x3fefffffffffffff, 0x0010000000000000, RN)), 0x0010000000000000, UFC|IXC)
	c.eq("tiny RZ", u64(Mul64(0x3fefffffffffffff, 0x0010000000000000, RZ)), 0x000fffffffffffff, UFC|IXC)
	c.eq("tiny FZ", u64(Mul64(0x3fefffffffffffff, 0x0010000000000000, FZ)), 0, UFC)
	c.eq("2^-1075 RN", u64(Mul64(1, 0x3fe0000000000000, RN)), 0, UFC|IXC)
	c.eq("2^-1075 RP", u64(Mul64(1, 0x3fe0000000000000, RP)), 1, UFC|IXC)
	// 1/3 = 1.0101…b × 2^-2: 52 kept bits end in 1, the rest 0101… is below half.
	c.eq("1/3 RN", u64(Div64(one, 0x4008000000000000, RN)), 0x3fd5555555555555, IXC)
	c.eq("1/3 RP", u64(Div64(one, 0x4008000000000000, RP)), 0x3fd5555555555556, IXC)
	c.eq("1/0", u64(Div64(one, 0, RN)), 0x7ff0000000000000, DZC)
	// sqrt(2) = 1.41421356237309504…; 0x3ff6a09e667f3bcd = 1.41421356237309514… is above.
	c.eq("sqrt 2 RN", u64(Sqrt64(0x4000000000000000, RN)), 0x3ff6a09e667f3bcd, IXC)
	c.eq("sqrt 2 RZ", u64(Sqrt64(0x4000000000000000, RZ)), 0x3ff6a09e667f3bcc, IXC)
	c.eq("sqrt 2^-1074", u64(Sqrt64(1, RN)), 0x1e60000000000000, 0) // 2^-537
	// (1+2^-27)^2 - (1+2^-26) = 2^-54 exactly, only when fused.
	c.eq("fused", u64(MulAdd64(0xbff0000004000000, 0x3ff0000002000000, 0x3ff0000002000000, RN)), 0x3c90000000000000, 0)
	c.eq("unfused product", u64(Mul64(0x3ff0000002000000, 0x3ff0000002000000, RN)), 0x3ff0000004000000, IXC)
	c.eq("1 + denorm FZ", u64(Add64(one, 1, FZ)), one, IDC)
	c.eq("sNaN + 0", u64(Add64(0x7ff0000000000001, 0, RN)), 0x7ff8000000000001, IOC)
	c.eq("0 * -inf", u64(Mul64(0, 0xfff0000000000000, RN)), 0x7ff8000000000000, IOC)
}

func TestTableBits(t *testing.T) {
	c := tableT{t}
	c.eq("neg sNaN", res{uint64(Neg32(0x7f800001)), 0}, 0xff800001, 0)
	c.eq("abs -qNaN", res{uint64(Abs32(0xffc00000)), 0}, 0x7fc00000, 0)
	c.eq("neg64 0", res{Neg64(0), 0}, 0x8000000000000000, 0)
	c.eq("abs64 -1", res{Abs64(0xbff0000000000000), 0}, 0x3ff0000000000000, 0)
	// VFPExpandImm: imm8 = a:b:cdefgh; exp = NOT(b):b…b:cd, frac = efgh:0….
	for _, x := range []struct {
		imm uint8
		s   uint32
		d   uint64
	}{
		{0x70, 0x3f800000, 0x3ff0000000000000}, // 1.0
		{0x00, 0x40000000, 0x4000000000000000}, // 2.0
		{0xf0, 0xbf800000, 0xbff0000000000000}, // -1.0
		{0x60, 0x3f000000, 0x3fe0000000000000}, // 0.5
		{0x7f, 0x3ff80000, 0x3fff000000000000}, // 1.9375
	} {
		c.eq("ExpandImm32", res{uint64(ExpandImm32(x.imm)), 0}, uint64(x.s), 0)
		c.eq("ExpandImm64", res{ExpandImm64(x.imm), 0}, x.d, 0)
	}
	if RN.RMode() != RoundNearest || RZ.RMode() != RoundZero || FPSCR(0xffffffff).RMode() != RoundZero || RM.RMode() != RoundMinusInf {
		t.Error("FPSCR.RMode")
	}
	if (FPSCR(0).WithRMode(RoundPlusInf)) != RP || !(FZ | DN | AHP).FZ() || !DN.DN() || !AHP.AHP() || RN.FZ() {
		t.Error("FPSCR accessors")
	}
}

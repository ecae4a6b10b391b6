package fpgen

import "math"

// Special operand values. They are used twice: as the operand lists of the vector images, and as
// the "special" category of the random generator (copied into every random image as tables).

func b32(x float64) uint32 {
	f := float32(x)
	if float64(f) != x {
		panic("fpgen: inexact float32 constant")
	}
	return math.Float32bits(f)
}

func b64(x float64) uint64 { return math.Float64bits(x) }

func ldexp(m float64, e int) float64 { return math.Ldexp(m, e) }

// spec32 lists single-precision special values (bit patterns).
var spec32 = []uint32{
	0x00000000, 0x80000000, // ±0
	0x7f800000, 0xff800000, // ±inf
	0x7fc00000, 0x7fc12345, 0xffc00001, // quiet NaNs (default, payload, negative)
	0x7f800001, 0x7fa5a5a5, 0xff800abc, // signalling NaNs with payloads
	0x00000001, 0x80000001, 0x007fffff, 0x00400000, 0x80456789, // subnormals: min, max, middle
	0x00800000, 0x80800000, 0x00800001, 0x00ffffff, // min normal and neighbours
	0x7f7fffff, 0xff7fffff, 0x7f000000, // max normal, 2^127
	b32(1), b32(-1), b32(1.5), b32(2), b32(0.5), b32(2.5), b32(-2.5), b32(3), b32(-0.5), b32(-1.5),
	0x3f800001, 0x3f7fffff, 0x3effffff, // 1+ulp, 1-ulp/2, largest below 0.5
	b32(ldexp(1, 31)), b32(-ldexp(1, 31)), b32(ldexp(1, 32)), 0x4effffff, 0x4f7fffff, 0xcf000001, // int32/uint32 boundaries
	0x4affffff, b32(ldexp(1, 23)), b32(ldexp(1, 24)), 0x4b7fffff, 0x4b000001, // 2^23-0.5, 2^23, 2^24, 2^24-1, 2^23+1
	0x3eaaaaab, 0x40490fdb, 0xc2f6e979, // 1/3, pi, -123.456
	b32(65504), b32(65520), 0x477fefff, b32(131008), b32(131072), // half max, half overflow, AHP max
	b32(ldexp(1, -24)), b32(ldexp(1, -25)), b32(ldexp(3, -26)), b32(ldexp(1, -14)), b32(ldexp(1023, -24)), // half subnormal/normal range
	b32(32767.5), b32(-32768.5), b32(65535.5), // 16-bit fixed boundaries
}

// spec64 lists double-precision special values.
var spec64 = []uint64{
	0, 1 << 63, // ±0
	0x7ff0000000000000, 0xfff0000000000000, // ±inf
	0x7ff8000000000000, 0x7ff8000012345678, 0xfff8000000000001, // quiet NaNs
	0x7ff0000000000001, 0x7ff456789abcdef0, 0xfff00000deadbeef, // signalling NaNs
	1, 1<<63 | 1, 0x000fffffffffffff, 0x0008000000000000, 0x8001234567890abc, // subnormals
	0x0010000000000000, 0x8010000000000000, 0x0010000000000001, 0x001fffffffffffff, // min normal and neighbours
	0x7fefffffffffffff, 0xffefffffffffffff, 0x7fe0000000000000, // max normal, 2^1023
	b64(1), b64(-1), b64(1.5), b64(2), b64(0.5), b64(2.5), b64(-2.5), b64(3), b64(-0.5), b64(-1.5),
	0x3ff0000000000001, 0x3fefffffffffffff, 0x3fdfffffffffffff,
	b64(ldexp(1, 31)), b64(-ldexp(1, 31)), b64(ldexp(1, 32)), b64(ldexp(1, 31) - 0.5), b64(ldexp(1, 31) - 1),
	b64(-ldexp(1, 31) - 1), b64(-ldexp(1, 31) - 0.5), b64(ldexp(1, 32) - 1), b64(ldexp(1, 32) - 0.5), b64(-0.75),
	b64(ldexp(1, 52)), b64(ldexp(1, 52) - 0.5), b64(ldexp(1, 53) - 1), b64(ldexp(1, 53)),
	0x3fd5555555555555, 0x400921fb54442d18, b64(-123.456),
	// single-precision boundaries (VCVT.F32.F64)
	b64(float64(math.MaxFloat32)), b64(float64(math.MaxFloat32) + ldexp(1, 103)), b64(float64(math.MaxFloat32) + ldexp(1, 103) - ldexp(1, 75)),
	b64(ldexp(1, -126)), b64(ldexp(1, -149)), b64(ldexp(1, -150)), b64(ldexp(1, -150)) + 1, b64(ldexp(1, -126) - ldexp(1, -150)),
	b64(1 + ldexp(1, -24)), b64(1 + ldexp(3, -24)), 0x3ff0000010000001,
	// half-precision boundaries
	b64(65504), b64(65520), b64(131008), b64(ldexp(1, -24)), b64(ldexp(1, -25)), b64(ldexp(1, -14)),
	b64(32767.5), b64(-32768.5), b64(65535.5),
}

// specI32 lists 32-bit integer (and fixed-point) special values.
var specI32 = []uint32{
	0, 1, 2, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0x80000001,
	0x00ffffff, 0x01000000, 0x01000001, 0x01000003, 0x02000002, 0xfeffffff, // 2^24 rounding in F32
	0x7fffff80, 0x7fffffc0, 0x7fffffbf, 0x7fffffc1, 0xffffff80, 0xffffffc0, // near 2^31 / 2^32 in F32
	0x00007fff, 0x00008000, 0x0000ffff, 0x00010000, 0xffff8000, 0xffff7fff, // 16-bit fixed boundaries
	0x12345678, 0xdead8001, 0xcafe7fff, 0x5555aaaa,
}

// specH16 lists half-precision special values (IEEE meaning; with FPSCR.AHP set, exponent 31 is an
// ordinary exponent).
var specH16 = []uint32{
	0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x7e01, 0xfe55, 0x7c01, 0x7d01, 0xfd55,
	0x0001, 0x8001, 0x03ff, 0x0200, 0x0400, 0x8400, 0x7bff, 0xfbff, 0x7fff, 0xffff,
	0x3c00, 0xbc00, 0x3555, 0xc000, 0x3bff, 0x3c01,
}

// Exponent classes of the structured random values: {base, span}, the biased exponent is
// base + below(span) (span ≤ 1: exactly base).
var exp32 = [16][2]uint32{
	{0, 1}, {1, 1}, {2, 1}, {127, 1}, {125, 5}, {1, 254}, {254, 1}, {255, 1},
	{255, 1}, {147, 6}, {155, 6}, {141, 4}, {95, 64}, {102, 4}, {111, 4}, {140, 4},
}

var exp64 = [16][2]uint32{
	{0, 1}, {1, 1}, {2, 1}, {1023, 1}, {1021, 5}, {1, 2046}, {2046, 1}, {2047, 1},
	{2047, 1}, {1072, 6}, {1051, 6}, {1037, 4}, {983, 80}, {894, 6}, {871, 6}, {1148, 4},
}

// exp16 are the exponents of structured random half-precision values.
var exp16 = [16]uint32{0, 0, 1, 2, 13, 14, 15, 16, 17, 29, 30, 31, 31, 24, 8, 20}

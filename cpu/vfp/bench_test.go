package vfp

import "testing"

// Benchmarks of the public API (fast path where it applies) against the
// exact software path on the same operands.

var sink uint64
var sinkF Flags

func BenchmarkAdd32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		r, f := Add32(0x3f8ccccd, uint32(0x40490fdb+i&0xff), 0)
		sink, sinkF = uint64(r), f
	}
}

func BenchmarkAdd32Slow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = f32.add(0x3f8ccccd, uint64(0x40490fdb+i&0xff), false, 0)
	}
}

func BenchmarkAdd32RZ(b *testing.B) {
	for i := 0; i < b.N; i++ {
		r, f := Add32(0x3f8ccccd, uint32(0x40490fdb+i&0xff), RZ)
		sink, sinkF = uint64(r), f
	}
}

func BenchmarkMul64(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = Mul64(0x3ff199999999999a, uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkMul64Slow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = f64.mul(0x3ff199999999999a, uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkDiv64(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = Div64(0x3ff199999999999a, uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkDiv64Slow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = f64.div(0x3ff199999999999a, uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkSqrt64(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = Sqrt64(uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkSqrt64Slow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = f64.sqrt(uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkMulAdd64(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = MulAdd64(0x3ff0000000000000, 0x3ff199999999999a, uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func BenchmarkMulAdd64Slow(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink, sinkF = f64.mulAdd(0x3ff0000000000000, 0x3ff199999999999a, uint64(0x400921fb54442d18+i&0xff), 0)
	}
}

func TestNoAllocations(t *testing.T) {
	a := testing.AllocsPerRun(100, func() {
		sink, sinkF = f64.mulAdd(0x3ff0000000000000, 0x7ff0000000000001, 0x400921fb54442d18, 0)
		sink, sinkF = f64.add(0x3ff0000000000000, 0x400921fb54442d18, true, RZ)
		r, f := F32ToHalf(0x3f8ccccd, RM)
		sink, sinkF = uint64(r), f
		sink, sinkF = MaxNum64(0x7ff8000000000000, 1, 0)
	})
	if a != 0 {
		t.Errorf("%v allocations per run", a)
	}
}

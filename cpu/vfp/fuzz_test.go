package vfp

import "testing"

// FuzzAgainstReference compares every arithmetic operation with the
// pseudocode model of ref_test.go on fuzzer-chosen bit patterns and FPSCR
// values. Without -fuzz it runs the seeds only.
func FuzzAgainstReference(f *testing.F) {
	f.Add(uint8(0), uint64(0x3f800000), uint64(0x33800000), uint64(0), uint32(0))
	f.Add(uint8(9), uint64(0x3fefffffffffffff), uint64(0x0010000000000000), uint64(1), uint32(3<<22))
	f.Add(uint8(4), uint64(0xbff0000004000000), uint64(0x3ff0000002000000), uint64(0x3ff0000002000000), uint32(1<<24))
	f.Fuzz(func(t *testing.T, op uint8, a, b, c uint64, fpscr uint32) {
		s := FPSCR(fpscr)
		N := 32
		if op&8 != 0 {
			N = 64
		} else {
			a, b, c = a&0xffffffff, b&0xffffffff, c&0xffffffff
		}
		var r, wr uint64
		var fl, wf Flags
		switch op & 7 {
		case 0:
			r, fl = binOps[0].api(N, a, b, s)
			wr, wf = refAdd(a, b, N, s, false)
		case 1:
			r, fl = binOps[1].api(N, a, b, s)
			wr, wf = refAdd(a, b, N, s, true)
		case 2:
			r, fl = binOps[2].api(N, a, b, s)
			wr, wf = refMul(a, b, N, s)
		case 3:
			r, fl = binOps[3].api(N, a, b, s)
			wr, wf = refDiv(a, b, N, s)
		case 4:
			if N == 32 {
				x, y := MulAdd32(uint32(a), uint32(b), uint32(c), s)
				r, fl = uint64(x), y
			} else {
				r, fl = MulAdd64(a, b, c, s)
			}
			wr, wf = refMulAdd(a, b, c, N, s)
		case 5:
			if N == 32 {
				x, y := Sqrt32(uint32(a), s)
				r, fl = uint64(x), y
			} else {
				r, fl = Sqrt64(a, s)
			}
			wr, wf = refSqrt(a, N, s)
		case 6:
			mode, exact := RoundingMode(c%5), c&8 != 0
			if N == 32 {
				x, y := RoundInt32(uint32(a), mode, exact, s)
				r, fl = uint64(x), y
			} else {
				r, fl = RoundInt64(a, mode, exact, s)
			}
			wr, wf = refRoundInt(a, N, mode, exact, s)
		case 7:
			if N == 32 {
				r, fl = F32ToF64(uint32(a), s)
				wr, wf = refConvert(a, 32, 64, s)
			} else {
				x, y := F64ToF32(a, s)
				r, fl = uint64(x), y
				wr, wf = refConvert(a, 64, 32, s)
			}
		}
		if r != wr || fl != wf {
			t.Errorf("op %d/%d (%x, %x, %x) fpscr %08x = %x %02x, want %x %02x", op&7, N, a, b, c, fpscr, r, fl, wr, wf)
		}
	})
}

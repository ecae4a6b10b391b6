package vfp

import "math"

// Dispatch: try the fast path (fast.go) unless built with the vfpslow tag,
// then fall back to the exact path (soft.go).

func add32(a, b uint32, fpscr FPSCR, sub bool) (uint32, Flags) {
	if !forceSlow {
		if r, fl, ok := add32Fast(a, b, fpscr, sub); ok {
			return r, fl
		}
	}
	r, fl := f32.add(uint64(a), uint64(b), sub, fpscr)
	return uint32(r), fl
}

func add64(a, b uint64, fpscr FPSCR, sub bool) (uint64, Flags) {
	if !forceSlow {
		if r, fl, ok := add64Fast(a, b, fpscr, sub); ok {
			return r, fl
		}
	}
	return f64.add(a, b, sub, fpscr)
}

func mul32(a, b uint32, fpscr FPSCR) (uint32, Flags) {
	if !forceSlow {
		if r, fl, ok := mul32Fast(a, b, fpscr); ok {
			return r, fl
		}
	}
	r, fl := f32.mul(uint64(a), uint64(b), fpscr)
	return uint32(r), fl
}

func mul64(a, b uint64, fpscr FPSCR) (uint64, Flags) {
	if !forceSlow {
		if r, fl, ok := mul64Fast(a, b, fpscr); ok {
			return r, fl
		}
	}
	return f64.mul(a, b, fpscr)
}

func div32(a, b uint32, fpscr FPSCR) (uint32, Flags) {
	if !forceSlow {
		if r, fl, ok := div32Fast(a, b, fpscr); ok {
			return r, fl
		}
	}
	r, fl := f32.div(uint64(a), uint64(b), fpscr)
	return uint32(r), fl
}

func div64(a, b uint64, fpscr FPSCR) (uint64, Flags) {
	if !forceSlow {
		if r, fl, ok := div64Fast(a, b, fpscr); ok {
			return r, fl
		}
	}
	return f64.div(a, b, fpscr)
}

func sqrt32(a uint32, fpscr FPSCR) (uint32, Flags) {
	if !forceSlow {
		if r, fl, ok := sqrt32Fast(a, fpscr); ok {
			return r, fl
		}
	}
	r, fl := f32.sqrt(uint64(a), fpscr)
	return uint32(r), fl
}

func sqrt64(a uint64, fpscr FPSCR) (uint64, Flags) {
	if !forceSlow {
		if r, fl, ok := sqrt64Fast(a, fpscr); ok {
			return r, fl
		}
	}
	return f64.sqrt(a, fpscr)
}

func mulAdd32(c, a, b uint32, fpscr FPSCR) (uint32, Flags) {
	if !forceSlow {
		if r, fl, ok := mulAdd32Fast(c, a, b, fpscr); ok {
			return r, fl
		}
	}
	r, fl := f32.mulAdd(uint64(c), uint64(a), uint64(b), fpscr)
	return uint32(r), fl
}

func mulAdd64(c, a, b uint64, fpscr FPSCR) (uint64, Flags) {
	if !forceSlow {
		if r, fl, ok := mulAdd64Fast(c, a, b, fpscr); ok {
			return r, fl
		}
	}
	return f64.mulAdd(c, a, b, fpscr)
}

func roundInt32(a uint32, mode RoundingMode, exact bool, fpscr FPSCR) (uint32, Flags) {
	if !forceSlow && plain32(a) {
		// Integral values of |x| < 2^24 are singles; larger singles are
		// already integral, so the double result converts back exactly.
		if r, inexact, ok := roundInt64Fast(math.Float64bits(fl64(a)), mode); ok {
			return math.Float32bits(float32(math.Float64frombits(r))), ixc(exact && inexact)
		}
	}
	r, fl := f32.roundInt(uint64(a), mode, exact, fpscr)
	return uint32(r), fl
}

func roundInt64(a uint64, mode RoundingMode, exact bool, fpscr FPSCR) (uint64, Flags) {
	if !forceSlow {
		if r, inexact, ok := roundInt64Fast(a, mode); ok {
			return r, ixc(exact && inexact)
		}
	}
	return f64.roundInt(a, mode, exact, fpscr)
}

func f32ToF64(a uint32, fpscr FPSCR) (uint64, Flags) {
	if !forceSlow && plain32(a) {
		return math.Float64bits(fl64(a)), 0 // exact
	}
	return convert(uint64(a), &f32, &f64, fpscr)
}

func f64ToF32(a uint64, fpscr FPSCR) (uint32, Flags) {
	if !forceSlow {
		if r, fl, ok := f64ToF32Fast(a, fpscr); ok {
			return r, fl
		}
	}
	r, fl := convert(a, &f64, &f32, fpscr)
	return uint32(r), fl
}

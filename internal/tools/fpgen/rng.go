package fpgen

import "math/rand/v2"

// rng draws every random choice the generator makes. Only PCG.Uint64 is used: the PCG-DXSM output
// stream is fixed by its algorithm, while the helper methods of rand.Rand are not promised to stay
// the same across Go releases. Everything else (ranges, choices) is derived here.
type rng struct{ p *rand.PCG }

func newRNG(seed1, seed2 uint64) *rng { return &rng{p: rand.NewPCG(seed1, seed2)} }

// u32 returns 32 uniformly random bits.
func (r *rng) u32() uint32 { return uint32(r.p.Uint64() >> 32) }

// n returns a value in [0, k) for 0 < k < 2^31 (multiply-shift; the bias is below 2^-32 · k).
func (r *rng) n(k int) int {
	if k <= 1 {
		return 0
	}
	return int((uint64(r.u32()) * uint64(k)) >> 32)
}

// rangeIn returns a value in [lo, hi].
func (r *rng) rangeIn(lo, hi int) int { return lo + r.n(hi-lo+1) }

// chance is true with probability num/den.
func (r *rng) chance(num, den int) bool { return r.n(den) < num }

// pick returns one element of s.
func pick[T any](r *rng, s []T) T { return s[r.n(len(s))] }

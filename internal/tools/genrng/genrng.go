// Package genrng is the random source of the test-corpus generators (rangen, fpgen):
// a PCG stream of which only Uint64 is used, so the corpora stay byte-identical across
// Go releases (the helper methods of rand.Rand are not promised to stay the same).
// Every range and choice is derived here.
package genrng

import "math/rand/v2"

// RNG draws every random choice a generator makes.
type RNG struct{ p *rand.PCG }

// New returns a generator seeded with the two PCG seeds.
func New(seed1, seed2 uint64) *RNG { return &RNG{p: rand.NewPCG(seed1, seed2)} }

// U32 returns 32 uniformly random bits.
func (r *RNG) U32() uint32 { return uint32(r.p.Uint64() >> 32) }

// N returns a value in [0, k) for 0 < k < 2^31 (multiply-shift; the bias is below 2^-32 · k).
func (r *RNG) N(k int) int {
	if k <= 1 {
		return 0
	}
	return int((uint64(r.U32()) * uint64(k)) >> 32)
}

// RangeIn returns a value in [lo, hi].
func (r *RNG) RangeIn(lo, hi int) int { return lo + r.N(hi-lo+1) }

// Chance is true with probability num/den.
func (r *RNG) Chance(num, den int) bool { return r.N(den) < num }

// Pick returns one element of s.
func Pick[T any](r *RNG, s []T) T { return s[r.N(len(s))] }

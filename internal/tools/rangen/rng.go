package rangen

import "m7emu/internal/tools/genrng"

// rng is the shared corpus random source (internal/tools/genrng).
type rng = genrng.RNG

func newRNG(seed1, seed2 uint64) *rng { return genrng.New(seed1, seed2) }

func pick[T any](r *rng, s []T) T { return genrng.Pick(r, s) }

package fpgen

import "m7emu/internal/tools/genrng"

// rng is the shared corpus random source (internal/tools/genrng).
type rng = genrng.RNG

func newRNG(seed1, seed2 uint64) *rng { return genrng.New(seed1, seed2) }

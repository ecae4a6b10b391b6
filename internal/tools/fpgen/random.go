package fpgen

// fwrng is the random generator the random images run in firmware (cDriver: nxt, below, g_f32 …).
// This is its exact Go mirror: a case's inputs are a pure function of (image seed, case index),
// so Image.Case can rebuild any case without replaying the image. Each function here and its C
// counterpart draw the same numbers in the same order; keep them in step (the trailer hash of
// every golden and TestFirmwareMirror check that they are).
type fwrng struct {
	ctr uint32
	p32 [2]uint32 // the last two single-precision values drawn in this case, newest first
	n32 int
	p64 [2]uint64
	n64 int
}

// mix32 is a 32-bit integer finaliser (xor-shift-multiply, constants 0x7feb352d, 0x846ca68b).
func mix32(x uint32) uint32 {
	x ^= x >> 16
	x *= 0x7feb352d
	x ^= x >> 15
	x *= 0x846ca68b
	x ^= x >> 16
	return x
}

// start positions the generator at case i of an image with the given seed.
func (g *fwrng) start(seed, i uint32) {
	g.ctr = mix32(mix32(i) ^ seed)
	g.n32, g.n64 = 0, 0
}

// next is a Weyl sequence passed through mix32.
func (g *fwrng) next() uint32 {
	g.ctr += 0x9e3779b9
	return mix32(g.ctr)
}

// below returns a value in [0, n) (multiply-shift).
func (g *fwrng) below(n uint32) uint32 { return uint32(uint64(g.next()) * uint64(n) >> 32) }

func (g *fwrng) exp(tab *[16][2]uint32, c uint32) uint32 {
	base, span := tab[c][0], tab[c][1]
	if span <= 1 {
		return base
	}
	return base + g.below(span)
}

func (g *fwrng) push32(v uint32) {
	g.p32[1], g.p32[0] = g.p32[0], v
	g.n32++
}

func (g *fwrng) push64(v uint64) {
	g.p64[1], g.p64[0] = g.p64[0], v
	g.n64++
}

func (g *fwrng) mant32(c uint32) uint32 {
	switch c {
	case 0:
		return 0
	case 1:
		return 0x7fffff
	case 2:
		return g.next() & 0x7fffff
	case 3:
		a := g.next()
		b := g.next()
		return a & b & 0x7fffff
	case 4:
		return 1 << g.below(23)
	case 5:
		return 0x7fffff >> g.below(23)
	case 6:
		return 0x400000 | g.next()&7
	default:
		return 0x7fffff << g.below(23) & 0x7fffff
	}
}

// f32 draws a single-precision operand: raw bits (3/16), a special value (2/16), a structured value
// from an exponent class and a mantissa class (7/16), or a value related to the previous operand
// of this case (4/16: negated, a few ulps away, rescaled, same, just outside the addition
// alignment window, near the product exponent of the previous two, or near its exponent).
func (g *fwrng) f32() uint32 {
	r := g.next()
	cat := r & 15
	var v uint32
	switch {
	case cat < 3:
		v = g.next()
	case cat < 5:
		v = spec32[g.below(uint32(len(spec32)))]
	case cat < 12 || g.n32 == 0:
		e := g.exp(&exp32, r>>4&15)
		m := g.mant32(r >> 8 & 7)
		v = r&0x80000000 | (e&0xff)<<23 | m
	default:
		p := g.p32[0]
		pe := p >> 23 & 0xff
		switch r >> 4 & 7 {
		case 0:
			v = p ^ 0x80000000
		case 1:
			v = p + g.below(5) - 2
		case 2:
			v = p + (g.below(61)-30)<<23
		case 3:
			v = p ^ g.next()&0x7ff
		case 4:
			v = p
		case 5:
			d := 22 + g.below(6)
			e := pe - d
			if r&0x100 != 0 {
				e = pe + d
			}
			v = r&0x80000000 | (e&0xff)<<23 | g.next()&0x7fffff
		case 6:
			if g.n32 >= 2 {
				e := pe + (g.p32[1] >> 23 & 0xff) - 127 + g.below(5) - 2
				v = r&0x80000000 | (e&0xff)<<23 | g.next()&0x7fffff
				break
			}
			fallthrough
		default:
			e := pe + g.below(7) - 3
			v = r&0x80000000 | (e&0xff)<<23 | g.next()&0x7fffff
		}
	}
	g.push32(v)
	return v
}

const mant52 = 1<<52 - 1

func (g *fwrng) r52() uint64 {
	hi := g.next()
	lo := g.next()
	return (uint64(hi)<<32 | uint64(lo)) & mant52
}

func (g *fwrng) mant64(c uint32) uint64 {
	switch c {
	case 0:
		return 0
	case 1:
		return mant52
	case 2:
		return g.r52()
	case 3:
		a := g.r52()
		b := g.r52()
		return a & b
	case 4:
		return 1 << g.below(52)
	case 5:
		return mant52 >> g.below(52)
	case 6:
		return 1<<51 | uint64(g.next()&7)
	default:
		return mant52 << g.below(52) & mant52
	}
}

// f64 is f32 for double precision.
func (g *fwrng) f64() uint64 {
	r := g.next()
	cat := r & 15
	sign := uint64(r&0x80000000) << 32
	var v uint64
	switch {
	case cat < 3:
		hi := g.next()
		lo := g.next()
		v = uint64(hi)<<32 | uint64(lo)
	case cat < 5:
		v = spec64[g.below(uint32(len(spec64)))]
	case cat < 12 || g.n64 == 0:
		e := g.exp(&exp64, r>>4&15)
		m := g.mant64(r >> 8 & 7)
		v = sign | uint64(e&0x7ff)<<52 | m
	default:
		p := g.p64[0]
		pe := uint32(p>>52) & 0x7ff
		switch r >> 4 & 7 {
		case 0:
			v = p ^ 1<<63
		case 1:
			v = p + uint64(int64(int32(g.below(5))-2))
		case 2:
			v = p + uint64(int64(int32(g.below(121))-60))<<52
		case 3:
			v = p ^ uint64(g.next()&0x3fffffff)
		case 4:
			v = p
		case 5:
			d := 51 + g.below(6)
			e := pe - d
			if r&0x100 != 0 {
				e = pe + d
			}
			v = sign | uint64(e&0x7ff)<<52 | g.r52()
		case 6:
			if g.n64 >= 2 {
				e := pe + (uint32(g.p64[1]>>52) & 0x7ff) - 1023 + g.below(5) - 2
				v = sign | uint64(e&0x7ff)<<52 | g.r52()
				break
			}
			fallthrough
		default:
			e := pe + g.below(7) - 3
			v = sign | uint64(e&0x7ff)<<52 | g.r52()
		}
	}
	g.push64(v)
	return v
}

// i32 draws an integer operand: raw bits, a special value, small signed or unsigned magnitudes,
// powers of two ±1, or values with trailing zeros.
func (g *fwrng) i32() uint32 {
	r := g.next()
	switch r & 7 {
	case 0, 1, 2:
		return g.next()
	case 3:
		return specI32[g.below(uint32(len(specI32)))]
	case 4:
		x := g.next()
		return uint32(int32(x) >> g.below(32))
	case 5:
		x := g.next()
		return x >> g.below(32)
	case 6:
		s := g.below(32)
		return 1<<s + g.below(3) - 1
	default:
		x := g.next()
		return x & (0xffffffff << g.below(32))
	}
}

// h16 draws a half-precision value (16 bits).
func (g *fwrng) h16() uint32 {
	r := g.next()
	switch r & 3 {
	case 0:
		return g.next() & 0xffff
	case 1:
		return specH16[g.below(uint32(len(specH16)))]
	default:
		e := exp16[r>>4&15]
		var m uint32
		switch r >> 8 & 3 {
		case 0:
			m = 0
		case 1:
			m = 0x3ff
		case 2:
			m = g.next() & 0x3ff
		default:
			m = 0x200 | g.next()&3
		}
		return r>>31<<15 | e<<10 | m
	}
}

// value draws one slot's doubleword.
func (g *fwrng) value(k Kind) uint64 {
	switch k {
	case KindF32:
		return uint64(g.f32())
	case KindF64:
		return g.f64()
	case KindI32:
		return uint64(g.i32())
	case KindH16B:
		h := g.h16()
		x := g.next()
		return uint64(x&0xffff0000 | h)
	case KindH16T:
		h := g.h16()
		x := g.next()
		return uint64(h<<16 | x&0xffff)
	case KindRaw32:
		return uint64(g.next())
	case KindFixD:
		lo := g.i32()
		hi := g.next()
		return uint64(hi)<<32 | uint64(lo)
	}
	return 0
}

// randomCase draws case i of a random image: the kernel, FPSCR (RMode, FZ, DN, AHP at random;
// in 1 case of 8 also random NZCV and cumulative flags), APSR (random NZCVQ), then the slots in
// the form's Order.
func (im *Image) randomCase(i int) (kidx int, fpscr, apsr uint32, in [3]uint64) {
	var g fwrng
	g.start(im.Seed, uint32(i))
	r0 := g.next()
	kidx = int(im.Pick[r0>>22])
	r1 := g.next()
	fpscr = (r1&3)<<22 | (r1>>2&7)<<24
	if r1>>5&7 == 0 {
		fpscr |= r1&0xf0000000 | r1>>8&0x9f
	}
	apsr = r1 << 4 & 0xf8000000
	f := im.Kernels[kidx].Form
	for _, s := range f.Order {
		in[s] = g.value(f.Slot[s].Kind)
	}
	return
}

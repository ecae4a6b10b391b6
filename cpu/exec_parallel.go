package cpu

import "m7emu/cpu/thumb"

// Parallel addition and subtraction (Arm DDI0403E A5.3.13/A5.3.14, A7.7 SADD16 …
// UHSUB8): six prefixes × six operations, all executed by execParallel from a
// description computed at registration.
//
// Each lane's result is computed exactly, then, by prefix:
//   - S, U: the low bits are kept and APSR.GE is set per lane (signed: result >= 0;
//     unsigned: sum >= 2^width for additions, difference >= 0 for subtractions);
//   - Q, UQ: saturated to the signed/unsigned lane range (GE and Q unchanged);
//   - SH, UH: halved, bits <width:1> kept (GE unchanged).
//
// For 16-bit lanes ASX computes low = n.lo − m.hi, high = n.hi + m.lo and SAX
// low = n.lo + m.hi, high = n.hi − m.lo; each 16-bit lane sets two GE bits.

type parPrefix uint8

const (
	parS parPrefix = iota
	parQ
	parSH
	parU
	parUQ
	parUH
)

type parKind uint8

const (
	parADD16 parKind = iota
	parASX
	parSAX
	parSUB16
	parADD8
	parSUB8
)

type parallelOp struct {
	prefix parPrefix
	kind   parKind
}

// parallelOps describes each Op of the family; the Op enum lists them prefix by
// prefix in the order of parKind (cpu/thumb/ops.go).
var parallelOps [thumb.NumOps]parallelOp

func registerParallel(t *[thumb.NumOps]execFn) {
	for p := parS; p <= parUH; p++ {
		for k := parADD16; k <= parSUB8; k++ {
			op := thumb.OpSADD16 + thumb.Op(6*int(p)+int(k))
			parallelOps[op] = parallelOp{p, k}
			t[op] = execParallel
		}
	}
}

// parLane extracts lane i (of the given width) of v, sign- or zero-extended.
func parLane(v uint32, i, width uint, signed bool) int64 {
	x := v >> (i * width) & (1<<width - 1)
	if signed {
		return int64(x) << (64 - width) >> (64 - width)
	}
	return int64(x)
}

func execParallel(c *CPU, in *thumb.Inst) {
	d := parallelOps[in.Op]
	signed := d.prefix <= parSH
	width, lanes := uint(16), uint(2)
	if d.kind >= parADD8 {
		width, lanes = 8, 4
	}
	n, m := c.R[in.Rn], c.R[in.Rm]
	var r uint32
	var ge uint8
	for i := uint(0); i < lanes; i++ {
		a := parLane(n, i, width, signed)
		sub := d.kind == parSUB16 || d.kind == parSUB8 || (d.kind == parASX && i == 0) || (d.kind == parSAX && i == 1)
		j := i
		if d.kind == parASX || d.kind == parSAX {
			j = 1 - i // the exchanged half of m
		}
		b := parLane(m, j, width, signed)
		x := a + b
		if sub {
			x = a - b
		}
		var geLane bool
		switch d.prefix {
		case parS:
			geLane = x >= 0
		case parU:
			geLane = x >= 1<<width
			if sub {
				geLane = x >= 0
			}
		case parQ:
			x = min(max(x, -1<<(width-1)), 1<<(width-1)-1)
		case parUQ:
			x = min(max(x, 0), 1<<width-1)
		case parSH, parUH:
			x >>= 1
		}
		r |= uint32(x) & (1<<width - 1) << (i * width)
		if geLane {
			ge |= (1<<(width/8) - 1) << (i * width / 8)
		}
	}
	if d.prefix == parS || d.prefix == parU {
		c.GE = ge
	}
	c.mulWrite(in.Rd, r)
}

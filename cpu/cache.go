package cpu

import (
	"encoding/binary"

	"m7emu/bus"
	"m7emu/cpu/thumb"
)

// execFn executes one decoded instruction. It reads operands from c.R (where R[15]
// reads as the instruction's address + 4), writes results, and records faults with
// setFault instead of returning errors.
type execFn func(c *CPU, in *thumb.Inst)

// slot is one pre-decoded instruction: the decode result, its execute function and
// its base cycle cost, all computed once at decode time.
type slot struct {
	in  thumb.Inst
	fn  execFn
	cyc uint32
	lsu uint32 // the part of cyc spent in the load/store unit beyond the first cycle
}

// codeCache holds pre-decoded instructions for one memory region, one slot per
// halfword, allocated in chunks as code is first executed there. A write to the
// region (or an alias) invalidates the slots that could contain the written bytes.
type codeCache struct {
	r      *bus.Region
	base   uint32
	size   uint32
	chunks [][]slot
}

const (
	chunkShift = 12 // 4 KiB of code per chunk
	chunkSlots = 1 << (chunkShift - 1)
	chunkMask  = 1<<chunkShift - 1
)

func (c *CPU) cacheFor(r *bus.Region) *codeCache {
	if cc := c.caches[r]; cc != nil {
		return cc
	}
	cc := &codeCache{r: r, base: r.Base, size: r.Size, chunks: make([][]slot, (uint64(r.Size)+(1<<chunkShift)-1)>>chunkShift)}
	prev := r.OnWrite
	r.OnWrite = func(off, n uint32) {
		cc.invalidate(off, n)
		if prev != nil {
			prev(off, n)
		}
	}
	c.caches[r] = cc
	return cc
}

// invalidate drops slots overlapping bytes [off, off+n), including the slot starting
// one halfword earlier (a 32-bit instruction there covers off).
func (cc *codeCache) invalidate(off, n uint32) {
	first := off &^ 1
	if first >= 2 {
		first -= 2
	}
	for a := first; a < off+n && a < cc.size; a += 2 {
		ch := cc.chunks[a>>chunkShift]
		if ch != nil {
			ch[(a&chunkMask)>>1].fn = nil
		}
	}
}

// cached returns the pre-decoded instruction at pc if the cache of the region the PC
// was last in holds it, else nil. Small enough to be inlined into the run loop.
func (c *CPU) cached(pc uint32) *slot {
	cc := c.cur
	if cc == nil {
		return nil
	}
	off := pc - cc.base
	if off >= cc.size {
		return nil
	}
	ch := cc.chunks[off>>chunkShift]
	if ch == nil {
		return nil
	}
	if s := &ch[(off&chunkMask)>>1]; s.fn != nil {
		return s
	}
	return nil
}

// fetch returns the pre-decoded instruction at pc, decoding it on a miss.
func (c *CPU) fetch(pc uint32) *slot {
	if s := c.cached(pc); s != nil {
		return s
	}
	return c.fetchSlow(pc)
}

func (c *CPU) fetchSlow(pc uint32) *slot {
	r := c.bus.Find(pc)
	if c.exc != nil && (pc >= 0xE000_0000 || !c.mpuOn && defaultMapXN(pc)) {
		// B3.1 Table B3-1: instruction fetches from the Peripheral, Device and System
		// regions of the default memory map are Execute Never: MemManage IACCVIOL.
		// With the MPU on its regions decide, except that the System region is
		// always XN (B3.5.1).
		c.pc = pc
		c.setFault(FaultInstrAccess, pc, nil, nil)
		c.raise()
		return nil
	}
	if r == nil || r.Kind == bus.KindDevice || pc&1 != 0 {
		c.pc = pc
		c.setFault(FaultInstrBus, pc, &bus.Fault{Addr: pc, Width: 2, Why: "instruction fetch from a region that holds no code"}, nil)
		c.raise()
		return nil
	}
	cc := c.cacheFor(r)
	c.cur = cc
	off := pc - cc.base
	ch := cc.chunks[off>>chunkShift]
	if ch == nil {
		ch = make([]slot, chunkSlots)
		cc.chunks[off>>chunkShift] = ch
	}
	s := &ch[(off&chunkMask)>>1]
	hw1 := binary.LittleEndian.Uint16(r.Mem[off:])
	var hw2 uint16
	if thumb.Is32(hw1) {
		if off+4 <= r.Size {
			hw2 = binary.LittleEndian.Uint16(r.Mem[off+2:])
		} else {
			v, err := c.bus.Read(pc+2, 2)
			if err != nil {
				c.pc = pc
				c.setFault(FaultInstrBus, pc+2, err, nil)
				c.raise()
				return nil
			}
			hw2 = uint16(v)
		}
	}
	in, _ := thumb.Decode(hw1, hw2)
	s.in = in
	s.fn = execTable[in.Op]
	s.cyc = c.timing.Base(&in)
	s.lsu = c.timing.lsuBase(&in)
	switch {
	case in.Flags&thumb.FlagExecUndefined != 0:
		s.fn = execUndefined
		s.cyc = c.timing.Base(&thumb.Inst{Op: thumb.OpUNDEFINED})
		s.lsu = 0
	case s.fn == nil:
		s.fn = execUnimplemented
	}
	return s
}

// Decoded returns the instruction at addr as the core would decode it (for debuggers
// and traces; it does not touch the cache).
func (c *CPU) Decoded(addr uint32) (thumb.Inst, error) {
	hw1, err := c.bus.Read(addr, 2)
	if err != nil {
		return thumb.Inst{}, err
	}
	var hw2 uint32
	if thumb.Is32(uint16(hw1)) {
		if hw2, err = c.bus.Read(addr+2, 2); err != nil {
			return thumb.Inst{}, err
		}
	}
	return thumb.Decode(uint16(hw1), uint16(hw2))
}

func execUndefined(c *CPU, in *thumb.Inst) {
	c.setFault(FaultUndefInstr, 0, nil, in)
}

// execUnimplemented covers ops that decode but have no execute function yet; it is
// reported like an undefined instruction so the run stops with a clear message.
func execUnimplemented(c *CPU, in *thumb.Inst) {
	c.setFault(FaultUndefInstr, 0, errUnimplemented{in.Op}, in)
}

type errUnimplemented struct{ op thumb.Op }

func (e errUnimplemented) Error() string {
	return "instruction " + e.op.String() + " is not implemented"
}

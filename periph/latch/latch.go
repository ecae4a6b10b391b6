// Package latch models a peripheral m7emu does not emulate as plain registers, so
// that unknown initialisation code neither hangs nor crashes: every register reads
// its reset value from the device description (the ST SVD) until written, and a
// write is latched and read back unchanged. Nothing else happens — no flags follow
// their enables, no interrupts, no side effects.
//
// Offsets inside the peripheral's address block that are not registers read as 0
// and ignore writes (RM0410 §2.2.2 calls such space "reserved"; silicon does not
// fault there, the bus fault is for addresses outside every block). Byte and
// halfword accesses read or replace the addressed part of a register (bus.Narrow,
// bus.Merge). The first access of any kind reports one warning through Config.Warn:
//
//	LTDC (0x40016800) is not modelled; accesses read/write plain registers
package latch

import (
	"fmt"
	"sort"

	"m7emu/bus"
)

// Register is one register of the block: its offset from the base, its width in
// bits (8, 16 or 32) and its reset value.
type Register struct {
	Name   string
	Offset uint32
	Size   uint32
	Reset  uint32
}

// Config describes the block.
type Config struct {
	Name string // the peripheral's name, as in the SVD ("LTDC")
	Base uint32 // its base address (only used in the warning)
	Regs []Register
	Warn func(msg string) // called once, on the first access; nil: no warning
}

// word is one 32-bit aligned word of the block that holds register bytes.
type word struct {
	off   uint32 // word-aligned offset
	mask  uint32 // the bits that belong to registers
	reset uint32
	val   uint32
}

// Latch is the register block. It implements bus.Device.
type Latch struct {
	cfg    Config
	words  []word // sorted by off
	warned bool
}

// New returns the block in its reset state. Registers that are not 8, 16 or 32 bits
// wide, or that cross a 32-bit word, are clipped to the bits of their first word; of
// two registers sharing bits (the SVD lists some under two names), the first listed
// gives the reset value.
func New(cfg Config) *Latch {
	l := &Latch{cfg: cfg}
	idx := map[uint32]int{} // word offset -> index in l.words (lookup only)
	for _, r := range cfg.Regs {
		size := r.Size
		if size != 8 && size != 16 {
			size = 32
		}
		sh := 8 * (r.Offset & 3)
		mask := uint32(uint64(1)<<size-1) << sh
		if mask == 0 {
			continue
		}
		wo := r.Offset &^ 3
		i, ok := idx[wo]
		if !ok {
			i = len(l.words)
			idx[wo] = i
			l.words = append(l.words, word{off: wo})
		}
		w := &l.words[i]
		fresh := mask &^ w.mask // bits not already claimed by an earlier register
		w.reset |= (r.Reset << sh) & fresh
		w.mask |= mask
	}
	sort.Slice(l.words, func(i, j int) bool { return l.words[i].off < l.words[j].off })
	l.Reset()
	return l
}

// Reset restores every register's reset value. The warning is not re-armed.
func (l *Latch) Reset() {
	for i := range l.words {
		l.words[i].val = l.words[i].reset
	}
}

// Name returns the peripheral's name.
func (l *Latch) Name() string { return l.cfg.Name }

// Warned reports whether the first-access warning has been given.
func (l *Latch) Warned() bool { return l.warned }

// Message is the warning the block gives on its first access.
func (l *Latch) Message() string {
	return fmt.Sprintf("%s (0x%08x) is not modelled; accesses read/write plain registers", l.cfg.Name, l.cfg.Base)
}

func (l *Latch) touch() {
	if l.warned {
		return
	}
	l.warned = true
	if l.cfg.Warn != nil {
		l.cfg.Warn(l.Message())
	}
}

// find returns the word holding offset off, or nil.
func (l *Latch) find(off uint32) *word {
	wo := off &^ 3
	i := sort.Search(len(l.words), func(i int) bool { return l.words[i].off >= wo })
	if i < len(l.words) && l.words[i].off == wo {
		return &l.words[i]
	}
	return nil
}

// Read implements bus.Device.
func (l *Latch) Read(off uint32, w bus.Width) (uint32, error) {
	l.touch()
	if off&3+uint32(w) <= 4 {
		return l.readIn(off, w), nil
	}
	// An unaligned access that crosses a word boundary: byte by byte.
	var v uint32
	for i := uint32(0); i < uint32(w); i++ {
		v |= l.readIn(off+i, 1) << (8 * i)
	}
	return v, nil
}

func (l *Latch) readIn(off uint32, w bus.Width) uint32 {
	x := l.find(off)
	if x == nil {
		return 0
	}
	return bus.Narrow(x.val&x.mask, off, w)
}

// Write implements bus.Device.
func (l *Latch) Write(off uint32, w bus.Width, v uint32) error {
	l.touch()
	if off&3+uint32(w) <= 4 {
		l.writeIn(off, w, v)
		return nil
	}
	for i := uint32(0); i < uint32(w); i++ {
		l.writeIn(off+i, 1, v>>(8*i))
	}
	return nil
}

func (l *Latch) writeIn(off uint32, w bus.Width, v uint32) {
	x := l.find(off)
	if x == nil {
		return
	}
	x.val = x.val&^x.mask | bus.Merge(x.val, off, w, v)&x.mask
}

package thumb

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Listing writes the disassembly of one executable section as GNU objdump -d (binutils
// 2.40) prints it, without the "Disassembly of section" heading: a blank line and a
// "<symbol>:" line where a symbol starts, then one line per instruction or data item.
//
// code holds the bytes of the section, which is loaded at base; syms holds the symbols
// prepared for it (nil: none). isData reports whether the byte at an address is data
// (inside a "$d" mapping-symbol range); nil means everything is code. Data is printed as
// .word/.short/.byte like objdump: words when aligned, never across a change of
// isData or a symbol. As in objdump, the section is cut into blocks at the addresses
// of its symbols, each headed by its symbol; runs of eight or more zero bytes print as
// "\t...", as do fewer than three zero bytes that end a block; the IT state is tracked
// through consecutive instructions.
func Listing(code []byte, base uint32, isData func(addr uint32) bool, syms *Symbols, w io.Writer) error {
	return listing(code, base, isData, nil, syms, w)
}

// listing is Listing with mapStart, which reports whether a mapping symbol starts at
// an address: like objdump, a data item never spans one, even between two "$d".
func listing(code []byte, base uint32, isData, mapStart func(addr uint32) bool, syms *Symbols, w io.Writer) error {
	bw := bufio.NewWriter(w)
	l := lister{code: code, base: base, end: base + uint32(len(code)), isData: isData, mapStart: mapStart, syms: syms, w: bw}
	if syms != nil {
		l.lookup = syms.Lookup
	}
	// objdump's skip_addr_chars, from the address just past the section
	end := fmt.Sprintf("%08x", l.end)
	for l.skipAddr < len(end) && end[l.skipAddr] == '0' {
		l.skipAddr++
	}
	if l.skipAddr == len(end) && base != 0 {
		l.skipAddr = 0
	}
	if l.skipAddr > 0 {
		l.skipAddr = (l.skipAddr - 1) &^ 3
	}
	l.run()
	return bw.Flush()
}

type lister struct {
	code      []byte
	base, end uint32
	isData    func(uint32) bool
	mapStart  func(uint32) bool // nil: no mapping-symbol boundaries known
	syms      *Symbols
	lookup    func(uint32) string
	w         *bufio.Writer
	chunk     uint32 // objdump's bytes_per_chunk of the last item printed
	skipAddr  int    // leading address digits objdump leaves out in this section
}

// addr renders an address column as objdump does: eight hex digits less the leading
// zeros common to the whole section (in groups of four, keeping one), the remaining
// leading zeros shown as spaces.
func (l *lister) addrCol(a uint32) string {
	b := []byte(fmt.Sprintf("%08x", a))[l.skipAddr:]
	for i := 0; i < len(b)-1 && b[i] == '0'; i++ {
		b[i] = ' '
	}
	return string(b)
}

func (l *lister) data(addr uint32) bool { return l.isData != nil && l.isData(addr) }

// blockEnd is the end of the block that starts at addr: the next symbol of the section.
func (l *lister) blockEnd(addr uint32) uint32 {
	if l.syms != nil {
		if a, ok := l.syms.nextStart(addr); ok && a < l.end {
			return a
		}
	}
	return l.end
}

// symbolStart reports whether a symbol of the section starts at addr.
func (l *lister) symbolStart(addr uint32) bool {
	if l.syms == nil {
		return false
	}
	a, ok := l.syms.nextStart(addr - 1)
	return ok && a == addr
}

func (l *lister) run() {
	addr := l.base
	var it ITState
	header := func(a uint32, name string) {
		if name != "" {
			fmt.Fprintf(l.w, "\n%08x <%s>:\n", a, name)
		} else {
			fmt.Fprintf(l.w, "\n%08x:\n", a)
		}
	}
	first, object := "", false
	if l.syms != nil {
		var y *Symbol
		first, y = l.syms.sectionStart(addr)
		object = y != nil && y.Addr == addr && y.Object && !y.Func
	}
	header(addr, first)
	blockEnd := l.blockEnd(addr)
	for addr < l.end {
		if addr >= blockEnd {
			y := l.syms.find(addr)
			header(addr, l.lookup(addr))
			object = y != nil && y.Section == l.syms.section && y.Addr == addr && y.Object && !y.Func
			blockEnd = l.blockEnd(addr)
		}
		off := addr - l.base
		// zero runs: objdump's skip_zeroes (8) and skip_zeroes_at_end (3)
		z := addr
		for z < blockEnd && l.code[z-l.base] == 0 {
			z++
		}
		if n := z - addr; n >= 8 || (z == blockEnd && n > 0 && n < 3) {
			if z != blockEnd {
				z = addr + n&^3
			}
			l.w.WriteString("\t...\n")
			addr = z
			it = 0
			continue
		}
		if object {
			// objdump dumps the bytes of a data object (STT_OBJECT) 16 to a line, in
			// chunks the size of the last thing it disassembled, then as text
			addr += l.objectLine(addr, blockEnd)
			it = 0
			continue
		}
		if l.data(addr) {
			size := 4 - addr&3
			for a := addr + 1; a < addr+size; a++ {
				if a >= blockEnd || !l.data(a) || l.symbolStart(a) || (l.mapStart != nil && l.mapStart(a)) {
					size = a - addr
					break
				}
			}
			if size == 3 {
				size = 2 - addr&1
			}
			b := l.code[off:]
			l.chunk = size
			switch size {
			case 4:
				v := binary.LittleEndian.Uint32(b)
				fmt.Fprintf(l.w, "%s:\t%08x \t.word\t0x%08x\n", l.addrCol(addr), v, v)
			case 2:
				v := binary.LittleEndian.Uint16(b)
				fmt.Fprintf(l.w, "%s:\t%04x      \t.short\t0x%04x\n", l.addrCol(addr), v, v)
			default:
				fmt.Fprintf(l.w, "%s:\t%02x          \t.byte\t0x%02x\n", l.addrCol(addr), b[0], b[0])
			}
			addr += size
			it = 0
			continue
		}
		if l.end-addr < 2 {
			fmt.Fprintf(l.w, "%s:\t%02x          \t.byte\t0x%02x\n", l.addrCol(addr), l.code[off], l.code[off])
			addr++
			continue
		}
		hw1 := binary.LittleEndian.Uint16(l.code[off:])
		var hw2 uint16
		wide := Is32(hw1) && l.end-addr >= 4
		if wide {
			hw2 = binary.LittleEndian.Uint16(l.code[off+2:])
		}
		in, _ := Decode(hw1, hw2)
		if !wide {
			in.Size = 2 // a 32-bit prefix cut off by the end of the section
		}
		text := in.Format(Context{PC: addr, IT: it, Syms: l.lookup})
		if wide {
			fmt.Fprintf(l.w, "%s:\t%04x %04x \t%s\n", l.addrCol(addr), hw1, hw2, text)
		} else {
			fmt.Fprintf(l.w, "%s:\t%04x      \t%s\n", l.addrCol(addr), hw1, text)
		}
		it = nextITState(it, &in)
		addr += uint32(in.Size)
		l.chunk = 2
	}
}

// objectLine prints up to 16 bytes of a data object at addr and returns how many.
func (l *lister) objectLine(addr, blockEnd uint32) uint32 {
	n := min(blockEnd-addr, 16)
	bpc := max(l.chunk, 1)
	b := l.code[addr-l.base:]
	fmt.Fprintf(l.w, "%s:\t", l.addrCol(addr))
	for j := uint32(0); j < n; j += bpc {
		if j+bpc > n {
			break // a partial chunk at the end of the block is not shown
		}
		for k := int(bpc) - 1; k >= 0; k-- { // little-endian chunks
			fmt.Fprintf(l.w, "%02x", b[j+uint32(k)])
		}
		l.w.WriteByte(' ')
	}
	for pb := n; pb < 16; pb += bpc {
		l.w.WriteString(strings.Repeat("  ", int(bpc)) + " ")
	}
	l.w.WriteString("    ")
	for _, c := range b[:n] {
		if c < 0x20 || c > 0x7E {
			c = '.'
		}
		l.w.WriteByte(c)
	}
	l.w.WriteByte('\n')
	return n
}

// nextITState is the IT state for the instruction after in, as objdump tracks it: an
// IT instruction starts a block (even inside another one), anything else advances it.
func nextITState(it ITState, in *Inst) ITState {
	if in.Op == OpIT {
		return ITState(uint8(in.Cond)<<4 | uint8(in.Aux&0xF))
	}
	return it.Advance()
}

// SymBind is an ELF symbol binding.
type SymBind uint8

// Symbol bindings.
const (
	SymLocal SymBind = iota
	SymGlobal
	SymWeak
)

// Symbol is an ELF symbol as Symbols needs it. Callers leave out file, section and
// undefined symbols; Addr has the Thumb bit of function symbols cleared.
type Symbol struct {
	Name    string
	Addr    uint32
	Size    uint32
	Section string // the section's name; "" for absolute symbols
	Func    bool   // STT_FUNC
	Object  bool   // STT_OBJECT
	Bind    SymBind
}

// Symbols resolves addresses inside one section to symbol names the way objdump does
// (binutils 2.40 compare_symbols and find_symbol_for_address): among symbols at the
// same address it prefers the section being disassembled, then functions, objects,
// global, larger, and finally the name order; mapping symbols ("$t", "$d" …) are
// never used.
type Symbols struct {
	section string
	sorted  []Symbol
}

// NewSymbols prepares syms for disassembling the named section.
func NewSymbols(syms []Symbol, section string) *Symbols {
	s := &Symbols{section: section}
	for _, y := range syms {
		if y.Name != "" {
			s.sorted = append(s.sorted, y)
		}
	}
	slices.SortStableFunc(s.sorted, func(a, b Symbol) int { return compareSymbols(a, b, section) })
	return s
}

func compareSymbols(a, b Symbol, section string) int {
	if a.Addr != b.Addr {
		if a.Addr < b.Addr {
			return -1
		}
		return 1
	}
	pref := func(x, y bool) int { // x preferred: -1
		switch {
		case x && !y:
			return -1
		case !x && y:
			return 1
		}
		return 0
	}
	if c := pref(a.Section == section, b.Section == section); c != 0 {
		return c
	}
	compiled := func(n string) bool {
		return strings.Contains(n, "gnu_compiled") || strings.Contains(n, "gcc2_compiled")
	}
	if c := pref(!compiled(a.Name), !compiled(b.Name)); c != 0 {
		return c
	}
	file := func(n string) bool { return len(n) > 2 && (strings.HasSuffix(n, ".o") || strings.HasSuffix(n, ".a")) }
	if c := pref(!file(a.Name), !file(b.Name)); c != 0 {
		return c
	}
	if c := pref(a.Func, b.Func); c != 0 {
		return c
	}
	if c := pref(a.Object, b.Object); c != 0 {
		return c
	}
	if c := pref(a.Bind != SymLocal, b.Bind != SymLocal); c != 0 {
		return c
	}
	if c := pref(a.Bind == SymGlobal, b.Bind == SymGlobal); c != 0 {
		return c
	}
	if a.Size != b.Size {
		if a.Size > b.Size {
			return -1
		}
		return 1
	}
	if c := pref(!strings.HasPrefix(a.Name, "."), !strings.HasPrefix(b.Name, ".")); c != 0 {
		return c
	}
	return strings.Compare(a.Name, b.Name)
}

// valid is arm_symbol_is_valid: mapping symbols are not shown.
func (y *Symbol) valid() bool {
	return y.Name != "" && y.Name[0] != '$' && !strings.HasPrefix(y.Name, "__tagsym$$")
}

// Lookup returns "name", "name+0x10" or "name-0x8" for addr, or "" if there are no
// symbols to use.
func (s *Symbols) Lookup(addr uint32) string {
	y := s.find(addr)
	if y == nil {
		return ""
	}
	switch {
	case y.Addr == addr:
		return y.Name
	case y.Addr > addr:
		return fmt.Sprintf("%s-0x%x", y.Name, y.Addr-addr)
	}
	return fmt.Sprintf("%s+0x%x", y.Name, addr-y.Addr)
}

// find is find_symbol_for_address for a linked (non-relocatable) file.
func (s *Symbols) find(addr uint32) *Symbol {
	n := len(s.sorted)
	if n == 0 {
		return nil
	}
	// the last symbol at or below addr (or the first one), then the first of its value
	i, _ := slices.BinarySearchFunc(s.sorted, addr, func(y Symbol, a uint32) int {
		if y.Addr <= a {
			return -1
		}
		return 1
	})
	place := max(i-1, 0)
	for place > 0 && s.sorted[place-1].Addr == s.sorted[place].Addr {
		place--
	}
	groupEnd := place
	for groupEnd < n && s.sorted[groupEnd].Addr == s.sorted[place].Addr {
		groupEnd++
	}
	// prefer a valid symbol of this section with that value
	for j := place; j < groupEnd; j++ {
		if s.sorted[j].valid() && s.sorted[j].Section == s.section {
			return &s.sorted[j]
		}
	}
	if s.sorted[place].valid() {
		return &s.sorted[place]
	}
	// else the first valid symbol of the closest value at or below
	newplace := -1
	for j := groupEnd - 1; j >= 0; j-- {
		if s.sorted[j].valid() {
			if newplace >= 0 && s.sorted[j].Addr != s.sorted[newplace].Addr {
				break
			}
			newplace = j
		}
	}
	if newplace >= 0 {
		return &s.sorted[newplace]
	}
	for j := place + 1; j < n; j++ {
		if s.sorted[j].valid() {
			return &s.sorted[j]
		}
	}
	return nil
}

// nextStart returns the lowest address above addr where a valid symbol of the section
// starts (objdump's block boundaries).
func (s *Symbols) nextStart(addr uint32) (uint32, bool) {
	i, _ := slices.BinarySearchFunc(s.sorted, addr, func(y Symbol, a uint32) int {
		if y.Addr <= a {
			return -1
		}
		return 1
	})
	for ; i < len(s.sorted); i++ {
		if y := &s.sorted[i]; y.Section == s.section && y.valid() {
			return y.Addr, true
		}
	}
	return 0, false
}

// sectionStart is the heading of the first block of the section at start: the closest
// valid symbol of the section at or below it, else the first one above it.
func (s *Symbols) sectionStart(start uint32) (string, *Symbol) {
	var best *Symbol
	for i := range s.sorted {
		y := &s.sorted[i]
		if y.Section != s.section || !y.valid() {
			continue
		}
		if y.Addr <= start && (best == nil || y.Addr > best.Addr) || best == nil && y.Addr > start {
			best = y
		}
		if y.Addr > start {
			break
		}
	}
	switch {
	case best == nil:
		return "", nil
	case best.Addr == start:
		return best.Name, best
	case best.Addr > start:
		return fmt.Sprintf("%s-0x%x", best.Name, best.Addr-start), best
	}
	return fmt.Sprintf("%s+0x%x", best.Name, start-best.Addr), best
}

package loader

import (
	"debug/elf"
	"sort"
	"strings"
)

// Symbol is a code or data symbol from .symtab.
type Symbol struct {
	Name   string // demangled with Options.Demangle (== Raw without a hook)
	Raw    string // name as stored in the ELF string table
	Addr   uint32 // st_value (a VMA); for functions with the Thumb bit cleared
	Size   uint32 // st_size; 0 if unknown (e.g. assembler labels without .size)
	Func   bool   // STT_FUNC
	Object bool   // STT_OBJECT
	Thumb  bool   // a function whose st_value had bit 0 set (AAELF §5.5.3)
	Global bool   // STB_GLOBAL or STB_WEAK
}

// MappingKind is the kind of an AAELF mapping symbol (AAELF §5.5.5).
type MappingKind byte

// Mapping kinds, named after the mapping symbols $a, $t and $d.
const (
	MapARM   MappingKind = 'a' // A32 code
	MapThumb MappingKind = 't' // T32 (Thumb) code
	MapData  MappingKind = 'd' // data, e.g. a literal pool inside .text
)

// String returns "$a", "$t" or "$d".
func (k MappingKind) String() string { return "$" + string(rune(k)) }

// MappingRange is [Start, End) of one kind, from a mapping symbol to the next
// one in the same section (or the section's end).
type MappingRange struct {
	Start, End uint32
	Kind       MappingKind
}

// SymbolTable holds the symbols of an image in a deterministic order:
// by address, and at one address functions before objects before other
// symbols, sized before unsized, global before local, then by raw name.
type SymbolTable struct {
	syms   []Symbol
	maxEnd []uint64 // maxEnd[i] = max end of syms[0..i] (sized ones)
	byRaw  []int32  // indexes into syms sorted by Raw
	byName []int32  // indexes into syms sorted by Name
	maps   []MappingRange
}

// Len returns the number of symbols.
func (t *SymbolTable) Len() int {
	if t == nil {
		return 0
	}
	return len(t.syms)
}

// All returns a copy of all symbols in table order. Mapping, section and
// file symbols and undefined symbols are not included.
func (t *SymbolTable) All() []Symbol {
	if t == nil {
		return nil
	}
	return append([]Symbol(nil), t.syms...)
}

// Lookup finds the symbol for addr: the innermost sized symbol that
// contains addr; failing that, the nearest preceding symbol of size 0
// (an assembler label or a function without .size). It reports the
// offset of addr from the symbol's address.
func (t *SymbolTable) Lookup(addr uint32) (sym Symbol, offset uint32, ok bool) {
	if t == nil || len(t.syms) == 0 {
		return Symbol{}, 0, false
	}
	s := t.syms
	i := sort.Search(len(s), func(i int) bool { return s[i].Addr > addr }) - 1
	if i < 0 {
		return Symbol{}, 0, false
	}
	// Walk back over symbols whose extent may reach addr.
	for j := i; j >= 0 && t.maxEnd[j] > uint64(addr); j-- {
		if s[j].Size > 0 && uint64(addr) < uint64(s[j].Addr)+uint64(s[j].Size) {
			// Prefer the first (best-ranked) containing symbol at this address.
			a := s[j].Addr
			for k := sort.Search(len(s), func(k int) bool { return s[k].Addr >= a }); k <= j; k++ {
				if s[k].Size > 0 && uint64(addr) < uint64(a)+uint64(s[k].Size) {
					return s[k], addr - a, true
				}
			}
		}
	}
	// Nearest preceding address: take its best-ranked size-0 symbol.
	a := s[i].Addr
	for k := sort.Search(len(s), func(k int) bool { return s[k].Addr >= a }); k <= i; k++ {
		if s[k].Size == 0 {
			return s[k], addr - a, true
		}
	}
	return Symbol{}, 0, false
}

// ByName finds a symbol by its raw (mangled) or demangled name. When several
// symbols share the name (static functions in different files), a global one
// wins, then the one at the lowest address.
func (t *SymbolTable) ByName(name string) (Symbol, bool) {
	if t == nil {
		return Symbol{}, false
	}
	if i, ok := t.find(t.byRaw, name, func(s *Symbol) string { return s.Raw }); ok {
		return t.syms[i], true
	}
	if i, ok := t.find(t.byName, name, func(s *Symbol) string { return s.Name }); ok {
		return t.syms[i], true
	}
	return Symbol{}, false
}

func (t *SymbolTable) find(idx []int32, name string, key func(*Symbol) string) (int32, bool) {
	k := sort.Search(len(idx), func(k int) bool { return key(&t.syms[idx[k]]) >= name })
	if k < len(idx) && key(&t.syms[idx[k]]) == name {
		return idx[k], true
	}
	return 0, false
}

// Mapping returns the kind of the mapping-symbol range containing addr
// (a VMA). ok is false if no mapping symbol covers addr.
func (t *SymbolTable) Mapping(addr uint32) (kind MappingKind, ok bool) {
	if t == nil {
		return 0, false
	}
	m := t.maps
	i := sort.Search(len(m), func(i int) bool { return m[i].Start > addr }) - 1
	if i >= 0 && addr < m[i].End {
		return m[i].Kind, true
	}
	return 0, false
}

// IsData reports whether addr lies in a $d range, such as a literal pool,
// which a disassembler should show as data.
func (t *SymbolTable) IsData(addr uint32) bool {
	k, ok := t.Mapping(addr)
	return ok && k == MapData
}

// MappingRanges returns a copy of the mapping ranges sorted by Start.
func (t *SymbolTable) MappingRanges() []MappingRange {
	if t == nil {
		return nil
	}
	return append([]MappingRange(nil), t.maps...)
}

// section is the part of an ELF32 section header we use.
type section struct {
	typ, flags, addr, off, size, link, entsize uint32
}

// sections reads the section header table (ELF spec, "Sections").
func (p *parser) sections() ([]section, error) {
	if p.shoff == 0 {
		if p.shnum != 0 {
			return nil, errorf(BadSections, "e_shnum is %d but e_shoff is 0", p.shnum)
		}
		return nil, nil // no section headers (stripped): no symbols
	}
	n := uint64(p.shnum)
	if n == 0 {
		// Extended numbering: the count is in sh_size of entry 0.
		if err := p.table("section header table", p.shoff, 1, uint64(p.shentsize), shdrSize); err != nil {
			return nil, err
		}
		n = uint64(p.u32(p.shoff + 20))
		if n == 0 {
			return nil, nil
		}
	}
	if err := p.table("section header table", p.shoff, n, uint64(p.shentsize), shdrSize); err != nil {
		return nil, err
	}
	secs := make([]section, n) // n*shdrSize <= len(p.data), checked above
	for i := range secs {
		h := p.shoff + uint32(i)*uint32(p.shentsize)
		secs[i] = section{
			typ:     p.u32(h + 4),
			flags:   p.u32(h + 8),
			addr:    p.u32(h + 12),
			off:     p.u32(h + 16),
			size:    p.u32(h + 20),
			link:    p.u32(h + 24),
			entsize: p.u32(h + 36),
		}
	}
	return secs, nil
}

// isMapping reports whether name is an AAELF mapping symbol ($a, $t, $d,
// optionally followed by "." and anything), and which kind.
func isMapping(name string) (MappingKind, bool) {
	if len(name) < 2 || name[0] != '$' || (len(name) > 2 && name[2] != '.') {
		return 0, false
	}
	switch k := MappingKind(name[1]); k {
	case MapARM, MapThumb, MapData:
		return k, true
	}
	return 0, false
}

type mapSym struct {
	addr  uint32
	shndx uint16
	kind  MappingKind
	order int
}

type symRank struct {
	Symbol
	order int
}

// symbols reads .symtab (ELF spec, "Symbol Table"; AAELF §5.5).
func (p *parser) symbols() (*SymbolTable, error) {
	secs, err := p.sections()
	if err != nil {
		return nil, err
	}
	t := &SymbolTable{}
	si := -1
	for i, s := range secs {
		if elf.SectionType(s.typ) == elf.SHT_SYMTAB {
			si = i
			break
		}
	}
	if si < 0 {
		t.build(nil, nil, secs)
		return t, nil
	}
	st := secs[si]
	if st.flags&uint32(elf.SHF_COMPRESSED) != 0 {
		return nil, errorf(BadSymbols, "the symbol table (section %d) is compressed, which linkers never do; not supported", si)
	}
	if (st.entsize != 0 && st.entsize != symSize) || st.size%symSize != 0 {
		return nil, errorf(BadSymbols, "the symbol table (section %d) has entry size %d and size %d; ELF32 symbols are %d bytes",
			si, st.entsize, st.size, symSize)
	}
	if uint64(st.off)+uint64(st.size) > uint64(len(p.data)) {
		return nil, errorf(Truncated, "the symbol table [0x%x, +0x%x) runs past the end of the file (%d bytes); the file is truncated",
			st.off, st.size, len(p.data))
	}
	if int(st.link) >= len(secs) || elf.SectionType(secs[st.link].typ) != elf.SHT_STRTAB {
		return nil, errorf(BadSymbols, "the symbol table's sh_link %d does not name a string table", st.link)
	}
	ss := secs[st.link]
	if ss.flags&uint32(elf.SHF_COMPRESSED) != 0 {
		return nil, errorf(BadSymbols, "the symbol string table (section %d) is compressed; not supported", st.link)
	}
	if uint64(ss.off)+uint64(ss.size) > uint64(len(p.data)) {
		return nil, errorf(Truncated, "the symbol string table [0x%x, +0x%x) runs past the end of the file (%d bytes); the file is truncated",
			ss.off, ss.size, len(p.data))
	}
	// One string for the whole table: names are substrings of it, so a
	// hostile table cannot make us allocate per symbol name.
	strs := string(p.data[ss.off : ss.off+ss.size])

	// Demangled names are new strings; bound their total size.
	budget := 16*len(p.data) + 1<<20
	var syms []symRank
	var maps []mapSym
	n := int(st.size / symSize)
	for k := 1; k < n; k++ { // entry 0 is the undefined symbol
		e := st.off + uint32(k)*symSize
		nameOff, value, size := p.u32(e), p.u32(e+4), p.u32(e+8)
		info, shndx := p.data[e+12], p.u16(e+14)
		if nameOff != 0 && nameOff >= uint32(len(strs)) {
			return nil, errorf(BadSymbols, "symbol %d's name offset 0x%x is outside the string table (0x%x bytes)",
				k, nameOff, len(strs))
		}
		raw := ""
		if nameOff < uint32(len(strs)) {
			raw = strs[nameOff:]
			if z := strings.IndexByte(raw, 0); z >= 0 {
				raw = raw[:z]
			}
		}
		typ, bind := elf.ST_TYPE(info), elf.ST_BIND(info)
		if shndx == uint16(elf.SHN_UNDEF) || raw == "" || typ == elf.STT_SECTION || typ == elf.STT_FILE {
			continue
		}
		if kind, ok := isMapping(raw); ok {
			maps = append(maps, mapSym{addr: value, shndx: shndx, kind: kind, order: k})
			continue
		}
		switch typ {
		case elf.STT_FUNC, elf.STT_OBJECT:
		case elf.STT_NOTYPE:
			if shndx == uint16(elf.SHN_ABS) {
				continue // linker-script constants such as _Min_Stack_Size
			}
		default:
			continue // TLS, IFUNC, COMMON, OS/processor-specific
		}
		s := Symbol{
			Raw: raw, Name: raw, Addr: value, Size: size,
			Func:   typ == elf.STT_FUNC,
			Object: typ == elf.STT_OBJECT,
			Global: bind == elf.STB_GLOBAL || bind == elf.STB_WEAK,
		}
		if s.Func && value&1 != 0 {
			s.Thumb = true
			s.Addr = value &^ 1
		}
		if p.opts.Demangle != nil && budget > 0 {
			s.Name = p.opts.Demangle(raw)
			budget -= len(s.Name)
		}
		syms = append(syms, symRank{s, k})
	}
	t.build(syms, maps, secs)
	return t, nil
}

func rank(s *Symbol) int {
	r := 0
	switch {
	case s.Func:
		r = 4
	case s.Object:
		r = 2
	}
	if s.Size > 0 {
		r++
	}
	return r
}

func (t *SymbolTable) build(syms []symRank, maps []mapSym, secs []section) {
	sort.SliceStable(syms, func(a, b int) bool {
		x, y := &syms[a], &syms[b]
		if x.Addr != y.Addr {
			return x.Addr < y.Addr
		}
		if rx, ry := rank(&x.Symbol), rank(&y.Symbol); rx != ry {
			return rx > ry
		}
		if x.Global != y.Global {
			return x.Global
		}
		if x.Raw != y.Raw {
			return x.Raw < y.Raw
		}
		return x.order < y.order
	})
	t.syms = make([]Symbol, len(syms))
	t.maxEnd = make([]uint64, len(syms))
	var end uint64
	for i := range syms {
		t.syms[i] = syms[i].Symbol
		if e := uint64(syms[i].Addr) + uint64(syms[i].Size); syms[i].Size > 0 && e > end {
			end = e
		}
		t.maxEnd[i] = end
	}
	t.byRaw = t.index(func(s *Symbol) string { return s.Raw })
	t.byName = t.index(func(s *Symbol) string { return s.Name })
	t.maps = mappingRanges(maps, secs)
}

// index returns symbol indexes sorted by key, then global first, then table
// order (address).
func (t *SymbolTable) index(key func(*Symbol) string) []int32 {
	idx := make([]int32, len(t.syms))
	for i := range idx {
		idx[i] = int32(i)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &t.syms[idx[a]], &t.syms[idx[b]]
		if kx, ky := key(x), key(y); kx != ky {
			return kx < ky
		}
		if x.Global != y.Global {
			return x.Global
		}
		return idx[a] < idx[b]
	})
	return idx
}

// mappingRanges turns mapping symbols into ranges: each runs to the next
// mapping symbol of its section, or to the section's end. At one address
// the mapping symbol that comes later in .symtab wins.
func mappingRanges(maps []mapSym, secs []section) []MappingRange {
	// Keep only mapping symbols inside a real section: only those have a
	// known end.
	valid := maps[:0]
	for _, m := range maps {
		if int(m.shndx) >= len(secs) || m.shndx >= uint16(elf.SHN_LORESERVE) {
			continue
		}
		sec := secs[m.shndx]
		if m.addr < sec.addr || uint64(m.addr) >= uint64(sec.addr)+uint64(sec.size) {
			continue
		}
		valid = append(valid, m)
	}
	maps = valid
	sort.SliceStable(maps, func(a, b int) bool {
		x, y := maps[a], maps[b]
		if x.shndx != y.shndx {
			return x.shndx < y.shndx
		}
		if x.addr != y.addr {
			return x.addr < y.addr
		}
		return x.order < y.order
	})
	var out []MappingRange
	for i, m := range maps {
		next := i+1 < len(maps) && maps[i+1].shndx == m.shndx
		if next && maps[i+1].addr == m.addr {
			continue // superseded at the same address
		}
		sec := secs[m.shndx]
		end := uint64(sec.addr) + uint64(sec.size)
		if next {
			end = uint64(maps[i+1].addr)
		}
		if end > 1<<32-1 {
			end = 1<<32 - 1 // a range ending at 4 GiB loses its last byte
		}
		if end <= uint64(m.addr) {
			continue
		}
		out = append(out, MappingRange{Start: m.addr, End: uint32(end), Kind: m.kind})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

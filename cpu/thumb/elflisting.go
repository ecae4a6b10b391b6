package thumb

import (
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// ListELF writes every executable section of an ELF as GNU objdump -d prints it, from
// the "Disassembly of section" headings on: symbols chosen as objdump chooses them,
// "$d" mapping ranges printed as data, IT state tracked.
func ListELF(f *elf.File, w io.Writer) error {
	esyms, err := f.Symbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return err
	}
	var syms []Symbol
	type mapSym struct {
		addr uint32
		data bool
	}
	maps := map[string][]mapSym{} // section -> mapping symbols
	for _, s := range esyms {
		typ, bind := elf.ST_TYPE(s.Info), elf.ST_BIND(s.Info)
		if typ == elf.STT_SECTION || typ == elf.STT_FILE || s.Section == elf.SHN_UNDEF || s.Section == elf.SHN_COMMON {
			continue
		}
		sec := ""
		if s.Section < elf.SectionIndex(len(f.Sections)) {
			sec = f.Sections[s.Section].Name
		}
		if s.Name == "$t" || s.Name == "$d" || strings.HasPrefix(s.Name, "$t.") || strings.HasPrefix(s.Name, "$d.") {
			maps[sec] = append(maps[sec], mapSym{uint32(s.Value), s.Name[1] == 'd'})
			continue
		}
		y := Symbol{Name: s.Name, Addr: uint32(s.Value), Size: uint32(s.Size), Section: sec,
			Func: typ == elf.STT_FUNC, Object: typ == elf.STT_OBJECT}
		if y.Func {
			y.Addr &^= 1 // the Thumb bit
		}
		switch bind {
		case elf.STB_GLOBAL:
			y.Bind = SymGlobal
		case elf.STB_WEAK:
			y.Bind = SymWeak
		}
		syms = append(syms, y)
	}
	for _, sec := range f.Sections {
		if sec.Type != elf.SHT_PROGBITS || sec.Flags&elf.SHF_EXECINSTR == 0 || sec.Flags&elf.SHF_ALLOC == 0 {
			continue
		}
		code, err := sec.Data()
		if err != nil {
			return err
		}
		ms := maps[sec.Name]
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].addr < ms[j].addr })
		isData := func(a uint32) bool {
			i := sort.Search(len(ms), func(i int) bool { return ms[i].addr > a })
			return i > 0 && ms[i-1].data
		}
		if _, err := fmt.Fprintf(w, "\nDisassembly of section %s:\n", sec.Name); err != nil {
			return err
		}
		mapStart := func(a uint32) bool {
			i := sort.Search(len(ms), func(i int) bool { return ms[i].addr >= a })
			return i < len(ms) && ms[i].addr == a
		}
		if err := listing(code, uint32(sec.Addr), isData, mapStart, NewSymbols(syms, sec.Name), w); err != nil {
			return err
		}
	}
	return nil
}

package loader

import (
	"debug/elf"
	goparser "go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestSymbolsTiny(t *testing.T) {
	opts := f769Opts
	opts.Demangle = func(s string) string {
		// A stand-in for demangle.Name: the loader must only apply the hook.
		if s == "_ZN3app4main17h0123456789abcdefE" {
			return "app::main"
		}
		return s
	}
	img, err := Parse(tinyFirmware(0x08000000).Bytes(), opts)
	if err != nil {
		t.Fatal(err)
	}
	st := img.Symbols
	// Mapping, file, section, undefined and absolute NOTYPE symbols are
	// left out; the rest sorted by address, global before local.
	want := []Symbol{
		{Name: "vector_table", Raw: "vector_table", Addr: 0x08000000, Size: 8, Object: true, Global: true},
		{Name: "Reset_Handler", Raw: "Reset_Handler", Addr: 0x08000008, Size: 4, Func: true, Thumb: true, Global: true},
		{Name: "app::main", Raw: "_ZN3app4main17h0123456789abcdefE", Addr: 0x08000008, Size: 4, Func: true, Thumb: true},
		{Name: "counter", Raw: "counter", Addr: 0x20000000, Size: 4, Object: true, Global: true},
	}
	all := st.All()
	if len(all) != len(want) {
		t.Fatalf("All() = %+v\nwant %+v", all, want)
	}
	for i := range want {
		if all[i] != want[i] {
			t.Errorf("All()[%d] = %+v, want %+v", i, all[i], want[i])
		}
	}
	lookups := []struct {
		addr uint32
		name string
		off  uint32
	}{
		{0x08000000, "vector_table", 0},
		{0x08000004, "vector_table", 4},
		{0x08000008, "Reset_Handler", 0},
		{0x0800000a, "Reset_Handler", 2},
		{0x0800000c, "", 0}, // past Reset_Handler's size, no unsized symbol before it
		{0x07fffffc, "", 0},
		{0x20000003, "counter", 3},
	}
	for _, l := range lookups {
		s, off, ok := st.Lookup(l.addr)
		if ok != (l.name != "") || s.Name != l.name || off != l.off {
			t.Errorf("Lookup(%#x) = %q+%#x, %v; want %q+%#x", l.addr, s.Name, off, ok, l.name, l.off)
		}
	}
	for _, n := range []string{"app::main", "_ZN3app4main17h0123456789abcdefE"} {
		if s, ok := st.ByName(n); !ok || s.Addr != 0x08000008 || s.Name != "app::main" {
			t.Errorf("ByName(%q) = %+v, %v", n, s, ok)
		}
	}
	for _, n := range []string{"$t", "main.c", "_Min_Stack_Size", "undefined_weak", "nope"} {
		if s, ok := st.ByName(n); ok {
			t.Errorf("ByName(%q) found %+v", n, s)
		}
	}
	// Mapping symbols: $d (vectors), $t (code), $d.pool (literal) in a
	// 16-byte .text section.
	wantMaps := []MappingRange{
		{0x08000000, 0x08000008, MapData},
		{0x08000008, 0x0800000c, MapThumb},
		{0x0800000c, 0x08000010, MapData},
	}
	maps := st.MappingRanges()
	if len(maps) != len(wantMaps) {
		t.Fatalf("MappingRanges() = %+v", maps)
	}
	for i := range maps {
		if maps[i] != wantMaps[i] {
			t.Errorf("MappingRanges()[%d] = %+v, want %+v", i, maps[i], wantMaps[i])
		}
	}
	for _, c := range []struct {
		addr uint32
		kind MappingKind
		ok   bool
	}{
		{0x08000004, MapData, true}, {0x0800000a, MapThumb, true}, {0x0800000f, MapData, true},
		{0x08000010, 0, false}, {0x07ffffff, 0, false},
	} {
		k, ok := st.Mapping(c.addr)
		if k != c.kind || ok != c.ok {
			t.Errorf("Mapping(%#x) = %v, %v; want %v, %v", c.addr, k, ok, c.kind, c.ok)
		}
	}
	if !st.IsData(0x0800000c) || st.IsData(0x08000008) {
		t.Error("IsData wrong around the literal pool")
	}
	if MapThumb.String() != "$t" || MapData.String() != "$d" || MapARM.String() != "$a" {
		t.Error("MappingKind.String")
	}
}

func TestLookupRules(t *testing.T) {
	b := tinyFirmware(0x08000000)
	fn := func(name string, v, size uint32) bSym {
		return bSym{Name: name, Value: v | 1, Size: size, Type: elf.STT_FUNC, Bind: elf.STB_GLOBAL, Sec: 0}
	}
	label := func(name string, v uint32) bSym {
		return bSym{Name: name, Value: v, Type: elf.STT_NOTYPE, Bind: elf.STB_LOCAL, Sec: 0}
	}
	b.Syms = []bSym{
		fn("outer", 0x100, 0x100),
		fn("inner", 0x140, 0x10),
		label("inside_label", 0x180),
		fn("after", 0x300, 0x10),
		label("tail", 0x310),
		{Name: "table", Value: 0x1000, Size: 0x100, Type: elf.STT_OBJECT, Bind: elf.STB_GLOBAL, Sec: 0},
		fn("at_table", 0x1000, 0x10),
		{Name: "helper", Value: 0x2000, Size: 4, Type: elf.STT_FUNC, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "helper", Value: 0x1800, Size: 4, Type: elf.STT_FUNC, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "dup", Value: 0x2100, Size: 4, Type: elf.STT_FUNC, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "dup", Value: 0x2200, Size: 4, Type: elf.STT_FUNC, Bind: elf.STB_GLOBAL, Sec: 0},
		fn("zero_size_fn", 0x3000, 0),
	}
	img, err := Parse(b.Bytes(), f769Opts)
	if err != nil {
		t.Fatal(err)
	}
	st := img.Symbols
	for _, l := range []struct {
		addr uint32
		name string
		off  uint32
	}{
		{0x0ff, "", 0},
		{0x100, "outer", 0},
		{0x148, "inner", 8},     // innermost sized symbol wins
		{0x150, "outer", 0x50},  // inner has ended
		{0x184, "outer", 0x84},  // a sized container beats an unsized label
		{0x30c, "after", 0xc},   // inside a sized function
		{0x318, "tail", 8},      // after it ended: the nearest unsized label
		{0x1004, "at_table", 4}, // a function beats an object at the same address
		{0x1050, "table", 0x50},
		{0x3000, "zero_size_fn", 0},
		{0x3456, "zero_size_fn", 0x456}, // size 0: nearest preceding
	} {
		s, off, ok := st.Lookup(l.addr)
		if ok != (l.name != "") || s.Name != l.name || off != l.off {
			t.Errorf("Lookup(%#x) = %q+%#x, %v; want %q+%#x", l.addr, s.Name, off, ok, l.name, l.off)
		}
	}
	if s, ok := st.ByName("helper"); !ok || s.Addr != 0x1800 {
		t.Errorf("ByName(helper) = %+v: want the lower-address local", s)
	}
	if s, ok := st.ByName("dup"); !ok || s.Addr != 0x2200 || !s.Global {
		t.Errorf("ByName(dup) = %+v: want the global one", s)
	}
	if s, _ := st.ByName("at_table"); !s.Thumb || s.Addr != 0x1000 {
		t.Errorf("Thumb bit not cleared: %+v", s)
	}
	if s, _ := st.ByName("table"); s.Thumb || s.Addr != 0x1000 {
		t.Errorf("object: %+v", s)
	}
}

func TestMappingSameAddress(t *testing.T) {
	// When two mapping symbols share an address, the later one in .symtab
	// wins (it is the state from that address on).
	b := tinyFirmware(0x08000000)
	b.Syms = []bSym{
		{Name: "$t", Value: 0x08000008, Sec: 0},
		{Name: "$d", Value: 0x08000008, Sec: 0},
		{Name: "$a", Value: 0x0800000c, Sec: 0},
		{Name: "$x", Value: 0x0800000e, Sec: 0}, // not an AArch32 mapping symbol: a plain label
		{Name: "$d", Value: 0x09000000, Sec: 0}, // outside its section: ignored
	}
	img, err := Parse(b.Bytes(), f769Opts)
	if err != nil {
		t.Fatal(err)
	}
	got := img.Symbols.MappingRanges()
	want := []MappingRange{{0x08000008, 0x0800000c, MapData}, {0x0800000c, 0x08000010, MapARM}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("MappingRanges = %+v, want %+v", got, want)
	}
	if s, ok := img.Symbols.ByName("$x"); !ok || s.Addr != 0x0800000e {
		t.Errorf("$x should be an ordinary symbol: %+v %v", s, ok)
	}
}

func TestDemangleBudget(t *testing.T) {
	b := tinyFirmware(0x08000000)
	calls := 0
	opts := f769Opts
	opts.Demangle = func(s string) string { calls++; return strings.Repeat("x", 1<<20) }
	img, err := Parse(b.Bytes(), opts)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range img.Symbols.All() {
		if s.Name != s.Raw {
			n++
		}
	}
	// Budget is 16*len(file) + 1 MiB: two 1 MiB names exhaust it.
	if calls != 2 || n != 2 {
		t.Errorf("hook called %d times, %d names demangled; want 2, 2", calls, n)
	}
}

func TestNilSymbolTable(t *testing.T) {
	var st *SymbolTable
	if st.Len() != 0 || st.All() != nil || st.MappingRanges() != nil || st.IsData(0) {
		t.Error("nil table not empty")
	}
	if _, _, ok := st.Lookup(0); ok {
		t.Error("nil Lookup")
	}
	if _, ok := st.ByName("x"); ok {
		t.Error("nil ByName")
	}
}

// TestStdlibOnly checks the core-package rule: loader imports only the
// standard library.
func TestStdlibOnly(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := goparser.ParseFile(fset, f, nil, goparser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") || strings.HasPrefix(p, "m7emu") {
				t.Errorf("%s imports %s: loader must use only the standard library", f, p)
			}
		}
	}
}

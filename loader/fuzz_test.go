package loader

import (
	"debug/elf"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the seed files in testdata/fuzz/FuzzParse")

// fuzzSeeds returns named seed inputs: valid tiny ELFs and damaged copies.
func fuzzSeeds() []struct {
	name string
	data []byte
} {
	type seed = struct {
		name string
		data []byte
	}
	var seeds []seed
	add := func(name string, d []byte) { seeds = append(seeds, seed{name, d}) }

	tiny, lay := tinyFirmware(0x08000000).Build()
	add("tiny", tiny)
	add("tiny-alias", tinyFirmware(0x00200000).Bytes())
	soft := tinyFirmware(0x08000000)
	soft.Flags = 0x05000200
	add("tiny-softfloat", soft.Bytes())
	ram := newBuilder()
	ram.Segs = []bSeg{{Flags: elf.PF_R | elf.PF_W | elf.PF_X, Data: le32(0x00400000, 0x41, 0xe7fe2001), MemSz: 0x40}}
	add("ram-nosections", func() []byte { ram.NoSections = true; return ram.Bytes() }())
	for _, n := range []int{3, 16, 51, 52, int(lay.segOff[0]) + 6, int(lay.symtabOff) + 20, len(tiny) - 1} {
		add(fmt.Sprintf("trunc-%d", n), append([]byte(nil), tiny[:n]...))
	}
	corrupt := func(name string, f func(d []byte)) {
		d := append([]byte(nil), tiny...)
		f(d)
		add(name, d)
	}
	corrupt("phnum-huge", func(d []byte) { set16(d, 44, 0xfff0) })
	corrupt("shnum-extended", func(d []byte) { set16(d, 48, 0); set32(d, lay.shoff+20, 0xffffffff) })
	corrupt("filesz-gt-memsz", func(d []byte) { set32(d, lay.phoff+phdrSize+20, 1) })
	corrupt("overlap", func(d []byte) { set32(d, lay.phoff+phdrSize+12, 0x08000004) })
	corrupt("outside", func(d []byte) { set32(d, lay.phoff+12, 0x30000000) })
	corrupt("reset-even", func(d []byte) { set32(d, lay.segOff[0]+4, 0x08000008) })
	corrupt("symtab-link", func(d []byte) { set32(d, lay.shoff+uint32(lay.symtabSec)*shdrSize+24, 0) })
	corrupt("symname-range", func(d []byte) { set32(d, lay.symtabOff+symSize, 0xffffff) })
	corrupt("class64", func(d []byte) { d[elf.EI_CLASS] = byte(elf.ELFCLASS64) })
	corrupt("x86", func(d []byte) { set16(d, 18, uint16(elf.EM_386)) })
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{f769Opts, mps2Opts, {BootAddr: 0x08000000}} {
			img, err := Parse(data, opts)
			checkResult(t, opts, img, err)
		}
	})
}

// checkResult asserts the Parse contract independently of the parser's
// own helpers.
func checkResult(t *testing.T, opts Options, img *Image, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T is not *loader.Error: %v", err, err)
		}
		if e.Kind < NotELF || e.Kind >= Internal || e.Msg == "" || img != nil {
			t.Fatalf("bad error %v (kind %d, img %v)", err, e.Kind, img != nil)
		}
		return
	}
	if img == nil || len(img.Segments) == 0 || img.Symbols == nil {
		t.Fatal("nil image or no segments without an error")
	}
	phys := func(a uint32) uint32 {
		for _, al := range opts.Aliases {
			if a >= al.From && uint64(a) < uint64(al.From)+uint64(al.Size) {
				return al.To + (a - al.From)
			}
		}
		return a
	}
	var prevEnd uint64
	for i, s := range img.Segments {
		end := uint64(s.Phys) + uint64(s.MemSize)
		if s.MemSize == 0 || uint64(len(s.Data)) > uint64(s.MemSize) || end > 1<<32 {
			t.Fatalf("segment %d: len %d MemSize %d Phys %#x", i, len(s.Data), s.MemSize, s.Phys)
		}
		if s.Phys != phys(s.Addr) {
			t.Fatalf("segment %d: Phys %#x, want %#x", i, s.Phys, phys(s.Addr))
		}
		if i > 0 && uint64(s.Phys) < prevEnd {
			t.Fatalf("segment %d at %#x overlaps or is unsorted (previous ends at %#x)", i, s.Phys, prevEnd)
		}
		prevEnd = end
		if len(opts.Regions) > 0 {
			in := false
			for _, r := range opts.Regions {
				if s.Phys >= r.Base && end <= uint64(r.Base)+uint64(r.Size) {
					in = true
				}
			}
			if !in {
				t.Fatalf("segment %d [%#x, +%#x) is outside the regions", i, s.Phys, s.MemSize)
			}
		}
	}
	if sp, ok := img.Read32(opts.BootAddr); !ok || sp != img.InitialSP || sp&3 != 0 {
		t.Fatalf("initial SP %#x, Read32 = %#x %v", img.InitialSP, sp, ok)
	}
	if pc, ok := img.Read32(opts.BootAddr + 4); !ok || pc != img.ResetPC || pc&1 == 0 {
		t.Fatalf("reset PC %#x, Read32 = %#x %v", img.ResetPC, pc, ok)
	}
	st := img.Symbols
	all := st.All()
	if !sort.SliceIsSorted(all, func(a, b int) bool { return all[a].Addr < all[b].Addr }) {
		t.Fatal("symbols not sorted by address")
	}
	for i, s := range all {
		if s.Raw == "" {
			t.Fatalf("symbol %d has no name", i)
		}
		if got, ok := st.ByName(s.Raw); !ok || got.Raw != s.Raw {
			t.Fatalf("ByName(%q) = %+v, %v", s.Raw, got, ok)
		}
		for _, a := range []uint32{s.Addr, s.Addr + s.Size/2, s.Addr + s.Size} {
			got, off, ok := st.Lookup(a)
			if ok && (got.Addr > a || off != a-got.Addr) {
				t.Fatalf("Lookup(%#x) = %+v+%#x", a, got, off)
			}
			if a == s.Addr && s.Size > 0 && !ok {
				t.Fatalf("Lookup(%#x) found nothing, but %q starts there", a, s.Raw)
			}
		}
		if i > 16 {
			break
		}
	}
	maps := st.MappingRanges()
	for i, m := range maps {
		if m.Start >= m.End || (i > 0 && m.Start < maps[i-1].Start) {
			t.Fatalf("bad mapping range %d: %+v", i, m)
		}
		if k, ok := st.Mapping(m.Start); !ok || (k != m.Kind && (i+1 == len(maps) || maps[i+1].Start != m.Start)) {
			t.Fatalf("Mapping(%#x) = %v %v, want %v", m.Start, k, ok, m.Kind)
		}
	}
}

// TestSeedCorpus writes (with -update-corpus) or checks the committed seed
// files in testdata/fuzz/FuzzParse, and checks that the valid seeds parse.
func TestSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzParse")
	for _, s := range fuzzSeeds() {
		path := filepath.Join(dir, "seed-"+s.name)
		content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s.data)
		if *updateCorpus {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, []byte(content))
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("missing seed file (run go test -run TestSeedCorpus -update-corpus): %v", err)
		} else if string(got) != content {
			t.Errorf("%s is stale (run go test -run TestSeedCorpus -update-corpus)", path)
		}
	}
	for _, name := range []string{"tiny", "tiny-alias", "tiny-softfloat"} {
		for _, s := range fuzzSeeds() {
			if s.name == name {
				if _, err := Parse(s.data, f769Opts); err != nil {
					t.Errorf("seed %s: %v", name, err)
				}
			}
		}
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

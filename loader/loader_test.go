package loader

import (
	"debug/elf"
	"encoding/binary"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func set16(b []byte, off uint32, v uint16) { binary.LittleEndian.PutUint16(b[off:], v) }
func set32(b []byte, off uint32, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }

func TestParseTiny(t *testing.T) {
	img, err := Parse(tinyFirmware(0x08000000).Bytes(), f769Opts)
	if err != nil {
		t.Fatal(err)
	}
	if img.InitialSP != 0x20080000 || img.ResetPC != 0x08000009 {
		t.Errorf("SP, PC = %#x, %#x; want 0x20080000, 0x08000009", img.InitialSP, img.ResetPC)
	}
	if img.VectorAddr != 0x08000000 || img.Entry != 0x08000009 || !img.HardFloat || img.Flags != 0x05000400 {
		t.Errorf("VectorAddr %#x Entry %#x HardFloat %v Flags %#x", img.VectorAddr, img.Entry, img.HardFloat, img.Flags)
	}
	// .text at its address, .data at its LMA (not its VMA 0x20000000) with
	// only its file bytes, .bss (file size 0) skipped.
	want := []struct {
		idx              int
		addr, vaddr, mem uint32
		n                int
		flags            elf.ProgFlag
	}{
		{0, 0x08000000, 0x08000000, 16, 16, elf.PF_R | elf.PF_X},
		{1, 0x08000010, 0x20000000, 4, 4, elf.PF_R | elf.PF_W},
	}
	if len(img.Segments) != len(want) {
		t.Fatalf("got %d segments, want %d: %+v", len(img.Segments), len(want), img.Segments)
	}
	for i, w := range want {
		s := img.Segments[i]
		if s.Index != w.idx || s.Addr != w.addr || s.Phys != w.addr || s.VAddr != w.vaddr || s.MemSize != w.mem ||
			len(s.Data) != w.n || s.Flags != w.flags {
			t.Errorf("segment %d = {idx %d addr %#x phys %#x vaddr %#x mem %#x len %d flags %v}, want %+v",
				i, s.Index, s.Addr, s.Phys, s.VAddr, s.MemSize, len(s.Data), s.Flags, w)
		}
	}
	if v, ok := img.Read32(0x08000010); !ok || v != 0x12345678 {
		t.Errorf("Read32(.data LMA) = %#x, %v", v, ok)
	}
	if v, ok := img.Read32(0x0020000c); !ok || v != 0xdeadbeef {
		t.Errorf("Read32 through alias = %#x, %v", v, ok)
	}
	if _, ok := img.Read32(0x08000012); ok {
		t.Error("Read32 past the end of the last segment succeeded")
	}
}

func TestParseAliasAndFloat(t *testing.T) {
	// Linked at the ITCM alias of flash, booted from 0x08000000.
	b := tinyFirmware(0x00200000)
	b.Flags = 0x05000200 // EF_ARM_ABI_FLOAT_SOFT: thumbv7em-none-eabi
	img, err := Parse(b.Bytes(), f769Opts)
	if err != nil {
		t.Fatal(err)
	}
	if img.HardFloat {
		t.Error("soft-float ELF reported as hard-float")
	}
	s := img.Segments[0]
	if s.Addr != 0x00200000 || s.Phys != 0x08000000 {
		t.Errorf("segment 0 Addr %#x Phys %#x, want 0x00200000 0x08000000", s.Addr, s.Phys)
	}
	if img.VectorAddr != 0x00200000 || img.ResetPC != 0x00200009 {
		t.Errorf("VectorAddr %#x ResetPC %#x", img.VectorAddr, img.ResetPC)
	}

	// Linked at 0x08000000, boot address given as the alias.
	opts := f769Opts
	opts.BootAddr = 0x00200000
	img, err = Parse(tinyFirmware(0x08000000).Bytes(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if img.VectorAddr != 0x08000000 || img.InitialSP != 0x20080000 {
		t.Errorf("VectorAddr %#x SP %#x", img.VectorAddr, img.InitialSP)
	}
}

func TestParseRAMImage(t *testing.T) {
	// mps2-style: everything in RAM at address 0, a segment whose memsz
	// exceeds its filesz at the same VMA/LMA is zero-filled up to memsz.
	b := newBuilder()
	b.Segs = []bSeg{{Flags: elf.PF_R | elf.PF_W | elf.PF_X, Data: le32(0x00400000, 0x41, 0xe7fe2001), MemSz: 0x40}}
	img, err := Parse(b.Bytes(), mps2Opts)
	if err != nil {
		t.Fatal(err)
	}
	if img.Segments[0].MemSize != 0x40 || len(img.Segments[0].Data) != 12 {
		t.Errorf("MemSize %#x len %d", img.Segments[0].MemSize, len(img.Segments[0].Data))
	}
	if v, ok := img.Read32(0x3c); !ok || v != 0 {
		t.Errorf("Read32 in the zero-filled tail = %#x, %v; want 0, true", v, ok)
	}
	if _, ok := img.Read32(0x3e); ok {
		t.Error("Read32 straddling the end of memsz succeeded")
	}
	if img.Symbols.Len() != 0 {
		t.Errorf("%d symbols, want 0", img.Symbols.Len())
	}
	// No section headers at all: still loads, with an empty symbol table.
	b.NoSections = true
	img, err = Parse(b.Bytes(), mps2Opts)
	if err != nil || img.Symbols.Len() != 0 {
		t.Fatalf("no sections: %v", err)
	}
	if _, _, ok := img.Symbols.Lookup(8); ok {
		t.Error("Lookup in empty table succeeded")
	}
}

func TestParseNoRegions(t *testing.T) {
	b := tinyFirmware(0x60000000)
	opts := Options{BootAddr: 0x60000000}
	if _, err := Parse(b.Bytes(), opts); err != nil {
		t.Fatalf("no regions configured: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tiny := func() ([]byte, layout) { return tinyFirmware(0x08000000).Build() }
	mod := func(f func(b *elfBuilder)) func() []byte {
		return func() []byte { b := tinyFirmware(0x08000000); f(b); return b.Bytes() }
	}
	patch := func(f func(d []byte, l layout)) func() []byte {
		return func() []byte { d, l := tiny(); f(d, l); return d }
	}
	cut := func(f func(d []byte, l layout) int) func() []byte {
		return func() []byte { d, l := tiny(); return d[:f(d, l)] }
	}
	shdr := func(l layout, i int) uint32 { return l.shoff + uint32(i)*shdrSize }
	tests := []struct {
		name string
		data func() []byte
		opts *Options
		kind ErrorKind
		msg  string // substring of the message
	}{
		{"empty", func() []byte { return nil }, nil, NotELF, "empty"},
		{"pe", func() []byte { return []byte("MZ\x90\x00\x03\x00\x00\x00") }, nil, NotELF, "4d 5a 90 00"},
		{"ihex", func() []byte { return []byte(":020000040800F2\n") }, nil, NotELF, "Intel HEX"},
		{"short garbage", func() []byte { return []byte("ab") }, nil, NotELF, ""},
		{"magic prefix", func() []byte { return []byte{0x7f, 'E', 'L'} }, nil, Truncated, "3 bytes"},
		{"short ident", cut(func([]byte, layout) int { return 10 }), nil, Truncated, "10 bytes"},
		{"short header", cut(func([]byte, layout) int { return 40 }), nil, Truncated, "52-byte"},
		{"class64", mod(func(b *elfBuilder) { b.Class = elf.ELFCLASS64 }), nil, BadClass, "ELFCLASS64 (64-bit)"},
		{"class none", mod(func(b *elfBuilder) { b.Class = elf.ELFCLASSNONE }), nil, BadClass, "ELFCLASSNONE"},
		{"big endian", mod(func(b *elfBuilder) { b.Data = elf.ELFDATA2MSB }), nil, BadEndian, "big-endian"},
		{"ident version", mod(func(b *elfBuilder) { b.Version = 2 }), nil, BadVersion, "version 2"},
		{"e_version", patch(func(d []byte, l layout) { set32(d, 20, 0) }), nil, BadVersion, "e_version 0"},
		{"object file", mod(func(b *elfBuilder) { b.Type = elf.ET_REL }), nil, BadType, "ET_REL"},
		{"core file", mod(func(b *elfBuilder) { b.Type = elf.ET_CORE }), nil, BadType, "ET_CORE"},
		{"x86-64", mod(func(b *elfBuilder) { b.Machine = elf.EM_X86_64 }), nil, BadMachine, "EM_X86_64"},
		{"riscv", mod(func(b *elfBuilder) { b.Machine = elf.EM_RISCV }), nil, BadMachine, "EM_RISCV"},
		{"ehsize", patch(func(d []byte, l layout) { set16(d, 40, 20) }), nil, BadHeader, "e_ehsize"},
		{"phentsize", patch(func(d []byte, l layout) { set16(d, 42, 16) }), nil, BadHeader, "entry size is 16"},
		{"phdrs past end", patch(func(d []byte, l layout) { set32(d, 28, uint32(len(d)-40)) }), nil, Truncated, "program header table"},
		{"segment data cut", cut(func(d []byte, l layout) int { return int(l.segOff[0]) + 4 }), nil, Truncated, "segment 0's file data"},
		{"section headers cut", cut(func(d []byte, l layout) int { return len(d) - 10 }), nil, Truncated, "section header table"},
		{"PN_XNUM", patch(func(d []byte, l layout) { set16(d, 44, 0xffff) }), nil, TooLarge, "PN_XNUM"},
		{"phnum huge", patch(func(d []byte, l layout) { set16(d, 44, 0xfff0) }), nil, TooLarge, "65520 entries"},
		{"shnum huge", patch(func(d []byte, l layout) { set16(d, 48, 0xfeff) }), nil, TooLarge, "section header table has 65279"},
		{"extended shnum", patch(func(d []byte, l layout) { set16(d, 48, 0); set32(d, l.shoff+20, 0xffffffff) }), nil, TooLarge, "4294967295 entries"},
		{"memsz huge", mod(func(b *elfBuilder) { b.Segs[0].MemSz = 0x10000000 }), nil, TooLarge, "larger than the largest memory region (flash"},
		{"filesz > memsz", mod(func(b *elfBuilder) { b.Segs[1].MemSz = 2 }), nil, BadSegment, "segment 1 has p_filesz 0x4 larger than p_memsz 0x2"},
		{"filesz huge", mod(func(b *elfBuilder) { b.Segs[1].FileSz, b.Segs[1].MemSz = 0x1000, 0x1000 }), nil, Truncated, "segment 1's file data"},
		{"no phdrs", mod(func(b *elfBuilder) { b.Segs = nil; b.Syms = nil }), nil, NoSegments, "no program headers"},
		{"only note", mod(func(b *elfBuilder) { b.Segs = b.Segs[:1]; b.Segs[0].Type = elf.PT_NOTE; b.Syms = nil }), nil, NoSegments, "no PT_LOAD"},
		{"only bss", mod(func(b *elfBuilder) { b.Segs = b.Segs[2:]; b.Syms = nil }), nil, NoSegments, "no PT_LOAD"},
		{"outside", mod(func(b *elfBuilder) { b.Segs[1].PAddr = 0x30000000 }), nil, SegmentOutside,
			"segment 1 [0x30000000, +0x4) is outside the target's memory (itcm 0x00000000..0x00004000, flash 0x08000000..0x08200000, ram 0x20000000..0x20080000, bkpsram 0x40024000..0x40025000, alias 0x00200000..0x00400000 of 0x08000000)"},
		{"past flash end", mod(func(b *elfBuilder) { b.Segs[1].PAddr = 0x081ffffe }), nil, SegmentOutside, "starts in flash but runs past its end (0x08200000)"},
		{"past alias end", mod(func(b *elfBuilder) { b.Segs[1].PAddr = 0x003ffffe }), nil, SegmentOutside, "starts in the alias at 0x00200000"},
		{"ram bss tail outside", mod(func(b *elfBuilder) {
			b.Segs[1].VAddr, b.Segs[1].PAddr, b.Segs[1].MemSz = 0x2007fff0, 0x2007fff0, 0x20
		}), nil, SegmentOutside, "starts in ram"},
		{"wraps", mod(func(b *elfBuilder) { b.Segs[1].PAddr = 0xfffffffe }), &Options{BootAddr: 0x08000000}, SegmentOutside, "wraps"},
		{"overlap", mod(func(b *elfBuilder) { b.Segs[1].PAddr = 0x0800000c }), nil, SegmentOverlap,
			"segment 0 [0x08000000, +0x10) and segment 1 [0x0800000c, +0x4) overlap"},
		{"overlap via alias", mod(func(b *elfBuilder) { b.Segs[1].PAddr = 0x00200004 }), nil, SegmentOverlap, "segment 1 [0x00200004, +0x4)"},
		{"overlap memsz", mod(func(b *elfBuilder) {
			b.Segs[1].VAddr, b.Segs[1].PAddr = 0x20000000, 0x20000000
			b.Segs = append(b.Segs, bSeg{VAddr: 0x20000080, PAddr: 0x20000080, Data: []byte{1}})
		}), nil, SegmentOverlap, "segment 1 [0x20000000, +0x100) and segment 3"},
		{"boot not covered", nil, &Options{Regions: f769Opts.Regions, BootAddr: 0x08100000}, NoVectorTable, "no segment covers the vector table at 0x08100000"},
		{"boot not covered alias note", nil, &Options{Regions: f769Opts.Regions, Aliases: f769Opts.Aliases, BootAddr: 0x08100000},
			NoVectorTable, "(or its alias 0x00300000)"},
		{"reset even", patch(func(d []byte, l layout) { set32(d, l.segOff[0]+4, 0x08000008) }), nil, NoVectorTable, "lacks the Thumb bit"},
		{"reset zero", patch(func(d []byte, l layout) { set32(d, l.segOff[0]+4, 0) }), nil, NoVectorTable, "lacks the Thumb bit"},
		{"reset outside", patch(func(d []byte, l layout) { set32(d, l.segOff[0]+4, 0x30000001) }), nil, NoVectorTable, "0x30000001, outside"},
		{"sp misaligned", patch(func(d []byte, l layout) { set32(d, l.segOff[0], 0x20080002) }), nil, NoVectorTable, "not 4-byte aligned"},
		{"shentsize", patch(func(d []byte, l layout) { set16(d, 46, 20) }), nil, BadSections, "entry size is 20"},
		{"shnum without shoff", patch(func(d []byte, l layout) { set32(d, 32, 0) }), nil, BadSections, "e_shoff is 0"},
		{"symtab entsize", patch(func(d []byte, l layout) { set32(d, shdr(l, l.symtabSec)+36, 12) }), nil, BadSymbols, "entry size 12"},
		{"symtab size", patch(func(d []byte, l layout) {
			set32(d, shdr(l, l.symtabSec)+20, binary.LittleEndian.Uint32(d[shdr(l, l.symtabSec)+20:])-1)
		}), nil, BadSymbols, "ELF32 symbols are 16 bytes"},
		{"symtab link", patch(func(d []byte, l layout) { set32(d, shdr(l, l.symtabSec)+24, 1) }), nil, BadSymbols, "sh_link 1"},
		{"symtab link range", patch(func(d []byte, l layout) { set32(d, shdr(l, l.symtabSec)+24, 999) }), nil, BadSymbols, "sh_link 999"},
		{"symtab compressed", patch(func(d []byte, l layout) { set32(d, shdr(l, l.symtabSec)+8, uint32(elf.SHF_COMPRESSED)) }), nil, BadSymbols, "compressed"},
		{"symtab past end", patch(func(d []byte, l layout) { set32(d, shdr(l, l.symtabSec)+16, uint32(len(d)-16)) }), nil, Truncated, "symbol table"},
		{"strtab past end", patch(func(d []byte, l layout) { set32(d, shdr(l, l.symtabSec+1)+20, 0x7fffffff) }), nil, Truncated, "string table"},
		{"name offset", patch(func(d []byte, l layout) { set32(d, l.symtabOff+symSize, 0x10000) }), nil, BadSymbols, "symbol 1's name offset 0x10000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := f769Opts
			if tc.opts != nil {
				opts = *tc.opts
			}
			var data []byte
			if tc.data != nil {
				data = tc.data()
			} else {
				data, _ = tiny()
			}
			img, err := Parse(data, opts)
			if err == nil {
				t.Fatalf("Parse succeeded (%d segments), want %v", len(img.Segments), tc.kind)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *loader.Error", err, err)
			}
			if e.Kind != tc.kind {
				t.Fatalf("kind %v, want %v: %v", e.Kind, tc.kind, err)
			}
			if !errors.Is(err, &Error{Kind: tc.kind}) {
				t.Errorf("errors.Is does not match the kind")
			}
			if !strings.Contains(e.Error(), tc.msg) || !strings.HasPrefix(e.Error(), "loader: ") {
				t.Errorf("message %q does not contain %q", e.Error(), tc.msg)
			}
		})
	}
}

func TestErrorKindString(t *testing.T) {
	seen := map[string]ErrorKind{}
	for k := NotELF; k <= Internal; k++ {
		s := k.String()
		if s == "" || strings.HasPrefix(s, "ErrorKind(") {
			t.Errorf("kind %d has no name", int(k))
		}
		if o, dup := seen[s]; dup {
			t.Errorf("kinds %d and %d share the name %q", o, k, s)
		}
		seen[s] = k
	}
	if s := ErrorKind(0).String(); s != "ErrorKind(0)" {
		t.Errorf("ErrorKind(0) = %q", s)
	}
	if s := (Internal + 1).String(); !strings.HasPrefix(s, "ErrorKind(") {
		t.Errorf("out of range kind = %q", s)
	}
}

func TestParseFile(t *testing.T) {
	_, err := ParseFile(filepath.Join(t.TempDir(), "missing.elf"), f769Opts)
	var e *Error
	if !errors.As(err, &e) || e.Kind != FileError || e.Unwrap() == nil {
		t.Fatalf("missing file: %v", err)
	}
	p := filepath.Join(t.TempDir(), "bad.elf")
	writeFile(t, p, []byte("not an elf"))
	_, err = ParseFile(p, f769Opts)
	if !errors.As(err, &e) || e.Kind != NotELF || !strings.Contains(err.Error(), "loader: "+p+": not an ELF") {
		t.Fatalf("bad file: %v", err)
	}
	p = filepath.Join(t.TempDir(), "ok.elf")
	writeFile(t, p, tinyFirmware(0x08000000).Bytes())
	img, err := ParseFile(p, f769Opts)
	if err != nil || img.ResetPC != 0x08000009 {
		t.Fatalf("good file: %v", err)
	}
}

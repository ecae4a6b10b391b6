package loader

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
)

// A tiny ELF32 writer for tests. It lays out:
// ELF header | program headers | segment data | .symtab | .strtab | .shstrtab | section headers
// with one PROGBITS section per segment (section index = segment index + 1).

type bSeg struct {
	Type         elf.ProgType // 0 means PT_LOAD
	Flags        elf.ProgFlag
	VAddr, PAddr uint32
	Data         []byte
	MemSz        uint32 // 0 means len(Data)
	FileSz       uint32 // 0 means len(Data); lets tests lie about the size
	Name         string
}

const (
	secABS   = -1
	secUNDEF = -2
)

type bSym struct {
	Name        string
	Value, Size uint32
	Type        elf.SymType
	Bind        elf.SymBind
	Sec         int // segment index, or secABS / secUNDEF
}

type elfBuilder struct {
	Class      elf.Class
	Data       elf.Data
	Version    byte
	Machine    elf.Machine
	Type       elf.Type
	Flags      uint32
	Entry      uint32
	Segs       []bSeg
	Syms       []bSym
	NoSections bool
}

// layout records where things went, so tests can corrupt them.
type layout struct {
	phoff, shoff       uint32
	segOff             []uint32
	symtabOff, strtabO uint32
	symtabSec          int // section index of .symtab
}

func newBuilder() *elfBuilder {
	return &elfBuilder{Class: elf.ELFCLASS32, Data: elf.ELFDATA2LSB, Version: 1, Machine: elf.EM_ARM, Type: elf.ET_EXEC,
		Flags: 0x05000400}
}

type strtab struct{ b []byte }

func (s *strtab) add(name string) uint32 {
	if name == "" {
		return 0
	}
	off := uint32(len(s.b))
	s.b = append(s.b, name...)
	s.b = append(s.b, 0)
	return off
}

func (b *elfBuilder) Bytes() []byte { d, _ := b.Build(); return d }

func (b *elfBuilder) Build() ([]byte, layout) {
	le := binary.LittleEndian
	var lay layout
	out := make([]byte, ehdrSize)
	lay.phoff = ehdrSize
	out = append(out, make([]byte, phdrSize*len(b.Segs))...)
	align := func() {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	for _, s := range b.Segs {
		align()
		lay.segOff = append(lay.segOff, uint32(len(out)))
		out = append(out, s.Data...)
	}
	type shdr struct{ name, typ, flags, addr, off, size, link, info, align, entsize uint32 }
	var shdrs []shdr
	shstr := &strtab{b: []byte{0}}
	if !b.NoSections {
		shdrs = append(shdrs, shdr{})
		for i, s := range b.Segs {
			name := s.Name
			if name == "" {
				name = fmt.Sprintf(".seg%d", i)
			}
			fl := uint32(elf.SHF_ALLOC)
			if s.Flags&elf.PF_X != 0 {
				fl |= uint32(elf.SHF_EXECINSTR)
			}
			if s.Flags&elf.PF_W != 0 {
				fl |= uint32(elf.SHF_WRITE)
			}
			shdrs = append(shdrs, shdr{name: shstr.add(name), typ: uint32(elf.SHT_PROGBITS), flags: fl,
				addr: s.VAddr, off: lay.segOff[i], size: uint32(len(s.Data)), align: 4})
		}
		// .symtab and .strtab
		str := &strtab{b: []byte{0}}
		sym := make([]byte, symSize) // null symbol
		for _, y := range b.Syms {
			e := make([]byte, symSize)
			le.PutUint32(e[0:], str.add(y.Name))
			le.PutUint32(e[4:], y.Value)
			le.PutUint32(e[8:], y.Size)
			e[12] = elf.ST_INFO(y.Bind, y.Type)
			switch y.Sec {
			case secABS:
				le.PutUint16(e[14:], uint16(elf.SHN_ABS))
			case secUNDEF:
				le.PutUint16(e[14:], 0)
			default:
				le.PutUint16(e[14:], uint16(y.Sec+1))
			}
			sym = append(sym, e...)
		}
		align()
		lay.symtabOff = uint32(len(out))
		out = append(out, sym...)
		lay.strtabO = uint32(len(out))
		out = append(out, str.b...)
		symIdx := len(shdrs)
		lay.symtabSec = symIdx
		shdrs = append(shdrs, shdr{name: shstr.add(".symtab"), typ: uint32(elf.SHT_SYMTAB), off: lay.symtabOff,
			size: uint32(len(sym)), link: uint32(symIdx + 1), info: 1, align: 4, entsize: symSize})
		shdrs = append(shdrs, shdr{name: shstr.add(".strtab"), typ: uint32(elf.SHT_STRTAB), off: lay.strtabO,
			size: uint32(len(str.b)), align: 1})
		shstrIdx := len(shdrs)
		nameOff := shstr.add(".shstrtab")
		shstrOff := uint32(len(out))
		out = append(out, shstr.b...)
		shdrs = append(shdrs, shdr{name: nameOff, typ: uint32(elf.SHT_STRTAB), off: shstrOff, size: uint32(len(shstr.b)), align: 1})
		align()
		lay.shoff = uint32(len(out))
		for _, h := range shdrs {
			e := make([]byte, shdrSize)
			for k, v := range []uint32{h.name, h.typ, h.flags, h.addr, h.off, h.size, h.link, h.info, h.align, h.entsize} {
				le.PutUint32(e[4*k:], v)
			}
			out = append(out, e...)
		}
		le.PutUint16(out[50:], uint16(shstrIdx))
	}
	// ELF header.
	copy(out, []byte{0x7f, 'E', 'L', 'F', byte(b.Class), byte(b.Data), b.Version})
	le.PutUint16(out[16:], uint16(b.Type))
	le.PutUint16(out[18:], uint16(b.Machine))
	le.PutUint32(out[20:], 1)
	le.PutUint32(out[24:], b.Entry)
	le.PutUint32(out[28:], lay.phoff)
	le.PutUint32(out[32:], lay.shoff)
	le.PutUint32(out[36:], b.Flags)
	le.PutUint16(out[40:], ehdrSize)
	le.PutUint16(out[42:], phdrSize)
	le.PutUint16(out[44:], uint16(len(b.Segs)))
	le.PutUint16(out[46:], shdrSize)
	le.PutUint16(out[48:], uint16(len(shdrs)))
	// Program headers.
	for i, s := range b.Segs {
		typ := s.Type
		if typ == 0 {
			typ = elf.PT_LOAD
		}
		fsz := s.FileSz
		if fsz == 0 {
			fsz = uint32(len(s.Data))
		}
		msz := s.MemSz
		if msz == 0 {
			msz = uint32(len(s.Data))
		}
		h := out[lay.phoff+uint32(i)*phdrSize:]
		for k, v := range []uint32{uint32(typ), lay.segOff[i], s.VAddr, s.PAddr, fsz, msz, uint32(s.Flags), 4} {
			le.PutUint32(h[4*k:], v)
		}
	}
	return out, lay
}

// Canonical test targets.

var f769Opts = Options{
	Regions: []Region{
		{"itcm", 0x00000000, 16 << 10},
		{"flash", 0x08000000, 2 << 20},
		{"ram", 0x20000000, 512 << 10},
		{"bkpsram", 0x40024000, 4 << 10},
	},
	BootAddr: 0x08000000,
	Aliases:  []Alias{{From: 0x00200000, To: 0x08000000, Size: 2 << 20}},
}

var mps2Opts = Options{
	Regions: []Region{
		{"ssram1", 0x00000000, 4 << 20},
		{"ssram23", 0x20000000, 4 << 20},
	},
	BootAddr: 0,
}

func le32(vs ...uint32) []byte {
	b := make([]byte, 4*len(vs))
	for i, v := range vs {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// tinyFirmware is a minimal Cortex-M image linked at base:
//
//	base+0x00  .word 0x20080000      @ initial SP        ($d)
//	base+0x04  .word base+9          @ Reset_Handler|1
//	base+0x08  movs r0, #1 (0x2001)  @ Reset_Handler     ($t)
//	base+0x0a  b . (0xe7fe)
//	base+0x0c  .word 0xdeadbeef      @ literal pool      ($d)
//
// plus .data (4 bytes, VMA 0x20000000, LMA base+0x10, 0x100 bytes with .bss)
// and a .bss segment (file size 0).
func tinyFirmware(base uint32) *elfBuilder {
	b := newBuilder()
	b.Entry = base + 9
	text := append(le32(0x20080000, base+9), 0x01, 0x20, 0xfe, 0xe7)
	text = append(text, le32(0xdeadbeef)...)
	b.Segs = []bSeg{
		{Flags: elf.PF_R | elf.PF_X, VAddr: base, PAddr: base, Data: text, Name: ".text"},
		{Flags: elf.PF_R | elf.PF_W, VAddr: 0x20000000, PAddr: base + 0x10, Data: le32(0x12345678), MemSz: 0x100, Name: ".data"},
		{Flags: elf.PF_R | elf.PF_W, VAddr: 0x20000100, PAddr: 0x20000100, MemSz: 0x400, Name: ".bss"},
	}
	b.Syms = []bSym{
		{Name: "$d", Value: base, Type: elf.STT_NOTYPE, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "$t", Value: base + 8, Type: elf.STT_NOTYPE, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "$d.pool", Value: base + 12, Type: elf.STT_NOTYPE, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "main.c", Type: elf.STT_FILE, Bind: elf.STB_LOCAL, Sec: secABS},
		{Name: "", Value: base, Type: elf.STT_SECTION, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "vector_table", Value: base, Size: 8, Type: elf.STT_OBJECT, Bind: elf.STB_GLOBAL, Sec: 0},
		{Name: "Reset_Handler", Value: base + 9, Size: 4, Type: elf.STT_FUNC, Bind: elf.STB_GLOBAL, Sec: 0},
		{Name: "_ZN3app4main17h0123456789abcdefE", Value: base + 9, Size: 4, Type: elf.STT_FUNC, Bind: elf.STB_LOCAL, Sec: 0},
		{Name: "counter", Value: 0x20000000, Size: 4, Type: elf.STT_OBJECT, Bind: elf.STB_GLOBAL, Sec: 1},
		{Name: "_Min_Stack_Size", Value: 0x400, Type: elf.STT_NOTYPE, Bind: elf.STB_GLOBAL, Sec: secABS},
		{Name: "undefined_weak", Type: elf.STT_FUNC, Bind: elf.STB_WEAK, Sec: secUNDEF},
	}
	return b
}

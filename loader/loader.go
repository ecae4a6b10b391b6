package loader

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Region is a loadable memory range of the target machine (RAM or flash),
// supplied by the caller (the board).
type Region struct {
	Name       string
	Base, Size uint32
}

func (r Region) end() uint64 { return uint64(r.Base) + uint64(r.Size) }

func (r Region) contains(addr uint32, n uint64) bool {
	return addr >= r.Base && uint64(addr)+n <= r.end()
}

// String formats the region as "name 0xBASE..0xEND" (END exclusive).
func (r Region) String() string {
	return fmt.Sprintf("%s 0x%08x..0x%08x", r.Name, r.Base, r.end())
}

// Alias says that [From, From+Size) is a second view of [To, To+Size), such as
// the STM32F7 flash seen at 0x0020_0000 (ITCM bus) and 0x0800_0000 (AXI bus).
// Segments and the vector table may sit at either address.
type Alias struct {
	From, To, Size uint32
}

func (a Alias) contains(addr uint32, n uint64) bool {
	return addr >= a.From && uint64(addr)+n <= uint64(a.From)+uint64(a.Size)
}

// Options describe the target the ELF must fit.
type Options struct {
	// Regions are where PT_LOAD segments may land. If empty, the region
	// checks (SegmentOutside, reset vector range, TooLarge against regions)
	// are skipped; overlap, size and vector-table checks still apply.
	Regions []Region
	// BootAddr is where the vector table must be (initial SP, reset vector).
	BootAddr uint32
	// Aliases are optional address aliases (see Alias).
	Aliases []Alias
	// Demangle, if not nil, maps raw symbol names to readable ones.
	Demangle func(string) string
}

// Segment is one PT_LOAD program header with file data, placed at its
// load address (LMA, p_paddr), as a flash programmer would write it.
type Segment struct {
	Index int    // index of the program header in the ELF file
	Addr  uint32 // load address, p_paddr, as linked (may be an alias address)
	Phys  uint32 // Addr translated through Options.Aliases (== Addr if not in an alias)
	VAddr uint32 // run-time address, p_vaddr (differs from Addr for .data copied by startup code)
	// Data holds the p_filesz bytes of the file. It aliases the slice given to
	// Parse (capacity clipped), so do not modify that slice afterwards.
	Data []byte
	// MemSize is the footprint at Addr: p_memsz when p_vaddr == p_paddr (the
	// segment lives where it is loaded, so [Addr+len(Data), Addr+MemSize) is
	// zero-filled, e.g. RAM-loaded .bss), otherwise len(Data) (the segment is
	// copied to VAddr by startup code, which also zeroes any .bss there).
	MemSize uint32
	Flags   elf.ProgFlag // PF_R, PF_W, PF_X
}

// Image is a parsed, validated firmware image.
type Image struct {
	Segments   []Segment // sorted by Phys, non-overlapping, inside the regions
	InitialSP  uint32    // word 0 of the vector table
	ResetPC    uint32    // word 1 of the vector table, Thumb bit included
	VectorAddr uint32    // address of the vector table as linked (BootAddr or its alias)
	Symbols    *SymbolTable
	HardFloat  bool   // EF_ARM_ABI_FLOAT_HARD in e_flags (built for thumbv7em-none-eabihf)
	Flags      uint32 // raw e_flags
	Entry      uint32 // e_entry

	aliases []Alias
}

// MaxFileSize bounds the input size (ELFs with DWARF can be large). It also
// keeps every file offset well inside 32 bits.
const MaxFileSize = 512 << 20

// ELF32 sizes (ELF specification, "ELF Header", "Program Header", "Sections").
const (
	ehdrSize = 52
	phdrSize = 32
	shdrSize = 40
	symSize  = 16
)

// AAELF §5.2.1 (e_flags): the floating-point procedure-call variant.
const (
	efARMABIFloatHard = 0x00000400
)

// ParseFile reads and parses an ELF file. See Parse.
func ParseFile(path string, opts Options) (*Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Kind: FileError, Msg: err.Error(), Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{Kind: FileError, File: path, Msg: err.Error(), Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, &Error{Kind: TooLarge, File: path,
			Msg: fmt.Sprintf("file is larger than %d MiB", MaxFileSize>>20)}
	}
	img, err := Parse(data, opts)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.File = path
		}
		return nil, err
	}
	return img, nil
}

// Parse parses and validates a 32-bit little-endian ARM ELF executable.
// Every problem is reported as an *Error; no input makes it panic. Memory
// use is bounded by a small multiple of len(data).
func Parse(data []byte, opts Options) (img *Image, err error) {
	defer func() {
		// Last-resort guard: the parser checks every offset itself, so
		// reaching this is a loader bug (the fuzz test treats it as one).
		if r := recover(); r != nil {
			img = nil
			err = errorf(Internal, "internal error while parsing (please report this file): %v", r)
		}
	}()
	if len(data) > MaxFileSize {
		return nil, errorf(TooLarge, "file is larger than %d MiB", MaxFileSize>>20)
	}
	p := &parser{data: data, opts: opts}
	return p.parse()
}

type parser struct {
	data []byte
	opts Options

	phoff, shoff                            uint32
	phentsize, phnum, shentsize, shnum, typ uint16
	flags, entry                            uint32
}

func (p *parser) u16(off uint32) uint16 { return binary.LittleEndian.Uint16(p.data[off:]) }
func (p *parser) u32(off uint32) uint32 { return binary.LittleEndian.Uint32(p.data[off:]) }

func (p *parser) parse() (*Image, error) {
	if err := p.header(); err != nil {
		return nil, err
	}
	segs, err := p.segments()
	if err != nil {
		return nil, err
	}
	img := &Image{
		Segments:  segs,
		HardFloat: p.flags&efARMABIFloatHard != 0,
		Flags:     p.flags,
		Entry:     p.entry,
		aliases:   append([]Alias(nil), p.opts.Aliases...),
	}
	if err := p.vectorTable(img); err != nil {
		return nil, err
	}
	syms, err := p.symbols()
	if err != nil {
		return nil, err
	}
	img.Symbols = syms
	return img, nil
}

// header validates the ELF header (ELF spec, "ELF Header"; AAELF §5.2).
func (p *parser) header() error {
	d := p.data
	magic := []byte{0x7f, 'E', 'L', 'F'}
	if len(d) < 4 {
		if len(d) > 0 && string(d) == string(magic[:len(d)]) {
			return errorf(Truncated, "file is only %d bytes, too short for an ELF header", len(d))
		}
		if len(d) == 0 {
			return errorf(NotELF, "not an ELF file: the file is empty")
		}
		return errorf(NotELF, "not an ELF file: it starts with % x, not 7f 45 4c 46 (\"\\x7fELF\")", d)
	}
	if string(d[:4]) != string(magic) {
		return errorf(NotELF, "not an ELF file: it starts with % x, not 7f 45 4c 46 (\"\\x7fELF\")%s", d[:4], formatHint(d))
	}
	if len(d) < elf.EI_NIDENT {
		return errorf(Truncated, "file is only %d bytes, too short for an ELF header", len(d))
	}
	if c := elf.Class(d[elf.EI_CLASS]); c != elf.ELFCLASS32 {
		what := c.String()
		if c == elf.ELFCLASS64 {
			what += " (64-bit)"
		}
		return errorf(BadClass, "%s file; the Cortex-M7 needs a 32-bit (ELFCLASS32) ARM executable", what)
	}
	if e := elf.Data(d[elf.EI_DATA]); e != elf.ELFDATA2LSB {
		what := e.String()
		if e == elf.ELFDATA2MSB {
			what = "big-endian (ELFDATA2MSB)"
		}
		return errorf(BadEndian, "%s file; m7emu runs little-endian (ELFDATA2LSB) code", what)
	}
	if v := d[elf.EI_VERSION]; v != byte(elf.EV_CURRENT) {
		return errorf(BadVersion, "ELF identification version %d, want 1 (EV_CURRENT)", v)
	}
	if len(d) < ehdrSize {
		return errorf(Truncated, "file is only %d bytes, shorter than the %d-byte ELF header", len(d), ehdrSize)
	}
	p.typ = p.u16(16)
	switch t := elf.Type(p.typ); t {
	case elf.ET_EXEC, elf.ET_DYN:
	case elf.ET_REL:
		return errorf(BadType, "relocatable object file (ET_REL), not a linked executable; link it first")
	default:
		return errorf(BadType, "ELF type %s, want an executable (ET_EXEC)", t)
	}
	if m := elf.Machine(p.u16(18)); m != elf.EM_ARM {
		return errorf(BadMachine, "built for %s (e_machine %d), not ARM (EM_ARM)", m, uint16(m))
	}
	if v := p.u32(20); v != uint32(elf.EV_CURRENT) {
		return errorf(BadVersion, "e_version %d, want 1 (EV_CURRENT)", v)
	}
	p.entry = p.u32(24)
	p.phoff = p.u32(28)
	p.shoff = p.u32(32)
	p.flags = p.u32(36)
	if eh := p.u16(40); eh < ehdrSize {
		return errorf(BadHeader, "e_ehsize %d is smaller than the %d-byte ELF32 header", eh, ehdrSize)
	}
	p.phentsize = p.u16(42)
	p.phnum = p.u16(44)
	p.shentsize = p.u16(46)
	p.shnum = p.u16(48)
	return nil
}

// formatHint names common non-ELF firmware formats.
func formatHint(d []byte) string {
	switch {
	case d[0] == ':':
		return "; it looks like Intel HEX"
	case d[0] == 'S' && d[1] >= '0' && d[1] <= '9':
		return "; it looks like Motorola S-record"
	case string(d[:4]) == "!<ar":
		return "; it is an ar archive (a static library)"
	}
	return ""
}

// table checks that count entries of entsize bytes at off lie inside the
// file, and never lets a count ask for more memory than the file holds.
func (p *parser) table(what string, off uint32, count, entsize, minEnt uint64) error {
	if count == 0 {
		return nil
	}
	if entsize < minEnt {
		kind := BadHeader
		if what == "section header table" {
			kind = BadSections
		}
		return errorf(kind, "%s entry size is %d bytes, want at least %d", what, entsize, minEnt)
	}
	size := count * entsize
	if size > uint64(len(p.data)) {
		return errorf(TooLarge, "%s has %d entries of %d bytes (%d bytes), more than the whole file (%d bytes)",
			what, count, entsize, size, len(p.data))
	}
	if uint64(off)+size > uint64(len(p.data)) {
		return errorf(Truncated, "%s [0x%x, +0x%x) runs past the end of the file (%d bytes); the file is truncated",
			what, off, size, len(p.data))
	}
	return nil
}

func (p *parser) maxRegion() (Region, bool) {
	var best Region
	found := false
	for _, r := range p.opts.Regions {
		if !found || r.Size > best.Size {
			best, found = r, true
		}
	}
	return best, found
}

// phys translates an address through the aliases. ok is false when
// [addr, addr+n) starts in an alias but does not fit inside it.
func (p *parser) phys(addr uint32, n uint64) (uint32, bool) {
	for _, a := range p.opts.Aliases {
		if addr >= a.From && uint64(addr) < uint64(a.From)+uint64(a.Size) {
			if !a.contains(addr, n) {
				return addr, false
			}
			return a.To + (addr - a.From), true
		}
	}
	return addr, true
}

// inMemory reports whether [addr, addr+n) lies in one region, directly or
// through an alias. With no regions configured everything is accepted.
func (p *parser) inMemory(addr uint32, n uint64) bool {
	if len(p.opts.Regions) == 0 {
		return true
	}
	ph, ok := p.phys(addr, n)
	if !ok {
		return false
	}
	for _, r := range p.opts.Regions {
		if r.contains(ph, n) {
			return true
		}
	}
	return false
}

func (p *parser) memoryList() string {
	var parts []string
	for _, r := range p.opts.Regions {
		parts = append(parts, r.String())
	}
	for _, a := range p.opts.Aliases {
		parts = append(parts, fmt.Sprintf("alias 0x%08x..0x%08x of 0x%08x",
			a.From, uint64(a.From)+uint64(a.Size), a.To))
	}
	return strings.Join(parts, ", ")
}

// outsideMsg explains why [addr, addr+n) does not fit.
func (p *parser) outsideMsg(what string, addr uint32, n uint64) string {
	ph, _ := p.phys(addr, n)
	for _, r := range p.opts.Regions {
		if ph >= r.Base && uint64(ph) < r.end() {
			return fmt.Sprintf("%s [0x%08x, +0x%x) starts in %s but runs past its end (0x%08x)",
				what, addr, n, r.Name, r.end())
		}
	}
	for _, a := range p.opts.Aliases {
		if addr >= a.From && uint64(addr) < uint64(a.From)+uint64(a.Size) && !a.contains(addr, n) {
			return fmt.Sprintf("%s [0x%08x, +0x%x) starts in the alias at 0x%08x but runs past its end (0x%08x)",
				what, addr, n, a.From, uint64(a.From)+uint64(a.Size))
		}
	}
	return fmt.Sprintf("%s [0x%08x, +0x%x) is outside the target's memory (%s)", what, addr, n, p.memoryList())
}

// segments reads the program header table and returns the loadable
// segments (ELF spec, "Program Header"; loaded at p_paddr like probe-rs).
func (p *parser) segments() ([]Segment, error) {
	if p.phnum == 0 {
		return nil, errorf(NoSegments, "the file has no program headers, so nothing to load (is it linked?)")
	}
	if p.phnum == 0xffff { // PN_XNUM: extended numbering
		return nil, errorf(TooLarge, "the file uses extended program header numbering (e_phnum = PN_XNUM); firmware never needs 65535 segments")
	}
	if err := p.table("program header table", p.phoff, uint64(p.phnum), uint64(p.phentsize), phdrSize); err != nil {
		return nil, err
	}
	big, haveRegions := p.maxRegion()
	var segs []Segment
	for i := 0; i < int(p.phnum); i++ {
		h := p.phoff + uint32(i)*uint32(p.phentsize)
		if elf.ProgType(p.u32(h)) != elf.PT_LOAD {
			continue
		}
		off, vaddr, paddr := p.u32(h+4), p.u32(h+8), p.u32(h+12)
		filesz, memsz, flags := p.u32(h+16), p.u32(h+20), p.u32(h+24)
		if filesz > memsz {
			return nil, errorf(BadSegment, "segment %d has p_filesz 0x%x larger than p_memsz 0x%x", i, filesz, memsz)
		}
		if filesz == 0 {
			continue // .bss-only segment: nothing to load
		}
		foot := filesz
		if vaddr == paddr {
			foot = memsz
		}
		what := fmt.Sprintf("segment %d", i)
		if haveRegions && foot > big.Size {
			return nil, errorf(TooLarge, "%s is 0x%x bytes, larger than the largest memory region (%s, 0x%x bytes)",
				what, foot, big.Name, big.Size)
		}
		if uint64(off)+uint64(filesz) > uint64(len(p.data)) {
			return nil, errorf(Truncated, "%s's file data [0x%x, +0x%x) runs past the end of the file (%d bytes); the file is truncated",
				what, off, filesz, len(p.data))
		}
		if uint64(paddr)+uint64(foot) > 1<<32 {
			return nil, errorf(SegmentOutside, "%s [0x%08x, +0x%x) wraps past the end of the 32-bit address space", what, paddr, foot)
		}
		if !p.inMemory(paddr, uint64(foot)) {
			return nil, errorf(SegmentOutside, "%s", p.outsideMsg(what, paddr, uint64(foot)))
		}
		ph, _ := p.phys(paddr, uint64(foot))
		segs = append(segs, Segment{
			Index:   i,
			Addr:    paddr,
			Phys:    ph,
			VAddr:   vaddr,
			Data:    p.data[off : off+filesz : off+filesz],
			MemSize: foot,
			Flags:   elf.ProgFlag(flags) & (elf.PF_R | elf.PF_W | elf.PF_X),
		})
	}
	if len(segs) == 0 {
		return nil, errorf(NoSegments, "no PT_LOAD segment has file data, so nothing to load")
	}
	sort.SliceStable(segs, func(a, b int) bool {
		if segs[a].Phys != segs[b].Phys {
			return segs[a].Phys < segs[b].Phys
		}
		return segs[a].Index < segs[b].Index
	})
	for k := 1; k < len(segs); k++ {
		prev, cur := segs[k-1], segs[k]
		if uint64(cur.Phys) < uint64(prev.Phys)+uint64(prev.MemSize) {
			return nil, errorf(SegmentOverlap, "segment %d [0x%08x, +0x%x) and segment %d [0x%08x, +0x%x) overlap",
				prev.Index, prev.Addr, prev.MemSize, cur.Index, cur.Addr, cur.MemSize)
		}
	}
	return segs, nil
}

// byteAt returns the byte at physical address a from the loaded image
// (zero in the zero-filled tail of a segment).
func byteAt(segs []Segment, a uint32) (byte, bool) {
	i := sort.Search(len(segs), func(i int) bool { return segs[i].Phys > a }) - 1
	if i < 0 {
		return 0, false
	}
	s := segs[i]
	off := uint64(a) - uint64(s.Phys)
	if off >= uint64(s.MemSize) {
		return 0, false
	}
	if off < uint64(len(s.Data)) {
		return s.Data[off], true
	}
	return 0, true
}

// Read32 reads a little-endian word at addr (as linked, or through one of
// Options.Aliases) from the loaded segments, including their zero-filled
// tails. ok is false if any of the 4 bytes is not loaded.
func (img *Image) Read32(addr uint32) (v uint32, ok bool) {
	p := &parser{opts: Options{Aliases: img.aliases}}
	return read32(img.Segments, p, addr)
}

func read32(segs []Segment, p *parser, addr uint32) (uint32, bool) {
	if uint64(addr)+4 > 1<<32 {
		return 0, false
	}
	var v uint32
	for k := uint32(0); k < 4; k++ {
		ph, _ := p.phys(addr+k, 1)
		b, ok := byteAt(segs, ph)
		if !ok {
			return 0, false
		}
		v |= uint32(b) << (8 * k)
	}
	return v, true
}

// vectorTable reads the initial SP and reset vector at BootAddr (Armv7-M
// ARM B1.5.3: word 0 is SP_main, word 1 the reset vector with bit 0 set for
// Thumb state; B1.4.7: a vector with bit 0 clear faults on use).
func (p *parser) vectorTable(img *Image) error {
	boot := p.opts.BootAddr
	sp, ok1 := read32(img.Segments, p, boot)
	pc, ok2 := read32(img.Segments, p, boot+4)
	if !ok1 || !ok2 || boot > 0xfffffff8 {
		return errorf(NoVectorTable, "no segment covers the vector table at 0x%08x%s (8 bytes: initial SP and reset vector); check that the linker script places the vector table there",
			boot, p.aliasNote(boot))
	}
	if pc&1 == 0 {
		return errorf(NoVectorTable, "the reset vector at 0x%08x is 0x%08x, which lacks the Thumb bit (bit 0), so 0x%08x does not hold a Cortex-M vector table",
			boot+4, pc, boot)
	}
	if !p.inMemory(pc&^1, 2) {
		return errorf(NoVectorTable, "the reset vector at 0x%08x is 0x%08x, outside the target's memory (%s)",
			boot+4, pc, p.memoryList())
	}
	if sp&3 != 0 {
		return errorf(NoVectorTable, "the initial stack pointer at 0x%08x is 0x%08x, which is not 4-byte aligned, so 0x%08x does not hold a Cortex-M vector table",
			boot, sp, boot)
	}
	img.InitialSP, img.ResetPC = sp, pc
	img.VectorAddr = boot
	// Report the address the table was linked at, which may be an alias.
	ph, _ := p.phys(boot, 8)
	for _, s := range img.Segments {
		if ph >= s.Phys && uint64(ph) < uint64(s.Phys)+uint64(s.MemSize) {
			img.VectorAddr = s.Addr + (ph - s.Phys)
			break
		}
	}
	return nil
}

func (p *parser) aliasNote(addr uint32) string {
	var alts []string
	for _, a := range p.opts.Aliases {
		if addr >= a.From && uint64(addr) < uint64(a.From)+uint64(a.Size) {
			alts = append(alts, fmt.Sprintf("0x%08x", a.To+(addr-a.From)))
		}
		if addr >= a.To && uint64(addr) < uint64(a.To)+uint64(a.Size) {
			alts = append(alts, fmt.Sprintf("0x%08x", a.From+(addr-a.To)))
		}
	}
	if len(alts) == 0 {
		return ""
	}
	return " (or its alias " + strings.Join(alts, ", ") + ")"
}

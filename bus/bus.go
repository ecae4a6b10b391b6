// Package bus is the physical address map of a machine: RAM, flash and ROM regions
// backed by byte slices (the fast path), and memory-mapped devices behind one
// interface. Lookups go through a 64 KiB-page table, so finding the region of an
// address is one index and a bounds check.
//
// It models what Arm DDI0403E B3.1 calls the system address map only as far as the
// board describes it: anything not mapped is a precise BusFault for the CPU.
package bus

import (
	"encoding/binary"
	"fmt"
)

// Width is an access size in bytes: 1, 2 or 4.
type Width uint8

// Device is a memory-mapped peripheral. off is relative to the device's base.
// An error makes the access a BusFault.
type Device interface {
	Read(off uint32, w Width) (uint32, error)
	Write(off uint32, w Width, v uint32) error
}

// Kind says what backs a region.
type Kind uint8

// Region kinds.
const (
	KindRAM   Kind = iota // read/write memory
	KindFlash             // read-only to bus writes; programmed through its interface
	KindROM               // read-only, fixed contents
	KindDevice
)

var kindNames = [...]string{"RAM", "flash", "ROM", "device"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// Region is one mapped range. Regions that alias the same memory share Mem.
type Region struct {
	Name string
	Base uint32
	Size uint32
	Kind Kind
	Mem  []byte // len(Mem) == Size for RAM, flash and ROM
	Dev  Device // for KindDevice

	// WaitStates is the number of extra cycles a data access or a pipeline refill
	// from this region costs (flash: FLASH_ACR.LATENCY). The timing model reads it.
	WaitStates int

	// OnWrite, when set, is called after bytes [off, off+n) of Mem were written
	// through this region or an alias of it. The CPU uses it to invalidate
	// pre-decoded instructions.
	OnWrite func(off uint32, n uint32)

	aliases []*Region // regions sharing Mem, including this one
}

// Contains reports whether [addr, addr+n) lies inside the region.
func (r *Region) Contains(addr, n uint32) bool {
	off := addr - r.Base
	return addr >= r.Base && off < r.Size && n <= r.Size-off
}

// Fault describes a failed access; the CPU turns it into a BusFault.
type Fault struct {
	Addr  uint32
	Write bool
	Width Width
	Why   string
}

func (f *Fault) Error() string {
	dir := "read"
	if f.Write {
		dir = "write"
	}
	return fmt.Sprintf("bus fault: %d-byte %s at 0x%08x: %s", f.Width, dir, f.Addr, f.Why)
}

const pageShift = 16

// Bus is an address map.
type Bus struct {
	pages   [1 << (32 - pageShift)][]*Region
	regions []*Region
}

// New returns an empty map.
func New() *Bus { return &Bus{} }

// Map adds a region. Regions must not overlap.
func (b *Bus) Map(r *Region) error {
	if r.Size == 0 {
		return fmt.Errorf("bus: region %s has size 0", r.Name)
	}
	if uint64(r.Base)+uint64(r.Size) > 1<<32 {
		return fmt.Errorf("bus: region %s wraps the address space", r.Name)
	}
	if r.Kind != KindDevice && uint32(len(r.Mem)) != r.Size {
		return fmt.Errorf("bus: region %s: len(Mem)=%d, size %d", r.Name, len(r.Mem), r.Size)
	}
	if r.Kind == KindDevice && r.Dev == nil {
		return fmt.Errorf("bus: device region %s has no device", r.Name)
	}
	end := uint64(r.Base) + uint64(r.Size)
	for _, o := range b.regions {
		oend := uint64(o.Base) + uint64(o.Size)
		if uint64(r.Base) < oend && uint64(o.Base) < end {
			return fmt.Errorf("bus: region %s [0x%08x,0x%08x) overlaps %s", r.Name, r.Base, end, o.Name)
		}
	}
	b.regions = append(b.regions, r)
	if r.aliases == nil {
		r.aliases = []*Region{r}
	}
	for p := uint64(r.Base) >> pageShift; p <= (end-1)>>pageShift; p++ {
		b.pages[p] = append(b.pages[p], r)
	}
	return nil
}

// Alias maps a region that shows the same memory as orig at another base.
func (b *Bus) Alias(name string, base uint32, orig *Region) (*Region, error) {
	a := &Region{Name: name, Base: base, Size: orig.Size, Kind: orig.Kind, Mem: orig.Mem, WaitStates: orig.WaitStates}
	if err := b.Map(a); err != nil {
		return nil, err
	}
	all := append(orig.aliases, a)
	for _, r := range all {
		r.aliases = all
	}
	return a, nil
}

// Regions returns the mapped regions in the order they were added.
func (b *Bus) Regions() []*Region { return b.regions }

// Find returns the region holding addr, or nil.
func (b *Bus) Find(addr uint32) *Region {
	for _, r := range b.pages[addr>>pageShift] {
		if addr-r.Base < r.Size && addr >= r.Base {
			return r
		}
	}
	return nil
}

// NotifyWrite tells every alias of r that bytes [off, off+n) changed.
func (r *Region) NotifyWrite(off, n uint32) {
	for _, a := range r.aliases {
		if a.OnWrite != nil {
			a.OnWrite(off, n)
		}
	}
}

// Read performs a data read of width w at addr (any alignment for memory regions).
func (b *Bus) Read(addr uint32, w Width) (uint32, error) {
	r := b.Find(addr)
	if r == nil {
		return 0, &Fault{Addr: addr, Width: w, Why: "no memory or device mapped"}
	}
	if r.Kind == KindDevice {
		return r.Dev.Read(addr-r.Base, w)
	}
	off := addr - r.Base
	if uint32(w) > r.Size-off {
		return b.readSplit(addr, w)
	}
	m := r.Mem[off:]
	switch w {
	case 1:
		return uint32(m[0]), nil
	case 2:
		return uint32(binary.LittleEndian.Uint16(m)), nil
	default:
		return binary.LittleEndian.Uint32(m), nil
	}
}

// readSplit handles an access that crosses a region end, byte by byte.
func (b *Bus) readSplit(addr uint32, w Width) (uint32, error) {
	var v uint32
	for i := uint32(0); i < uint32(w); i++ {
		x, err := b.Read(addr+i, 1)
		if err != nil {
			return 0, err
		}
		v |= x << (8 * i)
	}
	return v, nil
}

// Write performs a data write of width w at addr.
func (b *Bus) Write(addr uint32, w Width, v uint32) error {
	r := b.Find(addr)
	if r == nil {
		return &Fault{Addr: addr, Write: true, Width: w, Why: "no memory or device mapped"}
	}
	switch r.Kind {
	case KindDevice:
		return r.Dev.Write(addr-r.Base, w, v)
	case KindFlash, KindROM:
		return &Fault{Addr: addr, Write: true, Width: w, Why: r.Kind.String() + " " + r.Name + " is read-only"}
	}
	off := addr - r.Base
	if uint32(w) > r.Size-off {
		for i := uint32(0); i < uint32(w); i++ {
			if err := b.Write(addr+i, 1, v>>(8*i)); err != nil {
				return err
			}
		}
		return nil
	}
	m := r.Mem[off:]
	switch w {
	case 1:
		m[0] = byte(v)
	case 2:
		binary.LittleEndian.PutUint16(m, uint16(v))
	default:
		binary.LittleEndian.PutUint32(m, v)
	}
	r.NotifyWrite(off, uint32(w))
	return nil
}

// Load copies data into memory at addr regardless of read-only kinds (it is how an
// image is flashed). The whole range must lie in one memory region.
func (b *Bus) Load(addr uint32, data []byte) error {
	if len(data) == 0 {
		return nil
	}
	r := b.Find(addr)
	if r == nil || r.Kind == KindDevice || !r.Contains(addr, uint32(len(data))) || uint64(len(data)) > uint64(r.Size) {
		return fmt.Errorf("bus: cannot load %d bytes at 0x%08x: not inside one memory region", len(data), addr)
	}
	off := addr - r.Base
	copy(r.Mem[off:], data)
	r.NotifyWrite(off, uint32(len(data)))
	return nil
}

// ReadBytes copies len(buf) bytes of memory starting at addr (for semihosting and
// debuggers). Device registers are not read (they may have side effects).
func (b *Bus) ReadBytes(addr uint32, buf []byte) error {
	for i := range buf {
		r := b.Find(addr + uint32(i))
		if r == nil || r.Kind == KindDevice {
			return &Fault{Addr: addr + uint32(i), Width: 1, Why: "not memory"}
		}
		buf[i] = r.Mem[addr+uint32(i)-r.Base]
	}
	return nil
}

// WriteBytes copies buf into RAM at addr (for semihosting and debuggers). Device
// registers are never written (side effects); read-only regions fault.
func (b *Bus) WriteBytes(addr uint32, buf []byte) error {
	for i, c := range buf {
		a := addr + uint32(i)
		if r := b.Find(a); r == nil || r.Kind == KindDevice {
			return &Fault{Addr: a, Write: true, Width: 1, Why: "not memory"}
		}
		if err := b.Write(a, 1, uint32(c)); err != nil {
			return err
		}
	}
	return nil
}

// Narrow returns the bytes a w-wide read at offset off sees of a 32-bit register whose
// value is v (the register holding off, little-endian): registers of 32-bit peripherals
// answer byte and halfword reads with the addressed part.
func Narrow(v, off uint32, w Width) uint32 {
	v >>= 8 * (off & 3)
	switch w {
	case 1:
		return v & 0xFF
	case 2:
		return v & 0xFFFF
	}
	return v
}

// Merge folds a w-wide write of v at offset off into the 32-bit register value cur:
// the addressed bytes take v's low bytes, the others keep cur's.
func Merge(cur, off uint32, w Width, v uint32) uint32 {
	if w == 4 && off&3 == 0 {
		return v
	}
	sh := 8 * (off & 3)
	mask := uint32(0xFF)
	if w == 2 {
		mask = 0xFFFF
	}
	return cur&^(mask<<sh) | (v&mask)<<sh
}

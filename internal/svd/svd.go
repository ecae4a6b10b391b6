// Package svd reads the parts of a CMSIS-SVD device description that m7emu's tests
// check the peripheral models against: peripherals (base address, interrupts),
// registers (offset, size, reset value, access) and fields (bit offset and width).
//
// The format is Arm's CMSIS-SVD (the schema's <device>/<peripherals>/<peripheral>/
// <registers>/<register>/<fields>/<field> tree). Only what ST's STM32F769.svd uses is
// read; dim arrays, clusters and enumerated values are ignored.
package svd

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Device is a parsed SVD file. Peripherals are in file order.
type Device struct {
	Name        string
	Peripherals []*Peripheral
}

// Peripheral is one <peripheral>. A peripheral with derivedFrom and no registers of
// its own carries the registers of the peripheral it derives from (followed
// transitively). Interrupts are never inherited: an SVD lists each instance's own
// vectors, and a derived instance without <interrupt> has none listed.
type Peripheral struct {
	Name        string
	DerivedFrom string // "" when not derived
	Base        uint32
	Interrupts  []Interrupt
	Registers   []Register
}

// Interrupt is one <interrupt>: its name and vector number (IRQn, not exception number).
type Interrupt struct {
	Name  string
	Value int
}

// Register is one <register>. Size, Reset and Access fall back to the peripheral's
// and then the device's defaults (the SVD "registerPropertiesGroup").
type Register struct {
	Name   string
	Offset uint32
	Size   uint32 // bits
	Reset  uint32
	Access string // e.g. "read-write", "read-only"; "" when the SVD gives none
	Fields []Field
}

// Field is one <field> of a register.
type Field struct {
	Name      string
	BitOffset uint32
	BitWidth  uint32
	Access    string // "" when the field gives none
}

// Mask is the field's bits within its register.
func (f Field) Mask() uint32 {
	return uint32((uint64(1)<<f.BitWidth - 1) << f.BitOffset)
}

// FieldMask is the union of the register's field bits.
func (r *Register) FieldMask() uint32 {
	var m uint32
	for _, f := range r.Fields {
		m |= f.Mask()
	}
	return m
}

// Field returns the register's field of that name.
func (r *Register) Field(name string) (Field, bool) {
	for _, f := range r.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Register returns the peripheral's register of that name, or nil.
func (p *Peripheral) Register(name string) *Register {
	for i := range p.Registers {
		if p.Registers[i].Name == name {
			return &p.Registers[i]
		}
	}
	return nil
}

// Peripheral returns the peripheral of that name, or nil.
func (d *Device) Peripheral(name string) *Peripheral {
	for _, p := range d.Peripherals {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// ErrRead marks errors from Load that come from reading the file (absent, unreadable)
// rather than from its contents; tests skip on it.
var ErrRead = errors.New("svd: cannot read file")

// The raw XML shapes. Numbers stay strings: SVD writes them as 0x…, decimal or #binary.
type xmlProps struct {
	Size   string `xml:"size"`
	Reset  string `xml:"resetValue"`
	Access string `xml:"access"`
}

type xmlDevice struct {
	Name string `xml:"name"`
	xmlProps
	Peripherals []xmlPeripheral `xml:"peripherals>peripheral"`
}

type xmlPeripheral struct {
	Name        string `xml:"name"`
	DerivedFrom string `xml:"derivedFrom,attr"`
	Base        string `xml:"baseAddress"`
	xmlProps
	Interrupts []struct {
		Name  string `xml:"name"`
		Value string `xml:"value"`
	} `xml:"interrupt"`
	Registers []xmlRegister `xml:"registers>register"`
}

type xmlRegister struct {
	Name   string `xml:"name"`
	Offset string `xml:"addressOffset"`
	xmlProps
	Fields []struct {
		Name      string `xml:"name"`
		BitOffset string `xml:"bitOffset"`
		BitWidth  string `xml:"bitWidth"`
		LSB       string `xml:"lsb"`
		MSB       string `xml:"msb"`
		BitRange  string `xml:"bitRange"`
		Access    string `xml:"access"`
	} `xml:"fields>field"`
}

// Load reads and parses the SVD file at path.
func Load(path string) (*Device, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	return Parse(data)
}

// Parse parses SVD text.
func Parse(data []byte) (*Device, error) {
	var x xmlDevice
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("svd: %w", err)
	}
	d := &Device{Name: x.Name}
	byName := map[string]*Peripheral{}
	for _, xp := range x.Peripherals {
		p, err := convPeripheral(&xp, &x.xmlProps)
		if err != nil {
			return nil, fmt.Errorf("svd: peripheral %s: %w", xp.Name, err)
		}
		if _, dup := byName[p.Name]; dup {
			return nil, fmt.Errorf("svd: peripheral %s listed twice", p.Name)
		}
		byName[p.Name] = p
		d.Peripherals = append(d.Peripherals, p)
	}
	// Resolve derivedFrom; the chain is followed at most len(Peripherals) steps so a
	// cycle is an error, not a hang.
	for _, p := range d.Peripherals {
		if p.DerivedFrom == "" || len(p.Registers) != 0 {
			continue
		}
		src := p
		for range d.Peripherals {
			if src.DerivedFrom == "" || len(src.Registers) != 0 {
				break
			}
			next, ok := byName[src.DerivedFrom]
			if !ok {
				return nil, fmt.Errorf("svd: %s derives from unknown %s", src.Name, src.DerivedFrom)
			}
			src = next
		}
		if len(src.Registers) == 0 && src.DerivedFrom != "" {
			return nil, fmt.Errorf("svd: derivedFrom cycle at %s", p.Name)
		}
		p.Registers = copyRegisters(src.Registers)
	}
	return d, nil
}

func copyRegisters(rs []Register) []Register {
	out := make([]Register, len(rs))
	for i, r := range rs {
		out[i] = r
		out[i].Fields = append([]Field(nil), r.Fields...)
	}
	return out
}

func convPeripheral(xp *xmlPeripheral, dev *xmlProps) (*Peripheral, error) {
	base, err := num(xp.Base)
	if err != nil {
		return nil, fmt.Errorf("baseAddress: %w", err)
	}
	p := &Peripheral{Name: strings.TrimSpace(xp.Name), DerivedFrom: strings.TrimSpace(xp.DerivedFrom), Base: base}
	for _, xi := range xp.Interrupts {
		v, err := num(xi.Value)
		if err != nil {
			return nil, fmt.Errorf("interrupt %s: %w", xi.Name, err)
		}
		p.Interrupts = append(p.Interrupts, Interrupt{Name: strings.TrimSpace(xi.Name), Value: int(v)})
	}
	props := inherit(xp.xmlProps, *dev)
	for _, xr := range xp.Registers {
		r, err := convRegister(&xr, props)
		if err != nil {
			return nil, fmt.Errorf("register %s: %w", xr.Name, err)
		}
		p.Registers = append(p.Registers, r)
	}
	return p, nil
}

// inherit fills the empty properties of own from outer.
func inherit(own, outer xmlProps) xmlProps {
	if own.Size == "" {
		own.Size = outer.Size
	}
	if own.Reset == "" {
		own.Reset = outer.Reset
	}
	if own.Access == "" {
		own.Access = outer.Access
	}
	return own
}

func convRegister(xr *xmlRegister, outer xmlProps) (Register, error) {
	props := inherit(xr.xmlProps, outer)
	r := Register{Name: strings.TrimSpace(xr.Name), Access: strings.TrimSpace(props.Access)}
	var err error
	if r.Offset, err = num(xr.Offset); err != nil {
		return r, fmt.Errorf("addressOffset: %w", err)
	}
	if r.Size, err = num(props.Size); err != nil {
		return r, fmt.Errorf("size: %w", err)
	}
	if r.Reset, err = num(props.Reset); err != nil {
		return r, fmt.Errorf("resetValue: %w", err)
	}
	for _, xf := range xr.Fields {
		f := Field{Name: strings.TrimSpace(xf.Name), Access: strings.TrimSpace(xf.Access)}
		switch {
		case xf.BitOffset != "" || xf.BitWidth != "":
			if f.BitOffset, err = num(xf.BitOffset); err == nil {
				f.BitWidth, err = num(xf.BitWidth)
			}
		case xf.LSB != "" || xf.MSB != "":
			var msb uint32
			if f.BitOffset, err = num(xf.LSB); err == nil {
				if msb, err = num(xf.MSB); err == nil {
					f.BitWidth = msb - f.BitOffset + 1
				}
			}
		default: // bitRange "[msb:lsb]"
			var msb uint32
			s := strings.TrimSpace(xf.BitRange)
			hi, lo, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"), ":")
			if !ok {
				err = fmt.Errorf("no bit position")
			} else if msb, err = num(hi); err == nil {
				f.BitOffset, err = num(lo)
				f.BitWidth = msb - f.BitOffset + 1
			}
		}
		if err == nil && (f.BitWidth == 0 || f.BitWidth > 32 || f.BitOffset+f.BitWidth > 32) {
			err = fmt.Errorf("bits %d+%d outside a 32-bit register", f.BitOffset, f.BitWidth)
		}
		if err != nil {
			return r, fmt.Errorf("field %s: %w", f.Name, err)
		}
		r.Fields = append(r.Fields, f)
	}
	return r, nil
}

// num parses an SVD scaledNonNegativeInteger that fits 32 bits: 0x… / 0X… hex,
// #… binary, or decimal. Scale suffixes (k, M, G, T) are not used by ST and rejected.
func num(s string) (uint32, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, errors.New("missing number")
	}
	var v uint64
	var err error
	if rest, ok := strings.CutPrefix(s, "#"); ok {
		v, err = strconv.ParseUint(rest, 2, 32)
	} else if rest, ok := strings.CutPrefix(s, "0x"); ok {
		v, err = strconv.ParseUint(rest, 16, 32)
	} else {
		v, err = strconv.ParseUint(s, 10, 32)
	}
	if err != nil {
		return 0, err
	}
	return uint32(v), nil
}

// DefaultPath is the ST SVD used by the tests: ../shared/svd/STM32F769.svd relative to
// the module root, the nearest directory at or above the working directory that holds
// go.mod. It returns an error when no go.mod is found.
func DefaultPath() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "svd", "STM32F769.svd"), nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("svd: no go.mod at or above the working directory")
		}
		dir = up
	}
}

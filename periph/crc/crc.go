package crc

import (
	"math/bits"

	"m7emu/bus"
)

// CRC is the CRC calculation unit. It has no clock-dependent behaviour and raises no
// interrupt, so it needs no configuration.
type CRC struct {
	dr   uint32 // the CRC register, POLYSIZE bits wide (upper bits zero)
	idr  uint32
	cr   uint32
	init uint32
	pol  uint32
}

// New returns the unit in its reset state.
func New() *CRC {
	c := &CRC{}
	c.Reset()
	return c
}

// Reset restores the reset values (RM0410 §14.4).
func (c *CRC) Reset() {
	c.dr, c.idr, c.cr, c.init, c.pol = ResetDR, 0, 0, ResetINIT, ResetPOL
}

// size is the CRC width in bits selected by CR.POLYSIZE.
func (c *CRC) size() uint {
	return [4]uint{32, 16, 8, 7}[(c.cr&crPOLYSIZE)>>crPOLYSIZEPos]
}

func sizeMask(n uint) uint32 {
	if n >= 32 {
		return 0xFFFFFFFF
	}
	return 1<<n - 1
}

// reverseIn applies CR.REV_IN to nbits of input data d (RM0410 §14.3).
func (c *CRC) reverseIn(d uint32, nbits uint) uint32 {
	mode := (c.cr & crREVIN) >> crREVINPos
	unit := [4]uint{0, 8, 16, 32}[mode]
	if unit == 0 {
		return d
	}
	if unit > nbits {
		unit = nbits // a unit wider than the write reverses the whole write
	}
	var out uint32
	for sh := uint(0); sh < nbits; sh += unit {
		part := d >> sh & sizeMask(unit)
		out |= bits.Reverse32(part) >> (32 - unit) << sh
	}
	return out
}

// feed runs nbits of data (most significant first) through the CRC register.
func (c *CRC) feed(d uint32, nbits uint) {
	d = c.reverseIn(d, nbits)
	n := c.size()
	mask := sizeMask(n)
	pol := c.pol & mask
	crc := c.dr & mask
	top := uint32(1) << (n - 1)
	for i := int(nbits) - 1; i >= 0; i-- {
		in := d >> uint(i) & 1
		fb := in ^ (crc&top)>>(n-1)
		crc = crc << 1 & mask
		if fb != 0 {
			crc ^= pol
		}
	}
	c.dr = crc
}

// readDR is the value CRC_DR reads: the CRC, bit-reversed over the CRC size when
// CR.REV_OUT is set.
func (c *CRC) readDR() uint32 {
	n := c.size()
	v := c.dr & sizeMask(n)
	if c.cr&crREVOUT != 0 {
		v = bits.Reverse32(v) >> (32 - n)
	}
	return v
}

// Read implements bus.Device. Reserved offsets read as zero.
func (c *CRC) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regDR:
		v = c.readDR()
	case regIDR:
		v = c.idr
	case regCR:
		v = c.cr
	case regINIT:
		v = c.init
	case regPOL:
		v = c.pol
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. A write to CRC_DR of any width feeds that many bits
// (the written bytes' value, whatever the byte lane); reserved offsets ignore writes.
func (c *CRC) Write(off uint32, w bus.Width, v uint32) error {
	switch off &^ 3 {
	case regDR:
		nbits := uint(w) * 8
		c.feed(v&sizeMask(nbits), nbits)
	case regIDR:
		c.idr = bus.Merge(c.idr, off, w, v) & 0xFF
	case regCR:
		cr := bus.Merge(c.cr, off, w, v)
		c.cr = cr & crWritable
		if cr&crRESET != 0 {
			c.dr = c.init & sizeMask(c.size())
		}
	case regINIT:
		c.init = bus.Merge(c.init, off, w, v)
	case regPOL:
		c.pol = bus.Merge(c.pol, off, w, v)
	}
	return nil
}

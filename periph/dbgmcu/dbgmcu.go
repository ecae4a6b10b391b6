package dbgmcu

import "m7emu/bus"

// DBGMCU holds the debug configuration registers.
type DBGMCU struct {
	cr, apb1, apb2 uint32
}

// New returns DBGMCU in its reset state.
func New() *DBGMCU { return &DBGMCU{} }

// PowerOnReset clears the configuration registers. There is deliberately no Reset
// method: DBGMCU_CR and the freeze registers are reset by a power-on reset only, not
// by a system reset (RM0410 §40.16), so the board must not clear them on a system
// reset; New returns the power-on state.
func (d *DBGMCU) PowerOnReset() { d.cr, d.apb1, d.apb2 = 0, 0, 0 }

// CR, APB1FZ and APB2FZ return the recorded configuration registers.
func (d *DBGMCU) CR() uint32     { return d.cr }
func (d *DBGMCU) APB1FZ() uint32 { return d.apb1 }
func (d *DBGMCU) APB2FZ() uint32 { return d.apb2 }

// Read implements bus.Device.
func (d *DBGMCU) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regIDCODE:
		v = IDCODE
	case regCR:
		v = d.cr
	case regAPB1FZ:
		v = d.apb1
	case regAPB2FZ:
		v = d.apb2
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. IDCODE and reserved bits ignore writes.
func (d *DBGMCU) Write(off uint32, w bus.Width, v uint32) error {
	switch off &^ 3 {
	case regCR:
		d.cr = bus.Merge(d.cr, off, w, v) & crWritable
	case regAPB1FZ:
		d.apb1 = bus.Merge(d.apb1, off, w, v) & apb1Writable
	case regAPB2FZ:
		d.apb2 = bus.Merge(d.apb2, off, w, v) & apb2Writable
	}
	return nil
}

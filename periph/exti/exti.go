package exti

import (
	"m7emu/bus"
	"m7emu/irq"
)

// Config gives EXTI its outputs.
type Config struct {
	// IRQ holds one line per output (OutEXTI0 … OutMDIOS); nil entries go nowhere.
	// Each is driven level-style: high while any of its lines has PR and IMR set.
	IRQ [NumOutputs]irq.Line
	// OnEvent is called for each trigger (selected edge or SWIER) of a line whose EMR
	// bit is set: the event output that wakes a core waiting in WFE. Nil: ignored.
	OnEvent func(line int)
}

// EXTI is the extended interrupts and events controller. Its state changes only
// through register writes, Input and Reset.
type EXTI struct {
	cfg                         Config
	imr, emr, rtsr, ftsr, swier uint32
	pr                          uint32
	in                          uint32 // last level seen on each input line
	out                         [NumOutputs]bool
}

// New returns EXTI in its reset state (all registers 0, all inputs low).
func New(cfg Config) *EXTI {
	e := &EXTI{cfg: cfg}
	return e
}

// Reset restores the reset values (all 0, RM0410 §11) and lowers any asserted output.
// The input levels are kept: they belong to the lines' sources, not to EXTI.
func (e *EXTI) Reset() {
	e.imr, e.emr, e.rtsr, e.ftsr, e.swier, e.pr = 0, 0, 0, 0, 0, 0
	e.drive()
}

// Pending returns EXTI_PR.
func (e *EXTI) Pending() uint32 { return e.pr }

// Output returns the level of output n (OutEXTI0 …).
func (e *EXTI) Output(n int) bool { return n >= 0 && n < NumOutputs && e.out[n] }

// Input gives line its new level. An edge selected by RTSR (rising) or FTSR (falling)
// triggers the line (RM0410 §11, functional description): with IMR set, the PR bit is
// set and the line's output asserted; with EMR set, an event is generated. A level
// equal to the last one is no edge. Lines out of range are ignored.
func (e *EXTI) Input(line int, level bool) {
	if line < 0 || line >= NumLines {
		return
	}
	b := uint32(1) << line
	old := e.in&b != 0
	if level {
		e.in |= b
	} else {
		e.in &^= b
	}
	if old == level {
		return
	}
	if level && e.rtsr&b != 0 || !level && e.ftsr&b != 0 {
		e.trigger(b)
	}
}

// trigger applies one trigger to the lines in b. The pending bit is set only for
// lines not masked in IMR: in the EXTI block diagram the interrupt mask gates the
// request before the pending request register, and SWIER "sets the corresponding
// pending bit in EXTI_PR" only "if the interrupt is enabled on this line in EXTI_IMR"
// (RM0410 §11, EXTI_SWIER; the same as RM0090 §12.3).
func (e *EXTI) trigger(b uint32) {
	e.pr |= b & e.imr
	if ev := b & e.emr; ev != 0 && e.cfg.OnEvent != nil {
		for line := range NumLines {
			if ev>>line&1 != 0 {
				e.cfg.OnEvent(line)
			}
		}
	}
	e.drive()
}

// drive recomputes the outputs and tells the lines that changed, in output order.
//
// Deviation: an output is PR & IMR, so clearing IMR with PR still set lowers it; in the
// block diagram IMR gates the request ahead of PR. Embassy's ISR clears IMR and then PR,
// so either reading leaves the vector released. (The issue asks for PR & IMR.)
func (e *EXTI) drive() {
	act := e.pr & e.imr
	var lvls [NumOutputs]bool
	for line := range NumLines {
		if act>>line&1 != 0 {
			lvls[OutputOf(line)] = true
		}
	}
	for n, lvl := range lvls {
		if lvl != e.out[n] {
			e.out[n] = lvl
			if e.cfg.IRQ[n] != nil {
				e.cfg.IRQ[n].Set(lvl)
			}
		}
	}
}

// Read implements bus.Device: byte, halfword and word reads return the addressed
// bytes; reserved offsets and bits read 0.
func (e *EXTI) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regIMR:
		v = e.imr
	case regEMR:
		v = e.emr
	case regRTSR:
		v = e.rtsr
	case regFTSR:
		v = e.ftsr
	case regSWIER:
		v = e.swier
	case regPR:
		v = e.pr
	}
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. A narrow write affects only the addressed bytes (for PR
// and SWIER the other bytes are written as 0, which leaves them unchanged).
func (e *EXTI) Write(off uint32, w bus.Width, v uint32) error {
	reg := off &^ 3
	var mask uint32 = 0xFFFF_FFFF
	if w != 4 || off&3 != 0 {
		sh := 8 * (off & 3)
		mask = 0xFF << sh
		if w == 2 {
			mask = 0xFFFF << sh
		}
		v <<= sh
	}
	v &= mask & lineMask
	mask &= lineMask
	switch reg {
	case regIMR:
		e.imr = e.imr&^mask | v
		e.drive()
	case regEMR:
		e.emr = e.emr&^mask | v
	case regRTSR:
		e.rtsr = e.rtsr&^mask | v
	case regFTSR:
		e.ftsr = e.ftsr&^mask | v
	case regSWIER:
		// Writing 1 to a bit at 0 triggers the line; SWIER bits are cleared only by
		// clearing PR (RM0410 §11, EXTI_SWIER). Deviation: writing 0 is taken as no
		// effect.
		rise := v &^ e.swier
		e.swier |= v
		if rise != 0 {
			e.trigger(rise)
		}
	case regPR:
		// rc_w1: writing 1 clears the pending bit, and with it the SWIER bit
		// (RM0410 §11, EXTI_PR).
		e.pr &^= v
		e.swier &^= v
		e.drive()
	}
	return nil
}

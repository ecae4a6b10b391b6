// Package irq is the leaf package for interrupt request lines: a peripheral drives a
// Line, and the NVIC (or EXTI, or a test recorder) receives it. Lines are level
// sensitive, as in the Armv7-M NVIC (Arm DDI0403E B3.4.1): an asserted line makes its
// interrupt pending; a pulse (assert then deassert) latches the pending bit.
package irq

// Line is one interrupt request line.
type Line interface {
	Set(level bool)
}

// Pulse asserts and deasserts a line (a single event).
func Pulse(l Line) {
	l.Set(true)
	l.Set(false)
}

// Func adapts a function to a Line.
type Func func(level bool)

// Set calls f.
func (f Func) Set(level bool) { f(level) }

// Recorder is a Line for tests: it records every level it is given.
type Recorder struct {
	Levels []bool
}

// Set records the level.
func (r *Recorder) Set(level bool) { r.Levels = append(r.Levels, level) }

// Level returns the last level set (false if none).
func (r *Recorder) Level() bool {
	return len(r.Levels) > 0 && r.Levels[len(r.Levels)-1]
}

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

// Or combines several lines onto one (a shared interrupt vector, as the STM32F7's
// TIM1_BRK_TIM9): the output is high while any input is high. The output is driven
// only when the combined level changes.
type Or struct {
	out    Line
	inputs []bool
	level  bool
}

// NewOr returns an OR gate driving out (nil: a gate whose output goes nowhere).
func NewOr(out Line) *Or { return &Or{out: out} }

// Input adds an input to the gate and returns it.
func (o *Or) Input() Line {
	i := len(o.inputs)
	o.inputs = append(o.inputs, false)
	return Func(func(level bool) { o.set(i, level) })
}

// Level returns the output level.
func (o *Or) Level() bool { return o.level }

func (o *Or) set(i int, level bool) {
	o.inputs[i] = level
	high := false
	for _, l := range o.inputs {
		high = high || l
	}
	if high == o.level {
		return
	}
	o.level = high
	if o.out != nil {
		o.out.Set(high)
	}
}

// Package sched is the cycle-domain event scheduler and the simulated time base.
//
// Time base: the scheduler counts CPU cycles (Cycle). Simulated time is derived from
// cycles through a piecewise-constant clock: each time the core clock frequency
// changes, the current instant is recorded as an epoch (cycle count and time in
// picoseconds), and time within a segment is epoch time + (cycles − epoch cycles) ×
// 10^12 / Hz, computed with 128-bit intermediate precision and truncated to the
// picosecond. So time stays exact within a segment, loses less than 1 ps per clock
// change, and never depends on the current frequency for the past (a run at 16 MHz
// that switches to 216 MHz keeps the time it had). uint64 picoseconds cover 213 days.
//
// Events fire in time order; events due at the same cycle fire in the order they were
// scheduled (a sequence number breaks ties), so runs are deterministic.
package sched

import (
	"container/heap"
	"math/bits"
)

// Cycle is a count of CPU cycles since reset.
type Cycle = uint64

// Clock converts cycles to simulated time.
type Clock struct {
	hz         uint64
	epochCycle Cycle
	epochPs    uint64
}

// NewClock returns a clock running at hz from cycle 0, time 0.
func NewClock(hz uint64) *Clock {
	if hz == 0 {
		hz = 1
	}
	return &Clock{hz: hz}
}

// Hz returns the current frequency.
func (c *Clock) Hz() uint64 { return c.hz }

// Picos returns the simulated time at cycle now, in picoseconds.
func (c *Clock) Picos(now Cycle) uint64 {
	d := now - c.epochCycle
	hi, lo := bits.Mul64(d, 1_000_000_000_000)
	if hi >= c.hz {
		return ^uint64(0) // beyond the range of the time base
	}
	q, _ := bits.Div64(hi, lo, c.hz)
	return c.epochPs + q
}

// Nanos returns the simulated time at cycle now, in nanoseconds.
func (c *Clock) Nanos(now Cycle) uint64 { return c.Picos(now) / 1000 }

// SetHz changes the frequency at cycle now; time up to now is kept.
func (c *Clock) SetHz(now Cycle, hz uint64) {
	if hz == 0 {
		hz = 1
	}
	c.epochPs = c.Picos(now)
	c.epochCycle = now
	c.hz = hz
}

// CyclesFor returns how many cycles from now, at the current frequency, it takes until
// at least ps picoseconds of simulated time have elapsed (rounded up).
func (c *Clock) CyclesFor(ps uint64) Cycle {
	hi, lo := bits.Mul64(ps, c.hz)
	const tera = 1_000_000_000_000
	if hi >= tera {
		return ^uint64(0)
	}
	q, r := bits.Div64(hi, lo, tera)
	if r != 0 {
		q++
	}
	return q
}

// Event is a scheduled callback, allocated once and rescheduled as needed.
type Event struct {
	name  string
	fn    func(now Cycle)
	at    Cycle
	seq   uint64
	index int // position in the heap, -1 when not scheduled
}

// Name returns the event's name.
func (e *Event) Name() string { return e.name }

// Scheduled reports whether the event is pending.
func (e *Event) Scheduled() bool { return e.index >= 0 }

// At returns the cycle the event is due at (meaningful when Scheduled).
func (e *Event) At() Cycle { return e.at }

// Scheduler holds pending events in a min-heap ordered by (cycle, sequence).
type Scheduler struct {
	now Cycle
	seq uint64
	q   eventHeap

	// OnSchedule, if set, is told the cycle of every event scheduled. The board uses
	// it to end the core's current run slice early when an event is scheduled before
	// the slice's end (e.g. firmware enabling SysTick).
	OnSchedule func(t Cycle)
}

// New returns an empty scheduler at cycle 0.
func New() *Scheduler { return &Scheduler{} }

// NewEvent creates an unscheduled event.
func (s *Scheduler) NewEvent(name string, fn func(now Cycle)) *Event {
	return &Event{name: name, fn: fn, index: -1}
}

// Now returns the current cycle.
func (s *Scheduler) Now() Cycle { return s.now }

// At schedules e at cycle t (or reschedules it). A time in the past fires at the next
// Advance.
func (s *Scheduler) At(e *Event, t Cycle) {
	s.seq++
	e.at, e.seq = t, s.seq
	if e.index >= 0 {
		heap.Fix(&s.q, e.index)
	} else {
		heap.Push(&s.q, e)
	}
	if s.OnSchedule != nil {
		s.OnSchedule(t)
	}
}

// After schedules e d cycles from now.
func (s *Scheduler) After(e *Event, d Cycle) { s.At(e, s.now+d) }

// Cancel unschedules e (no effect if it is not scheduled).
func (s *Scheduler) Cancel(e *Event) {
	if e.index >= 0 {
		heap.Remove(&s.q, e.index)
	}
}

// Next returns the cycle of the earliest pending event and true, or false if none.
func (s *Scheduler) Next() (Cycle, bool) {
	if len(s.q) == 0 {
		return 0, false
	}
	return s.q[0].at, true
}

// Advance moves time to t (never backwards) and fires every event due at or before
// it, in order. Callbacks may schedule further events; ones due by t also fire.
func (s *Scheduler) Advance(t Cycle) {
	for len(s.q) > 0 && s.q[0].at <= t {
		e := heap.Pop(&s.q).(*Event)
		if e.at > s.now {
			s.now = e.at
		}
		e.fn(s.now)
	}
	if t > s.now {
		s.now = t
	}
}

// Reset drops every pending event and returns to cycle 0.
func (s *Scheduler) Reset() {
	for _, e := range s.q {
		e.index = -1
	}
	s.q = s.q[:0]
	s.now = 0
}

type eventHeap []*Event

func (h eventHeap) Len() int { return len(h) }
func (h eventHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].seq < h[j].seq
}
func (h eventHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *eventHeap) Push(x any) {
	e := x.(*Event)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *eventHeap) Pop() any {
	old := *h
	n := len(old)
	e := old[n-1]
	old[n-1] = nil
	e.index = -1
	*h = old[:n-1]
	return e
}

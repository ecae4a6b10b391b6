package board

import (
	"cmp"
	"fmt"
	"slices"

	"m7emu/sched"
)

// DefaultHold is how long a Press holds its button when Press.Hold is 0: 50 ms, in
// picoseconds.
const DefaultHold uint64 = 50_000_000_000

// Press is a scripted button press: Button is pressed at simulated time At and released
// Hold later (0: DefaultHold). Times are picoseconds of simulated time.
type Press struct {
	Button string
	At     uint64
	Hold   uint64
}

// UARTInput is host data fed to the console USART's receiver (ConsoleInput) at
// simulated time At, in picoseconds. The bytes go on the wire from that instant, back
// to back, as the USART's Receive describes.
type UARTInput struct {
	Data []byte
	At   uint64
}

// timedAction is one scripted host action at an exact simulated time.
type timedAction struct {
	at    uint64 // picoseconds
	ev    *sched.Event
	fired bool
	run   func()
}

// hostScript schedules Config.Presses and Config.UARTInputs on the scheduler.
//
// Time: the actions are given in picoseconds; the scheduler counts cycles. An action's
// cycle is derived from the clock when it is scheduled (the first cycle at or after its
// time, exact at 16 MHz for times that are multiples of 62.5 ns) and derived again on
// every clock change (ClockChanged), so a switch to 216 MHz before the action keeps it
// at its simulated time, to within one cycle of the new clock.
//
// Reset: the board's power-on Reset restarts the scheduler at cycle 0 and the script
// replays from the start, buttons released; a system reset (AIRCR.SYSRESETREQ) keeps
// simulated time, so actions already done stay done and a held button stays held.
type hostScript struct {
	b       *Board
	actions []*timedAction
	held    map[string]int // presses in progress, by button name (lookup only)
}

// buildInputs checks and registers the scripted inputs.
func (b *Board) buildInputs() error {
	if len(b.cfg.Presses) == 0 && len(b.cfg.UARTInputs) == 0 {
		return nil
	}
	s := &hostScript{b: b, held: make(map[string]int)}
	for i, p := range b.cfg.Presses {
		spec, ok := b.button(p.Button)
		if !ok {
			return fmt.Errorf("press %d: board %s has no button %q%s", i+1, b.Machine.Name, p.Button, b.buttonList())
		}
		hold := p.Hold
		if hold == 0 {
			hold = DefaultHold
		}
		if p.At > ^uint64(0)-hold {
			return fmt.Errorf("press %d of %s: time out of range", i+1, spec.Name)
		}
		name := spec.Name
		s.add(fmt.Sprintf("press %s", name), p.At, func() {
			s.held[name]++
			if s.held[name] == 1 {
				b.hostButton(spec, true)
			}
		})
		s.add(fmt.Sprintf("release %s", name), p.At+hold, func() {
			if s.held[name] > 0 {
				s.held[name]--
				if s.held[name] == 0 {
					b.hostButton(spec, false)
				}
			}
		})
	}
	if len(b.cfg.UARTInputs) > 0 && b.console == nil {
		return fmt.Errorf("board %s has no console USART for UART input", b.Machine.Name)
	}
	for _, in := range b.cfg.UARTInputs {
		data := append([]byte(nil), in.Data...)
		s.add("uart input", in.At, func() { b.ConsoleInput(data) })
	}
	// Time order, ties in the order given (a press's release before a later press at
	// the same instant): the scheduler fires same-cycle events in scheduling order.
	slices.SortStableFunc(s.actions, func(x, y *timedAction) int { return cmp.Compare(x.at, y.at) })
	b.resetters = append(b.resetters, s)
	b.clocked = append(b.clocked, s)
	return nil
}

func (s *hostScript) add(name string, at uint64, run func()) {
	a := &timedAction{at: at, run: run}
	a.ev = s.b.Sched.NewEvent(name, func(sched.Cycle) {
		a.fired = true
		a.run()
	})
	s.actions = append(s.actions, a)
}

// Reset re-arms the script: from the start after a power-on reset (the scheduler is
// back at cycle 0), otherwise only the clock-derived cycles are refreshed.
func (s *hostScript) Reset() {
	now := s.b.Sched.Now()
	if now == 0 {
		for _, a := range s.actions {
			a.fired = false
		}
		clear(s.held)
		for _, spec := range s.b.Buttons() {
			s.b.driveButton(spec, false)
		}
	}
	s.reschedule(now)
}

// ClockChanged derives the actions' cycles again from the new core clock.
func (s *hostScript) ClockChanged() { s.reschedule(s.b.CPU.Cycles) }

// reschedule puts every pending action at the first cycle at or after its time, seen
// from cycle now, in time order. An action already due (at or before now) is left
// where it is.
func (s *hostScript) reschedule(now sched.Cycle) {
	clk := s.b.Clock
	nowPs := clk.Picos(now)
	for _, a := range s.actions {
		if a.fired || (a.ev.Scheduled() && a.ev.At() <= now) {
			continue
		}
		t := now
		if a.at > nowPs {
			d := clk.CyclesFor(a.at - nowPs)
			if d > ^uint64(0)-now {
				d = ^uint64(0) - now
			}
			t = now + d
		}
		s.b.Sched.At(a.ev, t)
	}
}

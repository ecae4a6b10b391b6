package sched

import "testing"

func TestClockExactAcrossChanges(t *testing.T) {
	c := NewClock(16_000_000)
	// 16 MHz: 16e6 cycles = 1 s.
	if got := c.Picos(16_000_000); got != 1_000_000_000_000 {
		t.Fatalf("1 s at 16 MHz: got %d ps", got)
	}
	// Switch to 216 MHz at 1 s; 216e6 more cycles is one more second.
	c.SetHz(16_000_000, 216_000_000)
	if got := c.Picos(16_000_000 + 216_000_000); got != 2_000_000_000_000 {
		t.Fatalf("2 s after switch: got %d ps", got)
	}
	// One cycle at 216 MHz is 4629.629… ps, truncated.
	if got := c.Picos(16_000_001) - 1_000_000_000_000; got != 4629 {
		t.Fatalf("one 216 MHz cycle: got %d ps, want 4629", got)
	}
	// The past does not change with the new frequency.
	if got := c.Nanos(16_000_000); got != 1_000_000_000 {
		t.Fatalf("time at switch: %d ns", got)
	}
}

func TestClockCyclesFor(t *testing.T) {
	c := NewClock(216_000_000)
	cases := []struct{ ps, want uint64 }{
		{0, 0},
		{1, 1},
		{1_000_000_000_000, 216_000_000},
		{4629, 1},
		{4630, 2},
	}
	for _, tc := range cases {
		if got := c.CyclesFor(tc.ps); got != tc.want {
			t.Errorf("CyclesFor(%d ps) = %d, want %d", tc.ps, got, tc.want)
		}
	}
}

func TestSchedulerOrderTiesCancelReschedule(t *testing.T) {
	s := New()
	var log []string
	mk := func(name string) *Event {
		return s.NewEvent(name, func(now Cycle) { log = append(log, name) })
	}
	a, b, c, d := mk("a"), mk("b"), mk("c"), mk("d")
	s.At(b, 10)
	s.At(a, 10) // same cycle: fires after b (scheduled later)
	s.At(c, 5)
	s.At(d, 7)
	s.Cancel(d)
	if n, ok := s.Next(); !ok || n != 5 {
		t.Fatalf("Next = %d %v", n, ok)
	}
	s.Advance(9)
	if len(log) != 1 || log[0] != "c" || s.Now() != 9 {
		t.Fatalf("after Advance(9): %v now=%d", log, s.Now())
	}
	s.At(c, 10) // rescheduled after a and b
	s.Advance(20)
	want := []string{"c", "b", "a", "c"}
	if len(log) != len(want) {
		t.Fatalf("log %v, want %v", log, want)
	}
	for i := range want {
		if log[i] != want[i] {
			t.Fatalf("log %v, want %v", log, want)
		}
	}
	if d.Scheduled() || s.Now() != 20 {
		t.Fatalf("d scheduled=%v now=%d", d.Scheduled(), s.Now())
	}
}

func TestSchedulerRescheduleInsideCallback(t *testing.T) {
	s := New()
	n := 0
	var e *Event
	e = s.NewEvent("tick", func(now Cycle) {
		n++
		if n < 5 {
			s.At(e, now+3)
		}
	})
	s.At(e, 3)
	s.Advance(100)
	if n != 5 {
		t.Fatalf("fired %d times, want 5", n)
	}
}

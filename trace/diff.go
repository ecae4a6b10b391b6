package trace

import (
	"bufio"
	"fmt"
	"io"
)

// DiffOptions controls Diff.
type DiffOptions struct {
	// TolerancePs, when non-zero, makes Diff ignore cycle counts and accept events
	// whose times differ by at most this many picoseconds. With 0, cycle and time
	// must be equal.
	TolerancePs uint64
	// Context is the number of events shown on each side of the divergence by
	// Divergence.Format; 0 means DefaultContext, a negative value none.
	Context int
}

// DefaultContext is the number of context events Format shows when
// DiffOptions.Context is 0.
const DefaultContext = 3

// Divergence is the first difference between two traces.
type Divergence struct {
	// IndexA and IndexB are the indexes in the Records of A and B of the first pair
	// that does not match (always equal: records are paired by index). An index
	// equal to the number of records means that trace ended there (EndA/EndB).
	IndexA, IndexB int
	// LineA and LineB are the 1-based line numbers of those records; 0 when the
	// trace ended.
	LineA, LineB int
	// EndA and EndB report that A (or B) has no event at the divergence: the
	// other trace has more events.
	EndA, EndB bool
	// Picos is the simulated time of the divergence: the earlier of the two
	// events' times, or the time of the only event when one trace ended.
	Picos uint64

	a, b    *File
	context int
	tol     uint64
}

// Diff compares the events of two traces (metadata and comments are not compared)
// and returns their first divergence, or nil if they are equivalent. Records are
// paired by index; a pair matches when Kind and Args are equal and, with
// o.TolerancePs == 0, Cycle and Picos are equal too, or with o.TolerancePs > 0,
// the times differ by at most o.TolerancePs (cycles are then ignored).
func Diff(a, b *File, o DiffOptions) *Divergence {
	ctx := o.Context
	if ctx == 0 {
		ctx = DefaultContext
	} else if ctx < 0 {
		ctx = 0
	}
	var ra, rb []Record
	if a != nil {
		ra = a.Records
	}
	if b != nil {
		rb = b.Records
	}
	i := 0
	for ; i < len(ra) && i < len(rb); i++ {
		if !match(&ra[i], &rb[i], o.TolerancePs) {
			break
		}
	}
	if i == len(ra) && i == len(rb) {
		return nil
	}
	d := &Divergence{IndexA: i, IndexB: i, a: a, b: b, context: ctx, tol: o.TolerancePs}
	switch {
	case i == len(ra):
		d.EndA = true
		d.LineB, d.Picos = rb[i].Line, rb[i].Picos
	case i == len(rb):
		d.EndB = true
		d.LineA, d.Picos = ra[i].Line, ra[i].Picos
	default:
		d.LineA, d.LineB = ra[i].Line, rb[i].Line
		d.Picos = min(ra[i].Picos, rb[i].Picos)
	}
	return d
}

func match(x, y *Record, tol uint64) bool {
	if x.Kind != y.Kind || x.Args != y.Args {
		return false
	}
	if tol == 0 {
		return x.Cycle == y.Cycle && x.Picos == y.Picos
	}
	if x.Picos > y.Picos {
		return x.Picos-y.Picos <= tol
	}
	return y.Picos-x.Picos <= tol
}

// Format writes a readable report of the divergence, naming the traces nameA and
// nameB (usually their paths). The layout, documented in docs/trace-format.md, is:
//
//	traces differ at event 5 (simulated time 0.500007812 s)
//	  a.trace:6 b.trace:6: 3120 0.000195000 gpio PJ13 1
//	- a.trace:7: 8000125 0.500007812 exc-entry 15 SysTick
//	+ b.trace:7: 8000126 0.500007875 exc-entry 15 SysTick
//	  a.trace:8: 8000190 0.500011875 exc-return 15 SysTick
//	  b.trace:8: 8000191 0.500011937 exc-return 15 SysTick
//
// Context lines before the divergence show both line numbers and the event once
// when both sides have the same text, and one line per side otherwise (possible
// with a time tolerance). A trace that ended is shown as "- a.trace: ends here
// after N events". A nil Divergence writes "traces are equivalent". It returns
// the first write error.
func (d *Divergence) Format(w io.Writer, nameA, nameB string) error {
	bw := bufio.NewWriter(w)
	if d == nil {
		bw.WriteString("traces are equivalent\n")
		return bw.Flush()
	}
	var ra, rb []Record
	if d.a != nil {
		ra = d.a.Records
	}
	if d.b != nil {
		rb = d.b.Records
	}
	i := d.IndexA
	fmt.Fprintf(bw, "traces differ at event %d (simulated time %s s)", i+1, FormatTime(d.Picos))
	switch {
	case d.EndA:
		fmt.Fprintf(bw, ": %s ends, %s has more events", nameA, nameB)
	case d.EndB:
		fmt.Fprintf(bw, ": %s has more events, %s ends", nameA, nameB)
	}
	if d.tol > 0 {
		fmt.Fprintf(bw, " [time tolerance %d ps, cycles ignored]", d.tol)
	}
	bw.WriteString("\n")

	// Context before: the matching events just before the divergence.
	for j := max(0, i-d.context); j < i && j < len(ra) && j < len(rb); j++ {
		sa, sb := ra[j].String(), rb[j].String()
		if sa == sb {
			fmt.Fprintf(bw, "  %s:%d %s:%d: %s\n", nameA, ra[j].Line, nameB, rb[j].Line, sa)
		} else {
			fmt.Fprintf(bw, "  %s:%d: %s\n", nameA, ra[j].Line, sa)
			fmt.Fprintf(bw, "  %s:%d: %s\n", nameB, rb[j].Line, sb)
		}
	}

	// The divergence.
	side := func(sign byte, name string, rs []Record) {
		if i < len(rs) {
			fmt.Fprintf(bw, "%c %s:%d: %s\n", sign, name, rs[i].Line, rs[i].String())
		} else {
			fmt.Fprintf(bw, "%c %s: ends here after %d events\n", sign, name, len(rs))
		}
	}
	side('-', nameA, ra)
	side('+', nameB, rb)

	// Context after, from each side.
	after := func(name string, rs []Record) {
		for j := i + 1; j <= i+d.context && j < len(rs); j++ {
			fmt.Fprintf(bw, "  %s:%d: %s\n", name, rs[j].Line, rs[j].String())
		}
	}
	after(nameA, ra)
	after(nameB, rb)
	return bw.Flush()
}

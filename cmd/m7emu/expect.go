package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"m7emu/trace"
)

// Expectations watch the firmware's output while it runs (Wokwi's --expect-text and
// --fail-text; a suite case's expect-text/fail-text): the run ends as soon as every
// expected text has appeared, or at once when a failure text appears.
//
// Sources: "output" (the console USART and semihosting, what `run` prints),
// "uart:NAME" (one USART), "semihosting" (semihosting stdout and stderr) and "trace"
// (the trace's event lines without their cycle and time, e.g. `gpio PJ13 1`). Plain
// texts match anywhere in the source's byte stream, across line breaks; regular
// expressions (RE2 syntax) match one line at a time, without its line ending.

// expectation is one expected or forbidden text.
type expectation struct {
	Source string         // see above; "" = "output"
	Text   string         // plain text (when Re is nil)
	Re     *regexp.Regexp // regular expression
	Fail   bool           // a failure text: seeing it fails the run
	Where  string         // where it was written ("--expect-text", "suite.yaml:12"), for messages

	met bool
}

// String describes the expectation for messages: expect-text "ready" on uart:usart1.
func (e *expectation) String() string {
	kind := "expect"
	if e.Fail {
		kind = "fail"
	}
	var what string
	if e.Re != nil {
		what = fmt.Sprintf("%s-regex /%s/", kind, e.Re.String())
	} else {
		what = fmt.Sprintf("%s-text %q", kind, e.Text)
	}
	return what + " on " + e.source()
}

func (e *expectation) source() string {
	if e.Source == "" {
		return "output"
	}
	return e.Source
}

// watcher is a trace sink that checks expectations against the events it sees and
// passes every event on to the next sink.
type watcher struct {
	exp     []*expectation
	console string
	next    trace.Sink
	stop    func(msg string) // ends the run (board.RequestStop)
	// runToEnd: seeing every expected text does not end the run (runSpec.RunToEnd).
	runToEnd bool

	streams map[string]*stream // by source name
	failed  *expectation       // the first failure text seen
	done    bool               // every expected text was seen
	tw      *trace.Writer      // renders events for the "trace" source (nil: no such source)
}

// stream is the text seen so far on one source.
type stream struct {
	buf  []byte // all bytes (plain texts are searched here)
	line int    // start of the current, incomplete line in buf
	// plain-text search resumes here for each expectation, so each byte is scanned a
	// bounded number of times.
	from map[*expectation]int
}

func newWatcher(exp []*expectation, console string, next trace.Sink) *watcher {
	if console == "" {
		console = "usart1"
	}
	w := &watcher{exp: exp, console: strings.ToLower(console), next: next, streams: map[string]*stream{}}
	for _, e := range exp {
		if w.streams[e.source()] == nil {
			w.streams[e.source()] = &stream{from: map[*expectation]int{}}
		}
	}
	if w.streams["trace"] != nil {
		w.tw = trace.NewWriter(&traceLines{w: w}, nil)
	}
	return w
}

// Emit implements trace.Sink.
func (w *watcher) Emit(e *trace.Event) {
	if w.next != nil {
		w.next.Emit(e)
	}
	if w.failed != nil || (w.done && !w.runToEnd) {
		return
	}
	switch e.Kind {
	case trace.UART:
		src := "uart:" + strings.ToLower(e.Src)
		w.feed(src, e.Text)
		if strings.EqualFold(e.Src, w.console) {
			w.feed("output", e.Text)
		}
	case trace.Semihost:
		w.feed("semihosting", e.Text)
		if e.Src == "stdout" {
			w.feed("output", e.Text)
		}
	}
	if w.tw != nil {
		// The "trace" source sees the trace's own lines (uart and semihost text
		// assembled into lines as in the file), as soon as each is complete.
		w.tw.Emit(e)
		w.tw.Flush()
	}
}

// traceLines receives the "trace" source's Writer output and feeds each event line,
// without its cycle and time, to the watcher.
type traceLines struct {
	w      *watcher
	header bool // the version and metadata lines have been skipped
	part   []byte
}

func (t *traceLines) Write(p []byte) (int, error) {
	t.part = append(t.part, p...)
	for {
		i := bytes.IndexByte(t.part, '\n')
		if i < 0 {
			break
		}
		line := t.part[:i]
		if !t.header && bytes.HasPrefix(line, []byte("m7emu-trace ")) {
			t.header = true
		} else if len(line) > 0 && line[0] != '#' {
			// CYCLE TIME KIND ARGS: drop the first two fields.
			if f := bytes.SplitN(line, []byte{' '}, 3); len(f) == 3 {
				t.w.feed("trace", string(f[2])+"\n")
			}
		}
		t.part = t.part[i+1:]
	}
	return len(p), nil
}

// feed appends text to a source and checks its expectations.
func (w *watcher) feed(src, text string) {
	s := w.streams[src]
	if s == nil {
		return
	}
	s.buf = append(s.buf, text...)
	w.check(src, s, false)
	w.trim(src, s)
}

// trimAbove is how much text a stream keeps before it drops what no expectation can
// still match: everything before the current line that is further back than the
// longest plain text.
const trimAbove = 64 << 10

func (w *watcher) trim(src string, s *stream) {
	if len(s.buf) <= trimAbove {
		return
	}
	keep := s.line // regular expressions need the current line
	for _, e := range w.exp {
		if e.source() == src && e.Re == nil && !e.met {
			keep = min(keep, len(s.buf)-len(e.Text)+1)
		}
	}
	if keep <= 0 {
		return
	}
	s.buf = append(s.buf[:0], s.buf[keep:]...)
	s.line -= keep
	for e, f := range s.from {
		s.from[e] = max(f-keep, 0)
	}
}

// check tests the expectations of one source; final also tests the unterminated
// last line against the regular expressions.
func (w *watcher) check(src string, s *stream, final bool) {
	// Complete lines since the last check, for the regular expressions.
	var lines [][]byte
	for {
		i := bytes.IndexByte(s.buf[s.line:], '\n')
		if i < 0 {
			break
		}
		lines = append(lines, bytes.TrimSuffix(s.buf[s.line:s.line+i], []byte{'\r'}))
		s.line += i + 1
	}
	if final && s.line < len(s.buf) {
		lines = append(lines, s.buf[s.line:])
	}
	for _, e := range w.exp {
		if e.source() != src || (e.met && !e.Fail) {
			continue
		}
		hit := false
		if e.Re != nil {
			for _, l := range lines {
				if e.Re.Match(l) {
					hit = true
					break
				}
			}
		} else {
			from := s.from[e]
			if i := bytes.Index(s.buf[from:], []byte(e.Text)); i >= 0 {
				hit = true
			} else if n := len(s.buf) - len(e.Text) + 1; n > from {
				s.from[e] = n
			}
		}
		if !hit {
			continue
		}
		if e.Fail {
			w.failed = e
			if w.stop != nil {
				w.stop("failure text seen: " + e.String())
			}
			return
		}
		e.met = true
	}
	w.checkDone()
}

// checkDone ends the run when every expected text has been seen.
func (w *watcher) checkDone() {
	n := 0
	for _, e := range w.exp {
		if !e.Fail {
			n++
			if !e.met {
				return
			}
		}
	}
	if n > 0 && !w.done {
		w.done = true
		if w.stop != nil && !w.runToEnd {
			w.stop("expected text seen")
		}
	}
}

// finish checks the last, unterminated lines when the run has ended.
func (w *watcher) finish() {
	if w.failed != nil || (w.done && !w.runToEnd) {
		return
	}
	if w.tw != nil {
		w.tw.Close() // unterminated text lines
	}
	for _, src := range []string{"output", "semihosting", "trace"} {
		if s := w.streams[src]; s != nil {
			w.check(src, s, true)
		}
	}
	for _, e := range w.exp {
		if s := w.streams[e.source()]; s != nil && strings.HasPrefix(e.source(), "uart:") {
			w.check(e.source(), s, true)
		}
	}
}

// Verdict summarises the expectations: ok when every expected text was seen and no
// failure text was; msg explains a failure.
func (w *watcher) Verdict() (ok bool, msg string) {
	if w.failed != nil {
		return false, "failure text seen: " + w.failed.String()
	}
	var missing []string
	for _, e := range w.exp {
		if !e.Fail && !e.met {
			missing = append(missing, e.String())
		}
	}
	if len(missing) > 0 {
		return false, "not seen: " + strings.Join(missing, "; ")
	}
	return true, ""
}

// hasExpected reports whether any expectation is an expected (not failure) text.
func (w *watcher) hasExpected() bool {
	for _, e := range w.exp {
		if !e.Fail {
			return true
		}
	}
	return false
}

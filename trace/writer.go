package trace

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Meta is one metadata header line, "# Key: Value".
type Meta struct {
	Key, Value string
}

// MaxLine is the most text bytes the Writer gathers into one uart or semihost line
// before it ends the line without a newline.
const MaxLine = 256

// errClosed is the sticky error after Close.
var errClosed = errors.New("trace: writer is closed")

// Writer renders Events in the trace format (docs/trace-format.md). It implements
// Sink. Output is buffered; call Close to flush pending text lines and the buffer.
//
// Writer is not safe for concurrent use (the board emits from one goroutine).
type Writer struct {
	bw      *bufio.Writer
	err     error  // first write error (sticky)
	closed  bool   // Close was called
	line    []byte // scratch buffer for one output line, reused
	streams []*stream
	// Stamp of the most recent event, for the partial lines flushed by Close.
	lastCycle, lastPicos uint64
}

// stream assembles uart or semihost byte chunks into lines.
type stream struct {
	kind Kind   // UART or Semihost
	src  string // port/stream name as written (lowercased for UART)
	buf  []byte // bytes of the current, unfinished line (cap MaxLine)
}

// NewWriter returns a Writer on w and writes the header at once: the version line
// followed by one "# key: value" line per meta entry, in order. Bytes of a key
// outside printable ASCII 0x21–0x7e, and ':', are written as '_'; control bytes
// (below 0x20, and 0x7f) in a value are written as '?', so every entry stays one
// line that Parse reads back. An empty value is written "# key:".
func NewWriter(w io.Writer, meta []Meta) *Writer {
	tw := &Writer{
		bw:   bufio.NewWriterSize(w, 64<<10),
		line: make([]byte, 0, 4*MaxLine+128),
	}
	b := append(tw.line[:0], "m7emu-trace "...)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, '\n')
	for _, m := range meta {
		b = append(b, '#', ' ')
		if m.Key == "" {
			b = append(b, '_')
		}
		for i := 0; i < len(m.Key); i++ {
			c := m.Key[i]
			if c < 0x21 || c > 0x7e || c == ':' {
				c = '_'
			}
			b = append(b, c)
		}
		b = append(b, ':')
		if m.Value != "" {
			b = append(b, ' ')
		}
		for i := 0; i < len(m.Value); i++ {
			c := m.Value[i]
			if c < 0x20 || c == 0x7f {
				c = '?'
			}
			b = append(b, c)
		}
		// A value ending in spaces would leave trailing spaces on the line.
		for len(b) > 0 && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
		b = append(b, '\n')
	}
	tw.line = b[:0]
	tw.write(b)
	return tw
}

// write writes one or more complete lines, recording the first error.
func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	if _, err := w.bw.Write(b); err != nil {
		w.err = err
	}
}

// Emit writes e (Sink). UART and Semihost chunks are gathered into lines; other
// events are written at once, after flushing pending text lines for Reset, Fault,
// Exit and Stop. After a write error, or after Close, Emit does nothing. An event
// of an unknown Kind makes the Writer fail with an error returned by Close.
func (w *Writer) Emit(e *Event) {
	if w.err != nil || e == nil {
		return
	}
	w.lastCycle, w.lastPicos = e.Cycle, e.Picos
	switch e.Kind {
	case UART, Semihost:
		w.text(e)
		return
	case Reset, Fault, Exit, Stop:
		w.flushPartial(e.Cycle, e.Picos)
	}
	b := w.stamp(e.Cycle, e.Picos)
	switch e.Kind {
	case Reset:
		b = append(b, "reset "...)
		b = appendWord(b, e.Src, false)
	case ExcEntry, ExcReturn:
		if e.Kind == ExcEntry {
			b = append(b, "exc-entry "...)
		} else {
			b = append(b, "exc-return "...)
		}
		b = strconv.AppendInt(b, e.Num, 10)
		b = append(b, ' ')
		b = appendWord(b, e.Text, false)
	case Sleep:
		b = append(b, "sleep "...)
		b = appendWord(b, e.Src, false)
	case Wake:
		b = append(b, "wake"...)
	case GPIO:
		b = append(b, "gpio "...)
		b = appendWord(b, e.Src, false)
		if e.Num != 0 {
			b = append(b, " 1"...)
		} else {
			b = append(b, " 0"...)
		}
	case Button:
		b = append(b, "button "...)
		b = appendWord(b, e.Src, false)
		if e.Num != 0 {
			b = append(b, " 1"...)
		} else {
			b = append(b, " 0"...)
		}
	case UARTIn:
		b = append(b, "uart-in "...)
		b = appendWord(b, e.Src, true)
		b = append(b, ' ')
		b = AppendQuote(b, e.Text)
	case DMA:
		b = append(b, "dma "...)
		b = appendWord(b, e.Src, false)
		if e.Text != "" {
			b = append(b, ' ')
			b = AppendQuote(b, e.Text)
		}
	case Fault:
		b = append(b, "fault "...)
		b = AppendQuote(b, e.Text)
	case Exit:
		b = append(b, "exit "...)
		b = strconv.AppendInt(b, e.Num, 10)
	case Stop:
		b = append(b, "stop "...)
		b = appendWord(b, e.Src, false)
		b = append(b, ' ')
		b = AppendQuote(b, e.Text)
	case Insn:
		b = append(b, "insn "...)
		b = appendHex(b, e.Addr, 8)
		b = append(b, ' ')
		b = AppendQuote(b, e.Text)
	case Write:
		b = append(b, "write "...)
		b = appendHex(b, e.Addr, 8)
		b = append(b, ' ')
		b = strconv.AppendUint(b, uint64(e.Size), 10)
		b = append(b, ' ')
		switch e.Size {
		case 1:
			b = appendHex(b, e.Value&0xff, 2)
		case 2:
			b = appendHex(b, e.Value&0xffff, 4)
		default:
			b = appendHex(b, e.Value, 8)
		}
		b = append(b, ' ')
		b = appendWord(b, e.Src, false)
	default:
		w.err = fmt.Errorf("trace: event of unknown kind %d at cycle %d", e.Kind, e.Cycle)
		return
	}
	b = append(b, '\n')
	w.line = b[:0]
	w.write(b)
}

// stamp starts a line in the scratch buffer with "CYCLE TIME ".
func (w *Writer) stamp(cycle, picos uint64) []byte {
	b := strconv.AppendUint(w.line[:0], cycle, 10)
	b = append(b, ' ')
	b = appendTime(b, picos)
	return append(b, ' ')
}

// text adds a UART or Semihost chunk to its stream, writing each completed line.
func (w *Writer) text(e *Event) {
	s := w.stream(e.Kind, e.Src)
	for i := 0; i < len(e.Text); i++ {
		c := e.Text[i]
		s.buf = append(s.buf, c)
		if c == '\n' || len(s.buf) >= MaxLine {
			w.textLine(s, e.Cycle, e.Picos)
		}
	}
}

// textLine writes the stream's buffered bytes as one line and empties the buffer.
func (w *Writer) textLine(s *stream, cycle, picos uint64) {
	b := w.stamp(cycle, picos)
	if s.kind == UART {
		b = append(b, "uart "...)
	} else {
		b = append(b, "semihost "...)
	}
	b = append(b, s.src...)
	b = append(b, ' ')
	b = appendQuote(b, s.buf)
	b = append(b, '\n')
	w.line = b[:0]
	s.buf = s.buf[:0]
	w.write(b)
}

// stream returns the line assembler for (kind, src), creating it on first use.
// w.streams is kept sorted (UART before Semihost, then by name) so that flushing
// pending lines needs no sort and no map.
func (w *Writer) stream(kind Kind, src string) *stream {
	for _, s := range w.streams {
		if s.kind == kind && sameWord(s.src, src, kind == UART) {
			return s
		}
	}
	name := string(appendWord(nil, src, kind == UART))
	s := &stream{kind: kind, src: name, buf: make([]byte, 0, MaxLine)}
	i := 0
	for i < len(w.streams) && streamLess(w.streams[i], s) {
		i++
	}
	w.streams = append(w.streams, nil)
	copy(w.streams[i+1:], w.streams[i:])
	w.streams[i] = s
	return s
}

func streamLess(a, b *stream) bool {
	if a.kind != b.kind {
		return a.kind == UART
	}
	return a.src < b.src
}

// flushPartial writes every unfinished text line, in stream order, stamped with
// the given cycle and time.
func (w *Writer) flushPartial(cycle, picos uint64) {
	for _, s := range w.streams {
		if len(s.buf) > 0 {
			w.textLine(s, cycle, picos)
		}
	}
}

// Flush writes the lines rendered so far to the underlying io.Writer. It does not
// end unfinished uart or semihost lines (they are still gathering bytes), so the
// output stays the same whether or not Flush is called. It returns the first write
// error, like Close.
func (w *Writer) Flush() error {
	if w.err != nil {
		if w.err == errClosed {
			return nil
		}
		return w.err
	}
	if err := w.bw.Flush(); err != nil {
		w.err = err
	}
	return w.err
}

// Close writes the unfinished text lines (stamped with the last event's cycle and
// time), flushes the buffer and returns the first error met while writing, or the
// error of an event of unknown kind. It does not close the underlying io.Writer.
// Calling Close again returns the same result and writes nothing.
func (w *Writer) Close() error {
	if w.closed {
		if w.err == errClosed {
			return nil
		}
		return w.err
	}
	w.closed = true
	if w.err == nil {
		w.flushPartial(w.lastCycle, w.lastPicos)
	}
	if w.err == nil {
		w.err = w.bw.Flush()
	}
	err := w.err
	if err == nil {
		w.err = errClosed // makes later Emits no-ops
	}
	return err
}

// appendWord appends a word field (a name such as a pin, port or cause). Bytes
// outside printable ASCII 0x21–0x7e are written as '_' so the word stays one
// field; an empty word is written as "-". lower lowercases ASCII letters.
func appendWord(dst []byte, s string, lower bool) []byte {
	if s == "" {
		return append(dst, '-')
	}
	for i := 0; i < len(s); i++ {
		dst = append(dst, wordByte(s[i], lower))
	}
	return dst
}

func wordByte(c byte, lower bool) byte {
	switch {
	case c < 0x21 || c > 0x7e || c == '"':
		return '_'
	case lower && c >= 'A' && c <= 'Z':
		return c + ('a' - 'A')
	}
	return c
}

// sameWord reports whether appendWord(nil, raw, lower) would equal written.
func sameWord(written, raw string, lower bool) bool {
	if raw == "" {
		return written == "-"
	}
	if len(written) != len(raw) {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if wordByte(raw[i], lower) != written[i] {
			return false
		}
	}
	return true
}

// appendHex appends "0x" and v as exactly n lowercase hex digits.
func appendHex(dst []byte, v uint32, n int) []byte {
	dst = append(dst, '0', 'x')
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, hexDigits[(v>>(4*uint(i)))&0xf])
	}
	return dst
}

// Package oracle reads and writes m7emu's oracle traces: the architectural core-register state
// before every executed instruction, as recorded by QEMU (see testdata/oracle/README.md and
// internal/tools/qtrace).
//
// A trace is a gzip stream holding a small line-oriented text format:
//
//	m7emu-oracle-trace v1
//	# free-form comment lines may appear anywhere
//	b8 d=20400000 e=ffffffff x=41000000
//	+2 2=20000000
//	+2 0=20000000
//	...
//
// Each non-comment line after the header is one Record, the state before the instruction at PC.
// Fields are separated by one space. The first field is the PC: either "+N" (N decimal, 1..16:
// PC = previous PC + N) or the PC in lower-case hexadecimal. The other fields are "K=V" with V in
// lower-case hexadecimal without leading zeros and K one of:
//
//	0 … 9, a … e   R0–R14 (a = R10, b = R11, c = R12 = IP, d = R13 = SP, e = R14 = LR)
//	f              R15, only when it differs from the PC (never in traces made from QEMU)
//	x              XPSR
//
// A register that is not listed keeps its value from the previous record; R15 is the PC unless
// "f" is given. Before the first record every value is zero. Encoders write the fields in the
// order above and write only changed values, so the encoding of a record sequence is canonical.
package oracle

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Header is the first line of every trace.
const Header = "m7emu-oracle-trace v1"

// SemihostingBKPT is the Thumb encoding of BKPT #0xAB, the semihosting trap.
const SemihostingBKPT = 0xBEAB

// QEMUSemihostingR0 is the value QEMU 7.2 leaves in R0 after a semihosting call that has no
// defined result (SYS_WRITEC, SYS_WRITE0). The semihosting specification says R0 is corrupted, so
// a comparer must not compare R0 in the record that follows a BKPT #0xAB.
const QEMUSemihostingR0 = 0xDEADBEEF

// maxRelPC is the largest PC increment written in the relative "+N" form.
const maxRelPC = 16

// Record is the core-register state before the instruction at PC executes.
type Record struct {
	PC   uint32
	R    [16]uint32 // R[13] is the active SP; R[15] equals PC in QEMU traces
	XPSR uint32     // APSR, IPSR and EPSR (including the IT bits) as one word
}

// Reader streams Records from a gzip'd trace.
type Reader struct {
	zr   *gzip.Reader
	br   *bufio.Reader
	prev Record
	line int
	err  error
}

// Read checks the gzip stream and the header line of a trace and returns a Reader positioned
// before the first record.
func Read(r io.Reader) (*Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("oracle: %w", err)
	}
	rd := &Reader{zr: zr, br: bufio.NewReaderSize(zr, 64<<10)}
	h, err := rd.readLine()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("oracle: reading header: %w", err)
	}
	if h != Header {
		return nil, fmt.Errorf("oracle: bad header %q, want %q", truncate(h), Header)
	}
	return rd, nil
}

// Next returns the next record, or io.EOF after the last one.
func (rd *Reader) Next() (Record, error) {
	if rd.err != nil {
		return Record{}, rd.err
	}
	for {
		line, err := rd.readLine()
		if err != nil {
			if err != io.EOF {
				err = fmt.Errorf("oracle: line %d: %w", rd.line, err)
			}
			rd.err = err
			return Record{}, err
		}
		if line == "" || line[0] == '#' {
			continue
		}
		rec, err := decodeLine(line, rd.prev)
		if err != nil {
			rd.err = fmt.Errorf("oracle: line %d: %w", rd.line, err)
			return Record{}, rd.err
		}
		rd.prev = rec
		return rec, nil
	}
}

// Line is the number of the line the last record came from (the header is line 1).
func (rd *Reader) Line() int { return rd.line }

// readLine returns the next line without its '\n'. A final line without '\n' is an error
// (a truncated file), except that a clean end of stream gives io.EOF.
func (rd *Reader) readLine() (string, error) {
	s, err := rd.br.ReadString('\n')
	if err != nil {
		if err == io.EOF && s != "" {
			return "", io.ErrUnexpectedEOF
		}
		return "", err
	}
	rd.line++
	return s[:len(s)-1], nil
}

func decodeLine(line string, prev Record) (Record, error) {
	fields := strings.Split(line, " ")
	rec := prev
	pcField := fields[0]
	if strings.HasPrefix(pcField, "+") {
		n, err := strconv.ParseUint(pcField[1:], 10, 32)
		if err != nil || n == 0 || n > maxRelPC || pcField[1] == '0' {
			return Record{}, fmt.Errorf("bad relative PC %q", truncate(pcField))
		}
		rec.PC = prev.PC + uint32(n)
	} else {
		v, err := parseHex(pcField)
		if err != nil {
			return Record{}, fmt.Errorf("bad PC %q", truncate(pcField))
		}
		rec.PC = v
	}
	rec.R[15] = rec.PC
	var seen uint32
	for _, f := range fields[1:] {
		if len(f) < 3 || f[1] != '=' {
			return Record{}, fmt.Errorf("bad field %q", truncate(f))
		}
		idx := regIndex(f[0])
		if idx < 0 {
			return Record{}, fmt.Errorf("unknown register %q in %q", f[0], truncate(f))
		}
		if seen&(1<<idx) != 0 {
			return Record{}, fmt.Errorf("register %q given twice", f[0])
		}
		seen |= 1 << idx
		v, err := parseHex(f[2:])
		if err != nil {
			return Record{}, fmt.Errorf("bad value in %q", truncate(f))
		}
		if idx == 16 {
			rec.XPSR = v
		} else {
			rec.R[idx] = v
		}
	}
	return rec, nil
}

// regIndex maps a field key to 0–15 (R0–R15) or 16 (XPSR); -1 if unknown.
func regIndex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c == 'x':
		return 16
	}
	return -1
}

// parseHex parses canonical lower-case hex: 1–8 digits, no leading zeros except "0" itself.
func parseHex(s string) (uint32, error) {
	if len(s) == 0 || len(s) > 8 || (len(s) > 1 && s[0] == '0') {
		return 0, errors.New("not canonical hex")
	}
	var v uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint32(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		default:
			return 0, errors.New("not canonical hex")
		}
	}
	return v, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Writer encodes Records into a gzip'd trace. Its output depends only on the records and
// comments written (and on the Go version's compress/flate): the gzip header carries no name,
// no modification time and OS byte 255 ("unknown").
type Writer struct {
	zw    *gzip.Writer
	bw    *bufio.Writer
	prev  Record
	buf   []byte
	err   error
	count int
}

// NewWriter writes the gzip header and the trace header line to w.
func NewWriter(w io.Writer) (*Writer, error) {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Header = gzip.Header{OS: 255}
	wr := &Writer{zw: zw, bw: bufio.NewWriterSize(zw, 64<<10)}
	wr.writeString(Header + "\n")
	return wr, wr.err
}

// Comment writes "# text" (text must not contain a newline).
func (wr *Writer) Comment(text string) error {
	if strings.ContainsAny(text, "\r\n") {
		return errors.New("oracle: comment contains a newline")
	}
	wr.writeString("# " + text + "\n")
	return wr.err
}

// Write appends one record.
func (wr *Writer) Write(rec Record) error {
	if wr.err != nil {
		return wr.err
	}
	wr.buf = AppendRecord(wr.buf[:0], wr.prev, rec)
	wr.buf = append(wr.buf, '\n')
	if _, err := wr.bw.Write(wr.buf); err != nil {
		wr.err = err
	}
	wr.prev = rec
	wr.count++
	return wr.err
}

// Count is the number of records written so far.
func (wr *Writer) Count() int { return wr.count }

// Close flushes the text and finishes the gzip stream (it does not close the underlying writer).
func (wr *Writer) Close() error {
	if wr.err != nil {
		return wr.err
	}
	if err := wr.bw.Flush(); err != nil {
		wr.err = err
		return err
	}
	if err := wr.zw.Close(); err != nil {
		wr.err = err
		return err
	}
	wr.err = errors.New("oracle: writer closed")
	return nil
}

func (wr *Writer) writeString(s string) {
	if wr.err == nil {
		_, wr.err = wr.bw.WriteString(s)
	}
}

// AppendRecord appends the text line (without '\n') encoding rec after prev.
func AppendRecord(b []byte, prev, rec Record) []byte {
	if d := rec.PC - prev.PC; d >= 1 && d <= maxRelPC {
		b = append(b, '+')
		b = strconv.AppendUint(b, uint64(d), 10)
	} else {
		b = strconv.AppendUint(b, uint64(rec.PC), 16)
	}
	for i := 0; i < 15; i++ {
		if rec.R[i] != prev.R[i] {
			b = appendField(b, "0123456789abcde"[i], rec.R[i])
		}
	}
	if rec.R[15] != rec.PC {
		b = appendField(b, 'f', rec.R[15])
	}
	if rec.XPSR != prev.XPSR {
		b = appendField(b, 'x', rec.XPSR)
	}
	return b
}

func appendField(b []byte, key byte, v uint32) []byte {
	b = append(b, ' ', key, '=')
	return strconv.AppendUint(b, uint64(v), 16)
}

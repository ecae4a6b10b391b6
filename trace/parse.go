package trace

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// File is a parsed trace.
type File struct {
	Version int
	Meta    []Meta   // the "# key: value" lines before the first event, in order
	Records []Record // the events, in file order
}

// Record is one event line of a parsed trace.
type Record struct {
	Line  int    // 1-based line number in the file
	Cycle uint64 // CYCLE
	Picos uint64 // TIME in picoseconds (nanoseconds × 1000)
	Kind  string // the kind word, e.g. "exc-entry"
	Args  string // the rest of the line after KIND and one space; "" if none
}

// String returns the record as its canonical event line, without the newline.
func (r Record) String() string {
	b := strconv.AppendUint(make([]byte, 0, 40+len(r.Kind)+len(r.Args)), r.Cycle, 10)
	b = append(b, ' ')
	b = appendTime(b, r.Picos)
	b = append(b, ' ')
	b = append(b, r.Kind...)
	if r.Args != "" {
		b = append(b, ' ')
		b = append(b, r.Args...)
	}
	return string(b)
}

// ErrNotTrace is wrapped by the error Parse returns when the first line is not a
// trace header.
var ErrNotTrace = errors.New(`not an m7emu trace (first line must be "m7emu-trace N")`)

// Parse reads a trace. Lines may end in "\n" or "\r\n" and the last line may lack
// its newline. Line 1 must be "m7emu-trace N" with 1 <= N <= Version. Lines
// starting with '#' are comments: those of the form "# key: value" (or "# key:")
// before the first event are collected in File.Meta, all others are skipped.
// Every other line must be "CYCLE TIME KIND[ ARGS]" with single spaces, a decimal
// CYCLE, a TIME as FormatTime writes it and no trailing space. Arguments are not
// checked (Fields splits them). Errors name the line: `line 7: bad cycle "x"`.
func Parse(r io.Reader) (*File, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	f := &File{}
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if line == "" && err == io.EOF {
			if n == 1 {
				return nil, fmt.Errorf("%w: the file is empty", ErrNotTrace)
			}
			return f, nil
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		if n == 1 {
			v, perr := parseHeader(line)
			if perr != nil {
				return nil, perr
			}
			f.Version = v
		} else if perr := f.parseLine(n, line); perr != nil {
			return nil, fmt.Errorf("line %d: %w", n, perr)
		}
		if err == io.EOF {
			return f, nil
		}
	}
}

func parseHeader(line string) (int, error) {
	rest, ok := strings.CutPrefix(line, "m7emu-trace ")
	if !ok {
		return 0, ErrNotTrace
	}
	v, ok := parseDigits(rest)
	if !ok || v == 0 || v > 1<<31 {
		return 0, fmt.Errorf("%w: bad version %s", ErrNotTrace, strconv.Quote(rest))
	}
	if v > Version {
		return 0, fmt.Errorf("trace format version %d is newer than this m7emu understands (%d)", v, Version)
	}
	return int(v), nil
}

func (f *File) parseLine(n int, line string) error {
	if line == "" {
		return errors.New("empty line")
	}
	if i := strings.IndexByte(line, '\r'); i >= 0 {
		return errors.New("carriage return inside the line")
	}
	if line[0] == '#' {
		if len(f.Records) == 0 {
			if body, ok := strings.CutPrefix(line, "# "); ok {
				if k, v, ok := strings.Cut(body, ":"); ok && k != "" && !strings.Contains(k, " ") {
					if v == "" || v[0] == ' ' {
						f.Meta = append(f.Meta, Meta{Key: k, Value: strings.TrimPrefix(v, " ")})
					}
				}
			}
		}
		return nil
	}
	if line[len(line)-1] == ' ' {
		return errors.New("trailing space")
	}
	cyc, rest, _ := strings.Cut(line, " ")
	tm, rest, _ := strings.Cut(rest, " ")
	kind, args, _ := strings.Cut(rest, " ")
	c, ok := parseDigits(cyc)
	if !ok {
		return fmt.Errorf("bad cycle %s", strconv.Quote(cyc))
	}
	ps, err := ParseTime(tm)
	if err != nil {
		return err
	}
	if kind == "" {
		return errors.New("missing event kind (or a double space)")
	}
	if strings.HasPrefix(args, " ") {
		return errors.New("double space after the event kind")
	}
	f.Records = append(f.Records, Record{Line: n, Cycle: c, Picos: ps, Kind: kind, Args: args})
	return nil
}

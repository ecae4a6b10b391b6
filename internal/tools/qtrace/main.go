// Command qtrace converts a QEMU execution log into an m7emu oracle trace (package oracle;
// format in testdata/oracle/README.md).
//
// The log must come from qemu-system-arm with one TB per instruction and a register dump per TB:
//
//	qemu-system-arm -M mps2-an500 ... -icount shift=0,align=off,sleep=off \
//	    -singlestep -d exec,cpu,nochain -D LOG -kernel ELF
//
// Usage:
//
//	go run ./internal/tools/qtrace [-comment TEXT] -o OUT.trace.gz LOG
//
// Each "Trace N: host [cs_base/pc/flags/cflags] sym" line followed by the R00–R15 and XPSR lines
// becomes one record. Under -icount QEMU aborts an instruction that touches MMIO or the PPB,
// logs "cpu_io_recompile: rewound execution of TB to PC" and executes it again, so the same
// state is logged twice; the aborted record (the one just before that message) is dropped.
// Genuinely repeated states (e.g. "b .") are kept.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"m7emu/oracle"
)

func main() {
	out := flag.String("o", "", "output file (gzip'd oracle trace)")
	comment := flag.String("comment", "", "comment line to put after the header")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: qtrace [-comment TEXT] -o OUT.trace.gz QEMU.log\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *comment); err != nil {
		fmt.Fprintln(os.Stderr, "qtrace:", err)
		os.Exit(1)
	}
}

func run(logPath, outPath, comment string) error {
	in, err := os.Open(logPath)
	if err != nil {
		return err
	}
	defer in.Close()
	f, err := os.Create(outPath)
	if err != nil {
		return err
	}
	w, err := oracle.NewWriter(f)
	if err == nil && comment != "" {
		err = w.Comment(comment)
	}
	var st stats
	if err == nil {
		st, err = convert(in, w)
	}
	if err == nil {
		err = w.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(outPath)
		return err
	}
	fmt.Fprintf(os.Stderr, "qtrace: %s: %d records (%d re-executed I/O records dropped)\n",
		outPath, st.records, st.rewound)
	return nil
}

type stats struct {
	records int // records written
	rewound int // records dropped because QEMU rewound the instruction
}

// convert parses a QEMU "-d exec,cpu" log from r and writes one record per logged instruction.
func convert(r io.Reader, w *oracle.Writer) (stats, error) {
	var (
		st      stats
		sc      = bufio.NewScanner(r)
		lineNo  int
		cur     oracle.Record // record being assembled
		curRegs uint32        // which of R0–R15 have been seen for cur
		inRec   bool          // a Trace line was seen and its XPSR line not yet
		pending *oracle.Record
		held    oracle.Record
	)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	flush := func() error {
		if pending == nil {
			return nil
		}
		pending = nil
		st.records++
		return w.Write(held)
	}
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		fail := func(format string, a ...any) (stats, error) {
			return st, fmt.Errorf("log line %d: %s", lineNo, fmt.Sprintf(format, a...))
		}
		switch {
		case strings.HasPrefix(line, "Trace "):
			if inRec {
				return fail("Trace line before the previous record's XPSR line")
			}
			pc, err := tracePC(line)
			if err != nil {
				return fail("%v", err)
			}
			cur = oracle.Record{PC: pc}
			curRegs = 0
			inRec = true
		case strings.HasPrefix(line, "R00=") || strings.HasPrefix(line, "R04=") ||
			strings.HasPrefix(line, "R08=") || strings.HasPrefix(line, "R12="):
			if !inRec {
				continue // a register dump not preceded by a Trace line (e.g. a fatal-error dump)
			}
			for _, f := range strings.Fields(line) {
				if len(f) != 12 || f[0] != 'R' || f[3] != '=' {
					return fail("bad register field %q", f)
				}
				n, err1 := strconv.ParseUint(f[1:3], 10, 8)
				v, err2 := strconv.ParseUint(f[4:], 16, 32)
				if err1 != nil || err2 != nil || n > 15 {
					return fail("bad register field %q", f)
				}
				cur.R[n] = uint32(v)
				curRegs |= 1 << n
			}
		case strings.HasPrefix(line, "XPSR="):
			if !inRec {
				continue
			}
			f := strings.Fields(line)[0]
			v, err := strconv.ParseUint(f[5:], 16, 32)
			if err != nil || len(f) != 13 {
				return fail("bad XPSR field %q", f)
			}
			cur.XPSR = uint32(v)
			if curRegs != 0xffff {
				return fail("record for PC %08x lacks some of R00–R15", cur.PC)
			}
			if cur.R[15] != cur.PC {
				return fail("R15=%08x differs from the traced PC %08x", cur.R[15], cur.PC)
			}
			inRec = false
			if err := flush(); err != nil {
				return st, err
			}
			held = cur
			pending = &held
		case strings.HasPrefix(line, "cpu_io_recompile: rewound execution of TB to "):
			pc, err := strconv.ParseUint(strings.TrimPrefix(line, "cpu_io_recompile: rewound execution of TB to "), 16, 32)
			if err != nil {
				return fail("bad cpu_io_recompile line")
			}
			if inRec || pending == nil || held.PC != uint32(pc) {
				return fail("cpu_io_recompile for %08x does not follow a record of that PC", pc)
			}
			pending = nil
			st.rewound++
		}
	}
	if err := sc.Err(); err != nil {
		return st, err
	}
	if inRec {
		return st, errors.New("log ends inside a record")
	}
	if err := flush(); err != nil {
		return st, err
	}
	if st.records == 0 {
		return st, errors.New("no records in the log (was it made with -singlestep -d exec,cpu,nochain?)")
	}
	return st, nil
}

// tracePC extracts the guest PC from "Trace 0: 0x7f... [00800408/000000b8/00000110/ff020201] sym".
func tracePC(line string) (uint32, error) {
	i := strings.IndexByte(line, '[')
	j := strings.IndexByte(line, ']')
	if i < 0 || j < i {
		return 0, fmt.Errorf("bad Trace line %q", line)
	}
	parts := strings.Split(line[i+1:j], "/")
	if len(parts) != 4 {
		return 0, fmt.Errorf("bad Trace line %q", line)
	}
	pc, err := strconv.ParseUint(parts[1], 16, 32)
	if err != nil {
		return 0, fmt.Errorf("bad PC in Trace line %q", line)
	}
	return uint32(pc), nil
}

package board

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"m7emu/cpu"
	"m7emu/cpu/thumb"
	"m7emu/oracle"
)

// TestOracleTraces runs each traced firmware (mps2 build) on the mps2-an500 machine one
// step at a time and compares R0–R15 and xPSR with QEMU's state before every executed
// instruction (testdata/oracle/*.trace.gz, made by `make oracle`). It reports the first
// divergence with the disassembly of the instruction about to run.
//
// Documented adjustments, each for a difference the architecture allows or a QEMU
// logging artefact:
//   - the flags at reset are UNKNOWN (QEMU starts with Z set): the core takes the
//     trace's xPSR after each reset;
//   - R0 after a semihosting call without a result (SYS_WRITEC/SYS_WRITE0) is
//     "corrupted" by the specification (QEMU writes 0xDEADBEEF): taken from the trace;
//   - a record identical to its predecessor is QEMU re-logging an instruction when its
//     icount budget (65,536 instructions per slice) runs out: skipped;
//   - QEMU logs the instruction it was about to run when it takes an interrupt instead
//     (the instruction does not execute): such a record, which matches our state before
//     the exception entry while the next record matches our state after it, is skipped.
func TestOracleTraces(t *testing.T) {
	traces, _ := filepath.Glob("../testdata/oracle/*.trace.gz")
	if len(traces) == 0 {
		t.Fatal("no oracle traces in testdata/oracle (run make oracle)")
	}
	for _, tr := range traces {
		name := strings.TrimSuffix(filepath.Base(tr), ".trace.gz")
		t.Run(name, func(t *testing.T) {
			tc := fwCase{program: name, machine: "mps2-an500", elf: filepath.Join(firmwareDir, name, name+"-mps2.elf")}
			n, err := compareWithTrace(tc, tr)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d instructions agree with QEMU", n)
		})
	}
}

type coreState struct {
	r    [16]uint32
	xpsr uint32
}

func snapshot(b *Board) coreState {
	s := coreState{r: b.CPU.R, xpsr: b.CPU.XPSR()}
	s.r[15] = b.CPU.PC()
	return s
}

func readTrace(path string) ([]oracle.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, err := oracle.Read(f)
	if err != nil {
		return nil, err
	}
	var recs []oracle.Record
	for {
		r, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		if len(recs) > 0 && r == recs[len(recs)-1] {
			continue // QEMU's icount re-log
		}
		recs = append(recs, r)
	}
}

func compareWithTrace(tc fwCase, trace string) (int, error) {
	recs, err := readTrace(trace)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, fmt.Errorf("empty trace")
	}
	data, err := os.ReadFile(tc.elf)
	if err != nil {
		return 0, err
	}
	cfg := tc.config()
	cfg.Stdout = io.Discard
	b, err := New(cfg)
	if err != nil {
		return 0, err
	}
	defer b.Close()
	if err := b.LoadELF(data); err != nil {
		return 0, err
	}
	if err := b.Reset(); err != nil {
		return 0, err
	}
	c := b.CPU
	c.SetAPSR(recs[0].XPSR)
	k := 0
	var beforeEntry coreState
	entering := false
	for k < len(recs) {
		s := snapshot(b)
		n0 := c.Instret
		pc := c.PC()
		stop := c.Step()
		if c.Instret == n0 { // an exception entry or return step: no instruction retired
			if !entering {
				beforeEntry, entering = s, true
			}
		} else {
			wasEntering := entering
			entering = false
			if wasEntering && k+1 < len(recs) && diffState(s, recs[k]) != "" &&
				diffState(beforeEntry, recs[k]) == "" && diffState(s, recs[k+1]) == "" {
				k++ // QEMU logged the instruction it then abandoned to take the interrupt
			}
			if d := diffState(s, recs[k]); d != "" {
				in, _ := c.Decoded(pc)
				return k, fmt.Errorf("record %d, before the instruction at 0x%08x %s (%s): %s",
					k, pc, b.Symbolize(pc), in.Format(thumb.Context{PC: pc}), d)
			}
			k++
			if hw, _ := b.Bus.Read(pc, 2); hw == oracle.SemihostingBKPT && k < len(recs) {
				c.R[0] = recs[k].R[0]
			}
		}
		if stop == nil {
			continue
		}
		switch {
		case stop.Reason == cpu.StopReset && k < len(recs):
			if err := b.systemReset(); err != nil {
				return k, err
			}
			c.SetAPSR(recs[k].XPSR)
		case stop.Reason == cpu.StopSleep:
			c.Resume()
		case k == len(recs):
			return k, nil
		default:
			return k, fmt.Errorf("core stopped (%v: %s) at 0x%08x after %d of %d records", stop.Reason, stop.Msg, c.PC(), k, len(recs))
		}
	}
	return k, nil
}

func diffState(s coreState, want oracle.Record) string {
	var diffs []string
	if s.r[15] != want.PC {
		diffs = append(diffs, fmt.Sprintf("pc=0x%08x want 0x%08x", s.r[15], want.PC))
	}
	for i := 0; i < 15; i++ {
		if s.r[i] != want.R[i] {
			diffs = append(diffs, fmt.Sprintf("r%d=0x%08x want 0x%08x", i, s.r[i], want.R[i]))
		}
	}
	if s.xpsr != want.XPSR {
		diffs = append(diffs, fmt.Sprintf("xpsr=0x%08x want 0x%08x", s.xpsr, want.XPSR))
	}
	return strings.Join(diffs, ", ")
}

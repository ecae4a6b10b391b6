package board

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite expected outputs (check the diff by eye first)")

// firmwareDir is the test firmware (testdata/firmware/<name>/), built by build.sh.
const firmwareDir = "../testdata/firmware"

type fwCase struct {
	name    string // program/machine
	program string
	elf     string
	machine string
	dir     string
}

// Per-program run settings (the rest run with defaults).
var (
	// exc_faults enters its HardFault handler on purpose (escalation tests).
	catchesOwnHardFault = map[string]bool{"exc_faults": true}
	// These programs' instruction streams depend on when interrupts arrive, so only
	// their output is compared across timing modes (not instruction counts).
	timingDependent = map[string]bool{"exc_sleep": true, "exc_threads": true, "fp_threads": true}
)

// config is the board configuration a test firmware runs with.
func (tc fwCase) config() Config {
	return Config{Machine: tc.machine, NoCatchHardFault: catchesOwnHardFault[tc.program]}
}

// firmwareCases lists every firmware ELF with its machine (file suffix -mps2.elf = mps2-an500).
func firmwareCases(t *testing.T) []fwCase {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(firmwareDir, "*", "expected.txt"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test firmware found under %s (%v)", firmwareDir, err)
	}
	var cases []fwCase
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		name := filepath.Base(dir)
		for _, m := range []struct{ file, machine string }{{name + ".elf", "stm32f769i-disco"}, {name + "-mps2.elf", "mps2-an500"}} {
			p := filepath.Join(dir, m.file)
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s: missing %s", name, m.file)
				continue
			}
			cases = append(cases, fwCase{name: name + "/" + m.machine, program: name, elf: p, machine: m.machine, dir: dir})
		}
	}
	return cases
}

// runELF runs a firmware to completion and returns its stdout and result.
func runELF(t testing.TB, elf, machine string, functional bool) (string, Result, *Board) {
	t.Helper()
	return runELFConfig(t, elf, Config{Machine: machine, Functional: functional})
}

// runELFConfig runs a firmware with a board configuration (Stdout is set here).
func runELFConfig(t testing.TB, elf string, cfg Config) (string, Result, *Board) {
	t.Helper()
	data, err := os.ReadFile(elf)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cfg.Stdout, cfg.Stderr = &out, &errb
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := b.LoadELF(data); err != nil {
		t.Fatalf("%s: %v", elf, err)
	}
	if err := b.Reset(); err != nil {
		t.Fatal(err)
	}
	res := b.Run(Limits{MaxCycles: 2_000_000_000})
	return out.String(), res, b
}

// TestFirmware runs every test firmware on its machine and compares the semihosting
// output and exit status with expected.txt / expected_exit, which were produced by
// running the mps2 build under QEMU (testdata/firmware/build.sh).
func TestFirmware(t *testing.T) {
	for _, tc := range firmwareCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && strings.HasPrefix(tc.name, "bench/") {
				t.Skip("bench firmware is long; skipped with -short")
			}
			out, res, _ := runELFConfig(t, tc.elf, tc.config())
			if res.Outcome != Exited {
				t.Fatalf("run ended with %v: %s\noutput so far:\n%s", res.Outcome, res.Msg, out)
			}
			expFile := filepath.Join(tc.dir, "expected.txt")
			if *update {
				if err := os.WriteFile(expFile, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(expFile)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", expFile, out, want)
			}
			codeText, err := os.ReadFile(filepath.Join(tc.dir, "expected_exit"))
			if err != nil {
				t.Fatal(err)
			}
			wantCode, err := strconv.Atoi(strings.TrimSpace(string(codeText)))
			if err != nil {
				t.Fatal(err)
			}
			if res.Exit.Status != wantCode {
				t.Errorf("exit status %d, want %d", res.Exit.Status, wantCode)
			}
		})
	}
}

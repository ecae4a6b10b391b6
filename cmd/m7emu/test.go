package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"m7emu/board"
	"m7emu/suite"
	"m7emu/trace"
)

// `m7emu test`: runs the cases of YAML suites (docs/ci.md), compares them with their
// expectations and golden traces, and reports one line per case, a summary, and
// optionally JUnit XML.

type testOptions struct {
	junit        string
	updateGolden bool
	run          string
	jobs         int
	shard        string
	traceDir     string
	verbose      bool
}

func newTestCmd(s streams) *cobra.Command {
	o := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test [flags] SUITE.yaml...",
		Short: "Run YAML test suites: expectations, golden traces, JUnit XML, sharding",
		Long: `Run the cases of one or more YAML test suites (format: docs/ci.md). Each case
runs a firmware ELF with its inputs and is checked against its expected and
failure texts, its exit code and its golden trace. One line is printed per case,
in suite order, then a summary.

Sharding: --shard I/N runs every N-th case of the selected cases (suite files
in the order given, cases in file order), starting with the I-th; the N shards
together run each case exactly once.

Exit status:
  0  every case passed
  1  a case failed or could not run
  2  bad flags or suite files (every problem is listed as FILE:LINE: message)`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTest(s, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.junit, "junit", "", "write a JUnit XML report to FILE (written atomically)")
	f.BoolVar(&o.updateGolden, "update-golden", false, "write each case's trace to its golden file instead of comparing (says which changed)")
	f.StringVar(&o.run, "run", "", "run only the cases whose name matches this regular expression")
	f.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "cases run in parallel")
	f.StringVar(&o.shard, "shard", "", "run shard I of N (I/N, 1-based): a stable, balanced part of the selected cases")
	f.StringVar(&o.traceDir, "trace-dir", "", "also write every case's trace to DIR/<suite>/<case>.trace")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "print each case's firmware output under its line")
	return cmd
}

// caseResult is the outcome of one case.
type caseResult struct {
	c       *suite.Case
	label   string
	errMsg  string   // the case could not run (bad ELF, unknown button, ...)
	reasons []string // why it failed
	notes   []string // golden updates, trace-dir problems
	simPs   uint64
	wall    time.Duration
	output  []byte // captured firmware output and warnings
}

func (r *caseResult) status() string {
	switch {
	case r.errMsg != "":
		return "ERROR"
	case len(r.reasons) > 0:
		return "FAIL"
	}
	return "PASS"
}

func runTest(s streams, o *testOptions, args []string) error {
	start := time.Now()
	if o.jobs < 1 {
		return usageError("invalid --jobs %d: need at least 1", o.jobs)
	}
	shard := suite.Shard{I: 1, N: 1}
	if o.shard != "" {
		sh, err := suite.ParseShard(o.shard)
		if err != nil {
			return usageError("%v", err)
		}
		shard = sh
	}
	var runRe *regexp.Regexp
	if o.run != "" {
		re, err := regexp.Compile(o.run)
		if err != nil {
			return usageError("invalid --run %q: %v", o.run, err)
		}
		runRe = re
	}
	suites, err := suite.Load(args, suite.Options{
		ParseTime:       parseSimTime,
		Unescape:        unescape,
		Machines:        board.MachineNames(),
		MissingGoldenOK: o.updateGolden,
	})
	if err != nil {
		if es, ok := err.(suite.Errors); ok {
			for _, e := range es {
				fmt.Fprintf(s.err, "%v\n", e)
			}
			return &exitError{code: exitUsage, err: fmt.Errorf("%d problem(s) in the suite files; nothing was run", len(es))}
		}
		return usageError("%v", err)
	}

	// Canonical order, then --run, then --shard.
	var selected []*suite.Case
	for _, st := range suites {
		for _, c := range st.Cases {
			if runRe == nil || runRe.MatchString(c.Name) {
				selected = append(selected, c)
			}
		}
	}
	cases := suite.Select(selected, shard)
	if len(cases) == 0 {
		fmt.Fprintf(s.err, "m7emu: no cases selected (%d in the suites, %d after --run)\n", countCases(suites), len(selected))
	}

	results := make([]*caseResult, len(cases))
	done := make(chan int, len(cases))
	work := make(chan int)
	jobs := min(o.jobs, max(len(cases), 1))
	for range jobs {
		go func() {
			for i := range work {
				results[i] = runCase(cases[i], o, len(suites) > 1)
				done <- i
			}
		}()
	}
	go func() {
		for i := range cases {
			work <- i
		}
		close(work)
	}()

	// Print in suite order as results arrive.
	var pass, fail, errs int
	var simTotal uint64
	next := 0
	ready := make([]bool, len(cases))
	for range cases {
		ready[<-done] = true
		for next < len(cases) && ready[next] {
			r := results[next]
			printCase(s.out, r, o.verbose)
			switch r.status() {
			case "PASS":
				pass++
			case "FAIL":
				fail++
			default:
				errs++
			}
			simTotal += r.simPs
			next++
		}
	}
	wall := time.Since(start)
	fmt.Fprintf(s.out, "%d passed, %d failed, %d errors in %.2fs (sim %ss)\n", pass, fail, errs, wall.Seconds(), simSeconds(simTotal, 1))

	if o.junit != "" {
		if err := writeJUnit(o.junit, suites, results, wall); err != nil {
			return &exitError{code: exitFail, err: fmt.Errorf("writing --junit %s: %v", o.junit, err)}
		}
	}
	if fail+errs > 0 {
		return &exitError{code: exitFail}
	}
	return nil
}

func countCases(suites []*suite.Suite) int {
	n := 0
	for _, s := range suites {
		n += len(s.Cases)
	}
	return n
}

// simSeconds formats picoseconds as seconds with the given number of decimals
// (truncated, not rounded, as trace times are).
func simSeconds(ps uint64, decimals int) string {
	unit := uint64(1_000_000_000_000)
	scale := uint64(1)
	for range decimals {
		scale *= 10
	}
	whole, frac := ps/unit, ps%unit/(unit/scale)
	if decimals == 0 {
		return fmt.Sprint(whole)
	}
	return fmt.Sprintf("%d.%0*d", whole, decimals, frac)
}

func printCase(w io.Writer, r *caseResult, verbose bool) {
	fmt.Fprintf(w, "%-5s %s  sim %ss  wall %s\n", r.status(), r.label, simSeconds(r.simPs, 6), r.wall.Round(time.Millisecond))
	if verbose && len(r.output) > 0 {
		for _, l := range strings.SplitAfter(string(r.output), "\n") {
			if l != "" {
				fmt.Fprintf(w, "    | %s", strings.TrimSuffix(l, "\n")+"\n")
			}
		}
	}
	for _, n := range r.notes {
		fmt.Fprintf(w, "    %s\n", n)
	}
	if r.errMsg != "" {
		fmt.Fprintf(w, "    %s\n", r.errMsg)
	}
	for _, reason := range r.reasons {
		for _, l := range strings.Split(strings.TrimSuffix(reason, "\n"), "\n") {
			fmt.Fprintf(w, "    %s\n", l)
		}
	}
}

// capBuffer keeps the first max bytes written to it.
type capBuffer struct {
	buf       bytes.Buffer
	max       int
	truncated bool
}

func (c *capBuffer) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room < len(p) {
		c.truncated = true
		if room > 0 {
			c.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (c *capBuffer) bytes() []byte {
	if c.truncated {
		return append(c.buf.Bytes(), "\n[output truncated]\n"...)
	}
	return c.buf.Bytes()
}

// maxCaseOutput bounds the firmware output kept for -v and JUnit.
const maxCaseOutput = 1 << 20

// runCase runs one case and checks it. It touches nothing shared but its own
// golden and trace-dir files.
func runCase(c *suite.Case, o *testOptions, qualify bool) *caseResult {
	r := &caseResult{c: c, label: c.Name}
	if qualify {
		r.label = c.Suite.Name + "/" + c.Name
	}
	data, err := readFirmware(c.Firmware)
	if err != nil {
		r.errMsg = err.Error()
		return r
	}
	machine := c.Machine
	if machine == "" {
		machine = board.DefaultMachine
	}
	console := c.UART
	if console == "" {
		console = "usart1"
	}
	var presses []board.Press
	for _, p := range c.Presses {
		presses = append(presses, board.Press{Button: p.Button, At: p.At, Hold: p.Hold})
	}
	var inputs []board.UARTInput
	for _, in := range c.UARTInputs {
		inputs = append(inputs, board.UARTInput{Data: in.Data, At: in.At})
	}
	var exp []*expectation
	expected := false
	for _, e := range c.Expect {
		exp = append(exp, &expectation{Source: e.Source, Text: e.Text, Re: e.Re, Fail: e.Fail, Where: e.Where})
		expected = expected || !e.Fail
	}
	out := &capBuffer{max: maxCaseOutput}
	var traceBuf bytes.Buffer
	wantTrace := c.Golden != "" || o.traceDir != ""
	var tw *trace.Writer
	spec := runSpec{
		Name: c.Firmware, ELF: data, Args: c.Args,
		Machine: machine, Console: console,
		Limits:  board.Limits{MaxCycles: c.MaxCycles, TimeoutPs: c.TimeoutPs},
		Presses: presses, Inputs: inputs,
		Seed: c.Seed, Functional: c.Functional, NoWatchdog: c.NoWatchdog, NoCatchHF: c.NoCatchHardFault,
		Stdout: out, Stderr: out,
		Expect: exp,
		// Expected texts end the run only when they are what the case checks; with
		// a golden or an exit status the run goes on to its end.
		RunToEnd: c.Golden != "" || c.ExitCode != nil,
	}
	if wantTrace {
		tw = trace.NewWriter(&traceBuf, traceMeta(machine, c.Firmware))
		spec.Trace = tw
	}
	res, err := execute(spec)
	if err != nil {
		r.errMsg = err.Error()
		r.output = out.bytes()
		return r
	}
	defer res.Board.Close()
	r.wall = res.Wall
	r.simPs = res.Board.SimPicos()
	if tw != nil {
		tw.Close()
	}

	// The status `m7emu run` would exit with: the firmware's status, 42 on a limit,
	// 134 on a fault, ...; 0 when the run was ended because every expected text was
	// seen.
	status := exitCode(res.Res, &runOptions{bkptExit: c.BkptExit, timeoutExitCode: exitTimeout})
	w := res.Watch
	if w != nil && w.done && w.failed == nil && res.Res.Outcome == board.Requested {
		status = exitOK
	}
	if w != nil {
		if w.failed != nil {
			r.reasons = append(r.reasons, fmt.Sprintf("failure text seen: %s (%s)", w.failed, w.failed.Where))
		}
		for _, e := range w.exp {
			if !e.Fail && !e.met {
				r.reasons = append(r.reasons, fmt.Sprintf("not seen: %s (%s)", e, e.Where))
			}
		}
	}
	if c.ExitCode != nil && status != *c.ExitCode {
		r.reasons = append(r.reasons, fmt.Sprintf("exit status %d, want %d", status, *c.ExitCode))
	} else if c.ExitCode == nil && !expected && status != exitOK && (w == nil || w.failed == nil) {
		r.reasons = append(r.reasons, fmt.Sprintf("exit status %d, want 0 (the case gives no exit-code and no expect-text)", status))
	}

	got := traceBuf.Bytes()
	if c.Golden != "" {
		if o.updateGolden {
			note, err := updateGolden(c.Golden, got)
			if err != nil {
				r.reasons = append(r.reasons, fmt.Sprintf("golden %s: %v", c.Golden, err))
			} else {
				r.notes = append(r.notes, fmt.Sprintf("golden %s: %s", c.Golden, note))
			}
		} else if msg := compareGolden(c, got); msg != "" {
			r.reasons = append(r.reasons, msg)
		}
	}
	if o.traceDir != "" {
		p := filepath.Join(o.traceDir, c.Suite.Name, c.Name+".trace")
		if err := writeFileAtomic(p, got); err != nil {
			r.reasons = append(r.reasons, fmt.Sprintf("--trace-dir: %v", err))
		}
	}
	if len(r.reasons) > 0 {
		end := fmt.Sprintf("run ended: %s", res.Res.Msg)
		if res.Res.Outcome == board.Exited && res.Res.Exit != nil && res.Res.Exit.Code() == 0 {
			end = "run ended: firmware exited with status 0"
		}
		r.reasons = append([]string{end}, r.reasons...)
	}
	r.output = out.bytes()
	return r
}

// compareGolden compares a run's trace with the case's golden; "" when equivalent.
func compareGolden(c *suite.Case, got []byte) string {
	want, err := os.ReadFile(c.Golden)
	if err != nil {
		return fmt.Sprintf("golden %s: %v", c.Golden, err)
	}
	if bytes.Equal(want, got) {
		return ""
	}
	wf, err := trace.Parse(bytes.NewReader(want))
	if err != nil {
		return fmt.Sprintf("golden %s: %v", c.Golden, err)
	}
	gf, err := trace.Parse(bytes.NewReader(got))
	if err != nil {
		return fmt.Sprintf("this run's trace: %v", err)
	}
	d := trace.Diff(wf, gf, trace.DiffOptions{TolerancePs: c.TolerancePs})
	if d == nil {
		return ""
	}
	var b bytes.Buffer
	b.WriteString("trace differs from the golden (- golden, + this run):\n")
	d.Format(&b, c.Golden, "run")
	return b.String()
}

// updateGolden writes a golden file if its content changes and says what it did.
func updateGolden(path string, data []byte) (string, error) {
	old, err := os.ReadFile(path)
	switch {
	case err == nil && bytes.Equal(old, data):
		return "unchanged", nil
	case err != nil && !os.IsNotExist(err):
		return "", err
	}
	if err := writeFileAtomic(path, data); err != nil {
		return "", err
	}
	if err != nil {
		return "created", nil
	}
	return "updated", nil
}

// writeFileAtomic writes a file through createAtomic, creating its directory.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// writeJUnit writes the JUnit report: one testsuite per suite file given, with the
// cases that ran.
func writeJUnit(path string, suites []*suite.Suite, results []*caseResult, wall time.Duration) error {
	rep := &suite.JUnitSuites{Name: "m7emu test", Time: suite.Seconds(wall)}
	index := map[*suite.Suite]int{}
	for _, st := range suites {
		index[st] = len(rep.Suites)
		rep.Suites = append(rep.Suites, suite.JUnitSuite{Name: st.Name, File: st.Path})
	}
	var sums = make([]time.Duration, len(suites))
	for _, r := range results {
		i := index[r.c.Suite]
		jc := suite.JUnitCase{
			Name: r.c.Name, Classname: r.c.Suite.Name, Time: suite.Seconds(r.wall),
			File: r.c.Suite.Path, Line: r.c.Line,
		}
		switch r.status() {
		case "ERROR":
			jc.Error = &suite.JUnitProblem{Message: r.errMsg, Type: "error", Text: r.errMsg}
		case "FAIL":
			msg := r.reasons[len(r.reasons)-1]
			if len(r.reasons) > 1 {
				msg = r.reasons[1] // the first check that failed (reasons[0] says how the run ended)
			}
			// One line: a multi-line reason whose first line ends in ':' (a golden
			// divergence) keeps its second line too.
			first, rest, _ := strings.Cut(msg, "\n")
			if second, _, _ := strings.Cut(rest, "\n"); strings.HasSuffix(first, ":") && second != "" {
				first += " " + strings.TrimSpace(second)
			}
			msg = first
			jc.Failure = &suite.JUnitProblem{Message: msg, Type: "failure", Text: strings.Join(r.reasons, "\n")}
		}
		if jc.Failure != nil || jc.Error != nil {
			jc.SystemOut = string(r.output)
		}
		rep.Suites[i].Add(jc)
		sums[i] += r.wall
	}
	for i := range rep.Suites {
		rep.Suites[i].Time = suite.Seconds(sums[i])
	}
	f, err := createAtomic(path)
	if err != nil {
		return err
	}
	if err := suite.WriteJUnit(f, rep); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

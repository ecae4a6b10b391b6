package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"m7emu/board"
	"m7emu/loader"
	"m7emu/trace"
)

// demoELF is the firmware `m7emu run` runs when no ELF is given. Its source is
// testdata/soc/boarddemo; testdata/soc/build.sh copies the built ELF here.
//
//go:embed demo.elf
var demoELF []byte

type runOptions struct {
	machine         string
	maxCycles       uint64
	timeout         string
	timeoutExitCode int
	stats           bool
	semihostRoot    string
	bkptExit        string
	chip            string
	functional      bool
	itm             bool
	noCatchHF       bool
	noWatchdog      bool
	uart            string
	presses         []string
	uartInputs      []string
	gpioLog         bool
	seed            uint64
	stdin           string
	trace           string
	traceInsn       bool
	traceWrites     bool
	expectText      []string
	failText        []string
	expectRegex     []string
	failRegex       []string
}

func newRunCmd(s streams) *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [flags] [FILE.elf [args...]]",
		Short: "Run a firmware ELF (or the built-in demo) until it exits",
		Long: `Run a firmware ELF on the emulated board until it exits through semihosting,
stops at a breakpoint or a fault, or reaches a limit. Without FILE.elf, run the
built-in demo firmware. Arguments after the ELF are passed to the firmware
(semihosting SYS_GET_CMDLINE), so m7emu works as a cargo runner:

    [target.thumbv7em-none-eabihf]
    runner = "m7emu run"

Firmware output (semihosting stdout) goes to stdout; m7emu's own messages go to
stderr. Times are simulated time: 30s, 500ms, 2.5s, or a bare number of ms.

Host controls act at exact simulated times: --press B1@1.5s presses the user
button (active high on PA0) for 50 ms, --press B1@1.5s:200ms for 200 ms;
--uart-input 'help\r'@100ms sends the text to the console USART's receiver
(escapes \r \n \t \\ \xNN); both repeat. --gpio-log prints one stderr line per
GPIO output change: "gpio 0.500000000 PJ13 1" (simulated seconds, pin, level).

Exit status:
  N    the firmware's status (SYS_EXIT_EXTENDED {ApplicationExit, N}; SYS_EXIT
       ApplicationExit gives 0, any other reason 1)
  1    breakpoint (unless --bkpt-exit success), deadlock, unsupported instruction
  2    bad flags, arguments or ELF
  42   --timeout or --max-cycles reached (see --timeout-exit-code)
  134  fault (undefined instruction, bus fault, ...)`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRun(s, o, args)
		},
	}
	cmd.Flags().SetInterspersed(false) // everything after the ELF belongs to the firmware
	f := cmd.Flags()
	f.StringVar(&o.machine, "machine", board.DefaultMachine, "machine: "+strings.Join(board.MachineNames(), ", "))
	f.Uint64Var(&o.maxCycles, "max-cycles", 0, "stop after this many CPU cycles (0 = no limit)")
	f.StringVar(&o.timeout, "timeout", "", "stop after this much simulated time (e.g. 30s, 500ms, 2.5s; bare number = ms)")
	f.IntVar(&o.timeoutExitCode, "timeout-exit-code", exitTimeout, "exit status when --timeout or --max-cycles is reached")
	f.BoolVar(&o.stats, "stats", false, "print run statistics on stderr at the end")
	f.StringVar(&o.semihostRoot, "semihosting-root", "", "directory the firmware may open files in through semihosting (default: none)")
	f.StringVar(&o.bkptExit, "bkpt-exit", "fail", "exit status for a BKPT that is not semihosting: fail (1) or success (0)")
	f.StringVar(&o.chip, "chip", "", "accepted for probe-rs compatibility (must name an STM32F76x/77x)")
	f.BoolVar(&o.functional, "functional", false, "count one cycle per instruction (no timing model)")
	f.BoolVar(&o.itm, "itm", false, "show writes to the ITM stimulus ports on stderr")
	f.StringVar(&o.uart, "uart", "usart1", "the USART/UART whose output goes to stdout (usart1 is the board's ST-LINK virtual COM port)")
	f.StringArrayVar(&o.presses, "press", nil, "press a button at a simulated time: B1@1.5s, or B1@1.5s:200ms to hold it 200 ms (default 50ms); repeatable")
	f.StringArrayVar(&o.uartInputs, "uart-input", nil, `send TEXT to the console USART's RX at a simulated time: 'help\r'@100ms (escapes \r \n \t \\ \xNN); repeatable`)
	f.BoolVar(&o.gpioLog, "gpio-log", false, "print one stderr line per GPIO output change: gpio SECONDS PIN LEVEL")
	f.Uint64Var(&o.seed, "seed", 0, "seed of the RNG's deterministic value stream (0 = the built-in default)")
	f.BoolVar(&o.noCatchHF, "no-catch-hardfault", false, "let the firmware's HardFault handler run instead of stopping with a fault report")
	f.BoolVar(&o.noWatchdog, "no-watchdog", false, "keep the IWDG and WWDG counting but ignore the system resets they ask for")
	f.StringVar(&o.stdin, "stdin", "auto", "where stdin goes: uart (the console USART's RX), semihosting (SYS_READ), none; auto = uart when stdin is a file or pipe and the machine has a console USART")
	f.StringVar(&o.trace, "trace", "", "write a golden trace of the run to FILE (docs/trace-format.md; written atomically)")
	f.BoolVar(&o.traceInsn, "trace-insn", false, "add every executed instruction to --trace (slow)")
	f.BoolVar(&o.traceWrites, "trace-writes", false, "add every peripheral register write to --trace")
	f.StringArrayVar(&o.expectText, "expect-text", nil, "stop with exit 0 as soon as TEXT appears in the output (console USART or semihosting); repeatable: all must appear")
	f.StringArrayVar(&o.failText, "fail-text", nil, "stop with exit 1 as soon as TEXT appears in the output; repeatable")
	f.StringArrayVar(&o.expectRegex, "expect-regex", nil, "like --expect-text, for a regular expression matched against each output line")
	f.StringArrayVar(&o.failRegex, "fail-regex", nil, "like --fail-text, for a regular expression matched against each output line")
	return cmd
}

// parseSimDuration parses a simulated-time limit (parseSimTime's syntax) into
// picoseconds; it must be positive.
func parseSimDuration(s string) (uint64, error) {
	ps, err := parseSimTime(s)
	if err != nil {
		return 0, fmt.Errorf("invalid --timeout %q: use a duration like 30s, 500ms or 2.5s", s)
	}
	if ps == 0 {
		return 0, fmt.Errorf("invalid --timeout %q: must be positive", s)
	}
	return ps, nil
}

func runRun(s streams, o *runOptions, args []string) error {
	var lim board.Limits
	lim.MaxCycles = o.maxCycles
	if o.timeout != "" {
		ps, err := parseSimDuration(o.timeout)
		if err != nil {
			return usageError("%v", err)
		}
		lim.TimeoutPs = ps
	}
	if o.bkptExit != "fail" && o.bkptExit != "success" {
		return usageError("invalid --bkpt-exit %q: use fail or success", o.bkptExit)
	}
	if o.chip != "" {
		up := strings.ToUpper(o.chip)
		if !strings.HasPrefix(up, "STM32F76") && !strings.HasPrefix(up, "STM32F77") {
			return usageError("--chip %q is not an STM32F76x/77x; m7emu emulates the STM32F769", o.chip)
		}
	}
	if o.semihostRoot != "" {
		if st, err := os.Stat(o.semihostRoot); err != nil || !st.IsDir() {
			return usageError("--semihosting-root %q is not a directory", o.semihostRoot)
		}
	}

	var presses []board.Press
	for _, p := range o.presses {
		pr, err := parsePress(p)
		if err != nil {
			return usageError("%v", err)
		}
		presses = append(presses, pr)
	}
	var inputs []board.UARTInput
	for _, u := range o.uartInputs {
		in, err := parseUARTInput(u)
		if err != nil {
			return usageError("%v", err)
		}
		inputs = append(inputs, in)
	}
	var gpioLog io.Writer
	if o.gpioLog {
		gpioLog = s.err
	}
	exp, err := o.expectations()
	if err != nil {
		return usageError("%v", err)
	}

	name := "demo firmware"
	data := demoELF
	var fwArgs []string
	if len(args) == 0 && o.machine != board.DefaultMachine {
		return usageError("the built-in demo runs on %s; give an ELF built for %s", board.DefaultMachine, o.machine)
	}
	if len(args) > 0 {
		name = args[0]
		fwArgs = args[1:]
		d, err := readFirmware(name)
		if err != nil {
			return usageError("%v", err)
		}
		data = d
	}
	spec := runSpec{
		Name: name, ELF: data, Args: fwArgs,
		Machine: o.machine, Console: o.uart, Limits: lim, Presses: presses, Inputs: inputs,
		Seed: o.seed, Functional: o.functional, NoWatchdog: o.noWatchdog, NoCatchHF: o.noCatchHF,
		SemihostRoot: o.semihostRoot, ITM: itmWriter(o.itm, s.err),
		Stdout: s.out, Stderr: s.err, GPIOLog: gpioLog,
		TraceDetail: trace.Detail{Instructions: o.traceInsn, Writes: o.traceWrites},
		Expect:      exp,
	}
	if err := o.routeStdin(s, &spec); err != nil {
		return usageError("%v", err)
	}
	if (o.traceInsn || o.traceWrites) && o.trace == "" {
		return usageError("--trace-insn and --trace-writes add detail to --trace FILE; give --trace too")
	}
	var traceFile *atomicFile
	var tw *trace.Writer
	if o.trace != "" {
		f, err := createAtomic(o.trace)
		if err != nil {
			return usageError("--trace: %v", err)
		}
		traceFile = f
		defer func() {
			if traceFile != nil {
				traceFile.Abort()
			}
		}()
		tw = trace.NewWriter(f, traceMeta(o.machine, name))
		spec.Trace = tw
	}

	r, err := execute(spec)
	if err != nil {
		return usageError("%v", err)
	}
	defer r.Board.Close()
	res, b := r.Res, r.Board
	if tw != nil {
		err := tw.Close()
		if err == nil {
			err = traceFile.Commit()
		}
		traceFile = nil
		if err != nil {
			return &exitError{code: exitFail, err: fmt.Errorf("writing --trace %s: %v", o.trace, err)}
		}
	}

	code := exitCode(res, o)
	switch res.Outcome {
	case board.Exited:
		if res.Exit.Status != 0 {
			fmt.Fprintf(s.err, "m7emu: firmware %s\n", res.Msg)
		}
	case board.Faulted:
		fmt.Fprintf(s.err, "m7emu: %s\n", res.Msg)
		fmt.Fprint(s.err, b.FaultReport())
	case board.Requested:
	default:
		fmt.Fprintf(s.err, "m7emu: %s\n", res.Msg)
	}
	if r.Watch != nil {
		code = expectCode(r.Watch, res, code, s.err)
	}
	if o.stats {
		c := b.CPU
		mips := 0.0
		if secs := r.Wall.Seconds(); secs > 0 {
			mips = float64(c.Instret) / secs / 1e6
		}
		// One line, plain numbers (seconds for the times) so scripts can parse it.
		sleep := 0.0
		if c.Cycles > 0 {
			sleep = 100 * float64(c.SleepCycles) / float64(c.Cycles)
		}
		fmt.Fprintf(s.err, "stats: instructions=%d cycles=%d sim_time=%s wall=%.3f mips=%.1f sleep=%.1f%%\n",
			c.Instret, c.Cycles, strings.TrimSuffix(board.FormatPicos(b.SimPicos()), "s"), r.Wall.Seconds(), mips, sleep)
	}
	if code != 0 {
		return &exitError{code: code}
	}
	return nil
}

// expectCode is the exit status of a run with --expect-text/--fail-text: 0 when every
// expected text was seen (the run stops there), 1 when a failure text was seen or the
// firmware ended without showing them all; a timeout keeps its own status.
func expectCode(w *watcher, res board.Result, code int, errw io.Writer) int {
	ok, msg := w.Verdict()
	switch {
	case ok && w.hasExpected():
		return exitOK
	case ok:
		return code // only failure texts, none seen: the run's own status
	}
	fmt.Fprintf(errw, "m7emu: %s\n", msg)
	if res.Outcome == board.Timeout || res.Outcome == board.CycleLimit {
		return code
	}
	return exitFail
}

// traceMeta is the metadata header of a trace: only what is the same on every
// machine (the firmware's base name, not its path).
func traceMeta(machine, firmware string) []trace.Meta {
	return []trace.Meta{{Key: "machine", Value: machine}, {Key: "firmware", Value: filepath.Base(firmware)}}
}

func exitCode(res board.Result, o *runOptions) int {
	switch res.Outcome {
	case board.Exited:
		return res.Exit.Code()
	case board.Breakpoint:
		if o.bkptExit == "success" {
			return exitOK
		}
		return exitFail
	case board.Faulted:
		return exitFault
	case board.Timeout, board.CycleLimit:
		return o.timeoutExitCode
	}
	return exitFail
}

// readFirmware reads an ELF file with a size bound, with errors users understand.
func readFirmware(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not an ELF file", path)
	}
	if st.Size() > loader.MaxFileSize {
		return nil, fmt.Errorf("%s: %d bytes is too large for a firmware ELF (limit %d)", path, st.Size(), loader.MaxFileSize)
	}
	return os.ReadFile(path)
}

// itmWriter returns the ITM sink for --itm: stimulus port writes go to w as raw bytes.
func itmWriter(on bool, w io.Writer) func(port int, data []byte) {
	if !on {
		return nil
	}
	return func(port int, data []byte) { w.Write(data) }
}

// expectations builds the --expect-*/--fail-* checks.
func (o *runOptions) expectations() ([]*expectation, error) {
	var exp []*expectation
	for _, t := range o.expectText {
		if t == "" {
			return nil, fmt.Errorf("--expect-text must not be empty")
		}
		exp = append(exp, &expectation{Text: t, Where: "--expect-text"})
	}
	for _, t := range o.failText {
		if t == "" {
			return nil, fmt.Errorf("--fail-text must not be empty")
		}
		exp = append(exp, &expectation{Text: t, Fail: true, Where: "--fail-text"})
	}
	for _, set := range []struct {
		flag string
		res  []string
		fail bool
	}{{"--expect-regex", o.expectRegex, false}, {"--fail-regex", o.failRegex, true}} {
		for _, r := range set.res {
			re, err := regexp.Compile(r)
			if err != nil {
				return nil, fmt.Errorf("invalid %s %q: %v", set.flag, r, err)
			}
			exp = append(exp, &expectation{Re: re, Fail: set.fail, Where: set.flag})
		}
	}
	return exp, nil
}

package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"m7emu/board"
	"m7emu/demangle"
	"m7emu/trace"
)

// runSpec is one firmware run, resolved from `run`'s flags or from a test-suite case.
type runSpec struct {
	Name string // the firmware's name in messages
	ELF  []byte
	Args []string // firmware arguments (semihosting SYS_GET_CMDLINE)

	Machine      string
	Console      string // console USART ("" = usart1)
	Limits       board.Limits
	Presses      []board.Press
	Inputs       []board.UARTInput
	Seed         uint64
	Functional   bool
	NoWatchdog   bool
	NoCatchHF    bool
	SemihostRoot string
	ITM          func(port int, data []byte)

	Stdin        io.Reader // semihosting reads (nil: none)
	ConsoleInput []byte    // bytes for the console USART's RX, queued at power-on
	Stdout       io.Writer // firmware output: console USART and semihosting stdout
	Stderr       io.Writer // semihosting stderr and m7emu's warnings
	GPIOLog      io.Writer // --gpio-log lines (nil: none)

	Trace       trace.Sink // the run's events (nil: none)
	TraceDetail trace.Detail
	Expect      []*expectation // --expect-text/--fail-text and suite expectations
	// RunToEnd keeps the run going when every expected text has been seen (a suite
	// case with a golden trace or an exit status to check); failure texts still end it.
	RunToEnd bool
}

// runResult is how a run ended.
type runResult struct {
	Res   board.Result
	Board *board.Board
	Wall  time.Duration
	Watch *watcher // nil without expectations
}

// execute builds the board for spec, loads the firmware and runs it. An error means
// the run could not start (bad machine, bad ELF): the caller reports it as bad input.
func execute(spec runSpec) (*runResult, error) {
	warned := map[string]bool{}
	stderr := spec.Stderr
	if stderr == nil {
		stderr = io.Discard
	}
	var w *watcher
	sink := spec.Trace
	if len(spec.Expect) > 0 {
		w = newWatcher(spec.Expect, spec.Console, spec.Trace)
		w.runToEnd = spec.RunToEnd
		sink = w
	}
	b, err := board.New(board.Config{
		Machine: spec.Machine,
		Stdin:   spec.Stdin, Stdout: spec.Stdout, Stderr: stderr,
		Warn: func(msg string) {
			if !warned[msg] {
				warned[msg] = true
				fmt.Fprintf(stderr, "m7emu: %s\n", msg)
			}
		},
		SemihostRoot:     spec.SemihostRoot,
		Cmdline:          strings.Join(spec.Args, " "),
		Functional:       spec.Functional,
		Demangle:         demangle.Name,
		NoCatchHardFault: spec.NoCatchHF,
		NoWatchdog:       spec.NoWatchdog,
		Console:          spec.Console,
		ITM:              spec.ITM,
		Presses:          spec.Presses,
		UARTInputs:       spec.Inputs,
		GPIOLog:          spec.GPIOLog,
		Seed:             spec.Seed,
		Trace:            sink,
		TraceDetail:      spec.TraceDetail,
	})
	if err != nil {
		return nil, err
	}
	if err := b.LoadELF(spec.ELF); err != nil {
		b.Close()
		return nil, fmt.Errorf("%s: %v", spec.Name, err)
	}
	if err := b.Reset(); err != nil {
		b.Close()
		return nil, fmt.Errorf("%s: %v", spec.Name, err)
	}
	if w != nil {
		w.stop = b.RequestStop
	}
	if len(spec.ConsoleInput) > 0 {
		b.ConsoleInput(spec.ConsoleInput)
	}
	start := time.Now()
	res := b.Run(spec.Limits)
	wall := time.Since(start)
	if w != nil {
		w.finish()
	}
	return &runResult{Res: res, Board: b, Wall: wall, Watch: w}, nil
}

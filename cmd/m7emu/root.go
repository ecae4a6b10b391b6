package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit statuses (conventions.md §6.3; documented in `m7emu run --help`).
const (
	exitOK      = 0
	exitFail    = 1
	exitUsage   = 2   // bad flags, arguments or firmware files
	exitFault   = 134 // fault or lockup (as semihosting::process::abort and probe-run)
	exitTimeout = 42  // default for --timeout/--max-cycles (Wokwi's convention)
)

// exitError carries an exit status out of a command. A nil error inside means the
// message was already printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks bad input (flags, arguments, files): exit status 2.
func usageError(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

// streams are the command's standard streams (injected for tests).
type streams struct {
	in       io.Reader
	out, err io.Writer
}

func newRootCmd(io streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "m7emu",
		Short:         "Emulator of the STM32F769I-DISCO board (Cortex-M7)",
		Long:          "m7emu runs firmware ELFs built for the STM32F769I-DISCO board (Cortex-M7, ARMv7E-M) on an\ninstruction-level emulator that counts cycles and keeps simulated time deterministic.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.AddCommand(newRunCmd(io), newDisasmCmd(io), newTraceCmd(io), newTestCmd(io))
	return root
}

// Main runs the command line and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(streams{in: stdin, out: stdout, err: stderr})
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "m7emu: %v\n", ee.err)
		}
		return ee.code
	}
	// Anything else comes from cobra's flag and argument parsing.
	fmt.Fprintf(stderr, "m7emu: %v\n", err)
	return exitUsage
}

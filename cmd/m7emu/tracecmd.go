package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"m7emu/trace"
)

func newTraceCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "trace",
		Short: "Work with golden traces (m7emu run --trace FILE)",
		Long: `Golden traces record what the board did and when, one event per line, stamped
with the CPU cycle and the simulated time (docs/trace-format.md).`,
	}
	cmd.AddCommand(newTraceDiffCmd(s))
	return cmd
}

type traceDiffOptions struct {
	tolerance string
	context   int
}

func newTraceDiffCmd(s streams) *cobra.Command {
	o := &traceDiffOptions{}
	cmd := &cobra.Command{
		Use:   "diff [flags] A.trace B.trace",
		Short: "Show the first divergence between two traces",
		Long: `Compare two traces event by event and show the first divergence with a few
events of context on both sides and its simulated time. Metadata (# lines) is not
compared. Events match when their kind and arguments are equal and, by default, their
cycle and time too; with --time-tolerance D the cycles are ignored and the times may
differ by up to D (e.g. 1us, 10ns, 2ms).

Exit status: 0 equivalent, 1 different, 2 bad arguments or unreadable traces.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTraceDiff(s, o, args[0], args[1])
		},
	}
	cmd.Flags().StringVar(&o.tolerance, "time-tolerance", "", "accept events whose simulated times differ by at most this much (cycles are then ignored)")
	cmd.Flags().IntVar(&o.context, "context", trace.DefaultContext, "events of context to show on each side of the divergence")
	return cmd
}

func runTraceDiff(s streams, o *traceDiffOptions, pathA, pathB string) error {
	var opt trace.DiffOptions
	if o.tolerance != "" {
		ps, err := parseSimTime(o.tolerance)
		if err != nil {
			return usageError("invalid --time-tolerance %q: use a duration like 1us, 10ns or 2ms", o.tolerance)
		}
		opt.TolerancePs = ps
	}
	if o.context < 0 {
		return usageError("--context must not be negative")
	}
	opt.Context = o.context
	if o.context == 0 {
		opt.Context = -1 // trace.DiffOptions: 0 means the default, negative none
	}
	a, err := readTrace(pathA)
	if err != nil {
		return usageError("%v", err)
	}
	b, err := readTrace(pathB)
	if err != nil {
		return usageError("%v", err)
	}
	d := trace.Diff(a, b, opt)
	if d == nil {
		fmt.Fprintf(s.out, "traces are equivalent (%d events)\n", len(a.Records))
		return nil
	}
	if err := d.Format(s.out, pathA, pathB); err != nil {
		return err
	}
	return &exitError{code: exitFail}
}

// readTrace reads and parses a trace file, with errors that name it.
func readTrace(path string) (*trace.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, err
	}
	defer f.Close()
	t, err := trace.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return t, nil
}

package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"m7emu/board"
)

// maxStdinInput bounds what --stdin uart reads (it is all queued at power-on).
const maxStdinInput = 64 << 20

// routeStdin applies --stdin: the console USART's RX gets stdin's bytes (queued at
// power-on and received back to back, one frame each, once the firmware enables the
// receiver), or semihosting SYS_READ reads stdin, or nothing does. auto chooses uart
// when stdin is a file or a pipe (not a terminal or a device such as /dev/null) and the
// machine has a console USART, and semihosting otherwise.
//
// The uart route reads stdin to its end before the run starts, so that the input is
// the same on every run (simulated time does not depend on when the host's bytes
// arrive); a notice says so if stdin stays open.
func (o *runOptions) routeStdin(s streams, spec *runSpec) error {
	mode := o.stdin
	switch mode {
	case "auto":
		mode = "semihosting"
		if stdinIsData(s.in) && machineHasConsole(o.machine) {
			mode = "uart"
		}
	case "uart":
		if !machineHasConsole(o.machine) {
			return fmt.Errorf("--stdin uart: machine %s has no console USART", o.machine)
		}
	case "semihosting", "none":
	default:
		return fmt.Errorf("invalid --stdin %q: use auto, uart, semihosting or none", o.stdin)
	}
	switch mode {
	case "semihosting":
		spec.Stdin = s.in
	case "uart":
		if s.in == nil {
			return nil
		}
		data, err := readStdin(s.in, s.err, o.uart)
		if err != nil {
			return fmt.Errorf("reading stdin: %v", err)
		}
		spec.ConsoleInput = data
	}
	return nil
}

// stdinIsData reports whether r is input data rather than a terminal or a device:
// a regular file, a pipe or socket, or (in tests) any reader that is not a file.
func stdinIsData(r io.Reader) bool {
	if r == nil {
		return false
	}
	f, ok := r.(*os.File)
	if !ok {
		return true
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	return st.Mode()&(os.ModeDevice|os.ModeCharDevice) == 0
}

// machineHasConsole reports whether the machine has USARTs (a console for stdin).
func machineHasConsole(name string) bool {
	m, err := board.Lookup(name)
	return err == nil && m.SoC != nil
}

// readStdin reads r to its end (at most maxStdinInput bytes), telling the user once
// if that takes more than two seconds of wall time.
func readStdin(r io.Reader, msgs io.Writer, uart string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(r, maxStdinInput+1))
		ch <- result{data, err}
	}()
	timer := time.NewTimer(2 * time.Second)
	defer timer.Stop()
	for {
		select {
		case res := <-ch:
			if res.err == nil && len(res.data) > maxStdinInput {
				return nil, fmt.Errorf("more than %d bytes", maxStdinInput)
			}
			return res.data, res.err
		case <-timer.C:
			fmt.Fprintf(msgs, "m7emu: waiting for stdin to end (it feeds %s's RX; --stdin none ignores it)\n", uart)
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"m7emu/trace"
)

// pinWarning matches the warning for firmware that uses USART1 without routing TX to a pin.
var pinWarning = regexp.MustCompile(`m7emu: USART1 transmits but no pin.*\n`)

// runIn runs the command line with stdin.
func runIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// --trace writes the run's events atomically: reset, the button's effect on PJ13 at
// the pressed times, and how the run ended; two runs give the same bytes.
func TestRunTrace(t *testing.T) {
	p := writeTemp(t, "button.elf", buttonToLED())
	dir := t.TempDir()
	tr := filepath.Join(dir, "button.trace")
	code, _, stderr := run(t, "run", "--timeout", "5ms", "--press", "B1@1ms:2ms", "--trace", tr, p)
	if code != exitTimeout {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(tr)
	if err != nil {
		t.Fatal(err)
	}
	f, err := trace.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var got []string
	for _, r := range f.Records {
		got = append(got, r.Kind+" "+r.Args)
	}
	want := []string{"reset power-on", "gpio PJ13 0", "button B1 1", "gpio PJ13 1", "button B1 0", "gpio PJ13 0",
		`stop timeout "timeout: simulated time reached 0.005000000s"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// 16 MHz: the press at 1 ms is cycle 16000; the firmware follows it within a
	// few loop iterations.
	if r := f.Records[2]; r.Picos != 1_000_000_000 {
		t.Errorf("B1 pressed at %d ps, want exactly 1 ms", r.Picos)
	}
	if r := f.Records[3]; r.Picos < 1_000_000_000 || r.Picos > 1_001_000_000 {
		t.Errorf("PJ13 rose at %d ps, want just after 1 ms", r.Picos)
	}
	if r := f.Records[0]; r.Cycle != 0 || r.Picos != 0 {
		t.Errorf("reset at cycle %d, %d ps", r.Cycle, r.Picos)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d files, want only the trace (no temporary left)", len(ents))
	}
	tr2 := filepath.Join(dir, "again.trace")
	run(t, "run", "--timeout", "5ms", "--press", "B1@1ms:2ms", "--trace", tr2, p)
	data2, _ := os.ReadFile(tr2)
	if !bytes.Equal(data, data2) {
		t.Error("two runs of the same firmware and inputs wrote different traces")
	}
}

func TestRunTraceErrors(t *testing.T) {
	p := writeTemp(t, "exit0.elf", exitProgram(0))
	for _, tc := range []struct {
		args []string
		re   string
	}{
		{[]string{"run", "--trace", filepath.Join(t.TempDir(), "no", "such", "dir", "x.trace"), p}, `--trace: .*no such file or directory`},
		{[]string{"run", "--trace-insn", p}, `--trace-insn and --trace-writes add detail to --trace FILE`},
		{[]string{"run", "--expect-regex", "(", p}, `invalid --expect-regex "\("`},
		{[]string{"run", "--expect-text", "", p}, `--expect-text must not be empty`},
		{[]string{"run", "--stdin", "tty", p}, `invalid --stdin "tty"`},
		{[]string{"run", "--machine", "mps2-an500", "--stdin", "uart", p}, `no console USART`},
	} {
		code, _, stderr := run(t, tc.args...)
		if code != exitUsage || !regexp.MustCompile(tc.re).MatchString(stderr) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.re)
		}
	}
}

// --trace-insn adds every executed instruction with its disassembly; --trace-writes
// every peripheral register write.
func TestRunTraceDetail(t *testing.T) {
	p := writeTemp(t, "exit3.elf", exitProgram(3))
	tr := filepath.Join(t.TempDir(), "x.trace")
	if code, _, stderr := run(t, "run", "--trace", tr, "--trace-insn", p); code != 3 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(tr)
	for _, want := range []string{
		"\n0 0.000000000 insn 0x08000008 \"movs r0, #32\"\n",
		" insn 0x0800000c \"bkpt 0x00ab\"\n",
		" exit 3\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("trace lacks %q:\n%s", want, data)
		}
	}
	e := writeTemp(t, "echo.elf", echoFirmware())
	if code, _, stderr := run(t, "run", "--timeout", "1ms", "--trace", tr, "--trace-writes", e); code != exitTimeout {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ = os.ReadFile(tr)
	for _, want := range []string{
		" write 0x40023844 4 0x00000010 RCC+0x44\n",   // RCC_APB2ENR = USART1EN
		" write 0x4001100c 4 0x0000008b USART1+0xc\n", // BRR = 139
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("trace lacks %q:\n%s", want, data)
		}
	}
}

// Wokwi-style expectations on the console output end the run as soon as they are
// decided: exit 0 when every expected text has appeared, 1 on a failure text or when
// the firmware ends without them; a timeout keeps its status.
func TestRunExpectText(t *testing.T) {
	echo := writeTemp(t, "echo.elf", echoFirmware())
	exit0 := writeTemp(t, "exit0.elf", exitProgram(0))
	in := []string{"--uart-input", `hello world\n@1ms`, "--uart-input", `second\n@20ms`}
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string // stdout: the echo up to where the run stopped
		errs string // stderr regexp
	}{
		{"expect met", []string{"--expect-text", "lo wo"}, 0, "hello wo", `^$`},
		{"two expects", []string{"--expect-text", "world", "--expect-text", "sec"}, 0, "hello world\nsec", `^$`},
		{"regex", []string{"--expect-regex", `^hel+o w.rld$`}, 0, "hello world\n", `^$`},
		{"fail text", []string{"--fail-text", "world"}, 1, "hello world", `failure text seen: fail-text "world" on output`},
		{"fail regex", []string{"--fail-regex", `^sec`, "--expect-text", "nope"}, 1, "hello world\nsecond\n", `failure text seen: fail-regex /\^sec/`},
		{"not seen before timeout", []string{"--expect-text", "nope"}, 42, "hello world\nsecond\n", `timeout.*\n.*not seen: expect-text "nope" on output`},
		{"fail text absent", []string{"--fail-text", "panic"}, 42, "hello world\nsecond\n", `timeout`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"run", "--timeout", "50ms"}, in...), tc.args...)
			code, out, stderr := run(t, append(args, echo)...)
			stderr = pinWarning.ReplaceAllString(stderr, "") // the echo firmware sets no pins
			if code != tc.code || out != tc.out || !regexp.MustCompile(tc.errs).MatchString(stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, /%s/", code, out, stderr, tc.code, tc.out, tc.errs)
			}
		})
	}
	code, _, stderr := run(t, "run", "--expect-text", "never", exit0)
	if code != exitFail || !strings.Contains(stderr, `not seen: expect-text "never"`) {
		t.Errorf("firmware exit before the expected text: exit %d, %q", code, stderr)
	}
}

// Piped stdin feeds the console USART's receiver (the echo firmware prints it back);
// --stdin none and semihosting keep it away from the USART.
func TestRunStdinToConsole(t *testing.T) {
	echo := writeTemp(t, "echo.elf", echoFirmware())
	for _, tc := range []struct {
		mode, out string
	}{{"auto", "abc\r\n"}, {"uart", "abc\r\n"}, {"none", ""}, {"semihosting", ""}} {
		code, out, stderr := runIn(t, "abc\r\n", "run", "--timeout", "10ms", "--stdin", tc.mode, echo)
		if code != exitTimeout || out != tc.out {
			t.Errorf("--stdin %s: exit %d, stdout %q (%s), want %q", tc.mode, code, out, stderr, tc.out)
		}
	}
}

func TestTraceDiff(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const head = "m7emu-trace 1\n# firmware: x.elf\n0 0.000000000 reset power-on\n"
	a := write("a.trace", head+"8000 0.000500000 gpio PJ13 1\n16000 0.001000000 exit 0\n")
	b := write("b.trace", head+"8016 0.000501000 gpio PJ13 1\n16000 0.001000000 exit 0\n")
	c := write("c.trace", head+"8000 0.000500000 gpio PJ13 0\n16000 0.001000000 exit 0\n")
	bad := write("bad.trace", "hello\n")

	for _, tc := range []struct {
		args []string
		code int
		re   string
	}{
		{[]string{a, a}, 0, `traces are equivalent \(3 events\)`},
		{[]string{a, b}, 1, `(?s)0\.000500000.*a\.trace:4.*8000 0\.000500000 gpio PJ13 1.*b\.trace:4.*8016 0\.000501000 gpio PJ13 1`},
		{[]string{"--time-tolerance", "1us", a, b}, 0, `equivalent`},
		{[]string{"--time-tolerance", "999ns", a, b}, 1, `gpio PJ13 1`},
		{[]string{"--time-tolerance", "1s", a, c}, 1, `gpio PJ13 0`},
		{[]string{a, bad}, 2, `bad\.trace: .*not an m7emu trace`},
		{[]string{a, filepath.Join(dir, "none.trace")}, 2, `none\.trace: no such file`},
		{[]string{"--time-tolerance", "soon", a, b}, 2, `invalid --time-tolerance "soon"`},
	} {
		code, out, stderr := run(t, append([]string{"trace", "diff"}, tc.args...)...)
		if code != tc.code || !regexp.MustCompile(tc.re).MatchString(out+stderr) {
			t.Errorf("trace diff %v: exit %d\n%s%s\nwant %d and /%s/", tc.args, code, out, stderr, tc.code, tc.re)
		}
	}
}

// The watcher keeps a bounded window of a long output and still finds texts that span
// the boundary of what it dropped.
func TestWatcherTrimsLongOutput(t *testing.T) {
	exp := []*expectation{{Text: "needle-across", Source: "semihosting"}, {Re: regexp.MustCompile(`^tail line$`), Source: "semihosting"}}
	w := newWatcher(exp, "", nil)
	chunk := strings.Repeat("x", 1000) + "\n"
	for i := 0; i < 200; i++ { // 200 kB of output
		w.Emit(&trace.Event{Kind: trace.Semihost, Src: "stdout", Text: chunk})
	}
	if n := len(w.streams["semihosting"].buf); n > trimAbove+len(chunk) {
		t.Errorf("watcher holds %d bytes of output, want at most %d", n, trimAbove+len(chunk))
	}
	w.Emit(&trace.Event{Kind: trace.Semihost, Src: "stdout", Text: "…needle-"})
	w.Emit(&trace.Event{Kind: trace.Semihost, Src: "stdout", Text: "across\ntail "})
	w.Emit(&trace.Event{Kind: trace.Semihost, Src: "stdout", Text: "line\n"})
	if ok, msg := w.Verdict(); !ok {
		t.Errorf("after trimming: %s", msg)
	}
}

package suite

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testTime is a small stand-in for m7emu's time parser: NUMBER followed by ms or s.
func testTime(s string) (uint64, error) {
	for _, u := range []struct {
		suffix string
		ps     uint64
	}{{"ms", 1_000_000_000}, {"s", 1_000_000_000_000}} {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseUint(n, 10, 64)
			if err == nil {
				return v * u.ps, nil
			}
		}
	}
	return 0, fmt.Errorf("bad time %q", s)
}

func testUnescape(s string) ([]byte, error) { return []byte(strings.ReplaceAll(s, `\r`, "\r")), nil }

func load(t *testing.T, yaml string, o Options) ([]*Suite, error) {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "fw.elf"), []byte("x"), 0o644)
	p := filepath.Join(dir, "s.yaml")
	os.WriteFile(p, []byte(yaml), 0o644)
	o.ParseTime, o.Unescape = testTime, testUnescape
	return Load([]string{p}, o)
}

func TestDefaultsAndOverrides(t *testing.T) {
	ss, err := load(t, `
defaults: &d
  timeout: 2s
  seed: 7
  fail-text: [panicked]
  inputs: [{uart: 'hi\r', at: 5ms}]
cases:
  - name: uses-defaults
    firmware: fw.elf
  - name: overrides
    firmware: fw.elf
    timeout: 3s
    fail-text: [{regex: 'x+', source: UART:USART6}]
    inputs: []
    exit-code: -1
  - name: no-timeout
    firmware: fw.elf
    timeout: 1ms
    time-tolerance: 0ms
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := ss[0].Cases
	if len(cs) != 3 || ss[0].Name != "s" {
		t.Fatalf("%d cases, suite %q", len(cs), ss[0].Name)
	}
	a, b := cs[0], cs[1]
	if a.TimeoutPs != 2_000_000_000_000 || a.Seed != 7 || len(a.Expect) != 1 || a.Expect[0].Text != "panicked" || !a.Expect[0].Fail || a.Expect[0].Source != "output" {
		t.Errorf("defaults not applied: %+v", a)
	}
	if len(a.UARTInputs) != 1 || string(a.UARTInputs[0].Data) != "hi\r" || a.UARTInputs[0].At != 5_000_000_000 {
		t.Errorf("inputs: %+v", a.UARTInputs)
	}
	if b.TimeoutPs != 3_000_000_000_000 || len(b.Expect) != 1 || b.Expect[0].Re == nil || b.Expect[0].Source != "uart:usart6" || len(b.UARTInputs) != 0 || b.ExitCode == nil || *b.ExitCode != -1 {
		t.Errorf("overrides: %+v", b)
	}
	if a.ExitCode != nil || a.Line != 8 || b.Line != 10 {
		t.Errorf("exit code %v, lines %d %d", a.ExitCode, a.Line, b.Line)
	}
	if !strings.HasSuffix(a.Expect[0].Where, "s.yaml:5") {
		t.Errorf("Where %q", a.Expect[0].Where)
	}
	if cs[2].TimeoutPs != 1_000_000_000 {
		t.Errorf("timeout %d", cs[2].TimeoutPs)
	}
}

func TestDefaultTimeout(t *testing.T) {
	ss, err := load(t, "cases:\n  - name: a\n    firmware: fw.elf\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := ss[0].Cases[0]; c.TimeoutPs != DefaultTimeoutPs || c.BkptExit != "fail" || c.Machine != "" {
		t.Errorf("%+v", c)
	}
}

func TestErrorsSortedAndComplete(t *testing.T) {
	_, err := load(t, `cases:
  - name: a
    firmware: fw.elf
    timeout: 0s
  - name: b
    firmware: fw.elf
    machine: vax
    max-cycles: -5
`, Options{Machines: []string{"m1", "m2"}})
	es, ok := err.(Errors)
	if !ok || len(es) != 3 {
		t.Fatalf("%v", err)
	}
	for i, want := range []struct {
		line int
		msg  string
	}{{4, "timeout: must be longer than 0"}, {7, `machine: unknown machine "vax" (machines: m1, m2)`}, {8, "max-cycles: want a non-negative integer"}} {
		if es[i].Line != want.line || !strings.HasPrefix(es[i].Msg, want.msg) {
			t.Errorf("error %d: %v, want line %d %q", i, es[i], want.line, want.msg)
		}
	}
	if !strings.Contains(err.Error(), "s.yaml:7: machine") {
		t.Errorf("Error(): %s", err)
	}
}

func TestParseShard(t *testing.T) {
	for _, s := range []string{"", "1", "0/2", "3/2", "x", "1/x", "1/0", "-1/2", "+1/2", "1/2/3", " 1/2"} {
		if _, err := ParseShard(s); err == nil {
			t.Errorf("ParseShard(%q) accepted", s)
		}
	}
	if sh, err := ParseShard("2/4"); err != nil || sh != (Shard{2, 4}) {
		t.Errorf("2/4: %v %v", sh, err)
	}
}

func TestShardPartition(t *testing.T) {
	for total := 0; total <= 11; total++ {
		items := make([]int, total)
		for i := range items {
			items[i] = i
		}
		for n := 1; n <= 5; n++ {
			count := make([]int, total)
			lo, hi := total, 0
			for i := 1; i <= n; i++ {
				part := Select(items, Shard{i, n})
				lo, hi = min(lo, len(part)), max(hi, len(part))
				for j, k := range part {
					count[k]++
					if k%n+1 != i || (j > 0 && part[j-1] >= k) {
						t.Errorf("total %d shard %d/%d: %v", total, i, n, part)
					}
				}
			}
			for k, c := range count {
				if c != 1 {
					t.Errorf("total %d N %d: item %d in %d shards", total, n, k, c)
				}
			}
			if total > 0 && hi-lo > 1 {
				t.Errorf("total %d N %d: sizes %d..%d", total, n, lo, hi)
			}
		}
	}
}

func TestWriteJUnit(t *testing.T) {
	r := &JUnitSuites{Name: "m7emu test", Time: "1.500"}
	s := JUnitSuite{Name: "fw"}
	s.Add(JUnitCase{Name: "ok", Classname: "fw", Time: "0.001"})
	s.Add(JUnitCase{Name: "bad", Classname: "fw", Time: "0.002", Failure: &JUnitProblem{Message: "exit status 1, want 0", Text: "a <b> & \"c\"\n\x01"}})
	s.Add(JUnitCase{Name: "err", Classname: "fw", Time: "0.000", Error: &JUnitProblem{Message: "not an ELF"}})
	r.Suites = append(r.Suites, s)
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Suite    []struct {
			Tests int `xml:"tests,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if back.Tests != 3 || back.Failures != 1 || back.Errors != 1 || len(back.Suite) != 1 || back.Suite[0].Tests != 3 {
		t.Errorf("counts: %+v", back)
	}
	f := back.Suite[0].Cases[1].Failure
	if f == nil || f.Message != "exit status 1, want 0" || !strings.HasPrefix(f.Text, "a <b> & \"c\"\n") {
		t.Errorf("failure: %+v\n%s", f, b.String())
	}
}

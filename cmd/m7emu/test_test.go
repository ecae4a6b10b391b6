package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"m7emu/suite"
)

// firmwareSuite is the suite of the test firmware (testdata/suites/firmware.yaml).
const firmwareSuite = "../../testdata/suites/firmware.yaml"

// caseLine matches a case's result line: STATUS NAME  sim S  wall W.
var caseLine = regexp.MustCompile(`(?m)^(PASS|FAIL|ERROR) +(\S+)  sim \d+\.\d{6}s  wall \S+$`)

// caseNames returns the names on the result lines, in printed order, by status.
func caseNames(out string) (names []string, status map[string]string) {
	status = map[string]string{}
	for _, m := range caseLine.FindAllStringSubmatch(out, -1) {
		names = append(names, m[2])
		status[m[2]] = m[1]
	}
	return names, status
}

// TestFirmwareSuite runs the test firmware suite: every program, its QEMU-derived
// expected texts and exit status, and its golden trace.
func TestFirmwareSuite(t *testing.T) {
	code, out, stderr := run(t, "test", firmwareSuite)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	names, status := caseNames(out)
	if len(names) < 20 {
		t.Errorf("%d cases ran, want at least 20:\n%s", len(names), out)
	}
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^%d passed, 0 failed, 0 errors in \d+\.\d\ds \(sim \d+\.\ds\)$`, len(names))).MatchString(out) {
		t.Errorf("no summary line for %d passing cases:\n%s", len(names), out)
	}
	for n, s := range status {
		if s != "PASS" {
			t.Errorf("%s: %s", n, s)
		}
	}
}

// TestFirmwareSuiteCoverage checks that the suite covers every program of
// testdata/firmware on the F769 with its expected_exit, and that the goldens stay small.
func TestFirmwareSuiteCoverage(t *testing.T) {
	suites, err := suite.Load([]string{firmwareSuite}, suite.Options{ParseTime: parseSimTime, Unescape: unescape})
	if err != nil {
		t.Fatal(err)
	}
	byELF := map[string]*suite.Case{}
	goldens := 0
	for _, c := range suites[0].Cases {
		byELF[filepath.Clean(c.Firmware)] = c
		if c.Golden != "" {
			goldens++
			if st, err := os.Stat(c.Golden); err != nil {
				t.Errorf("%s: %v", c.Name, err)
			} else if st.Size() > 300_000 {
				t.Errorf("%s: golden %s is %d bytes, keep goldens under ~300 KB", c.Name, c.Golden, st.Size())
			}
		}
	}
	if goldens < 20 {
		t.Errorf("%d cases have a golden, want at least 20", goldens)
	}
	progs, _ := filepath.Glob("../../testdata/firmware/*/expected_exit")
	if len(progs) == 0 {
		t.Fatal("no test firmware found")
	}
	for _, p := range progs {
		dir := filepath.Dir(p)
		name := filepath.Base(dir)
		c := byELF[filepath.Join(dir, name+".elf")]
		if c == nil {
			t.Errorf("program %s has no case in %s", name, firmwareSuite)
			continue
		}
		text, _ := os.ReadFile(p)
		want, err := strconv.Atoi(strings.TrimSpace(string(text)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if c.ExitCode == nil || *c.ExitCode != want {
			t.Errorf("case %s: exit-code %v, want %d (%s)", c.Name, c.ExitCode, want, p)
		}
		if len(c.Expect) == 0 {
			t.Errorf("case %s has no expect-text", c.Name)
		}
		// The expected texts come from expected.txt (QEMU's output).
		exp, _ := os.ReadFile(filepath.Join(dir, "expected.txt"))
		for _, e := range c.Expect {
			if e.Re == nil && !bytes.Contains(exp, []byte(e.Text)) {
				t.Errorf("case %s: expect-text %q is not in %s/expected.txt", c.Name, e.Text, dir)
			}
		}
	}
}

// tempSuite writes a suite and the files it names into a new directory and returns
// the suite's path. files maps names to contents.
func tempSuite(t *testing.T, yaml string, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(dir, "suite.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// lineOf returns the 1-based line of the first line of text containing marker.
func lineOf(t *testing.T, text, marker string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.Contains(l, marker) {
			return i + 1
		}
	}
	t.Fatalf("marker %q not in the suite", marker)
	return 0
}

func readTestdata(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSuiteErrors(t *testing.T) {
	const bad = `defaults:
  timeout: soon            # M-default-timeout
cases:
  - name: ok
    firmware: fw.elf
    timeout: 1s
  - name: unknown-key
    firmware: fw.elf
    timeout: 1s
    colour: blue           # M-unknown
  - name: types
    firmware: fw.elf
    timeout: 1s
    seed: seven            # M-seed
    no-watchdog: "yes"     # M-bool
    args: {a: 1}           # M-args
    exit-code: zero        # M-exit
  - name: missing-files
    firmware: nothere.elf  # M-firmware
    timeout: 1s
    golden: golden/none.trace   # M-golden
  - name: times
    firmware: fw.elf
    timeout: 1s
    time-tolerance: 5 parsecs   # M-tolerance
    inputs:
      - {press: B1, at: later}  # M-at
      - {press: B1, at: 1ms, hold: 0}  # M-hold
      - {uart: 'a\q', at: 1ms}  # M-escape
      - {uart: "x", press: B1, at: 1ms}  # M-both
  - name: expects
    firmware: fw.elf
    timeout: 1s
    expect-text:
      - {regex: 'a(b', source: output}  # M-regex
      - {text: x, source: radio}        # M-source
      - ""                               # M-empty
    fail-text:
      - {text: a, regex: b}              # M-textregex
  - name: ok                             # M-dup
    firmware: fw.elf
    timeout: 1s
  - firmware: fw.elf                     # M-noname
    timeout: 1s
  - name: m
    firmware: fw.elf
    timeout: 1s
    machine: pdp11                       # M-machine
    bkpt-exit: maybe                     # M-bkpt
`
	want := []struct{ marker, msg string }{
		{"M-default-timeout", `timeout: bad time "soon"`},
		{"M-unknown", `case: unknown key "colour" (allowed: name, firmware, args, machine, uart, seed,`},
		{"M-seed", `seed: want a non-negative integer, got the string "seven"`},
		{"M-bool", `no-watchdog: want true or false, got the string "yes"`},
		{"M-args", `args: want a list of strings, got a mapping`},
		{"M-exit", `exit-code: want an integer, got the string "zero"`},
		{"M-firmware", `firmware nothere.elf: no such file (looked for `},
		{"M-golden", `golden golden/none.trace: no such file (looked for `},
		{"M-tolerance", `time-tolerance: bad time "5 parsecs"`},
		{"M-at", `at: bad time "later"`},
		{"M-hold", `hold: must be longer than 0`},
		{"M-escape", `uart: unknown escape \q`},
		{"M-both", `input: give exactly one of press: BUTTON or uart: TEXT`},
		{"M-regex", "regex: error parsing regexp: missing closing ): `a(b`"},
		{"M-source", `source: unknown source "radio" (sources: output, semihosting, trace, uart:NAME`},
		{"M-empty", `expect-text item: must not be empty`},
		{"M-textregex", `fail-text item: give exactly one of text: or regex:`},
		{"M-dup", `duplicate case name "ok" (first at line 4)`},
		{"M-noname", `case: missing name:`},
		{"M-machine", `machine: unknown machine "pdp11" (machines: `},
		{"M-bkpt", `bkpt-exit: "maybe" is neither fail nor success`},
	}
	p := tempSuite(t, bad, map[string][]byte{"fw.elf": exitProgram(0)})
	code, out, stderr := run(t, "test", p)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if out != "" {
		t.Errorf("something ran:\n%s", out)
	}
	for _, w := range want {
		line := lineOf(t, bad, w.marker)
		prefix := fmt.Sprintf("%s:%d: ", p, line)
		found := false
		for _, l := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(l, prefix) && strings.Contains(l, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error %q at %s (%s)", w.msg, prefix, w.marker)
		}
	}
	// A bad default is reported once.
	if n := strings.Count(stderr, `bad time "soon"`); n != 1 {
		t.Errorf("the bad default timeout is reported %d times, want once", n)
	}
	if !strings.Contains(stderr, "nothing was run") {
		t.Errorf("stderr does not say nothing ran:\n%s", stderr)
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", stderr)
	}

	// Whole-file problems.
	for _, tc := range []struct{ name, yaml, want string }{
		{"empty file", "", `suite.yaml:1: empty suite`},
		{"no cases key", "defaults:\n  timeout: 1s\n", `suite.yaml:1: empty suite: no cases: list`},
		{"empty cases", "cases: []\n", `suite.yaml:1: empty suite: the cases: list has no cases`},
		{"cases not a list", "cases:\n  a: b\n", `suite.yaml:2: cases: want a list of cases, got a mapping`},
		{"top-level key", "cases:\n  - name: a\n    firmware: fw.elf\ntimeouts: 3\n", `suite.yaml:4: the suite: unknown key "timeouts" (allowed: defaults, cases)`},
		{"YAML syntax", "cases:\n  - name: a\n    firmware: [fw.elf\n", `suite.yaml:`},
		{"tab indentation", "cases:\n\t- name: a\n", `suite.yaml:2: YAML: found character that cannot start any token`},
		{"duplicate key", "cases:\n  - name: a\n    firmware: fw.elf\n    name: b\n", `suite.yaml:4: case: key "name" given twice (first at line 2)`},
		{"not a mapping", "- a\n- b\n", `suite.yaml:1: the suite: want a mapping`},
		{"bad name", "cases:\n  - name: a/b\n    firmware: fw.elf\n", `suite.yaml:2: name "a/b": must not contain /`},
		{"shared golden", "cases:\n  - name: a\n    firmware: fw.elf\n    golden: g.trace\n  - name: b\n    firmware: fw.elf\n    golden: g.trace\n", `suite.yaml:5: case "b" uses the golden`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tempSuite(t, tc.yaml, map[string][]byte{"fw.elf": exitProgram(0), "g.trace": []byte("m7emu-trace 1\n")})
			code, out, stderr := run(t, "test", p)
			if code != 2 || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing run", code, out)
			}
			if !strings.Contains(stderr, filepath.Dir(p)+"/"+tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
		})
	}

	// A missing golden is fine with --update-golden; a missing suite file is not.
	p = tempSuite(t, "cases:\n  - name: a\n    firmware: fw.elf\n    golden: g/a.trace\n", map[string][]byte{"fw.elf": exitProgram(0)})
	if code, out, stderr := run(t, "test", p); code != 2 || !strings.Contains(stderr, "suite.yaml:4: golden") {
		t.Errorf("missing golden: exit %d\n%s%s", code, out, stderr)
	}
	if code, out, stderr := run(t, "test", "--update-golden", p); code != 0 || !strings.Contains(out, "g/a.trace: created") {
		t.Errorf("missing golden with --update-golden: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := run(t, "test", p, filepath.Join(t.TempDir(), "none.yaml")); code != 2 || !strings.Contains(stderr, "none.yaml: no such suite file") {
		t.Errorf("missing suite: exit %d\n%s", code, stderr)
	}
}

func TestTestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"test"},
		{"test", "--shard", "0/2", firmwareSuite},
		{"test", "--shard", "3/2", firmwareSuite},
		{"test", "--shard", "x", firmwareSuite},
		{"test", "--shard", "1/0", firmwareSuite},
		{"test", "--shard", "-1/2", firmwareSuite},
		{"test", "--jobs", "0", firmwareSuite},
		{"test", "--run", "(", firmwareSuite},
		{"test", "--frobnicate", firmwareSuite},
		{"test", firmwareSuite, firmwareSuite}, // two suites with one name
	} {
		code, out, stderr := run(t, args...)
		if code != 2 || out != "" {
			t.Errorf("%q: exit %d, want 2 with nothing run\n%s%s", args, code, out, stderr)
		}
	}
}

func TestTestRunFilter(t *testing.T) {
	code, out, stderr := run(t, "test", "--run", "^hello", firmwareSuite)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	names, _ := caseNames(out)
	if !slices.Equal(names, []string{"hello", "hello-mps2"}) {
		t.Errorf("--run ^hello ran %q", names)
	}
	if !strings.Contains(out, "2 passed, 0 failed, 0 errors") {
		t.Errorf("summary:\n%s", out)
	}
}

// TestTestShards checks that shards are disjoint, cover the suite, are balanced and
// follow the documented assignment (case k of the canonical order to shard k mod N + 1).
func TestTestShards(t *testing.T) {
	_, out, _ := run(t, "test", "--run", "^(hello|alu|exc_|demo)", firmwareSuite)
	all, _ := caseNames(out)
	if len(all) < 7 {
		t.Fatalf("only %d cases: %q", len(all), all)
	}
	for _, n := range []int{1, 2, 3, 4, len(all) + 2} {
		seen := map[string]int{}
		minSize, maxSize := len(all), 0
		for i := 1; i <= n; i++ {
			code, out, stderr := run(t, "test", "--run", "^(hello|alu|exc_|demo)", "--shard", fmt.Sprintf("%d/%d", i, n), "--jobs", "2", firmwareSuite)
			if code != 0 {
				t.Fatalf("shard %d/%d: exit %d\n%s%s", i, n, code, out, stderr)
			}
			got, _ := caseNames(out)
			var want []string
			for k := i - 1; k < len(all); k += n {
				want = append(want, all[k])
			}
			if !slices.Equal(got, want) {
				t.Errorf("shard %d/%d ran %q, want %q", i, n, got, want)
			}
			for _, g := range got {
				seen[g]++
			}
			minSize, maxSize = min(minSize, len(got)), max(maxSize, len(got))
		}
		for _, name := range all {
			if seen[name] != 1 {
				t.Errorf("N=%d: case %s ran %d times", n, name, seen[name])
			}
		}
		if len(seen) != len(all) {
			t.Errorf("N=%d: shards ran %d distinct cases, want %d", n, len(seen), len(all))
		}
		if maxSize-minSize > 1 {
			t.Errorf("N=%d: shard sizes from %d to %d", n, minSize, maxSize)
		}
	}
}

// checksSuite has one case per verdict.
const checksSuite = `defaults:
  timeout: 5ms
cases:
  - name: exit0
    firmware: exit0.elf
  - name: exit3-unchecked
    firmware: exit3.elf
  - name: exit3-checked
    firmware: exit3.elf
    exit-code: 3
  - name: exit3-wrong
    firmware: exit3.elf
    exit-code: 0
  - name: timeout-42
    firmware: loop.elf
    exit-code: 42
  - name: timeout-unchecked
    firmware: loop.elf
  - name: fault-134
    firmware: undef.elf
    exit-code: 134
  - name: bkpt-success
    firmware: bkpt.elf
    bkpt-exit: success
  - name: bkpt-fail
    firmware: bkpt.elf
  - name: expect-seen
    firmware: hello.elf
    timeout: 10s
    exit-code: 0
    expect-text: ["hello from", {regex: '^hello .* firmware$', source: semihosting}]
  - name: expect-missing
    firmware: hello.elf
    expect-text: ["goodbye"]
  - name: fail-seen
    firmware: hello.elf
    fail-text: [{text: "m7emu", source: output}]
  - name: fail-unseen
    firmware: hello.elf
    fail-text: ["panicked"]
  - name: trace-source
    firmware: hello.elf
    expect-text: [{text: "exit 0", source: trace}]
  - name: uart-source-unseen
    firmware: hello.elf
    expect-text: [{text: "hello", source: uart:usart1}]
  - name: not-an-elf
    firmware: notelf.elf
  - name: no-such-button
    firmware: exit0.elf
    inputs: [{press: B9, at: 1ms}]
  - name: inputs
    firmware: hello.elf
    inputs: [{press: B1, at: 1ms, hold: 2ms}, {uart: "hi\r\n", at: 0.5ms}]
`

func checksFiles(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"exit0.elf":  exitProgram(0),
		"exit3.elf":  exitProgram(3),
		"loop.elf":   tinyELF([]uint16{bSelf}),
		"undef.elf":  tinyELF([]uint16{0xBF00, udf0}),
		"bkpt.elf":   tinyELF([]uint16{bkpt01, bSelf}),
		"notelf.elf": []byte("not an ELF\n"),
		"hello.elf":  readTestdata(t, "firmware/hello/hello.elf"),
	}
}

func TestTestChecks(t *testing.T) {
	p := tempSuite(t, checksSuite, checksFiles(t))
	code, out, stderr := run(t, "test", "--jobs", "3", p)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := map[string]string{
		"exit0": "PASS", "exit3-unchecked": "FAIL", "exit3-checked": "PASS", "exit3-wrong": "FAIL",
		"timeout-42": "PASS", "timeout-unchecked": "FAIL", "fault-134": "PASS",
		"bkpt-success": "PASS", "bkpt-fail": "FAIL",
		"expect-seen": "PASS", "expect-missing": "FAIL", "fail-seen": "FAIL", "fail-unseen": "PASS",
		"trace-source": "PASS", "uart-source-unseen": "FAIL",
		"not-an-elf": "ERROR", "no-such-button": "ERROR", "inputs": "PASS",
	}
	names, status := caseNames(out)
	var order []string
	for _, l := range strings.Split(checksSuite, "\n") {
		if n, ok := strings.CutPrefix(l, "  - name: "); ok {
			order = append(order, n)
		}
	}
	if !slices.Equal(names, order) {
		t.Errorf("cases printed in order %q, want the suite order %q", names, order)
	}
	for n, s := range want {
		if status[n] != s {
			t.Errorf("%s: %s, want %s", n, status[n], s)
		}
	}
	if !strings.Contains(out, "9 passed, 7 failed, 2 errors in ") {
		t.Errorf("summary wrong:\n%s", out)
	}
	for _, reason := range []string{
		"    exit status 3, want 0 (the case gives no exit-code and no expect-text)",
		"    exit status 3, want 0\n",
		"    exit status 42, want 0 (the case gives no exit-code",
		"    exit status 1, want 0 (the case gives no exit-code",
		fmt.Sprintf(`    not seen: expect-text "goodbye" on output (%s:%d)`, p, lineOf(t, checksSuite, `"goodbye"`)),
		fmt.Sprintf(`    failure text seen: fail-text "m7emu" on output (%s:%d)`, p, lineOf(t, checksSuite, `"m7emu"`)),
		`    not seen: expect-text "hello" on uart:usart1`,
		"    run ended: timeout: simulated time reached 0.005",
		"not an ELF",
		`no button "B9"`,
	} {
		if !strings.Contains(out, reason) {
			t.Errorf("output lacks %q", reason)
		}
	}
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", out, stderr)
	}

	// -v shows the firmware output under the case line.
	_, out, _ = run(t, "test", "-v", "--run", "^expect-seen$", p)
	if !strings.Contains(out, "PASS  expect-seen") || !strings.Contains(out, "    | hello from m7emu test firmware\n") {
		t.Errorf("-v output:\n%s", out)
	}
	_, out, _ = run(t, "test", "--run", "^expect-seen$", p)
	if strings.Contains(out, "hello from") {
		t.Errorf("output printed without -v:\n%s", out)
	}
}

// JUnit structure, read back with the test's own view of the schema.
type junitReport struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Time      string `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestTestJUnit(t *testing.T) {
	p := tempSuite(t, checksSuite, checksFiles(t))
	out := filepath.Join(t.TempDir(), "report.xml")
	code, stdout, stderr := run(t, "test", "--junit", out, p, "../../testdata/suites/firmware.yaml", "--run", "^(exit|expect-|hello|not-an)")
	if code != 1 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("<?xml ")) {
		t.Errorf("no XML declaration: %.40q", data)
	}
	var r junitReport
	if err := xml.Unmarshal(data, &r); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(r.Suites) != 2 || r.Suites[0].Name != "suite" || r.Suites[1].Name != "firmware" {
		t.Fatalf("suites: %+v", r.Suites)
	}
	// checks: exit0, exit3-unchecked, exit3-checked, exit3-wrong, expect-seen, expect-missing, not-an-elf;
	// firmware: hello, hello-mps2.
	s0, s1 := r.Suites[0], r.Suites[1]
	if s0.Tests != 7 || s0.Failures != 3 || s0.Errors != 1 || s1.Tests != 2 || s1.Failures != 0 || s1.Errors != 0 {
		t.Errorf("counts: %s %d/%d/%d, %s %d/%d/%d", s0.Name, s0.Tests, s0.Failures, s0.Errors, s1.Name, s1.Tests, s1.Failures, s1.Errors)
	}
	if r.Tests != 9 || r.Failures != 3 || r.Errors != 1 {
		t.Errorf("totals %d/%d/%d, want 9/3/1", r.Tests, r.Failures, r.Errors)
	}
	for _, s := range r.Suites {
		if _, err := strconv.ParseFloat(s.Time, 64); err != nil {
			t.Errorf("suite %s time %q", s.Name, s.Time)
		}
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("case %s classname %q, want %q", c.Name, c.Classname, s.Name)
			}
			if _, err := strconv.ParseFloat(c.Time, 64); err != nil {
				t.Errorf("case %s time %q", c.Name, c.Time)
			}
			switch c.Name {
			case "exit3-wrong":
				if c.Failure == nil || c.Failure.Message != "exit status 3, want 0" || !strings.Contains(c.Failure.Text, "run ended: application exit (status 3)") {
					t.Errorf("exit3-wrong failure: %+v", c.Failure)
				}
			case "expect-missing":
				if c.Failure == nil || !strings.HasPrefix(c.Failure.Message, `not seen: expect-text "goodbye"`) || !strings.Contains(c.SystemOut, "hello from m7emu") {
					t.Errorf("expect-missing: %+v", c)
				}
			case "not-an-elf":
				if c.Error == nil || !strings.Contains(c.Error.Message, "not an ELF") {
					t.Errorf("not-an-elf error: %+v", c.Error)
				}
			case "hello", "exit0":
				if c.Failure != nil || c.Error != nil {
					t.Errorf("%s failed: %+v", c.Name, c)
				}
			}
		}
	}
	if t.Failed() {
		t.Logf("%s", data)
	}
}

func TestTestUpdateGoldenAndDivergence(t *testing.T) {
	hello := readTestdata(t, "firmware/hello/hello.elf")
	const yaml = "cases:\n  - name: hello\n    firmware: fw/hello.elf\n    golden: golden/hello.trace\n"
	p := tempSuite(t, yaml, map[string][]byte{"fw/hello.elf": hello})
	dir := filepath.Dir(p)
	golden := filepath.Join(dir, "golden", "hello.trace")

	code, out, stderr := run(t, "test", "--update-golden", p)
	if code != 0 || !strings.Contains(out, "    golden "+golden+": created\n") {
		t.Fatalf("create: exit %d\n%s%s", code, out, stderr)
	}
	// The golden is what `m7emu run --trace` writes for the same firmware.
	ref := filepath.Join(t.TempDir(), "ref.trace")
	if code, _, stderr := run(t, "run", "--trace", ref, filepath.Join(dir, "fw", "hello.elf")); code != 0 {
		t.Fatalf("run --trace: %d %s", code, stderr)
	}
	g, _ := os.ReadFile(golden)
	want, _ := os.ReadFile(ref)
	if !bytes.Equal(g, want) || !bytes.HasSuffix(g, []byte(" exit 0\n")) {
		t.Errorf("golden:\n%s\nrun --trace:\n%s", g, want)
	}
	if code, out, _ := run(t, "test", "--update-golden", p); code != 0 || !strings.Contains(out, golden+": unchanged\n") {
		t.Errorf("unchanged: exit %d\n%s", code, out)
	}
	if code, out, _ := run(t, "test", p); code != 0 || !strings.Contains(out, "PASS  hello") {
		t.Errorf("compare: exit %d\n%s", code, out)
	}

	// Move the exit 5 ns later: the comparison fails and shows the first divergence.
	lines := strings.Split(strings.TrimSuffix(string(g), "\n"), "\n")
	last := len(lines) - 1
	f := strings.Fields(lines[last])
	if len(f) != 4 || f[2] != "exit" {
		t.Fatalf("last golden line %q", lines[last])
	}
	ps, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	lines[last] = fmt.Sprintf("%s %.9f exit 0", f[0], ps+5e-9)
	edited := strings.Join(lines, "\n") + "\n"
	os.WriteFile(golden, []byte(edited), 0o644)
	code, out, _ = run(t, "test", p)
	if code != 1 || !strings.Contains(out, "FAIL  hello") {
		t.Errorf("diverging golden: exit %d\n%s", code, out)
	}
	for _, s := range []string{
		"    trace differs from the golden (- golden, + this run):\n",
		fmt.Sprintf("    traces differ at event %d ", last-2),
		fmt.Sprintf("    - %s:%d: %s\n", golden, last+1, lines[last]),
		fmt.Sprintf("    + run:%d: %s\n", last+1, strings.Split(string(g), "\n")[last]),
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	// Within a time tolerance, the same golden passes.
	os.WriteFile(p, []byte(yaml+"    time-tolerance: 10ns\n"), 0o644)
	if code, out, _ := run(t, "test", p); code != 0 {
		t.Errorf("with time-tolerance 10ns: exit %d\n%s", code, out)
	}
	os.WriteFile(p, []byte(yaml+"    time-tolerance: 4ns\n"), 0o644)
	if code, out, _ := run(t, "test", p); code != 1 {
		t.Errorf("with time-tolerance 4ns: exit %d\n%s", code, out)
	}
	// --update-golden rewrites it.
	if code, out, _ := run(t, "test", "--update-golden", p); code != 0 || !strings.Contains(out, golden+": updated\n") {
		t.Errorf("update: exit %d\n%s", code, out)
	}
	if g2, _ := os.ReadFile(golden); !bytes.Equal(g2, g) {
		t.Errorf("updated golden differs from the first one")
	}
	// An old or foreign golden is reported, not crashed on.
	os.WriteFile(golden, []byte("m7emu-trace 9\n"), 0o644)
	if code, out, _ := run(t, "test", p); code != 1 || !strings.Contains(out, "newer than this m7emu") {
		t.Errorf("newer golden: exit %d\n%s", code, out)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, "golden")); len(ents) != 1 {
		t.Errorf("temporary files left in the golden directory: %v", ents)
	}
}

// TestTestDeterminism: the traces of the firmware suite do not depend on --jobs or
// on the shard layout.
func TestTestDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the firmware suite four times")
	}
	dirs := map[string][][]string{
		"jobs1":  {{"--jobs", "1"}},
		"jobs2":  {{"--jobs", "2"}},
		"shards": {{"--shard", "1/2", "--jobs", "2"}, {"--shard", "2/2", "--jobs", "1"}},
		"shard3": {{"--shard", "3/3"}, {"--shard", "1/3"}, {"--shard", "2/3"}},
	}
	base := t.TempDir()
	files := map[string]map[string][]byte{}
	for name, runs := range dirs {
		td := filepath.Join(base, name)
		for _, args := range runs {
			a := append([]string{"test", "--trace-dir", td}, args...)
			if code, out, stderr := run(t, append(a, firmwareSuite)...); code != 0 {
				t.Fatalf("%q: exit %d\n%s%s", a, code, out, stderr)
			}
		}
		files[name] = map[string][]byte{}
		filepath.WalkDir(td, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(td, p)
				files[name][rel] = data
			}
			return nil
		})
	}
	ref := files["jobs1"]
	if len(ref) < 20 {
		t.Fatalf("--trace-dir has %d files", len(ref))
	}
	if _, ok := ref[filepath.Join("firmware", "hello.trace")]; !ok {
		t.Errorf("no firmware/hello.trace in --trace-dir: %v", slices.Collect(func(yield func(string) bool) {
			for k := range ref {
				if !yield(k) {
					return
				}
			}
		}))
	}
	for name, fs := range files {
		if len(fs) != len(ref) {
			t.Errorf("%s: %d files, want %d", name, len(fs), len(ref))
		}
		for p, data := range ref {
			if !bytes.Equal(fs[p], data) {
				t.Errorf("%s: %s differs from the --jobs 1 run", name, p)
			}
		}
	}
	// The traces of cases with a golden are the goldens.
	g, _ := os.ReadFile("../../testdata/suites/golden/exc_sleep.trace")
	if !bytes.Equal(ref[filepath.Join("firmware", "exc_sleep.trace")], g) {
		t.Errorf("--trace-dir exc_sleep.trace differs from its golden")
	}
}

// Expected texts end a run only when they are what the case checks: with an exit-code
// (or a golden) the run goes on to the firmware's exit.
func TestTestExpectStopsOnlyWhenItIsTheCheck(t *testing.T) {
	p := tempSuite(t, `cases:
  - name: stops
    firmware: hello.elf
    expect-text: ["hello from"]
  - name: runs-on
    firmware: hello.elf
    exit-code: 0
    expect-text: ["hello from"]
`, map[string][]byte{"hello.elf": readTestdata(t, "firmware/hello/hello.elf")})
	dir := t.TempDir()
	if code, out, stderr := run(t, "test", "--trace-dir", dir, p); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, stderr)
	}
	suiteDir := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	for name, last := range map[string]string{
		"stops":   `stop requested "expected text seen"`,
		"runs-on": "exit 0",
	} {
		data, err := os.ReadFile(filepath.Join(dir, suiteDir, name+".trace"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		if got := lines[len(lines)-1]; !strings.HasSuffix(got, " "+last) {
			t.Errorf("%s: trace ends with %q, want … %s", name, got, last)
		}
	}
}

// TestSocSuite runs the Embassy replay firmware (testdata/soc) as a suite: scripted
// presses and UART input, goldens for every program but the 10-minute one, and the
// built-in demo.
func TestSocSuite(t *testing.T) {
	code, out, stderr := run(t, "test", "../../testdata/suites/soc.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
	names, status := caseNames(out)
	want := []string{"init16", "init216", "clkswitch", "exti", "usart", "timedrv10m", "tim2alarms", "boarddemo"}
	if !slices.Equal(names, want) {
		t.Errorf("cases %q, want %q", names, want)
	}
	for n, s := range status {
		if s != "PASS" {
			t.Errorf("%s: %s", n, s)
		}
	}
}

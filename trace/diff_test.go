package trace

import (
	"strings"
	"testing"
)

func mustParse(t *testing.T, s string) *File {
	t.Helper()
	f, err := Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, s)
	}
	return f
}

const baseTrace = `m7emu-trace 1
# machine: stm32f769i-disco
# firmware: blink.elf
0 0.000000000 reset power-on
3120 0.000195000 gpio PJ13 1
8000125 0.500007812 exc-entry 15 SysTick
8000190 0.500011875 exc-return 15 SysTick
8000200 0.500012500 sleep wfi
16000000 1.000000000 wake
16000340 1.000021250 uart usart1 "tick 1\r\n"
16000400 1.000025000 semihost stdout "done\n"
16000500 1.000031250 exit 0
`

// edit returns baseTrace with the line starting with prefix replaced by repl
// (or removed when repl is "").
func edit(t *testing.T, prefix, repl string) string {
	t.Helper()
	lines := strings.SplitAfter(baseTrace, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			if repl == "" {
				lines[i] = ""
			} else {
				lines[i] = repl + "\n"
			}
			return strings.Join(lines, "")
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return ""
}

func TestDiff(t *testing.T) {
	exitLine := "16000500 1.000031250 exit 0\n"
	for _, tc := range []struct {
		name         string
		a, b         string
		tol          uint64
		same         bool
		index        int
		lineA, lineB int
		endA, endB   bool
		picos        uint64
	}{
		{name: "equal", a: baseTrace, b: baseTrace, same: true},
		{name: "metadata and comments ignored", a: baseTrace,
			b:    strings.Replace(baseTrace, "# firmware: blink.elf\n", "# firmware: other.elf\n# built: today\n", 1) + "# trailing comment\n",
			same: true},
		{name: "line endings ignored", a: baseTrace, b: strings.ReplaceAll(baseTrace, "\n", "\r\n"), same: true},
		{name: "args differ", a: baseTrace, b: edit(t, "3120 ", "3120 0.000195000 gpio PJ13 0"),
			index: 1, lineA: 5, lineB: 5, picos: 195_000_000},
		{name: "kind differs", a: baseTrace, b: edit(t, "8000200 ", "8000200 0.500012500 wake"),
			index: 4, lineA: 8, lineB: 8, picos: 500_012_500_000},
		{name: "cycle differs, no tolerance", a: baseTrace, b: edit(t, "8000125 ", "8000126 0.500007812 exc-entry 15 SysTick"),
			index: 2, lineA: 6, lineB: 6, picos: 500_007_812_000},
		{name: "cycle differs, tolerance ignores cycles", a: baseTrace, b: edit(t, "8000125 ", "8000126 0.500007812 exc-entry 15 SysTick"),
			tol: 1, same: true},
		{name: "time moved by exactly the tolerance", a: baseTrace, b: edit(t, "8000125 ", "8000129 0.500007875 exc-entry 15 SysTick"),
			tol: 63_000, same: true},
		{name: "time moved back by exactly the tolerance", a: edit(t, "8000125 ", "8000129 0.500007875 exc-entry 15 SysTick"), b: baseTrace,
			tol: 63_000, same: true},
		{name: "time moved by tolerance + 1 ps", a: baseTrace, b: edit(t, "8000125 ", "8000129 0.500007875 exc-entry 15 SysTick"),
			tol: 62_999, index: 2, lineA: 6, lineB: 6, picos: 500_007_812_000},
		{name: "time moved back by tolerance + 1 ps", a: edit(t, "8000125 ", "8000129 0.500007875 exc-entry 15 SysTick"), b: baseTrace,
			tol: 62_999, index: 2, lineA: 6, lineB: 6, picos: 500_007_812_000},
		{name: "tolerance does not excuse args", a: baseTrace, b: edit(t, "3120 ", "3120 0.000195000 gpio PJ12 1"),
			tol: 1_000_000_000_000, index: 1, lineA: 5, lineB: 5, picos: 195_000_000},
		{name: "A is a prefix of B", a: edit(t, exitLine[:9], ""), b: baseTrace,
			index: 8, lineB: 12, endA: true, picos: 1_000_031_250_000},
		{name: "B is a prefix of A", a: baseTrace, b: edit(t, exitLine[:9], ""),
			index: 8, lineA: 12, endB: true, picos: 1_000_031_250_000},
		{name: "empty A", a: "m7emu-trace 1\n", b: baseTrace,
			index: 0, lineB: 4, endA: true, picos: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Diff(mustParse(t, tc.a), mustParse(t, tc.b), DiffOptions{TolerancePs: tc.tol})
			if tc.same {
				if d != nil {
					t.Fatalf("Diff = %+v, want nil", *d)
				}
				return
			}
			if d == nil {
				t.Fatal("Diff = nil, want a divergence")
			}
			if d.IndexA != tc.index || d.IndexB != tc.index || d.LineA != tc.lineA || d.LineB != tc.lineB ||
				d.EndA != tc.endA || d.EndB != tc.endB || d.Picos != tc.picos {
				t.Errorf("Diff = {IndexA:%d IndexB:%d LineA:%d LineB:%d EndA:%v EndB:%v Picos:%d}, want index %d, lines %d/%d, ends %v/%v, picos %d",
					d.IndexA, d.IndexB, d.LineA, d.LineB, d.EndA, d.EndB, d.Picos,
					tc.index, tc.lineA, tc.lineB, tc.endA, tc.endB, tc.picos)
			}
		})
	}
}

func TestDiffFormat(t *testing.T) {
	// B has one more metadata line, so its line numbers are A's + 1.
	b := strings.Replace(baseTrace, "# firmware: blink.elf\n", "# firmware: blink.elf\n# note: x\n", 1)
	b = strings.Replace(b, "8000190 0.500011875 exc-return", "8000191 0.500011937 exc-return", 1)
	var out strings.Builder
	d := Diff(mustParse(t, baseTrace), mustParse(t, b), DiffOptions{Context: 2})
	if err := d.Format(&out, "a.trace", "b.trace"); err != nil {
		t.Fatal(err)
	}
	want := `traces differ at event 4 (simulated time 0.500011875 s)
  a.trace:5 b.trace:6: 3120 0.000195000 gpio PJ13 1
  a.trace:6 b.trace:7: 8000125 0.500007812 exc-entry 15 SysTick
- a.trace:7: 8000190 0.500011875 exc-return 15 SysTick
+ b.trace:8: 8000191 0.500011937 exc-return 15 SysTick
  a.trace:8: 8000200 0.500012500 sleep wfi
  a.trace:9: 16000000 1.000000000 wake
  b.trace:9: 8000200 0.500012500 sleep wfi
  b.trace:10: 16000000 1.000000000 wake
`
	if out.String() != want {
		t.Errorf("Format:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestDiffFormatToleranceAndEnd(t *testing.T) {
	b := edit(t, "16000500 ", "") // B ends before the exit
	b = strings.Replace(b, "8000125 0.500007812", "8000126 0.500007813", 1)
	var out strings.Builder
	d := Diff(mustParse(t, baseTrace), mustParse(t, b), DiffOptions{TolerancePs: 5000, Context: 1})
	if d == nil {
		t.Fatal("Diff = nil")
	}
	if err := d.Format(&out, "want.trace", "got.trace"); err != nil {
		t.Fatal(err)
	}
	want := `traces differ at event 9 (simulated time 1.000031250 s): want.trace has more events, got.trace ends [time tolerance 5000 ps, cycles ignored]
  want.trace:11 got.trace:11: 16000400 1.000025000 semihost stdout "done\n"
- want.trace:12: 16000500 1.000031250 exit 0
+ got.trace: ends here after 8 events
`
	if out.String() != want {
		t.Errorf("Format:\n%s\nwant:\n%s", out.String(), want)
	}

	// Context that agrees only within the tolerance is shown per side.
	out.Reset()
	b2 := strings.Replace(baseTrace, "8000125 0.500007812", "8000126 0.500007813", 1)
	b2 = strings.Replace(b2, "8000190 0.500011875 exc-return 15 SysTick", "8000190 0.500011875 exc-return 16 PendSV", 1)
	d = Diff(mustParse(t, baseTrace), mustParse(t, b2), DiffOptions{TolerancePs: 5000, Context: 1})
	if err := d.Format(&out, "a", "b"); err != nil {
		t.Fatal(err)
	}
	want = `traces differ at event 4 (simulated time 0.500011875 s) [time tolerance 5000 ps, cycles ignored]
  a:6: 8000125 0.500007812 exc-entry 15 SysTick
  b:6: 8000126 0.500007813 exc-entry 15 SysTick
- a:7: 8000190 0.500011875 exc-return 15 SysTick
+ b:7: 8000190 0.500011875 exc-return 16 PendSV
  a:8: 8000200 0.500012500 sleep wfi
  b:8: 8000200 0.500012500 sleep wfi
`
	if out.String() != want {
		t.Errorf("Format:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestDiffNilFormat(t *testing.T) {
	var out strings.Builder
	var d *Divergence
	if err := d.Format(&out, "a", "b"); err != nil || out.String() != "traces are equivalent\n" {
		t.Errorf("nil Format = %q, %v", out.String(), err)
	}
}

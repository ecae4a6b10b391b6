package trace

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseWriterOutput(t *testing.T) {
	text, err := render([]Meta{{"machine", "stm32f769i-disco"}, {"firmware", "blink.elf"}}, []*Event{
		ev(0, 0, Reset, "power-on", 0, ""),
		ev(8000125, 500_007_812_500, ExcEntry, "", 15, "SysTick"),
		ev(16000000, 1_000_000_000_000, Wake, "", 0, ""),
		ev(16000340, 1_000_021_250_000, UART, "USART1", 0, "tick \"1\"\r\n"),
		ev(16000400, 1_000_025_000_000, Semihost, "stdout", 0, "\x00\xff"),
		{Cycle: 16000401, Picos: 1_000_025_062_500, Kind: Insn, Addr: 0x08000010, Text: "b.n 0x8000010"},
		ev(16000500, 1_000_031_250_000, Exit, "", -1, ""),
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != 1 {
		t.Errorf("Version = %d, want 1", f.Version)
	}
	wantMeta := []Meta{{"machine", "stm32f769i-disco"}, {"firmware", "blink.elf"}}
	if !reflect.DeepEqual(f.Meta, wantMeta) {
		t.Errorf("Meta = %q, want %q", f.Meta, wantMeta)
	}
	want := []struct {
		rec    Record
		fields []string
	}{
		{Record{4, 0, 0, "reset", "power-on"}, []string{"power-on"}},
		{Record{5, 8000125, 500_007_812_000, "exc-entry", "15 SysTick"}, []string{"15", "SysTick"}},
		{Record{6, 16000000, 1_000_000_000_000, "wake", ""}, nil},
		// The semihost line is flushed by the exit, after the insn line.
		{Record{7, 16000340, 1_000_021_250_000, "uart", `usart1 "tick \"1\"\r\n"`}, []string{"usart1", "tick \"1\"\r\n"}},
		{Record{8, 16000401, 1_000_025_062_000, "insn", `0x08000010 "b.n 0x8000010"`}, []string{"0x08000010", "b.n 0x8000010"}},
		{Record{9, 16000500, 1_000_031_250_000, "semihost", `stdout "\x00\xff"`}, []string{"stdout", "\x00\xff"}},
		{Record{10, 16000500, 1_000_031_250_000, "exit", "-1"}, []string{"-1"}},
	}
	if len(f.Records) != len(want) {
		t.Fatalf("%d records, want %d:\n%s", len(f.Records), len(want), text)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, w := range want {
		r := f.Records[i]
		if r != w.rec {
			t.Errorf("record %d = %+v, want %+v", i, r, w.rec)
		}
		got, err := Fields(r.Args)
		if err != nil || !reflect.DeepEqual(got, w.fields) {
			t.Errorf("record %d fields = %q, %v; want %q", i, got, err, w.fields)
		}
		if s := r.String(); s != lines[r.Line-1] {
			t.Errorf("record %d String() = %q, want line %d %q", i, s, r.Line, lines[r.Line-1])
		}
	}
}

func TestParseLineEndingsAndComments(t *testing.T) {
	in := "m7emu-trace 1\r\n# machine: mps2-an500\r\n#plain comment\r\n# spaced key: no\r\n" +
		"1 0.000000001 wake\r\n# firmware: late.elf\r\n#\r\n2 0.000000002 sleep wfi"
	f, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := []Meta{{"machine", "mps2-an500"}}; !reflect.DeepEqual(f.Meta, want) {
		t.Errorf("Meta = %q, want %q", f.Meta, want)
	}
	want := []Record{{5, 1, 1000, "wake", ""}, {8, 2, 2000, "sleep", "wfi"}}
	if !reflect.DeepEqual(f.Records, want) {
		t.Errorf("Records = %+v, want %+v", f.Records, want)
	}
	// Header only, with and without a final newline.
	for _, in := range []string{"m7emu-trace 1", "m7emu-trace 1\n"} {
		f, err := Parse(strings.NewReader(in))
		if err != nil || len(f.Records) != 0 || f.Version != 1 {
			t.Errorf("Parse(%q) = %+v, %v", in, f, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const h = "m7emu-trace 1\n"
	for _, tc := range []struct {
		in, want string
		notTrace bool
	}{
		{in: "", want: "not an m7emu trace", notTrace: true},
		{in: "hello\n", want: `not an m7emu trace (first line must be "m7emu-trace N")`, notTrace: true},
		{in: "m7emu-trace\n", want: "not an m7emu trace", notTrace: true},
		{in: "m7emu-trace x\n", want: "not an m7emu trace", notTrace: true},
		{in: "m7emu-trace 0\n", want: "not an m7emu trace", notTrace: true},
		{in: "# m7emu-trace 1\n", want: "not an m7emu trace", notTrace: true},
		{in: "m7emu-trace 2\n1 0.000000001 wake\n", want: "trace format version 2 is newer than this m7emu understands (1)"},
		{in: h + "# a: b\nx 0.000000001 wake\n", want: `line 3: bad cycle "x"`},
		{in: h + "-1 0.000000001 wake\n", want: `line 2: bad cycle "-1"`},
		{in: h + "1 0.1 wake\n", want: `line 2: bad time "0.1"`},
		{in: h + "1\n", want: `line 2: bad time ""`},
		{in: h + "1 0.000000001\n", want: "line 2: missing event kind"},
		{in: h + "1 0.000000001 wake \n", want: "line 2: trailing space"},
		{in: h + "1  0.000000001 wake\n", want: "line 2: bad time"},
		{in: h + "1 0.000000001  wake\n", want: "line 2: missing event kind"},
		{in: h + "1 0.000000001 gpio  PA0 1\n", want: "line 2: double space"},
		{in: h + "1 0.000000001 wake\n\n2 0.000000002 wake\n", want: "line 3: empty line"},
		{in: h + "1 0.000000001 wake\r\r\n", want: "line 2: carriage return"},
		{in: h + "1 0.000000001 uart usart1 \"a\rb\"\n", want: "line 2: carriage return"},
	} {
		_, err := Parse(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tc.in, err, tc.want)
			continue
		}
		if errors.Is(err, ErrNotTrace) != tc.notTrace {
			t.Errorf("Parse(%q): errors.Is(err, ErrNotTrace) = %v, want %v", tc.in, !tc.notTrace, tc.notTrace)
		}
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errDisk }

func TestParseReadError(t *testing.T) {
	if _, err := Parse(errReader{}); !errors.Is(err, errDisk) {
		t.Errorf("Parse(failing reader) = %v, want %v", err, errDisk)
	}
}

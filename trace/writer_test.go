package trace

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// ev is a short constructor for test events.
func ev(cycle, picos uint64, k Kind, src string, num int64, text string) *Event {
	return &Event{Cycle: cycle, Picos: picos, Kind: k, Src: src, Num: num, Text: text}
}

func render(meta []Meta, events []*Event) (string, error) {
	var buf bytes.Buffer
	w := NewWriter(&buf, meta)
	for _, e := range events {
		w.Emit(e)
	}
	err := w.Close()
	return buf.String(), err
}

// The expected texts below are written by hand from the format description in
// docs/trace-format.md, not copied from the Writer's output.
func TestWriter(t *testing.T) {
	a300 := strings.Repeat("a", 300)
	for _, tc := range []struct {
		name   string
		meta   []Meta
		events []*Event
		want   string
	}{
		{
			name: "the documented example",
			meta: []Meta{{"machine", "stm32f769i-disco"}, {"firmware", "blink.elf"}},
			events: []*Event{
				ev(0, 0, Reset, "power-on", 0, ""),
				ev(3120, 195_000_000, GPIO, "PJ13", 1, ""),
				ev(8000125, 500_007_812_500, ExcEntry, "", 15, "SysTick"),
				ev(8000190, 500_011_875_000, ExcReturn, "", 15, "SysTick"),
				ev(8000200, 500_012_500_000, Sleep, "wfi", 0, ""),
				ev(16000000, 1_000_000_000_000, Wake, "", 0, ""),
				ev(16000300, 1_000_018_750_000, UART, "USART1", 0, "tick 1\r"),
				ev(16000340, 1_000_021_250_000, UART, "USART1", 0, "\n"),
				ev(16000400, 1_000_025_000_000, Semihost, "stdout", 0, "done\n"),
				ev(16000500, 1_000_031_250_000, Exit, "", 0, ""),
			},
			want: "m7emu-trace 1\n" +
				"# machine: stm32f769i-disco\n" +
				"# firmware: blink.elf\n" +
				"0 0.000000000 reset power-on\n" +
				"3120 0.000195000 gpio PJ13 1\n" +
				"8000125 0.500007812 exc-entry 15 SysTick\n" +
				"8000190 0.500011875 exc-return 15 SysTick\n" +
				"8000200 0.500012500 sleep wfi\n" +
				"16000000 1.000000000 wake\n" +
				"16000340 1.000021250 uart usart1 \"tick 1\\r\\n\"\n" +
				"16000400 1.000025000 semihost stdout \"done\\n\"\n" +
				"16000500 1.000031250 exit 0\n",
		},
		{
			name: "two ports interleaved; other events are not held back",
			events: []*Event{
				ev(10, 1000, UART, "usart1", 0, "ab"),
				ev(11, 2000, UART, "usart6", 0, "xy"),
				ev(12, 3000, GPIO, "PA5", 0, ""),
				ev(13, 4000, UART, "usart1", 0, "c\nd"),
				ev(14, 5000, UART, "usart6", 0, "z\n"),
				ev(15, 6000, UART, "usart1", 0, "\n\n"),
			},
			want: "m7emu-trace 1\n" +
				"12 0.000000003 gpio PA5 0\n" +
				"13 0.000000004 uart usart1 \"abc\\n\"\n" +
				"14 0.000000005 uart usart6 \"xyz\\n\"\n" +
				"15 0.000000006 uart usart1 \"d\\n\"\n" +
				"15 0.000000006 uart usart1 \"\\n\"\n",
		},
		{
			name: "partial lines flushed before exit in fixed order, stamped with the exit",
			events: []*Event{
				ev(1, 1000, Semihost, "stdout", 0, "out"),
				ev(2, 2000, UART, "usart6", 0, "six"),
				ev(3, 3000, Semihost, "stderr", 0, "err"),
				ev(4, 4000, UART, "USART1", 0, "one"),
				ev(5, 5000, Exit, "", -1, ""),
				ev(6, 6000, UART, "usart1", 0, "after\n"),
			},
			want: "m7emu-trace 1\n" +
				"5 0.000000005 uart usart1 \"one\"\n" +
				"5 0.000000005 uart usart6 \"six\"\n" +
				"5 0.000000005 semihost stderr \"err\"\n" +
				"5 0.000000005 semihost stdout \"out\"\n" +
				"5 0.000000005 exit -1\n" +
				"6 0.000000006 uart usart1 \"after\\n\"\n",
		},
		{
			name: "partial lines flushed before reset, fault and stop",
			events: []*Event{
				ev(1, 1000, UART, "usart1", 0, "p1"),
				ev(2, 2000, Reset, "software", 0, ""),
				ev(3, 3000, UART, "usart1", 0, "p2"),
				ev(4, 4000, Fault, "", 0, "HardFault: \"bad\"\x00"),
				ev(5, 5000, Semihost, "stdout", 0, "p3"),
				ev(6, 6000, Stop, "timeout", 0, "after 1 s"),
				ev(7, 7000, Stop, "deadlock", 0, ""),
			},
			want: "m7emu-trace 1\n" +
				"2 0.000000002 uart usart1 \"p1\"\n" +
				"2 0.000000002 reset software\n" +
				"4 0.000000004 uart usart1 \"p2\"\n" +
				"4 0.000000004 fault \"HardFault: \\\"bad\\\"\\x00\"\n" +
				"6 0.000000006 semihost stdout \"p3\"\n" +
				"6 0.000000006 stop timeout \"after 1 s\"\n" +
				"7 0.000000007 stop deadlock \"\"\n",
		},
		{
			name: "a line ends after 256 bytes",
			events: []*Event{
				ev(1, 1000, UART, "usart3", 0, a300+"\n"),
				ev(2, 2000, UART, "usart3", 0, strings.Repeat("b", 255)),
				ev(3, 3000, UART, "usart3", 0, "\n"),
			},
			want: "m7emu-trace 1\n" +
				"1 0.000000001 uart usart3 \"" + a300[:256] + "\"\n" +
				"1 0.000000001 uart usart3 \"" + a300[256:] + "\\n\"\n" +
				"3 0.000000003 uart usart3 \"" + strings.Repeat("b", 255) + "\\n\"\n",
		},
		{
			name: "Close flushes partial lines with the last event's stamp",
			events: []*Event{
				ev(1, 1000, Semihost, "stdout", 0, "tail"),
				ev(2, 2000, UART, "usart1", 0, "u"),
				ev(9, 9500, GPIO, "PJ13", 7, ""),
			},
			want: "m7emu-trace 1\n" +
				"9 0.000000009 gpio PJ13 1\n" +
				"9 0.000000009 uart usart1 \"u\"\n" +
				"9 0.000000009 semihost stdout \"tail\"\n",
		},
		{
			name: "every other kind's syntax",
			events: []*Event{
				ev(1, 1000, DMA, "dma2.s7", 0, ""),
				ev(2, 2000, DMA, "dma2.s0", 0, "transfer error"),
				ev(3, 3000, Sleep, "sleep-on-exit", 0, ""),
				{Cycle: 4, Picos: 4000, Kind: Insn, Addr: 0x0800_01a4, Text: "movs r0, #1"},
				{Cycle: 5, Picos: 5000, Kind: Insn, Addr: 0x1c, Text: "bx lr"},
				{Cycle: 6, Picos: 6000, Kind: Write, Addr: 0x4001_1028, Size: 4, Value: 0x41, Src: "USART1+0x28"},
				{Cycle: 7, Picos: 7000, Kind: Write, Addr: 0x4002_2418, Size: 2, Value: 0xdead_2000, Src: "GPIOJ+0x18"},
				{Cycle: 8, Picos: 8000, Kind: Write, Addr: 0x4001_1028, Size: 1, Value: 0x1ab, Src: "USART1+0x28"},
				ev(9, 9000, ExcEntry, "", 53, "IRQ37"),
				ev(10, 10000, Exit, "", 3, ""),
				ev(11, 11000, Reset, "", 0, ""),       // empty word is "-"
				ev(12, 12000, GPIO, "P J\t13", 0, ""), // words never contain spaces
				ev(13, 13000, Exit, "", -2147483648, ""),
				ev(14, 14000, Button, "B1", 1, ""),
				ev(15, 15000, Button, "B1", 0, ""),
				ev(16, 16000, UARTIn, "USART1", 0, "help\r"),
			},
			want: "m7emu-trace 1\n" +
				"1 0.000000001 dma dma2.s7\n" +
				"2 0.000000002 dma dma2.s0 \"transfer error\"\n" +
				"3 0.000000003 sleep sleep-on-exit\n" +
				"4 0.000000004 insn 0x080001a4 \"movs r0, #1\"\n" +
				"5 0.000000005 insn 0x0000001c \"bx lr\"\n" +
				"6 0.000000006 write 0x40011028 4 0x00000041 USART1+0x28\n" +
				"7 0.000000007 write 0x40022418 2 0x2000 GPIOJ+0x18\n" +
				"8 0.000000008 write 0x40011028 1 0xab USART1+0x28\n" +
				"9 0.000000009 exc-entry 53 IRQ37\n" +
				"10 0.000000010 exit 3\n" +
				"11 0.000000011 reset -\n" +
				"12 0.000000012 gpio P_J_13 0\n" +
				"13 0.000000013 exit -2147483648\n" +
				"14 0.000000014 button B1 1\n" +
				"15 0.000000015 button B1 0\n" +
				"16 0.000000016 uart-in usart1 \"help\\r\"\n",
		},
		{
			name: "metadata is kept on one line each",
			meta: []Meta{{"firmware", "a\nb.elf"}, {"empty", ""}, {"odd key:", "v "}, {"", "x"}},
			want: "m7emu-trace 1\n" +
				"# firmware: a?b.elf\n" +
				"# empty:\n" +
				"# odd_key_: v\n" +
				"# _: x\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := render(tc.meta, tc.events)
			if err != nil {
				t.Fatalf("Close: %v", err)
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestWriterUnknownKind(t *testing.T) {
	_, err := render(nil, []*Event{{Kind: 200}})
	if err == nil {
		t.Fatal("unknown kind: Close returned nil")
	}
}

// failWriter accepts n bytes, then fails.
type failWriter struct{ n int }

var errDisk = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errDisk
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriterStickyError(t *testing.T) {
	fw := &failWriter{n: 100}
	w := NewWriter(fw, nil)
	for i := 0; i < 100_000; i++ {
		w.Emit(&Event{Cycle: uint64(i), Kind: Insn, Text: "nop"})
	}
	if err := w.Close(); !errors.Is(err, errDisk) {
		t.Fatalf("Close = %v, want %v", err, errDisk)
	}
	if err := w.Close(); !errors.Is(err, errDisk) {
		t.Fatalf("second Close = %v, want %v", err, errDisk)
	}
}

func TestWriterEmitAfterClose(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, nil)
	w.Emit(ev(1, 1000, Wake, "", 0, ""))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w.Emit(ev(2, 2000, Wake, "", 0, ""))
	if err := w.Close(); err != nil {
		t.Fatalf("second Close = %v", err)
	}
	if want := "m7emu-trace 1\n1 0.000000001 wake\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestWriterNoAllocs(t *testing.T) {
	w := NewWriter(discard{}, nil)
	insn := &Event{Kind: Insn, Addr: 0x08000100, Text: "ldr r0, [pc, #8]"}
	uart := &Event{Kind: UART, Src: "USART1", Text: "hello world\r\n"}
	wr := &Event{Kind: Write, Addr: 0x40011028, Size: 4, Value: 0x41, Src: "USART1+0x28"}
	w.Emit(uart) // creates the usart1 stream
	for _, e := range []*Event{insn, uart, wr} {
		if n := testing.AllocsPerRun(1000, func() { e.Cycle++; e.Picos += 1000; w.Emit(e) }); n != 0 {
			t.Errorf("Emit(kind %d) allocates %.1f times per event", e.Kind, n)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func BenchmarkWriterInsn(b *testing.B) {
	w := NewWriter(discard{}, nil)
	e := &Event{Kind: Insn, Addr: 0x08000100, Text: "ldr r0, [pc, #8]"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		e.Cycle += 2
		e.Picos += 125_000
		e.Addr += 2
		w.Emit(e)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

func TestKindString(t *testing.T) {
	// Each kind's String is the word the Writer puts on its line.
	for k := Reset; k <= Write; k++ {
		text, err := render(nil, []*Event{{Kind: k, Src: "x", Text: "y\n"}})
		if err != nil {
			t.Fatal(err)
		}
		f := mustParse(t, text)
		if len(f.Records) != 1 || f.Records[0].Kind != k.String() {
			t.Errorf("kind %d: String() = %q, trace has %q", k, k.String(), text)
		}
	}
	if s := Kind(0).String(); s != "kind(0)" {
		t.Errorf("Kind(0).String() = %q", s)
	}
}

func TestWriterFlush(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, nil)
	w.Emit(ev(1, 1000, UART, "usart1", 0, "ab\ncd"))
	w.Emit(ev(2, 2000, Wake, "", 0, ""))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	// Complete lines are out; the partial "cd" is still gathering.
	want := "m7emu-trace 1\n1 0.000000001 uart usart1 \"ab\\n\"\n2 0.000000002 wake\n"
	if buf.String() != want {
		t.Errorf("after Flush: %q, want %q", buf.String(), want)
	}
	w.Emit(ev(3, 3000, UART, "usart1", 0, "e\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want += "3 0.000000003 uart usart1 \"cde\\n\"\n"
	if buf.String() != want {
		t.Errorf("after Close: %q, want %q", buf.String(), want)
	}
	if err := w.Flush(); err != nil {
		t.Errorf("Flush after Close = %v", err)
	}
}

package main

import (
	"bytes"
	"regexp"
	"testing"

	"m7emu/board"
)

const (
	ms = uint64(1_000_000_000) // picoseconds
	s  = 1000 * ms
)

func TestParseSimTime(t *testing.T) {
	good := []struct {
		in string
		ps uint64
	}{
		{"1.5s", 1_500 * ms}, {"200ms", 200 * ms}, {"100", 100 * ms}, {"0", 0}, {"2.5", 2_500_000_000},
		{"100us", 100_000_000}, {"100µs", 100_000_000}, {"62.5ns", 62_500}, {"7ps", 7}, {".5s", 500 * ms},
		{"1.000000000001s", s + 1}, {"10s", 10 * s},
	}
	for _, g := range good {
		if ps, err := parseSimTime(g.in); err != nil || ps != g.ps {
			t.Errorf("parseSimTime(%q) = %d, %v; want %d", g.in, ps, err, g.ps)
		}
	}
	for _, bad := range []string{"", "s", "soon", "1.5x", "-1s", "+1s", "1.2.3s", "1e3ms", "0.1ps", "1 s", "99999999999s", "1_0ms", "."} {
		if ps, err := parseSimTime(bad); err == nil {
			t.Errorf("parseSimTime(%q) = %d, want an error", bad, ps)
		}
	}
}

func TestParsePress(t *testing.T) {
	good := []struct {
		in   string
		want board.Press
	}{
		{"B1@1.5s", board.Press{Button: "B1", At: 1_500 * ms}},
		{"B1@1.5s:200ms", board.Press{Button: "B1", At: 1_500 * ms, Hold: 200 * ms}},
		{"b1@0", board.Press{Button: "b1"}},
	}
	for _, g := range good {
		if p, err := parsePress(g.in); err != nil || p != g.want {
			t.Errorf("parsePress(%q) = %+v, %v; want %+v", g.in, p, err, g.want)
		}
	}
	for _, bad := range []string{"B1", "@1s", "B1@", "B1@soon", "B1@1s:", "B1@1s:0", "B1@1s:x", "B1@18446745s"} {
		if p, err := parsePress(bad); err == nil {
			t.Errorf("parsePress(%q) = %+v, want an error", bad, p)
		}
	}
}

func TestParseUARTInput(t *testing.T) {
	good := []struct {
		in   string
		data string
		at   uint64
	}{
		{`help\r@100ms`, "help\r", 100 * ms},
		{`a\n\t\\b@1s`, "a\n\t\\b", s},
		{`\x00\xfF\x41@0`, "\x00\xffA", 0},
		{`me@host@2`, "me@host", 2 * ms},
	}
	for _, g := range good {
		in, err := parseUARTInput(g.in)
		if err != nil || string(in.Data) != g.data || in.At != g.at {
			t.Errorf("parseUARTInput(%q) = %q@%d, %v; want %q@%d", g.in, in.Data, in.At, err, g.data, g.at)
		}
	}
	for _, bad := range []string{"text", `x\q@1s`, `x\@1s`, `\x4@1s`, `\xZZ@1s`, `\x+1@1s`, "@1s", "x@later"} {
		if in, err := parseUARTInput(bad); err == nil {
			t.Errorf("parseUARTInput(%q) = %+v, want an error", bad, in)
		}
	}
}

// buttonToLED is firmware that enables GPIOA and GPIOJ (RCC_AHB1ENR, RM0410 §5.3.10),
// makes PJ13 an output (GPIOJ_MODER, §6.4.1) and copies PA0's IDR bit to PJ13's ODR
// bit forever (§6.4.5, §6.4.6), so B1 lights LD1 (UM2033).
func buttonToLED() []byte {
	code := []uint16{
		0x4D06, // 08: ldr r5, =RCC_AHB1ENR
		0x4E07, // 0a: ldr r6, =GPIOAEN|GPIOJEN
		0x602E, // 0c: str r6, [r5]
		0x4807, // 0e: ldr r0, =GPIOJ
		0x4907, // 10: ldr r1, =MODER13 output
		0x4A08, // 12: ldr r2, =GPIOA
		0x2401, // 14: movs r4, #1
		0x6001, // 16: str r1, [r0]           MODER
		0x6913, // 18: ldr r3, [r2, #0x10]    IDR
		0x4023, // 1a: ands r3, r4
		0x035B, // 1c: lsls r3, r3, #13
		0x6143, // 1e: str r3, [r0, #0x14]    ODR
		0xE7FA, // 20: b 18
	}
	return tinyELF(code, 0x4002_3830, 1|1<<9, 0x4002_2400, 1<<26, 0x4002_0000)
}

// End to end: --press drives PA0 from 1 ms to 3 ms, the firmware mirrors it on PJ13,
// and --gpio-log shows PJ13 entering output mode at start-up and following the button
// within a few loop iterations (16 cycles are 1 µs at 16 MHz).
func TestRunPressAndGPIOLog(t *testing.T) {
	p := writeTemp(t, "button.elf", buttonToLED())
	code, _, stderr := run(t, "run", "--timeout", "5ms", "--gpio-log", "--press", "B1@1ms:2ms", p)
	if code != exitTimeout {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	re := regexp.MustCompile(`^gpio 0\.000000\d{3} PJ13 0\ngpio 0\.001000\d{3} PJ13 1\ngpio 0\.003000\d{3} PJ13 0\nm7emu: timeout`)
	if !re.MatchString(stderr) {
		t.Fatalf("stderr:\n%s\ndoes not match %v", stderr, re)
	}
	// Without --gpio-log nothing is printed for the pins.
	if _, _, stderr := run(t, "run", "--timeout", "5ms", p); bytes.Contains([]byte(stderr), []byte("gpio ")) {
		t.Errorf("gpio lines without --gpio-log: %s", stderr)
	}
}

func TestRunHostInputErrors(t *testing.T) {
	p := writeTemp(t, "button.elf", buttonToLED())
	cases := []struct {
		args []string
		re   string
	}{
		{[]string{"run", "--press", "B2@1s", p}, `no button "B2" \(buttons: B1\)`},
		{[]string{"run", "--press", "B1", p}, `invalid --press "B1": use BUTTON@TIME`},
		{[]string{"run", "--press", "B1@1s:0", p}, `invalid --press`},
		{[]string{"run", "--uart-input", `hi\q@1s`, p}, `invalid --uart-input .*unknown escape \\q`},
		{[]string{"run", "--uart-input", "hi", p}, `invalid --uart-input "hi": use TEXT@TIME`},
	}
	for _, tc := range cases {
		code, _, stderr := run(t, tc.args...)
		if code != exitUsage || !regexp.MustCompile(tc.re).MatchString(stderr) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.re)
		}
	}
}

// echoFirmware enables USART1 (RCC_APB2ENR.USART1EN, RM0410 §5.3.14) at 115200 baud
// from the 16 MHz reset clock (BRR = 139, §34.5.4), with UE, RE and TE (§34.8.1), and
// echoes every received byte: wait for ISR.RXNE (bit 5, §34.8.8), copy RDR to TDR.
func echoFirmware() []byte {
	code := []uint16{
		0x4806, // 08: ldr r0, =RCC_APB2ENR
		0x2110, // 0a: movs r1, #USART1EN
		0x6001, // 0c: str r1, [r0]
		0x4806, // 0e: ldr r0, =USART1
		0x218B, // 10: movs r1, #139
		0x60C1, // 12: str r1, [r0, #0x0c]   BRR
		0x210D, // 14: movs r1, #UE|RE|TE
		0x6001, // 16: str r1, [r0]          CR1
		0x69C2, // 18: ldr r2, [r0, #0x1c]   ISR
		0x0692, // 1a: lsls r2, r2, #26      RXNE -> N
		0xD5FC, // 1c: bpl 18
		0x6A43, // 1e: ldr r3, [r0, #0x24]   RDR
		0x6283, // 20: str r3, [r0, #0x28]   TDR
		0xE7F9, // 22: b 18
	}
	return tinyELF(code, 0x4002_3844, 0x4001_1000)
}

// --uart-input reaches the console's receiver: the firmware echoes it to stdout; the
// two inputs arrive in time order, whatever the order of the flags.
func TestRunUARTInput(t *testing.T) {
	p := writeTemp(t, "echo.elf", echoFirmware())
	code, out, stderr := run(t, "run", "--timeout", "5ms", "--uart-input", `ok\x21\r@2ms`, "--uart-input", `hi\n@1ms`, p)
	if code != exitTimeout {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if out != "hi\nok!\r" {
		t.Fatalf("stdout %q, want %q", out, "hi\nok!\r")
	}
}

package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tinyELF builds a minimal F769 firmware: a vector table at 0x0800_0000 (SP, reset
// = 0x0800_0009) followed by the given Thumb halfwords at 0x0800_0008 and words.
func tinyELF(code []uint16, words ...uint32) []byte {
	var seg bytes.Buffer
	binary.Write(&seg, binary.LittleEndian, []uint32{0x20001000, 0x08000009})
	binary.Write(&seg, binary.LittleEndian, code)
	for seg.Len()%4 != 0 {
		seg.WriteByte(0)
	}
	binary.Write(&seg, binary.LittleEndian, words)
	const dataOff = 0x100
	var f bytes.Buffer
	ident := []byte{0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	f.Write(ident)
	le := func(v any) { binary.Write(&f, binary.LittleEndian, v) }
	le(uint16(2))          // ET_EXEC
	le(uint16(40))         // EM_ARM
	le(uint32(1))          // EV_CURRENT
	le(uint32(0x08000009)) // e_entry
	le(uint32(52))         // e_phoff
	le(uint32(0))          // e_shoff
	le(uint32(0x05000400)) // e_flags: EABI5, hard float
	le(uint16(52))         // e_ehsize
	le(uint16(32))         // e_phentsize
	le(uint16(1))          // e_phnum
	le(uint16(40))         // e_shentsize
	le(uint16(0))          // e_shnum
	le(uint16(0))          // e_shstrndx
	// PT_LOAD
	le([]uint32{1, dataOff, 0x08000000, 0x08000000, uint32(seg.Len()), uint32(seg.Len()), 5, 4})
	f.Write(make([]byte, dataOff-f.Len()))
	f.Write(seg.Bytes())
	return f.Bytes()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Thumb encodings used by the tiny programs (Arm DDI0403E A7.7).
const (
	movsR0x20  = 0x2020 // MOVS r0, #0x20 (SYS_EXIT_EXTENDED)
	adrR1Plus4 = 0xA101 // ADR r1, [Align(PC,4) + 4]
	bkptAB     = 0xBEAB // BKPT #0xAB (semihosting)
	bkpt01     = 0xBE01 // BKPT #1
	bSelf      = 0xE7FE // B .
	udf0       = 0xDE00 // UDF #0
)

func exitProgram(code uint32) []byte {
	// 0x08: movs; 0x0A: adr r1 -> Align(0x0E,4)+4 = 0x10; 0x0C: bkpt; 0x0E: b .; 0x10: block
	return tinyELF([]uint16{movsR0x20, adrR1Plus4, bkptAB, bSelf}, 0x20026, code)
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunExitStatuses(t *testing.T) {
	exit3 := writeTemp(t, "exit3.elf", exitProgram(3))
	exit0 := writeTemp(t, "exit0.elf", exitProgram(0))
	loop := writeTemp(t, "loop.elf", tinyELF([]uint16{bSelf}))
	bkpt := writeTemp(t, "bkpt.elf", tinyELF([]uint16{bkpt01, bSelf}))
	undef := writeTemp(t, "undef.elf", tinyELF([]uint16{0xBF00, udf0}))
	notELF := writeTemp(t, "notelf.elf", []byte("this is not an ELF file\n"))
	wfi := writeTemp(t, "wfi.elf", tinyELF([]uint16{0xBF30, bSelf})) // WFI with no interrupt enabled
	cases := []struct {
		name     string
		args     []string
		code     int
		stderrRe string
	}{
		{"firmware status", []string{"run", exit3}, 3, `application exit`},
		{"firmware success", []string{"run", exit0}, 0, `^$`},
		{"timeout default 42", []string{"run", "--timeout", "1ms", loop}, 42, `timeout: simulated time reached 0\.001000\d{3}s`},
		{"timeout custom code", []string{"run", "--timeout", "2", "--timeout-exit-code", "7", loop}, 7, `timeout`},
		{"max cycles", []string{"run", "--max-cycles", "1000", loop}, 42, `cycle limit reached`},
		{"breakpoint fails", []string{"run", bkpt}, 1, `breakpoint \(bkpt 0x01\) at PC 0x08000008`},
		{"breakpoint success", []string{"run", "--bkpt-exit", "success", bkpt}, 0, `breakpoint`},
		{"undefined instruction", []string{"run", undef}, 134, `(?s)UNDEFINSTR.*PC 0x0800000a \(halfword de00\).*HFSR.FORCED.*CFSR.UNDEFINSTR.*0800000a: de00 +udf #0.*stack backtrace:.*<exception entry>.*1: 0x0800000a.*pc +0x0800000a`},
		{"lockup", []string{"run", "--no-catch-hardfault", undef}, 134, `(?s)lockup: .*fault status:.*stack backtrace:`},
		{"deadlock", []string{"run", wfi}, 1, `deadlock: the core is asleep \(WFI at PC 0x0800000a\)`},
		{"missing file", []string{"run", "/nonexistent/fw.elf"}, 2, `no such file`},
		{"not an ELF", []string{"run", notELF}, 2, `not an ELF`},
		{"bad timeout", []string{"run", "--timeout", "soon", exit0}, 2, `invalid --timeout`},
		{"bad machine", []string{"run", "--machine", "pdp11", exit0}, 2, `unknown machine "pdp11"`},
		{"bad flag", []string{"run", "--frobnicate", exit0}, 2, `unknown flag`},
		{"bad chip", []string{"run", "--chip", "nRF52840", exit0}, 2, `not an STM32F76x`},
		{"probe-rs chip accepted", []string{"run", "--chip", "STM32F769NIHx", exit0}, 0, `^$`},
		{"bad uart", []string{"run", "--uart", "usart9", exit0}, 2, `usart9`},
		{"other uart", []string{"run", "--uart", "uart7", exit0}, 0, `^$`},
		{"bad bkpt-exit", []string{"run", "--bkpt-exit", "maybe", exit0}, 2, `--bkpt-exit`},
		{"wrong machine for ELF", []string{"run", "--machine", "mps2-an500", exit0}, 2, `outside`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !regexp.MustCompile(tc.stderrRe).MatchString(stderr) {
				t.Errorf("stderr %q does not match %q", stderr, tc.stderrRe)
			}
		})
	}
}

func TestRunStatsLine(t *testing.T) {
	p := writeTemp(t, "exit0.elf", exitProgram(0))
	code, _, stderr := run(t, "run", "--stats", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	re := regexp.MustCompile(`^stats: instructions=3 cycles=\d+ sim_time=\d+\.\d{9} wall=\d+\.\d{3} mips=\d+\.\d sleep=\d+\.\d%$`)
	if !re.MatchString(last) {
		t.Fatalf("stats line %q does not match %v", last, re)
	}
}

// The built-in demo (testdata/soc/boarddemo) boots Embassy-style at 216 MHz, prints on
// the console USART1, lights LD1 and LD2 in turn every 250 ms (Ticker::every: absolute
// deadlines, so each edge is exactly 250 ms after the previous one on the same pin's
// schedule), then waits up to 2 s for B1: a press at 3 s is seen 3 s - (start + 2 s)
// after the wait began, to the millisecond.
func TestRunDemo(t *testing.T) {
	code, stdout, stderr := run(t, "run", "--gpio-log", "--press", "B1@3s")
	if code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr)
	}
	if !strings.HasSuffix(stdout, "demo: done\r\n") {
		t.Errorf("console lines end in %q, want CR LF (a serial terminal's line ending)", stdout[len(stdout)-2:])
	}
	stdout = strings.ReplaceAll(stdout, "\r\n", "\n")
	for _, want := range []string{
		"m7emu demo: STM32F769I-DISCO, Embassy-style init at 216 MHz\n",
		"  t=250 ms  LD1 on,  LD2 off\n", "  t=2000 ms  LD1 off, LD2 on\n",
		"demo: done\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, stdout)
		}
	}
	if !regexp.MustCompile(`B1 pressed after 9[0-9]{2} ms\n`).MatchString(stdout) {
		t.Errorf("demo did not see the press at 3 s:\n%s", stdout)
	}
	// LD1 (PJ13) rises at start+250 ms, +750 ms, ...: consecutive rises 500 ms apart exactly.
	var rises []uint64
	for _, m := range regexp.MustCompile(`gpio (\d+)\.(\d{9}) PJ13 1`).FindAllStringSubmatch(stderr, -1) {
		s, _ := strconv.ParseUint(m[1], 10, 64)
		ns, _ := strconv.ParseUint(m[2], 10, 64)
		rises = append(rises, s*1_000_000_000+ns)
	}
	if len(rises) != 4 {
		t.Fatalf("%d rising edges of PJ13, want 4:\n%s", len(rises), stderr)
	}
	for i := 1; i < len(rises); i++ {
		if d := rises[i] - rises[i-1]; d != 500_000_000 {
			t.Errorf("PJ13 rises %d and %d are %d ns apart, want 500000000", i-1, i, d)
		}
	}
	// Without a press the wait times out.
	if _, stdout, _ := run(t, "run"); !strings.Contains(stdout, "no press\r\ndemo: done\r\n") {
		t.Errorf("demo without a press:\n%s", stdout)
	}
	if code, _, stderr := run(t, "run", "--machine", "mps2-an500"); code != exitUsage || !strings.Contains(stderr, "the built-in demo runs on stm32f769i-disco") {
		t.Errorf("demo on mps2-an500: exit %d, %s", code, stderr)
	}
}

// The embedded demo must be the firmware built from testdata/soc/boarddemo.
func TestEmbeddedDemoIsBuilt(t *testing.T) {
	built, err := os.ReadFile("../../testdata/soc/boarddemo/boarddemo.elf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(built, demoELF) {
		t.Fatal("cmd/m7emu/demo.elf differs from testdata/soc/boarddemo/boarddemo.elf: run bash testdata/soc/build.sh boarddemo")
	}
}

// Arguments after the ELF reach the firmware through SYS_GET_CMDLINE (cargo runner use).
func TestRunPassesArguments(t *testing.T) {
	// 08: movs r0,#0x15; adr r1,blk(0x1c); bkpt 0xab   GET_CMDLINE {0x20000000, 64}
	// 0e: movs r0,#4; ldr r1,[r1]; bkpt 0xab           WRITE0 0x20000000
	// 14: movs r0,#0x18; ldr r1,=0x20026; bkpt 0xab; b .   SYS_EXIT ApplicationExit
	elf := tinyELF([]uint16{0x2015, 0xa104, bkptAB, 0x2004, 0x6809, bkptAB, 0x2018, 0x4903, bkptAB, bSelf},
		0x20000000, 64, 0x20026)
	p := writeTemp(t, "cmdline.elf", elf)
	code, out, stderr := run(t, "run", "--chip", "STM32F769NIHx", p, "--nocapture", "my_test")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if out != "--nocapture my_test" {
		t.Fatalf("firmware saw command line %q", out)
	}
}

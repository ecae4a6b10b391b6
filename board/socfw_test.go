package board

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The SoC firmware (testdata/soc, built by testdata/soc/build.sh) replays, register by
// register, what embassy-stm32 does on the STM32F769 (stm32f769-embassy.md §3–§8, §12):
// init at 16 and 216 MHz, the TIM12 and TIM2 time drivers, GPIO, EXTI and the USART.
// It prints on the console USART1. Every expected number below is derived from the
// spec in the comments, never copied from a run.

const socFWDir = "../testdata/soc"

// Units: simulated time in picoseconds (board.Config) and nanoseconds (GPIO log).
const (
	socMS = uint64(1_000_000_000) // picoseconds
	socUS = uint64(1_000_000)
)

// psWriter records each byte written with the simulated time of the write.
type psWriter struct {
	b     *Board
	data  []byte
	stamp []uint64 // picoseconds
}

func (w *psWriter) Write(p []byte) (int, error) {
	for _, c := range p {
		w.data = append(w.data, c)
		w.stamp = append(w.stamp, w.b.SimPicos())
	}
	return len(p), nil
}

// pinEdge is one line of the GPIO log ("gpio 0.500000000 PJ13 1").
type pinEdge struct {
	ns    uint64
	pin   string
	level int
}

func parseGPIOLog(t *testing.T, log string) []pinEdge {
	t.Helper()
	var edges []pinEdge
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		if line == "" {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 4 || f[0] != "gpio" {
			t.Fatalf("bad GPIO log line %q", line)
		}
		sec, frac, ok := strings.Cut(f[1], ".")
		s, err1 := strconv.ParseUint(sec, 10, 64)
		n, err2 := strconv.ParseUint(frac, 10, 64)
		l, err3 := strconv.Atoi(f[3])
		if !ok || len(frac) != 9 || err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("bad GPIO log line %q", line)
		}
		edges = append(edges, pinEdge{ns: s*1_000_000_000 + n, pin: f[2], level: l})
	}
	return edges
}

// pinEdges returns the edges of one pin.
func pinEdges(all []pinEdge, pin string) []pinEdge {
	var e []pinEdge
	for _, x := range all {
		if x.pin == pin {
			e = append(e, x)
		}
	}
	return e
}

type socResult struct {
	out   *psWriter
	edges []pinEdge
	res   Result
	b     *Board
	wall  time.Duration
}

// runSocFW runs testdata/soc/NAME/NAME.elf on the F769 board with cfg (Stdout and GPIOLog
// are set here) until it exits or timeout of simulated time.
func runSocFW(t *testing.T, name string, cfg Config, timeout uint64) socResult {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(socFWDir, name, name+".elf"))
	if err != nil {
		t.Fatal(err)
	}
	w := &psWriter{}
	var log bytes.Buffer
	cfg.Stdout, cfg.GPIOLog = w, &log
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	w.b = b
	t.Cleanup(func() { b.Close() })
	if err := b.LoadELF(data); err != nil {
		t.Fatal(err)
	}
	if err := b.Reset(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res := b.Run(Limits{TimeoutPs: timeout})
	r := socResult{out: w, edges: parseGPIOLog(t, log.String()), res: res, b: b, wall: time.Since(start)}
	t.Logf("%s: %s, simulated %s, wall %v", name, res.Msg, FormatPicos(b.SimPicos()), r.wall)
	if res.Outcome != Exited || res.Exit.Status != 0 {
		t.Fatalf("run ended with %v (%s), want exit 0; output:\n%s", res.Outcome, res.Msg, w.data)
	}
	return r
}

// checkOutput compares the console output (the firmware writes "\r\n" line ends).
func checkOutput(t *testing.T, got []byte, lines []string) {
	t.Helper()
	want := strings.Join(lines, "\r\n") + "\r\n"
	if string(got) != want {
		t.Errorf("console output\n--- got\n%s\n--- want\n%s", got, want)
	}
}

// checkBlink checks LD1's edges: Output::new drives PJ13 low, then toggles alternate
// 1, 0, ...; consecutive toggles (from..to, 1-based) are exactly 500 ms apart: the
// Ticker's deadlines are start + k × 500 000 ticks of 1 µs (§4, TICK_HZ = 1 MHz), and
// the task reacts to every alarm through the same code path from the same WFE sleep.
func checkBlink(t *testing.T, e []pinEdge, toggles int, pairs [][2]int) {
	t.Helper()
	if len(e) != toggles+1 {
		t.Fatalf("%d PJ13 edges, want %d (Output::new + %d toggles): %v", len(e), toggles+1, toggles, e)
	}
	for k, x := range e {
		if x.level != k%2 {
			t.Errorf("PJ13 edge %d has level %d", k, x.level)
		}
	}
	for _, p := range pairs {
		if d := e[p[1]].ns - e[p[0]].ns; d != uint64(p[1]-p[0])*500_000_000 {
			t.Errorf("toggles %d→%d: %d ns apart, want %d × 500 ms exactly", p[0], p[1], d, p[1]-p[0])
		}
	}
}

func blinkLines(name string, toggles int, extra map[int]string) []string {
	lines := []string{name + ": init done, blinking LD1 (PJ13) every 500 ms"}
	for k := 1; k <= toggles; k++ {
		lines = append(lines, fmt.Sprintf("toggle %d due +%d", k, 500_000*k))
		if s, ok := extra[k]; ok {
			lines = append(lines, s)
		}
	}
	return append(lines, "done")
}

func consecutive(from, to int) [][2]int {
	var p [][2]int
	for k := from; k < to; k++ {
		p = append(p, [2]int{k, k + 1})
	}
	return p
}

// timedrv10mSchedule recomputes the alarm timestamps of testdata/soc/timedrv10m (its
// header comment): T0 = 65536 + 1000, LCG x = x × 1664525 + 1013904223 from 1, the next
// alarm 1000 + (x >> 8) mod 600000 ticks later, every 64th at the next multiple of
// 65536 at least 1000 ticks later, ts mod 32768 in 1..32 moved 32 later, until 600 s.
func timedrv10mSchedule() []uint64 {
	const t0 = 65536 + 1000
	ts, x := uint64(t0), uint32(1)
	var list []uint64
	for {
		list = append(list, ts)
		if ts-t0 >= 600_000_000 {
			return list
		}
		x = x*1664525 + 1013904223
		next := ts + 1000 + uint64(x>>8)%600000
		if len(list)%64 == 0 {
			next = (ts + 1000 + 65535) >> 16 << 16
		}
		if ph := next & 32767; ph >= 1 && ph <= 32 {
			next += 32
		}
		ts = next
	}
}

// TestSocFirmware runs each Embassy replay firmware with its scripted inputs and
// checks its exit status, console output and GPIO log against the spec.
func TestSocFirmware(t *testing.T) {
	// B1 presses for exti (times and holds in ps; multiples of 62.5 ns, so exact at 16 MHz).
	presses := []Press{
		{Button: "B1", At: 100 * socMS},
		{Button: "B1", At: 350 * socMS, Hold: 120 * socMS},
		{Button: "B1", At: 1234*socMS + 500*socUS, Hold: 200 * socMS},
		{Button: "B1", At: 2000*socMS + 7*socUS, Hold: 1 * socMS},
	}
	uartIn := []UARTInput{{Data: []byte("hello\r"), At: 100 * socMS}, {Data: []byte("m7emu embassy\r"), At: 250 * socMS}}

	cases := []struct {
		name    string
		cfg     Config
		timeout uint64
		check   func(t *testing.T, r socResult)
	}{
		{
			// §3 init with Config::default (16 MHz HSI), TIM12 time driver, blink.
			name: "init16", timeout: 20_000 * socMS,
			check: func(t *testing.T, r socResult) {
				checkOutput(t, r.out.data, blinkLines("init16", 10, nil))
				e := pinEdges(r.edges, "PJ13")
				checkBlink(t, e, 10, consecutive(1, 10))
				// The first deadline is 500 ms after the ticker started, which is after
				// init and the 53-byte banner (53 × 86.875 µs ≈ 4.6 ms at 115200 baud).
				if len(e) > 1 && (e[1].ns < 500_000_000 || e[1].ns > 510_000_000) {
					t.Errorf("first toggle at %d ns, want within 10 ms after 500 ms", e[1].ns)
				}
				if hz := r.b.Clock.Hz(); hz != 16_000_000 {
					t.Errorf("core clock %d Hz, want HSI 16 MHz", hz)
				}
			},
		},
		{
			// §3 init with the 216 MHz PLL setup (HSE 25 MHz /25 ×432 /2; APB1 /4, APB2 /2):
			// TIMCLK1 = 2 × 54 MHz = 108 MHz, PSC 107.
			name: "init216", timeout: 20_000 * socMS,
			check: func(t *testing.T, r socResult) {
				checkOutput(t, r.out.data, blinkLines("init216", 10, nil))
				e := pinEdges(r.edges, "PJ13")
				checkBlink(t, e, 10, consecutive(1, 10))
				if len(e) > 1 && (e[1].ns < 500_000_000 || e[1].ns > 510_000_000) {
					t.Errorf("first toggle at %d ns, want within 10 ms after 500 ms", e[1].ns)
				}
				f := r.b.RCC.Freqs()
				if f.SYSCLK != 216_000_000 || f.PCLK1 != 54_000_000 || f.PCLK2 != 108_000_000 ||
					r.b.RCC.TimerClock(1) != 108_000_000 || r.b.Clock.Hz() != 216_000_000 {
					t.Errorf("clocks after init216: %+v, TIMCLK1 %d, core %d", f, r.b.RCC.TimerClock(1), r.b.Clock.Hz())
				}
			},
		},
		{
			// SYSCLK switched HSI 16 MHz ↔ PLL 128 MHz (APB1 /16: TIMCLK1 = 2 × 8 = 16 MHz)
			// after toggles 3, 6 and 9: the 1 MHz tick must not change. Toggles in the
			// same core-clock phase are exactly 500 ms apart; across the switches the
			// only freedom is the phase of the new timer clock (a switch can land
			// between two edges of the 16 MHz timer clock), less than one timer-clock
			// period (62.5 ns) per switch in between.
			name: "clkswitch", timeout: 20_000 * socMS,
			check: func(t *testing.T, r socResult) {
				checkOutput(t, r.out.data, blinkLines("clkswitch", 12,
					map[int]string{3: "SYSCLK 128 MHz", 6: "SYSCLK 16 MHz", 9: "SYSCLK 128 MHz"}))
				e := pinEdges(r.edges, "PJ13")
				checkBlink(t, e, 12, [][2]int{{1, 2}, {2, 3}, {4, 5}, {5, 6}, {7, 8}, {8, 9}, {10, 11}, {11, 12}})
				if len(e) == 13 {
					for _, p := range [][2]int{{1, 7}, {4, 10}} { // same core clock, 2 switches between
						d := int64(e[p[1]].ns-e[p[0]].ns) - 3_000_000_000
						if d <= -125 || d >= 125 {
							t.Errorf("toggles %d→%d: 3 s %+d ns, want within 2 × 62.5 ns", p[0], p[1], d)
						}
					}
				}
				if r.b.Clock.Hz() != 128_000_000 || r.b.RCC.TimerClock(1) != 16_000_000 {
					t.Errorf("at the end: core %d Hz, TIMCLK1 %d Hz; want 128 MHz and 16 MHz", r.b.Clock.Hz(), r.b.RCC.TimerClock(1))
				}
			},
		},
		{
			// §6 wait_for_rising_edge / wait_for_falling_edge on PA0 (B1) at 16 MHz. The
			// task reads now() after each edge: rise-to-rise differences are the press
			// time differences in µs (1 MHz ticks), rise-to-fall the hold times.
			name: "exti", cfg: Config{Presses: presses}, timeout: 20_000 * socMS,
			check: func(t *testing.T, r socResult) {
				lines := []string{"exti: waiting for B1"}
				for k, p := range presses {
					hold := p.Hold
					if hold == 0 {
						hold = DefaultHold
					}
					prev := presses[0].At
					if k > 0 {
						prev = presses[k-1].At
					}
					lines = append(lines, fmt.Sprintf("press %d: rise +%d (after previous +%d), held %d ticks, PA0=0",
						k+1, (p.At-presses[0].At)/socUS, (p.At-prev)/socUS, hold/socUS))
				}
				checkOutput(t, r.out.data, lines)
			},
		},
		{
			// §8 blocking write and interrupt-driven read at 115200 8N1 from PCLK2 =
			// 16 MHz: BRR = 139, one frame = 10 bits × 139 cycles = 1390 cycles =
			// 86.875 µs. Blocking writes keep the transmitter busy, so bytes of one
			// burst leave exactly one frame apart.
			name: "usart", cfg: Config{UARTInputs: uartIn}, timeout: 20_000 * socMS,
			check: func(t *testing.T, r socResult) {
				lines := []string{"usart: 115200 8N1, type a line", "echo: hello", "echo: m7emu embassy",
					fmt.Sprintf("received %d bytes, overruns 0", len("hello\r")+len("m7emu embassy\r"))}
				checkOutput(t, r.out.data, lines)
				const frame = 86_875_000 // ps
				// Bursts: the banner, each echo line, the summary. A byte's stamp is the
				// simulated time at which the board's console receives it; the USART model
				// settles a frame end when the scheduler reaches it or, earlier, when the
				// polling core next reads ISR, so a stamp can trail the exact frame end by
				// the polling loop's few cycles (the error does not add up). Byte j of a
				// burst must be j frames after the burst's first byte, to within 1 µs:
				// a wrong bit time (e.g. BRR 138 instead of 139) would drift by 10 cycles
				// a frame, 300 cycles over a 30-byte line.
				s := r.out.stamp
				start := 0
				for i := 0; i < len(r.out.data); i++ {
					if r.out.data[i] != '\n' {
						continue
					}
					line := string(r.out.data[start : i+1])
					for j := start + 1; j <= i; j++ {
						d := int64(s[j]-s[start]) - int64(j-start)*frame
						if d < -1_000_000 || d > 1_000_000 {
							t.Errorf("line %q: byte %d left %+d ps from %d frames after the first", line, j-start, d, j-start)
							break
						}
					}
					if n := i - start; n > 0 {
						t.Logf("line %q: %d bytes in %d ps (%d frames = %d ps)", line, n+1, s[i]-s[start], n, uint64(n)*frame)
					}
					start = i + 1
				}
				// Each echo starts after its line's '\r' has been received (its last
				// frame ends len × 86.875 µs after the input time), plus its own frame.
				for k, in := range uartIn {
					tag := "echo: " + strings.TrimSuffix(string(in.Data), "\r")
					i := bytes.Index(r.out.data, []byte(tag))
					if i < 0 {
						continue
					}
					earliest := in.At + uint64(len(in.Data)+1)*frame
					if s[i] < earliest || s[i] > earliest+1*socMS {
						t.Errorf("echo %d first byte at %d ps, want within 1 ms after %d", k+1, s[i], earliest)
					}
				}
			},
		},
		{
			// §4 TIM12 time driver at 216 MHz for 10 minutes of irregular alarms. Each
			// alarm toggles PJ13 first thing in its ISR: the edges are exactly the alarm
			// ticks apart (1 tick = 1 µs = 216 core cycles), and the ISR's now() equals
			// the alarm tick (lateness 0: the ISR runs well within the 216-cycle tick).
			name: "timedrv10m", timeout: 700_000 * socMS,
			check: func(t *testing.T, r socResult) {
				sched := timedrv10mSchedule()
				n, ccr0 := len(sched), 0
				for _, ts := range sched {
					if ts&0xFFFF == 0 {
						ccr0++
					}
				}
				if ccr0 == 0 {
					t.Fatal("schedule has no CCR2 = 0 alarm")
				}
				span := sched[n-1] - sched[0]
				checkOutput(t, r.out.data, []string{"timedrv10m: 10 minutes of alarms",
					fmt.Sprintf("alarms %d, with CCR2 = 0: %d", n, ccr0),
					fmt.Sprintf("span %d ticks, last alarm seen at +%d", span, span),
					fmt.Sprintf("max lateness 0 ticks, early 0, fired %d", n)})
				e := pinEdges(r.edges, "PJ13")
				if len(e) != n+1 {
					t.Fatalf("%d PJ13 edges, want %d (Output::new + one per alarm)", len(e), n+1)
				}
				bad := 0
				for k := 1; k <= n; k++ {
					want := (sched[k-1] - sched[0]) * 1000 // ns
					if got := e[k].ns - e[1].ns; got != want && bad < 5 {
						bad++
						t.Errorf("alarm %d (tick %d): edge %d ns after the first, want %d", k, sched[k-1], got, want)
					}
				}
				// Absolute position: the first alarm is at tick 66536 of a driver that
				// started before PJ13 was configured (e[0]).
				if off := int64(e[1].ns) - int64(sched[0])*1000; off < 0 || off > int64(e[0].ns)+10_000 {
					t.Errorf("first alarm edge at %d ns, want tick %d µs + less than %d ns", e[1].ns, sched[0], e[0].ns+10_000)
				}
				// The run ends after the summary (4 lines at 115200 baud: < 50 ms).
				if end := r.b.SimPicos() / 1000; end < e[n].ns || end > e[n].ns+50_000_000 {
					t.Errorf("run ended at %d ns, last alarm edge at %d ns", end, e[n].ns)
				}
				if span < 600_000_000 {
					t.Errorf("span %d ticks < 10 minutes", span)
				}
			},
		},
		{
			// §12 embassy-stm32 0.1.0 time driver: TIM2 with alarms on CC2, CC3, CC4 at
			// 16 MHz, periods 250/330/470 ms from base tick 70536 until 5 s: 20, 15 and
			// 10 alarms; each toggles its pin first thing in the ISR.
			name: "tim2alarms", timeout: 20_000 * socMS,
			check: func(t *testing.T, r socResult) {
				periods := []uint64{250_000, 330_000, 470_000}
				pins := []string{"PJ13", "PJ5", "PJ4"}
				const base = 65536 + 5000
				lines := []string{"tim2alarms: three alarms on TIM2 CC2-CC4"}
				seen := map[uint64]bool{}
				for n, p := range periods {
					count := 5_000_000 / p
					lines = append(lines, fmt.Sprintf("alarm %d (CC%d): %d times", n, n+2, count))
					for k := uint64(1); k <= count; k++ {
						ts := base + k*p
						if seen[ts] {
							t.Fatalf("schedule: two alarms at tick %d", ts)
						}
						seen[ts] = true
						if ph := ts % 32768; ph >= 1 && ph <= 64 {
							t.Fatalf("schedule: alarm at tick %d is %d ticks after a half-period tick", ts, ph)
						}
					}
					e := pinEdges(r.edges, pins[n])
					if uint64(len(e)) != count+1 {
						t.Errorf("%s: %d edges, want %d", pins[n], len(e), count+1)
						continue
					}
					for k := 2; k < len(e); k++ {
						if d := e[k].ns - e[k-1].ns; d != p*1000 {
							t.Errorf("%s: alarms %d→%d %d ns apart, want %d", pins[n], k-1, k, d, p*1000)
						}
					}
					// Alarm 1 of every channel is at base + period: the channels share
					// the timer, so their first edges are their periods apart, up to the
					// ISR toggling the pins one after the other (well under 10 µs).
					if n > 0 {
						e0 := pinEdges(r.edges, pins[0])
						d := int64(e[1].ns) - int64(e0[1].ns) - int64(p-periods[0])*1000
						if d < 0 || d > 10_000 {
							t.Errorf("%s first alarm %+d ns from %s's plus %d µs", pins[n], d, pins[0], p-periods[0])
						}
					}
				}
				checkOutput(t, r.out.data, append(lines, "no alarm early or late"))
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Machine = "stm32f769i-disco"
			tc.check(t, runSocFW(t, tc.name, tc.cfg, tc.timeout))
		})
	}
}

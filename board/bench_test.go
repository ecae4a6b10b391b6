package board

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// BenchmarkBenchFirmware runs the CPU-bound test firmware (testdata/firmware/bench) with
// the timing model on and reports simulated MIPS (instructions per wall-clock µs).
// `make bench` runs it; docs/STATUS.md records the figure.
func BenchmarkBenchFirmware(b *testing.B) {
	benchELF(b, firmwareDir+"/bench/bench.elf", "stm32f769i-disco", false)
}

// BenchmarkBenchFirmwareFunctional is the same without the timing model.
func BenchmarkBenchFirmwareFunctional(b *testing.B) {
	benchELF(b, firmwareDir+"/bench/bench.elf", "stm32f769i-disco", true)
}

func benchELF(b *testing.B, elf, machine string, functional bool) {
	data, err := os.ReadFile(elf)
	if err != nil {
		b.Fatal(err)
	}
	var instr uint64
	var wall time.Duration
	for b.Loop() {
		var out bytes.Buffer
		bd, err := New(Config{Machine: machine, Stdout: &out, Functional: functional})
		if err != nil {
			b.Fatal(err)
		}
		if err := bd.LoadELF(data); err != nil {
			b.Fatal(err)
		}
		if err := bd.Reset(); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		res := bd.Run(Limits{})
		wall += time.Since(start)
		if res.Outcome != Exited {
			b.Fatalf("bench firmware: %v: %s", res.Outcome, res.Msg)
		}
		instr += bd.CPU.Instret
		bd.Close()
	}
	b.ReportMetric(float64(instr)/wall.Seconds()/1e6, "MIPS")
	b.ReportMetric(float64(instr)/float64(b.N), "instr/op")
}

package board

import (
	"bytes"
	"strings"
	"testing"

	"m7emu/trace"
)

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return la[i] + "\n  vs " + lb[i]
		}
	}
	return "one is a prefix of the other"
}

// The timing model must not change architectural behaviour: every firmware gives the
// same output, registers and instruction count with the cycle model on and off, and two
// runs of the same ELF give identical cycle counts (determinism).
func TestTimingModesAgree(t *testing.T) {
	for _, tc := range firmwareCases(t) {
		if strings.HasPrefix(tc.name, "bench/") {
			continue // long; covered by the benchmark
		}
		t.Run(tc.name, func(t *testing.T) {
			cfgF := tc.config()
			cfgF.Functional = true
			outT, resT, bT := runELFConfig(t, tc.elf, tc.config())
			outF, resF, bF := runELFConfig(t, tc.elf, cfgF)
			if resT.Outcome != resF.Outcome || outT != outF {
				t.Fatalf("timed and functional runs differ: %v/%v", resT.Outcome, resF.Outcome)
			}
			if timingDependent[tc.program] {
				return // interrupts land elsewhere with other timing; the output must still agree
			}
			if bT.CPU.R != bF.CPU.R || bT.CPU.XPSR() != bF.CPU.XPSR() || bT.CPU.Instret != bF.CPU.Instret {
				t.Fatalf("final state differs:\ntimed      %08x\nfunctional %08x", bT.CPU.R, bF.CPU.R)
			}
			if bF.CPU.Cycles != bF.CPU.Instret {
				t.Errorf("functional mode: cycles %d != instructions %d", bF.CPU.Cycles, bF.CPU.Instret)
			}
			if bT.CPU.Cycles <= bT.CPU.Instret {
				t.Errorf("timed mode: cycles %d not above instructions %d (branches and loads cost more)", bT.CPU.Cycles, bT.CPU.Instret)
			}
			_, _, again := runELFConfig(t, tc.elf, tc.config())
			if again.CPU.Cycles != bT.CPU.Cycles {
				t.Errorf("two timed runs: %d and %d cycles", bT.CPU.Cycles, again.CPU.Cycles)
			}
		})
	}
}

// Skipping sleep is an optimisation only: ticking through every sleeping cycle gives
// the same output, cycle count and sleep count for every firmware (issue 3, item 4),
// and byte-identical golden traces (issue 6).
func TestSleepSkipEquivalence(t *testing.T) {
	slept := 0
	for _, tc := range firmwareCases(t) {
		if strings.HasPrefix(tc.name, "bench/") {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			var traceA, traceB bytes.Buffer
			cfgA, cfgB := tc.config(), tc.config()
			twA, twB := trace.NewWriter(&traceA, nil), trace.NewWriter(&traceB, nil)
			cfgA.Trace, cfgB.Trace = twA, twB
			cfgB.NoSleepSkip = true
			outA, resA, a := runELFConfig(t, tc.elf, cfgA)
			outB, resB, b := runELFConfig(t, tc.elf, cfgB)
			if outA != outB || resA.Outcome != resB.Outcome {
				t.Fatalf("outputs differ with and without sleep skipping: %v / %v", resA.Outcome, resB.Outcome)
			}
			if a.CPU.Cycles != b.CPU.Cycles || a.CPU.SleepCycles != b.CPU.SleepCycles || a.CPU.Instret != b.CPU.Instret || a.CPU.R != b.CPU.R {
				t.Fatalf("skip: %d cycles (%d asleep), %d instructions; no skip: %d cycles (%d asleep), %d instructions",
					a.CPU.Cycles, a.CPU.SleepCycles, a.CPU.Instret, b.CPU.Cycles, b.CPU.SleepCycles, b.CPU.Instret)
			}
			twA.Close()
			twB.Close()
			if !bytes.Equal(traceA.Bytes(), traceB.Bytes()) {
				t.Fatalf("traces differ with and without sleep skipping:\n%s", firstDiff(traceA.String(), traceB.String()))
			}
			if a.CPU.SleepCycles > 0 {
				slept++
				if !strings.Contains(traceA.String(), " sleep w") || !strings.Contains(traceA.String(), " wake\n") {
					t.Errorf("the core slept %d cycles but the trace shows no sleep and wake", a.CPU.SleepCycles)
				}
			}
		})
	}
	t.Logf("%d firmware runs slept", slept)
}

package board

import (
	"strings"
	"testing"
)

// The timing model must not change architectural behaviour: every firmware gives the
// same output, registers and instruction count with the cycle model on and off, and two
// runs of the same ELF give identical cycle counts (determinism).
func TestTimingModesAgree(t *testing.T) {
	for _, tc := range firmwareCases(t) {
		if strings.HasPrefix(tc.name, "bench/") {
			continue // long; covered by the benchmark
		}
		t.Run(tc.name, func(t *testing.T) {
			outT, resT, bT := runELF(t, tc.elf, tc.machine, false)
			outF, resF, bF := runELF(t, tc.elf, tc.machine, true)
			if resT.Outcome != resF.Outcome || outT != outF {
				t.Fatalf("timed and functional runs differ: %v/%v", resT.Outcome, resF.Outcome)
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
			_, _, again := runELF(t, tc.elf, tc.machine, false)
			if again.CPU.Cycles != bT.CPU.Cycles {
				t.Errorf("two timed runs: %d and %d cycles", bT.CPU.Cycles, again.CPU.Cycles)
			}
		})
	}
}

package main

import "testing"

// TestRunSeedFlag: --seed takes an unsigned number (bad values are usage errors, exit
// 2); the RNG streams it selects are tested in board (TestF769RNGSeed).
func TestRunSeedFlag(t *testing.T) {
	exit3 := writeTemp(t, "exit3.elf", exitProgram(3))
	if code, _, stderr := run(t, "run", "--seed", "12345", exit3); code != 3 {
		t.Errorf("--seed 12345: exit %d, want the firmware's 3: %s", code, stderr)
	}
	if code, _, _ := run(t, "run", "--seed", "-1", exit3); code != 2 {
		t.Errorf("--seed -1: exit %d, want 2", code)
	}
}

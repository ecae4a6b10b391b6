package board

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoreImportsOnlyStdlib enforces the rule that the deterministic core depends on
// nothing but the standard library (third-party modules live in cmd/ and demangle/).
func TestCoreImportsOnlyStdlib(t *testing.T) {
	core := []string{"m7emu/board", "m7emu/cpu/...", "m7emu/bus", "m7emu/sched", "m7emu/loader", "m7emu/semihost",
		"m7emu/nvic", "m7emu/mpu", "m7emu/irq", "m7emu/periph/..."}
	args := append([]string{"list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, core...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if !strings.HasPrefix(p, "m7emu/") {
			t.Errorf("core package depends on non-standard package %s", p)
		}
		if strings.HasPrefix(p, "m7emu/cmd") || p == "m7emu/demangle" {
			t.Errorf("core package depends on edge package %s", p)
		}
	}
}

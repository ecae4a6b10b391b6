package board

import (
	"path/filepath"
	"testing"

	"m7emu/internal/tools/fpgen"
)

// TestFPDifferential runs the floating-point corpus (testdata/fp: per-instruction golden
// vectors with special operands in every rounding mode with FZ/DN on and off, and over a
// million random operation/operand/mode cases, 1,766,416 in all) on the mps2-an500
// machine and compares every result and FPSCR with QEMU's. This exercises decoding and
// execution end to end; cpu/vfp checks the arithmetic against the same goldens directly.
func TestFPDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("about 350 M instructions; skipped with -short")
	}
	cfg := fpgen.DefaultConfig()
	total := 0
	for _, name := range cfg.Names() {
		t.Run(name, func(t *testing.T) {
			im, err := fpgen.GenerateImage(cfg, name)
			if err != nil {
				t.Fatal(err)
			}
			golden, err := readGzip(filepath.Join("../testdata/fp", name+".golden.gz"))
			if err != nil {
				t.Fatal(err)
			}
			out, res, _ := runELF(t, filepath.Join("../testdata/fp", name+"-mps2.elf"), "mps2-an500", true)
			if res.Outcome != Exited || res.Exit.Code() != 0 {
				t.Fatalf("run ended with %v: %s", res.Outcome, res.Msg)
			}
			if i, report := im.Compare([]byte(out), golden); i >= 0 {
				t.Fatalf("case %d differs from QEMU:\n%s", i, report)
			}
			total += im.NCases
		})
	}
	if !t.Failed() {
		t.Logf("%d FP cases agree with QEMU", total)
	}
}

package board

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"m7emu/internal/tools/rangen"
)

// TestRandomDifferential runs the random differential corpus (testdata/random: 20 images
// × 5,000 generated straight-line sequences over every integer instruction class) on
// the mps2-an500 machine and compares each sequence's final registers, APSR and buffer
// hash with QEMU's (the committed goldens). On a divergence it prints the sequence's
// source, its inputs and the differing fields.
func TestRandomDifferential(t *testing.T) {
	cfg := rangen.DefaultConfig()
	total := 0
	for i := 0; i < cfg.Images; i++ {
		name := rangen.ImageName(i)
		t.Run(name, func(t *testing.T) {
			dir := "../testdata/random"
			golden, err := readGzip(filepath.Join(dir, name+".golden.gz"))
			if err != nil {
				t.Fatal(err)
			}
			out, res, _ := runELF(t, filepath.Join(dir, name+"-mps2.elf"), "mps2-an500", true)
			if res.Outcome != Exited || res.Exit.Code() != 0 {
				t.Errorf("run ended with %v: %s", res.Outcome, res.Msg)
			}
			got := []byte(out)
			n := len(golden) / rangen.RecordSize
			for k := 0; k < n; k++ {
				off := k * rangen.RecordSize
				if off+rangen.RecordSize > len(got) {
					t.Fatalf("output ends after %d of %d sequences", k, n)
				}
				g, w := got[off:off+rangen.RecordSize], golden[off:off+rangen.RecordSize]
				if !bytes.Equal(g, w) {
					im := rangen.GenerateImage(cfg, i)
					seq := im.Seqs[k]
					t.Fatalf("sequence %d differs from QEMU: %s\n%s", k,
						rangen.DecodeRecord(g).Diff(rangen.DecodeRecord(w)), seq.Text())
				}
			}
			if len(got) != len(golden) {
				t.Fatalf("output has %d bytes, golden %d", len(got), len(golden))
			}
			total += n
		})
	}
	if !t.Failed() {
		t.Logf("%d random sequences agree with QEMU", total)
		if total < 100_000 {
			t.Errorf("only %d sequences in the corpus, want at least 100,000", total)
		}
	}
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

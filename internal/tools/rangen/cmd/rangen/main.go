// Command rangen writes the assembly sources of the randomized differential-test corpus
// (testdata/random) or prints single sequences from it.
//
//	rangen -out DIR               write DIR/link.ld and DIR/rNN.s for every image
//	rangen -print IMAGE:SEQ       print one sequence (inputs and code), e.g. -print 7:42
//	rangen -stats                 print per-class item counts
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"m7emu/internal/tools/rangen"
)

func main() {
	cfg := rangen.DefaultConfig()
	out := flag.String("out", "", "directory to write link.ld and the image sources into")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "master seed")
	flag.IntVar(&cfg.Images, "images", cfg.Images, "number of images")
	flag.IntVar(&cfg.SeqsPerImage, "seqs", cfg.SeqsPerImage, "sequences per image")
	pr := flag.String("print", "", "print sequence IMAGE:SEQ instead of writing files")
	stats := flag.Bool("stats", false, "print item counts per instruction class")
	flag.Parse()

	if err := run(cfg, *out, *pr, *stats); err != nil {
		fmt.Fprintln(os.Stderr, "rangen:", err)
		os.Exit(1)
	}
}

func run(cfg rangen.Config, out, pr string, stats bool) error {
	if pr != "" {
		var img, seq int
		if _, err := fmt.Sscanf(pr, "%d:%d", &img, &seq); err != nil {
			return fmt.Errorf("-print wants IMAGE:SEQ: %v", err)
		}
		if img < 0 || img >= cfg.Images || seq < 0 || seq >= cfg.SeqsPerImage {
			return fmt.Errorf("-print %s: out of range", pr)
		}
		c := cfg
		c.SeqsPerImage = seq + 1
		im := rangen.GenerateImage(c, img)
		fmt.Printf("@ image %s\n%s", im.Name, im.Seqs[seq].Text())
		return nil
	}
	if out == "" && !stats {
		return fmt.Errorf("nothing to do: give -out DIR, -print IMAGE:SEQ or -stats")
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "link.ld"), rangen.LinkerScript(), 0o644); err != nil {
			return err
		}
	}
	total := make([]int, len(rangen.ClassNames()))
	insns := 0
	for i := 0; i < cfg.Images; i++ {
		im := rangen.GenerateImage(cfg, i)
		for k, n := range im.Stats {
			total[k] += n
		}
		for _, s := range im.Seqs {
			insns += s.Insns
		}
		if out != "" {
			if err := os.WriteFile(filepath.Join(out, im.Name+".s"), im.Asm(), 0o644); err != nil {
				return err
			}
		}
	}
	if stats {
		for k, name := range rangen.ClassNames() {
			fmt.Printf("%-14s %8d\n", name, total[k])
		}
		fmt.Printf("%-14s %8d\n", "instructions", insns)
	}
	return nil
}

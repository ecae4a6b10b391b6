// Command fpgen writes the sources of the floating-point test corpus (testdata/fp) or describes
// cases of it.
//
//	fpgen -out DIR             write DIR/link.ld, DIR/driver.c and DIR/NAME.s for every image
//	fpgen -print NAME:CASE     describe one case, e.g. -print r07:12345 or -print v01:999, with
//	                           QEMU's record from testdata/fp/NAME.golden.gz (-corpus DIR)
//	fpgen -stats               list the images with their case counts, kernels and groups
//
// -seed, -images and -cases change the configuration (the committed corpus uses the defaults).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"m7emu/internal/tools/fpgen"
)

func main() {
	cfg := fpgen.DefaultConfig()
	out := flag.String("out", "", "directory to write link.ld, driver.c and the image sources into")
	pr := flag.String("print", "", "describe case NAME:CASE instead of writing files")
	corpus := flag.String("corpus", "testdata/fp", "with -print: the directory of the goldens, to show QEMU's record")
	stats := flag.Bool("stats", false, "print the images and their case counts")
	flag.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "master seed")
	flag.IntVar(&cfg.RandomImages, "images", cfg.RandomImages, "number of random images")
	flag.IntVar(&cfg.CasesPerImage, "cases", cfg.CasesPerImage, "cases per random image")
	flag.Parse()
	if err := run(cfg, *out, *pr, *corpus, *stats); err != nil {
		fmt.Fprintln(os.Stderr, "fpgen:", err)
		os.Exit(1)
	}
}

func run(cfg fpgen.Config, out, pr, corpus string, stats bool) error {
	if pr != "" {
		name, idx, ok := strings.Cut(pr, ":")
		var i int
		if _, err := fmt.Sscanf(idx, "%d", &i); !ok || err != nil {
			return fmt.Errorf("-print wants NAME:CASE, e.g. r07:12345")
		}
		im, err := fpgen.GenerateImage(cfg, name)
		if err != nil {
			return err
		}
		if i < 0 || i >= im.NCases {
			return fmt.Errorf("%s has %d cases", name, im.NCases)
		}
		c := im.Case(i)
		fmt.Print(c.Text())
		if g, err := fpgen.ReadGolden(filepath.Join(corpus, name+".golden.gz")); err == nil && len(g) == im.OutputSize() {
			r := fpgen.DecodeRecord(g[i*fpgen.RecordSize:])
			fmt.Printf("QEMU (%s.golden.gz record %d):\n  %s\n", name, i, strings.ReplaceAll(c.RecordText(r), "\n", "\n  "))
		}
		return nil
	}
	if out == "" && !stats {
		return fmt.Errorf("nothing to do: give -out DIR, -print NAME:CASE or -stats")
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "link.ld"), fpgen.LinkerScript(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "driver.c"), fpgen.DriverC(), 0o644); err != nil {
			return err
		}
	}
	total := 0
	for _, name := range cfg.Names() {
		im, err := fpgen.GenerateImage(cfg, name)
		if err != nil {
			return err
		}
		total += im.NCases
		if out != "" {
			if err := os.WriteFile(filepath.Join(out, name+".s"), im.Asm(), 0o644); err != nil {
				return err
			}
		}
		if stats {
			fmt.Printf("%s %8d cases, %3d kernels, %3d groups\n", name, im.NCases, len(im.Kernels), len(im.Groups))
		}
	}
	if stats {
		fmt.Printf("total %d cases\n", total)
	}
	return nil
}

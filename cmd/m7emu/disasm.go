package main

import (
	"bufio"
	"bytes"
	"debug/elf"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"m7emu/cpu/thumb"
	"m7emu/demangle"
	"m7emu/loader"
)

type disasmOptions struct {
	symbol string
}

func newDisasmCmd(s streams) *cobra.Command {
	o := &disasmOptions{}
	cmd := &cobra.Command{
		Use:   "disasm [flags] FILE.elf",
		Short: "Disassemble a firmware ELF as arm-none-eabi-objdump -d does",
		Long: `Disassemble the executable sections of a firmware ELF in GNU objdump's format
(binutils 2.40 "objdump -d"): one line per instruction with its address, encoding and
unified-syntax text, data in code ($d ranges) as .word/.short/.byte, symbols as
<name+0xoff>. The decoder is the one the emulator executes with.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDisasm(s, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.symbol, "symbol", "", "only the function or object NAME (raw or demangled name)")
	return cmd
}

func runDisasm(s streams, o *disasmOptions, path string) error {
	data, err := readFirmware(path)
	if err != nil {
		return usageError("%v", err)
	}
	// Validate with our own loader first: it bounds every size, so a hostile file is
	// rejected before debug/elf sees it. No memory map applies to a listing.
	img, err := loader.Parse(data, loader.Options{Demangle: demangle.Name, BootAddr: noVectorCheck})
	if err != nil && !isVectorOnly(err) {
		return usageError("%s: %v", path, err)
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return usageError("%s: %v", path, err)
	}
	defer f.Close()
	var out bytes.Buffer
	if err := thumb.ListELF(f, &out); err != nil {
		return usageError("%s: %v", path, err)
	}
	listing := out.String()
	if o.symbol != "" {
		name := o.symbol
		if img != nil {
			if sym, ok := img.Symbols.ByName(o.symbol); ok {
				name = sym.Raw
			}
		}
		block, ok := symbolBlock(listing, name)
		if !ok {
			return usageError("%s: no symbol %q in an executable section", path, o.symbol)
		}
		listing = block
	}
	fmt.Fprintf(s.out, "\n%s:     file format elf32-littlearm\n\n", path)
	_, err = fmt.Fprint(s.out, listing)
	return err
}

// noVectorCheck is a boot address no firmware uses, so Parse reports a missing vector
// table, which a listing does not need.
const noVectorCheck = 0xFFFF_FFF0

func isVectorOnly(err error) bool {
	le, ok := err.(*loader.Error)
	return ok && le.Kind == loader.NoVectorTable
}

// symbolBlock extracts the section heading and the block of one symbol ("<name>:"
// header line up to the next blank line) from an objdump-style listing.
func symbolBlock(listing, name string) (string, bool) {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(listing))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	section, in, found := "", false, false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Disassembly of section "):
			section = line
			in = false
		case strings.HasSuffix(line, " <"+name+">:"):
			if !found {
				fmt.Fprintf(&b, "\n%s\n", section)
			}
			b.WriteString("\n" + line + "\n")
			in, found = true, true
		case in && line == "":
			in = false
		case in:
			b.WriteString(line + "\n")
		}
	}
	return b.String(), found
}

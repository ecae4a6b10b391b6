//go:build ignore

// Shared part of the golden generators (gen_br.go, gen_exhaustive.go): it assembles a
// list of raw encodings with the GNU toolchain for a Cortex-M7, links them at a fixed
// address with a single symbol "f", and returns objdump's disassembly line by line.
// It needs arm-none-eabi-as, -ld and -objdump (binutils 2.40) on PATH.

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// goldenBase is where the encodings are linked; the only symbol is "f" at this address.
const goldenBase = 0x08000000

// enc is one instruction encoding: a 16-bit halfword or a 32-bit hw1<<16|hw2.
type enc struct {
	v    uint32
	wide bool
}

func n16(v uint32) enc { return enc{v: v & 0xFFFF} }
func w32(v uint32) enc { return enc{v: v, wide: true} }

// dline is one disassembled instruction.
type dline struct {
	addr uint32
	raw  uint32 // as in the golden files: hw1 or hw1<<16|hw2
	wide bool
	text string // objdump's text after the encoding column, trimmed
}

var lineRE = regexp.MustCompile(`^\s*([0-9a-f]+):\t([0-9a-f]{4})(?: ([0-9a-f]{4}))?\s*\t(.*)$`)

// objdump assembles encs (as .inst directives, in order) and disassembles the result.
func objdump(encs []enc) ([]dline, error) {
	dir, err := os.MkdirTemp("", "thumbgold")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var src bytes.Buffer
	src.WriteString(".syntax unified\n.cpu cortex-m7\n.fpu fpv5-d16\n.thumb\n.text\n.global f\n.type f, %function\nf:\n")
	for _, e := range encs {
		if e.wide {
			fmt.Fprintf(&src, "\t.inst.w 0x%08x\n", e.v)
		} else {
			fmt.Fprintf(&src, "\t.inst.n 0x%04x\n", e.v)
		}
	}
	s, o, elf, ld := filepath.Join(dir, "g.s"), filepath.Join(dir, "g.o"), filepath.Join(dir, "g.elf"), filepath.Join(dir, "g.ld")
	if err := os.WriteFile(s, src.Bytes(), 0o644); err != nil {
		return nil, err
	}
	script := fmt.Sprintf("SECTIONS { . = 0x%x; .text : { *(.text) } }\n", goldenBase)
	if err := os.WriteFile(ld, []byte(script), 0o644); err != nil {
		return nil, err
	}
	for _, args := range [][]string{
		{"arm-none-eabi-as", "-o", o, s},
		{"arm-none-eabi-ld", "-T", ld, "-o", elf, o},
	} {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("%s: %v\n%s", args[0], err, out)
		}
	}
	out, err := exec.Command("arm-none-eabi-objdump", "-d", elf).Output()
	if err != nil {
		return nil, fmt.Errorf("objdump: %v", err)
	}
	var lines []dline
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := lineRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		addr, _ := strconv.ParseUint(m[1], 16, 32)
		hw1, _ := strconv.ParseUint(m[2], 16, 16)
		l := dline{addr: uint32(addr), raw: uint32(hw1), text: strings.TrimSpace(m[4])}
		if m[3] != "" {
			hw2, _ := strconv.ParseUint(m[3], 16, 16)
			l.raw = l.raw<<16 | uint32(hw2)
			l.wide = true
		}
		lines = append(lines, l)
	}
	if len(lines) != len(encs) {
		return nil, fmt.Errorf("objdump printed %d instructions for %d encodings", len(lines), len(encs))
	}
	for i, l := range lines {
		if l.raw != encs[i].v || l.wide != encs[i].wide {
			return nil, fmt.Errorf("line %d: objdump shows %08x, want %08x", i, l.raw, encs[i].v)
		}
	}
	return lines, nil
}

// golden renders a line as "addr|encoding|text" (addr and encoding in hex; a 32-bit
// encoding as 8 digits, a 16-bit one as 4).
func (l dline) golden() string {
	if l.wide {
		return fmt.Sprintf("%08x|%08x|%s", l.addr, l.raw, l.text)
	}
	return fmt.Sprintf("%08x|%04x|%s", l.addr, l.raw, l.text)
}

// mnemonic is the first word of objdump's text.
func (l dline) mnemonic() string {
	if i := strings.IndexAny(l.text, "\t "); i >= 0 {
		return l.text[:i]
	}
	return l.text
}

package rangen

import (
	"bytes"
	"compress/gzip"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const corpusDir = "../../../testdata/random"

func small(seed uint64, seqs int) Config { return Config{Seed: seed, Images: 4, SeqsPerImage: seqs} }

// The same seed must give byte-identical output, a different seed or image different output.
func TestDeterministic(t *testing.T) {
	a := GenerateImage(small(1, 300), 3).Asm()
	b := GenerateImage(small(1, 300), 3).Asm()
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
	if bytes.Equal(a, GenerateImage(small(2, 300), 3).Asm()) {
		t.Error("seed 2 gives the same image as seed 1")
	}
	if bytes.Equal(a, GenerateImage(small(1, 300), 2).Asm()) {
		t.Error("image 2 is the same as image 3")
	}
}

// "rangen -print" regenerates only a prefix of an image: the prefix must not depend on the length.
func TestPrefixStable(t *testing.T) {
	long := GenerateImage(small(5, 400), 1)
	short := GenerateImage(small(5, 57), 1)
	for i := range short.Seqs {
		if short.Seqs[i].Text() != long.Seqs[i].Text() {
			t.Fatalf("sequence %d differs between a 57- and a 400-sequence run", i)
		}
	}
}

func TestBufferFill(t *testing.T) {
	// xorshift32 (13, 17, 5) from seed 1 (Marsaglia, "Xorshift RNGs", 2003): 270369, 67634689,
	// 2647435461, worked out by hand (and with Python) from the three shift-xor steps.
	b := BufferFill(1)
	for i, want := range []uint32{270369, 67634689, 2647435461} {
		if got := binary.LittleEndian.Uint32(b[4*i:]); got != want {
			t.Errorf("word %d = %d, want %d", i, got, want)
		}
	}
	// FNV-1a 32 over one zero word is 0x811c9dc5 * 0x01000193 mod 2^32.
	if got, want := BufferHash(make([]byte, 4)), uint32(0x811c9dc5*0x01000193&0xffffffff); got != want {
		t.Errorf("BufferHash(0) = %#x, want %#x", got, want)
	}
}

func TestRecordDiff(t *testing.T) {
	var raw [RecordSize]byte
	binary.LittleEndian.PutUint32(raw[OffLR:], 0x1234)
	binary.LittleEndian.PutUint32(raw[OffAPSR:], 0x80000000)
	r := DecodeRecord(raw[:])
	if r.Regs[13] != 0x1234 || r.APSR != 0x80000000 {
		t.Fatalf("DecodeRecord: %+v", r)
	}
	if d := r.Diff(r); d != "" {
		t.Errorf("Diff with itself: %q", d)
	}
	o := r
	o.Regs[3]++
	o.BufHash = 7
	if d := r.Diff(o); !strings.Contains(d, "r3:") || !strings.Contains(d, "buffer hash") || strings.Contains(d, "APSR") {
		t.Errorf("Diff: %q", d)
	}
}

// A structural check that PC and SP appear only in the operand positions the generator may use
// them in: SP as the second operand of ADD/SUB/MOV or as a load/store base, PC as the base of ADR
// (ADD/SUB PC) and literal loads.
func TestOperands(t *testing.T) {
	im := GenerateImage(small(9, 2000), 0)
	word := func(w string) *regexp.Regexp { return regexp.MustCompile(`\b` + w + `\b`) }
	sp, pc := word("sp"), word("pc")
	spUse := regexp.MustCompile(`^(r\d+|lr), (sp\b|\[sp, #\d+\]$)`)
	pcUse := regexp.MustCompile(`^(r\d+|lr), ((r\d+|lr), )?(pc, #\d+$|\[pc, #-?\d+\]$)`)
	for _, s := range im.Seqs {
		if s.Insns < 4 {
			t.Fatalf("seq %d has %d instructions", s.Index, s.Insns)
		}
		for _, l := range s.Lines {
			mn, ops, _ := strings.Cut(strings.TrimSpace(l), " ")
			if sp.MatchString(ops) && (!spUse.MatchString(ops) || !hasAnyPrefix(mn, "add", "sub", "mov", "ldr", "str")) {
				t.Errorf("seq %d: SP used outside the SP-relative forms: %q", s.Index, l)
			}
			if pc.MatchString(ops) && (!pcUse.MatchString(ops) || !hasAnyPrefix(mn, "add", "sub", "ldr")) {
				t.Errorf("seq %d: PC used outside ADR/literal forms: %q", s.Index, l)
			}
		}
	}
}

func hasAnyPrefix(s string, p ...string) bool {
	for _, x := range p {
		if strings.HasPrefix(s, x) {
			return true
		}
	}
	return false
}

// Assemble a small image and, when QEMU is installed, run it: it must exit 0 and print one record
// per sequence.
func TestAssembleAndRun(t *testing.T) {
	gcc, err := exec.LookPath("arm-none-eabi-gcc")
	if err != nil {
		t.Skip("arm-none-eabi-gcc not installed")
	}
	dir := t.TempDir()
	im := GenerateImage(small(11, 300), 0)
	if err := os.WriteFile(filepath.Join(dir, "link.ld"), LinkerScript(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "t.s"), im.Asm(), 0o644); err != nil {
		t.Fatal(err)
	}
	flags := []string{"-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-d16", "-mfloat-abi=hard", "-nostdlib", "-Wa,--fatal-warnings"}
	cmd := exec.Command(gcc, append(flags, "-T", "link.ld", "t.s", "-o", "t.elf")...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("assembling: %v\n%s", err, out)
	}
	qemu, err := exec.LookPath("qemu-system-arm")
	if err != nil {
		t.Skip("qemu-system-arm not installed")
	}
	var stdout, stderr bytes.Buffer
	cmd = exec.Command(qemu, "-M", "mps2-an500", "-display", "none", "-monitor", "none", "-serial", "none",
		"-semihosting-config", "enable=on,target=native", "-icount", "shift=0,align=off,sleep=off",
		"-kernel", filepath.Join(dir, "t.elf"))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("QEMU: %v\n%s", err, stderr.String())
	}
	if stdout.Len() != len(im.Seqs)*RecordSize {
		t.Fatalf("QEMU printed %d bytes, want %d", stdout.Len(), len(im.Seqs)*RecordSize)
	}
	checkRecords(t, im, stdout.Bytes())
}

// checkRecords verifies what can be known without executing the instructions: a register no
// instruction names keeps its input value, and a sequence without stores leaves the buffer as
// BufferFill made it. This ties the firmware's fill, hash and record layout to the Go side.
func checkRecords(t *testing.T, im *Image, out []byte) {
	t.Helper()
	store := regexp.MustCompile(`(?m)^\t(str|stm)`)
	regName := regexp.MustCompile(`\b(r\d+|lr)\b`)
	hashChecked, regsChecked := 0, 0
	for i := range im.Seqs {
		s := &im.Seqs[i]
		rec := DecodeRecord(out[i*RecordSize:])
		code := strings.Join(s.Lines, "\n")
		if !store.MatchString(code) {
			hashChecked++
			if want := BufferHash(BufferFill(s.BufSeed)); rec.BufHash != want {
				t.Fatalf("%s seq %d: buffer hash %#x, want %#x for an unmodified buffer\n%s", im.Name, i, rec.BufHash, want, s.Text())
			}
		}
		var named [14]bool
		for _, n := range regName.FindAllString(code, -1) {
			k := 13
			if n != "lr" {
				fmt.Sscanf(n, "r%d", &k)
			}
			named[k] = true
		}
		if strings.Contains(code, "\tbl") {
			named[13] = true
		}
		for k := range named {
			if named[k] {
				continue
			}
			regsChecked++
			if rec.Regs[k] != s.Regs[k] {
				t.Fatalf("%s seq %d: register %d changed although unused: %#x -> %#x\n%s", im.Name, i, k, s.Regs[k], rec.Regs[k], s.Text())
			}
		}
		if rec.APSR&^0xf80f0000 != 0 {
			t.Fatalf("%s seq %d: APSR %#x has bits outside NZCVQ/GE", im.Name, i, rec.APSR)
		}
	}
	if hashChecked == 0 || regsChecked == 0 {
		t.Fatalf("%s: nothing checked (%d hashes, %d registers)", im.Name, hashChecked, regsChecked)
	}
}

// The committed ELFs and goldens must belong to the committed generator: the ELF's input table equals
// what GenerateImage produces, every entry points into the sequence code, and the golden passes
// checkRecords.
func TestCommittedCorpus(t *testing.T) {
	cfg := DefaultConfig()
	if _, err := os.Stat(filepath.Join(corpusDir, ImageName(0)+"-mps2.elf")); err != nil {
		t.Skip("corpus not generated:", err)
	}
	for i := 0; i < cfg.Images; i++ {
		im := GenerateImage(cfg, i)
		t.Run(im.Name, func(t *testing.T) {
			checkELF(t, im, filepath.Join(corpusDir, im.Name+"-mps2.elf"))
			f, err := os.Open(filepath.Join(corpusDir, im.Name+".golden.gz"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			zr, err := gzip.NewReader(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if len(out) != len(im.Seqs)*RecordSize {
				t.Fatalf("golden has %d bytes, want %d", len(out), len(im.Seqs)*RecordSize)
			}
			checkRecords(t, im, out)
		})
	}
}

func checkELF(t *testing.T, im *Image, path string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	addr := map[string]uint64{}
	for _, s := range syms {
		addr[s.Name] = s.Value
	}
	text := f.Section(".text")
	if text == nil {
		t.Fatal("no .text")
	}
	data, err := text.Data()
	if err != nil {
		t.Fatal(err)
	}
	at := func(a uint64, n int) []byte {
		if a < text.Addr || a+uint64(n) > text.Addr+uint64(len(data)) {
			t.Fatalf("address %#x+%d outside .text", a, n)
		}
		return data[a-text.Addr : a-text.Addr+uint64(n)]
	}
	for _, name := range []string{"seq_inputs", "seq_entry", "seq_code", "seq_code_end", "seq_epilogue"} {
		if _, ok := addr[name]; !ok {
			t.Fatalf("symbol %s missing", name)
		}
	}
	n := len(im.Seqs)
	in := at(addr["seq_inputs"], n*InputSize)
	ent := at(addr["seq_entry"], 4*n)
	prev := uint32(addr["seq_code"])
	for i := range im.Seqs {
		s := &im.Seqs[i]
		var want [InputSize]byte
		for k, v := range s.Regs {
			binary.LittleEndian.PutUint32(want[4*k:], v)
		}
		binary.LittleEndian.PutUint32(want[InOffAPSR:], s.APSR)
		binary.LittleEndian.PutUint32(want[InOffBufSeed:], s.BufSeed)
		if !bytes.Equal(in[i*InputSize:(i+1)*InputSize], want[:]) {
			t.Fatalf("seq %d: ELF input record differs from the generator's (stale ELF? run testdata/random/gen.sh)", i)
		}
		e := binary.LittleEndian.Uint32(ent[4*i:])
		if e&1 == 0 || e&^1 < prev || uint64(e) >= addr["seq_code_end"] {
			t.Fatalf("seq %d: entry %#x out of order or not Thumb", i, e)
		}
		prev = e &^ 1
	}
}

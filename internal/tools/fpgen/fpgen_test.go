package fpgen

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const corpusDir = "../../../testdata/fp"

func small(cases int) Config { return Config{Seed: 77, RandomImages: 2, CasesPerImage: cases} }

// The same configuration gives byte-identical sources; another seed or image gives others.
func TestDeterministic(t *testing.T) {
	a := RandomImage(small(500), 1).Asm()
	if !bytes.Equal(a, RandomImage(small(500), 1).Asm()) {
		t.Fatal("two runs with the same seed differ")
	}
	if bytes.Equal(a, RandomImage(small(500), 0).Asm()) {
		t.Error("image 0 is the same as image 1")
	}
	c := small(500)
	c.Seed++
	if bytes.Equal(a, RandomImage(c, 1).Asm()) {
		t.Error("seed+1 gives the same image")
	}
	v1, _ := GenerateImage(DefaultConfig(), "v02")
	v2, _ := GenerateImage(DefaultConfig(), "v02")
	if !bytes.Equal(v1.Asm(), v2.Asm()) {
		t.Error("vector image v02 differs between two runs")
	}
}

// Every form appears in every random image and in exactly one vector image; the fixed-point forms
// get legal fraction bits; every kernel's registers exist and, unless aliasing is intended, do not
// overlap.
func TestForms(t *testing.T) {
	if n := len(Forms()); n != 120 {
		t.Errorf("%d forms, want 120", n)
	}
	seen := map[*Form]int{}
	for i := 0; i < NumVectorImages; i++ {
		im := vectorImage(DefaultConfig(), i)
		for _, g := range im.Groups {
			seen[g.Kernel.Form] |= 1 << i
		}
	}
	im := RandomImage(DefaultConfig(), 3)
	inPick := map[int]bool{}
	for _, k := range im.Pick {
		inPick[int(k)] = true
	}
	perForm := map[*Form]int{}
	for _, k := range im.Kernels {
		perForm[k.Form]++
		if !inPick[k.Index] {
			t.Errorf("kernel %s (%s) never picked", k.Label(), k.Insn())
		}
		if lo, hi := k.Form.FBitsRange(); k.FBits < lo || k.FBits > hi {
			t.Errorf("%s: fraction bits out of range", k.Insn())
		}
		for s := 0; s < numSlots; s++ {
			switch k.Form.Slot[s].Class {
			case RegS:
				if k.Reg[s] > 31 {
					t.Errorf("%s: bad S register", k.Insn())
				}
			case RegD:
				if k.Reg[s] > 15 {
					t.Errorf("%s: D register above D15", k.Insn())
				}
			}
		}
	}
	for _, f := range Forms() {
		if perForm[f] == 0 {
			t.Errorf("%s: no kernel in the random image", f.Mnem)
		}
		if b := seen[f]; b == 0 || b&(b-1) != 0 {
			t.Errorf("%s: in vector images %03b, want exactly one", f.Mnem, b)
		}
		if len(f.Order) == 0 {
			t.Errorf("%s: reads nothing", f.Mnem)
		}
	}
}

// Kernel.Effective: a later load into a shared register wins.
func TestEffective(t *testing.T) {
	f := FormByMnem("vcvt.f64.f32") // Vd = D (written), Vm = S (read)
	k := &Kernel{Form: f, Reg: [3]int{2, 0, 5}}
	if got := k.Effective([3]uint64{0x1111, 0, 0x2222}); got[SlotM] != 0x2222 {
		t.Errorf("Effective = %x", got)
	}
	f = FormByMnem("vmla.f32")
	k = &Kernel{Form: f, Reg: [3]int{4, 4, 6}} // Vd = Vn = s4
	if got := k.Effective([3]uint64{1, 2, 3}); got != [3]uint64{2, 2, 3} {
		t.Errorf("Effective with Vd = Vn: %x, want [2 2 3]", got)
	}
	f = FormByMnem("vcvtb.f16.f64") // Vd = s5 (read), Vm = d2 = s5:s4
	k = &Kernel{Form: f, Reg: [3]int{5, 0, 2}}
	if got := k.Effective([3]uint64{0xaaaa, 0, 0x1234567887654321}); got[SlotD] != 0x12345678 {
		t.Errorf("Effective with Vd inside Vm: %x", got)
	}
}

func TestPickTable(t *testing.T) {
	p := pickTable([]int{1, 1, 2, 100})
	var n [4]int
	for _, k := range p {
		n[k]++
	}
	if n[0] < 1 || n[1] < 1 || n[3] < 900 || n[0]+n[1]+n[2]+n[3] != PickSize {
		t.Errorf("pick counts %v", n)
	}
}

func TestTextAndDiff(t *testing.T) {
	im := RandomImage(small(100), 0)
	for i := 0; i < 100; i++ {
		c := im.Case(i)
		txt := c.Text()
		if !strings.Contains(txt, c.Kernel.Insn()) || !strings.Contains(txt, "FPSCR in") {
			t.Fatalf("Text: %q", txt)
		}
		r := Record{Result: 1, FPSCR: 0x10}
		if d := c.Diff(r, r); d != "" {
			t.Fatalf("Diff with itself: %q", d)
		}
		if d := c.Diff(r, Record{Result: 1, FPSCR: 0x11}); !strings.Contains(d, "IOC") || strings.Contains(d, "result") {
			t.Fatalf("Diff: %q", d)
		}
	}
	if s := F32Text(0x7fa5a5a5); s != "sNaN payload 0x25a5a5" {
		t.Errorf("F32Text(sNaN) = %q", s)
	}
	if s := F64Text(0x0000000000000001); !strings.Contains(s, "subnormal") {
		t.Errorf("F64Text(min subnormal) = %q", s)
	}
	if s := HalfText(0x7bff, false); s != "half 65504" {
		t.Errorf("HalfText(0x7bff) = %q", s)
	}
	if s := HalfText(0x7fff, true); s != "half 131008 (AHP)" {
		t.Errorf("HalfText(0x7fff, AHP) = %q", s)
	}
}

func toolchain(t *testing.T) (gcc, qemu string) {
	t.Helper()
	gcc, err := exec.LookPath("arm-none-eabi-gcc")
	if err != nil {
		t.Skip("arm-none-eabi-gcc not installed")
	}
	qemu, err = exec.LookPath("qemu-system-arm")
	if err != nil {
		t.Skip("qemu-system-arm not installed")
	}
	return gcc, qemu
}

// buildAndRun builds im like gen.sh does and returns QEMU's stdout.
func buildAndRun(t *testing.T, im *Image) []byte {
	t.Helper()
	gcc, qemu := toolchain(t)
	dir := t.TempDir()
	for name, data := range map[string][]byte{"link.ld": LinkerScript(), "driver.c": DriverC(), "img.s": im.Asm()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	flags := []string{"-mcpu=cortex-m7", "-mthumb", "-mfpu=fpv5-d16", "-mfloat-abi=hard", "-nostdlib", "-ffreestanding"}
	for _, args := range [][]string{
		append(flags, "-O2", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-mgeneral-regs-only", "-c", "driver.c", "-o", "driver.o"),
		append(flags, "-Wa,--fatal-warnings", "-c", "img.s", "-o", "img.o"),
		append(flags, "-T", "link.ld", "driver.o", "img.o", "-o", "img.elf"),
	} {
		cmd := exec.Command(gcc, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(qemu, "-M", "mps2-an500", "-display", "none", "-monitor", "none", "-serial", "none",
		"-semihosting-config", "enable=on,target=native", "-icount", "shift=0,align=off,sleep=off",
		"-kernel", filepath.Join(dir, "img.elf"))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("QEMU: %v\n%s", err, stderr.String())
	}
	return stdout.Bytes()
}

// The firmware's generator and random.go draw the same inputs: a dump image writes each case's
// kernel index and input block instead of running it, and every word must equal Image.Case.
func TestFirmwareMirror(t *testing.T) {
	im := RandomImage(small(30000), 1)
	im.Kind = dumpRandom
	out := buildAndRun(t, im)
	const recW = 1 + InWords
	if len(out) != im.NCases*recW*4+RecordSize {
		t.Fatalf("dump has %d bytes, want %d", len(out), im.NCases*recW*4+RecordSize)
	}
	for i := 0; i < im.NCases; i++ {
		w := func(j int) uint32 { return binary.LittleEndian.Uint32(out[(i*recW+j)*4:]) }
		c := im.Case(i)
		want := []uint32{uint32(c.Kernel.Index), c.FPSCR, c.APSR}
		for _, v := range c.In {
			want = append(want, uint32(v), uint32(v>>32))
		}
		for j, x := range want {
			if w(j) != x {
				t.Fatalf("case %d word %d: firmware 0x%08x, Go 0x%08x\n%s", i, j, w(j), x, c.Text())
			}
		}
	}
	tr, ok := DecodeTrailer(out)
	if !ok || int(tr.Cases) != im.NCases || tr.Hash != im.InputHash() {
		t.Errorf("trailer %+v, want %d cases, hash 0x%08x", tr, im.NCases, im.InputHash())
	}
}

// A small vector image and a small random image run in QEMU with the right trailer, and their
// records pass the architectural checks.
func TestAssembleAndRun(t *testing.T) {
	im := RandomImage(small(3000), 0)
	out := buildAndRun(t, im)
	if len(out) != im.OutputSize() {
		t.Fatalf("QEMU printed %d bytes, want %d", len(out), im.OutputSize())
	}
	if tr, ok := DecodeTrailer(out); !ok || tr.Hash != im.InputHash() {
		t.Errorf("trailer %+v, want hash 0x%08x", tr, im.InputHash())
	}
	var st checkStats
	for i := 0; i < im.NCases; i++ {
		c := im.Case(i)
		if err := checkCase(&c, DecodeRecord(out[i*RecordSize:]), &st); err != "" {
			t.Fatalf("%s%s", c.Text(), err)
		}
	}
}

func readGzip(t *testing.T, path string) []byte {
	t.Helper()
	b, err := ReadGolden(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The committed ELFs and goldens belong to this generator: the ELF's tables match, the golden has
// one record per case and a trailer whose hash equals the hash of the generator's inputs (so the
// firmware drew exactly the cases Image.Case describes), and every record passes the
// architectural checks in check_test.go.
func TestCommittedCorpus(t *testing.T) {
	cfg := DefaultConfig()
	if _, err := os.Stat(filepath.Join(corpusDir, "v00-mps2.elf")); err != nil {
		t.Skip("corpus not generated:", err)
	}
	var st checkStats
	total := 0
	for _, name := range cfg.Names() {
		im, err := GenerateImage(cfg, name)
		if err != nil {
			t.Fatal(err)
		}
		ok := t.Run(name, func(t *testing.T) {
			checkELF(t, im, filepath.Join(corpusDir, name+"-mps2.elf"))
			out := readGzip(t, filepath.Join(corpusDir, name+".golden.gz"))
			if len(out) != im.OutputSize() {
				t.Fatalf("golden has %d bytes, want %d", len(out), im.OutputSize())
			}
			tr, ok := DecodeTrailer(out)
			if !ok || int(tr.Cases) != im.NCases || tr.Hash != im.InputHash() {
				t.Fatalf("trailer %+v, want %d cases and input hash 0x%08x (stale golden? run testdata/fp/gen.sh)", tr, im.NCases, im.InputHash())
			}
			for i := 0; i < im.NCases; i++ {
				c := im.Case(i)
				if err := checkCase(&c, DecodeRecord(out[i*RecordSize:]), &st); err != "" {
					t.Fatalf("%s%s", c.Text(), err)
				}
			}
			total += im.NCases
		})
		if !ok {
			return
		}
	}
	if total < 1_000_000+700_000 {
		t.Errorf("only %d cases", total)
	}
	t.Logf("%d cases; architectural checks: %s", total, st.String())
	for _, n := range st.n {
		if n == 0 {
			t.Errorf("a check never ran: %s", st.String())
			break
		}
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
	data, err := text.Data()
	if err != nil {
		t.Fatal(err)
	}
	at := func(name string, n int) []byte {
		a, ok := addr[name]
		if !ok || a < text.Addr || a+uint64(n) > text.Addr+uint64(len(data)) {
			t.Fatalf("symbol %s missing or outside .text", name)
		}
		return data[a-text.Addr : a-text.Addr+uint64(n)]
	}
	info := at("img_info", 12)
	kind, n := uint32(infoVectors), len(im.Groups)
	if im.Kind == Random {
		kind, n = infoRandom, im.NCases
	}
	if binary.LittleEndian.Uint32(info) != kind || binary.LittleEndian.Uint32(info[4:]) != uint32(n) || binary.LittleEndian.Uint32(info[8:]) != im.Seed {
		t.Fatalf("img_info % x does not match the generator (stale ELF? run testdata/fp/gen.sh)", info)
	}
	kt := at("img_kernels", 8*len(im.Kernels))
	for i, k := range im.Kernels {
		if got := binary.LittleEndian.Uint32(kt[8*i+4:]); got != genCode(k.Form) {
			t.Fatalf("kernel %d gen code 0x%x, want 0x%x", i, got, genCode(k.Form))
		}
		if got := binary.LittleEndian.Uint32(kt[8*i:]); uint64(got) != addr[k.Label()]|1 {
			t.Fatalf("kernel %d at 0x%x, symbol %s at 0x%x", i, got, k.Label(), addr[k.Label()])
		}
	}
	pick := at("img_pick", 2*PickSize)
	for i := range im.Pick {
		if binary.LittleEndian.Uint16(pick[2*i:]) != im.Pick[i] {
			t.Fatalf("img_pick[%d] differs", i)
		}
	}
}

// The architectural checks are not vacuous: with a result bit flipped, nearly every record of a
// vector image that a value check covers fails.
func TestChecksDetectErrors(t *testing.T) {
	path := filepath.Join(corpusDir, "v02.golden.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skip("corpus not generated:", err)
	}
	im, _ := GenerateImage(DefaultConfig(), "v02")
	out := readGzip(t, path)
	checked, caught := 0, 0
	for i := 0; i < im.NCases; i += 3 {
		c := im.Case(i)
		rec := DecodeRecord(out[i*RecordSize:])
		var st checkStats
		if err := checkCase(&c, rec, &st); err != "" {
			t.Fatalf("golden record fails: %s%s", c.Text(), err)
		}
		valueChecks := 0
		for k := range st.n {
			if k != "fpscr" && k != "half-keep" {
				valueChecks++
			}
		}
		if valueChecks == 0 { // only the generic FPSCR checks applied
			continue
		}
		bad := rec
		bad.Result ^= 1 << (i % 3)
		if c.Kernel.Form.Cat == CatCvtToHalf && c.Kernel.Form.Mnem[4] == 't' {
			bad.Result ^= 1 << 16 // the written half
		}
		checked++
		if checkCase(&c, bad, &st) != "" {
			caught++
		} else if checked-caught <= 5 {
			t.Logf("not caught: %s", c.Text())
		}
	}
	if checked < 10000 || caught != checked {
		t.Errorf("mutated records caught: %d of %d", caught, checked)
	}
}

func TestCompare(t *testing.T) {
	im := RandomImage(small(50), 0)
	want := make([]byte, im.OutputSize())
	for i := range want {
		want[i] = byte(i * 7)
	}
	got := append([]byte(nil), want...)
	if i, r := im.Compare(got, want); i != -1 || r != "" {
		t.Fatalf("equal outputs: %d %q", i, r)
	}
	got[17*RecordSize+OffFPSCR] ^= FlagIXC
	i, r := im.Compare(got, want)
	c := im.Case(17)
	if i != 17 || !strings.Contains(r, c.Kernel.Insn()) || !strings.Contains(r, "FPSCR:  got") {
		t.Errorf("Compare = %d, %q", i, r)
	}
	if i, _ := im.Compare(want[:len(want)-RecordSize], want); i != im.NCases {
		t.Errorf("missing trailer reported at %d", i)
	}
	if i, _ := im.Compare(want[:5*RecordSize], want); i != 5 {
		t.Errorf("short output reported at %d", i)
	}
	for _, bad := range []string{"", "r", "x00", "r99", "v03", "r1"} {
		if _, err := GenerateImage(small(1), bad); err == nil {
			t.Errorf("GenerateImage(%q) succeeded", bad)
		}
	}
}

package loader

import (
	"bufio"
	"bytes"
	"debug/elf"
	"io/fs"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// compareWithDebugELF checks an Image against the standard library's
// independent ELF reader: every PT_LOAD with file data appears at p_paddr
// with its bytes, and every defined function symbol is found.
func compareWithDebugELF(t *testing.T, path string, img *Image) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for i, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Filesz == 0 {
			continue
		}
		n++
		var seg *Segment
		for k := range img.Segments {
			if img.Segments[k].Index == i {
				seg = &img.Segments[k]
			}
		}
		if seg == nil {
			t.Errorf("program header %d (PT_LOAD at %#x) missing", i, p.Paddr)
			continue
		}
		want := make([]byte, p.Filesz)
		if _, err := p.ReadAt(want, 0); err != nil {
			t.Fatal(err)
		}
		if uint64(seg.Addr) != p.Paddr || uint64(seg.VAddr) != p.Vaddr || !bytes.Equal(seg.Data, want) || seg.Flags != p.Flags {
			t.Errorf("segment %d: Addr %#x VAddr %#x len %d flags %v; debug/elf: paddr %#x vaddr %#x filesz %#x flags %v",
				i, seg.Addr, seg.VAddr, len(seg.Data), seg.Flags, p.Paddr, p.Vaddr, p.Filesz, p.Flags)
		}
	}
	if n != len(img.Segments) {
		t.Errorf("%d segments, debug/elf has %d PT_LOAD with data", len(img.Segments), n)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	funcs := 0
	for _, s := range syms {
		if elf.ST_TYPE(s.Info) != elf.STT_FUNC || s.Section == elf.SHN_UNDEF || s.Name == "" {
			continue
		}
		funcs++
		got, ok := img.Symbols.ByName(s.Name)
		if !ok {
			t.Errorf("function %s missing", s.Name)
			continue
		}
		// A local and a global may share a name; check the address only
		// when the name is unique.
		if uint64(got.Addr) != s.Value&^1 && got.Global == (elf.ST_BIND(s.Info) != elf.STB_LOCAL) {
			t.Errorf("function %s at %#x, debug/elf says %#x", s.Name, got.Addr, s.Value&^1)
		}
		if got.Thumb != (s.Value&1 != 0) || !got.Func || uint64(got.Size) != s.Size {
			t.Errorf("function %s: %+v, debug/elf value %#x size %d", s.Name, got, s.Value, s.Size)
		}
	}
	if funcs == 0 {
		t.Errorf("%s has no function symbols", path)
	}
}

// TestFirmwareELFs parses every committed test firmware ELF.
func TestFirmwareELFs(t *testing.T) {
	root := filepath.Join("..", "testdata", "firmware")
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".elf") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no ELFs under testdata/firmware yet")
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			opts := f769Opts
			if strings.HasSuffix(p, "-mps2.elf") {
				opts = mps2Opts
			}
			img, err := ParseFile(p, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !img.HardFloat && img.Flags&0x200 == 0 {
				t.Errorf("e_flags %#x: neither hard- nor soft-float ABI flag", img.Flags)
			}
			compareWithDebugELF(t, p, img)
			if s, off, ok := img.Symbols.Lookup(img.ResetPC &^ 1); !ok || off != 0 || !s.Func {
				t.Errorf("reset vector %#x does not start a function: %+v+%#x %v", img.ResetPC, s, off, ok)
			}
		})
	}
}

const gccLinkScript = `
MEMORY {
  FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 2048K
  RAM (rwx)  : ORIGIN = 0x20000000, LENGTH = 512K
}
ENTRY(Reset_Handler)
SECTIONS {
  .isr_vector : { KEEP(*(.isr_vector)) } > FLASH
  .text : { *(.text*) *(.rodata*) } > FLASH
  .data : { _sdata = .; *(.data*) _edata = .; } > RAM AT > FLASH
  .bss (NOLOAD) : { *(.bss*) *(COMMON) } > RAM
  .uninit (NOLOAD) : { *(.uninit*) } > RAM
}
`

const gccSource = `
extern unsigned int _estack_dummy;
void Reset_Handler(void);
__attribute__((section(".isr_vector"), used))
const void *vectors[2] = { (void *)0x20080000, (void *)Reset_Handler };
int counter = 5;
int zeroed;
__attribute__((section(".uninit.keep"))) int persistent[64];
__attribute__((noinline)) unsigned int magic(void) { return 0x12345678u; }
float scale(float x) { return x * 1.5f; }
void Reset_Handler(void) {
  persistent[0] = (int)magic() + counter + zeroed;
  for (;;) {}
}
`

// TestGCCBuilt links small hard- and soft-float programs with
// arm-none-eabi-gcc and checks the loader against debug/elf and
// arm-none-eabi-objdump (literal pools as data via $d).
func TestGCCBuilt(t *testing.T) {
	gcc, err := exec.LookPath("arm-none-eabi-gcc")
	if err != nil {
		t.Skip("arm-none-eabi-gcc not installed")
	}
	objdump, err := exec.LookPath("arm-none-eabi-objdump")
	if err != nil {
		t.Skip("arm-none-eabi-objdump not installed")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "link.ld"), []byte(gccLinkScript))
	writeFile(t, filepath.Join(dir, "main.c"), []byte(gccSource))
	for _, abi := range []string{"hard", "soft"} {
		t.Run(abi, func(t *testing.T) {
			out := filepath.Join(dir, abi+".elf")
			args := []string{"-mcpu=cortex-m7", "-mthumb", "-mfloat-abi=" + abi, "-O1", "-nostdlib",
				"-ffreestanding", "-T", filepath.Join(dir, "link.ld"), filepath.Join(dir, "main.c"), "-lgcc", "-o", out}
			if abi == "hard" {
				args = append(args, "-mfpu=fpv5-d16")
			}
			if b, err := exec.Command(gcc, args...).CombinedOutput(); err != nil {
				t.Fatalf("gcc: %v\n%s", err, b)
			}
			img, err := ParseFile(out, f769Opts)
			if err != nil {
				t.Fatal(err)
			}
			if img.HardFloat != (abi == "hard") {
				t.Errorf("HardFloat = %v, flags %#x", img.HardFloat, img.Flags)
			}
			compareWithDebugELF(t, out, img)
			rh, ok := img.Symbols.ByName("Reset_Handler")
			if !ok || img.ResetPC != rh.Addr|1 || img.InitialSP != 0x20080000 {
				t.Errorf("vector table SP %#x PC %#x; Reset_Handler %+v", img.InitialSP, img.ResetPC, rh)
			}
			// .data is loaded at its LMA in flash, not at 0x20000000; the
			// NOLOAD .bss/.uninit are never loaded.
			for _, s := range img.Segments {
				if s.Phys >= 0x20000000 {
					t.Errorf("segment %d loaded in RAM at %#x", s.Index, s.Phys)
				}
			}
			var dataLMA uint32
			for _, s := range img.Segments {
				if s.VAddr == 0x20000000 {
					dataLMA = s.Addr
				}
			}
			if v, ok := img.Read32(dataLMA); dataLMA < 0x08000000 || !ok || v != 5 {
				t.Errorf(".data at LMA %#x reads %d, %v; want counter = 5", dataLMA, v, ok)
			}
			// objdump shows literal-pool words as ".word"; they must be $d.
			b, err := exec.Command(objdump, "-d", out).Output()
			if err != nil {
				t.Fatal(err)
			}
			re := regexp.MustCompile(`^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+\.word\s+0x([0-9a-f]+)`)
			words := 0
			sc := bufio.NewScanner(bytes.NewReader(b))
			for sc.Scan() {
				m := re.FindStringSubmatch(sc.Text())
				if m == nil {
					continue
				}
				a, _ := strconv.ParseUint(m[1], 16, 32)
				words++
				if !img.Symbols.IsData(uint32(a)) {
					t.Errorf("objdump shows data at %#x but IsData is false", a)
				}
			}
			if words == 0 {
				t.Errorf("objdump found no literal pool; output:\n%s", b)
			}
			m, _, ok := img.Symbols.Lookup(rh.Addr)
			if !ok || m.Name != "Reset_Handler" {
				t.Errorf("Lookup(Reset_Handler) = %+v", m)
			}
			if k, ok := img.Symbols.Mapping(rh.Addr); !ok || k != MapThumb {
				t.Errorf("Mapping(Reset_Handler) = %v %v", k, ok)
			}
		})
	}
}

package main

import (
	"os/exec"
	"strings"
	"testing"
)

const helloELF = "../../testdata/firmware/hello/hello.elf"

// The whole output of `m7emu disasm` is byte-identical to objdump -d's.
func TestDisasmMatchesObjdump(t *testing.T) {
	objdump, err := exec.LookPath("arm-none-eabi-objdump")
	if err != nil {
		t.Skip("arm-none-eabi-objdump not installed (CI installs binutils-arm-none-eabi)")
	}
	for _, elf := range []string{helloELF, "../../testdata/firmware/ldst/ldst-mps2.elf"} {
		want, err := exec.Command(objdump, "-d", elf).Output()
		if err != nil {
			t.Fatal(err)
		}
		code, out, stderr := run(t, "disasm", elf)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if out != string(want) {
			t.Errorf("%s: m7emu disasm differs from objdump -d", elf)
		}
	}
}

func TestDisasmSymbol(t *testing.T) {
	code, out, stderr := run(t, "disasm", "--symbol", "main", helloELF)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "08000080 <main>:\n") || !strings.Contains(out, "bl\t8000128 <sh_write0>") {
		t.Fatalf("unexpected listing:\n%s", out)
	}
	if strings.Contains(out, "<Reset_Handler>:") {
		t.Fatalf("listing has other symbols:\n%s", out)
	}
	code, _, stderr = run(t, "disasm", "--symbol", "no_such_function", helloELF)
	if code != 2 || !strings.Contains(stderr, `no symbol "no_such_function"`) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestDisasmBadInput(t *testing.T) {
	p := writeTemp(t, "bad.elf", []byte("\x7fELF\x02\x01\x01"))
	code, _, stderr := run(t, "disasm", p)
	if code != 2 || !strings.Contains(stderr, "loader:") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"m7emu/oracle"
)

// qemuRecord formats one register dump the way QEMU 7.2 prints it for "-d exec,cpu".
func qemuRecord(pc uint32, r [16]uint32, xpsr uint32) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Trace 0: 0x7f762c000100 [00800408/%08x/00000110/ff020201] func\n", pc)
	for i := 0; i < 16; i++ {
		fmt.Fprintf(&b, "R%02d=%08x", i, r[i])
		if i%4 == 3 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	fmt.Fprintf(&b, "XPSR=%08x -Z-- T priv-thread\n", xpsr)
	return b.String()
}

func convertString(t *testing.T, log string) ([]oracle.Record, stats, error) {
	t.Helper()
	var buf bytes.Buffer
	w, err := oracle.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	st, err := convert(strings.NewReader(log), w)
	if err != nil {
		return nil, st, err
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rd, err := oracle.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var recs []oracle.Record
	for {
		r, err := rd.Next()
		if err == io.EOF {
			return recs, st, nil
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
}

func regs(pc uint32, kv ...uint32) [16]uint32 {
	var r [16]uint32
	for i := 0; i+1 < len(kv); i += 2 {
		r[kv[i]] = kv[i+1]
	}
	r[15] = pc
	return r
}

func TestConvert(t *testing.T) {
	a := regs(0x90, 13, 0x20080000, 14, 0x10b)
	b := regs(0x94, 2, 0xe000e000, 13, 0x20080000, 14, 0x10b)
	c := regs(0x98, 2, 0xe000e000, 3, 0xf00000, 13, 0x20080000, 14, 0x10b)
	log := "some preamble QEMU prints\n" +
		qemuRecord(0x90, a, 0x41000000) +
		qemuRecord(0x94, b, 0x61000000) +
		"cpu_io_recompile: rewound execution of TB to 00000094\n" +
		qemuRecord(0x94, b, 0x61000000) +
		qemuRecord(0x98, c, 0x61000000) +
		qemuRecord(0x98, c, 0x61000000) // a genuine self-loop ("b ."): kept
	recs, st, err := convertString(t, log)
	if err != nil {
		t.Fatal(err)
	}
	if st.records != 4 || st.rewound != 1 {
		t.Errorf("stats = %+v, want 4 records, 1 rewound", st)
	}
	want := []oracle.Record{
		{PC: 0x90, R: a, XPSR: 0x41000000},
		{PC: 0x94, R: b, XPSR: 0x61000000},
		{PC: 0x98, R: c, XPSR: 0x61000000},
		{PC: 0x98, R: c, XPSR: 0x61000000},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i := range want {
		if recs[i] != want[i] {
			t.Errorf("record %d = %+v, want %+v", i, recs[i], want[i])
		}
	}
}

func TestConvertErrors(t *testing.T) {
	a := regs(0x90, 13, 0x20080000)
	full := qemuRecord(0x90, a, 0x41000000)
	lines := strings.SplitAfter(full, "\n")
	cases := map[string]string{
		"R15 differs from PC":    qemuRecord(0x92, a, 0),
		"missing register line":  lines[0] + lines[1] + lines[2] + lines[3] + lines[5],
		"ends inside a record":   lines[0] + lines[1],
		"rewind of another PC":   full + "cpu_io_recompile: rewound execution of TB to 00000094\n",
		"rewind without records": "cpu_io_recompile: rewound execution of TB to 00000090\n" + full,
		"bad register field":     strings.Replace(full, "R05=00000000", "R05=0000zz00", 1),
		"no records":             "nothing here\n",
		"two Trace lines":        lines[0] + full,
	}
	for name, log := range cases {
		t.Run(name, func(t *testing.T) {
			if _, _, err := convertString(t, log); err == nil {
				t.Error("no error")
			}
		})
	}
}

// With QEMU installed, tracing hello-mps2.elf again must reproduce the committed trace exactly.
func TestHelloAgainstQEMU(t *testing.T) {
	qemu, err := exec.LookPath("qemu-system-arm")
	if err != nil {
		t.Skip("qemu-system-arm not installed")
	}
	root := "../../.."
	elfPath := filepath.Join(root, "testdata/firmware/hello/hello-mps2.elf")
	committed, err := os.ReadFile(filepath.Join(root, "testdata/oracle/hello.trace.gz"))
	if err != nil {
		t.Skip("no committed hello trace:", err)
	}
	dir := t.TempDir()
	logPath := filepath.Join(dir, "qemu.log")
	cmd := exec.Command(qemu, "-M", "mps2-an500", "-nographic",
		"-semihosting-config", "enable=on,target=native,chardev=sh0",
		"-chardev", "file,id=sh0,path="+filepath.Join(dir, "out.txt"),
		"-display", "none", "-monitor", "none", "-serial", "none",
		"-icount", "shift=0,align=off,sleep=off",
		"-singlestep", "-d", "exec,cpu,nochain", "-D", logPath, "-kernel", elfPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("qemu: %v\n%s", err, out)
	}
	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	w, err := oracle.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// oracle.sh puts the QEMU version in a comment; compare the records only.
	if _, err := convert(f, w); err != nil {
		t.Fatal(err)
	}
	w.Close()
	a, b := readAll(t, buf.Bytes()), readAll(t, committed)
	if len(a) != len(b) {
		t.Fatalf("fresh trace has %d records, committed %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("record %d differs: fresh %+v, committed %+v", i, a[i], b[i])
		}
	}
}

func readAll(t *testing.T, data []byte) []oracle.Record {
	t.Helper()
	rd, err := oracle.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []oracle.Record
	for {
		r, err := rd.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
}

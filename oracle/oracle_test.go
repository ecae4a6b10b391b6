package oracle

import (
	"bytes"
	"compress/gzip"
	"debug/elf"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func encode(t *testing.T, recs []Record, comments ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comments {
		if err := w.Comment(c); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if w.Count() != len(recs) {
		t.Fatalf("Count = %d, want %d", w.Count(), len(recs))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeAll(t *testing.T, data []byte) []Record {
	t.Helper()
	rd, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
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

func gz(text string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(text))
	zw.Close()
	return buf.Bytes()
}

func gunzip(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func rec(pc uint32, xpsr uint32, regs map[int]uint32) Record {
	r := Record{PC: pc, XPSR: xpsr}
	for i, v := range regs {
		r.R[i] = v
	}
	r.R[15] = pc
	return r
}

// The encoding of a short sequence, worked out by hand from the format description.
func TestKnownEncoding(t *testing.T) {
	r0 := rec(0xb8, 0x41000000, map[int]uint32{13: 0x20080000, 14: 0xffffffff})
	r1 := r0
	r1.PC, r1.R[15], r1.R[2] = 0xba, 0xba, 0x20000000
	r2 := r1
	r2.PC, r2.R[15], r2.XPSR = 0xbc, 0xbc, 0x61000000
	r3 := r2 // backward branch: absolute PC
	r3.PC, r3.R[15], r3.R[10], r3.R[0] = 0xa0, 0xa0, 0xabc, 0
	r4 := r3 // forward by 16: still relative; R15 differing from PC
	r4.PC, r4.R[15] = 0xb0, 0x12345678
	r5 := r4 // forward by 18: absolute; unchanged state otherwise
	r5.PC, r5.R[15] = 0xc2, 0xc2
	r6 := r5 // same PC again (a self-loop)
	got := gunzip(t, encode(t, []Record{r0, r1, r2, r3, r4, r5, r6}, "made by a test"))
	want := Header + "\n" +
		"# made by a test\n" +
		"b8 d=20080000 e=ffffffff x=41000000\n" +
		"+2 2=20000000\n" +
		"+2 x=61000000\n" +
		"a0 a=abc\n" +
		"+16 f=12345678\n" +
		"c2\n" +
		"c2\n"
	if got != want {
		t.Errorf("encoding:\n%s\nwant:\n%s", got, want)
	}
}

func TestDecodeHandWritten(t *testing.T) {
	text := Header + "\n" +
		"# comment\n" +
		"8000188 d=20080000 e=ffffffff x=41000000\n" +
		"+4 0=1 1=ffffffff\n" +
		"\n" +
		"# another comment\n" +
		"+2 x=0 1=2\n" + // fields in any order are accepted
		"7fffffff f=0\n"
	got := decodeAll(t, gz(text))
	if len(got) != 4 {
		t.Fatalf("got %d records, want 4", len(got))
	}
	want0 := rec(0x8000188, 0x41000000, map[int]uint32{13: 0x20080000, 14: 0xffffffff})
	want1 := want0
	want1.PC, want1.R[15], want1.R[0], want1.R[1] = 0x800018c, 0x800018c, 1, 0xffffffff
	want2 := want1
	want2.PC, want2.R[15], want2.R[1], want2.XPSR = 0x800018e, 0x800018e, 2, 0
	want3 := want2
	want3.PC, want3.R[15] = 0x7fffffff, 0
	for i, w := range []Record{want0, want1, want2, want3} {
		if got[i] != w {
			t.Errorf("record %d = %+v, want %+v", i, got[i], w)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var recs []Record
	var cur Record
	vals := []uint32{0, 1, 0xffffffff, 0x80000000, 0xdeadbeef, 0x20080000}
	for i := 0; i < 5000; i++ {
		switch rng.IntN(6) {
		case 0, 1, 2:
			cur.PC += 2
		case 3:
			cur.PC += uint32(rng.IntN(40))
		case 4:
			cur.PC -= uint32(rng.IntN(40))
		default:
			cur.PC = rng.Uint32()
		}
		for n := rng.IntN(4); n > 0; n-- {
			k := rng.IntN(17)
			v := vals[rng.IntN(len(vals))]
			if rng.IntN(2) == 0 {
				v = rng.Uint32()
			}
			if k == 16 {
				cur.XPSR = v
			} else {
				cur.R[k] = v
			}
		}
		if rng.IntN(50) != 0 {
			cur.R[15] = cur.PC
		}
		recs = append(recs, cur)
	}
	data := encode(t, recs)
	got := decodeAll(t, data)
	if len(got) != len(recs) {
		t.Fatalf("decoded %d records, want %d", len(got), len(recs))
	}
	for i := range recs {
		if got[i] != recs[i] {
			t.Fatalf("record %d: got %+v, want %+v", i, got[i], recs[i])
		}
	}
	// Deterministic: the same records give the same bytes.
	if again := encode(t, recs); !bytes.Equal(again, data) {
		t.Error("two encodings of the same records differ")
	}
	// gzip header: no modification time (bytes 4-7), OS byte 255, no name.
	if binary.LittleEndian.Uint32(data[4:8]) != 0 || data[9] != 255 || data[3] != 0 {
		t.Errorf("gzip header % x: want zero mtime, no flags, OS 255", data[:10])
	}
}

func TestErrors(t *testing.T) {
	bad := []struct{ name, text string }{
		{"pc +0", "+0\n"},
		{"pc +17", "+17\n"},
		{"pc +02", "+02\n"},
		{"pc uppercase", "B8\n"},
		{"pc leading zero", "0b8\n"},
		{"pc too long", "123456789\n"},
		{"value leading zero", "b8 0=01\n"},
		{"value empty", "b8 0=\n"},
		{"unknown key", "b8 g=1\n"},
		{"duplicate key", "b8 1=1 1=2\n"},
		{"bad separator", "b8 1:1\n"},
		{"double space", "b8  1=1\n"},
		{"truncated line", "b8 1=1"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := Read(bytes.NewReader(gz(Header + "\n" + tc.text)))
			if err != nil {
				t.Fatal(err)
			}
			_, err = rd.Next()
			if err == nil || err == io.EOF {
				t.Fatalf("Next() = %v, want a decoding error", err)
			}
			if _, err2 := rd.Next(); err2 == nil {
				t.Error("Next after an error succeeded")
			}
		})
	}
	if _, err := Read(bytes.NewReader(gz("m7emu-oracle-trace v2\n"))); err == nil {
		t.Error("wrong header accepted")
	}
	if _, err := Read(bytes.NewReader(gz(""))); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("empty trace: err = %v, want ErrUnexpectedEOF", err)
	}
	if _, err := Read(strings.NewReader(Header + "\n")); err == nil {
		t.Error("uncompressed input accepted")
	}
	if err := (&Writer{}).Comment("a\nb"); err == nil {
		t.Error("comment with a newline accepted")
	}
}

// The committed traces decode, start at the reset vector of the traced ELF with its initial SP,
// and end on a semihosting BKPT (the SYS_EXIT_EXTENDED call).
func TestCommittedTraces(t *testing.T) {
	files, _ := filepath.Glob("../testdata/oracle/*.trace.gz")
	if len(files) == 0 {
		t.Skip("no committed traces in testdata/oracle")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".trace.gz")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ef, err := elf.Open(filepath.Join("../testdata/firmware", name, name+"-mps2.elf"))
			if err != nil {
				t.Fatal(err)
			}
			defer ef.Close()
			read16 := func(addr uint32) uint16 {
				for _, p := range ef.Progs {
					if p.Type == elf.PT_LOAD && uint64(addr) >= p.Paddr && uint64(addr)+2 <= p.Paddr+p.Filesz {
						var b [2]byte
						p.ReadAt(b[:], int64(uint64(addr)-p.Paddr))
						return binary.LittleEndian.Uint16(b[:])
					}
				}
				t.Fatalf("address %#x not in the ELF", addr)
				return 0
			}
			rd, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			var first, last Record
			n := 0
			for {
				r, err := rd.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					first = r
				}
				last = r
				n++
			}
			sp := uint32(read16(0)) | uint32(read16(2))<<16
			reset := (uint32(read16(4)) | uint32(read16(6))<<16) &^ 1
			if first.PC != reset || first.R[13] != sp {
				t.Errorf("first record PC=%#x SP=%#x, want reset vector %#x, initial SP %#x", first.PC, first.R[13], reset, sp)
			}
			if hw := read16(last.PC); hw != SemihostingBKPT {
				t.Errorf("last record at %#x holds %#04x, want BKPT #0xAB", last.PC, hw)
			}
			t.Logf("%d records", n)
		})
	}
}

package semihost

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// fakeMem is target memory: a byte slice at base. Accesses outside it fail.
type fakeMem struct {
	base   uint32
	data   []byte
	maxReq int // largest single ReadBytes/WriteBytes request seen
}

var errOutside = errors.New("outside fake memory")

const (
	memBase = 0x2000_0000
	memSize = 0x1_0000
	blk     = memBase + 0x100  // parameter blocks
	blk2    = memBase + 0x180  // second parameter block
	strA    = memBase + 0x1000 // strings
	strB    = memBase + 0x1800
	bufA    = memBase + 0x2000 // data buffers
)

func newMem() *fakeMem { return &fakeMem{base: memBase, data: make([]byte, memSize)} }

func (m *fakeMem) in(addr uint32, n int) bool {
	return addr >= m.base && uint64(addr-m.base)+uint64(n) <= uint64(len(m.data))
}

func (m *fakeMem) ReadBytes(addr uint32, buf []byte) error {
	m.maxReq = max(m.maxReq, len(buf))
	if !m.in(addr, len(buf)) {
		return errOutside
	}
	copy(buf, m.data[addr-m.base:])
	return nil
}

func (m *fakeMem) WriteBytes(addr uint32, buf []byte) error {
	m.maxReq = max(m.maxReq, len(buf))
	if !m.in(addr, len(buf)) {
		return errOutside
	}
	copy(m.data[addr-m.base:], buf)
	return nil
}

func (m *fakeMem) put(addr uint32, b []byte) { copy(m.data[addr-m.base:], b) }

func (m *fakeMem) words(addr uint32, w ...uint32) {
	for i, v := range w {
		binary.LittleEndian.PutUint32(m.data[addr-m.base+uint32(4*i):], v)
	}
}

func (m *fakeMem) word(addr uint32) uint32 {
	return binary.LittleEndian.Uint32(m.data[addr-m.base:])
}

func (m *fakeMem) get(addr uint32, n int) []byte {
	return append([]byte(nil), m.data[addr-m.base:addr-m.base+uint32(n)]...)
}

// rig is a Host with a fake memory and captured output.
type rig struct {
	t        *testing.T
	h        *Host
	m        *fakeMem
	out, err bytes.Buffer
	warnings []string
}

func newRig(t *testing.T, cfg Config) *rig {
	t.Helper()
	r := &rig{t: t, m: newMem()}
	cfg.Stdout, cfg.Stderr = &r.out, &r.err
	cfg.Warn = func(s string) { r.warnings = append(r.warnings, s) }
	r.h = New(cfg)
	t.Cleanup(func() { r.h.Close() })
	return r
}

// call performs op and fails the test if it exits.
func (r *rig) call(op, r1 uint32) uint32 {
	r.t.Helper()
	r0, exit := r.h.Call(r.m, op, r1)
	if exit != nil {
		r.t.Fatalf("%s(%#x) exited: %v", OpName(op), r1, exit)
	}
	return r0
}

// open performs SYS_OPEN of name with mode.
func (r *rig) open(name string, mode uint32) uint32 {
	r.t.Helper()
	r.m.put(strA, append([]byte(name), 0))
	r.m.words(blk, strA, mode, uint32(len(name)))
	return r.call(SysOpen, blk)
}

func (r *rig) write(handle uint32, data []byte) uint32 {
	r.t.Helper()
	r.m.put(bufA, data)
	r.m.words(blk, handle, bufA, uint32(len(data)))
	return r.call(SysWrite, blk)
}

// read performs SYS_READ of n bytes into bufA and returns r0 and the bytes read.
func (r *rig) read(handle, n uint32) (uint32, string) {
	r.t.Helper()
	clear(r.m.data[bufA-memBase : bufA-memBase+n])
	r.m.words(blk, handle, bufA, n)
	r0 := r.call(SysRead, blk)
	got := n - r0
	if r0 > n {
		got = 0
	}
	return r0, string(r.m.get(bufA, int(got)))
}

func (r *rig) handleOp(op, handle uint32, more ...uint32) uint32 {
	r.t.Helper()
	r.m.words(blk, append([]uint32{handle}, more...)...)
	return r.call(op, blk)
}

func (r *rig) wantErrno(want uint32) {
	r.t.Helper()
	if got := r.call(SysErrno, 0); got != want {
		r.t.Errorf("errno = %d, want %d", got, want)
	}
}

func TestOpenConsoleModes(t *testing.T) {
	// Specification, SYS_OPEN and SH_EXT_STDOUT_STDERR: ":tt" opened for reading is
	// stdin, for writing stdout, for appending stderr.
	for mode := uint32(0); mode < 12; mode++ {
		t.Run(fmt.Sprint(mode), func(t *testing.T) {
			r := newRig(t, Config{Stdin: strings.NewReader("in\n")})
			h := r.open(":tt", mode)
			if h != 1 {
				t.Fatalf("first handle = %d, want 1", h)
			}
			if got := r.handleOp(SysIsTTY, h); got != 1 {
				t.Errorf("ISTTY = %d, want 1", got)
			}
			wr := r.write(h, []byte("x"))
			rr, data := r.read(h, 8)
			switch {
			case mode < 4:
				if wr != 1 || rr != 5 || data != "in\n" {
					t.Errorf("stdin: write r0=%d (want 1), read r0=%d %q (want 5 \"in\\n\")", wr, rr, data)
				}
			case mode < 8:
				if wr != 0 || r.out.String() != "x" || r.err.Len() != 0 || rr != 8 {
					t.Errorf("stdout: write r0=%d out=%q err=%q read r0=%d", wr, r.out.String(), r.err.String(), rr)
				}
			default:
				if wr != 0 || r.err.String() != "x" || r.out.Len() != 0 || rr != 8 {
					t.Errorf("stderr: write r0=%d out=%q err=%q read r0=%d", wr, r.out.String(), r.err.String(), rr)
				}
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name      string
		block     uint32
		str       string
		mode, len uint32
		errno     uint32
		ptr       uint32 // name address; 0 = strA
	}{
		{"bad mode", blk, ":tt", 12, 3, eINVAL, 0},
		{"huge mode", blk, ":tt", 0xFFFFFFFF, 3, eINVAL, 0},
		{"block unreadable", 0x1000, ":tt", 0, 3, eFAULT, 0},
		{"block wraps", 0xFFFFFFFC, ":tt", 0, 3, eFAULT, 0},
		{"name past memory", blk, ":tt", 0, 16, eFAULT, memBase + memSize - 8},
		{"name unmapped", blk, ":tt", 0, 3, eFAULT, 0x10},
		{"name too long", blk, ":tt", 0, 0xFFFFFFFF, eNAMETOOLONG, 0},
		{"host file without root", blk, "file.txt", 0, 8, eACCES, 0},
		{"features for writing", blk, ":semihosting-features", 4, 21, eACCES, 0},
		{"features for r+", blk, ":semihosting-features", 2, 21, eACCES, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, Config{})
			r.m.put(strA, append([]byte(tc.str), 0))
			ptr := uint32(strA)
			if tc.ptr != 0 {
				ptr = tc.ptr
			}
			r.m.words(blk, ptr, tc.mode, tc.len)
			if got := r.call(SysOpen, tc.block); got != minus1 {
				t.Fatalf("r0 = %#x, want -1", got)
			}
			r.wantErrno(tc.errno)
		})
	}
}

func TestHandleNumbering(t *testing.T) {
	r := newRig(t, Config{})
	for i := uint32(1); i <= MaxHandles; i++ {
		if h := r.open(":tt", 4); h != i {
			t.Fatalf("open #%d = %d", i, h)
		}
	}
	if h := r.open(":tt", 4); h != minus1 {
		t.Fatalf("open beyond MaxHandles = %d, want -1", h)
	}
	r.wantErrno(eMFILE)
	for _, h := range []uint32{7, 3} {
		if got := r.handleOp(SysClose, h); got != 0 {
			t.Fatalf("close %d = %#x", h, got)
		}
	}
	// Lowest free first.
	if h := r.open(":tt", 0); h != 3 {
		t.Errorf("reopen = %d, want 3", h)
	}
	if h := r.open(":tt", 0); h != 7 {
		t.Errorf("reopen = %d, want 7", h)
	}
	// Closing twice, closing 0 and closing unknown handles fail with EBADF.
	r.handleOp(SysClose, 5)
	for _, h := range []uint32{5, 0, MaxHandles + 1, 0xFFFFFFFF} {
		if got := r.handleOp(SysClose, h); got != minus1 {
			t.Errorf("close %d = %#x, want -1", h, got)
		}
		r.wantErrno(eBADF)
	}
	// Reset closes everything: numbering starts again at 1.
	if err := r.h.Reset(); err != nil {
		t.Fatal(err)
	}
	r.wantErrno(0)
	if h := r.open(":tt", 4); h != 1 {
		t.Errorf("after Reset open = %d, want 1", h)
	}
}

func TestFeatureFile(t *testing.T) {
	r := newRig(t, Config{})
	h := r.open(":semihosting-features", 0)
	if h != 1 {
		t.Fatalf("open = %d", h)
	}
	// Specification, "Semihosting extensions": magic SHFB then feature byte 0 with
	// SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR (bit 1).
	if got := r.handleOp(SysFlen, h); got != 5 {
		t.Errorf("FLEN = %d, want 5", got)
	}
	if got := r.handleOp(SysIsTTY, h); got != 0 {
		t.Errorf("ISTTY = %d, want 0", got)
	}
	r0, data := r.read(h, 16)
	if r0 != 11 || data != "SHFB\x03" {
		t.Errorf("read = %d %q, want 11 \"SHFB\\x03\"", r0, data)
	}
	if r0, _ := r.read(h, 4); r0 != 4 {
		t.Errorf("read at EOF = %d, want 4", r0)
	}
	if got := r.handleOp(SysSeek, h, 4); got != 0 {
		t.Errorf("seek 4 = %#x", got)
	}
	if r0, data := r.read(h, 1); r0 != 0 || data != "\x03" {
		t.Errorf("read after seek = %d %q", r0, data)
	}
	if got := r.handleOp(SysSeek, h, 6); got != minus1 {
		t.Errorf("seek past end = %#x, want -1", got)
	}
	r.wantErrno(eINVAL)
	if got := r.write(h, []byte("ab")); got != 2 {
		t.Errorf("write = %d, want 2 (nothing written)", got)
	}
	r.wantErrno(eBADF)
	if h2 := r.open(":semihosting-features", 1); h2 != 2 {
		t.Errorf("open rb = %d, want 2", h2)
	}
}

func TestWriteCWrite0(t *testing.T) {
	r := newRig(t, Config{})
	r.m.put(strA, []byte("Q"))
	if got := r.call(SysWriteC, strA); got != noResult {
		t.Errorf("WRITEC r0 = %#x", got)
	}
	r.m.put(strB, []byte("hello, world\x00junk"))
	if got := r.call(SysWrite0, strB); got != noResult {
		t.Errorf("WRITE0 r0 = %#x", got)
	}
	if r.out.String() != "Qhello, world" {
		t.Errorf("stdout = %q", r.out.String())
	}
	r.wantErrno(0)

	// A string crossing a 4 KiB boundary and a chunk.
	r.out.Reset()
	long := strings.Repeat("0123456789", 700)
	r.m.put(memBase+0x3F00, append([]byte(long), 0))
	r.call(SysWrite0, memBase+0x3F00)
	if r.out.String() != long {
		t.Errorf("long WRITE0 printed %d bytes, want %d", r.out.Len(), len(long))
	}

	// A string running off the end of memory: the accessible part is printed.
	r.out.Reset()
	r.m.put(memBase+memSize-3, []byte("abc"))
	r.call(SysWrite0, memBase+memSize-3)
	if r.out.String() != "abc" {
		t.Errorf("stdout = %q, want \"abc\"", r.out.String())
	}
	r.wantErrno(eFAULT)

	// Bad pointers print nothing and never panic.
	r.out.Reset()
	r.call(SysWriteC, 0x10)
	r.call(SysWrite0, 0xFFFFFFFF)
	if r.out.Len() != 0 {
		t.Errorf("stdout = %q", r.out.String())
	}
	if r.m.maxReq > chunk {
		t.Errorf("largest memory request %d > %d", r.m.maxReq, chunk)
	}
}

func TestWrite0Cap(t *testing.T) {
	r := newRig(t, Config{})
	r.m = &fakeMem{base: memBase, data: bytes.Repeat([]byte{'x'}, maxWrite0+5000)}
	r.call(SysWrite0, memBase)
	r.call(SysWrite0, memBase)
	if r.out.Len() != 2*maxWrite0 {
		t.Errorf("printed %d bytes, want %d", r.out.Len(), 2*maxWrite0)
	}
	if len(r.warnings) != 1 || !strings.Contains(r.warnings[0], "truncated") {
		t.Errorf("warnings = %q, want one truncation warning", r.warnings)
	}
}

func TestWrite(t *testing.T) {
	r := newRig(t, Config{})
	out := r.open(":tt", 4)
	if got := r.write(out, []byte("hello")); got != 0 {
		t.Errorf("write = %d, want 0", got)
	}
	if got := r.write(out, nil); got != 0 {
		t.Errorf("empty write = %d, want 0", got)
	}
	if r.out.String() != "hello" {
		t.Errorf("stdout = %q", r.out.String())
	}
	tests := []struct {
		name              string
		handle, ptr, n    uint32
		want, errno       uint32
		wantOut           string
		blockUnreadable   bool
		prefillEndOfMem   bool
		prefillEndOfMemAt uint32
	}{
		{name: "bad handle", handle: 9, ptr: bufA, n: 3, want: 3, errno: eBADF},
		{name: "handle 0", handle: 0, ptr: bufA, n: 3, want: 3, errno: eBADF},
		{name: "data unreadable", handle: out, ptr: 0x100, n: 3, want: 3, errno: eFAULT},
		{name: "data partly past memory", handle: out, ptr: memBase + memSize - 2, n: 5, want: 3, errno: eFAULT, wantOut: "yz"},
		{name: "data wraps the address space", handle: out, ptr: 0xFFFFFFFE, n: 4, want: 4, errno: eFAULT},
		{name: "block unreadable", blockUnreadable: true, want: minus1, errno: eFAULT},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r.out.Reset()
			r.m.put(memBase+memSize-2, []byte("yz"))
			r.m.words(blk, tc.handle, tc.ptr, tc.n)
			b := uint32(blk)
			if tc.blockUnreadable {
				b = 0x8
			}
			if got := r.call(SysWrite, b); got != tc.want {
				t.Errorf("r0 = %#x, want %#x", got, tc.want)
			}
			r.wantErrno(tc.errno)
			if r.out.String() != tc.wantOut {
				t.Errorf("stdout = %q, want %q", r.out.String(), tc.wantOut)
			}
		})
	}
}

// TestWriteHugeLength checks that an untrusted length is streamed, not allocated.
func TestWriteHugeLength(t *testing.T) {
	r := newRig(t, Config{})
	out := r.open(":tt", 4)
	r.m.words(blk, out, memBase, 0xFFFFFFFF)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := r.call(SysWrite, blk)
	runtime.ReadMemStats(&after)
	if want := uint32(0xFFFFFFFF - memSize); got != want {
		t.Errorf("r0 = %#x, want %#x (all of memory written, the rest not)", got, want)
	}
	if r.out.Len() != memSize {
		t.Errorf("wrote %d bytes, want %d", r.out.Len(), memSize)
	}
	r.wantErrno(eFAULT)
	if r.m.maxReq > chunk {
		t.Errorf("largest memory request %d > %d", r.m.maxReq, chunk)
	}
	// Output buffer growth aside (~memSize), the call must not allocate much.
	if d := after.TotalAlloc - before.TotalAlloc; d > 1<<20 {
		t.Errorf("allocated %d bytes", d)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestWriteHostError(t *testing.T) {
	m := newMem()
	h := New(Config{Stdout: failWriter{}})
	r := &rig{t: t, h: h, m: m}
	out := r.open(":tt", 4)
	if got := r.write(out, []byte("abc")); got != 3 {
		t.Errorf("r0 = %d, want 3", got)
	}
	r.wantErrno(eIO)
}

func TestReadConsole(t *testing.T) {
	const input = "hello\nworld"
	readers := map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(input) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(input)) },
		"half":     func() io.Reader { return iotest.HalfReader(strings.NewReader(input)) },
		"data+EOF": func() io.Reader { return iotest.DataErrReader(strings.NewReader(input)) },
	}
	for _, name := range []string{"whole", "one byte", "half", "data+EOF"} {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, Config{Stdin: readers[name]()})
			in := r.open(":tt", 0)
			// Line discipline: each read ends after a newline, whatever the reader's
			// chunking; the result is the number of bytes not read.
			steps := []struct {
				n    uint32
				want uint32
				data string
			}{
				{100, 94, "hello\n"},
				{3, 0, "wor"},
				{100, 98, "ld"},
				{100, 100, ""}, // end of input: nothing read
				{100, 100, ""},
			}
			for i, s := range steps {
				r0, data := r.read(in, s.n)
				if r0 != s.want || data != s.data {
					t.Errorf("read %d: r0=%d %q, want %d %q", i, r0, data, s.want, s.data)
				}
			}
			if got := r.call(SysReadC, 0); got != minus1 {
				t.Errorf("READC at EOF = %#x, want -1", got)
			}
			r.wantErrno(0)
		})
	}
}

func TestReadConsoleBounded(t *testing.T) {
	// A console read returns at most ttyMax bytes even if more were asked for.
	r := newRig(t, Config{Stdin: strings.NewReader(strings.Repeat("a", 3*ttyMax))})
	in := r.open(":tt", 0)
	r.m.words(blk, in, bufA, 0xFFFFFFFF)
	if got := r.call(SysRead, blk); got != 0xFFFFFFFF-ttyMax {
		t.Errorf("r0 = %#x, want %#x", got, 0xFFFFFFFF-ttyMax)
	}
	if len(r.h.stdin) > 2*ttyMax {
		t.Errorf("pending input %d bytes", len(r.h.stdin))
	}
}

func TestReadC(t *testing.T) {
	r := newRig(t, Config{Stdin: iotest.OneByteReader(strings.NewReader("ab\n"))})
	var got []uint32
	for range 4 {
		got = append(got, r.call(SysReadC, 0))
	}
	want := []uint32{'a', 'b', '\n', minus1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("READC = %v, want %v", got, want)
	}
	// nil Stdin is end of input.
	r2 := newRig(t, Config{})
	if c := r2.call(SysReadC, 0); c != minus1 {
		t.Errorf("READC with nil Stdin = %#x", c)
	}
	in := r2.open(":tt", 0)
	if r0, _ := r2.read(in, 10); r0 != 10 {
		t.Errorf("READ with nil Stdin = %d, want 10", r0)
	}
}

func TestReadConsoleFault(t *testing.T) {
	r := newRig(t, Config{Stdin: strings.NewReader("line\n")})
	in := r.open(":tt", 0)
	// Into unmapped memory: nothing read, input kept for the next read.
	r.m.words(blk, in, 0x100, 10)
	if got := r.call(SysRead, blk); got != 10 {
		t.Errorf("r0 = %d, want 10", got)
	}
	r.wantErrno(eFAULT)
	// Partly past the end of memory: the accessible prefix is stored.
	r.m.words(blk, in, memBase+memSize-2, 10)
	if got := r.call(SysRead, blk); got != 8 {
		t.Errorf("r0 = %d, want 8", got)
	}
	if s := string(r.m.get(memBase+memSize-2, 2)); s != "li" {
		t.Errorf("stored %q", s)
	}
	if r0, data := r.read(in, 10); r0 != 7 || data != "ne\n" {
		t.Errorf("next read = %d %q, want 7 \"ne\\n\"", r0, data)
	}
	// Block unreadable.
	if got := r.call(SysRead, 0xFFFFFFF0); got != minus1 {
		t.Errorf("r0 = %#x, want -1", got)
	}
	r.wantErrno(eFAULT)
}

func TestIsError(t *testing.T) {
	r := newRig(t, Config{})
	for _, tc := range []struct{ status, want uint32 }{
		{0, 0}, {1, 0}, {0x7FFFFFFF, 0}, {0xFFFFFFFF, 1}, {0x80000000, 1}, {0xFFFFFFFE, 1},
	} {
		if got := r.handleOp(SysIsError, tc.status); got != tc.want {
			t.Errorf("ISERROR(%#x) = %d, want %d", tc.status, got, tc.want)
		}
	}
	if got := r.call(SysIsError, 4); got != minus1 {
		t.Errorf("ISERROR with bad block = %#x", got)
	}
}

func TestConsoleSeekFlenIsTTY(t *testing.T) {
	r := newRig(t, Config{})
	out := r.open(":tt", 4)
	if got := r.handleOp(SysSeek, out, 0); got != minus1 {
		t.Errorf("seek on console = %#x, want -1", got)
	}
	r.wantErrno(eSPIPE)
	if got := r.handleOp(SysFlen, out); got != 0 {
		t.Errorf("FLEN on console = %#x, want 0", got)
	}
	for _, op := range []uint32{SysSeek, SysFlen, SysIsTTY} {
		r.call(SysErrno, 0)
		if got := r.handleOp(op, 42, 0); got != minus1 {
			t.Errorf("%s on bad handle = %#x, want -1", OpName(op), got)
		}
		r.wantErrno(eBADF)
		if got := r.call(op, 0xFFFFFFFF); got != minus1 {
			t.Errorf("%s with bad block = %#x, want -1", OpName(op), got)
		}
		r.wantErrno(eFAULT)
	}
}

// sandbox makes a root directory with files and symbolic links, and a directory
// outside it with a secret.
func sandbox(t *testing.T) (root, secret string) {
	t.Helper()
	outside := t.TempDir()
	secret = filepath.Join(outside, "secret.txt")
	root = t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(secret, []byte("secret"), 0o644))
	must(os.WriteFile(filepath.Join(root, "data.txt"), []byte("0123456789"), 0o644))
	must(os.Mkdir(filepath.Join(root, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(root, "sub", "inner.txt"), []byte("inner"), 0o644))
	rel, err := filepath.Rel(root, secret)
	must(err)
	relDir, err := filepath.Rel(filepath.Join(root, "sub"), outside)
	must(err)
	for _, l := range []struct{ target, name string }{
		{rel, "outrel"},                        // relative link to the secret
		{secret, "outabs"},                     // absolute link to the secret
		{relDir, filepath.Join("sub", "odir")}, // link to the outside directory
		{"data.txt", "in"},                     // relative link inside the root
		{rel, "dangling-out"},                  // for creation through a link
	} {
		if err := os.Symlink(l.target, filepath.Join(root, l.name)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	return root, secret
}

func TestSandboxOpen(t *testing.T) {
	root, secret := sandbox(t)
	tests := []struct {
		name  string
		mode  uint32
		ok    bool
		errno uint32
		data  string // content read when ok and readable
	}{
		{name: "data.txt", mode: 0, ok: true, data: "0123456789"},
		{name: "./sub/../data.txt", mode: 1, ok: true, data: "0123456789"},
		{name: "sub/inner.txt", mode: 2, ok: true, data: "inner"},
		{name: filepath.Join(root, "data.txt"), mode: 0, ok: true, data: "0123456789"},
		{name: "in", mode: 0, ok: true, data: "0123456789"},
		{name: "missing.txt", mode: 0, errno: eNOENT},
		{name: "", mode: 0, errno: eNOENT},
		{name: "sub", mode: 0, errno: eISDIR},
		{name: ".", mode: 0, errno: eISDIR},
		{name: "../secret.txt", mode: 0, errno: eACCES},
		{name: "sub/../../x", mode: 4, errno: eACCES},
		{name: secret, mode: 0, errno: eACCES},
		{name: "/etc/passwd", mode: 0, errno: eACCES},
		{name: "outrel", mode: 0, errno: eACCES},
		{name: "outrel", mode: 4, errno: eACCES},
		{name: "outrel", mode: 8, errno: eACCES},
		{name: "outabs", mode: 0, errno: eACCES},
		{name: "outabs", mode: 6, errno: eACCES},
		{name: "sub/odir/secret.txt", mode: 0, errno: eACCES},
		{name: "sub/odir/new.txt", mode: 4, errno: eACCES},
		{name: "dangling-out", mode: 4, errno: eACCES},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%d", tc.name, tc.mode), func(t *testing.T) {
			r := newRig(t, Config{Root: root})
			h := r.open(tc.name, tc.mode)
			if !tc.ok {
				if h != minus1 {
					t.Fatalf("open = %d, want -1", h)
				}
				r.wantErrno(tc.errno)
				return
			}
			if h != 1 {
				t.Fatalf("open = %#x, want 1 (errno %d)", h, r.h.Errno())
			}
			if got := r.handleOp(SysIsTTY, h); got != 0 {
				t.Errorf("ISTTY = %d, want 0", got)
			}
			if got := r.handleOp(SysFlen, h); got != uint32(len(tc.data)) {
				t.Errorf("FLEN = %d, want %d", got, len(tc.data))
			}
			if _, data := r.read(h, 64); data != tc.data {
				t.Errorf("read %q, want %q", data, tc.data)
			}
		})
	}
	if b, err := os.ReadFile(secret); err != nil || string(b) != "secret" {
		t.Errorf("secret changed: %q %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(secret), "new.txt")); err == nil {
		t.Errorf("a file was created outside the root")
	}
}

func TestNoRootNoFiles(t *testing.T) {
	root, _ := sandbox(t)
	r := newRig(t, Config{})
	// Even an absolute path to an existing file is refused without a root.
	if h := r.open(filepath.Join(root, "data.txt"), 0); h != minus1 {
		t.Errorf("open = %d, want -1", h)
	}
	r.wantErrno(eACCES)
	r.m.put(strA, []byte(filepath.Join(root, "data.txt")))
	r.m.words(blk, strA, uint32(len(filepath.Join(root, "data.txt"))))
	if got := r.call(SysRemove, blk); got != minus1 {
		t.Errorf("remove = %#x, want -1", got)
	}
	if _, err := os.Stat(filepath.Join(root, "data.txt")); err != nil {
		t.Errorf("file removed without a root: %v", err)
	}
	r.m.words(blk, strA, 1, 32)
	if got := r.call(SysTmpnam, blk); got != minus1 {
		t.Errorf("tmpnam = %#x, want -1", got)
	}
}

func TestUnusableRoot(t *testing.T) {
	r := newRig(t, Config{Root: filepath.Join(t.TempDir(), "does-not-exist")})
	if len(r.warnings) != 1 {
		t.Errorf("warnings = %q, want one", r.warnings)
	}
	if h := r.open("x", 4); h != minus1 {
		t.Errorf("open = %d, want -1", h)
	}
}

func TestHostFileIO(t *testing.T) {
	root, _ := sandbox(t)
	r := newRig(t, Config{Root: root})

	// w: create, write, and reading is refused.
	h := r.open("new.txt", 4)
	if h == minus1 {
		t.Fatalf("open w: errno %d", r.h.Errno())
	}
	if got := r.write(h, []byte("abcdef")); got != 0 {
		t.Errorf("write = %d", got)
	}
	if r0, _ := r.read(h, 4); r0 != 4 {
		t.Errorf("read on write-only = %d, want 4", r0)
	}
	r.wantErrno(eBADF)
	if got := r.handleOp(SysFlen, h); got != 6 {
		t.Errorf("FLEN = %d, want 6", got)
	}
	r.handleOp(SysClose, h)
	if b, _ := os.ReadFile(filepath.Join(root, "new.txt")); string(b) != "abcdef" {
		t.Errorf("file = %q", b)
	}

	// a: appends.
	h = r.open("new.txt", 9)
	r.write(h, []byte("gh"))
	r.handleOp(SysClose, h)
	if b, _ := os.ReadFile(filepath.Join(root, "new.txt")); string(b) != "abcdefgh" {
		t.Errorf("after append file = %q", b)
	}

	// r: writing is refused; seek and partial reads; EOF.
	h = r.open("new.txt", 0)
	if got := r.write(h, []byte("zz")); got != 2 {
		t.Errorf("write on read-only = %d, want 2", got)
	}
	r.wantErrno(eBADF)
	if got := r.handleOp(SysSeek, h, 5); got != 0 {
		t.Errorf("seek = %#x", got)
	}
	if r0, data := r.read(h, 10); r0 != 7 || data != "fgh" {
		t.Errorf("read = %d %q, want 7 \"fgh\"", r0, data)
	}
	if r0, _ := r.read(h, 10); r0 != 10 {
		t.Errorf("read at EOF = %d, want 10", r0)
	}
	// A read that faults part-way gives back what it could not store.
	r.handleOp(SysSeek, h, 0)
	r.m.words(blk, h, memBase+memSize-3, 5)
	if got := r.call(SysRead, blk); got != 2 {
		t.Errorf("faulting read = %d, want 2", got)
	}
	r.wantErrno(eFAULT)
	if r0, data := r.read(h, 3); r0 != 0 || data != "def" {
		t.Errorf("read after fault = %d %q, want 0 \"def\"", r0, data)
	}
	// A huge length reads to EOF without allocating for it.
	r.handleOp(SysSeek, h, 0)
	r.m.words(blk, h, bufA, 0xFFFFFFFF)
	if got := r.call(SysRead, blk); got != 0xFFFFFFFF-8 {
		t.Errorf("huge read = %#x", got)
	}
	r.handleOp(SysClose, h)

	// w+ truncates; r+ reads and writes.
	h = r.open("new.txt", 6)
	if got := r.handleOp(SysFlen, h); got != 0 {
		t.Errorf("FLEN after w+ = %d", got)
	}
	r.write(h, []byte("xyz"))
	r.handleOp(SysSeek, h, 1)
	if _, data := r.read(h, 5); data != "yz" {
		t.Errorf("w+ read %q", data)
	}
	r.handleOp(SysClose, h)
	if r.m.maxReq > chunk {
		t.Errorf("largest memory request %d > %d", r.m.maxReq, chunk)
	}
}

func TestRemoveRename(t *testing.T) {
	root, secret := sandbox(t)
	r := newRig(t, Config{Root: root})
	name := func(addr uint32, s string) (uint32, uint32) {
		r.m.put(addr, append([]byte(s), 0))
		return addr, uint32(len(s))
	}
	remove := func(s string) uint32 {
		a, n := name(strA, s)
		r.m.words(blk, a, n)
		return r.call(SysRemove, blk)
	}
	rename := func(from, to string) uint32 {
		a, n := name(strA, from)
		b, m := name(strB, to)
		r.m.words(blk, a, n, b, m)
		return r.call(SysRename, blk)
	}
	if got := rename("data.txt", "sub/moved.txt"); got != 0 {
		t.Errorf("rename = %#x (errno %d)", got, r.h.Errno())
	}
	if b, err := os.ReadFile(filepath.Join(root, "sub", "moved.txt")); err != nil || string(b) != "0123456789" {
		t.Errorf("moved file: %q %v", b, err)
	}
	for _, tc := range []struct{ from, to string }{
		{"sub/moved.txt", "../escaped.txt"},
		{"sub/moved.txt", filepath.Join(filepath.Dir(secret), "escaped.txt")},
		{"sub/moved.txt", "sub/odir/escaped.txt"},
		{"../" + filepath.Base(filepath.Dir(secret)) + "/secret.txt", "stolen.txt"},
		{"sub/moved.txt", "."},
	} {
		if got := rename(tc.from, tc.to); got != minus1 {
			t.Errorf("rename %q → %q = %#x, want -1", tc.from, tc.to, got)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(secret), "escaped.txt")); err == nil {
		t.Errorf("rename escaped the root")
	}
	if got := rename("missing", "x"); got != minus1 {
		t.Errorf("rename missing = %#x", got)
	}
	r.wantErrno(eNOENT)

	if got := remove("sub/moved.txt"); got != 0 {
		t.Errorf("remove = %#x", got)
	}
	if _, err := os.Stat(filepath.Join(root, "sub", "moved.txt")); err == nil {
		t.Errorf("file not removed")
	}
	if got := remove("sub/moved.txt"); got != minus1 {
		t.Errorf("remove again = %#x", got)
	}
	r.wantErrno(eNOENT)
	for _, s := range []string{"../secret.txt", secret, "sub/odir/secret.txt", "."} {
		if got := remove(s); got != minus1 {
			t.Errorf("remove %q = %#x, want -1", s, got)
		}
	}
	// Removing a link that points outside removes the link, not its target.
	if got := remove("outrel"); got != 0 {
		t.Errorf("remove link = %#x", got)
	}
	if b, err := os.ReadFile(secret); err != nil || string(b) != "secret" {
		t.Errorf("secret changed: %q %v", b, err)
	}
	r.m.words(blk, strA, 0xFFFFFFFF)
	if got := r.call(SysRemove, blk); got != minus1 {
		t.Errorf("remove with huge length = %#x", got)
	}
	r.wantErrno(eNAMETOOLONG)
}

func TestTmpnam(t *testing.T) {
	root := t.TempDir()
	r := newRig(t, Config{Root: root})
	r.m.words(blk, strA, 7, 64)
	if got := r.call(SysTmpnam, blk); got != 0 {
		t.Fatalf("tmpnam = %#x", got)
	}
	nameBytes := r.m.get(strA, 64)
	name := string(nameBytes[:bytes.IndexByte(nameBytes, 0)])
	if name != "m7emu-tmp-007" {
		t.Errorf("name = %q", name)
	}
	// The name is usable with SYS_OPEN inside the root.
	h := r.open(name, 4)
	if h == minus1 {
		t.Fatalf("open %q failed: errno %d", name, r.h.Errno())
	}
	r.write(h, []byte("t"))
	r.handleOp(SysClose, h)
	if _, err := os.Stat(filepath.Join(root, name)); err != nil {
		t.Error(err)
	}
	// Too small a buffer (the name needs 14 bytes with its NUL).
	r.m.words(blk, strB, 7, 13)
	if got := r.call(SysTmpnam, blk); got != minus1 {
		t.Errorf("tmpnam small buffer = %#x", got)
	}
	r.m.words(blk, 0x10, 7, 64)
	if got := r.call(SysTmpnam, blk); got != minus1 {
		t.Errorf("tmpnam bad buffer = %#x", got)
	}
	r.wantErrno(eFAULT)
}

type fakeClock struct{ ticks, freq, nanos uint64 }

func (c *fakeClock) Ticks() uint64    { return c.ticks }
func (c *fakeClock) TickFreq() uint64 { return c.freq }
func (c *fakeClock) Nanos() uint64    { return c.nanos }

func TestTime(t *testing.T) {
	clk := &fakeClock{ticks: 0x1_2345_6789, freq: 216_000_000, nanos: 1_234_567_890}
	r := newRig(t, Config{Clock: clk, EpochSeconds: 1_700_000_000})
	for range 2 { // same emulated time, same answers: no host clock involved
		if got := r.call(SysClock, 0); got != 123 {
			t.Errorf("CLOCK = %d, want 123 centiseconds", got)
		}
		if got := r.call(SysTime, 0); got != 1_700_000_001 {
			t.Errorf("TIME = %d, want 1700000001", got)
		}
		if got := r.call(SysTickFreq, 0); got != 216_000_000 {
			t.Errorf("TICKFREQ = %d", got)
		}
		if got := r.call(SysElapsed, bufA); got != 0 {
			t.Errorf("ELAPSED = %#x", got)
		}
		if lo, hi := r.m.word(bufA), r.m.word(bufA+4); lo != 0x2345_6789 || hi != 1 {
			t.Errorf("ELAPSED wrote %#x %#x", lo, hi)
		}
	}
	clk.nanos, clk.ticks = 10_999_999_999, 7
	if got := r.call(SysClock, 0); got != 1099 {
		t.Errorf("CLOCK = %d, want 1099", got)
	}
	if got := r.call(SysTime, 0); got != 1_700_000_010 {
		t.Errorf("TIME = %d, want 1700000010", got)
	}
	if got := r.call(SysElapsed, 0xFFFFFFFE); got != minus1 {
		t.Errorf("ELAPSED bad pointer = %#x", got)
	}
	r.wantErrno(eFAULT)

	// No clock: time stands still at zero; tick frequency unknown.
	r0 := newRig(t, Config{EpochSeconds: 42})
	if a, b, c := r0.call(SysClock, 0), r0.call(SysTime, 0), r0.call(SysTickFreq, 0); a != 0 || b != 42 || c != minus1 {
		t.Errorf("nil clock: CLOCK=%d TIME=%d TICKFREQ=%#x", a, b, c)
	}
	r0.m.words(bufA, 0xAAAA, 0xBBBB)
	r0.call(SysElapsed, bufA)
	if r0.m.word(bufA) != 0 || r0.m.word(bufA+4) != 0 {
		t.Errorf("nil clock ELAPSED wrote %#x %#x", r0.m.word(bufA), r0.m.word(bufA+4))
	}
	// A frequency that does not fit is unknown.
	r1 := newRig(t, Config{Clock: &fakeClock{freq: 1 << 32}})
	if got := r1.call(SysTickFreq, 0); got != minus1 {
		t.Errorf("TICKFREQ 2^32 = %#x", got)
	}
}

func TestErrnoSticky(t *testing.T) {
	r := newRig(t, Config{})
	r.wantErrno(0)
	r.handleOp(SysClose, 99)
	r.wantErrno(eBADF)
	out := r.open(":tt", 4)
	r.write(out, []byte("ok"))
	r.wantErrno(eBADF) // successful calls leave errno alone
	if got := r.call(SysSystem, blk); got != minus1 {
		t.Errorf("SYSTEM = %#x, want -1", got)
	}
	r.wantErrno(ePERM)
}

func TestGetCmdline(t *testing.T) {
	const cmd = "--exact run foo"
	tests := []struct {
		name     string
		size     uint32
		ptr      uint32
		block    uint32
		want     uint32
		errno    uint32
		wantSize uint32
	}{
		{"roomy", 256, bufA, blk, 0, 0, uint32(len(cmd))},
		{"exact fit", uint32(len(cmd)) + 1, bufA, blk, 0, 0, uint32(len(cmd))},
		{"no room for NUL", uint32(len(cmd)), bufA, blk, minus1, e2BIG, uint32(len(cmd))},
		{"zero size", 0, bufA, blk, minus1, e2BIG, 0},
		{"bad buffer", 256, 0x40, blk, minus1, eFAULT, 256},
		{"bad block", 256, bufA, 0xFFFFFFFC, minus1, eFAULT, 256},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, Config{Cmdline: cmd})
			r.m.put(bufA, bytes.Repeat([]byte{0xEE}, 64))
			r.m.words(blk, tc.ptr, tc.size)
			if got := r.call(SysGetCmdline, tc.block); got != tc.want {
				t.Fatalf("r0 = %#x, want %#x", got, tc.want)
			}
			r.wantErrno(tc.errno)
			if tc.want == 0 {
				if got := string(r.m.get(bufA, len(cmd)+1)); got != cmd+"\x00" {
					t.Errorf("buffer = %q", got)
				}
				if got := r.m.word(blk + 4); got != tc.wantSize {
					t.Errorf("size = %d, want %d", got, tc.wantSize)
				}
			} else if r.m.get(bufA, 1)[0] != 0xEE {
				t.Errorf("buffer written on failure")
			}
		})
	}
	r := newRig(t, Config{})
	r.h.SetCmdline("")
	r.m.words(blk, bufA, 1)
	if got := r.call(SysGetCmdline, blk); got != 0 || r.m.word(blk+4) != 0 || r.m.get(bufA, 1)[0] != 0 {
		t.Errorf("empty cmdline: r0=%#x size=%d", got, r.m.word(blk+4))
	}
	r.h.SetCmdline("list")
	r.m.words(blk, bufA, 16)
	if r.call(SysGetCmdline, blk); string(r.m.get(bufA, 5)) != "list\x00" {
		t.Errorf("SetCmdline not used")
	}
}

func TestHeapInfo(t *testing.T) {
	info := [4]uint32{0x2000_8000, 0x2007_0000, 0x2008_0000, 0x2007_0000}
	r := newRig(t, Config{HeapInfo: info})
	// r1 is the address of a word that holds the block's address.
	r.m.words(blk, bufA)
	if got := r.call(SysHeapInfo, blk); got != 0 {
		t.Fatalf("r0 = %#x", got)
	}
	for i, want := range info {
		if got := r.m.word(bufA + uint32(4*i)); got != want {
			t.Errorf("word %d = %#x, want %#x", i, got, want)
		}
	}
	r.m.words(blk, 0x20)
	if got := r.call(SysHeapInfo, blk); got != minus1 {
		t.Errorf("bad block pointer = %#x", got)
	}
	r.wantErrno(eFAULT)
	if got := r.call(SysHeapInfo, 0x20); got != minus1 {
		t.Errorf("bad r1 = %#x", got)
	}
}

func TestExit(t *testing.T) {
	// conventions.md §1.3 (QEMU arm-compat-semi.c).
	tests := []struct {
		op       uint32
		reason   uint32
		subcode  uint32
		status   int
		code     int
		contains string
	}{
		{SysExit, ReasonApplicationExit, 0, 0, 0, "application exit (status 0)"},
		{SysExit, ReasonRunTimeErrorUnknown, 0, 1, 1, "unknown runtime error (reason 0x20023"},
		{SysExit, ReasonBreakPoint, 0, 1, 1, "breakpoint"},
		{SysExit, 0, 0, 1, 1, "unknown stop reason"},
		{SysExitExtended, ReasonApplicationExit, 0, 0, 0, "application exit (status 0)"},
		{SysExitExtended, ReasonApplicationExit, 3, 3, 3, "application exit (status 3)"},
		{SysExitExtended, ReasonApplicationExit, 134, 134, 134, "aborted"},
		{SysExitExtended, ReasonApplicationExit, 256, 256, 1, "status 256"},
		{SysExitExtended, ReasonApplicationExit, 0xFFFFFFFF, -1, 255, "status -1"},
		{SysExitExtended, ReasonRunTimeErrorUnknown, 0, 1, 1, "subcode 0x0"},
		{SysExitExtended, ReasonInternalError, 7, 1, 1, "internal error (reason 0x20024, subcode 0x7, status 1)"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%#x/%d", OpName(tc.op), tc.reason, tc.subcode), func(t *testing.T) {
			r := newRig(t, Config{})
			r1 := tc.reason
			if tc.op == SysExitExtended {
				r.m.words(blk, tc.reason, tc.subcode)
				r1 = blk
			}
			_, e := r.h.Call(r.m, tc.op, r1)
			if e == nil {
				t.Fatal("no exit")
			}
			if e.Status != tc.status || e.Code() != tc.code || e.Reason != tc.reason || e.Extended != (tc.op == SysExitExtended) {
				t.Errorf("exit = %+v code %d, want status %d code %d", *e, e.Code(), tc.status, tc.code)
			}
			if tc.op == SysExitExtended && e.Subcode != tc.subcode {
				t.Errorf("subcode = %d", e.Subcode)
			}
			if e.Success() != (tc.status == 0) {
				t.Errorf("Success = %v", e.Success())
			}
			if !strings.Contains(e.String(), tc.contains) {
				t.Errorf("String = %q, want it to contain %q", e.String(), tc.contains)
			}
		})
	}
	// SYS_EXIT_EXTENDED with an unreadable block does not exit.
	r := newRig(t, Config{})
	r0, e := r.h.Call(r.m, SysExitExtended, 0x4)
	if e != nil || r0 != minus1 {
		t.Errorf("bad block: r0=%#x exit=%v", r0, e)
	}
	r.wantErrno(eFAULT)
}

func TestUnknownOperation(t *testing.T) {
	r := newRig(t, Config{})
	for range 3 {
		if got := r.call(0x100, 0); got != minus1 {
			t.Errorf("r0 = %#x, want -1", got)
		}
	}
	r.call(0x0B, 0)
	want := []string{
		"semihosting: unknown operation 0x100; returning -1",
		"semihosting: unknown operation 0xb; returning -1",
	}
	if fmt.Sprint(r.warnings) != fmt.Sprint(want) {
		t.Errorf("warnings = %q, want %q", r.warnings, want)
	}
	// The number of distinct warnings is bounded.
	for op := uint32(0x1000); op < 0x1000+2*maxUnknown; op++ {
		r.call(op, 0)
	}
	if len(r.warnings) != maxUnknown+1 {
		t.Errorf("%d warnings, want %d", len(r.warnings), maxUnknown+1)
	}

	// Extra handles what it knows and passes on the rest.
	var seen []uint32
	r2 := newRig(t, Config{Extra: func(mem Memory, op, r1 uint32) (uint32, bool) {
		seen = append(seen, op)
		return 0x55, op == 0x100
	}})
	if got := r2.call(0x100, 7); got != 0x55 {
		t.Errorf("Extra result = %#x", got)
	}
	if got := r2.call(0x101, 7); got != minus1 || len(r2.warnings) != 1 {
		t.Errorf("unhandled by Extra: r0=%#x warnings=%q", got, r2.warnings)
	}
	if got := r2.call(SysErrno, 0); got != 0 || len(seen) != 2 {
		t.Errorf("Extra saw %v; known ops must not reach it", seen)
	}
}

func TestOpName(t *testing.T) {
	if OpName(SysWrite0) != "SYS_WRITE0" || OpName(0x100) != "op 0x100" {
		t.Errorf("OpName: %q %q", OpName(SysWrite0), OpName(0x100))
	}
}

func TestCloseClosesFiles(t *testing.T) {
	root := t.TempDir()
	r := newRig(t, Config{Root: root})
	h := r.open("f.txt", 4)
	if h == minus1 {
		t.Fatal("open failed")
	}
	f := r.h.files[h].f
	if err := r.h.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("x")); err == nil {
		t.Error("file still open after Close")
	}
	if got := r.write(h, []byte("x")); got != 1 {
		t.Errorf("write after Close = %d, want 1", got)
	}
	if h := r.open("f.txt", 0); h != minus1 {
		t.Errorf("open after Close = %d, want -1", h)
	}
	if err := r.h.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestRandomCallsNeverPanic throws random operations and parameters, including
// random parameter blocks, at a Host with a root and console input.
func TestRandomCallsNeverPanic(t *testing.T) {
	root := t.TempDir()
	rng := rand.New(rand.NewSource(1))
	r := newRig(t, Config{Root: root, Stdin: strings.NewReader("abc\ndef\n"), Clock: &fakeClock{1, 2, 3}})
	rng.Read(r.m.data)
	for range 20000 {
		op := uint32(rng.Intn(0x34))
		var r1 uint32
		switch rng.Intn(3) {
		case 0:
			r1 = rng.Uint32()
		case 1:
			r1 = memBase + uint32(rng.Intn(memSize))
		default:
			// A plausible block: small handles, pointers into memory, short lengths.
			r1 = blk
			r.m.words(blk, uint32(rng.Intn(5)), memBase+uint32(rng.Intn(memSize)), uint32(rng.Intn(64)), uint32(rng.Intn(12)))
		}
		if op == SysExit || op == SysExitExtended {
			continue
		}
		r.h.Call(r.m, op, r1)
		r.h.Call(nil, op, r1)
	}
	if r.m.maxReq > maxName {
		t.Errorf("largest memory request %d", r.m.maxReq)
	}
}

// stuckReader returns nothing and no error, forever.
type stuckReader struct{ calls int }

func (s *stuckReader) Read([]byte) (int, error) { s.calls++; return 0, nil }

func TestStdinReaderFailures(t *testing.T) {
	// A failing reader is end of input with errno EIO.
	r := newRig(t, Config{Stdin: io.MultiReader(strings.NewReader("ok"), iotest.ErrReader(errors.New("tty gone")))})
	in := r.open(":tt", 0)
	if r0, data := r.read(in, 10); r0 != 8 || data != "ok" {
		t.Errorf("read = %d %q, want 8 \"ok\"", r0, data)
	}
	if r0, _ := r.read(in, 10); r0 != 10 {
		t.Errorf("read after failure = %d, want 10", r0)
	}
	r.wantErrno(eIO)
	r.call(SysErrno, 0)
	if c := r.call(SysReadC, 0); c != minus1 {
		t.Errorf("READC = %#x", c)
	}
	// A reader that makes no progress does not hang the emulator.
	s := &stuckReader{}
	r2 := newRig(t, Config{Stdin: s})
	in = r2.open(":tt", 0)
	if r0, _ := r2.read(in, 10); r0 != 10 {
		t.Errorf("read from stuck reader = %d, want 10", r0)
	}
	if s.calls > 100 {
		t.Errorf("%d calls to a stuck reader", s.calls)
	}
}

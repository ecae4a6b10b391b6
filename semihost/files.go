package semihost

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// errno values reported through SYS_ERRNO (Linux numbering; 1–34 equal newlib's).
const (
	ePERM         = 1
	eNOENT        = 2
	eIO           = 5
	e2BIG         = 7
	eBADF         = 9
	eACCES        = 13
	eFAULT        = 14
	eEXIST        = 17
	eNOTDIR       = 20
	eISDIR        = 21
	eINVAL        = 22
	eMFILE        = 24
	eNOSPC        = 28
	eSPIPE        = 29
	eROFS         = 30
	eNAMETOOLONG  = 36
	eNOTEMPTY     = 39
	eLOOP         = 40
	eOVERFLOW     = 75
	ttName        = ":tt"
	featureName   = ":semihosting-features"
	tmpNameFormat = "m7emu-tmp-%03d"
)

// featureData is the content of ":semihosting-features": the magic "SHFB" and
// feature byte 0 with SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR
// (bit 1) set (specification, "Semihosting extensions").
var featureData = []byte{'S', 'H', 'F', 'B', 0x03}

type fileKind uint8

const (
	kindStdin fileKind = iota
	kindStdout
	kindStderr
	kindFeatures
	kindHost
)

// file is one open handle.
type file struct {
	kind     fileKind
	f        *os.File // kindHost
	off      int      // kindFeatures: read position
	readable bool
	writable bool
}

func (f *file) close() error {
	if f.f != nil {
		return f.f.Close()
	}
	return nil
}

// openFlags maps the fopen mode numbers 0–11 of SYS_OPEN (r, rb, r+, r+b, w, wb,
// w+, w+b, a, ab, a+, a+b) to os flags; "b" makes no difference on the host.
var openFlags = [12]int{
	os.O_RDONLY, os.O_RDONLY,
	os.O_RDWR, os.O_RDWR,
	os.O_WRONLY | os.O_CREATE | os.O_TRUNC, os.O_WRONLY | os.O_CREATE | os.O_TRUNC,
	os.O_RDWR | os.O_CREATE | os.O_TRUNC, os.O_RDWR | os.O_CREATE | os.O_TRUNC,
	os.O_WRONLY | os.O_CREATE | os.O_APPEND, os.O_WRONLY | os.O_CREATE | os.O_APPEND,
	os.O_RDWR | os.O_CREATE | os.O_APPEND, os.O_RDWR | os.O_CREATE | os.O_APPEND,
}

// alloc installs f at the lowest free handle number (from 1).
func (h *Host) alloc(f *file) (uint32, bool) {
	for i := 1; i < len(h.files); i++ {
		if h.files[i] == nil {
			h.files[i] = f
			return uint32(i), true
		}
	}
	if len(h.files) > MaxHandles {
		return 0, false
	}
	h.files = append(h.files, f)
	return uint32(len(h.files) - 1), true
}

func (h *Host) lookup(handle uint32) *file {
	if handle == 0 || uint64(handle) >= uint64(len(h.files)) {
		return nil
	}
	return h.files[handle]
}

// sysOpen: block {name address, mode 0–11, name length without the NUL}.
func (h *Host) sysOpen(mem Memory, r1 uint32) uint32 {
	var a [3]uint32
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	name, errno := readName(mem, a[0], a[2])
	if errno != 0 {
		return h.fail(errno)
	}
	mode := a[1]
	if mode >= uint32(len(openFlags)) {
		return h.fail(eINVAL)
	}
	var f *file
	switch name {
	case ttName:
		// SH_EXT_STDOUT_STDERR: read modes are stdin, write modes stdout, append
		// modes stderr.
		switch {
		case mode < 4:
			f = &file{kind: kindStdin, readable: true}
		case mode < 8:
			f = &file{kind: kindStdout, writable: true}
		default:
			f = &file{kind: kindStderr, writable: true}
		}
	case featureName:
		if mode > 1 { // the feature file may only be opened with "r" or "rb"
			return h.fail(eACCES)
		}
		f = &file{kind: kindFeatures, readable: true}
	default:
		var errno uint32
		if f, errno = h.openHost(name, mode); errno != 0 {
			return h.fail(errno)
		}
	}
	handle, ok := h.alloc(f)
	if !ok {
		f.close()
		return h.fail(eMFILE)
	}
	return handle
}

// rootPath turns a name from the program into a path relative to the root, or
// gives the errno for refusing it. os.Root enforces the containment (including
// symbolic links); the checks here reject the lexically obvious escapes early and
// accept absolute names that lie inside the root.
func (h *Host) rootPath(name string) (string, uint32) {
	if h.root == nil {
		return "", eACCES
	}
	if name == "" {
		return "", eNOENT
	}
	p := filepath.FromSlash(name)
	if filepath.IsAbs(p) {
		rel, ok := inside(h.rootAbs, p)
		if !ok {
			rel, ok = inside(h.rootReal, p)
		}
		if !ok {
			return "", eACCES
		}
		p = rel
	}
	p = filepath.Clean(p)
	if p == ".." || strings.HasPrefix(p, ".."+string(filepath.Separator)) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return "", eACCES
	}
	return p, 0
}

// inside returns p relative to dir if p is dir or lies beneath it.
func inside(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, filepath.Clean(p))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

func (h *Host) openHost(name string, mode uint32) (*file, uint32) {
	p, errno := h.rootPath(name)
	if errno != 0 {
		return nil, errno
	}
	// Only regular files: a directory cannot be read, and opening a FIFO would
	// block the emulator. (A file replaced between this check and the open is
	// still confined to the root by os.Root.)
	if fi, err := h.root.Stat(p); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return nil, eISDIR
		}
		return nil, eACCES
	}
	flags := openFlags[mode]
	fd, err := h.root.OpenFile(p, flags, 0o644)
	if err != nil {
		return nil, errnoOf(err, eACCES)
	}
	acc := flags & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR)
	return &file{kind: kindHost, f: fd, readable: acc != os.O_WRONLY, writable: acc != os.O_RDONLY}, 0
}

// errnoOf maps a host error to a semihosting errno, def when it is not one of the
// recognised kinds. Escapes refused by os.Root have no exported error value; they
// get def, which is EACCES for path operations.
func errnoOf(err error, def uint32) uint32 {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return eNOENT
	case errors.Is(err, fs.ErrExist):
		return eEXIST
	case errors.Is(err, fs.ErrPermission):
		return eACCES
	case errors.Is(err, syscall.EISDIR):
		return eISDIR
	case errors.Is(err, syscall.ENOTDIR):
		return eNOTDIR
	case errors.Is(err, syscall.ENOSPC):
		return eNOSPC
	case errors.Is(err, syscall.EROFS):
		return eROFS
	case errors.Is(err, syscall.ENAMETOOLONG):
		return eNAMETOOLONG
	case errors.Is(err, syscall.ENOTEMPTY):
		return eNOTEMPTY
	case errors.Is(err, syscall.ELOOP):
		return eLOOP
	}
	return def
}

// fileArgs reads the parameter block at r1 into a and looks up the handle in a[0]. On
// failure it returns nil and the value for r0 (errno EFAULT or EBADF is set).
func (h *Host) fileArgs(mem Memory, r1 uint32, a []uint32) (*file, uint32) {
	if !readWords(mem, r1, a) {
		return nil, h.fail(eFAULT)
	}
	f := h.lookup(a[0])
	if f == nil {
		return nil, h.fail(eBADF)
	}
	return f, 0
}

// sysClose: block {handle}.
func (h *Host) sysClose(mem Memory, r1 uint32) uint32 {
	var a [1]uint32
	f, errRet := h.fileArgs(mem, r1, a[:])
	if f == nil {
		return errRet
	}
	h.files[a[0]] = nil
	for len(h.files) > 1 && h.files[len(h.files)-1] == nil {
		h.files = h.files[:len(h.files)-1]
	}
	if err := f.close(); err != nil {
		return h.fail(errnoOf(err, eIO))
	}
	return 0
}

func (h *Host) sysWriteC(mem Memory, r1 uint32) uint32 {
	var b [1]byte
	if mem.ReadBytes(r1, b[:]) != nil {
		h.errno = eFAULT
		return noResult
	}
	if _, err := h.stdout.Write(b[:]); err != nil {
		h.errno = eIO
	}
	return noResult
}

func (h *Host) sysWrite0(mem Memory, r1 uint32) uint32 {
	addr := uint64(r1)
	for total := uint64(0); ; total = addr - uint64(r1) {
		if total >= maxWrite0 {
			if !h.warnedLong {
				h.warnedLong = true
				h.warn(fmt.Sprintf("semihosting: SYS_WRITE0 string at %#x longer than %d bytes; truncated", r1, maxWrite0))
			}
			return noResult
		}
		if addr >= 1<<32 { // the string runs off the end of the address space
			h.errno = eFAULT
			return noResult
		}
		b := h.buf[:chunkLen(addr, min(maxWrite0-total, 1<<32-addr))]
		got, ok := readMem(mem, uint32(addr), b)
		end := indexByte(b[:got], 0)
		if end < 0 {
			end = got
		}
		if end > 0 {
			if _, err := h.stdout.Write(b[:end]); err != nil {
				h.errno = eIO
				return noResult
			}
		}
		if end < got {
			return noResult // found the NUL
		}
		if !ok {
			h.errno = eFAULT
			return noResult
		}
		addr += uint64(len(b))
	}
}

// sysWrite: block {handle, data address, length}; r0 = bytes not written.
func (h *Host) sysWrite(mem Memory, r1 uint32) uint32 {
	var a [3]uint32
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	handle, addr, length := a[0], a[1], a[2]
	f := h.lookup(handle)
	if f == nil || !f.writable {
		h.errno = eBADF
		return length
	}
	var w io.Writer
	switch f.kind {
	case kindStdout:
		w = h.stdout
	case kindStderr:
		w = h.stderr
	default:
		w = f.f
	}
	lim := below4G(addr, uint64(length))
	var done uint64
	for done < lim {
		b := h.buf[:chunkLen(uint64(addr)+done, lim-done)]
		got, ok := readMem(mem, addr+uint32(done), b)
		if got > 0 {
			n, err := w.Write(b[:got])
			done += uint64(n)
			if err != nil {
				h.errno = errnoOf(err, eIO)
				return length - uint32(done)
			}
		}
		if !ok {
			break
		}
	}
	if done < uint64(length) {
		h.errno = eFAULT
	}
	return length - uint32(done)
}

// sysRead: block {handle, buffer address, length}; r0 = bytes not read (length at
// end of file).
func (h *Host) sysRead(mem Memory, r1 uint32) uint32 {
	var a [3]uint32
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	handle, addr, length := a[0], a[1], a[2]
	f := h.lookup(handle)
	if f == nil || !f.readable {
		h.errno = eBADF
		return length
	}
	if length == 0 {
		return 0
	}
	var done uint64
	var errno uint32
	switch f.kind {
	case kindStdin:
		done, errno = h.readConsole(mem, addr, length)
	case kindFeatures:
		rest := featureData[f.off:]
		n := min(uint64(len(rest)), below4G(addr, uint64(length)))
		stored, ok := writeMem(mem, addr, rest[:n])
		f.off += stored
		done = uint64(stored)
		if !ok || n < uint64(length) && n < uint64(len(rest)) {
			errno = eFAULT
		}
	default:
		done, errno = readHost(f.f, mem, addr, length, &h.buf)
	}
	if errno != 0 {
		h.errno = errno
	}
	return length - uint32(done)
}

// readHost streams up to length bytes from fd into memory at addr. Bytes read
// from the file but not stored are given back by seeking.
func readHost(fd *os.File, mem Memory, addr, length uint32, buf *[chunk]byte) (uint64, uint32) {
	lim := below4G(addr, uint64(length))
	var done uint64
	for done < lim {
		b := buf[:chunkLen(uint64(addr)+done, lim-done)]
		k, err := io.ReadFull(fd, b)
		if k > 0 {
			stored, ok := writeMem(mem, addr+uint32(done), b[:k])
			done += uint64(stored)
			if !ok {
				fd.Seek(int64(stored-k), io.SeekCurrent)
				return done, eFAULT
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return done, 0
		}
		if err != nil {
			return done, errnoOf(err, eIO)
		}
	}
	if lim < uint64(length) {
		return done, eFAULT
	}
	return done, 0
}

// fillStdin reads once more from Config.Stdin into the pending input. Readers
// that keep returning nothing are treated as at end of input.
func (h *Host) fillStdin() {
	if h.stdinEOF {
		return
	}
	if h.cfg.Stdin == nil {
		h.stdinEOF = true
		return
	}
	for range 100 {
		n, err := h.cfg.Stdin.Read(h.buf[:])
		h.stdin = append(h.stdin, h.buf[:n]...)
		if err != nil {
			h.stdinEOF = true
			h.stdinErr = err != io.EOF
			return
		}
		if n > 0 {
			return
		}
	}
	h.stdinEOF = true
}

// readConsole delivers console input with a line discipline: it returns once it
// has a newline, length bytes (at most ttyMax) or end of input.
func (h *Host) readConsole(mem Memory, addr, length uint32) (uint64, uint32) {
	want := int(min(uint64(length), ttyMax))
	for {
		avail := min(len(h.stdin), want)
		if i := indexByte(h.stdin[:avail], '\n'); i >= 0 {
			want = i + 1
			break
		}
		if len(h.stdin) >= want || h.stdinEOF {
			want = min(want, len(h.stdin))
			break
		}
		h.fillStdin()
	}
	if want == 0 {
		if h.stdinErr {
			return 0, eIO
		}
		return 0, 0
	}
	n := min(uint64(want), below4G(addr, uint64(want)))
	stored, ok := writeMem(mem, addr, h.stdin[:n])
	h.stdin = h.stdin[stored:]
	if len(h.stdin) == 0 {
		h.stdin = h.stdin[:0:0] // drop the backing array once drained
	}
	if !ok || uint64(stored) < uint64(want) {
		return uint64(stored), eFAULT
	}
	return uint64(stored), 0
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// sysReadC returns one console byte, or -1 at end of input.
func (h *Host) sysReadC() uint32 {
	for len(h.stdin) == 0 && !h.stdinEOF {
		h.fillStdin()
	}
	if len(h.stdin) == 0 {
		if h.stdinErr {
			h.errno = eIO
		}
		return minus1
	}
	c := h.stdin[0]
	h.stdin = h.stdin[1:]
	return uint32(c)
}

// sysIsTTY: block {handle}.
func (h *Host) sysIsTTY(mem Memory, r1 uint32) uint32 {
	var a [1]uint32
	f, errRet := h.fileArgs(mem, r1, a[:])
	if f == nil {
		return errRet
	}
	switch f.kind {
	case kindStdin, kindStdout, kindStderr:
		return 1
	}
	return 0
}

// sysSeek: block {handle, absolute position}.
func (h *Host) sysSeek(mem Memory, r1 uint32) uint32 {
	var a [2]uint32
	f, errRet := h.fileArgs(mem, r1, a[:])
	if f == nil {
		return errRet
	}
	switch f.kind {
	case kindStdin, kindStdout, kindStderr:
		return h.fail(eSPIPE)
	case kindFeatures:
		if uint64(a[1]) > uint64(len(featureData)) {
			return h.fail(eINVAL)
		}
		f.off = int(a[1])
		return 0
	}
	if _, err := f.f.Seek(int64(a[1]), io.SeekStart); err != nil {
		return h.fail(errnoOf(err, eINVAL))
	}
	return 0
}

// sysFlen: block {handle}. A console has length 0.
func (h *Host) sysFlen(mem Memory, r1 uint32) uint32 {
	var a [1]uint32
	f, errRet := h.fileArgs(mem, r1, a[:])
	if f == nil {
		return errRet
	}
	switch f.kind {
	case kindStdin, kindStdout, kindStderr:
		return 0
	case kindFeatures:
		return uint32(len(featureData))
	}
	fi, err := f.f.Stat()
	if err != nil {
		return h.fail(errnoOf(err, eIO))
	}
	if fi.Size() > 0x7FFFFFFF {
		return h.fail(eOVERFLOW)
	}
	return uint32(fi.Size())
}

// sysTmpnam: block {buffer address, identifier 0–255, buffer size}. The name is
// relative to the root, so SYS_OPEN can use it.
func (h *Host) sysTmpnam(mem Memory, r1 uint32) uint32 {
	var a [3]uint32
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	if h.root == nil {
		return h.fail(eACCES)
	}
	name := fmt.Sprintf(tmpNameFormat, a[1]&0xFF) + "\x00"
	if uint64(len(name)) > uint64(a[2]) {
		return h.fail(eINVAL)
	}
	if mem.WriteBytes(a[0], []byte(name)) != nil {
		return h.fail(eFAULT)
	}
	return 0
}

// sysRemove: block {name address, name length}.
func (h *Host) sysRemove(mem Memory, r1 uint32) uint32 {
	var a [2]uint32
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	name, errno := readName(mem, a[0], a[1])
	if errno != 0 {
		return h.fail(errno)
	}
	p, errno := h.rootPath(name)
	if errno == 0 && p == "." {
		errno = eACCES
	}
	if errno != 0 {
		return h.fail(errno)
	}
	if err := h.root.Remove(p); err != nil {
		return h.fail(errnoOf(err, eACCES))
	}
	return 0
}

// sysRename: block {old name address, old length, new name address, new length}.
func (h *Host) sysRename(mem Memory, r1 uint32) uint32 {
	var a [4]uint32
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	oldName, errno := readName(mem, a[0], a[1])
	if errno != 0 {
		return h.fail(errno)
	}
	newName, errno := readName(mem, a[2], a[3])
	if errno != 0 {
		return h.fail(errno)
	}
	oldPath, errno := h.rootPath(oldName)
	if errno != 0 {
		return h.fail(errno)
	}
	newPath, errno := h.rootPath(newName)
	if errno != 0 {
		return h.fail(errno)
	}
	if oldPath == "." || newPath == "." {
		return h.fail(eACCES)
	}
	if err := h.root.Rename(oldPath, newPath); err != nil {
		return h.fail(errnoOf(err, eACCES))
	}
	return 0
}

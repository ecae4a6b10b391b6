package semihost

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Operation numbers (semihosting specification, "Semihosting operations").
const (
	SysOpen         = 0x01
	SysClose        = 0x02
	SysWriteC       = 0x03
	SysWrite0       = 0x04
	SysWrite        = 0x05
	SysRead         = 0x06
	SysReadC        = 0x07
	SysIsError      = 0x08
	SysIsTTY        = 0x09
	SysSeek         = 0x0A
	SysFlen         = 0x0C
	SysTmpnam       = 0x0D
	SysRemove       = 0x0E
	SysRename       = 0x0F
	SysClock        = 0x10
	SysTime         = 0x11
	SysSystem       = 0x12
	SysErrno        = 0x13
	SysGetCmdline   = 0x15
	SysHeapInfo     = 0x16
	SysExit         = 0x18
	SysExitExtended = 0x20
	SysElapsed      = 0x30
	SysTickFreq     = 0x31
)

var opNames = map[uint32]string{
	SysOpen: "SYS_OPEN", SysClose: "SYS_CLOSE", SysWriteC: "SYS_WRITEC", SysWrite0: "SYS_WRITE0",
	SysWrite: "SYS_WRITE", SysRead: "SYS_READ", SysReadC: "SYS_READC", SysIsError: "SYS_ISERROR",
	SysIsTTY: "SYS_ISTTY", SysSeek: "SYS_SEEK", SysFlen: "SYS_FLEN", SysTmpnam: "SYS_TMPNAM",
	SysRemove: "SYS_REMOVE", SysRename: "SYS_RENAME", SysClock: "SYS_CLOCK", SysTime: "SYS_TIME",
	SysSystem: "SYS_SYSTEM", SysErrno: "SYS_ERRNO", SysGetCmdline: "SYS_GET_CMDLINE",
	SysHeapInfo: "SYS_HEAPINFO", SysExit: "SYS_EXIT", SysExitExtended: "SYS_EXIT_EXTENDED",
	SysElapsed: "SYS_ELAPSED", SysTickFreq: "SYS_TICKFREQ",
}

// OpName returns the specification's name of an operation ("SYS_WRITE"), or
// "op 0x100" for one this package does not know.
func OpName(op uint32) string {
	if n, ok := opNames[op]; ok {
		return n
	}
	return fmt.Sprintf("op %#x", op)
}

// Limits.
const (
	MaxHandles = 64      // open handles at once (numbers 1..MaxHandles)
	maxName    = 4096    // bytes in a file name (PATH_MAX)
	maxWrite0  = 1 << 20 // bytes SYS_WRITE0 prints from one string
	maxUnknown = 64      // distinct unknown operations warned about
	chunk      = 4096    // transfer buffer; transfers never allocate more
	ttyMax     = 4096    // bytes one console SYS_READ returns at most
)

// minus1 is -1 as a register value, the failure result of most operations.
const minus1 = 0xFFFFFFFF

// noResult is r0 after calls whose result the specification calls "corrupted"
// (SYS_WRITEC, SYS_WRITE0). QEMU writes 0xDEADBEEF; doing the same keeps register
// traces comparable with it.
const noResult = 0xDEADBEEF

// Memory is the target memory as seen by a debugger: no side effects on devices.
// An error means the range is not (entirely) accessible.
type Memory interface {
	ReadBytes(addr uint32, buf []byte) error
	WriteBytes(addr uint32, buf []byte) error
}

// Clock gives emulated time. It must never be the host's wall clock.
type Clock interface {
	Ticks() uint64    // CPU cycles since reset (SYS_ELAPSED)
	TickFreq() uint64 // Hz of those ticks (SYS_TICKFREQ)
	Nanos() uint64    // emulated nanoseconds since reset (SYS_CLOCK, SYS_TIME)
}

// Config configures a Host. The zero value is usable: no input, output discarded,
// no host files, and time standing still at zero.
type Config struct {
	// Stdin feeds SYS_READ on a ":tt" handle opened for reading, and SYS_READC.
	// nil means end of input.
	Stdin io.Reader
	// Stdout receives ":tt" write-mode output, SYS_WRITEC and SYS_WRITE0; Stderr
	// receives ":tt" append-mode output. nil discards.
	Stdout, Stderr io.Writer
	// Root is the only directory whose files the program may open, remove or
	// rename (--semihosting-root). "" allows no host files at all.
	Root string
	// Cmdline is returned by SYS_GET_CMDLINE (the program arguments after the ELF,
	// joined by spaces). SetCmdline changes it between runs.
	Cmdline string
	// Clock is the emulated time. nil: SYS_CLOCK, SYS_TIME and SYS_ELAPSED see
	// zero elapsed time and SYS_TICKFREQ returns -1.
	Clock Clock
	// EpochSeconds is the SYS_TIME value at reset. It is fixed for determinism;
	// the default 0 makes the program's calendar start at 1970-01-01T00:00:00Z.
	EpochSeconds uint64
	// HeapInfo is written by SYS_HEAPINFO: heap base, heap limit, stack base,
	// stack limit. Zero words tell the C library to use its own defaults.
	HeapInfo [4]uint32
	// Warn receives emulator messages (for stderr): once per unknown operation
	// number, and for a truncated SYS_WRITE0 or an unusable Root. nil drops them.
	Warn func(msg string)
	// Extra, if set, is offered operations this package does not implement
	// (embedded-test uses 0x100). ok == false falls back to the unknown-operation
	// path (warning, r0 = -1).
	Extra func(mem Memory, op, r1 uint32) (r0 uint32, ok bool)
}

// Host performs semihosting operations for one program. It is not safe for
// concurrent use; the emulator calls it from its single run loop.
type Host struct {
	cfg    Config
	stdout io.Writer // never nil
	stderr io.Writer // never nil

	root     *os.Root // nil: no host files
	rootAbs  string   // absolute, cleaned Root
	rootReal string   // rootAbs with symbolic links resolved

	files []*file // index = handle number; files[0] is always nil
	errno uint32

	stdin    []byte // console input read from Config.Stdin but not yet consumed
	stdinEOF bool
	stdinErr bool // the reader failed (not io.EOF)

	warned     map[uint32]bool
	warnedMore bool
	warnedLong bool

	buf [chunk]byte
}

// New returns a Host for cfg. If cfg.Root cannot be opened, Warn reports it and
// host-file operations fail as if no root had been given.
func New(cfg Config) *Host {
	h := &Host{cfg: cfg, stdout: cfg.Stdout, stderr: cfg.Stderr, files: make([]*file, 1), warned: make(map[uint32]bool)}
	if h.stdout == nil {
		h.stdout = io.Discard
	}
	if h.stderr == nil {
		h.stderr = io.Discard
	}
	if cfg.Root != "" {
		abs, err := filepath.Abs(cfg.Root)
		if err == nil {
			h.root, err = os.OpenRoot(abs)
		}
		if err != nil {
			h.warn(fmt.Sprintf("semihosting: cannot use root %q: %v; host files are unavailable", cfg.Root, err))
		} else {
			h.rootAbs = filepath.Clean(abs)
			h.rootReal = h.rootAbs
			if real, err := filepath.EvalSymlinks(h.rootAbs); err == nil {
				h.rootReal = real
			}
		}
	}
	return h
}

// SetCmdline sets the string SYS_GET_CMDLINE returns from now on (test runners
// change it between resets).
func (h *Host) SetCmdline(s string) { h.cfg.Cmdline = s }

// Errno returns the current semihosting errno (what SYS_ERRNO would return).
func (h *Host) Errno() uint32 { return h.errno }

// Reset closes every handle the program opened and clears errno, as for a fresh
// program. Pending console input and the record of warnings given are kept.
func (h *Host) Reset() error {
	err := h.closeAll()
	h.errno = 0
	return err
}

// Close closes host files opened by the program and the root directory. The Host
// stays usable for console operations; host files are unavailable afterwards.
func (h *Host) Close() error {
	err := h.closeAll()
	if h.root != nil {
		if e := h.root.Close(); err == nil {
			err = e
		}
		h.root = nil
	}
	return err
}

func (h *Host) closeAll() error {
	var first error
	for i, f := range h.files {
		if f != nil {
			if err := f.close(); err != nil && first == nil {
				first = err
			}
			h.files[i] = nil
		}
	}
	h.files = h.files[:1]
	return first
}

func (h *Host) warn(msg string) {
	if h.cfg.Warn != nil {
		h.cfg.Warn(msg)
	}
}

// fail records errno and returns -1.
func (h *Host) fail(errno uint32) uint32 {
	h.errno = errno
	return minus1
}

// Call performs semihosting operation op with parameter r1 and returns the value
// for r0. If the operation ends the program (SYS_EXIT, SYS_EXIT_EXTENDED) it
// returns a non-nil *Exit; r0 is then meaningless. Call never panics on any
// op, r1 or memory contents; mem may be nil (every access faults).
func (h *Host) Call(mem Memory, op, r1 uint32) (r0 uint32, exit *Exit) {
	if mem == nil {
		mem = noMemory{}
	}
	switch op {
	case SysOpen:
		return h.sysOpen(mem, r1), nil
	case SysClose:
		return h.sysClose(mem, r1), nil
	case SysWriteC:
		return h.sysWriteC(mem, r1), nil
	case SysWrite0:
		return h.sysWrite0(mem, r1), nil
	case SysWrite:
		return h.sysWrite(mem, r1), nil
	case SysRead:
		return h.sysRead(mem, r1), nil
	case SysReadC:
		return h.sysReadC(), nil
	case SysIsError:
		var a [1]uint32
		if !readWords(mem, r1, a[:]) {
			return h.fail(eFAULT), nil
		}
		if int32(a[0]) < 0 {
			return 1, nil
		}
		return 0, nil
	case SysIsTTY:
		return h.sysIsTTY(mem, r1), nil
	case SysSeek:
		return h.sysSeek(mem, r1), nil
	case SysFlen:
		return h.sysFlen(mem, r1), nil
	case SysTmpnam:
		return h.sysTmpnam(mem, r1), nil
	case SysRemove:
		return h.sysRemove(mem, r1), nil
	case SysRename:
		return h.sysRename(mem, r1), nil
	case SysClock:
		// Centiseconds since reset (the specification: "since execution started").
		return uint32(h.nanos() / 10_000_000), nil
	case SysTime:
		return uint32(h.cfg.EpochSeconds + h.nanos()/1_000_000_000), nil
	case SysSystem:
		// Running host commands would break the sandbox and determinism.
		return h.fail(ePERM), nil
	case SysErrno:
		return h.errno, nil
	case SysGetCmdline:
		return h.sysGetCmdline(mem, r1), nil
	case SysHeapInfo:
		var p [1]uint32
		if !readWords(mem, r1, p[:]) || !writeWords(mem, p[0], h.cfg.HeapInfo[:]) {
			return h.fail(eFAULT), nil
		}
		return 0, nil
	case SysExit:
		// AArch32: r1 is the reason code itself, not a block address.
		st := 1
		if r1 == ReasonApplicationExit {
			st = 0
		}
		return 0, &Exit{Status: st, Reason: r1}
	case SysExitExtended:
		var a [2]uint32
		if !readWords(mem, r1, a[:]) {
			return h.fail(eFAULT), nil
		}
		st := 1
		if a[0] == ReasonApplicationExit {
			st = int(int32(a[1])) // exit(-1) is -1, as C's exit(int) sees it
		}
		return 0, &Exit{Status: st, Reason: a[0], Subcode: a[1], Extended: true}
	case SysElapsed:
		var t uint64
		if h.cfg.Clock != nil {
			t = h.cfg.Clock.Ticks()
		}
		if !writeWords(mem, r1, []uint32{uint32(t), uint32(t >> 32)}) {
			return h.fail(eFAULT), nil
		}
		return 0, nil
	case SysTickFreq:
		if h.cfg.Clock == nil {
			return minus1, nil
		}
		f := h.cfg.Clock.TickFreq()
		if f == 0 || f >= minus1 {
			return minus1, nil
		}
		return uint32(f), nil
	}
	if h.cfg.Extra != nil {
		if r0, ok := h.cfg.Extra(mem, op, r1); ok {
			return r0, nil
		}
	}
	h.warnUnknown(op)
	return minus1, nil
}

func (h *Host) warnUnknown(op uint32) {
	if h.warned[op] || h.warnedMore {
		return
	}
	if len(h.warned) >= maxUnknown {
		h.warnedMore = true
		h.warn("semihosting: too many unknown operations; not reporting further ones")
		return
	}
	h.warned[op] = true
	h.warn(fmt.Sprintf("semihosting: unknown operation %#x; returning -1", op))
}

func (h *Host) nanos() uint64 {
	if h.cfg.Clock == nil {
		return 0
	}
	return h.cfg.Clock.Nanos()
}

func (h *Host) sysGetCmdline(mem Memory, r1 uint32) uint32 {
	var a [2]uint32 // buffer address, buffer size
	if !readWords(mem, r1, a[:]) {
		return h.fail(eFAULT)
	}
	s := h.cfg.Cmdline
	if uint64(len(s))+1 > uint64(a[1]) {
		return h.fail(e2BIG)
	}
	out := make([]byte, len(s)+1) // bounded by the host's own command line
	copy(out, s)
	if mem.WriteBytes(a[0], out) != nil || !writeWords(mem, r1+4, []uint32{uint32(len(s))}) {
		return h.fail(eFAULT)
	}
	return 0
}

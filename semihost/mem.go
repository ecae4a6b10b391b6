package semihost

import (
	"encoding/binary"
	"errors"
)

var errNoMemory = errors.New("semihost: no memory")

// noMemory stands in for a nil Memory: every access faults.
type noMemory struct{}

func (noMemory) ReadBytes(uint32, []byte) error  { return errNoMemory }
func (noMemory) WriteBytes(uint32, []byte) error { return errNoMemory }

// below4G returns how many of n bytes starting at addr lie below 2^32; the rest
// would wrap around the address space and count as inaccessible.
func below4G(addr uint32, n uint64) uint64 {
	if lim := 1<<32 - uint64(addr); n > lim {
		return lim
	}
	return n
}

// chunkLen returns the length of the next transfer piece at addr: up to the next
// chunk-aligned address, and at most rest. Aligned pieces never straddle a
// region boundary on a board whose regions are 4 KiB aligned.
func chunkLen(addr uint64, rest uint64) int {
	n := chunk - addr%chunk
	if n > rest {
		n = rest
	}
	return int(n)
}

// readMem fills buf from addr. If the whole range is not accessible it returns
// the length of the accessible prefix and false.
func readMem(mem Memory, addr uint32, buf []byte) (int, bool) {
	if mem.ReadBytes(addr, buf) == nil {
		return len(buf), true
	}
	for i := range buf {
		if mem.ReadBytes(addr+uint32(i), buf[i:i+1]) != nil {
			return i, false
		}
	}
	return len(buf), true
}

// writeMem stores buf at addr. If the whole range is not writable it stores the
// accessible prefix and returns its length and false.
func writeMem(mem Memory, addr uint32, buf []byte) (int, bool) {
	if mem.WriteBytes(addr, buf) == nil {
		return len(buf), true
	}
	for i := range buf {
		if mem.WriteBytes(addr+uint32(i), buf[i:i+1]) != nil {
			return i, false
		}
	}
	return len(buf), true
}

// readWords reads len(w) little-endian words of a parameter block at addr.
func readWords(mem Memory, addr uint32, w []uint32) bool {
	var b [16]byte
	n := 4 * len(w)
	if n > len(b) || below4G(addr, uint64(n)) < uint64(n) || mem.ReadBytes(addr, b[:n]) != nil {
		return false
	}
	for i := range w {
		w[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return true
}

// writeWords stores little-endian words at addr.
func writeWords(mem Memory, addr uint32, w []uint32) bool {
	var b [16]byte
	n := 4 * len(w)
	if n > len(b) || below4G(addr, uint64(n)) < uint64(n) {
		return false
	}
	for i, v := range w {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return mem.WriteBytes(addr, b[:n]) == nil
}

// readName reads a file name of n bytes at addr (the length excludes the
// terminating NUL). Like C, the name ends at an embedded NUL. errno is 0 on
// success.
func readName(mem Memory, addr, n uint32) (string, uint32) {
	if n > maxName {
		return "", eNAMETOOLONG
	}
	if below4G(addr, uint64(n)) < uint64(n) {
		return "", eFAULT
	}
	b := make([]byte, n) // n <= maxName
	if mem.ReadBytes(addr, b) != nil {
		return "", eFAULT
	}
	for i, c := range b {
		if c == 0 {
			b = b[:i]
			break
		}
	}
	return string(b), 0
}

// Package demangle turns mangled symbol names from firmware ELFs into
// readable ones: Rust v0 ("_R…"), Rust legacy ("_ZN…17h<16 hex>E", the hash
// dropped) and C++ Itanium ("_Z…"). Any other name is returned unchanged.
//
// This is an edge package: it depends on github.com/ianlancetaylor/demangle,
// so core packages (loader) take its Name function as a plain
// func(string) string hook instead of importing it.
//
// Sources: the Rust v0 mangling scheme (RFC 2603), the legacy Rust scheme
// (Itanium-like nested name with a trailing "17h" + 16 hex digit hash, which
// rustfilt and probe-rs hide), and the Itanium C++ ABI §5.1 (mangling).
package demangle

import (
	"strings"

	"github.com/ianlancetaylor/demangle"
)

// maxInput bounds the length of names we try to demangle. Real symbols from
// embedded firmware are far shorter; pathological inputs are returned as-is.
const maxInput = 8 << 10

// maxOutputPow limits the demangled text to 2^16 bytes (library option).
const maxOutputPow = 16

// Name returns the demangled form of s, or s itself if s is not a Rust or C++
// mangled name or cannot be demangled. It never panics.
func Name(s string) (out string) {
	if len(s) < 3 || len(s) > maxInput || !looksMangled(s) {
		return s
	}
	defer func() {
		// The library recovers its own parse errors; this guards against
		// anything else so a hostile symbol table cannot crash a caller.
		if recover() != nil {
			out = s
		}
	}()
	r, err := demangle.ToString(s, demangle.MaxLength(maxOutputPow))
	if err != nil || r == "" {
		return s
	}
	return r
}

// looksMangled reports whether s has a prefix of a scheme we handle.
func looksMangled(s string) bool {
	return strings.HasPrefix(s, "_R") || strings.HasPrefix(s, "_Z")
}

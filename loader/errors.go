package loader

import "fmt"

// ErrorKind classifies why an ELF file was rejected.
type ErrorKind int

// Error kinds. The zero value is not used.
const (
	NotELF         ErrorKind = iota + 1 // no "\x7fELF" magic
	BadClass                            // not ELFCLASS32
	BadEndian                           // not little-endian (ELFDATA2LSB)
	BadVersion                          // EI_VERSION or e_version is not EV_CURRENT
	BadType                             // not an executable (e.g. a relocatable .o)
	BadMachine                          // e_machine is not EM_ARM
	BadHeader                           // inconsistent ELF header fields (e_ehsize, e_phentsize)
	Truncated                           // a header, table or segment runs past the end of the file
	TooLarge                            // a count or size is larger than the file or any memory region
	BadSegment                          // a malformed PT_LOAD (p_filesz > p_memsz)
	NoSegments                          // nothing to load
	SegmentOutside                      // a segment does not fit in the target's memory regions
	SegmentOverlap                      // two segments occupy the same memory
	NoVectorTable                       // no valid Cortex-M vector table at the boot address
	BadSections                         // malformed section header table
	BadSymbols                          // malformed .symtab or its string table
	FileError                           // the file could not be read (ParseFile only)
	Internal                            // a bug in the loader; the input tripped an unexpected path
)

var kindNames = [...]string{
	NotELF:         "not an ELF file",
	BadClass:       "wrong ELF class",
	BadEndian:      "wrong byte order",
	BadVersion:     "unsupported ELF version",
	BadType:        "not an executable",
	BadMachine:     "wrong machine",
	BadHeader:      "bad ELF header",
	Truncated:      "truncated file",
	TooLarge:       "size too large",
	BadSegment:     "bad segment",
	NoSegments:     "no loadable segments",
	SegmentOutside: "segment outside target memory",
	SegmentOverlap: "overlapping segments",
	NoVectorTable:  "no vector table",
	BadSections:    "bad section header table",
	BadSymbols:     "bad symbol table",
	FileError:      "cannot read file",
	Internal:       "internal loader error",
}

// String returns a short human-readable name for the kind.
func (k ErrorKind) String() string {
	if k > 0 && int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Error is the error type returned by Parse and ParseFile.
type Error struct {
	Kind ErrorKind
	Msg  string // what is wrong, phrased for the user, without the "loader: " prefix
	File string // set by ParseFile
	Err  error  // underlying error, if any (FileError)
}

// Error formats the error as "loader: [file: ]msg".
func (e *Error) Error() string {
	if e.File != "" {
		return "loader: " + e.File + ": " + e.Msg
	}
	return "loader: " + e.Msg
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error of the same Kind, so that
// errors.Is(err, &loader.Error{Kind: loader.Truncated}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}

func errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

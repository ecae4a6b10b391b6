// Package loader reads a firmware ELF file for m7emu: it checks that the
// file is a 32-bit little-endian ARM executable (hard- or soft-float), that
// its loadable segments fit the target's memory, and that a Cortex-M vector
// table sits at the boot address; and it builds a symbol table for
// disassembly, traces and the TUI.
//
// Loading follows the flash programmers (probe-rs): each PT_LOAD program
// header with file data is placed at its physical address p_paddr (the LMA),
// not at its run-time address. Segments without file data (.bss, NOLOAD
// sections such as .uninit) are never loaded. Symbols come from .symtab,
// with the Thumb bit (bit 0 of a function's st_value) cleared, and an
// optional demangling hook; AAELF mapping symbols ($a, $t, $d) are kept
// apart as ranges so a disassembler can show literal pools as data.
//
// The parser reads the ELF32 structures itself, using debug/elf only for
// its constants. Every offset and count is checked against the file before
// use, so hostile input yields a typed *Error (see ErrorKind) rather than a
// panic or an allocation larger than a small multiple of the file. The
// standard library's elf.NewFile is not used on the input because it can
// decompress SHF_COMPRESSED sections without a size bound and accepts
// tables this package must reject with a precise message; the tests use it
// as an independent oracle on real ELFs.
//
// Sources:
//   - System V ABI, "ELF Header", "Sections", "Symbol Table", "Program
//     Header" (ELF32 layouts, e_ident, PN_XNUM, SHN_LORESERVE numbering).
//   - Arm, "ELF for the Arm Architecture" (AAELF, IHI 0044): e_flags
//     (EF_ARM_EABIMASK, EF_ARM_ABI_FLOAT_HARD 0x400, EF_ARM_ABI_FLOAT_SOFT
//     0x200, §5.2.1), symbol values of Thumb functions (§5.5.3) and mapping
//     symbols $a/$t/$d with optional ".suffix" (§5.5.5).
//   - Armv7-M Architecture Reference Manual (DDI 0403E) B1.5.3: the vector
//     table starts with the initial SP_main and the reset vector, whose
//     bit 0 must be 1 (Thumb state).
package loader

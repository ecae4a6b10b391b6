// Package thumb is the state-free Thumb-2 decoder and disassembler for ARMv7E-M.
//
// It follows the Armv7-M Architecture Reference Manual (Arm DDI0403E.e), chapter A5
// (instruction set encoding) and chapter A7 (instruction details). Decoding a halfword
// pair yields a normalised Inst: every encoding of one instruction (T1, T2, T3 …) maps
// onto the same Op with the same operand fields, so one execute function serves all
// encodings (the decodetree idea of QEMU, done with Go literals).
//
// The decoder holds no machine state, so the CPU, the disassembler command, traces and
// the TUI all use the same tables. IT-block context, which changes how a 16-bit
// instruction sets flags and how it is printed, is passed in by the caller (see
// ITState and Context).
//
// The tables are rows of bit patterns written as in the manual's encoding diagrams
// ('0', '1', or '.' for an operand bit; spaces and '_' are ignored). A more specific
// pattern (more fixed bits) is tried first; a row's decode function may decline an
// encoding (return false) so that the next row is tried, which is how the manual's
// "SEE <other instruction>" notes are expressed.
//
// Floating-point (coprocessor 10/11, FPv5-D16) encodings are decoded by fp.go; other
// coprocessors and Advanced SIMD do not exist on ARMv7E-M and decode as OpUNDEFINED.
package thumb

// Package semihost implements the host side of ARM semihosting for the emulator:
// the operations a Cortex-M program requests with BKPT #0xAB (r0 = operation
// number, r1 = a value or the address of a parameter block, result in r0).
//
// # Sources
//
// The behaviour follows "Semihosting for AArch32 and AArch64", Release 2.0 (Arm,
// document 100863; now maintained as semihosting/semihosting.rst in
// github.com/ARM-software/abi-aa), chapter "Semihosting operations" for each
// SYS_* call and the "Semihosting extensions" chapter for the v2 feature file
// (":semihosting-features", SH_EXT_EXIT_EXTENDED, SH_EXT_STDOUT_STDERR). Where the
// specification leaves a choice open, QEMU's semihosting (semihosting/
// arm-compat-semi.c, semihosting/syscalls.c) is the reference for the observable
// behaviour; none of its code is used. The project-level conventions are in
// conventions.md §1 (operations, exit mapping) and §6.3 (exit codes).
//
// # Operations
//
//	0x01 SYS_OPEN         ":tt" (modes 0–3 stdin, 4–7 stdout, 8–11 stderr),
//	                      ":semihosting-features" (modes 0–1 only), host files
//	                      under Config.Root only
//	0x02 SYS_CLOSE        0 or -1 (EBADF)
//	0x03 SYS_WRITEC       byte at [r1] to Stdout; r0 = 0xDEADBEEF (as QEMU)
//	0x04 SYS_WRITE0       NUL-terminated string at r1 to Stdout; r0 = 0xDEADBEEF
//	0x05 SYS_WRITE        {handle, ptr, len}; returns bytes NOT written
//	0x06 SYS_READ         {handle, ptr, len}; returns bytes NOT read (len = EOF)
//	0x07 SYS_READC        one byte from Stdin; -1 at end of input
//	0x08 SYS_ISERROR      {status}; 1 if status is negative, else 0
//	0x09 SYS_ISTTY        {handle}; 1 for ":tt", 0 for files, -1 (EBADF)
//	0x0A SYS_SEEK         {handle, pos}; 0, or -1 (ESPIPE on ":tt")
//	0x0C SYS_FLEN         {handle}; length (0 for ":tt"), or -1
//	0x0D SYS_TMPNAM       {ptr, id, size}; "m7emu-tmp-NNN" under Root, else -1
//	0x0E SYS_REMOVE       {ptr, len}; only under Root
//	0x0F SYS_RENAME       {ptr, len, ptr, len}; only under Root
//	0x10 SYS_CLOCK        centiseconds of emulated time
//	0x11 SYS_TIME         Config.EpochSeconds + emulated seconds
//	0x12 SYS_SYSTEM       refused: -1, errno EPERM
//	0x13 SYS_ERRNO        errno of the last failed call
//	0x15 SYS_GET_CMDLINE  {ptr, size}; NUL-terminated Cmdline, size := length
//	0x16 SYS_HEAPINFO     writes Config.HeapInfo to the block whose address is at [r1]
//	0x18 SYS_EXIT         r1 = reason (AArch32); 0x20026 → status 0, else 1
//	0x20 SYS_EXIT_EXTENDED {reason, subcode}; 0x20026 → status subcode, else 1
//	0x30 SYS_ELAPSED      64-bit tick count at r1, low word first
//	0x31 SYS_TICKFREQ     Clock.TickFreq(), or -1 if unknown
//
// Any other operation goes to Config.Extra if set (embedded-test's 0x100, for
// example); otherwise Config.Warn is called once per operation number and r0 is
// -1, and execution continues (as probe-rs does).
//
// # Handles
//
// Every successful SYS_OPEN, of ":tt", the feature file or a host file, takes the
// lowest free handle number starting at 1 (handles must be non-zero); nothing is
// pre-opened, so a program that opens ":tt" for reading, then for writing, then for
// appending gets 1, 2 and 3, as under QEMU. At most MaxHandles are open at once
// (EMFILE beyond). Numbering depends only on the program's own calls, so it is
// deterministic.
//
// # Host files
//
// With Config.Root == "" no host file is reachable: SYS_OPEN of any other name,
// SYS_REMOVE, SYS_RENAME and SYS_TMPNAM fail with EACCES. With a root, names are
// taken relative to it (an absolute name is accepted only if it lies inside the
// root) and all access goes through os.Root, so neither "..", nor an absolute
// path, nor a symbolic link can reach outside it; os.Root also refuses absolute
// symbolic links even when they point inside. Only regular files can be opened
// (a directory gives EISDIR, a device or FIFO EACCES), which keeps SYS_OPEN from
// blocking on a FIFO. New files are created with permission 0644.
//
// # errno
//
// SYS_ERRNO returns the value set by the last call that failed; successful calls
// leave it alone. The values are Linux's (what QEMU on a Linux host reports);
// 1–34 coincide with newlib's and picolibc's.
//
// # Determinism and bounds
//
// Time comes only from Config.Clock (emulated time), never from the host clock.
// Console input is delivered with a line discipline: a SYS_READ on ":tt" returns
// once it has a newline, its full length (at most 4096 bytes per call) or end of
// input, so the bytes each call returns depend only on the input bytes, not on how
// the host delivered them. No length taken from target memory sizes an
// allocation: transfers stream through a 4 KiB buffer, names are capped at 4096
// bytes and SYS_WRITE0 strings at 1 MiB.
//
// Bad pointers never panic: a parameter block that cannot be read gives -1 with
// errno EFAULT (14). For SYS_WRITE and SYS_READ a bad data pointer stops the
// transfer at the first inaccessible byte; the result is, as the specification
// defines it, the number of bytes not transferred, and errno is EFAULT.
//
// Not modelled: semihosting on A64 (64-bit fields), SYS_SYNCCACHE (A64 only),
// SYS_ISERROR's host-specific status encodings beyond "negative is an error",
// and host stdin as a terminal (input is whatever Config.Stdin yields).
package semihost

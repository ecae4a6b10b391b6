/* Semihosting and a tiny printf-free formatter for m7emu's test firmware.
 *
 * Semihosting follows "Semihosting for AArch32 and AArch64" (Arm, 2019): BKPT #0xAB in Thumb
 * state, r0 = operation, r1 = argument or parameter block; the result comes back in r0.
 */
#ifndef M7EMU_SH_H
#define M7EMU_SH_H

#include <stdint.h>

/* Raw semihosting calls. */
void sh_write0(const char *s);          /* SYS_WRITE0 (0x04) */
void sh_writec(char c);                 /* SYS_WRITEC (0x03) */
void sh_exit(int code) __attribute__((noreturn)); /* SYS_EXIT_EXTENDED (0x20) {0x20026, code} */

/* Buffered output: text is collected in a line buffer and sent with one SYS_WRITE0 per line
 * (or when the buffer fills), which keeps the number of semihosting traps small. */
void out_char(char c);
void out_str(const char *s);
void out_hex(uint32_t v);               /* exactly 8 lower-case hex digits */
void out_hexn(uint32_t v, int digits);  /* the low `digits` hex digits */
void out_udec(uint32_t v);
void out_dec(int32_t v);
void out_nl(void);                      /* '\n' and flush */
void out_flush(void);

/* "label=xxxxxxxx\n" */
void out_kv(const char *label, uint32_t v);

#endif

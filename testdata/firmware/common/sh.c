/* Semihosting and output formatting; see sh.h. */
#include "sh.h"

#define SYS_WRITEC 0x03
#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_Stopped_ApplicationExit 0x20026

static inline uint32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void sh_write0(const char *s) { semihost(SYS_WRITE0, s); }

void sh_writec(char c) { semihost(SYS_WRITEC, &c); }

void sh_exit(int code)
{
    out_flush();
    static uint32_t block[2];
    block[0] = ADP_Stopped_ApplicationExit;
    block[1] = (uint32_t)code;
    for (;;)
        semihost(SYS_EXIT_EXTENDED, block);
}

static char line[128];
static unsigned line_len;

void out_flush(void)
{
    if (line_len == 0)
        return;
    line[line_len] = 0;
    sh_write0(line);
    line_len = 0;
}

void out_char(char c)
{
    line[line_len++] = c;
    if (c == '\n' || line_len >= sizeof(line) - 1)
        out_flush();
}

void out_str(const char *s)
{
    while (*s)
        out_char(*s++);
}

void out_hexn(uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--)
        out_char("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
}

void out_hex(uint32_t v) { out_hexn(v, 8); }

void out_udec(uint32_t v)
{
    char buf[10];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        out_char(buf[--n]);
}

void out_dec(int32_t v)
{
    if (v < 0) {
        out_char('-');
        out_udec(0u - (uint32_t)v);
    } else {
        out_udec((uint32_t)v);
    }
}

void out_nl(void) { out_char('\n'); }

void out_kv(const char *label, uint32_t v)
{
    out_str(label);
    out_char('=');
    out_hex(v);
    out_nl();
}

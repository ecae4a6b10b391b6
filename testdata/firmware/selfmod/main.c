/* selfmod: copies Thumb routines into RAM, runs them, patches them in place (DSB; ISB after each
 * change, Arm DDI0403E A3.5.10 / B2.2.1) and runs them again. An emulator that caches decoded
 * instructions must notice the writes. */
#include "sh.h"

extern const uint16_t rf_add[], rf_add_end[], rf_sum[], rf_sum_end[], rf_mul[], rf_mul_end[];

static uint16_t code[32] __attribute__((aligned(8)));

typedef uint32_t fn(uint32_t);

static inline void sync(void) { __asm__ volatile("dsb\n\tisb" ::: "memory"); }

static fn *entry(void) { return (fn *)((uintptr_t)code | 1); }

static void load(const uint16_t *start, const uint16_t *end)
{
    volatile uint16_t *d = code;
    while (start < end)
        *d++ = *start++;
    sync();
}

static void show(const char *what, uint32_t v)
{
    out_str(what);
    out_str(" = ");
    out_udec(v);
    out_nl();
}

int main(void)
{
    out_str("selfmod: code in RAM\n");
    load(rf_add, rf_add_end);
    show("add(10)       [10+5+4660]", entry()(10));
    /* patch MOVS r1,#5 -> #42 with a halfword store */
    code[0] = (uint16_t)((code[0] & 0xff00) | 42);
    sync();
    show("add(10) #42   [10+42+4660]", entry()(10));
    /* patch the MOVW immediate's low byte with a byte store: 0x1234 -> 0x1200 */
    ((volatile uint8_t *)code)[6] = 0x00;
    sync();
    show("add(10) #1200 [10+42+4608]", entry()(10));
    /* several patches in a row, each followed by a call */
    uint32_t acc = 0;
    for (uint32_t i = 1; i <= 8; i++) {
        code[0] = (uint16_t)((code[0] & 0xff00) | (i * 16));
        sync();
        acc += entry()(i);
    }
    show("add loop      [36+576+8*4608]", acc);

    /* a whole new routine over the old one */
    load(rf_sum, rf_sum_end);
    show("sum(100)      [5050]", entry()(100));
    load(rf_mul, rf_mul_end);
    show("mul(7)        [21]", entry()(7));
    /* LSLS r1,r0,#1 -> LSLS r1,r0,#4 : x + 16x */
    code[0] = (uint16_t)((code[0] & ~(0x1fu << 6)) | (4u << 6));
    sync();
    show("mul(7) lsl #4 [119]", entry()(7));
    /* back to the first routine, with a word-sized copy this time */
    {
        volatile uint32_t *d = (volatile uint32_t *)code;
        const uint32_t *s = (const uint32_t *)rf_add;
        for (unsigned i = 0; i < (unsigned)(rf_add_end - rf_add) / 2; i++)
            d[i] = s[i];
        sync();
    }
    show("add(1)        [1+5+4660]", entry()(1));
    out_str("selfmod: done\n");
    return 0;
}

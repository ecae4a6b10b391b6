/* bitops: bit-field and reversal instructions over a set of vectors, and IT blocks under all 16
 * combinations of N, Z, C, V, printing checksums and a few raw results. */
#include "sh.h"

typedef uint32_t test_fn(const uint32_t in[4]);
test_fn bo_bits, bo_it;

static const uint32_t vectors[][3] = {
    {0x12345678, 0x9abcdef0, 0x0fedcba9}, {0x00000000, 0x00000000, 0x00000000},
    {0xffffffff, 0x00000001, 0x7fffffff}, {0x80000000, 0x80008000, 0x00010000},
    {0xdeadbeef, 0x0000ff80, 0x00000001},
};

static void show(const char *name, uint32_t v)
{
    out_str(name);
    out_str(" = ");
    out_hex(v);
    out_nl();
}

int main(void)
{
    out_str("bitops: bit fields, reversal, IT blocks\n");
    uint32_t sum = 0;
    for (unsigned v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
        uint32_t in[4] = {vectors[v][0], vectors[v][1], vectors[v][2], 0};
        sum = (sum << 3 | sum >> 29) ^ bo_bits(in);
    }
    show("bits", sum);

    /* IT blocks: one checksum per NZCV value, two operand pairs each */
    for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
        uint32_t in1[4] = {0x12345678, 0x12345678, 0, nzcv << 28};
        uint32_t in2[4] = {0x80000000, 0x00000001, 0, nzcv << 28};
        out_str("it nzcv=");
        out_hexn(nzcv, 1);
        out_char(' ');
        out_hex(bo_it(in1));
        out_char(' ');
        out_hex(bo_it(in2));
        out_nl();
    }

    uint32_t r;
    __asm__("rbit %0, %1" : "=r"(r) : "r"(0x00000001u));
    show("rbit 1", r); /* 80000000 */
    __asm__("clz %0, %1" : "=r"(r) : "r"(0x00010000u));
    show("clz 00010000", r); /* 15 = f */
    __asm__("revsh %0, %1" : "=r"(r) : "r"(0x12345680u));
    show("revsh 12345680", r); /* ffff8056 */
    __asm__("rev16 %0, %1" : "=r"(r) : "r"(0x11223344u));
    show("rev16 11223344", r); /* 22114433 */
    __asm__("sbfx %0, %1, #4, #8" : "=r"(r) : "r"(0x00000f80u));
    show("sbfx f80,#4,#8", r); /* fffffff8 */
    r = 0xffffffffu;
    __asm__("bfi %0, %1, #8, #12" : "+r"(r) : "r"(0x00000123u));
    show("bfi ffffffff,123,#8,#12", r); /* fff123ff */
    out_str("bitops: done\n");
    return 0;
}

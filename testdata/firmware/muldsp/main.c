/* muldsp: runs the multiply/DSP/divide tests of muldsp.S over a set of input vectors and prints one
 * checksum per group, then a few raw results computed in C and with single instructions. */
#include "sh.h"

typedef uint32_t test_fn(const uint32_t in[4]);
test_fn md_mul, md_halfword, md_mostsig, md_dual, md_div;

static const struct {
    const char *name;
    test_fn *fn;
} groups[] = {
    {"mul", md_mul}, {"halfword", md_halfword}, {"mostsig", md_mostsig}, {"dual", md_dual}, {"div", md_div},
};

/* a, b, c (accumulator) */
static const uint32_t vectors[][3] = {
    {0x12345678, 0x9abcdef0, 0x0fedcba9}, {0x00000000, 0x00000000, 0x00000000},
    {0xffffffff, 0x00000001, 0x7fffffff}, {0x7fff7fff, 0x7fff7fff, 0x7fffffff},
    {0x80008000, 0x80008000, 0x80000000}, {0x80000000, 0xffffffff, 0xffffffff},
    {0xdeadbeef, 0x00000007, 0x00000003}, {0xffff0001, 0x0001ffff, 0x12345678},
    {0x00000064, 0x00000000, 0x80000001},
};

static inline uint32_t mrs_apsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, APSR" : "=r"(v));
    return v;
}

static inline void clear_q(void) { __asm__ volatile("msr APSR_nzcvq, %0" ::"r"(0) : "cc"); }

static void show(const char *name, uint32_t v)
{
    out_str(name);
    out_str(" = ");
    out_hex(v);
    out_nl();
}

int main(void)
{
    out_str("muldsp: multiplies and divides\n");
    for (unsigned g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        out_str(groups[g].name);
        for (unsigned f = 0; f < 2; f++) {
            uint32_t sum = 0;
            for (unsigned v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
                uint32_t in[4] = {vectors[v][0], vectors[v][1], vectors[v][2], f ? 0xf80f0000u : 0};
                sum = (sum << 3 | sum >> 29) ^ groups[g].fn(in);
            }
            out_char(' ');
            out_hex(sum);
        }
        out_nl();
    }

    /* A few single results, written so that the expected values can be checked by hand. */
    volatile uint32_t a = 0xfffffffe, b = 3, z = 0, m = 0x80000000, m1 = 0xffffffff;
    uint64_t u = (uint64_t)a * b; /* umull: 2fffffffa */
    show("umull fffffffe*3 hi", (uint32_t)(u >> 32));
    show("umull fffffffe*3 lo", (uint32_t)u);
    int64_t s = (int64_t)(int32_t)a * (int32_t)b; /* smull: -6 */
    show("smull -2*3 hi", (uint32_t)((uint64_t)s >> 32));
    show("smull -2*3 lo", (uint32_t)s);
    uint32_t q;
    __asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(a), "r"(z));
    show("udiv x/0", q);
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(q) : "r"(m), "r"(m1));
    show("sdiv INT_MIN/-1", q);
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(q) : "r"((uint32_t)-7), "r"(b));
    show("sdiv -7/3", q);
    clear_q();
    uint32_t r;
    __asm__ volatile("smlabb %0, %1, %1, %2" : "=r"(r) : "r"(0x8000u), "r"(0x7fffffffu));
    uint32_t apsr = mrs_apsr();
    show("smlabb 8000*8000+7fffffff", r);
    show("  apsr (Q)", apsr & 0xf8000000u);
    clear_q();
    __asm__ volatile("smuad %0, %1, %1" : "=r"(r) : "r"(0x80008000u));
    apsr = mrs_apsr();
    show("smuad 80008000*80008000", r);
    show("  apsr (Q)", apsr & 0xf8000000u);
    __asm__ volatile("smmulr %0, %1, %2" : "=r"(r) : "r"(0x40000000u), "r"(3u));
    show("smmulr 40000000*3", r);
    out_str("muldsp: done\n");
    return 0;
}

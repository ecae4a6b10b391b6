/* alu: runs the data-processing tests of alu.S over a set of input vectors, with the flags clear
 * and set on entry, and prints one checksum per test group and flag state. */
#include "sh.h"

typedef uint32_t test_fn(const uint32_t in[4]);
void alu_samples(uint32_t out[]);
test_fn alu_arith_imm, alu_arith_reg, alu_logic_imm, alu_logic_reg, alu_shift, alu_misc;

static const struct {
    const char *name;
    test_fn *fn;
} groups[] = {
    {"arith_imm", alu_arith_imm}, {"arith_reg", alu_arith_reg}, {"logic_imm", alu_logic_imm},
    {"logic_reg", alu_logic_reg}, {"shift", alu_shift},         {"misc", alu_misc},
};

/* a, b, shift amount */
static const uint32_t vectors[][3] = {
    {0x12345678, 0x9abcdef0, 4},  {0x00000000, 0x00000000, 0}, {0xffffffff, 0x00000001, 1},
    {0x7fffffff, 0x00000001, 31}, {0x80000000, 0x80000000, 32}, {0x00000001, 0xffffffff, 33},
    {0xdeadbeef, 0x00000003, 255}, {0x80000001, 0x7ffffffe, 0x1e0},
};

int main(void)
{
    out_str("alu: data processing\n");
    for (unsigned g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        out_str(groups[g].name);
        for (unsigned f = 0; f < 2; f++) {
            uint32_t sum = 0;
            for (unsigned v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
                uint32_t in[4] = {vectors[v][0], vectors[v][1], vectors[v][2], f ? 0xf8000000u : 0};
                uint32_t r = groups[g].fn(in);
                sum = (sum << 3 | sum >> 29) ^ r;
            }
            out_char(' ');
            out_hex(sum);
        }
        out_nl();
    }
    static const char *const sample_names[] = {
        "adds 7fffffff+1", "lsls 80000001,#1", "asrs 80000001,32", "rors 80000001,0x120",
        "rrxs 2 (C=1)", "ands ff,#0x3fc (C=1)", "sbcs 0-0 (C=0)", "subs 80000000-1", "lsls 80000001,33",
    };
    uint32_t s[2 * 9];
    alu_samples(s);
    for (unsigned i = 0; i < 9; i++) {
        out_str(sample_names[i]);
        out_str(" = ");
        out_hex(s[2 * i]);
        out_str(" apsr ");
        out_hex(s[2 * i + 1]);
        out_nl();
    }
    out_str("alu: done\n");
    return 0;
}

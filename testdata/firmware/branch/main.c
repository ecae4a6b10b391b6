/* branch: conditional branches under every NZCV combination, CBZ/CBNZ, BL/BLX, function pointers,
 * recursion, a dense switch (TBB), and special-register access. */
#include "sh.h"

typedef uint32_t test_fn(const uint32_t in[4]);
test_fn br_cond, br_misc, br_sysregs;

__attribute__((noinline)) static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* gcc -O2 compiles this dense switch into a TBB table */
__attribute__((noinline)) static uint32_t sw(uint32_t x, uint32_t y)
{
    switch (x) {
    case 0: return y + 11;
    case 1: return y * 7 + 3;
    case 2: return y | 0x1234;
    case 3: return y << 9;
    case 4: return y - 99;
    case 5: return y ^ 0x55;
    case 6: return y * 1000;
    case 7: return y >> 3;
    case 8: return y & 42;
    case 9: return y * y;
    case 10: return ~y;
    case 11: return y + 0xffff;
    default: return 0xdead;
    }
}

/* The Armv7-M condition codes (Arm DDI0403E A7.3, Table A7-1), in encoding order EQ..LE. */
static int cond_holds(unsigned c, uint32_t nzcv)
{
    int n = nzcv >> 3 & 1, z = nzcv >> 2 & 1, cf = nzcv >> 1 & 1, v = nzcv & 1;
    int r;
    switch (c >> 1) {
    case 0: r = z; break;
    case 1: r = cf; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = cf && !z; break;
    case 5: r = n == v; break;
    default: r = !z && n == v; break;
    }
    return (c & 1) ? !r : r;
}

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t (*const volatile ops[4])(uint32_t, uint32_t) = {op_add, op_sub, op_mul, op_xor};

int main(void)
{
    out_str("branch: branches, calls, special registers\n");
    for (uint32_t nzcv = 0; nzcv < 16; nzcv++) {
        uint32_t in[4] = {nzcv & 1, 0, 0, nzcv << 28};
        uint32_t got = br_cond(in), want = 0;
        for (unsigned c = 0; c < 14; c++)
            want |= (uint32_t)cond_holds(c, nzcv) << c;
        want |= want << 14;
        out_str("cond nzcv=");
        out_hexn(nzcv, 1);
        out_str(" taken=");
        out_hex(got);
        out_str(got == want ? " ok" : " WRONG");
        out_nl();
    }
    for (uint32_t i = 0; i < 2; i++) {
        uint32_t in[4] = {i, 1 - i, 0, 0};
        out_kv("misc", br_misc(in));
    }
    out_str("fib(14) = ");
    out_udec(fib(14)); /* 377 */
    out_nl();
    out_str("switch");
    for (uint32_t i = 0; i < 14; i++) {
        out_char(' ');
        out_hex(sw(i, 0x10 + i));
    }
    out_nl();
    uint32_t acc = 5;
    for (unsigned i = 0; i < 12; i++)
        acc = ops[i & 3](acc, i + 3);
    out_kv("fnptr", acc);
    uint32_t in[4] = {1, 2, 3, 0};
    out_kv("sysregs", br_sysregs(in));
    out_str("branch: done\n");
    return 0;
}

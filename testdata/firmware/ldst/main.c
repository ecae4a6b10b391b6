/* ldst: runs the load/store tests of ldst.S on a RAM buffer, prints checksums of the loaded values
 * and of the buffer after the stores, plus a TBB/TBH switch and a few raw results. */
#include "sh.h"

typedef uint32_t test_fn(const uint32_t in[4]);
test_fn ls_imm, ls_reg, ls_multi, ls_excl;
uint32_t ls_table(uint32_t i);

static uint32_t buf[256];

static void fill(void)
{
    uint32_t x = 0x9e3779b9;
    for (unsigned i = 0; i < 256; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = x;
    }
}

static uint32_t buf_sum(void)
{
    uint32_t s = 0;
    for (unsigned i = 0; i < 256; i++)
        s = (s << 5 | s >> 27) ^ buf[i];
    return s;
}

static const struct {
    const char *name;
    test_fn *fn;
} groups[] = {{"imm", ls_imm}, {"reg", ls_reg}, {"multi", ls_multi}, {"excl", ls_excl}};

int main(void)
{
    out_str("ldst: loads and stores\n");
    fill();
    out_kv("buf[0]", buf[0]);
    out_kv("buf[255]", buf[255]);
    for (unsigned g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        uint32_t in[4] = {(uint32_t)&buf[64], 3, 0x40, 0};
        uint32_t r = groups[g].fn(in);
        out_str(groups[g].name);
        out_char(' ');
        out_hex(r);
        out_str(" buf ");
        out_hex(buf_sum());
        out_nl();
    }
    out_str("table");
    for (uint32_t i = 0; i < 16; i++) {
        out_char(' ');
        out_udec(ls_table(i));
    }
    out_nl();

    /* raw values checked by hand */
    volatile uint8_t *b = (volatile uint8_t *)&buf[0];
    buf[0] = 0x44332211;
    buf[1] = 0x88776655;
    out_kv("unaligned word at +1", *(volatile uint32_t *)(b + 1));   /* 55443322 */
    out_kv("unaligned half at +3", *(volatile uint16_t *)(b + 3));   /* 5544 */
    out_kv("signed byte at +7", (uint32_t)(int32_t)*(volatile int8_t *)(b + 7)); /* ffffff88 */
    out_str("ldst: done\n");
    return 0;
}

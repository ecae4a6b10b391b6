/* demo: the firmware `m7emu run` runs when no ELF is given. Prints a banner, a fixed-point ASCII
 * Mandelbrot set, the primes below 200 from a sieve and the CRC-32 of a pangram, then exits 0. */
#include "sh.h"

#define W 60
#define H 20
#define FRAC 13 /* Q13 fixed point: 1.0 = 8192 */
#define MAXIT 24

static void mandelbrot(void)
{
    static const char shade[] = " .:-=+*#%@";
    const int32_t x0 = -(int32_t)(2.15 * (1 << FRAC)), x1 = (int32_t)(0.65 * (1 << FRAC));
    const int32_t y0 = -(int32_t)(1.2 * (1 << FRAC)), y1 = (int32_t)(1.2 * (1 << FRAC));
    for (int row = 0; row < H; row++) {
        int32_t ci = y0 + (y1 - y0) * row / (H - 1);
        for (int col = 0; col < W; col++) {
            int32_t cr = x0 + (x1 - x0) * col / (W - 1);
            int32_t zr = 0, zi = 0;
            int it = 0;
            /* points in the main cardioid or the period-2 bulb never escape: skip the iteration */
            int32_t xq = cr - (1 << FRAC) / 4, y2 = (ci * ci) >> FRAC;
            int32_t q = ((xq * xq) >> FRAC) + y2;
            int32_t xb = cr + (1 << FRAC);
            if ((((int64_t)q * (q + xq)) >> FRAC) <= y2 / 4 || ((xb * xb) >> FRAC) + y2 <= (1 << FRAC) / 16)
                it = MAXIT;
            while (it < MAXIT) {
                int32_t zr2 = (zr * zr) >> FRAC, zi2 = (zi * zi) >> FRAC;
                if (zr2 + zi2 > (4 << FRAC))
                    break;
                zi = ((zr * zi) >> (FRAC - 1)) + ci;
                zr = zr2 - zi2 + cr;
                it++;
            }
            out_char(it == MAXIT ? '@' : shade[it * 9 / MAXIT]);
        }
        out_nl();
    }
}

static void primes(void)
{
    static uint8_t composite[200];
    int n = 0;
    out_str("primes below 200:");
    for (int i = 2; i < 200; i++) {
        if (composite[i])
            continue;
        if (n % 16 == 0)
            out_str("\n ");
        out_char(' ');
        out_udec((uint32_t)i);
        n++;
        for (int j = i * i; j < 200; j += i)
            composite[j] = 1;
    }
    out_str("\n(");
    out_udec((uint32_t)n);
    out_str(" primes)\n");
}

static uint32_t crc32(const char *s)
{
    uint32_t crc = 0xffffffffu;
    while (*s) {
        crc ^= (uint8_t)*s++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

int main(void)
{
    out_str("m7emu demo: STM32F769I-DISCO (Cortex-M7), console over semihosting\n\n");
    mandelbrot();
    out_nl();
    primes();
    const char *text = "The quick brown fox jumps over the lazy dog";
    out_str("crc32(\"");
    out_str(text);
    out_str("\") = 0x");
    out_hex(crc32(text));
    out_nl();
    out_str("demo: done\n");
    return 0;
}

/* fp_calc: C floating-point code as gcc compiles it for -mcpu=cortex-m7 -mfpu=fpv5-d16
 * -mfloat-abi=hard, printed as bit patterns in hex.
 *
 * Everything is computed with FPv5 instructions in line; no libgcc or libm routine is called.
 *   - gcc's built-ins map to FPv5 instructions: sqrt → VSQRT; fma with negations → VFMA/VFMS/
 *     VFNMA/VFNMS; floor, ceil, trunc, round, rint and nearbyint → VRINTM/P/Z/A/X/R; fmax/fmin →
 *     VMAXNM/VMINNM; with -ffast-math (per function), lround/lfloor/lceil → VCVTA/M/P.
 *   - Float comparisons that select a value → VSEL.
 *   - C casts → VCVT (float↔double, ↔int32/uint32 with round-towards-zero).
 *   - With -ffast-math (per function), scaling by powers of two → fixed-point VCVT with fraction
 *     bits.
 *   - Inline assembly covers what gcc does not emit for this target: VMLA/VMLS/VNMLA/VNMLS,
 *     VRINTN and VCVTN (gcc 12 calls libm for roundeven), VCVTR.U32, and VCVTB/VCVTT (gcc's
 *     __fp16 needs -mfp16-format, which the shared flags do not set).
 *     It also sets FPSCR: rounding modes, flush-to-zero, default NaN and the alternative
 *     half-precision format, and it reads the cumulative exception flags.
 * Operands are read from volatile tables, so gcc cannot fold the results at compile time. */
#include <stdint.h>
#include "sh.h"

/* Bit patterns through unions (-ffreestanding would turn memcpy into calls). */
static uint32_t fbits(float f)
{
    union {
        float f;
        uint32_t u;
    } c = {.f = f};
    return c.u;
}

static uint64_t dbits(double d)
{
    union {
        double d;
        uint64_t u;
    } c = {.d = d};
    return c.u;
}

static float bitsf(uint32_t u)
{
    union {
        uint32_t u;
        float f;
    } c = {.u = u};
    return c.f;
}

static void out_f(float f)
{
    out_char(' ');
    out_hex(fbits(f));
}

static void out_d(double d)
{
    uint64_t u = dbits(d);
    out_char(' ');
    out_hex((uint32_t)(u >> 32));
    out_hex((uint32_t)u);
}

static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v)::"memory");
    return v;
}

static void set_fpscr(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" ::"r"(v) : "memory"); }

/* FPSCR after the operation that produced v (the dependency keeps the operation before VMRS). */
static uint32_t fpscr_after(float v)
{
    uint32_t r;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(r) : "t"(v) : "memory");
    return r;
}

/* Half-precision conversions (VCVTB/VCVTT, Arm DDI0403E A7.7.230). */
static uint32_t half_of(float x)
{
    float d = 0.0f;
    __asm__ volatile("vcvtb.f16.f32 %0, %1" : "+t"(d) : "t"(x));
    return fbits(d) & 0xffff;
}

static uint32_t half_of_d(double x)
{
    float d = 0.0f;
    __asm__ volatile("vcvtb.f16.f64 %0, %P1" : "+t"(d) : "w"(x));
    return fbits(d) & 0xffff;
}

static float from_half(uint32_t h)
{
    float s = bitsf(h), r;
    __asm__ volatile("vcvtb.f32.f16 %0, %1" : "=t"(r) : "t"(s));
    return r;
}

static float from_half_top(uint32_t h)
{
    float s = bitsf(h << 16 | 0xa5a5), r;
    __asm__ volatile("vcvtt.f32.f16 %0, %1" : "=t"(r) : "t"(s));
    return r;
}

static double from_half_top_d(uint32_t h)
{
    float s = bitsf(h << 16 | 0x5a5a);
    double r;
    __asm__ volatile("vcvtt.f64.f16 %P0, %1" : "=w"(r) : "t"(s));
    return r;
}

/* Operands: normal values, halfway cases for rounding to integral, signed zeros, subnormals,
 * infinities and NaNs. */
static volatile float fin[] = {
    1.0f, -1.0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 0.49999997f, 3.14159265f, -2.71828183f, 1e-3f,
    123456.789f, -8388607.5f, 16777215.0f, 1e30f, -0.0f, 0.0f, 0x1p-149f, -0x1p-130f, 0x1p-126f,
    0x1.fffffep127f, __builtin_inff(), -__builtin_inff(), __builtin_nanf("0x123"), -__builtin_nanf(""),
};
static volatile double din[] = {
    1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 3.141592653589793, -2.718281828459045,
    1e-3, 123456.789, -4503599627370495.5, 9007199254740991.0, 1e300, -0.0, 0.0, 0x1p-1074, -0x1p-1030,
    0x1p-1022, 0x1.fffffffffffffp1023, __builtin_inf(), -__builtin_inf(), __builtin_nan("0x456"), 2147483647.5,
};
#define NF (sizeof fin / sizeof fin[0])
#define ND (sizeof din / sizeof din[0])

/* VSQRT. gcc calls libm's sqrtf when the argument may be negative, to set errno; the argument of
 * fabs cannot be. */
static float vsqrtf(float x) { return __builtin_sqrtf(__builtin_fabsf(x)); }

/* ---- 1. arithmetic: + - * / sqrt, contracted and explicit fma ---- */

__attribute__((noinline)) static void arith(void)
{
    out_str("arith f32 (a+b a-b a*b a/b sqrt(|a|) fma(a,b,a) a*b+1 fma(-a,b,a) -fma(a,b,b) fma(a,b,-a)):\n");
    for (unsigned i = 0; i + 1 < NF; i += 2) {
        float a = fin[i], b = fin[i + 1];
        out_f(a + b);
        out_f(a - b);
        out_f(a * b);
        out_f(a / b);
        out_f(__builtin_sqrtf(__builtin_fabsf(a)));
        out_f(__builtin_fmaf(a, b, a));
        out_f(a * b + 1.0f);
        out_f(__builtin_fmaf(-a, b, a));
        out_f(-__builtin_fmaf(a, b, b));
        out_f(__builtin_fmaf(a, b, -a));
        out_nl();
    }
    out_str("arith f64:\n");
    for (unsigned i = 0; i + 1 < ND; i += 2) {
        double a = din[i], b = din[i + 1];
        out_d(a + b);
        out_d(a - b);
        out_d(a * b);
        out_d(a / b);
        out_d(__builtin_sqrt(__builtin_fabs(a)));
        out_d(__builtin_fma(a, b, a));
        out_d(-(a * b) - 1.0);
        out_d(__builtin_fma(-a, b, a));
        out_d(-__builtin_fma(a, b, b));
        out_d(__builtin_fma(a, b, -a));
        out_nl();
    }
}

/* ---- 2. rounding to integral and to integers ---- */

__attribute__((noinline, optimize("fast-math"))) static int32_t lround_fast(float x)
{
    return (int32_t)__builtin_lroundf(x);
}

__attribute__((noinline, optimize("fast-math"))) static int32_t lround_fast_d(double x)
{
    return (int32_t)__builtin_lround(x);
}

__attribute__((noinline, optimize("fast-math"))) static void lfloor_ceil_rint(float x, double y, int32_t r[6])
{
    r[0] = (int32_t)__builtin_lfloorf(x);
    r[1] = (int32_t)__builtin_lceilf(x);
    r[2] = (int32_t)__builtin_rintf(x);
    r[3] = (int32_t)__builtin_lfloor(y);
    r[4] = (int32_t)__builtin_lceil(y);
    r[5] = (int32_t)__builtin_rint(y);
}

/* VRINTN: gcc 12 calls libm for roundeven. */
static float asm_vrintn(float x)
{
    float r;
    __asm__ volatile("vrintn.f32 %0, %1" : "=t"(r) : "t"(x));
    return r;
}

static double asm_vrintn_d(double x)
{
    double r;
    __asm__ volatile("vrintn.f64 %P0, %P1" : "=w"(r) : "w"(x));
    return r;
}

static uint32_t asm_vcvtn(float x)
{
    float r;
    __asm__ volatile("vcvtn.s32.f32 %0, %1" : "=t"(r) : "t"(x));
    return fbits(r);
}

static uint32_t asm_vcvtn_ud(double x)
{
    float r;
    __asm__ volatile("vcvtn.u32.f64 %0, %P1" : "=t"(r) : "w"(x));
    return fbits(r);
}

static uint32_t asm_vcvtr_u(float x)
{
    float r;
    __asm__ volatile("vcvtr.u32.f32 %0, %1" : "=t"(r) : "t"(x));
    return fbits(r);
}

__attribute__((noinline)) static void rounding(void)
{
    out_str("round f32 (floor ceil trunc round rint nearbyint roundeven (int) (unsigned) lround lfloor lceil (int)rint, f64: lfloor lceil (int)rint, vcvtn vcvtr.u32 vcvtn.u32.f64):\n");
    for (unsigned i = 0; i < NF; i++) {
        float x = fin[i];
        out_f(__builtin_floorf(x));
        out_f(__builtin_ceilf(x));
        out_f(__builtin_truncf(x));
        out_f(__builtin_roundf(x));
        out_f(__builtin_rintf(x));
        out_f(__builtin_nearbyintf(x));
        out_f(asm_vrintn(x));
        out_char(' ');
        out_hex((uint32_t)(int32_t)x);
        out_char(' ');
        out_hex((uint32_t)x);
        out_char(' ');
        out_hex((uint32_t)lround_fast(x));
        int32_t r[6];
        lfloor_ceil_rint(x, din[i], r);
        for (int k = 0; k < 6; k++) {
            out_char(' ');
            out_hex((uint32_t)r[k]);
        }
        out_char(' ');
        out_hex(asm_vcvtn(x));
        out_char(' ');
        out_hex(asm_vcvtr_u(x));
        out_char(' ');
        out_hex(asm_vcvtn_ud(din[i]));
        out_nl();
    }
    out_str("round f64 (floor ceil trunc round rint roundeven (int) (unsigned) lround):\n");
    for (unsigned i = 0; i < ND; i++) {
        double x = din[i];
        out_d(__builtin_floor(x));
        out_d(__builtin_ceil(x));
        out_d(__builtin_trunc(x));
        out_d(__builtin_round(x));
        out_d(__builtin_rint(x));
        out_d(asm_vrintn_d(x));
        out_char(' ');
        out_hex((uint32_t)(int32_t)x);
        out_char(' ');
        out_hex((uint32_t)x);
        out_char(' ');
        out_hex((uint32_t)lround_fast_d(x));
        out_nl();
    }
}

/* ---- 3. min/max and selects ---- */

__attribute__((noinline)) static float clamp_sel(float x, float lo, float hi)
{
    float y = x < lo ? lo : x;
    return y > hi ? hi : y;
}

__attribute__((noinline)) static double pick_d(double a, double b, double c)
{
    return a >= b ? c : a == b ? b : a;
}

__attribute__((noinline)) static void minmax(void)
{
    out_str("minmax (fmaxf fminf fmax fmin clamp select):\n");
    for (unsigned i = 0; i + 1 < NF; i++) {
        float a = fin[i], b = fin[i + 1];
        double c = din[i], d = din[i + 1];
        out_f(__builtin_fmaxf(a, b));
        out_f(__builtin_fminf(a, b));
        out_d(__builtin_fmax(c, d));
        out_d(__builtin_fmin(c, d));
        out_f(clamp_sel(a, -2.0f, b));
        out_d(pick_d(c, d, 0.25));
        out_nl();
    }
}

/* ---- 4. conversions ---- */

__attribute__((noinline, optimize("fast-math"))) static int32_t to_q16(float x) { return (int32_t)(x * 65536.0f); }
__attribute__((noinline, optimize("fast-math"))) static float from_q16(int32_t q) { return (float)q / 65536.0f; }
__attribute__((noinline, optimize("fast-math"))) static uint32_t to_uq8(double x) { return (uint32_t)(x * 256.0); }
__attribute__((noinline, optimize("fast-math"))) static double from_q31(int32_t q) { return (double)q / 2147483648.0; }

static volatile int32_t iin[] = {0, 1, -1, 16777217, -16777217, 2147483647, (int32_t)0x80000000u, 123456789, -65536};

__attribute__((noinline)) static void conversions(void)
{
    out_str("convert f32 (->f64, ->half bits, half->f32, half->f64, q16, from q16):\n");
    for (unsigned i = 0; i < NF; i++) {
        float x = fin[i];
        uint32_t hb = half_of(x);
        out_d((double)x);
        out_char(' ');
        out_hexn(hb, 4);
        out_f(from_half(hb));
        out_d(from_half_top_d(hb));
        out_char(' ');
        out_hex((uint32_t)to_q16(x));
        out_f(from_q16((int32_t)fbits(x)));
        out_nl();
    }
    out_str("convert f64 (->f32, ->half bits, uq8, from q31):\n");
    for (unsigned i = 0; i < ND; i++) {
        double x = din[i];
        out_f((float)x);
        out_char(' ');
        out_hexn(half_of_d(x), 4);
        out_char(' ');
        out_hex(to_uq8(x));
        out_d(from_q31((int32_t)(dbits(x) >> 20)));
        out_nl();
    }
    out_str("convert int (->f32, (unsigned)->f32, ->f64, (unsigned)->f64):\n");
    for (unsigned i = 0; i < sizeof iin / sizeof iin[0]; i++) {
        int32_t v = iin[i];
        out_f((float)v);
        out_f((float)(uint32_t)v);
        out_d((double)v);
        out_d((double)(uint32_t)v);
        out_nl();
    }
}

/* ---- 5. numerical code ---- */

/* sin by its Taylor series (Horner, contracted to fused multiply-adds). */
__attribute__((noinline)) static float sin_poly(float x)
{
    float x2 = x * x;
    return x * (1.0f + x2 * (-1.0f / 6 + x2 * (1.0f / 120 + x2 * (-1.0f / 5040 + x2 * (1.0f / 362880)))));
}

/* Newton's method for 1/sqrt(a) in double precision. */
__attribute__((noinline)) static double rsqrt_newton(double a)
{
    double y = 1.0 / vsqrtf((float)a);
    for (int i = 0; i < 4; i++)
        y = y * (1.5 - 0.5 * a * y * y);
    return y;
}

/* Kahan-compensated harmonic sum and the plain one (no fast-math: the compensation must stay). */
__attribute__((noinline)) static void harmonic(unsigned n, float *plain, float *kahan)
{
    float s = 0.0f, k = 0.0f, c = 0.0f;
    for (unsigned i = 1; i <= n; i++) {
        float t = 1.0f / (float)i;
        s += t;
        float y = t - c;
        float u = k + y;
        c = (u - k) - y;
        k = u;
    }
    *plain = s;
    *kahan = k;
}

/* Mandelbrot escape counts in single precision, summed over a 32x16 grid. */
__attribute__((noinline)) static uint32_t mandel(void)
{
    uint32_t total = 0;
    for (int row = 0; row < 16; row++) {
        float ci = -1.2f + 2.4f * (float)row / 15.0f;
        for (int col = 0; col < 32; col++) {
            float cr = -2.1f + 2.8f * (float)col / 31.0f, zr = 0.0f, zi = 0.0f;
            int it = 0;
            while (it < 50 && zr * zr + zi * zi <= 4.0f) {
                float t = zr * zr - zi * zi + cr;
                zi = 2.0f * zr * zi + ci;
                zr = t;
                it++;
            }
            total = total * 31 + (uint32_t)it;
        }
    }
    return total;
}

/* Dot product of 64 doubles with fused multiply-adds, the same with -ffast-math (reassociated). */
static volatile double vec[64];

__attribute__((noinline)) static double dot(void)
{
    double s = 0.0;
    for (int i = 0; i < 64; i++)
        s = __builtin_fma(vec[i], vec[63 - i], s);
    return s;
}

__attribute__((noinline, optimize("fast-math"))) static double dot_fast(void)
{
    double s = 0.0;
    for (int i = 0; i < 64; i++)
        s += vec[i] * vec[63 - i];
    return s;
}

__attribute__((noinline)) static void numeric(void)
{
    out_str("sin poly:");
    for (int i = -4; i <= 4; i++)
        out_f(sin_poly((float)i * 0.4f));
    out_nl();
    out_str("rsqrt:");
    out_d(rsqrt_newton(2.0));
    out_d(rsqrt_newton(1e-300));
    out_d(rsqrt_newton(12345.678));
    out_nl();
    float p, k;
    harmonic(100000, &p, &k);
    out_str("harmonic(100000) plain/kahan:");
    out_f(p);
    out_f(k);
    out_nl();
    out_kv("mandel", mandel());
    for (int i = 0; i < 64; i++)
        vec[i] = (double)(i - 20) / 7.0;
    out_str("dot fma/fast:");
    out_d(dot());
    out_d(dot_fast());
    out_nl();
}

/* ---- 6. FPSCR: rounding modes, flags, flush-to-zero, default NaN, AHP; the forms gcc does not
 * emit here (inline assembly) ---- */

static float asm_vmla(float d, float n, float m)
{
    __asm__ volatile("vmla.f32 %0, %1, %2" : "+t"(d) : "t"(n), "t"(m));
    return d;
}

static float asm_vnmls(float d, float n, float m)
{
    __asm__ volatile("vnmls.f32 %0, %1, %2" : "+t"(d) : "t"(n), "t"(m));
    return d;
}

static double asm_vnmla(double d, double n, double m)
{
    __asm__ volatile("vnmla.f64 %P0, %P1, %P2" : "+w"(d) : "w"(n), "w"(m));
    return d;
}

static double asm_vmls(double d, double n, double m)
{
    __asm__ volatile("vmls.f64 %P0, %P1, %P2" : "+w"(d) : "w"(n), "w"(m));
    return d;
}

static uint32_t asm_vcvtr(double x)
{
    float r;
    __asm__ volatile("vcvtr.s32.f64 %0, %P1" : "=t"(r) : "w"(x));
    return fbits(r);
}

static uint32_t asm_vcvtt(float x, uint32_t dest)
{
    float d = bitsf(dest);
    __asm__ volatile("vcvtt.f16.f32 %0, %1" : "+t"(d) : "t"(x));
    return fbits(d);
}

__attribute__((noinline)) static void modes(void)
{
    static const char *const names[4] = {"RN", "RP", "RM", "RZ"};
    for (uint32_t rm = 0; rm < 4; rm++) {
        set_fpscr(rm << 22);
        /* volatile loads after the VMSR: the operations cannot move above it */
        float a = fin[9], b = fin[10], t = fin[12];
        double x = din[9], y = din[10];
        out_str(names[rm]);
        out_char(':');
        out_f(a / b);
        out_f(vsqrtf(t));
        out_f(asm_vmla(a, b, t));
        out_f(asm_vnmls(a, b, t));
        out_d(x / y);
        out_d(asm_vnmla(x, y, x));
        out_d(asm_vmls(x, y, 1e-3));
        out_char(' ');
        out_hex(asm_vcvtr(din[7]));
        out_char(' ');
        out_hex(asm_vcvtr(din[25]));
        out_f(__builtin_rintf(fin[7]));
        out_d(__builtin_nearbyint(din[13]));
        out_char(' ');
        out_hex(get_fpscr());
        out_nl();
    }
    /* Cumulative flags of single operations, from a clear FPSCR. */
    volatile float one = 1.0f, zero = 0.0f, big = 0x1.fffffep127f, tiny = 0x1p-126f;
    float r[6];
    uint32_t fl[6];
    set_fpscr(0);
    r[0] = one / zero;
    fl[0] = fpscr_after(r[0]);
    set_fpscr(0);
    r[1] = zero / zero;
    fl[1] = fpscr_after(r[1]);
    set_fpscr(0);
    r[2] = big * 2.0f;
    fl[2] = fpscr_after(r[2]);
    set_fpscr(0);
    r[3] = tiny * 0.3f;
    fl[3] = fpscr_after(r[3]);
    set_fpscr(0);
    r[4] = one / 3.0f;
    fl[4] = fpscr_after(r[4]);
    set_fpscr(1u << 24); /* FZ: a subnormal operand is flushed (IDC), a subnormal result too (UFC) */
    r[5] = tiny * 0.5f + fin[18];
    fl[5] = fpscr_after(r[5]);
    out_str("flags (1/0 0/0 max*2 tiny*0.3 1/3 FZ):");
    for (int i = 0; i < 6; i++) {
        out_f(r[i]);
        out_char('/');
        out_hexn(fl[i], 8);
    }
    out_nl();
    /* Default NaN: a NaN operand's payload is replaced. */
    set_fpscr(1u << 25);
    float dn1 = fin[24] + 1.0f;
    double dn2 = din[24] * 2.0;
    uint32_t dnf = fpscr_after(dn1 + (float)dn2);
    out_str("DN:");
    out_f(dn1);
    out_d(dn2);
    out_char(' ');
    out_hex(dnf);
    out_nl();
    /* Half precision with the alternative format (AHP): no infinities or NaNs, range up to 131008. */
    for (uint32_t ahp = 0; ahp < 2; ahp++) {
        set_fpscr(ahp << 26);
        out_str(ahp ? "AHP:" : "IEEE half:");
        for (unsigned i = 0; i < NF; i += 3) {
            out_char(' ');
            out_hexn(half_of(fin[i]), 4);
        }
        out_char(' ');
        out_hexn(half_of_d(din[15]), 4);
        out_f(from_half(0x7c01));
        out_f(from_half_top(0xfbff));
        out_d(from_half_top_d(0x7fff));
        out_char(' ');
        out_hex(asm_vcvtt(70000.0f + fin[0], 0x12345678u));
        out_char(' ');
        out_hex(get_fpscr());
        out_nl();
    }
    set_fpscr(0);
}

int main(void)
{
    out_str("fp_calc: float and double C code on FPv5-D16\n");
    arith();
    rounding();
    minmax();
    conversions();
    numeric();
    modes();
    out_str("done\n");
    return 0;
}

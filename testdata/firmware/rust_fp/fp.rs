//! The computation of the rust_fp test firmware: f32 and f64 sums, products, divisions, square roots,
//! fused multiply-adds, rounding, conversions to and from integers, and a few numeric loops (series,
//! Newton iterations, a chaotic map), printed as IEEE 754 bit patterns and in decimal.
//!
//! Only `core` is used, so the same file is compiled into the firmware (main.rs) and into a program
//! for the build machine (host.rs) whose output must be identical: every operation used here is
//! correctly rounded in IEEE 754 (round to nearest, ties to even), so the x86-64 host, QEMU, soft-float
//! compiler_builtins and the FPv5 instructions all give the same bits. NaN bit patterns are never
//! printed (the default NaN differs between x86 and Arm); only whether a value is a NaN.
//!
//! Every input passes through `black_box`, so the compiler cannot fold the arithmetic into constants.

use core::f32::consts as c32;
use core::f32::math as m32;
use core::f64::consts as c64;
use core::f64::math as m64;
use core::hint::black_box;

/// Where the output goes, one byte at a time.
pub trait Sink {
    fn put(&mut self, b: u8);
}

/// The formatter; counts the self-checks and their failures.
pub struct Out<'a> {
    sink: &'a mut dyn Sink,
    pub checks: u32,
    pub failures: u32,
}

impl<'a> Out<'a> {
    pub fn new(sink: &'a mut dyn Sink) -> Self {
        Out {
            sink,
            checks: 0,
            failures: 0,
        }
    }

    fn s(&mut self, s: &str) {
        for &b in s.as_bytes() {
            self.sink.put(b);
        }
    }

    fn nl(&mut self) {
        self.sink.put(b'\n');
    }

    fn hex(&mut self, v: u64, digits: u32) {
        for i in (0..digits).rev() {
            self.sink
                .put(b"0123456789abcdef"[((v >> (4 * i)) & 0xf) as usize]);
        }
    }

    /// Unsigned decimal, at least `width` digits (zero-padded). u64 division: __aeabi_uldivmod.
    fn udec(&mut self, mut v: u64, width: u32) {
        let mut buf = [0u8; 20];
        let mut n = 0;
        while v != 0 || n < width as usize || n == 0 {
            buf[n] = b'0' + (v % 10) as u8;
            v /= 10;
            n += 1;
        }
        while n > 0 {
            n -= 1;
            self.sink.put(buf[n]);
        }
    }

    fn idec(&mut self, v: i64) {
        if v < 0 {
            self.sink.put(b'-');
        }
        self.udec(v.unsigned_abs(), 1);
    }

    /// A tiny fixed-point formatter: `digits` decimals, rounded half up on the scaled fraction, for
    /// |x| < 2^63. The integer part goes through f64 -> u64 -> f64 conversions, the fraction through
    /// a multiplication and a conversion; all of this is exact apart from that one rounded product.
    fn fixed(&mut self, x: f64, digits: u32) {
        if x.is_nan() {
            return self.s("nan");
        }
        if x.is_sign_negative() {
            self.sink.put(b'-');
        }
        let a = x.abs();
        if a >= 9.2e18 {
            return self.s("inf-or-big");
        }
        let mut scale = 1.0f64;
        let mut one = 1u64;
        for _ in 0..digits {
            scale *= 10.0;
            one *= 10;
        }
        let mut ip = a as u64;
        let mut frac = ((a - ip as f64) * scale + 0.5) as u64;
        if frac >= one {
            frac -= one;
            ip += 1;
        }
        self.udec(ip, 1);
        self.sink.put(b'.');
        self.udec(frac, digits);
    }

    /// Scientific notation with 6 decimals: the exponent is found by repeated division or
    /// multiplication by 10 (so the digits are not always the correctly rounded ones, but they are
    /// the same on every IEEE 754 machine).
    fn sci(&mut self, x: f64) {
        if x.is_nan() {
            return self.s("nan");
        }
        if x.is_sign_negative() {
            self.sink.put(b'-');
        }
        let mut a = x.abs();
        if a == f64::INFINITY {
            return self.s("inf");
        }
        let mut e: i64 = 0;
        if a != 0.0 {
            while a >= 10.0 {
                a /= 10.0;
                e += 1;
            }
            while a < 1.0 {
                a *= 10.0;
                e -= 1;
            }
        }
        let mut m = (a * 1e6 + 0.5) as u64;
        if m >= 10_000_000 {
            m /= 10;
            e += 1;
        }
        self.udec(m / 1_000_000, 1);
        self.sink.put(b'.');
        self.udec(m % 1_000_000, 6);
        self.sink.put(b'e');
        self.sink.put(if e < 0 { b'-' } else { b'+' });
        self.udec(e.unsigned_abs(), 2);
    }

    /// `label bits decimal` for an f32 (the decimal through an f32 -> f64 conversion).
    fn f32(&mut self, label: &str, v: f32) {
        self.s(label);
        self.s(" ");
        self.hex(v.to_bits() as u64, 8);
        self.s(" ");
        self.sci(v as f64);
        self.nl();
    }

    /// `label bits decimal` for an f64.
    fn f64(&mut self, label: &str, v: f64) {
        self.s(label);
        self.s(" ");
        self.hex(v.to_bits(), 16);
        self.s(" ");
        self.sci(v);
        self.nl();
    }

    /// `label value` with a fixed-point decimal.
    fn fix(&mut self, label: &str, v: f64, digits: u32) {
        self.s(label);
        self.s(" ");
        self.fixed(v, digits);
        self.nl();
    }

    fn int(&mut self, label: &str, v: i64) {
        self.s(label);
        self.s(" ");
        self.idec(v);
        self.nl();
    }

    fn uhex(&mut self, label: &str, v: u64, digits: u32) {
        self.s(label);
        self.s(" ");
        self.hex(v, digits);
        self.nl();
    }

    /// A self-check against a value known independently of this program (math constants, the
    /// language's conversion rules, exact arithmetic); failures are printed and counted.
    fn check(&mut self, name: &str, ok: bool) {
        self.checks += 1;
        if !ok {
            self.failures += 1;
            self.s("FAIL ");
            self.s(name);
            self.nl();
        }
    }
}

/// |a - b| in units in the last place of b (both finite, same sign).
fn ulps(a: f64, b: f64) -> u64 {
    (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
}

// A linear congruential generator (Numerical Recipes constants) whose state starts in .data.
static mut SEED: u32 = 0x2545_f491;
// Histogram in .bss (zeroed by Reset).
static mut HIST: [u32; 8] = [0; 8];

fn rand() -> u32 {
    let p = &raw mut SEED;
    // SAFETY: single-threaded firmware (and host program); no reference to SEED is ever held.
    unsafe {
        let s = p.read().wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        p.write(s);
        s
    }
}

/// A pseudo-random f64 in [-1, 1) with 31 significant bits (i32 -> f64 conversion, exact).
fn rand_f64() -> f64 {
    (rand() as i32) as f64 * (1.0 / 2147483648.0)
}

fn memory(o: &mut Out) {
    // SAFETY: as in rand().
    let seed = unsafe { (&raw const SEED).read() };
    o.uhex("data seed", seed as u64, 8);
    o.check("data seed", seed == 0x2545_f491);
    let mut zero = true;
    for i in 0..8 {
        // SAFETY: as in rand().
        zero &= unsafe { (&raw const HIST).cast::<u32>().add(i).read() } == 0;
    }
    o.check("bss zero", zero);
}

fn part_f32(o: &mut Out) {
    // Harmonic number H_1000 = 7.4854708605503449... (vcvt.f32.u32, vdiv.f32, vadd.f32).
    let n = black_box(1000u32);
    let mut h = 0.0f32;
    for i in 1..=n {
        h += 1.0 / i as f32;
    }
    o.f32("f32 harmonic1000", h);
    o.check("f32 harmonic", (h - 7.485_470_9).abs() < 1e-3);

    // 12!/2^12 = 116943.75; every partial product k!/2^k is exact in 24 bits.
    let mut p = 1.0f32;
    for i in 1..=black_box(12u32) {
        p *= i as f32 * 0.5;
    }
    o.f32("f32 12!/2^12", p);
    o.check("f32 product", p == 116943.75);

    // Square root (vsqrt.f32) and Newton's iteration x <- (x + 2/x)/2 from 1.
    let two = black_box(2.0f32);
    let r = m32::sqrt(two);
    o.f32("f32 sqrt2", r);
    o.check("f32 sqrt2", r.to_bits() == c32::SQRT_2.to_bits());
    let mut x = black_box(1.0f32);
    for _ in 0..5 {
        x = 0.5 * (x + two / x);
    }
    o.f32("f32 newton sqrt2", x);
    o.check(
        "f32 newton",
        (x.to_bits() as i32 - r.to_bits() as i32).abs() <= 1,
    );
    for v in [0.25f32, 1e-40, 3.0e38, 0.0, -0.0, f32::INFINITY] {
        o.f32("f32 sqrt", m32::sqrt(black_box(v)));
    }
    o.check("f32 sqrt -1 is nan", m32::sqrt(black_box(-1.0f32)).is_nan());

    // Fused multiply-add (vfma.f32): 0.1f32*10 - 1 = 2^-26 exactly when fused, 0 when rounded twice.
    let (a, b, c) = (black_box(0.1f32), black_box(10.0f32), black_box(-1.0f32));
    let fused = m32::mul_add(a, b, c);
    let unfused = a * b + c;
    o.f32("f32 fma", fused);
    o.f32("f32 mul+add", unfused);
    o.check("f32 fma", fused.to_bits() == 0x3280_0000 && unfused == 0.0);
    o.check(
        "f32 0.1+0.2",
        (black_box(0.1f32) + black_box(0.2f32)).to_bits() == 0x3e99_999a,
    );

    // Dot product of pseudo-random vectors.
    let mut dot = 0.0f32;
    for _ in 0..32 {
        let u = rand_f64() as f32;
        let v = rand_f64() as f32;
        dot += u * v;
    }
    o.f32("f32 dot32", dot);

    // Rounding to integral values (FPv5 vrint*; libm floorf & co. without FPv5).
    for v in [2.5f32, -2.5, 0.5, -0.5, 8388607.5, -7.75] {
        let v = black_box(v);
        o.s("f32 round ");
        o.hex(v.to_bits() as u64, 8);
        for r in [
            m32::floor(v),
            m32::ceil(v),
            m32::trunc(v),
            m32::round(v),
            m32::round_ties_even(v),
        ] {
            o.s(" ");
            o.hex(r.to_bits() as u64, 8);
        }
        o.nl();
    }
    o.check("f32 round -2.5", m32::round(black_box(-2.5f32)) == -3.0);
    o.check(
        "f32 round_ties_even 2.5",
        m32::round_ties_even(black_box(2.5f32)) == 2.0,
    );

    // min/max (vminnm/vmaxnm on FPv5), abs, neg, copysign.
    let (p1, m1, nan) = (black_box(1.5f32), black_box(-4.25f32), black_box(f32::NAN));
    o.f32("f32 min", p1.min(m1));
    o.f32("f32 max", p1.max(m1));
    o.f32("f32 min nan", nan.min(p1));
    o.f32("f32 abs", m1.abs());
    o.f32("f32 neg", -p1);
    o.f32("f32 copysign", p1.copysign(m1));
    o.check(
        "f32 min/max",
        p1.min(m1) == -4.25 && p1.max(m1) == 1.5 && nan.max(m1) == -4.25,
    );

    // The logistic map at r = 3.9 is chaotic: one wrongly rounded step changes the result.
    let mut x = black_box(0.5f32);
    let r = black_box(3.9f32);
    for _ in 0..300 {
        x = r * x * (1.0 - x);
    }
    o.f32("f32 logistic300", x);
}

fn part_f64(o: &mut Out) {
    // e = sum 1/k!, k = 0..20 (vdiv.f64, vadd.f64 or __aeabi_ddiv, __aeabi_dadd).
    let mut e = 0.0f64;
    let mut term = 1.0f64;
    for k in 1..=black_box(20u32) {
        e += term;
        term /= k as f64;
    }
    o.f64("f64 e", e);
    o.fix("f64 e ~", e, 15);
    o.check("f64 e", ulps(e, c64::E) <= 2);

    // Basel: sum 1/n^2 for n = 4000 down to 1 ~ pi^2/6 - 1/4000; pi from it through a square root.
    let mut s = 0.0f64;
    let mut n = black_box(4000u32);
    while n > 0 {
        let x = n as f64;
        s += 1.0 / (x * x);
        n -= 1;
    }
    o.f64("f64 basel4000", s);
    let pi = m64::sqrt(6.0 * s);
    o.fix("f64 basel pi ~", pi, 12);
    let want = c64::PI * c64::PI / 6.0 - 1.0 / 4000.0;
    o.check("f64 basel", (s - want).abs() < 1e-7);

    // Square root (vsqrt.f64; compiler_builtins' sqrt without double-precision hardware).
    let two = black_box(2.0f64);
    let r = m64::sqrt(two);
    o.f64("f64 sqrt2", r);
    o.check("f64 sqrt2", r.to_bits() == c64::SQRT_2.to_bits());
    for v in [
        0.25f64,
        1e-300,
        5e-324,
        1.7976931348623157e308,
        0.0,
        -0.0,
        f64::INFINITY,
        3.0,
    ] {
        o.f64("f64 sqrt", m64::sqrt(black_box(v)));
    }
    o.check("f64 sqrt -1 is nan", m64::sqrt(black_box(-1.0f64)).is_nan());
    o.check("f64 sqrt 0.25", m64::sqrt(black_box(0.25f64)) == 0.5);

    // Newton: x <- (x + 2/x)/2 from 1; reciprocal x <- x(2 - 3x) from 0.3.
    let mut x = black_box(1.0f64);
    for i in 0..6 {
        x = 0.5 * (x + two / x);
        o.s("f64 newton sqrt2 ");
        o.udec(i, 1);
        o.s(" ");
        o.hex(x.to_bits(), 16);
        o.nl();
    }
    o.check("f64 newton sqrt2", ulps(x, c64::SQRT_2) <= 1);
    let three = black_box(3.0f64);
    let mut y = black_box(0.3f64);
    for _ in 0..6 {
        y = y * (2.0 - three * y);
    }
    o.f64("f64 newton 1/3", y);
    o.f64("f64 1/3", 1.0 / three);
    o.check(
        "f64 1/3",
        (1.0 / three).to_bits() == 0x3fd5_5555_5555_5555 && ulps(y, 1.0 / three) <= 1,
    );
    o.check(
        "f64 0.1+0.2",
        (black_box(0.1f64) + black_box(0.2f64)).to_bits() == 0x3fd3_3333_3333_3334,
    );
    o.f64("f64 22/7", black_box(22.0f64) / black_box(7.0f64));

    // Fused multiply-add (vfma.f64; compiler_builtins' fma otherwise): 0.1*10 - 1 = 2^-54 when fused.
    let (a, b, c) = (black_box(0.1f64), black_box(10.0f64), black_box(-1.0f64));
    let fused = m64::mul_add(a, b, c);
    let unfused = a * b + c;
    o.f64("f64 fma", fused);
    o.f64("f64 mul+add", unfused);
    o.check(
        "f64 fma",
        fused.to_bits() == 0x3c90_0000_0000_0000 && unfused == 0.0,
    );

    // exp(0.5) by its Taylor polynomial (degree 14) in Horner form, unfused (vmla.f64) and fused.
    let xh = black_box(0.5f64);
    let mut coef = [0.0f64; 15];
    let mut f = 1.0f64;
    for (k, c) in coef.iter_mut().enumerate() {
        if k > 0 {
            f *= k as f64;
        }
        *c = 1.0 / f;
    }
    let mut p = 0.0f64;
    let mut q = 0.0f64;
    for &c in coef.iter().rev() {
        p = p * xh + c;
        q = m64::mul_add(q, xh, c);
    }
    o.f64("f64 exp0.5 horner", p);
    o.f64("f64 exp0.5 fma", q);
    o.check(
        "f64 exp0.5",
        ulps(p, 1.6487212707001282) <= 2 && ulps(q, 1.6487212707001282) <= 2,
    );

    // Overflow, underflow and subnormals (FPSCR.FZ is 0: subnormals are kept, IEEE 754 gradual underflow).
    let big = black_box(1e300f64);
    let tiny = black_box(f64::MIN_POSITIVE);
    let denorm = black_box(f64::from_bits(3)); // 3 * 2^-1074
    o.f64("f64 1e300*1e10", big * 1e10);
    o.f64("f64 -1e300*1e10", -big * black_box(1e10));
    o.f64(
        "f64 1e-300*1e-300",
        black_box(1e-300f64) * black_box(1e-300f64),
    );
    o.f64("f64 min/3", tiny / three);
    o.f64("f64 min*0.75", tiny * black_box(0.75f64));
    o.f64("f64 3den*0.5", denorm * black_box(0.5f64)); // 1.5 -> 2 (ties to even)
    o.f64(
        "f64 den*0.5",
        black_box(f64::from_bits(1)) * black_box(0.5f64),
    ); // 0.5 -> 0
    o.f64("f64 den+min", denorm + tiny);
    o.f64("f64 min-den", tiny - denorm);
    o.check("f64 3den*0.5", (denorm * black_box(0.5f64)).to_bits() == 2);
    o.check(
        "f64 1/0",
        black_box(1.0f64) / black_box(0.0f64) == f64::INFINITY,
    );
    o.check(
        "f64 0/0 is nan",
        (black_box(0.0f64) / black_box(0.0f64)).is_nan(),
    );
    o.check(
        "f64 inf-inf is nan",
        (black_box(f64::INFINITY) - black_box(f64::INFINITY)).is_nan(),
    );

    // Rounding to integral values (FPv5 vrint*.f64; libm floor & co. otherwise).
    for v in [2.5f64, -2.5, 0.5, -0.5, 4503599627370495.5, -7.75, 1e300] {
        let v = black_box(v);
        o.s("f64 round ");
        o.hex(v.to_bits(), 16);
        for r in [
            m64::floor(v),
            m64::ceil(v),
            m64::trunc(v),
            m64::round(v),
            m64::round_ties_even(v),
        ] {
            o.s(" ");
            o.hex(r.to_bits(), 16);
        }
        o.nl();
    }
    o.check("f64 floor -2.5", m64::floor(black_box(-2.5f64)) == -3.0);
    o.check(
        "f64 round_ties_even -0.5",
        m64::round_ties_even(black_box(-0.5f64)).to_bits() == 0x8000_0000_0000_0000,
    );

    // Comparisons (vcmp.f64 + vmrs; __aeabi_dcmp* otherwise), min/max, abs/neg/copysign.
    let (p1, m1, nan) = (black_box(1.5f64), black_box(-4.25f64), black_box(f64::NAN));
    o.f64("f64 min", p1.min(m1));
    o.f64("f64 max", p1.max(m1));
    o.f64("f64 max nan", nan.max(p1));
    o.f64("f64 abs", m1.abs());
    o.f64("f64 neg", -p1);
    o.f64("f64 copysign", p1.copysign(m1));
    let mut mask = 0u64;
    for (i, (a, b)) in [
        (p1, m1),
        (m1, p1),
        (p1, p1),
        (nan, p1),
        (p1, nan),
        (nan, nan),
    ]
    .into_iter()
    .enumerate()
    {
        let bits = (a < b) as u64
            | ((a <= b) as u64) << 1
            | ((a == b) as u64) << 2
            | ((a != b) as u64) << 3
            | ((a >= b) as u64) << 4
            | ((a > b) as u64) << 5;
        mask |= bits << (8 * i);
    }
    o.uhex("f64 compare", mask, 12);
    // (<, <=, ==, !=, >=, >) for 1.5 vs -4.25, -4.25 vs 1.5, 1.5 vs 1.5, and three unordered pairs.
    o.check("f64 compare", mask == 0x08_08_08_16_0b_38);

    // Statistics of 256 pseudo-random values: Welford's mean/variance, and a histogram via floor.
    let mut mean = 0.0f64;
    let mut m2 = 0.0f64;
    let mut lo = 0u32;
    for k in 1..=256u32 {
        let v = rand_f64();
        let d = v - mean;
        mean += d / k as f64;
        m2 += d * (v - mean);
        if v < -0.5 {
            lo += 1;
        }
        let bucket = m64::floor((v + 1.0) * 4.0) as usize;
        // SAFETY: as in rand(); bucket < 8 because v < 1.
        unsafe {
            let h = (&raw mut HIST).cast::<u32>().add(bucket.min(7));
            h.write(h.read() + 1);
        }
    }
    let var = m2 / 255.0;
    o.f64("f64 mean256", mean);
    o.f64("f64 var256", var);
    o.int("f64 below -0.5", lo as i64);
    o.s("f64 histogram");
    let mut total = 0;
    for i in 0..8 {
        // SAFETY: as in rand().
        let h = unsafe { (&raw const HIST).cast::<u32>().add(i).read() };
        total += h;
        o.s(" ");
        o.udec(h as u64, 1);
    }
    o.nl();
    o.check("f64 histogram", total == 256);
    o.check("f64 variance", (var - 1.0 / 3.0).abs() < 0.1);

    // The logistic map at r = 3.9, 1000 steps.
    let mut x = black_box(0.5f64);
    let r = black_box(3.9f64);
    for _ in 0..1000 {
        x = r * x * (1.0 - x);
    }
    o.f64("f64 logistic1000", x);
}

fn conversions(o: &mut Out) {
    // f64 -> integer: truncation toward zero, saturation, NaN -> 0 (Rust's `as`; vcvt.s32.f64 /
    // vcvt.u32.f64 saturate the same way; __aeabi_d2iz & co. and __aeabi_d2lz / __aeabi_d2ulz otherwise).
    let vals = [
        2.9f64,
        -2.9,
        3e9,
        -3e9,
        4294967295.75,
        -0.99,
        9.3e18,
        -9.3e18,
        1.9e19,
        f64::NAN,
        f64::INFINITY,
    ];
    for v in vals {
        let v = black_box(v);
        o.s("f64 to i32 u32 i64 u64 ");
        o.idec(v as i32 as i64);
        o.s(" ");
        o.udec(v as u32 as u64, 1);
        o.s(" ");
        o.idec(v as i64);
        o.s(" ");
        o.udec(v as u64, 1);
        o.nl();
    }
    o.check(
        "f64 as i32",
        black_box(3e9f64) as i32 == i32::MAX && black_box(-2.9f64) as i32 == -2,
    );
    o.check(
        "f64 as u32",
        black_box(-0.99f64) as u32 == 0 && black_box(f64::NAN) as u32 == 0,
    );
    o.check("f64 as u64", black_box(1.9e19f64) as u64 == u64::MAX);

    // f32 -> integer.
    for v in [7.75f32, -7.75, 3.99e9, 1e10, -1e10, f32::NAN] {
        let v = black_box(v);
        o.s("f32 to i32 u32 i64 u64 ");
        o.idec(v as i32 as i64);
        o.s(" ");
        o.udec(v as u32 as u64, 1);
        o.s(" ");
        o.idec(v as i64);
        o.s(" ");
        o.udec(v as u64, 1);
        o.nl();
    }

    // integer -> f64 (vcvt.f64.s32/u32 or __aeabi_i2d/ui2d; __aeabi_l2d/ul2d for 64 bits, which round).
    let i64s = [
        (1i64 << 53) + 1,
        (1 << 53) + 3,
        i64::MIN,
        i64::MAX,
        -123_456_789_012_345_678,
        0,
    ];
    for v in i64s {
        o.f64("i64 to f64", black_box(v) as f64);
    }
    o.f64("u64max to f64", black_box(u64::MAX) as f64);
    o.f64("i32min to f64", black_box(i32::MIN) as f64);
    o.f64("u32max to f64", black_box(u32::MAX) as f64);
    o.check(
        "i64 to f64 ties even",
        black_box((1i64 << 53) + 1) as f64 == 9007199254740992.0,
    );
    o.check(
        "i64 to f64 2^53+3",
        black_box((1i64 << 53) + 3) as f64 == 9007199254740996.0,
    );

    // integer -> f32.
    for v in [16_777_217i32, 16_777_219, -123_456_789, i32::MIN] {
        o.f32("i32 to f32", black_box(v) as f32);
    }
    o.f32("u32max to f32", black_box(u32::MAX) as f32);
    o.f32("u64max to f32", black_box(u64::MAX) as f32);
    o.check(
        "i32 to f32 ties even",
        black_box(16_777_217i32) as f32 == 16777216.0,
    );

    // f64 <-> f32 (vcvt.f32.f64 / vcvt.f64.f32, or __aeabi_d2f / __aeabi_f2d).
    let halfway = 1.0 + f64::from_bits(0x3e70_0000_0000_0000); // 1 + 2^-24: ties to 1.0
    let above = 1.0 + 3.0 * f64::from_bits(0x3e70_0000_0000_0000); // 1 + 3*2^-24: ties to 1 + 2^-22
    for v in [
        0.1f64,
        1e40,
        -1e40,
        1e-46,
        1e-40,
        halfway,
        above,
        3.4028235677973366e38,
        -0.0,
    ] {
        o.f32("f64 to f32", black_box(v) as f32);
    }
    o.check(
        "f64 to f32 0.1",
        (black_box(0.1f64) as f32).to_bits() == 0x3dcc_cccd,
    );
    o.check("f64 to f32 halfway", black_box(halfway) as f32 == 1.0);
    for v in [0.1f32, 1e-40, -3.0e38, f32::INFINITY] {
        o.f64("f32 to f64", black_box(v) as f64);
    }
    o.check(
        "f32 to f64 exact",
        (black_box(0.1f32) as f64).to_bits() == 0x3fb9_9999_a000_0000,
    );
}

/// Runs everything; returns the number of failed self-checks.
pub fn run(o: &mut Out) -> u32 {
    o.s("rust_fp: f32 and f64 results as IEEE 754 bits\n");
    memory(o);
    part_f32(o);
    part_f64(o);
    conversions(o);
    o.s("checks ");
    o.udec(o.checks as u64, 1);
    o.s(" failed ");
    o.udec(o.failures as u64, 1);
    o.nl();
    o.failures
}

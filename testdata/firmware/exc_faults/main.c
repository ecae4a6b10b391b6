/* exc_faults: each fault kind of Armv7-M (Arm DDI0403E B1.5.14, B3.2.15-B3.2.18), taken, reported
 * and recovered in its handler: UsageFault UNDEFINSTR, INVSTATE, INVPC, UNALIGNED, DIVBYZERO, NOCP;
 * precise BusFault on an unmapped address and on unprivileged SCS access; escalation to HardFault
 * (HFSR.FORCED) when the fault's handler is disabled or cannot preempt; MemManage from MPU regions.
 *
 * The handler (fault_c) records the exception number, CFSR, HFSR, MMFAR/BFAR (when valid) and
 * whether the stacked return address is the faulting instruction, clears the status bits, skips the
 * instruction by advancing the stacked PC, and returns. main prints one line per case.
 * No floating-point instruction ever executes (the NOCP case faults before it does), so every
 * exception frame is the basic 8-word frame.
 *
 * Choices made so that QEMU 7.2 (mps2-an500, which produces expected.txt) and the STM32F769 agree:
 * - The unmapped address is 0x30000000: reserved on the STM32F769 (RM0410 §2.2.2 memory map), and
 *   on mps2-an500 outside every RAM, device and "unimplemented device" range (QEMU's unimplemented
 *   ranges, e.g. 0x20800000-0x21ffffff, read as zero instead of faulting).
 * - Only loads fault on the bus: a store BusFault may be imprecise on a Cortex-M7 (write buffer).
 * - Nothing is printed in unprivileged mode (QEMU refuses semihosting from unprivileged code unless
 *   run with -semihosting-config userspace=on); results are saved and printed afterwards.
 * - The MPU has 8 regions on QEMU's Cortex-M7 (MPU_TYPE.DREGION = 8); only regions 0 and 1 are used.
 * - QEMU caches an access allowed through a disabled subregion for its whole 1 KiB page until the
 *   next MPU register write; the subregion case is ordered so that this does not show.
 * The HardFault cases need `m7emu run --no-catch-hardfault` (by default m7emu stops at a HardFault). */
#include "sh.h"
#include "exc.h"

typedef uint32_t tfn(uint32_t a, uint32_t b);
extern tfn t_udf16, t_udf32, t_invstate, t_invstate_target, t_badret, t_ldr, t_ldrh, t_str, t_strh,
    t_ldrd, t_ldm, t_stm, t_sdiv, t_udiv, t_vmov, t_ldrt, t_strt, t_mcr_p0, t_call;
void fault_entry(void);
void svc_entry(void);

/* CFSR bits (B3.2.15) */
#define MMARVALID (1u << 7)
#define IACCVIOL (1u << 0)
#define BFARVALID (1u << 15)
#define IBUSERR (1u << 8)
#define INVSTATE (1u << 17)
#define INVPC (1u << 18)

static struct {
    uint32_t exc, cfsr, hfsr, mmfar, bfar, pc_ok, shcsr, lr;
} rec;
static volatile uint32_t expect_pc;
static volatile uint32_t nfaults;

uint32_t fault_c(uint32_t *msp, uint32_t *psp, uint32_t exc_return);
uint32_t fault_c(uint32_t *msp, uint32_t *psp, uint32_t exc_return)
{
    uint32_t cfsr = SCB_CFSR, hfsr = SCB_HFSR;
    nfaults++;
    rec.exc = get_ipsr();
    rec.cfsr = cfsr;
    rec.hfsr = hfsr;
    rec.mmfar = (cfsr & MMARVALID) ? SCB_MMFAR : 0;
    rec.bfar = (cfsr & BFARVALID) ? SCB_BFAR : 0;
    rec.shcsr = SCB_SHCSR & 0xFFFu; /* the active bits */
    rec.lr = exc_return;
    SCB_CFSR = cfsr; /* write-one-to-clear */
    SCB_HFSR = hfsr;
    if (cfsr & INVPC) {
        /* A bad EXC_RETURN: the returning exception was deactivated and the UsageFault taken on
         * the frame it was returning to (no new frame), with LR = the bad value (B1.5.8
         * ExceptionReturn). That frame is the SVC's, on the main stack: return to it properly. */
        rec.pc_ok = msp[6] == expect_pc;
        return 0xFFFFFFF9u;
    }
    uint32_t *f = (exc_return & 4) ? psp : msp;
    rec.pc_ok = f[6] == expect_pc;
    if (cfsr & INVSTATE) {
        f[7] |= 1u << 24; /* set EPSR.T and run the same instruction again */
        return exc_return;
    }
    if (cfsr & (IACCVIOL | IBUSERR)) {
        f[6] = f[5] & ~1u; /* return to the caller of the non-executable code */
        f[0] = 0x1acc;
        return exc_return;
    }
    uint16_t hw = *(const uint16_t *)f[6];
    f[6] += (hw >> 11) >= 0x1D ? 4 : 2; /* skip a 32-bit or a 16-bit instruction (A5.1) */
    return exc_return;
}

static void unexpected(void)
{
    out_str("unexpected exception ");
    out_udec(get_ipsr());
    out_nl();
    sh_exit(4);
}

/* IRQ 24 runs t_udf16 inside a handler, to test escalation by priority. */
static volatile uint32_t irq_result;
static void irq24(void) { irq_result = t_udf16(0x24, 0); }

EXC_VECTOR_TABLE(vectors) = {
    [0 ... 15 + EXC_N_IRQ] = unexpected,
    [EXC_HARDFAULT] = fault_entry,
    [EXC_MEMMANAGE] = fault_entry,
    [EXC_BUSFAULT] = fault_entry,
    [EXC_USAGEFAULT] = fault_entry,
    [EXC_SVCALL] = svc_entry,
    [EXC_IRQ0 + 24] = irq24,
};

static const char *const exc_names[16] = {
    [0] = "none", [3] = "HardFault", [4] = "MemManage", [5] = "BusFault", [6] = "UsageFault",
};

static void clear_rec(uint32_t pc)
{
    rec.exc = rec.cfsr = rec.hfsr = rec.mmfar = rec.bfar = rec.pc_ok = rec.shcsr = rec.lr = 0;
    nfaults = 0;
    expect_pc = pc;
}

/* r0 is printed unless it still holds the first argument a. */
static void report(const char *name, uint32_t r0, uint32_t a, uint32_t base, const char *basename)
{
    out_str(name);
    out_str(": ");
    if (nfaults == 0) {
        out_str("no fault");
    } else {
        out_str(rec.exc < 16 && exc_names[rec.exc] ? exc_names[rec.exc] : "?");
        out_str(" cfsr=");
        out_hex(rec.cfsr);
        if (rec.hfsr) {
            out_str(" hfsr=");
            out_hex(rec.hfsr);
        }
        if (rec.cfsr & MMARVALID) {
            out_str(" mmfar=");
            out_str(basename);
            out_str("+");
            out_udec(rec.mmfar - base);
        }
        if (rec.cfsr & BFARVALID) {
            out_str(" bfar=");
            out_hex(rec.bfar);
        }
        out_str(rec.pc_ok ? " pc=ok" : " pc=WRONG");
        if (nfaults != 1) {
            out_str(" faults=");
            out_udec(nfaults);
        }
    }
    if (r0 != a) {
        out_str(" r0=");
        out_hex(r0);
    }
    out_nl();
}

/* Run fn(a, b), expecting a fault at its first instruction (or none). */
static void run(const char *name, tfn *fn, uint32_t a, uint32_t b)
{
    clear_rec((uint32_t)fn & ~1u);
    uint32_t r = fn(a, b);
    report(name, r, a, 0, "");
}

static uint32_t buf[8] __attribute__((aligned(8)));
/* MPU test area: 256 bytes, aligned to its size (B3.5.8) */
static uint32_t mpu_area[64] __attribute__((aligned(256)));

static void set_priv(int unprivileged)
{
    if (unprivileged)
        set_control(get_control() | 1u);
    else
        __asm__ volatile("svc #2" ::: "memory");
}

static void mpu_region(uint32_t n, uint32_t base, uint32_t rasr)
{
    MPU_RNR = n;
    MPU_RBAR = base;
    MPU_RASR = rasr;
}
#define RASR_XN (1u << 28)
#define RASR_AP(x) ((uint32_t)(x) << 24)
#define RASR_SRD(x) ((uint32_t)(x) << 8)
#define RASR_SIZE(log2) ((uint32_t)((log2) - 1) << 1)
#define RASR_ENABLE 1u
#define RASR_NORMAL_WBWA ((1u << 19) | (1u << 17) | (1u << 16)) /* TEX=001 C=1 B=1 */
#define MPU_CTRL_ENABLE 1u
#define MPU_CTRL_PRIVDEFENA 4u

static void mpu_case(const char *name, tfn *fn, uint32_t off, uint32_t b)
{
    clear_rec((uint32_t)fn & ~1u);
    uint32_t a = (uint32_t)mpu_area + off;
    uint32_t r = fn(a, b);
    report(name, r, a, (uint32_t)mpu_area, "area");
}

int main(void)
{
    out_str("exc_faults: faults recovered in their handlers\n");
    exc_install(vectors);
    SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
    for (unsigned i = 0; i < 8; i++)
        buf[i] = 0x11223344u * (i + 1);

    /* UsageFault */
    run("udf", t_udf16, 0x16, 0);
    run("udf.w", t_udf32, 0x32, 0);
    clear_rec((uint32_t)t_invstate_target & ~1u);
    report("bx to an even address", t_invstate((uint32_t)t_invstate_target & ~1u, 0), 0, 0, "");
    clear_rec(((uint32_t)t_badret & ~1u) + 2);
    {
        uint32_t r = t_badret(0, 0);
        report("exception return to 0xfffffff5", r, 0, 0, "");
        out_str("  lr=");
        out_hex(rec.lr);
        out_str(" shcsr.active=");
        out_hex(rec.shcsr);
        out_nl();
    }

    SCB_CCR = CCR_STKALIGN | CCR_UNALIGN_TRP;
    run("ldr unaligned, UNALIGN_TRP=1", t_ldr, (uint32_t)buf + 1, 0);
    run("ldrh unaligned, UNALIGN_TRP=1", t_ldrh, (uint32_t)buf + 3, 0);
    run("str unaligned, UNALIGN_TRP=1", t_str, (uint32_t)buf + 2, 0xAA55AA55u);
    run("strh unaligned, UNALIGN_TRP=1", t_strh, (uint32_t)buf + 5, 0xBEEF);
    run("ldr aligned, UNALIGN_TRP=1", t_ldr, (uint32_t)buf + 4, 0);
    SCB_CCR = CCR_STKALIGN;
    run("ldr unaligned, UNALIGN_TRP=0", t_ldr, (uint32_t)buf + 1, 0);
    run("ldrd unaligned", t_ldrd, (uint32_t)buf + 2, 0);
    run("ldrd word-aligned", t_ldrd, (uint32_t)buf + 4, 0);
    run("ldm unaligned", t_ldm, (uint32_t)buf + 2, 0);
    run("stm unaligned", t_stm, (uint32_t)buf + 1, 0x5555);
    out_str("buf");
    for (unsigned i = 0; i < 8; i++) {
        out_char(' ');
        out_hex(buf[i]);
    }
    out_nl();

    run("sdiv by zero, DIV_0_TRP=0", t_sdiv, 100, 0);
    run("udiv by zero, DIV_0_TRP=0", t_udiv, 100, 0);
    SCB_CCR = CCR_STKALIGN | CCR_DIV_0_TRP;
    run("sdiv by zero, DIV_0_TRP=1", t_sdiv, 100, 0);
    run("udiv by zero, DIV_0_TRP=1", t_udiv, 100, 0);
    run("udiv 100/7, DIV_0_TRP=1", t_udiv, 100, 7);
    SCB_CCR = CCR_STKALIGN;

    uint32_t cpacr = SCB_CPACR;
    SCB_CPACR = cpacr & ~(0xFu << 20);
    barrier();
    run("vmov s0, r0 with CP10/CP11 denied", t_vmov, 1, 0);
    SCB_CPACR = cpacr;
    barrier();
    run("mcr p0", t_mcr_p0, 1, 0);

    /* BusFault */
    run("ldr from unmapped 0x30000000", t_ldr, 0x30000000u, 0);
    clear_rec(0x30000000u);
    report("call to unmapped 0x30000000", t_call(0x30000001u, 0), 0, 0, "");
    clear_rec(0x40000000u);
    report("call to 0x40000000 (Peripheral, XN)", t_call(0x40000001u, 0), 0, 0, "");
    clear_rec(0xE0000000u);
    report("call to 0xe0000000 (System, XN)", t_call(0xE0000001u, 0), 0, 0, "");
    run("ldrt from ICSR (unprivileged access)", t_ldrt, 0xE000ED04u, 0);
    /* Unprivileged Thread mode. Nothing is printed while unprivileged: QEMU 7.2 refuses semihosting
     * calls from unprivileged code unless told otherwise (-semihosting-config userspace=on). */
    irq_disable(24);
    NVIC_ICPR(0) = 1u << 24;
    {
        static const char *const names[3] = {
            "unprivileged ldr from ICSR",
            "unprivileged str to STIR, USERSETMPEND=0",
            "unprivileged str to STIR, USERSETMPEND=1",
        };
        static struct saved {
            uint32_t r0, n, exc, cfsr, bfar, pc_ok;
        } saved[3];
        uint32_t pend[2] = {0, 0}, primask = 0, control = 0;
        for (unsigned i = 0; i < 3; i++) {
            if (i == 2)
                SCB_CCR = CCR_STKALIGN | CCR_USERSETMPEND;
            tfn *fn = i == 0 ? t_ldr : t_str;
            clear_rec((uint32_t)fn & ~1u);
            set_priv(1);
            saved[i].r0 = fn(i == 0 ? 0xE000ED04u : 0xE000EF00u, 24);
            if (i == 1)
                __asm__ volatile("cpsid i" ::: "memory"); /* ignored when unprivileged (B5.2.1) */
            control = get_control();
            set_priv(0);
            saved[i].n = nfaults;
            saved[i].exc = rec.exc;
            saved[i].cfsr = rec.cfsr;
            saved[i].bfar = rec.bfar;
            saved[i].pc_ok = rec.pc_ok;
            if (i >= 1)
                pend[i - 1] = NVIC_ISPR(0) & (1u << 24);
            if (i == 1)
                primask = get_primask();
        }
        SCB_CCR = CCR_STKALIGN;
        NVIC_ICPR(0) = 1u << 24;
        for (unsigned i = 0; i < 3; i++) {
            nfaults = saved[i].n;
            rec.exc = saved[i].exc;
            rec.cfsr = saved[i].cfsr;
            rec.bfar = saved[i].bfar;
            rec.hfsr = rec.mmfar = 0;
            rec.pc_ok = saved[i].pc_ok;
            report(names[i], saved[i].r0, i == 0 ? 0xE000ED04u : 0xE000EF00u, 0, "");
        }
        out_kv("control while unprivileged", control);
        out_kv("primask after unprivileged cpsid", primask);
        out_kv("irq 24 pending after refused STIR", pend[0]);
        out_kv("irq 24 pending after permitted STIR", pend[1]);
    }

    /* Escalation to HardFault */
    SCB_SHCSR &= ~SHCSR_USGFAULTENA;
    run("udf, UsageFault disabled", t_udf16, 0x16, 0);
    SCB_SHCSR |= SHCSR_USGFAULTENA;
    SCB_SHCSR &= ~SHCSR_BUSFAULTENA;
    run("ldr unmapped, BusFault disabled", t_ldr, 0x30000000u, 0);
    SCB_SHCSR |= SHCSR_BUSFAULTENA;
    SCB_SHPR8(EXC_USAGEFAULT) = 0x80;
    irq_enable(24);
    NVIC_IPR8(24) = 0x40;
    clear_rec((uint32_t)t_udf16 & ~1u);
    stir(24);
    report("udf in an IRQ of priority 0x40, UsageFault 0x80", irq_result, 0, 0, "");
    NVIC_IPR8(24) = 0xC0;
    clear_rec((uint32_t)t_udf16 & ~1u);
    stir(24);
    report("udf in an IRQ of priority 0xc0, UsageFault 0x80", irq_result, 0, 0, "");
    irq_disable(24);
    SCB_SHPR8(EXC_USAGEFAULT) = 0;

    /* MemManage from the MPU. Region 0 covers mpu_area (256 bytes, 8 subregions of 32 bytes). */
    for (unsigned i = 0; i < 64; i++)
        mpu_area[i] = 0xA0000000u + i;
    mpu_area[32] = 0x47702001u; /* movs r0, #1; bx lr (executed from RAM below) */
    barrier();
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    mpu_region(0, (uint32_t)mpu_area, RASR_XN | RASR_AP(0) | RASR_NORMAL_WBWA | RASR_SIZE(8) | RASR_ENABLE);
    barrier();
    mpu_case("mpu no access: ldr", t_ldr, 8, 0);
    mpu_case("mpu no access: str", t_str, 12, 0);
    mpu_region(0, (uint32_t)mpu_area, RASR_XN | RASR_AP(2) | RASR_NORMAL_WBWA | RASR_SIZE(8) | RASR_ENABLE);
    barrier();
    mpu_case("mpu priv rw/unpriv ro: str", t_str, 16, 0x1234);
    mpu_case("mpu priv rw/unpriv ro: ldrt", t_ldrt, 16, 0);
    mpu_case("mpu priv rw/unpriv ro: strt", t_strt, 20, 0x5678);
    mpu_region(0, (uint32_t)mpu_area, RASR_XN | RASR_AP(6) | RASR_NORMAL_WBWA | RASR_SIZE(8) | RASR_ENABLE);
    barrier();
    mpu_case("mpu read-only: ldr", t_ldr, 24, 0);
    mpu_case("mpu read-only: str", t_str, 24, 0x9abc);
    /* subregion 1 (bytes 32-63) disabled: the background map applies there */
    mpu_region(0, (uint32_t)mpu_area, RASR_XN | RASR_AP(0) | RASR_SRD(0x02) | RASR_NORMAL_WBWA | RASR_SIZE(8) | RASR_ENABLE);
    barrier();
    /* QEMU 7.2 caches an access permitted through a disabled subregion for its whole 1 KiB page
     * until the next MPU register write, so the access at 36 comes last. */
    mpu_case("mpu subregion 1 disabled: ldr at 64", t_ldr, 64, 0);
    mpu_case("mpu subregion 1 disabled: ldr at 36", t_ldr, 36, 0);
    /* region 1 (higher number, takes priority) makes bytes 128-159 full access, executable */
    mpu_region(1, (uint32_t)mpu_area + 128, RASR_AP(3) | RASR_NORMAL_WBWA | RASR_SIZE(5) | RASR_ENABLE);
    barrier();
    mpu_case("mpu region 1 over region 0: ldr at 132", t_ldr, 132, 0);
    mpu_case("mpu region 0: ldr at 160", t_ldr, 160, 0);
    {
        tfn *code = (tfn *)((uint32_t)&mpu_area[32] | 1u);
        clear_rec((uint32_t)&mpu_area[32]);
        report("mpu execute in region 1", code(0, 0), 0, 0, "");
        mpu_region(1, (uint32_t)mpu_area + 128, RASR_XN | RASR_AP(3) | RASR_NORMAL_WBWA | RASR_SIZE(5) | RASR_ENABLE);
        barrier();
        clear_rec((uint32_t)&mpu_area[32]);
        report("mpu execute in region 1 with XN", code(0, 0), 0, 0, "");
    }
    SCB_SHCSR &= ~SHCSR_MEMFAULTENA;
    mpu_case("mpu ldr, MemManage disabled", t_ldr, 4, 0);
    SCB_SHCSR |= SHCSR_MEMFAULTENA;
    MPU_CTRL = 0;
    barrier();
    mpu_case("mpu disabled: ldr", t_ldr, 4, 0);
    mpu_region(0, 0, 0);
    mpu_region(1, 0, 0);

    out_kv("cfsr at end", SCB_CFSR);
    out_kv("hfsr at end", SCB_HFSR);
    out_str("done\n");
    return 0;
}

/* System registers and helpers for the exception test programs (exc_*): NVIC, SCB, SysTick and MPU
 * register addresses (Arm DDI0403E B3.2-B3.5), special-register access, and a vector table that a
 * program installs through VTOR.
 *
 * The programs run on two machines: the STM32F769 (110 IRQs, 4 priority bits) and QEMU's mps2-an500
 * (32 IRQs; QEMU 7.2 implements all 8 priority bits). To print the same thing on both they use IRQs
 * below 32 that no mps2 device drives, and priority values whose low nibble is zero, so that PRIGROUP,
 * BASEPRI and the IPR registers behave identically with 4 and with 8 implemented bits. */
#ifndef M7EMU_EXC_H
#define M7EMU_EXC_H

#include <stdint.h>

/* No floating-point or SIMD register may be used by the exception tests: an FP instruction sets
 * CONTROL.FPCA and makes later exception frames extended ones (B1.5.7), which these programs leave
 * to the FPU tests; and exc_faults runs code with CP10/CP11 disabled. Everything compiled after
 * this header uses the integer registers only. */
#pragma GCC target("general-regs-only")

#define REG32(a) (*(volatile uint32_t *)(a))
#define REG8(a) (*(volatile uint8_t *)(a))

/* SysTick (B3.3.2) */
#define SYST_CSR REG32(0xE000E010u)
#define SYST_RVR REG32(0xE000E014u)
#define SYST_CVR REG32(0xE000E018u)
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2) /* 1 = processor clock */
#define SYST_CSR_COUNTFLAG (1u << 16)

/* NVIC (B3.4.3); n = register index, irq = external interrupt number */
#define NVIC_ISER(n) REG32(0xE000E100u + 4u * (n))
#define NVIC_ICER(n) REG32(0xE000E180u + 4u * (n))
#define NVIC_ISPR(n) REG32(0xE000E200u + 4u * (n))
#define NVIC_ICPR(n) REG32(0xE000E280u + 4u * (n))
#define NVIC_IABR(n) REG32(0xE000E300u + 4u * (n))
#define NVIC_IPR8(irq) REG8(0xE000E400u + (irq))
#define NVIC_STIR REG32(0xE000EF00u)

/* SCB (B3.2.2) */
#define SCB_ICSR REG32(0xE000ED04u)
#define SCB_VTOR REG32(0xE000ED08u)
#define SCB_AIRCR REG32(0xE000ED0Cu)
#define SCB_SCR REG32(0xE000ED10u)
#define SCB_CCR REG32(0xE000ED14u)
#define SCB_SHPR8(exc) REG8(0xE000ED14u + (exc)) /* exc = 4..15: SHPR1-3 bytes */
#define SCB_SHCSR REG32(0xE000ED24u)
#define SCB_CFSR REG32(0xE000ED28u)
#define SCB_HFSR REG32(0xE000ED2Cu)
#define SCB_MMFAR REG32(0xE000ED34u)
#define SCB_BFAR REG32(0xE000ED38u)
#define SCB_CPACR REG32(0xE000ED88u)

#define ICSR_NMIPENDSET (1u << 31)
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSVCLR (1u << 27)
#define ICSR_PENDSTSET (1u << 26)
#define ICSR_PENDSTCLR (1u << 25)
#define ICSR_ISRPENDING (1u << 22)
#define ICSR_VECTPENDING(v) (((v) >> 12) & 0x1FFu)
#define ICSR_RETTOBASE (1u << 11)
#define ICSR_VECTACTIVE(v) ((v) & 0x1FFu)

#define AIRCR_VECTKEY (0x05FAu << 16)
#define AIRCR_SYSRESETREQ (1u << 2)
#define AIRCR_PRIGROUP(g) ((uint32_t)(g) << 8)

#define SCR_SLEEPONEXIT (1u << 1)
#define SCR_SEVONPEND (1u << 4)

/* CCR is written, never read-modify-written: its Cortex-M7 bit 18 (BP) reads as one on m7emu
 * (DUI0646C 4.3.7) and as zero on QEMU 7.2, and a read would make register traces differ. */
#define CCR_STKALIGN (1u << 9)
#define CCR_USERSETMPEND (1u << 1)
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)

/* MPU (B3.5) */
#define MPU_CTRL REG32(0xE000ED94u)
#define MPU_RNR REG32(0xE000ED98u)
#define MPU_RBAR REG32(0xE000ED9Cu)
#define MPU_RASR REG32(0xE000EDA0u)

/* Exception numbers (B1.5.2) */
enum {
    EXC_NMI = 2,
    EXC_HARDFAULT = 3,
    EXC_MEMMANAGE = 4,
    EXC_BUSFAULT = 5,
    EXC_USAGEFAULT = 6,
    EXC_SVCALL = 11,
    EXC_DEBUGMON = 12,
    EXC_PENDSV = 14,
    EXC_SYSTICK = 15,
    EXC_IRQ0 = 16,
};

/* The vector tables installed through VTOR cover the 16 system slots and 32 IRQs; the table is
 * aligned to 256 bytes (the next power of two of its 48 words, B3.2.5). */
#define EXC_N_IRQ 32
/* A table lists a default handler for the whole range first, then the slots the program handles. */
#pragma GCC diagnostic ignored "-Woverride-init"
typedef void (*exc_handler)(void);
#define EXC_VECTOR_TABLE(name) \
    __attribute__((aligned(256))) const exc_handler name[16 + EXC_N_IRQ]

static inline void exc_install(const exc_handler *table)
{
    SCB_VTOR = (uint32_t)table;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

#define barrier() __asm__ volatile("dsb\n\tisb" ::: "memory")

/* Special registers (B5.2.2, B5.2.3) */
#define DEF_SPECIAL(reg)                                                   \
    static inline uint32_t get_##reg(void)                                 \
    {                                                                      \
        uint32_t v;                                                        \
        __asm__ volatile("mrs %0, " #reg : "=r"(v)::"memory");             \
        return v;                                                          \
    }                                                                      \
    static inline void set_##reg(uint32_t v)                               \
    {                                                                      \
        __asm__ volatile("msr " #reg ", %0\n\tisb" ::"r"(v) : "memory"); \
    }
DEF_SPECIAL(primask)
DEF_SPECIAL(basepri)
DEF_SPECIAL(faultmask)
DEF_SPECIAL(control)
DEF_SPECIAL(psp)
DEF_SPECIAL(msp)
#undef DEF_SPECIAL

static inline void set_basepri_max(uint32_t v)
{
    __asm__ volatile("msr basepri_max, %0\n\tisb" ::"r"(v) : "memory");
}

static inline uint32_t get_ipsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, ipsr" : "=r"(v)::"memory");
    return v;
}

/* Pend an external interrupt through STIR and make sure it has been seen before continuing. */
static inline void stir(unsigned irq)
{
    NVIC_STIR = irq;
    barrier();
}

static inline void irq_enable(unsigned irq) { NVIC_ISER(irq >> 5) = 1u << (irq & 31); }
static inline void irq_disable(unsigned irq)
{
    NVIC_ICER(irq >> 5) = 1u << (irq & 31);
    barrier();
}

#endif

/* Vector table and reset code for m7emu's test firmware (Armv7-M, Arm DDI0403E B1.5.2-B1.5.3).
 * No program uses exceptions; every exception handler exits through semihosting with status 3. */
#include <stdint.h>
#include <stddef.h>
#include "sh.h"

extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[];
extern uint32_t _estack[];
int main(void);

void Reset_Handler(void) __attribute__((noreturn));

void Default_Handler(void) __attribute__((noreturn));
void Default_Handler(void) { sh_exit(3); }

#define N_IRQ 16

__attribute__((section(".vectors"), used))
void *const vector_table[16 + N_IRQ] = {
    [0] = _estack,
    [1] = (void *)Reset_Handler,
    /* 2 NMI .. 15 SysTick (including the reserved slots), then external IRQs */
    [2 ... 16 + N_IRQ - 1] = (void *)Default_Handler,
};

/* Enable CP10/CP11 (CPACR |= 0xF << 20, Arm DDI0403E B3.2.20). Kept in its own non-inlined function
 * that does no floating-point work, so the compiler cannot hoist FP register saves above it. */
__attribute__((noinline)) static void fpu_enable(void)
{
    volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88u;
    *cpacr |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

__attribute__((noinline)) static int call_main(void) { return main(); }

void Reset_Handler(void)
{
    /* volatile pointers: keep these as plain loops rather than library calls. */
    volatile uint32_t *src = _sidata;
    volatile uint32_t *dst = _sdata;
    while (dst < _edata)
        *dst++ = *src++;
    for (dst = _sbss; dst < _ebss;)
        *dst++ = 0;
    fpu_enable();
    sh_exit(call_main());
}

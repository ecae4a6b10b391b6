/* clkswitch: the clock configuration changes at run time while the TIM12 time driver
 * runs (Renode #1010, §13 row 4). Init as init16 (HSI 16 MHz); then the PLL is set up
 * for 128 MHz (HSE 25 MHz / PLLM 25 × PLLN 256 / PLLP 2) and SYSCLK is switched between
 * HSI (16 MHz, APB1 /1, APB2 /1) and PLL (128 MHz, APB1 /16, APB2 /8) with one CFGR
 * write each time (as rcc::init step 9 does). Both settings give TIMCLK1 = 16 MHz
 * (/1: PCLK1; /16: 2 × 8 MHz, RM0410 §5.2 ×2 rule) and PCLK2 = 16 MHz (USART1 BRR
 * unchanged), so the 1 MHz tick (PSC = 15) must stay exact while the core clock
 * changes: toggles 1-3 and 7-9 run at 16 MHz, 4-6 and 10-12 at 128 MHz. */
#include "embassy.h"

static void to_pll(void)
{
    FLASH_ACR = 4; /* (128 MHz - 1) / 30 MHz = 4 wait states, before raising the clock */
    while ((FLASH_ACR & 0xF) != 4)
        ;
    RCC_CFGR = (RCC_CFGR & ~(3u | 0xFu << 4 | 7u << 10 | 7u << 13)) | 2u | 7u << 10 | 6u << 13;
    while (((RCC_CFGR >> 2) & 3) != 2)
        ;
}

static void to_hsi(void)
{
    RCC_CFGR = RCC_CFGR & ~(3u | 0xFu << 4 | 7u << 10 | 7u << 13);
    while (((RCC_CFGR >> 2) & 3) != 0)
        ;
    FLASH_ACR = 0;
    while ((FLASH_ACR & 0xF) != 0)
        ;
}

static void between(int k)
{
    if (k == 3 || k == 9) {
        con_flush();
        to_pll();
        con_str("SYSCLK 128 MHz\n");
    } else if (k == 6) {
        con_flush();
        to_hsi();
        con_str("SYSCLK 16 MHz\n");
    }
}

int main(void)
{
    embassy_init(CLK_HSI16, TIM12, 1);
    /* PLL for 128 MHz, running but not selected (§3 steps 6.1, 6.4, 6.6) */
    PWR_CR1 = (PWR_CR1 & ~(3u << 14)) | (3u << 14);
    RCC_CR |= 1u << 16;
    while ((RCC_CR & (1u << 17)) == 0)
        ;
    RCC_PLLCFGR = 25u | 256u << 6 | 0u << 16 | 1u << 22 | 8u << 24 | 2u << 28;
    RCC_CR |= 1u << 24;
    while ((RCC_CR & (1u << 25)) == 0)
        ;
    blink("clkswitch", 12, between);
    return 0;
}

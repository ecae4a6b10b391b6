/* init216: embassy_stm32::init with the usual F769 216 MHz setup (§3): PWR VOS Scale1 and
 * over-drive, HSE 25 MHz, PLLM 25, PLLN 432, PLLP /2 (SYSCLK 216 MHz), FLASH LATENCY 7,
 * APB1 /4 (PCLK1 54 MHz, TIMCLK1 = 2 × 54 = 108 MHz by the ×2 rule), APB2 /2 (PCLK2
 * 108 MHz: USART1 BRR = 938). TIM12 time driver at 1 MHz: PSC = 108 - 1 = 107. Then
 * 10 toggles of LD1 (PJ13) at 500 ms steps. */
#include "embassy.h"

int main(void)
{
    embassy_init(CLK_PLL216, TIM12, 1);
    blink("init216", 10, 0);
    return 0;
}

/* init16: embassy_stm32::init(Config::default()) on the F769 (§3: HSI 16 MHz, no PLL;
 * SYSCLK = HCLK = PCLK1 = PCLK2 = 16 MHz), the TIM12 time driver at 1 MHz (§4:
 * PSC = 16 MHz / 1 MHz - 1 = 15), then the blink task: 10 toggles of LD1 (PJ13) at
 * 500 ms steps (500 000 ticks). Output on the console USART1, 115200 8N1 (BRR = 139). */
#include "embassy.h"

int main(void)
{
    embassy_init(CLK_HSI16, TIM12, 1);
    blink("init16", 10, 0);
    return 0;
}

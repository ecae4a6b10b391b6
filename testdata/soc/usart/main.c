/* usart: USART1 (the VCP, PA9/PA10 AF7, §8, §11) at 16 MHz PCLK2, 115200 8N1, BRR =
 * (16 000 000 + 57 600) / 115 200 = 139. A banner by blocking write (spin on TXE, one
 * byte to TDR; blocking_flush spins on TC), then interrupt-driven reception: RXNEIE,
 * IRQ 37; the ISR moves RDR into a ring buffer (clearing ORE through ICR if it shows) and
 * wakes the executor (SEV); the task echoes each line ('\r' or '\n' terminated) as
 * "echo: <line>" by blocking write. Exits after LINES lines. */
#include "embassy.h"

#define LINES 2
static volatile uint8_t ring[64];
static volatile uint32_t head, tail, overruns;

void usart1_irq(void)
{
    uint32_t isr = USART_ISR;
    if (isr & ISR_ORE) {
        USART_ICR = ISR_ORE;
        overruns++;
    }
    while (USART_ISR & ISR_RXNE)
        ring[head++ & 63] = (uint8_t)USART_RDR; /* reading RDR clears RXNE */
    sev();
}

int main(void)
{
    embassy_init(CLK_HSI16, TIM12, 1);
    con_str("usart: 115200 8N1, type a line\n");
    con_flush();
    USART_CR1 |= CR1_RXNEIE;
    char line[48];
    unsigned len = 0, lines = 0, bytes = 0;
    while (lines < LINES) {
        while (tail == head)
            wfe();
        char c = (char)ring[tail++ & 63];
        bytes++;
        if (c == '\r' || c == '\n') {
            if (len == 0)
                continue;
            line[len] = 0;
            con_str("echo: ");
            con_str(line);
            con_str("\n");
            len = 0;
            lines++;
        } else if (len < sizeof line - 1) {
            line[len++] = c;
        }
    }
    con_str("received ");
    con_udec(bytes);
    con_str(" bytes, overruns ");
    con_udec(overruns);
    con_str("\n");
    con_flush();
    return 0;
}

/* Register-level replays of what embassy-stm32 does on the STM32F769 (testdata/soc).
 * Section numbers "§n" refer to /work/shared/reference/stm32f769-embassy.md; register
 * layouts to RM0410 (STM32F76xxx reference manual). */
#ifndef M7EMU_SOC_EMBASSY_H
#define M7EMU_SOC_EMBASSY_H

#include <stdint.h>
#include "exc.h" /* NVIC/SCB registers (testdata/firmware/common) */

/* RCC (§3, RM0410 §5.3) */
#define RCC 0x40023800u
#define RCC_CR REG32(RCC + 0x00)
#define RCC_PLLCFGR REG32(RCC + 0x04)
#define RCC_CFGR REG32(RCC + 0x08)
#define RCC_AHB1ENR REG32(RCC + 0x30)
#define RCC_APB1RSTR REG32(RCC + 0x20)
#define RCC_APB2RSTR REG32(RCC + 0x24)
#define RCC_APB1ENR REG32(RCC + 0x40)
#define RCC_APB2ENR REG32(RCC + 0x44)
#define RCC_BDCR REG32(RCC + 0x70)
#define RCC_CSR REG32(RCC + 0x74)
#define RCC_DCKCFGR1 REG32(RCC + 0x8C)
#define RCC_DCKCFGR2 REG32(RCC + 0x90)
/* PWR (RM0410 §4.4), FLASH (§3.7), DBGMCU (§40.16.3) */
#define PWR_CR1 REG32(0x40007000u)
#define PWR_CSR1 REG32(0x40007004u)
#define FLASH_ACR REG32(0x40023C00u)
#define DBGMCU_CR REG32(0xE0042004u)

/* GPIO port n (A = 0 ... K = 10) (§5, RM0410 §6.4) */
#define GPIO(n) (0x40020000u + 0x400u * (n))
#define GPIO_MODER(n) REG32(GPIO(n) + 0x00)
#define GPIO_OTYPER(n) REG32(GPIO(n) + 0x04)
#define GPIO_OSPEEDR(n) REG32(GPIO(n) + 0x08)
#define GPIO_PUPDR(n) REG32(GPIO(n) + 0x0C)
#define GPIO_IDR(n) REG32(GPIO(n) + 0x10)
#define GPIO_ODR(n) REG32(GPIO(n) + 0x14)
#define GPIO_BSRR(n) REG32(GPIO(n) + 0x18)
#define GPIO_AFR(n, i) REG32(GPIO(n) + 0x20 + 4u * (i))
#define PORT_A 0
#define PORT_J 9

/* EXTI and SYSCFG (§6, RM0410 §11.9, §7.2) */
#define EXTI_IMR REG32(0x40013C00u)
#define EXTI_RTSR REG32(0x40013C08u)
#define EXTI_FTSR REG32(0x40013C0Cu)
#define EXTI_PR REG32(0x40013C14u)
#define SYSCFG_EXTICR(i) REG32(0x40013808u + 4u * (i))

/* USART1, the ST-LINK VCP (§8, §11; RM0410 §34.8) */
#define USART1 0x40011000u
#define USART_CR1 REG32(USART1 + 0x00)
#define USART_CR2 REG32(USART1 + 0x04)
#define USART_CR3 REG32(USART1 + 0x08)
#define USART_BRR REG32(USART1 + 0x0C)
#define USART_ISR REG32(USART1 + 0x1C)
#define USART_ICR REG32(USART1 + 0x20)
#define USART_RDR REG32(USART1 + 0x24)
#define USART_TDR REG32(USART1 + 0x28)
#define ISR_ORE (1u << 3)
#define ISR_RXNE (1u << 5)
#define ISR_TC (1u << 6)
#define ISR_TXE (1u << 7)
#define CR1_UE (1u << 0)
#define CR1_RE (1u << 2)
#define CR1_TE (1u << 3)
#define CR1_RXNEIE (1u << 5)

/* General-purpose timers (§4.1, RM0410 §27.4/§28.4) */
#define TIM2 0x40000000u
#define TIM12 0x40001800u
#define TIM_CR1(t) REG32((t) + 0x00)
#define TIM_DIER(t) REG32((t) + 0x0C)
#define TIM_SR(t) REG32((t) + 0x10)
#define TIM_EGR(t) REG32((t) + 0x14)
#define TIM_CNT(t) REG32((t) + 0x24)
#define TIM_PSC(t) REG32((t) + 0x28)
#define TIM_ARR(t) REG32((t) + 0x2C)
#define TIM_CCR(t, ch) REG32((t) + 0x30 + 4u * (ch)) /* ch = 1..4 */

/* IRQ numbers (§10.2) */
#define IRQ_EXTI0 6
#define IRQ_TIM2 28
#define IRQ_USART1 37
#define IRQ_TIM12 43
#define F769_N_IRQ 110

/* Clock configurations replayed by embassy_init (§3). */
enum clk_mode {
    CLK_HSI16,  /* Config::default(): SYSCLK = HCLK = PCLK1 = PCLK2 = 16 MHz */
    CLK_PLL216, /* HSE 25 MHz, PLLM 25, PLLN 432, PLLP /2, APB1 /4, APB2 /2 */
};

/* The clocks the firmware believes in (set by embassy_init / clk_* helpers). */
extern uint32_t clk_pclk2, clk_tim1; /* USART1 kernel clock (PCLK2), APB1 timer clock */

/* Replays embassy_stm32::init (§3) including the time driver init (§4.2) on timer
 * `tim` (TIM12 or TIM2) with `nalarms` alarms (alarm n on CC(n+2)). Installs the vector
 * table and brings up the console USART1 at 115200 8N1 on PA9/PA10 (AF7). */
void embassy_init(enum clk_mode mode, uint32_t tim, int nalarms);
void enable_and_reset(volatile uint32_t *enr, volatile uint32_t *rstr, uint32_t bit);

/* Console (blocking write, §8). */
void con_init(void);
void con_putc(char c);
void con_str(const char *s);
void con_udec(uint64_t v);
void con_flush(void); /* blocking_flush: spin on ISR.TC */

/* Time driver (§4): ticks of 1 MHz since the timer started. */
uint64_t td_now(void);
/* Arms alarm n for tick ts and sleeps (WFE) until it fires; returns at once when ts has
 * already passed. Returns the tick read in the ISR that fired it (or now()). */
uint64_t td_wait_until(int n, uint64_t ts);
/* Test instrumentation: when alarm n's ISR starts, toggle pin (port, pin) first thing
 * (port < 0: none). Lateness of each fired alarm (ISR now() - timestamp) is recorded. */
/* Non-blocking variants for several alarms: td_arm returns 0 when ts has passed;
 * td_take returns 1 (once) after alarm n fired. */
int td_arm(int n, uint64_t ts);
int td_take(int n);
/* Records the lateness of the alarm n that just fired (td_take does it itself); called
 * by the task after its reaction to the alarm, outside the timed path. */
void td_note(int n);
void td_alarm_pin(int n, int port, int pin);
extern volatile uint64_t td_max_late;
extern volatile uint32_t td_fired_count, td_early_count;

/* Output::new(pin, Low, speed) (§5): BSRR first, then PUPDR, OTYPER, OSPEEDR, MODER. */
void gpio_output(int port, int pin);
void gpio_toggle(int port, int pin);

static inline void cs_enter(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void cs_exit(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }

/* ExtiInput's interrupt handler body (§6): mask the pending lines in IMR (the waiting
 * task sees its IMR bit cleared), clear them in PR (w1c) and wake the executor. */
static inline void exti_irq_wake(void)
{
    uint32_t bits = EXTI_PR & 0xFFFF;
    EXTI_IMR &= ~bits;
    EXTI_PR = bits;
    sev();
}

/* Weak IRQ handlers a program may provide. */
void exti0_irq(void);
void usart1_irq(void);

/* blink.c */
void blink(const char *name, int toggles, void (*between)(int k));
#include "sh.h"

#endif

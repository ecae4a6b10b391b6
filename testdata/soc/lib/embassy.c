/* Register-level replay of embassy-stm32 0.6.0 on the STM32F769: init (§3), GPIO (§5),
 * the general-purpose-timer time driver (§4, gp16.rs logic) and the USART blocking
 * write (§8). "§n" = /work/shared/reference/stm32f769-embassy.md; RM0410 sections are
 * given where a register layout matters. */
#include "embassy.h"
#include "sh.h"

uint32_t clk_pclk2 = 16000000, clk_tim1 = 16000000;

/* ---- vector table: the F769 has 110 IRQs (§10.2); 126 words, aligned to 512 bytes
 * (the next power of two, Arm DDI0403E B3.2.5), installed through VTOR. */
static void unexpected(void)
{
    out_str("unexpected exception ");
    out_udec(get_ipsr());
    out_nl();
    sh_exit(4);
}
void exti0_irq(void) __attribute__((weak, alias("unexpected")));
void usart1_irq(void) __attribute__((weak, alias("unexpected")));
static void td_isr(void);
static void nothing(void) {} /* DMA stream IRQs are enabled by dma::init but never fire */

#pragma GCC diagnostic ignored "-Woverride-init"
__attribute__((aligned(512))) static const exc_handler vectors[16 + F769_N_IRQ] = {
    [0 ... 15 + F769_N_IRQ] = unexpected,
    [16 + 11 ... 16 + 17] = nothing,
    [16 + 47] = nothing,
    [16 + 56 ... 16 + 60] = nothing,
    [16 + 68 ... 16 + 70] = nothing,
    [16 + IRQ_EXTI0] = exti0_irq,
    [16 + IRQ_TIM2] = td_isr,
    [16 + IRQ_USART1] = usart1_irq,
    [16 + IRQ_TIM12] = td_isr,
};

static void nvic_unpend_enable(unsigned irq)
{
    NVIC_ICPR(irq >> 5) = 1u << (irq & 31);
    NVIC_ISER(irq >> 5) = 1u << (irq & 31);
}

/* §3 step 2: the enable_and_reset pattern. */
void enable_and_reset(volatile uint32_t *enr, volatile uint32_t *rstr, uint32_t bit)
{
    uint32_t m = 1u << bit;
    if ((*enr & m) == 0)
        *rstr |= m;
    *enr |= m;
    (void)*enr; /* dummy read, then dsb */
    __asm__ volatile("dsb" ::: "memory");
    *rstr &= ~m;
}

/* ---- GPIO (§5) */
void gpio_output(int port, int pin)
{
    GPIO_BSRR(port) = 1u << (pin + 16); /* level Low first */
    cs_enter();
    GPIO_PUPDR(port) &= ~(3u << (2 * pin));
    GPIO_OTYPER(port) &= ~(1u << pin);
    GPIO_OSPEEDR(port) = (GPIO_OSPEEDR(port) & ~(3u << (2 * pin))); /* Speed::Low */
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u << (2 * pin))) | (1u << (2 * pin));
    cs_exit();
}

void gpio_toggle(int port, int pin)
{
    /* Output::toggle: is_set_high() reads ODR, then one BSRR write (reset if it was
     * high, set if low). Written without a branch so both directions take the same
     * number of cycles (the edges are timed by the tests). */
    uint32_t odr = GPIO_ODR(port) & (1u << pin);
    GPIO_BSRR(port) = (odr << 16) | (odr ^ (1u << pin));
}

static void gpio_af(int port, int pin, uint32_t af)
{
    cs_enter();
    GPIO_AFR(port, pin / 8) = (GPIO_AFR(port, pin / 8) & ~(0xFu << (4 * (pin % 8)))) | af << (4 * (pin % 8));
    GPIO_PUPDR(port) &= ~(3u << (2 * pin));
    GPIO_OTYPER(port) &= ~(1u << pin);
    GPIO_OSPEEDR(port) = (GPIO_OSPEEDR(port) & ~(3u << (2 * pin))) | (1u << (2 * pin)); /* Medium */
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u << (2 * pin))) | (2u << (2 * pin));
    cs_exit();
}

/* ---- console USART1 (§8 configure; PA9 TX / PA10 RX AF7, §11) */
void con_init(void)
{
    enable_and_reset(&RCC_APB2ENR, &RCC_APB2RSTR, 4); /* USART1EN / USART1RST, RM0410 §5.3.14 */
    gpio_af(PORT_A, 9, 7);
    gpio_af(PORT_A, 10, 7);
    USART_CR1 = 0;                                    /* UE = 0 */
    USART_BRR = (clk_pclk2 + 115200 / 2) / 115200;    /* 16 MHz: 139 = 0x8B; 108 MHz: 938 */
    USART_CR2 = 0;                                    /* 1 stop bit */
    USART_CR3 &= ~((1u << 11) | (1u << 3));           /* ONEBIT, HDSEL */
    USART_CR1 = CR1_UE | CR1_TE | CR1_RE;             /* one write, 8N1 */
    nvic_unpend_enable(IRQ_USART1);
}

void con_putc(char c)
{
    while ((USART_ISR & ISR_TXE) == 0) /* blocking_write: spin on TXE, one byte to TDR */
        ;
    USART_TDR = (uint8_t)c;
}

void con_str(const char *s)
{
    while (*s) {
        if (*s == '\n')
            con_putc('\r');
        con_putc(*s++);
    }
}

void con_udec(uint64_t v)
{
    char buf[20];
    int n = 0;
    do {
        buf[n++] = (char)('0' + (unsigned)(v % 10));
        v /= 10;
    } while (v != 0);
    while (n > 0)
        con_putc(buf[--n]);
}

void con_flush(void)
{
    while ((USART_ISR & ISR_TC) == 0) /* blocking_flush: spin on TC */
        ;
}

/* ---- time driver (§4) */
#define TICK_HZ 1000000u
#define MAX_ALARMS 3
static uint32_t td_base;
static int td_nalarms;
static volatile uint32_t td_period;
static volatile uint64_t alarm_ts[MAX_ALARMS];
static volatile uint32_t alarm_fired[MAX_ALARMS];
static volatile uint64_t alarm_seen[MAX_ALARMS];
static int alarm_port[MAX_ALARMS] = {-1, -1, -1}, alarm_pinno[MAX_ALARMS];
static uint32_t alarm_level[MAX_ALARMS];
volatile uint64_t td_max_late;
volatile uint32_t td_fired_count, td_early_count;

#define SR_UIF (1u << 0)
#define CCIF(ch) (1u << (ch))
#define CCIE(ch) (1u << (ch))

static void td_start(uint32_t t, int nalarms)
{
    td_base = t;
    td_nalarms = nalarms;
    for (int n = 0; n < MAX_ALARMS; n++)
        alarm_ts[n] = UINT64_MAX;
    cs_enter();
    if (t == TIM12)
        enable_and_reset(&RCC_APB1ENR, &RCC_APB1RSTR, 6); /* §4.1: APB1 bit 6 */
    else
        enable_and_reset(&RCC_APB1ENR, &RCC_APB1RSTR, 0); /* TIM2: APB1 bit 0 */
    TIM_CR1(t) = 0;                                       /* §4.2 step 2: CEN = 0 */
    TIM_CNT(t) = 0;
    TIM_PSC(t) = clk_tim1 / TICK_HZ - 1;                  /* step 3: 16 MHz -> 15, 108 MHz -> 107 */
    TIM_ARR(t) = 0xFFFF;                                  /* step 4: 16-bit view */
    TIM_CR1(t) = 1u << 2;                                 /* step 5: URS = 1 */
    TIM_EGR(t) = 1;                                       /* UG: reload PSC, no UIF with URS = 1 */
    TIM_CR1(t) = 0;                                       /* URS = 0 */
    TIM_CCR(t, 1) = 0x8000;                               /* step 6: half-period compare */
    TIM_DIER(t) = 1u | CCIE(1);                           /* UIE | CC1IE */
    nvic_unpend_enable(t == TIM12 ? IRQ_TIM12 : IRQ_TIM2); /* step 7 */
    TIM_CR1(t) = 1;                                       /* step 8: CEN */
    cs_exit();
}

/* now = (period << 15) + (CNT ^ ((period & 1) << 15)) (§4.3) */
uint64_t td_now(void)
{
    uint32_t p = td_period;
    __asm__ volatile("" ::: "memory");
    uint32_t cnt = TIM_CNT(td_base) & 0xFFFF;
    return ((uint64_t)p << 15) + (uint64_t)(cnt ^ ((p & 1) << 15));
}

static void next_period(void)
{
    uint32_t p = td_period + 1;
    td_period = p;
    uint64_t t = (uint64_t)p << 15;
    for (int n = 0; n < td_nalarms; n++) {
        if (alarm_ts[n] < t + 0xC000) /* re-arm an alarm that is now within reach (§4.4) */
            TIM_DIER(td_base) |= CCIE(n + 2);
    }
}

static void trigger_alarm(int n, uint64_t entry)
{
    TIM_DIER(td_base) &= ~CCIE(n + 2);
    alarm_seen[n] = entry; /* statistics: see td_note */
    alarm_ts[n] = UINT64_MAX;
    alarm_fired[n] = 1;
    sev(); /* the thread executor's pender (§2.3) */
}

static void td_isr(void)
{
    uint32_t t = td_base;
    uint32_t sr = TIM_SR(t);
    uint32_t dier = TIM_DIER(t);
    /* Instrumentation (not Embassy's): toggle the alarm's pin first, so that its edge
     * has the same latency after the compare match on every alarm. Software-tracked
     * level: one BSRR write, no ODR read. */
    for (int n = 0; n < td_nalarms; n++) {
        if ((sr & dier & CCIF(n + 2)) && alarm_port[n] >= 0) {
            alarm_level[n] ^= 1;
            GPIO_BSRR(alarm_port[n]) = 1u << (alarm_pinno[n] + (alarm_level[n] ? 0 : 16));
        }
    }
    /* Instrumentation: the tick at ISR entry, for the lateness statistics (now() is
     * right before next_period too: the XOR in td_now handles a pending update). */
    uint64_t entry = td_now();
    TIM_SR(t) = ~sr; /* rc_w0: clear exactly the flags we saw (§4.3) */
    if (sr & SR_UIF)
        next_period();
    if (sr & CCIF(1))
        next_period();
    for (int n = 0; n < td_nalarms; n++)
        if ((sr & CCIF(n + 2)) && (dier & CCIE(n + 2)))
            trigger_alarm(n, entry);
}

/* set_alarm (§4.4), in a critical section. Returns 0 when ts has already passed. */
static int set_alarm(int n, uint64_t ts)
{
    uint32_t t = td_base;
    alarm_ts[n] = ts;
    uint64_t now = td_now();
    if (ts <= now) {
        TIM_DIER(t) &= ~CCIE(n + 2);
        alarm_ts[n] = UINT64_MAX;
        return 0;
    }
    TIM_CCR(t, n + 2) = (uint32_t)ts & 0xFFFF;
    if (ts - now < 0xC000)
        TIM_DIER(t) |= CCIE(n + 2);
    else
        TIM_DIER(t) &= ~CCIE(n + 2);
    now = td_now();
    if (ts <= now) { /* passed while we were setting it */
        TIM_DIER(t) &= ~CCIE(n + 2);
        alarm_ts[n] = UINT64_MAX;
        return 0;
    }
    return 1;
}

/* Lateness statistics of a fired alarm, kept in thread context (after the task's
 * reaction) so that the ISR's and the task's paths take the same cycles every time. */
static uint64_t armed_ts[MAX_ALARMS];
void td_note(int n)
{
    uint64_t seen = alarm_seen[n], ts = armed_ts[n];
    if (seen < ts)
        td_early_count++;
    else if (seen - ts > td_max_late)
        td_max_late = seen - ts;
    td_fired_count++;
}

int td_arm(int n, uint64_t ts)
{
    alarm_fired[n] = 0;
    armed_ts[n] = ts;
    cs_enter();
    int armed = set_alarm(n, ts);
    cs_exit();
    return armed;
}

int td_take(int n)
{
    if (!alarm_fired[n])
        return 0;
    alarm_fired[n] = 0;
    td_note(n);
    return 1;
}

uint64_t td_wait_until(int n, uint64_t ts)
{
    if (!td_arm(n, ts))
        return td_now();
    while (!alarm_fired[n]) /* executor: poll(); WFE (§2.3) */
        wfe();
    return alarm_seen[n];
}

void td_alarm_pin(int n, int port, int pin)
{
    alarm_port[n] = port;
    alarm_pinno[n] = pin;
    alarm_level[n] = 0;
    if (port >= 0)
        gpio_output(port, pin);
}

/* ---- embassy_stm32::init (§3) */
void embassy_init(enum clk_mode mode, uint32_t tim, int nalarms)
{
    exc_install(vectors);
    int pll = mode == CLK_PLL216;
    DBGMCU_CR |= 7;                                      /* 1: DBG_SLEEP | DBG_STOP | DBG_STANDBY */
    enable_and_reset(&RCC_APB2ENR, &RCC_APB2RSTR, 14);   /* 2: SYSCFG */
    enable_and_reset(&RCC_APB1ENR, &RCC_APB1RSTR, 28);   /* 2: PWR */
    for (int i = 0; i <= 10; i++)                        /* 3: gpio::init, GPIOA..GPIOK */
        RCC_AHB1ENR |= 1u << i;
    static const uint8_t dma_irqs[] = {11, 12, 13, 14, 15, 16, 17, 47, 56, 57, 58, 59, 60, 68, 69, 70};
    for (unsigned i = 0; i < sizeof dma_irqs; i++) {     /* 4: dma::init, P0 + enable */
        NVIC_IPR8(dma_irqs[i]) = 0;
        NVIC_ISER(dma_irqs[i] >> 5) = 1u << (dma_irqs[i] & 31);
    }
    RCC_AHB1ENR |= 1u << 21;
    RCC_AHB1ENR |= 1u << 22;
    static const uint8_t exti_irqs[] = {6, 7, 8, 9, 10, 23, 40};
    for (unsigned i = 0; i < sizeof exti_irqs; i++)      /* 5: exti::init */
        NVIC_ISER(exti_irqs[i] >> 5) = 1u << (exti_irqs[i] & 31);

    /* 6: rcc::init (rcc/f247.rs) */
    if (pll)
        PWR_CR1 = (PWR_CR1 & ~(3u << 14)) | (3u << 14); /* 6.1 VOS = Scale1 */
    PWR_CR1 |= 1u << 16;                                 /* 6.2 ODEN, spin on ODRDY */
    while ((PWR_CSR1 & (1u << 16)) == 0)
        ;
    PWR_CR1 |= 1u << 17;                                 /* ODSWEN, spin on ODSWRDY */
    while ((PWR_CSR1 & (1u << 17)) == 0)
        ;
    RCC_CR |= 1u << 0;                                   /* 6.3 HSION, HSIRDY */
    while ((RCC_CR & (1u << 1)) == 0)
        ;
    RCC_CFGR &= ~3u;                                     /* SW = HSI, SWS == 0 */
    while ((RCC_CFGR & (3u << 2)) != 0)
        ;
    if (pll) {                                           /* 6.4 HSE: crystal (HSEBYP = 0) */
        RCC_CR &= ~(1u << 18);
        RCC_CR |= 1u << 16;
        while ((RCC_CR & (1u << 17)) == 0)
            ;
    } else {
        RCC_CR &= ~(1u << 16);
    }
    for (int on = 24; on <= 28; on += 2) {               /* 6.5 PLL, PLLI2S, PLLSAI off */
        RCC_CR &= ~(1u << on);
        while (RCC_CR & (1u << (on + 1)))
            ;
    }
    if (pll) {                                           /* 6.6 M 25, N 432, P /2, Q 9, R 2, HSE */
        RCC_PLLCFGR = 25u | 432u << 6 | 0u << 16 | 1u << 22 | 9u << 24 | 2u << 28;
        RCC_CR |= 1u << 24;
        while ((RCC_CR & (1u << 25)) == 0)
            ;
    }
    PWR_CR1 |= 1u << 8;                                  /* 6.7 DBP, read back */
    while ((PWR_CR1 & (1u << 8)) == 0)
        ;
    RCC_CSR |= 1u;                                       /* LSION, LSIRDY */
    while ((RCC_CSR & 2u) == 0)
        ;
    uint32_t bd = RCC_BDCR;
    if (((bd >> 8) & 3) != 2 || !(bd & (1u << 15)) || (bd & 1u) || (bd & 4u)) {
        RCC_BDCR |= 1u << 16;                            /* BDRST pulse resets BDCR */
        RCC_BDCR &= ~(1u << 16);
        RCC_BDCR = 1u << 15 | 2u << 8;                   /* RTCEN | RTCSEL = LSI */
    }
    uint32_t lat = pll ? 7 : 0;                          /* 6.8 (HCLK - 1) / 30 MHz */
    FLASH_ACR = lat;
    while ((FLASH_ACR & 0xF) != lat)
        ;
    uint32_t sw = pll ? 2 : 0;                           /* 6.9 SW, HPRE /1, PPRE1, PPRE2 */
    uint32_t ppre1 = pll ? 5 : 0, ppre2 = pll ? 4 : 0;   /* /4, /2 */
    RCC_CFGR = (RCC_CFGR & ~(3u | 0xFu << 4 | 7u << 10 | 7u << 13)) | sw | ppre1 << 10 | ppre2 << 13;
    while (((RCC_CFGR >> 2) & 3) != sw)
        ;
    if (pll)
        RCC_CR &= ~1u;                                   /* 6.10 HSI not wanted */
    RCC_DCKCFGR1 &= ~(1u << 24);                         /* 6.11 mux.init: TIMPRE = 0 */
    RCC_DCKCFGR2 = 0;                                    /* USART1SEL = PCLK2 ... */
    clk_pclk2 = pll ? 108000000 : 16000000;
    clk_tim1 = pll ? 108000000 : 16000000;               /* ×2 rule: 2 × 54 MHz */

    td_start(tim, nalarms);                              /* 7: time_driver::init (§4.2) */
    con_init();                                          /* the application's Uart::new (§8) */
}

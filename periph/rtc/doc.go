// Package rtc models the calendar and backup registers of the STM32F7 real-time
// clock, RTC (RM0410 §29), at 0x4000_2800.
//
// Modelled (RM0410 §29.3, §29.6):
//   - Write protection (§29.3.8): after reset the registers are locked; writing 0xCA
//     then 0x53 to RTC_WPR unlocks them, any other value locks them again. RTC_ISR's
//     flags [13:8], RTC_TAMPCR and RTC_BKPxR are not protected. Config.BackupWritable
//     (PWR_CR1.DBP, RM0410 §4.1.5) gates every write.
//   - Initialization mode (§29.3.9): RTC_ISR.INIT stops the calendar and sets INITF at
//     once; RTC_TR, RTC_DR and RTC_PRER are writable only then. Clearing INIT restarts
//     the calendar from the loaded values. INITS reads 1 once the year is non-zero.
//   - RSF reads 1 whenever the calendar is running (the shadow registers are always
//     in sync: reads compute the calendar directly); writing 0 to it has no lasting effect.
//   - Time keeping: the calendar counts ck_spre = RTCCLK / (PREDIV_A+1) / (PREDIV_S+1)
//     (§29.3.1), RTCCLK from Config.Clock (RCC_BDCR.RTCSEL: LSE 32.768 kHz, LSI, HSE/
//     RTCPRE), computed lazily from the current CPU cycle; RTC_SSR is PREDIV_S minus the
//     ck_apre ticks of the current second. Years 00–99 with leap years divisible by 4,
//     weekday incrementing with the date, 24-hour format (RTC_CR.FMT is stored, the
//     12-hour PM bit is not interpreted).
//   - The 32 backup registers RTC_BKP0R–31R (§29.6.20): kept across Reset (a system
//     reset does not touch the backup domain, RM0410 §5.1.3), cleared by BackupDomainReset
//     (RCC_BDCR.BDRST).
//
// Not modelled: alarms, wakeup timer, time stamp, tamper, smooth calibration, shift,
// daylight-saving and bypass-shadow behaviour; those registers (RTC_CR, WUTR, ALRMxR,
// ALRMxSSR, SHIFTR, TSxR, CALR, TAMPCR, OR) are plain storage with their reset values,
// subject to write protection, and raise no interrupt.
package rtc

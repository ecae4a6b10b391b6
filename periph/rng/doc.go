// Package rng models the STM32F7 random number generator (RM0410 §22) as a
// deterministic source: the values RNG_DR yields are a fixed function of
// Config.Seed, so two runs with the same seed see the same numbers.
//
// Timing (RM0410 §22.3.1): a new 32-bit value is ready 40 RNG-clock periods after
// RNGEN is set or after the previous value is read from RNG_DR. The RNG clock is
// the 48 MHz PLL48CLK; Config.RNGHz supplies its frequency and Config.CPUHz the
// core's, and the wait is 40·CPUHz/RNGHz CPU cycles rounded up. Without either
// function the RNG clock is taken to run at the core (AHB) clock: 40 CPU cycles.
//
// The model never detects a clock or seed error: SR.CECS, SECS, CEIS and SEIS are
// never set (CEIS and SEIS are write-0-to-clear, the others read-only).
// Clearing RNGEN drops a value not yet read; setting it again starts a new
// 40-period wait. Reading RNG_DR while DRDY is clear returns 0 and does not consume
// a value (silicon returns stale data there; RM0410 §22.3.1 says to check DRDY).
//
// The interrupt (RNG_CR.IE, RM0410 §22.3.3) is a level: IE && (DRDY || CEIS || SEIS),
// driven on Config.IRQ (NVIC line 80, HASH_RNG, on the STM32F769).
package rng

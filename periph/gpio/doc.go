// Package gpio models one STM32F76xxx general-purpose I/O port (RM0410 §6): GPIOx_MODER,
// OTYPER, OSPEEDR, PUPDR, IDR, ODR, BSRR, LCKR, AFRL and AFRH. One Port is one of
// GPIOA … GPIOK, at 0x4002_0000 + 0x400·n; New(Config{Name: "GPIOJ"}) builds it.
//
// Behaviour:
//   - Reset values per port (RM0410 §6.4.1, §6.4.3, §6.4.4; ST SVD): ports A and B come
//     out of reset with their debug pins in alternate-function mode and pulled.
//   - ODR reads back; BSRR sets and resets ODR bits and reads 0; with both BSy and BRy
//     set, BSy wins (§6.4.7). Byte and halfword accesses reach single bytes, as on
//     silicon (§6.4: "accessed by byte, half-word or word").
//   - IDR is computed from the pin's mode, the external drive the board applies with
//     SetInput, the pull and the output (see computeIDR for the rules and deviations);
//     writes to IDR are ignored.
//   - LCKR: the lock key sequence freezes the configuration of the LCKy pins until
//     Reset (§6.4.8); see writeLCKR.
//   - The board sees outputs through Config.OnOutput (output-mode pins, on entry and
//     on each ODR change) and inputs through Config.OnInput (each IDR change, which the
//     board routes through SYSCFG to EXTI). Output, Input, AltFunc, Pull, OpenDrain
//     and Speed read the pin state at any time.
//
// Time: GPIO has no timing of its own; every effect is immediate.
//
// Not modelled: output speed effects (OSPEEDR is recorded), the alternate function's
// own output level in IDR (the peripheral drives the pin; the board connects
// peripherals by AltFunc), the IDR sampling delay of one AHB cycle, and the GPIOx_BRR
// register that the ST SVD lists at 0x28: RM0410's register map stops at AFRH, so 0x28
// reads 0 and ignores writes here.
package gpio

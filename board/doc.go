// Package board composes a machine: it builds the address map from a declarative
// table, attaches the core, the scheduler and the semihosting host, loads firmware,
// and runs it. It is the only package that knows the concrete types of every part.
//
// Two machines exist:
//
//   - stm32f769i-disco: the STM32F769NI on ST's F769I-DISCO board. Memory map from
//     RM0410 §2.2 (Figure 2, memory map) and the CMSIS device header
//     stm32f769xx.h: ITCM RAM, flash on AXIM and its ITCM alias, DTCM+SRAM1+SRAM2,
//     backup SRAM, system memory with the unique ID and flash-size words.
//     The SoC table (soc.go) maps the modelled peripherals (RCC, PWR, FLASH, GPIO,
//     SYSCFG, EXTI, USARTs, timers); every other peripheral of the ST SVD is a latch
//     of plain registers with its reset values (unmodelled.go). The board's LEDs and
//     button and the scripted host inputs are in devices.go and inputs.go.
//   - mps2-an500: QEMU's Cortex-M7 board, used as the oracle machine: 4 MiB of
//     code RAM at 0, 4 MiB of RAM at 0x2000_0000 and 16 MiB of PSRAM at 0x6000_0000.
package board

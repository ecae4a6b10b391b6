// Package dbgmcu models the STM32F7 MCU debug component's registers (RM0410 §40.16):
// DBGMCU_IDCODE and the three configuration registers DBGMCU_CR, DBGMCU_APB1_FZ and
// DBGMCU_APB2_FZ. The configuration registers are recorded (read back as written,
// reserved bits zero) but have no effect: the emulator has no low-power debug
// domain and does not freeze timers or watchdogs while the core is halted.
// Accessors (CR, APB1FZ, APB2FZ) let the board consult them if it later does.
package dbgmcu

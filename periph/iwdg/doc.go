// Package iwdg models the STM32F7 independent watchdog, IWDG (RM0410 §23), at
// 0x4000_3000: IWDG_KR, IWDG_PR, IWDG_RLR, IWDG_SR and IWDG_WINR.
//
// Behaviour (RM0410 §23.3):
//   - Writing 0xCCCC to IWDG_KR starts the watchdog: the 12-bit down-counter is loaded
//     from IWDG_RLR and counts on the prescaled LSI clock (LSI / 4·2^PR, PR clamped
//     to 6, i.e. /256). Once started it cannot be stopped except by a reset.
//   - Writing 0xAAAA reloads the counter from IWDG_RLR ("refresh"). With the window
//     option active (IWDG_WINR < IWDG_RLR), a refresh while the counter is still above
//     IWDG_WINR causes a reset (§23.3.4).
//   - Writing 0x5555 unlocks IWDG_PR, IWDG_RLR and IWDG_WINR; writing any other key
//     locks them again (§23.3.6). Writing 0xCCCC also enables the watchdog.
//   - When the counter reaches 0 the board performs a system reset (Config.OnReset);
//     the RCC records it as IWDGRSTF.
//
// Time: the LSI (Config.LSIHz, 32 kHz, RM0410 §5.2.5) is never stepped. LSI ticks fall
// on cycles epoch + ceil(k·CPUHz/LSIHz); the count is computed from the current cycle
// (Config.Now) on each read and the only scheduled event is the expiry. ClockChanged
// re-anchors the LSI at the current cycle (the fraction of an LSI tick in progress at
// the change is dropped). The prescaler is modelled as restarting on each reload.
//
// Simplifications: the register-update flags IWDG_SR.PVU/RVU/WVU read 0 (updates take
// effect at once rather than after some LSI cycles); the hardware-watchdog option byte
// (IWDG_SW) and the debug freeze (DBGMCU_APB1_FZ.DBG_IWDG_STOP) are not modelled.
package iwdg

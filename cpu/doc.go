// Package cpu is the Cortex-M7 core: the architectural state of an ARMv7E-M processor
// (R0–R15, APSR, IT state, the banked stack pointers and the special registers), the
// fetch/decode/execute loop with a pre-decoded instruction cache, the execute function
// of every instruction, and the cycle cost of each (timing.go).
//
// Sources: Arm DDI0403E.e (Armv7-M Architecture Reference Manual) — A2 (application
// level programmers' model), A7 (instruction details, whose pseudocode helper names
// such as AddWithCarry and Shift_C are kept), B1 (system level programmers' model);
// Arm DDI0489 (Cortex-M7 TRM) for implementation choices.
//
// The package does not know the board: memory comes from a *bus.Bus, and the few
// events that leave the core (BKPT, faults it cannot take yet, sleep) are reported
// through Hooks and the Stop value.
//
// Not modelled yet (later issues): the exception model (faults stop the run instead of
// being taken), the FPU, the MPU.
package cpu

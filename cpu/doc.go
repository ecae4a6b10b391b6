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
// The package does not know the board: memory comes from a *bus.Bus, the NVIC/SCB
// through ExceptionController and the MPU through MemoryProtection (interfaces defined
// here, implemented by packages nvic and mpu), and the events that leave the core
// (BKPT, exception entry and return, sleep, lockup, reset requests) are reported
// through Hooks and the Stop value.
//
// The exception model (exception.go, Arm DDI0403E B1.5) takes faults, SVC and
// interrupts as exceptions when a controller is configured; without one a fault stops
// the run (StopFault), as a bare instruction-set model.
//
// The FPv5-D16 floating-point unit: its registers and ExecuteFPCheck (fpregs.go), the
// FP instructions (exec_fp.go, arithmetic in package cpu/vfp), and the FP context across
// exceptions — extended frame, lazy state preservation, EXC_RETURN bit 4 (exception.go).
//
// Not modelled yet (later issues): imprecise BusFaults, CCR.BFHFNMIGN, the debug
// exceptions (BKPT stops the run instead of taking DebugMonitor or a HardFault).
package cpu

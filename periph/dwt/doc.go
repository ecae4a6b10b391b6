// Package dwt models the Armv7-M debug and trace blocks that firmware itself uses:
//
//   - DWT, the Data Watchpoint and Trace unit at 0xE000_1000 (Arm DDI0403E C1.8): the
//     profiling counters CYCCNT, CPICNT, EXCCNT, SLEEPCNT, LSUCNT and FOLDCNT, PCSR,
//     four comparators (COMPn/MASKn/FUNCTIONn, registers only: they never match), the
//     CoreSight lock (LAR/LSR) and identification registers.
//   - ITM, the Instrumentation Trace Macrocell at 0xE000_0000 (C1.7): stimulus ports
//     0–31, TER, TPR, TCR, LAR/LSR, identification registers. A stimulus write (byte,
//     halfword or word) goes to Config.ITM when DEMCR.TRCENA, TCR.ITMENA and the port's
//     TER bit are set; no trace packets are formed. Stimulus reads return FIFOREADY.
//   - CoreDebug, the debug registers of the SCS at 0xE000_EDF0 (C1.6): DHCSR, DCRSR,
//     DCRDR and DEMCR, whose TRCENA bit (24) gates everything in the DWT and ITM.
//
// One Unit holds all three and hands out three bus.Device values (ITM, DWT, Debug),
// each taking offsets relative to its own base.
//
// Counters are never stepped. The core keeps running totals (Counters: cycles,
// instructions, sleep cycles, exception-overhead cycles, extra load/store cycles,
// folded instructions) and the DWT stores, per counter, the value it had and the total
// it was computed from when last written or (re)enabled; a read returns that value
// plus the growth of the total since. CYCCNT is 32 bits and wraps exactly; the other
// five are 8 bits (C1.8, the DWT_CPICNT … DWT_FOLDCNT descriptions) and wrap at 256.
// A counter counts while TRCENA and its enable (CYCCNTENA, CPIEVTENA, EXCEVTENA,
// SLEEPEVTENA, LSUEVTENA, FOLDEVTENA) are set and freezes otherwise (the gating Armv8-M
// states explicitly for the same counters); setting an EVTENA bit from 0 to 1 zeroes
// its counter (C1.8: each counter is "initialized to zero when DWT_CTRL.xxxEVTENA
// transitions from 0 to 1"). CPICNT counts the cycles not accounted for by the others,
// so that instructions = CYCCNT − CPICNT − EXCCNT − SLEEPCNT − LSUCNT + FOLDCNT holds
// (modulo 256 for the 8-bit counters): the identity Arm gives for the DWT profiling
// counters (cortex-m7-timing.md, anchor C5).
//
// Reset values: DWT_CTRL 0x4000_0000 (NUMCOMP = 4, full DWT with trace: Cortex-M7 TRM
// DDI0489F §11.3 Table 11.1), CYCCNT 0, FUNCTION0–3 0 except FUNCTION1.LNK1ENA, which
// reads as one with full debug (same table, note b). DEMCR 0, ITM registers 0.
// Identification: Arm JEP106 code 0x3B with continuation 4 (PID4 = 0x04, PID1 = 0xB0),
// component class 0xE (CID 0x0D, 0xE0, 0x05, 0xB1; DDI0489F Table 11.1 gives PID4 and
// CID0), part numbers 0x001 (ITM) and 0x002 (DWT), which is how debuggers recognise the
// v7-M ITM and DWT (pyOCD's CoreSight component table). Not verified: the revision
// field of PID2 for the Cortex-M7, left at 0.
//
// The CoreSight software lock (LAR = 0xC5ACCE55 unlocks, any other value locks; LSR
// reports SLI = 1 and SLK) blocks writes to the DWT and to ITM TER/TPR/TCR while set.
// "Some devices, like the STM32F7, software lock the DWT after a power cycle" (the
// cortex-m crate's DWT::unlock documentation); Config.LockedAtReset chooses. Stimulus
// writes are not blocked by the lock (only by TRCENA/ITMENA/TER).
//
// No debugger is attached unless Config.DebuggerAttached: DHCSR reads C_DEBUGEN = 0,
// S_REGRDY = 1, S_RETIRE_ST (sticky: an instruction retired since the last read) and
// S_RESET_ST (sticky: a reset since the last read); DCRSR writes are ignored (no Debug
// state); DCRDR is a plain read/write register.
//
// Not modelled: halting debug, vector catch, comparator matches and watchpoints, PC
// sampling and trace packet output, counter overflow events, ITM timestamps, the
// unprivileged-access rules of ITM_TPR (StimulusPrivileged reports them for the CPU,
// which raises the PPB BusFault itself).
package dwt

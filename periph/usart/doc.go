// Package usart models the STM32F76xxx USART/UART (RM0410 §34, the register set with
// ISR/ICR/RDR/TDR; stm32-data "usart v3": no FIFO, no PRESC) for USART1/2/3/6 and
// UART4/5/7/8. Instances lists their bases, IRQ numbers and RCC wiring for the board.
//
// Registers: CR1, CR2, CR3, BRR, GTPR, RTOR latch their SVD-defined bits. BRR, and
// CR1.M0/M1/OVER8/PCE/PS/DEAT/DEDT and CR2.STOP "can only be written when the USART
// is disabled (UE=0)" (§34.8.1–34.8.4): writes to them with UE=1 are ignored. RQR:
// RXFRQ clears RXNE, TXFRQ sets TXE (discarding TDR data). ICR is write-1-to-clear for
// PE, FE, NF, ORE, IDLE, TC and RTOF. Reading RDR (any width, CPU or DMA) clears RXNE.
// Writing TDR clears TC. ISR.TEACK/REACK follow UE&TE / UE&RE at once; BUSY is set
// while a frame is on the RX wire. Clearing UE discards all operations and returns ISR
// to its reset value TXE|TC (§34.8.1, UE).
//
// Timing (§34.5.2–34.5.4): the bit time is USARTDIV/fck with OVER8=0 and USARTDIV/
// (2·fck) with OVER8=1, where USARTDIV = BRR (OVER8=0) or BRR[15:4]:BRR[2:0]<<1
// (OVER8=1). A frame is 1 start bit, 7/8/9 bits (M[1:0] = 10/00/01, parity
// included) and 0.5/1/1.5/2 stop bits (CR2.STOP). fck is Config.Clock (usart_ker_ck)
// and scheduler cycles run at Config.CPUHz; instants are kept as a cycle plus a
// fraction of a cycle, so back-to-back frames never drift, and an event fires at the
// first whole cycle at or after the exact instant.
//
// Transmitter: enabling it (UE and TE both set, or TE pulsed low then high) first sends
// an idle frame ("Setting the TE bit drives the USART to send an idle frame before the
// first data frame", §34.5.2; observed on silicon as a one-frame delay before the
// first byte). A TDR write while the shift register is free moves the data into it at
// once (TXE stays set); otherwise TXE clears until the shift register frees. When a
// data frame's stop bits are out, Config.OnTx gets the data bits (parity removed) and
// TC is set if TDR is empty. Clearing TE lets the frame in progress finish.
//
// Receiver: Receive queues host bytes; while UE and RE are set they go on the wire back
// to back, one frame each, starting when the receiver is ready. At the end of a frame
// RDR takes the byte (with the computed parity bit in the MSB when PCE=1) and RXNE is
// set; if RXNE was still set, ORE is set and the byte is lost (OVRDIS=1: no ORE, RDR
// overwritten). IDLE is set one frame time after the last stop bit if no further frame
// started, once per reception. With CR2.RTOEN, RTOF is set RTOR.RTO bit times after the
// last stop bit, once per reception (§34.5.12, receiver timeout).
//
// Lines (§34.7): Config.IRQ is the level of PE&PEIE | TXE&TXEIE | TC&TCIE |
// (RXNE|ORE)&RXNEIE | IDLE&IDLEIE | RTOF&RTOIE | (FE|ORE|NF)&EIE. Config.TxDMA is
// DMAT&TXE, Config.RxDMA is DMAR&RXNE. Lines are driven only when their level changes.
//
// Events: one scheduler event fires at the next frame end, idle detection or timeout.
// Register accesses also process everything due by Config.Now first, so a core that
// runs ahead of the scheduler still reads exact flags.
//
// Deviations and not modelled:
//   - Deviation: RXNE is set at the end of the last stop bit (silicon samples the stop
//     bit in its middle, half a bit earlier).
//   - Deviation: clearing RE (or UE) abandons the frame on the RX wire and its byte stays
//     at the head of the host queue; nothing the host sends is ever lost.
//   - Deviation: TEACK/REACK follow TE/RE without the internal synchronisation delay.
//   - Writing RTOR or RTOEN re-arms the timeout from the last stop bit at the current
//     bit rate, even if the clock changed since.
//   - A kernel clock that stops (0 Hz) abandons frames in flight.
//   - Not modelled: PE, FE, NF (the host sends clean frames), break (SBKRQ/SBKF), auto
//     baud rate, mute mode and address matching, LIN, IrDA, smartcard (GTPR and
//     RTOR.BLEN only latch), synchronous mode, hardware flow control (CTS/RTS), RS485
//     driver enable, wake-up from Stop, TX/RX pin swap and inversion, MSB-first, 9-bit
//     host data (OnTx gets the low 8 bits), half-duplex.
package usart

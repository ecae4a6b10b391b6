package usart

import (
	"testing"

	"m7emu/irq"
	"m7emu/sched"
)

// rig is a USART on its own scheduler with recorded lines and OnTx.
type rig struct {
	t        *testing.T
	s        *sched.Scheduler
	u        *USART
	fck, cpu uint64
	tx       []txRec
	irq      []edge
	txd, rxd []edge
}

type txRec struct {
	at sched.Cycle
	b  byte
}

type edge struct {
	at    sched.Cycle
	level bool
}

func newRig(t *testing.T, fck, cpu uint64) *rig {
	r := &rig{t: t, s: sched.New(), fck: fck, cpu: cpu}
	rec := func(dst *[]edge) irq.Line {
		return irq.Func(func(l bool) { *dst = append(*dst, edge{r.s.Now(), l}) })
	}
	r.u = New(Config{
		Name:  "USART1",
		Sched: r.s,
		Clock: func() uint64 { return r.fck },
		CPUHz: func() uint64 { return r.cpu },
		IRQ:   rec(&r.irq),
		TxDMA: rec(&r.txd),
		RxDMA: rec(&r.rxd),
		OnTx:  func(b byte) { r.tx = append(r.tx, txRec{r.s.Now(), b}) },
	})
	return r
}

func (r *rig) at(c sched.Cycle) { r.s.Advance(c) }

func (r *rig) rd(off uint32) uint32 {
	v, err := r.u.Read(off, 4)
	if err != nil {
		r.t.Fatalf("read 0x%x: %v", off, err)
	}
	return v
}

func (r *rig) wr(off, v uint32) {
	if err := r.u.Write(off, 4, v); err != nil {
		r.t.Fatalf("write 0x%x: %v", off, err)
	}
}

// configure replays Embassy's configure sequence (stm32f769-embassy.md §8): UE=0,
// BRR, CR2, CR3, then CR1 = UE|TE|RE|format in one write.
func (r *rig) configure(brr, cr1, cr2 uint32) {
	r.wr(regCR1, 0)
	r.wr(regBRR, brr)
	r.wr(regCR2, cr2)
	r.wr(regCR3, r.rd(regCR3))
	r.wr(regCR1, cr1|cr1UE|cr1TE|cr1RE)
}

// embassyBRR is Embassy's divisor rounding, BRR = (f_ck + baud/2) / baud for OVER8=0
// (§8: "16 MHz / 115200 → BRR = 0x8B").
func embassyBRR(fck, baud uint64) uint32 { return uint32((fck + baud/2) / baud) }

// ceilDiv returns ceil(a/b).
func ceilDiv(a, b uint64) uint64 { return (a + b - 1) / b }

func TestBRRFromEmbassy(t *testing.T) {
	// §8: 16 MHz / 115200 → 0x8B. 54 MHz (PCLK1 at 216 MHz with APB1 /4): 468.75 → 469.
	if got := embassyBRR(16_000_000, 115200); got != 0x8B {
		t.Errorf("BRR(16 MHz) = %#x, want 0x8B", got)
	}
	if got := embassyBRR(54_000_000, 115200); got != 0x1D5 {
		t.Errorf("BRR(54 MHz) = %#x, want 0x1D5", got)
	}
}

// TestBlockingWrite replays Embassy's blocking_write + blocking_flush (§8: spin on
// ISR.TXE, write one byte to TDR; spin on ISR.TC) and checks the exact completion
// cycle of every byte. The first data frame follows the idle preamble sent when TE is
// set (RM0410 §34.5.2, "Idle characters"), so byte k ends (k+2) frames after enable.
func TestBlockingWrite(t *testing.T) {
	cases := []struct {
		name       string
		fck, cpu   uint64
		brr, cr1   uint32
		cr2        uint32
		frameTenth uint64 // frame length in tenths of a CPU cycle, worked by hand
	}{
		// RM0410 §34.5.4: bit = USARTDIV/fck = 139/16 MHz = 139 CPU cycles; 10 bits.
		{"16MHz", 16_000_000, 16_000_000, 0x8B, 0, 0, 13900},
		// 469/54 MHz per bit = 469·4 = 1876 cycles at 216 MHz; 10 bits.
		{"54MHz-kernel-216MHz-cpu", 54_000_000, 216_000_000, 0x1D5, 0, 0, 187600},
		// OVER8 (§34.5.4): USARTDIV = 2·16e6/115200 ≈ 278 = 0x116, BRR = 0x110 | (0x6>>1)
		// = 0x113; bit = 278/(2·16 MHz) = 139 cycles.
		{"16MHz-OVER8", 16_000_000, 16_000_000, 0x113, cr1OVER8, 0, 13900},
		// HSI kernel with the core at 216 MHz: 139·13.5 = 1876.5 cycles per bit.
		{"16MHz-kernel-216MHz-cpu", 16_000_000, 216_000_000, 0x8B, 0, 0, 187650},
		// 1.5 stop bits (CR2.STOP = 11): 10.5 bits · 139 = 1459.5 cycles.
		{"16MHz-1.5stop", 16_000_000, 16_000_000, 0x8B, 0, 3 << cr2STOPShift, 14595},
		// 7-bit words (M = 10) and 2 stop bits: 1+7+2 = 10 bits.
		{"16MHz-7bit-2stop", 16_000_000, 16_000_000, 0x8B, cr1M1, 2 << cr2STOPShift, 13900},
		// 9-bit words (M = 01): 11 bits.
		{"16MHz-9bit", 16_000_000, 16_000_000, 0x8B, cr1M0, 0, 15290},
	}
	msg := []byte("OK\r\n")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, c.fck, c.cpu)
			r.configure(c.brr, c.cr1, c.cr2)
			if isr := r.rd(regISR); isr&(isrTEACK|isrREACK) != isrTEACK|isrREACK {
				t.Fatalf("ISR = %#x, want TEACK and REACK", isr)
			}
			const poll = 7 // cycles per spin-loop iteration
			now := sched.Cycle(20)
			for i, b := range msg {
				for {
					r.at(now)
					if r.rd(regISR)&isrTXE != 0 {
						break
					}
					now += poll
				}
				r.wr(regTDR, uint32(b))
				if i == 0 && r.rd(regISR)&isrTXE != 0 {
					t.Errorf("TXE set after the first write: the preamble occupies the shift register")
				}
				now += poll
			}
			last := ceilDiv(uint64(len(msg)+1)*c.frameTenth, 10)
			r.at(last - 1)
			if r.rd(regISR)&isrTC != 0 {
				t.Errorf("TC set at cycle %d, before the last stop bit", last-1)
			}
			r.at(last)
			if r.rd(regISR)&isrTC == 0 {
				t.Errorf("TC clear at cycle %d, the end of the last frame", last)
			}
			if len(r.tx) != len(msg) {
				t.Fatalf("OnTx got %d bytes, want %d", len(r.tx), len(msg))
			}
			for k, rec := range r.tx {
				want := ceilDiv(uint64(k+2)*c.frameTenth, 10)
				if rec.b != msg[k] || rec.at != want {
					t.Errorf("byte %d: OnTx(%q) at %d, want %q at %d", k, rec.b, rec.at, msg[k], want)
				}
			}
		})
	}
}

// TestTxBackToBack: with the transmitter enabled long before, a TDR write moves
// straight to the shift register and TXE stays set (§34.5.2, Figure "TC/TXE behavior
// when transmitting"); the second write fills TDR and clears TXE until the first
// frame ends.
func TestTxBackToBack(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, 0, 0)
	r.at(5000) // preamble (1390 cycles) long over
	r.wr(regTDR, 'a')
	if isr := r.rd(regISR); isr&isrTXE == 0 || isr&isrTC != 0 {
		t.Fatalf("after first write ISR = %#x, want TXE set and TC clear", isr)
	}
	r.wr(regTDR, 'b')
	if r.rd(regISR)&isrTXE != 0 {
		t.Fatal("TXE set with TDR full and the shifter busy")
	}
	r.at(5000 + 1389)
	if r.rd(regISR)&isrTXE != 0 || len(r.tx) != 0 {
		t.Fatal("first frame ended early")
	}
	r.at(5000 + 1390)
	if r.rd(regISR)&isrTXE == 0 || len(r.tx) != 1 || r.tx[0] != (txRec{6390, 'a'}) {
		t.Fatalf("at 6390: ISR %#x, tx %v", r.rd(regISR), r.tx)
	}
	r.at(20000)
	if len(r.tx) != 2 || r.tx[1] != (txRec{5000 + 2*1390, 'b'}) {
		t.Fatalf("tx %v", r.tx)
	}
}

// TestInterruptRead replays an interrupt-driven read (Embassy's buffered/async RX
// without DMA, §8: RXNEIE, IDLEIE and EIE; the ISR reads RDR on RXNE and clears IDLE
// with ICR). Host bytes arrive back to back, one 1390-cycle frame each at 16 MHz.
func TestInterruptRead(t *testing.T) {
	cases := []struct {
		name     string
		fck, cpu uint64
		brr      uint32
		frame    sched.Cycle // 10 bits, worked by hand as in TestBlockingWrite
	}{
		{"16MHz", 16_000_000, 16_000_000, 0x8B, 1390},
		{"54MHz-kernel-216MHz-cpu", 54_000_000, 216_000_000, 0x1D5, 18760},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { interruptRead(t, c.fck, c.cpu, c.brr, c.frame) })
	}
}

func interruptRead(t *testing.T, fck, cpu uint64, brr uint32, frame sched.Cycle) {
	r := newRig(t, fck, cpu)
	r.configure(brr, cr1RXNEIE|cr1IDLEIE, 0)
	r.wr(regCR3, cr3EIE)
	r.at(10_000)
	for _, b := range []byte("hi") {
		r.u.Receive(b)
	}
	if r.rd(regISR)&isrBUSY == 0 {
		t.Error("BUSY clear while a frame is on the wire")
	}
	var got []byte
	var handled []sched.Cycle
	// The "CPU": whenever the line is high, run the handler 40 cycles later.
	for step := 0; step < 10; step++ {
		next, ok := r.s.Next()
		if !ok {
			break
		}
		r.at(next)
		if !r.u.IRQLevel() {
			continue
		}
		r.at(next + 40)
		handled = append(handled, next)
		isr := r.rd(regISR)
		if isr&isrRXNE != 0 {
			got = append(got, byte(r.rd(regRDR)))
		}
		if isr&isrIDLE != 0 {
			r.wr(regICR, icrIDLECF)
		}
		if r.u.IRQLevel() {
			t.Fatalf("line still high after the handler at %d (ISR %#x)", next+40, r.rd(regISR))
		}
	}
	if string(got) != "hi" {
		t.Errorf("received %q, want \"hi\"", got)
	}
	// RXNE one and two frames after 10000; IDLE one frame after the last stop bit.
	want := []sched.Cycle{10000 + frame, 10000 + 2*frame, 10000 + 3*frame}
	if len(handled) != len(want) {
		t.Fatalf("interrupts at %v, want %v", handled, want)
	}
	for i := range want {
		if handled[i] != want[i] {
			t.Errorf("interrupt %d at %d, want %d", i, handled[i], want[i])
		}
	}
	if r.rd(regISR)&(isrIDLE|isrBUSY|isrRXNE) != 0 {
		t.Errorf("ISR %#x after the exchange", r.rd(regISR))
	}
	// IDLE is not raised again until another byte is received (§34.8.8 IDLE).
	r.at(100_000)
	if r.rd(regISR)&isrIDLE != 0 {
		t.Error("IDLE set again without a reception")
	}
}

// TestOverrun (§34.5.3 "Overrun error", §34.8.3 OVRDIS).
func TestOverrun(t *testing.T) {
	for _, ovrdis := range []bool{false, true} {
		r := newRig(t, 16_000_000, 16_000_000)
		r.configure(0x8B, cr1RXNEIE, 0)
		if ovrdis {
			r.wr(regCR3, cr3OVRDIS)
		}
		r.u.Receive('x')
		r.u.Receive('y')
		r.at(1390*2 - 1)
		if r.rd(regISR)&isrORE != 0 {
			t.Errorf("ovrdis=%v: ORE before the second frame ended", ovrdis)
		}
		r.at(1390 * 2)
		isr := r.rd(regISR)
		if ovrdis {
			if isr&isrORE != 0 || r.rd(regRDR) != 'y' {
				t.Errorf("OVRDIS: ISR %#x, RDR must be overwritten with 'y'", isr)
			}
			continue
		}
		if isr&(isrORE|isrRXNE) != isrORE|isrRXNE {
			t.Fatalf("ISR %#x, want ORE and RXNE", isr)
		}
		if v := r.rd(regRDR); v != 'x' {
			t.Errorf("RDR = %#x, want 'x' (RDR content is not lost on overrun)", v)
		}
		if !r.u.IRQLevel() {
			t.Error("ORE with RXNEIE must hold the interrupt (RXNE is clear now)")
		}
		r.wr(regICR, icrORECF)
		if r.rd(regISR)&isrORE != 0 || r.u.IRQLevel() {
			t.Error("ICR.ORECF did not clear ORE and the interrupt")
		}
	}
}

// TestReceiverTimeout: RTOF is set RTO bit times after the last stop bit (§34.5.12),
// once per reception, and cleared by ICR.RTOCF (§34.8.9).
func TestReceiverTimeout(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, cr1RTOIE, cr2RTOEN)
	r.wr(regRTOR, 22) // 22 bit times = 3058 cycles
	r.at(1000)
	r.u.Receive('z')
	end := sched.Cycle(1000 + 1390)
	r.at(end + 22*139 - 1)
	if r.rd(regISR)&isrRTOF != 0 {
		t.Fatal("RTOF early")
	}
	r.at(end + 22*139)
	if r.rd(regISR)&isrRTOF == 0 || !r.u.IRQLevel() {
		t.Fatal("RTOF or its interrupt missing")
	}
	if len(r.irq) == 0 || r.irq[len(r.irq)-1] != (edge{end + 22*139, true}) {
		t.Errorf("irq edges %v", r.irq)
	}
	r.wr(regICR, icrRTOCF)
	if r.rd(regISR)&isrRTOF != 0 || r.u.IRQLevel() {
		t.Fatal("ICR.RTOCF did not clear RTOF")
	}
	r.at(1_000_000)
	if r.rd(regISR)&isrRTOF != 0 {
		t.Error("RTOF set twice for one reception")
	}
}

// TestICR: each ICR bit clears its flag (w1c) and nothing else; ISR writes are
// ignored (§34.8.8, §34.8.9).
func TestICR(t *testing.T) {
	cases := []struct {
		name      string
		set, bit  uint32
		clearWith uint32
	}{
		{"TCCF", isrTC, isrTC, icrTCCF},
		{"IDLECF", isrIDLE, isrIDLE, icrIDLECF},
		{"ORECF", isrORE, isrORE, icrORECF},
		{"RTOCF", isrRTOF, isrRTOF, icrRTOCF},
	}
	for _, c := range cases {
		r := newRig(t, 16_000_000, 16_000_000)
		r.configure(0x8B, 0, 0)
		r.u.isr |= c.set
		before := r.rd(regISR)
		r.wr(regISR, 0)
		r.wr(regICR, 0)
		if r.rd(regISR) != before {
			t.Errorf("%s: ISR changed by writing ISR or ICR=0", c.name)
		}
		r.wr(regICR, c.clearWith)
		if got := r.rd(regISR); got != before&^c.bit {
			t.Errorf("%s: ISR %#x, want %#x", c.name, got, before&^c.bit)
		}
		if v := r.rd(regICR); v != 0 {
			t.Errorf("ICR reads %#x", v)
		}
	}
}

// TestRQR: RXFRQ clears RXNE, TXFRQ sets TXE (§34.8.7).
func TestRQR(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, 0, 0)
	r.u.Receive('q')
	r.at(2000)
	if r.rd(regISR)&isrRXNE == 0 {
		t.Fatal("RXNE not set")
	}
	r.wr(regRQR, rqrRXFRQ)
	if r.rd(regISR)&isrRXNE != 0 {
		t.Error("RXFRQ did not clear RXNE")
	}
	r.wr(regTDR, 1) // moves to the shifter (idle line)
	r.wr(regTDR, 2) // waits in TDR
	r.wr(regRQR, rqrTXFRQ)
	if r.rd(regISR)&isrTXE == 0 {
		t.Error("TXFRQ did not set TXE")
	}
	r.at(100_000)
	if len(r.tx) != 1 || r.tx[0].b != 1 {
		t.Errorf("tx %v: the flushed byte must not be sent", r.tx)
	}
}

// TestEnableFlags: TEACK/REACK follow TE/RE; clearing UE returns ISR to its reset
// value and discards the transmission (§34.8.1 UE, §34.8.8 TEACK/REACK).
func TestEnableFlags(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.wr(regBRR, 0x8B)
	r.wr(regCR1, cr1UE|cr1RE)
	if isr := r.rd(regISR); isr&(isrTEACK|isrREACK) != isrREACK {
		t.Errorf("RE only: ISR %#x", isr)
	}
	r.wr(regCR1, cr1UE|cr1TE)
	if isr := r.rd(regISR); isr&(isrTEACK|isrREACK) != isrTEACK {
		t.Errorf("TE only: ISR %#x", isr)
	}
	r.wr(regTDR, 'x')
	r.u.isr |= isrIDLE
	r.wr(regCR1, cr1TE)
	if isr := r.rd(regISR); isr != resetISR {
		t.Errorf("UE=0: ISR %#x, want %#x", isr, resetISR)
	}
	r.at(100_000)
	if len(r.tx) != 0 {
		t.Errorf("discarded byte was sent: %v", r.tx)
	}
}

// TestLockedFields: BRR and the frame format are written only with UE=0 (§34.8.1,
// §34.8.2, §34.8.4).
func TestLockedFields(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, 0, 0)
	r.wr(regBRR, 0x100)
	r.wr(regCR1, cr1UE|cr1TE|cr1RE|cr1M0|cr1OVER8|cr1PCE)
	r.wr(regCR2, 2<<cr2STOPShift)
	if r.rd(regBRR) != 0x8B || r.rd(regCR1) != cr1UE|cr1TE|cr1RE || r.rd(regCR2) != 0 {
		t.Errorf("locked fields changed: BRR %#x CR1 %#x CR2 %#x", r.rd(regBRR), r.rd(regCR1), r.rd(regCR2))
	}
}

// TestParity: with PCE the MSB of the frame is the parity bit (§34.5.9); it reaches
// RDR on reception and is stripped from OnTx.
func TestParity(t *testing.T) {
	cases := []struct {
		cr1  uint32
		in   byte
		want uint32
	}{
		{cr1M0 | cr1PCE, 0x41, 0x041},         // 9-bit frame, 8 data bits, even: two ones → 0
		{cr1M0 | cr1PCE | cr1PS, 0x41, 0x141}, // odd → 1
		{cr1M0 | cr1PCE, 0x43, 0x143},         // three ones, even → 1
		{cr1PCE, 0xC1, 0x41},                  // 8-bit frame, 7 data bits: 0x41, even → 0
		{cr1PCE, 0x43, 0xC3},                  // 7 data bits 0x43 (three ones), even → 1
	}
	for _, c := range cases {
		r := newRig(t, 16_000_000, 16_000_000)
		r.configure(0x8B, c.cr1, 0)
		r.u.Receive(c.in)
		r.at(10_000)
		if got := r.rd(regRDR); got != c.want {
			t.Errorf("CR1 %#x: Receive(%#x) → RDR %#x, want %#x", c.cr1, c.in, got, c.want)
		}
	}
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, cr1PCE, 0)
	r.wr(regTDR, 0xC1)
	r.at(10_000)
	if len(r.tx) != 1 || r.tx[0].b != 0x41 {
		t.Errorf("PCE, 8-bit frame: OnTx %v, want 0x41", r.tx)
	}
}

// TestDMARequests: TxDMA = DMAT & TXE, RxDMA = DMAR & RXNE; a read of RDR (as the DMA
// does) clears RXNE and drops the request (stm32f769-embassy.md §8).
func TestDMARequests(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, 0, 0)
	r.wr(regCR3, cr3DMAT|cr3DMAR)
	if len(r.txd) != 1 || !r.txd[0].level {
		t.Fatalf("TxDMA edges %v: TXE is set, the request must rise", r.txd)
	}
	r.wr(regTDR, 'a') // preamble in progress: TDR stays full
	if r.txd[len(r.txd)-1].level {
		t.Error("TxDMA still high with TDR full")
	}
	r.at(1390)
	if e := r.txd[len(r.txd)-1]; !e.level || e.at != 1390 {
		t.Errorf("TxDMA %v, want a rise at 1390", e)
	}
	r.u.Receive('b')
	r.at(1390 + 1390)
	if e := r.rxd[len(r.rxd)-1]; !e.level || e.at != 2780 {
		t.Errorf("RxDMA %v, want a rise at 2780", r.rxd)
	}
	if v, _ := r.u.Read(regRDR, 1); v != 'b' {
		t.Errorf("RDR byte read %#x", v)
	}
	if r.rxd[len(r.rxd)-1].level {
		t.Error("RxDMA still high after reading RDR")
	}
}

// TestClockChanged: a kernel-clock change in the middle of a frame keeps the elapsed
// half and runs the rest at the new rate (issue 5 item 2: a change takes effect at once).
func TestClockChanged(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, 0, 0)
	r.at(5000)
	r.wr(regTDR, 'c')
	r.at(5000 + 695) // half of the 1390-cycle frame
	r.fck = 8_000_000
	r.u.ClockChanged()
	r.at(5000 + 695 + 1389)
	if len(r.tx) != 0 {
		t.Fatalf("frame ended early: %v", r.tx)
	}
	r.at(5000 + 695 + 1390) // the other half at 8 MHz: 5 bits of 278 cycles
	if len(r.tx) != 1 {
		t.Fatal("frame not finished at the rescaled time")
	}
	// A CPU frequency change alone keeps the wire time: the next frame at 16 MHz kernel
	// and 32 MHz CPU lasts 2780 cycles.
	r.fck, r.cpu = 16_000_000, 32_000_000
	r.u.ClockChanged()
	r.wr(regTDR, 'd')
	start := r.s.Now()
	r.at(start + 2779)
	if len(r.tx) != 1 {
		t.Fatal("second frame early")
	}
	r.at(start + 2780)
	if len(r.tx) != 2 {
		t.Fatal("second frame late")
	}
	// A CPU change in the middle of a frame: 1390 of 2780 cycles done at 32 MHz, the
	// other half-frame (43.4375 µs) lasts 695 cycles at 16 MHz.
	r.wr(regTDR, 'e')
	start = r.s.Now()
	r.at(start + 1390)
	r.cpu = 16_000_000
	r.u.ClockChanged()
	r.at(start + 1390 + 694)
	if len(r.tx) != 2 {
		t.Fatal("third frame early")
	}
	r.at(start + 1390 + 695)
	if len(r.tx) != 3 {
		t.Fatal("third frame late")
	}
}

// TestNarrowAccess: Embassy writes TDR with a byte store and reads RDR as a byte.
func TestNarrowAccess(t *testing.T) {
	r := newRig(t, 16_000_000, 16_000_000)
	r.configure(0x8B, 0, 0)
	if err := r.u.Write(regTDR, 1, 0x155); err != nil {
		t.Fatal(err)
	}
	if v := r.rd(regTDR); v != 0x55 {
		t.Errorf("TDR %#x after byte write of 0x155", v)
	}
	if v, _ := r.u.Read(regISR+2, 1); v != (isrTEACK|isrREACK)>>16 {
		t.Errorf("ISR byte 2 = %#x", v)
	}
	if err := r.u.Write(regICR, 1, icrTCCF); err != nil {
		t.Fatal(err)
	}
}

package usart

import (
	"math/big"
	"math/bits"

	"m7emu/bus"
	"m7emu/irq"
	"m7emu/sched"
)

// Config gives a USART its dependencies.
type Config struct {
	// Name labels the scheduler event ("USART1"). Optional.
	Name string
	// Sched holds the USART's event. New makes a private one if nil (tests only).
	Sched *sched.Scheduler
	// Now returns the current CPU cycle. Nil: Sched.Now (see systick.Config.Now).
	Now func() sched.Cycle
	// Clock returns the kernel clock usart_ker_ck in Hz (the RCC_DCKCFGR2 mux output).
	// Read at New, Reset, ClockChanged and whenever the USART is enabled. Nil or 0:
	// the baud generator is stopped.
	Clock func() uint64
	// CPUHz returns the frequency the scheduler's cycles run at (SYSCLK). Read with
	// Clock. Nil: the CPU runs at the kernel clock.
	CPUHz func() uint64
	// IRQ is the USART global interrupt, driven level-style from (flags & enables).
	IRQ irq.Line
	// TxDMA is high while CR3.DMAT and ISR.TXE are set (the DMA transmit request);
	// RxDMA is high while CR3.DMAR and ISR.RXNE are set.
	TxDMA, RxDMA irq.Line
	// OnTx receives each transmitted data byte when its frame (stop bits included)
	// has left the shift register.
	OnTx func(b byte)
}

// instant is a point in time: cycle c plus r/den of a cycle (den = u.den).
type instant struct {
	c sched.Cycle
	r uint64
}

// fire is the first whole cycle at or after the instant.
func (i instant) fire() sched.Cycle {
	if i.r != 0 {
		return i.c + 1
	}
	return i.c
}

func (i instant) before(j instant) bool { return i.c < j.c || i.c == j.c && i.r < j.r }

// deadline is an armed instant.
type deadline struct {
	on bool
	at instant
}

// USART is one USART/UART.
type USART struct {
	cfg Config
	now func() sched.Cycle
	ev  *sched.Event

	cr1, cr2, cr3, brr, gtpr, rtor uint32
	isr                            uint32 // PE..TXE, RTOF (TEACK, REACK, BUSY computed)
	tdr, rdr                       uint32

	// Timing: one half-bit lasts num/den CPU cycles, num = USARTDIV·cpuHz,
	// den = 2·ovs·fck (ovs 2 with OVER8, else 1).
	num, den uint64

	// Transmitter.
	txOn        bool // UE && TE as last seen
	txData      bool // TDR holds data not yet moved to the shift register
	preamble    bool // an idle frame is due before the next data frame
	txEnd       deadline
	txIdleFrame bool // the frame in the shift register is an idle preamble
	txShift     uint32

	// Receiver.
	rxOn    bool // UE && RE as last seen
	host    []byte
	rxEnd   deadline // the frame of host[0] on the wire
	idleAt  deadline
	rtoAt   deadline
	rxLast  instant // end of the last received frame (for RTOR/RTOEN writes)
	rxAny   bool    // a frame was received since reset (rxLast valid)
	rtoDone bool    // RTOF already raised for the last reception

	irqLevel, txReq, rxReq bool
	processing             bool
}

// New returns the USART in its reset state.
func New(cfg Config) *USART {
	if cfg.Sched == nil {
		cfg.Sched = sched.New()
	}
	u := &USART{cfg: cfg, now: cfg.Now}
	if u.now == nil {
		u.now = cfg.Sched.Now
	}
	name := cfg.Name
	if name == "" {
		name = "usart"
	}
	u.ev = cfg.Sched.NewEvent(name, u.event)
	u.Reset()
	return u
}

// Reset restores the register reset values (ISR = TXE | TC, all others 0) and
// abandons frames in flight. Bytes the host has queued with Receive stay queued.
func (u *USART) Reset() {
	u.cfg.Sched.Cancel(u.ev)
	u.cr1, u.cr2, u.cr3, u.brr, u.gtpr, u.rtor = 0, 0, 0, 0, 0, 0
	u.isr, u.tdr, u.rdr = resetISR, 0, 0
	u.txOn, u.rxOn = false, false
	u.stopTx()
	u.stopRx()
	u.rxAny, u.rtoDone = false, false
	u.rate()
	u.update()
}

// Receive queues a byte from the host. Queued bytes go on the wire back to back, one
// frame each, while the receiver is enabled (CR1.UE and CR1.RE); while it is not they
// wait, as behind a flow-controlled sender.
func (u *USART) Receive(b byte) {
	u.host = append(u.host, b)
	if u.processing {
		return // process starts it
	}
	t := u.now()
	u.process(t)
	u.startRx(instant{c: t})
	u.reschedule()
}

// Pending returns how many host bytes wait to be received (including one on the
// wire).
func (u *USART) Pending() int { return len(u.host) }

// ClockChanged re-reads Config.Clock and Config.CPUHz. Frames, idle detection and the
// receiver timeout in progress keep the part already elapsed and run the rest at the
// new rate (to within 1/den of a cycle, rounded up).
func (u *USART) ClockChanged() {
	t := u.now()
	u.process(t)
	oldNum, oldDen := u.num, u.den
	u.rate()
	if oldNum == u.num && oldDen == u.den {
		return
	}
	for _, d := range u.deadlines() {
		if !d.on {
			continue
		}
		if u.den == 0 || oldNum == 0 {
			// Not modelled: a stopped kernel clock freezing a frame; it is abandoned.
			d.on = false
			continue
		}
		// Remaining, in 1/oldDen cycles, scaled by the half-bit ratio to 1/den cycles.
		rem := new(big.Int).SetUint64(d.at.c - t)
		rem.Mul(rem, new(big.Int).SetUint64(oldDen))
		rem.Add(rem, new(big.Int).SetUint64(d.at.r))
		rem.Mul(rem, new(big.Int).SetUint64(u.num))
		q, m := new(big.Int).QuoRem(rem, new(big.Int).SetUint64(oldNum), new(big.Int))
		if m.Sign() != 0 {
			q.Add(q, big.NewInt(1))
		}
		c, r := new(big.Int).QuoRem(q, new(big.Int).SetUint64(u.den), new(big.Int))
		d.at = instant{c: t + c.Uint64(), r: r.Uint64()}
	}
	u.startTx(instant{c: t}) // a generator that was stopped may start now
	u.startRx(instant{c: t})
	u.update()
	u.reschedule()
}

// rate derives num/den from BRR, OVER8 and the clocks (RM0410 §34.5.4, "USART baud
// rate generation": OVER8=0: USARTDIV = BRR, baud = fck/USARTDIV; OVER8=1:
// USARTDIV[15:4] = BRR[15:4], USARTDIV[3:0] = BRR[2:0] << 1, baud = 2·fck/USARTDIV).
func (u *USART) rate() {
	var fck, cpu uint64
	if u.cfg.Clock != nil {
		fck = u.cfg.Clock()
	}
	cpu = fck
	if u.cfg.CPUHz != nil {
		cpu = u.cfg.CPUHz()
	}
	div := uint64(u.brr)
	ovs := uint64(1)
	if u.cr1&cr1OVER8 != 0 {
		div = div&0xFFF0 | (div&7)<<1
		ovs = 2
	}
	if fck == 0 || cpu == 0 || div == 0 {
		u.num, u.den = 0, 0
		return
	}
	u.num, u.den = div*cpu, 2*ovs*fck
}

// frameHalfBits is the frame length in half bit times: start bit, data bits (parity
// included, M[1:0]: 00 8, 01 9, 10 7) and stop bits (STOP: 1, 0.5, 2, 1.5), §34.5.2.
func (u *USART) frameHalfBits() uint64 {
	n := uint64(8)
	switch u.cr1 & (cr1M1 | cr1M0) {
	case cr1M0:
		n = 9
	case cr1M1:
		n = 7
	}
	stop := [4]uint64{2, 1, 4, 3}[(u.cr2&cr2STOP)>>cr2STOPShift]
	return 2*(1+n) + stop
}

// dataBits is the number of data bits excluding parity.
func (u *USART) dataBits() uint {
	n := uint(8)
	switch u.cr1 & (cr1M1 | cr1M0) {
	case cr1M0:
		n = 9
	case cr1M1:
		n = 7
	}
	if u.cr1&cr1PCE != 0 {
		n--
	}
	return n
}

// add returns i + k half bits; ok is false when the baud generator is stopped or the
// result overflows.
func (u *USART) add(i instant, k uint64) (instant, bool) {
	if u.den == 0 {
		return instant{}, false
	}
	hi, lo := bits.Mul64(k, u.num)
	lo, carry := bits.Add64(lo, i.r, 0)
	hi += carry
	if hi >= u.den {
		return instant{}, false
	}
	q, r := bits.Div64(hi, lo, u.den)
	c, carry := bits.Add64(i.c, q, 0)
	if carry != 0 {
		return instant{}, false
	}
	return instant{c: c, r: r}, true
}

func (u *USART) arm(d *deadline, from instant, halfBits uint64) {
	at, ok := u.add(from, halfBits)
	d.on, d.at = ok, at
}

// --- transmitter (§34.5.2) ---

func (u *USART) stopTx() {
	u.txEnd.on, u.txData, u.preamble, u.txIdleFrame = false, false, false, false
}

// startTx loads the shift register at instant at if it is free.
func (u *USART) startTx(at instant) {
	if !u.txOn || u.txEnd.on || u.den == 0 {
		return
	}
	switch {
	case u.preamble:
		// "Setting the TE bit drives the USART to send an idle frame before the first
		// data frame" (§34.5.2, character transmission).
		u.preamble, u.txIdleFrame = false, true
	case u.txData:
		u.txData, u.txIdleFrame = false, false
		u.txShift = u.tdr
		u.isr |= isrTXE
	default:
		return
	}
	u.arm(&u.txEnd, at, u.frameHalfBits())
}

func (u *USART) txDone(at instant) {
	u.txEnd.on = false
	if !u.txIdleFrame {
		if u.cfg.OnTx != nil {
			u.cfg.OnTx(byte(u.txShift & (1<<u.dataBits() - 1)))
		}
		if !u.txData {
			u.isr |= isrTC // TC: frame complete and TXE set (§34.8.8)
		}
	}
	u.txIdleFrame = false
	u.startTx(at)
}

// --- receiver (§34.5.3) ---

func (u *USART) stopRx() {
	u.rxEnd.on, u.idleAt.on, u.rtoAt.on = false, false, false
}

// startRx puts the next host byte on the wire at instant at, if the line is free.
func (u *USART) startRx(at instant) {
	if !u.rxOn || u.rxEnd.on || len(u.host) == 0 || u.den == 0 {
		return
	}
	u.idleAt.on, u.rtoAt.on = false, false
	u.arm(&u.rxEnd, at, u.frameHalfBits())
}

func (u *USART) rxDone(at instant) {
	u.rxEnd.on = false
	b := uint32(u.host[0])
	u.host = u.host[1:]
	if len(u.host) == 0 {
		u.host = nil
	}
	n := u.dataBits()
	b &= 1<<n - 1
	if u.cr1&cr1PCE != 0 {
		// The parity bit is received in the MSB (§34.5.9): even parity makes the
		// number of ones even, odd parity odd.
		p := uint32(bits.OnesCount32(b) & 1)
		if u.cr1&cr1PS != 0 {
			p ^= 1
		}
		b |= p << n
	}
	switch {
	case u.isr&isrRXNE == 0:
		u.rdr, u.isr = b, u.isr|isrRXNE
	case u.cr3&cr3OVRDIS != 0:
		u.rdr = b // "the new received data overwrites the previous content" (§34.8.3)
	default:
		u.isr |= isrORE // RDR keeps its data; the new byte is lost (§34.5.3, overrun)
	}
	u.rxLast, u.rxAny, u.rtoDone = at, true, false
	u.arm(&u.idleAt, at, u.frameHalfBits()) // an idle frame after the stop bits
	u.armRTO()
	u.startRx(at)
}

// armRTO arms the receiver timeout: RTO bit times after the last stop bit (§34.5.12,
// "Receiver timeout").
func (u *USART) armRTO() {
	u.rtoAt.on = false
	if u.cr2&cr2RTOEN == 0 || !u.rxAny || u.rtoDone || u.rxEnd.on {
		return
	}
	u.arm(&u.rtoAt, u.rxLast, 2*uint64(u.rtor&rtoRTO))
}

// --- events ---

// deadlines lists the timed activities; ties at one instant are handled in this
// order (transmitter first).
func (u *USART) deadlines() [4]*deadline {
	return [4]*deadline{&u.txEnd, &u.rxEnd, &u.idleAt, &u.rtoAt}
}

func (u *USART) event(now sched.Cycle) {
	u.process(now)
	u.reschedule()
}

// process handles, in time order, every deadline due at or before cycle t.
func (u *USART) process(t sched.Cycle) {
	if u.processing {
		return
	}
	u.processing = true
	defer func() { u.processing = false }()
	for {
		var first *deadline
		for _, d := range u.deadlines() {
			if d.on && d.at.fire() <= t && (first == nil || d.at.before(first.at)) {
				first = d
			}
		}
		if first == nil {
			break
		}
		at := first.at
		switch first {
		case &u.txEnd:
			u.txDone(at)
		case &u.rxEnd:
			u.rxDone(at)
		case &u.idleAt:
			u.idleAt.on = false
			u.isr |= isrIDLE
		case &u.rtoAt:
			u.rtoAt.on = false
			u.rtoDone = true
			u.isr |= isrRTOF
		}
		u.update()
	}
	if !u.rxEnd.on && len(u.host) > 0 {
		u.startRx(instant{c: t})
	}
}

func (u *USART) reschedule() {
	var next sched.Cycle
	found := false
	for _, d := range u.deadlines() {
		if d.on && (!found || d.at.fire() < next) {
			next, found = d.at.fire(), true
		}
	}
	if !found {
		u.cfg.Sched.Cancel(u.ev)
		return
	}
	if !u.ev.Scheduled() || u.ev.At() != next {
		u.cfg.Sched.At(u.ev, next)
	}
}

// status returns USART_ISR.
func (u *USART) status() uint32 {
	v := u.isr
	if u.txOn && u.cr1&cr1TE != 0 {
		v |= isrTEACK
	}
	if u.rxOn && u.cr1&cr1RE != 0 {
		v |= isrREACK
	}
	if u.rxEnd.on {
		v |= isrBUSY
	}
	return v
}

// update drives the interrupt and DMA request lines from the flags (§34.7, USART
// interrupts table).
func (u *USART) update() {
	f, c1 := u.isr, u.cr1
	lvl := f&isrPE != 0 && c1&cr1PEIE != 0 ||
		f&isrTXE != 0 && c1&cr1TXEIE != 0 ||
		f&isrTC != 0 && c1&cr1TCIE != 0 ||
		f&(isrRXNE|isrORE) != 0 && c1&cr1RXNEIE != 0 ||
		f&isrIDLE != 0 && c1&cr1IDLEIE != 0 ||
		f&isrRTOF != 0 && c1&cr1RTOIE != 0 ||
		f&(isrFE|isrORE|isrNF) != 0 && u.cr3&cr3EIE != 0
	tx := u.cr3&cr3DMAT != 0 && f&isrTXE != 0
	rx := u.cr3&cr3DMAR != 0 && f&isrRXNE != 0
	if lvl != u.irqLevel {
		u.irqLevel = lvl
		if u.cfg.IRQ != nil {
			u.cfg.IRQ.Set(lvl)
		}
	}
	if tx != u.txReq {
		u.txReq = tx
		if u.cfg.TxDMA != nil {
			u.cfg.TxDMA.Set(tx)
		}
	}
	if rx != u.rxReq {
		u.rxReq = rx
		if u.cfg.RxDMA != nil {
			u.cfg.RxDMA.Set(rx)
		}
	}
}

// IRQLevel reports the level of the interrupt line.
func (u *USART) IRQLevel() bool { return u.irqLevel }

// --- bus.Device ---

// Read implements bus.Device for offsets relative to the base. Registers are 32 bits;
// narrower reads return the addressed bytes. Reading RDR clears RXNE (§34.8.8).
func (u *USART) Read(off uint32, w bus.Width) (uint32, error) {
	t := u.now()
	u.process(t)
	var v uint32
	switch off &^ 3 {
	case regCR1:
		v = u.cr1
	case regCR2:
		v = u.cr2
	case regCR3:
		v = u.cr3
	case regBRR:
		v = u.brr
	case regGTPR:
		v = u.gtpr
	case regRTOR:
		v = u.rtor
	case regISR:
		v = u.status()
	case regRDR:
		v = u.rdr
		if u.isr&isrRXNE != 0 {
			u.isr &^= isrRXNE
			u.update()
		}
	case regTDR:
		v = u.tdr
	}
	u.reschedule()
	return bus.Narrow(v, off, w), nil
}

// Write implements bus.Device. Narrow writes merge into read/write registers; for the
// write-only RQR and ICR the unwritten bytes are zero.
func (u *USART) Write(off uint32, w bus.Width, v uint32) error {
	t := u.now()
	u.process(t)
	reg := off &^ 3
	sh := 8 * (off & 3)
	mask := uint32(0xFFFF_FFFF)
	switch w {
	case 1:
		mask = 0xFF
	case 2:
		mask = 0xFFFF
	}
	mask <<= sh
	v <<= sh
	merge := func(cur uint32) uint32 { return cur&^mask | v&mask }
	v &= mask
	switch reg {
	case regCR1:
		nv := merge(u.cr1) & cr1Mask
		if u.cr1&cr1UE != 0 {
			nv = nv&^cr1Locked | u.cr1&cr1Locked
		}
		u.cr1 = nv
		u.control(t)
	case regCR2:
		nv := merge(u.cr2) & cr2Mask
		if u.cr1&cr1UE != 0 {
			nv = nv&^cr2STOP | u.cr2&cr2STOP // STOP: written only with UE=0 (§34.8.2)
		}
		old := u.cr2
		u.cr2 = nv
		if (old^nv)&cr2RTOEN != 0 {
			u.armRTO()
		}
	case regCR3:
		u.cr3 = merge(u.cr3) & cr3Mask
	case regBRR:
		// "This register can only be written when the USART is disabled (UE=0)"
		// (§34.8.4); writes with UE=1 are ignored.
		if u.cr1&cr1UE == 0 {
			u.brr = merge(u.brr) & brrMask
			u.rate()
		}
	case regGTPR:
		u.gtpr = merge(u.gtpr) & gtprMask
	case regRTOR:
		u.rtor = merge(u.rtor) & rtorMask
		u.armRTO()
	case regRQR:
		if v&rqrRXFRQ != 0 {
			u.isr &^= isrRXNE
		}
		if v&rqrTXFRQ != 0 {
			u.txData = false
			u.isr |= isrTXE
		}
	case regICR:
		u.isr &^= v & icrModelled
	case regTDR:
		u.tdr = merge(u.tdr) & tdrMask
		// Writing TDR clears TC (§34.8.8) and, with TDR now full, TXE.
		u.txData = true
		u.isr &^= isrTC | isrTXE
		u.startTx(instant{c: t})
	}
	u.update()
	u.reschedule()
	return nil
}

// control applies UE, TE and RE after a CR1 write at cycle t.
func (u *USART) control(t sched.Cycle) {
	ue := u.cr1&cr1UE != 0
	if !ue {
		// "When this bit is cleared, the USART prescalers and outputs are stopped
		// immediately, and all current operations are discarded. ... all the status
		// flags in the USART_ISR are set to their default values" (§34.8.1, UE).
		u.isr = resetISR
		u.txOn, u.rxOn = false, false
		u.stopTx()
		u.stopRx()
		u.rxAny = false
		u.rate()
		return
	}
	if !u.txOn && !u.rxOn && !u.txEnd.on {
		u.rate() // nothing in flight: safe to re-derive (a fresh enable)
	}
	now := instant{c: t}
	te := u.cr1&cr1TE != 0
	switch {
	case te && !u.txOn:
		u.txOn, u.preamble = true, true
		u.startTx(now)
	case !te && u.txOn:
		// The frame in the shift register completes; nothing further starts until
		// TE is set again (which sends a new preamble, §34.8.1 TE).
		u.txOn, u.preamble = false, false
	}
	re := u.cr1&cr1RE != 0
	switch {
	case re && !u.rxOn:
		u.rxOn = true
		u.startRx(now)
	case !re && u.rxOn:
		// Deviation: the frame on the wire is abandoned and its byte stays queued
		// (the host re-sends it when RE is set again).
		u.rxOn = false
		u.stopRx()
	}
}

package rcc

import (
	"m7emu/bus"
	"m7emu/irq"
)

// Config gives the RCC its dependencies. Every field may be left zero.
type Config struct {
	// HSEHz is the HSE input frequency (crystal or bypass clock). 0: DefaultHSEHz
	// (the STM32F769I-DISCO's 25 MHz crystal).
	HSEHz uint64
	// LSEHz is the LSE frequency. 0: DefaultLSEHz (32.768 kHz).
	LSEHz uint64
	// HSICal is the factory HSI calibration that RCC_CR.HSICAL reads (the SVD's
	// reset value has 0 there).
	HSICal uint8
	// BackupWritable reports PWR_CR1.DBP: while it returns false the backup-domain
	// bits of RCC_BDCR (LSEON, LSEBYP, LSEDRV, RTCSEL, RTCEN) ignore writes
	// (RM0410 §5.3.20 note). Nil: always writable.
	BackupWritable func() bool
	// IRQ carries the RCC global interrupt (RCC_CIR ready flags; IRQ 5 on the
	// STM32F769): its level is 1 while any ready flag is set.
	IRQ irq.Line
	// OnClockChange is called after a register write or reset has changed any
	// derived frequency (SYSCLK, HCLK, PCLKx, timer and kernel clocks, ...). The
	// getters already return the new values when it runs.
	OnClockChange func()
	// OnPeripheralReset is called with (bus, bit) for each bit of an xxxRSTR register
	// that a write sets (a peripheral reset being asserted). Enabled and InReset tell
	// the rest.
	OnPeripheralReset func(bus, bit int)
	// OnEnableChange is called after a write to an xxxENR register changed it (a
	// peripheral clock switched on or off; Enabled tells which).
	OnEnableChange func()
	// OnBackupDomainReset is called when RCC_BDCR.BDRST is set (the RTC and its
	// backup registers are reset; BDCR itself is reset here).
	OnBackupDomainReset func()
}

// RCC is the reset and clock control block.
type RCC struct {
	cfg  Config
	regs [nRegs]uint32 // stored bits; CR and CSR ready bits and CFGR.SWS are kept up to date
	sws  uint32        // the system clock source in use (CFGR.SWS)
	irq  bool          // level last driven on Config.IRQ
	f    Freqs
}

// New returns the RCC in its power-on reset state. OnClockChange is not called.
func New(cfg Config) *RCC {
	if cfg.HSEHz == 0 {
		cfg.HSEHz = DefaultHSEHz
	}
	if cfg.LSEHz == 0 {
		cfg.LSEHz = DefaultLSEHz
	}
	r := &RCC{cfg: cfg}
	r.powerOn()
	r.f = r.compute()
	return r
}

// Reset is a power-on reset: every register, the backup domain (BDCR) included,
// takes its reset value and RCC_CSR holds PORRSTF | PINRSTF | BORRSTF.
func (r *RCC) Reset() {
	r.powerOn()
	r.update()
}

// SystemReset is a system reset (NRST pin, software, watchdog, low-power; RM0410 §5.1.2):
// all registers but BDCR and the RCC_CSR reset flags are reset; flags (Flag*) are
// set in RCC_CSR together with PINRSTF, since the internal reset drives the NRST pin
// (RM0410 §5.1.2, reset circuit).
func (r *RCC) SystemReset(flags uint32) {
	bdcr, kept := r.regs[regBDCR/4], r.regs[regCSR/4]&csrFlags
	r.powerOn()
	r.regs[regBDCR/4] = bdcr
	r.regs[regCSR/4] = kept | (flags & csrFlags) | csrPINRSTF
	r.update()
}

func (r *RCC) powerOn() {
	r.regs = [nRegs]uint32{}
	r.regs[regCR/4] = resetCR | uint32(r.cfg.HSICal)<<8
	r.regs[regPLLCFGR/4] = resetPLLCFGR
	r.regs[regAHB1ENR/4] = resetAHB1ENR
	r.regs[regAHB1LPENR/4] = resetAHB1LPENR
	r.regs[regAHB2LPENR/4] = resetAHB2LPENR
	r.regs[regAHB3LPENR/4] = resetAHB3LPENR
	r.regs[regAPB1LPENR/4] = resetAPB1LPENR
	r.regs[regAPB2LPENR/4] = resetAPB2LPENR
	r.regs[regCSR/4] = resetCSR
	r.regs[regPLLI2SCFGR/4] = resetPLLI2SCFGR
	r.regs[regPLLSAICFGR/4] = resetPLLSAICFGR
	r.sws = srcHSI
	r.ready()
	r.setIRQ()
}

// Read implements bus.Device (offsets relative to Base). Byte and halfword reads
// return the addressed part of the register; reserved offsets read as zero.
func (r *RCC) Read(off uint32, w bus.Width) (uint32, error) {
	if off >= nRegs*4 {
		return 0, nil
	}
	v := r.regs[off/4] >> (8 * (off & 3))
	switch w {
	case 1:
		v &= 0xFF
	case 2:
		v &= 0xFFFF
	}
	return v, nil
}

// Write implements bus.Device. Narrow writes are merged into the register.
func (r *RCC) Write(off uint32, w bus.Width, v uint32) error {
	if off >= nRegs*4 {
		return nil
	}
	reg := off &^ 3
	if off&3 != 0 || w != 4 {
		cur := r.regs[reg/4]
		if reg == regCIR {
			cur &^= 0xFF << cirClrShift // clear bits are write-only; a merge must not repeat them
		}
		sh := 8 * (off & 3)
		mask := uint32(0xFF)
		if w == 2 {
			mask = 0xFFFF
		}
		v = cur&^(mask<<sh) | (v&mask)<<sh
	}
	p := &r.regs[reg/4]
	switch reg {
	case regCR:
		v = v&crWritable | *p&^crWritable
		// An oscillator or PLL in use as the system clock cannot be stopped (§5.3.1
		// HSION, HSEON, PLLON descriptions).
		pllSrcHSE := r.regs[regPLLCFGR/4]&pllcfgrSRC != 0
		switch r.sws {
		case srcHSI:
			v |= crHSION
		case srcHSE:
			v |= crHSEON
		case srcPLL:
			v |= crPLLON
			if pllSrcHSE {
				v |= crHSEON
			} else {
				v |= crHSION
			}
		}
		// HSEBYP can be written only while the HSE oscillator is off (§5.3.1).
		if *p&crHSEON != 0 {
			v = v&^crHSEBYP | *p&crHSEBYP
		}
		*p = v
	case regPLLCFGR:
		*p = v & pllcfgrMask
	case regCFGR:
		*p = v&cfgrWritable | *p&cfgrSWS
	case regCIR:
		clr := (v >> cirClrShift) & cirFlags
		if v&cirCSSC != 0 {
			clr |= cirCSSF
		}
		*p = (*p&^cirIE | v&cirIE) &^ clr
	case regAHB1RSTR, regAHB2RSTR, regAHB3RSTR, regAPB1RSTR, regAPB2RSTR:
		b := busOfRSTR(reg)
		old := *p
		*p = v & rstrMask[b]
		r.pulse(b, *p&^old)
	case regAHB1ENR, regAHB2ENR, regAHB3ENR, regAPB1ENR, regAPB2ENR:
		old := *p
		*p = v & enrMask[(reg-regAHB1ENR)/4-boolInt(reg >= regAPB1ENR)]
		if *p != old && r.cfg.OnEnableChange != nil {
			r.cfg.OnEnableChange()
		}
	case regAHB1LPENR, regAHB2LPENR, regAHB3LPENR, regAPB1LPENR, regAPB2LPENR:
		*p = v & lpenrMask[(reg-regAHB1LPENR)/4-boolInt(reg >= regAPB1LPENR)]
	case regBDCR:
		r.writeBDCR(v)
	case regCSR:
		if v&csrRMVF != 0 {
			*p &^= csrFlags
		}
		*p = *p&^csrLSION | v&csrLSION
	case regSSCGR:
		*p = v & sscgrMask
	case regPLLI2SCFGR:
		*p = v & plli2sMask
	case regPLLSAICFGR:
		*p = v & pllsaiMask
	case regDCKCFGR1:
		*p = v & dckcfgr1Msk
	case regDCKCFGR2:
		*p = v & dckcfgr2Msk
	default:
		return nil // reserved
	}
	r.update()
	return nil
}

func (r *RCC) writeBDCR(v uint32) {
	p := &r.regs[regBDCR/4]
	old := *p
	if v&bdcrBDRST != 0 {
		// The backup domain is held in reset: BDCR's backup bits clear (§5.3.20 BDRST,
		// §5.1.3 backup domain reset).
		*p = bdcrBDRST
		if old&bdcrBDRST == 0 && r.cfg.OnBackupDomainReset != nil {
			r.cfg.OnBackupDomainReset()
		}
		return
	}
	nv := old &^ bdcrBDRST
	if r.cfg.BackupWritable == nil || r.cfg.BackupWritable() {
		keep := uint32(0)
		if old&bdcrLSEON != 0 {
			keep |= bdcrLSEBYP // LSEBYP is writable only while LSE is off (§5.3.20)
		}
		if old&bdcrRTCSEL != 0 {
			keep |= bdcrRTCSEL // the RTC source is fixed until a backup domain reset
		}
		nv = nv&^(bdcrProtected&^keep) | v&(bdcrProtected&^keep)
	}
	*p = nv
}

func boolInt(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

var (
	rstrMask  = [5]uint32{maskAHB1RSTR, maskAHB2RSTR, maskAHB3RSTR, maskAPB1RSTR, maskAPB2RSTR}
	enrMask   = [5]uint32{maskAHB1ENR, maskAHB2ENR, maskAHB3ENR, maskAPB1ENR, maskAPB2ENR}
	lpenrMask = [5]uint32{maskAHB1LPENR, maskAHB2LPENR, maskAHB3LPENR, maskAPB1LPENR, maskAPB2LPENR}
	rstrOff   = [5]uint32{regAHB1RSTR, regAHB2RSTR, regAHB3RSTR, regAPB1RSTR, regAPB2RSTR}
	enrOff    = [5]uint32{regAHB1ENR, regAHB2ENR, regAHB3ENR, regAPB1ENR, regAPB2ENR}
)

func busOfRSTR(reg uint32) int {
	for b, o := range rstrOff {
		if o == reg {
			return b
		}
	}
	return 0
}

func (r *RCC) pulse(b int, set uint32) {
	if r.cfg.OnPeripheralReset == nil {
		return
	}
	for bit := 0; bit < 32; bit++ {
		if set&(1<<bit) != 0 {
			r.cfg.OnPeripheralReset(b, bit)
		}
	}
}

// Enabled reports whether the clock-enable bit of a peripheral is set (bus: AHB1,
// AHB2, AHB3, APB1, APB2; bit: its xxxENR bit, §5.3.10–§5.3.14).
func (r *RCC) Enabled(b, bit int) bool {
	if b < 0 || b >= len(enrOff) || bit < 0 || bit > 31 {
		return false
	}
	return r.regs[enrOff[b]/4]&(1<<bit) != 0
}

// InReset reports whether a peripheral's xxxRSTR bit holds it in reset (§5.3.5–§5.3.9).
func (r *RCC) InReset(b, bit int) bool {
	if b < 0 || b >= len(rstrOff) || bit < 0 || bit > 31 {
		return false
	}
	return r.regs[rstrOff[b]/4]&(1<<bit) != 0
}

// LowPowerEnabled reports a peripheral's xxxLPENR bit (clock kept in Sleep mode,
// §5.3.15–§5.3.19).
func (r *RCC) LowPowerEnabled(b, bit int) bool {
	if b < 0 || b >= 5 || bit < 0 || bit > 31 {
		return false
	}
	off := [5]uint32{regAHB1LPENR, regAHB2LPENR, regAHB3LPENR, regAPB1LPENR, regAPB2LPENR}[b]
	return r.regs[off/4]&(1<<bit) != 0
}

// ready makes every RDY bit follow its ON bit at once (an oscillator or PLL is
// modelled as starting or stopping instantly) and moves SWS to SW when the selected
// source is ready. It returns the ready set in RCC_CIR flag order.
func (r *RCC) ready() uint32 {
	cr := &r.regs[regCR/4]
	*cr &^= crHSIRDY | crHSERDY | crPLLRDY | crPLLI2SRDY | crPLLSAIRDY
	*cr |= (*cr & (crHSION | crHSEON | crPLLON | crPLLI2SON | crPLLSAION)) << 1
	bd := &r.regs[regBDCR/4]
	*bd = *bd&^bdcrLSERDY | (*bd&bdcrLSEON)<<1
	cs := &r.regs[regCSR/4]
	*cs = *cs&^csrLSIRDY | (*cs&csrLSION)<<1

	sw := r.regs[regCFGR/4] & cfgrSW
	if sw != 3 && r.srcReady(sw) { // SW = 3 is "not allowed" (§5.3.3): no switch
		r.sws = sw
	}
	cf := &r.regs[regCFGR/4]
	*cf = *cf&^cfgrSWS | r.sws<<cfgrSWSShift

	var rdy uint32
	set := func(i int, on bool) {
		if on {
			rdy |= 1 << i
		}
	}
	set(cirLSIRDY, *cs&csrLSIRDY != 0)
	set(cirLSERDY, *bd&bdcrLSERDY != 0)
	set(cirHSIRDY, *cr&crHSIRDY != 0)
	set(cirHSERDY, *cr&crHSERDY != 0)
	set(cirPLLRDY, *cr&crPLLRDY != 0)
	set(cirPLLI2SRDY, *cr&crPLLI2SRDY != 0)
	set(cirPLLSAIRDY, *cr&crPLLSAIRDY != 0)
	return rdy
}

func (r *RCC) srcReady(src uint32) bool {
	cr := r.regs[regCR/4]
	switch src {
	case srcHSI:
		return cr&crHSIRDY != 0
	case srcHSE:
		return cr&crHSERDY != 0
	case srcPLL:
		return cr&crPLLRDY != 0
	}
	return false
}

// update recomputes the ready bits, the CIR flags and the clock tree after a change.
func (r *RCC) update() {
	before := r.readySet()
	rdy := r.ready()
	// A flag is set when its oscillator becomes ready with the interrupt enabled (§5.3.4).
	ie := (r.regs[regCIR/4] & cirIE) >> cirIEShift
	r.regs[regCIR/4] |= rdy &^ before & ie
	r.setIRQ()
	nf := r.compute()
	if nf != r.f {
		r.f = nf
		if r.cfg.OnClockChange != nil {
			r.cfg.OnClockChange()
		}
	}
}

// readySet is the ready set as last stored (before ready() recomputes it).
func (r *RCC) readySet() uint32 {
	cr, bd, cs := r.regs[regCR/4], r.regs[regBDCR/4], r.regs[regCSR/4]
	var rdy uint32
	if cs&csrLSIRDY != 0 {
		rdy |= 1 << cirLSIRDY
	}
	if bd&bdcrLSERDY != 0 {
		rdy |= 1 << cirLSERDY
	}
	for i, b := range [5]uint32{crHSIRDY, crHSERDY, crPLLRDY, crPLLI2SRDY, crPLLSAIRDY} {
		if cr&b != 0 {
			rdy |= 1 << (cirHSIRDY + i)
		}
	}
	return rdy
}

func (r *RCC) setIRQ() {
	lvl := r.regs[regCIR/4]&cirFlags != 0
	if r.cfg.IRQ != nil && lvl != r.irq {
		r.cfg.IRQ.Set(lvl)
	}
	r.irq = lvl
}

// PLLReady reports RCC_CR.PLLRDY (for PWR: VOS gating and CSR1.VOSRDY).
func (r *RCC) PLLReady() bool { return r.regs[regCR/4]&crPLLRDY != 0 }

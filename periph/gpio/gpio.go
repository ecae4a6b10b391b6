package gpio

import (
	"fmt"
	"strings"

	"m7emu/bus"
)

// Config gives a port its identity and its two outputs to the board.
type Config struct {
	// Name is "GPIOA" … "GPIOK". The letter selects the port index (A = 0) and with it
	// the reset values (ports A and B differ, see ResetValues). An unknown name gives
	// index -1 and all-zero reset values.
	Name string
	// OnOutput is called when a pin's driven output changes: when the pin enters
	// output mode (MODERy = 01) and when its ODR bit changes while it is in output mode.
	// level is the ODR bit (for an open-drain pin, true means released). Leaving output
	// mode is not reported. Nil: ignored.
	OnOutput func(pin int, level bool)
	// OnInput is called when a pin's input level (its IDR bit) changes, from any cause:
	// external drive, pull, mode or output changes. The board routes it to EXTI through
	// SYSCFG. Nil: ignored.
	OnInput func(pin int, level bool)
}

// Port is one GPIO port. Its state changes only through register writes, SetInput and
// Reset; callbacks run synchronously after the state is updated, pins in ascending order.
type Port struct {
	cfg  Config
	port int

	moder, otyper, ospeedr, pupdr uint32
	odr                           uint32
	afr                           [2]uint32
	lckr                          uint32 // LCK[15:0] | LCKK

	lockStep int    // LCKR key sequence: number of correct writes so far (0–2)
	lockVal  uint32 // LCK[15:0] written at step 1

	extLevel, extDriven uint16 // external drive (SetInput)

	idr        uint16 // last computed input levels (IDR)
	outMask    uint16 // pins in output mode at the last report
	outLevels  uint16 // their ODR bits at the last report
	inCallback bool
}

// New returns a port in its reset state. No callbacks run for the initial state.
func New(cfg Config) *Port {
	p := &Port{cfg: cfg, port: portIndex(cfg.Name)}
	p.resetRegs()
	p.idr = p.computeIDR()
	p.outMask, p.outLevels = p.outputState()
	return p
}

func portIndex(name string) int {
	if len(name) == 5 && strings.HasPrefix(name, "GPIO") {
		if c := name[4]; c >= 'A' && c < 'A'+NumPorts {
			return int(c - 'A')
		}
	}
	return -1
}

// Name returns Config.Name.
func (p *Port) Name() string { return p.cfg.Name }

// Index returns the port index (A = 0 … K = 10), the value SYSCFG_EXTICR uses; -1
// for an unknown name.
func (p *Port) Index() int { return p.port }

// PinName returns the conventional pin name, "PJ13".
func (p *Port) PinName(pin int) string {
	if p.port < 0 {
		return fmt.Sprintf("%s.%d", p.cfg.Name, pin)
	}
	return fmt.Sprintf("P%c%d", 'A'+p.port, pin)
}

func (p *Port) resetRegs() {
	p.moder, p.ospeedr, p.pupdr = ResetValues(p.port)
	p.otyper, p.odr, p.lckr = 0, 0, 0
	p.afr = [2]uint32{}
	p.lockStep, p.lockVal = 0, 0
}

// Reset restores the register reset values and clears the lock (RM0410 §6.4.8: the
// lock holds "until the next MCU reset or peripheral reset"). External drives set with
// SetInput belong to the board and are kept. Input changes caused by the reset are
// reported through OnInput.
func (p *Port) Reset() {
	p.resetRegs()
	p.update()
}

// SetInput drives pin externally to level (driven = true) or releases it (driven =
// false, level ignored), as a button or another chip would. Out-of-range pins are
// ignored.
func (p *Port) SetInput(pin int, level, driven bool) {
	if pin < 0 || pin >= NumPins {
		return
	}
	b := uint16(1) << pin
	p.extDriven &^= b
	p.extLevel &^= b
	if driven {
		p.extDriven |= b
		if level {
			p.extLevel |= b
		}
	}
	p.update()
}

// Output returns the pin's ODR bit and its mode (MODERy).
func (p *Port) Output(pin int) (level bool, mode Mode) {
	if pin < 0 || pin >= NumPins {
		return false, ModeInput
	}
	return p.odr>>pin&1 != 0, p.mode(pin)
}

// Input returns the pin's IDR bit.
func (p *Port) Input(pin int) bool {
	return pin >= 0 && pin < NumPins && p.idr>>pin&1 != 0
}

// AltFunc returns the pin's alternate function number AFy (0–15) from AFRL/AFRH,
// whatever its mode.
func (p *Port) AltFunc(pin int) int {
	if pin < 0 || pin >= NumPins {
		return 0
	}
	return int(p.afr[pin/8] >> (afBits * (pin % 8)) & 0xF)
}

// Pull returns the pin's PUPDRy setting.
func (p *Port) Pull(pin int) Pull {
	if pin < 0 || pin >= NumPins {
		return PullNone
	}
	return Pull(p.pupdr >> (modeBits * pin) & modeField)
}

// OpenDrain reports OTYPERy = 1.
func (p *Port) OpenDrain(pin int) bool {
	return pin >= 0 && pin < NumPins && p.otyper>>pin&1 != 0
}

// Speed returns OSPEEDRy (0 low … 3 very high).
func (p *Port) Speed(pin int) int {
	if pin < 0 || pin >= NumPins {
		return 0
	}
	return int(p.ospeedr >> (modeBits * pin) & modeField)
}

// Locked reports whether the pin's configuration is frozen by LCKR.
func (p *Port) Locked(pin int) bool {
	return pin >= 0 && pin < NumPins && p.lckr&lckrLCKK != 0 && p.lckr>>pin&1 != 0
}

func (p *Port) mode(pin int) Mode { return Mode(p.moder >> (modeBits * pin) & modeField) }

// computeIDR derives the input levels (RM0410 §6.3.9–6.3.12, Figures "Input floating/
// pull-up/pull-down", "Output configuration", "Analog configuration"):
//   - analog: the Schmitt trigger is off and IDR reads 0 (§6.3.12);
//   - output, push-pull, or open-drain with ODR = 0: the pin carries the output, unless
//     something drives it externally.
//     Deviation: on silicon that is contention; the external level wins here;
//   - input, alternate function, and open-drain output with ODR = 1 (released): the
//     external drive, else the pull (up 1, down 0), else for a released open-drain
//     output its ODR bit (1), else 0.
//     Deviation: a floating input is undefined on silicon; it reads 0 here. The
//     alternate function's own output (USART TX …) is not modelled in IDR.
//
// Not modelled: the one-AHB-cycle IDR sampling delay.
func (p *Port) computeIDR() uint16 {
	var v uint16
	for pin := range NumPins {
		b := uint16(1) << pin
		odr := p.odr>>pin&1 != 0
		var lvl bool
		switch m := p.mode(pin); {
		case m == ModeAnalog:
			lvl = false
		case p.extDriven&b != 0:
			lvl = p.extLevel&b != 0
		case m == ModeOutput && (!p.OpenDrain(pin) || !odr):
			lvl = odr
		case p.Pull(pin) == PullUp:
			lvl = true
		case p.Pull(pin) == PullDown:
			lvl = false
		default:
			lvl = m == ModeOutput && odr
		}
		if lvl {
			v |= b
		}
	}
	return v
}

// outputState returns the pins in output mode and their ODR bits.
func (p *Port) outputState() (mask, levels uint16) {
	for pin := range NumPins {
		if p.mode(pin) == ModeOutput {
			mask |= 1 << pin
		}
	}
	return mask, uint16(p.odr) & mask
}

// update recomputes IDR and the output state and reports changes: outputs first, then
// inputs, each in ascending pin order. A callback that changes the port again (a board
// reacting to an output) is handled by the loop, without recursion.
func (p *Port) update() {
	if p.inCallback {
		return // the running update loop will see the change
	}
	p.inCallback = true
	defer func() { p.inCallback = false }()
	for range 8 { // bounded: a board feedback loop cannot spin forever
		mask, levels := p.outputState()
		newOut := mask &^ p.outMask
		changed := (levels ^ p.outLevels) & mask
		report := newOut | changed
		p.outMask, p.outLevels = mask, levels
		idr := p.computeIDR()
		inChanged := idr ^ p.idr
		p.idr = idr
		if report == 0 && inChanged == 0 {
			return
		}
		for pin := range NumPins {
			if report>>pin&1 != 0 && p.cfg.OnOutput != nil {
				p.cfg.OnOutput(pin, levels>>pin&1 != 0)
			}
		}
		for pin := range NumPins {
			if inChanged>>pin&1 != 0 && p.cfg.OnInput != nil {
				p.cfg.OnInput(pin, idr>>pin&1 != 0)
			}
		}
	}
}

// Read implements bus.Device. All registers may be read as bytes, halfwords or words
// (RM0410 §6.4); BSRR reads 0 (write-only); offsets past AFRH read 0.
func (p *Port) Read(off uint32, w bus.Width) (uint32, error) {
	var v uint32
	switch off &^ 3 {
	case regMODER:
		v = p.moder
	case regOTYPER:
		v = p.otyper
	case regOSPEEDR:
		v = p.ospeedr
	case regPUPDR:
		v = p.pupdr
	case regIDR:
		v = uint32(p.idr)
	case regODR:
		v = p.odr
	case regLCKR:
		v = p.lckr
	case regAFRL:
		v = p.afr[0]
	case regAFRH:
		v = p.afr[1]
	}
	return bus.Narrow(v, off, w), nil
}

// lockMask expands the locked-pin mask to fields of n bits per pin (pins from first).
func (p *Port) lockMask(bits, first int) uint32 {
	if p.lckr&lckrLCKK == 0 {
		return 0
	}
	var m uint32
	for i := 0; i < 32/bits; i++ {
		if p.lckr>>(first+i)&1 != 0 {
			m |= (1<<bits - 1) << (bits * i)
		}
	}
	return m
}

// Write implements bus.Device. Byte and halfword writes change only the addressed
// bytes; a halfword write to BSRR+2 resets pins, as on silicon.
func (p *Port) Write(off uint32, w bus.Width, v uint32) error {
	reg := off &^ 3
	switch reg {
	case regMODER:
		m := p.lockMask(modeBits, 0)
		p.moder = p.moder&m | bus.Merge(p.moder, off, w, v)&^m
	case regOTYPER:
		m := p.lockMask(1, 0)
		p.otyper = (p.otyper&m | bus.Merge(p.otyper, off, w, v)&^m) & pins16
	case regOSPEEDR:
		m := p.lockMask(modeBits, 0)
		p.ospeedr = p.ospeedr&m | bus.Merge(p.ospeedr, off, w, v)&^m
	case regPUPDR:
		m := p.lockMask(modeBits, 0)
		p.pupdr = p.pupdr&m | bus.Merge(p.pupdr, off, w, v)&^m
	case regODR:
		// ODR is not affected by the lock (§6.4.8 lists the configuration registers).
		p.odr = bus.Merge(p.odr, off, w, v) & pins16
	case regBSRR:
		v = bus.Merge(0, off, w, v)
		set, rst := v&pins16, v>>bsrrBRsh&pins16
		// "If both BSx and BRx are set, BSx has priority" (§6.4.7).
		p.odr = (p.odr&^rst | set) & pins16
	case regLCKR:
		p.writeLCKR(w == 4 && off&3 == 0, v)
		return nil
	case regAFRL:
		m := p.lockMask(afBits, 0)
		p.afr[0] = p.afr[0]&m | bus.Merge(p.afr[0], off, w, v)&^m
	case regAFRH:
		m := p.lockMask(afBits, 8)
		p.afr[1] = p.afr[1]&m | bus.Merge(p.afr[1], off, w, v)&^m
	default:
		return nil // IDR is read-only; past AFRH is reserved
	}
	p.update()
	return nil
}

// writeLCKR runs the lock key sequence (RM0410 §6.4.8): WR LCKK=1+LCK, WR LCKK=0+LCK,
// WR LCKK=1+LCK with LCK[15:0] unchanged throughout; then LCKK reads 1 and the LCK
// pins' MODER, OTYPER, OSPEEDR, PUPDR and AFR fields are frozen until reset. The
// sequence "can only be performed using a word access"; a narrow write is ignored and
// aborts it. Once LCKK is 1 the whole register is frozen.
//
// Deviation: the lock takes effect at the third write. RM0410 continues the sequence
// with a read of LCKR and an optional second read that confirms LCKK = 1; software
// (ST's HAL, Embassy never locks) cannot tell the difference. Reads do not abort a
// sequence, and accesses to other registers in the middle do not either.
func (p *Port) writeLCKR(word bool, v uint32) {
	if p.lckr&lckrLCKK != 0 {
		return
	}
	if !word {
		p.lockStep = 0
		return
	}
	key, val := v&lckrLCKK != 0, v&pins16
	switch {
	case p.lockStep == 1 && !key && val == p.lockVal:
		p.lockStep = 2
	case p.lockStep == 2 && key && val == p.lockVal:
		p.lckr = val | lckrLCKK
		p.lockStep = 0
		return
	case key: // starts (or restarts) a sequence
		p.lockStep, p.lockVal = 1, val
	default:
		p.lockStep = 0
	}
	p.lckr = val // LCKy are read/write while LCKK is 0
}

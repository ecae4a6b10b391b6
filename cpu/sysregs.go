package cpu

// Stack pointer banking (B1.4.1): R[13] always holds the active stack pointer; the
// inactive one is kept in MSP or PSP. The process stack is active in Thread mode
// with CONTROL.SPSEL = 1.

// usingPSP reports whether the process stack pointer is the active one.
func (c *CPU) usingPSP() bool { return c.IPSR == 0 && c.CONTROL&2 != 0 }

// SPMain returns SP_main.
func (c *CPU) SPMain() uint32 {
	if c.usingPSP() {
		return c.MSP
	}
	return c.R[13]
}

// SPProcess returns SP_process.
func (c *CPU) SPProcess() uint32 {
	if c.usingPSP() {
		return c.R[13]
	}
	return c.PSP
}

// SetSPMain writes SP_main (bits 1:0 are forced to zero, B1.4.1).
func (c *CPU) SetSPMain(v uint32) {
	if c.usingPSP() {
		c.MSP = v &^ 3
	} else {
		c.R[13] = v &^ 3
	}
}

// SetSPProcess writes SP_process.
func (c *CPU) SetSPProcess(v uint32) {
	if c.usingPSP() {
		c.R[13] = v &^ 3
	} else {
		c.PSP = v &^ 3
	}
}

// SetCONTROL writes CONTROL, switching the active stack pointer if SPSEL changes
// in Thread mode. In Handler mode SPSEL writes are ignored (B1.4.4: MSR to CONTROL
// in Handler mode does not change SPSEL on ARMv7-M).
func (c *CPU) SetCONTROL(v uint8) {
	if c.IPSR != 0 {
		v = v&^2 | c.CONTROL&2
	}
	old := c.usingPSP()
	sp := c.R[13]
	c.CONTROL = v & 7
	if now := c.usingPSP(); now != old {
		if now { // MSP -> PSP
			c.MSP = sp
			c.R[13] = c.PSP
		} else {
			c.PSP = sp
			c.R[13] = c.MSP
		}
	}
}

// Sleep puts the core to sleep after the current instruction (WFI, WFE): Run
// returns StopSleep and the owner decides when to Resume.
func (c *CPU) Sleep(msg string) {
	if c.stop == nil {
		c.stop = &Stop{Reason: StopSleep, PC: c.next, Msg: msg}
	}
}

// Unsupported stops the run at the current instruction because it needs a part of
// the machine that is not modelled yet (e.g. SVC before the exception model).
func (c *CPU) Unsupported(what string) {
	if c.stop == nil {
		c.next = c.pc
		c.stop = &Stop{Reason: StopUnsupported, PC: c.pc, Msg: what}
	}
}

// Idle advances the cycle counter by n cycles without executing (time skipped while
// the core sleeps); they count as sleep cycles.
func (c *CPU) Idle(n uint64) {
	c.Cycles += n
	c.SleepCycles += n
}

// SystemReset is a local reset (AIRCR.SYSRESETREQ, B1.5.5): the architectural state
// returns to its reset values and the core boots again from vtor, but simulated time
// goes on — the cycle and event counters keep their totals.
func (c *CPU) SystemReset(vtor uint32) error {
	cy, in, sl, ex, ls := c.Cycles, c.Instret, c.SleepCycles, c.ExcCycles, c.LSUCycles
	err := c.Reset(vtor)
	c.Cycles, c.Instret, c.SleepCycles, c.ExcCycles, c.LSUCycles = cy, in, sl, ex, ls
	return err
}

// ShortenRun makes the current Run return (StopLimit) once the cycle counter reaches
// t, if that is earlier than its limit. The board calls it, through the scheduler,
// when a device schedules an event during a run (e.g. firmware enabling SysTick).
func (c *CPU) ShortenRun(t uint64) {
	if t < c.limit {
		c.limit = t
		c.attn = true // leave the fast path so Run picks up the new limit
	}
}

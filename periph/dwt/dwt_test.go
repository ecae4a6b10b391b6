package dwt

import (
	"bytes"
	"fmt"
	"testing"

	"m7emu/bus"
	"m7emu/irq"
)

type rig struct {
	c   Counters
	u   *Unit
	itm bytes.Buffer
	log []string
}

func newRig(cfg Config) *rig {
	r := &rig{}
	cfg.Counters = func() Counters { return r.c }
	cfg.ITM = func(port int, data []byte) {
		r.log = append(r.log, fmt.Sprintf("%d:%x", port, data))
		r.itm.Write(data)
	}
	r.u = New(cfg)
	return r
}

func rd(t *testing.T, d bus.Device, off uint32) uint32 {
	t.Helper()
	v, err := d.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wr(t *testing.T, d bus.Device, off, v uint32) {
	t.Helper()
	if err := d.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

// run advances the core's totals as a timing model would: n instructions costing
// cyc cycles in all, of which exc/sleep/lsu are overheads.
func (r *rig) run(instr, cyc, exc, sleep, lsu uint64) {
	r.c.Instructions += instr
	r.c.Cycles += cyc
	r.c.ExcCycles += exc
	r.c.SleepCycles += sleep
	r.c.LSUCycles += lsu
}

func TestResetValues(t *testing.T) {
	r := newRig(Config{})
	d, i, g := r.u.DWT(), r.u.ITM(), r.u.Debug()
	for _, c := range []struct {
		name string
		dev  bus.Device
		off  uint32
		want uint32
	}{
		{"DWT_CTRL", d, regCTRL, 0x4000_0000}, // DDI0489F Table 11.1, full DWT with trace
		{"DWT_CYCCNT", d, regCYCCNT, 0},
		{"DWT_FUNCTION0", d, regFUNCTION, 0},
		{"DWT_FUNCTION1", d, regFUNCTION + 16, 1 << 9}, // LNK1ENA, table note b
		{"DWT_LSR", d, regLSR, 1},
		{"DWT_PID4", d, regPID4, 0x04}, // Table 11.1
		{"DWT_PID0", d, regPID0, 0x02},
		{"DWT_PID1", d, regPID0 + 4, 0xB0},
		{"DWT_CID0", d, regCID0, 0x0D}, // Table 11.1
		{"DWT_CID1", d, regCID0 + 4, 0xE0},
		{"DWT_CID3", d, regCID0 + 12, 0xB1},
		{"ITM_PID0", i, regPID0, 0x01},
		{"ITM_TCR", i, regTCR, 0},
		{"ITM_STIM5", i, 5 * 4, 1},
		{"DEMCR", g, regDEMCR, 0},
		{"DCRSR", g, regDCRSR, 0},
	} {
		if v := rd(t, c.dev, c.off); v != c.want {
			t.Errorf("%s reads %#x, want %#x", c.name, v, c.want)
		}
	}
	if v := rd(t, g, regDHCSR); v != dhcsrS_REGRDY|dhcsrS_RESET_ST {
		t.Errorf("first DHCSR read %#x", v)
	}
	if v := rd(t, g, regDHCSR); v != dhcsrS_REGRDY {
		t.Errorf("second DHCSR read %#x (sticky bits not cleared)", v)
	}
	l := newRig(Config{LockedAtReset: true})
	if v := rd(t, l.u.DWT(), regLSR); v != 3 {
		t.Errorf("locked DWT_LSR %#x", v)
	}
}

func TestCYCCNT(t *testing.T) {
	r := newRig(Config{})
	d, g := r.u.DWT(), r.u.Debug()
	r.run(10, 100, 0, 0, 0)
	wr(t, d, regCTRL, ctrlCYCCNTENA) // TRCENA still clear: no counting
	r.run(10, 50, 0, 0, 0)
	if v := rd(t, d, regCYCCNT); v != 0 {
		t.Fatalf("CYCCNT %d without TRCENA", v)
	}
	wr(t, g, regDEMCR, demcrTRCENA)
	r.run(7, 33, 0, 0, 0)
	if v := rd(t, d, regCYCCNT); v != 33 {
		t.Fatalf("CYCCNT %d, want 33", v)
	}
	// Written value, then an exact 32-bit wrap.
	wr(t, d, regCYCCNT, 0xFFFF_FFF0)
	r.run(1, 0x20, 0, 0, 0)
	if v := rd(t, d, regCYCCNT); v != 0x10 {
		t.Fatalf("CYCCNT %#x after wrap, want 0x10", v)
	}
	// Freeze on CYCCNTENA = 0, resume from the frozen value.
	wr(t, d, regCTRL, 0)
	r.run(1, 1000, 0, 0, 0)
	if v := rd(t, d, regCYCCNT); v != 0x10 {
		t.Fatalf("CYCCNT %#x while disabled", v)
	}
	wr(t, d, regCTRL, ctrlCYCCNTENA)
	r.run(1, 5, 0, 0, 0)
	if v := r.u.CycleCount(); v != 0x15 {
		t.Fatalf("CYCCNT %#x after re-enable", v)
	}
	// Clearing TRCENA freezes it too; a trillion cycles later the count is still exact.
	wr(t, g, regDEMCR, 0)
	r.run(1, 77, 0, 0, 0)
	wr(t, g, regDEMCR, demcrTRCENA)
	r.run(1, 1_000_000_000_000, 0, 0, 0)
	want := uint32((0x15 + 1_000_000_000_000) % (1 << 32))
	if v := rd(t, d, regCYCCNT); v != want {
		t.Fatalf("CYCCNT %#x, want %#x", v, want)
	}
	// Byte write into CYCCNT merges.
	if err := d.Write(regCYCCNT+3, 1, 0xAB); err != nil {
		t.Fatal(err)
	}
	if v := rd(t, d, regCYCCNT); v>>24 != 0xAB || v&0xFF_FFFF != want&0xFF_FFFF {
		t.Fatalf("CYCCNT %#x after byte write", v)
	}
}

func TestProfilingCounters(t *testing.T) {
	r := newRig(Config{})
	d, g := r.u.DWT(), r.u.Debug()
	wr(t, g, regDEMCR, demcrTRCENA)
	r.run(100, 500, 40, 60, 30) // before enabling: not counted
	all := uint32(ctrlCYCCNTENA | ctrlCPIEVTENA | ctrlEXCEVTENA | ctrlSLEEPEVTENA | ctrlLSUEVTENA | ctrlFOLDEVTENA)
	wr(t, d, regCTRL, all)
	// 50 instructions in 300 cycles: 20 exception, 100 sleep, 30 LSU, so 100 CPI.
	r.run(50, 300, 20, 100, 30)
	want := map[uint32]uint32{regCYCCNT: 300, regCPICNT: 100, regEXCCNT: 20, regSLEEPCNT: 100, regLSUCNT: 30, regFOLDCNT: 0}
	for off, w := range want {
		if v := rd(t, d, off); v != w {
			t.Errorf("offset %#x reads %d, want %d", off, v, w)
		}
	}
	// 8-bit wrap: 1000 more sleep cycles → (100 + 1000) mod 256.
	r.run(0, 1000, 0, 1000, 0)
	if v := rd(t, d, regSLEEPCNT); v != 1100%256 {
		t.Fatalf("SLEEPCNT %d, want %d", v, 1100%256)
	}
	// The identity instructions = CYC − CPI − EXC − SLEEP − LSU + FOLD, modulo 256.
	r.run(1234, 9876, 321, 2000, 777)
	cyc, cpi := rd(t, d, regCYCCNT), rd(t, d, regCPICNT)
	exc, slp, lsu, fold := rd(t, d, regEXCCNT), rd(t, d, regSLEEPCNT), rd(t, d, regLSUCNT), rd(t, d, regFOLDCNT)
	if got := (cyc - cpi - exc - slp - lsu + fold) & 0xFF; got != (50+1234)&0xFF {
		t.Fatalf("identity gives %d instructions mod 256, want %d", got, (50+1234)&0xFF)
	}
	// Writes set the value; disabling an EVTENA freezes, re-enabling restarts from 0.
	wr(t, d, regEXCCNT, 0x1F5) // 8 bits kept
	if v := rd(t, d, regEXCCNT); v != 0xF5 {
		t.Fatalf("EXCCNT %#x after write", v)
	}
	r.run(0, 3, 3, 0, 0)
	if v := rd(t, d, regEXCCNT); v != 0xF8 {
		t.Fatalf("EXCCNT %#x", v)
	}
	wr(t, d, regCTRL, all&^ctrlEXCEVTENA)
	r.run(0, 9, 9, 0, 0)
	if v := rd(t, d, regEXCCNT); v != 0xF8 {
		t.Fatalf("EXCCNT %#x while disabled", v)
	}
	wr(t, d, regCTRL, all)
	r.run(0, 4, 4, 0, 0)
	if v := rd(t, d, regEXCCNT); v != 4 {
		t.Fatalf("EXCCNT %d after 0→1, want 4 (zeroed on enable)", v)
	}
	// A CTRL write that leaves EVTENA set does not zero.
	wr(t, d, regCTRL, all|ctrlPCSAMPLENA)
	if v := rd(t, d, regEXCCNT); v != 4 {
		t.Fatalf("EXCCNT %d after unrelated CTRL write", v)
	}
	if v := rd(t, d, regCTRL); v != 0x4000_0000|all|ctrlPCSAMPLENA {
		t.Fatalf("CTRL %#x", v)
	}
	r.c.PC = 0x0800_1234
	if v := rd(t, d, regPCSR); v != 0x0800_1234 {
		t.Fatalf("PCSR %#x", v)
	}
}

func TestITM(t *testing.T) {
	r := newRig(Config{LockedAtReset: true})
	i, g := r.u.ITM(), r.u.Debug()
	wr(t, i, 0, 'x') // nothing enabled
	wr(t, g, regDEMCR, demcrTRCENA)
	wr(t, i, regTER, 1)
	wr(t, i, regTCR, tcrITMENA) // locked: ignored
	if v := rd(t, i, regTCR); v != 0 {
		t.Fatalf("TCR written while locked: %#x", v)
	}
	wr(t, i, regLAR, larKey)
	if v := rd(t, i, regLSR); v != 1 {
		t.Fatalf("LSR %#x after unlock", v)
	}
	wr(t, i, regTER, 1|1<<31)
	wr(t, i, regTCR, tcrITMENA|1<<23) // BUSY is read-only
	if v := rd(t, i, regTCR); v != tcrITMENA {
		t.Fatalf("TCR %#x", v)
	}
	for _, s := range []struct {
		off uint32
		w   bus.Width
		v   uint32
	}{{0, 1, 'h'}, {0, 2, 'i' | '!'<<8}, {31 * 4, 4, 0x44332211}, {4, 1, 'z'}} {
		if err := i.Write(s.off, s.w, s.v); err != nil {
			t.Fatal(err)
		}
	}
	if got := fmt.Sprint(r.log); got != "[0:68 0:6921 31:11223344]" {
		t.Fatalf("stimulus writes %s (port 1 is not enabled in TER)", got)
	}
	// Relocking blocks configuration but not the stimulus ports.
	wr(t, i, regLAR, 0)
	wr(t, i, regTCR, 0)
	if err := i.Write(0, 1, 'k'); err != nil {
		t.Fatal(err)
	}
	if r.itm.String() != "hi!\x11\x22\x33\x44k" {
		t.Fatalf("ITM output %q", r.itm.String())
	}
	// TRCENA gates the ITM.
	wr(t, g, regDEMCR, 0)
	wr(t, i, 0, 'n')
	if len(r.log) != 4 {
		t.Fatalf("stimulus write with TRCENA clear reached the callback: %v", r.log)
	}
	wr(t, i, regLAR, larKey)
	wr(t, i, regTPR, 0xFFFF_FFF2)
	if v := rd(t, i, regTPR); v != 2 {
		t.Fatalf("TPR %#x", v)
	}
	if r.u.StimulusPrivileged(7) || !r.u.StimulusPrivileged(8) || !r.u.StimulusPrivileged(15) || r.u.StimulusPrivileged(16) {
		t.Fatal("TPR port mapping wrong")
	}
}

func TestDWTLockAndComparators(t *testing.T) {
	r := newRig(Config{LockedAtReset: true})
	d := r.u.DWT()
	wr(t, d, regCTRL, ctrlCYCCNTENA)
	wr(t, d, regCOMP0, 0x2000_0000)
	if rd(t, d, regCTRL) != ctrlReset || rd(t, d, regCOMP0) != 0 {
		t.Fatal("DWT written while locked")
	}
	wr(t, d, regLAR, larKey)
	wr(t, d, regCOMP0+16*3, 0x2000_0100)
	wr(t, d, regMASK0+16*3, 0xFFFF_FFFF)
	wr(t, d, regFUNCTION+16*3, 0xFFFF_FFFF)
	if v := rd(t, d, regCOMP0+16*3); v != 0x2000_0100 {
		t.Fatalf("COMP3 %#x", v)
	}
	if v := rd(t, d, regMASK0+16*3); v != 0x1F {
		t.Fatalf("MASK3 %#x", v)
	}
	if v := rd(t, d, regFUNCTION+16*3); v != functionWritable || v&functionMATCHED != 0 {
		t.Fatalf("FUNCTION3 %#x", v)
	}
}

func TestCoreDebug(t *testing.T) {
	n := 0
	r := newRig(Config{Monitor: irq.Func(func(l bool) {
		if l {
			n++
		}
	})})
	g := r.u.Debug()
	rd(t, g, regDHCSR) // consume S_RESET_ST
	r.run(1, 1, 0, 0, 0)
	if v := rd(t, g, regDHCSR); v&dhcsrS_RETIRE_ST == 0 {
		t.Fatalf("S_RETIRE_ST not set after an instruction: %#x", v)
	}
	if v := rd(t, g, regDHCSR); v&dhcsrS_RETIRE_ST != 0 {
		t.Fatalf("S_RETIRE_ST not cleared by the read: %#x", v)
	}
	wr(t, g, regDHCSR, dhcsrDBGKEY|dhcsrC_DEBUGEN|dhcsrC_HALT) // software cannot enable debug
	if v := rd(t, g, regDHCSR); v&(dhcsrC_DEBUGEN|dhcsrC_HALT) != 0 {
		t.Fatalf("DHCSR %#x", v)
	}
	wr(t, g, regDCRDR, 0xCAFE_F00D)
	if v := rd(t, g, regDCRDR); v != 0xCAFE_F00D {
		t.Fatalf("DCRDR %#x", v)
	}
	wr(t, g, regDEMCR, 0xFFFF_FFFF&^demcrMON_PEND)
	if v := rd(t, g, regDEMCR); v != demcrWritable&^demcrMON_PEND {
		t.Fatalf("DEMCR %#x", v)
	}
	if !r.u.TraceEnabled() || r.u.DEMCR()&demcrVC_HARDERR == 0 {
		t.Fatal("accessors")
	}
	wr(t, g, regDEMCR, demcrMON_EN|demcrMON_PEND)
	if n != 1 {
		t.Fatalf("MON_PEND with MON_EN: %d monitor requests", n)
	}
	wr(t, g, regDEMCR, demcrMON_PEND) // already set: no new request
	wr(t, g, regDEMCR, 0)
	wr(t, g, regDEMCR, demcrMON_PEND) // MON_EN clear: inert
	if n != 1 {
		t.Fatalf("%d monitor requests, want 1", n)
	}
	a := newRig(Config{DebuggerAttached: true})
	if v := rd(t, a.u.Debug(), regDHCSR); v&dhcsrC_DEBUGEN == 0 {
		t.Fatalf("DHCSR %#x with a debugger", v)
	}
}

// A core whose totals restart from zero without a Reset does not make the counters
// jump by 2^64.
func TestTotalsGoingBackwards(t *testing.T) {
	r := newRig(Config{})
	wr(t, r.u.Debug(), regDEMCR, demcrTRCENA)
	r.run(0, 1000, 0, 0, 0)
	wr(t, r.u.DWT(), regCTRL, ctrlCYCCNTENA)
	r.c = Counters{}
	if v := rd(t, r.u.DWT(), regCYCCNT); v != 0 {
		t.Fatalf("CYCCNT %#x", v)
	}
	r.u.Reset()
	if v := rd(t, r.u.DWT(), regCTRL); v != ctrlReset {
		t.Fatalf("CTRL %#x after reset", v)
	}
}

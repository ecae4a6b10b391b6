package board

import (
	"fmt"
	"strings"
)

// Fault status bits (Arm DDI0403E B3.2.15 CFSR: MMFSR bits 7:0, BFSR 15:8, UFSR 31:16;
// B3.2.16 HFSR).
var cfsrBits = []struct {
	bit  uint
	name string
	what string
}{
	{0, "IACCVIOL", "MemManage: instruction fetch from a location the MPU forbids"},
	{1, "DACCVIOL", "MemManage: data access to a location the MPU forbids"},
	{3, "MUNSTKERR", "MemManage: on exception return, unstacking violated the MPU"},
	{4, "MSTKERR", "MemManage: on exception entry, stacking violated the MPU"},
	{5, "MLSPERR", "MemManage: lazy FP state preservation violated the MPU"},
	{7, "MMARVALID", "MMFAR holds the faulting address"},
	{8, "IBUSERR", "BusFault: instruction fetch from a bad address"},
	{9, "PRECISERR", "BusFault: precise data access error"},
	{10, "IMPRECISERR", "BusFault: imprecise data access error"},
	{11, "UNSTKERR", "BusFault: on exception return, unstacking hit a bus error"},
	{12, "STKERR", "BusFault: on exception entry, stacking hit a bus error (stack overflow?)"},
	{13, "LSPERR", "BusFault: lazy FP state preservation hit a bus error"},
	{15, "BFARVALID", "BFAR holds the faulting address"},
	{16, "UNDEFINSTR", "UsageFault: undefined instruction"},
	{17, "INVSTATE", "UsageFault: invalid state (a branch to an address with bit 0 clear, i.e. not Thumb)"},
	{18, "INVPC", "UsageFault: invalid EXC_RETURN value on exception return"},
	{19, "NOCP", "UsageFault: coprocessor (FPU) access while CPACR denies it"},
	{24, "UNALIGNED", "UsageFault: unaligned access where alignment is required"},
	{25, "DIVBYZERO", "UsageFault: integer divide by zero with CCR.DIV_0_TRP set"},
}

var hfsrBits = []struct {
	bit  uint
	name string
	what string
}{
	{1, "VECTTBL", "HardFault: bus error reading the vector table"},
	{30, "FORCED", "HardFault: a configurable fault escalated (disabled, or not allowed at the current priority)"},
	{31, "DEBUGEVT", "HardFault: debug event"},
}

// DescribeFault explains fault status registers in words, one line per set bit, with
// the fault addresses when they are valid.
func DescribeFault(cfsr, hfsr, mmfar, bfar uint32) []string {
	var lines []string
	for _, b := range hfsrBits {
		if hfsr>>b.bit&1 != 0 {
			lines = append(lines, fmt.Sprintf("HFSR.%s: %s", b.name, b.what))
		}
	}
	for _, b := range cfsrBits {
		if cfsr>>b.bit&1 == 0 {
			continue
		}
		line := fmt.Sprintf("CFSR.%s: %s", b.name, b.what)
		switch b.name {
		case "MMARVALID":
			line = fmt.Sprintf("CFSR.MMARVALID: MMFAR = 0x%08x (the faulting address)", mmfar)
		case "BFARVALID":
			line = fmt.Sprintf("CFSR.BFARVALID: BFAR = 0x%08x (the faulting address)", bfar)
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = append(lines, "no fault status bits set")
	}
	return lines
}

// faultRegsLine is the raw register line of a fault report.
func faultRegsLine(cfsr, hfsr, mmfar, bfar uint32) string {
	return fmt.Sprintf("CFSR 0x%08x  HFSR 0x%08x  MMFAR 0x%08x  BFAR 0x%08x", cfsr, hfsr, mmfar, bfar)
}

// indent prefixes every line.
func indent(lines []string, prefix string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(prefix + l + "\n")
	}
	return b.String()
}

// maxBacktrace bounds the walk through nested exception frames.
const maxBacktrace = 16

// FaultReport renders what a firmware developer needs after a fatal fault (the run
// stopped on HardFault entry or on lockup): the fault in words, the fault status
// registers, the faulting instruction with its symbol, a backtrace through the
// exception frames on the stacks, and the registers of the faulting context.
func (b *Board) FaultReport() string {
	c := b.CPU
	var sb strings.Builder
	f := c.LastFault()
	cfsr, hfsr, mmfar, bfar := b.NVIC.FaultStatus()
	if f != nil {
		fmt.Fprintf(&sb, "fault: %s\n", f.Kind)
		if f.Escalated {
			sb.WriteString("       escalated to HardFault (its handler is disabled or could not preempt)\n")
		}
		if f.Lockup {
			sb.WriteString("       the core locked up (a fault it could not take, B1.5.15)\n")
		}
	}
	sb.WriteString("fault status:\n")
	sb.WriteString(indent(DescribeFault(cfsr, hfsr, mmfar, bfar), "  "))
	sb.WriteString("  " + faultRegsLine(cfsr, hfsr, mmfar, bfar) + "\n")
	if f != nil {
		sb.WriteString("faulting instruction:\n  " + b.instLine(f.PC) + "\n")
	}

	// The frames: in a handler (HardFault entry), LR holds EXC_RETURN and the
	// interrupted context is on the stack it names (B1.5.6, B1.5.8).
	sb.WriteString("stack backtrace:\n")
	n := 0
	frame := func(pc uint32, note string) {
		fmt.Fprintf(&sb, "  %2d: 0x%08x %s%s\n", n, pc, b.symOrQ(pc), note)
		n++
	}
	caller := func(lr uint32) {
		if lr != 0xFFFF_FFFF { // the reset value: no caller
			frame(lr&^1, "  (caller, from lr)")
		}
	}
	regs := c.R
	regs[15] = c.PC()
	faulting := regs
	if c.IPSR == 0 {
		frame(regs[15], "")
		caller(regs[14])
	} else {
		frame(regs[15], "  ("+excName(int(c.IPSR))+" handler)")
		excReturn, sp := regs[14], c.SPMain()
		for depth := 0; isExcReturn(excReturn) && depth < maxBacktrace; depth++ {
			if excReturn&4 != 0 { // EXC_RETURN bit 2: the frame is on the process stack
				sp = c.SPProcess()
			}
			var fr [8]uint32
			if !b.readWords(sp, fr[:]) {
				fmt.Fprintf(&sb, "      <exception frame at 0x%08x is not readable>\n", sp)
				break
			}
			sb.WriteString("      <exception entry>\n")
			size := uint32(0x20)
			if fr[7]&(1<<9) != 0 { // the stack was realigned on entry
				size += 4
			}
			sp += size
			regs = [16]uint32{fr[0], fr[1], fr[2], fr[3], regs[4], regs[5], regs[6], regs[7], regs[8], regs[9], regs[10], regs[11], fr[4], sp, fr[5], fr[6]}
			if depth == 0 {
				faulting = regs
			}
			ipsr := fr[7] & 0x1FF
			note := ""
			if ipsr != 0 {
				note = "  (" + excName(int(ipsr)) + " handler)"
			}
			frame(fr[6], note)
			excReturn = fr[5]
			if !isExcReturn(excReturn) {
				caller(excReturn)
			}
		}
	}
	regs = faulting
	sb.WriteString("registers of the interrupted context:\n")
	for i := 0; i < 16; i++ {
		fmt.Fprintf(&sb, "  %-4s 0x%08x", dumpNames[i], regs[i])
		if i%4 == 3 {
			sb.WriteByte('\n')
		}
	}
	fmt.Fprintf(&sb, "  cycles %d  instructions %d  simulated time %s\n", c.Cycles, c.Instret, FormatPicos(b.SimPicos()))
	return sb.String()
}

// isExcReturn reports whether v is an EXC_RETURN value (B1.5.8; bit 4 clear: FP frame).
func isExcReturn(v uint32) bool {
	if v&^0x1F != 0xFFFF_FFE0 {
		return false
	}
	switch v & 0xF {
	case 0x1, 0x9, 0xD:
		return true
	}
	return false
}

var excNames = [16]string{"thread", "reset", "NMI", "HardFault", "MemManage", "BusFault", "UsageFault",
	"exception 7", "exception 8", "exception 9", "exception 10", "SVCall", "DebugMonitor", "exception 13", "PendSV", "SysTick"}

// excName names an exception number (IRQn for external interrupts).
func excName(exc int) string {
	if exc < 16 {
		return excNames[exc]
	}
	return fmt.Sprintf("IRQ%d", exc-16)
}

// ExceptionName names an exception number: the system exceptions as the Armv7-M
// manual does (B1.5.2), external interrupts by the machine's interrupt names
// (the SVD's, for the STM32F769), else "IRQn".
func (b *Board) ExceptionName(exc int) string {
	if n := exc - 16; n >= 0 && n < len(b.Machine.IRQNames) && b.Machine.IRQNames[n] != "" {
		return b.Machine.IRQNames[n]
	}
	return excName(exc)
}

var dumpNames = [16]string{"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"}

func (b *Board) symOrQ(addr uint32) string {
	if s := b.Symbolize(addr); s != "" {
		return s
	}
	return "??"
}

// instLine renders "0800012a: de00       udf #0   <main+0x1a>".
func (b *Board) instLine(pc uint32) string {
	in, err := b.CPU.Decoded(pc)
	if err != nil && in.Size == 0 {
		return fmt.Sprintf("%08x: <not readable>", pc)
	}
	enc := fmt.Sprintf("%04x", in.Raw)
	if in.Size == 4 {
		enc = fmt.Sprintf("%04x %04x", in.Raw>>16, in.Raw&0xFFFF)
	}
	text := strings.ReplaceAll(in.Format(b.disasmContext(pc)), "\t", " ")
	return fmt.Sprintf("%08x: %-10s %s   <%s>", pc, enc, text, b.symOrQ(pc))
}

func (b *Board) readWords(addr uint32, w []uint32) bool {
	var buf [4]byte
	for i := range w {
		if err := b.Bus.ReadBytes(addr+uint32(4*i), buf[:]); err != nil {
			return false
		}
		w[i] = uint32(buf[0]) | uint32(buf[1])<<8 | uint32(buf[2])<<16 | uint32(buf[3])<<24
	}
	return true
}

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

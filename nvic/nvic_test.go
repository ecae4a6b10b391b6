package nvic

import (
	"testing"

	"m7emu/bus"
)

// f769 is the STM32F769 configuration: 110 interrupts (ST SVD: highest <interrupt>
// value 109), 4 priority bits (SVD <nvicPrioBits>4</nvicPrioBits>), boot at 0x0020_0000.
func f769(t *testing.T) (*NVIC, *callbacks) {
	t.Helper()
	cb := &callbacks{}
	n := New(Config{NumIRQ: 110, PrioBits: 4, VTOR: 0x0020_0000,
		OnChange: func() { cb.changes++ }, OnEvent: func() { cb.events++ },
		OnSysReset: func() { cb.resets++ }, CurrentException: func() int { return cb.ipsr }})
	return n, cb
}

type callbacks struct {
	changes, events, resets int
	ipsr                    int
}

func rd(t *testing.T, n *NVIC, off uint32, w bus.Width) uint32 {
	t.Helper()
	v, err := n.Read(off, w)
	if err != nil {
		t.Fatalf("read %#x: %v", off, err)
	}
	return v
}

func wr(t *testing.T, n *NVIC, off uint32, w bus.Width, v uint32) {
	t.Helper()
	if err := n.Write(off, w, v); err != nil {
		t.Fatalf("write %#x: %v", off, err)
	}
}

// TestResetValues checks every register's reset value against its architectural or
// Cortex-M7 documented value. The ST SVD for the STM32F769 describes no core
// peripherals (its only entry above 0xE000_0000 is DBGMCU), so the sources are the Arm
// manuals cited per row.
func TestResetValues(t *testing.T) {
	n, _ := f769(t)
	cases := []struct {
		name string
		off  uint32
		want uint32
		src  string
	}{
		{"ICTR", OffICTR, 3, "B3.4.3: INTLINESNUM = 3 for 97..128 lines (110)"},
		{"ACTLR", OffACTLR, 0, "DDI0489F §3.2.1"},
		{"ISER0", OffISER, 0, "B3.4.4: disabled at reset"},
		{"ISPR0", OffISPR, 0, "B3.4.6"},
		{"IABR0", OffIABR, 0, "B3.4.8"},
		{"IPR0", OffIPR, 0, "B3.4.9"},
		{"CPUID", OffCPUID, 0x411F_C270, "B3.2.3, DDI0489F Table 3-1 (r1p0)"},
		{"ICSR", OffICSR, icsrRETTOBASE, "B3.2.4: nothing pending or active (RETTOBASE: no other active exception)"},
		{"VTOR", OffVTOR, 0x0020_0000, "B3.2.5: the boot address (RM0410 §2.4)"},
		{"AIRCR", OffAIRCR, 0xFA05_0000, "B3.2.6: VECTKEYSTAT, PRIGROUP 0, little endian"},
		{"SCR", OffSCR, 0, "B3.2.7"},
		{"CCR", OffCCR, 0x0004_0200, "B3.2.8 + DUI0646C Table 4.20: STKALIGN and BP read as one"},
		{"SHPR1", OffSHPR1, 0, "B3.2.10"},
		{"SHPR2", OffSHPR2, 0, "B3.2.11"},
		{"SHPR3", OffSHPR3, 0, "B3.2.12"},
		{"SHCSR", OffSHCSR, 0, "B3.2.13"},
		{"CFSR", OffCFSR, 0, "B3.2.15"},
		{"HFSR", OffHFSR, 0, "B3.2.16"},
		{"DFSR", OffDFSR, 0, "C1.6.1"},
		{"AFSR", OffAFSR, 0, "B3.2.19"},
		{"ID_PFR0", 0xD40, 0x0000_0030, "DDI0489F Table 3-1"},
		{"ID_PFR1", 0xD44, 0x0000_0200, "DDI0489F Table 3-1"},
		{"ID_DFR0", 0xD48, 0x0010_0000, "DDI0489F Table 3-1"},
		{"ID_AFR0", 0xD4C, 0, "DDI0489F Table 3-1"},
		{"ID_MMFR0", 0xD50, 0x0010_0030, "DDI0489F Table 3-1"},
		{"ID_MMFR1", 0xD54, 0, "DDI0489F Table 3-1"},
		{"ID_MMFR2", 0xD58, 0x0100_0000, "DDI0489F Table 3-1"},
		{"ID_MMFR3", 0xD5C, 0, "DDI0489F Table 3-1"},
		{"ID_ISAR0", 0xD60, 0x0110_1110, "DDI0489F Table 3-1"},
		{"ID_ISAR1", 0xD64, 0x0211_2000, "DDI0489F Table 3-1"},
		{"ID_ISAR2", 0xD68, 0x2023_2231, "DDI0489F Table 3-1"},
		{"ID_ISAR3", 0xD6C, 0x0111_1131, "DDI0489F Table 3-1"},
		{"ID_ISAR4", 0xD70, 0x0131_0132, "DDI0489F Table 3-1"},
		{"ID_ISAR5 (reserved)", 0xD74, 0, "B4.1.2"},
		{"CLIDR", OffCLIDR, 0x0900_0003, "DDI0489F §3.3.2: L1 I+D, LoC=LoUU=1"},
		{"CTR", OffCTR, 0x8303_C003, "DUI0646C §4.5.2: 8-word lines and granule"},
		{"CCSIDR (data, CSSELR=0)", OffCCSIDR, 0xF00F_E019, "DDI0489F Table 3.7: 16 KiB, 4-way, 32 B lines"},
		{"CSSELR", OffCSSELR, 0, "B4.8.5"},
		{"CPACR", OffCPACR, 0, "B3.2.20: coprocessors denied at reset"},
		{"STIR (write-only)", OffSTIR, 0, "B3.4.3"},
		{"FPCCR", OffFPCCR, 0xC000_0000, "B3.2.23: ASPEN and LSPEN set"},
		{"FPCAR", OffFPCAR, 0, "B3.2.24 (UNKNOWN; 0 here)"},
		{"FPDSCR", OffFPDSCR, 0, "B3.2.25"},
		{"MVFR0", OffMVFR0, 0x1011_0221, "FPv5-D16 (B4.6.1)"},
		{"MVFR1", OffMVFR1, 0x1200_0011, "FPv5-D16 (B4.6.2)"},
		{"MVFR2", OffMVFR2, 0x0000_0040, "FPv5 (B4.6.3)"},
		{"ICIALLU (write-only)", OffICIALL, 0, "B2.2.7"},
	}
	for _, tc := range cases {
		if got := rd(t, n, tc.off, 4); got != tc.want {
			t.Errorf("%s (%#x) = %#08x, want %#08x (%s)", tc.name, tc.off, got, tc.want, tc.src)
		}
	}
	// CCSIDR for the instruction cache: 16 KiB, 2-way, 32-byte lines (256 sets).
	wr(t, n, OffCSSELR, 4, 1)
	if got := rd(t, n, OffCCSIDR, 4); got != 0xF01F_E009 {
		t.Errorf("CCSIDR (instruction) = %#08x, want 0xF01FE009", got)
	}
	wr(t, n, OffCSSELR, 4, 2) // level 2: no cache
	if got := rd(t, n, OffCCSIDR, 4); got != 0 {
		t.Errorf("CCSIDR (level 2) = %#08x, want 0", got)
	}
}

// TestRegisterWrites checks writable bits and read-only/RAZ behaviour of the plain
// registers.
func TestRegisterWrites(t *testing.T) {
	cases := []struct {
		name      string
		off       uint32
		write     uint32
		want      uint32
		reference string
	}{
		{"VTOR keeps TBLOFF [31:7]", OffVTOR, 0x2000_01FF, 0x2000_0180, "B3.2.5"},
		{"CPUID is read-only", OffCPUID, 0, 0x411F_C270, "B3.2.3"},
		{"SCR: SLEEPONEXIT, SLEEPDEEP, SEVONPEND only", OffSCR, 0xFFFF_FFFF, 0x16, "B3.2.7"},
		{"CCR: writable bits, STKALIGN/BP stay one", OffCCR, 0, 0x0004_0200, "B3.2.8, DUI0646C 4.3.7"},
		{"CCR: all writable bits", OffCCR, 0xFFFF_FFFF, 0x0007_031B, "B3.2.8, DUI0646C 4.3.7"},
		{"CPACR: CP10 and CP11 only", OffCPACR, 0xFFFF_FFFF, 0x00F0_0000, "B3.2.20"},
		{"CSSELR: level and InD", OffCSSELR, 0xFFFF_FFFF, 0xF, "B4.8.5"},
		{"MMFAR is read/write", OffMMFAR, 0x1234_5678, 0x1234_5678, "B3.2.17"},
		{"BFAR is read/write", OffBFAR, 0x8765_4321, 0x8765_4321, "B3.2.18"},
		{"FPCCR writable bits", OffFPCCR, 0xFFFF_FFFF, 0xC000_017B, "B3.2.23"},
		{"FPCAR [31:3]", OffFPCAR, 0xFFFF_FFFF, 0xFFFF_FFF8, "B3.2.24"},
		{"FPDSCR AHP DN FZ RMode", OffFPDSCR, 0xFFFF_FFFF, 0x07C0_0000, "B3.2.25"},
		{"CLIDR is read-only", OffCLIDR, 0, 0x0900_0003, "B4.8.2"},
		{"MVFR0 is read-only", OffMVFR0, 0, 0x1011_0221, "B4.6.1"},
		{"ICTR is read-only", OffICTR, 0, 3, "B3.4.3"},
		{"reserved 0xD74 RAZ/WI", 0xD74, 0xFFFF_FFFF, 0, "B3.2.2"},
	}
	for _, tc := range cases {
		n, _ := f769(t)
		wr(t, n, tc.off, 4, tc.write)
		if got := rd(t, n, tc.off, 4); got != tc.want {
			t.Errorf("%s: wrote %#08x, read %#08x, want %#08x (%s)", tc.name, tc.write, got, tc.want, tc.reference)
		}
	}
}

func TestAIRCR(t *testing.T) {
	n, cb := f769(t)
	// Without the key nothing changes (B3.2.6).
	wr(t, n, OffAIRCR, 4, 0x0000_0504)
	if got := rd(t, n, OffAIRCR, 4); got != 0xFA05_0000 || cb.resets != 0 {
		t.Fatalf("keyless write: AIRCR %#x, resets %d", got, cb.resets)
	}
	// A halfword write cannot carry the key.
	wr(t, n, OffAIRCR, 2, 0x0500)
	if got := rd(t, n, OffAIRCR, 4); got != 0xFA05_0000 {
		t.Fatalf("halfword write: AIRCR %#x", got)
	}
	wr(t, n, OffAIRCR, 4, 0x05FA_0300)
	if got := rd(t, n, OffAIRCR, 4); got != 0xFA05_0300 {
		t.Fatalf("PRIGROUP 3: AIRCR %#x, want 0xFA050300", got)
	}
	if cb.resets != 0 {
		t.Fatal("reset requested without SYSRESETREQ")
	}
	wr(t, n, OffAIRCR, 4, 0x05FA_0304)
	if cb.resets != 1 {
		t.Fatalf("SYSRESETREQ: %d reset requests, want 1", cb.resets)
	}
	// VECTCLRACTIVE clears the active state of every exception.
	n.Activate(SVCall)
	n.Activate(FirstIRQ + 5)
	wr(t, n, OffAIRCR, 4, 0x05FA_0302)
	if n.ActiveCount() != 0 || n.ActivePriority() != NoException {
		t.Fatalf("VECTCLRACTIVE left %d active", n.ActiveCount())
	}
}

// TestIRQArrays exercises ISER/ICER/ISPR/ICPR/IABR and byte-wide IPR (B3.4.4–B3.4.9).
func TestIRQArrays(t *testing.T) {
	n, cb := f769(t)
	wr(t, n, OffISER+4, 4, 1<<5|1<<7) // IRQ 37 and 39
	if got := rd(t, n, OffISER+4, 4); got != 1<<5|1<<7 {
		t.Fatalf("ISER1 = %#x", got)
	}
	if got := rd(t, n, OffICER+4, 4); got != 1<<5|1<<7 {
		t.Fatalf("ICER1 reads the enables: %#x", got)
	}
	wr(t, n, OffISER+4, 4, 0) // writing zeros has no effect
	wr(t, n, OffICER+4, 4, 1<<7)
	if got := rd(t, n, OffISER+4, 4); got != 1<<5 {
		t.Fatalf("after ICER: ISER1 = %#x", got)
	}
	// Bits of interrupts beyond NumIRQ (110..127) are RAZ/WI; words beyond RAZ/WI.
	wr(t, n, OffISER+12, 4, 0xFFFF_FFFF)
	if got := rd(t, n, OffISER+12, 4); got != 0x3FFF {
		t.Fatalf("ISER3 = %#x, want 0x3FFF (IRQ 96..109)", got)
	}
	wr(t, n, OffISER+16, 4, 0xFFFF_FFFF)
	if got := rd(t, n, OffISER+16, 4); got != 0 {
		t.Fatalf("ISER4 = %#x, want 0", got)
	}
	// Pending: ISPR sets, ICPR clears; a byte write affects only its byte.
	before := cb.changes
	wr(t, n, OffISPR+1, 1, 0x01) // IRQ 8
	if got := rd(t, n, OffISPR, 4); got != 1<<8 {
		t.Fatalf("ISPR0 = %#x, want IRQ 8", got)
	}
	if cb.changes == before {
		t.Fatal("pending an interrupt did not call OnChange")
	}
	if !n.IsPending(FirstIRQ + 8) {
		t.Fatal("IRQ 8 not pending")
	}
	wr(t, n, OffICPR, 4, 1<<8)
	if n.IsPending(FirstIRQ + 8) {
		t.Fatal("ICPR did not clear IRQ 8")
	}
	// IABR reflects the active state and is read-only.
	n.Activate(FirstIRQ + 33)
	if got := rd(t, n, OffIABR+4, 4); got != 1<<1 {
		t.Fatalf("IABR1 = %#x", got)
	}
	wr(t, n, OffIABR+4, 4, 0)
	if got := rd(t, n, OffIABR+4, 4); got != 1<<1 {
		t.Fatalf("IABR1 written: %#x", got)
	}
	// IPR: byte accesses, 4 implemented bits (the low nibble reads as zero).
	wr(t, n, OffIPR+43, 1, 0xFF) // IRQ 43 = TIM8_BRK_TIM12, Embassy's time driver
	if got := rd(t, n, OffIPR+43, 1); got != 0xF0 {
		t.Fatalf("IPR byte 43 = %#x, want 0xF0", got)
	}
	if got := rd(t, n, OffIPR+40, 4); got != 0xF000_0000 {
		t.Fatalf("IPR10 = %#x, want 0xF0000000", got)
	}
	wr(t, n, OffIPR+40, 2, 0x5A3C) // halfword: IRQs 40, 41
	if got := rd(t, n, OffIPR+40, 4); got != 0xF000_5030 {
		t.Fatalf("IPR10 after halfword write = %#x, want 0xF0005030", got)
	}
	if got := n.Priority(FirstIRQ + 41); got != 0x50 {
		t.Fatalf("priority of IRQ 41 = %#x", got)
	}
	wr(t, n, OffIPR+110, 1, 0x80) // beyond the last interrupt
	if got := rd(t, n, OffIPR+108, 4); got != 0 {
		t.Fatalf("IPR27 = %#x, want 0", got)
	}
}

// TestSTIR: writing INTID pends that external interrupt (B3.4.3).
func TestSTIR(t *testing.T) {
	n, _ := f769(t)
	wr(t, n, OffSTIR, 4, 43)
	if !n.IsPending(FirstIRQ + 43) {
		t.Fatal("STIR 43 did not pend IRQ 43")
	}
	wr(t, n, OffSTIR, 4, 200) // no such interrupt
	for e := FirstIRQ; e < FirstIRQ+110; e++ {
		if e != FirstIRQ+43 && n.IsPending(e) {
			t.Fatalf("exception %d pending", e)
		}
	}
}

// TestSHPR: byte-accessible system handler priorities; reserved bytes RAZ/WI
// (B3.2.10–B3.2.12).
func TestSHPR(t *testing.T) {
	n, _ := f769(t)
	wr(t, n, OffSHPR1, 4, 0xFFFF_FFFF)
	if got := rd(t, n, OffSHPR1, 4); got != 0x00F0_F0F0 {
		t.Fatalf("SHPR1 = %#x, want 0x00F0F0F0 (byte 3 reserved)", got)
	}
	wr(t, n, OffSHPR2, 4, 0xFFFF_FFFF)
	if got := rd(t, n, OffSHPR2, 4); got != 0xF000_0000 {
		t.Fatalf("SHPR2 = %#x, want 0xF0000000 (only SVCall)", got)
	}
	wr(t, n, OffSHPR3, 4, 0xFFFF_FFFF)
	if got := rd(t, n, OffSHPR3, 4); got != 0xF0F0_00F0 {
		t.Fatalf("SHPR3 = %#x, want 0xF0F000F0 (byte 1 reserved)", got)
	}
	wr(t, n, OffSHPR3+2, 1, 0x40) // PendSV by byte
	if got := n.Priority(PendSV); got != 0x40 {
		t.Fatalf("PendSV priority %#x", got)
	}
	if got := n.Priority(SysTick); got != 0xF0 {
		t.Fatalf("SysTick priority %#x (byte write leaked)", got)
	}
	if n.Priority(HardFault) != -1 || n.Priority(NMI) != -2 || n.Priority(Reset) != -3 {
		t.Fatal("fixed priorities wrong")
	}
}

// TestSHCSR: enables, and the writable active/pending bits (B3.2.13).
func TestSHCSR(t *testing.T) {
	n, _ := f769(t)
	if n.Enabled(UsageFault) || n.Enabled(BusFault) || n.Enabled(MemManage) {
		t.Fatal("configurable faults enabled at reset")
	}
	if !n.Enabled(SVCall) || !n.Enabled(PendSV) || !n.Enabled(SysTick) || !n.Enabled(HardFault) || !n.Enabled(NMI) {
		t.Fatal("fixed-enable exceptions disabled")
	}
	if n.Enabled(DebugMonitor) {
		t.Fatal("DebugMonitor enabled without DEMCR.MON_EN")
	}
	wr(t, n, OffSHCSR, 4, shcsrUSGFAULTENA|shcsrBUSFAULTENA|shcsrMEMFAULTENA)
	if !n.Enabled(UsageFault) || !n.Enabled(BusFault) || !n.Enabled(MemManage) {
		t.Fatal("SHCSR enables not applied")
	}
	n.SetPending(SVCall)
	n.Activate(UsageFault)
	n.SetPending(MemManage)
	want := uint32(shcsrUSGFAULTENA | shcsrBUSFAULTENA | shcsrMEMFAULTENA | shcsrSVCALLPENDED | shcsrUSGFAULTACT | shcsrMEMFAULTPENDED)
	if got := rd(t, n, OffSHCSR, 4); got != want {
		t.Fatalf("SHCSR = %#x, want %#x", got, want)
	}
	// panic-probe clears USGFAULTENA with a read-modify-write (stm32f769-embassy.md §2.6).
	wr(t, n, OffSHCSR, 4, want&^shcsrUSGFAULTENA)
	if n.Enabled(UsageFault) {
		t.Fatal("USGFAULTENA not cleared")
	}
	if !n.IsActive(UsageFault) || !n.IsPending(SVCall) {
		t.Fatal("read-modify-write of SHCSR changed state")
	}
	// Writing the active bit clears it.
	wr(t, n, OffSHCSR, 4, want&^(shcsrUSGFAULTENA|shcsrUSGFAULTACT))
	if n.IsActive(UsageFault) {
		t.Fatal("USGFAULTACT write 0 did not deactivate")
	}
}

// TestFaultStatus: CFSR is write-one-to-clear and byte/halfword accessible (MMFSR,
// BFSR, UFSR); MMFAR/BFAR follow the VALID bits (B3.2.15–B3.2.18).
func TestFaultStatus(t *testing.T) {
	n, _ := f769(t)
	n.RecordFault(CFSRDACCVIOL|CFSRMMARVALID, 0x1000)
	n.RecordFault(CFSRPRECISERR|CFSRBFARVALID, 0x4000_0000)
	n.RecordFault(CFSRUNDEFINSTR, 0xDEAD)
	n.RecordHardFault(HFSRFORCED)
	if got := rd(t, n, OffCFSR, 4); got != 0x0001_8282 {
		t.Fatalf("CFSR = %#x, want 0x00018282", got)
	}
	if rd(t, n, OffMMFAR, 4) != 0x1000 || rd(t, n, OffBFAR, 4) != 0x4000_0000 {
		t.Fatal("fault addresses not recorded")
	}
	if got := rd(t, n, OffCFSR+1, 1); got != 0x82 {
		t.Fatalf("BFSR byte = %#x", got)
	}
	if got := rd(t, n, OffCFSR+2, 2); got != 0x0001 {
		t.Fatalf("UFSR halfword = %#x", got)
	}
	wr(t, n, OffCFSR+1, 1, 0x02) // clear PRECISERR only
	if got := rd(t, n, OffCFSR, 4); got != 0x0001_8082 {
		t.Fatalf("CFSR after clearing PRECISERR = %#x", got)
	}
	wr(t, n, OffCFSR, 4, 0xFFFF_FFFF)
	if got := rd(t, n, OffCFSR, 4); got != 0 {
		t.Fatalf("CFSR after clearing all = %#x", got)
	}
	if got := rd(t, n, OffHFSR, 4); got != HFSRFORCED {
		t.Fatalf("HFSR = %#x", got)
	}
	wr(t, n, OffHFSR, 4, HFSRFORCED)
	if got := rd(t, n, OffHFSR, 4); got != 0 {
		t.Fatalf("HFSR after W1C = %#x", got)
	}
}

// TestICSR covers the set/clear bits and the status fields (B3.2.4).
func TestICSR(t *testing.T) {
	n, cb := f769(t)
	wr(t, n, OffICSR, 4, icsrPENDSVSET|icsrPENDSTSET)
	if !n.IsPending(PendSV) || !n.IsPending(SysTick) {
		t.Fatal("PENDSVSET/PENDSTSET did not pend")
	}
	v := rd(t, n, OffICSR, 4)
	if v&(icsrPENDSVSET|icsrPENDSTSET) != icsrPENDSVSET|icsrPENDSTSET {
		t.Fatalf("ICSR = %#x: set bits not read back", v)
	}
	// Both at priority 0: the lower exception number (PendSV 14) comes first.
	if got := v >> 12 & 0x1FF; got != PendSV {
		t.Fatalf("VECTPENDING = %d, want 14", got)
	}
	if v&icsrISRPENDING != 0 {
		t.Fatal("ISRPENDING with no external interrupt pending")
	}
	wr(t, n, OffICSR, 4, icsrPENDSVCLR|icsrPENDSTCLR)
	if n.IsPending(PendSV) || n.IsPending(SysTick) {
		t.Fatal("CLR bits did not clear")
	}
	// ISRPENDING counts disabled external interrupts too; VECTPENDING only enabled ones.
	n.SetPending(FirstIRQ + 3)
	v = rd(t, n, OffICSR, 4)
	if v&icsrISRPENDING == 0 || v>>12&0x1FF != 0 {
		t.Fatalf("ICSR = %#x: want ISRPENDING and VECTPENDING 0 (IRQ 3 disabled)", v)
	}
	wr(t, n, OffISER, 4, 1<<3)
	if got := rd(t, n, OffICSR, 4) >> 12 & 0x1FF; got != FirstIRQ+3 {
		t.Fatalf("VECTPENDING = %d, want 19", got)
	}
	// NMIPENDSET.
	wr(t, n, OffICSR, 4, icsrNMIPENDSET)
	if v = rd(t, n, OffICSR, 4); v&icsrNMIPENDSET == 0 || v>>12&0x1FF != NMI {
		t.Fatalf("ICSR = %#x after NMIPENDSET", v)
	}
	// VECTACTIVE = IPSR; RETTOBASE: no active exception other than IPSR's.
	n.ClearPending(NMI)
	n.Activate(FirstIRQ + 3)
	cb.ipsr = FirstIRQ + 3
	v = rd(t, n, OffICSR, 4)
	if v&icsrVECTACTIVE != FirstIRQ+3 || v&icsrRETTOBASE == 0 {
		t.Fatalf("ICSR = %#x: want VECTACTIVE 19, RETTOBASE", v)
	}
	n.Activate(SVCall)
	cb.ipsr = SVCall
	if v = rd(t, n, OffICSR, 4); v&icsrRETTOBASE != 0 {
		t.Fatalf("ICSR = %#x: RETTOBASE with a preempted handler", v)
	}
}

// TestPendingSelection: the most urgent pending exception by group priority, then
// subpriority, then exception number; PRIGROUP splits the byte (B1.5.4).
func TestPendingSelection(t *testing.T) {
	n, _ := f769(t)
	wr(t, n, OffISER, 4, 0xFFFF_FFFF)
	set := func(irqn int, prio uint8) { wr(t, n, OffIPR+uint32(irqn), 1, uint32(prio)) }
	set(1, 0x60)
	set(2, 0x40)
	set(3, 0x50)
	n.SetPending(FirstIRQ + 1)
	n.SetPending(FirstIRQ + 3)
	if exc, prio, ok := n.Pending(); !ok || exc != FirstIRQ+3 || prio != 0x50 {
		t.Fatalf("Pending = %d, %#x, %v; want IRQ 3 at 0x50", exc, prio, ok)
	}
	// PRIGROUP 5: group = bits [7:6], subpriority [5:0]: 0x60 and 0x50 share group
	// 0x40; IRQ 3 still wins by subpriority, and both report group priority 0x40.
	wr(t, n, OffAIRCR, 4, 0x05FA_0500)
	if exc, prio, _ := n.Pending(); exc != FirstIRQ+3 || prio != 0x40 {
		t.Fatalf("PRIGROUP 5: Pending = %d, %#x; want IRQ 3 at group 0x40", exc, prio)
	}
	// Equal priority: the lower exception number wins.
	n.SetPending(FirstIRQ + 2)
	set(2, 0x50)
	if exc, _, _ := n.Pending(); exc != FirstIRQ+2 {
		t.Fatalf("tie: Pending = %d, want IRQ 2", exc)
	}
	// A disabled interrupt is never selected.
	wr(t, n, OffICER, 4, 1<<2|1<<3|1<<1)
	if _, _, ok := n.Pending(); ok {
		t.Fatal("disabled interrupts selected")
	}
	// GroupPriority follows PRIGROUP and the implemented bits.
	if got := n.GroupPriority(0x7F); got != 0x40 {
		t.Fatalf("GroupPriority(0x7F) = %#x, want 0x40", got)
	}
	wr(t, n, OffAIRCR, 4, 0x05FA_0000)
	if got := n.GroupPriority(0x7F); got != 0x70 {
		t.Fatalf("GroupPriority(0x7F) with PRIGROUP 0 = %#x, want 0x70", got)
	}
	// Active priority: the most urgent active exception's group priority.
	n.Activate(FirstIRQ + 1)
	n.Activate(FirstIRQ + 3)
	if got := n.ActivePriority(); got != 0x50 || n.ActiveCount() != 2 {
		t.Fatalf("ActivePriority = %#x (%d active)", got, n.ActiveCount())
	}
	n.Deactivate(FirstIRQ + 3)
	if got := n.ActivePriority(); got != 0x60 {
		t.Fatalf("after deactivation ActivePriority = %#x", got)
	}
}

// TestLinesAndEvents: lines are level sensitive; a line still high when the handler
// returns pends again (B3.4.1). SEVONPEND announces every new pending state (B1.5.18).
func TestLinesAndEvents(t *testing.T) {
	n, cb := f769(t)
	l := n.Line(43)
	l.Set(true)
	if !n.IsPending(FirstIRQ + 43) {
		t.Fatal("rising level did not pend")
	}
	if cb.events != 0 {
		t.Fatal("event without SEVONPEND")
	}
	n.Activate(FirstIRQ + 43)
	l.Set(true) // no edge
	if n.IsPending(FirstIRQ + 43) {
		t.Fatal("level without an edge pended")
	}
	n.Deactivate(FirstIRQ + 43)
	if !n.IsPending(FirstIRQ + 43) {
		t.Fatal("asserted line did not re-pend on deactivation")
	}
	n.Activate(FirstIRQ + 43)
	l.Set(false)
	n.Deactivate(FirstIRQ + 43)
	if n.IsPending(FirstIRQ + 43) {
		t.Fatal("deasserted line re-pended")
	}
	wr(t, n, OffSCR, 4, SCRSEVONPEND)
	l.Set(true) // disabled interrupt: still an event
	if cb.events != 1 {
		t.Fatalf("SEVONPEND: %d events, want 1", cb.events)
	}
	n.SetPending(FirstIRQ + 43) // already pending: no new event
	if cb.events != 1 {
		t.Fatalf("re-pending a pending interrupt gave an event")
	}
	n.SystemLine(SysTick).Set(true)
	if !n.IsPending(SysTick) || cb.events != 2 {
		t.Fatalf("SystemLine: pending %v, events %d", n.IsPending(SysTick), cb.events)
	}
	// Out-of-range lines are inert.
	n.Line(110).Set(true)
	n.Line(-1).Set(true)
}

func TestOwns(t *testing.T) {
	for _, tc := range []struct {
		off  uint32
		want bool
	}{
		{0x004, true}, {0x010, false}, {0x0FC, false}, {0x100, true}, {0xCFC, true},
		{0xD00, true}, {0xD88, true}, {0xD90, false}, {0xDF0, false}, {0xE00, false},
		{0xF00, true}, {0xF34, true}, {0xFFC, true},
	} {
		if got := Owns(tc.off); got != tc.want {
			t.Errorf("Owns(%#x) = %v, want %v", tc.off, got, tc.want)
		}
	}
}

// TestConfigClamps: out-of-range configurations do not panic.
func TestConfigClamps(t *testing.T) {
	n := New(Config{NumIRQ: 1000, PrioBits: 12})
	if n.NumIRQ() != MaxIRQ || n.PriorityMask() != 0xFF {
		t.Fatalf("clamp: %d IRQs, mask %#x", n.NumIRQ(), n.PriorityMask())
	}
	n = New(Config{NumIRQ: -5, PrioBits: 1})
	if n.NumIRQ() != 0 || n.PriorityMask() != 0xE0 {
		t.Fatalf("clamp: %d IRQs, mask %#x", n.NumIRQ(), n.PriorityMask())
	}
	if v, _ := n.Read(OffICTR, 4); v != 0 {
		t.Fatalf("ICTR with no interrupts = %d", v)
	}
	n.SetPending(9999)
	n.Activate(-1)
	n.Deactivate(0)
	if n.Priority(500) != NoException {
		t.Fatal("priority of a missing exception")
	}
}

package nvic

import "m7emu/bus"

// Register offsets from the SCS base 0xE000_E000 (Arm DDI0403E Table B3-4 "Summary of
// the System Control Block", Table B3-8 "NVIC register summary", B3.2.2 ICTR/ACTLR,
// B3.4.3 STIR; Cortex-M7 TRM DDI0489F Table 3-1 for the cache and implementation
// registers).
const (
	OffICTR  = 0x004 // Interrupt Controller Type Register (B3.4.3)
	OffACTLR = 0x008 // Auxiliary Control Register (B3.2.2; DDI0489F §3.2.1)

	OffISER = 0x100 // Interrupt Set-Enable Registers, 16 words (B3.4.4)
	OffICER = 0x180 // Interrupt Clear-Enable (B3.4.5)
	OffISPR = 0x200 // Interrupt Set-Pending (B3.4.6)
	OffICPR = 0x280 // Interrupt Clear-Pending (B3.4.7)
	OffIABR = 0x300 // Interrupt Active Bit (B3.4.8)
	OffIPR  = 0x400 // Interrupt Priority, one byte per interrupt, 124 words (B3.4.9)

	OffCPUID  = 0xD00 // CPUID Base (B3.2.3)
	OffICSR   = 0xD04 // Interrupt Control and State (B3.2.4)
	OffVTOR   = 0xD08 // Vector Table Offset (B3.2.5)
	OffAIRCR  = 0xD0C // Application Interrupt and Reset Control (B3.2.6)
	OffSCR    = 0xD10 // System Control (B3.2.7)
	OffCCR    = 0xD14 // Configuration and Control (B3.2.8)
	OffSHPR1  = 0xD18 // System Handler Priority 1..3 (B3.2.10–B3.2.12)
	OffSHPR2  = 0xD1C
	OffSHPR3  = 0xD20
	OffSHCSR  = 0xD24 // System Handler Control and State (B3.2.13)
	OffCFSR   = 0xD28 // Configurable Fault Status (B3.2.15)
	OffHFSR   = 0xD2C // HardFault Status (B3.2.16)
	OffDFSR   = 0xD30 // Debug Fault Status (C1.6.1)
	OffMMFAR  = 0xD34 // MemManage Fault Address (B3.2.17)
	OffBFAR   = 0xD38 // BusFault Address (B3.2.18)
	OffAFSR   = 0xD3C // Auxiliary Fault Status (B3.2.19)
	OffIDPFR0 = 0xD40 // ID_PFR0 … ID_ISAR4 (B4.1.2, Table B4-1)
	OffCLIDR  = 0xD78 // Cache Level ID (B4.8.2)
	OffCTR    = 0xD7C // Cache Type (B4.8.3)
	OffCCSIDR = 0xD80 // Cache Size ID (B4.8.4)
	OffCSSELR = 0xD84 // Cache Size Selection (B4.8.5)
	OffCPACR  = 0xD88 // Coprocessor Access Control (B3.2.20)

	OffSTIR   = 0xF00 // Software Triggered Interrupt (B3.4.3)
	OffFPCCR  = 0xF34 // FP Context Control (B3.2.23)
	OffFPCAR  = 0xF38 // FP Context Address (B3.2.24)
	OffFPDSCR = 0xF3C // FP Default Status Control (B3.2.25)
	OffMVFR0  = 0xF40 // Media and VFP Feature 0..2 (B4.6)
	OffMVFR1  = 0xF44
	OffMVFR2  = 0xF48
	OffICIALL = 0xF50 // cache maintenance: ICIALLU … BPIALL, write-only (B2.2.7 Table B2-1)
	OffBPIALL = 0xF78
	OffITCMCR = 0xF90 // Cortex-M7: ITCMCR, DTCMCR, AHBPCR, CACR, AHBSCR, -, ABFSR (DDI0489F §3.3)
	OffABFSR  = 0xFA8
)

// Identification values of the STM32F769's Cortex-M7.
const (
	// CPUIDCortexM7r1p0 is CPUID for Cortex-M7 r1p0: implementer 0x41 (Arm), variant
	// 1, architecture 0xF, part 0xC27, revision 0 (B3.2.3; DDI0489F Table 3-1). The
	// STM32F76x/77x carry core revision r1p0 (ST errata sheet ES0334 §1); the ST SVD's
	// <cpu><revision> says r0p1, which is the STM32F74x/75x core.
	CPUIDCortexM7r1p0 = 0x411F_C270

	// Processor and ISA feature registers, DDI0489F Table 3-1 (the same values QEMU
	// uses for its cortex-m7): ID_PFR0..ID_ISAR4 at 0xD40..0xD70.
	idPFR0  = 0x0000_0030
	idPFR1  = 0x0000_0200
	idDFR0  = 0x0010_0000
	idAFR0  = 0x0000_0000
	idMMFR0 = 0x0010_0030
	idMMFR1 = 0x0000_0000
	idMMFR2 = 0x0100_0000
	idMMFR3 = 0x0000_0000
	idISAR0 = 0x0110_1110
	idISAR1 = 0x0211_2000
	idISAR2 = 0x2023_2231
	idISAR3 = 0x0111_1131
	idISAR4 = 0x0131_0132

	// CLIDR: L1 instruction and data caches (Ctype1 = 0b011), LoC = LoUU = 1
	// (DDI0489F §3.3.2, DUI0646C §4.5.1).
	clidrValue = 0x0900_0003
	// CTR: ARMv7 format, CWG = 8 words, ERG = 0, DminLine = IminLine = 8 words
	// (DUI0646C §4.5.2 Table 4.41).
	ctrValue = 0x8303_C003
	// CCSIDR for the STM32F76x/77x 16 KiB caches (RM0410 §1.1; DDI0489F §3.3.4 Table
	// 3.6/3.7: WT=WB=RA=WA=1, 32-byte lines (LineSize 1)): data cache 4-way × 128 sets,
	// instruction cache 2-way × 256 sets.
	ccsidrData  = 0xF00F_E019
	ccsidrInstr = 0xF01F_E009

	// MVFR0–2 for FPv5-D16 (double precision), as QEMU's cortex-m7 and the
	// stm32f769-embassy.md §13 row 7.
	mvfr0Value = 0x1011_0221
	mvfr1Value = 0x1200_0011
	mvfr2Value = 0x0000_0040
)

// ICSR fields (B3.2.4).
const (
	icsrVECTACTIVE   = 0x1FF
	icsrRETTOBASE    = 1 << 11
	icsrVECTPENDSH   = 12
	icsrISRPENDING   = 1 << 22
	icsrPENDSTCLR    = 1 << 25
	icsrPENDSTSET    = 1 << 26
	icsrPENDSVCLR    = 1 << 27
	icsrPENDSVSET    = 1 << 28
	icsrNMIPENDSET   = 1 << 31
	aircrVECTKEY     = 0x05FA // write key (B3.2.6)
	aircrVECTKEYSTAT = 0xFA05 // read value of the key field
	aircrVECTCLRACT  = 1 << 1
	aircrSYSRESETREQ = 1 << 2
)

// SCR fields (B3.2.7).
const (
	SCRSLEEPONEXIT = 1 << 1
	SCRSLEEPDEEP   = 1 << 2
	SCRSEVONPEND   = 1 << 4
	scrMask        = SCRSLEEPONEXIT | SCRSLEEPDEEP | SCRSEVONPEND
)

// CCR fields (B3.2.8; Cortex-M7 additions DUI0646C §4.3.7 Table 4.20).
const (
	CCRNONBASETHRDENA = 1 << 0
	CCRUSERSETMPEND   = 1 << 1
	CCRUNALIGNTRP     = 1 << 3
	CCRDIV0TRP        = 1 << 4
	CCRBFHFNMIGN      = 1 << 8
	CCRSTKALIGN       = 1 << 9  // RAO/WI on the Cortex-M7
	CCRDC             = 1 << 16 // data cache enable (no effect here)
	CCRIC             = 1 << 17 // instruction cache enable (no effect here)
	CCRBP             = 1 << 18 // branch prediction: RAO/WI on the Cortex-M7
	ccrRAO            = CCRSTKALIGN | CCRBP
	ccrWritable       = CCRNONBASETHRDENA | CCRUSERSETMPEND | CCRUNALIGNTRP | CCRDIV0TRP | CCRBFHFNMIGN | CCRDC | CCRIC
	ccrReset          = ccrRAO // 0x0004_0200
)

// SHCSR fields (B3.2.13).
const (
	shcsrMEMFAULTACT    = 1 << 0
	shcsrBUSFAULTACT    = 1 << 1
	shcsrUSGFAULTACT    = 1 << 3
	shcsrSVCALLACT      = 1 << 7
	shcsrMONITORACT     = 1 << 8
	shcsrPENDSVACT      = 1 << 10
	shcsrSYSTICKACT     = 1 << 11
	shcsrUSGFAULTPENDED = 1 << 12
	shcsrMEMFAULTPENDED = 1 << 13
	shcsrBUSFAULTPENDED = 1 << 14
	shcsrSVCALLPENDED   = 1 << 15
	shcsrMEMFAULTENA    = 1 << 16
	shcsrBUSFAULTENA    = 1 << 17
	shcsrUSGFAULTENA    = 1 << 18
)

// shcsrBits maps each SHCSR state bit to its exception and kind.
var shcsrBits = [...]struct {
	bit  uint32
	exc  int
	kind byte // 'a' active, 'p' pending, 'e' enable
}{
	{shcsrMEMFAULTACT, MemManage, 'a'}, {shcsrBUSFAULTACT, BusFault, 'a'}, {shcsrUSGFAULTACT, UsageFault, 'a'},
	{shcsrSVCALLACT, SVCall, 'a'}, {shcsrMONITORACT, DebugMonitor, 'a'}, {shcsrPENDSVACT, PendSV, 'a'},
	{shcsrSYSTICKACT, SysTick, 'a'}, {shcsrUSGFAULTPENDED, UsageFault, 'p'}, {shcsrMEMFAULTPENDED, MemManage, 'p'},
	{shcsrBUSFAULTPENDED, BusFault, 'p'}, {shcsrSVCALLPENDED, SVCall, 'p'}, {shcsrMEMFAULTENA, MemManage, 'e'},
	{shcsrBUSFAULTENA, BusFault, 'e'}, {shcsrUSGFAULTENA, UsageFault, 'e'},
}

// CFSR bits (B3.2.15): MMFSR [7:0], BFSR [15:8], UFSR [31:16].
const (
	CFSRIACCVIOL    = 1 << 0
	CFSRDACCVIOL    = 1 << 1
	CFSRMUNSTKERR   = 1 << 3
	CFSRMSTKERR     = 1 << 4
	CFSRMLSPERR     = 1 << 5
	CFSRMMARVALID   = 1 << 7
	CFSRIBUSERR     = 1 << 8
	CFSRPRECISERR   = 1 << 9
	CFSRIMPRECISERR = 1 << 10
	CFSRUNSTKERR    = 1 << 11
	CFSRSTKERR      = 1 << 12
	CFSRLSPERR      = 1 << 13
	CFSRBFARVALID   = 1 << 15
	CFSRUNDEFINSTR  = 1 << 16
	CFSRINVSTATE    = 1 << 17
	CFSRINVPC       = 1 << 18
	CFSRNOCP        = 1 << 19
	CFSRUNALIGNED   = 1 << 24
	CFSRDIVBYZERO   = 1 << 25
	cfsrMask        = 0x030F_BFBB
)

// HFSR bits (B3.2.16).
const (
	HFSRVECTTBL  = 1 << 1
	HFSRFORCED   = 1 << 30
	HFSRDEBUGEVT = 1 << 31
	hfsrMask     = HFSRVECTTBL | HFSRFORCED | HFSRDEBUGEVT
)

const (
	vtorMask   = 0xFFFF_FF80 // TBLOFF [31:7] (B3.2.5)
	cpacrMask  = 0x00F0_0000 // CP10 [21:20] and CP11 [23:22]; CP0–CP7 are not implemented (B3.2.20)
	csselrMask = 0x0000_000F // Level [3:1], InD [0] (B4.8.5)
	// FPCCR: ASPEN, LSPEN set at reset (B3.2.23); writable: ASPEN, LSPEN, MONRDY,
	// BFRDY, MMRDY, HFRDY, THREAD, USER, LSPACT.
	fpccrReset = 0xC000_0000
	fpccrMask  = 0xC000_017B
	fpcarMask  = 0xFFFF_FFF8 // ADDRESS [31:3] (B3.2.24)
	fpdscrMask = 0x07C0_0000 // AHP, DN, FZ, RMode (B3.2.25)
	actlrMask  = 0x0000_3FFF // Cortex-M7 ACTLR control bits (DDI0489F §3.2.1), latched without effect
)

// Owns reports whether the NVIC implements the SCS offset off (see the package comment).
func Owns(off uint32) bool {
	switch {
	case off < 0x010:
		return true
	case off >= 0x100 && off < 0xD00:
		return true
	case off >= 0xD00 && off < 0xD90:
		return true
	case off >= 0xF00 && off < 0x1000:
		return true
	}
	return false
}

// Read implements bus.Device for the NVIC's SCS offsets. Every register can be read
// with any width; a narrower read returns the addressed bytes.
func (n *NVIC) Read(off uint32, w bus.Width) (uint32, error) {
	v := n.read32(off &^ 3)
	return v >> (8 * (off & 3)) & widthMask(w), nil
}

// Write implements bus.Device. A byte or halfword write changes only the addressed
// bytes (the byte-accessible IPR, SHPR and CFSR registers rely on this; for the others
// the architecture leaves sub-word writes UNPREDICTABLE and this is the choice).
func (n *NVIC) Write(off uint32, w bus.Width, v uint32) error {
	sh := 8 * (off & 3)
	mask := widthMask(w) << sh
	n.write32(off&^3, v<<sh&mask, mask)
	n.touch()
	return nil
}

func widthMask(w bus.Width) uint32 {
	switch w {
	case 1:
		return 0xFF
	case 2:
		return 0xFFFF
	}
	return 0xFFFF_FFFF
}

// irqWords is the number of 32-bit words in the ISER…IABR arrays with implemented bits.
func (n *NVIC) irqWords() uint32 { return uint32(n.cfg.NumIRQ+31) / 32 }

func (n *NVIC) read32(off uint32) uint32 {
	switch {
	case off == OffICTR:
		if n.cfg.NumIRQ == 0 {
			return 0
		}
		return n.irqWords() - 1 // INTLINESNUM: 32*(N+1) lines (B3.4.3)
	case off == OffACTLR:
		return n.actlr
	case off >= OffISER && off < OffIPR:
		return n.readIRQBits(off)
	case off >= OffIPR && off < OffIPR+4*124:
		var v uint32
		for i := uint32(0); i < 4; i++ {
			if e := FirstIRQ + int(off-OffIPR+i); e < n.num {
				v |= uint32(n.prio[e]) << (8 * i)
			}
		}
		return v
	case off == OffCPUID:
		return n.cfg.CPUID
	case off == OffICSR:
		return n.readICSR()
	case off == OffVTOR:
		return n.vtor
	case off == OffAIRCR:
		return aircrVECTKEYSTAT<<16 | n.prigroup<<8
	case off == OffSCR:
		return n.scr
	case off == OffCCR:
		return n.ccr
	case off >= OffSHPR1 && off <= OffSHPR3:
		var v uint32
		for i := uint32(0); i < 4; i++ {
			e := 4 + int(off-OffSHPR1+i)
			if shprImplemented(e) {
				v |= uint32(n.prio[e]) << (8 * i)
			}
		}
		return v
	case off == OffSHCSR:
		return n.readSHCSR()
	case off == OffCFSR:
		return n.cfsr
	case off == OffHFSR:
		return n.hfsr
	case off == OffMMFAR:
		return n.mmfar
	case off == OffBFAR:
		return n.bfar
	case off >= OffIDPFR0 && off <= OffIDPFR0+0x30:
		return idRegs[(off-OffIDPFR0)/4]
	case off == OffCLIDR:
		return clidrValue
	case off == OffCTR:
		return ctrValue
	case off == OffCCSIDR:
		switch n.csselr {
		case 0:
			return ccsidrData
		case 1:
			return ccsidrInstr
		}
		return 0 // no cache at other levels
	case off == OffCSSELR:
		return n.csselr
	case off == OffCPACR:
		return n.cpacr
	case off == OffFPCCR:
		return n.fpccr
	case off == OffFPCAR:
		return n.fpcar
	case off == OffFPDSCR:
		return n.fpdscr
	case off == OffMVFR0:
		return mvfr0Value
	case off == OffMVFR1:
		return mvfr1Value
	case off == OffMVFR2:
		return mvfr2Value
	case off >= OffITCMCR && off <= OffABFSR:
		return n.m7impl[(off-OffITCMCR)/4]
	}
	return 0 // DFSR, AFSR, STIR and the cache maintenance operations read as zero; reserved offsets RAZ
}

var idRegs = [...]uint32{idPFR0, idPFR1, idDFR0, idAFR0, idMMFR0, idMMFR1, idMMFR2, idMMFR3,
	idISAR0, idISAR1, idISAR2, idISAR3, idISAR4}

// shprImplemented reports whether exception e has a priority byte in SHPR1–3:
// MemManage, BusFault, UsageFault, SVCall, DebugMonitor, PendSV, SysTick (the bytes of
// reserved exceptions 7–10 and 13 are RAZ/WI).
func shprImplemented(e int) bool {
	switch e {
	case MemManage, BusFault, UsageFault, SVCall, DebugMonitor, PendSV, SysTick:
		return true
	}
	return false
}

// readIRQBits reads one word of ISER/ICER (enable), ISPR/ICPR (pending) or IABR (active).
func (n *NVIC) readIRQBits(off uint32) uint32 {
	k := (off & 0x7F) / 4
	if k >= n.irqWords() {
		return 0
	}
	var state []bool
	switch (off - OffISER) / 0x80 {
	case 0, 1:
		state = n.enabled
	case 2, 3:
		state = n.pending
	case 4:
		state = n.active
	default:
		return 0
	}
	var v uint32
	for i := 0; i < 32; i++ {
		if e := FirstIRQ + int(k)*32 + i; e < n.num && state[e] {
			v |= 1 << i
		}
	}
	return v
}

func (n *NVIC) readICSR() uint32 {
	n.update()
	var v uint32
	cur := 0
	if n.cfg.CurrentException != nil {
		cur = n.cfg.CurrentException() & icsrVECTACTIVE
	}
	v |= uint32(cur)
	// RETTOBASE: no active exception other than the one IPSR shows (UNKNOWN in Thread
	// mode; we report the same rule).
	others := n.nActive
	if n.IsActive(cur) {
		others--
	}
	if others == 0 {
		v |= icsrRETTOBASE
	}
	v |= uint32(n.vectPend&0x1FF) << icsrVECTPENDSH
	for e := FirstIRQ; e < n.num; e++ {
		if n.pending[e] {
			v |= icsrISRPENDING
			break
		}
	}
	if n.pending[SysTick] {
		v |= icsrPENDSTSET
	}
	if n.pending[PendSV] {
		v |= icsrPENDSVSET
	}
	if n.pending[NMI] {
		v |= icsrNMIPENDSET
	}
	return v
}

func (n *NVIC) readSHCSR() uint32 {
	var v uint32
	for _, b := range shcsrBits {
		var on bool
		switch b.kind {
		case 'a':
			on = n.active[b.exc]
		case 'p':
			on = n.pending[b.exc]
		case 'e':
			on = n.enabled[b.exc]
		}
		if on {
			v |= b.bit
		}
	}
	return v
}

// write32 writes the bits of v selected by mask to the register at off.
func (n *NVIC) write32(off, v, mask uint32) {
	rw := func(old, writable uint32) uint32 { return old&^(mask&writable) | v&mask&writable }
	switch {
	case off == OffACTLR:
		n.actlr = rw(n.actlr, actlrMask)
	case off >= OffISER && off < OffIABR:
		n.writeIRQBits(off, v&mask)
	case off >= OffIPR && off < OffIPR+4*124:
		for i := uint32(0); i < 4; i++ {
			if mask>>(8*i)&0xFF == 0 {
				continue
			}
			if e := FirstIRQ + int(off-OffIPR+i); e < n.num {
				n.prio[e] = uint8(v>>(8*i)) & n.prioMask
			}
		}
		n.dirty = true
	case off == OffICSR:
		n.writeICSR(v & mask)
	case off == OffVTOR:
		n.vtor = rw(n.vtor, vtorMask)
	case off == OffAIRCR:
		n.writeAIRCR(rw(n.read32(OffAIRCR), 0xFFFF_FFFF))
	case off == OffSCR:
		n.scr = rw(n.scr, scrMask)
	case off == OffCCR:
		n.ccr = rw(n.ccr, ccrWritable) | ccrRAO
	case off >= OffSHPR1 && off <= OffSHPR3:
		for i := uint32(0); i < 4; i++ {
			e := 4 + int(off-OffSHPR1+i)
			if mask>>(8*i)&0xFF != 0 && shprImplemented(e) {
				n.prio[e] = uint8(v>>(8*i)) & n.prioMask
			}
		}
		n.dirty = true
	case off == OffSHCSR:
		n.writeSHCSR(rw(n.readSHCSR(), 0xFFFF_FFFF))
	case off == OffCFSR:
		n.cfsr &^= v & mask // write one to clear
	case off == OffHFSR:
		n.hfsr &^= v & mask
	case off == OffMMFAR:
		n.mmfar = rw(n.mmfar, 0xFFFF_FFFF)
	case off == OffBFAR:
		n.bfar = rw(n.bfar, 0xFFFF_FFFF)
	case off == OffCSSELR:
		n.csselr = rw(n.csselr, csselrMask)
	case off == OffCPACR:
		n.cpacr = rw(n.cpacr, cpacrMask)
	case off == OffSTIR:
		// INTID [8:0]: pend external interrupt INTID (B3.4.3). A full-word write is the
		// architected access; narrower writes use the bytes they carry.
		if id := int(v & mask & 0x1FF); id < n.cfg.NumIRQ {
			n.pend(FirstIRQ + id)
		}
	case off == OffFPCCR:
		n.fpccr = rw(n.fpccr, fpccrMask)
	case off == OffFPCAR:
		n.fpcar = rw(n.fpcar, fpcarMask)
	case off == OffFPDSCR:
		n.fpdscr = rw(n.fpdscr, fpdscrMask)
	case off >= OffITCMCR && off <= OffABFSR:
		i := (off - OffITCMCR) / 4
		n.m7impl[i] = rw(n.m7impl[i], 0xFFFF_FFFF)
	}
	// Everything else is read-only (CPUID, ICTR, IABR, the ID and cache ID
	// registers, MVFRn), write-only without effect (cache maintenance: the caches are
	// not modelled, so there is nothing to clean or invalidate), or reserved (WI).
}

// writeIRQBits handles ISER (set enable), ICER (clear enable), ISPR (set pending) and
// ICPR (clear pending): writing 1 acts, writing 0 has no effect (B3.4.4–B3.4.7).
func (n *NVIC) writeIRQBits(off, v uint32) {
	k := (off & 0x7F) / 4
	if k >= n.irqWords() || v == 0 {
		return
	}
	reg := (off - OffISER) / 0x80
	for i := 0; i < 32; i++ {
		e := FirstIRQ + int(k)*32 + i
		if v&(1<<i) == 0 || e >= n.num {
			continue
		}
		switch reg {
		case 0:
			n.enabled[e] = true
		case 1:
			n.enabled[e] = false
		case 2:
			n.pend(e)
		case 3:
			n.pending[e] = false
		}
	}
	n.dirty = true
}

// writeICSR: NMIPENDSET, PENDSVSET/CLR, PENDSTSET/CLR (B3.2.4). Writing a SET and the
// matching CLR bit together is UNPREDICTABLE; the SET wins here (as QEMU).
func (n *NVIC) writeICSR(v uint32) {
	if v&icsrNMIPENDSET != 0 {
		n.pend(NMI)
	}
	switch {
	case v&icsrPENDSVSET != 0:
		n.pend(PendSV)
	case v&icsrPENDSVCLR != 0:
		n.unpend(PendSV)
	}
	switch {
	case v&icsrPENDSTSET != 0:
		n.pend(SysTick)
	case v&icsrPENDSTCLR != 0:
		n.unpend(SysTick)
	}
}

// writeAIRCR: ignored unless VECTKEY is 0x05FA (B3.2.6). PRIGROUP [10:8]; VECTCLRACTIVE
// clears the active state of every exception (the architecture defines it only in
// Debug state; IPSR is not changed); SYSRESETREQ asks the system for a reset.
func (n *NVIC) writeAIRCR(v uint32) {
	if v>>16 != aircrVECTKEY {
		return
	}
	n.prigroup = v >> 8 & 7
	n.dirty = true
	if v&aircrVECTCLRACT != 0 {
		for i := range n.active {
			n.active[i] = false
		}
	}
	if v&aircrSYSRESETREQ != 0 && n.cfg.OnSysReset != nil {
		n.cfg.OnSysReset()
	}
}

// writeSHCSR: the enable bits, and the active and pending bits of the system handlers,
// which software may write (B3.2.13: "a write ... changes the state; use with care").
func (n *NVIC) writeSHCSR(v uint32) {
	for _, b := range shcsrBits {
		on := v&b.bit != 0
		switch b.kind {
		case 'a':
			n.active[b.exc] = on
		case 'p':
			if on {
				n.pend(b.exc)
			} else {
				n.pending[b.exc] = false
			}
		case 'e':
			n.enabled[b.exc] = on
		}
	}
	n.dirty = true
}

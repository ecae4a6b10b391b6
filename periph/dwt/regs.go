package dwt

// Bases and sizes in the private peripheral bus (Arm DDI0403E B3.1 Table B3-1 and
// C1.6–C1.8). Device offsets are relative to these bases.
const (
	ITMBase   = 0xE000_0000 // ITM, C1.7
	ITMSize   = 0x1000
	DWTBase   = 0xE000_1000 // DWT, C1.8
	DWTSize   = 0x1000
	DebugBase = 0xE000_EDF0 // CoreDebug registers in the SCS, C1.6
	DebugSize = 0x10
)

// CoreDebug register offsets relative to DebugBase (C1.6, debug system register summary).
const (
	regDHCSR = 0x0 // Debug Halting Control and Status Register, C1.6.2
	regDCRSR = 0x4 // Debug Core Register Selector Register, C1.6.3 (write-only)
	regDCRDR = 0x8 // Debug Core Register Data Register, C1.6.4
	regDEMCR = 0xC // Debug Exception and Monitor Control Register, C1.6.5
)

// DHCSR fields (C1.6.2).
const (
	dhcsrC_DEBUGEN   = 1 << 0
	dhcsrC_HALT      = 1 << 1
	dhcsrC_STEP      = 1 << 2
	dhcsrC_MASKINTS  = 1 << 3
	dhcsrC_SNAPSTALL = 1 << 5
	dhcsrS_REGRDY    = 1 << 16
	dhcsrS_HALT      = 1 << 17
	dhcsrS_SLEEP     = 1 << 18
	dhcsrS_LOCKUP    = 1 << 19
	dhcsrS_RETIRE_ST = 1 << 24
	dhcsrS_RESET_ST  = 1 << 25
	dhcsrDBGKEY      = 0xA05F << 16 // must accompany every write
	dhcsrCWritable   = dhcsrC_HALT | dhcsrC_STEP | dhcsrC_MASKINTS | dhcsrC_SNAPSTALL
)

// DEMCR fields (C1.6.5).
const (
	demcrVC_CORERESET = 1 << 0
	demcrVC_MMERR     = 1 << 4
	demcrVC_NOCPERR   = 1 << 5
	demcrVC_CHKERR    = 1 << 6
	demcrVC_STATERR   = 1 << 7
	demcrVC_BUSERR    = 1 << 8
	demcrVC_INTERR    = 1 << 9
	demcrVC_HARDERR   = 1 << 10
	demcrMON_EN       = 1 << 16
	demcrMON_PEND     = 1 << 17
	demcrMON_STEP     = 1 << 18
	demcrMON_REQ      = 1 << 19
	demcrTRCENA       = 1 << 24 // global enable for the DWT and ITM
	demcrWritable     = demcrVC_CORERESET | demcrVC_MMERR | demcrVC_NOCPERR | demcrVC_CHKERR |
		demcrVC_STATERR | demcrVC_BUSERR | demcrVC_INTERR | demcrVC_HARDERR |
		demcrMON_EN | demcrMON_PEND | demcrMON_STEP | demcrMON_REQ | demcrTRCENA
)

// DWT register offsets relative to DWTBase (C1.8 register summary; DDI0489F Table 11.1).
const (
	regCTRL     = 0x000 // DWT_CTRL: Control Register
	regCYCCNT   = 0x004 // DWT_CYCCNT: Cycle Count Register
	regCPICNT   = 0x008 // DWT_CPICNT: CPI Count Register
	regEXCCNT   = 0x00C // DWT_EXCCNT: Exception Overhead Count Register
	regSLEEPCNT = 0x010 // DWT_SLEEPCNT: Sleep Count Register
	regLSUCNT   = 0x014 // DWT_LSUCNT: LSU Count Register
	regFOLDCNT  = 0x018 // DWT_FOLDCNT: Folded-instruction Count Register
	regPCSR     = 0x01C // DWT_PCSR: Program Counter Sample Register
	regCOMP0    = 0x020 // DWT_COMPn at 0x020 + 16n
	regMASK0    = 0x024 // DWT_MASKn at 0x024 + 16n
	regFUNCTION = 0x028 // DWT_FUNCTIONn at 0x028 + 16n
	numComp     = 4
)

// DWT_CTRL fields (C1.8 DWT_CTRL).
const (
	ctrlCYCCNTENA   = 1 << 0
	ctrlPOSTPRESET  = 0xF << 1
	ctrlPOSTINIT    = 0xF << 5
	ctrlCYCTAP      = 1 << 9
	ctrlSYNCTAP     = 3 << 10
	ctrlPCSAMPLENA  = 1 << 12
	ctrlEXCTRCENA   = 1 << 16
	ctrlCPIEVTENA   = 1 << 17
	ctrlEXCEVTENA   = 1 << 18
	ctrlSLEEPEVTENA = 1 << 19
	ctrlLSUEVTENA   = 1 << 20
	ctrlFOLDEVTENA  = 1 << 21
	ctrlCYCEVTENA   = 1 << 22
	ctrlWritable    = ctrlCYCCNTENA | ctrlPOSTPRESET | ctrlPOSTINIT | ctrlCYCTAP | ctrlSYNCTAP |
		ctrlPCSAMPLENA | ctrlEXCTRCENA | ctrlCPIEVTENA | ctrlEXCEVTENA | ctrlSLEEPEVTENA |
		ctrlLSUEVTENA | ctrlFOLDEVTENA | ctrlCYCEVTENA
	// Reset: NUMCOMP = 4 and every NOxxx bit clear (full DWT with trace, DDI0489F Table 11.1).
	ctrlReset = 4 << 28
)

// DWT_MASKn and DWT_FUNCTIONn fields (C1.8 DWT_MASKn, DWT_FUNCTIONn).
const (
	maskMASK         = 0x1F
	functionWritable = 0xF | 1<<5 | 1<<7 | 1<<8 | 3<<10 | 0xF<<12 | 0xF<<16
	functionLNK1ENA  = 1 << 9  // RO: reads as one on comparator 1 with full debug
	functionMATCHED  = 1 << 24 // RO: never set here (comparators are inert)
)

// ITM register offsets relative to ITMBase (C1.7 register summary).
const (
	regSTIM0 = 0x000 // ITM_STIMn at 4n, n = 0..31
	regTER   = 0xE00 // ITM_TER: Trace Enable Register
	regTPR   = 0xE40 // ITM_TPR: Trace Privilege Register
	regTCR   = 0xE80 // ITM_TCR: Trace Control Register
	numStim  = 32
)

// ITM fields (C1.7: ITM_STIMn, ITM_TPR, ITM_TCR).
const (
	stimFIFOREADY = 1 << 0 // read: the port can accept a write
	tprPRIVMASK   = 0xF    // one bit per 8 ports: 1 = privileged access only
	tcrITMENA     = 1 << 0
	tcrWritable   = 0x1F | 3<<8 | 3<<10 | 0x7F<<16 // ITMENA TSENA SYNCENA TXENA SWOENA TSPrescale GTSFREQ TraceBusID
	tcrBUSY       = 1 << 23                        // RO, always 0 here
)

// CoreSight management registers shared by the ITM and the DWT (CoreSight lock:
// LAR/LSR; identification registers: the CoreSight component/peripheral ID scheme).
const (
	regLAR  = 0xFB0 // Lock Access Register (write-only)
	regLSR  = 0xFB4 // Lock Status Register
	regPID4 = 0xFD0 // PID4..PID7 at 0xFD0..0xFDC, PID0..PID3 at 0xFE0..0xFEC
	regPID0 = 0xFE0
	regCID0 = 0xFF0 // CID0..CID3 at 0xFF0..0xFFC

	larKey = 0xC5AC_CE55
	lsrSLI = 1 << 0 // software lock implemented
	lsrSLK = 1 << 1 // locked
)

// Identification values (package comment). Index: PID0..PID3, PID4..PID7, CID0..CID3.
var (
	idITM = [12]uint32{0x01, 0xB0, 0x0B, 0x00, 0x04, 0, 0, 0, 0x0D, 0xE0, 0x05, 0xB1}
	idDWT = [12]uint32{0x02, 0xB0, 0x0B, 0x00, 0x04, 0, 0, 0, 0x0D, 0xE0, 0x05, 0xB1}
)

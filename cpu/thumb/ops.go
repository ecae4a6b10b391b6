package thumb

// Op identifies an instruction after normalisation: all encodings (T1…T4) of one
// instruction share an Op. Names follow the mnemonics of Arm DDI0403E chapter A7;
// the DSP families whose operand halves are chosen by bits (SMUL<x><y>, SMLA<x><y> …)
// carry the halves in Inst.Flags (FlagNHigh, FlagMHigh) and the rounding/exchange
// variants (SMMULR, SMUADX …) in FlagRound/FlagX.
type Op uint16

// Ops.
const (
	OpUNDEFINED Op = iota
	OpADC
	OpADD
	OpADR
	OpAND
	OpASR
	OpBIC
	OpCMN
	OpCMP
	OpEOR
	OpLSL
	OpLSR
	OpMOV
	OpMOVT
	OpMVN
	OpORN
	OpORR
	OpROR
	OpRRX
	OpRSB
	OpSBC
	OpSUB
	OpTEQ
	OpTST
	OpMUL
	OpMLA
	OpMLS
	OpUMULL
	OpSMULL
	OpUMLAL
	OpSMLAL
	OpUMAAL
	OpSDIV
	OpUDIV
	OpSMULxy
	OpSMLAxy
	OpSMULWy
	OpSMLAWy
	OpSMLALxy
	OpSMMUL
	OpSMMLA
	OpSMMLS
	OpSMUAD
	OpSMUSD
	OpSMLAD
	OpSMLSD
	OpSMLALD
	OpSMLSLD
	OpSSAT
	OpUSAT
	OpSSAT16
	OpUSAT16
	OpQADD
	OpQSUB
	OpQDADD
	OpQDSUB
	OpSADD16
	OpSASX
	OpSSAX
	OpSSUB16
	OpSADD8
	OpSSUB8
	OpQADD16
	OpQASX
	OpQSAX
	OpQSUB16
	OpQADD8
	OpQSUB8
	OpSHADD16
	OpSHASX
	OpSHSAX
	OpSHSUB16
	OpSHADD8
	OpSHSUB8
	OpUADD16
	OpUASX
	OpUSAX
	OpUSUB16
	OpUADD8
	OpUSUB8
	OpUQADD16
	OpUQASX
	OpUQSAX
	OpUQSUB16
	OpUQADD8
	OpUQSUB8
	OpUHADD16
	OpUHASX
	OpUHSAX
	OpUHSUB16
	OpUHADD8
	OpUHSUB8
	OpSEL
	OpUSAD8
	OpUSADA8
	OpPKHBT
	OpPKHTB
	OpSXTB
	OpSXTH
	OpUXTB
	OpUXTH
	OpSXTB16
	OpUXTB16
	OpSXTAB
	OpSXTAH
	OpUXTAB
	OpUXTAH
	OpSXTAB16
	OpUXTAB16
	OpBFC
	OpBFI
	OpSBFX
	OpUBFX
	OpCLZ
	OpRBIT
	OpREV
	OpREV16
	OpREVSH
	OpLDR
	OpLDRB
	OpLDRH
	OpLDRSB
	OpLDRSH
	OpSTR
	OpSTRB
	OpSTRH
	OpLDRT
	OpLDRBT
	OpLDRHT
	OpLDRSBT
	OpLDRSHT
	OpSTRT
	OpSTRBT
	OpSTRHT
	OpLDRD
	OpSTRD
	OpLDM
	OpLDMDB
	OpSTM
	OpSTMDB
	OpPUSH
	OpPOP
	OpLDREX
	OpLDREXB
	OpLDREXH
	OpSTREX
	OpSTREXB
	OpSTREXH
	OpCLREX
	OpPLD
	OpPLI
	OpTBB
	OpTBH
	OpB
	OpBL
	OpBX
	OpBLX
	OpCBZ
	OpCBNZ
	OpIT
	OpMRS
	OpMSR
	OpCPS
	OpDMB
	OpDSB
	OpISB
	OpNOP
	OpYIELD
	OpWFE
	OpWFI
	OpSEV
	OpDBG
	OpBKPT
	OpSVC
	OpUDF

	// Floating-point (FPv5-D16, Arm DDI0403E A6/A7); operand conventions in fp.go.
	OpVADD
	OpVSUB
	OpVMUL
	OpVNMUL
	OpVDIV
	OpVSQRT
	OpVABS
	OpVNEG
	OpVMLA
	OpVMLS
	OpVNMLA
	OpVNMLS
	OpVFMA
	OpVFMS
	OpVFNMA
	OpVFNMS
	OpVCMP
	OpVCMPE
	OpVCVT
	OpVCVTR
	OpVCVTA
	OpVCVTN
	OpVCVTP
	OpVCVTM
	OpVCVTB
	OpVCVTT
	OpVRINTA
	OpVRINTN
	OpVRINTP
	OpVRINTM
	OpVRINTX
	OpVRINTZ
	OpVRINTR
	OpVSEL
	OpVMAXNM
	OpVMINNM
	OpVMOV
	OpVLDR
	OpVSTR
	OpVLDM
	OpVLDMDB
	OpVSTM
	OpVSTMDB
	OpVPUSH
	OpVPOP
	OpVMRS
	OpVMSR

	// NumOps is the number of Op values.
	NumOps
)

var opNames = [NumOps]string{
	OpUNDEFINED: "undefined",
	OpADC:       "adc",
	OpADD:       "add",
	OpADR:       "adr",
	OpAND:       "and",
	OpASR:       "asr",
	OpBIC:       "bic",
	OpCMN:       "cmn",
	OpCMP:       "cmp",
	OpEOR:       "eor",
	OpLSL:       "lsl",
	OpLSR:       "lsr",
	OpMOV:       "mov",
	OpMOVT:      "movt",
	OpMVN:       "mvn",
	OpORN:       "orn",
	OpORR:       "orr",
	OpROR:       "ror",
	OpRRX:       "rrx",
	OpRSB:       "rsb",
	OpSBC:       "sbc",
	OpSUB:       "sub",
	OpTEQ:       "teq",
	OpTST:       "tst",
	OpMUL:       "mul",
	OpMLA:       "mla",
	OpMLS:       "mls",
	OpUMULL:     "umull",
	OpSMULL:     "smull",
	OpUMLAL:     "umlal",
	OpSMLAL:     "smlal",
	OpUMAAL:     "umaal",
	OpSDIV:      "sdiv",
	OpUDIV:      "udiv",
	OpSMULxy:    "smulxy",
	OpSMLAxy:    "smlaxy",
	OpSMULWy:    "smulwy",
	OpSMLAWy:    "smlawy",
	OpSMLALxy:   "smlalxy",
	OpSMMUL:     "smmul",
	OpSMMLA:     "smmla",
	OpSMMLS:     "smmls",
	OpSMUAD:     "smuad",
	OpSMUSD:     "smusd",
	OpSMLAD:     "smlad",
	OpSMLSD:     "smlsd",
	OpSMLALD:    "smlald",
	OpSMLSLD:    "smlsld",
	OpSSAT:      "ssat",
	OpUSAT:      "usat",
	OpSSAT16:    "ssat16",
	OpUSAT16:    "usat16",
	OpQADD:      "qadd",
	OpQSUB:      "qsub",
	OpQDADD:     "qdadd",
	OpQDSUB:     "qdsub",
	OpSADD16:    "sadd16",
	OpSASX:      "sasx",
	OpSSAX:      "ssax",
	OpSSUB16:    "ssub16",
	OpSADD8:     "sadd8",
	OpSSUB8:     "ssub8",
	OpQADD16:    "qadd16",
	OpQASX:      "qasx",
	OpQSAX:      "qsax",
	OpQSUB16:    "qsub16",
	OpQADD8:     "qadd8",
	OpQSUB8:     "qsub8",
	OpSHADD16:   "shadd16",
	OpSHASX:     "shasx",
	OpSHSAX:     "shsax",
	OpSHSUB16:   "shsub16",
	OpSHADD8:    "shadd8",
	OpSHSUB8:    "shsub8",
	OpUADD16:    "uadd16",
	OpUASX:      "uasx",
	OpUSAX:      "usax",
	OpUSUB16:    "usub16",
	OpUADD8:     "uadd8",
	OpUSUB8:     "usub8",
	OpUQADD16:   "uqadd16",
	OpUQASX:     "uqasx",
	OpUQSAX:     "uqsax",
	OpUQSUB16:   "uqsub16",
	OpUQADD8:    "uqadd8",
	OpUQSUB8:    "uqsub8",
	OpUHADD16:   "uhadd16",
	OpUHASX:     "uhasx",
	OpUHSAX:     "uhsax",
	OpUHSUB16:   "uhsub16",
	OpUHADD8:    "uhadd8",
	OpUHSUB8:    "uhsub8",
	OpSEL:       "sel",
	OpUSAD8:     "usad8",
	OpUSADA8:    "usada8",
	OpPKHBT:     "pkhbt",
	OpPKHTB:     "pkhtb",
	OpSXTB:      "sxtb",
	OpSXTH:      "sxth",
	OpUXTB:      "uxtb",
	OpUXTH:      "uxth",
	OpSXTB16:    "sxtb16",
	OpUXTB16:    "uxtb16",
	OpSXTAB:     "sxtab",
	OpSXTAH:     "sxtah",
	OpUXTAB:     "uxtab",
	OpUXTAH:     "uxtah",
	OpSXTAB16:   "sxtab16",
	OpUXTAB16:   "uxtab16",
	OpBFC:       "bfc",
	OpBFI:       "bfi",
	OpSBFX:      "sbfx",
	OpUBFX:      "ubfx",
	OpCLZ:       "clz",
	OpRBIT:      "rbit",
	OpREV:       "rev",
	OpREV16:     "rev16",
	OpREVSH:     "revsh",
	OpLDR:       "ldr",
	OpLDRB:      "ldrb",
	OpLDRH:      "ldrh",
	OpLDRSB:     "ldrsb",
	OpLDRSH:     "ldrsh",
	OpSTR:       "str",
	OpSTRB:      "strb",
	OpSTRH:      "strh",
	OpLDRT:      "ldrt",
	OpLDRBT:     "ldrbt",
	OpLDRHT:     "ldrht",
	OpLDRSBT:    "ldrsbt",
	OpLDRSHT:    "ldrsht",
	OpSTRT:      "strt",
	OpSTRBT:     "strbt",
	OpSTRHT:     "strht",
	OpLDRD:      "ldrd",
	OpSTRD:      "strd",
	OpLDM:       "ldm",
	OpLDMDB:     "ldmdb",
	OpSTM:       "stm",
	OpSTMDB:     "stmdb",
	OpPUSH:      "push",
	OpPOP:       "pop",
	OpLDREX:     "ldrex",
	OpLDREXB:    "ldrexb",
	OpLDREXH:    "ldrexh",
	OpSTREX:     "strex",
	OpSTREXB:    "strexb",
	OpSTREXH:    "strexh",
	OpCLREX:     "clrex",
	OpPLD:       "pld",
	OpPLI:       "pli",
	OpTBB:       "tbb",
	OpTBH:       "tbh",
	OpB:         "b",
	OpBL:        "bl",
	OpBX:        "bx",
	OpBLX:       "blx",
	OpCBZ:       "cbz",
	OpCBNZ:      "cbnz",
	OpIT:        "it",
	OpMRS:       "mrs",
	OpMSR:       "msr",
	OpCPS:       "cps",
	OpDMB:       "dmb",
	OpDSB:       "dsb",
	OpISB:       "isb",
	OpNOP:       "nop",
	OpYIELD:     "yield",
	OpWFE:       "wfe",
	OpWFI:       "wfi",
	OpSEV:       "sev",
	OpDBG:       "dbg",
	OpBKPT:      "bkpt",
	OpSVC:       "svc",
	OpUDF:       "udf",
	OpVADD:      "vadd",
	OpVSUB:      "vsub",
	OpVMUL:      "vmul",
	OpVNMUL:     "vnmul",
	OpVDIV:      "vdiv",
	OpVSQRT:     "vsqrt",
	OpVABS:      "vabs",
	OpVNEG:      "vneg",
	OpVMLA:      "vmla",
	OpVMLS:      "vmls",
	OpVNMLA:     "vnmla",
	OpVNMLS:     "vnmls",
	OpVFMA:      "vfma",
	OpVFMS:      "vfms",
	OpVFNMA:     "vfnma",
	OpVFNMS:     "vfnms",
	OpVCMP:      "vcmp",
	OpVCMPE:     "vcmpe",
	OpVCVT:      "vcvt",
	OpVCVTR:     "vcvtr",
	OpVCVTA:     "vcvta",
	OpVCVTN:     "vcvtn",
	OpVCVTP:     "vcvtp",
	OpVCVTM:     "vcvtm",
	OpVCVTB:     "vcvtb",
	OpVCVTT:     "vcvtt",
	OpVRINTA:    "vrinta",
	OpVRINTN:    "vrintn",
	OpVRINTP:    "vrintp",
	OpVRINTM:    "vrintm",
	OpVRINTX:    "vrintx",
	OpVRINTZ:    "vrintz",
	OpVRINTR:    "vrintr",
	OpVSEL:      "vsel",
	OpVMAXNM:    "vmaxnm",
	OpVMINNM:    "vminnm",
	OpVMOV:      "vmov",
	OpVLDR:      "vldr",
	OpVSTR:      "vstr",
	OpVLDM:      "vldm",
	OpVLDMDB:    "vldmdb",
	OpVSTM:      "vstm",
	OpVSTMDB:    "vstmdb",
	OpVPUSH:     "vpush",
	OpVPOP:      "vpop",
	OpVMRS:      "vmrs",
	OpVMSR:      "vmsr",
}

// String returns the base mnemonic of the op in lower case (without condition,
// flag-setting or width suffixes).
func (o Op) String() string {
	if o < NumOps {
		return opNames[o]
	}
	return "op?"
}

package thumb

import (
	"fmt"
	"strconv"
)

// The "fp" group: the FPv5-D16 floating-point instructions of ARMv7E-M (Arm DDI0403E.e
// A6 "Floating-point instruction set encoding", A7.7 instruction details) and the
// FPv5/ARMv8 additions a Cortex-M7 implements (VSEL, VMAXNM/VMINNM, VCVTA/N/P/M,
// VRINTA/N/P/M/X/Z/R, VCVTB/VCVTT with double precision).
//
// OPERAND CONVENTIONS (stable contract with cpu/exec_fp.go; any change is noted here).
//
// Registers. FP registers are numbered in the precision of the operand: S0–S31 as
// 0–31, D0–D15 as 0–15 (D[n] = S[2n+1]:S[2n]). The field names follow the manual's
// Vd/Vn/Vm: Rd = Vd, Rn = Vn, Rm = Vm. FlagF64 is the encoding's sz bit (hw2[8]): set
// when the operation's floating-point operands are double precision, and for the VMOV
// forms whose FP operand is a D register. For VCVT, VCVTB/VCVTT the precision of each
// operand comes from Aux (the Cvt* constants below), not from FlagF64.
// An encoding that names D16–D31 (the D/N/M bit set for a double-precision register) is
// UNDEFINED on FPv5-D16: it is decoded (so it disassembles as objdump prints it, e.g.
// "d17") with FlagExecUndefined and register numbers 16–31; it never executes.
//
// Per Op:
//   - VADD VSUB VMUL VNMUL VDIV VMAXNM VMINNM: Rd = Rn op Rm.
//   - VMLA VMLS VNMLA VNMLS VFMA VFMS VFNMA VFNMS: Rd is the accumulator and destination,
//     Rn and Rm the multiplicands (A7.7 pseudocode).
//   - VSQRT VABS VNEG VRINTA/N/P/M/X/Z/R: Rd = f(Rm). VRINTR rounds with FPSCR.RMode,
//     VRINTZ toward zero, VRINTX with FPSCR.RMode and signals inexact; A/N/P/M are
//     ties-away, ties-even, +inf, -inf.
//   - VCMP VCMPE: compare Rd with Rm; with FlagImm, compare Rd with +0.0 (Rm = 0 unused).
//   - VSEL: Rd = Cond passed ? Rn : Rm, Cond is CondEQ, CondVS, CondGE or CondGT.
//   - VCVT VCVTR VCVTA VCVTN VCVTP VCVTM: Aux = one of the Cvt* constants; Rd is the
//     destination and Rm the source, each in the precision the constant names.
//     VCVT float→integer rounds toward zero, VCVTR with FPSCR.RMode, VCVTA/N/P/M with
//     their fixed mode (VCVTR/A/N/P/M only have the float→integer forms).
//     Fixed-point forms (Cvt*Fx*): Rd = Rm = Vd (the same register, in the float's
//     precision), Imm = frac_bits = size - imm4:i (0…size, size = 16 or 32 as named;
//     a negative count, possible with size 16, is UNPREDICTABLE and has
//     FlagExecUndefined). For F64 forms the fixed-point value is in the low bits of
//     D[d]: to-fixed writes it sign/zero-extended to 64 bits, from-fixed reads
//     D[d]<size-1:0>; for F32 forms likewise in S[d] (extended to 32 bits).
//   - VCVTB VCVTT: Aux = CvtF16ToF32 (Rd = Sd, Rm = Sm, reads the bottom/top half of Sm),
//     CvtF32ToF16 (Rd = Sd, Rm = Sm, writes the bottom/top half of Sd, the other half kept),
//     CvtF16ToF64 (Rd = Dd, Rm = Sm), CvtF64ToF16 (Rd = Sd, Rm = Dm). VCVTB = bottom half
//     (bits 15:0), VCVTT = top half (bits 31:16).
//   - VMOV: Aux = one of the VMov* constants:
//     VMovImm: Rd (S or D by FlagF64), Imm = VFPExpandImm result: the 32-bit value for
//     F32; for F64 the high word (the low word of the 64-bit value is always 0).
//     VMovReg: Rd = Rm (S or D by FlagF64).
//     VMovCoreToS / VMovSToCore: Sn in Rn, core Rt in Rd (VMOV Sn, Rt / VMOV Rt, Sn).
//     VMovCoreToS2 / VMovS2ToCore: Sm in Rm (and Sm+1), core Rt in Rd and Rt2 in Ra
//     (VMOV Sm, Sm1, Rt, Rt2 / VMOV Rt, Rt2, Sm, Sm1).
//     VMovCoreToD / VMovDToCore: Dm in Rm, Rt in Rd (low word), Rt2 in Ra (high word)
//     (VMOV Dm, Rt, Rt2 / VMOV Rt, Rt2, Dm).
//     VMovCoreToScalar / VMovScalarToCore: Dn in Rn, Imm = x (0 = low word, 1 = high
//     word), Rt in Rd (VMOV.32 Dn[x], Rt / VMOV.32 Rt, Dn[x]).
//   - VLDR VSTR: Rd = Vd (S or D by FlagF64), Rn = base (15 = literal: base Align(PC,4)),
//     Imm = byte offset magnitude (imm8*4), FlagAdd = U, FlagIndex always. Address =
//     base ± Imm, no writeback.
//   - VLDM VSTM (increment after), VLDMDB VSTMDB (decrement before), VPUSH (= VSTMDB
//     SP!), VPOP (= VLDM SP!): Rd = first register (S or D by FlagF64), Rn = base (13 for
//     VPUSH/VPOP), Aux = number of registers (S or D count), Imm = byte count (imm8*4;
//     for the FLDMX/FSTMX forms, D with odd imm8, Imm = imm8*4 while Aux = imm8/2),
//     FlagAdd for the increment-after forms (VLDM, VSTM, VPOP), FlagWBack = W (always set
//     for VLDMDB/VSTMDB/VPUSH/VPOP). VLDM/VSTM start at Rn and, with writeback, set
//     Rn = Rn + Imm; the DB forms start at Rn - Imm and write that back.
//   - VMRS VMSR: Rd = core Rt (VMRS with Rd = 15 and FPSCR is "APSR_nzcv": FPSCR[31:28]
//     to APSR.NZCV), Aux = the encoding's reg field (FPReg*). Only FPSCR exists on
//     ARMv7-M (the diagram fixes reg = 0001; MVFR0/1/2 are memory-mapped in the SCB):
//     the others decode with FlagExecUndefined so that they disassemble like objdump.
//
// Conditions: FP instructions are conditional only through IT blocks (the cond field of
// the A6 encodings is 1110). VSEL, VMAXNM/VMINNM, VCVTA/N/P/M and VRINTA/N/P/M are
// unconditional encodings; inside an IT block they are UNPREDICTABLE (objdump prints the
// IT condition and "@ <UNPREDICTABLE>"). The decoder cannot see the IT state; QEMU
// executes them under the IT condition like any other instruction.
//
// UNPREDICTABLE and UNDEFINED choices. As in the other groups, every encoding objdump
// prints as an ARMv7-M FP instruction decodes as that instruction; FlagUnpredictable
// marks the UNPREDICTABLE ones, and FlagExecUndefined those this core executes as
// UNDEFINED (following QEMU 7.2 unless noted):
//   - D16–D31 operands (above); VMRS/VMSR of a register other than FPSCR;
//   - VLDM/VSTM lists that are empty, run past S31/D15 or hold more than 16 D registers;
//     Rn = PC with writeback (without writeback: Align(PC,4) is the base, flagged only,
//     except VLDM PC, which objdump prints as ARMv8.1-M VSCCLRM: UNDEFINED); FLDMX/FSTMX
//     (odd imm8 with D registers) are flagged and execute as QEMU does (above);
//   - VMOV.32 scalar forms with hw2[3:0] != 0 or (to core) hw1[7] = 1, which objdump
//     ignores; VMOV Sm, Sm1 with Sm = S31 (deviation: QEMU touches a register that does
//     not exist);
//   - core register operands: SP is flagged and executes normally; PC as a source is
//     flagged and reads as the instruction address + 4; PC as a destination (other than
//     VMRS APSR_nzcv) is flagged and executes as UNDEFINED (QEMU UNDEFs VMSR from PC; its
//     other choices, e.g. VMOV PC, Sn setting the flags, are a deviation); VMOV to two
//     core registers with Rt = Rt2 is flagged, Rt2 (the high word) wins as in QEMU;
//   - VCMP with zero and hw2[3:0] != 0 (objdump ignores them) is flagged and compares
//     with zero, as QEMU does; VCVT fixed point with a negative fraction count; VSTR
//     with Rn = PC is flagged (Align(PC,4) base, as QEMU).

// Cvt* are the VCVT/VCVTR/VCVTA/N/P/M/VCVTB/VCVTT sub-forms in Inst.Aux: "<To> from
// <From>" spelled Cvt<From>To<To>. S32/U32 are 32-bit integers in an S register; Fx<S|U><16|32>
// is a fixed-point value of that signedness and size with Imm fraction bits.
const (
	CvtNone uint32 = iota
	CvtF32ToF64
	CvtF64ToF32
	CvtF32ToS32
	CvtF32ToU32
	CvtF64ToS32
	CvtF64ToU32
	CvtS32ToF32
	CvtU32ToF32
	CvtS32ToF64
	CvtU32ToF64
	CvtF32ToFxS16
	CvtF32ToFxU16
	CvtF32ToFxS32
	CvtF32ToFxU32
	CvtF64ToFxS16
	CvtF64ToFxU16
	CvtF64ToFxS32
	CvtF64ToFxU32
	CvtFxS16ToF32
	CvtFxU16ToF32
	CvtFxS32ToF32
	CvtFxU32ToF32
	CvtFxS16ToF64
	CvtFxU16ToF64
	CvtFxS32ToF64
	CvtFxU32ToF64
	CvtF16ToF32
	CvtF32ToF16
	CvtF16ToF64
	CvtF64ToF16
)

// VMov* are the VMOV sub-forms in Inst.Aux.
const (
	VMovNone uint32 = iota
	VMovImm
	VMovReg
	VMovCoreToS
	VMovSToCore
	VMovCoreToS2
	VMovS2ToCore
	VMovCoreToD
	VMovDToCore
	VMovCoreToScalar
	VMovScalarToCore
)

// FPReg* are the values of the VMRS/VMSR reg field (Inst.Aux).
const (
	FPRegFPSID uint32 = 0
	FPRegFPSCR uint32 = 1
	FPRegMVFR2 uint32 = 5
	FPRegMVFR1 uint32 = 6
	FPRegMVFR0 uint32 = 7
	FPRegFPEXC uint32 = 8
)

// fpRules32 are the floating-point rows. Patterns are the encoding diagrams of DDI0403E
// A6 (data processing, extension register load/store, 8/16/32-bit and 64-bit transfers
// between core and extension registers; the instruction diagrams of A7.7) and the FPv5
// unconditional rows (hw1 = 1111 1110, as in the ARMv8 AArch32 encoding). The "should be" bits that objdump and QEMU both check are fixed in
// the patterns; where objdump ignores one that the manual or QEMU checks, the row keeps
// it free and the decoder flags the encoding (FlagUnpredictable/FlagExecUndefined).
var fpRules32 = []rule{
	// Three-register data processing: 1110 1110 opc1(D) Vn | Vd 101 sz N op M 0 Vm.
	{name: "VMLA_T1", pat: "1110 1110 0.00 ....  .... 101. .0.0 ....", dec: fpDec3(OpVMLA)},
	{name: "VMLS_T1", pat: "1110 1110 0.00 ....  .... 101. .1.0 ....", dec: fpDec3(OpVMLS)},
	{name: "VNMLS_T1", pat: "1110 1110 0.01 ....  .... 101. .0.0 ....", dec: fpDec3(OpVNMLS)},
	{name: "VNMLA_T1", pat: "1110 1110 0.01 ....  .... 101. .1.0 ....", dec: fpDec3(OpVNMLA)},
	{name: "VMUL_T1", pat: "1110 1110 0.10 ....  .... 101. .0.0 ....", dec: fpDec3(OpVMUL)},
	{name: "VNMUL_T1", pat: "1110 1110 0.10 ....  .... 101. .1.0 ....", dec: fpDec3(OpVNMUL)},
	{name: "VADD_T1", pat: "1110 1110 0.11 ....  .... 101. .0.0 ....", dec: fpDec3(OpVADD)},
	{name: "VSUB_T1", pat: "1110 1110 0.11 ....  .... 101. .1.0 ....", dec: fpDec3(OpVSUB)},
	{name: "VDIV_T1", pat: "1110 1110 1.00 ....  .... 101. .0.0 ....", dec: fpDec3(OpVDIV)},
	{name: "VFNMS_T1", pat: "1110 1110 1.01 ....  .... 101. .0.0 ....", dec: fpDec3(OpVFNMS)},
	{name: "VFNMA_T1", pat: "1110 1110 1.01 ....  .... 101. .1.0 ....", dec: fpDec3(OpVFNMA)},
	{name: "VFMA_T1", pat: "1110 1110 1.10 ....  .... 101. .0.0 ....", dec: fpDec3(OpVFMA)},
	{name: "VFMS_T1", pat: "1110 1110 1.10 ....  .... 101. .1.0 ....", dec: fpDec3(OpVFMS)},

	// opc1 = 1x11: VMOV (immediate) T1: 1110 1110 1D11 imm4H | Vd 101 sz (0)0(0)0 imm4L
	// (the (0) bits are fixed: objdump and QEMU both require them).
	{name: "VMOV_imm_T1", pat: "1110 1110 1.11 ....  .... 101. 0000 ....", dec: fpDecVMOVImm},
	// Two-register rows: 1110 1110 1D11 opc2 | Vd 101 sz opc3 M 0 Vm.
	{name: "VMOV_reg_T1", pat: "1110 1110 1.11 0000  .... 101. 01.0 ....", dec: fpDec2(OpVMOV, VMovReg)},
	{name: "VABS_T1", pat: "1110 1110 1.11 0000  .... 101. 11.0 ....", dec: fpDec2(OpVABS, 0)},
	{name: "VNEG_T1", pat: "1110 1110 1.11 0001  .... 101. 01.0 ....", dec: fpDec2(OpVNEG, 0)},
	{name: "VSQRT_T1", pat: "1110 1110 1.11 0001  .... 101. 11.0 ....", dec: fpDec2(OpVSQRT, 0)},
	// VCVTB/VCVTT T1: 1110 1110 1D11 001 op | Vd 101 sz T 1 M 0 Vm (op = 1: to half).
	{name: "VCVTB_T1", pat: "1110 1110 1.11 001.  .... 101. 01.0 ....", dec: fpDecCvtHalf(OpVCVTB)},
	{name: "VCVTT_T1", pat: "1110 1110 1.11 001.  .... 101. 11.0 ....", dec: fpDecCvtHalf(OpVCVTT)},
	// VCMP/VCMPE T1 (register): 1110 1110 1D11 0100 | Vd 101 sz E 1 M 0 Vm.
	{name: "VCMP_T1", pat: "1110 1110 1.11 0100  .... 101. 01.0 ....", dec: fpDecCmp(OpVCMP)},
	{name: "VCMPE_T1", pat: "1110 1110 1.11 0100  .... 101. 11.0 ....", dec: fpDecCmp(OpVCMPE)},
	// VCMP/VCMPE T2 (with zero): ... 0101 | Vd 101 sz E 1 (0) 0 (0)(0)(0)(0). objdump requires
	// hw2[5] = 0 (so the row fixes it) but ignores hw2[3:0]: non-zero is UNPREDICTABLE, and
	// executes as the comparison with zero, as in QEMU.
	{name: "VCMP_T2", pat: "1110 1110 1.11 0101  .... 101. 0100 ....", dec: fpDecCmp(OpVCMP)},
	{name: "VCMPE_T2", pat: "1110 1110 1.11 0101  .... 101. 1100 ....", dec: fpDecCmp(OpVCMPE)},
	// VRINTR/VRINTZ/VRINTX T1 (FPv5): opc2 = 0110 (op = hw2[7]: R/Z), 0111 with hw2[7] = 0 (X).
	{name: "VRINTR_T1", pat: "1110 1110 1.11 0110  .... 101. 01.0 ....", dec: fpDec2(OpVRINTR, 0)},
	{name: "VRINTZ_T1", pat: "1110 1110 1.11 0110  .... 101. 11.0 ....", dec: fpDec2(OpVRINTZ, 0)},
	{name: "VRINTX_T1", pat: "1110 1110 1.11 0111  .... 101. 01.0 ....", dec: fpDec2(OpVRINTX, 0)},
	// VCVT (between double and single) T1: 1110 1110 1D11 0111 | Vd 101 sz 1 1 M 0 Vm.
	{name: "VCVT_ds_T1", pat: "1110 1110 1.11 0111  .... 101. 11.0 ....", dec: fpDecCvtDS},
	// VCVT/VCVTR (between floating point and integer) T1: 1110 1110 1D11 1 opc2 | Vd 101 sz op 1 M 0 Vm:
	// opc2 = 000 to floating point (op = signed), 10x to integer (opc2<0> = signed, op = round to zero).
	{name: "VCVT_toFP_T1", pat: "1110 1110 1.11 1000  .... 101. .1.0 ....", dec: fpDecCvtToFP},
	{name: "VCVT_toInt_T1", pat: "1110 1110 1.11 110.  .... 101. .1.0 ....", dec: fpDecCvtToInt},
	// VCVT (between floating point and fixed point) T1: 1110 1110 1D11 1 op 1 U | Vd 101 sf sx 1 i 0 imm4.
	{name: "VCVT_fix_T1", pat: "1110 1110 1.11 1.1.  .... 101. .1.0 ....", dec: fpDecCvtFix},

	// FPv5 unconditional rows (ARMv8 AArch32 encodings, implemented by the Cortex-M7 FPU):
	// VSEL: 1111 1110 0D cc Vn | Vd 101 sz N 0 M 0 Vm.
	{name: "VSEL_T1", pat: "1111 1110 0... ....  .... 101. .0.0 ....", dec: fpDecVSEL},
	// VMAXNM/VMINNM: 1111 1110 1D00 Vn | Vd 101 sz N op M 0 Vm.
	{name: "VMAXNM_T1", pat: "1111 1110 1.00 ....  .... 101. .0.0 ....", dec: fpDec3(OpVMAXNM)},
	{name: "VMINNM_T1", pat: "1111 1110 1.00 ....  .... 101. .1.0 ....", dec: fpDec3(OpVMINNM)},
	// VRINTA/N/P/M: 1111 1110 1D11 10 RM | Vd 101 sz 0 1 M 0 Vm.
	{name: "VRINTA_T1", pat: "1111 1110 1.11 1000  .... 101. 01.0 ....", dec: fpDec2(OpVRINTA, 0)},
	{name: "VRINTN_T1", pat: "1111 1110 1.11 1001  .... 101. 01.0 ....", dec: fpDec2(OpVRINTN, 0)},
	{name: "VRINTP_T1", pat: "1111 1110 1.11 1010  .... 101. 01.0 ....", dec: fpDec2(OpVRINTP, 0)},
	{name: "VRINTM_T1", pat: "1111 1110 1.11 1011  .... 101. 01.0 ....", dec: fpDec2(OpVRINTM, 0)},
	// VCVTA/N/P/M: 1111 1110 1D11 11 RM | Vd 101 sz op 1 M 0 Vm (op = signed); Vd is single.
	{name: "VCVTA_T1", pat: "1111 1110 1.11 1100  .... 101. .1.0 ....", dec: fpDecCvtRM(OpVCVTA)},
	{name: "VCVTN_T1", pat: "1111 1110 1.11 1101  .... 101. .1.0 ....", dec: fpDecCvtRM(OpVCVTN)},
	{name: "VCVTP_T1", pat: "1111 1110 1.11 1110  .... 101. .1.0 ....", dec: fpDecCvtRM(OpVCVTP)},
	{name: "VCVTM_T1", pat: "1111 1110 1.11 1111  .... 101. .1.0 ....", dec: fpDecCvtRM(OpVCVTM)},

	// Extension register load/store: 1110 110 P U D W L Rn | Vd 101 sz imm8.
	{name: "VSTM_T1", pat: "1110 1100 1..0 ....  .... 101. .... ....", dec: fpDecLSM(OpVSTM)},
	{name: "VLDM_T1", pat: "1110 1100 1..1 ....  .... 101. .... ....", dec: fpDecLSM(OpVLDM)},
	{name: "VPOP_T1", pat: "1110 1100 1.11 1101  .... 101. .... ....", dec: fpDecLSM(OpVPOP)},
	{name: "VSTMDB_T1", pat: "1110 1101 0.10 ....  .... 101. .... ....", dec: fpDecLSM(OpVSTMDB)},
	{name: "VLDMDB_T1", pat: "1110 1101 0.11 ....  .... 101. .... ....", dec: fpDecLSM(OpVLDMDB)},
	{name: "VPUSH_T1", pat: "1110 1101 0.10 1101  .... 101. .... ....", dec: fpDecLSM(OpVPUSH)},
	{name: "VSTR_T1", pat: "1110 1101 ..00 ....  .... 101. .... ....", dec: fpDecLS(OpVSTR)},
	{name: "VLDR_T1", pat: "1110 1101 ..01 ....  .... 101. .... ....", dec: fpDecLS(OpVLDR)},

	// 64-bit transfers: 1110 1100 010 op Rt2 | Rt 101 C 00 M 1 Vm (C = 1: a D register).
	{name: "VMOV_2core_2s_T1", pat: "1110 1100 010. ....  .... 1010 00.1 ....", dec: fpDecVMOV64(false)},
	{name: "VMOV_2core_d_T1", pat: "1110 1100 010. ....  .... 1011 00.1 ....", dec: fpDecVMOV64(true)},

	// 8, 16 and 32-bit transfers: 1110 1110 A L .... | Rt 101 C B 1 0000.
	// VMOV (core register to/from single) T1: 1110 1110 000 op Vn | Rt 1010 N (0)(0) 1 (0)(0)(0)(0).
	{name: "VMOV_core_s_T1", pat: "1110 1110 000. ....  .... 1010 .001 0000", dec: fpDecVMOVCoreS},
	// VMSR/VMRS T1: 1110 1110 111 L reg | Rt 1010 (0)(0)(0) 1 (0)(0)(0)(0); the manual fixes
	// reg = 0001 (FPSCR), objdump names every reg.
	{name: "VMSR_T1", pat: "1110 1110 1110 ....  .... 1010 0001 0000", dec: fpDecVMRS(OpVMSR)},
	{name: "VMRS_T1", pat: "1110 1110 1111 ....  .... 1010 0001 0000", dec: fpDecVMRS(OpVMRS)},
	// VMOV (core register to scalar) T1: 1110 1110 0 0 0 H 0 Vd | Rt 1011 D 0 0 1 (0)(0)(0)(0);
	// VMOV (scalar to core register) T1: 1110 1110 0 0 0 H 1 Vn | Rt 1011 N 0 0 1 (0)(0)(0)(0).
	// objdump ignores hw2[3:0] and, for the second, hw1[7] (U): decoded, and flagged.
	{name: "VMOV_core_scalar_T1", pat: "1110 1110 00.0 ....  .... 1011 .001 ....", dec: fpDecVMOVScalar(VMovCoreToScalar)},
	{name: "VMOV_scalar_core_T1", pat: "1110 1110 .0.1 ....  .... 1011 .001 ....", dec: fpDecVMOVScalar(VMovScalarToCore)},
}

// fpReg assembles a register number from the 4-bit field v and the extra bit x: Sx = v:x,
// Dx = x:v (the floating-point register encoding of DDI0403E A6).
func fpReg(v, x uint32, dbl bool) uint8 {
	if dbl {
		return uint8(x<<4 | v)
	}
	return uint8(v<<1 | x)
}

// fpVd, fpVn, fpVm return the Vd (hw2[15:12], D = hw1[6]), Vn (hw1[3:0], N = hw2[7]) and
// Vm (hw2[3:0], M = hw2[5]) operands in the given precision.
func fpVd(raw uint32, dbl bool) uint8 { return fpReg(bitsOf(raw, 15, 12), bit(raw, 22), dbl) }
func fpVn(raw uint32, dbl bool) uint8 { return fpReg(bitsOf(raw, 19, 16), bit(raw, 7), dbl) }
func fpVm(raw uint32, dbl bool) uint8 { return fpReg(bitsOf(raw, 3, 0), bit(raw, 5), dbl) }

// fpSz reports the sz bit (hw2[8]): double precision.
func fpSz(raw uint32) bool { return bit(raw, 8) == 1 }

// fpHighD returns FlagExecUndefined if a double-precision register number is D16–D31,
// which FPv5-D16 does not have (UNDEFINED, and QEMU UNDEFs them).
func fpHighD(regs ...uint8) Flags {
	for _, r := range regs {
		if r >= 16 {
			return FlagExecUndefined
		}
	}
	return 0
}

// fpPrec returns FlagF64 for double precision.
func fpPrec(dbl bool) Flags {
	if dbl {
		return FlagF64
	}
	return 0
}

// fpDec3 decodes the three-register data-processing rows: Rd, Rn, Rm in the sz precision.
func fpDec3(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		in := Inst{Op: op, Rd: fpVd(raw, dbl), Rn: fpVn(raw, dbl), Rm: fpVm(raw, dbl), Flags: fpPrec(dbl)}
		if dbl {
			in.Flags |= fpHighD(in.Rd, in.Rn, in.Rm)
		}
		return in, true
	}
}

// fpDec2 decodes the two-register rows: Rd = f(Rm) in the sz precision.
func fpDec2(op Op, aux uint32) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		in := Inst{Op: op, Rd: fpVd(raw, dbl), Rm: fpVm(raw, dbl), Aux: aux, Flags: fpPrec(dbl)}
		if dbl {
			in.Flags |= fpHighD(in.Rd, in.Rm)
		}
		return in, true
	}
}

// fpDecCmp decodes VCMP/VCMPE: Rd compared with Rm, or with +0.0 (T2: FlagImm).
func fpDecCmp(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		in := Inst{Op: op, Rd: fpVd(raw, dbl), Flags: fpPrec(dbl)}
		if bit(raw, 16) == 1 { // T2: compare with zero; hw2[3:0] are (0)
			in.Flags |= FlagImm
			if raw&0xF != 0 {
				in.Flags |= FlagUnpredictable
			}
		} else {
			in.Rm = fpVm(raw, dbl)
		}
		if dbl {
			in.Flags |= fpHighD(in.Rd, in.Rm)
		}
		return in, true
	}
}

// vfpExpandImm is the pseudocode VFPExpandImm (DDI0403E A6, "modified immediate
// constants in floating-point instructions"): for single precision the 32-bit value, for double
// precision the high word of the 64-bit value (whose low word is zero).
func vfpExpandImm(imm8 uint32, dbl bool) uint32 {
	sign := imm8 >> 7 & 1
	b6 := imm8 >> 6 & 1
	if dbl {
		// exp = NOT(b6) : Replicate(b6, 8) : imm8<5:4>; frac = imm8<3:0> : Zeros(48)
		exp := (b6^1)<<10 | (0xFF*b6)<<2 | imm8>>4&3
		return sign<<31 | exp<<20 | (imm8&15)<<16
	}
	// exp = NOT(b6) : Replicate(b6, 5) : imm8<5:4>; frac = imm8<3:0> : Zeros(19)
	exp := (b6^1)<<7 | (0x1F*b6)<<2 | imm8>>4&3
	return sign<<31 | exp<<23 | (imm8&15)<<19
}

// fpDecVMOVImm decodes VMOV (immediate): Imm = VFPExpandImm(imm4H:imm4L) (the
// disassembler recovers imm8 from Imm).
func fpDecVMOVImm(raw uint32) (Inst, bool) {
	dbl := fpSz(raw)
	imm8 := bitsOf(raw, 19, 16)<<4 | bitsOf(raw, 3, 0)
	in := Inst{Op: OpVMOV, Aux: VMovImm, Rd: fpVd(raw, dbl), Imm: vfpExpandImm(imm8, dbl), Flags: fpPrec(dbl)}
	if dbl {
		in.Flags |= fpHighD(in.Rd)
	}
	return in, true
}

// fpDecCvtHalf decodes VCVTB/VCVTT: hw1[0] (op) = 1 converts to half precision; sz
// selects single or double for the other operand.
func fpDecCvtHalf(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		in := Inst{Op: op, Flags: fpPrec(dbl)}
		toHalf := bit(raw, 16) == 1
		switch {
		case !toHalf && !dbl:
			in.Aux, in.Rd, in.Rm = CvtF16ToF32, fpVd(raw, false), fpVm(raw, false)
		case toHalf && !dbl:
			in.Aux, in.Rd, in.Rm = CvtF32ToF16, fpVd(raw, false), fpVm(raw, false)
		case !toHalf && dbl:
			in.Aux, in.Rd, in.Rm = CvtF16ToF64, fpVd(raw, true), fpVm(raw, false)
			in.Flags |= fpHighD(in.Rd)
		default:
			in.Aux, in.Rd, in.Rm = CvtF64ToF16, fpVd(raw, false), fpVm(raw, true)
			in.Flags |= fpHighD(in.Rm)
		}
		return in, true
	}
}

// fpDecCvtDS decodes VCVT between double and single precision: sz = 1 converts a D
// register to an S register.
func fpDecCvtDS(raw uint32) (Inst, bool) {
	if fpSz(raw) {
		in := Inst{Op: OpVCVT, Aux: CvtF64ToF32, Rd: fpVd(raw, false), Rm: fpVm(raw, true), Flags: FlagF64}
		in.Flags |= fpHighD(in.Rm)
		return in, true
	}
	in := Inst{Op: OpVCVT, Aux: CvtF32ToF64, Rd: fpVd(raw, true), Rm: fpVm(raw, false)}
	in.Flags |= fpHighD(in.Rd)
	return in, true
}

// fpDecCvtToFP decodes VCVT from a 32-bit integer (Sm) to floating point (hw2[7] = signed).
func fpDecCvtToFP(raw uint32) (Inst, bool) {
	dbl, signed := fpSz(raw), bit(raw, 7) == 1
	in := Inst{Op: OpVCVT, Rd: fpVd(raw, dbl), Rm: fpVm(raw, false), Flags: fpPrec(dbl)}
	switch {
	case !dbl && signed:
		in.Aux = CvtS32ToF32
	case !dbl:
		in.Aux = CvtU32ToF32
	case signed:
		in.Aux = CvtS32ToF64
	default:
		in.Aux = CvtU32ToF64
	}
	if dbl {
		in.Flags |= fpHighD(in.Rd)
	}
	return in, true
}

// fpCvtToIntAux is the Cvt* constant for a float→32-bit-integer conversion.
func fpCvtToIntAux(dbl, signed bool) uint32 {
	switch {
	case !dbl && signed:
		return CvtF32ToS32
	case !dbl:
		return CvtF32ToU32
	case signed:
		return CvtF64ToS32
	}
	return CvtF64ToU32
}

// fpDecCvtToInt decodes VCVT/VCVTR from floating point to a 32-bit integer: hw1[0] =
// signed, hw2[7] = 1 rounds toward zero (VCVT), 0 uses FPSCR.RMode (VCVTR).
func fpDecCvtToInt(raw uint32) (Inst, bool) {
	dbl := fpSz(raw)
	op := OpVCVTR
	if bit(raw, 7) == 1 {
		op = OpVCVT
	}
	in := Inst{Op: op, Aux: fpCvtToIntAux(dbl, bit(raw, 16) == 1), Rd: fpVd(raw, false), Rm: fpVm(raw, dbl), Flags: fpPrec(dbl)}
	if dbl {
		in.Flags |= fpHighD(in.Rm)
	}
	return in, true
}

// fpDecCvtRM decodes VCVTA/N/P/M (float → 32-bit integer, hw2[7] = signed).
func fpDecCvtRM(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		in := Inst{Op: op, Aux: fpCvtToIntAux(dbl, bit(raw, 7) == 1), Rd: fpVd(raw, false), Rm: fpVm(raw, dbl), Flags: fpPrec(dbl)}
		if dbl {
			in.Flags |= fpHighD(in.Rm)
		}
		return in, true
	}
}

// fpCvtFixAux indexes the fixed-point Cvt* constants by [toFixed][dbl][unsigned][size32].
var fpCvtFixAux = [2][2][2][2]uint32{
	{ // fixed → float
		{{CvtFxS16ToF32, CvtFxS32ToF32}, {CvtFxU16ToF32, CvtFxU32ToF32}},
		{{CvtFxS16ToF64, CvtFxS32ToF64}, {CvtFxU16ToF64, CvtFxU32ToF64}},
	},
	{ // float → fixed
		{{CvtF32ToFxS16, CvtF32ToFxS32}, {CvtF32ToFxU16, CvtF32ToFxU32}},
		{{CvtF64ToFxS16, CvtF64ToFxS32}, {CvtF64ToFxU16, CvtF64ToFxU32}},
	},
}

// fpDecCvtFix decodes VCVT between floating point and fixed point: hw1[2] (op) = 1 to
// fixed, hw1[0] (U) = unsigned, hw2[7] (sx) = 32-bit, imm4:i = hw2[3:0]:hw2[5],
// frac_bits = size - imm4:i. frac_bits < 0 (size 16, imm > 16) is UNPREDICTABLE: decoded
// (objdump prints the negative count) and executed as UNDEFINED (documented choice).
func fpDecCvtFix(raw uint32) (Inst, bool) {
	dbl := fpSz(raw)
	toFixed, unsigned, size32 := bit(raw, 18), bit(raw, 16), bit(raw, 7)
	size := uint32(16) << size32
	imm := bitsOf(raw, 3, 0)<<1 | bit(raw, 5)
	d := fpVd(raw, dbl)
	in := Inst{Op: OpVCVT, Aux: fpCvtFixAux[toFixed][b2i(dbl)][unsigned][size32], Rd: d, Rm: d,
		Imm: size - imm, Flags: fpPrec(dbl)}
	if imm > size {
		in.Flags |= FlagUnpredictable | FlagExecUndefined
	}
	if dbl {
		in.Flags |= fpHighD(d)
	}
	return in, true
}

func b2i(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// fpDecVSEL decodes VSEL: cc = hw1[5:4] selects EQ, VS, GE, GT (kept in Cond).
func fpDecVSEL(raw uint32) (Inst, bool) {
	in, _ := fpDec3(OpVSEL)(raw)
	in.Cond = [4]Cond{CondEQ, CondVS, CondGE, CondGT}[bitsOf(raw, 21, 20)]
	return in, true
}

// fpDecLS decodes VLDR/VSTR: Imm = imm8*4, FlagAdd = U, FlagIndex always. VSTR with
// Rn = PC is UNPREDICTABLE (executes with base Align(PC,4), as QEMU does).
func fpDecLS(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		in := Inst{Op: op, Rd: fpVd(raw, dbl), Rn: reg(raw, 16), Imm: bitsOf(raw, 7, 0) << 2,
			Flags: fpPrec(dbl) | FlagIndex}
		if bit(raw, 23) == 1 {
			in.Flags |= FlagAdd
		}
		if op == OpVSTR && in.Rn == 15 {
			in.Flags |= FlagUnpredictable
		}
		if dbl {
			in.Flags |= fpHighD(in.Rd)
		}
		return in, true
	}
}

// fpDecLSM decodes VLDM/VSTM/VLDMDB/VSTMDB/VPUSH/VPOP: Rd = first register, Aux =
// register count, Imm = imm8*4, FlagWBack = W, FlagAdd for the increment-after forms.
//
// UNPREDICTABLE choices, following QEMU: an empty list, a list past S31 or D15 (D16–D31
// do not exist), more than 16 D registers, and Rn = PC with writeback execute as
// UNDEFINED; Rn = PC without writeback executes with base Align(PC,4) (flagged). A D-list
// with odd imm8 is FLDMX/FSTMX (printed as objdump's deprecated "fldmiax"…): it transfers
// imm8/2 D registers and writes back Rn ± imm8*4.
func fpDecLSM(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		dbl := fpSz(raw)
		imm8 := bitsOf(raw, 7, 0)
		in := Inst{Op: op, Rd: fpVd(raw, dbl), Rn: reg(raw, 16), Imm: imm8 << 2, Flags: fpPrec(dbl)}
		if bit(raw, 21) == 1 {
			in.Flags |= FlagWBack
		}
		if op == OpVLDM || op == OpVSTM || op == OpVPOP {
			in.Flags |= FlagAdd
		}
		n := imm8
		limit := uint32(32)
		if dbl {
			n = imm8 >> 1
			limit = 16
			if imm8&1 == 1 {
				in.Flags |= FlagUnpredictable // FLDMX/FSTMX
			}
		}
		if op == OpVLDM && in.Rn == 15 && in.Flags&(FlagWBack|FlagUnpredictable) == 0 {
			// VLDM PC, <list> (UNPREDICTABLE) is ARMv8.1-M's VSCCLRM for objdump: UNDEFINED.
			return Inst{}, false
		}
		in.Aux = n
		if n == 0 || uint32(in.Rd)+n > limit || (in.Rn == 15 && in.Flags&FlagWBack != 0) {
			in.Flags |= FlagUnpredictable | FlagExecUndefined
		} else if in.Rn == 15 {
			in.Flags |= FlagUnpredictable
		}
		return in, true
	}
}

// fpCoreFlags flags a core register operand: SP is UNPREDICTABLE (executed normally, as
// QEMU does); PC is UNPREDICTABLE, read as the instruction address + 4 when it is a
// source, and executed as UNDEFINED when it would be written (QEMU's behaviour varies:
// documented deviation).
func fpCoreFlags(r uint8, written bool) Flags {
	switch {
	case r == 13:
		return FlagUnpredictable
	case r == 15 && written:
		return FlagUnpredictable | FlagExecUndefined
	case r == 15:
		return FlagUnpredictable
	}
	return 0
}

// fpDecVMOV64 decodes VMOV between two core registers and two single registers (Sm,
// Sm+1) or one double register Dm: hw1[4] (op) = 1 moves to the core registers. Rt = Rt2
// when moving to the core registers is UNPREDICTABLE (Rt2 gets the high word, as in
// QEMU); Sm = S31 (no Sm+1) executes as UNDEFINED.
func fpDecVMOV64(dbl bool) decodeFn {
	return func(raw uint32) (Inst, bool) {
		toCore := bit(raw, 20) == 1
		in := Inst{Op: OpVMOV, Rm: fpVm(raw, dbl), Rd: reg(raw, 12), Ra: reg(raw, 16), Flags: fpPrec(dbl)}
		switch {
		case dbl && toCore:
			in.Aux = VMovDToCore
		case dbl:
			in.Aux = VMovCoreToD
		case toCore:
			in.Aux = VMovS2ToCore
		default:
			in.Aux = VMovCoreToS2
		}
		in.Flags |= fpCoreFlags(in.Rd, toCore) | fpCoreFlags(in.Ra, toCore)
		if toCore && in.Rd == in.Ra {
			in.Flags |= FlagUnpredictable
		}
		if dbl {
			in.Flags |= fpHighD(in.Rm)
		} else if in.Rm == 31 {
			in.Flags |= FlagUnpredictable | FlagExecUndefined
		}
		return in, true
	}
}

// fpDecVMOVCoreS decodes VMOV between a core register and a single register.
func fpDecVMOVCoreS(raw uint32) (Inst, bool) {
	toCore := bit(raw, 20) == 1
	in := Inst{Op: OpVMOV, Aux: VMovCoreToS, Rn: fpVn(raw, false), Rd: reg(raw, 12)}
	if toCore {
		in.Aux = VMovSToCore
	}
	in.Flags |= fpCoreFlags(in.Rd, toCore)
	return in, true
}

// fpDecVMOVScalar decodes VMOV.32 between a core register and a D register half:
// Rn = Dn, Imm = the half (H, hw1[5]). hw2[3:0] are (0) and hw1[7] (U) must be 0 for the
// 32-bit form; objdump ignores both, the manual makes them UNPREDICTABLE/UNDEFINED and
// QEMU UNDEFs: decoded with FlagExecUndefined.
func fpDecVMOVScalar(aux uint32) decodeFn {
	return func(raw uint32) (Inst, bool) {
		toCore := aux == VMovScalarToCore
		in := Inst{Op: OpVMOV, Aux: aux, Rn: fpVn(raw, true), Rd: reg(raw, 12), Imm: bit(raw, 21), Flags: FlagF64}
		in.Flags |= fpCoreFlags(in.Rd, toCore) | fpHighD(in.Rn)
		if raw&0xF != 0 {
			in.Flags |= FlagUnpredictable | FlagExecUndefined
		}
		if bit(raw, 23) == 1 {
			in.Flags |= FlagExecUndefined
		}
		return in, true
	}
}

// fpDecVMRS decodes VMRS/VMSR: Rd = Rt, Aux = reg. Only reg = FPSCR exists on ARMv7-M;
// the others decode (objdump names them) with FlagExecUndefined, as QEMU UNDEFs them.
// VMRS APSR_nzcv, FPSCR is Rt = 15; any other use of PC (and SP) is UNPREDICTABLE, and a
// VMSR from PC executes as UNDEFINED (QEMU).
func fpDecVMRS(op Op) decodeFn {
	return func(raw uint32) (Inst, bool) {
		in := Inst{Op: op, Rd: reg(raw, 12), Aux: bitsOf(raw, 19, 16)}
		if in.Aux != FPRegFPSCR {
			in.Flags |= FlagExecUndefined
		}
		switch {
		case in.Rd == 13:
			in.Flags |= FlagUnpredictable
		case in.Rd == 15 && (op == OpVMSR || in.Aux != FPRegFPSCR):
			in.Flags |= FlagUnpredictable | FlagExecUndefined
		}
		return in, true
	}
}

// fpIMM8 recovers the imm8 of VMOV (immediate) from its expanded Imm.
func fpIMM8(in *Inst) uint32 {
	v := in.Imm
	if in.Flags&FlagF64 != 0 {
		return v>>31<<7 | v>>29&1<<6 | v>>16&0x3F
	}
	return v>>31<<7 | v>>29&1<<6 | v>>19&0x3F
}

// fpRegName returns "s<n>" or "d<n>".
func fpRegName(r uint8, dbl bool) string {
	if dbl {
		return "d" + strconv.Itoa(int(r))
	}
	return "s" + strconv.Itoa(int(r))
}

// fpMnemonic is base, then the IT condition as objdump prints it, then suffix (".f32" …).
func fpMnemonic(ctx *Context, base, suffix string) string {
	if ctx.IT.InIT() {
		return base + itCondNames[ctx.IT.Cond()] + suffix
	}
	return base + suffix
}

// fpCvtTypes are objdump's type suffixes of the Cvt* sub-forms: destination then source.
var fpCvtTypes = [...]string{
	CvtF32ToF64: ".f64.f32", CvtF64ToF32: ".f32.f64",
	CvtF32ToS32: ".s32.f32", CvtF32ToU32: ".u32.f32", CvtF64ToS32: ".s32.f64", CvtF64ToU32: ".u32.f64",
	CvtS32ToF32: ".f32.s32", CvtU32ToF32: ".f32.u32", CvtS32ToF64: ".f64.s32", CvtU32ToF64: ".f64.u32",
	CvtF32ToFxS16: ".s16.f32", CvtF32ToFxU16: ".u16.f32", CvtF32ToFxS32: ".s32.f32", CvtF32ToFxU32: ".u32.f32",
	CvtF64ToFxS16: ".s16.f64", CvtF64ToFxU16: ".u16.f64", CvtF64ToFxS32: ".s32.f64", CvtF64ToFxU32: ".u32.f64",
	CvtFxS16ToF32: ".f32.s16", CvtFxU16ToF32: ".f32.u16", CvtFxS32ToF32: ".f32.s32", CvtFxU32ToF32: ".f32.u32",
	CvtFxS16ToF64: ".f64.s16", CvtFxU16ToF64: ".f64.u16", CvtFxS32ToF64: ".f64.s32", CvtFxU32ToF64: ".f64.u32",
	CvtF16ToF32: ".f32.f16", CvtF32ToF16: ".f16.f32", CvtF16ToF64: ".f64.f16", CvtF64ToF16: ".f16.f64",
}

// fpCvtDbl reports, for a Cvt* sub-form, whether the destination and the source are D
// registers.
func fpCvtDbl(aux uint32) (dst, src bool) {
	switch aux {
	case CvtF32ToF64, CvtS32ToF64, CvtU32ToF64, CvtF16ToF64:
		return true, false
	case CvtF64ToF32, CvtF64ToS32, CvtF64ToU32, CvtF64ToF16:
		return false, true
	case CvtF64ToFxS16, CvtF64ToFxU16, CvtF64ToFxS32, CvtF64ToFxU32,
		CvtFxS16ToF64, CvtFxU16ToF64, CvtFxS32ToF64, CvtFxU32ToF64:
		return true, true
	}
	return false, false
}

// fpCvtFixed reports whether a Cvt* sub-form is a fixed-point conversion.
func fpCvtFixed(aux uint32) bool { return aux >= CvtF32ToFxS16 && aux <= CvtFxU32ToF64 }

// fpSysRegNames are objdump's names of the VMRS/VMSR reg field ("" prints as
// "<impl def 0x…>").
var fpSysRegNames = [16]string{0: "fpsid", 1: "fpscr", 2: "fpscr_nzcvqc", 5: "mvfr2", 6: "mvfr1", 7: "mvfr0",
	8: "fpexc", 9: "fpinst", 10: "fpinst2", 14: "fpcxt_ns", 15: "fpcxt_s"}

func fpSysRegName(r uint32) string {
	if n := fpSysRegNames[r&15]; n != "" {
		return n
	}
	return fmt.Sprintf("<impl def 0x%x>", r&15)
}

// fpImmComment renders objdump's comment for a VMOV immediate: the single-precision
// bits of the value (also for F64) and the value in decimal with 1, 3 or 7 fraction
// digits (binutils arm-dis.c prints value*10^7 as an integer and picks the precision by
// its trailing zeros).
func fpImmComment(imm8 uint32) string {
	f := vfpExpandImm(imm8, false)
	dec := (uint32(78125) << ((f >> 23 & 0xFF) - 124)) * (16 + imm8&15)
	sign := byte(' ')
	if imm8&0x80 != 0 {
		sign = '-'
	}
	switch {
	case dec%1000000 == 0:
		return fmt.Sprintf("0x%08x %c%d.%01d", f, sign, dec/10000000, dec%10000000/1000000)
	case dec%10000 == 0:
		return fmt.Sprintf("0x%08x %c%d.%03d", f, sign, dec/10000000, dec%10000000/10000)
	}
	return fmt.Sprintf("0x%08x %c%d.%07d", f, sign, dec/10000000, dec%10000000)
}

// fpRegList renders a VLDM/VSTM register list as objdump does: "{s4-s7}", "{d8}".
// objdump prints the arithmetic range even for the UNPREDICTABLE counts ("{s0-s-1}",
// "{d8-d7}"); for the D lists of VLDM/VSTM/VPUSH/VPOP it takes the count from imm8[6:1]
// only and marks a range past D31 ("{d20-<overflow reg d40>}"), while the S lists and
// the FLDMX/FSTMX lists use the whole imm8.
func fpRegList(in *Inst, dbl, fldmx bool) string {
	first, n := int(in.Rd), int(in.Aux)
	p := "s"
	if dbl {
		p = "d"
	}
	if dbl && !fldmx {
		n = int(in.Imm>>3) & 0x3F
	}
	switch {
	case n == 1:
		return fmt.Sprintf("{%s%d}", p, first)
	case dbl && !fldmx && first+n > 32:
		return fmt.Sprintf("{d%d-<overflow reg d%d>}", first, first+n-1)
	}
	return fmt.Sprintf("{%s%d-%s%d}", p, first, p, first+n-1)
}

// fmtFP formats the floating-point group as objdump does.
func fmtFP(in *Inst, ctx *Context) (string, bool) {
	if in.Op < OpVADD || in.Op > OpVMSR {
		return "", false
	}
	dbl := in.Flags&FlagF64 != 0
	prec := ".f32"
	if dbl {
		prec = ".f64"
	}
	r := func(n uint8) string { return fpRegName(n, dbl) }
	switch in.Op {
	case OpVADD, OpVSUB, OpVMUL, OpVNMUL, OpVDIV, OpVMLA, OpVMLS, OpVNMLA, OpVNMLS,
		OpVFMA, OpVFMS, OpVFNMA, OpVFNMS, OpVMAXNM, OpVMINNM:
		return fpMnemonic(ctx, in.Op.String(), prec) + "\t" + r(in.Rd) + ", " + r(in.Rn) + ", " + r(in.Rm), true
	case OpVSEL:
		return fpMnemonic(ctx, "vsel"+in.Cond.String(), prec) + "\t" + r(in.Rd) + ", " + r(in.Rn) + ", " + r(in.Rm), true
	case OpVSQRT, OpVABS, OpVNEG, OpVRINTA, OpVRINTN, OpVRINTP, OpVRINTM, OpVRINTX, OpVRINTZ, OpVRINTR:
		return fpMnemonic(ctx, in.Op.String(), prec) + "\t" + r(in.Rd) + ", " + r(in.Rm), true
	case OpVCMP, OpVCMPE:
		if in.Flags&FlagImm != 0 {
			return fpMnemonic(ctx, in.Op.String(), prec) + "\t" + r(in.Rd) + ", #0.0", true
		}
		return fpMnemonic(ctx, in.Op.String(), prec) + "\t" + r(in.Rd) + ", " + r(in.Rm), true
	case OpVCVT, OpVCVTR, OpVCVTA, OpVCVTN, OpVCVTP, OpVCVTM, OpVCVTB, OpVCVTT:
		if in.Aux == CvtNone || in.Aux >= uint32(len(fpCvtTypes)) {
			return "", false
		}
		dd, sd := fpCvtDbl(in.Aux)
		s := fpMnemonic(ctx, in.Op.String(), fpCvtTypes[in.Aux]) + "\t" + fpRegName(in.Rd, dd) + ", " + fpRegName(in.Rm, sd)
		if fpCvtFixed(in.Aux) {
			s += ", #" + strconv.Itoa(int(int32(in.Imm)))
		}
		return s, true
	case OpVMOV:
		return fmtVMOV(in, ctx, dbl, prec)
	case OpVLDR, OpVSTR:
		s := fpMnemonic(ctx, in.Op.String(), "") + "\t" + r(in.Rd) + ", [" + RegName(in.Rn)
		switch {
		case in.Flags&FlagAdd == 0:
			s += fmt.Sprintf(", #-%d]", in.Imm)
		case in.Imm != 0:
			s += fmt.Sprintf(", #%d]", in.Imm)
		default:
			s += "]"
		}
		off := int32(in.Imm)
		if in.Flags&FlagAdd == 0 {
			off = -off
		}
		switch {
		case in.Rn == 15:
			s += "\t@ " + ctx.Target((ctx.PC+4)&^3+uint32(off))
		case off > 32 || off < -16:
			// objdump's comment for offsets outside -16…32 (arm-dis.c value_in_comment)
			s += fmt.Sprintf("\t@ 0x%x", uint32(off))
		}
		return s, true
	case OpVLDM, OpVSTM, OpVLDMDB, OpVSTMDB, OpVPUSH, OpVPOP:
		fldmx := dbl && in.Imm&4 != 0 // FLDMX/FSTMX: imm8 odd
		list := fpRegList(in, dbl, fldmx)
		if fldmx {
			base := map[Op]string{OpVLDM: "fldmiax", OpVPOP: "fldmiax", OpVSTM: "fstmiax",
				OpVLDMDB: "fldmdbx", OpVSTMDB: "fstmdbx", OpVPUSH: "fstmdbx"}[in.Op]
			return fpMnemonic(ctx, base, "") + "\t" + RegName(in.Rn) + fpWBack(in) + ", " + list + "\t@ Deprecated", true
		}
		switch in.Op {
		case OpVPUSH, OpVPOP:
			return fpMnemonic(ctx, in.Op.String(), "") + "\t" + list, true
		case OpVLDM, OpVSTM:
			return fpMnemonic(ctx, in.Op.String()+"ia", "") + "\t" + RegName(in.Rn) + fpWBack(in) + ", " + list, true
		}
		return fpMnemonic(ctx, in.Op.String(), "") + "\t" + RegName(in.Rn) + "!, " + list, true
	case OpVMRS:
		if in.Rd == 15 && in.Aux == FPRegFPSCR {
			return fpMnemonic(ctx, "vmrs", "") + "\tAPSR_nzcv, fpscr", true
		}
		s := fpMnemonic(ctx, "vmrs", "") + "\t" + RegName(in.Rd) + ", " + fpSysRegName(in.Aux)
		if in.Aux == 9 || in.Aux == 10 {
			s += "\t@ Impl def"
		}
		return s, true
	case OpVMSR:
		s := fpMnemonic(ctx, "vmsr", "") + "\t" + fpSysRegName(in.Aux) + ", " + RegName(in.Rd)
		if in.Aux == 9 || in.Aux == 10 {
			s += "\t@ Impl def"
		}
		return s, true
	}
	return "", false
}

func fpWBack(in *Inst) string {
	if in.Flags&FlagWBack != 0 {
		return "!"
	}
	return ""
}

// fmtVMOV formats the VMOV sub-forms.
func fmtVMOV(in *Inst, ctx *Context, dbl bool, prec string) (string, bool) {
	mn := fpMnemonic(ctx, "vmov", "")
	switch in.Aux {
	case VMovImm:
		imm8 := fpIMM8(in)
		return fpMnemonic(ctx, "vmov", prec) + "\t" + fpRegName(in.Rd, dbl) + fmt.Sprintf(", #%d\t@ ", imm8) + fpImmComment(imm8), true
	case VMovReg:
		return fpMnemonic(ctx, "vmov", prec) + "\t" + fpRegName(in.Rd, dbl) + ", " + fpRegName(in.Rm, dbl), true
	case VMovCoreToS:
		return mn + "\t" + fpRegName(in.Rn, false) + ", " + RegName(in.Rd), true
	case VMovSToCore:
		return mn + "\t" + RegName(in.Rd) + ", " + fpRegName(in.Rn, false), true
	case VMovCoreToS2:
		return mn + "\t" + fpRegName(in.Rm, false) + ", " + fpRegName(in.Rm+1, false) + ", " + RegName(in.Rd) + ", " + RegName(in.Ra), true
	case VMovS2ToCore:
		return mn + "\t" + RegName(in.Rd) + ", " + RegName(in.Ra) + ", " + fpRegName(in.Rm, false) + ", " + fpRegName(in.Rm+1, false), true
	case VMovCoreToD:
		return mn + "\t" + fpRegName(in.Rm, true) + ", " + RegName(in.Rd) + ", " + RegName(in.Ra), true
	case VMovDToCore:
		return mn + "\t" + RegName(in.Rd) + ", " + RegName(in.Ra) + ", " + fpRegName(in.Rm, true), true
	case VMovCoreToScalar:
		return fpMnemonic(ctx, "vmov", ".32") + fmt.Sprintf("\t%s[%d], %s", fpRegName(in.Rn, true), in.Imm, RegName(in.Rd)), true
	case VMovScalarToCore:
		return fpMnemonic(ctx, "vmov", ".32") + fmt.Sprintf("\t%s, %s[%d]", RegName(in.Rd), fpRegName(in.Rn, true), in.Imm), true
	}
	return "", false
}

package cpu

import (
	"math/bits"

	"m7emu/cpu/thumb"
)

// Timing is the cycle model: the one place that says what an instruction costs.
//
// The current model is the Cortex-M4 table (Arm DDI0439 Tables 3-1/3-2, summarised in
// shared/reference/cortex-m7-timing.md §4) on a single-issue pipeline: a base cost per
// Op (with the register count for LDM/STM), plus a pipeline refill of BranchPenalty
// cycles for every taken branch or PC write, plus the wait states of the memory
// region for each data access and each refill (flash: FLASH_ACR.LATENCY; 0 at reset).
// Sequential fetches are assumed to be hidden by the prefetcher/ART. A later issue
// replaces this with the Cortex-M7 dual-issue model; everything cycle-related must
// stay in this file.
type Timing struct {
	base [thumb.NumOps]uint8
	// BranchPenalty is P, the pipeline refill after a taken branch (M4 TRM: 1–3).
	BranchPenalty uint32
	// zero makes every instruction free (functional mode).
	zero bool
}

// DefaultTiming returns the Cortex-M4-derived table.
func DefaultTiming() *Timing {
	t := &Timing{BranchPenalty: 2}
	for i := range t.base {
		t.base[i] = 1 // data processing, shifts, bit ops, extend, saturate, MUL/MLA, DSP MACs
	}
	set := func(n uint8, ops ...thumb.Op) {
		for _, o := range ops {
			t.base[o] = n
		}
	}
	// Loads: 2 cycles (M4 TRM: neighbouring loads pipeline; not modelled).
	set(2, thumb.OpLDR, thumb.OpLDRB, thumb.OpLDRH, thumb.OpLDRSB, thumb.OpLDRSH,
		thumb.OpLDRT, thumb.OpLDRBT, thumb.OpLDRHT, thumb.OpLDRSBT, thumb.OpLDRSHT,
		thumb.OpLDREX, thumb.OpLDREXB, thumb.OpLDREXH, thumb.OpSTREX, thumb.OpSTREXB, thumb.OpSTREXH)
	// Stores: 1 cycle through the write buffer (M4 TRM: STR Rx,[Ry,#imm] is 1).
	set(1, thumb.OpSTR, thumb.OpSTRB, thumb.OpSTRH, thumb.OpSTRT, thumb.OpSTRBT, thumb.OpSTRHT)
	set(3, thumb.OpLDRD, thumb.OpSTRD) // 1+N, N=2
	// Divide: 2–12 with early termination; the data-dependent part is added at execution.
	set(2, thumb.OpSDIV, thumb.OpUDIV)
	// TBB/TBH: 2 + P (the refill is added when the branch is taken).
	set(2, thumb.OpTBB, thumb.OpTBH)
	// Barriers: 1 + B, B taken as 1 with nothing outstanding.
	set(2, thumb.OpDMB, thumb.OpDSB, thumb.OpISB)
	// MRS/MSR: 1 or 2; MSR to a special register serialises: 2.
	set(2, thumb.OpMSR)
	// Floating point: see fpBase (the cost depends on the precision).
	return t
}

// Floating-point issue costs (cortex-m7-timing.md §1.6; single-issue, no result
// latency or dual issue modelled). Single precision: the Cortex-M7 measurements (jnk0le,
// STM32H743): VADD/VSUB/VMUL/VNMUL and the moves, compares, conversions and roundings
// issue one per cycle; the multiply-accumulates (fused or not) cost their accumulate
// latency, 3, since a dependent chain is the common case; VDIV 16, VSQRT 14. Double
// precision: VADD/VSUB 1–3 and VMUL 4–5 by the operands (data-dependent part added at
// execution: fpAdd64Extra, fpMul64Extra), VFMA and VMLA families 8 (measured 6–10), VDIV
// 30 (2 with a zero operand: fpDiv64Extra), VSQRT 30 (LLVM's model; not measured). Moves
// and the rest as single precision (not measured). Loads and stores as the Cortex-M4
// table the integer loads use (§4): VLDR/VSTR 2 (.64: 3), VLDM/VSTM/VPUSH/VPOP 1+N words
// (1+2N for doubles); VMOV of two registers 2.
func fpBase(in *thumb.Inst) uint32 {
	f64 := in.Flags&thumb.FlagF64 != 0
	switch in.Op {
	case thumb.OpVMLA, thumb.OpVMLS, thumb.OpVNMLA, thumb.OpVNMLS,
		thumb.OpVFMA, thumb.OpVFMS, thumb.OpVFNMA, thumb.OpVFNMS:
		if f64 {
			return 8
		}
		return 3
	case thumb.OpVDIV:
		if f64 {
			return 2 // + fpDiv64Extra
		}
		return 16
	case thumb.OpVSQRT:
		if f64 {
			return 30
		}
		return 14
	case thumb.OpVMUL, thumb.OpVNMUL:
		if f64 {
			return 4 // + fpMul64Extra
		}
	case thumb.OpVLDR, thumb.OpVSTR:
		if f64 {
			return 3
		}
		return 2
	case thumb.OpVLDM, thumb.OpVLDMDB, thumb.OpVSTM, thumb.OpVSTMDB, thumb.OpVPUSH, thumb.OpVPOP:
		n := in.Aux
		if f64 {
			n *= 2
		}
		if n > 64 {
			n = 64
		}
		return 1 + n
	case thumb.OpVMOV:
		switch in.Aux {
		case thumb.VMovCoreToS2, thumb.VMovS2ToCore, thumb.VMovCoreToD, thumb.VMovDToCore:
			return 2
		}
	}
	return 1
}

// isFPOp reports whether op is a floating-point instruction.
func isFPOp(op thumb.Op) bool { return op >= thumb.OpVADD && op <= thumb.OpVMSR }

// fpAdd64Extra is the data-dependent part of VADD.F64/VSUB.F64 beyond 1 cycle: +1 when
// the exponents differ, +2 with a zero or subnormal operand (jnk0le: CPI 1/2/3).
func (t *Timing) fpAdd64Extra(a, b uint64) uint32 {
	ea, eb := a>>52&0x7FF, b>>52&0x7FF
	switch {
	case ea == 0 || eb == 0:
		return 2
	case ea != eb:
		return 1
	}
	return 0
}

// fpMul64Extra: VMUL.F64 is 5 cycles, 4 with a zero operand (jnk0le).
func (t *Timing) fpMul64Extra(a, b uint64) uint32 {
	if a<<1 == 0 || b<<1 == 0 {
		return 0
	}
	return 1
}

// fpDiv64Extra: VDIV.F64 is 30 cycles, 2 when an operand is zero (jnk0le).
func (t *Timing) fpDiv64Extra(a, b uint64) uint32 {
	if a<<1 == 0 || b<<1 == 0 {
		return 0
	}
	return 28
}

// fpContextCycles is the cost of writing or reading the FP part of an extended
// exception frame (S0–S15, FPSCR): the Cortex-M4 figure of +17 cycles on entry and on
// exit with FP context (Arm KA ka16366; cortex-m7-timing.md §1.7, no M7 figure is
// published). With lazy stacking (FPCCR.LSPEN) the entry pays nothing; the first FP
// instruction of the handler pays it (lazyFPSave), and the return pays it only if the
// registers were saved (otherwise the FP state is still live and LSPACT is just
// cleared).
const fpContextCycles = 17

// fpContext is the cost of stacking or unstacking S0–S15 and FPSCR with the stack's
// wait states.
func (t *Timing) fpContext(stackWS int) uint32 {
	if t.zero {
		return 0
	}
	return fpContextCycles + uint32(stackWS)
}

// lazyFPSave is the extra cost of the FP instruction that triggers the lazy save.
func (t *Timing) lazyFPSave(stackWS int) uint32 { return t.fpContext(stackWS) }

// FunctionalTiming returns a model where everything costs one cycle per instruction
// and nothing else (the instruction count is the cycle count).
func FunctionalTiming() *Timing {
	t := &Timing{zero: true}
	for i := range t.base {
		t.base[i] = 1
	}
	return t
}

// Base is the cost of an instruction before branches and wait states, computed once
// at decode time.
func (t *Timing) Base(in *thumb.Inst) uint32 {
	switch in.Op {
	case thumb.OpLDM, thumb.OpLDMDB, thumb.OpSTM, thumb.OpSTMDB, thumb.OpPUSH, thumb.OpPOP:
		if t.zero {
			return 1
		}
		return 1 + uint32(bits.OnesCount16(in.List)) // 1+N
	}
	if isFPOp(in.Op) && !t.zero {
		return fpBase(in)
	}
	return uint32(t.base[in.Op])
}

// divCycles is the data-dependent extra cost of SDIV/UDIV beyond the base 2: the M4
// terminates early; model it as one cycle per 4 significant quotient bits, 2–12 total.
func (t *Timing) divCycles(quotient uint32) uint32 {
	if t.zero {
		return 0
	}
	n := uint32(32-bits.LeadingZeros32(quotient)) / 4
	if n > 10 {
		n = 10
	}
	return n
}

// lsuBase is the part of Base spent in the load/store unit beyond the first cycle (for
// the DWT LSU counter): Base - 1 for loads, stores, LDM/STM, LDRD/STRD, exclusives and
// the table branches' table read.
func (t *Timing) lsuBase(in *thumb.Inst) uint32 {
	switch in.Op {
	case thumb.OpLDR, thumb.OpLDRB, thumb.OpLDRH, thumb.OpLDRSB, thumb.OpLDRSH,
		thumb.OpLDRT, thumb.OpLDRBT, thumb.OpLDRHT, thumb.OpLDRSBT, thumb.OpLDRSHT,
		thumb.OpLDREX, thumb.OpLDREXB, thumb.OpLDREXH, thumb.OpSTREX, thumb.OpSTREXB, thumb.OpSTREXH,
		thumb.OpSTR, thumb.OpSTRB, thumb.OpSTRH, thumb.OpSTRT, thumb.OpSTRBT, thumb.OpSTRHT,
		thumb.OpLDRD, thumb.OpSTRD, thumb.OpLDM, thumb.OpLDMDB, thumb.OpSTM, thumb.OpSTMDB,
		thumb.OpPUSH, thumb.OpPOP, thumb.OpTBB, thumb.OpTBH,
		thumb.OpVLDR, thumb.OpVSTR, thumb.OpVLDM, thumb.OpVLDMDB, thumb.OpVSTM, thumb.OpVSTMDB,
		thumb.OpVPUSH, thumb.OpVPOP:
		if b := t.Base(in); b > 1 {
			return b - 1
		}
	}
	return 0
}

// Exception overheads (cortex-m7-timing.md §1.7: no Cortex-M7 figures are published;
// the Cortex-M3/M4 values are the baseline): entry 12 cycles (stacking and vector fetch
// in parallel), exit 10 (unstacking), tail-chain 6 (vector fetch only), each plus the
// wait states of the memory holding the stack and/or the vector table.
const (
	excEntryCycles     = 12
	excExitCycles      = 10
	excTailChainCycles = 6
)

func (t *Timing) excEntry(stackWS, vectorWS int) uint32 {
	if t.zero {
		return 0
	}
	return excEntryCycles + uint32(stackWS+vectorWS)
}

func (t *Timing) excExit(stackWS int) uint32 {
	if t.zero {
		return 0
	}
	return excExitCycles + uint32(stackWS)
}

func (t *Timing) excTailChain(vectorWS int) uint32 {
	if t.zero {
		return 0
	}
	return excTailChainCycles + uint32(vectorWS)
}

// refill is the cost of a taken branch to addr: P plus the target region's wait states.
func (t *Timing) refill(c *CPU, addr uint32) uint32 {
	if t.zero {
		return 0
	}
	return t.BranchPenalty + c.refillWait(addr)
}

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
	return t
}

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
		thumb.OpPUSH, thumb.OpPOP, thumb.OpTBB, thumb.OpTBH:
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

package cpu

import (
	"math/bits"

	"m7emu/cpu/thumb"
)

// Loads and stores: Arm DDI0403E.e A7.7 (LDR…STRHT, LDRD/STRD, LDM/STM, PUSH/POP,
// LDREX/STREX, CLREX, PLD/PLI, TBB/TBH). Field use is documented in cpu/thumb/ls.go.
//
// Rules shared by all of them:
//   - Every access happens before any register is written, so a fault (UNALIGNED or a
//     bus error) leaves the registers, including a writeback base, unchanged and the
//     instruction restartable (B1.5, "Exceptions in Load Multiple and Store Multiple
//     operations": the base register is restored and the instruction restarted).
//     Memory already written by an STM/PUSH before the fault stays written.
//   - Writes to SP clear bits [1:0] (B1.4.1: SP[1:0] are always zero; QEMU does the same).
//   - A loaded PC goes through LoadWritePC last, after any writeback.
//   - Unaligned accesses are allowed for LDR/STR/LDRH/STRH/LDRSH and the unprivileged
//     forms (MemU; CCR.UNALIGN_TRP is 0); LDM/STM/PUSH/POP, LDRD/STRD and the exclusives
//     are MemA and fault with UNALIGNED (A3.2.1).
//
// UNPREDICTABLE choices (decoded with FlagUnpredictable; QEMU behaves the same way):
//   - load with writeback and Rn == Rt: the base is written back, then the loaded
//     value is written (the loaded value wins); store with Rn == Rt stores the old Rt.
//   - LDRD with writeback and Rn in {Rt, Rt2}: the writeback wins (it is done last).
//   - STM with Rn in the list (T1, not lowest): the original Rn is stored.
//   - LDR/LDM/POP loading the PC inside an IT block but not last, or from an
//     unaligned address: LoadWritePC as usual (the IT state simply carries on).
//   - byte/halfword loads into PC (writeback and unprivileged forms, which objdump
//     prints as pld/pli/pldw): LoadWritePC; into SP: the value with bits [1:0] cleared.
//   - stores of the PC store the instruction's address + 4.
//   - LDM/STM T2 with one register, SP in the list, or PC and LR both loaded: executed
//     as written.
//
// The encodings decoded with FlagExecUndefined (cpu/thumb/ls.go: empty register lists,
// LDM/STM with Rn = PC or with writeback and Rn in the list, the exclusives' register
// rules, LDRD/STRD with the PC, stores with Rn = PC, register offsets with
// hw2[7:6] != 00) never reach these functions: the CPU binds them to the UNDEFINED
// execute function when it decodes them. (Nothing here could panic on them anyway:
// registers are indexed by 4-bit fields and an empty list makes no access.)

func registerLS(t *[thumb.NumOps]execFn) {
	t[thumb.OpLDR] = execLDR
	t[thumb.OpLDRB] = execLDRB
	t[thumb.OpLDRH] = execLDRH
	t[thumb.OpLDRSB] = execLDRSB
	t[thumb.OpLDRSH] = execLDRSH
	t[thumb.OpSTR] = execSTR
	t[thumb.OpSTRB] = execSTRB
	t[thumb.OpSTRH] = execSTRH
	t[thumb.OpLDRT] = execLDRT
	t[thumb.OpLDRBT] = execLDRBT
	t[thumb.OpLDRHT] = execLDRHT
	t[thumb.OpLDRSBT] = execLDRSBT
	t[thumb.OpLDRSHT] = execLDRSHT
	t[thumb.OpSTRT] = execSTRT
	t[thumb.OpSTRBT] = execSTRBT
	t[thumb.OpSTRHT] = execSTRHT
	t[thumb.OpLDRD] = execLDRD
	t[thumb.OpSTRD] = execSTRD
	t[thumb.OpLDM] = execLDM
	t[thumb.OpPOP] = execLDM // POP = LDM SP! (Rn = 13, FlagWBack)
	t[thumb.OpLDMDB] = execLDMDB
	t[thumb.OpSTM] = execSTM
	t[thumb.OpSTMDB] = execSTMDB
	t[thumb.OpPUSH] = execSTMDB // PUSH = STMDB SP! (Rn = 13, FlagWBack)
	t[thumb.OpLDREX] = execLDREX
	t[thumb.OpLDREXB] = execLDREXB
	t[thumb.OpLDREXH] = execLDREXH
	t[thumb.OpSTREX] = execSTREX
	t[thumb.OpSTREXB] = execSTREXB
	t[thumb.OpSTREXH] = execSTREXH
	t[thumb.OpCLREX] = execCLREX
	t[thumb.OpPLD] = execPLDPLI
	t[thumb.OpPLI] = execPLDPLI
	t[thumb.OpTBB] = execTBB
	t[thumb.OpTBH] = execTBH
}

// lsAddress computes offset_addr and address of a single load/store (the A7.7
// pseudocode): base Rn (Align(PC,4) for the literal forms, Rn = 15), plus or minus
// Imm (FlagImm) or Rm << ShiftN; address is offset_addr when indexing (P = 1), else Rn.
func lsAddress(c *CPU, in *thumb.Inst) (address, offsetAddr uint32) {
	base := c.R[in.Rn]
	if in.Rn == 15 {
		base &^= 3
	}
	off := in.Imm
	if in.Flags&thumb.FlagImm == 0 {
		off = c.R[in.Rm] << in.ShiftN
	}
	if in.Flags&thumb.FlagAdd != 0 {
		offsetAddr = base + off
	} else {
		offsetAddr = base - off
	}
	if in.Flags&thumb.FlagIndex != 0 {
		return offsetAddr, offsetAddr
	}
	return base, offsetAddr
}

// lsSetReg writes a general register other than the PC; SP keeps bits [1:0] zero.
func lsSetReg(c *CPU, r uint8, v uint32) {
	if r == 13 {
		v &^= 3
	}
	c.R[r] = v
}

// lsWriteback performs the base register update of FlagWBack forms.
func lsWriteback(c *CPU, in *thumb.Inst, offsetAddr uint32) {
	if in.Flags&thumb.FlagWBack != 0 {
		lsSetReg(c, in.Rn, offsetAddr)
	}
}

// lsLoadResult writes a loaded value to Rt after the writeback (Rt = PC: LoadWritePC).
func lsLoadResult(c *CPU, t uint8, v uint32) {
	if t == 15 {
		c.LoadWritePC(v)
		return
	}
	lsSetReg(c, t, v)
}

func execLDR(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	v, ok := c.Read32(address)
	if !ok {
		return
	}
	lsWriteback(c, in, offsetAddr)
	lsLoadResult(c, in.Rd, v)
}

func execLDRB(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	v, ok := c.Read8(address)
	if !ok {
		return
	}
	lsWriteback(c, in, offsetAddr)
	lsLoadResult(c, in.Rd, v)
}

func execLDRH(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	v, ok := c.Read16(address)
	if !ok {
		return
	}
	lsWriteback(c, in, offsetAddr)
	lsLoadResult(c, in.Rd, v)
}

func execLDRSB(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	v, ok := c.Read8(address)
	if !ok {
		return
	}
	lsWriteback(c, in, offsetAddr)
	lsLoadResult(c, in.Rd, uint32(int32(int8(v))))
}

func execLDRSH(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	v, ok := c.Read16(address)
	if !ok {
		return
	}
	lsWriteback(c, in, offsetAddr)
	lsLoadResult(c, in.Rd, uint32(int32(int16(v))))
}

func execSTR(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	if !c.Write32(address, c.R[in.Rd]) {
		return
	}
	lsWriteback(c, in, offsetAddr)
}

func execSTRB(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	if !c.Write8(address, c.R[in.Rd]) {
		return
	}
	lsWriteback(c, in, offsetAddr)
}

func execSTRH(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	if !c.Write16(address, c.R[in.Rd]) {
		return
	}
	lsWriteback(c, in, offsetAddr)
}

// The unprivileged forms (A7.7.49 LDRT …, A7.7.165 STRT …) access memory as if the
// core were unprivileged (MemU_unpriv): c.unpriv makes the MPU check and the PPB
// privilege check (mem.go) treat the access as unprivileged. They never write back
// (offset addressing only).

func execLDRT(c *CPU, in *thumb.Inst)   { c.unpriv = true; execLDR(c, in); c.unpriv = false }
func execLDRBT(c *CPU, in *thumb.Inst)  { c.unpriv = true; execLDRB(c, in); c.unpriv = false }
func execLDRHT(c *CPU, in *thumb.Inst)  { c.unpriv = true; execLDRH(c, in); c.unpriv = false }
func execLDRSBT(c *CPU, in *thumb.Inst) { c.unpriv = true; execLDRSB(c, in); c.unpriv = false }
func execLDRSHT(c *CPU, in *thumb.Inst) { c.unpriv = true; execLDRSH(c, in); c.unpriv = false }
func execSTRT(c *CPU, in *thumb.Inst)   { c.unpriv = true; execSTR(c, in); c.unpriv = false }
func execSTRBT(c *CPU, in *thumb.Inst)  { c.unpriv = true; execSTRB(c, in); c.unpriv = false }
func execSTRHT(c *CPU, in *thumb.Inst)  { c.unpriv = true; execSTRH(c, in); c.unpriv = false }

// execLDRD: LDRD (immediate/literal), A7.7.50/A7.7.51. Both words are MemA.
func execLDRD(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	if !c.checkAlign(address, 4, in) {
		return
	}
	v1, ok := c.Read32(address)
	if !ok {
		return
	}
	v2, ok := c.Read32(address + 4)
	if !ok {
		return
	}
	lsSetReg(c, in.Rd, v1)
	lsSetReg(c, in.Ra, v2)
	lsWriteback(c, in, offsetAddr)
}

// execSTRD: STRD (immediate), A7.7.163.
func execSTRD(c *CPU, in *thumb.Inst) {
	address, offsetAddr := lsAddress(c, in)
	if !c.checkAlign(address, 4, in) {
		return
	}
	if !c.Write32(address, c.R[in.Rd]) || !c.Write32(address+4, c.R[in.Ra]) {
		return
	}
	lsWriteback(c, in, offsetAddr)
}

// lsLoadMultiple loads the registers of in.List from consecutive words at address
// (MemA), then commits them, the writeback (to wbValue) and, last, a loaded PC.
func lsLoadMultiple(c *CPU, in *thumb.Inst, address, wbValue uint32) {
	if !c.checkAlign(address, 4, in) {
		return
	}
	var vals [16]uint32
	for l := in.List; l != 0; l &= l - 1 {
		v, ok := c.Read32(address)
		if !ok {
			return
		}
		vals[bits.TrailingZeros16(l)] = v
		address += 4
	}
	for l := in.List & 0x7FFF; l != 0; l &= l - 1 {
		i := uint8(bits.TrailingZeros16(l))
		lsSetReg(c, i, vals[i])
	}
	if in.Flags&thumb.FlagWBack != 0 {
		lsSetReg(c, in.Rn, wbValue)
	}
	if in.List&0x8000 != 0 {
		c.LoadWritePC(vals[15])
	}
}

// execLDM: LDM/LDMIA (A7.7.40) and POP (A7.7.99).
func execLDM(c *CPU, in *thumb.Inst) {
	base := c.R[in.Rn]
	lsLoadMultiple(c, in, base, base+4*uint32(bits.OnesCount16(in.List)))
}

// execLDMDB: LDMDB (A7.7.41).
func execLDMDB(c *CPU, in *thumb.Inst) {
	start := c.R[in.Rn] - 4*uint32(bits.OnesCount16(in.List))
	lsLoadMultiple(c, in, start, start)
}

// lsStoreMultiple stores the registers of in.List to consecutive words at address
// (MemA), then writes wbValue back to Rn. Registers are read before the writeback, so
// a base in the list stores its original value.
func lsStoreMultiple(c *CPU, in *thumb.Inst, address, wbValue uint32) {
	if !c.checkAlign(address, 4, in) {
		return
	}
	for l := in.List; l != 0; l &= l - 1 {
		if !c.Write32(address, c.R[bits.TrailingZeros16(l)]) {
			return
		}
		address += 4
	}
	if in.Flags&thumb.FlagWBack != 0 {
		lsSetReg(c, in.Rn, wbValue)
	}
}

// execSTM: STM/STMIA (A7.7.156).
func execSTM(c *CPU, in *thumb.Inst) {
	base := c.R[in.Rn]
	lsStoreMultiple(c, in, base, base+4*uint32(bits.OnesCount16(in.List)))
}

// execSTMDB: STMDB (A7.7.157) and PUSH (A7.7.101).
func execSTMDB(c *CPU, in *thumb.Inst) {
	start := c.R[in.Rn] - 4*uint32(bits.OnesCount16(in.List))
	lsStoreMultiple(c, in, start, start)
}

// Exclusives (A7.7.52–54, A7.7.167–169): accesses are MemA, so the alignment is
// checked first, even when the store-exclusive then fails (A3.2.1).

func execLDREX(c *CPU, in *thumb.Inst) {
	address := c.R[in.Rn] + in.Imm
	if !c.checkAlign(address, 4, in) {
		return
	}
	v, ok := c.Read32(address)
	if !ok {
		return
	}
	c.SetExclusiveMonitors(address)
	c.R[in.Rd] = v
}

func execLDREXB(c *CPU, in *thumb.Inst) {
	address := c.R[in.Rn]
	v, ok := c.Read8(address)
	if !ok {
		return
	}
	c.SetExclusiveMonitors(address)
	c.R[in.Rd] = v
}

func execLDREXH(c *CPU, in *thumb.Inst) {
	address := c.R[in.Rn]
	if !c.checkAlign(address, 2, in) {
		return
	}
	v, ok := c.Read16(address)
	if !ok {
		return
	}
	c.SetExclusiveMonitors(address)
	c.R[in.Rd] = v
}

func execSTREX(c *CPU, in *thumb.Inst) {
	address := c.R[in.Rn] + in.Imm
	if !c.checkAlign(address, 4, in) {
		return
	}
	if !c.ExclusiveMonitorsPass(address) {
		c.R[in.Ra] = 1
		return
	}
	if c.Write32(address, c.R[in.Rd]) {
		c.R[in.Ra] = 0
	}
}

func execSTREXB(c *CPU, in *thumb.Inst) {
	address := c.R[in.Rn]
	if !c.ExclusiveMonitorsPass(address) {
		c.R[in.Ra] = 1
		return
	}
	if c.Write8(address, c.R[in.Rd]) {
		c.R[in.Ra] = 0
	}
}

func execSTREXH(c *CPU, in *thumb.Inst) {
	address := c.R[in.Rn]
	if !c.checkAlign(address, 2, in) {
		return
	}
	if !c.ExclusiveMonitorsPass(address) {
		c.R[in.Ra] = 1
		return
	}
	if c.Write16(address, c.R[in.Rd]) {
		c.R[in.Ra] = 0
	}
}

// execCLREX: CLREX (A7.7.23).
func execCLREX(c *CPU, in *thumb.Inst) { c.ClearExclusiveLocal() }

// execPLDPLI: PLD, PLI and the unallocated memory hints (A5.3.8) have no architectural
// effect; no caches are modelled, so they do nothing (not even a bus access).
func execPLDPLI(c *CPU, in *thumb.Inst) {}

// execTBB/execTBH: table branch (A7.7.182): branch forward by twice the unsigned
// byte/halfword at Rn + Rm (TBB) or Rn + 2*Rm (TBH); Rn = PC reads as address + 4.
func execTBB(c *CPU, in *thumb.Inst) {
	v, ok := c.Read8(c.R[in.Rn] + c.R[in.Rm])
	if !ok {
		return
	}
	c.BranchWritePC(c.R[15] + 2*v)
}

func execTBH(c *CPU, in *thumb.Inst) {
	v, ok := c.Read16(c.R[in.Rn] + c.R[in.Rm]<<1)
	if !ok {
		return
	}
	c.BranchWritePC(c.R[15] + 2*v)
}

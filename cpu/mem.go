package cpu

import (
	"encoding/binary"

	"m7emu/bus"
	"m7emu/cpu/thumb"
)

// Data accesses. Each returns ok=false after recording a fault; the caller must then
// return without further effects. Unaligned word and halfword accesses are allowed
// (CCR.UNALIGN_TRP is 0 at reset on the Cortex-M7, B3.2.8); instructions that
// architecturally require alignment call checkAlign first.

// Read reads width w at addr as a data access of the current instruction.
func (c *CPU) read(addr uint32, w bus.Width) (uint32, bool) {
	if c.memSlow && !c.checkData(addr, w, false) {
		return 0, false
	}
	r := c.bus.Find(addr)
	if r != nil && r.Kind != bus.KindDevice {
		off := addr - r.Base
		if uint32(w) <= r.Size-off {
			if !c.timing.zero {
				c.extra += uint32(r.WaitStates)
				c.LSUCycles += uint64(r.WaitStates)
			}
			m := r.Mem[off:]
			switch w {
			case 1:
				return uint32(m[0]), true
			case 2:
				return uint32(binary.LittleEndian.Uint16(m)), true
			default:
				return binary.LittleEndian.Uint32(m), true
			}
		}
	}
	if addr>>20 == 0xE00 && (!c.Privileged() || c.unpriv) && c.exc != nil && !c.ppbUnprivilegedOK(addr, false) {
		c.setFault(FaultPreciseBus, addr, errUnprivPPB, nil)
		return 0, false
	}
	v, err := c.bus.Read(addr, w)
	if err != nil {
		c.setFault(FaultPreciseBus, addr, err, nil)
		return 0, false
	}
	return v, true
}

func (c *CPU) write(addr uint32, w bus.Width, v uint32) bool {
	if c.memSlow && !c.checkData(addr, w, true) {
		return false
	}
	r := c.bus.Find(addr)
	if r != nil && r.Kind == bus.KindRAM {
		off := addr - r.Base
		if uint32(w) <= r.Size-off {
			m := r.Mem[off:]
			switch w {
			case 1:
				m[0] = byte(v)
			case 2:
				binary.LittleEndian.PutUint16(m, uint16(v))
			default:
				binary.LittleEndian.PutUint32(m, v)
			}
			r.NotifyWrite(off, uint32(w))
			return true
		}
	}
	if addr>>20 == 0xE00 && (!c.Privileged() || c.unpriv) && c.exc != nil && !c.ppbUnprivilegedOK(addr, true) {
		c.setFault(FaultPreciseBus, addr, errUnprivPPB, nil)
		return false
	}
	if err := c.bus.Write(addr, w, v); err != nil {
		c.setFault(FaultPreciseBus, addr, err, nil)
		return false
	}
	// A device write may change what the core must check (NVIC/SCB, MPU_CTRL, a
	// peripheral pending an interrupt): look again before the next instruction.
	c.attn = true
	return true
}

const errUnprivPPB = errString("unprivileged access to the Private Peripheral Bus")

// Read8/16/32 and Write8/16/32 are the data accessors the execute functions use.
func (c *CPU) Read8(addr uint32) (uint32, bool)  { return c.read(addr, 1) }
func (c *CPU) Read16(addr uint32) (uint32, bool) { return c.read(addr, 2) }
func (c *CPU) Read32(addr uint32) (uint32, bool) { return c.read(addr, 4) }

func (c *CPU) Write8(addr, v uint32) bool  { return c.write(addr, 1, v) }
func (c *CPU) Write16(addr, v uint32) bool { return c.write(addr, 2, v) }
func (c *CPU) Write32(addr, v uint32) bool { return c.write(addr, 4, v) }

// checkAlign faults with UNALIGNED if addr is not a multiple of n (for LDM/STM,
// LDRD/STRD, LDREX/STREX and friends, which always trap: A3.2.1).
func (c *CPU) checkAlign(addr, n uint32, in *thumb.Inst) bool {
	if addr&(n-1) != 0 {
		c.setFault(FaultUnaligned, addr, nil, in)
		return false
	}
	return true
}

// SetExclusiveMonitors and ExclusiveMonitorsPass implement the local monitor
// (A3.4). The reservation granule is the exact address (as QEMU does).
func (c *CPU) SetExclusiveMonitors(addr uint32) {
	c.exclValid = true
	c.exclAddr = addr
}

// ExclusiveMonitorsPass reports whether a store-exclusive to addr may proceed and
// clears the monitor either way.
func (c *CPU) ExclusiveMonitorsPass(addr uint32) bool {
	ok := c.exclValid && c.exclAddr == addr
	c.exclValid = false
	return ok
}

// ClearExclusiveLocal is CLREX (and exception entry/return).
func (c *CPU) ClearExclusiveLocal() { c.exclValid = false }

package cpu

import "math/bits"

// AddWithCarry is the pseudocode AddWithCarry (A2.2.1).
func AddWithCarry(x, y uint32, carryIn bool) (result uint32, carry, overflow bool) {
	var ci uint32
	if carryIn {
		ci = 1
	}
	sum, c := bits.Add32(x, y, ci)
	result = sum
	carry = c != 0
	overflow = (^(x ^ y) & (x ^ sum) >> 31) != 0
	return
}

// Shift_C is the pseudocode Shift_C (A7.4.2). amount 0 returns the value and carry
// unchanged. For RRX the amount must be 1.
func Shift_C(v uint32, typ uint8, amount uint32, carryIn bool) (uint32, bool) {
	if amount == 0 {
		return v, carryIn
	}
	switch typ {
	case 0: // LSL
		if amount > 32 {
			return 0, false
		}
		if amount == 32 {
			return 0, v&1 != 0
		}
		return v << amount, (v>>(32-amount))&1 != 0
	case 1: // LSR
		if amount > 32 {
			return 0, false
		}
		if amount == 32 {
			return 0, v>>31 != 0
		}
		return v >> amount, (v>>(amount-1))&1 != 0
	case 2: // ASR
		if amount >= 32 {
			if int32(v) < 0 {
				return 0xFFFFFFFF, true
			}
			return 0, false
		}
		return uint32(int32(v) >> amount), (v>>(amount-1))&1 != 0
	case 3: // ROR
		r := bits.RotateLeft32(v, -int(amount&31))
		return r, r>>31 != 0
	default: // RRX
		var ci uint32
		if carryIn {
			ci = 1
		}
		return v>>1 | ci<<31, v&1 != 0
	}
}

// Shift is the pseudocode Shift: Shift_C without the carry.
func Shift(v uint32, typ uint8, amount uint32, carryIn bool) uint32 {
	r, _ := Shift_C(v, typ, amount, carryIn)
	return r
}

// SignedSatQ is the pseudocode SignedSatQ (A2.2.1): saturate i to an n-bit signed
// value (1 <= n <= 32); the bool reports saturation.
func SignedSatQ(i int64, n uint) (uint32, bool) {
	max := int64(1)<<(n-1) - 1
	min := -(int64(1) << (n - 1))
	switch {
	case i > max:
		return uint32(max), true
	case i < min:
		return uint32(min), true
	}
	return uint32(i), false
}

// UnsignedSatQ is the pseudocode UnsignedSatQ: saturate i to an n-bit unsigned value
// (0 <= n <= 31).
func UnsignedSatQ(i int64, n uint) (uint32, bool) {
	max := int64(1)<<n - 1
	switch {
	case i > max:
		return uint32(max), true
	case i < 0:
		return 0, true
	}
	return uint32(i), false
}

// ConditionPassed evaluates a condition against the flags (A7.3.1).
func (c *CPU) ConditionPassed(cond uint8) bool {
	var r bool
	switch cond >> 1 {
	case 0:
		r = c.Z
	case 1:
		r = c.C
	case 2:
		r = c.N
	case 3:
		r = c.V
	case 4:
		r = c.C && !c.Z
	case 5:
		r = c.N == c.V
	case 6:
		r = c.N == c.V && !c.Z
	default:
		return true
	}
	if cond&1 != 0 && cond != 15 {
		return !r
	}
	return r
}

// setNZ sets N and Z from a result.
func (c *CPU) setNZ(v uint32) {
	c.N = int32(v) < 0
	c.Z = v == 0
}

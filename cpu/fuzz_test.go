package cpu

import (
	"encoding/binary"
	"testing"
)

// FuzzExecute runs arbitrary code with arbitrary register values: whatever the bytes,
// the core must never panic, and a stop must carry a reason. (Decoding alone is
// fuzzed in cpu/thumb.)
func FuzzExecute(f *testing.F) {
	f.Add([]byte{0x01, 0x20, 0x0a, 0x80, 0xfc, 0xe7}, uint32(0x100), uint32(0x20000000))
	f.Add([]byte{0x00, 0xde}, uint32(0), uint32(0))
	f.Add([]byte{0x41, 0xf2, 0x34, 0x20, 0xbd, 0xe8, 0xf0, 0x8f}, uint32(0xffffffff), uint32(0x2000fff0))
	f.Add([]byte{0xdf, 0xe8, 0x01, 0xf0, 0x02, 0x04, 0x06}, uint32(3), uint32(0x100))
	f.Fuzz(func(t *testing.T, code []byte, a, b uint32) {
		if len(code) > 512 {
			code = code[:512]
		}
		hws := make([]uint16, (len(code)+1)/2)
		for i := range hws {
			var two [2]byte
			copy(two[:], code[2*i:])
			hws[i] = binary.LittleEndian.Uint16(two[:])
		}
		c := newTestCPU(t, hws...)
		for i := 0; i < 13; i++ {
			c.R[i] = a + uint32(i)*b
		}
		for i := 0; i < 2000; i++ {
			s := c.Step()
			if s != nil {
				if s.Reason == StopNone || (s.Reason == StopFault && s.Fault == nil) {
					t.Fatalf("stop without a reason: %+v", s)
				}
				if s.Reason == StopSleep {
					c.Resume()
					continue
				}
				return
			}
		}
	})
}

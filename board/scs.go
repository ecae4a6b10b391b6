package board

import (
	"m7emu/bus"
	"m7emu/mpu"
	"m7emu/nvic"
	"m7emu/periph/systick"
)

// The system control space (Arm DDI0403E B3.2, 0xE000_E000–0xE000_EFFF) holds several
// blocks; scsRouter sends each access to its owner:
//
//	0x000–0x00F, 0x100–0xCFF, 0xD00–0xD8F, 0xF00–0xFFF   NVIC and SCB (nvic.Owns)
//	0x010–0x0FF                                          SysTick (B3.3)
//	0xD90–0xDBB                                          MPU (B3.5)
//	0xDF0–0xDFF                                          CoreDebug (C1.6)
//
// Other offsets are reserved: reads as zero, writes ignored.
const (
	scsBase     = 0xE000_E000
	scsSize     = 0x1000
	offSysTick  = systick.Base - scsBase
	offMPU      = mpu.Base - scsBase
	offDebug    = 0xDF0
	sizeDebug   = 0x10
	sysTickSpan = 0xF0 // 0x010–0x0FF
)

type scsRouter struct {
	nvic    *nvic.NVIC
	systick *systick.SysTick
	mpu     *mpu.MPU
	debug   bus.Device
}

// route returns the block owning off and the offset within it, or nil for reserved space.
func (r *scsRouter) route(off uint32) (bus.Device, uint32) {
	switch {
	case nvic.Owns(off):
		return r.nvic, off
	case off >= offSysTick && off < offSysTick+sysTickSpan:
		if off-offSysTick < systick.Size {
			return r.systick, off - offSysTick
		}
	case off >= offMPU && off < offMPU+mpu.Size:
		return r.mpu, off - offMPU
	case off >= offDebug && off < offDebug+sizeDebug:
		return r.debug, off - offDebug
	}
	return nil, 0
}

func (r *scsRouter) Read(off uint32, w bus.Width) (uint32, error) {
	if d, o := r.route(off); d != nil {
		return d.Read(o, w)
	}
	return 0, nil
}

func (r *scsRouter) Write(off uint32, w bus.Width, v uint32) error {
	if d, o := r.route(off); d != nil {
		return d.Write(o, w, v)
	}
	return nil
}

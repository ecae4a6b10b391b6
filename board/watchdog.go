package board

import (
	"fmt"

	"m7emu/bus"
	"m7emu/periph/iwdg"
	"m7emu/periph/rcc"
	"m7emu/periph/rtc"
	"m7emu/periph/wwdg"
)

// watchdogRows are the F769 SoC table rows for the RTC and the independent and window
// watchdogs (RM0410 §29, §23, §24; bases RM0410 §2.2.2; IRQs §10.2 Table 46: WWDG early
// wakeup 0; RTC TAMP_STAMP 2, RTC_WKUP 3, RTC_Alarm 41, which the basic RTC model
// does not drive).
func watchdogRows() []SoCPeriph {
	return []SoCPeriph{
		{Name: "RTC", Model: "rtc", Base: rtc.Base, Size: rtc.Size, IRQs: []int{2, 3, 41}, Clock: "APB1"},
		{Name: "WWDG", Model: "wwdg", Base: wwdg.Base, Size: wwdg.Size, IRQs: []int{wwdg.IRQ}, Clock: "APB1"},
		{Name: "IWDG", Model: "iwdg", Base: iwdg.Base, Size: iwdg.Size, Clock: "APB1"},
	}
}

// newWatchdog builds a watchdog row. Their resets go through the board's system reset
// with the RCC_CSR flag of the watchdog (IWDGRSTF, WWDGRSTF; RM0410 §5.3.21), unless
// Config.NoWatchdog is set.
func (b *Board) newWatchdog(p SoCPeriph) (bus.Device, error) {
	switch p.Model {
	case "rtc":
		b.RTC = rtc.New(rtc.Config{Sched: b.Sched, Now: b.now, CPUHz: b.RCC.HCLK, Clock: b.RCC.RTCClock,
			BackupWritable: func() bool { return b.PWR == nil || b.PWR.BackupWritable() }})
		return b.RTC, nil
	case "iwdg":
		b.IWDG = iwdg.New(iwdg.Config{Sched: b.Sched, Now: b.now, CPUHz: b.RCC.HCLK,
			OnReset: func() { b.watchdogReset("IWDG", rcc.FlagIWDG) }})
		return b.IWDG, nil
	case "wwdg":
		cfg := wwdg.Config{Sched: b.Sched, Now: b.now,
			APBDivider: func() uint64 {
				if p1 := b.RCC.PCLK1(); p1 != 0 {
					return b.RCC.HCLK() / p1
				}
				return 1
			},
			OnReset: func() { b.watchdogReset("WWDG", rcc.FlagWWDG) }}
		if len(p.IRQs) > 0 {
			cfg.IRQ = b.NVIC.Line(p.IRQs[0])
		}
		b.WWDG = wwdg.New(cfg)
		return b.WWDG, nil
	}
	return nil, fmt.Errorf("board %s: peripheral %s: unknown model %q", b.Machine.Name, p.Name, p.Model)
}

// watchdogReset performs the system reset a watchdog asks for. It runs from the
// scheduler, between the core's runs (at an instruction boundary).
func (b *Board) watchdogReset(name string, flag uint32) {
	if b.cfg.NoWatchdog {
		return
	}
	if err := b.systemResetFlags(flag); err != nil && b.cfg.Warn != nil {
		b.cfg.Warn(fmt.Sprintf("%s reset failed: %v", name, err))
	}
}

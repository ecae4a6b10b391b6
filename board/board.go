package board

import (
	"fmt"
	"io"

	"m7emu/bus"
	"m7emu/cpu"
	"m7emu/irq"
	"m7emu/loader"
	"m7emu/mpu"
	"m7emu/nvic"
	"m7emu/periph/dwt"
	"m7emu/periph/exti"
	"m7emu/periph/gpio"
	"m7emu/periph/iwdg"
	"m7emu/periph/pwr"
	"m7emu/periph/rcc"
	"m7emu/periph/rtc"
	"m7emu/periph/syscfg"
	"m7emu/periph/systick"
	"m7emu/periph/usart"
	"m7emu/periph/wwdg"
	"m7emu/sched"
	"m7emu/semihost"
	"m7emu/trace"
)

// Config configures a board.
type Config struct {
	Machine string // machine name; "" = DefaultMachine

	Stdin          io.Reader // semihosting reads
	Stdout, Stderr io.Writer // semihosting output (firmware output)
	Warn           func(msg string)
	SemihostRoot   string // --semihosting-root ("" = no host files)
	Cmdline        string // SYS_GET_CMDLINE
	Functional     bool   // one cycle per instruction, no wait states

	Demangle func(string) string // symbol demangler for loaded images

	// ITM receives writes to the ITM stimulus ports (nil: dropped).
	ITM func(port int, data []byte)
	// NoCatchHardFault lets HardFault handlers run; by default the run stops on
	// HardFault entry with a fault report, as probe-rs does (vector catch).
	NoCatchHardFault bool
	// NoSleepSkip makes a sleeping core tick through time one cycle at a time
	// instead of jumping to the next event (for tests: both must give identical runs).
	NoSleepSkip bool
	// Console names the USART whose output goes to Stdout as raw bytes and which
	// ConsoleInput feeds ("" = "usart1", the ST-LINK virtual COM port). Machines
	// without USARTs ignore it.
	Console string
	// Seed selects the RNG's value stream (RM0410 §22; the model is deterministic):
	// equal seeds give equal streams. 0 = DefaultSeed.
	Seed uint64

	// Board devices and host controls (devices.go, inputs.go).
	GPIOLog    io.Writer   // one line per output-pin change: "gpio 0.500000000 PJ13 1" (nil: none)
	Presses    []Press     // scripted button presses
	UARTInputs []UARTInput // scripted console input

	// Trace receives the board's observable events (trace.go; nil: none), with the
	// optional kinds TraceDetail selects.
	Trace       trace.Sink
	TraceDetail trace.Detail

	// NoWatchdog keeps the IWDG and WWDG counting but drops the system resets they
	// ask for (--no-watchdog: for debugging firmware that does not feed them).
	NoWatchdog bool
}

// Board is a machine with its core, memory, scheduler and semihosting host.
type Board struct {
	Machine *Machine
	Bus     *bus.Bus
	CPU     *cpu.CPU
	Sched   *sched.Scheduler
	Clock   *sched.Clock
	Image   *loader.Image
	NVIC    *nvic.NVIC
	SysTick *systick.SysTick
	MPU     *mpu.MPU
	Debug   *dwt.Unit // DWT, ITM and CoreDebug

	// SoC peripherals (nil on machines without them; see soc.go).
	RCC    *rcc.RCC
	PWR    *pwr.PWR
	SYSCFG *syscfg.SYSCFG
	EXTI   *exti.EXTI
	IWDG   *iwdg.IWDG // watchdog.go
	WWDG   *wwdg.WWDG
	RTC    *rtc.RTC

	host      *semihost.Host
	exit      *semihost.Exit
	cfg       Config
	regions   map[string]*bus.Region
	resetters []interface{ Reset() } // devices with a local reset, in table order
	periphs   []socDev               // SoC peripherals, in table order
	clocked   []interface{ ClockChanged() }
	gpio      [gpio.NumPorts]*gpio.Port // by port index (A = 0); see GPIO
	console   *usart.USART
	irqOr     map[int]*irq.Or // OR gates of shared NVIC inputs, by IRQ number (lookup only)
	hardFault bool            // the run stopped on HardFault entry
	asleep    bool            // the core is asleep (for the trace's sleep/wake events)
	stopMsg   string          // RequestStop's reason, until the run returns
	ev        trace.Event     // emit's scratch event

	consolePinsChecked bool // checkConsolePins has run (it warns once per board)
}

// New builds a board with empty memory. Load firmware with LoadELF, then Reset.
func New(cfg Config) (*Board, error) {
	name := cfg.Machine
	if name == "" {
		name = DefaultMachine
	}
	m, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	if cfg.Warn == nil {
		cfg.Warn = func(string) {}
	}
	b := &Board{Machine: m, Bus: bus.New(), Sched: sched.New(), Clock: sched.NewClock(m.ResetHz), cfg: cfg,
		regions: make(map[string]*bus.Region)}
	for _, spec := range m.Regions {
		var r *bus.Region
		if spec.AliasOf != "" {
			orig := b.regions[spec.AliasOf]
			if orig == nil {
				return nil, fmt.Errorf("board %s: region %s aliases unknown %s", m.Name, spec.Name, spec.AliasOf)
			}
			if r, err = b.Bus.Alias(spec.Name, spec.Base, orig); err != nil {
				return nil, err
			}
		} else {
			r = &bus.Region{Name: spec.Name, Base: spec.Base, Size: spec.Size, Kind: spec.Kind, Mem: make([]byte, spec.Size)}
			if spec.Init != nil {
				spec.Init(r.Mem)
			}
			if err := b.Bus.Map(r); err != nil {
				return nil, err
			}
		}
		b.regions[spec.Name] = r
	}
	for _, d := range m.Devices {
		dev := d.New(b)
		if err := b.Bus.Map(&bus.Region{Name: d.Name, Base: d.Base, Size: d.Size, Kind: bus.KindDevice, Dev: dev}); err != nil {
			return nil, err
		}
		if r, ok := dev.(interface{ Reset() }); ok {
			b.resetters = append(b.resetters, r)
		}
	}
	b.Sched.OnSchedule = func(t sched.Cycle) { b.CPU.ShortenRun(t) }
	if err := b.mapCore(); err != nil {
		return nil, err
	}
	if err := b.buildSoC(); err != nil {
		return nil, err
	}
	if err := b.buildDevices(); err != nil { // devices.go: LEDs, buttons, GPIO log, scripted inputs
		return nil, err
	}
	stdout, stderr := cfg.Stdout, cfg.Stderr
	if cfg.Trace != nil {
		stdout = traceWriter{b: b, w: stdout, kind: trace.Semihost, src: "stdout"}
		stderr = traceWriter{b: b, w: stderr, kind: trace.Semihost, src: "stderr"}
	}
	b.host = semihost.New(semihost.Config{
		Stdin: cfg.Stdin, Stdout: stdout, Stderr: stderr,
		Root: cfg.SemihostRoot, Cmdline: cfg.Cmdline, Clock: boardClock{b}, Warn: cfg.Warn,
	})
	b.traceWrites()
	return b, nil
}

// mapCore builds the processor's own blocks (NVIC/SCB, SysTick, MPU, DWT, ITM,
// CoreDebug) and the core, and maps the private peripheral bus.
func (b *Board) mapCore() error {
	m := b.Machine
	b.NVIC = nvic.New(nvic.Config{NumIRQ: m.NumIRQ, PrioBits: m.PrioBits, VTOR: m.BootAddr, CPUID: m.CPUID,
		OnChange:         func() { b.CPU.ExceptionsChanged() },
		OnEvent:          func() { b.CPU.SignalEvent() },
		OnSysReset:       func() { b.CPU.RequestReset() },
		CurrentException: func() int { return int(b.CPU.IPSR) }})
	b.MPU = mpu.New(mpu.Config{Regions: m.MPURegions})
	timing := cpu.DefaultTiming()
	if b.cfg.Functional {
		timing = cpu.FunctionalTiming()
	}
	b.CPU = cpu.New(cpu.Config{Bus: b.Bus, Timing: timing, Exceptions: b.NVIC, MPU: b.MPU,
		Hooks: cpu.Hooks{BKPT: b.bkpt, Exception: b.exception}})
	var ref func() uint64
	if m.SysTickRefDivider != 0 {
		ref = func() uint64 { return m.SysTickRefDivider }
	}
	b.SysTick = systick.New(systick.Config{Sched: b.Sched, IRQ: b.NVIC.SystemLine(nvic.SysTick),
		Now: func() sched.Cycle { return b.CPU.Cycles }, RefDivider: ref, Calib: m.SysTickCalib})
	b.Debug = dwt.New(dwt.Config{ITM: b.cfg.ITM, Monitor: b.NVIC.SystemLine(nvic.DebugMonitor),
		Counters: func() dwt.Counters {
			c := b.CPU
			return dwt.Counters{Cycles: c.Cycles, Instructions: c.Instret, SleepCycles: c.SleepCycles,
				ExcCycles: c.ExcCycles, LSUCycles: c.LSUCycles, PC: c.CurrentPC()}
		}})
	b.resetters = append(b.resetters, b.NVIC, b.SysTick, b.MPU)
	scs := &scsRouter{nvic: b.NVIC, systick: b.SysTick, mpu: b.MPU, debug: b.Debug.Debug()}
	for _, r := range []*bus.Region{
		{Name: "ITM", Base: dwt.ITMBase, Size: dwt.ITMSize, Kind: bus.KindDevice, Dev: b.Debug.ITM()},
		{Name: "DWT", Base: dwt.DWTBase, Size: dwt.DWTSize, Kind: bus.KindDevice, Dev: b.Debug.DWT()},
		{Name: "SCS", Base: scsBase, Size: scsSize, Kind: bus.KindDevice, Dev: scs},
	} {
		if err := b.Bus.Map(r); err != nil {
			return err
		}
	}
	return nil
}

// exception is the core's exception hook: the HardFault vector catch.
func (b *Board) exception(exc int, entry bool) {
	if b.traceOn() {
		b.traceWake() // an exception entered after a sleep: the wake comes first
		k := trace.ExcReturn
		if entry {
			k = trace.ExcEntry
		}
		b.emit(trace.Event{Kind: k, Num: int64(exc), Text: b.ExceptionName(exc)})
	}
	if entry && exc == nvic.HardFault && !b.cfg.NoCatchHardFault {
		b.hardFault = true
		b.CPU.Halt("HardFault")
	}
}

// setFlashWaitStates applies FLASH_ACR.LATENCY to every view of the flash.
func (b *Board) setFlashWaitStates(n int) {
	for _, r := range b.Bus.Regions() {
		if r.Kind == bus.KindFlash {
			r.WaitStates = n
		}
	}
}

// boardClock gives semihosting the emulated time.
type boardClock struct{ b *Board }

func (c boardClock) Ticks() uint64    { return c.b.CPU.Cycles }
func (c boardClock) TickFreq() uint64 { return c.b.Clock.Hz() }
func (c boardClock) Nanos() uint64    { return c.b.Clock.Nanos(c.b.CPU.Cycles) }

// LoadOptions returns the loader options that describe this machine's memory.
func (b *Board) LoadOptions() loader.Options {
	o := loader.Options{BootAddr: b.Machine.BootAddr, Demangle: b.cfg.Demangle}
	for _, spec := range b.Machine.Regions {
		if !spec.Load {
			continue
		}
		if spec.AliasOf != "" {
			o.Aliases = append(o.Aliases, loader.Alias{From: spec.Base, To: b.regions[spec.AliasOf].Base, Size: spec.Size})
			continue
		}
		o.Regions = append(o.Regions, loader.Region{Name: spec.Name, Base: spec.Base, Size: spec.Size})
	}
	return o
}

// LoadELF parses an ELF image for this machine and writes its segments to memory.
func (b *Board) LoadELF(data []byte) error {
	img, err := loader.Parse(data, b.LoadOptions())
	if err != nil {
		return err
	}
	return b.Load(img)
}

// Load writes a parsed image's segments to memory.
func (b *Board) Load(img *loader.Image) error {
	for _, s := range img.Segments {
		if err := b.Bus.Load(s.Phys, s.Data); err != nil {
			return fmt.Errorf("loading segment %d: %w", s.Index, err)
		}
		// Zero the rest of the footprint (RAM-loaded .bss).
		if n := s.MemSize - uint32(len(s.Data)); s.MemSize > uint32(len(s.Data)) {
			if err := b.Bus.Load(s.Phys+uint32(len(s.Data)), make([]byte, n)); err != nil {
				return fmt.Errorf("zeroing segment %d: %w", s.Index, err)
			}
		}
	}
	b.Image = img
	return nil
}

// Reset resets the core (from the machine's boot address) and the scheduler.
func (b *Board) Reset() error {
	b.Sched.Reset()
	b.Clock = sched.NewClock(b.Machine.ResetHz)
	b.exit = nil
	b.hardFault = false
	b.asleep = false
	b.stopMsg = ""
	if b.RCC != nil {
		b.RCC.Reset() // first: the clocks the other devices' resets read
	}
	for _, r := range b.resetters {
		r.Reset()
	}
	b.Debug.Reset() // power-on reset of the debug logic
	if err := b.host.Reset(); err != nil {
		return err
	}
	if err := b.CPU.Reset(b.Machine.BootAddr); err != nil {
		return err
	}
	b.emit(trace.Event{Kind: trace.Reset, Src: "power-on"})
	return nil
}

// systemReset is the local reset AIRCR.SYSRESETREQ asks for: the core and the devices
// return to their reset state and the core boots again; memory, the debug logic and
// simulated time carry on (RM0410 §5.1.2: a system reset keeps SRAM contents).
func (b *Board) systemReset() error {
	return b.systemResetFlags(rcc.FlagSFT) // software reset (RM0410 §5.1.2)
}

// systemResetFlags is a system reset recorded in RCC_CSR with flags (rcc.Flag*); the
// clock goes back to HSI.
func (b *Board) systemResetFlags(flags uint32) error {
	b.hardFault = false
	if b.RCC != nil {
		b.RCC.SystemReset(flags)
	}
	for _, r := range b.resetters {
		r.Reset()
	}
	if err := b.CPU.SystemReset(b.Machine.BootAddr); err != nil {
		return err
	}
	b.asleep = false
	b.emit(trace.Event{Kind: trace.Reset, Src: resetCause(flags)})
	return nil
}

// RequestStop ends the run at the next instruction boundary (or at once if the core
// sleeps) with the outcome Requested and msg: host-side checks such as --expect-text
// call it from output callbacks.
func (b *Board) RequestStop(msg string) {
	if b.stopMsg == "" {
		b.stopMsg = msg
		b.CPU.Halt(msg)
	}
}

// bkpt handles BKPT: 0xAB is a semihosting call (conventions.md §1).
func (b *Board) bkpt(imm uint8) bool {
	if imm != 0xAB {
		return false
	}
	c := b.CPU
	r0, exit := b.host.Call(b.Bus, c.R[0], c.R[1])
	c.R[0] = r0
	if exit != nil {
		b.exit = exit
		c.Halt("semihosting exit")
	}
	return true
}

// Close releases host resources (files opened through semihosting).
func (b *Board) Close() error { return b.host.Close() }

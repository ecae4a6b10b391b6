package board

import (
	"fmt"
	"sort"
	"strings"

	"m7emu/bus"
	"m7emu/periph/flashif"
	"m7emu/periph/systick"
)

// RegionSpec is one row of a machine's memory table.
type RegionSpec struct {
	Name    string
	Base    uint32
	Size    uint32
	Kind    bus.Kind
	AliasOf string // if set, this row is a second view of the named region
	Load    bool   // firmware segments may be loaded here
	// Init fills the region's memory at reset (ROM contents).
	Init func(mem []byte)
}

// DeviceSpec is one memory-mapped device of a machine's table. New builds the device
// from the board's parts (narrow dependencies only: the device never sees the board).
type DeviceSpec struct {
	Name string
	Base uint32
	Size uint32
	New  func(b *Board) bus.Device
}

// Machine describes a board.
type Machine struct {
	Name        string
	Description string
	Regions     []RegionSpec
	// BootAddr is where the core reads its vector table at reset (VTOR's reset value).
	BootAddr uint32
	// ResetHz is the core clock at reset.
	ResetHz uint64
	Devices []DeviceSpec
	// SoC returns the table of on-chip peripherals (soc.go); nil: none.
	SoC func() []SoCPeriph

	// Core configuration.
	NumIRQ     int      // external interrupts
	IRQNames   []string // interrupt names by number ("" or missing: "IRQn")
	PrioBits   int      // implemented priority bits
	CPUID      uint32   // SCB CPUID (0: Cortex-M7 r1p0, as on the STM32F769)
	MPURegions int      // MPU_TYPE.DREGION
	// SysTick reference clock: CPU cycles per reference tick (0: none) and CALIB.
	SysTickRefDivider uint64
	SysTickCalib      uint32
}

// F769 flash and RAM geometry (RM0410 §2.2, stm32f769xx.h).
const (
	F769ITCMRAMBase  = 0x0000_0000 // RAMITCM_BASE, 16 KiB
	F769FlashITCM    = 0x0020_0000 // FLASHITCM_BASE: flash seen on the ITCM interface
	F769FlashAXIM    = 0x0800_0000 // FLASHAXI_BASE: flash seen on the AXIM interface
	F769FlashSize    = 2 << 20
	F769RAMBase      = 0x2000_0000 // RAMDTCM_BASE: DTCM 128 KiB + SRAM1 368 KiB + SRAM2 16 KiB
	F769RAMSize      = 512 << 10
	F769BKPSRAMBase  = 0x4002_4000 // BKPSRAM_BASE, 4 KiB
	F769SystemBase   = 0x1FF0_0000 // system memory (bootloader), OTP, UID, flash size
	F769SystemSize   = 0x1_0000
	F769UIDAddr      = 0x1FF0_F420 // UID_BASE: 96-bit unique device ID (RM0410 §45.1)
	F769FlashSizeReg = 0x1FF0_F442 // FLASHSIZE_BASE: flash size in KiB (RM0410 §45.2)
)

// f769UID is the unique ID our board reports: a fixed value (determinism), shaped like
// a real one (X/Y wafer coordinates, wafer number, lot number in ASCII).
var f769UID = [12]byte{0x2a, 0x00, 0x31, 0x00, 0x07, 0x51, 0x37, 0x4d, 0x37, 0x45, 0x4d, 0x55}

func f769System(mem []byte) {
	copy(mem[F769UIDAddr-F769SystemBase:], f769UID[:])
	off := F769FlashSizeReg - F769SystemBase
	const kib = F769FlashSize >> 10
	mem[off] = byte(kib & 0xFF)
	mem[off+1] = byte(kib >> 8)
}

var machines = map[string]*Machine{
	"stm32f769i-disco": {
		Name:        "stm32f769i-disco",
		Description: "ST STM32F769I-DISCO (STM32F769NI, Cortex-M7 with FPv5-D16)",
		BootAddr:    F769FlashITCM, // BOOT0=0: BOOT_ADD0 reset value 0x0080 -> 0x0020_0000 (RM0410 §2.4)
		ResetHz:     16_000_000,    // HSI (RM0410 §5.2)
		NumIRQ:      110,           // RM0410 §10.1.2 Table 46 (IRQ 0..109)
		IRQNames:    f769IRQNames[:],
		PrioBits:    4, // RM0410 §10.1.1 (16 programmable priority levels)
		MPURegions:  8, // PM0253 §4.6 (STM32F7 MPU: 8 regions)
		// SysTick external reference: HCLK/8 (RM0410 §5.2, Figure 13); the core
		// runs on HCLK, so 8 CPU cycles per tick. CALIB from PM0253 §4.5.4.
		SysTickRefDivider: 8,
		SysTickCalib:      systick.CalibSTM32F7,
		SoC:               f769SoC,
		Regions: []RegionSpec{
			{Name: "itcm-ram", Base: F769ITCMRAMBase, Size: 16 << 10, Kind: bus.KindRAM, Load: true},
			{Name: "flash", Base: F769FlashAXIM, Size: F769FlashSize, Kind: bus.KindFlash, Load: true},
			{Name: "flash-itcm", Base: F769FlashITCM, Size: F769FlashSize, Kind: bus.KindFlash, AliasOf: "flash", Load: true},
			{Name: "ram", Base: F769RAMBase, Size: F769RAMSize, Kind: bus.KindRAM, Load: true},
			{Name: "bkpsram", Base: F769BKPSRAMBase, Size: 4 << 10, Kind: bus.KindRAM, Load: true},
			{Name: "system", Base: F769SystemBase, Size: F769SystemSize, Kind: bus.KindROM, Init: f769System},
		},
		Devices: []DeviceSpec{
			{Name: "FLASH", Base: 0x4002_3C00, Size: flashif.Size, New: func(b *Board) bus.Device {
				return flashif.New(flashif.Config{SetWaitStates: b.setFlashWaitStates})
			}},
		},
	},
	"mps2-an500": {
		Name:        "mps2-an500",
		Description: "Arm MPS2 AN500 (QEMU's Cortex-M7 machine; oracle for differential tests)",
		BootAddr:    0,
		ResetHz:     25_000_000, // QEMU's mps2 SYSCLK
		// As QEMU 7.2 presents it (measured): ICTR reads 0 (32 IRQs), 8 priority
		// bits, Cortex-M7 r1p2, a 1 MHz SysTick reference clock.
		NumIRQ:            32,
		PrioBits:          8,
		CPUID:             0x411F_C272,
		MPURegions:        8,
		SysTickRefDivider: 25,
		SysTickCalib:      systick.CalibMPS2,
		Regions: []RegionSpec{
			{Name: "ssram1", Base: 0x0000_0000, Size: 4 << 20, Kind: bus.KindRAM, Load: true},
			{Name: "ssram23", Base: 0x2000_0000, Size: 4 << 20, Kind: bus.KindRAM, Load: true},
			{Name: "psram", Base: 0x6000_0000, Size: 16 << 20, Kind: bus.KindRAM, Load: true},
		},
	},
}

// DefaultMachine is the board m7emu emulates unless told otherwise.
const DefaultMachine = "stm32f769i-disco"

// Lookup returns the machine with the given name.
func Lookup(name string) (*Machine, error) {
	if m, ok := machines[name]; ok {
		return m, nil
	}
	return nil, fmt.Errorf("unknown machine %q (known: %s)", name, strings.Join(MachineNames(), ", "))
}

// MachineNames lists the machines, sorted.
func MachineNames() []string {
	var names []string
	for n := range machines {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

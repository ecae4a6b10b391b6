package tim

// Kind is a timer family.
type Kind uint8

// Timer families of the STM32F76xxx.
const (
	Advanced Kind = iota // TIM1, TIM8 (RM0410 §26)
	General4             // TIM2–TIM5 (RM0410 §27)
	General2             // TIM9, TIM12 (RM0410 §28, two channels)
	General1             // TIM10, TIM11, TIM13, TIM14 (RM0410 §28, one channel)
	Basic                // TIM6, TIM7 (RM0410 §29)
)

// NoIRQ marks an interrupt source the timer does not have.
const NoIRQ = -1

// IRQs are the NVIC inputs (IRQ numbers, vector position) of a timer's interrupt
// sources. Shared vectors (TIM1_BRK_TIM9, TIM8_BRK_TIM12, ...) appear under both timers:
// the board ORs the lines.
type IRQs struct {
	Update, CC, TrgCom, Break int
}

// Instance describes one timer of the SoC.
type Instance struct {
	Name     string
	Base     uint32
	Bus      string // "APB1" or "APB2": which timer clock (TIMxCLK) it runs on (RM0410 §5.2)
	Kind     Kind
	Width    int // counter width in bits (32 for TIM2 and TIM5)
	Channels int // capture/compare channels
	IRQ      IRQs
}

// Size is the address space each timer occupies.
const Size = 0x400

// Instances lists every timer of the STM32F769 with its base (ST stm32f769xx.h, SVD) and
// IRQ numbers (RM0410 NVIC vector table, ST stm32f769xx.h; the SVD lists some of
// them, checked by TestInstancesAgainstSVD). For the GP and basic timers all
// sources share one vector.
var Instances = []Instance{
	{"TIM1", 0x4001_0000, "APB2", Advanced, 16, 4, IRQs{25, 27, 26, 24}},
	{"TIM2", 0x4000_0000, "APB1", General4, 32, 4, IRQs{28, 28, 28, NoIRQ}},
	{"TIM3", 0x4000_0400, "APB1", General4, 16, 4, IRQs{29, 29, 29, NoIRQ}},
	{"TIM4", 0x4000_0800, "APB1", General4, 16, 4, IRQs{30, 30, 30, NoIRQ}},
	{"TIM5", 0x4000_0C00, "APB1", General4, 32, 4, IRQs{50, 50, 50, NoIRQ}},
	{"TIM6", 0x4000_1000, "APB1", Basic, 16, 0, IRQs{54, NoIRQ, NoIRQ, NoIRQ}},
	{"TIM7", 0x4000_1400, "APB1", Basic, 16, 0, IRQs{55, NoIRQ, NoIRQ, NoIRQ}},
	{"TIM8", 0x4001_0400, "APB2", Advanced, 16, 4, IRQs{44, 46, 45, 43}},
	{"TIM9", 0x4001_4000, "APB2", General2, 16, 2, IRQs{24, 24, 24, NoIRQ}},
	{"TIM10", 0x4001_4400, "APB2", General1, 16, 1, IRQs{25, 25, NoIRQ, NoIRQ}},
	{"TIM11", 0x4001_4800, "APB2", General1, 16, 1, IRQs{26, 26, NoIRQ, NoIRQ}},
	{"TIM12", 0x4000_1800, "APB1", General2, 16, 2, IRQs{43, 43, 43, NoIRQ}},
	{"TIM13", 0x4000_1C00, "APB1", General1, 16, 1, IRQs{44, 44, NoIRQ, NoIRQ}},
	{"TIM14", 0x4000_2000, "APB1", General1, 16, 1, IRQs{45, 45, NoIRQ, NoIRQ}},
}

// Lookup returns the instance with the given name.
func Lookup(name string) (Instance, bool) {
	for _, in := range Instances {
		if in.Name == name {
			return in, true
		}
	}
	return Instance{}, false
}

func (in Instance) layout() *layout {
	switch in.Kind {
	case Advanced:
		return &layoutAdvanced
	case General4:
		switch in.Name {
		case "TIM2":
			return &layoutTIM2
		case "TIM3":
			return &layoutTIM3
		}
		return &layoutGP4
	case General2:
		return &layoutGP2
	case General1:
		return &layoutGP1
	}
	return &layoutBasic
}

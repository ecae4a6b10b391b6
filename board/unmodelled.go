package board

import (
	"m7emu/bus"
	"m7emu/periph/latch"
)

// svdPeripheral is one row of a generated SVD table (svdtable_gen.go): a peripheral
// of the vendor's SVD with its base, address-block size and registers.
type svdPeripheral struct {
	Name string
	Base uint32
	Size uint32
	Regs []latch.Register
}

// unmodelledTables gives, by machine name, the SVD table whose unmodelled peripherals
// the board fills with plain-register stand-ins (lookup only, never iterated).
var unmodelledTables = map[string][]svdPeripheral{
	"stm32f769i-disco": f769SVD,
}

// mapUnmodelled maps a latch.Latch for every peripheral of the machine's SVD table
// whose address block does not touch anything already mapped, so unknown init code
// reads reset values and its writes stick instead of faulting; each latch warns once,
// on its first access, through Config.Warn. It runs after the SoC table is built, so
// the modelled peripherals (and the flash interface, RAMs, ...) take precedence: a
// block that overlaps a mapped region even partly is skipped whole (on the F769 none
// overlaps partly: each modelled peripheral covers its SVD block). The SVD blocks do
// not overlap each other; should a table list overlapping blocks, the one of lower
// base (the first in the table) wins and the rest are skipped. Addresses outside
// every block stay unmapped: a precise BusFault, as on silicon for reserved space.
func (b *Board) mapUnmodelled() error {
	table := unmodelledTables[b.Machine.Name]
	for _, p := range table {
		if p.Size == 0 || b.Bus.Find(p.Base) != nil || b.overlapsMapped(p.Base, p.Size) {
			continue
		}
		l := latch.New(latch.Config{Name: p.Name, Base: p.Base, Regs: p.Regs, Warn: b.cfg.Warn})
		if err := b.Bus.Map(&bus.Region{Name: p.Name, Base: p.Base, Size: p.Size, Kind: bus.KindDevice, Dev: l}); err != nil {
			return err
		}
		b.resetters = append(b.resetters, l)
	}
	return nil
}

// overlapsMapped reports whether [base, base+size) meets any mapped region.
func (b *Board) overlapsMapped(base, size uint32) bool {
	end := uint64(base) + uint64(size)
	for _, r := range b.Bus.Regions() {
		if uint64(r.Base) < end && uint64(base) < uint64(r.Base)+uint64(r.Size) {
			return true
		}
	}
	return false
}

package cpu

import "m7emu/cpu/thumb"

// Placeholder: the mul group registers its execute functions here.
func registerMul(t *[thumb.NumOps]execFn) {}

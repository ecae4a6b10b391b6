package cpu

import "m7emu/cpu/thumb"

// Placeholder: the br group registers its execute functions here.
func registerBr(t *[thumb.NumOps]execFn) {}

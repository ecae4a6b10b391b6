package cpu

import "m7emu/cpu/thumb"

// Placeholder: the ls group registers its execute functions here.
func registerLS(t *[thumb.NumOps]execFn) {}

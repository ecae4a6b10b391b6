package cpu

import "m7emu/cpu/thumb"

// Placeholder: the dp group registers its execute functions here.
func registerDP(t *[thumb.NumOps]execFn) {}

package cpu

import "m7emu/cpu/thumb"

// execTable maps each Op to its execute function. Each instruction group registers
// its own ops (exec_dp.go, exec_ls.go, exec_mul.go, exec_br.go).
var execTable = buildExecTable()

func buildExecTable() [thumb.NumOps]execFn {
	var t [thumb.NumOps]execFn
	t[thumb.OpUNDEFINED] = execUndefined
	registerDP(&t)
	registerLS(&t)
	registerMul(&t)
	registerBr(&t)
	registerFP(&t)
	return t
}

package thumb

// Placeholder: the mul group's tables and formatter are filled in by its owner.

var mulRules16 = []rule{}

var mulRules32 = []rule{}

func fmtMul(in *Inst, ctx *Context) (string, bool) { return "", false }

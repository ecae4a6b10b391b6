package thumb

// Placeholder: the br group's tables and formatter are filled in by its owner.

var brRules16 = []rule{}

var brRules32 = []rule{}

func fmtBr(in *Inst, ctx *Context) (string, bool) { return "", false }

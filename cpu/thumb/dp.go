package thumb

// Placeholder: the dp group's tables and formatter are filled in by its owner.

var dpRules16 = []rule{}

var dpRules32 = []rule{}

func fmtDP(in *Inst, ctx *Context) (string, bool) { return "", false }

package thumb

// Placeholder: the ls group's tables and formatter are filled in by its owner.

var lsRules16 = []rule{}

var lsRules32 = []rule{}

func fmtLS(in *Inst, ctx *Context) (string, bool) { return "", false }

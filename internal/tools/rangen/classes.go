package rangen

import "fmt"

// A class generates one item: normally one instruction, preceded by MOVW/MOVT set-up when an
// address needs a base register (never inside IT blocks or skipped regions). Inside an IT block
// (g.it) a class must emit exactly one instruction or return false. References are to Arm DDI0403E
// (ARMv7-M ARM), chapter A7, whose per-encoding UNPREDICTABLE rules the operand choices respect.
type class struct {
	name   string
	weight int
	inIT   bool // may appear inside an IT block
	fn     func(g *gen) bool
}

// classes is filled in by init: itBlock refers to it.
var classes []class

func init() {
	classes = []class{
		{"dp-imm", 8, true, (*gen).dpImm},
		{"dp-reg", 7, true, (*gen).dpReg},
		{"dp-shifted", 7, true, (*gen).dpShifted},
		{"shift", 6, true, (*gen).shift},
		{"movw-movt", 4, true, (*gen).movwt},
		{"mul", 6, true, (*gen).mul},
		{"dsp-mul", 9, true, (*gen).dspMul},
		{"div", 5, true, (*gen).div},
		{"sat", 6, true, (*gen).sat},
		{"parallel", 9, true, (*gen).parallel},
		{"pack-extend", 6, true, (*gen).packExt},
		{"bitfield-rev", 6, true, (*gen).bitops},
		{"it", 9, false, (*gen).itBlock},
		{"ldst-imm", 8, true, (*gen).ldstImm},
		{"ldst-reg", 5, true, (*gen).ldstReg},
		{"ldm-ldrd", 6, true, (*gen).ldmLdrd},
		{"exclusive", 4, false, (*gen).exclusive},
		{"pc-sp", 5, true, (*gen).pcsp},
		{"sys", 3, true, (*gen).sys},
		{"branch", 3, false, (*gen).branch},
	}
}

// ClassNames lists the instruction classes in the order Image.Stats counts them.
func ClassNames() []string {
	n := make([]string, len(classes))
	for i, c := range classes {
		n[i] = c.name
	}
	return n
}

func (g *gen) pickClass(inIT bool) int {
	total := 0
	for _, c := range classes {
		if !inIT || c.inIT {
			total += c.weight
		}
	}
	x := g.r.N(total)
	for i, c := range classes {
		if inIT && !c.inIT {
			continue
		}
		if x < c.weight {
			return i
		}
		x -= c.weight
	}
	return 0
}

// ---- data processing ----

type dpOp struct {
	name string
	kind int // 3: Rd, Rn, op2; 2: Rd, op2 (MOV/MVN); 1: Rn, op2 (compare/test, always sets flags)
}

var dpOps = []dpOp{
	{"and", 3}, {"bic", 3}, {"orr", 3}, {"orn", 3}, {"eor", 3}, {"add", 3}, {"adc", 3}, {"sbc", 3},
	{"sub", 3}, {"rsb", 3}, {"mov", 2}, {"mvn", 2}, {"tst", 1}, {"teq", 1}, {"cmn", 1}, {"cmp", 1},
}

// dp32 emits a 32-bit data-processing instruction with the given second operand text.
func (g *gen) dp32(op dpOp, op2 string) {
	switch op.kind {
	case 1:
		g.emit("%s %s, %s", g.m(op.name, false, ".w"), rn(g.reg()), op2)
	case 2:
		d := g.dst()
		g.emit("%s %s, %s", g.m(op.name, g.flag(), ".w"), rn(d), op2)
		g.clob(d)
	default:
		d := g.dst()
		g.emit("%s %s, %s, %s", g.m(op.name, g.flag(), ".w"), rn(d), rn(g.reg()), op2)
		g.clob(d)
	}
}

// dpImm: modified-immediate forms (A7.7.*, encoding T1/T2/T3 with ThumbExpandImm), ADDW/SUBW and the
// 16-bit immediate forms.
func (g *gen) dpImm() bool {
	switch x := g.r.N(10); {
	case x < 6:
		imm := g.modImm()
		g.dp32(pick(g.r, dpOps), fmt.Sprintf("#0x%x", imm))
	case x == 6:
		d := g.dst()
		g.emit("%s %s, %s, #%d", g.m(pick(g.r, []string{"addw", "subw"}), false, ""), rn(d), rn(g.reg()), g.r.N(4096))
		g.clob(d)
	default:
		d, n := g.dstLow(), g.low()
		switch g.r.N(7) {
		case 0:
			v := uint32(g.r.N(256))
			g.emit("%s %s, #%d", g.m16("mov"), rn(d), v)
			g.set(d, v)
			return true
		case 1:
			g.emit("%s %s, #%d", g.m("cmp", false, ".n"), rn(n), g.r.N(256))
			return true
		case 2:
			g.emit("%s %s, %s, #%d", g.m16("add"), rn(d), rn(n), g.r.N(8))
		case 3:
			g.emit("%s %s, %s, #%d", g.m16("sub"), rn(d), rn(n), g.r.N(8))
		case 4:
			g.emit("%s %s, #%d", g.m16("add"), rn(d), g.r.N(256))
		case 5:
			g.emit("%s %s, #%d", g.m16("sub"), rn(d), g.r.N(256))
		default:
			g.emit("%s %s, %s, #0", g.m16("rsb"), rn(d), rn(n))
		}
		g.clob(d)
	}
	return true
}

// dpReg: register forms without shift, 32-bit and all 16-bit register encodings.
func (g *gen) dpReg() bool {
	if g.r.N(5) < 2 {
		op := pick(g.r, dpOps)
		g.dp32(op, rn(g.reg()))
		return true
	}
	switch g.r.N(9) {
	case 0: // AND/EOR/ADC/SBC/ORR/BIC/MVN (register) T1, two operands
		d := g.dstLow()
		g.emit("%s %s, %s", g.m16(pick(g.r, []string{"and", "eor", "adc", "sbc", "orr", "bic", "mvn"})), rn(d), rn(g.low()))
		g.clob(d)
	case 1: // TST/CMP/CMN (register) T1
		g.emit("%s %s, %s", g.m(pick(g.r, []string{"tst", "cmp", "cmn"}), false, ".n"), rn(g.low()), rn(g.low()))
	case 2: // ADD/SUB (register) T1
		d := g.dstLow()
		g.emit("%s %s, %s, %s", g.m16(pick(g.r, []string{"add", "sub"})), rn(d), rn(g.low()), rn(g.low()))
		g.clob(d)
	case 3, 4: // ADD (register) T2: any registers except SP/PC here, no flags
		d := g.dst()
		g.emit("%s %s, %s", g.m("add", false, ".n"), rn(d), rn(g.reg()))
		g.clob(d)
	case 5: // CMP (register) T2: not both low, neither PC (A7.7.28)
		n, m := g.reg(), g.reg()
		for n < 8 && m < 8 {
			n, m = g.reg(), g.reg()
		}
		g.emit("%s %s, %s", g.m("cmp", false, ".n"), rn(n), rn(m))
	case 6, 7: // MOV (register) T1: any registers, no flags
		d := g.dst()
		g.emit("%s %s, %s", g.m("mov", false, ".n"), rn(d), rn(g.reg()))
		g.clob(d)
	default: // MOVS (register) T2: low registers, not permitted in an IT block
		if g.it {
			return false
		}
		d := g.dstLow()
		g.emit("movs.n %s, %s", rn(d), rn(g.low()))
		g.clob(d)
	}
	return true
}

// dpShifted: 32-bit register forms with an immediate shift, RRX included.
func (g *gen) dpShifted() bool {
	op := pick(g.r, dpOps)
	sh := g.shiftOp()
	if op.name == "mov" {
		// MOV (register) with a shift is written with the shift mnemonic (same encoding, T3); GAS
		// refuses "movs.w rd, rm, asr #n" for low registers.
		d, m, s := g.dst(), g.reg(), g.flag()
		if sh == "rrx" {
			g.emit("%s %s, %s", g.m("rrx", s, ""), rn(d), rn(m))
		} else {
			g.emit("%s %s, %s, %s", g.m(sh[:3], s, ".w"), rn(d), rn(m), sh[4:])
		}
		g.clob(d)
		return true
	}
	g.dp32(op, rn(g.reg())+", "+sh)
	return true
}

// shiftReg picks a shift-amount register, preferring one whose bottom byte is known to be small.
func (g *gen) shiftReg(cands []int) int {
	if g.r.N(2) == 0 {
		for _, r := range g.shuffled(cands) {
			if g.known[r] && g.val[r]&0xff <= 40 {
				return r
			}
		}
	}
	return pick(g.r, cands)
}

// shift: LSL/LSR/ASR/ROR/RRX by immediate and by register, 16- and 32-bit.
func (g *gen) shift() bool {
	switch g.r.N(6) {
	case 0: // 16-bit immediate (LSL #0 would be MOVS, not allowed in IT; so 1..31)
		d := g.dstLow()
		op := pick(g.r, []string{"lsl", "lsr", "asr"})
		lim := 32
		if op == "lsl" {
			lim = 31
		}
		g.emit("%s %s, %s, #%d", g.m16(op), rn(d), rn(g.low()), g.r.RangeIn(1, lim))
		g.clob(d)
	case 1: // 16-bit register
		d := g.dstLow()
		g.emit("%s %s, %s", g.m16(pick(g.r, []string{"lsl", "lsr", "asr", "ror"})), rn(d), rn(g.shiftReg(lowRegs())))
		g.clob(d)
	case 2, 3: // 32-bit immediate
		d := g.dst()
		var amt int
		op := pick(g.r, []string{"lsl", "lsr", "asr", "ror", "rrx"})
		switch op {
		case "lsl":
			amt = g.r.RangeIn(0, 31)
		case "ror":
			amt = g.r.RangeIn(1, 31)
		case "rrx":
			g.emit("%s %s, %s", g.m("rrx", g.flag(), ""), rn(d), rn(g.reg()))
			g.clob(d)
			return true
		default:
			amt = g.r.RangeIn(1, 32)
		}
		g.emit("%s %s, %s, #%d", g.m(op, g.flag(), ".w"), rn(d), rn(g.reg()), amt)
		g.clob(d)
	default: // 32-bit register
		d := g.dst()
		g.emit("%s %s, %s, %s", g.m(pick(g.r, []string{"lsl", "lsr", "asr", "ror"}), g.flag(), ".w"), rn(d), rn(g.reg()), rn(g.shiftReg(pool)))
		g.clob(d)
	}
	return true
}

// movwt: MOVW, MOVT, MOV/MVN (immediate) wide, MOVS (immediate) narrow.
func (g *gen) movwt() bool {
	d := g.dst()
	imm16 := uint32(g.r.U32() >> 16)
	if g.r.N(3) == 0 {
		imm16 = pick(g.r, specials) & 0xffff
	}
	switch g.r.N(5) {
	case 0, 1:
		g.emit("%s %s, #0x%x", g.m("movw", false, ""), rn(d), imm16)
		g.set(d, imm16)
	case 2, 3:
		g.emit("%s %s, #0x%x", g.m("movt", false, ""), rn(d), imm16)
		if g.known[d] {
			g.set(d, g.val[d]&0xffff|imm16<<16)
		}
	default:
		imm := g.modImm()
		if g.r.N(2) == 0 {
			g.emit("%s %s, #0x%x", g.m("mov", g.flag(), ".w"), rn(d), imm)
			g.set(d, imm)
		} else {
			g.emit("%s %s, #0x%x", g.m("mvn", g.flag(), ".w"), rn(d), imm)
			g.set(d, ^imm)
		}
	}
	return true
}

// ---- multiplies ----

// long returns RdLo, RdHi for a 64-bit result; dHi == dLo is UNPREDICTABLE (A7.7.138 etc.).
func (g *gen) long() (int, int) {
	lo := g.dst()
	hi := g.dst()
	for hi == lo {
		hi = g.dst()
	}
	return lo, hi
}

func (g *gen) mul() bool {
	switch g.r.N(6) {
	case 0: // MUL T1: MULS Rdm, Rn, Rdm
		d := g.dstLow()
		g.emit("%s %s, %s, %s", g.m16("mul"), rn(d), rn(g.low()), rn(d))
		g.clob(d)
	case 1: // MUL T2 (no flag-setting form in T32)
		d := g.dst()
		g.emit("%s %s, %s, %s", g.m("mul", false, ".w"), rn(d), rn(g.reg()), rn(g.reg()))
		g.clob(d)
	case 2:
		d := g.dst()
		g.emit("%s %s, %s, %s, %s", g.m(pick(g.r, []string{"mla", "mls"}), false, ""), rn(d), rn(g.reg()), rn(g.reg()), rn(g.reg()))
		g.clob(d)
	default:
		lo, hi := g.long()
		g.emit("%s %s, %s, %s, %s", g.m(pick(g.r, []string{"umull", "smull", "umlal", "smlal", "umaal"}), false, ""), rn(lo), rn(hi), rn(g.reg()), rn(g.reg()))
		g.clob(lo, hi)
	}
	return true
}

var (
	dsp3 = []string{"smulbb", "smulbt", "smultb", "smultt", "smulwb", "smulwt", "smmul", "smmulr",
		"smuad", "smuadx", "smusd", "smusdx"}
	dsp4 = []string{"smlabb", "smlabt", "smlatb", "smlatt", "smlawb", "smlawt", "smmla", "smmlar",
		"smmls", "smmlsr", "smlad", "smladx", "smlsd", "smlsdx"}
	dspLong = []string{"smlalbb", "smlalbt", "smlaltb", "smlaltt", "smlald", "smlaldx", "smlsld", "smlsldx"}
)

func (g *gen) dspMul() bool {
	switch g.r.N(34) / 12 {
	case 0:
		d := g.dst()
		g.emit("%s %s, %s, %s", g.m(pick(g.r, dsp3), false, ""), rn(d), rn(g.reg()), rn(g.reg()))
		g.clob(d)
	case 1:
		d := g.dst()
		g.emit("%s %s, %s, %s, %s", g.m(pick(g.r, dsp4), false, ""), rn(d), rn(g.reg()), rn(g.reg()), rn(g.reg()))
		g.clob(d)
	default:
		lo, hi := g.long()
		g.emit("%s %s, %s, %s, %s", g.m(pick(g.r, dspLong), false, ""), rn(lo), rn(hi), rn(g.reg()), rn(g.reg()))
		g.clob(lo, hi)
	}
	return true
}

// knownWith returns a register known to hold v, or -1.
func (g *gen) knownWith(v uint32) int {
	for _, r := range g.shuffled(pool) {
		if g.known[r] && g.val[r] == v {
			return r
		}
	}
	return -1
}

// div: SDIV/UDIV, with extra weight on a zero divisor (result 0 while CCR.DIV_0_TRP is clear, its
// reset value; A7.7.127) and on INT_MIN / -1 (result INT_MIN).
func (g *gen) div() bool {
	op := pick(g.r, []string{"sdiv", "udiv"})
	n, m := g.reg(), g.reg()
	switch g.r.N(4) {
	case 0:
		if z := g.knownWith(0); z >= 0 {
			m = z
		} else if !g.cnd() {
			m = g.reg()
			g.emit("movw %s, #0", rn(m))
			g.set(m, 0)
		}
	case 1:
		op = "sdiv"
		a, b := g.knownWith(0x80000000), g.knownWith(0xffffffff)
		if !g.cnd() {
			if a < 0 {
				a = g.regNot(b)
				g.setup(a, 0x80000000)
			}
			if b < 0 {
				b = g.regNot(a)
				g.emit("mov.w %s, #-1", rn(b))
				g.set(b, 0xffffffff)
			}
		}
		if a >= 0 && b >= 0 {
			n, m = a, b
		}
	}
	d := g.dst()
	g.emit("%s %s, %s, %s", g.m(op, false, ""), rn(d), rn(n), rn(m))
	g.clob(d)
	return true
}

// ---- saturation, parallel, packing ----

func (g *gen) sat() bool {
	d, n := g.dst(), g.reg()
	switch g.r.N(6) {
	case 0, 1:
		op, lo, hi := "ssat", 1, 32
		if g.r.N(2) == 0 {
			op, lo, hi = "usat", 0, 31
		}
		sh := ""
		switch g.r.N(3) {
		case 0:
			sh = fmt.Sprintf(", lsl #%d", g.r.RangeIn(1, 31))
		case 1:
			sh = fmt.Sprintf(", asr #%d", g.r.RangeIn(1, 31)) // ASR #32 does not exist: sh=1, imm=0 is SSAT16/USAT16
		}
		g.emit("%s %s, #%d, %s%s", g.m(op, false, ""), rn(d), g.r.RangeIn(lo, hi), rn(n), sh)
	case 2:
		if g.r.N(2) == 0 {
			g.emit("%s %s, #%d, %s", g.m("ssat16", false, ""), rn(d), g.r.RangeIn(1, 16), rn(n))
		} else {
			g.emit("%s %s, #%d, %s", g.m("usat16", false, ""), rn(d), g.r.RangeIn(0, 15), rn(n))
		}
	default:
		g.emit("%s %s, %s, %s", g.m(pick(g.r, []string{"qadd", "qsub", "qdadd", "qdsub"}), false, ""), rn(d), rn(n), rn(g.reg()))
	}
	g.clob(d)
	return true
}

var parOps = func() []string {
	var o []string
	for _, p := range []string{"s", "q", "sh", "u", "uq", "uh"} {
		for _, op := range []string{"add16", "asx", "sax", "sub16", "add8", "sub8"} {
			o = append(o, p+op)
		}
	}
	return o
}()

// parallel: the 36 parallel add/subtract instructions (A5.3.11 via A6.3.x), SEL, USAD8, USADA8.
func (g *gen) parallel() bool {
	d := g.dst()
	switch x := g.r.N(44); {
	case x < 36:
		g.emit("%s %s, %s, %s", g.m(parOps[x], false, ""), rn(d), rn(g.reg()), rn(g.reg()))
	case x < 40:
		g.emit("%s %s, %s, %s", g.m("sel", false, ""), rn(d), rn(g.reg()), rn(g.reg()))
	case x < 42:
		g.emit("%s %s, %s, %s", g.m("usad8", false, ""), rn(d), rn(g.reg()), rn(g.reg()))
	default:
		g.emit("%s %s, %s, %s, %s", g.m("usada8", false, ""), rn(d), rn(g.reg()), rn(g.reg()), rn(g.reg()))
	}
	g.clob(d)
	return true
}

func (g *gen) rot() string {
	if r := g.r.N(4); r > 0 {
		return fmt.Sprintf(", ror #%d", 8*r)
	}
	return ""
}

func (g *gen) packExt() bool {
	switch g.r.N(6) {
	case 0:
		d := g.dst()
		if g.r.N(2) == 0 {
			g.emit("%s %s, %s, %s, lsl #%d", g.m("pkhbt", false, ""), rn(d), rn(g.reg()), rn(g.reg()), g.r.RangeIn(0, 31))
		} else {
			g.emit("%s %s, %s, %s, asr #%d", g.m("pkhtb", false, ""), rn(d), rn(g.reg()), rn(g.reg()), g.r.RangeIn(1, 32))
		}
		g.clob(d)
	case 1: // 16-bit SXTB/SXTH/UXTB/UXTH
		d := g.dstLow()
		g.emit("%s %s, %s", g.m(pick(g.r, []string{"sxtb", "sxth", "uxtb", "uxth"}), false, ".n"), rn(d), rn(g.low()))
		g.clob(d)
	case 2, 3:
		d := g.dst()
		op := pick(g.r, []string{"sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"})
		w := ""
		if len(op) == 4 {
			w = ".w"
		}
		g.emit("%s %s, %s%s", g.m(op, false, w), rn(d), rn(g.reg()), g.rot())
		g.clob(d)
	default:
		d := g.dst()
		g.emit("%s %s, %s, %s%s", g.m(pick(g.r, []string{"sxtab", "sxtah", "sxtab16", "uxtab", "uxtah", "uxtab16"}), false, ""), rn(d), rn(g.reg()), rn(g.reg()), g.rot())
		g.clob(d)
	}
	return true
}

// bitops: BFC/BFI/SBFX/UBFX, CLZ, RBIT, REV, REV16, REVSH.
func (g *gen) bitops() bool {
	d := g.dst()
	switch g.r.N(8) {
	case 0:
		lsb := g.r.N(32)
		g.emit("%s %s, #%d, #%d", g.m("bfc", false, ""), rn(d), lsb, g.r.RangeIn(1, 32-lsb))
	case 1:
		lsb := g.r.N(32)
		g.emit("%s %s, %s, #%d, #%d", g.m("bfi", false, ""), rn(d), rn(g.reg()), lsb, g.r.RangeIn(1, 32-lsb))
	case 2, 3:
		lsb := g.r.N(32)
		g.emit("%s %s, %s, #%d, #%d", g.m(pick(g.r, []string{"sbfx", "ubfx"}), false, ""), rn(d), rn(g.reg()), lsb, g.r.RangeIn(1, 32-lsb))
	case 4, 5:
		g.emit("%s %s, %s", g.m(pick(g.r, []string{"clz", "rbit"}), false, ""), rn(d), rn(g.reg()))
	case 6:
		d = g.dstLow()
		g.emit("%s %s, %s", g.m(pick(g.r, []string{"rev", "rev16", "revsh"}), false, ".n"), rn(d), rn(g.low()))
	default:
		g.emit("%s %s, %s", g.m(pick(g.r, []string{"rev", "rev16", "revsh"}), false, ".w"), rn(d), rn(g.reg()))
	}
	g.clob(d)
	return true
}

// ---- IT blocks ----

// itBlock: IT with 1–4 conditional instructions (A7.7.38). Flag-setting instructions inside the
// block change the outcome of the later conditions, as on hardware.
func (g *gen) itBlock() bool {
	k := g.r.RangeIn(1, 4)
	first := pick(g.r, conds)
	cs := []string{first}
	mask := "it"
	for i := 1; i < k; i++ {
		if g.r.N(2) == 0 {
			mask += "t"
			cs = append(cs, first)
		} else {
			mask += "e"
			cs = append(cs, invert(first))
		}
	}
	g.emit("%s %s", mask, first)
	g.it = true
	for i, c := range cs {
		g.cond, g.last = c, i == k-1
		for {
			if g.last && g.r.N(12) == 0 && g.branchIT() {
				break
			}
			ci := g.pickClass(true)
			if classes[ci].fn(g) {
				g.stats[ci]++
				break
			}
		}
	}
	g.it, g.cond, g.last = false, "", false
	return true
}

// ---- loads and stores ----

type ldst struct {
	name  string
	size  int
	store bool
	n16   bool // has 16-bit immediate-offset encoding
}

var ldstOps = []ldst{
	{"ldr", 4, false, true}, {"ldrb", 1, false, true}, {"ldrh", 2, false, true}, {"ldrsb", 1, false, false},
	{"ldrsh", 2, false, false}, {"str", 4, true, true}, {"strb", 1, true, true}, {"strh", 2, true, true},
}

// done records the register effects of a single load/store.
func (g *gen) done(op ldst, t int) {
	if !op.store {
		g.clob(t)
	}
}

// ldstImm: immediate-offset, pre-indexed, post-indexed and unprivileged (LDRT...) forms.
func (g *gen) ldstImm() bool {
	op := pick(g.r, ldstOps)
	sz := int64(op.size)
	mod, rem := g.align(op.size, true)
	switch g.r.N(12) {
	case 0, 1, 2: // 16-bit imm5 (T1): low registers, offset imm5*size
		if !op.n16 {
			return false
		}
		n, off, ok := g.base(lowRegs(), 0, 31*sz, sz, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.low()
		g.emit("%s %s, [%s, #%d]", g.m(op.name, false, ".n"), rn(t), rn(n), off)
		g.done(op, t)
	case 3, 4, 5: // T3: positive imm12
		n, off, ok := g.base(pool, 0, 4095, 1, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.reg()
		g.emit("%s %s, [%s, #%d]", g.m(op.name, false, ".w"), rn(t), rn(n), off)
		g.done(op, t)
	case 6: // T4: negative imm8
		n, off, ok := g.base(pool, -255, -1, 1, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.reg()
		g.emit("%s %s, [%s, %s]", g.m(op.name, false, ".w"), rn(t), rn(n), offStr(off))
		g.done(op, t)
	case 7, 8: // T4 pre-indexed with writeback; Rt != Rn
		n, off, ok := g.base(pool, -255, 255, 1, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.regNot(n)
		g.emit("%s %s, [%s, %s]!", g.m(op.name, false, ""), rn(t), rn(n), offStr(off))
		g.done(op, t)
		g.wback(n, off)
	case 9, 10: // T4 post-indexed: access at Rn, then Rn += imm; Rt != Rn
		n, _, ok := g.base(pool, 0, 0, 1, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.regNot(n)
		off := int64(g.r.RangeIn(-255, 255))
		g.emit("%s %s, [%s], %s", g.m(op.name, false, ""), rn(t), rn(n), offStr(off))
		g.done(op, t)
		g.wback(n, off)
	default: // LDRT/STRT family (T1): positive imm8, unprivileged access (privileged Thread mode here)
		n, off, ok := g.base(pool, 0, 255, 1, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.reg()
		g.emit("%s %s, [%s, #%d]", g.m(op.name+"t", false, ""), rn(t), rn(n), off)
		g.done(op, t)
	}
	return true
}

// regOffset finds Rn, Rm (both from cands) with Rn + (Rm << s) inside the buffer, setting Rn up
// with MOVW/MOVT when no known pair fits.
func (g *gen) regOffset(cands []int, s uint, sz, mod, rem int64) (n, m int, ok bool) {
	inBuf := func(a uint32) bool {
		x := int64(a)
		return x >= BufAddr && x <= BufAddr+BufSize-sz && x%mod == rem
	}
	order := g.shuffled(cands)
	for _, n := range order {
		if !g.known[n] {
			continue
		}
		for _, m := range g.shuffled(cands) {
			if g.known[m] && inBuf(g.val[n]+g.val[m]<<s) {
				return n, m, true
			}
		}
	}
	if g.cnd() {
		return 0, 0, false
	}
	for _, m := range order {
		if !g.known[m] {
			continue
		}
		n := order[0]
		if n == m {
			n = order[1]
		}
		a := uint32(g.bufAddr(sz, mod, rem))
		g.setup(n, a-g.val[m]<<s)
		return n, m, true
	}
	return 0, 0, false
}

// ldstReg: register-offset loads/stores (16-bit T1 and 32-bit T2 with LSL #0–3) and the preload
// hints PLD/PLI, which have no architectural effect.
func (g *gen) ldstReg() bool {
	if g.r.N(10) == 0 {
		op := pick(g.r, []string{"pld", "pli"})
		n := g.reg()
		switch g.r.N(3) {
		case 0:
			g.emit("%s [%s, #%d]", g.m(op, false, ""), rn(n), g.r.N(4096))
		case 1:
			g.emit("%s [%s, #-%d]", g.m(op, false, ""), rn(n), g.r.RangeIn(1, 255))
		default:
			g.emit("%s [%s, %s, lsl #%d]", g.m(op, false, ""), rn(n), rn(g.reg()), g.r.N(4))
		}
		return true
	}
	op := pick(g.r, ldstOps)
	sz := int64(op.size)
	mod, rem := g.align(op.size, true)
	if g.r.N(3) == 0 {
		n, m, ok := g.regOffset(lowRegs(), 0, sz, mod, rem)
		if !ok {
			return false
		}
		t := g.low()
		g.emit("%s %s, [%s, %s]", g.m(op.name, false, ".n"), rn(t), rn(n), rn(m))
		g.done(op, t)
		return true
	}
	s := uint(g.r.N(4))
	n, m, ok := g.regOffset(pool, s, sz, mod, rem)
	if !ok {
		return false
	}
	t := g.reg()
	sh := ""
	if s > 0 {
		sh = fmt.Sprintf(", lsl #%d", s)
	}
	g.emit("%s %s, [%s, %s%s]", g.m(op.name, false, ".w"), rn(t), rn(n), rn(m), sh)
	g.done(op, t)
	return true
}

// randList returns k distinct registers from cands in ascending order.
func (g *gen) randList(cands []int, k int) []int {
	s := g.shuffled(cands)[:k]
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j-1] > s[j]; j-- {
			s[j-1], s[j] = s[j], s[j-1]
		}
	}
	return s
}

// ldmLdrd: LDM/STM (IA/DB, with and without writeback, 16- and 32-bit) and LDRD/STRD
// (offset, pre- and post-indexed). All word-aligned, as these always fault when unaligned.
func (g *gen) ldmLdrd() bool {
	switch g.r.N(8) {
	case 0, 1, 2: // 32-bit LDM/STM (T2): >= 2 registers, no SP/PC, base not in list with writeback
		load, db, wb := g.r.N(2) == 0, g.r.N(3) == 0, g.r.N(2) == 0
		k := g.r.RangeIn(2, 8)
		lo, hi := int64(0), int64(0)
		if db {
			lo, hi = int64(4*k), int64(4*k)
		}
		n, off, ok := g.base(pool, -lo, -hi, 4, int64(4*k), 4, 0)
		if !ok {
			return false
		}
		_ = off
		cands := pool
		if wb {
			cands = without(pool, n)
		}
		list := g.randList(cands, k)
		name := "ldm"
		if !load {
			name = "stm"
		}
		w := ".w"
		if db {
			name += "db"
			w = ""
		}
		bang := ""
		if wb {
			bang = "!"
		}
		g.emit("%s %s%s, %s", g.m(name, false, w), rn(n), bang, regList(list))
		if load {
			g.clob(list...)
		}
		if wb {
			d := int64(4 * k)
			if db {
				d = -d
			}
			g.wback(n, d)
		}
	case 3, 4: // 16-bit LDM/STM (T1): low registers; LDM writes back unless Rn is in the list;
		// STM always writes back and its base is kept out of the list (a base that is not the
		// lowest register would store an UNKNOWN value, A7.7.159)
		load := g.r.N(2) == 0
		k := g.r.RangeIn(1, 5)
		n, _, ok := g.base(lowRegs(), 0, 0, 4, int64(4*k), 4, 0)
		if !ok {
			return false
		}
		var list []int
		if load && g.r.N(3) == 0 {
			list = append(g.randList(without(lowRegs(), n), k-1), n)
			list = g.randList(list, len(list))
			g.emit("%s %s, %s", g.m("ldm", false, ".n"), rn(n), regList(list))
			g.clob(list...)
			return true
		}
		list = g.randList(without(lowRegs(), n), k)
		if load {
			g.emit("%s %s!, %s", g.m("ldm", false, ".n"), rn(n), regList(list))
			g.clob(list...)
		} else {
			g.emit("%s %s!, %s", g.m("stm", false, ".n"), rn(n), regList(list))
		}
		g.wback(n, int64(4*k))
	default: // LDRD/STRD (T1): Rt != Rt2 for loads; with writeback Rn is neither (A7.7.50, A7.7.163)
		load := g.r.N(2) == 0
		mode := g.r.N(3)
		var n int
		var off int64
		var ok bool
		if mode == 2 {
			n, _, ok = g.base(pool, 0, 0, 4, 8, 4, 0)
			off = 4 * int64(g.r.RangeIn(-255, 255))
		} else {
			n, off, ok = g.base(pool, -1020, 1020, 4, 8, 4, 0)
		}
		if !ok {
			return false
		}
		var t, t2 int
		if mode == 0 {
			t = g.reg()
			if load {
				t2 = g.regNot(t)
			} else {
				t2 = g.reg()
			}
		} else {
			t = g.regNot(n)
			if load {
				t2 = g.regNot(n, t)
			} else {
				t2 = g.regNot(n)
			}
		}
		name := "ldrd"
		if !load {
			name = "strd"
		}
		switch mode {
		case 0:
			g.emit("%s %s, %s, [%s, %s]", g.m(name, false, ""), rn(t), rn(t2), rn(n), offStr(off))
		case 1:
			g.emit("%s %s, %s, [%s, %s]!", g.m(name, false, ""), rn(t), rn(t2), rn(n), offStr(off))
		default:
			g.emit("%s %s, %s, [%s], %s", g.m(name, false, ""), rn(t), rn(t2), rn(n), offStr(off))
		}
		if load {
			g.clob(t, t2)
		}
		if mode != 0 {
			g.wback(n, off)
		}
	}
	return true
}

var exclOps = []struct {
	ld, st string
	size   int
}{{"ldrex", "strex", 4}, {"ldrexb", "strexb", 1}, {"ldrexh", "strexh", 2}}

// exclusive: LDREX/STREX pairs (succeed), STREX with the monitor Open (fails, returns 1), CLREX, and
// a lone LDREX. The driver executes CLREX before each sequence, so the monitor starts Open.
// STREX: Rd differs from Rt and Rn (A7.7.167); LDREX word offsets are imm8*4. Never in a region a
// branch may skip: the monitor state after it would depend on the branch.
func (g *gen) exclusive() bool {
	if g.cnd() {
		return false
	}
	x := exclOps[g.r.N(3)]
	sz := int64(x.size)
	ldrex := func() (int, int64, bool) {
		var n int
		var off int64
		var ok bool
		if x.size == 4 {
			n, off, ok = g.base(pool, 0, 1020, 4, 4, 4, 0)
		} else {
			n, off, ok = g.base(pool, 0, 0, 1, sz, sz, 0)
		}
		if !ok {
			return 0, 0, false
		}
		t := g.regNot(n)
		if x.size == 4 {
			g.emit("%s %s, [%s, #%d]", x.ld, rn(t), rn(n), off)
		} else {
			g.emit("%s %s, [%s]", x.ld, rn(t), rn(n))
		}
		g.clob(t)
		g.mon = monitor{excl: true}
		return n, off, true
	}
	strex := func(n int, off int64) {
		t := g.reg()
		d := g.regNot(n, t)
		if x.size == 4 {
			g.emit("%s %s, %s, [%s, #%d]", x.st, rn(d), rn(t), rn(n), off)
		} else {
			g.emit("%s %s, %s, [%s]", x.st, rn(d), rn(t), rn(n))
		}
		g.clob(d)
		g.mon = monitor{}
	}
	switch g.r.N(10) {
	case 0, 1, 2, 3, 4: // LDREX; STREX same address and size: succeeds
		n, off, ok := ldrex()
		if !ok {
			return false
		}
		strex(n, off)
	case 5, 6: // STREX with the monitor Open: fails, no store
		if g.mon.excl {
			g.emit("clrex")
			g.mon = monitor{}
		}
		var n int
		var off int64
		var ok bool
		if x.size == 4 {
			n, off, ok = g.base(pool, 0, 1020, 4, 4, 4, 0)
		} else {
			n, off, ok = g.base(pool, 0, 0, 1, sz, sz, 0)
		}
		if !ok {
			return false
		}
		strex(n, off)
	case 7, 8: // LDREX; CLREX; STREX: fails
		n, off, ok := ldrex()
		if !ok {
			return false
		}
		g.emit("clrex")
		g.mon = monitor{}
		strex(n, off)
	default: // lone LDREX: leaves the monitor in Exclusive Access state until the driver's CLREX
		if _, _, ok := ldrex(); !ok {
			return false
		}
	}
	return true
}

// ---- PC- and SP-relative ----

// pcsp: ADR (all three encodings, via their ADD/SUB PC forms), literal loads, SP-relative
// ADD/SUB/MOV and SP-based loads/stores. SP holds BufAddr while a sequence runs.
func (g *gen) pcsp() bool {
	switch g.r.N(14) {
	case 0: // ADR T1
		d := g.dstLow()
		g.emit("%s %s, pc, #%d", g.m("add", false, ".n"), rn(d), 4*g.r.N(256))
		g.clob(d)
	case 1: // ADR T3 / T2
		d := g.dst()
		g.emit("%s %s, pc, #%d", g.m(pick(g.r, []string{"addw", "subw"}), false, ""), rn(d), g.r.N(4096))
		g.clob(d)
	case 2: // LDR (literal) T1
		t := g.low()
		g.emit("%s %s, [pc, #%d]", g.m("ldr", false, ".n"), rn(t), 4*g.r.N(256))
		g.clob(t)
	case 3, 4: // LDR/LDRB/LDRSB/LDRH/LDRSH (literal), 32-bit, ± imm12
		t := g.reg()
		off := int64(g.r.RangeIn(-4095, 4095))
		g.emit("%s %s, [pc, %s]", g.m(pick(g.r, []string{"ldr", "ldrb", "ldrsb", "ldrh", "ldrsh"}), false, ".w"), rn(t), offStr(off))
		g.clob(t)
	case 5: // LDRD (literal)
		t := g.reg()
		t2 := g.regNot(t)
		g.emit("%s %s, %s, [pc, %s]", g.m("ldrd", false, ""), rn(t), rn(t2), offStr(4*int64(g.r.RangeIn(-255, 255))))
		g.clob(t, t2)
	case 6: // ADD (SP plus immediate) T1
		d := g.dstLow()
		off := uint32(4 * g.r.N(256))
		g.emit("%s %s, sp, #%d", g.m("add", false, ".n"), rn(d), off)
		g.set(d, BufAddr+off)
	case 7: // ADD/SUB (SP plus/minus immediate) T3 (modified immediate) and T4/T2 (imm12)
		d := g.dst()
		if g.r.N(2) == 0 {
			g.emit("%s %s, sp, #0x%x", g.m(pick(g.r, []string{"add", "sub"}), g.flag(), ".w"), rn(d), g.modImm())
		} else {
			g.emit("%s %s, sp, #%d", g.m(pick(g.r, []string{"addw", "subw"}), false, ""), rn(d), g.r.N(4096))
		}
		g.clob(d)
	case 8: // ADD (SP plus register) T1/T3, SUB (SP minus register) T1
		if g.r.N(3) == 0 {
			d := g.dstLow()
			g.emit("%s %s, sp, %s", g.m("add", false, ".n"), rn(d), rn(d))
			g.clob(d)
			return true
		}
		d := g.dst()
		sh := ""
		if g.r.N(2) == 0 {
			sh = ", " + g.shiftOp()
		}
		g.emit("%s %s, sp, %s%s", g.m(pick(g.r, []string{"add", "sub"}), g.flag(), ".w"), rn(d), rn(g.reg()), sh)
		g.clob(d)
	case 9: // MOV Rd, SP (T1 and T3)
		d := g.dst()
		g.emit("%s %s, sp", g.m("mov", false, pick(g.r, []string{".n", ".w"})), rn(d))
		g.set(d, BufAddr)
	case 10, 11: // LDR/STR (SP-relative) T2
		t := g.low()
		off := 4 * g.r.N(BufSize/4)
		if g.r.N(2) == 0 {
			g.emit("%s %s, [sp, #%d]", g.m("ldr", false, ".n"), rn(t), off)
			g.clob(t)
		} else {
			g.emit("%s %s, [sp, #%d]", g.m("str", false, ".n"), rn(t), off)
		}
	default: // 32-bit loads/stores with Rn = SP (T3, positive imm12, no writeback)
		op := pick(g.r, ldstOps)
		mod, rem := g.align(op.size, true)
		off, _ := g.solve(BufAddr, 0, 4095, 1, int64(op.size), mod, rem)
		t := g.reg()
		g.emit("%s %s, [sp, #%d]", g.m(op.name, false, ".w"), rn(t), off)
		g.done(op, t)
	}
	return true
}

// ---- system ----

var mrsRegs = []string{"apsr", "iapsr", "eapsr", "xpsr", "ipsr", "epsr", "iepsr", "msp", "primask",
	"basepri", "faultmask", "control"}

// sys: MRS of the status and mask registers (deterministic in this driver: Thread mode, MSP = SP,
// masks and CONTROL at reset values), MSR APSR_{nzcvq,g,nzcvqg}, NOP and barriers.
func (g *gen) sys() bool {
	switch g.r.N(8) {
	case 0, 1, 2:
		d := g.dst()
		reg := "apsr"
		if g.r.N(2) == 0 {
			reg = pick(g.r, mrsRegs)
		}
		g.emit("%s %s, %s", g.m("mrs", false, ""), rn(d), reg)
		g.clob(d)
	case 3, 4, 5:
		g.emit("%s %s, %s", g.m("msr", false, ""), pick(g.r, []string{"APSR_nzcvq", "APSR_g", "APSR_nzcvqg"}), rn(g.reg()))
	default:
		if g.it {
			return false
		}
		g.emit("%s", pick(g.r, []string{"nop.n", "nop.w", "dmb sy", "dsb sy", "isb sy"}))
	}
	return true
}

// ---- forward branches ----

func (g *gen) newSkip() string {
	g.labels++
	l := fmt.Sprintf(".Lk%05d_%d", g.seq, g.labels)
	// +1: the item that contains the branch ends right after it and is counted too.
	g.skips = append(g.skips, skip{label: l, items: g.r.RangeIn(1, 3) + 1})
	return l
}

// branch: forward B (T1–T4), CBZ/CBNZ and BL over 1–3 following items; the skipped instructions'
// register writes are treated as unknown.
func (g *gen) branch() bool {
	switch g.r.N(8) {
	case 0, 1:
		g.emit("b%s.n %s", pick(g.r, conds), g.newSkip())
	case 2, 3:
		g.emit("b%s.w %s", pick(g.r, conds), g.newSkip())
	case 4:
		g.emit("b%s %s", pick(g.r, []string{".n", ".w"}), g.newSkip())
	case 5, 6:
		g.emit("%s %s, %s", pick(g.r, []string{"cbz", "cbnz"}), rn(g.low()), g.newSkip())
	default:
		g.emit("bl %s", g.newSkip())
		g.clob(14)
	}
	return true
}

// branchIT emits a branch as the last instruction of an IT block (A7.7.38: a branch may only be last).
func (g *gen) branchIT() bool {
	switch g.r.N(3) {
	case 0:
		g.emit("b%s.n %s", g.cond, g.newSkip())
	case 1:
		g.emit("b%s.w %s", g.cond, g.newSkip())
	default:
		g.emit("bl%s %s", g.cond, g.newSkip())
		g.clob(14)
	}
	return true
}

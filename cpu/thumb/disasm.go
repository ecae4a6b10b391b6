package thumb

import (
	"fmt"
	"strings"
)

// ITState is the 8-bit ITSTATE (A7.3.3): firstcond in bits 7:4 (of which bit 4 is the
// current condition's low bit) and the mask in bits 3:0.
type ITState uint8

// InIT reports whether the next instruction is inside an IT block (InITBlock()).
func (s ITState) InIT() bool { return s&0xF != 0 }

// LastInIT reports whether the next instruction is the last one of the IT block.
func (s ITState) LastInIT() bool { return s&0xF == 0b1000 }

// Cond returns the condition of the next instruction in the IT block.
func (s ITState) Cond() Cond { return Cond(s >> 4) }

// Advance is the pseudocode ITAdvance().
func (s ITState) Advance() ITState {
	if s&7 == 0 {
		return 0
	}
	return s&0xE0 | (s<<1)&0x1F
}

// Context carries what the disassembly of one instruction depends on besides its bits.
type Context struct {
	PC   uint32 // address of the instruction
	IT   ITState
	Syms func(addr uint32) string // optional: "main+0x10" for an address, or ""
}

// groups of formatters; each returns false if the Op is not its own.
var formatters = []func(in *Inst, ctx *Context) (string, bool){fmtDP, fmtLS, fmtMul, fmtBr, fmtFP}

// Format renders the instruction as GNU objdump does (unified syntax): the mnemonic
// with its suffixes, a tab, then the operands. Undefined encodings print as objdump's
// "@ <UNDEFINED> instruction: 0x…" comment.
func (in *Inst) Format(ctx Context) string {
	if in.Op == OpUNDEFINED {
		// objdump's spelling. In the miscellaneous-control space (the B T3 pattern with
		// cond 111x) objdump's last-resort row names the conditional branch it matched.
		if in.Size == 4 {
			if in.Raw&0xF800D000 == 0xF0008000 && in.Raw>>23&7 == 7 {
				return fmt.Sprintf("undefined (bcc, cond=0x%X)", in.Raw>>22&0xF)
			}
			return fmt.Sprintf("@ <UNDEFINED> instruction: 0x%08x", in.Raw)
		}
		return fmt.Sprintf("@ <UNDEFINED> instruction: 0x%04x", in.Raw)
	}
	for _, f := range formatters {
		if s, ok := f(in, &ctx); ok {
			return s
		}
	}
	return in.Op.String() + "\t?"
}

// String renders the instruction outside any IT block at address 0.
func (in Inst) String() string { return in.Format(Context{}) }

// RegName returns the register name objdump uses.
func RegName(r uint8) string {
	switch r {
	case 10:
		return "sl" // objdump's default register names (APCS): sl, fp, ip
	case 11:
		return "fp"
	case 12:
		return "ip"
	case 13:
		return "sp"
	case 14:
		return "lr"
	case 15:
		return "pc"
	}
	return fmt.Sprintf("r%d", r)
}

// Mnemonic builds "<base>[s]<cond>[.w|.n]" for the instruction in its IT context.
// setFlags says whether the S suffix is printed. Inside an IT block the condition is
// spelled as objdump does there (itCondNames): AL prints "al" ("addal") and 0b1111
// prints "<und>".
func (in *Inst) Mnemonic(ctx *Context, base string, setFlags bool) string {
	var b strings.Builder
	b.WriteString(base)
	if setFlags {
		b.WriteByte('s')
	}
	if ctx.IT.InIT() {
		b.WriteString(itCondNames[ctx.IT.Cond()])
	}
	if in.Flags&FlagWide != 0 {
		b.WriteString(".w")
	} else if in.Flags&FlagNarrow != 0 {
		b.WriteString(".n")
	}
	return b.String()
}

// SetsFlags reports whether the instruction sets flags in the given IT context.
func (in *Inst) SetsFlags(it ITState) bool {
	return in.Flags&FlagS != 0 || (in.Flags&FlagSOutIT != 0 && !it.InIT())
}

// RegList renders a register list as objdump does: "{r4, r5, lr}".
func RegList(list uint16) string {
	var parts []string
	for r := uint8(0); r < 16; r++ {
		if list&(1<<r) != 0 {
			parts = append(parts, RegName(r))
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Target renders a code/data address as objdump does: "8000150 <main+0x10>".
func (ctx *Context) Target(addr uint32) string {
	if ctx.Syms != nil {
		if s := ctx.Syms(addr); s != "" {
			return fmt.Sprintf("%x <%s>", addr, s)
		}
	}
	return fmt.Sprintf("%x", addr)
}

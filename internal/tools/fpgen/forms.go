package fpgen

import (
	"fmt"
	"strings"
)

// RegClass is the register file of an operand slot.
type RegClass uint8

const (
	RegNone RegClass = iota
	RegS             // S0–S31
	RegD             // D0–D15 (D[n] = S[2n+1]:S[2n])
)

// Kind says what an input slot holds, and so how the random corpus draws it.
type Kind uint8

const (
	KindNone  Kind = iota
	KindF32        // single-precision value in an S register
	KindF64        // double-precision value in a D register
	KindI32        // 32-bit integer (or 16/32-bit fixed-point value) in an S register
	KindH16B       // S register whose bottom half (bits 15:0) is a half-precision value; top half random
	KindH16T       // S register whose top half (bits 31:16) is a half-precision value; bottom half random
	KindRaw32      // random 32 bits: the destination of VCVTB/VCVTT.F16, half of which is kept
	KindFixD       // D register whose low word is a fixed-point value (KindI32 rules), high word random
	numKinds
)

var kindNames = [...]string{"-", "f32", "f64", "i32", "h16 (bottom)", "h16 (top)", "raw", "fixed (low word)"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind%d", k)
}

// Slot indices: the three register fields of an FP data-processing encoding.
const (
	SlotD = 0 // Vd
	SlotN = 1 // Vn
	SlotM = 2 // Vm
)

var slotNames = [3]string{"Vd", "Vn", "Vm"}

// Slot describes one register operand of a form.
type Slot struct {
	Class RegClass // RegNone: the form has no such operand
	Kind  Kind     // KindNone: not read (a destination only)
}

// Category groups forms for the vectors and the weights of the random corpus.
type Category uint8

const (
	CatBinary      Category = iota // VADD VSUB VMUL VNMUL VDIV VMAXNM VMINNM
	CatTernary                     // VMLA VMLS VNMLA VNMLS VFMA VFMS VFNMA VFNMS
	CatUnary                       // VSQRT VABS VNEG VRINT*
	CatCompare                     // VCMP VCMPE Vd, Vm
	CatCompareZ                    // VCMP VCMPE Vd, #0
	CatSelect                      // VSEL
	CatCvtFF                       // VCVT F32<->F64
	CatCvtToInt                    // VCVT{R,A,N,P,M} to S32/U32
	CatCvtFromInt                  // VCVT from S32/U32
	CatCvtToFix                    // VCVT to fixed point
	CatCvtFromFix                  // VCVT from fixed point
	CatCvtFromHalf                 // VCVTB/VCVTT from F16
	CatCvtToHalf                   // VCVTB/VCVTT to F16
)

// Form is one instruction form: a mnemonic with its data types and the roles of its operands.
type Form struct {
	Index  int
	Mnem   string  // e.g. "vfma.f32", "vcvtr.s32.f64", "vselge.f64"
	Ops    string  // operand template: {d} {n} {m} are the registers, {f} the fraction bits
	Slot   [3]Slot // Vd, Vn, Vm
	Write  bool    // Vd is written: the record holds its final value
	Order  []int   // slots read, in the order the random corpus draws them
	Fix    int     // 16 or 32 for the fixed-point forms (the {f} immediate is 0…16 or 1…32)
	Half   bool    // result depends on FPSCR.AHP
	Sel    bool    // reads APSR.NZCV (VSEL)
	Cat    Category
	Weight int // relative frequency in the random corpus
}

// Dest is the register class of the destination (RegNone for VCMP).
func (f *Form) Dest() RegClass {
	if !f.Write {
		return RegNone
	}
	return f.Slot[SlotD].Class
}

// Reads reports whether slot s is an input.
func (f *Form) Reads(s int) bool { return f.Slot[s].Kind != KindNone }

// FBitsRange is the range of the fraction-bits immediate of a fixed-point form
// (Arm DDI0403E A7.7.226: 0…16 for 16-bit, 1…32 for 32-bit fixed-point values).
func (f *Form) FBitsRange() (lo, hi int) {
	switch f.Fix {
	case 16:
		return 0, 16
	case 32:
		return 1, 32
	}
	return 0, 0
}

var forms = buildForms()

// Forms returns every instruction form, indexed by Form.Index. Do not modify the result.
func Forms() []*Form { return forms }

// FormByMnem returns the form with the given mnemonic, or nil.
func FormByMnem(m string) *Form {
	for _, f := range forms {
		if f.Mnem == m {
			return f
		}
	}
	return nil
}

type prec struct {
	t string // "f32" or "f64"
	c RegClass
	k Kind
}

var precs = []prec{{"f32", RegS, KindF32}, {"f64", RegD, KindF64}}

func buildForms() []*Form {
	var fs []*Form
	add := func(f *Form) {
		f.Index = len(fs)
		fs = append(fs, f)
	}
	for _, p := range precs {
		w := Slot{Class: p.c}            // written only
		r := Slot{Class: p.c, Kind: p.k} // read
		for _, op := range []string{"vadd", "vsub", "vmul", "vnmul", "vdiv", "vmaxnm", "vminnm"} {
			wt := 5
			if op == "vmaxnm" || op == "vminnm" {
				wt = 2
			}
			add(&Form{Mnem: op + "." + p.t, Ops: "{d}, {n}, {m}", Slot: [3]Slot{w, r, r}, Write: true,
				Order: []int{SlotN, SlotM}, Cat: CatBinary, Weight: wt})
		}
		for _, op := range []string{"vmla", "vmls", "vnmla", "vnmls", "vfma", "vfms", "vfnma", "vfnms"} {
			add(&Form{Mnem: op + "." + p.t, Ops: "{d}, {n}, {m}", Slot: [3]Slot{r, r, r}, Write: true,
				Order: []int{SlotN, SlotM, SlotD}, Cat: CatTernary, Weight: 4})
		}
		for _, op := range []string{"vsqrt", "vabs", "vneg", "vrinta", "vrintn", "vrintp", "vrintm", "vrintx", "vrintz", "vrintr"} {
			wt := 2
			switch op {
			case "vsqrt":
				wt = 5
			case "vabs", "vneg":
				wt = 1
			}
			add(&Form{Mnem: op + "." + p.t, Ops: "{d}, {m}", Slot: [3]Slot{w, {}, r}, Write: true,
				Order: []int{SlotM}, Cat: CatUnary, Weight: wt})
		}
		for _, op := range []string{"vcmp", "vcmpe"} {
			add(&Form{Mnem: op + "." + p.t, Ops: "{d}, {m}", Slot: [3]Slot{r, {}, r},
				Order: []int{SlotD, SlotM}, Cat: CatCompare, Weight: 3})
		}
		for _, op := range []string{"vcmp", "vcmpe"} {
			add(&Form{Mnem: op + "." + p.t, Ops: "{d}, #0", Slot: [3]Slot{r, {}, {}},
				Order: []int{SlotD}, Cat: CatCompareZ, Weight: 1})
		}
		for _, c := range []string{"eq", "ge", "gt", "vs"} {
			add(&Form{Mnem: "vsel" + c + "." + p.t, Ops: "{d}, {n}, {m}", Slot: [3]Slot{w, r, r}, Write: true,
				Order: []int{SlotN, SlotM}, Sel: true, Cat: CatSelect, Weight: 1})
		}
	}
	s, d := precs[0], precs[1]
	add(&Form{Mnem: "vcvt.f64.f32", Ops: "{d}, {m}", Slot: [3]Slot{{Class: RegD}, {}, {RegS, KindF32}}, Write: true,
		Order: []int{SlotM}, Cat: CatCvtFF, Weight: 4})
	add(&Form{Mnem: "vcvt.f32.f64", Ops: "{d}, {m}", Slot: [3]Slot{{Class: RegS}, {}, {RegD, KindF64}}, Write: true,
		Order: []int{SlotM}, Cat: CatCvtFF, Weight: 4})
	for _, p := range []prec{s, d} {
		for _, op := range []string{"vcvt", "vcvtr", "vcvta", "vcvtn", "vcvtp", "vcvtm"} {
			for _, dt := range []string{"s32", "u32"} {
				add(&Form{Mnem: op + "." + dt + "." + p.t, Ops: "{d}, {m}", Slot: [3]Slot{{Class: RegS}, {}, {p.c, p.k}},
					Write: true, Order: []int{SlotM}, Cat: CatCvtToInt, Weight: 2})
			}
		}
	}
	for _, p := range []prec{s, d} {
		for _, dt := range []string{"s32", "u32"} {
			add(&Form{Mnem: "vcvt." + p.t + "." + dt, Ops: "{d}, {m}", Slot: [3]Slot{{Class: p.c}, {}, {RegS, KindI32}},
				Write: true, Order: []int{SlotM}, Cat: CatCvtFromInt, Weight: 2})
		}
	}
	for _, p := range []prec{s, d} {
		for _, dt := range []string{"s16", "u16", "s32", "u32"} {
			size := 16
			if strings.HasSuffix(dt, "32") {
				size = 32
			}
			add(&Form{Mnem: "vcvt." + dt + "." + p.t, Ops: "{d}, {d}, #{f}", Slot: [3]Slot{{p.c, p.k}, {}, {}},
				Write: true, Order: []int{SlotD}, Fix: size, Cat: CatCvtToFix, Weight: 2})
		}
		fk := KindI32
		if p.c == RegD {
			fk = KindFixD
		}
		for _, dt := range []string{"s16", "u16", "s32", "u32"} {
			size := 16
			if strings.HasSuffix(dt, "32") {
				size = 32
			}
			add(&Form{Mnem: "vcvt." + p.t + "." + dt, Ops: "{d}, {d}, #{f}", Slot: [3]Slot{{p.c, fk}, {}, {}},
				Write: true, Order: []int{SlotD}, Fix: size, Cat: CatCvtFromFix, Weight: 2})
		}
	}
	for _, bt := range []string{"b", "t"} {
		hk := KindH16B
		if bt == "t" {
			hk = KindH16T
		}
		add(&Form{Mnem: "vcvt" + bt + ".f32.f16", Ops: "{d}, {m}", Slot: [3]Slot{{Class: RegS}, {}, {RegS, hk}}, Write: true,
			Order: []int{SlotM}, Half: true, Cat: CatCvtFromHalf, Weight: 2})
		add(&Form{Mnem: "vcvt" + bt + ".f16.f32", Ops: "{d}, {m}", Slot: [3]Slot{{RegS, KindRaw32}, {}, {RegS, KindF32}}, Write: true,
			Order: []int{SlotM, SlotD}, Half: true, Cat: CatCvtToHalf, Weight: 3})
		add(&Form{Mnem: "vcvt" + bt + ".f64.f16", Ops: "{d}, {m}", Slot: [3]Slot{{Class: RegD}, {}, {RegS, hk}}, Write: true,
			Order: []int{SlotM}, Half: true, Cat: CatCvtFromHalf, Weight: 2})
		add(&Form{Mnem: "vcvt" + bt + ".f16.f64", Ops: "{d}, {m}", Slot: [3]Slot{{RegS, KindRaw32}, {}, {RegD, KindF64}}, Write: true,
			Order: []int{SlotM, SlotD}, Half: true, Cat: CatCvtToHalf, Weight: 3})
	}
	return fs
}

// Kernel is one instruction form with concrete registers (and fraction bits): the unit of code in
// an image. Every kernel is a leaf function kernel(const struct in *r0, struct rec *r1).
type Kernel struct {
	Index int
	Form  *Form
	Reg   [3]int // register number per slot (S or D numbering, by the slot's class)
	FBits int    // fixed-point forms only
}

// Label is the kernel's assembly symbol.
func (k *Kernel) Label() string { return fmt.Sprintf("k%03d", k.Index) }

func regName(c RegClass, n int) string {
	if c == RegD {
		return fmt.Sprintf("d%d", n)
	}
	return fmt.Sprintf("s%d", n)
}

// RegName is the assembly name of slot s's register ("s7", "d3").
func (k *Kernel) RegName(s int) string { return regName(k.Form.Slot[s].Class, k.Reg[s]) }

// Insn is the instruction under test, e.g. "vfma.f32 s7, s21, s2".
func (k *Kernel) Insn() string {
	ops := k.Form.Ops
	ops = strings.ReplaceAll(ops, "{d}", k.RegName(SlotD))
	if k.Form.Slot[SlotN].Class != RegNone {
		ops = strings.ReplaceAll(ops, "{n}", k.RegName(SlotN))
	}
	if k.Form.Slot[SlotM].Class != RegNone {
		ops = strings.ReplaceAll(ops, "{m}", k.RegName(SlotM))
	}
	ops = strings.ReplaceAll(ops, "{f}", fmt.Sprint(k.FBits))
	return k.Form.Mnem + " " + ops
}

// Input block offsets (struct in): FPSCR, APSR, then one doubleword per slot.
const (
	InFPSCR  = 0
	InAPSR   = 4
	InSlot0  = 8 // slot s at InSlot0 + 8*s: low word first
	InSize   = 32
	InWords  = InSize / 4
	numSlots = 3
)

// asm renders the kernel: load APSR, the read slots (Vd, Vn, Vm in that order), FPSCR; run the
// instruction; store Vd (if written) and FPSCR into the record at r1.
func (k *Kernel) asm() string {
	var b strings.Builder
	f := k.Form
	fmt.Fprintf(&b, "\t.p2align 2\n\t.global %s\n\t.thumb_func\n\t.type %s, %%function\n%s:\t@ %s\n", k.Label(), k.Label(), k.Label(), f.Mnem)
	b.WriteString("\tldr r2, [r0, #4]\n\tmsr APSR_nzcvq, r2\n")
	for s := 0; s < numSlots; s++ {
		if f.Reads(s) {
			fmt.Fprintf(&b, "\tvldr %s, [r0, #%d]\n", k.RegName(s), InSlot0+8*s)
		}
	}
	b.WriteString("\tldr r2, [r0]\n\tvmsr fpscr, r2\n")
	fmt.Fprintf(&b, "\t%s\n", k.Insn())
	b.WriteString("\tvmrs r2, fpscr\n")
	if f.Write {
		fmt.Fprintf(&b, "\tvstr %s, [r1]\n", k.RegName(SlotD))
	}
	b.WriteString("\tstr r2, [r1, #8]\n\tbx lr\n")
	return b.String()
}

// Effective returns the value each slot's register holds when the instruction runs, given the
// doublewords of the input block: the kernel loads the read slots in the order Vd, Vn, Vm, so
// where registers overlap a later load wins. Slots that are not read return 0.
func (k *Kernel) Effective(in [3]uint64) [3]uint64 {
	var rf [32]uint32
	for s := 0; s < numSlots; s++ {
		if !k.Form.Reads(s) {
			continue
		}
		n := k.Reg[s]
		if k.Form.Slot[s].Class == RegD {
			rf[2*n], rf[2*n+1] = uint32(in[s]), uint32(in[s]>>32)
		} else {
			rf[n] = uint32(in[s])
		}
	}
	var out [3]uint64
	for s := 0; s < numSlots; s++ {
		if !k.Form.Reads(s) {
			continue
		}
		n := k.Reg[s]
		if k.Form.Slot[s].Class == RegD {
			out[s] = uint64(rf[2*n+1])<<32 | uint64(rf[2*n])
		} else {
			out[s] = uint64(rf[n])
		}
	}
	return out
}

// assignRegs picks registers for the slots of f: distinct, non-overlapping registers, or (alias)
// registers drawn from a small pool so that operands share registers.
func assignRegs(r *rng, f *Form, alias bool) [3]int {
	var reg [3]int
	var used uint32 // S registers in use
	for s := 0; s < numSlots; s++ {
		c := f.Slot[s].Class
		if c == RegNone {
			continue
		}
		for {
			var n int
			var mask uint32
			if c == RegD {
				if alias {
					n = 2 + r.N(2)
				} else {
					n = r.N(16)
				}
				mask = 3 << (2 * n)
			} else {
				if alias {
					n = 4 + r.N(4)
				} else {
					n = r.N(32)
				}
				mask = 1 << n
			}
			if alias || used&mask == 0 {
				reg[s] = n
				used |= mask
				break
			}
		}
	}
	return reg
}

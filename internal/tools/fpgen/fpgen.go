// Package fpgen generates m7emu's floating-point test corpus (testdata/fp): firmware images for
// QEMU's mps2-an500 machine that run FP instructions on chosen operands under chosen FPSCR modes
// and write one record (result and FPSCR) per case through semihosting. QEMU's output is the
// golden; m7emu must produce the same bytes. testdata/fp/README.md describes the corpus.
//
// There are two kinds of image:
//
//   - vector images (v00…v02): every instruction form on lists of special operands (±0, ±inf,
//     quiet and signalling NaNs with payloads, subnormals, min/max normals, halfway and integer
//     boundary cases), each operand tuple under all 16 combinations of RMode, FZ and DN (32 with
//     AHP for the half-precision conversions; 16 APSR values for VSEL). The operand tables are in
//     the image.
//   - random images (r00…r15): 65,536 cases each, drawn in firmware by a small counter-based
//     generator that this package mirrors exactly (random.go), so the ELF carries no input table.
//
// Generation is a pure function of the Config: the same Config gives byte-identical sources, and
// Image.Case rebuilds the inputs of any case for a divergence report.
package fpgen

import (
	"fmt"
	"sort"
)

// Config selects the corpus.
type Config struct {
	Seed          uint64 // master seed: kernels' registers and the random images' generator seeds
	RandomImages  int
	CasesPerImage int // cases per random image
}

// DefaultConfig is the committed corpus: 3 vector images and 16 random images of 65,536 cases.
func DefaultConfig() Config {
	return Config{Seed: 0x6d37656d75667067, RandomImages: 16, CasesPerImage: 65536}
}

// NumVectorImages is the number of vector images (v00…v02).
const NumVectorImages = 3

// ImageKind tells vector images from random ones.
type ImageKind int

const (
	Vectors ImageKind = iota
	Random
	dumpRandom // test only: the firmware writes each case's inputs instead of running it
)

// Names lists the images of cfg in order: v00, v01, v02, r00, r01, …
func (cfg Config) Names() []string {
	var n []string
	for i := 0; i < NumVectorImages; i++ {
		n = append(n, fmt.Sprintf("v%02d", i))
	}
	for i := 0; i < cfg.RandomImages; i++ {
		n = append(n, fmt.Sprintf("r%02d", i))
	}
	return n
}

// Image is one firmware image's worth of cases.
type Image struct {
	Name    string
	Kind    ImageKind
	Index   int
	Seed    uint32 // random images: the generator seed
	Kernels []*Kernel
	Pick    [PickSize]uint16 // random images: kernel index by the top 10 bits of the first draw
	Groups  []*Group         // vector images
	NCases  int

	groupStart []int // vectors: first case index of each group
}

// PickSize is the length of a random image's kernel pick table.
const PickSize = 1024

// Group is a run of vector cases: one kernel, a list of operand tuples, and a list of modes;
// cases run tuple by tuple, and every mode for each tuple.
type Group struct {
	Kernel *Kernel
	Note   string      // what the tuples are ("specials", "rounding", …)
	Tuples [][3]uint64 // input doubleword per slot (only the slots the form reads are used)
	Modes  [][2]uint32 // {FPSCR, APSR}
}

// Cases is the number of cases in the group.
func (g *Group) Cases() int { return len(g.Tuples) * len(g.Modes) }

// GenerateImage generates the image with the given name ("v00", "r07", …).
func GenerateImage(cfg Config, name string) (*Image, error) {
	var i int
	if len(name) != 3 {
		return nil, fmt.Errorf("fpgen: bad image name %q", name)
	}
	if _, err := fmt.Sscanf(name[1:], "%d", &i); err != nil {
		return nil, fmt.Errorf("fpgen: bad image name %q", name)
	}
	switch {
	case name[0] == 'v' && i < NumVectorImages:
		return vectorImage(cfg, i), nil
	case name[0] == 'r' && i < cfg.RandomImages:
		return RandomImage(cfg, i), nil
	}
	return nil, fmt.Errorf("fpgen: no image %q in this configuration", name)
}

// RandomImage generates random image i: one kernel per form (two for the fixed-point forms, with
// random fraction bits), registers chosen at random (one kernel in eight draws them from a small
// pool so that operands share registers), and the pick table from the forms' weights.
func RandomImage(cfg Config, i int) *Image {
	r := newRNG(cfg.Seed, uint64(1000+i))
	im := &Image{Name: fmt.Sprintf("r%02d", i), Kind: Random, Index: i, NCases: cfg.CasesPerImage}
	im.Seed = mix32(uint32(cfg.Seed) ^ mix32(uint32(cfg.Seed>>32)+uint32(i)*0x9e3779b9))
	var weights []int
	for _, f := range forms {
		n := 1
		if f.Fix != 0 {
			n = 2
		}
		for j := 0; j < n; j++ {
			k := &Kernel{Index: len(im.Kernels), Form: f, Reg: assignRegs(r, f, r.N(8) == 0)}
			if f.Fix != 0 {
				lo, hi := f.FBitsRange()
				k.FBits = r.RangeIn(lo, hi)
			}
			im.Kernels = append(im.Kernels, k)
			weights = append(weights, 2*f.Weight/n)
		}
	}
	im.Pick = pickTable(weights)
	return im
}

// pickTable spreads PickSize entries over the kernels in proportion to their weights (largest
// remainder; every kernel gets at least one entry).
func pickTable(w []int) [PickSize]uint16 {
	total := 0
	for _, x := range w {
		total += x
	}
	n := make([]int, len(w))
	rem := make([]int, len(w))
	used := 0
	for i, x := range w {
		n[i] = x * (PickSize - len(w)) / total
		rem[i] = x * (PickSize - len(w)) % total
		n[i]++
		used += n[i]
	}
	for used < PickSize {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		n[best]++
		rem[best] = -1
		used++
	}
	var t [PickSize]uint16
	p := 0
	for i, c := range n {
		for j := 0; j < c; j++ {
			t[p] = uint16(i)
			p++
		}
	}
	return t
}

// Case is one test case: an instruction, its inputs and its FPSCR/APSR.
type Case struct {
	Image  string
	Index  int // record index in the image's golden
	Kernel *Kernel
	Group  int    // vector images: the group; -1 for random images
	Note   string // vector images: the group's note
	FPSCR  uint32 // written with VMSR before the instruction
	APSR   uint32 // written with MSR APSR_nzcvq before the instruction (VSEL reads it)
	In     [3]uint64
}

// Operands returns the values the instruction reads from its Vd, Vn and Vm registers (the input
// block adjusted for registers shared between slots, see Kernel.Effective).
func (c *Case) Operands() [3]uint64 { return c.Kernel.Effective(c.In) }

// Case rebuilds case i of the image. It panics if i is out of range.
func (im *Image) Case(i int) Case {
	if i < 0 || i >= im.NCases {
		panic(fmt.Sprintf("fpgen: %s has no case %d", im.Name, i))
	}
	c := Case{Image: im.Name, Index: i, Group: -1}
	if im.Kind != Vectors {
		k, fpscr, apsr, in := im.randomCase(i)
		c.Kernel, c.FPSCR, c.APSR, c.In = im.Kernels[k], fpscr, apsr, in
		return c
	}
	g := sort.Search(len(im.groupStart), func(j int) bool { return im.groupStart[j] > i }) - 1
	gr := im.Groups[g]
	off := i - im.groupStart[g]
	t, m := off/len(gr.Modes), off%len(gr.Modes)
	c.Kernel, c.Group, c.Note = gr.Kernel, g, gr.Note
	c.FPSCR, c.APSR = gr.Modes[m][0], gr.Modes[m][1]
	// The driver loads only the words of the slots the form reads (one word for S registers).
	for s := 0; s < numSlots; s++ {
		switch {
		case !gr.Kernel.Form.Reads(s):
		case gr.Kernel.Form.Slot[s].Class == RegS:
			c.In[s] = gr.Tuples[t][s] & 0xffffffff
		default:
			c.In[s] = gr.Tuples[t][s]
		}
	}
	return c
}

// InputHash is the hash the firmware folds every case's inputs into (the trailer's Hash): FNV-1a
// over 32-bit words, h = 0x811c9dc5, for each word w: h = (h ^ w) · 0x01000193; per case the words
// are the kernel index (the group index in vector images), FPSCR, APSR and the three input
// doublewords, low word first.
func (im *Image) InputHash() uint32 {
	h := uint32(0x811c9dc5)
	fold := func(w uint32) { h = (h ^ w) * 0x01000193 }
	for i := 0; i < im.NCases; i++ {
		c := im.Case(i)
		id := uint32(c.Kernel.Index)
		if im.Kind == Vectors {
			id = uint32(c.Group)
		}
		fold(id)
		fold(c.FPSCR)
		fold(c.APSR)
		for _, v := range c.In {
			fold(uint32(v))
			fold(uint32(v >> 32))
		}
	}
	return h
}

func (im *Image) finishGroups() {
	im.groupStart = make([]int, len(im.Groups))
	n := 0
	for i, g := range im.Groups {
		im.groupStart[i] = n
		n += g.Cases()
	}
	im.NCases = n
}

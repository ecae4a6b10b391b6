package mpu

import (
	"testing"
)

func wr(t *testing.T, m *MPU, off, v uint32) {
	t.Helper()
	if err := m.Write(off, 4, v); err != nil {
		t.Fatal(err)
	}
}

func rd(t *testing.T, m *MPU, off uint32) uint32 {
	t.Helper()
	v, err := m.Read(off, 4)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// rasr builds an MPU_RASR value (B3.5.9): size is log2(bytes).
func rasr(sizeLog uint, ap uint32, xn bool, srd uint32) uint32 {
	v := uint32(sizeLog-1)<<1 | ap<<rasrAPShift | srd<<rasrSRDShift | rasrENABLE
	if xn {
		v |= rasrXN
	}
	return v
}

// setRegion programs region n through RNR, RBAR, RASR, as CMSIS ARM_MPU_SetRegionEx does.
func setRegion(t *testing.T, m *MPU, n, base uint32, sizeLog uint, ap uint32, xn bool, srd uint32) {
	t.Helper()
	wr(t, m, regRNR, n)
	wr(t, m, regRBAR, base)
	wr(t, m, regRASR, rasr(sizeLog, ap, xn, srd))
}

type access struct {
	addr, size              uint32
	write, exec, priv, negP bool
}

func (a access) String() string {
	k := "read"
	if a.write {
		k = "write"
	}
	if a.exec {
		k = "exec"
	}
	p := "unpriv"
	if a.priv {
		p = "priv"
	}
	if a.negP {
		p += ",pri<0"
	}
	return k + " " + p
}

func rdP(a uint32) access          { return access{addr: a, size: 4, priv: true} }
func wrP(a uint32) access          { return access{addr: a, size: 4, write: true, priv: true} }
func rdU(a uint32) access          { return access{addr: a, size: 4} }
func wrU(a uint32) access          { return access{addr: a, size: 4, write: true} }
func exP(a uint32) access          { return access{addr: a, size: 2, exec: true, priv: true} }
func exU(a uint32) access          { return access{addr: a, size: 2, exec: true} }
func neg(a access) access          { a.negP = true; return a }
func sz(a access, n uint32) access { a.size = n; return a }

func expect(t *testing.T, m *MPU, cases []struct {
	a    access
	want bool
}) {
	t.Helper()
	for _, c := range cases {
		if got := m.Check(c.a.addr, c.a.size, c.a.write, c.a.exec, c.a.priv, c.a.negP); got != c.want {
			t.Errorf("%s of %d at %#08x: allowed=%v, want %v", c.a, c.a.size, c.a.addr, got, c.want)
		}
	}
}

func TestRegistersAtReset(t *testing.T) {
	m := New(Config{})
	if v := rd(t, m, regTYPE); v != 16<<8 {
		t.Errorf("MPU_TYPE %#x, want DREGION=16", v)
	}
	if v := rd(t, New(Config{Regions: 8}), regTYPE); v != 8<<8 {
		t.Errorf("MPU_TYPE %#x, want DREGION=8", v)
	}
	for _, off := range []uint32{regCTRL, regRNR, regRBAR, regRASR, regRBAR_A3, regRASR_A3} {
		if v := rd(t, m, off); v != 0 {
			t.Errorf("offset %#x reads %#x at reset", off, v)
		}
	}
	if m.Enabled() {
		t.Error("enabled at reset")
	}
	wr(t, m, regTYPE, 0xFFFF_FFFF)
	if v := rd(t, m, regTYPE); v != 16<<8 {
		t.Errorf("MPU_TYPE writable: %#x", v)
	}
}

func TestRegisterForms(t *testing.T) {
	m := New(Config{Regions: 8})
	// RBAR with VALID selects the region (and updates RNR); REGION reads back RNR.
	wr(t, m, regRBAR, 0x2000_0000|rbarVALID|5)
	if v := rd(t, m, regRNR); v != 5 {
		t.Fatalf("RNR %d after RBAR VALID write", v)
	}
	if v := rd(t, m, regRBAR); v != 0x2000_0005 {
		t.Fatalf("RBAR %#x, want base|REGION, VALID reading 0", v)
	}
	// The aliases reach the same RBAR/RASR (Armv7-M B3.5.10), so an STM of
	// {RBAR, RASR, RBAR_A1, RASR_A1, ...} programs several regions.
	wr(t, m, regRBAR_A1, 0x0800_0000|rbarVALID|1)
	wr(t, m, regRASR_A1, rasr(20, apRO, false, 0))
	wr(t, m, regRBAR_A2, 0x2000_0000|rbarVALID|2)
	wr(t, m, regRASR_A2, rasr(17, apRW, true, 0)|rasrTEX&(1<<19)|rasrC|rasrB|rasrS)
	wr(t, m, regRNR, 1)
	if v := rd(t, m, regRASR_A3); v != rasr(20, apRO, false, 0) {
		t.Fatalf("region 1 RASR %#x via alias", v)
	}
	wr(t, m, regRNR, 2)
	if v := rd(t, m, regRASR); v != rasr(17, apRW, true, 0)|1<<19|rasrC|rasrB|rasrS {
		t.Fatalf("region 2 RASR %#x: TEX/S/C/B not recorded", v)
	}
	// Reserved RASR bits do not stick.
	wr(t, m, regRASR, 0xFFFF_FFFF)
	if v := rd(t, m, regRASR); v != rasrWritable {
		t.Fatalf("RASR %#x, want %#x", v, uint32(rasrWritable))
	}
	// Halfword writes to RASR (attributes in the upper half, size/enable in the lower).
	wr(t, m, regRASR, 0)
	if err := m.Write(regRASR+2, 2, uint32(apRW)<<8|1<<12); err != nil {
		t.Fatal(err)
	}
	if err := m.Write(regRASR, 2, uint32(9<<1|1)); err != nil {
		t.Fatal(err)
	}
	if v := rd(t, m, regRASR); v != rasr(10, apRW, true, 0) {
		t.Fatalf("RASR %#x after halfword writes", v)
	}
	if v, _ := m.Read(regRASR+2, 2); v != uint32(apRW)<<8|1<<12 {
		t.Fatalf("upper halfword %#x", v)
	}
	// VALID with a region beyond DREGION is ignored; RNR beyond DREGION reads zeros.
	wr(t, m, regRBAR, 0x3000_0000|rbarVALID|9)
	if v := rd(t, m, regRNR); v != 2 {
		t.Fatalf("RNR %d after out-of-range VALID write", v)
	}
	wr(t, m, regRNR, 12)
	wr(t, m, regRASR, rasr(10, apRW, false, 0))
	if v := rd(t, m, regRASR); v != 0 {
		t.Fatalf("RASR of region 12 on an 8-region MPU: %#x", v)
	}
	wr(t, m, regCTRL, 0xFF)
	if v := rd(t, m, regCTRL); v != 7 || !m.Enabled() {
		t.Fatalf("CTRL %#x", v)
	}
	m.Reset()
	if m.Enabled() || rd(t, m, regCTRL) != 0 {
		t.Fatal("Reset left the MPU enabled")
	}
}

// With the MPU off only the default map's XN applies (B3.1 Table B3-1).
func TestDisabledDefaultMap(t *testing.T) {
	m := New(Config{})
	setRegion(t, m, 0, 0, 32, apNone, true, 0) // enabled region, but the MPU is off
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{wrU(0x2000_0000), true}, {rdU(0x0800_0000), true}, {wrU(0x4000_0000), true},
		{exU(0x0800_0000), true}, {exU(0x2001_0000), true}, {exU(0x6000_0000), true}, {exU(0x9FFF_FFFE), true},
		{exP(0x4000_0000), false}, {exP(0x5FFF_FFFE), false}, {exP(0xA000_0000), false},
		{exP(0xDFFF_FFFE), false}, {exP(0xE000_0000), false}, {exP(0xFFFF_FFFE), false},
	})
	for _, c := range []struct {
		a  uint32
		xn bool
	}{{0x1FFF_FFFF, false}, {0x3FFF_FFFF, false}, {0x4000_0000, true}, {0x6000_0000, false}, {0x8000_0000, false}, {0xA000_0000, true}, {0xC000_0000, true}, {0xE000_0000, true}} {
		if DefaultXN(c.a) != c.xn {
			t.Errorf("DefaultXN(%#x) = %v", c.a, !c.xn)
		}
	}
}

func TestBackgroundAndPPB(t *testing.T) {
	m := New(Config{})
	wr(t, m, regCTRL, ctrlENABLE) // no regions, no PRIVDEFENA: everything faults but the PPB
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{rdP(0x2000_0000), false}, {exP(0x0800_0000), false}, {rdU(0x2000_0000), false},
		{wrP(0xE000_ED04), true}, {rdU(0xE000_E010), true}, // PPB: default map (privilege is the CPU's BusFault)
		{rdP(0xE010_0000), false},     // vendor system space is not the PPB
		{exP(0xE000_0000), false},     // PPB is XN
		{neg(rdP(0x2000_0000)), true}, // HFNMIENA = 0: MPU ignored below priority 0
	})
	wr(t, m, regCTRL, ctrlENABLE|ctrlPRIVDEFENA)
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{wrP(0x2000_0000), true}, {exP(0x0800_0000), true}, {exP(0x4000_0000), false},
		{rdU(0x2000_0000), false}, {exU(0x0800_0000), false},
	})
	wr(t, m, regCTRL, ctrlENABLE|ctrlHFNMIENA)
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{neg(rdP(0x2000_0000)), false}, // HFNMIENA = 1: the MPU applies to HardFault/NMI too
	})
}

// The access-permission encodings of B3.5.9.
func TestAccessPermissions(t *testing.T) {
	want := [8][4]bool{ // priv read, priv write, unpriv read, unpriv write
		{false, false, false, false},
		{true, true, false, false},
		{true, true, true, false},
		{true, true, true, true},
		{false, false, false, false}, // UNPREDICTABLE, treated as no access
		{true, false, false, false},
		{true, false, true, false},
		{true, false, true, false},
	}
	for ap := uint32(0); ap < 8; ap++ {
		m := New(Config{})
		setRegion(t, m, 7, 0x2000_0000, 16, ap, false, 0)
		wr(t, m, regCTRL, ctrlENABLE)
		a := uint32(0x2000_8000)
		got := [4]bool{
			m.Check(a, 4, false, false, true, false), m.Check(a, 4, true, false, true, false),
			m.Check(a, 4, false, false, false, false), m.Check(a, 4, true, false, false, false),
		}
		if got != want[ap] {
			t.Errorf("AP=%03b: %v, want %v", ap, got, want[ap])
		}
		// Instruction fetches need read permission.
		if ex := m.Check(a, 2, false, true, false, false); ex != want[ap][2] {
			t.Errorf("AP=%03b: unprivileged fetch allowed=%v", ap, ex)
		}
	}
}

func TestOverlapsSubregionsXN(t *testing.T) {
	m := New(Config{})
	setRegion(t, m, 0, 0x2000_0000, 17, apRW, true, 0)        // 128 KiB SRAM, RW, XN
	setRegion(t, m, 1, 0x2000_1000, 8, apNone, false, 0)      // 256 B no access
	setRegion(t, m, 3, 0x2000_1000, 12, apRO, false, 0)       // 4 KiB RO, executable
	setRegion(t, m, 2, 0x2001_0000, 11, apNone, false, 1<<2)  // 2 KiB no access, subregion 2 disabled
	setRegion(t, m, 4, 0x2001_8000, 7, apNone, false, 0xFF)   // 128 B: SRD ignored below 256 B
	setRegion(t, m, 5, 0x0800_0000, 21, apPrivRWUR, false, 0) // flash
	setRegion(t, m, 6, 0x4000_0000, 29, apRW, false, 0)       // peripherals, XN cleared by the region
	setRegion(t, m, 8, 0xE000_0000, 29, apRW, false, 0)       // system space: always XN
	setRegion(t, m, 9, 0x6000_0000, 29, apRW, false, 0)       // 512 MiB RW, then disabled:
	wr(t, m, regRNR, 9)
	wr(t, m, regRASR, 0) // a disabled region changes nothing
	wr(t, m, regCTRL, ctrlENABLE)
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{wrU(0x2000_0000), true}, {exU(0x2000_0000), false}, // region 0: RW, XN
		{wrU(0x2000_1000), false}, {rdU(0x2000_1000), true}, // 3 beats 1 (highest number wins)
		{exU(0x2000_1010), true},                           // region 3 is executable
		{rdU(0x2000_0FFC), true}, {wrU(0x2000_2000), true}, // outside 3: back to region 0
		{rdU(0x2001_0000), false}, {rdU(0x2001_01FC), false}, // region 2, subregions 0 and 1
		{wrU(0x2001_0200), true}, {wrU(0x2001_02FC), true}, // subregion 2 disabled: region 0 shows through
		{rdU(0x2001_0300), false}, {rdU(0x2001_07FC), false},
		{rdU(0x2001_8000), false}, {rdU(0x2001_807C), false}, // 128 B region fully matches despite SRD
		{rdU(0x2001_8080), true},
		{rdU(0x2002_0000), false}, // past region 0: no region, unprivileged
		{rdU(0x0800_1000), true}, {wrU(0x0800_1000), false}, {wrP(0x0800_1000), true},
		{exU(0x0810_0000), true},
		{exU(0x4000_1000), true},                            // MPU region overrides the Peripheral XN
		{exP(0xE010_0000), false}, {rdU(0xE010_0000), true}, // System space stays XN
		{rdU(0x6000_0000), false}, // region 9 is disabled
	})
}

func TestHFNMIENAAndWholeMap(t *testing.T) {
	m := New(Config{})
	setRegion(t, m, 0, 0, 32, apPrivRO, false, 0) // 4 GiB region: SIZE = 31
	setRegion(t, m, 15, 0x2000_0000, 5, apNone, false, 0)
	wr(t, m, regCTRL, ctrlENABLE)
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{rdP(0x0000_0000), true}, {rdP(0xDFFF_FFFC), true}, {wrP(0x2000_1000), false}, {rdU(0x1000_0000), false},
		{rdP(0x2000_0000), false}, {rdP(0x2000_001C), false}, {rdP(0x2000_0020), true},
		{neg(rdP(0x2000_0000)), true}, {neg(wrP(0x2000_1000)), true},
	})
	wr(t, m, regCTRL, ctrlENABLE|ctrlHFNMIENA)
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{neg(rdP(0x2000_0000)), false}, {neg(wrP(0x2000_1000)), false}, {neg(rdP(0x2000_1000)), true},
	})
}

// Accesses that span blocks are checked at every 32-byte block; the fault address is
// the first failing byte.
func TestSpanningAccesses(t *testing.T) {
	m := New(Config{})
	setRegion(t, m, 0, 0x2000_0000, 17, apRW, false, 0)
	setRegion(t, m, 1, 0x2000_0100, 5, apRO, false, 0) // one 32-byte read-only block
	wr(t, m, regCTRL, ctrlENABLE)
	for _, c := range []struct {
		a         access
		ok        bool
		faultAddr uint32
	}{
		{wrU(0x2000_00FC), true, 0},
		{sz(wrU(0x2000_00FE), 4), false, 0x2000_0100}, // last 2 bytes land in the RO block
		{sz(wrU(0x2000_011F), 2), false, 0x2000_011F},
		{sz(wrU(0x2000_0120), 4), true, 0},
		{sz(rdU(0x2000_00F0), 64), true, 0},
		{sz(wrU(0x2000_0000), 0x200), false, 0x2000_0100},
		{sz(rdU(0x2001_FFFE), 4), false, 0x2002_0000}, // runs off the end of region 0
		{sz(rdU(0xFFFF_FFFE), 4), false, 0xFFFF_FFFE},
	} {
		got, ok := m.CheckAt(c.a.addr, c.a.size, c.a.write, c.a.exec, c.a.priv, c.a.negP)
		if ok != c.ok || (!ok && got != c.faultAddr) {
			t.Errorf("%s of %d at %#08x: ok=%v fault %#x, want ok=%v fault %#x", c.a, c.a.size, c.a.addr, ok, got, c.ok, c.faultAddr)
		}
	}
}

func TestUnalignedBaseIsMasked(t *testing.T) {
	m := New(Config{})
	setRegion(t, m, 0, 0x2000_0000, 17, apRW, false, 0)
	setRegion(t, m, 1, 0x2000_1260, 12, apNone, false, 0) // 4 KiB at an unaligned base
	wr(t, m, regCTRL, ctrlENABLE)
	wr(t, m, regRNR, 1)
	if v := rd(t, m, regRBAR); v != 0x2000_1260|1 {
		t.Fatalf("RBAR %#x: ADDR[31:5] is read back as written", v)
	}
	expect(t, m, []struct {
		a    access
		want bool
	}{
		{rdU(0x2000_1000), false}, {rdU(0x2000_1FFC), false}, {rdU(0x2000_2000), true}, {rdU(0x2000_0FFC), true},
	})
}

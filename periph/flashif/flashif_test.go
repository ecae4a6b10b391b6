package flashif

import "testing"

func TestACRLatencyDrivesWaitStates(t *testing.T) {
	ws := -1
	f := New(Config{SetWaitStates: func(n int) { ws = n }})
	if ws != 0 || f.Latency() != 0 {
		t.Fatalf("reset: wait states %d, latency %d", ws, f.Latency())
	}
	// embassy-stm32 at 216 MHz: LATENCY = 7, PRFTEN | ARTEN (RM0410 §3.3.2 Table 7).
	if err := f.Write(regACR, 4, 7|acrPRFTEN|acrARTEN); err != nil {
		t.Fatal(err)
	}
	if ws != 7 {
		t.Fatalf("wait states %d, want 7", ws)
	}
	v, _ := f.Read(regACR, 4)
	if v != 7|acrPRFTEN|acrARTEN {
		t.Fatalf("ACR reads %#x", v)
	}
	// A byte write to LATENCY alone (some HALs do this) keeps PRFTEN/ARTEN.
	if err := f.Write(regACR, 1, 5); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.Read(regACR, 4); v != 5|acrPRFTEN|acrARTEN || ws != 5 {
		t.Fatalf("after byte write ACR=%#x ws=%d", v, ws)
	}
}

func TestResetValuesFromSVD(t *testing.T) {
	f := New(Config{})
	cases := []struct {
		off, want uint32
	}{
		{regACR, 0}, {regKEYR, 0}, {regSR, 0}, {regCR, 0x80000000}, {regOPTCR, 0x0FFFAAED}, {regOPTCR1, 0x00400080},
	}
	for _, c := range cases {
		if v, _ := f.Read(c.off, 4); v != c.want {
			t.Errorf("offset %#x reads %#x, want %#x", c.off, v, c.want)
		}
	}
}

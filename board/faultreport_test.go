package board

import (
	"strings"
	"testing"
)

func TestDescribeFault(t *testing.T) {
	cases := []struct {
		name                    string
		cfsr, hfsr, mmfar, bfar uint32
		want                    []string
	}{
		{"undefined escalated", 1 << 16, 1 << 30, 0, 0, []string{"HFSR.FORCED", "CFSR.UNDEFINSTR: UsageFault: undefined instruction"}},
		{"precise bus fault", 1<<9 | 1<<15, 0, 0, 0x6000_0000, []string{"CFSR.PRECISERR", "BFAR = 0x60000000"}},
		{"mpu data", 1<<1 | 1<<7, 0, 0x2000_1000, 0, []string{"CFSR.DACCVIOL", "MMFAR = 0x20001000"}},
		{"divide", 1 << 25, 0, 0, 0, []string{"DIVBYZERO"}},
		{"nothing", 0, 0, 0, 0, []string{"no fault status bits set"}},
	}
	for _, tc := range cases {
		got := strings.Join(DescribeFault(tc.cfsr, tc.hfsr, tc.mmfar, tc.bfar), "\n")
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
	}
	// FORCED comes before the cause, and each bit is one line.
	lines := DescribeFault(1<<16|1<<24, 1<<30, 0, 0)
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "HFSR.FORCED") {
		t.Fatalf("lines = %q", lines)
	}
}

package demangle

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// Expectations come from the mangling specifications, not from running the
// library:
//   - Rust v0: RFC 2603 ("Rust Symbol Name Mangling v0"). A crate root is
//     C [s<base62>_] <len><ident>, a nested value N v <path> <len><ident>,
//     a nested type namespace N t, a closure N C <path> [s<n>_] 0; closures
//     print as {closure#N}. The crate disambiguator is not printed.
//   - Rust legacy: _ZN <len><ident>... 17h<16 hex> E; the hash is dropped
//     (as rustfilt / probe-rs print it), "$LT$" "$GT$" "$u20$" "$RF$"
//     "$C$" escape <, >, space, &, comma and ".." separates path segments.
//   - C++: Itanium C++ ABI §5.1; what c++filt prints for these names.
//
// TestAgainstCxxfilt cross-checks the mangled entries with GNU c++filt
// (libiberty, an independent implementation) when it is installed.
var nameTests = []struct {
	in, want string
}{
	// Rust v0.
	{"_RNvCs1234_7mycrate4main", "mycrate::main"},
	{"_RNvNtCs1234_7mycrate3foo3bar", "mycrate::foo::bar"},
	{"_RNvC7mycrate4main", "mycrate::main"},
	{"_RNCNvCs1234_7mycrate4main0", "mycrate::main::{closure#0}"},
	{"_RNCNvCs1234_7mycrate4mains_0", "mycrate::main::{closure#1}"},
	// A ".llvm.<hash>" style suffix is not part of the name.
	{"_RNvCs1234_7mycrate4main.llvm.123", "mycrate::main"},
	// Generic args (I...E), an inherent impl (M) and a trait impl (X),
	// with a back-reference (B2_) to the crate root at offset 3.
	{"_RINvCs1234_7mycrate3fooNtCs5678_5other3BarE", "mycrate::foo::<other::Bar>"},
	{"_RNvMCs1234_7mycrateNtB2_3Foo3new", "<mycrate::Foo>::new"},
	{"_RNvXCs1234_7mycrateNtB2_3FooNtNtCs5678_4core3fmt5Debug3fmt", "<mycrate::Foo as core::fmt::Debug>::fmt"},

	// Rust legacy.
	{"_ZN4core9panicking5panic17h0123456789abcdefE", "core::panicking::panic"},
	{"_ZN3app4main17hfedcba9876543210E", "app::main"},
	{"_ZN60_$LT$core..cell..BorrowError$u20$as$u20$core..fmt..Debug$GT$3fmt17h0123456789abcdefE",
		"<core::cell::BorrowError as core::fmt::Debug>::fmt"},
	{"_ZN4core3ptr13drop_in_place17h0123456789abcdefE", "core::ptr::drop_in_place"},
	{"_ZN4core9panicking5panic17h0123456789abcdefE.llvm.4242", "core::panicking::panic"},

	// C++.
	{"_ZN3foo3barEv", "foo::bar()"},
	{"_Z3addii", "add(int, int)"},
	{"_ZN3FooC1Ev", "Foo::Foo()"},
	{"_ZN3FooD2Ev", "Foo::~Foo()"},
	{"_ZN2ns3Foo6methodEPKc", "ns::Foo::method(char const*)"},
	{"_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int, std::allocator<int> >::push_back(int const&)"},
	{"_Z3foov.constprop.0", "foo() [clone .constprop.0]"},

	// Not mangled or not valid: unchanged.
	{"main", "main"},
	{"Reset_Handler", "Reset_Handler"},
	{"$t", "$t"},
	{"", ""},
	{"_Z", "_Z"},
	{"_R", "_R"},
	{"_ZN3fooE_garbage!", "_ZN3fooE_garbage!"},
	{"_RNvC999mycrate", "_RNvC999mycrate"},
	// Legacy-looking but hash is not hex: not treated as Rust legacy;
	// it is still a valid C++ nested name.
	{"_ZN4core5panic17hzzzzzzzzzzzzzzzzE", "core::panic::hzzzzzzzzzzzzzzzz"},
}

func TestName(t *testing.T) {
	for _, tc := range nameTests {
		if got := Name(tc.in); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameHostile(t *testing.T) {
	// Very long or deeply nested inputs must return quickly and not panic.
	inputs := []string{
		"_Z" + strings.Repeat("N", 10000),
		"_R" + strings.Repeat("N", 5000),
		"_ZN" + strings.Repeat("1a", 5000) + "17h0123456789abcdefE",
		"_R" + strings.Repeat("B_", 100),
	}
	for _, in := range inputs {
		_ = Name(in)
	}
}

// TestAgainstCxxfilt compares with GNU c++filt, normalising the two
// documented presentation differences: c++filt keeps the legacy Rust hash
// ("::h<16 hex>") and prints v0 crate disambiguators ("crate[hex]"), which
// rustfilt-style output (ours) drops.
func TestAgainstCxxfilt(t *testing.T) {
	tool, err := exec.LookPath("arm-none-eabi-c++filt")
	if err != nil {
		if tool, err = exec.LookPath("c++filt"); err != nil {
			t.Skip("c++filt not installed")
		}
	}
	var in []string
	for _, tc := range nameTests {
		if tc.in != tc.want {
			in = append(in, tc.in)
		}
	}
	cmd := exec.Command(tool)
	cmd.Stdin = strings.NewReader(strings.Join(in, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != len(in) {
		t.Fatalf("c++filt printed %d lines for %d names", len(lines), len(in))
	}
	hash := regexp.MustCompile(`::h[0-9a-f]{16}$`)
	disamb := regexp.MustCompile(`\[[0-9a-f]+\]`)
	for i, name := range in {
		want := lines[i]
		if strings.HasPrefix(name, "_R") || strings.HasPrefix(name, "_ZN") {
			want = disamb.ReplaceAllString(hash.ReplaceAllString(want, ""), "")
		}
		if got := Name(name); got != want {
			t.Errorf("Name(%q) = %q, c++filt (normalised) says %q", name, got, want)
		}
	}
}

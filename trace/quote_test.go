package trace

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// quoteByteSpec is the spec's rule for one byte, written independently of
// AppendQuote: the escaped form of b inside a quoted string.
func quoteByteSpec(b byte) string {
	switch b {
	case '"':
		return `\"`
	case '\\':
		return `\\`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if b >= 0x20 && b <= 0x7e {
		return string(rune(b))
	}
	const hex = "0123456789abcdef"
	return `\x` + string(hex[b>>4]) + string(hex[b&15])
}

func TestQuoteSpotChecks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"tick 1\r\n", `"tick 1\r\n"`},
		{"a\"b\\c", `"a\"b\\c"`},
		{"\x00\x1f\x7f\x80\xff", `"\x00\x1f\x7f\x80\xff"`},
		{"tab\there", `"tab\there"`},
		{"é", `"\xc3\xa9"`}, // UTF-8 is escaped byte by byte, unlike strconv.Quote
		{" ~", `" ~"`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestQuoteAllBytes(t *testing.T) {
	var all []byte
	for i := 0; i < 256; i++ {
		b := byte(i)
		all = append(all, b)
		want := `"` + quoteByteSpec(b) + `"`
		got := Quote(string([]byte{b}))
		if got != want {
			t.Errorf("Quote(%#02x) = %s, want %s", b, got, want)
		}
		back, err := Unquote(got)
		if err != nil || back != string([]byte{b}) {
			t.Errorf("Unquote(%s) = %q, %v; want %q", got, back, err, []byte{b})
		}
	}
	q := Quote(string(all))
	for i := 0; i < len(q); i++ {
		if q[i] < 0x20 || q[i] > 0x7e {
			t.Fatalf("Quote output has non-printable byte %#02x", q[i])
		}
	}
	back, err := Unquote(q)
	if err != nil || back != string(all) {
		t.Errorf("round trip of all 256 bytes failed: %v", err)
	}
}

func TestQuoteRandomRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		b := make([]byte, r.IntN(40))
		for i := range b {
			if r.IntN(2) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = "\"\\\n\rx "[r.IntN(6)]
			}
		}
		s := string(b)
		q := Quote(s)
		var want strings.Builder
		want.WriteByte('"')
		for _, c := range b {
			want.WriteString(quoteByteSpec(c))
		}
		want.WriteByte('"')
		if q != want.String() {
			t.Fatalf("Quote(%q) = %s, want %s", s, q, want.String())
		}
		back, err := Unquote(q)
		if err != nil || back != s {
			t.Fatalf("Unquote(Quote(%q)) = %q, %v", s, back, err)
		}
	}
}

func TestUnquoteRejects(t *testing.T) {
	for _, q := range []string{
		``, `"`, `abc`, `"abc`, `abc"`, `""x`,
		`"a"b"`,      // raw quote inside
		`"\"`,        // escaped closing quote: unterminated
		`"\q"`,       // unknown escape
		`"\x4"`,      // one hex digit
		`"\x"`,       // no hex digits
		`"\xZZ"`,     // not hex
		`"\xAB"`,     // uppercase hex is not canonical
		`"\x41"`,     // 'A' must be written as itself
		`"\x0a"`,     // newline must be written \n
		"\"\t\"",     // raw tab
		"\"\x80\"",   // raw high byte
		"\"a\nb\"",   // raw newline
		"\"\x7f\"",   // raw DEL
		`"\u0041"`,   // Go escapes are not ours
		`"\101"`,     // nor octal
		"\"\\\x00\"", // backslash + NUL
	} {
		if s, err := Unquote(q); err == nil {
			t.Errorf("Unquote(%q) = %q, want an error", q, s)
		}
	}
}

func TestFields(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		bad  bool
	}{
		{in: "", want: nil},
		{in: "wfi", want: []string{"wfi"}},
		{in: `usart1 "tick 1\r\n"`, want: []string{"usart1", "tick 1\r\n"}},
		{in: `timeout ""`, want: []string{"timeout", ""}},
		{in: `"a b" "c\"d"`, want: []string{"a b", `c"d`}},
		{in: `0x08000000 "movs r0, #1"`, want: []string{"0x08000000", "movs r0, #1"}},
		{in: "a  b", bad: true},
		{in: " a", bad: true},
		{in: "a ", bad: true},
		{in: `"abc`, bad: true},
		{in: `"a"b`, bad: true},
		{in: `a"b`, bad: true},
		{in: `"\q"`, bad: true},
	} {
		got, err := Fields(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("Fields(%q) = %q, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Fields(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestTime(t *testing.T) {
	for _, tc := range []struct {
		ps   uint64
		want string
	}{
		{0, "0.000000000"},
		{999, "0.000000000"}, // sub-nanosecond truncated
		{1000, "0.000000001"},
		{195_000_000, "0.000195000"},
		{500_007_812_500, "0.500007812"},
		{1_000_000_000_000, "1.000000000"},
		{123_456_789_012_345_678, "123456.789012345"},
		{1<<64 - 1, "18446744.073709551"},
	} {
		if got := FormatTime(tc.ps); got != tc.want {
			t.Errorf("FormatTime(%d) = %s, want %s", tc.ps, got, tc.want)
		}
		back, err := ParseTime(tc.want)
		if err != nil || back != tc.ps/1000*1000 {
			t.Errorf("ParseTime(%s) = %d, %v; want %d", tc.want, back, err, tc.ps/1000*1000)
		}
	}
	for _, s := range []string{"", "0", "0.", "0.00000000", "0.0000000000", ".000000000", "x.000000000",
		"1.00000000x", "-1.000000000", "+1.000000000", "1,000000000", "18446745.000000000", "99999999999999999999.000000000"} {
		if ps, err := ParseTime(s); err == nil {
			t.Errorf("ParseTime(%q) = %d, want an error", s, ps)
		}
	}
}

package trace

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const hexDigits = "0123456789abcdef"

// AppendQuote appends s to dst as a trace quoted string and returns the extended
// buffer. The quoting is byte-oriented (docs/trace-format.md, "Quoted text"):
// printable ASCII 0x20–0x7e stands for itself except '"' (written \") and '\'
// (written \\); newline, carriage return and tab are written \n, \r and \t; every
// other byte is written \xNN with two lowercase hex digits. Unlike strconv.Quote,
// bytes >= 0x80 are always escaped, whether or not they form valid UTF-8, so the
// output is plain ASCII and a function of the bytes alone.
func AppendQuote(dst []byte, s string) []byte {
	return appendQuote(dst, s)
}

func appendQuote[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c >= 0x20 && c <= 0x7e:
			dst = append(dst, c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		}
	}
	return append(dst, '"')
}

// Quote returns s as a trace quoted string (see AppendQuote).
func Quote(s string) string {
	return string(AppendQuote(make([]byte, 0, len(s)+2), s))
}

// Unquote inverts Quote exactly: q must be one complete quoted string, from its
// opening to its closing '"', in the canonical form Quote writes. Anything else
// (missing quotes, a raw '"', '\' or byte outside 0x20–0x7e, an unknown escape,
// uppercase or missing hex digits, an escape Quote would not use such as \x41 for
// 'A', trailing bytes after the closing quote) is an error.
func Unquote(q string) (string, error) {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return "", fmt.Errorf("quoted text %s: must start and end with '\"'", strconv.Quote(q))
	}
	body := q[1 : len(q)-1]
	if strings.IndexByte(body, '\\') < 0 {
		// Fast path: no escapes; every byte must be printable and not '"'.
		for i := 0; i < len(body); i++ {
			if c := body[i]; c < 0x20 || c > 0x7e || c == '"' {
				return "", unquoteErr(q, i+1, "unescaped byte")
			}
		}
		return body, nil
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			if c < 0x20 || c > 0x7e || c == '"' {
				return "", unquoteErr(q, i+1, "unescaped byte")
			}
			out = append(out, c)
			continue
		}
		if i+1 >= len(body) {
			return "", unquoteErr(q, i+1, "incomplete escape")
		}
		i++
		switch body[i] {
		case '"', '\\':
			out = append(out, body[i])
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'x':
			if i+2 >= len(body) {
				return "", unquoteErr(q, i, "incomplete \\x escape")
			}
			hi, ok1 := lowerHex(body[i+1])
			lo, ok2 := lowerHex(body[i+2])
			if !ok1 || !ok2 {
				return "", unquoteErr(q, i, "\\x needs two lowercase hex digits")
			}
			b := hi<<4 | lo
			if (b >= 0x20 && b <= 0x7e) || b == '\n' || b == '\r' || b == '\t' {
				return "", unquoteErr(q, i, "non-canonical \\x escape")
			}
			out = append(out, b)
			i += 2
		default:
			return "", unquoteErr(q, i, "unknown escape")
		}
	}
	return string(out), nil
}

func lowerHex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

func unquoteErr(q string, pos int, what string) error {
	return fmt.Errorf("quoted text %s: %s at byte %d", strconv.Quote(q), what, pos)
}

// errFieldSyntax is wrapped by Fields errors.
var errFieldSyntax = errors.New("bad argument syntax")

// Fields splits an event's arguments (Record.Args) into its fields: words
// separated by single spaces, and quoted strings, which are returned unquoted.
// Fields("usart1 \"tick 1\\r\\n\"") returns ["usart1", "tick 1\r\n"]. An empty args
// string has no fields. Double or leading/trailing spaces, a quote that does not
// start a field, and malformed quoted text are errors.
func Fields(args string) ([]string, error) {
	if args == "" {
		return nil, nil
	}
	var out []string
	i := 0
	for {
		if i >= len(args) || args[i] == ' ' {
			return nil, fmt.Errorf("%w: empty field in %s", errFieldSyntax, strconv.Quote(args))
		}
		var end int
		if args[i] == '"' {
			end = quotedEnd(args, i)
			if end < 0 {
				return nil, fmt.Errorf("%w: unterminated quoted text in %s", errFieldSyntax, strconv.Quote(args))
			}
			s, err := Unquote(args[i:end])
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		} else {
			end = strings.IndexByte(args[i:], ' ')
			if end < 0 {
				end = len(args)
			} else {
				end += i
			}
			w := args[i:end]
			if strings.IndexByte(w, '"') >= 0 {
				return nil, fmt.Errorf("%w: '\"' inside word %s", errFieldSyntax, strconv.Quote(w))
			}
			out = append(out, w)
		}
		if end == len(args) {
			return out, nil
		}
		if args[end] != ' ' {
			return nil, fmt.Errorf("%w: no space after quoted text in %s", errFieldSyntax, strconv.Quote(args))
		}
		i = end + 1
	}
}

// quotedEnd returns the index just after the closing quote of the quoted string
// starting at s[i] == '"', or -1 if it is not closed.
func quotedEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// Package suite reads the YAML test suites of `m7emu test` (docs/ci.md): it parses
// and validates them, reporting every problem as "file:line: message", selects the
// cases of one shard, and writes JUnit XML reports.
//
// It is an edge package: it uses go.yaml.in/yaml/v3 for the YAML syntax (its nodes
// carry line numbers) and knows nothing of the emulator. The caller supplies the
// simulated-time parser, the UART-text unescaper and the machine names through
// Options, so the suite syntax stays the same as `m7emu run`'s flags.
package suite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DefaultTimeoutPs is a case's simulated-time limit when neither the case nor the
// suite's defaults give one: 10 s.
const DefaultTimeoutPs uint64 = 10_000_000_000_000

// Suite is one suite file.
type Suite struct {
	Path  string  // the path as given to Load
	Name  string  // the file's base name without its extension: "firmware"
	Cases []*Case // in file order
}

// Case is one test case, with the suite's defaults applied and its paths resolved
// against the suite file's directory.
type Case struct {
	Suite *Suite
	Name  string
	Line  int // line of the case in the suite file

	Firmware         string   // ELF path
	Args             []string // firmware command line (semihosting)
	Machine          string   // "" = the emulator's default
	UART             string   // console USART ("" = the machine's default)
	Seed             uint64
	NoWatchdog       bool
	NoCatchHardFault bool
	BkptExit         string // "fail" (default) or "success"
	Functional       bool
	MaxCycles        uint64 // 0 = no limit
	TimeoutPs        uint64 // simulated-time limit, never 0 (DefaultTimeoutPs)
	TolerancePs      uint64 // for the golden comparison
	Golden           string // golden trace path; "" = none
	ExitCode         *int   // the expected exit status; nil = not checked
	Presses          []Press
	UARTInputs       []UARTInput
	Expect           []Expect // expect-text then fail-text, in file order
}

// Press is a button press: Button is pressed at At and released Hold later (0: the
// emulator's default hold). Times are picoseconds of simulated time.
type Press struct {
	Button   string
	At, Hold uint64
}

// UARTInput is text sent to the console USART's receiver at simulated time At.
type UARTInput struct {
	Data []byte
	At   uint64
}

// Expect is one expected (or, with Fail, forbidden) text.
type Expect struct {
	Text   string         // plain text (Re nil)
	Re     *regexp.Regexp // regular expression
	Source string         // "output", "semihosting", "trace" or "uart:NAME" (lower case)
	Fail   bool
	Where  string // "suite.yaml:12", for messages
}

// Options supply what the suite syntax shares with the emulator's command line.
type Options struct {
	// ParseTime parses a simulated time ("1.5s", "200ms", a bare number of ms) into
	// picoseconds. Required.
	ParseTime func(string) (uint64, error)
	// Unescape decodes the escapes of UART input text (\r \n \t \\ \xNN). Required.
	Unescape func(string) ([]byte, error)
	// Machines are the valid machine names; nil accepts any.
	Machines []string
	// MissingGoldenOK accepts golden files that do not exist (--update-golden).
	MissingGoldenOK bool
}

// Error is one problem in a suite file.
type Error struct {
	File string
	Line int // 0 when no line applies (the file cannot be read)
	Msg  string
}

func (e Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Errors are all the problems found in the suites, in file and line order.
type Errors []Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Load reads and validates the suite files. It returns every problem it finds
// (as Errors) or the suites; nothing is returned half-valid.
func Load(paths []string, o Options) ([]*Suite, error) {
	if o.ParseTime == nil || o.Unescape == nil {
		return nil, errors.New("suite.Load: Options.ParseTime and Options.Unescape are required")
	}
	var all Errors
	var suites []*Suite
	bases := map[string]string{}
	for _, p := range paths {
		s, errs := loadFile(p, o)
		all = append(all, errs...)
		if s == nil {
			continue
		}
		if prev, dup := bases[s.Name]; dup {
			all = append(all, Error{File: p, Msg: fmt.Sprintf("another suite given is also named %q (%s): suite names (file base names) must differ", s.Name, prev)})
			continue
		}
		bases[s.Name] = p
		suites = append(suites, s)
	}
	if len(all) > 0 {
		return nil, all
	}
	return suites, nil
}

// loader collects the errors of one file.
type loader struct {
	file string
	dir  string
	o    Options
	errs Errors
}

func (l *loader) errf(n *yaml.Node, format string, a ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	l.errs = append(l.errs, Error{File: l.file, Line: line, Msg: fmt.Sprintf(format, a...)})
}

var yamlLineErr = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func loadFile(path string, o Options) (*Suite, Errors) {
	l := &loader{file: path, dir: filepath.Dir(path), o: o}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, Errors{{File: path, Msg: "no such suite file"}}
		}
		return nil, Errors{{File: path, Msg: err.Error()}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlErrors(path, err)
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	s := &Suite{Path: path, Name: name}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		l.errf(&yaml.Node{Line: 1}, "empty suite: give a mapping with a cases: list")
		return nil, l.errs
	}
	root := resolve(doc.Content[0])
	fields, ok := l.mapping(root, "the suite", []string{"defaults", "cases"})
	if !ok {
		return nil, l.errs
	}
	defaults := map[string]*yaml.Node{}
	if d, ok := fields["defaults"]; ok {
		if m, ok := l.mapping(d.val, "defaults", defaultKeys); ok {
			for k, f := range m {
				defaults[k] = f.val
			}
			// Check the defaults once on their own, even where every case overrides them.
			l.parseCase(s, nil, defaults)
		}
	}
	cf, ok := fields["cases"]
	if !ok {
		l.errf(root, "empty suite: no cases: list")
		return nil, l.errs
	}
	cases := resolve(cf.val)
	if cases.Kind != yaml.SequenceNode {
		l.errf(cases, "cases: want a list of cases, got %s", describe(cases))
		return nil, l.errs
	}
	if len(cases.Content) == 0 {
		l.errf(cases, "empty suite: the cases: list has no cases")
		return nil, l.errs
	}
	names := map[string]int{}
	goldens := map[string]*Case{}
	for _, cn := range cases.Content {
		nerr := len(l.errs)
		c := l.parseCase(s, resolve(cn), defaults)
		if c == nil {
			continue
		}
		if first, dup := names[c.Name]; dup && c.Name != "" {
			l.errf(cn, "duplicate case name %q (first at line %d)", c.Name, first)
			continue
		} else if c.Name != "" {
			names[c.Name] = c.Line
		}
		if len(l.errs) > nerr {
			continue
		}
		if c.Golden != "" {
			key := filepath.Clean(c.Golden)
			if other := goldens[key]; other != nil {
				l.errf(cn, "case %q uses the golden %s of case %q (line %d): each case needs its own", c.Name, c.Golden, other.Name, other.Line)
				continue
			}
			goldens[key] = c
		}
		s.Cases = append(s.Cases, c)
	}
	// A bad default is reported once, not once per case.
	slices.SortStableFunc(l.errs, func(a, b Error) int { return a.Line - b.Line })
	seen := map[Error]bool{}
	l.errs = slices.DeleteFunc(l.errs, func(e Error) bool {
		dup := seen[e]
		seen[e] = true
		return dup
	})
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return s, nil
}

// yamlErrors converts a YAML syntax error into file:line errors.
func yamlErrors(path string, err error) Errors {
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var out Errors
	for _, m := range msgs {
		if sm := yamlLineErr.FindStringSubmatch(m); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			out = append(out, Error{File: path, Line: n, Msg: "YAML: " + sm[2]})
		} else {
			out = append(out, Error{File: path, Msg: "YAML: " + strings.TrimPrefix(m, "yaml: ")})
		}
	}
	return out
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// describe names a node's type for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing (null)"
		case "!!str":
			return fmt.Sprintf("the string %q", n.Value)
		case "!!int":
			return "the integer " + n.Value
		case "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unexpected node"
}

// field is one key of a mapping.
type field struct {
	key *yaml.Node
	val *yaml.Node
}

// mapping checks that n is a mapping whose keys are all in allowed, each given once,
// and returns its fields by key.
func (l *loader) mapping(n *yaml.Node, what string, allowed []string) (map[string]field, bool) {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		l.errf(n, "%s: want a mapping (key: value lines), got %s", what, describe(n))
		return nil, false
	}
	out := map[string]field{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			l.errf(k, "%s: keys must be plain words", what)
			continue
		}
		if !slices.Contains(allowed, k.Value) {
			l.errf(k, "%s: unknown key %q (allowed: %s)", what, k.Value, strings.Join(allowed, ", "))
			continue
		}
		if prev, dup := out[k.Value]; dup {
			l.errf(k, "%s: key %q given twice (first at line %d)", what, k.Value, prev.key.Line)
			continue
		}
		out[k.Value] = field{key: k, val: v}
	}
	return out, true
}

// caseKeys are the keys of a case, in documentation order; defaultKeys are those
// the defaults may give (all but name).
var (
	caseKeys = []string{
		"name", "firmware", "args", "machine", "uart", "seed", "no-watchdog",
		"no-catch-hardfault", "bkpt-exit", "functional", "max-cycles", "timeout",
		"time-tolerance", "golden", "exit-code", "inputs", "expect-text", "fail-text",
	}
	defaultKeys = caseKeys[1:]
)

// parseCase reads one case, or with n nil checks the defaults alone.
func (l *loader) parseCase(s *Suite, n *yaml.Node, defaults map[string]*yaml.Node) *Case {
	onlyDefaults := n == nil
	fields := map[string]field{}
	line := 0
	if !onlyDefaults {
		f, ok := l.mapping(n, "case", caseKeys)
		if !ok {
			return nil
		}
		fields, line = f, n.Line
	}
	c := &Case{Suite: s, Line: line, TimeoutPs: DefaultTimeoutPs, BkptExit: "fail"}
	// get returns the node for a key: the case's own, else the default.
	get := func(k string) *yaml.Node {
		if f, ok := fields[k]; ok {
			return f.val
		}
		return defaults[k]
	}
	nameNode := get("name")
	if nameNode == nil {
		if !onlyDefaults {
			l.errf(n, "case: missing name:")
		}
	} else if v, ok := l.str(nameNode, "name"); ok {
		if err := checkName(v); err != nil {
			l.errf(nameNode, "name %q: %v", v, err)
		}
		c.Name = v
	}
	what := "case"
	if c.Name != "" {
		what = fmt.Sprintf("case %q", c.Name)
	}
	if fw := get("firmware"); fw == nil {
		if !onlyDefaults {
			l.errf(n, "%s: missing firmware: (the ELF file, relative to the suite file)", what)
		}
	} else if v, ok := l.str(fw, "firmware"); ok {
		c.Firmware = l.path(v)
		if st, err := os.Stat(c.Firmware); err != nil {
			l.errf(fw, "firmware %s: no such file%s", v, l.lookedFor(v, c.Firmware))
		} else if st.IsDir() {
			l.errf(fw, "firmware %s is a directory, not an ELF file", v)
		}
	}
	if a := get("args"); a != nil {
		if a.Kind != yaml.SequenceNode {
			l.errf(a, "args: want a list of strings, got %s", describe(a))
		} else {
			for _, e := range a.Content {
				if v, ok := l.scalar(resolve(e), "args item"); ok {
					c.Args = append(c.Args, v)
				}
			}
		}
	}
	if m := get("machine"); m != nil {
		if v, ok := l.str(m, "machine"); ok {
			if l.o.Machines != nil && !slices.Contains(l.o.Machines, v) {
				l.errf(m, "machine: unknown machine %q (machines: %s)", v, strings.Join(l.o.Machines, ", "))
			}
			c.Machine = v
		}
	}
	if u := get("uart"); u != nil {
		if v, ok := l.str(u, "uart"); ok {
			c.UART = strings.ToLower(v)
		}
	}
	if v := get("seed"); v != nil {
		c.Seed, _ = l.uint(v, "seed")
	}
	for _, b := range []struct {
		key string
		p   *bool
	}{{"no-watchdog", &c.NoWatchdog}, {"no-catch-hardfault", &c.NoCatchHardFault}, {"functional", &c.Functional}} {
		if v := get(b.key); v != nil {
			*b.p, _ = l.bool(v, b.key)
		}
	}
	if v := get("bkpt-exit"); v != nil {
		if s, ok := l.str(v, "bkpt-exit"); ok {
			if s != "fail" && s != "success" {
				l.errf(v, "bkpt-exit: %q is neither fail nor success", s)
			}
			c.BkptExit = s
		}
	}
	if v := get("max-cycles"); v != nil {
		c.MaxCycles, _ = l.uint(v, "max-cycles")
	}
	if v := get("timeout"); v != nil {
		if ps, ok := l.time(v, "timeout"); ok {
			if ps == 0 {
				l.errf(v, "timeout: must be longer than 0")
			} else {
				c.TimeoutPs = ps
			}
		}
	}
	if v := get("time-tolerance"); v != nil {
		c.TolerancePs, _ = l.time(v, "time-tolerance")
	}
	if g := get("golden"); g != nil {
		if v, ok := l.str(g, "golden"); ok {
			c.Golden = l.path(v)
			if st, err := os.Stat(c.Golden); err != nil {
				if !l.o.MissingGoldenOK {
					l.errf(g, "golden %s: no such file%s (create it with m7emu test --update-golden)", v, l.lookedFor(v, c.Golden))
				}
			} else if st.IsDir() {
				l.errf(g, "golden %s is a directory", v)
			}
		}
	}
	if v := get("exit-code"); v != nil {
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" {
			l.errf(v, "exit-code: want an integer, got %s", describe(v))
		} else if x, err := strconv.ParseInt(v.Value, 0, 32); err != nil {
			l.errf(v, "exit-code: %q is not a 32-bit integer", v.Value)
		} else {
			code := int(x)
			c.ExitCode = &code
		}
	}
	if v := get("inputs"); v != nil {
		l.inputs(c, v)
	}
	for _, e := range []struct {
		key  string
		fail bool
	}{{"expect-text", false}, {"fail-text", true}} {
		if v := get(e.key); v != nil {
			l.expects(c, v, e.key, e.fail)
		}
	}
	if onlyDefaults {
		return nil
	}
	// With errors, c is returned for its name only (duplicate checks); the caller
	// sees the errors.
	return c
}

// checkName keeps case names usable as file names (--trace-dir) and on one line.
func checkName(s string) error {
	switch {
	case s == "":
		return errors.New("must not be empty")
	case s == "." || s == "..":
		return errors.New("is not a usable name")
	case strings.ContainsAny(s, `/\`):
		return errors.New("must not contain / or \\ (it names the case's trace file)")
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return errors.New("must not contain control characters")
		}
	}
	return nil
}

// lookedFor says where a relative path was looked for, when that differs from it.
func (l *loader) lookedFor(given, resolved string) string {
	if given == resolved {
		return ""
	}
	return " (looked for " + resolved + ")"
}

// path resolves a path from the suite file against the suite file's directory.
func (l *loader) path(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(l.dir, p)
}

// scalar returns the text of a scalar that is a string or a number.
func (l *loader) scalar(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		l.errf(n, "%s: want a string, got %s", key, describe(n))
		return "", false
	}
	return n.Value, true
}

// str returns a string scalar (numbers are accepted as their text), not empty.
func (l *loader) str(n *yaml.Node, key string) (string, bool) {
	v, ok := l.scalar(n, key)
	if ok && v == "" {
		l.errf(n, "%s: must not be empty", key)
		return "", false
	}
	return v, ok
}

func (l *loader) uint(n *yaml.Node, key string) (uint64, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		l.errf(n, "%s: want a non-negative integer, got %s", key, describe(n))
		return 0, false
	}
	var v uint64
	if err := n.Decode(&v); err != nil {
		l.errf(n, "%s: want a non-negative integer, got %s", key, n.Value)
		return 0, false
	}
	return v, true
}

func (l *loader) bool(n *yaml.Node, key string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		l.errf(n, "%s: want true or false, got %s", key, describe(n))
		return false, false
	}
	var v bool
	if err := n.Decode(&v); err != nil {
		l.errf(n, "%s: want true or false, got %s", key, n.Value)
		return false, false
	}
	return v, true
}

// time parses a simulated time with Options.ParseTime.
func (l *loader) time(n *yaml.Node, key string) (uint64, bool) {
	v, ok := l.scalar(n, key)
	if !ok {
		return 0, false
	}
	ps, err := l.o.ParseTime(v)
	if err != nil {
		l.errf(n, "%s: %v", key, err)
		return 0, false
	}
	return ps, true
}

var inputKeys = []string{"press", "uart", "at", "hold"}

func (l *loader) inputs(c *Case, n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		l.errf(n, "inputs: want a list of {press: BUTTON, at: TIME[, hold: TIME]} or {uart: TEXT, at: TIME}, got %s", describe(n))
		return
	}
	for _, in := range n.Content {
		in = resolve(in)
		f, ok := l.mapping(in, "input", inputKeys)
		if !ok {
			continue
		}
		p, hasPress := f["press"]
		u, hasUART := f["uart"]
		if hasPress == hasUART {
			l.errf(in, "input: give exactly one of press: BUTTON or uart: TEXT")
			continue
		}
		at, hasAt := f["at"]
		if !hasAt {
			l.errf(in, "input: missing at: TIME")
			continue
		}
		atPs, ok := l.time(at.val, "at")
		if !ok {
			continue
		}
		if hasPress {
			btn, ok := l.str(p.val, "press")
			if !ok {
				continue
			}
			pr := Press{Button: btn, At: atPs}
			if h, ok := f["hold"]; ok {
				if pr.Hold, ok = l.time(h.val, "hold"); !ok {
					continue
				}
				if pr.Hold == 0 {
					l.errf(h.val, "hold: must be longer than 0")
					continue
				}
			}
			c.Presses = append(c.Presses, pr)
			continue
		}
		if h, ok := f["hold"]; ok {
			l.errf(h.key, "input: hold: applies to press: only")
			continue
		}
		text, ok := l.str(u.val, "uart")
		if !ok {
			continue
		}
		data, err := l.o.Unescape(text)
		if err != nil {
			l.errf(u.val, "uart: %v", err)
			continue
		}
		c.UARTInputs = append(c.UARTInputs, UARTInput{Data: data, At: atPs})
	}
}

var expectKeys = []string{"text", "regex", "source"}

func (l *loader) expects(c *Case, n *yaml.Node, key string, fail bool) {
	if n.Kind != yaml.SequenceNode {
		l.errf(n, "%s: want a list of texts or {text|regex: ..., source: ...}, got %s", key, describe(n))
		return
	}
	for _, e := range n.Content {
		e = resolve(e)
		x := Expect{Source: "output", Fail: fail, Where: fmt.Sprintf("%s:%d", l.file, e.Line)}
		if e.Kind == yaml.ScalarNode {
			t, ok := l.str(e, key+" item")
			if !ok {
				continue
			}
			x.Text = t
			c.Expect = append(c.Expect, x)
			continue
		}
		f, ok := l.mapping(e, key+" item", expectKeys)
		if !ok {
			continue
		}
		t, hasText := f["text"]
		r, hasRe := f["regex"]
		if hasText == hasRe {
			l.errf(e, "%s item: give exactly one of text: or regex:", key)
			continue
		}
		if src, ok := f["source"]; ok {
			v, ok := l.str(src.val, "source")
			if !ok {
				continue
			}
			v = strings.ToLower(v)
			if v != "output" && v != "semihosting" && v != "trace" && !(strings.HasPrefix(v, "uart:") && len(v) > len("uart:")) {
				l.errf(src.val, "source: unknown source %q (sources: output, semihosting, trace, uart:NAME such as uart:usart1)", v)
				continue
			}
			x.Source = v
		}
		if hasText {
			if x.Text, ok = l.str(t.val, "text"); !ok {
				continue
			}
		} else {
			v, ok := l.str(r.val, "regex")
			if !ok {
				continue
			}
			re, err := regexp.Compile(v)
			if err != nil {
				l.errf(r.val, "regex: %v", err)
				continue
			}
			x.Re = re
		}
		c.Expect = append(c.Expect, x)
	}
}

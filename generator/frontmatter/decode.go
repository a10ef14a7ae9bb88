package frontmatter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/glossdev/gloss/generator/diag"
	"go.yaml.in/yaml/v3"
)

// Decoder turns YAML nodes into Go values, reporting every problem to a
// diag.List at its place in the file.
type Decoder struct {
	// Path is the file's path relative to the site folder.
	Path string
	// LineOffset is added to node lines: the file line of YAML line 1, less one.
	LineOffset int
	// Diags receives the problems.
	Diags *diag.List
}

// Parse parses the front matter block b of the file at path and returns its
// top-level mapping node, or nil after reporting why there is none.
func Parse(path string, b Block, diags *diag.List) (*yaml.Node, *Decoder) {
	var p fastParser
	return parse(&p, path, b, diags)
}

// A Parser parses front matter as Parse does, but reuses the memory of one
// block's nodes for the next: a site's files each make a few dozen nodes,
// which a loader reads once and drops. It is safe for concurrent use; the
// zero Parser is ready to use.
type Parser struct {
	fast sync.Pool // of *fastParser
}

// Parse parses b as the function Parse does and passes what it returns to
// use. The nodes are only valid during the call.
func (p *Parser) Parse(path string, b Block, diags *diag.List, use func(root *yaml.Node, d *Decoder)) {
	fp, _ := p.fast.Get().(*fastParser)
	if fp == nil {
		fp = &fastParser{}
	}
	defer func() {
		fp.reset()
		p.fast.Put(fp)
	}()
	use(parse(fp, path, b, diags))
}

// parse is Parse with fp's memory for the fast path.
func parse(fp *fastParser, path string, b Block, diags *diag.List) (*yaml.Node, *Decoder) {
	d := &Decoder{Path: path, LineOffset: b.Line - 1, Diags: diags}
	if root, ok := fp.parse(b.YAML); ok {
		return root, d
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b.YAML, &doc); err != nil {
		d.syntaxError(b.YAML, err)
		return nil, d
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		// Empty front matter: the caller reports missing required fields at
		// the opening line.
		return &yaml.Node{Kind: yaml.MappingNode, Line: 0, Column: 1}, d
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.Errorf(root, "front matter must be a mapping of keys to values, got %s", describe(root))
		return nil, d
	}
	return root, d
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (d *Decoder) syntaxError(src []byte, err error) {
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 counts lines from 0 in parser errors (which point at the
		// start of the unfinished construct) and from 1 in scanner errors.
		if isParserError(msg) {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := ""
	lines := strings.Split(string(src), "\n")
	// libyaml also breaks lines at NEL, LS and PS; never point past the block.
	line = max(1, min(line, len(lines)))
	if line >= 1 && line <= len(lines) && strings.HasPrefix(strings.TrimLeft(lines[line-1], " "), "\t") {
		hint = "YAML does not allow tabs for indentation; indent with spaces"
	} else if strings.Contains(msg, "tab") {
		hint = "YAML does not allow tabs for indentation; indent with spaces"
	}
	d.Diags.Add(diag.Diagnostic{Path: d.Path, Line: line + d.LineOffset, Col: 1,
		Msg: "invalid YAML in front matter: " + msg, Hint: hint})
}

// parserErrors are the yaml.v3 parser's messages (as opposed to its
// scanner's), whose line numbers are 0-based.
var parserErrors = []string{
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected key",
	"did not find expected '-' indicator",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
}

func isParserError(msg string) bool {
	for _, p := range parserErrors {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// Errorf reports an error at node n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Diags.Errorf(d.Path, n.Line+d.LineOffset, n.Column, format, args...)
}

// ErrorHint reports an error with a hint at node n.
func (d *Decoder) ErrorHint(n *yaml.Node, hint, format string, args ...any) {
	d.Diags.Add(diag.Diagnostic{Path: d.Path, Line: n.Line + d.LineOffset, Col: n.Column,
		Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Fields maps the keys a mapping may hold to the functions that decode their
// values.
type Fields map[string]func(key, val *yaml.Node)

// Mapping checks that n is a mapping whose keys are all in fields, reports
// unknown and duplicate keys (with a suggestion for near misses), and calls the
// field's function for every known key with a non-null value. It returns the
// value nodes of the keys that were present (null values excluded), or nil
// when n is not a mapping. what names the mapping in messages ("front matter", "annotation").
func (d *Decoder) Mapping(n *yaml.Node, what string, fields Fields) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a mapping of keys to values, got %s", what, describe(n))
		return nil
	}
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	present := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "%s keys must be plain words", what)
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.Errorf(k, "duplicate key %q (first at line %d)", k.Value, prev.Line+d.LineOffset)
			continue
		}
		seen[k.Value] = k
		fn, ok := fields[k.Value]
		if !ok {
			hint := "known keys: " + strings.Join(sortedKeys(fields), ", ")
			if s := suggest(k.Value, fields); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			d.ErrorHint(k, hint, "unknown key %q in %s", k.Value, what)
			continue
		}
		if v.Kind == yaml.AliasNode || v.Anchor != "" {
			d.Errorf(v, "YAML anchors and aliases are not supported in front matter")
			present[k.Value] = v // present, though unusable: no "missing" error too
			continue
		}
		if isNull(v) {
			continue
		}
		present[k.Value] = v
		fn(k, v)
	}
	return present
}

// Require reports each of keys that is missing from present, at node n.
func (d *Decoder) Require(n *yaml.Node, what string, present map[string]*yaml.Node, keys ...string) {
	for _, k := range keys {
		if _, ok := present[k]; !ok {
			d.Errorf(n, "%s: missing required key %q", what, k)
		}
	}
}

// String decodes a scalar as a string. Numbers and booleans are taken as
// written; lists and mappings are errors.
func (d *Decoder) String(key, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		d.Errorf(v, "%s: want a text value, got %s", key.Value, describe(v))
		return "", false
	}
	return v.Value, true
}

// StringList decodes a list of scalars.
func (d *Decoder) StringList(key, v *yaml.Node) ([]string, bool) {
	if v.Kind != yaml.SequenceNode {
		d.ErrorHint(v, fmt.Sprintf("write a list: %s: [%s]", key.Value, quoteForHint(v)),
			"%s: want a list of text values, got %s", key.Value, describe(v))
		return nil, false
	}
	out := make([]string, 0, len(v.Content))
	ok := true
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || isNull(item) {
			d.Errorf(item, "%s: each item must be a text value, got %s", key.Value, describe(item))
			ok = false
			continue
		}
		out = append(out, item.Value)
	}
	return out, ok
}

// Bool decodes a boolean.
func (d *Decoder) Bool(key, v *yaml.Node) (bool, bool) {
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!bool" {
		b, err := strconv.ParseBool(strings.ToLower(v.Value))
		if err == nil {
			return b, true
		}
	}
	d.Errorf(v, "%s: want true or false, got %s", key.Value, describe(v))
	return false, false
}

// Float decodes a number.
func (d *Decoder) Float(key, v *yaml.Node) (float64, bool) {
	if v.Kind == yaml.ScalarNode && (v.ShortTag() == "!!int" || v.ShortTag() == "!!float") {
		f, err := strconv.ParseFloat(v.Value, 64)
		if err == nil {
			return f, true
		}
	}
	d.Errorf(v, "%s: want a number, got %s", key.Value, describe(v))
	return 0, false
}

// Date decodes a date written as YYYY-MM-DD or as an RFC 3339 date-time.
func (d *Decoder) Date(key, v *yaml.Node) (time.Time, bool) {
	if v.Kind == yaml.ScalarNode {
		if t, err := ParseDate(v.Value); err == nil {
			return t, true
		}
	}
	d.ErrorHint(v, "write the date as 2025-05-16 or 2025-05-16T09:30:00+03:00",
		"%s: want a date (YYYY-MM-DD or RFC 3339), got %s", key.Value, describe(v))
	return time.Time{}, false
}

// ParseDate parses YYYY-MM-DD (as midnight UTC) or an RFC 3339 date-time.
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

// Each calls fn for each item of a list, reporting a non-list.
func (d *Decoder) Each(key, v *yaml.Node, fn func(i int, item *yaml.Node)) bool {
	if v.Kind != yaml.SequenceNode {
		d.Errorf(v, "%s: want a list, got %s", key.Value, describe(v))
		return false
	}
	for i, item := range v.Content {
		fn(i, item)
	}
	return true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "a boolean " + n.Value
		case "!!int", "!!float":
			return "the number " + n.Value
		}
		return strconv.Quote(truncate(n.Value, 40))
	}
	return "an unexpected value"
}

func quoteForHint(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		return strconv.Quote(truncate(v.Value, 40))
	}
	return "…"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

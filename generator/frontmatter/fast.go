package frontmatter

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// fastParse reads the plain subset of YAML that front matter is almost always
// written in, and returns the same node tree as yaml.v3 would, in about a
// quarter of the time (BenchmarkParse): yaml.v3 runs libyaml's scanner,
// parser and a node builder over every file of a site, and reading front
// matter was the largest part of loading it.
//
// The subset: block mappings with plain keys (letters, digits, '_' and '-'),
// block sequences (indented under their key or not), single-line values
// (plain scalars, quoted strings with the common escapes, and flow sequences
// and mappings of those), and folded or literal block scalars whose lines
// share one indentation. Anything else — comments, tabs, anchors, tags,
// other values over several lines, empty values, unusual characters — makes
// it return false, and the caller asks yaml.v3, which also reports every
// mistake. FuzzFastParse holds the two to the same tree.
func fastParse(src []byte) (*yaml.Node, bool) {
	var p fastParser
	return p.parse(src)
}

// parse is fastParse with p's memory, which a Parser reuses once the
// nodes are no longer read (see reset).
func (p *fastParser) parse(src []byte) (*yaml.Node, bool) {
	if !p.split(src) || len(p.lines) == 0 {
		return nil, false
	}
	root, ok := p.block(p.lines[0].indent)
	if !ok || root.Kind != yaml.MappingNode || p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

type fastLine struct {
	num, indent int
	// text is the line after its indentation, without trailing spaces.
	text []byte
	// col is the column of text[0], from 1, in characters.
	col int
	// blanks counts the blank lines right before this one; spaced tells
	// whether one of them holds spaces, and trailing whether this line
	// ended in spaces. Block scalars keep such spaces.
	blanks           int
	spaced, trailing bool
}

type fastParser struct {
	lines []fastLine
	i     int
	// nodes is the slab nodes are taken from. A full one is left to the
	// pointers into it and a new one started; first is the parse's first
	// slab, which the next parse reuses, and count is how many nodes the
	// parse made.
	nodes, first []yaml.Node
	count        int
	// stack holds the items of the collections being read, and ptrs is
	// the slab their Content is cut from once each is read.
	stack, ptrs []*yaml.Node
	// depth counts the block collections being read, up to maxDepth.
	depth int
	// noFinalBreak tells that the last line holds text and no line feed;
	// tailSpaced, that a blank line after the last text holds spaces.
	noFinalBreak, tailSpaced bool
}

// maxDepth is how deeply the fast path nests block collections. yaml.v3
// refuses more than 10,000 levels; front matter needs a handful, and deeper
// text goes to yaml.v3, which reports it.
const maxDepth = 100

// split cuts src into its non-blank lines, and tells whether every character
// is one the subset allows.
func (p *fastParser) split(src []byte) bool {
	if p.lines == nil {
		// Room for a usual front matter; blank lines take none.
		p.lines = make([]fastLine, 0, min(bytes.Count(src, []byte{'\n'})+1, 64))
	}
	p.noFinalBreak = len(src) > 0 && src[len(src)-1] != '\n' && len(bytes.TrimLeft(src[bytes.LastIndexByte(src, '\n')+1:], " ")) > 0
	blanks, spaced := 0, false
	for num := 1; len(src) > 0; num++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if !allowed(line) {
			return false
		}
		text := bytes.TrimLeft(line, " ")
		indent := len(line) - len(text)
		trimmed := bytes.TrimRight(text, " ")
		if len(trimmed) == 0 {
			blanks++
			spaced = spaced || len(line) > 0
			continue
		}
		p.lines = append(p.lines, fastLine{num: num, indent: indent, text: trimmed, col: indent + 1,
			blanks: blanks, spaced: spaced, trailing: len(trimmed) < len(text)})
		blanks, spaced = 0, false
	}
	p.tailSpaced = spaced
	// Most lines hold one or two nodes.
	if cap(p.first) < 2*len(p.lines) {
		p.first = make([]yaml.Node, 0, 2*len(p.lines))
	}
	p.nodes = p.first[:0]
	return true
}

// reset readies p for another parse, reusing its memory: the nodes of the
// last one, which pointed into it, must no longer be read. Nothing of the
// last source or its values is kept.
func (p *fastParser) reset() {
	clear(p.lines)
	p.lines = p.lines[:0]
	clear(p.first[:min(p.count, cap(p.first))])
	if p.count > cap(p.first) {
		// The next parse is likely to need as many.
		p.first = make([]yaml.Node, 0, p.count)
	}
	p.nodes, p.count = nil, 0
	clear(p.stack)
	clear(p.ptrs)
	p.stack, p.ptrs = p.stack[:0], p.ptrs[:0]
	p.i, p.depth = 0, 0
	p.noFinalBreak, p.tailSpaced = false, false
}

// push adds n to the items of the collection being read.
func (p *fastParser) push(n ...*yaml.Node) { p.stack = append(p.stack, n...) }

// content returns the items pushed since the stack held base, as a
// collection's Content (nil for none), and takes them off the stack.
func (p *fastParser) content(base int) []*yaml.Node {
	items := p.stack[base:]
	if len(items) == 0 {
		return nil
	}
	if cap(p.ptrs)-len(p.ptrs) < len(items) {
		// A full slab is left to the slices of it.
		p.ptrs = make([]*yaml.Node, 0, max(64, 2*cap(p.ptrs), len(items)))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, items...)
	clear(items)
	p.stack = p.stack[:base]
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

// allowed tells whether line holds only characters the subset reads as
// yaml.v3 does: printable, no tab, no comment, no byte-order mark, none of
// the characters YAML 1.1 takes for line breaks. It cannot tell invalid
// UTF-8 from a real U+FFFD, and sends both to yaml.v3.
func allowed(line []byte) bool {
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f || c == '#' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

func (p *fastParser) node(kind yaml.Kind, tag string, l *fastLine, off int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		// A full slab is left to the pointers into it, never grown.
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.count++
	p.nodes = append(p.nodes, yaml.Node{Kind: kind, Tag: tag, Line: l.num, Column: l.col + utf8.RuneCount(l.text[:off])})
	return &p.nodes[len(p.nodes)-1]
}

// block reads the mapping or sequence whose lines start at indent.
func (p *fastParser) block(indent int) (*yaml.Node, bool) {
	if isDash(p.lines[p.i].text) {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

// enter counts one more collection being read, and tells whether the
// nesting is still within maxDepth; leave counts it done.
func (p *fastParser) enter() bool {
	if p.depth == maxDepth {
		return false
	}
	p.depth++
	return true
}

func (p *fastParser) leave() { p.depth-- }

func isDash(text []byte) bool {
	return len(text) >= 2 && text[0] == '-' && text[1] == ' '
}

// mapping reads a block mapping whose keys are at indent.
func (p *fastParser) mapping(indent int) (*yaml.Node, bool) {
	if !p.enter() {
		return nil, false
	}
	defer p.leave()
	l := &p.lines[p.i]
	m := p.node(yaml.MappingNode, "!!map", l, 0)
	base := len(p.stack)
	for p.i < len(p.lines) {
		l := &p.lines[p.i]
		if l.indent < indent {
			break
		}
		if l.indent > indent {
			return nil, false
		}
		end := keyEnd(l.text)
		if end < 0 {
			return nil, false
		}
		k := p.node(yaml.ScalarNode, "", l, 0)
		k.Value = string(l.text[:end])
		k.Tag = k.ShortTag()
		var v *yaml.Node
		if end+1 == len(l.text) {
			// The value is a block on the next lines.
			p.i++
			if p.i == len(p.lines) {
				return nil, false
			}
			next := &p.lines[p.i]
			switch {
			case next.indent > indent:
				var ok bool
				if v, ok = p.block(next.indent); !ok {
					return nil, false
				}
			case next.indent == indent && isDash(next.text):
				var ok bool
				if v, ok = p.sequence(indent); !ok {
					return nil, false
				}
			default:
				return nil, false
			}
		} else {
			var ok bool
			if v, ok = p.inline(l, skipSpaces(l.text, end+2)); !ok {
				return nil, false
			}
			p.i++
		}
		p.push(k, v)
	}
	m.Content = p.content(base)
	return m, true
}

// sequence reads a block sequence whose dashes are at indent.
func (p *fastParser) sequence(indent int) (*yaml.Node, bool) {
	if !p.enter() {
		return nil, false
	}
	defer p.leave()
	s := p.node(yaml.SequenceNode, "!!seq", &p.lines[p.i], 0)
	base := len(p.stack)
	for p.i < len(p.lines) {
		l := &p.lines[p.i]
		if l.indent < indent || l.indent == indent && !isDash(l.text) {
			break
		}
		if l.indent > indent {
			return nil, false
		}
		at := skipSpaces(l.text, 2)
		var item *yaml.Node
		if keyEnd(l.text[at:]) >= 0 {
			// A mapping that starts on the dash's line: its keys are at the
			// column of the first.
			keys := l.indent + at
			l.indent, l.text, l.col = keys, l.text[at:], l.col+at
			var ok bool
			if item, ok = p.mapping(keys); !ok {
				return nil, false
			}
		} else {
			var ok bool
			if item, ok = p.inline(l, at); !ok {
				return nil, false
			}
			p.i++
		}
		p.push(item)
	}
	s.Content = p.content(base)
	return s, true
}

func skipSpaces(text []byte, i int) int {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}

// keyEnd returns where the plain key at the start of text ends, at a ':'
// that ends the line or comes before a space, or -1.
func keyEnd(text []byte) int {
	for i, c := range text {
		switch {
		case c == ':':
			if i == 0 || i > 128 || text[0] == '-' || i+1 < len(text) && text[i+1] != ' ' {
				return -1
			}
			return i
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_', c == '-':
		default:
			return -1
		}
	}
	return -1
}

// inline reads the value at text[at:] of line l, which must end the line
// and be followed by no more indented line.
func (p *fastParser) inline(l *fastLine, at int) (*yaml.Node, bool) {
	if at >= len(l.text) {
		return nil, false
	}
	if c := l.text[at]; c == '>' || c == '|' {
		return p.blockScalar(l, at)
	}
	if p.i+1 < len(p.lines) && p.lines[p.i+1].indent > l.indent {
		return nil, false
	}
	var (
		n   *yaml.Node
		end int
		ok  bool
	)
	switch l.text[at] {
	case '[':
		n, end, ok = p.flowSequence(l, at)
	case '{':
		n, end, ok = p.flowMapping(l, at)
	default:
		n, end, ok = p.scalar(l, at, false)
	}
	return n, ok && end == len(l.text)
}

// scalar reads a quoted or plain scalar at text[at:]; in a flow collection
// (flow), a plain one ends at ',', ']' or '}'. It returns the index after it.
func (p *fastParser) scalar(l *fastLine, at int, flow bool) (*yaml.Node, int, bool) {
	text := l.text
	switch text[at] {
	case '"':
		v, end, ok := doubleQuoted(text, at)
		if !ok {
			return nil, 0, false
		}
		n := p.node(yaml.ScalarNode, "!!str", l, at)
		n.Style, n.Value = yaml.DoubleQuotedStyle, v
		return n, end, true
	case '\'':
		v, end, ok := singleQuoted(text, at)
		if !ok {
			return nil, 0, false
		}
		n := p.node(yaml.ScalarNode, "!!str", l, at)
		n.Style, n.Value = yaml.SingleQuotedStyle, v
		return n, end, true
	}
	if isIndicator(text[at]) && !(text[at] == '-' && at+1 < len(text) && isAlphaNum(text[at+1])) {
		return nil, 0, false
	}
	end := at
	for ; end < len(text); end++ {
		c := text[end]
		if c == ':' && (end+1 == len(text) || text[end+1] == ' ' || flow) {
			return nil, 0, false
		}
		if flow && c == '?' {
			// libyaml ends a plain scalar at '?' in a flow collection.
			return nil, 0, false
		}
		if flow && (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
			break
		}
	}
	v := bytes.TrimRight(text[at:end], " ")
	value := string(v)
	if value == "<<" {
		return nil, 0, false
	}
	// Untagged plain scalars get the tag yaml.v3 resolves for them, which
	// is what a Node with no tag reports.
	n := p.node(yaml.ScalarNode, "", l, at)
	n.Value = value
	n.Tag = n.ShortTag()
	return n, end, true
}

// isIndicator tells whether c may not start a plain scalar in the subset.
func isIndicator(c byte) bool {
	switch c {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return true
	}
	return false
}

// doubleQuoted reads the double-quoted string at text[at:], with the common
// escapes only.
func doubleQuoted(text []byte, at int) (string, int, bool) {
	var b []byte
	start := at + 1
	for i := start; i < len(text); i++ {
		switch text[i] {
		case '"':
			if b == nil {
				return string(text[start:i]), i + 1, true
			}
			return string(append(b, text[start:i]...)), i + 1, true
		case '\\':
			if i+1 == len(text) {
				return "", 0, false
			}
			var c byte
			switch text[i+1] {
			case '"', '\\':
				c = text[i+1]
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			default:
				return "", 0, false
			}
			b = append(append(b, text[start:i]...), c)
			i++
			start = i + 1
		}
	}
	return "", 0, false
}

// singleQuoted reads the single-quoted string at text[at:].
func singleQuoted(text []byte, at int) (string, int, bool) {
	var b []byte
	start := at + 1
	for i := start; i < len(text); i++ {
		if text[i] != '\'' {
			continue
		}
		if i+1 < len(text) && text[i+1] == '\'' {
			b = append(b, text[start:i+1]...)
			i++
			start = i + 1
			continue
		}
		if b == nil {
			return string(text[start:i]), i + 1, true
		}
		return string(append(b, text[start:i]...)), i + 1, true
	}
	return "", 0, false
}

// flowSequence reads "[a, b]" at text[at:], of scalars only.
func (p *fastParser) flowSequence(l *fastLine, at int) (*yaml.Node, int, bool) {
	s := p.node(yaml.SequenceNode, "!!seq", l, at)
	s.Style = yaml.FlowStyle
	base := len(p.stack)
	text := l.text
	i := skipSpaces(text, at+1)
	if i < len(text) && text[i] == ']' {
		return s, i + 1, true
	}
	for i < len(text) {
		item, end, ok := p.scalar(l, i, true)
		if !ok {
			return nil, 0, false
		}
		p.push(item)
		i = skipSpaces(text, end)
		if i == len(text) {
			break
		}
		switch text[i] {
		case ']':
			s.Content = p.content(base)
			return s, i + 1, true
		case ',':
			i = skipSpaces(text, i+1)
			if i < len(text) && (text[i] == ']' || text[i] == ',') {
				return nil, 0, false
			}
		default:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// flowMapping reads "{k: v, k: v}" at text[at:], with plain keys and scalar
// values.
func (p *fastParser) flowMapping(l *fastLine, at int) (*yaml.Node, int, bool) {
	m := p.node(yaml.MappingNode, "!!map", l, at)
	m.Style = yaml.FlowStyle
	base := len(p.stack)
	text := l.text
	i := skipSpaces(text, at+1)
	if i < len(text) && text[i] == '}' {
		return m, i + 1, true
	}
	for i < len(text) {
		end := keyEnd(text[i:])
		if end < 0 || i+end+1 == len(text) {
			return nil, 0, false
		}
		k := p.node(yaml.ScalarNode, "", l, i)
		k.Value = string(text[i : i+end])
		k.Tag = k.ShortTag()
		v, vend, ok := p.scalar(l, skipSpaces(text, i+end+2), true)
		if !ok {
			return nil, 0, false
		}
		p.push(k, v)
		i = skipSpaces(text, vend)
		if i == len(text) {
			break
		}
		switch text[i] {
		case '}':
			m.Content = p.content(base)
			return m, i + 1, true
		case ',':
			i = skipSpaces(text, i+1)
			if i < len(text) && (text[i] == '}' || text[i] == ',') {
				return nil, 0, false
			}
		default:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

func isAlphaNum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// blockScalar reads a folded (">") or literal ("|") block scalar, clipped
// or stripped ("-"), whose header is at text[at:] of line l and whose lines
// all have the indentation of the first: the usual way to write a long note.
func (p *fastParser) blockScalar(l *fastLine, at int) (*yaml.Node, bool) {
	header := l.text[at:]
	if len(header) > 2 || len(header) == 2 && header[1] != '-' {
		return nil, false
	}
	folded, strip := header[0] == '>', len(header) == 2
	first := p.i + 1
	if first == len(p.lines) || p.lines[first].indent <= l.indent {
		return nil, false
	}
	indent := p.lines[first].indent
	var b []byte
	end := first
	for ; end < len(p.lines) && p.lines[end].indent > l.indent; end++ {
		c := &p.lines[end]
		if c.indent != indent || c.trailing || c.spaced {
			return nil, false
		}
		if end > first {
			switch {
			case !folded:
				b = append(b, '\n')
				for range c.blanks {
					b = append(b, '\n')
				}
			case c.blanks == 0:
				b = append(b, ' ')
			default:
				for range c.blanks {
					b = append(b, '\n')
				}
			}
		} else if c.blanks > 0 {
			return nil, false
		}
		b = append(b, c.text...)
	}
	// Blank lines after the text may hold spaces that belong to it.
	if end < len(p.lines) && p.lines[end].spaced || end == len(p.lines) && p.tailSpaced {
		return nil, false
	}
	if !strip && !(end == len(p.lines) && p.noFinalBreak) {
		b = append(b, '\n')
	}
	n := p.node(yaml.ScalarNode, "!!str", l, at)
	n.Style, n.Value = yaml.LiteralStyle, string(b)
	if folded {
		n.Style = yaml.FoldedStyle
	}
	p.i = end - 1
	return n, true
}

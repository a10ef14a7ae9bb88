package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Linkify returns goldmark's bare-link extension (extension.Linkify) with its
// parser behind a cheap test.
func Linkify() goldmark.Extender { return linkifyExtension{} }

type linkifyExtension struct{}

// Extend adds the bare-link parser to m.
func (linkifyExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// The priority of goldmark's own Linkify extension.
		util.Prioritized(linkify{extension.NewLinkifyParser()}, 999),
	))
}

// linkify passes to goldmark's bare-link parser only what it could turn into
// a link. That parser runs at every space of every paragraph and reads the
// word after it as a possible e-mail address; most words can be neither an
// address nor a URL, which a look at their first bytes, and at whether the
// document holds an "@" at all, tells.
type linkify struct{ parser.InlineParser }

var hasAtKey = parser.NewContextKey()

// Parse returns what goldmark's parser returns, or nil where it would
// return nil.
func (l linkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:]
		}
	}
	if !mayBeURL(line) && !hasAt(block, pc) {
		return nil
	}
	return l.InlineParser.Parse(parent, block, pc)
}

// mayBeURL tells whether line starts as goldmark's bare URLs do.
func mayBeURL(line []byte) bool {
	if len(line) < 4 {
		return false
	}
	switch line[0] {
	case 'h':
		return bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:"))
	case 'f':
		return bytes.HasPrefix(line, []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(line, []byte("www."))
	}
	return false
}

// hasAt tells whether the document holds an "@", without which no e-mail
// address can be found; the answer is kept for the document.
func hasAt(block text.Reader, pc parser.Context) bool {
	if v, ok := pc.Get(hasAtKey).(bool); ok {
		return v
	}
	v := bytes.IndexByte(block.Source(), '@') >= 0
	pc.Set(hasAtKey, v)
	return v
}

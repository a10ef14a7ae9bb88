package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A document is parsed twice only where the bare-link parser could change it.
//
// GFM's bare-link parser (extension.Linkify) runs at every space and at
// every line's start, where goldmark then cuts the text it has read so far
// into a node: it adds about half to the time of parsing a document of
// prose, and twice the text nodes for the transformers to walk, most often
// to find no link at all. So the quick parse leaves it out, and the
// converter parses a document again with the full parse only where the
// quick parse shows that the two could differ (needsBareLinkParse). Where
// the parser finds no link, it only cuts text nodes in other places, which
// changes neither the HTML nor what the transformers find, but for one
// thing: white space at a line's end. goldmark trims it from the text after
// the last cut, so a cut at a space leaves the white space before it. The
// transformers run once, on the tree kept.

// gfmBlocks is goldmark's GFM extension without bare links: tables,
// strikethrough and task lists.
type gfmBlocks struct{}

// Extend adds the parsers and renderers to m.
func (gfmBlocks) Extend(m goldmark.Markdown) {
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// footnoteParsers is goldmark's footnote extension without its AST
// transformer, which the converter runs itself, after gloss's own, as
// goldmark would (its priority, 999, is the highest).
type footnoteParsers struct{}

// footnotePriority is the priority goldmark's footnote extension gives its
// AST transformer.
const footnotePriority = 999

// Extend adds the footnote parsers and renderer to m, with the priorities
// extension.Footnote gives them.
func (footnoteParsers) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
		parser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
	))
}

// bareLinkSchemes are the schemes a bare URL starts with in goldmark's
// bare-link parser, before their colon; the other start it knows is
// bareLinkWWW. It compares them byte for byte.
var bareLinkSchemes = [][]byte{[]byte("http"), []byte("https"), []byte("ftp")}

var bareLinkWWW = []byte("www.")

// needsBareLinkParse tells whether src, parsed into root without
// goldmark's bare-link parser, could parse otherwise with it: whether it may
// hold a bare link (mayHoldBareLink) or a line that ends in white space the
// parser would keep part of (keepsLineEndSpace).
func needsBareLinkParse(root ast.Node, src []byte) bool {
	return keepsLineEndSpace(src) || mayHoldBareLink(root, src)
}

// mayHoldBareLink tells whether goldmark's bare-link parser could have
// found a link in src, given root, src parsed without that parser.
//
// The parser returns a link only at a trigger (white space, a line's start,
// or one of "*_~(") after which the rest of the line starts with a URL's
// start ("http:", "https:", "ftp:" or "www."), or as an e-mail address,
// which needs an "@". Until it returns its first link, both parses read the
// same spans the same way: where it returns nothing, goldmark goes back to
// where it was. So at that first link, the parse without it read the same
// trigger, and then the letter that starts the URL, which no inline parser
// starts at, as text: that letter is in a text node's segment.
//
// So a document with no "@", where no URL's start begins inside a text node,
// holds no bare link. A URL's start right after a letter or a digit is no
// trigger's and is skipped; one in a link's destination, an autolink, raw
// HTML or a code block is in no text node. One in a code span or a link's
// text is, and sends the document to the second parse, which finds no link
// there: the test errs only that way.
func mayHoldBareLink(root ast.Node, src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	var starts []int
	add := func(q int) {
		if q == 0 || !isASCIIAlnum(src[q-1]) {
			starts = append(starts, q)
		}
	}
	// A scheme is found from its colon, and not from its first letter,
	// which most words hold.
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], ':')
		if j < 0 {
			break
		}
		i += j
		for _, s := range bareLinkSchemes {
			if bytes.HasSuffix(src[:i], s) {
				add(i - len(s))
			}
		}
	}
	for i := 0; ; i++ {
		j := bytes.Index(src[i:], bareLinkWWW)
		if j < 0 {
			break
		}
		i += j
		add(i)
	}
	if len(starts) == 0 {
		return false
	}
	return textCovers(root, starts)
}

// textCovers tells whether a text node under n holds one of the source
// offsets in offsets.
func textCovers(n ast.Node, offsets []int) bool {
	if t, ok := n.(*ast.Text); ok {
		for _, q := range offsets {
			if t.Segment.Start <= q && q < t.Segment.Stop {
				return true
			}
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if textCovers(c, offsets) {
			return true
		}
	}
	return false
}

// keepsLineEndSpace tells whether a line of src ends in white space that a
// parse with goldmark's bare-link parser would keep part of.
//
// goldmark trims the white space (tabs, carriage returns and spaces) at the
// end of a line's last text; two spaces before the line feed, a hard line
// break, are cut off first. (A backslash, the other hard line break, ends a
// line with no white space.) The bare-link parser cuts the text at every space and tab, and the
// last text is what follows the last one: so the white space before the
// last space or tab of the line's end stays. It does not when that space
// or tab starts the line's white space, which is the common case of a
// single space at the end.
func keepsLineEndSpace(src []byte) bool {
	for start := 0; start < len(src); {
		end := len(src)
		newline := false
		if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
			end, newline = start+i, true
		}
		line := src[start:end]
		start = end + 1
		if newline {
			switch {
			case bytes.HasSuffix(line, []byte("  ")):
				line = line[:len(line)-2]
			case bytes.HasSuffix(line, []byte("  \r")):
				line = line[:len(line)-3]
			}
		}
		// The white space at the end, and whether a space or a tab follows
		// its first byte.
		i := len(line)
		for i > 0 && (line[i-1] == ' ' || line[i-1] == '\t' || line[i-1] == '\r') {
			i--
		}
		// A line of white space only is blank, and holds no text: the
		// front matter, blanked, is such lines.
		if i > 0 && i+1 < len(line) && (bytes.IndexByte(line[i+1:], ' ') >= 0 || bytes.IndexByte(line[i+1:], '\t') >= 0) {
			return true
		}
	}
	return false
}

// isASCIIAlnum tells whether c is an ASCII letter or digit.
func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

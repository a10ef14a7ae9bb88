package markdown

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// bareLinkCases are documents and whether mayHoldBareLink sends them to the
// second parse.
var bareLinkCases = []struct {
	name, md string
	want     bool
}{
	{"prose", "Talks in Istanbul, on 16 May: a first step.", false},
	{"a link's destination", "See [the statement](https://example.org/s) and [more](http://example.org).", false},
	{"an image's destination", "![map](https://example.org/map.png)", false},
	{"an autolink", "<https://example.org>", false},
	{"raw HTML", `<a href="https://example.org">x</a>`, false},
	{"a fenced code block", "```\nhttps://example.org\n```", false},
	{"a link reference definition", "[x]\n\n[x]: https://example.org", false},
	{"a scheme inside a word", "xhttp://example.org and awww.example.org", false},
	{"a colon without a scheme", "Note: the http server, and www without a dot", false},
	{"a bare URL", "See https://example.org now.", true},
	{"a bare URL at the start", "http://example.org", true},
	{"an ftp URL", "ftp://example.org", true},
	{"a www domain", "at www.example.org", true},
	{"after a parenthesis", "(www.example.org)", true},
	{"after emphasis", "*https://example.org*", true},
	{"after a tilde", "~http://example.org~", true},
	{"in a link whose destination does not parse", "[x](https://example.org a b c)", true},
	{"an at sign", "write to press@example.org", true},
	{"an at sign alone", "@handle", true},
	// Found in text nodes, though the parser would not link them there.
	{"in a code span", "`https://example.org`", true},
	{"in a link's text", "[www.example.org](/x)", true},
	{"after a dot", "x.www.y", true},
	{"escaped", `\(https://example.org`, true},
}

func TestMayHoldBareLink(t *testing.T) {
	md := New().md
	for _, tt := range bareLinkCases {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.md)
			root := md.Parser().Parse(text.NewReader(src))
			assert.Equal(t, tt.want, mayHoldBareLink(root, src))
		})
	}
}

// typographerCases are documents and whether needsTypographerParse sends
// them to the full parse.
var typographerCases = []struct {
	name, md string
	want     bool
}{
	{"prose", "Talks in Istanbul, on 16 May. A first step - of sorts.", false},
	{"quotes and apostrophes", `"Peace," he said; it's the delegates' '90s plan.`, false},
	{"angle quotes", "<<so>> he said", false},
	{"two periods", "Wait.. what", false},
	{"an ellipsis", "Wait... what", true},
	{"an en dash", "pages 4--5", true},
	{"an em dash", "yes --- no", true},
	{"an escaped dash", `4\--5`, true},
	{"a thematic break", "a\n\n---\n\nb", true},
	{"a dash in code", "`a--b`", true},
}

func TestNeedsTypographerParse(t *testing.T) {
	for _, tt := range typographerCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, needsTypographerParse([]byte(tt.md)))
		})
	}
}

func TestKeepsLineEndSpace(t *testing.T) {
	tests := []struct {
		name, md string
		want     bool
	}{
		{"no white space", "a\nb", false},
		{"a space", "a \nb", false},
		{"a tab", "a\t\nb", false},
		{"a carriage return", "a\r\nb", false},
		{"a space and a carriage return", "a \r\nb", false},
		{"a hard line break", "a  \nb", false},
		{"a hard line break and a space", "a   \nb", false},
		{"a hard line break with a carriage return", "a   \r\nb", false},
		{"a backslash", "a \t\\\nb", false},
		{"white space inside the line", "a \t b\nc", false},
		{"a space and a tab", "a \t\nb", true},
		{"two tabs", "a\t\t\nb", true},
		{"a carriage return and a space", "a\r \nb", true},
		{"four spaces", "a    \nb", true},
		{"a hard line break after a tab and a space", "a\t   \nb", true},
		{"a space and a tab at the end", "a \t", true},
		{"in the last of several lines", "a\nb\nc\t\t", true},
		{"blank lines", "   \n\t \t\n a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, keepsLineEndSpace([]byte(tt.md)))
		})
	}
}

// render parses src with md's parser, with no AST transformers, and
// renders it.
func render(t *testing.T, md goldmark.Markdown, src []byte) (string, ast.Node) {
	t.Helper()
	root := md.Parser().Parse(text.NewReader(src))
	var buf bytes.Buffer
	require.NoError(t, md.Renderer().Render(&buf, src, root))
	return buf.String(), root
}

// FuzzQuickParse holds needsTypographerParse and needsBareLinkParse to
// what they claim: where both say no, the full parse gives the same HTML as
// the quick one.
func FuzzQuickParse(f *testing.F) {
	for _, tt := range bareLinkCases {
		f.Add(tt.md)
	}
	for _, tt := range linkifyCases {
		f.Add(tt.src)
	}
	for _, tt := range typographerCases {
		f.Add(tt.md)
	}
	f.Add("- a\n  www.x.y\n> *b* (http://c.d)\n\n| h |\n|---|\n| https://e.f |")
	f.Add("00000 \t\n00")
	f.Add("*a* \t\n`b`\t\t")
	f.Add("It's the Smiths' '90s \"hit\", isn't it? - no. 'Twas -- <<so>>... \\-- '")
	conv := New()
	f.Fuzz(func(t *testing.T, md string) {
		src := []byte(md)
		got, root := render(t, conv.md, src)
		if needsTypographerParse(src) || needsBareLinkParse(root, src) {
			return
		}
		want, _ := render(t, conv.full, src)
		assert.Equal(t, want, got, "the checks said the parses of %q are the same", md)
	})
}

// oneParser is the converter as it was before the quick parse: one goldmark
// instance that parses with bare links and the whole typographer and runs
// every transformer.
func oneParser() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(gfmBlocks{}, Linkify(), extension.Footnote, Typographer()),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkResolver{}, 100))),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
}

// converted is what a conversion gives: the HTML and what it found.
type converted struct {
	HTML      string
	Headings  []Heading
	Fragments []Fragment
	Diags     []string
}

func convertedBy(t *testing.T, conv func(*Doc) (string, error), body string) converted {
	t.Helper()
	d, diags := doc("content/articles/here.md", body)
	out, err := conv(d)
	require.NoError(t, err)
	var msgs []string
	for _, m := range diags.Sorted() {
		msgs = append(msgs, m.String())
	}
	return converted{out, d.Headings, d.Fragments, msgs}
}

// FuzzConvert holds the converter to oneParser and to itself with the full
// parse everywhere: the same HTML, headings, fragments and diagnostics.
func FuzzConvert(f *testing.F) {
	for _, tt := range bareLinkCases {
		f.Add(tt.md)
	}
	f.Add("# Talks\n\nSee [the talks](talks.md#top) and https://example.org.[^1]\n\n[^1]: A note, www.example.org.\n\n## Talks")
	f.Add("[x](missing.md) a@b.co [y](#nowhere)\n\n# H\n\n[^n]\n\n[^n]: *n*")
	// Gloss's transformers run before the footnotes move to the end.
	f.Add("A[^1].\n\n[^1]: See [a](#x).\n\nThen [b](#y).")
	for _, tt := range typographerCases {
		f.Add(tt.md)
	}
	quick, full, one := New(), New(WithFullParse(true)), oneParser()
	byOne := func(d *Doc) (string, error) {
		pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
		pc.Set(docKey, d)
		src := blankFrontMatter(d.File.Source, d.File.BodyOffset)
		var buf bytes.Buffer
		err := one.Renderer().Render(&buf, src, one.Parser().Parse(text.NewReader(src), parser.WithContext(pc)))
		return buf.String(), err
	}
	f.Fuzz(func(t *testing.T, body string) {
		want := convertedBy(t, byOne, body)
		assert.Equal(t, want, convertedBy(t, quick.Convert, body), "the quick parse")
		assert.Equal(t, want, convertedBy(t, full.Convert, body), "the full parse")
	})
}

// Package markdown converts the Markdown body of one article or entry into
// HTML with one shared goldmark instance. Per-document work (resolving links,
// linking glossary mentions, anchoring annotations) is done by AST
// transformers that find their document's state in the parser context.
package markdown

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter turns Markdown documents into HTML. It is safe for concurrent use.
type Converter struct {
	// md is the quick parse, without bare links and with the typographer
	// called only at quotes, and renders; full parses with both in full the
	// documents that need it (see needsTypographerParse and
	// needsBareLinkParse).
	md, full goldmark.Markdown
	// transformers are gloss's AST transformers and goldmark's footnote
	// transformer, in the order goldmark would run them.
	transformers []parser.ASTTransformer
	// everyParse parses every document with the full parse (see
	// WithFullParse).
	everyParse bool
	// bufs holds render buffers, reused from document to document.
	bufs sync.Pool
}

// bufWriter is the writer goldmark renders to: a bytes.Buffer is already
// buffered, so it needs no bufio.Writer (and its 4 KiB) in front of it.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

var _ util.BufWriter = bufWriter{}

// Option configures a Converter.
type Option func(*config)

type config struct {
	unsafeHTML   bool
	everyParse   bool
	transformers []util.PrioritizedValue
	renderers    []util.PrioritizedValue
}

// WithUnsafeHTML lets raw HTML in Markdown through to the output. Off by
// default: raw HTML is then left out of the page.
func WithUnsafeHTML(on bool) Option { return func(c *config) { c.unsafeHTML = on } }

// WithFullParse parses every document with the bare-link parser and the
// whole typographer, instead of only those that may need them (see
// needsTypographerParse and needsBareLinkParse): the same output, more
// slowly, with text nodes cut in more places. Tests hold the quick parse to
// it.
func WithFullParse(on bool) Option { return func(c *config) { c.everyParse = on } }

// WithTransformer adds an AST transformer that runs after gloss's own link
// resolution. Lower priorities run first.
func WithTransformer(t parser.ASTTransformer, priority int) Option {
	return func(c *config) { c.transformers = append(c.transformers, util.Prioritized(t, priority)) }
}

// WithNodeRenderer adds a renderer for node kinds that transformers create.
func WithNodeRenderer(r renderer.NodeRenderer, priority int) Option {
	return func(c *config) { c.renderers = append(c.renderers, util.Prioritized(r, priority)) }
}

// New returns a Converter.
func New(opts ...Option) *Converter {
	var c config
	for _, o := range opts {
		o(&c)
	}
	rendererOpts := []renderer.Option{html.WithXHTML(), html.WithWriter(textWriter{html.DefaultWriter})}
	if c.unsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	transformers := util.PrioritizedSlice(append([]util.PrioritizedValue{
		util.Prioritized(linkResolver{}, 100),
		util.Prioritized(extension.NewFootnoteASTTransformer(), footnotePriority),
	}, c.transformers...))
	transformers.Sort()
	conv := &Converter{everyParse: c.everyParse}
	for _, t := range transformers {
		conv.transformers = append(conv.transformers, t.Value.(parser.ASTTransformer))
	}
	newMarkdown := func(inline ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(append([]goldmark.Extender{gfmBlocks{}, footnoteParsers{}}, inline...)...),
			goldmark.WithParserOptions(parser.WithAutoHeadingID()),
			goldmark.WithRendererOptions(rendererOpts...),
			goldmark.WithRendererOptions(renderer.WithNodeRenderers(c.renderers...)),
		)
	}
	conv.md = newMarkdown(quoteTypographer{})
	conv.full = newMarkdown(Typographer(), Linkify())
	return conv
}

// Resolver tells the link transformer what the site holds.
type Resolver interface {
	// ArticlePage returns the page path of the article whose source file is
	// at the site-relative path p, and its heading ids.
	ArticlePage(p string) (page string, ok bool)
}

// Doc is one document to convert, and what converting it found.
type Doc struct {
	// File is the content file; its BodyOffset marks the Markdown.
	File content.File
	// Page is the site path of the page the HTML goes into; links in the
	// HTML are relative to it.
	Page string
	// Site resolves links to other content.
	Site Resolver
	// Diags receives problems at their place in File.
	Diags *diag.List
	// State holds the per-document state of added transformers, by key.
	State map[any]any
	// Disposable tells that nothing reads File.Source after the
	// conversion, which may then blank its front matter in place instead
	// of in a copy.
	Disposable bool

	// Headings are the document's headings, filled in by Convert.
	Headings []Heading
	// Fragments are the #fragments its links point at, to be checked once
	// every document is converted.
	Fragments []Fragment
}

// Fragment is a link to a #fragment of a page: Page is the site path of the
// page linked to (the document's own page for "#x" links).
type Fragment struct {
	Page, ID string
	// Offset is where the link is in the file, at Line and Col.
	Offset, Line, Col int
}

// Heading is a heading of a document.
type Heading struct {
	Level int
	ID    string
	Text  string
}

var docKey = parser.NewContextKey()

// DocOf returns the Doc a transformer works on.
func DocOf(pc parser.Context) *Doc {
	d, _ := pc.Get(docKey).(*Doc)
	return d
}

// Convert parses and renders doc's file, returning the body HTML.
func (c *Converter) Convert(doc *Doc) (string, error) {
	var html string
	err := c.ConvertWith(doc, func(b []byte) error {
		// The body is kept as long as the build: a copy of its exact size.
		html = string(b)
		return nil
	})
	return html, err
}

// ConvertWith parses and renders doc's file and passes the body HTML to
// use, whose error it returns. The bytes are only valid during the call:
// their buffer is reused.
func (c *Converter) ConvertWith(doc *Doc, use func(html []byte) error) error {
	src := doc.File.Source
	if doc.Disposable {
		blankInPlace(src, doc.File.BodyOffset)
	} else {
		src = blankFrontMatter(src, doc.File.BodyOffset)
	}
	md := c.md
	if c.everyParse || needsTypographerParse(src) {
		md = c.full
	}
	root, pc := parseDoc(md, src, doc)
	if md != c.full && needsBareLinkParse(root, src) {
		root, pc = parseDoc(c.full, src, doc)
	}
	reader := text.NewReader(src)
	for _, t := range c.transformers {
		t.Transform(root, reader, pc)
	}
	buf, _ := c.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer c.bufs.Put(buf)
	if err := c.md.Renderer().Render(bufWriter{buf}, src, root); err != nil {
		return fmt.Errorf("%s: render: %w", doc.File.Path, err)
	}
	return use(buf.Bytes())
}

// parseDoc parses src with md's parser, in a new context for doc.
func parseDoc(md goldmark.Markdown, src []byte, doc *Doc) (*ast.Document, parser.Context) {
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(docKey, doc)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	return root.(*ast.Document), pc
}

// blankFrontMatter returns a copy of src with the front matter, fences
// included, turned into spaces. The loader has already read and checked that
// YAML with the place of every value; blank lines are all goldmark sees of
// it, so it is never read twice and never reaches the page. Every offset
// stays the same.
func blankFrontMatter(src []byte, bodyOffset int) []byte {
	if !hasFrontMatter(src, bodyOffset) {
		return src
	}
	out := bytes.Clone(src)
	blank(out[:bodyOffset])
	return out
}

// blankInPlace is blankFrontMatter in src itself.
func blankInPlace(src []byte, bodyOffset int) {
	if hasFrontMatter(src, bodyOffset) {
		blank(src[:bodyOffset])
	}
}

// hasFrontMatter tells whether src has a front matter before bodyOffset.
func hasFrontMatter(src []byte, bodyOffset int) bool {
	return bodyOffset > 0 && bodyOffset <= len(src)
}

// blank turns every byte of b but line feeds into a space.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

package annotate

import (
	"bufio"
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"

	"github.com/glossdev/gloss/generator/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// NoteRenderer renders the Markdown of notes. Notes sit inside paragraphs of
// the article, so they may hold only paragraphs of inline content, which are
// written as block-styled spans; raw HTML is always left out of notes.
type NoteRenderer struct {
	md goldmark.Markdown
	// writers are small buffered writers reused from note to note, which
	// goldmark's renderer would otherwise allocate (4 KiB each) per call.
	writers sync.Pool
}

// NewNoteRenderer returns a NoteRenderer. It is safe for concurrent use.
func NewNoteRenderer() *NoteRenderer {
	return &NoteRenderer{md: goldmark.New(goldmark.WithExtensions(extension.Strikethrough, markdown.Linkify(),
		markdown.Typographer()))}
}

// errBlocks is returned for notes with lists, headings, quotes or code blocks.
var errBlocks = errors.New("a note may hold only paragraphs (no lists, headings, block quotes or code blocks)")

// Render converts a note's Markdown into inline HTML.
func (r *NoteRenderer) Render(md string) (template.HTML, error) {
	src := []byte(strings.TrimSpace(md))
	doc := r.md.Parser().Parse(text.NewReader(src))
	var out bytes.Buffer
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindParagraph && c.Kind() != ast.KindHTMLBlock {
			return "", errBlocks
		}
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindHTMLBlock {
			continue // raw HTML is never let into notes
		}
		var buf bytes.Buffer
		w, _ := r.writers.Get().(*bufio.Writer)
		if w == nil {
			w = bufio.NewWriterSize(&buf, 512)
		}
		w.Reset(&buf)
		err := r.md.Renderer().Render(w, src, c) // flushes w
		w.Reset(nil)
		r.writers.Put(w)
		if err != nil {
			return "", err
		}
		p := bytes.TrimSpace(buf.Bytes())
		p = bytes.TrimPrefix(p, []byte("<p>"))
		p = bytes.TrimSuffix(p, []byte("</p>"))
		out.WriteString(`<span class="note-p">`)
		out.Write(p)
		out.WriteString(`</span>`)
	}
	// goldmark escaped all text and dropped raw HTML (the renderer is not
	// unsafe), so this is safe markup.
	return template.HTML(out.String()), nil //nolint:gosec // see above
}

package annotate

import (
	"bufio"
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"
	"unicode/utf8"

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
	if h, ok := plainNote(md); ok {
		return h, nil
	}
	return r.render(md)
}

// render is Render with goldmark, whatever the note holds.
func (r *NoteRenderer) render(md string) (template.HTML, error) {
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

// plainNote writes a note that is plain text: paragraphs of words and
// common punctuation, which goldmark, its typographer and its bare-link
// parser leave as they are. Many notes are such, and a goldmark parse costs
// more than the rest of their anchoring. ok is false for any other note,
// which Render gives to goldmark (FuzzPlainNote holds the two together).
func plainNote(md string) (h template.HTML, ok bool) {
	md = strings.TrimSpace(md)
	if md == "" || !utf8.ValidString(md) || mayLink(md) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(md) + 32)
	for p := range strings.SplitSeq(md, "\n\n") {
		if !plainParagraph(p) {
			return "", false
		}
		b.WriteString(`<span class="note-p">`)
		b.WriteString(p)
		b.WriteString(`</span>`)
	}
	return template.HTML(b.String()), true //nolint:gosec // plainParagraph allows no character HTML escapes
}

// plainParagraph reports whether p is one line that goldmark reads as a
// paragraph of plain text and writes as it is: it starts with an ASCII
// letter (not a list, heading or other block), does not end with a space,
// and holds no character that starts an inline construct (emphasis, code,
// links, HTML, escapes, entities, typographic quotes and dashes, ellipses).
func plainParagraph(p string) bool {
	if p == "" || !asciiLetter(p[0]) || p[len(p)-1] == ' ' {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= utf8.RuneSelf, asciiLetter(c), '0' <= c && c <= '9', c == ' ':
		case c == '.' || c == '-':
			if i+1 < len(p) && p[i+1] == c {
				return false // an ellipsis or a dash
			}
		case strings.IndexByte(",;:?!()%/+=#$", c) >= 0:
		default:
			return false
		}
	}
	return true
}

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// mayLink reports whether the bare-link parser could find a link in s: an
// address (@) or a word that starts like a URL, in any case.
func mayLink(s string) bool {
	if strings.IndexByte(s, '@') >= 0 {
		return true
	}
	l := strings.ToLower(s)
	for _, w := range []string{"www", "http", "ftp", "mailto"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

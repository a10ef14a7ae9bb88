package annotate

import (
	"fmt"
	"html"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Node kinds of annotations.
var (
	KindHighlight = ast.NewNodeKind("AnnotationHighlight")
	KindRef       = ast.NewNodeKind("AnnotationRef")
)

// Highlight marks one piece of an annotated quote.
type Highlight struct {
	ast.BaseInline
	Note *Note
	// First marks the first piece, where screen readers are told that the
	// annotated text begins.
	First bool
}

// Kind implements ast.Node.
func (h *Highlight) Kind() ast.NodeKind { return KindHighlight }

// Dump implements ast.Node.
func (h *Highlight) Dump(src []byte, level int) {
	ast.DumpHelper(h, src, level, map[string]string{"ID": h.Note.ID}, nil)
}

// Ref is the numbered reference after an annotated quote, followed by the
// note itself.
type Ref struct {
	ast.BaseInline
	Note *Note
}

// Kind implements ast.Node.
func (r *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (r *Ref) Dump(src []byte, level int) {
	ast.DumpHelper(r, src, level, map[string]string{"ID": r.Note.ID}, nil)
}

// Renderer writes highlights, references and notes.
type Renderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHighlight, renderHighlight)
	reg.Register(KindRef, renderRef)
}

func renderHighlight(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := node.(*Highlight)
	if !entering {
		_, _ = w.WriteString("</mark>")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<mark class="anno anno-%s" data-annotation="%s">`, esc(h.Note.Kind), esc(h.Note.ID))
	if h.First {
		fmt.Fprintf(w, `<span class="visually-hidden">Annotated text, note %d: </span>`, h.Note.Number)
	}
	return ast.WalkContinue, nil
}

func renderRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Ref).Note
	num := strconv.Itoa(n.Number)
	fmt.Fprintf(w, `<a class="anno-ref" href="#%s" id="ref-%s" data-note="%s" aria-label="end of annotated text; note %s, %s">%s</a>`,
		esc(n.ID), esc(n.ID), esc(n.ID), num, esc(n.Label()), num)
	fmt.Fprintf(w, `<span class="note note-%s" id="%s" role="note" aria-label="Note %s">`, esc(n.Kind), esc(n.ID), num)
	fmt.Fprintf(w, `<span class="note-head"><span class="note-num">%s</span> <span class="note-kind">%s</span></span> `, num, esc(n.Label()))
	_, _ = w.WriteString(`<span class="note-body">`)
	_, _ = w.WriteString(string(n.Body))
	_, _ = w.WriteString(`</span>`)
	if s := n.Source; s != nil {
		_, _ = w.WriteString(`<span class="note-source">Source: `)
		if s.URL != "" {
			fmt.Fprintf(w, `<a href="%s" rel="noopener">%s</a>`, esc(s.URL), esc(s.Title))
		} else {
			_, _ = w.WriteString(esc(s.Title))
		}
		_, _ = w.WriteString(`</span>`)
	}
	_, _ = w.WriteString(`</span>`)
	return ast.WalkContinue, nil
}

func esc(s string) string { return html.EscapeString(s) }

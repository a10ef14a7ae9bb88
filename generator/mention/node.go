package mention

import (
	"github.com/glossdev/gloss/generator/content"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// KindMention is the AST node kind of a mention.
var KindMention = ast.NewNodeKind("Mention")

// Node is a mention of a glossary entry in the AST. Its children are the
// mentioned text.
type Node struct {
	ast.BaseInline
	Entry *content.Entry
	// ID is the element id, unique in the page: m-<entry id>-<n>.
	ID string
	// Href is the link to the entry page, relative to the page.
	Href string
	// Linked makes the mention a link; otherwise it is only marked up.
	Linked bool
	// Card ties the link to the entry's card in the page.
	Card bool
	// index is the mention's place in the document's Result.Mentions.
	index int
}

// Kind implements ast.Node.
func (n *Node) Kind() ast.NodeKind { return KindMention }

// Dump implements ast.Node.
func (n *Node) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Entry": n.Entry.ID, "ID": n.ID}, nil)
}

// Renderer writes mention nodes: a link that carries its card for linked
// mentions, a span (a target for backlinks) for the others.
type Renderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMention, renderMention)
}

func renderMention(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Node)
	if !entering {
		if n.Linked {
			_, _ = w.WriteString("</a>")
		} else {
			_, _ = w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	}
	// Ids are [a-z0-9-] by construction and Href is built from them, so
	// none of these attributes can carry markup; escape anyway.
	if n.Linked && !n.Card {
		_, _ = w.WriteString(`<a class="mention-link" href="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Href)))
		_, _ = w.WriteString(`">`)
		return ast.WalkContinue, nil
	}
	if n.Linked {
		_, _ = w.WriteString(`<a class="mention" href="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Href)))
		_, _ = w.WriteString(`" data-entry="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Entry.ID)))
		_, _ = w.WriteString(`" id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.ID)))
		_, _ = w.WriteString(`" aria-describedby="`)
		_, _ = w.Write(util.EscapeHTML([]byte(CardID(n.Entry.ID))))
		_, _ = w.WriteString(`">`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<span class="mention-plain" id="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.ID)))
	_, _ = w.WriteString(`" data-entry="`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Entry.ID)))
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

// CardID is the element id of an entry's card in an article page.
func CardID(entryID string) string { return "card-" + entryID }

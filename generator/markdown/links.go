package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GlossaryScheme starts an explicit reference to a glossary entry:
// [the Turkish capital](glossary:ankara).
const GlossaryScheme = "glossary:"

// linkResolver rewrites links to other Markdown files into the URLs of their
// pages, reports links that lead nowhere, and records headings.
type linkResolver struct{}

func (linkResolver) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc := DocOf(pc)
	if doc == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idStr, _ := id.([]byte)
			doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: string(idStr), Text: PlainText(n, src)})
		case *ast.Link:
			doc.resolveLink(n, src)
		}
		return ast.WalkContinue, nil
	})
}

func (doc *Doc) resolveLink(n *ast.Link, src []byte) {
	dest := string(n.Destination)
	if strings.HasPrefix(dest, GlossaryScheme) {
		return // the mention transformer handles explicit references
	}
	u, err := url.Parse(dest)
	if err == nil && u.Scheme == "" && u.Host == "" && u.Path == "" && u.Fragment != "" {
		doc.fragment(doc.Page, u.Fragment, NodeOffset(n, src))
		return
	}
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return
	}
	if path.Ext(u.Path) != ".md" {
		return
	}
	target := path.Join(path.Dir(doc.File.Path), u.Path)
	page, ok := doc.Site.ArticlePage(target)
	if !ok {
		doc.errorAt(NodeOffset(n, src), fmt.Sprintf("link to %s, which is not an article of this site", target),
			"link to another article by its file name, relative to this file: [see](other-article.md)")
		return
	}
	if u.Fragment != "" {
		doc.fragment(page, u.Fragment, NodeOffset(n, src))
		page += "#" + u.Fragment
	}
	n.Destination = []byte(urls.Rel(doc.Page, page))
}

// fragment records a link to #id of page, placed while the file's lines
// are at hand.
func (doc *Doc) fragment(page, id string, offset int) {
	f := Fragment{Page: page, ID: id, Offset: offset}
	if doc.File.Lines != nil {
		f.Line, f.Col = doc.File.Lines.Position(offset)
	}
	doc.Fragments = append(doc.Fragments, f)
}

func (doc *Doc) errorAt(offset int, msg, hint string) {
	line, col := doc.File.Lines.Position(offset)
	doc.Diags.Add(diag.Diagnostic{Path: doc.File.Path, Line: line, Col: col, Msg: msg, Hint: hint})
}

// NodeOffset returns the byte offset in the source where n starts, as near
// as the AST tells: for links and images, the "[" (or "![") that opens them;
// -1 when nothing places the node.
func NodeOffset(n ast.Node, src []byte) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Kind() == ast.KindLink || n.Kind() == ast.KindImage {
		return linkOffset(n, src)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := NodeOffset(c, src); off >= 0 {
			return off
		}
	}
	return -1
}

// linkOffset finds the "[" that opens a link or image: the nearest one
// before its text, or, for a link without text, after the text before it.
func linkOffset(n ast.Node, src []byte) int {
	after := -1 // where the link's "[" is known to come after
	for p := n.PreviousSibling(); p != nil && after < 0; p = p.PreviousSibling() {
		if t, ok := p.(*ast.Text); ok {
			after = t.Segment.Stop
		}
	}
	inner := -1
	for c := n.FirstChild(); c != nil && inner < 0; c = c.NextSibling() {
		inner = NodeOffset(c, src)
	}
	if inner < 0 || inner > len(src) {
		if after >= 0 && after < len(src) {
			if i := bytes.IndexByte(src[after:], '['); i >= 0 {
				after += i
			}
			if n.Kind() == ast.KindImage && after > 0 && src[after-1] == '!' {
				after--
			}
			return after
		}
		if p := n.Parent(); p != nil {
			return NodeOffset(p, src)
		}
		return -1
	}
	lineStart := bytes.LastIndexByte(src[:inner], '\n') + 1
	from := max(lineStart, after)
	i := bytes.LastIndexByte(src[from:inner], '[')
	if i < 0 {
		return inner
	}
	off := from + i
	if n.Kind() == ast.KindImage && off > 0 && src[off-1] == '!' {
		off--
	}
	return off
}

// PlainText returns the text of n and its descendants as a reader sees it:
// markup removed, soft line breaks as spaces.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			if !c.IsRaw() {
				// As a reader sees it: entities and escapes resolved.
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

package markdown

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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
		doc.Fragments = append(doc.Fragments, Fragment{Page: doc.Page, ID: u.Fragment, Offset: NodeOffset(n, src)})
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
		doc.Fragments = append(doc.Fragments, Fragment{Page: page, ID: u.Fragment, Offset: NodeOffset(n, src)})
		page += "#" + u.Fragment
	}
	n.Destination = []byte(urls.Rel(doc.Page, page))
}

func (doc *Doc) errorAt(offset int, msg, hint string) {
	line, col := doc.File.Lines.Position(offset)
	doc.Diags.Add(diag.Diagnostic{Path: doc.File.Path, Line: line, Col: col, Msg: msg, Hint: hint})
}

// NodeOffset returns the byte offset in the source where n starts, as near
// as the AST tells: for inline containers such as links, the first character
// of their text, less one for the opening bracket.
func NodeOffset(n ast.Node, src []byte) int {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := NodeOffset(c, src); off >= 0 {
			if n.Kind() == ast.KindLink || n.Kind() == ast.KindImage {
				// Step back over "[" or "![" when the source shows them.
				for off > 0 && off <= len(src) && (src[off-1] == '[' || src[off-1] == '!') {
					off--
				}
			}
			return off
		}
	}
	return -1
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
			b.Write(c.Value(src))
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

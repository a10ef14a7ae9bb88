// Package link is the second stage of a build: it converts every article and
// entry body to HTML, resolving links, glossary mentions and annotations, and
// builds the site graph — which articles mention which entries, backlinks,
// related entries and articles — that the render stage turns into pages.
package link

import (
	"html/template"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/urls"
)

// Site is a loaded site with every cross-reference resolved.
type Site struct {
	Config   *config.Site
	Articles []*Article // newest first
	Entries  []*Entry   // by id
	// Kinds holds the entries of each kind that has any, in glossary order.
	Kinds []KindGroup
}

// KindGroup is the entries of one kind, sorted for display.
type KindGroup struct {
	Kind    string
	Entries []*Entry
}

// Article is an article with its body converted and its mentions found.
type Article struct {
	*content.Article
	// Page is the article's site path.
	Page string
	// Body is the article's HTML.
	Body     template.HTML
	Headings []markdown.Heading
}

// Entry is a glossary entry with its body converted and its backlinks.
type Entry struct {
	*content.Entry
	// Page is the entry's site path.
	Page string
	// Body is the entry's longer text as HTML.
	Body template.HTML
	// Related lists the entries named in the entry's related field.
	Related []*Entry
}

// Link runs the link stage over a loaded site. Problems go to diags.
func Link(site *content.Site, conv *markdown.Converter, diags *diag.List) *Site {
	s := &Site{Config: site.Config}
	r := &resolver{articles: map[string]string{}, entries: map[string]*content.Entry{}}
	byID := map[string]*Entry{}
	for _, a := range site.Articles {
		la := &Article{Article: a, Page: urls.Article(a.Slug)}
		s.Articles = append(s.Articles, la)
		r.articles[a.Path] = la.Page
	}
	for _, e := range site.Entries {
		le := &Entry{Entry: e, Page: urls.Entry(e.ID)}
		s.Entries = append(s.Entries, le)
		r.entries[e.ID] = e
		byID[e.ID] = le
	}
	for _, e := range s.Entries {
		for _, ref := range e.Entry.Related {
			if rel, ok := byID[ref.ID]; ok && rel != e {
				e.Related = append(e.Related, rel)
			}
		}
	}

	n := len(s.Articles) + len(s.Entries)
	par.For(n, func(i int) {
		if i < len(s.Articles) {
			a := s.Articles[i]
			doc := &markdown.Doc{File: a.File, Page: a.Page, Site: r, Diags: diags}
			a.Body = convert(conv, doc, diags)
			a.Headings = doc.Headings
			return
		}
		e := s.Entries[i-len(s.Articles)]
		doc := &markdown.Doc{File: e.File, Page: e.Page, Site: r, Diags: diags}
		e.Body = convert(conv, doc, diags)
	})
	s.Kinds = groupByKind(s.Entries)
	return s
}

func convert(conv *markdown.Converter, doc *markdown.Doc, diags *diag.List) template.HTML {
	html, err := conv.Convert(doc)
	if err != nil {
		diags.Add(diag.Diagnostic{Path: doc.File.Path, Msg: err.Error()})
		return ""
	}
	// goldmark escapes all text and, unless the site allows raw HTML, drops
	// it; the result is safe to place in a page as is.
	return template.HTML(html) //nolint:gosec // see above
}

type resolver struct {
	articles map[string]string
	entries  map[string]*content.Entry
}

func (r *resolver) ArticlePage(p string) (string, bool) {
	page, ok := r.articles[p]
	return page, ok
}

func (r *resolver) Entry(id string) (*content.Entry, bool) {
	e, ok := r.entries[id]
	return e, ok
}

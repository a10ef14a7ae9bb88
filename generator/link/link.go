// Package link is the second stage of a build: it converts every article and
// entry body to HTML, resolving links, glossary mentions and annotations, and
// builds the site graph — which articles mention which entries, backlinks,
// related entries and articles — that the render stage turns into pages.
package link

import (
	"html/template"

	"github.com/glossdev/gloss/generator/annotate"
	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/mention"
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
	// Mentions are the article's mentions of entries, in document order.
	Mentions []mention.Mention
	// Entries are the entries the article mentions, in order of first mention.
	Entries []*Entry
	// Related are other articles that mention the most of the same entries.
	Related []*Article
	// Notes are the article's annotations, anchored, in reading order.
	Notes []*annotate.Note
	// Text is the article's text as annotations address it.
	Text string
}

// Entry is a glossary entry with its body converted and its backlinks.
type Entry struct {
	*content.Entry
	// Page is the entry's site path.
	Page string
	// Body is the entry's longer text as HTML.
	Body template.HTML
	// Appearances are the articles that mention the entry, newest first.
	Appearances []Appearance
	// Related lists the entries named in the entry's related field, then
	// those most often mentioned in the same articles.
	Related []*Entry
}

// Appearance is one article's mentions of an entry.
type Appearance struct {
	Article  *Article
	Mentions []mention.Mention
}

// Link runs the link stage over a loaded site. Problems go to diags.
func Link(site *content.Site, diags *diag.List) *Site {
	s := &Site{Config: site.Config}
	matcher := mention.NewMatcher(site.Entries, diags)
	conv := markdown.New(
		markdown.WithUnsafeHTML(site.Config.UnsafeHTML),
		markdown.WithTransformer(mention.NewTransformer(matcher), 200),
		markdown.WithTransformer(annotate.NewTransformer(annotate.NewNoteRenderer()), 300),
		markdown.WithNodeRenderer(mention.Renderer{}, 100),
		markdown.WithNodeRenderer(annotate.Renderer{}, 100),
	)
	r := &resolver{articles: map[string]string{}}
	byID := map[string]*Entry{}
	for _, a := range site.Articles {
		la := &Article{Article: a, Page: urls.Article(a.Slug)}
		s.Articles = append(s.Articles, la)
		r.articles[a.Path] = la.Page
	}
	for _, e := range site.Entries {
		le := &Entry{Entry: e, Page: urls.Entry(e.ID)}
		s.Entries = append(s.Entries, le)
		byID[e.ID] = le
	}

	n := len(s.Articles) + len(s.Entries)
	par.For(n, func(i int) {
		if i < len(s.Articles) {
			a := s.Articles[i]
			doc := &markdown.Doc{File: a.File, Page: a.Page, Site: r, Diags: diags}
			policy := site.Config.Autolink
			if a.Autolink != "" {
				policy = a.Autolink
			}
			found := mention.Prepare(doc, mention.Options{Policy: policy})
			notes := annotate.Prepare(doc, a.Annotations)
			a.Body = convert(conv, doc, diags)
			a.Headings = doc.Headings
			a.Mentions = found.Mentions
			a.Notes = notes.Notes
			a.Text = notes.Text
			return
		}
		e := s.Entries[i-len(s.Articles)]
		doc := &markdown.Doc{File: e.File, Page: e.Page, Site: r, Diags: diags}
		mention.Prepare(doc, mention.Options{Policy: config.AutolinkFirst, Self: e.ID})
		e.Body = convert(conv, doc, diags)
	})
	buildGraph(s, byID)
	warnUnused(s, diags)
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
}

func (r *resolver) ArticlePage(p string) (string, bool) {
	page, ok := r.articles[p]
	return page, ok
}

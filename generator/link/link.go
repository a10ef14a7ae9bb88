// Package link is the second stage of a build: it converts every article and
// entry body to HTML, resolving links, glossary mentions and annotations, and
// builds the site graph — which articles mention which entries, backlinks,
// related entries and articles — that the render stage turns into pages.
package link

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/glossdev/gloss/generator/annotate"
	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/internal/scratch"
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
	// Tags holds every tag with its articles, newest first, by tag.
	Tags []Tag
}

// Tag is a tag and the articles that carry it.
type Tag struct {
	Name     string
	Page     string
	Articles []*Article
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
	// Body is the article's HTML. It is empty while the article's HTML
	// waits in Options.Scratch: ReadBody reads it either way.
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
	// Text is the article's text as annotations address it. Like Body, it
	// may wait in Options.Scratch: UseText reads it either way.
	Text string
	// Sum digests Body and Text when Link had a Cache (it is zero
	// otherwise), so that a rebuild can tell whether the article's page
	// changed without reading them.
	Sum digest.Sum

	fragments []markdown.Fragment
	// scratch holds the body and text at bodyRef and textRef when Link
	// kept them there.
	scratch          *scratch.File
	bodyRef, textRef scratch.Ref
	// rank is the article's place in Site.Articles (see Site.number).
	rank int32
	// order tells which entries the mentions are of.
	order mentionOrder
	// mentionSums digest the mentions of each entry (in order's order) with
	// their sentences, and entriesSum the ids of the entries mentioned, in
	// order of first mention, when Link had a Cache.
	mentionSums []digest.Sum
	entriesSum  digest.Sum
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

	// index is the entry's place in Site.Entries (see Site.number).
	index int32
}

// number records each article's and entry's place in the site's lists, so
// that the graph can count in arrays instead of maps.
func (s *Site) number() {
	for i, a := range s.Articles {
		a.rank = int32(i)
	}
	for i, e := range s.Entries {
		e.index = int32(i)
	}
}

// Appearance is one article's mentions of an entry.
type Appearance struct {
	Article *Article
	// Mentions point into the article's Mentions, in reading order.
	Mentions []*mention.Mention
	// Href links from the entry's page to the article; a mention's element
	// id, after "#", makes a link to the mention.
	Href string
	// Sum digests the mentions with their sentences when Link had a Cache
	// (it is zero otherwise).
	Sum digest.Sum
}

// Options tune the link stage.
type Options struct {
	// Check adds the warnings that cost extra time (annotations close to
	// breaking); gloss check turns it on.
	Check bool
	// Cache, when set, reuses conversions of a previous Link with the same
	// cache, and keeps this one's for the next.
	Cache *Cache
	// ReleaseSources drops each file's source text and line table
	// (File.Source and File.Lines) from the loaded site once the file is
	// converted, so that a one-shot build does not hold every source while
	// it renders. Later stages do not read them; a Cache does, so the two do
	// not go together.
	ReleaseSources bool
	// Scratch, when set, keeps each article's Body and Text in this file
	// instead of in memory until the render reads them back (see
	// Article.ReadBody and Article.UseText), so that a one-shot build
	// does not hold every article's HTML and text at once. It is for
	// renders that read an article's body only for its own page and the
	// feed, and its text only for the search index. A Cache keeps them in
	// memory, so the two do not go together.
	Scratch *scratch.File
}

// Link runs the link stage over a loaded site. Problems go to diags.
func Link(site *content.Site, diags *diag.List, opts Options) *Site {
	s := &Site{Config: site.Config}
	matcher := mention.NewMatcher(site.Entries, diags)
	annotations := annotate.NewTransformer(annotate.NewNoteRenderer())
	if opts.Check {
		annotations = annotations.WarnFragile()
	}
	conv := markdown.New(
		markdown.WithUnsafeHTML(site.Config.UnsafeHTML),
		markdown.WithTransformer(mention.NewTransformer(matcher), 200),
		markdown.WithTransformer(annotations, 300),
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

	var sk digest.Sum // what the cache's keys share
	if opts.Cache != nil {
		sk = siteKey(site, opts)
	}
	sameEntries := opts.Cache.start(site)
	n := len(s.Articles) + len(s.Entries)
	par.For(n, func(i int) {
		if i < len(s.Articles) {
			a := s.Articles[i]
			policy := site.Config.Autolink
			if a.Autolink != "" {
				policy = a.Autolink
			}
			key := opts.Cache.key(sk, a.File, policy)
			if c, ok := opts.Cache.lookup(a.Path, key, r); ok {
				a.Body, a.Headings, a.Text, a.Sum, a.fragments = c.body, c.headings, c.text, c.sum, c.fragments
				a.order, a.mentionSums, a.entriesSum = c.order, c.mentionSums, c.entriesSum
				a.Mentions = c.mentions
				if !sameEntries {
					// Cached mentions point at the last Link's entries
					// (no stage changes them); here they move on.
					c.mentions = remapMentions(c.mentions, byID)
					a.Mentions = c.mentions
					opts.Cache.store(a.Path, c)
				}
				a.Notes = remapNotes(c.notes, a.Annotations)
				diags.Merge(c.diags)
				return
			}
			var local diag.List
			rec := &recorder{r: r}
			doc := &markdown.Doc{File: a.File, Page: a.Page, Site: rec, Diags: &local, Disposable: opts.ReleaseSources}
			found := mention.Prepare(doc, mention.Options{Policy: policy, Cards: true})
			notes := annotate.Prepare(doc, a.Annotations)
			if opts.Scratch != nil && opts.Cache == nil {
				notes.TextTo = func(text []byte) { a.textToScratch(text, opts.Scratch) }
				a.Body = a.convertToScratch(conv, doc, &local, opts.Scratch)
			} else {
				a.Body = convert(conv, doc, &local)
			}
			if opts.ReleaseSources {
				a.File.Source, a.File.Lines = nil, nil
			}
			a.Headings = doc.Headings
			a.Mentions = found.Mentions
			a.Notes = notes.Notes
			if notes.TextTo == nil {
				a.Text = notes.Text
			}
			a.fragments = doc.Fragments
			a.order = orderMentions(a.Mentions)
			if opts.Cache != nil {
				a.Sum, a.mentionSums, a.entriesSum = sums(a)
			}
			ds := local.Sorted()
			diags.Merge(ds)
			opts.Cache.store(a.Path, cachedDoc{key: key, body: a.Body, headings: a.Headings,
				mentions: a.Mentions, notes: a.Notes, text: a.Text, sum: a.Sum, order: a.order, mentionSums: a.mentionSums, entriesSum: a.entriesSum,
				diags: ds, links: rec.links, fragments: a.fragments})
			return
		}
		e := s.Entries[i-len(s.Articles)]
		key := opts.Cache.key(sk, e.File, "")
		if c, ok := opts.Cache.lookup(e.Path, key, r); ok {
			e.Body = c.body
			diags.Merge(c.diags)
			return
		}
		var local diag.List
		rec := &recorder{r: r}
		doc := &markdown.Doc{File: e.File, Page: e.Page, Site: rec, Diags: &local, Disposable: opts.ReleaseSources}
		mention.Prepare(doc, mention.Options{Policy: config.AutolinkFirst, Self: e.ID})
		e.Body = convert(conv, doc, &local)
		if opts.ReleaseSources {
			e.File.Source, e.File.Lines = nil, nil
		}
		ds := local.Sorted()
		diags.Merge(ds)
		opts.Cache.store(e.Path, cachedDoc{key: key, body: e.Body, diags: ds, links: rec.links})
	})
	opts.Cache.finish(site)
	if opts.Cache != nil {
		keep := map[string]bool{}
		for _, a := range s.Articles {
			keep[a.Path] = true
		}
		for _, e := range s.Entries {
			keep[e.Path] = true
		}
		opts.Cache.prune(keep)
	}
	checkFragments(s, diags)
	var memo *relatedMemo
	if opts.Cache != nil {
		memo = &opts.Cache.related
	}
	buildGraph(s, byID, memo)
	warnUnused(s, diags)
	var groups *groupsMemo
	if opts.Cache != nil {
		groups = &opts.Cache.groups
	}
	groups.groups(s)
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

// convertToScratch converts the article's body into opts.Scratch and
// returns "", or, when the scratch file fails, returns the body.
func (a *Article) convertToScratch(conv *markdown.Converter, doc *markdown.Doc, diags *diag.List, sf *scratch.File) template.HTML {
	var body template.HTML
	err := conv.ConvertWith(doc, func(b []byte) error {
		ref, err := sf.Put(b)
		if err != nil {
			// The body stays in memory.
			body = template.HTML(b) //nolint:gosec // as in convert
			return nil
		}
		a.scratch, a.bodyRef = sf, ref
		return nil
	})
	if err != nil {
		diags.Add(diag.Diagnostic{Path: doc.File.Path, Msg: err.Error()})
	}
	return body
}

// textToScratch keeps the article's text in sf, or in Text when it cannot.
func (a *Article) textToScratch(text []byte, sf *scratch.File) {
	ref, err := sf.Put(text)
	if err != nil {
		a.Text = string(text)
		return
	}
	a.scratch, a.textRef = sf, ref
}

// ReadBody returns the article's HTML: Body, or what Link kept of it in
// Options.Scratch.
func (a *Article) ReadBody() (template.HTML, error) {
	if !a.BodyInScratch() {
		return a.Body, nil
	}
	b, err := a.scratch.GetString(a.bodyRef)
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Path, err)
	}
	return template.HTML(b), nil //nolint:gosec // as in convert
}

// WriteBody appends the article's HTML to b: Body, or what Link kept of it
// in Options.Scratch, read straight into b.
func (a *Article) WriteBody(b *bytes.Buffer) error {
	if !a.BodyInScratch() {
		b.WriteString(string(a.Body))
		return nil
	}
	if err := a.scratch.ReadInto(b, a.bodyRef); err != nil {
		return fmt.Errorf("%s: %w", a.Path, err)
	}
	return nil
}

// BodyInScratch reports whether the article's HTML waits in
// Options.Scratch (Body is then empty).
func (a *Article) BodyInScratch() bool { return a.Body == "" && a.bodyRef.Len() > 0 }

// TextInScratch reports whether the article's text waits in
// Options.Scratch (Text is then empty).
func (a *Article) TextInScratch() bool { return a.Text == "" && a.textRef.Len() > 0 }

// UseText passes the article's text to use, and returns use's error:
// Text, or what Link kept of it in Options.Scratch, read back into memory
// that is reused once use returns. use must not keep the text, nor any
// part of it.
func (a *Article) UseText(use func(text string) error) error {
	if !a.TextInScratch() {
		return use(a.Text)
	}
	var useErr error
	err := a.scratch.UseString(a.textRef, func(t string) error {
		useErr = use(t)
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", a.Path, err)
	}
	return useErr
}

type resolver struct {
	articles map[string]string
}

func (r *resolver) ArticlePage(p string) (string, bool) {
	page, ok := r.articles[p]
	return page, ok
}

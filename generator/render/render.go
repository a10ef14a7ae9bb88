// Package render is the third stage of a build: it executes the theme's
// templates over the linked site and hands each finished page to the write
// stage.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// Emit receives one output file: its path relative to the output folder and
// its bytes, which it may keep: the renderer never changes them afterwards.
// It may be called from several goroutines at once.
type Emit func(file string, data []byte) error

// Output makes files besides the pages: feeds, sitemaps, search indexes.
type Output interface {
	// Files returns the files to write, by path relative to the output folder.
	Files(site *link.Site) (map[string][]byte, error)
}

// Renderer renders the pages of one site.
type Renderer struct {
	Templates *Templates
	Assets    Assets
	// Outputs make the files that are not pages.
	Outputs []Output
	// Memo, when set, skips pages whose inputs did not change since the
	// render that last used it.
	Memo *Memo
	// Transient tells that emit does not keep the bytes it gets (it writes
	// them out before it returns): pages are then emitted straight from the
	// buffers the renderer reuses, without a copy of each. It does not go
	// with a Memo, which keeps pages.
	Transient bool
	// Consume lets the render drop from the site what it no longer needs,
	// to hold less in memory: an article's body once its page is written
	// (unless the feed shows it), every article's text once the outputs
	// (the search index) are made, and every mention (with its sentence)
	// once the entry pages, which it then writes first, are written. The
	// site must not be used after. A one-shot build sets it. It does
	// nothing with a Memo, or when a template is the site's own (which may
	// show any article's body or text on any page). Outputs must not read
	// articles' bodies or mentions, and must read their texts with
	// link.Article.UseText: a one-shot build's link stage may have kept
	// them in a scratch file (link.Options.Scratch).
	Consume bool

	// bufs are page buffers reused from page to page.
	bufs sync.Pool
}

// Pages returns every page of site, in a stable order.
func (r *Renderer) Pages(site *link.Site) []*Page {
	cfg := site.Config
	pages := []*Page{
		{Kind: "home", Path: urls.Home, Description: cfg.Description},
		{Kind: "glossary", Path: urls.Glossary, Title: "Glossary",
			Description: "The people, places, organizations and events in " + cfg.Title + "."},
		{Kind: "404", Path: urls.NotFound, Title: "Page not found", rooted: true},
		{Kind: "search", Path: urls.Search, Title: "Search",
			Description: "Search the articles and the glossary of " + cfg.Title + "."},
	}
	if len(site.Tags) > 0 {
		pages = append(pages, &Page{Kind: "tags", Path: urls.Tags, Title: "Tags",
			Description: "The topics of " + cfg.Title + "."})
	}
	for i := range site.Tags {
		tg := &site.Tags[i]
		pages = append(pages, &Page{Kind: "tag", Path: tg.Page, Title: "Tagged “" + tg.Name + "”",
			Description: "Articles tagged " + tg.Name + " in " + cfg.Title + ".", Tag: tg})
	}
	for _, a := range site.Articles {
		pages = append(pages, &Page{Kind: "article", Path: a.Page, Title: a.Title, Description: a.Summary, Article: a})
	}
	for _, e := range site.Entries {
		desc := e.Summary
		if desc == "" {
			desc = e.Role
		}
		pages = append(pages, &Page{Kind: "entry", Path: e.Page, Title: e.Name, Description: desc, Entry: e})
	}
	shared := &pageShared{}
	for _, p := range pages {
		p.Site, p.assets, p.shared = site, r.Assets, shared
	}
	return pages
}

// NumPages returns len(r.Pages(site)) without making the pages.
func (r *Renderer) NumPages(site *link.Site) int {
	n := 4 + len(site.Tags) + len(site.Articles) + len(site.Entries) // home, glossary, 404, search
	if len(site.Tags) > 0 {
		n++ // the list of tags
	}
	return n
}

// Files returns how many files Render emits for site, not counting those
// of the added Outputs.
func (r *Renderer) Files(site *link.Site) int {
	n := r.NumPages(site) + len(r.Assets) + 3
	for _, a := range site.Articles {
		if len(a.Notes) > 0 {
			n++
		}
	}
	return n
}

var templateOf = map[string]string{
	"home": "index.html", "article": "article.html", "entry": "entry.html",
	"glossary": "glossary.html", "404": "404.html", "search": "search.html",
	"tags": "tags.html", "tag": "tag.html",
}

// digests returns the function that digests a page's inputs.
func (r *Renderer) digests(site *link.Site) func(*Page) digest.Sum {
	if r.Memo == nil {
		return nil
	}
	g := newDigester()
	cfg := site.Config
	g.Str(cfg.Title, cfg.BaseURL.String(), cfg.Language, cfg.Description, cfg.Autolink)
	g.Str(r.Templates.digest)
	for _, name := range sortedNames(r.Assets) {
		g.Str(name, r.Assets[name].Path)
	}
	global := g.Sum()
	s := newSums(site, r.Memo.sums)
	r.Memo.sums = s
	if !r.Templates.builtin {
		w := siteDigest(site, s)
		return func(p *Page) digest.Sum {
			d := newDigester()
			d.Str(string(global[:]), string(w[:]), p.Kind, p.Path)
			return d.Sum()
		}
	}
	// Lists of everything are digested once, not once per page.
	l := lists(site, s)
	return func(p *Page) digest.Sum {
		d := newDigester()
		d.Str(string(global[:]), p.Kind, p.Path, p.Title, p.Description)
		switch p.Kind {
		case "home", "glossary", "tags", "tag":
			d.sum(l)
		case "article":
			d.article(p.Article, s)
		case "entry":
			d.entry(p.Entry, s)
		}
		return d.Sum()
	}
}

// Render executes the templates for every page and emits the pages and the
// other files. Template errors go to diags with their template's file and
// line; an error from emit stops rendering and is returned.
//
// Everything is one list of jobs on all cores: the site-wide files (the
// outputs such as the search index, the feed, the sitemap) first, because
// each is one long job that the pages can run beside, then the pages, each
// article's notes and the assets. With Consume, the entry pages run
// before all of it, on their own.
func (r *Renderer) Render(site *link.Site, emit Emit, diags *diag.List) error {
	// The bodies the feed shows are read back now from the link stage's
	// scratch file (see link.Options.Scratch), if they wait there; each
	// other article's is read back by its page.
	inFeed := feedArticles(site)
	for _, a := range inFeed {
		if a.BodyInScratch() {
			body, err := a.ReadBody()
			if err != nil {
				return err
			}
			a.Body = body
		}
	}
	pages := r.Pages(site)
	// Each page's digest, once: an article's is also its notes file's.
	var sums []digest.Sum
	if pageDigest := r.digests(site); pageDigest != nil {
		sums = make([]digest.Sum, len(pages))
		par.For(len(pages), func(i int) { sums[i] = pageDigest(pages[i]) })
	}
	r.Templates.partials.reset()
	if r.Memo != nil {
		r.Memo.Rendered, r.Memo.Reused, r.Memo.Changed = 0, 0, nil
		r.Memo.reused.Store(0)
		defer func() { r.Memo.Reused = int(r.Memo.reused.Load()) }()
	}
	var (
		mu       sync.Mutex
		firstErr error
		reported = map[string]bool{}
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	failed := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return firstErr != nil
	}
	emitAll := func(files map[string][]byte) error {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if err := emit(name, files[name]); err != nil {
				return err
			}
		}
		return nil
	}
	consume := r.Consume && r.Memo == nil && r.Templates.builtin
	// feedBody marks the articles whose bodies the feed shows.
	feedBody := map[*link.Article]bool{}
	if consume {
		for _, a := range inFeed {
			feedBody[a] = true
		}
	}
	var outputsLeft atomic.Int32
	outputsLeft.Store(int32(len(r.Outputs)))
	var jobs []func() error
	for _, o := range r.Outputs {
		jobs = append(jobs, func() error {
			files, err := o.Files(site)
			if consume && outputsLeft.Add(-1) == 0 {
				// Only the outputs read the articles' texts.
				for _, a := range site.Articles {
					a.Text = ""
				}
			}
			if err != nil {
				return err
			}
			return emitAll(files)
		})
	}
	jobs = append(jobs, func() error {
		// Both are memoized, with digests of what they show.
		feed, err := r.Memo.file(urls.Feed, func() digest.Sum { return feedDigest(site) },
			func() ([]byte, error) { return Feed(site) })
		if err != nil {
			return fmt.Errorf("feed: %w", err)
		}
		urlset := r.sitemap(site)
		sm, err := r.Memo.file(urls.Sitemap, urlset.digest, func() ([]byte, error) { return marshalXML(urlset) })
		if err != nil {
			return fmt.Errorf("sitemap: %w", err)
		}
		return emitAll(map[string][]byte{urls.Feed: feed, urls.Sitemap: sm, urls.Robots: Robots(site)})
	})
	// A render that consumes the site writes the entry pages first, on
	// their own: they alone show the mentions with their sentences, which
	// are then let go of, before the search index is made beside the other
	// pages.
	var entryJobs []func() error
	articleSum := map[*link.Article]digest.Sum{}
	for i, p := range pages {
		var d digest.Sum
		if sums != nil {
			d = sums[i]
		}
		if p.Article != nil {
			articleSum[p.Article] = d
		}
		job := func() error {
			err := r.page(p, d, emit, diags, &mu, reported)
			if consume && p.Article != nil && !feedBody[p.Article] {
				p.Article.Body = "" // nothing else shows it
			}
			return err
		}
		if consume && p.Entry != nil {
			entryJobs = append(entryJobs, job)
			continue
		}
		jobs = append(jobs, job)
	}
	// Each article's notes, as W3C Web Annotations. They show nothing that
	// the article's page does not, so they are memoized with its digest.
	for _, a := range site.Articles {
		if len(a.Notes) == 0 {
			continue
		}
		jobs = append(jobs, func() error {
			file := urls.File(a.Page + AnnotationsFile)
			d := articleSum[a]
			if r.Memo != nil {
				if data, ok := r.Memo.get(file, d); ok {
					return emit(file, data)
				}
			}
			buf := r.buffer()
			defer r.bufs.Put(buf)
			writeAnnotations(buf, site, a)
			data := r.own(buf.Bytes())
			if r.Memo != nil {
				r.Memo.put(file, d, data)
			}
			return emit(file, data)
		})
	}
	for _, name := range sortedNames(r.Assets) {
		a := r.Assets[name]
		jobs = append(jobs, func() error { return emit(a.Path, a.Data) })
	}
	run := func(jobs []func() error) {
		par.For(len(jobs), func(i int) {
			if failed() {
				return
			}
			if err := jobs[i](); err != nil {
				fail(err)
			}
		})
	}
	if len(entryJobs) > 0 {
		run(entryJobs)
		dropMentions(site)
	}
	run(jobs)
	return firstErr
}

// dropMentions lets go of every article's mentions and their sentences,
// which only entry pages show; the appearances stay, without them (cards
// count them, the sitemap dates them).
func dropMentions(site *link.Site) {
	for _, a := range site.Articles {
		a.Mentions = nil
	}
	for _, e := range site.Entries {
		for i := range e.Appearances {
			e.Appearances[i].Mentions = nil
		}
	}
}

// write writes page p to buf: in Go if it is an article or entry page whose
// templates writeArticlePage or writeEntryPage follows, else with its
// template. When the Go writer fails (a missing asset, a broken card
// template), the template runs instead, to say where the problem is.
func (r *Renderer) write(buf *bytes.Buffer, p *Page) error {
	var goWriter func(*bytes.Buffer, *Page) error
	switch {
	case p.Kind == "article" && r.Templates.goArticles:
		goWriter = r.writeArticlePage
	case p.Kind == "entry" && r.Templates.goEntries:
		goWriter = r.writeEntryPage
	}
	if goWriter != nil {
		err := goWriter(buf, p)
		if err == nil || errors.As(err, new(*readBackError)) {
			return err
		}
		buf.Reset()
	}
	if a := p.Article; a != nil && a.BodyInScratch() {
		// The template reads the body from the site. One read back is
		// set by this page alone: the feed's were read back before the
		// pages, and when the link stage kept bodies in a scratch file no
		// other page shows one.
		body, err := a.ReadBody()
		if err != nil {
			return &readBackError{err}
		}
		a.Body = body
	}
	return r.Templates.Execute(buf, templateOf[p.Kind], p)
}

// buffer returns an empty buffer from r.bufs, to put back once its bytes
// are emitted.
func (r *Renderer) buffer() *bytes.Buffer {
	buf, _ := r.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

// own returns the bytes of a buffer from r.bufs to emit: a copy of their
// size, unless neither emit nor the Memo keeps them.
func (r *Renderer) own(b []byte) []byte {
	if !r.Transient || r.Memo != nil {
		return bytes.Clone(b)
	}
	return b
}

// readBackError is an article's body that could not be read back from the
// link stage's scratch file: a failure of the build, not of a template.
type readBackError struct{ err error }

func (e *readBackError) Error() string { return e.err.Error() }
func (e *readBackError) Unwrap() error { return e.err }

// page renders and emits one page, whose digest is d when there is a Memo. A template error goes to diags, once
// for all the pages it fails.
func (r *Renderer) page(p *Page, d digest.Sum, emit Emit, diags *diag.List, mu *sync.Mutex, reported map[string]bool) error {
	file := urls.File(p.Path)
	if r.Memo != nil {
		if data, ok := r.Memo.get(file, d); ok {
			return emit(file, data)
		}
	}
	buf := r.buffer()
	defer r.bufs.Put(buf)
	if err := r.write(buf, p); err != nil {
		if errors.As(err, new(*readBackError)) {
			return err
		}
		d := r.Templates.diagnostic(err)
		mu.Lock()
		// One broken template fails every page; say so once.
		if !reported[d.String()] {
			reported[d.String()] = true
			d.Msg += fmt.Sprintf(" (rendering %s)", urls.File(p.Path))
			diags.Add(d)
		}
		mu.Unlock()
		return nil
	}
	out := r.own(buf.Bytes())
	if r.Memo != nil {
		r.Memo.put(file, d, out)
	}
	return emit(file, out)
}

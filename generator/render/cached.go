package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/mention"
)

// partials caches the output of partials for one render, for the template
// function partialCached.
type partials struct {
	// root holds the partials; executing a partial from it escapes it in
	// the context of HTML text, where partialCached's result goes.
	root *template.Template
	mu   sync.RWMutex
	// out maps a partial's name and keys to its output; it is replaced
	// at the start of each render, whose site its outputs show.
	out map[string]template.HTML
	// goItems and goCards tell whether articleItem, and card and
	// cardCount, write in Go (see writeArticleItem and writeEntryCard).
	goItems, goCards bool
	// goCardsOut holds the cards written in Go, as out holds partials.
	goCardsOut map[goCardKey]template.HTML
}

// goCardKey tells apart the cards writeEntryCard writes: by what they show
// and the links in them, as partialCached's keys do for the template.
type goCardKey struct {
	entry             *link.Entry
	id                string
	count             int
	entryURL, rootURL string
}

// reset forgets every cached output; Render calls it before each render.
func (p *partials) reset() {
	p.mu.Lock()
	p.out = map[string]template.HTML{}
	p.goCardsOut = map[goCardKey]template.HTML{}
	p.mu.Unlock()
}

// cached executes the partial name with data once per distinct name and
// keys in a render and returns its output, like Hugo's partialCached:
//
//	{{partialCached "partials/entry-card.html" (dict "Page" $ "Entry" .) .ID ($.URL .Page) ($.URL "")}}
//
// The keys must tell apart everything the output depends on: a card holds
// links from the page to its entry and to the site's assets, so it is keyed
// by the entry and by both links (a link from glossary/x/ to an entry is
// not the one from articles/x/, though both pages are as deep). Without
// keys the output is cached by name alone. Keys of different types never
// match ("1" is not 1); pointers match when they point at the same thing.
func (p *partials) cached(name string, data any, keys ...any) (template.HTML, error) {
	var k strings.Builder
	k.WriteString(name)
	for _, key := range keys {
		// Each key with its type and length, so that no two lists of
		// keys make the same string.
		var s string
		switch v := key.(type) {
		case string:
			s = "s" + v
		case int:
			s = "i" + strconv.Itoa(v)
		default:
			if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
				s = fmt.Sprintf("%T:%p", v, v)
			} else {
				s = fmt.Sprintf("%T:%v", v, v)
			}
		}
		k.WriteString(strconv.Itoa(len(s)))
		k.WriteByte(':')
		k.WriteString(s)
	}
	key := k.String()
	p.mu.RLock()
	out, ok := p.out[key]
	p.mu.RUnlock()
	if ok {
		return out, nil
	}
	if p.root.Lookup(name) == nil {
		return "", errors.New("partialCached: no template " + strconv.Quote(name))
	}
	var buf bytes.Buffer
	if err := p.root.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	// The partial was escaped as HTML text, so its output is safe there.
	out = template.HTML(buf.String()) //nolint:gosec // escaped by html/template
	p.mu.Lock()
	p.out[key] = out
	p.mu.Unlock()
	return out, nil
}

// The cards and list items that fill most pages, as single calls: each is
// the partial of the same name run through partialCached, keyed by what it
// shows and by the links in it: the one from the page to what it shows, and
// the one to the site's root (for assets).

// card renders partials/entry-card.html for an entry listed on page, with
// the element id that the page's mentions of the entry point at; in Go
// (writeEntryCard) while that template is the built-in one.
func (p *partials) card(page *Page, e *link.Entry) (template.HTML, error) {
	if p.goCards {
		return p.goCard(page, e, mention.CardID(e.ID), 0), nil
	}
	return p.cached("partials/entry-card.html",
		map[string]any{"Page": page, "Entry": e, "ID": mention.CardID(e.ID)}, e.ID, page.URL(e.Page), page.URL(""), "id")
}

// cardCount renders partials/entry-card.html for an entry listed on page,
// with the number of articles that mention it; in Go (writeEntryCard) while
// that template is the built-in one.
func (p *partials) cardCount(page *Page, e *link.Entry) (template.HTML, error) {
	if p.goCards {
		return p.goCard(page, e, "", len(e.Appearances)), nil
	}
	return p.cached("partials/entry-card.html",
		map[string]any{"Page": page, "Entry": e, "Count": len(e.Appearances)}, e.ID, page.URL(e.Page), page.URL(""), "count")
}

// articleItem renders partials/article-item.html for an article listed on
// page; in Go (writeArticleItem) while it and partials/article-meta.html are
// the built-in ones.
func (p *partials) articleItem(page *Page, a *link.Article) (template.HTML, error) {
	if p.goItems {
		var b strings.Builder
		b.Grow(320 + len(a.Title) + len(a.Summary))
		writeArticleItem(&b, page, a)
		return template.HTML(b.String()), nil //nolint:gosec // writeArticleItem escapes as html/template does
	}
	return p.cached("partials/article-item.html", map[string]any{"Page": page, "Article": a}, a.Page, page.URL(a.Page), page.URL(""))
}

// goCard is writeEntryCard's output, written once per render for each
// entry, id, count and pair of links: every article that mentions an
// entry shows the same card.
func (p *partials) goCard(page *Page, e *link.Entry, id string, count int) template.HTML {
	key := goCardKey{entry: e, id: id, count: count, entryURL: page.URL(e.Page), rootURL: page.URL("")}
	p.mu.RLock()
	out, ok := p.goCardsOut[key]
	p.mu.RUnlock()
	if ok {
		return out
	}
	var b strings.Builder
	b.Grow(400 + len(e.Summary) + len(e.Role) + 2*len(e.Name))
	writeEntryCard(&b, page, e, id, count)
	out = template.HTML(b.String()) //nolint:gosec // writeEntryCard escapes as html/template does
	p.mu.Lock()
	if p.goCardsOut == nil {
		p.goCardsOut = map[goCardKey]template.HTML{}
	}
	p.goCardsOut[key] = out
	p.mu.Unlock()
	return out
}

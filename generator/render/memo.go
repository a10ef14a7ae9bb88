package render

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/link"
)

// Memo remembers the pages of one render for the next, so that a rebuild
// executes templates only for pages whose inputs changed. Each page's inputs
// are digested from exactly the data its built-in template shows; when the
// templates are not the built-in ones, any page may show anything, and every
// page's digest covers the whole site. The zero Memo is ready to use.
type Memo struct {
	mu    sync.RWMutex
	pages map[string]memoPage
	// Rendered and Reused count the pages (and notes files) of the last
	// Render.
	Rendered, Reused int
	// reused counts Reused during a Render.
	reused atomic.Int64
	// Changed lists the output files whose bytes changed in the last Render.
	Changed []string
	// sums are the last Render's digests of listings and cards.
	sums *sums
}

type memoPage struct {
	digest digest.Sum
	data   []byte
}

func (m *Memo) get(file string, d digest.Sum) ([]byte, bool) {
	m.mu.RLock()
	p, ok := m.pages[file]
	m.mu.RUnlock()
	if ok && p.digest == d {
		m.reused.Add(1)
		return p.data, true
	}
	return nil, false
}

func (m *Memo) put(file string, d digest.Sum, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pages == nil {
		m.pages = map[string]memoPage{}
	}
	if old, ok := m.pages[file]; !ok || string(old.data) != string(data) {
		m.Changed = append(m.Changed, file)
	}
	m.Rendered++
	m.pages[file] = memoPage{digest: d, data: data} // emitted data is never changed
}

// file returns a site-wide file (a feed, a sitemap): the one kept when its
// digest, from sum, is the same, else the one make makes, which it keeps.
// They count in Changed, not in Rendered or Reused. A nil Memo makes the
// file and does not digest it.
func (m *Memo) file(name string, sum func() digest.Sum, make func() ([]byte, error)) ([]byte, error) {
	if m == nil {
		return make()
	}
	d := sum()
	m.mu.Lock()
	p, ok := m.pages[name]
	m.mu.Unlock()
	if ok && p.digest == d {
		return p.data, nil
	}
	data, err := make()
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pages == nil {
		m.pages = map[string]memoPage{}
	}
	if !ok || string(p.data) != string(data) {
		m.Changed = append(m.Changed, name)
	}
	m.pages[name] = memoPage{digest: d, data: data}
	return data, nil
}

// digester digests the parts of pages.
type digester struct{ *digest.Digest }

func newDigester() digester { return digester{digest.New()} }

// listing digests what lists show of an article.
func (d digester) listing(a *link.Article) {
	d.Str(a.Page, a.Title, a.Summary)
	d.time(a.Date)
	d.time(a.Updated)
	// Lists with their lengths, so that a name moved from one to the
	// other changes the digest.
	d.Int(len(a.Authors))
	d.Str(a.Authors...)
	d.Int(len(a.Tags))
	d.Str(a.Tags...)
}

// card digests what a page shows of an entry it mentions: the card, and
// the entry's description in the page's JSON-LD; all but the number of its
// appearances (see sums).
func (d digester) card(e *link.Entry) {
	d.Str(e.ID, e.Page, e.Kind, e.Name, e.Role, e.Summary, e.Image, e.ImageAlt)
	d.Int(len(e.Aliases))
	for _, a := range e.Aliases {
		d.Str(a.Text)
	}
	d.Bool(e.Coordinates != nil)
	if c := e.Coordinates; c != nil {
		d.Str(formatCoordinates(c), fmt.Sprint(c[0], c[1]))
	}
	d.Int(len(e.Links))
	for _, l := range e.Links {
		d.Str(l.Title, l.URL)
	}
}

// sums are the digests of what many pages show of each article (its
// listing) and entry (its card), made once per render: an entry's card is on
// every page that mentions it. They are kept by the loaded article or entry
// they come from, which a rebuild's load keeps while its file is unchanged:
// a Memo's next render digests only the others.
type sums struct {
	listings map[*content.Article]digest.Sum
	// cards are without the number of appearances, which card adds.
	cards map[*content.Entry]digest.Sum
	// withCount are the cards of this render's entries.
	withCount map[*link.Entry]digest.Sum
}

// listing returns the digest of a's listing.
func (s *sums) listing(a *link.Article) digest.Sum { return s.listings[a.Article] }

// card returns the digest of e's card.
func (s *sums) card(e *link.Entry) digest.Sum { return s.withCount[e] }

// newSums digests the listings and cards of site, taking those of last
// (the previous render's, or nil) for the articles and entries that did not
// change. A listing shows only what an article's file holds (its page
// comes from its slug), a card what an entry's file holds and the number
// of its appearances.
func newSums(site *link.Site, last *sums) *sums {
	var lastListings map[*content.Article]digest.Sum
	var lastCards map[*content.Entry]digest.Sum
	if last != nil {
		lastListings, lastCards = last.listings, last.cards
	}
	var todo []int // articles, then entries, not in last
	s := &sums{listings: make(map[*content.Article]digest.Sum, len(site.Articles)),
		cards: make(map[*content.Entry]digest.Sum, len(site.Entries)), withCount: make(map[*link.Entry]digest.Sum, len(site.Entries))}
	for i, a := range site.Articles {
		if d, ok := lastListings[a.Article]; ok {
			s.listings[a.Article] = d
		} else {
			todo = append(todo, i)
		}
	}
	for i, e := range site.Entries {
		if d, ok := lastCards[e.Entry]; ok {
			s.cards[e.Entry] = d
		} else {
			todo = append(todo, len(site.Articles)+i)
		}
	}
	made := make([]digest.Sum, len(todo))
	par.For(len(todo), func(j int) {
		d := newDigester()
		if i := todo[j]; i < len(site.Articles) {
			d.listing(site.Articles[i])
		} else {
			d.card(site.Entries[i-len(site.Articles)])
		}
		made[j] = d.Sum()
	})
	for j, i := range todo {
		if i < len(site.Articles) {
			s.listings[site.Articles[i].Article] = made[j]
		} else {
			s.cards[site.Entries[i-len(site.Articles)].Entry] = made[j]
		}
	}
	for _, e := range site.Entries {
		d := newDigester()
		d.sum(s.cards[e.Entry])
		d.Int(len(e.Appearances))
		s.withCount[e] = d.Sum()
	}
	return s
}

// time adds an instant with its zone, without formatting it.
func (d digester) time(t time.Time) {
	name, offset := t.Zone()
	d.Int(int(t.Unix()), t.Nanosecond(), offset)
	d.Str(name)
}

// sum adds a digest.
func (d digester) sum(s digest.Sum) { d.Str(string(s[:])) }

// article digests everything of an article, for its own page.
func (d digester) article(a *link.Article, s *sums) {
	d.sum(s.listing(a))
	d.Str(a.Dateline)
	if a.Sum != (digest.Sum{}) {
		d.sum(a.Sum)
	} else {
		d.Str(string(a.Body), a.Text)
	}
	d.Int(len(a.Notes), len(a.Entries), len(a.Related))
	for _, e := range a.Entries {
		d.sum(s.card(e))
	}
	for _, r := range a.Related {
		d.sum(s.listing(r))
	}
}

// entry digests everything of an entry, for its own page.
func (d digester) entry(e *link.Entry, s *sums) {
	d.sum(s.card(e))
	d.Str(e.SortAs, string(e.Body))
	d.Int(len(e.Facts), len(e.Appearances), len(e.Related))
	for _, f := range e.Facts {
		d.Str(f.Label, f.Value)
	}
	for _, app := range e.Appearances {
		d.sum(s.listing(app.Article))
		d.Int(len(app.Mentions))
		if app.Sum != (digest.Sum{}) {
			d.sum(app.Sum)
			continue
		}
		for _, m := range app.Mentions {
			d.Str(m.ID, m.Before, m.Text, m.After)
		}
	}
	for _, r := range e.Related {
		d.sum(s.card(r))
	}
}

// lists digests what the built-in list pages (home, glossary, tags) show:
// every article's listing, every entry's card, in their order, and the tags.
// An edit to an article's body leaves it as it was.
func lists(site *link.Site, s *sums) digest.Sum {
	d := newDigester()
	for _, a := range site.Articles {
		d.sum(s.listing(a))
	}
	for _, k := range site.Kinds {
		d.Str(k.Kind)
		d.Int(len(k.Entries))
		for _, e := range k.Entries {
			d.sum(s.card(e))
			d.Str(e.SortAs)
		}
	}
	for _, t := range site.Tags {
		d.Str(t.Name, t.Page)
		d.Int(len(t.Articles))
		for _, a := range t.Articles {
			d.Str(a.Page)
		}
	}
	return d.Sum()
}

// siteDigest digests the whole site, for pages that may show anything.
func siteDigest(site *link.Site, s *sums) digest.Sum {
	d := newDigester()
	for _, a := range site.Articles {
		d.article(a, s)
	}
	for _, e := range site.Entries {
		d.entry(e, s)
	}
	return d.Sum()
}

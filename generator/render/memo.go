package render

import (
	"fmt"
	"sync"

	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/mention"
)

// Memo remembers the pages of one render for the next, so that a rebuild
// executes templates only for pages whose inputs changed. Each page's inputs
// are digested from exactly the data its built-in template shows; when the
// templates are not the built-in ones, any page may show anything, and every
// page's digest covers the whole site. The zero Memo is ready to use.
type Memo struct {
	mu    sync.Mutex
	pages map[string]memoPage
	// Rendered and Reused count the pages of the last Render.
	Rendered, Reused int
	// Changed lists the output files whose bytes changed in the last Render.
	Changed []string
}

type memoPage struct {
	digest digest.Sum
	data   []byte
}

func (m *Memo) get(file string, d digest.Sum) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.pages[file]
	if ok && p.digest == d {
		m.Reused++
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
	m.pages[file] = memoPage{digest: d, data: append([]byte(nil), data...)}
}

// digester digests the parts of pages.
type digester struct{ *digest.Digest }

func newDigester() digester { return digester{digest.New()} }

// listing digests what lists show of an article.
func (d digester) listing(a *link.Article) {
	d.Str(a.Page, a.Title, a.Summary, a.Date.String(), a.Updated.String())
	d.Str(a.Authors...)
	d.Str(a.Tags...)
}

// card digests what a page shows of an entry it mentions: the card, and
// the entry's description in the page's JSON-LD.
func (d digester) card(e *link.Entry) {
	d.Str(e.ID, e.Page, e.Kind, e.Name, e.Role, e.Summary, e.Image, e.ImageAlt)
	d.Int(len(e.Appearances))
	for _, a := range e.Aliases {
		d.Str(a.Text)
	}
	if c := e.Coordinates; c != nil {
		d.Str(formatCoordinates(c), fmt.Sprint(c[0], c[1]))
	}
	for _, l := range e.Links {
		d.Str(l.Title, l.URL)
	}
}

// article digests everything of an article, for its own page.
func (d digester) article(a *link.Article) {
	d.listing(a)
	d.Str(a.Dateline, string(a.Body), a.Text)
	d.Int(len(a.Notes))
	for _, e := range a.Entries {
		d.card(e)
	}
	for _, r := range a.Related {
		d.listing(r)
	}
}

// entry digests everything of an entry, for its own page.
func (d digester) entry(e *link.Entry) {
	d.card(e)
	d.Str(e.SortAs, string(e.Body))
	for _, f := range e.Facts {
		d.Str(f.Label, f.Value)
	}
	for _, app := range e.Appearances {
		d.listing(app.Article)
		for _, m := range app.Mentions {
			d.mention(*m)
		}
	}
	for _, r := range e.Related {
		d.card(r)
	}
}

func (d digester) mention(m mention.Mention) {
	d.Str(m.ID, m.Before, m.Text, m.After)
}

// siteDigest digests the whole site, for pages that may show anything.
func siteDigest(site *link.Site) digest.Sum {
	d := newDigester()
	for _, a := range site.Articles {
		d.article(a)
	}
	for _, e := range site.Entries {
		d.entry(e)
	}
	return d.Sum()
}

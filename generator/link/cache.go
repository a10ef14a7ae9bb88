package link

import (
	"html/template"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/glossdev/gloss/generator/annotate"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/mention"
)

// Cache keeps the conversions of one link stage for the next, so that a
// rebuild converts only the documents whose inputs changed. A document's
// conversion depends on its own source and on three things about the rest
// of the site: the entries' ids, names and aliases (which mentions are
// found), the articles its links lead to (recorded as it is converted, and
// checked again before reuse), and the settings that change the HTML. The zero Cache is empty and ready to use;
// it is safe for concurrent use within one Link.
type Cache struct {
	mu   sync.RWMutex
	docs map[string]cachedDoc
	// entries are the last Link's entries by id: the entries that the
	// cached mentions point at.
	entries map[string]*content.Entry
	// hits and misses count this Link's lookups, for Hits and Misses.
	hits, misses atomic.Int64
	// related keeps the related articles and entries, and groups the kind
	// and tag groups, used by one Link at a time.
	related relatedMemo
	groups  groupsMemo
	// Hits and Misses count the documents reused and converted by the last
	// Link that used the cache.
	Hits, Misses int
}

type cachedDoc struct {
	key      docKey
	body     template.HTML
	headings []markdown.Heading
	mentions []mention.Mention
	notes    []*annotate.Note
	text     string
	sum      digest.Sum
	order    mentionOrder
	// mentionSums digest each entry's mentions, in order's order;
	// entriesSum the entries' ids in order of first mention.
	mentionSums []digest.Sum
	entriesSum  digest.Sum
	diags       []diag.Diagnostic
	// links records the article lookups the conversion made.
	links []lookup
	// fragments are checked anew on every build.
	fragments []markdown.Fragment
}

// sums digests a converted article whose order is known: its body and
// text, the mentions of each entry with their sentences (in order's order),
// and the ids of the entries it mentions in order of first mention.
func sums(a *Article) (digest.Sum, []digest.Sum, digest.Sum) {
	d := digest.New()
	d.Str(string(a.Body), a.Text)
	byEntry := make([]*digest.Digest, len(a.order.ids))
	for j, m := range a.Mentions {
		i := a.order.of[j]
		if byEntry[i] == nil {
			byEntry[i] = digest.New()
		}
		byEntry[i].Str(m.ID, m.Before, m.Text, m.After)
	}
	mentions := make([]digest.Sum, len(byEntry))
	for i, md := range byEntry {
		mentions[i] = md.Sum()
	}
	entries := digest.New()
	entries.Int(len(a.order.ids))
	entries.Str(a.order.ids...)
	return d.Sum(), mentions, entries.Sum()
}

// siteKey digests what every document's conversion depends on besides its
// own source.
func siteKey(site *content.Site, opts Options) digest.Sum {
	d := digest.New()
	d.Str(site.Config.Autolink)
	d.Bool(site.Config.UnsafeHTML, opts.Check)
	for _, e := range site.Entries {
		d.Str(e.ID, e.Path)
		d.Bool(e.MatchCase)
		for _, a := range e.Aliases {
			d.Str(a.Text)
			d.Int(a.Pos.Line, a.Pos.Col)
		}
	}
	return d.Sum()
}

// docKey is what a document's conversion depends on besides its links: the
// rest of the site (see siteKey), its file's bytes and its autolink policy.
// It is compared as it is, without being digested again.
type docKey struct {
	site, file digest.Sum
	autolink   string
}

func newDocKey(site digest.Sum, f content.File, autolink string) docKey {
	k := docKey{site: site, file: f.Sum, autolink: autolink}
	if k.file == (digest.Sum{}) {
		d := digest.New()
		d.Bytes(f.Source)
		k.file = d.Sum()
	}
	return k
}

// key returns newDocKey's key for the cache, and nothing without one: a
// build without a cache reads each file's bytes only to convert them.
func (c *Cache) key(site digest.Sum, f content.File, autolink string) docKey {
	if c == nil {
		return docKey{}
	}
	return newDocKey(site, f, autolink)
}

// lookup returns the cached conversion of path if its key matches and its
// links still lead where they did.
func (c *Cache) lookup(path string, key docKey, r *resolver) (cachedDoc, bool) {
	if c == nil {
		return cachedDoc{}, false
	}
	c.mu.RLock()
	d, ok := c.docs[path]
	c.mu.RUnlock()
	if ok && d.key == key && r.same(d.links) {
		c.hits.Add(1)
		return d, true
	}
	c.misses.Add(1)
	return cachedDoc{}, false
}

// start readies the cache for a Link of site: it counts from zero, and
// tells whether the site's entries are those the cached mentions point at.
func (c *Cache) start(site *content.Site) (sameEntries bool) {
	if c == nil {
		return false
	}
	c.hits.Store(0)
	c.misses.Store(0)
	sameEntries = len(c.entries) == len(site.Entries)
	for _, e := range site.Entries {
		if sameEntries && c.entries[e.ID] != e {
			sameEntries = false
		}
	}
	return sameEntries
}

// finish records the counts and the entries of a Link of site, which
// pointed every cached mention at them.
func (c *Cache) finish(site *content.Site) {
	if c == nil {
		return
	}
	c.Hits, c.Misses = int(c.hits.Load()), int(c.misses.Load())
	c.entries = make(map[string]*content.Entry, len(site.Entries))
	for _, e := range site.Entries {
		c.entries[e.ID] = e
	}
}

func (c *Cache) store(path string, d cachedDoc) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil {
		c.docs = map[string]cachedDoc{}
	}
	c.docs[path] = d
}

// prune drops documents that are no longer part of the site.
func (c *Cache) prune(keep map[string]bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.docs {
		if !keep[p] {
			delete(c.docs, p)
		}
	}
}

// remapMentions points cached mentions at the entries of the current load,
// in a copy.
func remapMentions(ms []mention.Mention, byID map[string]*Entry) []mention.Mention {
	out := slices.Clone(ms)
	for i := range out {
		out[i].Entry = byID[out[i].Entry.ID].Entry
	}
	return out
}

// remapNotes points cached notes at the annotations of the current load.
// When they point there already (the article's file did not change), the
// cached notes are returned as they are.
func remapNotes(ns []*annotate.Note, anns []*content.Annotation) []*annotate.Note {
	same := true
	for _, n := range ns {
		for _, a := range anns {
			if a.ID == n.ID && a != n.Annotation {
				same = false
			}
		}
	}
	if same {
		return ns
	}
	out := make([]*annotate.Note, len(ns))
	for i, n := range ns {
		c := *n
		for _, a := range anns {
			if a.ID == n.ID {
				c.Annotation = a
			}
		}
		out[i] = &c
	}
	return out
}

// lookup is an article looked up by a conversion: its file, and its page
// ("" for none).
type lookup struct{ file, page string }

// recorder is a resolver that records the lookups of one document.
type recorder struct {
	r     *resolver
	links []lookup
}

func (rec *recorder) ArticlePage(p string) (string, bool) {
	page, ok := rec.r.ArticlePage(p)
	if !slices.Contains(rec.links, lookup{p, page}) {
		rec.links = append(rec.links, lookup{p, page})
	}
	return page, ok
}

// same reports whether every recorded lookup still gives the same page.
func (r *resolver) same(links []lookup) bool {
	for _, l := range links {
		if got, _ := r.ArticlePage(l.file); got != l.page {
			return false
		}
	}
	return true
}

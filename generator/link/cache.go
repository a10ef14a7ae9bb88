package link

import (
	"crypto/sha256"
	"encoding/binary"
	"html/template"
	"slices"
	"sync"

	"github.com/glossdev/gloss/generator/annotate"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
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
	mu   sync.Mutex
	docs map[string]cachedDoc
	// Hits and Misses count the documents reused and converted by the last
	// Link that used the cache.
	Hits, Misses int
}

type cachedDoc struct {
	key      [32]byte
	body     template.HTML
	headings []markdown.Heading
	mentions []mention.Mention
	notes    []*annotate.Note
	text     string
	diags    []diag.Diagnostic
	// links records the article lookups the conversion made: file → page
	// ("" for none).
	links map[string]string
	// fragments are checked anew on every build.
	fragments []markdown.Fragment
}

// siteKey digests what every document's conversion depends on besides its
// own source.
func siteKey(site *content.Site, opts Options) [32]byte {
	h := sha256.New()
	str := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	str(site.Config.Autolink)
	str(boolString(site.Config.UnsafeHTML))
	str(boolString(opts.Check))
	for _, e := range site.Entries {
		str(e.ID)
		str(e.Path)
		str(boolString(e.MatchCase))
		for _, a := range e.Aliases {
			str(a.Text)
			str(itoa(a.Pos.Line))
			str(itoa(a.Pos.Col))
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func docKey(site [32]byte, f content.File, autolink string) [32]byte {
	h := sha256.New()
	h.Write(site[:])
	h.Write([]byte(f.Path))
	h.Write([]byte{0})
	h.Write([]byte(autolink))
	h.Write([]byte{0})
	h.Write(f.Source)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// lookup returns the cached conversion of path if its key matches and its
// links still lead where they did.
func (c *Cache) lookup(path string, key [32]byte, r *resolver) (cachedDoc, bool) {
	if c == nil {
		return cachedDoc{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[path]
	if ok && d.key == key && r.same(d.links) {
		c.Hits++
		return d, true
	}
	c.Misses++
	return cachedDoc{}, false
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

// remapMentions points cached mentions at the entries of the current load.
func remapMentions(ms []mention.Mention, byID map[string]*Entry) []mention.Mention {
	out := slices.Clone(ms)
	for i := range out {
		out[i].Entry = byID[out[i].Entry.ID].Entry
	}
	return out
}

// remapNotes points cached notes at the annotations of the current load.
func remapNotes(ns []*annotate.Note, anns []*content.Annotation) []*annotate.Note {
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

func boolString(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// recorder is a resolver that records the lookups of one document.
type recorder struct {
	r     *resolver
	links map[string]string
}

func (rec *recorder) ArticlePage(p string) (string, bool) {
	page, ok := rec.r.ArticlePage(p)
	if rec.links == nil {
		rec.links = map[string]string{}
	}
	rec.links[p] = page
	return page, ok
}

// same reports whether every recorded lookup still gives the same page.
func (r *resolver) same(links map[string]string) bool {
	for p, page := range links {
		if got, _ := r.ArticlePage(p); got != page {
			return false
		}
	}
	return true
}

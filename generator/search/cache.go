package search

import (
	"sync"

	"github.com/glossdev/gloss/generator/internal/digest"
)

// Cache keeps the analyses of documents from one Build to the next, so that
// a rebuild (gloss serve) analyses only the documents whose text changed. A
// nil *Cache keeps nothing. One Cache serves one Build at a time.
type Cache struct {
	mu   sync.Mutex
	last map[digest.Sum][]termWeight // the previous Build's analyses
	next map[digest.Sum][]termWeight // this Build's
	// Hits and Misses count the documents of the last Build whose analysis
	// was reused and made.
	Hits, Misses int
}

// analyse returns the analysis of s (see analyse, which m is for), reusing
// the last Build's when s is the same. Build's workers call it at once.
func (c *Cache) analyse(s *source, m map[string]uint32) []termWeight {
	if c == nil {
		return analyse(s, m)
	}
	key := s.sum()
	c.mu.Lock()
	tws, ok := c.last[key]
	c.mu.Unlock()
	if !ok {
		tws = analyse(s, m)
	}
	c.mu.Lock()
	if c.next == nil {
		c.next = map[digest.Sum][]termWeight{}
	}
	c.next[key] = tws
	if ok {
		c.Hits++
	} else {
		c.Misses++
	}
	c.mu.Unlock()
	return tws
}

// start readies the cache for a Build.
func (c *Cache) start() {
	if c == nil {
		return
	}
	c.Hits, c.Misses, c.next = 0, 0, nil
}

// finish keeps this Build's analyses, and only them, for the next.
func (c *Cache) finish() {
	if c == nil {
		return
	}
	c.last, c.next = c.next, nil
}

// sum digests everything analyse reads of s.
func (s *source) sum() digest.Sum {
	d := digest.New()
	for _, f := range [][]string{s.title, s.summary, s.body} {
		d.Int(len(f))
		d.Str(f...)
	}
	return d.Sum()
}

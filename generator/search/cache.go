package search

import (
	"slices"
	"sync"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/link"

	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/internal/par"
)

// Cache keeps one Build's analyses and index for the next, so that a
// rebuild (gloss serve) analyses only the documents whose text changed and,
// when the documents are the same ones in the same order, updates the index
// for those alone. A nil *Cache keeps nothing. One Cache serves one Build at
// a time.
type Cache struct {
	// last holds the previous Build's analyses by document digest, so that
	// a document moved or restored is not analysed again.
	last map[digest.Sum][]termWeight
	// keys, analyses and inv are the previous Build's documents (by id)
	// and index.
	keys     []digest.Sum
	analyses [][]termWeight
	inv      *inverted
	// docShards keeps the document shards of the last Files, by number.
	docShards []docShard
	// articles and entries keep the last Build's sources, by the loaded
	// article or entry they come from.
	articles map[*content.Article]source
	entries  map[*content.Entry]source
	// Hits and Misses count the documents of the last Build whose analysis
	// was reused and made.
	Hits, Misses int
}

// docShard is a document shard's documents and its file.
type docShard struct {
	docs []Doc
	data []byte
}

// docShard returns the file of document shard i when the last Files made it
// from the same documents.
func (c *Cache) docShard(i int, docs []Doc) ([]byte, bool) {
	if c == nil || i >= len(c.docShards) || !slices.Equal(c.docShards[i].docs, docs) {
		return nil, false
	}
	return c.docShards[i].data, true
}

// keepDocShard keeps the file of document shard i, made from docs.
func (c *Cache) keepDocShard(i int, docs []Doc, data []byte) {
	if c == nil {
		return
	}
	for len(c.docShards) <= i {
		c.docShards = append(c.docShards, docShard{})
	}
	c.docShards[i] = docShard{docs: slices.Clone(docs), data: data}
}

// dropDocShards forgets the shards from n on, which the last Files did not
// make.
func (c *Cache) dropDocShards(n int) {
	if c != nil && n < len(c.docShards) {
		c.docShards = c.docShards[:n]
	}
}

// articleSource returns the last Build's source of a, with its key, when a
// is loaded from the same file and has the same text.
func (c *Cache) articleSource(a *link.Article) (source, bool) {
	if c == nil || a.Sum == (digest.Sum{}) {
		return source{}, false
	}
	s, ok := c.articles[a.Article]
	return s, ok && s.textSum == a.Sum && s.doc.URL == a.Page
}

// entrySource returns the last Build's source of e, with its key, when e is
// loaded from the same file and has the same body.
func (c *Cache) entrySource(e *link.Entry) (source, bool) {
	if c == nil {
		return source{}, false
	}
	s, ok := c.entries[e.Entry]
	return s, ok && s.entryBody == string(e.Body) && s.doc.URL == e.Page
}

// keepSources keeps the sources, with their keys, for the next Build.
func (c *Cache) keepSources(srcs []source) {
	c.articles = make(map[*content.Article]source, len(srcs))
	c.entries = make(map[*content.Entry]source)
	for _, s := range srcs {
		switch {
		case s.article != nil && s.textSum != (digest.Sum{}):
			c.articles[s.article] = s
		case s.entry != nil:
			c.entries[s.entry] = s
		}
	}
}

// maxUpdate is the share of documents that may change for the index to be
// updated rather than built anew.
const maxUpdate = 4 // one in four

// index returns the index of srcs, the previous Build's updated when the
// documents are the same ones, with a few changed.
func (c *Cache) index(srcs []source) *inverted {
	keys := make([]digest.Sum, len(srcs))
	par.For(len(srcs), func(i int) {
		if srcs[i].key == (digest.Sum{}) {
			srcs[i].key = srcs[i].sum()
		}
		keys[i] = srcs[i].key
	})
	var changed []int
	update := c.inv != nil && len(c.keys) == len(keys)
	if update {
		for i := range keys {
			if keys[i] != c.keys[i] {
				changed = append(changed, i)
			}
		}
		update = len(changed) <= len(keys)/maxUpdate
	}
	analyses := make([][]termWeight, len(srcs))
	if update {
		copy(analyses, c.analyses)
	} else {
		changed = make([]int, len(srcs))
		for i := range changed {
			changed[i] = i
		}
	}

	// Analyse what changed, reusing analyses of the same text.
	var (
		mu     sync.Mutex
		tables sync.Pool // of *termTable
		misses int
	)
	par.For(len(changed), func(j int) {
		i := changed[j]
		if tws, ok := c.last[keys[i]]; ok {
			analyses[i] = tws
			return
		}
		analyses[i] = analysePooled(&tables, &srcs[i])
		mu.Lock()
		misses++
		mu.Unlock()
	})

	if update {
		for _, i := range changed {
			c.inv.update(uint32(i), c.analyses[i], analyses[i])
		}
	} else {
		c.inv = newInverted(true)
		for i, tws := range analyses {
			c.inv.add(uint32(i), tws)
		}
	}
	c.last = make(map[digest.Sum][]termWeight, len(keys))
	for i, k := range keys {
		c.last[k] = analyses[i]
	}
	c.keys, c.analyses = keys, analyses
	c.Hits, c.Misses = len(srcs)-misses, misses
	return c.inv
}

// sum digests everything analyse reads of s.
func (s *source) sum() digest.Sum {
	d := digest.New()
	body := s.body
	if s.textSum != (digest.Sum{}) && len(body) > 0 {
		d.Str(string(s.textSum[:]))
		body = body[1:]
	}
	for _, f := range [][]string{s.title, s.summary, body} {
		d.Int(len(f))
		d.Str(f...)
	}
	return d.Sum()
}

package content

import (
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
)

// Cache keeps the loaded files of one Load for the next, so that a rebuild
// parses only the files whose bytes changed: reading a file is cheap, its
// YAML is not. A nil *Cache keeps nothing. A Cache is not safe for
// concurrent Loads.
type Cache struct {
	files map[string]cachedFile
	// Hits and Misses count the files of the last Load that were reused and
	// parsed.
	Hits, Misses int
}

// cachedFile is what loading one file gave.
type cachedFile struct {
	sum     digest.Sum // of the file's bytes as read
	article *Article
	entry   *Entry
	diags   []diag.Diagnostic
}

func sourceSum(src []byte) digest.Sum {
	d := digest.New()
	d.Bytes(src)
	return d.Sum()
}

// lookup returns what the last Load made of the file p when it read bytes
// with the same sum. It only reads the cache, so Load's workers may call it at
// once.
func (c *Cache) lookup(p string, sum digest.Sum) (cachedFile, bool) {
	if c == nil {
		return cachedFile{}, false
	}
	f, ok := c.files[p]
	if !ok || f.sum != sum {
		return cachedFile{}, false
	}
	return f, true
}

// keep replaces the cache's files with this Load's: those of articles
// first, then of entries, in loaded (files that could not be read have a
// zero sum and are dropped).
func (c *Cache) keep(articles, entries []string, loaded []cachedFile) {
	if c == nil {
		return
	}
	old := c.files
	c.files = make(map[string]cachedFile, len(loaded))
	c.Hits, c.Misses = 0, 0
	for i, f := range loaded {
		if f.sum == (digest.Sum{}) {
			continue
		}
		p := ""
		if i < len(articles) {
			p = articles[i]
		} else {
			p = entries[i-len(articles)]
		}
		if prev, ok := old[p]; ok && prev.sum == f.sum {
			c.Hits++
		} else {
			c.Misses++
		}
		c.files[p] = f
	}
}

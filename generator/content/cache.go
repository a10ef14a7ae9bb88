package content

import (
	"slices"
	"time"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
)

// Cache keeps the loaded files of one Load for the next, so that a rebuild
// parses only the files whose bytes changed (reading a file is cheap, its
// YAML is not) and reads only the files whose size or modification time
// changed. A nil *Cache keeps nothing. A Cache is not safe for concurrent
// Loads.
type Cache struct {
	files map[string]cachedFile
	// started is when the Load that filled the cache began.
	started time.Time
	// articles and entries are the paths that Load listed; complete tells
	// that it listed them without problems and read every one.
	articles, entries []string
	complete          bool
	// checked keeps the last checkArticles that reported nothing: the
	// articles it was given, the drafts setting and what it returned.
	checked struct {
		in, out []*Article
		drafts  bool
	}
	// Hits and Misses count the files of the last Load that were reused and
	// parsed.
	Hits, Misses int
}

// cachedFile is what loading one file gave.
type cachedFile struct {
	sum     digest.Sum // of the file's bytes as read
	stamp   stamp      // the file's size and time when it was listed
	article *Article
	entry   *Entry
	diags   []diag.Diagnostic
}

// stamp is a file's size and modification time. The zero stamp is unknown.
type stamp struct {
	size int64
	mod  time.Time
}

// racyWindow is how long before a Load began a file's modification time
// must be for the next Load to trust it: a file changed again within the
// file system's timestamp granularity (two seconds on FAT) could keep its
// time and size, as Git's "racily clean" index entries can.
const racyWindow = 2 * time.Second

func sourceSum(src []byte) digest.Sum {
	d := digest.New()
	d.Bytes(src)
	return d.Sum()
}

// unchanged returns what the last Load made of the file p when the file
// still has the size and modification time it had then, and that time is
// old enough to be trusted; the file need not be read. Load's workers may
// call it at once.
func (c *Cache) unchanged(p string, l listed) (cachedFile, bool) {
	if c == nil {
		return cachedFile{}, false
	}
	if l.cached {
		f, ok := c.files[p]
		return f, ok
	}
	st := l.stamp
	if st.mod.IsZero() {
		return cachedFile{}, false
	}
	f, ok := c.files[p]
	if !ok || f.stamp.size != st.size || !f.stamp.mod.Equal(st.mod) || !st.mod.Before(c.started.Add(-racyWindow)) {
		return cachedFile{}, false
	}
	return f, true
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

// keep replaces the cache's files with this Load's, which began at
// started and listed files, articles first (files that could not be read
// have a zero sum and are dropped). listedOK tells whether the listing had
// no problems.
func (c *Cache) keep(files []listed, articles int, loaded []cachedFile, started time.Time, listedOK bool) {
	if c == nil {
		return
	}
	old := c.files
	c.files = make(map[string]cachedFile, len(loaded))
	c.started = started
	c.Hits, c.Misses = 0, 0
	c.articles, c.entries = c.articles[:0], c.entries[:0]
	c.complete = listedOK
	for i, f := range files {
		if i < articles {
			c.articles = append(c.articles, f.path)
		} else {
			c.entries = append(c.entries, f.path)
		}
	}
	for i, f := range loaded {
		if f.sum == (digest.Sum{}) {
			c.complete = false
			continue
		}
		p := files[i].path
		if prev, ok := old[p]; ok && prev.sum == f.sum {
			c.Hits++
		} else {
			c.Misses++
		}
		c.files[p] = f
	}
}

// checkArticles is checkArticles, whose result is the last one when it is
// given the same articles (the same loads, in the same order) with the same
// drafts setting and reported nothing: sorting ten thousand articles is a
// good part of a rebuild that changed one.
func (c *Cache) checkArticles(all []*Article, drafts bool, diags *diag.List) []*Article {
	if c == nil {
		return checkArticles(all, drafts, diags)
	}
	if c.checked.out != nil && c.checked.drafts == drafts && slices.Equal(c.checked.in, all) {
		return c.checked.out
	}
	var local diag.List
	out := checkArticles(all, drafts, &local)
	problems := local.Sorted()
	diags.Merge(problems)
	c.checked.in, c.checked.out, c.checked.drafts = nil, nil, drafts
	if len(problems) == 0 {
		c.checked.in, c.checked.out = all, out
	}
	return out
}

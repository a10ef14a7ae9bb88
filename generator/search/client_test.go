package search

// A Go copy of the query side of assets/search.js, run over the files an
// Index writes, so that ranking, sharding and download sizes can be tested
// without a browser. It fetches exactly what the script fetches and counts
// the bytes. The browser tests check that the script behaves the same.

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

type client struct {
	t       testing.TB
	files   map[string][]byte
	m       Manifest
	fetched map[string]int // file → bytes, each counted once as a browser caches it
}

func newClient(t testing.TB, files map[string][]byte) *client {
	t.Helper()
	c := &client{t: t, files: files, fetched: map[string]int{}}
	c.get(ManifestFile, &c.m)
	return c
}

// get "downloads" the file under search/ and decodes it into v.
func (c *client) get(name string, v any) {
	c.t.Helper()
	data, ok := c.files[Folder+name]
	if !ok {
		c.t.Fatalf("the client fetched %s%s, which the index does not have", Folder, name)
	}
	c.fetched[name] = len(data)
	if err := json.Unmarshal(data, v); err != nil {
		c.t.Fatalf("%s: %v", name, err)
	}
}

// bytes is what the client has downloaded so far.
func (c *client) bytes() int {
	n := 0
	for _, b := range c.fetched {
		n += b
	}
	return n
}

// reset forgets what was fetched but the manifest, as for a fresh page
// load.
func (c *client) reset() {
	m := c.fetched[ManifestFile]
	c.fetched = map[string]int{ManifestFile: m}
}

type word struct {
	t      string
	prefix bool
}

// tokens is search.js's tokens, which does what Tokens does with the
// manifest's fold table (TestSearchManifestTables checks that it is Go's).
func (c *client) tokens(q string) []string {
	return Tokens(q)
}

// parse is search.js's parse.
func (c *client) parse(q string) []word {
	ws := c.tokens(q)
	open := q != "" && !unicode.IsSpace(rune(q[len(q)-1]))
	stop := map[string]bool{}
	for _, s := range c.m.Stop {
		stop[s] = true
	}
	var words []word
	seen := map[word]bool{}
	for i, t := range ws {
		last := open && i == len(ws)-1
		if stop[t] && !(last && len(words) == 0) {
			continue
		}
		w := word{t: t, prefix: last && utf8.RuneCountInString(t) >= c.m.MinPrefix}
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

// shardsOf is search.js's shardsOf.
func (c *client) shardsOf(w word) []int {
	b := c.m.Shards
	lo, hi := 0, len(b)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if compareUTF16(b[mid], w.t) <= 0 {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	s := []int{lo}
	if w.prefix {
		for j := lo + 1; j < len(b) && len(s) < c.m.PrefixShards && strings.HasPrefix(b[j], w.t); j++ {
			s = append(s, j)
		}
	}
	return s
}

type hit struct{ score, id int }

// search is search.js's search: the ids of the matching documents, best
// first, and their scores.
func (c *client) search(q string) []hit {
	c.t.Helper()
	words := c.parse(q)
	if len(words) == 0 {
		return nil
	}
	type matched struct {
		m      map[int]int
		capped bool
	}
	ms := make([]matched, len(words))
	for i, w := range words {
		ms[i].m = map[int]int{}
		for _, s := range c.shardsOf(w) {
			var shard map[string]string
			c.get(TermShardFile(s), &shard)
			for _, term := range slices.Sorted(maps.Keys(shard)) {
				if term != w.t && !(w.prefix && strings.HasPrefix(term, w.t)) {
					continue
				}
				ps, capped, err := decodePostings(shard[term])
				if err != nil {
					c.t.Fatalf("%s: %q: %v", TermShardFile(s), term, err)
				}
				ms[i].capped = ms[i].capped || capped
				for _, p := range ps {
					if cur, ok := ms[i].m[int(p.id)]; !ok || int(p.weight) > cur {
						ms[i].m[int(p.id)] = int(p.weight)
					}
				}
			}
		}
	}
	var req []matched
	for _, m := range ms {
		if !m.capped {
			req = append(req, m)
		}
	}
	if len(req) == 0 {
		req = ms
	}
	var hits []hit
	for id := range req[0].m {
		all := true
		for _, r := range req[1:] {
			if _, ok := r.m[id]; !ok {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		score := 0
		for _, m := range ms {
			score += m.m[id]
		}
		hits = append(hits, hit{score, id})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return a.id - b.id
	})
	return hits
}

// docs is search.js's docs: the display data of the ids.
func (c *client) docs(hits []hit) []Doc {
	c.t.Helper()
	out := make([]Doc, len(hits))
	per := c.m.DocShard
	for i, h := range hits {
		var shard []Doc
		c.get(DocShardFile(h.id/per), &shard)
		if h.id%per >= len(shard) {
			c.t.Fatalf("document %d is not in %s", h.id, DocShardFile(h.id/per))
		}
		out[i] = shard[h.id%per]
	}
	return out
}

// query runs q as the page does on load: the search, then the first page
// of results. It returns the titles shown and how many results there are.
func (c *client) query(q string) (titles []string, total int) {
	c.t.Helper()
	hits := c.search(q)
	for _, d := range c.docs(hits[:min(len(hits), c.m.Page)]) {
		titles = append(titles, d.Title)
	}
	return titles, len(hits)
}

func (c *client) String() string {
	names := slices.Sorted(maps.Keys(c.fetched))
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s %d, ", n, c.fetched[n])
	}
	return strings.TrimSuffix(b.String(), ", ")
}

package link

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
)

// relatedReference is relatedArticles written plainly: count shared
// entries in a map, sort every candidate, take the first few.
func relatedReference(s *Site) map[*Article][]*Article {
	rank := map[*Article]int{}
	for i, a := range s.Articles {
		rank[a] = i
	}
	out := map[*Article][]*Article{}
	for _, a := range s.Articles {
		shared := map[*Article]int{}
		for _, e := range a.Entries {
			for i, app := range e.Appearances {
				if i < maxCandidates && app.Article != a {
					shared[app.Article]++
				}
			}
		}
		var cands []*Article
		for c := range shared {
			cands = append(cands, c)
		}
		slices.SortFunc(cands, func(x, y *Article) int {
			return cmp.Or(cmp.Compare(shared[y], shared[x]), cmp.Compare(rank[x], rank[y]))
		})
		out[a] = cands[:min(len(cands), maxRelatedArticles)]
	}
	return out
}

func TestRelatedArticlesMatchesReference(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 1))
		s := &Site{}
		nEntries := 1 + rng.IntN(30)
		for range nEntries {
			s.Entries = append(s.Entries, &Entry{})
		}
		// Up to 700 articles, so that entries pass maxCandidates and the
		// articles span several chunks.
		for range rng.IntN(700) {
			a := &Article{}
			for _, i := range rng.Perm(nEntries)[:rng.IntN(min(nEntries, 6)+1)] {
				e := s.Entries[i]
				a.Entries = append(a.Entries, e)
				e.Appearances = append(e.Appearances, Appearance{Article: a})
			}
			s.Articles = append(s.Articles, a)
		}
		rank := map[*Article]int{}
		for i, a := range s.Articles {
			rank[a] = i
		}
		ranks := func(as []*Article) []int {
			var out []int
			for _, a := range as {
				out = append(out, rank[a])
			}
			return out
		}
		want := relatedReference(s)
		s.number()
		relatedArticles(s)
		for i, a := range s.Articles {
			// Compared by rank: articles are pointers to look-alike structs.
			if !assert.Equal(t, ranks(want[a]), ranks(a.Related), "seed %d, article %d", seed, i) {
				return
			}
		}
	}
}

// relatedEntriesReference is relatedEntries written plainly: declared
// entries first, then count shared articles in a map, sort every candidate,
// take the first few.
func relatedEntriesReference(s *Site, byID map[string]*Entry) map[*Entry][]string {
	out := map[*Entry][]string{}
	for _, e := range s.Entries {
		ids := []string{}
		added := map[*Entry]bool{e: true}
		for _, ref := range e.Entry.Related {
			if r, ok := byID[ref.ID]; ok && !added[r] {
				ids = append(ids, r.ID)
				added[r] = true
			}
		}
		shared := map[*Entry]int{}
		for _, app := range e.Appearances {
			for _, other := range app.Article.Entries {
				if !added[other] {
					shared[other]++
				}
			}
		}
		var cands []*Entry
		for c := range shared {
			cands = append(cands, c)
		}
		slices.SortFunc(cands, func(x, y *Entry) int {
			return cmp.Or(cmp.Compare(shared[y], shared[x]), cmp.Compare(x.ID, y.ID))
		})
		for _, c := range cands {
			if len(ids) >= maxRelatedEntries {
				break
			}
			ids = append(ids, c.ID)
		}
		out[e] = ids
	}
	return out
}

func TestRelatedEntriesMatchesReference(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 2))
		s := &Site{}
		byID := map[string]*Entry{}
		// Up to 200 entries, so that they span several chunks.
		nEntries := 1 + rng.IntN(200)
		for i := range nEntries {
			e := &Entry{Entry: &content.Entry{ID: fmt.Sprintf("e%03d", i)}}
			s.Entries = append(s.Entries, e)
			byID[e.ID] = e
		}
		for _, e := range s.Entries {
			// Declared related entries: some unknown, some repeated, some
			// the entry itself, sometimes more than the cap.
			for range rng.IntN(3) * rng.IntN(5) {
				e.Entry.Related = append(e.Entry.Related, content.Ref{ID: fmt.Sprintf("e%03d", rng.IntN(nEntries+3))})
			}
		}
		for range rng.IntN(400) {
			a := &Article{}
			for _, i := range rng.Perm(nEntries)[:rng.IntN(min(nEntries, 8)+1)] {
				e := s.Entries[i]
				a.Entries = append(a.Entries, e)
				e.Appearances = append(e.Appearances, Appearance{Article: a})
			}
			s.Articles = append(s.Articles, a)
		}
		want := relatedEntriesReference(s, byID)
		s.number()
		relatedEntries(s, byID)
		for _, e := range s.Entries {
			if !assert.Equal(t, want[e], ids(e.Related), "seed %d, entry %s", seed, e.ID) {
				return
			}
		}
	}
}

func TestRelMemoMatchesRel(t *testing.T) {
	to := []string{"articles/talks/", "articles/2025/talks/", "glossary/kyiv/", "index.html", "articles/a/#x"}
	from := []string{"glossary/kyiv/", "glossary/putin/", "glossary/people/putin/", "articles/other/", "articles/2025/x/",
		"tags/war/", "index.html", "glossary/kyiv/#m-1", "glossary/", "a/b/c/d/"}
	for _, t1 := range to {
		m := newRelMemo(t1)
		// Twice over, so that the memo answers for paths it has seen.
		for range 2 {
			for _, f := range from {
				assert.Equal(t, urls.Rel(f, t1), m.rel(f), "from %s to %s", f, t1)
			}
		}
	}
}

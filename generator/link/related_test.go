package link

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

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
		relatedArticles(s)
		for i, a := range s.Articles {
			// Compared by rank: articles are pointers to look-alike structs.
			if !assert.Equal(t, ranks(want[a]), ranks(a.Related), "seed %d, article %d", seed, i) {
				return
			}
		}
	}
}

package search

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/link"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCacheReusesAnalyses(t *testing.T) {
	site := sampleSite(t)
	docs := len(site.Articles) + len(site.Entries)
	want := files(t, site, Options{})

	var c Cache
	assert.Equal(t, want, files(t, site, Options{Cache: &c}), "a cache changes nothing in the index")
	assert.Equal(t, []int{0, docs}, []int{c.Hits, c.Misses})
	assert.Equal(t, want, files(t, site, Options{Cache: &c}))
	assert.Equal(t, []int{docs, 0}, []int{c.Hits, c.Misses}, "nothing changed, nothing analysed")

	// An edited article is analysed again, and the index finds its new words.
	require.NotEmpty(t, site.Articles)
	site.Articles[0].Text += " Zanzibarian"
	edited := files(t, site, Options{Cache: &c})
	assert.Equal(t, []int{docs - 1, 1}, []int{c.Hits, c.Misses})
	assert.Equal(t, files(t, site, Options{}), edited, "the same index as without the cache")
	assert.NotEqual(t, want, edited)
}

// TestCacheUpdatesEqualBuilds edits random articles of a random site again
// and again, and checks after each edit that the index a Cache updates is
// the one a Build without a cache makes, byte for byte, whether the edit
// updated the index (a few documents changed) or rebuilt it (many changed,
// or articles were added or removed).
func TestCacheUpdatesEqualBuilds(t *testing.T) {
	words := strings.Fields("talks grain prisoners ceasefire istanbul kyiv moscow delegation memorandum " +
		"exchange truce envoy summit agenda drones sanctions ankara sea ports energy")
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		n := rng.IntN(12)
		out := make([]string, n)
		for i := range out {
			out[i] = words[rng.IntN(len(words))]
			if rng.IntN(8) == 0 {
				out[i] += fmt.Sprint(rng.IntN(50)) // a word no other article may have
			}
		}
		return strings.Join(out, " ")
	}
	var arts []articleSpec
	for i := range 40 {
		arts = append(arts, articleSpec{slug: fmt.Sprintf("a%02d", i), title: "Article " + words[i%len(words)],
			text: text(), date: time.Date(2025, 1, 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
	}
	entries := []entrySpec{{id: "kyiv", name: "Kyiv", kind: "place", body: "capital talks"}}
	// Small shards and a low cap, so that edits move shard bounds and cross
	// the cap.
	opts := Options{ShardSize: 300, MaxPostings: 6}
	var c Cache
	cached := opts
	cached.Cache = &c
	loaded := map[string]*content.Article{}
	loadedEntries := map[string]*content.Entry{}
	for step := range 60 {
		switch {
		case step%20 == 19: // many at once: a rebuild
			for i := range arts {
				arts[i].text = text()
			}
		case step%15 == 14: // one more article: ids move
			arts = append(arts, articleSpec{slug: fmt.Sprintf("b%02d", step), title: "Later", text: text(), date: "2025-02-01"})
		default:
			for range 1 + rng.IntN(3) {
				arts[rng.IntN(len(arts))].text = text()
			}
		}
		site := makeSite(entries, arts)
		// As with a Builder's caches: an article loaded from an unchanged
		// file is the same *content.Article (here, also one whose text changed:
		// the Sum must tell), and its Sum digests its text.
		for _, a := range site.Articles {
			d := digest.New()
			d.Str(a.Text)
			a.Sum = d.Sum()
			key := a.Slug + "\x00" + a.Title + "\x00" + a.Date.String()
			if prev, ok := loaded[key]; ok {
				a.Article = prev
			} else {
				loaded[key] = a.Article
			}
		}
		for _, e := range site.Entries {
			if prev, ok := loadedEntries[e.ID]; ok {
				e.Entry = prev
			} else {
				loadedEntries[e.ID] = e.Entry
			}
		}
		want := files(t, site, opts)
		got := files(t, site, cached)
		require.Equal(t, slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got)), "step %d", step)
		for name := range want {
			require.Equal(t, string(want[name]), string(got[name]), "step %d: %s", step, name)
		}
	}
}

// TestCacheKeepsNoArticleOfABuild: a source the Cache keeps does not hold
// on to the link.Article of the build that made it (and through it that
// build's site), even for an article without text whose file was loaded
// again and whose analysis is reused.
func TestCacheKeepsNoArticleOfABuild(t *testing.T) {
	var diags diag.List
	loaded := content.Load(os.DirFS("../.."), content.Options{}, &diags)
	site := link.Link(loaded, &diags, link.Options{Cache: &link.Cache{}})
	require.False(t, diags.HasErrors(), "%v", diags.Sorted())
	site.Articles[0].Text = ""
	var c Cache
	_, err := Build(site, Options{Cache: &c})
	require.NoError(t, err)

	// The same article, loaded again from its unchanged file.
	again := *site.Articles[0]
	file := *again.Article
	again.Article = &file
	site.Articles[0] = &again
	_, err = Build(site, Options{Cache: &c})
	require.NoError(t, err)
	require.Contains(t, c.articles, again.Article)
	for _, s := range c.articles {
		assert.Nil(t, s.text, s.doc.URL)
	}
}

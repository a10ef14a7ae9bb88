package search

import (
	"testing"

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

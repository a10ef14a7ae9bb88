package content

import (
	"testing"
	"testing/fstest"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCacheReusesUnchangedFiles(t *testing.T) {
	const bad = "---\ntitle: [unclosed\n---\nx\n"
	fsys := site(map[string]*string{
		"content/articles/bad.md":   s(bad),
		"content/articles/other.md": s("---\ntitle: Other\ndate: 2025-05-17\n---\nOther text.\n"),
	})
	var c Cache
	load := func() (*Site, []string) {
		var diags diag.List
		got := Load(fsys, Options{Cache: &c}, &diags)
		return got, messages(&diags)
	}

	first, firstMsgs := load()
	require.NotEmpty(t, firstMsgs, "the broken file is reported")
	assert.Equal(t, []int{0, 4}, []int{c.Hits, c.Misses}, "a first load parses every file it can read")

	second, secondMsgs := load()
	assert.Equal(t, []int{4, 0}, []int{c.Hits, c.Misses})
	assert.Equal(t, firstMsgs, secondMsgs, "the problems of reused files are reported again")
	require.Len(t, second.Articles, 2)
	assert.Same(t, first.Articles[0], second.Articles[0], "unchanged articles are reused")

	// An edit to one file parses that file only; a removed file is dropped.
	fsys["content/articles/other.md"].Data = []byte("---\ntitle: Other, edited\ndate: 2025-05-17\n---\nOther text.\n")
	delete(fsys, "content/glossary/kyiv.md")
	third, _ := load()
	assert.Equal(t, []int{2, 1}, []int{c.Hits, c.Misses})
	require.Len(t, third.Articles, 2)
	titles := []string{third.Articles[0].Title, third.Articles[1].Title}
	assert.ElementsMatch(t, []string{"Talks in Istanbul", "Other, edited"}, titles)
	assert.Empty(t, third.Entries)

	// A file put back as it was is parsed again: the cache holds only the
	// last load's files.
	fsys["content/glossary/kyiv.md"] = &fstest.MapFile{Data: []byte(goodEntry)}
	_, _ = load()
	assert.Equal(t, []int{3, 1}, []int{c.Hits, c.Misses})
}

func TestNoCacheNoReuse(t *testing.T) {
	var diags diag.List
	a := Load(site(nil), Options{}, &diags)
	b := Load(site(nil), Options{}, &diags)
	assert.NotSame(t, a.Articles[0], b.Articles[0])
}

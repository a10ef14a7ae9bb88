package link

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/scratch"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScratch: with a scratch file, articles' bodies and texts wait there,
// not in the site, and read back as Link makes them without one; links to
// an article's anchors are still checked against its body.
func TestScratch(t *testing.T) {
	f := cacheSite()
	f["articles/a.md"] = article("A", "2025-01-04", "Kyiv. See [b](b.md#part) and [b](b.md#nowhere).\n")
	f["articles/empty.md"] = article("Empty", "2025-01-05", "")
	inMemory, want := run(t, f, Options{})
	require.Contains(t, want[0], "link to #nowhere, which is not an anchor of articles/b/")

	sf, err := scratch.Create(t.TempDir())
	require.NoError(t, err)
	defer sf.Close()
	s, msgs := run(t, f, Options{Scratch: sf, ReleaseSources: true})
	assert.Equal(t, want, msgs)
	require.Len(t, s.Articles, len(inMemory.Articles))
	for i, a := range s.Articles {
		m := inMemory.Articles[i]
		require.Equal(t, m.Path, a.Path)
		assert.Empty(t, a.Body, "%s: the body waits in the scratch file", a.Path)
		assert.Empty(t, a.Text, "%s: the text waits in the scratch file", a.Path)
		body, err := a.ReadBody()
		require.NoError(t, err)
		assert.Equal(t, m.Body, body, a.Path)
		var b bytes.Buffer
		b.WriteString("<main>")
		require.NoError(t, a.WriteBody(&b))
		assert.Equal(t, "<main>"+string(m.Body), b.String(), a.Path)
		var text string
		require.NoError(t, a.UseText(func(t string) error {
			text = strings.Clone(t)
			return nil
		}))
		assert.Equal(t, m.Text, text, a.Path)
		errUse := errors.New("use failed")
		assert.Equal(t, errUse, a.UseText(func(string) error { return errUse }), "use's error")
		require.Len(t, a.Mentions, len(m.Mentions), a.Path)
		for j := range a.Mentions {
			assert.Equal(t, m.Mentions[j].ID, a.Mentions[j].ID, a.Path)
			assert.Equal(t, m.Mentions[j].Before, a.Mentions[j].Before, a.Path)
		}
	}
	// Entries' bodies stay: entry pages and the search index read them.
	for i, e := range s.Entries {
		assert.Equal(t, inMemory.Entries[i].Body, e.Body, e.Path)
	}
}

// TestScratchReadError: a body or text that cannot be read back is an
// error that names the article.
func TestScratchReadError(t *testing.T) {
	sf, err := scratch.Create(t.TempDir())
	require.NoError(t, err)
	s, _ := run(t, cacheSite(), Options{Scratch: sf})
	require.NoError(t, sf.Close())
	a := s.Articles[0]
	_, err = a.ReadBody()
	assert.ErrorContains(t, err, a.Path+": scratch file")
	assert.ErrorContains(t, a.UseText(func(string) error { return nil }), a.Path+": scratch file")
	assert.ErrorContains(t, a.WriteBody(&bytes.Buffer{}), a.Path+": scratch file")
}

// TestScratchNotWithACache: a Cache keeps bodies and texts for the next
// Link, so they stay in memory.
func TestScratchNotWithACache(t *testing.T) {
	sf, err := scratch.Create(t.TempDir())
	require.NoError(t, err)
	defer sf.Close()
	s, _ := run(t, cacheSite(), Options{Scratch: sf, Cache: &Cache{}})
	for _, a := range s.Articles {
		assert.NotEmpty(t, a.Body, a.Path)
		assert.NotEmpty(t, a.Text, a.Path)
	}
}

// TestScratchThatFailsKeepsValuesInMemory: when the scratch file cannot
// take a value (a full disk), the value stays in memory.
func TestScratchThatFailsKeepsValuesInMemory(t *testing.T) {
	inMemory, _ := run(t, cacheSite(), Options{})
	sf, err := scratch.Create(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, sf.Close()) // every Put fails
	s, _ := run(t, cacheSite(), Options{Scratch: sf})
	for i, a := range s.Articles {
		assert.Equal(t, inMemory.Articles[i].Body, a.Body, a.Path)
		assert.Equal(t, inMemory.Articles[i].Text, a.Text, a.Path)
		body, err := a.ReadBody()
		require.NoError(t, err)
		assert.Equal(t, a.Body, body)
	}
}

// TestScratchFragmentsUnreadable: when a linked article's body cannot be
// read back, the check says so once, instead of calling every link to it
// broken.
func TestScratchFragmentsUnreadable(t *testing.T) {
	f := cacheSite()
	f["articles/c.md"] = article("C", "2025-01-02", "See [b](b.md#part) and [b](b.md#other).\n")
	sf, err := scratch.Create(t.TempDir())
	require.NoError(t, err)
	s, msgs := run(t, f, Options{Scratch: sf})
	require.Contains(t, msgs[0], "link to #other, which is not an anchor of articles/b/", "read back, b's body is checked")
	require.NoError(t, sf.Close())
	var diags diag.List
	checkFragments(s, &diags)
	got := messages(&diags)
	require.Len(t, got, 1, "%q", got)
	assert.Contains(t, got[0], "content/articles/b.md: cannot check the links to its anchors: scratch file")
}

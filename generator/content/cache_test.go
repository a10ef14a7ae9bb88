package content

import (
	"errors"
	"strings"
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

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errors.New("disk gone")
	}
	n := min(r.n, len(p))
	for i := range n {
		p[i] = 'x'
	}
	r.n -= n
	return n, nil
}

func TestReadAll(t *testing.T) {
	long := strings.Repeat("abc", 1000)
	tests := []struct {
		name string
		data string
		size int
	}{
		{"empty", "", 1},
		{"exact size hint", "hello", 6},
		{"hint too small", long, 1},
		{"hint too large", "hi", 100},
		{"no hint", long, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll(strings.NewReader(tt.data), tt.size)
			require.NoError(t, err)
			assert.Equal(t, tt.data, string(got))
		})
	}
	got, err := readAll(&failingReader{n: 10}, 4)
	assert.EqualError(t, err, "disk gone")
	assert.Equal(t, "xxxxxxxxxx", string(got), "what was read before the error is returned")
}

package content

import (
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

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

// openCounter counts the files opened below content/.
type openCounter struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (o *openCounter) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.opens[name]++
	o.mu.Unlock()
	return o.FS.Open(name)
}

func TestCacheTrustsOldStamps(t *testing.T) {
	const p = "content/articles/talks.md"
	old := time.Now().Add(-time.Hour)
	edited := strings.Replace(goodArticle, "Talks in Istanbul", "Talks in Ankara", 1)
	tests := []struct {
		name string
		mod  time.Time // of the file at both loads
		// edit changes the file between the loads, keeping its time.
		edit     func(f *fstest.MapFile)
		reads    int    // of p in the second load
		title    string // of the article in the second load
		modAfter time.Time
	}{
		{name: "unchanged and old: not read", mod: old, reads: 0, title: "Talks in Istanbul"},
		{name: "unchanged but recent: read again", mod: time.Now(), reads: 1, title: "Talks in Istanbul"},
		{name: "no time (a file system without one): read again", reads: 1, title: "Talks in Istanbul"},
		{name: "new size: read", mod: old, reads: 1, title: "Talks in Ankara",
			edit: func(f *fstest.MapFile) { f.Data = []byte(edited) }},
		{name: "new time: read", mod: old, reads: 1, title: "Talks in Istanbul",
			edit: func(f *fstest.MapFile) { f.ModTime = old.Add(time.Second) }},
		// Trusting the stamp is the point: an edit that keeps both size and
		// an old time is not seen. Editors and file systems change the time.
		{name: "same size and old time: not read", mod: old, reads: 0, title: "Talks in Istanbul",
			edit: func(f *fstest.MapFile) { f.Data = []byte(strings.Replace(goodArticle, "Istanbul", "Istanbuk", 1)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := site(nil)
			fsys[p].ModTime = tt.mod
			counter := &openCounter{FS: fsys, opens: map[string]int{}}
			var c Cache
			var diags diag.List
			Load(counter, Options{Cache: &c}, &diags)
			require.Equal(t, 1, counter.opens[p])
			require.Empty(t, messages(&diags))
			if tt.edit != nil {
				tt.edit(fsys[p])
			}
			clear(counter.opens)
			got := Load(counter, Options{Cache: &c}, &diags)
			assert.Equal(t, tt.reads, counter.opens[p])
			require.Len(t, got.Articles, 1)
			assert.Equal(t, tt.title, got.Articles[0].Title)
			assert.Equal(t, 1, counter.opens["content/glossary/kyiv.md"], "a file without a time is read at every load")
		})
	}
}

func TestCacheChecksArticlesOnce(t *testing.T) {
	older := "---\ntitle: Older\ndate: 2025-05-01\n---\nText.\n"
	fsys := site(map[string]*string{"content/articles/older.md": &older})
	var c Cache
	load := func() (*Site, []string) {
		var diags diag.List
		s := Load(fsys, Options{Cache: &c}, &diags)
		return s, messages(&diags)
	}
	first, _ := load()
	second, _ := load()
	require.Len(t, second.Articles, 2)
	assert.Same(t, &first.Articles[0], &second.Articles[0], "the same articles, sorted once")
	assert.Equal(t, "Talks in Istanbul", second.Articles[0].Title, "newest first")

	// A new date sorts again.
	fsys["content/articles/older.md"].Data = []byte(strings.Replace(older, "2025-05-01", "2025-06-01", 1))
	third, _ := load()
	assert.Equal(t, []string{"Older", "Talks in Istanbul"}, []string{third.Articles[0].Title, third.Articles[1].Title})

	// A problem is reported at every load, not kept quiet by the memo.
	fsys["content/articles/twin.md"] = &fstest.MapFile{Data: []byte(strings.Replace(older, "title: Older", "title: Older\nslug: talks", 1))}
	_, msgs := load()
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], `slug "talks" is already used`)
	_, again := load()
	assert.Equal(t, msgs, again)
}

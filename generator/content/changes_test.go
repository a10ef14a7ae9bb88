package content

import (
	"errors"
	"io/fs"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// watchedFS is a MapFS that counts the files it opens and the folders it
// lists, and can fail to open some files.
type watchedFS struct {
	fstest.MapFS
	mu     sync.Mutex
	opens  map[string]int
	lists  map[string]int
	broken map[string]bool
}

func (w *watchedFS) Open(name string) (fs.File, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.opens[name]++
	if w.broken[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("input/output error")}
	}
	return w.MapFS.Open(name)
}

func (w *watchedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	w.mu.Lock()
	w.lists[name]++
	w.mu.Unlock()
	return w.MapFS.ReadDir(name)
}

func (w *watchedFS) reset() {
	clear(w.opens)
	clear(w.lists)
}

func TestLoadFollowsChanges(t *testing.T) {
	const article = "content/articles/talks.md"
	old := time.Now().Add(-time.Hour)
	file := func(data string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(data), ModTime: time.Now()} }
	newArticle := "---\ntitle: New\ndate: 2025-06-01\n---\nText.\n"
	putin := "---\nname: Vladimir Putin\nkind: person\n---\n"
	tests := []struct {
		name    string
		initial map[string]*string // files besides site(nil)'s
		change  func(m fstest.MapFS)
		changes Changes
		listed  bool     // whether Load lists the folders again
		reads   []string // files read
	}{
		{name: "nothing", change: func(fstest.MapFS) {}, changes: Changes{}},
		{name: "an article edited", changes: Changes{article}, reads: []string{article},
			change: func(m fstest.MapFS) { m[article] = file(goodArticle + "More.\n") }},
		{name: "an article created", changes: Changes{"content/articles/new.md"}, reads: []string{"content/articles/new.md"},
			change: func(m fstest.MapFS) { m["content/articles/new.md"] = file(newArticle) }},
		{name: "an article created, reported twice", changes: Changes{"content/articles/new.md", "content/articles/./new.md"},
			reads:  []string{"content/articles/new.md"},
			change: func(m fstest.MapFS) { m["content/articles/new.md"] = file(newArticle) }},
		{name: "an article removed", changes: Changes{article},
			change: func(m fstest.MapFS) { delete(m, article) }},
		{name: "an article renamed", changes: Changes{article, "content/articles/renamed.md"}, reads: []string{"content/articles/renamed.md"},
			change: func(m fstest.MapFS) { m["content/articles/renamed.md"] = m[article]; delete(m, article) }},
		{name: "not Markdown, hidden, or outside the content folders", changes: Changes{"content/articles/notes.txt", "content/articles/.talks.md.swp", "content/articles/_drafts/x.md", "templates/base.html"},
			change: func(m fstest.MapFS) {
				m["content/articles/notes.txt"] = file("notes")
				m["content/articles/.talks.md.swp"] = file("swap")
				m["content/articles/_drafts/x.md"] = file(newArticle)
				m["templates/base.html"] = file("<html>")
			}},
		{name: "the site settings: always read", changes: Changes{"content/site.yaml"},
			change: func(m fstest.MapFS) { m["content/site.yaml"] = file(siteYAML + "description: Changed.\n") }},
		{name: "a folder created: listed again", changes: Changes{"content/articles/2025"}, listed: true, reads: []string{"content/articles/2025/new.md"},
			change: func(m fstest.MapFS) { m["content/articles/2025/new.md"] = file(newArticle) }},
		{name: "a folder removed: listed again", changes: Changes{"content/glossary"}, listed: true,
			change: func(m fstest.MapFS) { delete(m, "content/glossary/kyiv.md") }},
		{name: "a sub-folder removed: listed again", changes: Changes{"content/glossary/people"}, listed: true,
			initial: map[string]*string{"content/glossary/people/putin.md": &putin},
			change:  func(m fstest.MapFS) { delete(m, "content/glossary/people/putin.md") }},
		{name: "a file in a sub-folder edited", changes: Changes{"content/glossary/people/putin.md"},
			reads:   []string{"content/glossary/people/putin.md"},
			initial: map[string]*string{"content/glossary/people/putin.md": &putin},
			change:  func(m fstest.MapFS) { m["content/glossary/people/putin.md"] = file(putin + "Body.\n") }},
		{name: "a symbolic link: listed again, and warned of", changes: Changes{"content/articles/link.md"}, listed: true,
			change: func(m fstest.MapFS) {
				m["content/articles/link.md"] = &fstest.MapFile{Data: []byte("talks.md"), Mode: fs.ModeSymlink}
			}},
		{name: "changes unknown: listed again", changes: nil, listed: true,
			change: func(fstest.MapFS) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := site(tt.initial)
			for _, f := range m {
				f.ModTime = old
			}
			w := &watchedFS{MapFS: m, opens: map[string]int{}, lists: map[string]int{}}
			var c Cache
			var diags diag.List
			Load(w, Options{Cache: &c}, &diags)
			require.Empty(t, messages(&diags))
			tt.change(m)
			w.reset()
			var got diag.List
			site := Load(w, Options{Cache: &c, Changes: tt.changes}, &got)
			assert.Equal(t, tt.listed, w.lists[ArticlesDir]+w.lists[GlossaryDir] > 0, "listed again")
			var reads []string
			for name, n := range w.opens {
				if n > 0 && name != "content/site.yaml" && (len(name) > 3 && name[len(name)-3:] == ".md") {
					reads = append(reads, name)
				}
			}
			assert.ElementsMatch(t, tt.reads, reads, "files read")
			// The same as a load of everything.
			var fresh diag.List
			want := Load(m, Options{}, &fresh)
			assert.Equal(t, messages(&fresh), messages(&got))
			assert.Equal(t, titles(want), titles(site))
			assert.Equal(t, want.Config, site.Config)
			require.Len(t, site.Entries, len(want.Entries))
			for i := range want.Entries {
				assert.Equal(t, want.Entries[i].Path, site.Entries[i].Path)
			}
		})
	}
}

func TestLoadListsAgainAfterAProblem(t *testing.T) {
	// A file that could not be read is read again, and its problem
	// reported again, even when no watcher saw it change.
	m := site(nil)
	w := &watchedFS{MapFS: m, opens: map[string]int{}, lists: map[string]int{}, broken: map[string]bool{"content/glossary/kyiv.md": true}}
	var c Cache
	var first diag.List
	Load(w, Options{Cache: &c}, &first)
	require.Len(t, messages(&first), 1)
	var second diag.List
	Load(w, Options{Cache: &c, Changes: Changes{}}, &second)
	assert.Equal(t, messages(&first), messages(&second))
	assert.Equal(t, 2, w.opens["content/glossary/kyiv.md"])
}

func titles(s *Site) []string {
	var out []string
	for _, a := range s.Articles {
		out = append(out, a.Path+": "+a.Title)
	}
	return out
}

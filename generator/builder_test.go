package generator

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copySample copies the sample site's content into a temporary folder.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repoRoot, "content"))))
	// Files an hour old, as a site's files mostly are: a Builder trusts
	// their times and sizes and reads only the files written since.
	old := time.Now().Add(-time.Hour)
	require.NoError(t, filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	}))
	return dir
}

func edit(t *testing.T, dir, name string, fn func(string) string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	changed := fn(string(data))
	require.NotEqual(t, string(data), changed, "the edit must change %s", name)
	require.NoError(t, os.WriteFile(p, []byte(changed), 0o644))
}

// TestIncrementalEqualsFull makes a series of edits, renames and deletions and
// checks after each that an incremental rebuild equals a full build byte for
// byte, and that it did less work where it could.
func TestIncrementalEqualsFull(t *testing.T) {
	dir := copySample(t)
	ctx := context.Background()
	b := NewBuilder(dir, defaults())
	first, err := b.Build(ctx)
	require.NoError(t, err)
	total := first.Rendered
	// A second Builder is told what changed, as the watcher of gloss serve
	// tells it.
	watched := NewBuilder(dir, defaults())
	_, err = watched.Build(ctx)
	require.NoError(t, err)
	var changed []string
	// edit edits as the package's edit does, and records what changed.
	edit := func(t *testing.T, dir, name string, fn func(string) string) {
		t.Helper()
		edit(t, dir, name, fn)
		changed = append(changed, name)
	}

	steps := []struct {
		name   string
		change func()
		// most pages that may be rendered again; -1 for no limit
		maxRendered int
		maxConvert  int
	}{
		{"nothing changed", func() {}, 0, 0},
		{"edit one article's text", func() {
			edit(t, dir, "content/articles/direct-talks-timeline.md", func(s string) string {
				return strings.Replace(s, "two short bursts", "two brief bursts", 1)
			})
		}, 12, 1},
		{"edit an entry's summary", func() {
			edit(t, dir, "content/glossary/tirana.md", func(s string) string {
				return strings.Replace(s, "summary: \"", "summary: \"Albania's capital. ", 1)
			})
		}, -1, 1},
		{"add an alias: every document is converted again", func() {
			edit(t, dir, "content/glossary/ankara.md", func(s string) string {
				return strings.Replace(s, "kind: place", "kind: place\naliases: [\"the Turkish capital\"]", 1)
			})
		}, -1, -1},
		{"rename an article", func() {
			require.NoError(t, os.Rename(filepath.Join(dir, "content/articles/direct-talks-timeline.md"),
				filepath.Join(dir, "content/articles/talks-timeline.md")))
			changed = append(changed, "content/articles/direct-talks-timeline.md", "content/articles/talks-timeline.md")
			edit(t, dir, "content/articles/istanbul-talks-2025.md", func(s string) string {
				return strings.ReplaceAll(s, "direct-talks-timeline.md", "talks-timeline.md")
			})
		}, -1, -1},
		{"delete an entry", func() {
			edit(t, dir, "content/articles/talks-timeline.md", func(s string) string {
				return strings.ReplaceAll(s, "[That round](glossary:istanbul-talks-2022)", "That round")
			})
			for _, name := range []string{"content/glossary/istanbul-talks-2022.md"} {
				require.NoError(t, os.Remove(filepath.Join(dir, name)))
				changed = append(changed, name)
			}
			// Entries that named it as related must let go.
			entries, err := os.ReadDir(filepath.Join(dir, "content/glossary"))
			require.NoError(t, err)
			for _, e := range entries {
				data, err := os.ReadFile(filepath.Join(dir, "content/glossary", e.Name()))
				require.NoError(t, err)
				if strings.Contains(string(data), `"istanbul-talks-2022"`) {
					edit(t, dir, "content/glossary/"+e.Name(), func(s string) string {
						return strings.NewReplacer(`"istanbul-talks-2022", `, "", `, "istanbul-talks-2022"`, "", `"istanbul-talks-2022"`, "").Replace(s)
					})
				}
			}
		}, -1, -1},
		{"add an article", func() {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "content/articles/new.md"),
				[]byte("---\ntitle: New\ndate: 2025-06-01\n---\nUmerov and Fidan met in Kyiv.\n"), 0o644))
			changed = append(changed, "content/articles/new.md")
		}, -1, 1},
		{"edit a template-free setting: the site title", func() {
			edit(t, dir, "content/site.yaml", func(s string) string {
				return strings.Replace(s, "title: \"", "title: \"New: ", 1)
			})
		}, -1, 0},
	}
	for _, st := range steps {
		changed = []string{}
		st.change()
		inc, err := b.Build(ctx)
		require.NoError(t, err, st.name)
		told, err := watched.BuildChanged(ctx, changed)
		require.NoError(t, err, st.name)
		full, err := Generate(ctx, dir, defaults())
		require.NoError(t, err, st.name)
		require.Equal(t, sortedKeys(full.Files), sortedKeys(inc.Site.Files), st.name)
		require.Equal(t, sortedKeys(full.Files), sortedKeys(told.Site.Files), "%s, told what changed", st.name)
		for name, data := range full.Files {
			require.Equal(t, string(data), string(inc.Site.Files[name]), "%s: %s", st.name, name)
			require.Equal(t, string(data), string(told.Site.Files[name]), "%s, told what changed: %s", st.name, name)
		}
		if st.maxRendered >= 0 {
			assert.LessOrEqual(t, inc.Rendered, st.maxRendered, "%s: pages rendered", st.name)
			assert.Less(t, inc.Rendered, total, "%s: not a full render", st.name)
		}
		if st.maxConvert >= 0 {
			assert.LessOrEqual(t, inc.Converted, st.maxConvert, "%s: documents converted", st.name)
		}
	}
}

func TestIncrementalKeepsGoingAfterAnError(t *testing.T) {
	dir := copySample(t)
	ctx := context.Background()
	b := NewBuilder(dir, defaults())
	_, err := b.Build(ctx)
	require.NoError(t, err)
	good, err := os.ReadFile(filepath.Join(dir, "content/glossary/kyiv.md"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/glossary/kyiv.md"), []byte("---\nname: [\n---\n"), 0o644))
	_, err = b.Build(ctx)
	require.Error(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/glossary/kyiv.md"), good, 0o644))
	inc, err := b.Build(ctx)
	require.NoError(t, err)
	full, err := Generate(ctx, dir, defaults())
	require.NoError(t, err)
	assert.Equal(t, full.Files, inc.Site.Files)
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestBuildChangedKeepsChangesOfBuildsThatCouldNotLoad(t *testing.T) {
	dir := copySample(t)
	ctx := context.Background()
	b := NewBuilder(dir, defaults())
	_, err := b.Build(ctx)
	require.NoError(t, err)

	// The edit is reported to a build that cannot open the site folder;
	// the next build, told of nothing more, still takes it in.
	const name = "content/articles/direct-talks-timeline.md"
	edit(t, dir, name, func(s string) string { return strings.Replace(s, "two short bursts", "two brief bursts", 1) })
	moved := dir + "-moved"
	require.NoError(t, os.Rename(dir, moved))
	_, err = b.BuildChanged(ctx, []string{name})
	require.Error(t, err)
	require.NoError(t, os.Rename(moved, dir))
	r, err := b.BuildChanged(ctx, []string{})
	require.NoError(t, err)
	assert.Equal(t, 1, r.Converted)
	full, err := Generate(ctx, dir, defaults())
	require.NoError(t, err)
	for name, data := range full.Files {
		require.Equal(t, string(data), string(r.Site.Files[name]), name)
	}
}

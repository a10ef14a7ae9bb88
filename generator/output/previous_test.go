package output

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnchangedFilesAreKept: a file with the same bytes as in the last
// build is that build's file (same inode, same time), not a new one; a
// changed file is new, whatever its size.
func TestUnchangedFilesAreKept(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	first := map[string]string{
		"index.html":         "home",
		"a/index.html":       "same",
		"b/index.html":       "abcd",    // same size, other bytes
		"c/index.html":       "short",   // longer
		"d/index.html":       "longer!", // shorter
		"empty.txt":          "",
		"gone/index.html":    "gone",
		"assets/x.1234.css":  "css",
		"articles/deep/x.js": "js",
	}
	w, err := Begin(out)
	require.NoError(t, err)
	for name, data := range first {
		require.NoError(t, w.Write(name, []byte(data)))
	}
	assert.Zero(t, w.Unchanged(), "nothing to keep in a new folder")
	require.NoError(t, w.Commit())
	before := map[string]os.FileInfo{}
	old := time.Now().Add(-time.Hour)
	for name := range first {
		p := filepath.Join(out, filepath.FromSlash(name))
		require.NoError(t, os.Chtimes(p, old, old))
		fi, err := os.Stat(p)
		require.NoError(t, err)
		before[name] = fi
	}

	second := map[string]string{
		"index.html":         "home",
		"a/index.html":       "same",
		"b/index.html":       "wxyz",
		"c/index.html":       "shorter",
		"d/index.html":       "long",
		"empty.txt":          "",
		"assets/x.1234.css":  "css",
		"articles/deep/x.js": "js",
		"new.html":           "new",
	}
	w, err = Begin(out)
	require.NoError(t, err)
	for name, data := range second {
		require.NoError(t, w.Write(name, []byte(data)))
	}
	assert.Equal(t, len(second), w.Files())
	assert.Equal(t, 5, w.Unchanged())
	require.NoError(t, w.Commit())

	want := map[string]string{Marker: markerText}
	for name, data := range second {
		want[name] = data
	}
	assert.Equal(t, want, tree(t, out))
	kept := map[string]bool{"index.html": true, "a/index.html": true, "empty.txt": true, "assets/x.1234.css": true, "articles/deep/x.js": true}
	for name := range second {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		require.NoError(t, err)
		if kept[name] {
			assert.True(t, os.SameFile(before[name], fi), "%s is the last build's file", name)
			assert.True(t, fi.ModTime().Equal(old), "%s keeps its time", name)
		} else if before[name] != nil {
			assert.False(t, os.SameFile(before[name], fi), "%s is written anew", name)
		}
	}
	assert.Empty(t, siblings(t, parent, "public"), "no temporary or old folder is left")
}

// TestUnchangedNotThroughALink: a symbolic link in the last build, even to
// a file with the same bytes, is not kept; the file is written.
func TestUnchangedNotThroughALink(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeFile(t, filepath.Join(out, Marker), markerText)
	outside := filepath.Join(parent, "outside.html")
	// As long as the link's own text, which Lstat gives as its size.
	const data = "<p>a page</p>\n."
	writeFile(t, outside, data)
	// A relative link, which os.Root would follow: it stays inside.
	if err := os.Symlink(filepath.Join("..", "outside.html"), filepath.Join(out, "index.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	w, err := Begin(out)
	require.NoError(t, err)
	require.Len(t, data, len(filepath.Join("..", "outside.html")))
	require.NoError(t, w.Write("index.html", []byte(data)))
	assert.Zero(t, w.Unchanged())
	require.NoError(t, w.Commit())
	fi, err := os.Lstat(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	assert.True(t, fi.Mode().IsRegular(), "a file of its own")
	ofi, err := os.Stat(outside)
	require.NoError(t, err)
	assert.False(t, os.SameFile(fi, ofi))
}

// TestUnchangedOnlyFromGlossOutput: without the marker there is no last
// build to keep files from (Check refuses such a folder when it is not
// empty; Begin alone does not look into it).
func TestUnchangedOnlyFromGlossOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeFile(t, filepath.Join(out, "index.html"), "home")
	w, err := Begin(out)
	require.NoError(t, err)
	require.NoError(t, w.Write("index.html", []byte("home")))
	assert.Zero(t, w.Unchanged())
	w.Abort()
}

// TestUnchangedNotThroughALinkedFolder: nor is a file reached through a
// folder of the last build that is a symbolic link.
func TestUnchangedNotThroughALinkedFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeFile(t, filepath.Join(out, Marker), markerText)
	writeFile(t, filepath.Join(parent, "elsewhere", "index.html"), "page")
	if err := os.Symlink(filepath.Join("..", "elsewhere"), filepath.Join(out, "articles")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	w, err := Begin(out)
	require.NoError(t, err)
	require.NoError(t, w.Write("articles/index.html", []byte("page")))
	assert.Zero(t, w.Unchanged())
	require.NoError(t, w.Commit())
	fi, err := os.Stat(filepath.Join(out, "articles", "index.html"))
	require.NoError(t, err)
	ofi, err := os.Stat(filepath.Join(parent, "elsewhere", "index.html"))
	require.NoError(t, err)
	assert.False(t, os.SameFile(fi, ofi), "not the file outside")
}

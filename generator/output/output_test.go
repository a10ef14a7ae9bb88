package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(data), 0o644))
}

// tree lists the files below dir as slash paths with their contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	}))
	return out
}

// siblings lists the names in parent other than keep.
func siblings(t *testing.T, parent string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if !contains(keep, e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// newSite makes a site folder in a fresh parent and returns both.
func newSite(t *testing.T) (parent, site string) {
	t.Helper()
	parent = t.TempDir()
	site = filepath.Join(parent, "site")
	writeFile(t, filepath.Join(site, "content", "site.yaml"), "title: T\n")
	return parent, site
}

func TestCheckRefuses(t *testing.T) {
	parent, site := newSite(t)
	foreign := filepath.Join(parent, "foreign")
	writeFile(t, filepath.Join(foreign, "notes.txt"), "mine")
	withContent := filepath.Join(parent, "other-site")
	require.NoError(t, os.MkdirAll(filepath.Join(withContent, "content"), 0o755))
	// A content/ folder is refused even beside gloss's marker.
	withBoth := filepath.Join(parent, "both")
	require.NoError(t, os.MkdirAll(filepath.Join(withBoth, "content"), 0o755))
	writeFile(t, filepath.Join(withBoth, Marker), markerText)
	home := filepath.Join(parent, "home")
	require.NoError(t, os.Mkdir(home, 0o755))
	t.Setenv("HOME", home)

	tests := []struct {
		name, out, want string
	}{
		{"the site folder", site, "it holds the site folder"},
		{"the site folder, written another way", site + "/content/..", "it holds the site folder"},
		{"a parent of the site folder", parent, "it holds the site folder"},
		{"the root", "/", "it is the root of the file system"},
		{"the home folder", home, "it is the home folder"},
		{"a folder with content/", withContent, "it holds a content/ folder"},
		{"a folder with content/ and the marker", withBoth, "it holds a content/ folder"},
		{"a foreign non-empty folder", foreign,
			"it is not empty and was not written by gloss (no .gloss-output file); empty it or choose another -out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.out, site)
			require.Error(t, err)
			assert.Equal(t, fmt.Sprintf("refusing to write the site to %s: %s", tt.out, tt.want), err.Error())
		})
	}
}

func TestCheckAccepts(t *testing.T) {
	parent, site := newSite(t)
	empty := filepath.Join(parent, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	previous := filepath.Join(parent, "previous")
	writeFile(t, filepath.Join(previous, Marker), markerText)
	writeFile(t, filepath.Join(previous, "index.html"), "<p>old</p>")
	t.Setenv("HOME", filepath.Join(parent, "elsewhere"))

	for name, out := range map[string]string{
		"missing":                   filepath.Join(parent, "missing"),
		"missing, deeper":           filepath.Join(parent, "a", "b", "c"),
		"empty":                     empty,
		"previous gloss output":     previous,
		"inside the site (default)": filepath.Join(site, "public"),
		"a sibling of the site":     filepath.Join(parent, "site-public"),
	} {
		t.Run(name, func(t *testing.T) {
			assert.NoError(t, Check(out, site))
		})
	}
}

func TestCheckNotAFolder(t *testing.T) {
	parent, site := newSite(t)
	file := filepath.Join(parent, "file")
	writeFile(t, file, "x")
	err := Check(file, site)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "output folder "+file+": "), err.Error())
}

func TestBeginWriteCommitReplacesTheFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeFile(t, filepath.Join(out, Marker), markerText)
	writeFile(t, filepath.Join(out, "old.html"), "old")
	writeFile(t, filepath.Join(out, "articles", "gone", "index.html"), "gone")

	w, err := Begin(out)
	require.NoError(t, err)
	require.NoError(t, w.Write("index.html", []byte("home")))
	require.NoError(t, w.Write("articles/talks/index.html", []byte("talks")))
	require.NoError(t, w.Write("assets/gloss.css", []byte("css")))
	assert.Equal(t, 3, w.Files())
	// Nothing is visible before Commit.
	assert.Equal(t, "old", tree(t, out)["old.html"])

	require.NoError(t, w.Commit())
	assert.Equal(t, map[string]string{
		Marker:                      markerText,
		"index.html":                "home",
		"articles/talks/index.html": "talks",
		"assets/gloss.css":          "css",
	}, tree(t, out))
	assert.Empty(t, siblings(t, parent, "public"), "no temporary or old folder is left")
}

func TestCommitIntoAMissingFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "deep", "er", "public")
	w, err := Begin(out)
	require.NoError(t, err)
	require.NoError(t, w.Write("index.html", []byte("x")))
	require.NoError(t, w.Commit())
	assert.Equal(t, map[string]string{Marker: markerText, "index.html": "x"}, tree(t, out))
	assert.Empty(t, siblings(t, filepath.Dir(out), "public"))
}

func TestAbortKeepsThePreviousOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeFile(t, filepath.Join(out, Marker), markerText)
	writeFile(t, filepath.Join(out, "index.html"), "old")

	w, err := Begin(out)
	require.NoError(t, err)
	require.NoError(t, w.Write("index.html", []byte("new")))
	w.Abort()
	assert.Equal(t, map[string]string{Marker: markerText, "index.html": "old"}, tree(t, out))
	assert.Empty(t, siblings(t, parent, "public"))
}

func TestWriteRefusesNamesOutsideTheFolder(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	require.NoError(t, err)
	defer w.Abort()
	for _, name := range []string{"../x", "/abs", "a/../../b", `a\b`, `..\x`, "", ".."} {
		t.Run(name, func(t *testing.T) {
			err := w.Write(name, []byte("x"))
			require.Error(t, err)
			assert.Equal(t, fmt.Sprintf("refusing to write %q: outside the output folder", name), err.Error())
		})
	}
	assert.Equal(t, 0, w.Files())
	assert.Equal(t, map[string]string{Marker: markerText}, tree(t, w.tmp))
}

func TestWriteLocalDotDotStaysInside(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	require.NoError(t, err)
	defer w.Abort()
	require.NoError(t, w.Write("a/../b.html", []byte("b")))
	assert.Equal(t, "b", tree(t, w.tmp)["b.html"])
}

func TestWriteSameNameTwiceFails(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	require.NoError(t, err)
	defer w.Abort()
	require.NoError(t, w.Write("glossary/kyiv/index.html", []byte("first")))
	err = w.Write("glossary/kyiv/index.html", []byte("second"))
	require.Error(t, err)
	assert.True(t, errors.Is(err, fs.ErrExist), "%v", err)
	assert.True(t, strings.HasPrefix(err.Error(), "write glossary/kyiv/index.html: "), err.Error())
	assert.Equal(t, "first", tree(t, w.tmp)["glossary/kyiv/index.html"])
	assert.Equal(t, 1, w.Files())

	// The marker is written by Begin; a page cannot replace it.
	assert.Error(t, w.Write(Marker, []byte("x")))
}

func TestWriteConcurrently(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	require.NoError(t, err)
	defer w.Abort()
	var wg sync.WaitGroup
	errs := make([]error, 64)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w.Write(fmt.Sprintf("d%d/shared/f%d.html", i%4, i), []byte{byte(i)})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 64, w.Files())
	assert.Len(t, tree(t, w.tmp), 65)
}

func TestStaleTemporaryFoldersAreCleaned(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	stale := []string{".public.tmp-123", ".public.old-456"}
	for _, n := range stale {
		writeFile(t, filepath.Join(parent, n, Marker), markerText)
		writeFile(t, filepath.Join(parent, n, "index.html"), "stale")
	}
	kept := []string{
		".public.tmp-789",  // no marker: not ours
		".other.tmp-1",     // another output folder's
		"public.tmp-2",     // not hidden: not a name gloss uses
		".public.backup-3", // neither tmp nor old
	}
	for _, n := range kept {
		writeFile(t, filepath.Join(parent, n, "keep.txt"), "keep")
	}
	writeFile(t, filepath.Join(parent, ".other.tmp-1", Marker), markerText)
	writeFile(t, filepath.Join(parent, "public.tmp-2", Marker), markerText)
	writeFile(t, filepath.Join(parent, ".public.backup-3", Marker), markerText)

	w, err := Begin(out)
	require.NoError(t, err)
	tmp := filepath.Base(w.tmp)
	assert.True(t, strings.HasPrefix(tmp, ".public.tmp-"), tmp)
	assert.ElementsMatch(t, append([]string{tmp}, kept...), siblings(t, parent),
		"stale folders with the marker are gone, the others are left")
	w.Abort()
	got := siblings(t, parent)
	want := append([]string(nil), kept...)
	sort.Strings(want)
	assert.Equal(t, want, got)
}

func TestWithFailingWrites(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	w, err := Begin(out)
	require.NoError(t, err)
	full := errors.New("no space left on device")
	w.WithFailingWrites(2, full)
	require.NoError(t, w.Write("one.html", []byte("1")))
	require.NoError(t, w.Write("two.html", []byte("2")))
	err = w.Write("three.html", []byte("3"))
	require.Error(t, err)
	assert.ErrorIs(t, err, full)
	assert.Equal(t, "write three.html: no space left on device", err.Error())
	assert.ErrorIs(t, w.Write("four.html", []byte("4")), full, "every later write fails too")
	assert.Equal(t, 2, w.Files())
	_, statErr := os.Stat(filepath.Join(w.tmp, "three.html"))
	assert.ErrorIs(t, statErr, fs.ErrNotExist, "a failed write leaves no file")
	w.Abort()
	_, statErr = os.Stat(out)
	assert.ErrorIs(t, statErr, fs.ErrNotExist)
	assert.Empty(t, siblings(t, parent))
}

func TestWithFailingWritesZero(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	require.NoError(t, err)
	defer w.Abort()
	w.WithFailingWrites(0, fs.ErrPermission)
	assert.ErrorIs(t, w.Write("index.html", nil), fs.ErrPermission)
}

func TestIsWithin(t *testing.T) {
	tests := []struct {
		p, dir string
		want   bool
	}{
		{"/a/b", "/a", true},
		{"/a", "/a", true},
		{"/a/b/c", "/a", true},
		{"/ab", "/a", false},
		{"/a", "/a/b", false},
		{"/x/y", "/a", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, isWithin(filepath.FromSlash(tt.p), filepath.FromSlash(tt.dir)), "%s in %s", tt.p, tt.dir)
	}
}

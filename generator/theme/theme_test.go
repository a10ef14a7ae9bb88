package theme

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

var defaults = fstest.MapFS{
	"templates/base.html":            file("base"),
	"templates/article.html":         file("article"),
	"templates/partials/header.html": file("header"),
	"assets/gloss.css":               file("body{}"),
	"assets/gloss.js":                file("js"),
}

// summary lists files as name, path, data and builtin.
type summary struct {
	Name, Path, Data string
	Builtin          bool
}

func summarize(files []File) []summary {
	out := make([]summary, len(files))
	for i, f := range files {
		out[i] = summary{f.Name, f.Path, string(f.Data), f.Builtin}
	}
	return out
}

func TestFilesDefaultsOnly(t *testing.T) {
	files, err := New(nil, defaults).Files(TemplatesDir)
	require.NoError(t, err)
	assert.Equal(t, []summary{
		{"article.html", "(built-in) templates/article.html", "article", true},
		{"base.html", "(built-in) templates/base.html", "base", true},
		{"partials/header.html", "(built-in) templates/partials/header.html", "header", true},
	}, summarize(files))
}

func TestFilesSiteOverlaysDefaultsByName(t *testing.T) {
	site := fstest.MapFS{
		"templates/article.html":         file("my article"), // changed
		"templates/base.html":            file("base"),       // identical copy
		"templates/partials/footer.html": file("footer"),     // the site's own
		"content/site.yaml":              file("title: x"),   // not part of the theme
	}
	files, err := New(site, defaults).Files(TemplatesDir)
	require.NoError(t, err)
	assert.Equal(t, []summary{
		{"article.html", "templates/article.html", "my article", false},
		{"base.html", "templates/base.html", "base", true},
		{"partials/footer.html", "templates/partials/footer.html", "footer", false},
		{"partials/header.html", "(built-in) templates/partials/header.html", "header", true},
	}, summarize(files))
}

func TestFilesAssets(t *testing.T) {
	site := fstest.MapFS{
		"assets/gloss.css":       file("body{color:red}"),
		"assets/images/kyiv.jpg": file("jpeg"),
	}
	files, err := New(site, defaults).Files(AssetsDir)
	require.NoError(t, err)
	assert.Equal(t, []summary{
		{"gloss.css", "assets/gloss.css", "body{color:red}", false},
		{"gloss.js", "(built-in) assets/gloss.js", "js", true},
		{"images/kyiv.jpg", "assets/images/kyiv.jpg", "jpeg", false},
	}, summarize(files))
}

func TestFilesSiteOnly(t *testing.T) {
	site := fstest.MapFS{"templates/base.html": file("base")}
	files, err := New(site, nil).Files(TemplatesDir)
	require.NoError(t, err)
	assert.Equal(t, []summary{{"base.html", "templates/base.html", "base", false}}, summarize(files),
		"without defaults nothing is built-in")
}

func TestFilesSkipsHiddenFiles(t *testing.T) {
	site := fstest.MapFS{
		"templates/.base.html.swp":     file("swap"),
		"templates/.DS_Store":          file("junk"),
		"templates/.git/config":        file("git"),
		"templates/partials/.hidden":   file("h"),
		"templates/partials/ok.html":   file("ok"),
		"templates/.drafts/new.html":   file("draft"),
		"templates/visible.html":       file("v"),
		"templates/not.hidden/in.html": file("in"),
	}
	files, err := New(site, nil).Files(TemplatesDir)
	require.NoError(t, err)
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"not.hidden/in.html", "partials/ok.html", "visible.html"}, names)
}

func TestFilesMissingFolders(t *testing.T) {
	tests := []struct {
		name           string
		site, defaults fs.FS
	}{
		{"both nil", nil, nil},
		{"both without the folder", fstest.MapFS{"other/x": file("x")}, fstest.MapFS{}},
		{"site without the folder", fstest.MapFS{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, err := New(tt.site, tt.defaults).Files(TemplatesDir)
			require.NoError(t, err)
			assert.Empty(t, files)
		})
	}
	t.Run("a missing site folder still gives the defaults", func(t *testing.T) {
		files, err := New(fstest.MapFS{}, defaults).Files(AssetsDir)
		require.NoError(t, err)
		assert.Len(t, files, 2)
	})
}

func TestFilesOnRealFolders(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "templates", "partials"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "templates", "base.html"), []byte("base"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "templates", "partials", "header.html"), []byte("mine"), 0o644))
	files, err := New(os.DirFS(dir), defaults).Files(TemplatesDir)
	require.NoError(t, err)
	assert.Equal(t, []summary{
		{"article.html", "(built-in) templates/article.html", "article", true},
		{"base.html", "templates/base.html", "base", true},
		{"partials/header.html", "templates/partials/header.html", "mine", false},
	}, summarize(files))
}

// errFS fails to open one file.
type errFS struct {
	files fstest.MapFS
	bad   string
}

func (e errFS) Open(name string) (fs.File, error) {
	if name == e.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return e.files.Open(name)
}

func TestFilesReadError(t *testing.T) {
	site := errFS{files: fstest.MapFS{"templates/base.html": file("base")}, bad: "templates/base.html"}
	_, err := New(site, defaults).Files(TemplatesDir)
	require.Error(t, err)
	assert.True(t, errors.Is(err, fs.ErrPermission), "%v", err)
}

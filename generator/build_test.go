package generator

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/glossdev/gloss/_benchmark/corpusgen"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/scratch"
	"github.com/glossdev/gloss/generator/output"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// repoRoot is the repository, which is also the sample site and holds the
// default theme.
const repoRoot = ".."

func defaults() Option { return WithDefaults(os.DirFS(repoRoot)) }

// buildSample builds the sample site into a fresh folder and returns it.
func buildSample(t *testing.T, opts ...Option) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), repoRoot, append([]Option{WithOutput(out), defaults()}, opts...)...)
	require.NoError(t, err)
	return out
}

// readTree returns every file below dir by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	}))
	return files
}

func TestBuildSampleSite(t *testing.T) {
	files := readTree(t, buildSample(t))
	for _, want := range []string{
		"index.html", "404.html", output.Marker,
		"articles/istanbul-talks-2025/index.html", "articles/direct-talks-timeline/index.html",
		"glossary/index.html", "glossary/vladimir-medinsky/index.html", "glossary/istanbul/index.html",
	} {
		assert.Contains(t, files, want)
	}
	home := files["index.html"]
	// Newest first.
	assert.Less(t, strings.Index(home, "direct-talks-timeline"), strings.Index(home, "istanbul-talks-2025"))
	// Raw YAML never reaches a page.
	for name, data := range files {
		assert.NotContains(t, data, "annotations:", name)
		assert.NotContains(t, data, "\n---\n", name)
	}
	// The cross-article link written as a Markdown file link is rewritten.
	assert.Contains(t, files["articles/istanbul-talks-2025/index.html"], `href="../direct-talks-timeline/"`)
	assert.Contains(t, files["articles/istanbul-talks-2025/index.html"], `href="../../glossary/ankara/"`)
}

func TestMinify(t *testing.T) {
	small := readTree(t, buildSample(t))
	big := readTree(t, buildSample(t, WithMinify(false)))
	page := "articles/istanbul-talks-2025/index.html"
	assert.Less(t, len(small[page]), len(big[page]))
	assert.NotContains(t, small[page], "\n  <")
	var css string
	for name, data := range small {
		if strings.HasPrefix(name, "assets/gloss.") && strings.HasSuffix(name, ".css") {
			css = data
		}
	}
	require.NotEmpty(t, css)
	assert.NotContains(t, css, "/*", "comments are gone")
	assert.Contains(t, small[page], `integrity="sha384-`)
}

func TestBuildIsDeterministic(t *testing.T) {
	a, b := readTree(t, buildSample(t)), readTree(t, buildSample(t))
	require.Equal(t, len(a), len(b))
	for name := range a {
		assert.Equal(t, a[name], b[name], name)
	}
}

// TestGoldenPages compares rendered sample pages with testdata/golden; run
// go test ./generator -update to rewrite them after an intended change.
func TestGoldenPages(t *testing.T) {
	files := readTree(t, buildSample(t, WithMinify(false)))
	for _, page := range []string{
		"index.html",
		"articles/istanbul-talks-2025/index.html",
		"glossary/index.html",
		"glossary/vladimir-medinsky/index.html",
		"glossary/istanbul/index.html",
		"404.html",
	} {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(page))
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			require.NoError(t, os.WriteFile(golden, []byte(files[page]), 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err, "missing golden file; run go test ./generator -update")
		assert.Equal(t, string(want), files[page], "page %s differs from %s; run go test ./generator -update if the change is intended", page, golden)
	}
}

// testSite writes a small site into a temporary folder.
func testSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	base := map[string]string{
		"content/site.yaml":        "title: Test\nbaseURL: https://example.org/\n",
		"content/articles/a.md":    "---\ntitle: A\ndate: 2025-05-16\n---\nSee [B](b.md) and [Kyiv](glossary:kyiv).\n",
		"content/articles/b.md":    "---\ntitle: B\ndate: 2025-05-17\n---\nBody of B.\n",
		"content/glossary/kyiv.md": "---\nname: Kyiv\nkind: place\n---\nCapital.\n",
	}
	for k, v := range files {
		base[k] = v
	}
	for name, data := range base {
		if data == "" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	return dir
}

func diagnostics(t *testing.T, err error) []string {
	t.Helper()
	var errs *diag.Errors
	require.ErrorAs(t, err, &errs)
	var out []string
	for _, d := range errs.List {
		out = append(out, d.String())
	}
	return out
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	dir := testSite(t, nil)
	out := filepath.Join(dir, "public")
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	before := readTree(t, out)

	// A content error: nothing is written.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/articles/b.md"), []byte("---\ntitle: B\n---\n"), 0o644))
	_, err = Build(context.Background(), dir, defaults())
	assert.Equal(t, []string{`content/articles/b.md:2:1: front matter: missing required key "date"`}, diagnostics(t, err))
	assert.Equal(t, before, readTree(t, out))

	// A full disk, or a folder that turns read-only, halfway through: the
	// previous output survives and no temporary folder is left behind.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content/articles/b.md"), []byte("---\ntitle: B2\ndate: 2025-05-17\n---\n"), 0o644))
	for _, errno := range []error{syscall.ENOSPC, syscall.EROFS, syscall.EACCES} {
		_, err = Build(context.Background(), dir, defaults(), withFailingWrites(3, errno))
		require.ErrorIs(t, err, errno)
		assert.Equal(t, before, readTree(t, out))
	}

	// An interrupted build: same.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Build(ctx, dir, defaults())
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, before, readTree(t, out))

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".public."), "left behind: %s", e.Name())
	}

	// And a good build replaces it.
	_, err = Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	assert.Contains(t, readTree(t, out)["articles/b/index.html"], "B2")
}

func TestOutputFolderRefusals(t *testing.T) {
	dir := testSite(t, nil)
	stranger := filepath.Join(t.TempDir(), "stranger")
	require.NoError(t, os.MkdirAll(stranger, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(stranger, "keep.txt"), []byte("mine"), 0o644))
	home, _ := os.UserHomeDir()
	tests := []struct{ out, want string }{
		{dir, "it holds the site folder"},
		{filepath.Dir(dir), "it holds the site folder"},
		{"/", "it is the root of the file system"},
		{home, "it is the home folder"},
		{stranger, "it is not empty and was not written by gloss"},
	}
	for _, tt := range tests {
		_, err := Build(context.Background(), dir, defaults(), WithOutput(tt.out))
		require.Error(t, err, tt.out)
		assert.Contains(t, err.Error(), tt.want)
	}
	data, err := os.ReadFile(filepath.Join(stranger, "keep.txt"))
	require.NoError(t, err)
	assert.Equal(t, "mine", string(data))
}

func TestMarkdownLinkErrors(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\n---\nIntro.\n\nSee [the missing one](missing.md) and\n[someone](glossary:nobody).\n",
	})
	_, err := Build(context.Background(), dir, defaults())
	assert.Equal(t, []string{
		"content/articles/a.md:7:5: link to content/articles/missing.md, which is not an article of this site\n\thint: link to another article by its file name, relative to this file: [see](other-article.md)",
		"content/articles/a.md:8:1: explicit reference to unknown glossary entry \"nobody\"\n\thint: entry ids are the file names in content/glossary, without .md",
	}, diagnostics(t, err))
}

func TestTemplateErrors(t *testing.T) {
	t.Run("syntax", func(t *testing.T) {
		dir := testSite(t, map[string]string{"templates/article.html": "{{define \"content\"}}\n<p>{{.Title</p>\n{{end}}\n"})
		_, err := Build(context.Background(), dir, defaults())
		got := diagnostics(t, err)
		require.Len(t, got, 1)
		assert.Regexp(t, `^templates/article.html:2: `, got[0])
	})
	t.Run("runtime", func(t *testing.T) {
		dir := testSite(t, map[string]string{"templates/article.html": "{{define \"content\"}}\n<p>{{.Nope}}</p>\n{{end}}\n"})
		_, err := Build(context.Background(), dir, defaults())
		got := diagnostics(t, err)
		require.Len(t, got, 1, "one message for a template that fails on every page")
		assert.Regexp(t, `^templates/article.html:2:6: .*can't evaluate field Nope`, got[0])
	})
}

func TestRawHTMLIsOmittedUnlessAllowed(t *testing.T) {
	body := "---\ntitle: A\ndate: 2025-05-16\n---\nHello <script>alert(1)</script> [x](javascript:alert(1))\n"
	dir := testSite(t, map[string]string{"content/articles/a.md": body})
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	page := readTree(t, filepath.Join(dir, "public"))["articles/a/index.html"]
	assert.NotContains(t, page, "<script>alert")
	assert.NotContains(t, page, "javascript:")

	dir = testSite(t, map[string]string{"content/articles/a.md": body,
		"content/site.yaml": "title: T\nbaseURL: https://example.org/\nunsafe_html: true\n"})
	_, err = Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	assert.Contains(t, readTree(t, filepath.Join(dir, "public"))["articles/a/index.html"], "<script>alert(1)</script>")
}

func TestBuildFromMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"content/site.yaml":        {Data: []byte("title: Mem\nbaseURL: https://example.org/news/\n")},
		"content/glossary/kyiv.md": {Data: []byte("---\nname: Kyiv\nkind: place\n---\n")},
	}
	out := filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), t.TempDir(), WithSiteFS(fsys), WithOutput(out), defaults())
	require.NoError(t, err)
	assert.Equal(t, 5, res.Pages)
	page := readTree(t, out)["glossary/kyiv/index.html"]
	assert.Contains(t, page, `<link rel="canonical" href="https://example.org/news/glossary/kyiv/">`)
}

func TestMissingSiteFolder(t *testing.T) {
	_, err := Build(context.Background(), filepath.Join(t.TempDir(), "nope"), defaults())
	require.Error(t, err)
	assert.True(t, errors.Is(err, fs.ErrNotExist), err)
}

func writeFile(dir, name, data string) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(data), 0o644)
}

// TestBuildEqualsGenerate: a one-shot build, which keeps articles' HTML and
// text in a scratch file and lets go of them as it writes, writes what a
// build held in memory makes, for the sample site and a generated one with
// more articles than the feed shows.
func TestBuildEqualsGenerate(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	require.NoError(t, corpusgen.Write(corpus, corpusgen.Options{Articles: 60, Entries: 12}))
	// Some articles without a summary, whose search snippet comes from
	// their text.
	articles, err := filepath.Glob(filepath.Join(corpus, "content", "articles", "*.md"))
	require.NoError(t, err)
	for _, p := range articles[:20] {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		without := regexp.MustCompile(`(?m)^summary: .*\n`).ReplaceAll(src, nil)
		require.Less(t, len(without), len(src), p)
		require.NoError(t, os.WriteFile(p, without, 0o644))
	}
	// Texts shorter than a snippet, which is then the whole text.
	for i, text := range []string{"A short text.", "Another, as short."} {
		p := filepath.Join(corpus, "content", "articles", fmt.Sprintf("short-%d.md", i))
		require.NoError(t, os.WriteFile(p, fmt.Appendf(nil, "---\ntitle: Short %d\ndate: 2025-05-1%d\n---\n\n%s\n", i, i, text), 0o644))
	}
	for name, src := range map[string]string{"sample": repoRoot, "corpus": corpus} {
		t.Run(name, func(t *testing.T) {
			want, err := Generate(context.Background(), src, defaults())
			require.NoError(t, err)
			sf, err := scratch.Create(t.TempDir())
			require.NoError(t, err)
			defer sf.Close()
			out := filepath.Join(t.TempDir(), "public")
			_, err = Build(context.Background(), src, WithOutput(out), defaults(), withScratch(sf))
			require.NoError(t, err)
			assert.Positive(t, sf.Size(), "the bodies and texts went through the scratch file")
			got := readTree(t, out)
			delete(got, output.Marker)
			require.Equal(t, slices.Sorted(maps.Keys(want.Files)), slices.Sorted(maps.Keys(got)))
			for name, data := range want.Files {
				if string(data) != got[name] {
					t.Errorf("%s differs", name)
				}
			}
		})
	}
}

// TestBuildKeepsUnchangedFiles: building again into the same folder keeps
// every file whose bytes did not change as it was (the same file, with its
// time); after an edit to one article, only the files that show it are
// written again.
func TestBuildKeepsUnchangedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot, "content"))))
	src := filepath.Dir(dir)
	require.NoError(t, os.Rename(dir, filepath.Join(src, "content")))
	out := filepath.Join(t.TempDir(), "public")
	build := func() *Result {
		t.Helper()
		res, err := Build(context.Background(), src, WithOutput(out), defaults())
		require.NoError(t, err)
		return res
	}
	first := build()
	assert.Zero(t, first.Unchanged)
	page := filepath.Join(out, "articles", "istanbul-talks-2025", "index.html")
	home := filepath.Join(out, "glossary", "index.html")
	before := map[string]os.FileInfo{}
	for _, p := range []string{page, home} {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		before[p] = fi
	}

	again := build()
	assert.Equal(t, first.Files-1, again.Unchanged, "every file but the marker is kept")
	for p, fi := range before {
		now, err := os.Stat(p)
		require.NoError(t, err)
		assert.True(t, os.SameFile(fi, now), p)
	}

	article := filepath.Join(src, "content", "articles", "istanbul-talks-2025.md")
	data, err := os.ReadFile(article)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(article, append(data, []byte("\nOne more sentence.\n")...), 0o644))
	edited := build()
	assert.Less(t, edited.Unchanged, again.Unchanged)
	assert.Greater(t, edited.Unchanged, again.Unchanged/2, "most files do not show the article's text")
	now, err := os.Stat(page)
	require.NoError(t, err)
	assert.False(t, os.SameFile(before[page], now), "the article's page is written again")
	got, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(got), "One more sentence.")
	now, err = os.Stat(home)
	require.NoError(t, err)
	assert.True(t, os.SameFile(before[home], now), "the glossary does not show it")
}

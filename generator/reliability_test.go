package generator

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// TestBadInputKeepsOutput builds a good site, then each bad input in turn:
// every build must fail with exactly the expected messages and leave the
// previous output as it was.
func TestBadInputKeepsOutput(t *testing.T) {
	dir := testSite(t, nil)
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	out := filepath.Join(dir, "public")
	before := readTree(t, out)

	long := strings.Repeat("x", 5000)
	manyAnnotations := "---\ntitle: A\ndate: 2025-05-16\nannotations:\n" + strings.Repeat("  - {quote: q, note: n}\n", 10000) + "---\nq\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"tags not a list", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\ntags: \"a\"\n---\n"},
			[]string{"content/articles/a.md:4:7: tags: want a list of text values, got \"a\"\n\thint: write a list: tags: [\"a\"]"}},
		{"slug with a slash", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nslug: a/b\n---\n"},
			[]string{"content/articles/a.md:4:7: slug: \"a/b\" is not valid (lower-case letters, digits and single hyphens)\n\thint: try slug: a-b"}},
		{"slug with a backslash", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nslug: 'a\\b'\n---\n"},
			[]string{"content/articles/a.md:4:7: slug: \"a\\\\b\" is not valid (lower-case letters, digits and single hyphens)\n\thint: try slug: a-b"}},
		{"slug with a drive letter", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nslug: 'c:x'\n---\n"},
			[]string{"content/articles/a.md:4:7: slug: \"c:x\" is not valid (lower-case letters, digits and single hyphens)\n\thint: try slug: c-x"}},
		{"slug URL-encoded", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nslug: '%2e%2e'\n---\n"},
			[]string{"content/articles/a.md:4:7: slug: \"%2e%2e\" is not valid (lower-case letters, digits and single hyphens)\n\thint: try slug: 2e-2e"}},
		{"slug with a look-alike slash", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nslug: a∕b\n---\n"},
			[]string{"content/articles/a.md:4:7: slug: \"a∕b\" is not valid (lower-case letters, digits and single hyphens)\n\thint: try slug: a-b"}},
		{"reserved id", map[string]string{"content/glossary/assets.md": "---\nname: Assets\nkind: event\n---\n"},
			[]string{"content/glossary/assets.md:1:1: the file name gives the id \"assets\", which is not valid (lower-case letters, digits and single hyphens, not a reserved name)\n\thint: index, assets and 404 are reserved; rename the file"}},
		{"case-only collision", map[string]string{"content/glossary/Kyiv.md": "---\nname: Kyiv 2\nkind: place\n---\n"},
			[]string{"content/glossary/Kyiv.md:1:1: the file name gives the id \"Kyiv\", which is not valid (lower-case letters, digits and single hyphens, not a reserved name)\n\thint: rename the file to kyiv.md"}},
		{"alias too long", map[string]string{"content/glossary/kyiv.md": "---\nname: Kyiv\nkind: place\naliases: [" + long + "]\n---\n"},
			[]string{"content/glossary/kyiv.md:4:11: aliases: an alias of 5000 characters; the limit is 200"}},
		{"too many annotations", map[string]string{"content/articles/a.md": manyAnnotations},
			[]string{"content/articles/a.md:5:3: annotations: 10000 annotations; the limit is 1000 per article"}},
		{"file too large", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\n---\n" + strings.Repeat("word ", 4<<20)},
			[]string{"content/articles/a.md: the file is larger than the limit of 8 MiB\n\thint: split it into several articles"}},
		{"unknown annotation quote", map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nannotations:\n  - {quote: \"not here\", note: n}\n---\nSomething else.\n"},
			[]string{"content/articles/a.md:5:13: quote \"not here\" not found in the article\n\thint: copy the quote from the article as it reads"}},
		{"template syntax error", map[string]string{"templates/index.html": "{{define \"content\"}}{{if}}{{end}}"},
			[]string{"templates/index.html:1: missing value for if"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, data := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
				old, err := os.ReadFile(p)
				require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
				t.Cleanup(func() {
					if err == nil {
						_ = os.WriteFile(p, old, 0o644)
					} else {
						_ = os.Remove(p)
					}
				})
			}
			start := time.Now()
			_, err := Build(context.Background(), dir, defaults())
			assert.Less(t, time.Since(start), 20*time.Second, "bounded time")
			assert.Equal(t, tt.want, diagnostics(t, err))
			assert.Equal(t, before, readTree(t, out), "the previous output is untouched")
		})
	}
}

// TestLargeAndDeepInputs checks inputs that are big or deeply nested but
// within the limits: they build, in bounded time.
func TestLargeAndDeepInputs(t *testing.T) {
	tests := map[string]string{
		"100,000 lines":     strings.Repeat("Kyiv line.\n", 100_000),
		"deep lists":        strings.Repeat("- ", 10_000) + "Kyiv\n",
		"deep block quotes": strings.Repeat(">", 10_000) + " Kyiv\n",
		"deep emphasis":     strings.Repeat("*", 5_000) + "Kyiv" + strings.Repeat("*", 5_000) + "\n",
		"many brackets":     strings.Repeat("[", 20_000) + "Kyiv" + strings.Repeat("]", 20_000) + "\n",
		"many mentions":     strings.Repeat("Kyiv and Kyiv's Kyiv. ", 20_000) + "\n",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			dir := testSite(t, map[string]string{"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\nautolink: all\n---\n" + body})
			start := time.Now()
			_, err := Build(context.Background(), dir, defaults())
			require.NoError(t, err)
			assert.Less(t, time.Since(start), 20*time.Second)
		})
	}
}

func TestRelatedCycleIsFine(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/glossary/kyiv.md":   "---\nname: Kyiv\nkind: place\nrelated: [moscow]\n---\n",
		"content/glossary/moscow.md": "---\nname: Moscow\nkind: place\nrelated: [kyiv]\n---\n",
	})
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	page := readTree(t, filepath.Join(dir, "public"))["glossary/kyiv/index.html"]
	assert.Contains(t, page, "Moscow")
}

// faultyFS wraps a file system and fails some operations, as a disk, a
// permission or a concurrent deletion would.
type faultyFS struct {
	fs.FS
	fail map[string]error
}

func (f faultyFS) Open(name string) (fs.File, error) {
	if err, ok := f.fail[name]; ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.FS.Open(name)
}

func TestFileSystemFaults(t *testing.T) {
	base := fstest.MapFS{
		"content/site.yaml":          {Data: []byte("title: T\nbaseURL: https://example.org/\n")},
		"content/articles/a.md":      {Data: []byte("---\ntitle: A\ndate: 2025-05-16\n---\n")},
		"content/articles/gone.md":   {Data: []byte("---\ntitle: G\ndate: 2025-05-16\n---\n")},
		"content/glossary/secret.md": {Data: []byte("---\nname: S\nkind: place\n---\n")},
		"content/glossary/sub/x.md":  {Data: []byte("---\nname: X\nkind: place\n---\n")},
	}
	fsys := faultyFS{FS: base, fail: map[string]error{
		"content/articles/gone.md":   fs.ErrNotExist,   // deleted between listing and reading
		"content/glossary/secret.md": fs.ErrPermission, // unreadable file
		"content/glossary/sub":       fs.ErrPermission, // unreadable folder
	}}
	out := filepath.Join(t.TempDir(), "out")
	_, err := Build(context.Background(), t.TempDir(), WithSiteFS(fsys), WithOutput(out), defaults())
	assert.Equal(t, []string{
		"content/articles/gone.md: cannot read: file does not exist",
		"content/glossary/secret.md: cannot read: permission denied",
		"content/glossary/sub: cannot read: permission denied",
	}, diagnostics(t, err))
	_, statErr := os.Stat(out)
	assert.True(t, errors.Is(statErr, fs.ErrNotExist), "nothing written")
}

func TestSymlinksDoNotLeaveTheSite(t *testing.T) {
	dir := testSite(t, nil)
	outside := filepath.Join(t.TempDir(), "outside.md")
	require.NoError(t, os.WriteFile(outside, []byte("---\ntitle: Secret\ndate: 2025-05-16\n---\nsecret\n"), 0o644))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "content/articles/leak.md")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "content"), filepath.Join(dir, "content/articles/loop")))
	res, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	assert.Equal(t, "content/articles/leak.md: warning: skipped: symbolic links are not followed", res.Warnings[0].String())
	_, err = os.Stat(filepath.Join(dir, "public/articles/leak"))
	assert.True(t, os.IsNotExist(err))
}

// TestInjectionIsEscaped puts markup and script URLs in every field a
// writer controls and checks that no page, feed or data file carries them
// live.
func TestInjectionIsEscaped(t *testing.T) {
	x := `<script>alert(1)</script>"onmouseover="alert(2)`
	dir := testSite(t, map[string]string{
		"content/site.yaml": "title: '" + x + "'\nbaseURL: https://example.org/\ndescription: '" + x + "'\n",
		"content/articles/a.md": "---\ntitle: '" + x + "'\ndate: 2025-05-16\nsummary: '" + x + "'\ndateline: '" + x + "'\nauthors: ['" + x + "']\n" +
			"annotations:\n  - quote: Kyiv\n    note: '" + x + " [j](javascript:alert(3)) [d](data:text/html,x)'\n    source: {title: '" + x + "', url: 'https://example.org/?q=\"><script>'}\n---\n" +
			"Kyiv " + x + " [j](javascript:alert(4)) ![i](data:image/svg+xml,x) <img src=x onerror=alert(5)>\n",
		"content/glossary/kyiv.md": "---\nname: 'Kyiv'\nkind: place\nrole: '" + x + "'\nsummary: '" + x + "'\nfacts: [{label: '" + x + "', value: '" + x + "'}]\n" +
			"links: [{title: '" + x + "', url: 'https://example.org/\"onmouseover=\"x'}]\n---\n" + x + "\n",
	})
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	for name, data := range readTree(t, filepath.Join(dir, "public")) {
		switch {
		case strings.HasSuffix(name, ".html"):
			assertInert(t, name, data)
		case strings.HasSuffix(name, ".xml"), strings.HasSuffix(name, ".json"), strings.HasSuffix(name, ".jsonld"):
			// Markup in data files is text: XML escapes it, JSON escapes
			// <, > and &.
			assert.NotContains(t, data, "<script>", name)
			assert.NotContains(t, data, `href="javascript:`, name)
		}
	}
}

// assertInert parses an HTML page as a browser would and checks that it runs
// no script but gloss's own, has no event-handler attributes and no
// javascript: or data: links.
func assertInert(t *testing.T, name, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err, name)
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			assert.False(t, strings.HasPrefix(strings.ToLower(a.Key), "on"), "%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			if n.Data == "link" && attr(n, "rel") == "icon" && a.Val == "data:," {
				continue // the template's empty icon, which saves a request
			}
			if a.Key == "href" || a.Key == "src" || a.Key == "action" {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				assert.False(t, strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:"), "%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "script" {
			src, typ := attr(n, "src"), attr(n, "type")
			body := ""
			if n.FirstChild != nil {
				body = n.FirstChild.Data
			}
			ours := strings.Contains(src, "assets/") || typ == "application/ld+json" ||
				body == `document.documentElement.classList.add("js")`
			assert.True(t, ours, "%s: a script gloss did not write: %s %q", name, src, body)
			if typ == "application/ld+json" {
				var v any
				assert.NoError(t, json.Unmarshal([]byte(body), &v), "%s: JSON-LD whole", name)
			}
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

package urls

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "", "./"},
		{"", "articles/a/", "articles/a/"},
		{"articles/a/", "", "../../"},
		{"articles/a/", "articles/b/", "../b/"},
		{"articles/a/", "articles/a/", "./"},
		{"articles/a/", "glossary/kyiv/", "../../glossary/kyiv/"},
		{"articles/a/", "glossary/kyiv/#m-kyiv-1", "../../glossary/kyiv/#m-kyiv-1"},
		{"articles/a/", "articles/a/#x", "./#x"},
		{"glossary/", "glossary/kyiv/", "kyiv/"},
		{"glossary/kyiv/", "glossary/", "../"},
		{"glossary/kyiv/", "assets/gloss.css", "../../assets/gloss.css"},
		{"404.html", "assets/gloss.css", "assets/gloss.css"},
		{"", "a:b/", "./a:b/"},
	}
	for _, tt := range tests {
		t.Run(tt.from+"→"+tt.to, func(t *testing.T) {
			assert.Equal(t, tt.want, Rel(tt.from, tt.to))
			// The relative URL must resolve back to the target.
			base, _ := url.Parse("https://example.org/sub/dir/")
			from := base.ResolveReference(&url.URL{Path: tt.from})
			rel, err := url.Parse(Rel(tt.from, tt.to))
			require.NoError(t, err)
			assert.Equal(t, Abs(base, tt.to), from.ResolveReference(rel).String())
		})
	}
}

func TestPaths(t *testing.T) {
	assert.Equal(t, "articles/x/index.html", File(Article("x")))
	assert.Equal(t, "index.html", File(Home))
	assert.Equal(t, "404.html", File(NotFound))
	assert.Equal(t, "glossary/kyiv/index.html", File(Entry("kyiv")))
	base, _ := url.Parse("https://example.org/news/")
	assert.Equal(t, "https://example.org/news/glossary/kyiv/", Abs(base, Entry("kyiv")))
	assert.Equal(t, "/news/assets/a.css", Rooted(base, Asset("a.css")))
}

// FuzzRel checks that a relative link always leads back to its target.
func FuzzRel(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"articles/a/", "glossary/b/"}, {"404.html", "a:b/"}, {"a/b/c/", "a/b/#x"}} {
		f.Add(s[0], s[1])
	}
	base, _ := url.Parse("https://example.org/sub/")
	f.Fuzz(func(t *testing.T, from, to string) {
		if !sitePath(from) || !sitePath(to) {
			return
		}
		rel, err := url.Parse(Rel(from, to))
		if err != nil {
			t.Fatalf("Rel(%q, %q) = %q: %v", from, to, Rel(from, to), err)
		}
		fromPath, _, _ := strings.Cut(from, "#") // the page a link leaves from
		got := base.ResolveReference(&url.URL{Path: fromPath}).ResolveReference(rel)
		want, err := url.Parse(Abs(base, to))
		if err != nil {
			t.Fatal(err)
		}
		// Compare decoded: escaping may differ between equal URLs.
		if got.Path != want.Path || got.Fragment != want.Fragment || got.Host != want.Host {
			t.Fatalf("Rel(%q, %q) = %q resolves to %s, want %s", from, to, Rel(from, to), got, want)
		}
	})
}

// sitePath reports whether p is a path this package makes: segments of
// [a-z0-9.:-], no empty, "." or ".." segment, an optional #fragment.
func sitePath(p string) bool {
	if i := strings.IndexByte(p, '#'); i >= 0 {
		if strings.ContainsAny(p[i+1:], "#%") {
			return false
		}
		p = p[:i]
	}
	if p == "" {
		return true
	}
	segs := strings.Split(strings.TrimSuffix(p, "/"), "/")
	for _, s := range segs {
		if s == "" || s == "." || s == ".." {
			return false
		}
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == ':') {
				return false
			}
		}
	}
	return true
}

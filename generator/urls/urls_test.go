package urls

import (
	"net/url"
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

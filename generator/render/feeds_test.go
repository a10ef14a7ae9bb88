package render

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseFeed(t *testing.T, data []byte) atomFeed {
	t.Helper()
	require.True(t, strings.HasPrefix(string(data), xml.Header), "starts with the XML declaration")
	var f atomFeed
	require.NoError(t, xml.Unmarshal(data, &f))
	return f
}

func TestFeed(t *testing.T) {
	data, err := Feed(linked(t, siteFiles()))
	require.NoError(t, err)
	f := parseFeed(t, data)
	assert.Equal(t, "http://www.w3.org/2005/Atom", f.XMLName.Space)
	assert.Equal(t, "Gloss Test", f.Title)
	assert.Equal(t, "Who is who.", f.Subtitle)
	assert.Equal(t, "https://example.org/news/", f.ID)
	assert.Equal(t, "2025-05-18T00:00:00Z", f.Updated, "the newest change, updates included")
	assert.Equal(t, "Gloss Test", f.Author.Name)
	assert.Equal(t, []atomLink{
		{Rel: "alternate", Type: "text/html", Href: "https://example.org/news/"},
		{Rel: "self", Type: "application/atom+xml", Href: "https://example.org/news/feed.xml"},
	}, f.Links)
	assert.Contains(t, string(data), `xml:lang="en"`)

	require.Len(t, f.Entries, 3)
	var titles []string
	for _, e := range f.Entries {
		titles = append(titles, e.Title)
	}
	assert.Equal(t, []string{"Talks about Kyiv", "Older", "Plain"}, titles, "newest first")

	talks := f.Entries[0]
	assert.Equal(t, "https://example.org/news/articles/talks/", talks.ID)
	assert.Equal(t, atomLink{Rel: "alternate", Type: "text/html", Href: "https://example.org/news/articles/talks/"}, talks.Link)
	assert.Equal(t, "2025-05-16T00:00:00Z", talks.Published)
	assert.Equal(t, "2025-05-18T00:00:00Z", talks.Updated)
	assert.Equal(t, []atomPerson{{"Ann Lee"}, {"Bo Chen"}}, talks.Authors)
	assert.Equal(t, []atomCategory{{"diplomacy"}, {"war"}}, talks.Categories)
	require.NotNil(t, talks.Summary)
	assert.Equal(t, atomText{Type: "text", Body: "Who met whom."}, *talks.Summary)
	assert.Equal(t, "html", talks.Content.Type)

	body := talks.Content.Body
	for _, want := range []string{
		`href="https://example.org/news/glossary/putin/"`,
		`href="https://example.org/news/articles/older/"`,
		`src="https://example.org/news/articles/talks/map.png"`,
		`href="https://example.org/news/articles/talks/#fn:1"`,
		`href="https://example.com/x?a=1&amp;b=2"`,
	} {
		assert.Contains(t, body, want)
	}
	assert.NotContains(t, body, `="../`)
	assert.NotContains(t, body, `="#`)

	older := f.Entries[1]
	assert.Nil(t, older.Summary, "no summary element without a summary")
	assert.Equal(t, older.Published, older.Updated)
	assert.Empty(t, older.Authors)
}

// handSite is a linked site of n articles, one a day, newest first.
func handSite(t *testing.T, n int) *link.Site {
	t.Helper()
	base, err := config.ParseBaseURL("https://example.org/")
	require.NoError(t, err)
	s := &link.Site{Config: &config.Site{Title: "Hand", BaseURL: base, Language: "uk"}}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		slug := fmt.Sprintf("a%03d", i)
		s.Articles = append(s.Articles, &link.Article{
			Article: &content.Article{Title: slug, Slug: slug, Date: day.AddDate(0, 0, n-i)},
			Page:    urls.Article(slug),
			Body:    `<p><a href="../a000/">first</a></p>`,
		})
	}
	return s
}

func TestFeedSize(t *testing.T) {
	data, err := Feed(handSite(t, feedSize+5))
	require.NoError(t, err)
	f := parseFeed(t, data)
	require.Len(t, f.Entries, feedSize)
	assert.Equal(t, "a000", f.Entries[0].Title)
	assert.Equal(t, fmt.Sprintf("a%03d", feedSize-1), f.Entries[feedSize-1].Title)
	assert.Contains(t, f.Entries[3].Content.Body, `href="https://example.org/articles/a000/"`)
	assert.Contains(t, string(data), `xml:lang="uk"`)
}

func TestFeedEmptySite(t *testing.T) {
	data, err := Feed(handSite(t, 0))
	require.NoError(t, err)
	f := parseFeed(t, data)
	assert.Empty(t, f.Entries)
	assert.Equal(t, "2000-01-01T00:00:00Z", f.Updated, "a fixed date, not the time of the build")
}

func TestFeedEscapesText(t *testing.T) {
	s := handSite(t, 1)
	s.Articles[0].Title = `Fish & "chips" <b>`
	s.Articles[0].Summary = "a < b"
	data, err := Feed(s)
	require.NoError(t, err)
	f := parseFeed(t, data)
	assert.Equal(t, `Fish & "chips" <b>`, f.Entries[0].Title)
	assert.Equal(t, "a < b", f.Entries[0].Summary.Body)
}

func TestAbsolutize(t *testing.T) {
	base, err := url.Parse("https://example.org/news/articles/talks/")
	require.NoError(t, err)
	tests := []struct {
		name, in, want string
	}{
		{"relative link", `<a href="../older/">x</a>`, `<a href="https://example.org/news/articles/older/">x</a>`},
		{"up to the root", `<a href="../../glossary/kyiv/">x</a>`, `<a href="https://example.org/news/glossary/kyiv/">x</a>`},
		{"fragment", `<a href="#fn:1">1</a>`, `<a href="https://example.org/news/articles/talks/#fn:1">1</a>`},
		{"image", `<img src="map.png" alt="">`, `<img src="https://example.org/news/articles/talks/map.png" alt="">`},
		{"rooted path", `<a href="/about/">x</a>`, `<a href="https://example.org/about/">x</a>`},
		{"absolute kept", `<a href="https://other.org/a?b=1&amp;c=2">x</a>`, `<a href="https://other.org/a?b=1&amp;c=2">x</a>`},
		{"mailto kept", `<a href="mailto:a@example.org">x</a>`, `<a href="mailto:a@example.org">x</a>`},
		{"escaped ampersand stays escaped", `<a href="page/?a=1&amp;b=2">x</a>`, `<a href="https://example.org/news/articles/talks/page/?a=1&amp;b=2">x</a>`},
		{"several", `<a href="a/">a</a><img src="b.png">`, `<a href="https://example.org/news/articles/talks/a/">a</a><img src="https://example.org/news/articles/talks/b.png">`},
		{"text is not touched", `<p>write href=&quot;x&quot; like this</p>`, `<p>write href=&quot;x&quot; like this</p>`},
		{"no links", `<p>plain</p>`, `<p>plain</p>`},
		{"unparsable URL left", `<a href="%zz">x</a>`, `<a href="%zz">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, absolutize(tt.in, base))
		})
	}
}

type sitemapDoc struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	data, err := r.Sitemap(site)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(data), xml.Header))
	var sm sitemapDoc
	require.NoError(t, xml.Unmarshal(data, &sm))
	got := map[string]string{}
	for _, u := range sm.URLs {
		got[u.Loc] = u.LastMod
	}
	const b = "https://example.org/news/"
	assert.Equal(t, map[string]string{
		b:                     "2025-05-18",
		b + "glossary/":       "2025-05-18",
		b + "search/":         "2025-05-18",
		b + "tags/":           "2025-05-18",
		b + "tags/diplomacy/": "2025-05-18",
		b + "tags/war/":       "2025-05-18",
		b + "articles/talks/": "2025-05-18",
		b + "articles/older/": "2025-05-01",
		b + "articles/plain/": "2025-04-01",
		b + "glossary/kyiv/":  "2025-05-18",
		b + "glossary/lviv/":  "2025-05-01",
		b + "glossary/putin/": "2025-05-18",
		b + "glossary/un/":    "2025-05-18",
	}, got)
	assert.Len(t, sm.URLs, len(r.Pages(site))-1, "every page but 404")
	assert.NotContains(t, string(data), "404")
}

func TestRobots(t *testing.T) {
	assert.Equal(t, "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n",
		string(Robots(linked(t, siteFiles()))))
}

package render

import (
	"encoding/json"
	"testing"

	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jsonLD returns the parsed JSON-LD of the page of kind at path.
func jsonLD(t *testing.T, files map[string]string, kind, path string) map[string]any {
	t.Helper()
	site := linked(t, files)
	js, err := pageOf(t, renderer(t, true), site, kind, path).JSONLD()
	require.NoError(t, err)
	require.NotEmpty(t, js)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(js), &v), "%s", js)
	return v
}

const base = "https://example.org/news/"

func TestJSONLDArticle(t *testing.T) {
	v := jsonLD(t, siteFiles(), "article", "articles/talks/")
	putin := map[string]any{
		"@type": "Person", "@id": base + "glossary/putin/#entity", "name": "Vladimir Putin",
		"url": base + "glossary/putin/", "description": "President of Russia",
	}
	kyiv := map[string]any{
		"@type": "Place", "@id": base + "glossary/kyiv/#entity", "name": "Kyiv",
		"url": base + "glossary/kyiv/", "description": "Capital of Ukraine",
		"geo":    map[string]any{"@type": "GeoCoordinates", "latitude": 50.45, "longitude": 30.52},
		"sameAs": []any{"https://en.wikipedia.org/wiki/Kyiv"},
	}
	assert.Equal(t, map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         "Talks about Kyiv",
		"url":              base + "articles/talks/",
		"mainEntityOfPage": base + "articles/talks/",
		"datePublished":    "2025-05-16T00:00:00Z",
		"dateModified":     "2025-05-18T00:00:00Z",
		"inLanguage":       "en",
		"publisher":        map[string]any{"@type": "Organization", "name": "Gloss Test", "url": base},
		"description":      "Who met whom.",
		"dateline":         "ISTANBUL",
		"keywords":         []any{"diplomacy", "war"},
		"author":           []any{map[string]any{"@type": "Person", "name": "Ann Lee"}, map[string]any{"@type": "Person", "name": "Bo Chen"}},
		"mentions":         []any{putin, kyiv},
		"about":            []any{kyiv}, // named in the title
	}, v)
}

func TestJSONLDArticleMinimal(t *testing.T) {
	v := jsonLD(t, siteFiles(), "article", "articles/plain/")
	for _, key := range []string{"description", "dateline", "keywords", "author", "mentions", "about"} {
		assert.NotContains(t, v, key)
	}
	assert.Equal(t, v["datePublished"], v["dateModified"])
}

func TestJSONLDAboutByAlias(t *testing.T) {
	files := siteFiles()
	files["articles/older.md"] = "title: Older\ndate: 2025-05-01\nsummary: News from Kiev.\n---\nKyiv and Lviv.\n"
	v := jsonLD(t, files, "article", "articles/older/")
	about := v["about"].([]any)
	require.Len(t, about, 1)
	assert.Equal(t, "Kyiv", about[0].(map[string]any)["name"], "an alias in the summary counts")
	assert.Len(t, v["mentions"], 2)
}

func TestJSONLDEntries(t *testing.T) {
	files := siteFiles()
	files["glossary/lviv.md"] = "name: Lviv\nkind: place\nimage: images/lviv.jpg\nimage_alt: The old town\n---\n"
	tests := []struct {
		path string
		want map[string]any
	}{
		{"glossary/kyiv/", map[string]any{
			"@context": "https://schema.org", "@type": "Place", "@id": base + "glossary/kyiv/#entity",
			"name": "Kyiv", "url": base + "glossary/kyiv/",
			"description":   "The capital and largest city of Ukraine.", // the summary wins over the role
			"alternateName": []any{"Kiev"},
			"geo":           map[string]any{"@type": "GeoCoordinates", "latitude": 50.45, "longitude": 30.52},
			"sameAs":        []any{"https://en.wikipedia.org/wiki/Kyiv"},
		}},
		{"glossary/putin/", map[string]any{
			"@context": "https://schema.org", "@type": "Person", "@id": base + "glossary/putin/#entity",
			"name": "Vladimir Putin", "url": base + "glossary/putin/", "description": "President of Russia",
			"alternateName": []any{"Putin"},
		}},
		{"glossary/un/", map[string]any{
			"@context": "https://schema.org", "@type": "Organization", "@id": base + "glossary/un/#entity",
			"name": "United Nations", "url": base + "glossary/un/",
		}},
		{"glossary/lviv/", map[string]any{
			"@context": "https://schema.org", "@type": "Place", "@id": base + "glossary/lviv/#entity",
			"name": "Lviv", "url": base + "glossary/lviv/", "image": base + "assets/images/lviv.jpg",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			assert.Equal(t, tt.want, jsonLD(t, files, "entry", tt.path))
		})
	}
}

func TestJSONLDEventType(t *testing.T) {
	files := siteFiles()
	files["glossary/summit.md"] = "name: Summit\nkind: event\nlinks:\n  - title: Mail\n    url: mailto:a@example.org\n---\n"
	v := jsonLD(t, files, "entry", "glossary/summit/")
	assert.Equal(t, "Event", v["@type"])
	assert.NotContains(t, v, "sameAs", "only web addresses are sameAs")
}

func TestJSONLDHome(t *testing.T) {
	assert.Equal(t, map[string]any{
		"@context": "https://schema.org", "@type": "WebSite", "name": "Gloss Test",
		"url": base, "inLanguage": "en", "description": "Who is who.",
	}, jsonLD(t, siteFiles(), "home", ""))

	files := siteFiles()
	files["site.yaml"] = "title: T\nbaseURL: https://example.org/\n"
	assert.NotContains(t, jsonLD(t, files, "home", ""), "description")
}

func TestJSONLDNoneForOtherPages(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	for _, kind := range []string{"glossary", "404", "search", "tags", "tag"} {
		js, err := pageOf(t, r, site, kind, "").JSONLD()
		require.NoError(t, err)
		assert.Empty(t, js, kind)
	}
}

func TestJSONLDCannotCloseTheScript(t *testing.T) {
	files := siteFiles()
	files["articles/plain.md"] = "title: \"</script><script>alert(1)</script> & more\"\ndate: 2025-04-01\n---\nx\n"
	site := linked(t, files)
	js, err := pageOf(t, renderer(t, true), site, "article", "articles/plain/").JSONLD()
	require.NoError(t, err)
	assert.NotContains(t, string(js), "<")
	assert.NotContains(t, string(js), ">")
	assert.NotContains(t, string(js), "&")
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(js), &v))
	assert.Equal(t, "</script><script>alert(1)</script> & more", v["headline"])
}

func TestOGType(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	assert.Equal(t, "article", pageOf(t, r, site, "article", "articles/talks/").OGType())
	assert.Equal(t, "profile", pageOf(t, r, site, "entry", "glossary/putin/").OGType())
	assert.Equal(t, "website", pageOf(t, r, site, "entry", "glossary/kyiv/").OGType())
	assert.Equal(t, "website", pageOf(t, r, site, "home", "").OGType())
}

func TestPageURLs(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	article := pageOf(t, r, site, "article", "articles/talks/")
	assert.Equal(t, "../../glossary/", article.URL("glossary/"))
	assert.Equal(t, "../../", article.URL(""))
	assert.Equal(t, base+"articles/talks/", article.Canonical())
	notFound := pageOf(t, r, site, "404", "")
	assert.Equal(t, "/news/glossary/", notFound.URL("glossary/"), "404 links from the root, for any depth")
	home := pageOf(t, r, site, "home", "")
	assert.Equal(t, base, home.Canonical())

	css, err := article.Asset("gloss.css")
	require.NoError(t, err)
	assert.Regexp(t, `^\.\./\.\./assets/gloss\.[0-9a-f]{10}\.css$`, css)
	img, err := home.Asset("images/kyiv.jpg")
	require.NoError(t, err)
	assert.Equal(t, "assets/images/kyiv.jpg", img)
	sri, err := article.Integrity("gloss.css")
	require.NoError(t, err)
	assert.Equal(t, r.Assets["gloss.css"].Integrity, sri)

	_, err = article.Asset("nope.css")
	assert.EqualError(t, err, `no asset "nope.css" in assets/`)
	_, err = article.Integrity("nope.css")
	assert.EqualError(t, err, `no asset "nope.css" in assets/`)
}

func TestPages(t *testing.T) {
	site := linked(t, siteFiles())
	var got []string
	for _, p := range renderer(t, true).Pages(site) {
		got = append(got, p.Kind+" "+p.Path+" "+p.Title+" | "+p.Description)
	}
	assert.Equal(t, []string{
		"home   | Who is who.", // no path, no title
		"glossary glossary/ Glossary | The people, places, organizations and events in Gloss Test.",
		"404 404.html Page not found | ",
		"search search/ Search | Search the articles and the glossary of Gloss Test.",
		"tags tags/ Tags | The topics of Gloss Test.",
		"tag tags/diplomacy/ Tagged “diplomacy” | Articles tagged diplomacy in Gloss Test.",
		"tag tags/war/ Tagged “war” | Articles tagged war in Gloss Test.",
		"article articles/talks/ Talks about Kyiv | Who met whom.",
		"article articles/older/ Older | ",
		"article articles/plain/ Plain | ",
		"entry glossary/kyiv/ Kyiv | The capital and largest city of Ukraine.",
		"entry glossary/lviv/ Lviv | A city in western Ukraine.",
		"entry glossary/putin/ Vladimir Putin | President of Russia", // the role when there is no summary
		"entry glossary/un/ United Nations | ",
	}, got)
}

func TestPagesWithoutTags(t *testing.T) {
	files := siteFiles()
	files["articles/talks.md"] = "title: T\ndate: 2025-05-16\n---\nx\n"
	files["articles/older.md"] = "title: O\ndate: 2025-05-01\n---\nx\n"
	for _, p := range renderer(t, true).Pages(linked(t, files)) {
		assert.NotEqual(t, "tags", p.Kind, "no tags page without tags")
		assert.NotEqual(t, "tag", p.Kind)
	}
}

// articleJSONLDMap is an article's JSON-LD as a map for encoding/json,
// which articleJSONLD must write byte for byte.
func articleJSONLDMap(t *testing.T, p *Page) string {
	cfg := p.Site.Config
	a := p.Article
	v := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"url":              p.Canonical(),
		"mainEntityOfPage": p.Canonical(),
		"datePublished":    stamp(a.Date),
		"dateModified":     stamp(lastChange(a)),
		"inLanguage":       cfg.Language,
		"publisher":        map[string]any{"@type": "Organization", "name": cfg.Title, "url": urls.Abs(cfg.BaseURL, urls.Home)},
	}
	if a.Summary != "" {
		v["description"] = a.Summary
	}
	if a.Dateline != "" {
		v["dateline"] = a.Dateline
	}
	if len(a.Tags) > 0 {
		v["keywords"] = a.Tags
	}
	var authors []map[string]any
	for _, name := range a.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": name})
	}
	if len(authors) > 0 {
		v["author"] = authors
	}
	var about, mentions []json.RawMessage
	for _, e := range a.Entries {
		ent, err := json.Marshal(p.entity(e, false))
		require.NoError(t, err)
		mentions = append(mentions, ent)
		if mentionedIn(e, a.Title+" "+a.Summary) {
			about = append(about, ent)
		}
	}
	if len(mentions) > 0 {
		v["mentions"] = mentions
	}
	if len(about) > 0 {
		v["about"] = about
	}
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return string(data)
}

func TestArticleJSONLDMatchesMap(t *testing.T) {
	for name, files := range articleSites() {
		t.Run(name, func(t *testing.T) {
			site := linked(t, files)
			for _, a := range site.Articles {
				if a.Slug == "odd" {
					a.Tags = append(a.Tags, "<script>", "a&b")
					a.Authors = append(a.Authors, "</script>", "line\u2028sep")
					a.Dateline += " \x01\t\"\\"
				}
			}
			r := renderer(t, true)
			n := 0
			for _, p := range r.Pages(site) {
				if p.Kind != "article" {
					continue
				}
				n++
				got, err := p.JSONLD()
				require.NoError(t, err)
				assert.Equal(t, articleJSONLDMap(t, p), string(got), "%s", p.Path)
			}
			assert.Equal(t, len(site.Articles), n)
		})
	}
}

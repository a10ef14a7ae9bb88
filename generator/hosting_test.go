package generator

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/internal/linkcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func bytesOf(files map[string]string) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for k, v := range files {
		out[k] = []byte(v)
	}
	return out
}

// TestNoBrokenLinks walks the whole built sample site, at the root of a host
// and under a sub-path: every internal href and src, and every #fragment,
// resolves.
func TestNoBrokenLinks(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://example.org/news/explainers/"} {
		t.Run(base, func(t *testing.T) {
			files := readTree(t, buildSample(t, WithBaseURL(base)))
			u, _ := url.Parse(base)
			assert.Empty(t, linkcheck.Check(bytesOf(files), u))
			// Absolute URLs name the sub-path.
			assert.Contains(t, files["index.html"], `<link rel="canonical" href="`+base+`">`)
			assert.Contains(t, files["feed.xml"], `href="`+base+`feed.xml"`)
			assert.Contains(t, files["sitemap.xml"], "<loc>"+base+"articles/istanbul-talks-2025/</loc>")
			assert.Contains(t, files["robots.txt"], "Sitemap: "+base+"sitemap.xml")
			assert.Contains(t, files["404.html"], `href="`+strings.TrimPrefix(base, "https://example.org")+`glossary/"`)
		})
	}
}

func TestLinkCheckFindsBrokenLinks(t *testing.T) {
	dir := testSite(t, map[string]string{
		"templates/partials/footer.html": `<footer><a href="{{.URL "nowhere/"}}">gone</a></footer>`,
	})
	out, err := Generate(context.Background(), dir, defaults())
	require.NoError(t, err)
	u, _ := url.Parse("https://example.org/")
	broken := linkcheck.Check(out.Files, u)
	assert.Contains(t, broken, "index.html: nowhere/ leads to no file (nowhere/index.html)")
}

func TestFragmentErrors(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/articles/a.md": "---\ntitle: A\ndate: 2025-05-16\n---\n## Start\n\n[ok](#start), [bad](#nope), [ok](b.md#end), [bad](b.md#missing).\n",
		"content/articles/b.md": "---\ntitle: B\ndate: 2025-05-17\n---\n## End\n",
	})
	_, err := Build(context.Background(), dir, defaults())
	assert.Equal(t, []string{
		"content/articles/a.md:7:15: link to #nope, which is not an anchor of articles/a/\n\thint: link to a heading by its id: ## What was agreed has the id what-was-agreed",
		"content/articles/a.md:7:45: link to #missing, which is not an anchor of articles/b/\n\thint: link to a heading by its id: ## What was agreed has the id what-was-agreed",
	}, diagnostics(t, err))
}

func TestFeed(t *testing.T) {
	files := readTree(t, buildSample(t))
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			Title     string `xml:"title"`
			ID        string `xml:"id"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
			Author    []struct {
				Name string `xml:"name"`
			} `xml:"author"`
			Summary string `xml:"summary"`
			Content struct {
				Type string `xml:"type,attr"`
				Body string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	require.NoError(t, xml.Unmarshal([]byte(files["feed.xml"]), &feed))
	assert.Equal(t, "https://example.org/", feed.ID)
	assert.Equal(t, "2025-05-26T00:00:00Z", feed.Updated)
	require.Len(t, feed.Entries, 2)
	e := feed.Entries[1]
	assert.Equal(t, "https://example.org/articles/istanbul-talks-2025/", e.ID)
	assert.Equal(t, "2025-05-16T00:00:00Z", e.Published)
	assert.NotEmpty(t, e.Author)
	assert.NotEmpty(t, e.Summary)
	assert.Equal(t, "html", e.Content.Type)
	assert.Contains(t, e.Content.Body, `href="https://example.org/glossary/`, "links in the content are absolute")
	assert.NotRegexp(t, `href="\.\.?/`, e.Content.Body)
	for name, page := range files {
		if strings.HasSuffix(name, ".html") {
			assert.Contains(t, page, `type="application/atom+xml"`, name)
		}
	}
}

func TestSitemap(t *testing.T) {
	files := readTree(t, buildSample(t))
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	require.NoError(t, xml.Unmarshal([]byte(files["sitemap.xml"]), &sm))
	locs := map[string]string{}
	for _, u := range sm.URLs {
		assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, u.LastMod)
		locs[u.Loc] = u.LastMod
	}
	pages := 0
	for name := range files {
		if strings.HasSuffix(name, ".html") && name != "404.html" {
			pages++
			loc := "https://example.org/" + strings.TrimSuffix(name, "index.html")
			assert.Contains(t, locs, loc, "every page is in the sitemap")
		}
	}
	assert.Len(t, sm.URLs, pages)
	assert.Equal(t, "2025-05-16", locs["https://example.org/articles/istanbul-talks-2025/"])
}

var jsonLDRE = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

func TestStructuredData(t *testing.T) {
	files := readTree(t, buildSample(t))
	ld := func(page string) map[string]any {
		m := jsonLDRE.FindStringSubmatch(files[page])
		require.NotNil(t, m, page)
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(m[1]), &v), page)
		return v
	}
	art := ld("articles/istanbul-talks-2025/index.html")
	assert.Equal(t, "NewsArticle", art["@type"])
	types := map[string]string{}
	for _, m := range art["mentions"].([]any) {
		ent := m.(map[string]any)
		types[ent["name"].(string)] = ent["@type"].(string)
	}
	assert.Equal(t, "Person", types["Vladimir Medinsky"])
	assert.Equal(t, "Place", types["Istanbul"])
	assert.Equal(t, "Organization", types["Kremlin"])
	assert.NotEmpty(t, art["about"])

	place := ld("glossary/istanbul/index.html")
	assert.Equal(t, "Place", place["@type"])
	geo := place["geo"].(map[string]any)
	assert.Equal(t, "GeoCoordinates", geo["@type"])
	assert.Equal(t, 41.01, geo["latitude"])
	person := ld("glossary/hakan-fidan/index.html")
	assert.Equal(t, "Person", person["@type"])
	assert.Equal(t, "Hakan Fidan", person["name"])
	for _, page := range []string{"index.html", "articles/istanbul-talks-2025/index.html", "glossary/kyiv/index.html"} {
		assert.Contains(t, files[page], `<meta property="og:title"`)
		assert.Contains(t, files[page], `<meta name="twitter:card" content="summary">`)
	}
}

func TestJSONLDCannotBeClosedEarly(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/articles/a.md": "---\ntitle: \"</script><script>alert(1)</script>\"\ndate: 2025-05-16\n---\nKyiv.\n",
	})
	_, err := Build(context.Background(), dir, defaults())
	require.NoError(t, err)
	page := readTree(t, dir+"/public")["articles/a/index.html"]
	m := jsonLDRE.FindStringSubmatch(page)
	require.NotNil(t, m)
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(m[1]), &v), "the JSON-LD block is whole")
	assert.Equal(t, "</script><script>alert(1)</script>", v["headline"])
	assertInert(t, "articles/a/index.html", page)
}

// TestFingerprints checks that asset names change with their content, and
// only then.
func TestFingerprints(t *testing.T) {
	dir := testSite(t, nil)
	names := func() []string {
		out, err := Generate(context.Background(), dir, defaults())
		require.NoError(t, err)
		var ns []string
		for n := range out.Files {
			if strings.HasPrefix(n, "assets/") {
				ns = append(ns, n)
			}
		}
		slices.Sort(ns)
		return ns
	}
	first := names()
	assert.Equal(t, first, names(), "same content, same names")
	require.NoError(t, writeFile(dir, "content/articles/b.md", "---\ntitle: Changed\ndate: 2025-05-17\n---\nNew.\n"))
	assert.ElementsMatch(t, first, names(), "content changes do not touch assets")
	require.NoError(t, writeFile(dir, "assets/gloss.css", "body { color: red }\n"))
	changed := names()
	assert.NotElementsMatch(t, first, changed)
	for _, n := range changed {
		if strings.HasPrefix(n, "assets/gloss.") && strings.HasSuffix(n, ".js") {
			assert.Contains(t, first, n, "the script did not change")
		}
	}
}

package generator

// Page-quality gates on the built sample site (see internal/quality): every
// page valid for the Nu HTML Checker; no axe-core violation of WCAG 2.2 A
// and AA on the main pages, in light and dark mode, with a card or a note
// open; Lighthouse's four scores at 0.95 or more on the main article; the
// main article at most 60 KB gzipped with everything it loads, all of it
// from the site. The same gates run on a larger generated site, and on a
// deliberately broken one, which they must fail.
//
// Without Chromium, Java or the npm tools (npm ci --prefix .ci) the tests
// skip with a message; with GLOSS_REQUIRE_BROWSER=1 (CI) they fail.

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	corpus "github.com/glossdev/gloss/_benchmark/corpusgen"
	"github.com/glossdev/gloss/generator/internal/browser"
	"github.com/glossdev/gloss/generator/internal/quality"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The gates' thresholds.
const (
	qualitySearchWait = 5 * time.Second // for search results: a few fetches over loopback
	minLighthouse     = 0.95
	maxWeight         = 60 * 1024 // bytes over the wire, gzipped, images aside
)

// axePages are the pages axe-core checks, by path: the home page, the
// glossary, an entry, the main article, and also a tag, the search page with
// results and the 404 page.
var axePages = []string{
	"/",
	"/glossary/",
	"/glossary/vladimir-medinsky/",
	cardArticle,
	"/tags/diplomacy/",
	"/search/?q=istanbul",
	"/404.html",
}

func TestQualityHTMLIsValid(t *testing.T) {
	tl := quality.Need(t, quality.VNU)
	start := time.Now()
	dir := buildSample(t)
	msgs := quality.CheckHTML(t, tl, dir)
	t.Logf("vnu: %d pages, %d errors in %v", len(quality.HTMLFiles(t, dir)), len(msgs), time.Since(start).Round(time.Millisecond))
	assert.Empty(t, msgs, "the Nu HTML Checker finds errors:\n%s", quality.FormatMessages(msgs))

	// The feed and the sitemap are well-formed XML (their content is
	// tested in hosting_test.go).
	for _, name := range []string{"feed.xml", "sitemap.xml"} {
		assert.NoError(t, wellFormed(filepath.Join(dir, name)), name)
	}
}

// wellFormed reads the XML file to its end.
func wellFormed(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	root := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if !root {
				return errors.New("no root element")
			}
			return nil
		}
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			root = true
		}
	}
}

// The larger generated site the gates also run on.
const (
	corpusArticles = 30
	corpusEntries  = 20
)

// buildCorpus writes the generated site and builds it into a fresh folder,
// which it returns.
func buildCorpus(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "site")
	require.NoError(t, corpus.Write(src, corpus.Options{Articles: corpusArticles, Entries: corpusEntries}))
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), src, WithOutput(out), defaults())
	require.NoError(t, err)
	return out
}

func TestQualityHTMLIsValidOnLargerSite(t *testing.T) {
	tl := quality.Need(t, quality.VNU)
	start := time.Now()
	dir := buildCorpus(t)
	pages := quality.HTMLFiles(t, dir)
	require.GreaterOrEqual(t, len(pages), corpusArticles+corpusEntries, "every article and entry has a page")
	msgs := quality.CheckHTML(t, tl, dir)
	t.Logf("vnu: %d pages of the generated site, %d errors in %v", len(pages), len(msgs), time.Since(start).Round(time.Millisecond))
	assert.Empty(t, msgs, "the Nu HTML Checker finds errors:\n%s", quality.FormatMessages(msgs))
}

func TestBrowserQualityAxeOnLargerSite(t *testing.T) {
	ctx := browser.New(t)
	tl := quality.Need(t, quality.Axe)
	dir := buildCorpus(t)
	base := browser.Serve(t, dir)
	// The first article page (in path order).
	var article string
	for _, p := range quality.HTMLFiles(t, dir) {
		if strings.HasPrefix(p, "articles/") && strings.HasSuffix(p, "/index.html") {
			article = "/" + strings.TrimSuffix(p, "index.html")
			break
		}
	}
	require.NotEmpty(t, article, "the generated site has articles")
	for _, scheme := range []string{"light", "dark"} {
		setScheme(t, ctx, scheme)
		browser.Navigate(t, ctx, base+article)
		require.Positive(t, browser.Eval[int](t, ctx, `document.querySelectorAll("a.mention").length`), "%s has mentions", article)
		assertAxe(t, ctx, tl, article+" of the generated site ("+scheme+")")
	}
}

// setScheme emulates prefers-color-scheme: light or dark for the tab.
func setScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
	require.Equal(t, scheme == "dark", browser.Eval[bool](t, ctx, `matchMedia("(prefers-color-scheme: dark)").matches`))
}

// assertAxe runs axe-core on the page as it is and fails the test with a
// readable list of the violations.
func assertAxe(t *testing.T, ctx context.Context, tl quality.Tools, what string) {
	t.Helper()
	vs := quality.Run(t, ctx, tl)
	assert.Empty(t, vs, "%s: axe-core finds WCAG 2.2 A/AA violations:\n%s", what, quality.FormatViolations(vs))
}

func TestBrowserQualityAxe(t *testing.T) {
	ctx := browser.New(t)
	tl := quality.Need(t, quality.Axe)
	base := browser.Serve(t, buildSample(t))
	start := time.Now()
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			browser.Viewport(t, ctx, browser.Width, browser.Height, false)
			browser.MouseMove(t, ctx, 1, 1)
			setScheme(t, ctx, scheme)
			for _, page := range axePages {
				browser.Navigate(t, ctx, base+page)
				if strings.HasPrefix(page, "/search/") {
					// Results come after fetches of the index.
					browser.WaitFor(t, ctx, `document.querySelector("#search-results li")`, qualitySearchWait, "search results")
				}
				assertAxe(t, ctx, tl, page+" ("+scheme+")")
			}

			// A glossary card open: focus a mention.
			browser.Navigate(t, ctx, base+cardArticle)
			m := mentions(t, ctx)[0]
			browser.Do(t, ctx, chromedp.Focus(chromedp.ID(m.ID)))
			browser.WaitFor(t, ctx, popupOpenFor(m.ID), 3*time.Second, "the card opens on focus")
			assertAxe(t, ctx, tl, cardArticle+" with the card of "+m.Entry+" open ("+scheme+")")

			// A note open on a phone: click its toggle.
			browser.Viewport(t, ctx, narrowW, narrowH, true)
			browser.Navigate(t, ctx, base+noteArticle)
			id := browser.Eval[string](t, ctx, `document.querySelector(".article-body .note").id`)
			toggle := fmt.Sprintf(`.note-toggle[aria-controls=%q]`, id)
			browser.Eval[chromedp.Void](t, ctx, fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "center"})`, toggle))
			x, y := browser.Rect(t, ctx, toggle).Center()
			browser.Click(t, ctx, x, y)
			browser.WaitFor(t, ctx, fmt.Sprintf(`document.getElementById(%q).classList.contains("is-open")`, id),
				time.Second, "the note opens on a click of its toggle")
			assertAxe(t, ctx, tl, fmt.Sprintf("%s at %dpx with note %s open (%s)", noteArticle, narrowW, id, scheme))
		})
	}
	t.Logf("axe: %d checks in %v", 2*(len(axePages)+2), time.Since(start).Round(time.Millisecond))
}

func TestBrowserQualityLighthouse(t *testing.T) {
	chromium := browser.Find()
	if chromium == "" {
		browser.New(t) // skips, or fails under GLOSS_REQUIRE_BROWSER=1
	}
	tl := quality.Need(t, quality.Lighthouse)
	base := quality.Serve(t, buildSample(t))
	start := time.Now()
	rep := quality.Audit(t, tl, chromium, base+cardArticle)
	t.Logf("lighthouse in %v: %v; %s", time.Since(start).Round(time.Millisecond), rep.Scores, strings.Join(rep.Metrics, ", "))
	for _, w := range rep.Warnings {
		t.Logf("lighthouse warning: %s", w)
	}
	for _, c := range quality.Categories {
		if len(rep.Failed[c]) > 0 {
			t.Logf("lighthouse %s: audits short of full marks:\n\t%s", c, strings.Join(rep.Failed[c], "\n\t"))
		}
	}
	for _, c := range quality.Categories {
		assert.GreaterOrEqual(t, rep.Scores[c], minLighthouse, "Lighthouse %s score (see the audits above)", c)
	}
}

// loadAndSettle loads the page with the recorder on, opens a card and
// focuses the search box as a reader would (either may load more), and
// waits until the network has been quiet for half a second.
func loadAndSettle(t *testing.T, ctx context.Context, rec *quality.Recorder, url string) []quality.Request {
	t.Helper()
	browser.Navigate(t, ctx, url)
	// A mention whose entry has a card on the page.
	if ms := browser.Eval[[]string](t, ctx, `Array.from(document.querySelectorAll("a.mention"), a => a.id)
		.filter(id => document.getElementById("card-" + document.getElementById(id).dataset.entry))`); len(ms) > 0 {
		browser.Do(t, ctx, chromedp.Focus(chromedp.ID(ms[0])))
		browser.WaitFor(t, ctx, popupOpenFor(ms[0]), 3*time.Second, "the card opens on focus")
	}
	if browser.Eval[bool](t, ctx, `!!document.getElementById("site-search-q")`) {
		browser.Do(t, ctx, chromedp.Focus(chromedp.ID("site-search-q")))
	}
	quiet := 0
	for deadline := time.Now().Add(10 * time.Second); quiet < 5 && time.Now().Before(deadline); {
		n := len(rec.Requests())
		time.Sleep(100 * time.Millisecond)
		if rec.Pending() == 0 && len(rec.Requests()) == n {
			quiet++
		} else {
			quiet = 0
		}
	}
	reqs := rec.Requests()
	require.NotEmpty(t, reqs)
	return reqs
}

// checkRequests returns what is wrong with the page's requests (one that
// leaves the site served at base, fails or gets an error status) and their
// weight over the wire, images aside, with a table of them for the log.
func checkRequests(reqs []quality.Request, base string) (problems []string, weight float64, table string) {
	var b strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&b, "\t%6.0f B %3d %-10s %s %s\n", r.Bytes, r.Status, r.Type, r.URL, r.Failed)
		switch {
		case !strings.HasPrefix(r.URL, base+"/") && !strings.HasPrefix(r.URL, "data:"):
			problems = append(problems, "leaves the site: "+r.URL)
		case r.Failed != "":
			problems = append(problems, "failed: "+r.URL+": "+r.Failed)
		case !r.Done:
			problems = append(problems, "never finished: "+r.URL)
		case r.Status >= 400:
			problems = append(problems, fmt.Sprintf("status %d: %s", r.Status, r.URL))
		}
		if r.Type != "Image" {
			weight += r.Bytes
		}
	}
	return problems, weight, b.String()
}

func TestBrowserQualityWeight(t *testing.T) {
	ctx := browser.New(t)
	base := quality.Serve(t, buildSample(t))
	rec := quality.Record(t, ctx)
	browser.Viewport(t, ctx, narrowW, narrowH, true)
	reqs := loadAndSettle(t, ctx, rec, base+cardArticle)
	problems, weight, table := checkRequests(reqs, base)
	t.Logf("%s with everything it loads: %d requests, %.1f KB over the wire (images aside)\n%s",
		cardArticle, len(reqs), weight/1024, table)
	assert.Empty(t, problems, "requests of %s", cardArticle)
	assert.LessOrEqual(t, weight, float64(maxWeight), "%s weighs %.1f KB gzipped over the wire, more than %d KB",
		cardArticle, weight/1024, maxWeight/1024)
}

// brokenArticle replaces the article template with one that has invalid
// markup (a div as a child of a ul), an image without alt text, pale grey
// text on white and an image from another server (%s).
const brokenArticle = `{{define "content"}}
<article class="article">
<h1>{{.Article.Title}}</h1>
<ul><div>Not a list item.</div></ul>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" width="40" height="40">
<p style="color: #c4c4c4; background: #ffffff">Pale grey text on white, hard to read.</p>
<img src="%s/pixel.gif" alt="" width="1" height="1">
{{.Article.Body}}
</article>
{{end}}
`

// dimDarkMuted is a dark theme's muted text colour too dim for its
// background (2.5:1 where WCAG AA asks for 4.5:1), appended to gloss.css.
const dimDarkMuted = "\n@media (prefers-color-scheme: dark) { :root { --muted: #5a5850; } }\n"

// TestBrowserQualityGatesCatchBrokenPage proves that the gates fail: a site
// whose article template is broken on purpose must fail the Nu HTML
// Checker, axe-core (image-alt, color-contrast, list) and the request
// check; and one whose dark theme has too little contrast fails axe-core in
// dark mode only.
func TestBrowserQualityGatesCatchBrokenPage(t *testing.T) {
	ctx := browser.New(t)
	tl := quality.Need(t, quality.VNU, quality.Axe)
	// Another origin on loopback: a request to it leaves the site without
	// leaving the machine.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"))
	}))
	t.Cleanup(other.Close)
	css, err := os.ReadFile(filepath.Join(repoRoot, "assets", "gloss.css"))
	require.NoError(t, err)
	dir := testSite(t, map[string]string{
		"templates/article.html": fmt.Sprintf(brokenArticle, other.URL),
		"assets/gloss.css":       string(css) + dimDarkMuted,
	})
	out := filepath.Join(t.TempDir(), "public")
	_, err = Build(context.Background(), dir, WithOutput(out), defaults())
	require.NoError(t, err)
	const page = "articles/a/index.html"

	msgs := quality.CheckHTML(t, tl, out)
	t.Logf("vnu on the broken site:\n%s", quality.FormatMessages(msgs))
	var onPage []string
	for _, m := range msgs {
		if m.File == page {
			onPage = append(onPage, m.Text)
		}
	}
	assert.NotEmpty(t, onPage, "vnu reports the invalid markup of %s", page)
	assert.True(t, slices.ContainsFunc(onPage, func(s string) bool { return strings.Contains(s, "“div” not allowed as child of element “ul”") }),
		"vnu names the div in the ul: %q", onPage)
	for _, m := range msgs {
		assert.True(t, strings.HasPrefix(m.File, "articles/"), "only the articles are broken: %s", m)
	}

	base := quality.Serve(t, out)
	rec := quality.Record(t, ctx)
	reqs := loadAndSettle(t, ctx, rec, base+"/articles/a/")
	vs := quality.Run(t, ctx, tl)
	t.Logf("axe on the broken page:\n%s", quality.FormatViolations(vs))
	ids := quality.IDs(vs)
	assert.Contains(t, ids, "image-alt")
	assert.Contains(t, ids, "color-contrast")
	assert.Contains(t, ids, "list")

	problems, _, table := checkRequests(reqs, base)
	t.Logf("requests:\n%s", table)
	assert.Equal(t, []string{"leaves the site: " + other.URL + "/pixel.gif"}, problems)

	// The same checks pass on a page of the same site that is not broken,
	// until the dark theme's dim text shows.
	browser.Navigate(t, ctx, base+"/glossary/kyiv/")
	vs = quality.Run(t, ctx, tl)
	assert.Empty(t, vs, "axe on a page that is not broken:\n%s", quality.FormatViolations(vs))
	setScheme(t, ctx, "dark")
	browser.Navigate(t, ctx, base+"/glossary/kyiv/")
	vs = quality.Run(t, ctx, tl)
	t.Logf("axe on the page in the dim dark theme:\n%s", quality.FormatViolations(vs))
	assert.Equal(t, []string{"color-contrast"}, quality.IDs(vs), "axe finds the dim text of the dark theme")
}

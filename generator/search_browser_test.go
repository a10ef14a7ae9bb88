package generator

// Real-browser tests of site search: the built sample site is served on
// loopback and driven in headless Chromium, so that what runs is
// assets/search.js fetching the index under search/ as a reader's browser
// does. Without Chromium they skip (see internal/browser).

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/glossdev/gloss/generator/internal/browser"
	"github.com/glossdev/gloss/generator/search"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sample's articles, as results show them.
const (
	searchMainArticle     = "Istanbul talks explained: a prisoner swap, written proposals and no ceasefire"
	searchTimelineArticle = "A timeline of direct Russia–Ukraine talks, 2022–2025"
)

// searchWait bounds waiting for results: the debounce, a few fetches over
// loopback, and slow CI machines.
const searchWait = 5 * time.Second

// searchHit is what the page shows of one result.
type searchHit struct {
	Title, Kind, Detail, Snippet, Href, ID string
	DescribedBy                            string
}

// searchState is the search page as a reader sees it.
type searchState struct {
	Status string
	Box    string // the box's value
	Hits   []searchHit
	Active string // id of the focused element
	More   bool   // a "More results" button is shown
}

const searchStateJS = `(() => ({
	Status: document.getElementById("search-status").textContent,
	Box: document.getElementById("search-page-q").value,
	Hits: Array.from(document.querySelectorAll("#search-results .search-hit"), li => {
		const a = li.querySelector("a.search-hit-link"), t = c => { const e = li.querySelector(c); return e ? e.textContent : ""; };
		return {Title: a.textContent, Kind: t(".search-hit-kind"), Detail: t(".search-hit-detail"),
			Snippet: t(".search-hit-snippet"), Href: a.href, ID: a.id, DescribedBy: a.getAttribute("aria-describedby") || ""};
	}),
	Active: document.activeElement ? document.activeElement.id : "",
	More: !!document.querySelector("#search-results button.search-more"),
}))()`

func searchPage(t *testing.T, ctx context.Context) searchState {
	t.Helper()
	return browser.Eval[searchState](t, ctx, searchStateJS)
}

// statusFor is a JavaScript condition: the status reports on the query.
func statusFor(q string) string {
	return fmt.Sprintf(`document.getElementById("search-status").textContent.includes(%q)`, "“"+q+"”")
}

// startSearch starts a browser and serves the sample site built with opts.
func startSearch(t *testing.T, opts ...Option) (context.Context, string) {
	t.Helper()
	ctx := browser.New(t) // first: skips before building when there is no browser
	return ctx, browser.Serve(t, buildSample(t, opts...))
}

// runQuery loads the search page for q and waits for its results.
func runQuery(t *testing.T, ctx context.Context, base, q string) searchState {
	t.Helper()
	browser.Navigate(t, ctx, base+"/search/?q="+url.QueryEscape(q))
	browser.WaitFor(t, ctx, statusFor(q), searchWait, "results for "+q)
	return searchPage(t, ctx)
}

// clickOn clicks the middle of the element.
func clickOn(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	browser.Eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector(%q).scrollIntoView({block: "center"}), true)`, selector))
	x, y := browser.Rect(t, ctx, selector).Center()
	browser.Click(t, ctx, x, y)
}

// pressSlash presses "/" as a keyboard does: one keyDown that carries the
// text, so that a script that cancels the keydown also stops the typing.
// (chromedp's KeyEvent sends the text in a separate "char" event, which a
// cancelled keydown does not stop.)
func pressSlash(t *testing.T, ctx context.Context) {
	t.Helper()
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash",
		Text: "/", UnmodifiedText: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	for _, ev := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
			t.Fatalf("browser: pressing /: %v", err)
		}
	}
}

func titles(hits []searchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Title)
	}
	return out
}

func TestBrowserSearchQueries(t *testing.T) {
	ctx, base := startSearch(t)

	t.Run("name", func(t *testing.T) {
		s := runQuery(t, ctx, base, "medinsky")
		require.NotEmpty(t, s.Hits)
		first := s.Hits[0]
		assert.Equal(t, "Vladimir Medinsky", first.Title)
		assert.Equal(t, "Person", first.Kind)
		assert.Equal(t, "Aide to the Russian president; head of Russia's delegation in Istanbul", first.Detail)
		assert.NotEmpty(t, first.Snippet)
		assert.Equal(t, base+"/glossary/vladimir-medinsky/", first.Href)
		assert.Contains(t, titles(s.Hits), searchMainArticle)
		assert.Equal(t, "medinsky", s.Box, "the box shows the query")
		assert.Equal(t, fmt.Sprintf("%d results for “medinsky”", len(s.Hits)), s.Status)
		// Each result's link is described by its kind, role and snippet.
		assert.Equal(t, first.ID+"-meta "+first.ID+"-snippet", first.DescribedBy)
		for _, h := range s.Hits {
			if h.Title == searchMainArticle {
				assert.Equal(t, "Article", h.Kind)
				assert.Equal(t, "16 May 2025", h.Detail)
				assert.Equal(t, base+"/articles/istanbul-talks-2025/", h.Href)
			}
		}
	})
	t.Run("diacritics", func(t *testing.T) {
		s := runQuery(t, ctx, base, "erdogan")
		require.NotEmpty(t, s.Hits)
		assert.Equal(t, "Recep Tayyip Erdoğan", s.Hits[0].Title)
		assert.Equal(t, "Person", s.Hits[0].Kind)
		// And the other way round.
		s = runQuery(t, ctx, base, "DOLMABAHÇE")
		require.NotEmpty(t, s.Hits)
		assert.Equal(t, "Dolmabahçe Palace", s.Hits[0].Title)
		assert.Equal(t, "Place", s.Hits[0].Kind)
	})
	t.Run("two words", func(t *testing.T) {
		s := runQuery(t, ctx, base, "istanbul talks")
		assert.Contains(t, titles(s.Hits), searchMainArticle)
		assert.Contains(t, titles(s.Hits), searchTimelineArticle)
	})
	t.Run("prefix", func(t *testing.T) {
		s := runQuery(t, ctx, base, "umer")
		require.NotEmpty(t, s.Hits)
		assert.Equal(t, "Rustem Umerov", s.Hits[0].Title)
	})
	t.Run("no match", func(t *testing.T) {
		s := runQuery(t, ctx, base, "zzyzx")
		assert.Equal(t, "No results for “zzyzx”.", s.Status)
		assert.Empty(t, s.Hits)
	})
	t.Run("more results", func(t *testing.T) {
		s := runQuery(t, ctx, base, "2025")
		require.Len(t, s.Hits, 10, "a page of results")
		require.True(t, s.More)
		clickOn(t, ctx, "#search-results button.search-more")
		browser.WaitFor(t, ctx, `document.querySelectorAll("#search-results .search-hit").length > 10`, searchWait, "more results")
		s = searchPage(t, ctx)
		assert.Equal(t, s.Hits[10].ID, s.Active, "the focus moves to the first new result")
		assert.Contains(t, s.Status, fmt.Sprintf("%s results", strings.Fields(s.Status)[0]))
	})
}

// TestBrowserSearchTokensMatchGo checks that the script splits and folds
// text as the index does.
func TestBrowserSearchTokensMatchGo(t *testing.T) {
	ctx, base := startSearch(t)
	browser.Navigate(t, ctx, base+"/search/")
	browser.WaitFor(t, ctx, `window.glossSearch`, searchWait, "the manifest loads")
	for _, s := range []string{
		"Recep Tayyip Erdoğan", "İSTANBUL", "Мединский", "Łukasz Wróbel", "Tromsø Ærø", "Straße ẞ",
		"ΟΔΟΣ οδός", "ﬁnal ① ™", "Russia's Zelenskyy’s", "1,000-for-1,000", "東京 Ünïcödé", "e\u0301te\u0301",
	} {
		want := search.Tokens(s)
		got := browser.Eval[[]string](t, ctx, fmt.Sprintf(`window.glossSearch.tokens(%q)`, s))
		assert.Equal(t, want, got, s)
	}
}

func TestBrowserSearchTypeAhead(t *testing.T) {
	ctx, base := startSearch(t)
	browser.Navigate(t, ctx, base+"/search/")
	browser.WaitFor(t, ctx, `window.glossSearch`, searchWait, "the manifest loads")
	clickOn(t, ctx, "#search-page-q")

	browser.Press(t, ctx, "medin")
	browser.WaitFor(t, ctx, statusFor("medin"), searchWait, "results as you type")
	s := searchPage(t, ctx)
	require.NotEmpty(t, s.Hits)
	assert.Equal(t, "Vladimir Medinsky", s.Hits[0].Title)
	assert.Equal(t, "search-page-q", s.Active, "typing keeps the focus in the box")
	assert.Equal(t, base+"/search/?q=medin", browser.Location(t, ctx), "the address follows the query")

	// Typing on changes the results.
	browser.Press(t, ctx, kb.Backspace+kb.Backspace+kb.Backspace+kb.Backspace+kb.Backspace+"umerov")
	browser.WaitFor(t, ctx, statusFor("umerov"), searchWait, "results update")
	s = searchPage(t, ctx)
	require.NotEmpty(t, s.Hits)
	assert.Equal(t, "Rustem Umerov", s.Hits[0].Title)

	// ArrowDown moves to the first result, on and back; ArrowUp from the
	// first returns to the box.
	browser.Press(t, ctx, kb.ArrowDown)
	assert.Equal(t, s.Hits[0].ID, searchPage(t, ctx).Active)
	if len(s.Hits) > 1 {
		browser.Press(t, ctx, kb.ArrowDown)
		assert.Equal(t, s.Hits[1].ID, searchPage(t, ctx).Active)
		browser.Press(t, ctx, kb.ArrowUp)
		assert.Equal(t, s.Hits[0].ID, searchPage(t, ctx).Active)
	}
	browser.Press(t, ctx, kb.ArrowUp)
	assert.Equal(t, "search-page-q", searchPage(t, ctx).Active)
	browser.Press(t, ctx, kb.ArrowDown)
	assert.Equal(t, s.Hits[0].ID, searchPage(t, ctx).Active)
	// The focused result has a visible focus outline.
	outline := browser.Eval[string](t, ctx, `getComputedStyle(document.activeElement).outlineStyle`)
	assert.NotEqual(t, "none", outline)

	// Enter opens it.
	browser.Press(t, ctx, kb.Enter)
	browser.WaitFor(t, ctx, fmt.Sprintf(`location.href === %q && document.readyState === "complete"`, s.Hits[0].Href),
		searchWait, "Enter opens the result")
	assert.Equal(t, base+"/glossary/rustem-umerov/", browser.Location(t, ctx))
}

func TestBrowserSearchHeaderBox(t *testing.T) {
	ctx, base := startSearch(t)
	searchFromHeader(t, ctx, base)
}

// searchFromHeader presses "/" on an article, types a query in the header
// box and submits it with Enter.
func searchFromHeader(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	browser.Navigate(t, ctx, base+"/articles/istanbul-talks-2025/")
	pressSlash(t, ctx)
	assert.Equal(t, "site-search-q", browser.Eval[string](t, ctx, `document.activeElement.id`), `"/" focuses the header box`)
	assert.Equal(t, "", browser.Eval[string](t, ctx, `document.activeElement.value`), `the "/" is not typed`)
	browser.Press(t, ctx, "umerov"+kb.Enter)
	browser.WaitFor(t, ctx, statusFor("umerov"), searchWait, "the search page shows results")
	s := searchPage(t, ctx)
	assert.Equal(t, base+"/search/?q=umerov", browser.Location(t, ctx))
	assert.Equal(t, "umerov", s.Box)
	require.NotEmpty(t, s.Hits)
	assert.Equal(t, "Rustem Umerov", s.Hits[0].Title)
	assert.Equal(t, base+"/glossary/rustem-umerov/", s.Hits[0].Href)
}

func TestBrowserSearchSubPath(t *testing.T) {
	ctx := browser.New(t)
	dir := buildSample(t, WithBaseURL("https://example.org/news/explainers/"))
	const prefix = "/news/explainers"
	srv := httptest.NewServer(http.StripPrefix(prefix, http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	base := srv.URL + prefix

	s := runQuery(t, ctx, base, "medinsky")
	require.NotEmpty(t, s.Hits)
	assert.Equal(t, "Vladimir Medinsky", s.Hits[0].Title)
	assert.Equal(t, base+"/glossary/vladimir-medinsky/", s.Hits[0].Href)
	for _, h := range s.Hits {
		assert.True(t, strings.HasPrefix(h.Href, base+"/"), h.Href)
	}
	searchFromHeader(t, ctx, base)
}

func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	ctx, base := startSearch(t)
	browser.DisableScripts(t, ctx, true)
	browser.Navigate(t, ctx, base+"/search/?q=medinsky")
	type noscript struct {
		Text  string
		Links []string
		Hint  bool
	}
	got := browser.Eval[noscript](t, ctx, `(() => {
		const p = document.querySelector(".search-noscript"), h = document.getElementById("search-hint");
		return {Text: p ? p.textContent : "", Links: p ? Array.from(p.querySelectorAll("a"), a => a.href) : [],
			Hint: !!h && getComputedStyle(h).display !== "none"};
	})()`)
	assert.Contains(t, got.Text, "Search needs JavaScript")
	assert.Equal(t, []string{base + "/", base + "/glossary/"}, got.Links)
	assert.False(t, got.Hint, "the type-ahead hint is hidden without JavaScript")
}

// TestBrowserSearchEscapes checks that index text is shown as text: a title
// and a summary full of markup stay text.
func TestBrowserSearchEscapes(t *testing.T) {
	ctx := browser.New(t)
	src := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	write("content/site.yaml", "title: Escapes\nbaseURL: https://example.org/\n")
	write("content/articles/markup.md", "---\n"+
		`title: "Markup <img src=x onerror=\"window.__pwned=1\"> & <b>bold</b>"`+"\n"+
		"date: 2025-01-01\n"+
		`summary: "Zanzibar <script>window.__pwned=2</script> &amp; more"`+"\n"+
		"---\n\nZanzibar is a word in the text.\n")
	write("content/glossary/zanzibar.md", "---\nname: \"Zanzibar <i>Isles</i>\"\nkind: place\n"+
		"role: \"<em>Archipelago</em>\"\n---\n\nSome text.\n")
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), src, WithOutput(out), defaults())
	require.NoError(t, err)
	base := browser.Serve(t, out)

	s := runQuery(t, ctx, base, "zanzibar")
	require.Len(t, s.Hits, 2)
	assert.Equal(t, "Zanzibar <i>Isles</i>", s.Hits[0].Title)
	assert.Equal(t, "<em>Archipelago</em>", s.Hits[0].Detail)
	assert.Equal(t, `Markup <img src=x onerror="window.__pwned=1"> & <b>bold</b>`, s.Hits[1].Title)
	assert.Equal(t, "Zanzibar <script>window.__pwned=2</script> &amp; more", s.Hits[1].Snippet)
	assert.Zero(t, browser.Eval[int](t, ctx, `document.querySelectorAll("#search-results img, #search-results script, #search-results b, #search-results i, #search-results em").length`))
	assert.False(t, browser.Eval[bool](t, ctx, `"__pwned" in window`))
}

// TestSearchIndexIsBuilt needs no browser: a build writes the index, and
// the pages point at it with relative URLs, under any base URL.
func TestSearchIndexIsBuilt(t *testing.T) {
	for _, baseURL := range []string{"", "https://example.org/news/explainers/"} {
		t.Run(baseURL, func(t *testing.T) {
			var opts []Option
			if baseURL != "" {
				opts = append(opts, WithBaseURL(baseURL))
			}
			files := readTree(t, buildSample(t, opts...))
			var m search.Manifest
			require.NoError(t, json.Unmarshal([]byte(files["search/index.json"]), &m))
			docs := 0
			for name := range files {
				if strings.Count(name, "/") == 2 && strings.HasSuffix(name, "/index.html") &&
					(strings.HasPrefix(name, "articles/") || strings.HasPrefix(name, "glossary/")) {
					docs++
				}
			}
			assert.Equal(t, docs, m.Docs, "every entry and article is a document")
			for i := range m.Shards {
				assert.Contains(t, files, "search/"+search.TermShardFile(i))
			}
			for i := 0; i*m.DocShard < m.Docs; i++ {
				assert.Contains(t, files, "search/"+search.DocShardFile(i))
			}
			page := files["search/index.html"]
			assert.Contains(t, page, `data-index="./"`)
			assert.Regexp(t, `<link rel="stylesheet" href="../assets/search\.[0-9a-f]+\.css" integrity="sha384-`, page)
			assert.Regexp(t, `<script src="../assets/search\.[0-9a-f]+\.js" integrity="sha384-`, page)
			assert.Contains(t, page, `role="status"`)
			// Only the search page loads the search assets.
			article := files["articles/istanbul-talks-2025/index.html"]
			assert.NotContains(t, article, "assets/search.")
			assert.Contains(t, article, `action="../../search/"`)
		})
	}
}

package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/scratch"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/search"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderEmitsEveryFile(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	files := render(t, r, site)

	var want []string
	for _, p := range r.Pages(site) {
		want = append(want, urls.File(p.Path))
	}
	want = append(want, "feed.xml", "sitemap.xml", "robots.txt", "assets/images/kyiv.jpg",
		r.Assets["gloss.css"].Path, r.Assets["gloss.js"].Path)
	assert.ElementsMatch(t, want, slices.Collect(maps.Keys(files)))
	assert.Len(t, files, r.Files(site))
	assert.Equal(t, len(r.Pages(site)), r.NumPages(site))
	untagged := *site
	untagged.Tags = nil
	assert.Equal(t, len(r.Pages(&untagged)), r.NumPages(&untagged), "without tags, no list of tags")

	assert.Contains(t, files["glossary/kyiv/index.html"], "<h1>Kyiv</h1><p>The capital and largest city of Ukraine.</p>")
	assert.Contains(t, files["articles/older/index.html"], `<p class="card">Kyiv: The capital and largest city of Ukraine.</p>`)
	assert.Contains(t, files["404.html"], `href="/news/`)
	assert.Equal(t, "body {\n  color: black;\n}\n", files[r.Assets["gloss.css"].Path])
	assert.Equal(t, string(Robots(site)), files["robots.txt"])
}

// fakeOutput is an Output with fixed files or an error.
type fakeOutput struct {
	files map[string][]byte
	err   error
}

func (o fakeOutput) Files(*link.Site) (map[string][]byte, error) { return o.files, o.err }

func TestRenderOutputs(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	r.Outputs = []Output{fakeOutput{files: map[string][]byte{"search/index.json": []byte("{}"), "b.txt": []byte("b")}}}
	var order []string
	var mu sync.Mutex
	emit := func(name string, _ []byte) error {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, name)
		return nil
	}
	var diags diag.List
	require.NoError(t, r.Render(site, emit, &diags))
	i, j := slices.Index(order, "b.txt"), slices.Index(order, "search/index.json")
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, i+1, j, "an output's files are emitted together, sorted")

	boom := errors.New("index too large")
	r.Outputs = []Output{fakeOutput{err: boom}}
	assert.ErrorIs(t, r.Render(site, func(string, []byte) error { return nil }, &diags), boom)
}

func TestRenderEmitErrorStops(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	full := errors.New("disk full")
	var mu sync.Mutex
	var emitted []string
	// With one worker the jobs run in their order: the site-wide files
	// (feed.xml, robots.txt, sitemap.xml), then the pages and the rest.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	err := r.Render(site, func(name string, _ []byte) error {
		mu.Lock()
		defer mu.Unlock()
		emitted = append(emitted, name)
		if name == "robots.txt" {
			return full
		}
		return nil
	}, &diag.List{})
	assert.ErrorIs(t, err, full)
	assert.Equal(t, []string{"feed.xml", "robots.txt"}, emitted, "nothing is emitted after the failure")

	err = r.Render(site, func(name string, _ []byte) error {
		if strings.HasPrefix(name, "glossary/") {
			return full
		}
		return nil
	}, &diag.List{})
	assert.ErrorIs(t, err, full, "an error emitting a page is returned")
}

func TestRenderAnnotations(t *testing.T) {
	files := siteFiles()
	files["articles/older.md"] = `title: Older
date: 2025-05-01
annotations:
  - quote: Kyiv and Lviv
    kind: fact-check
    note: Both are cities.
    source:
      title: Atlas
      url: https://example.org/atlas
---
Kyiv and Lviv.
`
	site := linked(t, files)
	r := renderer(t, true)
	out := render(t, r, site)
	assert.Len(t, out, r.Files(site), "Files counts the annotation file")
	data, ok := out["articles/older/annotations.jsonld"]
	require.True(t, ok)
	var v struct {
		Context string `json:"@context"`
		ID      string `json:"id"`
		Type    string `json:"type"`
		Label   string `json:"label"`
		Total   int    `json:"total"`
		First   struct {
			ID    string `json:"id"`
			Items []struct {
				ID         string `json:"id"`
				Motivation string `json:"motivation"`
				Body       []map[string]string
				Target     struct {
					Source   string           `json:"source"`
					Selector []map[string]any `json:"selector"`
				} `json:"target"`
			} `json:"items"`
		} `json:"first"`
	}
	require.NoError(t, json.Unmarshal([]byte(data), &v))
	assert.Equal(t, "http://www.w3.org/ns/anno.jsonld", v.Context)
	assert.Equal(t, base+"articles/older/annotations.jsonld", v.ID)
	assert.Equal(t, "AnnotationCollection", v.Type)
	assert.Equal(t, "Notes on “Older”", v.Label)
	assert.Equal(t, 1, v.Total)
	require.Len(t, v.First.Items, 1)
	item := v.First.Items[0]
	assert.Equal(t, base+"articles/older/#note-1", item.ID)
	assert.Equal(t, "assessing", item.Motivation)
	require.Len(t, item.Body, 2)
	assert.Equal(t, "TextualBody", item.Body[0]["type"])
	assert.Contains(t, item.Body[0]["value"], "Both are cities.")
	assert.Equal(t, map[string]string{"type": "Text", "id": "https://example.org/atlas", "label": "Atlas", "purpose": "linking"}, item.Body[1])
	assert.Equal(t, base+"articles/older/", item.Target.Source)
	require.Len(t, item.Target.Selector, 2)
	assert.Equal(t, "TextQuoteSelector", item.Target.Selector[0]["type"])
	assert.Equal(t, "Kyiv and Lviv", item.Target.Selector[0]["exact"])
	assert.Equal(t, map[string]any{"type": "TextPositionSelector", "start": 0.0, "end": 13.0}, item.Target.Selector[1])
	assert.NotContains(t, out, "articles/talks/annotations.jsonld", "only articles with notes")
}

func TestMemoReusesEveryPage(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	r.Memo = &Memo{}
	pages := len(r.Pages(site))

	first := render(t, r, site)
	assert.Equal(t, pages, r.Memo.Rendered)
	assert.Equal(t, 0, r.Memo.Reused)
	assert.ElementsMatch(t, append(htmlFiles(first), "feed.xml", "sitemap.xml"), r.Memo.Changed,
		"every page is new, and so are the memoized site-wide files")

	again := linked(t, siteFiles()) // a fresh load of the same files
	second := render(t, r, again)
	assert.Equal(t, 0, r.Memo.Rendered)
	assert.Equal(t, pages, r.Memo.Reused)
	assert.Empty(t, r.Memo.Changed)
	assert.Equal(t, first, second)
}

func TestMemoChangedSummaryRerendersThePagesThatShowIt(t *testing.T) {
	r := renderer(t, true)
	r.Memo = &Memo{}
	render(t, r, linked(t, siteFiles()))

	files := siteFiles()
	files["glossary/kyiv.md"] = strings.Replace(files["glossary/kyiv.md"], "The capital and largest city of Ukraine.", "Capital since 882.", 1)
	site := linked(t, files)
	out := render(t, r, site)
	// Kyiv's card is on the articles that mention it and the entries
	// related to it; lists of everything are digested as a whole.
	assert.Equal(t, 10, r.Memo.Rendered)
	assert.Equal(t, 4, r.Memo.Reused, "404, search, the article and the entry that do not show Kyiv")
	assert.ElementsMatch(t, []string{
		"glossary/kyiv/index.html", "glossary/lviv/index.html", "glossary/putin/index.html",
		"articles/talks/index.html", "articles/older/index.html", "glossary/index.html",
	}, r.Memo.Changed, "only pages whose bytes changed")
	assert.Contains(t, out["articles/talks/index.html"], "Kyiv: Capital since 882.")

	fresh := render(t, renderer(t, true), site)
	assert.Equal(t, fresh, out, "reused pages are those a fresh render gives")
}

func TestMemoFeedAndSitemap(t *testing.T) {
	r := renderer(t, true)
	r.Memo = &Memo{}
	render(t, r, linked(t, siteFiles()))
	tests := []struct {
		name    string
		edit    func(files map[string]string)
		changed []string // of feed.xml and sitemap.xml
	}{
		{"nothing", func(map[string]string) {}, nil},
		{"an article's body: the feed has it", func(f map[string]string) {
			f["articles/talks.md"] = strings.Replace(f["articles/talks.md"], "Putin spoke", "Putin spoke again", 1)
		}, []string{"feed.xml"}},
		{"an entry's body: neither shows it", func(f map[string]string) {
			f["glossary/kyiv.md"] += "\nMore about the city.\n"
		}, nil},
		{"an article's update date: both show it", func(f map[string]string) {
			f["articles/talks.md"] = strings.Replace(f["articles/talks.md"], "updated: 2025-05-18", "updated: 2025-06-01", 1)
		}, []string{"feed.xml", "sitemap.xml"}},
	}
	files := siteFiles()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edit(files)
			site := linked(t, files)
			out := render(t, r, site)
			var changed []string
			for _, name := range r.Memo.Changed {
				if name == "feed.xml" || name == "sitemap.xml" {
					changed = append(changed, name)
				}
			}
			assert.Equal(t, tt.changed, changed)
			fresh := render(t, renderer(t, true), site)
			assert.Equal(t, fresh["feed.xml"], out["feed.xml"])
			assert.Equal(t, fresh["sitemap.xml"], out["sitemap.xml"])
		})
	}
}

func TestMemoCustomTemplatesDigestTheWholeSite(t *testing.T) {
	r := renderer(t, false)
	r.Memo = &Memo{}
	render(t, r, linked(t, siteFiles()))
	render(t, r, linked(t, siteFiles()))
	pages := r.Memo.Reused
	require.Positive(t, pages)

	files := siteFiles()
	files["glossary/un.md"] = "name: United Nations\nkind: organization\nsummary: Changed.\n---\n"
	render(t, r, linked(t, files))
	assert.Equal(t, pages, r.Memo.Rendered, "any page may show anything")
	assert.Equal(t, 0, r.Memo.Reused)
}

func TestMemoTemplatesAndSettingsInvalidate(t *testing.T) {
	site := linked(t, siteFiles())
	r := renderer(t, true)
	r.Memo = &Memo{}
	render(t, r, site)
	pages := r.Memo.Rendered

	// Other templates.
	files := testTemplates(true)
	for i := range files {
		if files[i].Name == "search.html" {
			files[i].Data = []byte(`{{define "content"}}<form role="search"></form>{{end}}`)
		}
	}
	r.Templates = parse(t, files)
	render(t, r, site)
	assert.Equal(t, pages, r.Memo.Rendered)
	assert.Equal(t, []string{"search/index.html"}, r.Memo.Changed)

	// Other assets.
	assets := testAssets()
	assets[0].Data = []byte("body{}")
	r.Assets = NewAssets(assets, nil)
	render(t, r, site)
	assert.Equal(t, pages, r.Memo.Rendered, "every page links the stylesheet")

	// Another title.
	other := siteFiles()
	other["site.yaml"] = strings.Replace(testSiteYAML, "Gloss Test", "Other", 1)
	render(t, r, linked(t, other))
	assert.Equal(t, pages, r.Memo.Rendered)
}

// TestMemoMatchesAFreshRender renders the sample site with the built-in
// templates, changes one thing, and checks that a render reusing pages
// gives the same files as a render from scratch.
func TestMemoMatchesAFreshRender(t *testing.T) {
	tplFiles, assetFiles := builtinTheme(t)
	tpls := parse(t, tplFiles)
	require.True(t, tpls.builtin)
	assets := NewAssets(assetFiles, nil)
	changes := map[string]func(f map[string]string){
		"entry summary": func(f map[string]string) {
			f["glossary/kyiv.md"] = strings.Replace(f["glossary/kyiv.md"], "largest city", "biggest city", 1)
		},
		"entry role": func(f map[string]string) {
			f["glossary/putin.md"] = strings.Replace(f["glossary/putin.md"], "President of Russia", "Head of state", 1)
		},
		"entry name": func(f map[string]string) {
			f["glossary/lviv.md"] = strings.Replace(f["glossary/lviv.md"], "name: Lviv", "name: Lwów", 1)
		},
		"entry body": func(f map[string]string) {
			f["glossary/kyiv.md"] = strings.Replace(f["glossary/kyiv.md"], "on the Dnipro", "on the river", 1)
		},
		"article title": func(f map[string]string) {
			f["articles/older.md"] = strings.Replace(f["articles/older.md"], "title: Older", "title: Earlier", 1)
		},
		"article body": func(f map[string]string) {
			f["articles/talks.md"] = strings.Replace(f["articles/talks.md"], "Putin spoke of Kyiv.", "Putin spoke of Kyiv again.", 1)
		},
		"article date": func(f map[string]string) {
			f["articles/plain.md"] = strings.Replace(f["articles/plain.md"], "2025-04-01", "2025-06-01", 1)
		},
		"article tags": func(f map[string]string) {
			f["articles/plain.md"] = strings.Replace(f["articles/plain.md"], "date: 2025-04-01", "date: 2025-04-01\ntags: [war]", 1)
		},
		"new entry": func(f map[string]string) {
			f["glossary/odesa.md"] = "name: Odesa\nkind: place\n---\n"
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			r := &Renderer{Templates: tpls, Assets: assets, Memo: &Memo{}}
			render(t, r, linked(t, siteFiles()))
			files := siteFiles()
			change(files)
			site := linked(t, files)
			reused := render(t, r, site)
			require.NotEmpty(t, r.Memo.Changed, "the change shows somewhere")
			fresh := render(t, &Renderer{Templates: tpls, Assets: assets}, site)
			for _, file := range htmlFiles(fresh) {
				assert.Equal(t, fresh[file], reused[file], "%s is stale", file)
			}
		})
	}
}

func TestRenderTransientGivesTheSameFiles(t *testing.T) {
	// With Transient, pages come from reused buffers; an emit that copies
	// what it gets (as a writer writes it out) sees the same files.
	site := linked(t, siteFiles())
	var kept, copied collect
	r := renderer(t, true)
	require.NoError(t, r.Render(site, kept.emit, &diag.List{}))
	r.Transient = true
	require.NoError(t, r.Render(site, copied.emit, &diag.List{}))
	assert.Equal(t, kept.files, copied.files)
}

// moreThanTheFeed is the test site with more articles than the feed shows.
func moreThanTheFeed() map[string]string {
	files := siteFiles()
	for i := range feedSize + 3 {
		files[fmt.Sprintf("articles/extra-%02d.md", i)] = fmt.Sprintf("title: Extra %d\ndate: 2024-01-%02d\n---\nText %d about Kyiv.\n", i, 1+i%28, i)
	}
	return files
}

// TestRenderConsume: a render that may consume the site writes the same
// files, and lets go of the bodies of the articles whose pages it wrote
// (but not of those the feed shows), of every article's text and of every
// mention. It runs with the built-in theme, compacted, as a one-shot build
// does.
func TestRenderConsume(t *testing.T) {
	files := moreThanTheFeed()
	tpls, assetFiles := builtinTemplates(t, true)
	var kept, consumed collect
	r := &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil), Outputs: []Output{textsOutput{}}}
	require.NoError(t, r.Render(linked(t, files), kept.emit, &diag.List{}))

	site := linked(t, files)
	r = &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil), Outputs: []Output{textsOutput{}},
		Transient: true, Consume: true}
	require.NoError(t, r.Render(site, consumed.emit, &diag.List{}))
	assert.Equal(t, kept.files, consumed.files, "the same files")
	assert.Contains(t, consumed.files["texts.txt"], "Text 3 about Kyiv.", "the outputs see the texts")
	require.Greater(t, len(site.Articles), feedSize)
	for i, a := range site.Articles {
		assert.Empty(t, a.Text, a.Path)
		assert.Empty(t, a.Mentions, a.Path)
		if i < feedSize {
			assert.NotEmpty(t, a.Body, "%s is in the feed", a.Path)
		} else {
			assert.Empty(t, a.Body, a.Path)
		}
	}
	appearances := 0
	for _, e := range site.Entries {
		for _, app := range e.Appearances {
			assert.Empty(t, app.Mentions, e.Path)
			appearances++
		}
	}
	assert.Positive(t, appearances, "the appearances stay, without their mentions")
	assert.Contains(t, kept.files["glossary/kyiv/index.html"], "Text 3 about", "entry pages show the sentences")
}

// TestRenderFromScratch: when the link stage kept the articles' bodies
// and texts in a scratch file, a one-shot render reads them back and
// writes the same files, search index included, as from memory: compact,
// where article pages are written in Go, and not, where their template
// runs.
func TestRenderFromScratch(t *testing.T) {
	for _, compact := range []bool{true, false} {
		t.Run(fmt.Sprint("compact=", compact), func(t *testing.T) { testRenderFromScratch(t, compact) })
	}
}

func testRenderFromScratch(t *testing.T, compact bool) {
	files := moreThanTheFeed()
	tpls, assetFiles := builtinTemplates(t, compact)
	require.Equal(t, compact, tpls.goArticles)
	outputs := []Output{search.Output{}}
	var kept collect
	r := &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil), Outputs: outputs}
	require.NoError(t, r.Render(linked(t, files), kept.emit, &diag.List{}))

	sf, err := scratch.Create(t.TempDir())
	require.NoError(t, err)
	defer sf.Close()
	site := linkedWith(t, files, link.Options{Scratch: sf, ReleaseSources: true})
	for _, a := range site.Articles {
		require.Empty(t, a.Body, "%s waits in the scratch file", a.Path)
	}
	var consumed collect
	r = &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil), Outputs: outputs, Transient: true, Consume: true}
	require.NoError(t, r.Render(site, consumed.emit, &diag.List{}))
	require.Equal(t, slices.Sorted(maps.Keys(kept.files)), slices.Sorted(maps.Keys(consumed.files)))
	for name, data := range kept.files {
		assert.Equal(t, data, consumed.files[name], name)
	}
	assert.True(t, strings.Contains(consumed.files[urls.Feed], "&lt;p&gt;Text 3 about "), "the feed shows bodies")
	for i, a := range site.Articles {
		assert.Empty(t, a.Text, a.Path)
		if i >= feedSize {
			assert.Empty(t, a.Body, "%s: let go after its page", a.Path)
		}
	}

	// A body that cannot be read back fails the render, and is no
	// template's problem: one the feed shows, read back first, and one
	// read back by its page.
	site = linkedWith(t, files, link.Options{Scratch: sf})
	require.NoError(t, sf.Close())
	var diags diag.List
	err = r.Render(site, (&collect{}).emit, &diags)
	assert.ErrorContains(t, err, "scratch file")
	assert.Empty(t, diags.Sorted())

	sf, err = scratch.Create(t.TempDir())
	require.NoError(t, err)
	site = linkedWith(t, files, link.Options{Scratch: sf})
	for _, a := range feedArticles(site) {
		a.Body, err = a.ReadBody()
		require.NoError(t, err)
	}
	require.NoError(t, sf.Close())
	diags = diag.List{}
	// Without the search index, which would fail on the texts first.
	r = &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil), Transient: true, Consume: true}
	err = r.Render(site, (&collect{}).emit, &diags)
	assert.ErrorContains(t, err, "scratch file")
	assert.Empty(t, diags.Sorted())
}

// textsOutput is an Output of one file: the articles' texts.
type textsOutput struct{}

func (textsOutput) Files(site *link.Site) (map[string][]byte, error) {
	var b strings.Builder
	for _, a := range site.Articles {
		b.WriteString(a.Text + "\n")
	}
	return map[string][]byte{"texts.txt": []byte(b.String())}, nil
}

// TestRenderConsumeNotWithTheSitesTemplates: a site's own template may show
// any article's body or text on any page, so nothing is dropped.
func TestRenderConsumeNotWithTheSitesTemplates(t *testing.T) {
	files := siteFiles()
	for i := range 8 {
		files[fmt.Sprintf("articles/extra-%02d.md", i)] = fmt.Sprintf("title: Extra %d\ndate: 2024-01-%02d\n---\nText %d about Kyiv.\n", i, 1+i, i)
	}
	tpls := testTemplates(false)
	for i, f := range tpls {
		if f.Name == "article.html" {
			// Every article page shows the length of every article's text.
			tpls[i].Data = []byte(`{{define "content"}}{{range .Site.Articles}}<p>{{len .Text}} {{len .Body}}</p>{{end}}{{end}}`)
		}
	}
	var kept, consumed collect
	r := &Renderer{Templates: parse(t, tpls), Assets: NewAssets(testAssets(), nil), Outputs: []Output{textsOutput{}}}
	require.NoError(t, r.Render(linked(t, files), kept.emit, &diag.List{}))
	site := linked(t, files)
	r = &Renderer{Templates: parse(t, tpls), Assets: NewAssets(testAssets(), nil), Outputs: []Output{textsOutput{}},
		Transient: true, Consume: true}
	require.NoError(t, r.Render(site, consumed.emit, &diag.List{}))
	assert.Equal(t, kept.files, consumed.files)
	for _, a := range site.Articles {
		assert.NotEmpty(t, a.Text, a.Path)
		assert.NotEmpty(t, a.Body, a.Path)
	}
}

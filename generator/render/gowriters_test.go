package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoWriterSources fails when a template that a Go writer follows
// changes. Change the writer to match (TestArticlePageMatchesTemplates,
// TestEntryPageMatchesTemplates and TestArticleItemMatchesTemplate say where
// they differ), then set its constant to the digest this test gives.
func TestGoWriterSources(t *testing.T) {
	tpls, _ := builtinTheme(t)
	byName := map[string]theme.File{}
	for _, f := range tpls {
		byName[f.Name] = f
	}
	assert.Equal(t, articlePageSources, templatesSum(byName, articlePageTemplates),
		"a built-in template of article pages changed: bring writeArticlePage in line with it, then update articlePageSources")
	assert.Equal(t, entryPageSources, templatesSum(byName, entryPageTemplates),
		"a built-in template of entry pages changed: bring writeEntryPage in line with it, then update entryPageSources")
	assert.Equal(t, entryCardSources, templatesSum(byName, entryCardTemplates),
		"the built-in entry card changed: bring writeEntryCard in line with it, then update entryCardSources")
	assert.Equal(t, articleItemSources, templatesSum(byName, articleItemTemplates),
		"a built-in template of article items changed: bring writeArticleItem in line with it, then update articleItemSources")
}

// articleSites are sites whose article pages writeArticlePage and the
// templates must write alike: every optional part present and absent, and
// text that needs escaping in every place it can go.
func articleSites() map[string]map[string]string {
	sites := map[string]map[string]string{"test site": siteFiles()}

	odd := siteFiles()
	odd["site.yaml"] = "title: <Gloss> & \"Co\" + 'friends'\nbaseURL: https://example.org/a b/ü/\nlanguage: uk\n"
	odd["articles/odd.md"] = `title: "<b>Bold</b> & \"quoted\" + 'single' — Kyiv"
date: 2025-05-20
summary: "Summary with <tags> & ampersands + plus"
dateline: "KYIV & <LVIV>"
authors: ["A & B", "<C>", "D'Arcy"]
tags: [war-and-peace, x1]
annotations:
  - quote: "Kyiv waited"
    note: "A note with **bold** & <angle> text."
    kind: fact-check
---
In the end Kyiv waited, and Putin spoke.
`
	odd["glossary/odd.md"] = `name: "<Odd> & \"Co\" + 'x'"
kind: organization
aliases: [Odd Co]
role: "Role <with> & marks"
summary: "Summary <b>& more</b>"
image: images/kyiv.jpg
image_alt: "Alt <text> & \"quotes\""
facts:
  - label: "Founded <when>"
    value: "1990 & later"
  - label: Seat
    value: Kyiv
related: [kyiv, un]
links:
  - title: "Site & <more>"
    url: "https://example.org/a b?x=1&y=ü#frag"
  - title: Mail
    url: "mailto:odd@example.org"
---
A body with **bold** and Kyiv.
`
	odd["glossary/event.md"] = `name: The Talks
kind: event
---
`
	odd["glossary/south.md"] = `name: Southwest
kind: place
coordinates: [-33.9, -151.2]
---
`
	odd["articles/bare.md"] = `title: Bare
date: 2024-01-01
---
No entries, tags, summary or notes here.
`
	sites["odd characters, no description"] = odd

	many := siteFiles()
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		many["articles/"+name+".md"] = "title: Article " + name + "\ndate: 2025-03-0" + string(rune('1'+len(name))) +
			"\ntags: [war]\n---\nKyiv, Lviv and Putin; the United Nations.\n"
	}
	sites["related articles"] = many
	return sites
}

func TestArticlePageMatchesTemplates(t *testing.T) {
	assertPagesMatch(t, "article", (*Renderer).writeArticlePage)
}

func TestEntryPageMatchesTemplates(t *testing.T) {
	assertPagesMatch(t, "entry", (*Renderer).writeEntryPage)
}

// assertPagesMatch writes every page of kind of articleSites with the
// built-in templates, compacted, and with write, and fails where the two
// differ. Some values are ones the loader would refuse, which a page must
// still escape alike.
func assertPagesMatch(t *testing.T, kind string, write func(*Renderer, *bytes.Buffer, *Page) error) {
	tpls, assetFiles := builtinTemplates(t, true)
	require.True(t, tpls.goArticles && tpls.goEntries, "the built-in templates, compacted, write pages in Go")
	for name, files := range articleSites() {
		t.Run(name, func(t *testing.T) {
			site := linked(t, files)
			if strings.HasPrefix(site.Config.Title, "<") {
				site.Config.Language = `uk"&<x>`
			}
			for _, a := range site.Articles {
				if a.Slug == "odd" {
					a.Tags = append(a.Tags, "war & peace", "ü ber/?#", "a+b", "javascript:alert(1)")
					a.Authors = append(a.Authors, "")
				}
			}
			for _, e := range site.Entries {
				if e.ID == "odd" {
					e.Kind = `organization"<x>`
					e.Links = append(e.Links, content.Link{Title: "Bad", URL: "javascript:alert(1)"})
				}
			}
			r := &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil)}
			tpls.partials.reset()
			n := 0
			for _, p := range r.Pages(site) {
				if p.Kind != kind {
					continue
				}
				n++
				var want, got bytes.Buffer
				require.NoError(t, tpls.Execute(&want, templateOf[p.Kind], p))
				require.NoError(t, write(r, &got, p))
				if want.String() != got.String() {
					t.Errorf("%s: %s", p.Path, firstDiff(want.String(), got.String()))
				}
			}
			assert.Positive(t, n)
		})
	}
}

// TestGoWritersOnlyWithTheBuiltInTemplates: a site that changes a template
// that a Go writer follows gets its own template's output.
func TestGoWritersOnlyWithTheBuiltInTemplates(t *testing.T) {
	tplFiles, assetFiles := builtinTheme(t)
	site := linked(t, siteFiles())
	names := slices.Concat(articlePageTemplates, entryPageTemplates, articleItemTemplates, entryCardTemplates)
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		t.Run(name, func(t *testing.T) {
			files := slices.Clone(tplFiles)
			for i, f := range files {
				if f.Name == name {
					files[i].Data = append(bytes.Clone(f.Data), []byte("<i>changed</i>")...)
				}
			}
			var diags diag.List
			tpls := ParseTemplates(files, &diags, WithCompact(true))
			require.NoError(t, diags.Err())
			assert.Equal(t, !slices.Contains(articlePageTemplates, name), tpls.goArticles, "article pages in Go")
			assert.Equal(t, !slices.Contains(entryPageTemplates, name), tpls.goEntries, "entry pages in Go")
			assert.Equal(t, !slices.Contains(articleItemTemplates, name), tpls.partials.goItems, "article items in Go")
			assert.Equal(t, !slices.Contains(entryCardTemplates, name), tpls.partials.goCards, "entry cards in Go")
			r := &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil)}
			out := render(t, r, site)
			// The pages that show the change, as the changed template
			// puts it outside any block: page templates do not.
			shown := map[string][]string{
				"base.html":                  {"articles/talks/index.html", "glossary/kyiv/index.html"},
				"partials/header.html":       {"articles/talks/index.html", "glossary/kyiv/index.html"},
				"partials/footer.html":       {"articles/talks/index.html", "glossary/kyiv/index.html"},
				"partials/article-meta.html": {"articles/talks/index.html", "index.html"},
				"partials/appearances.html":  {"glossary/kyiv/index.html"},
				"partials/article-item.html": {"index.html"},
				"partials/entry-card.html":   {"articles/talks/index.html", "glossary/index.html"},
			}[name]
			for _, page := range shown {
				assert.True(t, strings.Contains(out[page], "<i>changed</i>"), "%s comes from the changed template", page)
			}
		})
	}
	t.Run("not compacted", func(t *testing.T) {
		var diags diag.List
		tpls := ParseTemplates(tplFiles, &diags)
		require.NoError(t, diags.Err())
		assert.False(t, tpls.goArticles, "readable pages keep the templates' indentation")
		assert.False(t, tpls.goEntries, "readable pages keep the templates' indentation")
		assert.False(t, tpls.partials.goItems, "readable pages keep the templates' indentation")
		assert.False(t, tpls.partials.goCards, "readable pages keep the templates' indentation")
	})
	t.Run("a changed page template of another kind", func(t *testing.T) {
		files := make([]theme.File, len(tplFiles))
		copy(files, tplFiles)
		for i, f := range files {
			if f.Name == "glossary.html" {
				files[i].Data = []byte(strings.Replace(string(f.Data), "listing", "list", 1))
			}
		}
		var diags diag.List
		tpls := ParseTemplates(files, &diags, WithCompact(true))
		require.NoError(t, diags.Err())
		assert.True(t, tpls.goArticles, "glossary.html is not part of an article page")
		assert.True(t, tpls.goEntries, "glossary.html is not part of an entry page")
		assert.True(t, tpls.partials.goItems, "glossary.html is not part of an article item")
		assert.True(t, tpls.partials.goCards, "glossary.html is not part of an entry card")
	})
}

// TestArticlePageFallsBackToTheTemplate: when the Go writer cannot write a
// page (here: an asset is missing), the template runs and reports the
// problem at its line.
func TestArticlePageFallsBackToTheTemplate(t *testing.T) {
	tplFiles, assetFiles := builtinTheme(t)
	var kept []theme.File
	for _, f := range assetFiles {
		if f.Name != "gloss.js" {
			kept = append(kept, f)
		}
	}
	var diags diag.List
	tpls := ParseTemplates(tplFiles, &diags, WithCompact(true))
	require.NoError(t, diags.Err())
	r := &Renderer{Templates: tpls, Assets: NewAssets(kept, nil)}
	var c collect
	require.NoError(t, r.Render(linked(t, siteFiles()), c.emit, &diags))
	require.Error(t, diags.Err())
	assert.Contains(t, diags.Err().Error(), `templates/base.html`)
	assert.Contains(t, diags.Err().Error(), `no asset "gloss.js"`)
}

func TestArticleItemMatchesTemplate(t *testing.T) {
	tpls, assetFiles := builtinTemplates(t, true)
	require.True(t, tpls.partials.goItems, "the built-in templates, compacted, write article items in Go")
	for name, files := range articleSites() {
		t.Run(name, func(t *testing.T) {
			site := linked(t, files)
			for _, a := range site.Articles {
				if a.Slug == "odd" {
					a.Authors = append(a.Authors, "E & <F>", "")
				}
			}
			r := &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil)}
			n := 0
			for _, p := range r.Pages(site) {
				if p.Kind != "home" && p.Kind != "tag" {
					continue
				}
				for _, a := range site.Articles {
					n++
					tpls.partials.reset()
					tpls.partials.goItems = false
					want, err := tpls.partials.articleItem(p, a)
					require.NoError(t, err)
					tpls.partials.goItems = true
					got, err := tpls.partials.articleItem(p, a)
					require.NoError(t, err)
					assert.Equal(t, want, got, "%s on %s", a.Path, p.Path)
				}
			}
			assert.Positive(t, n)
		})
	}
}

// firstDiff says where the Go writer's output (got) first differs from the
// template's (want), with some text around.
func firstDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(i-80, 0)
	return fmt.Sprintf("differs at byte %d:\ntemplate: %q\nGo:       %q", i, want[from:min(i+80, len(want))], got[from:min(i+80, len(got))])
}

func TestEntryCardMatchesTemplate(t *testing.T) {
	tpls, assetFiles := builtinTemplates(t, true)
	require.True(t, tpls.partials.goCards, "the built-in templates, compacted, write entry cards in Go")
	for name, files := range articleSites() {
		t.Run(name, func(t *testing.T) {
			site := linked(t, files)
			for _, e := range site.Entries {
				if e.ID == "odd" {
					e.Kind = `organization"<x>`
					e.ID = `odd"<&>`
					e.Image, e.ImageAlt = "odd.png", `an "odd" logo`
				}
			}
			r := &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil)}
			type card struct {
				page, entry string
				count       bool
			}
			wants := map[card]template.HTML{}
			pages := r.Pages(site)
			for _, p := range pages {
				if p.Kind != "article" && p.Kind != "entry" && p.Kind != "glossary" {
					continue
				}
				for _, e := range site.Entries {
					for _, count := range []bool{false, true} {
						call := tpls.partials.card
						if count {
							call = tpls.partials.cardCount
						}
						tpls.partials.reset()
						tpls.partials.goCards = false
						want, err := call(p, e)
						require.NoError(t, err)
						wants[card{p.Path, e.ID, count}] = want
						tpls.partials.goCards = true
						got, err := call(p, e)
						require.NoError(t, err)
						if want != got {
							t.Errorf("%s on %s (count %v): %s", e.ID, p.Path, count, firstDiff(string(want), string(got)))
						}
					}
				}
			}
			assert.Positive(t, len(wants))
			// In one render, the cards written in Go are kept and shared
			// by the pages whose cards are the same, and only by those.
			tpls.partials.reset()
			for _, p := range pages {
				for _, e := range site.Entries {
					for _, count := range []bool{false, true} {
						want, ok := wants[card{p.Path, e.ID, count}]
						if !ok {
							continue
						}
						call := tpls.partials.card
						if count {
							call = tpls.partials.cardCount
						}
						got, err := call(p, e)
						require.NoError(t, err)
						if want != got {
							t.Errorf("kept: %s on %s (count %v): %s", e.ID, p.Path, count, firstDiff(string(want), string(got)))
						}
					}
				}
			}
			assert.Less(t, len(tpls.partials.goCardsOut), len(wants), "some cards are shared")
		})
	}
}

// TestGoWritersNotWhenAnotherFileRedefines: a site's own partial may
// {{define}} a template that the built-in files define; the pages then show
// its version, so the Go writers stand aside.
func TestGoWritersNotWhenAnotherFileRedefines(t *testing.T) {
	tplFiles, assetFiles := builtinTheme(t)
	site := linked(t, siteFiles())
	tests := []struct {
		name, define string
		// which writers still run
		articles, entries, items, cards bool
		// a page that shows the redefinition
		page string
	}{
		{"head (article.html defines its own)", "head", true, false, true, true, "glossary/kyiv/index.html"},
		{"footer", "partials/footer.html", false, false, true, true, "articles/talks/index.html"},
		{"byline", "partials/article-meta.html", false, true, false, true, "index.html"},
		{"appearances", "partials/appearances.html", true, false, true, true, "glossary/kyiv/index.html"},
		{"card", "partials/entry-card.html", true, true, true, false, "articles/talks/index.html"},
		{"item", "partials/article-item.html", true, true, false, true, "index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := append(slices.Clone(tplFiles), theme.File{Name: "partials/zz-site.html", Path: "templates/partials/zz-site.html",
				Data: []byte(`{{define "` + tt.define + `"}}<i>redefined</i>{{end}}`)})
			var diags diag.List
			tpls := ParseTemplates(files, &diags, WithCompact(true))
			require.NoError(t, diags.Err())
			assert.Equal(t, tt.articles, tpls.goArticles, "article pages in Go")
			assert.Equal(t, tt.entries, tpls.goEntries, "entry pages in Go")
			assert.Equal(t, tt.items, tpls.partials.goItems, "article items in Go")
			assert.Equal(t, tt.cards, tpls.partials.goCards, "entry cards in Go")
			out := render(t, &Renderer{Templates: tpls, Assets: NewAssets(assetFiles, nil)}, site)
			assert.True(t, strings.Contains(out[tt.page], "<i>redefined</i>"), "%s shows the site's definition", tt.page)
		})
	}
}

package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemoTracksWhatJSONLDShows checks that a page is rendered again when an
// entry it describes in its JSON-LD changes: aliases, coordinates, links.
func TestMemoTracksWhatJSONLDShows(t *testing.T) {
	edits := map[string]func(string) string{
		"alias":       func(s string) string { return strings.Replace(s, "aliases: [Kiev]", "aliases: [Kiev, Kyjiw]", 1) },
		"coordinates": func(s string) string { return strings.Replace(s, "[50.45, 30.52]", "[50.4501, 30.5234]", 1) },
		"link":        func(s string) string { return strings.Replace(s, "wiki/Kyiv", "wiki/Kyiv_city", 1) },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			r := renderer(t, true)
			r.Memo = &Memo{}
			render(t, r, linked(t, siteFiles()))
			files := siteFiles()
			files["glossary/kyiv.md"] = edit(files["glossary/kyiv.md"])
			site := linked(t, files)
			out := render(t, r, site)
			fresh := render(t, renderer(t, true), site)
			assert.Equal(t, fresh, out, "no stale page")
		})
	}
}

// TestTemplateEscapingErrorPlace checks that an html/template escaping error
// is reported in the template it is in, not the layout that includes it.
func TestTemplateEscapingErrorPlace(t *testing.T) {
	tpls, _ := builtinTheme(t)
	for i, f := range tpls {
		if f.Name == "search.html" {
			tpls[i] = theme.File{Name: f.Name, Path: "templates/search.html",
				Data: []byte("{{define \"content\"}}\n\n{{if .Title}}<a href=\"{{else}}<b>{{end}}\n{{end}}")}
		}
	}
	var diags diag.List
	tt := ParseTemplates(tpls, &diags)
	require.NotNil(t, tt)
	r := &Renderer{Templates: tt, Assets: NewAssets(testAssets(), nil)}
	err := r.Render(linked(t, siteFiles()), func(string, []byte) error { return nil }, &diags)
	require.NoError(t, err)
	var errs *diag.Errors
	require.True(t, errors.As(diags.Err(), &errs))
	require.Len(t, errs.List, 1)
	assert.Equal(t, "templates/search.html", errs.List[0].Path)
	assert.Equal(t, 3, errs.List[0].Line)
}

func TestSitemapTagPageLastChange(t *testing.T) {
	files := siteFiles()
	site := linked(t, files)
	r := renderer(t, true)
	data, err := r.Sitemap(site)
	require.NoError(t, err)
	sm := string(data)
	// The tag page changed when its most recently changed article did.
	i := strings.Index(sm, "tags/war/</loc>")
	require.GreaterOrEqual(t, i, 0)
	var newest string
	for _, a := range site.Articles {
		for _, tg := range a.Tags {
			if tg == "war" {
				if c := stamp(lastChange(a))[:10]; c > newest {
					newest = c
				}
			}
		}
	}
	assert.Contains(t, sm[i:i+80], "<lastmod>"+newest+"</lastmod>")
}

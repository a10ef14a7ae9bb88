package render

import (
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/theme"
	"github.com/stretchr/testify/require"
)

const testSiteYAML = "title: Gloss Test\nbaseURL: https://example.org/news/\ndescription: Who is who.\n"

// siteFiles is a small site by path below content/; each value is a file's
// front matter YAML, "---" and its body.
func siteFiles() map[string]string {
	return map[string]string{
		"site.yaml": testSiteYAML,
		"glossary/kyiv.md": `name: Kyiv
kind: place
aliases: [Kiev]
role: Capital of Ukraine
summary: The capital and largest city of Ukraine.
coordinates: [50.45, 30.52]
links:
  - title: Wikipedia
    url: https://en.wikipedia.org/wiki/Kyiv
---
A city on the Dnipro.
`,
		"glossary/putin.md": `name: Vladimir Putin
kind: person
aliases: [Putin]
role: President of Russia
---
`,
		"glossary/lviv.md": `name: Lviv
kind: place
summary: A city in western Ukraine.
---
`,
		"glossary/un.md": `name: United Nations
kind: organization
---
`,
		"articles/talks.md": `title: Talks about Kyiv
date: 2025-05-16
updated: 2025-05-18
summary: Who met whom.
dateline: ISTANBUL
authors: [Ann Lee, Bo Chen]
tags: [diplomacy, war]
---
## What was agreed

Putin spoke of Kyiv.[^1] See [the older story](older.md) and the ![map](map.png).

[^1]: A footnote with a [link](https://example.com/x?a=1&b=2).
`,
		"articles/older.md": `title: Older
date: 2025-05-01
tags: [war]
---
Kyiv and Lviv.
`,
		"articles/plain.md": `title: Plain
date: 2025-04-01
---
Nothing to mention.
`,
	}
}

// fsysOf makes a site folder of files (see siteFiles).
func fsysOf(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, s := range files {
		if p == "site.yaml" {
			m["content/site.yaml"] = &fstest.MapFile{Data: []byte(s)}
			continue
		}
		m["content/"+p] = &fstest.MapFile{Data: []byte("---\n" + s)}
	}
	return m
}

// linked loads and links files, failing the test on any error.
func linked(t testing.TB, files map[string]string) *link.Site {
	t.Helper()
	return linkedWith(t, files, link.Options{})
}

// linkedWith is linked with link options.
func linkedWith(t testing.TB, files map[string]string, opts link.Options) *link.Site {
	t.Helper()
	var diags diag.List
	s := link.Link(content.Load(fsysOf(files), content.Options{}, &diags), &diags, opts)
	require.NoError(t, diags.Err())
	return s
}

// testTemplates are small page templates that show what the built-in ones
// show of each page, marked built-in so that Memo digests pages one by one.
func testTemplates(builtin bool) []theme.File {
	tpl := map[string]string{
		"base.html": `<!DOCTYPE html><html lang="{{.Site.Config.Language}}"><title>{{.Title}}</title>` +
			`<link rel="stylesheet" href="{{.Asset "gloss.css"}}" integrity="{{.Integrity "gloss.css"}}">` +
			`{{with .JSONLD}}<script type="application/ld+json">{{.}}</script>{{end}}` +
			`<main>{{block "content" .}}{{end}}</main></html>`,
		"partials/card.html": `<p class="card">{{.Name}}: {{.Summary}}</p>`,
		"index.html":         `{{define "content"}}{{range .Site.Articles}}<h2>{{.Title}}</h2><p>{{.Summary}}</p>{{end}}{{end}}`,
		"article.html": `{{define "content"}}{{with .Article}}<h1>{{.Title}}</h1>{{.Body}}` +
			`{{range .Entries}}{{template "partials/card.html" .}}{{end}}` +
			`{{range .Related}}<a href="{{$.URL .Page}}">{{.Title}}</a>{{end}}{{end}}{{end}}`,
		"entry.html": `{{define "content"}}{{with .Entry}}<h1>{{.Name}}</h1><p>{{.Summary}}</p>{{.Body}}` +
			`{{range .Appearances}}<a href="{{.Href}}">{{.Article.Title}}</a>{{range .Mentions}}{{.Before}}[{{.Text}}]{{.After}}{{end}}{{end}}` +
			`{{range .Related}}{{template "partials/card.html" .}}{{end}}{{end}}{{end}}`,
		"glossary.html": `{{define "content"}}{{range .Site.Kinds}}<h2>{{kindPlural .Kind}}</h2>` +
			`{{range .Entries}}{{template "partials/card.html" .}}{{end}}{{end}}{{end}}`,
		"404.html":    `{{define "content"}}<a href="{{.URL ""}}">Home</a>{{end}}`,
		"search.html": `{{define "content"}}<form></form>{{end}}`,
		"tags.html":   `{{define "content"}}{{range .Site.Tags}}<a href="{{$.URL .Page}}">{{.Name}}</a>{{end}}{{end}}`,
		"tag.html":    `{{define "content"}}{{range .Tag.Articles}}<h2>{{.Title}}</h2>{{end}}{{end}}`,
	}
	var files []theme.File
	for _, name := range slices.Sorted(maps.Keys(tpl)) {
		files = append(files, theme.File{Name: name, Path: "templates/" + name, Data: []byte(tpl[name]), Builtin: builtin})
	}
	return files
}

func testAssets() []theme.File {
	return []theme.File{
		{Name: "gloss.css", Path: "(built-in) assets/gloss.css", Data: []byte("body {\n  color: black;\n}\n"), Builtin: true},
		{Name: "gloss.js", Path: "(built-in) assets/gloss.js", Data: []byte("var  answer = 42 ;\n"), Builtin: true},
		{Name: "images/kyiv.jpg", Path: "assets/images/kyiv.jpg", Data: []byte("\xff\xd8jpeg")},
	}
}

// parse parses templates and fails the test on any problem.
func parse(t testing.TB, files []theme.File) *Templates {
	t.Helper()
	var diags diag.List
	tpls := ParseTemplates(files, &diags)
	require.NoError(t, diags.Err())
	require.NotNil(t, tpls)
	return tpls
}

// renderer is a Renderer with the test templates and assets.
func renderer(t testing.TB, builtin bool) *Renderer {
	return &Renderer{Templates: parse(t, testTemplates(builtin)), Assets: NewAssets(testAssets(), nil)}
}

// collect is an Emit that keeps every file.
type collect struct {
	mu    sync.Mutex
	files map[string]string
}

func (c *collect) emit(name string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]string{}
	}
	c.files[name] = string(data)
	return nil
}

// render renders site with r and returns the files, failing on errors.
func render(t testing.TB, r *Renderer, site *link.Site) map[string]string {
	t.Helper()
	var c collect
	var diags diag.List
	require.NoError(t, r.Render(site, c.emit, &diags))
	require.NoError(t, diags.Err())
	return c.files
}

// builtinTheme reads the repository's built-in templates and assets.
func builtinTheme(t testing.TB) (tpls, assets []theme.File) {
	t.Helper()
	root := "../.."
	_, err := os.Stat(root + "/templates/base.html")
	require.NoError(t, err, "the built-in templates are at the repository root")
	th := theme.New(nil, os.DirFS(root))
	tpls, err = th.Files(theme.TemplatesDir)
	require.NoError(t, err)
	assets, err = th.Files(theme.AssetsDir)
	require.NoError(t, err)
	return tpls, assets
}

// builtinTemplates parses the built-in templates, compact or not.
func builtinTemplates(t *testing.T, compact bool) (*Templates, []theme.File) {
	t.Helper()
	tplFiles, assetFiles := builtinTheme(t)
	var diags diag.List
	tpls := ParseTemplates(tplFiles, &diags, WithCompact(compact))
	require.NoError(t, diags.Err())
	return tpls, assetFiles
}

func pageOf(t testing.TB, r *Renderer, site *link.Site, kind, path string) *Page {
	t.Helper()
	for _, p := range r.Pages(site) {
		if p.Kind == kind && (path == "" || p.Path == path) {
			return p
		}
	}
	t.Fatalf("no %s page %s", kind, path)
	return nil
}

func htmlFiles(files map[string]string) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

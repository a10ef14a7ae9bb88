package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withFile returns the test templates with name set to data (nil removes it).
func withFile(name string, data *string) []theme.File {
	var out []theme.File
	found := false
	for _, f := range testTemplates(false) {
		if f.Name == name {
			found = true
			if data == nil {
				continue
			}
			f.Data = []byte(*data)
		}
		out = append(out, f)
	}
	if !found && data != nil {
		out = append(out, theme.File{Name: name, Path: "templates/" + name, Data: []byte(*data)})
	}
	return out
}

func str(s string) *string { return &s }

func parseMessages(files []theme.File) (*Templates, []string) {
	var diags diag.List
	tpls := ParseTemplates(files, &diags)
	var msgs []string
	for _, d := range diags.Sorted() {
		msgs = append(msgs, d.String())
	}
	return tpls, msgs
}

func TestParseTemplates(t *testing.T) {
	tpls, msgs := parseMessages(testTemplates(true))
	require.Empty(t, msgs)
	require.NotNil(t, tpls)
	assert.True(t, tpls.builtin)
	assert.Len(t, tpls.pages, len(pageTemplates))

	other, _ := parseMessages(testTemplates(false))
	assert.False(t, other.builtin)
	assert.Equal(t, tpls.digest, other.digest, "the digest is of names and bytes")
	changed, _ := parseMessages(withFile("404.html", str(`{{define "content"}}gone{{end}}`)))
	assert.NotEqual(t, tpls.digest, changed.digest)
}

func TestParseTemplatesBuiltinOnlyWhenEveryFileIs(t *testing.T) {
	files := testTemplates(true)
	files[3].Builtin = false
	tpls, msgs := parseMessages(files)
	require.Empty(t, msgs)
	assert.False(t, tpls.builtin)
}

func TestParseTemplatesErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []theme.File
		want  []string
	}{
		{"missing base layout", withFile("base.html", nil),
			[]string{"templates/base.html: missing base layout"}},
		{"missing page template", withFile("tag.html", nil),
			[]string{"templates/tag.html: missing page template"}},
		{"syntax error in a page", withFile("article.html", str("{{define \"content\"}}\n\n{{if}}{{end}}")),
			[]string{"templates/article.html:3: missing value for if"}},
		{"syntax error in a partial", withFile("partials/bad.html", str("ok\n{{ .Foo ")),
			[]string{"templates/partials/bad.html:2: unclosed action"}},
		{"unknown function", withFile("index.html", str("{{define \"content\"}}{{nope .}}{{end}}")),
			[]string{`templates/index.html:1: function "nope" not defined`}},
		{"several problems", func() []theme.File {
			fs := withFile("tag.html", nil)
			for i := range fs {
				if fs[i].Name == "search.html" {
					fs[i].Data = []byte("{{end}}")
				}
			}
			return fs
		}(), []string{
			"templates/search.html:1: unexpected {{end}}",
			"templates/tag.html: missing page template",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpls, msgs := parseMessages(tt.files)
			assert.Nil(t, tpls)
			assert.Equal(t, tt.want, msgs)
		})
	}
}

func TestParseTemplatesSitePath(t *testing.T) {
	// A message names the file where it is: the site's copy or the
	// built-in default.
	files := withFile("article.html", str("{{define \"content\"}}{{if}}{{end}}"))
	for i := range files {
		if files[i].Name == "article.html" {
			files[i].Path = "(built-in) templates/article.html"
		}
	}
	_, msgs := parseMessages(files)
	assert.Equal(t, []string{"(built-in) templates/article.html:1: missing value for if"}, msgs)
}

func TestPartialsOnlyFromPartialsFolder(t *testing.T) {
	// Other .html files and non-HTML files in partials/ are not parsed.
	files := append(testTemplates(false),
		theme.File{Name: "partials/notes.txt", Path: "templates/partials/notes.txt", Data: []byte("{{broken")},
		theme.File{Name: "extra/x.html", Path: "templates/extra/x.html", Data: []byte("{{broken")})
	tpls, msgs := parseMessages(files)
	assert.Empty(t, msgs)
	assert.NotNil(t, tpls)
}

func TestExecute(t *testing.T) {
	tpls := parse(t, testTemplates(false))
	site := linked(t, siteFiles())
	r := &Renderer{Templates: tpls, Assets: NewAssets(testAssets(), nil)}
	var buf bytes.Buffer
	require.NoError(t, tpls.Execute(&buf, "404.html", pageOf(t, r, site, "404", "")))
	assert.Contains(t, buf.String(), `<main><a href="/news/">Home</a></main>`, "the 404 page links from the root")
	assert.EqualError(t, tpls.Execute(&buf, "nope.html", nil), "no template nope.html")
}

func TestTemplateDiagnostic(t *testing.T) {
	tpls := parse(t, testTemplates(false))
	tpls.paths["article.html"] = "templates/article.html"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"line and column", errors.New(`template: article.html:3:4: executing "content" at <.Nope>: can't evaluate field Nope`),
			`templates/article.html:3:5: executing "content" at <.Nope>: can't evaluate field Nope`},
		{"line only", errors.New("template: index.html:7: unexpected EOF"), "templates/index.html:7: unexpected EOF"},
		{"no place", errors.New("something else"), "templates: something else"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tpls.diagnostic(tt.err).String())
		})
	}
}

func TestRenderTemplateErrorReportedOnce(t *testing.T) {
	files := withFile("article.html", str("{{define \"content\"}}\n<h1>{{.Title}}</h1>\n  {{.Nope}}{{end}}"))
	r := &Renderer{Templates: parse(t, files), Assets: NewAssets(testAssets(), nil)}
	site := linked(t, siteFiles())
	var c collect
	var diags diag.List
	require.NoError(t, r.Render(site, c.emit, &diags))
	errs := diags.Sorted()
	require.Len(t, errs, 1, "three articles fail, one message")
	d := errs[0]
	assert.Equal(t, "templates/article.html", d.Path)
	assert.Equal(t, []int{3, 5}, []int{d.Line, d.Col})
	assert.True(t, strings.HasPrefix(d.Msg, `executing "content" at <.Nope>: can't evaluate field Nope in type *render.Page (rendering articles/`), d.Msg)
	assert.True(t, strings.HasSuffix(d.Msg, "/index.html)"), d.Msg)
	for name := range c.files {
		assert.False(t, strings.HasPrefix(name, "articles/"), "no article page is emitted: %s", name)
	}
	assert.Contains(t, c.files, "index.html", "other pages still render")
}

func TestRenderMissingAsset(t *testing.T) {
	r := &Renderer{Templates: parse(t, testTemplates(false)), Assets: Assets{}}
	var c collect
	var diags diag.List
	require.NoError(t, r.Render(linked(t, siteFiles()), c.emit, &diags))
	errs := diags.Sorted()
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Msg, `no asset "gloss.css" in assets/`)
	assert.Equal(t, "templates/base.html", errs[0].Path)
}

func TestRenderHTMLEscapingError(t *testing.T) {
	// html/template finds some problems only when it first executes a
	// template; they fail the page like any other template error.
	files := withFile("search.html", str("{{define \"content\"}}\n\n{{if .Title}}<a href=\"{{else}}<b>{{end}}{{end}}"))
	r := &Renderer{Templates: parse(t, files), Assets: NewAssets(testAssets(), nil)}
	var c collect
	var diags diag.List
	require.NoError(t, r.Render(linked(t, siteFiles()), c.emit, &diags))
	errs := diags.Sorted()
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Msg, "{{if}} branches end in different contexts")
	assert.True(t, strings.HasSuffix(errs[0].Msg, "(rendering search/index.html)"), errs[0].Msg)
	assert.NotContains(t, c.files, "search/index.html")
	assert.Contains(t, c.files, "404.html")
}

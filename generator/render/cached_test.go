package render

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"html/template"
	"testing"

	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/theme"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func cachedSet(t *testing.T, partial string) (*partials, *template.Template, *int) {
	t.Helper()
	calls := 0
	p := &partials{out: map[string]template.HTML{}}
	root := template.New("").Funcs(template.FuncMap{
		"partialCached": p.cached,
		"count":         func() int { calls++; return calls },
	})
	p.root = root
	template.Must(root.New("partials/p.html").Parse(partial))
	page := template.Must(template.Must(root.Clone()).New("page").Parse(
		`{{range .}}[{{partialCached "partials/p.html" . .}}]{{end}}`))
	return p, page, &calls
}

func TestPartialCached(t *testing.T) {
	p, page, calls := cachedSet(t, `<b>{{.}}</b>#{{count}}`)
	var buf bytes.Buffer
	require.NoError(t, page.Execute(&buf, []string{"a", "<i>", "a", "<i>"}))
	assert.Equal(t, "[<b>a</b>#1][<b>&lt;i&gt;</b>#2][<b>a</b>#1][<b>&lt;i&gt;</b>#2]", buf.String(),
		"each key runs the partial once, and its data is escaped")
	assert.Equal(t, 2, *calls)

	buf.Reset()
	require.NoError(t, page.Execute(&buf, []string{"a"}))
	assert.Equal(t, "[<b>a</b>#1]", buf.String(), "the same render still has the output")
	p.reset()
	buf.Reset()
	require.NoError(t, page.Execute(&buf, []string{"a"}))
	assert.Equal(t, "[<b>a</b>#3]", buf.String(), "a new render runs the partial again")
}

func TestPartialCachedKeys(t *testing.T) {
	p, _, _ := cachedSet(t, `{{.}}`)
	one, other := &struct{ A int }{1}, &struct{ A int }{1}
	tests := []struct {
		name string
		keys []any
		want template.HTML
	}{
		{"no keys", nil, "0"},
		{"a string key", []any{"k"}, "1"},
		{"the same string key", []any{"k"}, "1"},
		{"an int key", []any{1}, "3"},
		{"the same number as a string is another key", []any{"1"}, "4"},
		{"two keys", []any{"k", 1}, "5"},
		{"another type", []any{2.5}, "6"},
		{"no keys again", nil, "0"},
		{"a separator inside a key", []any{"a\x00b"}, "8"},
		{"two keys that would join to it", []any{"a", "b"}, "9"},
		{"one string that looks like two keys", []any{"1:sa1:sb"}, "10"},
		{"a pointer", []any{one}, "11"},
		{"the same pointer", []any{one}, "11"},
		{"a pointer to an equal value", []any{other}, "13"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := p.cached("partials/p.html", strconv.Itoa(i), tt.keys...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, out)
		})
	}
}

func TestPartialCachedErrors(t *testing.T) {
	p, _, _ := cachedSet(t, `{{.Nope}}`)
	_, err := p.cached("partials/none.html", nil)
	assert.EqualError(t, err, `partialCached: no template "partials/none.html"`)
	_, err = p.cached("partials/p.html", 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "can't evaluate field Nope")
	_, err = p.cached("partials/p.html", 1)
	require.Error(t, err, "failures are not cached")
}

func TestCardsAndItems(t *testing.T) {
	files := append(withFile("partials/entry-card.html",
		str(`<a id="{{.ID}}" href="{{.Page.URL .Entry.Page}}">{{.Entry.Name}}</a>{{with .Count}} ({{.}}){{end}}`)),
		theme.File{Name: "partials/article-item.html", Path: "templates/partials/article-item.html",
			Data: []byte(`<a href="{{.Page.URL .Article.Page}}">{{.Article.Title}}</a>`)})
	r := &Renderer{Templates: parse(t, files), Assets: NewAssets(testAssets(), nil)}
	site := linked(t, siteFiles())
	p := r.Templates.partials
	p.reset()
	home, glossary := pageOf(t, r, site, "home", ""), pageOf(t, r, site, "glossary", "")
	kyiv := site.Entries[slices.IndexFunc(site.Entries, func(e *link.Entry) bool { return e.ID == "kyiv" })]
	article := site.Articles[0]
	onArticle := pageOf(t, r, site, "article", article.Page)

	out, err := p.card(onArticle, kyiv)
	require.NoError(t, err)
	assert.Equal(t, template.HTML(`<a id="card-kyiv" href="../../glossary/kyiv/">Kyiv</a>`), out)
	out, err = p.cardCount(glossary, kyiv)
	require.NoError(t, err)
	assert.Equal(t, template.HTML(fmt.Sprintf(`<a id="" href="kyiv/">Kyiv</a> (%d)`, len(kyiv.Appearances))), out,
		"a card with a count, at another depth, is another card")
	// Pages as deep as each other still link differently: a card made for
	// an entry page is not reused on an article page.
	onEntry := pageOf(t, r, site, "entry", "glossary/putin/")
	out, err = p.cardCount(onEntry, kyiv)
	require.NoError(t, err)
	assert.Contains(t, string(out), `href="../kyiv/"`)
	out, err = p.cardCount(onArticle, kyiv)
	require.NoError(t, err)
	assert.Contains(t, string(out), `href="../../glossary/kyiv/"`)

	out, err = p.articleItem(home, article)
	require.NoError(t, err)
	assert.Equal(t, template.HTML(`<a href="articles/`+strings.TrimPrefix(article.Page, "articles/")+`">`+
		template.HTMLEscapeString(article.Title)+`</a>`), out)
}

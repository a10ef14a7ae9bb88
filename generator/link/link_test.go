package link

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const siteYAML = "title: Test\nbaseURL: https://example.org/\n"

// files is a site's files by path below content/, without the front
// matter fences: "glossary/kyiv.md": "name: Kyiv\nkind: place\n---\nBody".
type files map[string]string

// fsys turns files into a site folder. Each value is front matter YAML,
// then "---\n" and the body.
func (f files) fsys() fstest.MapFS {
	m := fstest.MapFS{"content/site.yaml": {Data: []byte(siteYAML)}}
	for p, s := range f {
		if p == "site.yaml" {
			m["content/site.yaml"] = &fstest.MapFile{Data: []byte(s)}
			continue
		}
		m["content/"+p] = &fstest.MapFile{Data: []byte("---\n" + s)}
	}
	return m
}

// load loads f and fails the test on any load error.
func load(t *testing.T, f files) *content.Site {
	t.Helper()
	var diags diag.List
	s := content.Load(f.fsys(), content.Options{}, &diags)
	require.NoError(t, diags.Err(), "the test site must load")
	return s
}

// run loads and links f, returning the site and every message.
func run(t *testing.T, f files, opts Options) (*Site, []string) {
	t.Helper()
	var diags diag.List
	s := Link(load(t, f), &diags, opts)
	return s, messages(&diags)
}

func messages(l *diag.List) []string {
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return out
}

func entry(name, kind string, extra ...string) string {
	return "name: " + name + "\nkind: " + kind + "\n" + strings.Join(extra, "\n") + "\n---\n"
}

func article(title, date, body string, extra ...string) string {
	return "title: " + title + "\ndate: " + date + "\n" + strings.Join(extra, "\n") + "\n---\n" + body
}

func ids(es []*Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func slugs(as []*Article) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func byID(t *testing.T, s *Site, id string) *Entry {
	t.Helper()
	for _, e := range s.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entry %s", id)
	return nil
}

func bySlug(t *testing.T, s *Site, slug string) *Article {
	t.Helper()
	for _, a := range s.Articles {
		if a.Slug == slug {
			return a
		}
	}
	t.Fatalf("no article %s", slug)
	return nil
}

// newsSite is a small site: three articles, five entries.
var newsSite = files{
	"glossary/kyiv.md":     entry("Kyiv", "place", "aliases: [Kiev, Kyjiw]") + "The capital.\n",
	"glossary/putin.md":    entry("Vladimir Putin", "person", "aliases: [Putin]", "sort_as: Putin, Vladimir"),
	"glossary/zelensky.md": entry("Volodymyr Zelensky", "person", "aliases: [Zelensky]", "sort_as: Zelensky, Volodymyr", "related: [istanbul]"),
	"glossary/istanbul.md": entry("Istanbul", "place"),
	"glossary/nobody.md":   entry("Nobody", "organization"),
	"articles/talks.md": article("Talks", "2025-05-16",
		"## What was agreed\n\nZelensky and Putin met. Zelensky spoke of Kyiv.\n\n"+
			"See [before](older.md#background), [self](#what-was-agreed) and [a mention](#m-kyiv-1).\n",
		"tags: [war, diplomacy]"),
	"articles/older.md":  article("Older", "2025-05-01", "## Background\n\nKiev and Zelensky, in Istanbul.\n", "tags: [war]"),
	"articles/oldest.md": article("Oldest", "2025-04-01", "Putin in Istanbul.\n", "tags: [history]"),
}

func TestLinkArticles(t *testing.T) {
	s, _ := run(t, newsSite, Options{})
	assert.Equal(t, []string{"talks", "older", "oldest"}, slugs(s.Articles), "newest first")
	talks := bySlug(t, s, "talks")
	assert.Equal(t, "articles/talks/", talks.Page)
	assert.Equal(t, []string{"zelensky", "putin", "kyiv"}, ids(talks.Entries), "in order of first mention")
	var mentionIDs []string
	for _, m := range talks.Mentions {
		mentionIDs = append(mentionIDs, m.ID)
	}
	assert.Equal(t, []string{"m-zelensky-1", "m-putin-1", "m-zelensky-2", "m-kyiv-1"}, mentionIDs, "in document order")
	assert.Contains(t, string(talks.Body), `<a href="../older/#background">before</a>`)
	assert.Contains(t, string(talks.Body), `id="m-kyiv-1"`)
	require.Len(t, talks.Headings, 1)
	assert.Equal(t, "what-was-agreed", talks.Headings[0].ID)
}

func TestLinkEntryAppearances(t *testing.T) {
	s, _ := run(t, newsSite, Options{})
	zel := byID(t, s, "zelensky")
	require.Len(t, zel.Appearances, 2)
	assert.Equal(t, "talks", zel.Appearances[0].Article.Slug, "newest first")
	assert.Equal(t, "../../articles/talks/", zel.Appearances[0].Href, "from the entry's page to the article")
	assert.Len(t, zel.Appearances[0].Mentions, 2, "every mention of the article")
	assert.Equal(t, "m-zelensky-2", zel.Appearances[0].Mentions[1].ID)
	assert.Equal(t, "older", zel.Appearances[1].Article.Slug)
	assert.Len(t, zel.Appearances[1].Mentions, 1)

	kyiv := byID(t, s, "kyiv")
	require.Len(t, kyiv.Appearances, 2)
	assert.Equal(t, "Kiev", kyiv.Appearances[1].Mentions[0].Text, "an alias is a mention")
	assert.Same(t, kyiv.Entry, kyiv.Appearances[1].Mentions[0].Entry)

	assert.Empty(t, byID(t, s, "nobody").Appearances)
	assert.Equal(t, "glossary/nobody/", byID(t, s, "nobody").Page)
	assert.Equal(t, "<p>The capital.</p>\n", string(kyiv.Body))
}

func TestLinkAppearancesOfManyEntries(t *testing.T) {
	// An article that mentions more entries than the scan covers (past
	// which appearances are found with a map), each twice, in two rounds.
	f := files{}
	var names []string
	for i := range 50 {
		name := fmt.Sprintf("Person%02d", i)
		f[fmt.Sprintf("glossary/p%02d.md", i)] = entry(name, "person")
		names = append(names, name)
	}
	body := strings.Join(names, ", ") + ".\n\nAgain: " + strings.Join(names, ", ") + ".\n"
	f["articles/many.md"] = article("Many", "2025-05-16", body, "autolink: all")
	s, _ := run(t, f, Options{})
	a := s.Articles[0]
	require.Len(t, a.Entries, 50)
	for i, e := range a.Entries {
		assert.Equal(t, fmt.Sprintf("p%02d", i), e.ID, "in order of first mention")
		require.Len(t, e.Appearances, 1)
		app := e.Appearances[0]
		require.Len(t, app.Mentions, 2, e.ID)
		assert.Same(t, &a.Mentions[i], app.Mentions[0], e.ID)
		assert.Same(t, &a.Mentions[50+i], app.Mentions[1], e.ID)
	}
}

func TestLinkWarnings(t *testing.T) {
	_, msgs := run(t, newsSite, Options{})
	assert.Equal(t, []string{
		`content/glossary/kyiv.md:4:17: warning: alias "Kyjiw" never appears in an article`,
		"content/glossary/nobody.md:2:7: warning: no article mentions Nobody",
	}, msgs)
}

func TestLinkRelatedEntries(t *testing.T) {
	s, _ := run(t, newsSite, Options{})
	// Declared first, then by articles shared, then by id.
	assert.Equal(t, []string{"istanbul", "kyiv", "putin"}, ids(byID(t, s, "zelensky").Related))
	// kyiv shares two articles with zelensky, one with putin and istanbul.
	assert.Equal(t, []string{"zelensky", "istanbul", "putin"}, ids(byID(t, s, "kyiv").Related))
	assert.Empty(t, ids(byID(t, s, "nobody").Related))
}

func TestLinkRelatedEntriesCapAndOrder(t *testing.T) {
	f := files{}
	var names []string
	for i := range 9 {
		id := fmt.Sprintf("e%d", i)
		extra := []string{}
		if i == 8 {
			extra = append(extra, "related: [e7, e7]") // twice: listed once
		}
		f["glossary/"+id+".md"] = entry(fmt.Sprintf("Name%c", 'A'+i), "person", extra...)
		names = append(names, fmt.Sprintf("Name%c", 'A'+i))
	}
	// Every entry in one article; e5 and e6 also in a second one with e0.
	f["articles/all.md"] = article("All", "2025-01-02", strings.Join(names, ", ")+".\n")
	f["articles/some.md"] = article("Some", "2025-01-01", "NameA, NameF and NameG.\n")
	var diags diag.List
	s := Link(load(t, f), &diags, Options{})
	assert.Equal(t, []string{"e5", "e6", "e1", "e2", "e3", "e4"}, ids(byID(t, s, "e0").Related),
		"most shared first, then by id, at most six")
	assert.Equal(t, []string{"e7", "e0", "e1", "e2", "e3", "e4"}, ids(byID(t, s, "e8").Related))
}

func TestLinkRelatedArticles(t *testing.T) {
	f := files{
		"glossary/a.md": entry("Alpha", "person"),
		"glossary/b.md": entry("Beta", "person"),
		"glossary/c.md": entry("Gamma", "person"),
	}
	// main mentions all three; the others share one or two entries.
	f["articles/main.md"] = article("Main", "2025-03-01", "Alpha, Beta and Gamma.\n")
	f["articles/two-old.md"] = article("Two old", "2025-01-01", "Alpha and Beta.\n")
	f["articles/two-new.md"] = article("Two new", "2025-02-01", "Beta and Gamma.\n")
	for i, d := range []string{"2024-01-05", "2024-01-04", "2024-01-03", "2024-01-02"} {
		f[fmt.Sprintf("articles/one-%d.md", i)] = article("One", d, "Alpha.\n")
	}
	f["articles/none.md"] = article("None", "2025-06-01", "Nobody here.\n")
	s, _ := run(t, f, Options{})
	assert.Equal(t, []string{"two-new", "two-old", "one-0", "one-1"}, slugs(bySlug(t, s, "main").Related),
		"most shared entries first, newest first among equals, at most four")
	assert.Equal(t, []string{"main", "two-new", "one-0", "one-1"}, slugs(bySlug(t, s, "two-old").Related))
	assert.Empty(t, bySlug(t, s, "none").Related)
}

func TestLinkTags(t *testing.T) {
	s, _ := run(t, newsSite, Options{})
	var got []string
	for _, tg := range s.Tags {
		got = append(got, tg.Name+" "+tg.Page+" "+strings.Join(slugs(tg.Articles), ","))
	}
	assert.Equal(t, []string{
		"diplomacy tags/diplomacy/ talks",
		"history tags/history/ oldest",
		"war tags/war/ talks,older",
	}, got)
}

func TestLinkTagRepeatedInOneArticle(t *testing.T) {
	s, _ := run(t, files{"articles/a.md": article("A", "2025-01-01", "x\n", "tags: [war, war]")}, Options{})
	require.Len(t, s.Tags, 1)
	assert.Len(t, s.Tags[0].Articles, 1)
}

func TestLinkKindGroups(t *testing.T) {
	f := files{
		"glossary/eve.md":    entry("Eve", "person"),
		"glossary/emile.md":  entry("Émile Zola", "person", "sort_as: Émile"),
		"glossary/ezra.md":   entry("Ezra", "person"),
		"glossary/adam.md":   entry("adam", "person"),
		"glossary/bob.md":    entry("Bob", "person"),
		"glossary/twin-b.md": entry("Twin", "person"),
		"glossary/twin-a.md": entry("Twin", "person", "sort_as: ' Twin '"),
		"glossary/lviv.md":   entry("Lviv", "place"),
		"glossary/ankara.md": entry("Ankara", "place"),
		"glossary/summit.md": entry("Summit", "event"),
		"glossary/un.md":     entry("United Nations", "organization"),
	}
	s, _ := run(t, f, Options{})
	var got []string
	for _, g := range s.Kinds {
		got = append(got, g.Kind+": "+strings.Join(ids(g.Entries), " "))
	}
	assert.Equal(t, []string{
		"person: adam bob emile eve ezra twin-a twin-b",
		"place: ankara lviv",
		"organization: un",
		"event: summit",
	}, got, "kinds in glossary order; case and accents ignored; ties by id")
}

func TestLinkKindGroupsSkipEmptyKinds(t *testing.T) {
	s, _ := run(t, files{"glossary/lviv.md": entry("Lviv", "place")}, Options{})
	require.Len(t, s.Kinds, 1)
	assert.Equal(t, "place", s.Kinds[0].Kind)
}

func TestLinkFragments(t *testing.T) {
	f := files{
		"glossary/kyiv.md": entry("Kyiv", "place"),
		"articles/a.md": article("A", "2025-01-02",
			"## Head\n\nKyiv.[^1]\n\n"+
				"[ok](b.md#there) [ok](#head) [ok](#m-kyiv-1) [ok](#fn:1) [ok](#card-kyiv-not)\n"+
				"[bad](b.md#nowhere) and [bad](#missing)\n\n[^1]: Note.\n"),
		"articles/b.md": article("B", "2025-01-01", "## There\n\nKyiv.\n"),
	}
	const hint = "\n\thint: link to a heading by its id: ## What was agreed has the id what-was-agreed"
	want := []string{
		"content/articles/a.md:10:58: link to #card-kyiv-not, which is not an anchor of articles/a/" + hint,
		"content/articles/a.md:11:1: link to #nowhere, which is not an anchor of articles/b/" + hint,
		"content/articles/a.md:11:25: link to #missing, which is not an anchor of articles/a/" + hint,
	}
	_, msgs := run(t, f, Options{})
	assert.Equal(t, want, msgs)

	// Without the sources, which a one-shot build drops once converted,
	// the messages still have their places.
	loaded := load(t, f)
	var diags diag.List
	Link(loaded, &diags, Options{ReleaseSources: true})
	assert.Equal(t, want, messages(&diags))
	for _, a := range loaded.Articles {
		assert.Nil(t, a.Source, a.Path)
		assert.Nil(t, a.Lines, a.Path)
	}
	for _, e := range loaded.Entries {
		assert.Nil(t, e.Source, e.Path)
	}
}

func TestLinkMissingArticle(t *testing.T) {
	f := files{"articles/a.md": article("A", "2025-01-01", "See [this](gone.md).\n")}
	_, msgs := run(t, f, Options{})
	require.Len(t, msgs, 1)
	assert.True(t, strings.HasPrefix(msgs[0], "content/articles/a.md:6:5: link to content/articles/gone.md, which is not an article of this site"), msgs[0])
}

func TestLinkAutolinkPolicy(t *testing.T) {
	f := files{
		"site.yaml":        siteYAML + "autolink: none\n",
		"glossary/kyiv.md": entry("Kyiv", "place"),
		"articles/a.md":    article("A", "2025-01-02", "Kyiv and Kyiv.\n"),
		"articles/b.md":    article("B", "2025-01-01", "Kyiv and Kyiv.\n", "autolink: all"),
	}
	s, _ := run(t, f, Options{})
	linked := func(a *Article) []bool {
		var out []bool
		for _, m := range a.Mentions {
			out = append(out, m.Linked)
		}
		return out
	}
	assert.Equal(t, []bool{false, false}, linked(bySlug(t, s, "a")), "the site's policy")
	assert.Equal(t, []bool{true, true}, linked(bySlug(t, s, "b")), "the article's own policy wins")
	assert.Len(t, byID(t, s, "kyiv").Appearances, 2, "unlinked mentions are appearances too")
}

func TestLinkUnsafeHTML(t *testing.T) {
	body := "Text <mark>marked</mark>.\n"
	s, _ := run(t, files{"articles/a.md": article("A", "2025-01-01", body)}, Options{})
	assert.NotContains(t, string(s.Articles[0].Body), "<mark>")
	s, _ = run(t, files{"site.yaml": siteYAML + "unsafe_html: true\n", "articles/a.md": article("A", "2025-01-01", body)}, Options{})
	assert.Contains(t, string(s.Articles[0].Body), "<mark>marked</mark>")
}

func TestLinkEmptySite(t *testing.T) {
	s, msgs := run(t, files{}, Options{Cache: &Cache{}})
	assert.Empty(t, msgs)
	assert.Empty(t, s.Articles)
	assert.Empty(t, s.Entries)
	assert.Empty(t, s.Kinds)
	assert.Empty(t, s.Tags)
	assert.Equal(t, "Test", s.Config.Title)
}

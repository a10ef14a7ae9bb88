package link

import (
	"maps"
	"slices"
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cacheSite: a links to b; c links to a missing article; d links nowhere.
func cacheSite() files {
	return files{
		"glossary/kyiv.md":  entry("Kyiv", "place", "aliases: [Kiev]", "summary: The capital.") + "Seat of government.\n",
		"glossary/lviv.md":  entry("Lviv", "place") + "West of Kyiv.\n",
		"articles/a.md":     article("A", "2025-01-04", "Kyiv. See [b](b.md#part).\n"),
		"articles/b.md":     article("B", "2025-01-03", "## Part\n\nLviv and Kiev.\n"),
		"articles/c.md":     article("C", "2025-01-02", "See [new](new.md).\n"),
		"articles/d.md":     article("D", "2025-01-01", "Lviv alone.\n"),
		"articles/skip.md":  article("Skip", "2025-01-01", "Draft.\n", "draft: true"),
		"glossary/empty.md": entry("Empty", "event"),
	}
}

// docs is how many documents cacheSite converts: 4 articles, 3 entries.
const docs = 7

// linkWith links f with c and returns the site and the messages.
func linkWith(t *testing.T, f files, c *Cache) (*Site, []string) {
	t.Helper()
	var diags diag.List
	s := Link(load(t, f), &diags, Options{Cache: c})
	return s, messages(&diags)
}

func bodies(s *Site) map[string]string {
	out := map[string]string{}
	for _, a := range s.Articles {
		out[a.Path] = string(a.Body)
	}
	for _, e := range s.Entries {
		out[e.Path] = string(e.Body)
	}
	return out
}

func TestCacheReusesUnchangedDocuments(t *testing.T) {
	var c Cache
	first, msgs1 := linkWith(t, cacheSite(), &c)
	assert.Equal(t, 0, c.Hits)
	assert.Equal(t, docs, c.Misses)
	require.Contains(t, msgs1[0], "link to content/articles/new.md, which is not an article of this site")

	second, msgs2 := linkWith(t, cacheSite(), &c)
	assert.Equal(t, docs, c.Hits)
	assert.Equal(t, 0, c.Misses)
	assert.Equal(t, bodies(first), bodies(second))
	assert.Equal(t, msgs1, msgs2, "a reused document reports its problems again")

	// The reused mentions point at the entries of the new load.
	a := bySlug(t, second, "a")
	require.Len(t, a.Mentions, 1)
	assert.Same(t, byID(t, second, "kyiv").Entry, a.Mentions[0].Entry)
	assert.NotSame(t, byID(t, first, "kyiv").Entry, a.Mentions[0].Entry)
	// The graph is built anew from the reused mentions.
	assert.Equal(t, []string{"a", "b"}, slugs(appearanceArticles(byID(t, second, "kyiv"))))
	assert.Equal(t, bySlug(t, first, "a").Headings, a.Headings)
}

func appearanceArticles(e *Entry) []*Article {
	var out []*Article
	for _, app := range e.Appearances {
		out = append(out, app.Article)
	}
	return out
}

func TestCacheWithoutCacheConvertsEverything(t *testing.T) {
	f := cacheSite()
	var c Cache
	cached, _ := linkWith(t, f, &c)
	plain, _ := run(t, f, Options{})
	assert.Equal(t, bodies(plain), bodies(cached))
}

// relink links f once with a fresh cache, then changes it with change and
// links again, returning the second site, the messages, and the cache.
func relink(t *testing.T, change func(f files)) (*Site, []string, *Cache) {
	t.Helper()
	var c Cache
	f := cacheSite()
	linkWith(t, f, &c)
	change(f)
	s, msgs := linkWith(t, f, &c)
	return s, msgs, &c
}

func TestCacheChangedArticleSource(t *testing.T) {
	s, _, c := relink(t, func(f files) {
		f["articles/d.md"] = article("D", "2025-01-01", "Lviv, now with Kyiv.\n")
	})
	assert.Equal(t, 1, c.Misses)
	assert.Equal(t, docs-1, c.Hits)
	assert.Equal(t, []string{"lviv", "kyiv"}, ids(bySlug(t, s, "d").Entries))
}

func TestCacheChangedEntryBody(t *testing.T) {
	_, _, c := relink(t, func(f files) {
		f["glossary/lviv.md"] = entry("Lviv", "place") + "A city in the west.\n"
	})
	assert.Equal(t, 1, c.Misses, "only the entry itself")
	assert.Equal(t, docs-1, c.Hits)
}

func TestCacheChangedSummaryKeepsArticles(t *testing.T) {
	// A summary is no part of any body: no article is converted again.
	_, _, c := relink(t, func(f files) {
		f["glossary/kyiv.md"] = entry("Kyiv", "place", "aliases: [Kiev]", "summary: Changed.") + "Seat of government.\n"
	})
	assert.Equal(t, 1, c.Misses)
}

func TestCacheChangedAliasesInvalidateEverything(t *testing.T) {
	s, msgs, c := relink(t, func(f files) {
		f["glossary/lviv.md"] = entry("Lviv", "place", "aliases: [Lemberg]") + "West of Kyiv.\n"
	})
	assert.Equal(t, docs, c.Misses)
	assert.Equal(t, 0, c.Hits)
	assert.Contains(t, msgs, `content/glossary/lviv.md:4:11: warning: alias "Lemberg" never appears in an article`)
	assert.Len(t, byID(t, s, "lviv").Appearances, 2)
}

func TestCacheNewEntryInvalidatesEverything(t *testing.T) {
	s, _, c := relink(t, func(f files) {
		f["glossary/alone.md"] = entry("Alone", "person")
		f["articles/d.md"] = article("D", "2025-01-01", "Lviv alone.\n") // unchanged
	})
	assert.Equal(t, docs+1, c.Misses, "which mentions are found depends on every entry")
	assert.Len(t, byID(t, s, "alone").Appearances, 0)
}

func TestCacheChangedSettingsInvalidate(t *testing.T) {
	for name, yaml := range map[string]string{
		"autolink":    siteYAML + "autolink: all\n",
		"unsafe_html": siteYAML + "unsafe_html: true\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, _, c := relink(t, func(f files) { f["site.yaml"] = yaml })
			assert.Equal(t, docs, c.Misses)
		})
	}
	t.Run("title", func(t *testing.T) {
		_, _, c := relink(t, func(f files) { f["site.yaml"] = "title: Other\nbaseURL: https://example.org/\n" })
		assert.Equal(t, 0, c.Misses, "the title is no part of any body")
	})
}

func TestCacheArticleAutolinkInvalidatesOnlyIt(t *testing.T) {
	_, _, c := relink(t, func(f files) {
		f["articles/b.md"] = article("B", "2025-01-03", "## Part\n\nLviv and Kiev.\n", "autolink: none")
	})
	assert.Equal(t, 1, c.Misses)
}

func TestCacheLinkTargetAppears(t *testing.T) {
	s, msgs, c := relink(t, func(f files) {
		f["articles/new.md"] = article("New", "2025-01-05", "Fresh.\n")
	})
	// c links to new.md; new.md itself is new. Nothing else is converted.
	assert.Equal(t, 2, c.Misses)
	assert.Equal(t, docs-1, c.Hits)
	assert.Contains(t, string(bySlug(t, s, "c").Body), `<a href="../new/">new</a>`)
	for _, m := range msgs {
		assert.NotContains(t, m, "new.md")
	}
}

func TestCacheLinkTargetDisappears(t *testing.T) {
	s, msgs, c := relink(t, func(f files) { delete(f, "articles/b.md") })
	assert.Equal(t, 1, c.Misses, "only a, which links to b")
	assert.Equal(t, docs-2, c.Hits)
	assert.Contains(t, string(bySlug(t, s, "a").Body), `href="b.md#part"`)
	assert.Contains(t, msgs, "content/articles/a.md:6:11: link to content/articles/b.md, which is not an article of this site\n"+
		"\thint: link to another article by its file name, relative to this file: [see](other-article.md)")
	c.mu.Lock()
	defer c.mu.Unlock()
	assert.NotContains(t, c.docs, "content/articles/b.md", "documents no longer in the site are dropped")
	assert.Len(t, c.docs, docs-1)
}

func TestCacheLinkTargetMoves(t *testing.T) {
	s, _, c := relink(t, func(f files) {
		f["articles/b.md"] = article("B", "2025-01-03", "## Part\n\nLviv and Kiev.\n", "slug: bee")
	})
	assert.Equal(t, 2, c.Misses, "b changed, and a links to it")
	assert.Contains(t, string(bySlug(t, s, "a").Body), `<a href="../bee/#part">b</a>`)
}

func TestCacheFragmentsCheckedOnEveryBuild(t *testing.T) {
	// a is reused, but the heading it links to is gone from b.
	_, msgs, c := relink(t, func(f files) {
		f["articles/b.md"] = article("B", "2025-01-03", "## Renamed\n\nLviv and Kiev.\n")
	})
	assert.Equal(t, 1, c.Misses)
	assert.Contains(t, msgs, "content/articles/a.md:6:11: link to #part, which is not an anchor of articles/b/\n"+
		"\thint: link to a heading by its id: ## What was agreed has the id what-was-agreed")
}

func TestCacheCountsResetOnEveryLink(t *testing.T) {
	var c Cache
	f := cacheSite()
	for range 3 {
		linkWith(t, f, &c)
	}
	assert.Equal(t, docs, c.Hits)
	assert.Equal(t, 0, c.Misses)
	c.mu.Lock()
	defer c.mu.Unlock()
	assert.Equal(t, []string{
		"content/articles/a.md", "content/articles/b.md", "content/articles/c.md", "content/articles/d.md",
		"content/glossary/empty.md", "content/glossary/kyiv.md", "content/glossary/lviv.md",
	}, slices.Sorted(maps.Keys(c.docs)))
}

func TestNilCacheIsSafe(t *testing.T) {
	var c *Cache
	_, ok := c.lookup("x", docKey{}, &resolver{})
	assert.False(t, ok)
	c.store("x", cachedDoc{})
	c.prune(nil)
}

func TestCacheMentionsPointAtTheCurrentEntries(t *testing.T) {
	// With the load cached too, unchanged entries keep their pointers from
	// one Link to the next; a changed one gets a new pointer, which the
	// mentions of reused articles must follow, in that Link and after.
	f := cacheSite()
	var loads content.Cache
	var c Cache
	linkOnce := func() *Site {
		t.Helper()
		var diags diag.List
		s := Link(content.Load(f.fsys(), content.Options{Cache: &loads}, &diags), &diags, Options{Cache: &c})
		for _, a := range s.Articles {
			for _, m := range a.Mentions {
				require.Same(t, byID(t, s, m.Entry.ID).Entry, m.Entry, "%s: %s", a.Path, m.ID)
			}
		}
		return s
	}
	linkOnce()
	f["glossary/kyiv.md"] = entry("Kyiv", "place", "aliases: [Kiev]", "summary: Changed.") + "Seat of government.\n"
	s := linkOnce()
	assert.Equal(t, "Changed.", byID(t, s, "kyiv").Summary)
	assert.Equal(t, 1, c.Misses, "only the entry is converted again")
	linkOnce() // nothing changed
	assert.Equal(t, 0, c.Misses)
}

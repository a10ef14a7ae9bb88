package link

import (
	"bytes"
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/urls"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// groupByKind groups entries by kind in glossary order, each group sorted by
// sort key (sort_as, else name) with Unicode collation, then id.
func groupByKind(entries []*Entry) []KindGroup {
	col := collate.New(language.Und, collate.IgnoreCase, collate.IgnoreDiacritics)
	var groups []KindGroup
	for _, kind := range content.Kinds {
		var g []*Entry
		for _, e := range entries {
			if e.Kind == kind {
				g = append(g, e)
			}
		}
		if len(g) == 0 {
			continue
		}
		// Collation keys, made once per entry, compare as the strings do.
		var buf collate.Buffer
		keys := make(map[*Entry][]byte, len(g))
		for _, e := range g {
			keys[e] = bytes.Clone(col.KeyFromString(&buf, strings.TrimSpace(e.SortKey())))
			buf.Reset()
		}
		slices.SortStableFunc(g, func(a, b *Entry) int {
			return cmp.Or(bytes.Compare(keys[a], keys[b]), cmp.Compare(a.ID, b.ID))
		})
		groups = append(groups, KindGroup{Kind: kind, Entries: g})
	}
	return groups
}

// groupByTag lists the tags of the articles, sorted, each with its articles
// in the site's order (newest first).
func groupByTag(articles []*Article) []Tag {
	byName := map[string]*Tag{}
	for _, a := range articles {
		for _, t := range a.Tags {
			g, ok := byName[t]
			if !ok {
				g = &Tag{Name: t, Page: urls.Tag(t)}
				byName[t] = g
			}
			if len(g.Articles) == 0 || g.Articles[len(g.Articles)-1] != a {
				g.Articles = append(g.Articles, a)
			}
		}
	}
	tags := make([]Tag, 0, len(byName))
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		tags = append(tags, *byName[name])
	}
	return tags
}

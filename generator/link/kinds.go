package link

import (
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
		slices.SortStableFunc(g, func(a, b *Entry) int {
			return cmp.Or(col.CompareString(strings.TrimSpace(a.SortKey()), strings.TrimSpace(b.SortKey())), cmp.Compare(a.ID, b.ID))
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

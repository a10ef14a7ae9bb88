package link

import (
	"cmp"
	"slices"
	"strings"

	"github.com/glossdev/gloss/generator/content"
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

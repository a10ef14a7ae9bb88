package link

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/par"
)

var idAttr = regexp.MustCompile(`\bid="([^"]+)"`)

// checkFragments reports links to a #fragment that the linked article's
// body does not hold (a heading, a note, a mention, a footnote).
func checkFragments(s *Site, diags *diag.List) {
	ids := make(map[string][]string, len(s.Articles))
	lists := make([][]string, len(s.Articles))
	par.For(len(s.Articles), func(i int) {
		for _, m := range idAttr.FindAllStringSubmatch(string(s.Articles[i].Body), -1) {
			lists[i] = append(lists[i], m[1])
		}
		slices.Sort(lists[i])
	})
	for i, a := range s.Articles {
		ids[a.Page] = lists[i]
	}
	for _, a := range s.Articles {
		for _, f := range a.fragments {
			if _, found := slices.BinarySearch(ids[f.Page], f.ID); found {
				continue
			}
			line, col := a.Lines.Position(f.Offset)
			diags.Add(diag.Diagnostic{Path: a.Path, Line: line, Col: col,
				Msg:  fmt.Sprintf("link to #%s, which is not an anchor of %s", f.ID, f.Page),
				Hint: "link to a heading by its id: ## What was agreed has the id what-was-agreed"})
		}
	}
}

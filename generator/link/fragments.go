package link

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/glossdev/gloss/generator/diag"
)

var idAttr = regexp.MustCompile(`\bid="([^"]+)"`)

// checkFragments reports links to a #fragment that the linked article's
// body does not hold (a heading, a note, a mention, a footnote).
func checkFragments(s *Site, diags *diag.List) {
	byPage := make(map[string]*Article, len(s.Articles))
	for _, a := range s.Articles {
		byPage[a.Page] = a
	}
	// The ids of a page are only collected when some link needs them;
	// unknown marks a page whose body could not be read back.
	ids := map[string][]string{}
	unknown := map[string]bool{}
	idsOf := func(page string) []string {
		if list, ok := ids[page]; ok {
			return list
		}
		var list []string
		if a := byPage[page]; a != nil {
			body, err := a.ReadBody()
			if err != nil {
				unknown[page] = true
				diags.Add(diag.Diagnostic{Path: a.Path, Msg: "cannot check the links to its anchors: " +
					strings.TrimPrefix(err.Error(), a.Path+": ")})
			}
			for _, m := range idAttr.FindAllStringSubmatch(string(body), -1) {
				list = append(list, m[1])
			}
			slices.Sort(list)
		}
		ids[page] = list
		return list
	}
	for _, a := range s.Articles {
		for _, f := range a.fragments {
			if _, found := slices.BinarySearch(idsOf(f.Page), f.ID); found || unknown[f.Page] {
				continue
			}
			diags.Add(diag.Diagnostic{Path: a.Path, Line: f.Line, Col: f.Col,
				Msg:  fmt.Sprintf("link to #%s, which is not an anchor of %s", f.ID, f.Page),
				Hint: "link to a heading by its id: ## What was agreed has the id what-was-agreed"})
		}
	}
}

package search

import (
	"cmp"
	"slices"
	"strings"
)

// inverted is an inverted index being built: each term's postings, sorted
// by document id. Documents are added in id order for a new index; a
// Cache's index is updated in place, a document taken out and put back.
type inverted struct {
	place map[string]int // a term's place in terms and lists
	terms []string
	lists [][]posting
	// order is the places of the terms in UTF-16 order, once table has
	// sorted them; new terms are inserted in it.
	order []int
	// capped keeps the capped postings of long lists, by place, for cap max;
	// a change to a list drops its entry.
	capped map[int][]posting
	max    int
}

func newInverted() *inverted { return &inverted{place: map[string]int{}} }

func byID(p posting, id uint32) int { return cmp.Compare(p.id, id) }

// add adds document id's terms.
func (inv *inverted) add(id uint32, tws []termWeight) {
	for _, tw := range tws {
		k, ok := inv.place[tw.term]
		if !ok {
			k = len(inv.terms)
			t := strings.Clone(tw.term)
			inv.place[t] = k
			inv.terms = append(inv.terms, t)
			inv.lists = append(inv.lists, nil)
			if inv.order != nil {
				i, _ := slices.BinarySearchFunc(inv.order, t, func(k int, t string) int { return compareUTF16(inv.terms[k], t) })
				inv.order = slices.Insert(inv.order, i, k)
			}
		}
		p := posting{id: id, weight: tw.weight}
		ps := inv.lists[k]
		if n := len(ps); n == 0 || ps[n-1].id < id {
			inv.lists[k] = append(ps, p)
		} else {
			i, _ := slices.BinarySearchFunc(ps, id, byID)
			inv.lists[k] = slices.Insert(ps, i, p)
		}
		delete(inv.capped, k)
	}
}

// remove takes out document id, which was added with the terms tws.
func (inv *inverted) remove(id uint32, tws []termWeight) {
	for _, tw := range tws {
		k, ok := inv.place[tw.term]
		if !ok {
			continue
		}
		if i, found := slices.BinarySearchFunc(inv.lists[k], id, byID); found {
			inv.lists[k] = slices.Delete(inv.lists[k], i, i+1)
		}
		delete(inv.capped, k)
	}
}

// table returns the terms that have postings, in UTF-16 order, with their
// postings, the lists longer than max capped (see capPostings). The
// postings share memory with the index until its next change.
func (inv *inverted) table(max int) (terms []string, postings [][]posting, capped []bool) {
	if inv.order == nil {
		inv.order = make([]int, len(inv.terms))
		for i := range inv.order {
			inv.order[i] = i
		}
		slices.SortFunc(inv.order, func(a, b int) int { return compareUTF16(inv.terms[a], inv.terms[b]) })
	}
	if inv.max != max {
		inv.capped, inv.max = nil, max
	}
	terms = make([]string, 0, len(inv.order))
	postings = make([][]posting, 0, len(inv.order))
	capped = make([]bool, 0, len(inv.order))
	for _, k := range inv.order {
		ps := inv.lists[k]
		if len(ps) == 0 {
			continue
		}
		over := len(ps) > max
		if over {
			cp, ok := inv.capped[k]
			if !ok {
				cp = capPostings(ps, max)
				if inv.capped == nil {
					inv.capped = map[int][]posting{}
				}
				inv.capped[k] = cp
			}
			ps = cp
		}
		terms = append(terms, inv.terms[k])
		postings = append(postings, ps)
		capped = append(capped, over)
	}
	return terms, postings, capped
}

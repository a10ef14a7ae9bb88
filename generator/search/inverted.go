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
	// encoded keeps the encoded postings of lists, capped at max, by place,
	// when the index is kept for updates; a change to a list drops its
	// entry.
	encoded map[int]string
	max     int
	kept    bool
}

// newInverted returns an empty index; kept tells that it will be updated
// and tabled again, and should keep what table encodes.
func newInverted(kept bool) *inverted { return &inverted{place: map[string]int{}, kept: kept} }

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
		delete(inv.encoded, k)
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
		delete(inv.encoded, k)
	}
}

// update replaces document id's terms, old, with new: only the terms that
// were added, dropped or weigh otherwise change, so that the lists of the
// others (and their capped and encoded forms) stay as they are.
func (inv *inverted) update(id uint32, old, new []termWeight) {
	was := make(map[string]uint8, len(old))
	for _, tw := range old {
		was[tw.term] = tw.weight
	}
	var gone, added []termWeight
	for _, tw := range new {
		w, ok := was[tw.term]
		if ok && w == tw.weight {
			delete(was, tw.term)
			continue
		}
		if ok {
			gone = append(gone, termWeight{tw.term, w})
			delete(was, tw.term)
		}
		added = append(added, tw)
	}
	for t, w := range was {
		gone = append(gone, termWeight{t, w})
	}
	inv.remove(id, gone)
	inv.add(id, added)
}

// table returns the terms that have postings, in UTF-16 order, with their
// postings encoded (see encodePostings), the lists longer than max capped
// (see capPostings).
func (inv *inverted) table(max int) (terms, encoded []string) {
	if inv.order == nil {
		inv.order = make([]int, len(inv.terms))
		for i := range inv.order {
			inv.order[i] = i
		}
		slices.SortFunc(inv.order, func(a, b int) int { return compareUTF16(inv.terms[a], inv.terms[b]) })
	}
	if inv.kept && (inv.max != max || inv.encoded == nil) {
		inv.encoded, inv.max = make(map[int]string, len(inv.terms)), max
	}
	terms = make([]string, 0, len(inv.order))
	encoded = make([]string, 0, len(inv.order))
	for _, k := range inv.order {
		ps := inv.lists[k]
		if len(ps) == 0 {
			continue
		}
		e, ok := inv.encoded[k]
		if !ok {
			if len(ps) > max {
				e = encodePostings(capPostings(ps, max), true)
			} else {
				e = encodePostings(ps, false)
			}
			if inv.kept {
				inv.encoded[k] = e
			}
		}
		terms = append(terms, inv.terms[k])
		encoded = append(encoded, e)
	}
	return terms, encoded
}

package link

import (
	"fmt"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/mention"
)

// Limits that keep the graph linear in the size of the site.
const (
	maxRelatedEntries  = 6
	maxRelatedArticles = 4
	// maxCandidates bounds how many articles of one entry are considered
	// when looking for related articles, so that an entry mentioned in
	// every article does not make the search quadratic.
	maxCandidates = 200
)

// buildGraph fills in each article's entries and related articles, and each
// entry's appearances and related entries.
func buildGraph(s *Site, byID map[string]*Entry, memo *relatedMemo) {
	s.number()
	// Each article's entries, on all cores.
	par.For(len(s.Articles), func(k int) {
		a := s.Articles[k]
		a.Entries = make([]*Entry, len(a.order.ids))
		for i, id := range a.order.ids {
			a.Entries[i] = byID[id]
		}
	})
	// Each entry's appearances are in the order of the articles, newest
	// first: one pass gives each article's appearance of each of its entries
	// its place, then the articles fill their places in on all cores.
	count := make([]int32, len(s.Entries))
	first := make([]int, len(s.Articles)+1) // of each article's places
	for k, a := range s.Articles {
		first[k+1] = first[k] + len(a.Entries)
		for _, e := range a.Entries {
			count[e.index]++
		}
	}
	for i, e := range s.Entries {
		e.Appearances = nil
		if n := count[i]; n > 0 {
			e.Appearances = make([]Appearance, n)
		}
		count[i] = 0
	}
	place := make([]int32, first[len(s.Articles)])
	for k, a := range s.Articles {
		for i, e := range a.Entries {
			place[first[k]+i] = count[e.index]
			count[e.index]++
		}
	}
	par.For(len(s.Articles), func(k int) {
		a := s.Articles[k]
		o := a.order
		app := func(i int32) *Appearance { return &a.Entries[i].Appearances[place[first[k]+int(i)]] }
		// One array holds the mentions of every appearance, in turn.
		ptrs := make([]*mention.Mention, len(a.Mentions))
		href := newRelMemo(a.Page)
		at := 0
		for i, e := range a.Entries {
			n := int(o.count[i])
			*app(int32(i)) = Appearance{Article: a, Mentions: ptrs[at : at : at+n], Href: href.rel(e.Page)}
			if a.mentionSums != nil {
				app(int32(i)).Sum = a.mentionSums[i]
			}
			at += n
		}
		for j := range a.Mentions {
			p := app(o.of[j])
			p.Mentions = append(p.Mentions, &a.Mentions[j])
		}
	})
	memo.related(s, byID)
}

// relatedEntries lists an entry's declared related entries, then the entries
// mentioned in the most of the same articles, the first by id among equals.
// Entries are ranked in chunks on all cores; each chunk counts shared
// articles in an array indexed by entry, touching only the entries it counts.
// s must be numbered.
func relatedEntries(s *Site, byID map[string]*Entry) {
	// before tells whether entry i ranks before entry j: more shared
	// articles first, then the first by id.
	before := func(shared []int32, i, j int32) bool {
		return shared[i] > shared[j] || shared[i] == shared[j] && s.Entries[i].ID < s.Entries[j].ID
	}
	const chunk = 64
	par.For((len(s.Entries)+chunk-1)/chunk, func(c int) {
		shared := make([]int32, len(s.Entries))
		excluded := make([]bool, len(s.Entries))
		var touched, best []int32
		for i := c * chunk; i < min(len(s.Entries), (c+1)*chunk); i++ {
			e := s.Entries[i]
			e.Related = nil
			excluded[i] = true
			for _, ref := range e.Entry.Related {
				if r, ok := byID[ref.ID]; ok && !excluded[r.index] {
					e.Related = append(e.Related, r)
					excluded[r.index] = true
				}
			}
			touched = touched[:0]
			for _, app := range e.Appearances {
				for _, other := range app.Article.Entries {
					k := other.index
					if excluded[k] {
						continue
					}
					if shared[k] == 0 {
						touched = append(touched, k)
					}
					shared[k]++
				}
			}
			best = top(best, touched, maxRelatedEntries-len(e.Related), func(i, j int32) bool { return before(shared, i, j) })
			for _, k := range best {
				e.Related = append(e.Related, s.Entries[k])
			}
			for _, k := range touched {
				shared[k] = 0
			}
			excluded[i] = false
			for _, r := range e.Related {
				excluded[r.index] = false
			}
		}
	})
}

// relatedArticles finds, for each article, the articles sharing the most
// entries with it, newest first among equals. Articles are ranked in
// chunks on all cores; each chunk counts shared entries in an array
// indexed by article rank, touching only the candidates it counts. s must be
// numbered.
func relatedArticles(s *Site) {
	// The candidates of each entry: the ranks of its first articles.
	cands := make([][]int32, len(s.Entries))
	for i, e := range s.Entries {
		rs := make([]int32, 0, min(len(e.Appearances), maxCandidates))
		for _, app := range e.Appearances[:min(len(e.Appearances), maxCandidates)] {
			rs = append(rs, app.Article.rank)
		}
		cands[i] = rs
	}
	const chunk = 256
	par.For((len(s.Articles)+chunk-1)/chunk, func(c int) {
		shared := make([]int32, len(s.Articles))
		var touched, best []int32
		for i := c * chunk; i < min(len(s.Articles), (c+1)*chunk); i++ {
			a := s.Articles[i]
			touched = touched[:0]
			for _, e := range a.Entries {
				for _, r := range cands[e.index] {
					if int(r) == i {
						continue
					}
					if shared[r] == 0 {
						touched = append(touched, r)
					}
					shared[r]++
				}
			}
			// More shared entries first, then the newer (lower rank).
			best = top(best, touched, maxRelatedArticles, func(i, j int32) bool {
				return shared[i] > shared[j] || shared[i] == shared[j] && i < j
			})
			a.Related = nil
			for _, r := range best {
				a.Related = append(a.Related, s.Articles[r])
			}
			for _, r := range touched {
				shared[r] = 0
			}
		}
	})
}

// top returns in dst (reused) the first n of cands by before, in order,
// inserting each candidate into the few kept: linear in the candidates for
// the small n the graph asks for.
func top(dst, cands []int32, n int, before func(a, b int32) bool) []int32 {
	dst = dst[:0]
	for _, k := range cands {
		j := len(dst)
		for j > 0 && before(k, dst[j-1]) {
			j--
		}
		if j >= n {
			continue
		}
		if len(dst) < n {
			dst = append(dst, 0)
		}
		copy(dst[j+1:], dst[j:])
		dst[j] = k
	}
	return dst
}

// warnUnused warns of entries that no article mentions and of aliases that
// never match; each entry on its own, on all cores (diagnostics are sorted
// when reported).
func warnUnused(s *Site, diags *diag.List) {
	par.For(len(s.Entries), func(i int) {
		e := s.Entries[i]
		if len(e.Appearances) == 0 {
			diags.Add(diag.Diagnostic{Severity: diag.Warning, Path: e.Path, Line: e.NamePos.Line, Col: e.NamePos.Col,
				Msg: fmt.Sprintf("no article mentions %s", e.Name)})
			return
		}
		used := make([]bool, len(e.Aliases))
		for _, app := range e.Appearances {
			for _, m := range app.Mentions {
				if m.Alias >= 0 && m.Alias < len(used) {
					used[m.Alias] = true
				}
			}
		}
		for i, a := range e.Aliases {
			if i > 0 && !used[i] {
				diags.Add(diag.Diagnostic{Severity: diag.Warning, Path: e.Path, Line: a.Pos.Line, Col: a.Pos.Col,
					Msg: fmt.Sprintf("alias %q never appears in an article", a.Text)})
			}
		}
	})
}

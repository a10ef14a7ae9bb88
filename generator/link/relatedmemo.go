package link

import (
	"github.com/glossdev/gloss/generator/internal/digest"
)

// relatedMemo keeps the related articles and entries of one Link for the
// next, which reuses them when the graph they come from is the same: the
// same articles in the same order, each mentioning the same entries in the
// same order, and the same entries with the same declared related entries.
// An edit to an article's text mostly leaves it so.
type relatedMemo struct {
	key      digest.Sum
	articles [][]int32 // by article rank: the ranks of its related articles
	entries  [][]int32 // by entry index: the indexes of its related entries
	// reused tells whether the last Link reused the memo.
	reused bool
}

// relatedKey digests what related articles and entries depend on. It is
// not known (ok is false) when an article's entries were not digested when
// it was converted, which only a Link with a Cache does.
func relatedKey(s *Site) (key digest.Sum, ok bool) {
	d := digest.New()
	d.Int(len(s.Articles), maxRelatedArticles, maxRelatedEntries, maxCandidates)
	for _, a := range s.Articles {
		if a.entriesSum == (digest.Sum{}) {
			return digest.Sum{}, false
		}
		d.Str(a.Path)
		d.Bytes(a.entriesSum[:])
	}
	d.Int(len(s.Entries))
	for _, e := range s.Entries {
		d.Str(e.ID)
		d.Int(len(e.Entry.Related))
		for _, r := range e.Entry.Related {
			d.Str(r.ID)
		}
	}
	return d.Sum(), true
}

// related fills in related articles and entries, from the memo when its key
// is the same, and keeps them in the memo. A nil memo keeps nothing.
func (m *relatedMemo) related(s *Site, byID map[string]*Entry) {
	if m == nil {
		relatedEntries(s, byID)
		relatedArticles(s)
		return
	}
	key, ok := relatedKey(s)
	m.reused = ok && key == m.key && len(m.articles) == len(s.Articles) && len(m.entries) == len(s.Entries)
	if m.reused {
		for i, a := range s.Articles {
			a.Related = nil
			for _, r := range m.articles[i] {
				a.Related = append(a.Related, s.Articles[r])
			}
		}
		for i, e := range s.Entries {
			e.Related = nil
			for _, r := range m.entries[i] {
				e.Related = append(e.Related, s.Entries[r])
			}
		}
		return
	}
	relatedEntries(s, byID)
	relatedArticles(s)
	*m = relatedMemo{}
	if !ok {
		return
	}
	m.key = key
	m.articles = make([][]int32, len(s.Articles))
	for i, a := range s.Articles {
		for _, r := range a.Related {
			m.articles[i] = append(m.articles[i], r.rank)
		}
	}
	m.entries = make([][]int32, len(s.Entries))
	for i, e := range s.Entries {
		for _, r := range e.Related {
			m.entries[i] = append(m.entries[i], r.index)
		}
	}
}

package link

import (
	"slices"

	"github.com/glossdev/gloss/generator/content"
)

// groupsMemo keeps the entries by kind and the articles by tag of one Link
// for the next, which reuses them when the entries are the same loads in
// the same order (for kinds), and the articles have the same pages and tags
// in the same order (for tags), as after an edit to an article's text.
type groupsMemo struct {
	entries  []*content.Entry
	kinds    []kindMemo
	articles []articleTags
	tags     []tagMemo
	// made tells that the memo holds the groups of a Link.
	made bool
	// reused tells what the last Link reused.
	reusedKinds, reusedTags bool
}

type kindMemo struct {
	kind    string
	entries []int32 // places in Site.Entries
}

type articleTags struct {
	page string
	tags []string
}

type tagMemo struct {
	name, page string
	articles   []int32 // ranks in Site.Articles
}

// groups fills in s.Kinds and s.Tags, from the memo where it can, and keeps
// them in the memo. A nil memo keeps nothing. s must be numbered.
func (m *groupsMemo) groups(s *Site) {
	if m == nil {
		s.Kinds = groupByKind(s.Entries)
		s.Tags = groupByTag(s.Articles)
		return
	}
	entries := make([]*content.Entry, len(s.Entries))
	for i, e := range s.Entries {
		entries[i] = e.Entry
	}
	m.reusedKinds = m.made && slices.Equal(entries, m.entries)
	if m.reusedKinds {
		s.Kinds = make([]KindGroup, len(m.kinds))
		for i, k := range m.kinds {
			s.Kinds[i] = KindGroup{Kind: k.kind, Entries: make([]*Entry, len(k.entries))}
			for j, e := range k.entries {
				s.Kinds[i].Entries[j] = s.Entries[e]
			}
		}
	} else {
		s.Kinds = groupByKind(s.Entries)
		m.entries, m.kinds = entries, make([]kindMemo, len(s.Kinds))
		for i, g := range s.Kinds {
			m.kinds[i] = kindMemo{kind: g.Kind, entries: make([]int32, len(g.Entries))}
			for j, e := range g.Entries {
				m.kinds[i].entries[j] = e.index
			}
		}
	}
	m.reusedTags = m.made && slices.EqualFunc(s.Articles, m.articles, func(a *Article, t articleTags) bool {
		return a.Page == t.page && slices.Equal(a.Tags, t.tags)
	})
	m.made = true
	if m.reusedTags {
		s.Tags = make([]Tag, len(m.tags))
		for i, t := range m.tags {
			s.Tags[i] = Tag{Name: t.name, Page: t.page, Articles: make([]*Article, len(t.articles))}
			for j, a := range t.articles {
				s.Tags[i].Articles[j] = s.Articles[a]
			}
		}
		return
	}
	s.Tags = groupByTag(s.Articles)
	m.articles, m.tags = make([]articleTags, len(s.Articles)), make([]tagMemo, len(s.Tags))
	for i, a := range s.Articles {
		m.articles[i] = articleTags{page: a.Page, tags: a.Tags}
	}
	for i, t := range s.Tags {
		m.tags[i] = tagMemo{name: t.Name, page: t.Page, articles: make([]int32, len(t.Articles))}
		for j, a := range t.Articles {
			m.tags[i].articles[j] = a.rank
		}
	}
}

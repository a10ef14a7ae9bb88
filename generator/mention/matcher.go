// Package mention finds mentions of glossary entries in articles and turns
// them into links that carry the entry's card. It works on goldmark's AST:
// names are matched in runs of text, never inside code, links, images,
// headings or raw HTML, and never across emphasis or link boundaries.
package mention

import (
	"fmt"
	"slices"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
)

// Matcher finds the names and aliases of all entries in text, in one pass.
// It is safe for concurrent use.
type Matcher struct {
	root    *trieNode
	entries []*content.Entry
	// aliases counts the aliases of each entry, for unmatched-alias warnings.
	aliases [][]content.Alias
}

type trieNode struct {
	next map[rune]*trieNode
	// cands are the aliases that end here (folded text equal).
	cands []candidate
}

type candidate struct {
	entry     int // index in Matcher.entries
	alias     int // index in the entry's aliases
	exact     []rune
	matchCase bool
}

// NewMatcher indexes the names and aliases of entries. An alias claimed by
// two entries is reported to diags, in the later file, naming both.
func NewMatcher(entries []*content.Entry, diags *diag.List) *Matcher {
	m := &Matcher{root: &trieNode{}, entries: entries}
	type claim struct {
		entry int
		alias content.Alias
		case_ bool
	}
	claims := map[string][]claim{}
	for ei, e := range entries {
		m.aliases = append(m.aliases, e.Aliases)
		seen := map[string]bool{}
		for ai, a := range e.Aliases {
			exact := prepare(a.Text)
			if len(exact) == 0 {
				continue
			}
			folded := fold(exact)
			key := string(folded)
			if seen[string(exact)] {
				continue // an entry may repeat its own alias harmlessly
			}
			seen[string(exact)] = true
			for _, c := range claims[key] {
				other := entries[c.entry]
				if c.entry == ei {
					continue
				}
				if string(prepare(c.alias.Text)) == string(exact) || !c.case_ || !e.MatchCase {
					diags.Add(diag.Diagnostic{Path: e.Path, Line: a.Pos.Line, Col: a.Pos.Col,
						Msg:  fmt.Sprintf("alias %q is claimed by both %s and %s", a.Text, other.Path, e.Path),
						Hint: "a name must lead to one entry; keep it in one of them and use [text](glossary:id) where you mean the other"})
				}
			}
			claims[key] = append(claims[key], claim{entry: ei, alias: a, case_: e.MatchCase})
			n := m.root
			for _, r := range folded {
				if n.next == nil {
					n.next = map[rune]*trieNode{}
				}
				child, ok := n.next[r]
				if !ok {
					child = &trieNode{}
					n.next[r] = child
				}
				n = child
			}
			n.cands = append(n.cands, candidate{entry: ei, alias: ai, exact: exact, matchCase: e.MatchCase})
		}
	}
	return m
}

// Entry returns the entry with index i.
func (m *Matcher) Entry(i int) *content.Entry { return m.entries[i] }

// Match is a mention found in a text.
type Match struct {
	// Start and End index the units of the text.
	Start, End int
	Entry      int
	Alias      int
}

// Find returns the leftmost-longest, non-overlapping mentions in units.
func (m *Matcher) Find(units []textmap.Unit) []Match {
	var out []Match
	for i := 0; i < len(units); {
		if !m.canStart(units, i) {
			i++
			continue
		}
		best := Match{End: -1}
		n := m.root
		for j := i; j < len(units) && n != nil; j++ {
			n = n.next[units[j].Fold()]
			if n == nil {
				break
			}
			if len(n.cands) == 0 || !canEnd(units, j+1) {
				continue
			}
			for _, c := range n.cands {
				if c.matchCase && !exactEqual(units[i:j+1], c.exact) {
					continue
				}
				best = Match{Start: i, End: j + 1, Entry: c.entry, Alias: c.alias}
				break
			}
		}
		if best.End > 0 {
			out = append(out, best)
			i = best.End
			continue
		}
		i++
	}
	return out
}

func (m *Matcher) canStart(units []textmap.Unit, i int) bool {
	if units[i].Glued || m.root.next[units[i].Fold()] == nil {
		return false
	}
	return i == 0 || !textmap.IsWordChar(units[i-1].Norm())
}

func canEnd(units []textmap.Unit, end int) bool {
	return end == len(units) || (!units[end].Glued && !textmap.IsWordChar(units[end].Norm()))
}

func exactEqual(us []textmap.Unit, exact []rune) bool {
	if len(us) != len(exact) {
		return false
	}
	for i := range us {
		if us[i].Norm() != exact[i] {
			return false
		}
	}
	return true
}

// prepare normalizes an alias as text is normalized for matching.
func prepare(s string) []rune { return []rune(textmap.Normalize(s)) }

func fold(rs []rune) []rune {
	out := slices.Clone(rs)
	for i, r := range out {
		out[i] = textmap.FoldRune(r)
	}
	return out
}

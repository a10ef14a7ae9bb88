// Package mention finds mentions of glossary entries in articles and turns
// them into links that carry the entry's card. It works on goldmark's AST:
// names are matched in runs of text, never inside code, links, images,
// headings or raw HTML, and never across emphasis or link boundaries.
package mention

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"golang.org/x/text/unicode/norm"
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

// unit is one character of text prepared for matching.
type unit struct {
	exact, folded rune
	// piece and [start, end) locate the unit in the caller's pieces of
	// text; a unit made of several source characters (folded white space,
	// a composed character) spans all of them.
	piece      int
	start, end int
	// glued marks a unit that shares its source with the previous one (a
	// character that normalization split); no mention may start or end
	// between the two.
	glued bool
}

// Find returns the leftmost-longest, non-overlapping mentions in units.
func (m *Matcher) Find(units []unit) []Match {
	var out []Match
	for i := 0; i < len(units); {
		if !m.canStart(units, i) {
			i++
			continue
		}
		best := Match{End: -1}
		n := m.root
		for j := i; j < len(units) && n != nil; j++ {
			n = n.next[units[j].folded]
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

func (m *Matcher) canStart(units []unit, i int) bool {
	if m.root.next[units[i].folded] == nil || units[i].glued {
		return false
	}
	return i == 0 || !isWordChar(units[i-1].exact)
}

func canEnd(units []unit, end int) bool {
	return end == len(units) || (!units[end].glued && !isWordChar(units[end].exact))
}

func exactEqual(us []unit, exact []rune) bool {
	if len(us) != len(exact) {
		return false
	}
	for i, u := range us {
		if u.exact != exact[i] {
			return false
		}
	}
	return true
}

// isWordChar reports whether r continues a word: a mention never starts or
// ends next to one ("Kyivan" holds no mention of "Kyiv").
func isWordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// prepare normalizes an alias as text is normalized for matching: NFC,
// white space folded to single spaces, typographic quotes made plain.
func prepare(s string) []rune {
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	out := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		out = append(out, plainQuote(r))
	}
	return out
}

func fold(rs []rune) []rune {
	out := slices.Clone(rs)
	for i, r := range out {
		out[i] = foldRune(r)
	}
	return out
}

// foldRune maps a character to its case-insensitive form, one character for
// one so that positions stay aligned.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// plainQuote treats typographic quotes and apostrophes as their plain forms.
func plainQuote(r rune) rune {
	switch r {
	case '‘', '’', 'ʼ', '′':
		return '\''
	case '“', '”', '″':
		return '"'
	case '\u00a0', '\u202f', '\u2009':
		return ' '
	}
	return r
}

// Package mention finds mentions of glossary entries in articles and turns
// them into links that carry the entry's card. It works on goldmark's AST:
// names are matched in runs of text, never inside code, links, images,
// headings or raw HTML, and never across emphasis or link boundaries.
package mention

import (
	"fmt"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
)

// Matcher finds the names and aliases of all entries in text, in one pass.
// It is safe for concurrent use.
type Matcher struct {
	root *trieNode
	// ascii holds the root's children for ASCII characters, which start
	// most words, upper-case letters as their lower case: the hot first
	// step of every match is an array index.
	ascii [utf8.RuneSelf]*trieNode
	// start holds, by ASCII character as written, the root's child where
	// a match of a word starting with it goes on: none when every alias
	// below the child matches case and starts otherwise. Most words start
	// in lower case, most names in upper case, and a word that no name
	// can start with costs one look.
	start [utf8.RuneSelf]*trieNode
	// class sorts bytes for FindText's fast loop: inWord for ASCII that
	// continues a word, startsName for ASCII that start has a node for,
	// other for the bytes of other characters.
	class   [256]uint8
	entries []*content.Entry
	// aliases counts the aliases of each entry, for unmatched-alias warnings.
	aliases [][]content.Alias
}

type trieNode struct {
	// keys and next are the node's children, sorted by key; most nodes
	// have one child.
	keys []rune
	next []*trieNode
	// ascii has bit r set for each ASCII key r, which finds an ASCII
	// child without a look at keys.
	ascii [2]uint64
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
				n = n.add(r)
			}
			n.cands = append(n.cands, candidate{entry: ei, alias: ai, exact: exact, matchCase: e.MatchCase})
		}
	}
	for i, k := range m.root.keys {
		if k < utf8.RuneSelf {
			m.ascii[k] = m.root.next[i]
		}
	}
	// Keys are folded: an upper-case letter starts what its lower case
	// does.
	for r := 'A'; r <= 'Z'; r++ {
		m.ascii[r] = m.ascii[r+'a'-'A']
	}
	for r, n := range m.ascii {
		if n != nil && n.canStart(rune(r)) {
			m.start[r] = n
		}
	}
	for c := range m.class {
		switch {
		case c >= utf8.RuneSelf:
			m.class[c] = other
		case m.start[c] != nil:
			m.class[c] = startsName
		}
		if c < utf8.RuneSelf && isWordByte(byte(c)) {
			m.class[c] |= inWord
		}
	}
	return m
}

// canStart reports whether an alias ending at n or below it can match text
// that starts with r: one that starts with r, or ignores case.
func (n *trieNode) canStart(r rune) bool {
	for _, c := range n.cands {
		if !c.matchCase || c.exact[0] == r {
			return true
		}
	}
	for _, c := range n.next {
		if c.canStart(r) {
			return true
		}
	}
	return false
}

// child returns n's child for r, or nil.
func (n *trieNode) child(r rune) *trieNode {
	if r < utf8.RuneSelf {
		// Keys are sorted, ASCII first: the bits below r count the keys
		// before it.
		w, bit := n.ascii[r>>6], uint64(1)<<(r&63)
		if w&bit == 0 {
			return nil
		}
		i := bits.OnesCount64(w & (bit - 1))
		if r >= 64 {
			i += bits.OnesCount64(n.ascii[0])
		}
		return n.next[i]
	}
	if len(n.keys) < 8 {
		for i, k := range n.keys {
			if k == r {
				return n.next[i]
			}
		}
		return nil
	}
	if i, ok := slices.BinarySearch(n.keys, r); ok {
		return n.next[i]
	}
	return nil
}

// add returns n's child for r, adding it if need be.
func (n *trieNode) add(r rune) *trieNode {
	i, ok := slices.BinarySearch(n.keys, r)
	if ok {
		return n.next[i]
	}
	c := &trieNode{}
	if r < utf8.RuneSelf {
		n.ascii[r>>6] |= 1 << (r & 63)
	}
	n.keys = slices.Insert(n.keys, i, r)
	n.next = slices.Insert(n.next, i, c)
	return c
}

// match returns the first alias ending at n that the text [start, end)
// may be: one that ignores case, or one that equal says the text reads
// as, character by character.
func (n *trieNode) match(start, end int, equal func(exact []rune) bool) (Match, bool) {
	for _, c := range n.cands {
		if !c.matchCase || equal(c.exact) {
			return Match{Start: start, End: end, Entry: c.entry, Alias: c.alias}, true
		}
	}
	return Match{}, false
}

// first returns the root's child for r.
func (m *Matcher) first(r rune) *trieNode {
	if r < utf8.RuneSelf {
		return m.ascii[r]
	}
	return m.root.child(r)
}

// Entry returns the entry with index i.
func (m *Matcher) Entry(i int) *content.Entry { return m.entries[i] }

// Match is a mention found in a text.
type Match struct {
	// Start and End index the units of the text (Find) or its bytes
	// (FindText).
	Start, End int
	Entry      int
	Alias      int
}

// Find returns the leftmost-longest, non-overlapping mentions in units.
func (m *Matcher) Find(units []textmap.Unit) []Match {
	// The units' characters, and at each one's first byte its unit and
	// whether it is glued.
	text := make([]byte, 0, len(units))
	unit := make([]int, 0, len(units)+1)
	glued := make([]bool, 0, len(units))
	for i := range units {
		n := len(text)
		text = utf8.AppendRune(text, units[i].Orig)
		for range len(text) - n {
			unit = append(unit, i)
			glued = append(glued, units[i].Glued)
		}
	}
	unit = append(unit, len(units))
	out := m.FindText(text, glued)
	for i := range out {
		out[i].Start, out[i].End = unit[out[i].Start], unit[out[i].End]
	}
	return out
}

// FindText returns the leftmost-longest, non-overlapping mentions in text,
// the characters of prepared units as UTF-8 (one unit each); the matches'
// Start and End are byte offsets. glued marks, by byte, the characters
// Glued to the one before; nil marks none. Most text is ASCII, whose
// characters the loop reads itself (FuzzFind holds it to the plain loop
// over units that it replaced).
func (m *Matcher) FindText(text []byte, glued []bool) []Match {
	var out []Match
	// afterWord tells whether the character before i continues a word: no
	// match starts right after one.
	afterWord := false
	for i := 0; i < len(text); {
		// Most characters are ASCII and inside a word or starting none:
		// they are passed over with one test each.
		after := uint8(0)
		if afterWord {
			after = startsName
		}
		for ; i < len(text); i++ {
			k := m.class[text[i]]
			if k&^after >= startsName {
				break
			}
			after = (k & inWord) << 1
		}
		afterWord = after != 0
		if i == len(text) {
			break
		}
		var n *trieNode
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			afterWord = isWordByte(c)
			if glued != nil && glued[i] {
				i++
				continue
			}
			n = m.start[c]
		} else {
			var r rune
			r, size = utf8.DecodeRune(text[i:])
			r = textmap.PlainQuote(r)
			if !afterWord && (glued == nil || !glued[i]) {
				n = m.first(textmap.FoldRune(r))
			}
			afterWord = textmap.IsWordChar(r)
			if n == nil {
				i += size
				continue
			}
		}
		best := Match{End: -1}
		for j := i + size; ; {
			if len(n.cands) > 0 && canEnd(text, glued, j) {
				if m, ok := n.match(i, j, func(exact []rune) bool { return exactEqual(text[i:j], exact) }); ok {
					best = m
				}
			}
			if j == len(text) {
				break
			}
			r, size := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(text[j:])
				r = textmap.FoldRune(textmap.PlainQuote(r))
			} else if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if n = n.child(r); n == nil {
				break
			}
			j += size
		}
		if best.End < 0 {
			i += size
			continue
		}
		out = append(out, best)
		i = best.End
		r, _ := utf8.DecodeLastRune(text[:i])
		afterWord = textmap.IsWordChar(textmap.PlainQuote(r))
	}
	return out
}

// Byte classes of Matcher.class. startsName is inWord shifted left: the
// fast loop masks it off after a word character.
const (
	inWord     = 1
	startsName = 2
	other      = 4
)

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// canEnd reports whether a match may end at byte end of text: at its end,
// or before a character that neither continues a word nor is glued.
func canEnd(text []byte, glued []bool, end int) bool {
	if end == len(text) {
		return true
	}
	if glued != nil && glued[end] {
		return false
	}
	if c := text[end]; c < utf8.RuneSelf {
		return !isWordByte(c)
	}
	r, _ := utf8.DecodeRune(text[end:])
	return !textmap.IsWordChar(textmap.PlainQuote(r))
}

// exactEqual reports whether text reads exact, character by character in
// Norm form.
func exactEqual(text []byte, exact []rune) bool {
	k := 0
	for _, r := range string(text) {
		if k == len(exact) || textmap.PlainQuote(r) != exact[k] {
			return false
		}
		k++
	}
	return k == len(exact)
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

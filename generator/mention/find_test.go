package mention

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/stretchr/testify/assert"
)

// benchParagraph is a paragraph of about 1,300 characters that mentions a
// few of the test entries 15 times.
var benchParagraph = strings.Repeat("Local officials said that the talks would resume after a short pause in Istanbul, "+
	"but the mood was tense. Medinsky, who leads the delegation, said that the timetable was more ambitious "+
	"than anyone had expected; Erdoğan’s office did not comment. ", 5)

// BenchmarkFind looks for the test entries in benchParagraph's units, as
// runs of text that do not prepare simply are read.
func BenchmarkFind(b *testing.B) {
	var diags diag.List
	m := NewMatcher(testEntries, &diags)
	units := textmap.Units([][]byte{[]byte(benchParagraph)})
	b.SetBytes(int64(len(benchParagraph)))
	for b.Loop() {
		if len(m.Find(units)) != 15 {
			b.Fatal("wrong matches")
		}
	}
}

// BenchmarkFindText joins benchParagraph and looks for the test entries in
// it, as most runs of text are read.
func BenchmarkFindText(b *testing.B) {
	var diags diag.List
	m := NewMatcher(testEntries, &diags)
	pieces := [][]byte{[]byte(benchParagraph)}
	var j textmap.Joined
	b.SetBytes(int64(len(benchParagraph)))
	for b.Loop() {
		if !j.Join(pieces) || len(m.FindText(j.Text, nil)) != 15 {
			b.Fatal("wrong matches")
		}
	}
}

// FuzzFind holds Find and FindText, which reads the characters of text
// itself, to findUnits, the plain loop over units. The pieces are joined
// by FindText's callers when they prepare simply: then FindText reads the
// joined text without the units.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Medinsky met Putin in Istanbul.", "xMedinsky Medinskyx _Putin Putin_ 9Kyiv Kyiv9",
		"Erdoğan’s İstanbul, Côte d'Ivoire; New York University; KREMLIN kremlin",
		"Мединский and Medinsky\u0301 and e\u0301Kyiv", "Vladimir Medinsky's Vladimir Putin",
		"Medinsky'Sultan' and 'Sultan'", "de Gaulle, De Gaulle and DE GAULLE",
		"Vladimir  Medinsky, Vladimir\tPutin, Erdoğan\u00a0Kyiv \xffKyiv",
	} {
		f.Add(s)
	}
	var diags diag.List
	// A name that starts with a character outside words, which may follow
	// a match, and one that starts in lower case.
	m := NewMatcher(append(slices.Clone(testEntries), entry("sultan", "'Sultan'"), entry("de-gaulle", "de Gaulle")), &diags)
	var j textmap.Joined
	f.Fuzz(func(t *testing.T, s string) {
		pieces := [][]byte{[]byte(s)}
		units := textmap.Units(pieces)
		want := findUnits(m, units)
		if got := m.Find(units); !slices.Equal(got, want) {
			t.Fatalf("%q: Find gives %v, the loop over units %v", s, got, want)
		}
		if !j.Join(pieces) {
			return
		}
		got := m.FindText(j.Text, nil)
		for i, g := range got {
			// Byte offsets to units: the characters before them.
			got[i].Start, got[i].End = utf8.RuneCount(j.Text[:g.Start]), utf8.RuneCount(j.Text[:g.End])
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: FindText gives %v, the loop over units %v", s, got, want)
		}
	})
}

// findUnits is Find as a plain loop over units, which Find once was. It
// reads the text its own way and shares with FindText only the choice
// among the aliases that end at a node.
func findUnits(m *Matcher, units []textmap.Unit) []Match {
	canEnd := func(end int) bool {
		return end == len(units) || (!units[end].Glued && !units[end].IsWord())
	}
	exactEqual := func(us []textmap.Unit, exact []rune) bool {
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
	var out []Match
	afterWord := false
	for i := 0; i < len(units); i++ {
		u := &units[i]
		var n *trieNode
		if !afterWord && !u.Glued {
			n = m.first(u.Fold())
		}
		afterWord = u.IsWord()
		if n == nil {
			continue
		}
		best := Match{End: -1}
		for j := i; n != nil; {
			if j > i {
				n = n.child(units[j].Fold())
			}
			j++
			if n == nil {
				break
			}
			if len(n.cands) > 0 && canEnd(j) {
				if m, ok := n.match(i, j, func(exact []rune) bool { return exactEqual(units[i:j], exact) }); ok {
					best = m
				}
			}
			if j == len(units) {
				break
			}
		}
		if best.End > 0 {
			out = append(out, best)
			i = best.End - 1
			afterWord = units[i].IsWord()
		}
	}
	return out
}

// TestFindNoStartRightAfterAWord: a match ends a word, so a name that
// begins with a character outside words cannot start right after it.
func TestFindNoStartRightAfterAWord(t *testing.T) {
	var diags diag.List
	m := NewMatcher([]*content.Entry{entry("medinsky", "Medinsky"), entry("sultan", "'Sultan'")}, &diags)
	text := "Medinsky'Sultan' and 'Sultan'"
	var got []string
	for _, match := range m.Find(textmap.Units([][]byte{[]byte(text)})) {
		got = append(got, string([]rune(text)[match.Start:match.End]))
	}
	assert.Equal(t, []string{"Medinsky", "'Sultan'"}, got)
}

// TestFindStartCase: a word is looked up in the trie only when a name can
// start with its first character as written, or ignores case.
func TestFindStartCase(t *testing.T) {
	var diags diag.List
	kremlin := entry("kremlin", "Kremlin")
	kremlin.MatchCase = false
	m := NewMatcher([]*content.Entry{entry("kyiv", "Kyiv"), entry("de-gaulle", "de Gaulle"), kremlin, entry("putin", "Putin")}, &diags)
	tests := []struct{ text, want string }{
		{"kyiv Kyiv KYIV", "Kyiv"},
		{"de Gaulle De Gaulle", "de Gaulle"},
		{"kremlin Kremlin KREMLIN", "kremlin|Kremlin|KREMLIN"},
		{"the kremlin in kyiv", "kremlin"},
		{"putin Putin", "Putin"},
	}
	for _, tt := range tests {
		var got []string
		for _, match := range m.Find(textmap.Units([][]byte{[]byte(tt.text)})) {
			got = append(got, string([]rune(tt.text)[match.Start:match.End]))
		}
		assert.Equal(t, tt.want, strings.Join(got, "|"), tt.text)
	}
	assert.Nil(t, m.start['p'], "Putin matches case")
	assert.NotNil(t, m.start['P'])
	assert.NotNil(t, m.start['k'], "kremlin ignores case")
	assert.NotNil(t, m.start['d'])
	assert.Nil(t, m.start['D'], "de Gaulle matches case")
	assert.Nil(t, m.start['x'])
}

// TestTrieChild: a child is found by its key, whether ASCII below 64, ASCII
// above (counted after the keys below 64) or not ASCII, and only by it.
func TestTrieChild(t *testing.T) {
	for _, keys := range []string{"", "a", " '-09", "aeiouz", "!\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~az", "a\u00e9\u0436z", "\u0436"} {
		n := &trieNode{}
		want := map[rune]*trieNode{}
		for _, r := range keys {
			want[r] = n.add(r)
		}
		for r := rune(0); r < 0x500; r++ {
			assert.Same(t, want[r], n.child(r), "keys %q, rune %q", keys, r)
		}
	}
}

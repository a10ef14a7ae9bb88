package mention

import (
	"slices"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/stretchr/testify/assert"
)

// BenchmarkFind looks for the test entries in a paragraph of about 1,300
// characters that mentions a few of them.
func BenchmarkFind(b *testing.B) {
	var diags diag.List
	m := NewMatcher(testEntries, &diags)
	text := strings.Repeat("Local officials said that the talks would resume after a short pause in Istanbul, "+
		"but the mood was tense. Medinsky, who leads the delegation, said that the timetable was more ambitious "+
		"than anyone had expected; Erdoğan’s office did not comment. ", 5)
	units := textmap.Units([][]byte{[]byte(text)})
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if len(m.Find(units)) != 15 {
			b.Fatal("wrong matches")
		}
	}
}

// FuzzFind holds Find, which spells out its ASCII cases, to the same loop
// with the calls it spells out.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Medinsky met Putin in Istanbul.", "xMedinsky Medinskyx _Putin Putin_ 9Kyiv Kyiv9",
		"Erdoğan’s İstanbul, Côte d'Ivoire; New York University; KREMLIN kremlin",
		"Мединский and Medinsky\u0301 and e\u0301Kyiv", "Vladimir Medinsky's Vladimir Putin",
		"Medinsky'Sultan' and 'Sultan'", "de Gaulle, De Gaulle and DE GAULLE",
	} {
		f.Add(s)
	}
	var diags diag.List
	// A name that starts with a character outside words, which may follow
	// a match, and one that starts in lower case.
	m := NewMatcher(append(slices.Clone(testEntries), entry("sultan", "'Sultan'"), entry("de-gaulle", "de Gaulle")), &diags)
	f.Fuzz(func(t *testing.T, s string) {
		units := textmap.Units([][]byte{[]byte(s)})
		if got, want := m.Find(units), m.find(units, false); !slices.Equal(got, want) {
			t.Fatalf("%q: Find gives %v, the loop with calls %v", s, got, want)
		}
	})
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

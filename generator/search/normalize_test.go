package search

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"
)

// normalizeWhole is Normalize as its documentation says: NFKD of the whole
// text, then each character folded.
func normalizeWhole(s string) string {
	return string(appendFolded(nil, norm.NFKD.String(s)))
}

// FuzzNormalize holds Normalize, which decomposes only the runs of
// characters outside ASCII, to NFKD of the whole text.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"Erdoğan", "Łukasz in Tromsø", "e\u0301 and E\u0301", "ﬁnal ½ Ⅻ", "ΣΟΦΟΣ σοφος", "İstanbul",
		"a\u0323\u0302b", "\xff\xfe ascii \xc3", "ＡＢＣ", "한국어", "Ærlaava Œuvre STRASSE straße",
		"e" + strings.Repeat("\u0301\u0323", 40) + "x", // longer than a normalization segment
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), normalizeWhole(s); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	})
}

// TestAppendFolded: combining marks go, letters are lower-cased and folded.
func TestAppendFolded(t *testing.T) {
	assert.Equal(t, "x:cez lo", string(appendFolded([]byte("x:"), norm.NFKD.String("Çé\u0308Ž Łø"))))
}

func TestIsStopWord(t *testing.T) {
	for _, w := range stopWords {
		assert.True(t, IsStopWord(w), w)
	}
	for _, w := range []string{"", "x", "ab", "the_", "thea", "Istanbul", "The", "été", "1", "zz", "{"} {
		assert.False(t, IsStopWord(w), w)
	}
}

// FuzzEachTerm holds eachTerm, which reads ASCII without decoding it, to
// Terms.
func FuzzEachTerm(f *testing.F) {
	for _, s := range []string{"", "The talks in Istanbul, 16 May 2025.", "a_b c-d e'f ’s", "Ærlaava Şenanström İstanbul",
		"x\xffy \xc3 z", "٣٤ ab١ 中文 한국어", strings.Repeat("w", 60) + " ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got []string
		eachTerm(s, func(term string) { got = append(got, term) })
		want := Terms(s)
		if len(want) == 0 {
			want = nil
		}
		assert.Equal(t, want, got, "%q", s)
	})
}

// TestFoldedRune: the table of single characters' folded forms.
func TestFoldedRune(t *testing.T) {
	tests := []struct {
		r    rune
		want string
		ok   bool
	}{
		{'Ş', "s", true},
		{'ğ', "g", true},
		{'Ł', "l", true},
		{'Æ', "ae", true},
		{'Ё', "е", true},
		{'Й', "и", true},
		{'Σ', "σ", true},
		{'ς', "σ", true},
		{'’', "’", true},
		{'…', "...", true},
		{'\u00a0', " ", true},
		{'\u0301', "", true},
		{'\u0530', "", false},
		{'ﬁ', "", false},
		{'中', "", false},
		{0x7f, "", false},
	}
	for _, tt := range tests {
		got, ok := foldedRune(tt.r)
		assert.Equal(t, tt.ok, ok, "%U", tt.r)
		assert.Equal(t, tt.want, got, "%U", tt.r)
	}
}

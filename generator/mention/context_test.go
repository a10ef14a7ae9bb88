package mention

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestEndsSentence(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", false},
		{"word", false},
		{"word,", false},
		{"end.", true},
		{"what?", true},
		{"stop!", true},
		{"and so…", true},
		{`he said "go."`, true},
		{"he said “go.”", true},
		{"(see above.)", true},
		{"[sic.]", true},
		{"«fin.»", true},
		{"it's", false},
		{"quoted”", false},
		{"The U.S.", false},
		{"J.", false},
		{"by J.", false},
		{"in May.", true},
		{"ÉTÉ.", true},
		{"Ž.", false},
		{"\xffA.", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, endsSentence(tt.s), "%q", tt.s)
		assert.Equal(t, endsSentenceRunes(tt.s), endsSentence(tt.s), "%q against the rune-by-rune reading", tt.s)
	}
}

// BenchmarkSentenceBounds finds the sentence around ten places in four
// copies of two sentences of the corpus's kind.
func BenchmarkSentenceBounds(b *testing.B) {
	text := strings.Repeat("Local officials said that the talks would resume after a short pause, but the mood was tense. "+
		"Yusuf Şenanström, who has followed the process from the start, reported that the last round ended without a joint statement. ", 4)
	var at []int
	for i := 0; i < len(text); i += 97 {
		for !utf8.RuneStart(text[i]) {
			i++
		}
		at = append(at, i)
	}
	for b.Loop() {
		for _, i := range at {
			sentenceBounds(text, i, i)
		}
	}
}

// FuzzSentenceBounds holds sentenceBounds and endsSentence, which read ASCII
// a byte at a time, to the same rules read rune by rune.
func FuzzSentenceBounds(f *testing.F) {
	for _, s := range []string{
		"One. Two Kyiv three. Four.", "The U.S. envoy met Kyiv officials. Next.", "“Go.” Kyiv said so?” Then.",
		"a.\tb!\nc?\rd\u00a0e.\u2003f. (g.) [h.] «i.» “j.” 'k.' \"l.\"", "\xff. x\xfe \x85y.\u0085z", "É. Ž. x.",
	} {
		f.Add(s, 5, 2)
	}
	f.Fuzz(func(t *testing.T, text string, start, n int) {
		if len(text) == 0 {
			return
		}
		start = min(max(start, 0), len(text))
		end := min(start+max(n, 0), len(text))
		for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		s, e := sentenceBounds(text, start, end)
		ws, we := sentenceBoundsRunes(text, start, end)
		if s != ws || e != we {
			t.Fatalf("sentenceBounds(%q, %d, %d) = %d, %d; rune by rune %d, %d", text, start, end, s, e, ws, we)
		}
		for i := 0; i <= len(text); i++ {
			if got, want := endsSentence(text[:i]), endsSentenceRunes(text[:i]); got != want {
				t.Fatalf("endsSentence(%q) = %v, rune by rune %v", text[:i], got, want)
			}
		}
	})
}

// sentenceBoundsRunes is sentenceBounds reading every character as a rune.
func sentenceBoundsRunes(text string, start, end int) (int, int) {
	s := start
	for s > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsSpace(r) && endsSentenceRunes(text[:s-size]) {
			break
		}
		s -= size
	}
	e := end
	for e < len(text) {
		r, size := utf8.DecodeRuneInString(text[e:])
		if unicode.IsSpace(r) && endsSentenceRunes(text[:e]) {
			break
		}
		e += size
	}
	return s, e
}

// endsSentenceRunes is endsSentence without its shortcut for ASCII.
func endsSentenceRunes(s string) bool {
	s = strings.TrimRight(s, "\"'”’)]»")
	r, size := utf8.DecodeLastRuneInString(s)
	switch r {
	case '!', '?', '…':
		return true
	case '.':
		prev, psize := utf8.DecodeLastRuneInString(s[:len(s)-size])
		if unicode.IsUpper(prev) {
			before, _ := utf8.DecodeLastRuneInString(s[:len(s)-size-psize])
			if before == '.' || before == utf8.RuneError || unicode.IsSpace(before) {
				return false // an initial
			}
		}
		return true
	}
	return false
}

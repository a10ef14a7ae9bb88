package annotate

import (
	"slices"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/stretchr/testify/assert"
)

// findByUnits is docText.find spelled out unit by unit: a quote matches at
// unit i when the Norm runes of the units from i read as the quote, and no
// unit glued to a neighbour is cut off.
func findByUnits(units []textmap.Unit, a *content.Annotation) (matches []span, quoteOnly int) {
	q := []rune(textmap.Normalize(a.Quote))
	if len(q) == 0 {
		return nil, 0
	}
	norm := make([]rune, len(units))
	for i := range units {
		norm[i] = units[i].Norm()
	}
	prefix := []rune(strings.TrimRight(textmap.Normalize(a.Prefix), " "))
	suffix := []rune(strings.TrimLeft(textmap.Normalize(a.Suffix), " "))
	trim := func(rs []rune, left bool) []rune {
		for len(rs) > 0 {
			if left && rs[0] == ' ' {
				rs = rs[1:]
			} else if !left && rs[len(rs)-1] == ' ' {
				rs = rs[:len(rs)-1]
			} else {
				break
			}
		}
		return rs
	}
	for i := 0; i+len(q) <= len(norm); i++ {
		end := i + len(q)
		if !slices.Equal(norm[i:end], q) || units[i].Glued || end < len(units) && units[end].Glued {
			continue
		}
		quoteOnly++
		if before := trim(norm[:i], false); len(prefix) > 0 && (len(before) < len(prefix) || !slices.Equal(before[len(before)-len(prefix):], prefix)) {
			continue
		}
		if after := trim(norm[end:], true); len(suffix) > 0 && (len(after) < len(suffix) || !slices.Equal(after[:len(suffix)], suffix)) {
			continue
		}
		matches = append(matches, span{i, end})
	}
	return matches, quoteOnly
}

// TestFind: places are counted in characters, whatever the bytes before
// them, and only whole characters are quoted.
func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text, quote, prefix, suffix string
		want                        []span
		quoteOnly                   int
	}{
		{text: "cat cat", quote: "cat", want: []span{{0, 3}, {4, 7}}, quoteOnly: 2},
		{text: "cat cat", quote: "cat", prefix: "cat", want: []span{{4, 7}}, quoteOnly: 2},
		{text: "cat cat", quote: "cat", suffix: " cat", want: []span{{0, 3}}, quoteOnly: 2},
		{text: "Kyiv’s Kyiv’s talks", quote: "Kyiv's talks", want: []span{{7, 19}}, quoteOnly: 1},
		{text: "«Ça» “va” — Erdoğan’s", quote: "Erdoğan's", want: []span{{12, 21}}, quoteOnly: 1},
		{text: "aaaa", quote: "aa", want: []span{{0, 2}, {1, 3}, {2, 4}}, quoteOnly: 3},
		// A quote that is not valid UTF-8 matches no part of a character.
		{text: "Kyiv’s", quote: "\x99s", quoteOnly: 0},
		{text: "Kyiv’s", quote: "Kyiv\xe2\x80", quoteOnly: 0},
		{text: "", quote: "a", quoteOnly: 0},
	} {
		units := textmap.Units([][]byte{[]byte(tc.text)})
		a := &content.Annotation{Quote: tc.quote, Prefix: tc.prefix, Suffix: tc.suffix}
		got, quoteOnly := newText(units).find(a)
		assert.Equal(t, tc.want, got, "%q in %q", tc.quote, tc.text)
		assert.Equal(t, tc.quoteOnly, quoteOnly, "%q in %q", tc.quote, tc.text)
		want, wantOnly := findByUnits(units, a)
		assert.Equal(t, want, got, "%q in %q: against the units", tc.quote, tc.text)
		assert.Equal(t, wantOnly, quoteOnly, "%q in %q: against the units", tc.quote, tc.text)
	}
}

// TestNewTextReusesBuffer: norm is display itself when Norm changes no
// character, and is made in the given buffer otherwise.
func TestNewTextReusesBuffer(t *testing.T) {
	plain := textmap.Units([][]byte{[]byte("plain text, Erdoğan")})
	txt, buf := newTextInto(plain, origText(plain), nil)
	assert.Equal(t, "plain text, Erdoğan", txt.norm)
	assert.Nil(t, buf, "no buffer needed")

	curly := textmap.Units([][]byte{[]byte("Kyiv’s “talks”\u00a0now")})
	buf = make([]byte, 0, 64)
	txt, got := newTextInto(curly, origText(curly), buf)
	assert.Equal(t, "Kyiv's \"talks\" now", txt.norm)
	assert.Equal(t, "Kyiv’s “talks” now", txt.display, "white space folded")
	assert.Same(t, &buf[:1][0], &got[:1][0], "made in the buffer given")
}

// FuzzFind holds docText.find, which searches bytes, to findByUnits.
func FuzzFind(f *testing.F) {
	for _, s := range [][4]string{
		{"cat cat", "cat", "cat", ""}, {"Kyiv’s talks", "Kyiv's", "", "talks"}, {"Kyiv’s", "\x99s", "", ""},
		{"e\u0301 \u0344x", "\u0308", "", ""}, {"a\u00a0 b", "a b", "", ""}, {"ﬁne ﬁne", "ﬁne", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, text, quote, prefix, suffix string) {
		units := textmap.Units([][]byte{[]byte(text)})
		a := &content.Annotation{Quote: quote, Prefix: prefix, Suffix: suffix}
		got, quoteOnly := newText(units).find(a)
		want, wantOnly := findByUnits(units, a)
		if !slices.Equal(got, want) || quoteOnly != wantOnly {
			t.Fatalf("%q in %q (prefix %q, suffix %q): find gives %v, %d; by units %v, %d",
				quote, text, prefix, suffix, got, quoteOnly, want, wantOnly)
		}
	})
}

// FuzzJoinedText holds a docText of joined text, whose units are made only
// when asked for, to one of the same pieces' units: units, pieces, quoted
// text and places found.
func FuzzJoinedText(f *testing.F) {
	f.Add("Talks in Istanbul, ", "then Kyiv’s talks", "Kyiv's", "then", 3, 20)
	f.Add("Ærlaava’s “talks” in ", "Ærlaava", "Ærlaava", "", 0, 40)
	f.Fuzz(func(t *testing.T, a, b, quote, prefix string, start, end int) {
		values := [][]byte{[]byte(a), []byte(textmap.Break), []byte(b)}
		var j textmap.Joined
		if !j.Join(values) {
			return
		}
		units := textmap.Units(values)
		want := newText(units)
		got, _ := newJoinedText(&j, values, string(j.Text), nil)
		assert.Equal(t, want.display, got.display)
		assert.Equal(t, want.norm, got.norm)
		assert.Equal(t, want.n, got.n)
		for i := range units {
			assert.Equal(t, want.unit(i), got.unit(i), "unit %d", i)
			assert.Equal(t, want.glued(i), got.glued(i), "unit %d", i)
		}
		for p := range values {
			wf, wl := want.pieceUnits(int32(p))
			gf, gl := got.pieceUnits(int32(p))
			assert.Equal(t, [2]int{wf, wl}, [2]int{gf, gl}, "piece %d", p)
		}
		if start <= end && 0 <= end && start <= len(units) {
			// As orig is called: around places found, which may run over
			// the text's ends.
			assert.Equal(t, want.orig(start, end), got.orig(start, end), "units [%d, %d)", start, end)
		}
		ann := &content.Annotation{Quote: quote, Prefix: prefix}
		wm, wq := want.find(ann)
		gm, gq := got.find(ann)
		assert.Equal(t, wm, gm)
		assert.Equal(t, wq, gq)
		assert.Equal(t, units, got.allUnits())
	})
}

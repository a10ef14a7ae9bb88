package textmap

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkJoined asserts that a Join that said yes describes the units
// AppendUnits makes: their number, each unit, each piece's units, the text.
func checkJoined(t *testing.T, j *Joined, pieces [][]byte) {
	t.Helper()
	units := AppendUnits(nil, pieces)
	require.Equal(t, len(units), j.Len())
	var text []byte
	for _, p := range pieces {
		text = append(text, p...)
	}
	assert.Equal(t, string(text), string(j.Text))
	assert.Equal(t, origs(units), string(j.Text), "the units read as the text")
	assert.Equal(t, utf8.Valid(text) && len(text) == len([]rune(string(text))), j.ASCII)
	off := 0
	for i := range units {
		assert.Equal(t, units[i], j.Unit(i), "unit %d", i)
		assert.Equal(t, off, j.Offset(i), "unit %d", i)
		for k := range utf8.RuneLen(units[i].Orig) {
			piece, start := j.Locate(off + k)
			assert.Equal(t, [2]int{int(units[i].Piece), int(units[i].Start) + k}, [2]int{piece, start}, "byte %d", off+k)
		}
		off += utf8.RuneLen(units[i].Orig)
	}
	assert.Equal(t, len(text), j.Offset(len(units)))
	for p := range pieces {
		first, last := j.PieceUnits(p)
		for i := range units {
			assert.Equal(t, first <= i && i < last, int(units[i].Piece) == p, "unit %d in piece %d", i, p)
		}
	}
}

func TestJoin(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pieces [][]byte
		simple bool
	}{
		{"empty", pieces(), true},
		{"empty pieces", pieces("", "a", "", "b", ""), true},
		{"ASCII prose", pieces("Talks in Istanbul, ", "then", " Kyiv."), true},
		{"a leading space", pieces(" a"), true},
		{"breaks", pieces("one.", Break, "two", Break, "three"), true},
		{"accents and quotes", pieces("Şenanström said “more” — Ærlaava’s"), true},
		{"long ASCII", pieces("Talks in Istanbul, then in Kyiv: ", "eight bytes at a time"), true},
		{"two spaces", pieces("a  b"), false},
		{"two spaces in a long piece", pieces("Talks  in Istanbul"), false},
		{"two spaces across eight bytes", pieces("Talks a  Istanbul"), false},
		{"a space after a space ending a piece", pieces("Talks in ", " Istanbul, then"), false},
		{"a tab in a long piece", pieces("Talks in\tIstanbul"), false},
		{"a control character in a long piece", pieces("Talks\x01in Istanbul"), false},
		{"DEL", pieces("Talks in Istanbul\x7f"), true},
		{"two spaces across pieces", pieces("a ", " b"), false},
		{"a space after a break", pieces("a", Break, " b"), false},
		{"a tab", pieces("a\tb"), false},
		{"a newline in a piece", pieces("a\nb"), false},
		{"a control character", pieces("a\x00b"), false},
		{"a no-break space", pieces("a\u00a0b"), false},
		{"an ideographic space", pieces("a\u3000b"), false},
		{"NFD", pieces("e\u0301"), false},
		{"a composition across a piece", pieces("e", "\u0301"), false},
		{"a mark with no composition, glued", pieces("0\u0319 x"), false},
		{"a virama, glued", pieces("क्ष"), false},
		{"invalid UTF-8", pieces("a\xffb"), false},
		{"a truncated character", pieces("a\xc3"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var j Joined
			require.Equal(t, tc.simple, j.Join(tc.pieces))
			if tc.simple {
				checkJoined(t, &j, tc.pieces)
			}
		})
	}
}

func TestJoinReusesItsBuffers(t *testing.T) {
	var j Joined
	require.True(t, j.Join(pieces("Ærlaava, then a long piece of text")))
	require.False(t, j.Join(pieces("a  b")))
	p := pieces("short", " one")
	require.True(t, j.Join(p))
	checkJoined(t, &j, p)
}

// FuzzJoin holds Join to AppendUnits: whenever it says the pieces prepare
// simply, they do.
func FuzzJoin(f *testing.F) {
	f.Add("Talks in Istanbul, ", "\n", "then Ærlaava’s “talks”")
	f.Add("a ", " b", "c")
	f.Add("e", "\u0301", "\u00a0")
	f.Add("", "a\x00b\x7f", "\xff\xfe ascii")
	var j Joined
	f.Fuzz(func(t *testing.T, a, b, c string) {
		pieces := [][]byte{[]byte(a), []byte(b), []byte(c)}
		if !j.Join(pieces) {
			return
		}
		checkJoined(t, &j, pieces)
	})
}

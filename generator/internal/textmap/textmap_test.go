package textmap

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// u is a unit in a compact form for comparisons.
type u struct {
	r          rune
	piece      int32
	start, end int32
	glued      bool
}

func compact(units []Unit) []u {
	out := make([]u, len(units))
	for i, x := range units {
		out[i] = u{x.Orig, x.Piece, x.Start, x.End, x.Glued}
	}
	return out
}

func pieces(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

func origs(units []Unit) string {
	rs := make([]rune, len(units))
	for i, x := range units {
		rs[i] = x.Orig
	}
	return string(rs)
}

func TestUnitsASCII(t *testing.T) {
	got := Units(pieces("ab", "c"))
	assert.Equal(t, []u{
		{'a', 0, 0, 1, false},
		{'b', 0, 1, 2, false},
		{'c', 1, 0, 1, false},
	}, compact(got))
}

func TestUnitsMultiByteOffsetsAreBytes(t *testing.T) {
	got := Units(pieces("Київ😀"))
	assert.Equal(t, []u{
		{'К', 0, 0, 2, false},
		{'и', 0, 2, 4, false},
		{'ї', 0, 4, 6, false},
		{'в', 0, 6, 8, false},
		{'😀', 0, 8, 12, false},
	}, compact(got))
}

func TestUnitsComposesNFD(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []u
	}{
		{"e + acute composes to one unit spanning both", "Cafe\u0301!", []u{
			{'C', 0, 0, 1, false},
			{'a', 0, 1, 2, false},
			{'f', 0, 2, 3, false},
			{'é', 0, 3, 6, false},
			{'!', 0, 6, 7, false},
		}},
		{"I + dot above composes to İ", "I\u0307s", []u{
			{'İ', 0, 0, 3, false},
			{'s', 0, 3, 4, false},
		}},
		{"no precomposed form: the mark is glued to its base", "q\u0301x", []u{
			{'q', 0, 0, 3, false},
			{'\u0301', 0, 0, 3, true},
			{'x', 0, 3, 4, false},
		}},
		{"marks reordered and partly composed share the source", "e\u0301\u0323", []u{
			{'ẹ', 0, 0, 5, false},
			{'\u0301', 0, 0, 5, true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, compact(Units(pieces(tt.in))))
		})
	}
}

func TestUnitsNFCInputIsUnchanged(t *testing.T) {
	// Already composed text takes the fast path: one unit per character.
	got := Units(pieces("Café"))
	assert.Equal(t, "Café", origs(got))
	assert.Equal(t, u{'é', 0, 3, 5, false}, compact(got)[3])
}

func TestUnitsGlueMarksInNFCInput(t *testing.T) {
	// A mark with no precomposed form leaves the text NFC, and is glued to
	// its base as in text that is normalized: whether a piece is NFC must
	// not change where a match may start or end.
	in := "0\u0319 क्ष"
	require.Equal(t, len(in), norm.NFC.QuickSpan([]byte(in)), "NFC as it is")
	assert.Equal(t, []u{
		{'0', 0, 0, 1, false},
		{'\u0319', 0, 1, 3, true},
		{' ', 0, 3, 4, false},
		{'क', 0, 4, 7, false},
		{'\u094d', 0, 7, 10, true},
		{'ष', 0, 10, 13, false},
	}, compact(Units(pieces(in))))
	assert.Equal(t, []u{{'\u0319', 0, 0, 2, false}, {'a', 0, 2, 3, false}}, compact(Units(pieces("\u0319a"))),
		"a mark that starts a piece has nothing to be glued to")
}

// FuzzUnitsGlue holds units made from NFC text without normalizing it to
// those made by normalizing it: the same characters, glued alike, and each
// character that a match may start at or end after located alike.
func FuzzUnitsGlue(f *testing.F) {
	for _, s := range []string{"0\u0319 क्ष", "\u0319a", "Café", "a\u0319\u0316b  \u0306"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := []byte(s)
		if norm.NFC.QuickSpan(p) != len(p) || s == Break {
			return
		}
		got := AppendUnits(nil, [][]byte{p})
		want, _ := appendNormalized(nil, false, p, 0)
		require.Len(t, got, len(want))
		for i := range want {
			g, w := got[i], want[i]
			assert.Equal(t, w.Orig, g.Orig, "unit %d", i)
			assert.Equal(t, w.Glued, g.Glued, "unit %d", i)
			if !w.Glued {
				assert.Equal(t, w.Start, g.Start, "start of unit %d", i)
			}
			if i+1 == len(want) || !want[i+1].Glued {
				assert.Equal(t, w.End, g.End, "end of unit %d", i)
			}
		}
	})
}

func TestUnitsFoldWhiteSpace(t *testing.T) {
	tests := []struct {
		name   string
		in     []string
		want   string
		starts []int32 // Start of every unit
	}{
		{"single spaces stay", []string{"a b"}, "a b", []int32{0, 1, 2}},
		{"runs of spaces fold to one", []string{"a   b"}, "a b", []int32{0, 1, 4}},
		{"tabs and newlines inside a piece are spaces", []string{"a\t\n b"}, "a b", []int32{0, 1, 4}},
		{"NBSP, narrow NBSP and thin space are spaces", []string{"a\u00a0b\u202fc\u2009d"}, "a b c d",
			[]int32{0, 1, 3, 4, 7, 8, 11}},
		{"NBSP next to a space folds", []string{"a \u00a0b"}, "a b", []int32{0, 1, 4}},
		{"leading space is kept, once", []string{"  a"}, " a", []int32{0, 2}},
		{"spaces fold across pieces", []string{"a ", " b"}, "a b", []int32{0, 1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Units(pieces(tt.in...))
			assert.Equal(t, tt.want, origs(got))
			var starts []int32
			for _, x := range got {
				starts = append(starts, x.Start)
			}
			assert.Equal(t, tt.starts, starts)
		})
	}
}

func TestUnitsFoldedSpaceStartsAtTheFirstSpace(t *testing.T) {
	got := Units(pieces("ab", "  \t", "cd"))
	require.Equal(t, "ab cd", origs(got))
	sp := got[2]
	assert.Equal(t, int32(1), sp.Piece)
	assert.Equal(t, int32(0), sp.Start)
	// The next unit starts in its own piece: the later spaces are gone.
	assert.Equal(t, u{'c', 2, 0, 1, false}, compact(got)[3])
}

func TestUnitsBreak(t *testing.T) {
	got := Units(pieces("one ", Break, "  two", Break, Break, "three"))
	assert.Equal(t, "one \ntwo\n\nthree", origs(got))
	c := compact(got)
	assert.Equal(t, u{'\n', 1, 0, 1, false}, c[4], "a break is one unit of its own piece")
	assert.Equal(t, u{'t', 2, 2, 3, false}, c[5], "spaces after a break fold into it")
	assert.Equal(t, u{'\n', 3, 0, 1, false}, c[8])
	assert.Equal(t, u{'\n', 4, 0, 1, false}, c[9], "breaks never fold into each other")
}

func TestUnitsNewlineInsideAPieceIsNotABreak(t *testing.T) {
	got := Units(pieces("a\nb"))
	assert.Equal(t, "a b", origs(got))
}

func TestUnitsEmpty(t *testing.T) {
	assert.Empty(t, Units(nil))
	assert.Empty(t, Units(pieces("", "")))
}

func TestAppendUnitsReusesTheBuffer(t *testing.T) {
	buf := make([]Unit, 0, 16)
	got := AppendUnits(buf, pieces("abc"))
	require.Equal(t, "abc", origs(got))
	assert.Same(t, &buf[:1][0], &got[0], "appends into dst's array")
	// Appending to a non-empty dst keeps what is there.
	more := AppendUnits(got, pieces("d"))
	assert.Equal(t, "abcd", origs(more))
}

func TestNormAndFold(t *testing.T) {
	tests := []struct {
		orig       rune
		norm, fold rune
	}{
		{'A', 'A', 'a'},
		{'z', 'z', 'z'},
		{'1', '1', '1'},
		{'‘', '\'', '\''},
		{'’', '\'', '\''},
		{'ʼ', '\'', '\''},
		{'′', '\'', '\''},
		{'“', '"', '"'},
		{'”', '"', '"'},
		{'″', '"', '"'},
		{'\u00a0', ' ', ' '},
		{'\u202f', ' ', ' '},
		{'\u2009', ' ', ' '},
		{'«', '«', '«'},
		{'К', 'К', 'к'},
		{'Ї', 'Ї', 'ї'},
		{'İ', 'İ', 'i'}, // one character for one: positions stay aligned
		{'Σ', 'Σ', 'σ'},
		{'É', 'É', 'é'},
		{'ß', 'ß', 'ß'},
	}
	for _, tt := range tests {
		t.Run(string(tt.orig), func(t *testing.T) {
			x := Unit{Orig: tt.orig}
			assert.Equal(t, string(tt.norm), string(x.Norm()))
			assert.Equal(t, string(tt.fold), string(x.Fold()))
		})
	}
}

func TestUnitsKeepTypographicQuotesInOrig(t *testing.T) {
	got := Units(pieces("it’s “x”"))
	assert.Equal(t, "it’s “x”", origs(got))
	var normed []rune
	for i := range got {
		normed = append(normed, got[i].Norm())
	}
	assert.Equal(t, `it's "x"`, string(normed))
}

func TestFoldRune(t *testing.T) {
	for in, want := range map[rune]rune{'A': 'a', 'Z': 'z', '@': '@', '[': '[', 'a': 'a', 'Ä': 'ä', 'Ω': 'ω', 'İ': 'i', 'Ж': 'ж'} {
		assert.Equal(t, string(want), string(FoldRune(in)), "FoldRune(%q)", in)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"  Kyiv  ", "Kyiv"},
		{"New \t\n York", "New York"},
		{"New\u00a0York", "New York"},
		{"Cafe\u0301", "Café"},
		{"“Quoted” it’s", `"Quoted" it's`},
		{"Côte d’Ivoire", "Côte d'Ivoire"},
		{"I\u0307stanbul", "İstanbul"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, Normalize(tt.in))
		})
	}
}

func TestSpacedMatchesFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "é b", "one two three", "a\rb", "a\fb", "a\vb"} {
		if Spaced(s) {
			assert.Equal(t, strings.Join(strings.Fields(s), " "), s, "%q is left as it is", s)
		}
	}
	assert.True(t, Spaced("one two three"))
	assert.False(t, Spaced("one  two"))
	assert.False(t, Spaced(" one"))
	assert.False(t, Spaced("it’s"))
}

// FuzzNormalize holds Normalize, which returns a spaced ASCII string as it
// is, to the whole preparation.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Kyiv", "New York", "New  York", " x", "a\tb", "it’s", "Cafe\u0301", "\x00\x7f", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), normalize(s); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}

// Normalize and Units agree: the Norm form of a string's units is its
// Normalize form, up to the surrounding white space.
func TestNormalizeMatchesUnits(t *testing.T) {
	for _, s := range []string{"Cafe\u0301 au  lait", "“Hi” — it’s\u00a0me", "Київ\tй", "q\u0301 x"} {
		units := Units(pieces(s))
		var rs []rune
		for i := range units {
			rs = append(rs, units[i].Norm())
		}
		assert.Equal(t, Normalize(s), string(rs), "%q", s)
	}
}

func TestIsWordChar(t *testing.T) {
	for _, r := range []rune{'a', 'Z', 'é', 'ї', '7', '٣', '_', '\u0301', '中'} {
		assert.True(t, IsWordChar(r), "%q", r)
	}
	for _, r := range []rune{' ', '-', '\'', '’', '.', ',', '!', '\n', '😀', '\u00a0'} {
		assert.False(t, IsWordChar(r), "%q", r)
	}
}

func TestPool(t *testing.T) {
	var p Pool
	assert.Empty(t, p.Get(), "an empty pool gives a nil buffer")
	buf := AppendUnits(p.Get(), [][]byte{[]byte("Kyiv")})
	require.Len(t, buf, 4)
	p.Put(buf)
	again := p.Get()
	assert.Empty(t, again, "buffers come back empty")
	p.Put(nil)
	p.Put(make([]Unit, 0, 1<<20+1))
}

func TestIsWordCharASCIIAgreesWithUnicode(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
		assert.Equal(t, want, IsWordChar(r), "%q", r)
	}
	assert.True(t, IsWordChar('é'))
	assert.True(t, IsWordChar('\u0301'), "combining marks continue words")
	assert.False(t, IsWordChar('’'))
}

// FuzzAppendUnits holds the fast path for ASCII to the general one.
func FuzzAppendUnits(f *testing.F) {
	f.Add("Talks in  Istanbul,\tthen Kyiv.", "\n", "e\u0301 “quoted” \u00a0x")
	f.Add("", "a\x00b\x7f", "\xff\xfe ascii")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		pieces := [][]byte{[]byte(a), []byte(b), []byte(c)}
		assert.Equal(t, appendUnits(nil, pieces, false), AppendUnits(nil, pieces), "the fast path changes nothing")
	})
}

// BenchmarkAppendUnits prepares a paragraph as the mention and annotation
// transformers do: mostly ASCII prose in several pieces, a few names with
// accents, typographic quotes.
func BenchmarkAppendUnits(b *testing.B) {
	pieces := [][]byte{
		[]byte("Local officials said that the talks would resume after a short pause, but "),
		[]byte("the mood was tense"),
		[]byte(". Yusuf Şenanström, who has followed the process from the start, reported that the last round ended without a joint statement."),
		[]byte(" "),
		[]byte("Irina Zarurmann, who leads one of the working groups, claimed that the timetable was “more ambitious” than anyone had expected. The foreign ministry suggested that the "),
		[]byte("exchange"),
		[]byte(" clause was dropped from the final text."),
	}
	n := 0
	for _, p := range pieces {
		n += len(p)
	}
	b.SetBytes(int64(n))
	var buf []Unit
	for b.Loop() {
		buf = AppendUnits(buf[:0], pieces)
	}
}

// TestPlainQuoteKeepsASCII: callers skip PlainQuote (and so Norm) for ASCII.
func TestPlainQuoteKeepsASCII(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		assert.Equal(t, r, PlainQuote(r), "%q", r)
	}
}

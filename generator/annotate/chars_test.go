package annotate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestASCIIPrefixAndCharCount(t *testing.T) {
	for _, tc := range []struct {
		s      string
		prefix int
	}{
		{"", 0},
		{"abc", 3},
		{"abcdefgh", 8},
		{"abcdefghijklmnop", 16},
		{"é", 0},
		{"abcdefg’", 7},
		{"abcdefgh’", 8},
		{"abcdefghi’", 9},
		{"Kyiv’s “talks” — Erdoğan, Мединский, 😀", 4},
		{strings.Repeat("x", 30) + "ğ" + strings.Repeat("y", 30), 30},
	} {
		assert.Equal(t, tc.prefix, asciiPrefix(tc.s), "asciiPrefix(%q)", tc.s)
		assert.Equal(t, utf8.RuneCountInString(tc.s), charCount(tc.s), "charCount(%q)", tc.s)
	}
}

// FuzzChars holds the helpers to the byte-by-byte answers.
func FuzzChars(f *testing.F) {
	for _, s := range []string{"", "abcdefgh’ijk", "Мединский met Erdoğan 😀 in İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := 0
		for want < len(s) && s[want] < utf8.RuneSelf {
			want++
		}
		if got := asciiPrefix(s); got != want {
			t.Fatalf("asciiPrefix(%q) = %d, want %d", s, got, want)
		}
		if !utf8.ValidString(s) {
			return
		}
		if got, want := charCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("charCount(%q) = %d, want %d", s, got, want)
		}
	})
}

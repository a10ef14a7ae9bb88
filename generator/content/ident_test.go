package content

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidID(t *testing.T) {
	for _, s := range []string{"kyiv", "a-b", "a1", "2025-talks"} {
		assert.True(t, ValidID(s), s)
	}
	for _, s := range []string{"", "Kyiv", "a--b", "-a", "a-", "a/b", `a\b`, "..", "a.b", "c:x", "%2e", "a∕b", "a／b", "кыив", "a b", strings.Repeat("a", 101)} {
		assert.False(t, ValidID(s), s)
	}
}

func TestSuggest(t *testing.T) {
	tests := map[string]string{
		"Vladimir Medinsky": "vladimir-medinsky", "Recep Tayyip Erdoğan": "recep-tayyip-erdogan", "İstanbul": "istanbul",
		"Dolmabahçe Palace": "dolmabahce-palace", "  --What?! ": "what", "Мединский": "", "1,000-for-1,000": "1-000-for-1-000",
	}
	for in, want := range tests {
		assert.Equal(t, want, Suggest(in), in)
	}
}

// FuzzSuggest checks that a suggested id is always valid (or empty).
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"Vladimir Medinsky", "İ", "../etc", "a∕b", "ß", strings.Repeat("ab ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := Suggest(s); got != "" && !ValidID(got) {
			t.Fatalf("Suggest(%q) = %q, not a valid id", s, got)
		}
	})
}

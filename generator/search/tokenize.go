package search

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// stopWords are English words too common to be worth indexing. A query drops
// them too (but see the client's rule for the last word).
var stopWords = []string{
	"a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he",
	"her", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or", "s", "she", "than", "that", "the",
	"their", "them", "then", "there", "they", "this", "to", "was", "were", "which", "with",
}

// stopByLetter holds the stop words by their first letter: a token is
// checked against a few words, faster than a map lookup.
var stopByLetter = func() (by [26][]string) {
	for _, w := range stopWords {
		by[w[0]-'a'] = append(by[w[0]-'a'], w)
	}
	return by
}()

// IsStopWord reports whether the folded token w is a stop word.
func IsStopWord(w string) bool {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	for _, s := range stopByLetter[w[0]-'a'] {
		if s == w {
			return true
		}
	}
	return false
}

// fold spells letters that have no Unicode decomposition the way a reader
// without them types them ("Łukasz" → "lukasz", "Tromsø" → "tromso"), and
// makes the Greek final sigma the plain one (JavaScript lower-cases a final
// capital sigma to ς, Go to σ). The client applies the same table, which the
// manifest carries.
var fold = map[rune]string{
	'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ð': "d", 'þ': "th",
	'ı': "i", 'ħ': "h", 'ŧ': "t", 'ς': "σ",
}

// MaxTokenBytes is the length beyond which a token is not indexed: such
// tokens are identifiers, hashes or run-together text, not words.
const MaxTokenBytes = 48

// Normalize folds s for matching, as the client does with a query: NFKD,
// combining marks removed ("Erdoğan" → "Erdogan"), lower-cased rune by rune
// with unicode.ToLower, and the letters of the fold table replaced.
func Normalize(s string) string {
	if ascii(s) {
		return strings.ToLower(s)
	}
	if !utf8.ValidString(s) {
		// How NFKD reads invalid bytes depends on what follows them.
		return string(appendFolded(make([]byte, 0, len(s)), norm.NFKD.String(s)))
	}
	// ASCII characters are their own decomposition and never combine with
	// what follows, so only the runs of other characters go through NFKD
	// (FuzzNormalize holds this to NFKD of the whole).
	b := make([]byte, 0, len(s))
	var it *norm.Iter // made for the first run that needs decomposing
	for i := 0; i < len(s); {
		j := i + 1
		if s[i] < utf8.RuneSelf {
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			b = appendLower(b, s[i:j])
		} else {
			for j < len(s) && s[j] >= utf8.RuneSelf {
				j++
			}
			b = appendFoldedRun(b, s[i:j], &it)
		}
		i = j
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// appendLower appends the ASCII text s lower-cased.
func appendLower(b []byte, s string) []byte {
	n := len(b)
	b = append(b, s...)
	for i, c := range b[n:] {
		if 'A' <= c && c <= 'Z' {
			b[n+i] = c + 'a' - 'A'
		}
	}
	return b
}

// appendFoldedRun appends s, valid UTF-8 without ASCII characters, in its
// NFKD form folded (see appendFolded). *it is an iterator for runs that need
// decomposing, made the first time one does: most text has none, and an
// iterator is a large value.
func appendFoldedRun(b []byte, s string, it **norm.Iter) []byte {
	if r, size := utf8.DecodeRuneInString(s); size == len(s) {
		// One character alone between ASCII ones, the common case: its
		// decomposition is its NFKD form.
		if f, ok := foldedRune(r); ok {
			return append(b, f...)
		}
	}
	if norm.NFKD.QuickSpanString(s) == len(s) {
		return appendFolded(b, s) // already decomposed (’, many letters)
	}
	// An iterator, unlike AppendString, allocates nothing per call.
	if *it == nil {
		*it = new(norm.Iter)
	}
	(*it).InitString(norm.NFKD, s)
	for !(*it).Done() {
		b = appendFolded(b, (*it).Next())
	}
	return b
}

// foldedRanges are the characters whose folded NFKD forms foldedTable
// keeps: Latin letters with diacritics, Greek, Cyrillic and typographic
// punctuation.
var foldedRanges = [...]struct{ lo, hi rune }{{0x80, 0x530}, {0x2000, 0x2070}}

// foldedTable returns the folded NFKD forms of foldedRanges' characters,
// made the first time it is asked for.
var foldedTable = sync.OnceValue(func() (t [len(foldedRanges)][]string) {
	for i, rg := range foldedRanges {
		t[i] = make([]string, rg.hi-rg.lo)
		for r := rg.lo; r < rg.hi; r++ {
			t[i][r-rg.lo] = string(appendFolded(nil, norm.NFKD.String(string(r))))
		}
	}
	return t
})

// foldedRune returns the folded NFKD form of r when foldedTable keeps it.
func foldedRune(r rune) (string, bool) {
	for i, rg := range foldedRanges {
		if rg.lo <= r && r < rg.hi {
			return foldedTable()[i][r-rg.lo], true
		}
	}
	return "", false
}

// appendFolded appends the NFKD text s without combining marks,
// lower-cased, with the letters of the fold table replaced.
func appendFolded[T string | []byte](b []byte, s T) []byte {
	for _, r := range string(s) {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		case r >= 0x300 && unicode.Is(unicode.M, r):
			continue
		}
		r = unicode.ToLower(r)
		if r >= 0xDF { // the least key of fold
			if f, ok := fold[r]; ok {
				b = append(b, f...)
				continue
			}
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// separator reports whether r splits tokens: anything but a letter or a
// number (the client splits on /[^\p{L}\p{N}]+/u).
func separator(r rune) bool {
	if r < utf8.RuneSelf {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z')
	}
	return !unicode.IsLetter(r) && !unicode.IsNumber(r)
}

// Tokens returns the words of s, normalized (see [Normalize]) and in order,
// stop words included.
func Tokens(s string) []string {
	return strings.FieldsFunc(Normalize(s), separator)
}

// Terms returns the words of s that the index holds: [Tokens] without stop
// words and tokens longer than [MaxTokenBytes].
func Terms(s string) []string {
	return slices.DeleteFunc(Tokens(s), func(t string) bool { return !indexable(t) })
}

func indexable(t string) bool {
	return t != "" && len(t) <= MaxTokenBytes && !(len(t) <= maxStopWord && IsStopWord(t))
}

// maxStopWord is the length of the longest stop word.
const maxStopWord = 5

// eachTerm calls fn for every indexable term of s, in order: what Terms
// returns, without making the list (FuzzEachTerm holds the two together).
func eachTerm(s string, fn func(term string)) { appendTerms(nil, s, fn) }

// appendTerms is eachTerm with s normalized, as Normalize does, onto b,
// which it returns: the terms are slices of it, valid while those bytes
// are not written again. It splits s as it goes: a run of ASCII is
// lower-cased and split in one pass, without decoding.
func appendTerms(b []byte, s string, fn func(term string)) []byte {
	if !utf8.ValidString(s) {
		splitTerms(Normalize(s), fn) // slices of a string of their own
		return b
	}
	// When b grows, the terms already made keep the bytes they were made
	// from, which never change once written.
	b = slices.Grow(b, len(s))
	start := -1       // where the term being read starts in b
	var it *norm.Iter // made for the first run that needs decomposing
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
				c := s[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
					if start < 0 {
						start = len(b)
					}
				} else if start >= 0 {
					emitTerm(b, start, len(b), fn)
					start = -1
				}
				b = append(b, c)
			}
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		from := len(b)
		b = appendFoldedRun(b, s[i:j], &it)
		// What the run became may hold ASCII separators ("…" is "...") and
		// letters ("ﬁ" is "fi").
		for k := from; k < len(b); {
			c, size := rune(b[k]), 1
			if c >= utf8.RuneSelf {
				c, size = utf8.DecodeRune(b[k:])
			}
			if !separator(c) {
				if start < 0 {
					start = k
				}
			} else if start >= 0 {
				emitTerm(b, start, k, fn)
				start = -1
			}
			k += size
		}
		i = j
	}
	if start >= 0 {
		emitTerm(b, start, len(b), fn)
	}
	return b
}

// emitTerm calls fn with b[start:end] when it is indexable.
func emitTerm(b []byte, start, end int, fn func(term string)) {
	if t := unsafe.String(&b[start], end-start); indexable(t) {
		fn(t)
	}
}

// splitTerms calls fn for every indexable term of the normalized text s.
func splitTerms(s string, fn func(term string)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		sep, size := false, 1
		if c < utf8.RuneSelf {
			// separator, inline for ASCII
			sep = !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z')
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			sep = separator(r)
		}
		switch {
		case sep && start >= 0:
			if t := s[start:i]; indexable(t) {
				fn(t)
			}
			start = -1
		case !sep && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		if t := s[start:]; indexable(t) {
			fn(t)
		}
	}
}

// compareUTF16 compares a and b by their UTF-16 code units, the order of
// JavaScript's string comparison, which the client uses to find a term's
// shard. It differs from byte order only for characters above U+FFFF.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmpUnits(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// cmpUnits compares two different runes by their UTF-16 encodings.
func cmpUnits(a, b rune) int {
	ua, ub := unit(a), unit(b)
	if ua != ub {
		return int(ua) - int(ub)
	}
	return int(a) - int(b) // both astral with the same lead surrogate
}

func unit(r rune) uint16 {
	if r >= 0x10000 {
		return uint16(0xD800 + (r-0x10000)>>10)
	}
	return uint16(r)
}

package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	var b strings.Builder
	b.Grow(len(s))
	if !utf8.ValidString(s) {
		// How NFKD reads invalid bytes depends on what follows them.
		writeFolded(&b, norm.NFKD.String(s))
		return b.String()
	}
	// ASCII characters are their own decomposition and never combine with
	// what follows, so only the runs of other characters go through NFKD
	// (FuzzNormalize holds this to NFKD of the whole).
	var it norm.Iter
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			// A run of ASCII: as it is, or lower-cased.
			j, upper := i, false
			for ; j < len(s) && s[j] < utf8.RuneSelf; j++ {
				upper = upper || 'A' <= s[j] && s[j] <= 'Z'
			}
			if !upper {
				b.WriteString(s[i:j])
			} else {
				for _, c := range []byte(s[i:j]) {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					b.WriteByte(c)
				}
			}
			i = j
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		if norm.NFKD.QuickSpanString(s[i:j]) == j-i {
			writeFolded(&b, s[i:j]) // already decomposed (’, many letters)
		} else {
			// An iterator, unlike AppendString, allocates nothing per call.
			it.InitString(norm.NFKD, s[i:j])
			for !it.Done() {
				writeFolded(&b, it.Next())
			}
		}
		i = j
	}
	return b.String()
}

// writeFolded writes the NFKD text s without combining marks, lower-cased,
// with the letters of the fold table replaced.
func writeFolded[T string | []byte](b *strings.Builder, s T) {
	for _, r := range string(s) {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		case r >= 0x300 && unicode.Is(unicode.M, r):
			continue
		}
		r = unicode.ToLower(r)
		if r >= 0xDF { // the least key of fold
			if f, ok := fold[r]; ok {
				b.WriteString(f)
				continue
			}
		}
		b.WriteRune(r)
	}
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
func eachTerm(s string, fn func(term string)) {
	s = Normalize(s)
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

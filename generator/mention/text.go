package mention

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Units prepares pieces of text (the values of consecutive text nodes) for
// matching: NFC-normalized, runs of white space folded into one space,
// typographic quotes made plain. Each unit remembers where it came from.
func Units(pieces [][]byte) []unit {
	var units []unit
	space := false
	for pi, p := range pieces {
		if norm.NFC.QuickSpan(p) == len(p) {
			for off := 0; off < len(p); {
				r, size := utf8.DecodeRune(p[off:])
				units, space = appendUnit(units, space, r, pi, off, off+size, false)
				off += size
			}
			continue
		}
		var it norm.Iter
		it.Init(norm.NFC, p)
		for !it.Done() {
			start := it.Pos()
			seg := it.Next()
			end := it.Pos()
			first := true
			for _, r := range string(seg) {
				units, space = appendUnit(units, space, r, pi, start, end, !first)
				first = false
			}
		}
	}
	return units
}

func appendUnit(units []unit, inSpace bool, r rune, piece, start, end int, glued bool) ([]unit, bool) {
	r = plainQuote(r)
	if unicode.IsSpace(r) {
		if inSpace && len(units) > 0 {
			// Fold into the previous space. Matches never start or end with
			// a space, so where a folded space ends is never needed.
			return units, true
		}
		return append(units, unit{exact: ' ', folded: ' ', piece: piece, start: start, end: end, glued: glued}), true
	}
	return append(units, unit{exact: r, folded: foldRune(r), piece: piece, start: start, end: end, glued: glued}), false
}

// Package textmap prepares text for matching: NFC normalization, white space
// folded to single spaces, typographic quotes read as plain ones. Every
// character of the result remembers where in the source text it came from,
// so that matches can be mapped back onto the text they were found in.
package textmap

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Break is a piece of text that separates blocks: matches never span it.
const Break = "\n"

// Unit is one character of prepared text. It is kept small: a long
// article makes one per character.
type Unit struct {
	// Orig is the character as it reads (after NFC); Norm and Fold give the
	// forms used for matching.
	Orig rune
	// Piece and [Start, End) locate the unit in the pieces it was made
	// from. A composed character spans the characters it was made of; a unit
	// of folded white space locates its first character only (matches never
	// start or end with white space, so its end is never needed).
	Piece      int32
	Start, End int32
	// Glued marks a unit that shares its source with the previous one (a
	// character that normalization split); no match may start or end
	// between the two.
	Glued bool
}

// Norm is the unit's character as matching reads it: typographic quotes and
// unusual spaces made plain.
func (u *Unit) Norm() rune { return PlainQuote(u.Orig) }

// Fold is the unit's case-insensitive form.
func (u *Unit) Fold() rune { return FoldRune(PlainQuote(u.Orig)) }

// IsWord reports whether the unit continues a word: IsWordChar of its Norm
// form, without a call for ASCII characters.
func (u *Unit) IsWord() bool {
	if r := u.Orig; r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return IsWordChar(PlainQuote(u.Orig))
}

// Units prepares pieces of text. A piece equal to Break becomes one '\n'
// unit that white space does not fold into.
func Units(pieces [][]byte) []Unit {
	n := 0
	for _, p := range pieces {
		n += len(p)
	}
	return AppendUnits(make([]Unit, 0, n), pieces)
}

// AppendUnits is Units appending to dst, so that callers can reuse a buffer.
func AppendUnits(dst []Unit, pieces [][]byte) []Unit { return appendUnits(dst, pieces, true) }

// appendUnits is AppendUnits; fast turns on the shortcut for ASCII
// characters that are not white space (FuzzAppendUnits checks it against
// the general path).
func appendUnits(dst []Unit, pieces [][]byte, fast bool) []Unit {
	units := dst
	space := false
	for pi, p := range pieces {
		if string(p) == Break {
			units = append(units, Unit{Orig: '\n', Piece: int32(pi), End: 1})
			space = true
			continue
		}
		// Text that is NFC and valid is read as it is; other text is
		// normalized.
		if norm.NFC.QuickSpan(p) == len(p) && utf8.Valid(p) {
			if fast {
				// No byte makes more than one unit: room for all, written in
				// place.
				units = slices.Grow(units, len(p))
			}
			for off := 0; off < len(p); {
				if fast {
					// Most characters: ASCII, not white space; and single
					// spaces between them.
					n := len(units)
					buf := units[:n+len(p)-off]
					for ; off < len(p); off++ {
						c := p[off]
						if c <= ' ' || c >= utf8.RuneSelf {
							if c != ' ' {
								break
							}
							if space && n > 0 {
								continue
							}
							space = true
						} else {
							space = false
						}
						buf[n] = Unit{Orig: rune(c), Piece: int32(pi), Start: int32(off), End: int32(off + 1)}
						n++
					}
					units = buf[:n]
					if off == len(p) {
						break
					}
				}
				r, size := utf8.DecodeRune(p[off:])
				// A mark that does not start a character is glued to the
				// one before, as in normalized text below.
				glued := off > 0 && !norm.NFC.Properties(p[off:]).BoundaryBefore()
				units, space = appendUnit(units, space, r, pi, off, off+size, glued)
				off += size
			}
			continue
		}
		units, space = appendNormalized(units, space, p, pi)
	}
	return units
}

// appendNormalized appends the units of piece p, number pi, normalizing
// it: the characters of each of its segments (a character that starts one,
// and the marks after it) all locate the whole segment, and all but the
// first are glued.
func appendNormalized(units []Unit, space bool, p []byte, pi int) ([]Unit, bool) {
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
	return units, space
}

func appendUnit(units []Unit, inSpace bool, r rune, piece, start, end int, glued bool) ([]Unit, bool) {
	if r == ' ' || (r >= utf8.RuneSelf || r < ' ') && unicode.IsSpace(PlainQuote(r)) {
		if inSpace && len(units) > 0 {
			// Fold into the previous space.
			return units, true
		}
		return append(units, Unit{Orig: ' ', Piece: int32(piece), Start: int32(start), End: int32(end), Glued: glued}), true
	}
	return append(units, Unit{Orig: r, Piece: int32(piece), Start: int32(start), End: int32(end), Glued: glued}), false
}

// Normalize prepares a string as Units prepares text, in its Norm form, with
// leading and trailing white space removed.
func Normalize(s string) string {
	if Spaced(s) {
		return s // its own Normalize form (FuzzNormalize holds this)
	}
	return normalize(s)
}

// normalize is Normalize without its shortcut.
func normalize(s string) string {
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	return strings.Map(PlainQuote, s)
}

// Spaced reports whether s is ASCII with its words apart by single spaces
// and none around them, which strings.Fields and strings.Join would leave
// as it is.
func Spaced(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

// FoldRune maps a character to its case-insensitive form, one character for
// one so that positions stay aligned.
func FoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// PlainQuote reads typographic quotes and apostrophes as their plain forms
// and unusual spaces as spaces.
func PlainQuote(r rune) rune {
	switch r {
	case '‘', '’', 'ʼ', '′':
		return '\''
	case '“', '”', '″':
		return '"'
	case '\u00a0', '\u202f', '\u2009':
		return ' '
	}
	return r
}

// IsWordChar reports whether r continues a word.
func IsWordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

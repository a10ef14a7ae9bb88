// Package annotate anchors an article's front-matter annotations to exact
// quotes in its text, following the W3C Web Annotation TextQuoteSelector: the
// quote (with prefix and suffix when given) must occur exactly once in the
// article's text — markup removed, white space folded, typographic quotes
// read as plain ones. The quoted text is highlighted and the note placed
// beside it.
package annotate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/internal/textmap"
)

// docText is an article's text prepared for anchoring. Each unit is one
// character of display and of norm, in the same order.
type docText struct {
	// units are the text's units; for joined text they are made only when
	// asked for, by allUnits, from values.
	units []textmap.Unit
	// joined, when not nil, is the text's pieces joined: they prepare
	// simply, and it locates each unit without the units.
	joined *textmap.Joined
	values [][]byte
	// n is the number of units.
	n int
	// display is the text as it reads; norm is the same text in the units'
	// Norm form, which quotes are looked for in. norm may be display itself,
	// or read a buffer that lives as long as the docText.
	display, norm string
}

// newText prepares units for anchoring.
func newText(units []textmap.Unit) *docText {
	t, _ := newTextInto(units, origText(units), nil)
	return t
}

// newJoinedText prepares the pieces values, which j has joined, for
// anchoring: their units are display's characters. It makes norm in buf
// as newTextInto does.
func newJoinedText(j *textmap.Joined, values [][]byte, display string, buf []byte) (*docText, []byte) {
	t, buf := newTextInto(nil, display, buf)
	t.joined, t.values, t.n = j, values, j.Len()
	return t, buf
}

// unit returns unit i.
func (t *docText) unit(i int) textmap.Unit {
	if t.units == nil && t.joined != nil {
		return t.joined.Unit(i)
	}
	return t.units[i]
}

// glued reports whether unit i is Glued to the one before.
func (t *docText) glued(i int) bool { return t.joined == nil && t.units[i].Glued }

// allUnits returns every unit, making them for joined text.
func (t *docText) allUnits() []textmap.Unit {
	if t.units == nil && t.joined != nil {
		t.units = textmap.Units(t.values)
	}
	return t.units
}

// pieceUnits returns the units [first, last) that piece p made.
func (t *docText) pieceUnits(p int32) (first, last int) {
	if t.joined != nil {
		return t.joined.PieceUnits(int(p))
	}
	byPiece := func(u textmap.Unit, p int32) int { return cmp.Compare(u.Piece, p) }
	first, _ = slices.BinarySearchFunc(t.units, p, byPiece)
	last, _ = slices.BinarySearchFunc(t.units, p+1, byPiece)
	return first, last
}

// newTextInto prepares units, whose text as it reads is display, making
// norm in buf when display holds characters that Norm changes. It returns
// buf, grown, for reuse once the docText is no longer used.
func newTextInto(units []textmap.Unit, display string, buf []byte) (*docText, []byte) {
	t := &docText{units: units, n: len(units), display: display, norm: display}
	for i := 0; i < len(display); {
		i += asciiPrefix(display[i:])
		if i == len(display) {
			break
		}
		r, size := utf8.DecodeRuneInString(display[i:])
		if textmap.PlainQuote(r) == r {
			i += size
			continue
		}
		// The first character that Norm changes: the rest is copied,
		// changed where need be, ASCII a run at a time.
		buf = append(buf[:0], display[:i]...)
		for i < len(display) {
			r, size := utf8.DecodeRuneInString(display[i:])
			buf = utf8.AppendRune(buf, textmap.PlainQuote(r))
			i += size
			n := asciiPrefix(display[i:])
			buf = append(buf, display[i:i+n]...)
			i += n
		}
		t.norm = unsafe.String(unsafe.SliceData(buf), len(buf))
		break
	}
	return t, buf
}

// span is an anchored range of units [start, end).
type span struct{ start, end int }

// find returns every place where a's quote, prefix and suffix match, and the
// number of places where the quote alone matches.
func (t *docText) find(a *content.Annotation) (matches []span, quoteOnly int) {
	q := textmap.Normalize(a.Quote)
	if q == "" {
		return nil, 0
	}
	prefix := strings.TrimRight(textmap.Normalize(a.Prefix), " ")
	suffix := strings.TrimLeft(textmap.Normalize(a.Suffix), " ")
	// norm holds one character per unit: a unit's number is the number of
	// characters before it, counted on from the last place found (places
	// are found left to right).
	qLen := charCount(q) // right whenever q matches: it is then valid UTF-8
	counted, units := 0, 0
	for from := 0; from <= len(t.norm); {
		i := strings.Index(t.norm[from:], q)
		if i < 0 {
			break
		}
		off := from + i
		_, r := utf8.DecodeRuneInString(t.norm[off:])
		from = off + r
		end := off + len(q)
		// Only whole characters are quoted (a quote that is not valid
		// UTF-8 may match part of one).
		if !utf8.RuneStart(t.norm[off]) || end < len(t.norm) && !utf8.RuneStart(t.norm[end]) {
			continue
		}
		units += charCount(t.norm[counted:off])
		counted = off
		start := units
		if t.glued(start) || (start+qLen < t.n && t.glued(start+qLen)) {
			continue
		}
		quoteOnly++
		if prefix != "" && !strings.HasSuffix(strings.TrimRight(t.norm[:off], " "), prefix) {
			continue
		}
		if suffix != "" && !strings.HasPrefix(strings.TrimLeft(t.norm[end:], " "), suffix) {
			continue
		}
		matches = append(matches, span{start, start + qLen})
	}
	return matches, quoteOnly
}

// maxNearWork bounds the work of looking for a near match, so that a huge
// article does not make a typo slow to report.
const maxNearWork = 20_000_000

// near returns the part of the text closest to quote (fewest edits), when it
// is close enough to be the likely intended text.
func (t *docText) near(quote string) (span, bool) {
	q := []rune(strings.ToLower(textmap.Normalize(quote)))
	units := t.allUnits()
	n := len(units)
	if len(q) == 0 || n == 0 || n*len(q) > maxNearWork {
		return span{}, false
	}
	// Sellers' algorithm: edit distance of q against any substring of the
	// text, tracking where the best substring starts.
	cost := make([]int, len(q)+1)
	start := make([]int, len(q)+1)
	for i := range cost {
		cost[i] = i
	}
	best, bestEnd, bestStart := len(q)+1, -1, 0
	for j := 0; j < n; j++ {
		c := unicode.ToLower(units[j].Norm())
		diag, diagStart := cost[0], start[0]
		cost[0], start[0] = 0, j+1
		for i := 1; i <= len(q); i++ {
			up, upStart := cost[i], start[i]
			sub := diag
			if q[i-1] != c {
				sub++
			}
			v, s := sub, diagStart
			if up+1 < v {
				v, s = up+1, upStart
			}
			if cost[i-1]+1 < v {
				v, s = cost[i-1]+1, start[i-1]
			}
			diag, diagStart = up, upStart
			cost[i], start[i] = v, s
		}
		if c := cost[len(q)]; c < best || (c == best && bestEnd == j && start[len(q)] == bestStart) {
			// On a tie, prefer extending the best match to a shorter one.
			best, bestEnd, bestStart = c, j+1, start[len(q)]
		}
	}
	if bestEnd < 0 || best > max(2, len(q)/4) || best == 0 {
		return span{}, false
	}
	return span{bestStart, bestEnd}, true
}

// orig returns the text of units [start, end) as it reads.
func (t *docText) orig(start, end int) string {
	start, end = max(0, start), min(end, t.n)
	if t.joined != nil {
		// A copy: the notes that keep it must not keep the whole text.
		return strings.Clone(t.display[t.joined.Offset(start):t.joined.Offset(end)])
	}
	return origText(t.units[start:end])
}

// origText returns the text of units as it reads.
func origText(units []textmap.Unit) string {
	return string(appendOrig(make([]byte, 0, len(units)), units))
}

// appendOrig appends the text of units as it reads to buf. Made in a
// reused buffer and copied, the text is allocated at its size: it is kept
// as long as its article.
func appendOrig(buf []byte, units []textmap.Unit) []byte {
	buf = slices.Grow(buf, len(units))
	for i := range units {
		if r := units[i].Orig; r < utf8.RuneSelf {
			buf = append(buf, byte(r)) // most text: twice as fast as AppendRune
		} else {
			buf = utf8.AppendRune(buf, r)
		}
	}
	return buf
}

// describe quotes a span for messages.
func (t *docText) describe(s span) string {
	return fmt.Sprintf("%q", strings.TrimSpace(t.orig(s.start, s.end)))
}

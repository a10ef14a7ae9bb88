package textmap

import (
	"encoding/binary"
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Joined is text that prepares simply: its units are its characters, one
// each, as they read, with nothing composed, folded or glued. Most text
// does, and for it the units need not be made: Text, the pieces joined,
// says all they would, and Unit makes any one of them from it. The zero
// Joined is ready to use, and its buffers are reused by Join.
type Joined struct {
	// Text is the pieces joined; it is overwritten by the next Join.
	Text []byte
	// ASCII reports whether Text is all ASCII: then unit i is byte i.
	ASCII bool
	// bytes holds the offset in Text of each piece, and len(Text) after
	// them; chars holds the index of each piece's first unit, and the
	// number of units after them.
	bytes, chars []int32
}

// Join joins pieces into j and reports whether they prepare simply, that
// is, whether AppendUnits(nil, pieces) would make one unit for each
// character of the joined text, in order, each that character, never Glued,
// located at the character's bytes in its piece. When it returns false,
// j is not to be used until the next Join.
//
// Text prepares simply when it is NFC, valid UTF-8, holds no white space
// but single spaces (no two in a row, in a piece or across pieces), no
// control character but the '\n' of a Break piece, and no mark that does
// not start a character. FuzzJoin holds Join to
// AppendUnits.
func (j *Joined) Join(pieces [][]byte) bool {
	j.Text, j.bytes, j.chars = j.Text[:0], j.bytes[:0], j.chars[:0]
	j.ASCII = true
	space := false // the text so far ends in a space or a Break
	chars := 0
	for _, p := range pieces {
		j.bytes = append(j.bytes, int32(len(j.Text)))
		j.chars = append(j.chars, int32(chars))
		j.Text = append(j.Text, p...)
		if string(p) == Break {
			chars++
			space = true
			continue
		}
		for i := 0; i < len(p); {
			// Eight ASCII bytes at a time when none is a control
			// character and no two spaces are in a row.
			if i+8 <= len(p) {
				w := binary.LittleEndian.Uint64(p[i : i+8])
				spaces := zeroBytes(w ^ 0x2020202020202020)
				if w&highBits == 0 && (w-0x2020202020202020)&^w&highBits == 0 &&
					spaces&(spaces<<8) == 0 && !(space && spaces&0x80 != 0) {
					space = spaces>>63 != 0
					chars += 8
					i += 8
					continue
				}
			}
			switch c := p[i]; {
			case c >= utf8.RuneSelf:
				// A run of other characters, NFC and with no white space.
				end := i + 1
				for end < len(p) && p[end] >= utf8.RuneSelf {
					end++
				}
				n, ok := simpleChars(p[i:end])
				if !ok {
					return false
				}
				j.ASCII = false
				chars += n
				space = false
				i = end
				continue
			case c == ' ':
				if space {
					return false // folded into the space before it
				}
				space = true
			case c < ' ':
				return false // white space, folded, or a control character
			default:
				space = false
			}
			chars++
			i++
		}
	}
	j.bytes = append(j.bytes, int32(len(j.Text)))
	j.chars = append(j.chars, int32(chars))
	return true
}

// simpleChars counts the characters of p, a run of non-ASCII text, and
// reports whether it prepares simply: valid, NFC, with no white space
// (which folds into a space whatever comes before it) and no mark that does
// not start a character (glued to the one before). NFC is checked run
// by run: norm's quick check starts afresh after each ASCII character, as
// at the start of its input (FuzzJoin holds this to AppendUnits, which
// checks whole pieces).
func simpleChars(p []byte) (int, bool) {
	if norm.NFC.QuickSpan(p) != len(p) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(p); n++ {
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 || unicode.IsSpace(PlainQuote(r)) ||
			!norm.NFC.Properties(p[i:]).BoundaryBefore() {
			return 0, false
		}
		i += size
	}
	return n, true
}

const highBits = 0x8080808080808080

// zeroBytes returns w with the high bit of each zero byte set, and no other
// bit.
func zeroBytes(w uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((w&low7 + low7) | w | low7)
}

// Len returns the number of units.
func (j *Joined) Len() int {
	if len(j.chars) == 0 {
		return 0
	}
	return int(j.chars[len(j.chars)-1])
}

// PieceUnits returns the units [first, last) that piece p made.
func (j *Joined) PieceUnits(p int) (first, last int) {
	return int(j.chars[p]), int(j.chars[p+1])
}

// Unit returns unit i, as AppendUnits would have made it.
func (j *Joined) Unit(i int) Unit {
	// The piece that made unit i: the first whose units end after it (a
	// piece that made none ends where it starts, and is passed over).
	p := sort.Search(len(j.chars)-1, func(p int) bool { return int(j.chars[p+1]) > i })
	start := int(j.bytes[p])
	if j.ASCII {
		start += i - int(j.chars[p])
	} else {
		for k := int(j.chars[p]); k < i; k++ {
			_, size := utf8.DecodeRune(j.Text[start:])
			start += size
		}
	}
	r, size := rune(j.Text[start]), 1
	if r >= utf8.RuneSelf {
		r, size = utf8.DecodeRune(j.Text[start:])
	}
	off := start - int(j.bytes[p])
	return Unit{Orig: r, Piece: int32(p), Start: int32(off), End: int32(off + size)}
}

// Offset returns the offset in Text of unit i's first byte, and len(Text)
// for i = Len().
func (j *Joined) Offset(i int) int {
	if i >= j.Len() {
		return len(j.Text)
	}
	u := j.Unit(i)
	return int(j.bytes[u.Piece]) + int(u.Start)
}

// Locate returns the piece that holds byte off of Text, and off's place in
// it.
func (j *Joined) Locate(off int) (piece, start int) {
	p := sort.Search(len(j.bytes)-1, func(p int) bool { return int(j.bytes[p+1]) > off })
	return p, off - int(j.bytes[p])
}

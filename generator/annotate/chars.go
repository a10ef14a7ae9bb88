package annotate

import (
	"encoding/binary"
	"math/bits"
)

// The helpers below read text eight bytes at a time: the text of an article
// is mostly ASCII, and anchoring looks at all of it for every quote.

const highBits = 0x8080808080808080

// asciiPrefix returns the length of the longest prefix of s that is ASCII.
func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if w := binary.LittleEndian.Uint64([]byte(s[i : i+8])); w&highBits != 0 {
			return i + bits.TrailingZeros64(w&highBits)/8
		}
	}
	for ; i < len(s) && s[i] < 0x80; i++ {
	}
	return i
}

// charCount returns the number of characters in s, which must be valid
// UTF-8: its bytes less the continuation bytes (10xxxxxx).
func charCount(s string) int {
	n, i := len(s), 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		n -= bits.OnesCount64(w &^ (w << 1) & highBits)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

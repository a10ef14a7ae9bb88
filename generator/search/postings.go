package search

import (
	"fmt"
	"strings"
)

// alphabet holds the 64 characters of encoded postings, the base64url ones,
// which JSON strings hold without escaping. Character i carries five bits of
// a number, i&31; i&32 says more characters of the same number follow. The
// low bits come first.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// cappedMark starts the postings of a term that had more than MaxPostings.
const cappedMark = '*'

// posting is one document's entry in a term's list: its id and weight.
type posting struct {
	id     uint32
	weight uint8
}

// encodePostings writes postings sorted by id: for each, the number
// (id − previous id − 1) × 16 + weight, previous id starting at −1, as a
// variable-length number (see alphabet). Consecutive documents take one
// character each, documents up to 64 apart two.
func encodePostings(ps []posting, capped bool) string {
	var b strings.Builder
	b.Grow(len(ps) * 2)
	if capped {
		b.WriteByte(cappedMark)
	}
	prev := int64(-1)
	for _, p := range ps {
		v := uint64(int64(p.id)-prev-1)<<4 | uint64(p.weight)
		prev = int64(p.id)
		for v >= 32 {
			b.WriteByte(alphabet[32|v&31])
			v >>= 5
		}
		b.WriteByte(alphabet[v])
	}
	return b.String()
}

var alphabetIndex = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

// decodePostings reverses encodePostings.
func decodePostings(s string) (ps []posting, capped bool, err error) {
	if s != "" && s[0] == cappedMark {
		capped, s = true, s[1:]
	}
	prev := int64(-1)
	var v uint64
	shift := 0
	for i := 0; i < len(s); i++ {
		c := alphabetIndex[s[i]]
		if c < 0 || shift > 60 {
			return nil, false, fmt.Errorf("bad postings at %d", i)
		}
		v |= uint64(c&31) << shift
		if c&32 != 0 {
			shift += 5
			continue
		}
		prev += int64(v>>4) + 1
		ps = append(ps, posting{id: uint32(prev), weight: uint8(v & 15)})
		v, shift = 0, 0
	}
	if shift != 0 {
		return nil, false, fmt.Errorf("postings end inside a number")
	}
	return ps, capped, nil
}

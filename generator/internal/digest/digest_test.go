package digest

import (
	"encoding/binary"
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sum(fn func(d *Digest)) Sum {
	d := New()
	fn(d)
	return d.Sum()
}

func TestBoundariesCount(t *testing.T) {
	assert.NotEqual(t, sum(func(d *Digest) { d.Str("ab", "c") }), sum(func(d *Digest) { d.Str("a", "bc") }))
	assert.NotEqual(t, sum(func(d *Digest) { d.Str("") }), sum(func(d *Digest) {}))
	assert.NotEqual(t, sum(func(d *Digest) { d.Bool(true) }), sum(func(d *Digest) { d.Bool(false) }))
	assert.Equal(t, sum(func(d *Digest) { d.Str("x"); d.Int(3) }), sum(func(d *Digest) { d.Str("x"); d.Int(3) }))
	assert.Equal(t, sum(func(d *Digest) { d.Str("x") }), sum(func(d *Digest) { d.Bytes([]byte("x")) }))
}

// BenchmarkSmall digests what a page digest mostly holds: short strings,
// numbers and other digests.
func BenchmarkSmall(b *testing.B) {
	var sum Sum
	for b.Loop() {
		d := New()
		for range 20 {
			d.Str("articles/some-slug/", "A title of some length", string(sum[:]))
			d.Int(3, 1700000000, 0)
		}
		sum = d.Sum()
	}
}

// TestBufferingChangesNothing compares digests with the hash of the same
// values written straight into maphash, one write each: the buffer changes
// how the bytes reach the hash, not which.
func TestBufferingChangesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 200 {
		d := New()
		var ref [2]maphash.Hash
		ref[0].SetSeed(seeds[0])
		ref[1].SetSeed(seeds[1])
		refInt := func(n int) {
			var b [8]byte
			binary.LittleEndian.PutUint64(b[:], uint64(n))
			ref[0].Write(b[:])
			ref[1].Write(b[:])
		}
		for range rng.IntN(60) {
			switch rng.IntN(3) {
			case 0:
				n := rng.IntN(1 << 20)
				d.Int(n)
				refInt(n)
			case 1, 2:
				// Lengths around the buffer's: short, half, over.
				s := strings.Repeat(string(rune('a'+rng.IntN(26))), []int{0, 1, 7, 100, 127, 128, 129, 200, 255, 256, 257, 1000}[rng.IntN(12)])
				if rng.IntN(2) == 0 {
					d.Str(s)
				} else {
					d.Bytes([]byte(s))
				}
				refInt(len(s))
				ref[0].WriteString(s)
				ref[1].WriteString(s)
			}
		}
		var want Sum
		binary.LittleEndian.PutUint64(want[:8], ref[0].Sum64())
		binary.LittleEndian.PutUint64(want[8:], ref[1].Sum64())
		require.Equal(t, want, d.Sum(), "case %d", i)
	}
}

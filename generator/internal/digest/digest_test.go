package digest

import (
	"testing"

	"github.com/stretchr/testify/assert"
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

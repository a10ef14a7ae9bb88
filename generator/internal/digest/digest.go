// Package digest hashes values unambiguously, for caches that must know
// whether their inputs changed.
package digest

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// Sum is a digest.
type Sum [32]byte

// Digest accumulates values. Each value is written with its length, so that
// ("ab", "c") and ("a", "bc") differ.
type Digest struct{ h hash.Hash }

// New returns an empty Digest.
func New() *Digest { return &Digest{h: sha256.New()} }

// Str adds strings.
func (d *Digest) Str(ss ...string) {
	for _, s := range ss {
		d.Int(len(s))
		d.h.Write([]byte(s))
	}
}

// Bytes adds a byte slice.
func (d *Digest) Bytes(b []byte) {
	d.Int(len(b))
	d.h.Write(b)
}

// Int adds integers.
func (d *Digest) Int(ns ...int) {
	for _, n := range ns {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(n))
		d.h.Write(b[:])
	}
}

// Bool adds booleans.
func (d *Digest) Bool(bs ...bool) {
	for _, b := range bs {
		if b {
			d.Int(1)
		} else {
			d.Int(0)
		}
	}
}

// Sum returns the digest of everything added.
func (d *Digest) Sum() Sum {
	var s Sum
	d.h.Sum(s[:0])
	return s
}

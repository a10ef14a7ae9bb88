// Package digest hashes values unambiguously, for caches that must know
// whether their inputs changed.
package digest

import (
	"encoding/binary"
	"hash/maphash"
)

// Sum is a digest: 128 bits.
type Sum [16]byte

// seeds key the two halves of every digest in this process. Digests are
// only compared within one process (the caches of a Builder), so random
// seeds do; they are set once and never change.
var seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// Digest accumulates values. Each value is written with its length, so that
// ("ab", "c") and ("a", "bc") differ. It is a pair of maphash hashes with
// independent seeds: fast, and not meant to resist someone who knows the
// seeds, which never leave the process. Short values are gathered in a
// buffer and hashed together: most values are short, and a maphash write
// costs more than the copy.
type Digest struct {
	h   [2]maphash.Hash
	buf [256]byte
	n   int
}

// New returns an empty Digest.
func New() *Digest {
	d := &Digest{}
	d.h[0].SetSeed(seeds[0])
	d.h[1].SetSeed(seeds[1])
	return d
}

// flush hashes the buffer.
func (d *Digest) flush() {
	d.h[0].Write(d.buf[:d.n])
	d.h[1].Write(d.buf[:d.n])
	d.n = 0
}

// buffered adds the length of a value of n bytes and makes room for the
// value in the buffer; it reports whether the value goes there (a long one
// is hashed straight away).
func (d *Digest) buffered(n int) bool {
	d.Int(n)
	if d.n+n > len(d.buf) {
		d.flush()
		return n <= len(d.buf)/2
	}
	return true
}

// Str adds strings.
func (d *Digest) Str(ss ...string) {
	for _, s := range ss {
		if d.buffered(len(s)) {
			d.n += copy(d.buf[d.n:], s)
		} else {
			d.h[0].WriteString(s)
			d.h[1].WriteString(s)
		}
	}
}

// Bytes adds a byte slice.
func (d *Digest) Bytes(b []byte) {
	if d.buffered(len(b)) {
		d.n += copy(d.buf[d.n:], b)
	} else {
		d.h[0].Write(b)
		d.h[1].Write(b)
	}
}

// Int adds integers.
func (d *Digest) Int(ns ...int) {
	for _, n := range ns {
		if d.n+8 > len(d.buf) {
			d.flush()
		}
		binary.LittleEndian.PutUint64(d.buf[d.n:], uint64(n))
		d.n += 8
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
	d.flush()
	var s Sum
	binary.LittleEndian.PutUint64(s[:8], d.h[0].Sum64())
	binary.LittleEndian.PutUint64(s[8:], d.h[1].Sum64())
	return s
}

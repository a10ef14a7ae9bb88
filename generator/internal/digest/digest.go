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
// independent seeds: fast, without copies of the values, and not meant to
// resist someone who knows the seeds, which never leave the process.
type Digest struct{ h [2]maphash.Hash }

// New returns an empty Digest.
func New() *Digest {
	d := &Digest{}
	d.h[0].SetSeed(seeds[0])
	d.h[1].SetSeed(seeds[1])
	return d
}

// Str adds strings.
func (d *Digest) Str(ss ...string) {
	for _, s := range ss {
		d.Int(len(s))
		d.h[0].WriteString(s)
		d.h[1].WriteString(s)
	}
}

// Bytes adds a byte slice.
func (d *Digest) Bytes(b []byte) {
	d.Int(len(b))
	d.h[0].Write(b)
	d.h[1].Write(b)
}

// Int adds integers.
func (d *Digest) Int(ns ...int) {
	for _, n := range ns {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], uint64(n))
		d.h[0].Write(b[:])
		d.h[1].Write(b[:])
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
	binary.LittleEndian.PutUint64(s[:8], d.h[0].Sum64())
	binary.LittleEndian.PutUint64(s[8:], d.h[1].Sum64())
	return s
}

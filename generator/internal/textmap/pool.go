package textmap

import "sync"

// Pool keeps unit buffers for reuse from document to document, so that
// the units of a long article are not allocated afresh for each one. The
// zero Pool is ready to use; it is safe for concurrent use.
type Pool struct{ p sync.Pool }

// Get returns an empty buffer.
func (p *Pool) Get() []Unit {
	if b, ok := p.p.Get().(*[]Unit); ok {
		return (*b)[:0]
	}
	return nil
}

// Put returns a buffer for reuse; the caller must not use it afterwards.
func (p *Pool) Put(units []Unit) {
	if cap(units) == 0 || cap(units) > 1<<20 {
		return // keep the pool from holding on to huge buffers
	}
	units = units[:0]
	p.p.Put(&units)
}

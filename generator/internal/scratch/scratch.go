// Package scratch keeps large values of a build in a file until the build
// reads them back, so that a one-shot build of a large site need not hold
// them all in memory at once: every article's HTML and text are made in the
// link stage, but each is read once, much later, when its page and the
// search index are made.
//
// The file is unlinked as soon as it is made where the system allows it
// (not on Windows, where Close removes it), so that nothing is left behind
// even if the process dies. What is put there lives in the operating
// system's page cache, which it may write to the disk under memory pressure,
// and not in the process's heap.
package scratch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"unsafe"
)

// File is a scratch file. Its methods are safe for concurrent use.
//
// Values are gathered in a buffer and written a chunk at a time: each
// write costs a system call and the file system's bookkeeping, which a
// megabyte at a time pays a hundred times less often than an article at a
// time.
type File struct {
	f       *os.File
	name    string
	removed bool

	mu sync.Mutex
	// buf holds what was put since the last write to the file, which
	// starts at offset flushed.
	buf     []byte
	flushed int64
	closed  bool

	// reads holds the buffers of UseString, reused from call to call.
	reads sync.Pool
}

// chunk is how much a File gathers before it writes.
const chunk = 1 << 20

// Ref says where Put left a value. The zero Ref is the empty value.
type Ref struct {
	off int64
	n   int
}

// Len returns the length of the value in bytes.
func (r Ref) Len() int { return r.n }

// Create makes a scratch file in dir; "" is the system's temporary folder
// (os.TempDir).
func Create(dir string) (*File, error) {
	f, err := os.CreateTemp(dir, ".gloss-scratch-*")
	if err != nil {
		return nil, fmt.Errorf("scratch file: %w", err)
	}
	s := &File{f: f, name: f.Name()}
	// Unlinked, the file lives until it is closed; Windows refuses to
	// remove an open file, and Close removes it there.
	s.removed = os.Remove(f.Name()) == nil
	return s, nil
}

// Put appends data to the file and returns where it is. data may be reused
// once Put returns.
func (s *File) Put(data []byte) (Ref, error) {
	if len(data) == 0 {
		return Ref{}, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Ref{}, fmt.Errorf("scratch file %s: %w", s.name, os.ErrClosed)
	}
	if s.buf == nil {
		s.buf = make([]byte, 0, chunk)
	}
	r := Ref{off: s.flushed + int64(len(s.buf)), n: len(data)}
	s.buf = append(s.buf, data...)
	if len(s.buf) >= chunk {
		if _, err := s.f.WriteAt(s.buf, s.flushed); err != nil {
			s.buf = s.buf[:len(s.buf)-len(data)]
			return Ref{}, fmt.Errorf("scratch file: %w", err)
		}
		s.flushed += int64(len(s.buf))
		s.buf = s.buf[:0]
		if cap(s.buf) > 2*chunk {
			s.buf = nil // grown for a large value: not kept
		}
	}
	return r, nil
}

// buffered copies the value at r into dst if it is still in the buffer.
func (s *File) buffered(dst []byte, r Ref) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return false, fmt.Errorf("scratch file %s: %w", s.name, os.ErrClosed)
	case r.off < s.flushed:
		return false, nil
	case r.off-s.flushed+int64(r.n) > int64(len(s.buf)):
		return false, fmt.Errorf("scratch file %s: no value at %d", s.name, r.off)
	}
	copy(dst, s.buf[r.off-s.flushed:])
	return true, nil
}

// read reads the value at r into dst, of its length.
func (s *File) read(dst []byte, r Ref) error {
	if ok, err := s.buffered(dst, r); ok || err != nil {
		return err
	}
	if _, err := s.f.ReadAt(dst, r.off); err != nil {
		return fmt.Errorf("scratch file: %w", err)
	}
	return nil
}

// Get returns a new copy of the value at r.
func (s *File) Get(r Ref) ([]byte, error) {
	if r.n == 0 {
		return nil, nil
	}
	buf := make([]byte, r.n)
	if err := s.read(buf, r); err != nil {
		return nil, err
	}
	return buf, nil
}

// ReadInto appends the value at r to b, read straight into b's memory.
func (s *File) ReadInto(b *bytes.Buffer, r Ref) error {
	if r.n == 0 {
		return nil
	}
	b.Grow(r.n)
	dst := b.AvailableBuffer()[:r.n]
	if err := s.read(dst, r); err != nil {
		return err
	}
	b.Write(dst) // dst is b's own free space: this only moves its end
	return nil
}

// GetString returns the value at r as a string.
func (s *File) GetString(r Ref) (string, error) {
	buf, err := s.Get(r)
	if len(buf) == 0 {
		return "", err
	}
	// buf is new and never written again.
	return unsafe.String(&buf[0], len(buf)), nil
}

// UseString passes the value at r to use as a string, and returns use's
// error. The string is only valid during the call: its memory is then
// reused.
func (s *File) UseString(r Ref, use func(string) error) error {
	if r.n == 0 {
		return use("")
	}
	bp, _ := s.reads.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	buf := slices.Grow((*bp)[:0], r.n)[:r.n]
	defer func() {
		if cap(buf) <= maxKeptRead {
			*bp = buf[:0]
			s.reads.Put(bp)
		}
	}()
	if err := s.read(buf, r); err != nil {
		return err
	}
	return use(unsafe.String(&buf[0], len(buf)))
}

// maxKeptRead is the largest buffer UseString keeps for another call.
const maxKeptRead = 1 << 20

// Size returns how many bytes were put in the file.
func (s *File) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flushed + int64(len(s.buf))
}

// Close closes the file, which removes it. Puts and Gets after Close fail.
func (s *File) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed, s.buf = true, nil
	s.mu.Unlock()
	err := s.f.Close()
	if !s.removed {
		if rerr := os.Remove(s.name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = errors.Join(err, fmt.Errorf("scratch file: %w", rerr))
		}
	}
	return err
}

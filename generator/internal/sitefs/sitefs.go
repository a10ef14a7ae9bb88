// Package sitefs opens a site folder as a file system that cannot reach
// outside it, os.Root's, with one more method: ReadFileAtMost reads a whole
// file with fewer system calls than Open, Stat and Read.
//
// A build reads every content file once. Through os.Root each read opens
// every folder on the file's path, and each os.File tries to join the
// runtime's poller, which regular files never do: about thirteen system
// calls a file. On Linux, ReadFileAtMost opens a file from its folder,
// opened once per FS, and reads it with five.
package sitefs

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"sync"
)

// FS is a folder's file system. It is fs.FS, fs.ReadDirFS, fs.ReadFileFS,
// fs.StatFS and fs.ReadLinkFS as os.Root's FS is, and safe for concurrent
// use. Close it when done.
type FS struct {
	root *os.Root
	fsys fs.FS

	mu sync.Mutex
	// dirs are the folders ReadFileAtMost opened, by name, at most
	// maxOpenDirs of them; files in other folders are read through the
	// root. An FS is meant for one build: a folder replaced after it was
	// opened is not seen.
	dirs map[string]*dir
}

// maxOpenDirs bounds the folders an FS keeps open: content sits in a few
// folders, and a site with thousands should not hold thousands of files
// open while the build writes its own.
const maxOpenDirs = 64

// dir is an open folder.
type dir struct {
	f   *os.File
	fd  int
	err error
}

// Open opens the folder name.
func Open(name string) (*FS, error) {
	root, err := os.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return &FS{root: root, fsys: root.FS(), dirs: map[string]*dir{}}, nil
}

// Close closes the folder and those ReadFileAtMost opened.
func (f *FS) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var errs []error
	for name, d := range f.dirs {
		if d.f != nil {
			errs = append(errs, d.f.Close())
		}
		delete(f.dirs, name)
	}
	errs = append(errs, f.root.Close())
	return errors.Join(errs...)
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) { return f.fsys.Open(name) }

// ReadDir implements fs.ReadDirFS.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

// ReadFile implements fs.ReadFileFS.
func (f *FS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.fsys, name) }

// Stat implements fs.StatFS.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.fsys, name) }

// Lstat implements fs.ReadLinkFS.
func (f *FS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.fsys, name) }

// ReadLink implements fs.ReadLinkFS.
func (f *FS) ReadLink(name string) (string, error) { return fs.ReadLink(f.fsys, name) }

// ReadFileAtMost reads the regular file name, or its first n bytes when it
// is longer (none when n is not positive). It does not follow a symbolic
// link, and returns an error for a file that is not regular (a link, a
// folder, a named pipe: reading one would wait).
func (f *FS) ReadFileAtMost(name string, n int64) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return f.readFileAtMost(name, max(n, 0))
}

// ReadFileAtMost reads the regular file name in fsys, or its first n bytes
// when it is longer: with fsys's own ReadFileAtMost when it has one (as FS
// has), or else with Open, Stat and Read.
func ReadFileAtMost(fsys fs.FS, name string, n int64) ([]byte, error) {
	if r, ok := fsys.(interface {
		ReadFileAtMost(string, int64) ([]byte, error)
	}); ok {
		return r.ReadFileAtMost(name, n)
	}
	return readAtMost(fsys, name, n)
}

// readAtMost is ReadFileAtMost with fs.FS's methods.
func readAtMost(fsys fs.FS, name string, n int64) ([]byte, error) {
	n = max(n, 0)
	if rl, ok := fsys.(fs.ReadLinkFS); ok {
		// Not a symbolic link, nor a named pipe that Open would wait on.
		if info, err := rl.Lstat(name); err == nil && !info.Mode().IsRegular() {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
		}
	}
	file, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	// A buffer of the file's size, with room for the read that sees the
	// end, not one that grows from 512 bytes.
	var buf bytes.Buffer
	buf.Grow(int(min(info.Size(), n)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(file, n)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errNotRegular is the error for a file that is not a regular file.
var errNotRegular = errors.New("not a regular file")

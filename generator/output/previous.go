package output

import (
	"bytes"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// previous is the output folder's last build. A file of the new build with
// the same bytes as the last build's is linked to it instead of written:
// it keeps its inode and modification time, so that tools that compare
// times (rsync, deploy scripts, caches) see it unchanged, and nothing is
// written to the disk for it.
//
// No symbolic link in the last build is followed: gloss writes none, and a
// file reached through one is not a file of the last build.
type previous struct {
	dir string // the last build's folder
	// real caches, by slash path, whether a folder of the last build is a
	// folder, with no symbolic link on the way to it.
	real sync.Map
	bufs sync.Pool
}

// openPrevious returns the last build in the output folder out, or nil
// when there is none.
func openPrevious(out string) *previous {
	if fi, err := os.Lstat(filepath.Join(out, Marker)); err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	if fi, err := os.Lstat(out); err != nil || !fi.IsDir() {
		return nil
	}
	return &previous{dir: out}
}

// realDir reports whether dir (slash-separated, local) is a folder of the
// last build, with no symbolic link on the way.
func (p *previous) realDir(dir string) bool {
	if dir == "." {
		return true
	}
	if ok, done := p.real.Load(dir); done {
		return ok.(bool)
	}
	ok := p.realDir(path.Dir(dir))
	if ok {
		fi, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(dir)))
		ok = err == nil && fi.IsDir()
	}
	p.real.Store(dir, ok)
	return ok
}

// same reports whether the last build has the file name (slash-separated,
// local), a regular file, with exactly the bytes data.
func (p *previous) same(name string, data []byte) bool {
	if !p.realDir(path.Dir(name)) {
		return false
	}
	full := filepath.Join(p.dir, filepath.FromSlash(name))
	f, err := os.OpenFile(full, os.O_RDONLY|syscallNoFollow, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	if syscallNoFollow == 0 {
		// Without O_NOFOLLOW, make sure the name is the file itself.
		if lfi, err := os.Lstat(full); err != nil || !os.SameFile(lfi, fi) {
			return false
		}
	}
	if len(data) == 0 {
		return true
	}
	bp, _ := p.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer p.bufs.Put(bp)
	if cap(*bp) < len(data) {
		*bp = make([]byte, len(data))
	}
	buf := (*bp)[:len(data)]
	_, err = io.ReadFull(f, buf)
	return err == nil && bytes.Equal(buf, data)
}

// link links the last build's file name into the folder tmp and reports
// whether it could (a file system without hard links cannot).
func (p *previous) link(name, tmp string) bool {
	rel := filepath.FromSlash(name)
	return os.Link(filepath.Join(p.dir, rel), filepath.Join(tmp, rel)) == nil
}

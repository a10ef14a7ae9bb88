package sitefs

import (
	"errors"
	"io/fs"
	"path"
	"syscall"
)

// readFileAtMost opens name from its folder, opened once through the root,
// and reads it with the system calls themselves. The name it opens there
// is one path element, and a symbolic link is not followed, so the file is
// inside the root as its folder is.
func (f *FS) readFileAtMost(name string, n int64) ([]byte, error) {
	folder, base := path.Split(name)
	if base == "." {
		return readAtMost(f.fsys, name, n)
	}
	d := f.dir(path.Clean(folder))
	if d == nil || d.err != nil {
		// Too many folders open, or its own error, from the root.
		return readAtMost(f.fsys, name, n)
	}
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(d.fd, base, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if errors.Is(err, syscall.ELOOP) {
		err = errNotRegular // a symbolic link, as the other systems say
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	// Room for the whole file and the read that sees its end; the file
	// may have grown since.
	buf := make([]byte, 0, min(max(st.Size, 0), n)+1)
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if rest := n - int64(len(buf)); int64(len(room)) > rest {
			room = room[:rest]
		}
		k, err := syscall.Read(fd, room)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if errors.Is(err, syscall.EAGAIN) {
			// A file system that takes O_NONBLOCK for regular files too.
			return readAtMost(f.fsys, name, n)
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if k == 0 {
			break
		}
		buf = buf[:len(buf)+k]
	}
	return buf, nil
}

// dir returns the folder name, opened through the root the first time, or
// nil when maxOpenDirs others are open.
func (f *FS) dir(name string) *dir {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.dirs[name]; ok {
		return d
	}
	if len(f.dirs) >= maxOpenDirs {
		return nil
	}
	d := &dir{}
	file, err := f.root.Open(name)
	if err == nil {
		var info fs.FileInfo
		if info, err = file.Stat(); err == nil && !info.IsDir() {
			err = syscall.ENOTDIR
		}
		if err != nil {
			file.Close()
		}
	}
	if err != nil {
		d.err = err
	} else {
		d.f, d.fd = file, int(file.Fd())
	}
	f.dirs[name] = d
	return d
}

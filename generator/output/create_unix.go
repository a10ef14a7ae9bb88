//go:build unix

package output

import (
	"errors"
	"io"
	"io/fs"
	"syscall"
)

// createFile writes data into a new file at name, refusing to replace a
// file or to follow a symbolic link. It uses the system calls directly:
// os.OpenFile would also try to add the file to the runtime's poller, which
// regular files never join, five system calls wasted per file.
func createFile(name string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	var werr error
	for len(data) > 0 {
		// At most 1 GiB a call, as package os does (some systems refuse
		// more).
		n, err := syscall.Write(fd, data[:min(len(data), 1<<30)])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			werr = &fs.PathError{Op: "write", Path: name, Err: err}
			break
		}
		if n <= 0 {
			werr = &fs.PathError{Op: "write", Path: name, Err: io.ErrShortWrite}
			break
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil && werr == nil {
		werr = &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return werr
}

// syscallNoFollow refuses to open a file through a symbolic link.
const syscallNoFollow = syscall.O_NOFOLLOW

//go:build !unix

package output

import (
	"errors"
	"os"
)

// createFile writes data into a new file at name, refusing to replace a
// file. Symbolic links cannot be refused here; the private temporary folder
// is the guard.
func createFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}

// syscallNoFollow is not available here; the private temporary folder is the
// guard.
const syscallNoFollow = 0

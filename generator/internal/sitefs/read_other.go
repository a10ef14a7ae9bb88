//go:build !linux

package sitefs

// readFileAtMost reads with fs.FS's methods: the system calls that the
// Linux version makes are not in package syscall everywhere.
func (f *FS) readFileAtMost(name string, n int64) ([]byte, error) {
	return readAtMost(f.fsys, name, n)
}

//go:build unix

package output

import "syscall"

// syscallNoFollow refuses to open a file through a symbolic link.
const syscallNoFollow = syscall.O_NOFOLLOW

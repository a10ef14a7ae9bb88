//go:build !unix

package output

// syscallNoFollow is not available here; the private temporary folder is the
// guard.
const syscallNoFollow = 0

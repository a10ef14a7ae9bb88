//go:build !unix

package quality

import "os/exec"

// ownGroup does nothing where there are no process groups: cancelling cmd
// kills only its own process.
func ownGroup(cmd *exec.Cmd) {}

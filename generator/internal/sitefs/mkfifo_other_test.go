//go:build !unix

package sitefs

import "errors"

func mkfifo(string) error { return errors.ErrUnsupported }

// Package prof starts the Go profilers for the benchmark commands.
package prof

import (
	"errors"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// start starts writing to the file path with begin, and returns what stops
// it and closes the file. An empty path starts nothing.
func start(path string, begin func(*os.File) error, stop func()) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := begin(f); err != nil {
		return nil, errors.Join(err, f.Close())
	}
	return func() error {
		stop()
		return f.Close()
	}, nil
}

// CPU writes a CPU profile to path until the returned function is called.
func CPU(path string) (func() error, error) {
	return start(path, func(f *os.File) error { return pprof.StartCPUProfile(f) }, pprof.StopCPUProfile)
}

// Trace writes an execution trace to path until the returned function is
// called.
func Trace(path string) (func() error, error) {
	return start(path, func(f *os.File) error { return trace.Start(f) }, trace.Stop)
}

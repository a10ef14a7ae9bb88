package generator

import (
	"context"
	"sync"
)

// fileMap collects rendered files; safe for concurrent use.
type fileMap struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newFileMap() *fileMap { return &fileMap{m: map[string][]byte{}} }

func (f *fileMap) put(ctx context.Context) func(string, []byte) error {
	return func(name string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.mu.Lock()
		f.m[name] = data // render.Emit: the data is ours to keep
		f.mu.Unlock()
		return nil
	}
}

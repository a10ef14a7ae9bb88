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

// newFileMap returns an empty fileMap with room for n files.
func newFileMap(n int) *fileMap { return &fileMap{m: make(map[string][]byte, n)} }

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

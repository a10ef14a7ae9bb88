// Package par runs loops on all cores.
package par

import (
	"runtime"
	"sync"
)

// For calls fn(i) for every i in [0, n) on GOMAXPROCS goroutines and returns
// when all calls have returned.
func For(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

package serve

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
)

// collector runs the garbage collector between rebuilds, when the heap is
// so close to the collector's goal that the next rebuild would reach it:
// a collection of a large site's heap takes longer than a rebuild, and
// would otherwise double the time a writer waits for that rebuild.
type collector struct {
	running atomic.Bool
	samples []metrics.Sample
}

func newCollector() *collector {
	return &collector{samples: []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/goal:bytes"},
	}}
}

// allocated returns the bytes allocated since the program started.
func (c *collector) allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return value(s[0])
}

// after is called when a rebuild that allocated perBuild bytes is done: it
// starts a collection in the background when the next two rebuilds would
// bring the heap to the goal. One collection runs at a time.
func (c *collector) after(perBuild uint64) {
	metrics.Read(c.samples)
	if !due(value(c.samples[1]), value(c.samples[2]), perBuild) || !c.running.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer c.running.Store(false)
		runtime.GC()
	}()
}

// due tells whether a heap of heap bytes, whose collection starts at goal,
// would reach it within two rebuilds that allocate perBuild bytes each.
func due(heap, goal, perBuild uint64) bool {
	return goal > 0 && heap+2*perBuild >= goal
}

func value(s metrics.Sample) uint64 {
	if s.Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s.Value.Uint64()
}

package serve

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDue(t *testing.T) {
	tests := []struct {
		heap, goal, perBuild uint64
		due                  bool
	}{
		{heap: 100, goal: 1000, perBuild: 100, due: false},
		{heap: 800, goal: 1000, perBuild: 100, due: true}, // two rebuilds reach the goal
		{heap: 799, goal: 1000, perBuild: 100, due: false},
		{heap: 999, goal: 1000, perBuild: 0, due: false},
		{heap: 1000, goal: 1000, perBuild: 0, due: true},
		{heap: 100, goal: 0, perBuild: 100, due: false}, // no goal known
	}
	for _, tt := range tests {
		assert.Equal(t, tt.due, due(tt.heap, tt.goal, tt.perBuild), "%+v", tt)
	}
}

func TestCollectorCollectsWhenDue(t *testing.T) {
	c := newCollector()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	// A rebuild that allocates more than any heap's room: the next one
	// would reach the goal, so a collection starts.
	c.after(1 << 50)
	require.Eventually(t, func() bool { return !c.running.Load() }, 10*time.Second, time.Millisecond)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	assert.Greater(t, after.NumForcedGC, before.NumForcedGC)
	assert.Positive(t, c.allocated())
}

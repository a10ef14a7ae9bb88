package render

import (
	"maps"
	"slices"
)

func sortedNames(as Assets) []string { return slices.Sorted(maps.Keys(as)) }

package frontmatter

import "sort"

func sortedKeys(fields Fields) []string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// suggest returns the known key closest to k when it is a likely typo.
func suggest(k string, fields Fields) string {
	if len(k) > 64 {
		return ""
	}
	best, bestDist := "", 3
	for _, cand := range sortedKeys(fields) {
		if dist := levenshtein(k, cand); dist < bestDist && dist < len(cand) {
			best, bestDist = cand, dist
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

//go:build race

package search

// raceEnabled says the tests run with the race detector, which slows the
// 10,000-article budget test down about eightfold.
const raceEnabled = true

package search

import (
	"strings"
	"testing"
)

// BenchmarkNormalize folds an article's text of about 6,500 characters,
// mostly ASCII, with typographic apostrophes and names beyond ASCII.
func BenchmarkNormalize(b *testing.B) {
	s := strings.Repeat("The ministry’s log gives 05:40 for the convoy; Yusuf Şenanström said the talks would resume. ", 70)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Normalize(s)
	}
}

// BenchmarkAnalyse weighs the terms of an article of the same text.
func BenchmarkAnalyse(b *testing.B) {
	s := strings.Repeat("The ministry’s log gives 05:40 for the convoy; Yusuf Şenanström said the talks would resume. ", 70)
	src := &source{title: []string{"Talks resume"}, body: []string{s}}
	m := &termTable{}
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		analyse(src, m)
		m.reset()
	}
}

package render

import (
	"strings"
	"testing"
)

// BenchmarkWriteText escapes the sentences around mentions that entry
// pages are mostly made of.
func BenchmarkWriteText(b *testing.B) {
	s := strings.Repeat("Regional authorities confirmed that the last round ended without a joint statement, but the mood was tense. ", 20)
	var sb strings.Builder
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		sb.Reset()
		writeText(&sb, s)
	}
}

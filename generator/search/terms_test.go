package search

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countTerms counts words with a termTable, and with a map and a list of
// first comings, for FuzzTermTable and TestTermTable.
func countTerms(t *testing.T, m *termTable, words []string) {
	t.Helper()
	want := map[string]uint32{}
	var order []string
	for _, w := range words {
		if _, ok := want[w]; !ok {
			order = append(order, w)
		}
		want[w]++
		*m.at(w)++
	}
	require.Equal(t, len(want), m.len())
	var gotOrder []string
	m.each(func(term string, val uint32) {
		gotOrder = append(gotOrder, term)
		assert.Equal(t, want[term], val, term)
	})
	assert.Equal(t, order, gotOrder, "terms in the order they came")
}

func TestTermTable(t *testing.T) {
	var m termTable
	countTerms(t, &m, strings.Fields("the talks in istanbul the talks resumed in may"))
	m.reset()
	assert.Zero(t, m.len())
	for _, s := range m.slots {
		assert.Equal(t, termSlot{}, s, "reset empties every slot it used")
	}
	// Past the first size: the table grows and keeps every count.
	var words []string
	for i := range 5 * minTermSlots {
		words = append(words, "w"+strconv.Itoa(i%(3*minTermSlots)))
	}
	countTerms(t, &m, words)
	assert.Greater(t, len(m.slots), minTermSlots)
	assert.LessOrEqual(t, 2*m.len(), len(m.slots), "at most half full")
	m.reset()
	countTerms(t, &m, []string{"", "a", "", "b"})
}

// FuzzTermTable holds the table to a map.
func FuzzTermTable(f *testing.F) {
	f.Add("the talks in istanbul the talks")
	f.Add("a b c d e f a b c \x00 \xff é")
	f.Fuzz(func(t *testing.T, s string) {
		var m termTable
		countTerms(t, &m, strings.Fields(s))
		m.reset()
		countTerms(t, &m, strings.Split(s, ""))
	})
}

// TestTermHashNotZero: 0 marks an empty slot.
func TestTermHashNotZero(t *testing.T) {
	assert.NotZero(t, termHash(""))
	assert.NotZero(t, termHash("talks"))
	// FNV-1a of these bytes is 0; the table takes 1 instead.
	assert.Equal(t, uint32(1), termHash("\xcc$1\xc4"))
}

// TestAnalyseTermsOutliveTheBuffer: a document's terms stay as they are
// when the table and its text buffer go on to the next document.
func TestAnalyseTermsOutliveTheBuffer(t *testing.T) {
	var m termTable
	// The first document is the longer: the second is made in the same
	// buffer, over the first's text.
	first := analyse(&source{title: []string{"Talks in Istanbul"},
		body: []string{"Medinsky led the talks; talks resumed." + strings.Repeat(" ", 200)}}, &m)
	want := map[string]uint8{}
	for _, tw := range first {
		want[strings.Clone(tw.term)] = tw.weight // a copy: the terms as they were
	}
	m.reset()
	analyse(&source{title: []string{"Zzzzz qqqqq"}, body: []string{"xxxxxxxxx yyyyyyyyy"}}, &m)
	got := map[string]uint8{}
	for _, tw := range first {
		got[tw.term] = tw.weight
	}
	assert.Equal(t, want, got)
	assert.Equal(t, map[string]uint8{"talks": WeightTitle | WeightBody, "istanbul": WeightTitle, "medinsky": WeightBody,
		"led": WeightBody, "resumed": WeightBody}, got)
}

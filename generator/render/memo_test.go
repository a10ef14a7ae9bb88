package render

import (
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/link"
	"github.com/stretchr/testify/assert"
)

func TestDigestsKeepListsApart(t *testing.T) {
	listing := func(authors, tags []string) digest.Sum {
		d := newDigester()
		d.listing(&link.Article{Article: &content.Article{Authors: authors, Tags: tags}})
		return d.Sum()
	}
	assert.NotEqual(t, listing([]string{"x"}, nil), listing(nil, []string{"x"}),
		"a name moved from the authors to the tags changes the listing")
	assert.NotEqual(t, listing([]string{"a", "b"}, nil), listing([]string{"a"}, []string{"b"}))
	assert.Equal(t, listing([]string{"a"}, []string{"b"}), listing([]string{"a"}, []string{"b"}))

	card := func(e *content.Entry) digest.Sum {
		d := newDigester()
		d.card(&link.Entry{Entry: e})
		return d.Sum()
	}
	withLink := &content.Entry{Links: []content.Link{{Title: "41.01° N, 28.98° E", URL: "41.01 28.98"}}}
	withCoords := &content.Entry{Coordinates: &[2]float64{41.01, 28.98}}
	assert.NotEqual(t, card(withLink), card(withCoords), "coordinates are not a link that reads like them")
}

package generator

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type webAnnotation struct {
	Context string `json:"@context"`
	Type    string `json:"type"`
	Total   int    `json:"total"`
	First   struct {
		Items []struct {
			ID         string `json:"id"`
			Type       string `json:"type"`
			Motivation string `json:"motivation"`
			Body       []struct {
				Type, Value, Format string
			} `json:"body"`
			Target struct {
				Source   string `json:"source"`
				Selector []struct {
					Type                  string
					Exact, Prefix, Suffix string
					Start, End            *int
				} `json:"selector"`
			} `json:"target"`
		} `json:"items"`
	} `json:"first"`
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// highlighted returns the text the page highlights for a note: its marks'
// text, less the screen-reader prefix, white space folded.
func highlighted(page, id string) string {
	re := regexp.MustCompile(`<mark class="anno[^"]*" data-annotation="` + regexp.QuoteMeta(id) + `">((?s:.*?))</mark>`)
	var b strings.Builder
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		inner := regexp.MustCompile(`<span class="visually-hidden">[^<]*</span>`).ReplaceAllString(m[1], "")
		// Nested notes: drop their references and note bodies.
		inner = regexp.MustCompile(`<a class="anno-ref".*`).ReplaceAllString(inner, "")
		b.WriteString(html.UnescapeString(tagRE.ReplaceAllString(inner, "")))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestAnnotationExport checks the sample article's W3C Web Annotation
// collection: every note is there, and its selectors select exactly the text
// the page highlights.
func TestAnnotationExport(t *testing.T) {
	files := readTree(t, buildSample(t))
	page := files["articles/istanbul-talks-2025/index.html"]
	assert.Contains(t, page, `<link rel="alternate" type="application/ld+json" href="annotations.jsonld"`)
	var coll webAnnotation
	require.NoError(t, json.Unmarshal([]byte(files["articles/istanbul-talks-2025/annotations.jsonld"]), &coll))
	assert.Equal(t, "http://www.w3.org/ns/anno.jsonld", coll.Context)
	assert.Equal(t, "AnnotationCollection", coll.Type)
	require.GreaterOrEqual(t, coll.Total, 6)
	require.Len(t, coll.First.Items, coll.Total)
	kinds := map[string]bool{}
	for _, item := range coll.First.Items {
		id := item.ID[strings.LastIndex(item.ID, "#")+1:]
		t.Run(id, func(t *testing.T) {
			assert.Equal(t, "Annotation", item.Type)
			assert.Equal(t, "https://example.org/articles/istanbul-talks-2025/", item.Target.Source)
			require.Len(t, item.Target.Selector, 2)
			quote, pos := item.Target.Selector[0], item.Target.Selector[1]
			assert.Equal(t, "TextQuoteSelector", quote.Type)
			assert.Equal(t, "TextPositionSelector", pos.Type)
			assert.LessOrEqual(t, len([]rune(quote.Prefix)), 32)
			assert.LessOrEqual(t, len([]rune(quote.Suffix)), 32)
			require.NotNil(t, pos.Start)
			assert.Equal(t, len([]rune(quote.Exact)), *pos.End-*pos.Start)
			assert.Equal(t, quote.Exact, highlighted(page, id), "the page highlights what the selector selects")
			assert.Contains(t, page, `id="`+id+`" role="note"`)
			require.NotEmpty(t, item.Body)
			assert.Equal(t, "text/html", item.Body[0].Format)
			kinds[item.Motivation] = true
		})
	}
	assert.GreaterOrEqual(t, len(kinds), 3, "at least three kinds of notes")
}

package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"testing"

	"github.com/glossdev/gloss/generator/annotate"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type refCollection struct {
	Context string  `json:"@context"`
	ID      string  `json:"id"`
	Type    string  `json:"type"`
	Label   string  `json:"label"`
	Total   int     `json:"total"`
	First   refPage `json:"first"`
}

type refPage struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	StartIndex int             `json:"startIndex"`
	Items      []refAnnotation `json:"items"`
}

type refAnnotation struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Label      string    `json:"label"`
	Body       []refBody `json:"body"`
	Target     refTarget `json:"target"`
}

type refBody struct {
	Type    string `json:"type"`
	Value   string `json:"value,omitempty"`
	Format  string `json:"format,omitempty"`
	Purpose string `json:"purpose,omitempty"`
	ID      string `json:"id,omitempty"`
	Label   string `json:"label,omitempty"`
}

type refTarget struct {
	Source   string        `json:"source"`
	Selector []refSelector `json:"selector"`
}

type refSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// annotationsJSON is Annotations with encoding/json, which Annotations
// must match byte for byte.
func annotationsJSON(site *link.Site, a *link.Article) ([]byte, error) {
	base := site.Config.BaseURL
	page := urls.Abs(base, a.Page)
	id := urls.Abs(base, a.Page+AnnotationsFile)
	c := refCollection{
		Context: "http://www.w3.org/ns/anno.jsonld",
		ID:      id,
		Type:    "AnnotationCollection",
		Label:   "Notes on “" + a.Title + "”",
		Total:   len(a.Notes),
		First:   refPage{ID: id + "#page-1", Type: "AnnotationPage", Items: []refAnnotation{}},
	}
	for _, n := range a.Notes {
		start, end := n.Start, n.End
		item := refAnnotation{
			ID:         page + "#" + n.ID,
			Type:       "Annotation",
			Motivation: motivations[n.Kind],
			Label:      n.Label(),
			Body:       []refBody{{Type: "TextualBody", Value: string(n.Body), Format: "text/html", Purpose: motivations[n.Kind]}},
			Target: refTarget{Source: page, Selector: []refSelector{
				{Type: "TextQuoteSelector", Exact: n.Exact, Prefix: n.Prefix, Suffix: n.Suffix},
				{Type: "TextPositionSelector", Start: &start, End: &end},
			}},
		}
		if n.Source != nil && n.Source.URL != "" {
			item.Body = append(item.Body, refBody{Type: "Text", ID: n.Source.URL, Label: n.Source.Title, Purpose: "linking"})
		}
		c.First.Items = append(c.First.Items, item)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func TestAnnotationsMatchEncodingJSON(t *testing.T) {
	site := linked(t, siteFiles())
	note := func(id, kind string, src *content.Link, body, exact, prefix, suffix string, start, end int) *annotate.Note {
		return &annotate.Note{Annotation: &content.Annotation{ID: id, Kind: kind, Source: src},
			Body: template.HTML(body), Exact: exact, Prefix: prefix, Suffix: suffix, Start: start, End: end}
	}
	tests := map[string][]*annotate.Note{
		"none": nil,
		"one":  {note("n1", content.NoteContext, nil, "<p>Context.</p>", "the talks", "In ", " began", 3, 12)},
		"every kind, sources, empty parts": {
			note("a", content.NoteFactCheck, &content.Link{Title: "Report & <more>", URL: "https://example.org/a?b=1&c=2"}, "<p>x</p>", "q", "", "", 0, 1),
			note("b", content.NoteSource, &content.Link{URL: "https://example.org/"}, "", "q2", "p", "", 5, 7),
			note("c", content.NoteCorrection, &content.Link{Title: "No URL"}, "<p>\u2028 line</p>", "“quoted” <b>", "it’s ", " & so", 10, 20),
			note("d", content.NoteQuote, nil, "<p>q</p>", "x", "y", "z", 1, 2),
			note("e", "unknown-kind", nil, "<p>q</p>", "x", "y", "z", 1, 2),
		},
	}
	for name, notes := range tests {
		t.Run(name, func(t *testing.T) {
			a := &link.Article{Article: &content.Article{Title: `Talks "<&>" ’s`}, Page: urls.Article("talks"), Notes: notes}
			want, err := annotationsJSON(site, a)
			require.NoError(t, err)
			got, err := Annotations(site, a)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
			assert.True(t, json.Valid(got))
		})
	}
	// Every article of the sites of the Go writers' tests.
	for name, files := range articleSites() {
		site := linked(t, files)
		for _, a := range site.Articles {
			want, err := annotationsJSON(site, a)
			require.NoError(t, err)
			got, err := Annotations(site, a)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got), fmt.Sprintf("%s: %s", name, a.Path))
		}
	}
}

// FuzzJSONString holds writeJSONString to encoding/json.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "<b>&amp;</b>", "\b\f\n\r\t\x00\x1f\x7f",
		"\u2028\u2029 é ’ 😀", "\xff\xfe bad \xc3", "\u00e9\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		require.NoError(t, err)
		var got bytes.Buffer
		writeJSONString(&got, s)
		if got.String() != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got.String(), want)
		}
	})
}

// BenchmarkAnnotations writes the notes of an article with three notes.
func BenchmarkAnnotations(b *testing.B) {
	site := linked(b, siteFiles())
	var notes []*annotate.Note
	for i := range 3 {
		notes = append(notes, &annotate.Note{
			Annotation: &content.Annotation{ID: "n" + strconv.Itoa(i), Kind: content.NoteSource,
				Source: &content.Link{Title: "Record of session 343", URL: "https://example.org/records/343"}},
			Body:  `<span class="note-p">The ministry’s log gives 05:40 for convoy 343-A; the crossing opens at 06:00, so the convoy <em>waited</em> at the gate.</span>`,
			Exact: "convoy 343-A reached the border crossing before dawn", Prefix: "According to the ministry, ",
			Suffix: ". Negotiators argued that the", Start: 1200 * i, End: 1200*i + 52})
	}
	a := &link.Article{Article: &content.Article{Title: "A new round of talks in Ærlaava: what changes"},
		Page: urls.Article("a-new-round"), Notes: notes}
	for b.Loop() {
		if _, err := Annotations(site, a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestJSONWriterDeep: members deeper than one write of indentation are
// indented as encoding/json indents them.
func TestJSONWriterDeep(t *testing.T) {
	for _, depth := range []int{1, 15, 16, 17, 40} {
		w := &jsonWriter{b: new(bytes.Buffer)}
		for range depth {
			w.open('[')
			w.item()
		}
		w.open('{')
		w.str("k", "v")
		w.num("n", 1)
		w.close('}')
		for range depth {
			w.close(']')
		}
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, w.b.Bytes(), "", "  "))
		assert.Equal(t, want.String(), w.b.String(), "depth %d", depth)
	}
}

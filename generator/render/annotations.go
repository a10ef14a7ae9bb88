package render

import (
	"bytes"
	"encoding/json"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// AnnotationsFile is the name of an article's W3C Web Annotation collection,
// beside its page.
const AnnotationsFile = "annotations.jsonld"

// motivations maps note kinds to W3C Web Annotation motivations.
var motivations = map[string]string{
	content.NoteContext:    "commenting",
	content.NoteFactCheck:  "assessing",
	content.NoteSource:     "describing",
	content.NoteCorrection: "editing",
	content.NoteQuote:      "describing",
}

type annoCollection struct {
	Context string   `json:"@context"`
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Label   string   `json:"label"`
	Total   int      `json:"total"`
	First   annoPage `json:"first"`
}

type annoPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	StartIndex int          `json:"startIndex"`
	Items      []annotation `json:"items"`
}

type annotation struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Label      string     `json:"label"`
	Body       []annoBody `json:"body"`
	Target     annoTarget `json:"target"`
}

type annoBody struct {
	Type    string `json:"type"`
	Value   string `json:"value,omitempty"`
	Format  string `json:"format,omitempty"`
	Purpose string `json:"purpose,omitempty"`
	ID      string `json:"id,omitempty"`
	Label   string `json:"label,omitempty"`
}

type annoTarget struct {
	Source   string         `json:"source"`
	Selector []annoSelector `json:"selector"`
}

type annoSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// Annotations returns the W3C Web Annotation collection of an article's
// notes as JSON-LD.
func Annotations(site *link.Site, a *link.Article) ([]byte, error) {
	base := site.Config.BaseURL
	page := urls.Abs(base, a.Page)
	id := urls.Abs(base, a.Page+AnnotationsFile)
	c := annoCollection{
		Context: "http://www.w3.org/ns/anno.jsonld",
		ID:      id,
		Type:    "AnnotationCollection",
		Label:   "Notes on “" + a.Title + "”",
		Total:   len(a.Notes),
		First:   annoPage{ID: id + "#page-1", Type: "AnnotationPage", Items: []annotation{}},
	}
	for _, n := range a.Notes {
		start, end := n.Start, n.End
		item := annotation{
			ID:         page + "#" + n.ID,
			Type:       "Annotation",
			Motivation: motivations[n.Kind],
			Label:      n.Label(),
			Body:       []annoBody{{Type: "TextualBody", Value: string(n.Body), Format: "text/html", Purpose: motivations[n.Kind]}},
			Target: annoTarget{Source: page, Selector: []annoSelector{
				{Type: "TextQuoteSelector", Exact: n.Exact, Prefix: n.Prefix, Suffix: n.Suffix},
				{Type: "TextPositionSelector", Start: &start, End: &end},
			}},
		}
		if n.Source != nil && n.Source.URL != "" {
			item.Body = append(item.Body, annoBody{Type: "Text", ID: n.Source.URL, Label: n.Source.Title, Purpose: "linking"})
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

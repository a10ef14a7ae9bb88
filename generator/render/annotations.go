package render

import (
	"bytes"
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

// Annotations returns the W3C Web Annotation collection of an article's
// notes as JSON-LD, indented by two spaces. It is written member by member,
// as encoding/json would write it (TestAnnotationsMatchEncodingJSON holds
// the two together): an article has one such file, and encoding/json's
// reflection and indenting took as long as writing its page.
func Annotations(site *link.Site, a *link.Article) ([]byte, error) {
	var b bytes.Buffer
	writeAnnotations(&b, site, a)
	return b.Bytes(), nil
}

// writeAnnotations writes what Annotations returns to b.
func writeAnnotations(b *bytes.Buffer, site *link.Site, a *link.Article) {
	base := site.Config.BaseURL
	page := urls.Abs(base, a.Page)
	id := urls.Abs(base, a.Page+AnnotationsFile)
	w := &jsonWriter{b: b}
	w.b.Grow(1024 + 1536*len(a.Notes))
	w.open('{')
	w.str("@context", "http://www.w3.org/ns/anno.jsonld")
	w.str("id", id)
	w.str("type", "AnnotationCollection")
	w.str("label", "Notes on “"+a.Title+"”")
	w.num("total", len(a.Notes))
	w.key("first")
	w.open('{')
	w.str("id", id+"#page-1")
	w.str("type", "AnnotationPage")
	w.num("startIndex", 0)
	w.key("items")
	w.open('[')
	for _, n := range a.Notes {
		w.item()
		w.open('{')
		w.str("id", page+"#"+n.ID)
		w.str("type", "Annotation")
		w.str("motivation", motivations[n.Kind])
		w.str("label", n.Label())
		w.key("body")
		w.open('[')
		w.item()
		w.open('{')
		w.str("type", "TextualBody")
		w.strOmit("value", string(n.Body))
		w.str("format", "text/html")
		w.strOmit("purpose", motivations[n.Kind])
		w.close('}')
		if n.Source != nil && n.Source.URL != "" {
			w.item()
			w.open('{')
			w.str("type", "Text")
			w.str("purpose", "linking")
			w.str("id", n.Source.URL)
			w.strOmit("label", n.Source.Title)
			w.close('}')
		}
		w.close(']')
		w.key("target")
		w.open('{')
		w.str("source", page)
		w.key("selector")
		w.open('[')
		w.item()
		w.open('{')
		w.str("type", "TextQuoteSelector")
		w.strOmit("exact", n.Exact)
		w.strOmit("prefix", n.Prefix)
		w.strOmit("suffix", n.Suffix)
		w.close('}')
		w.item()
		w.open('{')
		w.str("type", "TextPositionSelector")
		w.num("start", n.Start)
		w.num("end", n.End)
		w.close('}')
		w.close(']')
		w.close('}')
		w.close('}')
	}
	w.close(']')
	w.close('}')
	w.close('}')
	w.b.WriteByte('\n')
}

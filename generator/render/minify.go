package render

import (
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// Minifier shrinks the theme's assets: CSS, JavaScript and HTML. For HTML
// it keeps quotes around attribute values, end tags and document tags, so
// files stay valid HTML that tools (and people) can read; it drops comments
// and white space the browser ignores. Pages are not run through it: they
// come out compact from their templates (see WithCompact). A nil *Minifier
// leaves files as they are.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier; it is safe for concurrent use.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepQuotes: true, KeepEndTags: true, KeepDocumentTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{".html": "text/html", ".css": "text/css", ".js": "application/javascript"}

// File minifies data by the file name's extension; other files, and files
// the minifier cannot read, are returned as they are.
func (mf *Minifier) File(name string, data []byte) []byte {
	if mf == nil {
		return data
	}
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data
	}
	// Bytes reads data in place, without the copy a plain reader costs.
	out, err := mf.m.Bytes(mt, data)
	if err != nil {
		return data
	}
	return out
}

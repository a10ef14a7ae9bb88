package markdown

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// linkifyCases are Markdown texts with bare links and near misses; the
// filtered GFM extension must render each as goldmark's own does.
var linkifyCases = []struct {
	name, src, want string
}{
	{"bare https URL", "See https://example.org/a.", `<a href="https://example.org/a">https://example.org/a</a>.`},
	{"bare http URL at the line's start", "http://example.org", `<a href="http://example.org">http://example.org</a>`},
	{"ftp URL", "get ftp://example.org/f", `<a href="ftp://example.org/f">ftp://example.org/f</a>`},
	{"www domain", "at www.example.org now", `<a href="http://www.example.org">www.example.org</a>`},
	{"after an opening parenthesis", "(www.example.org)", `(<a href="http://www.example.org">www.example.org</a>)`},
	{"after emphasis marks", "_https://example.org_", `<a href="https://example.org">https://example.org</a>`},
	{"e-mail address", "write to press@example.org today", `<a href="mailto:press@example.org">press@example.org</a>`},
	{"e-mail after a tilde", "~a@example.org", `<a href="mailto:a@example.org">a@example.org</a>`},
	{"at sign elsewhere in the document", "a word, then @handle", "@handle"},
	{"no scheme", "example.org is not linked", "example.org is not linked"},
	{"scheme-like word", "the httpd server and wwwx.", "the httpd server and wwwx."},
	{"inside a link label", "[www.example.org](/x)", `<a href="/x">www.example.org</a>`},
	{"URL in a second paragraph of a document with an address", "a@example.org\n\nhttps://example.org", `<a href="https://example.org">https://example.org</a>`},
}

func gfmConverters() (plain, filtered goldmark.Markdown) {
	return goldmark.New(goldmark.WithExtensions(extension.GFM)), goldmark.New(goldmark.WithExtensions(gfmBlocks{}, Linkify()))
}

func TestLinkifyMatchesGoldmark(t *testing.T) {
	plain, filtered := gfmConverters()
	for _, tt := range linkifyCases {
		t.Run(tt.name, func(t *testing.T) {
			var want, got bytes.Buffer
			require.NoError(t, plain.Convert([]byte(tt.src), &want))
			require.NoError(t, filtered.Convert([]byte(tt.src), &got))
			assert.Equal(t, want.String(), got.String())
			assert.Contains(t, got.String(), tt.want)
		})
	}
}

func TestMayBeURL(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"http://a.b", true}, {"https://a.b", true}, {"ftp://a.b", true}, {"www.a.b", true},
		{"http", false}, {"httpd", false}, {"ftps", false}, {"wwwx", false}, {"", false}, {"Www.a.b", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, mayBeURL([]byte(tt.line)), tt.line)
	}
}

// FuzzLinkify holds the filtered bare-link parser to goldmark's: the same
// HTML for any text.
func FuzzLinkify(f *testing.F) {
	for _, tt := range linkifyCases {
		f.Add(tt.src)
	}
	f.Add("*www.a.co* and x@y.z. (http://a.b/c?d=e) ~~ftp://q.r~~")
	plain, filtered := gfmConverters()
	f.Fuzz(func(t *testing.T, src string) {
		var want, got bytes.Buffer
		errWant := plain.Convert([]byte(src), &want)
		errGot := filtered.Convert([]byte(src), &got)
		assert.Equal(t, errWant, errGot)
		assert.Equal(t, want.String(), got.String())
	})
}

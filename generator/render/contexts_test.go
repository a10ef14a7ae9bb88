package render

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/mention"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// viaTemplate renders an appearance's contexts the way a theme would with
// {{range}}: the output contexts must match.
var viaTemplate = template.Must(template.New("t").Parse(
	`{{range $app := .}}{{range $app.Mentions}}` + "\n" +
		`<li>{{.Before}} <a href="{{$app.Href}}#{{.ID}}"><strong>{{.Text}}</strong></a>{{.After}}</li>{{end}}{{end}}`))

func checkContexts(t *testing.T, app link.Appearance) {
	t.Helper()
	var want bytes.Buffer
	require.NoError(t, viaTemplate.Execute(&want, []link.Appearance{app}))
	assert.Equal(t, want.String(), string(contexts(app)))
}

func TestContextsEscapeLikeHTMLTemplate(t *testing.T) {
	tests := []struct {
		name                string
		href, id            string
		before, text, after string
	}{
		{"plain", "../../articles/a/", "m-kyiv-1", "Talks in", "Kyiv", " ended."},
		{"markup in text", "../../articles/a/", "m-x-1", `<b>"bold"</b> & 'q'`, "A+B", "<script>x</script>"},
		{"nul and bad utf-8", "../../articles/a/", "m-x-1", "a\x00b", "\xff\xfe", "\uFFFD\ufdd0"},
		{"non-ASCII path", "../../articles/çay ışık/", "m-x-1", "", "Çelik", ""},
		{"reserved characters in the path", "../../a?b=c&d=e+f;g/", "m-x-1", "", "x", ""},
		{"percent escapes", "../../a%20b/%zz/%4", "m-x-1", "", "x", ""},
		{"quotes and angle brackets in the path", `../"x"/<y>/'z'`, "m-x-1", "", "x", ""},
		{"unsafe scheme", "javascript:alert(1)", "m-x-1", "", "x", ""},
		{"safe scheme", "HTTPS://example.org/a b", "m-x-1", "", "x", ""},
		{"odd id", "a/", "m x#y/z?&+%41", "", "x", ""},
		{"empty", "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkContexts(t, link.Appearance{Href: tt.href, Mentions: []*mention.Mention{
				{ID: tt.id, Before: tt.before, Text: tt.text, After: tt.after},
				{ID: tt.id + "-2", Text: tt.text},
			}})
		})
	}
	assert.Empty(t, string(contexts(link.Appearance{Href: "a/"})), "no mentions, no items")
}

func FuzzContexts(f *testing.F) {
	f.Add("../../articles/a/", "m-kyiv-1", "Talks in", "Kyiv", " ended.")
	f.Add("javascript:x", "m x", "<b>", "&amp;", "'\"+\x00")
	f.Add("%zz/%41/é", "#?", "", "\xff", "")
	f.Fuzz(func(t *testing.T, href, id, before, text, after string) {
		checkContexts(t, link.Appearance{Href: href, Mentions: []*mention.Mention{
			{ID: id, Before: before, Text: text, After: after},
		}})
	})
}

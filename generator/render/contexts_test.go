package render

import (
	"bytes"
	"fmt"
	"time"

	"html/template"
	"testing"

	"github.com/glossdev/gloss/generator/content"

	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/mention"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// viaTemplate renders an appearance's contexts the way a theme would with
// {{range}}: the output contexts must match.
var viaTemplate = template.Must(template.New("t").Parse(
	`{{range $app := .}}{{range $app.Mentions}}` + "\n" +
		`<li>{{.Before}}<a href="{{$app.Href}}#{{.ID}}"><strong>{{.Text}}</strong></a>{{.After}}</li>{{end}}{{end}}`))

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
	for _, href := range []string{"a/b:c", "x:y/z", "/x:y", ":x", "HTTPS://x", "mailto:a@b", "Http:x", "data:x", "#a:b", ".x:y", "../y:z"} {
		f.Add(href, "m-x-1", "", "x", "")
	}
	f.Fuzz(func(t *testing.T, href, id, before, text, after string) {
		checkContexts(t, link.Appearance{Href: href, Mentions: []*mention.Mention{
			{ID: id, Before: before, Text: text, After: after},
		}})
	})
}

// appearanceTemplate is what appearance writes, as a template.
var appearanceTemplate = template.Must(template.New("t").Funcs(funcs).Parse(`{{range $app := .}}
<li class="appearance">
<p class="appearance-title"><a href="{{$app.Href}}">{{$app.Article.Title}}</a>
<span class="byline"><time datetime="{{isoDate $app.Article.Date}}">{{date $app.Article.Date}}</time>
· {{len $app.Mentions}} mention{{if ne (len $app.Mentions) 1}}s{{end}}</span></p>
<ul class="appearance-contexts">{{range $app.Mentions}}
<li>{{.Before}}<a href="{{$app.Href}}#{{.ID}}"><strong>{{.Text}}</strong></a>{{.After}}</li>{{end}}
</ul>
</li>{{end}}`))

func TestAppearanceMatchesTemplate(t *testing.T) {
	date := time.Date(2025, 5, 16, 9, 30, 0, 0, time.FixedZone("", 3*3600))
	tests := []struct {
		name     string
		title    string
		date     time.Time
		href     string
		mentions int
	}{
		{"one mention", "Istanbul talks", date, "../../articles/istanbul/", 1},
		{"several mentions", "Talks", date, "../../articles/x/", 3},
		{"no date", "Undated", time.Time{}, "../../articles/u/", 2},
		{"markup and odd characters", `<b>"A+B" & 'C'</b>`, date, "../../articles/çé ?/", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &link.Article{Article: &content.Article{Title: tt.title, Date: tt.date}}
			app := link.Appearance{Article: a, Href: tt.href}
			for i := range tt.mentions {
				app.Mentions = append(app.Mentions, &mention.Mention{ID: fmt.Sprintf("m-x-%d", i+1),
					Before: "Before <i>", Text: "X & Y", After: " after."})
			}
			var want bytes.Buffer
			require.NoError(t, appearanceTemplate.Execute(&want, []link.Appearance{app}))
			assert.Equal(t, want.String(), string(appearance(app)))
		})
	}
}

package render

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompactText(t *testing.T) {
	tests := []struct {
		name, in, want string
		rawIn, rawOut  bool
	}{
		{"indentation after line breaks", "<ul>\n  <li>a</li>\n\t\t<li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>", false, false},
		{"spaces inside a line stay", "<p>a  b</p> <i>c</i>", "<p>a  b</p> <i>c</i>", false, false},
		{"leading spaces without a line break stay", "  <b>", "  <b>", false, false},
		{"blank lines keep their breaks", "a\n  \n  b", "a\n\nb", false, false},
		{"pre keeps its white space", "<div>\n  <pre>x\n  y</pre>\n  <p>", "<div>\n<pre>x\n  y</pre>\n<p>", false, false},
		{"upper case pre", "<PRE class=c>\n  x</Pre>\n  z", "<PRE class=c>\n  x</Pre>\nz", false, false},
		{"textarea", "<textarea>\n  a\n</textarea>\n  b", "<textarea>\n  a\n</textarea>\nb", false, false},
		{"pre left open", "<pre>\n  a", "<pre>\n  a", false, true},
		{"script", "<script>\n  let s = `a\n    b`;\n</script>\n  <p>", "<script>\n  let s = `a\n    b`;\n</script>\n<p>", false, false},
		{"style", "<style>\n  p {\n    margin: 0;\n  }\n</style>\n  x", "<style>\n  p {\n    margin: 0;\n  }\n</style>\nx", false, false},
		{"pre closed from an earlier node", "\n  a</pre>\n  b", "\n  a</pre>\nb", true, false},
		{"empty", "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.rawIn
			assert.Equal(t, tt.want, string(compactText([]byte(tt.in), &raw)))
			assert.Equal(t, tt.rawOut, raw)
		})
	}
}

func TestCompactTemplates(t *testing.T) {
	src := `{{define "p"}}
    <span>{{.}}</span>
{{end}}<div>
  {{range .}}
    <p>  {{template "p" .}}</p>
  {{else}}
    <pre>
  none
    </pre>
  {{end}}
</div>`
	run := func(data any) string {
		set := template.Must(template.New("t").Parse(src))
		compact(set)
		var buf bytes.Buffer
		require.NoError(t, set.Execute(&buf, data))
		return buf.String()
	}
	assert.Equal(t, "<div>\n\n<p>  \n<span>a\n  b</span>\n</p>\n\n</div>", run([]string{"a\n  b"}),
		"text from data is left as it is")
	assert.Equal(t, "<div>\n\n<pre>\n  none\n    </pre>\n\n</div>", run(nil))
}

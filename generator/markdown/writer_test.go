package markdown

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// written returns what write writes of source.
func written(t *testing.T, write func(util.BufWriter, []byte), source []byte) string {
	t.Helper()
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	write(w, source)
	require.NoError(t, w.Flush())
	return buf.String()
}

var textWriterCases = []struct {
	name, text, want, raw string
}{
	{"plain", "Talks in Istanbul, on 16 May.", "Talks in Istanbul, on 16 May.", "Talks in Istanbul, on 16 May."},
	{"not ASCII", "Київ і Львів — “so”", "Київ і Львів — “so”", "Київ і Львів — “so”"},
	{"empty", "", "", ""},
	{"special characters", `a < b > c & "d"`, "a &lt; b &gt; c &amp; &quot;d&quot;", "a &lt; b &gt; c &amp; &quot;d&quot;"},
	{"references", "&amp; &#65; &#x42; &copy; &nope;", "&amp; A B © &amp;nope;", "&amp;amp; &amp;#65; &amp;#x42; &amp;copy; &amp;nope;"},
	{"backslash escapes", `\* \a \\`, `* \a \`, `\* \a \\`},
	{"NUL", "a\x00b", "a\ufffdb", "a\ufffdb"},
}

func TestTextWriter(t *testing.T) {
	w := textWriter{html.DefaultWriter}
	for _, tt := range textWriterCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, written(t, w.Write, []byte(tt.text)), "Write")
			assert.Equal(t, tt.raw, written(t, w.RawWrite, []byte(tt.text)), "RawWrite")
		})
	}
}

// FuzzTextWriter holds textWriter to goldmark's own writer.
func FuzzTextWriter(f *testing.F) {
	for _, tt := range textWriterCases {
		f.Add([]byte(tt.text))
	}
	w := textWriter{html.DefaultWriter}
	f.Fuzz(func(t *testing.T, source []byte) {
		assert.Equal(t, written(t, html.DefaultWriter.Write, source), written(t, w.Write, source), "Write")
		assert.Equal(t, written(t, html.DefaultWriter.RawWrite, source), written(t, w.RawWrite, source), "RawWrite")
		assert.Equal(t, written(t, html.DefaultWriter.SecureWrite, source), written(t, w.SecureWrite, source), "SecureWrite")
	})
}

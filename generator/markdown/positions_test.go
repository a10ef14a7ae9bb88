package markdown

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLinkErrorPositions pins where errors about links are reported: at the
// "[" that opens the link, whatever its text holds.
func TestLinkErrorPositions(t *testing.T) {
	const hint = "\n\thint: link to another article by its file name, relative to this file: [see](other-article.md)"
	tests := []struct{ line, at string }{
		{"See [](gone.md) here.", "[](gone"},
		{"See [*it*](gone.md) here.", "[*it"},
		{"Some [[x](gone.md)] here.", "[x]"},
		{"An ![image](gone.md) here.", "![image"},
		{"[](gone.md) first.", "[](gone"},
	}
	for _, tt := range tests {
		_, _, msgs := convert(t, "Intro.\n"+tt.line+"\n")
		want := "content/articles/here.md:5:" + strconv.Itoa(col(tt.line, tt.at)) +
			": link to content/articles/gone.md, which is not an article of this site" + hint
		if tt.line[0:3] == "An " {
			assert.Empty(t, msgs, "images are not article links")
			continue
		}
		assert.Equal(t, []string{want}, msgs, tt.line)
	}
}

func TestPlainTextResolvesEntitiesAndEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"Q&amp;A":       "Q&A",
		`AT\&T \*x\*`:   "AT&T *x*",
		"&#1050;иїв":    "Київ",
		"`a &amp; b` c": "a &amp; b c",
	} {
		n, src := parse(in)
		assert.Equal(t, want, PlainText(n, src), in)
	}
}

func TestHeadingIDsKeepEveryScript(t *testing.T) {
	_, d, _ := convert(t, "## Що погодили\n\n## Café au lait\n\n## What was agreed?\n\n## What was agreed?\n\n## ???\n")
	var ids []string
	for _, h := range d.Headings {
		ids = append(ids, h.ID)
	}
	assert.Equal(t, []string{"що-погодили", "café-au-lait", "what-was-agreed", "what-was-agreed-1", "heading"}, ids)
}

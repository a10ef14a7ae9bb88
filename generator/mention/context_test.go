package mention

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func TestEndsSentence(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", false},
		{"word", false},
		{"word,", false},
		{"end.", true},
		{"what?", true},
		{"stop!", true},
		{"and so…", true},
		{`he said "go."`, true},
		{"he said “go.”", true},
		{"(see above.)", true},
		{"[sic.]", true},
		{"«fin.»", true},
		{"it's", false},
		{"quoted”", false},
		{"The U.S.", false},
		{"J.", false},
		{"by J.", false},
		{"in May.", true},
		{"ÉTÉ.", true},
		{"Ž.", false},
		{"\xffA.", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, endsSentence(tt.s), "%q", tt.s)
		assert.Equal(t, endsSentenceRunes(tt.s), endsSentence(tt.s), "%q against the rune-by-rune reading", tt.s)
	}
}

// BenchmarkSentenceBounds finds the sentence around ten places in four
// copies of two sentences of the corpus's kind.
func BenchmarkSentenceBounds(b *testing.B) {
	text := strings.Repeat("Local officials said that the talks would resume after a short pause, but the mood was tense. "+
		"Yusuf Şenanström, who has followed the process from the start, reported that the last round ended without a joint statement. ", 4)
	var at []int
	for i := 0; i < len(text); i += 97 {
		for !utf8.RuneStart(text[i]) {
			i++
		}
		at = append(at, i)
	}
	for b.Loop() {
		for _, i := range at {
			sentenceBounds(text, i, i)
		}
	}
}

// FuzzSentenceBounds holds sentenceBounds and endsSentence, which read ASCII
// a byte at a time, to the same rules read rune by rune.
func FuzzSentenceBounds(f *testing.F) {
	for _, s := range []string{
		"One. Two Kyiv three. Four.", "The U.S. envoy met Kyiv officials. Next.", "“Go.” Kyiv said so?” Then.",
		"a.\tb!\nc?\rd\u00a0e.\u2003f. (g.) [h.] «i.» “j.” 'k.' \"l.\"", "\xff. x\xfe \x85y.\u0085z", "É. Ž. x.",
	} {
		f.Add(s, 5, 2)
	}
	f.Fuzz(func(t *testing.T, text string, start, n int) {
		if len(text) == 0 {
			return
		}
		start = min(max(start, 0), len(text))
		end := min(start+max(n, 0), len(text))
		for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		s, e := sentenceBounds(text, start, end)
		ws, we := sentenceBoundsRunes(text, start, end)
		if s != ws || e != we {
			t.Fatalf("sentenceBounds(%q, %d, %d) = %d, %d; rune by rune %d, %d", text, start, end, s, e, ws, we)
		}
		for i := 0; i <= len(text); i++ {
			if got, want := endsSentence(text[:i]), endsSentenceRunes(text[:i]); got != want {
				t.Fatalf("endsSentence(%q) = %v, rune by rune %v", text[:i], got, want)
			}
		}
	})
}

// sentenceBoundsRunes is sentenceBounds reading every character as a rune.
func sentenceBoundsRunes(text string, start, end int) (int, int) {
	s := start
	for s > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsSpace(r) && endsSentenceRunes(text[:s-size]) {
			break
		}
		s -= size
	}
	e := end
	for e < len(text) {
		r, size := utf8.DecodeRuneInString(text[e:])
		if unicode.IsSpace(r) && endsSentenceRunes(text[:e]) {
			break
		}
		e += size
	}
	return s, e
}

// blockContexts is a transformer that runs after the mention transformer
// and finds every mention's context as a walk of the whole document does:
// the sentence around it in the text of its block (see sentenceAround),
// for every block of inline content. It is the reference for
// FuzzContextBlocks; contexts visits only the blocks that hold mentions.
type blockContexts struct{ got *[][3]string }

func (r blockContexts) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	found := map[int][3]string{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.FirstChild() == nil || n.FirstChild().Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		b, spans := appendInline(nil, nil, n, src)
		for _, s := range spans {
			before, after := sentenceAround(string(b), s.start, s.end)
			found[s.i] = [3]string{before, string(b[s.start:s.end]), after}
		}
		return ast.WalkSkipChildren, nil
	})
	*r.got = make([][3]string, len(found))
	for i, f := range found {
		if i < len(*r.got) {
			(*r.got)[i] = f
		}
	}
}

// FuzzContextBlocks holds the mentions' contexts to those a walk of the
// whole document finds.
func FuzzContextBlocks(f *testing.F) {
	for _, s := range []string{
		"Medinsky spoke in Istanbul. Then Putin did.\n\n- Umerov.\n- In *Kyiv*, [Fidan](x) spoke.\n\n> Then Medinsky left.\n",
		"| a | b |\n|-|-|\n| Kyiv | Medinsky said so. |\n\n# Kyiv\n\nText[^1].\n\n[^1]: Umerov in a note.\n",
		"1. Kyiv\n   - Putin\n\n     Medinsky\n\n<div>\nKyiv\n</div>\n\nA [Kyiv](glossary:kyiv) ref.",
	} {
		f.Add(s)
	}
	var diags diag.List
	m := NewMatcher(testEntries, &diags)
	var want [][3]string
	conv := markdown.New(
		markdown.WithTransformer(NewTransformer(m), 200),
		markdown.WithTransformer(blockContexts{&want}, 250),
		markdown.WithNodeRenderer(Renderer{}, 100),
	)
	f.Fuzz(func(t *testing.T, md string) {
		src := []byte("---\n---\n" + md)
		var diags diag.List
		doc := &markdown.Doc{File: content.File{Path: "a.md", Source: src, Lines: diag.NewLines(src)},
			Page: urls.Article("a"), Site: siteStub{}, Diags: &diags}
		res := Prepare(doc, Options{Policy: config.AutolinkAll})
		want = nil
		_, err := conv.Convert(doc)
		require.NoError(t, err)
		require.Len(t, want, len(res.Mentions))
		for i, m := range res.Mentions {
			assert.Equal(t, want[i], [3]string{m.Before, m.Text, m.After}, "mention %d in %q", i, md)
		}
	})
}

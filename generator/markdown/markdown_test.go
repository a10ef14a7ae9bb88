package markdown

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// site resolves article files to pages.
type site map[string]string

func (s site) ArticlePage(p string) (string, bool) {
	page, ok := s[p]
	return page, ok
}

var testSite = site{
	"content/articles/talks.md":         "articles/talks/",
	"content/articles/2025/summit.md":   "articles/summit/",
	"content/articles/2025/deep/a b.md": "articles/a-b/",
	"content/articles/top.md":           "articles/top-story/",
}

const frontMatter = "---\ntitle: x\n---\n"

// doc makes a Doc for the article at path whose body is body, below a
// small front matter.
func doc(path, body string) (*Doc, *diag.List) {
	src := []byte(frontMatter + body)
	diags := &diag.List{}
	return &Doc{
		File:  content.File{Path: path, Source: src, BodyOffset: len(frontMatter), Lines: diag.NewLines(src)},
		Page:  "articles/here/",
		Site:  testSite,
		Diags: diags,
	}, diags
}

func convert(t *testing.T, body string, opts ...Option) (string, *Doc, []string) {
	t.Helper()
	d, diags := doc("content/articles/here.md", body)
	html, err := New(opts...).Convert(d)
	require.NoError(t, err)
	var msgs []string
	for _, x := range diags.Sorted() {
		msgs = append(msgs, x.String())
	}
	return string(html), d, msgs
}

func TestConvertGFM(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"table", "| a | b |\n|---|--:|\n| 1 | 2 |\n",
			[]string{"<table>", "<th>a</th>", `<td align="right">2</td>`, "</table>"}},
		{"strikethrough", "~~gone~~ here\n", []string{"<p><del>gone</del> here</p>"}},
		{"footnote", "Claim[^1].\n\n[^1]: The source.\n", []string{
			`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
			`<li id="fn:1">`, "The source.",
		}},
		{"autolink", "See https://example.org now.\n", []string{`<a href="https://example.org">https://example.org</a>`}},
		{"task list", "- [x] done\n", []string{`<input checked="" disabled="" type="checkbox" />`}},
		{"xhtml void elements", "a  \nb\n", []string{"a<br />\nb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, _, msgs := convert(t, tt.md)
			assert.Empty(t, msgs)
			for _, w := range tt.want {
				assert.Contains(t, html, w)
			}
		})
	}
}

func TestConvertLeavesOutFrontMatter(t *testing.T) {
	html, _, _ := convert(t, "Body.\n")
	assert.Equal(t, "<p>Body.</p>\n", html)
}

func TestTypographerWritesCharacters(t *testing.T) {
	html, _, _ := convert(t, "\"Quoted\" and 'single' -- it's... <<guillemets>> --- end\n")
	assert.Equal(t, "<p>“Quoted” and ‘single’ – it’s… «guillemets» — end</p>\n", html)
	assert.NotContains(t, html, "&")
}

func TestHeadingsAreRecorded(t *testing.T) {
	html, d, _ := convert(t, "# Title\n\n## What was *agreed*\n\n## What was agreed\n\n### `code` & more\n")
	assert.Equal(t, []Heading{
		{Level: 1, ID: "title", Text: "Title"},
		{Level: 2, ID: "what-was-agreed", Text: "What was agreed"},
		{Level: 2, ID: "what-was-agreed-1", Text: "What was agreed"},
		{Level: 3, ID: "code-more", Text: "code & more"},
	}, d.Headings)
	assert.Contains(t, html, `<h2 id="what-was-agreed-1">What was agreed</h2>`)
}

func TestLinksToArticlesAreRewritten(t *testing.T) {
	tests := []struct {
		name, path, md, want string
		fragments            []Fragment
	}{
		{"same folder", "content/articles/here.md", "[x](talks.md)", `<a href="../talks/">x</a>`, nil},
		{"dot slash", "content/articles/here.md", "[x](./talks.md)", `<a href="../talks/">x</a>`, nil},
		{"into a sub-folder", "content/articles/here.md", "[x](2025/summit.md)", `<a href="../summit/">x</a>`, nil},
		{"out of a sub-folder", "content/articles/2025/summit.md", "[x](../talks.md)", `<a href="../talks/">x</a>`, nil},
		{"two levels up", "content/articles/2025/deep/x.md", "[x](../../top.md)", `<a href="../top-story/">x</a>`, nil},
		{"escaped space", "content/articles/2025/x.md", "[x](deep/a%20b.md)", `<a href="../a-b/">x</a>`, nil},
		{"angle brackets with a space", "content/articles/2025/x.md", "[x](<deep/a b.md>)", `<a href="../a-b/">x</a>`, nil},
		{"with a fragment", "content/articles/here.md", "[x](talks.md#what-was-agreed)",
			`<a href="../talks/#what-was-agreed">x</a>`,
			[]Fragment{{Page: "articles/talks/", ID: "what-was-agreed", Offset: len(frontMatter), Line: 4, Col: 1}}},
		{"own fragment", "content/articles/here.md", "[x](#notes)", `<a href="#notes">x</a>`,
			[]Fragment{{Page: "articles/here/", ID: "notes", Offset: len(frontMatter), Line: 4, Col: 1}}},
		{"empty fragment is none", "content/articles/here.md", "[x](talks.md#)", `<a href="../talks/">x</a>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, diags := doc(tt.path, tt.md+"\n")
			html, err := New().Convert(d)
			require.NoError(t, err)
			assert.Empty(t, diags.Sorted())
			assert.Equal(t, "<p>"+tt.want+"</p>\n", string(html))
			assert.Equal(t, tt.fragments, d.Fragments)
		})
	}
}

func TestOtherLinksAreLeftAlone(t *testing.T) {
	for _, dest := range []string{
		"https://example.org/x.md", "/talks.md", "//example.org/a.md", "image.png", "notes.txt", "mailto:a@example.org",
		"glossary:kyiv", "talks.markdown", "../assets/file.pdf",
	} {
		t.Run(dest, func(t *testing.T) {
			html, d, msgs := convert(t, "[x]("+dest+")\n")
			assert.Empty(t, msgs)
			assert.Empty(t, d.Fragments)
			assert.Equal(t, `<p><a href="`+dest+`">x</a></p>`+"\n", html)
		})
	}
}

func TestImagesAreNotLinks(t *testing.T) {
	html, _, msgs := convert(t, "![a map](missing.md)\n")
	assert.Empty(t, msgs)
	assert.Contains(t, html, `<img src="missing.md" alt="a map" />`)
}

// col is the 1-based column of the first occurrence of sub in line.
func col(line, sub string) int {
	return utf8.RuneCountInString(line[:strings.Index(line, sub)]) + 1
}

func TestLinksToMissingArticlesAreReported(t *testing.T) {
	const hint = "\n\thint: link to another article by its file name, relative to this file: [see](other-article.md)"
	line1 := "Intro text."
	line2 := "As [we wrote](old.md) and [Київ це](2025/gone.md#x) say."
	line3 := "Also **[bold link](nope.md)**."
	html, d, msgs := convert(t, line1+"\n"+line2+"\n"+line3+"\n")
	assert.Equal(t, []string{
		"content/articles/here.md:5:" + strconv.Itoa(col(line2, "[we")) + ": link to content/articles/old.md, which is not an article of this site" + hint,
		"content/articles/here.md:5:" + strconv.Itoa(col(line2, "[Київ")) + ": link to content/articles/2025/gone.md, which is not an article of this site" + hint,
		"content/articles/here.md:6:" + strconv.Itoa(col(line3, "[bold")) + ": link to content/articles/nope.md, which is not an article of this site" + hint,
	}, msgs)
	assert.Empty(t, d.Fragments, "no fragment is recorded for a page that does not exist")
	assert.Contains(t, html, `<a href="old.md">we wrote</a>`, "the link is left as written")
}

func TestRawHTML(t *testing.T) {
	md := "Raw <b onclick=\"x()\">bold</b>.\n\n<script>alert(1)</script>\n"
	html, _, _ := convert(t, md)
	assert.NotContains(t, html, "<b")
	assert.NotContains(t, html, "<script")
	assert.Contains(t, html, "<!-- raw HTML omitted -->")
	assert.Contains(t, html, "bold")

	html, _, _ = convert(t, md, WithUnsafeHTML(false))
	assert.NotContains(t, html, "<script")

	html, _, _ = convert(t, md, WithUnsafeHTML(true))
	assert.Contains(t, html, `<b onclick="x()">bold</b>`)
	assert.Contains(t, html, "<script>alert(1)</script>")
}

func TestDangerousURLsAreDropped(t *testing.T) {
	html, _, _ := convert(t, "[x](javascript:alert(1))\n")
	assert.NotContains(t, html, "javascript:")
}

func TestBlankFrontMatter(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		bodyOffset int
		want       string
	}{
		{"blanks the front matter and its fences", "---\ntitle: x\ndate: y\n---\nbody\n", 25,
			"   \n        \n       \n   \nbody\n"},
		{"keeps multi-byte lengths", "---\nt: Київ\n---\nb", 19, "   \n           \n   \nb"},
		{"empty front matter", "---\n---\nbody", 8, "   \n   \nbody"},
		{"body at end of file without newline", "---\na: 1\n---", 12, "   \n    \n   "},
		{"no body offset", "---\na: 1\n---\n", 0, "---\na: 1\n---\n"},
		{"offset past the end", "---\na: 1\n---\n", 99, "---\na: 1\n---\n"},
		{"negative offset", "---\na: 1\n---\n", -1, "---\na: 1\n---\n"},
		{"blank lines kept as lines", "---\na: 1\n\nb: 2\n---\nx", 18, "   \n    \n\n    \n   \nx"},
		{"fence with trailing spaces", "---  \na: 1\n---\t\nx", 16, "     \n    \n    \nx"},
		{"carriage returns blanked, line feeds kept", "---\r\na: 1\r\n---\r\nx", 16, "    \n     \n    \nx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			got := blankFrontMatter(src, tt.bodyOffset)
			assert.Equal(t, tt.want, string(got))
			assert.Len(t, got, len(src), "every offset stays the same")
			assert.Equal(t, tt.src, string(src), "the source is not changed")
			blankInPlace(src, tt.bodyOffset)
			assert.Equal(t, tt.want, string(src), "in place")
		})
	}
}

func TestConvertPositionsAfterFrontMatter(t *testing.T) {
	// A long front matter with multi-byte text: positions in the body stay
	// those of the file.
	fm := "---\ntitle: Переговори в Стамбулі\nsummary: \"Long — really\"\n---\n"
	body := "Text.\n\nSee [it](gone.md).\n"
	src := []byte(fm + body)
	diags := &diag.List{}
	d := &Doc{File: content.File{Path: "content/articles/a.md", Source: src, BodyOffset: len(fm), Lines: diag.NewLines(src)},
		Page: "articles/a/", Site: testSite, Diags: diags}
	html, err := New().Convert(d)
	require.NoError(t, err)
	assert.Equal(t, "<p>Text.</p>\n<p>See <a href=\"gone.md\">it</a>.</p>\n", string(html))
	require.Len(t, diags.Sorted(), 1)
	got := diags.Sorted()[0]
	assert.Equal(t, []int{7, 5}, []int{got.Line, got.Col})
}

func TestDocOf(t *testing.T) {
	assert.Nil(t, DocOf(parser.NewContext()))
	pc := parser.NewContext()
	d := &Doc{}
	pc.Set(docKey, d)
	assert.Same(t, d, DocOf(pc))
}

// recordingTransformer checks that added transformers run after link
// resolution and see their document.
type recordingTransformer struct{ seen *[]string }

func (r recordingTransformer) Transform(root *ast.Document, _ text.Reader, pc parser.Context) {
	d := DocOf(pc)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			*r.seen = append(*r.seen, d.File.Path+" "+string(l.Destination))
		}
		return ast.WalkContinue, nil
	})
}

func TestWithTransformerRunsAfterLinks(t *testing.T) {
	var seen []string
	d, _ := doc("content/articles/here.md", "[x](talks.md)\n")
	_, err := New(WithTransformer(recordingTransformer{&seen}, 500)).Convert(d)
	require.NoError(t, err)
	assert.Equal(t, []string{"content/articles/here.md ../talks/"}, seen)
}

// parse parses md with the converter's full parser, without a Doc.
func parse(md string) (ast.Node, []byte) {
	src := []byte(md)
	return New().full.Parser().Parse(text.NewReader(src)), src
}

func find(root ast.Node, kind ast.NodeKind) ast.Node {
	var found ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && found == nil && n.Kind() == kind {
			found = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func TestNodeOffset(t *testing.T) {
	tests := []struct {
		name string
		md   string
		kind ast.NodeKind
		want string // the source from the offset on starts with this
	}{
		{"paragraph", "\n\nHello world\n", ast.KindParagraph, "Hello"},
		{"heading", "Intro\n\n## Head\n", ast.KindHeading, "Head"},
		{"link steps back over the bracket", "Text [link](a.md)\n", ast.KindLink, "[link]"},
		{"image steps back over !", "Text ![alt](a.png)\n", ast.KindImage, "![alt]"},
		{"emphasis", "Some *word* here\n", ast.KindEmphasis, "word"},
		{"text", "Plain\n", ast.KindText, "Plain"},
		{"code span", "A `code` span\n", ast.KindCodeSpan, "code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, src := parse(tt.md)
			n := find(root, tt.kind)
			require.NotNil(t, n)
			off := NodeOffset(n, src)
			require.GreaterOrEqual(t, off, 0)
			assert.True(t, strings.HasPrefix(string(src[off:]), tt.want), "offset %d: %q", off, src[off:])
		})
	}
}

func TestNodeOffsetWithoutText(t *testing.T) {
	root, src := parse("Text\n\n***\n")
	n := find(root, ast.KindThematicBreak)
	require.NotNil(t, n)
	assert.Equal(t, -1, NodeOffset(n, src))
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		md, want string
	}{
		{"Hello *big* **bold** world\n", "Hello big bold world"},
		{"Soft\nline break\n", "Soft line break"},
		{"Hard  \nbreak\n", "Hard break"},
		{"A `code` span and [a link](x.md)\n", "A code span and a link"},
		{"Raw <b>html</b> gone\n", "Raw html gone"},
		{"\"Quotes\" -- typographer\n", "“Quotes” – typographer"},
		{"Київ і Львів\n", "Київ і Львів"},
	}
	for _, tt := range tests {
		t.Run(tt.md, func(t *testing.T) {
			root, src := parse(tt.md)
			p := find(root, ast.KindParagraph)
			require.NotNil(t, p)
			assert.Equal(t, tt.want, PlainText(p, src))
		})
	}
}

func TestConverterIsSafeForConcurrentUse(t *testing.T) {
	c := New()
	done := make(chan string, 8)
	for range 8 {
		go func() {
			d, _ := doc("content/articles/here.md", "# Head\n\n[x](talks.md)\n")
			html, err := c.Convert(d)
			if err != nil {
				done <- err.Error()
				return
			}
			done <- string(html)
		}()
	}
	for range 8 {
		assert.Equal(t, "<h1 id=\"head\">Head</h1>\n<p><a href=\"../talks/\">x</a></p>\n", <-done)
	}
}

func TestConvertWith(t *testing.T) {
	const body = "## Head\n\nText with *emphasis* and [a link](talks.md).\n"
	want, _, _ := convert(t, body)
	c := New()
	d, _ := doc("content/articles/here.md", body)
	var got []string
	require.NoError(t, c.ConvertWith(d, func(html []byte) error {
		got = append(got, string(html))
		return nil
	}))
	assert.Equal(t, []string{want}, got, "use gets the body once, as Convert returns it")

	stop := errors.New("disk full")
	d, _ = doc("content/articles/here.md", body)
	assert.ErrorIs(t, c.ConvertWith(d, func([]byte) error { return stop }), stop, "use's error comes back")
}

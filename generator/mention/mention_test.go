package mention

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// entry makes a test entry; the first name is its name, the rest aliases.
func entry(id string, names ...string) *content.Entry {
	e := &content.Entry{ID: id, Name: names[0], Kind: content.KindPerson, MatchCase: true,
		File: content.File{Path: "content/glossary/" + id + ".md"}}
	for i, n := range names {
		e.Aliases = append(e.Aliases, content.Alias{Text: n, Pos: content.Pos{Line: 2 + i, Col: 5}})
	}
	return e
}

var testEntries = []*content.Entry{
	entry("medinsky", "Vladimir Medinsky", "Medinsky", "Мединский"),
	entry("putin", "Vladimir Putin", "Putin"),
	entry("umerov", "Rustem Umerov", "Umerov"),
	entry("fidan", "Hakan Fidan", "Fidan", "Turkish Foreign Minister Hakan Fidan"),
	entry("kyiv", "Kyiv"),
	entry("istanbul", "Istanbul", "İstanbul"),
	entry("erdogan", "Recep Tayyip Erdoğan", "Erdoğan"),
	entry("new-york", "New York"),
	entry("york-university", "York University"),
	entry("ivoire", "Côte d'Ivoire"),
	func() *content.Entry { e := entry("kremlin", "Kremlin"); e.MatchCase = false; return e }(),
}

type siteStub struct{}

func (siteStub) ArticlePage(string) (string, bool) { return "", false }

// convert renders md with the mention transformer and returns the HTML in
// a compact form: [text](id) for linked mentions, {text}(id) for the others.
func convert(t *testing.T, entries []*content.Entry, md string, opts Options, unsafe bool, mdOpts ...markdown.Option) (string, *Result, []string) {
	t.Helper()
	var diags diag.List
	m := NewMatcher(entries, &diags)
	conv := markdown.New(append([]markdown.Option{
		markdown.WithUnsafeHTML(unsafe),
		markdown.WithTransformer(NewTransformer(m), 200),
		markdown.WithNodeRenderer(Renderer{}, 100),
	}, mdOpts...)...)
	src := []byte(md)
	doc := &markdown.Doc{File: content.File{Path: "a.md", Source: src, Lines: diag.NewLines(src)},
		Page: urls.Article("a"), Site: siteStub{}, Diags: &diags}
	if opts.Policy == "" {
		opts.Policy = config.AutolinkFirst
	}
	if opts.Self == "" {
		opts.Cards = true
	}
	res := Prepare(doc, opts)
	html, err := conv.Convert(doc)
	require.NoError(t, err)
	var msgs []string
	for _, d := range diags.Sorted() {
		msgs = append(msgs, d.String())
	}
	return compact(string(html)), res, msgs
}

var (
	linkedRE = regexp.MustCompile(`<a class="mention" href="\.\./\.\./glossary/([a-z0-9-]+)/" data-entry="([a-z0-9-]+)" id="m-[a-z0-9-]+-\d+" aria-describedby="card-([a-z0-9-]+)">((?s).*?)</a>`)
	plainRE  = regexp.MustCompile(`<span class="mention-plain" id="m-[a-z0-9-]+-\d+" data-entry="([a-z0-9-]+)">((?s).*?)</span>`)
)

func compact(html string) string {
	html = linkedRE.ReplaceAllStringFunc(html, func(s string) string {
		m := linkedRE.FindStringSubmatch(s)
		if m[1] != m[2] || m[2] != m[3] {
			return "MISMATCHED" + s
		}
		return "[" + m[4] + "](" + m[1] + ")"
	})
	html = plainRE.ReplaceAllString(html, "{$2}($1)")
	html = strings.TrimSpace(html)
	html = strings.TrimPrefix(html, "<p>")
	html = strings.TrimSuffix(html, "</p>")
	return html
}

// TestMentions is the specification of the mention matcher, one rule a row.
func TestMentions(t *testing.T) {
	tests := []struct {
		name, md, want string
		policy         string
	}{
		{"name", "Vladimir Medinsky spoke.", "[Vladimir Medinsky](medinsky) spoke.", ""},
		{"surname alias", "Medinsky spoke.", "[Medinsky](medinsky) spoke.", ""},
		{"longest wins", "Then Vladimir Medinsky and Vladimir Putin.", "Then [Vladimir Medinsky](medinsky) and [Vladimir Putin](putin).", ""},
		{"long alias of its own", "Turkish Foreign Minister Hakan Fidan opened.", "[Turkish Foreign Minister Hakan Fidan](fidan) opened.", ""},
		{"leftmost then longest, no overlap", "New York University", "[New York](new-york) University", ""},
		{"first mention linked by default", "Medinsky met Umerov. Medinsky left.", "[Medinsky](medinsky) met [Umerov](umerov). {Medinsky}(medinsky) left.", ""},
		{"all", "Medinsky met Medinsky.", "[Medinsky](medinsky) met [Medinsky](medinsky).", config.AutolinkAll},
		{"none", "Medinsky met Umerov.", "{Medinsky}(medinsky) met {Umerov}(umerov).", config.AutolinkNone},
		{"possessive straight", "Putin's team", "[Putin](putin)’s team", ""},
		{"possessive curly", "Putin’s team", "[Putin](putin)’s team", ""},
		{"not inside a longer word", "Kyivan and Kyivs", "Kyivan and Kyivs", ""},
		{"not after a letter", "preKyiv", "preKyiv", ""},
		{"hyphen is a boundary", "Kyiv-based", "[Kyiv](kyiv)-based", ""},
		{"digits are word characters", "Kyiv2", "Kyiv2", ""},
		{"Cyrillic", "Мединский приехал.", "[Мединский](medinsky) приехал.", ""},
		{"Cyrillic inside a word", "Мединскийя", "Мединскийя", ""},
		{"Turkish letters", "Erdoğan spoke.", "[Erdoğan](erdogan) spoke.", ""},
		{"Turkish dotted capital I", "İstanbul is big.", "[İstanbul](istanbul) is big.", ""},
		{"NFD text matches NFC alias", "Erdog\u0306an spoke.", "[Erdog\u0306an](erdogan) spoke.", ""},
		{"combining mark after is a word character", "Kyiv\u0301", "Kyiv\u0301", ""},
		{"typographer apostrophe in alias", "Côte d'Ivoire and Côte d’Ivoire", "[Côte d’Ivoire](ivoire) and {Côte d’Ivoire}(ivoire)", ""},
		{"soft line break inside a name", "Vladimir\nMedinsky spoke.", "[Vladimir\nMedinsky](medinsky) spoke.", ""},
		{"a line break after a name stays outside", "Kyiv\nand", "[Kyiv](kyiv)\nand", ""},
		{"so does one after a space", "Kyiv \nand", "[Kyiv](kyiv)\nand", ""},
		{"and a hard line break", "Kyiv\\\nand", "[Kyiv](kyiv)<br />\nand", ""},
		{"several spaces inside a name", "Vladimir   Medinsky", "[Vladimir   Medinsky](medinsky)", ""},
		{"no-break space inside a name", "Vladimir\u00a0Medinsky", "[Vladimir\u00a0Medinsky](medinsky)", ""},
		{"never across emphasis", "Vladimir *Medinsky*", "Vladimir <em>[Medinsky](medinsky)</em>", ""},
		{"inside emphasis", "*Vladimir Medinsky*", "<em>[Vladimir Medinsky](medinsky)</em>", ""},
		{"inside strong and list", "- **Umerov** led", "<ul>\n<li><strong>[Umerov](umerov)</strong> led</li>\n</ul>", ""},
		{"not in code spans", "`Medinsky` and Umerov", "<code>Medinsky</code> and [Umerov](umerov)", ""},
		{"not in links", "[Medinsky](https://example.org) and Medinsky", `<a href="https://example.org">Medinsky</a> and [Medinsky](medinsky)`, ""},
		{"not in autolinks", "<https://kyiv.example>", `<a href="https://kyiv.example">https://kyiv.example</a>`, ""},
		{"not in images", "![Kyiv](k.png)", `<img src="k.png" alt="Kyiv" />`, ""},
		{"not in headings", "# Kyiv\n\nKyiv", "<h1 id=\"kyiv\">Kyiv</h1>\n<p>[Kyiv](kyiv)", ""},
		{"not in code blocks", "```\nKyiv\n```", "<pre><code>Kyiv\n</code></pre>", ""},
		{"case as written", "kyiv and KYIV", "kyiv and KYIV", ""},
		{"match_case false", "the kremlin said", "the [kremlin](kremlin) said", ""},
		{"explicit reference", "[the capital](glossary:kyiv) and Kyiv", "[the capital](kyiv) and {Kyiv}(kyiv)", ""},
		{"explicit reference with none", "[the capital](glossary:kyiv) and Kyiv", "[the capital](kyiv) and {Kyiv}(kyiv)", config.AutolinkNone},
		{"explicit reference keeps markup", "[*Kyiv*](glossary:kyiv)", "[<em>Kyiv</em>](kyiv)", ""},
		{"in a table cell", "| a |\n|---|\n| Kyiv |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>[Kyiv](kyiv)</td>\n</tr>\n</tbody>\n</table>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The same with the full parse, where goldmark cuts the
			// text nodes in other places.
			for _, full := range []bool{false, true} {
				got, _, diags := convert(t, testEntries, tt.md, Options{Policy: tt.policy}, false,
					markdown.WithFullParse(full))
				assert.Empty(t, diags)
				assert.Equal(t, tt.want, got, "full parse: %v", full)
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	got, _, _ := convert(t, testEntries, `<a href="x">Kyiv</a> and <b>Umerov</b> then Kyiv<br>Medinsky`, Options{}, true)
	assert.Equal(t, `<a href="x">Kyiv</a> and <b>Umerov</b> then [Kyiv](kyiv)<br>[Medinsky](medinsky)`, got)
	got, _, _ = convert(t, testEntries, "<div>\nKyiv\n</div>\n\nKyiv", Options{}, true)
	assert.Equal(t, "<div>\nKyiv\n</div>\n<p>[Kyiv](kyiv)", got)
}

func TestSelfMentionsOnEntryPages(t *testing.T) {
	got, res, _ := convert(t, testEntries, "Kyiv is near Istanbul? No.", Options{Self: "kyiv"}, false)
	assert.Equal(t, `Kyiv is near <a class="mention-link" href="../../glossary/istanbul/">Istanbul</a>? No.`, got, "a plain link: entry pages hold no cards")
	require.Len(t, res.Mentions, 1)
}

func TestMentionRecords(t *testing.T) {
	md := "Intro.\n\nTalks began. Then Vladimir\nMedinsky's team met Umerov in Istanbul. Medinsky left!\n"
	_, res, _ := convert(t, testEntries, md, Options{}, false)
	var got []string
	for _, m := range res.Mentions {
		got = append(got, strings.Join([]string{m.ID, m.Entry.ID, boolStr(m.Linked), m.Before, "|" + m.Text + "|", m.After}, " / "))
	}
	assert.Equal(t, []string{
		"m-medinsky-1 / medinsky / linked / Then  / |Vladimir Medinsky| / ’s team met Umerov in Istanbul.",
		"m-umerov-1 / umerov / linked / Then Vladimir Medinsky’s team met  / |Umerov| /  in Istanbul.",
		"m-istanbul-1 / istanbul / linked / Then Vladimir Medinsky’s team met Umerov in  / |Istanbul| / .",
		"m-medinsky-2 / medinsky / plain /  / |Medinsky| /  left!",
	}, got)
	assert.Equal(t, 8+len("Talks began. Then "), res.Mentions[0].Offset, "offset of the first mention in the file")
	assert.Equal(t, 0, res.Mentions[0].Alias, "matched the name")
	assert.Equal(t, 1, res.Mentions[3].Alias, "matched the surname alias")
}

// TestMentionRecordsAcrossBlocks: each block's text is built in a buffer
// reused for the next block; what mentions keep of it must not change
// when the next block is read.
func TestMentionRecordsAcrossBlocks(t *testing.T) {
	md := "Medinsky spoke at length in Istanbul.\n\n- Umerov.\n\n> Then Medinsky left, and nobody else said a thing.\n"
	_, res, _ := convert(t, testEntries, md, Options{}, false)
	var got []string
	for _, m := range res.Mentions {
		got = append(got, m.Before+"|"+m.Text+"|"+m.After)
	}
	assert.Equal(t, []string{
		"|Medinsky| spoke at length in Istanbul.",
		"Medinsky spoke at length in |Istanbul|.",
		"|Umerov|.",
		"Then |Medinsky| left, and nobody else said a thing.",
	}, got)
}

func boolStr(b bool) string {
	if b {
		return "linked"
	}
	return "plain"
}

func TestSentenceAround(t *testing.T) {
	tests := []struct{ text, mention, before, after string }{
		{"One. Two Kyiv three. Four.", "Kyiv", "Two ", " three."},
		{"The U.S. envoy met Kyiv officials. Next.", "Kyiv", "The U.S. envoy met ", " officials."},
		{"“Go.” Kyiv said so?” Then.", "Kyiv", "", " said so?”"},
		{"Kyiv", "Kyiv", "", ""},
		{strings.Repeat("a ", 200) + "Kyiv", "Kyiv", "…" + strings.TrimLeft(strings.Repeat("a ", 80), " "), ""},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.mention)
		before, after := sentenceAround(tt.text, i, i+len(tt.mention))
		assert.Equal(t, tt.before, before, tt.text)
		assert.Equal(t, tt.after, after, tt.text)
	}
}

func TestErrors(t *testing.T) {
	t.Run("unknown explicit reference", func(t *testing.T) {
		_, _, diags := convert(t, testEntries, "Intro.\n\nSee [x](glossary:nobody).", Options{}, false)
		assert.Equal(t, []string{"a.md:3:5: explicit reference to unknown glossary entry \"nobody\"\n\thint: entry ids are the file names in content/glossary, without .md"}, diags)
	})
	t.Run("alias claimed twice", func(t *testing.T) {
		_, _, diags := convert(t, []*content.Entry{entry("a", "Alpha", "Al"), entry("b", "Beta", "Al")}, "x", Options{}, false)
		assert.Equal(t, []string{"content/glossary/b.md:3:5: alias \"Al\" is claimed by both content/glossary/a.md and content/glossary/b.md\n\thint: a name must lead to one entry; keep it in one of them and use [text](glossary:id) where you mean the other"}, diags)
	})
	t.Run("same alias in other case is fine when both match case", func(t *testing.T) {
		_, _, diags := convert(t, []*content.Entry{entry("a", "Turkey"), entry("b", "turkey")}, "x", Options{}, false)
		assert.Empty(t, diags)
	})
	t.Run("case-insensitive alias conflicts with any case", func(t *testing.T) {
		b := entry("b", "turkey")
		b.MatchCase = false
		_, _, diags := convert(t, []*content.Entry{entry("a", "Turkey"), b}, "x", Options{}, false)
		require.Len(t, diags, 1)
		assert.Contains(t, diags[0], `alias "turkey" is claimed by both`)
	})
}

var linkTokens = regexp.MustCompile(`<a class="mention"|<a[\s>]|</a>`)

// FuzzMentions checks that no Markdown makes the transformer panic or emit
// nested or unbalanced links, and that it finds the same mentions in the
// text nodes of the full parse, which cuts them in other places (see
// markdown.WithFullParse).
func FuzzMentions(f *testing.F) {
	for _, s := range []string{
		"Vladimir Medinsky", "*Vladimir* Medinsky's", "[Kyiv](glossary:kyiv)", "`Kyiv`", "Kyiv\nKyiv",
		"[a [Kyiv](glossary:kyiv)](x)", "Erdog\u0306an", "İstanbul’s", "<a>Kyiv</a>", "| Kyiv |\n|-|\n| Kyiv |",
		"[Kyiv][r]\n\n[r]: glossary:kyiv", "**Kyiv**Kyiv", "Kyiv\\\nKyiv", "> Kyiv\n> Umerov",
		"Vladimir\nMedinsky went to Kyiv, see https://example.org/kyiv Kyiv", "(www.kyiv.ua) Umerov @Kyiv", "Kyiv, Kyiv. Medinsky's-Kyiv -- Kyiv... 'Kyiv'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		for _, unsafe := range []bool{false, true} {
			// Real files reach the converter with their front matter
			// validated; give the fuzzed body the same shape.
			html, res, msgs := convert(t, testEntries, "---\n---\n"+md, Options{Policy: config.AutolinkAll}, unsafe)
			// The full parse cuts the text nodes in other places: the
			// same mentions, in text that can reach
			// the transformer (the loader refuses files that are not
			// UTF-8).
			if utf8.ValidString(md) {
				html2, res2, msgs2 := convert(t, testEntries, "---\n---\n"+md, Options{Policy: config.AutolinkAll}, unsafe,
					markdown.WithFullParse(true))
				require.Equal(t, html2, html)
				require.Equal(t, res2, res)
				require.Equal(t, msgs2, msgs)
			}
			depth := 0
			for _, tok := range linkTokens.FindAllString(html, -1) {
				switch {
				case tok == "</a>":
					depth--
				case strings.HasPrefix(tok, `<a class="mention"`) && depth != 0:
					t.Fatalf("a mention inside a link in %q:\n%s", md, html)
				default:
					depth++
				}
				// With raw HTML on, the writer's own tags may be unbalanced;
				// only gloss's links are checked then.
				if !unsafe && (depth > 1 || depth < 0) {
					t.Fatalf("nested or unbalanced links in %q:\n%s", md, html)
				}
				depth = max(depth, 0)
			}
			if !unsafe && depth != 0 {
				t.Fatalf("unclosed link in %q:\n%s", md, html)
			}
		}
	})
}

func TestMentionContextsInLongSentences(t *testing.T) {
	// Mentions keep a copy of as much of their sentence as their context
	// can show; the context is the one sentenceAround gives on the whole
	// block.
	long := func(word string, n int) string { return strings.Repeat(word+" ", n) }
	tests := []struct{ name, text string }{
		{"ASCII, long on both sides", long("a", 400) + "Kyiv " + long("b", 400) + "end."},
		{"four-byte characters", long("𝒜", 170) + "Kyiv " + long("𝒝", 170) + "end."},
		{"just over the limit", long("é", 161) + "Kyiv" + " " + long("ü", 160) + "x."},
		{"two mentions in one long sentence", long("a", 300) + "Kyiv and Umerov " + long("b", 300) + "end."},
		{"short sentences around", "One. " + long("a", 10) + "Kyiv. Umerov " + long("b", 500)},
		{"a long run of spaces after", "Kyiv " + strings.Repeat("x", 100) + strings.Repeat(" ", 600) + "more words end."},
		{"a long run of spaces before", "Start " + strings.Repeat(" ", 600) + strings.Repeat("x", 100) + " Kyiv end."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res, _ := convert(t, testEntries, tt.text+"\n", Options{}, false)
			require.NotEmpty(t, res.Mentions)
			text := strings.TrimSpace(tt.text)
			for _, m := range res.Mentions {
				i := strings.Index(text, m.Text)
				require.GreaterOrEqual(t, i, 0, m.Text)
				before, after := sentenceAround(text, i, i+len(m.Text))
				assert.Equal(t, before, m.Before, m.ID)
				assert.Equal(t, after, m.After, m.ID)
			}
		})
	}
}

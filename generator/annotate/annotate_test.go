package annotate

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/mention"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

type siteStub struct{}

func (siteStub) ArticlePage(string) (string, bool) { return "", false }

var kyiv = &content.Entry{ID: "kyiv", Name: "Kyiv", Kind: content.KindPlace, MatchCase: true,
	Aliases: []content.Alias{{Text: "Kyiv"}}, File: content.File{Path: "content/glossary/kyiv.md"}}

// run converts md with the given annotations (quote, prefix, suffix; id
// note-N) and returns the compacted HTML, the result and the messages.
func run(t *testing.T, md string, anns ...*content.Annotation) (string, *Result, []string) {
	t.Helper()
	return runWith(t, nil, md, anns...)
}

// runWith is run with more converter options.
func runWith(t *testing.T, mdOpts []markdown.Option, md string, anns ...*content.Annotation) (string, *Result, []string) {
	t.Helper()
	var diags diag.List
	m := mention.NewMatcher([]*content.Entry{kyiv}, &diags)
	conv := markdown.New(append([]markdown.Option{
		markdown.WithTransformer(mention.NewTransformer(m), 200),
		markdown.WithTransformer(NewTransformer(NewNoteRenderer()), 300),
		markdown.WithNodeRenderer(mention.Renderer{}, 100),
		markdown.WithNodeRenderer(Renderer{}, 100),
	}, mdOpts...)...)
	src := []byte("---\n---\n" + md)
	doc := &markdown.Doc{File: content.File{Path: "a.md", Source: src, Lines: diag.NewLines(src), BodyOffset: 8},
		Page: urls.Article("a"), Site: siteStub{}, Diags: &diags}
	for i, a := range anns {
		if a.ID == "" {
			a.ID = "note-" + string(rune('1'+i))
		}
		if a.Kind == "" {
			a.Kind = content.NoteContext
		}
		if a.Note == "" {
			a.Note = "A note."
		}
		a.QuotePos = content.Pos{Line: 10 + i, Col: 12}
	}
	mention.Prepare(doc, mention.Options{Policy: config.AutolinkFirst, Cards: true})
	res := Prepare(doc, anns)
	html, err := conv.Convert(doc)
	require.NoError(t, err)
	var msgs []string
	for _, d := range diags.Sorted() {
		msgs = append(msgs, d.String())
	}
	return compactHTML(string(html)), res, msgs
}

var (
	markRE = regexp.MustCompile(`<mark class="anno anno-[a-z-]+" data-annotation="([a-z0-9-]+)">(?:<span class="visually-hidden">[^<]*</span>)?`)
	refRE  = regexp.MustCompile(`<a class="anno-ref" href="#([a-z0-9-]+)"[^>]*>\d+</a><span class="note[^"]*" id="[a-z0-9-]+"(?s:.*?)</span></span>(<span class="note-source">.*?</span>)?</span>`)
	mentRE = regexp.MustCompile(`<a class="mention"[^>]*>`)
)

// compactHTML writes highlights as ⟦id:…⟧, references with their notes as
// ^id, and mention links as <m>…</a>.
func compactHTML(h string) string {
	h = refRE.ReplaceAllString(h, "^$1")
	h = markRE.ReplaceAllString(h, "⟦$1:")
	h = strings.ReplaceAll(h, "</mark>", "⟧")
	h = mentRE.ReplaceAllString(h, "<m>")
	h = strings.TrimSpace(h)
	return strings.TrimSuffix(strings.TrimPrefix(h, "<p>"), "</p>")
}

func q(quote string) *content.Annotation { return &content.Annotation{Quote: quote} }

// TestAnchoring is the specification of how quotes are found and marked.
func TestAnchoring(t *testing.T) {
	tests := []struct {
		name string
		md   string
		anns []*content.Annotation
		want string
	}{
		{"plain", "The talks began in May.", []*content.Annotation{q("began in May")},
			"The talks ⟦note-1:began in May⟧^note-1."},
		{"across emphasis", "It was *not* a truce.", []*content.Annotation{q("was not a truce")},
			"It ⟦note-1:was ⟧<em>⟦note-1:not⟧</em>⟦note-1: a truce⟧^note-1."},
		{"across a link, reference after the link", "See [the full report](https://example.org) here.", []*content.Annotation{q("See the full")},
			`⟦note-1:See ⟧<a href="https://example.org">⟦note-1:the full⟧ report</a>^note-1 here.`},
		{"across a mention", "Officials from Kyiv arrived.", []*content.Annotation{q("from Kyiv arrived")},
			"Officials ⟦note-1:from ⟧<m>⟦note-1:Kyiv⟧</a>⟦note-1: arrived⟧^note-1."},
		{"ending inside a mention", "Officials from Kyiv arrived.", []*content.Annotation{q("from Ky")},
			"Officials ⟦note-1:from ⟧<m>⟦note-1:Ky⟧iv</a>^note-1 arrived."},
		{"straight quote matches typographic text", `He said "two paths" ahead.`, []*content.Annotation{q(`said "two paths"`)},
			"He ⟦note-1:said “two paths”⟧^note-1 ahead."},
		{"typographic quote matches straight text", "`x` Putin's team", []*content.Annotation{q("Putin’s team")},
			"<code>x</code> ⟦note-1:Putin’s team⟧^note-1"},
		{"white space folded across a line break", "a long\nline of text", []*content.Annotation{q("long  line")},
			"a ⟦note-1:long\nline⟧^note-1 of text"},
		{"prefix settles which", "one cat, two cat, red cat", []*content.Annotation{{Quote: "cat", Prefix: "two "}},
			"one cat, two ⟦note-1:cat⟧^note-1, red cat"},
		{"suffix settles which", "one cat, two cat, red cat", []*content.Annotation{{Quote: "cat", Suffix: ", red"}},
			"one cat, two ⟦note-1:cat⟧^note-1, red cat"},
		{"nested annotations", "a big red ball", []*content.Annotation{q("big red ball"), q("red")},
			"a ⟦note-1:big ⟦note-2:red⟧⟧^note-2⟦note-1: ball⟧^note-1"},
		{"two notes in one text", "a big red ball and a small blue cube", []*content.Annotation{q("big red"), q("blue cube")},
			"a ⟦note-1:big red⟧^note-1 ball and a small ⟦note-2:blue cube⟧^note-2"},
		{"a note ends in the text where the next begins", "a *big red* ball and a small cube", []*content.Annotation{q("red ball"), q("small")},
			"a <em>big ⟦note-1:red⟧</em>⟦note-1: ball⟧^note-1 and a ⟦note-2:small⟧^note-2 cube"},
		{"a note inside a later part of a nest", "one two three four five", []*content.Annotation{q("two three four"), q("four"), q("one")},
			"⟦note-3:one⟧^note-3 ⟦note-1:two three ⟦note-2:four⟧⟧^note-2^note-1 five"},
		{"notes numbered in reading order", "alpha beta", []*content.Annotation{q("beta"), q("alpha")},
			"⟦note-2:alpha⟧^note-2 ⟦note-1:beta⟧^note-1"},
		{"inside a code span highlights the whole span", "run `go test ./...` now", []*content.Annotation{q("go test")},
			"run ⟦note-1:<code>go test ./...</code>⟧^note-1 now"},
		{"across a code span", "`a` b", []*content.Annotation{q("a b")},
			"⟦note-1:<code>a</code> b⟧^note-1"},
		{"whitespace-only pieces are not wrapped", "x *a* *b* y", []*content.Annotation{q("a b")},
			"x <em>⟦note-1:a⟧</em> <em>⟦note-1:b⟧^note-1</em> y"},
		{"a line break at a note's end stays outside", "a b\nc", []*content.Annotation{q("a b")},
			"⟦note-1:a b⟧^note-1\nc"},
		{"so does one after a space", "a b \nc", []*content.Annotation{q("a b")},
			"⟦note-1:a b⟧^note-1\nc"},
		{"one highlight across a line break after a space", "a b \nc d", []*content.Annotation{q("b c")},
			"a ⟦note-1:b\nc⟧^note-1 d"},
		{"a note after two spaces leaves them out", "x  y", []*content.Annotation{{Quote: "y", Prefix: "x "}},
			"x  ⟦note-1:y⟧^note-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// With the full parse, goldmark cuts the text nodes in other
			// places: the same highlights.
			got, _, msgs := runWith(t, []markdown.Option{markdown.WithFullParse(true)}, tt.md, tt.anns...)
			assert.Empty(t, msgs)
			assert.Equal(t, tt.want, got, "full parse")
			got, res, msgs := run(t, tt.md, tt.anns...)
			assert.Empty(t, msgs)
			assert.Equal(t, tt.want, got)
			for _, n := range res.Notes {
				// The exported selectors select the quoted text.
				assert.Equal(t, n.Exact, string([]rune(res.Text)[n.Start:n.End]))
				assert.True(t, strings.HasSuffix(string([]rune(res.Text)[:n.Start]), n.Prefix))
				assert.True(t, strings.HasPrefix(string([]rune(res.Text)[n.End:]), n.Suffix))
			}
		})
	}
}

func TestAnchoringErrors(t *testing.T) {
	tests := []struct {
		name string
		md   string
		anns []*content.Annotation
		want []string
	}{
		{"not found, with a near match", "Ankara lies nearly 300 miles away.", []*content.Annotation{q("nearly 300 mile away")},
			[]string{"a.md:10:12: quote \"nearly 300 mile away\" not found in the article\n\thint: the nearest text is \"nearly 300 miles away\" (line 3)"}},
		{"not found, nothing near", "Ankara lies far away.", []*content.Annotation{q("completely different words")},
			[]string{"a.md:10:12: quote \"completely different words\" not found in the article\n\thint: copy the quote from the article as it reads"}},
		{"ambiguous", "cat\n\ncat and\ncat", []*content.Annotation{q("cat")},
			[]string{"a.md:10:12: quote \"cat\" occurs 3 times (line 3, line 5, line 6)\n\thint: add prefix: or suffix: with the text just before or after the one you mean"}},
		{"prefix matches none", "one cat, two cat", []*content.Annotation{{Quote: "cat", Prefix: "three "}},
			[]string{"a.md:10:12: quote \"cat\" occurs 2 times (line 3, line 3), but none with the given prefix and suffix\n\thint: prefix and suffix must be the text just before and just after the quote"}},
		{"never across blocks", "end of one.\n\nStart of two.", []*content.Annotation{q("one. Start")},
			[]string{"a.md:10:12: quote \"one. Start\" not found in the article\n\thint: the nearest text is \"one.\\nStart\" (line 3)"}},
		{"partial overlap", "a big red ball", []*content.Annotation{q("big red"), {Quote: "red ball", ID: "second"}},
			[]string{"a.md:11:12: annotation \"second\" overlaps annotation \"note-1\" partly\n\thint: annotations may nest, one inside another, but not overlap partly"}},
		{"note with a list", "text here", []*content.Annotation{{Quote: "text", Note: "- a\n- b"}},
			[]string{"a.md:10:12: a note may hold only paragraphs (no lists, headings, block quotes or code blocks)\n\thint: a note holds paragraphs of text, with emphasis, code and links"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, msgs := run(t, tt.md, tt.anns...)
			assert.Equal(t, tt.want, msgs)
		})
	}
}

func TestNoteMarkup(t *testing.T) {
	a := &content.Annotation{Quote: "May", Kind: content.NoteFactCheck, ID: "when",
		Note: "It was *16* May.\n\nSecond <b>para</b>.", Source: &content.Link{Title: "A & B", URL: "https://example.org/?a=1&b=2"}}
	var html string
	{
		var dl diag.List
		m := mention.NewMatcher(nil, &dl)
		conv := markdown.New(markdown.WithTransformer(mention.NewTransformer(m), 200),
			markdown.WithTransformer(NewTransformer(NewNoteRenderer()), 300), markdown.WithNodeRenderer(Renderer{}, 100))
		src := []byte("In May.")
		doc := &markdown.Doc{File: content.File{Path: "a.md", Source: src, Lines: diag.NewLines(src)}, Page: "articles/a/", Site: siteStub{}, Diags: &dl}
		Prepare(doc, []*content.Annotation{a})
		out, err := conv.Convert(doc)
		require.NoError(t, err)
		require.Empty(t, dl.Sorted())
		html = string(out)
	}
	assert.Equal(t, `<p>In <mark class="anno anno-fact-check" data-annotation="when"><span class="visually-hidden">Annotated text, note 1: </span>May</mark>`+
		`<a class="anno-ref" href="#when" id="ref-when" data-note="when" aria-label="end of annotated text; note 1, Fact check">1</a>`+
		`<span class="note note-fact-check" id="when" role="note" aria-label="Note 1"><span class="note-head"><span class="note-num">1</span> <span class="note-kind">Fact check</span></span> `+
		`<span class="note-body"><span class="note-p">It was <em>16</em> May.</span><span class="note-p">Second <!-- raw HTML omitted -->para<!-- raw HTML omitted -->.</span></span>`+
		`<span class="note-source">Source: <a href="https://example.org/?a=1&amp;b=2" rel="noopener">A &amp; B</a></span></span>.</p>`+"\n", html)
}

// FuzzAnchoring checks that no article text or quote makes anchoring panic,
// that an anchored quote's exported text is the quote, that highlights
// stay balanced and outside links' notes, and that the full parse anchors
// the same notes.
func FuzzAnchoring(f *testing.F) {
	for _, s := range [][3]string{
		{"It was *not* a truce.", "was not a", ""}, {"a [b](x) c", "a b", ""}, {"Kyiv's", "Kyiv’s", ""},
		{"x\n\ny", "x y", ""}, {"cat cat", "cat", "cat "}, {"**a**b**c**", "abc", ""}, {"`a` b", "a b", ""},
		{"Erdog\u0306an", "Erdoğan", ""}, {"a  b", "a b", "a"}, {"It was, at best. A half-step -- or less...", "best. A half-step – or", ""},
		{"See Kyiv\nand https://example.org/a then\nKyiv again.", "and https://example.org/a then Kyiv", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, md, quote, prefix string) {
		a := &content.Annotation{Quote: quote, Prefix: prefix}
		html, res, msgs := run(t, md, a)
		// The full parse cuts the text nodes in other places (see
		// markdown.WithFullParse): the same notes,
		// in text that can reach the transformer (the loader refuses
		// files that are not UTF-8).
		if utf8.ValidString(md) && utf8.ValidString(quote) && utf8.ValidString(prefix) {
			html2, res2, msgs2 := runWith(t, []markdown.Option{markdown.WithFullParse(true)}, md,
				&content.Annotation{Quote: quote, Prefix: prefix})
			require.Equal(t, html2, html)
			require.Equal(t, res2, res)
			require.Equal(t, msgs2, msgs)
		}
		if len(res.Notes) == 0 {
			if len(msgs) == 0 && strings.TrimSpace(quote) != "" {
				t.Fatalf("quote %q neither anchored nor reported", quote)
			}
			return
		}
		n := res.Notes[0]
		if got, want := strings.ToLower(strings.Join(strings.Fields(strings.Map(plainRune, n.Exact)), " ")),
			strings.ToLower(strings.Join(strings.Fields(strings.Map(plainRune, quote)), " ")); got != want && !strings.Contains(want, "\u0306") {
			if !equalNFC(got, want) {
				t.Fatalf("exported exact %q for quote %q", n.Exact, quote)
			}
		}
		if strings.Count(html, "⟦") != strings.Count(html, "⟧") {
			t.Fatalf("unbalanced highlights: %s", html)
		}
	})
}

func TestTextWithoutAnnotations(t *testing.T) {
	_, res, msgs := run(t, "First *block*  here.\n\nSecond\nline.")
	assert.Empty(t, msgs)
	assert.Empty(t, res.Notes)
	assert.Equal(t, "First block here.\nSecond line.", res.Text, "the plain text, for search")
}

// TestNotesKeepOnlyTheirText: a note's quote and the text around it are
// kept with the note, for pages and the exported selectors, after the
// article's text is dropped; they must not hold on to the whole text.
func TestNotesKeepOnlyTheirText(t *testing.T) {
	for _, md := range []string{
		"Talks in Kyiv resumed after a pause.",     // joined: the text prepares simply
		"Talks in  Kyiv resumed after a pause.",    // made into units
		"Talks in Ærlaava’s Kyiv resumed, “soon”.", // joined, not ASCII
	} {
		_, res, msgs := run(t, md, q("Kyiv resumed"))
		require.Empty(t, msgs)
		require.Len(t, res.Notes, 1)
		n := res.Notes[0]
		assert.Equal(t, "Kyiv resumed", n.Exact)
		text := unsafe.StringData(res.Text)
		for _, s := range []string{n.Exact, n.Prefix, n.Suffix} {
			p := unsafe.StringData(s)
			inside := uintptr(unsafe.Pointer(p)) >= uintptr(unsafe.Pointer(text)) &&
				uintptr(unsafe.Pointer(p)) < uintptr(unsafe.Pointer(text))+uintptr(len(res.Text))
			assert.False(t, inside, "%q in %q shares the text's memory", s, md)
		}
	}
}

// TestTextOutlivesTheTransform: what a conversion leaves, the text and the
// notes' quotes, stays as it was when the transformer's buffers serve the
// next documents, whether the text goes to Result.Text or to
// Result.TextTo.
func TestTextOutlivesTheTransform(t *testing.T) {
	conv := markdown.New(markdown.WithTransformer(NewTransformer(NewNoteRenderer()), 300),
		markdown.WithNodeRenderer(Renderer{}, 100))
	convert := func(md string, textTo bool, anns ...*content.Annotation) (*Result, []byte) {
		var diags diag.List
		src := []byte("---\n---\n" + md)
		doc := &markdown.Doc{File: content.File{Path: "a.md", Source: src, Lines: diag.NewLines(src), BodyOffset: 8},
			Page: urls.Article("a"), Site: siteStub{}, Diags: &diags}
		for _, a := range anns {
			a.ID, a.Kind, a.Note = "n", content.NoteContext, "A note."
		}
		res := Prepare(doc, anns)
		var kept []byte
		if textTo {
			res.TextTo = func(text []byte) { kept = append(kept, text...) }
		}
		_, err := conv.Convert(doc)
		require.NoError(t, err)
		require.Empty(t, diags.Sorted())
		return res, kept
	}
	for _, textTo := range []bool{false, true} {
		for _, md := range []string{
			"Talks in Kyiv resumed after a pause.",     // joined: the text prepares simply
			"Talks in  Kyiv resumed after a pause.",    // made into units
			"Talks in Ærlaava’s Kyiv resumed, “soon”.", // joined, not ASCII
		} {
			res, kept := convert(md, textTo, q("Kyiv resumed"))
			require.Len(t, res.Notes, 1)
			n := res.Notes[0]
			want := []string{"Kyiv resumed", n.Prefix, n.Suffix, res.Text, string(kept)}
			want[1], want[2] = strings.Clone(n.Prefix), strings.Clone(n.Suffix)
			want[3] = strings.Clone(res.Text)
			for range 3 {
				convert(strings.Repeat("Other words, other talks. ", 4)+"The end.", textTo, q("The end"))
				convert("Nothing to note.", textTo)
			}
			assert.Equal(t, want, []string{n.Exact, n.Prefix, n.Suffix, res.Text, string(kept)}, md)
			if textTo {
				assert.Empty(t, res.Text, "the text went to TextTo")
				assert.Equal(t, strings.Join(strings.Fields(md), " "), string(kept))
			} else {
				assert.Equal(t, strings.Join(strings.Fields(md), " "), res.Text)
			}
		}
	}
}

// TestOrigTextSize: an article's text lives as long as the build, so it is
// made in a reused buffer and copied in one allocation of its size, whatever
// its characters.
func TestOrigTextSize(t *testing.T) {
	var buf []byte
	for _, s := range []string{
		"plain ASCII text",
		"Ömer Çelik met Мария Иванова in Tromsø.",
		"emoji 😀 and \u00e9 and e\u0301",
	} {
		units := textmap.Units([][]byte{[]byte(s)})
		var got string
		allocs := testing.AllocsPerRun(10, func() {
			buf = appendOrig(buf[:0], units)
			got = string(buf)
		})
		assert.Equal(t, norm.NFC.String(s), got)
		assert.Equal(t, norm.NFC.String(s), origText(units))
		assert.Equal(t, 1.0, allocs, "%q: one allocation, no growth", s)
	}
}

// TestNoteBareLinks: bare URLs and e-mail addresses in notes become links,
// as in articles; other words stay text.
func TestNoteBareLinks(t *testing.T) {
	r := NewNoteRenderer()
	for _, tc := range []struct{ md, want string }{
		{"See www.example.org for more.", `<span class="note-p">See <a href="http://www.example.org">www.example.org</a> for more.</span>`},
		{"Report: https://example.org/a?b=1.", `<span class="note-p">Report: <a href="https://example.org/a?b=1">https://example.org/a?b=1</a>.</span>`},
		{"Write to desk@example.org.", `<span class="note-p">Write to <a href="mailto:desk@example.org">desk@example.org</a>.</span>`},
		{"Plain words, https and www only.", `<span class="note-p">Plain words, https and www only.</span>`},
	} {
		got, err := r.Render(tc.md)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got), tc.md)
	}
}

// TestPlainNote: notes of plain paragraphs are written without goldmark,
// as goldmark writes them; any character that could start a construct
// sends the note to goldmark.
func TestPlainNote(t *testing.T) {
	r := NewNoteRenderer()
	tests := []struct {
		md    string
		plain bool
	}{
		{"The record was published in full by the secretariat.", true},
		{"Phase 343 covers prisoner exchanges.\n\nIt was first proposed a year earlier.", true},
		{"  Ankara, 16 May 2025: talks (90 minutes) ended; 1,000 + 1,000 = 2,000 prisoners? Yes!  ", true},
		{"Office of Şenanström’s aide: 50% of #343 paid in $.", true},
		{"Medinsky led the delegation (see below).\n", true},
		{"", false},
		{"1. A list", false},
		{"- A list", false},
		{"# A heading", false},
		{"> A quote", false},
		{"Ærlaava starts with a letter outside ASCII", false},
		{"Two lines\nin one paragraph", false},
		{"Three\n\n\nbreaks", false},
		{"Ends with a space \n\nThen more", false},
		{"Some *emphasis*", false},
		{"Some _emphasis_", false},
		{"Some `code`", false},
		{"A [link](x)", false},
		{"A <b>tag</b>", false},
		{"An &amp; entity", false},
		{"An escape \\*", false},
		{"The ministry's log", false},
		{`A "quote"`, false},
		{"A dash -- here", false},
		{"And so...", false},
		{"See www.example.org", false},
		{"See example.org/HTTP stuff", false},
		{"Write to desk@example.org", false},
		{"A ~strike~", false},
		{"A | table", false},
		{"Invalid \xff byte", false},
	}
	for _, tt := range tests {
		got, plain := plainNote(tt.md)
		assert.Equal(t, tt.plain, plain, "%q", tt.md)
		want, err := r.render(tt.md)
		if plain {
			require.NoError(t, err, "%q", tt.md)
			assert.Equal(t, want, got, "%q: as goldmark writes it", tt.md)
		}
		rendered, err2 := r.Render(tt.md)
		assert.Equal(t, err, err2, "%q", tt.md)
		assert.Equal(t, want, rendered, "%q", tt.md)
	}
}

// FuzzPlainNote holds plainNote to goldmark: what it writes, goldmark
// writes alike.
func FuzzPlainNote(f *testing.F) {
	for _, s := range []string{
		"The record was published in full by the secretariat.",
		"Phase 343 covers prisoner exchanges.\n\nIt was first proposed a year earlier.",
		"Ankara, 16 May 2025: talks (90 minutes) ended; 1,000 + 1,000 = 2,000? Yes!",
		"Şenanström’s office: 50% of #343 paid in $. A-B. C.D",
		"A\u00a0\n\nB\u2003x\u2028y\u3000", "A  b #c $d$ 1. e", "Ab\u0085\n\nC\ufeff",
	} {
		f.Add(s)
	}
	r := NewNoteRenderer()
	f.Fuzz(func(t *testing.T, md string) {
		got, ok := plainNote(md)
		if !ok {
			return
		}
		want, err := r.render(md)
		if err != nil {
			t.Fatalf("%q: plain, but goldmark fails: %v", md, err)
		}
		if got != want {
			t.Fatalf("%q: plain gives %q, goldmark %q", md, got, want)
		}
	})
}

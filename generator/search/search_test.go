package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"html/template"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{" ,. ", []string{}},
		{"Istanbul talks", []string{"istanbul", "talks"}},
		{"Recep Tayyip Erdoğan", []string{"recep", "tayyip", "erdogan"}},
		{"İstanbul", []string{"istanbul"}},
		{"ISTANBUL", []string{"istanbul"}},
		{"Dolmabahçe Palace", []string{"dolmabahce", "palace"}},
		{"Мединский", []string{"мединскии"}}, // й is и with a breve
		{"Łukasz Wróbel", []string{"lukasz", "wrobel"}},
		{"Tromsø, Ærøskøbing", []string{"tromso", "aeroskobing"}},
		{"Straße STRASSE", []string{"strasse", "strasse"}},
		{"ΟΔΟΣ οδός", []string{"οδοσ", "οδοσ"}}, // final sigma folded
		{"ﬁnal ①", []string{"final", "1"}},      // compatibility forms
		{"e\u0301te\u0301", []string{"ete"}},    // combining marks
		{"Russia's Zelenskyy’s", []string{"russia", "s", "zelenskyy", "s"}},
		{"Russia–Ukraine face-to-face", []string{"russia", "ukraine", "face", "to", "face"}},
		{"1,000-for-1,000 on 16 May 2025", []string{"1", "000", "for", "1", "000", "on", "16", "may", "2025"}},
		{"<b>bold</b> &amp; co.", []string{"b", "bold", "b", "amp", "co"}},
		{"東京 Ünïcödé", []string{"東京", "unicode"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, Tokens(tt.in))
		})
	}
}

func TestSearchTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The talks in Istanbul", []string{"talks", "istanbul"}},
		{"Russia's delegation, and its head", []string{"russia", "delegation", "head"}},
		{"THE AND OF", nil},
		{strings.Repeat("x", MaxTokenBytes) + " " + strings.Repeat("y", MaxTokenBytes+1), []string{strings.Repeat("x", MaxTokenBytes)}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Terms(tt.in)
			var each []string
			eachTerm(tt.in, func(s string) { each = append(each, s) })
			if tt.want == nil {
				assert.Empty(t, got)
				assert.Empty(t, each)
				return
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, got, each, "eachTerm agrees with Terms")
		})
	}
	for _, w := range stopWords {
		assert.True(t, IsStopWord(w))
		assert.LessOrEqual(t, len(w), maxStopWord)
		assert.Equal(t, []string{w}, Tokens(w), "stop word %q is a token as written", w)
	}
	assert.True(t, slices.IsSorted(stopWords))
}

func TestSearchPostings(t *testing.T) {
	consecutive := []posting{{0, 8}, {1, 1}, {2, 14}, {3, 2}}
	assert.Len(t, encodePostings(consecutive, false), 4, "one character per consecutive document")
	assert.Len(t, encodePostings([]posting{{0, 1}, {64, 1}}, false), 3, "documents up to 64 apart take two")
	assert.Equal(t, "*A", encodePostings([]posting{{0, 0}}, true))

	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var ps []posting
		id := uint32(0)
		for range r.IntN(50) {
			id += uint32(r.IntN(1 << r.IntN(24)))
			ps = append(ps, posting{id: id, weight: uint8(r.IntN(15))})
			id++
		}
		capped := r.IntN(2) == 0
		s := encodePostings(ps, capped)
		got, gotCapped, err := decodePostings(s)
		require.NoError(t, err)
		assert.Equal(t, ps, got)
		assert.Equal(t, capped, gotCapped)
	}
	for _, bad := range []string{"!", "g", "gg"} {
		_, _, err := decodePostings(bad)
		assert.Error(t, err, bad)
	}
}

func TestSearchCompareUTF16(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "a", -1},
		{"ab", "a", 1},
		{"istanbul", "istanbul", 0},
		{"z", "é", -1},
		{"\U0001F600", "\uFFFD", -1}, // byte order says the opposite
		{"\U0001F600", "\U0001F601", -1},
		{"\uD7FF", "\U00010000", -1},
	}
	for _, tt := range tests {
		got := compareUTF16(tt.a, tt.b)
		assert.Equal(t, tt.want, sign(got), "%q vs %q", tt.a, tt.b)
		assert.Equal(t, -tt.want, sign(compareUTF16(tt.b, tt.a)), "%q vs %q", tt.b, tt.a)
	}
	assert.Equal(t, "me", separatorKey("ma", "medinsky"))
	assert.Equal(t, "medinsky", separatorKey("medinskii", "medinsky"))
	assert.Equal(t, "talks", separatorKey("talk", "talks"))
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestSearchSnippet(t *testing.T) {
	assert.Equal(t, "Short one.", snippet("  Short\n one. "))
	long := strings.Repeat("word ", 60)
	s := snippet(long)
	assert.True(t, strings.HasSuffix(s, "word…"), s)
	assert.LessOrEqual(t, len([]rune(s)), SnippetLen+1)
	nospace := strings.Repeat("é", 200)
	assert.Equal(t, strings.Repeat("é", SnippetLen)+"…", snippet(nospace))
	assert.Equal(t, "  Medinsky  said  “yes”  & no ", plainText(`<p><a href="x">Medinsky</a> said <em>“yes”</em> &amp; no</p>`))
}

// --- Sites for tests ---

type entrySpec struct {
	id, name, kind, role, summary, body string
	aliases                             []string
}

type articleSpec struct {
	slug, title, summary, text string
	date                       string
}

// makeSite builds a linked site from specs, as link.Link would.
func makeSite(entries []entrySpec, articles []articleSpec) *link.Site {
	s := &link.Site{}
	for _, e := range entries {
		ce := &content.Entry{ID: e.id, Name: e.name, Kind: e.kind, Role: e.role, Summary: e.summary}
		ce.Aliases = append(ce.Aliases, content.Alias{Text: e.name})
		for _, a := range e.aliases {
			ce.Aliases = append(ce.Aliases, content.Alias{Text: a})
		}
		s.Entries = append(s.Entries, &link.Entry{Entry: ce, Page: urls.Entry(e.id),
			Body: template.HTML("<p>" + template.HTMLEscapeString(e.body) + "</p>")})
	}
	for _, a := range articles {
		d, err := time.Parse("2006-01-02", a.date)
		if err != nil {
			panic(err)
		}
		ca := &content.Article{Title: a.title, Summary: a.summary, Slug: a.slug, Date: d}
		s.Articles = append(s.Articles, &link.Article{Article: ca, Page: urls.Article(a.slug), Text: a.text})
	}
	slices.SortStableFunc(s.Articles, func(a, b *link.Article) int { return b.Date.Compare(a.Date) })
	return s
}

// sampleSite loads and links the repository's sample site.
func sampleSite(t testing.TB) *link.Site {
	t.Helper()
	var diags diag.List
	loaded := content.Load(os.DirFS("../.."), content.Options{}, &diags)
	require.False(t, diags.HasErrors(), "%v", diags.Sorted())
	site := link.Link(loaded, &diags, link.Options{})
	require.False(t, diags.HasErrors(), "%v", diags.Sorted())
	return site
}

func files(t testing.TB, site *link.Site, opts Options) map[string][]byte {
	t.Helper()
	ix, err := Build(site, opts)
	require.NoError(t, err)
	fs, err := ix.Files()
	require.NoError(t, err)
	return fs
}

// --- Ranking ---

func TestSearchRanking(t *testing.T) {
	site := makeSite([]entrySpec{
		{id: "zed-body", name: "Zed Body", kind: "person", body: "Knows about harbours."},
		{id: "harbour-master", name: "Harbour Master", kind: "person", role: "Keeper of the harbour"},
		{id: "anna-summary", name: "Anna Summary", kind: "person", summary: "Runs the harbour."},
		{id: "port", name: "Port", kind: "place", aliases: []string{"the Harbour"}},
		{id: "tie-b", name: "Bravo", kind: "place", body: "A tie."},
		{id: "tie-a", name: "Alpha", kind: "place", body: "A tie."},
	}, []articleSpec{
		{slug: "old-title", title: "Harbour reopens", text: "Nothing.", date: "2020-01-01"},
		{slug: "new-body", title: "News", text: "The harbour is open.", date: "2024-01-01"},
		{slug: "body-many", title: "More news", text: "harbour harbour harbour", date: "2021-01-01"},
		{slug: "sum", title: "Summary", summary: "About the harbour.", text: "x", date: "2022-01-01"},
		{slug: "tie-new", title: "Draw", text: "A tie.", date: "2023-06-01"},
		{slug: "tie-old", title: "Draw again", text: "A tie.", date: "2023-01-01"},
	})
	c := newClient(t, files(t, site, Options{}))
	titles, total := c.query("harbour ") // a space ends the word: no prefix
	assert.Equal(t, 7, total)
	assert.Equal(t, []string{
		"Harbour Master", // name (8) + role (4)
		"Port",           // alias (8)
		"Harbour reopens",
		"Anna Summary", // summary (4)
		"Summary",
		"More news", // body three times (2)
		"News",      // body (1)
	}, titles)
	assert.NotContains(t, titles, "Zed Body")
	// "harbours" is another word, but a last word being typed is also a
	// prefix; the exact word still ranks as before.
	titles, total = c.query("harbour")
	assert.Equal(t, 8, total)
	assert.Equal(t, []string{"Zed Body", "News"}, titles[6:], "an entry before an article on equal score")
	titles, _ = c.query("harbou")
	assert.Contains(t, titles, "Zed Body")

	// Equal scores: entries first, by name; then articles, newest first.
	titles, _ = c.query("tie")
	assert.Equal(t, []string{"Alpha", "Bravo", "Draw", "Draw again"}, titles)
	titles, _ = c.query("a tie")
	assert.Equal(t, []string{"Alpha", "Bravo", "Draw", "Draw again"}, titles, "stop words are dropped")

	// Every word must match.
	titles, _ = c.query("harbour news")
	assert.Equal(t, []string{"More news", "News"}, titles)
	titles, total = c.query("harbour nowhere")
	assert.Empty(t, titles)
	assert.Zero(t, total)
	titles, _ = c.query("the")
	assert.Empty(t, titles)
}

func TestSearchSampleQueries(t *testing.T) {
	c := newClient(t, files(t, sampleSite(t), Options{}))
	const main = "Istanbul talks explained: a prisoner swap, written proposals and no ceasefire"
	const timeline = "A timeline of direct Russia–Ukraine talks, 2022–2025"
	tests := []struct {
		q        string
		first    string
		contains []string
	}{
		{"medinsky", "Vladimir Medinsky", []string{main, timeline}},
		{"Medinsky", "Vladimir Medinsky", []string{main}},
		{"erdogan", "Recep Tayyip Erdoğan", nil},
		{"Erdoğan", "Recep Tayyip Erdoğan", nil},
		{"istanbul talks", "2022 Istanbul talks", []string{main, timeline}},
		{"umer", "Rustem Umerov", nil},
		{"medin", "Vladimir Medinsky", nil},
		{"dolmabahce", "Dolmabahçe Palace", nil},
		{"kremlin", "Kremlin", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			c.t = t
			c.reset()
			titles, n := c.query(tt.q)
			t.Logf("%q: %d results, %d bytes: %s", tt.q, n, c.bytes(), c)
			require.NotEmpty(t, titles)
			assert.Equal(t, tt.first, titles[0])
			for _, want := range tt.contains {
				assert.Contains(t, titles, want)
			}
		})
	}
	c.t = t
	titles, _ := c.query("zzyzx")
	assert.Empty(t, titles)

	// An entry shows its kind and role, an article its date.
	hits := c.search("medinsky")
	d := c.docs(hits[:1])[0]
	assert.Equal(t, Doc{Kind: "person", Title: "Vladimir Medinsky", URL: "glossary/vladimir-medinsky/",
		Role: "Aide to the Russian president; head of Russia's delegation in Istanbul", Snippet: d.Snippet}, d)
	assert.True(t, strings.HasPrefix(d.Snippet, "Aide to the Russian president since January 2020"), d.Snippet)
	assert.Equal(t, "Person", c.m.Labels[d.Kind])
	for _, d := range c.docs(hits) {
		if d.Kind == "article" {
			assert.NotEmpty(t, d.Date)
			assert.True(t, strings.HasPrefix(d.URL, "articles/"), d.URL)
		}
	}
}

// --- Sharding ---

// allTerms reads every term shard.
func allTerms(t *testing.T, c *client) [][]string {
	var out [][]string
	for i := range c.m.Shards {
		var shard map[string]string
		c.get(TermShardFile(i), &shard)
		terms := slices.SortedFunc(maps.Keys(shard), compareUTF16)
		out = append(out, terms)
	}
	return out
}

func TestSearchSharding(t *testing.T) {
	c := newClient(t, files(t, sampleSite(t), Options{ShardSize: 600}))
	shards := allTerms(t, c)
	require.Greater(t, len(shards), 10, "small shards make many")
	assert.Equal(t, "", c.m.Shards[0])
	for i, terms := range shards {
		require.NotEmpty(t, terms, "shard %d", i)
		assert.LessOrEqual(t, compareUTF16(c.m.Shards[i], terms[0]), 0, "shard %d's bound is at or below its terms", i)
		if i > 0 {
			prev := shards[i-1]
			assert.Less(t, compareUTF16(prev[len(prev)-1], c.m.Shards[i]), 0, "shard %d's bound is above the terms before it", i)
		}
		// Every term is where the client looks for it, in one shard.
		for _, term := range terms {
			assert.Equal(t, []int{i}, c.shardsOf(word{t: term}), term)
		}
	}

	// A prefix's shards hold every term it starts, unless there are more
	// than PrefixShards of them.
	var flat []string
	for _, terms := range shards {
		flat = append(flat, terms...)
	}
	for _, term := range flat {
		for n := 2; n <= len(term); n++ {
			p := term[:n]
			got := c.shardsOf(word{t: p, prefix: true})
			var want []int
			for i, terms := range shards {
				if slices.ContainsFunc(terms, func(s string) bool { return strings.HasPrefix(s, p) }) {
					want = append(want, i)
				}
			}
			if len(want) > c.m.PrefixShards {
				want = want[:c.m.PrefixShards]
			}
			if !assert.Subset(t, got, want, "prefix %q", p) {
				return
			}
			assert.LessOrEqual(t, len(got), c.m.PrefixShards)
		}
	}
}

func TestSearchShardsOfQuery(t *testing.T) {
	// Terms a…, b…, c… in three shards of one letter each.
	c := &client{t: t, m: Manifest{Shards: []string{"", "b", "c"}, PrefixShards: 2, MinPrefix: 2}}
	tests := []struct {
		q    string
		want [][]int // per word
	}{
		{"apple", [][]int{{0}}},
		{"banana", [][]int{{1}}},
		{"cherry zebra", [][]int{{2}, {2}}},
		{"a", [][]int{{0}}}, // too short for a prefix
		{"0 9", [][]int{{0}, {0}}},
	}
	for _, tt := range tests {
		var got [][]int
		for _, w := range c.parse(tt.q) {
			got = append(got, c.shardsOf(w))
		}
		assert.Equal(t, tt.want, got, tt.q)
	}
	// Prefixes spanning bounds.
	c.m.Shards = []string{"", "med", "medinsky", "medio", "mee", "n"}
	assert.Equal(t, []int{0, 1}, c.shardsOf(word{"me", true}), "capped at PrefixShards")
	assert.Equal(t, []int{1, 2}, c.shardsOf(word{"medi", true}))
	assert.Equal(t, []int{2}, c.shardsOf(word{"medinsky", true}))
	assert.Equal(t, []int{1}, c.shardsOf(word{"medin", false}))
	assert.Equal(t, []int{4}, c.shardsOf(word{"mef", true}))
}

func TestSearchParse(t *testing.T) {
	c := &client{t: t, m: Manifest{Stop: stopWords, MinPrefix: 2}}
	tests := []struct {
		q    string
		want []word
	}{
		{"medin", []word{{"medin", true}}},
		{"medin ", []word{{"medin", false}}},
		{"Istanbul talks", []word{{"istanbul", false}, {"talks", true}}},
		{"talks in", []word{{"talks", false}}},
		{"the", []word{{"the", true}}}, // the only word, perhaps "theatre"
		{"the ", nil},
		{"of the talks", []word{{"talks", true}}},
		{"a", []word{{"a", false}}},
		{"x y", []word{{"x", false}, {"y", false}}},
		{"talks talks", []word{{"talks", false}, {"talks", true}}},
		{"talks talks ", []word{{"talks", false}}},
		{"", nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, c.parse(tt.q), "%q", tt.q)
	}
}

// --- Format ---

func TestSearchManifestTables(t *testing.T) {
	site := sampleSite(t)
	c := newClient(t, files(t, site, Options{}))
	assert.Equal(t, Version, c.m.Version)
	assert.Equal(t, stopWords, c.m.Stop)
	assert.Len(t, c.m.Fold, len(fold))
	for r, s := range fold {
		assert.GreaterOrEqual(t, r, rune(0xDF), "Normalize looks up only runes from U+00DF on")
		assert.Equal(t, s, c.m.Fold[string(r)])
	}
	for _, k := range content.Kinds {
		assert.NotEmpty(t, c.m.Labels[k], k)
	}
	assert.Equal(t, len(site.Entries)+len(site.Articles), c.m.Docs)
	assert.Regexp(t, `^[0-9a-f]{12}$`, c.m.Hash)
}

func TestSearchFilesAreDeterministic(t *testing.T) {
	site := sampleSite(t)
	a := files(t, site, Options{ShardSize: 2000})
	b := files(t, site, Options{ShardSize: 2000})
	require.Equal(t, slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b)))
	for name := range a {
		assert.True(t, bytes.Equal(a[name], b[name]), name)
	}
	// The order the site lists documents in does not matter.
	shuffled := *site
	shuffled.Entries = slices.Clone(site.Entries)
	shuffled.Articles = slices.Clone(site.Articles)
	slices.Reverse(shuffled.Entries)
	slices.Reverse(shuffled.Articles)
	c := files(t, &shuffled, Options{ShardSize: 2000})
	for name := range a {
		assert.True(t, bytes.Equal(a[name], c[name]), name)
	}
	// Every file is valid JSON, and the manifest changes with the content.
	for name, data := range a {
		assert.True(t, json.Valid(data), name)
		assert.True(t, strings.HasPrefix(name, "search/"), name)
	}
	shuffled.Articles = shuffled.Articles[1:]
	d := files(t, &shuffled, Options{ShardSize: 2000})
	assert.NotEqual(t, string(a["search/index.json"]), string(d["search/index.json"]))
}

func TestSearchCappedWordsAreOptional(t *testing.T) {
	var arts []articleSpec
	for i := range 20 {
		text := "talks"
		if i == 19 {
			text = "talks about grain" // the oldest
		}
		arts = append(arts, articleSpec{slug: "a" + string(rune('a'+i)), title: "Article",
			text: text, date: time.Date(2025, 1, 20-i, 0, 0, 0, 0, time.UTC).Format("2006-01-02")})
	}
	site := makeSite(nil, arts)
	fs := files(t, site, Options{MaxPostings: 5})
	var shard map[string]string
	require.NoError(t, json.Unmarshal(fs["search/t/0.json"], &shard))
	ps, capped, err := decodePostings(shard["talks"])
	require.NoError(t, err)
	assert.True(t, capped)
	assert.Len(t, ps, 5)
	assert.Equal(t, uint32(0), ps[0].id, "the newest are kept")

	c := newClient(t, fs)
	_, total := c.query("talks")
	assert.Equal(t, 5, total)
	titles, total := c.query("talks grain")
	assert.Equal(t, 1, total, "the capped word does not exclude the article it no longer lists")
	assert.Len(t, titles, 1)
}

func TestSearchOutputOfEmptySite(t *testing.T) {
	fs, err := Output{}.Files(&link.Site{})
	require.NoError(t, err)
	c := newClient(t, fs)
	assert.Equal(t, 0, c.m.Docs)
	assert.Equal(t, []string{""}, c.m.Shards)
	titles, total := c.query("anything")
	assert.Empty(t, titles)
	assert.Zero(t, total)
}

// TestClientScript checks the budget and the rules of assets/search.js: it
// stays under 6 KB gzipped even before the build minifies it, and it never
// parses index data as HTML.
func TestSearchClientScript(t *testing.T) {
	js, err := os.ReadFile("../../assets/search.js")
	require.NoError(t, err)
	assert.Less(t, gzipped(js), 6<<10, "gzipped size")
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		assert.NotContains(t, string(js), bad)
	}
	// The script reads the files this package writes.
	for _, name := range []string{`"index.json"`, `"t/"`, `"d/"`} {
		assert.Contains(t, string(js), name)
	}
	assert.Equal(t, "t/3.json", TermShardFile(3))
	assert.Equal(t, "d/3.json", DocShardFile(3))
}

// capReference is capPostings written plainly: a stable sort by weight,
// the first n, sorted by id again.
func capReference(ps []posting, n int) []posting {
	top := slices.Clone(ps)
	slices.SortStableFunc(top, func(a, b posting) int { return cmp.Compare(b.weight, a.weight) })
	top = top[:n]
	slices.SortFunc(top, func(a, b posting) int { return cmp.Compare(a.id, b.id) })
	return top
}

func TestCapPostingsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		var ps []posting
		id := uint32(0)
		maxWeight := 1 + rng.IntN(15)
		for range 1 + rng.IntN(300) {
			id += 1 + uint32(rng.IntN(5))
			ps = append(ps, posting{id: id, weight: uint8(rng.IntN(maxWeight))})
		}
		n := 1 + rng.IntN(len(ps))
		require.Equal(t, capReference(ps, n), capPostings(ps, n), "case %d: %d postings capped at %d", i, len(ps), n)
	}
}

func TestMarshalTermMatchesJSON(t *testing.T) {
	for _, term := range []string{"talks", "2025", "a1b2", "erdogan", "é", "μαρία", "x<y", "a&b", "\u2028", "Upper", "", "kyiv's"} {
		want, err := json.Marshal(term)
		require.NoError(t, err)
		got, err := marshalTerm(term)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%q", term)
	}
}

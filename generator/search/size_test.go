package search

// The download budget: on a site of 10,000 articles, a query must fetch at
// most about 150 KB (the manifest, the term shards of its words and the
// document shards of the first page of results).
//
// generator/internal/corpus, which would write such a site to disk, does not
// exist yet, and loading and linking 10,000 Markdown files would take most of
// the time budget of a unit test anyway; so the test makes a linked site in
// memory: Zipf-distributed words from a vocabulary of 30,000, ~900-word
// articles that name 4–8 of 1,000 glossary entries (people and places, some
// with diacritics) by full name and surname, titles, summaries, dates over
// ten years.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// Budget is the most bytes one query may download on a 10,000-article site.
const budget = 150_000

type corpus struct {
	words   []string // by frequency rank
	entries []entrySpec
	site    *link.Site
}

var (
	syllables = []string{"ka", "to", "ri", "mel", "san", "dor", "vi", "len", "tra", "po", "nek", "shu",
		"ba", "gor", "fi", "lum", "ze", "ran", "qui", "sto", "mar", "bel", "ost", "ni"}
	accented = []string{"ğ", "ç", "ö", "ü", "ø", "é", "ł", "ñ", "ş", "å"}
)

// pseudoWord spells k with syllables: distinct k give distinct words.
func pseudoWord(k int) string {
	var b strings.Builder
	for {
		b.WriteString(syllables[k%len(syllables)])
		k /= len(syllables)
		if k == 0 {
			break
		}
		k--
	}
	return b.String()
}

func makeCorpus(articles, entries int) *corpus {
	r := rand.New(rand.NewPCG(10_000, 150))
	c := &corpus{}
	seen := map[string]bool{}
	for k := 0; len(c.words) < 30_000; k++ {
		w := pseudoWord(k + 600) // at least two syllables
		if !seen[w] && !IsStopWord(w) {
			seen[w] = true
			c.words = append(c.words, w)
		}
	}
	upper := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	for i := range entries {
		// Names from a part of the vocabulary that the text draws on little.
		sur := upper(c.words[20_000+i*3])
		if i%5 == 0 { // some names have letters beyond ASCII
			sur = sur[:len(sur)-1] + accented[i%len(accented)] + "an"
		}
		e := entrySpec{id: fmt.Sprintf("e%04d", i), kind: content.KindPerson}
		if i%3 == 2 {
			e.kind, e.name = content.KindPlace, sur
			e.role = "Port city on the " + upper(c.words[r.IntN(500)]) + " coast"
		} else {
			e.name = upper(c.words[20_001+i*3]) + " " + sur
			e.aliases = []string{sur}
			e.role = "Deputy minister of " + c.words[r.IntN(2000)]
		}
		e.summary = fmt.Sprintf("%s is a %s who took part in the talks on %s and %s, and later led the %s group.",
			e.name, c.words[r.IntN(3000)], c.words[r.IntN(3000)], c.words[r.IntN(3000)], c.words[r.IntN(3000)])
		e.body = c.text(r, 120, nil)
		c.entries = append(c.entries, e)
	}
	site := &link.Site{}
	for _, e := range c.entries {
		ce := &content.Entry{ID: e.id, Name: e.name, Kind: e.kind, Role: e.role, Summary: e.summary}
		ce.Aliases = []content.Alias{{Text: e.name}}
		for _, a := range e.aliases {
			ce.Aliases = append(ce.Aliases, content.Alias{Text: a})
		}
		site.Entries = append(site.Entries, &link.Entry{Entry: ce, Page: urls.Entry(e.id),
			Body: template.HTML("<p>" + template.HTMLEscapeString(e.body) + "</p>")})
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range articles {
		var named []string
		for range 4 + r.IntN(5) {
			e := c.entries[r.IntN(len(c.entries))]
			named = append(named, e.name)
			if len(e.aliases) > 0 {
				named = append(named, e.aliases[0], e.aliases[0])
			}
		}
		title := upper(c.text(r, 4+r.IntN(4), nil)) + " in " + c.entries[2+3*r.IntN(entries/3)].name
		a := &content.Article{
			Title:   title,
			Slug:    fmt.Sprintf("article-%05d", i),
			Date:    start.AddDate(0, 0, r.IntN(3650)),
			Summary: upper(c.text(r, 25+r.IntN(15), named[:2])) + ".",
			Tags:    []string{c.words[r.IntN(40)], c.words[r.IntN(40)]},
			Authors: []string{"Wire Desk"},
		}
		site.Articles = append(site.Articles, &link.Article{Article: a, Page: urls.Article(a.Slug),
			Text: c.text(r, 800+r.IntN(200), named)})
	}
	slices.SortStableFunc(site.Articles, func(a, b *link.Article) int { return b.Date.Compare(a.Date) })
	c.site = site
	return c
}

// text writes n words drawn from the vocabulary by Zipf's law, with the
// names spread through it, in sentences and paragraphs.
func (c *corpus) text(r *rand.Rand, n int, names []string) string {
	z := rand.NewZipf(r, 1.07, 2, uint64(len(c.words)-1))
	var b strings.Builder
	next := 0
	for i := range n {
		if i > 0 {
			switch {
			case i%120 == 0:
				b.WriteString(".\n")
			case i%15 == 0:
				b.WriteString(". ")
			case i%37 == 0:
				b.WriteString(" — ")
			default:
				b.WriteByte(' ')
			}
		}
		if next < len(names) && i%(n/(len(names)+1)+1) == n/(len(names)+1) {
			b.WriteString(names[next])
			next++
			continue
		}
		b.WriteString(c.words[z.Uint64()])
	}
	return b.String()
}

func gzipped(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

func TestSearchDownloadBudget10k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-article index")
	}
	if raceEnabled {
		// The measurement is single-threaded; the race detector would only
		// make it slow. Build's parallel part runs under -race in the other
		// tests.
		t.Skip("builds a 10,000-article index, which -race makes too slow")
	}
	start := time.Now()
	c := makeCorpus(10_000, 1_000)
	made := time.Since(start)
	start = time.Now()
	ix, err := Build(c.site, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	built := time.Since(start)

	var total, terms, docs, maxTerm, maxDoc int
	for name, data := range fs {
		total += len(data)
		switch {
		case strings.HasPrefix(name, Folder+termsDir):
			terms++
			maxTerm = max(maxTerm, len(data))
		case strings.HasPrefix(name, Folder+docsDir):
			docs++
			maxDoc = max(maxDoc, len(data))
		}
	}
	manifest := fs[Folder+ManifestFile]
	t.Logf("corpus made in %v, index built in %v", made.Round(time.Millisecond), built.Round(time.Millisecond))
	t.Logf("index: %d files, %d bytes; manifest %d bytes (%d gzipped); %d term shards (largest %d); %d document shards (largest %d)",
		len(fs), total, len(manifest), gzipped(manifest), terms, maxTerm, docs, maxDoc)

	cl := newClient(t, fs)
	name := c.entries[30] // a person
	place := c.entries[32]
	queries := []struct{ what, q string }{
		{"single common word", c.words[0]},
		{"mid-frequency word", c.words[300]},
		{"a surname", name.aliases[0]},
		{"a full name", name.name},
		{"a place", place.name},
		{"two common words", c.words[1] + " " + c.words[7]},
		{"a word and a name", c.words[2] + " " + name.aliases[0]},
		{"prefix of a name", strings.ToLower(name.aliases[0][:4])},
		{"prefix of a common word", c.words[5][:3]},
		{"two-letter prefix", c.words[0][:2]},
		{"no match", "qqqqzzzz"},
	}
	for _, q := range queries {
		cl.reset()
		titles, n := cl.query(q.q)
		var gz int
		for f := range cl.fetched {
			gz += gzipped(fs[Folder+f])
		}
		t.Logf("%-24s %-28q %5d results, %6d bytes (%6d gzipped) in %2d files: %s",
			q.what, q.q, n, cl.bytes(), gz, len(cl.fetched), titlesHead(titles))
		if cl.bytes() > budget {
			t.Errorf("%s %q downloads %d bytes, more than %d: %s", q.what, q.q, cl.bytes(), budget, cl)
		}
		if q.what != "no match" && n == 0 {
			t.Errorf("%s %q finds nothing", q.what, q.q)
		}
	}
	// The name's entry comes first.
	cl.reset()
	titles, _ := cl.query(name.aliases[0])
	if len(titles) == 0 || titles[0] != name.name {
		t.Errorf("%q: first result %v, want the entry %q", name.aliases[0], titlesHead(titles), name.name)
	}
}

func titlesHead(titles []string) string {
	if len(titles) > 2 {
		return fmt.Sprintf("%q…", titles[:2])
	}
	return fmt.Sprintf("%q", titles)
}

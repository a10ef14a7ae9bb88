package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// Weights of the fields a term is found in; a posting's weight is the sum
// for the document, at most 14. The client adds the weights of the query's
// words, so a word in a title or a name outranks one in a summary or role,
// which outranks one in the body.
const (
	WeightBody     = 1 // in the body once or twice
	WeightBodyMany = 2 // in the body three times or more
	WeightSummary  = 4 // in the summary (articles: also dateline and tags; entries: role and summary)
	WeightTitle    = 8 // in the title (entries: the name or an alias)
)

// Folder is the site path of the index.
const Folder = urls.Search

// File names under Folder.
const (
	ManifestFile = "index.json"
	termsDir     = "t/"
	docsDir      = "d/"
)

// TermShardFile is the path, under Folder, of term shard i.
func TermShardFile(i int) string { return fmt.Sprintf("%s%d.json", termsDir, i) }

// DocShardFile is the path, under Folder, of document shard i.
func DocShardFile(i int) string { return fmt.Sprintf("%s%d.json", docsDir, i) }

// Options size the index. The zero value of a field takes its default.
type Options struct {
	// ShardSize is the size in bytes a term shard is filled up to (default
	// 16 KiB). A shard holds at least one term, so one whose postings are
	// larger makes a larger shard, up to the size MaxPostings allows.
	ShardSize int
	// DocsPerShard is how many documents' display data one document shard
	// holds (default 16).
	DocsPerShard int
	// MaxPostings caps the documents listed for one term (default 4096):
	// a term in more documents keeps the ones it weighs most in, newest
	// first among equals, and is marked capped. The client treats a capped
	// word as optional (it ranks the documents it lists higher but does not
	// exclude the others), so a common word such as "talks" cannot hide an
	// older article that another word of the query finds.
	MaxPostings int
	// PageSize is how many results the client shows at first and adds on
	// "More results" (default 10).
	PageSize int
	// PrefixShards is the most shards the client fetches to complete the
	// last word of a query (default 3).
	PrefixShards int
	// MinPrefix is the fewest characters the last word needs before the
	// client completes it (default 2).
	MinPrefix int
	// Cache, when set, reuses the analyses of documents that did not change
	// since the last Build with the same cache.
	Cache *Cache
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.ShardSize, 16<<10)
	def(&o.DocsPerShard, 16)
	def(&o.MaxPostings, 4096)
	def(&o.PageSize, 10)
	def(&o.PrefixShards, 3)
	def(&o.MinPrefix, 2)
	return o
}

// Doc is what a result shows of a document: one element of a document
// shard's array.
type Doc struct {
	// Kind is "article" or the entry's kind; Manifest.Labels names it.
	Kind  string `json:"k"`
	Title string `json:"t"`
	// URL is the document's site path; the client resolves it against the
	// site root (the parent of the index folder).
	URL string `json:"u"`
	// Role is an entry's role.
	Role string `json:"r,omitempty"`
	// Snippet is the summary, shortened to about SnippetLen characters.
	Snippet string `json:"s,omitempty"`
	// Date is an article's date as pages show it.
	Date string `json:"d,omitempty"`
}

// SnippetLen is the most characters of a summary a result shows.
const SnippetLen = 160

// Manifest is search/index.json, the one file every query fetches.
type Manifest struct {
	Version int `json:"version"`
	// Hash identifies this build of the index; the client adds it to the
	// URLs of the shards (?v=) so that caches never mix two builds.
	Hash string `json:"hash"`
	// Docs is the number of documents: entries first, by sort key, then
	// articles, newest first. A document's id is its place in that order,
	// so ranking ties broken by id put entries first, newest articles first.
	Docs int `json:"docs"`
	// DocShard is how many documents each d/<n>.json holds: document id is
	// in shard id / DocShard.
	DocShard int `json:"docShard"`
	// Shards holds, for each term shard t/<i>.json, the least string its
	// terms are at or above, in JavaScript (UTF-16) string order; Shards[0]
	// is "". A term is in the last shard whose bound is at or below it.
	Shards []string `json:"shards"`
	// Page, PrefixShards and MinPrefix are Options of the same names.
	Page         int `json:"page"`
	PrefixShards int `json:"prefixShards"`
	MinPrefix    int `json:"minPrefix"`
	// Stop lists the stop words; Fold is the letter table of Normalize.
	Stop []string          `json:"stop"`
	Fold map[string]string `json:"fold"`
	// Labels name the kinds of documents.
	Labels map[string]string `json:"labels"`
}

// Version is the format version in the manifest.
const Version = 1

var labels = map[string]string{
	"article":                "Article",
	content.KindPerson:       "Person",
	content.KindPlace:        "Place",
	content.KindOrganization: "Organization",
	content.KindEvent:        "Event",
}

// Index is a built search index.
type Index struct {
	opts Options
	docs []Doc
	// terms are sorted in UTF-16 order; postings[i] is the encoded
	// postings of terms[i] (see encodePostings).
	terms    []string
	postings []string
}

// source is a document's text by field, for indexing.
type source struct {
	doc                  Doc
	title, summary, body []string
	// textSum, when not zero, digests body[0] (an article's text: its
	// link.Article.Sum), so that sum need not read it.
	textSum digest.Sum
	// entryBody is an entry's body as HTML, which body[0] comes from.
	entryBody string
	// key is sum(), once known.
	key digest.Sum
	// article or entry is the loaded document the source comes from.
	article *content.Article
	entry   *content.Entry
	// text, when set, is the article whose text is body[0] and, without a
	// summary, the snippet's source, to be read back (link.Article.UseText)
	// when the document is analysed: the link stage may have kept it out
	// of memory.
	text *link.Article
}

// withText calls analyse, with the text of s in body[0] when it is to be
// read back, and lets go of that text after: it is only valid during the
// call.
func (s *source) withText(analyse func()) error {
	a := s.text
	if a == nil {
		analyse()
		return nil
	}
	s.text = nil
	err := a.UseText(func(t string) error {
		s.body[0] = t
		if a.Summary == "" {
			s.doc.Snippet = strings.Clone(snippet(t))
		}
		analyse()
		s.body[0] = ""
		return nil
	})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// Build indexes the articles and entries of site. With a Cache, the
// index's postings share memory with the cache until the next Build that
// uses it. Its only errors are an article's text that cannot be read back
// (see link.Article.UseText).
func Build(site *link.Site, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	srcs := sources(site, opts.Cache)
	var inv *inverted
	var err error
	if opts.Cache != nil {
		// A Cache goes with a link stage that keeps texts in memory.
		inv = opts.Cache.index(srcs)
		opts.Cache.keepSources(srcs)
	} else {
		inv, err = invert(srcs)
	}
	if err != nil {
		return nil, err
	}
	ix := &Index{opts: opts, docs: make([]Doc, len(srcs))}
	for i, s := range srcs {
		ix.docs[i] = s.doc
	}
	ix.terms, ix.postings = inv.table(opts.MaxPostings)
	return ix, nil
}

// invert analyses the documents in parallel, a chunk at a time to bound
// memory, and adds them to a new index in id order. A text read back for
// the analysis is let go after it.
func invert(srcs []source) (*inverted, error) {
	inv := newInverted(false)
	// tables holds term tables for analyse, reused from document to
	// document.
	var tables sync.Pool
	const chunk = 256
	for lo := 0; lo < len(srcs); lo += chunk {
		hi := min(lo+chunk, len(srcs))
		analysed := make([][]termWeight, hi-lo)
		errs := make([]error, hi-lo)
		par.For(hi-lo, func(i int) {
			s := &srcs[lo+i]
			errs[i] = s.withText(func() { analysed[i] = analysePooled(&tables, s) })
		})
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		for i, tws := range analysed {
			inv.add(uint32(lo+i), tws)
		}
	}
	return inv, nil
}

// capPostings keeps the n postings of the highest weight, the lowest ids
// first among equals, sorted by id. Weights are small, so it counts them
// instead of sorting: the postings above the least weight kept all stay,
// and of that weight the first few.
func capPostings(ps []posting, n int) []posting {
	var count [256]int
	for _, p := range ps {
		count[p.weight]++
	}
	// least is the least weight kept; of it, keep the first room.
	least, room := 255, n
	for ; least > 0 && count[least] < room; least-- {
		room -= count[least]
	}
	top := make([]posting, 0, n)
	for _, p := range ps {
		switch {
		case p.weight > uint8(least):
			top = append(top, p)
		case p.weight == uint8(least) && room > 0:
			top = append(top, p)
			room--
		}
	}
	return top
}

// sources lists the documents in id order: entries by sort key, then
// articles newest first.
//
// A Cache gives the sources of the documents whose files (and, for
// articles, text, and for entries, body) did not change since the last
// Build, with their keys, and keeps this Build's.
func sources(site *link.Site, c *Cache) []source {
	// Entries by sort key, each key normalized once.
	keys := make(map[*link.Entry]string, len(site.Entries))
	for _, e := range site.Entries {
		keys[e] = Normalize(e.SortKey())
	}
	entries := slices.Clone(site.Entries)
	slices.SortStableFunc(entries, func(a, b *link.Entry) int {
		return cmp.Or(strings.Compare(keys[a], keys[b]), strings.Compare(a.ID, b.ID))
	})
	articles := slices.Clone(site.Articles)
	slices.SortStableFunc(articles, func(a, b *link.Article) int {
		return cmp.Or(b.Date.Compare(a.Date), strings.Compare(a.Slug, b.Slug))
	})
	srcs := make([]source, 0, len(entries)+len(articles))
	for _, e := range entries {
		if s, ok := c.entrySource(e); ok {
			srcs = append(srcs, s)
			continue
		}
		s := source{
			doc:     Doc{Kind: e.Kind, Title: e.Name, URL: e.Page, Role: e.Role, Snippet: snippet(e.Summary)},
			title:   []string{e.Name},
			summary: []string{e.Role, e.Summary},
			body:    []string{plainText(string(e.Body))},
		}
		for _, a := range e.Aliases {
			s.title = append(s.title, a.Text)
		}
		for _, f := range e.Facts {
			s.body = append(s.body, f.Label, f.Value)
		}
		s.entryBody, s.entry = string(e.Body), e.Entry
		srcs = append(srcs, s)
	}
	for _, a := range articles {
		if s, ok := c.articleSource(a); ok {
			srcs = append(srcs, s)
			continue
		}
		sum := a.Summary
		if sum == "" {
			sum = a.Text
		}
		s := source{
			doc:     Doc{Kind: "article", Title: a.Title, URL: a.Page, Snippet: snippet(sum), Date: formatDate(a)},
			title:   []string{a.Title},
			summary: append([]string{a.Summary, a.Dateline}, a.Tags...),
			body:    append([]string{a.Text}, a.Authors...),
			textSum: a.Sum,
			article: a.Article,
		}
		if a.TextInScratch() {
			s.text = a
		}
		srcs = append(srcs, s)
	}
	return srcs
}

func formatDate(a *link.Article) string {
	if a.Date.IsZero() {
		return ""
	}
	return a.Date.Format("2 January 2006")
}

// snippet shortens s to at most SnippetLen characters, at a word boundary,
// with an ellipsis.
func snippet(s string) string {
	if !textmap.Spaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	if utf8.RuneCountInString(s) <= SnippetLen {
		return s
	}
	cut, end, n := 0, 0, 0
	for i := range s {
		if n == SnippetLen {
			end = i
			break
		}
		if s[i] == ' ' {
			cut = i
		}
		n++
	}
	if cut == 0 {
		cut = end
	}
	return strings.TrimRight(s[:cut], " ,;:.–—-") + "…"
}

// plainText turns an entry body's HTML into text: tags become spaces,
// character references are decoded.
func plainText(h string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		b.WriteByte(' ')
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		h = h[i+j+1:]
	}
	return html.UnescapeString(b.String())
}

type termWeight struct {
	term   string
	weight uint8
}

// analyse returns the terms of a document with their weights, in the order
// they first come. m is an empty table to work in; it is left full.
func analyse(s *source, m *termTable) []termWeight {
	// Per term: the fields' weights in the high byte, the count in the body
	// in the low bits. The terms are slices of the document's normalized
	// text, made in m's buffer.
	text := m.text[:0]
	for _, f := range s.title {
		text = appendTerms(text, f, func(t string) { *m.at(t) |= WeightTitle << 24 })
	}
	for _, f := range s.summary {
		text = appendTerms(text, f, func(t string) { *m.at(t) |= WeightSummary << 24 })
	}
	for _, f := range s.body {
		text = appendTerms(text, f, func(t string) {
			if v := m.at(t); *v&0xffffff < 3 {
				*v++
			}
		})
	}
	m.text = text
	// The buffer serves the next document: the terms are copied into one
	// string, a few bytes for each distinct word instead of the whole text.
	var all strings.Builder
	n := 0
	m.each(func(t string, _ uint32) { n += len(t) })
	all.Grow(n)
	m.each(func(t string, _ uint32) { all.WriteString(t) })
	terms := all.String()
	out := make([]termWeight, 0, m.len())
	m.each(func(t string, v uint32) {
		w := uint8(v >> 24)
		switch {
		case v&0xffffff >= 3:
			w |= WeightBodyMany
		case v&0xffffff > 0:
			w |= WeightBody
		}
		out = append(out, termWeight{terms[:len(t)], w})
		terms = terms[len(t):]
	})
	return out
}

// analysePooled is analyse with a table from tables, a pool of
// *termTable, put back empty.
func analysePooled(tables *sync.Pool, s *source) []termWeight {
	m, _ := tables.Get().(*termTable)
	if m == nil {
		m = &termTable{}
	}
	tws := analyse(s, m)
	m.reset()
	tables.Put(m)
	return tws
}

// Files returns the index's files by path relative to the output folder.
func (ix *Index) Files() (map[string][]byte, error) {
	files := map[string][]byte{}
	h := sha256.New()
	add := func(name string, data []byte) {
		files[Folder+name] = data
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
	}

	bounds := []string{""}
	var (
		shard bytes.Buffer
		prev  string
	)
	flush := func() {
		if shard.Len() == 0 {
			shard.WriteByte('{')
		}
		shard.WriteByte('}')
		add(TermShardFile(len(bounds)-1), slices.Clone(shard.Bytes()))
		shard.Reset()
	}
	for i, t := range ix.terms {
		key, err := marshalTerm(t)
		if err != nil {
			return nil, err
		}
		val := ix.postings[i]
		size := len(key) + len(val) + 4
		if shard.Len() > 0 && shard.Len()+size > ix.opts.ShardSize {
			flush()
			bounds = append(bounds, separatorKey(prev, t))
		}
		if shard.Len() == 0 {
			shard.WriteByte('{')
		} else {
			shard.WriteByte(',')
		}
		shard.Write(key)
		shard.WriteByte(':')
		shard.WriteByte('"')
		shard.WriteString(val)
		shard.WriteByte('"')
		prev = t
	}
	flush()

	per := ix.opts.DocsPerShard
	for lo := 0; lo < len(ix.docs); lo += per {
		docs := ix.docs[lo:min(lo+per, len(ix.docs))]
		data, ok := ix.opts.Cache.docShard(lo/per, docs)
		if !ok {
			var err error
			if data, err = marshal(docs); err != nil {
				return nil, err
			}
			ix.opts.Cache.keepDocShard(lo/per, docs, data)
		}
		add(DocShardFile(lo/per), data)
	}
	ix.opts.Cache.dropDocShards((len(ix.docs) + per - 1) / per)

	foldMap := map[string]string{}
	for r, s := range fold {
		foldMap[string(r)] = s
	}
	m := Manifest{
		Version:      Version,
		Hash:         hex.EncodeToString(h.Sum(nil))[:12],
		Docs:         len(ix.docs),
		DocShard:     per,
		Shards:       bounds,
		Page:         ix.opts.PageSize,
		PrefixShards: ix.opts.PrefixShards,
		MinPrefix:    ix.opts.MinPrefix,
		Stop:         stopWords,
		Fold:         foldMap,
		Labels:       labels,
	}
	data, err := marshal(m)
	if err != nil {
		return nil, err
	}
	files[Folder+ManifestFile] = data
	return files, nil
}

// separatorKey returns the shortest prefix of next that is above prev (prev
// < next): the bound of the shard next starts.
func separatorKey(prev, next string) string {
	for i := range next {
		if i > 0 && compareUTF16(next[:i], prev) > 0 {
			return next[:i]
		}
	}
	return next
}

// marshalTerm encodes a term as a JSON string, as marshal does: a term of
// lower-case ASCII letters and digits, as most are, needs no escapes.
func marshalTerm(t string) ([]byte, error) {
	for i := 0; i < len(t); i++ {
		if c := t[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return marshal(t)
		}
	}
	b := make([]byte, 0, len(t)+2)
	b = append(b, '"')
	b = append(b, t...)
	return append(b, '"'), nil
}

// marshal encodes v as compact JSON; maps come out with sorted keys. It
// escapes <, > and & (as \u003c and so on), so that markup in a title stays
// inert even where a host serves the file as HTML.
func marshal(v any) ([]byte, error) {
	return json.Marshal(v)
}

// Output writes the search index of a site under search/; see the package
// documentation for the format.
type Output struct {
	Options Options
}

// Files implements render.Output.
func (o Output) Files(site *link.Site) (map[string][]byte, error) {
	ix, err := Build(site, o.Options)
	if err != nil {
		return nil, err
	}
	return ix.Files()
}

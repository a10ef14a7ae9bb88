// Package corpusgen writes synthetic gloss sites of any size for the
// benchmarks: a site.yaml, articles of about 900 words with every kind of
// Markdown gloss handles (headings, lists, block quotes, emphasis, inline
// code, fenced code, links to the web and to other articles, explicit and
// implicit glossary mentions, possessives) and three annotations each, and a
// glossary of people and places, some with non-ASCII names.
//
// The output is deterministic: every random choice comes from math/rand/v2's
// PCG seeded with constants (and the article or entry number), so the same
// options give the same bytes on every run and machine. Article i is the
// same whatever the number of articles, apart from the choice of the other
// article it links to; it does depend on the number of entries.
//
// The site builds without errors, and without warnings when it has at least
// as many articles as entries: every annotation quote occurs exactly once
// in its article (each quoted sentence carries the article's number and a
// word no other sentence uses), surnames are unique, so no alias is claimed
// twice, and names never collide with the words of the filler text.
//
// It lives in _benchmark, which ./... patterns skip, and is imported by
// generator/bench_test.go and by the command _benchmark/corpus.
package corpusgen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/glossdev/gloss/generator/content"
)

// Options size a corpus.
type Options struct {
	Articles int // number of articles, at least 1
	Entries  int // number of glossary entries, at least 1
}

// Seeds of the random streams. Changing one changes every corpus.
const (
	seedNames    = 0x676c6f7373_0001
	seedEntries  = 0x676c6f7373_0002
	seedArticles = 0x676c6f7373_0003
	seedMeta     = 0x676c6f7373_0004
)

// Folders of a site, as content.Load reads them.
const (
	SiteFile    = "content/site.yaml"
	ArticlesDir = "content/articles"
	GlossaryDir = "content/glossary"
)

// Write writes a complete site folder into dir, creating it if needed. dir
// must not already hold a content/ folder, so that no earlier corpus's
// files are mixed in.
func Write(dir string, opt Options) error {
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return fmt.Errorf("%s already holds a content/ folder; write the corpus into a new folder", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	made := map[string]bool{}
	return Generate(opt, func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		return os.WriteFile(p, data, 0o644)
	})
}

// Generate calls emit for every file of the site, in a fixed order, with
// slash-separated paths relative to the site folder. It stops at the first
// error emit returns.
func Generate(opt Options, emit func(name string, data []byte) error) error {
	if opt.Articles < 1 || opt.Entries < 1 {
		return fmt.Errorf("corpusgen: want at least 1 article and 1 entry, got %d and %d", opt.Articles, opt.Entries)
	}
	g := newGen(opt)
	if err := emit(SiteFile, []byte(siteYAML)); err != nil {
		return err
	}
	for i := range g.entries {
		if err := emit(path.Join(GlossaryDir, g.entries[i].id+".md"), g.entryFile(i)); err != nil {
			return err
		}
	}
	for i := range opt.Articles {
		m := g.meta(i)
		if err := emit(path.Join(ArticlesDir, m.slug+".md"), g.articleFile(i, m)); err != nil {
			return err
		}
	}
	return nil
}

const siteYAML = `title: "gloss benchmark corpus"
baseURL: "https://example.org/bench/"
language: en
description: "A synthetic site written by _benchmark/corpus for gloss's benchmarks."
autolink: first
`

type entry struct {
	id, name, kind string
	first, surname string // people only
	lat, lon       float64
}

type gen struct {
	opt     Options
	entries []entry
	places  []int // indexes of the place entries
}

func newGen(opt Options) *gen {
	g := &gen{opt: opt}
	people, places := names(opt.Entries)
	ids := map[string]bool{}
	pi, qi := 0, 0
	for i := range opt.Entries {
		var e entry
		// Two people to every place.
		if (i%3 == 2 && qi < len(places)) || pi == len(people) {
			e = places[qi]
			qi++
		} else {
			e = people[pi]
			pi++
		}
		e.id = ID(e.name)
		for n := 2; ids[e.id]; n++ {
			e.id = ID(e.name) + "-" + strconv.Itoa(n)
		}
		ids[e.id] = true
		if e.kind == content.KindPlace {
			g.places = append(g.places, i)
		}
		g.entries = append(g.entries, e)
	}
	return g
}

// Names with letters beyond ASCII, used before the made-up ones.
var (
	specialPeople = [][2]string{
		{"Ömer", "Çelik"}, {"Мария", "Иванова"}, {"Zoë", "Ångström"}, {"Łukasz", "Wróbel"},
		{"Σοφία", "Παπαδοπούλου"}, {"José", "Núñez"}, {"Søren", "Bækgaard"}, {"François", "Lefèvre"},
		{"Jürgen", "Weiß"}, {"Ana", "Kovačević"}, {"Олександр", "Шевчук"}, {"İlkay", "Dağdelen"},
	}
	specialPlaces = []string{
		"Kraków", "Malmö", "Reykjavík", "Besançon", "Düzce", "Новосибирск", "Tromsø", "Šiauliai",
	}
	firstNames = []string{
		"Anna", "Oleksandr", "Marta", "Jonas", "Elif", "Tomás", "Zoë", "Ömer", "Jiří", "Ingrid",
		"Kwame", "Leila", "Mateo", "Nadia", "Pavel", "Sanna", "Yusuf", "Irina", "Chidi", "Agnieszka",
		"Björn", "Renée", "Dmitri", "Hana", "Luca", "Selin", "Tariq", "Greta", "Iván", "Maëlle",
	}
	surnameHeads = []string{
		"Kov", "Bren", "Dal", "Ost", "Mar", "Vel", "Hal", "Tor", "Rad", "Sev", "Lun", "Bar", "Gor", "Fen",
		"Kar", "Lis", "Mor", "Nor", "Pel", "Ruv", "Sol", "Tam", "Zar", "Ørn", "Çal", "Şen", "Dür", "Brø",
	}
	surnameMids  = []string{"", "a", "e", "i", "o", "an", "el", "or", "ur"}
	surnameTails = []string{
		"enko", "ström", "oğlu", "ski", "ová", "idis", "ez", "ani", "berg", "escu",
		"ov", "sen", "ić", "ouli", "mann", "yan", "ero", "aitis", "uk", "ard",
	}
	placeHeads = []string{
		"Vel", "Bras", "Dor", "Kal", "Mir", "Nov", "Os", "Pra", "Rud", "Sar", "Tul", "Zel", "Hav", "Lom",
		"Ber", "Gran", "Ærl", "Vik",
	}
	placeMids  = []string{"", "a", "e", "o", "in"}
	placeTails = []string{
		"ovo", "grad", "heim", "ville", "ica", "burg", "ów", "köy", "by", "polis", "ton", "ava", "stad", "øy", "ac",
	}
)

// names returns enough people and places for n entries: the special names
// first, then made-up ones, every surname and place name unique (by id, so
// also unique ignoring case and accents) and no name a word of the filler.
func names(n int) (people, places []entry) {
	r := rand.New(rand.NewPCG(seedNames, 1))
	used := map[string]bool{}
	for _, w := range fillerWords() {
		used[ID(w)] = true
	}
	claim := func(s string) bool {
		k := ID(s)
		if k == "" || used[k] {
			return false
		}
		used[k] = true
		return true
	}
	nPlaces := n / 3
	nPeople := n - nPlaces
	for _, p := range specialPeople {
		if len(people) < nPeople && claim(p[1]) {
			people = append(people, entry{name: p[0] + " " + p[1], kind: content.KindPerson, first: p[0], surname: p[1]})
		}
	}
	for _, p := range specialPlaces {
		if len(places) < nPlaces && claim(p) {
			places = append(places, entry{name: p, kind: content.KindPlace})
		}
	}
	surnames := shuffledNames(r, surnameHeads, surnameMids, surnameTails)
	for _, s := range surnames {
		if len(people) == nPeople {
			break
		}
		if claim(s) {
			f := firstNames[r.IntN(len(firstNames))]
			people = append(people, entry{name: f + " " + s, kind: content.KindPerson, first: f, surname: s})
		}
	}
	towns := shuffledNames(r, placeHeads, placeMids, placeTails)
	for _, s := range towns {
		if len(places) == nPlaces {
			break
		}
		if claim(s) {
			places = append(places, entry{name: s, kind: content.KindPlace})
		}
	}
	// Past the syllable tables' size (about 5,000 people), number the rest.
	for k := 1; len(people) < nPeople; k++ {
		s := surnames[k%len(surnames)] + "-" + lettersOf(k)
		if claim(s) {
			people = append(people, entry{name: firstNames[k%len(firstNames)] + " " + s, kind: content.KindPerson,
				first: firstNames[k%len(firstNames)], surname: s})
		}
	}
	for k := 1; len(places) < nPlaces; k++ {
		s := towns[k%len(towns)] + "-" + lettersOf(k)
		if claim(s) {
			places = append(places, entry{name: s, kind: content.KindPlace})
		}
	}
	pr := rand.New(rand.NewPCG(seedNames, 2))
	for i := range places {
		places[i].lat = float64(pr.IntN(1_600_000)-800_000) / 10_000
		places[i].lon = float64(pr.IntN(3_600_000)-1_800_000) / 10_000
	}
	return people, places
}

// lettersOf spells k in lower-case letters (1 → "Ab", 2 → "Ac", …), so that
// numbered names stay words.
func lettersOf(k int) string {
	var b []byte
	for ; k > 0; k /= 26 {
		b = append(b, byte('a'+k%26))
	}
	return "A" + string(b)
}

// ID turns a name into a valid gloss id: content.Suggest after spelling
// Cyrillic and Greek in Latin letters and replacing the Latin letters that
// have no decomposition ("Łukasz Wróbel" → "lukasz-wrobel").
func ID(name string) string {
	var b strings.Builder
	for _, r := range name {
		lr := unicode.ToLower(r)
		if s, ok := translit[lr]; ok {
			if unicode.IsUpper(r) && s != "" {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			b.WriteString(s)
			continue
		}
		b.WriteRune(r)
	}
	return content.Suggest(b.String())
}

var translit = func() map[rune]string {
	m := map[rune]string{'ł': "l", 'ø': "o", 'æ': "ae", 'ß': "ss", 'đ': "d", 'þ': "th", 'ð': "d", 'œ': "oe"}
	cyr := []string{"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ё", "e", "ж", "zh", "з", "z",
		"и", "i", "й", "i", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s",
		"т", "t", "у", "u", "ф", "f", "х", "kh", "ц", "ts", "ч", "ch", "ш", "sh", "щ", "shch", "ъ", "",
		"ы", "y", "ь", "", "э", "e", "ю", "iu", "я", "ia", "і", "i", "ї", "i", "є", "ie", "ґ", "g"}
	grk := []string{"α", "a", "ά", "a", "β", "v", "γ", "g", "δ", "d", "ε", "e", "έ", "e", "ζ", "z", "η", "i",
		"ή", "i", "θ", "th", "ι", "i", "ί", "i", "κ", "k", "λ", "l", "μ", "m", "ν", "n", "ξ", "x", "ο", "o",
		"ό", "o", "π", "p", "ρ", "r", "σ", "s", "ς", "s", "τ", "t", "υ", "y", "ύ", "y", "φ", "f", "χ", "ch",
		"ψ", "ps", "ω", "o", "ώ", "o"}
	for _, list := range [][]string{cyr, grk} {
		for i := 0; i < len(list); i += 2 {
			m[[]rune(list[i])[0]] = list[i+1]
		}
	}
	return m
}()

// yq quotes s as a YAML double-quoted scalar.
func yq(s string) string { return strconv.Quote(s) }

// entryFile writes entry i.
func (g *gen) entryFile(i int) []byte {
	e := g.entries[i]
	r := rand.New(rand.NewPCG(seedEntries, uint64(i)))
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "name: %s\nkind: %s\n", yq(e.name), e.kind)
	var role, summary string
	if e.kind == content.KindPerson {
		fmt.Fprintf(&b, "aliases: [%s]\n", yq(e.surname))
		role = pick(r, personRoles)
		summary = fmt.Sprintf("%s is a %s who has taken part in several rounds of the talks. %s is known for %s.",
			e.name, role, e.surname, pick(r, knownFor))
		fmt.Fprintf(&b, "role: %s\nsort_as: %s\n", yq(upperFirst(role)), yq(e.surname))
	} else {
		role = pick(r, placeRoles)
		summary = fmt.Sprintf("%s is a %s that has hosted meetings between the delegations. It is known for %s.",
			e.name, role, pick(r, knownFor))
		fmt.Fprintf(&b, "role: %s\n", yq(upperFirst(role)))
	}
	fmt.Fprintf(&b, "summary: %s\n", yq(summary))
	b.WriteString("facts:\n")
	if e.kind == content.KindPerson {
		fmt.Fprintf(&b, "  - { label: \"Born\", value: \"%d\" }\n", 1940+r.IntN(60))
		fmt.Fprintf(&b, "  - { label: \"In office\", value: \"since %d\" }\n", 2005+r.IntN(20))
	} else {
		fmt.Fprintf(&b, "  - { label: \"Population\", value: \"about %d,000\" }\n", 5+r.IntN(900))
		fmt.Fprintf(&b, "coordinates: [%.4f, %.4f]\n", e.lat, e.lon)
	}
	fmt.Fprintf(&b, "links:\n  - { title: %s, url: \"https://example.org/glossary/%s\" }\n", yq("Profile: "+e.name), e.id)
	if len(g.entries) > 1 {
		a := g.other(r, i)
		c := g.other(r, i)
		if c == a {
			fmt.Fprintf(&b, "related: [%s]\n", yq(g.entries[a].id))
		} else {
			fmt.Fprintf(&b, "related: [%s, %s]\n", yq(g.entries[a].id), yq(g.entries[c].id))
		}
	}
	b.WriteString("---\n\n")
	for p := range 2 {
		for s := range 3 {
			if s > 0 {
				b.WriteByte(' ')
			}
			if s == 1 && len(g.entries) > 1 {
				o := g.entries[g.other(r, i)]
				if o.kind == content.KindPerson {
					fmt.Fprintf(&b, "%s worked closely with %s on %s.", subjectOf(e), o.name, pick(r, topics))
				} else {
					fmt.Fprintf(&b, "%s took part in the talks on %s held in %s.", subjectOf(e), pick(r, topics), o.name)
				}
				continue
			}
			b.WriteString(sentence(r))
		}
		if p == 0 {
			b.WriteString("\n\n")
		}
	}
	b.WriteString("\n")
	return []byte(b.String())
}

func subjectOf(e entry) string {
	if e.kind == content.KindPerson {
		return e.surname
	}
	return "The city council of " + e.name
}

// other picks an entry other than i.
func (g *gen) other(r *rand.Rand, i int) int {
	o := r.IntN(len(g.entries) - 1)
	if o >= i {
		o++
	}
	return o
}

type articleMeta struct {
	slug, title, summary string
	place                string
	date                 time.Time
}

// meta returns the name and title of article i; other articles link to it.
func (g *gen) meta(i int) articleMeta {
	r := rand.New(rand.NewPCG(seedMeta, uint64(i)))
	topic := pick(r, titleTopics)
	place := "the capital"
	if len(g.places) > 0 {
		place = g.entries[g.places[r.IntN(len(g.places))]].name
	}
	m := articleMeta{
		title: fmt.Sprintf("%s in %s: %s", topic, place, pick(r, titleHooks)),
		place: place,
		date:  time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(6*365)),
	}
	m.slug = ID(topic+" "+place) + "-" + strconv.Itoa(i+1)
	m.summary = fmt.Sprintf("%s in %s, and what it means for the next round.", topic, place)
	return m
}

// mention is one planned mention of an entry in an article.
type mention struct {
	e    int
	form int // formFull, formSurname, formPossessive
}

const (
	formFull = iota
	formSurname
	formPossessive
)

// articleFile writes article i.
func (g *gen) articleFile(i int, m articleMeta) []byte {
	n := i + 1
	r := rand.New(rand.NewPCG(seedArticles, uint64(i)))

	// The entries the article is about, and how it will name them: people
	// by full name, then surname, then possessive; places twice by name.
	// Article i is always about entry i mod M, so that with at least as many
	// articles as entries every entry is mentioned (and none is warned about).
	k := min(len(g.entries), 5+r.IntN(4))
	chosen := []int{i % len(g.entries)}
	for len(chosen) < k {
		if e := r.IntN(len(g.entries)); !slices.Contains(chosen, e) {
			chosen = append(chosen, e)
		}
	}
	var plan []mention
	for form := formFull; form <= formPossessive; form++ {
		for _, e := range chosen {
			if g.entries[e].kind == content.KindPerson || form < formPossessive {
				plan = append(plan, mention{e: e, form: form})
			}
		}
	}
	person := -1
	for _, e := range chosen {
		if g.entries[e].kind == content.KindPerson {
			person = e
			break
		}
	}
	w := &writer{g: g, r: r, plan: plan}

	// The three quoted sentences: each holds the article number and a word
	// ("convoy", "framework", "session") that no other sentence uses.
	q1Sentence := fmt.Sprintf("According to the ministry, *convoy %d-A* reached the border crossing before dawn.", n)
	q1 := fmt.Sprintf("convoy %d-A reached the border crossing before dawn", n)
	who := "The envoy"
	if person >= 0 {
		who = g.entries[person].surname
	}
	q2Sentence := fmt.Sprintf("%s described the plan as a framework for phase %d of the talks.", who, n)
	q2 := fmt.Sprintf("%s described the plan as a framework for phase %d of the talks", who, n)
	q3Sentence := fmt.Sprintf("The record of session %d ran to forty pages and was shared with both delegations.", n)
	q3 := fmt.Sprintf("record of session %d ran to forty pages", n)

	var fm strings.Builder
	fm.WriteString("---\n")
	fmt.Fprintf(&fm, "title: %s\ndate: %s\nsummary: %s\ndateline: %s\n", yq(m.title), m.date.Format("2006-01-02"),
		yq(m.summary), yq(strings.ToUpper(m.place)))
	fmt.Fprintf(&fm, "authors: [%s]\n", yq(pick(r, authors)))
	t1 := r.IntN(len(tags))
	t2 := (t1 + 1 + r.IntN(len(tags)-1)) % len(tags)
	fmt.Fprintf(&fm, "tags: [%s, %s]\n", tags[t1], tags[t2])
	fm.WriteString("annotations:\n")
	fmt.Fprintf(&fm, "  - quote: %s\n    kind: fact-check\n    id: convoy\n    note: %s\n", yq(q1),
		yq(fmt.Sprintf("The ministry's log gives 05:40 for convoy %d-A; the crossing opens at 06:00, so the convoy *waited* at the gate.", n)))
	fmt.Fprintf(&fm, "  - quote: %s\n    kind: context\n    note: %s\n", yq(q2),
		yq(fmt.Sprintf("Phase %d covers prisoner exchanges and the return of civilians.\n\nIt was first proposed a year earlier.", n)))
	fmt.Fprintf(&fm, "  - quote: %s\n    kind: source\n    note: %s\n    source: { title: %s, url: \"https://example.org/records/%d\" }\n",
		yq(q3), yq("The record was published in full by the secretariat."), yq(fmt.Sprintf("Record of session %d", n)), n)
	fm.WriteString("---\n\n")

	const target = 900
	// Introduction.
	w.paragraph(4+r.IntN(2), "")
	w.paragraph(4+r.IntN(2), q1Sentence)
	heads := r.Perm(len(headings))
	for s := range 4 {
		w.printf("## %s\n\n", headings[heads[s]])
		switch s {
		case 0:
			w.paragraph(4+r.IntN(2), "")
			w.bullets()
		case 1:
			w.paragraph(4+r.IntN(2), q2Sentence)
			w.blockquote()
		case 2:
			w.paragraph(4+r.IntN(2), fmt.Sprintf("The draft, filed as `plan-%d.json`, noted that %s.", n, pick(r, clauses)))
			w.code(n)
		case 3:
			other := ""
			if g.opt.Articles > 1 {
				o := r.IntN(g.opt.Articles - 1)
				if o >= i {
					o++
				}
				other = fmt.Sprintf("For the background, see [our earlier report](%s.md) and [the full statement](https://example.org/statements/%d).",
					g.meta(o).slug, n)
			}
			w.paragraph(4+r.IntN(2), other)
			w.numbered()
			w.paragraph(3, q3Sentence)
		}
		// Fill each section to its share of the words.
		for w.words < target*(s+2)/5-60 {
			w.paragraph(4+r.IntN(2), "")
		}
	}
	// Name whoever the plan has left, and refer to one place explicitly.
	for len(w.plan) > 0 {
		w.paragraph(3, "")
	}
	if len(g.places) > 0 {
		p := g.entries[g.places[r.IntN(len(g.places))]]
		w.printf("Officials said [the city](glossary:%s) would host the next meeting.\n\n", p.id)
	}
	return []byte(fm.String() + w.b.String())
}

// writer writes an article's body, counting its words and drawing the
// planned mentions into its sentences.
type writer struct {
	g     *gen
	r     *rand.Rand
	b     strings.Builder
	words int
	plan  []mention
}

func (w *writer) printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	w.words += len(strings.Fields(s))
	w.b.WriteString(s)
}

// paragraph writes n sentences; extra, when not empty, goes in the middle.
func (w *writer) paragraph(n int, extra string) {
	var ss []string
	for j := range n {
		if extra != "" && j == n/2 {
			ss = append(ss, extra)
		}
		ss = append(ss, w.sentence())
	}
	// A soft line break inside the paragraph: mentions must be found across it.
	text := strings.Join(ss[:len(ss)/2], " ") + "\n" + strings.Join(ss[len(ss)/2:], " ")
	w.printf("%s\n\n", text)
}

// sentence writes a filler sentence, naming the next planned entry about
// every other time.
func (w *writer) sentence() string {
	if len(w.plan) == 0 || w.r.IntN(2) == 0 {
		return sentence(w.r)
	}
	m := w.plan[0]
	w.plan = w.plan[1:]
	e := w.g.entries[m.e]
	r := w.r
	if e.kind == content.KindPlace {
		if m.form == formFull {
			return fmt.Sprintf("In %s, %s %s that %s.", e.name, lowerFirst(pick(r, subjects)), pick(r, verbs), pick(r, clauses))
		}
		return fmt.Sprintf("Delegates who travelled to %s %s that %s.", e.name, pick(r, verbs), pick(r, clauses))
	}
	switch m.form {
	case formFull:
		return fmt.Sprintf("%s, who %s, %s that %s.", e.name, pick(r, asides), pick(r, verbs), pick(r, clauses))
	case formSurname:
		return fmt.Sprintf("%s %s that %s%s.", e.surname, pick(r, verbs), pick(r, clauses), pick(r, tails))
	default:
		return fmt.Sprintf("In %s's view, %s.", e.surname, pick(r, clauses))
	}
}

func (w *writer) bullets() {
	n := 3 + w.r.IntN(3)
	for j := range n {
		if j == 1 && len(w.plan) > 0 {
			w.printf("- %s\n", w.sentence())
			continue
		}
		w.printf("- %s.\n", upperFirst(pick(w.r, clauses)))
	}
	w.printf("\n")
}

func (w *writer) numbered() {
	for j := range 3 {
		w.printf("%d. **%s**: %s.\n", j+1, pick(w.r, steps), pick(w.r, clauses))
	}
	w.printf("\n")
}

func (w *writer) blockquote() {
	w.printf("> “%s,” %s said.\n>\n> %s\n\n", upperFirst(pick(w.r, clauses)), lowerFirst(pick(w.r, subjects)), w.sentence())
}

func (w *writer) code(n int) {
	w.printf("```json\n{\n  \"article\": %d,\n  \"round\": %d,\n  \"status\": %q,\n  \"items\": [\"%s\", \"%s\"]\n}\n```\n\n",
		n, 1+w.r.IntN(9), pick(w.r, statuses), pick(w.r, statuses), pick(w.r, statuses))
}

// sentence returns a sentence of filler without names.
func sentence(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %s that %s, but *%s*.", pick(r, subjects), pick(r, verbs), pick(r, clauses), pick(r, caveats))
	case 1:
		return fmt.Sprintf("%s %s that the `%s` clause %s.", pick(r, subjects), pick(r, verbs), pick(r, codeWords), pick(r, outcomes))
	default:
		return fmt.Sprintf("%s %s that %s%s.", pick(r, subjects), pick(r, verbs), pick(r, clauses), pick(r, tails))
	}
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func upperFirst(s string) string {
	for _, c := range s {
		return string(unicode.ToUpper(c)) + s[len(string(c)):]
	}
	return s
}

func lowerFirst(s string) string {
	for _, c := range s {
		return string(unicode.ToLower(c)) + s[len(string(c)):]
	}
	return s
}

// The filler's vocabulary. None of "convoy", "framework" or "session" may
// appear here: those words mark the quoted sentences.
var (
	subjects = []string{
		"The delegation", "Negotiators", "The foreign ministry", "Local officials", "International observers",
		"The mediators", "Regional authorities", "Aid workers", "Several analysts", "The opposition",
		"Diplomats", "The defence ministry", "Union leaders", "The city council", "Journalists",
	}
	verbs = []string{
		"said", "argued", "warned", "noted", "insisted", "acknowledged", "reported", "suggested", "confirmed", "claimed",
	}
	clauses = []string{
		"the talks would resume after a short pause",
		"the proposal still needed a great deal of work",
		"both sides had agreed to exchange written drafts",
		"the timetable was more ambitious than anyone had expected",
		"a ceasefire remained out of reach for now",
		"the humanitarian corridor had stayed open through the night",
		"the new plan borrowed heavily from earlier drafts",
		"trust between the teams was still in short supply",
		"the technical groups would meet again within days",
		"the question of guarantees had not been settled",
		"public support for the process was slowly growing",
		"the harbour had reopened to grain shipments",
		"the border checkpoints were running at half capacity",
		"the schedule had slipped by at least a week",
		"the last round ended without a joint statement",
		"the prisoner lists had been checked twice",
		"energy infrastructure would be discussed separately",
		"the observers needed better access to the front line",
	}
	tails = []string{
		"", "", ", according to people familiar with the matter", " in a statement on Tuesday",
		", speaking on condition of anonymity", " after a long day of meetings", " in a televised interview",
		", though few details were given",
	}
	caveats = []string{
		"nobody expected a quick result", "the details were vague", "the mood was tense",
		"the room was divided", "no date was set",
	}
	outcomes = []string{
		"was dropped from the final text", "remained under discussion", "was rewritten overnight",
		"had support from both teams", "was left for the next round",
	}
	codeWords = []string{"sunset", "review", "guarantee", "amnesty", "corridor", "exchange"}
	asides    = []string{
		"has followed the process from the start", "joined the talks last spring",
		"leads one of the working groups", "spoke briefly to reporters", "rarely gives interviews",
	}
	headings = []string{
		"What was agreed", "The road to the talks", "Who was at the table", "What comes next",
		"The sticking points", "Reactions at home", "The numbers", "Background",
	}
	steps    = []string{"Prisoners", "Corridors", "Guarantees", "Monitoring", "Energy", "Sanctions"}
	statuses = []string{"draft", "pending", "agreed", "rejected", "deferred"}
	topics   = []string{
		"the prisoner exchanges", "the grain corridor", "the monitoring mission", "the energy truce",
		"the written proposals",
	}
	titleTopics = []string{
		"Talks resume", "A prisoner exchange", "Ceasefire plans stall", "Mediators meet",
		"A new round of talks", "Grain shipments restart", "Observers arrive", "Delegations trade drafts",
	}
	titleHooks = []string{
		"what we know", "the key points", "who was there", "what changes", "what happens next",
	}
	authors     = []string{"Bench Desk", "Wire Desk", "Explainers Desk", "Foreign Desk"}
	tags        = []string{"diplomacy", "talks", "prisoners", "energy", "humanitarian", "analysis"}
	personRoles = []string{
		"negotiator", "deputy foreign minister", "presidential aide", "mediator", "defence official",
		"opposition leader", "envoy",
	}
	placeRoles = []string{"port city", "border town", "regional capital", "river town", "spa town"}
	knownFor   = []string{
		"a careful, technical approach", "blunt public statements", "its conference halls",
		"long working days", "a network of contacts on both sides",
	}
)

// fillerWords returns every word the filler text uses, which no name may be.
func fillerWords() []string {
	var out []string
	for _, list := range [][]string{subjects, verbs, clauses, tails, caveats, outcomes, codeWords, asides,
		headings, steps, statuses, topics, titleTopics, titleHooks, authors, tags, personRoles, placeRoles, knownFor} {
		for _, s := range list {
			out = append(out, strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })...)
		}
	}
	return append(out, "convoy", "framework", "session", "ministry", "envoy", "phase", "record", "city")
}

// shuffledNames returns every name made of a head, a middle and a tail, in
// an order drawn from r.
func shuffledNames(r *rand.Rand, heads, mids, tails []string) []string {
	var names []string
	for _, h := range heads {
		for _, m := range mids {
			for _, t := range tails {
				names = append(names, h+m+t)
			}
		}
	}
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names
}

// Package content loads a site's articles and glossary entries from an fs.FS
// and checks their front matter. It is the first stage of a build: load →
// link → render → write.
package content

import (
	"time"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/digest"
)

// Folders of a site, relative to the site folder.
const (
	ArticlesDir = "content/articles"
	GlossaryDir = "content/glossary"
)

// Entry kinds.
const (
	KindPerson       = "person"
	KindPlace        = "place"
	KindOrganization = "organization"
	KindEvent        = "event"
)

// Kinds lists the entry kinds in the order the glossary shows them.
var Kinds = []string{KindPerson, KindPlace, KindOrganization, KindEvent}

// Site is everything a build reads from a site folder.
type Site struct {
	Config   *config.Site
	Articles []*Article // sorted newest first, then by slug
	Entries  []*Entry   // sorted by id
}

// File is a content file: its normalized source and where its body starts.
type File struct {
	// Path is slash-separated, relative to the site folder.
	Path string
	// Source is the file's text with any byte-order mark removed and line
	// endings normalized to "\n"; positions refer to it.
	Source []byte
	// Sum digests the file's bytes as read when Load had a Cache (it is
	// zero otherwise), for the caches that must know whether it changed.
	Sum digest.Sum
	// BodyOffset is where the Markdown body starts in Source.
	BodyOffset int
	// Lines maps offsets in Source to lines and columns.
	Lines *diag.Lines
}

// Pos is a place in a file.
type Pos struct{ Line, Col int }

// Article is one explainer.
type Article struct {
	File
	Title    string
	Date     time.Time
	Updated  time.Time // zero when not set
	Summary  string
	Dateline string
	Authors  []string
	Tags     []string
	Draft    bool
	Slug     string
	// Autolink overrides the site's policy when not empty.
	Autolink    string
	Annotations []*Annotation
}

// Annotation kinds.
const (
	NoteContext    = "context"
	NoteFactCheck  = "fact-check"
	NoteSource     = "source"
	NoteCorrection = "correction"
	NoteQuote      = "quote"
)

// NoteKinds lists the annotation kinds.
var NoteKinds = []string{NoteContext, NoteFactCheck, NoteSource, NoteCorrection, NoteQuote}

// Annotation is a note attached to an exact quote in an article.
type Annotation struct {
	ID     string
	Quote  string
	Prefix string
	Suffix string
	Kind   string
	Note   string // Markdown
	Source *Link
	// Pos is where the annotation starts in the front matter.
	Pos Pos
	// QuotePos is where its quote is written.
	QuotePos Pos
}

// Link is a titled URL.
type Link struct {
	Title string
	URL   string
}

// Fact is a labelled fact shown on an entry page.
type Fact struct {
	Label string
	Value string
}

// Alias is a name under which an entry is mentioned.
type Alias struct {
	Text string
	Pos  Pos
}

// Ref is a reference to an entry by id, with where it is written.
type Ref struct {
	ID  string
	Pos Pos
}

// Entry is a glossary entry: a person, place, organization or event.
type Entry struct {
	File
	ID      string
	Name    string
	Kind    string
	Role    string
	Summary string
	SortAs  string
	// Aliases holds the name first, then the aliases as written.
	Aliases     []Alias
	MatchCase   bool
	Facts       []Fact
	Coordinates *[2]float64
	Image       string
	ImageAlt    string
	Links       []Link
	Related     []Ref
	// KindPos and NamePos are where kind and name are written.
	NamePos Pos
}

// SortKey is the key entries are ordered by in lists.
func (e *Entry) SortKey() string {
	if e.SortAs != "" {
		return e.SortAs
	}
	return e.Name
}

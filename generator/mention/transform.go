package mention

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/urls"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Mention is one mention of an entry in a document, linked or not.
type Mention struct {
	Entry *content.Entry
	// ID is the mention's element id in the page.
	ID string
	// Linked tells whether the mention is a link (the policy's choice, or
	// an explicit reference).
	Linked bool
	// Explicit marks a [text](glossary:id) reference.
	Explicit bool
	// Offset is where the mention starts in the file.
	Offset int
	// Text is the mention as written; Before and After are the rest of its
	// sentence.
	Text, Before, After string
	// Alias is the index of the alias matched in the entry's aliases, or -1
	// for explicit references.
	Alias int
}

// Options say how mentions are handled in one document.
type Options struct {
	// Policy is first, all or none.
	Policy string
	// Self, when set, is the id of the entry whose own page this is; its
	// mentions of itself are left alone.
	Self string
	// Cards ties linked mentions to the entries' cards, which the page
	// must hold (articles list them under "In this story").
	Cards bool
}

// Result is what the transformer found in one document.
type Result struct {
	Mentions []Mention
}

type state struct {
	opts    Options
	result  *Result
	entries map[*content.Entry]*entryState // the entries mentioned so far
	nodes   []*Node                        // mention nodes, in order, parallel to result.Mentions
}

// entryState is what a document knows of an entry it mentions.
type entryState struct {
	count  int    // mentions so far
	linked bool   // whether one was linked
	href   string // the entry's page, relative to the document's
}

// entry returns the state of e, made on its first mention.
func (st *state) entry(e *content.Entry, page string) *entryState {
	es := st.entries[e]
	if es == nil {
		es = &entryState{href: urls.Rel(page, urls.Entry(e.ID))}
		st.entries[e] = es
	}
	return es
}

type stateKey struct{}

// Prepare sets the options for doc and returns where the result will be.
func Prepare(doc *markdown.Doc, opts Options) *Result {
	if doc.State == nil {
		doc.State = map[any]any{}
	}
	r := &Result{}
	doc.State[stateKey{}] = &state{opts: opts, result: r, entries: map[*content.Entry]*entryState{}}
	return r
}

// Transformer links mentions in every document prepared with Prepare.
type Transformer struct {
	m     *Matcher
	byID  map[string]*content.Entry
	units textmap.Pool
	// joined holds *textmap.Joined buffers, reused like units.
	joined sync.Pool
	// found holds *[]Mention buffers that documents' mentions are
	// gathered in before they get a slice of their own size.
	found sync.Pool
}

// NewTransformer returns a transformer that uses m.
func NewTransformer(m *Matcher) *Transformer {
	t := &Transformer{m: m, byID: map[string]*content.Entry{}}
	for _, e := range m.entries {
		t.byID[e.ID] = e
	}
	return t
}

// Transform implements parser.ASTTransformer.
func (t *Transformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	doc := markdown.DocOf(pc)
	if doc == nil {
		return
	}
	st, ok := doc.State[stateKey{}].(*state)
	if !ok {
		return
	}
	joined, _ := t.joined.Get().(*textmap.Joined)
	if joined == nil {
		joined = new(textmap.Joined)
	}
	w := &walker{t: t, doc: doc, st: st, src: reader.Source(), units: t.units.Get(), joined: joined}
	found, _ := t.found.Get().(*[]Mention)
	if found == nil {
		found = new([]Mention)
	}
	st.result.Mentions = (*found)[:0]
	w.walk(root)
	w.contexts()
	t.units.Put(w.units)
	if cap(joined.Text) <= 1<<20 {
		t.joined.Put(joined) // the pool keeps no huge buffers
	}
	// The mentions outlive the document: they get a slice of their size,
	// and the buffer goes back to the pool, without its pointers.
	ms := st.result.Mentions
	st.result.Mentions = nil
	if len(ms) > 0 {
		st.result.Mentions = slices.Clone(ms)
	}
	clear(ms)
	*found = ms[:0]
	t.found.Put(found)
}

type walker struct {
	t   *Transformer
	doc *markdown.Doc
	st  *state
	src []byte
	// buffers reused from run to run
	units  []textmap.Unit
	joined *textmap.Joined
	pieces []piece
	values [][]byte
	places []place
}

// place is where a match is in the pieces of a run: its first and last
// pieces, and where it starts and ends in them.
type place struct{ first, last, start, end int }

// walk visits n's children in document order, linking mentions in runs of
// text and skipping the places mentions never go.
func (w *walker) walk(n ast.Node) {
	rawDepth := 0 // open raw HTML elements among the siblings so far
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if rawDepth > 0 && c.Kind() != ast.KindRawHTML {
			// Text inside raw HTML (<a href=…>Kyiv</a>) is left alone.
			c = next
			continue
		}
		switch c.Kind() {
		case ast.KindRawHTML:
			rawDepth = max(0, rawDepth+rawTagDepth(c.(*ast.RawHTML), w.src))
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock,
			ast.KindImage, ast.KindAutoLink, ast.KindHeading, KindMention:
			// Never inside these.
		case ast.KindLink:
			w.link(c.(*ast.Link))
		case ast.KindText, ast.KindString:
			end := c
			for end.NextSibling() != nil && isRunNode(end.NextSibling()) && !hardBreak(end) {
				end = end.NextSibling()
			}
			next = end.NextSibling()
			w.run(c, end)
		default:
			w.walk(c)
		}
		c = next
	}
}

// rawTagDepth tells how an inline raw HTML tag changes the nesting of raw
// elements: +1 for an opening tag, -1 for a closing one, 0 for comments,
// void and self-closing elements.
func rawTagDepth(r *ast.RawHTML, src []byte) int {
	var b strings.Builder
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		b.Write(seg.Value(src))
	}
	tag := b.String()
	switch {
	case strings.HasPrefix(tag, "</"):
		return -1
	case strings.HasPrefix(tag, "<!"), strings.HasPrefix(tag, "<?"), strings.HasSuffix(tag, "/>"):
		return 0
	}
	name := strings.ToLower(strings.TrimLeft(tag, "<"))
	if i := strings.IndexAny(name, " \t\n/>"); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "br", "img", "hr", "wbr", "input", "source", "track", "area", "col", "embed", "meta", "link", "param", "base":
		return 0
	}
	return 1
}

func isRunNode(n ast.Node) bool { return n.Kind() == ast.KindText || n.Kind() == ast.KindString }

func hardBreak(n ast.Node) bool {
	t, ok := n.(*ast.Text)
	return ok && t.HardLineBreak()
}

// link turns an explicit reference [text](glossary:id) into a mention.
func (w *walker) link(l *ast.Link) {
	id, ok := strings.CutPrefix(string(l.Destination), markdown.GlossaryScheme)
	if !ok {
		return
	}
	off := markdown.NodeOffset(l, w.src)
	e, found := w.t.byID[id]
	if !found {
		line, col := w.doc.File.Lines.Position(off)
		w.doc.Diags.Add(diag.Diagnostic{Path: w.doc.File.Path, Line: line, Col: col,
			Msg:  fmt.Sprintf("explicit reference to unknown glossary entry %q", id),
			Hint: "entry ids are the file names in content/glossary, without .md"})
		return
	}
	node := w.newNode(e, off, true, -1, true)
	parent := l.Parent()
	parent.ReplaceChild(parent, l, node)
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		node.AppendChild(node, c)
		c = next
	}
}

// newNode records a mention and makes its node.
func (w *walker) newNode(e *content.Entry, off int, explicit bool, alias int, linked bool) *Node {
	es := w.st.entry(e, w.doc.Page)
	es.count++
	es.linked = es.linked || linked
	n := &Node{Entry: e, ID: "m-" + e.ID + "-" + strconv.Itoa(es.count),
		Href: es.href, Linked: linked, Card: w.st.opts.Cards, index: len(w.st.result.Mentions)}
	w.st.result.Mentions = append(w.st.result.Mentions, Mention{
		Entry: e, ID: n.ID, Explicit: explicit, Linked: linked, Offset: off, Alias: alias})
	w.st.nodes = append(w.st.nodes, n)
	return n
}

// piece is a text node's part in a run.
type piece struct {
	node ast.Node
	// virtual pieces stand for soft line breaks, which have no text.
	virtual bool
}

// run finds and links mentions in the sibling text nodes first..last.
func (w *walker) run(first, last ast.Node) {
	pieces, values := w.pieces[:0], w.values[:0]
	defer func() { w.pieces, w.values = pieces[:0], values[:0] }()
	for n := first; ; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			pieces = append(pieces, piece{node: n})
			values = append(values, n.Value(w.src))
			if n.SoftLineBreak() {
				pieces = append(pieces, piece{node: n, virtual: true})
				values = append(values, []byte(" "))
			}
		case *ast.String:
			pieces = append(pieces, piece{node: n})
			values = append(values, n.Value)
		}
		if n == last {
			break
		}
	}
	var matches []Match
	places := w.places[:0]
	defer func() { w.places = places[:0] }()
	if j := w.joined; j.Join(values) {
		// Most text: its units are its characters, and the matches' byte
		// offsets are found in the pieces.
		matches = w.t.m.FindText(j.Text, nil)
		if len(matches) == 0 {
			return
		}
		for _, m := range matches {
			first, start := j.Locate(m.Start)
			last, end := j.Locate(m.End - 1)
			places = append(places, place{first, last, start, end + 1})
		}
	} else {
		units := textmap.AppendUnits(w.units[:0], values)
		w.units = units[:0]
		matches = w.t.m.Find(units)
		if len(matches) == 0 {
			return
		}
		for _, m := range matches {
			start, end := units[m.Start], units[m.End-1]
			places = append(places, place{int(start.Piece), int(end.Piece), int(start.Start), int(end.End)})
		}
	}
	// Decide in document order, rewrite the tree from the right so that
	// earlier positions stay valid.
	nodes := make([]*Node, len(matches))
	for i, m := range matches {
		e := w.t.m.Entry(m.Entry)
		if e.ID == w.st.opts.Self {
			continue
		}
		off := sourceOffset(pieces[places[i].first].node, places[i].start)
		linked := false
		switch w.st.opts.Policy {
		case config.AutolinkAll:
			linked = true
		case config.AutolinkFirst:
			linked = !w.st.entry(e, w.doc.Page).linked
		}
		nodes[i] = w.newNode(e, off, false, m.Alias, linked)
	}
	for i := len(matches) - 1; i >= 0; i-- {
		if nodes[i] == nil {
			continue
		}
		p := places[i]
		w.wrap(nodes[i], pieces[p.first].node, p.start, pieces[p.last].node, p.end)
	}
}

// sourceOffset returns the file offset of byte off of a text node's value;
// for typographic strings, which have no place of their own, the end of the
// text before them.
func sourceOffset(n ast.Node, off int) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start + off
	}
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if t, ok := p.(*ast.Text); ok {
			return t.Segment.Stop
		}
	}
	if p := n.Parent(); p != nil {
		return max(0, markdown.NodeOffset(p, nil))
	}
	return 0
}

// wrap moves the text from startNode[startOff:] to endNode[:endOff] into m.
func (w *walker) wrap(m *Node, startNode ast.Node, startOff int, endNode ast.Node, endOff int) {
	parent := startNode.Parent()
	splitAfter(endNode, endOff)
	if t, ok := endNode.(*ast.Text); ok {
		markdown.SplitLineBreak(t)
	}
	first := startNode
	if right := splitAfter(startNode, startOff); right != nil {
		if startNode == endNode {
			endNode = right
		}
		first = right
	}
	parent.InsertBefore(parent, first, m)
	for c := first; c != nil; {
		next := c.NextSibling()
		m.AppendChild(m, c)
		if c == endNode {
			break
		}
		c = next
	}
}

// splitAfter splits a text node at byte off of its value (see
// markdown.SplitText); other nodes, Strings among them, are never split.
func splitAfter(n ast.Node, off int) ast.Node {
	if t, ok := n.(*ast.Text); ok {
		if right := markdown.SplitText(t, off); right != nil {
			return right
		}
	}
	return nil
}

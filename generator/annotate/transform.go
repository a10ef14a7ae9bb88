package annotate

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/textmap"
	"github.com/glossdev/gloss/generator/markdown"
	"github.com/glossdev/gloss/generator/mention"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
)

// ContextChars is how many characters of text before and after a quote the
// exported selectors carry.
const ContextChars = 32

// Note is an annotation anchored in its article.
type Note struct {
	*content.Annotation
	// Number is the note's place among the article's notes in reading order.
	Number int
	// Body is the note rendered from Markdown.
	Body template.HTML
	// Exact, Prefix and Suffix are the quote and up to ContextChars of text
	// around it, as they read in Text; Start and End are its place in Text
	// in characters.
	Exact, Prefix, Suffix string
	Start, End            int
}

// Label is the note's kind as readers see it.
func (n *Note) Label() string { return Label(n.Kind) }

// Label names an annotation kind for readers.
func Label(kind string) string {
	switch kind {
	case content.NoteFactCheck:
		return "Fact check"
	case content.NoteSource:
		return "Source"
	case content.NoteCorrection:
		return "Correction"
	case content.NoteQuote:
		return "Quote"
	}
	return "Context"
}

// Result is what anchoring found in one article.
type Result struct {
	// Notes are the anchored notes in reading order.
	Notes []*Note
	// Text is the article's text as annotations address it: the text of
	// each block with white space folded, blocks separated by "\n".
	Text string
	// TextTo, when set before the article is converted, gets the text in
	// place of Text. The bytes are only valid during the call.
	TextTo func(text []byte)
}

// setText gives the article's text to r.
func (r *Result) setText(text []byte) {
	if r.TextTo != nil {
		r.TextTo(text)
		return
	}
	r.Text = string(text)
}

type stateKey struct{}

type state struct {
	anns   []*content.Annotation
	result *Result
}

// Prepare registers the annotations of the article in doc.
func Prepare(doc *markdown.Doc, anns []*content.Annotation) *Result {
	if doc.State == nil {
		doc.State = map[any]any{}
	}
	r := &Result{}
	doc.State[stateKey{}] = &state{anns: anns, result: r}
	return r
}

// Transformer anchors annotations in the documents prepared with Prepare.
// It must run after the mention transformer.
type Transformer struct {
	notes   *NoteRenderer
	fragile bool
	units   textmap.Pool
	// bufs are the other buffers of one document, reused from document
	// to document.
	bufs sync.Pool
}

// buffers are the scratch slices of one Transform.
type buffers struct {
	pieces  []piece
	values  [][]byte
	norm    []byte
	display []byte
	joined  textmap.Joined
}

// NewTransformer returns a Transformer that renders note bodies with notes.
func NewTransformer(notes *NoteRenderer) *Transformer { return &Transformer{notes: notes} }

// WarnFragile makes the transformer also warn of quotes that are close to
// breaking: found once only thanks to their prefix or suffix, or with a near
// twin elsewhere that a small edit would make a second match. It costs a
// search of the whole text per quote, so builds leave it off and checks turn
// it on.
func (t *Transformer) WarnFragile() *Transformer {
	return &Transformer{notes: t.notes, fragile: true}
}

// leaf is a text node of the document and its units [start, end).
type leaf struct {
	node       ast.Node
	start, end int
}

// Transform implements parser.ASTTransformer.
func (t *Transformer) Transform(root *ast.Document, reader gtext.Reader, pc parser.Context) {
	doc := markdown.DocOf(pc)
	if doc == nil {
		return
	}
	st, ok := doc.State[stateKey{}].(*state)
	if !ok {
		return
	}
	src := reader.Source()
	bufs, _ := t.bufs.Get().(*buffers)
	if bufs == nil {
		bufs = &buffers{}
	}
	pieces, values := collectInto(root, src, bufs.pieces[:0], bufs.values[:0])
	var units []textmap.Unit
	defer func() {
		t.units.Put(units)
		clear(values) // drop the references into this document
		clear(pieces)
		bufs.pieces, bufs.values = pieces[:0], values[:0]
		if cap(bufs.joined.Text) > 1<<20 {
			bufs.joined = textmap.Joined{} // the pool keeps no huge buffers
		}
		t.bufs.Put(bufs)
	}()
	// Each unit is one character of the display text, which is the
	// article's plain text for search too. Most text prepares simply: its
	// units are its characters as they read, and are not made.
	joined := bufs.joined.Join(values)
	var text []byte
	if joined {
		text = bufs.joined.Text
	} else {
		units = textmap.AppendUnits(t.units.Get(), values)
		bufs.display = appendOrig(bufs.display[:0], units)
		text = bufs.display
	}
	if len(st.anns) == 0 {
		st.result.setText(text)
		return
	}
	// The text as a string, for finding quotes, in bufs until Transform
	// returns: what outlives it, the notes' quotes, is copied out.
	display := unsafe.String(unsafe.SliceData(text), len(text))
	var txt *docText
	if joined {
		txt, bufs.norm = newJoinedText(&bufs.joined, values, display, bufs.norm)
	} else {
		txt, bufs.norm = newTextInto(units, display, bufs.norm)
	}

	type anchored struct {
		ann *content.Annotation
		span
	}
	var found []anchored
	for _, a := range st.anns {
		if strings.TrimSpace(a.Quote) == "" {
			continue // reported by the loader
		}
		matches, quoteOnly := txt.find(a)
		switch {
		case len(matches) == 1:
			found = append(found, anchored{a, matches[0]})
			if t.fragile {
				warnFragile(doc, a, txt, matches[0], quoteOnly, pieces, src)
			}
		case len(matches) > 1:
			report(doc, a, fmt.Sprintf("quote %q occurs %d times (%s)", a.Quote, len(matches), where(doc, pieces, txt, matches, src)),
				"add prefix: or suffix: with the text just before or after the one you mean")
		case quoteOnly > 0:
			all, _ := txt.find(&content.Annotation{Quote: a.Quote})
			report(doc, a, fmt.Sprintf("quote %q occurs %d times (%s), but none with the given prefix and suffix", a.Quote, quoteOnly, where(doc, pieces, txt, all, src)),
				"prefix and suffix must be the text just before and just after the quote")
		default:
			hint := "copy the quote from the article as it reads"
			if s, ok := txt.near(a.Quote); ok {
				hint = fmt.Sprintf("the nearest text is %s (%s)", txt.describe(s), where(doc, pieces, txt, []span{s}, src))
			}
			report(doc, a, fmt.Sprintf("quote %q not found in the article", a.Quote), hint)
		}
	}
	// Notes are numbered in reading order; outer spans come before the
	// spans they hold.
	slices.SortStableFunc(found, func(x, y anchored) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(y.end, x.end))
	})
	var ok2 []anchored
	for _, f := range found {
		clash := false
		for _, g := range ok2 {
			if f.start < g.end && g.end < f.end && g.start < f.start {
				report(doc, f.ann, fmt.Sprintf("annotation %q overlaps annotation %q partly", f.ann.ID, g.ann.ID),
					"annotations may nest, one inside another, but not overlap partly")
				clash = true
				break
			}
		}
		if !clash {
			ok2 = append(ok2, f)
		}
	}
	if doc.Diags.HasErrors() {
		return
	}

	// Split text nodes at every span boundary, then wrap whole leaves.
	spans := make([]span, len(ok2))
	for i, f := range ok2 {
		spans[i] = f.span
	}
	leaves := split(pieces, txt, spans)
	for i, f := range ok2 {
		n := &Note{Annotation: f.ann, Number: i + 1}
		body, err := t.notes.Render(f.ann.Note)
		if err != nil {
			report(doc, f.ann, err.Error(), "a note holds paragraphs of text, with emphasis, code and links")
			continue
		}
		n.Body = body
		n.Start, n.End = f.start, f.end
		n.Exact = txt.orig(f.start, f.end)
		n.Prefix = txt.orig(f.start-ContextChars, f.start)
		n.Suffix = txt.orig(f.end, f.end+ContextChars)
		wrap(n, leaves, f.span, src)
		st.result.Notes = append(st.result.Notes, n)
	}
	st.result.setText(text)
}

// warnFragile warns of an anchored quote that a small edit could break.
func warnFragile(doc *markdown.Doc, a *content.Annotation, txt *docText, s span, quoteOnly int, pieces []piece, src []byte) {
	warn := func(msg, hint string) {
		doc.Diags.Add(diag.Diagnostic{Severity: diag.Warning, Path: doc.File.Path,
			Line: a.QuotePos.Line, Col: a.QuotePos.Col, Msg: msg, Hint: hint})
	}
	if quoteOnly > 1 {
		warn(fmt.Sprintf("quote %q occurs %d times; only its prefix or suffix picks this one", a.Quote, quoteOnly),
			"an edit to the words around it will break the note; a longer quote is sturdier")
		return
	}
	masked := slices.Clone(txt.allUnits())
	for i := s.start; i < s.end; i++ {
		masked[i].Orig = 0
	}
	if twin, ok := newText(masked).near(a.Quote); ok {
		warn(fmt.Sprintf("quote %q has a near twin %s (%s)", a.Quote, txt.describe(twin), where(doc, pieces, txt, []span{twin}, src)),
			"a small edit to either could make the quote ambiguous; a longer quote is sturdier")
	}
}

func report(doc *markdown.Doc, a *content.Annotation, msg, hint string) {
	doc.Diags.Add(diag.Diagnostic{Path: doc.File.Path, Line: a.QuotePos.Line, Col: a.QuotePos.Col, Msg: msg, Hint: hint})
}

// where lists the lines of the file on which spans start.
func where(doc *markdown.Doc, pieces []piece, txt *docText, spans []span, src []byte) string {
	var parts []string
	for _, s := range spans {
		u := txt.unit(s.start)
		line, _ := doc.File.Lines.Position(pieces[u.Piece].offset(int(u.Start), src))
		parts = append(parts, fmt.Sprintf("line %d", line))
	}
	if len(parts) > 8 {
		parts = append(parts[:8], "…")
	}
	return strings.Join(parts, ", ")
}

// piece is a leaf of the document's text, or a separator.
type piece struct {
	node ast.Node // nil for separators
}

func (p piece) offset(off int, src []byte) int {
	if t, ok := p.node.(*ast.Text); ok {
		return t.Segment.Start + off
	}
	if p.node != nil {
		for q := p.node.PreviousSibling(); q != nil; q = q.PreviousSibling() {
			if t, ok := q.(*ast.Text); ok {
				return t.Segment.Stop
			}
		}
		return max(0, markdown.NodeOffset(p.node.Parent(), src))
	}
	return 0
}

// collectInto appends to pieces and values the text leaves of the document
// in reading order, with a separator between blocks and a space for each
// line break.
func collectInto(root ast.Node, src []byte, pieces []piece, values [][]byte) ([]piece, [][]byte) {
	sep := func(v string) {
		pieces = append(pieces, piece{})
		values = append(values, []byte(v))
	}
	var inline func(n ast.Node)
	inline = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				pieces = append(pieces, piece{node: c})
				values = append(values, c.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					sep(" ")
				}
			case *ast.String:
				pieces = append(pieces, piece{node: c})
				values = append(values, c.Value)
			case *ast.RawHTML, *ast.Image:
			default:
				inline(c)
			}
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			if len(pieces) > 0 {
				sep(textmap.Break)
			}
			inline(n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return pieces, values
}

// split cuts the text leaves inside spans at the spans' boundaries and
// returns the resulting leaves with their unit ranges, in order.
func split(pieces []piece, txt *docText, spans []span) []leaf {
	cut := make([]int, 0, 2*len(spans))
	for _, s := range spans {
		cut = append(cut, s.start, s.end)
	}
	slices.Sort(cut)
	cut = slices.Compact(cut)
	// Only the pieces inside a span make leaves: the others are never
	// wrapped. They are visited in order, each once, though spans nest.
	var leaves []leaf
	next := int32(0) // the first piece not yet visited
	for _, s := range spans {
		if s.start >= s.end {
			continue
		}
		for pi := max(txt.unit(s.start).Piece, next); pi <= txt.unit(s.end-1).Piece; pi++ {
			first, last := txt.pieceUnits(pi)
			leaves = appendLeaves(leaves, pieces[pi], int(pi), first, last, txt, cut)
			next = pi + 1
		}
	}
	return leaves
}

// appendLeaves appends the leaves of piece p (number pi, units [first,
// last)), split at the cuts that fall inside it.
func appendLeaves(leaves []leaf, p piece, pi, first, last int, txt *docText, cut []int) []leaf {
	if p.node == nil || first >= last {
		return leaves
	}
	t, isText := p.node.(*ast.Text)
	// Code spans hold only plain text nodes (goldmark relies on it), so
	// they are never split: a quote starting or ending inside one
	// highlights the whole span.
	if !isText || p.node.Parent().Kind() == ast.KindCodeSpan {
		return append(leaves, leaf{p.node, first, last})
	}
	// Cut from the right so that byte offsets stay valid.
	var cuts []int
	k, startsHere := slices.BinarySearch(cut, first)
	if startsHere {
		k++
	}
	for ; k < len(cut) && cut[k] < last; k++ {
		if u := cut[k]; int(txt.unit(u).Piece) == pi {
			cuts = append(cuts, u)
		}
	}
	ends := last
	var parts []leaf
	node := t
	for k := len(cuts) - 1; k >= 0; k-- {
		u := cuts[k]
		right := markdown.SplitText(node, int(txt.unit(u).Start))
		if right == nil {
			continue
		}
		parts = append(parts, leaf{right, u, ends})
		ends = u
	}
	// The piece may start with white space that the last unit of the
	// piece before holds: a span that starts or ends here leaves it out.
	if off := int(txt.unit(first).Start); startsHere && off > 0 {
		if right := markdown.SplitText(node, off); right != nil {
			node = right
		}
	}
	parts = append(parts, leaf{node, first, ends})
	slices.Reverse(parts)
	return append(leaves, parts...)
}

// wrap highlights the leaves inside s piece by piece and places the note's
// reference and body after the last piece, outside any link.
func wrap(n *Note, leaves []leaf, s span, src []byte) {
	var group []ast.Node
	var lastMark ast.Node
	firstMark := true
	flush := func() {
		if len(group) == 0 {
			return
		}
		if t, ok := group[len(group)-1].(*ast.Text); ok {
			markdown.SplitLineBreak(t)
		}
		h := &Highlight{Note: n, First: firstMark}
		firstMark = false
		parent := group[0].Parent()
		parent.InsertBefore(parent, group[0], h)
		for _, g := range group {
			h.AppendChild(h, g)
		}
		lastMark = h
		group = nil
	}
	for _, l := range leaves {
		node := l.node
		if node.Parent().Kind() == ast.KindCodeSpan {
			node = node.Parent()
			if len(group) > 0 && group[len(group)-1] == node {
				continue // the rest of a code span already taken
			}
		} else if l.start < s.start || l.end > s.end {
			continue
		}
		if l.end <= s.start || l.start >= s.end {
			continue
		}
		if blank(node, src) {
			continue // blank text starts and ends no highlight
		}
		if n := len(group); n > 0 {
			// A highlight goes on across blank text to the next sibling.
			c := group[n-1].NextSibling()
			for ; c != nil && c != node && blank(c, src); c = c.NextSibling() {
				group = append(group, c)
			}
			if c != node {
				group = group[:n]
				flush()
			}
		}
		group = append(group, node)
	}
	flush()
	if lastMark == nil {
		return
	}
	// Step out of links (a note inside an <a> would nest interactive
	// content) and out of enclosing highlights, which are split around the
	// reference so that the note is never highlighted itself.
	at := lastMark
	for p := at.Parent(); p != nil && p.Kind() != ast.KindDocument; p = at.Parent() {
		switch p.Kind() {
		case ast.KindLink, mention.KindMention:
			at = p
			continue
		case KindHighlight:
			if at.NextSibling() != nil {
				rest := &Highlight{Note: p.(*Highlight).Note}
				for c := at.NextSibling(); c != nil; {
					next := c.NextSibling()
					rest.AppendChild(rest, c)
					c = next
				}
				p.Parent().InsertAfter(p.Parent(), p, rest)
			}
			at = p
			continue
		}
		break
	}
	ref := &Ref{Note: n}
	at.Parent().InsertAfter(at.Parent(), at, ref)
}

func blank(n ast.Node, src []byte) bool {
	switch t := n.(type) {
	case *ast.Text:
		return strings.TrimSpace(string(t.Value(src))) == ""
	case *ast.String:
		return strings.TrimSpace(string(t.Value)) == ""
	}
	return false
}

package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
)

// maxContext is the most characters of a sentence kept on each side of a
// mention for backlinks.
const maxContext = 160

// maxSharedSentence is the longest sentence, in bytes, that the mentions in
// it keep whole and share; of a longer one each keeps its own context.
const maxSharedSentence = 4 * maxContext * utf8.UTFMax

// contexts fills in the sentence around every mention: one pass per block
// of inline content that holds mentions builds its plain text and notes
// where mentions are.
func (w *walker) contexts() {
	// The blocks that hold mentions, each the nearest block around its
	// mentions; the mentions come in document order, so a block's are
	// together.
	var blocks []ast.Node
	for _, n := range w.st.nodes {
		p := n.Parent()
		for p != nil && p.Type() != ast.TypeBlock {
			p = p.Parent()
		}
		if p != nil && (len(blocks) == 0 || blocks[len(blocks)-1] != p) {
			blocks = append(blocks, p)
		}
	}
	var b []byte // the text of a block, reused from block to block
	var spans []span
	for _, n := range blocks {
		b, spans = appendInline(b[:0], spans[:0], n, w.src)
		if len(b) == 0 {
			continue
		}
		// text reads b, which does not change until the next block: what
		// the mentions keep of it below is cloned, never text itself.
		text := unsafe.String(&b[0], len(b))
		// Each mention keeps a copy of its sentence only, shared with the
		// other mentions in it, not the whole block's text.
		var sent string
		sentStart, sentEnd := -1, -1
		for _, s := range spans {
			m := &w.st.result.Mentions[s.i]
			from, to := sentenceBounds(text, s.start, s.end)
			if to-from > maxSharedSentence {
				// A sentence with no end in sight: keep only what the
				// context shows of it.
				before, after := clipContext(text[from:s.start], text[s.end:to])
				m.Text = strings.Clone(text[s.start:s.end])
				m.Before, m.After = strings.Clone(before), strings.Clone(after)
				continue
			}
			if from != sentStart || to != sentEnd {
				sent, sentStart, sentEnd = strings.Clone(text[from:to]), from, to
			}
			m.Text = sent[s.start-from : s.end-from]
			m.Before, m.After = clipContext(sent[:s.start-from], sent[s.end-from:])
		}
	}
}

// span is where a mention's text is in its block's text, and its place in
// the results.
type span struct{ i, start, end int }

// appendInline appends the plain text of n's inline content to b, and the
// place of each mention in it to spans.
func appendInline(b []byte, spans []span, n ast.Node, src []byte) ([]byte, []span) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.RawHTML:
		case *Node:
			start := len(b)
			b, spans = appendInline(b, spans, c, src)
			spans = append(spans, span{c.index, start, len(b)})
		default:
			b, spans = appendInline(b, spans, c, src)
		}
	}
	return b, spans
}

// sentenceAround returns the text of the sentence holding text[start:end],
// before and after it, shortened to maxContext characters each.
func sentenceAround(text string, start, end int) (before, after string) {
	s, e := sentenceBounds(text, start, end)
	return clipContext(text[s:start], text[end:e])
}

// sentenceBounds returns where the sentence holding text[start:end] starts
// and ends. ASCII characters are read a byte at a time (FuzzSentenceBounds
// holds this to the rune-by-rune reading).
func sentenceBounds(text string, start, end int) (int, int) {
	s := start
	for s > 0 {
		if c := text[s-1]; c < utf8.RuneSelf {
			if asciiSpace(c) && endsSentence(text[:s-1]) {
				break
			}
			s--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsSpace(r) && endsSentence(text[:s-size]) {
			break
		}
		s -= size
	}
	e := end
	for e < len(text) {
		if c := text[e]; c < utf8.RuneSelf {
			if asciiSpace(c) && endsSentence(text[:e]) {
				break
			}
			e++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[e:])
		if unicode.IsSpace(r) && endsSentence(text[:e]) {
			break
		}
		e += size
	}
	return s, e
}

// asciiSpace is unicode.IsSpace for an ASCII character.
func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// clipContext trims the text before and after a mention in its sentence and
// shortens each to maxContext characters.
func clipContext(before, after string) (string, string) {
	before = strings.TrimLeft(before, " ")
	after = strings.TrimRight(after, " ")
	// No more bytes than maxContext is no more characters: most sides
	// need no count.
	if len(before) > maxContext {
		if n := utf8.RuneCountInString(before); n > maxContext {
			before = "…" + strings.TrimLeft(string([]rune(before)[n-maxContext:]), " ")
		}
	}
	if len(after) > maxContext && utf8.RuneCountInString(after) > maxContext {
		after = strings.TrimRight(string([]rune(after)[:maxContext]), " ") + "…"
	}
	return before, after
}

// endsSentence reports whether s ends with the end of a sentence: a full
// stop, question or exclamation mark, possibly followed by closing quotes or
// brackets, and not an initial such as the "S." of "U.S.".
func endsSentence(s string) bool {
	if s == "" {
		return false
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		// Most words end in a letter: neither an end mark nor a closer.
		switch c {
		case '.', '!', '?', '"', '\'', ')', ']':
		default:
			return false
		}
	}
	return endsSentenceRunes(s)
}

// endsSentenceRunes is endsSentence without its shortcut for ASCII
// (FuzzSentenceBounds holds the two together).
func endsSentenceRunes(s string) bool {
	s = strings.TrimRight(s, "\"'”’)]»")
	r, size := utf8.DecodeLastRuneInString(s)
	switch r {
	case '!', '?', '…':
		return true
	case '.':
		prev, psize := utf8.DecodeLastRuneInString(s[:len(s)-size])
		if unicode.IsUpper(prev) {
			before, _ := utf8.DecodeLastRuneInString(s[:len(s)-size-psize])
			if before == '.' || before == utf8.RuneError || unicode.IsSpace(before) {
				return false // an initial
			}
		}
		return true
	}
	return false
}

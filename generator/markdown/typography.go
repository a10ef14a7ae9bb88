package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// The quick parse calls the typographer only where it can act.
//
// goldmark's typographer is called at every period, comma and hyphen, and
// goldmark cuts the text it has read so far into a node there: most lines
// of prose then end in two text nodes instead of one, which the parse
// allocates and the transformers walk. Yet at a period it acts only on
// "...", at a hyphen only on "--", and at a comma never. So a document
// whose Markdown holds neither "..." nor "--" (needsTypographerParse) is
// parsed with a typographer called only at quotes, apostrophes and angle
// brackets: its cuts are fewer, its HTML and what the transformers find the
// same. Any other document gets the full parse.

// typography gives the typographic replacements, written as characters
// rather than entities so that the plain text of a document is what
// readers see.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

// typographerOptions configures goldmark's typographer as gloss uses it.
func typographerOptions() extension.TypographerOption {
	subs := map[extension.TypographicPunctuation][]byte{}
	for k, v := range typography {
		subs[k] = []byte(v)
	}
	return extension.WithTypographicSubstitutions(subs)
}

// Typographer returns goldmark's typographer configured as gloss uses it:
// substitutions written as characters, not entities.
func Typographer() goldmark.Extender { return extension.NewTypographer(typographerOptions()) }

// quoteTypographer is Typographer called only at the bytes where it acts
// in a document that needs no typographer parse: quotes, apostrophes and
// angle brackets.
type quoteTypographer struct{}

// Extend adds the typographer to m, with the priority goldmark's own
// extension gives it.
func (quoteTypographer) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quoteTriggers{extension.NewTypographerParser(typographerOptions())}, 9999),
	))
}

// quoteTriggers is an inline parser with fewer triggers.
type quoteTriggers struct{ parser.InlineParser }

// Trigger returns the bytes at which goldmark calls the parser.
func (quoteTriggers) Trigger() []byte { return []byte{'\'', '"', '<', '>'} }

// needsTypographerParse tells whether the typographer may act on src at a
// byte quoteTypographer is not called at: whether src holds "..." (an
// ellipsis) or "--" (a dash). The typographer's parser reads those bytes
// together from where it is called, so they are together in src. (It is
// also called at "*" and "[", where it never acts.)
func needsTypographerParse(src []byte) bool {
	return bytes.Contains(src, []byte("...")) || bytes.Contains(src, []byte("--"))
}

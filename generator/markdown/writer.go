package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.DefaultWriter with a quick path for the
// text that most of a document is: bytes it writes as they are. goldmark's
// writer reads every byte twice, once for references and escapes and once
// for HTML's special characters; where none of them is in the text, one
// look at each byte tells, and the text goes out in one write.
// FuzzTextWriter holds the two to the same output.
type textWriter struct{ html.Writer }

// Write writes source as html.DefaultWriter does: with character references
// resolved, backslash escapes removed and HTML's special characters
// escaped.
func (w textWriter) Write(writer util.BufWriter, source []byte) {
	if !plainText(source, &textSpecial) {
		w.Writer.Write(writer, source)
		return
	}
	_, _ = writer.Write(source)
}

// RawWrite writes source as html.DefaultWriter does: with HTML's special
// characters escaped.
func (w textWriter) RawWrite(writer util.BufWriter, source []byte) {
	if !plainText(source, &rawSpecial) {
		w.Writer.RawWrite(writer, source)
		return
	}
	_, _ = writer.Write(source)
}

// rawSpecial marks the bytes goldmark's writer escapes: NUL, '"', '&',
// '<' and '>'; textSpecial also the backslash, which may escape the next
// byte.
var rawSpecial, textSpecial = specials("\x00\"&<>"), specials("\x00\"&<>\\")

func specials(s string) (t [256]bool) {
	for i := range len(s) {
		t[s[i]] = true
	}
	return t
}

// plainText tells whether b holds none of the bytes special marks.
func plainText(b []byte, special *[256]bool) bool {
	for _, c := range b {
		if special[c] {
			return false
		}
	}
	return true
}

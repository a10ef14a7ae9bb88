package render

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// JSON written by hand, for the files every article has (its JSON-LD and
// its notes): as encoding/json writes it, without its reflection. Tests
// hold the two together.

// jsonSpecial marks with 1 the bytes writeJSONString looks at more
// closely: the ASCII ones it escapes, and those that start a character
// outside ASCII.
var jsonSpecial = func() (t [256]uint8) {
	for c := range t {
		if c < ' ' || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c >= utf8.RuneSelf {
			t[c] = 1
		}
	}
	return t
}()

// writeJSONString writes s as encoding/json writes a string (FuzzJSONString
// holds the two together): quoted; with backslash escapes for the quote,
// the backslash and the control characters that have one; \u escapes for
// other control characters, for <, > and &, and for U+2028 and U+2029;
// invalid UTF-8 as \ufffd.
func writeJSONString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	last := 0 // s[last:i] is yet to be written
	for i := 0; i < len(s); {
		// Up to a byte that is not written as it is or is not ASCII.
		if i = skipPlain(s, i, &jsonSpecial); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[last:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(s[last:i])
			b.WriteString(`\ufffd`)
			last = i + size
		case r == '\u2028' || r == '\u2029':
			b.WriteString(s[last:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xf])
			last = i + size
		}
		i += size
	}
	b.WriteString(s[last:])
	b.WriteByte('"')
}

// jsonWriter writes JSON indented by two spaces, as encoding/json's
// Encoder with SetIndent("", "  ") does.
type jsonWriter struct {
	b     *bytes.Buffer
	depth int
	// empty tells that the object or array last opened has no member yet.
	empty bool
}

func (w *jsonWriter) open(c byte) {
	w.b.WriteByte(c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b.WriteByte(c)
	w.empty = false
}

// item starts a member or an element.
func (w *jsonWriter) item() {
	if !w.empty {
		w.b.WriteByte(',')
	}
	w.newline()
	w.empty = false
}

// spaces indents the members of up to 16 levels in one write.
const spaces = "                                "

func (w *jsonWriter) newline() {
	w.b.WriteByte('\n')
	for n := 2 * w.depth; n > 0; {
		k := min(n, len(spaces))
		w.b.WriteString(spaces[:k])
		n -= k
	}
}

// key starts the member k, a name in the code that needs no escaping.
func (w *jsonWriter) key(k string) {
	w.item()
	w.b.WriteByte('"')
	w.b.WriteString(k)
	w.b.WriteString(`": `)
}

func (w *jsonWriter) str(k, v string) {
	w.key(k)
	writeJSONString(w.b, v)
}

// strOmit is str but leaves out an empty value (omitempty).
func (w *jsonWriter) strOmit(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *jsonWriter) num(k string, n int) {
	w.key(k)
	w.b.WriteString(strconv.Itoa(n))
}

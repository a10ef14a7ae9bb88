package render

import "strings"

// These write text the way html/template escapes it, for what gloss writes
// in Go instead of a template: the "Appears in" lists (see contexts) and the
// built-in theme's most frequent pages and parts (see gowriters.go).
// TestContextsEscapeLikeHTMLTemplate, FuzzContexts and the Go writers' tests
// hold them to html/template's output.

// htmlReplacements is html/template's table for text and quoted attribute
// values.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// htmlSpecial marks with 1 the bytes htmlReplacements replaces, so that
// writeText can test eight bytes with one branch.
var htmlSpecial = func() (t [256]uint8) {
	for c, r := range htmlReplacements {
		if r != "" {
			t[c] = 1
		}
	}
	return t
}()

// skipPlain returns i moved on past runs of eight bytes of s that hold
// none of the bytes special marks, testing each run with one branch: to
// the first run that holds one, or to the last bytes of s, fewer than
// eight. The caller reads on from there a byte at a time.
func skipPlain(s string, i int, special *[256]uint8) int {
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		if special[w[0]]|special[w[1]]|special[w[2]]|special[w[3]]|
			special[w[4]]|special[w[5]]|special[w[6]]|special[w[7]] != 0 {
			break
		}
	}
	return i
}

// textWriter is a strings.Builder or a bytes.Buffer.
type textWriter interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// writeText writes s escaped for HTML text or a quoted attribute value.
func writeText(b textWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if i = skipPlain(s, i, &htmlSpecial); i == len(s) {
			break
		}
		c := s[i]
		if htmlSpecial[c] == 0 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(htmlReplacements[c])
		last = i + 1
	}
	b.WriteString(s[last:])
}

// urlKept tells which bytes writeURL keeps as they are: 1 for those it
// always keeps (letters, digits, "-._~"), 2 for those it keeps in a whole
// URL and percent-encodes in a part of one ("!#$&*+,/:;=?@[]").
var urlKept = func() (t [256]uint8) {
	for c := range t {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", byte(c)) >= 0 {
			t[c] = 1
		}
	}
	for _, c := range []byte("!#$&*+,/:;=?@[]") {
		t[c] = 2
	}
	return t
}()

// writeURL writes s as html/template writes a value that makes up a whole
// URL attribute (normalize) or a part after "?" or "#" (!normalize): unsafe
// schemes become "#ZgotmplZ", bytes outside URLs are percent-encoded, and
// the result is escaped for a quoted attribute.
func writeURL(b textWriter, s string, normalize bool) {
	if normalize && !safeURL(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	var u strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKept[c] == 1 || urlKept[c] == 2 && normalize {
			continue
		}
		if c == '%' && normalize && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			continue
		}
		u.WriteString(s[last:i])
		u.WriteByte('%')
		u.WriteByte(hex[c>>4])
		u.WriteByte(hex[c&0xf])
		last = i + 1
	}
	if last == 0 {
		writeText(b, s)
		return
	}
	u.WriteString(s[last:])
	writeText(b, u.String())
}

// safeURL reports whether s is relative or uses http, https or mailto.
func safeURL(s string) bool {
	// The scheme is what comes before the first ":", if no "/" comes
	// first; most URLs here are relative and start with one.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			scheme := s[:i]
			return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

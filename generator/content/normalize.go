package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/frontmatter"
)

// MaxFileSize is the largest content file gloss reads.
const MaxFileSize = 8 << 20

// normalize removes a byte-order mark and turns CRLF and lone CR line
// endings into LF, as YAML and CommonMark both read them as line ends. It
// reports invalid UTF-8 and NUL bytes at their place and returns ok=false.
func normalize(path string, src []byte, diags *diag.List) ([]byte, bool) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	src = frontmatter.NormalizeNewlines(src)
	ok := true
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := diag.NewLines(src).Position(i)
		diags.Add(diag.Diagnostic{Path: path, Line: line, Col: col, Msg: "the file contains a NUL byte",
			Hint: "content files must be UTF-8 text; is this a binary file?"})
		ok = false
	}
	if !utf8.Valid(src) {
		i := firstInvalid(src)
		line, col := diag.NewLines(src).Position(i)
		diags.Add(diag.Diagnostic{Path: path, Line: line, Col: col,
			Msg:  fmt.Sprintf("invalid UTF-8 (byte 0x%02X)", src[i]),
			Hint: "save the file as UTF-8"})
		ok = false
	}
	return src, ok
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// Package frontmatter splits a content file into its YAML front matter and
// its Markdown body, and decodes the YAML with the exact line and column of
// every key and value, so that each mistake is reported where it is.
package frontmatter

import (
	"bytes"
	"errors"
)

// Split errors. Both are reported at line 1.
var (
	// ErrMissing means the file does not start with a `---` line.
	ErrMissing = errors.New("no front matter: the file must start with a line `---`")
	// ErrUnclosed means no closing `---` line follows the opening one.
	ErrUnclosed = errors.New("front matter is not closed: no `---` line after the opening one")
)

// Block is the front matter of a file.
type Block struct {
	// YAML is the text between the two `---` lines.
	YAML []byte
	// Line is the 1-based line of the file on which YAML starts.
	Line int
	// BodyOffset is the byte offset of the Markdown body in the file.
	BodyOffset int
}

// Split finds the front matter at the start of src. src must already have
// had a byte-order mark removed and line endings normalized to "\n".
func Split(src []byte) (Block, error) {
	first, rest, ok := cutLine(src)
	if !isFence(first) {
		return Block{}, ErrMissing
	}
	if !ok {
		return Block{}, ErrUnclosed
	}
	start := len(src) - len(rest)
	off := start
	for len(rest) > 0 {
		line, next, _ := cutLine(rest)
		if isFence(line) {
			end := off + len(line)
			if end < len(src) && src[end] == '\n' {
				end++
			}
			return Block{YAML: src[start:off], Line: 2, BodyOffset: end}, nil
		}
		off += len(rest) - len(next)
		rest = next
	}
	return Block{}, ErrUnclosed
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// NormalizeNewlines turns CRLF and lone CR line endings into LF.
func NormalizeNewlines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

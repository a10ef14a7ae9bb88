// Package diag collects the content errors and warnings of a build and prints
// them as path:line:col: message, the form editors and CI systems understand.
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity tells whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported but does not fail the build.
	Warning
)

// String names the severity as messages print it.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a site's content, templates or assets.
type Diagnostic struct {
	Severity Severity
	// Path is slash-separated and relative to the site folder.
	Path string
	// Line and Col are 1-based; Col counts characters, not bytes. Zero means
	// the problem has no narrower place than the file (or the line).
	Line, Col int
	Msg       string
	// Hint, when set, says how to fix the problem.
	Hint string
}

// String formats d as path:line:col: message, followed by the hint on an
// indented line of its own.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// Pos formats the place of d as path, path:line or path:line:col.
func (d Diagnostic) Pos() string {
	switch {
	case d.Path == "":
		return "gloss"
	case d.Line <= 0:
		return d.Path
	case d.Col <= 0:
		return fmt.Sprintf("%s:%d", d.Path, d.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", d.Path, d.Line, d.Col)
	}
}

// Compare orders diagnostics by path, line, column, then message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Msg, b.Msg),
		cmp.Compare(a.Hint, b.Hint),
	)
}

// List gathers diagnostics. It is safe for concurrent use; the zero value is
// ready to use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at path:line:col.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{Severity: Error, Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line:col.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{Severity: Warning, Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Merge adds every diagnostic of other to l.
func (l *List) Merge(other []Diagnostic) {
	if len(other) == 0 {
		return
	}
	l.mu.Lock()
	l.items = append(l.items, other...)
	l.mu.Unlock()
}

// Sorted returns the diagnostics in a stable order, without duplicates.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(out, Compare)
	return slices.CompactFunc(out, func(a, b Diagnostic) bool { return Compare(a, b) == 0 })
}

// HasErrors reports whether any recorded diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns nil when no error was recorded, and otherwise an *Errors
// holding the sorted errors (warnings left out).
func (l *List) Err() error {
	var errs []Diagnostic
	for _, d := range l.Sorted() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &Errors{List: errs}
}

// Warnings returns the sorted warnings.
func (l *List) Warnings() []Diagnostic {
	var ws []Diagnostic
	for _, d := range l.Sorted() {
		if d.Severity == Warning {
			ws = append(ws, d)
		}
	}
	return ws
}

// Errors is the error a build returns for content problems: every error
// found, sorted.
type Errors struct {
	List []Diagnostic
}

// Error prints one diagnostic per line.
func (e *Errors) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Lines maps byte offsets of one file to 1-based lines and columns. Build it
// once per file with NewLines; each lookup is a binary search.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes the line starts of src.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &Lines{src: src, starts: starts}
}

// Position converts a byte offset into a 1-based line and a 1-based column
// counted in characters. Offsets out of range are clamped.
func (l *Lines) Position(offset int) (line, col int) {
	offset = max(0, min(offset, len(l.src)))
	i, found := slices.BinarySearch(l.starts, offset)
	if !found {
		i--
	}
	return i + 1, 1 + utf8.RuneCount(l.src[l.starts[i]:offset])
}

// Offset converts a 1-based line and column back into a byte offset; it is the
// inverse of Position for positions inside the file.
func (l *Lines) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	off := l.starts[line-1]
	for n := 1; n < col && off < len(l.src) && l.src[off] != '\n'; n++ {
		_, size := utf8.DecodeRune(l.src[off:])
		off += size
	}
	return off
}

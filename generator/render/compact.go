package render

import (
	"bytes"
	"html/template"
	tparse "text/template/parse"
)

// compact removes the indentation of the theme's markup from a template
// set before it first runs: every run of spaces and tabs after a line break
// in the templates' text, except inside <pre>, <textarea>, <script> and
// <style> (see rawOpen). Each template is read on its own: a partial
// included inside a <pre> of another template is compacted. Browsers read such runs as the line break alone, so pages
// look the same, and they come out compact with no minifier run over each
// page: the text of Markdown and front matter, which actions insert, is
// never touched.
func compact(set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		raw := false
		compactNode(t.Tree.Root, &raw)
	}
}

// compactNode compacts the text in n, in document order; raw tells whether
// the text so far left a <pre> or <textarea> open.
func compactNode(n tparse.Node, raw *bool) {
	switch n := n.(type) {
	case *tparse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			compactNode(c, raw)
		}
	case *tparse.TextNode:
		n.Text = compactText(n.Text, raw)
	case *tparse.IfNode:
		compactNode(n.List, raw)
		compactNode(n.ElseList, raw)
	case *tparse.RangeNode:
		compactNode(n.List, raw)
		compactNode(n.ElseList, raw)
	case *tparse.WithNode:
		compactNode(n.List, raw)
		compactNode(n.ElseList, raw)
	}
}

// The elements whose white space is kept: it shows in <pre> and
// <textarea>, and may matter to a script or style sheet (a multi-line
// string, say).
var (
	rawOpen  = [][]byte{[]byte("<pre"), []byte("<textarea"), []byte("<script"), []byte("<style")}
	rawClose = [][]byte{[]byte("</pre"), []byte("</textarea"), []byte("</script"), []byte("</style")}
)

// compactText drops the spaces and tabs after each line break of s outside
// <pre> and <textarea>.
func compactText(s []byte, raw *bool) []byte {
	out := make([]byte, 0, len(s))
	for len(s) > 0 {
		markers := rawOpen
		if *raw {
			markers = rawClose
		}
		i, m := indexAnyFold(s, markers)
		end := len(s)
		if i >= 0 {
			end = i + len(m)
		}
		if *raw {
			out = append(out, s[:end]...)
		} else {
			out = appendUnindented(out, s[:end])
		}
		s = s[end:]
		if i >= 0 {
			*raw = !*raw
		}
	}
	return out
}

// appendUnindented appends s without the spaces and tabs after its line
// breaks.
func appendUnindented(out, s []byte) []byte {
	for {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			return append(out, s...)
		}
		out = append(out, s[:i+1]...)
		s = bytes.TrimLeft(s[i+1:], " \t")
	}
}

// indexAnyFold returns the first place in s where one of markers (lower
// case ASCII) starts, ignoring ASCII case, and the marker; -1 if none.
func indexAnyFold(s []byte, markers [][]byte) (int, []byte) {
	for i := range s {
		if s[i] != '<' {
			continue
		}
		for _, m := range markers {
			if len(s)-i >= len(m) && asciiEqualFold(s[i:i+len(m)], m) {
				return i, m
			}
		}
	}
	return -1, nil
}

func asciiEqualFold(a, lower []byte) bool {
	for i, c := range a {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

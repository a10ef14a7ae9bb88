package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// SplitText splits t at byte off of its segment: the left part stays in t,
// and the right part, inserted after t, is returned with t's line break.
// It returns nil, and leaves t as it is, when off is not inside t.
func SplitText(t *ast.Text, off int) *ast.Text {
	seg := t.Segment
	at := seg.Start + off
	if at <= seg.Start || at >= seg.Stop {
		return nil
	}
	right := ast.NewTextSegment(text.NewSegment(at, seg.Stop))
	right.SetSoftLineBreak(t.SoftLineBreak())
	right.SetHardLineBreak(t.HardLineBreak())
	right.SetRaw(t.IsRaw())
	t.Segment = seg.WithStop(at)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	t.Parent().InsertAfter(t.Parent(), t, right)
	return right
}

// SplitLineBreak moves the line break that ends t, if any, into an empty
// text node inserted after it, so that an element wrapped around t ends
// before the break: "<a>Kyiv</a>\n", not "<a>Kyiv\n</a>". goldmark makes
// such an empty node itself where a line ends in a space and a parser has
// cut the line's text before it.
func SplitLineBreak(t *ast.Text) {
	if !t.SoftLineBreak() && !t.HardLineBreak() {
		return
	}
	brk := ast.NewTextSegment(text.NewSegment(t.Segment.Stop, t.Segment.Stop))
	brk.SetSoftLineBreak(t.SoftLineBreak())
	brk.SetHardLineBreak(t.HardLineBreak())
	brk.SetRaw(t.IsRaw())
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	t.Parent().InsertAfter(t.Parent(), t, brk)
}

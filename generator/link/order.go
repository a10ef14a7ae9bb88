package link

import (
	"strings"

	"github.com/glossdev/gloss/generator/mention"
	"github.com/glossdev/gloss/generator/urls"
)

// mentionOrder tells which entries an article's mentions are of, as found
// when the article is converted: ids lists the entries in order of first
// mention, of gives each mention's place in ids, count each entry's number
// of mentions.
type mentionOrder struct {
	ids   []string
	of    []int32
	count []int32
}

// orderMentions finds the order of the entries ms mention.
func orderMentions(ms []mention.Mention) mentionOrder {
	// An article mostly mentions a few dozen entries: a scan, from the
	// last entry found, beats a map until there are more.
	const scan = 32
	var seen map[string]int32 // past scan entries
	o := mentionOrder{of: make([]int32, len(ms))}
	for j := range ms {
		id := ms[j].Entry.ID
		i := int32(-1)
		if seen != nil {
			if n, ok := seen[id]; ok {
				i = n
			}
		} else {
			for i = int32(len(o.ids)) - 1; i >= 0 && o.ids[i] != id; i-- {
			}
		}
		if i < 0 {
			i = int32(len(o.ids))
			o.ids = append(o.ids, id)
			o.count = append(o.count, 0)
			if seen != nil {
				seen[id] = i
			} else if len(o.ids) > scan {
				seen = make(map[string]int32, 2*scan)
				for n, id := range o.ids {
					seen[id] = int32(n)
				}
			}
		}
		o.of[j] = i
		o.count[i]++
	}
	return o
}

// relMemo is urls.Rel to one page from many. From pages outside the
// page's first folder, the path depends only on their depth: it is computed
// once for the last depth seen.
type relMemo struct {
	to, top string // the page, and its first folder
	depth   int    // of the last path computed, -1 for none
	last    string
	plain   bool // to has no fragment
}

func newRelMemo(to string) relMemo {
	top, _, _ := strings.Cut(to, "/")
	return relMemo{to: to, top: top, depth: -1, plain: strings.IndexByte(to, '#') < 0}
}

func (m *relMemo) rel(from string) string {
	fromTop, _, _ := strings.Cut(from, "/")
	if !m.plain || fromTop == m.top || strings.IndexByte(from, '#') >= 0 {
		return urls.Rel(from, m.to)
	}
	if depth := strings.Count(from, "/"); depth != m.depth {
		m.depth, m.last = depth, urls.Rel(from, m.to)
	}
	return m.last
}

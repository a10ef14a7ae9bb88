package link

import (
	"maps"
	"strings"
	"testing"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// relatedOf lists every article's and entry's related ones, by slug and id.
func relatedOf(s *Site) map[string][]string {
	out := map[string][]string{}
	for _, a := range s.Articles {
		out["article "+a.Slug] = slugs(a.Related)
	}
	for _, e := range s.Entries {
		out["entry "+e.ID] = ids(e.Related)
	}
	return out
}

func TestRelatedMemo(t *testing.T) {
	tests := []struct {
		name   string
		change func(f files)
		reused bool
	}{
		{"nothing", func(files) {}, true},
		{"an article's text, same entries", func(f files) {
			f["articles/talks.md"] = strings.Replace(f["articles/talks.md"], "Zelensky spoke of Kyiv.", "Zelensky spoke at length of Kyiv.", 1)
		}, true},
		{"an entry's summary", func(f files) {
			f["glossary/kyiv.md"] = strings.Replace(f["glossary/kyiv.md"], "kind: place", "kind: place\nsummary: A city.", 1)
		}, true},
		{"an article mentions another entry", func(f files) {
			f["articles/oldest.md"] = strings.Replace(f["articles/oldest.md"], "Putin in Istanbul.", "Putin in Istanbul and Kyiv.", 1)
		}, false},
		{"the same entries in another order", func(f files) {
			f["articles/oldest.md"] = strings.Replace(f["articles/oldest.md"], "Putin in Istanbul.", "In Istanbul, Putin.", 1)
		}, false},
		{"a declared related entry", func(f files) {
			f["glossary/putin.md"] = strings.Replace(f["glossary/putin.md"], "kind: person", "kind: person\nrelated: [kyiv]", 1)
		}, false},
		{"an article's date: the order changes", func(f files) {
			f["articles/oldest.md"] = strings.Replace(f["articles/oldest.md"], "2025-04-01", "2025-06-01", 1)
		}, false},
		{"an article removed", func(f files) { delete(f, "articles/older.md") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := maps.Clone(newsSite)
			var c Cache
			_, msgs := linkWith(t, f, &c)
			require.NotContains(t, strings.Join(msgs, "\n"), "error")
			require.False(t, c.related.reused, "a first Link has nothing to reuse")
			tt.change(f)
			got, _ := linkWith(t, f, &c)
			assert.Equal(t, tt.reused, c.related.reused)
			want, _ := run(t, f, Options{})
			assert.Equal(t, relatedOf(want), relatedOf(got), "the same as without a cache")
		})
	}
}

func TestGroupsMemo(t *testing.T) {
	groupsOf := func(s *Site) []string {
		var out []string
		for _, k := range s.Kinds {
			out = append(out, "kind "+k.Kind+": "+strings.Join(ids(k.Entries), " "))
		}
		for _, tg := range s.Tags {
			out = append(out, "tag "+tg.Name+" "+tg.Page+": "+strings.Join(slugs(tg.Articles), " "))
		}
		return out
	}
	tests := []struct {
		name       string
		change     func(f files)
		kinds, tag bool // reused
	}{
		{"nothing", func(files) {}, true, true},
		{"an article's text", func(f files) {
			f["articles/talks.md"] = strings.Replace(f["articles/talks.md"], "Zelensky spoke of Kyiv.", "Zelensky spoke at length of Kyiv.", 1)
		}, true, true},
		{"an article's tags", func(f files) {
			f["articles/oldest.md"] = strings.Replace(f["articles/oldest.md"], "tags: [history]", "tags: [history, war]", 1)
		}, true, false},
		{"an entry's kind", func(f files) {
			f["glossary/istanbul.md"] = strings.Replace(f["glossary/istanbul.md"], "kind: place", "kind: event", 1)
		}, false, true},
		{"an article's date: the order changes", func(f files) {
			f["articles/oldest.md"] = strings.Replace(f["articles/oldest.md"], "2025-04-01", "2025-06-01", 1)
		}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := maps.Clone(newsSite)
			var loads content.Cache
			var c Cache
			link := func() *Site {
				var diags diag.List
				return Link(content.Load(f.fsys(), content.Options{Cache: &loads}, &diags), &diags, Options{Cache: &c})
			}
			link()
			tt.change(f)
			got := link()
			assert.Equal(t, []bool{tt.kinds, tt.tag}, []bool{c.groups.reusedKinds, c.groups.reusedTags}, "reused")
			want, _ := run(t, f, Options{})
			assert.Equal(t, groupsOf(want), groupsOf(got), "the same as without a cache")
		})
	}
}

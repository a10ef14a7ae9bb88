package frontmatter

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// yamlRoot is yaml.v3's tree for src: the document's top node, or nil.
func yamlRoot(src string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

const fastArticle = `title: "A new round of talks in Ærlaava: what changes"
date: 2022-03-21
summary: 'It''s the "next" round.'
draft: false
weight: 3
authors: ["Explainers Desk", Ada]
tags: [energy, prisoners]
empty: []
annotations:
  - quote: "convoy 343-A reached the border\ncrossing \"before\" dawn \\"
    kind: fact-check
    id: convoy
  -   quote: Şenanström described the plan
      source: { title: "Record of session 343", url: "https://example.org/records/343" }

      note: >-
        Correct in round numbers: the rounds
        are three years apart.

        A second paragraph.
  - plain item
  - {}
indentless:
- a
- b: c
  d: e
url: https://example.org/x?a=b,c
nested:
    deeper:
      deepest: ~
`

// fastCases are front matters and whether the fast path reads them.
var fastCases = []struct {
	name string
	src  string
	fast bool
}{
	{"every form the subset reads", fastArticle, true},
	{"non-ASCII before a value", "tïtle_ü: x\nnamé: Мария Иванова\n", false},
	{"non-ASCII in a value moves later columns", "t: [Київ, Львів, \"Одеса\"]\n", true},
	{"indented root", "  a: 1\n  b: 2\n", true},
	{"keys that resolve to other tags", "1: a\ntrue: b\nnull: c\n", true},
	{"non-ASCII before a block scalar", "t: [é]\nn: |\n  x\n", true},
	{"comment", "title: x # note\n", false},
	{"tab", "title:\tx\n", false},
	{"anchor and alias", "a: &x 1\nb: *x\n", false},
	{"tag", "a: !!str 1\n", false},
	{"literal block scalar", "a: |\n  text\n  more\n\n  after a blank\nb: 1\n", true},
	{"folded block scalar, stripped", "a: >-\n    one\n    two\n\n\n    three\n\nb: 1\n", true},
	{"block scalar at the end", "a: >\n  one\n  two", true},
	{"block scalar in a sequence", "a:\n  - |-\n    x\n  - >\n    y\n", true},
	{"negative numbers", "c: [72.2685, -96.3064]\nd: -5\n", true},
	{"kept block scalar", "a: |+\n  text\n\nb: 1\n", false},
	{"indentation indicator", "a: |2\n   text\n", false},
	{"more indented line in a block scalar", "a: >\n  one\n    two\n", false},
	{"trailing spaces in a block scalar", "a: |\n  one  \n  two\n", false},
	{"spaces on a blank line in a block scalar", "a: |\n  one\n   \n  two\n", false},
	{"blank line before a block scalar's text", "a: |\n\n  one\n", false},
	{"empty block scalar", "a: |\nb: 1\n", false},
	{"dash alone", "a: [-]\n", false},
	{"value over two lines", "a: one\n  two\n", false},
	{"quoted string over two lines", "a: \"one\n  two\"\n", false},
	{"empty value", "a:\nb: 1\n", false},
	{"empty value at the end", "a:\n", false},
	{"uncommon escape", `a: "\x41"` + "\n", false},
	{"quoted key", "\"a\": 1\n", false},
	{"colon and space in a plain value", "a: b: c\n", false},
	{"colon in a flow plain value", "a: [b:c]\n", false},
	{"question mark in a flow plain value", "a: [0?]\n", false},
	{"question mark in a block plain value", "a: 0? b?c\n", true},
	{"nested flow", "a: [[b]]\n", false},
	{"trailing comma", "a: [b,]\n", false},
	{"text after a quoted value", "a: \"b\" c\n", false},
	{"merge key value", "a: <<\n", false},
	{"a sequence at the root", "- a\n- b\n", false},
	{"a scalar at the root", "just text\n", false},
	{"dedent to no parent", "a:\n    b: 1\n  c: 2\n", false},
	{"over-indented next key", "a: 1\n  b: 2\n", false},
	{"byte-order mark", "a: \ufeffb\n", false},
	{"line separator", "a: b\u2028c\n", false},
	{"control character", "a: b\x01\n", false},
	{"invalid UTF-8", "a: b\xff\n", false},
	{"document end", "a: 1\n...\n", false},
	{"nothing", "", false},
	{"only blank lines", "\n  \n", false},
	{"many blank lines", strings.Repeat("\n", 10000) + "a: 1\n", true},
}

func TestFastParse(t *testing.T) {
	for _, tt := range fastCases {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fastParse([]byte(tt.src))
			require.Equal(t, tt.fast, ok, "read by the fast path")
			if !ok {
				assert.Nil(t, got)
				return
			}
			want, err := yamlRoot(tt.src)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

// TestParserReusesMemory holds a Parser, which reuses one block's memory
// for the next, to Parse, which starts afresh: the same tree and the same
// problems for every block, whatever the block before it.
func TestParserReusesMemory(t *testing.T) {
	var p Parser
	check := func(t *testing.T, src string) {
		t.Helper()
		b := Block{YAML: []byte(src), Line: 2}
		var wantDiags, gotDiags diag.List
		want, _ := Parse("a.md", b, &wantDiags)
		called := false
		p.Parse("a.md", b, &gotDiags, func(root *yaml.Node, d *Decoder) {
			called = true
			assert.Equal(t, want, root)
			assert.Equal(t, &Decoder{Path: "a.md", LineOffset: 1, Diags: &gotDiags}, d)
		})
		assert.True(t, called)
		assert.Equal(t, wantDiags.Sorted(), gotDiags.Sorted())
	}
	for range 2 {
		for _, tt := range fastCases {
			check(t, tt.src)
		}
		for _, tt := range slices.Backward(fastCases) {
			check(t, tt.src)
		}
	}
	// At once, each block after others.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, tt := range fastCases {
				check(t, tt.src)
			}
		})
	}
	wg.Wait()
}

// TestResetKeepsNothing checks that a parser waiting to be reused holds
// no part of the last source, nor of its values.
func TestResetKeepsNothing(t *testing.T) {
	var p fastParser
	// More nodes than the first slab holds, then fewer.
	for _, src := range []string{fastArticle, "a: [b, c, d, e, f, g, h, i, j, k, l, m, n, o, p]\n", "a: b\n"} {
		_, ok := p.parse([]byte(src))
		require.True(t, ok)
		p.reset()
		assert.Empty(t, p.lines)
		for _, l := range p.lines[:cap(p.lines)] {
			assert.Nil(t, l.text)
		}
		for _, n := range p.first[:cap(p.first)] {
			assert.Zero(t, n)
		}
		assert.Nil(t, p.nodes)
		assert.Empty(t, p.stack)
		assert.Empty(t, p.ptrs)
		for _, n := range append(p.stack[:cap(p.stack)], p.ptrs[:cap(p.ptrs)]...) {
			assert.Nil(t, n)
		}
	}
}

// nested returns front matter whose collections nest levels deep: mappings
// under keys, or (items) mappings in sequence items under keys, two levels
// a line (levels even).
func nested(levels int, items bool) string {
	var b strings.Builder
	if !items {
		for i := range levels - 1 {
			b.WriteString(strings.Repeat(" ", i) + "k:\n")
		}
		b.WriteString(strings.Repeat(" ", levels-1) + "k: v\n")
		return b.String()
	}
	// The root, a sequence and a mapping a line, the innermost mapping.
	n := (levels - 2) / 2
	b.WriteString("a:\n")
	for i := range n {
		b.WriteString(strings.Repeat(" ", 2*i) + "- k:\n")
	}
	b.WriteString(strings.Repeat(" ", 2*n+2) + "v: w\n")
	return b.String()
}

func TestFastParseDepth(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		depth int
		fast  bool
	}{
		{"mappings, at the limit", nested(maxDepth, false), maxDepth, true},
		{"mappings, over the limit", nested(maxDepth+1, false), maxDepth + 1, false},
		{"items, at the limit", nested(maxDepth, true), maxDepth, true},
		{"items, over the limit", nested(maxDepth+2, true), maxDepth + 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := yamlRoot(tt.src)
			require.NoError(t, err)
			depth := 0
			for n := want; n != nil && n.Kind != yaml.ScalarNode; n = n.Content[len(n.Content)-1] {
				depth++
			}
			require.Equal(t, tt.depth, depth, "the test's nesting")
			got, ok := fastParse([]byte(tt.src))
			require.Equal(t, tt.fast, ok, "read by the fast path")
			if ok {
				assert.Equal(t, want, got)
			}
		})
	}
}

func TestFastParsePositions(t *testing.T) {
	root, ok := fastParse([]byte("a: x\nlist:\n  -   k: Київ\n      v: [ü, z]\n"))
	require.True(t, ok)
	item := root.Content[3].Content[0]
	assert.Equal(t, [2]int{3, 7}, [2]int{item.Line, item.Column}, "a mapping in a sequence starts at its first key")
	flow := item.Content[3]
	assert.Equal(t, [2]int{4, 10}, [2]int{flow.Line, flow.Column})
	assert.Equal(t, [2]int{4, 14}, [2]int{flow.Content[1].Line, flow.Content[1].Column}, "columns count characters, not bytes")
}

// FuzzFastParse holds the fast path to yaml.v3: whatever it reads, yaml.v3
// reads without error into the same tree. A parser that reuses its memory
// from one input to the next reads each the same as a new one.
func FuzzFastParse(f *testing.F) {
	f.Add(fastArticle)
	for _, s := range []string{"a: [b, 'c''d', \"e\\n\"]\n", "- a: b\n  c: [d]\n", "a:\n- b\n- c: {d: e}\n", "a: 1.5e3\nb: 0x1F\nc: .inf\n", "a: >-\n  b\n\n  c\nd: |\n  e\n"} {
		f.Add(s)
	}
	var reused fastParser
	f.Fuzz(func(t *testing.T, src string) {
		got, ok := fastParse([]byte(src))
		again, okAgain := reused.parse([]byte(src))
		require.Equal(t, ok, okAgain, "a reused parser")
		if ok {
			require.Equal(t, got, again, "a reused parser")
		}
		reused.reset()
		if !ok {
			return
		}
		want, err := yamlRoot(src)
		require.NoError(t, err, "the fast path read what yaml.v3 rejects")
		assert.Equal(t, want, got)
	})
}

// BenchmarkParse compares the fast path with yaml.v3 on a front matter of
// every form the fast path reads.
func BenchmarkParse(b *testing.B) {
	src := []byte(fastArticle)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := fastParse(src); !ok {
				b.Fatal("not read by the fast path")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

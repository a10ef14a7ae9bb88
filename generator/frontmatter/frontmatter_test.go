package frontmatter

import (
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, src string
		yaml      string
		body      string
		err       error
	}{
		{"basic", "---\na: 1\n---\nbody\n", "a: 1\n", "body\n", nil},
		{"trailing spaces on fences", "---  \na: 1\n--- \nbody", "a: 1\n", "body", nil},
		{"empty block", "---\n---\n", "", "", nil},
		{"no newline after closing fence", "---\na: 1\n---", "a: 1\n", "", nil},
		{"dashes inside YAML are not a fence", "---\na: ----\n- x\n---\n", "a: ----\n- x\n", "", nil},
		{"missing", "a: 1\n", "", "", ErrMissing},
		{"leading blank line", "\n---\na: 1\n---\n", "", "", ErrMissing},
		{"four dashes are not a fence", "----\na: 1\n---\n", "", "", ErrMissing},
		{"unclosed", "---\na: 1\n", "", "", ErrUnclosed},
		{"only opening fence", "---", "", "", ErrUnclosed},
		{"empty", "", "", "", ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Split([]byte(tt.src))
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.yaml, string(b.YAML))
			assert.Equal(t, 2, b.Line)
			assert.Equal(t, tt.body, tt.src[b.BodyOffset:])
		})
	}
}

func TestSyntaxErrorLines(t *testing.T) {
	// yaml.v3 numbers parser errors from 0 and scanner errors from 1, and
	// gives no line for errors on the first line; all must land on the
	// right line of the file (front matter starts on line 2).
	tests := []struct{ yaml, want string }{
		{"title: T\ndate: [2025\n", "f.md:3:1: invalid YAML in front matter: did not find expected ',' or ']'"},
		{"a: b: c\n", "f.md:2:1: invalid YAML in front matter: mapping values are not allowed in this context"},
		{"a:\n\t- x\n", "f.md:3:1: invalid YAML in front matter: found character that cannot start any token\n\thint: YAML does not allow tabs for indentation; indent with spaces"},
		{"- a\nb: c\n", "f.md:3:1: invalid YAML in front matter: did not find expected '-' indicator"},
		{"a: 'x\n", "f.md:3:1: invalid YAML in front matter: found unexpected end of stream"},
	}
	for _, tt := range tests {
		var l diag.List
		root, _ := Parse("f.md", Block{YAML: []byte(tt.yaml), Line: 2}, &l)
		assert.Nil(t, root)
		require.Len(t, l.Sorted(), 1)
		assert.Equal(t, tt.want, l.Sorted()[0].String(), tt.yaml)
	}
}

func TestMappingTypes(t *testing.T) {
	var l diag.List
	root, d := Parse("f.md", Block{YAML: []byte("s: 12\nb: true\nn: 1.5\nlist: [a, b]\nnull:\n"), Line: 2}, &l)
	require.NotNil(t, root)
	var got struct {
		s    string
		b    bool
		n    float64
		list []string
	}
	present := d.Mapping(root, "front matter", Fields{
		"s":    func(k, v *yaml.Node) { got.s, _ = d.String(k, v) },
		"b":    func(k, v *yaml.Node) { got.b, _ = d.Bool(k, v) },
		"n":    func(k, v *yaml.Node) { got.n, _ = d.Float(k, v) },
		"list": func(k, v *yaml.Node) { got.list, _ = d.StringList(k, v) },
		"null": func(k, v *yaml.Node) { t.Error("null values are not decoded") },
	})
	assert.Empty(t, l.Sorted())
	assert.Equal(t, "12", got.s)
	assert.True(t, got.b)
	assert.Equal(t, 1.5, got.n)
	assert.Equal(t, []string{"a", "b"}, got.list)
	assert.NotContains(t, present, "null")
}

// FuzzSplitAndParse checks that no input makes the front matter reader
// panic, and that every diagnostic has a place inside the file.
func FuzzSplitAndParse(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: T\n---\n", "---\n\t- x\n---\n", "---\na: &x [*x]\n---\n", "---\n: :\n---", "---",
		"---\na: [1\n---\n", "---\n{a: b}\n---\n", "---\n!!binary x\n---\n", "---\n? a\n: b\n---\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		norm := NormalizeNewlines([]byte(src))
		b, err := Split(norm)
		if err != nil {
			return
		}
		src = string(norm)
		var l diag.List
		root, d := Parse("f.md", b, &l)
		if root != nil {
			d.Mapping(root, "front matter", Fields{
				"title": func(k, v *yaml.Node) { d.String(k, v) },
				"tags":  func(k, v *yaml.Node) { d.StringList(k, v) },
				"date":  func(k, v *yaml.Node) { d.Date(k, v) },
			})
		}
		lines := 1 + len(splitLines(src))
		for _, dg := range l.Sorted() {
			if dg.Line < 1 || dg.Line > lines {
				t.Fatalf("diagnostic outside the file (%d lines): %s", lines, dg)
			}
		}
	})
}

func splitLines(s string) []int {
	var n []int
	for i := range len(s) {
		if s[i] == '\n' {
			n = append(n, i)
		}
	}
	return n
}

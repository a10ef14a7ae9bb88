package diag

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiagnosticStringAndPos(t *testing.T) {
	tests := []struct {
		name   string
		d      Diagnostic
		pos    string
		string string
	}{
		{"no path", Diagnostic{Msg: "boom", Line: 3, Col: 4}, "gloss", "gloss: boom"},
		{"path only", Diagnostic{Path: "content/site.yaml", Msg: "bad"}, "content/site.yaml", "content/site.yaml: bad"},
		{"negative line is no line", Diagnostic{Path: "a.md", Line: -1, Col: 2, Msg: "m"}, "a.md", "a.md: m"},
		{"line only", Diagnostic{Path: "a.md", Line: 7, Msg: "m"}, "a.md:7", "a.md:7: m"},
		{"line and col", Diagnostic{Path: "a.md", Line: 7, Col: 12, Msg: "m"}, "a.md:7:12", "a.md:7:12: m"},
		{"with hint", Diagnostic{Path: "a.md", Line: 1, Col: 1, Msg: "m", Hint: "do this"},
			"a.md:1:1", "a.md:1:1: m\n\thint: do this"},
		{"warning", Diagnostic{Severity: Warning, Path: "a.md", Line: 2, Msg: "careful"},
			"a.md:2", "a.md:2: warning: careful"},
		{"warning with hint and no path", Diagnostic{Severity: Warning, Msg: "w", Hint: "h"},
			"gloss", "gloss: warning: w\n\thint: h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.pos, tt.d.Pos())
			assert.Equal(t, tt.string, tt.d.String())
		})
	}
}

func TestSeverityString(t *testing.T) {
	assert.Equal(t, "error", Error.String())
	assert.Equal(t, "warning", Warning.String())
}

func TestListSortedOrdersAndDeduplicates(t *testing.T) {
	var l List
	l.Errorf("b.md", 2, 1, "second line")
	l.Errorf("a.md", 10, 1, "late")
	l.Errorf("a.md", 2, 5, "col five")
	l.Errorf("a.md", 2, 3, "col three")
	l.Warnf("a.md", 2, 3, "col three")        // same place: errors sort before warnings
	l.Errorf("a.md", 2, 3, "col three")       // exact duplicate
	l.Errorf("a.md", 2, 3, "another")         // same place, message decides
	l.Add(Diagnostic{Path: "a.md", Msg: "x"}) // no line sorts first
	l.Add(Diagnostic{Path: "a.md", Msg: "x", Hint: "h"})
	l.Add(Diagnostic{Path: "a.md", Msg: "x", Hint: "h"})

	var got []string
	for _, d := range l.Sorted() {
		got = append(got, fmt.Sprintf("%s %s %s|%s", d.Pos(), d.Severity, d.Msg, d.Hint))
	}
	assert.Equal(t, []string{
		"a.md error x|",
		"a.md error x|h",
		"a.md:2:3 error another|",
		"a.md:2:3 error col three|",
		"a.md:2:3 warning col three|",
		"a.md:2:5 error col five|",
		"a.md:10:1 error late|",
		"b.md:2:1 error second line|",
	}, got)
}

func TestListSortedDoesNotChangeTheList(t *testing.T) {
	var l List
	l.Errorf("b.md", 1, 1, "b")
	l.Errorf("a.md", 1, 1, "a")
	l.Errorf("a.md", 1, 1, "a")
	_ = l.Sorted()
	// The duplicate is still recorded: Sorted works on a copy.
	l.mu.Lock()
	n := len(l.items)
	first := l.items[0].Path
	l.mu.Unlock()
	assert.Equal(t, 3, n)
	assert.Equal(t, "b.md", first)
}

func TestListMerge(t *testing.T) {
	var l List
	l.Errorf("z.md", 1, 1, "z")
	l.Merge([]Diagnostic{{Path: "a.md", Msg: "a"}, {Path: "z.md", Line: 1, Col: 1, Msg: "z"}})
	got := l.Sorted()
	require.Len(t, got, 2)
	assert.Equal(t, "a.md", got[0].Path)
	assert.Equal(t, "z.md", got[1].Path)
}

func TestListConcurrentAdds(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.Errorf("a.md", i+1, 1, "e")
			l.Merge([]Diagnostic{{Severity: Warning, Path: "b.md", Line: i + 1, Msg: "w"}})
		}()
	}
	wg.Wait()
	assert.Len(t, l.Sorted(), 100)
	assert.Len(t, l.Warnings(), 50)
}

func TestHasErrorsErrAndWarnings(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		var l List
		assert.False(t, l.HasErrors())
		assert.NoError(t, l.Err())
		assert.Empty(t, l.Warnings())
		assert.Empty(t, l.Sorted())
	})
	t.Run("warnings only", func(t *testing.T) {
		var l List
		l.Warnf("b.md", 1, 0, "w2")
		l.Warnf("a.md", 3, 0, "w1")
		assert.False(t, l.HasErrors())
		assert.NoError(t, l.Err(), "warnings never fail the build")
		ws := l.Warnings()
		require.Len(t, ws, 2)
		assert.Equal(t, "a.md:3: warning: w1", ws[0].String())
		assert.Equal(t, "b.md:1: warning: w2", ws[1].String())
	})
	t.Run("errors and warnings", func(t *testing.T) {
		var l List
		l.Warnf("a.md", 1, 1, "just a warning")
		l.Errorf("b.md", 4, 2, "second")
		l.Errorf("a.md", 9, 1, "first")
		l.Errorf("a.md", 9, 1, "first")
		assert.True(t, l.HasErrors())
		err := l.Err()
		require.Error(t, err)
		var errs *Errors
		require.True(t, errors.As(err, &errs))
		require.Len(t, errs.List, 2, "warnings left out, duplicates dropped")
		for _, d := range errs.List {
			assert.Equal(t, Error, d.Severity)
		}
		assert.Equal(t, "a.md:9:1: first\nb.md:4:2: second", err.Error())
		assert.Len(t, l.Warnings(), 1)
	})
}

func TestErrorsErrorWithHints(t *testing.T) {
	e := &Errors{List: []Diagnostic{
		{Path: "a.md", Line: 1, Col: 2, Msg: "one", Hint: "fix one"},
		{Path: "b.md", Msg: "two"},
	}}
	assert.Equal(t, "a.md:1:2: one\n\thint: fix one\nb.md: two", e.Error())
}

func TestLinesPosition(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		offset    int
		line, col int
	}{
		{"start", "ab\ncd\n", 0, 1, 1},
		{"middle of first line", "ab\ncd\n", 1, 1, 2},
		{"the newline itself", "ab\ncd\n", 2, 1, 3},
		{"start of second line", "ab\ncd\n", 3, 2, 1},
		{"second line", "ab\ncd\n", 4, 2, 2},
		{"end of file after newline", "ab\ncd\n", 6, 3, 1},
		{"negative clamps to start", "ab\ncd\n", -10, 1, 1},
		{"past the end clamps to end", "ab\ncd", 99, 2, 3},
		{"empty source", "", 5, 1, 1},
		{"empty lines", "\n\n\nx", 3, 4, 1},
		{"cyrillic counts characters", "Київ є\nщо", 9, 1, 6},        // "Київ" is 8 bytes, a space, then "є"
		{"cyrillic second line", "Київ\nщо тут", 14, 2, 4},           // "що" 4 bytes, space, then "т"
		{"emoji is one character", "a😀b\nc", 5, 1, 3},                // the emoji is 4 bytes
		{"after emoji line", "😀😀\n😀x", 13, 2, 2},                     // 8 bytes + newline + 4 bytes
		{"combining mark is its own character", "e\u0301x", 3, 1, 3}, // e, U+0301 (2 bytes), x
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col := NewLines([]byte(tt.src)).Position(tt.offset)
			assert.Equal(t, []int{tt.line, tt.col}, []int{line, col})
		})
	}
}

func TestLinesOffsetRoundTrip(t *testing.T) {
	for _, src := range []string{
		"plain ascii\nsecond line\n\nfourth",
		"Київ — столиця\nУкраїни\n",
		"emoji 😀 here\n🇺🇦 flag\nend😀",
		"",
		"\n",
		"no newline at the end",
	} {
		t.Run(src, func(t *testing.T) {
			l := NewLines([]byte(src))
			for off := 0; off <= len(src); off++ {
				if off < len(src) && !isRuneStart(src[off]) {
					continue // not a character boundary: no position names it
				}
				line, col := l.Position(off)
				require.Equal(t, off, l.Offset(line, col), "offset %d → %d:%d", off, line, col)
			}
		})
	}
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func TestLinesOffset(t *testing.T) {
	src := "ab\nКиїв\n😀z"
	l := NewLines([]byte(src))
	tests := []struct {
		name      string
		line, col int
		want      int
	}{
		{"first character", 1, 1, 0},
		{"col zero is the line start", 2, 0, 3},
		{"cyrillic col 3", 2, 3, 3 + 4},
		{"col past the line stops at its newline", 1, 50, 2},
		{"col past the last line stops at the end", 3, 50, len(src)},
		{"after emoji", 3, 2, len(src) - 1},
		{"line zero", 0, 5, 0},
		{"negative line", -3, 1, 0},
		{"line past the end", 9, 1, len(src)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, l.Offset(tt.line, tt.col))
		})
	}
}

func TestWriteText(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteText(&buf, []Diagnostic{
		{Path: "a.md", Line: 1, Col: 2, Msg: "one"},
		{Severity: Warning, Path: "b.md", Msg: "two", Hint: "fix"},
	}))
	assert.Equal(t, "a.md:1:2: one\nb.md: warning: two\n\thint: fix\n", buf.String())

	buf.Reset()
	require.NoError(t, WriteText(&buf, nil))
	assert.Empty(t, buf.String())
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportWriteErrors(t *testing.T) {
	ds := []Diagnostic{{Path: "a.md", Msg: "m"}}
	assert.EqualError(t, WriteText(failingWriter{}, ds), "disk full")
	assert.EqualError(t, WriteGitHub(failingWriter{}, ds), "disk full")
	assert.EqualError(t, WriteJSON(failingWriter{}, ds), "disk full")
}

func TestWriteGitHub(t *testing.T) {
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"full place", Diagnostic{Path: "content/a.md", Line: 3, Col: 9, Msg: "bad link"},
			"::error file=content/a.md,line=3,col=9::bad link\n"},
		{"warning, line only", Diagnostic{Severity: Warning, Path: "a.md", Line: 3, Msg: "w"},
			"::warning file=a.md,line=3::w\n"},
		{"no place", Diagnostic{Msg: "-base-url: bad"}, "::error ::-base-url: bad\n"},
		{"hint on a new line, escaped", Diagnostic{Path: "a.md", Msg: "m", Hint: "h"},
			"::error file=a.md::m%0Ahint: h\n"},
		{"percent, CR and LF in the message", Diagnostic{Path: "a.md", Msg: "100% sure\r\nreally"},
			"::error file=a.md::100%25 sure%0D%0Areally\n"},
		{"colon and comma kept in the message", Diagnostic{Path: "a.md", Msg: "a: b, c"},
			"::error file=a.md::a: b, c\n"},
		{"property escaping", Diagnostic{Path: "we:ird,na%me\nx.md", Line: 1, Msg: "m"},
			"::error file=we%3Aird%2Cna%25me%0Ax.md,line=1::m\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteGitHub(&buf, []Diagnostic{tt.d}))
			assert.Equal(t, tt.want, buf.String())
		})
	}
}

func TestWriteGitHubOneLinePerDiagnostic(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteGitHub(&buf, []Diagnostic{
		{Path: "a.md", Msg: "one\ntwo", Hint: "three\nfour"},
		{Path: "b.md", Msg: "five"},
	}))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	assert.Len(t, lines, 2)
}

func TestWriteJSON(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, []Diagnostic{
		{Path: "a.md", Line: 1, Col: 2, Msg: "one <b>&", Hint: "fix"},
		{Severity: Warning, Path: "b.md", Msg: "two"},
	}))
	var got []map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	assert.Equal(t, []map[string]any{
		{"severity": "error", "path": "a.md", "line": 1.0, "col": 2.0, "message": "one <b>&", "hint": "fix"},
		{"severity": "warning", "path": "b.md", "line": 0.0, "col": 0.0, "message": "two"},
	}, got, "hint is left out when empty; line and col are always there")
	assert.True(t, strings.HasPrefix(buf.String(), "[\n  {"), "indented")
}

func TestWriteJSONEmptyIsAnArray(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, nil))
	assert.Equal(t, "[]\n", buf.String())
}

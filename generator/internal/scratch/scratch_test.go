package scratch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPutGet(t *testing.T) {
	tests := []struct {
		name  string
		value string
	}{
		{"empty", ""},
		{"one byte", "x"},
		{"text", "Vladimir Medinsky led the Russian delegation."},
		{"not UTF-8", "\xff\xfe\x00"},
		{"large", strings.Repeat("<p>Istanbul</p>\n", 1<<14)},
	}
	f, err := Create(t.TempDir())
	require.NoError(t, err)
	defer f.Close()
	refs := make([]Ref, len(tests))
	for i, tt := range tests {
		refs[i], err = f.Put([]byte(tt.value))
		require.NoError(t, err, tt.name)
		assert.Equal(t, len(tt.value), refs[i].Len(), tt.name)
	}
	// Read back in reverse, after every Put.
	for i := len(tests) - 1; i >= 0; i-- {
		got, err := f.GetString(refs[i])
		require.NoError(t, err, tests[i].name)
		assert.Equal(t, tests[i].value, got, tests[i].name)
		b, err := f.Get(refs[i])
		require.NoError(t, err, tests[i].name)
		assert.Equal(t, tests[i].value, string(b), tests[i].name)
		var buf bytes.Buffer
		buf.WriteString("before|")
		require.NoError(t, f.ReadInto(&buf, refs[i]), tests[i].name)
		assert.Equal(t, "before|"+tests[i].value, buf.String(), tests[i].name)
		called := false
		require.NoError(t, f.UseString(refs[i], func(s string) error {
			called = true
			assert.Equal(t, tests[i].value, s, tests[i].name)
			return nil
		}))
		assert.True(t, called, tests[i].name)
	}
	errUse := errors.New("use failed")
	assert.Equal(t, errUse, f.UseString(refs[2], func(string) error { return errUse }), "use's error")
}

// TestChunks: values read back the same whether they are still in the
// buffer or were written to the file, including one larger than a chunk.
func TestChunks(t *testing.T) {
	f, err := Create(t.TempDir())
	require.NoError(t, err)
	defer f.Close()
	var values []string
	var refs []Ref
	for i := 0; len(values) < 3 || refs[len(refs)-1].off < 3*chunk; i++ {
		v := strings.Repeat(fmt.Sprintf("<p>value %d</p>", i), 1+i%700)
		if i == 5 {
			v = strings.Repeat("x", chunk+7)
		}
		r, err := f.Put([]byte(v))
		require.NoError(t, err)
		values, refs = append(values, v), append(refs, r)
	}
	require.Greater(t, f.flushed, int64(2*chunk), "some values were written")
	require.NotEmpty(t, f.buf, "some values are still in the buffer")
	for i, r := range refs {
		got, err := f.GetString(r)
		require.NoError(t, err)
		require.Equal(t, values[i], got, "value %d", i)
	}
}

func TestPutCopiesData(t *testing.T) {
	f, err := Create(t.TempDir())
	require.NoError(t, err)
	defer f.Close()
	buf := []byte("first")
	r, err := f.Put(buf)
	require.NoError(t, err)
	copy(buf, "XXXXX")
	got, err := f.GetString(r)
	require.NoError(t, err)
	assert.Equal(t, "first", got)
}

func TestConcurrent(t *testing.T) {
	f, err := Create(t.TempDir())
	require.NoError(t, err)
	defer f.Close()
	const n = 200
	refs := make([]Ref, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r, err := f.Put([]byte(fmt.Sprintf("value %d %s", i, strings.Repeat("é", i))))
			assert.NoError(t, err)
			refs[i] = r
		})
	}
	wg.Wait()
	for i := range n {
		wg.Go(func() {
			got, err := f.GetString(refs[i])
			assert.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("value %d %s", i, strings.Repeat("é", i)), got)
		})
	}
	wg.Wait()
}

func TestCloseRemovesFile(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir)
	require.NoError(t, err)
	r, err := f.Put([]byte("body"))
	require.NoError(t, err)
	require.NoError(t, f.Close())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "the scratch file is gone after Close")
	_, err = f.Put([]byte("more"))
	assert.ErrorIs(t, err, os.ErrClosed)
	_, err = f.GetString(r)
	assert.ErrorIs(t, err, os.ErrClosed)
	assert.NoError(t, f.Close(), "a second Close does nothing")
}

func TestCreateInMissingFolder(t *testing.T) {
	_, err := Create(t.TempDir() + "/missing")
	assert.ErrorContains(t, err, "scratch file")
}

// TestFailedWrite: when writing a chunk fails (a full disk), only the Put
// that filled it fails, and its value leaves the buffer; the values before
// it still read back, and later Puts work once writes do.
func TestFailedWrite(t *testing.T) {
	f, err := Create(t.TempDir())
	require.NoError(t, err)
	defer f.Close()
	first := strings.Repeat("a", chunk/2)
	r1, err := f.Put([]byte(first))
	require.NoError(t, err)

	good := f.f
	bad, err := os.Open(os.DevNull) // read-only: every write fails
	require.NoError(t, err)
	defer bad.Close()
	f.f = bad
	_, err = f.Put([]byte(strings.Repeat("b", chunk/2+1)))
	require.ErrorContains(t, err, "scratch file")
	assert.Len(t, f.buf, len(first), "the failed value is not kept")
	got, err := f.GetString(r1)
	require.NoError(t, err)
	assert.Equal(t, first, got)

	f.f = good
	third := strings.Repeat("c", chunk)
	r3, err := f.Put([]byte(third))
	require.NoError(t, err)
	for r, want := range map[Ref]string{r1: first, r3: third} {
		got, err := f.GetString(r)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	assert.Equal(t, int64(len(first)+len(third)), f.Size())
}

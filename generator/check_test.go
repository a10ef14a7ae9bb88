package generator

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckFormats checks gloss check's output for a site with errors and
// warnings in each format against testdata/check/*.golden.
func TestCheckFormats(t *testing.T) {
	dir := testSite(t, map[string]string{
		"content/articles/a.md":      "---\ntitle: A\ndate: 2025-05-16\ntagz: [x]\nannotations:\n  - quote: \"Kyiv, where\"\n    note: \"Capital.\"\n---\nIn Kyiv, where the talks, and Kyiv, were.\n",
		"content/articles/b.md":      "---\ntitle: B\ndate: 2025-05-17\nannotations:\n  - quote: \"Body of B\"\n    note: x\n  - quote: \"cat\"\n    prefix: \"one \"\n    note: y\n---\nBody of B. one cat, two cat. Body of C.\n",
		"content/glossary/moscow.md": "---\nname: Moscow\nkind: place\naliases: [\"the Russian capital\"]\n---\n",
	})
	ds, err := Check(context.Background(), dir, defaults())
	require.NoError(t, err)
	for _, f := range []struct {
		name  string
		write func(io.Writer, []diag.Diagnostic) error
	}{{"text", diag.WriteText}, {"github", diag.WriteGitHub}, {"json", diag.WriteJSON}} {
		var buf bytes.Buffer
		require.NoError(t, f.write(&buf, ds))
		golden := filepath.Join("testdata", "check", f.name+".golden")
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		assert.Equal(t, string(want), buf.String(), f.name)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := testSite(t, nil)
	ds, err := Check(context.Background(), dir, defaults())
	require.NoError(t, err)
	assert.Empty(t, ds)
	_, err = os.Stat(filepath.Join(dir, "public"))
	assert.True(t, os.IsNotExist(err))
}

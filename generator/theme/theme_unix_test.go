//go:build unix

package theme

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFilesSymlinkSkipped(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "templates"), 0o755))
	target := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(target, []byte("secret"), 0o644))
	require.NoError(t, os.Symlink(target, filepath.Join(dir, "templates", "link.html")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "templates", "base.html"), []byte("b"), 0o644))
	files, err := New(os.DirFS(dir), nil).Files(TemplatesDir)
	require.NoError(t, err)
	require.Len(t, files, 1)
	assert.Equal(t, "base.html", files[0].Name)
}

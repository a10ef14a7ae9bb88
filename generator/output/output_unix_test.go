//go:build unix

package output

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFolderModes(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	w, err := Begin(out)
	require.NoError(t, err)
	info, err := os.Stat(w.tmp)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o700), info.Mode().Perm(), "private while written")
	require.NoError(t, w.Write("a/b.html", []byte("x")))
	require.NoError(t, w.Commit())
	info, err = os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o755), info.Mode().Perm(), "readable once swapped in")
	marker, err := os.Stat(filepath.Join(out, Marker))
	require.NoError(t, err)
	assert.False(t, marker.IsDir())
}

func TestWriteDoesNotFollowSymbolicLinks(t *testing.T) {
	w, err := Begin(filepath.Join(t.TempDir(), "public"))
	require.NoError(t, err)
	defer w.Abort()
	victim := filepath.Join(t.TempDir(), "victim")
	writeFile(t, victim, "safe")
	require.NoError(t, os.Symlink(victim, filepath.Join(w.tmp, "evil.html")))
	require.Error(t, w.Write("evil.html", []byte("pwned")))
	data, err := os.ReadFile(victim)
	require.NoError(t, err)
	assert.Equal(t, "safe", string(data))
}

func TestCheckRefusesALinkToTheSite(t *testing.T) {
	parent, site := newSite(t)
	link := filepath.Join(parent, "link-to-site")
	require.NoError(t, os.Symlink(site, link))
	err := Check(link, site)
	require.Error(t, err)
	assert.Equal(t, fmt.Sprintf("refusing to write the site to %s: it holds the site folder", link), err.Error())
	// A link to an unrelated folder is as good as the folder.
	other := filepath.Join(parent, "elsewhere")
	require.NoError(t, os.Symlink(filepath.Join(parent, "missing"), other))
	assert.NoError(t, Check(other, site))
}

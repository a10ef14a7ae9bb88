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

// TestCreateFile: the file holds the bytes given, however many, and is
// readable by all, as os.Create would make it; an existing name fails with
// fs.ErrExist.
func TestCreateFile(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 3<<20+17)
	for i := range big {
		big[i] = byte(i % 251)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"small", []byte("<p>x</p>")},
		{"big", big},
	} {
		p := filepath.Join(dir, tc.name)
		require.NoError(t, createFile(p, tc.data), tc.name)
		got, err := os.ReadFile(p)
		require.NoError(t, err)
		assert.Equal(t, len(tc.data), len(got), tc.name)
		assert.True(t, string(tc.data) == string(got), "%s: the same bytes", tc.name)
		info, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, fs.FileMode(0o644)&^umask(t), info.Mode().Perm(), tc.name)
		err = createFile(p, []byte("again"))
		assert.ErrorIs(t, err, fs.ErrExist, tc.name)
		var pe *fs.PathError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, p, pe.Path)
	}
}

// umask returns the process's file mode creation mask, as the mode of a
// file os.Create makes shows it.
func umask(t *testing.T) fs.FileMode {
	p := filepath.Join(t.TempDir(), "probe")
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o777)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	info, err := os.Stat(p)
	require.NoError(t, err)
	return 0o777 &^ info.Mode().Perm()
}

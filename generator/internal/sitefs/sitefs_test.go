package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newSite makes a site folder with a few files, and, where the system has
// them, symbolic links (links) and a named pipe (pipes).
func newSite(t *testing.T) (dir string, links, pipes bool) {
	t.Helper()
	dir = t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	write("top.md", "at the top")
	write("content/a.md", "hello")
	write("content/empty.md", "")
	write("content/sub/deep.md", "deep down")
	outside := filepath.Join(t.TempDir(), "secret.md")
	require.NoError(t, os.WriteFile(outside, []byte("secret"), 0o644))
	links = os.Symlink("a.md", filepath.Join(dir, "content", "link.md")) == nil &&
		os.Symlink(outside, filepath.Join(dir, "content", "out.md")) == nil &&
		os.Symlink("sub", filepath.Join(dir, "content", "linkdir")) == nil
	pipes = mkfifo(filepath.Join(dir, "content", "pipe.md")) == nil
	return dir, links, pipes
}

func TestReadFileAtMost(t *testing.T) {
	dir, links, pipes := newSite(t)
	site, err := Open(dir)
	require.NoError(t, err)
	defer site.Close()
	tests := []struct {
		name string
		n    int64
		want string
		err  error // the error it wraps, or errAny for any
		// link and pipe mark the cases that need symbolic links or named
		// pipes.
		link, pipe bool
	}{
		{name: "content/a.md", n: 100, want: "hello"},
		{name: "content/a.md", n: 5, want: "hello"},
		{name: "content/a.md", n: 3, want: "hel"},
		{name: "content/a.md", n: 0, want: ""},
		{name: "content/a.md", n: -5, want: ""},
		{name: "content/empty.md", n: 100, want: ""},
		{name: "content/sub/deep.md", n: 100, want: "deep down"},
		{name: "top.md", n: 100, want: "at the top"},
		{name: "content/missing.md", n: 100, err: fs.ErrNotExist},
		{name: "missing/a.md", n: 100, err: fs.ErrNotExist},
		{name: "content/sub", n: 100, err: errNotRegular},
		{name: "content/a.md/x", n: 100, err: errAny},
		{name: "../a.md", n: 100, err: fs.ErrInvalid},
		{name: "content/../content/a.md", n: 100, err: fs.ErrInvalid},
		{name: "/content/a.md", n: 100, err: fs.ErrInvalid},
		{name: "content/link.md", n: 100, err: errNotRegular, link: true},
		{name: "content/out.md", n: 100, err: errNotRegular, link: true},
		{name: "content/linkdir/deep.md", n: 100, want: "deep down", link: true},
		{name: "content/pipe.md", n: 100, err: errNotRegular, pipe: true},
	}
	for _, tt := range tests {
		if tt.link && !links || tt.pipe && !pipes {
			continue
		}
		// The FS's own reading and the one through fs.FS's methods agree.
		for _, read := range []struct {
			how string
			fn  func(string, int64) ([]byte, error)
		}{
			{"FS", site.ReadFileAtMost},
			{"fs.FS", func(name string, n int64) ([]byte, error) {
				if !fs.ValidPath(name) {
					return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
				}
				return readAtMost(site.fsys, name, n)
			}},
		} {
			t.Run(read.how+"/"+tt.name, func(t *testing.T) {
				got, err := read.fn(tt.name, tt.n)
				if tt.err == nil {
					require.NoError(t, err)
					assert.Equal(t, tt.want, string(got))
					return
				}
				require.Error(t, err)
				var pe *fs.PathError
				require.ErrorAs(t, err, &pe, "the error names the file")
				assert.Equal(t, tt.name, pe.Path)
				if tt.err != errAny {
					assert.ErrorIs(t, err, tt.err)
				}
				assert.Nil(t, got)
			})
		}
	}
}

// errAny stands for any error in TestReadFileAtMost.
var errAny = errors.New("any error")

// TestReadFileAtMostGrows: a file longer than its size says (the kernel's
// files in /proc say 0) is read to its end or to n.
func TestReadFileAtMostGrows(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux's /proc")
	}
	proc, err := Open("/proc/self")
	require.NoError(t, err)
	defer proc.Close()
	info, err := proc.Stat("status")
	require.NoError(t, err)
	require.Zero(t, info.Size(), "/proc/self/status says it is empty")
	all, err := proc.ReadFileAtMost("status", 1<<20)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(all), "Name:"), "%q", all)
	assert.Greater(t, len(all), 200)
	some, err := proc.ReadFileAtMost("status", 10)
	require.NoError(t, err)
	assert.Equal(t, all[:10], some)
}

// TestReadFileAtMostConcurrently reads from many goroutines, as a build
// does: each folder is opened once (run with -race).
func TestReadFileAtMostConcurrently(t *testing.T) {
	dir, _, _ := newSite(t)
	site, err := Open(dir)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			name := []string{"content/a.md", "content/sub/deep.md", "top.md", "content/missing.md"}[i%4]
			_, err := site.ReadFileAtMost(name, 100)
			assert.Equal(t, name == "content/missing.md", err != nil, name)
		})
	}
	wg.Wait()
	if runtime.GOOS == "linux" {
		assert.Len(t, site.dirs, 3, "content, content/sub and the root")
	}
	require.NoError(t, site.Close())
	assert.Empty(t, site.dirs)
	_, err = site.ReadFileAtMost("content/a.md", 100)
	assert.Error(t, err, "a closed FS reads nothing")
}

// TestFS holds the FS to fs.FS's rules and its optional interfaces.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "content", "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("hello"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "sub", "b.md"), []byte("world"), 0o644))
	site, err := Open(dir)
	require.NoError(t, err)
	defer site.Close()
	require.NoError(t, fstest.TestFS(site, "content/a.md", "content/sub/b.md"))
	var _ interface {
		fs.ReadDirFS
		fs.ReadFileFS
		fs.StatFS
		fs.ReadLinkFS
	} = site
}

// TestReadFileAtMostOtherFS: a file system without the method is read with
// fs.FS's.
func TestReadFileAtMostOtherFS(t *testing.T) {
	fsys := fstest.MapFS{"a.md": {Data: []byte("hello")}, "d": {Mode: fs.ModeDir}}
	got, err := ReadFileAtMost(fsys, "a.md", 4)
	require.NoError(t, err)
	assert.Equal(t, "hell", string(got))
	_, err = ReadFileAtMost(fsys, "d", 4)
	assert.ErrorIs(t, err, errNotRegular)
	_, err = ReadFileAtMost(fsys, "b.md", 4)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestReadFileAtMostManyFolders: past maxOpenDirs folders, files are read
// through the root, and no more folders are kept open.
func TestReadFileAtMostManyFolders(t *testing.T) {
	dir := t.TempDir()
	const folders = maxOpenDirs + 10
	for i := range folders {
		sub := filepath.Join(dir, "content", "f"+strconv.Itoa(i))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(sub, "a.md"), []byte("file "+strconv.Itoa(i)), 0o644))
	}
	site, err := Open(dir)
	require.NoError(t, err)
	defer site.Close()
	for round := range 2 {
		for i := range folders {
			got, err := site.ReadFileAtMost("content/f"+strconv.Itoa(i)+"/a.md", 100)
			require.NoError(t, err, "round %d, folder %d", round, i)
			assert.Equal(t, "file "+strconv.Itoa(i), string(got))
		}
	}
	assert.LessOrEqual(t, len(site.dirs), maxOpenDirs)
	if runtime.GOOS == "linux" {
		assert.Len(t, site.dirs, maxOpenDirs)
	}
}

// Package output is the last stage of a build: it writes a site into a
// temporary folder beside the output folder and swaps it into place only when
// every page was written, so a failed or interrupted build leaves the
// previous site as it was.
//
// A file with the same bytes as in the output folder's previous build is
// hard-linked from it instead of written (see previous), so that it stays
// the same file, with its modification time.
//
// No write can leave the output folder: every name is checked to be a local
// path (no "..", no absolute path), and the temporary folder is private to
// this user (mode 0700) while it is written, so nobody else can plant a
// symbolic link in it; it is opened to readers only when it is swapped in.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Marker is the file gloss keeps in every folder it writes, so that it never
// replaces a folder it did not write.
const Marker = ".gloss-output"

const markerText = "This folder is written by gloss and replaced on every build.\n"

// Writer writes one build into a temporary folder.
type Writer struct {
	final string // the output folder
	tmp   string // the temporary folder being written
	files atomic.Int64
	// prev is the last build in the output folder, if any; unchanged
	// counts the files linked to it.
	prev      *previous
	unchanged atomic.Int64
	dirs      sync.Map // folders made so far, by slash path
	// wrap lets tests make writes fail (a full disk).
	wrap func(name string, data []byte) error
}

// Check refuses output folders gloss must not replace: the filesystem root,
// the home folder, the site folder or one of its parents, a folder holding a
// content/ folder, and a non-empty folder without gloss's marker.
func Check(out, site string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	absOut = resolve(absOut)
	absSite := resolve(mustAbs(site))
	refuse := func(why string) error {
		return fmt.Errorf("refusing to write the site to %s: %s", out, why)
	}
	if absOut == filepath.Dir(absOut) {
		return refuse("it is the root of the file system")
	}
	if home, err := os.UserHomeDir(); err == nil && absOut == resolve(home) {
		return refuse("it is the home folder")
	}
	if absOut == absSite || isWithin(absSite, absOut) {
		return refuse("it holds the site folder")
	}
	entries, err := os.ReadDir(absOut)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absOut, "content")); err == nil {
		return refuse("it holds a content/ folder")
	}
	if _, err := os.Stat(filepath.Join(absOut, Marker)); err != nil {
		return refuse("it is not empty and was not written by gloss (no " + Marker + " file); empty it or choose another -out")
	}
	return nil
}

// Begin creates the temporary folder for a build into out. Call Check first.
func Begin(out string) (*Writer, error) {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	parent := filepath.Dir(absOut)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	cleanStale(parent, filepath.Base(absOut))
	// MkdirTemp makes the folder with mode 0700: private while written.
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(absOut)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	w := &Writer{final: absOut, tmp: tmp, prev: openPrevious(absOut)}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		w.Abort()
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	return w, nil
}

// WithFailingWrites makes every write after the first n fail with err; it
// lets tests simulate a full disk.
func (w *Writer) WithFailingWrites(n int64, err error) {
	var count atomic.Int64
	w.wrap = func(string, []byte) error {
		if count.Add(1) > n {
			return err
		}
		return nil
	}
}

// Write writes one file. name is slash-separated and relative to the output
// folder; names that would leave it are refused. Safe for concurrent use.
func (w *Writer) Write(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
		return fmt.Errorf("refusing to write %q: outside the output folder", name)
	}
	if w.wrap != nil {
		if err := w.wrap(name, data); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := w.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if w.prev != nil && w.prev.same(name, data) && w.prev.link(name, w.tmp) {
		w.files.Add(1)
		w.unchanged.Add(1)
		return nil
	}
	if err := createFile(filepath.Join(w.tmp, filepath.FromSlash(name)), data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	w.files.Add(1)
	return nil
}

// mkdir makes the folder dir (slash-separated, local) and its parents, once.
func (w *Writer) mkdir(dir string) error {
	if dir == "." || dir == "" {
		return nil
	}
	if _, done := w.dirs.Load(dir); done {
		return nil
	}
	if err := w.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(w.tmp, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

// Files returns how many files were written.
func (w *Writer) Files() int { return int(w.files.Load()) }

// Unchanged returns how many of the files written have the same bytes as
// in the output folder's last build, and were linked to its files instead
// of written again.
func (w *Writer) Unchanged() int { return int(w.unchanged.Load()) }

// Commit swaps the finished build into place and removes the previous one.
func (w *Writer) Commit() error {
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		os.RemoveAll(w.tmp)
		return fmt.Errorf("replace %s: %w", w.final, err)
	}
	var old string
	if _, err := os.Lstat(w.final); err == nil {
		old = w.tmp[:strings.LastIndex(w.tmp, ".tmp-")] + ".old-" + w.tmp[strings.LastIndex(w.tmp, ".tmp-")+5:]
		if err := os.Rename(w.final, old); err != nil {
			os.RemoveAll(w.tmp)
			return fmt.Errorf("replace %s: %w", w.final, err)
		}
	}
	if err := os.Rename(w.tmp, w.final); err != nil {
		if old != "" {
			_ = os.Rename(old, w.final)
		}
		os.RemoveAll(w.tmp)
		return fmt.Errorf("replace %s: %w", w.final, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove previous build %s: %w", old, err)
		}
	}
	return nil
}

// Abort removes the temporary folder, leaving the previous output as it was.
func (w *Writer) Abort() {
	os.RemoveAll(w.tmp)
}

// cleanStale removes temporary folders that a killed build left beside the
// output folder; only folders named like gloss's and holding its marker.
func cleanStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(n, "."+base+".tmp-") || strings.HasPrefix(n, "."+base+".old-")) {
			continue
		}
		if _, err := os.Stat(filepath.Join(parent, n, Marker)); err == nil {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// resolve follows symbolic links in the longest existing prefix of p.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(resolve(parent), filepath.Base(p))
}

// isWithin reports whether p is inside dir (or is dir).
func isWithin(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel) || rel == "."
}

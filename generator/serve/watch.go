package serve

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long the watcher waits for more events before rebuilding:
// editors save in several steps (write a temporary file, rename it over),
// which take a few milliseconds. Should a rebuild start between two steps,
// the next step's event brings another.
const Debounce = 20 * time.Millisecond

// Watch watches the site's content, templates and assets folders, with their
// sub-folders as they come and go, and calls rebuild after each burst of
// changes, until ctx is done. rebuild gets the paths that changed, relative
// to src and slash-separated (files, and folders created or removed), or nil
// when events were lost and anything may have changed.
func Watch(ctx context.Context, src string, rebuild func(changed []string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, dir := range []string{"content", "templates", "assets"} {
		addTree(w, filepath.Join(src, dir))
	}
	// A folder created later (templates/ in a site that had none) is picked
	// up by watching the site folder itself.
	if err := w.Add(src); err != nil {
		return err
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	changed := map[string]bool{}
	lost := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() && watched(src, ev.Name) {
					addTree(w, ev.Name)
				}
			}
			if filepath.Dir(ev.Name) == filepath.Clean(src) && !watched(src, ev.Name) {
				continue // other files beside content/ (public/, README)
			}
			if rel, err := filepath.Rel(src, ev.Name); err == nil {
				changed[filepath.ToSlash(rel)] = true
			} else {
				lost = true
			}
			timer.Reset(Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				lost = true
				timer.Reset(Debounce) // lost events: rebuild anyway
			}
		case <-timer.C:
			var paths []string
			if !lost {
				paths = slices.Sorted(maps.Keys(changed))
			}
			clear(changed)
			lost = false
			rebuild(paths)
		}
	}
}

func watched(src, p string) bool {
	rel, err := filepath.Rel(src, p)
	if err != nil {
		return false
	}
	top := strings.Split(filepath.ToSlash(rel), "/")[0]
	return top == "content" || top == "templates" || top == "assets"
}

// ignored tells editor droppings apart from content: backups, swap and
// lock files, and hidden files, which a build does not read either (an
// editor's temporary file, renamed over the real one when saved).
func ignored(p string) bool {
	b := filepath.Base(p)
	return strings.HasSuffix(b, "~") || strings.HasSuffix(b, ".swp") || strings.HasSuffix(b, ".swx") ||
		strings.HasPrefix(b, ".") || b == "4913"
}

func addTree(w *fsnotify.Watcher, root string) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			_ = w.Add(p)
		}
		return nil
	})
}

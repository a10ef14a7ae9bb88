package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Changes are the paths (slash-separated, relative to the site folder) that a
// file watcher saw change since the previous Load with the same Cache:
// files written, created, removed or renamed, and folders. See
// Options.Changes.
type Changes []string

// relist returns the last Load's listing updated for changed, the files in
// changed to be read again and the others to be taken from the cache as they
// are. It cannot (ok is false) when the last listing was not complete (it
// had problems, or a file could not be read), when fsys cannot tell a
// symbolic link from a file, or when a change is one a listing must see: a
// folder created, removed or renamed, a symbolic link.
func (c *Cache) relist(fsys fs.FS, changed Changes) (articles, entries []listed, ok bool) {
	if c == nil || changed == nil || !c.complete {
		return nil, nil, false
	}
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return nil, nil, false
	}
	dirs := []string{ArticlesDir, GlossaryDir}
	lists := [2]map[string]listed{{}, {}}
	for i, paths := range [2][]string{c.articles, c.entries} {
		for _, p := range paths {
			lists[i][p] = listed{path: p, cached: true}
		}
	}
	for _, p := range changed {
		p = path.Clean(p)
		if !fs.ValidPath(p) {
			return nil, nil, false
		}
		d := -1
		for i, dir := range dirs {
			if strings.HasPrefix(p, dir+"/") {
				d = i
			} else if p == "." || p == dir || strings.HasPrefix(dir, p+"/") {
				return nil, nil, false // a folder that holds the content changed
			}
		}
		if d < 0 || hiddenBelow(dirs[d], p) {
			continue // not content the listing holds
		}
		info, err := rl.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			for q := range lists[d] {
				if strings.HasPrefix(q, p+"/") {
					return nil, nil, false // a folder went away
				}
			}
			delete(lists[d], p)
		case err != nil, info.IsDir(), info.Mode()&fs.ModeSymlink != 0:
			return nil, nil, false
		case info.Mode().IsRegular() && path.Ext(p) == ".md":
			lists[d][p] = listed{path: p, stamp: stamp{size: info.Size(), mod: info.ModTime()}}
		}
	}
	sorted := func(m map[string]listed) []listed {
		out := make([]listed, 0, len(m))
		for _, f := range m {
			out = append(out, f)
		}
		slices.SortFunc(out, func(a, b listed) int { return strings.Compare(a.path, b.path) })
		return out
	}
	return sorted(lists[0]), sorted(lists[1]), true
}

// hiddenBelow reports whether p has a hidden or underscored file or folder
// name below dir, which listMarkdown skips.
func hiddenBelow(dir, p string) bool {
	for _, seg := range strings.Split(strings.TrimPrefix(p, dir+"/"), "/") {
		if strings.HasPrefix(seg, ".") || strings.HasPrefix(seg, "_") {
			return true
		}
	}
	return false
}

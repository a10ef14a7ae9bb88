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
	// The listing as it was, sorted; a change to a listed file marks it,
	// a file created or removed changes the listing.
	lists := [2][]listed{}
	for i, paths := range [2][]string{c.articles, c.entries} {
		lists[i] = make([]listed, len(paths))
		for j, p := range paths {
			lists[i][j] = listed{path: p, cached: true}
		}
	}
	byPath := func(f listed, p string) int { return strings.Compare(f.path, p) }
	var added [2][]listed
	removed := map[string]bool{}
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
		j, known := slices.BinarySearchFunc(lists[d], p, byPath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// A folder that went away held listed files, which sort right
			// after its name.
			if k, _ := slices.BinarySearchFunc(lists[d], p+"/", byPath); k < len(lists[d]) && strings.HasPrefix(lists[d][k].path, p+"/") {
				return nil, nil, false
			}
			removed[p] = true
		case err != nil, info.IsDir(), info.Mode()&fs.ModeSymlink != 0:
			return nil, nil, false
		case info.Mode().IsRegular() && path.Ext(p) == ".md":
			f := listed{path: p, stamp: stamp{size: info.Size(), mod: info.ModTime()}}
			delete(removed, p)
			if known {
				lists[d][j] = f
			} else {
				added[d] = append(added[d], f)
			}
		}
	}
	for d := range lists {
		if len(removed) > 0 {
			lists[d] = slices.DeleteFunc(lists[d], func(f listed) bool { return removed[f.path] })
		}
		if len(added[d]) > 0 {
			lists[d] = append(lists[d], added[d]...)
			slices.SortFunc(lists[d], func(a, b listed) int { return strings.Compare(a.path, b.path) })
			// A path reported twice ("a/b.md", "a/./b.md") is listed once.
			lists[d] = slices.CompactFunc(lists[d], func(a, b listed) bool { return a.path == b.path })
		}
	}
	return lists[0], lists[1], true
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

package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/frontmatter"
	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/internal/sitefs"
	"go.yaml.in/yaml/v3"
)

// Options tune loading.
type Options struct {
	// BaseURL, when set, overrides site.yaml's baseURL.
	BaseURL string
	// Drafts includes articles marked draft: true.
	Drafts bool
	// Cache, when set, reuses the files of the previous Load with the same
	// cache whose bytes did not change, and keeps this Load's for the next.
	Cache *Cache
	// Changes, when not nil, lists everything that changed since the
	// previous Load with the same Cache, as a file watcher saw it: Load then
	// neither lists the content folders nor looks at the files that did not
	// change. Empty but not nil, it says that no file changed. It is ignored
	// without a Cache, and when the changes are ones only a listing can
	// follow (see Changes).
	Changes Changes
}

// Load reads the site in fsys (the site folder). Every problem found goes to
// diags; the returned Site holds what could be read, and is only fit to
// build when diags has no errors.
func Load(fsys fs.FS, opts Options, diags *diag.List) *Site {
	started := time.Now()
	site := &Site{Config: config.Load(fsys, opts.BaseURL, diags)}
	// A cache trusts the sizes and times of files it has seen, and, with
	// changes, the listing of the last Load.
	stat := opts.Cache != nil
	articleFiles, entryFiles, relisted := opts.Cache.relist(fsys, opts.Changes)
	var listing diag.List
	if !relisted {
		articleFiles = listMarkdown(fsys, ArticlesDir, &listing)
		entryFiles = listMarkdown(fsys, GlossaryDir, &listing)
		diags.Merge(listing.Sorted())
	}

	articles := make([]*Article, len(articleFiles))
	entries := make([]*Entry, len(entryFiles))
	files := append(articleFiles, entryFiles...)
	loaded := make([]cachedFile, len(files))
	var fm frontmatter.Parser
	par.For(len(loaded), func(i int) {
		isArticle := i < len(articleFiles)
		p := files[i].path
		if stat && files[i].entry != nil {
			if info, err := files[i].entry.Info(); err == nil {
				files[i].stamp = stamp{size: info.Size(), mod: info.ModTime()}
			}
		}
		c, hit := opts.Cache.unchanged(p, files[i])
		if !hit {
			src, ok := readSource(fsys, p, diags)
			if !ok {
				return
			}
			var sum digest.Sum // for the caches of rebuilds only
			if opts.Cache != nil {
				sum = sourceSum(src)
			}
			c, hit = opts.Cache.lookup(p, sum)
			if !hit {
				var local diag.List
				c = cachedFile{sum: sum}
				if isArticle {
					c.article = loadArticle(&fm, p, src, sum, &local)
				} else {
					c.entry = loadEntry(&fm, p, src, sum, &local)
				}
				c.diags = local.Sorted()
			}
			c.stamp = files[i].stamp
		}
		diags.Merge(c.diags)
		loaded[i] = c
		if isArticle {
			articles[i] = c.article
		} else {
			entries[i-len(articleFiles)] = c.entry
		}
	})
	opts.Cache.keep(files, len(articleFiles), loaded, started, relisted || len(listing.Sorted()) == 0)

	site.Articles = opts.Cache.checkArticles(articles, opts.Drafts, diags)
	site.Entries = checkEntries(entries, diags)
	return site
}

// listed is a file found by listMarkdown, or kept from the last Load's
// listing.
type listed struct {
	path  string
	entry fs.DirEntry // from listMarkdown
	stamp stamp       // when Load asked for it
	// cached tells that the file did not change since the last Load, as
	// a watcher saw it: its cached load is taken as it is.
	cached bool
}

// listMarkdown lists the .md files below dir, sorted. Hidden files and
// folders (editor lock files, .git) are skipped; a missing dir is no error.
func listMarkdown(fsys fs.FS, dir string, diags *diag.List) []listed {
	var files []listed
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			diags.Add(diag.Diagnostic{Path: p, Msg: "cannot read: " + pathErrText(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && path.Ext(name) == ".md" {
			if d.Type()&fs.ModeSymlink != 0 {
				diags.Warnf(p, 0, 0, "skipped: symbolic links are not followed")
				return nil
			}
			files = append(files, listed{path: p, entry: d})
		}
		return nil
	})
	if err != nil {
		diags.Add(diag.Diagnostic{Path: dir, Msg: "cannot read: " + pathErrText(err)})
	}
	slices.SortFunc(files, func(a, b listed) int { return strings.Compare(a.path, b.path) })
	return files
}

// readSource reads a content file, up to the size limit.
func readSource(fsys fs.FS, p string, diags *diag.List) ([]byte, bool) {
	src, err := sitefs.ReadFileAtMost(fsys, p, MaxFileSize+1)
	if err != nil {
		diags.Add(diag.Diagnostic{Path: p, Msg: "cannot read: " + pathErrText(err)})
		return nil, false
	}
	if len(src) > MaxFileSize {
		diags.Add(diag.Diagnostic{Path: p, Msg: fmt.Sprintf("the file is larger than the limit of %d MiB", MaxFileSize>>20),
			Hint: "split it into several articles"})
		return nil, false
	}
	return src, true
}

// parseFile normalizes a content file's source and splits off and parses its
// front matter with fm, passing the file and the front matter to decode,
// which must not keep the nodes. Where there is no front matter to decode,
// it reports why and does not call decode.
func parseFile(fm *frontmatter.Parser, p string, src []byte, sum digest.Sum, diags *diag.List,
	decode func(File, *yaml.Node, *frontmatter.Decoder)) {
	src, ok := normalize(p, src, diags)
	if !ok {
		return
	}
	file := File{Path: p, Source: src, Sum: sum, Lines: diag.NewLines(src)}
	block, err := frontmatter.Split(src)
	if err != nil {
		hint := "start the file with a line ---, then YAML keys, then a line ---"
		if len(src) == 0 {
			diags.Add(diag.Diagnostic{Path: p, Line: 1, Col: 1, Msg: "the file is empty", Hint: hint})
		} else {
			diags.Add(diag.Diagnostic{Path: p, Line: 1, Col: 1, Msg: err.Error(), Hint: hint})
		}
		return
	}
	file.BodyOffset = block.BodyOffset
	fm.Parse(p, block, diags, func(root *yaml.Node, d *frontmatter.Decoder) {
		if root != nil {
			decode(file, root, d)
		}
	})
}

func loadArticle(fm *frontmatter.Parser, p string, src []byte, sum digest.Sum, diags *diag.List) *Article {
	var a *Article
	parseFile(fm, p, src, sum, diags, func(f File, root *yaml.Node, d *frontmatter.Decoder) {
		a = decodeArticle(f, root, d)
	})
	return a
}

func loadEntry(fm *frontmatter.Parser, p string, src []byte, sum digest.Sum, diags *diag.List) *Entry {
	var e *Entry
	parseFile(fm, p, src, sum, diags, func(f File, root *yaml.Node, d *frontmatter.Decoder) {
		e = decodeEntry(f, root, d)
	})
	if e != nil && (!ValidID(e.ID) || Reserved(e.ID)) {
		hint := fmt.Sprintf("rename the file to %s.md", orPlaceholder(Suggest(e.ID), "my-entry"))
		if Reserved(Suggest(e.ID)) {
			hint = "index, assets and 404 are reserved; rename the file"
		}
		diags.Add(diagAt(p, 1, 1, fmt.Sprintf("the file name gives the id %q, which is not valid (lower-case letters, digits and single hyphens, not a reserved name)", e.ID), hint))
		return nil
	}
	return e
}

// checkArticles drops drafts (unless wanted) and unusable articles, reports
// slugs used twice, and sorts newest first.
func checkArticles(all []*Article, drafts bool, diags *diag.List) []*Article {
	var out []*Article
	bySlug := map[string]*Article{}
	for _, a := range all {
		if a == nil || (a.Draft && !drafts) {
			continue
		}
		if prev, dup := bySlug[a.Slug]; dup {
			diags.Add(diagAt(a.Path, 1, 1, fmt.Sprintf("slug %q is already used by %s", a.Slug, prev.Path),
				"two articles would be written to the same URL; set a different slug"))
			continue
		}
		bySlug[a.Slug] = a
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *Article) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}

// checkEntries reports ids used twice and sorts by id.
func checkEntries(all []*Entry, diags *diag.List) []*Entry {
	var out []*Entry
	byID := map[string]*Entry{}
	for _, e := range all {
		if e == nil {
			continue
		}
		if prev, dup := byID[e.ID]; dup {
			diags.Add(diagAt(e.Path, 1, 1, fmt.Sprintf("glossary id %q is already used by %s", e.ID, prev.Path),
				"entry ids come from file names and must be unique across all folders of content/glossary"))
			continue
		}
		byID[e.ID] = e
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *Entry) int { return cmp.Compare(a.ID, b.ID) })
	for _, e := range out {
		for _, r := range e.Related {
			if _, ok := byID[r.ID]; !ok {
				diags.Add(diag.Diagnostic{Path: e.Path, Line: r.Pos.Line, Col: r.Pos.Col,
					Msg: fmt.Sprintf("related: no glossary entry %q", r.ID), Hint: suggestID(r.ID, byID)})
			} else if r.ID == e.ID {
				diags.Add(diag.Diagnostic{Path: e.Path, Line: r.Pos.Line, Col: r.Pos.Col,
					Msg: "related: an entry cannot be related to itself"})
			}
		}
	}
	return out
}

func suggestID(id string, byID map[string]*Entry) string {
	for _, cand := range slices.Sorted(maps.Keys(byID)) {
		if strings.Contains(cand, id) || strings.Contains(id, cand) {
			return fmt.Sprintf("did you mean %q?", cand)
		}
	}
	return "entry ids are the file names in content/glossary, without .md"
}

func diagAt(p string, line, col int, msg, hint string) diag.Diagnostic {
	return diag.Diagnostic{Path: p, Line: line, Col: col, Msg: msg, Hint: hint}
}

func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

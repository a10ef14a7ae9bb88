// Package theme finds the templates and assets a site is built with: the
// site's own templates/ and assets/ folders, laid over the built-in defaults
// file by file.
package theme

import (
	"errors"
	"io/fs"
	"slices"
)

// Folders of a site that hold its theme.
const (
	TemplatesDir = "templates"
	AssetsDir    = "assets"
)

// File is a theme file and where it came from.
type File struct {
	// Name is the path inside templates/ or assets/.
	Name string
	// Path is the file's path for messages: relative to the site folder, or
	// prefixed "(built-in) " for a default the site does not override.
	Path string
	Data []byte
	// Builtin is true when the file is the built-in default, or the site's
	// copy of it with the same bytes.
	Builtin bool
}

// Theme is the overlay of a site's theme folders on the defaults.
type Theme struct {
	site, defaults fs.FS
}

// New lays site (the site folder) over defaults (a folder holding the
// built-in templates/ and assets/). Either may be nil.
func New(site, defaults fs.FS) *Theme { return &Theme{site: site, defaults: defaults} }

// Files returns every file below dir (TemplatesDir or AssetsDir), the site's
// version where it has one, sorted by name. Hidden files are skipped.
func (t *Theme) Files(dir string) ([]File, error) {
	byName := map[string]File{}
	for _, layer := range []struct {
		fsys  fs.FS
		label string
	}{{t.defaults, "(built-in) "}, {t.site, ""}} {
		if layer.fsys == nil {
			continue
		}
		err := fs.WalkDir(layer.fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			if d.Name()[0] == '.' && p != dir {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
				return nil
			}
			data, err := fs.ReadFile(layer.fsys, p)
			if err != nil {
				return err
			}
			name := p[len(dir)+1:]
			prev, had := byName[name]
			builtin := layer.label != "" || (had && prev.Builtin && string(prev.Data) == string(data))
			byName[name] = File{Name: name, Path: layer.label + p, Data: data, Builtin: builtin}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	files := make([]File, len(names))
	for i, n := range names {
		files[i] = byName[n]
	}
	return files, nil
}

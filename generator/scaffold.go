package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/glossdev/gloss/generator/content"
)

// Kinds of content New can create: an article or a glossary entry of one
// of the entry kinds.
var NewKinds = append([]string{"article"}, content.Kinds...)

// ErrExists is returned by New when the file it would write exists.
var ErrExists = errors.New("already exists")

// New writes a new content file of kind ("article", "person", "place",
// "organization" or "event") named title into the site folder src, with the
// required front matter filled in: articles get today's date and draft: true.
// It refuses to overwrite a file and returns the new file's path.
func New(src, kind, title string, today time.Time) (string, error) {
	if !slices.Contains(NewKinds, kind) {
		return "", fmt.Errorf("unknown kind %q: want one of %s", kind, strings.Join(NewKinds, ", "))
	}
	title = strings.TrimSpace(title)
	id := content.Suggest(title)
	if id == "" || content.Reserved(id) {
		return "", fmt.Errorf("cannot make a file name from %q: use letters or digits", title)
	}
	var rel, text string
	if kind == "article" {
		rel = filepath.Join(filepath.FromSlash(content.ArticlesDir), id+".md")
		text = fmt.Sprintf("---\ntitle: %s\ndate: %s\nsummary: \"\"\ntags: []\ndraft: true\n---\n\nWrite the article here.\n",
			strconv.Quote(title), today.Format(time.DateOnly))
	} else {
		rel = filepath.Join(filepath.FromSlash(content.GlossaryDir), id+".md")
		text = fmt.Sprintf("---\nname: %s\nkind: %s\naliases: []\nrole: \"\"\nsummary: \"\"\n---\n\nWrite the entry here.\n",
			strconv.Quote(title), kind)
	}
	path := filepath.Join(src, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s: %w", path, ErrExists)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return path, nil
}

package render

import (
	"strconv"
	"sync"

	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// Page is what a page template is executed with.
type Page struct {
	Site *link.Site
	// Path is the page's site path.
	Path string
	// Kind is home, article, entry, glossary or 404.
	Kind string
	// Title is the page's own title; the base layout adds the site's.
	Title       string
	Description string
	Article     *link.Article
	Entry       *link.Entry
	Tag         *link.Tag

	assets Assets
	// shared holds what the pages of one render compute once for all.
	shared *pageShared
	// rooted makes URLs absolute paths under the base URL, for pages a
	// server may send from any depth (404.html).
	rooted bool
}

// pageShared is what the pages of one render share.
type pageShared struct {
	// entities maps a *link.Entry to its JSON-LD as articles mention it.
	entities sync.Map
}

// URL returns a link from this page to the site path to.
func (p *Page) URL(to string) string {
	if p.rooted {
		return urls.Rooted(p.Site.Config.BaseURL, to)
	}
	return urls.Rel(p.Path, to)
}

// Canonical returns this page's absolute URL.
func (p *Page) Canonical() string { return urls.Abs(p.Site.Config.BaseURL, p.Path) }

// Asset returns a link to the published asset name ("gloss.css").
func (p *Page) Asset(name string) (string, error) {
	a, ok := p.assets[name]
	if !ok {
		return "", errMissingAsset(name)
	}
	return p.URL(a.Path), nil
}

// Integrity returns the Subresource Integrity hash of asset name.
func (p *Page) Integrity(name string) (string, error) {
	a, ok := p.assets[name]
	if !ok {
		return "", errMissingAsset(name)
	}
	return a.Integrity, nil
}

type errMissingAsset string

func (e errMissingAsset) Error() string {
	return "no asset " + strconv.Quote(string(e)) + " in assets/"
}

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

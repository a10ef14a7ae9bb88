// Package render is the third stage of a build: it executes the theme's
// templates over the linked site and hands each finished page to the write
// stage.
package render

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// Emit receives one output file: its path relative to the output folder and
// its bytes. It may be called from several goroutines at once.
type Emit func(file string, data []byte) error

// Renderer renders the pages of one site.
type Renderer struct {
	Templates *Templates
	Assets    Assets
}

// Pages returns every page of site, in a stable order.
func (r *Renderer) Pages(site *link.Site) []*Page {
	cfg := site.Config
	pages := []*Page{
		{Kind: "home", Path: urls.Home, Description: cfg.Description},
		{Kind: "glossary", Path: urls.Glossary, Title: "Glossary",
			Description: "The people, places, organizations and events in " + cfg.Title + "."},
		{Kind: "404", Path: urls.NotFound, Title: "Page not found", rooted: true},
	}
	for _, a := range site.Articles {
		pages = append(pages, &Page{Kind: "article", Path: a.Page, Title: a.Title, Description: a.Summary, Article: a})
	}
	for _, e := range site.Entries {
		desc := e.Summary
		if desc == "" {
			desc = e.Role
		}
		pages = append(pages, &Page{Kind: "entry", Path: e.Page, Title: e.Name, Description: desc, Entry: e})
	}
	for _, p := range pages {
		p.Site, p.assets = site, r.Assets
	}
	return pages
}

var templateOf = map[string]string{
	"home": "index.html", "article": "article.html", "entry": "entry.html",
	"glossary": "glossary.html", "404": "404.html",
}

// Render executes the templates for every page and emits the pages and the
// assets. Template errors go to diags with their template's file and line;
// an error from emit stops rendering and is returned.
func (r *Renderer) Render(site *link.Site, emit Emit, diags *diag.List) error {
	pages := r.Pages(site)
	var (
		mu       sync.Mutex
		emitErr  error
		reported = map[string]bool{}
	)
	par.For(len(pages), func(i int) {
		p := pages[i]
		var buf bytes.Buffer
		if err := r.Templates.Execute(&buf, templateOf[p.Kind], p); err != nil {
			d := r.Templates.diagnostic(err)
			mu.Lock()
			// One broken template fails every page; say so once.
			if !reported[d.String()] {
				reported[d.String()] = true
				d.Msg += fmt.Sprintf(" (rendering %s)", urls.File(p.Path))
				diags.Add(d)
			}
			mu.Unlock()
			return
		}
		if err := emit(urls.File(p.Path), buf.Bytes()); err != nil {
			mu.Lock()
			emitErr = err
			mu.Unlock()
		}
	})
	if emitErr != nil {
		return emitErr
	}
	for _, a := range site.Articles {
		if len(a.Notes) == 0 {
			continue
		}
		data, err := Annotations(site, a)
		if err != nil {
			return fmt.Errorf("%s: annotations: %w", a.Path, err)
		}
		if err := emit(urls.File(a.Page+AnnotationsFile), data); err != nil {
			return err
		}
	}
	for _, name := range sortedNames(r.Assets) {
		a := r.Assets[name]
		if err := emit(a.Path, a.Data); err != nil {
			return err
		}
	}
	return nil
}

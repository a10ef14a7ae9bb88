// Writing the built-in theme's most frequent pages in Go: article and entry
// pages, article items and entry cards. Each writer follows, byte for byte,
// the compacted output of the built-in templates named in its list, and
// runs only when a site's templates of that list are those (see
// templatesSum); otherwise the site's templates run.

package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"time"

	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/theme"
)

// articlePageTemplates and entryPageTemplates are the built-in templates
// that make article and entry pages. When a site uses all of them as they
// are, and they are compacted, its article or entry pages are written by
// writeArticlePage or writeEntryPage instead.
var (
	articlePageTemplates = []string{
		"base.html", "article.html",
		"partials/header.html", "partials/footer.html", "partials/article-meta.html",
	}
	entryPageTemplates = []string{
		"base.html", "entry.html",
		"partials/header.html", "partials/footer.html", "partials/appearances.html",
	}
)

// articleItemTemplates and entryCardTemplates are the built-in templates
// of an article's item in a list and of an entry's card; with them as they
// are, and compacted, writeArticleItem and writeEntryCard write those.
var (
	articleItemTemplates = []string{"partials/article-item.html", "partials/article-meta.html"}
	entryCardTemplates   = []string{"partials/entry-card.html"}
)

// articlePageSources, entryPageSources, articleItemSources and
// entryCardSources are templatesSum of the built-in templates that
// writeArticlePage, writeEntryPage, writeArticleItem and writeEntryCard
// follow.
// TestGoWriterSources fails when one of them changes: the Go writer must
// then change with it.
const (
	articlePageSources = "f3e31b901b9fb728200dbf8abf7131718178cd6510a8cddf5664bf7b5df480e1"
	articleItemSources = "1cecf86ac3a6d9d0d47447b84b6af7f6dc58e0d7891e5ea84c88b58794076cee"
	entryPageSources   = "8b8df9bd277fa999f5bfee09b0a1ac679d616e312316481533f575a6193d841d"
	entryCardSources   = "93d24fbf265886f8b092b199938bf2fdb5b49be0b99f9158e7ff4e5a40a239c0"
)

// templatesSum digests, in order, the names and contents of the files
// named.
func templatesSum(files map[string]theme.File, names []string) string {
	h := sha256.New()
	for _, name := range names {
		f, ok := files[name]
		if !ok {
			return ""
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(f.Data))
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writePageStart writes base.html up to the page's "content" block, with
// head writing its "head" block (when not nil), for an article or entry
// page.
func writePageStart(b *bytes.Buffer, p *Page, head func()) error {
	cfg := p.Site.Config
	a := p.Article
	canonical := p.Canonical()
	css, err := p.Asset("gloss.css")
	if err != nil {
		return err
	}
	cssSRI, err := p.Integrity("gloss.css")
	if err != nil {
		return err
	}
	js, err := p.Asset("gloss.js")
	if err != nil {
		return err
	}
	jsSRI, err := p.Integrity("gloss.js")
	if err != nil {
		return err
	}
	jsonLD, err := p.JSONLD()
	if err != nil {
		return err
	}
	title := p.Title
	if title == "" {
		title = cfg.Title
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	writeText(b, cfg.Language)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Title != "" {
		writeText(b, p.Title)
		b.WriteString(" · ")
	}
	writeText(b, cfg.Title)
	b.WriteString("</title>")
	if p.Description != "" {
		b.WriteString("\n<meta name=\"description\" content=\"")
		writeText(b, p.Description)
		b.WriteString("\">")
	}
	b.WriteString("\n<link rel=\"canonical\" href=\"")
	writeURL(b, canonical, true)
	b.WriteString("\">\n<meta property=\"og:type\" content=\"")
	writeText(b, p.OGType())
	b.WriteString("\">\n<meta property=\"og:title\" content=\"")
	writeText(b, title)
	b.WriteString("\">")
	if p.Description != "" {
		b.WriteString("\n<meta property=\"og:description\" content=\"")
		writeText(b, p.Description)
		b.WriteString("\">")
	}
	b.WriteString("\n<meta property=\"og:url\" content=\"")
	writeText(b, canonical)
	b.WriteString("\">\n<meta property=\"og:site_name\" content=\"")
	writeText(b, cfg.Title)
	b.WriteString("\">\n<meta property=\"og:locale\" content=\"")
	writeText(b, cfg.Language)
	b.WriteString("\">")
	if a != nil {
		b.WriteString("\n<meta property=\"article:published_time\" content=\"")
		writeText(b, a.Date.Format(time.RFC3339))
		b.WriteString("\">")
		if !a.Updated.IsZero() {
			b.WriteString("\n<meta property=\"article:modified_time\" content=\"")
			writeText(b, a.Updated.Format(time.RFC3339))
			b.WriteString("\">")
		}
		for _, t := range a.Tags {
			b.WriteString("\n<meta property=\"article:tag\" content=\"")
			writeText(b, t)
			b.WriteString("\">")
		}
	}
	b.WriteString("\n<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"")
	writeText(b, title)
	b.WriteString("\">")
	if p.Description != "" {
		b.WriteString("\n<meta name=\"twitter:description\" content=\"")
		writeText(b, p.Description)
		b.WriteString("\">")
	}
	b.WriteString("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	writeText(b, cfg.Title)
	b.WriteString("\" href=\"")
	writeURL(b, p.URL("feed.xml"), true)
	b.WriteString("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"icon\" href=\"data:,\">\n" +
		"<script>document.documentElement.classList.add(\"js\")</script>\n<link rel=\"stylesheet\" href=\"")
	writeURL(b, css, true)
	b.WriteString("\" integrity=\"")
	writeText(b, cssSRI)
	b.WriteString("\">\n<script src=\"")
	writeURL(b, js, true)
	b.WriteString("\" integrity=\"")
	writeText(b, jsSRI)
	b.WriteString("\" defer></script>")
	if jsonLD != "" {
		b.WriteString("\n<script type=\"application/ld+json\">")
		b.WriteString(string(jsonLD))
		b.WriteString("</script>")
	}
	if head != nil {
		head()
	}
	b.WriteString("\n</head>\n<body class=\"page-")
	writeText(b, p.Kind)
	b.WriteString("\">\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
	writeHeader(b, p)
	b.WriteString("\n<main id=\"main\">\n")
	return nil
}

// writePageEnd writes the rest of base.html, after the "content" block.
func writePageEnd(b *bytes.Buffer, p *Page) {
	cfg := p.Site.Config
	b.WriteString("\n</main>\n<footer class=\"site-footer\">\n<p>")
	writeText(b, cfg.Title)
	if cfg.Description != "" {
		b.WriteString(" — ")
		writeText(b, cfg.Description)
	}
	b.WriteString("</p>\n<p class=\"colophon\">Built with gloss.</p>\n</footer>\n\n</body>\n</html>\n")
}

// writeHeader writes partials/header.html for a page that is not the home,
// glossary or search page.
func writeHeader(b *bytes.Buffer, p *Page) {
	root := p.URL("")
	b.WriteString("<header class=\"site-header\">\n<div class=\"site-header-inner\">\n<a class=\"site-title\" href=\"")
	writeURL(b, root, true)
	b.WriteString("\">")
	writeText(b, p.Site.Config.Title)
	b.WriteString("</a>\n<nav class=\"site-nav\" aria-label=\"Site\">\n<a href=\"")
	writeURL(b, root, true)
	b.WriteString("\">Articles</a>\n<a href=\"")
	writeURL(b, p.URL("glossary/"), true)
	b.WriteString("\">Glossary</a>\n</nav>\n<form class=\"site-search\" role=\"search\" action=\"")
	writeURL(b, p.URL("search/"), true)
	b.WriteString("\" method=\"get\">\n<label class=\"visually-hidden\" for=\"site-search-q\">Search</label>\n" +
		"<input id=\"site-search-q\" name=\"q\" type=\"search\" placeholder=\"Search\" autocomplete=\"off\" " +
		"spellcheck=\"false\" aria-keyshortcuts=\"/\">\n</form>\n</div>\n</header>\n")
}

// writeCards writes the section of entry cards of an article or entry
// page, when there are entries: the section's opening and heading (head),
// then each entry's card, from card or cardCount, in a list item.
func writeCards(b *bytes.Buffer, p *Page, entries []*link.Entry, card func(*Page, *link.Entry) (template.HTML, error), head string) error {
	if len(entries) == 0 {
		return nil
	}
	b.WriteString(head)
	b.WriteString("\n<ul class=\"card-list\">")
	for _, e := range entries {
		c, err := card(p, e)
		if err != nil {
			return err
		}
		b.WriteString("\n<li>")
		b.WriteString(string(c))
		b.WriteString("</li>")
	}
	b.WriteString("\n</ul>\n</section>")
	return nil
}

// definedBy tells whether, in the template set, each file of files defines
// the template of its own name and each name of blocks is defined by the
// file it maps to. A site's other partials may {{define}} templates of the
// same names, which the page would then show instead.
func definedBy(set *template.Template, files []string, blocks map[string]string) bool {
	by := func(name, file string) bool {
		t := set.Lookup(name)
		return t != nil && t.Tree != nil && t.Tree.ParseName == file
	}
	for _, f := range files {
		if !by(f, f) {
			return false
		}
	}
	for name, f := range blocks {
		if !by(name, f) {
			return false
		}
	}
	return true
}

package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
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

// templatesSum digests the files names of files.
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

// writeArticlePage writes an article page byte for byte as the compacted
// built-in templates write it (TestArticlePageMatchesTemplates holds the
// two together). Article pages are most of a site, and html/template spends
// about a microsecond on each of the hundred or so actions of one; this does
// the same in a tenth of the time. The entry cards still come from the
// entry-card template, which a site may change.
//
// Values are escaped as html/template escapes them in their context:
// text and plain attributes with writeText, URL attributes with writeURL.
func (r *Renderer) writeArticlePage(b *bytes.Buffer, p *Page) error {
	a := p.Article
	head := func() {
		// article.html's "head" block.
		if len(a.Notes) > 0 {
			b.WriteString("\n<link rel=\"alternate\" type=\"application/ld+json\" href=\"")
			writeURL(b, p.URL(a.Page+AnnotationsFile), true)
			b.WriteString("\" title=\"Notes on this article (W3C Web Annotations)\">")
		}
	}
	if err := writePageStart(b, p, head); err != nil {
		return err
	}
	b.WriteString("\n<article class=\"article\">\n<header class=\"article-header\">\n<h1 class=\"article-title\">")
	writeText(b, a.Title)
	b.WriteString("</h1>")
	if a.Summary != "" {
		b.WriteString("\n<p class=\"article-dek\">")
		writeText(b, a.Summary)
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
	writeArticleMeta(b, a.Authors, a.Date, a.Updated)
	if len(a.Tags) > 0 {
		b.WriteString("\n<ul class=\"tag-list\" aria-label=\"Tags\">")
		for _, t := range a.Tags {
			b.WriteString("\n<li><a href=\"")
			writeURL(b, p.URL("tags/"+t+"/"), true)
			b.WriteString("\">")
			writeText(b, t)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString("\n</header>\n<div class=\"article-body\">")
	if a.Dateline != "" {
		b.WriteString("\n<p class=\"dateline\">")
		writeText(b, a.Dateline)
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
	b.WriteString(string(a.Body))
	b.WriteString("\n</div>")
	if len(a.Entries) > 0 {
		b.WriteString("\n<section class=\"in-this-story\" aria-labelledby=\"in-this-story\">\n" +
			"<h2 id=\"in-this-story\">In this story</h2>\n<ul class=\"card-list\">")
		for _, e := range a.Entries {
			card, err := r.Templates.partials.card(p, e)
			if err != nil {
				return err
			}
			b.WriteString("\n<li>")
			b.WriteString(string(card))
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	if len(a.Related) > 0 {
		b.WriteString("\n<section class=\"related-articles\" aria-labelledby=\"related-articles\">\n" +
			"<h2 id=\"related-articles\">Related articles</h2>\n<ul class=\"related-list\">")
		for _, rel := range a.Related {
			b.WriteString("\n<li><a href=\"")
			writeURL(b, p.URL(rel.Page), true)
			b.WriteString("\">")
			writeText(b, rel.Title)
			b.WriteString("</a> <span class=\"byline\"><time datetime=\"")
			writeText(b, rel.Date.Format(time.RFC3339))
			b.WriteString("\">")
			writeText(b, formatDate(rel.Date))
			b.WriteString("</time></span></li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	b.WriteString("\n</article>\n")
	writePageEnd(b, p)
	return nil
}

// writeEntryPage writes an entry page byte for byte as the compacted
// built-in templates write it (TestEntryPageMatchesTemplates holds the two
// together), as writeArticlePage does for articles. The related entries'
// cards still come from the entry-card template.
func (r *Renderer) writeEntryPage(b *bytes.Buffer, p *Page) error {
	e := p.Entry
	if err := writePageStart(b, p, nil); err != nil {
		return err
	}
	b.WriteString("\n<article class=\"entry entry-")
	writeText(b, e.Kind)
	b.WriteString("\">\n<header class=\"entry-header\">\n<p class=\"entry-kind\"><a href=\"")
	writeURL(b, p.URL("glossary/"), true)
	b.WriteByte('#')
	writeURL(b, strings.ToLower(kindPlural(e.Kind)), false)
	b.WriteString("\">")
	writeText(b, kindLabel(e.Kind))
	b.WriteString("</a></p>\n<h1 class=\"entry-name\">")
	writeText(b, e.Name)
	b.WriteString("</h1>")
	if e.Role != "" {
		b.WriteString("\n<p class=\"entry-role\">")
		writeText(b, e.Role)
		b.WriteString("</p>")
	}
	b.WriteString("\n</header>")
	if e.Image != "" {
		b.WriteString("\n<figure class=\"entry-image\">\n<img src=\"")
		writeURL(b, p.URL("assets/"+e.Image), true)
		b.WriteString("\" alt=\"")
		writeText(b, e.ImageAlt)
		b.WriteString("\">\n</figure>")
	}
	if e.Summary != "" {
		b.WriteString("\n<p class=\"entry-summary\">")
		writeText(b, e.Summary)
		b.WriteString("</p>")
	}
	if len(e.Facts) > 0 || e.Coordinates != nil {
		b.WriteString("\n<dl class=\"entry-facts\">")
		for _, f := range e.Facts {
			b.WriteString("\n<div><dt>")
			writeText(b, f.Label)
			b.WriteString("</dt><dd>")
			writeText(b, f.Value)
			b.WriteString("</dd></div>")
		}
		if e.Coordinates != nil {
			b.WriteString("\n<div><dt>Coordinates</dt><dd>")
			writeText(b, formatCoordinates(e.Coordinates))
			b.WriteString("</dd></div>")
		}
		b.WriteString("\n</dl>")
	}
	b.WriteString("\n<div class=\"entry-body\">\n")
	b.WriteString(string(e.Body))
	b.WriteString("\n</div>\n")
	// partials/appearances.html
	if len(e.Appearances) > 0 {
		b.WriteString("\n<section class=\"entry-appearances\" aria-labelledby=\"appears-in\">\n" +
			"<h2 id=\"appears-in\">Appears in</h2>\n<ol class=\"appearance-list\">")
		for _, app := range e.Appearances {
			writeAppearance(b, app)
		}
		b.WriteString("\n</ol>\n</section>")
	} else {
		b.WriteString("\n<p class=\"entry-appearances-none\">No article mentions ")
		writeText(b, e.Name)
		b.WriteString(" yet.</p>")
	}
	b.WriteByte('\n') // the partial's last line
	if len(e.Related) > 0 {
		b.WriteString("\n<section class=\"entry-related\" aria-labelledby=\"related-heading\">\n" +
			"<h2 id=\"related-heading\">Related</h2>\n<ul class=\"card-list\">")
		for _, rel := range e.Related {
			card, err := r.Templates.partials.cardCount(p, rel)
			if err != nil {
				return err
			}
			b.WriteString("\n<li>")
			b.WriteString(string(card))
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	if len(e.Links) > 0 {
		b.WriteString("\n<section class=\"entry-links\" aria-labelledby=\"links-heading\">\n" +
			"<h2 id=\"links-heading\">Elsewhere</h2>\n<ul>")
		for _, l := range e.Links {
			b.WriteString("\n<li><a href=\"")
			writeURL(b, l.URL, true)
			b.WriteString("\" rel=\"noopener\">")
			writeText(b, l.Title)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>\n</section>")
	}
	b.WriteString("\n</article>\n")
	writePageEnd(b, p)
	return nil
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

// writeArticleItem writes partials/article-item.html, compacted, for
// article a listed on page p: what articleItem returns while that template
// and partials/article-meta.html are the built-in ones.
func writeArticleItem(b textWriter, p *Page, a *link.Article) {
	b.WriteString("\n<li class=\"article-item\">\n<h2 class=\"article-item-title\"><a href=\"")
	writeURL(b, p.URL(a.Page), true)
	b.WriteString("\">")
	writeText(b, a.Title)
	b.WriteString("</a></h2>")
	if a.Summary != "" {
		b.WriteString("\n<p class=\"article-item-summary\">")
		writeText(b, a.Summary)
		b.WriteString("</p>")
	}
	b.WriteByte('\n')
	writeArticleMeta(b, a.Authors, a.Date, a.Updated)
	b.WriteString("\n</li>\n")
}

// writeEntryCard writes partials/entry-card.html, compacted, for entry e
// listed on page p, with the element id (or none) and the number of
// articles (or none, when 0): what card and cardCount return while that
// template is the built-in one.
func writeEntryCard(b textWriter, p *Page, e *link.Entry, id string, count int) {
	b.WriteString("<div class=\"entry-card entry-")
	writeText(b, e.Kind)
	b.WriteByte('"')
	if id != "" {
		b.WriteString(" id=\"")
		writeText(b, id)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	if e.Image != "" {
		b.WriteString("\n<img class=\"entry-card-image\" src=\"")
		writeURL(b, p.URL("assets/"+e.Image), true)
		b.WriteString("\" alt=\"")
		writeText(b, e.ImageAlt)
		b.WriteString("\" width=\"64\" height=\"64\" loading=\"lazy\">")
	}
	b.WriteString("\n<p class=\"entry-card-kind\">")
	writeText(b, kindLabel(e.Kind))
	b.WriteString("</p>\n<p class=\"entry-card-name\">")
	writeText(b, e.Name)
	b.WriteString("</p>")
	if e.Role != "" {
		b.WriteString("\n<p class=\"entry-card-role\">")
		writeText(b, e.Role)
		b.WriteString("</p>")
	}
	if e.Summary != "" {
		b.WriteString("\n<p class=\"entry-card-summary\">")
		writeText(b, e.Summary)
		b.WriteString("</p>")
	}
	b.WriteString("\n<p class=\"entry-card-more\">\n<a href=\"")
	writeURL(b, p.URL(e.Page), true)
	b.WriteString("\">Full entry<span class=\"visually-hidden\">: ")
	writeText(b, e.Name)
	b.WriteString("</span></a>")
	if count != 0 {
		b.WriteString(" <span class=\"entry-card-count\">· in ")
		b.WriteString(strconv.Itoa(count))
		b.WriteString(" article")
		if count != 1 {
			b.WriteByte('s')
		}
		b.WriteString("</span>")
	}
	b.WriteString("\n</p>\n</div>\n")
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

// writeArticleMeta writes partials/article-meta.html: an article's byline
// and dates.
func writeArticleMeta(b textWriter, authors []string, date, updated time.Time) {
	b.WriteString("<p class=\"byline\">")
	if len(authors) > 0 {
		b.WriteString("<span class=\"authors\">By ")
		for i, s := range authors {
			if i > 0 {
				b.WriteString(", ")
			}
			writeText(b, s)
		}
		b.WriteString("</span> · ")
	}
	b.WriteString("<time datetime=\"")
	writeText(b, date.Format(time.RFC3339))
	b.WriteString("\">")
	writeText(b, formatDate(date))
	b.WriteString("</time>")
	if !updated.IsZero() {
		b.WriteString(" · <span class=\"updated\">Updated <time datetime=\"")
		writeText(b, updated.Format(time.RFC3339))
		b.WriteString("\">")
		writeText(b, formatDate(updated))
		b.WriteString("</time></span>")
	}
	b.WriteString("</p>\n")
}

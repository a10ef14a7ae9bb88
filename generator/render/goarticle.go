package render

import (
	"bytes"
	"time"

	"github.com/glossdev/gloss/generator/link"
)

// writeArticlePage writes an article page byte for byte as the compacted
// built-in templates write it (TestArticlePageMatchesTemplates holds the
// two together). Article pages are most of a site, and html/template spends
// about a microsecond on each of the hundred or so actions of one; this does
// it several times faster. The entry cards come from card, which follows
// the site's entry-card template.
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
	if err := a.WriteBody(b); err != nil {
		return &readBackError{err}
	}
	b.WriteString("\n</div>")
	if err := writeCards(b, p, a.Entries, r.Templates.partials.card, "\n<section class=\"in-this-story\" "+
		"aria-labelledby=\"in-this-story\">\n<h2 id=\"in-this-story\">In this story</h2>"); err != nil {
		return err
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

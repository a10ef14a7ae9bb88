package render

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/glossdev/gloss/generator/link"
)

// writeEntryPage writes an entry page byte for byte as the compacted
// built-in templates write it (TestEntryPageMatchesTemplates holds the two
// together), as writeArticlePage does for articles. The related entries'
// cards come from cardCount, which follows the site's entry-card template.
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
	if err := writeCards(b, p, e.Related, r.Templates.partials.cardCount, "\n<section class=\"entry-related\" "+
		"aria-labelledby=\"related-heading\">\n<h2 id=\"related-heading\">Related</h2>"); err != nil {
		return err
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

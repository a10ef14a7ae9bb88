package render

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/glossdev/gloss/generator/link"
)

// contexts returns the list items of an appearance's mentions, each the
// mention's sentence with the mention linking to its place in the article:
//
//	<li>Before<a href="Href#ID"><strong>Text</strong></a>After</li>
//
// Before ends with the space before the mention, if there is one.
//
// A busy entry appears in thousands of sentences, and html/template spends
// about a microsecond on each action; writing them here rather than with
// {{range}} in the template makes entry pages several times faster. The
// text is escaped as html/template would.
func contexts(app link.Appearance) template.HTML {
	var b strings.Builder
	n := 0
	for _, m := range app.Mentions {
		n += len(m.Before) + len(m.Text) + len(m.After) + len(app.Href) + len(m.ID) + 48
	}
	b.Grow(n)
	writeContexts(&b, app)
	return template.HTML(b.String()) //nolint:gosec // every piece is escaped by writeContexts
}

// writeContexts writes what contexts returns.
func writeContexts(b textWriter, app link.Appearance) {
	// The link to the article, escaped once for all its mentions.
	var h strings.Builder
	writeURL(&h, app.Href, true)
	href := h.String()
	for _, m := range app.Mentions {
		b.WriteString("\n<li>")
		writeText(b, m.Before)
		b.WriteString(`<a href="`)
		b.WriteString(href)
		b.WriteByte('#')
		writeURL(b, m.ID, false)
		b.WriteString(`"><strong>`)
		writeText(b, m.Text)
		b.WriteString(`</strong></a>`)
		writeText(b, m.After)
		b.WriteString("</li>")
	}
}

// appearance returns an article's item in an entry's "Appears in" list:
// the article's title linking to it, its date, how many mentions it has,
// and their sentences (see contexts):
//
//	<li class="appearance">
//	<p class="appearance-title"><a href="Href">Title</a>
//	<span class="byline"><time datetime="…">16 May 2025</time>
//	· 2 mentions</span></p>
//	<ul class="appearance-contexts">…
//	</ul>
//	</li>
//
// The text is escaped as html/template would.
func appearance(app link.Appearance) template.HTML {
	var b strings.Builder
	writeAppearance(&b, app)
	return template.HTML(b.String()) //nolint:gosec // every piece is escaped by writeAppearance
}

// writeAppearance writes what appearance returns.
func writeAppearance(b textWriter, app link.Appearance) {
	a := app.Article
	b.WriteString("\n<li class=\"appearance\">\n<p class=\"appearance-title\"><a href=\"")
	writeURL(b, app.Href, true)
	b.WriteString(`">`)
	writeText(b, a.Title)
	b.WriteString("</a>\n<span class=\"byline\"><time datetime=\"")
	writeText(b, a.Date.Format(time.RFC3339))
	b.WriteString(`">`)
	writeText(b, formatDate(a.Date))
	b.WriteString("</time>\n· ")
	b.WriteString(strconv.Itoa(len(app.Mentions)))
	b.WriteString(" mention")
	if len(app.Mentions) != 1 {
		b.WriteByte('s')
	}
	b.WriteString("</span></p>\n<ul class=\"appearance-contexts\">")
	writeContexts(b, app)
	b.WriteString("\n</ul>\n</li>")
}

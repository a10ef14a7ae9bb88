package render

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"regexp"
	"time"

	"github.com/glossdev/gloss/generator/internal/digest"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// feedSize is how many of the newest articles the feed carries.
const feedSize = 50

// feedArticles returns the articles the feed carries, with their bodies:
// the newest feedSize (site.Articles is newest first).
func feedArticles(site *link.Site) []*link.Article {
	return site.Articles[:min(len(site.Articles), feedSize)]
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
}

func lastChange(a *link.Article) time.Time {
	if !a.Updated.IsZero() {
		return a.Updated
	}
	return a.Date
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// newest returns when the site last changed: its newest article's date.
func newest(site *link.Site) time.Time {
	var t time.Time
	for _, a := range site.Articles {
		if c := lastChange(a); c.After(t) {
			t = c
		}
	}
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

var attrURL = regexp.MustCompile(`\b(href|src)="([^"]*)"`)

// absolutize resolves the relative URLs of an HTML fragment against base,
// for feed readers, which do not reliably honour xml:base.
func absolutize(html string, base *url.URL) string {
	return attrURL.ReplaceAllStringFunc(html, func(m string) string {
		sub := attrURL.FindStringSubmatch(m)
		u, err := url.Parse(xmlUnescape(sub[2]))
		if err != nil {
			return m
		}
		return sub[1] + `="` + xmlEscapeAttr(base.ResolveReference(u).String()) + `"`
	})
}

// Feed writes the Atom 1.0 feed of the site's newest articles, with their
// full text.
func Feed(site *link.Site) ([]byte, error) {
	cfg := site.Config
	f := atomFeed{
		Lang: cfg.Language, Title: cfg.Title, Subtitle: cfg.Description,
		Links: []atomLink{
			{Rel: "alternate", Type: "text/html", Href: urls.Abs(cfg.BaseURL, urls.Home)},
			{Rel: "self", Type: "application/atom+xml", Href: urls.Abs(cfg.BaseURL, urls.Feed)},
		},
		ID: urls.Abs(cfg.BaseURL, urls.Home), Updated: stamp(newest(site)), Author: atomPerson{Name: cfg.Title},
	}
	for _, a := range feedArticles(site) {
		abs := urls.Abs(cfg.BaseURL, a.Page)
		base, _ := url.Parse(abs)
		e := atomEntry{
			Title: a.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: abs}, ID: abs,
			Published: stamp(a.Date), Updated: stamp(lastChange(a)),
			Content: atomText{Type: "html", Body: absolutize(string(a.Body), base)},
		}
		for _, name := range a.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: name})
		}
		for _, t := range a.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		if a.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: a.Summary}
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

type sitemap struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// Sitemap lists every page but the 404 page with its absolute URL and when
// it last changed.
func (r *Renderer) Sitemap(site *link.Site) ([]byte, error) {
	return marshalXML(r.sitemap(site))
}

// sitemap lists the sitemap's URLs, for Sitemap to encode.
func (r *Renderer) sitemap(site *link.Site) sitemap {
	all := stamp(newest(site))[:10]
	var sm sitemap
	for _, p := range r.Pages(site) {
		if p.Kind == "404" {
			continue
		}
		mod := all
		switch {
		case p.Article != nil:
			mod = stamp(lastChange(p.Article))[:10]
		case p.Entry != nil && len(p.Entry.Appearances) > 0:
			t := time.Time{}
			for _, app := range p.Entry.Appearances {
				if c := lastChange(app.Article); c.After(t) {
					t = c
				}
			}
			mod = stamp(t)[:10]
		case p.Tag != nil && len(p.Tag.Articles) > 0:
			t := time.Time{}
			for _, a := range p.Tag.Articles {
				if c := lastChange(a); c.After(t) {
					t = c
				}
			}
			mod = stamp(t)[:10]
		}
		sm.URLs = append(sm.URLs, sitemapURL{Loc: urls.Abs(site.Config.BaseURL, p.Path), LastMod: mod})
	}
	return sm
}

// digest digests everything the sitemap shows.
func (sm sitemap) digest() digest.Sum {
	d := digest.New()
	d.Int(len(sm.URLs))
	for _, u := range sm.URLs {
		d.Str(u.Loc, u.LastMod)
	}
	return d.Sum()
}

// feedDigest digests everything Feed shows.
func feedDigest(site *link.Site) digest.Sum {
	d := newDigester()
	cfg := site.Config
	d.Str(cfg.Language, cfg.Title, cfg.Description, cfg.BaseURL.String(), stamp(newest(site)))
	articles := feedArticles(site)
	d.Int(len(articles))
	for _, a := range articles {
		d.listing(a)
		if a.Sum != (digest.Sum{}) {
			d.sum(a.Sum)
		} else {
			d.Str(string(a.Body))
		}
	}
	return d.Sum()
}

// Robots allows every crawler and points at the sitemap.
func Robots(site *link.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + urls.Abs(site.Config.BaseURL, urls.Sitemap) + "\n")
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func xmlUnescape(s string) string {
	var b struct {
		V string `xml:",chardata"`
	}
	if err := xml.Unmarshal([]byte("<x>"+s+"</x>"), &b); err != nil {
		return s
	}
	return b.V
}

func xmlEscapeAttr(s string) string {
	var buf bytes.Buffer
	_ = xml.EscapeText(&buf, []byte(s))
	return buf.String()
}

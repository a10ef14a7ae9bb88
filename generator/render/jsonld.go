package render

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/urls"
)

// schemaTypes maps entry kinds to schema.org types.
var schemaTypes = map[string]string{
	content.KindPerson: "Person", content.KindPlace: "Place",
	content.KindOrganization: "Organization", content.KindEvent: "Event",
}

// entity describes a glossary entry as a schema.org thing.
func (p *Page) entity(e *link.Entry, full bool) map[string]any {
	base := p.Site.Config.BaseURL
	m := map[string]any{
		"@type": schemaTypes[e.Kind],
		"@id":   urls.Abs(base, e.Page) + "#entity",
		"name":  e.Name,
		"url":   urls.Abs(base, e.Page),
	}
	if e.Role != "" {
		m["description"] = e.Role
	}
	if full {
		if e.Summary != "" {
			m["description"] = e.Summary
		}
		var alt []string
		for _, a := range e.Aliases[1:] {
			alt = append(alt, a.Text)
		}
		if len(alt) > 0 {
			m["alternateName"] = alt
		}
		if e.Image != "" {
			m["image"] = urls.Abs(base, urls.Asset(e.Image))
		}
	}
	if c := e.Coordinates; c != nil {
		m["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": c[0], "longitude": c[1]}
	}
	var same []string
	for _, l := range e.Links {
		if strings.HasPrefix(l.URL, "http") {
			same = append(same, l.URL)
		}
	}
	if len(same) > 0 {
		m["sameAs"] = same
	}
	return m
}

// JSONLD returns the page's schema.org description as JSON for a
// <script type="application/ld+json"> element, or "" for pages without one.
// The JSON escapes <, > and &, so no content can close the element early.
func (p *Page) JSONLD() (template.JS, error) {
	cfg := p.Site.Config
	var v map[string]any
	switch p.Kind {
	case "article":
		return p.articleJSONLD()
	case "entry":
		v = p.entity(p.Entry, true)
		v["@context"] = "https://schema.org"
	case "home":
		v = map[string]any{
			"@context": "https://schema.org", "@type": "WebSite", "name": cfg.Title,
			"url": urls.Abs(cfg.BaseURL, urls.Home), "inLanguage": cfg.Language,
		}
		if cfg.Description != "" {
			v["description"] = cfg.Description
		}
	default:
		return "", nil
	}
	data, err := json.Marshal(v) // sorted keys; <, > and & escaped
	if err != nil {
		return "", err
	}
	return template.JS(data), nil //nolint:gosec // JSON from encoding/json with HTML escaping
}

// articleJSONLD returns an article page's JSON-LD: a NewsArticle. It is
// written key by key, in the order encoding/json gives a map's keys (and
// as it would write them, which TestArticleJSONLDMatchesMap checks), so
// that the entities, encoded once per render, are copied in as they are.
func (p *Page) articleJSONLD() (template.JS, error) {
	cfg := p.Site.Config
	a := p.Article
	var b bytes.Buffer
	// Keys are names in the code, which need no escaping.
	str := func(key, value string) {
		b.WriteString(`,"`)
		b.WriteString(key)
		b.WriteString(`":`)
		writeJSONString(&b, value)
	}
	list := func(key string, items []json.RawMessage) {
		if len(items) == 0 {
			return
		}
		b.WriteString(`,"`)
		b.WriteString(key)
		b.WriteString(`":[`)
		for i, it := range items {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(it)
		}
		b.WriteByte(']')
	}
	var about, mentions []json.RawMessage
	headline := a.Title + " " + a.Summary // what the article is about
	for _, e := range a.Entries {
		ent, err := p.mentionedEntity(e)
		if err != nil {
			return "", err
		}
		mentions = append(mentions, ent)
		if mentionedIn(e, headline) {
			about = append(about, ent)
		}
	}
	size := 1024
	for _, ent := range mentions {
		size += len(ent)
	}
	for _, ent := range about {
		size += len(ent)
	}
	b.Grow(size)
	b.WriteString(`{"@context":"https://schema.org","@type":"NewsArticle"`)
	list("about", about)
	if len(a.Authors) > 0 {
		b.WriteString(`,"author":[`)
		for i, name := range a.Authors {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"@type":"Person","name":`)
			writeJSONString(&b, name)
			b.WriteByte('}')
		}
		b.WriteByte(']')
	}
	str("dateModified", stamp(lastChange(a)))
	str("datePublished", stamp(a.Date))
	if a.Dateline != "" {
		str("dateline", a.Dateline)
	}
	if a.Summary != "" {
		str("description", a.Summary)
	}
	str("headline", a.Title)
	str("inLanguage", cfg.Language)
	if len(a.Tags) > 0 {
		b.WriteString(`,"keywords":[`)
		for i, t := range a.Tags {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, t)
		}
		b.WriteByte(']')
	}
	canonical := p.Canonical()
	str("mainEntityOfPage", canonical)
	list("mentions", mentions)
	b.WriteString(`,"publisher":{"@type":"Organization"`)
	str("name", cfg.Title)
	str("url", urls.Abs(cfg.BaseURL, urls.Home))
	b.WriteByte('}')
	str("url", canonical)
	b.WriteByte('}')
	return template.JS(b.String()), nil //nolint:gosec // JSON strings escaped as encoding/json escapes them
}

// mentionedEntity returns the JSON of entity(e, false), which every article
// that mentions e lists: it is encoded once per entry and render.
func (p *Page) mentionedEntity(e *link.Entry) (json.RawMessage, error) {
	if p.shared != nil {
		if v, ok := p.shared.entities.Load(e); ok {
			return v.(json.RawMessage), nil
		}
	}
	data, err := json.Marshal(p.entity(e, false))
	if err != nil {
		return nil, err
	}
	if p.shared != nil {
		p.shared.entities.Store(e, json.RawMessage(data))
	}
	return data, nil
}

// mentionedIn reports whether text names the entry by one of its names.
func mentionedIn(e *link.Entry, text string) bool {
	for _, a := range e.Aliases {
		if strings.Contains(text, a.Text) {
			return true
		}
	}
	return false
}

// OGType is the page's Open Graph type.
func (p *Page) OGType() string {
	switch p.Kind {
	case "article":
		return "article"
	case "entry":
		if p.Entry.Kind == content.KindPerson {
			return "profile"
		}
	}
	return "website"
}

package content

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/glossdev/gloss/generator/frontmatter"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Limits on glossary entries.
const (
	MaxSummary  = 525
	MaxAliasLen = 200
)

// decodeEntry reads a glossary entry's front matter.
func decodeEntry(f File, root *yaml.Node, d *frontmatter.Decoder) *Entry {
	e := &Entry{File: f, ID: stem(f.Path), MatchCase: true}
	var aliases []Alias
	present := d.Mapping(root, "front matter", frontmatter.Fields{
		"name": func(k, v *yaml.Node) {
			e.Name, _ = d.String(k, v)
			e.NamePos = Pos{v.Line + d.LineOffset, v.Column}
		},
		"kind": func(k, v *yaml.Node) {
			if s, ok := d.String(k, v); ok {
				if !slices.Contains(Kinds, s) {
					d.Errorf(v, "kind: want one of %s, got %q", strings.Join(Kinds, ", "), s)
				}
				e.Kind = s
			}
		},
		"aliases": func(k, v *yaml.Node) {
			d.Each(k, v, func(_ int, item *yaml.Node) {
				s, ok := d.String(k, item)
				if !ok {
					return
				}
				if utf8.RuneCountInString(s) > MaxAliasLen {
					d.Errorf(item, "aliases: an alias of %d characters; the limit is %d", utf8.RuneCountInString(s), MaxAliasLen)
					return
				}
				if strings.TrimSpace(s) == "" {
					d.Errorf(item, "aliases: an alias must not be empty")
					return
				}
				aliases = append(aliases, Alias{Text: s, Pos: Pos{item.Line + d.LineOffset, item.Column}})
			})
		},
		"role": func(k, v *yaml.Node) {
			e.Role, _ = d.String(k, v)
			if strings.Contains(strings.TrimSpace(e.Role), "\n") {
				d.Errorf(v, "role: must be one line")
			}
		},
		"summary": func(k, v *yaml.Node) {
			e.Summary, _ = d.String(k, v)
			if n := utf8.RuneCountInString(e.Summary); n > MaxSummary {
				d.ErrorHint(v, "keep the summary to a few sentences; the body holds the rest",
					"summary: %d characters; the limit is %d", n, MaxSummary)
			}
		},
		"sort_as":    func(k, v *yaml.Node) { e.SortAs, _ = d.String(k, v) },
		"match_case": func(k, v *yaml.Node) { e.MatchCase, _ = d.Bool(k, v) },
		"facts": func(k, v *yaml.Node) {
			d.Each(k, v, func(_ int, item *yaml.Node) {
				var fact Fact
				p := d.Mapping(item, "fact", frontmatter.Fields{
					"label": func(k, v *yaml.Node) { fact.Label, _ = d.String(k, v) },
					"value": func(k, v *yaml.Node) { fact.Value, _ = d.String(k, v) },
				})
				if p != nil {
					d.Require(item, "fact", p, "label", "value")
					e.Facts = append(e.Facts, fact)
				}
			})
		},
		"coordinates": func(k, v *yaml.Node) {
			if v.Kind != yaml.SequenceNode || len(v.Content) != 2 {
				d.ErrorHint(v, "write coordinates: [41.01, 28.98] (latitude, longitude)",
					"coordinates: want [latitude, longitude], got %s", describeLen(v))
				return
			}
			lat, ok1 := d.Float(k, v.Content[0])
			lon, ok2 := d.Float(k, v.Content[1])
			if ok1 && (lat < -90 || lat > 90) {
				d.Errorf(v.Content[0], "coordinates: latitude %v is outside -90..90", lat)
				ok1 = false
			}
			if ok2 && (lon < -180 || lon > 180) {
				d.Errorf(v.Content[1], "coordinates: longitude %v is outside -180..180", lon)
				ok2 = false
			}
			if ok1 && ok2 {
				e.Coordinates = &[2]float64{lat, lon}
			}
		},
		"image": func(k, v *yaml.Node) {
			if s, ok := d.String(k, v); ok {
				if clean, ok := localAssetPath(s); ok {
					e.Image = clean
				} else {
					d.ErrorHint(v, "images live in the site's assets/ folder: image: images/kyiv.jpg",
						"image: %q must be a path inside assets/", s)
				}
			}
		},
		"image_alt": func(k, v *yaml.Node) { e.ImageAlt, _ = d.String(k, v) },
		"links": func(k, v *yaml.Node) {
			d.Each(k, v, func(_ int, item *yaml.Node) {
				var l Link
				p := d.Mapping(item, "link", frontmatter.Fields{
					"title": func(k, v *yaml.Node) { l.Title, _ = d.String(k, v) },
					"url":   func(k, v *yaml.Node) { l.URL = decodeURL(d, k, v) },
				})
				if p != nil {
					d.Require(item, "link", p, "title", "url")
					if l.URL != "" {
						e.Links = append(e.Links, l)
					}
				}
			})
		},
		"related": func(k, v *yaml.Node) {
			d.Each(k, v, func(_ int, item *yaml.Node) {
				if s, ok := d.String(k, item); ok {
					e.Related = append(e.Related, Ref{ID: s, Pos: Pos{item.Line + d.LineOffset, item.Column}})
				}
			})
		},
	})
	if present == nil {
		return nil
	}
	d.Require(root, "front matter", present, "name", "kind")
	if e.Image != "" && strings.TrimSpace(e.ImageAlt) == "" {
		d.ErrorHint(present["image"], "describe the image for readers who cannot see it: image_alt: \"…\"",
			"image: an image needs image_alt")
	}
	if e.Coordinates != nil && e.Kind != "" && e.Kind != KindPlace {
		d.Errorf(present["coordinates"], "coordinates: only places have coordinates (kind is %s)", e.Kind)
	}
	if e.Name != "" {
		e.Aliases = append([]Alias{{Text: e.Name, Pos: e.NamePos}}, aliases...)
	}
	for i := range e.Aliases {
		e.Aliases[i].Text = norm.NFC.String(strings.Join(strings.Fields(e.Aliases[i].Text), " "))
	}
	return e
}

func describeLen(v *yaml.Node) string {
	if v.Kind == yaml.SequenceNode {
		return fmt.Sprintf("a list of %d", len(v.Content))
	}
	if v.Kind == yaml.ScalarNode {
		return fmt.Sprintf("%q", v.Value)
	}
	return "a mapping"
}

// localAssetPath checks that p names a file inside the assets folder.
func localAssetPath(p string) (string, bool) {
	p = strings.TrimPrefix(p, "assets/")
	if p == "" || strings.ContainsAny(p, "\\:?#%") || strings.HasPrefix(p, "/") || !utf8.ValidString(p) {
		return "", false
	}
	clean := path.Clean(p)
	if clean != p || clean == "." || strings.HasPrefix(clean, "../") || clean == ".." {
		return "", false
	}
	return clean, true
}

// decodeURL accepts http, https and mailto URLs and reports anything else
// (javascript:, data:, relative paths) at its place.
func decodeURL(d *frontmatter.Decoder, k, v *yaml.Node) string {
	s, ok := d.String(k, v)
	if !ok {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || !(u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "mailto") || (u.Scheme != "mailto" && u.Host == "") {
		d.ErrorHint(v, "write a full address such as https://example.org/page",
			"%s: %q is not an http, https or mailto URL", k.Value, s)
		return ""
	}
	return u.String()
}

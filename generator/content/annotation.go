package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/glossdev/gloss/generator/frontmatter"
	"go.yaml.in/yaml/v3"
)

// MaxAnnotations is the most annotations one article may carry.
const MaxAnnotations = 1000

// decodeAnnotations reads the annotations list of an article.
func decodeAnnotations(list *yaml.Node, d *frontmatter.Decoder) []*Annotation {
	key := &yaml.Node{Value: "annotations"}
	if list.Kind == yaml.SequenceNode && len(list.Content) > MaxAnnotations {
		d.Errorf(list, "annotations: %d annotations; the limit is %d per article", len(list.Content), MaxAnnotations)
		return nil
	}
	var out []*Annotation
	ids := map[string]*yaml.Node{}
	d.Each(key, list, func(i int, item *yaml.Node) {
		an := &Annotation{Kind: NoteContext, Pos: Pos{item.Line + d.LineOffset, item.Column}}
		var idNode *yaml.Node
		present := d.Mapping(item, "annotation", frontmatter.Fields{
			"quote": func(k, v *yaml.Node) {
				an.Quote, _ = d.String(k, v)
				an.QuotePos = Pos{v.Line + d.LineOffset, v.Column}
			},
			"prefix": func(k, v *yaml.Node) { an.Prefix, _ = d.String(k, v) },
			"suffix": func(k, v *yaml.Node) { an.Suffix, _ = d.String(k, v) },
			"kind": func(k, v *yaml.Node) {
				if s, ok := d.String(k, v); ok {
					if !slices.Contains(NoteKinds, s) {
						d.Errorf(v, "kind: want one of %s, got %q", strings.Join(NoteKinds, ", "), s)
					}
					an.Kind = s
				}
			},
			"note": func(k, v *yaml.Node) { an.Note, _ = d.String(k, v) },
			"source": func(k, v *yaml.Node) {
				src := &Link{}
				p := d.Mapping(v, "source", frontmatter.Fields{
					"title": func(k, v *yaml.Node) { src.Title, _ = d.String(k, v) },
					"url":   func(k, v *yaml.Node) { src.URL = decodeURL(d, k, v) },
				})
				if p != nil {
					d.Require(v, "source", p, "title")
					an.Source = src
				}
			},
			"id": func(k, v *yaml.Node) {
				if s, ok := d.String(k, v); ok {
					an.ID, idNode = s, v
					if !ValidID(s) {
						d.Errorf(v, "id: %q is not valid (lower-case letters, digits and single hyphens)", s)
					}
				}
			},
		})
		if present == nil {
			return
		}
		d.Require(item, "annotation", present, "quote", "note")
		if _, ok := present["quote"]; ok && strings.TrimSpace(an.Quote) == "" {
			d.Errorf(present["quote"], "quote: must not be empty")
		}
		if an.ID == "" {
			an.ID = fmt.Sprintf("note-%d", i+1)
		}
		pos := item
		if idNode != nil {
			pos = idNode
		}
		if prev, dup := ids[an.ID]; dup {
			d.Errorf(pos, "annotation id %q is used twice (first at line %d)", an.ID, prev.Line+d.LineOffset)
		} else {
			ids[an.ID] = pos
		}
		out = append(out, an)
	})
	return out
}

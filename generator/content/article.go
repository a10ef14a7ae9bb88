package content

import (
	"fmt"

	"github.com/glossdev/gloss/generator/config"
	"github.com/glossdev/gloss/generator/frontmatter"
	"go.yaml.in/yaml/v3"
)

// decodeArticle reads an article's front matter.
func decodeArticle(f File, root *yaml.Node, d *frontmatter.Decoder) *Article {
	a := &Article{File: f, Slug: stem(f.Path)}
	slugFromFile := true
	var slugNode *yaml.Node
	var annNode *yaml.Node
	present := d.Mapping(root, "front matter", frontmatter.Fields{
		"title":    func(k, v *yaml.Node) { a.Title, _ = d.String(k, v) },
		"date":     func(k, v *yaml.Node) { a.Date, _ = d.Date(k, v) },
		"updated":  func(k, v *yaml.Node) { a.Updated, _ = d.Date(k, v) },
		"summary":  func(k, v *yaml.Node) { a.Summary, _ = d.String(k, v) },
		"dateline": func(k, v *yaml.Node) { a.Dateline, _ = d.String(k, v) },
		"authors":  func(k, v *yaml.Node) { a.Authors, _ = d.StringList(k, v) },
		"tags": func(k, v *yaml.Node) {
			a.Tags, _ = d.StringList(k, v)
			for i, t := range a.Tags {
				if !ValidID(t) {
					d.ErrorHint(v.Content[i], fmt.Sprintf("write it as %q", Suggest(t)),
						"tags: %q is not a valid tag (lower-case letters, digits and single hyphens)", t)
				}
			}
		},
		"draft": func(k, v *yaml.Node) { a.Draft, _ = d.Bool(k, v) },
		"slug": func(k, v *yaml.Node) {
			if s, ok := d.String(k, v); ok {
				a.Slug, slugFromFile, slugNode = s, false, v
			}
		},
		"autolink": func(k, v *yaml.Node) {
			if s, ok := d.String(k, v); ok {
				if !config.ValidAutolink(s) {
					d.Errorf(v, "autolink: want first, all or none, got %q", s)
				}
				a.Autolink = s
			}
		},
		"annotations": func(k, v *yaml.Node) { annNode = v; _ = k },
	})
	if present == nil {
		return nil
	}
	d.Require(root, "front matter", present, "title", "date")
	if !ValidID(a.Slug) || Reserved(a.Slug) {
		why := "lower-case letters, digits and single hyphens"
		suggestion := orPlaceholder(Suggest(a.Slug), "my-article")
		if Reserved(a.Slug) || Reserved(suggestion) {
			why, suggestion = "a reserved name", suggestion+"-article"
		}
		if slugFromFile {
			d.Diags.Add(diagAt(f.Path, 1, 1, fmt.Sprintf("the file name gives the slug %q, which is not valid (%s)", a.Slug, why),
				fmt.Sprintf("rename the file or set slug: %s", suggestion)))
		} else {
			d.ErrorHint(slugNode, fmt.Sprintf("try slug: %s", suggestion), "slug: %q is not valid (%s)", a.Slug, why)
		}
	}
	if !a.Updated.IsZero() && !a.Date.IsZero() && a.Updated.Before(a.Date) {
		d.Errorf(present["updated"], "updated: %s is before the date %s", a.Updated.Format("2006-01-02"), a.Date.Format("2006-01-02"))
	}
	if annNode != nil {
		a.Annotations = decodeAnnotations(annNode, d)
	}
	return a
}

func orPlaceholder(s, placeholder string) string {
	if s == "" {
		return placeholder
	}
	return s
}

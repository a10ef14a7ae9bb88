// Package config reads a site's content/site.yaml.
package config

import (
	"bytes"
	"io/fs"
	"net/url"
	"strings"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/frontmatter"
	"go.yaml.in/yaml/v3"
)

// Path is where a site keeps its configuration, relative to the site folder.
const Path = "content/site.yaml"

// Autolink policies: which mentions of an entry in an article become links.
const (
	AutolinkFirst = "first"
	AutolinkAll   = "all"
	AutolinkNone  = "none"
)

// ValidAutolink reports whether s names an autolink policy.
func ValidAutolink(s string) bool {
	return s == AutolinkFirst || s == AutolinkAll || s == AutolinkNone
}

// Site is the configuration of a site.
type Site struct {
	Title       string
	BaseURL     *url.URL // absolute, path ending in "/"
	Language    string
	Description string
	// Autolink is the default policy for linking mentions: first, all or none.
	Autolink string
	// UnsafeHTML lets raw HTML in Markdown through to the pages.
	UnsafeHTML bool
}

// Load reads and checks site.yaml from fsys. baseURL, when not empty,
// overrides the file's baseURL. Problems go to diags; the returned Site is
// nil when the configuration is unusable.
func Load(fsys fs.FS, baseURL string, diags *diag.List) *Site {
	src, err := fs.ReadFile(fsys, Path)
	if err != nil {
		diags.Add(diag.Diagnostic{Path: Path, Msg: "cannot read the site configuration: " + errText(err),
			Hint: "a site folder holds content/site.yaml with at least title and baseURL"})
		return nil
	}
	src = frontmatter.NormalizeNewlines(bytes.TrimPrefix(src, []byte("\uFEFF")))
	root, d := frontmatter.Parse(Path, frontmatter.Block{YAML: src, Line: 1}, diags)
	if root == nil {
		return nil
	}
	s := &Site{Language: "en", Autolink: AutolinkFirst}
	var rawBase string
	var baseNode *yaml.Node
	present := d.Mapping(root, "site.yaml", frontmatter.Fields{
		"title": func(k, v *yaml.Node) {
			if t, ok := d.String(k, v); ok {
				if strings.TrimSpace(t) == "" {
					d.Errorf(v, "title: must not be empty")
				}
				s.Title = t
			}
		},
		"baseURL": func(k, v *yaml.Node) { rawBase, _ = d.String(k, v); baseNode = v },
		"language": func(k, v *yaml.Node) {
			if l, ok := d.String(k, v); ok {
				if !validLanguage(l) {
					d.Errorf(v, "language: want a language tag such as en or uk, got %q", l)
				}
				s.Language = l
			}
		},
		"description": func(k, v *yaml.Node) { s.Description, _ = d.String(k, v) },
		"autolink": func(k, v *yaml.Node) {
			if a, ok := d.String(k, v); ok {
				if !ValidAutolink(a) {
					d.Errorf(v, "autolink: want first, all or none, got %q", a)
				}
				s.Autolink = a
			}
		},
		"unsafe_html": func(k, v *yaml.Node) { s.UnsafeHTML, _ = d.Bool(k, v) },
	})
	if present == nil {
		return nil
	}
	d.Require(root, "site.yaml", present, "title")
	if baseURL != "" {
		u, err := ParseBaseURL(baseURL)
		if err != nil {
			diags.Add(diag.Diagnostic{Msg: "-base-url: " + err.Error()})
			return nil
		}
		s.BaseURL = u
	} else if baseNode == nil {
		d.Require(root, "site.yaml", present, "baseURL")
	} else if u, err := ParseBaseURL(rawBase); err != nil {
		d.Errorf(baseNode, "baseURL: %v", err)
	} else {
		s.BaseURL = u
	}
	if strings.TrimSpace(s.Title) == "" || s.BaseURL == nil {
		return nil
	}
	return s
}

// ParseBaseURL checks that raw is an absolute http or https URL and returns it
// with its path ending in "/".
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errBaseURL(raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, errBaseURL(raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

type errBaseURL string

func (e errBaseURL) Error() string {
	return "want an absolute http(s) URL such as https://example.org/ or https://example.org/news/, got " +
		strings.TrimSpace(string(e))
}

func validLanguage(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func errText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

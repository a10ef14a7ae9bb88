// Package urls decides where every page of a site lives and how pages link
// to each other. Links between pages are relative, so a built site works
// unchanged under any path of any host; absolute URLs (canonical links, feeds)
// are made from the site's baseURL.
package urls

import (
	"net/url"
	"strings"
)

// Page paths, relative to the site root. Directory pages end in "/".
const (
	Home     = ""
	Glossary = "glossary/"
	NotFound = "404.html"
	Search   = "search/"
	Tags     = "tags/"
	Feed     = "feed.xml"
	Sitemap  = "sitemap.xml"
	Robots   = "robots.txt"
)

// Tag is the path of the page listing a tag's articles.
func Tag(tag string) string { return "tags/" + tag + "/" }

// Article is the path of the article with the given slug.
func Article(slug string) string { return "articles/" + slug + "/" }

// Entry is the path of the glossary entry with the given id.
func Entry(id string) string { return "glossary/" + id + "/" }

// Asset is the path of a file in the output's assets folder.
func Asset(name string) string { return "assets/" + name }

// File is the output file a page path is written to.
func File(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Rel returns a relative URL that leads from the page at path from to the
// path to. Both are site-relative paths as returned by this package. A to
// with a "#fragment" keeps it.
func Rel(from, to string) string {
	frag := ""
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	if i := strings.IndexByte(from, '#'); i >= 0 {
		from = from[:i] // a link leaves from the page, whatever its fragment
	}
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	// Drop the directories the two paths share.
	for {
		i := strings.IndexByte(fromDir, '/')
		if i < 0 || !strings.HasPrefix(to, fromDir[:i+1]) {
			break
		}
		fromDir, to = fromDir[i+1:], to[i+1:]
	}
	up := strings.Repeat("../", strings.Count(fromDir, "/"))
	rel := up + to
	if rel == "" {
		rel = "./"
	} else if strings.HasPrefix(rel, "//") || hasSchemeColon(rel) {
		rel = "./" + rel
	}
	return rel + frag
}

// hasSchemeColon reports whether a relative reference would be mistaken for
// one with a scheme ("a:b" in its first segment).
func hasSchemeColon(s string) bool {
	i := strings.IndexAny(s, ":/")
	return i >= 0 && s[i] == ':'
}

// Abs returns the absolute URL of the site path p under base.
func Abs(base *url.URL, p string) string {
	u := *base
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, u.Fragment = p[:i], p[i+1:]
	}
	u.Path = base.Path + p
	u.RawPath = ""
	return u.String()
}

// Rooted returns p as an absolute path under base's path: for pages such as
// 404.html, which a server may send from any depth.
func Rooted(base *url.URL, p string) string {
	return base.Path + p
}

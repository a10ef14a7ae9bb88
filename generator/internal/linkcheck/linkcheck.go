// Package linkcheck walks a built site and reports every internal link
// (href and src) that leads to no file, or to a #fragment the target page
// does not hold.
package linkcheck

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

var (
	attrRE = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]+)"`)
)

// Check returns the broken internal links of a site given as files by path
// relative to its root; base is the URL the site is served at. Links to
// other hosts are not followed.
func Check(files map[string][]byte, base *url.URL) []string {
	ids := map[string][]string{}
	idsOf := func(file string) []string {
		if v, ok := ids[file]; ok {
			return v
		}
		var list []string
		for _, m := range idRE.FindAllStringSubmatch(string(files[file]), -1) {
			list = append(list, html.UnescapeString(m[1]))
		}
		slices.Sort(list)
		ids[file] = list
		return list
	}
	var broken []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if path.Ext(name) != ".html" {
			continue
		}
		page := base.ResolveReference(&url.URL{Path: strings.TrimSuffix(name, "index.html")})
		if name == "404.html" {
			page = base.ResolveReference(&url.URL{Path: "no/such/page/"}) // served from anywhere
		}
		for _, m := range attrRE.FindAllStringSubmatch(string(files[name]), -1) {
			raw := html.UnescapeString(m[2])
			u, err := url.Parse(raw)
			if err != nil {
				broken = append(broken, fmt.Sprintf("%s: bad URL %q", name, raw))
				continue
			}
			if u.Scheme == "" && u.Host == "" && u.Path == "" && u.RawQuery == "" {
				// "#x": this very page, wherever it is served from.
				if _, found := slices.BinarySearch(idsOf(name), u.Fragment); u.Fragment != "" && !found {
					broken = append(broken, fmt.Sprintf("%s: %s: %s has no id %q", name, raw, name, u.Fragment))
				}
				continue
			}
			target := page.ResolveReference(u)
			if target.Scheme != base.Scheme || target.Host != base.Host {
				continue
			}
			if !strings.HasPrefix(target.Path, base.Path) {
				broken = append(broken, fmt.Sprintf("%s: %s leaves the site's path %s", name, raw, base.Path))
				continue
			}
			file := strings.TrimPrefix(target.Path, base.Path)
			if file == "" || strings.HasSuffix(file, "/") {
				file += "index.html"
			}
			if _, ok := files[file]; !ok {
				broken = append(broken, fmt.Sprintf("%s: %s leads to no file (%s)", name, raw, file))
				continue
			}
			if target.Fragment != "" && path.Ext(file) == ".html" {
				if _, found := slices.BinarySearch(idsOf(file), target.Fragment); !found {
					broken = append(broken, fmt.Sprintf("%s: %s: %s has no id %q", name, raw, file, target.Fragment))
				}
			}
		}
	}
	return broken
}

package content

import (
	"testing"
	"testing/fstest"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const siteYAML = "title: Test\nbaseURL: https://example.org/\n"

const goodArticle = `---
title: Talks in Istanbul
date: 2025-05-16
tags: [diplomacy]
---
Body text.
`

const goodEntry = `---
name: Kyiv
kind: place
coordinates: [50.45, 30.52]
---
The capital of Ukraine.
`

// site returns a MapFS with a valid site, changed by files (a nil value
// removes a file).
func site(files map[string]*string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/site.yaml":         {Data: []byte(siteYAML)},
		"content/articles/talks.md": {Data: []byte(goodArticle)},
		"content/glossary/kyiv.md":  {Data: []byte(goodEntry)},
	}
	for name, data := range files {
		if data == nil {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(*data)}
	}
	return fsys
}

func s(v string) *string { return &v }

func messages(l *diag.List) []string {
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	return out
}

func TestLoadValidSite(t *testing.T) {
	var diags diag.List
	got := Load(site(nil), Options{}, &diags)
	require.Empty(t, messages(&diags))
	require.Len(t, got.Articles, 1)
	a := got.Articles[0]
	assert.Equal(t, "Talks in Istanbul", a.Title)
	assert.Equal(t, "talks", a.Slug)
	assert.Equal(t, "2025-05-16", a.Date.Format("2006-01-02"))
	assert.Equal(t, []string{"diplomacy"}, a.Tags)
	assert.Equal(t, "Body text.\n", string(a.Source[a.BodyOffset:]))
	require.Len(t, got.Entries, 1)
	e := got.Entries[0]
	assert.Equal(t, "kyiv", e.ID)
	assert.Equal(t, &[2]float64{50.45, 30.52}, e.Coordinates)
	assert.Equal(t, []Alias{{Text: "Kyiv", Pos: Pos{2, 7}}}, e.Aliases)
	assert.True(t, e.MatchCase)
}

// TestContentErrors checks the exact message and place of every content
// error the load stage reports.
func TestContentErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]*string
		want  []string
	}{
		{"unknown key with suggestion", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\ntagz: [a]\n---\n"),
		}, []string{`content/articles/talks.md:4:1: unknown key "tagz" in front matter` + "\n\thint: did you mean \"tags\"?"}},
		{"missing required keys", map[string]*string{
			"content/articles/talks.md": s("---\nsummary: x\n---\n"),
		}, []string{
			`content/articles/talks.md:2:1: front matter: missing required key "date"`,
			`content/articles/talks.md:2:1: front matter: missing required key "title"`,
		}},
		{"empty front matter", map[string]*string{
			"content/articles/talks.md": s("---\n---\nbody\n"),
		}, []string{
			`content/articles/talks.md:1:1: front matter: missing required key "date"`,
			`content/articles/talks.md:1:1: front matter: missing required key "title"`,
		}},
		{"bad date", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: yesterday\n---\n"),
		}, []string{`content/articles/talks.md:3:7: date: want a date (YYYY-MM-DD or RFC 3339), got "yesterday"` +
			"\n\thint: write the date as 2025-05-16 or 2025-05-16T09:30:00+03:00"}},
		{"impossible date", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-02-30\n---\n"),
		}, []string{`content/articles/talks.md:3:7: date: want a date (YYYY-MM-DD or RFC 3339), got "2025-02-30"` +
			"\n\thint: write the date as 2025-05-16 or 2025-05-16T09:30:00+03:00"}},
		{"RFC 3339 date is fine", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16T09:30:00+03:00\n---\n"),
		}, nil},
		{"tags as a string", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\ntags: \"a\"\n---\n"),
		}, []string{`content/articles/talks.md:4:7: tags: want a list of text values, got "a"` + "\n\thint: write a list: tags: [\"a\"]"}},
		{"draft not a bool", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\ndraft: maybe\n---\n"),
		}, []string{`content/articles/talks.md:4:8: draft: want true or false, got "maybe"`}},
		{"YAML syntax error", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: [2025\n---\n"),
		}, []string{`content/articles/talks.md:3:1: invalid YAML in front matter: did not find expected ',' or ']'`}},
		{"tab indentation", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\nauthors:\n\t- A\n---\n"),
		}, []string{"content/articles/talks.md:5:1: invalid YAML in front matter: found character that cannot start any token\n\thint: YAML does not allow tabs for indentation; indent with spaces"}},
		{"duplicate key", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\ntitle: U\n---\n"),
		}, []string{`content/articles/talks.md:4:1: duplicate key "title" (first at line 2)`}},
		{"no front matter", map[string]*string{
			"content/articles/talks.md": s("# Just Markdown\n"),
		}, []string{"content/articles/talks.md:1:1: no front matter: the file must start with a line `---`\n\thint: start the file with a line ---, then YAML keys, then a line ---"}},
		{"unclosed front matter", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\n"),
		}, []string{"content/articles/talks.md:1:1: front matter is not closed: no `---` line after the opening one\n\thint: start the file with a line ---, then YAML keys, then a line ---"}},
		{"empty file", map[string]*string{
			"content/articles/talks.md": s(""),
		}, []string{"content/articles/talks.md:1:1: the file is empty\n\thint: start the file with a line ---, then YAML keys, then a line ---"}},
		{"front matter only is fine", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\n---"),
		}, nil},
		{"byte-order mark and CRLF work", map[string]*string{
			"content/articles/talks.md": s("\uFEFF---\r\ntitle: T\r\ndate: 2025-05-16\r\n---\r\nBody\r\n"),
		}, nil},
		{"CRLF keeps positions", map[string]*string{
			"content/articles/talks.md": s("---\r\ntitle: T\r\ndate: 2025-05-16\r\nbad: 1\r\n---\r\n"),
		}, []string{"content/articles/talks.md:4:1: unknown key \"bad\" in front matter\n\thint: known keys: annotations, authors, autolink, date, dateline, draft, slug, summary, tags, title, updated"}},
		{"invalid UTF-8", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\xff\ndate: 2025-05-16\n---\n"),
		}, []string{"content/articles/talks.md:2:9: invalid UTF-8 (byte 0xFF)\n\thint: save the file as UTF-8"}},
		{"NUL byte", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\n---\nab\x00c\n"),
		}, []string{"content/articles/talks.md:5:3: the file contains a NUL byte\n\thint: content files must be UTF-8 text; is this a binary file?"}},
		{"bad slug", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\nslug: ../etc\n---\n"),
		}, []string{"content/articles/talks.md:4:7: slug: \"../etc\" is not valid (lower-case letters, digits and single hyphens)\n\thint: try slug: etc"}},
		{"reserved slug", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\nslug: index\n---\n"),
		}, []string{"content/articles/talks.md:4:7: slug: \"index\" is not valid (a reserved name)\n\thint: try slug: index-article"}},
		{"file name makes a bad slug", map[string]*string{
			"content/articles/talks.md":       nil,
			"content/articles/Talks Today.md": s(goodArticle),
		}, []string{"content/articles/Talks Today.md:1:1: the file name gives the slug \"Talks Today\", which is not valid (lower-case letters, digits and single hyphens)\n\thint: rename the file or set slug: talks-today"}},
		{"duplicate slug", map[string]*string{
			"content/articles/2025/talks.md": s(goodArticle),
		}, []string{"content/articles/talks.md:1:1: slug \"talks\" is already used by content/articles/2025/talks.md\n\thint: two articles would be written to the same URL; set a different slug"}},
		{"updated before date", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\nupdated: 2025-05-01\n---\n"),
		}, []string{"content/articles/talks.md:4:10: updated: 2025-05-01 is before the date 2025-05-16"}},
		{"bad tag", map[string]*string{
			"content/articles/talks.md": s("---\ntitle: T\ndate: 2025-05-16\ntags: [Russia Ukraine]\n---\n"),
		}, []string{"content/articles/talks.md:4:8: tags: \"Russia Ukraine\" is not a valid tag (lower-case letters, digits and single hyphens)\n\thint: write it as \"russia-ukraine\""}},
		{"entry: bad kind and missing name", map[string]*string{
			"content/glossary/kyiv.md": s("---\nkind: city\n---\n"),
		}, []string{
			`content/glossary/kyiv.md:2:1: front matter: missing required key "name"`,
			`content/glossary/kyiv.md:2:7: kind: want one of person, place, organization, event, got "city"`,
		}},
		{"entry: coordinates", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\ncoordinates: [1]\n---\n"),
		}, []string{"content/glossary/kyiv.md:4:14: coordinates: want [latitude, longitude], got a list of 1\n\thint: write coordinates: [41.01, 28.98] (latitude, longitude)"}},
		{"entry: latitude out of range", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\ncoordinates: [91, 30]\n---\n"),
		}, []string{"content/glossary/kyiv.md:4:15: coordinates: latitude 91 is outside -90..90"}},
		{"entry: coordinates on a person", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: person\ncoordinates: [50, 30]\n---\n"),
		}, []string{"content/glossary/kyiv.md:4:14: coordinates: only places have coordinates (kind is person)"}},
		{"entry: summary too long", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\nsummary: " + string(make([]byte, 0)) + repeat("a", 526) + "\n---\n"),
		}, []string{"content/glossary/kyiv.md:4:10: summary: 526 characters; the limit is 525\n\thint: keep the summary to a few sentences; the body holds the rest"}},
		{"entry: javascript link", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\nlinks:\n  - {title: x, url: \"javascript:alert(1)\"}\n---\n"),
		}, []string{"content/glossary/kyiv.md:5:21: url: \"javascript:alert(1)\" is not an http, https or mailto URL\n\thint: write a full address such as https://example.org/page"}},
		{"entry: image outside assets", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\nimage: ../../etc/passwd\nimage_alt: x\n---\n"),
		}, []string{"content/glossary/kyiv.md:4:8: image: \"../../etc/passwd\" must be a path inside assets/\n\thint: images live in the site's assets/ folder: image: images/kyiv.jpg"}},
		{"entry: image without alt", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\nimage: images/kyiv.jpg\n---\n"),
		}, []string{"content/glossary/kyiv.md:4:8: image: an image needs image_alt\n\thint: describe the image for readers who cannot see it: image_alt: \"…\""}},
		{"entry: bad id from file name", map[string]*string{
			"content/glossary/Kyiv.md": s(goodEntry),
		}, []string{"content/glossary/Kyiv.md:1:1: the file name gives the id \"Kyiv\", which is not valid (lower-case letters, digits and single hyphens, not a reserved name)\n\thint: rename the file to kyiv.md"}},
		{"entry: duplicate id across folders", map[string]*string{
			"content/glossary/places/kyiv.md": s(goodEntry),
		}, []string{"content/glossary/places/kyiv.md:1:1: glossary id \"kyiv\" is already used by content/glossary/kyiv.md\n\thint: entry ids come from file names and must be unique across all folders of content/glossary"}},
		{"entry: unknown related", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: Kyiv\nkind: place\nrelated: [moscow, kyiv]\n---\n"),
		}, []string{
			"content/glossary/kyiv.md:4:11: related: no glossary entry \"moscow\"\n\thint: entry ids are the file names in content/glossary, without .md",
			"content/glossary/kyiv.md:4:19: related: an entry cannot be related to itself",
		}},
		{"entry: YAML anchors refused", map[string]*string{
			"content/glossary/kyiv.md": s("---\nname: &n Kyiv\nkind: place\nrole: *n\n---\n"),
		}, []string{
			"content/glossary/kyiv.md:2:7: YAML anchors and aliases are not supported in front matter",
			"content/glossary/kyiv.md:4:7: YAML anchors and aliases are not supported in front matter",
		}},
		{"site.yaml: missing baseURL and bad autolink", map[string]*string{
			"content/site.yaml": s("title: T\nautolink: some\n"),
		}, []string{
			`content/site.yaml:1:1: site.yaml: missing required key "baseURL"`,
			`content/site.yaml:2:11: autolink: want first, all or none, got "some"`,
		}},
		{"site.yaml: relative baseURL", map[string]*string{
			"content/site.yaml": s("title: T\nbaseURL: /news/\n"),
		}, []string{"content/site.yaml:2:10: baseURL: want an absolute http(s) URL such as https://example.org/ or https://example.org/news/, got /news/"}},
		{"site.yaml missing", map[string]*string{
			"content/site.yaml": nil,
		}, []string{"content/site.yaml: cannot read the site configuration: file does not exist\n\thint: a site folder holds content/site.yaml with at least title and baseURL"}},
		{"hidden and non-Markdown files are ignored", map[string]*string{
			"content/articles/.#talks.md": s("garbage"),
			"content/articles/notes.txt":  s("garbage"),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			Load(site(tt.files), Options{}, &diags)
			got := messages(&diags)
			assert.ElementsMatch(t, tt.want, got)
		})
	}
}

func TestDraftsAreLeftOutUnlessAsked(t *testing.T) {
	fsys := site(map[string]*string{
		"content/articles/draft.md": s("---\ntitle: D\ndate: 2025-05-17\ndraft: true\n---\n"),
	})
	var diags diag.List
	assert.Len(t, Load(fsys, Options{}, &diags).Articles, 1)
	got := Load(fsys, Options{Drafts: true}, &diags).Articles
	require.Len(t, got, 2)
	assert.Equal(t, "draft", got[0].Slug, "newest first")
	assert.Empty(t, messages(&diags))
}

func repeat(s string, n int) string {
	out := make([]byte, 0, len(s)*n)
	for range n {
		out = append(out, s...)
	}
	return string(out)
}

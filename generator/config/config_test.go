package config

import (
	"testing"
	"testing/fstest"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// load runs Load on a site whose site.yaml holds yaml, and returns the site
// and the messages.
func load(t *testing.T, yaml, baseURL string) (*Site, []string) {
	t.Helper()
	var diags diag.List
	s := Load(fstest.MapFS{Path: {Data: []byte(yaml)}}, baseURL, &diags)
	var msgs []string
	for _, d := range diags.Sorted() {
		msgs = append(msgs, d.String())
	}
	return s, msgs
}

func TestLoadValidDefaults(t *testing.T) {
	s, msgs := load(t, "title: The Explainer\nbaseURL: https://example.org/\n", "")
	require.Empty(t, msgs)
	require.NotNil(t, s)
	assert.Equal(t, "The Explainer", s.Title)
	assert.Equal(t, "https://example.org/", s.BaseURL.String())
	assert.Equal(t, "en", s.Language)
	assert.Equal(t, AutolinkFirst, s.Autolink)
	assert.Empty(t, s.Description)
	assert.False(t, s.UnsafeHTML)
}

func TestLoadAllFields(t *testing.T) {
	s, msgs := load(t, `title: Пояснення
baseURL: https://example.org/uk/
language: uk
description: Who is who.
autolink: all
unsafe_html: true
`, "")
	require.Empty(t, msgs)
	require.NotNil(t, s)
	assert.Equal(t, &Site{Title: "Пояснення", BaseURL: s.BaseURL, Language: "uk", Description: "Who is who.",
		Autolink: AutolinkAll, UnsafeHTML: true}, s)
	assert.Equal(t, "https://example.org/uk/", s.BaseURL.String())
}

func TestLoadBaseURL(t *testing.T) {
	tests := []struct {
		name, file, override, want string
	}{
		{"trailing slash kept", "https://example.org/", "", "https://example.org/"},
		{"slash added", "https://example.org", "", "https://example.org/"},
		{"sub-path gets a slash", "https://example.org/news", "", "https://example.org/news/"},
		{"sub-path with slash", "http://example.org/a/b/", "", "http://example.org/a/b/"},
		{"port kept", "http://localhost:8080", "", "http://localhost:8080/"},
		{"override wins", "https://example.org/", "https://preview.example.net/pr-7", "https://preview.example.net/pr-7/"},
		{"override replaces a broken file value", "not a url", "https://example.org/", "https://example.org/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, msgs := load(t, "title: T\nbaseURL: "+tt.file+"\n", tt.override)
			require.Empty(t, msgs)
			require.NotNil(t, s)
			assert.Equal(t, tt.want, s.BaseURL.String())
		})
	}
}

func TestLoadOverrideWithoutBaseURLInFile(t *testing.T) {
	s, msgs := load(t, "title: T\n", "https://example.org")
	require.Empty(t, msgs, "baseURL is only required when no override is given")
	require.NotNil(t, s)
	assert.Equal(t, "https://example.org/", s.BaseURL.String())
}

func TestLoadByteOrderMarkAndCRLF(t *testing.T) {
	s, msgs := load(t, "\uFEFFtitle: T\r\nbaseURL: https://example.org/\r\nautolnk: all\r\n", "")
	assert.Equal(t, []string{`content/site.yaml:3:1: unknown key "autolnk" in site.yaml` + "\n\t" + `hint: did you mean "autolink"?`}, msgs,
		"lines are counted after CRLF is normalized")
	assert.NotNil(t, s, "an unknown key does not make the site unusable")
}

const wantURL = "want an absolute http(s) URL such as https://example.org/ or https://example.org/news/, got "

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		override string
		usable   bool // whether a Site is still returned
		want     []string
	}{
		{"missing title", "baseURL: https://example.org/\n", "", false,
			[]string{`content/site.yaml:1:1: site.yaml: missing required key "title"`}},
		{"missing baseURL", "title: T\n", "", false,
			[]string{`content/site.yaml:1:1: site.yaml: missing required key "baseURL"`}},
		{"null baseURL is missing", "title: T\nbaseURL: ~\n", "", false,
			[]string{`content/site.yaml:1:1: site.yaml: missing required key "baseURL"`}},
		{"empty file", "", "", false, []string{
			`content/site.yaml: site.yaml: missing required key "baseURL"`,
			`content/site.yaml: site.yaml: missing required key "title"`,
		}},
		{"relative baseURL", "title: T\nbaseURL: example.org/news\n", "", false,
			[]string{"content/site.yaml:2:10: baseURL: " + wantURL + "example.org/news"}},
		{"empty baseURL", "title: T\nbaseURL: ''\n", "", false,
			[]string{"content/site.yaml:2:10: baseURL: " + wantURL}},
		{"ftp baseURL", "title: T\nbaseURL: ftp://example.org/\n", "", false,
			[]string{"content/site.yaml:2:10: baseURL: " + wantURL + "ftp://example.org/"}},
		{"baseURL with a query", "title: T\nbaseURL: https://example.org/?x=1\n", "", false,
			[]string{"content/site.yaml:2:10: baseURL: " + wantURL + "https://example.org/?x=1"}},
		{"bad override", "title: T\nbaseURL: https://example.org/\n", "/news/", false,
			[]string{"gloss: -base-url: " + wantURL + "/news/"}},
		{"bad autolink", "title: T\nbaseURL: https://example.org/\nautolink: some\n", "", true,
			[]string{`content/site.yaml:3:11: autolink: want first, all or none, got "some"`}},
		{"bad language", "title: T\nbaseURL: https://example.org/\nlanguage: en_US\n", "", true,
			[]string{`content/site.yaml:3:11: language: want a language tag such as en or uk, got "en_US"`}},
		{"empty language", "title: T\nbaseURL: https://example.org/\nlanguage: ''\n", "", true,
			[]string{`content/site.yaml:3:11: language: want a language tag such as en or uk, got ""`}},
		{"unknown key with a suggestion", "title: T\nbaseURL: https://example.org/\ndescripton: x\n", "", true,
			[]string{`content/site.yaml:3:1: unknown key "descripton" in site.yaml` + "\n\t" + `hint: did you mean "description"?`}},
		{"misspelt required key", "titel: T\nbaseURL: https://example.org/\n", "", false, []string{
			`content/site.yaml:1:1: site.yaml: missing required key "title"`,
			`content/site.yaml:1:1: unknown key "titel" in site.yaml` + "\n\t" + `hint: did you mean "title"?`,
		}},
		{"unknown key without a near match", "title: T\nbaseURL: https://example.org/\ntheme: dark\n", "", true,
			[]string{`content/site.yaml:3:1: unknown key "theme" in site.yaml` + "\n\t" +
				"hint: known keys: autolink, baseURL, description, language, title, unsafe_html"}},
		{"empty title", "title: ''\nbaseURL: https://example.org/\n", "", false,
			[]string{"content/site.yaml:1:8: title: must not be empty"}},
		{"language not text", "title: T\nbaseURL: https://example.org/\nlanguage: [en]\n", "", true,
			[]string{"content/site.yaml:3:11: language: want a text value, got a list"}},
		{"title not text", "title: [a, b]\nbaseURL: https://example.org/\n", "", false,
			[]string{"content/site.yaml:1:8: title: want a text value, got a list"}},
		{"unsafe_html not a boolean", "title: T\nbaseURL: https://example.org/\nunsafe_html: yes\n", "", true,
			[]string{`content/site.yaml:3:14: unsafe_html: want true or false, got "yes"`}},
		{"not a mapping", "- title\n", "", false,
			[]string{"content/site.yaml:1:1: front matter must be a mapping of keys to values, got a list"}},
		{"duplicate key", "title: A\ntitle: B\nbaseURL: https://example.org/\n", "", true,
			[]string{`content/site.yaml:2:1: duplicate key "title" (first at line 1)`}},
		{"invalid YAML", "title: T\nbaseURL: https://example.org/\n  bad: indent\n", "", false,
			[]string{"content/site.yaml:3:1: invalid YAML in front matter: mapping values are not allowed in this context"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, msgs := load(t, tt.yaml, tt.override)
			assert.Equal(t, tt.want, msgs)
			if tt.usable {
				assert.NotNil(t, s)
			} else {
				assert.Nil(t, s)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	var diags diag.List
	s := Load(fstest.MapFS{"content/articles/a.md": {Data: []byte("x")}}, "", &diags)
	assert.Nil(t, s)
	require.Len(t, diags.Sorted(), 1)
	assert.Equal(t, "content/site.yaml: cannot read the site configuration: file does not exist\n"+
		"\thint: a site folder holds content/site.yaml with at least title and baseURL", diags.Sorted()[0].String())
}

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		raw  string
		want string // "" for an error
	}{
		{"https://example.org", "https://example.org/"},
		{"https://example.org/", "https://example.org/"},
		{"http://example.org/news", "http://example.org/news/"},
		{"https://example.org/a/b/", "https://example.org/a/b/"},
		{"https://example.org:8443/x", "https://example.org:8443/x/"},
		{"HTTPS://example.org", "https://example.org/"},
		{"https://example.org/a b", "https://example.org/a%20b/"},
		{"", ""},
		{"example.org", ""},
		{"/news/", ""},
		{"//example.org/", ""},
		{"https://", ""},
		{"ftp://example.org/", ""},
		{"mailto:news@example.org", ""},
		{"https://example.org/?q=1", ""},
		{"https://example.org/#top", ""},
		{"https://user:pw@example.org/", ""},
		{"https://example.org/%zz", ""},
		{"https://exa mple.org/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := ParseBaseURL(tt.raw)
			if tt.want == "" {
				require.Error(t, err)
				assert.Nil(t, u)
				assert.Equal(t, wantURL+tt.raw, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, u.String())
			assert.Empty(t, u.RawPath)
		})
	}
}

func TestValidAutolink(t *testing.T) {
	for _, s := range []string{"first", "all", "none"} {
		assert.True(t, ValidAutolink(s), s)
	}
	for _, s := range []string{"", "First", "some", "all "} {
		assert.False(t, ValidAutolink(s), s)
	}
}

func TestValidLanguage(t *testing.T) {
	for _, s := range []string{"en", "uk", "en-GB", "zh-Hant-TW", "x-klingon1"} {
		assert.True(t, validLanguage(s), s)
	}
	for _, s := range []string{"", "en_US", "en GB", "укр", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		assert.False(t, validLanguage(s), s)
	}
}

package render

import (
	"crypto/sha512"
	"encoding/base64"
	"regexp"
	"testing"

	"github.com/glossdev/gloss/generator/theme"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func asset(name, data string) theme.File {
	return theme.File{Name: name, Path: "assets/" + name, Data: []byte(data)}
}

func TestAssetsFingerprint(t *testing.T) {
	as := NewAssets([]theme.File{
		asset("gloss.css", "body{color:red}"),
		asset("js/app.js", "let a=1"),
		asset("images/kyiv.jpg", "jpeg"),
		asset("fonts/x.woff2", "font"),
		asset("css.txt", "not css"),
	}, nil)
	require.Len(t, as, 5)

	css := as["gloss.css"]
	assert.Regexp(t, regexp.MustCompile(`^assets/gloss\.[0-9a-f]{10}\.css$`), css.Path)
	assert.Equal(t, "gloss.css", css.Name)
	assert.Equal(t, "body{color:red}", string(css.Data))
	assert.Regexp(t, regexp.MustCompile(`^assets/js/app\.[0-9a-f]{10}\.js$`), as["js/app.js"].Path)

	for _, name := range []string{"images/kyiv.jpg", "fonts/x.woff2", "css.txt"} {
		assert.Equal(t, "assets/"+name, as[name].Path, "other files keep their names")
		assert.Empty(t, as[name].Integrity)
	}
}

func TestAssetsIntegrity(t *testing.T) {
	data := "body{color:red}"
	as := NewAssets([]theme.File{asset("gloss.css", data)}, nil)
	sum := sha512.Sum384([]byte(data))
	want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
	assert.Equal(t, want, as["gloss.css"].Integrity)
	assert.Regexp(t, regexp.MustCompile(`^sha384-[A-Za-z0-9+/]{64}$`), as["gloss.css"].Integrity)
}

func TestAssetsHashFollowsContent(t *testing.T) {
	a := NewAssets([]theme.File{asset("gloss.css", "a{}")}, nil)["gloss.css"]
	b := NewAssets([]theme.File{asset("gloss.css", "b{}")}, nil)["gloss.css"]
	again := NewAssets([]theme.File{asset("gloss.css", "a{}")}, nil)["gloss.css"]
	assert.NotEqual(t, a.Path, b.Path)
	assert.NotEqual(t, a.Integrity, b.Integrity)
	assert.Equal(t, a.Path, again.Path, "same bytes, same name")
	assert.Equal(t, a.Integrity, again.Integrity)
}

func TestAssetsMinifiedBeforeHashing(t *testing.T) {
	loose := "body {\n  color : red ;\n}\n/* a comment */\n"
	tight := "body{color:red}"
	mf := NewMinifier()
	minLoose := NewAssets([]theme.File{asset("gloss.css", loose)}, mf)["gloss.css"]
	minTight := NewAssets([]theme.File{asset("gloss.css", tight)}, mf)["gloss.css"]
	assert.Equal(t, tight, string(minLoose.Data), "the served bytes are minified")
	assert.Equal(t, minTight.Path, minLoose.Path, "names are those of the minified bytes")
	assert.Equal(t, minTight.Integrity, minLoose.Integrity)
	sum := sha512.Sum384([]byte(tight))
	assert.Equal(t, "sha384-"+base64.StdEncoding.EncodeToString(sum[:]), minLoose.Integrity)

	plain := NewAssets([]theme.File{asset("gloss.css", loose)}, nil)["gloss.css"]
	assert.NotEqual(t, minLoose.Path, plain.Path)
	assert.Equal(t, loose, string(plain.Data))

	js := NewAssets([]theme.File{asset("a.js", "var  answer = 42 ;\n")}, mf)["a.js"]
	assert.Equal(t, "var answer=42", string(js.Data))
	img := NewAssets([]theme.File{asset("a.svg", "<svg>  </svg>")}, mf)["a.svg"]
	assert.Equal(t, "<svg>  </svg>", string(img.Data), "only HTML, CSS and JavaScript are minified")
}

func TestMinifierFile(t *testing.T) {
	mf := NewMinifier()
	tests := []struct {
		name, file, in, want string
	}{
		{"css", "a.css", "body {\n  color : red ;\n}\n", "body{color:red}"},
		{"js", "a.js", "var  answer = 42 ; // comment\n", "var answer=42"},
		{"html keeps quotes, end tags and document tags",
			"index.html",
			"<!DOCTYPE html>\n<html>\n<head>\n<title> T </title>\n</head>\n<body>\n<!-- c -->\n<ul>\n  <li class=\"a\">one</li>\n</ul>\n</body>\n</html>\n",
			`<!doctype html><html><head><title>T</title></head><body><ul><li class="a">one</li></ul></body></html>`},
		{"unknown extension", "a.txt", "  keep   me  ", "  keep   me  "},
		{"no extension", "CNAME", " x ", " x "},
		{"json is not minified by name", "a.json", "{ \"a\" : 1 }", "{ \"a\" : 1 }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(mf.File(tt.file, []byte(tt.in))))
		})
	}
}

func TestMinifierUnreadableInputUnchanged(t *testing.T) {
	mf := NewMinifier()
	for _, in := range []string{"var x = ;;; }}} {{{ (", "function ("} {
		assert.Equal(t, in, string(mf.File("a.js", []byte(in))), "a JavaScript syntax error gives back the input")
	}
}

func TestNilMinifier(t *testing.T) {
	var mf *Minifier
	in := []byte("body {  }")
	assert.Equal(t, in, mf.File("a.css", in))
}

package linkcheck

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheck(t *testing.T) {
	base, _ := url.Parse("https://example.org/news/")
	files := map[string][]byte{
		"index.html":   []byte(`<a href="a/">a</a> <a href="a/#x">x</a> <img src="img.png"> <a href="https://other.example/">o</a>`),
		"a/index.html": []byte(`<h2 id="x">X</h2><a href="../">home</a><a href="../b/">b</a><a href="#y">y</a><a href="../../up/">up</a><a href="/news/a/#x">abs</a>`),
		"img.png":      []byte("png"),
		"404.html":     []byte(`<a href="/news/">home</a><a href="a/">relative: broken when served elsewhere</a>`),
		"feed.xml":     []byte(`<a href="nowhere">ignored: not HTML</a>`),
	}
	assert.Equal(t, []string{
		"404.html: a/ leads to no file (no/such/page/a/index.html)",
		"a/index.html: ../b/ leads to no file (b/index.html)",
		`a/index.html: #y: a/index.html has no id "y"`,
		"a/index.html: ../../up/ leaves the site's path /news/",
	}, Check(files, base))
}

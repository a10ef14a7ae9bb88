package render

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"strings"

	"github.com/glossdev/gloss/generator/theme"
	"github.com/glossdev/gloss/generator/urls"
)

// Asset is a file of the assets folder as it is published.
type Asset struct {
	// Name is its path inside assets/ ("gloss.css").
	Name string
	// Path is its site path, fingerprinted for CSS and JS
	// ("assets/gloss.3f2a9c1b7d.css").
	Path string
	// Integrity is its Subresource Integrity hash.
	Integrity string
	Data      []byte
}

// Assets are a site's published assets by name.
type Assets map[string]*Asset

// NewAssets fingerprints CSS and JavaScript files by content so that they can
// be cached for ever; other files keep their names.
// CSS and JavaScript are minified first when mf is not nil, so that names
// and integrity hashes are those of the bytes served.
func NewAssets(files []theme.File, mf *Minifier) Assets {
	as := Assets{}
	for _, f := range files {
		a := &Asset{Name: f.Name, Data: mf.File(f.Name, f.Data), Path: urls.Asset(f.Name)}
		if ext := path.Ext(f.Name); ext == ".css" || ext == ".js" {
			sum := sha256.Sum256(a.Data)
			a.Path = urls.Asset(strings.TrimSuffix(f.Name, ext) + "." + hex.EncodeToString(sum[:5]) + ext)
			sri := sha512.Sum384(a.Data)
			a.Integrity = "sha384-" + base64.StdEncoding.EncodeToString(sri[:])
		}
		as[f.Name] = a
	}
	return as
}

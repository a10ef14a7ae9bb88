package generator

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/glossdev/gloss/generator/diag"
)

func BenchmarkKinds(b *testing.B) {
	src := os.Getenv("KSRC")
	o, closeFS := benchOptions(b, src)
	defer closeFS()
	diags := &diag.List{}
	site, r := prepare(o, diags)
	pages := r.Pages(site)
	tm := map[string]time.Duration{}
	n := map[string]int{}
	sz := map[string]int{}
	tmin := map[string]time.Duration{}
	names := map[string]string{"home": "index.html", "article": "article.html", "entry": "entry.html", "glossary": "glossary.html", "404": "404.html", "search": "search.html", "tags": "tags.html", "tag": "tag.html"}
	for range b.N {
		for _, p := range pages {
			var buf bytes.Buffer
			t0 := time.Now()
			if err := r.Templates.Execute(&buf, names[p.Kind], p); err != nil {
				b.Fatal(err)
			}
			tm[p.Kind] += time.Since(t0)
			n[p.Kind]++
			sz[p.Kind] += buf.Len()
			t1 := time.Now()
			r.Minifier.File("x.html", buf.Bytes())
			tmin[p.Kind] += time.Since(t1)
		}
	}
	for k, d := range tm {
		b.Logf("%-8s %5d pages %8v total %8v/page %7d B/page minify %v", k, n[k], d, d/time.Duration(n[k]), sz[k]/n[k], tmin[k])
	}
}

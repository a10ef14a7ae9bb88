// Command floor is the benchmarks' floor: the least work any Markdown site
// generator must do. It converts every Markdown file below -src with goldmark
// and goldmark-meta (front matter parsed and dropped) on all cores, and
// writes one HTML file for each into -out, at the same relative path with
// .html for .md. Nothing else: no templates, no links, no glossary.
//
//	go run ./_benchmark/floor -src /tmp/corpus -out /tmp/floor-out
//
// -gfm adds the extensions gloss uses on top (GFM, footnotes, typographer),
// to show what they cost.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	src := flag.String("src", "", "folder to read Markdown (*.md) from, recursively")
	out := flag.String("out", "", "folder to write HTML into; created if missing")
	gfm := flag.Bool("gfm", false, "also enable GFM, footnotes and the typographer, as gloss does")
	flag.Parse()
	if *src == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: floor -src DIR -out DIR [-gfm]")
		os.Exit(2)
	}
	start := time.Now()
	n, err := run(*src, *out, *gfm)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("converted %d files into %s in %s\n", n, *out, time.Since(start).Round(time.Millisecond))
}

func run(src, out string, gfm bool) (int, error) {
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	exts := []goldmark.Extender{meta.Meta}
	if gfm {
		exts = append(exts, extension.GFM, extension.Footnote, extension.Typographer)
	}
	md := goldmark.New(goldmark.WithExtensions(exts...))

	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		dirs     sync.Map
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				if err := convert(md, &buf, &dirs, src, out, files[i]); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return len(files), firstErr
}

func convert(md goldmark.Markdown, buf *bytes.Buffer, dirs *sync.Map, src, out, p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	buf.Reset()
	ctx := parser.NewContext()
	if err := md.Convert(data, buf, parser.WithContext(ctx)); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	rel, err := filepath.Rel(src, p)
	if err != nil {
		return err
	}
	dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
	dir := filepath.Dir(dst)
	if _, ok := dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		dirs.Store(dir, true)
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

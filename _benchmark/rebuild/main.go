// Command rebuild measures what `gloss serve` does after an edit: it builds
// a site in memory with a generator.Builder, appends a sentence to one
// article, and times the rebuild that follows (the work between the file
// change and the reload event, without the watcher's debounce). Like serve,
// it tells the Builder which file changed; -changes=false has it find out.
// With -serve it measures instead, end to end, the time from writing the
// file to the reload event reaching a browser's event stream, through
// serve's watcher, debounce, rebuild and server.
//
//	go run ./_benchmark/rebuild -src /tmp/corpus -n 5
//	go run ./_benchmark/rebuild -src /tmp/corpus -n 9 -serve
//
// The site folder is edited in place and restored afterwards.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/glossdev/gloss/_benchmark/internal/prof"
	"github.com/glossdev/gloss/generator"
)

func main() {
	src := flag.String("src", "", "site folder (required; one article is edited and restored)")
	themeDir := flag.String("theme", ".", "folder with the default templates/ and assets/")
	n := flag.Int("n", 5, "edits to time")
	cpu := flag.String("cpuprofile", "", "write a CPU profile of the rebuilds (not the first build) to this file")
	changes := flag.Bool("changes", true, "tell the builder which file changed, as serve's watcher does")
	endToEndFlag := flag.Bool("serve", false, "measure from the file's write to the reload event, through serve's watcher and server")
	flag.Parse()
	if *src == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*src, *themeDir, *n, *cpu, *changes, *endToEndFlag); err != nil {
		log.Fatal(err)
	}
}

func run(src, themeDir string, n int, cpu string, changes, endToEndMode bool) (err error) {
	files, err := filepath.Glob(filepath.Join(src, "content", "articles", "*.md"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no articles in %s/content/articles", src)
	}
	slices.Sort(files)
	target := files[len(files)/2]
	orig, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	defer os.WriteFile(target, orig, 0o644)
	if endToEndMode {
		return endToEnd(src, themeDir, target, orig, n)
	}

	b := generator.NewBuilder(src, generator.WithDefaults(os.DirFS(themeDir)))
	ctx := context.Background()
	start := time.Now()
	first, err := b.Build(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("first build: %d pages in %v\n", first.Site.Pages, time.Since(start).Round(time.Millisecond))
	stopCPU, err := prof.CPU(cpu)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stopCPU()) }()
	var times []time.Duration
	for i := range n {
		edited := append(slices.Clone(orig), fmt.Appendf(nil, "\nEdit number %d.\n", i+1)...)
		if err := os.WriteFile(target, edited, 0o644); err != nil {
			return err
		}
		var changed []string // nil: not known
		if changes {
			rel, err := filepath.Rel(src, target)
			if err != nil {
				return err
			}
			changed = []string{filepath.ToSlash(rel)}
		}
		start := time.Now()
		r, err := b.BuildChanged(ctx, changed)
		if err != nil {
			return err
		}
		d := time.Since(start)
		times = append(times, d)
		fmt.Printf("edit %d: %v (%d documents converted, %d files rendered, %d changed)\n",
			i+1, d.Round(time.Millisecond), r.Converted, r.Rendered, len(r.Changed))
	}
	slices.Sort(times)
	fmt.Printf("median rebuild after an edit: %v\n", times[len(times)/2].Round(time.Millisecond))
	return nil
}

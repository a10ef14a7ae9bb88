package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/glossdev/gloss/generator"
	"github.com/glossdev/gloss/generator/serve"
)

// endToEnd measures what a writer waits for: from writing an article to
// the reload event that names its page reaching a browser, through the
// file watcher (with its debounce), the rebuild and the event stream of a
// serve.Server, as `gloss serve` runs them.
func endToEnd(src, themeDir, target string, orig []byte, n int) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := serve.New(src, io.Discard, generator.WithDefaults(os.DirFS(themeDir)))
	start := time.Now()
	if err := srv.Rebuild(ctx); err != nil {
		return err
	}
	fmt.Printf("first build in %v\n", time.Since(start).Round(time.Millisecond))
	hs := httptest.NewServer(srv.Handler())
	defer func() {
		cancel() // ends the event stream, which Close waits for
		hs.Close()
	}()
	go func() {
		_ = serve.Watch(ctx, src, func(changed []string) { _ = srv.RebuildChanged(ctx, changed) })
	}()
	events, err := listen(ctx, hs.URL+serve.EventsPath)
	if err != nil {
		return err
	}
	time.Sleep(200 * time.Millisecond) // the watcher is up
	slug := strings.TrimSuffix(filepath.Base(target), ".md")
	page := "articles/" + slug + "/index.html"
	var times []time.Duration
	for i := range n {
		edited := append(slices.Clone(orig), fmt.Appendf(nil, "\nEdit number %d.\n", i+1)...)
		start := time.Now()
		if err := os.WriteFile(target, edited, 0o644); err != nil {
			return err
		}
		for {
			select {
			case data := <-events:
				if !slices.Contains(strings.Split(data, "\n"), page) {
					continue // a reload of something else
				}
			case <-time.After(10 * time.Second):
				return fmt.Errorf("edit %d: no reload of %s", i+1, page)
			}
			break
		}
		d := time.Since(start)
		times = append(times, d)
		fmt.Printf("edit %d: reload event after %v\n", i+1, d.Round(time.Millisecond))
		time.Sleep(2 * serve.Debounce) // edits apart, as a writer's saves are
	}
	slices.Sort(times)
	fmt.Printf("median from saving an edit to its reload event: %v (the watcher waits %v for more events)\n",
		times[len(times)/2].Round(time.Millisecond), serve.Debounce)
	return nil
}

// listen returns the data of the reload events of the event stream at url.
func listen(ctx context.Context, url string) (<-chan string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var name string
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			case line == "":
				if name == "reload" {
					out <- strings.Join(data, "\n")
				}
				name, data = "", nil
			}
		}
	}()
	return out, nil
}

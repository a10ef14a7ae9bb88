package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/glossdev/gloss/generator"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const repoRoot = "../.."

// newSite copies the sample content into a temporary site folder.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repoRoot, "content"))))
	return dir
}

func start(t *testing.T, dir string) (*Server, *httptest.Server) {
	t.Helper()
	s := New(dir, io.Discard, generator.WithDefaults(os.DirFS(repoRoot)))
	require.NoError(t, s.Rebuild(context.Background()))
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return s, hs
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// rawGet sends a request line exactly as given, so that the client does not
// clean the path first.
func rawGet(t *testing.T, addr, target string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestServesPages(t *testing.T) {
	_, hs := start(t, newSite(t))
	code, body := get(t, hs.URL+"/")
	assert.Equal(t, 200, code)
	assert.Contains(t, body, "Istanbul talks explained")
	assert.Contains(t, body, EventsPath, "the reload script is injected")

	code, body = get(t, hs.URL+"/articles/istanbul-talks-2025/")
	assert.Equal(t, 200, code)
	assert.Contains(t, body, `class="mention"`)

	code, _ = get(t, hs.URL+"/glossary/kyiv")
	assert.Equal(t, 200, code, "redirected to the folder")

	code, body = get(t, hs.URL+"/no/such/page/")
	assert.Equal(t, 404, code)
	assert.Contains(t, body, "Page not found")

	resp, err := http.Get(hs.URL + "/articles/istanbul-talks-2025/annotations.jsonld")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, "application/ld+json", resp.Header.Get("Content-Type"))
}

func TestRefusesPathsOutsideTheSite(t *testing.T) {
	_, hs := start(t, newSite(t))
	addr := strings.TrimPrefix(hs.URL, "http://")
	for _, target := range []string{
		"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/articles/%2E%2E/%2E%2E/x", "/a%5c..%5cb",
		"/..\\..\\x", "/%00", "/" + strings.Repeat("a", 5000),
	} {
		code := rawGet(t, addr, target)
		assert.Contains(t, []int{400, 404}, code, target)
		assert.NotEqual(t, 200, code, target)
	}
	assert.Equal(t, 400, rawGet(t, addr, "/%2e%2e/etc/passwd"))
	assert.Equal(t, 405, func() int {
		resp, err := http.Post(hs.URL+"/", "text/plain", strings.NewReader("x"))
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}())
}

// events connects to the event stream and returns its events, name and data.
func events(t *testing.T, url string) <-chan [2]string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	out := make(chan [2]string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name string
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			case line == "" && name != "":
				out <- [2]string{name, strings.Join(data, "\n")}
				name, data = "", nil
			}
		}
	}()
	return out
}

func next(t *testing.T, c <-chan [2]string) [2]string {
	t.Helper()
	select {
	case e := <-c:
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
		return [2]string{}
	}
}

func TestEditReloadsAndErrorsShow(t *testing.T) {
	dir := newSite(t)
	s, hs := start(t, dir)
	ev := events(t, hs.URL)
	assert.Equal(t, "hello", next(t, ev)[0])
	article := filepath.Join(dir, "content/articles/direct-talks-timeline.md")
	good, err := os.ReadFile(article)
	require.NoError(t, err)

	// Rebuilds are told what changed, as the watcher tells them.
	changed := []string{"content/articles/direct-talks-timeline.md"}

	// An edit: a reload event naming the page, and the new text served.
	require.NoError(t, os.WriteFile(article, []byte(strings.Replace(string(good), "two short bursts", "two brief bursts", 1)), 0o644))
	require.NoError(t, s.RebuildChanged(context.Background(), changed))
	e := next(t, ev)
	assert.Equal(t, "reload", e[0])
	assert.Contains(t, strings.Split(e[1], "\n"), "articles/direct-talks-timeline/index.html")
	_, body := get(t, hs.URL+"/articles/direct-talks-timeline/")
	assert.Contains(t, body, "two brief bursts")

	// A broken edit: the old site stays, the error is sent and shown.
	require.NoError(t, os.WriteFile(article, []byte("---\ntitle: [\n---\n"), 0o644))
	require.Error(t, s.RebuildChanged(context.Background(), changed))
	e = next(t, ev)
	assert.Equal(t, "errors", e[0])
	assert.Contains(t, e[1], "content/articles/direct-talks-timeline.md:3:1: invalid YAML")
	code, body := get(t, hs.URL+"/articles/direct-talks-timeline/")
	assert.Equal(t, 200, code)
	assert.Contains(t, body, "two brief bursts", "the last good site is served")
	assert.Contains(t, body, `<template id="gloss-errors-text">content/articles/direct-talks-timeline.md:3:1`)

	// The fix: every page reloads, the overlay is gone.
	require.NoError(t, os.WriteFile(article, good, 0o644))
	require.NoError(t, s.RebuildChanged(context.Background(), changed))
	e = next(t, ev)
	assert.Equal(t, "reload", e[0])
	assert.Contains(t, strings.Split(e[1], "\n"), "*")
	_, body = get(t, hs.URL+"/articles/direct-talks-timeline/")
	assert.NotContains(t, body, "gloss-errors-text")
	assert.Contains(t, body, "two short bursts")
}

// TestConcurrentRequestsDuringRebuilds serves pages while the site is rebuilt
// over and over; every response is a whole page, old or new. Run with -race.
func TestConcurrentRequestsDuringRebuilds(t *testing.T) {
	dir := newSite(t)
	s, hs := start(t, dir)
	article := filepath.Join(dir, "content/articles/direct-talks-timeline.md")
	good, err := os.ReadFile(article)
	require.NoError(t, err)
	var stop atomic.Bool
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			paths := []string{"/", "/articles/direct-talks-timeline/", "/glossary/", "/glossary/kyiv/", "/nope"}
			for !stop.Load() {
				resp, err := http.Get(hs.URL + paths[i%len(paths)])
				if !assert.NoError(t, err) {
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				assert.True(t, strings.HasSuffix(strings.TrimSpace(string(body)), "</html>"), "a whole page")
			}
		})
	}
	for i := range 6 {
		text := strings.Replace(string(good), "two short bursts", fmt.Sprintf("two short bursts (%d)", i), 1)
		require.NoError(t, os.WriteFile(article, []byte(text), 0o644))
		require.NoError(t, s.Rebuild(context.Background()))
	}
	stop.Store(true)
	wg.Wait()
}

func TestTooManyListeners(t *testing.T) {
	_, hs := start(t, newSite(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var open []*http.Response
	for range maxClients {
		req, _ := http.NewRequestWithContext(ctx, "GET", hs.URL+EventsPath, nil)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.Equal(t, 200, resp.StatusCode)
		open = append(open, resp)
	}
	resp, err := http.Get(hs.URL + EventsPath)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	for _, r := range open {
		r.Body.Close()
	}
}

func TestWatch(t *testing.T) {
	dir := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		calls   atomic.Int32
		mu      sync.Mutex
		changed []string // the paths of the last call; nil for unknown
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = Watch(ctx, dir, func(paths []string) {
			mu.Lock()
			changed = paths
			mu.Unlock()
			calls.Add(1)
		})
	}()
	last := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return changed
	}
	time.Sleep(100 * time.Millisecond) // let the watcher start
	wait := func(want int32) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Second)
		for calls.Load() < want && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		require.GreaterOrEqual(t, calls.Load(), want)
	}

	// A new folder is watched too.
	sub := filepath.Join(dir, "content/articles/2025")
	require.NoError(t, os.Mkdir(sub, 0o755))
	wait(1)
	assert.Contains(t, last(), "content/articles/2025", "the folder is reported")
	time.Sleep(2 * Debounce)
	before := calls.Load()
	require.NoError(t, os.WriteFile(filepath.Join(sub, "x.md"), []byte("---\ntitle: X\ndate: 2025-01-01\n---\n"), 0o644))
	wait(before + 1)
	assert.Equal(t, []string{"content/articles/2025/x.md"}, last(), "the file is reported, relative and slash-separated")

	// Saving by rename, as many editors do.
	time.Sleep(2 * Debounce)
	before = calls.Load()
	tmp := filepath.Join(sub, ".x.md.tmp")
	require.NoError(t, os.WriteFile(tmp, []byte("---\ntitle: Y\ndate: 2025-01-01\n---\n"), 0o644))
	require.NoError(t, os.Rename(tmp, filepath.Join(sub, "x.md")))
	wait(before + 1)
	assert.Contains(t, last(), "content/articles/2025/x.md", "the file saved by rename is reported")

	// A flood of events is one rebuild, or a few: at most one for each
	// debounce interval that the writes took (on a loaded machine, writing
	// 300 files can take several), and one more at the end.
	time.Sleep(2 * Debounce)
	before = calls.Load()
	start := time.Now()
	for i := range 300 {
		require.NoError(t, os.WriteFile(filepath.Join(sub, "x.md"), []byte(fmt.Sprint(i)), 0o644))
	}
	took := time.Since(start)
	wait(before + 1)
	time.Sleep(3 * Debounce)
	most := int32(2 + took/Debounce)
	assert.LessOrEqual(t, calls.Load()-before, max(most, 3), "debounced (the writes took %v)", took)

	// Files outside content/, templates/ and assets/ do not count.
	before = calls.Load()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644))
	time.Sleep(4 * Debounce)
	assert.Equal(t, before, calls.Load())
	cancel()
	<-done
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		path    string
		ignored bool
	}{
		{"content/articles/talks.md", false},
		{"content/site.yaml", false},
		{"templates/base.html", false},
		{"content/articles/talks.md~", true},          // a backup
		{"content/articles/.talks.md.swp", true},      // vim's swap file
		{"content/articles/.talks.md.swx", true},      // and its other one
		{"content/articles/.#talks.md", true},         // Emacs's lock
		{"content/articles/4913", true},               // vim's test of the folder
		{"content/articles/.talks.md.tmp.1234", true}, // a temporary file, renamed over the real one
		{"content/articles/.hidden", true},
		{"content/articles/notes.swp.md", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.ignored, ignored(filepath.FromSlash(tt.path)), tt.path)
	}
}

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"/", "index.html", true},
		{"/articles/a/", "articles/a/index.html", true},
		{"/assets/gloss.css", "assets/gloss.css", true},
		{"//x", "x", true},
		{"/../x", "", false},
		{"/a/../b", "", false},
		{"/a/./b", "", false},
		{"/a\\b", "", false},
		{"x", "", false},
	}
	for _, tt := range tests {
		got, ok := cleanPath(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

// FuzzCleanPath checks that no request path maps to a file outside the site.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/", "/../x", "/a/b/", "//x", "/a\\b", "/%2e%2e", "/.well-known/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		name, ok := cleanPath(p)
		if !ok {
			return
		}
		if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
			t.Fatalf("cleanPath(%q) = %q", p, name)
		}
		for _, seg := range strings.Split(name, "/") {
			if seg == ".." || seg == "." || seg == "" {
				t.Fatalf("cleanPath(%q) = %q", p, name)
			}
		}
	})
}

// TestSlowClientsAreCut checks that a client which never finishes its
// request is disconnected by the server's timeouts instead of holding a
// connection for ever.
func TestSlowClientsAreCut(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the header timeout")
	}
	s, _ := start(t, newSite(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	hs := NewHTTPServer(ln.Addr().String(), s.Handler())
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })

	conn, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")) // and never the end
	require.NoError(t, err)
	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(hs.ReadHeaderTimeout+5*time.Second)))
	_, err = io.ReadAll(conn)
	require.NoError(t, err, "the server closes the connection")
	elapsed := time.Since(start)
	assert.GreaterOrEqual(t, elapsed, hs.ReadHeaderTimeout-time.Second)
	assert.Less(t, elapsed, hs.ReadHeaderTimeout+4*time.Second)
}

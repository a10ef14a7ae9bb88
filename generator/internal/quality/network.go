package quality

import (
	"compress/gzip"
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Serve serves dir over HTTP on loopback for the rest of the test, as a
// static host does: text files (HTML, CSS, JavaScript, JSON, XML, SVG)
// gzipped for clients that accept it, and fingerprinted assets cached for
// a year. It returns the server's base URL (with no trailing slash).
func Serve(t testing.TB, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		if !compressible(r.URL.Path) || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		// Without Range: the file server would cut the file, not the
		// compressed stream.
		r.Header.Del("Range")
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.Close()
		files.ServeHTTP(gw, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// compressible reports whether a static host would gzip the file at p (a
// folder's URL serves its index.html).
func compressible(p string) bool {
	if strings.HasSuffix(p, "/") {
		return true
	}
	typ, _, _ := mime.ParseMediaType(mime.TypeByExtension(path.Ext(p)))
	switch {
	case strings.HasPrefix(typ, "text/"), strings.HasSuffix(typ, "+xml"), strings.HasSuffix(typ, "+json"):
		return true
	}
	switch typ {
	case "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/ld+json":
		return true
	}
	return path.Ext(p) == ".jsonld"
}

// gzipWriter gzips the body of a response that has one.
type gzipWriter struct {
	http.ResponseWriter
	gz    *gzip.Writer
	wrote bool // the header is written
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.wrote {
		return
	}
	g.wrote = true
	h := g.Header()
	h.Add("Vary", "Accept-Encoding")
	if code != http.StatusNotModified && code != http.StatusNoContent {
		// The file server counted the bytes before compression.
		h.Del("Content-Length")
		h.Set("Content-Encoding", "gzip")
		g.gz = gzip.NewWriter(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.wrote {
		g.WriteHeader(http.StatusOK)
	}
	if g.gz == nil {
		return g.ResponseWriter.Write(b)
	}
	return g.gz.Write(b)
}

// Close ends the compressed stream, if there is one.
func (g *gzipWriter) Close() {
	if g.gz != nil {
		g.gz.Close()
	}
}

// Request is one request a page made, as Chromium saw it.
type Request struct {
	URL    string
	Type   string  // Chromium's resource type: Document, Stylesheet, Script, Image, Fetch, …
	Status int64   // the response's status, 0 when there was none
	Bytes  float64 // bytes received over the wire, headers included (compressed)
	Failed string  // why it failed, if it did
	Done   bool    // it finished or failed
}

// Recorder records the network requests of a tab.
type Recorder struct {
	mu   sync.Mutex
	reqs []*Request
	byID map[network.RequestID]*Request
}

// Record enables the network domain in the tab, with the browser's cache
// off, and records every request from now on.
func Record(t testing.TB, ctx context.Context) *Recorder {
	t.Helper()
	rec := &Recorder{byID: map[network.RequestID]*Request{}}
	if err := chromedp.Listen(ctx, rec.event); err != nil {
		t.Fatalf("recording requests: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("recording requests: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("disabling the cache: %v", err)
	}
	return rec
}

func (rec *Recorder) event(ev any) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if r := rec.byID[ev.RequestID]; r != nil && ev.RedirectResponse != nil {
			// A redirect: the old request ends here; the id goes on
			// with the new URL.
			r.Status, r.Done = ev.RedirectResponse.Status, true
		}
		r := &Request{URL: ev.Request.URL, Type: string(ev.Type)}
		rec.reqs = append(rec.reqs, r)
		rec.byID[ev.RequestID] = r
	case *network.EventResponseReceived:
		if r := rec.byID[ev.RequestID]; r != nil {
			r.Status = ev.Response.Status
			if r.Type == "" {
				r.Type = string(ev.Type)
			}
		}
	case *network.EventLoadingFinished:
		if r := rec.byID[ev.RequestID]; r != nil {
			r.Bytes, r.Done = ev.EncodedDataLength, true
		}
	case *network.EventLoadingFailed:
		if r := rec.byID[ev.RequestID]; r != nil {
			r.Failed, r.Done = ev.ErrorText, true
		}
	}
}

// Requests returns a copy of the requests recorded so far, in the order
// they were made.
func (rec *Recorder) Requests() []Request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	out := make([]Request, len(rec.reqs))
	for i, r := range rec.reqs {
		out[i] = *r
	}
	return out
}

// Pending returns how many recorded requests have not finished.
func (rec *Recorder) Pending() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	n := 0
	for _, r := range rec.reqs {
		if !r.Done {
			n++
		}
	}
	return n
}

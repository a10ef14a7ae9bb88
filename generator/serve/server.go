// Package serve previews a site while it is being written: it serves the
// site from memory, rebuilds it incrementally when files change, and tells
// open pages to reload through Server-Sent Events. A failed rebuild keeps
// the last good site and shows its errors over every page until fixed.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glossdev/gloss/generator"
	"github.com/glossdev/gloss/generator/diag"
)

// EventsPath is where pages listen for reloads.
const EventsPath = "/_gloss/events"

// maxClients bounds the open event streams.
const maxClients = 64

// snapshot is one build as served: never changed once published.
type snapshot struct {
	files   map[string][]byte
	version int
	// errors is the text of the last failed rebuild, "" when it succeeded.
	errors string
}

// Server serves a site and rebuilds it on demand. Its handler is safe for
// concurrent use; Rebuild must not be called concurrently with itself.
type Server struct {
	builder *generator.Builder
	gc      *collector
	current atomic.Pointer[snapshot]
	log     io.Writer

	mu      sync.Mutex
	clients map[chan event]struct{}
}

type event struct {
	name string // "reload" or "errors"
	data string
}

// New returns a Server for the site in src. Build options are passed to the
// builder; log receives one line per rebuild and the errors of failed ones.
func New(src string, log io.Writer, opts ...generator.Option) *Server {
	s := &Server{builder: generator.NewBuilder(src, opts...), gc: newCollector(), log: log, clients: map[chan event]struct{}{}}
	s.current.Store(&snapshot{files: map[string][]byte{}})
	return s
}

// Rebuild builds the site again and publishes it, or keeps the last good
// site and publishes the errors. It returns the build's error.
func (s *Server) Rebuild(ctx context.Context) error {
	return s.RebuildChanged(ctx, nil)
}

// RebuildChanged is Rebuild after the changes a watcher saw (see
// generator.Builder.BuildChanged; nil for unknown).
func (s *Server) RebuildChanged(ctx context.Context, changed []string) error {
	before := s.gc.allocated()
	res, err := s.builder.BuildChanged(ctx, changed)
	// Once the pages know, collect garbage if the next rebuild would.
	defer s.gc.after(s.gc.allocated() - before)
	prev := s.current.Load()
	if err != nil {
		var errs *diag.Errors
		text := err.Error()
		if errors.As(err, &errs) {
			text = errs.Error()
		}
		fmt.Fprintf(s.log, "%s\nrebuild failed; still serving the last good site\n", text)
		s.current.Store(&snapshot{files: prev.files, version: prev.version, errors: text})
		s.broadcast(event{name: "errors", data: text})
		return err
	}
	for _, w := range res.Site.Warnings {
		fmt.Fprintln(s.log, w.String())
	}
	next := &snapshot{files: res.Site.Files, version: prev.version + 1}
	s.current.Store(next)
	fmt.Fprintf(s.log, "rebuilt in %s: %d documents converted, %d files rendered, %d changed\n",
		res.Duration.Round(time.Millisecond), res.Converted, res.Rendered, len(res.Changed))
	reload := res.Changed
	if prev.errors != "" || prev.version == 0 {
		reload = append(reload, "*") // errors cleared: every page reloads
	}
	s.broadcast(event{name: "reload", data: strings.Join(reload, "\n")})
	return nil
}

func (s *Server) broadcast(e event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a slow client misses an event rather than blocking us
		}
	}
}

// Handler serves the site. It sees request paths as sent, without the
// cleaning (and redirects) of http.ServeMux, so that it can refuse paths
// that try to leave the site.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == EventsPath {
			s.events(w, r)
			return
		}
		s.page(w, r)
	})
}

// cleanPath maps a request path to a file of the site, refusing paths that
// would leave it.
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || len(p) > 2048 {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		if name != "" {
			name += "/"
		}
		name += "index.html"
	}
	return name, true
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := s.current.Load()
	// r.URL.Path is already decoded, so %2e%2e arrives here as "..".
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	data, found := snap.files[name]
	if !found && !strings.HasSuffix(name, ".html") {
		if _, dir := snap.files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !found {
		status = http.StatusNotFound
		name = "404.html"
		data = snap.files[name]
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if path.Ext(name) == ".jsonld" {
		ctype = "application/ld+json"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, snap.errors)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 4)
	s.mu.Lock()
	if len(s.clients) >= maxClients {
		s.mu.Unlock()
		http.Error(w, "too many listeners", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	// Event streams outlive the server's write timeout.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %d\n\n", s.current.Load().version)
	flusher.Flush()
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case e := <-c:
			fmt.Fprintf(w, "event: %s\n", e.name)
			for _, line := range strings.Split(e.data, "\n") {
				fmt.Fprintf(w, "data: %s\n", line)
			}
			fmt.Fprint(w, "\n")
		}
		flusher.Flush()
	}
}

// NewHTTPServer returns an http.Server for h with timeouts that keep slow or
// idle clients from holding resources.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

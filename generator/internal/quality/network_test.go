package quality

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeGzips checks the test server: text gzipped when the client
// accepts it, other files and other clients as they are.
func TestServeGzips(t *testing.T) {
	dir := t.TempDir()
	page := strings.Repeat("<p>Hello, reader.</p>\n", 200)
	for name, data := range map[string]string{"index.html": page, "assets/a.css": "p { color: red }", "pixel.gif": "GIF89a"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := Serve(t, dir)
	get := func(path string, gz bool, header ...string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		// A transport of its own: the default one would ask for gzip and
		// decode it behind the test's back.
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var r io.Reader = res.Body
		if res.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			r = zr
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return res, string(body)
	}
	for _, tc := range []struct {
		path, want  string
		gz, gzipped bool
	}{
		{"/", page, true, true},
		{"/", page, false, false},
		{"/assets/a.css", "p { color: red }", true, true},
		{"/pixel.gif", "GIF89a", true, false},
	} {
		res, body := get(tc.path, tc.gz)
		if res.StatusCode != 200 || body != tc.want {
			t.Errorf("%s (gzip %v): status %d, body %q", tc.path, tc.gz, res.StatusCode, body)
		}
		if got := res.Header.Get("Content-Encoding") == "gzip"; got != tc.gzipped {
			t.Errorf("%s (gzip %v): gzipped %v, want %v", tc.path, tc.gz, got, tc.gzipped)
		}
	}
	if res, _ := get("/missing.html", true); res.StatusCode != 404 {
		t.Errorf("missing page: status %d", res.StatusCode)
	}
	res, _ := get("/", true)
	res, body := get("/", true, "If-Modified-Since", res.Header.Get("Last-Modified"))
	if res.StatusCode != http.StatusNotModified || body != "" || res.Header.Get("Content-Encoding") != "" {
		t.Errorf("unchanged page: status %d, Content-Encoding %q, body %q", res.StatusCode, res.Header.Get("Content-Encoding"), body)
	}
}

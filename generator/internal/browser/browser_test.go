package browser

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto"
	"github.com/stretchr/testify/assert"
)

// fakeBrowser writes a file named name into a new folder and returns the
// folder and the file's path.
func fakeBrowser(t *testing.T, name string, mode os.FileMode) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), mode); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

// Find decides whether the browser tests run or skip, so it is tested
// without a browser.
func TestFind(t *testing.T) {
	t.Run("GLOSS_CHROMIUM wins over PATH", func(t *testing.T) {
		onPath, _ := fakeBrowser(t, "chromium", 0o755)
		_, chosen := fakeBrowser(t, "my-chrome", 0o755)
		t.Setenv("PATH", onPath)
		t.Setenv("GLOSS_CHROMIUM", chosen)
		assert.Equal(t, chosen, Find())
	})
	t.Run("GLOSS_CHROMIUM may be a name on PATH", func(t *testing.T) {
		dir, path := fakeBrowser(t, "my-chrome", 0o755)
		t.Setenv("PATH", dir)
		t.Setenv("GLOSS_CHROMIUM", "my-chrome")
		assert.Equal(t, path, Find())
	})
	t.Run("a missing GLOSS_CHROMIUM is not found, and PATH is not searched instead", func(t *testing.T) {
		onPath, _ := fakeBrowser(t, "chromium", 0o755)
		t.Setenv("PATH", onPath)
		t.Setenv("GLOSS_CHROMIUM", filepath.Join(t.TempDir(), "nonexistent"))
		assert.Empty(t, Find())
	})
	t.Run("a GLOSS_CHROMIUM that is not executable is not found", func(t *testing.T) {
		_, path := fakeBrowser(t, "chrome.txt", 0o644)
		t.Setenv("PATH", "")
		t.Setenv("GLOSS_CHROMIUM", path)
		assert.Empty(t, Find())
	})
	t.Run("PATH in order of preference", func(t *testing.T) {
		dir, _ := fakeBrowser(t, "google-chrome", 0o755)
		chromium := filepath.Join(dir, "chromium-browser")
		if err := os.WriteFile(chromium, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", dir)
		t.Setenv("GLOSS_CHROMIUM", "")
		assert.Equal(t, chromium, Find())
	})
	t.Run("nothing", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		t.Setenv("GLOSS_CHROMIUM", "")
		assert.Empty(t, Find())
	})
}

func TestBoxInside(t *testing.T) {
	in := Box{Left: 8, Top: 0, Right: 312, Bottom: 640, Width: 304, Height: 640}
	assert.True(t, in.Inside(320, 640))
	assert.False(t, Box{Left: -1, Top: 10, Right: 100, Bottom: 20}.Inside(320, 640))
	assert.False(t, Box{Left: 8, Top: 337, Right: 312, Bottom: 647.5}.Inside(320, 640))
	x, y := in.Center()
	assert.Equal(t, [2]float64{160, 320}, [2]float64{x, y})
}

func TestNavigatedAway(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"the page navigated", &cdproto.Error{Code: -32000, Message: "Inspected target navigated or closed"}, true},
		{"wrapped", fmt.Errorf("evaluate: %w", &cdproto.Error{Code: -32000, Message: "Inspected target navigated or closed"}), true},
		{"another protocol error", &cdproto.Error{Code: -32000, Message: "Cannot find context with specified id"}, false},
		{"another error", errors.New("navigated or closed"), false},
		{"no error", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, navigatedAway(tt.err))
		})
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// site writes a small site into a temporary folder.
func site(t *testing.T, article string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/site.yaml":     "title: T\nbaseURL: https://example.org/\n",
		"content/articles/a.md": article,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	return dir
}

const good = "---\ntitle: A\ndate: 2025-05-16\n---\nHello.\n"

func TestExitStatus(t *testing.T) {
	dir := site(t, good)
	bad := site(t, "---\ntitle: A\n---\n")
	tests := []struct {
		name string
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{"no command", nil, 2, "Usage:"},
		{"help", []string{"-h"}, 0, "Commands:"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"bad flag", []string{"build", "-nope"}, 2, "flag provided but not defined: -nope"},
		{"stray argument", []string{"build", "x"}, 2, `unexpected argument "x"`},
		{"build help", []string{"build", "-h"}, 0, "Usage: gloss build"},
		{"build", []string{"build", "-src", dir}, 0, "built 5 pages"},
		{"build again", []string{"build", "-src", dir}, 0, "unchanged) into"},
		{"build with a content error", []string{"build", "-src", bad}, 1, "content/articles/a.md:2:1: front matter: missing required key \"date\"\ngloss: 1 error; nothing was written"},
		{"bad base URL", []string{"build", "-src", dir, "-base-url", "/relative/"}, 1, "-base-url: want an absolute http(s) URL"},
		{"check clean", []string{"check", "-src", dir}, 0, "gloss check: 0 errors, 0 warnings"},
		{"check with errors", []string{"check", "-src", bad}, 1, "missing required key"},
		{"check bad format", []string{"check", "-src", dir, "-format", "xml"}, 2, "want text, github or json"},
		{"check github", []string{"check", "-src", bad, "-format", "github"}, 1, "::error file=content/articles/a.md,line=2,col=1::"},
		{"new without arguments", []string{"new"}, 2, "Usage: gloss new"},
		{"new with a bad kind", []string{"new", "-src", dir, "city", "Kyiv"}, 2, `unknown kind "city"`},
		{"new", []string{"new", "-src", dir, "place", "Kyiv"}, 0, filepath.Join(dir, "content", "glossary", "kyiv.md")},
		{"new refuses to overwrite", []string{"new", "-src", dir, "place", "Kyiv"}, 1, "already exists; not overwritten"},
		{"serve with a bad address", []string{"serve", "-src", dir, "-addr", "256.0.0.1:99999"}, 1, "gloss serve:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out, errs)
			assert.Contains(t, out+errs, tt.out)
		})
	}
}

func TestCheckStrict(t *testing.T) {
	dir := site(t, good)
	p := filepath.Join(dir, "content/glossary/moscow.md")
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte("---\nname: Moscow\nkind: place\n---\n"), 0o644))
	code, out, _ := runCLI("check", "-src", dir)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "warning: no article mentions Moscow")
	code, _, _ = runCLI("check", "-src", dir, "-strict")
	assert.Equal(t, 1, code)
}

func TestBuildQuietWhenNotATerminal(t *testing.T) {
	code, out, errs := runCLI("build", "-src", site(t, good))
	require.Equal(t, 0, code)
	assert.Empty(t, errs)
	assert.Equal(t, 1, strings.Count(out, "\n"), "one summary line: %q", out)
}

// TestEmbeddedThemeMatchesRepository makes sure the binary carries the
// repository's templates and assets.
func TestEmbeddedThemeMatchesRepository(t *testing.T) {
	for _, dir := range []string{"templates", "assets"} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			want, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			got, err := defaultTheme.ReadFile(dir + "/" + e.Name())
			require.NoError(t, err)
			assert.Equal(t, want, got, e.Name())
		}
	}
}

func TestOneShotGC(t *testing.T) {
	t.Run("default", func(t *testing.T) {
		if v, set := os.LookupEnv("GOGC"); set {
			// Unset for this test; t.Setenv restores it.
			t.Setenv("GOGC", v)
			require.NoError(t, os.Unsetenv("GOGC"))
		}
		before := debug.SetGCPercent(77)
		defer debug.SetGCPercent(before)
		restore := oneShotGC()
		assert.Equal(t, oneShotGOGC, debug.SetGCPercent(oneShotGOGC), "during the build")
		restore()
		assert.Equal(t, 77, debug.SetGCPercent(77), "after it")
	})
	t.Run("GOGC set", func(t *testing.T) {
		t.Setenv("GOGC", "77")
		before := debug.SetGCPercent(77)
		defer debug.SetGCPercent(before)
		restore := oneShotGC()
		assert.Equal(t, 77, debug.SetGCPercent(77), "the environment's")
		restore()
		assert.Equal(t, 77, debug.SetGCPercent(77))
	})
}

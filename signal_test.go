package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInterruptKeepsOutput interrupts a real build while it writes, with
// SIGINT and with SIGTERM: the previous output survives and no temporary
// folder is left behind.
func TestInterruptKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a large site")
	}
	bin := filepath.Join(t.TempDir(), "gloss")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run())

	dir := site(t, good)
	code, _, errs := runCLI("build", "-src", dir)
	require.Equal(t, 0, code, errs)
	out := filepath.Join(dir, "public")
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	require.NoError(t, err)
	// Enough articles that writing takes a while.
	body := strings.Repeat("Some words of an article that goes on for a while. ", 200)
	for i := range 6000 {
		p := filepath.Join(dir, "content", "articles", fmt.Sprintf("a%04d.md", i))
		require.NoError(t, os.WriteFile(p, []byte("---\ntitle: A\ndate: 2025-05-16\n---\n"+body), 0o644))
	}

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "build", "-src", dir)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			// Wait until the build is writing its temporary folder.
			deadline := time.Now().Add(60 * time.Second)
			for time.Now().Before(deadline) {
				m, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "articles"))
				if len(m) > 0 {
					break
				}
				time.Sleep(time.Millisecond)
			}
			require.NoError(t, cmd.Process.Signal(sig))
			err := cmd.Wait()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "the build must fail, not finish: %s", stderr.String())
			assert.Equal(t, 1, exit.ExitCode())
			assert.Contains(t, stderr.String(), "interrupted; the previous output is unchanged")
			after, err := os.ReadFile(filepath.Join(out, "index.html"))
			require.NoError(t, err)
			assert.Equal(t, string(before), string(after))
			left, _ := filepath.Glob(filepath.Join(dir, ".public.*"))
			assert.Empty(t, left, "temporary folders left behind")
		})
	}
}

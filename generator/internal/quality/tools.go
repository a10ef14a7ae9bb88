// Package quality runs the page-quality gates of the tests on a built site:
// the Nu HTML Checker (vnu.jar, with the machine's Java) for valid markup,
// axe-core (injected into a page in headless Chromium) for accessibility,
// Lighthouse (with its own Chromium) for its four scores, and a recording of
// a page load's network requests for its weight and for requests that leave
// the site.
//
// The npm tools live in one node_modules folder, $GLOSS_TOOLS, by default
// .ci/node_modules in the repository, which `npm ci --prefix .ci` fills from
// the pinned .ci/package-lock.json. A machine without a tool (or without
// Java or Node.js) skips the tests that need it with a message saying what
// is missing, unless GLOSS_REQUIRE_BROWSER=1 says that they must run (for
// CI), in which case they fail, as the browser tests do (see
// internal/browser).
package quality

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Tool is one of the tools the gates run.
type Tool int

const (
	// VNU is the Nu HTML Checker: vnu.jar from the npm package vnu-jar, run
	// with the machine's java.
	VNU Tool = iota
	// Axe is axe-core's axe.min.js from the npm package axe-core, injected
	// into a page of a browser the test starts (see internal/browser).
	Axe
	// Lighthouse is the npm package lighthouse's command line, run with
	// node; it starts a Chromium of its own (see internal/browser's Find).
	Lighthouse
)

// String names the tool.
func (tl Tool) String() string {
	switch tl {
	case VNU:
		return "vnu"
	case Axe:
		return "axe-core"
	case Lighthouse:
		return "lighthouse"
	}
	return fmt.Sprintf("Tool(%d)", int(tl))
}

// Tools are the paths of the tools and of what runs them.
type Tools struct {
	Dir        string // the node_modules folder
	Java       string // the java executable
	Node       string // the node executable
	VNUJar     string // vnu-jar/build/dist/vnu.jar
	AxeJS      string // axe-core/axe.min.js
	Lighthouse string // lighthouse/cli/index.js
}

// Dir returns the folder the npm tools are installed in: $GLOSS_TOOLS when
// it is set, else .ci/node_modules in this repository.
func Dir() string {
	if d := os.Getenv("GLOSS_TOOLS"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join(".ci", "node_modules")
	}
	// file is <repo>/generator/internal/quality/tools.go.
	repo := filepath.Join(filepath.Dir(file), "..", "..", "..")
	return filepath.Join(repo, ".ci", "node_modules")
}

// Find returns the tools' paths, and for each tool of need that cannot run,
// why not.
func Find(need ...Tool) (Tools, []string) {
	dir := Dir()
	tl := Tools{
		Dir:        dir,
		VNUJar:     filepath.Join(dir, "vnu-jar", "build", "dist", "vnu.jar"),
		AxeJS:      filepath.Join(dir, "axe-core", "axe.min.js"),
		Lighthouse: filepath.Join(dir, "lighthouse", "cli", "index.js"),
	}
	tl.Java = lookJava()
	tl.Node, _ = exec.LookPath("node")
	var missing []string
	file := func(tool Tool, path string) {
		if st, err := os.Stat(path); err != nil || st.IsDir() {
			missing = append(missing, fmt.Sprintf("%s: no %s (run npm ci --prefix .ci, or set GLOSS_TOOLS)", tool, path))
		}
	}
	for _, tool := range need {
		switch tool {
		case VNU:
			if tl.Java == "" {
				missing = append(missing, "vnu: no java on PATH or in $JAVA_HOME/bin (install a Java runtime, e.g. default-jre-headless)")
			}
			file(tool, tl.VNUJar)
		case Axe:
			file(tool, tl.AxeJS)
		case Lighthouse:
			if tl.Node == "" {
				missing = append(missing, "lighthouse: no node on PATH (install Node.js)")
			}
			file(tool, tl.Lighthouse)
		}
	}
	return tl, missing
}

// lookJava returns the java executable: java on PATH, else
// $JAVA_HOME/bin/java, else "".
func lookJava() string {
	if p, err := exec.LookPath("java"); err == nil {
		return p
	}
	if home := os.Getenv("JAVA_HOME"); home != "" {
		if p, err := exec.LookPath(filepath.Join(home, "bin", "java")); err == nil {
			return p
		}
	}
	return ""
}

// Need returns the tools, and skips the test with a message that says what
// is missing when one of need cannot run, or fails it when
// GLOSS_REQUIRE_BROWSER=1.
func Need(t testing.TB, need ...Tool) Tools {
	t.Helper()
	tl, missing := Find(need...)
	if len(missing) == 0 {
		return tl
	}
	why := strings.Join(missing, "; ")
	if os.Getenv("GLOSS_REQUIRE_BROWSER") == "1" {
		t.Fatalf("GLOSS_REQUIRE_BROWSER=1 but a page-quality tool is missing: %s", why)
	}
	t.Skipf("page-quality tool missing: test skipped (%s)", why)
	return tl
}

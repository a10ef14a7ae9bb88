package quality

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// VNUTimeout bounds one run of the Nu HTML Checker.
const VNUTimeout = 3 * time.Minute

// Message is one error the Nu HTML Checker reports.
type Message struct {
	File    string // the page's path, relative to the folder checked
	Line    int    // where the error ends, from 1 (0 when not known)
	Col     int
	Text    string // the checker's message
	Extract string // the markup around it
}

// String formats the message as file:line:col: text, with the markup it
// points at on a second line.
func (m Message) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Col, m.Text)
	if m.Extract != "" {
		s += "\n\t" + strings.ReplaceAll(strings.TrimSpace(m.Extract), "\n", "⏎")
	}
	return s
}

// HTMLFiles returns the .html files below dir, sorted, as paths relative to
// dir with forward slashes.
func HTMLFiles(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatalf("listing the pages of %s: %v", dir, err)
	}
	slices.Sort(files)
	return files
}

// CheckHTML runs the Nu HTML Checker once over every .html file below dir
// and returns its errors (warnings aside), sorted by file and line. A run
// that fails without a report, or finds no page, fails the test.
func CheckHTML(t testing.TB, tl Tools, dir string) []Message {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	pages := HTMLFiles(t, abs)
	if len(pages) == 0 {
		t.Fatalf("vnu: no .html file below %s", abs)
	}
	args := []string{"-jar", tl.VNUJar, "--errors-only", "--format", "json", "--stdout"}
	for _, p := range pages {
		args = append(args, filepath.Join(abs, filepath.FromSlash(p)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), VNUTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tl.Java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exits 1 when it found errors: the report says which
	var report struct {
		Messages []struct {
			Type      string `json:"type"`
			SubType   string `json:"subType"`
			URL       string `json:"url"`
			LastLine  int    `json:"lastLine"`
			FirstCol  int    `json:"firstColumn"`
			LastCol   int    `json:"lastColumn"`
			Message   string `json:"message"`
			Extract   string `json:"extract"`
			HiliteLen int    `json:"hiliteLength"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("vnu: no JSON report (%v; run: %v)\nstdout: %s\nstderr: %s", err, runErr, trim(stdout.String()), trim(stderr.String()))
	}
	var msgs []Message
	for _, m := range report.Messages {
		// "error" is invalid markup; "non-document-error" a page the
		// checker could not read. Both fail the gate.
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			if rel, err := filepath.Rel(abs, filepath.FromSlash(u.Path)); err == nil {
				file = filepath.ToSlash(rel)
			}
		}
		col := m.FirstCol
		if col == 0 {
			col = m.LastCol
		}
		text := m.Message
		if m.Type != "error" {
			text = m.Type + ": " + text
		}
		msgs = append(msgs, Message{File: file, Line: m.LastLine, Col: col, Text: text, Extract: m.Extract})
	}
	if len(msgs) == 0 && runErr != nil {
		t.Fatalf("vnu: failed without reporting an error: %v\nstderr: %s", runErr, trim(stderr.String()))
	}
	slices.SortStableFunc(msgs, func(a, b Message) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return msgs
}

// FormatMessages lists the messages one per line, for a failure message.
func FormatMessages(msgs []Message) string { return lines(msgs) }

// lines writes each of xs on its own line.
func lines[T fmt.Stringer](xs []T) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(x.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// trim shortens a tool's output for a failure message.
func trim(s string) string {
	const max = 4000
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

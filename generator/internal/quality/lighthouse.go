package quality

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// LighthouseTimeout bounds one Lighthouse run.
const LighthouseTimeout = 3 * time.Minute

// Categories are the Lighthouse categories the gate scores.
var Categories = []string{"performance", "accessibility", "best-practices", "seo"}

// ChromeFlags are the flags Lighthouse starts its Chromium with: those of
// internal/browser's harness (headless, no sandbox for root in a container,
// and none of the background connections that a closed network refuses).
var ChromeFlags = []string{
	"--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-default-apps", "--disable-extensions",
}

// Report is what the gate reads of a Lighthouse report.
type Report struct {
	Scores map[string]float64 // by category id, from 0 to 1
	// Failed lists, for each category, the audits that count towards its
	// score and did not score 1: id, title and what Lighthouse measured.
	Failed   map[string][]string
	Warnings []string // the run's warnings
	Metrics  []string // the performance metrics, as Lighthouse shows them
}

// metrics are the audits of the performance metrics that Report.Metrics
// shows.
var metrics = []string{"first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"}

// Audit runs Lighthouse, with its default (mobile) settings, on url in a
// Chromium of its own (chromium, the browser's path) and returns the
// scores of [Categories]. A run that fails, or a category without a score,
// fails the test.
func Audit(t testing.TB, tl Tools, chromium, url string) Report {
	t.Helper()
	tmp := t.TempDir()
	out := filepath.Join(tmp, "lighthouse.json")
	ctx, cancel := context.WithTimeout(context.Background(), LighthouseTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tl.Node, tl.Lighthouse, url,
		"--output=json", "--output-path="+out, "--quiet",
		"--chrome-flags="+strings.Join(ChromeFlags, " "),
		"--only-categories="+strings.Join(Categories, ","),
	)
	ownGroup(cmd)
	// Its Chromium (through chrome-launcher) and its temporary profile.
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium, "TMPDIR="+tmp)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("lighthouse %s: %v\n%s", url, err, trim(stderr.String()))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("lighthouse: no report: %v\n%s", err, trim(stderr.String()))
	}
	var lhr struct {
		RuntimeError *struct{ Code, Message string } `json:"runtimeError"`
		RunWarnings  []string                        `json:"runWarnings"`
		Categories   map[string]struct {
			Score     *float64 `json:"score"`
			AuditRefs []struct {
				ID     string  `json:"id"`
				Weight float64 `json:"weight"`
			} `json:"auditRefs"`
		} `json:"categories"`
		Audits map[string]struct {
			Title        string   `json:"title"`
			Score        *float64 `json:"score"`
			DisplayValue string   `json:"displayValue"`
			Details      struct {
				Items json.RawMessage `json:"items"` // a list of objects, mostly
			} `json:"details"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(data, &lhr); err != nil {
		t.Fatalf("lighthouse: reading %s: %v", out, err)
	}
	if lhr.RuntimeError != nil {
		t.Fatalf("lighthouse: %s: %s", lhr.RuntimeError.Code, lhr.RuntimeError.Message)
	}
	rep := Report{Scores: map[string]float64{}, Failed: map[string][]string{}, Warnings: lhr.RunWarnings}
	for _, id := range metrics {
		if a, ok := lhr.Audits[id]; ok {
			rep.Metrics = append(rep.Metrics, id+" "+a.DisplayValue)
		}
	}
	for _, id := range Categories {
		c, ok := lhr.Categories[id]
		if !ok || c.Score == nil {
			t.Fatalf("lighthouse: no score for %s (warnings: %v)", id, lhr.RunWarnings)
		}
		rep.Scores[id] = *c.Score
		for _, ref := range c.AuditRefs {
			a := lhr.Audits[ref.ID]
			if ref.Weight == 0 || a.Score == nil || *a.Score >= 1 {
				continue
			}
			s := fmt.Sprintf("%s (%.2f, weight %g): %s", ref.ID, *a.Score, ref.Weight, a.Title)
			if a.DisplayValue != "" {
				s += ": " + a.DisplayValue
			}
			var items []map[string]any
			_ = json.Unmarshal(a.Details.Items, &items) // not a list: nothing to describe
			for i, item := range items {
				if i == 5 {
					s += "\n\t\t…"
					break
				}
				if d := describe(item); d != "" {
					s += "\n\t\t" + d
				}
			}
			rep.Failed[id] = append(rep.Failed[id], s)
		}
		slices.Sort(rep.Failed[id])
	}
	return rep
}

// describe returns what an audit's detail item is about: its URL, node or
// description.
func describe(item map[string]any) string {
	var parts []string
	for _, k := range []string{"source", "url", "description", "label"} {
		if v, ok := item[k].(string); ok && v != "" {
			parts = append(parts, v)
		}
	}
	if n, ok := item["node"].(map[string]any); ok {
		for _, k := range []string{"selector", "snippet", "explanation"} {
			if v, ok := n[k].(string); ok && v != "" {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, " ")
}

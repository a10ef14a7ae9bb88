package quality

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// WCAG are the axe-core tags of the rules for WCAG 2.2 levels A and AA (axe
// tags each rule with the version of WCAG that introduced it).
var WCAG = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Violation is one rule that axe-core found broken on a page.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // each node's CSS selector and what is wrong with it
}

// String formats the violation as rule (impact): help, then one element a
// line.
func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
}

// FormatViolations lists the violations, for a failure message.
func FormatViolations(vs []Violation) string { return lines(vs) }

// IDs returns the rule ids of the violations, in order.
func IDs(vs []Violation) []string {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids
}

var axeSource struct {
	sync.Mutex
	path, js string
}

// source returns the text of axe.min.js, read once per process.
func source(t testing.TB, tl Tools) string {
	t.Helper()
	axeSource.Lock()
	defer axeSource.Unlock()
	if axeSource.path != tl.AxeJS {
		data, err := os.ReadFile(tl.AxeJS)
		if err != nil {
			t.Fatalf("axe: %v", err)
		}
		axeSource.path, axeSource.js = tl.AxeJS, string(data)
	}
	return axeSource.js
}

// axeRunJS runs axe on the document with the rules of the tags (%s, a JSON
// list) and returns its violations, each node with its target and summary.
const axeRunJS = `axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r =>
	r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? ": " + n.failureSummary.replace(/\s*\n\s*/g, " ") : ""))})))`

// Run injects axe-core into the document in the tab, unless it is there
// already, and runs it with the rules of tags (default [WCAG]) on the page
// as it is now. It returns the violations.
func Run(t testing.TB, ctx context.Context, tl Tools, tags ...string) []Violation {
	t.Helper()
	if len(tags) == 0 {
		tags = WCAG
	}
	has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	if !has {
		// Evaluated as a script of its own: axe.min.js sets window.axe.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](source(t, tl)+"\n;void 0")); err != nil {
			t.Fatalf("axe: injecting %s: %v", tl.AxeJS, err)
		}
	}
	list := `["` + strings.Join(tags, `","`) + `"]`
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRunJS, list), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: running: %v", err)
	}
	return vs
}

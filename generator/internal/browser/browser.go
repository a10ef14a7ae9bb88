// Package browser is a small harness for tests that drive a real, headless
// Chromium through the DevTools protocol (with chromedp). It finds the
// browser, starts one per test, serves a built site on loopback and wraps the
// few protocol calls that the tests need (viewport, mouse, touch, keys,
// geometry, JavaScript values), failing the test on any error.
//
// A machine without Chromium skips the tests, unless GLOSS_REQUIRE_BROWSER=1
// says that they must run (for CI), in which case they fail.
package browser

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Timeout bounds everything one test does with its browser: when it runs out
// the browser is stopped and the pending call fails.
const Timeout = 60 * time.Second

// PollInterval is how often [WaitFor] evaluates its condition.
const PollInterval = 20 * time.Millisecond

// Width and Height are the size of the window that [New] starts the browser
// with (a desktop window; see [Viewport] for a phone).
const (
	Width  = 1280
	Height = 800
)

// candidates are the executable names that Find looks for on PATH, in order.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find returns the Chromium executable to run: $GLOSS_CHROMIUM when it is set
// (a path or a name on PATH), else the first of chromium, chromium-browser,
// google-chrome and google-chrome-stable found on PATH. It returns "" when
// there is none, and also when GLOSS_CHROMIUM names no executable file: an
// explicit choice that does not exist is not replaced by another browser.
func Find() string {
	if p := os.Getenv("GLOSS_CHROMIUM"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return ""
		}
		return path
	}
	for _, name := range candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// New starts a headless Chromium for the test and returns a chromedp context
// for a tab of it. Without a browser (see [Find]) it skips the test, or fails
// it when GLOSS_REQUIRE_BROWSER=1. The browser lives until the test ends or
// [Timeout] runs out, whichever comes first; it gets a fresh profile folder,
// which chromedp removes. The tab emulates focus, so keyboard focus and focus
// events behave as in a window that has the focus.
//
// New also records the uncaught JavaScript exceptions of every page the tab
// loads, and fails the test at its end if there were any.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Find()
	if path == "" {
		why := "none of " + strings.Join(candidates, ", ") + " is on PATH"
		if v := os.Getenv("GLOSS_CHROMIUM"); v != "" {
			why = fmt.Sprintf("GLOSS_CHROMIUM=%q is not an executable", v)
		}
		if os.Getenv("GLOSS_REQUIRE_BROWSER") == "1" {
			t.Fatalf("GLOSS_REQUIRE_BROWSER=1 but no Chromium found: %s", why)
		}
		t.Log(why)
		t.Skip("no Chromium found: browser test skipped (install chromium, or set GLOSS_CHROMIUM)")
	}

	limit, stop := context.WithTimeout(context.Background(), Timeout)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(Width, Height),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(limit, opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		stop()
	})

	// Start the browser now, so that a browser that cannot start fails here
	// with its own error rather than in the first step of the test.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled,
		emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("emulating focus: %v", err)
	}

	var mu sync.Mutex
	var thrown []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*runtime.EventExceptionThrown); ok {
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			mu.Lock()
			thrown = append(thrown, fmt.Sprintf("%s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, msg))
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("listening for page exceptions: %v", err)
	}
	// Cleanups run last-registered first, so this runs while the browser is
	// still up.
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range thrown {
			t.Errorf("uncaught JavaScript exception: %s", e)
		}
	})
	return ctx
}

// Serve serves dir over HTTP on loopback for the rest of the test and
// returns the server's base URL (with no trailing slash).
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Do runs the actions in the tab and fails the test on the first error.
func Do(t testing.TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Navigate loads url in the tab and waits for its load event.
func Navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	Do(t, ctx, chromedp.Navigate(url))
}

// Location returns the URL of the document in the tab.
func Location(t testing.TB, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("browser: reading location: %v", err)
	}
	return loc
}

// Eval evaluates the JavaScript expression in the page and decodes its value
// (as JSON) into a T. A thrown exception, or undefined or null where T cannot
// hold it, fails the test.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("browser: evaluating %s: %v", expr, err)
	}
	return v
}

// WaitFor evaluates the JavaScript expression every [PollInterval] until it
// is truthy, and fails the test with what when it is still falsy after
// timeout. It returns how long it waited.
func WaitFor(t testing.TB, ctx context.Context, expr string, timeout time.Duration, what string) time.Duration {
	t.Helper()
	start := time.Now()
	check := "!!(" + expr + ")"
	var thrown error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check))
		var exc *chromedp.ExceptionError
		switch {
		case errors.As(err, &exc), navigatedAway(err):
			// The page may be between documents, or the element not there
			// yet; try again.
			thrown = err
		case err != nil:
			t.Fatalf("browser: waiting for %s: %v", what, err)
		case ok:
			return time.Since(start)
		}
		if time.Since(start) > timeout {
			if thrown != nil {
				t.Fatalf("browser: %s: still not true after %v (last exception: %v): %s", what, timeout, thrown, expr)
			}
			t.Fatalf("browser: %s: still not true after %v: %s", what, timeout, expr)
		}
		time.Sleep(PollInterval)
	}
}

// navigatedAway reports whether err says that the page left while an
// expression ran in it: a navigation the test set off (a form sent) can land
// between two polls.
func navigatedAway(err error) bool {
	var cdp *cdproto.Error
	return errors.As(err, &cdp) && strings.Contains(cdp.Message, "navigated or closed")
}

// Box is a rectangle in CSS pixels relative to the viewport, as
// getBoundingClientRect returns it.
type Box struct {
	Left, Top, Right, Bottom, Width, Height float64
}

// Center returns the middle of the box.
func (b Box) Center() (x, y float64) {
	return b.Left + b.Width/2, b.Top + b.Height/2
}

// Inside reports whether the box lies fully inside the rectangle
// [0,width]×[0,height].
func (b Box) Inside(width, height float64) bool {
	return b.Left >= 0 && b.Top >= 0 && b.Right <= width && b.Bottom <= height
}

// String formats the box for failure messages.
func (b Box) String() string {
	return fmt.Sprintf("[%.1f,%.1f]×[%.1f,%.1f]", b.Left, b.Right, b.Top, b.Bottom)
}

// boxJS turns the DOMRect r into a plain object that decodes into a Box.
const boxJS = `({Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom, Width: r.width, Height: r.height})`

// Rect returns the bounding rectangle of the first element that matches the
// CSS selector, and fails the test when nothing matches.
func Rect(t testing.TB, ctx context.Context, selector string) Box {
	t.Helper()
	return Eval[Box](t, ctx, fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e) throw new Error("no element matches " + %[1]q);
		const r = e.getBoundingClientRect();
		return %s;
	})()`, selector, boxJS))
}

// Rects returns the line boxes (getClientRects) of the first element that
// matches the CSS selector: one for each line an inline element spans. It
// fails the test when nothing matches.
func Rects(t testing.TB, ctx context.Context, selector string) []Box {
	t.Helper()
	return Eval[[]Box](t, ctx, fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e) throw new Error("no element matches " + %[1]q);
		return Array.from(e.getClientRects(), r => %s);
	})()`, selector, boxJS))
}

// Viewport makes the tab's viewport width×height CSS pixels at scale 1;
// mobile also emulates a phone (meta viewport, overlay scrollbars).
func Viewport(t testing.TB, ctx context.Context, width, height int64, mobile bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1, Mobile: mobile,
	}); err != nil {
		t.Fatalf("browser: setting the viewport: %v", err)
	}
}

// Touch turns touch emulation on (a touch screen with one touch point) or off.
func Touch(t testing.TB, ctx context.Context, on bool) {
	t.Helper()
	p := emulation.SetTouchEmulationEnabledParams{Enabled: on}
	if on {
		p.MaxTouchPoints = 1
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, p); err != nil {
		t.Fatalf("browser: setting touch emulation: %v", err)
	}
}

// DisableScripts turns JavaScript off (or on again) for the documents the
// tab loads from now on.
func DisableScripts(t testing.TB, ctx context.Context, disabled bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled,
		emulation.SetScriptExecutionDisabledParams{Value: disabled}); err != nil {
		t.Fatalf("browser: disabling scripts: %v", err)
	}
}

// MouseMove moves the mouse pointer, with no button pressed, to (x, y) in
// the viewport, as a real mouse does: the page gets pointer and mouse events
// and :hover follows.
func MouseMove(t testing.TB, ctx context.Context, x, y float64) {
	t.Helper()
	Do(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y))
}

// Click presses and releases the left mouse button at (x, y).
func Click(t testing.TB, ctx context.Context, x, y float64) {
	t.Helper()
	MouseMove(t, ctx, x, y)
	Do(t, ctx, chromedp.MouseClickXY(x, y))
}

// Tap touches the screen at (x, y) with one finger and lifts it: a
// touchStart and a touchEnd event. The browser turns it into a tap (pointer
// events and a click) only while touch emulation is on; see [Touch].
func Tap(t testing.TB, ctx context.Context, x, y float64) {
	t.Helper()
	one, zero := 1.0, 0.0
	if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
		Type:        input.DispatchTouchEventTypeTouchStart,
		TouchPoints: []*input.TouchPoint{{X: x, Y: y, RadiusX: &one, RadiusY: &one, Force: &one, ID: &zero}},
	}); err != nil {
		t.Fatalf("browser: touchStart: %v", err)
	}
	// A touchEnd has no touch points.
	if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{
		Type:        input.DispatchTouchEventTypeTouchEnd,
		TouchPoints: []*input.TouchPoint{},
	}); err != nil {
		t.Fatalf("browser: touchEnd: %v", err)
	}
}

// Press types the keys (see package github.com/chromedp/chromedp/kb for
// names such as kb.Tab and kb.Escape) as real key events to whatever has
// the focus.
func Press(t testing.TB, ctx context.Context, keys string) {
	t.Helper()
	Do(t, ctx, chromedp.KeyEvent(keys))
}

// Screenshot saves a PNG of the viewport to path; handy when a test fails.
func Screenshot(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("browser: screenshot: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TabFromTop takes focus back to the document, then presses Tab, up to max
// times, until the focused element matches the CSS selector, as a keyboard
// user would. It returns the elements focused on the way (tag#id.class), for
// messages; the caller checks where focus ended.
func TabFromTop(t testing.TB, ctx context.Context, selector string, max int) []string {
	t.Helper()
	Eval[chromedp.Void](t, ctx, `document.activeElement && document.activeElement.blur()`)
	if tag := Eval[string](t, ctx, `document.activeElement.tagName`); tag != "BODY" {
		t.Fatalf("browser: focus starts at %s, not the document", tag)
	}
	var stops []string
	match := fmt.Sprintf(`document.activeElement.matches(%q)`, selector)
	for range max {
		Press(t, ctx, kb.Tab)
		stops = append(stops, Eval[string](t, ctx,
			`(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + "." + e.className)(document.activeElement)`))
		if Eval[bool](t, ctx, match) {
			break
		}
	}
	return stops
}

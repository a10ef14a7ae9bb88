package generator

// Real-browser tests of the annotation notes: on a phone each note hides
// behind a toggle button that assets/gloss.js adds beside its reference; on
// a wide screen every note floats in the right margin beside its line;
// without JavaScript every note is simply shown inline. Without Chromium
// they skip (see internal/browser).

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
	"github.com/glossdev/gloss/generator/internal/browser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noteArticle is the sample article with the notes.
const noteArticle = "/articles/istanbul-talks-2025/"

// The viewports: a phone, where notes sit behind toggles, and a desktop,
// where they sit in the margin (gloss.css switches at 62rem = 992px).
const (
	narrowW, narrowH = 375, 800
	wideW, wideH     = 1440, 900
)

// wantNotes is how many notes the sample article has, at least.
const wantNotes = 8

// noteInfo is what the page shows of one note and of what points at it.
type noteInfo struct {
	ID        string
	Num       string // the reference's number
	Displayed bool   // display is not none, visibility is visible, and it has a size
	Open      bool   // class is-open
	Target    bool   // class is-target
	Role      string
	Box       browser.Box
	Line      browser.Box // its reference's line: the ref and the last line box of the marked text
	Marks     int         // how many marks it has
	MarkTgt   int         // how many of them have class is-target
	Hidden    string      // text of the visually hidden span of its first mark
	HiddenBox browser.Box // box of that span
	Ref       struct {
		Displayed bool
		HasToggle bool
	}
	Toggle struct {
		Exists    bool
		Displayed bool
		Tag       string
		Expanded  string
		Controls  string
		Box       browser.Box
	}
}

const notesJS = `(() => {
	const box = r => ({Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom, Width: r.width, Height: r.height});
	const shown = e => {
		const s = getComputedStyle(e), r = e.getBoundingClientRect();
		return s.display !== "none" && s.visibility === "visible" && r.width > 0 && r.height > 0;
	};
	return Array.from(document.querySelectorAll(".article-body .note"), n => {
		const ref = document.querySelector('a.anno-ref[data-note="' + CSS.escape(n.id) + '"]');
		const marks = Array.from(document.querySelectorAll('mark[data-annotation="' + CSS.escape(n.id) + '"]'));
		const b = document.querySelector('.note-toggle[aria-controls="' + CSS.escape(n.id) + '"]');
		let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
		const lines = [];
		if (ref) lines.push(ref.getBoundingClientRect());
		if (marks.length) {
			const rs = marks[marks.length - 1].getClientRects();
			if (rs.length) lines.push(rs[rs.length - 1]);
		}
		for (const r of lines) {
			top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
			left = Math.min(left, r.left); right = Math.max(right, r.right);
		}
		const hidden = marks.length ? marks[0].querySelector(":scope > .visually-hidden") : null;
		return {
			ID: n.id, Num: ref ? ref.textContent.trim() : "",
			Displayed: shown(n), Open: n.classList.contains("is-open"), Target: n.classList.contains("is-target"),
			Role: n.getAttribute("role") || "",
			Box: box(n.getBoundingClientRect()),
			Line: lines.length ? {Left: left, Top: top, Right: right, Bottom: bottom, Width: right - left, Height: bottom - top} : {},
			Marks: marks.length, MarkTgt: marks.filter(m => m.classList.contains("is-target")).length,
			Hidden: hidden ? hidden.textContent : "",
			HiddenBox: hidden ? box(hidden.getBoundingClientRect()) : {},
			Ref: {Displayed: !!ref && shown(ref), HasToggle: !!ref && ref.classList.contains("has-toggle")},
			Toggle: b ? {
				Exists: true, Displayed: shown(b), Tag: b.tagName, Expanded: b.getAttribute("aria-expanded") || "",
				Controls: b.getAttribute("aria-controls") || "", Box: box(b.getBoundingClientRect()),
			} : {Exists: false},
		};
	});
})()`

// notes returns every note of the article body, in document order.
func notes(t *testing.T, ctx context.Context) []noteInfo {
	t.Helper()
	ns := browser.Eval[[]noteInfo](t, ctx, notesJS)
	require.GreaterOrEqual(t, len(ns), wantNotes, "the article has its notes")
	return ns
}

// noteByID returns the note with the id.
func noteByID(t *testing.T, ctx context.Context, id string) noteInfo {
	t.Helper()
	for _, n := range notes(t, ctx) {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("no note #%s", id)
	return noteInfo{}
}

// overlaps reports whether the boxes share some area.
func overlaps(a, b browser.Box) bool {
	return a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom
}

// startNotes builds and serves the sample site, starts a browser with the
// viewport and loads the page (the article, or a path below it such as
// "#note").
func startNotes(t *testing.T, w, h int64, mobile, scripts bool, path string) context.Context {
	t.Helper()
	ctx, base := startCards(t)
	browser.Viewport(t, ctx, w, h, mobile)
	if !scripts {
		browser.DisableScripts(t, ctx, true)
	}
	browser.Navigate(t, ctx, base+noteArticle+path)
	require.Equal(t, []float64{float64(w), float64(h)}, browser.Eval[[]float64](t, ctx,
		`[document.documentElement.clientWidth, window.innerHeight]`), "the page fits the viewport's width")
	require.Equal(t, scripts, browser.Eval[bool](t, ctx, `document.documentElement.classList.contains("js")`),
		"the js class is set exactly when scripts run")
	return ctx
}

func TestBrowserNotesNarrowToggleWithKeyboard(t *testing.T) {
	ctx := startNotes(t, narrowW, narrowH, true, true, "")

	ns := notes(t, ctx)
	for _, n := range ns {
		assert.False(t, n.Displayed, "note %s is hidden at first", n.ID)
		assert.True(t, n.Toggle.Exists, "note %s has a toggle", n.ID)
		assert.True(t, n.Toggle.Displayed, "note %s: its toggle is shown", n.ID)
		assert.Equal(t, "false", n.Toggle.Expanded, "note %s", n.ID)
		assert.True(t, n.Ref.HasToggle, "note %s: its ref is marked has-toggle", n.ID)
		assert.False(t, n.Ref.Displayed, "note %s: its ref link gives way to the toggle", n.ID)
	}

	// Tab from the top of the document, with real key presses, to the
	// first toggle.
	stops := browser.TabFromTop(t, ctx, ".note-toggle", 60)
	require.True(t, browser.Eval[bool](t, ctx, `document.activeElement.matches(".note-toggle")`),
		"Tab reaches a note toggle (stops: %v)", stops)
	focused := browser.Eval[struct{ Tag, Type, Controls, Expanded, Text string }](t, ctx, `(b => ({
		Tag: b.tagName, Type: b.getAttribute("type") || "", Controls: b.getAttribute("aria-controls") || "",
		Expanded: b.getAttribute("aria-expanded") || "", Text: b.textContent.trim()}))(document.activeElement)`)
	assert.Equal(t, "BUTTON", focused.Tag)
	assert.Equal(t, "button", focused.Type)
	assert.Equal(t, "false", focused.Expanded)
	require.NotEmpty(t, focused.Controls)
	require.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`(n => !!n && n.matches(".note"))(document.getElementById(%q))`, focused.Controls)),
		"aria-controls=%q names a note", focused.Controls)
	assert.Equal(t, ns[0].ID, focused.Controls, "the first toggle reached is the first note's")
	id := focused.Controls
	n := noteByID(t, ctx, id)
	assert.Equal(t, n.Num, focused.Text, "the toggle shows the reference's number")
	assert.True(t, n.Toggle.Box.Inside(narrowW, narrowH), "the focused toggle %s is in view", n.Toggle.Box)
	assert.False(t, n.Displayed)

	// Enter opens the note.
	browser.Press(t, ctx, kb.Enter)
	n = noteByID(t, ctx, id)
	assert.True(t, n.Displayed, "Enter shows the note")
	assert.True(t, n.Open, "the note is-open")
	assert.Equal(t, "true", n.Toggle.Expanded, "the toggle is aria-expanded")
	assert.Positive(t, n.Box.Width)
	assert.Positive(t, n.Box.Height)
	assert.GreaterOrEqual(t, n.Box.Left, 0.0, "note %s fits the width", n.Box)
	assert.LessOrEqual(t, n.Box.Right, float64(narrowW), "note %s fits the width", n.Box)
	assert.GreaterOrEqual(t, n.Box.Top, n.Toggle.Box.Bottom-1, "the note opens below its toggle's line")
	assert.True(t, browser.Eval[bool](t, ctx, `document.activeElement.matches(".note-toggle")`), "focus stays on the toggle")
	// Once a card opened by the tabbing has gone, the note is what a reader
	// sees at its centre.
	browser.WaitFor(t, ctx, popupClosed, 2*time.Second, "no card is left open")
	assert.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(`(() => {
		const n = document.getElementById(%q);
		n.scrollIntoView({block: "nearest"});
		const r = n.getBoundingClientRect();
		return n.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
	})()`, id)), "the open note is on top at its centre")
	for _, o := range notes(t, ctx) {
		if o.ID != id {
			assert.False(t, o.Displayed, "only the toggled note opens, not %s", o.ID)
		}
	}

	// Space closes it again.
	require.True(t, browser.Eval[bool](t, ctx, `document.activeElement.matches(".note-toggle")`))
	browser.Press(t, ctx, " ")
	n = noteByID(t, ctx, id)
	assert.False(t, n.Displayed, "Space hides the note")
	assert.False(t, n.Open)
	assert.Equal(t, "false", n.Toggle.Expanded)
	assert.Equal(t, id, browser.Eval[string](t, ctx, `document.activeElement.getAttribute("aria-controls")`),
		"focus stays on the toggle")
}

func TestBrowserNotesWideInMargin(t *testing.T) {
	ctx := startNotes(t, wideW, wideH, false, true, "")
	column := browser.Rect(t, ctx, ".article-body")
	ns := notes(t, ctx)

	// How far below the previous note a pushed-down note may start: the
	// previous one's bottom margin and its own top margin.
	gap := browser.Eval[float64](t, ctx, `(n => { const s = getComputedStyle(n);
		return parseFloat(s.marginBottom) + parseFloat(s.marginTop); })(document.querySelector(".article-body .note"))`)
	const tol = 3.0
	for i, n := range ns {
		assert.True(t, n.Displayed, "note %s is shown", n.ID)
		assert.False(t, n.Toggle.Displayed, "note %s: no toggle on a wide screen", n.ID)
		assert.True(t, n.Ref.Displayed, "note %s: its reference is shown", n.ID)
		assert.Greater(t, n.Box.Left, column.Right, "note %s %s is right of the text column (right edge %.1f)",
			n.ID, n.Box, column.Right)
		assert.LessOrEqual(t, n.Box.Right, float64(wideW), "note %s %s fits the window", n.ID, n.Box)
		assert.GreaterOrEqual(t, n.Box.Top, n.Line.Top-tol, "note %s %s starts no higher than its reference's line %s",
			n.ID, n.Box, n.Line)
		if n.Box.Top > n.Line.Bottom+tol {
			// Below its line: only because the note before it is in the way.
			if assert.Positive(t, i, "the first note %s %s is beside its line %s", n.ID, n.Box, n.Line) {
				prev := ns[i-1]
				assert.LessOrEqual(t, n.Box.Top-prev.Box.Bottom, gap+tol,
					"note %s %s is below its line %s, so right below note %s %s", n.ID, n.Box, n.Line, prev.ID, prev.Box)
			}
		}
	}
	for i, a := range ns {
		for _, b := range ns[i+1:] {
			assert.False(t, overlaps(a.Box, b.Box), "notes %s %s and %s %s overlap", a.ID, a.Box, b.ID, b.Box)
		}
	}
	if t.Failed() {
		for _, n := range ns {
			t.Logf("note %s: box %s, line %s", n.ID, n.Box, n.Line)
		}
	}
}

func TestBrowserNotesTargetOpens(t *testing.T) {
	const id = "distance"
	for _, c := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{
		{"narrow", narrowW, narrowH, true},
		{"wide", wideW, wideH, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := startNotes(t, c.w, c.h, c.mobile, true, "#"+id)
			n := noteByID(t, ctx, id)
			assert.True(t, n.Displayed, "the targeted note is shown")
			assert.True(t, n.Target, "the note is-target")
			require.Positive(t, n.Marks, "the note has marked text")
			assert.Equal(t, n.Marks, n.MarkTgt, "its marks are is-target")
			assert.True(t, n.Box.Top >= -1 && n.Box.Bottom <= float64(c.h)+1,
				"the page scrolled to the note: %s", n.Box)
			if c.mobile {
				assert.True(t, n.Open, "on a phone the targeted note is opened")
				assert.Equal(t, "true", n.Toggle.Expanded, "and its toggle says so")
			}
			for _, o := range notes(t, ctx) {
				if o.ID == id {
					continue
				}
				assert.False(t, o.Target, "only the targeted note is-target, not %s", o.ID)
				assert.Zero(t, o.MarkTgt, "only the targeted note's marks are is-target, not %s's", o.ID)
				if c.mobile {
					assert.False(t, o.Displayed, "on a phone the other notes stay hidden: %s", o.ID)
				}
			}
		})
	}
}

func TestBrowserNotesWithoutJavaScript(t *testing.T) {
	ctx := startNotes(t, narrowW, narrowH, true, false, "")
	for _, n := range notes(t, ctx) {
		assert.True(t, n.Displayed, "note %s is readable without JavaScript", n.ID)
		assert.GreaterOrEqual(t, n.Box.Left, 0.0, "note %s %s fits the width", n.ID, n.Box)
		assert.LessOrEqual(t, n.Box.Right, float64(narrowW), "note %s %s fits the width", n.ID, n.Box)
		assert.False(t, n.Toggle.Exists, "note %s: no toggle without the script", n.ID)
		assert.True(t, n.Ref.Displayed, "note %s: its reference link is shown", n.ID)
	}
}

func TestBrowserNotesScreenReaderText(t *testing.T) {
	ctx := startNotes(t, wideW, wideH, false, true, "")
	for _, n := range notes(t, ctx) {
		assert.Equal(t, "note", n.Role, "note %s has role=note", n.ID)
		require.Positive(t, n.Marks, "note %s has marked text", n.ID)
		assert.Equal(t, "Annotated text, note "+n.Num+": ", n.Hidden,
			"the first mark of note %s starts with hidden text for screen readers", n.ID)
		assert.LessOrEqual(t, n.HiddenBox.Width, 1.0, "note %s: the hidden text takes no room: %s", n.ID, n.HiddenBox)
		assert.LessOrEqual(t, n.HiddenBox.Height, 1.0, "note %s: the hidden text takes no room: %s", n.ID, n.HiddenBox)
	}
	// Visually hidden, but still in the accessibility tree: not display:none
	// or visibility:hidden, which would hide it from screen readers too.
	assert.Equal(t, 0, browser.Eval[int](t, ctx, `Array.from(document.querySelectorAll("mark.anno .visually-hidden"),
		e => getComputedStyle(e)).filter(s => s.display === "none" || s.visibility !== "visible").length`))
}

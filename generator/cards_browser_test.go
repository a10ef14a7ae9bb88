package generator

// Real-browser tests of the glossary cards: the built sample site is served
// on loopback and driven in headless Chromium with real input events (mouse,
// keyboard, touch), so that what runs is assets/gloss.js as a reader's
// browser runs it. Without Chromium they skip (see internal/browser).

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/glossdev/gloss/generator/internal/browser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cardArticle is the sample article with the most mentions.
const cardArticle = "/articles/istanbul-talks-2025/"

// The timings of assets/gloss.js.
const (
	openDelay  = 400 * time.Millisecond
	closeGrace = 300 * time.Millisecond
)

// startCards builds the sample site, serves it and starts a browser. The
// caller sets up the tab (viewport, touch, scripts) and then calls loadCards.
func startCards(t *testing.T) (ctx context.Context, base string) {
	t.Helper()
	ctx = browser.New(t) // first: skips before building when there is no browser
	return ctx, browser.Serve(t, buildSample(t))
}

// loadCards loads the article and starts recording, in page time, when a
// popup is added and removed and when the pointer last entered an element,
// and for each click whether a script prevented its default (following the
// link). The click listener is added after gloss.js's, so it sees its verdict.
func loadCards(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	browser.Navigate(t, ctx, base+cardArticle)
	browser.Eval[chromedp.Void](t, ctx, `(() => {
		const rec = window.__cards = {opened: [], closed: [], over: 0, clicks: []};
		document.addEventListener("click", e => { rec.clicks.push(e.defaultPrevented); });
		const isPopup = n => n.nodeType === 1 && n.classList.contains("card-popup");
		new MutationObserver(ms => {
			for (const m of ms) {
				for (const n of m.addedNodes) if (isPopup(n)) rec.opened.push(performance.now());
				for (const n of m.removedNodes) if (isPopup(n)) rec.closed.push(performance.now());
			}
		}).observe(document.body, {childList: true, subtree: true});
		document.addEventListener("pointerover", () => { rec.over = performance.now(); }, true);
	})()`)
}

// cardTimes is what loadCards records, in milliseconds of page time.
type cardTimes struct {
	Opened []float64 `json:"opened"`
	Closed []float64 `json:"closed"`
	Over   float64   `json:"over"`
	Clicks []bool    `json:"clicks"` // defaultPrevented of each click
}

func recorded(t *testing.T, ctx context.Context) cardTimes {
	t.Helper()
	return browser.Eval[cardTimes](t, ctx, `window.__cards`)
}

// popupState is what the page shows of the card popup.
type popupState struct {
	Open      bool   // a .card-popup is in the document
	Count     int    // how many .card-popup there are
	Owner     string // id of the mention it follows
	Expanded  string // aria-expanded of that mention
	Visible   bool   // it has a size, is displayed and is on top at its centre
	Name      string // its .card-popup-name
	More      string // href of its "Full entry" link
	Role      string
	Placement string // data-placement
	Box       browser.Box
}

const popupJS = `(() => {
	const all = document.querySelectorAll(".card-popup"), p = all[0];
	if (!p) return {Open: false, Count: 0};
	const r = p.getBoundingClientRect(), s = getComputedStyle(p);
	const owner = p.previousElementSibling;
	const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
	const name = p.querySelector(".card-popup-name"), more = p.querySelector("a.card-popup-more");
	return {
		Open: true, Count: all.length,
		Owner: owner && owner.matches("a.mention") ? owner.id : "",
		Expanded: owner ? owner.getAttribute("aria-expanded") || "" : "",
		Visible: r.width > 0 && r.height > 0 && s.display !== "none" && s.visibility === "visible" &&
			Number(s.opacity) > 0 && !!at && p.contains(at),
		Name: name ? name.textContent.trim() : "",
		More: more ? more.href : "",
		Role: p.getAttribute("role") || "",
		Placement: p.getAttribute("data-placement") || "",
		Box: {Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom, Width: r.width, Height: r.height},
	};
})()`

func popup(t *testing.T, ctx context.Context) popupState {
	t.Helper()
	return browser.Eval[popupState](t, ctx, popupJS)
}

// popupOpenFor is a JavaScript condition: the popup is shown for the mention.
func popupOpenFor(id string) string {
	return fmt.Sprintf(`(() => { const p = document.getElementById("card-popup");
		return !!p && p.previousElementSibling === document.getElementById(%q); })()`, id)
}

const popupClosed = `!document.querySelector(".card-popup")`

// mention describes an a.mention of the page.
type mention struct {
	ID, Entry, Href, Text string
	Lines                 []browser.Box // its line boxes, in viewport coordinates
}

// mentions returns every a.mention of the page, in document order.
func mentions(t *testing.T, ctx context.Context) []mention {
	t.Helper()
	ms := browser.Eval[[]mention](t, ctx, `Array.from(document.querySelectorAll("a.mention"), a => ({
		ID: a.id, Entry: a.getAttribute("data-entry"), Href: a.href, Text: a.textContent,
		Lines: Array.from(a.getClientRects(), r => ({Left: r.left, Top: r.top, Right: r.right,
			Bottom: r.bottom, Width: r.width, Height: r.height})),
	}))`)
	require.NotEmpty(t, ms, "the article has mentions")
	return ms
}

// point is where a reader would put the pointer or a finger on the mention:
// the middle of its first line box, which is the mention text even when the
// mention wraps.
func point(t *testing.T, ctx context.Context, id string) (x, y float64) {
	t.Helper()
	lines := browser.Rects(t, ctx, "#"+id)
	require.NotEmpty(t, lines, "mention %s is rendered", id)
	return lines[0].Center()
}

// cardName is the entry's name on its static card under "In this story".
func cardName(t *testing.T, ctx context.Context, entry string) string {
	t.Helper()
	name := browser.Eval[string](t, ctx, fmt.Sprintf(
		`document.querySelector("#card-%s .entry-card-name").textContent.trim()`, entry))
	require.NotEmpty(t, name)
	return name
}

func activeID(t *testing.T, ctx context.Context) string {
	t.Helper()
	return browser.Eval[string](t, ctx, `document.activeElement ? document.activeElement.id : ""`)
}

// assertBeside checks that the popup is placed on the side its
// data-placement says, next to the mention's line box and not over it.
func assertBeside(t *testing.T, p popupState, line browser.Box, name string) {
	t.Helper()
	switch p.Placement {
	case "below":
		assert.GreaterOrEqual(t, p.Box.Top, line.Bottom, "%s: a popup below does not cover the mention", name)
	case "above":
		assert.LessOrEqual(t, p.Box.Bottom, line.Top, "%s: a popup above does not cover the mention", name)
	default:
		t.Errorf("%s: data-placement=%q", name, p.Placement)
	}
}

// hoverOpen moves the mouse onto the mention and waits for its popup.
func hoverOpen(t *testing.T, ctx context.Context, m mention) {
	t.Helper()
	x, y := point(t, ctx, m.ID)
	browser.MouseMove(t, ctx, x, y)
	browser.WaitFor(t, ctx, popupOpenFor(m.ID), 3*time.Second, "popup opens on hover")
}

func TestBrowserCardsHoverOpensAfterDelay(t *testing.T) {
	ctx, base := startCards(t)
	loadCards(t, ctx, base)
	m := mentions(t, ctx)[0]
	want := cardName(t, ctx, m.Entry)

	x, y := point(t, ctx, m.ID)
	require.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`document.elementFromPoint(%f, %f) === document.getElementById(%q)`, x, y, m.ID)),
		"the mention is in view and on top at its centre")
	moved := time.Now()
	browser.MouseMove(t, ctx, x, y)

	time.Sleep(150 * time.Millisecond)
	early := popup(t, ctx)
	assert.False(t, early.Open, "no popup 150 ms into the hover")
	assert.Empty(t, early.Expanded)

	time.Sleep(800*time.Millisecond - time.Since(moved))
	p := popup(t, ctx)
	require.True(t, p.Open, "a popup 800 ms into the hover")
	assert.True(t, p.Visible, "the popup is visible")
	assert.Equal(t, 1, p.Count)
	assert.Equal(t, m.ID, p.Owner, "the popup follows the hovered mention")
	assert.Equal(t, "true", p.Expanded, "the mention is aria-expanded")
	assert.Equal(t, want, p.Name, "the popup names the entry as its static card does")
	assert.Equal(t, "group", p.Role)
	assert.Equal(t, m.Href, p.More, `"Full entry" goes where the mention goes`)
	assertBeside(t, p, m.Lines[0], "hover")

	// In page time: it opened once, the open delay after the pointer arrived.
	rec := recorded(t, ctx)
	require.Len(t, rec.Opened, 1)
	delay := rec.Opened[0] - rec.Over
	assert.GreaterOrEqual(t, delay, float64(openDelay.Milliseconds())-2, "opened %.0f ms after the pointer arrived", delay)
	assert.Less(t, delay, 800.0, "opened %.0f ms after the pointer arrived", delay)
}

func TestBrowserCardsHoverIntoPopupKeepsItOpen(t *testing.T) {
	ctx, base := startCards(t)
	loadCards(t, ctx, base)
	m := mentions(t, ctx)[0]
	hoverOpen(t, ctx, m)

	mx, _ := point(t, ctx, m.ID)
	line := m.Lines[0]
	p := popup(t, ctx)
	box := p.Box
	assertBeside(t, p, line, "hover")
	// From the mention, across the gap, into the popup: down to one below
	// it, up to one above it.
	x := min(max(mx, box.Left+10), box.Right-10)
	edge, gap, inside := line.Bottom-1, (line.Bottom+box.Top)/2, box.Top+12
	if p.Placement == "above" {
		edge, gap, inside = line.Top+1, (box.Bottom+line.Top)/2, box.Bottom-12
	}
	browser.MouseMove(t, ctx, x, edge)
	browser.MouseMove(t, ctx, x, gap)
	require.False(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`(e => !!e && (e.closest("#card-popup, #%s") !== null))(document.elementFromPoint(%f, %f))`, m.ID, x, gap)),
		"the point between is on neither the mention nor the popup")
	browser.MouseMove(t, ctx, x, inside)
	require.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`document.getElementById("card-popup").contains(document.elementFromPoint(%f, %f))`, x, inside)),
		"the pointer is over the popup")

	time.Sleep(2*closeGrace + 100*time.Millisecond)
	p = popup(t, ctx)
	require.True(t, p.Open, "the popup stays open while the pointer is on it")
	assert.Equal(t, m.ID, p.Owner)
	assert.Equal(t, "true", p.Expanded)
	assert.Len(t, recorded(t, ctx).Opened, 1, "it was never closed and reopened")

	// Far away: it closes, but only after the grace period.
	far := browser.Eval[[]float64](t, ctx, `[window.innerWidth - 4, window.innerHeight - 4]`)
	require.False(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`(e => !!e && (e.closest("#card-popup, #%s") !== null))(document.elementFromPoint(%f, %f))`, m.ID, far[0], far[1])),
		"far away is on neither the mention nor the popup")
	browser.MouseMove(t, ctx, far[0], far[1])
	time.Sleep(closeGrace / 3)
	assert.True(t, popup(t, ctx).Open, "still open during the grace period")
	browser.WaitFor(t, ctx, popupClosed, 2*time.Second, "popup closes once the pointer has left")
	assert.Empty(t, browser.Eval[string](t, ctx, fmt.Sprintf(
		`document.getElementById(%q).getAttribute("aria-expanded") || ""`, m.ID)), "aria-expanded is removed")
	rec := recorded(t, ctx)
	require.Len(t, rec.Closed, 1)
	grace := rec.Closed[0] - rec.Over
	assert.GreaterOrEqual(t, grace, float64(closeGrace.Milliseconds())-2, "closed %.0f ms after the pointer left", grace)
}

func TestBrowserCardsEscapeCloses(t *testing.T) {
	ctx, base := startCards(t)
	loadCards(t, ctx, base)
	ms := mentions(t, ctx)
	m, next := ms[0], ms[1]

	browser.Do(t, ctx, chromedp.Focus(chromedp.ID(m.ID)))
	browser.WaitFor(t, ctx, popupOpenFor(m.ID), time.Second, "popup opens on focus")
	require.Equal(t, m.ID, activeID(t, ctx))

	browser.Press(t, ctx, kb.Escape)
	p := popup(t, ctx)
	assert.False(t, p.Open, "Escape closes the popup")
	assert.Equal(t, m.ID, activeID(t, ctx), "focus stays on the mention")
	assert.Empty(t, browser.Eval[string](t, ctx, fmt.Sprintf(
		`document.getElementById(%q).getAttribute("aria-expanded") || ""`, m.ID)))

	// Dismissed means dismissed: it does not come back by itself.
	time.Sleep(openDelay + 100*time.Millisecond)
	assert.False(t, popup(t, ctx).Open, "the popup stays closed")
	assert.Equal(t, m.ID, activeID(t, ctx))

	// But only while focus stays: Tab to the next mention and back, and
	// each shows its own card again.
	browser.Press(t, ctx, kb.Tab)
	require.Equal(t, next.ID, activeID(t, ctx), "Tab goes on to the next mention")
	browser.WaitFor(t, ctx, popupOpenFor(next.ID), time.Second, "the next mention's popup opens on focus")
	browser.Do(t, ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
	require.Equal(t, m.ID, activeID(t, ctx), "Shift+Tab goes back to the dismissed mention")
	browser.WaitFor(t, ctx, popupOpenFor(m.ID), time.Second, "its popup opens again on focus")
	p = popup(t, ctx)
	assert.Equal(t, 1, p.Count)
	assert.Equal(t, "true", p.Expanded)
	assert.Empty(t, browser.Eval[string](t, ctx, fmt.Sprintf(
		`document.getElementById(%q).getAttribute("aria-expanded") || ""`, next.ID)), "the next mention is no longer expanded")
}

func TestBrowserCardsTabFocusOpens(t *testing.T) {
	ctx, base := startCards(t)
	loadCards(t, ctx, base)
	first := mentions(t, ctx)[0]
	stops := browser.TabFromTop(t, ctx, "a.mention", 20)
	require.Equal(t, first.ID, activeID(t, ctx), "Tab reaches the first mention (stops: %v)", stops)

	browser.WaitFor(t, ctx, popupOpenFor(first.ID), time.Second, "popup opens on keyboard focus")
	p := popup(t, ctx)
	assert.True(t, p.Visible)
	assert.Equal(t, "true", p.Expanded, "the focused mention is aria-expanded")
	assert.Equal(t, cardName(t, ctx, first.Entry), p.Name)

	// The next Tab goes into the popup, to its "Full entry" link.
	browser.Press(t, ctx, kb.Tab)
	assert.True(t, browser.Eval[bool](t, ctx, `document.activeElement.matches("#card-popup a.card-popup-more")`),
		`Tab moves into the popup's "Full entry" link`)
	time.Sleep(closeGrace + 200*time.Millisecond)
	p = popup(t, ctx)
	assert.True(t, p.Open, "the popup stays open while focus is in it")
	assert.Equal(t, first.ID, p.Owner)
	assert.Equal(t, "true", p.Expanded)
	assert.True(t, browser.Eval[bool](t, ctx, `document.activeElement.matches("#card-popup a.card-popup-more")`))

	// Escape from inside the popup closes it and puts focus back on the
	// mention, so that it is not lost with the popup.
	browser.Press(t, ctx, kb.Escape)
	assert.False(t, popup(t, ctx).Open)
	assert.Equal(t, first.ID, activeID(t, ctx))
}

func TestBrowserCardsTouchTapOpensThenFollows(t *testing.T) {
	ctx, base := startCards(t)
	browser.Touch(t, ctx, true)
	loadCards(t, ctx, base)
	require.True(t, browser.Eval[bool](t, ctx, `navigator.maxTouchPoints > 0`), "touch emulation is on")
	m := mentions(t, ctx)[0]
	page := browser.Location(t, ctx)

	x, y := point(t, ctx, m.ID)
	browser.Tap(t, ctx, x, y)
	browser.WaitFor(t, ctx, popupOpenFor(m.ID), 2*time.Second, "popup opens on the first tap")
	assert.Equal(t, []bool{true}, recorded(t, ctx).Clicks, "the first tap's click is kept from following the link")
	time.Sleep(300 * time.Millisecond)
	assert.Equal(t, page, browser.Location(t, ctx), "the first tap does not follow the link")
	p := popup(t, ctx)
	assert.True(t, p.Visible)
	assert.Equal(t, "true", p.Expanded)
	assert.Equal(t, cardName(t, ctx, m.Entry), p.Name)

	// The second tap, on the same mention.
	require.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`document.elementFromPoint(%f, %f) === document.getElementById(%q)`, x, y, m.ID)),
		"the popup leaves the mention free to tap again")
	browser.Tap(t, ctx, x, y)
	entry := "/glossary/" + m.Entry + "/"
	browser.WaitFor(t, ctx, fmt.Sprintf(`location.pathname.endsWith(%q) && document.readyState !== "loading"`, entry),
		5*time.Second, "the second tap follows the link")
	assert.True(t, strings.HasSuffix(browser.Location(t, ctx), entry))
}

func TestBrowserCardsStayInsideSmallViewport(t *testing.T) {
	const w, h = 320, 640
	ctx, base := startCards(t)
	browser.Viewport(t, ctx, w, h, true)
	loadCards(t, ctx, base)
	require.Equal(t, []float64{w, h}, browser.Eval[[]float64](t, ctx,
		`[document.documentElement.clientWidth, window.innerHeight]`), "the page fits the phone's width")

	ms := mentions(t, ctx)
	left, right := ms[0], ms[0]
	for _, m := range ms {
		if m.Lines[0].Left < left.Lines[0].Left {
			left = m
		}
		if m.Lines[0].Right > right.Lines[0].Right {
			right = m
		}
	}
	// For the top and the bottom of the screen, one-line mentions away
	// from the ends.
	var oneLine []mention
	for _, m := range ms[len(ms)/2:] {
		if len(m.Lines) == 1 && m.ID != left.ID && m.ID != right.ID {
			oneLine = append(oneLine, m)
		}
	}
	require.GreaterOrEqual(t, len(oneLine), 2)
	top, bottom := oneLine[0], oneLine[1]

	check := func(name string, m mention, scroll string) browser.Box {
		t.Helper()
		// Each check opens a popup of its own: none is left from before.
		browser.Eval[chromedp.Void](t, ctx, `document.activeElement && document.activeElement.blur()`)
		browser.WaitFor(t, ctx, popupClosed, time.Second, name+": the previous popup closes")
		browser.Eval[chromedp.Void](t, ctx, fmt.Sprintf(`(() => {
			const a = document.getElementById(%q);
			%s
			a.focus({preventScroll: true});
		})()`, m.ID, scroll))
		browser.WaitFor(t, ctx, popupOpenFor(m.ID), time.Second, name+": popup opens on focus")
		line := browser.Rects(t, ctx, "#"+m.ID)[0]
		p := popup(t, ctx)
		assert.Equal(t, 1, p.Count, name)
		assert.True(t, p.Visible, name)
		assert.True(t, p.Box.Inside(w, h), "%s (%s, line %s): popup %s is not inside %d×%d",
			name, m.ID, line, p.Box, w, h)
		assertBeside(t, p, line, name)
		return line
	}
	center := `a.scrollIntoView({block: "center", inline: "nearest"});`
	check("leftmost", left, center)
	check("rightmost", right, center)
	line := check("top", top, `window.scrollBy(0, a.getBoundingClientRect().top);`)
	assert.InDelta(t, 0, line.Top, 1, "the mention is at the very top of the viewport")
	assert.Equal(t, "below", popup(t, ctx).Placement, "room below: the popup goes below")
	line = check("bottom", bottom, `window.scrollBy(0, a.getBoundingClientRect().bottom - window.innerHeight);`)
	assert.InDelta(t, h, line.Bottom, 1, "the mention is at the very bottom of the viewport")
	assert.Equal(t, "above", popup(t, ctx).Placement, "no room below: the popup goes above")
}

func TestBrowserCardsWithoutJavaScript(t *testing.T) {
	ctx, base := startCards(t)
	browser.DisableScripts(t, ctx, true)
	loadCards(t, ctx, base)
	require.True(t, browser.Eval[bool](t, ctx, `!!document.querySelector('script[src*="gloss."][src$=".js"]')`),
		"the page does include gloss.js; it just may not run")
	m := mentions(t, ctx)[0]
	name := cardName(t, ctx, m.Entry)

	// Hover long enough and focus: nothing happens without the script.
	x, y := point(t, ctx, m.ID)
	browser.MouseMove(t, ctx, x, y)
	browser.Do(t, ctx, chromedp.Focus(chromedp.ID(m.ID)))
	time.Sleep(openDelay + 300*time.Millisecond)
	assert.False(t, popup(t, ctx).Open, "no popup without JavaScript")
	assert.Empty(t, browser.Eval[string](t, ctx, fmt.Sprintf(
		`document.getElementById(%q).getAttribute("aria-expanded") || ""`, m.ID)))
	assert.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`(c => !!c && c.getBoundingClientRect().height > 0)(document.getElementById("card-%s"))`, m.Entry)),
		"the static card is there instead")

	x, y = point(t, ctx, m.ID)
	require.True(t, browser.Eval[bool](t, ctx, fmt.Sprintf(
		`document.elementFromPoint(%f, %f) === document.getElementById(%q)`, x, y, m.ID)))
	browser.Click(t, ctx, x, y)
	entry := "/glossary/" + m.Entry + "/"
	browser.WaitFor(t, ctx, fmt.Sprintf(`location.pathname.endsWith(%q)`, entry), 5*time.Second, "a click follows the link")
	assert.True(t, strings.HasSuffix(browser.Location(t, ctx), entry))
	browser.WaitFor(t, ctx, `document.readyState === "complete"`, 5*time.Second, "the entry page loads")
	assert.Equal(t, name, browser.Eval[string](t, ctx, `document.querySelector("h1").textContent.trim()`),
		"the entry page is the mentioned entry's")
	assert.False(t, popup(t, ctx).Open, "no popup on the entry page either")
}

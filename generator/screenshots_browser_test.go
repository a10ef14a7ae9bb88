package generator

// Screenshots of the sample article as a reader sees it, on a phone and on a
// desktop, in light and dark mode, each with a glossary card and a note
// open. They are saved to $GLOSS_SCREENSHOTS (the README's pictures live in
// .github/readme) or else to a temporary folder, and checked to be PNGs of
// the viewport's size. Without Chromium the test skips (see
// internal/browser).

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/glossdev/gloss/generator/internal/browser"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBrowserScreenshots(t *testing.T) {
	ctx, base := startCards(t)
	dir := os.Getenv("GLOSS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else {
		require.NoError(t, os.MkdirAll(dir, 0o755))
	}
	t.Log("screenshots in", dir)

	for _, size := range []struct {
		w, h   int64
		mobile bool
	}{
		{narrowW, narrowH, true},
		{wideW, wideH, false},
	} {
		for _, scheme := range []string{"light", "dark"} {
			name := fmt.Sprintf("article-%d-%s.png", size.w, scheme)
			t.Run(name, func(t *testing.T) {
				browser.Viewport(t, ctx, size.w, size.h, size.mobile)
				// The pointer out of the way, so that no hover opens a card.
				browser.MouseMove(t, ctx, 1, 1)
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				}); err != nil {
					t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
				}
				browser.Navigate(t, ctx, base+noteArticle)
				require.Equal(t, scheme == "dark", browser.Eval[bool](t, ctx,
					`matchMedia("(prefers-color-scheme: dark)").matches`), "the page sees the %s scheme", scheme)
				require.Equal(t, float64(size.w), browser.Eval[float64](t, ctx, `document.documentElement.clientWidth`))

				// On a phone: the first note's paragraph near the top, and a
				// click on the note's toggle. On a desktop every note is in
				// the margin already: the top of the article.
				note := ""
				if size.mobile {
					note = browser.Eval[string](t, ctx, `document.querySelector(".article-body .note").id`)
					browser.Eval[chromedp.Void](t, ctx, fmt.Sprintf(`window.scrollTo(0,
						document.getElementById(%q).closest("p").getBoundingClientRect().top + scrollY - 40)`, note))
					x, y := browser.Rect(t, ctx, fmt.Sprintf(`.note-toggle[aria-controls=%q]`, note)).Center()
					browser.Click(t, ctx, x, y)
					browser.WaitFor(t, ctx, fmt.Sprintf(`document.getElementById(%q).classList.contains("is-open")`, note),
						time.Second, "the note opens on a click of its toggle")
				} else {
					browser.Eval[chromedp.Void](t, ctx, `window.scrollTo(0, 0)`)
				}
				w, h := float64(size.w), float64(size.h)
				var shown []noteInfo
				for _, n := range notes(t, ctx) {
					if n.Displayed && n.Box.Inside(w, h) && (note == "" || n.ID == note) {
						shown = append(shown, n)
					}
				}
				require.NotEmpty(t, shown, "a note is shown, in view")

				// The card of the first mention in view whose card, opened
				// by focusing the mention, is in view and hides no note.
				var card popupState
				for _, m := range mentions(t, ctx) {
					if !m.Lines[0].Inside(w, h) {
						continue
					}
					browser.Eval[chromedp.Void](t, ctx, fmt.Sprintf(
						`document.getElementById(%q).focus({preventScroll: true})`, m.ID))
					browser.WaitFor(t, ctx, popupOpenFor(m.ID), time.Second, "the card opens on focus")
					p := popup(t, ctx)
					if !p.Visible || !p.Box.Inside(w, h) || slices.ContainsFunc(shown, func(n noteInfo) bool {
						return overlaps(p.Box, n.Box)
					}) {
						continue
					}
					card = p
					break
				}
				require.True(t, card.Open, "some mention in view has a card that is in view and hides no note")
				for _, n := range shown {
					t.Logf("note %s at %s", n.ID, n.Box)
				}
				t.Logf("card of %s at %s", card.Owner, card.Box)

				path := filepath.Join(dir, name)
				browser.Screenshot(t, ctx, path)
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				img, err := png.Decode(bytes.NewReader(data))
				require.NoError(t, err, "%s is a PNG", name)
				// At device scale factor 1 a CSS pixel is a pixel.
				assert.Equal(t, int(size.w), img.Bounds().Dx(), "%s: width", name)
				assert.Equal(t, int(size.h), img.Bounds().Dy(), "%s: height", name)
				// Small enough for the README.
				assert.Less(t, len(data), 400<<10, "%s: %d KB", name, len(data)>>10)
				t.Logf("%s: %d×%d, %d KB", name, img.Bounds().Dx(), img.Bounds().Dy(), len(data)>>10)
			})
		}
	}
}

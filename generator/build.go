package generator

import (
	"context"
	"fmt"
	"time"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/scratch"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/output"
	"github.com/glossdev/gloss/generator/render"
	"github.com/glossdev/gloss/generator/search"
	"github.com/glossdev/gloss/generator/theme"
)

// Result describes a finished build or check.
type Result struct {
	// Pages is the number of HTML pages, Files the number of files written
	// (pages, assets and the marker).
	Pages, Files int
	// Unchanged is how many of the files had the same bytes in the output
	// folder's previous build, and were kept as they were (the same file,
	// with its modification time) instead of written again.
	Unchanged int
	Duration  time.Duration
	// Warnings are problems that did not fail the build, sorted.
	Warnings []diag.Diagnostic
}

// Build builds the site in the folder src. Content problems are returned
// together as a *diag.Errors; other errors (unwritable output, interrupted
// builds) are returned as they are. When Build fails, the previous output
// folder is left as it was.
//
// With the built-in templates, each article's HTML and text wait between
// the link stage and the render in a scratch file in the temporary folder
// (os.TempDir, $TMPDIR on Unix), rather than all in memory. The file's
// name is removed as soon as it is made (on Windows, when the build ends);
// a value the file cannot take stays in memory.
func Build(ctx context.Context, src string, opts ...Option) (*Result, error) {
	start := time.Now()
	o, closeFS, err := newOptions(src, opts)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", src, err)
	}
	defer closeFS()
	if err := output.Check(o.out, src); err != nil {
		return nil, err
	}
	// Each article's HTML and text wait in a scratch file from the link
	// stage until their page and the search index read them back; without
	// one (no usable temporary folder), they wait in memory.
	if o.scratch == nil {
		if sf, err := scratch.Create(""); err == nil {
			// Closing removes the file where its name could not be
			// removed at once; nothing else is left to report.
			defer sf.Close()
			o.scratch = sf
		}
	}
	diags := &diag.List{}
	site, r := prepare(o, diags)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	w, err := output.Begin(o.out)
	if err != nil {
		return nil, err
	}
	if o.failErr != nil {
		w.WithFailingWrites(o.failAt, o.failErr)
	}
	total := r.Files(site)
	r.Transient = true // the writer writes each file out and keeps nothing
	r.Consume = true   // nothing uses the site after the render
	emit := func(name string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.Write(name, data); err != nil {
			return err
		}
		if o.progress != nil {
			o.progress(w.Files(), total)
		}
		return nil
	}
	if err := r.Render(site, emit, diags); err != nil {
		w.Abort()
		return nil, err
	}
	if err := diags.Err(); err != nil {
		w.Abort()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		w.Abort()
		return nil, err
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	return &Result{
		Pages:     r.NumPages(site),
		Files:     w.Files() + 1,
		Unchanged: w.Unchanged(),
		Duration:  time.Since(start),
		Warnings:  diags.Warnings(),
	}, nil
}

// Check runs every stage of a build but the writing, and returns what a build
// would report plus the warnings: the errors and warnings, sorted.
func Check(ctx context.Context, src string, opts ...Option) ([]diag.Diagnostic, error) {
	o, closeFS, err := newOptions(src, opts)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", src, err)
	}
	defer closeFS()
	diags := &diag.List{}
	o.check = true
	site, r := prepare(o, diags)
	if site != nil && !diags.HasErrors() {
		discard := func(string, []byte) error { return ctx.Err() }
		if err := r.Render(site, discard, diags); err != nil {
			return nil, err
		}
	}
	return diags.Sorted(), nil
}

// Site is a built site held in memory: every output file by its path.
type Site struct {
	Files    map[string][]byte
	Pages    int
	Warnings []diag.Diagnostic
}

// Generate builds the site in src into memory, for previews and tests: the
// first build of a new Builder. Errors are as for Build.
func Generate(ctx context.Context, src string, opts ...Option) (*Site, error) {
	res, err := NewBuilder(src, opts...).Build(ctx)
	if err != nil {
		return nil, err
	}
	return res.Site, nil
}

// prepare runs the load and link stages and readies the renderer. Problems
// go to diags; the results are nil when the site cannot be rendered.
func prepare(o *options, diags *diag.List) (*link.Site, *render.Renderer) {
	th := theme.New(o.siteFS, o.defaults)
	tplFiles, err := th.Files(theme.TemplatesDir)
	if err != nil {
		diags.Add(diag.Diagnostic{Path: theme.TemplatesDir, Msg: "cannot read: " + err.Error()})
	}
	assetFiles, err := th.Files(theme.AssetsDir)
	if err != nil {
		diags.Add(diag.Diagnostic{Path: theme.AssetsDir, Msg: "cannot read: " + err.Error()})
	}
	tpls := render.ParseTemplates(tplFiles, diags, render.WithCompact(o.minify))

	loaded := content.Load(o.siteFS, content.Options{BaseURL: o.baseURL, Drafts: o.drafts, Cache: o.loaded, Changes: o.changes}, diags)
	if loaded.Config == nil || tpls == nil {
		if !diags.HasErrors() {
			// Every reason to stop is reported; this is a last guard.
			diags.Add(diag.Diagnostic{Path: "content/site.yaml", Msg: "the site cannot be built"})
		}
		return nil, nil
	}
	lo := link.Options{Check: o.check, Cache: o.cache, ReleaseSources: o.cache == nil}
	if o.cache == nil && tpls.Builtin() {
		// The built-in templates show an article's body only on its page
		// and in the feed, and its text nowhere.
		lo.Scratch = o.scratch
	}
	site := link.Link(loaded, diags, lo)
	var mf *render.Minifier
	if o.minify {
		mf = render.NewMinifier()
	}
	// Pages are compact from their templates; only the assets, written
	// once, go through the minifier.
	return site, &render.Renderer{Templates: tpls, Assets: render.NewAssets(assetFiles, mf), Outputs: []render.Output{search.Output{Options: search.Options{Cache: o.search}}}}
}

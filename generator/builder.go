package generator

import (
	"context"
	"fmt"
	"time"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/search"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/render"
)

// Builder rebuilds one site in memory again and again, for previews. Each
// rebuild converts only the documents whose inputs changed and executes
// templates only for the pages whose inputs changed; the result is the same,
// byte for byte, as a full build. A Builder is not safe for concurrent use.
type Builder struct {
	src    string
	opts   []Option
	cache  link.Cache
	loaded content.Cache
	search search.Cache
	memo   render.Memo
	// pending holds changes reported for builds that stopped before they
	// loaded the site; unknown tells that one of them was a build whose
	// changes were not known.
	pending content.Changes
	unknown bool
	// files is how many files the last build made.
	files int
}

// NewBuilder returns a Builder for the site in src.
func NewBuilder(src string, opts ...Option) *Builder {
	return &Builder{src: src, opts: opts}
}

// Rebuild is the outcome of one Builder.Build.
type Rebuild struct {
	Site *Site
	// Converted and Rendered count the documents converted and the files
	// rendered (pages and articles' notes files); the rest were reused.
	Converted, Rendered int
	// Changed lists the files whose bytes changed since the previous
	// successful build.
	Changed  []string
	Duration time.Duration
}

// Build rebuilds the site. Errors are as for Build; after a failed build the
// next one still reuses what the last good one made.
func (b *Builder) Build(ctx context.Context) (*Rebuild, error) {
	return b.BuildChanged(ctx, nil)
}

// BuildChanged rebuilds the site after the changes a file watcher saw since
// the last build: the paths, relative to the site folder and
// slash-separated, of the files and folders written, created, removed or
// renamed. The content folders are then not listed again, nor the files
// that did not change looked at. nil says that the changes are not known
// (a first build, a watcher that lost events), as Build does.
func (b *Builder) BuildChanged(ctx context.Context, changed []string) (*Rebuild, error) {
	start := time.Now()
	if changed == nil {
		b.unknown = true
	}
	b.pending = append(b.pending, changed...)
	o, closeFS, err := newOptions(b.src, b.opts)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", b.src, err)
	}
	defer closeFS()
	o.cache, o.loaded, o.search = &b.cache, &b.loaded, &b.search
	o.changes = append(content.Changes{}, b.pending...)
	if b.unknown {
		o.changes = nil
	}
	b.pending, b.unknown = nil, false // the load below takes them in
	diags := &diag.List{}
	site, r := prepare(o, diags)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	converted := b.cache.Misses
	r.Memo = &b.memo
	// Room for the files of the last build, which a rebuild mostly has
	// again.
	files := newFileMap(b.files)
	if err := r.Render(site, files.put(ctx), diags); err != nil {
		return nil, err
	}
	if err := diags.Err(); err != nil {
		return nil, err
	}
	b.files = len(files.m)
	return &Rebuild{
		Site:      &Site{Files: files.m, Pages: r.NumPages(site), Warnings: diags.Warnings()},
		Converted: converted,
		Rendered:  b.memo.Rendered,
		Changed:   b.memo.Changed,
		Duration:  time.Since(start),
	}, nil
}

// Package generator builds a gloss site: a folder of Markdown explainers and
// a glossary of people, places, organizations and events, written out as a
// cross-linked static site.
//
// A build runs four stages, each its own package, with data flowing one way:
//
//	content (load)  → read site.yaml, articles and entries; check front matter
//	link            → convert Markdown, resolve links, mentions and notes; build the site graph
//	render          → execute the templates for every page
//	output (write)  → write into a temporary folder and swap it in whole
//
// Every content problem is collected as a diag.Diagnostic; a build with
// errors writes nothing.
package generator

import (
	"io/fs"
	"path/filepath"

	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/internal/scratch"
	"github.com/glossdev/gloss/generator/internal/sitefs"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/search"
)

// Option configures a build.
type Option func(*options)

type options struct {
	out      string
	baseURL  string
	drafts   bool
	defaults fs.FS
	siteFS   fs.FS
	failAt   int64
	failErr  error
	progress func(done, total int)
	check    bool
	cache    *link.Cache
	loaded   *content.Cache
	changes  content.Changes
	search   *search.Cache
	minify   bool
	// scratch is where a one-shot build keeps articles' HTML and text
	// (see link.Options.Scratch); Build makes one in the temporary folder
	// unless a test gives its own.
	scratch *scratch.File
}

// WithOutput sets the output folder. The default is "public" inside the site
// folder.
func WithOutput(dir string) Option { return func(o *options) { o.out = dir } }

// WithBaseURL overrides site.yaml's baseURL.
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = u } }

// WithMinify turns compact output on (the default) or off, for readable
// output: pages from templates without their indentation, minified CSS and
// JavaScript.
func WithMinify(on bool) Option { return func(o *options) { o.minify = on } }

// WithDrafts includes articles marked draft: true.
func WithDrafts(on bool) Option { return func(o *options) { o.drafts = on } }

// WithDefaults sets the built-in theme: a file system holding templates/ and
// assets/ folders that a site's own folders override file by file.
func WithDefaults(fsys fs.FS) Option { return func(o *options) { o.defaults = fsys } }

// WithSiteFS reads the site from fsys instead of the site folder on disk;
// the site folder is still where the default output folder goes.
func WithSiteFS(fsys fs.FS) Option { return func(o *options) { o.siteFS = fsys } }

// WithProgress calls fn after each file a build writes, with the number of
// files written so far and in all. fn may be called from several goroutines.
func WithProgress(fn func(done, total int)) Option { return func(o *options) { o.progress = fn } }

// withScratch gives a one-shot build its scratch file, which it does not
// close; for tests.
func withScratch(f *scratch.File) Option { return func(o *options) { o.scratch = f } }

// withFailingWrites makes writes after the first n fail; for tests.
func withFailingWrites(n int64, err error) Option {
	return func(o *options) { o.failAt, o.failErr = n, err }
}

func newOptions(src string, opts []Option) (*options, func(), error) {
	o := &options{minify: true}
	for _, opt := range opts {
		opt(o)
	}
	if o.out == "" {
		o.out = filepath.Join(src, "public")
	}
	closeFS := func() {}
	if o.siteFS == nil {
		site, err := sitefs.Open(src)
		if err != nil {
			return nil, nil, err
		}
		o.siteFS = site
		closeFS = func() { site.Close() }
	}
	return o, closeFS, nil
}

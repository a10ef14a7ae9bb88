// Command gloss builds annotated explainer sites: Markdown articles whose
// mentions of people, places, organizations and events link to a glossary,
// with cards on hover and notes in the margin.
//
// Usage:
//
//	gloss build [-src DIR] [-out DIR] [-base-url URL] [-drafts]
//	gloss serve [-src DIR] [-addr 127.0.0.1:8080] [-drafts]
//	gloss check [-src DIR] [-format text|github|json] [-strict]
//	gloss new article|person|place|organization|event "Title or Name"
//
// Run gloss -h for more.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/glossdev/gloss/generator"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/serve"
)

// defaultTheme holds the built-in templates and assets, so that an installed
// gloss builds any site folder; a site's own folders override them.
//
//go:embed templates assets
var defaultTheme embed.FS

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // content errors, or the build could not be written
	exitUsage  = 2 // bad command line
)

const usage = `gloss builds annotated explainer sites.

Usage:
  gloss build [-src DIR] [-out DIR] [-base-url URL] [-drafts] [-minify=false]
  gloss serve [-src DIR] [-addr 127.0.0.1:8080] [-drafts] [-minify=false]
  gloss check [-src DIR] [-format text|github|json] [-strict]
  gloss new article|person|place|organization|event "Title or Name"

Commands:
  build   build the site in -src into -out (default: public inside -src)
  serve   preview the site with live reload while you edit it
  check   report every error and warning a build would, without writing
  new     start a new article or glossary entry

Run gloss COMMAND -h for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "gloss: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
}

func newFlags(name, synopsis, about string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet("gloss "+name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "Usage: gloss %s %s\n\n%s\n\n", name, synopsis, about)
		fl.PrintDefaults()
	}
	return fl
}

// siteFlags adds the flags every command that reads a site has.
func siteFlags(fl *flag.FlagSet, draftsDefault bool, draftsUsage string) (src *string, drafts *bool) {
	src = fl.String("src", ".", "site folder (holding content/site.yaml)")
	drafts = fl.Bool("drafts", draftsDefault, draftsUsage)
	return src, drafts
}

// parseFlags parses args; done reports that the command should stop with code.
func parseFlags(fl *flag.FlagSet, args []string, maxArgs int) (code int, done bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	if fl.NArg() > maxArgs {
		fmt.Fprintf(fl.Output(), "%s: unexpected argument %q\n", fl.Name(), fl.Arg(maxArgs))
		fl.Usage()
		return exitUsage, true
	}
	return 0, false
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("build", "[-src DIR] [-out DIR] [-base-url URL] [-drafts]",
		"Builds the site into the output folder, replacing it whole only when the build succeeds.", stderr)
	src, drafts := siteFlags(fl, false, "include articles marked draft: true")
	out := fl.String("out", "", "output folder (default: public inside -src)")
	baseURL := fl.String("base-url", "", "absolute URL the site is published at; overrides baseURL in site.yaml")
	minify := fl.Bool("minify", true, "compact HTML, minify CSS and JavaScript; -minify=false for readable output")
	if code, done := parseFlags(fl, args, 0); done {
		return code
	}
	outDir := *out
	if outDir == "" {
		outDir = filepath.Join(*src, "public")
	}
	defer oneShotGC()()
	prog := newProgress(stdout)
	res, err := generator.Build(ctx, *src,
		generator.WithOutput(outDir),
		generator.WithBaseURL(*baseURL),
		generator.WithDrafts(*drafts),
		generator.WithMinify(*minify),
		generator.WithDefaults(theme()),
		generator.WithProgress(prog.update),
	)
	prog.done()
	if err != nil {
		return reportFailure(stderr, err)
	}
	printWarnings(stderr, res.Warnings)
	unchanged := ""
	if res.Unchanged > 0 {
		unchanged = fmt.Sprintf(", %d unchanged", res.Unchanged)
	}
	fmt.Fprintf(stdout, "built %d pages (%d files%s) into %s in %s\n",
		res.Pages, res.Files, unchanged, outDir, res.Duration.Round(time.Millisecond))
	return exitOK
}

// oneShotGOGC is the garbage collector's GOGC for a one-shot build or
// check, in place of Go's default of 100: the process ends with it, so it
// trades some memory for speed and collects when the heap has grown by 130%
// of what was live, not 100%. On a site of 10,000 articles a build is
// about 4% faster, and its peak memory about 45 MB higher, well under the
// 400 MB that issue #8 allows (150% saves 1.5% more for 20 MB more, too
// close to it; BENCHMARKS.md).
const oneShotGOGC = 130

// oneShotGC sets the garbage collector for a one-shot build or check,
// unless the environment sets GOGC, and returns the function that sets it
// back.
func oneShotGC() (restore func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(oneShotGOGC)
	return func() { debug.SetGCPercent(old) }
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check", "[-src DIR] [-format text|github|json] [-strict]",
		"Reports every error a build would, and warnings, without writing anything.\n"+
			"Exits 1 when there are errors (or, with -strict, warnings).", stderr)
	src, drafts := siteFlags(fl, true, "check articles marked draft: true too")
	format := fl.String("format", "text", "output format: text, github (workflow commands) or json")
	strict := fl.Bool("strict", false, "fail on warnings too")
	if code, done := parseFlags(fl, args, 0); done {
		return code
	}
	write := map[string]func(io.Writer, []diag.Diagnostic) error{
		"text": diag.WriteText, "github": diag.WriteGitHub, "json": diag.WriteJSON,
	}[*format]
	if write == nil {
		fmt.Fprintf(stderr, "gloss check: -format: want text, github or json, got %q\n", *format)
		return exitUsage
	}
	defer oneShotGC()()
	ds, err := generator.Check(ctx, *src, generator.WithDefaults(theme()), generator.WithDrafts(*drafts))
	if err != nil {
		fmt.Fprintf(stderr, "gloss: %v\n", err)
		return exitFailed
	}
	if err := write(stdout, ds); err != nil {
		fmt.Fprintf(stderr, "gloss: %v\n", err)
		return exitFailed
	}
	errs, warns := 0, 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	if *format == "text" {
		fmt.Fprintf(stderr, "gloss check: %d errors, %d warnings\n", errs, warns)
	}
	if errs > 0 || (*strict && warns > 0) {
		return exitFailed
	}
	return exitOK
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("new", `[-src DIR] article|person|place|organization|event "Title or Name"`,
		"Writes a new content file with its front matter filled in and prints its path.", stderr)
	src := fl.String("src", ".", "site folder (holding content/site.yaml)")
	if code, done := parseFlags(fl, args, 2); done {
		return code
	}
	if fl.NArg() != 2 {
		fl.Usage()
		return exitUsage
	}
	path, err := generator.New(*src, fl.Arg(0), fl.Arg(1), time.Now())
	switch {
	case errors.Is(err, generator.ErrExists):
		fmt.Fprintf(stderr, "gloss: %v; not overwritten\n", err)
		return exitFailed
	case err != nil && strings.HasPrefix(err.Error(), "unknown kind"):
		fmt.Fprintf(stderr, "gloss new: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "gloss: %v\n", err)
		return exitFailed
	}
	fmt.Fprintln(stdout, path)
	return exitOK
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("serve", "[-src DIR] [-addr 127.0.0.1:8080] [-drafts]",
		"Builds the site in memory, serves it, and rebuilds it as you edit; open pages reload.\n"+
			"Nothing is written to the output folder.", stderr)
	src, drafts := siteFlags(fl, false, "include articles marked draft: true")
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on; loopback unless you say otherwise")
	minify := fl.Bool("minify", true, "compact HTML, minify CSS and JavaScript, as build does")
	if code, done := parseFlags(fl, args, 0); done {
		return code
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "gloss serve: %v\n", err)
		return exitFailed
	}
	url := "http://" + ln.Addr().String() + "/"
	srv := serve.New(*src, stderr,
		generator.WithDefaults(theme()),
		generator.WithDrafts(*drafts),
		generator.WithMinify(*minify),
		generator.WithBaseURL(url),
	)
	_ = srv.Rebuild(ctx) // errors are shown in the terminal and the browser
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", *src, url)
	hs := serve.NewHTTPServer(*addr, srv.Handler())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := serve.Watch(ctx, *src, func(changed []string) { _ = srv.RebuildChanged(ctx, changed) }); err != nil {
			fmt.Fprintf(stderr, "gloss serve: watching %s: %v\n", *src, err)
		}
	})
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "gloss serve: %v\n", err)
			return exitFailed
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	wg.Wait()
	return exitOK
}

func reportFailure(stderr io.Writer, err error) int {
	var errs *diag.Errors
	if errors.As(err, &errs) {
		fmt.Fprintln(stderr, errs.Error())
		n := len(errs.List)
		plural := "s"
		if n == 1 {
			plural = ""
		}
		fmt.Fprintf(stderr, "gloss: %d error%s; nothing was written\n", n, plural)
		return exitFailed
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "gloss: interrupted; the previous output is unchanged")
		return exitFailed
	}
	fmt.Fprintf(stderr, "gloss: %v\n", err)
	return exitFailed
}

func printWarnings(stderr io.Writer, ws []diag.Diagnostic) {
	for _, w := range ws {
		fmt.Fprintln(stderr, w.String())
	}
}

func theme() fs.FS { return defaultTheme }

// progress prints "files done of total" on a terminal for builds that take
// more than a second; elsewhere it prints nothing.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	tty     bool
	start   time.Time
	last    time.Time
	printed bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	p.printed = true
	// The total counts pages and assets; feeds and search files come on top.
	fmt.Fprintf(p.w, "\rbuilding: %d of %d files", done, max(done, total))
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// Command gloss builds annotated explainer sites: Markdown articles whose
// mentions of people, places, organizations and events link to a glossary,
// with cards on hover and notes in the margin.
//
// Usage:
//
//	gloss build [-src DIR] [-out DIR] [-base-url URL] [-drafts]
//
// Run gloss -h for the full list of commands.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/glossdev/gloss/generator"
	"github.com/glossdev/gloss/generator/diag"
)

// defaultTheme holds the built-in templates and assets, so that an installed
// gloss builds any site folder; a site's own folders override them.
//
//go:embed templates assets
var defaultTheme embed.FS

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // content errors, or the build could not be written
	exitUsage   = 2 // bad command line
	usageHeader = `gloss builds annotated explainer sites.

Usage:
  gloss build [-src DIR] [-out DIR] [-base-url URL] [-drafts]

Commands:
  build   build the site in -src into -out (default: public inside -src)

Run gloss COMMAND -h for a command's flags.
`
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageHeader)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usageHeader)
		return exitOK
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "gloss: unknown command %q\n\n%s", args[0], usageHeader)
		return exitUsage
	}
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gloss build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("src", ".", "site folder (holding content/site.yaml)")
	out := fl.String("out", "", "output folder (default: public inside -src)")
	baseURL := fl.String("base-url", "", "absolute URL the site is published at; overrides baseURL in site.yaml")
	drafts := fl.Bool("drafts", false, "include articles marked draft: true")
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "Usage: gloss build [-src DIR] [-out DIR] [-base-url URL] [-drafts]")
		fmt.Fprintln(fl.Output(), "\nBuilds the site into the output folder, replacing it whole only when the build succeeds.")
		fl.PrintDefaults()
	}
	if code, done := parseFlags(fl, args, stdout); done {
		return code
	}
	outDir := *out
	if outDir == "" {
		outDir = filepath.Join(*src, "public")
	}
	res, err := generator.Build(ctx, *src,
		generator.WithOutput(outDir),
		generator.WithBaseURL(*baseURL),
		generator.WithDrafts(*drafts),
		generator.WithDefaults(theme()),
	)
	if err != nil {
		return reportFailure(stderr, err)
	}
	printWarnings(stderr, res.Warnings)
	fmt.Fprintf(stdout, "built %d pages (%d files) into %s in %s\n",
		res.Pages, res.Files, outDir, res.Duration.Round(time.Millisecond))
	return exitOK
}

// parseFlags parses args; done reports that the command should stop with code.
func parseFlags(fl *flag.FlagSet, args []string, stdout io.Writer) (code int, done bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, true
		}
		return exitUsage, true
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(fl.Output(), "%s: unexpected argument %q\n", fl.Name(), fl.Arg(0))
		fl.Usage()
		return exitUsage, true
	}
	_ = stdout
	return 0, false
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

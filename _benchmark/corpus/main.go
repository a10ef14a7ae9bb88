// Command corpus writes a synthetic gloss site for benchmarks:
//
//	go run ./_benchmark/corpus -articles 10000 -entries 1000 -out /tmp/corpus
//
// The site is deterministic: the same flags give the same files on every run.
// See package corpusgen for what it holds.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/glossdev/gloss/_benchmark/corpusgen"
)

func main() {
	articles := flag.Int("articles", 10000, "number of articles")
	entries := flag.Int("entries", 1000, "number of glossary entries (two people to every place)")
	out := flag.String("out", "", "site folder to write; must not hold a content/ folder yet")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "Usage: go run ./_benchmark/corpus [-articles N] [-entries M] -out DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	opt := corpusgen.Options{Articles: *articles, Entries: *entries}
	if err := corpusgen.Write(*out, opt); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d articles and %d entries into %s in %s\n", *articles, *entries, *out,
		time.Since(start).Round(time.Millisecond))
}

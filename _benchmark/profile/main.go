// Command profile builds a site the way `gloss build` does and writes Go
// profiles of the build, for finding where the time goes on a large corpus:
//
//	go run ./_benchmark/corpus -articles 10000 -entries 1000 -out /tmp/corpus
//	go run ./_benchmark/profile -src /tmp/corpus -out /dev/shm/out -cpuprofile /tmp/cpu.out -trace /tmp/trace.out
//	go tool pprof -top -cum /tmp/cpu.out
//	go tool trace /tmp/trace.out
//
// The theme is read from -theme (default: the repository's templates and
// assets, found from the working folder).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/glossdev/gloss/_benchmark/internal/prof"
	"github.com/glossdev/gloss/generator"
)

func main() {
	src := flag.String("src", "", "site folder to build (required)")
	out := flag.String("out", "", "output folder (default: the site's public/)")
	themeDir := flag.String("theme", ".", "folder with the default templates/ and assets/")
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write a heap profile, taken after -memat of the writes, to this file")
	memAt := flag.Float64("memat", 0.5, "when to take the heap profile, as a share of the files written (0: at the first file)")
	tr := flag.String("trace", "", "write an execution trace to this file")
	flag.Parse()
	if *src == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*src, *out, *themeDir, *cpu, *mem, *memAt, *tr); err != nil {
		log.Fatal(err)
	}
}

func run(src, out, themeDir, cpu, mem string, memAt float64, tr string) (err error) {
	stopCPU, err := prof.CPU(cpu)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stopCPU()) }()
	stopTrace, err := prof.Trace(tr)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stopTrace()) }()
	opts := []generator.Option{generator.WithDefaults(os.DirFS(themeDir)), generator.WithMinify(true)}
	var heapErr error
	if mem != "" {
		var once sync.Once
		opts = append(opts, generator.WithProgress(func(done, total int) {
			if float64(done) < memAt*float64(total) {
				return
			}
			once.Do(func() {
				f, err := os.Create(mem)
				if err != nil {
					heapErr = err
					return
				}
				defer f.Close()
				runtime.GC()
				heapErr = pprof.Lookup("heap").WriteTo(f, 0)
			})
		}))
	}
	if out != "" {
		opts = append(opts, generator.WithOutput(out))
	}
	start := time.Now()
	res, err := generator.Build(context.Background(), src, opts...)
	if err != nil {
		return err
	}
	fmt.Printf("built %d pages (%d files) in %v\n", res.Pages, res.Files, time.Since(start))
	return heapErr
}

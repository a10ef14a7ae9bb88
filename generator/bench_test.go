package generator

// Benchmarks of a whole build and of each stage, on a synthetic corpus from
// _benchmark/corpusgen that is written once per test process into a
// temporary folder (removed by TestMain):
//
//	go test ./generator -run '^$' -bench . -benchtime 1x
//	GLOSS_BENCH_ARTICLES=2000 GLOSS_BENCH_ENTRIES=500 go test ./generator -run '^$' -bench BenchmarkBuild
//
// Every benchmark reports allocations and ns/article (time per op divided
// by the number of articles), which makes runs of different sizes easy to
// compare. See BENCHMARKS.md for the end-to-end numbers.

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/glossdev/gloss/_benchmark/corpusgen"
	"github.com/glossdev/gloss/generator/content"
	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/internal/par"
	"github.com/glossdev/gloss/generator/link"
	"github.com/glossdev/gloss/generator/output"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Default corpus size of the Go benchmarks; GLOSS_BENCH_ARTICLES and
// GLOSS_BENCH_ENTRIES override them.
const (
	benchArticles = 200
	benchEntries  = 100
)

var bench struct {
	once sync.Once
	opt  corpusgen.Options
	dir  string // the corpus site folder
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(filepath.Dir(bench.dir))
	}
	os.Exit(code)
}

// benchCorpus returns the site folder of the benchmark corpus, writing it
// on first use.
func benchCorpus(b *testing.B) (string, corpusgen.Options) {
	b.Helper()
	bench.once.Do(func() {
		bench.opt = corpusgen.Options{Articles: benchArticles, Entries: benchEntries}
		for env, n := range map[string]*int{"GLOSS_BENCH_ARTICLES": &bench.opt.Articles, "GLOSS_BENCH_ENTRIES": &bench.opt.Entries} {
			if s := os.Getenv(env); s != "" {
				v, err := strconv.Atoi(s)
				if err != nil || v < 1 {
					bench.err = fmt.Errorf("%s=%q: want a positive number", env, s)
					return
				}
				*n = v
			}
		}
		tmp, err := os.MkdirTemp("", "gloss-bench-")
		if err != nil {
			bench.err = err
			return
		}
		bench.dir = filepath.Join(tmp, "site")
		bench.err = corpusgen.Write(bench.dir, bench.opt)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.dir, bench.opt
}

// benchOptions returns a build's options for the corpus, as Build sets them
// up, and a function that releases them.
func benchOptions(b *testing.B, src string) (*options, func()) {
	b.Helper()
	o, closeFS, err := newOptions(src, []Option{
		WithOutput(filepath.Join(b.TempDir(), "public")),
		WithDefaults(os.DirFS("..")),
	})
	require.NoError(b, err)
	return o, closeFS
}

// noErrors fails the benchmark if diags holds errors.
func noErrors(b *testing.B, diags *diag.List) {
	b.Helper()
	if err := diags.Err(); err != nil {
		b.Fatalf("the corpus has errors: %v", err)
	}
}

func perArticle(b *testing.B, opt corpusgen.Options) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(opt.Articles), "ns/article")
}

// BenchmarkBuild is a whole build into an empty output folder, as
// `gloss build` does it.
func BenchmarkBuild(b *testing.B) {
	src, opt := benchCorpus(b)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		require.NoError(b, os.RemoveAll(out))
		b.StartTimer()
		_, err := Build(context.Background(), src, WithOutput(out), WithDefaults(os.DirFS("..")))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	perArticle(b, opt)
}

// BenchmarkRebuild is what `gloss serve` does after an edit: a Builder
// that has built the site rebuilds it after one article changed, told so as
// serve's watcher tells it. Each iteration appends a sentence to the same
// article; the article is restored afterwards.
func BenchmarkRebuild(b *testing.B) {
	src, opt := benchCorpus(b)
	entries, err := os.ReadDir(filepath.Join(src, content.ArticlesDir))
	require.NoError(b, err)
	require.NotEmpty(b, entries)
	changed := content.ArticlesDir + "/" + entries[len(entries)/2].Name()
	target := filepath.Join(src, filepath.FromSlash(changed))
	orig, err := os.ReadFile(target)
	require.NoError(b, err)
	b.Cleanup(func() { require.NoError(b, os.WriteFile(target, orig, 0o644)) })

	builder := NewBuilder(src, WithDefaults(os.DirFS("..")))
	ctx := context.Background()
	_, err = builder.Build(ctx)
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		edited := fmt.Appendf([]byte(string(orig)), "\nEdit number %d.\n", i+1)
		require.NoError(b, os.WriteFile(target, edited, 0o644))
		b.StartTimer()
		r, err := builder.BuildChanged(ctx, []string{changed})
		if err != nil {
			b.Fatal(err)
		}
		if r.Converted != 1 {
			b.Fatalf("converted %d documents after an edit to one article, want 1", r.Converted)
		}
	}
	b.StopTimer()
	perArticle(b, opt)
}

// BenchmarkLoad is the load stage: site.yaml, front matter and checks.
func BenchmarkLoad(b *testing.B) {
	src, opt := benchCorpus(b)
	o, closeFS := benchOptions(b, src)
	defer closeFS()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		diags := &diag.List{}
		site := content.Load(o.siteFS, content.Options{}, diags)
		if len(site.Articles) != opt.Articles {
			b.Fatalf("loaded %d articles, want %d", len(site.Articles), opt.Articles)
		}
		noErrors(b, diags)
	}
	b.StopTimer()
	perArticle(b, opt)
}

// BenchmarkLink is the link stage: Markdown, mentions, notes and the graph.
func BenchmarkLink(b *testing.B) {
	src, opt := benchCorpus(b)
	o, closeFS := benchOptions(b, src)
	defer closeFS()
	diags := &diag.List{}
	loaded := content.Load(o.siteFS, content.Options{}, diags)
	noErrors(b, diags)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		diags := &diag.List{}
		site := link.Link(loaded, diags, link.Options{})
		if len(site.Articles) != opt.Articles {
			b.Fatalf("linked %d articles, want %d", len(site.Articles), opt.Articles)
		}
		noErrors(b, diags)
	}
	b.StopTimer()
	perArticle(b, opt)
}

// BenchmarkRender is the render stage: every page and file into memory.
func BenchmarkRender(b *testing.B) {
	src, opt := benchCorpus(b)
	o, closeFS := benchOptions(b, src)
	defer closeFS()
	diags := &diag.List{}
	site, r := prepare(o, diags)
	noErrors(b, diags)
	var bytes int64
	var mu sync.Mutex
	emit := func(_ string, data []byte) error {
		mu.Lock()
		bytes += int64(len(data))
		mu.Unlock()
		return nil
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := r.Render(site, emit, diags); err != nil {
			b.Fatal(err)
		}
		noErrors(b, diags)
	}
	b.StopTimer()
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes-out/op")
	perArticle(b, opt)
}

// BenchmarkWrite is the write stage: the rendered files written on all cores
// into a temporary folder beside an empty output folder, then swapped in.
func BenchmarkWrite(b *testing.B) {
	src, opt := benchCorpus(b)
	o, closeFS := benchOptions(b, src)
	defer closeFS()
	diags := &diag.List{}
	site, r := prepare(o, diags)
	noErrors(b, diags)
	type file struct {
		name string
		data []byte
	}
	var (
		files []file
		mu    sync.Mutex
	)
	require.NoError(b, r.Render(site, func(name string, data []byte) error {
		mu.Lock()
		files = append(files, file{name, data})
		mu.Unlock()
		return nil
	}, diags))
	noErrors(b, diags)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		require.NoError(b, os.RemoveAll(out))
		b.StartTimer()
		w, err := output.Begin(out)
		if err != nil {
			b.Fatal(err)
		}
		var failed error
		par.For(len(files), func(i int) {
			if err := w.Write(files[i].name, files[i].data); err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
			}
		})
		if failed != nil {
			w.Abort()
			b.Fatal(failed)
		}
		if err := w.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	perArticle(b, opt)
}

// TestBenchmarkCorpus checks that a small benchmark corpus is deterministic
// and builds without errors or warnings, so the benchmarks keep measuring a
// valid site as gloss's checks grow.
func TestBenchmarkCorpus(t *testing.T) {
	opt := corpusgen.Options{Articles: 30, Entries: 24}
	dir := filepath.Join(t.TempDir(), "site")
	require.NoError(t, corpusgen.Write(dir, opt))
	again := map[string][]byte{}
	require.NoError(t, corpusgen.Generate(opt, func(name string, data []byte) error {
		again[name] = data
		return nil
	}))
	n := 0
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		assert.Equal(t, string(again[filepath.ToSlash(rel)]), string(data), rel)
		n++
		return err
	}))
	assert.Equal(t, 1+opt.Articles+opt.Entries, n)

	res, err := Build(context.Background(), dir, WithOutput(filepath.Join(t.TempDir(), "public")),
		WithDefaults(os.DirFS("..")))
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	// Home, glossary, search and 404; the tags page and one a tag; the
	// articles and the entries.
	tags := map[string]bool{}
	for name, data := range again {
		if strings.HasPrefix(name, "content/articles/") {
			for _, line := range strings.Split(string(data), "\n") {
				if rest, ok := strings.CutPrefix(line, "tags: ["); ok {
					for _, tg := range strings.Split(strings.TrimSuffix(rest, "]"), ",") {
						tags[strings.Trim(strings.TrimSpace(tg), `"`)] = true
					}
				}
			}
		}
	}
	require.NotEmpty(t, tags)
	assert.Equal(t, 4+1+len(tags)+opt.Articles+opt.Entries, res.Pages)
}

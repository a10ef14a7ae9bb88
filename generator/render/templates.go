package render

import (
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/glossdev/gloss/generator/diag"
	"github.com/glossdev/gloss/generator/theme"
)

// Page templates every theme provides; each defines the "content" block (and
// may define "head") of the base layout.
var pageTemplates = []string{"index.html", "article.html", "entry.html", "glossary.html", "404.html", "search.html", "tags.html", "tag.html"}

// Templates are a theme's parsed page templates.
type Templates struct {
	pages map[string]*template.Template
	// paths maps template file names to their paths for messages.
	paths map[string]string
	// digest identifies the template set; builtin tells whether every
	// template is the built-in one.
	digest  string
	builtin bool
	// partials backs the template function partialCached.
	partials *partials
	// goArticles and goEntries tell whether article and entry pages are
	// written in Go (see writeArticlePage and writeEntryPage): the
	// templates that make them are the built-in ones, compacted.
	goArticles, goEntries bool
}

// Builtin reports whether every template is the built-in one. Those show an
// article's body only on its own page (and the feed shows the newest
// articles' bodies), and an article's text on no page.
func (t *Templates) Builtin() bool { return t.builtin }

// TemplateOption changes how ParseTemplates reads templates.
type TemplateOption func(*templateOptions)

type templateOptions struct{ compact bool }

// WithCompact removes the indentation of the templates' markup, outside
// <pre>, <textarea>, <script> and <style>, so that pages come out compact.
func WithCompact(on bool) TemplateOption { return func(o *templateOptions) { o.compact = on } }

// ParseTemplates parses base.html and partials/*.html with each page
// template. Problems are reported to diags at their file and line.
func ParseTemplates(files []theme.File, diags *diag.List, opts ...TemplateOption) *Templates {
	var o templateOptions
	for _, opt := range opts {
		opt(&o)
	}
	t := &Templates{pages: map[string]*template.Template{}, paths: map[string]string{}}
	byName := map[string]theme.File{}
	for _, f := range files {
		byName[f.Name] = f
		t.paths[f.Name] = f.Path
	}
	dg := newDigester()
	t.builtin = true
	for _, f := range files {
		dg.Str(f.Name, string(f.Data))
		t.builtin = t.builtin && f.Builtin
	}
	sum := dg.Sum()
	t.digest = string(sum[:])
	t.partials = &partials{out: map[string]template.HTML{}}
	root := template.New("").Funcs(funcs).Funcs(template.FuncMap{
		"partialCached": t.partials.cached,
		"card":          t.partials.card,
		"cardCount":     t.partials.cardCount,
		"articleItem":   t.partials.articleItem,
	})
	t.partials.root = root
	var shared []theme.File
	if base, ok := byName["base.html"]; ok {
		shared = append(shared, base)
	} else {
		diags.Add(diag.Diagnostic{Path: "templates/base.html", Msg: "missing base layout"})
		return nil
	}
	for _, f := range files {
		if strings.HasPrefix(f.Name, "partials/") && path.Ext(f.Name) == ".html" {
			shared = append(shared, f)
		}
	}
	ok := true
	for _, f := range shared {
		if _, err := root.New(f.Name).Parse(string(f.Data)); err != nil {
			t.report(err, diags)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	for _, name := range pageTemplates {
		f, found := byName[name]
		if !found {
			diags.Add(diag.Diagnostic{Path: "templates/" + name, Msg: "missing page template"})
			ok = false
			continue
		}
		clone := template.Must(root.Clone())
		if _, err := clone.New(name).Parse(string(f.Data)); err != nil {
			t.report(err, diags)
			ok = false
			continue
		}
		t.pages[name] = clone
	}
	if !ok {
		return nil
	}
	if o.compact {
		// The Go writers follow the built-in templates: the files must be
		// those, and no other file may redefine what they define.
		t.goArticles = templatesSum(byName, articlePageTemplates) == articlePageSources &&
			definedBy(t.pages["article.html"], articlePageTemplates, map[string]string{"head": "article.html", "content": "article.html"})
		t.goEntries = templatesSum(byName, entryPageTemplates) == entryPageSources &&
			definedBy(t.pages["entry.html"], entryPageTemplates, map[string]string{"head": "base.html", "content": "entry.html"})
		t.partials.goItems = templatesSum(byName, articleItemTemplates) == articleItemSources &&
			definedBy(root, articleItemTemplates, nil)
		t.partials.goCards = templatesSum(byName, entryCardTemplates) == entryCardSources &&
			definedBy(root, entryCardTemplates, nil)
		compact(root)
		for _, p := range t.pages {
			compact(p)
		}
		t.digest += "\x00compact"
	}
	return t
}

// templateErr matches the place html/template gives in its errors:
// "template: article.html:12:5: ..." or "template: article.html:12: ...".
var templateErr = regexp.MustCompile(`template: ?([^:\s]+):(\d+):(?:(\d+):)? ?(.*)`)

// report turns a template error into a diagnostic at the template's file.
func (t *Templates) report(err error, diags *diag.List) {
	diags.Add(t.diagnostic(err))
}

func (t *Templates) diagnostic(err error) diag.Diagnostic {
	msg := err.Error()
	// The message names the template and place the error is in; an
	// html/template escaping error's fields may name the template that
	// included it instead.
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if m[3] != "" {
			col++ // text/template counts columns from 0
		}
		return diag.Diagnostic{Path: t.pathOf(m[1]), Line: line, Col: col, Msg: strings.TrimSpace(m[4])}
	}
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		return diag.Diagnostic{Path: t.pathOf(te.Name), Line: te.Line, Msg: te.Description}
	}
	return diag.Diagnostic{Path: "templates", Msg: msg}
}

func (t *Templates) pathOf(name string) string {
	if p, ok := t.paths[name]; ok {
		return p
	}
	return "templates/" + name
}

// Execute runs the page template name with data.
func (t *Templates) Execute(w interface{ Write([]byte) (int, error) }, name string, data any) error {
	tpl, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	return tpl.ExecuteTemplate(w, "base.html", data)
}

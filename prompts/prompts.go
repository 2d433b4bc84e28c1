// Package prompts holds the LLM prompt templates as files embedded in the
// binary and renders them from typed inputs. Each NAME.tmpl defines a
// "system" and a "user" template; a folder of NAME.tmpl files can replace the
// built-in ones without rebuilding.
package prompts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var builtin embed.FS

// ErrMissingInput is wrapped by the typed renderers when a required input
// field is empty, so callers can tell bad data from a broken template.
var ErrMissingInput = errors.New("提示词缺少必要输入")

// Set is a loaded collection of prompt templates keyed by name (the file
// name without ".tmpl"). It is read-only after Load and safe for concurrent
// use.
type Set struct {
	tmpls map[string]*template.Template
}

// Prompt is one rendered prompt: the two chat messages to send.
type Prompt struct {
	Name   string // template name, e.g. "section"
	System string
	User   string
}

// Example is a past report's section shown to the model as a style reference.
type Example struct {
	Title   string // document title
	Org     string
	Year    int
	Heading string
	Text    string
}

// SectionInput is the data for section.tmpl: one section body to draft.
type SectionInput struct {
	Org        string
	Year       int
	PeriodName string // e.g. "2024年度", "2024年上半年"
	DocKind    string // "工作总结" or "工作计划"
	PartName   string // "工作总结", "存在问题" or "工作计划"
	Heading    string // the heading whose body is written, marker included
	Category   string
	Facts      []string // the user's facts; every one must be used
	Examples   []Example
	MinChars   int
	MaxChars   int
	Plan       bool // future tense, tasks and measures, no achievements
	// Others are the report's other headings, written separately: the
	// section must not take over their content.
	Others []string
}

// RepairInput is the data for repair.tmpl: one retry after the number check
// found figures that are not the user's, or user figures left out.
type RepairInput struct {
	Heading     string
	Draft       string
	Facts       []string
	Unsupported []string // figures in Draft that no fact supports
	Missing     []string // user figures absent from Draft
}

// OpeningInput is the data for opening.tmpl: the report's 总述 paragraph.
type OpeningInput struct {
	Org        string
	Year       int
	PeriodName string
	DocKind    string // "工作计划" asks for a plan lead-in; anything else a summary one
	Categories []string
	Examples   []Example
}

// PlanTask is one item of a plan outline.
type PlanTask struct {
	Text   string
	Source string // where the task came from, shown to the model only as a hint
}

// PlanInput is the data for plan.tmpl: a category's plan outline to polish.
type PlanInput struct {
	Org      string
	Year     int // the year the plan is for
	Heading  string
	Category string
	Tasks    []PlanTask
	Targets  []string // user-given targets whose figures must survive verbatim
	Examples []Example
}

// funcs are the helpers templates may call. fenced keeps quoted text from
// closing its <<< >>> fence early.
var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"inc":  func(i int) int { return i + 1 },
	"join": func(xs []string, sep string) string { return strings.Join(xs, sep) },
	"fenced": func(s string) string {
		s = strings.ReplaceAll(s, "<<<", "《《《")
		return strings.TrimSpace(strings.ReplaceAll(s, ">>>", "》》》"))
	},
}

// Names returns the names of the built-in templates, sorted.
func Names() []string {
	files, _ := fs.Glob(builtin, "*.tmpl") // the pattern is constant and valid
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, strings.TrimSuffix(f, ".tmpl"))
	}
	sort.Strings(names)
	return names
}

// Load parses the built-in templates. If overrideDir is not empty, each
// NAME.tmpl in it replaces the built-in template of the same name; a file
// that fails to parse, lacks a "system" or "user" define, or matches no
// built-in name is an error naming the file.
func Load(overrideDir string) (*Set, error) {
	s := &Set{tmpls: map[string]*template.Template{}}
	for _, name := range Names() {
		src, err := fs.ReadFile(builtin, name+".tmpl")
		if err != nil {
			return nil, err
		}
		t, err := parse(name, "内置模板 "+name+".tmpl", src)
		if err != nil {
			return nil, err
		}
		s.tmpls[name] = t
	}
	if overrideDir == "" {
		return s, nil
	}
	// Reading through fs.FS keeps the override path the same code as the
	// embedded one.
	dir := os.DirFS(overrideDir)
	files, err := fs.Glob(dir, "*.tmpl")
	if err == nil && len(files) == 0 {
		_, err = fs.Stat(dir, ".")
	}
	if err != nil {
		return nil, fmt.Errorf("读取提示词目录 %s：%w", overrideDir, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".tmpl")
		file := filepath.Join(overrideDir, f)
		// An unknown name is almost always a typo, which would otherwise
		// silently leave the built-in prompt in use.
		if _, ok := s.tmpls[name]; !ok {
			return nil, fmt.Errorf("提示词文件 %s 没有对应的内置模板（可替换的有：%s）", file, strings.Join(Names(), "、"))
		}
		src, err := fs.ReadFile(dir, f)
		if err != nil {
			return nil, fmt.Errorf("读取提示词文件 %s：%w", file, err)
		}
		t, err := parse(name, "提示词文件 "+file, src)
		if err != nil {
			return nil, err
		}
		s.tmpls[name] = t
	}
	return s, nil
}

// parse parses one template file; what names the file in errors.
func parse(name, what string, src []byte) (*template.Template, error) {
	t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s 解析失败：%w", what, err)
	}
	for _, part := range []string{"system", "user"} {
		if t.Lookup(part) == nil {
			return nil, fmt.Errorf("%s 缺少 {{define %q}}……{{end}} 部分", what, part)
		}
	}
	return t, nil
}

// Render executes template name's "system" and "user" parts with data and
// tidies blank lines. Prefer the typed wrappers, which check inputs first.
func (s *Set) Render(name string, data any) (Prompt, error) {
	t, ok := s.tmpls[name]
	if !ok {
		return Prompt{}, fmt.Errorf("没有名为 %s 的提示词模板", name)
	}
	p := Prompt{Name: name}
	for _, part := range []struct {
		name string
		out  *string
	}{{"system", &p.System}, {"user", &p.User}} {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, part.name, data); err != nil {
			return Prompt{}, fmt.Errorf("渲染提示词 %s 的 %s 部分：%w", name, part.name, err)
		}
		*part.out = tidy(b.String())
	}
	return p, nil
}

// Section renders section.tmpl after checking the fields it cannot do without.
func (s *Set) Section(in SectionInput) (Prompt, error) {
	if err := require("section", map[string]bool{
		"Org": in.Org != "", "Year": in.Year > 0, "PeriodName": in.PeriodName != "",
		"DocKind": in.DocKind != "", "PartName": in.PartName != "", "Heading": in.Heading != "",
		"MaxChars": in.MaxChars > 0,
	}); err != nil {
		return Prompt{}, err
	}
	if in.MinChars < 0 || in.MinChars > in.MaxChars {
		return Prompt{}, fmt.Errorf("%w：section 的篇幅 MinChars=%d、MaxChars=%d 不合理", ErrMissingInput, in.MinChars, in.MaxChars)
	}
	if err := noBlank("section", "Facts", in.Facts); err != nil {
		return Prompt{}, err
	}
	return s.Render("section", in)
}

// Repair renders repair.tmpl. A repair with nothing Unsupported or Missing
// is an error: there would be nothing to ask the model to fix.
func (s *Set) Repair(in RepairInput) (Prompt, error) {
	if err := require("repair", map[string]bool{
		"Heading": in.Heading != "", "Draft": strings.TrimSpace(in.Draft) != "",
		"Unsupported 或 Missing": len(in.Unsupported)+len(in.Missing) > 0,
	}); err != nil {
		return Prompt{}, err
	}
	return s.Render("repair", in)
}

// Opening renders opening.tmpl after checking its required fields.
func (s *Set) Opening(in OpeningInput) (Prompt, error) {
	if err := require("opening", map[string]bool{
		"Org": in.Org != "", "Year": in.Year > 0, "PeriodName": in.PeriodName != "", "DocKind": in.DocKind != "",
	}); err != nil {
		return Prompt{}, err
	}
	return s.Render("opening", in)
}

// Plan renders plan.tmpl; it needs at least one task or target to polish.
func (s *Set) Plan(in PlanInput) (Prompt, error) {
	if err := require("plan", map[string]bool{
		"Org": in.Org != "", "Year": in.Year > 0, "Heading": in.Heading != "",
		"Tasks 或 Targets": len(in.Tasks)+len(in.Targets) > 0,
	}); err != nil {
		return Prompt{}, err
	}
	for i, t := range in.Tasks {
		if strings.TrimSpace(t.Text) == "" {
			return Prompt{}, fmt.Errorf("%w：plan 的第 %d 项任务为空", ErrMissingInput, i+1)
		}
	}
	if err := noBlank("plan", "Targets", in.Targets); err != nil {
		return Prompt{}, err
	}
	return s.Render("plan", in)
}

// require reports every field whose check is false, in a stable order, so
// one error lists all that is missing.
func require(tmpl string, ok map[string]bool) error {
	var missing []string
	for field, good := range ok {
		if !good {
			missing = append(missing, field)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	return fmt.Errorf("%w：%s 需要 %s", ErrMissingInput, tmpl, strings.Join(missing, "、"))
}

// noBlank rejects empty list items, which would render as empty numbered
// lines the model is told to use.
func noBlank(tmpl, field string, xs []string) error {
	for i, x := range xs {
		if strings.TrimSpace(x) == "" {
			return fmt.Errorf("%w：%s 的 %s 第 %d 项为空", ErrMissingInput, tmpl, field, i+1)
		}
	}
	return nil
}

// tidy trims trailing spaces, collapses runs of blank lines left by template
// actions into one, and trims the ends.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	blank := true // drops leading blank lines
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

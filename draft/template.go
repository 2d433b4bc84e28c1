package draft

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/zongjie/zongjie/corpus"
)

// Template is a report's skeleton: its headings in order with level, marker,
// part and category. Every document in the corpus is one; a user can edit
// one as YAML and draft with it.
type Template struct {
	ID       int64             `yaml:"id,omitempty" json:"id,omitempty"`
	Title    string            `yaml:"title" json:"title"`
	Kind     string            `yaml:"kind" json:"kind"`
	Source   string            `yaml:"source,omitempty" json:"source,omitempty"`
	Sections []TemplateSection `yaml:"sections" json:"sections"`
	// Mined is true for the common structure mined from the corpus: its
	// headings come from many reports, so one is kept over a section only
	// when it fits that section's facts. A template the user chose is kept
	// as it is (but for other years' campaigns).
	Mined bool `yaml:"-" json:"mined,omitempty"`
}

// TemplateSection is one heading of a template.
type TemplateSection struct {
	Level    int    `yaml:"level" json:"level"`
	Marker   string `yaml:"marker" json:"marker"`
	Heading  string `yaml:"heading" json:"heading"`
	Part     string `yaml:"part" json:"part"`
	Category string `yaml:"category" json:"category"`
}

// TemplateFromDocument takes the skeleton of a stored document. The preamble
// is not a heading and is left out.
func TemplateFromDocument(rec corpus.DocumentRecord, secs []corpus.Section) Template {
	t := Template{ID: rec.ID, Title: rec.Title, Kind: rec.Kind, Source: rec.Source}
	for _, s := range secs {
		if s.Level == 0 {
			continue
		}
		t.Sections = append(t.Sections, TemplateSection{Level: s.Level, Marker: s.Marker, Heading: s.Heading, Part: s.Part, Category: s.Category})
	}
	return t
}

// YAML renders the template as an editable file.
func (t Template) YAML() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# 总结 · 标题模板。可编辑后用于 zongjie draft --template 本文件。\n")
	b.WriteString("# level：层级（1 为一级标题）；marker：序号样式；part：summary 总结 / problems 问题 / plan 计划；category：类别。\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("生成模板 YAML: %w", err)
	}
	return b.Bytes(), enc.Close()
}

// ParseTemplate reads a template file, checking parts, levels and categories.
func ParseTemplate(name string, data []byte, tax corpus.Taxonomy) (Template, error) {
	var t Template
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return Template{}, fmt.Errorf("%s：模板格式错误：%w", name, err)
	}
	if len(t.Sections) == 0 {
		return Template{}, fmt.Errorf("%s：模板没有任何标题（sections 为空）", name)
	}
	for i, s := range t.Sections {
		switch {
		case s.Level < 1 || s.Level > 6:
			return Template{}, fmt.Errorf("%s：第 %d 个标题的 level 应为 1–6，而不是 %d", name, i+1, s.Level)
		case s.Part != corpus.PartSummary && s.Part != corpus.PartProblems && s.Part != corpus.PartPlan:
			return Template{}, fmt.Errorf("%s：第 %d 个标题的 part 应为 summary、problems 或 plan，而不是 %q", name, i+1, s.Part)
		case !tax.Has(s.Category):
			return Template{}, fmt.Errorf("%s：第 %d 个标题的类别 %q 不在分类表中（可用：%s）", name, i+1, s.Category, strings.Join(tax.Names(), "、"))
		case strings.TrimSpace(s.Heading) == "":
			return Template{}, fmt.Errorf("%s：第 %d 个标题为空", name, i+1)
		}
	}
	if t.Kind == "" {
		t.Kind = corpus.KindSummary
	}
	return t, nil
}

// Categories lists the template's categories in order of first appearance,
// without the fallback.
func (t Template) Categories(fallback string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range t.Sections {
		if s.Category != fallback && !seen[s.Category] {
			seen[s.Category] = true
			out = append(out, s.Category)
		}
	}
	return out
}

// MarkerStyles lists the marker style of each level, e.g. ["一、", "（一）", "1."].
func (t Template) MarkerStyles() []string {
	var styles []string
	for _, s := range t.Sections {
		for len(styles) < s.Level {
			styles = append(styles, "")
		}
		if styles[s.Level-1] == "" {
			styles[s.Level-1] = MarkerStyle(s.Marker)
		}
	}
	return styles
}

var digitsRe = regexp.MustCompile(`\d+`)

// MarkerStyle turns a concrete marker into its style: （三） → （一）, 4. → 1.
func MarkerStyle(m string) string {
	if m == "" {
		return ""
	}
	if digitsRe.MatchString(m) {
		return digitsRe.ReplaceAllString(m, "1")
	}
	for _, cn := range []string{"十一", "十二", "十三", "十四", "十五", "十", "二", "三", "四", "五", "六", "七", "八", "九"} {
		if strings.Contains(m, cn) {
			return strings.Replace(m, cn, "一", 1)
		}
	}
	if strings.ContainsAny(m, "②③④⑤⑥⑦⑧⑨⑩") {
		return "①"
	}
	return m
}

var cnNumerals = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// ChineseNumeral writes 1–99 in Chinese numerals.
func ChineseNumeral(n int) string {
	switch {
	case n <= 0:
		return strconv.Itoa(n)
	case n <= 10:
		return cnNumerals[n]
	case n < 20:
		return "十" + cnNumerals[n-10]
	case n < 100:
		s := cnNumerals[n/10] + "十"
		if n%10 != 0 {
			s += cnNumerals[n%10]
		}
		return s
	}
	return strconv.Itoa(n)
}

// NumberMarker writes the n-th marker of a style: （一） with 3 → （三）.
func NumberMarker(style string, n int) string {
	switch {
	case style == "":
		return ""
	case strings.Contains(style, "1"):
		return strings.Replace(style, "1", strconv.Itoa(n), 1)
	case style == "①":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
		return strconv.Itoa(n) + "."
	case strings.Contains(style, "一"):
		return strings.Replace(style, "一", ChineseNumeral(n), 1)
	}
	return style
}

// CanonicalTemplate mines the usual skeleton of a kind of report from many
// templates: the usual order of categories (by mean relative position), the
// usual marker style per level and the most frequent part headings.
func CanonicalTemplate(kind string, templates []Template, fallback string) Template {
	type stat struct {
		sum   float64
		count int
		heads map[string]int
	}
	cats := map[string]*stat{}
	styles := map[int]map[string]int{}
	partHeads := map[string]map[string]int{}
	n := 0
	for _, t := range templates {
		if kind != "" && t.Kind != kind {
			continue
		}
		n++
		catLevel := t.categoryLevel(fallback)
		idx := 0
		total := len(t.Categories(fallback))
		seen := map[string]bool{}
		for _, s := range t.Sections {
			if styles[s.Level] == nil {
				styles[s.Level] = map[string]int{}
			}
			styles[s.Level][MarkerStyle(s.Marker)]++
			if s.Category == fallback && s.Level < catLevel {
				if corpus.PartOfHeading(s.Heading) != s.Part {
					continue // a general heading, not one that names its part
				}
				if partHeads[s.Part] == nil {
					partHeads[s.Part] = map[string]int{}
				}
				partHeads[s.Part][s.Heading]++
				continue
			}
			if s.Level != catLevel || s.Category == fallback || seen[s.Category] {
				continue
			}
			seen[s.Category] = true
			st := cats[s.Category]
			if st == nil {
				st = &stat{heads: map[string]int{}}
				cats[s.Category] = st
			}
			st.sum += float64(idx) / float64(max(total, 1))
			st.count++
			if reusableHeading(s.Heading) {
				st.heads[s.Heading]++
			}
			idx++
		}
	}
	out := Template{Title: "常见结构（" + kindLabel(kind) + "，" + strconv.Itoa(n) + " 篇）", Kind: kind, Mined: true}
	if n == 0 {
		return out
	}
	order := make([]string, 0, len(cats))
	for c := range cats {
		order = append(order, c)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := cats[order[i]], cats[order[j]]
		if a.sum/float64(a.count) != b.sum/float64(b.count) {
			return a.sum/float64(a.count) < b.sum/float64(b.count)
		}
		return order[i] < order[j]
	})
	top := mostCommon(styles[1])
	main, others := corpus.PartSummary, []string{corpus.PartProblems, corpus.PartPlan}
	if kind == corpus.KindPlan {
		main, others = corpus.PartPlan, nil
	}
	hasParts := len(partHeads[main]) > 0
	catLevel, catStyle := 1, top
	k := 1
	if hasParts {
		catLevel, catStyle = 2, mostCommon(styles[2])
		out.Sections = append(out.Sections, TemplateSection{Level: 1, Marker: NumberMarker(top, 1), Heading: mostCommon(partHeads[main]), Part: main, Category: fallback})
		k = 2
	}
	for i, c := range order {
		h := mostCommon(cats[c].heads)
		if h == "" {
			h = CategoryHeading(c, main == corpus.PartPlan)
		}
		out.Sections = append(out.Sections, TemplateSection{Level: catLevel, Marker: NumberMarker(catStyle, i+1), Heading: h, Part: main, Category: c})
		if !hasParts {
			k = i + 2
		}
	}
	for _, part := range others {
		if h := mostCommon(partHeads[part]); h != "" {
			out.Sections = append(out.Sections, TemplateSection{Level: 1, Marker: NumberMarker(top, k), Heading: h, Part: part, Category: fallback})
			k++
		}
	}
	return out
}

// categoryLevel is the level at which a template's category headings sit:
// the most frequent level among headings that have a category.
func (t Template) categoryLevel(fallback string) int {
	count := map[int]int{}
	for _, s := range t.Sections {
		if s.Category != fallback {
			count[s.Level]++
		}
	}
	best, bestN := 1, 0
	for l := 1; l <= 6; l++ {
		if count[l] > bestN {
			best, bestN = l, count[l]
		}
	}
	return best
}

func mostCommon(m map[string]int) string {
	best, bestN := "", 0
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

func kindLabel(kind string) string {
	switch kind {
	case corpus.KindSummary:
		return "工作总结"
	case corpus.KindPlan:
		return "工作计划"
	case corpus.KindSummaryPlan:
		return "总结和计划"
	case corpus.KindQuarterly:
		return "季度总结"
	}
	return "全部"
}

// Phrase is a heading wording with how often the corpus uses it.
type Phrase struct {
	Heading string `json:"heading"`
	Count   int    `json:"count"`
}

// HeadingPhrasings counts the heading wordings used per category, most
// frequent first, so drafts can propose headings in the house style.
func HeadingPhrasings(templates []Template, fallback string) map[string][]Phrase {
	counts := map[string]map[string]int{}
	for _, t := range templates {
		for _, s := range t.Sections {
			if s.Category == fallback {
				continue
			}
			if counts[s.Category] == nil {
				counts[s.Category] = map[string]int{}
			}
			counts[s.Category][s.Heading]++
		}
	}
	out := map[string][]Phrase{}
	for c, m := range counts {
		for h, n := range m {
			out[c] = append(out[c], Phrase{h, n})
		}
		sort.Slice(out[c], func(i, j int) bool {
			a, b := out[c][i], out[c][j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Heading < b.Heading
		})
	}
	return out
}

package draft

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
)

// Facts is what a user writes to ask for a draft: who, which year and period,
// what kind of document, and the facts per taxonomy category. Every figure in
// a draft must come from here.
type Facts struct {
	Org      string          `json:"org"`
	Year     int             `json:"year"`
	Period   string          `json:"period"`
	Doc      string          `json:"doc"`
	Template string          `json:"template,omitempty"`
	Sections []CategoryFacts `json:"sections"`
	Problems []Fact          `json:"problems,omitempty"`
	Source   string          `json:"source,omitempty"`
}

// CategoryFacts is one category of the facts file with its facts, in the
// order the user wrote them.
type CategoryFacts struct {
	Category string `json:"category"`
	Facts    []Fact `json:"facts"`
}

// Fact is one statement in plain Chinese with the figures found in it and the
// line of the facts file it came from.
type Fact struct {
	Text    string          `json:"text"`
	Figures []corpus.Figure `json:"figures"`
	Line    int             `json:"line"`
}

// FactsError is a problem with a facts file, worded for the user who wrote
// it: the file, the line when known, and what is wrong.
type FactsError struct {
	Name string
	Line int
	Msg  string
}

// ErrorKind says that a facts file error is the user's to correct.
func (e *FactsError) ErrorKind() errkind.Kind { return errkind.Invalid }

// Error words the problem as "facts.yaml 第3行：…".
func (e *FactsError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s 第%d行：%s", e.Name, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s：%s", e.Name, e.Msg)
}

// factsKeys are the top-level keys of a facts file, in the order documented.
var factsKeys = []string{"org", "year", "period", "doc", "template", "sections", "problems"}

// Periods and document kinds, with the Chinese spellings users are likely to
// type, so 上半年 works as well as first-half.
var (
	periodNames = map[string]string{
		"annual": corpus.PeriodAnnual, "全年": corpus.PeriodAnnual, "年度": corpus.PeriodAnnual,
		"first-half": corpus.PeriodFirstHalf, "上半年": corpus.PeriodFirstHalf,
		"second-half": corpus.PeriodSecondHalf, "下半年": corpus.PeriodSecondHalf,
		"q1": "q1", "q2": "q2", "q3": "q3", "q4": "q4",
		"一季度": "q1", "二季度": "q2", "三季度": "q3", "四季度": "q4",
		"第一季度": "q1", "第二季度": "q2", "第三季度": "q3", "第四季度": "q4",
	}
	docNames = map[string]string{
		"summary": corpus.KindSummary, "总结": corpus.KindSummary, "工作总结": corpus.KindSummary,
		"plan": corpus.KindPlan, "计划": corpus.KindPlan, "工作计划": corpus.KindPlan,
		"summary+plan": corpus.KindSummaryPlan, "总结+计划": corpus.KindSummaryPlan, "总结及计划": corpus.KindSummaryPlan,
	}
)

// Year bounds: outside them a year is a typo, not a report.
const (
	minYear = 1990
	maxYear = 2100
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// LoadFacts reads a facts file. name is used only in error messages. It uses
// yaml.v3's node API so that categories keep the order written and every
// error can name its line.
func LoadFacts(name string, data []byte, tax corpus.Taxonomy) (Facts, error) {
	f := Facts{Source: name, Period: corpus.PeriodAnnual, Doc: corpus.KindSummary}
	fail := func(line int, format string, args ...any) (Facts, error) {
		return Facts{}, &FactsError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fail(yamlProblemLine(err, data), "YAML 格式错误：%s", yamlErrorDetail(err, data))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return fail(0, "事实文件为空（至少需要 org、year 和 sections）")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fail(root.Line, "顶层应为“键: 值”的映射（%s）", strings.Join(factsKeys, "、"))
	}
	seen := map[string]int{}
	sectionsLine := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := strings.TrimSpace(k.Value)
		if prev, ok := seen[key]; ok {
			return fail(k.Line, "键 %q 重复（第%d行已写过）", key, prev)
		}
		seen[key] = k.Line
		if !isFactsKey(key) {
			msg := fmt.Sprintf("未知的键 %q（可用：%s）", key, strings.Join(factsKeys, "、"))
			if s := closest(key, factsKeys); s != "" {
				msg += fmt.Sprintf("；是不是 %q？", s)
			}
			return fail(k.Line, "%s", msg)
		}
		if key == "sections" {
			sectionsLine = k.Line
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue // "problems:" with nothing after it means none
		}
		switch key {
		case "org":
			if v.Kind != yaml.ScalarNode {
				return fail(v.Line, "org 应为单位名称（如 清丰县教育局）")
			}
			f.Org = strings.TrimSpace(v.Value)
		case "year":
			y, err := strconv.Atoi(strings.TrimSpace(v.Value))
			if v.Kind != yaml.ScalarNode || err != nil {
				return fail(v.Line, "year 应为数字年份（如 2024），而不是 %q", nodeText(v))
			}
			if y < minYear || y > maxYear {
				return fail(v.Line, "year %d 不在 %d–%d 之间", y, minYear, maxYear)
			}
			f.Year = y
		case "period":
			p, ok := periodNames[strings.ToLower(strings.TrimSpace(v.Value))]
			if v.Kind != yaml.ScalarNode || !ok {
				return fail(v.Line, "period 应为 annual、first-half、second-half 或 q1–q4，而不是 %q", nodeText(v))
			}
			f.Period = p
		case "doc":
			d, ok := docNames[strings.ToLower(strings.TrimSpace(v.Value))]
			if v.Kind != yaml.ScalarNode || !ok {
				return fail(v.Line, "doc 应为 summary、plan 或 summary+plan，而不是 %q", nodeText(v))
			}
			f.Doc = d
		case "template":
			if v.Kind != yaml.ScalarNode {
				return fail(v.Line, "template 应为语料中的文档编号（如 3）或模板文件路径")
			}
			f.Template = strings.TrimSpace(v.Value)
		case "sections":
			secs, err := loadSections(v, tax)
			if err != nil {
				return fail(err.Line, "%s", err.Msg)
			}
			f.Sections = secs
		case "problems":
			facts, err := loadFactList(v, "problems")
			if err != nil {
				return fail(err.Line, "%s", err.Msg)
			}
			f.Problems = facts
		}
	}
	switch {
	case f.Org == "":
		return fail(root.Line, "缺少 org（单位名称，如 清丰县教育局）")
	case f.Year == 0:
		return fail(root.Line, "缺少 year（年份，如 2024）")
	}
	n := len(f.Problems)
	for _, s := range f.Sections {
		n += len(s.Facts)
	}
	if n == 0 {
		return fail(max(sectionsLine, root.Line), "没有任何事实：sections 为空（例如 党建: [新发展党员8人]）")
	}
	return f, nil
}

func isFactsKey(k string) bool {
	for _, x := range factsKeys {
		if x == k {
			return true
		}
	}
	return false
}

// lineError is an error at a line, before the file name is attached.
type lineError struct {
	Line int
	Msg  string
}

// loadSections reads the sections mapping, keeping the order written.
func loadSections(v *yaml.Node, tax corpus.Taxonomy) ([]CategoryFacts, *lineError) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, &lineError{v.Line, "sections 应为“类别: [事实, …]”的映射（例如 党建: [新发展党员8人]）"}
	}
	var out []CategoryFacts
	seen := map[string]int{}
	var unknown []string // every unknown category, reported at once
	firstUnknown := 0
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		cat := strings.TrimSpace(k.Value)
		if !tax.Has(cat) {
			unknown = append(unknown, unknownCategory(cat, k.Line, tax))
			if firstUnknown == 0 {
				firstUnknown = k.Line
			}
			continue
		}
		if prev, ok := seen[cat]; ok {
			return nil, &lineError{k.Line, fmt.Sprintf("类别 %q 重复（第%d行已写过），请合并为一个列表", cat, prev)}
		}
		seen[cat] = k.Line
		facts, err := loadFactList(val, "sections."+cat)
		if err != nil {
			return nil, err
		}
		out = append(out, CategoryFacts{Category: cat, Facts: facts})
	}
	if len(unknown) == 1 {
		// The message starts with the line; one category needs it once.
		unknown[0] = strings.Replace(unknown[0], fmt.Sprintf("第%d行，", firstUnknown), "", 1)
		unknown[0] = strings.Replace(unknown[0], fmt.Sprintf("（第%d行）", firstUnknown), "", 1)
	}
	if len(unknown) > 0 {
		return nil, &lineError{firstUnknown, fmt.Sprintf("未知的类别 %s（可用：%s）", strings.Join(unknown, "、"), strings.Join(tax.Names(), "、"))}
	}
	return out, nil
}

// unknownCategory words one unknown category with its line and the
// closest known one: "体育"（第4行，是不是 "德育"？）.
func unknownCategory(cat string, line int, tax corpus.Taxonomy) string {
	u := fmt.Sprintf("%q（第%d行", cat, line)
	if s := closest(cat, tax.Names()); s != "" {
		u += fmt.Sprintf("，是不是 %q？", s)
	}
	return u + "）"
}

// loadFactList reads a list of facts; a single string is one fact, since
// users write `师资: 招聘特岗教师80名` as often as the list form.
func loadFactList(v *yaml.Node, where string) ([]Fact, *lineError) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, nil
		}
		if t := strings.TrimSpace(v.Value); t != "" {
			return []Fact{NewFact(t, v.Line)}, nil
		}
		return nil, nil
	case yaml.SequenceNode:
		var out []Fact
		var prev *yaml.Node
		for i, item := range v.Content {
			if prev != nil && thousandsSplit(prev, item) && len(out) > 0 {
				// [新增学位1,200个] is one fact: YAML's flow list split it at
				// the thousands separator.
				prev.Value += "," + item.Value
				out[len(out)-1] = NewFact(strings.TrimSpace(prev.Value), prev.Line)
				continue
			}
			prev = item
			if item.Kind != yaml.ScalarNode {
				msg := fmt.Sprintf("%s 的第%d项应为一句话（字符串）", where, i+1)
				if item.Kind == yaml.MappingNode {
					// "- 新发展党员: 8人" is the usual cause: a colon and a space make a mapping.
					msg += "；写成了“键: 值”？英文冒号后跟空格会被当作映射，请改用中文冒号“：”或给整句加引号"
				}
				return nil, &lineError{item.Line, msg}
			}
			if t := strings.TrimSpace(item.Value); t != "" && item.Tag != "!!null" {
				out = append(out, NewFact(t, item.Line))
			}
		}
		return out, nil
	}
	return nil, &lineError{v.Line, fmt.Sprintf("%s 应为事实列表（字符串列表），例如 [新发展党员8人, 推荐15人参加培训]", where)}
}

// thousandsSplit reports whether a flow list item is the tail of a number
// cut at its thousands comma: plain, right after the previous item on the
// same line with no space, three digits then no digit, after a digit.
func thousandsSplit(prev, item *yaml.Node) bool {
	if item.Kind != yaml.ScalarNode || prev.Kind != yaml.ScalarNode || prev.Style != 0 || item.Style != 0 || item.Line != prev.Line {
		return false
	}
	p, it := []rune(prev.Value), []rune(item.Value)
	if len(p) == 0 || !isASCIIDigit(p[len(p)-1]) && !(p[len(p)-1] >= '０' && p[len(p)-1] <= '９') || len(it) < 3 || !isASCIIDigit(it[0]) || !isASCIIDigit(it[1]) || !isASCIIDigit(it[2]) || len(it) > 3 && isASCIIDigit(it[3]) {
		return false
	}
	return item.Column == prev.Column+len(p)+1
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// NewFact makes a fact from its text, finding its figures with the one
// scanner (full-width digits and spaced numbers such as "１５ 万人次" count).
func NewFact(text string, line int) Fact {
	return Fact{Text: text, Figures: corpus.ExtractFigures(text), Line: line}
}

// Figures lists every non-placeholder figure of the facts, sections first in
// the order written, then problems. These are the figures a draft must carry.
func (f Facts) Figures() []corpus.Figure {
	var out []corpus.Figure
	add := func(facts []Fact) {
		for _, fact := range facts {
			for _, fig := range fact.Figures {
				if !fig.Placeholder {
					out = append(out, fig)
				}
			}
		}
	}
	for _, s := range f.Sections {
		add(s.Facts)
	}
	add(f.Problems)
	return out
}

// For returns the facts of one category, nil when it has none.
func (f Facts) For(category string) []Fact {
	for _, s := range f.Sections {
		if s.Category == category {
			return s.Facts
		}
	}
	return nil
}

// Categories lists the categories of the facts file in the order written.
func (f Facts) Categories() []string {
	out := make([]string, 0, len(f.Sections))
	for _, s := range f.Sections {
		out = append(out, s.Category)
	}
	return out
}

// allFacts is every fact, sections then problems.
func (f Facts) allFacts() []Fact {
	var out []Fact
	for _, s := range f.Sections {
		out = append(out, s.Facts...)
	}
	return append(out, f.Problems...)
}

func nodeText(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return map[yaml.Kind]string{yaml.SequenceNode: "列表", yaml.MappingNode: "映射"}[v.Kind]
}

// YAMLSyntaxError checks that data is well-formed YAML and, when it is
// not, says in Chinese where and what, as for a facts file (also used for
// config.yaml, whose reader answers in English).
func YAMLSyntaxError(name string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return &FactsError{Name: name, Line: yamlProblemLine(err, data), Msg: "YAML 格式错误：" + yamlErrorDetail(err, data)}
	}
	return nil
}

// yamlErrorLine finds the line yaml.v3 names in its message, 0 when none.
func yamlErrorLine(err error) int {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		err = errors.New(te.Errors[0])
	}
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	// yaml.v3 counts lines from 0 for parser errors and from 1 for scanner
	// errors (decode.go, parser.fail); only the parser's messages need +1.
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(m[2], p) {
			return n + 1
		}
	}
	return n
}

// yamlProblemLine finds the line of a YAML syntax error. yaml.v3 names the
// line where the enclosing mapping began, not the offending one (a bad
// indentation on line 6 is reported at line 4), so the line is the first
// one at which the file, cut there, fails with the same problem. It falls
// back to yaml.v3's line.
func yamlProblemLine(err error, data []byte) int {
	problem := yamlProblem(err)
	if problem == "" {
		return yamlErrorLine(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 5000 {
		return yamlErrorLine(err)
	}
	var doc yaml.Node
	prefix := 0
	for k, l := range lines {
		prefix += len(l)
		if e := yaml.Unmarshal(data[:prefix], &doc); e != nil && yamlProblem(e) == problem {
			return k + 1
		}
	}
	return yamlErrorLine(err)
}

// yamlProblem is yaml.v3's syntax error text without its line, "" for
// other errors.
func yamlProblem(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return ""
	}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// yamlParserProblems are the messages yaml.v3's parser (not its scanner)
// reports, from parserc.go.
var yamlParserProblems = []string{
	"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "did not find expected <document start>",
	"did not find expected node content", "found duplicate %", "found incompatible YAML document",
	"found undefined tag handle",
}

// yamlMessages word yaml.v3's commonest syntax errors in Chinese, with the
// usual cause.
var yamlMessages = []struct{ en, zh string }{
	{"found character that cannot start any token", "有无法识别的字符"},
	{"found a tab character", "缩进中有 Tab"},
	{"mapping values are not allowed", "此处不能再有“键: 值”（一行里有两个“键: ”？事实里的英文冒号请改成中文冒号“：”）"},
	{"block sequence entries are not allowed", "此处不能开始“- ”列表项（缩进不对？）"},
	{"did not find expected key", "这里应是“键: 值”，但缩进或写法不对（同一层的键要对齐，检查缩进和括号、引号是否成对）"},
	{"did not find expected ',' or ']'", "方括号列表没有正确结束（缺少“]”或逗号？）"},
	{"did not find expected ',' or '}'", "花括号没有正确结束（缺少“}”或逗号？）"},
	{"did not find expected '-' indicator", "列表项应以“- ”开头，且缩进一致"},
	{"did not find expected node content", "缺少内容（多了逗号或冒号？）"},
	{"could not find expected ':'", "缺少冒号“:”（键后要有英文冒号和空格）"},
	{"found unexpected end of stream", "文件意外结束（有引号或括号没有闭合？）"},
	{"found unexpected document separator", "引号没有闭合"},
	{"unknown escape character", "双引号里的反斜杠“\\”写法不对（可改用单引号）"},
	{"did not find expected", "缩进或括号、引号不成对"},
}

// yamlErrorDetail says in Chinese what yaml.v3 found wrong; an unusual
// message is kept as yaml.v3 wrote it, after a Chinese summary.
func yamlErrorDetail(err error, data []byte) string {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = m[2]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	for _, m := range yamlMessages {
		if strings.Contains(msg, m.en) {
			out := m.zh
			if strings.Contains(msg, "cannot start any token") && strings.Contains(string(data), "\t") {
				out += "（缩进请用空格，不要用 Tab）"
			}
			return out
		}
	}
	return "语法错误（" + msg + "）"
}

// closest suggests the name nearest to a typo: within two edits, or sharing
// a character for two-character names (师姿 → 师资).
func closest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" && bestD >= len([]rune(best)) {
		return "" // everything changed: not a typo
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

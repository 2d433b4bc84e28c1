package draft

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// OutlineItem is one heading of the report to write and what goes under it.
type OutlineItem struct {
	Level    int
	Marker   string
	Heading  string
	Part     string
	Category string
	Facts    []Fact
	// Tasks are plan tasks to cover (plan parts only).
	Tasks []PlanTask
	// Write is false for part headings that only group the items below them.
	Write bool
}

// defaultHeadings are house-style headings for categories a template lacks.
var defaultHeadings = map[string][2]string{
	"党建":   {"坚持党建引领，筑牢思想根基", "抓党建引领，筑牢思想根基"},
	"办学条件": {"加大投入力度，办学条件持续改善", "抓基础建设，改善办学条件"},
	"师资":   {"加强队伍建设，教师素质稳步提升", "抓队伍建设，提升师资水平"},
	"安全":   {"守牢安全底线，平安校园建设扎实推进", "抓安全保障，确保师生安全"},
	"扶贫":   {"落实资助政策，教育公平不断彰显", "抓资助帮扶，促进教育公平"},
	"教育质量": {"聚焦内涵发展，教育质量稳步提升", "抓质量提升，促进内涵发展"},
	"德育":   {"落实立德树人，德育工作成效明显", "抓立德树人，提升育人水平"},
	"学前教育": {"推进普及普惠，学前教育加快发展", "抓普及普惠，发展学前教育"},
	"职业教育": {"深化产教融合，职业教育特色发展", "抓产教融合，发展职业教育"},
	"教育改革": {"深化教育改革，发展活力不断增强", "抓改革创新，增强发展活力"},
	"信息化":  {"推进教育数字化，智慧校园建设提速", "抓数字赋能，推进教育信息化"},
}

// CategoryHeading is the house-style heading for a category in a summary
// (plan=false) or plan part.
func CategoryHeading(category string, plan bool) string {
	h, ok := defaultHeadings[category]
	if !ok {
		if plan {
			return "做好" + category + "工作"
		}
		return category + "工作"
	}
	if plan {
		return h[1]
	}
	return h[0]
}

// unsafeHeading matches headings that carry another report's specifics:
// figures, placeholders, names of places and schools, document titles.
var unsafeHeading = regexp.MustCompile(`\d|[xX×*]{2}|《|[\p{Han}]{2}(县|区|市|镇|乡|村|州)|一中|二中|小学|中学|幼儿园|[云南贵川湘鄂豫冀晋陕甘青藏新桂粤闽浙苏皖赣鲁辽吉黑蒙宁琼渝沪京津]省`)

// reusableHeading reports whether a template's heading may be copied into a
// new report as it is.
func reusableHeading(h string) bool {
	n := utf8.RuneCountInString(h)
	return n >= 4 && n <= 30 && !unsafeHeading.MatchString(h)
}

var yearInHeading = regexp.MustCompile(`(19|20)\d{2}|20[xX×*]{2}|[xX×]{4}`)

// BuildOutline lays out the report: the template's part headings and, under
// them, one section per category that has facts, in the template's order of
// categories, then the categories the template lacks in the facts' order.
// A problems part is added when the facts list problems; a plan part when the
// document kind asks for one.
func BuildOutline(f Facts, t Template, fallback string) []OutlineItem {
	catLevel := t.categoryLevel(fallback)
	partHead := map[string]TemplateSection{}
	catHead := map[string]map[string]string{} // part → category → heading
	styles := t.MarkerStyles()
	for _, s := range t.Sections {
		if s.Level < catLevel && s.Category == fallback {
			if _, ok := partHead[s.Part]; !ok {
				partHead[s.Part] = s
			}
			continue
		}
		if s.Level == catLevel && s.Category != fallback {
			if catHead[s.Part] == nil {
				catHead[s.Part] = map[string]string{}
			}
			if _, ok := catHead[s.Part][s.Category]; !ok && reusableHeading(s.Heading) {
				catHead[s.Part][s.Category] = s.Heading
			}
		}
	}
	style := func(level int) string {
		if level-1 < len(styles) && styles[level-1] != "" {
			return styles[level-1]
		}
		return []string{"一、", "（一）", "1.", "（1）"}[min(level-1, 3)]
	}
	grouped := catLevel > 1
	var parts []string
	switch f.Doc {
	case corpus.KindPlan:
		parts = []string{corpus.PartPlan}
	case corpus.KindSummaryPlan:
		parts = []string{corpus.PartSummary}
		if len(f.Problems) > 0 {
			parts = append(parts, corpus.PartProblems)
		}
		parts = append(parts, corpus.PartPlan)
	default:
		parts = []string{corpus.PartSummary}
		if len(f.Problems) > 0 {
			parts = append(parts, corpus.PartProblems)
		}
	}
	order := orderCategories(f, t, fallback)
	var out []OutlineItem
	top := 0
	for _, part := range parts {
		if part == corpus.PartProblems {
			top++
			out = append(out, OutlineItem{Level: 1, Marker: NumberMarker(style(1), top), Heading: partHeading(partHead, part, f), Part: part, Category: fallback, Facts: f.Problems, Write: true})
			continue
		}
		level := 1
		if grouped || len(parts) > 1 {
			top++
			out = append(out, OutlineItem{Level: 1, Marker: NumberMarker(style(1), top), Heading: partHeading(partHead, part, f), Part: part, Category: fallback})
			level = 2
		}
		n := 0
		for _, c := range order {
			facts := f.For(c)
			if len(facts) == 0 && part != corpus.PartPlan {
				continue
			}
			if part == corpus.PartPlan && f.Doc == corpus.KindSummaryPlan {
				facts = nil // this year's figures are not next year's targets
			}
			n++
			heading := catHead[part][c]
			if heading == "" {
				heading = CategoryHeading(c, part == corpus.PartPlan)
			}
			marker := NumberMarker(style(level), n)
			if level == 1 {
				top = n
			}
			out = append(out, OutlineItem{Level: level, Marker: marker, Heading: heading, Part: part, Category: c, Facts: facts, Write: true})
		}
	}
	return out
}

// orderCategories puts the fact categories in the template's order, then the
// ones the template lacks in the order the facts give them.
func orderCategories(f Facts, t Template, fallback string) []string {
	have := map[string]bool{}
	for _, c := range f.Categories() {
		have[c] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range t.Categories(fallback) {
		if have[c] && !seen[c] {
			out = append(out, c)
			seen[c] = true
		}
	}
	for _, c := range f.Categories() {
		if !seen[c] && c != fallback {
			out = append(out, c)
			seen[c] = true
		}
	}
	return out
}

// partHeading words a part heading for the new report: the template's, with
// its year replaced, or a standard one.
func partHeading(heads map[string]TemplateSection, part string, f Facts) string {
	year := f.Year
	if part == corpus.PartPlan && f.Period == corpus.PeriodAnnual {
		year++
	}
	if s, ok := heads[part]; ok && !unsafeHeading.MatchString(yearInHeading.ReplaceAllString(s.Heading, "")) {
		h := yearInHeading.ReplaceAllString(s.Heading, strconv.Itoa(year))
		if strings.Contains(h, "上半年") && f.Period != corpus.PeriodFirstHalf || strings.Contains(h, "下半年") && f.Period != corpus.PeriodFirstHalf {
			h = ""
		}
		if h != "" {
			return h
		}
	}
	half := f.Period == corpus.PeriodFirstHalf
	switch part {
	case corpus.PartProblems:
		return "存在的问题"
	case corpus.PartPlan:
		if half {
			return "下半年工作打算"
		}
		return strconv.Itoa(year) + "年工作计划"
	}
	if half {
		return strconv.Itoa(year) + "年上半年工作开展情况"
	}
	return strconv.Itoa(year) + "年工作总结"
}

// ReportTitle is the title of the report to write.
func ReportTitle(f Facts) string {
	y := strconv.Itoa(f.Year)
	switch {
	case f.Doc == corpus.KindPlan:
		return f.Org + y + "年工作计划"
	case f.Period == corpus.PeriodFirstHalf && f.Doc == corpus.KindSummaryPlan:
		return f.Org + y + "年上半年工作总结及下半年工作计划"
	case f.Period == corpus.PeriodFirstHalf:
		return f.Org + y + "年上半年工作总结"
	case strings.HasPrefix(f.Period, "q") && len(f.Period) == 2:
		return f.Org + y + "年第" + ChineseNumeral(int(f.Period[1]-'0')) + "季度工作总结"
	case f.Doc == corpus.KindSummaryPlan:
		return f.Org + y + "年工作总结及" + strconv.Itoa(f.Year+1) + "年工作计划"
	}
	return f.Org + y + "年工作总结"
}

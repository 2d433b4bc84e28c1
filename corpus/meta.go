package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A document title ends with the kind of document it names.
// A bureau's annual 教育工作意见 is a plan.
var titleEnd = regexp.MustCompile(`(总结|计划|要点|报告|汇报|打算|思路|安排|情况|工作意见|教育意见)[一二三四五六七八九十\d]{0,2}$`)

// isDocTitle reports whether a line can open a new report inside a file.
func isDocTitle(l string) bool {
	n := utf8.RuneCountInString(l)
	if n < 6 || n > 45 || strings.ContainsAny(l, "。；，") {
		return false
	}
	if _, ok := matchMarker(l); ok {
		return false
	}
	return titleEnd.MatchString(l) && namesEducation(l)
}

// shortBureau is an education bureau's short name; 教科 alone is also
// 教科研 (teaching research), so the 局 must follow.
var shortBureau = regexp.MustCompile(`(教体|教科体?|文教体?)局`)

// namesEducation reports whether a title names education or an education
// bureau by its short names (教体局, 教科局, 文教局).
func namesEducation(l string) bool {
	return strings.Contains(l, "教育") || strings.Contains(l, "局") && shortBureau.MatchString(l)
}

// isTitleLike reports whether the first line of a document reads as a title.
func isTitleLike(l string) bool {
	n := utf8.RuneCountInString(l)
	if n < 4 || n > 50 || strings.ContainsAny(l, "。；") {
		return false
	}
	if _, ok := matchMarker(l); ok {
		return false
	}
	return titleEnd.MatchString(l) || strings.Contains(l, "工作") || strings.Contains(l, "教育")
}

var orgLine = regexp.MustCompile(`^[\p{Han}xX]{0,14}(教育局|教育和体育局|教育体育局|教体局|教育委员会|教育工作领导小组)$`)

var orgPattern = regexp.MustCompile(`([\p{Han}xX]{0,6}?)(县|区|市|旗)(教育局|教育和体育局|教育体育局|教体局)`)

// Characters that end a clause before an org name: "现将xx县教育局" → xx县教育局.
const orgPrefixStop = "将在的是和与了年月日对把由向为经据让使被给及同至从今代请"

// findOrg finds the organisation: in the title first, then in the opening
// text, preferring a name with a place (清丰县教育局) over a bare 县教育局.
func findOrg(title string, lines []string) string {
	bare := ""
	search := func(s string) string {
		for _, m := range orgPattern.FindAllStringSubmatch(s, -1) {
			prefix := m[1]
			if k := strings.LastIndexAny(prefix, orgPrefixStop); k >= 0 {
				_, size := utf8.DecodeRuneInString(prefix[k:])
				prefix = prefix[k+size:]
			}
			org := prefix + m[2] + m[3]
			if prefix != "" {
				return org
			}
			if bare == "" {
				bare = org
			}
		}
		return ""
	}
	if org := search(title); org != "" {
		return org
	}
	seen := 0
	for _, l := range lines {
		if org := search(l); org != "" {
			return org
		}
		if seen += len(l); seen > 4000 {
			break
		}
	}
	return bare
}

var yearPattern = regexp.MustCompile(`((?:19|20)\d{2})\s*(?:年|学年|$|[^\d])`)

// findYear takes the year from the title, else from the opening lines.
func findYear(title string, lines []string) int {
	if m := yearPattern.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	for i, l := range lines {
		if i > 2 {
			break
		}
		if m := yearPattern.FindStringSubmatch(l[:min(len(l), 120)]); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}

var dateParts = regexp.MustCompile(`((?:19|20)\d{2})\s*[-年./]\s*(\d{1,2})`)

// yearOfDate is the year a report dated by one of the date lines (under its
// title or in its sign-off) reports on: the date's year, or the year before
// for a report written in January or February. 0 when no line has a year.
func yearOfDate(lines []string) int {
	for _, l := range lines {
		m := dateParts.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		if month, _ := strconv.Atoi(m[2]); month <= 2 {
			y--
		}
		return y
	}
	return 0
}

var quarterPattern = regexp.MustCompile(`第?([一二三四1-4])季度`)

// findPeriod reads the period from the title, then the opening; a title
// that says only 季度 takes the quarter's number from the opening.
func findPeriod(title, opening string) string {
	if strings.Contains(title, "季度") && !quarterPattern.MatchString(title) && quarterPattern.MatchString(opening) {
		title = ""
	}
	for _, s := range []string{title, opening} {
		switch {
		case strings.Contains(s, "上半年"):
			return PeriodFirstHalf
		case strings.Contains(s, "下半年") && strings.Contains(s, "总结"):
			return PeriodSecondHalf
		case quarterPattern.MatchString(s):
			q := quarterPattern.FindStringSubmatch(s)[1]
			if n := markerNumber(q); n >= 1 && n <= 4 {
				return "q" + strconv.Itoa(n)
			}
			return PeriodQuarter
		case strings.Contains(s, "季度"):
			return PeriodQuarter
		}
		if s == title && title != "" {
			if strings.Contains(s, "年度") || strings.Contains(s, "年工作") || strings.Contains(s, "全年") || yearPattern.MatchString(s) {
				return PeriodAnnual
			}
		}
	}
	return PeriodAnnual
}

// planTitleWord marks a title that names a plan.
var planTitleWord = regexp.MustCompile(`计划|要点|打算|思路|安排|工作意见|教育意见`)

// findKind reads the kind from the title and the parts present: a report
// titled 总结 that also has a plan part (下半年工作打算) is summary+plan, since
// its structure is what drafting reuses.
func findKind(title string, parts map[string]bool) string {
	summaryWord := strings.Contains(title, "总结") || strings.Contains(title, "回顾") || strings.Contains(title, "情况")
	planWord := planTitleWord.MatchString(title)
	switch {
	case strings.Contains(title, "季度"):
		return KindQuarterly
	case summaryWord && planWord:
		return KindSummaryPlan
	case planWord:
		return KindPlan
	case summaryWord:
		if parts[PartPlan] {
			return KindSummaryPlan
		}
		return KindSummary
	case parts[PartPlan] && (parts[PartSummary] || parts[PartProblems]):
		return KindSummaryPlan
	case parts[PartPlan]:
		return KindPlan
	}
	return KindSummary
}

// Part headings. Summary words count only for top-level headings, since
// "完成情况" inside a category is not a part of the report.
var (
	problemsHeading = regexp.MustCompile(`存在(的)?(主要)?(问题|困难|不足|短板|差距|薄弱)|(短板|差距)(和|与|及)(不足|问题|困难)|问题(与|和|及)(不足|困难|短板|建议)|不足(之处|与|和)|困难(和|与)问题|短板(和|与)?弱项|薄弱环节|面临的(问题|挑战|困难)|^(主要)?问题$|^不足$`)
	planHeading     = regexp.MustCompile(`工作计划|工作思路|工作打算|下一步|下阶段|下步工作|下半年工作|明年工作|今后工作|工作要点|工作安排|努力方向|工作设想`)
	planTopHeading  = regexp.MustCompile(`计划|思路|打算|下半年|明年|今后|新的?一年|谋划|要点|安排$|设想|展望|(重点任务|主要任务|目标任务|工作目标)$|(20\d\d|20[x*×]{2}|[x*×]{4})年(工作|主要)?(要点|目标|任务|重点)|(下一?|第[一二三四1-4])个?(季度|学期|阶段)(工作)?(重点|要点|任务|目标)`)
	doneHeading     = regexp.MustCompile(`(完成|开展|落实|推进|进展)情况|成效|成绩`)
	summaryHeading  = regexp.MustCompile(`总结|主要成绩|取得的成绩|工作成效|开展情况|完成情况|工作回顾|主要工作|工作进展|主要做法|工作情况|成绩|成效|回顾`)
)

// partWords holds a literal of every part-heading pattern; headings without
// any skip the regexps.
var partWords = newLiteralSet([]string{"存在", "问题", "不足", "困难", "短板", "薄弱", "面临", "计划", "思路", "打算",
	"下一步", "下阶段", "下步", "下半年", "明年", "今后", "要点", "安排", "方向", "设想", "一年", "谋划", "展望", "任务", "目标",
	"总结", "成绩", "成效", "情况", "回顾", "主要工作", "进展", "做法", "季度", "学期", "阶段"})

// headingPart reports the part a heading opens, or "" when it opens none.
// top is true for level-1 and unmarked headings.
func headingPart(h string, top bool) string {
	if !partWords.containsAny(h) {
		return ""
	}
	n := utf8.RuneCountInString(h)
	switch {
	case n <= 30 && problemsHeading.MatchString(h):
		return PartProblems
	case n <= 30 && planHeading.MatchString(h) && !doneHeading.MatchString(h):
		return PartPlan
	case top && n <= 20 && planTopHeading.MatchString(h) && !doneHeading.MatchString(h):
		return PartPlan
	case top && n <= 20 && summaryHeading.MatchString(h):
		return PartSummary
	}
	return ""
}

// PartOfHeading reports the part a top-level heading opens (summary,
// problems, plan), or "" when it is not a part heading.
func PartOfHeading(h string) string { return headingPart(h, true) }

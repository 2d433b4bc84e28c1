package draft

import (
	"regexp"

	"github.com/zongjie/zongjie/corpus"
)

// months lists the months a period covers (1–12); nil for a whole year or a
// span it cannot tell.
func (p Period) months() []int {
	first := 0
	n := 3
	switch q := p.quarter(); {
	case q > 0:
		first = 3*q - 2
	case p.Span == corpus.PeriodFirstHalf:
		first, n = 1, 6
	case p.Span == corpus.PeriodSecondHalf:
		first, n = 7, 6
	default:
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = first + i
	}
	return out
}

// seasonalWork is school-year work that happens in some months only: a
// stock sentence about it does not belong to a quarter or half-year
// outside them (质量监测 in a July–September report, 冬季防火 in spring).
var seasonalWork = []struct {
	words  *regexp.Regexp
	months []int
}{
	{regexp.MustCompile(`中考|高考|两考|备考|学业水平考试`), []int{3, 4, 5, 6}},
	{regexp.MustCompile(`毕业年级|毕业班`), []int{1, 2, 3, 4, 5, 6, 9, 10, 11, 12}}, // the school year of 初三, 高三
	{regexp.MustCompile(`质量监测`), []int{1, 5, 6, 12}},
	{regexp.MustCompile(`期末`), []int{1, 6, 7, 12}},
	{regexp.MustCompile(`开学`), []int{2, 3, 8, 9}},
	{regexp.MustCompile(`招生|入学`), []int{5, 6, 7, 8}},
	{regexp.MustCompile(`防溺水|溺水|防汛`), []int{4, 5, 6, 7, 8, 9}},
	{regexp.MustCompile(`寒假`), []int{1, 2}},
	{regexp.MustCompile(`暑假|暑期`), []int{6, 7, 8}},
	{regexp.MustCompile(`冬季|防寒|取暖|冰冻|雨雪`), []int{1, 2, 11, 12}},
	{regexp.MustCompile(`毕业`), []int{6, 7}},
}

// outOfSeason reports whether s speaks of work that does not happen in any
// month of p.
func outOfSeason(s string, p Period) bool {
	months := p.months()
	if months == nil {
		return false
	}
	for _, w := range seasonalWork {
		if w.words.MatchString(s) && !overlaps(w.months, months) {
			return true
		}
	}
	return false
}

func overlaps(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// seasonTask is the routine work of some months of the school year, in a
// plan's words, the words that name that work, and the category it belongs
// to.
type seasonTask struct {
	category string
	months   []int
	words    *regexp.Regexp
	text     string
	// recurs marks work that a mention in the report's own period does not
	// settle (safety, aid, the June exams after a spring 备考 meeting); other work
	// (期末检测, 开学准备) the report's own period may have done already,
	// and then the plan does not schedule it again.
	recurs bool
}

// seasonTasks are what a quarterly or half-year plan of a bureau names
// because its months bring it: 寒假 safety and 春季开学 in the first quarter,
// 防溺水 and 秋季开学 in the summer, 冬季防火 at the year's end.
var seasonTasks = []seasonTask{
	{"安全", []int{1, 2}, regexp.MustCompile(`寒假|春节`), "做好寒假和春节期间学生安全教育及校园安全值守工作", true},
	{"教育质量", []int{2, 3}, regexp.MustCompile(`春季开学|开学准备|开学工作`), "统筹做好春季开学准备和新学期教学工作安排", false},
	{"扶贫", []int{3}, regexp.MustCompile(`春季学期.{0,6}资助|资助.{0,10}春季`), "做好春季学期学生资助申请审核和资金发放工作", true},
	{"教育质量", []int{5, 6}, regexp.MustCompile(`中考|高考|两考|备考|考务`), "做好中考、高考考务组织和考点安全保障工作", true},
	{"安全", []int{5, 6, 7, 8}, regexp.MustCompile(`溺水|汛期|暑期安全`), "落实防溺水“六不”要求，做好汛期和暑期学生安全教育", true},
	{"教育质量", []int{7, 8}, regexp.MustCompile(`秋季开学|开学准备|开学工作`), "统筹做好秋季开学准备和新学年教学工作安排", false},
	{"师资", []int{9}, regexp.MustCompile(`教师节|尊师重教|新教师|新入职`), "弘扬尊师重教风尚，抓好新入职教师岗前培训", false},
	{"扶贫", []int{9}, regexp.MustCompile(`秋季学期.{0,6}资助|资助.{0,10}秋季`), "做好秋季学期学生资助申请审核和资金发放工作", true},
	{"安全", []int{11, 12}, regexp.MustCompile(`冬季|防火|防寒|一氧化碳`), "做好冬季校园防火、防寒和取暖安全工作", true},
	{"教育质量", []int{1, 6}, regexp.MustCompile(`期末|质量检测|质量监测`), "组织期末教学质量检测和分析，做好学期工作总结", false}, // each term ends in January or June
}

// opensLine reports whether the task opens a plan section of its own when
// the writer reported nothing of its category: only safety, which every
// season brings; other season work joins the lines the writer reported on.
func (t seasonTask) opensLine() bool { return t.category == safetyCategory }

// seasonTasksFor are the routine tasks of the months of plan period p; none
// for a whole year, whose plan is about more than its seasons.
func seasonTasksFor(p Period) []seasonTask {
	months := p.months()
	var out []seasonTask
	for _, t := range seasonTasks {
		if months != nil && overlaps(t.months, months) {
			out = append(out, t)
		}
	}
	return out
}

// namesSeasonWork reports whether sentence s speaks of the work of a season
// task among tasks (质量监测 beside 组织期末教学质量检测): a lead does not say
// a listed task twice.
func namesSeasonWork(s string, tasks []PlanTask) bool {
	for _, t := range seasonTasks {
		if !t.words.MatchString(s) {
			continue
		}
		for _, task := range tasks {
			if task.Source == SourceSeason && task.Text == t.text {
				return true
			}
		}
	}
	return false
}

// saidAlready reports whether the writer's targets, the work that goes on or
// the tasks already listed name a season task's work (第二季度开展防溺水专项
// 教育 covers the 防溺水 task), or — for work done once — the report's own
// period did it already (done).
func (t seasonTask) saidAlready(texts, done []string, tasks []PlanTask) bool {
	if !t.recurs {
		texts = append(texts, done...)
	}
	for _, task := range tasks {
		texts = append(texts, task.Text)
	}
	for _, s := range texts {
		if t.words.MatchString(s) {
			return true
		}
	}
	return false
}

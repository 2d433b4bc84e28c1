package draft

import (
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
)

// A plan part's house heading names a task of its own: a summary+plan does
// not carry the same clause twice (坚持党建引领，筑牢思想根基 / 抓党建引领，筑牢思想根基).
func TestPlanHeadingsShareNoClauseWithSummaryHeadings(t *testing.T) {
	for c := range defaultHeadings {
		summary, plan := CategoryHeading(c, false), CategoryHeading(c, true)
		rs := []rune(plan)
		for i := 0; i+4 <= len(rs); i++ {
			if term := string(rs[i : i+4]); isHanRun(rs[i:i+4]) && strings.Contains(summary, term) {
				t.Errorf("%s: plan heading %q repeats %q of %q", c, plan, term, summary)
			}
		}
	}
}

func TestOutOfSeason(t *testing.T) {
	q3 := Period{Year: 2025, Span: "q3"}
	for _, c := range []struct {
		lead string
		p    Period
		want bool
	}{
		{"加强教研指导和质量监测，健全教学质量分析和反馈机制。", q3, true},
		{"扎实做好秋季开学各项准备工作。", q3, false},
		{"加强毕业年级备考指导。", q3, true},
		{"加强毕业年级备考指导。", Period{Year: 2025, Span: "q2"}, false},
		{"加强毕业年级备考指导。", Period{Year: 2025, Span: corpus.PeriodAnnual}, false},
		{"落实冬季防火防寒措施。", Period{Year: 2025, Span: corpus.PeriodFirstHalf}, false}, // January–February
		{"落实冬季防火防寒措施。", Period{Year: 2025, Span: "q3"}, true},
		{"开展防溺水专题教育。", Period{Year: 2025, Span: "q4"}, true},
		{"坚持以提高质量为核心，深化课堂教学改革。", q3, false},
	} {
		if got := outOfSeason(c.lead, c.p); got != c.want {
			t.Errorf("outOfSeason(%q, %s) = %v; want %v", c.lead, c.p.Name(), got, c.want)
		}
	}
}

func TestNamesCampaign(t *testing.T) {
	for _, c := range []struct {
		lead, facts string
		want        bool
	}{
		{"深化清廉学校建设，持续整治群众身边不正之风和腐败问题。", "建成清廉学校示范点8个", true},
		{"深化清廉学校建设，持续整治群众身边不正之风和腐败问题。", "开展群众身边不正之风和腐败问题集中整治，查处问题3个", false},
		{"巩固拓展主题教育成果。", "", true},
		{"深化清廉学校建设，推进清廉文化进校园。", "", false},
	} {
		if got := namesCampaign(c.lead, c.facts); got != c.want {
			t.Errorf("namesCampaign(%q, %q) = %v; want %v", c.lead, c.facts, got, c.want)
		}
	}
}

// A section a problem adds to the plan takes its conventional place, not
// the end: 质量 before 安全.
func TestInsertPlanItemKeepsTheConventionalOrder(t *testing.T) {
	items := []OutlineItem{
		{Level: 1, Marker: "三、", Heading: "2025年工作思路", Part: corpus.PartPlan},
		{Level: 2, Marker: "（一）", Part: corpus.PartPlan, Category: "党建", Write: true},
		{Level: 2, Marker: "（二）", Part: corpus.PartPlan, Category: "师资", Write: true},
		{Level: 2, Marker: "（三）", Part: corpus.PartPlan, Category: "安全", Write: true},
	}
	got, at := insertPlanItem(items, 3, "教育质量")
	var cats, markers []string
	for _, it := range got[1:] {
		cats, markers = append(cats, it.Category), append(markers, it.Marker)
	}
	if at != 2 || join(cats) != "党建 教育质量 师资 安全" || join(markers) != "（一） （二） （三） （四）" {
		t.Errorf("at %d: %v %v", at, cats, markers)
	}
	if _, at := insertPlanItem(items, 3, "其他"); at != 3 {
		t.Errorf("an unlisted category goes before 安全, got index %d", at)
	}
}

func join(ss []string) string { return strings.Join(ss, " ") }

// A house heading among a template's result headings is a result too.
func TestFittingHeadingFollowsTheSiblings(t *testing.T) {
	results := map[string]string{"党建": "党建工作扎实推进", "教育质量": "教育教学质量稳步提高"}
	if got := fittingHeading("安全", false, results); got != "平安校园建设扎实推进" {
		t.Errorf("among results: %q", got)
	}
	if got := fittingHeading("安全", false, map[string]string{"党建": "坚持党建引领，筑牢思想根基"}); got != CategoryHeading("安全", false) {
		t.Errorf("among house headings: %q", got)
	}
	if got := fittingHeading("安全", true, results); got != CategoryHeading("安全", true) {
		t.Errorf("a plan heading stays a task: %q", got)
	}
}

// A plan is signed before its period starts; a summary after its own ends.
func TestSignDateWhenTheDayIsOutOfRange(t *testing.T) {
	long := time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		f    Facts
		want string
	}{
		{Facts{Year: 2025, Period: "q3", Doc: corpus.KindPlan}, "2025年6月30日"},
		{Facts{Year: 2025, Period: corpus.PeriodSecondHalf, Doc: corpus.KindPlan}, "2025年6月30日"},
		{Facts{Year: 2026, Period: corpus.PeriodAnnual, Doc: corpus.KindPlan}, "2025年12月31日"},
		{Facts{Year: 2026, Period: "q1", Doc: corpus.KindPlan}, "2025年12月31日"},
		{Facts{Year: 2025, Period: "q2", Doc: corpus.KindSummary}, "2025年6月30日"},
		{Facts{Year: 2025, Period: corpus.PeriodAnnual, Doc: corpus.KindSummary}, "2025年12月31日"},
	} {
		if got := SignDate(c.f, long); got != c.want {
			t.Errorf("SignDate(%+v) = %s; want %s", c.f, got, c.want)
		}
	}
	if got := SignDate(Facts{Year: 2025, Doc: corpus.KindSummary}, time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC)); got != "2026年1月8日" {
		t.Errorf("a summary written in the next January is dated that day, got %s", got)
	}
}

// The last quarter of a year closes on the next year, not on "全年".
func TestClosingOfTheLastQuarterLooksToNextYear(t *testing.T) {
	q4 := closingParagraph(Facts{Org: "芷泉县教育局", Year: 2025, Period: "q4", Doc: corpus.KindSummary})
	q3 := closingParagraph(Facts{Org: "芷泉县教育局", Year: 2025, Period: "q3", Doc: corpus.KindSummary})
	if !strings.Contains(q4, "2026年") || strings.Contains(q4, "确保全年") || !strings.Contains(q3, "确保全年") {
		t.Errorf("q4: %s\nq3: %s", q4, q3)
	}
}

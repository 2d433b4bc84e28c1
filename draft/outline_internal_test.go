package draft

import (
	"slices"
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
		// 主题教育 after a noun or a quote is an activity, not the campaign
		{"开学第一周开展“开学第一课”主题教育。", "", false},
		{"组织开展国家安全主题教育活动。", "", false},
		{"扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育。", "", true},
		{"主题教育走深走实。", "", true},
		{"巩固拓展主题教育成果。", "开展安全主题教育12场", true},
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
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 15, 4, 0, 0, time.Local) }
	for _, c := range []struct {
		f    Facts
		at   time.Time
		want string
	}{
		{Facts{Year: 2025, Doc: corpus.KindSummary}, day(2026, 1, 8), "2026年1月8日"},
		{Facts{Year: 2025, Doc: corpus.KindSummaryPlan}, day(2025, 12, 20), "2025年12月20日"},
		{Facts{Year: 2025, Period: corpus.PeriodFirstHalf, Doc: corpus.KindSummary}, day(2025, 6, 18), "2025年6月18日"},
		{Facts{Year: 2025, Period: "q3", Doc: corpus.KindSummary}, day(2025, 10, 9), "2025年10月9日"},
		{Facts{Year: 2026, Doc: corpus.KindPlan}, day(2025, 12, 28), "2025年12月28日"},
		{Facts{Year: 2026, Doc: corpus.KindPlan}, day(2026, 2, 10), "2026年2月10日"},
		{Facts{Year: 2026, Period: "q1", Doc: corpus.KindPlan}, day(2025, 12, 1), "2025年12月1日"},
		// drafted long after the period: the period's own date, not today
		{Facts{Year: 2025, Period: "q4", Doc: corpus.KindSummary}, day(2026, 12, 5), "2025年12月31日"},
		{Facts{Year: 2025, Period: corpus.PeriodFirstHalf, Doc: corpus.KindSummaryPlan}, day(2026, 12, 5), "2025年6月30日"},
		{Facts{Year: 2025, Doc: corpus.KindSummary}, day(2026, 12, 5), "2025年12月31日"},
		{Facts{Year: 2026, Doc: corpus.KindPlan}, day(2026, 12, 5), "2025年12月31日"},
		{Facts{Year: 2026, Period: "q1", Doc: corpus.KindPlan}, day(2026, 12, 5), "2025年12月31日"},
		// nor long before it
		{Facts{Year: 2025, Doc: corpus.KindSummary}, day(2025, 3, 1), "2025年12月31日"},
	} {
		if got := SignDate(c.f, c.at); got != c.want {
			t.Errorf("SignDate(%+v, %s) = %s; want %s", c.f, c.at.Format("2006-01-02"), got, c.want)
		}
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

func TestStockSentenceRules(t *testing.T) {
	annual := Period{Year: 2025, Span: corpus.PeriodAnnual}
	for _, c := range []struct {
		s, facts string
		want     bool
	}{
		{"持续开展师德师风专项整治", "招聘教师80名", false},
		{"持续开展师德师风专项整治", "开展师德师风专项整治，查处问题3起", true},
		{"组织学生参加农耕体验、家务劳动等实践活动", "", false},
		{"健全师德建设长效机制，强化师德考核结果运用", "", true},
	} {
		if got := stockFits(c.s, "师资", annual, c.facts); got != c.want {
			t.Errorf("stockFits(%q, facts %q) = %v; want %v", c.s, c.facts, got, c.want)
		}
	}
	if got := atLevel("通过公开招聘、县管校聘补充教师，全县统筹", "望澜区教育局"); got != "通过公开招聘、区管校聘补充教师，全区统筹" {
		t.Errorf("atLevel: %s", got)
	}
	if got := atLevel("推进县管校聘", "某市教育局"); got != "推进县管校聘" {
		t.Errorf("atLevel for a city: %s", got)
	}
}

func TestIsTargetAndForwardFacts(t *testing.T) {
	summary := Facts{Year: 2025, Period: "q2", Doc: corpus.KindSummary}
	for _, c := range []struct {
		fact string
		want bool
	}{
		{"制定2025年秋季招生入学工作方案，城区小学一年级计划招生2850人", false},
		{"组织初三毕业年级模拟考试2次", false}, // 模拟 is no 拟
		{"下半年计划招聘教师80名以上", true},
		{"力争高考本科上线率提高2个百分点", true},
		{"义务教育巩固率保持在99%以上", true},
	} {
		if got := isTarget(summary, c.fact); got != c.want {
			t.Errorf("isTarget(%q) = %v; want %v", c.fact, got, c.want)
		}
	}
	f := Facts{Year: 2025, Period: corpus.PeriodFirstHalf, Doc: corpus.KindSummaryPlan}
	ahead, done := splitForward(f, []Fact{NewFact("春季学期组织教师培训1350人次", 1), NewFact("下半年计划招聘教师80名以上", 2), NewFact("力争秋季开学前完成食堂改造12所", 3)})
	if len(ahead) != 2 || len(done) != 1 {
		t.Errorf("splitForward: ahead %v, done %v", ahead, done)
	}
}

// A fact's topic lead comes before the category's: a 篮球联赛 result opens on
// school sports, not on teaching quality.
func TestTopicSentences(t *testing.T) {
	tax := corpus.DefaultTaxonomy()
	safety := func(s string) bool { return tax.Classify(s, "", "").Category == "安全" }
	any := func(string) bool { return true }
	if got := topicSentences([]Fact{NewFact("在全市中小学生篮球联赛中获初中男子组第2名", 1)}, false, any); len(got) != 1 || !strings.Contains(got[0], "体育") {
		t.Errorf("topicSentences = %q", got)
	}
	// Under 安全 only a safety lead fits: the 篮球 result takes none, the
	// venue check the venue's safety lead.
	got := topicSentences([]Fact{NewFact("在全市中小学生篮球联赛中获初中男子组第2名", 1), NewFact("开展体育场馆安全检查", 2)}, false, safety)
	if len(got) != 1 || !strings.Contains(got[0], "场馆安全") || strings.Contains(got[0], "学校体育") {
		t.Errorf("topicSentences = %q", got)
	}
	// 开学前完成校车安全检查 is safety work under 安全, not the start of term.
	if got := topicSentences([]Fact{NewFact("开学前完成校车安全检查48辆", 1)}, false, safety); len(got) != 1 || !strings.Contains(got[0], "校车") {
		t.Errorf("topicSentences = %q", got)
	}
	// 教学楼 is a building, not teaching.
	if got := topicSentences([]Fact{NewFact("秋季学期新投用教学楼2栋", 1)}, false, any); len(got) != 1 || strings.Contains(got[0], "课堂") {
		t.Errorf("topicSentences = %q", got)
	}
}

func TestFactQueries(t *testing.T) {
	f := Facts{Year: 2025, Sections: []CategoryFacts{{Category: "党建", Facts: []Fact{
		NewFact("开展党纪学习教育专题研讨6场", 1),
		NewFact("巩固拓展党纪学习教育成果", 2), // the year after may consolidate it
		NewFact("开展深入贯彻中央八项规定精神学习教育", 3),
	}}}}
	got := FactQueries(f)
	if len(got) != 1 || !strings.Contains(got[0], "党纪学习教育是2024年开展的") {
		t.Errorf("FactQueries = %q", got)
	}
	if got := FactQueries(Facts{Year: 2024, Sections: f.Sections[:1]}); len(got) != 1 || !strings.Contains(got[0], "八项规定精神学习教育") {
		t.Errorf("in 2024: %q", got)
	}
	firstHalf := Facts{Year: 2025, Period: corpus.PeriodFirstHalf, Doc: corpus.KindSummaryPlan, Sections: []CategoryFacts{{Category: "教育质量", Facts: []Fact{
		NewFact("力争2025年高考本科上线率较上年提高2个百分点", 1),
		NewFact("力争2026年高考本科上线率较上年提高2个百分点", 2),
		NewFact("2025年高考本科上线率72.3%", 3),
	}}}}
	if got := FactQueries(firstHalf); len(got) != 1 || !strings.Contains(got[0], "力争2025年高考") || !strings.Contains(got[0], "2026年的目标") {
		t.Errorf("a second-half target on this year's 高考 is not queried once: %q", got)
	}
	activity := Facts{Year: 2025, Sections: []CategoryFacts{{Category: "德育", Facts: []Fact{NewFact("开学第一周开展“开学第一课”主题教育", 1)}}}}
	if got := FactQueries(activity); len(got) != 0 {
		t.Errorf("an activity's 主题教育 is queried as the campaign: %q", got)
	}
}

func TestSportsBureauOpensAndClosesOnSportToo(t *testing.T) {
	f := Facts{Org: "岱屏县教育体育局", Year: 2025, Doc: corpus.KindSummaryPlan}
	if o, c := ComposeOpening(f), closingParagraph(f); !strings.Contains(o+c, "教育体育事业") || strings.Contains(closingParagraph(Facts{Org: "某县教育局", Year: 2025, Doc: corpus.KindSummaryPlan}), "体育") {
		t.Errorf("opening %q closing %q", o, c)
	}
}

// Without a template's order, sections follow the conventional order.
func TestOrderCategoriesConventional(t *testing.T) {
	sport := []Fact{NewFact("举办全县全民健身运动会", 1)}
	f := Facts{Sections: []CategoryFacts{{Category: "安全"}, {Category: "德育"}, {Category: "党建"}, {Category: "其他", Facts: sport}, {Category: "学前教育"}}}
	got := orderCategories(f, Template{Mined: true}, "其他")
	if join(got) != "党建 德育 学前教育 其他 安全" {
		t.Errorf("a line of work of its own comes before safety: order = %v", got)
	}
	f.Sections[3].Facts = []Fact{NewFact("档案管理规范有序", 1)}
	if got := orderCategories(f, Template{Mined: true}, "其他"); join(got) != "党建 德育 学前教育 安全 其他" {
		t.Errorf("其他各项工作 closes the report: order = %v", got)
	}
}

func TestNamesDrive(t *testing.T) {
	for _, c := range []struct {
		s, facts string
		want     bool
	}{
		{"深化课后服务提质行动，引进优质社会资源参与课后服务", "", true},
		{"深化课后服务提质行动", "实施课后服务提质行动，参与率97.8%", false},
		{"加快新建、改扩建工程进度，扩大优质学位供给", "", false},
		{"实施名师名校长培养工程", "", true},
	} {
		if got := namesDrive(c.s, c.facts); got != c.want {
			t.Errorf("namesDrive(%q) = %v; want %v", c.s, got, c.want)
		}
	}
}

func TestSaysFact(t *testing.T) {
	for _, c := range []struct {
		lead, fact string
		want       bool
	}{
		{"深化教师交流轮岗，推动城乡师资均衡配置。", "推动城乡教师交流轮岗，全年交流教师206人", true},
		{"坚持应助尽助，精准落实各项学生资助政策。", "全年落实学生资助政策，资助各类学生9870人次", true},
		{"健全特岗教师考核评价机制。", "招聘特岗教师72名", false},
	} {
		if got := saysFact(c.lead, c.fact); got != c.want {
			t.Errorf("saysFact(%q, %q) = %v; want %v", c.lead, c.fact, got, c.want)
		}
	}
}

func TestGoalsSayTheirVerbOnce(t *testing.T) {
	got := goalsSentence(Period{Year: 2026, Span: corpus.PeriodAnnual}, []string{"新建小学2所、幼儿园3所，力争新增学位2700个", "力争高考本科上线率提高2个百分点"})
	if strings.Count(got, "力争") != 1 {
		t.Errorf("goalsSentence = %s", got)
	}
	got = goalsSentence(Period{Year: 2025, Span: corpus.PeriodSecondHalf}, []string{"下半年计划招聘教师80名以上", "义务教育巩固率保持在99%以上"})
	if want := "到2025年底，力争实现以下目标：招聘教师80名以上；义务教育巩固率保持在99%以上。"; got != want {
		t.Errorf("goalsSentence = %s; want %s (力争 and 计划 say the same)", got, want)
	}
	got = goalsSentence(Period{Year: 2025, Span: "q2"}, []string{"二季度力争完成职称评审推荐工作", "力争二季度新增普惠性民办幼儿园3所"})
	if strings.Count(got, "力争") != 1 || strings.Contains(got, "二季度力争") {
		t.Errorf("goalsSentence = %s; the period and 力争 are said once, by the sentence", got)
	}
	got = goalsSentence(Period{Year: 2025, Span: "q2"}, []string{"第二季度启动学习教育", "力争2025年中考优秀率较上年提高2个百分点"})
	if want := "2025年第二季度，力争实现以下目标：启动学习教育；2025年中考优秀率较上年提高2个百分点。"; got != want {
		t.Errorf("goalsSentence = %s; want %s (the quarter named once, the year's target kept as the year's)", got, want)
	}
}

func TestPlanPartDropsThePeriodAndItsPlanWord(t *testing.T) {
	got := FactSentences([]Fact{{Text: "下半年计划招聘教师80名以上"}, {Text: "明年，拟新建幼儿园3所"}, {Text: "明年计划再招聘新教师60名左右"}}, true, "")
	q2 := Period{Year: 2025, Span: "q2"}
	if got := withoutPeriodName([]Fact{{Text: "力争二季度新增普惠性民办幼儿园3所"}, {Text: "第二季度完成招标"}}, q2); got[0].Text != "力争新增普惠性民办幼儿园3所" || got[1].Text != "完成招标" {
		t.Errorf("withoutPeriodName = %+v", got)
	}
	if strings.Contains(got, "再招聘") {
		t.Errorf("FactSentences = %s: 再 points back to a year the plan does not state", got)
	}
	if strings.Contains(got, "计划") || strings.Contains(got, "拟") || !strings.Contains(got, "招聘教师80名以上") || !strings.Contains(got, "新建幼儿园3所") {
		t.Errorf("FactSentences = %s", got)
	}
}

func TestDoubledWordIsQueried(t *testing.T) {
	f := Facts{Year: 2025, Sections: []CategoryFacts{{Category: "党建", Facts: []Fact{NewFact("深入开展深入贯彻中央八项规定精神学习教育", 1)}}}}
	if got := FactQueries(f); len(got) != 1 || !strings.Contains(got[0], "“深入”重复") {
		t.Errorf("FactQueries = %q", got)
	}
	for text, want := range map[string]string{
		"扎实开展深入贯彻中央八项规定精神学习教育": "", // two words, no slip
		"全面深入推进全面从严治党":         "", // 全面从严治党 is a term
		"持续深化持续推进":             "持续",
		"认真落实":                 "",
	} {
		if got := doubled(text); got != want {
			t.Errorf("doubled(%q) = %q; want %q", text, got, want)
		}
	}
}

func TestTopicHeadingWithin(t *testing.T) {
	for _, c := range []struct {
		facts        []string
		plan         bool
		heading, cat string
	}{
		{[]string{"学前教育宣传月期间开展幼小衔接专题活动26场"}, false, "加强科学保教，推进幼小科学衔接", "学前教育"},
		{[]string{"为农村寄宿制学校配备取暖设备，投入资金385万元"}, true, "抓装备提升，完善保障条件", "办学条件"},
		{[]string{"9月1日全县中小学如期开学"}, false, "精心组织开学工作，确保平稳有序", ""},
		{[]string{"新建幼儿园3所", "开展幼小衔接活动12场"}, false, "", ""}, // two pieces of work: the category's heading
		{nil, false, "", ""},
	} {
		var facts []Fact
		for _, f := range c.facts {
			facts = append(facts, Fact{Text: f})
		}
		if h, cat := topicHeadingWithin(facts, c.plan); h != c.heading || cat != c.cat {
			t.Errorf("topicHeadingWithin(%q) = %q, %q; want %q, %q", c.facts, h, cat, c.heading, c.cat)
		}
	}
}

func TestLooksAhead(t *testing.T) {
	q1 := Facts{Year: 2025, Period: "q1", Doc: corpus.KindSummaryPlan}
	q4 := Facts{Year: 2025, Period: "q4", Doc: corpus.KindSummaryPlan}
	annual := Facts{Year: 2025, Doc: corpus.KindSummaryPlan}
	second := Facts{Year: 2025, Period: corpus.PeriodSecondHalf, Doc: corpus.KindSummaryPlan}
	for _, c := range []struct {
		f    Facts
		text string
		want bool
	}{
		{q1, "第二季度开展防溺水专项教育和汛期校舍安全排查", true},
		{q1, "二季度组织开展清明祭英烈活动", true},
		{q1, "2025年第二季度启动学习教育", true},
		{q1, "第一季度开展寒假安全教育", false}, // this quarter's own work
		{q1, "2月17日春季学期正常开学", false},
		{q4, "第一季度做好寒假和春季开学工作", true},
		{q4, "第二季度开展防溺水教育", false}, // not the next period
		{annual, "2026年新建幼儿园3所", true},
		{annual, "2025年新建幼儿园3所", false},
		{second, "2026年完成新校区建设", true},
		{second, "下半年新招教师50名", false},
		{annual, "力争本科上线率提高2个百分点", true},
		{q1, "争取上级专项资金6840万元，完成7所农村学校运动场改造", false}, // funds obtained
		{q1, "争取提前完成食堂改造", true},
	} {
		if got := looksAhead(c.f, c.text); got != c.want {
			t.Errorf("looksAhead(%s %s, %q) = %v; want %v", c.f.Period, c.f.Doc, c.text, got, c.want)
		}
	}
}

// A plan's section answers the targets stated under 主要目标 with their own
// work, whatever category that work is filed under.
func TestPlanSectionAnswersItsTargets(t *testing.T) {
	c := &Composer{Facts: Facts{Org: "梧桥区教育局", Year: 2026, Doc: corpus.KindPlan}, Taxonomy: corpus.DefaultTaxonomy()}
	item := OutlineItem{Category: "教育质量", Part: corpus.PartPlan, Heading: "抓质量提升，促进学生全面发展", related: []Fact{{Text: "义务教育巩固率保持在99%以上"}}}
	ex := []Example{{SectionRecord: corpus.SectionRecord{Section: corpus.Section{Category: "教育质量", Part: corpus.PartPlan, Text: "加强初中学业水平考试备考指导，做好义务教育质量监测，强化监测结果运用。"}}}}
	got := c.Section(item, ex)
	if !strings.Contains(got, "控辍保学") || !strings.Contains(got, "备考") {
		t.Errorf("Section = %s; want the category's task and the 巩固率 target's 控辍保学", got)
	}
	if strings.Contains(got, "99%") {
		t.Errorf("Section = %s; the target's figure is stated under 主要目标 only", got)
	}
}

// A plan's facts file mixes targets and tasks: the targets are stated under
// 主要目标, the tasks stay in their sections.
func TestPlanTargetsAndTasks(t *testing.T) {
	f := Facts{Year: 2026, Doc: corpus.KindPlan, Sections: []CategoryFacts{
		{Category: "师资", Facts: []Fact{NewFact("实施名师名校长培养工程，新培养区级学科带头人60名", 1), NewFact("公开招聘教师150名", 2)}},
		{Category: "教育质量", Facts: []Fact{NewFact("力争中考优秀率达到35%", 3), NewFact("深化课堂教学改革，开展区级教学视导不少于2轮", 4)}},
	}}
	var targets []string
	for _, fact := range planTargets(f) {
		targets = append(targets, fact.Text)
	}
	if want := []string{"公开招聘教师150名", "力争中考优秀率达到35%"}; !slices.Equal(targets, want) {
		t.Errorf("planTargets = %q; want %q", targets, want)
	}
	if got := withoutTargets(f.For("教育质量")); len(got) != 1 || !strings.HasPrefix(got[0].Text, "深化") {
		t.Errorf("withoutTargets = %v", got)
	}
	if planTargets(Facts{Year: 2025, Doc: corpus.KindSummary, Sections: f.Sections}) != nil {
		t.Error("a summary has no 主要目标")
	}
	if got := FactSentences(f.For("师资")[:1], true, ""); strings.HasPrefix(got, "力争") {
		t.Errorf("a task is not striven for: %s", got)
	}
}

func TestOtherHeading(t *testing.T) {
	for _, c := range []struct {
		facts []string
		plan  bool
		want  string
	}{
		{[]string{"举办全县全民健身运动会，参与群众1.2万人次"}, true, "抓体育惠民，推动全民健身深入开展"},
		{[]string{"举办全县全民健身运动会", "举办中小学生田径运动会"}, true, "抓体育惠民，推动全民健身深入开展"},
		{[]string{"9月1日全县中小学如期开学"}, false, "精心组织开学工作，确保平稳有序"},
		{[]string{"通过义务教育优质均衡发展县省级督导评估"}, false, "坚持以评促建，推动教育提质发展"},
		{[]string{"档案管理规范"}, false, "统筹兼顾，扎实做好其他各项工作"},
	} {
		var facts []Fact
		for i, s := range c.facts {
			facts = append(facts, NewFact(s, i+1))
		}
		if got := otherHeading(facts, c.plan); got != c.want {
			t.Errorf("otherHeading(%q) = %s; want %s", c.facts, got, c.want)
		}
	}
}

// A plan section's leads frame the writer's tasks; they do not name one of
// them again.
func TestPlanLeadsDoNotRepeatTheWritersTasks(t *testing.T) {
	item := OutlineItem{Category: "安全", Part: corpus.PartPlan, Facts: []Fact{NewFact("抓好食品安全、校车安全和防溺水工作", 1)}}
	if !repeatsTask(item, "落实防溺水家校共管责任，加强重点水域巡查和警示教育。") {
		t.Error("a 防溺水 lead before a 防溺水 task is not a repeat")
	}
	if repeatsTask(item, "完善校园安全风险分级管控和隐患排查治理机制，修订完善各类应急预案。") {
		t.Error("a lead on other safety work counts as a repeat")
	}
	item.Part = corpus.PartSummary
	if repeatsTask(item, "落实防溺水家校共管责任，加强重点水域巡查和警示教育。") {
		t.Error("a summary's lead introduces its facts' work")
	}
}

func TestFactSentencesWriteHalfWidthFigures(t *testing.T) {
	got := FactSentences([]Fact{{Text: "招聘特岗教师８０名，合格率96.4％"}, {Text: "投入资金1,036.5万元"}}, false, "")
	if !strings.Contains(got, "80名") || !strings.Contains(got, "96.4%") || !strings.Contains(got, "1036.5万元") {
		t.Errorf("FactSentences = %s", got)
	}
}

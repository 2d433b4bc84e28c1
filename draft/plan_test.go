package draft_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/prompts"
)

func TestCarryOverNamesUnfinishedProjects(t *testing.T) {
	secs := []corpus.Section{
		{Level: 1, Heading: "办学条件不断改善", Part: corpus.PartSummary, Category: "办学条件",
			Text: "雁栖县第三中学改扩建项目计划投资5200万元，已进入装饰装修阶段，8月20日前交付使用。新建教师周转宿舍120套，正在实施主体工程建设。全年投入教育项目资金1.2亿元，新建5所乡村学校食堂，正在实施主体工程建设。全县校舍安全排查已全部完成。"},
		{Level: 1, Heading: "教师素质不断提升", Part: corpus.PartSummary, Category: "师资",
			Text: "招聘特岗教师40名已完成体检，安置公费师范毕业生38名，预计8月中旬到位。"},
		{Level: 1, Heading: "下半年工作打算", Part: corpus.PartPlan, Category: "其他",
			Text: "正在谋划的工作不是本期的未完成事项。"},
	}
	got := draft.CarryOver(secs, "其他")
	wantIn := map[string][]string{
		"办学条件": {"雁栖县第三中学改扩建项目", "教师周转宿舍", "5所乡村学校食堂"},
		"师资":   {"公费师范毕业生"},
	}
	for cat, names := range wantIn {
		var texts []string
		for _, task := range got[cat] {
			if task.Source != draft.SourceCarryOver {
				t.Errorf("%s: source %q", task.Text, task.Source)
			}
			texts = append(texts, task.Text)
		}
		joined := strings.Join(texts, "\n")
		for _, n := range names {
			if !strings.Contains(joined, n) {
				t.Errorf("%s carry-over tasks %q do not name %q", cat, texts, n)
			}
		}
	}
	if len(got["其他"]) != 0 {
		t.Errorf("plan part taken as unfinished work: %v", got["其他"])
	}
	for _, task := range got["办学条件"] {
		if strings.Contains(task.Text, "校舍安全排查") || strings.Contains(task.Text, "资金") {
			t.Errorf("finished work became a task: %q", task.Text)
		}
	}
}

// TestCountermeasureDoesNotEchoTheProblem checks, one rule per row, that a
// problem gets a concrete measure under the category it belongs to, and that
// the measure does not restate the problem.
func TestCountermeasureDoesNotEchoTheProblem(t *testing.T) {
	tests := []struct{ problem, category, measure, names string }{
		{"城区学校大班额问题仍较突出", "办学条件", "扩容", "解决城区学校大班额问题"},
		{"农村学校音体美教师结构性短缺", "师资", "补充紧缺学科教师", "补齐农村学校音体美教师短板"},
		{"心理健康教师严重不足", "师资", "补充", "补齐心理健康教师"},
		{"学前教育公办园占比偏低。", "学前教育", "公办幼儿园", "提高学前教育公办园占比"},
		{"部分学校安全隐患整改不及时", "安全", "隐患排查", "安全隐患整改及时到位"},
		{"城乡教育质量差距较大", "教育质量", "城乡教育共同体", "缩小城乡教育质量差距"},
		// The measure names what it solves already: no 切实做好控辍保学工作 after
		// 健全控辍保学…机制.
		{"学生心理问题日益凸显", "德育", "心理健康", "学生心理健康"},
		{"控辍保学压力依然较大", "扶贫", "联控联保", "劝返复学"},
		{"农村学校体育场地设施不足，仍有14所学校无标准田径场", "办学条件", "体育场地设施改善", "补齐学校体育设施短板"},
		// upkeep and fire hazards are safety work, not building more
		{"部分学校寒假期间设施设备维护不及时，开学检查中发现的消防隐患较多", "安全", "定期检查维护", "消防安全"},
		{"九年级学生学业质量区域差异较大，农村学校备考力量相对薄弱", "教育质量", "城乡教育共同体", "逐步缩小九年级学生学业质量区域差异"},
		// a long problem: the measure names the clause it answers, without its figures
		{"基层社会体育指导员队伍年龄偏大", "其他", "体育指导员", "逐步优化基层社会体育指导员队伍年龄结构"},
		{"城区学校学位依然紧张，部分小学班额超过45人", "办学条件", "扩容", "有效缓解城区学校学位紧张"},
		{"城区优质学位供给不足，热点学校招生压力大", "办学条件", "扩容", "有效缓解热点学校招生压力"},
		{"职业中专实训设备老化，部分专业实训工位不足", "职业教育", "实训基地", "逐步更新职业中专实训设备"},
		{"农村学校部分校舍建于上世纪八十年代，C级危房面积1.2万平方米待改造", "办学条件", "危旧校舍改造", "消除校舍安全隐患"},
	}
	for _, tt := range tests {
		task, c := draft.Countermeasure(tt.problem)
		if c != tt.category || !strings.Contains(task, tt.measure) || !strings.Contains(task, tt.names) {
			t.Errorf("Countermeasure(%q) = %q, %q; want category %q, the measure %q, naming %q", tt.problem, task, c, tt.category, tt.measure, tt.names)
		}
		// The measure comes first and the problem is named once, not
		// restated as the task (针对……的情况，着力解决……问题).
		if strings.Index(task, tt.measure) > strings.Index(task, tt.names) || strings.Contains(task, "的情况") {
			t.Errorf("Countermeasure(%q) = %q echoes the problem", tt.problem, task)
		}
		if strings.ContainsAny(task, "0123456789") {
			t.Errorf("Countermeasure(%q) = %q restates the problem's figures as a target", tt.problem, task)
		}
	}
	if task, _ := draft.Countermeasure("控辍保学压力依然较大"); strings.Count(task, "控辍保学") != 1 {
		t.Errorf("控辍保学 named twice: %q", task)
	}
	if task, c := draft.Countermeasure("档案管理不够规范"); c != "" || !strings.Contains(task, "整改") {
		t.Errorf("unknown problem: %q, %q", task, c)
	}
}

// fakeSections serves stored plan sections for corpus tasks.
type fakeSections map[string][]corpus.SectionRecord

func (f fakeSections) Sections(_ context.Context, category, part string, _ int) ([]corpus.SectionRecord, error) {
	var out []corpus.SectionRecord
	for _, s := range f[category] {
		if part == "" || s.Part == part {
			out = append(out, s)
		}
	}
	return out, nil
}

func TestPlanOfflineGivesEveryProblemATaskAndInventsNoTarget(t *testing.T) {
	sections := fakeSections{
		"安全": {{DocID: 1, SectionID: 1, Section: corpus.Section{Part: corpus.PartPlan, Category: "安全",
			Text: "健全校园安全责任体系，将安全工作纳入学校考核。全年排查隐患300处。"}}},
	}
	summary := []corpus.Section{
		{Level: 1, Heading: "办学条件不断改善", Part: corpus.PartSummary, Category: "办学条件", Text: "第二实验小学正在实施主体工程建设，预计9月投入使用。"},
		{Level: 1, Heading: "安全管理不断加强", Part: corpus.PartSummary, Category: "安全", Text: "开展防溺水教育。"},
		{Level: 1, Heading: "存在的问题", Part: corpus.PartProblems, Category: "其他", Text: "一是城区学校大班额问题仍较突出。二是农村学校音体美教师结构性短缺。"},
	}
	facts := draft.Facts{Org: "雁栖县教育局", Year: 2025, Problems: []draft.Fact{draft.NewFact("学前教育公办园占比偏低", 1)}}
	p := &draft.Planner{Sections: sections, Taxonomy: corpus.DefaultTaxonomy()}
	res, err := p.Plan(context.Background(), draft.PlanRequest{Org: "雁栖县教育局", Year: 2025, Summary: summary, Facts: facts, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	var all []draft.PlanTask
	bySource := map[string]int{}
	for _, s := range res.Sections {
		if n := len(s.Items); n < 1 || n > 5 {
			t.Errorf("%s has %d tasks, want 1–5", s.Heading, n)
		}
		for _, it := range s.Items {
			bySource[it.Source]++
			all = append(all, it)
		}
	}
	for _, problem := range []string{"城区学校大班额", "农村学校音体美教师", "学前教育公办园占比"} {
		found := false
		for _, it := range all {
			if it.Source == draft.SourceProblem && strings.Contains(it.Text, problem) {
				found = true
			}
		}
		if !found {
			t.Errorf("problem %q has no task in %+v", problem, all)
		}
	}
	if bySource[draft.SourceCarryOver] == 0 || bySource[draft.SourceCorpus] == 0 {
		t.Errorf("sources = %v, want carry-over and corpus tasks too", bySource)
	}
	// The corpus plan section says 300处; a plan must not take over that target.
	if strings.Contains(res.Markdown, "300") {
		t.Errorf("a corpus figure leaked into the plan:\n%s", res.Markdown)
	}
	if !res.Check.OK {
		t.Errorf("number check: %+v", res.Check)
	}
	body := regexp.MustCompile(`\n\d{4}年\d{1,2}月\d{1,2}日\n$`).ReplaceAllString(res.Markdown, "") // the sign-off date
	if !strings.Contains(body, "确保9月交付使用") {
		t.Errorf("the carried-over school lost the summary's date (预计9月投入使用):\n%s", res.Markdown)
	}
	body = strings.ReplaceAll(body, "9月", "") // the summary's own date for the unfinished school
	if regexp.MustCompile(`\d`).MatchString(strings.ReplaceAll(body, "2025", "")) {
		t.Errorf("plan carries a figure nobody gave:\n%s", res.Markdown)
	}
}

// TestPlanProblemFiguresAreFacts checks that a plan section quoting a
// figure from the user's own problems passes the number check: problems are
// facts too. The offline measures do not restate a problem's figures, so a
// model writes the section here.
func TestPlanProblemFiguresAreFacts(t *testing.T) {
	facts := draft.Facts{Org: "雁栖县教育局", Year: 2025, Problems: []draft.Fact{draft.NewFact("全县缺编教师46名", 1), draft.NewFact("56人以上大班额仍有18个", 2)}}
	set, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	model := quotingModel("通过公开招聘补充教师，逐步补齐缺编教师46名的缺口。")
	p := &draft.Planner{Sections: fakeSections{}, Taxonomy: corpus.DefaultTaxonomy(), Completer: model, Prompts: set}
	res, err := p.Plan(context.Background(), draft.PlanRequest{Org: "雁栖县教育局", Year: 2025, Facts: facts})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Markdown, "46名") || len(res.Check.Unsupported) != 0 {
		t.Errorf("plan check = %+v\n%s", res.Check, res.Markdown)
	}
}

// quotingModel answers every call with text.
type quotingModel string

func (m quotingModel) Complete(_ context.Context, _ draft.ChatRequest, _ func(string)) (draft.ChatResponse, error) {
	return draft.ChatResponse{Text: string(m), FinishReason: "stop"}, nil
}

// TestCountermeasuresDoNotRestateTheProblem: a problem of several clauses
// or with figures is stated once, in its part; its measure does not quote it.
func TestCountermeasuresDoNotRestateTheProblem(t *testing.T) {
	for _, p := range []string{"部分农村小规模学校学生数不足50人，资源配置效益不高", "全县缺编教师46名", "56人以上大班额仍有18个"} {
		task, _ := draft.Countermeasure(p)
		if strings.Contains(task, "50人") || strings.Contains(task, "46名") || strings.Contains(task, "18个") || strings.Contains(task, "效益不高") {
			t.Errorf("Countermeasure(%q) = %q restates it", p, task)
		}
	}
}

// TestContinuedWork checks, one rule per row, which of this year's facts go
// on as next year's tasks, and that they lose their figures.
func TestContinuedWork(t *testing.T) {
	tests := []struct{ fact, want string }{
		{"开展应急疏散演练210场", "持续开展应急疏散演练"},
		{"全年组织教师全员培训4300人次", "持续组织教师全员培训"},
		{"开展心理健康专题讲座共6场", "持续开展心理健康专题讲座"},
		{"开展党纪学习教育专题研讨6场", ""}, // a 2024 campaign does not go on in 2026
		{"新建幼儿园2所", ""},        // a count of things done does not go on
		{"招聘特岗教师95名", ""},
		{"开展研学实践活动56批次，覆盖学生3万人", ""}, // two clauses: not cleanly a task
		{"实施第2批强校工程", ""},            // a figure inside the clause
	}
	for _, tt := range tests {
		f := draft.Facts{Org: "甲县教育局", Year: 2025, Doc: "summary", Sections: []draft.CategoryFacts{{Category: "安全", Facts: []draft.Fact{draft.NewFact(tt.fact, 1)}}}}
		p := &draft.Planner{Sections: fakeSections{}, Taxonomy: corpus.DefaultTaxonomy()}
		req, err := draft.NewPlanRequest(nil, &f, 0)
		if err != nil {
			t.Fatal(err)
		}
		req.Offline = true
		res, err := p.Plan(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, s := range res.Sections {
			for _, it := range s.Items {
				if strings.HasPrefix(it.Text, "持续") && it.Source == draft.SourceCarryOver {
					got = it.Text
				}
			}
		}
		if got != tt.want {
			t.Errorf("%q → %q, want %q", tt.fact, got, tt.want)
		}
	}
}

// A quarterly or half-year plan names the routine work its months bring; an
// annual plan does not, and work the writer's targets name is not added again.
func TestPlanNamesTheWorkOfItsMonths(t *testing.T) {
	seasonTasks := func(period string, facts draft.Facts) []string {
		p := &draft.Planner{Sections: fakeSections{}, Taxonomy: corpus.DefaultTaxonomy()}
		res, err := p.Plan(context.Background(), draft.PlanRequest{Org: "雁栖县教育局", Year: 2025, Period: period, Facts: facts, Offline: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range res.Sections {
			for _, it := range s.Items {
				if it.Source == draft.SourceSeason {
					out = append(out, s.Category+"："+it.Text)
				}
			}
		}
		return out
	}
	// season work joins the lines of work the writer reported on
	none := draft.Facts{Org: "雁栖县教育局", Year: 2025, Sections: []draft.CategoryFacts{
		{Category: "教育质量", Facts: []draft.Fact{draft.NewFact("开展教研活动12场", 1)}},
		{Category: "师资", Facts: []draft.Fact{draft.NewFact("招聘教师30名", 2)}},
		{Category: "扶贫", Facts: []draft.Fact{draft.NewFact("发放资助资金100万元", 3)}},
	}}
	for _, c := range []struct {
		period string
		want   []string
		not    []string
	}{
		{"q1", []string{"寒假", "春季开学"}, []string{"防溺水", "秋季开学"}},
		{"q3", []string{"安全：落实防溺水", "秋季开学", "尊师重教"}, []string{"寒假和春节", "中考"}},
		{"second-half", []string{"防溺水", "尊师重教", "冬季"}, []string{"春季开学"}},
		{"", nil, []string{"寒假", "防溺水", "尊师重教", "开学"}},
	} {
		got := strings.Join(seasonTasks(c.period, none), "\n")
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s plan: no %s task in %q", c.period, w, got)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s plan: %s is not work of its months: %q", c.period, w, got)
			}
		}
	}
	// work done once that the summary's own period did is not scheduled again;
	// safety comes round every season
	q4 := draft.Facts{Org: "雁栖县教育局", Year: 2025, Period: "q4", Doc: corpus.KindSummary, Sections: []draft.CategoryFacts{
		{Category: "教育质量", Facts: []draft.Fact{draft.NewFact("组织全县中小学期末质量检测", 1)}},
		{Category: "安全", Facts: []draft.Fact{draft.NewFact("开展寒假前安全教育", 2)}},
	}}
	p := &draft.Planner{Sections: fakeSections{}, Taxonomy: corpus.DefaultTaxonomy()}
	res, err := p.Plan(context.Background(), draft.PlanRequest{Org: q4.Org, Year: 2026, Period: "q1", Facts: q4, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	var q1 []string
	for _, s := range res.Sections {
		for _, it := range s.Items {
			if it.Source == draft.SourceSeason {
				q1 = append(q1, it.Text)
			}
		}
	}
	if got := strings.Join(q1, "\n"); strings.Contains(got, "期末") || !strings.Contains(got, "寒假") {
		t.Errorf("q1 plan after a q4 summary: %q", got)
	}
	// a spring 备考 meeting does not settle the June exams
	spring := draft.Facts{Org: "雁栖县教育局", Year: 2025, Period: "q1", Doc: corpus.KindSummary, Sections: []draft.CategoryFacts{
		{Category: "教育质量", Facts: []draft.Fact{draft.NewFact("召开2025年中考高考备考工作会议", 1)}},
	}}
	res, err = p.Plan(context.Background(), draft.PlanRequest{Org: spring.Org, Year: 2025, Period: "q2", Facts: spring, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range res.Sections {
		for _, it := range s.Items {
			found = found || it.Source == draft.SourceSeason && strings.Contains(it.Text, "考务")
		}
	}
	if !found {
		t.Errorf("q2 plan after a spring 备考 meeting has no 考务 task: %+v", res.Sections)
	}
	targets := draft.Facts{Org: "雁栖县教育局", Year: 2025, Doc: corpus.KindPlan, Sections: []draft.CategoryFacts{{Category: "安全", Facts: []draft.Fact{draft.NewFact("开展防溺水专项教育", 1)}}}}
	if got := strings.Join(seasonTasks("q3", targets), "\n"); strings.Contains(got, "防溺水") {
		t.Errorf("the writer's own 防溺水 target is listed again: %q", got)
	}
	if got := strings.Join(seasonTasks("q3", draft.Facts{Org: "雁栖县教育局", Year: 2025}), "\n"); strings.Contains(got, "尊师重教") || !strings.Contains(got, "防溺水") {
		t.Errorf("season work opened a line the writer never gave, or safety is missing: %q", got)
	}
}

// The writer's next-period items that state work to do are tasks of their
// section, named without the period; only targets go under 主要目标.
func TestPlanKeepsTheWritersTasksOutOfItsGoals(t *testing.T) {
	facts := draft.Facts{Org: "渚桥区教育局", Year: 2025, Period: "q1", Doc: corpus.KindSummaryPlan, Sections: []draft.CategoryFacts{
		{Category: "党建", Facts: []draft.Fact{draft.NewFact("第二季度启动深入贯彻中央八项规定精神学习教育", 1)}},
		{Category: "教育质量", Facts: []draft.Fact{draft.NewFact("力争2025年中考优秀率较上年提高2个百分点", 2)}},
	}}
	p := &draft.Planner{Sections: fakeSections{}, Taxonomy: corpus.DefaultTaxonomy()}
	res, err := p.Plan(context.Background(), draft.PlanRequest{Org: facts.Org, Year: 2025, Period: "q2", Facts: facts, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Goals) != 1 || !strings.Contains(res.Goals[0], "中考优秀率") {
		t.Errorf("goals = %q; want the 中考 target only", res.Goals)
	}
	found := false
	for _, s := range res.Sections {
		for _, it := range s.Items {
			if it.Text == "启动深入贯彻中央八项规定精神学习教育" && s.Category == "党建" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the writer's task is not a 党建 task without its period: %+v", res.Sections)
	}
}

// A building whose shell is capped goes on as the building, not its 主体.
func TestCarryOverOfACappedBuilding(t *testing.T) {
	got := draft.CarryOver([]corpus.Section{{Level: 2, Part: corpus.PartSummary, Category: "办学条件",
		Text: "桐川县城东小学综合楼主体已封顶，目前正在进行内部装修，预计5月底完工"}}, "其他")
	if len(got["办学条件"]) != 1 || strings.Contains(got["办学条件"][0].Text, "主体") || !strings.Contains(got["办学条件"][0].Text, "城东小学综合楼") {
		t.Errorf("carry-over = %+v", got)
	}
}

package draft

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/prompts"
)

// Sources of plan tasks.
const (
	SourceCarryOver = "carry-over" // work the summary reports as unfinished
	SourceProblem   = "problem"    // a countermeasure to a reported problem
	SourceCorpus    = "corpus"     // a typical task of past plans
	SourceSeason    = "season"     // routine work of the plan's months (寒假安全 in a first-quarter plan)
	SourceFact      = "fact"       // a target the user gave in the facts file
	SourceModel     = "model"      // written by the model
)

// PlanTask is one task of a plan outline and where it came from.
type PlanTask struct {
	Text   string `json:"text"`
	Source string `json:"source"`
}

// PlanSection is the plan for one category: a plan-style heading and tasks.
type PlanSection struct {
	Marker   string     `json:"marker"`
	Heading  string     `json:"heading"`
	Category string     `json:"category"`
	Items    []PlanTask `json:"items"`
	// Text is the polished plan text; offline it joins the tasks.
	Text string `json:"text"`
}

// PlanResult is a plan part ready to print.
type PlanResult struct {
	Year     int           `json:"year"`
	Mode     string        `json:"mode"`
	Markdown string        `json:"markdown"`
	Sections []PlanSection `json:"sections"`
	// Goals are the user's targets, stated together under 主要目标 before
	// the tasks.
	Goals []string    `json:"goals,omitempty"`
	Check CheckResult `json:"check"`
}

// PlanRequest asks for next period's plan.
type PlanRequest struct {
	Org  string
	Year int // the plan's year
	// Summary holds the sections of this period's summary (parsed from a
	// file or the corpus); it may be empty when only facts are given.
	Summary []corpus.Section
	// Facts, when given, add targets per category and problems.
	Facts    Facts
	Template Template
	Offline  bool
	// Period is the plan's span within Year: annual, second-half, q2 …
	// (NewPlanRequest decides it).
	Period string
}

// unfinished marks work a summary reports as not yet done.
var unfinished = regexp.MustCompile(`正在|推进中|在建|续建|预计|计划于|计划在|将于|尚未|未完成|启动建设|已开工|开工建设|完成主体|主体完工|主体工程|进入[\p{Han}]{0,8}阶段|已进入|前交付|前完工|前投入使用|交付使用|筹建|前期工作|招标|立项|正在办理|比对`)

// carryTail is how a carried-over task ends: when the work is due, with the
// summary's own date when it gives one (确保2026年8月交付使用).
func carryTail(sent string) string {
	tail := "，确保按期完成"
	switch {
	case strings.Contains(sent, "交付") || strings.Contains(sent, "投入使用") || strings.Contains(sent, "投用"):
		tail = "，确保按期交付使用"
	case strings.Contains(sent, "完工") || strings.Contains(sent, "竣工") || strings.Contains(sent, "主体"):
		tail = "，确保按期完工"
	case strings.Contains(sent, "发放") || strings.Contains(sent, "办理"):
		tail = "，确保按时办结"
	}
	if m := dueDate.FindStringSubmatch(sent); m != nil {
		tail = strings.Replace(tail, "按期", m[3], 1) // the writer's date, not a vaguer 按期
	}
	return tail
}

// dueDate is the date a summary gives for unfinished work: 预计2026年8月交付.
var dueDate = regexp.MustCompile(`(预计|计划|将|确保)(于|在)?((?:\d{4}年)?(?:\d{1,2}月(?:底|份|前)?|秋季|春季|年底|底|上半年|下半年))`)

// subjectStop ends the subject of a sentence about a project.
var subjectStop = regexp.MustCompile(`计划|总投资|投资|已|正在|预计|将于|于|目前|现|完成|累计`)

// leadingVerb is stripped from a project subject: 建设10个… → 10个….
var leadingVerb = regexp.MustCompile(`^(建设|实施|推进|开展|新建|启动)`)

// CarryOver finds the tasks a summary leaves open: each sentence reporting
// unfinished work becomes a task to finish, naming its project.
func CarryOver(secs []corpus.Section, fallback string) map[string][]PlanTask {
	out := map[string][]PlanTask{}
	seen := map[string]bool{}
	for _, s := range secs {
		if s.Part != corpus.PartSummary || s.Category == fallback && s.Level <= 1 && len(secs) > 1 && s.Text == "" {
			continue
		}
		for _, sent := range sentenceEnd.FindAllString(s.Text+"。", -1) {
			if !unfinished.MatchString(sent) {
				continue
			}
			task := carryOverTask(sent)
			if task == "" || seen[task] {
				continue
			}
			seen[task] = true
			out[s.Category] = append(out[s.Category], PlanTask{Text: task, Source: SourceCarryOver})
		}
	}
	return out
}

// projectNoun marks a clause that names a building or project.
var projectNoun = regexp.MustCompile(`宿舍|学校|校区|校舍|楼|项目|工程|食堂|餐厅|幼儿园|中心|场馆|操场|运动场|厕所|围墙|园区`)

// carryOverTask words the task of finishing the work a sentence reports as
// unfinished. The project is the text before the status words in the same
// clause (…4个项目完成主体工程建设), else the clause before it when that names
// a project (…5所小学教师周转宿舍，正在实施主体工程建设), else what the status
// clause itself is about (正在办理资金发放手续).
func carryOverTask(sent string) string {
	clauses := clauseSep.Split(sent, -1)
	subject, action := "", ""
	for i, c := range clauses {
		c = strings.TrimSpace(c)
		loc := unfinished.FindStringIndex(c)
		if loc == nil {
			continue
		}
		prefix := strings.TrimRight(c[:loc[0]], "已均还并")
		first := strings.TrimSpace(clauses[0])
		prev := ""
		if i > 0 {
			prev = strings.TrimSpace(clauses[i-1])
		}
		switch {
		case utf8.RuneCountInString(prefix) >= 4 && !statusStart.MatchString(prefix):
			subject = cutSubject(prefix)
		case i > 0 && namesProject(first):
			subject = cutSubject(first)
		case i > 0 && namesProject(prev):
			subject = cutSubject(prev)
		case utf8.RuneCountInString(prev) >= 4 && !statusStart.MatchString(prev):
			subject = cutSubject(prev)
		default:
			action = strings.TrimSpace(c[loc[1]:])
			if r, _ := utf8.DecodeRuneInString(action); utf8.RuneCountInString(action) < 4 || !isHanRune(r) {
				action = ""
			}
		}
		break
	}
	tail := carryTail(sent)
	if subject == "" {
		if action == "" {
			return ""
		}
		return "抓紧" + action + tail
	}
	subject = strings.TrimSuffix(leadingVerb.ReplaceAllString(subject, ""), "主体") // 综合楼主体已封顶: the building goes on
	if n := utf8.RuneCountInString(subject); n < 4 || n > 80 {
		return ""
	}
	noun := subject
	switch {
	case workNounEnd.MatchString(noun):
	case projectNoun.MatchString(noun):
		noun += "建设"
	default:
		noun += "工作"
	}
	return "加快推进" + noun + tail
}

var (
	clauseSep   = regexp.MustCompile(`[，,；。]`)
	workNounEnd = regexp.MustCompile(`(建设|项目|工程|工作|改造)$`) // already names the work
)

// namesProject reports whether a clause names a building or project rather
// than reporting progress or money (全年投入教育项目资金1.2亿元).
func namesProject(clause string) bool {
	subject := cutSubject(clause)
	return projectNoun.MatchString(subject) && !statusStart.MatchString(clause) && !strings.Contains(subject, "资金") && !strings.Contains(subject, "经费")
}

// statusStart opens a clause that reports progress rather than naming work.
var statusStart = regexp.MustCompile(`^(已|现|正在|目前|预计|累计|共|均)`)

func isHanRune(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// cutSubject keeps the project name of a clause: 三中改扩建项目计划投资… → 三中改扩建项目.
func cutSubject(c string) string {
	if loc := subjectStop.FindStringIndex(c); loc != nil && utf8.RuneCountInString(c[:loc[0]]) >= 4 {
		c = c[:loc[0]]
	}
	return strings.TrimLeft(c, "的了在对")
}

// problemTail is the wording of a problem that a countermeasure drops.

// SummaryProblems collects the problems a summary states: the sentences or
// items of its problems part.
func SummaryProblems(secs []corpus.Section) []string {
	var out []string
	for _, s := range secs {
		if s.Part != corpus.PartProblems {
			continue
		}
		if s.Level > 0 && s.Text == "" && s.Heading != "" && corpus.PartOfHeading(s.Heading) == "" {
			out = append(out, s.Heading)
			continue
		}
		if corpus.PartOfHeading(s.Heading) == "" && s.Heading != "" {
			out = append(out, s.Heading)
			continue
		}
		for _, sent := range sentenceEnd.FindAllString(s.Text+"。", -1) {
			sent = strings.TrimSpace(itemPrefix.ReplaceAllString(strings.TrimSpace(sent), ""))
			sent = strings.TrimRight(sent, "。；")
			if utf8.RuneCountInString(sent) >= 6 && !strings.HasPrefix(sent, "工作中") && !strings.Contains(sent, "存在一些") && !strings.Contains(sent, "主要表现") {
				out = append(out, sent)
			}
		}
	}
	return out
}

var itemPrefix = regexp.MustCompile(`^([一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[.、]|（[一二三四五六七八九十\d]+）)`)

// Planner builds plan outlines and, with a model, plan text.
type Planner struct {
	Sections  SectionSource
	Completer Completer
	Prompts   *prompts.Set
	Checker   Checker
	Taxonomy  corpus.Taxonomy
	Now       func() time.Time // optional; the sign-off date (time.Now when nil)
	// Starter says when task sentences may come from built-in sample
	// reports (内置范文), as for examples; "" is StarterAuto.
	Starter StarterPolicy
}

// Plan writes the plan part: per category in template order, a plan-style
// heading and 2–5 tasks from carry-over work, problems and the corpus.
func (p *Planner) Plan(ctx context.Context, req PlanRequest) (PlanResult, error) {
	fallback := p.Taxonomy.Fallback
	mode := ModeLLM
	if req.Offline || p.Completer == nil {
		mode = ModeOffline
	}
	tasks := CarryOver(append(append([]corpus.Section(nil), req.Summary...), achievedFacts(req.Facts)...), fallback)
	for _, c := range req.Facts.Sections {
		for _, f := range c.Facts {
			switch {
			case isTarget(req.Facts, f.Text):
				tasks[c.Category] = append(tasks[c.Category], PlanTask{Text: strings.TrimRight(f.Text, "。；"), Source: SourceFact})
			case continued(f.Text) != "" && !staleCampaign(f.Text, req.Year, ""):
				// Ongoing work goes on, without this year's figures.
				tasks[c.Category] = append(tasks[c.Category], PlanTask{Text: continued(f.Text), Source: SourceCarryOver})
			}
		}
	}
	p.addCountermeasures(req, tasks)
	if task, ok := venueTask(req.Org, req.Facts.For(safetyCategory)); ok {
		tasks[safetyCategory] = append(tasks[safetyCategory], task)
	}
	p.addSeasonTasks(req, tasks)
	p.addTargetTasks(tasks, Period{req.Year, spanOrAnnual(req.Period)})
	order := p.categoryOrder(req, tasks)
	heads := planHeadings(req.Template, fallback)
	res := PlanResult{Year: req.Year, Mode: mode, Goals: takeGoals(tasks, Period{req.Year, spanOrAnnual(req.Period)})}
	for i, c := range order {
		items := tasks[c]
		if len(items) < 2 {
			items = append(items, p.corpusTasks(ctx, c, items, 2-len(items), req)...)
		}
		if len(items) > 5 {
			items = keepPriority(items, 5)
		}
		if len(items) == 0 {
			continue
		}
		h := planSectionHeading(heads[c], c, items, req, fallback)
		marker := ChineseNumeral(i+1) + "、"
		if len(res.Goals) > 0 {
			marker = "（" + ChineseNumeral(i+1) + "）" // the tasks under 二、重点任务
		}
		res.Sections = append(res.Sections, PlanSection{Marker: marker, Heading: h, Category: c, Items: items})
	}
	allowed := planFacts(req)
	for i := range res.Sections {
		s := &res.Sections[i]
		s.Text = offlinePlanText(s.Items)
		if mode == ModeLLM {
			text, err := p.polish(ctx, req, *s)
			if err != nil {
				return res, err
			}
			marked, _ := p.Checker.MarkSection(text, allowed, Facts{Year: req.Year, Period: req.Period, Sections: []CategoryFacts{{Category: s.Category, Facts: allowed}}})
			s.Text = marked
			s.Items = append(s.Items, PlanTask{Text: "（以上任务经模型润色为正文）", Source: SourceModel})
		}
	}
	at := time.Now()
	if p.Now != nil {
		at = p.Now()
	}
	res.Markdown = renderPlan(req, res, Closing(Facts{Org: req.Org, Year: req.Year, Period: req.Period, Doc: corpus.KindPlan}, at))
	res.Check = p.Checker.Check(res.Markdown, Facts{Year: req.Year, Period: req.Period, Sections: []CategoryFacts{{Category: fallback, Facts: allowed}}})
	res.Check.Queries = FactQueries(req.Facts)
	// A plan need not repeat every figure of the summary it answers.
	res.Check.Missing = []string{}
	res.Check.OK = len(res.Check.Unsupported) == 0
	return res, nil
}

// planFacts are the figures a plan may use: the user's facts and the figures
// of the summary it answers (the user's own report).
func planFacts(req PlanRequest) []Fact {
	var out []Fact
	for _, c := range req.Facts.Sections {
		out = append(out, c.Facts...)
	}
	out = append(out, req.Facts.Problems...) // problems are facts too
	for _, s := range req.Summary {
		if s.Text != "" {
			out = append(out, NewFact(s.Text, 0))
		}
	}
	return out
}

// targetWords mark a sentence that states a goal rather than a result.
var targetWords = regexp.MustCompile(`力争|争取|目标|计划|确保|(^|[^模虚])拟|将要|将在|将于|准备|不低于|保持在|控制在|达到.*以上`)

// isTarget reports whether a fact is a target the plan keeps as it is: every
// fact of a plan's facts file, and the goals stated in a summary's facts.
// This year's results are not next period's tasks.
func isTarget(f Facts, text string) bool {
	if f.Doc == "" || f.Doc == corpus.KindPlan || looksAhead(f, text) {
		return true
	}
	if projectStatus.MatchString(text) {
		return false // 主体封顶，…尚未完成，计划秋季投入使用: work carried over, not a target
	}
	// 制定…方案，计划招生2850人 reports work done: a plan made is a result.
	return targetWords.MatchString(obtainedFunds.ReplaceAllString(text, "获得")) && !doneOpener.MatchString(text)
}

// projectStatus reports where unfinished work stands.
var projectStatus = regexp.MustCompile(`在建|尚未|主体封顶|主体完工|已开工|正在|续建`)

// doneOpener opens a fact that reports work done in the period.
var doneOpener = regexp.MustCompile(`^(制定|完成|出台|印发|召开|组织|开展|举办|建成|发放|编制|启动)`)

// achievedFacts are a summary's facts as summary sections, so that the
// unfinished work among them (在建, 正在实施 …) carries over to the plan.
func achievedFacts(f Facts) []corpus.Section {
	if f.Doc == "" || f.Doc == corpus.KindPlan {
		return nil
	}
	var out []corpus.Section
	for _, c := range f.Sections {
		for _, fact := range c.Facts {
			if looksAhead(f, fact.Text) {
				continue // the writer's target for the next period is no unfinished work of this one
			}
			out = append(out, corpus.Section{Level: 2, Part: corpus.PartSummary, Category: c.Category, Text: fact.Text})
		}
	}
	return out
}

// keepPriority keeps at most n tasks, carry-over and problems first.
func keepPriority(items []PlanTask, n int) []PlanTask {
	rank := map[string]int{SourceFact: 0, SourceCarryOver: 1, SourceProblem: 2, SourceSeason: 3, SourceCorpus: 4}
	sorted := append([]PlanTask(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool { return rank[sorted[i].Source] < rank[sorted[j].Source] })
	return sorted[:n]
}

// addCountermeasures gives each problem of the summary and the facts its
// measure, in the category the problem belongs to.
func (p *Planner) addCountermeasures(req PlanRequest, tasks map[string][]PlanTask) {
	problems := SummaryProblems(req.Summary)
	for _, f := range req.Facts.Problems {
		problems = append(problems, f.Text)
	}
	for _, pr := range problems {
		task, c := Countermeasure(pr)
		task = atLevel(task, req.Org)
		if c == "" || !p.Taxonomy.Has(c) {
			c = p.Taxonomy.Classify(pr, "", "").Category
		}
		tasks[c] = append(tasks[c], PlanTask{Text: task, Source: SourceProblem})
	}
}

// addSeasonTasks adds the routine work of the plan's months that its tasks
// do not name yet; this period's facts are done, and the targets and ongoing
// work among them are tasks already.
func (p *Planner) addSeasonTasks(req PlanRequest, tasks map[string][]PlanTask) {
	written := map[string]bool{}
	for _, c := range req.Facts.Categories() {
		written[c] = true
	}
	for _, s := range req.Summary {
		written[s.Category] = true
	}
	for _, t := range seasonTasksFor(Period{req.Year, spanOrAnnual(req.Period)}) {
		if !written[t.category] && len(tasks[t.category]) == 0 && !t.opensLine() {
			continue // season work joins the plan's lines of work
		}
		if p.Taxonomy.Has(t.category) && !t.saidAlready(nil, factTexts(req.Facts.For(t.category)), tasks[t.category]) {
			tasks[t.category] = append(tasks[t.category], PlanTask{Text: t.text, Source: SourceSeason})
		}
	}
}

// schoolSport marks a task of school sport.
var schoolSport = regexp.MustCompile(`学校体育|校园体育|中小学生|青少年`)

// addTargetTasks gives each of the user's targets the usual task of its work
// (控辍保学 for a 巩固率, 公办园建设 for new kindergartens) in its category,
// so a target stated under 主要目标 is answered under 重点任务.
func (p *Planner) addTargetTasks(tasks map[string][]PlanTask, period Period) {
	added := map[string][]PlanTask{}
	for c, items := range tasks {
		for _, it := range items {
			if it.Source != SourceFact || !statesTarget(withoutPeriodName([]Fact{{Text: it.Text}}, period)[0].Text) {
				continue
			}
			// the task of the category's own work when the target names
			// one (食堂改造, not 开学前), else the target's first work
			for _, t := range targetWork(it.Text, func(s string) bool { return p.ofCategory(s, c) }) {
				t = strings.TrimRight(t, "。")
				if !similarTask(t, items, added[c]) {
					added[c] = append(added[c], PlanTask{Text: t, Source: SourceCorpus})
				}
			}
		}
	}
	for c, more := range added {
		tasks[c] = append(tasks[c], more...)
	}
}

// categoryOrder lists the plan's categories: the template's order, then the
// summary's, then the facts'.
func (p *Planner) categoryOrder(req PlanRequest, tasks map[string][]PlanTask) []string {
	fallback := p.Taxonomy.Fallback
	var out []string
	seen := map[string]bool{fallback: true}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	if p.Taxonomy.Has(partyCategory) {
		add(partyCategory) // a bureau's plan opens with party building
	}
	wanted := map[string]bool{}
	for _, s := range req.Summary {
		if s.Part == corpus.PartSummary {
			wanted[s.Category] = true
		}
	}
	for _, c := range req.Facts.Categories() {
		wanted[c] = true
	}
	for c := range tasks {
		wanted[c] = true
	}
	for _, c := range req.Template.Categories(fallback) {
		if wanted[c] {
			add(c)
		}
	}
	for _, s := range req.Summary {
		if wanted[s.Category] {
			add(s.Category)
		}
	}
	for _, c := range req.Facts.Categories() {
		add(c)
	}
	rest := make([]string, 0, len(tasks))
	for c := range tasks {
		rest = append(rest, c)
	}
	sort.Strings(rest)
	for _, c := range rest {
		add(c)
	}
	if len(tasks[fallback]) > 0 {
		out = append(out, fallback)
		if n := len(out); n >= 2 && out[n-2] == safetyCategory && otherHeading(req.Facts.For(fallback), true) != otherHeading(nil, true) {
			// 其他 headed as a line of work (体育惠民) comes before safety,
			// which closes a plan's tasks
			out[n-2], out[n-1] = out[n-1], out[n-2]
		}
	}
	return out
}

// safetyCategory is the category a bureau's report and plan close with.
const safetyCategory = "安全"

// principleTasksFirst puts a principle (坚持……) before the specific tasks,
// as a list in a plan opens.
func principleTasksFirst(items []PlanTask) []PlanTask {
	out := append([]PlanTask(nil), items...)
	sort.SliceStable(out, func(i, j int) bool {
		return strings.HasPrefix(out[i].Text, "坚持") && !strings.HasPrefix(out[j].Text, "坚持")
	})
	return out
}

// tasksAsFacts lets a plan's tasks stand where facts are checked.
func tasksAsFacts(items []PlanTask) []Fact {
	out := make([]Fact, len(items))
	for i, t := range items {
		out[i] = Fact{Text: t.Text}
	}
	return out
}

// ofCategory reports whether a task belongs to the category: the taxonomy
// files it there or nowhere in particular (校长负责制 is 党建, not 师资).
func (p *Planner) ofCategory(task, category string) bool {
	if len(p.Taxonomy.Categories) == 0 {
		return true
	}
	got := p.Taxonomy.Classify(task, "", "").Category
	return got == category || got == p.Taxonomy.Fallback
}

// similarTask reports whether a task says much what one already listed says
// (备考指导 twice, 质量监测 three times in one list).
func similarTask(t string, lists ...[]PlanTask) bool {
	for _, l := range lists {
		for _, h := range l {
			if similar(h.Text, t) {
				return true
			}
		}
	}
	return false
}

// planSectionHeading is a plan section's heading: the template's when it
// fits the tasks, else the house one (办好特殊教育… over tasks with no 特殊教育
// is another plan's); 其他 is headed by its facts' topic when they share one.
func planSectionHeading(h, category string, items []PlanTask, req PlanRequest, fallback string) string {
	if h != "" && headingFits(h, category, tasksAsFacts(items)) && (!req.Template.Mined || strings.Contains(h, "，")) {
		return h
	}
	if category == fallback {
		h := otherHeading(req.Facts.For(category), true)
		if h == otherTopics[0].plan && anyMatches(tasksAsFacts(items), schoolSport) {
			return "抓体育惠民，推动全民健身和学校体育协调发展" // its tasks take in school sport too
		}
		return h
	}
	if sb, ok := sportsBureauHeadings[category]; ok && field(req.Org) != "教育" && anyMatches(append(tasksAsFacts(items), req.Facts.For(category)...), venue) {
		return sb[1] // an 教育体育局's venues are its work too
	}
	return CategoryHeading(category, true)
}

// planHeadings takes the plan-part heading of each category from a template
// when it can be reused as it is.
func planHeadings(t Template, fallback string) map[string]string {
	out := map[string]string{}
	for _, s := range t.Sections {
		if s.Part == corpus.PartPlan && s.Category != fallback && out[s.Category] == "" && reusableHeading(s.Heading) {
			out[s.Category] = s.Heading
		}
	}
	return out
}

// corpusTasks takes typical, fact-free task sentences from past plans of the
// category, avoiding ones that repeat tasks already listed; house-style
// tasks fill in when the corpus has too few usable ones.
func (p *Planner) corpusTasks(ctx context.Context, category string, have []PlanTask, n int, req PlanRequest) []PlanTask {
	if p.Sections == nil || n <= 0 {
		return nil
	}
	var candidates []string
	for _, s := range p.taskSources(ctx, category) {
		for _, sent := range LeadSentences(s.Text, 0) {
			candidates = append(candidates, atLevel(sent, req.Org))
		}
	}
	house := append(append([]string{}, planHouseLeads[category]...), houseLeads[category]...)
	if category == p.Taxonomy.Fallback {
		// 其他 holds anything: other reports' 其他 tasks (教育宣传) are not
		// this one's; the tasks of the work its facts name are.
		candidates, house = nil, topicSentences(req.Facts.For(category), true, func(string) bool { return true })
	}
	period, facts := Period{Year: req.Year, Span: spanOrAnnual(req.Period)}, factsText(req.Facts)
	// other plans' tasks of a category the writer reported on are kept to
	// the writer's work (县管校聘, not 校外培训监管, after the writer's reforms)
	own := bigramSet(factsText(Facts{Sections: []CategoryFacts{{Category: category, Facts: req.Facts.For(category)}}}))
	var out []PlanTask
	seen := map[string]bool{}
	for _, h := range have {
		seen[h.Text] = true
	}
	for i, c := range append(candidates, house...) {
		t := strings.TrimRight(c, "。")
		if len(out) == n {
			break
		}
		corpusSentence := i < len(candidates)
		offTopic := corpusSentence && len(own) > 0 && contentOverlap(own, t) < 2
		if seen[t] || offTopic || !stockFits(t, category, period, facts) || corpusSentence && !p.ofCategory(t, category) || similarTask(t, have, out) || namesSeasonWork(t, have) {
			continue
		}
		seen[t] = true
		out = append(out, PlanTask{Text: t, Source: SourceCorpus})
	}
	return out
}

// taskSources are the sections plan tasks are taken from: past plans of the
// category first, then its summaries, whose approach sentences (健全……机制)
// read as tasks as well; only the user's own reports once there are any,
// as for examples.
func (p *Planner) taskSources(ctx context.Context, category string) []corpus.SectionRecord {
	secs, err := p.Sections.Sections(ctx, category, corpus.PartPlan, 200)
	if err != nil {
		return nil
	}
	more, err := p.Sections.Sections(ctx, category, "", 400)
	if err != nil {
		more = nil
	}
	if p.Starter == StarterNever || p.Starter != StarterAlways && len(more) > 0 && !more[0].Builtin {
		secs, more = withoutStarter(secs), withoutStarter(more)
	}
	return append(secs[:len(secs):len(secs)], more...)
}

// offlinePlanText joins tasks into 一是……；二是……。
func offlinePlanText(items []PlanTask) string {
	items = principleTasksFirst(items)
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString("；")
		}
		if len(items) > 1 {
			b.WriteString(ChineseNumeral(i+1) + "是")
		}
		b.WriteString(strings.TrimRight(it.Text, "。；"))
	}
	if b.Len() > 0 {
		b.WriteString("。")
	}
	return b.String()
}

// polish has the model write one category's plan text from its tasks.
func (p *Planner) polish(ctx context.Context, req PlanRequest, s PlanSection) (string, error) {
	in := prompts.PlanInput{Org: req.Org, Year: req.Year, Heading: s.Heading, Category: s.Category}
	for _, it := range s.Items {
		if it.Source == SourceFact {
			in.Targets = append(in.Targets, it.Text)
			continue
		}
		in.Tasks = append(in.Tasks, prompts.PlanTask{Text: it.Text, Source: SourceName(it.Source)})
	}
	pr, err := p.Prompts.Plan(in)
	if err != nil {
		return "", err
	}
	resp, err := p.Completer.Complete(ctx, ChatRequest{Purpose: "plan:" + s.Category, Messages: []Message{{"system", pr.System}, {"user", pr.User}}}, nil)
	if err != nil {
		return "", fmt.Errorf("润色计划“%s”: %w", s.Heading, err)
	}
	return cleanModelText(resp.Text, s.Heading), nil
}

// takeGoals moves the user's targets out of the task lists: a plan for
// period p states them together under 主要目标. The user's tasks (第二季度启动
// 学习教育) stay in their lists, without the period's name.
func takeGoals(tasks map[string][]PlanTask, p Period) []string {
	var goals []string
	for c, items := range tasks {
		kept := items[:0]
		for _, it := range items {
			if it.Source == SourceFact {
				text := withoutPeriodName([]Fact{{Text: it.Text}}, p)[0].Text
				if statesTarget(text) {
					goals = append(goals, strings.TrimPrefix(it.Text, "力争"))
					continue
				}
				it.Text = text
			}
			kept = append(kept, it)
		}
		tasks[c] = kept
	}
	sort.Strings(goals) // map order is random; a stable plan is testable
	return goals
}

// partyCategory is the taxonomy's party-building category, which a plan
// puts first.
const partyCategory = "党建"

// SourceName is a task source's name for people and prompts: 续办, 对策,
// 常见任务, 目标, 模型.
func SourceName(source string) string {
	switch source {
	case SourceCarryOver:
		return "续办（本单位总结中未完成的工作，其中的项目名称照用）"
	case SourceProblem:
		return "对策（针对存在的问题）"
	case SourceSeason:
		return "时令工作（计划期这几个月的例行工作）"
	case SourceCorpus:
		return "常见任务（语料库同类计划）"
	case SourceFact:
		return "目标（用户提供）"
	case SourceModel:
		return "模型"
	}
	return source
}

// PlanTitle is a plan's title: 岚湖县教育局2025年工作计划, …2024年下半年工作计划.
func PlanTitle(req PlanRequest) string {
	return req.Org + Period{req.Year, spanOrAnnual(req.Period)}.Name() + "工作计划"
}

// OfflinePlanNotice says, outside the plan itself, how an offline plan was made.
const OfflinePlanNotice = "离线计划：任务来自上期总结中未完成的工作（续办）、存在的问题（对策）、计划期这几个月的例行工作（时令）和语料库中同类计划的常见任务。配置模型后可润色为完整行文，见 README。"

// renderPlan writes the plan part as Markdown.
func renderPlan(req PlanRequest, res PlanResult, closing string) string {
	var b strings.Builder
	b.WriteString("# " + PlanTitle(req) + "\n\n")
	b.WriteString(ComposeOpening(Facts{Org: req.Org, Year: req.Year, Period: req.Period, Doc: corpus.KindPlan}) + "\n\n")
	head := "## "
	if len(res.Goals) > 0 {
		b.WriteString("## 一、主要目标\n\n" + goalsSentence(Period{req.Year, spanOrAnnual(req.Period)}, res.Goals) + "\n\n## 二、重点任务\n\n")
		head = "### "
	}
	for _, s := range res.Sections {
		b.WriteString(head + s.Marker + s.Heading + "\n\n" + chineseQuotes(s.Text) + "\n\n")
	}
	b.WriteString(closing)
	return strings.TrimRight(b.String(), "\n") + "\n"
}

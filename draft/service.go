package draft

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/prompts"
)

// Modes of a draft.
const (
	ModeLLM     = "llm"
	ModeOffline = "offline"
)

// Section statuses in a run.
const (
	StatusPending = "pending"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// RunStore keeps draft runs so an interrupted draft can be resumed.
type RunStore interface {
	// CreateRun stores a new run and returns its id.
	CreateRun(ctx context.Context, r Run) (int64, error)
	// SaveRunSection stores one section's state, replacing its previous state.
	SaveRunSection(ctx context.Context, runID int64, s RunSection) error
	// SaveRunOpening stores the opening paragraph of a run.
	SaveRunOpening(ctx context.Context, runID int64, text string) error
	// GetRun loads a run with its sections; the error wraps ErrRunNotFound
	// when there is none.
	GetRun(ctx context.Context, id int64) (Run, error)
}

// ErrRunNotFound is returned (wrapped) for an unknown run id.
var ErrRunNotFound = errkind.New(errkind.NotFound, "没有这个草稿记录")

// Run is a stored draft: what it was asked for and each section's state.
type Run struct {
	ID        int64
	Title     string
	Mode      string
	FactsYAML string // the facts file as given, so a resume needs nothing else
	FactsName string
	OutPath   string // the file the first run wrote, where a resume writes too
	Template  Template
	Opening   string
	Sections  []RunSection
	CreatedAt time.Time
	// Owner is the id of the user who drafted it (users.User.ID); 0 when
	// made without users, e.g. by the command line.
	Owner int64
}

// RunSection is one outline item of a run with its text once written.
type RunSection struct {
	Seq      int
	Level    int
	Marker   string
	Heading  string
	Part     string
	Category string
	Write    bool
	Status   string
	Text     string
	Error    string
}

// Event reports drafting progress.
type Event struct {
	Seq, Total int
	Heading    string
	Category   string
	Status     string // "start", "delta", "done", "repair", "failed"
	Delta      string
	Elapsed    time.Duration
	Err        error
}

// Service drafts reports: outline → examples → prompt → model → number check
// → repair → marks. With no Completer it composes offline.
type Service struct {
	Sections    SectionSource
	Runs        RunStore // optional
	Completer   Completer
	Prompts     *prompts.Set
	Checker     Checker
	Examples    ExampleOptions
	Concurrency int
	Fallback    string
	Taxonomy    corpus.Taxonomy  // classifies problems into plan sections
	Now         func() time.Time // optional; the sign-off date (time.Now when nil)
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Outline is the report's outline as Draft writes it: the template's
// structure for the facts, with the unfinished work of a summary+plan
// carried over and each problem's countermeasure attached to the plan
// section of its category. The web page shows it before drafting.
func (s *Service) Outline(f Facts, t Template) []OutlineItem {
	items := BuildOutline(f, t, s.Fallback)
	if f.Doc == corpus.KindSummaryPlan {
		carried := CarryOver(achievedFacts(f), s.Fallback)
		for _, c := range f.Categories() {
			for _, task := range carried[c] {
				items = s.attachTask(items, c, task)
			}
		}
	}
	for _, p := range f.Problems {
		task, c := Countermeasure(p.Text)
		if c == "" || !s.Taxonomy.Has(c) {
			c = s.Taxonomy.Classify(p.Text, "", "").Category
		}
		items = s.attachTask(items, c, PlanTask{Text: atLevel(task, f.Org), Source: SourceProblem})
	}
	if task, ok := venueTask(f.Org, f.For(safetyCategory)); ok && f.Doc != corpus.KindSummary {
		items = s.attachTask(items, safetyCategory, task)
	}
	items = s.headTopics(s.withSeasonTasks(f, items))
	for i := range items {
		items[i].others = otherHeadings(items, items[i])
	}
	return items
}

// withTargetsListed puts a plan section's targets at the head of its task
// list when it has tasks too, so the paragraph reads 一是力争…；二是… rather
// than a target and then a list that leaves it out; it returns the item
// without those facts and the tasks to list.
func withTargetsListed(it OutlineItem, period Period) (OutlineItem, []PlanTask) {
	if it.Part != corpus.PartPlan || len(it.Tasks) == 0 || len(it.Facts) == 0 {
		return it, it.Tasks
	}
	var tasks []PlanTask
	for _, f := range withoutPeriodName(it.Facts, period) {
		t := periodLead.ReplaceAllString(strings.TrimRight(strings.TrimSpace(f.Text), "。；，"), "")
		tasks = append(tasks, PlanTask{Text: t, Source: SourceFact})
	}
	it.Facts = nil
	return it, append(tasks, it.Tasks...)
}

// headTopics gives a section under a house heading the heading of the one
// piece of work its facts speak of, when none of them is its category's
// work by the taxonomy (9月1日如期开学 filed under 教育质量); a section whose
// facts are its category's keeps its heading (开学前完成校车安全检查 is 安全)
// unless the topic is a part of that category's work (取暖设备 under 办学条件
// is 设施设备, not 项目建设); no heading is used twice.
func (s *Service) headTopics(items []OutlineItem) []OutlineItem {
	used := map[string]bool{}
	for _, it := range items {
		used[it.Heading] = true
	}
	for i, it := range items {
		plan := it.Part == corpus.PartPlan
		if !it.Write || len(it.Facts) == 0 || it.Heading != CategoryHeading(it.Category, plan) && it.Heading != resultHeadings[it.Category] {
			continue
		}
		ofCategory := false
		for _, f := range it.Facts {
			ofCategory = ofCategory || s.Taxonomy.Classify(f.Text, "", "").Category == it.Category
		}
		// a plan section's tasks are its content too: a 控辍保学 heading does
		// not head 秋季开学 and 质量监测 tasks
		h, within := topicHeadingWithin(append(append([]Fact(nil), it.Facts...), tasksAsFacts(it.Tasks)...), plan)
		if h != "" && (!ofCategory || within == it.Category) && !used[h] {
			items[i].Heading, used[h] = h, true
		}
	}
	return items
}

// withSeasonTasks gives the plan part of a quarterly or half-year report the
// routine work of its months, in the section of its category (safety may
// open one), unless the writer's targets or the listed tasks say it already.
func (s *Service) withSeasonTasks(f Facts, items []OutlineItem) []OutlineItem {
	if f.Doc == corpus.KindSummary {
		return items
	}
	period := factsPeriod(f)
	if f.Doc != corpus.KindPlan {
		period = period.Next()
	}
	for _, t := range seasonTasksFor(period) {
		i := planItemOf(items, t.category)
		if !s.Taxonomy.Has(t.category) || i < 0 && !t.opensLine() {
			continue
		}
		var said []string
		var tasks []PlanTask
		if i >= 0 {
			// this period's work that goes on (持续开展防溺水专题教育) says it too
			said = append(factTexts(items[i].Facts), continuedWork(items[i].related, period.Year))
			tasks = items[i].Tasks
		}
		if !t.saidAlready(said, factTexts(f.For(t.category)), tasks) {
			items = s.attachTask(items, t.category, PlanTask{Text: t.text, Source: SourceSeason})
		}
	}
	return items
}

// attachTask gives a task (a countermeasure, unfinished work carried over)
// to the plan section of its category, adding that section at its
// conventional place in the plan part when the report has none: a measure
// for teachers goes under teachers, never under whatever section happens to
// come last.
func (s *Service) attachTask(items []OutlineItem, category string, task PlanTask) []OutlineItem {
	last := -1
	for i, it := range items {
		if it.Part == corpus.PartPlan && it.Write {
			last = i
		}
	}
	if last < 0 {
		return items
	}
	target := planItemOf(items, category)
	if target < 0 && category != "" && category != s.Fallback {
		items, target = insertPlanItem(items, last, category)
	} else if target < 0 {
		target = last
	}
	items[target].Tasks = append(items[target].Tasks, task)
	return items
}

// planItemOf is the index of the plan section of a category, -1 if none.
func planItemOf(items []OutlineItem, category string) int {
	for i, it := range items {
		if it.Part == corpus.PartPlan && it.Write && !it.goals && it.Category == category {
			return i
		}
	}
	return -1
}

// insertPlanItem adds a plan section for a category among the plan
// sections at the level of items[last], at the category's conventional
// place (安全 stays last), renumbers them and returns the new index.
func insertPlanItem(items []OutlineItem, last int, category string) ([]OutlineItem, int) {
	prev := items[last]
	at := last + 1
	for i, it := range items {
		if it.Part == corpus.PartPlan && it.Write && !it.goals && it.Level == prev.Level && conventionalRank(it.Category) > conventionalRank(category) {
			at = i
			break
		}
	}
	add := OutlineItem{Level: prev.Level, Heading: CategoryHeading(category, true), Part: corpus.PartPlan, Category: category, Write: true}
	out := append(append(append([]OutlineItem{}, items[:at]...), add), items[at:]...)
	n := 0
	for i, it := range out {
		if it.Part == corpus.PartPlan && it.Write && !it.goals && it.Level == prev.Level {
			n++
			out[i].Marker = NumberMarker(MarkerStyle(prev.Marker), n)
		}
	}
	return out, at
}

// Request asks for one draft.
type Request struct {
	Facts     Facts
	FactsYAML string // stored with the run for --resume
	OutPath   string // stored with the run, so --resume writes the same file
	// Progress, when not nil, hears each section start, stream, repair and
	// finish; it is called from several goroutines.
	Progress  func(Event)
	Template  Template
	Offline   bool
	ResumeRun int64 // resume this run instead of starting a new one
	// Owner is recorded as the new run's owner (see Run.Owner).
	Owner int64
}

// SectionResult is one written section.
type SectionResult struct {
	Level    int         `json:"level"`
	Marker   string      `json:"marker"`
	Heading  string      `json:"heading"`
	Category string      `json:"category"`
	Part     string      `json:"part"`
	Text     string      `json:"text"`
	Status   string      `json:"status"`
	Check    CheckResult `json:"check"`
}

// Result is a finished (or partly finished) draft.
type Result struct {
	RunID    int64           `json:"run_id"`
	Title    string          `json:"title"`
	Mode     string          `json:"mode"`
	Markdown string          `json:"markdown"`
	Sections []SectionResult `json:"sections"`
	Check    CheckResult     `json:"check"`
}

// Draft writes the report. On cancellation it returns what was finished
// together with the context's error; finished sections are kept in the run.
func (s *Service) Draft(ctx context.Context, req Request) (Result, error) {
	mode := ModeLLM
	if req.Offline || s.Completer == nil {
		mode = ModeOffline
	}
	f := req.Facts
	items := s.Outline(f, req.Template)
	res := Result{Title: ReportTitleFor(f, items), Mode: mode}
	texts := make([]string, len(items))
	status := make([]string, len(items))
	for i := range status {
		status[i] = StatusPending
	}
	opening := ""
	if req.ResumeRun != 0 && s.Runs != nil {
		run, err := s.Runs.GetRun(ctx, req.ResumeRun)
		if err != nil {
			return res, err
		}
		res.RunID = run.ID
		opening = run.Opening
		for i, rs := range run.Sections {
			if i < len(items) && rs.Status == StatusDone {
				texts[i], status[i] = rs.Text, StatusDone
			}
		}
	}
	if req.ResumeRun == 0 && s.Runs != nil {
		run := Run{Title: res.Title, Mode: mode, FactsYAML: req.FactsYAML, FactsName: f.Source, Template: req.Template, OutPath: req.OutPath, Owner: req.Owner}
		for i, it := range items {
			run.Sections = append(run.Sections, runSection(i, it, StatusPending, ""))
		}
		id, err := s.Runs.CreateRun(ctx, run)
		if err != nil {
			return res, err // the store names the operation (保存草稿记录)
		}
		res.RunID = id
	}

	// The opening is written alongside the sections, so a report takes about
	// as long as its slowest call rather than one call more.
	openingDone := make(chan string, 1)
	go func() {
		if opening != "" {
			openingDone <- opening
			return
		}
		text := s.opening(ctx, f, res.Title, mode)
		if s.Runs != nil && res.RunID != 0 && ctx.Err() == nil {
			_ = s.Runs.SaveRunOpening(context.WithoutCancel(ctx), res.RunID, text)
		}
		openingDone <- text
	}()
	var composed []string
	if mode == ModeOffline {
		var err error
		if composed, err = s.composeOffline(ctx, f, items); err != nil {
			return res, err
		}
	}
	err := s.writeSections(ctx, f, items, texts, status, composed, mode, res.RunID, req.Progress)
	opening = <-openingDone

	for i, it := range items {
		sr := SectionResult{Level: it.Level, Marker: it.Marker, Heading: it.Heading, Category: it.Category, Part: it.Part, Text: texts[i], Status: status[i]}
		if it.Write && texts[i] != "" {
			// Marks 【待核实】 count as unsupported, also in sections kept
			// from an interrupted run: the checker lists them.
			sr.Check = s.Checker.CheckSection(texts[i], it.Facts, f)
		}
		if !it.Write {
			sr.Status = StatusDone
		}
		res.Sections = append(res.Sections, sr)
	}
	res.Markdown = RenderMarkdown(res.Title, opening, res.Sections, Closing(f, s.now()))
	res.Check = s.Checker.Check(res.Markdown, f)
	res.Check.Queries = FactQueries(f)
	return res, err
}

func runSection(i int, it OutlineItem, status, text string) RunSection {
	return RunSection{Seq: i, Level: it.Level, Marker: it.Marker, Heading: it.Heading, Part: it.Part, Category: it.Category, Write: it.Write, Status: status, Text: text}
}

// writeSections drafts the pending items, a few at a time.
func (s *Service) writeSections(ctx context.Context, f Facts, items []OutlineItem, texts, status, composed []string, mode string, runID int64, progress func(Event)) error {
	emit := func(e Event) {
		if progress != nil {
			progress(e)
		}
	}
	limit := s.Concurrency
	if limit <= 0 || mode == ModeOffline {
		limit = 1
	}
	total := 0
	for _, it := range items {
		if it.Write {
			total++
		}
	}
	// A rejected key fails every call alike, and a model that does not
	// answer would make every section wait as long: stop at the first one.
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	n := 0
	for i, it := range items {
		if !it.Write || status[i] == StatusDone {
			if it.Write {
				n++
			}
			continue
		}
		n++
		seq := n
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			mu.Lock()
			if firstErr == nil {
				firstErr = ctx.Err()
			}
			mu.Unlock()
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func(i int, it OutlineItem) {
			defer wg.Done()
			defer func() { <-sem }()
			start := time.Now()
			emit(Event{Seq: seq, Total: total, Heading: it.Heading, Category: it.Category, Status: "start"})
			if mode == ModeOffline {
				it.composed = composed[i]
			}
			text, err := s.writeSection(ctx, f, it, mode, func(d string) {
				emit(Event{Seq: seq, Total: total, Heading: it.Heading, Category: it.Category, Status: "delta", Delta: d})
			}, func() {
				emit(Event{Seq: seq, Total: total, Heading: it.Heading, Category: it.Category, Status: "repair"})
			})
			st := StatusDone
			errText := ""
			if err != nil {
				st, errText = StatusFailed, err.Error()
			}
			mu.Lock()
			texts[i], status[i] = text, st
			if err != nil && (firstErr == nil || errors.Is(firstErr, context.Canceled) && stopsDrafting(err)) {
				firstErr = err
			}
			mu.Unlock()
			if stopsDrafting(err) {
				stop(err)
			}
			if s.Runs != nil && runID != 0 {
				rs := runSection(i, it, st, text)
				rs.Error = errText
				// Saved with a fresh context: a section finished as Ctrl-C
				// arrives is still worth keeping.
				if err := s.Runs.SaveRunSection(context.WithoutCancel(ctx), runID, rs); err != nil && firstErr == nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
			}
			emit(Event{Seq: seq, Total: total, Heading: it.Heading, Category: it.Category, Status: map[bool]string{true: "done", false: "failed"}[err == nil], Elapsed: time.Since(start), Err: err})
		}(i, it)
	}
	wg.Wait()
	return firstErr
}

// composeOffline writes every section without a model, in outline order, with
// one Composer, so no lead sentence is used twice in the report.
func (s *Service) composeOffline(ctx context.Context, f Facts, items []OutlineItem) ([]string, error) {
	c := &Composer{Facts: f, Taxonomy: s.Taxonomy}
	out := make([]string, len(items))
	for i, it := range items {
		if !it.Write {
			continue
		}
		category := it.Category
		if it.Part == corpus.PartProblems {
			category = s.Fallback
		}
		// The composer needs sentences that state an approach; they are rare,
		// so it pools every section of the category, from every part.
		secs, err := s.Sections.Sections(ctx, category, "", candidatePool)
		if err != nil {
			return nil, fmt.Errorf("检索范文: %w", err)
		}
		// Its lead sentences come from the user's own reports of the
		// category when there are any, as the examples do; from the
		// 内置范文 only while there are none (or as configured).
		if p := s.Examples.Starter; p == StarterNever || p != StarterAlways && len(secs) > 0 && !secs[0].Builtin {
			secs = withoutStarter(secs)
		}
		pool := make([]Example, len(secs))
		for k, sec := range secs {
			pool[k] = Example{SectionRecord: sec}
		}
		it, tasks := withTargetsListed(it, c.partPeriod(it))
		text := c.Section(it, pool)
		if len(tasks) > 0 {
			text = strings.TrimPrefix(text, noFactsNote) + offlinePlanText(tasks)
		}
		out[i] = text
	}
	return out, nil
}

// writeSection drafts one section: offline composition, or model → check →
// one repair → marks.
func (s *Service) writeSection(ctx context.Context, f Facts, it OutlineItem, mode string, onDelta func(string), onRepair func()) (string, error) {
	category := it.Category
	if it.Part == corpus.PartProblems {
		category = s.Fallback
	}
	if mode == ModeOffline {
		return it.composed, nil
	}
	examples, err := SelectExamples(ctx, s.Sections, category, it.Part, it.Facts, s.Examples)
	if err != nil {
		return "", err
	}
	in := sectionInput(f, it, examples, s.Examples)
	for _, t := range it.Tasks {
		in.Facts = append(in.Facts, t.Text)
	}
	p, err := s.Prompts.Section(in)
	if err != nil {
		return "", err
	}
	resp, err := s.Completer.Complete(ctx, ChatRequest{Purpose: "section:" + it.Category, Messages: []Message{{"system", p.System}, {"user", p.User}}}, onDelta)
	if err != nil {
		return "", err
	}
	text := cleanModelText(resp.Text, it.Heading)
	if resp.Truncated {
		text += corpus.MarkText("本节因长度限制被截断，请补写")
	}
	check := s.Checker.CheckSection(text, it.Facts, f)
	if !check.OK {
		onRepair()
		rp, err := s.Prompts.Repair(prompts.RepairInput{Heading: it.Heading, Draft: text, Facts: factTexts(it.Facts), Unsupported: check.Unsupported, Missing: check.Missing})
		if err != nil {
			return "", err
		}
		resp, err := s.Completer.Complete(ctx, ChatRequest{Purpose: "repair:" + it.Category, Messages: []Message{{"system", rp.System}, {"user", rp.User}}}, nil)
		if err == nil && strings.TrimSpace(resp.Text) != "" {
			text = cleanModelText(resp.Text, it.Heading)
		} else if err != nil && ctx.Err() != nil {
			return "", err
		}
	}
	text, _ = s.Checker.MarkSection(text, it.Facts, f)
	return text, nil
}

// factTexts are the texts of facts.
func factTexts(fs []Fact) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Text)
	}
	return out
}

// PeriodName words the period for prompts: 2024年度, 2024年上半年.
func PeriodName(f Facts) string {
	y := strconv.Itoa(f.Year) + "年"
	switch {
	case f.Period == corpus.PeriodFirstHalf:
		return y + "上半年"
	case f.Period == corpus.PeriodSecondHalf:
		return y + "下半年"
	case strings.HasPrefix(f.Period, "q") && len(f.Period) == 2:
		return y + "第" + ChineseNumeral(int(f.Period[1]-'0')) + "季度"
	}
	return y + "度"
}

func sectionInput(f Facts, it OutlineItem, ex []Example, opt ExampleOptions) prompts.SectionInput {
	in := prompts.SectionInput{
		Org: f.Org, Year: f.Year, PeriodName: PeriodName(f), DocKind: "工作总结", PartName: "工作总结",
		Heading: it.Marker + it.Heading, Category: it.Category, Facts: factTexts(it.Facts),
		Plan: it.Part == corpus.PartPlan, Others: it.others,
	}
	switch it.Part {
	case corpus.PartPlan:
		in.PartName, in.DocKind = "工作计划", "工作计划"
	case corpus.PartProblems:
		in.PartName = "存在问题"
	}
	// The length follows the facts: a sentence or two of approach, then
	// about sixty characters a fact.
	in.MinChars = 120 + 60*len(it.Facts)
	in.MaxChars = 2 * in.MinChars
	for _, e := range ex {
		text := stripListNumbers(e.Text)
		if opt.MaxChars > 0 && len([]rune(text)) > opt.MaxChars {
			text = string([]rune(text)[:opt.MaxChars]) + "……"
		}
		in.Examples = append(in.Examples, prompts.Example{Title: e.DocTitle, Org: e.Org, Year: e.Year, Heading: e.Heading, Text: text})
	}
	return in
}

// listNumber is an Arabic list number opening a line or a clause (2、 3.),
// which an example's text keeps from its source and a model would copy.
var listNumber = regexp.MustCompile(`(^|\n|[。；;：:])\s*\d{1,2}[、.．]\s*`)

// stripListNumbers removes list numbers from an example's text.
func stripListNumbers(s string) string { return listNumber.ReplaceAllString(s, "$1") }

// otherHeadings lists the headings of the items written apart from it.
func otherHeadings(items []OutlineItem, it OutlineItem) []string {
	var out []string
	for _, o := range items {
		if o.Write && o.Heading != it.Heading && o.Part == it.Part {
			out = append(out, o.Heading)
		}
	}
	return out
}

// cleanModelText drops what models add around a section body: a repeated
// heading, Markdown fences and emphasis.
func cleanModelText(s, heading string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "```")
	s = strings.TrimSuffix(s, "```")
	var keep []string
	for i, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.TrimLeft(l, "#"))
		l = strings.ReplaceAll(l, "**", "")
		if l == "" {
			continue
		}
		// A first line that repeats the heading is the heading; with no
		// heading (the opening) every line is text.
		if i == 0 && heading != "" && (strings.Contains(l, heading) || strings.Contains(heading, l)) && len([]rune(l)) < 40 {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// repairOpening asks the model once to remove what the check found; it
// returns the text unchanged when the repair fails.
func (s *Service) repairOpening(ctx context.Context, f Facts, text string, c CheckResult) string {
	rp, err := s.Prompts.Repair(prompts.RepairInput{Heading: "开头", Draft: text, Facts: factTexts(f.allFacts()), Unsupported: c.Unsupported, Missing: nil})
	if err != nil {
		return text
	}
	resp, err := s.Completer.Complete(ctx, ChatRequest{Purpose: "repair:opening", Messages: []Message{{"system", rp.System}, {"user", rp.User}}}, nil)
	if err != nil || strings.TrimSpace(resp.Text) == "" {
		return text
	}
	return cleanModelText(resp.Text, "")
}

// opening writes the 总述 paragraph.
func (s *Service) opening(ctx context.Context, f Facts, title, mode string) string {
	if mode == ModeOffline {
		return composeOpening(f, title)
	}
	ex, _ := SelectExamples(ctx, s.Sections, s.Fallback, corpus.PartPreamble, nil, ExampleOptions{K: 2, MinChars: 60, MaxChars: 600, Starter: s.Examples.Starter})
	in := prompts.OpeningInput{Org: f.Org, Year: f.Year, PeriodName: PeriodName(f), DocKind: "工作总结", Categories: f.Categories()}
	if f.Doc == corpus.KindPlan {
		in.DocKind = "工作计划"
	}
	for _, e := range ex {
		in.Examples = append(in.Examples, prompts.Example{Title: e.DocTitle, Org: e.Org, Year: e.Year, Heading: "开头", Text: e.Text})
	}
	p, err := s.Prompts.Opening(in)
	if err != nil {
		return composeOpening(f, title)
	}
	resp, err := s.Completer.Complete(ctx, ChatRequest{Purpose: "opening", Messages: []Message{{"system", p.System}, {"user", p.User}}}, nil)
	if err != nil || strings.TrimSpace(resp.Text) == "" {
		return composeOpening(f, title)
	}
	text := cleanModelText(resp.Text, "")
	// An unsupported figure in the opening is repaired once, like a
	// section's, then marked: the paragraph is never dropped silently.
	if c := s.Checker.CheckSection(text, nil, f); len(c.Unsupported) > 0 {
		text = s.repairOpening(ctx, f, text, c)
		text, _ = s.Checker.MarkSection(text, nil, f)
	}
	return text
}

// RenderMarkdown writes the report as Markdown: title, opening, headings with
// their markers, bodies, then the closing and sign-off. How the draft was
// made (offline or with a model) is said outside the report.
func RenderMarkdown(title, opening string, secs []SectionResult, closing string) string {
	var b strings.Builder
	b.WriteString("# " + title + "\n\n")
	if opening != "" {
		b.WriteString(chineseQuotes(opening) + "\n\n")
	}
	for _, s := range secs {
		b.WriteString(strings.Repeat("#", min(s.Level+1, 6)) + " " + s.Marker + s.Heading + "\n\n")
		switch {
		case s.Text != "":
			b.WriteString(chineseQuotes(s.Text) + "\n\n")
		case s.Status == StatusFailed:
			b.WriteString(corpus.MarkText("本节生成失败，请重写本节或用 --resume 重试") + "\n\n")
		case s.Status == StatusPending:
			b.WriteString(corpus.MarkText("本节尚未生成，可用 --resume 继续") + "\n\n")
		}
	}
	if closing != "" {
		b.WriteString(closing + "\n\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// stopsDrafting reports whether err makes every other section fail alike.
func stopsDrafting(err error) bool {
	return errors.Is(err, ErrKeyRejected) || errors.Is(err, ErrModelUnavailable)
}

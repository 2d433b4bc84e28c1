package draft

import (
	"regexp"
	"slices"
	"sort"
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
	// composed is the section's offline text, written before the sections
	// are handed out.
	composed string
	// others are the headings of the part's other sections, for the prompt.
	others []string
	// goals marks a plan's 主要目标 section, which states all its targets.
	goals bool
	// related are this period's facts of the category, for a plan section
	// that carries no figures: its leads should speak of the same work, and
	// its ongoing work continues (持续开展应急疏散演练).
	related []Fact
}

// defaultHeadings are house-style headings for categories a template lacks.
var defaultHeadings = map[string][2]string{
	"党建":   {"坚持党建引领，全面加强党的建设", "抓全面从严治党，推动党建工作提质增效"},
	"办学条件": {"统筹项目建设，改善办学条件", "抓条件改善，提升办学保障水平"}, // a plan need not have projects
	"师资":   {"加强队伍建设，打造高素质教师队伍", "抓师资提质，锻造过硬队伍"},
	"安全":   {"守牢安全底线，建设平安校园", "抓安全保障，确保师生安全"},
	"扶贫":   {"落实资助政策，促进教育公平", "抓惠民帮扶，保障困难学生就学"},
	"教育质量": {"聚焦内涵发展，扎实推进教育教学", "抓教学提质，全面提高教育质量"},
	"德育":   {"落实立德树人，加强德育工作", "抓五育并举，提升育人水平"},
	"学前教育": {"推进普及普惠，发展学前教育", "抓普惠发展，扩大优质学前资源"},
	"职业教育": {"深化产教融合，发展职业教育", "抓技能培养，服务地方产业发展"},
	"教育改革": {"深化教育改革，激发发展活力", "抓改革创新，破解发展难题"},
	"信息化":  {"推进教育数字化，提升信息化应用水平", "抓数字赋能，深化信息技术应用"},
}

// sportsBureauHeadings are the house headings an 教育体育局 uses over facts
// that reach beyond schools (a sports venue's safety check, a public
// gymnasium among its projects).
var sportsBureauHeadings = map[string][2]string{
	"安全":   {"守牢安全底线，维护校园和场馆安全", "抓安全保障，守护校园和场馆安全"},
	"办学条件": {"统筹重点项目建设，改善教育体育设施条件", "抓项目攻坚，补齐教育体育设施短板"},
}

// venueSafetyHeadings head the safety section of an 教育体育局 whose safety
// facts are all about its venues.
var venueSafetyHeadings = [2]string{"守牢安全底线，加强体育场馆安全管理", "抓场馆安全，保障群众健身安全"}

// venueTask is the plan task for an 教育体育局's venues when its safety
// facts speak of them, so a plan section headed 守护校园和场馆安全 has a
// venue task under it; ok is false for any other bureau or facts.
func venueTask(org string, safety []Fact) (PlanTask, bool) {
	if field(org) == "教育" || !anyMatches(safety, venue) {
		return PlanTask{}, false
	}
	return PlanTask{Text: "完善体育场馆应急预案，定期开展场馆设施设备安全检测", Source: SourceCorpus}, true
}

// allMatch reports whether every fact matches re.
func allMatch(facts []Fact, re *regexp.Regexp) bool {
	for _, f := range facts {
		if !re.MatchString(f.Text) {
			return false
		}
	}
	return true
}

// venue marks a fact about sports venues, which an 教育体育局's safety work
// covers too.
var venue = regexp.MustCompile(`场馆|体育馆|体育场|健身`)

// anyMatches reports whether any fact matches re.
func anyMatches(facts []Fact, re *regexp.Regexp) bool {
	for _, f := range facts {
		if re.MatchString(f.Text) {
			return true
		}
	}
	return false
}

// boolIndex is 1 for true, 0 for false: the plan form of a heading pair.
func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
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

// resultHeadings are house headings in the form of a result (党建工作扎实推进),
// for a summary whose template words its headings that way: headings at one
// level read alike. None claims a change the facts would have to show.
var resultHeadings = map[string]string{
	"党建":   "党的建设全面加强",
	"办学条件": "项目建设扎实推进",
	"师资":   "教师队伍建设不断加强",
	"安全":   "平安校园建设扎实推进",
	"扶贫":   "学生资助政策全面落实",
	"教育质量": "教育教学工作扎实推进",
	"德育":   "立德树人根本任务有效落实",
	"学前教育": "学前教育普及普惠扎实推进",
	"职业教育": "职业教育产教融合深入推进",
	"教育改革": "教育领域综合改革深入推进",
	"信息化":  "教育数字化建设扎实推进",
}

// resultForm matches a heading worded as a result: one clause ending in how
// the work went (扎实推进, 稳步提高, 持续加强).
var resultForm = regexp.MustCompile(`^[^，,]+(扎实|稳步|持续|不断|全面|深入|有效|显著|明显|进一步)(推进|提高|提升|加强|改善|落实|巩固|发展|完善|规范|优化|增强|扩大)$`)

// fittingHeading is the house heading of a category in the form of the
// template's other headings of the part: a result when most of them are.
func fittingHeading(category string, plan bool, siblings map[string]string) string {
	results := 0
	for _, h := range siblings {
		if resultForm.MatchString(h) {
			results++
		}
	}
	if h, ok := resultHeadings[category]; ok && !plan && results > 0 && 2*results >= len(siblings) {
		return h
	}
	return CategoryHeading(category, plan)
}

// unsafeHeading matches headings that carry another report's specifics:
// figures, placeholders, names of places and schools, document titles.
var unsafeHeading = regexp.MustCompile(`\d|[xX×*]{2}|《|[\p{Han}]{2}(县|区|市|镇|乡|村|州)|一中|二中|小学|中学|幼儿园|[云南贵川湘鄂豫冀晋陕甘青藏新桂粤闽浙苏皖赣鲁辽吉黑蒙宁琼渝沪京津]省`)

// comparative marks a heading that claims a change (新突破, 稳步提升, 提速):
// another year's result, not a structure to reuse.
var comparative = regexp.MustCompile(`突破|显著|明显|大幅|稳步|持续|不断|提速|跃升|新高|新成效|新进展|新台阶|再创|加快发展|取得`)

// problemWords mark a heading that states a shortcoming, which belongs to
// the problems part, not over a summary's work.
var problemWords = regexp.MustCompile(`偏低|偏少|不足|短缺|突出|薄弱|差距|滞后|不够|较大|问题|困难`)

// reusableHeading reports whether a template's heading may be copied into a
// new report as it is.
func reusableHeading(h string) bool {
	n := utf8.RuneCountInString(h)
	return n >= 6 && n <= 30 && !unsafeHeading.MatchString(h) && !quotesName(h)
}

var yearInHeading = regexp.MustCompile(`(19|20)\d{2}|20[xX×*]{2}|[xX×]{4}`)

// BuildOutline lays out the report: the template's part headings and, under
// them, one section per category that has facts (其他 too), in the template's
// order of categories, then the categories it lacks in the conventional order
// (party building first, safety last).
// A problems part is added when the facts list problems; a plan part when the
// document kind asks for one.
func BuildOutline(f Facts, t Template, fallback string) []OutlineItem {
	partHead, catHead := templateHeadings(f, t, fallback)
	style := markerStyles(t)
	order := orderCategories(f, t, fallback)
	var out []OutlineItem
	top := 0
	parts := reportParts(f)
	for _, part := range parts {
		if part == corpus.PartProblems {
			top++
			out = append(out, OutlineItem{Level: 1, Marker: NumberMarker(style(1), top), Heading: partHeading(partHead, part, f), Part: part, Category: fallback, Facts: f.Problems, Write: true})
			continue
		}
		level := 1
		targets := planTargets(f)
		goals := len(targets) > 0
		if goals {
			// A plan opens with its targets, then the tasks (一、主要目标
			// 二、重点任务), so the targets are stated once, together.
			out = append(out,
				OutlineItem{Level: 1, Marker: NumberMarker(style(1), 1), Heading: "主要目标", Part: part, Category: fallback, Facts: targets, Write: true, goals: true},
				OutlineItem{Level: 1, Marker: NumberMarker(style(1), 2), Heading: "重点任务", Part: part, Category: fallback})
			top, level = 2, 2
		} else if len(parts) > 1 { // a report of one part numbers its sections 一、二、
			top++
			out = append(out, OutlineItem{Level: 1, Marker: NumberMarker(style(1), top), Heading: partHeading(partHead, part, f), Part: part, Category: fallback})
			level = 2
		}
		items := categoryItems(f, t, order, part, level, goals, catHead[part], style, fallback)
		if level == 1 && len(items) > 0 {
			top = len(items)
		}
		out = append(out, items...)
	}
	return out
}

// categoryItems are a part's sections, one per category in order: plan
// parts list every category, other parts only those with facts.
func categoryItems(f Facts, t Template, order []string, part string, level int, goals bool, heads map[string]string, style func(int) string, fallback string) []OutlineItem {
	var out []OutlineItem
	for _, c := range order {
		facts := f.For(c)
		if len(facts) == 0 && part != corpus.PartPlan {
			continue
		}
		var related []Fact
		switch {
		case goals:
			// a plan's targets are stated under 主要目标; its tasks (实施名师
			// 名校长培养工程…) stay in their sections
			related, facts = facts, withoutTargets(facts)
		case f.Doc == corpus.KindSummaryPlan:
			// This period's results are not next period's targets; the
			// writer's targets (下半年力争…) are no result.
			ahead, done := splitForward(f, facts)
			if facts = done; part == corpus.PartPlan {
				related, facts = done, ahead
			}
			if len(facts) == 0 && part != corpus.PartPlan {
				continue
			}
		}
		heading := heads[c]
		if t.Mined && len(facts) > 0 && !headingFits(heading, c, facts) {
			heading = "" // another report's heading over other work: 舆情 over 智慧教室
		}
		if heading == "" {
			heading = houseHeading(f.Org, c, fallback, part == corpus.PartPlan, facts, related, heads)
		}
		marker := NumberMarker(style(level), len(out)+1)
		if goals {
			marker = NumberMarker("（一）", len(out)+1) // the tasks under 二、重点任务
		}
		out = append(out, OutlineItem{Level: level, Marker: marker, Heading: heading, Part: part, Category: c, Facts: facts, Write: true, related: related})
	}
	return out
}

// houseHeading heads a category's section when the template gives no
// heading that fits: 其他 by its facts' work, an 教育体育局's safety and
// building sections over its venues, else the category's house heading in
// the form of the part's other headings.
func houseHeading(org, c, fallback string, plan bool, facts, related []Fact, heads map[string]string) string {
	all := append(append([]Fact(nil), facts...), related...)
	switch {
	case c == fallback:
		return otherHeading(all, plan)
	case field(org) != "教育" && c == safetyCategory && len(facts) > 0 && allMatch(facts, venue):
		return venueSafetyHeadings[boolIndex(plan)] // no campus safety among the facts
	case field(org) != "教育" && sportsBureauHeadings[c] != [2]string{} && anyMatches(all, venue):
		return sportsBureauHeadings[c][boolIndex(plan)]
	}
	return fittingHeading(c, plan, heads)
}

// reportParts are the parts the document kind asks for: a summary (with
// its problems), a plan, or both.
func reportParts(f Facts) []string {
	if f.Doc == corpus.KindPlan {
		return []string{corpus.PartPlan}
	}
	parts := []string{corpus.PartSummary}
	if len(f.Problems) > 0 {
		parts = append(parts, corpus.PartProblems)
	}
	if f.Doc == corpus.KindSummaryPlan {
		parts = append(parts, corpus.PartPlan)
	}
	return parts
}

// markerStyles gives the marker style of each level: the template's, unless
// its numbering is not a model (1. above （一）), else the house styles.
func markerStyles(t Template) func(level int) string {
	styles := t.MarkerStyles()
	if !markersInOrder(styles) {
		styles = nil
	}
	return func(level int) string {
		if level-1 < len(styles) && styles[level-1] != "" {
			return styles[level-1]
		}
		return []string{"一、", "（一）", "1.", "（1）"}[min(level-1, 3)]
	}
}

// templateHeadings reads a template's part headings and its reusable
// category headings per part.
func templateHeadings(f Facts, t Template, fallback string) (map[string]TemplateSection, map[string]map[string]string) {
	catLevel := t.categoryLevel(fallback)
	partHead := map[string]TemplateSection{}
	catHead := map[string]map[string]string{} // part → category → heading
	for _, s := range t.Sections {
		if s.Level < catLevel && s.Category == fallback {
			if _, ok := partHead[s.Part]; !ok {
				partHead[s.Part] = s
			}
			continue
		}
		if s.Level != catLevel || s.Category == fallback {
			continue
		}
		if catHead[s.Part] == nil {
			catHead[s.Part] = map[string]string{}
		}
		h := withoutStaleClause(s.Heading, f)
		if _, ok := catHead[s.Part][s.Category]; !ok && keepHeading(t, s, h, f) {
			catHead[s.Part][s.Category] = h
		}
	}
	return partHead, catHead
}

// keepHeading decides whether a template's category heading h is reused. A
// mined heading is kept only in the house form (two clauses, as 坚持党建引领，
// 筑牢思想根基) so headings at one level read alike, and a summary heading
// neither claims a change nor names a problem; no heading names another
// year's campaign.
func keepHeading(t Template, s TemplateSection, h string, f Facts) bool {
	if !reusableHeading(h) || staleCampaign(h, f.Year, factsText(f)) {
		return false
	}
	if s.Part != corpus.PartPlan && strongClaim.MatchString(h) && !anyMatches(f.For(s.Category), comparison) {
		return false // 质量稳步提高 over 上线率63.2%: the facts show no change
	}
	if !t.Mined {
		return true
	}
	if !strings.Contains(h, "，") {
		return false
	}
	return s.Part == corpus.PartPlan || !comparative.MatchString(h) && !problemWords.MatchString(h)
}

// forwardWords open or mark a fact that states what the next period will do
// (下半年计划招聘教师80名, 力争…): the writer's target, not this period's result.
// 下半年 is the next period only in a report of the first half (looksAhead).
var forwardWords = regexp.MustCompile(`^(下季度|下阶段|下一步|明年|今后)|力争|争取`)

// obtainedFunds is 争取 in its sense of funds or projects obtained (争取上级
// 专项资金6840万元), which reports work done, not a target.
var obtainedFunds = regexp.MustCompile(`争取(到)?(上级|中央|国家|省级|省|市级|市|各级|各类|专项|债券|项目|资金|政策)`)

// splitForward separates a summary+plan's facts of a category into the
// writer's targets for the next period and this period's results.
func splitForward(f Facts, facts []Fact) (ahead, done []Fact) {
	for _, fact := range facts {
		if looksAhead(f, fact.Text) {
			ahead = append(ahead, fact)
		} else {
			done = append(done, fact)
		}
	}
	return ahead, done
}

// looksAhead reports whether a fact of a summary states what the next period
// will do: it says so (下半年, 力争 …) or opens with the next period's name
// (第二季度开展防溺水专项教育 in a first-quarter report, 2026年… in a 2025 one).
func looksAhead(f Facts, text string) bool {
	text = strings.TrimSpace(obtainedFunds.ReplaceAllString(text, "获得"))
	if forwardWords.MatchString(text) {
		return true
	}
	if strings.HasPrefix(text, "下半年") {
		switch f.Period {
		case corpus.PeriodFirstHalf, "q1", "q2":
			return true
		}
		return false // a second-half or annual report's own months
	}
	for _, name := range namesOfPeriod(factsPeriod(f).Next()) {
		if strings.HasPrefix(text, name) {
			return true
		}
	}
	return false
}

// strongClaim marks a heading that claims a measured change (稳步提高, 显著
// 提升, 新突破), which the facts must show; 不断加强 only says how the work went.
var strongClaim = regexp.MustCompile(`稳步(提高|提升|增长)|显著|明显|大幅|跃升|新高|突破|再创|新台阶|新进展|新成效`)

// comparison marks a fact that compares with an earlier time, which a
// heading claiming a change (稳步提高) needs.
var comparison = regexp.MustCompile(`较上年|比上年|同比|较去年|增长|增加|提高|提升|上升|前移|翻番|首次|突破`)

// taskOpener opens a fact of a plan that states work to do (实施名师名校长
// 培养工程, 深化课堂教学改革), not a target to reach.
var taskOpener = regexp.MustCompile(`^(全年|年内)?(计划)?(推进|实施|深化|巩固|健全|开展|加强|完善|推动|创建|组织|举办|落实|持续|扎实|全面|深入|积极|严格|规范|强化|启动|召开|制定|加快|抓好|做好|统筹)`)

// planTargets are the facts of a plan's facts file that state targets (新建
// 公办幼儿园3所, 中考优秀率达到35%), for its 主要目标; none for another
// kind of report.
func planTargets(f Facts) []Fact {
	if f.Doc != corpus.KindPlan {
		return nil
	}
	var out []Fact
	for _, fact := range sectionFacts(f) {
		if statesTarget(fact.Text) {
			out = append(out, fact)
		}
	}
	return out
}

// withoutTargets keeps the facts that state work to do.
func withoutTargets(facts []Fact) []Fact {
	var out []Fact
	for _, f := range facts {
		if !statesTarget(f.Text) {
			out = append(out, f)
		}
	}
	return out
}

// statesTarget reports whether a fact of a plan states a target: it names a
// level to reach (组织书记轮训，力争覆盖率达到100%), or a figure without
// opening with work to do (新建公办幼儿园3所); 持之以恒正作风 is a task.
func statesTarget(text string) bool {
	text = strings.TrimSpace(text)
	return levelWords.MatchString(text) || claimsFigure(text) && !taskOpener.MatchString(text)
}

// levelWords name a level a target reaches.
var levelWords = regexp.MustCompile(`力争|达到|不低于|以上|保持在|控制在|提高到|提升到|覆盖率|全覆盖|新增.{0,8}\d|新建.{0,8}\d|建成.{0,8}\d`)

// sectionFacts are all the facts of the sections, in order.
func sectionFacts(f Facts) []Fact {
	var out []Fact
	for _, c := range f.Sections {
		out = append(out, c.Facts...)
	}
	return out
}

// headingWords are the words any heading uses; sharing them says nothing
// about whether a heading fits its facts.
var headingWords = bigramSet("加强推进提升建设工作持续不断扎实全面深化稳步取得成效明显有效进一步抓好做好落实完善健全强化着力实施开展坚持聚焦发展水平质量能力教育学校全县全区全市机制体系制度各项相关统筹作为来抓持把确保切实")

// headingFits reports whether a template's heading speaks of what the facts
// under it report: it names the category, or shares a word with the facts
// beyond the words every heading uses.
func headingFits(h, category string, facts []Fact) bool {
	if h == "" || strings.Contains(h, category) {
		return true
	}
	var b strings.Builder
	for _, f := range facts {
		b.WriteString(f.Text)
	}
	return contentOverlap(bigramSet(b.String()), h) >= 2 // 补充教师 over 骨干教师评选 shares only 教师
}

// conventionalOrder is the usual order of a bureau report's lines: party
// building first, the school stages and quality next, the supports after,
// safety last. It places a section the writer's facts do not order (a plan
// section a problem adds).
var conventionalOrder = []string{"党建", "德育", "教育质量", "学前教育", "职业教育", "教育改革", "师资", "信息化", "办学条件", "扶贫", "安全"}

// conventionalRank is a category's place in conventionalOrder; categories
// not in it come between the listed ones and 安全.
func conventionalRank(category string) int {
	for i, c := range conventionalOrder {
		if c == category {
			return 2 * i
		}
	}
	return 2*len(conventionalOrder) - 3
}

// orderCategories puts the fact categories in the template's order, then the
// ones the template lacks in the conventional order (conventionalOrder). The
// common structure mined from the corpus gives no order of its own.
func orderCategories(f Facts, t Template, fallback string) []string {
	have := map[string]bool{}
	for _, c := range f.Categories() {
		have[c] = true
	}
	var out []string
	seen := map[string]bool{}
	if have[partyCategory] || f.Doc == corpus.KindPlan {
		out, seen[partyCategory] = append(out, partyCategory), true // a bureau's report opens with party building
	}
	for _, c := range t.Categories(fallback) {
		if have[c] && !seen[c] && !t.Mined {
			out = append(out, c)
			seen[c] = true
		}
	}
	var rest []string
	for _, c := range f.Categories() {
		if !seen[c] {
			rest = append(rest, c) // 其他 too: every fact the writer gave is reported
			seen[c] = true
		}
	}
	// Without a template's order, the conventional one: the school stages
	// and quality after party building, safety last.
	sort.SliceStable(rest, func(i, j int) bool { return conventionalRank(rest[i]) < conventionalRank(rest[j]) })
	if i := slices.Index(rest, fallback); i >= 0 && otherHeading(f.For(fallback), false) == otherHeading(nil, false) {
		// 其他各项工作 of no one line of work closes the report, after safety;
		// a line of work of its own (体育) stays before safety
		rest = append(append(rest[:i:i], rest[i+1:]...), fallback)
	}
	return append(out, rest...)
}

// otherHeading is the heading of the catch-all category's section: the
// topic its facts share (otherTopics), else 其他各项工作.
func otherHeading(facts []Fact, plan bool) string {
	if h, _ := sharedTopicHeading(otherTopics, facts, plan); h != "" {
		return h
	}
	if h, _ := topicHeadingWithin(facts, plan); h != "" {
		return h // 9月1日如期开学 filed under 其他
	}
	if plan {
		return "抓统筹兼顾，做好其他各项工作"
	}
	return "统筹兼顾，扎实做好其他各项工作"
}

// partHeading words a part heading for the new report: the template's, with
// its years made the report's, in an annual report; the standard heading of
// the period otherwise (a half-year report plans 下半年, a quarter the next
// quarter, whatever the template's year said).
func partHeading(heads map[string]TemplateSection, part string, f Facts) string {
	p := factsPeriod(f)
	if s, ok := heads[part]; ok && p.Span == corpus.PeriodAnnual && part != corpus.PartProblems {
		year := p.Year
		if part == corpus.PartPlan {
			year = p.Next().Year
		}
		h := yearInHeading.ReplaceAllString(s.Heading, strconv.Itoa(year))
		if !unsafeHeading.MatchString(yearInHeading.ReplaceAllString(s.Heading, "")) && !strings.Contains(h, "半年") && !strings.Contains(h, "季度") && !staleCampaign(h, f.Year, factsText(f)) {
			return h
		}
	}
	switch part {
	case corpus.PartProblems:
		if s, ok := heads[part]; ok && reusableHeading(s.Heading) {
			return s.Heading
		}
		return "存在的问题"
	case corpus.PartPlan:
		return p.PlanHeading()
	}
	if p.Span == corpus.PeriodAnnual {
		return p.Name() + "主要工作及成效" // the title says 工作总结 already
	}
	return p.Name() + "工作开展情况"
}

// withoutStaleClause drops the clause of a two-clause heading that names
// another year's campaign, keeping the rest of the writer's heading:
// 深入开展党史学习教育，党建工作扎实推进 → 党建工作扎实推进.
func withoutStaleClause(h string, f Facts) string {
	if !strings.Contains(h, "，") || !staleCampaign(h, f.Year, factsText(f)) {
		return h
	}
	var kept []string
	for _, clause := range strings.Split(h, "，") {
		if !staleCampaign(clause, f.Year, factsText(f)) {
			kept = append(kept, clause)
		}
	}
	return strings.Join(kept, "，")
}

// markerRank orders the marker styles of Chinese reports from the top level
// down.
var markerRank = map[string]int{"第一部分": 0, "一、": 1, "（一）": 2, "1.": 3, "1、": 3, "（1）": 4, "①": 5}

// markersInOrder reports whether a template's marker styles go down the
// usual order level by level (一、 above （一） above 1.); unknown styles pass.
func markersInOrder(styles []string) bool {
	last := -1
	for _, st := range styles {
		r, ok := markerRank[st]
		if !ok || st == "" {
			continue
		}
		if r <= last {
			return false
		}
		last = r
	}
	return true
}

// ReportTitleFor is the title of a report with its outline: a summary+plan
// names its plan part as the part heading does (…及2026年工作要点 when the
// template's plan part is 工作要点), so the title and the heading agree.
func ReportTitleFor(f Facts, items []OutlineItem) string {
	if f.Doc == corpus.KindSummaryPlan {
		for _, it := range items {
			if it.Part == corpus.PartPlan && !it.Write && yearInHeading.MatchString(it.Heading) {
				return f.Org + factsPeriod(f).Name() + "工作总结及" + it.Heading
			}
		}
	}
	return ReportTitle(f)
}

// ReportTitle is the title of the report to write.
func ReportTitle(f Facts) string {
	if f.Doc == corpus.KindPlan {
		return f.Org + factsPeriod(f).Name() + "工作计划"
	}
	p := factsPeriod(f)
	if f.Doc == corpus.KindSummaryPlan {
		return f.Org + p.Name() + "工作总结及" + p.PlanHeading()
	}
	return f.Org + p.Name() + "工作总结"
}

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

// OfflineNotice says how a draft written without a model was made. It is
// said outside the report (stderr, the JSON mode field, a banner on the web
// page), never in it.
const OfflineNotice = "离线草稿：本稿未使用大模型：标题取自模板，引导句取自范文（已去除数字和地名），其后是您提供的事实。配置模型后可生成完整行文：设置 ZONGJIE_LLM_BASE_URL、ZONGJIE_LLM_MODEL 和 ZONGJIE_LLM_API_KEY（或 config.yaml 的 llm 一节），见 README。"

// A lead sentence must carry no specifics of the report it comes from:
// digits, placeholders, quoted titles, names of places, schools or people.
var specifics = regexp.MustCompile(`[0-9０-９]|[xX×*]|《|》|一中|二中|三中|学校[\p{Han}]{0,2}（|[一二三四五六七八九十百千万两]+(所|个|名|人|项|次|套|间|台|件|场|篇|户|位|支|家|批|类|条|处|座|栋|期|班|万|亿|年|月|天)|同志`)

// A lead sentence states an approach, not a result: results belong to the
// report they come from (全年未发生……, 荣获……, 顺利通过验收).
var claims = regexp.MustCompile(`第[一二三四五六七八九十]+(名|位)|未发现|实现|清零|无一|完成|建成|位列|全部|提高到|提升至|降至|新增|减少|增加|高级中学|未发生|未出现|全年|上半年|下半年|今年|去年|本年|累计|共计|获得|荣获|获评|被评为|评为|达到|实现了|首次|排名|位居|通过验收|圆满完成|成功|取得了|奖|表彰|受到|得到|好评|肯定|全覆盖|到位率|创建了|建成了`)

// approachOpener starts a sentence that states how work is done, the kind of
// sentence any bureau can use: 坚持……, 深入……, 健全…….
var approachOpener = regexp.MustCompile(`^(坚持|深入|全面|认真|扎实|持续|始终|严格|着力|积极|加强|强化|健全|完善|落实|推进|推动|统筹|聚焦|围绕|牢固树立|贯彻|狠抓|压实|压紧|突出|注重|大力|不断|进一步|坚决|把|以|按照|立足|紧扣|紧紧围绕|创新|优化|规范|建立|巩固|深化|选优配强|实施|开展|组织|发挥|构建)`)

// Inline items and list openers do not open a section well.
var itemStart = regexp.MustCompile(`^([一二三四五六七八九十]+是|其[一二三四五六七八九十]|首先|其次|再次|最后|同时|此外|另外)`)

// placeName finds "X县", "X镇" …; the character before the suffix tells a
// name (云岭县, 雾溪镇) from a generic word (全县, 乡镇, 城区, 县级).
var placeName = regexp.MustCompile(`(.)(县|区|市|镇|乡|村|州|省|街道)`)

const genericPlacePrefix = "全我本该各和城学乡镇县区市省州合场街社园校片辖两山老新"

// schoolName finds "X学校"; the character before tells a name (芙蓉学校)
// from a kind of school (农村学校, 寄宿制学校).
var schoolName = regexp.MustCompile(`(.)(学校|学院|中学|小学|幼儿园)(.?)`)

const genericSchoolPrefix = "各类中小村区办制弱业育模心化质级属等所该本全和的好型殊镇乡县市点城初高完学职入到导促对在为向进由与及同让使把将从各廉安美慧明惠性园"

// congress numbers date a sentence (党的十九大精神 in a 2024 report); the
// 20th congress (2022–2027) is the current one and stays usable.
var congress = regexp.MustCompile(`(十[一二三四五六七八九]?|二十[一二三四五六七八九])(大|届)`)

// namesPlace reports whether s names a particular place or school, or
// dates itself by a party congress.
func namesPlace(s string) bool {
	for _, m := range placeName.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(genericPlacePrefix, m[1]) {
			return true
		}
	}
	for _, m := range schoolName.FindAllStringSubmatch(s, -1) {
		if m[2] == "中学" && m[3] == "习" { // 集中学习
			continue
		}
		if !strings.Contains(genericSchoolPrefix, m[1]) {
			return true
		}
	}
	return congress.MatchString(s)
}

// sentenceEnd splits text into sentences after 。！？；.
var sentenceEnd = regexp.MustCompile(`[^。！？；]+[。！？；]`)

// LeadSentences picks up to maxSentences (≤ 0: all) fact-free sentences from
// an example section, usable to open a section of the offline draft.
func LeadSentences(example string, maxSentences int) []string {
	var out []string
	var sentences []string
	for _, line := range strings.Split(example, "\n") {
		sentences = append(sentences, sentenceEnd.FindAllString(line, -1)...)
	}
	for _, s := range sentences {
		s = strings.TrimSpace(s)
		n := utf8.RuneCountInString(s)
		if n < 12 || n > 90 || !approachOpener.MatchString(s) || specifics.MatchString(s) || claims.MatchString(s) || itemStart.MatchString(s) || namesPlace(s) {
			continue
		}
		s = strings.TrimRight(s, "；")
		if !strings.HasSuffix(s, "。") {
			s = strings.TrimRight(s, "！？") + "。"
		}
		out = append(out, s)
		if maxSentences > 0 && len(out) == maxSentences {
			break
		}
	}
	return out
}

// FactSentences weaves the user's facts into sentences: each fact keeps its
// exact wording and figures; the first sentence opens with the period (全年,
// 上半年 …) unless the fact names a time itself, facts are joined two to a
// sentence with commas, and later sentences open with 同时 and 此外.
func FactSentences(facts []Fact, plan bool, period string) string {
	var parts []string
	for _, f := range facts {
		t := strings.TrimRight(strings.TrimSpace(f.Text), "。；，,;.")
		if plan {
			t = periodLead.ReplaceAllString(t, "") // the plan part's heading names the period
		}
		t = thousands.ReplaceAllString(halfWidthFigures(t), "$1$2") // 公文 writes 2340, not ２３４０ or 2,340
		if t != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(parts); i += 2 {
		b.WriteString(sentenceOpener(i, parts, plan, period))
		b.WriteString(withVerb(parts[i]))
		if i+1 < len(parts) {
			sep := "，"
			if strings.ContainsAny(parts[i]+parts[i+1], "，,") || differentWork(parts[i], parts[i+1]) {
				sep = "；" // facts of several clauses, or of two pieces of work, stay apart
			}
			b.WriteString(sep + withVerb(parts[i+1]))
		}
		b.WriteString("。")
	}
	return b.String()
}

// claimsFigure reports whether a text states a figure (a count, a rate, a
// rank), not just a date, a year or a quarter.
func claimsFigure(text string) bool {
	for _, sp := range corpus.Scan(text) {
		if sp.Claims() && sp.Kind != corpus.KindDate && sp.Kind != corpus.KindYear && sp.Class != corpus.ClassQuarter {
			return true
		}
	}
	return false
}

// withoutPeriodName drops the name of the period a plan part covers from the
// opening of its facts, since the part's heading names it (第二季度工作打算:
// 第二季度开展防溺水专项教育 → 开展防溺水专项教育).
func withoutPeriodName(facts []Fact, p Period) []Fact {
	out := make([]Fact, len(facts))
	for i, f := range facts {
		f.Text = periodLead.ReplaceAllString(strings.TrimSpace(f.Text), "") // 明年一季度… → 一季度…
		strive, text := "", f.Text
		if rest, ok := strings.CutPrefix(text, "力争"); ok {
			strive, text = "力争", rest // 力争二季度新增… → 力争新增…
		}
		for _, name := range namesOfPeriod(p) {
			if rest := strings.TrimPrefix(text, name); rest != text {
				f.Text = strive + strings.TrimLeft(rest, "，, ")
				break
			}
		}
		out[i] = f
	}
	return out
}

// namesOfPeriod are the ways a fact names period p, longest first: 2025年第二季度,
// 第二季度, 二季度.
func namesOfPeriod(p Period) []string {
	names := []string{p.Name(), p.Short()}
	if q := p.quarter(); q > 0 {
		names = append(names, ChineseNumeral(q)+"季度")
	}
	return names
}

// sentenceOpener opens the sentence of FactSentences that starts with
// parts[i]: 力争 before a plan's measurable target (a task, 启动学习教育, is
// not striven for), the period before a summary's first activity, 同时 and
// 此外 after.
func sentenceOpener(i int, parts []string, plan bool, period string) string {
	switch {
	case i == 0 && plan && !targetWords.MatchString(parts[0]) && !taskOpener.MatchString(parts[0]) && claimsFigure(parts[0]):
		return "力争"
	case i == 0 && period != "" && activityVerb.MatchString(parts[0]) && !timeWord.MatchString(parts[0]) && !mentions(parts, strings.TrimSuffix(period, "，")):
		return period
	case i == 2:
		return "同时，"
	case i > 2:
		return "此外，"
	}
	return ""
}

// differentWork reports whether two facts speak of different pieces of work
// by the topics they name (生活补助 and 劝返复学), so a semicolon, not a
// comma, parts them.
func differentWork(a, b string) bool {
	ta, tb := topicsOf(a), topicsOf(b)
	return len(ta) > 0 && len(tb) > 0 && !shareTopic(ta, tb)
}

// shareTopic reports whether two sets of topics (topicsOf) meet.
func shareTopic(a, b map[int]bool) bool {
	for t := range a {
		if b[t] {
			return true
		}
	}
	return false
}

// topicsOf are the indexes of the topic leads whose words a text names.
func topicsOf(text string) map[int]bool {
	out := map[int]bool{}
	for i, t := range topicLeads {
		if t.words.MatchString(text) {
			out[i] = true
		}
	}
	return out
}

// halfWidthFigures writes full-width digits, decimal points and percent
// signs (８０名, 96.4％) as the half-width ones the rest of the report uses;
// the values stay the same.
func halfWidthFigures(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '％':
			return '%'
		case r == '．':
			return '.'
		}
		return r
	}, s)
}

// thousands is a thousands separator between digits, which Chinese
// official documents do not use; the figure's value stays the same.
var thousands = regexp.MustCompile(`(\d),(\d{3})`)

// termBound marks work tied to one term or holiday (秋季学期期末复习, 寒假):
// done once, it does not go on into the next period.
var termBound = regexp.MustCompile(`秋季学期|春季学期|期末|期中|寒假|暑假|开学|毕业`)

// periodLead opens a writer's target with the period it is for: 下半年力争…;
// a 计划 or 拟 after it goes too, since in a plan the whole text is planned
// (下半年计划招聘教师80名 → 招聘教师80名), and a 再 that points back to
// this year's work the plan does not state (明年计划再招聘 → 招聘).
var periodLead = regexp.MustCompile(`^(下半年|下季度|下阶段|明年)[，,]?(计划|拟)?再?`)

// activityVerb opens a fact that reports work done over the period, which
// 全年 fits (全年新建幼儿园2所); a rate or a standing figure (高考本科上线率…)
// takes no period word.
var activityVerb = regexp.MustCompile(`^(新建|改扩建|招聘|引进|开展|完成|组织|发放|资助|培训|排查|整改|建成|投入|新增|新发展|评选|组建|举办|实施|创建|补充|落实|接收|化解|购置|配备)`)

// rateWithoutVerb is a rate followed straight by its figure (上线率68.7%).
var rateWithoutVerb = regexp.MustCompile(`^([^，。；]*?(率|比例|占比))([0-9０-９])`)

// withVerb gives a bare rate its verb: 高考本科上线率68.7% → …上线率达68.7%.
func withVerb(fact string) string { return rateWithoutVerb.ReplaceAllString(fact, "${1}达$3") }

// continuedWork turns this period's ongoing work into next period's tasks,
// without its figures: 开展应急疏散演练210场 → 持续开展应急疏散演练. Only
// work that goes on (开展, 组织, 实施 …) continues; a count of things done
// (新建幼儿园2所) does not.
func continuedWork(facts []Fact, year int) string {
	var tasks []string
	for _, f := range facts {
		// A campaign does not go on past its year, whatever this year's
		// facts say (党纪学习教育 in a second-half plan of 2025).
		if t := continued(f.Text); t != "" && !staleCampaign(t, year, "") {
			tasks = append(tasks, t)
		}
	}
	if len(tasks) == 0 {
		return ""
	}
	return strings.Join(tasks, "，") + "。"
}

// ongoingVerb opens a fact about work that continues from one period to the
// next.
var ongoingVerb = regexp.MustCompile(`^(全年)?(开展|组织|实施|推进|落实|加强|深化|建立|健全|完善|举办)`)

// continued is one fact as a task that continues, "" when it is not ongoing
// work or its figures cannot be taken out cleanly.
func continued(fact string) string {
	fact = strings.TrimRight(strings.TrimSpace(fact), "。；，")
	if !ongoingVerb.MatchString(fact) || strings.ContainsAny(fact, "，；") || termBound.MatchString(fact) {
		return ""
	}
	fact = strings.TrimPrefix(fact, "全年")
	var b strings.Builder
	prev := 0
	for _, sp := range corpus.Scan(fact) {
		if !sp.Claims() {
			continue
		}
		if sp.End != len(fact) {
			return "" // a figure inside the clause: not cleanly removable
		}
		b.WriteString(strings.TrimRight(fact[prev:sp.Start], "共计达约近"))
		prev = sp.End
	}
	if prev == 0 {
		return "" // no figure to drop: 持续 and the summary's own sentence would say it twice
	}
	b.WriteString(fact[prev:])
	return "持续" + b.String()
}

// mentions reports whether any of the facts holds the word.
func mentions(parts []string, w string) bool {
	for _, p := range parts {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// timeWord opens a fact that says when it happened: it needs no 全年.
var timeWord = regexp.MustCompile(`^(全年|年内|上半年|下半年|今年|本年|[0-9一二三四五六七八九十]+月|第[一二三四]季度|[一二三四]季度|截至|截止|目前|累计|共)`)

// Composer writes sections without a model, for one report: it knows the
// report's facts (its year, org and level), the taxonomy (to keep another
// category's sentences out), and which lead sentences it has used, so no
// sentence appears twice. It is used by one goroutine, in outline order.
type Composer struct {
	Facts    Facts
	Taxonomy corpus.Taxonomy
	used     map[string]bool
	joined   *string // factsText(Facts), made once: every candidate sentence is checked against it
}

// factsText is the user's facts joined, computed on first use.
func (c *Composer) factsText() string {
	if c.joined == nil {
		t := factsText(c.Facts)
		c.joined = &t
	}
	return *c.joined
}

// Section writes one section: up to two fact-free lead sentences from the
// examples that fit the heading and facts, then the facts woven into
// sentences.
func (c *Composer) Section(item OutlineItem, examples []Example) string {
	if item.goals {
		return c.goalsParagraph(item)
	}
	if item.Part == corpus.PartProblems {
		return problemsParagraph(item.Facts)
	}
	own := item.Facts
	if item.Part == corpus.PartPlan {
		own = withoutPeriodName(own, c.partPeriod(item))
	}
	facts := FactSentences(own, item.Part == corpus.PartPlan, c.periodWord())
	if item.Part == corpus.PartPlan && len(item.Facts) == 0 {
		facts = continuedWork(item.related, factsPeriod(c.Facts).Next().Year)
	}
	leads := c.leads(item, examples, 2)
	if len(leads) == 0 && len(item.Tasks) == 0 && (facts == "" || item.Part == corpus.PartPlan) {
		// A section is never left empty, and a plan section is more than
		// this year's work continued.
		leads = c.lastResort(item)
	}
	text := c.lengthened(item, examples, leads, facts)
	if text == "" {
		return noFactsNote
	}
	return text
}

// problemsParagraph lists the user's problems; another report's problems are
// not ours.
func problemsParagraph(facts []Fact) string {
	var b strings.Builder
	b.WriteString("工作中也还存在一些问题和不足")
	if len(facts) == 1 {
		return b.String() + "，主要是" + strings.TrimRight(strings.TrimSpace(facts[0].Text), "。；，") + "。"
	}
	b.WriteString("：")
	for i, f := range facts {
		sep := "；"
		if i == len(facts)-1 {
			sep = "。"
		}
		b.WriteString(ChineseNumeral(i+1) + "是" + strings.TrimRight(strings.TrimSpace(f.Text), "。；，") + sep)
	}
	return b.String()
}

// lengthened joins a section's leads and facts into its paragraph, adding
// leads while a paragraph of two facts or more is under 80 characters.
func (c *Composer) lengthened(item OutlineItem, examples []Example, leads []string, facts string) string {
	for tries := 0; tries < 2 && len(item.Facts) >= 2 && utf8.RuneCountInString(strings.Join(leads, "")+facts) < 80; tries++ {
		more := c.leads(item, examples, 1) // a paragraph, not two lines
		if len(more) == 0 {
			more = c.anyHouseLead(item, leads)
		}
		leads = append(leads, more...)
	}
	return strings.Join(principleFirst(leads), "") + facts
}

// goalsParagraph states a plan's targets together: 2026年，力争实现以下目标：…；…。
func (c *Composer) goalsParagraph(item OutlineItem) string {
	var goals []string
	for _, f := range item.Facts {
		goals = append(goals, f.Text)
	}
	return goalsSentence(factsPeriod(c.Facts), goals)
}

// goalsSentence states the targets of a plan for period p in one sentence,
// each without the 力争 and the period the sentence already says: 2026年，
// 力争实现以下目标：…；…。 A quarter's targets keep their year's words
// (2025年中考优秀率… is the year's target, not the quarter's).
func goalsSentence(p Period, goals []string) string {
	var parts []string
	for _, g := range goals {
		g = strings.TrimRight(strings.TrimSpace(g), "。；，,;.")
		// the sentence names the period and says 力争 (二季度力争完成… and
		// 力争二季度新增… alike)
		g = withoutPeriodName([]Fact{{Text: g}}, p)[0].Text
		g = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(g, "力争"), "全年"), "年内")
		// 力争 already says 计划; the sentence says 力争 once
		g = strings.TrimPrefix(strings.TrimPrefix(g, "计划"), "拟")
		g = strings.ReplaceAll(g, "，力争", "，")
		if p.Span == corpus.PeriodAnnual {
			g = strings.TrimPrefix(g, "底") // 2026年底 → 底
		}
		if g = strings.TrimLeft(g, "，, "); g != "" {
			parts = append(parts, g)
		}
	}
	when := p.Name()
	if p.Span == corpus.PeriodSecondHalf {
		// the second half's targets are the year's (a June exam among them)
		when = "到" + strconv.Itoa(p.Year) + "年底"
	}
	if len(parts) == 1 {
		return when + "，力争" + parts[0] + "。" // one target needs no list
	}
	return when + "，力争实现以下目标：" + strings.Join(parts, "；") + "。"
}

// ComposeSection writes one section with a composer of its own (no memory
// of other sections).
func ComposeSection(item OutlineItem, examples []Example) string {
	return (&Composer{}).Section(item, examples)
}

// principleFirst puts a principle sentence (坚持……) before the measures, as
// a paragraph of a report opens.
func principleFirst(leads []string) []string {
	sort.SliceStable(leads, func(i, j int) bool {
		return strings.HasPrefix(leads[i], "坚持") && !strings.HasPrefix(leads[j], "坚持")
	})
	return leads
}

// lastResort is the house sentence for a section that nothing else fills,
// even if a sentence elsewhere in the report is close to it.
func (c *Composer) lastResort(item OutlineItem) []string {
	house := houseLeads[item.Category]
	if item.Part == corpus.PartPlan {
		house = append(append([]string{}, planHouseLeads[item.Category]...), house...)
	}
	// One that repeats nothing said before if there is one (a plan does not
	// set as a task what its summary reports done, nor a task its writer
	// lists), else any not used.
	repeats := func(h string) bool { return c.echoes(h) || repeatsTask(item, h) }
	passes := []func(string) bool{repeats}
	if len(item.Facts) == 0 {
		passes = append(passes, func(string) bool { return false }) // never an empty section
	}
	for _, pass := range passes {
		for _, h := range house {
			if h = c.atLevel(h); !c.used[h] && !pass(h) {
				if c.used == nil {
					c.used = map[string]bool{}
				}
				c.used[h] = true
				return []string{h}
			}
		}
	}
	return nil
}

// periodWord opens the facts of a summary: 全年, 上半年, 第三季度.
func (c *Composer) periodWord() string {
	if c.Facts.Year == 0 {
		return ""
	}
	if factsPeriod(c.Facts).Span == corpus.PeriodAnnual {
		return "全年"
	}
	return "" // the opening names the half or the quarter already
}

// futureWords mark a sentence about what will be done: it opens no summary.
var futureWords = regexp.MustCompile(`力争|争取|计划|将(进一步|继续|全面|着力|持续|加快|大力|以|在|于)|要(进一步|继续|坚持|加强|抓好|做好|把|以)|(^|[^模虚])拟|确保.*(达到|完成)|下一步|下阶段|明年|今后`)

// leads chooses up to n lead sentences for a section: first the corpus's
// sentences that share the facts' words, best first, then the topic leads of
// its facts (topicLeads), then the category's house sentences
// (houseCandidates). Every one fits the report — the part's tense, the org's
// level, the period's months and campaigns, the section's category — and was
// not used before; none says what a fact says, and two that say the same
// thing are not both kept.
func (c *Composer) leads(item OutlineItem, examples []Example, n int) []string {
	facts, factText := item.allFacts()
	factTopic := bigramSet(factText)
	cands := c.corpusLeads(item, examples, factTopic, len(facts) > 0)
	// A section whose facts are not its category's work (a 篮球联赛 result
	// filed under 教育质量) takes the leads of the work they speak of.
	offCategory := c.offCategory(item, facts)
	ofCategory := func(s string) bool {
		return offCategory || item.Category == c.Taxonomy.Fallback || c.Taxonomy.Classify(s, "", "").Category == item.Category
	}
	topical := c.usable(item, topicSentences(facts, item.Part == corpus.PartPlan, ofCategory))
	if offCategory {
		// headed as the work its facts speak of: that work's leads come
		// before other reports' sentences on the category's usual work
		cands = append(topical, cands...)
	} else {
		cands = append(cands, topical...)
	}
	cands = append(cands, c.houseCandidates(item, len(facts) > 0, factTopic, offCategory || len(cands) > 0)...)
	var out []string
	for _, s := range cands {
		if len(out) == n {
			break
		}
		if slices.Contains(out, s) || len(out) > 0 && similar(out[0], s) || c.echoes(s) || saysFact(s, factText) || repeatsTask(item, s) {
			continue // two leads that say the same thing, or what a fact says (深化教师交流轮岗 before 推动城乡教师交流轮岗)
		}
		out = append(out, s)
		if c.used == nil {
			c.used = map[string]bool{}
		}
		c.used[s] = true
	}
	if c.Facts.Doc == corpus.KindPlan && len(item.Facts) == 0 && len(item.related) > 0 {
		out = append(out, c.targetTasks(item, out, factText, ofCategory)...)
	}
	return out
}

// saysTopic reports whether sentence s speaks of the work whose topic lead
// is lead (a 控辍保学 lead after a sentence on 控辍保学).
func saysTopic(s, lead string) bool {
	return slices.Contains(topicSentences([]Fact{{Text: s}}, true, func(string) bool { return true }), lead) || s == lead
}

// targetTasks are the tasks that answer a plan section's targets, which are
// stated under 主要目标: the work of each target, of the section's category
// when one of the target's topics is (公办园建设, not 招生, for new
// kindergartens under 办学条件), else its first (控辍保学 for a 巩固率 the
// writer filed under 教育质量), unless the leads say it already.
func (c *Composer) targetTasks(item OutlineItem, have []string, factText string, fits func(string) bool) []string {
	var topical []string
	for _, f := range item.related {
		topical = append(topical, targetWork(f.Text, fits)...)
	}
	var out []string
	for _, t := range c.usable(item, topical) {
		if slices.Contains(have, t) || saysFact(t, factText) || c.echoes(t) || slices.ContainsFunc(append(have, out...), func(h string) bool { return saysTopic(h, t) }) {
			continue
		}
		out = append(out, t)
		c.used[t] = true
	}
	return out
}

// targetWork is the plan form of a target's work: the topic lead that fits
// (the section's category) when one does, else the target's first (控辍保学
// for a 巩固率 filed under 教育质量).
func targetWork(target string, fits func(string) bool) []string {
	fact := []Fact{{Text: target}}
	if ts := topicSentences(fact, true, fits); len(ts) > 0 {
		return ts
	}
	return topicSentences(fact, true, func(string) bool { return true })
}

// repeatsTask reports whether a lead of a plan section names a task the
// writer lists in it (深化作风建设 before 健全作风建设常态化长效化机制): a
// plan's lead frames its tasks, it does not say one of them twice.
func repeatsTask(item OutlineItem, lead string) bool {
	if item.Part != corpus.PartPlan {
		return false
	}
	for _, f := range item.Facts {
		if sharesTerm(lead, f.Text) || sameWork(lead, f.Text) {
			return true
		}
	}
	return false
}

// sameWork reports whether two sentences name the same piece of work by the
// topics they name (防溺水 in both, 作风 and 廉政 in both).
func sameWork(a, b string) bool {
	return shareTopic(topicsOf(a), topicsOf(b))
}

// saysFact reports whether a lead says what the facts say: they share a run
// of five Han characters or more (深化教师交流轮岗 before 推动城乡教师交流轮岗…,
// 精准落实各项学生资助政策 before 全年落实学生资助政策…); a shared term
// (特岗教师) alone is the same topic, not the same words.
func saysFact(lead, facts string) bool {
	a, b := []rune(lead), []rune(facts)
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] && isHanRune(a[i]) {
				if cur[j+1] = prev[j] + 1; cur[j+1] >= 5 {
					return true
				}
			}
		}
		prev = cur
	}
	return false
}

// houseCandidates are the category's house sentences a section may open
// with: all of them without facts; with facts, those sharing the facts'
// words, and — when noPrinciple is false — the principle sentence (坚持把…
// 作为…), which frames any facts of the category's own work but only opens a
// paragraph that has no sentence of its facts' own work (a 幼小衔接 fact is
// not opened by 坚持公益普惠方向).
func (c *Composer) houseCandidates(item OutlineItem, hasFacts bool, factTopic map[string]bool, noPrinciple bool) []string {
	if item.Category == c.Taxonomy.Fallback && item.Heading != otherHeading(nil, item.Part == corpus.PartPlan) {
		return nil // 其他 headed as a line of work (体育) is not 统筹兼顾 of other work
	}
	house := houseLeads[item.Category]
	if item.Part == corpus.PartPlan {
		house = append(append([]string{}, planHouseLeads[item.Category]...), house...)
	}
	var out []string
	for i, h := range c.usable(item, house) {
		principle := i == 0 && !noPrinciple && item.Category != c.Taxonomy.Fallback && houseLeads[item.Category] != nil && h == c.atLevel(houseLeads[item.Category][0])
		if !hasFacts || contentOverlap(factTopic, h) >= 2 || principle {
			out = append(out, h)
		}
	}
	return out
}

// offCategory reports whether none of a section's facts is its category's
// work by the taxonomy (9月1日如期开学 under 教育质量).
func (c *Composer) offCategory(item OutlineItem, facts []Fact) bool {
	if isTopicHeading(item.Heading) {
		return true // headed as the work its facts speak of (规范招生入学)
	}
	off := len(facts) > 0 && item.Category != c.Taxonomy.Fallback // 其他 is whatever its facts are
	for _, f := range facts {
		// a fact the taxonomy cannot place (千兆光纤接入率) is the writer's
		// category's, as filed: only another category's work is off
		got := c.Taxonomy.Classify(f.Text, "", "").Category
		off = off && got != item.Category && got != c.Taxonomy.Fallback
	}
	return off
}

// allFacts are a section's facts and this period's related ones, and their
// text joined, which its lead sentences are weighed against.
func (it OutlineItem) allFacts() ([]Fact, string) {
	facts := append(append([]Fact(nil), it.Facts...), it.related...)
	var b strings.Builder
	for _, f := range facts {
		b.WriteString(f.Text)
	}
	return facts, b.String()
}

// anyHouseLead is one more of the category's house sentences for a section
// too short to read as a paragraph, whatever words it shares with the facts
// (but not what a fact says), unless the facts are another category's work.
func (c *Composer) anyHouseLead(item OutlineItem, have []string) []string {
	facts, factText := item.allFacts()
	if c.offCategory(item, facts) {
		return nil
	}
	house := houseLeads[item.Category]
	if item.Part == corpus.PartPlan {
		house = append(append([]string{}, planHouseLeads[item.Category]...), house...)
	}
	for _, h := range c.usable(item, house) {
		if (len(have) == 0 || !similar(have[0], h)) && !saysFact(h, factText) && !repeatsTask(item, h) {
			if c.used == nil {
				c.used = map[string]bool{}
			}
			c.used[h] = true
			return []string{h}
		}
	}
	return nil
}

// usable keeps the stock sentences (topic or house leads) that suit the
// section: at the org's level, fitting the part's period, not used before
// and not what the section's own tasks say.
func (c *Composer) usable(item OutlineItem, sentences []string) []string {
	var out []string
	for _, s := range sentences {
		s = c.atLevel(s)
		if !c.used[s] && !c.echoes(s) && !similarTask(s, item.Tasks) && !namesSeasonWork(s, item.Tasks) && stockFits(s, item.Category, c.partPeriod(item), c.factsText()) {
			out = append(out, s)
		}
	}
	return out
}

// corpusLeads are the examples' sentences that fit the section, ranked by
// the words they share with the heading, the category, the facts and the
// tasks; with facts, only those sharing the facts' words (师德 over 招聘,
// 备考 over 开学 is another topic).
func (c *Composer) corpusLeads(item OutlineItem, examples []Example, factTopic map[string]bool, hasFacts bool) []string {
	var topic strings.Builder
	topic.WriteString(item.Heading + item.Category)
	for _, f := range item.Facts {
		topic.WriteString(f.Text)
	}
	want := bigramSet(topic.String())
	for _, t := range item.Tasks {
		want = mergeSets(want, bigramSet(t.Text))
	}
	type cand struct {
		s     string
		score int
	}
	var cands []cand
	seen := map[string]bool{}
	for _, e := range examples {
		if item.Part != corpus.PartPlan && e.Part == corpus.PartPlan {
			continue // a plan's tasks (做好…监测) are not a summary's record
		}
		for _, s := range LeadSentences(e.Text, 0) {
			s = c.atLevel(s)
			if seen[s] || c.used[s] || !c.fits(s, item) || c.echoes(s) || similarTask(s, item.Tasks) || namesSeasonWork(s, item.Tasks) {
				continue
			}
			seen[s] = true
			if hasFacts && contentOverlap(factTopic, s) < 2 {
				continue
			}
			cands = append(cands, cand{s, contentOverlap(want, s)})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	out := make([]string, len(cands))
	for i, cd := range cands {
		out[i] = cd.s
	}
	return out
}

// houseLeads are fact-free approach sentences per category, for a corpus
// that offers fewer than two: how the work is done, in any year, at any
// bureau (全县 is rewritten to the org's level).
var houseLeads = map[string][]string{
	"党建":   {"坚持以党建引领教育事业发展，压紧压实管党治党政治责任，推动全面从严治党向基层学校延伸。", "推动党建工作与教育教学深度融合，以高质量党建引领学校发展。", "坚持把党的政治建设摆在首位，深化党的创新理论学习。"},
	"办学条件": {"坚持把改善办学条件作为民生实事来抓，统筹推进校舍建设和设施配备。", "加强项目建设全过程监管，确保工程质量和资金安全。", "统筹资金和项目，持续改善学校基本办学条件。"},
	"师资":   {"坚持把教师队伍建设作为基础性工作来抓，统筹推进教师补充、培养和管理。", "持续优化教师队伍结构，提升教师整体素质。", "统筹做好教师培养、使用和激励工作，激发队伍活力。"},
	"安全":   {"坚持把师生生命安全放在首位，压实学校安全主体责任。", "常态化开展安全隐患排查整治，健全校园安全风险防控体系，筑牢校园安全防线。", "健全校园安全风险防控体系，全面提升校园安全管理水平。", "坚持预防为主、防治结合，推动安全工作常态长效。"},
	"扶贫":   {"坚持把促进教育公平作为重要民生工作，精准落实各项教育惠民政策。", "健全控辍保学工作机制，保障适龄儿童少年依法接受义务教育。", "健全资助育人和控辍保学工作机制，促进教育公平。"},
	"教育质量": {"坚持把提高教育质量作为核心任务，全面落实教学常规管理。", "加强教研指导和质量监测，健全教学质量分析和反馈机制。", "完善教学管理制度，提升课堂教学效率。"},
	"德育":   {"坚持立德树人根本任务，推动五育并举、全面育人。", "加强学校、家庭、社会协同育人，形成育人合力。", "丰富校园文化活动，营造良好育人环境。"},
	"学前教育": {"坚持公益普惠方向，扩大优质普惠资源供给。", "规范幼儿园办园行为，加强保育教育过程指导，提升保教水平。", "加强幼儿园保教队伍建设，夯实保教基础。"},
	"职业教育": {"坚持产教融合、校企合作，提升职业教育服务发展能力。", "对接地方产业优化专业设置，加强实训基地和“双师型”教师队伍建设。", "完善职业教育办学机制，提升技能人才培养质量。"},
	"教育改革": {"坚持以改革促发展，聚焦群众关切的热点难点问题，统筹推进各项教育改革。", "深化教育评价改革，推动各项改革举措落地见效。", "坚持问题导向，推动重点领域改革落地见效。"},
	"信息化":  {"坚持以教育数字化赋能教育高质量发展，推动信息技术与教育教学深度融合。", "加强教师信息技术应用能力培训，推动信息技术与教育教学深度融合。", "完善教育信息化基础设施，提升数字资源应用水平。"},
	"其他":   {"坚持统筹兼顾，协调推进各项工作。"},
}

// planHouseLeads are house-style task sentences per category for a plan
// part, in the plan's tense.
var planHouseLeads = map[string][]string{
	"党建":   {"持续推进学校党组织标准化规范化建设，严格落实“第一议题”和“三会一课”制度。"},
	"办学条件": {"持续改善办学条件，统筹推进学校建设和设施设备更新。", "统筹资金和项目，持续补齐学校基本办学条件短板。"},
	"师资":   {"完善教师管理激励机制，激发教师队伍活力。", "加强师德师风建设，健全教师专业发展支持体系。"},
	"安全":   {"完善校园安全风险分级管控和隐患排查治理机制，修订完善各类应急预案。", "常态化开展安全教育和应急演练，提升师生安全素养和自护能力。"},
	"扶贫":   {"持续落实学生资助政策，巩固控辍保学成果。", "加强资助育人，做好家庭经济困难学生精准认定和动态管理。"},
	"教育质量": {"持续深化教学改革，健全教学质量监测和评价机制。", "加强学科教研组和备课组建设，推动课堂教学提质增效。"},
	"德育":   {"持续落实立德树人根本任务，完善全员全程全方位育人机制。", "加强心理健康教育和家校协同育人，促进学生身心健康成长。"},
	"学前教育": {"持续推进学前教育普及普惠，扩大公办园资源。", "深化幼小科学衔接，加强幼儿园保育教育质量评估。"},
	"职业教育": {"持续深化产教融合，提升职业教育办学水平。", "对接地方产业优化专业设置，推进校企合作和订单培养。"},
	"教育改革": {"持续深化教育评价改革和学校管理体制改革，激发学校办学活力。", "健全改革推进机制，推动各项改革举措落地见效。"},
	"信息化":  {"持续推进教育数字化转型，提升智慧校园建设和应用水平。", "推进数字教育资源共建共享，深化信息技术与课堂教学融合应用。", "加强教师信息技术应用能力培训，提升数字化教学水平。", "统筹推进智慧校园建设，扩大优质数字教育资源覆盖面。"},
}

// fits reports whether a lead sentence suits the section: a summary's leads
// do not speak of the future, the sentence suits the part's period (see
// stockFits), and a sentence the taxonomy files under another category
// stays out.
func (c *Composer) fits(s string, item OutlineItem) bool {
	if item.Part != corpus.PartPlan && futureWords.MatchString(s) {
		return false
	}
	if !stockFits(s, item.Category, c.partPeriod(item), c.factsText()) {
		return false
	}
	if len(c.Taxonomy.Categories) > 0 && item.Category != "" {
		got := c.Taxonomy.Classify(s, "", "").Category
		if got != item.Category && got != c.Taxonomy.Fallback {
			return false
		}
	}
	return true
}

// partPeriod is the period an item's part speaks of: the plan part of a
// summary+plan covers the next one.
func (c *Composer) partPeriod(item OutlineItem) Period {
	period := factsPeriod(c.Facts)
	if item.Part == corpus.PartPlan && c.Facts.Doc != corpus.KindPlan {
		period = period.Next()
	}
	return period
}

// stockFits is the one rule for a stock sentence (a corpus lead, a house
// lead, a corpus plan task) in a report of period p whose user's facts are
// facts: it may not report another bureau's events or named activities or
// list particular ones (农耕体验、家务劳动等); it may not name a campaign of
// another year, or one the facts do not name (持续整治群众身边不正之风 presents
// the drive as this bureau's record), nor a 专项整治 or 提质行动 they do not
// name; it may not speak of work of other months (质量监测 in a July–September
// report); and it stays on the category's topic (信访维稳 is not campus
// safety).
func stockFits(s, category string, p Period, facts string) bool {
	if eventOpener.MatchString(s) || quotesName(s) || enumerates.MatchString(s) {
		return false
	}
	if staleCampaign(s, p.Year, "") || namesCampaign(s, facts) || outOfSeason(s, p) || namesDrive(s, facts) {
		return false
	}
	return offTopic[category] == nil || !offTopic[category].MatchString(s)
}

// drive names a special campaign of inspection or rectification (师德师风专项
// 整治, 安全专项行动): a bureau runs one against a problem it has, so a stock
// sentence may name one only when the writer's facts do.
var drive = regexp.MustCompile(`([\p{Han}]{2,6})专项(整治|治理|行动|检查|督导|督查|清理)`)

// programme names a bureau's own programme (课后服务提质行动, 青蓝工程): a
// stock sentence naming one presents another bureau's work as this one's.
var programme = regexp.MustCompile(`(培养|提升|提质|攻坚|改善|结对|强基|筑基|振兴|浸润|护苗|领航|铸魂|青蓝|启航|赋能|示范)(行动|工程)`)

// namesDrive reports whether s names a special campaign or a programme the
// facts do not.
func namesDrive(s, facts string) bool {
	for _, m := range drive.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(facts, "专项"+m[2]) {
			return true
		}
	}
	for _, m := range programme.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(facts, m[0]) {
			return true
		}
	}
	return false
}

// offTopic marks sentences a category's keywords draw in that are about
// other work: 信访维稳 is not campus safety.
var offTopic = map[string]*regexp.Regexp{
	"安全": regexp.MustCompile(`矛盾纠纷|信访|舆情|群众关切|维稳`),
}

// enumerates finds a list of particular things closed by 等.
var enumerates = regexp.MustCompile(`、[^，。；、]{1,12}等`)

// eventOpener starts a sentence reporting a one-off event (开展……专项检查,
// 举办……活动): that is another bureau's record, not an approach.
var eventOpener = regexp.MustCompile(`^(开展|组织|举办|召开|举行|邀请|评选|表彰)`)

// quotesName reports whether a sentence quotes a name (“一校一品”, “零辍学”)
// other than a fixed phrase of policy language (“一岗双责”, “双减”).
func quotesName(s string) bool {
	for _, m := range quoted.FindAllStringSubmatch(s, -1) {
		if !fixedPhrase[m[1]] {
			return true
		}
	}
	return false
}

var quoted = regexp.MustCompile(`“([^”]{1,12})”`)

// fixedPhrase are the quoted words of policy language a lead may keep
// (落实“一岗双责”); any other quoted name (“一校一品”, “零辍学”) is an
// activity, a brand or a result of the report it comes from.
var fixedPhrase = map[string]bool{
	"第一议题": true, "双减": true, "放管服": true, "一岗双责": true, "三会一课": true, "五育并举": true, "三全育人": true,
	"五项管理": true, "两个维护": true, "四个意识": true, "县管校聘": true, "两学一做": true, "八项规定": true, "四有": true,
}

// similar reports whether two sentences say much the same: they share four
// or more character pairs beyond the words every report uses, or a third of
// the shorter one's (专项治理 … / 专项整治 …, 备考指导 … / 复习备考指导 …).
func similar(a, b string) bool {
	return closeWording(a, b) || sharesTerm(a, b)
}

// closeWording reports whether two sentences share most of their content
// words.
func closeWording(a, b string) bool {
	n, size := sharedWords(a, b)
	return size > 0 && (n >= 4 || 3*n >= size)
}

// sharedWords counts the content character pairs the shorter of two
// sentences shares with the other, and how many it has.
func sharedWords(a, b string) (n, size int) {
	x, y := contentBigrams(a), contentBigrams(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	return overlap(y, x), len(x)
}

// sharesTerm reports whether two sentences share a four-character term
// beyond the words every report uses (质量监测, 控辍保学): the same work
// said twice in one paragraph.
// commonTerms name a stage of schooling or a whole field, which sentences on
// different work share (义务教育质量监测, 巩固义务教育普及成果; 信息技术应用
// 能力培训, 信息技术与课堂教学融合).
var commonTerms = map[string]bool{"义务教育": true, "学前教育": true, "职业教育": true, "高中教育": true, "高中阶段": true, "中小学校": true, "信息技术": true, "教育教学": true}

func sharesTerm(a, b string) bool {
	rs := []rune(a)
	for i := 0; i+4 <= len(rs); i++ {
		term := string(rs[i : i+4])
		if !isHanRun(rs[i:i+4]) || !strings.Contains(b, term) || commonTerms[term] {
			continue
		}
		specific := 0
		for g := range bigramSet(term) {
			if !headingWords[g] {
				specific++
			}
		}
		if specific >= 2 { // 发展活力, 应急处置; not 推动各项, 教育质量
			return true
		}
	}
	return false
}

func isHanRun(rs []rune) bool {
	for _, r := range rs {
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
	}
	return true
}

// contentBigrams are a text's character pairs less the words every heading
// and report uses (加强, 推进, 工作 …).
func contentBigrams(s string) map[string]bool {
	out := bigramSet(s)
	for g := range out {
		if headingWords[g] {
			delete(out, g)
		}
	}
	return out
}

// contentOverlap counts the content pairs a sentence shares with a topic.
func contentOverlap(topic map[string]bool, s string) int {
	n := 0
	for g := range contentBigrams(s) {
		if topic[g] {
			n++
		}
	}
	return n
}

// echoes reports whether a sentence says much what a lead already used in
// the report says.
func (c *Composer) echoes(s string) bool {
	for u := range c.used {
		if mostlyShared(u, s) || sharesTerm(u, s) {
			return true
		}
	}
	return false
}

// mostlyShared reports whether a third or more of the shorter sentence's
// content words are in the other: across sections, two long sentences of a
// field share a few words (数字, 资源, 优质) without saying the same thing.
func mostlyShared(a, b string) bool {
	n, size := sharedWords(a, b)
	return size > 0 && 3*n >= size
}

// atLevel writes a sentence at the org's level: 全区 in a 县 report becomes
// 全县.
func (c *Composer) atLevel(s string) string { return atLevel(s, c.Facts.Org) }

// atLevel writes a stock sentence at org's level: 全县 and 县管校聘 in a
// district's report become 全区 and 区管校聘; without an org it is as it is.
func atLevel(s, org string) string {
	if org == "" {
		return s // no org, no level to write at
	}
	level := orgLevel(org)
	for _, w := range []string{"全县", "全区", "全市", "全旗"} {
		if w != level {
			s = strings.ReplaceAll(s, w, level)
		}
	}
	unit := strings.TrimPrefix(level, "全") // 县, 区, 市
	for _, w := range []string{"县管校聘", "区管校聘"} {
		if !strings.HasPrefix(w, unit) && (unit == "县" || unit == "区") {
			s = strings.ReplaceAll(s, w, unit+"管校聘")
		}
	}
	return s
}

// noFactsNote fills a section the user gave no facts for and no example
// sentence fits.
const noFactsNote = "（暂无事实，请在事实文件中补充本部分内容。）"

// ComposeOpening writes the opening paragraph (总述) without a model.
func ComposeOpening(f Facts) string { return composeOpening(f, ReportTitle(f)) }

// composeOpening writes the opening of a report titled title, announcing
// its parts as the title names them.
// field is the work an org's report speaks of: 教育, or 教育体育事业 for an
// 教育体育局 (or 教体局), whose reports cover sport as well.
func field(org string) string {
	if strings.Contains(org, "体育") || strings.Contains(org, "教体") {
		return "教育体育事业"
	}
	return "教育"
}

// higherUp names the departments above the org: 上级教育行政部门, and the
// sports ones too for an 教育体育局.
func higherUp(org string) string {
	if field(org) != "教育" {
		return "上级教育、体育行政部门"
	}
	return "上级教育行政部门"
}

func composeOpening(f Facts, title string) string {
	gov := "县委、县政府"
	switch {
	case strings.Contains(f.Org, "区"):
		gov = "区委、区政府"
	case strings.Contains(f.Org, "市"):
		gov = "市委、市政府"
	}
	period := factsPeriod(f).Name()
	tail := "现将有关工作情况总结如下："
	if f.Doc == corpus.KindSummaryPlan {
		p := factsPeriod(f)
		next := p.Next().Short() + "工作打算"
		if p.Next().Year != p.Year {
			next = p.Next().Name() + "工作打算"
		}
		if _, plan, ok := strings.Cut(title, "工作总结及"); ok {
			next = plan // the plan part as the title names it: 2025年工作思路
		}
		tail = "现将" + p.Short() + "工作总结及" + next + "报告如下："
	}
	if f.Doc == corpus.KindPlan {
		return period + "，" + f.Org + "将在" + gov + "的坚强领导和" + higherUp(f.Org) + "的指导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务，推动" + field(f.Org) + "高质量发展。现将" + period + "主要工作安排如下："
	}
	return period + "，" + f.Org + "在" + gov + "的坚强领导和" + higherUp(f.Org) + "的关心指导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务，扎实推进各项工作。" + tail
}

// mergeSets adds the members of b to a and returns a.
func mergeSets(a, b map[string]bool) map[string]bool {
	for k := range b {
		a[k] = true
	}
	return a
}

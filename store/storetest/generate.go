package storetest

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/zongjie/zongjie/corpus"
)

// The generator writes report-like sections from phrases typical of county
// education bureau reports, so term frequencies resemble a real corpus: a
// topic's terms mostly occur in that topic's sections, general phrases
// everywhere.

type topic struct {
	category, part string
	headings       []string
	phrases        []string
}

var topics = []topic{
	{"党建", corpus.PartSummary, []string{"加强党的建设", "党建引领", "全面从严治党"}, []string{
		"加强学校党建工作", "开展主题党日活动", "落实全面从严治党主体责任", "推动党建与业务深度融合",
		"规范发展党员工作", "加强党风廉政建设", "落实意识形态工作责任制", "建强基层党组织"}},
	{"师资", corpus.PartSummary, []string{"加强师资队伍建设", "教师队伍建设", "师德师风建设"}, []string{
		"招聘特岗教师", "开展教师全员培训", "加强师德师风建设", "推进县管校聘改革", "建设名师工作室",
		"推动城乡教师交流轮岗", "落实乡村教师生活补助", "优化师资配置"}},
	{"资助", corpus.PartSummary, []string{"学生资助", "精准资助", "控辍保学"}, []string{
		"发放国家助学金", "落实学生资助政策", "实施农村义务教育学生营养改善计划", "做好控辍保学工作",
		"办理生源地信用助学贷款", "资助家庭经济困难学生", "确保资助资金足额发放", "实现应助尽助"}},
	{"安全", corpus.PartSummary, []string{"校园安全", "安全稳定", "平安校园建设"}, []string{
		"开展校园安全隐患排查", "加强防溺水专项教育", "开展校园欺凌防治", "落实食品安全责任",
		"组织消防应急演练", "加强交通安全教育", "建设平安校园", "守住安全底线"}},
	{"双减", corpus.PartSummary, []string{"落实双减政策", "课后服务", "减轻学生负担"}, []string{
		"推进课后服务全覆盖", "巩固双减工作成果", "加强作业管理", "规范校外培训机构",
		"丰富课后服务内容", "提高作业设计质量"}},
	{"质量", corpus.PartSummary, []string{"提升教育质量", "教研教改", "教学管理"}, []string{
		"深化课堂教学改革", "开展教研活动", "组织集体备课", "加强教学质量监测", "中考成绩稳步提升",
		"推进教研室建设"}},
	{"学前", corpus.PartSummary, []string{"学前教育", "普惠发展"}, []string{
		"发展普惠性幼儿园", "提高学前教育毛入园率", "规范民办幼儿园管理", "推进幼小衔接"}},
	{"职教", corpus.PartSummary, []string{"职业教育", "产教融合"}, []string{
		"深化产教融合", "办好中职学校", "组织职业技能大赛", "推进校企合作"}},
	{"基建", corpus.PartSummary, []string{"改善办学条件", "校舍建设", "教育信息化"}, []string{
		"推进义务教育优质均衡发展", "实施薄弱学校改造", "新建改扩建校舍", "推进教育信息化建设",
		"建设标准化学校", "优化学校布局"}},
}

var problems = topic{"问题", corpus.PartProblems, []string{"存在问题", "存在的不足", "问题与困难"}, []string{
	"师资结构性矛盾突出", "教育经费保障不足", "农村学校规模偏小", "城区学校大班额问题仍然存在",
	"教师老龄化问题突出", "校园安全隐患依然存在", "优质教育资源不足"}}

var plans = topic{"计划", corpus.PartPlan, []string{"下一步工作打算", "工作计划", "下一步工作思路"}, []string{
	"持续抓好党建工作", "继续加强师资队伍建设", "巩固双减成果", "抓实安全稳定工作",
	"推进义务教育优质均衡", "深化教育领域综合改革"}}

var general = []string{
	"坚持以习近平新时代中国特色社会主义思想为指导", "全面贯彻党的教育方针", "落实立德树人根本任务",
	"推动教育高质量发展", "办好人民满意的教育", "进一步完善工作机制", "强化督导检查", "加大经费投入",
	"扎实推进各项工作", "取得明显成效", "群众满意度持续提升", "统筹城乡教育资源", "提升教育教学质量",
	"加强家校协同育人", "各学校高度重视", "县教育局认真谋划", "切实履行职责", "形成工作合力",
}

var (
	counties = []string{"东山", "西河", "南岭", "北川", "青石", "白水", "红岩", "金沙", "长乐", "安平"}
	units    = []string{"名", "所", "人", "万元", "个", "场次", "人次", "%"}
)

// Generator writes reproducible report-like documents, for benchmarks; n
// numbers them so texts differ.
type Generator struct {
	r *rand.Rand
	n int
}

// NewGenerator returns a generator whose documents depend only on seed.
func NewGenerator(seed int64) *Generator { return &Generator{r: rand.New(rand.NewSource(seed))} }

func (g *Generator) pick(s []string) string { return s[g.r.Intn(len(s))] }

// text writes about 300 characters of sentences, mostly from tp.
func (g *Generator) text(tp topic) string {
	var b strings.Builder
	for n := 0; n < 300; {
		k := 2 + g.r.Intn(3)
		for i := 0; i < k; i++ {
			var p string
			switch x := g.r.Intn(10); {
			case x < 6:
				p = g.pick(tp.phrases)
			case x < 9:
				p = g.pick(general)
			default:
				p = g.pick(topics[g.r.Intn(len(topics))].phrases)
			}
			if g.r.Intn(3) == 0 {
				p += fmt.Sprintf("%d%s", 1+g.r.Intn(500), g.pick(units))
			}
			if i > 0 {
				b.WriteString("，")
				n++
			}
			b.WriteString(p)
			n += len([]rune(p))
		}
		b.WriteString("。")
		n++
	}
	return b.String()
}

// Document returns a report of eight sections: preamble, five summary
// topics, problems and plans.
func (g *Generator) Document() corpus.Document {
	g.n++
	county := g.pick(counties)
	year := 2015 + g.r.Intn(10)
	d := corpus.Document{
		Title:  fmt.Sprintf("%s县教育局%d年工作总结（%d）", county, year, g.n),
		Org:    county + "县教育局",
		Year:   year,
		Period: corpus.PeriodAnnual,
		Kind:   corpus.KindSummaryPlan,
	}
	d.Sections = append(d.Sections, corpus.Section{ID: "0", Part: corpus.PartPreamble, Category: "总述",
		Text: g.text(topic{phrases: general})})
	add := func(tp topic) {
		n := len(d.Sections)
		d.Sections = append(d.Sections, corpus.Section{ID: fmt.Sprint(n), Level: 1,
			Marker: fmt.Sprintf("%d.", n), Heading: g.pick(tp.headings), Part: tp.part, Category: tp.category,
			Text: g.text(tp)})
	}
	for _, i := range g.r.Perm(len(topics))[:5] {
		add(topics[i])
	}
	add(problems)
	add(plans)
	d.Text = DocText(d)
	return d
}

// BenchQueries mixes 2–4-character domain terms, some with filters.
var BenchQueries = []corpus.SearchQuery{
	{Text: "党建"}, {Text: "师资"}, {Text: "资助"}, {Text: "安全"}, {Text: "双减"}, {Text: "教研"},
	{Text: "防溺水"}, {Text: "幼儿园"}, {Text: "特岗教师"}, {Text: "课后服务"}, {Text: "控辍保学"},
	{Text: "营养改善"}, {Text: "校园欺凌"}, {Text: "产教融合"},
	{Text: "安全", Category: "安全"}, {Text: "师资", Year: 2023}, {Text: "课后服务", Part: corpus.PartPlan},
	{Text: "党建", Org: "东山"},
}

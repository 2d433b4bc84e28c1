package corpus

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// This file encodes the expectations of testdata/README.md, independently of
// the golden files: a golden file records what the parser does, these tests
// record what it should do. Headings, titles and texts are written in
// simplified characters (the README allows the OpenCC t2s form).
//
// Figures are written in the parser's normalised form, as the figure tests
// of the brief require it (总投资1.4亿多元 → 1.4e8 元): README's
// "1.8 万人次" is 18000 人次 here, "1.2 亿元" is 1.2e8 元.

type headExp struct {
	id       string
	level    int
	marker   string // alternatives separated by "|"
	heading  string
	part     string
	category string // "" = not checked (debatable or not stated)
}

type figExp struct {
	sec   string // section ID, "0" for the preamble
	text  string // the README's text, for messages
	value float64
	unit  string
	label string // the extracted label must end with this ("" = not checked)
}

type textExp struct {
	sec                            string
	starts, ends, equals, contains string
}

type docExp struct {
	title, org string
	year       int
	period     string // alternatives separated by "|"
	kind       string
	heads      []headExp // every headed section, in order
	figs       []figExp
	texts      []textExp
	noValues   []float64 // values that must not be extracted as figures anywhere in the document
	phs        []figExp  // placeholders (value ignored)
}

type fixtureExp struct {
	file      string
	encodings string // alternatives separated by "|"
	docs      []docExp
	absent    []string // must occur in no title, heading, marker, text or figure
	present   []string // must occur in one of them
}

// summary, problems, plan abbreviate parts in the tables below.
const (
	sum  = PartSummary
	prob = PartProblems
	plan = PartPlan
)

var fixtureExpectations = []fixtureExp{
	{
		file: "gbk.txt", encodings: "gb18030|gbk|gb2312",
		docs: []docExp{{
			title: "青禾县教育局2023年工作总结", org: "青禾县教育局", year: 2023, period: "annual", kind: KindSummaryPlan, // a summary with a plan part is summary+plan, whatever its title says
			heads: []headExp{
				{"1", 1, "一、", "主要工作及成效", sum, "其他"},
				{"1.1", 2, "（一）", "学前教育普惠发展", sum, "学前教育"},
				{"1.1.1", 3, "1.", "扩充普惠性资源", sum, "学前教育"},
				{"1.1.2", 3, "2.", "提升保教质量", sum, ""},
				{"1.2", 2, "（二）", "义务教育优质均衡", sum, ""},
				{"1.2.1", 3, "1.", "推进集团化办学", sum, "教育改革"},
				{"1.2.2", 3, "2.", "落实“双减”要求", sum, "教育改革"},
				{"1.3", 2, "（三）", "高中教育提质增效", sum, ""},
				{"1.4", 2, "（四）", "教师队伍建设", sum, "师资"},
				{"1.4.1", 3, "1.", "补充师资力量", sum, "师资"},
				{"1.4.2", 3, "2.", "加强教师培训", sum, "师资"},
				{"1.5", 2, "（五）", "教育保障水平", sum, ""},
				{"2", 1, "二、", "存在的问题", prob, "其他"},
				{"3", 1, "三、", "2024年工作打算", plan, "其他"},
				{"3.1", 2, "（一）", "持续扩大优质教育资源", plan, ""},
				{"3.2", 2, "（二）", "全面加强教师队伍建设", plan, "师资"},
				{"3.3", 2, "（三）", "着力提升教育治理水平", plan, ""},
			},
			figs: []figExp{
				{"1.1.1", "新增学位1350个", 1350, "个", "新增学位"},
				{"1.3", "本科上线率87.5%", 87.5, "%", ""},
				{"1.4.1", "招聘特岗教师46名", 46, "名", "招聘特岗教师"},
				{"1.4.2", "培训1.8万人次", 18000, "人次", ""},
				{"1.5", "教育总投入4.37亿元", 4.37e8, "元", ""},
				{"1.5", "投入资金2860万元", 2860e4, "元", "投入资金"},
				{"1.5", "学生资助资金1860.5万元", 1860.5e4, "元", ""},
			},
			texts: []textExp{{sec: "1.1.1", starts: "全年新建、改扩建公办幼儿园5所"}},
		}},
	},
	{
		file: "big5.txt", encodings: "big5",
		docs: []docExp{{
			title: "松潭区教育局2024年上半年工作总结", org: "松潭区教育局", year: 2024, period: PeriodFirstHalf, kind: KindSummaryPlan, // a summary with a plan part is summary+plan, whatever its title says
			heads: []headExp{
				{"1", 1, "一、", "上半年工作进展", sum, "其他"},
				{"1.1", 2, "（一）", "学位供给持续扩大", sum, "办学条件"},
				{"1.2", 2, "（二）", "教师队伍不断优化", sum, "师资"},
				{"1.3", 2, "（三）", "教育教学质量稳步提升", sum, "教育质量"},
				{"1.4", 2, "（四）", "校园安全扎实有效", sum, "安全"},
				{"2", 1, "二、", "存在的不足", prob, "其他"},
				{"3", 1, "三、", "下半年工作计划", plan, "其他"},
				{"3.1", 2, "（一）", "加快重点项目建设", plan, ""},
				{"3.2", 2, "（二）", "做好秋季招生工作", plan, ""},
				{"3.3", 2, "（三）", "深化教育评价改革", plan, "教育改革"},
			},
			figs: []figExp{
				{"1.1", "投入資金1.2億元", 1.2e8, "元", "投入资金"},
				{"1.1", "新增學位360個", 360, "个", ""},
				{"1.1", "完成年度任務的58.3%", 58.3, "%", ""},
				{"1.2", "教師輪崗交流186名", 186, "名", ""},
				{"1.3", "合格率達到94.3%", 94.3, "%", ""},
				{"1.4", "整改隱患312處", 312, "处", ""},
				{"1.4", "2.8萬份", 28000, "份", ""},
				{"3.2", "一年級招生4850人", 4850, "人", ""},
			},
		}},
	},
	{
		file: "traditional_pinyin.txt", encodings: "utf-8",
		docs: []docExp{{
			title: "梧溪县教育局2020年工作总结和2021年工作计划", org: "梧溪县教育局", year: 2020, period: "annual", kind: KindSummaryPlan,
			heads: []headExp{
				{"1", 1, "一、", "2020年工作总结", sum, "其他"},
				{"1.1", 2, "（一）", "线上教学与复学复课有序衔接", sum, ""},
				{"1.2", 2, "（二）", "办学条件持续改善", sum, "办学条件"},
				{"1.3", 2, "（三）", "教师队伍建设不断加强", sum, "师资"},
				{"1.4", 2, "（四）", "教育质量稳步提高", sum, "教育质量"},
				{"2", 1, "二、", "存在的问题", prob, "其他"},
				{"3", 1, "三、", "2021年工作计划", plan, "其他"},
				{"3.1", 2, "（一）", "扩大优质学前教育资源", plan, "学前教育"},
				{"3.2", 2, "（二）", "深化课堂教学改革", plan, ""},
				{"3.3", 2, "（三）", "加强教师队伍建设", plan, "师资"},
			},
			figs: []figExp{
				{"1.1", "覆蓋學生3.6萬人", 36000, "人", ""},
				{"1.2", "投入資金3280萬元", 3280e4, "元", "投入资金"},
				{"1.3", "招聘特崗教師38名", 38, "名", "招聘特岗教师"},
				{"1.4", "上線率81.2%", 81.2, "%", ""},
				{"2", "佔比僅為46.7%", 46.7, "%", ""},
				{"3.3", "招聘教師85名", 85, "名", ""},
			},
			texts: []textExp{
				{sec: "0", starts: "2020年，县教育局在县委"},
				// The mojibake stays verbatim: an ASCII "?" before h.
				{sec: "1.2", contains: "?h境"},
				{sec: "3.3", ends: "评选县级骨干教师60名。"},
			},
		}},
		absent:  []string{"发布时间", "范文网", "推荐阅读", "相关热词"},
		present: []string{"含幼儿园）", "STEM"},
	},
	{
		file: "page_markers.txt", encodings: "utf-8",
		docs: []docExp{{
			title: "云岭县教育局2022年工作总结和2023年工作计划", org: "云岭县教育局", year: 2022, period: "annual", kind: KindSummaryPlan,
			heads: []headExp{
				{"1", 1, "一、", "2022年工作回顾", sum, "其他"},
				{"1.1", 2, "一是", "办学条件持续改善", sum, "办学条件"},
				{"1.2", 2, "二是", "教师队伍不断加强", sum, "师资"},
				{"1.3", 2, "三是", "教育质量稳步提升", sum, "教育质量"},
				{"1.4", 2, "四是", "“双减”工作落地见效", sum, "教育改革"},
				{"1.5", 2, "五是", "教育民生保障有力", sum, ""},
				{"2", 1, "二、", "存在的问题", prob, "其他"},
				{"3", 1, "三、", "2023年工作计划", plan, "其他"},
				{"3.1", 2, "一是", "实施学校建设提升工程", plan, "办学条件"},
				{"3.2", 2, "二是", "实施教师素质提升工程", plan, "师资"},
				{"3.3", 2, "三是", "实施教育质量提升工程", plan, "教育质量"},
				{"3.4", 2, "四是", "实施平安校园建设工程", plan, "安全"},
			},
			figs: []figExp{
				{"0", "专任教师3180人", 3180, "人", ""},
				{"1.1", "投入教育项目资金1.05亿元", 1.05e8, "元", ""},
				{"1.2", "招聘特岗教师52名", 52, "名", "招聘特岗教师"},
				{"1.3", "上线率83.6%", 83.6, "%", ""},
				{"1.5", "发放各类学生资助资金1320万元", 1320e4, "元", "发放各类学生资助资金"},
				{"1.5", "惠及农村学生15 万人次", 150000, "人次", ""},
				{"3.1", "投入资金9600万元", 9600e4, "元", ""},
				{"3.2", "招聘教师90名", 90, "名", ""},
			},
			texts: []textExp{
				{sec: "0", starts: "2022年，县教育局认真贯彻落实", ends: "现将工作总结如下："},
				{sec: "3.1", contains: "薄弱学校6所"},
			},
			noValues: []float64{13, 20e4}, // 资助资金13|20万元 cut by a page break
		}},
		absent:  []string{"由会员分享", "配套讲稿", "特殊限制", "关键词", "关 键 词", ".docx", "全部消|"},
		present: []string{"全部消除", "资助资金1320万元"},
	},
	{
		file: "multi_document.txt", encodings: "utf-8",
		docs: []docExp{
			{
				title: "教育局季度工作总结一", org: "云岭县教育局", year: 2024, period: "q1|Q1", kind: KindQuarterly,
				heads: []headExp{
					{"1", 1, "一、", "主要工作", sum, "其他"},
					{"1.1", 2, "（一）", "春季开学工作平稳有序", sum, ""},
					{"1.2", 2, "（二）", "学校安全大排查扎实开展", sum, "安全"},
					{"1.3", 2, "（三）", "教师招聘工作启动", sum, "师资"},
					{"2", 1, "二、", "存在问题", prob, "其他"},
					{"3", 1, "三、", "下季度工作打算", plan, "其他"},
				},
				figs: []figExp{
					{"1.1", "到校率99.6%", 99.6, "%", ""},
					{"1.2", "排查整改隐患47处", 47, "处", ""},
					{"1.3", "招聘特岗教师40名", 40, "名", ""},
				},
			},
			{
				title: "教育局季度工作总结二", org: "青禾县教育局", year: 2024, period: "q2|Q2", kind: KindQuarterly,
				heads: []headExp{
					{"1", 1, "一、", "重点工作完成情况", sum, "其他"},
					{"1.1", 2, "（一）", "高考、中考组织平稳", sum, "教育质量"},
					{"1.2", 2, "（二）", "学前教育宣传月活动扎实开展", sum, "学前教育"},
					{"1.3", 2, "（三）", "防溺水工作持续加强", sum, "安全"},
					{"2", 1, "二、", "存在问题", prob, "其他"},
					{"3", 1, "三、", "第三季度工作打算", plan, "其他"},
				},
				figs: []figExp{
					{"1.1", "高考考生2380人", 2380, "人", ""},
					{"1.2", "参与家长1.2万人次", 12000, "人次", ""},
					{"1.3", "3.4万份", 34000, "份", ""},
				},
			},
			{
				title: "教育局季度工作总结三", org: "松潭区教育局", year: 2023, period: "q3|Q3", kind: KindQuarterly,
				heads: []headExp{
					{"1", 1, "一、", "主要工作", sum, "其他"},
					{"1.1", 2, "（一）", "秋季招生工作顺利完成", sum, ""},
					{"1.2", 2, "（二）", "新教师及时到岗", sum, "师资"},
					{"1.3", 2, "（三）", "学生资助精准发放", sum, "扶贫"},
					{"2", 1, "二、", "存在问题", prob, "其他"},
					{"3", 1, "三、", "第四季度工作打算", plan, "其他"},
				},
				figs: []figExp{
					{"1.1", "一年级招生4720人", 4720, "人", ""},
					{"1.2", "新招聘教师126名", 126, "名", ""},
					{"1.3", "资助资金615万元", 615e4, "元", ""},
					{"1.3", "资助学生8900人次", 8900, "人次", ""},
				},
			},
		},
		absent: []string{"通用3篇", "小编整理", "仅供参考"},
	},
	{
		file: "inline_items.txt", encodings: "utf-8",
		docs: []docExp{{
			title: "鹤栖县教育局2023年工作总结", org: "鹤栖县教育局", year: 2023, period: "annual", kind: KindSummaryPlan, // a summary with a plan part is summary+plan, whatever its title says
			heads: []headExp{
				{"1", 1, "一、", "聚焦立德树人，育人体系更加完善", sum, "德育"},
				{"1.1", 2, "一是", "思政教育走深走实", sum, "德育"},
				{"1.2", 2, "二是", "劳动教育有声有色", sum, "德育"},
				{"1.3", 2, "三是", "心理健康教育全面覆盖", sum, "德育"},
				{"2", 1, "二、", "聚焦均衡发展，办学条件持续改善", sum, "办学条件"},
				{"2.1", 2, "一是", "学校建设加快推进", sum, "办学条件"},
				{"2.2", 2, "二是", "教育装备提档升级", sum, "办学条件"},
				{"2.3", 2, "三是", "营养餐工作规范实施", sum, "扶贫"},
				{"3", 1, "三、", "聚焦队伍建设，教师素质稳步提升", sum, "师资"},
				{"3.1", 2, "（一）", "拓宽补充渠道", sum, ""},
				{"3.1.1", 3, "一是", "扩大招聘规模", sum, "师资"},
				{"3.1.2", 3, "二是", "推进交流轮岗", sum, ""},
				{"3.2", 2, "（二）", "提升专业能力", sum, ""},
				{"3.2.1", 3, "一是", "实施分层培训", sum, ""},
				{"3.2.2", 3, "二是", "搭建成长平台", sum, ""},
				{"4", 1, "四、", "存在的问题", prob, "其他"},
				{"5", 1, "五、", "2024年工作思路", plan, "其他"},
				{"5.1", 2, "一是", "实施学位扩容工程", plan, "办学条件"},
				{"5.2", 2, "二是", "实施质量提升工程", plan, "教育质量"},
				{"5.3", 2, "三是", "实施平安校园工程", plan, "安全"},
			},
			figs: []figExp{
				{"1.3", "心理健康教师186名", 186, "名", ""},
				{"2.1", "投入资金5630万元", 5630e4, "元", "投入资金"},
				{"2.1", "新增学位1860个", 1860, "个", ""},
				{"2.2", "覆盖率达到98.6%", 98.6, "%", ""},
				{"2.3", "投入资金1450万元", 1450e4, "元", ""},
				{"2.3", "受益学生累计15 万人次", 150000, "人次", ""},
				{"3.1.1", "招聘特岗教师58名", 58, "名", "招聘特岗教师"},
				{"3.1.2", "骨干教师占比达到22.4%", 22.4, "%", ""},
				{"3.2.1", "培训1.1万人次", 11000, "人次", ""},
				{"4", "50岁以上教师占比达到31.4%", 31.4, "%", ""},
				{"5.1", "新增学位2100个", 2100, "个", ""},
				{"5.2", "上线率达到88%", 88, "%", ""},
			},
			texts: []textExp{
				{sec: "1.1", starts: "成立县中小学思政课一体化建设联盟，", ends: "评选思政精品课40节。"},
				{sec: "4", starts: "我县教育发展中还存在一些短板，一是受县级财力制约", contains: "；二是教师年龄结构老化", ends: "留守儿童关爱工作还需进一步加强。"},
			},
		}},
	},
	{
		file: "run_in_headings.txt", encodings: "utf-8",
		docs: []docExp{{
			title: "澄江湾县教育局2023年工作总结", org: "澄江湾县教育局", year: 2023, period: "annual", kind: KindSummaryPlan, // a summary with a plan part is summary+plan, whatever its title says
			heads: []headExp{
				{"1", 1, "一、", "主要工作成效", sum, "其他"},
				{"1.1", 2, "（一）", "强化党建引领", sum, "党建"},
				{"1.2", 2, "二、|（二）", "深化教育教学改革", sum, ""},
				{"1.3", 2, "（三）", "夯实教育发展基础", sum, ""},
				{"1.3.1", 3, "1.", "教师队伍不断壮大", sum, "师资"},
				{"1.3.2", 3, "2.", "办学条件持续改善", sum, "办学条件"},
				{"1.3.3", 3, "3.", "教育资助应助尽助", sum, "扶贫"},
				{"2", 1, "二、", "存在的问题", prob, "其他"},
				{"3", 1, "三、", "2024年工作打算", plan, "其他"},
				{"3.1", 2, "", "加强教研指导", plan, "教育质量"},
				{"3.2", 2, "", "推进智慧教育", plan, "信息化"},
				{"3.3", 2, "", "守牢安全底线", plan, "安全"},
				{"3.4", 2, "", "深化评价改革", plan, "教育改革"},
			},
			figs: []figExp{
				{"0", "在校学生5.3万人", 53000, "人", ""},
				{"1.1", "新发展党员14名", 14, "名", ""},
				{"1.2", "参赛教师620人", 620, "人", ""},
				{"1.3.1", "招聘特岗教师64名", 64, "名", "招聘特岗教师"},
				{"1.3.1", "学历达标率99.2%", 99.2, "%", ""},
				{"1.3.2", "投入资金8760万元", 8760e4, "元", ""},
				{"1.3.3", "资助资金2140万元", 2140e4, "元", ""},
				{"1.3.3", "2.6万人次", 26000, "人次", ""},
				{"3.1", "不少于120场", 120, "场", ""},
				{"3.2", "扩大到20所", 20, "所", ""},
			},
			texts: []textExp{
				{sec: "1.1", starts: "全年新发展党员14名"},
				{sec: "1.3.2", starts: "2023年，全县投入资金8760万元"},
			},
		}},
	},
	{
		file: "bom_fullwidth.txt", encodings: "utf-8-bom",
		docs: []docExp{{
			title: "澄江湾县教育局2024年工作要点", org: "澄江湾县教育局", year: 2024, period: "annual", kind: KindPlan,
			heads: []headExp{
				{"1", 1, "第一部分", "总体要求", plan, "其他"},
				{"2", 1, "第二部分", "重点任务", plan, "其他"},
				{"2.1", 2, "（1）", "办好更加公平的基础教育", plan, ""},
				{"2.1.1", 3, "①", "扩大普惠学位供给", plan, ""},
				{"2.1.2", 3, "②", "推进县域优质均衡", plan, ""},
				{"2.2", 2, "（2）", "建设高素质专业化教师队伍", plan, "师资"},
				{"2.2.1", 3, "①", "补充紧缺学科教师", plan, "师资"},
				{"2.2.2", 3, "②", "加强师德师风建设", plan, "师资"},
				{"2.3", 2, "（3）", "推进教育数字化转型", plan, "信息化"},
				{"2.3.1", 3, "①", "建设智慧校园", plan, "信息化"},
				{"2.3.2", 3, "②", "提升师生数字素养", plan, "信息化"},
				{"3", 1, "第三部分", "保障措施", plan, ""},
			},
			figs: []figExp{
				{"1", "巩固率保持在９９％", 99, "%", ""},
				{"1", "毛入学率达到９５．６％", 95.6, "%", ""},
				{"2.1.1", "新增学位５４０个", 540, "个", ""},
				{"2.1.2", "投入资金３６００万元", 3600e4, "元", "投入资金"},
				{"2.2.1", "特岗教师４０名", 40, "名", ""},
				{"2.3.1", "试点学校达到１２所", 12, "所", ""},
				{"2.3.2", "培训３０００人次", 3000, "人次", ""},
			},
			phs: []figExp{
				{"1", "毛入园率达到x.xx%", 0, "%", ""},
				{"2.2.1", "计划招聘教师xx人", 0, "人", "计划招聘教师"},
			},
			texts: []textExp{
				{sec: "0", starts: "2024年全县教育工作的总体思路是"},
				{sec: "1", contains: "95.6%"},
				{sec: "2.3.1", contains: "AI"},
			},
		}},
		absent: []string{"\ufeff", "２０２４", "９５．６", "ＡＩ", "\u3000"},
	},
	{
		file: "report.docx", encodings: "docx|utf-8",
		docs: []docExp{{
			title: "松潭区教育局2023年工作总结", org: "松潭区教育局", year: 2023, period: "annual", kind: KindSummaryPlan, // a summary with a plan part is summary+plan, whatever its title says
			heads: []headExp{
				{"1", 1, "一、", "主要成绩", sum, "其他"},
				{"1.1", 2, "（一）", "办学条件持续改善", sum, "办学条件"},
				{"1.2", 2, "（二）", "教师队伍不断优化", sum, "师资"},
				{"1.3", 2, "（三）", "教育质量稳步提升", sum, "教育质量"},
				{"1.4", 2, "（四）", "民生保障更加有力", sum, ""},
				{"2", 1, "二、", "存在问题", prob, "其他"},
				{"3", 1, "三、", "2024年工作打算", plan, "其他"},
				{"3.1", 2, "（一）", "扩大优质学位供给", plan, "办学条件"},
				{"3.2", 2, "（二）", "加强教师队伍建设", plan, "师资"},
				{"3.3", 2, "（三）", "守牢校园安全底线", plan, "安全"},
			},
			figs: []figExp{
				{"1.1", "投入资金3150万元", 3150e4, "元", "投入资金"},
				{"1.1", "新增学位1920个", 1920, "个", ""},
				{"1.1", "覆盖率达到92.5%", 92.5, "%", ""},
				{"1.2", "招聘特岗教师30名", 30, "名", "招聘特岗教师"},
				{"1.2", "培训8600人次", 8600, "人次", ""},
				{"1.3", "上线率86.4%", 86.4, "%", ""},
				{"1.4", "资助资金1280万元", 1280e4, "元", ""},
				{"3.1", "新增学位2400个", 2400, "个", ""},
				{"3.2", "招聘教师60名", 60, "名", ""},
			},
			texts: []textExp{
				{sec: "1.1", starts: "全年投入资金3150万元，新建、改扩建学校4所，"},
				{sec: "1.2", equals: "全年招聘特岗教师30名，引进公费师范毕业生12名，组织各类教师培训8600人次，评选区级骨干教师75名。"},
			},
		}},
		absent: []string{"删除的文字", "\t"},
	},
	{
		file: "numbered.docx", encodings: "docx",
		docs: []docExp{{
			title: "柳塘县教育局2024年工作总结", org: "柳塘县教育局", year: 2024, period: "annual", kind: KindSummary,
			heads: []headExp{
				{"1", 1, "一、", "主要工作成效", sum, "其他"},
				{"1.1", 2, "（一）", "党建工作全面加强", sum, "党建"},
				{"1.2", 2, "（二）", "师资队伍不断优化", sum, "师资"},
				{"1.2.1", 3, "1.", "补充师资力量", sum, "师资"},
				{"2", 1, "二、", "存在的问题", prob, "其他"},
			},
			figs: []figExp{
				{"1.1", "新发展党员9人", 9, "人", "新发展党员"},
				{"1.2.1", "招聘特岗教师60名", 60, "名", "招聘特岗教师"},
			},
			texts: []textExp{{sec: "2", equals: "城区学校大班额问题仍较突出。"}},
		}},
	},
	{
		file: "markdown.md", encodings: "utf-8",
		docs: []docExp{{
			title: "岚湖县教育局2024年工作总结", org: "岚湖县教育局", year: 2024, period: "annual", kind: KindSummaryPlan,
			heads: []headExp{
				{"1", 1, "一、", "主要工作成效", sum, "其他"},
				{"1.1", 2, "（一）", "党建工作全面加强", sum, "党建"},
				{"1.2", 2, "（二）", "办学条件持续改善", sum, "办学条件"},
				{"1.2.1", 3, "1.", "新建学校", sum, "办学条件"},
				{"1.2.2", 3, "2.", "薄弱学校改造", sum, "办学条件"},
				{"1.3", 2, "（三）", "师资队伍不断优化", sum, "师资"},
				{"1.3.1", 3, "1.", "补充师资", sum, "师资"},
				{"1.3.2", 3, "2.", "教师培训", sum, "师资"},
				{"2", 1, "二、", "存在的问题", prob, "其他"},
				{"3", 1, "三、", "2025年工作打算", plan, "其他"},
				{"3.1", 2, "（一）", "扩大优质学位供给", plan, "办学条件"},
				{"3.2", 2, "（二）", "加强教师队伍建设", plan, "师资"},
			},
			figs: []figExp{
				{"1.1", "新发展党员11人", 11, "人", "新发展党员"},
				{"1.2.1", "新增学位2700个", 2700, "个", "新增学位"},
				{"1.2.2", "投入资金8650万元", 8650e4, "元", "投入资金"},
				{"1.3.1", "招聘特岗教师58名", 58, "名", "招聘特岗教师"},
				{"1.3.2", "培训1.3万人次", 1.3e4, "人次", ""},
				{"3.1", "新增学位900个", 900, "个", "新增学位"},
				{"3.2", "招聘教师120名", 120, "名", "招聘教师"},
			},
			texts: []textExp{
				{sec: "0", equals: "2024年，县教育局坚持以党建引领教育高质量发展，全面落实立德树人根本任务，各项工作取得新进展。"},
				{sec: "1.1", equals: "全年新发展党员11人，开展“三会一课”专题学习36次。"},
				{sec: "2", starts: "城区学校大班额问题仍较突出；"},
			},
		}},
		absent: []string{"#", "**", "](", "photo-01", "党建活动照片", "`", "---", "发布日期"},
	},
}

func oneOf(got, alts string) bool {
	for _, a := range strings.Split(alts, "|") {
		if strings.EqualFold(got, a) {
			return true
		}
	}
	return false
}

// TestFixtureExpectations checks each fixture against testdata/README.md:
// document split, metadata, the full heading tree, key texts and figures.
func TestFixtureExpectations(t *testing.T) {
	for _, fx := range fixtureExpectations {
		t.Run(fx.file, func(t *testing.T) {
			res := parseFixture(t, fx.file)
			if !oneOf(res.Encoding, fx.encodings) {
				t.Errorf("encoding = %q, want %s", res.Encoding, fx.encodings)
			}
			out := dumpText(res)
			for _, s := range fx.absent {
				if strings.Contains(out, s) {
					t.Errorf("output contains %q, which should have been removed", s)
				}
			}
			for _, s := range fx.present {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q", s)
				}
			}
			if len(res.Documents) != len(fx.docs) {
				titles := []string{}
				for _, d := range res.Documents {
					titles = append(titles, d.Title)
				}
				t.Fatalf("documents = %d %q, want %d", len(res.Documents), titles, len(fx.docs))
			}
			for k, want := range fx.docs {
				checkDocument(t, fmt.Sprintf("doc %d", k+1), res.Documents[k], want)
			}
		})
	}
}

func checkDocument(t *testing.T, where string, d Document, want docExp) {
	t.Helper()
	if d.Title != want.title {
		t.Errorf("%s: title = %q, want %q", where, d.Title, want.title)
	}
	if d.Org != want.org {
		t.Errorf("%s: org = %q, want %q", where, d.Org, want.org)
	}
	if d.Year != want.year {
		t.Errorf("%s: year = %d, want %d", where, d.Year, want.year)
	}
	if !oneOf(d.Period, want.period) {
		t.Errorf("%s: period = %q, want %s", where, d.Period, want.period)
	}
	if d.Kind != want.kind {
		t.Errorf("%s: kind = %q, want %q", where, d.Kind, want.kind)
	}
	byID := map[string]Section{}
	var headed []string
	for _, s := range d.Sections {
		byID[s.ID] = s
		if s.Level > 0 {
			headed = append(headed, s.ID+" "+s.Heading)
		}
	}
	if len(headed) != len(want.heads) {
		t.Errorf("%s: %d headed sections, want %d; got %q", where, len(headed), len(want.heads), headed)
	}
	for _, h := range want.heads {
		s, ok := byID[h.id]
		if !ok {
			t.Errorf("%s: no section %s (%s)", where, h.id, h.heading)
			continue
		}
		if s.Heading != h.heading || s.Level != h.level || !oneOf(s.Marker, h.marker) || s.Part != h.part {
			t.Errorf("%s: section %s = L%d %q %q part %s, want L%d %q %q part %s",
				where, h.id, s.Level, s.Marker, s.Heading, s.Part, h.level, h.marker, h.heading, h.part)
		}
		if h.category != "" && s.Category != h.category {
			t.Errorf("%s: section %s %q category = %s, want %s", where, h.id, s.Heading, s.Category, h.category)
		}
	}
	for _, f := range want.figs {
		s, ok := byID[f.sec]
		if !ok {
			t.Errorf("%s: figure %s: no section %s", where, f.text, f.sec)
			continue
		}
		if !hasFigure(s.Figures, f) {
			t.Errorf("%s: section %s lacks figure %s → %v %s%s; got %s", where, f.sec, f.text, f.value, f.unit,
				labelNote(f.label), figureList(s.Figures))
		}
	}
	for _, x := range want.texts {
		s, ok := byID[x.sec]
		if !ok {
			t.Errorf("%s: no section %s for a text check", where, x.sec)
			continue
		}
		switch {
		case x.starts != "" && !strings.HasPrefix(s.Text, x.starts):
			t.Errorf("%s: text of %s starts %q, want %q", where, x.sec, prefix(s.Text, 40), x.starts)
		case x.ends != "" && !strings.HasSuffix(s.Text, x.ends):
			t.Errorf("%s: text of %s ends %q, want %q", where, x.sec, suffix(s.Text, 40), x.ends)
		case x.equals != "" && s.Text != x.equals:
			t.Errorf("%s: text of %s = %q, want %q", where, x.sec, s.Text, x.equals)
		case x.contains != "" && !strings.Contains(s.Text, x.contains):
			t.Errorf("%s: text of %s lacks %q: %q", where, x.sec, x.contains, s.Text)
		}
	}
	for _, f := range want.phs {
		s := byID[f.sec]
		found := false
		for _, g := range s.Figures {
			found = found || g.Placeholder && g.Unit == f.unit && strings.HasSuffix(g.Label, f.label)
		}
		if !found {
			t.Errorf("%s: section %s lacks placeholder %s (unit %s%s); got%s", where, f.sec, f.text, f.unit, labelNote(f.label), figureList(s.Figures))
		}
	}
	for _, s := range d.Sections {
		for _, g := range s.Figures {
			if (strings.Contains(g.Text, "20**") || strings.Contains(g.Text, "20xx") || strings.Contains(g.Text, "x.xx")) && !g.Placeholder {
				t.Errorf("%s: section %s figure %q is not marked as a placeholder", where, s.ID, g.Text)
			}
		}
	}
	for _, v := range want.noValues {
		for _, s := range d.Sections {
			for _, g := range s.Figures {
				if !g.Placeholder && closeTo(g.Value, v) {
					t.Errorf("%s: section %s has a spurious figure %q = %v", where, s.ID, g.Text, g.Value)
				}
			}
		}
	}
}

// dumpText joins every string of a result that a user sees.
func dumpText(res Result) string {
	var b strings.Builder
	for _, d := range res.Documents {
		b.WriteString(d.Title + "\n" + d.Org + "\n")
		for _, s := range d.Sections {
			b.WriteString(s.Marker + "\n" + s.Heading + "\n" + s.Text + "\n")
			for _, g := range s.Figures {
				b.WriteString(g.Text + "\n" + g.Label + "\n")
			}
		}
	}
	return b.String()
}

func hasFigure(figs []Figure, want figExp) bool {
	for _, g := range figs {
		if !g.Placeholder && closeTo(g.Value, want.value) && g.Unit == want.unit && strings.HasSuffix(g.Label, want.label) {
			return true
		}
	}
	return false
}

func labelNote(l string) string {
	if l == "" {
		return ""
	}
	return " [label …" + l + "]"
}

func figureList(figs []Figure) string {
	var b strings.Builder
	for _, g := range figs {
		fmt.Fprintf(&b, " {%s=%v %s [%s]}", g.Text, g.Value, g.Unit, g.Label)
	}
	if b.Len() == 0 {
		return " none"
	}
	return b.String()
}

func closeTo(got, want float64) bool {
	return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want))
}

func prefix(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func suffix(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// pinyinAnnotation is a parenthesised lower-case syllable with a tone mark.
var pinyinAnnotation = regexp.MustCompile(`[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜǹḿ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]*[)）]`)

// TestTraditionalPinyinAnnotationsAreAllStripped checks that none of the 66
// pinyin annotations survives anywhere, title and headings included.
func TestTraditionalPinyinAnnotationsAreAllStripped(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "traditional_pinyin.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pinyinAnnotation.FindAllString(string(raw), -1)); n != 66 {
		t.Errorf("fixture holds %d annotations, README says 66", n)
	}
	out := string(goldenJSON(t, parseFixture(t, "traditional_pinyin.txt")))
	if m := pinyinAnnotation.FindAllString(out, -1); len(m) > 0 {
		t.Errorf("%d pinyin annotations survive: %q", len(m), m)
	}
}

// TestBig5ClausesAreNotMarkers checks that 一方面…另一方面 clauses stay text.
func TestBig5ClausesAreNotMarkers(t *testing.T) {
	res := parseFixture(t, "big5.txt")
	for _, s := range res.Documents[0].Sections {
		if strings.Contains(s.Heading, "一方面") || strings.Contains(s.Marker, "方面") {
			t.Errorf("section %s made a heading of a clause: %q %q", s.ID, s.Marker, s.Heading)
		}
	}
	if s := res.Documents[0].Sections; !strings.Contains(sectionByID(s, "2").Text, "另一方面") {
		t.Errorf("text of section 2 lost its 一方面…另一方面 clauses")
	}
}

// TestSignOffIsNotAHeading checks that the closing org/date lines of gbk.txt
// and big5.txt do not become headings or sections.
func TestSignOffIsNotAHeading(t *testing.T) {
	for _, c := range []struct{ file, org, date string }{
		{"gbk.txt", "青禾县教育局", "2023年12月28日"},
		{"big5.txt", "松潭区教育局", "2024年7月10日"},
	} {
		for _, s := range parseFixture(t, c.file).Documents[0].Sections {
			if s.Heading == c.org || strings.Contains(s.Heading, c.date) {
				t.Errorf("%s: sign-off became section %s %q", c.file, s.ID, s.Heading)
			}
		}
	}
}

func sectionByID(secs []Section, id string) Section {
	for _, s := range secs {
		if s.ID == id {
			return s
		}
	}
	return Section{}
}

// TestFigureJSONPlaceholderValueIsNull checks the JSON contract on a fixture:
// placeholders carry "value": null, real figures a number.
func TestFigureJSONPlaceholderValueIsNull(t *testing.T) {
	res := parseFixture(t, "bom_fullwidth.txt")
	var doc struct {
		Documents []struct {
			Sections []struct {
				Figures []map[string]any `json:"figures"`
			} `json:"sections"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(goldenJSON(t, res), &doc); err != nil {
		t.Fatal(err)
	}
	placeholders := 0
	for _, s := range doc.Documents[0].Sections {
		for _, f := range s.Figures {
			v, present := f["value"]
			if !present {
				t.Errorf("figure %v has no value key", f["text"])
			}
			if f["placeholder"] == true {
				placeholders++
				if v != nil {
					t.Errorf("placeholder %v has value %v, want null", f["text"], v)
				}
			} else if _, ok := v.(float64); !ok {
				t.Errorf("figure %v has value %v, want a number", f["text"], v)
			}
		}
	}
	if placeholders < 2 {
		t.Errorf("found %d placeholders in bom_fullwidth.txt, want at least x.xx%% and xx人", placeholders)
	}
}

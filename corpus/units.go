package corpus

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Unit classes: what a figure counts. Two figures make the same claim only
// when they have the same value and the same class, so 95名 never supports
// 95所 and 4300人次 never supports 4300人.
const (
	ClassBare      = ""       // a number with no unit
	ClassScaled    = "scaled" // 1.35亿 with no unit: the value is the claim
	ClassPerson    = "person" // 人 名 位
	ClassPersonTim = "person-time"
	ClassSchool    = "school"  // 所 校 园
	ClassItem      = "item"    // 个 项 件 套
	ClassPlace     = "place"   // 处
	ClassSession   = "session" // 场 次 期 轮 批
	ClassCase      = "case"    // 起
	ClassMoney     = "money"   // 元, with 万/亿 folded into the value
	ClassArea      = "area"    // 平方米
	ClassMu        = "mu"      // 亩
	ClassLength    = "length"  // 米
	ClassKm        = "km"      // 公里 千米
	ClassPercent   = "percent" // %
	ClassPermille  = "permille"
	ClassPoints    = "points" // 个百分点: not a percentage
	ClassAge       = "age"
	ClassScore     = "score"
	ClassDays      = "days"
	ClassWeeks     = "weeks"
	ClassMonths    = "months"
	ClassYears     = "years"
	ClassHours     = "hours"
	ClassTimes     = "times"    // 倍, 翻一番
	ClassFraction  = "fraction" // 三分之二, 五成, 过半
	ClassRank      = "rank"     // 第3名, 第二位
	ClassQuarter   = "quarter"  // 第三季度
)

// unitClass maps every unit the scanner knows to its class; a unit missing
// here is its own class (台, 册, 辆 …). It is the one list of units: Arabic
// numbers and Chinese numerals take the same units (80名, 八十名, 五十岁).
var unitClass = map[string]string{
	"人": ClassPerson, "名": ClassPerson, "位": ClassPerson,
	"人次": ClassPersonTim,
	"所":  ClassSchool, "校": ClassSchool, "园": ClassSchool,
	"个": ClassItem, "项": ClassItem, "件": ClassItem, "套": ClassItem,
	"处": ClassPlace,
	"场": ClassSession, "次": ClassSession, "期": ClassSession, "轮": ClassSession, "批": ClassSession, "场次": ClassSession, "批次": ClassSession, "期次": ClassSession,
	"起": ClassCase,
	"元": ClassMoney, "元钱": ClassMoney,
	"平方米": ClassArea, "平米": ClassArea, "㎡": ClassArea,
	"亩": ClassMu, "米": ClassLength, "公里": ClassKm, "千米": ClassKm,
	"%": ClassPercent, "‰": ClassPermille, "个百分点": ClassPoints, "百分点": ClassPoints,
	"岁": ClassAge, "周岁": ClassAge, "分": ClassScore,
	"天": ClassDays, "日": ClassDays, "周": ClassWeeks, "个月": ClassMonths, "年": ClassYears, "周年": ClassYears,
	"小时": ClassHours, "学时": ClassHours, "课时": ClassHours,
	"倍": ClassTimes,
	"台": "台", "间": "间", "篇": "篇", "本": "本", "册": "册", "户": "户", "支": "支", "节": "节", "份": "份",
	"张": "张", "辆": "辆", "座": "座", "栋": "栋", "家": "家", "块": "块", "条": "条", "首": "首", "门": "门",
	"届": "届", "班": "班", "床": "床", "吨": "吨", "公斤": "公斤", "千克": "公斤", "部": "部", "层": "层",
	"幅": "幅", "盏": "盏", "组": "组", "棵": "棵", "株": "株", "类": "类", "种": "种", "分钟": "分钟",
	"册次": "册次", "所次": "所次", "辆次": "辆次", "架次": "架次", "家次": "家次", "部门": "部门", "公顷": "公顷",
	"元/人/年": "money-rate", "元/生/年": "money-rate", "元/人/月": "money-rate-month", "元/人": "money-rate",
	"元/生": "money-rate", "人次/年": ClassPersonTim,
	"元/生/天": "money-rate-day", "元/人/天": "money-rate-day", "元/生/日": "money-rate-day", "元/人/日": "money-rate-day",
	"元/生/月": "money-rate-month", "篇次": "篇次", "课": "课", "秒": "秒",
}

// unitsByLength lists the units longest first, so 万平方米 wins over 平方米,
// 人次 over 人 and 个百分点 over 个.
var unitsByLength = func() []string {
	u := make([]string, 0, len(unitClass))
	for k := range unitClass {
		u = append(u, k)
	}
	sort.Slice(u, func(i, j int) bool {
		if a, b := utf8.RuneCountInString(u[i]), utf8.RuneCountInString(u[j]); a != b {
			return a > b
		}
		return u[i] < u[j]
	})
	return u
}()

// notUnit lists words that start with a unit character but are not a unit
// after a number: 十一期间, 两名单, 十分重要. Checked after the unit matched.
var notUnit = map[string][]string{
	"名": {"名单", "名称", "名义", "名列", "名次"},
	"个": {"个人", "个性", "个体", "个别", "个案"},
	"次": {"次要", "次数", "次序", "次日"},
	"期": {"期间", "期末", "期中", "期初", "期限", "期望", "期待", "期刊"},
	"类": {"类型", "类别", "类似"},
	"条": {"条件", "条例", "条款"},
	"处": {"处理", "处置", "处分", "处于"},
	"家": {"家长", "家庭", "家访", "家校", "家园", "家乡"},
	"位": {"位置", "位于", "位居", "位列"},
	"所": {"所在", "所有", "所以", "所属", "所需", "所得"},
	"元": {"元宵", "元旦", "元素"},
	"校": {"校长", "校园", "校区", "校舍", "校本", "校外", "校内", "校际", "校车", "校服", "校风", "校训", "校医", "校级", "校领导"},
	"园": {"园长", "园区", "园丁", "园所"},
	"分": {"分别", "分之", "分配", "分类", "分析", "分层", "分批", "分管", "分担", "分工", "分享", "分布", "分校", "分数", "分段", "分期", "分散", "分阶段", "分流", "分组", "分级", "分项", "分会", "分局"},
	"天": {"天然", "天气", "天下", "天地", "天使"},
	"年": {"年级", "年龄", "年轻", "年度", "年底", "年初", "年末", "年中", "年来", "年内", "年间"},
	"周": {"周边", "周末", "周期", "周密", "周转", "周知", "周到", "周全", "周一", "周二", "周三", "周四", "周五", "周六", "周日"},
	"门": {"门口", "门户", "门槛", "门诊", "门卫", "门前", "门类"},
	"层": {"层面", "层级", "层次", "层层"},
	"部": {"部署", "部分", "部队", "部位"},
	"班": {"班子", "班主任", "班级", "班额", "班车"},
	"户": {"户籍", "户口", "户外"},
	"支": {"支持", "支出", "支付", "支部", "支教", "支撑", "支援", "支柱", "支队"},
	"节": {"节约", "节能", "节日", "节点", "节假", "节俭", "节水", "节电", "节目"},
	"本": {"本科", "本地", "本级", "本次", "本年", "本着", "本身", "本届", "本学", "本领", "本职", "本单位", "本质"},
	"张": {"张贴"},
	"台": {"台账", "台阶", "台帐"},
	"间": {"间接", "间隔"},
	"座": {"座谈", "座位"},
	"场": {"场所", "场地", "场馆", "场景", "场合", "场面"},
	"轮": {"轮岗", "轮训", "轮换", "轮流", "轮值"},
	"批": {"批示", "批评", "批准", "批复", "批次"},
	"起": {"起草", "起点", "起步", "起到", "起来", "起始", "起码", "起跑", "起见"},
	"组": {"组织", "组建", "组长", "组成", "组队", "组团", "组合"},
	"种": {"种植", "种子"},
	"首": {"首批", "首次", "首先", "首届", "首个", "首要", "首位"},
	"人": {"人民", "人才", "人员", "人口", "人事", "人社", "人大", "人文", "人格", "人身", "人心"},
	"米": {"米饭"},
	"项": {"项目"},
	"课": {"课程", "课堂", "课题", "课外", "课后", "课本", "课间"},
}

// cnOnlyNot are units a Chinese numeral never takes in reports: 十分重要,
// 十九届, 一本上线, 首: they are words, not counts.
var cnOnlyNot = map[string]bool{"分": true, "届": true, "本": true, "首": true, "课": true, "秒": true, "米": true, "日": true, "年": false}

// unitsByFirst indexes unitsByLength by first rune: a unit is looked up at
// every number, so only the few units that can match are tried.
var unitsByFirst = func() map[rune][]string {
	m := map[rune][]string{}
	for _, u := range unitsByLength {
		r, _ := utf8.DecodeRuneInString(u)
		m[r] = append(m[r], u)
	}
	return m
}()

// matchUnitAt returns the unit starting rs[i:], "" when none.
func matchUnitAt(rs []rune, i int) string {
	if i >= len(rs) {
		return ""
	}
	for _, u := range unitsByFirst[rs[i]] {
		if !hasPrefixAt(rs, i, u) {
			continue
		}
		head := string(rs[i:min(i+6, len(rs))])
		for _, w := range notUnit[firstRune(u)] {
			if strings.HasPrefix(head, w) && len(w) > len(u) {
				return ""
			}
		}
		return u
	}
	return ""
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

// ClassOf is the class of a unit: persons for 人/名/位, money for 元/万元,
// the unit itself for one that shares its class with no other.
func ClassOf(unit string) string {
	if c, ok := unitClass[unit]; ok {
		return c
	}
	if base := strings.TrimLeft(unit, "万亿千"); base != unit {
		return ClassOf(base)
	}
	return unit
}

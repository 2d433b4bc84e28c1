package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Category is one class of the taxonomy with the keywords that signal it.
type Category struct {
	Name     string   `mapstructure:"name" yaml:"name"`
	Keywords []string `mapstructure:"keywords" yaml:"keywords"`
}

// Taxonomy is the ordered list of categories sections are sorted into, with
// the category for sections that match none.
type Taxonomy struct {
	Categories []Category
	Fallback   string
}

// DefaultTaxonomy is the taxonomy of DESIGN.md, used when the configuration
// names none.
func DefaultTaxonomy() Taxonomy {
	return Taxonomy{Fallback: "其他", Categories: []Category{
		{"党建", []string{"党建", "党建+", "党的建设", "党风廉政", "廉政", "意识形态", "主题教育", "党史", "党员", "党组织", "党支部", "支部", "从严治党", "两学一做", "三会一课", "政治学习", "党的", "党委", "纪检", "作风建设", "不忘初心", "党纪", "廉洁", "清廉", "清廉学校", "清廉校园", "党员队伍", "政治理论", "理论学习", "政治站位", "政治建设", "纪律规矩", "八项规定",
			"政治引领", "政治统领", "政治生态", "政治能力", "基层组织", "战斗堡垒", "风清气正", "理论武装", "思想根基", "全面领导", "党对", "党总支", "党性", "铸魂", "科学发展观", "十九大", "二十大", "校长负责制", "巡察", "中心组", "第一议题"}},
		{"办学条件", []string{"办学条件", "学校建设", "项目建设", "工程建设", "基础建设", "基础设施", "改扩建", "新建", "校舍", "布局", "大班额", "薄弱学校", "寄宿制", "装备", "设施设备", "标准化", "学位", "配套学校", "改造", "薄弱", "均衡", "危房", "新校区", "项目", "强镇筑基", "城乡教育一体化", "资源供给", "扩容", "投入", "教育经费", "设施", "改薄", "灾后重建", "撤并", "教学楼"}},
		{"师资", []string{"师资", "教师", "队伍建设", "队伍", "师德", "师风", "招聘", "特岗", "校长", "班子", "国培", "教师培训", "人才", "名师", "骨干", "职称", "轮岗", "强师"}},
		{"安全", []string{"安全", "平安", "防溺水", "溺水", "消防", "食品", "交通", "欺凌", "疫情", "防控", "传染病", "流感", "卫生", "隐患", "应急", "稳定", "疾病预防", "校车", "防汛", "演练", "信访", "维稳", "安保", "守牢底线", "底线思维"}},
		{"扶贫", []string{"扶贫", "资助", "控辍保学", "控辍", "辍学", "建档立卡", "免费", "惠民", "帮扶", "对口", "助学", "贫困", "教育公平", "营养改善", "营养餐", "脱贫", "困难学生", "民生保障", "为民办实事", "寄宿生", "留守", "乡村振兴", "困难群体", "特殊群体", "民生工程", "两免一补", "送教上门", "学杂费", "救助", "困难家庭"}},
		{"教育质量", []string{"质量", "中考", "高考", "两考", "教研", "教学", "上线", "招收", "毕业生", "内涵", "课堂", "学业", "提质增效", "普通高中", "备考", "毕业年级", "教育质量", "科研", "赛课"}},
		{"德育", []string{"立德树人", "德育", "思政", "思想政治", "文明", "素质教育", "核心价值观", "爱国主义", "劳动教育", "美育", "体育", "艺术", "心理健康", "育人", "家庭教育", "五育", "校园文化", "文体", "少先队", "研学", "心理"}},
		{"学前教育", []string{"学前教育", "学前", "幼儿园", "普惠", "公办园", "入园", "幼儿", "保教", "幼教", "托育", "幼小衔接", "办园"}},
		{"职业教育", []string{"职业教育", "职教", "职中", "职业学校", "中职", "职业中专", "职成教育", "成人教育", "成人学历", "社区教育", "成教", "农民", "劳动力转移", "产教融合", "技能培训", "实用技术", "职校", "终身教育", "终身学习", "老年教育", "学习型"}},
		{"教育改革", []string{"双减", "改革", "评价", "民办教育", "民办学校", "规范民办", "民办义务", "集团化", "课后服务", "校外培训", "教育链", "合作办学", "共同体", "县管校聘", "教联体", "学区制"}},
		{"信息化", []string{"信息化", "智慧校园", "智慧教育", "远程教育", "数字校园", "网络", "信息技术", "电教", "专递课堂", "三通两平台", "多媒体", "数字化", "数字素养", "人工智能", "教育信息化", "三个课堂", "班班通", "宽带"}},
	}}
}

// Names lists the category names in order, then the fallback.
func (t Taxonomy) Names() []string {
	names := make([]string, 0, len(t.Categories)+1)
	for _, c := range t.Categories {
		names = append(names, c.Name)
	}
	if t.Fallback != "" {
		names = append(names, t.Fallback)
	}
	return names
}

// Has reports whether name is a category of the taxonomy (or the fallback).
func (t Taxonomy) Has(name string) bool {
	for _, n := range t.Names() {
		if n == name {
			return true
		}
	}
	return false
}

// Weights of the classifier. A keyword counts by the square of its length, so
// 远程教育 outweighs 工程 + 项目; heading words dominate body words.
const (
	headingWeight   = 3.0
	bodyWeight      = 0.2
	bodyCap         = 3  // occurrences of a keyword counted in the body at most
	parentBonus     = 10 // a child leans to its parent's category
	bodyOnlyMinimum = 12 // body evidence needed when the heading says nothing
)

// Classification is a category decision with the evidence behind it.
type Classification struct {
	Category string
	Reasons  []string
}

// keywordIndex finds every keyword of a taxonomy in one pass over a text.
type keywordIndex struct {
	tax     Taxonomy
	byFirst map[rune][]kwRef
	first   runeBits // the first runes of byFirst, tested before the map
	all     []kwRef  // every keyword, in id order, for scoring without a map walk
	nkw     int
	any     *literalSet // every keyword, for a quick "names a category?"
}

type kwRef struct {
	kw     string
	cat    int
	id     int
	weight float64
}

func newKeywordIndex(t Taxonomy) *keywordIndex {
	idx := &keywordIndex{tax: t, byFirst: map[rune][]kwRef{}}
	var all []string
	for ci, c := range t.Categories {
		all = append(all, c.Keywords...)
		for _, kw := range c.Keywords {
			if kw == "" {
				continue
			}
			r, _ := utf8.DecodeRuneInString(kw)
			w := float64(utf8.RuneCountInString(kw))
			ref := kwRef{kw: kw, cat: ci, id: idx.nkw, weight: w * w}
			idx.byFirst[r] = append(idx.byFirst[r], ref)
			idx.all = append(idx.all, ref)
			idx.first.add(r)
			idx.nkw++
		}
	}
	idx.any = newLiteralSet(all)
	return idx
}

// count adds how often each keyword occurs in s to counts, by keyword id.
func (idx *keywordIndex) count(s string, counts []int) {
	for i, r := range s {
		if !idx.first.has(r) {
			continue
		}
		for _, ref := range idx.byFirst[r] {
			if strings.HasPrefix(s[i:], ref.kw) {
				counts[ref.id]++
			}
		}
	}
}

// Classify picks the category of a section from its heading, its text and
// its parent's category. It is deterministic; Reasons explain the choice.
func (t Taxonomy) Classify(heading, text, parent string) Classification {
	return newKeywordIndex(t).classify(heading, text, parent, true)
}

// guidedBy is the clause naming a heading's guiding thought: "以科学发展观为指导".
var guidedBy = regexp.MustCompile(`以[^，。；]{2,30}?为指导`)

// withoutSlogans drops from a heading the slogans that say nothing of its
// topic: "高质量发展", which any heading may end with (its 质量 is no teaching
// quality), and the guiding-thought clause "以…为指导" (a 指导思想 heading is
// general, not party work).
func withoutSlogans(heading string) string {
	if strings.Contains(heading, "高质量") {
		heading = strings.ReplaceAll(heading, "高质量发展", "　")
	}
	if strings.Contains(heading, "为指导") {
		heading = guidedBy.ReplaceAllString(heading, "　")
	}
	return heading
}

// classify scores heading and text; see withoutSlogans.
func (idx *keywordIndex) classify(heading, text, parent string, explain bool) Classification {
	t := idx.tax
	// Counts live on the stack for any taxonomy of a sane size.
	var hbuf, bbuf [512]int
	head, body := hbuf[:0], bbuf[:0]
	if idx.nkw <= len(hbuf) {
		head, body = hbuf[:idx.nkw], bbuf[:idx.nkw]
	} else {
		head, body = make([]int, idx.nkw), make([]int, idx.nkw)
	}
	heading = withoutSlogans(heading)
	idx.count(heading, head)
	idx.count(text, body)
	type score struct{ head, body float64 }
	scores := make([]score, len(t.Categories))
	bestHead := 0.0
	for _, ref := range idx.all {
		s := &scores[ref.cat]
		if head[ref.id] > 0 {
			s.head += ref.weight * headingWeight
		}
		if n := body[ref.id]; n > 0 {
			s.body += ref.weight * float64(min(n, bodyCap)) * bodyWeight
		}
	}
	for _, s := range scores {
		bestHead = max(bestHead, s.head)
	}
	best, bestScore := -1, 0.0
	for i, c := range t.Categories {
		s := scores[i]
		total := s.head + s.body
		if bestHead == 0 && s.body < bodyOnlyMinimum {
			total = 0
		}
		if c.Name == parent && total > 0 {
			total += parentBonus
		}
		if total > bestScore {
			best, bestScore = i, total
		}
	}
	if best < 0 {
		if parent != "" && parent != t.Fallback && bestHead == 0 {
			return Classification{Category: parent, Reasons: []string{"无明显关键词，沿用上级标题的类别"}}
		}
		return Classification{Category: t.Fallback, Reasons: []string{"无明显关键词"}}
	}
	out := Classification{Category: t.Categories[best].Name}
	if explain {
		for _, kw := range t.Categories[best].Keywords {
			if strings.Contains(heading, kw) {
				out.Reasons = append(out.Reasons, fmt.Sprintf("标题含“%s”", kw))
			}
		}
		for _, kw := range t.Categories[best].Keywords {
			if n := strings.Count(text, kw); n > 0 && len(out.Reasons) < 6 {
				out.Reasons = append(out.Reasons, fmt.Sprintf("正文含“%s”×%d", kw, n))
			}
		}
	}
	return out
}

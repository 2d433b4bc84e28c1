package draft

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// checkFacts are the facts the check tests draft against.
const checkFacts = `org: 清丰县教育局
year: 2024
sections:
  党建: [新发展党员8人, 推荐15人参加党员积极分子培训]
  师资: [招聘特岗教师80名, 培训教师1.5万人次]
  办学条件: [投入资金1.4亿元, 新建学校3所, 新增学位1,200个]
  教育质量: [本科上线率33.09%, 在校生6000余人, 9月15日召开教师节表彰大会, 招收新生xx人]
`

func mustFacts(t *testing.T, src string) Facts {
	t.Helper()
	f, err := LoadFacts("facts.yaml", []byte(src), corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCheckUnsupported(t *testing.T) {
	facts := mustFacts(t, checkFacts)
	tests := []struct {
		name, draft string
		want        []string
	}{
		{"invented next to real", "新发展党员8人，确定发展对象12人。", []string{"确定发展对象12人"}},
		{"亿 as written", "投入资金1.4亿元。", nil},
		{"亿 as 万", "投入资金14000万元。", nil},
		{"亿 in full", "投入资金140000000元。", nil},
		{"亿 with a space", "投入资金1.4 亿元。", nil},
		{"亿 changed", "投入资金1.5亿元。", []string{"投入资金1.5亿元"}},
		{"Chinese numeral for Arabic", "招聘特岗教师八十名。", nil},
		{"Chinese numeral changed", "招聘特岗教师八十一名。", []string{"招聘特岗教师八十一名"}},
		{"三所 for 3所", "新建学校三所。", nil},
		{"3 所 with a space", "新建学校3 所。", nil},
		{"四所 invented", "新建学校四所。", []string{"新建学校四所"}},
		{"percent rounded is different", "本科上线率33.1%。", []string{"本科上线率33.1%"}},
		{"percent exact", "本科上线率33.09%。", nil},
		{"percent in words", "本科上线率百分之三十三点零九。", nil},
		{"percent value as money", "投入33.09万元。", []string{"投入33.09万元"}},
		{"year, year-1, year+1", "2024年以来，对比2023年，2025年将继续。", nil},
		{"other year", "2019年以来累计投入。", []string{"2019年以来累计投入"}},
		{"school year range", "2023—2024学年、2024-2025学年。", nil},
		{"fixed numerals", "“十四五”期间，学习党的二十大和二十届三中全会精神，落实三会一课，做到两个维护，增强四个意识，坚持五育并举，严守八项规定，推进“双减”。", nil},
		{"ordinals and headings", "## 二、主要工作\n### （三）党建\n1. 加强学习\n2、强化培训\n(1) 建章立制\n（2）完善机制\n① 资助\n#### 1.2 教研\n一是抓学习，二是抓落实。第一，第二十届。", nil},
		{"一 is prose", "完成一个目标、一项任务、一次检查，建成一所学校，进一步加强。", nil},
		{"thousands comma in facts", "新增学位1200个。", nil},
		{"thousands comma in draft", "新增学位1,200个。", nil},
		{"近 vs 余", "在校生近6000人。", nil},
		{"already marked: listed, not marked again", "招收新生【待核实：9350人】。", []string{"9350人"}},
		{"dates from facts", "9月15日召开表彰大会。", nil},
		{"dates invented", "10月开展活动，1-6月累计。", []string{"10月开展活动", "1-6月累计"}},
		{"placeholders and Latin", "招收新生xx人，20xx年，x.xx%，5G网络，H5页面，COVID-19。", nil},
		{"counted Chinese numerals", "新招一百二十人，两名教师，十二个班，三十余所学校。", []string{"新招一百二十人", "两名教师", "十二个班", "三十余所学校"}},
		{"counts after 高/周", "提高两个百分点，每周两次，高三班。", []string{"提高两个百分点", "每周两次"}},
		{"decimal at a line start", "3.5 万平方米校舍投入使用。\n1.4亿元全部到位。", []string{"3.5 万平方米校舍投入使用"}},
		{"idioms", "千家万户，三令五申，十一期间，百花齐放，正月十五元宵节。", nil},
		{"bare numbers", "共有12所学校，师生比为1:17。", []string{"共有12所学校", "师生比为1", "17"}},
		{"1.5万 equals 15000", "培训教师15000人次，培训1.5 万人次。", nil},
		{"rank invented", "获全市第5名。", []string{"获全市第5名"}},
		{"deduplicated in order", "新招50人，又招50人，再招60人，新招50人。", []string{"新招50人", "又招50人", "再招60人"}},
		{"full-width digits", "招聘特岗教师８０名，新招９９名。", []string{"新招９９名"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Checker{}.Check(tt.draft, facts)
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(res.Unsupported, want) {
				t.Errorf("Unsupported = %q, want %q", res.Unsupported, want)
			}
		})
	}
}

func TestCheckPeriodNumbers(t *testing.T) {
	q3 := mustFacts(t, "org: 甲\nyear: 2024\nperiod: q3\nsections:\n  党建: [新发展党员8人]\n")
	annual := mustFacts(t, "org: 甲\nyear: 2024\nsections:\n  党建: [新发展党员8人]\n")
	text := "第3季度，新发展党员8人；第三季度工作。"
	if res := (Checker{}).Check(text, q3); !res.OK {
		t.Errorf("q3 report: %+v", res)
	}
	if res := (Checker{}).Check(text, annual); !reflect.DeepEqual(res.Unsupported, []string{"第3季度", "第三季度工作"}) {
		t.Errorf("annual report: %+v", res)
	}
}

func TestCheckConfiguredFixed(t *testing.T) {
	facts := mustFacts(t, "org: 甲\nyear: 2024\nsections:\n  德育: [开展活动8场]\n")
	text := "开展活动8场，落实“五个一”工程。"
	if res := (Checker{}).Check(text, facts); !reflect.DeepEqual(res.Unsupported, []string{"五个一"}) {
		t.Errorf("without config: %+v", res)
	}
	if res := (Checker{Fixed: []string{"五个一"}}).Check(text, facts); !res.OK {
		t.Errorf("with config: %+v", res)
	}
}

func TestCheckMissing(t *testing.T) {
	facts := mustFacts(t, checkFacts)
	all := []string{"新发展党员8人", "推荐15人参加党员积极分子培训", "招聘特岗教师80名", "培训教师1.5万人次", "投入资金1.4亿元", "新建学校3所", "新增学位1,200个", "本科上线率33.09%", "在校生6000余人", "9月15日召开教师节表彰大会"}
	t.Run("empty draft misses all, placeholders ignored", func(t *testing.T) {
		res := Checker{}.Check("", facts)
		if res.OK || !reflect.DeepEqual(res.Missing, all) || len(res.Unsupported) != 0 {
			t.Errorf("got %+v", res)
		}
	})
	t.Run("any written form satisfies", func(t *testing.T) {
		text := "新发展党员8人，推荐15人参加培训。招聘特岗教师八十名，培训教师15000人次。投入资金14000万元，新建学校三所，新增学位1200个。本科上线率33.09%，在校生近6000人，9月15日召开大会。"
		if res := (Checker{}).Check(text, facts); !res.OK {
			t.Errorf("got %+v", res)
		}
	})
	t.Run("one left out", func(t *testing.T) {
		text := "新发展党员8人，推荐15人参加培训。招聘特岗教师八十名，培训教师15000人次。投入资金14000万元，新建学校三所，新增学位1200个。在校生近6000人。"
		res := Checker{}.Check(text, facts)
		if !reflect.DeepEqual(res.Missing, []string{"本科上线率33.09%", "9月15日召开教师节表彰大会"}) || len(res.Unsupported) != 0 {
			t.Errorf("got %+v", res)
		}
	})
	t.Run("percent not satisfied by an amount", func(t *testing.T) {
		res := Checker{}.Check("投入33.09万元。", mustFacts(t, "org: 甲\nyear: 2024\nsections:\n  教育质量: [本科上线率33.09%]\n"))
		if !reflect.DeepEqual(res.Missing, []string{"本科上线率33.09%"}) || !reflect.DeepEqual(res.Unsupported, []string{"投入33.09万元"}) {
			t.Errorf("got %+v", res)
		}
	})
	t.Run("placeholder-only facts need nothing", func(t *testing.T) {
		res := Checker{}.Check("做好招生工作。", mustFacts(t, "org: 甲\nyear: 2024\nsections:\n  教育质量: [招收新生xx人, 上线率x.xx%]\n"))
		if !res.OK {
			t.Errorf("got %+v", res)
		}
	})
}

func TestMark(t *testing.T) {
	facts := mustFacts(t, checkFacts)
	text := "新发展党员8人，招收新生9350人，投入资金14000万元，2019年以来新建学校3所，2024年新增学位1200个。"
	marked, res := Checker{}.Mark(text, facts)
	want := "新发展党员8人，招收新生【待核实：9350人】，投入资金14000万元，【待核实：2019年】以来新建学校3所，2024年新增学位1200个。"
	if marked != want {
		t.Errorf("Mark =\n%s\nwant\n%s", marked, want)
	}
	if !reflect.DeepEqual(res.Unsupported, []string{"招收新生9350人", "2019年以来新建学校3所"}) {
		t.Errorf("Unsupported = %q", res.Unsupported)
	}
	// Marking is idempotent: marked figures are not marked again, and the
	// check lists what the marks hold.
	again, res2 := Checker{}.Mark(marked, facts)
	if again != marked || !reflect.DeepEqual(res2.Unsupported, []string{"9350人", "2019年"}) {
		t.Errorf("second Mark changed the text or flagged again: %s %+v", again, res2)
	}
	// Every occurrence is marked, not just the first.
	if m, _ := (Checker{}).Mark("新招50人，又是50人。", facts); strings.Count(m, "【待核实：50人】") != 2 {
		t.Errorf("Mark = %s", m)
	}
}

func TestCheckSection(t *testing.T) {
	facts := mustFacts(t, checkFacts)
	own := facts.For("党建")
	// 80名 belongs to 师资 but is the user's figure: supported; the section's
	// own 推荐15人 is missing; other sections' figures are not required.
	res := Checker{}.CheckSection("新发展党员8人，招聘特岗教师80名，新招9350人。", own, facts)
	if !reflect.DeepEqual(res.Unsupported, []string{"新招9350人"}) || !reflect.DeepEqual(res.Missing, []string{"推荐15人参加党员积极分子培训"}) || res.OK {
		t.Errorf("got %+v", res)
	}
	// With no facts of its own (the opening), nothing is missing.
	if res := (Checker{}).CheckSection("2024年，全县教育工作稳步推进。", nil, facts); !res.OK {
		t.Errorf("opening: %+v", res)
	}
	marked, _ := Checker{}.MarkSection("新招9350人。", own, facts)
	if marked != "新招【待核实：9350人】。" {
		t.Errorf("MarkSection = %s", marked)
	}
}

func TestCheckFactsPassThemselves(t *testing.T) {
	// A draft made of the user's own facts (what the offline composer does)
	// must pass: the check and the facts file agree on what a figure is.
	f, err := loadFactsFile(t, "valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("# 清丰县教育局2024年工作总结及2025年工作计划\n\n")
	for i, c := range f.Categories() {
		b.WriteString("## " + cnHeadingNumber(i+1) + "、" + c + "\n\n")
		for _, fact := range f.For(c) {
			b.WriteString(fact.Text + "。")
		}
		b.WriteString("\n\n")
	}
	if res := (Checker{}).Check(b.String(), f); !res.OK {
		t.Errorf("got %+v\n%s", res, b.String())
	}
}

// cnHeadingNumber writes 1–9 as a Chinese heading numeral.
func cnHeadingNumber(n int) string { return string([]rune("一二三四五六七八九")[n-1]) }

func TestCheckResultJSON(t *testing.T) {
	for _, r := range []CheckResult{{}, Checker{}.Check("", Facts{})} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != `{"ok":false,"unsupported":[],"missing":[]}` && string(b) != `{"ok":true,"unsupported":[],"missing":[]}` {
			t.Errorf("JSON = %s", b)
		}
	}
}

func BenchmarkCheckReport(b *testing.B) {
	f, err := LoadFacts("facts.yaml", []byte(checkFacts), corpus.DefaultTaxonomy())
	if err != nil {
		b.Fatal(err)
	}
	para := "## （一）加强队伍建设\n\n2024年，新发展党员8人，招聘特岗教师八十名，培训教师15000人次，投入资金14000万元，新建学校三所，新增学位1200个，本科上线率33.09%，落实三会一课，坚持五育并举，完成一个目标。\n\n"
	text := strings.Repeat(para, 40) // about 5,000 characters: a long report
	b.ResetTimer()
	for b.Loop() {
		Checker{Fixed: []string{"十四五", "二十大"}}.Mark(text, f)
	}
}

// BenchmarkCheck50Facts checks a 5,000-character draft against a facts file
// of 50 facts (the target: under 2 ms).
func BenchmarkCheck50Facts(b *testing.B) {
	var src strings.Builder
	src.WriteString("org: 甲县教育局\nyear: 2024\nsections:\n")
	cats := []string{"党建", "办学条件", "师资", "安全", "扶贫"}
	var para strings.Builder
	for i := 0; i < 50; i++ {
		if i%10 == 0 {
			src.WriteString("  " + cats[i/10] + ":\n")
		}
		fact := fmt.Sprintf("开展第%d项工作%d场，惠及学生%d.%d万人次", i+1, 10+i, i+2, i%10)
		src.WriteString("    - " + fact + "\n")
		para.WriteString(fact + "，落实三会一课，坚持五育并举。")
	}
	f, err := LoadFacts("facts.yaml", []byte(src.String()), corpus.DefaultTaxonomy())
	if err != nil {
		b.Fatal(err)
	}
	text := para.String()
	for utf8.RuneCountInString(text) < 5000 {
		text += "全县教育系统坚持立德树人根本任务，持续深化教育教学改革，办好人民满意的教育。"
	}
	c := NewChecker([]string{"十四五"})
	b.ResetTimer()
	for b.Loop() {
		if res := c.Check(text, f); !res.OK {
			b.Fatalf("check failed: %+v", res)
		}
	}
}
